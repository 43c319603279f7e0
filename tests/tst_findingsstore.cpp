// The findings table: what a pass opens, keeps and resolves, what a scope protects, snoozes, filters.
#include "TestUtil.h"
#include "store/FindingsStore.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;
using namespace sb::reconcile;
using store::FindingsStore;
using store::ReconcileScope;

namespace {

constexpr Millis T0 = Millis(1'790'000'000) * 1000;

qint64 person(QSqlDatabase db, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(
        u"INSERT INTO people(display_name, primary_email, email_norm, created_at) VALUES (?, '', '', 0)"_s);
    q.addBindValue(name);
    if (!q.exec())
        qFatal("insert person");
    return q.lastInsertId().toLongLong();
}

Finding finding(const QString &rule, qint64 personId, const QString &subject, Severity s = Severity::High)
{
    Finding f;
    f.rule = rule;
    f.key = rule + u'|' + subject;
    f.personId = personId;
    f.severity = s;
    f.emails = {subject + u"@example.com"_s};
    f.since = T0 - 1000;
    f.summary = u"%1 for %2"_s.arg(rule, subject);
    f.why = u"because"_s;
    f.facts = QJsonObject{{u"subject"_s, subject}};
    f.fix.append(FixStep{u"circle"_s, u"circle.add_access_group"_s, QJsonObject{{u"member_id"_s, subject}},
                         u"Add "_s + subject});
    return f;
}

ReconcileResult result(QList<Finding> findings)
{
    ReconcileResult r;
    r.findings = std::move(findings);
    return r;
}

QStringList keys(const QList<store::StoredFinding> &list)
{
    QStringList out;
    for (const auto &s : list)
        out.append(s.finding.key);
    return out;
}

} // namespace

class TestFindingsStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void openKeepResolveReopen()
    {
        test::TempCache cache;
        FindingsStore fs(cache.db());
        const qint64 ada = person(cache.db(), u"Ada"_s);
        auto d1 = fs.apply(result({finding(rule::PaidWithoutAccess, ada, u"a"_s)}), {}, T0);
        QVERIFY(d1);
        QCOMPARE(d1->opened, 1);
        QCOMPARE(d1->newlyOpened.size(), 1);
        QCOMPARE(d1->newlyOpened.first().finding.fix.first().action, u"circle.add_access_group"_s);
        const qint64 id = d1->newlyOpened.first().id;

        auto d2 = fs.apply(result({finding(rule::PaidWithoutAccess, ada, u"a"_s)}), {}, T0 + 60000);
        QCOMPARE(d2->opened, 0);
        QCOMPARE(d2->kept, 1);
        auto row = fs.byId(id).value().value();
        QCOMPARE(row.firstSeen, T0);
        QCOMPARE(row.lastSeen, T0 + 60000);
        QCOMPARE(row.personName, u"Ada"_s);
        QCOMPARE(row.finding.why, u"because"_s);
        QCOMPARE(row.finding.facts.value("subject"_L1).toString(), u"a"_s);

        auto d3 = fs.apply(result({}), {}, T0 + 120000);
        QCOMPARE(d3->resolved, 1);
        QCOMPARE(d3->open, 0);
        row = fs.byId(id).value().value();
        QCOMPARE(row.status, u"resolved"_s);
        QCOMPARE(row.resolution, u"auto"_s);
        QCOMPARE(row.resolvedAt, T0 + 120000);

        // It comes back: a new row, the old one kept as history.
        auto d4 = fs.apply(result({finding(rule::PaidWithoutAccess, ada, u"a"_s)}), {}, T0 + 180000);
        QCOMPARE(d4->opened, 1);
        QVERIFY(d4->newlyOpened.first().id != id);
        QCOMPARE(fs.byId(id).value().value().status, u"resolved"_s);
    }

    void anIncrementalPassResolvesOnlyItsPeople()
    {
        test::TempCache cache;
        FindingsStore fs(cache.db());
        const qint64 ada = person(cache.db(), u"Ada"_s);
        const qint64 bob = person(cache.db(), u"Bob"_s);
        QVERIFY(fs.apply(result({finding(rule::StaleTag, ada, u"a"_s), finding(rule::StaleTag, bob, u"b"_s),
                                 finding(rule::SyncStale, 0, u"kit"_s)}),
                         {}, T0));
        ReconcileScope onlyBob{false, {bob}, false};
        auto d = fs.apply(result({}), onlyBob, T0 + 1000);
        QCOMPARE(d->resolved, 1);
        QCOMPARE(keys(fs.list({}).value()), (QStringList{u"stale_tag|a"_s, u"sync_stale|kit"_s}));
        // sync_stale is resolved only by a pass that speaks for the syncs.
        ReconcileScope syncs{false, {}, true};
        QCOMPARE(fs.apply(result({}), syncs, T0 + 2000)->resolved, 1);
        QCOMPARE(keys(fs.list({}).value()), QStringList{u"stale_tag|a"_s});
    }

    void snoozeHidesUntilItRunsOut()
    {
        test::TempCache cache;
        FindingsStore fs(cache.db());
        const qint64 ada = person(cache.db(), u"Ada"_s);
        const auto d = fs.apply(result({finding(rule::MissingTag, ada, u"a"_s)}), {}, T0);
        const qint64 id = d->newlyOpened.first().id;
        QVERIFY(!fs.snooze(id, T0 + 3600000, u"ada"_s, u""_s)); // a reason is required
        QVERIFY(!fs.snooze(id, T0 + 3600000, u""_s, u"waiting on the customer"_s));
        QVERIFY(fs.snooze(id, T0 + 3600000, u"ada"_s, u"waiting on the customer"_s));
        QVERIFY(fs.list({}).value().isEmpty());
        QCOMPARE(fs.ofPerson(ada).value().size(), 1); // the person page still shows it
        QVERIFY(!fs.openCounts().value().contains(rule::MissingTag));

        // Still true while snoozed: stays snoozed. Past the snooze: open again, and reported as opened.
        QCOMPARE(fs.apply(result({finding(rule::MissingTag, ada, u"a"_s)}), {}, T0 + 60000)->opened, 0);
        QCOMPARE(fs.byId(id).value()->status, u"snoozed"_s);
        auto woke = fs.apply(result({finding(rule::MissingTag, ada, u"a"_s)}), {}, T0 + 3600000);
        QCOMPARE(woke->opened, 1);
        QCOMPARE(woke->newlyOpened.first().id, id);
        QCOMPARE(fs.byId(id).value()->status, u"open"_s);

        QVERIFY(fs.snooze(id, T0 + 7200000, u"ada"_s, u"again"_s));
        QVERIFY(fs.unsnooze(id, u"ada"_s, u"customer wrote back"_s));
        QCOMPARE(fs.byId(id).value()->status, u"open"_s);
        QCOMPARE(fs.byId(id).value()->statusReason, u"customer wrote back"_s);
        QVERIFY(!fs.snooze(999, T0, u"ada"_s, u"x"_s));
    }

    void filtersAndOrder()
    {
        test::TempCache cache;
        FindingsStore fs(cache.db());
        const qint64 ada = person(cache.db(), u"Ada 100%_real"_s);
        const qint64 bob = person(cache.db(), u"Bob"_s);
        const qint64 emile = person(cache.db(), u"Émile Zola"_s);
        Finding low = finding(rule::DuplicateMember, bob, u"b"_s, Severity::Low);
        Finding older = finding(rule::PaidWithoutAccess, bob, u"older"_s);
        older.since = T0 - 100000;
        QVERIFY(fs.apply(result({low, finding(rule::PaidWithoutAccess, ada, u"a"_s), older}), {}, T0));
        store::FindingFilter byName;
        QVERIFY(fs.apply(result({low, finding(rule::PaidWithoutAccess, ada, u"a"_s), older,
                                 finding(rule::DisputeOpen, emile, u"e"_s, Severity::Low)}),
                         {}, T0));
        byName.text = u"Émile"_s;
        QCOMPARE(keys(fs.list(byName).value()), QStringList{u"dispute_open|e"_s});
        QVERIFY(fs.apply(result({low, finding(rule::PaidWithoutAccess, ada, u"a"_s), older}), {}, T0));
        // Most severe first, then oldest.
        QCOMPARE(keys(fs.list({}).value()),
                 (QStringList{u"paid_without_access|older"_s, u"paid_without_access|a"_s,
                              u"duplicate_member|b"_s}));
        store::FindingFilter f;
        f.rules = {rule::DuplicateMember};
        QCOMPARE(keys(fs.list(f).value()), QStringList{u"duplicate_member|b"_s});
        f = {};
        f.minSeverity = Severity::High;
        QCOMPARE(fs.list(f).value().size(), 2);
        f = {};
        f.personId = ada;
        QCOMPARE(keys(fs.list(f).value()), QStringList{u"paid_without_access|a"_s});
        // Text is a literal substring: % and _ are not wildcards; SQL in it is just text.
        f = {};
        f.text = u"100%_r"_s;
        QCOMPARE(fs.list(f).value().size(), 1);
        f.text = u"0%r"_s;
        QCOMPARE(fs.list(f).value().size(), 0);
        f.text = u"'; DROP TABLE findings; --"_s;
        QCOMPARE(fs.list(f).value().size(), 0);
        f.text = u"OLDER@EXAMPLE"_s;
        QCOMPARE(fs.list(f).value().size(), 1);
        f = {};
        f.limit = 1;
        f.offset = 1;
        QCOMPARE(keys(fs.list(f).value()), QStringList{u"paid_without_access|a"_s});
        QCOMPARE(fs.openCounts().value().value(rule::PaidWithoutAccess), 2);
    }

    void aFindingWithoutEmailsOrSummaryIsStored()
    {
        // A sync_stale finding names no person and no address.
        test::TempCache cache;
        FindingsStore fs(cache.db());
        Finding f = finding(rule::SyncStale, 0, u"kit"_s);
        f.emails.clear();
        f.summary.clear();
        auto d = fs.apply(result({f}), {}, T0);
        QVERIFY2(d, d ? "" : qPrintable(d.error().message));
        QCOMPARE(d->opened, 1);
        QCOMPARE(d->newlyOpened.first().finding.personId, 0);
    }

    void oneLiveFindingPerKey()
    {
        test::TempCache cache;
        FindingsStore fs(cache.db());
        const qint64 ada = person(cache.db(), u"Ada"_s);
        auto d = fs.apply(
            result({finding(rule::StaleTag, ada, u"a"_s), finding(rule::StaleTag, ada, u"a"_s)}), {}, T0);
        QCOMPARE(d->opened, 1);
        QSqlQuery q(cache.db());
        // The database refuses a second live row for a key, whoever writes it.
        QVERIFY(!q.exec(u"INSERT INTO findings(rule, severity, first_seen, last_seen, finding_key)"
                        " VALUES ('stale_tag', 'low', 0, 0, 'stale_tag|a')"_s));
    }
};

QTEST_GUILESS_MAIN(TestFindingsStore)
#include "tst_findingsstore.moc"
