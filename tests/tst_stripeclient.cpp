// The Stripe client's edges that the sandbox cannot easily show: a server that never answers, and a cancel
// while a retry is waiting.
#include "Sandbox.h"
#include "providers/stripe/StripeClient.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;

class TestStripeClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void silentServerIsATimeoutAndIsRetried()
    {
        // Accepts connections and never says a word.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (silent.hasPendingConnections())
                held.append(silent.nextPendingConnection());
        });
        QNetworkAccessManager nam;
        StripeSettings settings;
        settings.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort()));
        settings.apiKey = u"sk_test_x"_s;
        settings.requestsPerSecond = 1000;
        settings.transferTimeoutMs = 200;
        stripe::StripeClient client(&nam, settings);
        client.retryPolicy().maxAttempts = 2;
        client.retryPolicy().baseDelayMs = 10;
        std::optional<Error> error;
        client.get(u"/v1/customers"_s, {}, [&](Result<QJsonObject> r) { error = r.error(); });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 10000);
        QCOMPARE(error->kind, ErrorKind::Network); // not "cancelled": nobody cancelled it
        QVERIFY2(error->message.contains(u"did not answer"_s), qPrintable(error->message));
        QCOMPARE(client.requestsSent(), 2); // the timeout was retried once
    }

    void cancelAnswersARequestWaitingForItsRetry()
    {
        sandbox::Sandbox sandbox;
        sandbox.generateWorld(5, 1);
        QVERIFY(sandbox.listen(0));
        sandbox.failNextStripeRequests(100, 503);
        QNetworkAccessManager nam;
        StripeSettings settings;
        settings.baseUrl = sandbox.baseUrl();
        settings.apiKey = u"sk_test_sandbox"_s;
        settings.requestsPerSecond = 1000;
        stripe::StripeClient client(&nam, settings);
        client.retryPolicy().baseDelayMs = 60000; // the retry would wait a minute
        std::optional<Error> error;
        client.get(u"/v1/customers"_s, {}, [&](Result<QJsonObject> r) { error = r.error(); });
        QTRY_COMPARE(client.requestsSent(), 1);
        QTest::qWait(100); // the 503 arrived; the retry is now waiting
        QVERIFY(!error.has_value());
        client.cancelAll();
        QVERIFY(error.has_value()); // answered at once, not in a minute
        QCOMPARE(error->kind, ErrorKind::Cancelled);
    }

    void errorsAreClassified_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("kind");
        QTest::newRow("401") << 401 << int(ErrorKind::Auth);
        QTest::newRow("403") << 403 << int(ErrorKind::Auth);
        QTest::newRow("404") << 404 << int(ErrorKind::NotFound);
        QTest::newRow("400") << 400 << int(ErrorKind::Provider);
    }
    void errorsAreClassified()
    {
        QFETCH(int, status);
        QFETCH(int, kind);
        sandbox::Sandbox sandbox;
        sandbox.generateWorld(5, 1);
        QVERIFY(sandbox.listen(0));
        sandbox.failNextStripeRequests(1, status);
        QNetworkAccessManager nam;
        StripeSettings settings;
        settings.baseUrl = sandbox.baseUrl();
        settings.apiKey = u"sk_test_sandbox"_s;
        stripe::StripeClient client(&nam, settings);
        std::optional<Error> error;
        client.get(u"/v1/customers"_s, {}, [&](Result<QJsonObject> r) { error = r.error(); });
        QTRY_VERIFY(error.has_value());
        QCOMPARE(int(error->kind), kind);
        QVERIFY(error->message.contains(QString::number(status)));
        QCOMPARE(client.requestsSent(), 1); // none of these is retried
    }
};

QTEST_GUILESS_MAIN(TestStripeClient)
#include "tst_stripeclient.moc"
