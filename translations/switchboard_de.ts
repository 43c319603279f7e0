<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Formatting</name>
    <message>
        <source>No payments</source>
        <translation>Keine Zahlungen</translation>
    </message>
    <message>
        <source>Active subscription</source>
        <translation>Aktives Abo</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>Testphase</translation>
    </message>
    <message>
        <source>Payment failed — past due</source>
        <translation>Zahlung fehlgeschlagen — überfällig</translation>
    </message>
    <message>
        <source>Subscription ended</source>
        <translation>Abo beendet</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Dispute open</source>
        <translation>Zahlungsanfechtung offen</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>vor %1 Min.</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>vor %1 Std.</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <source> · %1 net</source>
        <translation> · %1 netto</translation>
    </message>
    <message>
        <source>Active member</source>
        <translation>Aktives Mitglied</translation>
    </message>
    <message>
        <source>Deactivated (inactive)</source>
        <translation>Deaktiviert (inaktiv)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Unsubscribed (cancelled)</source>
        <translation>Abgemeldet (gekündigt)</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Marked the email as spam (complained)</source>
        <translation>Hat die E-Mail als Spam markiert (Beschwerde)</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Not a member</source>
        <translation>Kein Mitglied</translation>
    </message>
    <message>
        <source>Not a subscriber</source>
        <translation>Kein Abonnent</translation>
    </message>
    <message>
        <source>no access group</source>
        <translation>keine Zugangsgruppe</translation>
    </message>
    <message>
        <source>groups: %1</source>
        <translation>Gruppen: %1</translation>
    </message>
    <message>
        <source>spaces: %1</source>
        <translation>Bereiche: %1</translation>
    </message>
    <message>
        <source>tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <source>Customer created</source>
        <translation>Kunde angelegt</translation>
    </message>
    <message>
        <source>Customer deleted</source>
        <translation>Kunde gelöscht</translation>
    </message>
    <message>
        <source>Payment succeeded</source>
        <translation>Zahlung erfolgreich</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Zahlung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstattung</translation>
    </message>
    <message>
        <source>Dispute opened</source>
        <translation>Zahlungsanfechtung eröffnet</translation>
    </message>
    <message>
        <source>Dispute won</source>
        <translation>Zahlungsanfechtung gewonnen</translation>
    </message>
    <message>
        <source>Dispute lost</source>
        <translation>Zahlungsanfechtung verloren</translation>
    </message>
    <message>
        <source>Subscription started</source>
        <translation>Abo begonnen</translation>
    </message>
    <message>
        <source>Cancellation scheduled</source>
        <translation>Kündigung vorgemerkt</translation>
    </message>
    <message>
        <source>Subscription past due</source>
        <translation>Abo überfällig</translation>
    </message>
    <message>
        <source>Subscription unpaid</source>
        <translation>Abo unbezahlt</translation>
    </message>
    <message>
        <source>Subscription paused</source>
        <translation>Abo pausiert</translation>
    </message>
    <message>
        <source>Subscription recovered</source>
        <translation>Abo wieder bezahlt</translation>
    </message>
    <message>
        <source>Invoice uncollectible</source>
        <translation>Rechnung uneinbringlich</translation>
    </message>
    <message>
        <source>Invoice voided</source>
        <translation>Rechnung storniert</translation>
    </message>
    <message>
        <source>Checkout completed</source>
        <translation>Checkout abgeschlossen</translation>
    </message>
    <message>
        <source>Email changed</source>
        <translation>E-Mail-Adresse geändert</translation>
    </message>
    <message>
        <source>Became a member</source>
        <translation>Mitglied geworden</translation>
    </message>
    <message>
        <source>Accepted the invitation</source>
        <translation>Einladung angenommen</translation>
    </message>
    <message>
        <source>Member reactivated</source>
        <translation>Mitglied reaktiviert</translation>
    </message>
    <message>
        <source>Member deactivated</source>
        <translation>Mitglied deaktiviert</translation>
    </message>
    <message>
        <source>Member deleted</source>
        <translation>Mitglied gelöscht</translation>
    </message>
    <message>
        <source>Added to access group</source>
        <translation>Zur Zugangsgruppe hinzugefügt</translation>
    </message>
    <message>
        <source>Removed from access group</source>
        <translation>Aus der Zugangsgruppe entfernt</translation>
    </message>
    <message>
        <source>Joined space</source>
        <translation>Bereich beigetreten</translation>
    </message>
    <message>
        <source>Left space</source>
        <translation>Bereich verlassen</translation>
    </message>
    <message>
        <source>Space membership inactive</source>
        <translation>Bereichsmitgliedschaft inaktiv</translation>
    </message>
    <message>
        <source>Circle tag added</source>
        <translation>Circle-Tag hinzugefügt</translation>
    </message>
    <message>
        <source>Circle tag removed</source>
        <translation>Circle-Tag entfernt</translation>
    </message>
    <message>
        <source>Subscribed</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Resubscribed</source>
        <translation>Wieder angemeldet</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Email bounced</source>
        <translation>E-Mail unzustellbar</translation>
    </message>
    <message>
        <source>Marked as spam</source>
        <translation>Als Spam markiert</translation>
    </message>
    <message>
        <source>Kit tag added</source>
        <translation>Kit-Tag hinzugefügt</translation>
    </message>
    <message>
        <source>Kit tag removed</source>
        <translation>Kit-Tag entfernt</translation>
    </message>
    <message>
        <source>Subscriber state changed</source>
        <translation>Abonnentenstatus geändert</translation>
    </message>
    <message>
        <source>address differs only by +suffix or dots</source>
        <translation>Adresse unterscheidet sich nur durch +Zusatz oder Punkte</translation>
    </message>
    <message>
        <source>an address one of them used to have</source>
        <translation>eine Adresse, die einer von beiden früher hatte</translation>
    </message>
    <message>
        <source>sequences: %1</source>
        <translation>Sequenzen: %1</translation>
    </message>
    <message>
        <source>Added to a Kit sequence</source>
        <translation>Zu einer Kit-Sequenz hinzugefügt</translation>
    </message>
    <message>
        <source>Left a Kit sequence</source>
        <translation>Aus einer Kit-Sequenz entfernt</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Switchboard: Stripe, Circle and Kit in one console</source>
        <translation>Switchboard: Stripe, Circle und Kit in einer Konsole</translation>
    </message>
    <message>
        <source>Start the sandbox with the demo world and use it</source>
        <translation>Die Sandbox mit der Demo-Welt starten und verwenden</translation>
    </message>
    <message>
        <source>The cache database</source>
        <translation>Die Cache-Datenbank</translation>
    </message>
    <message>
        <source>INI file with provider base URLs</source>
        <translation>INI-Datei mit den Basis-URLs der Anbieter</translation>
    </message>
    <message>
        <source>Save a screenshot after the first sync and quit</source>
        <translation>Nach dem ersten Abgleich ein Bildschirmfoto speichern und beenden</translation>
    </message>
    <message>
        <source>With --screenshot: open this person first</source>
        <translation>Mit --screenshot: zuerst diese Person öffnen</translation>
    </message>
    <message>
        <source>Open this profile instead of the active one</source>
        <translation>Dieses Profil statt des aktiven öffnen</translation>
    </message>
</context>
<context>
    <name>sb::app::DemoLauncher</name>
    <message>
        <source>the sandbox printed no base URL</source>
        <translation>die Sandbox hat keine Basis-URL ausgegeben</translation>
    </message>
    <message>
        <source>cannot start %1</source>
        <translation>%1 kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>the sandbox stopped unexpectedly</source>
        <translation>die Sandbox wurde unerwartet beendet</translation>
    </message>
    <message>
        <source>the sandbox exited with code %1: %2</source>
        <translation>die Sandbox wurde mit Code %1 beendet: %2</translation>
    </message>
    <message>
        <source>%1 is missing; build it with ./build.sh</source>
        <translation>%1 fehlt; mit ./build.sh bauen</translation>
    </message>
</context>
<context>
    <name>sb::app::Session</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>The demo sandbox did not start: %1</source>
        <translation>Die Demo-Sandbox ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>The cache cannot be opened:
%1</source>
        <translation>Der Cache kann nicht geöffnet werden:
%1</translation>
    </message>
</context>
<context>
    <name>sb::connections::ConnectionTester</name>
    <message>
        <source>secret key, test mode</source>
        <translation>geheimer Schlüssel, Testmodus</translation>
    </message>
    <message>
        <source>secret key, live mode</source>
        <translation>geheimer Schlüssel, Livemodus</translation>
    </message>
    <message>
        <source>restricted key, test mode</source>
        <translation>eingeschränkter Schlüssel, Testmodus</translation>
    </message>
    <message>
        <source>restricted key, live mode</source>
        <translation>eingeschränkter Schlüssel, Livemodus</translation>
    </message>
    <message>
        <source>publishable key</source>
        <translation>veröffentlichbarer Schlüssel</translation>
    </message>
    <message>
        <source>not a Stripe API key</source>
        <translation>kein Stripe-API-Schlüssel</translation>
    </message>
    <message>
        <source>Cannot read: %1. Give the key Read access to these resources.</source>
        <translation>Nicht lesbar: %1. Geben Sie dem Schlüssel Lesezugriff auf diese Ressourcen.</translation>
    </message>
    <message>
        <source>Connected with a %1, but some data cannot be read.</source>
        <translation>Verbunden mit %1, aber manche Daten sind nicht lesbar.</translation>
    </message>
    <message>
        <source>Stripe refused the key: %1</source>
        <translation>Stripe hat den Schlüssel abgelehnt: %1</translation>
    </message>
    <message>
        <source>Cannot test the connection: %1</source>
        <translation>Die Verbindung kann nicht getestet werden: %1</translation>
    </message>
    <message>
        <source>A publishable key (pk_) cannot read payments. Use a restricted key (rk_).</source>
        <translation>Ein veröffentlichbarer Schlüssel (pk_) kann keine Zahlungen lesen. Verwenden Sie einen eingeschränkten Schlüssel (rk_).</translation>
    </message>
    <message>
        <source>This is not a Stripe API key: they start with rk_ (restricted) or sk_ (secret).</source>
        <translation>Das ist kein Stripe-API-Schlüssel: Diese beginnen mit rk_ (eingeschränkt) oder sk_ (geheim).</translation>
    </message>
    <message>
        <source>Connected to Circle.</source>
        <translation>Mit Circle verbunden.</translation>
    </message>
    <message>
        <source>Circle refused the token. Check it, and try the other auth scheme (now %1).</source>
        <translation>Circle hat das Token abgelehnt. Prüfen Sie es und versuchen Sie das andere Anmeldeschema (jetzt %1).</translation>
    </message>
    <message>
        <source>Circle says this token may not use the Admin API: it must be an Admin V2 token, on the Business plan or higher.</source>
        <translation>Laut Circle darf dieses Token die Admin-API nicht nutzen: Es muss ein Admin-V2-Token sein, ab dem Business-Tarif.</translation>
    </message>
    <message>
        <source>Cannot reach Circle: %1</source>
        <translation>Circle ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Circle answered %1: %2</source>
        <translation>Circle antwortete %1: %2</translation>
    </message>
    <message>
        <source>Connected to Kit account &quot;%1&quot; (%2).</source>
        <translation>Mit dem Kit-Konto „%1“ verbunden (%2).</translation>
    </message>
    <message>
        <source>Kit refused the API key. Use a v4 API key from Settings → Developer.</source>
        <translation>Kit hat den API-Schlüssel abgelehnt. Verwenden Sie einen v4-API-Schlüssel aus Einstellungen → Entwickler.</translation>
    </message>
    <message>
        <source>Cannot reach Kit: %1</source>
        <translation>Kit ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Kit answered %1.</source>
        <translation>Kit antwortete %1.</translation>
    </message>
    <message>
        <source>Connected to Circle: %1 members.</source>
        <translation>Mit Circle verbunden: %1 Mitglieder.</translation>
    </message>
    <message>
        <source>Connected with a %1: it can read everything Switchboard needs.</source>
        <translation>Verbunden mit %1: Er kann alles lesen, was Switchboard braucht.</translation>
    </message>
    <message>
        <source>This key can also write (%1); Switchboard only reads Stripe. Use a restricted key with Read access only.</source>
        <translation>Dieser Schlüssel kann auch schreiben (%1); Switchboard liest Stripe nur. Verwenden Sie einen eingeschränkten Schlüssel nur mit Lesezugriff.</translation>
    </message>
    <message>
        <source>everything</source>
        <translation>alles</translation>
    </message>
    <message>
        <source>Could not tell whether the key can write %1: %2</source>
        <translation>Nicht feststellbar, ob der Schlüssel %1 schreiben kann: %2</translation>
    </message>
</context>
<context>
    <name>sb::models::SearchModel</name>
    <message>
        <source>(unnamed person %1)</source>
        <translation>(Person %1 ohne Namen)</translation>
    </message>
    <message>
        <source>Matched id %1</source>
        <translation>Treffer über ID %1</translation>
    </message>
    <message>
        <source>Matched %1</source>
        <translation>Treffer: %1</translation>
    </message>
</context>
<context>
    <name>sb::models::TimelineModel</name>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>Circle</translation>
    </message>
    <message>
        <source>Kit</source>
        <translation>Kit</translation>
    </message>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>%1 (seen)</source>
        <translation>%1 (gesehen)</translation>
    </message>
    <message>
        <source>Observed by a sync at this time; the provider does not record when it happened.</source>
        <translation>Zu diesem Zeitpunkt bei einem Abgleich beobachtet; der Anbieter speichert nicht, wann es geschah.</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
</context>
<context>
    <name>sb::secrets::KeychainSecretStore</name>
    <message>
        <source>the macOS Keychain</source>
        <translation>dem macOS-Schlüsselbund</translation>
    </message>
    <message>
        <source>the Windows Credential Manager</source>
        <translation>der Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <source>the Secret Service keyring (GNOME Keyring or KWallet)</source>
        <translation>dem Secret-Service-Schlüsselbund (GNOME Keyring oder KWallet)</translation>
    </message>
</context>
<context>
    <name>sb::secrets::MemorySecretStore</name>
    <message>
        <source>memory (not saved)</source>
        <translation>dem Arbeitsspeicher (nicht gespeichert)</translation>
    </message>
</context>
<context>
    <name>sb::ui::ConnectionsPage</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>Neues Profil …</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>Sandbox preset</source>
        <translation>Sandbox-Vorgabe</translation>
    </message>
    <message>
        <source>Point every provider at a local switchboard-sandbox on port 8765 with its test keys</source>
        <translation>Alle Anbieter auf eine lokale switchboard-sandbox an Port 8765 mit ihren Testschlüsseln richten</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Keys are kept in %1, never in files, logs or the cache.</source>
        <translation>Schlüssel liegen in %1, nie in Dateien, Protokollen oder im Cache.</translation>
    </message>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>A restricted key (rk_live_… or rk_test_…) with Read access is all Switchboard needs</source>
        <translation>Ein eingeschränkter Schlüssel (rk_live_… oder rk_test_…) mit Lesezugriff genügt Switchboard</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>Circle</translation>
    </message>
    <message>
        <source>An Admin V2 token (Circle: Developers → Tokens)</source>
        <translation>Ein Admin-V2-Token (Circle: Entwickler → Tokens)</translation>
    </message>
    <message>
        <source>Kit</source>
        <translation>Kit</translation>
    </message>
    <message>
        <source>A v4 API key (Kit: Settings → Developer)</source>
        <translation>Ein v4-API-Schlüssel (Kit: Einstellungen → Entwickler)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <source>Save and use this profile</source>
        <translation>Speichern und dieses Profil verwenden</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <source>Name (for example &quot;live&quot; or &quot;test&quot;):</source>
        <translation>Name (zum Beispiel „live“ oder „test“):</translation>
    </message>
    <message>
        <source>A profile name is 1 to 40 letters, digits, spaces, _ or -.</source>
        <translation>Ein Profilname besteht aus 1 bis 40 Buchstaben, Ziffern, Leerzeichen, _ oder -.</translation>
    </message>
    <message>
        <source>Delete the profile &quot;%1&quot; and its keys from the keychain? Its cache file stays.</source>
        <translation>Das Profil „%1“ und seine Schlüssel aus dem Schlüsselbund löschen? Die Cache-Datei bleibt.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; deleted.</source>
        <translation>Profil „%1“ gelöscht.</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Schlüssel speichern</translation>
    </message>
    <message>
        <source>Delete key</source>
        <translation>Schlüssel löschen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Auth scheme</source>
        <translation>Anmeldeschema</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>Schlüsselbund wird geprüft …</translation>
    </message>
    <message>
        <source>A key is saved in the keychain (%1). Type a new one to replace it.</source>
        <translation>Ein Schlüssel ist im Schlüsselbund gespeichert (%1). Geben Sie einen neuen ein, um ihn zu ersetzen.</translation>
    </message>
    <message>
        <source>No key saved.</source>
        <translation>Kein Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>The keychain cannot be used: %1</source>
        <translation>Der Schlüsselbund ist nicht nutzbar: %1</translation>
    </message>
    <message>
        <source>No keychain: %1. Keys cannot be saved until one is available; headless runs can use SWITCHBOARD_STRIPE_KEY, SWITCHBOARD_CIRCLE_TOKEN and SWITCHBOARD_KIT_KEY.</source>
        <translation>Kein Schlüsselbund: %1. Schlüssel können erst gespeichert werden, wenn einer verfügbar ist; Läufe ohne Oberfläche können SWITCHBOARD_STRIPE_KEY, SWITCHBOARD_CIRCLE_TOKEN und SWITCHBOARD_KIT_KEY verwenden.</translation>
    </message>
    <message>
        <source>Type the key first.</source>
        <translation>Geben Sie zuerst den Schlüssel ein.</translation>
    </message>
    <message>
        <source>That is a %1; Switchboard needs a restricted (rk_) or secret (sk_) key.</source>
        <translation>Das ist ein %1; Switchboard braucht einen eingeschränkten (rk_) oder geheimen (sk_) Schlüssel.</translation>
    </message>
    <message>
        <source>The key was not saved: %1</source>
        <translation>Der Schlüssel wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Key saved in the keychain.</source>
        <translation>Schlüssel im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Delete the saved %1 key from the keychain?</source>
        <translation>Den gespeicherten %1-Schlüssel aus dem Schlüsselbund löschen?</translation>
    </message>
    <message>
        <source>Key deleted.</source>
        <translation>Schlüssel gelöscht.</translation>
    </message>
    <message>
        <source>The key was not deleted: %1</source>
        <translation>Der Schlüssel wurde nicht gelöscht: %1</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>Key: %1.</source>
        <translation>Schlüssel: %1.</translation>
    </message>
    <message>
        <source>No key to test: type one or save one first.</source>
        <translation>Kein Schlüssel zum Testen: Geben Sie zuerst einen ein oder speichern Sie einen.</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved. Its cache is %2.</source>
        <translation>Profil „%1“ gespeichert. Sein Cache ist %2.</translation>
    </message>
    <message>
        <source>Sandbox preset filled in: start `switchboard-sandbox --demo --port %1`, then save the keys and the profile.</source>
        <translation>Sandbox-Vorgabe eingetragen: Starten Sie `switchboard-sandbox --demo --port %1` und speichern Sie dann die Schlüssel und das Profil.</translation>
    </message>
</context>
<context>
    <name>sb::ui::MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Find a person to see their payments and history.

Ctrl+K  search   ·   Enter  open the first match   ·   F5  sync now</source>
        <translation>Suchen Sie eine Person, um ihre Zahlungen und ihren Verlauf zu sehen.

Strg+K  suchen   ·   Eingabe  ersten Treffer öffnen   ·   F5  jetzt abgleichen</translation>
    </message>
    <message>
        <source>Find person</source>
        <translation>Person suchen</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>Abgleich abbrechen</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Zuletzt abgeglichen %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht abgeglichen</translation>
    </message>
    <message>
        <source>No Stripe key: add one in Connections (Ctrl+,), or start with --demo.</source>
        <translation>Kein Stripe-Schlüssel: Fügen Sie unter Verbindungen (Strg+,) einen hinzu oder starten Sie mit --demo.</translation>
    </message>
    <message>
        <source>&amp;Switchboard</source>
        <translation>&amp;Switchboard</translation>
    </message>
    <message>
        <source>&amp;Connections…</source>
        <translation>&amp;Verbindungen …</translation>
    </message>
    <message>
        <source>Open the &amp;demo community</source>
        <translation>&amp;Demo-Community öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>The keychain could not be read; see Connections (Ctrl+,).</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden; siehe Verbindungen (Strg+,).</translation>
    </message>
    <message>
        <source>%1: failed</source>
        <translation>%1: fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: not synced yet</source>
        <translation>%1: noch nicht abgeglichen</translation>
    </message>
    <message>
        <source>The last sync failed for %1</source>
        <translation>Der letzte Abgleich ist fehlgeschlagen für %1</translation>
    </message>
</context>
<context>
    <name>sb::ui::PersonPage</name>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Nothing recorded for this person yet.</source>
        <translation>Für diese Person ist noch nichts erfasst.</translation>
    </message>
    <message>
        <source>The timeline could not be read: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Person not found</source>
        <translation>Person nicht gefunden</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>No email known</source>
        <translation>Keine E-Mail-Adresse bekannt</translation>
    </message>
    <message>
        <source>person %1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <source>All systems</source>
        <translation>Alle Systeme</translation>
    </message>
    <message>
        <source>Show rows from every system</source>
        <translation>Einträge aus allen Systemen zeigen</translation>
    </message>
    <message>
        <source>Show only %1 rows</source>
        <translation>Nur Einträge aus %1 zeigen</translation>
    </message>
    <message>
        <source>Kind of row</source>
        <translation>Art des Eintrags</translation>
    </message>
    <message>
        <source>Paid but no access group</source>
        <translation>Bezahlt, aber keine Zugangsgruppe</translation>
    </message>
    <message>
        <source>Paid but not in Circle</source>
        <translation>Bezahlt, aber nicht in Circle</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>ID kopieren</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 accounts</source>
        <translation>%1 Konten</translation>
    </message>
    <message>
        <source>This person has %1 separate %2 accounts; one of them may be a duplicate.</source>
        <translation>Diese Person hat %1 getrennte %2-Konten; eines davon ist vielleicht doppelt.</translation>
    </message>
    <message>
        <source>Open in %1</source>
        <translation>In %1 öffnen</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation>%1 in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy the %1 id</source>
        <translation>Die %1-ID kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Possibly the same person:</source>
        <translation>Möglicherweise dieselbe Person:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>%1 weitere</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>No rows match this filter.</source>
        <translation>Keine Einträge passen zu diesem Filter.</translation>
    </message>
    <message>
        <source>Not a customer</source>
        <translation>Kein Kunde</translation>
    </message>
</context>
<context>
    <name>sb::ui::SearchPanel</name>
    <message>
        <source>Search people</source>
        <translation>Personen suchen</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The cache is empty. Press Sync now (F5) to pull your Stripe data; people appear here as soon as they are synced.</source>
        <translation>Der Cache ist leer. „Jetzt abgleichen“ (F5) holt Ihre Stripe-Daten; Personen erscheinen hier, sobald sie abgeglichen sind.</translation>
    </message>
    <message>
        <source>Nobody matches &quot;%1&quot;. Try part of the email or the last name.</source>
        <translation>Niemand passt zu „%1“. Versuchen Sie einen Teil der E-Mail-Adresse oder den Nachnamen.</translation>
    </message>
    <message>
        <source>The cache is empty. Connect Stripe in Connections (Ctrl+,), or explore the demo community.</source>
        <translation>Der Cache ist leer. Verbinden Sie Stripe unter Verbindungen (Strg+,) oder erkunden Sie die Demo-Community.</translation>
    </message>
    <message>
        <source>Search email, name or any id  (Ctrl+K)</source>
        <translation>E-Mail, Name oder eine ID suchen  (Strg+K)</translation>
    </message>
    <message>
        <source>Type an email, a name, a Stripe id (cus_, ch_, pi_, in_, sub_, cs_, evt_, re_, du_), a Circle member id or a Kit subscriber id to find a person.</source>
        <translation>Eine E-Mail, einen Namen, eine Stripe-ID (cus_, ch_, pi_, in_, sub_, cs_, evt_, re_, du_), eine Circle-Mitglieds-ID oder eine Kit-Abonnenten-ID eingeben, um eine Person zu finden.</translation>
    </message>
</context>
<context>
    <name>sb::ui::SyncStatusBar</name>
    <message>
        <source>Sync now</source>
        <translation>Jetzt abgleichen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the sync; what was already pulled is kept (Esc)</source>
        <translation>Abgleich anhalten; bereits Geholtes bleibt erhalten (Esc)</translation>
    </message>
    <message>
        <source>full</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <source>Sync cancelled at %1; %2 items were kept. Sync again to continue.</source>
        <translation>Abgleich um %1 abgebrochen; %2 Einträge wurden behalten. Erneut abgleichen, um fortzufahren.</translation>
    </message>
    <message>
        <source>Sync failed at %1: %2</source>
        <translation>Abgleich um %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Synced at %1 — %2 items, %3 requests</source>
        <translation>Abgeglichen um %1 — %2 Einträge, %3 Anfragen</translation>
    </message>
    <message>
        <source>Pull what changed in Stripe, Circle and Kit since the last sync (F5)</source>
        <translation>Holen, was sich seit dem letzten Abgleich in Stripe, Circle und Kit geändert hat (F5)</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Abgleich läuft…</translation>
    </message>
    <message>
        <source>new changes</source>
        <translation>neue Änderungen</translation>
    </message>
    <message>
        <source>%1: %2…</source>
        <translation>%1: %2…</translation>
    </message>
    <message>
        <source>%1 (%2): %3 items, %4 requests</source>
        <translation>%1 (%2): %3 Einträge, %4 Anfragen</translation>
    </message>
    <message>
        <source>Syncing %1 (%2): %3 — %4 items, %5 requests</source>
        <translation>Abgleich %1 (%2): %3 — %4 Einträge, %5 Anfragen</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <source>Cancelled at %1; %2 items were kept. Sync again to continue.</source>
        <translation>Abgebrochen um %1; %2 Einträge wurden behalten. Erneut abgleichen, um fortzufahren.</translation>
    </message>
    <message>
        <source>%1: failed</source>
        <translation>%1: fehlgeschlagen</translation>
    </message>
    <message>
        <source>Failed at %1: %2</source>
        <translation>Fehlgeschlagen um %1: %2</translation>
    </message>
    <message>
        <source>%1: synced %2</source>
        <translation>%1: abgeglichen %2</translation>
    </message>
    <message>
        <source>%1 items, %2 requests</source>
        <translation>%1 Einträge, %2 Anfragen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Synced at %1 with problems — %2</source>
        <translation>Abgeglichen um %1, mit Problemen — %2</translation>
    </message>
    <message>
        <source>%1 of %2 requests of the monthly quota spent</source>
        <translation>%1 von %2 Anfragen des Monatskontingents verbraucht</translation>
    </message>
    <message>
        <source>%1 requests this month</source>
        <translation>%1 Anfragen in diesem Monat</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 Anfragen</translation>
    </message>
    <message>
        <source>%1: paused</source>
        <translation>%1: pausiert</translation>
    </message>
</context>
<context>
    <name>sb::ui::WelcomePage</name>
    <message>
        <source>Welcome to Switchboard</source>
        <translation>Willkommen bei Switchboard</translation>
    </message>
    <message>
        <source>Switchboard keeps Stripe, Circle and Kit in one place, so you can see who paid, who has access and who gets your emails, and where the three disagree.

Nothing is connected yet.</source>
        <translation>Switchboard bringt Stripe, Circle und Kit an einen Ort: Sie sehen, wer bezahlt hat, wer Zugang hat und wer Ihre E-Mails bekommt – und wo die drei sich widersprechen.

Noch ist nichts verbunden.</translation>
    </message>
    <message>
        <source>Explore the demo community</source>
        <translation>Die Demo-Community erkunden</translation>
    </message>
    <message>
        <source>Opens a second window on a sandbox with 200 made-up members; nothing real is touched</source>
        <translation>Öffnet ein zweites Fenster mit einer Sandbox voller 200 erfundener Mitglieder; nichts Echtes wird berührt</translation>
    </message>
    <message>
        <source>Connect your accounts…</source>
        <translation>Ihre Konten verbinden …</translation>
    </message>
</context>
</TS>
