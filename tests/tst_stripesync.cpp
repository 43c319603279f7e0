// Integration: the Stripe client and sync engine against the sandbox over loopback.
#include "Sandbox.h"
#include "TestUtil.h"
#include "providers/stripe/StripeClient.h"
#include "providers/stripe/StripeMapper.h"
#include "store/Queries.h"
#include "store/Store.h"
#include "sync/Rebuild.h"
#include "sync/StripeSync.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

struct Run {
    sync::SyncReport report;
    qint64 clientRequests = 0;
};

// One sync run to completion (or until `cancelAfterItems` items, when > 0).
Run syncOnce(QSqlDatabase db, const QUrl &base, const QString &key = u"sk_test_sandbox"_s, double rate = 1000,
             qint64 cancelAfterItems = 0)
{
    store::Store store(db);
    QNetworkAccessManager nam;
    StripeSettings settings;
    settings.baseUrl = base;
    settings.apiKey = key;
    settings.requestsPerSecond = rate;
    stripe::StripeClient client(&nam, settings);
    client.retryPolicy().baseDelayMs = 50; // keep retries quick in tests; the policy itself is unit-tested
    sync::StripeSync s(&store, &client);
    QSignalSpy done(&s, &sync::StripeSync::finished);
    if (cancelAfterItems > 0) {
        QObject::connect(&s, &sync::StripeSync::progress, &s,
                         [&s, cancelAfterItems](const sync::SyncProgress &p) {
                             if (p.items >= cancelAfterItems)
                                 s.cancel();
                         });
    }
    s.start();
    if (!done.wait(180000))
        qFatal("sync did not finish");
    return {done.first().first().value<sync::SyncReport>(), client.requestsSent()};
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s", qPrintable(sql));
    return q.value(0).toLongLong();
}

// Everything a user could see, independent of row ids: compared between runs that must agree.
QStringList fingerprint(QSqlDatabase db)
{
    QStringList out;
    QSqlQuery q(db);
    q.exec(
        u"SELECT t.provider, t.source_key, t.at, t.observed, t.summary, coalesce(t.amount, ''), p.email_norm"
        " FROM timeline t LEFT JOIN people p ON p.id = t.person_id ORDER BY t.provider, t.source_key"_s);
    while (q.next()) {
        // observed rows carry the moment of observation, which differs between runs by design
        const bool observed = q.value(3).toBool();
        out.append(QStringList{q.value(0).toString(), q.value(1).toString(),
                               observed ? u"observed"_s : q.value(2).toString(), q.value(4).toString(),
                               q.value(5).toString(), q.value(6).toString()}
                       .join(u'|'));
    }
    return out;
}

QString text(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        qFatal("query failed: %s", qPrintable(sql));
    return q.next() ? q.value(0).toString() : QString();
}

// A one-time course and a monthly membership; one person bought the course before any sync.
QJsonObject lineItemsWorld()
{
    const auto product = [](const QString &prod, const QString &price, const QString &name,
                            const QString &mode, int amount) {
        return QJsonObject{{u"product"_s, prod}, {u"price"_s, price},   {u"name"_s, name},
                           {u"mode"_s, mode},    {u"amount"_s, amount}, {u"currency"_s, u"usd"_s}};
    };
    const auto person = [](const QString &email, const QString &verb, const QString &price,
                           const QString &at) {
        return QJsonObject{
            {u"email"_s, email},
            {u"name"_s, u"Test Person"_s},
            {u"stripe"_s, QJsonArray{QJsonObject{{u"at"_s, at}, {u"do"_s, verb}, {u"price"_s, price}}}}};
    };
    return QJsonObject{
        {u"version"_s, 1},
        {u"now"_s, u"2026-11-20T12:00:00Z"_s},
        {u"catalog"_s,
         QJsonObject{
             {u"products"_s,
              QJsonArray{product(u"prod_pro"_s, u"price_pro_monthly"_s, u"Pro"_s, u"subscription"_s, 4900),
                         product(u"prod_course"_s, u"price_course"_s, u"Course"_s, u"payment"_s, 29900)}}}},
        {u"people"_s,
         QJsonArray{person(u"early@example.com"_s, u"buy"_s, u"price_course"_s, u"2026-11-17T10:00:00Z"_s),
                    person(u"member@example.com"_s, u"subscribe"_s, u"price_pro_monthly"_s,
                           u"2026-11-18T10:00:00Z"_s)}}};
}

// The stored session of the one checkout this address made.
QString sessionOf(QSqlDatabase db, const QString &email)
{
    return text(db,
                u"SELECT external_id FROM raw_objects WHERE provider = 'stripe' AND kind = 'checkout_session'"
                " AND json_extract(json, '$.customer_details.email') = '%1'"_s.arg(email));
}

QJsonObject storedLineItems(QSqlDatabase db, const QString &session)
{
    return QJsonDocument::fromJson(
               text(db,
                    u"SELECT json FROM raw_objects WHERE provider = 'stripe' AND kind = 'checkout_line_items'"
                    " AND external_id = '%1'"_s.arg(session))
                   .toUtf8())
        .object();
}

// The person of a session's line items is the person of the session (and not nobody).
bool ownedLikeTheSession(QSqlDatabase db, const QString &session)
{
    return scalar(db, u"SELECT count(*) FROM raw_objects l JOIN raw_objects s ON s.provider = l.provider"
                      " AND s.kind = 'checkout_session' AND s.external_id = l.external_id"
                      " WHERE l.kind = 'checkout_line_items' AND l.external_id = '%1'"
                      " AND l.person_id IS NOT NULL AND l.person_id = s.person_id"_s.arg(session)) == 1;
}

// The stored payments list of an invoice, and the newest invoice of an address.
QJsonObject storedInvoicePayments(QSqlDatabase db, const QString &invoice)
{
    return QJsonDocument::fromJson(
               text(db, u"SELECT json FROM raw_objects WHERE provider = 'stripe'"
                        " AND kind = 'invoice_payments' AND external_id = '%1'"_s.arg(invoice))
                   .toUtf8())
        .object();
}

QString latestInvoiceOf(QSqlDatabase db, const QString &email)
{
    return text(
        db, u"SELECT i.external_id FROM raw_objects i JOIN raw_objects c ON c.kind = 'customer'"
            " AND c.external_id = json_extract(i.json, '$.customer') WHERE i.kind = 'invoice'"
            " AND json_extract(c.json, '$.email') = '%1' ORDER BY i.provider_time DESC, i.external_id DESC"
            " LIMIT 1"_s.arg(email));
}

// The payment intents of the charges made by this address, newest first.
QStringList paymentIntentsOf(QSqlDatabase db, const QString &email)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT json_extract(ch.json, '$.payment_intent') FROM raw_objects ch JOIN raw_objects c"
                " ON c.kind = 'customer' AND c.external_id = json_extract(ch.json, '$.customer')"
                " WHERE ch.kind = 'charge' AND json_extract(c.json, '$.email') = '%1'"
                " ORDER BY ch.provider_time DESC, ch.external_id"_s.arg(email)))
        qFatal("query failed");
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

bool paymentsOwnedLikeTheInvoice(QSqlDatabase db, const QString &invoice)
{
    return scalar(db, u"SELECT count(*) FROM raw_objects p JOIN raw_objects i ON i.provider = p.provider"
                      " AND i.kind = 'invoice' AND i.external_id = p.external_id"
                      " WHERE p.kind = 'invoice_payments' AND p.external_id = '%1'"
                      " AND p.person_id IS NOT NULL AND p.person_id = i.person_id"_s.arg(invoice)) == 1;
}

int countVerbs(const QJsonObject &world, const QStringList &verbs)
{
    int n = 0;
    for (const QJsonValue &p : world.value(u"people"_s).toArray())
        for (const QJsonValue &e : p.toObject().value(u"stripe"_s).toArray())
            n += verbs.contains(e.toObject().value(u"do"_s).toString()) ? 1 : 0;
    return n;
}

} // namespace

class TestStripeSync : public QObject {
    Q_OBJECT
    sandbox::Sandbox *m_sandbox = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<sync::SyncReport>();
        qRegisterMetaType<sync::SyncProgress>();
        m_sandbox = new sandbox::Sandbox;
        m_sandbox->generateWorld(300, 42);
        QVERIFY(m_sandbox->listen(0));
    }
    void cleanupTestCase() { delete m_sandbox; }
    void init()
    {
        m_sandbox->setStripeRateLimit(0);
        m_sandbox->failNextStripeRequests(0, 500);
    }

    void fullSyncHasEveryFactOnceAndSecondSyncIsIncremental()
    {
        test::TempCache cache;
        const Run first = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY2(first.report.ok, qPrintable(first.report.error.message));
        QVERIFY(!first.report.incremental);
        QVERIFY(first.report.requests > 20);

        const QJsonObject world = m_sandbox->world();
        // Every payment, failure, refund and dispute of the world is in the timeline exactly once.
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='payment_succeeded'"_s),
                 countVerbs(world, {u"subscribe"_s, u"buy"_s, u"renew"_s}));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='payment_failed'"_s),
                 countVerbs(world, {u"renewal_failed"_s}));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='refund'"_s),
                 countVerbs(world, {u"refund"_s}));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='dispute_opened'"_s),
                 countVerbs(world, {u"dispute"_s}));
        QCOMPARE(
            scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE kind='email_changed'"_s),
            scalar(
                cache.db(),
                u"SELECT count(*) FROM raw_objects WHERE kind='event' AND json LIKE"
                " '%\"type\":\"customer.updated\"%' AND json LIKE '%\"previous_attributes\":{\"email\"%'"_s));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM timeline WHERE person_id IS NULL"_s), 0);
        // Every completed checkout has its line items, from the expanded listing alone.
        const qint64 completed =
            scalar(cache.db(), u"SELECT count(*) FROM raw_objects WHERE kind = 'checkout_session'"
                               " AND json_extract(json, '$.status') = 'complete'"_s);
        QVERIFY(completed > 0);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM raw_objects WHERE kind = 'checkout_line_items'"_s),
                 completed);
        // And every invoice that may have payments has them, from the expanded listing alone.
        const qint64 payable =
            scalar(cache.db(), u"SELECT count(*) FROM raw_objects WHERE kind = 'invoice'"
                               " AND json_extract(json, '$.status') IN ('paid', 'open')"_s);
        QVERIFY(payable > 0);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM raw_objects WHERE kind = 'invoice_payments'"_s),
                 payable);

        // Every person with a Stripe journey is found by their email, with their payments on their timeline.
        store::Queries queries(cache.db());
        for (const QJsonValue &pv : world.value(u"people"_s).toArray()) {
            const QJsonObject p = pv.toObject();
            const QJsonArray stripe = p.value(u"stripe"_s).toArray();
            if (stripe.isEmpty() || !stripe.first().toObject().value(u"email"_s).isUndefined())
                continue;
            const QString email = p.value(u"email"_s).toString();
            auto id = queries.resolvePerson(email);
            QVERIFY2(id, qPrintable(email));
            auto details = queries.person(id.value());
            QVERIFY(details);
            QVERIFY2(details.value().timelineCount > 0, qPrintable(email));
            const bool hasStripe =
                std::any_of(details.value().identities.begin(), details.value().identities.end(),
                            [](const Identity &i) { return i.provider == provider::Stripe; });
            QVERIFY2(hasStripe, qPrintable(email));
        }

        const QStringList before = fingerprint(cache.db());
        const Run second = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(second.report.ok);
        QVERIFY(second.report.incremental);
        QVERIFY2(second.report.requests * 20 < first.report.requests,
                 qPrintable(u"%1 vs %2"_s.arg(second.report.requests).arg(first.report.requests)));
        QCOMPARE(fingerprint(cache.db()), before);

        // Something new happens in Stripe: the next incremental sync brings exactly that.
        const QJsonObject person = world.value(u"people"_s).toArray().first().toObject();
        const QString email = u"late.buyer@example.org"_s;
        QString error;
        QVERIFY2(m_sandbox->addJourneyEntry(email, u"stripe"_s,
                                            QJsonObject{{u"do"_s, u"buy"_s}, {u"name"_s, u"Late Buyer"_s}},
                                            &error),
                 qPrintable(error));
        QVERIFY2(m_sandbox->addJourneyEntry(email, u"stripe"_s, QJsonObject{{u"do"_s, u"refund"_s}}, &error),
                 qPrintable(error));
        const Run third = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(third.report.ok);
        QVERIFY(third.report.incremental);
        auto late = queries.resolvePerson(email);
        QVERIFY(late);
        auto page = queries.timelinePage(late.value(), {}, 50);
        QVERIFY(page);
        QStringList kinds;
        for (const auto &row : page.value())
            kinds.append(row.kind);
        QVERIFY2(kinds.contains(u"payment_succeeded"_s) && kinds.contains(u"refund"_s),
                 qPrintable(kinds.join(u',')));
        Q_UNUSED(person);
    }

    void checkoutLineItemsAreCachedBeforeAndAfterTheFirstSync()
    {
        sandbox::Sandbox box;
        QString error;
        QVERIFY2(box.loadWorld(lineItemsWorld(), &error), qPrintable(error));
        QVERIFY(box.listen(0));
        test::TempCache cache;
        QSqlDatabase db = cache.db();

        // Before the first sync: the backfill's expanded listing brings the line items; nothing is left to
        // fetch one by one, so an incremental run right after makes its one events request and no more.
        const Run first = syncOnce(db, box.baseUrl());
        QVERIFY2(first.report.ok, qPrintable(first.report.error.message));
        const QString early = sessionOf(db, u"early@example.com"_s);
        QVERIFY(early.startsWith(u"cs_"_s));
        const QJsonObject earlyLines = storedLineItems(db, early);
        QCOMPARE(earlyLines.value(u"url"_s).toString(), u"/v1/checkout/sessions/%1/line_items"_s.arg(early));
        QList<stripe::PurchasedItem> bought = stripe::purchasedItems(earlyLines);
        QCOMPARE(bought.size(), 1);
        QCOMPARE(bought[0].price, u"price_course"_s);
        QCOMPARE(bought[0].product, u"prod_course"_s);
        QCOMPARE(bought[0].quantity, 1);
        QCOMPARE(bought[0].amountTotal, 29900);
        QVERIFY(ownedLikeTheSession(db, early));
        // Subscription checkouts have theirs too.
        const QString member = sessionOf(db, u"member@example.com"_s);
        QCOMPARE(stripe::purchasedItems(storedLineItems(db, member)).value(0).price, u"price_pro_monthly"_s);
        // From the listing, stored with the session at the moment the page was fetched.
        QCOMPARE(
            scalar(
                db,
                u"SELECT snapshot_at FROM raw_objects WHERE kind = 'checkout_line_items' AND external_id = '%1'"_s
                    .arg(early)),
            scalar(
                db,
                u"SELECT snapshot_at FROM raw_objects WHERE kind = 'checkout_session' AND external_id = '%1'"_s
                    .arg(early)));
        const Run quiet = syncOnce(db, box.baseUrl());
        QVERIFY(quiet.report.ok);
        QVERIFY(quiet.report.incremental);
        QCOMPARE(quiet.report.requests, 1);

        // After it: the purchase arrives through events, which carry no line items; the run fetches them.
        QVERIFY2(
            box.addJourneyEntry(
                u"late@example.com"_s, u"stripe"_s,
                QJsonObject{{u"do"_s, u"buy"_s}, {u"price"_s, u"price_course"_s}, {u"name"_s, u"Late"_s}},
                &error),
            qPrintable(error));
        const Run second = syncOnce(db, box.baseUrl());
        QVERIFY2(second.report.ok, qPrintable(second.report.error.message));
        QVERIFY(second.report.incremental);
        QCOMPARE(second.report.requests, 2); // the events page and the one session's line items
        const QString late = sessionOf(db, u"late@example.com"_s);
        QVERIFY(late.startsWith(u"cs_"_s));
        QVERIFY(late != early);
        const QJsonObject lateLines = storedLineItems(db, late);
        bought = stripe::purchasedItems(lateLines);
        QCOMPARE(bought.size(), 1);
        QCOMPARE(bought[0].price, u"price_course"_s);
        QCOMPARE(bought[0].product, u"prod_course"_s);
        QVERIFY(ownedLikeTheSession(db, late));
        QCOMPARE(
            scalar(db,
                   u"SELECT requests_spent FROM sync_state WHERE provider='stripe' AND stream='requests'"_s),
            first.report.requests + quiet.report.requests + second.report.requests);

        // A later event about the session (here the completed event, delivered again) overwrites the stored
        // session with a snapshot that has no line items: the line items stay, and are not fetched again.
        QSqlQuery q(db);
        QVERIFY(q.exec(u"DELETE FROM raw_objects WHERE kind = 'event'"
                       " AND json_extract(json, '$.type') = 'checkout.session.completed'"
                       " AND json_extract(json, '$.data.object.id') = '%1'"_s.arg(late)));
        QCOMPARE(q.numRowsAffected(), 1);
        store::Store store(db);
        QVERIFY(store.saveSyncState(
            u"stripe"_s, u"events"_s,
            store::SyncState{u"%1:"_s.arg(second.report.startedAt - 3600 * 1000), {}, {}, 0}));
        const Run replay = syncOnce(db, box.baseUrl());
        QVERIFY2(replay.report.ok, qPrintable(replay.report.error.message));
        QCOMPARE(replay.report.requests, 1);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM raw_objects WHERE kind = 'event'"
                            " AND json_extract(json, '$.data.object.id') = '%1'"_s.arg(late)),
                 1);
        QVERIFY(
            !text(db, u"SELECT json FROM raw_objects WHERE kind = 'checkout_session' AND external_id = '%1'"_s
                          .arg(late))
                 .contains(u"line_items"_s));
        QCOMPARE(storedLineItems(db, late), lateLines);
        QCOMPARE(storedLineItems(db, early), earlyLines);

        // Line items are raw facts only: no timeline rows, and a rebuild comes out the same.
        QCOMPARE(scalar(db, u"SELECT count(*) FROM timeline WHERE source_key LIKE '%line_item%'"_s), 0);
        const QStringList before = fingerprint(db);
        const qint64 raws = scalar(db, u"SELECT count(*) FROM raw_objects"_s);
        QVERIFY(sync::rebuildProjections(db));
        QCOMPARE(fingerprint(db), before);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM raw_objects"_s), raws);
        QVERIFY(ownedLikeTheSession(db, early));
        QVERIFY(ownedLikeTheSession(db, late));
        QVERIFY(ownedLikeTheSession(db, member));
        QCOMPARE(storedLineItems(db, late), lateLines);
    }

    void invoicePaymentsAreCachedBeforeAndAfterTheFirstSync()
    {
        sandbox::Sandbox box;
        QString error;
        QVERIFY2(box.loadWorld(lineItemsWorld(), &error), qPrintable(error));
        QVERIFY(box.listen(0));
        test::TempCache cache;
        QSqlDatabase db = cache.db();

        // Before the first sync: the backfill's expanded invoice listing brings the payments; nothing is left
        // to fetch one by one.
        const Run first = syncOnce(db, box.baseUrl());
        QVERIFY2(first.report.ok, qPrintable(first.report.error.message));
        const QString signup = latestInvoiceOf(db, u"member@example.com"_s);
        QVERIFY(signup.startsWith(u"in_"_s));
        const QJsonObject signupPayments = storedInvoicePayments(db, signup);
        QCOMPARE(signupPayments.value(u"url"_s).toString(), u"/v1/invoice_payments"_s);
        QCOMPARE(stripe::invoicePaymentIntents(signupPayments),
                 paymentIntentsOf(db, u"member@example.com"_s));
        QVERIFY(paymentsOwnedLikeTheInvoice(db, signup));
        // The invoice itself, as listed with the expansion, carries them too; the payments' own raw object is
        // stored with it.
        QVERIFY(text(db, u"SELECT json FROM raw_objects WHERE kind = 'invoice' AND external_id = '%1'"_s.arg(
                             signup))
                    .contains(u"\"payments\""_s));
        QCOMPARE(
            scalar(db, u"SELECT snapshot_at FROM raw_objects WHERE kind = 'invoice_payments'"
                       " AND external_id = '%1'"_s.arg(signup)),
            scalar(db,
                   u"SELECT snapshot_at FROM raw_objects WHERE kind = 'invoice' AND external_id = '%1'"_s.arg(
                       signup)));
        const Run quiet = syncOnce(db, box.baseUrl());
        QVERIFY(quiet.report.ok);
        QCOMPARE(quiet.report.requests, 1);

        // After it: the renewal's invoice arrives through events, which never carry payments; the run fetches
        // them from /v1/invoice_payments.
        QVERIFY2(box.addJourneyEntry(u"member@example.com"_s, u"stripe"_s, QJsonObject{{u"do"_s, u"renew"_s}},
                                     &error),
                 qPrintable(error));
        const Run second = syncOnce(db, box.baseUrl());
        QVERIFY2(second.report.ok, qPrintable(second.report.error.message));
        QVERIFY(second.report.incremental);
        QCOMPARE(second.report.requests, 2); // the events page and the one invoice's payments
        const QString renewal = latestInvoiceOf(db, u"member@example.com"_s);
        QVERIFY(renewal.startsWith(u"in_"_s));
        QVERIFY(renewal != signup);
        QVERIFY(!text(db, u"SELECT json FROM raw_objects WHERE kind = 'invoice' AND external_id = '%1'"_s.arg(
                              renewal))
                     .contains(u"\"payments\""_s));
        const QJsonObject renewalPayments = storedInvoicePayments(db, renewal);
        const QStringList intents = paymentIntentsOf(db, u"member@example.com"_s);
        QCOMPARE(intents.size(), 2);
        QCOMPARE(stripe::invoicePaymentIntents(renewalPayments), QStringList{intents.first()});
        QCOMPARE(renewalPayments.value(u"data"_s).toArray().at(0).toObject().value(u"invoice"_s).toString(),
                 renewal);
        QVERIFY(paymentsOwnedLikeTheInvoice(db, renewal));

        // A later event about the invoice (here invoice.paid, delivered again) overwrites the stored invoice:
        // its payments stay, and are not fetched again.
        QSqlQuery q(db);
        QVERIFY(q.exec(
            u"DELETE FROM raw_objects WHERE kind = 'event' AND json_extract(json, '$.type') = 'invoice.paid'"
            " AND json_extract(json, '$.data.object.id') = '%1'"_s.arg(renewal)));
        QCOMPARE(q.numRowsAffected(), 1);
        store::Store store(db);
        QVERIFY(store.saveSyncState(
            u"stripe"_s, u"events"_s,
            store::SyncState{u"%1:"_s.arg(second.report.startedAt - 3600 * 1000), {}, {}, 0}));
        const Run replay = syncOnce(db, box.baseUrl());
        QVERIFY2(replay.report.ok, qPrintable(replay.report.error.message));
        QCOMPARE(replay.report.requests, 1);
        QCOMPARE(
            scalar(db,
                   u"SELECT count(*) FROM raw_objects WHERE kind = 'event' AND json_extract(json, '$.type')"
                   " = 'invoice.paid' AND json_extract(json, '$.data.object.id') = '%1'"_s.arg(renewal)),
            1);
        QCOMPARE(storedInvoicePayments(db, renewal), renewalPayments);
        QCOMPARE(storedInvoicePayments(db, signup), signupPayments);

        // Payments are raw facts only: no timeline rows, and a rebuild comes out the same.
        QCOMPARE(scalar(db, u"SELECT count(*) FROM timeline WHERE source_key LIKE '%inpay%'"_s), 0);
        const QStringList before = fingerprint(db);
        QVERIFY(sync::rebuildProjections(db));
        QCOMPARE(fingerprint(db), before);
        QVERIFY(paymentsOwnedLikeTheInvoice(db, signup));
        QVERIFY(paymentsOwnedLikeTheInvoice(db, renewal));
        QCOMPARE(storedInvoicePayments(db, renewal), renewalPayments);
    }

    void invoicePaymentsAreFetchedOnlyForInvoicesThatMayHaveThem()
    {
        sandbox::Sandbox box;
        QString error;
        QVERIFY2(box.loadWorld(lineItemsWorld(), &error), qPrintable(error));
        QVERIFY(box.listen(0));
        test::TempCache cache;
        QSqlDatabase db = cache.db();
        QVERIFY(syncOnce(db, box.baseUrl()).report.ok);

        // An invoice Stripe does not know (a 404), a draft and a void one (never asked for), and the member's
        // payments forgotten (asked for again).
        QSqlQuery q(db);
        const auto insertInvoice = [&q](const QString &id, const QString &status, qint64 at) {
            return q.exec(
                u"INSERT INTO raw_objects(provider, kind, external_id, json, provider_time, snapshot_at,"
                " synced_at) VALUES ('stripe', 'invoice', '%1',"
                " '{\"id\":\"%1\",\"object\":\"invoice\",\"status\":\"%2\"}', %3, %3, %3)"_s.arg(id, status)
                    .arg(at));
        };
        QVERIFY(insertInvoice(u"in_test_ghost"_s, u"paid"_s, 9000000000000));
        QVERIFY(insertInvoice(u"in_test_draft"_s, u"draft"_s, 9000000000001));
        QVERIFY(insertInvoice(u"in_test_void"_s, u"void"_s, 9000000000002));
        const QString member = latestInvoiceOf(db, u"member@example.com"_s);
        const QJsonObject payments = storedInvoicePayments(db, member);
        QVERIFY(!payments.isEmpty());
        QVERIFY(q.exec(
            u"DELETE FROM raw_objects WHERE kind = 'invoice_payments' AND external_id = '%1'"_s.arg(member)));
        const Run r = syncOnce(db, box.baseUrl());
        QVERIFY(!r.report.ok);
        QVERIFY2(r.report.error.message.contains(u"in_test_ghost"_s), qPrintable(r.report.error.message));
        QCOMPARE(r.report.requests, 3); // events, the ghost (a 404 is not retried), the member's invoice
        QCOMPARE(storedInvoicePayments(db, member), payments);
        QVERIFY(storedInvoicePayments(db, u"in_test_ghost"_s).isEmpty());
        QVERIFY(storedInvoicePayments(db, u"in_test_draft"_s).isEmpty());
        QVERIFY(storedInvoicePayments(db, u"in_test_void"_s).isEmpty());
        QVERIFY(q.exec(u"DELETE FROM raw_objects WHERE external_id LIKE 'in_test_%'"_s));
        const Run next = syncOnce(db, box.baseUrl());
        QVERIFY2(next.report.ok, qPrintable(next.report.error.message));
        QCOMPARE(next.report.requests, 1);
    }

    void oneSessionsFailedLineItemsDoNotHoldUpTheOthers()
    {
        sandbox::Sandbox box;
        QString error;
        QVERIFY2(box.loadWorld(lineItemsWorld(), &error), qPrintable(error));
        QVERIFY(box.listen(0));
        test::TempCache cache;
        QSqlDatabase db = cache.db();
        QVERIFY(syncOnce(db, box.baseUrl()).report.ok);

        // A completed session Stripe does not know (404), newest so it is asked for first, and a real
        // purchase arriving through events.
        QSqlQuery q(db);
        QVERIFY(
            q.exec(u"INSERT INTO raw_objects(provider, kind, external_id, json, provider_time, snapshot_at, "
                   u"synced_at)"
                   " VALUES ('stripe', 'checkout_session', 'cs_test_ghost',"
                   " '{\"id\":\"cs_test_ghost\",\"object\":\"checkout.session\",\"status\":\"complete\"}',"
                   " 9000000000000, 9000000000000, 9000000000000)"_s));
        // An expired session is not asked for.
        QVERIFY(q.exec(
            u"INSERT INTO raw_objects(provider, kind, external_id, json, provider_time, snapshot_at, "
            u"synced_at)"
            " VALUES ('stripe', 'checkout_session', 'cs_test_expired',"
            " '{\"id\":\"cs_test_expired\",\"object\":\"checkout.session\",\"status\":\"expired\","
            "\"automatic_tax\":{\"status\":\"complete\"}}', 9000000000001, 9000000000001, 9000000000001)"_s));
        QVERIFY2(box.addJourneyEntry(u"late@example.com"_s, u"stripe"_s,
                                     QJsonObject{{u"do"_s, u"buy"_s}, {u"price"_s, u"price_course"_s}},
                                     &error),
                 qPrintable(error));
        const Run r = syncOnce(db, box.baseUrl());
        QVERIFY(!r.report.ok);
        QVERIFY2(r.report.error.message.contains(u"cs_test_ghost"_s), qPrintable(r.report.error.message));
        QCOMPARE(r.report.requests, 3); // events, the ghost (a 404 is not retried), the purchase
        store::Store store(db);
        QVERIFY(store.syncState(u"stripe"_s, u"events"_s).value().lastError.contains(u"cs_test_ghost"_s));
        // The rest of the run went through: the purchase, its line items, the checkpoint.
        const QString late = sessionOf(db, u"late@example.com"_s);
        QCOMPARE(stripe::purchasedItems(storedLineItems(db, late)).value(0).price, u"price_course"_s);
        QVERIFY(storedLineItems(db, u"cs_test_ghost"_s).isEmpty());
        QVERIFY(storedLineItems(db, u"cs_test_expired"_s).isEmpty());
        // Without the ghost the next run is clean, and fetches nothing again: the checkpoint had moved on.
        QVERIFY(q.exec(u"DELETE FROM raw_objects WHERE external_id = 'cs_test_ghost'"_s));
        const Run next = syncOnce(db, box.baseUrl());
        QVERIFY2(next.report.ok, qPrintable(next.report.error.message));
        QCOMPARE(next.report.requests, 1);
        QCOMPARE(next.report.items, 0);
        QVERIFY(store.syncState(u"stripe"_s, u"events"_s).value().lastError.isEmpty());
    }

    void rateLimitIsHonouredAndResultIsTheSame()
    {
        test::TempCache clean, limited;
        QVERIFY(syncOnce(clean.db(), m_sandbox->baseUrl()).report.ok);
        m_sandbox->setStripeRateLimit(8);
        const qint64 limitedBefore = m_sandbox->stripeRateLimitedCount();
        const Run r = syncOnce(limited.db(), m_sandbox->baseUrl(), u"sk_test_sandbox"_s, 40);
        QVERIFY2(r.report.ok, qPrintable(r.report.error.message));
        QVERIFY(m_sandbox->stripeRateLimitedCount() > limitedBefore); // we did hit 429s...
        QCOMPARE(fingerprint(limited.db()), fingerprint(clean.db())); // ...and lost nothing to them
    }

    void serverErrorsAreRetried()
    {
        test::TempCache cache;
        m_sandbox->failNextStripeRequests(3, 500);
        const Run r = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY2(r.report.ok, qPrintable(r.report.error.message));
        QVERIFY(scalar(cache.db(), u"SELECT count(*) FROM timeline"_s) > 0);
    }

    void wrongKeyFailsClearlyWithoutEchoingTheKey()
    {
        test::TempCache cache;
        const QString key = u"sk_test_wrongwrongwrong1234"_s;
        const Run r = syncOnce(cache.db(), m_sandbox->baseUrl(), key);
        QVERIFY(!r.report.ok);
        QCOMPARE(r.report.error.kind, ErrorKind::Auth);
        QVERIFY2(r.report.error.message.contains(u"401"_s), qPrintable(r.report.error.message));
        QVERIFY(r.report.error.message.contains(u"request req_"_s)); // names the Request-Id
        QVERIFY(!r.report.error.message.contains(key));
        QCOMPARE(r.clientRequests, 1); // a 401 is not retried
        store::Store store(cache.db());
        QVERIFY(store.syncState(u"stripe"_s, u"events"_s).value().lastError.contains(u"401"_s));
    }

    void cancelledBackfillResumesToTheSameResult()
    {
        test::TempCache clean, interrupted;
        QVERIFY(syncOnce(clean.db(), m_sandbox->baseUrl()).report.ok);
        const Run cut = syncOnce(interrupted.db(), m_sandbox->baseUrl(), u"sk_test_sandbox"_s, 1000, 150);
        QVERIFY(cut.report.cancelled);
        QVERIFY(!cut.report.ok);
        const Run resumed = syncOnce(interrupted.db(), m_sandbox->baseUrl());
        QVERIFY2(resumed.report.ok, qPrintable(resumed.report.error.message));
        QVERIFY(!resumed.report.incremental); // it finished the backfill it had started
        QCOMPARE(fingerprint(interrupted.db()), fingerprint(clean.db()));
        QCOMPARE(scalar(interrupted.db(), u"SELECT count(*) FROM raw_objects"_s),
                 scalar(clean.db(), u"SELECT count(*) FROM raw_objects"_s));
    }

    void vanishedCursorRestartsThatListing()
    {
        test::TempCache clean, interrupted;
        QVERIFY(syncOnce(clean.db(), m_sandbox->baseUrl()).report.ok);
        QVERIFY(syncOnce(interrupted.db(), m_sandbox->baseUrl(), u"sk_test_sandbox"_s, 1000, 150)
                    .report.cancelled);
        // The customer we would page after was deleted meanwhile: Stripe answers resource_missing.
        store::Store store(interrupted.db());
        QVERIFY(store.saveSyncState(u"stripe"_s, u"backfill:customers"_s,
                                    store::SyncState{u"cus_deleted_meanwhile"_s, {}, {}, 0}));
        const Run resumed = syncOnce(interrupted.db(), m_sandbox->baseUrl());
        QVERIFY2(resumed.report.ok, qPrintable(resumed.report.error.message));
        QCOMPARE(fingerprint(interrupted.db()), fingerprint(clean.db()));
    }

    void pendingRefundFollowUpsSurviveARestart()
    {
        test::TempCache cache;
        QVERIFY(syncOnce(cache.db(), m_sandbox->baseUrl()).report.ok);
        const QStringList complete = fingerprint(cache.db());
        // A run that crashed after storing a charge.refunded event but before fetching its refunds.
        QSqlQuery q(cache.db());
        QVERIFY(
            q.exec(
                u"SELECT json_extract(json, '$.charge') FROM raw_objects WHERE kind = 'refund' LIMIT 1"_s) &&
            q.next());
        const QString charge = q.value(0).toString();
        QVERIFY(charge.startsWith(u"ch_"_s));
        QVERIFY(
            q.exec(u"DELETE FROM timeline WHERE kind = 'refund' AND detail_json LIKE '%%1%'"_s.arg(charge)));
        QVERIFY(q.exec(u"DELETE FROM raw_objects WHERE kind = 'refund' AND json LIKE '%%1%'"_s.arg(charge)));
        store::Store store(cache.db());
        QVERIFY(store.saveSyncState(u"stripe"_s, u"refund_followups"_s, store::SyncState{charge, {}, {}, 0}));
        const Run next = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(next.report.ok);
        QVERIFY(next.report.incremental);
        QCOMPARE(fingerprint(cache.db()), complete);
        QVERIFY(store.syncState(u"stripe"_s, u"refund_followups"_s).value().cursor.isEmpty());
    }

    void quietAccountKeepsItsCheckpointFresh()
    {
        test::TempCache cache;
        QVERIFY(syncOnce(cache.db(), m_sandbox->baseUrl()).report.ok);
        // The newest event we know is 29.5 days old and nothing happened since.
        store::Store store(cache.db());
        const Millis old = Clock::now() - Millis(29.5 * 24 * 3600 * 1000);
        QVERIFY(store.saveSyncState(u"stripe"_s, u"events"_s,
                                    store::SyncState{u"%1:evt_old"_s.arg(old), {}, {}, 0}));
        const Run r = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(r.report.ok);
        QVERIFY(r.report.incremental);
        const QString cursor = store.syncState(u"stripe"_s, u"events"_s).value().cursor;
        const Millis moved = cursor.section(u':', 0, 0).toLongLong();
        QVERIFY2(moved >= r.report.startedAt - 3600 * 1000 - 1000, qPrintable(cursor)); // not aging out
        QVERIFY(moved <= r.report.startedAt);
    }

    void requestsAreCounted()
    {
        test::TempCache cache;
        const Run r = syncOnce(cache.db(), m_sandbox->baseUrl());
        QVERIFY(r.report.ok);
        QCOMPARE(
            scalar(cache.db(),
                   u"SELECT requests_spent FROM sync_state WHERE provider='stripe' AND stream='requests'"_s),
            r.report.requests);
    }
};

QTEST_GUILESS_MAIN(TestStripeSync)
#include "tst_stripesync.moc"
