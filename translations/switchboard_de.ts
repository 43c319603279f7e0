<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttentionNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>und %1 weitere</translation>
    </message>
    <message>
        <source>%1 sync failed %2 times in 10 minutes</source>
        <translation>Abgleich mit %1 ist %2-mal in 10 Minuten fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New urgent finding</source>
        <translation>Neuer dringender Befund</translation>
    </message>
    <message>
        <source>%1 new urgent findings</source>
        <translation>%1 neue dringende Befunde</translation>
    </message>
    <message>
        <source>Sync keeps failing</source>
        <translation>Der Abgleich schlägt wiederholt fehl</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Circle member invited</source>
        <translation>Circle-Mitglied eingeladen</translation>
    </message>
    <message>
        <source>Circle access group added</source>
        <translation>Circle-Zugangsgruppe hinzugefügt</translation>
    </message>
    <message>
        <source>Circle access group removed</source>
        <translation>Circle-Zugangsgruppe entfernt</translation>
    </message>
    <message>
        <source>Circle space added</source>
        <translation>Circle-Bereich hinzugefügt</translation>
    </message>
    <message>
        <source>Circle space removed</source>
        <translation>Circle-Bereich entfernt</translation>
    </message>
    <message>
        <source>Circle member deactivated</source>
        <translation>Circle-Mitglied deaktiviert</translation>
    </message>
    <message>
        <source>Kit subscriber added</source>
        <translation>Kit-Abonnent hinzugefügt</translation>
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
        <source>Added to a Kit sequence</source>
        <translation>Zu einer Kit-Sequenz hinzugefügt</translation>
    </message>
    <message>
        <source>Unsubscribed in Kit</source>
        <translation>In Kit abgemeldet</translation>
    </message>
    <message>
        <source>Accounts linked</source>
        <translation>Konten verknüpft</translation>
    </message>
    <message>
        <source>Accounts unlinked</source>
        <translation>Konten getrennt</translation>
    </message>
    <message>
        <source>Linking back to automatic</source>
        <translation>Verknüpfung wieder automatisch</translation>
    </message>
    <message>
        <source>Comp granted</source>
        <translation>Kostenlose Freischaltung gewährt</translation>
    </message>
    <message>
        <source>Comp revoked</source>
        <translation>Kostenlose Freischaltung entzogen</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>Notiz hinzugefügt</translation>
    </message>
    <message>
        <source>Finding resolved</source>
        <translation>Befund erledigt</translation>
    </message>
    <message>
        <source>Finding snoozed</source>
        <translation>Befund zurückgestellt</translation>
    </message>
    <message>
        <source>Finding unsnoozed</source>
        <translation>Befund wieder aufgenommen</translation>
    </message>
    <message>
        <source>Fix plan applied</source>
        <translation>Korrekturplan angewendet</translation>
    </message>
    <message>
        <source>Policy saved</source>
        <translation>Richtlinie gespeichert</translation>
    </message>
    <message>
        <source>Audit log exported</source>
        <translation>Prüfprotokoll exportiert</translation>
    </message>
    <message>
        <source>Evidence pack exported</source>
        <translation>Nachweispaket exportiert</translation>
    </message>
</context>
<context>
    <name>CheckFormatting</name>
    <message>
        <source>Fix</source>
        <translation>Beheben</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Stripe webhook endpoints</source>
        <translation>Stripe-Webhook-Endpunkte</translation>
    </message>
    <message>
        <source>Your webhook URL</source>
        <translation>Ihre Webhook-URL</translation>
    </message>
    <message>
        <source>Email authentication</source>
        <translation>E-Mail-Authentifizierung</translation>
    </message>
    <message>
        <source>Checkout and login pages</source>
        <translation>Checkout- und Anmeldeseiten</translation>
    </message>
    <message>
        <source>Recent buyers&apos; journeys</source>
        <translation>Wege der letzten Käufer</translation>
    </message>
    <message>
        <source>Live events in Switchboard</source>
        <translation>Live-Ereignisse in Switchboard</translation>
    </message>
</context>
<context>
    <name>EvidencePack</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>No payments</source>
        <translation>Keine Zahlungen</translation>
    </message>
    <message>
        <source>Active subscription</source>
        <translation>Aktives Abo</translation>
    </message>
    <message>
        <source>Trialing</source>
        <translation>Testphase</translation>
    </message>
    <message>
        <source>Past due (a renewal failed)</source>
        <translation>Überfällig (eine Verlängerung ist fehlgeschlagen)</translation>
    </message>
    <message>
        <source>Subscription canceled</source>
        <translation>Abo gekündigt</translation>
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
        <source>Disputed</source>
        <translation>Angefochten</translation>
    </message>
    <message>
        <source>paid in total %1</source>
        <translation>insgesamt %1 bezahlt</translation>
    </message>
    <message>
        <source>No account</source>
        <translation>Kein Konto</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>access groups: %1</source>
        <translation>Zugangsgruppen: %1</translation>
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
        <source>sequences: %1</source>
        <translation>Sequenzen: %1</translation>
    </message>
    <message>
        <source>%1 accounts</source>
        <translation>%1 Konten</translation>
    </message>
    <message>
        <source>[… %1 more characters cut]</source>
        <translation>[… %1 weitere Zeichen gekürzt]</translation>
    </message>
    <message>
        <source>Evidence pack: %1</source>
        <translation>Nachweispaket: %1</translation>
    </message>
    <message>
        <source>Made %1 by %2 with Switchboard, from its local cache of Stripe, Circle and Kit.</source>
        <translation>Erstellt am %1 von %2 mit Switchboard, aus dem lokalen Cache von Stripe, Circle und Kit.</translation>
    </message>
    <message>
        <source>Audit chain head when this pack was made: entry #%1, hash</source>
        <translation>Kopf der Protokollkette beim Erstellen dieses Pakets: Eintrag #%1, Hash</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-Mails</translation>
    </message>
    <message>
        <source>Switchboard person id</source>
        <translation>Switchboard-Personen-ID</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Account id</source>
        <translation>Konto-ID</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>Verknüpft</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>by email</source>
        <translation>per E-Mail</translation>
    </message>
    <message>
        <source>No accounts known.</source>
        <translation>Keine Konten bekannt.</translation>
    </message>
    <message>
        <source>Where they stand now</source>
        <translation>Aktueller Stand</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>None: Stripe, Circle and Kit agreed about this person.</source>
        <translation>Keine: Stripe, Circle und Kit stimmten bei dieser Person überein.</translation>
    </message>
    <message>
        <source>resolved %1 (%2)</source>
        <translation>erledigt %1 (%2)</translation>
    </message>
    <message>
        <source>by a person</source>
        <translation>von einem Menschen</translation>
    </message>
    <message>
        <source>by itself</source>
        <translation>von selbst</translation>
    </message>
    <message>
        <source>snoozed until %1 by %2: %3</source>
        <translation>zurückgestellt bis %1 von %2: %3</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Warum:</translation>
    </message>
    <message>
        <source>Began %1 · first seen %2 · last seen %3</source>
        <translation>Begann %1 · zuerst gesehen %2 · zuletzt gesehen %3</translation>
    </message>
    <message>
        <source>Fix plan:</source>
        <translation>Korrekturplan:</translation>
    </message>
    <message>
        <source>What Switchboard did (audit entries)</source>
        <translation>Was Switchboard getan hat (Protokolleinträge)</translation>
    </message>
    <message>
        <source>No actions were recorded about this person.</source>
        <translation>Zu dieser Person wurden keine Aktionen protokolliert.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>(for #%1)</source>
        <translation>(zu #%1)</translation>
    </message>
    <message>
        <source>Timeline (%1 rows, newest first)</source>
        <translation>Verlauf (%1 Einträge, neueste zuerst)</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>no later than %1</source>
        <translation>spätestens %1</translation>
    </message>
    <message>
        <source>Nothing recorded.</source>
        <translation>Nichts erfasst.</translation>
    </message>
    <message>
        <source>Checking this pack</source>
        <translation>Dieses Paket prüfen</translation>
    </message>
    <message>
        <source>Making this pack was recorded as audit entry #%1 (previous hash %2). Anyone with the cache can check that the audit log still holds it, unaltered:</source>
        <translation>Das Erstellen dieses Pakets wurde als Protokolleintrag #%1 festgehalten (vorheriger Hash %2). Wer den Cache hat, kann prüfen, dass das Prüfprotokoll ihn noch unverändert enthält:</translation>
    </message>
</context>
<context>
    <name>FindingFormatting</name>
    <message>
        <source>Paid for</source>
        <translation>Bezahlt für</translation>
    </message>
    <message>
        <source>Access group</source>
        <translation>Zugangsgruppe</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Circle member</source>
        <translation>Circle-Mitglied</translation>
    </message>
    <message>
        <source>Circle members</source>
        <translation>Circle-Mitglieder</translation>
    </message>
    <message>
        <source>Kit tag</source>
        <translation>Kit-Tag</translation>
    </message>
    <message>
        <source>Kit subscriber</source>
        <translation>Kit-Abonnent</translation>
    </message>
    <message>
        <source>Kit subscribers</source>
        <translation>Kit-Abonnenten</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>Mitgliedschaft</translation>
    </message>
    <message>
        <source>Memberships</source>
        <translation>Mitgliedschaften</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Zahlungen</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Abo</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Zahlungsanfechtung</translation>
    </message>
    <message>
        <source>Other person</source>
        <translation>Andere Person</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Emails</source>
        <translation>E-Mails</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Product id</source>
        <translation>Produkt-ID</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Grace until</source>
        <translation>Kulanz bis</translation>
    </message>
    <message>
        <source>Ended because</source>
        <translation>Beendet wegen</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>Bezahlt über</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlungsvorgang</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <source>Failed at</source>
        <translation>Fehlgeschlagen am</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>In</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Where (id)</source>
        <translation>Wo (ID)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Respond by</source>
        <translation>Antworten bis</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Last good sync</source>
        <translation>Letzter erfolgreicher Abgleich</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Interval (seconds)</source>
        <translation>Intervall (Sekunden)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Fix… on the attention page shows every remote call before anything changes; applying needs writes unlocked (Ctrl+Shift+U).</source>
        <translation>„Beheben…“ auf der Aufmerksamkeitsseite zeigt jeden Aufruf, bevor sich etwas ändert; Anwenden braucht entsperrte Schreibrechte (Strg+Umschalt+U).</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>Paid without access</source>
        <translation>Bezahlt ohne Zugang</translation>
    </message>
    <message>
        <source>Access without payment</source>
        <translation>Zugang ohne Zahlung</translation>
    </message>
    <message>
        <source>Kit tag missing</source>
        <translation>Kit-Tag fehlt</translation>
    </message>
    <message>
        <source>Kit tag without payment</source>
        <translation>Kit-Tag ohne Zahlung</translation>
    </message>
    <message>
        <source>Two Circle members</source>
        <translation>Zwei Circle-Mitglieder</translation>
    </message>
    <message>
        <source>Two Kit subscribers</source>
        <translation>Zwei Kit-Abonnenten</translation>
    </message>
    <message>
        <source>Paid twice</source>
        <translation>Doppelt bezahlt</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Zahlung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Dispute open</source>
        <translation>Zahlungsanfechtung offen</translation>
    </message>
    <message>
        <source>Email undeliverable</source>
        <translation>E-Mail nicht zustellbar</translation>
    </message>
    <message>
        <source>Possibly the same person</source>
        <translation>Möglicherweise dieselbe Person</translation>
    </message>
    <message>
        <source>Sync out of date</source>
        <translation>Abgleich veraltet</translation>
    </message>
</context>
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
    <name>QObject</name>
    <message>
        <source>Journeys not checked: there is no policy yet</source>
        <translation>Wege nicht geprüft: Es gibt noch keine Richtlinie</translation>
    </message>
    <message>
        <source>Without a policy Switchboard cannot tell what a payment should grant.</source>
        <translation>Ohne Richtlinie kann Switchboard nicht sagen, was eine Zahlung gewähren soll.</translation>
    </message>
    <message>
        <source>Set up the policy (Policy page, Ctrl+P): which price grants which group and tag.</source>
        <translation>Die Richtlinie einrichten (Seite Richtlinie, Strg+P): welcher Preis welche Gruppe und welchen Tag gewährt.</translation>
    </message>
    <message>
        <source>Journeys not checked: the cache could not be read</source>
        <translation>Wege nicht geprüft: Der Cache konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>Journeys not checked: no payment in the cache yet</source>
        <translation>Wege nicht geprüft: noch keine Zahlung im Cache</translation>
    </message>
    <message>
        <source>Sync Stripe first.</source>
        <translation>Zuerst Stripe abgleichen.</translation>
    </message>
    <message>
        <source>%1 median %2, slowest %3</source>
        <translation>%1: Median %2, am langsamsten %3</translation>
    </message>
    <message>
        <source>%1 of the last %2 buyers have every step</source>
        <translation>%1 der letzten %2 Käufer haben jeden Schritt</translation>
    </message>
    <message>
        <source>Open the Attention page: each is a finding with a fix. If many are missing, the automation that grants access after a payment is broken.</source>
        <translation>Die Seite Aufmerksamkeit öffnen: Jeder ist ein Befund mit einer Behebung. Fehlen viele, ist die Automatisierung defekt, die nach einer Zahlung den Zugang gewährt.</translation>
    </message>
    <message>
        <source>Buyers waited. Check the automation&apos;s queue or its schedule (a Zap that runs every 15 minutes shows up here).</source>
        <translation>Käufer haben gewartet. Die Warteschlange oder den Zeitplan der Automatisierung prüfen (ein Zap, der alle 15 Minuten läuft, zeigt sich hier).</translation>
    </message>
    <message>
        <source>Steps of recent buyers that never happened: %1</source>
        <translation>Schritte der letzten Käufer, die nie erfolgt sind: %1</translation>
    </message>
    <message>
        <source>Steps that took longer than the policy&apos;s grace: %1</source>
        <translation>Schritte, die länger als die Frist der Richtlinie gedauert haben: %1</translation>
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
    <message>
        <source>With --screenshot: show this page (readiness) after the sync</source>
        <translation>Mit --screenshot: nach dem Abgleich diese Seite zeigen (readiness)</translation>
    </message>
    <message>
        <source>Write the startup time, the first sync and the window&apos;s stalls to FILE as JSON, then quit</source>
        <translation>Startzeit, ersten Abgleich und Hänger des Fensters als JSON in DATEI schreiben, dann beenden</translation>
    </message>
</context>
<context>
    <name>sb::actions::ActionRunner</name>
    <message>
        <source>Switchboard is read-only: unlock writes to apply actions.</source>
        <translation>Switchboard liest nur: Zum Anwenden von Aktionen das Schreiben entsperren.</translation>
    </message>
    <message>
        <source>An action needs an actor.</source>
        <translation>Eine Aktion braucht einen Akteur.</translation>
    </message>
    <message>
        <source>An action needs a reason.</source>
        <translation>Eine Aktion braucht eine Begründung.</translation>
    </message>
    <message>
        <source>The audit log cannot be written, so nothing was changed: %1</source>
        <translation>Das Prüfprotokoll kann nicht geschrieben werden, daher wurde nichts geändert: %1</translation>
    </message>
    <message>
        <source>%1 (and its outcome could not be recorded: %2)</source>
        <translation>%1 (und das Ergebnis konnte nicht festgehalten werden: %2)</translation>
    </message>
    <message>
        <source>Another Switchboard on this computer is applying actions to this cache; try again when it is done.</source>
        <translation>Ein anderes Switchboard auf diesem Rechner wendet gerade Aktionen auf diesen Cache an; danach erneut versuchen.</translation>
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
    <name>sb::doctor::Doctor</name>
    <message>
        <source>Switchboard can verify live Stripe events</source>
        <translation>Switchboard kann Live-Ereignisse von Stripe prüfen</translation>
    </message>
    <message>
        <source>A Stripe webhook signing secret is set.</source>
        <translation>Ein Stripe-Webhook-Signaturgeheimnis ist festgelegt.</translation>
    </message>
    <message>
        <source>Live Stripe events are not set up in Switchboard</source>
        <translation>Live-Ereignisse von Stripe sind in Switchboard nicht eingerichtet</translation>
    </message>
    <message>
        <source>Without a signing secret, events forwarded to Switchboard are refused.</source>
        <translation>Ohne Signaturgeheimnis werden an Switchboard weitergeleitete Ereignisse abgelehnt.</translation>
    </message>
    <message>
        <source>Optional: add the endpoint&apos;s signing secret (whsec_…) on the Connections page to see payments as they happen, for example with `stripe listen --forward-to`.</source>
        <translation>Optional: das Signaturgeheimnis des Endpunkts (whsec_…) auf der Seite Verbindungen hinzufügen, um Zahlungen sofort zu sehen, zum Beispiel mit `stripe listen --forward-to`.</translation>
    </message>
    <message>
        <source>Switchboard can verify live Kit events</source>
        <translation>Switchboard kann Live-Ereignisse von Kit prüfen</translation>
    </message>
    <message>
        <source>Stripe&apos;s webhook endpoints were not checked</source>
        <translation>Die Webhook-Endpunkte von Stripe wurden nicht geprüft</translation>
    </message>
    <message>
        <source>Connect Stripe on the Connections page.</source>
        <translation>Stripe auf der Seite Verbindungen verbinden.</translation>
    </message>
    <message>
        <source>Email authentication was not checked</source>
        <translation>Die E-Mail-Authentifizierung wurde nicht geprüft</translation>
    </message>
    <message>
        <source>Enter the domain Kit sends your email from (and its DKIM selectors).</source>
        <translation>Die Domain eingeben, von der Kit Ihre E-Mails sendet (und ihre DKIM-Selektoren).</translation>
    </message>
    <message>
        <source>Your webhook URL was not probed</source>
        <translation>Ihre Webhook-URL wurde nicht getestet</translation>
    </message>
    <message>
        <source>A correctly signed test event needs the endpoint&apos;s signing secret.</source>
        <translation>Ein korrekt signiertes Testereignis braucht das Signaturgeheimnis des Endpunkts.</translation>
    </message>
    <message>
        <source>Add the %1 webhook signing secret on the Connections page, then probe again.</source>
        <translation>Das %1-Webhook-Signaturgeheimnis auf der Seite Verbindungen hinzufügen, dann erneut testen.</translation>
    </message>
    <message>
        <source>Enter your endpoint&apos;s URL and press Probe: Switchboard sends it one signed, one tampered and one unsigned test event.</source>
        <translation>Die URL Ihres Endpunkts eingeben und Testen wählen: Switchboard sendet ihm ein signiertes, ein manipuliertes und ein unsigniertes Testereignis.</translation>
    </message>
    <message>
        <source>Checkout and login pages were not checked</source>
        <translation>Checkout- und Anmeldeseiten wurden nicht geprüft</translation>
    </message>
    <message>
        <source>Enter the address of your checkout page and of your community&apos;s login page.</source>
        <translation>Die Adresse Ihrer Checkout-Seite und der Anmeldeseite Ihrer Community eingeben.</translation>
    </message>
    <message>
        <source>Journeys not checked</source>
        <translation>Wege nicht geprüft</translation>
    </message>
    <message>
        <source>Not checked (cancelled)</source>
        <translation>Nicht geprüft (abgebrochen)</translation>
    </message>
</context>
<context>
    <name>sb::doctor::StripeWebhookCheck</name>
    <message>
        <source>Stripe&apos;s webhook settings were not read (cancelled)</source>
        <translation>Die Webhook-Einstellungen von Stripe wurden nicht gelesen (abgebrochen)</translation>
    </message>
    <message>
        <source>Could not read %1 from Stripe</source>
        <translation>%1 konnte nicht von Stripe gelesen werden</translation>
    </message>
    <message>
        <source>Give the key Switchboard uses Read access to Webhook Endpoints and Events (a restricted key&apos;s permissions), then run the check again.</source>
        <translation>Dem Schlüssel, den Switchboard verwendet, Lesezugriff auf Webhook Endpoints und Events geben (die Berechtigungen eines eingeschränkten Schlüssels), dann die Prüfung erneut ausführen.</translation>
    </message>
    <message>
        <source>Check the connection to Stripe on the Connections page, then run again.</source>
        <translation>Die Verbindung zu Stripe auf der Seite Verbindungen prüfen, dann erneut ausführen.</translation>
    </message>
    <message>
        <source>the webhook endpoints</source>
        <translation>die Webhook-Endpunkte</translation>
    </message>
    <message>
        <source>the events whose delivery failed</source>
        <translation>die Ereignisse, deren Zustellung fehlgeschlagen ist</translation>
    </message>
    <message>
        <source>Endpoint %1 is disabled</source>
        <translation>Endpunkt %1 ist deaktiviert</translation>
    </message>
    <message>
        <source>Stripe sends nothing to it.</source>
        <translation>Stripe sendet nichts an ihn.</translation>
    </message>
    <message>
        <source>Enable it in Stripe (Developers → Webhooks), or delete it if it is not used.</source>
        <translation>Ihn in Stripe aktivieren (Entwickler → Webhooks) oder löschen, wenn er nicht verwendet wird.</translation>
    </message>
    <message>
        <source>Not subscribed: %1.</source>
        <translation>Nicht abonniert: %1.</translation>
    </message>
    <message>
        <source>Add these event types to the endpoint in Stripe (Developers → Webhooks → the endpoint → Select events).</source>
        <translation>Diese Ereignistypen dem Endpunkt in Stripe hinzufügen (Entwickler → Webhooks → der Endpunkt → Ereignisse auswählen).</translation>
    </message>
    <message>
        <source>Endpoint %1 receives every event type your products need</source>
        <translation>Endpunkt %1 empfängt jeden Ereignistyp, den Ihre Produkte brauchen</translation>
    </message>
    <message>
        <source>Subscribed to all events.</source>
        <translation>Alle Ereignisse abonniert.</translation>
    </message>
    <message>
        <source>Endpoint %1 is not https</source>
        <translation>Endpunkt %1 verwendet kein https</translation>
    </message>
    <message>
        <source>Events, with your customers&apos; details, travel unencrypted.</source>
        <translation>Ereignisse mit den Daten Ihrer Kunden werden unverschlüsselt übertragen.</translation>
    </message>
    <message>
        <source>Serve the endpoint over https and update its URL in Stripe.</source>
        <translation>Den Endpunkt über https bereitstellen und seine URL in Stripe aktualisieren.</translation>
    </message>
    <message>
        <source>Endpoint %1 follows the account&apos;s default API version</source>
        <translation>Endpunkt %1 folgt der Standard-API-Version des Kontos</translation>
    </message>
    <message>
        <source>Its event shapes change when the account&apos;s version is upgraded.</source>
        <translation>Die Form seiner Ereignisse ändert sich, wenn die Version des Kontos aktualisiert wird.</translation>
    </message>
    <message>
        <source>Pin the endpoint&apos;s API version when you create it, and test before upgrading.</source>
        <translation>Die API-Version des Endpunkts beim Anlegen festlegen und vor einer Aktualisierung testen.</translation>
    </message>
    <message>
        <source>Endpoint %1 uses API version %2</source>
        <translation>Endpunkt %1 verwendet API-Version %2</translation>
    </message>
    <message>
        <source>Stripe has no webhook endpoint</source>
        <translation>Stripe hat keinen Webhook-Endpunkt</translation>
    </message>
    <message>
        <source>Stripe has no enabled webhook endpoint</source>
        <translation>Stripe hat keinen aktivierten Webhook-Endpunkt</translation>
    </message>
    <message>
        <source>Nothing hears about a payment as it happens: access is granted only when someone or something polls.</source>
        <translation>Niemand erfährt sofort von einer Zahlung: Zugang wird erst gewährt, wenn jemand oder etwas nachfragt.</translation>
    </message>
    <message>
        <source>Add an endpoint in Stripe (Developers → Webhooks) for the service that grants access, with the event types listed here.</source>
        <translation>In Stripe einen Endpunkt (Entwickler → Webhooks) für den Dienst anlegen, der den Zugang gewährt, mit den hier aufgeführten Ereignistypen.</translation>
    </message>
    <message>
        <source>No failed webhook delivery in the last 30 days</source>
        <translation>Keine fehlgeschlagene Webhook-Zustellung in den letzten 30 Tagen</translation>
    </message>
    <message>
        <source>Alert: %1 webhook deliveries failed within %2 minutes (%3 in 30 days)</source>
        <translation>Alarm: %1 Webhook-Zustellungen innerhalb von %2 Minuten fehlgeschlagen (%3 in 30 Tagen)</translation>
    </message>
    <message>
        <source>For example: %1. Stripe retries for up to three days; until one succeeds, whoever paid may be waiting for access.</source>
        <translation>Zum Beispiel: %1. Stripe versucht es bis zu drei Tage lang erneut; bis ein Versuch gelingt, wartet der Käufer womöglich auf seinen Zugang.</translation>
    </message>
    <message>
        <source>Open the endpoint in Stripe (Developers → Webhooks) to see the errors, fix the endpoint, then resend the failed events. Switchboard&apos;s Attention page shows who is waiting.</source>
        <translation>Den Endpunkt in Stripe öffnen (Entwickler → Webhooks), um die Fehler zu sehen, den Endpunkt reparieren und dann die fehlgeschlagenen Ereignisse erneut senden. Die Seite Aufmerksamkeit in Switchboard zeigt, wer wartet.</translation>
    </message>
    <message>
        <source>Endpoint %1 misses event types your products need (%2)</source>
        <translation>Endpunkt %1 fehlen Ereignistypen, die Ihre Produkte brauchen (%2)</translation>
    </message>
    <message>
        <source>Event types subscribed: %1.</source>
        <translation>Abonnierte Ereignistypen: %1.</translation>
    </message>
    <message>
        <source>Failed webhook deliveries in the last 30 days: %1</source>
        <translation>Fehlgeschlagene Webhook-Zustellungen in den letzten 30 Tagen: %1</translation>
    </message>
</context>
<context>
    <name>sb::models::AuditModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>no change needed</source>
        <translation>keine Änderung nötig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>Abgleich</translation>
    </message>
    <message>
        <source>system</source>
        <translation>System</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 (for #%2)</source>
        <translation>%1 (zu #%2)</translation>
    </message>
    <message>
        <source>#%1 · %2</source>
        <translation>#%1 · %2</translation>
    </message>
    <message>
        <source>The outcome was recorded in #%1</source>
        <translation>Das Ergebnis steht in #%1</translation>
    </message>
    <message>
        <source>No outcome recorded yet</source>
        <translation>Noch kein Ergebnis festgehalten</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>sb::models::FindingsModel</name>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T.</translation>
    </message>
    <message>
        <source>All people</source>
        <translation>Alle Personen</translation>
    </message>
    <message>
        <source>%1 (snoozed until %2)</source>
        <translation>%1 (zurückgestellt bis %2)</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Seit %1</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Was nicht stimmt</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
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
    <message>
        <source>Audit entry #%1</source>
        <translation>Protokolleintrag #%1</translation>
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
    <name>sb::sync::SyncWorker</name>
    <message>
        <source>The cache cannot be opened.</source>
        <translation>Der Cache kann nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>sb::ui::ActionPreviewDialog</name>
    <message>
        <source>Local change: Switchboard treats the accounts as one person (no remote call; Stripe, Circle and Kit are not touched)</source>
        <translation>Lokale Änderung: Switchboard behandelt die Konten als eine Person (kein Aufruf; Stripe, Circle und Kit bleiben unberührt)</translation>
    </message>
    <message>
        <source>Local change: Switchboard treats the account as a person of its own (no remote call)</source>
        <translation>Lokale Änderung: Switchboard behandelt das Konto als eigene Person (kein Aufruf)</translation>
    </message>
    <message>
        <source>Local change: recorded in Switchboard only (Stripe is not written)</source>
        <translation>Lokale Änderung: nur in Switchboard festgehalten (Stripe wird nicht beschrieben)</translation>
    </message>
    <message>
        <source>Local change: the note is kept in the audit log (your reason is the note)</source>
        <translation>Lokale Änderung: die Notiz steht im Prüfprotokoll (Ihre Begründung ist die Notiz)</translation>
    </message>
    <message>
        <source>Local change in Switchboard (no remote call)</source>
        <translation>Lokale Änderung in Switchboard (kein Aufruf)</translation>
    </message>
    <message>
        <source>✓ applied</source>
        <translation>✓ angewendet</translation>
    </message>
    <message>
        <source>already done</source>
        <translation>bereits erledigt</translation>
    </message>
    <message>
        <source>already done: %1</source>
        <translation>bereits erledigt: %1</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
    <message>
        <source>outcome unknown: %1</source>
        <translation>Ergebnis unbekannt: %1</translation>
    </message>
    <message>
        <source>✗ failed</source>
        <translation>✗ fehlgeschlagen</translation>
    </message>
    <message>
        <source>✗ failed: %1</source>
        <translation>✗ fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>&amp;Reason (required, kept in the audit log with your name):</source>
        <translation>&amp;Begründung (erforderlich, steht mit Ihrem Namen im Prüfprotokoll):</translation>
    </message>
    <message>
        <source>Each change first re-reads the provider: nothing is written where it is already so, and a second apply changes nothing.</source>
        <translation>Jede Änderung liest zuerst den Anbieter neu: Wo es schon so ist, wird nichts geschrieben, und ein zweites Anwenden ändert nichts.</translation>
    </message>
    <message>
        <source>Step, and the remote calls it may make</source>
        <translation>Schritt und die Aufrufe, die er machen kann</translation>
    </message>
    <message>
        <source>Outcome · when a call is made</source>
        <translation>Ergebnis · wann ein Aufruf erfolgt</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>No fix proposed: this needs a person&apos;s judgement.</source>
        <translation>Keine Korrektur vorgeschlagen: Das muss ein Mensch beurteilen.</translation>
    </message>
    <message>
        <source>Do this yourself in Stripe: %1</source>
        <translation>Selbst in Stripe erledigen: %1</translation>
    </message>
    <message>
        <source>Do this yourself: %1</source>
        <translation>Selbst erledigen: %1</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>cannot be sent: %1</source>
        <translation>kann nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>not applied yet</source>
        <translation>noch nicht angewendet</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Why? For example: “ticket 4411, paid but could not log in”</source>
        <translation>Warum? Zum Beispiel: „Ticket 4411, bezahlt, kann sich nicht anmelden“</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Unlock writes…</source>
        <translation>Schreiben entsperren…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>1 finding</source>
        <translation>1 Befund</translation>
    </message>
    <message>
        <source>%1 findings</source>
        <translation>%1 Befunde</translation>
    </message>
    <message>
        <source>1 step</source>
        <translation>1 Schritt</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 Schritte</translation>
    </message>
    <message>
        <source>1 remote call</source>
        <translation>1 Aufruf</translation>
    </message>
    <message>
        <source>%1 remote calls</source>
        <translation>%1 Aufrufe</translation>
    </message>
    <message>
        <source>1 local change</source>
        <translation>1 lokale Änderung</translation>
    </message>
    <message>
        <source>%1 local changes</source>
        <translation>%1 lokale Änderungen</translation>
    </message>
    <message>
        <source>1 manual step skipped</source>
        <translation>1 Handschritt ausgelassen</translation>
    </message>
    <message>
        <source>%1 manual steps skipped</source>
        <translation>%1 Handschritte ausgelassen</translation>
    </message>
    <message>
        <source>1 step that cannot be sent</source>
        <translation>1 Schritt, der nicht gesendet werden kann</translation>
    </message>
    <message>
        <source>%1 steps that cannot be sent</source>
        <translation>%1 Schritte, die nicht gesendet werden können</translation>
    </message>
    <message>
        <source>Apply %1 steps</source>
        <translation>%1 Schritte anwenden</translation>
    </message>
    <message>
        <source>Read-only: Switchboard changes nothing until you unlock writes for this session. Unlocking asks who you are; then Apply sends the steps above.</source>
        <translation>Nur lesen: Switchboard ändert nichts, bis Sie das Schreiben für diese Sitzung entsperren. Beim Entsperren werden Sie nach Ihrem Namen gefragt; dann sendet „Anwenden“ die Schritte oben.</translation>
    </message>
    <message>
        <source>Nothing to send: every step is done by hand, outside Switchboard.</source>
        <translation>Nichts zu senden: Jeder Schritt wird von Hand außerhalb von Switchboard erledigt.</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>Nichts zu senden.</translation>
    </message>
    <message>
        <source>Acting as %1</source>
        <translation>Handelnd als %1</translation>
    </message>
    <message>
        <source>Acting as %1 (once unlocked)</source>
        <translation>Handelnd als %1 (nach dem Entsperren)</translation>
    </message>
    <message>
        <source>Say why first: the reason is kept in the audit log</source>
        <translation>Zuerst begründen: Die Begründung steht im Prüfprotokoll</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancel remaining steps</source>
        <translation>Restliche Schritte abbrechen</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>Schritt %v von %m</translation>
    </message>
    <message>
        <source>Waiting for the actions before these to finish…</source>
        <translation>Warte, bis die vorherigen Aktionen fertig sind…</translation>
    </message>
    <message>
        <source>Starting… (after a sync under way, if any)</source>
        <translation>Startet… (nach einem laufenden Abgleich, falls einer läuft)</translation>
    </message>
    <message>
        <source>Cancelling: the step under way finishes, the rest are not started…</source>
        <translation>Abbruch: Der laufende Schritt wird beendet, die übrigen werden nicht gestartet…</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>Schritt %1 von %2: %3</translation>
    </message>
    <message>
        <source>applying…</source>
        <translation>wird angewendet…</translation>
    </message>
    <message>
        <source>Calls made:
%1</source>
        <translation>Gemachte Aufrufe:
%1</translation>
    </message>
    <message>
        <source>not started (cancelled)</source>
        <translation>nicht gestartet (abgebrochen)</translation>
    </message>
    <message>
        <source>not sent (already asked)</source>
        <translation>nicht gesendet (bereits angefordert)</translation>
    </message>
</context>
<context>
    <name>sb::ui::ActionsController</name>
    <message>
        <source>Unlock writes</source>
        <translation>Schreiben entsperren</translation>
    </message>
    <message>
        <source>While writes are unlocked, the changes you apply in Circle and Kit are made for real and recorded in the audit log under your name, with your reason. Stripe is never written: refunds and disputes stay in Stripe&apos;s dashboard. Writes lock again when Switchboard closes.</source>
        <translation>Solange das Schreiben entsperrt ist, werden Ihre Änderungen in Circle und Kit wirklich ausgeführt und mit Ihrem Namen und Ihrer Begründung im Prüfprotokoll festgehalten. In Stripe wird nie geschrieben: Erstattungen und Streitfälle bleiben im Stripe-Dashboard. Beim Schließen von Switchboard wird das Schreiben wieder gesperrt.</translation>
    </message>
    <message>
        <source>Your name, as the audit log should show it</source>
        <translation>Ihr Name, wie ihn das Prüfprotokoll zeigen soll</translation>
    </message>
    <message>
        <source>Acting as</source>
        <translation>Handelnd als</translation>
    </message>
    <message>
        <source>&amp;Acting as:</source>
        <translation>&amp;Handelnd als:</translation>
    </message>
    <message>
        <source>Stay read-only</source>
        <translation>Nur lesen bleiben</translation>
    </message>
    <message>
        <source>Unlock writes…</source>
        <translation>Schreiben entsperren…</translation>
    </message>
    <message>
        <source>The last actions you applied; every step is in the audit log (Ctrl+4)</source>
        <translation>Die zuletzt angewendeten Aktionen; jeder Schritt steht im Prüfprotokoll (Strg+4)</translation>
    </message>
    <message>
        <source>Nothing can be changed without a connected account: add keys in Connections (Ctrl+,), or start with --demo.</source>
        <translation>Ohne verbundenes Konto lässt sich nichts ändern: Schlüssel unter Verbindungen (Strg+,) hinzufügen oder mit --demo starten.</translation>
    </message>
    <message>
        <source>Lock writes (read-only again)</source>
        <translation>Schreiben sperren (wieder nur lesen)</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Go back to read-only: nothing can be changed until you unlock again</source>
        <translation>Zurück zu nur lesen: Nichts lässt sich ändern, bis Sie wieder entsperren</translation>
    </message>
    <message>
        <source>Writes unlocked — %1</source>
        <translation>Schreiben entsperrt — %1</translation>
    </message>
    <message>
        <source>Changes you apply are made in Circle and Kit as %1 and recorded in the audit log. Click (or Ctrl+Shift+U) to lock again.</source>
        <translation>Ihre Änderungen werden in Circle und Kit als %1 ausgeführt und im Prüfprotokoll festgehalten. Klicken (oder Strg+Umschalt+U), um wieder zu sperren.</translation>
    </message>
    <message>
        <source>Allow changes in Circle and Kit for this session (asks who you are)</source>
        <translation>Änderungen in Circle und Kit für diese Sitzung erlauben (fragt nach Ihrem Namen)</translation>
    </message>
    <message>
        <source>Switchboard changes nothing until you unlock writes. Click (or Ctrl+Shift+U) to unlock for this session.</source>
        <translation>Switchboard ändert nichts, bis Sie das Schreiben entsperren. Klicken (oder Strg+Umschalt+U), um es für diese Sitzung zu entsperren.</translation>
    </message>
    <message>
        <source>%1 applied</source>
        <translation>%1 angewendet</translation>
    </message>
    <message>
        <source>%1 already done</source>
        <translation>%1 bereits erledigt</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 refused</source>
        <translation>%1 abgelehnt</translation>
    </message>
    <message>
        <source>Nothing was applied</source>
        <translation>Nichts wurde angewendet</translation>
    </message>
    <message>
        <source> (cancelled: the remaining steps were not started)</source>
        <translation> (abgebrochen: die übrigen Schritte wurden nicht gestartet)</translation>
    </message>
    <message>
        <source> — see the audit log (Ctrl+4)</source>
        <translation> — siehe Prüfprotokoll (Strg+4)</translation>
    </message>
</context>
<context>
    <name>sb::ui::AttentionAlerts</name>
    <message>
        <source>&amp;Mute notifications</source>
        <translation>Benachrichtigungen &amp;stummschalten</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Ansehen</translation>
    </message>
    <message>
        <source>Open the attention queue (Ctrl+1)</source>
        <translation>Die Liste „Braucht Aufmerksamkeit“ öffnen (Strg+1)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss the notification</source>
        <translation>Die Benachrichtigung schließen</translation>
    </message>
    <message>
        <source>No desktop notifications for urgent findings or failing syncs</source>
        <translation>Keine Desktop-Benachrichtigungen bei dringenden Befunden oder fehlschlagenden Abgleichen</translation>
    </message>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Open the attention queue</source>
        <translation>Die Liste „Braucht Aufmerksamkeit“ öffnen</translation>
    </message>
</context>
<context>
    <name>sb::ui::AttentionPage</name>
    <message>
        <source>Include snoozed</source>
        <translation>Zurückgestellte zeigen</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Filter by person, email or text</source>
        <translation>Nach Person, E-Mail oder Text filtern</translation>
    </message>
    <message>
        <source>Filter findings</source>
        <translation>Befunde filtern</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>Jede Dringlichkeit</translation>
    </message>
    <message>
        <source>High only</source>
        <translation>Nur hohe</translation>
    </message>
    <message>
        <source>Medium and high</source>
        <translation>Mittlere und hohe</translation>
    </message>
    <message>
        <source>Also list findings someone snoozed</source>
        <translation>Auch Befunde zeigen, die jemand zurückgestellt hat</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Select a finding to see why it was raised and how to fix it.</source>
        <translation>Einen Befund auswählen, um zu sehen, warum er gemeldet wurde und wie er sich beheben lässt.</translation>
    </message>
    <message>
        <source>Open person</source>
        <translation>Person öffnen</translation>
    </message>
    <message>
        <source>Show this person&apos;s page (Enter in the list)</source>
        <translation>Die Seite dieser Person zeigen (Eingabe in der Liste)</translation>
    </message>
    <message>
        <source>Snooze for</source>
        <translation>Zurückstellen für</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 Woche</translation>
    </message>
    <message>
        <source>Until a date…</source>
        <translation>Bis zu einem Datum…</translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation>Zurückstellen bis</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Grund (erforderlich)</translation>
    </message>
    <message>
        <source>Reason for snoozing</source>
        <translation>Grund für das Zurückstellen</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>Hide this finding until then; it comes back if it is still true</source>
        <translation>Diesen Befund bis dahin ausblenden; er kommt wieder, wenn er dann noch zutrifft</translation>
    </message>
    <message>
        <source>Unsnooze</source>
        <translation>Wieder aufnehmen</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Fakten</translation>
    </message>
    <message>
        <source>Fix plan (dry run)</source>
        <translation>Korrekturplan (Probelauf)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>The person&apos;s timeline</source>
        <translation>Der Verlauf der Person</translation>
    </message>
    <message>
        <source>This finding is not about one person.</source>
        <translation>Dieser Befund betrifft keine einzelne Person.</translation>
    </message>
    <message>
        <source>The last check for disagreements failed: %1. The list may be out of date.</source>
        <translation>Die letzte Prüfung auf Abweichungen ist fehlgeschlagen: %1. Die Liste ist vielleicht nicht aktuell.</translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation>Braucht Aufmerksamkeit (%1)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Show findings of every kind</source>
        <translation>Befunde jeder Art zeigen</translation>
    </message>
    <message>
        <source>Show only “%1” (%2 open)</source>
        <translation>Nur „%1“ zeigen (%2 offen)</translation>
    </message>
    <message>
        <source>%1, %2 open</source>
        <translation>%1, %2 offen</translation>
    </message>
    <message>
        <source>The findings could not be read: %1</source>
        <translation>Die Befunde konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No findings match these filters</source>
        <translation>Keine Befunde passen zu diesen Filtern</translation>
    </message>
    <message>
        <source>%1 open findings are hidden by the filters.</source>
        <translation>%1 offene Befunde sind durch die Filter ausgeblendet.</translation>
    </message>
    <message>
        <source>Checking for disagreements…</source>
        <translation>Suche nach Abweichungen…</translation>
    </message>
    <message>
        <source>Stripe, Circle and Kit are being compared; findings appear here.</source>
        <translation>Stripe, Circle und Kit werden verglichen; Befunde erscheinen hier.</translation>
    </message>
    <message>
        <source>Nothing needs attention</source>
        <translation>Nichts braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Stripe, Circle and Kit agreed at the last check (%1, %2).</source>
        <translation>Stripe, Circle und Kit stimmten bei der letzten Prüfung überein (%1, %2).</translation>
    </message>
    <message>
        <source>Stripe, Circle and Kit are compared after every sync (F5 syncs now).</source>
        <translation>Stripe, Circle und Kit werden nach jedem Abgleich verglichen (F5 gleicht jetzt ab).</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 · for %3</source>
        <translation>%1 · %2 · seit %3</translation>
    </message>
    <message>
        <source>Not about one person</source>
        <translation>Betrifft keine einzelne Person</translation>
    </message>
    <message>
        <source>No explanation recorded.</source>
        <translation>Keine Erklärung gespeichert.</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>Keine gespeichert.</translation>
    </message>
    <message>
        <source>No fix proposed: this needs a person&apos;s judgement.</source>
        <translation>Keine Korrektur vorgeschlagen: Das muss ein Mensch beurteilen.</translation>
    </message>
    <message>
        <source>First seen %1 · last seen %2</source>
        <translation>Zuerst gesehen %1 · zuletzt gesehen %2</translation>
    </message>
    <message>
        <source>Began %1</source>
        <translation>Begann %1</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Zurückgestellt bis %1</translation>
    </message>
    <message>
        <source> by %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>Reason for unsnoozing (required)</source>
        <translation>Grund für das Wiederaufnehmen (erforderlich)</translation>
    </message>
    <message>
        <source>Timeline of %1</source>
        <translation>Verlauf von %1</translation>
    </message>
    <message>
        <source>Say why you snooze it: the reason is kept with your name.</source>
        <translation>Sagen Sie, warum Sie ihn zurückstellen: Der Grund wird mit Ihrem Namen gespeichert.</translation>
    </message>
    <message>
        <source>Snoozed until %1: %2</source>
        <translation>Zurückgestellt bis %1: %2</translation>
    </message>
    <message>
        <source>Say why you unsnooze it: the reason is kept with your name.</source>
        <translation>Sagen Sie, warum Sie ihn wieder aufnehmen: Der Grund wird mit Ihrem Namen gespeichert.</translation>
    </message>
    <message>
        <source>Back in the queue.</source>
        <translation>Wieder in der Liste.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Fix all shown…</source>
        <translation>Alle gezeigten beheben…</translation>
    </message>
    <message>
        <source>Fix…</source>
        <translation>Beheben…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Erledigen…</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>Nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>Actions are not available here</source>
        <translation>Aktionen sind hier nicht verfügbar</translation>
    </message>
    <message>
        <source>Every step is done by hand: the preview lists them</source>
        <translation>Jeder Schritt wird von Hand erledigt: Die Vorschau listet sie auf</translation>
    </message>
    <message>
        <source>Preview the exact calls, then apply with a reason (Ctrl+Enter)</source>
        <translation>Die genauen Aufrufe ansehen, dann mit Begründung anwenden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Preview the fix plans of every finding the filters show, then apply them in one go</source>
        <translation>Die Behebungspläne aller gefilterten Befunde ansehen und in einem Schritt anwenden</translation>
    </message>
    <message>
        <source>Mark as handled by you: it leaves the queue (a new one is raised if the disagreement comes back)</source>
        <translation>Als von Ihnen erledigt markieren: Der Befund verlässt die Liste (kehrt die Abweichung zurück, entsteht ein neuer)</translation>
    </message>
    <message>
        <source>Hide this finding until then (asks to unlock writes first: the snooze is recorded in the audit log)</source>
        <translation>Diesen Befund bis dahin ausblenden (fragt zuerst nach dem Entsperren: das Zurückstellen steht im Prüfprotokoll)</translation>
    </message>
    <message>
        <source>Fix… shows every remote call before anything is changed.</source>
        <translation>„Beheben…“ zeigt jeden Aufruf, bevor etwas geändert wird.</translation>
    </message>
    <message>
        <source>Read-only: Fix… shows every remote call; applying needs writes unlocked (Ctrl+Shift+U).</source>
        <translation>Nur lesen: „Beheben…“ zeigt jeden Aufruf; Anwenden braucht entsperrte Schreibrechte (Strg+Umschalt+U).</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Beheben: %1</translation>
    </message>
    <message>
        <source>None of the findings shown has a fix plan.</source>
        <translation>Keiner der gezeigten Befunde hat einen Behebungsplan.</translation>
    </message>
    <message>
        <source>Fix all shown</source>
        <translation>Alle gezeigten beheben</translation>
    </message>
    <message>
        <source>Mark “%1” as resolved by you</source>
        <translation>„%1“ als von Ihnen erledigt markieren</translation>
    </message>
    <message>
        <source>Resolve finding</source>
        <translation>Befund erledigen</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>Wird festgehalten…</translation>
    </message>
    <message>
        <source>Snooze until %1</source>
        <translation>Zurückstellen bis %1</translation>
    </message>
</context>
<context>
    <name>sb::ui::AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Verify…</source>
        <translation>Prüfen…</translation>
    </message>
    <message>
        <source>Save the entries that match the filters as CSV or JSON Lines, with their hashes and the chain head</source>
        <translation>Die zu den Filtern passenden Einträge als CSV oder JSON Lines speichern, mit ihren Hashes und dem Kettenkopf</translation>
    </message>
    <message>
        <source>Check that no entry was edited, deleted or reordered since it was written</source>
        <translation>Prüfen, dass seit dem Schreiben kein Eintrag bearbeitet, gelöscht oder umsortiert wurde</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Person: email, name or account id</source>
        <translation>Person: E-Mail, Name oder Konto-ID</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Ab Datum</translation>
    </message>
    <message>
        <source>Entries on or after this day (local time); “any” leaves it open</source>
        <translation>Einträge ab diesem Tag (Ortszeit); „beliebig“ lässt es offen</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Bis Datum</translation>
    </message>
    <message>
        <source>Entries on or before this day (local time); “any” leaves it open</source>
        <translation>Einträge bis einschließlich diesem Tag (Ortszeit); „beliebig“ lässt es offen</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;bis</translation>
    </message>
    <message>
        <source>Check every entry&apos;s hash and its link to the one before. To also catch entries cut off the end, paste the head hash of an earlier export:</source>
        <translation>Den Hash jedes Eintrags und seine Verbindung zum vorigen prüfen. Um auch am Ende abgeschnittene Einträge zu erkennen, den Kopf-Hash eines früheren Exports einfügen:</translation>
    </message>
    <message>
        <source>Head hash (optional)</source>
        <translation>Kopf-Hash (optional)</translation>
    </message>
    <message>
        <source>Head hash of an earlier export</source>
        <translation>Kopf-Hash eines früheren Exports</translation>
    </message>
    <message>
        <source>Verify now</source>
        <translation>Jetzt prüfen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Copy head hash</source>
        <translation>Kopf-Hash kopieren</translation>
    </message>
    <message>
        <source>Keep it: Verify with it later tells a cut-off log from one that grew</source>
        <translation>Aufbewahren: Eine spätere Prüfung damit unterscheidet ein abgeschnittenes Protokoll von einem gewachsenen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Select an entry to see it in full.</source>
        <translation>Einen Eintrag auswählen, um ihn vollständig zu sehen.</translation>
    </message>
    <message>
        <source>Open person</source>
        <translation>Person öffnen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>Verknüpft</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriger</translation>
    </message>
    <message>
        <source>Request (as recorded)</source>
        <translation>Anfrage (wie festgehalten)</translation>
    </message>
    <message>
        <source>Request of the entry</source>
        <translation>Anfrage des Eintrags</translation>
    </message>
    <message>
        <source>Any actor</source>
        <translation>Jeder Akteur</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Jede Aktion</translation>
    </message>
    <message>
        <source>Circle: every action</source>
        <translation>Circle: alle Aktionen</translation>
    </message>
    <message>
        <source>Kit: every action</source>
        <translation>Kit: alle Aktionen</translation>
    </message>
    <message>
        <source>Links between accounts</source>
        <translation>Verknüpfungen zwischen Konten</translation>
    </message>
    <message>
        <source>Findings: resolve, snooze</source>
        <translation>Befunde: erledigen, zurückstellen</translation>
    </message>
    <message numerus="yes">
        <source>%n other people also match; type an email to choose.</source>
        <translation>
            <numerusform>%n weitere Person passt ebenfalls; zum Auswählen eine E-Mail eingeben.</numerusform>
            <numerusform>%n weitere Personen passen ebenfalls; zum Auswählen eine E-Mail eingeben.</numerusform>
        </translation>
    </message>
    <message>
        <source>person %1</source>
        <translation>Person %1</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Entries about %1: their accounts, addresses and findings.</source>
        <translation>Einträge zu %1: Konten, Adressen und Befunde.</translation>
    </message>
    <message>
        <source>No person in the cache matches “%1”; showing entries that name it exactly.</source>
        <translation>Keine Person im Cache passt zu „%1“; gezeigt werden Einträge, die es genau nennen.</translation>
    </message>
    <message>
        <source>The audit log could not be read: %1</source>
        <translation>Das Prüfprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No entries match these filters</source>
        <translation>Keine Einträge passen zu diesen Filtern</translation>
    </message>
    <message>
        <source>Change or clear the filters to see the rest of the log.</source>
        <translation>Filter ändern oder zurücksetzen, um den Rest des Protokolls zu sehen.</translation>
    </message>
    <message>
        <source>No actions recorded yet</source>
        <translation>Noch keine Aktionen protokolliert</translation>
    </message>
    <message>
        <source>Switchboard is read-only until you unlock writes. From then on, every change it makes in Circle or Kit, every link between accounts, snooze, resolved finding and export is recorded here: who did it, why, and what came of it, in a chain that shows any later edit.</source>
        <translation>Switchboard liest nur, bis das Schreiben entsperrt ist. Ab dann wird hier jede Änderung in Circle oder Kit, jede Verknüpfung zwischen Konten, jedes Zurückstellen, jeder erledigte Befund und jeder Export festgehalten: wer es getan hat, warum und mit welchem Ergebnis, in einer Kette, die jede spätere Bearbeitung zeigt.</translation>
    </message>
    <message>
        <source>%1 entries shown; the next ones could not be read: %2</source>
        <translation>%1 Einträge gezeigt; die nächsten konnten nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 entries shown, newest first · loading more…</source>
        <translation>%1 Einträge gezeigt, neueste zuerst · weitere werden geladen…</translation>
    </message>
    <message>
        <source>%1 entries shown, newest first · more load as you scroll</source>
        <translation>%1 Einträge gezeigt, neueste zuerst · weitere laden beim Scrollen</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>All %1 entries shown, newest first</source>
        <translation>Alle %1 Einträge gezeigt, neueste zuerst</translation>
    </message>
    <message>
        <source>#%1 · %2 · %3</source>
        <translation>#%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>No reason given.</source>
        <translation>Keine Begründung angegeben.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Answers intent #%1, written %2: %3</source>
        <translation>Antwort auf Absicht #%1, geschrieben %2: %3</translation>
    </message>
    <message>
        <source>Answers intent #%1, which is not in the log.</source>
        <translation>Antwort auf Absicht #%1, die nicht im Protokoll steht.</translation>
    </message>
    <message>
        <source>Show #%1</source>
        <translation>#%1 zeigen</translation>
    </message>
    <message>
        <source>Outcome %1, written %2 as #%3</source>
        <translation>Ergebnis %1, geschrieben %2 als #%3</translation>
    </message>
    <message>
        <source>intent; outcome: %1</source>
        <translation>Absicht; Ergebnis: %1</translation>
    </message>
    <message>
        <source>No outcome written yet. If Switchboard stopped in between, the next start records “outcome unknown”.</source>
        <translation>Noch kein Ergebnis geschrieben. Wurde Switchboard zwischendurch beendet, hält der nächste Start „Ergebnis unbekannt“ fest.</translation>
    </message>
    <message>
        <source>intent; no outcome yet</source>
        <translation>Absicht; noch kein Ergebnis</translation>
    </message>
    <message>
        <source>None: a single entry.</source>
        <translation>Keine: ein einzelner Eintrag.</translation>
    </message>
    <message>
        <source>Nothing named.</source>
        <translation>Nichts genannt.</translation>
    </message>
    <message>
        <source>Not about a person in the cache.</source>
        <translation>Betrifft keine Person im Cache.</translation>
    </message>
    <message>
        <source>No request recorded.</source>
        <translation>Keine Anfrage festgehalten.</translation>
    </message>
    <message>
        <source>CSV, for spreadsheets (*.csv)</source>
        <translation>CSV, für Tabellenkalkulationen (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines, for scripts (*.jsonl)</source>
        <translation>JSON Lines, für Skripte (*.jsonl)</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Das Prüfprotokoll exportieren</translation>
    </message>
    <message>
        <source>Cannot tell who you are (USER is not set), so the export cannot be recorded.</source>
        <translation>Benutzer nicht erkennbar (USER ist nicht gesetzt), daher kann der Export nicht festgehalten werden.</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written. The attempt stays in the log.</source>
        <translation>Export abgebrochen; keine Datei geschrieben. Der Versuch bleibt im Protokoll.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Exported %1 entries to %2. Its chain head is #%3, hash %4: keep it to check the log later (Verify…).</source>
        <translation>%1 Einträge nach %2 exportiert. Kettenkopf ist #%3, Hash %4: aufbewahren, um das Protokoll später zu prüfen (Prüfen…).</translation>
    </message>
    <message>
        <source>Verifying the audit log…</source>
        <translation>Prüfprotokoll wird geprüft…</translation>
    </message>
    <message>
        <source>Verified: the audit log is empty, and nothing is missing.</source>
        <translation>Geprüft: Das Prüfprotokoll ist leer, und nichts fehlt.</translation>
    </message>
    <message>
        <source>Verified: all %1 entries are intact and in order, up to #%2 (hash %3).</source>
        <translation>Geprüft: Alle %1 Einträge sind intakt und in der richtigen Reihenfolge, bis #%2 (Hash %3).</translation>
    </message>
    <message>
        <source>The earlier head is still in the chain.</source>
        <translation>Der frühere Kopf ist noch in der Kette.</translation>
    </message>
    <message>
        <source>entry #%1 does not verify (%2).</source>
        <translation>Eintrag #%1 besteht die Prüfung nicht (%2).</translation>
    </message>
    <message>
        <source>the log does not verify (%1).</source>
        <translation>das Protokoll besteht die Prüfung nicht (%1).</translation>
    </message>
    <message>
        <source>Verification FAILED: %1 Entries before it were checked and are intact; treat everything from there on as untrusted.</source>
        <translation>Prüfung FEHLGESCHLAGEN: %1 Die Einträge davor wurden geprüft und sind intakt; alles ab dort als nicht vertrauenswürdig behandeln.</translation>
    </message>
    <message>
        <source>The cache could not be opened: %1</source>
        <translation>Der Cache konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Show entry #%1</source>
        <translation>Eintrag #%1 zeigen</translation>
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
    <message>
        <source>Stripe webhook signing secret (live events)</source>
        <translation>Stripe-Webhook-Signaturgeheimnis (Live-Ereignisse)</translation>
    </message>
    <message>
        <source>whsec_… of the endpoint, or the one `stripe listen` prints</source>
        <translation>whsec_… des Endpunkts, oder das von `stripe listen` ausgegebene</translation>
    </message>
    <message>
        <source>Kit webhook signing secret (live events)</source>
        <translation>Kit-Webhook-Signaturgeheimnis (Live-Ereignisse)</translation>
    </message>
    <message>
        <source>The secret Kit shows for your webhooks</source>
        <translation>Das Geheimnis, das Kit für Ihre Webhooks anzeigt</translation>
    </message>
    <message>
        <source>A Stripe webhook signing secret starts with whsec_.</source>
        <translation>Ein Stripe-Webhook-Signaturgeheimnis beginnt mit whsec_.</translation>
    </message>
</context>
<context>
    <name>sb::ui::FindingsStrip</name>
    <message>
        <source>The findings could not be read: %1</source>
        <translation>Die Befunde konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Show all %1 findings</source>
        <translation>Alle %1 Befunde zeigen</translation>
    </message>
    <message>
        <source>%1 (snoozed until %2)</source>
        <translation>%1 (zurückgestellt bis %2)</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>seit %1</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>Seit %1</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>Warum?</translation>
    </message>
    <message>
        <source>Why and how to fix: %1</source>
        <translation>Warum und wie beheben: %1</translation>
    </message>
    <message>
        <source>Fix plan (dry run):</source>
        <translation>Korrekturplan (Probelauf):</translation>
    </message>
</context>
<context>
    <name>sb::ui::LiveReceiver</name>
    <message>
        <source>Receive &amp;live events</source>
        <translation>&amp;Live-Ereignisse empfangen</translation>
    </message>
    <message>
        <source>Take Stripe and Kit events forwarded to 127.0.0.1:%1 (for example by `stripe listen --forward-to`) as they happen</source>
        <translation>Stripe- und Kit-Ereignisse, die an 127.0.0.1:%1 weitergeleitet werden (zum Beispiel mit `stripe listen --forward-to`), sofort übernehmen</translation>
    </message>
    <message>
        <source>No webhook signing secret is set, so every delivery would be refused. Add it on the Connections page.</source>
        <translation>Kein Webhook-Signaturgeheimnis festgelegt, daher würde jede Zustellung abgelehnt. Es auf der Seite Verbindungen hinzufügen.</translation>
    </message>
    <message>
        <source>Only Stripe events can be verified (no Kit signing secret is set).</source>
        <translation>Nur Stripe-Ereignisse können geprüft werden (kein Kit-Signaturgeheimnis festgelegt).</translation>
    </message>
    <message>
        <source>Only Kit events can be verified (no Stripe signing secret is set).</source>
        <translation>Nur Kit-Ereignisse können geprüft werden (kein Stripe-Signaturgeheimnis festgelegt).</translation>
    </message>
    <message>
        <source>Connect Stripe or Kit first</source>
        <translation>Zuerst Stripe oder Kit verbinden</translation>
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
    <message>
        <source>&amp;Policy…</source>
        <translation>&amp;Richtlinie…</translation>
    </message>
    <message>
        <source>What each price or product grants in Circle and Kit</source>
        <translation>Was jeder Preis oder jedes Produkt in Circle und Kit gewährt</translation>
    </message>
    <message>
        <source>&amp;Attention</source>
        <translation>&amp;Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Open findings, most urgent first</source>
        <translation>Offene Befunde, die dringendsten zuerst</translation>
    </message>
    <message>
        <source>Attention (%1)</source>
        <translation>Aufmerksamkeit (%1)</translation>
    </message>
    <message>
        <source>%1 open findings, %2 of them urgent (Ctrl+1)</source>
        <translation>%1 offene Befunde, davon %2 dringend (Strg+1)</translation>
    </message>
    <message>
        <source>Nothing needs attention (Ctrl+1)</source>
        <translation>Nichts braucht Aufmerksamkeit (Strg+1)</translation>
    </message>
    <message>
        <source>Audit &amp;log</source>
        <translation>&amp;Prüfprotokoll</translation>
    </message>
    <message>
        <source>Every action taken, who took it and why; export and verify</source>
        <translation>Jede ausgeführte Aktion, wer sie ausgeführt hat und warum; exportieren und prüfen</translation>
    </message>
    <message>
        <source>Launch &amp;readiness</source>
        <translation>Start&amp;bereitschaft</translation>
    </message>
    <message>
        <source>Check webhooks, email authentication, pages and buyers&apos; journeys before a launch (Ctrl+5)</source>
        <translation>Vor einem Start Webhooks, E-Mail-Authentifizierung, Seiten und die Wege der Käufer prüfen (Strg+5)</translation>
    </message>
</context>
<context>
    <name>sb::ui::PersonActions</name>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Actions on this person</source>
        <translation>Aktionen für diese Person</translation>
    </message>
    <message>
        <source>Change this person&apos;s access in Circle and Kit, comp, note or link; every change is previewed first</source>
        <translation>Zugang dieser Person in Circle und Kit ändern, kostenlos freischalten, Notiz oder Verknüpfung; jede Änderung wird zuerst angezeigt</translation>
    </message>
    <message>
        <source>Every action is previewed first; applying needs writes unlocked (Ctrl+Shift+U)</source>
        <translation>Jede Aktion wird zuerst angezeigt; Anwenden braucht entsperrte Schreibrechte (Strg+Umschalt+U)</translation>
    </message>
    <message>
        <source>No person shown</source>
        <translation>Keine Person angezeigt</translation>
    </message>
    <message>
        <source>&amp;Circle</source>
        <translation>&amp;Circle</translation>
    </message>
    <message>
        <source>Grant access group</source>
        <translation>Zugangsgruppe gewähren</translation>
    </message>
    <message>
        <source>Revoke access group</source>
        <translation>Zugangsgruppe entziehen</translation>
    </message>
    <message>
        <source>Add to space</source>
        <translation>Zu Space hinzufügen</translation>
    </message>
    <message>
        <source>Remove from space</source>
        <translation>Aus Space entfernen</translation>
    </message>
    <message>
        <source>None known yet (sync Circle first)</source>
        <translation>Noch keine bekannt (zuerst Circle abgleichen)</translation>
    </message>
    <message>
        <source>access group %1</source>
        <translation>Zugangsgruppe %1</translation>
    </message>
    <message>
        <source>space %1</source>
        <translation>Space %1</translation>
    </message>
    <message>
        <source>Add %1 to %2</source>
        <translation>%1 zu %2 hinzufügen</translation>
    </message>
    <message>
        <source>Remove %1 from %2</source>
        <translation>%1 aus %2 entfernen</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archiviert)</translation>
    </message>
    <message>
        <source>Invite %1 to Circle</source>
        <translation>%1 zu Circle einladen</translation>
    </message>
    <message>
        <source>Invite to Circle…</source>
        <translation>Zu Circle einladen…</translation>
    </message>
    <message>
        <source>Nothing happens if an active member has the address already</source>
        <translation>Nichts passiert, wenn ein aktives Mitglied die Adresse schon hat</translation>
    </message>
    <message>
        <source>Deactivate member</source>
        <translation>Mitglied deaktivieren</translation>
    </message>
    <message>
        <source>Not a Circle member</source>
        <translation>Kein Circle-Mitglied</translation>
    </message>
    <message>
        <source>Deactivate Circle member %1 (%2)</source>
        <translation>Circle-Mitglied %1 (%2) deaktivieren</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Kit</source>
        <translation>&amp;Kit</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Tag entfernen</translation>
    </message>
    <message>
        <source>Add to sequence (resend onboarding)</source>
        <translation>Zu Sequenz hinzufügen (Onboarding erneut senden)</translation>
    </message>
    <message>
        <source>None known yet (sync Kit first)</source>
        <translation>Noch keine bekannt (zuerst Kit abgleichen)</translation>
    </message>
    <message>
        <source>Tag %1 with %2</source>
        <translation>%1 mit %2 taggen</translation>
    </message>
    <message>
        <source>Remove tag %2 from %1</source>
        <translation>Tag %2 von %1 entfernen</translation>
    </message>
    <message>
        <source>Start %1 on sequence %2</source>
        <translation>%1 in Sequenz %2 starten</translation>
    </message>
    <message>
        <source>C&amp;omp a product</source>
        <translation>Produkt kostenl&amp;os freischalten</translation>
    </message>
    <message>
        <source>No products known yet (sync Stripe first)</source>
        <translation>Noch keine Produkte bekannt (zuerst Stripe abgleichen)</translation>
    </message>
    <message>
        <source>Comp %1: %2 without payment</source>
        <translation>%1 kostenlos freischalten: %2 ohne Zahlung</translation>
    </message>
    <message>
        <source>Add a note about %1</source>
        <translation>Notiz zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Add a &amp;note…</source>
        <translation>&amp;Notiz hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Link with</source>
        <translation>&amp;Verknüpfen mit</translation>
    </message>
    <message>
        <source>No one looks like the same person</source>
        <translation>Niemand sieht nach derselben Person aus</translation>
    </message>
    <message>
        <source>Treat %1 and %2 as one person</source>
        <translation>%1 und %2 als eine Person behandeln</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>&amp;Unlink an account</source>
        <translation>Konto &amp;trennen</translation>
    </message>
    <message>
        <source>Only one account: nothing to separate</source>
        <translation>Nur ein Konto: nichts zu trennen</translation>
    </message>
    <message>
        <source>Separate %1 account %2 (%3) from %4</source>
        <translation>%1-Konto %2 (%3) von %4 trennen</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>The note itself (kept in the audit log with your name)</source>
        <translation>Die Notiz selbst (steht mit Ihrem Namen im Prüfprotokoll)</translation>
    </message>
    <message>
        <source>&amp;Ends on</source>
        <translation>&amp;Endet am</translation>
    </message>
    <message>
        <source>(otherwise until revoked)</source>
        <translation>(sonst bis zum Widerruf)</translation>
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
    <message>
        <source>no later than %1</source>
        <translation>spätestens %1</translation>
    </message>
    <message>
        <source>a one-time payment</source>
        <translation>eine Einmalzahlung</translation>
    </message>
    <message>
        <source>subscription ended</source>
        <translation>Abo beendet</translation>
    </message>
    <message>
        <source>refunded in full</source>
        <translation>voll erstattet</translation>
    </message>
    <message>
        <source>dispute lost</source>
        <translation>Zahlungsanfechtung verloren</translation>
    </message>
    <message>
        <source>renewal failed, grace over</source>
        <translation>Verlängerung fehlgeschlagen, Kulanz vorbei</translation>
    </message>
    <message>
        <source>unpaid or paused</source>
        <translation>unbezahlt oder pausiert</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>member deleted</source>
        <translation>Mitglied gelöscht</translation>
    </message>
    <message>
        <source>trial</source>
        <translation>Testphase</translation>
    </message>
    <message>
        <source>renewal failed, grace until %1</source>
        <translation>Verlängerung fehlgeschlagen, Kulanz bis %1</translation>
    </message>
    <message>
        <source>cancels %1</source>
        <translation>endet %1</translation>
    </message>
    <message>
        <source>set to cancel</source>
        <translation>Kündigung vorgemerkt</translation>
    </message>
    <message>
        <source>%1 of %2 refunded</source>
        <translation>%1 von %2 erstattet</translation>
    </message>
    <message>
        <source>dispute open</source>
        <translation>Zahlungsanfechtung offen</translation>
    </message>
    <message>
        <source>dispute won</source>
        <translation>Zahlungsanfechtung gewonnen</translation>
    </message>
    <message>
        <source>may have ended earlier</source>
        <translation>endete vielleicht früher</translation>
    </message>
    <message>
        <source>but a later sync saw: %1 (%2), so it may have ended earlier</source>
        <translation>aber ein späterer Abgleich sah: %1 (%2), es endete also vielleicht früher</translation>
    </message>
    <message>
        <source>ended: %1</source>
        <translation>beendet: %1</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>&amp;As of:</source>
        <translation>St&amp;and:</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Show this person as they stood at a past moment, rebuilt from their timeline</source>
        <translation>Diese Person zeigen, wie sie zu einem früheren Zeitpunkt stand, aus ihrem Verlauf rekonstruiert</translation>
    </message>
    <message>
        <source>Show this person as they stand now</source>
        <translation>Diese Person zeigen, wie sie jetzt steht</translation>
    </message>
    <message>
        <source>Back to now</source>
        <translation>Zurück zu jetzt</translation>
    </message>
    <message>
        <source>… and %1 more (in the tooltip)</source>
        <translation>… und %1 weitere (im Tooltip)</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
    <message>
        <source>Reading %1&apos;s timeline to show them as of %2…</source>
        <translation>Lese den Verlauf von %1, um den Stand vom %2 zu zeigen…</translation>
    </message>
    <message>
        <source>Reading %1&apos;s timeline to show them as of %2… (%3 rows so far)</source>
        <translation>Lese den Verlauf von %1, um den Stand vom %2 zu zeigen… (bisher %3 Einträge)</translation>
    </message>
    <message>
        <source>The timeline could not be read, so the state as of %1 cannot be shown: %2</source>
        <translation>Der Verlauf konnte nicht gelesen werden, daher kann der Stand vom %1 nicht gezeigt werden: %2</translation>
    </message>
    <message>
        <source>Showing %1 as of %2, rebuilt from the %3 timeline rows up to then. A time marked “no later than” is when a sync saw the change; it may have happened earlier. The timeline below still lists everything.</source>
        <translation>%1 mit Stand vom %2, rekonstruiert aus den %3 Verlaufseinträgen bis dahin. Eine mit „spätestens“ markierte Zeit ist, wann ein Abgleich die Änderung sah; sie kann früher passiert sein. Der Verlauf unten listet weiterhin alles.</translation>
    </message>
    <message>
        <source>Only the newest %1 rows were read, so older history is missing and this may be incomplete.</source>
        <translation>Nur die neuesten %1 Einträge wurden gelesen; ältere fehlen, das Bild kann also unvollständig sein.</translation>
    </message>
    <message>
        <source>Entitled: %1</source>
        <translation>Berechtigt: %1</translation>
    </message>
    <message>
        <source>Entitled on %1</source>
        <translation>Berechtigt am %1</translation>
    </message>
    <message>
        <source>Not entitled: %1</source>
        <translation>Nicht berechtigt: %1</translation>
    </message>
    <message>
        <source>Not entitled on %1</source>
        <translation>Nicht berechtigt am %1</translation>
    </message>
    <message>
        <source>Nothing bought by then</source>
        <translation>Bis dahin nichts gekauft</translation>
    </message>
    <message>
        <source>Nothing bought by %1</source>
        <translation>Bis %1 nichts gekauft</translation>
    </message>
    <message>
        <source>Not a member by then</source>
        <translation>Bis dahin kein Mitglied</translation>
    </message>
    <message>
        <source>Active member</source>
        <translation>Aktives Mitglied</translation>
    </message>
    <message>
        <source>Invited, not joined yet</source>
        <translation>Eingeladen, noch nicht beigetreten</translation>
    </message>
    <message>
        <source>Deactivated (inactive)</source>
        <translation>Deaktiviert (inaktiv)</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
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
        <source>but a later sync saw: %1 (%2), so it may have changed earlier</source>
        <translation>aber ein späterer Abgleich sah: %1 (%2), es änderte sich also vielleicht früher</translation>
    </message>
    <message>
        <source>Not a subscriber by then</source>
        <translation>Bis dahin kein Abonnent</translation>
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
        <source>sequences: %1</source>
        <translation>Sequenzen: %1</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Unsicher</translation>
    </message>
    <message>
        <source>Evidence pack…</source>
        <translation>Nachweispaket…</translation>
    </message>
    <message>
        <source>Save one file about this person for a support ticket: who they are, where they stand, findings, timeline and every action taken (recorded in the audit log)</source>
        <translation>Eine Datei über diese Person für ein Support-Ticket speichern: wer sie ist, ihr Stand, Befunde, Verlauf und jede ausgeführte Aktion (im Prüfprotokoll festgehalten)</translation>
    </message>
    <message>
        <source>Save evidence pack</source>
        <translation>Nachweispaket speichern</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <source>No person is shown, so there is nothing to pack.</source>
        <translation>Keine Person angezeigt, daher gibt es nichts zu packen.</translation>
    </message>
    <message>
        <source>Cannot tell who you are (USER is not set), so the pack cannot be recorded.</source>
        <translation>Benutzer nicht erkennbar (USER ist nicht gesetzt), daher kann das Paket nicht festgehalten werden.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The evidence pack could not be made: %1</source>
        <translation>Das Nachweispaket konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Evidence pack saved as %1 (%2 timeline rows, %3 audit entries). Making it was recorded as audit entry #%4.</source>
        <translation>Nachweispaket gespeichert als %1 (%2 Verlaufseinträge, %3 Protokolleinträge). Das Erstellen wurde als Protokolleintrag #%4 festgehalten.</translation>
    </message>
</context>
<context>
    <name>sb::ui::PolicyPage</name>
    <message>
        <source>Remove entry…</source>
        <translation>Eintrag entfernen…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>What each Stripe price or product gives the people who buy it: Circle access groups and spaces, Kit tags and onboarding sequences. Switchboard checks everyone&apos;s access against this and reports each difference.</source>
        <translation>Was jeder Stripe-Preis oder jedes Produkt den Käufern gibt: Circle-Zugangsgruppen und -Bereiche, Kit-Tags und Onboarding-Sequenzen. Switchboard prüft den Zugang aller dagegen und meldet jede Abweichung.</translation>
    </message>
    <message>
        <source>No policy yet</source>
        <translation>Noch keine Richtlinie</translation>
    </message>
    <message>
        <source>A policy says what a purchase gives. For example: whoever pays for “Inner Circle (monthly)” gets the Circle access group “Inner Circle members”, the Kit tag “member” and the “Member onboarding” sequence.

Without a policy Switchboard can show each person&apos;s history, but it cannot tell who should have access, so it finds no missing or unpaid access.</source>
        <translation>Eine Richtlinie sagt, was ein Kauf gibt. Zum Beispiel: Wer für „Inner Circle (monthly)“ bezahlt, bekommt die Circle-Zugangsgruppe „Inner Circle members“, das Kit-Tag „member“ und die Sequenz „Member onboarding“.

Ohne Richtlinie zeigt Switchboard zwar den Verlauf jeder Person, weiß aber nicht, wer Zugang haben sollte, und findet daher weder fehlenden noch unbezahlten Zugang.</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>Aus Datei importieren…</translation>
    </message>
    <message>
        <source>Add entry</source>
        <translation>Eintrag hinzufügen</translation>
    </message>
    <message>
        <source>A file is a world file with a &quot;policy&quot; array, or the array itself, for example: [{&quot;price&quot;: &quot;price_…&quot;, &quot;circle_access_groups&quot;: [101], &quot;kit_tags&quot;: [501], &quot;kit_sequences&quot;: [601]}]</source>
        <translation>Eine Datei ist eine Welt-Datei mit einem &quot;policy&quot;-Array oder das Array selbst, zum Beispiel: [{&quot;price&quot;: &quot;price_…&quot;, &quot;circle_access_groups&quot;: [101], &quot;kit_tags&quot;: [501], &quot;kit_sequences&quot;: [601]}]</translation>
    </message>
    <message>
        <source>Why this change? (required, kept with the version)</source>
        <translation>Warum diese Änderung? (erforderlich, wird mit der Version gespeichert)</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Grund der Änderung</translation>
    </message>
    <message>
        <source>Save a new version of the policy (Ctrl+S)</source>
        <translation>Eine neue Version der Richtlinie speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Drop the unsaved changes and show the saved policy again</source>
        <translation>Die ungespeicherten Änderungen verwerfen und wieder die gespeicherte Richtlinie zeigen</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Add what another price or product grants (Ctrl+N)</source>
        <translation>Hinzufügen, was ein weiterer Preis oder ein weiteres Produkt gewährt (Strg+N)</translation>
    </message>
    <message>
        <source>Replace the working copy with a world file&apos;s policy or a policy array (Ctrl+O)</source>
        <translation>Die Arbeitskopie durch die Richtlinie einer Welt-Datei oder ein Richtlinien-Array ersetzen (Strg+O)</translation>
    </message>
    <message>
        <source>Policy entries</source>
        <translation>Einträge der Richtlinie</translation>
    </message>
    <message>
        <source>Sold as</source>
        <translation>Verkauft als</translation>
    </message>
    <message>
        <source>Price or product</source>
        <translation>Preis oder Produkt</translation>
    </message>
    <message>
        <source>Remove this entry from the policy (Delete in the list)</source>
        <translation>Diesen Eintrag aus der Richtlinie entfernen (Entf in der Liste)</translation>
    </message>
    <message>
        <source>Sold as:</source>
        <translation>Verkauft als:</translation>
    </message>
    <message>
        <source>Circle access groups</source>
        <translation>Circle-Zugangsgruppen</translation>
    </message>
    <message>
        <source>Circle spaces</source>
        <translation>Circle-Bereiche</translation>
    </message>
    <message>
        <source>Kit tags</source>
        <translation>Kit-Tags</translation>
    </message>
    <message>
        <source>Kit sequences</source>
        <translation>Kit-Sequenzen</translation>
    </message>
    <message>
        <source>The saved policy could not be read: %1</source>
        <translation>Die gespeicherte Richtlinie konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No policy saved yet.</source>
        <translation>Noch keine Richtlinie gespeichert.</translation>
    </message>
    <message>
        <source>Saved %1 by %2. Reason: %3</source>
        <translation>Gespeichert am %1 von %2. Grund: %3</translation>
    </message>
    <message>
        <source>The catalog could not be read, so names are missing: %1</source>
        <translation>Der Katalog konnte nicht gelesen werden, daher fehlen Namen: %1</translation>
    </message>
    <message>
        <source>Nothing synced yet: sync first (F5) to choose from your Stripe prices and your Circle and Kit groups, spaces, tags and sequences.</source>
        <translation>Noch nichts abgeglichen: Erst abgleichen (F5), um aus Ihren Stripe-Preisen und Ihren Circle- und Kit-Gruppen, -Bereichen, -Tags und -Sequenzen zu wählen.</translation>
    </message>
    <message>
        <source>price %1 (not in Stripe)</source>
        <translation>Preis %1 (nicht in Stripe)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>product %1 (not in Stripe)</source>
        <translation>Produkt %1 (nicht in Stripe)</translation>
    </message>
    <message>
        <source>%1 · any price</source>
        <translation>%1 · jeder Preis</translation>
    </message>
    <message>
        <source>access group %1 (not in Circle)</source>
        <translation>Zugangsgruppe %1 (nicht in Circle)</translation>
    </message>
    <message>
        <source>space %1 (not in Circle)</source>
        <translation>Bereich %1 (nicht in Circle)</translation>
    </message>
    <message>
        <source>tag %1 (not in Kit)</source>
        <translation>Tag %1 (nicht in Kit)</translation>
    </message>
    <message>
        <source>sequence %1 (not in Kit)</source>
        <translation>Sequenz %1 (nicht in Kit)</translation>
    </message>
    <message>
        <source>⚠ grants nothing yet: tick what it gives below</source>
        <translation>⚠ gewährt noch nichts: unten ankreuzen, was er gibt</translation>
    </message>
    <message>
        <source>What “%1” grants</source>
        <translation>Was „%1“ gewährt</translation>
    </message>
    <message>
        <source>No entry chosen</source>
        <translation>Kein Eintrag gewählt</translation>
    </message>
    <message>
        <source>%1 already has an entry</source>
        <translation>%1 hat schon einen Eintrag</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archiviert)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>This price only</source>
        <translation>Nur dieser Preis</translation>
    </message>
    <message>
        <source>%1 · any price — %2</source>
        <translation>%1 · jeder Preis — %2</translation>
    </message>
    <message>
        <source>Every price of this product</source>
        <translation>Jeder Preis dieses Produkts</translation>
    </message>
    <message>
        <source>The policy names this id, but the last sync did not find it. Untick it to drop it from the policy.</source>
        <translation>Die Richtlinie nennt diese ID, aber der letzte Abgleich hat sie nicht gefunden. Haken entfernen, um sie aus der Richtlinie zu nehmen.</translation>
    </message>
    <message>
        <source>None synced from Circle</source>
        <translation>Nichts aus Circle abgeglichen</translation>
    </message>
    <message>
        <source>None synced from Kit</source>
        <translation>Nichts aus Kit abgeglichen</translation>
    </message>
    <message>
        <source>There are no Stripe prices to choose from yet: sync first (F5), or import a policy file.</source>
        <translation>Es gibt noch keine Stripe-Preise zur Auswahl: erst abgleichen (F5) oder eine Richtlinien-Datei importieren.</translation>
    </message>
    <message>
        <source>Every price and product has an entry already.</source>
        <translation>Jeder Preis und jedes Produkt hat schon einen Eintrag.</translation>
    </message>
    <message>
        <source>Choose what is sold, tick what it grants, then save with a reason.</source>
        <translation>Wählen, was verkauft wird, ankreuzen, was es gewährt, dann mit einem Grund speichern.</translation>
    </message>
    <message>
        <source>Remove entry</source>
        <translation>Eintrag entfernen</translation>
    </message>
    <message>
        <source>Remove the entry for “%1”? Nothing changes until you save.</source>
        <translation>Den Eintrag für „%1“ entfernen? Bis zum Speichern ändert sich nichts.</translation>
    </message>
    <message>
        <source>Removed “%1”. Save with a reason to make it so.</source>
        <translation>„%1“ entfernt. Mit einem Grund speichern, damit es gilt.</translation>
    </message>
    <message>
        <source>Import a policy</source>
        <translation>Eine Richtlinie importieren</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not JSON: %2 (at character %3)</source>
        <translation>%1 ist kein JSON: %2 (bei Zeichen %3)</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message>
        <source>Replace your unsaved changes with the policy in %1?</source>
        <translation>Ihre ungespeicherten Änderungen durch die Richtlinie in %1 ersetzen?</translation>
    </message>
    <message>
        <source>Imported from %1</source>
        <translation>Importiert aus %1</translation>
    </message>
    <message>
        <source>Read %1 entries from %2. Check them, then save.</source>
        <translation>%1 Einträge aus %2 gelesen. Prüfen, dann speichern.</translation>
    </message>
    <message>
        <source>%1 holds the policy as saved already: nothing to save.</source>
        <translation>%1 enthält die Richtlinie wie gespeichert: nichts zu speichern.</translation>
    </message>
    <message>
        <source>Nothing to save: the policy is as saved.</source>
        <translation>Nichts zu speichern: Die Richtlinie ist wie gespeichert.</translation>
    </message>
    <message>
        <source>Not saved: say why you are changing the policy. The reason is kept with this version.</source>
        <translation>Nicht gespeichert: Sagen Sie, warum Sie die Richtlinie ändern. Der Grund wird mit dieser Version gespeichert.</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>„%1“: %2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saved. Findings are checked against this version from now on.</source>
        <translation>Gespeichert. Befunde werden ab jetzt gegen diese Version geprüft.</translation>
    </message>
    <message>
        <source>Back to the saved policy.</source>
        <translation>Zurück zur gespeicherten Richtlinie.</translation>
    </message>
    <message>
        <source>Unsaved policy changes</source>
        <translation>Ungespeicherte Änderungen der Richtlinie</translation>
    </message>
    <message>
        <source>The policy has changes that are not saved yet.</source>
        <translation>Die Richtlinie hat Änderungen, die noch nicht gespeichert sind.</translation>
    </message>
    <message>
        <source>To save them, type a reason first.</source>
        <translation>Um sie zu speichern, zuerst einen Grund eingeben.</translation>
    </message>
    <message>
        <source>Save them with the reason “%1”?</source>
        <translation>Mit dem Grund „%1“ speichern?</translation>
    </message>
    <message>
        <source>Stay here</source>
        <translation>Hierbleiben</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
</context>
<context>
    <name>sb::ui::ReadinessPage</name>
    <message>
        <source>Launch readiness</source>
        <translation>Startbereitschaft</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <source>Save the report as Markdown, to paste into a ticket or a checklist</source>
        <translation>Den Bericht als Markdown speichern, zum Einfügen in ein Ticket oder eine Checkliste</translation>
    </message>
    <message>
        <source>Export HTML…</source>
        <translation>Als HTML exportieren…</translation>
    </message>
    <message>
        <source>Save the report as one self-contained web page</source>
        <translation>Den Bericht als eigenständige Webseite speichern</translation>
    </message>
    <message>
        <source>Run checks</source>
        <translation>Prüfungen starten</translation>
    </message>
    <message>
        <source>Run every check that has what it needs (Ctrl+R or F5 on this page)</source>
        <translation>Jede Prüfung ausführen, die alles Nötige hat (Strg+R oder F5 auf dieser Seite)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the checks; what finished is kept (Esc)</source>
        <translation>Die Prüfungen anhalten; was fertig ist, bleibt erhalten (Esc)</translation>
    </message>
    <message>
        <source>The run was cancelled: the checks that did not finish are marked “not checked”. Run them again with Ctrl+R.</source>
        <translation>Der Durchlauf wurde abgebrochen: Nicht beendete Prüfungen sind als „nicht geprüft“ markiert. Mit Strg+R erneut ausführen.</translation>
    </message>
    <message>
        <source>Check your launch: webhooks, email authentication, pages, buyers&apos; journeys</source>
        <translation>Ihren Start prüfen: Webhooks, E-Mail-Authentifizierung, Seiten, Wege der Käufer</translation>
    </message>
    <message>
        <source>Switchboard reads Stripe&apos;s webhook settings, your sending domain&apos;s DNS records, the pages you list and the buyers in the cache, then says what to fix first. Nothing is changed anywhere.</source>
        <translation>Switchboard liest die Webhook-Einstellungen von Stripe, die DNS-Einträge Ihrer Versanddomain, die angegebenen Seiten und die Käufer im Cache und sagt dann, was zuerst zu beheben ist. Nirgends wird etwas geändert.</translation>
    </message>
    <message>
        <source>Run checks again</source>
        <translation>Prüfungen erneut starten</translation>
    </message>
    <message>
        <source>The checks were cancelled before any of them finished.</source>
        <translation>Die Prüfungen wurden abgebrochen, bevor eine davon fertig war.</translation>
    </message>
    <message>
        <source>%1 of %2 checks done</source>
        <translation>%1 von %2 Prüfungen erledigt</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>The domain Kit sends your email from: its SPF, DMARC and DKIM records are read</source>
        <translation>Die Domain, von der Kit Ihre E-Mails sendet: Ihre SPF-, DMARC- und DKIM-Einträge werden gelesen</translation>
    </message>
    <message>
        <source>kit, s1</source>
        <translation>kit, s1</translation>
    </message>
    <message>
        <source>The DKIM selectors of that domain, comma separated, as Kit&apos;s domain settings show them</source>
        <translation>Die DKIM-Selektoren dieser Domain, durch Kommas getrennt, wie Kits Domain-Einstellungen sie zeigen</translation>
    </message>
    <message>
        <source>https://example.com/checkout https://community.example.com/login</source>
        <translation>https://example.com/checkout https://community.example.com/login</translation>
    </message>
    <message>
        <source>Your checkout and login pages, separated by spaces: each is loaded once, as a buyer would (redirects, certificate, time to first byte)</source>
        <translation>Ihre Checkout- und Anmeldeseiten, durch Leerzeichen getrennt: Jede wird einmal geladen, wie ein Käufer es täte (Weiterleitungen, Zertifikat, Zeit bis zum ersten Byte)</translation>
    </message>
    <message>
        <source>How many recent payments to follow from Stripe to Circle and Kit (read from the cache; nothing is fetched)</source>
        <translation>Wie viele der letzten Zahlungen von Stripe bis Circle und Kit verfolgt werden (aus dem Cache gelesen; nichts wird abgerufen)</translation>
    </message>
    <message>
        <source>https://example.com/webhooks/stripe</source>
        <translation>https://example.com/webhooks/stripe</translation>
    </message>
    <message>
        <source>Your own webhook endpoint (not Switchboard&apos;s). It is kept only while the console is open.</source>
        <translation>Ihr eigener Webhook-Endpunkt (nicht der von Switchboard). Er wird nur gemerkt, solange die Konsole offen ist.</translation>
    </message>
    <message>
        <source>Stripe</source>
        <translation>Stripe</translation>
    </message>
    <message>
        <source>Kit</source>
        <translation>Kit</translation>
    </message>
    <message>
        <source>Whose signing secret signs the test events</source>
        <translation>Wessen Signaturgeheimnis die Testereignisse signiert</translation>
    </message>
    <message>
        <source>&amp;Probe this URL on the next run</source>
        <translation>Diese URL beim nächsten Durchlauf &amp;testen</translation>
    </message>
    <message>
        <source>Only when ticked: the next run sends this URL one signed, one tampered and one unsigned test event. It is never contacted otherwise, and the box clears after that run.</source>
        <translation>Nur wenn angehakt: Der nächste Durchlauf sendet an diese URL ein signiertes, ein manipuliertes und ein unsigniertes Testereignis. Sonst wird sie nie kontaktiert, und der Haken verschwindet nach diesem Durchlauf.</translation>
    </message>
    <message>
        <source>Sending do&amp;main:</source>
        <translation>Versand&amp;domain:</translation>
    </message>
    <message>
        <source>DKIM se&amp;lectors:</source>
        <translation>DKIM-Se&amp;lektoren:</translation>
    </message>
    <message>
        <source>Checkout and lo&amp;gin pages:</source>
        <translation>Checkout- und &amp;Anmeldeseiten:</translation>
    </message>
    <message>
        <source>Recent pa&amp;yments to follow:</source>
        <translation>Letzte &amp;Zahlungen verfolgen:</translation>
    </message>
    <message>
        <source>&amp;Webhook URL:</source>
        <translation>&amp;Webhook-URL:</translation>
    </message>
    <message>
        <source>“%1” is not a domain name (like example.com).</source>
        <translation>„%1“ ist kein Domainname (wie example.com).</translation>
    </message>
    <message>
        <source>“%1” is not a web address (like https://example.com/checkout).</source>
        <translation>„%1“ ist keine Webadresse (wie https://example.com/checkout).</translation>
    </message>
    <message>
        <source>The webhook URL is not a web address (like https://example.com/webhooks/stripe).</source>
        <translation>Die Webhook-URL ist keine Webadresse (wie https://example.com/webhooks/stripe).</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>%1 to fix · %2 warnings · %3 fine · %4 not checked</source>
        <translation>%1 zu beheben · %2 Warnungen · %3 in Ordnung · %4 nicht geprüft</translation>
    </message>
    <message>
        <source>checked %1</source>
        <translation>geprüft %1</translation>
    </message>
    <message>
        <source>Export the readiness report</source>
        <translation>Den Bereitschaftsbericht exportieren</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <source>Saved the report as %1.</source>
        <translation>Bericht als %1 gespeichert.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Signed &amp;as:</source>
        <translation>Signiert &amp;als:</translation>
    </message>
</context>
<context>
    <name>sb::ui::ReadinessResults</name>
    <message>
        <source>Fix first</source>
        <translation>Zuerst beheben</translation>
    </message>
    <message>
        <source>Nothing to fix: every check that ran is fine.</source>
        <translation>Nichts zu beheben: Jede ausgeführte Prüfung ist in Ordnung.</translation>
    </message>
    <message>
        <source>All checks</source>
        <translation>Alle Prüfungen</translation>
    </message>
    <message>
        <source>All checks, by area</source>
        <translation>Alle Prüfungen, nach Bereich</translation>
    </message>
    <message>
        <source>Select a check to see what was found and how to fix it.</source>
        <translation>Eine Prüfung auswählen, um zu sehen, was gefunden wurde und wie es zu beheben ist.</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>Was gefunden wurde</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Fakten</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>sb::ui::ReceiverChip</name>
    <message>
        <source>Live: starting…</source>
        <translation>Live: wird gestartet…</translation>
    </message>
    <message>
        <source>Live events: %1</source>
        <translation>Live-Ereignisse: %1</translation>
    </message>
    <message>
        <source>The receiver could not start: %1</source>
        <translation>Der Empfänger konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Live: %1:%2</source>
        <translation>Live: %1:%2</translation>
    </message>
    <message>
        <source>Receiving events forwarded to %1/webhooks/stripe and %1/webhooks/kit</source>
        <translation>Empfängt Ereignisse, die an %1/webhooks/stripe und %1/webhooks/kit weitergeleitet werden</translation>
    </message>
    <message>
        <source>Live events off</source>
        <translation>Live-Ereignisse aus</translation>
    </message>
    <message>
        <source>Turn on “Receive live events” in the Switchboard menu to see payments as they happen.</source>
        <translation>„Live-Ereignisse empfangen“ im Menü Switchboard einschalten, um Zahlungen sofort zu sehen.</translation>
    </message>
    <message>
        <source>Received: %1 deliveries, %2 new events applied, %3 already known</source>
        <translation>Empfangen: %1 Zustellungen, %2 neue Ereignisse übernommen, %3 bereits bekannt</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Warning: deliveries were refused. Check the signing secret and what forwards them.</source>
        <translation>Warnung: Zustellungen wurden abgelehnt. Das Signaturgeheimnis und die Weiterleitung prüfen.</translation>
    </message>
    <message>
        <source>  %1 %2: %3</source>
        <translation>  %1 %2: %3</translation>
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
<context>
    <name>sb::webhooks::WebhookReceiver</name>
    <message>
        <source>Cannot listen on 127.0.0.1:%1: %2</source>
        <translation>Auf 127.0.0.1:%1 kann nicht empfangen werden: %2</translation>
    </message>
    <message>
        <source>The request did not arrive in time.</source>
        <translation>Die Anfrage ist nicht rechtzeitig angekommen.</translation>
    </message>
    <message>
        <source>The request&apos;s headers are too large.</source>
        <translation>Die Kopfzeilen der Anfrage sind zu groß.</translation>
    </message>
    <message>
        <source>The request line is not HTTP/1.x.</source>
        <translation>Die Anfragezeile ist nicht HTTP/1.x.</translation>
    </message>
    <message>
        <source>A request header is malformed.</source>
        <translation>Eine Kopfzeile der Anfrage ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request repeats a header with another value.</source>
        <translation>Die Anfrage wiederholt eine Kopfzeile mit einem anderen Wert.</translation>
    </message>
    <message>
        <source>Nothing is received at this path; use /webhooks/stripe or /webhooks/kit.</source>
        <translation>Unter diesem Pfad wird nichts empfangen; /webhooks/stripe oder /webhooks/kit verwenden.</translation>
    </message>
    <message>
        <source>Webhooks are received by POST only.</source>
        <translation>Webhooks werden nur per POST empfangen.</translation>
    </message>
    <message>
        <source>The request must say its length (Content-Length).</source>
        <translation>Die Anfrage muss ihre Länge angeben (Content-Length).</translation>
    </message>
    <message>
        <source>The request&apos;s Content-Length is not a number.</source>
        <translation>Die Content-Length der Anfrage ist keine Zahl.</translation>
    </message>
    <message>
        <source>The body is %1 bytes; at most %2 are accepted.</source>
        <translation>Der Inhalt hat %1 Bytes; höchstens %2 werden angenommen.</translation>
    </message>
    <message>
        <source>No %1 signing secret is set, so nothing sent here can be verified.</source>
        <translation>Kein %1-Signaturgeheimnis festgelegt, daher kann nichts, was hierher gesendet wird, geprüft werden.</translation>
    </message>
    <message>
        <source>The body is not a JSON object: %1.</source>
        <translation>Der Inhalt ist kein JSON-Objekt: %1.</translation>
    </message>
    <message>
        <source>Too many open connections; try again.</source>
        <translation>Zu viele offene Verbindungen; bitte erneut versuchen.</translation>
    </message>
</context>
</TS>
