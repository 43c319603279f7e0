// The sandbox's Stripe API over loopback HTTP, asked the way a client asks: auth, pagination, filters,
// search, errors, rate limit, fault injection, and entries added while it runs.
#include "Sandbox.h"
#include "SandboxHttp.h"
#include "SandboxTestWorld.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace sb::sandbox;
using namespace sb::sandbox::testing;

namespace {

// The shared loopback reply, with the names these tests read best.
struct Reply : testing::HttpReply {
    QString errorMessage() const { return stripeMessage(); }
    QString errorCode() const { return stripeCode(); }
};

const QByteArray GoodKey = QByteArrayLiteral("Bearer sk_test_sandbox");

} // namespace

class TestStripeApi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void missingAndWrongKey();
    void basicAuthAndHeaders();
    void paginationWalksEveryCustomerOnce_data();
    void paginationWalksEveryCustomerOnce();
    void endingBeforeWalksBack();
    void createdFilters_data();
    void createdFilters();
    void eventsTypeFilterAndWindow();
    void subscriptionsDefaultExcludesCanceled();
    void emailFilterIsExactAndCaseSensitive();
    void searchResult();
    void badRequests_data();
    void badRequests();
    void rateLimit();
    void failNextRequests();
    void olderVersionGetsLegacyShape();
    void filtersByRelation();
    void expandsOnRequest();
    void checkoutLineItemsOnlyWhenExpanded();
    void checkoutLineItemsSubResource();
    void invoicePaymentsOnlyWhenExpanded();
    void invoicePaymentsEndpoint();
    void addedEntriesShowUp();

private:
    void start(const QJsonObject &world);
    Reply get(const QString &pathAndQuery, const QByteArray &auth = GoodKey, const QByteArray &version = {});
    QStringList walk(const QString &path, int limit, bool *ok);

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestStripeApi::init()
{
    m_sandbox = std::make_unique<Sandbox>();
    m_sandbox->generateWorld(80, 5);
    QVERIFY(m_sandbox->listen());
    QCOMPARE(m_sandbox->baseUrl().host(), u"127.0.0.1"_s);
    QVERIFY(m_sandbox->baseUrl().port() > 0);
}

void TestStripeApi::start(const QJsonObject &world)
{
    QString error;
    QVERIFY2(m_sandbox->loadWorld(world, &error), qPrintable(error));
}

Reply TestStripeApi::get(const QString &pathAndQuery, const QByteArray &auth, const QByteArray &version)
{
    testing::Headers headers;
    if (!auth.isEmpty())
        headers.append({"Authorization", auth});
    if (!version.isEmpty())
        headers.append({"Stripe-Version", version});
    Reply out;
    static_cast<testing::HttpReply &>(out) =
        testing::send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + pathAndQuery), headers);
    return out;
}

// Follows starting_after from the newest to the oldest object and returns the ids in order.
QStringList TestStripeApi::walk(const QString &path, int limit, bool *ok)
{
    *ok = false;
    QStringList ids;
    QString cursor;
    const QString sep = path.contains(u'?') ? u"&"_s : u"?"_s;
    for (int page = 0; page < 10000; ++page) {
        const Reply r = get(path + sep + u"limit="_s + QString::number(limit) +
                            (cursor.isEmpty() ? QString() : u"&starting_after="_s + cursor));
        if (r.status != 200 || r.json.value(u"object").toString() != u"list")
            return ids;
        const QJsonArray data = r.data();
        if (data.size() > limit || (r.json.value(u"has_more").toBool() && data.size() != limit))
            return ids;
        for (const QJsonValue &v : data)
            ids.append(v.toObject().value(u"id").toString());
        if (!r.json.value(u"has_more").toBool()) {
            *ok = true;
            return ids;
        }
        cursor = ids.constLast();
    }
    return ids;
}

void TestStripeApi::missingAndWrongKey()
{
    const Reply none = get(u"/v1/customers"_s, QByteArray());
    QCOMPARE(none.status, 401);
    QCOMPARE(none.errorMessage(), u"You did not provide an API key. You need to provide your API key in the "
                                  u"Authorization header, using "
                                  "Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
                                  "https://stripe.com/docs/api#authentication "
                                  "for details, or we can help at https://support.stripe.com/."_s);
    QCOMPARE(none.json.value(u"error").toObject().value(u"type").toString(), u"invalid_request_error"_s);

    const Reply wrong = get(u"/v1/customers"_s, "Bearer sk_test_51SecretPartXYZabcd");
    QCOMPARE(wrong.status, 401);
    QVERIFY2(wrong.errorMessage().startsWith(u"Invalid API Key provided: sk_test_"_s),
             qPrintable(wrong.errorMessage()));
    QVERIFY(wrong.errorMessage().endsWith(u"abcd"_s));
    QVERIFY(!wrong.body.contains("51SecretPartXYZ"));

    const Reply shortKey = get(u"/v1/customers"_s, "Bearer abc");
    QCOMPARE(shortKey.status, 401);
    QVERIFY(!shortKey.errorMessage().contains(u"abc"_s));
    QCOMPARE(m_sandbox->stripeRequestCount(), 3);

    m_sandbox->setKeys(u"rk_test_other"_s, u"c"_s, u"k"_s);
    QCOMPARE(get(u"/v1/customers"_s).status, 401);
    QCOMPARE(get(u"/v1/customers"_s, "Bearer rk_test_other").status, 200);
}

void TestStripeApi::basicAuthAndHeaders()
{
    const Reply r = get(u"/v1/customers?limit=2"_s, "Basic " + QByteArray("sk_test_sandbox:").toBase64());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
    QVERIFY(r.headers.value("request-id").startsWith("req_"));
    QCOMPARE(r.headers.value("stripe-version"), QByteArray("2025-03-31.basil"));
    QCOMPARE(r.json.value(u"url").toString(), u"/v1/customers"_s);
    QCOMPARE(r.data().size(), 2);
    const Reply again = get(u"/v1/customers?limit=2"_s, GoodKey, "2024-06-20");
    QCOMPARE(again.headers.value("stripe-version"), QByteArray("2024-06-20"));
    QVERIFY(again.headers.value("request-id") != r.headers.value("request-id"));
    const Reply error = get(u"/v1/nothing"_s);
    QVERIFY(error.headers.value("request-id").startsWith("req_"));
}

void TestStripeApi::paginationWalksEveryCustomerOnce_data()
{
    QTest::addColumn<int>("limit");
    QTest::newRow("1") << 1;
    QTest::newRow("7") << 7;
    QTest::newRow("10") << 10;
    QTest::newRow("100") << 100;
}

void TestStripeApi::paginationWalksEveryCustomerOnce()
{
    QFETCH(int, limit);
    bool ok = false;
    const QStringList ids = walk(u"/v1/customers"_s, limit, &ok);
    QVERIFY(ok);
    QVERIFY(ids.size() > 50);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
    bool allOk = false;
    QCOMPARE(walk(u"/v1/customers"_s, 100, &allOk), ids);

    // Newest first.
    const Reply page = get(u"/v1/customers?limit=100"_s);
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const QJsonValue &v : page.data()) {
        const qint64 created = v.toObject().value(u"created").toInteger();
        QVERIFY(created <= previous);
        previous = created;
    }
}

void TestStripeApi::endingBeforeWalksBack()
{
    const Reply first = get(u"/v1/charges?limit=5"_s);
    QCOMPARE(first.data().size(), 5);
    const QString fifth = first.data().at(4).toObject().value(u"id").toString();
    const Reply second = get(u"/v1/charges?limit=5&starting_after="_s + fifth);
    const QString sixth = second.data().at(0).toObject().value(u"id").toString();
    const Reply back = get(u"/v1/charges?limit=5&ending_before="_s + sixth);
    QCOMPARE(back.data(), first.data());
    QCOMPARE(back.json.value(u"has_more").toBool(), false);
    const Reply partial = get(u"/v1/charges?limit=2&ending_before="_s + sixth);
    QCOMPARE(partial.data().at(0), first.data().at(3));
    QCOMPARE(partial.data().at(1), first.data().at(4));
    QCOMPARE(partial.json.value(u"has_more").toBool(), true);
}

void TestStripeApi::createdFilters_data()
{
    QTest::addColumn<QString>("op");
    QTest::newRow("gt") << u"gt"_s;
    QTest::newRow("gte") << u"gte"_s;
    QTest::newRow("lt") << u"lt"_s;
    QTest::newRow("lte") << u"lte"_s;
    QTest::newRow("exact") << QString();
}

void TestStripeApi::createdFilters()
{
    QFETCH(QString, op);
    bool ok = false;
    const QStringList all = walk(u"/v1/customers"_s, 100, &ok);
    QVERIFY(ok);
    QHash<QString, qint64> created;
    const Reply everything = get(u"/v1/customers?limit=100"_s);
    for (const QJsonValue &v : everything.data())
        created.insert(v.toObject().value(u"id").toString(), v.toObject().value(u"created").toInteger());
    const qint64 pivot = created.value(all.at(all.size() / 2));

    const QString param = op.isEmpty() ? u"created"_s : u"created["_s + op + u"]"_s;
    const QStringList filtered = walk(u"/v1/customers?"_s + param + u"="_s + QString::number(pivot), 3, &ok);
    QVERIFY(ok);
    QStringList expected;
    for (const QString &id : all) {
        const qint64 c = created.value(id);
        const bool keep = op == u"gt"    ? c > pivot
                          : op == u"gte" ? c >= pivot
                          : op == u"lt"  ? c < pivot
                          : op == u"lte" ? c <= pivot
                                         : c == pivot;
        if (keep)
            expected.append(id);
    }
    QVERIFY(!expected.isEmpty());
    QCOMPARE(filtered, expected);
}

void TestStripeApi::eventsTypeFilterAndWindow()
{
    start(world({person(u"old@example.com"_s, {entry(45 * Day, u"subscribe"_s), entry(15 * Day, u"renew"_s)}),
                 person(u"new@example.com"_s, {entry(2 * Day, u"buy"_s), entry(Day, u"refund"_s)})}));
    const Reply charges = get(u"/v1/events?type=charge.*&limit=100"_s);
    QCOMPARE(charges.status, 200);
    QStringList types;
    for (const QJsonValue &v : charges.data())
        types.append(v.toObject().value(u"type").toString());
    QCOMPARE(types, (QStringList{u"charge.refunded"_s, u"charge.succeeded"_s, u"charge.succeeded"_s}));

    const Reply two = get(u"/v1/events?types[]=refund.created&types[]=customer.created&limit=100"_s);
    types.clear();
    for (const QJsonValue &v : two.data())
        types.append(v.toObject().value(u"type").toString());
    // old@example.com was created 45 days ago: outside the 30-day window.
    QCOMPARE(types, (QStringList{u"refund.created"_s, u"customer.created"_s}));

    const Reply all = get(u"/v1/events?limit=100"_s);
    const qint64 windowStart = m_sandbox->now().toSecsSinceEpoch() - 30 * Day;
    QCOMPARE(all.data().size(), 5 + 4 + 2);
    for (const QJsonValue &v : all.data()) {
        const QJsonObject e = v.toObject();
        QVERIFY(e.value(u"created").toInteger() >= windowStart);
        QCOMPARE(e.value(u"object").toString(), u"event"_s);
        QVERIFY(e.value(u"data").toObject().value(u"object").isObject());
        const Reply one = get(u"/v1/events/"_s + e.value(u"id").toString());
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json, e);
    }
    QCOMPARE(get(u"/v1/events?delivery_success=false"_s).data().size(), 0);
    QCOMPARE(get(u"/v1/customers?limit=100"_s).data().size(), 2); // objects are not windowed
}

void TestStripeApi::subscriptionsDefaultExcludesCanceled()
{
    start(world(
        {person(u"active@example.com"_s, {entry(5 * Day, u"subscribe"_s)}),
         person(u"gone@example.com"_s, {entry(9 * Day, u"subscribe"_s), entry(2 * Day, u"cancel"_s)}),
         person(u"late@example.com"_s, {entry(40 * Day, u"subscribe"_s), entry(Day, u"renewal_failed"_s)})}));
    const auto statuses = [this](const QString &query) {
        QStringList out;
        for (const QJsonValue &v : get(u"/v1/subscriptions"_s + query).data())
            out.append(v.toObject().value(u"status").toString());
        out.sort();
        return out;
    };
    QCOMPARE(statuses(QString()), (QStringList{u"active"_s, u"past_due"_s}));
    QCOMPARE(statuses(u"?status=all"_s), (QStringList{u"active"_s, u"canceled"_s, u"past_due"_s}));
    QCOMPARE(statuses(u"?status=canceled"_s), QStringList{u"canceled"_s});
    QCOMPARE(statuses(u"?status=ended"_s), QStringList{u"canceled"_s});
    QCOMPARE(statuses(u"?status=past_due"_s), QStringList{u"past_due"_s});
    QCOMPARE(get(u"/v1/subscriptions?status=bogus"_s).status, 400);
    QCOMPARE(statuses(u"?price=price_pro_yearly&status=all"_s), QStringList());
}

void TestStripeApi::emailFilterIsExactAndCaseSensitive()
{
    start(world({person(u"Ada@Example.com"_s, {entry(Day, u"buy"_s)}),
                 person(u"bo+shop@example.com"_s, {entry(Day, u"buy"_s)})}));
    QCOMPARE(get(u"/v1/customers?email=Ada@Example.com"_s).data().size(), 1);
    QCOMPARE(get(u"/v1/customers?email=Ada%40Example.com"_s).data().size(), 1);
    QCOMPARE(get(u"/v1/customers?email=ada@example.com"_s).data().size(), 0);
    QCOMPARE(get(u"/v1/customers?email=Ada@Example"_s).data().size(), 0);
    // A '+' left unencoded is a space, as in any form-encoded query.
    QCOMPARE(get(u"/v1/customers?email=bo+shop@example.com"_s).data().size(), 0);
    QCOMPARE(get(u"/v1/customers?email=bo%2Bshop@example.com"_s).data().size(), 1);
}

void TestStripeApi::searchResult()
{
    start(world({person(u"Ada@Example.com"_s, {entry(3 * Day, u"buy"_s)}),
                 person(u"adam@example.com"_s, {entry(2 * Day, u"buy"_s)}),
                 person(u"bob@example.com"_s, {entry(Day, u"buy"_s)})}));
    const Reply exact = get(u"/v1/customers/search?query="_s +
                            QString::fromLatin1(QUrl::toPercentEncoding(u"email:'ada@example.com'"_s)));
    QCOMPARE(exact.status, 200);
    QCOMPARE(exact.json.value(u"object").toString(), u"search_result"_s);
    QCOMPARE(exact.json.value(u"url").toString(), u"/v1/customers/search"_s);
    QCOMPARE(exact.json.value(u"has_more").toBool(true), false);
    QVERIFY(exact.json.value(u"next_page").isNull());
    QCOMPARE(exact.data().size(), 1);
    QCOMPARE(exact.data().at(0).toObject().value(u"email").toString(), u"Ada@Example.com"_s);

    const QString sub = QString::fromLatin1(QUrl::toPercentEncoding(u"email~\"ada\""_s));
    const Reply page1 = get(u"/v1/customers/search?limit=1&query="_s + sub);
    QCOMPARE(page1.data().size(), 1);
    QCOMPARE(page1.json.value(u"has_more").toBool(), true);
    const QString next = page1.json.value(u"next_page").toString();
    QVERIFY(!next.isEmpty());
    const Reply page2 = get(u"/v1/customers/search?limit=1&query="_s + sub + u"&page="_s +
                            QString::fromLatin1(QUrl::toPercentEncoding(next)));
    QCOMPARE(page2.data().size(), 1);
    QCOMPARE(page2.json.value(u"has_more").toBool(), false);
    QVERIFY(page2.data().at(0) != page1.data().at(0));

    QCOMPARE(get(u"/v1/customers/search?query=nonsense"_s).status, 400);
    QCOMPARE(get(u"/v1/customers/search"_s).status, 400);
}

void TestStripeApi::badRequests_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("code");

    QTest::newRow("unknown param") << u"/v1/customers?foo=1"_s << 400 << u"Received unknown parameter: foo"_s
                                   << u"parameter_unknown"_s;
    QTest::newRow("unknown filter on charges")
        << u"/v1/charges?email=a@b.c"_s << 400 << u"Received unknown parameter: email"_s
        << u"parameter_unknown"_s;
    QTest::newRow("limit on retrieve") << u"/v1/customers/cus_x?limit=3"_s << 400
                                       << u"Received unknown parameter: limit"_s << u"parameter_unknown"_s;
    QTest::newRow("limit too big") << u"/v1/customers?limit=101"_s << 400
                                   << u"This value must be less than or equal to 100."_s << QString();
    QTest::newRow("limit not a number")
        << u"/v1/customers?limit=ten"_s << 400 << u"Invalid integer: ten"_s << QString();
    QTest::newRow("bad created") << u"/v1/events?created[gte]=yesterday"_s << 400
                                 << u"Invalid integer: yesterday"_s << QString();
    QTest::newRow("unknown cursor") << u"/v1/customers?starting_after=cus_nope"_s << 400
                                    << u"No such customer: 'cus_nope'"_s << u"resource_missing"_s;
    QTest::newRow("unknown id") << u"/v1/charges/ch_nope"_s << 404 << u"No such charge: 'ch_nope'"_s
                                << u"resource_missing"_s;
    QTest::newRow("unknown path")
        << u"/v1/widgets"_s << 404
        << u"Unrecognized request URL (GET: /v1/widgets). Please see https://stripe.com/docs "
           "or we can help at https://support.stripe.com/."_s
        << QString();
    QTest::newRow("too deep") << u"/v1/customers/cus_x/sources"_s << 404
                              << u"Unrecognized request URL (GET: /v1/customers/cus_x/sources). Please see "
                                 "https://stripe.com/docs or we can help at https://support.stripe.com/."_s
                              << QString();
}

void TestStripeApi::badRequests()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QString, code);
    const Reply r = get(path);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.json.value(u"error").toObject().value(u"type").toString(), u"invalid_request_error"_s);
}

void TestStripeApi::rateLimit()
{
    m_sandbox->setStripeRateLimit(5);
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 12; ++i) {
        QNetworkRequest request(QUrl(m_sandbox->baseUrl().toString() + u"/v1/products"_s));
        request.setRawHeader("Authorization", GoodKey);
        replies.append(m_nam.get(request));
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }),
        10000);
    int limited = 0;
    for (QNetworkReply *r : std::as_const(replies)) {
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 429) {
            ++limited;
            const QJsonObject error =
                QJsonDocument::fromJson(r->readAll()).object().value(u"error").toObject();
            QCOMPARE(error.value(u"code").toString(), u"rate_limit"_s);
            QCOMPARE(
                error.value(u"message").toString(),
                u"Too many requests hit the API too quickly. We recommend an exponential backoff of your "
                "requests."_s);
            QVERIFY(!r->hasRawHeader("Retry-After"));
        } else {
            QCOMPARE(status, 200);
        }
        r->deleteLater();
    }
    QVERIFY2(limited >= 2, qPrintable(QString::number(limited)));
    QCOMPARE(m_sandbox->stripeRateLimitedCount(), limited);
    QCOMPARE(m_sandbox->stripeRequestCount(), 12);

    m_sandbox->setStripeRateLimit(0);
    QCOMPARE(get(u"/v1/products"_s).status, 200);
}

void TestStripeApi::failNextRequests()
{
    m_sandbox->failNextStripeRequests(2, 500);
    const Reply first = get(u"/v1/customers"_s);
    QCOMPARE(first.status, 500);
    QCOMPARE(first.json.value(u"error").toObject().value(u"type").toString(), u"api_error"_s);
    QCOMPARE(first.headers.value("stripe-should-retry"), QByteArray("true"));
    QVERIFY(first.headers.value("request-id").startsWith("req_"));
    QCOMPARE(get(u"/v1/customers"_s).status, 500);
    const Reply third = get(u"/v1/customers"_s);
    QCOMPARE(third.status, 200);
    QVERIFY(!third.headers.contains("stripe-should-retry"));

    m_sandbox->failNextStripeRequests(1, 503);
    QCOMPARE(get(u"/v1/charges"_s).status, 503);
    m_sandbox->failNextStripeRequests(1, 429);
    QCOMPARE(get(u"/v1/charges"_s).status, 429);
    QCOMPARE(m_sandbox->stripeRateLimitedCount(), 1);
}

void TestStripeApi::olderVersionGetsLegacyShape()
{
    start(world({person(u"ada@example.com"_s, {entry(5 * Day, u"subscribe"_s)})}));
    const Reply basil = get(u"/v1/subscriptions"_s);
    const QJsonObject sub = basil.data().at(0).toObject();
    QVERIFY(!sub.contains(u"current_period_end"));
    QVERIFY(sub.value(u"items").toObject().value(u"data").toArray().at(0).toObject().contains(
        u"current_period_end"));
    const Reply old = get(u"/v1/subscriptions"_s, GoodKey, "2024-06-20");
    const QJsonObject legacy = old.data().at(0).toObject();
    QCOMPARE(legacy.value(u"current_period_end").toInteger(), sub.value(u"items")
                                                                  .toObject()
                                                                  .value(u"data")
                                                                  .toArray()
                                                                  .at(0)
                                                                  .toObject()
                                                                  .value(u"current_period_end")
                                                                  .toInteger());
    const Reply invoice =
        get(u"/v1/invoices/"_s + sub.value(u"latest_invoice").toString(), GoodKey, "2024-06-20");
    QCOMPARE(invoice.json.value(u"subscription").toString(), sub.value(u"id").toString());
}

void TestStripeApi::filtersByRelation()
{
    start(world({person(u"a@example.com"_s, {entry(9 * Day, u"subscribe"_s), entry(2 * Day, u"renew"_s),
                                             entry(Day, u"refund"_s, {{u"amount"_s, 100}})}),
                 person(u"b@example.com"_s, {entry(3 * Day, u"buy"_s), entry(2 * Day, u"dispute"_s)})}));
    const QString a =
        get(u"/v1/customers?email=a@example.com"_s).data().at(0).toObject().value(u"id").toString();
    const QString sub =
        get(u"/v1/subscriptions?customer="_s + a).data().at(0).toObject().value(u"id").toString();
    QCOMPARE(get(u"/v1/charges?customer="_s + a).data().size(), 2);
    QCOMPARE(get(u"/v1/payment_intents?customer="_s + a).data().size(), 2);
    QCOMPARE(get(u"/v1/invoices?subscription="_s + sub).data().size(), 2);
    QCOMPARE(get(u"/v1/invoices?customer="_s + a + u"&status=open"_s).data().size(), 0);
    QCOMPARE(get(u"/v1/checkout/sessions?subscription="_s + sub).data().size(), 1);
    const QJsonObject refund = get(u"/v1/refunds"_s).data().at(0).toObject();
    QCOMPARE(get(u"/v1/refunds?charge="_s + refund.value(u"charge").toString()).data().size(), 1);
    QCOMPARE(get(u"/v1/charges?payment_intent="_s + refund.value(u"payment_intent").toString()).data().size(),
             1);
    const QJsonObject dispute = get(u"/v1/disputes"_s).data().at(0).toObject();
    QCOMPARE(dispute.value(u"status").toString(), u"needs_response"_s);
    QCOMPARE(get(u"/v1/disputes/"_s + dispute.value(u"id").toString()).json, dispute);
    QCOMPARE(get(u"/v1/products"_s).data().size(), 2);
    QCOMPARE(get(u"/v1/prices?product=prod_pro"_s).data().size(), 2);
    QCOMPARE(get(u"/v1/prices/price_course"_s).json.value(u"type").toString(), u"one_time"_s);
}

void TestStripeApi::expandsOnRequest()
{
    const Reply plain = get(u"/v1/charges?limit=3"_s);
    QVERIFY(plain.data().at(0).toObject().value(u"customer").isString());
    const Reply expanded = get(u"/v1/charges?limit=3&expand[]=data.customer"_s);
    const QJsonObject customer = expanded.data().at(0).toObject().value(u"customer").toObject();
    QCOMPARE(customer.value(u"object").toString(), u"customer"_s);
    QCOMPARE(customer.value(u"id").toString(), plain.data().at(0).toObject().value(u"customer").toString());
    const QString id = plain.data().at(0).toObject().value(u"id").toString();
    const Reply one = get(u"/v1/charges/"_s + id + u"?expand[0]=payment_intent"_s);
    QCOMPARE(one.json.value(u"payment_intent").toObject().value(u"object").toString(), u"payment_intent"_s);
}

void TestStripeApi::checkoutLineItemsOnlyWhenExpanded()
{
    start(
        world({person(u"buyer@example.com"_s, {entry(3 * Day, u"buy"_s, {{u"price"_s, u"price_course"_s}})}),
               person(u"member@example.com"_s, {entry(2 * Day, u"subscribe"_s)})}));
    const auto sessionsByMode = [](const QJsonArray &data) {
        QHash<QString, QJsonObject> out;
        for (const QJsonValue &v : data)
            out.insert(v.toObject().value(u"mode").toString(), v.toObject());
        return out;
    };
    const Reply plain = get(u"/v1/checkout/sessions"_s);
    QCOMPARE(plain.status, 200);
    QCOMPARE(plain.data().size(), 2);
    for (const QJsonValue &v : plain.data())
        QVERIFY(!v.toObject().contains(u"line_items"));

    const Reply expanded = get(u"/v1/checkout/sessions?expand[]=data.line_items"_s);
    QCOMPARE(expanded.status, 200);
    const QHash<QString, QJsonObject> sessions = sessionsByMode(expanded.data());
    const struct {
        QString mode, price, product, description;
        qint64 amount;
    } expected[] = {{u"payment"_s, u"price_course"_s, u"prod_course"_s, u"Course"_s, 29900},
                    {u"subscription"_s, u"price_pro_monthly"_s, u"prod_pro"_s, u"Pro"_s, 4900}};
    for (const auto &e : expected) {
        QVERIFY2(sessions.contains(e.mode), qPrintable(e.mode));
        const QJsonObject cs = sessions.value(e.mode);
        const QString id = cs.value(u"id").toString();
        const QJsonObject list = cs.value(u"line_items").toObject();
        QCOMPARE(list.value(u"object").toString(), u"list"_s);
        QCOMPARE(list.value(u"has_more").toBool(true), false);
        QCOMPARE(list.value(u"url").toString(), u"/v1/checkout/sessions/"_s + id + u"/line_items"_s);
        const QJsonArray data = list.value(u"data").toArray();
        QCOMPARE(data.size(), 1);
        const QJsonObject item = data.at(0).toObject();
        QVERIFY2(item.value(u"id").toString().startsWith(u"li_"_s), qPrintable(item.value(u"id").toString()));
        QCOMPARE(item.value(u"object").toString(), u"item"_s);
        QCOMPARE(item.value(u"quantity").toInteger(), 1);
        QCOMPARE(item.value(u"amount_total").toInteger(), e.amount);
        QCOMPARE(item.value(u"amount_subtotal").toInteger(), e.amount);
        QCOMPARE(item.value(u"currency").toString(), u"usd"_s);
        QCOMPARE(item.value(u"description").toString(), e.description);
        const QJsonObject price = item.value(u"price").toObject();
        QCOMPARE(price.value(u"object").toString(), u"price"_s);
        QCOMPARE(price.value(u"id").toString(), e.price);
        QCOMPARE(price.value(u"product").toString(), e.product);
        // Everything else is the session as listed without the expansion.
        QJsonObject without = cs;
        without.remove(u"line_items"_s);
        QCOMPARE(without, sessionsByMode(plain.data()).value(e.mode));

        // Retrieve: only with expand[]=line_items; the same line item every time.
        const Reply one = get(u"/v1/checkout/sessions/"_s + id);
        QCOMPARE(one.status, 200);
        QVERIFY(!one.json.contains(u"line_items"));
        const Reply oneExpanded = get(u"/v1/checkout/sessions/"_s + id + u"?expand[]=line_items"_s);
        QCOMPARE(oneExpanded.json.value(u"line_items").toObject(), list);
    }
    // The completed event's snapshot never carries line items, as Stripe's webhooks do not.
    const Reply events = get(u"/v1/events?type=checkout.session.completed"_s);
    QCOMPARE(events.data().size(), 2);
    for (const QJsonValue &v : events.data())
        QVERIFY(!v.toObject().value(u"data").toObject().value(u"object").toObject().contains(u"line_items"));
    // Unknown expansions are still ignored, and a deeper one does not expand anything.
    const Reply bogus =
        get(u"/v1/checkout/sessions?expand[]=data.bogus&expand[]=data.line_items.data.price"_s);
    QCOMPARE(bogus.status, 200);
    QCOMPARE(bogus.data(), plain.data());
}

void TestStripeApi::checkoutLineItemsSubResource()
{
    start(world(
        {person(u"buyer@example.com"_s, {entry(3 * Day, u"buy"_s, {{u"price"_s, u"price_course"_s}})})}));
    const QJsonObject cs = get(u"/v1/checkout/sessions?expand[]=data.line_items"_s).data().at(0).toObject();
    const QString id = cs.value(u"id").toString();
    const QString path = u"/v1/checkout/sessions/"_s + id + u"/line_items"_s;
    const Reply r = get(path);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"object").toString(), u"list"_s);
    QCOMPARE(r.json.value(u"url").toString(), path);
    QCOMPARE(r.json.value(u"has_more").toBool(true), false);
    QCOMPARE(r.data(), cs.value(u"line_items").toObject().value(u"data").toArray());
    const QJsonObject item = r.data().at(0).toObject();
    QCOMPARE(item.value(u"price").toObject().value(u"id").toString(), u"price_course"_s);
    QCOMPARE(item.value(u"price").toObject().value(u"product").toString(), u"prod_course"_s);

    // Pagination by line item.
    const QString li = item.value(u"id").toString();
    QCOMPARE(get(path + u"?limit=1"_s).data().size(), 1);
    const Reply after = get(path + u"?limit=1&starting_after="_s + li);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.data().size(), 0);
    QCOMPARE(after.json.value(u"has_more").toBool(true), false);
    QCOMPARE(get(path + u"?ending_before="_s + li).data().size(), 0);
    const Reply badCursor = get(path + u"?starting_after=li_nope"_s);
    QCOMPARE(badCursor.status, 400);
    QCOMPARE(badCursor.errorCode(), u"resource_missing"_s);
    QCOMPARE(get(path + u"?limit=0"_s).status, 400);
    const Reply unknownParam = get(path + u"?created=5"_s);
    QCOMPARE(unknownParam.status, 400);
    QCOMPARE(unknownParam.errorCode(), u"parameter_unknown"_s);

    // An unknown session is Stripe's 404.
    const Reply missing = get(u"/v1/checkout/sessions/cs_test_nope/line_items"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorMessage(), u"No such checkout.session: 'cs_test_nope'"_s);
    QCOMPARE(missing.errorCode(), u"resource_missing"_s);
    QCOMPARE(missing.json.value(u"error").toObject().value(u"type").toString(), u"invalid_request_error"_s);
    // No other sub-resource is served.
    QCOMPARE(get(path + u"/more"_s).status, 404);
    QVERIFY(get(u"/v1/customers/"_s + cs.value(u"customer").toString() + u"/line_items"_s)
                .errorMessage()
                .startsWith(u"Unrecognized request URL"_s));
    // It needs Read on checkout sessions, like the session itself.
    m_sandbox->addStripeRestrictedKey(u"rk_test_nocheckout"_s,
                                      {{u"customers"_s, Sandbox::StripeAccess::Read}});
    const Reply denied = get(path, "Bearer rk_test_nocheckout");
    QCOMPARE(denied.status, 403);
    QVERIFY2(denied.errorMessage().contains(u"rak_checkout_session_read"_s),
             qPrintable(denied.errorMessage()));
}

void TestStripeApi::invoicePaymentsOnlyWhenExpanded()
{
    start(world(
        {person(u"member@example.com"_s, {entry(9 * Day, u"subscribe"_s), entry(2 * Day, u"renew"_s)})}));
    const Reply plain = get(u"/v1/invoices"_s);
    QCOMPARE(plain.status, 200);
    QCOMPARE(plain.data().size(), 2);
    for (const QJsonValue &v : plain.data()) {
        QVERIFY(!v.toObject().contains(u"payments"));
        QVERIFY(!v.toObject().contains(u"payment_intent")); // removed in basil
    }
    const Reply expanded = get(u"/v1/invoices?expand[]=data.payments"_s);
    QCOMPARE(expanded.status, 200);
    QCOMPARE(expanded.data().size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QJsonObject in = expanded.data().at(i).toObject();
        const QString id = in.value(u"id").toString();
        const QJsonObject list = in.value(u"payments").toObject();
        QCOMPARE(list.value(u"object").toString(), u"list"_s);
        QCOMPARE(list.value(u"has_more").toBool(true), false);
        QCOMPARE(list.value(u"url").toString(), u"/v1/invoice_payments"_s);
        const QJsonArray data = list.value(u"data").toArray();
        QCOMPARE(data.size(), 1);
        const QJsonObject payment = data.at(0).toObject();
        QVERIFY2(payment.value(u"id").toString().startsWith(u"inpay_"_s),
                 qPrintable(payment.value(u"id").toString()));
        QCOMPARE(payment.value(u"object").toString(), u"invoice_payment"_s);
        QCOMPARE(payment.value(u"invoice").toString(), id);
        QCOMPARE(payment.value(u"status").toString(), u"paid"_s);
        QCOMPARE(payment.value(u"amount_paid").toInteger(), in.value(u"amount_paid").toInteger());
        const QJsonObject how = payment.value(u"payment").toObject();
        QCOMPARE(how.value(u"type").toString(), u"payment_intent"_s);
        const QString pi = how.value(u"payment_intent").toString();
        QVERIFY2(pi.startsWith(u"pi_"_s), qPrintable(pi));
        // The payment intent is the one of the invoice's charge.
        const QJsonArray charges = get(u"/v1/charges?payment_intent="_s + pi).data();
        QCOMPARE(charges.size(), 1);
        QCOMPARE(charges.at(0).toObject().value(u"amount").toInteger(), in.value(u"amount_paid").toInteger());
        // Everything else is the invoice as listed without the expansion.
        QJsonObject without = in;
        without.remove(u"payments"_s);
        QCOMPARE(without, plain.data().at(i).toObject());

        // Retrieve: only with expand[]=payments.
        const Reply one = get(u"/v1/invoices/"_s + id);
        QCOMPARE(one.status, 200);
        QVERIFY(!one.json.contains(u"payments"));
        QCOMPARE(get(u"/v1/invoices/"_s + id + u"?expand[]=payments"_s).json.value(u"payments").toObject(),
                 list);
        // Before basil there were no invoice payments: the invoice names its payment intent, expanded or not.
        const Reply legacy = get(u"/v1/invoices/"_s + id + u"?expand[]=payments"_s, GoodKey, "2024-06-20");
        QCOMPARE(legacy.status, 200);
        QVERIFY(!legacy.json.contains(u"payments"));
        QCOMPARE(legacy.json.value(u"payment_intent").toString(), pi);
    }
    // Events about invoices never carry their payments.
    const Reply events = get(u"/v1/events?type=invoice.*"_s);
    QVERIFY(!events.data().isEmpty());
    for (const QJsonValue &v : events.data())
        QVERIFY(!v.toObject().value(u"data").toObject().value(u"object").toObject().contains(u"payments"));
}

void TestStripeApi::invoicePaymentsEndpoint()
{
    start(world(
        {person(u"member@example.com"_s, {entry(9 * Day, u"subscribe"_s), entry(2 * Day, u"renew"_s)})}));
    const QJsonObject in = get(u"/v1/invoices?expand[]=data.payments"_s).data().at(0).toObject();
    const QString id = in.value(u"id").toString();
    const QString path = u"/v1/invoice_payments?invoice="_s + id;
    const Reply r = get(path);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"object").toString(), u"list"_s);
    QCOMPARE(r.json.value(u"url").toString(), u"/v1/invoice_payments"_s);
    QCOMPARE(r.json.value(u"has_more").toBool(true), false);
    QCOMPARE(r.data(), in.value(u"payments").toObject().value(u"data").toArray());
    QCOMPARE(r.data().size(), 1);
    // The same objects whatever the version.
    QCOMPARE(get(path, GoodKey, "2024-06-20").data(), r.data());

    // Pagination by invoice payment.
    const QString inpay = r.data().at(0).toObject().value(u"id").toString();
    QCOMPARE(get(path + u"&limit=1"_s).data().size(), 1);
    const Reply after = get(path + u"&limit=1&starting_after="_s + inpay);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.data().size(), 0);
    QCOMPARE(after.json.value(u"has_more").toBool(true), false);
    QCOMPARE(get(path + u"&ending_before="_s + inpay).data().size(), 0);
    const Reply badCursor = get(path + u"&starting_after=inpay_nope"_s);
    QCOMPARE(badCursor.status, 400);
    QCOMPARE(badCursor.errorCode(), u"resource_missing"_s);
    QCOMPARE(get(path + u"&limit=0"_s).status, 400);
    const Reply unknownParam = get(path + u"&created=5"_s);
    QCOMPARE(unknownParam.status, 400);
    QCOMPARE(unknownParam.errorCode(), u"parameter_unknown"_s);

    // Without an invoice, and with one Stripe does not know.
    const Reply noInvoice = get(u"/v1/invoice_payments"_s);
    QCOMPARE(noInvoice.status, 400);
    QCOMPARE(noInvoice.errorCode(), u"parameter_missing"_s);
    const Reply missing = get(u"/v1/invoice_payments?invoice=in_nope"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorMessage(), u"No such invoice: 'in_nope'"_s);
    QCOMPARE(missing.errorCode(), u"resource_missing"_s);
    // No retrieve of one, nor anything under it.
    QCOMPARE(get(u"/v1/invoice_payments/"_s + inpay).status, 404);
    QCOMPARE(get(u"/v1/invoices/"_s + id + u"/payments"_s).status, 404);
    // It needs Read on invoices.
    m_sandbox->addStripeRestrictedKey(u"rk_test_noinvoices"_s,
                                      {{u"customers"_s, Sandbox::StripeAccess::Read}});
    const Reply denied = get(path, "Bearer rk_test_noinvoices");
    QCOMPARE(denied.status, 403);
    QVERIFY2(denied.errorMessage().contains(u"rak_invoice_read"_s), qPrintable(denied.errorMessage()));
}

void TestStripeApi::addedEntriesShowUp()
{
    const qint64 before = m_sandbox->now().toSecsSinceEpoch();
    QString error;
    QVERIFY2(m_sandbox->addJourneyEntry(u"fresh@example.com"_s, u"stripe"_s,
                                        {{u"do"_s, u"subscribe"_s}, {u"name"_s, u"Fresh Person"_s}}, &error),
             qPrintable(error));
    const Reply events = get(u"/v1/events?created[gte]="_s + QString::number(before));
    QStringList types;
    for (const QJsonValue &v : events.data())
        types.append(v.toObject().value(u"type").toString());
    QVERIFY2(types.contains(u"customer.created"_s) && types.contains(u"checkout.session.completed"_s) &&
                 types.contains(u"invoice.paid"_s),
             qPrintable(types.join(u',')));
    QCOMPARE(events.data().at(0).toObject().value(u"api_version").toString(), u"2025-03-31.basil"_s);
    const Reply customers = get(u"/v1/customers?email=fresh@example.com"_s);
    QCOMPARE(customers.data().size(), 1);
    QCOMPARE(customers.data().at(0).toObject().value(u"name").toString(), u"Fresh Person"_s);
    QCOMPARE(get(u"/v1/customers?limit=1"_s).data().at(0).toObject().value(u"email").toString(),
             u"fresh@example.com"_s); // the newest customer comes first

    QVERIFY(
        m_sandbox->addJourneyEntry(u"fresh@example.com"_s, u"stripe"_s, {{u"do"_s, u"cancel"_s}}, &error));
    QCOMPARE(get(u"/v1/subscriptions?customer="_s + customers.data().at(0).toObject().value(u"id").toString())
                 .data()
                 .size(),
             0);
    QVERIFY(
        !m_sandbox->addJourneyEntry(u"fresh@example.com"_s, u"stripe"_s, {{u"do"_s, u"renew"_s}}, &error));
    QVERIFY2(error.contains(u"no active subscription"_s), qPrintable(error));
    QVERIFY(!m_sandbox->addJourneyEntry(u"fresh@example.com"_s, u"paypal"_s, {{u"do"_s, u"buy"_s}}, &error));
    QVERIFY(m_sandbox->addJourneyEntry(u"fresh@example.com"_s, u"kit"_s, {{u"do"_s, u"bounce"_s}}, &error));

    // The world records what happened, so it reloads to the same state.
    const QJsonArray people = m_sandbox->world().value(u"people").toArray();
    const QJsonObject fresh = people.at(people.size() - 1).toObject();
    QCOMPARE(fresh.value(u"email").toString(), u"fresh@example.com"_s);
    QCOMPARE(fresh.value(u"stripe").toArray().size(), 2);
    QCOMPARE(fresh.value(u"kit").toArray().size(), 1);
    Sandbox reloaded;
    QVERIFY2(reloaded.loadWorld(m_sandbox->world(), &error), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestStripeApi)
#include "tst_stripeapi.moc"
