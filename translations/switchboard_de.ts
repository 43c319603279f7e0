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
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>The cache cannot be opened:
%1</source>
        <translation>Der Cache kann nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <source>The demo sandbox did not start: %1</source>
        <translation>Die Demo-Sandbox ist nicht gestartet: %1</translation>
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
        <source>Sync is not configured: set SWITCHBOARD_STRIPE_KEY or start with --demo.</source>
        <translation>Der Abgleich ist nicht eingerichtet: SWITCHBOARD_STRIPE_KEY setzen oder mit --demo starten.</translation>
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
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>The last sync failed: %1</source>
        <translation>Der letzte Abgleich ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Zuletzt abgeglichen %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht abgeglichen</translation>
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
        <source>Not linked to any provider account</source>
        <translation>Mit keinem Anbieterkonto verknüpft</translation>
    </message>
    <message>
        <source>Open the account at the provider</source>
        <translation>Das Konto beim Anbieter öffnen</translation>
    </message>
</context>
<context>
    <name>sb::ui::SearchPanel</name>
    <message>
        <source>Search email, name or Stripe id  (Ctrl+K)</source>
        <translation>E-Mail, Name oder Stripe-ID suchen  (Strg+K)</translation>
    </message>
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
        <source>Type an email, a name, or a Stripe id (cus_, ch_, pi_, in_, sub_, cs_, evt_, re_, du_) to find a person.</source>
        <translation>Geben Sie eine E-Mail-Adresse, einen Namen oder eine Stripe-ID (cus_, ch_, pi_, in_, sub_, cs_, evt_, re_, du_) ein, um eine Person zu finden.</translation>
    </message>
    <message>
        <source>Nobody matches &quot;%1&quot;. Try part of the email or the last name.</source>
        <translation>Niemand passt zu „%1“. Versuchen Sie einen Teil der E-Mail-Adresse oder den Nachnamen.</translation>
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
        <source>Pull what changed in Stripe since the last sync (F5)</source>
        <translation>Holen, was sich seit dem letzten Abgleich in Stripe geändert hat (F5)</translation>
    </message>
    <message>
        <source>Stop the sync; what was already pulled is kept (Esc)</source>
        <translation>Abgleich anhalten; bereits Geholtes bleibt erhalten (Esc)</translation>
    </message>
    <message>
        <source>Syncing Stripe…</source>
        <translation>Stripe wird abgeglichen …</translation>
    </message>
    <message>
        <source>Syncing Stripe (%1): %2 — %3 items, %4 requests</source>
        <translation>Stripe wird abgeglichen (%1): %2 — %3 Einträge, %4 Anfragen</translation>
    </message>
    <message>
        <source>new events</source>
        <translation>neue Ereignisse</translation>
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
</context>
</TS>
