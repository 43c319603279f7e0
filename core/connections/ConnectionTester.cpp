#include "connections/ConnectionTester.h"

#include "providers/stripe/StripeClient.h"
#include "secrets/Redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace sb::connections {

StripeKeyKind classifyStripeKey(const QString &key)
{
    if (key.startsWith("sk_test_"_L1))
        return StripeKeyKind::SecretTest;
    if (key.startsWith("sk_live_"_L1))
        return StripeKeyKind::SecretLive;
    if (key.startsWith("rk_test_"_L1))
        return StripeKeyKind::RestrictedTest;
    if (key.startsWith("rk_live_"_L1))
        return StripeKeyKind::RestrictedLive;
    if (key.startsWith("pk_"_L1))
        return StripeKeyKind::Publishable;
    return StripeKeyKind::NotAStripeKey;
}

QString describe(StripeKeyKind kind)
{
    switch (kind) {
    case StripeKeyKind::SecretTest:
        return ConnectionTester::tr("secret key, test mode");
    case StripeKeyKind::SecretLive:
        return ConnectionTester::tr("secret key, live mode");
    case StripeKeyKind::RestrictedTest:
        return ConnectionTester::tr("restricted key, test mode");
    case StripeKeyKind::RestrictedLive:
        return ConnectionTester::tr("restricted key, live mode");
    case StripeKeyKind::Publishable:
        return ConnectionTester::tr("publishable key");
    case StripeKeyKind::NotAStripeKey:
        break;
    }
    return ConnectionTester::tr("not a Stripe API key");
}

const QList<std::pair<QString, QString>> &stripeResources()
{
    static const QList<std::pair<QString, QString>> list = {
        {u"customers"_s, u"/v1/customers"_s},
        {u"charges"_s, u"/v1/charges"_s},
        {u"payment_intents"_s, u"/v1/payment_intents"_s},
        {u"invoices"_s, u"/v1/invoices"_s},
        {u"subscriptions"_s, u"/v1/subscriptions"_s},
        {u"refunds"_s, u"/v1/refunds"_s},
        {u"disputes"_s, u"/v1/disputes"_s},
        {u"checkout_sessions"_s, u"/v1/checkout/sessions"_s},
        {u"events"_s, u"/v1/events"_s},
        {u"products"_s, u"/v1/products"_s},
        {u"prices"_s, u"/v1/prices"_s},
        {u"webhook_endpoints"_s, u"/v1/webhook_endpoints"_s},
    };
    return list;
}

const QList<std::pair<QString, QString>> &stripeWriteProbes()
{
    // Updating an object that does not exist: refused with 403 without Write access, answered 404 with it.
    // Nothing can be created or changed by it, whatever the key may do.
    static const QList<std::pair<QString, QString>> list = {
        {u"customers"_s, u"/v1/customers/cus_switchboard_write_probe"_s},
        {u"subscriptions"_s, u"/v1/subscriptions/sub_switchboard_write_probe"_s},
        {u"refunds"_s, u"/v1/refunds/re_switchboard_write_probe"_s},
        {u"charges"_s, u"/v1/charges/ch_switchboard_write_probe"_s},
    };
    return list;
}

// State of one Stripe test: the client, the resources still to check, the report so far.
struct ConnectionTester::StripeRun {
    std::unique_ptr<stripe::StripeClient> client;
    ConnectionReport report;
    qsizetype next = 0;
    qsizetype nextProbe = 0;
    bool abandoned = false; // the tester went away: finish quietly
    ConnectionTester::Done done;
};

ConnectionTester::ConnectionTester(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{}

ConnectionTester::~ConnectionTester()
{
    for (const auto &weak : std::as_const(m_runs)) {
        if (auto run = weak.lock()) {
            run->abandoned = true;
            run->client.reset(); // aborts its replies while the network manager is still alive
        }
    }
}

namespace {
using StripeRun = ConnectionTester::StripeRun;

void finishStripe(const std::shared_ptr<StripeRun> &run)
{
    ConnectionReport &r = run->report;
    QStringList missing;
    for (const ResourceCheck &c : std::as_const(r.resources)) {
        if (!c.readable)
            missing.append(c.resource);
    }
    r.ok = missing.isEmpty();
    if (!missing.isEmpty())
        r.warnings.prepend(
            ConnectionTester::tr("Cannot read: %1. Give the key Read access to these resources.")
                .arg(missing.join(u", "_s)));
    if (r.canWrite.value_or(false))
        r.warnings.append(
            ConnectionTester::tr("This key can also write (%1); Switchboard only reads Stripe. Use "
                                 "a restricted key with Read access only.")
                .arg(r.writable.isEmpty() ? ConnectionTester::tr("everything") : r.writable.join(u", "_s)));
    r.headline = r.ok ? ConnectionTester::tr("Connected with a %1: it can read everything Switchboard needs.")
                            .arg(describe(*r.keyKind))
                      : ConnectionTester::tr("Connected with a %1, but some data cannot be read.")
                            .arg(describe(*r.keyKind));
    // The run (and its client) lives as long as a reply's callback holds it, so it ends after this returns.
    auto done = std::move(run->done);
    done(r);
}

void probeNextWrite(const std::shared_ptr<StripeRun> &run)
{
    const auto &probes = stripeWriteProbes();
    if (run->nextProbe >= probes.size()) {
        run->report.canWrite = !run->report.writable.isEmpty();
        finishStripe(run);
        return;
    }
    const auto &[resource, path] = probes.at(run->nextProbe++);
    run->client->post(path, {}, [run, resource = resource](Result<QJsonObject> r) {
        if (run->abandoned)
            return;
        // 403: no write access. 404 (the probe object does not exist): the key could write. Anything else
        // says nothing either way.
        if (r.ok() || r.error().kind == ErrorKind::NotFound)
            run->report.writable.append(resource);
        else if (r.error().kind != ErrorKind::Auth)
            run->report.warnings.append(
                ConnectionTester::tr("Could not tell whether the key can write %1: %2")
                    .arg(resource, r.error().message));
        probeNextWrite(run);
    });
}

void checkNextResource(const std::shared_ptr<StripeRun> &run)
{
    const auto &resources = stripeResources();
    if (run->next >= resources.size()) {
        const StripeKeyKind kind = *run->report.keyKind;
        if (kind == StripeKeyKind::SecretTest || kind == StripeKeyKind::SecretLive) {
            run->report.canWrite = true; // a secret key can always do everything
            finishStripe(run);
        } else {
            probeNextWrite(run);
        }
        return;
    }
    const auto [resource, path] = resources.at(run->next++);
    run->client->get(path, {{u"limit"_s, u"1"_s}}, [run, resource](Result<QJsonObject> r) {
        if (run->abandoned)
            return;
        ResourceCheck check{resource, r.ok(), r.ok() ? QString() : r.error().message};
        if (!r && r.error().kind == ErrorKind::Auth && r.error().message.contains(u"401"_s)) {
            // The key itself was refused: no point asking about each resource.
            run->report.ok = false;
            run->report.headline = ConnectionTester::tr("Stripe refused the key: %1").arg(r.error().message);
            auto done = std::move(run->done);
            done(run->report);
            return;
        }
        if (!r && r.error().kind != ErrorKind::Auth) {
            run->report.ok = false;
            run->report.headline =
                ConnectionTester::tr("Cannot test the connection: %1").arg(r.error().message);
            auto done = std::move(run->done);
            done(run->report);
            return;
        }
        run->report.resources.append(check);
        checkNextResource(run);
    });
}

// A GET with the given headers and a timeout; calls back with the status and the parsed body.
void getJson(QNetworkAccessManager *nam, QObject *context, const QUrl &url,
             const QList<std::pair<QByteArray, QByteArray>> &headers,
             std::function<void(int status, QJsonObject body, QString error)> done)
{
    QNetworkRequest req(url);
    for (const auto &[name, value] : headers)
        req.setRawHeader(name, value);
    req.setRawHeader("Accept", "application/json");
    req.setTransferTimeout(15000);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nam->get(req);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        done(status, body, status == 0 ? reply->errorString() : QString());
    });
}

} // namespace

void ConnectionTester::testStripe(const StripeSettings &settings, Done done)
{
    auto run = std::make_shared<StripeRun>();
    run->report.provider = u"stripe"_s;
    run->report.keyKind = classifyStripeKey(settings.apiKey);
    run->done = std::move(done);
    if (*run->report.keyKind == StripeKeyKind::Publishable ||
        *run->report.keyKind == StripeKeyKind::NotAStripeKey) {
        run->report.headline =
            *run->report.keyKind == StripeKeyKind::Publishable
                ? tr("A publishable key (pk_) cannot read payments. Use a restricted key (rk_).")
                : tr("This is not a Stripe API key: they start with rk_ (restricted) or sk_ (secret).");
        auto d = std::move(run->done);
        QMetaObject::invokeMethod(
            this, [d, r = run->report] { d(r); }, Qt::QueuedConnection);
        return;
    }
    secrets::Redactor::addSecret(settings.apiKey);
    StripeSettings s = settings;
    if (s.requestsPerSecond <= 0)
        s.requestsPerSecond = stripe::StripeClient::defaultRate(s.apiKey);
    run->client = std::make_unique<stripe::StripeClient>(m_nam, s);
    run->client->retryPolicy().maxAttempts = 2;
    m_runs.removeIf([](const std::weak_ptr<StripeRun> &w) { return w.expired(); });
    m_runs.append(run);
    checkNextResource(run);
}

void ConnectionTester::testCircle(const CircleSettings &settings, Done done)
{
    secrets::Redactor::addSecret(settings.token);
    QUrl url = settings.baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u"/api/admin/v2/community_members"_s);
    url.setQuery(u"per_page=1&status=all"_s);
    const QByteArray auth = settings.authScheme.toLatin1() + ' ' + settings.token.toUtf8();
    getJson(
        m_nam, this, url, {{"Authorization", auth}},
        [done = std::move(done), scheme = settings.authScheme](int status, QJsonObject body, QString error) {
            ConnectionReport r;
            r.provider = u"circle"_s;
            r.ok = status == 200;
            if (status == 200) {
                const qint64 count = body.value("count"_L1).toInteger(-1);
                r.headline = count >= 0 ? tr("Connected to Circle: %1 members.").arg(count)
                                        : tr("Connected to Circle.");
            } else if (status == 401) {
                r.headline = tr("Circle refused the token. Check it, and try the other auth scheme (now %1).")
                                 .arg(scheme);
            } else if (status == 403) {
                r.headline = tr(
                    "Circle says this token may not use the Admin API: it must be an Admin V2 token, on the "
                    "Business plan or higher.");
            } else if (status == 0) {
                r.headline = tr("Cannot reach Circle: %1").arg(secrets::Redactor::redact(error));
            } else {
                r.headline = tr("Circle answered %1: %2")
                                 .arg(status)
                                 .arg(secrets::Redactor::redact(body.value("message"_L1).toString()));
            }
            done(r);
        });
}

void ConnectionTester::testKit(const KitSettings &settings, Done done)
{
    secrets::Redactor::addSecret(settings.apiKey);
    QUrl url = settings.baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u"/v4/account"_s);
    getJson(m_nam, this, url, {{"X-Kit-Api-Key", settings.apiKey.toUtf8()}},
            [done = std::move(done)](int status, QJsonObject body, QString error) {
                ConnectionReport r;
                r.provider = u"kit"_s;
                r.ok = status == 200;
                if (status == 200) {
                    const QJsonObject account = body.value("account"_L1).toObject();
                    r.headline = tr("Connected to Kit account \"%1\" (%2).")
                                     .arg(account.value("name"_L1).toString(),
                                          account.value("plan_type"_L1).toString());
                } else if (status == 401) {
                    r.headline = tr("Kit refused the API key. Use a v4 API key from Settings → Developer.");
                } else if (status == 0) {
                    r.headline = tr("Cannot reach Kit: %1").arg(secrets::Redactor::redact(error));
                } else {
                    r.headline = tr("Kit answered %1.").arg(status);
                }
                done(r);
            });
}

} // namespace sb::connections
