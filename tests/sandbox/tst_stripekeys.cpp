// Stripe restricted keys in the sandbox over loopback: per-resource read permission, the write probe on
// POST /v1/customers (auth, then permission, then parameters), key masking, webhook endpoints, and customer
// creation with Idempotency-Key replay.
#include "Sandbox.h"
#include "SandboxHttp.h"

#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace sb::sandbox;
using namespace sb::sandbox::testing;

namespace {

const QString SecretKey = u"sk_test_sandbox"_s;
const QString ReadKey = u"rk_test_51ReadOnlySecretPart7x2abcd"_s;

QHash<QString, StripeAccess> allResources(StripeAccess access)
{
    const QStringList names = {
        u"customers"_s,     u"charges"_s,  u"payment_intents"_s, u"invoices"_s,
        u"subscriptions"_s, u"refunds"_s,  u"disputes"_s,        u"checkout_sessions"_s,
        u"events"_s,        u"products"_s, u"prices"_s,          u"webhook_endpoints"_s};
    QHash<QString, StripeAccess> grants;
    for (const QString &name : names)
        grants.insert(name, access);
    return grants;
}

QString expectedMask(const QString &key)
{
    const QString rest = key.mid(8);
    return key.left(8) + QString(rest.size() - 4, u'*') + rest.right(4);
}

} // namespace

class TestStripeKeys : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void readPermissionPerResource_data();
    void readPermissionPerResource();
    void retrieveAndSearchNeedReadToo();
    void permissionBeforeParameters();
    void writeProbe_data();
    void writeProbe();
    void authBeforePermission();
    void permissionMessageMasksKey();
    void secretKeyKeepsEverything();
    void badRestrictedKeysIgnored();
    void webhookEndpoints();
    void createCustomer();
    void createCustomerIdempotency();
    void createCustomerBadParameters_data();
    void createCustomerBadParameters();

private:
    HttpReply get(const QString &pathAndQuery, const QString &key);
    HttpReply post(const QString &path, const QString &key, const QByteArray &form,
                   const Headers &extra = {});
    int customerCount();

    QNetworkAccessManager m_nam;
    std::unique_ptr<Sandbox> m_sandbox;
};

void TestStripeKeys::init()
{
    m_sandbox = std::make_unique<Sandbox>();
    m_sandbox->generateWorld(30, 3);
    QVERIFY(m_sandbox->listen());
    m_sandbox->addStripeRestrictedKey(ReadKey, allResources(StripeAccess::Read));
}

HttpReply TestStripeKeys::get(const QString &pathAndQuery, const QString &key)
{
    return send(m_nam, "GET", QUrl(m_sandbox->baseUrl().toString() + pathAndQuery),
                {{"Authorization", "Bearer " + key.toUtf8()}});
}

HttpReply TestStripeKeys::post(const QString &path, const QString &key, const QByteArray &form,
                               const Headers &extra)
{
    Headers headers{{"Authorization", "Bearer " + key.toUtf8()},
                    {"Content-Type", "application/x-www-form-urlencoded"}};
    headers.append(extra);
    return send(m_nam, "POST", QUrl(m_sandbox->baseUrl().toString() + path), headers, form);
}

int TestStripeKeys::customerCount()
{
    int count = 0;
    QString cursor;
    for (;;) {
        const HttpReply r = get(u"/v1/customers?limit=100"_s +
                                    (cursor.isEmpty() ? QString() : u"&starting_after="_s + cursor),
                                SecretKey);
        if (r.status != 200)
            return -1;
        count += r.data().size();
        if (!r.json.value(u"has_more").toBool() || r.data().isEmpty())
            return count;
        cursor = r.data().last().toObject().value(u"id").toString();
    }
}

void TestStripeKeys::readPermissionPerResource_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("permission");
    QTest::newRow("customers") << u"customers"_s << u"/v1/customers"_s << u"rak_customer_read"_s;
    QTest::newRow("charges") << u"charges"_s << u"/v1/charges"_s << u"rak_charge_read"_s;
    QTest::newRow("payment_intents") << u"payment_intents"_s << u"/v1/payment_intents"_s
                                     << u"rak_payment_intent_read"_s;
    QTest::newRow("invoices") << u"invoices"_s << u"/v1/invoices"_s << u"rak_invoice_read"_s;
    QTest::newRow("subscriptions") << u"subscriptions"_s << u"/v1/subscriptions"_s
                                   << u"rak_subscription_read"_s;
    QTest::newRow("refunds") << u"refunds"_s << u"/v1/refunds"_s << u"rak_refund_read"_s;
    QTest::newRow("disputes") << u"disputes"_s << u"/v1/disputes"_s << u"rak_dispute_read"_s;
    QTest::newRow("checkout_sessions")
        << u"checkout_sessions"_s << u"/v1/checkout/sessions"_s << u"rak_checkout_session_read"_s;
    QTest::newRow("events") << u"events"_s << u"/v1/events"_s << u"rak_event_read"_s;
    QTest::newRow("products") << u"products"_s << u"/v1/products"_s << u"rak_product_read"_s;
    QTest::newRow("prices") << u"prices"_s << u"/v1/prices"_s << u"rak_price_read"_s;
    QTest::newRow("webhook_endpoints")
        << u"webhook_endpoints"_s << u"/v1/webhook_endpoints"_s << u"rak_webhook_endpoint_read"_s;
}

void TestStripeKeys::readPermissionPerResource()
{
    QFETCH(QString, resource);
    QFETCH(QString, path);
    QFETCH(QString, permission);

    const QString only = u"rk_test_only_"_s + resource.left(4) + u"Zz01"_s;
    m_sandbox->addStripeRestrictedKey(only, {{resource, StripeAccess::Read}});
    QHash<QString, StripeAccess> allBut = allResources(StripeAccess::Write);
    allBut.remove(resource);
    const QString without = u"rk_live_without_"_s + resource.left(4) + u"Yy02"_s;
    m_sandbox->addStripeRestrictedKey(without, allBut);

    const HttpReply allowed = get(path, only);
    QCOMPARE(allowed.status, 200);
    QCOMPARE(allowed.json.value(u"object").toString(), u"list"_s);
    QCOMPARE(get(path, ReadKey).status, 200);

    const HttpReply denied = get(path, without);
    QCOMPARE(denied.status, 403);
    QCOMPARE(denied.stripeType(), u"invalid_request_error"_s);
    QVERIFY2(denied.stripeMessage().contains(u"Having the '"_s + permission + u"' permission"_s),
             qPrintable(denied.stripeMessage()));
    QVERIFY(!denied.body.contains(without.toUtf8()));
    QVERIFY(denied.headers.value("request-id").startsWith("req_"));

    // A resource the key names with None is the same as one it does not name.
    m_sandbox->addStripeRestrictedKey(only, {{resource, StripeAccess::None}});
    QCOMPARE(get(path, only).status, 403);
}

void TestStripeKeys::retrieveAndSearchNeedReadToo()
{
    const QString key = u"rk_test_charges_only_k3y9"_s;
    m_sandbox->addStripeRestrictedKey(key, {{u"charges"_s, StripeAccess::Read}});
    QCOMPARE(get(u"/v1/customers/cus_nope"_s, key).status, 403); // permission before the 404
    QCOMPARE(get(u"/v1/customers/search?query=email:'a@b.c'"_s, key).status, 403);
    QCOMPARE(get(u"/v1/charges/ch_nope"_s, key).status, 404);
    QCOMPARE(get(u"/v1/widgets"_s, key).status, 404); // unknown URLs stay 404
}

void TestStripeKeys::permissionBeforeParameters()
{
    const QString key = u"rk_test_events_only_p4r4"_s;
    m_sandbox->addStripeRestrictedKey(key, {{u"events"_s, StripeAccess::Read}});
    QCOMPARE(get(u"/v1/customers?bogus=1"_s, key).status, 403);
    const HttpReply bad = get(u"/v1/events?bogus=1"_s, key);
    QCOMPARE(bad.status, 400);
    QCOMPARE(bad.stripeCode(), u"parameter_unknown"_s);
}

void TestStripeKeys::writeProbe_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("customersAccess"); // -1: the full secret key
    QTest::addColumn<int>("status");
    QTest::newRow("no access") << u"rk_test_probe_none_0001"_s << int(StripeAccess::None) << 403;
    QTest::newRow("read only") << u"rk_test_probe_read_0002"_s << int(StripeAccess::Read) << 403;
    QTest::newRow("write") << u"rk_test_probe_write_0003"_s << int(StripeAccess::Write) << 400;
    QTest::newRow("secret key") << SecretKey << -1 << 400;
}

void TestStripeKeys::writeProbe()
{
    QFETCH(QString, key);
    QFETCH(int, customersAccess);
    QFETCH(int, status);
    if (customersAccess >= 0) {
        QHash<QString, StripeAccess> grants = allResources(StripeAccess::Read);
        grants.insert(u"customers"_s, static_cast<StripeAccess>(customersAccess));
        m_sandbox->addStripeRestrictedKey(key, grants);
    }
    const int before = customerCount();
    QVERIFY(before > 0);
    const int eventsBefore = get(u"/v1/events?type=customer.created&limit=100"_s, SecretKey).data().size();

    const HttpReply r = post(u"/v1/customers"_s, key, "switchboard_probe=1&email=probe%40example.com");
    QCOMPARE(r.status, status);
    QCOMPARE(r.stripeType(), u"invalid_request_error"_s);
    if (status == 403) {
        QVERIFY2(r.stripeMessage().contains(u"'rak_customer_write'"_s), qPrintable(r.stripeMessage()));
    } else {
        QCOMPARE(r.stripeCode(), u"parameter_unknown"_s);
        QCOMPARE(r.stripeMessage(), u"Received unknown parameter: switchboard_probe"_s);
        QCOMPARE(r.json.value(u"error").toObject().value(u"param").toString(), u"switchboard_probe"_s);
    }
    QCOMPARE(customerCount(), before);
    QCOMPARE(get(u"/v1/events?type=customer.created&limit=100"_s, SecretKey).data().size(), eventsBefore);
    QCOMPARE(get(u"/v1/customers?email=probe@example.com"_s, SecretKey).data().size(), 0);
}

void TestStripeKeys::authBeforePermission()
{
    const HttpReply none = send(m_nam, "POST", QUrl(m_sandbox->baseUrl().toString() + u"/v1/customers"_s),
                                {{"Content-Type", "application/x-www-form-urlencoded"}}, "bogus=1");
    QCOMPARE(none.status, 401);
    const HttpReply unknown = post(u"/v1/customers"_s, u"rk_test_unknownKey9876"_s, "bogus=1");
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.stripeMessage(), u"Invalid API Key provided: rk_test_**********9876"_s);
    // Other POST paths are not served: Stripe's unrecognised-URL 404, for any key.
    QCOMPARE(post(u"/v1/charges"_s, SecretKey, "amount=100").status, 404);
    QCOMPARE(post(u"/v1/customers/cus_x"_s, SecretKey, "name=x").status, 404);
}

void TestStripeKeys::permissionMessageMasksKey()
{
    const QString key = u"rk_test_51Hx9SecretMiddlePart00abcd"_s;
    m_sandbox->addStripeRestrictedKey(key, {{u"charges"_s, StripeAccess::Read}});
    const HttpReply r = get(u"/v1/invoices"_s, key);
    QCOMPARE(r.status, 403);
    const QString mask = expectedMask(key);
    QVERIFY(mask.startsWith(u"rk_test_****"_s));
    QVERIFY(mask.endsWith(u"abcd"_s));
    QCOMPARE(r.json,
             QJsonObject(
                 {{u"error"_s,
                   QJsonObject{{u"type"_s, u"invalid_request_error"_s},
                               {u"message"_s,
                                QString(u"The provided key '"_s + mask +
                                        u"' does not have the required permissions for this endpoint on "
                                        u"account 'acct_sandbox'. Having the 'rak_invoice_read' permission "
                                        u"would allow this request to continue."_s)}}}}));
    QVERIFY(!r.body.contains("SecretMiddlePart"));

    const HttpReply write = post(u"/v1/customers"_s, key, "email=a%40b.co");
    QCOMPARE(write.status, 403);
    QVERIFY(write.stripeMessage().contains(mask));
    QVERIFY(!write.body.contains("SecretMiddlePart"));
}

void TestStripeKeys::secretKeyKeepsEverything()
{
    m_sandbox->setKeys(u"sk_test_other_secret"_s, u"c"_s, u"k"_s);
    QCOMPARE(get(u"/v1/webhook_endpoints"_s, u"sk_test_other_secret"_s).status, 200);
    QCOMPARE(get(u"/v1/customers"_s, SecretKey).status, 401);
    QCOMPARE(get(u"/v1/customers"_s, ReadKey).status, 200); // restricted keys survive a new secret key
    QCOMPARE(post(u"/v1/customers"_s, u"sk_test_other_secret"_s, "x=1").status, 400);
}

void TestStripeKeys::badRestrictedKeysIgnored()
{
    QTest::ignoreMessage(QtWarningMsg,
                         "ignored a restricted key that does not start with rk_test_ or rk_live_");
    m_sandbox->addStripeRestrictedKey(u"sk_test_notrestricted"_s, allResources(StripeAccess::Read));
    QCOMPARE(get(u"/v1/customers"_s, u"sk_test_notrestricted"_s).status, 401);

    QTest::ignoreMessage(QtWarningMsg, "restricted key: unknown Stripe resource \"widgets\" ignored");
    m_sandbox->addStripeRestrictedKey(
        u"rk_test_widgets_k3y1"_s, {{u"widgets"_s, StripeAccess::Write}, {u"prices"_s, StripeAccess::Read}});
    QCOMPARE(get(u"/v1/prices"_s, u"rk_test_widgets_k3y1"_s).status, 200);
    QCOMPARE(get(u"/v1/products"_s, u"rk_test_widgets_k3y1"_s).status, 403);
}

void TestStripeKeys::webhookEndpoints()
{
    const HttpReply list = get(u"/v1/webhook_endpoints?limit=5"_s, ReadKey);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json, QJsonObject({{u"object"_s, u"list"_s},
                                     {u"data"_s, QJsonArray()},
                                     {u"has_more"_s, false},
                                     {u"url"_s, u"/v1/webhook_endpoints"_s}}));
    const HttpReply one = get(u"/v1/webhook_endpoints/we_nope"_s, ReadKey);
    QCOMPARE(one.status, 404);
    QCOMPARE(one.stripeMessage(), u"No such webhook_endpoint: 'we_nope'"_s);
    QCOMPARE(get(u"/v1/webhook_endpoints?starting_after=we_nope"_s, ReadKey).status, 400);
    QCOMPARE(get(u"/v1/webhook_endpoints?created=1"_s, ReadKey).stripeCode(), u"parameter_unknown"_s);
    QCOMPARE(get(u"/v1/webhook_endpoints?limit=0"_s, ReadKey).status, 400);
}

void TestStripeKeys::createCustomer()
{
    const QString writer = u"rk_test_customer_writer_w1"_s;
    m_sandbox->addStripeRestrictedKey(writer, {{u"customers"_s, StripeAccess::Write}});
    const int before = customerCount();
    const HttpReply r = post(u"/v1/customers"_s, writer,
                             "email=new.person%40example.com&name=New+Person&metadata[source]=console");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(u"object").toString(), u"customer"_s);
    const QString id = r.json.value(u"id").toString();
    QVERIFY(id.startsWith(u"cus_"_s));
    QCOMPARE(r.json.value(u"email").toString(), u"new.person@example.com"_s);
    QCOMPARE(r.json.value(u"name").toString(), u"New Person"_s);
    QCOMPARE(r.json.value(u"metadata").toObject(), QJsonObject({{u"source"_s, u"console"_s}}));
    QVERIFY(qAbs(r.json.value(u"created").toInteger() - QDateTime::currentSecsSinceEpoch()) < 5);
    QVERIFY(!r.headers.contains("idempotent-replayed"));

    QCOMPARE(customerCount(), before + 1);
    const HttpReply found = get(u"/v1/customers?email=new.person@example.com"_s, SecretKey);
    QCOMPARE(found.data().size(), 1);
    QCOMPARE(found.data().first().toObject().value(u"id").toString(), id);
    QCOMPARE(get(u"/v1/customers/"_s + id, SecretKey).json.value(u"metadata").toObject().value(u"source"),
             QJsonValue(u"console"_s));
    const HttpReply events = get(u"/v1/events?type=customer.created&limit=1"_s, SecretKey);
    QCOMPARE(events.data().size(), 1);
    const QJsonObject created = events.data().first().toObject();
    QCOMPARE(created.value(u"data").toObject().value(u"object").toObject().value(u"id").toString(), id);

    // Write on customers is not Read on events.
    QCOMPARE(get(u"/v1/events"_s, writer).status, 403);
    QCOMPARE(get(u"/v1/customers"_s, writer).status, 200); // Write implies Read

    // No parameters at all: an empty customer, as Stripe makes one.
    const HttpReply empty = post(u"/v1/customers"_s, SecretKey, QByteArray());
    QCOMPARE(empty.status, 200);
    QVERIFY(empty.json.value(u"email").isNull());
}

void TestStripeKeys::createCustomerIdempotency()
{
    const int before = customerCount();
    const Headers key{{"Idempotency-Key", "order-42"}};
    const HttpReply first = post(u"/v1/customers"_s, SecretKey, "email=once%40example.com", key);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.headers.value("idempotency-key"), QByteArray("order-42"));
    const HttpReply again = post(u"/v1/customers"_s, SecretKey, "email=once%40example.com", key);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json, first.json);
    QCOMPARE(again.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(again.headers.value("original-request"), first.headers.value("request-id"));
    QVERIFY(again.headers.value("request-id") != first.headers.value("request-id"));
    QCOMPARE(customerCount(), before + 1);

    const HttpReply other = post(u"/v1/customers"_s, SecretKey, "email=twice%40example.com", key);
    QCOMPARE(other.status, 400);
    QCOMPARE(other.stripeType(), u"idempotency_error"_s);
    QCOMPARE(customerCount(), before + 1);

    // A request that failed validation is not remembered: the key is still free.
    const Headers fresh{{"Idempotency-Key", "order-43"}};
    QCOMPARE(post(u"/v1/customers"_s, SecretKey, "bogus=1", fresh).status, 400);
    QCOMPARE(post(u"/v1/customers"_s, SecretKey, "email=later%40example.com", fresh).status, 200);
    QCOMPARE(customerCount(), before + 2);

    const Headers tooLong{{"Idempotency-Key", QByteArray(256, 'k')}};
    QCOMPARE(post(u"/v1/customers"_s, SecretKey, "email=x%40example.com", tooLong).status, 400);
    QCOMPARE(customerCount(), before + 2);

    // A new world forgets the keys along with the customers made through the API.
    m_sandbox->generateWorld(30, 3);
    const HttpReply reloaded = post(u"/v1/customers"_s, SecretKey, "email=once%40example.com", key);
    QCOMPARE(reloaded.status, 200);
    QVERIFY(!reloaded.headers.contains("idempotent-replayed"));
}

void TestStripeKeys::createCustomerBadParameters_data()
{
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown after known")
        << QByteArray("email=a%40b.co&phone=123") << u"phone"_s << u"parameter_unknown"_s;
    QTest::newRow("bad email") << QByteArray("email=not-an-address") << u"email"_s << u"email_invalid"_s;
    QTest::newRow("nested metadata") << QByteArray("metadata[a][b]=1") << u"metadata[a][b]"_s
                                     << u"parameter_unknown"_s;
    QTest::newRow("long metadata key") << QByteArray("metadata[" + QByteArray(41, 'k') + "]=1")
                                       << u"metadata["_s + QString(41, u'k') + u"]"_s << QString();
    QTest::newRow("json body") << QByteArray(R"({"email":"a@b.co"})") << u"{\"email\":\"a@b.co\"}"_s
                               << u"parameter_unknown"_s;
}

void TestStripeKeys::createCustomerBadParameters()
{
    QFETCH(QByteArray, form);
    QFETCH(QString, param);
    QFETCH(QString, code);
    const int before = customerCount();
    const HttpReply r = post(u"/v1/customers"_s, SecretKey, form);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(u"error").toObject().value(u"param").toString(), param);
    QCOMPARE(r.stripeCode(), code);
    QCOMPARE(customerCount(), before);
}

QTEST_GUILESS_MAIN(TestStripeKeys)
#include "tst_stripekeys.moc"
