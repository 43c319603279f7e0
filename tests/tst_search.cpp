#include "TestUtil.h"
#include "models/SearchModel.h"
#include "models/TimelineModel.h"
#include "store/Queries.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
void addCustomer(store::Store &s, const QString &id, const QString &email, const QString &name)
{
    IngestItem item;
    item.raw = RawObject{provider::Stripe, u"customer"_s, id, "{}", 1000, 1000, {}};
    item.identity = IdentityFact{provider::Stripe, id, email, name, 1000};
    if (auto r = s.ingest(item); !r)
        qFatal("ingest failed: %s", qPrintable(r.error().message));
}

void addRows(store::Store &s, const QString &customerId, const QString &objectId, int count, Millis start)
{
    IngestItem item;
    item.raw = RawObject{provider::Stripe, u"charge"_s, objectId, "{}", start, start, {}};
    item.owner.identityId = customerId;
    for (int i = 0; i < count; ++i) {
        TimelineEvent r;
        r.at = start + (i / 2) * 1000; // pairs share a timestamp: the id breaks the tie
        r.kind = u"payment_succeeded"_s;
        r.sourceKey = u"%1:%2"_s.arg(objectId).arg(i);
        r.summary = u"row %1"_s.arg(i);
        item.rows.append(r);
    }
    if (auto r = s.ingest(item); !r)
        qFatal("ingest failed: %s", qPrintable(r.error().message));
}
} // namespace

class TestSearch : public QObject {
    Q_OBJECT
    test::TempCache *m_cache = nullptr;
    store::Queries *m_q = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_cache = new test::TempCache;
        store::Store s(m_cache->db());
        addCustomer(s, u"cus_ada"_s, u"Ada.Lovelace@Example.com"_s, u"Ada Lovelace"_s);
        addCustomer(s, u"cus_grace"_s, u"grace@navy.mil"_s, u"Grace Hopper"_s);
        addCustomer(s, u"cus_jose"_s, u"jose@bücher.de"_s, u"José Núñez"_s);
        addCustomer(s, u"cus_evil"_s, u"evil'; DROP TABLE people;--@x.com"_s,
                    u"Robert'); DROP TABLE people;--"_s);
        addCustomer(s, u"cus_pct"_s, u"100%_off@deals.com"_s, u"Percent Person"_s);
        addCustomer(s, u"cus_tim"_s, u"tim@w3.org"_s, u"Tim  Berners-Lee"_s);
        addCustomer(s, u"cus_markup"_s, u"markup@x.com"_s, u"<b>Bold</b> <img src=x>"_s);
        addRows(s, u"cus_ada"_s, u"ch_ada1"_s, 5, 10'000);
        addRows(s, u"cus_grace"_s, u"ch_grace"_s, 250, 20'000);
        m_q = new store::Queries(m_cache->db());
    }
    void cleanupTestCase()
    {
        delete m_q;
        delete m_cache;
    }

    void finds_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expectedEmail");
        QTest::addColumn<QString>("matchedOn");
        QTest::newRow("whole email") << u"ada.lovelace@example.com"_s << u"Ada.Lovelace@Example.com"_s
                                     << u"email"_s;
        QTest::newRow("email other case")
            << u"ADA.LOVELACE@EXAMPLE.COM"_s << u"Ada.Lovelace@Example.com"_s << u"email"_s;
        QTest::newRow("email prefix") << u"grace@"_s << u"grace@navy.mil"_s << u"email"_s;
        QTest::newRow("first name") << u"grace"_s << u"grace@navy.mil"_s << u"name"_s;
        QTest::newRow("last name") << u"hopper"_s << u"grace@navy.mil"_s << u"name"_s;
        QTest::newRow("name prefix") << u"Lovel"_s << u"Ada.Lovelace@Example.com"_s << u"name"_s;
        QTest::newRow("full name") << u"Ada Lovelace"_s << u"Ada.Lovelace@Example.com"_s << u"name"_s;
        QTest::newRow("without accents") << u"nunez"_s << u"jose@bücher.de"_s << u"name"_s;
        QTest::newRow("idn email") << u"jose@bücher.de"_s << u"jose@bücher.de"_s << u"email"_s;
        QTest::newRow("customer id") << u"cus_grace"_s << u"grace@navy.mil"_s << u"id"_s;
        QTest::newRow("charge id") << u"ch_ada1"_s << u"Ada.Lovelace@Example.com"_s << u"id"_s;
        QTest::newRow("percent is literal") << u"100%_"_s << u"100%_off@deals.com"_s << u"email"_s;
        QTest::newRow("sql quote is literal")
            << u"evil';"_s << u"evil'; DROP TABLE people;--@x.com"_s << u"email"_s;
        QTest::newRow("sql in a name")
            << u"Robert'); DROP"_s << u"evil'; DROP TABLE people;--@x.com"_s << u"name"_s;
        QTest::newRow("hyphenated last name") << u"Berners-Lee"_s << u"tim@w3.org"_s << u"name"_s;
        QTest::newRow("part of hyphenated name") << u"lee"_s << u"tim@w3.org"_s << u"name"_s;
        QTest::newRow("name with extra spaces") << u"tim   berners"_s << u"tim@w3.org"_s << u"name"_s;
        QTest::newRow("padded") << u"   hopper  "_s << u"grace@navy.mil"_s << u"name"_s;
    }
    void finds()
    {
        QFETCH(QString, query);
        QFETCH(QString, expectedEmail);
        QFETCH(QString, matchedOn);
        auto hits = m_q->search(query);
        QVERIFY(hits);
        QVERIFY2(!hits.value().isEmpty(), qPrintable(query));
        QCOMPARE(hits.value().first().primaryEmail, expectedEmail);
        QCOMPARE(hits.value().first().matchedOn, matchedOn);
    }

    void findsNothing_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("empty") << QString();
        QTest::newRow("spaces") << u"    "_s;
        QTest::newRow("unknown") << u"nobody@nowhere.org"_s;
        QTest::newRow("unknown id") << u"cus_doesnotexist"_s;
        QTest::newRow("percent wildcard") << u"%"_s;
        QTest::newRow("underscore wildcard") << u"_"_s;
        QTest::newRow("zero width") << u"\u200b"_s;
        QTest::newRow("rtl override") << u"\u202egrace"_s;
        QTest::newRow("lone surrogate") << QString(QChar(0xD800));
    }
    void findsNothing()
    {
        QFETCH(QString, query);
        auto hits = m_q->search(query);
        QVERIFY(hits);
        if (query == u"\u202egrace"_s) // format characters are ignored, the rest still matches
            return;
        QVERIFY2(hits.value().isEmpty(), qPrintable(query));
    }

    void hugeQueryIsBoundedAndTablesSurvive()
    {
        const QString huge(1 << 20, u'a');
        auto hits = m_q->search(huge);
        QVERIFY(hits);
        QVERIFY(hits.value().isEmpty());
        QCOMPARE(m_q->count(u"people"_s).value(), 7);
    }

    void hitTooltipsNeverRenderProviderMarkup()
    {
        models::SearchModel model(m_q);
        QSignalSpy searched(&model, &models::SearchModel::searched);
        model.setQuery(u"bold"_s);
        QTRY_VERIFY(!searched.isEmpty());
        QCOMPARE(model.rowCount(), 1);
        const QString tip = model.index(0, 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"&lt;b&gt;"_s) || !tip.contains(u"<b>"_s), qPrintable(tip));
        QVERIFY(!tip.contains(u"<img"_s));
    }

    void resolvePerson()
    {
        const qint64 grace = m_q->search(u"cus_grace"_s).value().first().personId;
        QCOMPARE(m_q->resolvePerson(u"GRACE@navy.mil"_s).value(), grace);
        QCOMPARE(m_q->resolvePerson(u"ch_grace"_s).value(), grace);
        QCOMPARE(m_q->resolvePerson(QString::number(grace)).value(), grace);
        QCOMPARE(m_q->resolvePerson(u"person:%1"_s.arg(grace)).value(), grace);
        auto none = m_q->resolvePerson(u"grace"_s); // a name is not an identifier
        QVERIFY(!none);
        QCOMPARE(none.error().kind, ErrorKind::NotFound);
    }

    void timelinePagesAreNewestFirstWithoutGapsOrRepeats()
    {
        const qint64 grace = m_q->resolvePerson(u"cus_grace"_s).value();
        QSet<qint64> seen;
        store::TimelineCursor cursor;
        Millis lastAt = std::numeric_limits<Millis>::max();
        int pages = 0;
        for (;;) {
            auto page = m_q->timelinePage(grace, cursor, 40);
            QVERIFY(page);
            for (const auto &row : page.value()) {
                QVERIFY(row.at <= lastAt);
                lastAt = row.at;
                QVERIFY(!seen.contains(row.id));
                seen.insert(row.id);
            }
            ++pages;
            if (page.value().size() < 40)
                break;
            cursor = {page.value().last().at, page.value().last().id, true};
        }
        QCOMPARE(seen.size(), 250);
        QCOMPARE(pages, 7);
    }

    void timelineModelFetchesLazily()
    {
        models::TimelineModel model(m_q);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(100);
        model.setPerson(m_q->resolvePerson(u"cus_grace"_s).value());
        QVERIFY(model.rowCount() >= 100); // the first page comes with the reset
        int pages = 0;
        while (!model.isComplete() && pages < 10) {
            const int before = model.rowCount();
            model.fetchMore({});
            model.fetchMore({}); // a second ask while one page is in flight adds nothing
            QTRY_VERIFY(model.rowCount() > before || model.isComplete());
            ++pages;
        }
        QCOMPARE(model.rowCount(), 250);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.data(model.index(0, models::TimelineModel::SystemColumn), Qt::DisplayRole).toString(),
                 u"Stripe"_s);
    }

    void onePageInFlightAtATime()
    {
        models::TimelineModel model(m_q);
        model.setPageSize(100);
        model.setPerson(m_q->resolvePerson(u"cus_grace"_s).value());
        QCOMPARE(model.rowCount(), 100);
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 100); // nothing inserted synchronously
        QTRY_COMPARE(model.rowCount(), 200);
        QCoreApplication::processEvents();
        QCOMPARE(model.rowCount(), 200); // the second ask was ignored
        QVERIFY(model.canFetchMore({}));
    }

    void searchModelRows()
    {
        models::SearchModel model(m_q);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setQuery(u"hopper"_s);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(model.data(model.index(0, 0), Qt::DisplayRole).toString().contains(u"Grace Hopper"_s));
        model.setQuery(QString());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
