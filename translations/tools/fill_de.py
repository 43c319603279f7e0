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
