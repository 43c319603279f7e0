#include "identity/EmailNormalizer.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestEmailNormalizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void normalize_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"ada@example.com"_s << u"ada@example.com"_s;
        QTest::newRow("trimmed") << u"  ada@example.com\t"_s << u"ada@example.com"_s;
        QTest::newRow("case folded") << u"Ada.Lovelace@Example.COM"_s << u"ada.lovelace@example.com"_s;
        QTest::newRow("plus kept") << u"ada+pro@example.com"_s << u"ada+pro@example.com"_s;
        QTest::newRow("dots kept") << u"a.d.a@example.com"_s << u"a.d.a@example.com"_s;
        QTest::newRow("idn domain") << u"jose@bücher.de"_s << u"jose@xn--bcher-kva.de"_s;
        QTest::newRow("idn upper") << u"X@BÜCHER.de"_s << u"x@xn--bcher-kva.de"_s;
        QTest::newRow("german sharp s folds") << u"STRASSE@example.com"_s << u"strasse@example.com"_s;
        QTest::newRow("no at") << u"ada.example.com"_s << QString();
        QTest::newRow("empty local") << u"@example.com"_s << QString();
        QTest::newRow("empty domain") << u"ada@"_s << QString();
        QTest::newRow("inner space") << u"ada lovelace@example.com"_s << QString();
        QTest::newRow("zero width") << u"ada\u200b@example.com"_s << QString();
        QTest::newRow("rtl override") << u"ada\u202e@example.com"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }
    void normalize()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(sb::normalizeEmail(input), expected);
    }

    void foldAndWords()
    {
        QCOMPARE(sb::foldForSearch(u"  José Núñez "_s), u"jose nunez"_s);
        QCOMPARE(sb::searchWords(u"Mary-Jane O'Neil"_s), (QStringList{u"mary"_s, u"jane"_s, u"o'neil"_s}));
        QCOMPARE(sb::searchWords(u"Zoë  Zoë"_s), QStringList{u"zoe"_s});
        QVERIFY(sb::searchWords(u"  "_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEmailNormalizer)
#include "tst_emailnormalizer.moc"
