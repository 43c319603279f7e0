// The switchboard-sandbox executable: base URL first on stdout, exit codes, --dump-world, --keys,
// --restricted-key, --webhook-chaos, --kit-webhook-secret, --faults, SIGTERM.
#include "WorldGenerator.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSandboxCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void servesUntilTerminated();
    void restrictedKeyOption();
    void webhookOptions();
    void faultsOption();
    void usageErrors_data();
    void usageErrors();
    void ioErrors();
    void dumpsGeneratedWorld();

private:
    static QString exe() { return QStringLiteral(SB_SANDBOX_EXE); }
    int status(const QUrl &url, const QByteArray &key);
    QNetworkAccessManager m_nam;
};

int TestSandboxCli::status(const QUrl &url, const QByteArray &key)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + key);
    QNetworkReply *reply = m_nam.get(request);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void TestSandboxCli::servesUntilTerminated()
{
    QProcess process;
    process.start(exe(),
                  {u"--generate"_s, u"20"_s, u"--seed"_s, u"2"_s, u"--keys"_s, u"sk_test_cli,circle,kit"_s});
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
    const QString first = QString::fromUtf8(process.readLine()).trimmed();
    const QRegularExpression pattern(u"^http://127\\.0\\.0\\.1:(\\d+)$"_s);
    QVERIFY2(pattern.match(first).hasMatch(), qPrintable(first));
    const QUrl base(first);
    QCOMPARE(status(base.resolved(QUrl(u"/v1/customers"_s)), "sk_test_cli"), 200);
    QCOMPARE(status(base.resolved(QUrl(u"/v1/customers"_s)), "sk_test_sandbox"), 401);

    process.terminate(); // SIGTERM
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

void TestSandboxCli::restrictedKeyOption()
{
    QProcess process;
    process.start(exe(), {u"--generate"_s, u"10"_s, u"--restricted-key"_s,
                          u"rk_test_cli_reader=customers:read,charges:write"_s, u"--restricted-key"_s,
                          u"rk_live_cli_events=events:read"_s});
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
    const QUrl base(QString::fromUtf8(process.readLine()).trimmed());
    QCOMPARE(status(base.resolved(QUrl(u"/v1/customers"_s)), "rk_test_cli_reader"), 200);
    QCOMPARE(status(base.resolved(QUrl(u"/v1/charges"_s)), "rk_test_cli_reader"), 200);
    QCOMPARE(status(base.resolved(QUrl(u"/v1/events"_s)), "rk_test_cli_reader"), 403);
    QCOMPARE(status(base.resolved(QUrl(u"/v1/events"_s)), "rk_live_cli_events"), 200);
    QCOMPARE(status(base.resolved(QUrl(u"/v1/customers"_s)), "rk_live_cli_events"), 403);
    QCOMPARE(status(base.resolved(QUrl(u"/v1/customers"_s)), "sk_test_sandbox"), 200);
    process.terminate();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitCode(), 0);
}

void TestSandboxCli::webhookOptions()
{
    QProcess process;
    // The secret from the environment: kept off the command line (and out of `ps`).
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"SWITCHBOARD_SANDBOX_KIT_WEBHOOK_SECRET"_s, u"cli_kit_hook_secret"_s);
    process.setProcessEnvironment(env);
    process.start(exe(), {u"--generate"_s, u"5"_s, u"--webhook-chaos"_s, u"dup,shuffle,seed=3"_s});
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
    const QUrl base(QString::fromUtf8(process.readLine()).trimmed());
    QCOMPARE(status(base.resolved(QUrl(u"/v1/webhook_endpoints"_s)), "sk_test_sandbox"), 200);
    process.terminate();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitCode(), 0);
}

void TestSandboxCli::faultsOption()
{
    QProcess process;
    process.start(exe(), {u"--generate"_s, u"5"_s, u"--faults"_s, u"stripe:503@1x2,kit:429=3@1"_s});
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
    const QUrl base(QString::fromUtf8(process.readLine()).trimmed());
    const QUrl customers = base.resolved(QUrl(u"/v1/customers"_s));
    QCOMPARE(status(customers, "sk_test_sandbox"), 503);
    QCOMPARE(status(customers, "sk_test_sandbox"), 503);
    QCOMPARE(status(customers, "sk_test_sandbox"), 200);
    process.terminate();
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(process.exitCode(), 0);
}

void TestSandboxCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("nothing") << QStringList();
    QTest::newRow("unknown option") << QStringList{u"--bogus"_s};
    QTest::newRow("two sources") << QStringList{u"--demo"_s, u"--generate"_s, u"3"_s};
    QTest::newRow("seed alone") << QStringList{u"--demo"_s, u"--seed"_s, u"3"_s};
    QTest::newRow("bad port") << QStringList{u"--demo"_s, u"--port"_s, u"http"_s};
    QTest::newRow("two keys") << QStringList{u"--demo"_s, u"--keys"_s, u"a,b"_s};
    QTest::newRow("bad count") << QStringList{u"--generate"_s, u"many"_s};
    QTest::newRow("restricted key without grants")
        << QStringList{u"--demo"_s, u"--restricted-key"_s, u"rk_test_x"_s};
    QTest::newRow("restricted key not rk_")
        << QStringList{u"--demo"_s, u"--restricted-key"_s, u"sk_test_x=customers:read"_s};
    QTest::newRow("restricted key bad resource")
        << QStringList{u"--demo"_s, u"--restricted-key"_s, u"rk_test_x=widgets:read"_s};
    QTest::newRow("restricted key bad access")
        << QStringList{u"--demo"_s, u"--restricted-key"_s, u"rk_test_x=customers:admin"_s};
    QTest::newRow("faults bad spec") << QStringList{u"--demo"_s, u"--faults"_s, u"x"_s};
    QTest::newRow("faults bad kind") << QStringList{u"--demo"_s, u"--faults"_s, u"stripe:explode@1"_s};
    QTest::newRow("webhook chaos unknown")
        << QStringList{u"--demo"_s, u"--webhook-chaos"_s, u"dup,reorder"_s};
    QTest::newRow("webhook chaos bad seed")
        << QStringList{u"--demo"_s, u"--webhook-chaos"_s, u"shuffle,seed=x"_s};
    QTest::newRow("empty kit webhook secret") << QStringList{u"--demo"_s, u"--kit-webhook-secret"_s, u""_s};
}

void TestSandboxCli::usageErrors()
{
    QFETCH(QStringList, args);
    QProcess process;
    process.start(exe(), args);
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 20000);
    QCOMPARE(process.exitCode(), 2);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(err.startsWith("switchboard-sandbox: "), err.constData());
    QCOMPARE(err.count('\n'), 1);
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

void TestSandboxCli::ioErrors()
{
    QTemporaryDir dir;
    QProcess process;
    process.start(exe(), {u"--world"_s, dir.filePath(u"missing.json"_s)});
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 20000);
    QCOMPARE(process.exitCode(), 3);
    QVERIFY(process.readAllStandardError().contains("cannot open"));

    QFile bad(dir.filePath(u"bad.json"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(
        R"({"version":1,"now":"2026-11-20T12:00:00Z","people":[{"email":"a@b.c","stripe":[{"do":"renew","at":"2026-11-19T00:00:00Z"}]}]})");
    bad.close();
    process.start(exe(), {u"--world"_s, bad.fileName()});
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 20000);
    QCOMPARE(process.exitCode(), 3);
    QVERIFY(process.readAllStandardError().contains("people[0] (a@b.c): stripe[0] (\"renew\")"));
}

void TestSandboxCli::dumpsGeneratedWorld()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"world.json"_s);
    QProcess process;
    process.start(exe(), {u"--generate"_s, u"30"_s, u"--seed"_s, u"4"_s, u"--dump-world"_s, path});
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 20000);
    QCOMPARE(process.exitCode(), 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).object(), sb::sandbox::WorldGenerator::generate(30, 4));

    process.start(exe(), {u"--world"_s, path, u"--dump-world"_s, dir.filePath(u"again.json"_s)});
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 20000);
    QCOMPARE(process.exitCode(), 0);

    process.start(exe(), {u"--demo"_s, u"--dump-world"_s, dir.filePath(u"no/such/dir/x.json"_s)});
    QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 20000);
    QCOMPARE(process.exitCode(), 3);
}

QTEST_GUILESS_MAIN(TestSandboxCli)
#include "tst_sandboxcli.moc"
