#include "secrets/Redactor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using sb::secrets::Redactor;

class TestRedactor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Redactor::clearSecrets(); }

    void masks_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("mustNotContain");
        QTest::addColumn<QString>("mustContain");
        // Key-shaped test values are assembled from pieces so the source never holds anything that looks like
        // a real live key (repository secret scanners would rightly flag it).
        const QString live = u"sk_"_s + u"live_"_s;
        QTest::newRow("live secret key") << u"key "_s + live + u"51HxYzAbCdEfGhIjKlMnOp failed"_s
                                         << u"51HxYzAbCdEfGhIjKlMnOp"_s << u"sk_live_********MnOp"_s;
        QTest::newRow("test restricted key")
            << u"rk_test_abcdefghijklmnop1234"_s << u"abcdefghijklmnop"_s << u"rk_test_********1234"_s;
        QTest::newRow("webhook secret") << u"secret=whsec_"_s + u"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s
                                        << u"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s << u"whsec_********"_s;
        QTest::newRow("bearer header") << u"Authorization: Bearer abc.def-ghi_jkl123"_s
                                       << u"abc.def-ghi_jkl123"_s << u"Bearer ********"_s;
        QTest::newRow("circle token header")
            << u"Authorization: Token circletoken12345"_s << u"circletoken12345"_s << u"Token ********"_s;
        QTest::newRow("kit header") << u"X-Kit-Api-Key: kit_abcdef123456"_s << u"kit_abcdef123456"_s
                                    << u"X-Kit-Api-Key: ********"_s;
        QTest::newRow("in a url") << u"GET https://x/?k=sk_test_4eC39HqLyjWDarjtT1zdp7dc"_s
                                  << u"4eC39HqLyjWDarjtT1zdp7dc"_s << u"sk_test_"_s;
    }
    void masks()
    {
        QFETCH(QString, input);
        QFETCH(QString, mustNotContain);
        QFETCH(QString, mustContain);
        const QString out = Redactor::redact(input);
        QVERIFY2(!out.contains(mustNotContain), qPrintable(out));
        QVERIFY2(out.contains(mustContain), qPrintable(out));
    }

    void registeredSecretsAreMaskedAnywhere()
    {
        const QString token = u"circle-admin-v2-9f8e7d6c5b4a"_s;
        QVERIFY(
            Redactor::redact(u"token is "_s + token).contains(token)); // unknown shape, not registered yet
        Redactor::addSecret(token);
        const QString out = Redactor::redact(u"token is "_s + token + u", again "_s + token);
        QVERIFY(!out.contains(token));
        QCOMPARE(out.count(u"********"_s), 2);
    }

    void ordinaryTextIsLeftAlone()
    {
        Redactor::addSecret(u"short"_s); // too short to be a key: ignored rather than masking words
        const QString text =
            u"Payment succeeded: short course, 4 items, sk_ prefix explained, Bearer of news"_s;
        QCOMPARE(Redactor::redact(text), text);
    }

    void messageHandlerRedacts()
    {
        Redactor::installMessageHandler();
        QTest::ignoreMessage(QtWarningMsg, "using rk_live_********WXYZ"); // what QtTest sees after redaction
        const QString key = u"rk_"_s + u"live_0123456789abcdefWXYZ"_s;
        qWarning("using %s", qPrintable(key));
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
