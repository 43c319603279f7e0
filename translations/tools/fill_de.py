#!/usr/bin/env python3
"""Fills translations/switchboard_de.ts from the German glossary below.
Run: cmake --build build --target update_translations && python3 translations/tools/fill_de.py translations/switchboard_de.ts
     && cmake --build build --target update_translations   (the second lupdate restores its own formatting)
Strings missing here stay unfinished, so lrelease falls back to English for them."""
import sys
import xml.etree.ElementTree as ET

DE = {
    "No payments": "Keine Zahlungen",
    "Active subscription": "Aktives Abo",
    "Trial": "Testphase",
    "Payment failed — past due": "Zahlung fehlgeschlagen — überfällig",
    "Subscription ended": "Abo beendet",
    "Paid": "Bezahlt",
    "Refunded": "Erstattet",
    "Dispute open": "Zahlungsanfechtung offen",
    " · %1 net": " · %1 netto",
    "just now": "gerade eben",
    "%1 min ago": "vor %1 Min.",
    "%1 h ago": "vor %1 Std.",
    "%1 days ago": "vor %1 Tagen",
    "Switchboard: Stripe, Circle and Kit in one console": "Switchboard: Stripe, Circle und Kit in einer Konsole",
    "Start the sandbox with the demo world and use it": "Die Sandbox mit der Demo-Welt starten und verwenden",
    "The cache database": "Die Cache-Datenbank",
    "INI file with provider base URLs": "INI-Datei mit den Basis-URLs der Anbieter",
    "Save a screenshot after the first sync and quit": "Nach dem ersten Abgleich ein Bildschirmfoto speichern und beenden",
    "With --screenshot: open this person first": "Mit --screenshot: zuerst diese Person öffnen",
    "Switchboard": "Switchboard",
    "The cache cannot be opened:\n%1": "Der Cache kann nicht geöffnet werden:\n%1",
    "The demo sandbox did not start: %1": "Die Demo-Sandbox ist nicht gestartet: %1",
    "the sandbox printed no base URL": "die Sandbox hat keine Basis-URL ausgegeben",
    "cannot start %1": "%1 kann nicht gestartet werden",
    "the sandbox stopped unexpectedly": "die Sandbox wurde unerwartet beendet",
    "the sandbox exited with code %1: %2": "die Sandbox wurde mit Code %1 beendet: %2",
    "%1 is missing; build it with ./build.sh": "%1 fehlt; mit ./build.sh bauen",
    "(unnamed person %1)": "(Person %1 ohne Namen)",
    "Matched id %1": "Treffer über ID %1",
    "Matched %1": "Treffer: %1",
    "Stripe": "Stripe",
    "Circle": "Circle",
    "Kit": "Kit",
    "%1 (seen)": "%1 (gesehen)",
    "Observed by a sync at this time; the provider does not record when it happened.":
        "Zu diesem Zeitpunkt bei einem Abgleich beobachtet; der Anbieter speichert nicht, wann es geschah.",
    "System": "System",
    "Time": "Zeit",
    "What happened": "Was geschah",
    "Amount": "Betrag",
    "Find a person to see their payments and history.\n\nCtrl+K  search   ·   Enter  open the first match   ·   F5  sync now":
        "Suchen Sie eine Person, um ihre Zahlungen und ihren Verlauf zu sehen.\n\n"
        "Strg+K  suchen   ·   Eingabe  ersten Treffer öffnen   ·   F5  jetzt abgleichen",
    "Sync is not configured: set SWITCHBOARD_STRIPE_KEY or start with --demo.":
        "Der Abgleich ist nicht eingerichtet: SWITCHBOARD_STRIPE_KEY setzen oder mit --demo starten.",
    "Find person": "Person suchen",
    "Open this profile instead of the active one": "Dieses Profil statt des aktiven öffnen",
    "secret key, test mode": "geheimer Schlüssel, Testmodus",
    "secret key, live mode": "geheimer Schlüssel, Livemodus",
    "restricted key, test mode": "eingeschränkter Schlüssel, Testmodus",
    "restricted key, live mode": "eingeschränkter Schlüssel, Livemodus",
    "publishable key": "veröffentlichbarer Schlüssel",
    "not a Stripe API key": "kein Stripe-API-Schlüssel",
    "Cannot read: %1. Give the key Read access to these resources.":
        "Nicht lesbar: %1. Geben Sie dem Schlüssel Lesezugriff auf diese Ressourcen.",
    "This key can also write (%1); Switchboard only reads Stripe. Use a restricted key with Read access only.":
        "Dieser Schlüssel kann auch schreiben (%1); Switchboard liest Stripe nur. Verwenden Sie einen eingeschränkten Schlüssel nur mit Lesezugriff.",
    "everything": "alles",
    "Could not tell whether the key can write %1: %2": "Nicht feststellbar, ob der Schlüssel %1 schreiben kann: %2",
    "Connected with a %1: it can read everything Switchboard needs.": "Verbunden mit %1: Er kann alles lesen, was Switchboard braucht.",
    "Connected with a %1, but some data cannot be read.": "Verbunden mit %1, aber manche Daten sind nicht lesbar.",
    "Stripe refused the key: %1": "Stripe hat den Schlüssel abgelehnt: %1",
    "Cannot test the connection: %1": "Die Verbindung kann nicht getestet werden: %1",
    "A publishable key (pk_) cannot read payments. Use a restricted key (rk_).":
        "Ein veröffentlichbarer Schlüssel (pk_) kann keine Zahlungen lesen. Verwenden Sie einen eingeschränkten Schlüssel (rk_).",
    "This is not a Stripe API key: they start with rk_ (restricted) or sk_ (secret).":
        "Das ist kein Stripe-API-Schlüssel: Diese beginnen mit rk_ (eingeschränkt) oder sk_ (geheim).",
    "Connected to Circle: %1 members.": "Mit Circle verbunden: %1 Mitglieder.",
    "Connected to Circle.": "Mit Circle verbunden.",
    "Circle refused the token. Check it, and try the other auth scheme (now %1).":
        "Circle hat das Token abgelehnt. Prüfen Sie es und versuchen Sie das andere Anmeldeschema (jetzt %1).",
    "Circle says this token may not use the Admin API: it must be an Admin V2 token, on the Business plan or higher.":
        "Laut Circle darf dieses Token die Admin-API nicht nutzen: Es muss ein Admin-V2-Token sein, ab dem Business-Tarif.",
    "Cannot reach Circle: %1": "Circle ist nicht erreichbar: %1",
    "Circle answered %1: %2": "Circle antwortete %1: %2",
    "Connected to Kit account \"%1\" (%2).": "Mit dem Kit-Konto „%1“ verbunden (%2).",
    "Kit refused the API key. Use a v4 API key from Settings → Developer.":
        "Kit hat den API-Schlüssel abgelehnt. Verwenden Sie einen v4-API-Schlüssel aus Einstellungen → Entwickler.",
    "Cannot reach Kit: %1": "Kit ist nicht erreichbar: %1",
    "Kit answered %1.": "Kit antwortete %1.",
    "the macOS Keychain": "dem macOS-Schlüsselbund",
    "the Windows Credential Manager": "der Windows-Anmeldeinformationsverwaltung",
    "the Secret Service keyring (GNOME Keyring or KWallet)": "dem Secret-Service-Schlüsselbund (GNOME Keyring oder KWallet)",
    "memory (not saved)": "dem Arbeitsspeicher (nicht gespeichert)",
    "Connections": "Verbindungen",
    "New profile…": "Neues Profil …",
    "Delete profile": "Profil löschen",
    "Sandbox preset": "Sandbox-Vorgabe",
    "Point every provider at a local switchboard-sandbox on port 8765 with its test keys":
        "Alle Anbieter auf eine lokale switchboard-sandbox an Port 8765 mit ihren Testschlüsseln richten",
    "Profile:": "Profil:",
    "Keys are kept in %1, never in files, logs or the cache.": "Schlüssel liegen in %1, nie in Dateien, Protokollen oder im Cache.",
    "A restricted key (rk_live_… or rk_test_…) with Read access is all Switchboard needs":
        "Ein eingeschränkter Schlüssel (rk_live_… oder rk_test_…) mit Lesezugriff genügt Switchboard",
    "An Admin V2 token (Circle: Developers → Tokens)": "Ein Admin-V2-Token (Circle: Entwickler → Tokens)",
    "A v4 API key (Kit: Settings → Developer)": "Ein v4-API-Schlüssel (Kit: Einstellungen → Entwickler)",
    "Back": "Zurück",
    "Save profile": "Profil speichern",
    "Save and use this profile": "Speichern und dieses Profil verwenden",
    "New profile": "Neues Profil",
    "Name (for example \"live\" or \"test\"):": "Name (zum Beispiel „live“ oder „test“):",
    "A profile name is 1 to 40 letters, digits, spaces, _ or -.": "Ein Profilname besteht aus 1 bis 40 Buchstaben, Ziffern, Leerzeichen, _ oder -.",
    "Delete the profile \"%1\" and its keys from the keychain? Its cache file stays.":
        "Das Profil „%1“ und seine Schlüssel aus dem Schlüsselbund löschen? Die Cache-Datei bleibt.",
    "Profile \"%1\" deleted.": "Profil „%1“ gelöscht.",
    "Save key": "Schlüssel speichern",
    "Delete key": "Schlüssel löschen",
    "Test connection": "Verbindung testen",
    "Base URL": "Basis-URL",
    "Key": "Schlüssel",
    "Auth scheme": "Anmeldeschema",
    "Checking the keychain…": "Schlüsselbund wird geprüft …",
    "A key is saved in the keychain (%1). Type a new one to replace it.":
        "Ein Schlüssel ist im Schlüsselbund gespeichert (%1). Geben Sie einen neuen ein, um ihn zu ersetzen.",
    "No key saved.": "Kein Schlüssel gespeichert.",
    "The keychain cannot be used: %1": "Der Schlüsselbund ist nicht nutzbar: %1",
    "No keychain: %1. Keys cannot be saved until one is available; headless runs can use SWITCHBOARD_STRIPE_KEY, SWITCHBOARD_CIRCLE_TOKEN and SWITCHBOARD_KIT_KEY.":
        "Kein Schlüsselbund: %1. Schlüssel können erst gespeichert werden, wenn einer verfügbar ist; Läufe ohne Oberfläche können SWITCHBOARD_STRIPE_KEY, SWITCHBOARD_CIRCLE_TOKEN und SWITCHBOARD_KIT_KEY verwenden.",
    "Type the key first.": "Geben Sie zuerst den Schlüssel ein.",
    "That is a %1; Switchboard needs a restricted (rk_) or secret (sk_) key.":
        "Das ist ein %1; Switchboard braucht einen eingeschränkten (rk_) oder geheimen (sk_) Schlüssel.",
    "The key was not saved: %1": "Der Schlüssel wurde nicht gespeichert: %1",
    "Key saved in the keychain.": "Schlüssel im Schlüsselbund gespeichert.",
    "Delete the saved %1 key from the keychain?": "Den gespeicherten %1-Schlüssel aus dem Schlüsselbund löschen?",
    "Key deleted.": "Schlüssel gelöscht.",
    "The key was not deleted: %1": "Der Schlüssel wurde nicht gelöscht: %1",
    "Testing…": "Wird getestet …",
    "Key: %1.": "Schlüssel: %1.",
    "No key to test: type one or save one first.": "Kein Schlüssel zum Testen: Geben Sie zuerst einen ein oder speichern Sie einen.",
    "Profile \"%1\" saved. Its cache is %2.": "Profil „%1“ gespeichert. Sein Cache ist %2.",
    "Sandbox preset filled in: start `switchboard-sandbox --demo --port %1`, then save the keys and the profile.":
        "Sandbox-Vorgabe eingetragen: Starten Sie `switchboard-sandbox --demo --port %1` und speichern Sie dann die Schlüssel und das Profil.",
    "No Stripe key: add one in Connections (Ctrl+,), or start with --demo.":
        "Kein Stripe-Schlüssel: Fügen Sie unter Verbindungen (Strg+,) einen hinzu oder starten Sie mit --demo.",
    "Keys could not be read: %1": "Schlüssel konnten nicht gelesen werden: %1",
    "The keychain could not be read; see Connections (Ctrl+,).": "Der Schlüsselbund konnte nicht gelesen werden; siehe Verbindungen (Strg+,).",
    "&Switchboard": "&Switchboard",
    "&Connections…": "&Verbindungen …",
    "Open the &demo community": "&Demo-Community öffnen",
    "&Quit": "&Beenden",
    "Welcome to Switchboard": "Willkommen bei Switchboard",
    "Switchboard keeps Stripe, Circle and Kit in one place, so you can see who paid, who has access and who gets your emails, and where the three disagree.\n\nNothing is connected yet.":
        "Switchboard bringt Stripe, Circle und Kit an einen Ort: Sie sehen, wer bezahlt hat, wer Zugang hat und wer Ihre E-Mails bekommt – und wo die drei sich widersprechen.\n\nNoch ist nichts verbunden.",
    "Explore the demo community": "Die Demo-Community erkunden",
    "Opens a second window on a sandbox with 200 made-up members; nothing real is touched":
        "Öffnet ein zweites Fenster mit einer Sandbox voller 200 erfundener Mitglieder; nichts Echtes wird berührt",
    "Connect your accounts…": "Ihre Konten verbinden …",
    "The cache is empty. Connect Stripe in Connections (Ctrl+,), or explore the demo community.":
        "Der Cache ist leer. Verbinden Sie Stripe unter Verbindungen (Strg+,) oder erkunden Sie die Demo-Community.",

    "Open the account at the provider": "Das Konto beim Anbieter öffnen",
    "The last sync failed: %1": "Der letzte Abgleich ist fehlgeschlagen: %1",
    "Last synced %1": "Zuletzt abgeglichen %1",
    "Not synced yet": "Noch nicht abgeglichen",
    "Sync now": "Jetzt abgleichen",
    "Cancel sync": "Abgleich abbrechen",
    "Quit": "Beenden",
    "Timeline": "Verlauf",
    "Nothing recorded for this person yet.": "Für diese Person ist noch nichts erfasst.",
    "The timeline could not be read: %1": "Der Verlauf konnte nicht gelesen werden: %1",
    "Person not found": "Person nicht gefunden",
    "(no name)": "(kein Name)",
    "No email known": "Keine E-Mail-Adresse bekannt",
    "Not linked to any provider account": "Mit keinem Anbieterkonto verknüpft",
    "Search email, name or Stripe id  (Ctrl+K)": "E-Mail, Name oder Stripe-ID suchen  (Strg+K)",
    "Search people": "Personen suchen",
    "Search results": "Suchergebnisse",
    "Search failed: %1": "Suche fehlgeschlagen: %1",
    "The cache is empty. Press Sync now (F5) to pull your Stripe data; people appear here as soon as they are synced.":
        "Der Cache ist leer. „Jetzt abgleichen“ (F5) holt Ihre Stripe-Daten; Personen erscheinen hier, sobald sie abgeglichen sind.",
    "Type an email, a name, or a Stripe id (cus_, ch_, pi_, in_, sub_, cs_, evt_, re_, du_) to find a person.":
        "Geben Sie eine E-Mail-Adresse, einen Namen oder eine Stripe-ID (cus_, ch_, pi_, in_, sub_, cs_, evt_, re_, du_) ein, um eine Person zu finden.",
    "Nobody matches \"%1\". Try part of the email or the last name.":
        "Niemand passt zu „%1“. Versuchen Sie einen Teil der E-Mail-Adresse oder den Nachnamen.",
    "Cancel": "Abbrechen",
    "Pull what changed in Stripe since the last sync (F5)": "Holen, was sich seit dem letzten Abgleich in Stripe geändert hat (F5)",
    "Stop the sync; what was already pulled is kept (Esc)": "Abgleich anhalten; bereits Geholtes bleibt erhalten (Esc)",
    "Syncing Stripe…": "Stripe wird abgeglichen …",
    "Syncing Stripe (%1): %2 — %3 items, %4 requests": "Stripe wird abgeglichen (%1): %2 — %3 Einträge, %4 Anfragen",
    "new events": "neue Ereignisse",
    "full": "vollständig",
    "Sync cancelled at %1; %2 items were kept. Sync again to continue.":
        "Abgleich um %1 abgebrochen; %2 Einträge wurden behalten. Erneut abgleichen, um fortzufahren.",
    "Sync failed at %1: %2": "Abgleich um %1 fehlgeschlagen: %2",
    "Synced at %1 — %2 items, %3 requests": "Abgeglichen um %1 — %2 Einträge, %3 Anfragen",
}

path = sys.argv[1]
tree = ET.parse(path)
missing = 0
for msg in tree.iter("message"):
    src = msg.find("source").text or ""
    tr = msg.find("translation")
    if src in DE:
        tr.text = DE[src]
        tr.attrib.pop("type", None)
    elif tr.attrib.get("type") == "unfinished":
        missing += 1
        print("untranslated:", repr(src), file=sys.stderr)
tree.write(path, encoding="utf-8", xml_declaration=True)
with open(path, "r+", encoding="utf-8") as f:
    text = f.read().replace("<?xml version='1.0' encoding='utf-8'?>", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    f.seek(0); f.write(text); f.truncate()
sys.exit(0)
