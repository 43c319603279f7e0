#include "net/RequestPacer.h"
#include "net/RetryPolicy.h"

#include <QTest>

using sb::net::RetryInput;
using sb::net::RetryPolicy;

class TestRetryPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decide_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("netError");
        QTest::addColumn<int>("shouldRetry"); // -1 absent, 0 false, 1 true
        QTest::addColumn<bool>("retry");
        QTest::newRow("429") << 429 << 0 << -1 << true;
        QTest::newRow("409") << 409 << 0 << -1 << true;
        QTest::newRow("500") << 500 << 0 << -1 << true;
        QTest::newRow("503") << 503 << 0 << -1 << true;
        QTest::newRow("400") << 400 << 0 << -1 << false;
        QTest::newRow("401") << 401 << 0 << -1 << false;
        QTest::newRow("404") << 404 << 0 << -1 << false;
        QTest::newRow("500 but header says no") << 500 << 0 << 0 << false;
        QTest::newRow("400 but header says yes") << 400 << 0 << 1 << true;
        QTest::newRow("connection refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << -1 << true;
        QTest::newRow("timeout") << 0 << int(QNetworkReply::TimeoutError) << -1 << true;
        QTest::newRow("tls failure") << 0 << int(QNetworkReply::SslHandshakeFailedError) << -1 << false;
    }
    void decide()
    {
        QFETCH(int, status);
        QFETCH(int, netError);
        QFETCH(int, shouldRetry);
        QFETCH(bool, retry);
        RetryPolicy p;
        p.random = [] {
            return 0.5;
        };
        RetryInput in;
        in.httpStatus = status;
        in.networkError = QNetworkReply::NetworkError(netError);
        if (shouldRetry >= 0)
            in.shouldRetryHeader = shouldRetry == 1;
        const auto d = p.decide(in);
        QCOMPARE(d.retry, retry);
        if (retry)
            QVERIFY(d.delayMs > 0);
    }

    void backoffGrowsAndIsCapped()
    {
        RetryPolicy p;
        p.maxAttempts = 100;
        p.random = [] {
            return 1.0;
        };
        int previous = 0;
        for (int attempt = 1; attempt <= 8; ++attempt) {
            RetryInput in;
            in.attempt = attempt;
            in.httpStatus = 500;
            const int delay = p.decide(in).delayMs;
            QVERIFY2(delay >= previous, qPrintable(QString::number(attempt)));
            QVERIFY(delay <= p.maxDelayMs);
            previous = delay;
        }
        QCOMPARE(previous, p.maxDelayMs);
    }

    void rateLimitWaitsAtLeastASecondAndHonoursRetryAfter()
    {
        RetryPolicy p;
        p.random = [] {
            return 0.0;
        };
        RetryInput in;
        in.httpStatus = 429;
        QVERIFY(p.decide(in).delayMs >= 1000);
        in.retryAfterSeconds = 7;
        QCOMPARE(p.decide(in).delayMs, 7000);
    }

    void givesUpAfterMaxAttempts()
    {
        RetryPolicy p;
        RetryInput in;
        in.httpStatus = 503;
        in.attempt = p.maxAttempts;
        QVERIFY(!p.decide(in).retry);
    }

    void pacerKeepsTheRate()
    {
        sb::net::RequestPacer pacer(10, 1000, 2); // 10 per second, bursts of 2
        sb::Millis now = 1'000'000;
        QCOMPARE(pacer.delayBeforeNext(now), 0);
        pacer.consume(now);
        QCOMPARE(pacer.delayBeforeNext(now), 0);
        pacer.consume(now);
        QCOMPARE(pacer.delayBeforeNext(now), 100); // one token per 100 ms
        now += 100;
        QCOMPARE(pacer.delayBeforeNext(now), 0);
        pacer.consume(now);
        pacer.drain(now);
        QVERIFY(pacer.delayBeforeNext(now) >= 100);
        // Sending 50 requests as fast as allowed takes about 4.8 s of pacer time, never less.
        sb::net::RequestPacer p2(10, 1000, 2);
        sb::Millis t = 0, start = 1;
        t = start;
        for (int i = 0; i < 50; ++i) {
            t += p2.delayBeforeNext(t);
            p2.consume(t);
        }
        QVERIFY(t - start >= 4700);
        QVERIFY(t - start <= 4900);
    }

    void rollingLimitIsNeverExceededAndSmallRunsDoNotWait_data()
    {
        QTest::addColumn<double>("limit");
        QTest::addColumn<qint64>("windowMs");
        QTest::newRow("Circle 2000 per 5 min") << 2000.0 << qint64(300000);
        QTest::newRow("Kit 120 per minute") << 120.0 << qint64(60000);
    }
    void rollingLimitIsNeverExceededAndSmallRunsDoNotWait()
    {
        QFETCH(double, limit);
        QFETCH(qint64, windowMs);
        sb::net::RequestPacer pacer;
        sb::net::paceUnderRollingLimit(pacer, limit, windowMs);
        // Send as fast as the pacer allows for four windows, on a simulated clock.
        QList<qint64> sent;
        qint64 now = 1'000'000;
        while (now < 1'000'000 + 4 * windowMs) {
            const qint64 wait = pacer.delayBeforeNext(now);
            now += wait;
            pacer.consume(now);
            sent.append(now);
        }
        // The first 95 % of the limit went at once, and the next one only when the first left the window.
        const int cap = int(limit * 0.95);
        QCOMPARE(sent.at(cap - 1), sent.first());
        QCOMPARE(sent.at(cap), sent.first() + windowMs);
        // A run of 2.5 limits takes two windows: the bound the limit sets (to the 95 % kept back).
        QVERIFY(sent.size() > qsizetype(limit * 2.5));
        const qsizetype runOf = qsizetype(limit * 2.5) - 1;
        QVERIFY2(sent.at(runOf) - sent.first() <= qint64(2 * windowMs * 1.2),
                 qPrintable(QString::number(sent.at(runOf) - sent.first())));
        // No window holds more than the limit (the sliding window checked at every send).
        qsizetype start = 0;
        for (qsizetype i = 0; i < sent.size(); ++i) {
            while (sent.at(i) - sent.at(start) >= windowMs)
                ++start;
            QVERIFY2(i - start + 1 <= limit * 0.95 + 1, qPrintable(QString::number(i - start + 1)));
        }
    }
    void aThrottledRollingPacerHalvesItsCapForOneWindow()
    {
        sb::net::RequestPacer pacer;
        sb::net::paceUnderRollingLimit(pacer, 100, 60000); // 95 in any minute
        qint64 now = 1'000'000;
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(pacer.delayBeforeNext(now), 0);
            pacer.consume(now);
        }
        pacer.drain(now); // a 429: someone else spends the same limit
        int sentNow = 10;
        while (pacer.delayBeforeNext(now) == 0) {
            pacer.consume(now);
            ++sentNow;
        }
        QCOMPARE(sentNow, 47); // half of 95
        // After the window the full cap is back.
        now += 60000;
        int later = 0;
        while (pacer.delayBeforeNext(now) == 0) {
            pacer.consume(now);
            ++later;
        }
        QCOMPARE(later, 95);
    }
    void disabledPacerNeverWaits()
    {
        sb::net::RequestPacer pacer;
        for (int i = 0; i < 1000; ++i) {
            QCOMPARE(pacer.delayBeforeNext(5), 0);
            pacer.consume(5);
        }
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
