// The doctor's HTTP probes against small loopback servers that behave well and badly: a receiver that checks
// signatures, one that accepts anything, redirects, 404, 500, silence, bad and good certificates (made with
// the openssl command at test time), redirect chains and loops, a slow page and an https → http downgrade.
// Assertions are on check ids and levels, never on timings.
#include "doctor/HttpTiming.h"
#include "doctor/PageProbe.h"
#include "doctor/WebhookProbe.h"
#include "webhooks/Signature.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using sb::doctor::Check;
using sb::doctor::Level;

namespace {

const QByteArray kSecret = "whsec_probe_test_secret_0123456789";

struct Request {
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

QByteArray answer(int status, const QByteArray &body = {},
                  const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QByteArray r = "HTTP/1.1 " + QByteArray::number(status) +
                   " Test\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(body.size()) +
                   "\r\nConnection: close\r\n";
    for (const auto &[name, value] : headers)
        r += name + ": " + value + "\r\n";
    return r + "\r\n" + body;
}

// A one-request-per-connection HTTP/1.1 server. The handler returns the whole raw answer; an empty one means
// "never answer".
class TestServer : public QObject {
public:
    using Handler = std::function<QByteArray(const Request &)>;

    explicit TestServer(Handler handler, QTcpServer *server = nullptr)
        : m_server(server ? server : new QTcpServer)
        , m_handler(std::move(handler))
    {
        m_server->setParent(this);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &TestServer::accept);
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
    }

    QUrl url(const QString &path, const QString &scheme = u"http"_s) const
    {
        QUrl u;
        u.setScheme(scheme);
        u.setHost(u"127.0.0.1"_s);
        u.setPort(m_server->serverPort());
        u.setPath(path);
        return u;
    }

    QList<Request> requests;
    int delayMs = 0;

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket,
                    [this, socket, buffer] { read(socket, *buffer); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            read(socket, *buffer); // a TLS socket may already hold the request when it is handed over
        }
    }

    void read(QTcpSocket *socket, QByteArray &buffer)
    {
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request r;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                r.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                 lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = r.headers.value("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        r.body = buffer.mid(end + 4, length);
        buffer.clear();
        requests.append(r);
        const QByteArray raw = m_handler(r);
        if (raw.isEmpty())
            return;
        QTimer::singleShot(delayMs, socket, [socket, raw] {
            socket->write(raw);
            socket->disconnectFromHost();
        });
    }

    QTcpServer *m_server;
    Handler m_handler;
};

// A receiver done right: the raw body checked against the header before anything else.
TestServer::Handler verifyingReceiver(const QByteArray &headerName, const QByteArray &secret)
{
    return [headerName, secret](const Request &r) {
        const auto verdict = sb::webhooks::verifySignature(r.body, r.headers.value(headerName.toLower()),
                                                           {secret}, QDateTime::currentSecsSinceEpoch());
        if (verdict != sb::webhooks::Verdict::Valid)
            return answer(400, sb::webhooks::verdictText(verdict).toUtf8());
        return answer(200, "{\"received\":true}");
    };
}

const Check *find(const QList<Check> &checks, const QString &id)
{
    for (const Check &c : checks) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QString level(const QList<Check> &checks, const QString &id)
{
    const Check *c = find(checks, id);
    return c ? QString::fromLatin1(sb::doctor::levelCode(c->level)) : u"missing"_s;
}

QString dump(const QList<Check> &checks)
{
    QJsonArray a;
    for (const Check &c : checks)
        a.append(sb::doctor::toJson(c));
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Indented));
}

QList<Check> runWebhook(sb::doctor::WebhookProbe &probe, const QUrl &url, const QByteArray &secret,
                        const QString &header = u"Stripe-Signature"_s)
{
    QList<Check> result;
    bool done = false;
    const auto connection = QObject::connect(&probe, &sb::doctor::WebhookProbe::finished, &probe,
                                             [&](const QList<Check> &checks) {
                                                 result = checks;
                                                 done = true;
                                             });
    probe.start(url, secret, header);
    if (done)
        qWarning("finished was emitted inside start()");
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("the probe did not finish in time");
    QObject::disconnect(connection);
    // SB_DUMP=1 prints what the probe reported, to read its wording.
    if (qEnvironmentVariableIsSet("SB_DUMP"))
        qInfo("%s", qPrintable(dump(result)));
    return result;
}

QList<Check> runPages(sb::doctor::PageProbe &probe, const QList<QUrl> &urls)
{
    QList<Check> result;
    bool done = false;
    const auto connection =
        QObject::connect(&probe, &sb::doctor::PageProbe::finished, &probe, [&](const QList<Check> &checks) {
            result = checks;
            done = true;
        });
    probe.start(urls);
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("the probe did not finish in time");
    QObject::disconnect(connection);
    // SB_DUMP=1 prints what the probe reported, to read its wording.
    if (qEnvironmentVariableIsSet("SB_DUMP"))
        qInfo("%s", qPrintable(dump(result)));
    return result;
}

QString pageId(const QUrl &url, const QString &kind)
{
    return u"page.%1.%2"_s.arg(sb::doctor::PageProbe::pageKey(url), kind);
}

struct TestCertificate {
    QSslCertificate certificate;
    QSslKey key;
};

} // namespace

class TestProbes : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_noTls; // why TLS tests cannot run; empty when they can
    TestCertificate m_untrusted, m_trusted, m_expiring;

    bool makeCertificate(const QString &name, int days, TestCertificate &out)
    {
        const QString key = m_dir.filePath(name + u".key"_s);
        const QString crt = m_dir.filePath(name + u".crt"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                     u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, key,
                                     u"-out"_s, crt, u"-days"_s, QString::number(days), u"-subj"_s,
                                     u"/CN=Switchboard probe test %1"_s.arg(name), u"-addext"_s,
                                     u"subjectAltName=IP:127.0.0.1,DNS:localhost"_s});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
            qWarning("openssl: %s", openssl.readAllStandardError().constData());
            return false;
        }
        QFile k(key), c(crt);
        if (!k.open(QIODevice::ReadOnly) || !c.open(QIODevice::ReadOnly))
            return false;
        out.key = QSslKey(k.readAll(), QSsl::Ec);
        out.certificate = QSslCertificate(c.readAll());
        return !out.key.isNull() && !out.certificate.isNull();
    }

    QSslServer *tlsServer(const TestCertificate &cert)
    {
        auto *server = new QSslServer;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(cert.certificate);
        conf.setPrivateKey(cert.key);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        server->setSslConfiguration(conf);
        return server;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(u"openssl"_s).isEmpty()) {
            m_noTls = u"the openssl command is missing (apt install openssl): TLS probes not tested"_s;
            return;
        }
        if (!QSslSocket::supportsSsl()) {
            m_noTls = u"Qt has no TLS backend here: TLS probes not tested"_s;
            return;
        }
        QVERIFY(makeCertificate(u"untrusted"_s, 30, m_untrusted));
        QVERIFY(makeCertificate(u"trusted"_s, 60, m_trusted));
        QVERIFY(makeCertificate(u"expiring"_s, 5, m_expiring));
        // The trusted ones are trusted the way a public CA's would be; the untrusted one is a stranger.
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.addCaCertificates({m_trusted.certificate, m_expiring.certificate});
        QSslConfiguration::setDefaultConfiguration(conf);
    }

    // --- webhook probe ---

    void goodReceiverPasses_data()
    {
        QTest::addColumn<QString>("header");
        QTest::newRow("stripe") << u"Stripe-Signature"_s;
        QTest::newRow("kit") << u"X-Kit-Signature"_s;
    }

    void goodReceiverPasses()
    {
        QFETCH(QString, header);
        TestServer server(verifyingReceiver(header.toLatin1(), kSecret));
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/webhooks/stripe"_s), kSecret, header);
        QVERIFY2(!checks.isEmpty(), "no result");
        QCOMPARE(level(checks, u"url"_s), u"ok"_s);
        QCOMPARE(level(checks, u"signed"_s), u"ok"_s);
        QCOMPARE(level(checks, u"tampered"_s), u"ok"_s);
        QCOMPARE(level(checks, u"unsigned"_s), u"ok"_s);
        QCOMPARE(level(checks, u"tls"_s), u"skipped"_s); // plain http on loopback
        for (const Check &c : checks)
            QCOMPARE(c.area, u"webhook_probe"_s);

        QCOMPARE(server.requests.size(), 3);
        const Request &signedRequest = server.requests.at(0);
        QCOMPARE(signedRequest.method, "POST");
        QVERIFY(signedRequest.headers.contains(header.toLower().toLatin1()));
        QVERIFY(!server.requests.at(2).headers.contains(header.toLower().toLatin1()));
        QCOMPARE(signedRequest.headers.value("user-agent"), "Switchboard-doctor/1");
        const QJsonObject event = QJsonDocument::fromJson(signedRequest.body).object();
        QCOMPARE(event.value(u"type"_s).toString(), u"switchboard.probe"_s);
        QCOMPARE(event.value(u"livemode"_s).toBool(true), false);
        QVERIFY(event.value(u"id"_s).toString().startsWith(u"evt_switchboard_probe_"_s));
        // The tampered body is still JSON, differs in one byte only, and carries the same signature.
        const QByteArray tampered = server.requests.at(1).body;
        QCOMPARE(tampered.size(), signedRequest.body.size());
        int differences = 0;
        for (qsizetype i = 0; i < tampered.size(); ++i)
            differences += tampered.at(i) != signedRequest.body.at(i);
        QCOMPARE(differences, 1);
        QVERIFY(!QJsonDocument::fromJson(tampered).isNull());

        // Timings and statuses are facts; the secret and the signature never are.
        const Check *signedCheck = find(checks, u"signed"_s);
        QCOMPARE(signedCheck->facts.value(u"status"_s).toInt(), 200);
        QVERIFY(signedCheck->facts.value(u"ttfbMs"_s).toInteger(-1) >= 0);
        QVERIFY(signedCheck->facts.value(u"totalMs"_s).toInteger(-1) >= 0);
        const QString all = dump(checks);
        QVERIFY(!all.contains(QString::fromLatin1(kSecret)));
        QVERIFY(!all.contains(u"whsec_"_s));
        const QByteArray sentSignature = signedRequest.headers.value(header.toLower().toLatin1());
        QVERIFY(!all.contains(QString::fromLatin1(sentSignature.mid(sentSignature.indexOf("v1=") + 3))));
    }

    void acceptingEverythingFails()
    {
        TestServer server([](const Request &) { return answer(200, "ok"); });
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s), kSecret);
        QCOMPARE(level(checks, u"signed"_s), u"ok"_s);
        QCOMPARE(level(checks, u"tampered"_s), u"fail"_s);
        QCOMPARE(level(checks, u"unsigned"_s), u"fail"_s);
        QVERIFY(find(checks, u"unsigned"_s)->title.contains(u"does not check signatures"_s));
        QCOMPARE(find(checks, u"tampered"_s)->weight, 0);
    }

    void redirectFails()
    {
        TestServer server([](const Request &) {
            return answer(301, {}, {{"Location", "https://hooks.example.com/stripe"}});
        });
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s), kSecret);
        QCOMPARE(level(checks, u"signed"_s), u"fail"_s);
        const Check *c = find(checks, u"signed"_s);
        QVERIFY(c->title.contains(u"do not follow redirects"_s));
        QCOMPARE(c->facts.value(u"location"_s).toString(), u"https://hooks.example.com/stripe"_s);
        QCOMPARE(c->facts.value(u"status"_s).toInt(), 301);
        // The same answer to the others is reported once, on the signed event.
        QCOMPARE(level(checks, u"tampered"_s), u"skipped"_s);
        QCOMPARE(level(checks, u"unsigned"_s), u"skipped"_s);
        QCOMPARE(server.requests.size(), 3); // and nothing followed the redirect
    }

    void notFoundAndServerErrorFail_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("404") << 404;
        QTest::newRow("500") << 500;
        QTest::newRow("503") << 503;
    }

    void notFoundAndServerErrorFail()
    {
        QFETCH(int, status);
        TestServer server([status](const Request &) { return answer(status, "nope"); });
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s), kSecret);
        QCOMPARE(level(checks, u"signed"_s), u"fail"_s);
        QCOMPARE(find(checks, u"signed"_s)->facts.value(u"status"_s).toInt(), status);
        QCOMPARE(level(checks, u"tampered"_s), u"skipped"_s);
        QCOMPARE(level(checks, u"unsigned"_s), u"skipped"_s);
    }

    void wrongSecretIsInconclusiveForForgeries()
    {
        TestServer server(verifyingReceiver("Stripe-Signature", "whsec_another_secret"));
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s), kSecret);
        QCOMPARE(level(checks, u"signed"_s), u"fail"_s);
        QCOMPARE(find(checks, u"signed"_s)->facts.value(u"status"_s).toInt(), 400);
        QCOMPARE(level(checks, u"tampered"_s), u"skipped"_s);
        QCOMPARE(level(checks, u"unsigned"_s), u"skipped"_s);
    }

    void withoutSecretOnlyUnsignedIsSent()
    {
        TestServer server(verifyingReceiver("Stripe-Signature", kSecret));
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s), {});
        QCOMPARE(level(checks, u"signed"_s), u"skipped"_s);
        QCOMPARE(level(checks, u"tampered"_s), u"skipped"_s);
        QCOMPARE(level(checks, u"unsigned"_s), u"ok"_s);
        QCOMPARE(server.requests.size(), 1);
    }

    void silenceTimesOut()
    {
        TestServer server([](const Request &) { return QByteArray(); });
        sb::doctor::WebhookProbe probe;
        probe.setTimeoutMs(300);
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s), kSecret);
        QCOMPARE(level(checks, u"signed"_s), u"fail"_s);
        QCOMPARE(find(checks, u"signed"_s)->facts.value(u"timedOut"_s).toBool(), true);
        // Not sent: they would only wait out the same silence.
        QCOMPARE(level(checks, u"tampered"_s), u"skipped"_s);
        QCOMPARE(level(checks, u"unsigned"_s), u"skipped"_s);
        QCOMPARE(server.requests.size(), 1);
    }

    void longAnswerIsCapped()
    {
        TestServer server([](const Request &) { return answer(200, QByteArray(300 * 1024, 'x')); });
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s), kSecret);
        QCOMPARE(level(checks, u"signed"_s), u"ok"_s);
        const Check *c = find(checks, u"signed"_s);
        QCOMPARE(c->facts.value(u"bodyBytes"_s).toInteger(), sb::doctor::kProbeBodyCapBytes);
        QCOMPARE(c->facts.value(u"bodyCapped"_s).toBool(), true);
    }

    void unusableUrlFails()
    {
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, QUrl(u"ftp://example.com/hook"_s), kSecret);
        QCOMPARE(level(checks, u"url"_s), u"fail"_s);
        QCOMPARE(level(checks, u"signed"_s), u"skipped"_s);
    }

    void cancelReportsWhatIsKnown()
    {
        TestServer server([](const Request &) { return QByteArray(); });
        sb::doctor::WebhookProbe probe;
        QList<Check> checks;
        int emitted = 0;
        connect(&probe, &sb::doctor::WebhookProbe::finished, this, [&](const QList<Check> &c) {
            checks = c;
            ++emitted;
        });
        probe.start(server.url(u"/hook"_s), kSecret, u"Stripe-Signature"_s);
        QTRY_COMPARE(server.requests.size(), 1);
        probe.cancel();
        QCOMPARE(emitted, 1); // at once
        QVERIFY(!probe.isRunning());
        QCOMPARE(level(checks, u"signed"_s), u"skipped"_s);
        QCOMPARE(find(checks, u"signed"_s)->facts.value(u"cancelled"_s).toBool(), true);
        QTest::qWait(50);
        QCOMPARE(emitted, 1);
    }

    void untrustedCertificateFails()
    {
        if (!m_noTls.isEmpty())
            QSKIP(qPrintable(m_noTls));
        TestServer server(verifyingReceiver("Stripe-Signature", kSecret), tlsServer(m_untrusted));
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s, u"https"_s), kSecret);
        QCOMPARE(level(checks, u"tls"_s), u"fail"_s);
        const Check *tls = find(checks, u"tls"_s);
        QVERIFY2(tls->facts.value(u"subject"_s).toString().contains(u"untrusted"_s),
                 qPrintable(dump(checks)));
        QVERIFY(!tls->facts.value(u"notAfter"_s).toString().isEmpty());
        QVERIFY(!tls->facts.value(u"errors"_s).toArray().isEmpty());
        QCOMPARE(level(checks, u"signed"_s), u"skipped"_s); // one failure per cause: the TLS one
        QVERIFY(server.requests.isEmpty());
    }

    void trustedCertificatePasses()
    {
        if (!m_noTls.isEmpty())
            QSKIP(qPrintable(m_noTls));
        TestServer server(verifyingReceiver("Stripe-Signature", kSecret), tlsServer(m_trusted));
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s, u"https"_s), kSecret);
        QVERIFY2(level(checks, u"tls"_s) == u"ok"_s, qPrintable(dump(checks)));
        QCOMPARE(level(checks, u"signed"_s), u"ok"_s);
        QCOMPARE(level(checks, u"tampered"_s), u"ok"_s);
        QCOMPARE(level(checks, u"unsigned"_s), u"ok"_s);
    }

    void expiringCertificateWarns()
    {
        if (!m_noTls.isEmpty())
            QSKIP(qPrintable(m_noTls));
        TestServer server(verifyingReceiver("Stripe-Signature", kSecret), tlsServer(m_expiring));
        sb::doctor::WebhookProbe probe;
        const QList<Check> checks = runWebhook(probe, server.url(u"/hook"_s, u"https"_s), kSecret);
        QVERIFY2(level(checks, u"tls"_s) == u"warn"_s, qPrintable(dump(checks)));
        QVERIFY(find(checks, u"tls"_s)->facts.value(u"daysLeft"_s).toInt() <= 5);
        QCOMPARE(level(checks, u"signed"_s), u"ok"_s);
    }

    void plainHttpWarnsUnlessLoopback()
    {
        const auto hop = [](const QString &url) {
            sb::doctor::HttpOutcome o;
            o.url = QUrl(url);
            o.status = 200;
            return o;
        };
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(sb::doctor::tlsCheck(u"a"_s, u"tls"_s, {hop(u"http://hooks.example.com/x"_s)}, now).level,
                 Level::Warn);
        QCOMPARE(sb::doctor::tlsCheck(u"a"_s, u"tls"_s, {hop(u"http://localhost:8080/x"_s)}, now).level,
                 Level::Skipped);
        QCOMPARE(sb::doctor::tlsCheck(u"a"_s, u"tls"_s, {hop(u"http://[::1]:8080/x"_s)}, now).level,
                 Level::Skipped);
    }

    // --- page probe ---

    void redirectChainIsRecorded()
    {
        TestServer server([](const Request &r) {
            if (r.path == "/start")
                return answer(302, {}, {{"Location", "/middle"}});
            if (r.path == "/middle")
                return answer(302, {}, {{"Location", "/end"}});
            return answer(200, "<html>checkout</html>");
        });
        sb::doctor::PageProbe probe;
        const QUrl url = server.url(u"/start"_s);
        const QList<Check> checks = runPages(probe, {url});
        QCOMPARE(level(checks, pageId(url, u"redirects"_s)), u"ok"_s);
        QCOMPARE(level(checks, pageId(url, u"status"_s)), u"ok"_s);
        QCOMPARE(level(checks, pageId(url, u"ttfb"_s)), u"ok"_s);
        QCOMPARE(level(checks, pageId(url, u"tls"_s)), u"skipped"_s);
        const QJsonArray hops = find(checks, pageId(url, u"redirects"_s))->facts.value(u"hops"_s).toArray();
        QCOMPARE(hops.size(), 3);
        QCOMPARE(hops.at(0).toObject().value(u"status"_s).toInt(), 302);
        QCOMPARE(hops.at(1).toObject().value(u"url"_s).toString(), server.url(u"/middle"_s).toString());
        QCOMPARE(hops.at(2).toObject().value(u"status"_s).toInt(), 200);
        QCOMPARE(find(checks, pageId(url, u"redirects"_s))->facts.value(u"redirects"_s).toInt(), 2);
        for (const Request &r : std::as_const(server.requests)) {
            QCOMPARE(r.method, "GET");
            QCOMPARE(r.headers.value("user-agent"), "Switchboard-doctor/1");
        }
    }

    void redirectLoopFails()
    {
        TestServer server([](const Request &r) {
            return answer(302, {}, {{"Location", r.path == "/a" ? "/b" : "/a"}});
        });
        sb::doctor::PageProbe probe;
        const QUrl url = server.url(u"/a"_s);
        const QList<Check> checks = runPages(probe, {url});
        QCOMPARE(level(checks, pageId(url, u"redirects"_s)), u"fail"_s);
        QCOMPARE(level(checks, pageId(url, u"status"_s)), u"skipped"_s);
        QCOMPARE(server.requests.size(), 2);
    }

    void tooManyRedirectsFail()
    {
        TestServer server([](const Request &r) { return answer(302, {}, {{"Location", r.path + "x"}}); });
        sb::doctor::PageProbe probe;
        const QUrl url = server.url(u"/r"_s);
        const QList<Check> checks = runPages(probe, {url});
        QCOMPARE(level(checks, pageId(url, u"redirects"_s)), u"fail"_s);
        QCOMPARE(server.requests.size(), sb::doctor::PageProbe::kMaxRedirects + 1);
    }

    void errorStatusesFail()
    {
        TestServer server([](const Request &r) { return answer(r.path == "/gone" ? 404 : 500, "error"); });
        sb::doctor::PageProbe probe;
        const QUrl gone = server.url(u"/gone"_s);
        const QUrl broken = server.url(u"/broken"_s);
        const QUrl bad(u"mailto:founder@example.com"_s);
        const QList<Check> checks = runPages(probe, {gone, broken, bad});
        QCOMPARE(level(checks, pageId(gone, u"status"_s)), u"fail"_s);
        QCOMPARE(level(checks, pageId(broken, u"status"_s)), u"fail"_s);
        QCOMPARE(level(checks, pageId(bad, u"url"_s)), u"fail"_s);
        for (const Check &c : checks)
            QCOMPARE(c.area, u"page_probe"_s);
    }

    void slowFirstByteWarns()
    {
        TestServer server([](const Request &) { return answer(200, "slow"); });
        server.delayMs = 300;
        sb::doctor::PageProbe probe;
        probe.setSlowFirstByteMs(100);
        const QUrl url = server.url(u"/login"_s);
        const QList<Check> checks = runPages(probe, {url});
        QCOMPARE(level(checks, pageId(url, u"status"_s)), u"ok"_s);
        QCOMPARE(level(checks, pageId(url, u"ttfb"_s)), u"warn"_s);
    }

    void silentPageFails()
    {
        TestServer server([](const Request &) { return QByteArray(); });
        sb::doctor::PageProbe probe;
        probe.setTimeoutMs(300);
        const QUrl url = server.url(u"/login"_s);
        const QList<Check> checks = runPages(probe, {url});
        QCOMPARE(level(checks, pageId(url, u"status"_s)), u"fail"_s);
        QCOMPARE(find(checks, pageId(url, u"status"_s))->facts.value(u"timedOut"_s).toBool(), true);
        QCOMPARE(level(checks, pageId(url, u"ttfb"_s)), u"skipped"_s);
    }

    void cancelledPageIsSkipped()
    {
        TestServer server([](const Request &) { return QByteArray(); });
        sb::doctor::PageProbe probe;
        QList<Check> checks;
        int emitted = 0;
        connect(&probe, &sb::doctor::PageProbe::finished, this, [&](const QList<Check> &c) {
            checks = c;
            ++emitted;
        });
        const QUrl url = server.url(u"/checkout"_s);
        probe.start({url});
        QTRY_COMPARE(server.requests.size(), 1);
        probe.cancel();
        QCOMPARE(emitted, 1);
        QCOMPARE(level(checks, pageId(url, u"status"_s)), u"skipped"_s);
        QCOMPARE(find(checks, pageId(url, u"status"_s))->facts.value(u"cancelled"_s).toBool(), true);
    }

    void httpsToHttpDowngradeFails()
    {
        if (!m_noTls.isEmpty())
            QSKIP(qPrintable(m_noTls));
        TestServer plain([](const Request &) { return answer(200, "insecure"); });
        const QByteArray target = plain.url(u"/checkout"_s).toEncoded();
        TestServer secure(
            [target](const Request &) {
                return answer(302, {}, {{"Location", target}});
            },
            tlsServer(m_trusted));
        sb::doctor::PageProbe probe;
        const QUrl url = secure.url(u"/checkout"_s, u"https"_s);
        const QList<Check> checks = runPages(probe, {url});
        QVERIFY2(level(checks, pageId(url, u"redirects"_s)) == u"fail"_s, qPrintable(dump(checks)));
        QVERIFY(find(checks, pageId(url, u"redirects"_s))->title.contains(u"plain http"_s));
        QCOMPARE(level(checks, pageId(url, u"tls"_s)), u"ok"_s);
        QVERIFY(plain.requests.isEmpty()); // not followed
    }

    void untrustedPageCertificateFails()
    {
        if (!m_noTls.isEmpty())
            QSKIP(qPrintable(m_noTls));
        TestServer server([](const Request &) { return answer(200, "page"); }, tlsServer(m_untrusted));
        sb::doctor::PageProbe probe;
        const QUrl url = server.url(u"/login"_s, u"https"_s);
        const QList<Check> checks = runPages(probe, {url});
        QCOMPARE(level(checks, pageId(url, u"tls"_s)), u"fail"_s);
        QCOMPARE(level(checks, pageId(url, u"status"_s)), u"skipped"_s);
    }
};

QTEST_GUILESS_MAIN(TestProbes)
#include "tst_probes.moc"
