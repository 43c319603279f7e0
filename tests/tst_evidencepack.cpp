// The evidence pack: everything about one person in one inert HTML file, and the pack itself audited.
#include "TestUtil.h"
#include "audit/AuditExport.h"
#include "audit/AuditLog.h"
#include "audit/EvidencePack.h"
#include "providers/stripe/StripeMapper.h"
#include "store/FindingsStore.h"
#include "store/Queries.h"
#include "store/Store.h"

#include <QBuffer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

// Shaped like a live Stripe key, built at run time so no key-shaped literal sits in the repository.
QString fakeKey()
{
    return u"sk_"_s + u"live_"_s + u"51HabcdefghijklmnopQRSTuvwx1234"_s;
}
constexpr Millis kNow = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr Millis kDay = 24 * 3600 * 1000;
const QString kRlo = QString(QChar(0x202e));
const QString kZwsp = QString(QChar(0x200b));
// A name that tries everything: markup, a script, a right-to-left override and a zero-width space.
const QString kHostileName = u"Mallory <script>alert(1)</script><img src=x onerror=alert(2)> "_s + kRlo +
                             u"lmth.exe"_s + kZwsp + u" & Co"_s;
} // namespace

class TestEvidencePack : public QObject {
    Q_OBJECT
    test::TempCache m_cache;
    std::unique_ptr<store::Queries> m_queries;
    qint64 m_mallory = 0;

    QString pack(QSqlDatabase db, qint64 person, audit::EvidenceSummary *summary = nullptr)
    {
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        audit::EvidenceRequest request;
        request.personId = person;
        request.actor = u"ana"_s;
        request.reason = u"Ticket #4411"_s;
        request.destination = u"evidence.html"_s;
        auto written = audit::writeEvidencePack(db, request, &out);
        [&] {
            QVERIFY2(written, qPrintable(written.error().message));
        }();
        if (written && summary)
            *summary = written.value();
        return QString::fromUtf8(out.data());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Clock::setSource([] { return kNow; });
        store::Store store(m_cache.db());
        QVERIFY(store.begin());
        stripe::StripeMapper mapper;
        const qint64 created = kNow / 1000 - 40 * 86400;
        for (const QJsonObject &o : {QJsonObject{{u"id"_s, u"cus_mal"_s},
                                                 {u"object"_s, u"customer"_s},
                                                 {u"email"_s, u"mallory@example.com"_s},
                                                 {u"name"_s, kHostileName},
                                                 {u"created"_s, created},
                                                 {u"livemode"_s, false}},
                                     QJsonObject{{u"id"_s, u"ch_mal"_s},
                                                 {u"object"_s, u"charge"_s},
                                                 {u"customer"_s, u"cus_mal"_s},
                                                 {u"amount"_s, 4900},
                                                 {u"amount_refunded"_s, 0},
                                                 {u"currency"_s, u"usd"_s},
                                                 {u"status"_s, u"succeeded"_s},
                                                 {u"paid"_s, true},
                                                 {u"refunded"_s, false},
                                                 {u"description"_s, u"Pro <b>membership</b>"_s},
                                                 {u"created"_s, created + 60}}}) {
            auto items = mapper.mapObject(o, kNow);
            QVERIFY2(items, qPrintable(items.error().message));
            for (const IngestItem &item : items.value())
                QVERIFY(store.ingest(item));
        }
        QVERIFY(store.commit());
        m_queries = std::make_unique<store::Queries>(m_cache.db());
        m_mallory = m_queries->resolvePerson(u"cus_mal"_s).value();
        QVERIFY(m_mallory);

        // An open finding and a resolved one.
        store::FindingsStore findings(m_cache.db());
        reconcile::Finding paid;
        paid.rule = reconcile::rule::PaidWithoutAccess;
        paid.key = u"paid_without_access|stripe:cus_mal|circle:access_group:101"_s;
        paid.severity = reconcile::Severity::High;
        paid.personId = m_mallory;
        paid.emails = {u"mallory@example.com"_s};
        paid.since = kNow - 3 * kDay;
        paid.summary = u"Paid for Pro but not in access group <Pro members>"_s;
        paid.why = u"The policy says Pro grants the group; the member is not in it."_s;
        paid.fix = {reconcile::FixStep{u"circle"_s,
                                       u"circle.add_access_group"_s,
                                       {},
                                       u"Add mallory@example.com to access group Pro members"_s}};
        reconcile::Finding tag = paid;
        tag.rule = reconcile::rule::MissingTag;
        tag.key = u"missing_tag|stripe:cus_mal"_s;
        tag.severity = reconcile::Severity::Medium;
        tag.summary = u"Paid for Pro but not tagged pro-customer"_s;
        tag.fix = {};
        reconcile::ReconcileResult first;
        first.findings = {paid, tag};
        QVERIFY(findings.apply(first, {}, kNow - 2 * kDay));
        reconcile::ReconcileResult second;
        second.findings = {paid};
        QVERIFY(findings.apply(second, {}, kNow - kDay)); // the tag came: resolved by itself

        // What Switchboard did about her, with hostile and very long words in it, and a key that slipped in.
        audit::AuditLog log(m_cache.db());
        audit::Entry intent;
        intent.actor = u"bob"_s;
        intent.action = u"circle.add_access_group"_s;
        intent.target = u"mallory@example.com → Pro members"_s;
        intent.reason = u"She wrote in <b>angry</b> "_s + kRlo + u"gnp.exe"_s + QString(10000, u'A');
        intent.outcome = audit::outcome::Pending;
        intent.subjects = {u"stripe:cus_mal"_s};
        intent.at = kNow - 2 * kDay;
        intent.request = QJsonObject{{u"access_group_id"_s, u"101"_s},
                                     {u"note"_s, QString(u"key "_s + fakeKey() + u" pasted"_s)}};
        auto stored = log.append(intent);
        QVERIFY2(stored, qPrintable(stored.error().message));
        audit::Entry done = intent;
        done.outcome = audit::outcome::Failed;
        done.intentSeq = stored.value().seq;
        done.at = kNow - 2 * kDay + 5000;
        done.request = QJsonObject{{u"message"_s, u"Circle: 422 <member not found>"_s}};
        QVERIFY(log.append(done));
        audit::Entry other;
        other.actor = u"bob"_s;
        other.action = u"note.add"_s;
        other.target = u"someone else"_s;
        other.reason = u"not about Mallory"_s;
        other.outcome = audit::outcome::Ok;
        other.subjects = {u"email:eve@example.com"_s};
        QVERIFY(log.append(other));
    }

    void cleanupTestCase() { Clock::setSource(nullptr); }

    void containsWhoStateFindingsTimelineAndActions()
    {
        audit::EvidenceSummary summary;
        const QString html = pack(m_cache.db(), m_mallory, &summary);
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        // Who, with their ids in each system.
        QVERIFY(html.contains(u"mallory@example.com"_s));
        QVERIFY(html.contains(u"cus_mal"_s));
        QVERIFY(html.contains(u"Switchboard person id"_s));
        // Where they stand.
        QVERIFY2(html.contains(u"Paid"_s) && html.contains(u"$49.00"_s), qPrintable(html.left(4000)));
        // Findings, open and past, with why and the fix plan.
        QVERIFY(html.contains(u"Paid without access"_s));
        QVERIFY(html.contains(u"Paid for Pro but not in access group &lt;Pro members&gt;"_s));
        QVERIFY(html.contains(u"The policy says Pro grants the group"_s));
        QVERIFY(html.contains(u"Add mallory@example.com to access group Pro members"_s));
        QVERIFY(html.contains(u"Paid for Pro but not tagged pro-customer"_s));
        QVERIFY(html.contains(u"resolved "_s));
        QCOMPARE(summary.findings, 2);
        // The timeline.
        QVERIFY(summary.timelineRows >= 2);
        QVERIFY(html.contains(u"Timeline ("_s));
        // The actions about her, with actor, reason and outcome; not the one about someone else.
        QCOMPARE(summary.auditEntries, 2);
        QVERIFY(html.contains(u"Circle access group added"_s));
        QVERIFY(html.contains(u">bob<"_s));
        QVERIFY(html.contains(u"She wrote in &lt;b&gt;angry&lt;/b&gt;"_s));
        QVERIFY(html.contains(u"failed"_s));
        QVERIFY(html.contains(u"Circle: 422 &lt;member not found&gt;"_s));
        QVERIFY(!html.contains(u"not about Mallory"_s));
        // The chain head it was made at: its own entry.
        QVERIFY(html.contains(summary.headHash));
        QVERIFY(html.contains(u"switchboard audit verify --head "_s + summary.headHash));
    }

    void hostileStringsAreInert()
    {
        const QString html = pack(m_cache.db(), m_mallory);
        // No markup from outside survives; the page can run nothing and load nothing.
        QVERIFY(!html.contains(u"<script"_s, Qt::CaseInsensitive));
        QVERIFY(!html.contains(u"<img"_s, Qt::CaseInsensitive));
        QVERIFY(!html.contains(u"<b>angry"_s) && !html.contains(u"<b>membership"_s));
        QVERIFY(html.contains(u"&lt;script&gt;alert(1)&lt;/script&gt;"_s));
        QVERIFY(html.contains(u"default-src 'none'"_s));
        QVERIFY(!html.contains(u"href="_s));
        // Bidi overrides and invisible characters are shown, not obeyed.
        QVERIFY(!html.contains(kRlo));
        QVERIFY(!html.contains(kZwsp));
        QVERIFY(html.contains(u"[U+202E]lmth.exe[U+200B]"_s));
        // Very long text is cut, and says so.
        QVERIFY(!html.contains(QString(3000, u'A')));
        QVERIFY(html.contains(u"more characters cut"_s));
        // A key that slipped into a request is masked.
        QVERIFY(!html.contains(fakeKey()));

        QCOMPARE(audit::inertHtml(u"<a href=\"javascript:x\">&</a>"_s),
                 u"&lt;a href=&quot;javascript:x&quot;&gt;&amp;&lt;/a&gt;"_s);
        QCOMPARE(audit::inertHtml(u"a"_s + QChar(0x2066) + u"b"_s + QChar(7) + u"c"_s),
                 u"a[U+2066]b[U+0007]c"_s);
        QVERIFY(audit::inertHtml(QString(50, u'x'), 10).startsWith(QString(10, u'x') + u" <em>"_s));
    }

    void thePackIsAudited()
    {
        audit::AuditLog log(m_cache.db());
        audit::EvidenceSummary summary;
        pack(m_cache.db(), m_mallory, &summary);
        auto head = log.head();
        QVERIFY(head && head.value());
        const audit::Entry &e = *head.value();
        QCOMPARE(e.seq, summary.seq);
        QCOMPARE(e.hash, summary.headHash);
        QCOMPARE(e.action, u"evidence.export"_s);
        QCOMPARE(e.actor, u"ana"_s);
        QCOMPARE(e.reason, u"Ticket #4411"_s);
        QCOMPARE(e.outcome, audit::outcome::Ok);
        QVERIFY(e.subjects.contains(u"stripe:cus_mal"_s));
        QVERIFY(e.subjects.contains(u"email:mallory@example.com"_s));
        QCOMPARE(e.request.value("destination"_L1).toString(), u"evidence.html"_s);
        QCOMPARE(e.request.value("person_id"_L1).toInteger(), m_mallory);
        // The chain stays whole.
        const audit::VerifyReport v = audit::verifyDatabase(m_cache.db());
        QVERIFY2(v.ok, qPrintable(v.message));
    }

    void nothingIsRecordedWhenThePersonIsUnknown()
    {
        audit::AuditLog log(m_cache.db());
        const qint64 before = log.head().value()->seq;
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        audit::EvidenceRequest request;
        request.personId = 987654;
        request.actor = u"ana"_s;
        QVERIFY(!audit::writeEvidencePack(m_cache.db(), request, &out));
        request.personId = m_mallory;
        request.actor = u"  "_s;
        QVERIFY(!audit::writeEvidencePack(m_cache.db(), request, &out));
        QCOMPARE(log.head().value()->seq, before);
        QVERIFY(out.data().isEmpty());
    }

    void fileNamesAreSafe_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        const QDate d(2026, 11, 27);
        QTest::newRow("plain") << u"Ada Lovelace"_s << u"evidence-ada-lovelace-2026-11-27.html"_s;
        QTest::newRow("accents") << u"Zoë Ångström"_s << u"evidence-zoë-ångström-2026-11-27.html"_s;
        QTest::newRow("path") << u"../../etc/passwd"_s << u"evidence-etc-passwd-2026-11-27.html"_s;
        QTest::newRow("bidi") << (u"evil"_s + kRlo + u"fdp.exe"_s)
                              << u"evidence-evil-fdp-exe-2026-11-27.html"_s;
        QTest::newRow("empty") << u"<>"_s << u"evidence-person-2026-11-27.html"_s;
        Q_UNUSED(d);
    }

    void fileNamesAreSafe()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(audit::evidenceFileName(name, QDate(2026, 11, 27)), expected);
        QVERIFY(audit::evidenceFileName(QString(500, u'x'), QDate(2026, 11, 27)).size() < 100);
    }
};

QTEST_MAIN(TestEvidencePack)
#include "tst_evidencepack.moc"
