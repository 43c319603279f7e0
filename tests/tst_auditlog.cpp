// The audit log: the hash chain, canonical JSON, intents and outcomes, paging and filters, two writers.
#include "TestUtil.h"
#include "audit/AuditExport.h"
#include "audit/AuditLog.h"
#include "audit/AuditSql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;
using namespace sb::audit;

namespace {

constexpr Millis T0 = Millis(1'790'000'000) * 1000;

Entry make(const QString &action, const QString &actor = u"ada"_s, const QStringList &subjects = {},
           Millis at = T0, const QString &result = outcome::Ok)
{
    Entry e;
    e.actor = actor;
    e.action = action;
    e.target = u"target of "_s + action;
    e.reason = u"because"_s;
    e.request = QJsonObject{{u"n"_s, 1}};
    e.outcome = result;
    e.subjects = subjects;
    e.at = at;
    return e;
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s", qPrintable(q.lastError().text()));
    return q.value(0).toLongLong();
}

QList<qint64> seqs(const QList<Entry> &entries)
{
    QList<qint64> out;
    for (const Entry &e : entries)
        out.append(e.seq);
    return out;
}

} // namespace

class TestAuditLog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void names()
    {
        for (const ActorKind k : {ActorKind::Human, ActorKind::Sync, ActorKind::System})
            QCOMPARE(actorKindFromName(actorKindName(k)), k);
        QVERIFY(!actorKindFromName(u"robot"_s));
        QCOMPARE(emailSubject(u"ada@example.com"_s), u"email:ada@example.com"_s);
        QCOMPARE(identitySubject(u"stripe"_s, u"cus_1"_s), u"stripe:cus_1"_s);
        QCOMPARE(findingSubject(u"paid_without_access|x"_s), u"finding:paid_without_access|x"_s);
        QCOMPARE(GenesisHash.size(), 64);
    }

    void appendBuildsAChain()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        auto none = log.head();
        QVERIFY(none);
        QVERIFY(!none->has_value());
        QList<Entry> stored;
        for (int i = 0; i < 3; ++i) {
            auto e = log.append(make(u"note.add"_s));
            QVERIFY2(e, qPrintable(e.error().message));
            stored.append(e.value());
        }
        QCOMPARE(stored[0].seq, 1);
        QCOMPARE(stored[0].prevHash, GenesisHash);
        QCOMPARE(stored[1].prevHash, stored[0].hash);
        QCOMPARE(stored[2].prevHash, stored[1].hash);
        for (const Entry &e : stored)
            QCOMPARE(e.hash, entryHash(e));
        auto head = log.head();
        QVERIFY(head && head->has_value());
        QCOMPARE(head.value()->seq, 3);
        QCOMPARE(head.value()->hash, stored[2].hash);
        auto two = log.entry(2);
        QVERIFY(two && two->has_value());
        QCOMPARE(two.value()->hash, stored[1].hash);
        QCOMPARE(two.value()->request, QJsonObject({{u"n"_s, 1}}));
        QCOMPARE(two.value()->at, T0);
        QVERIFY(!log.entry(99).value().has_value());
        QVERIFY(verifyDatabase(cache.db()).ok);
    }

    void atDefaultsToNow()
    {
        test::TempCache cache;
        Clock::setSource([] { return T0 + 42; });
        auto e = AuditLog(cache.db()).append(make(u"note.add"_s, u"ada"_s, {}, 0));
        Clock::setSource(nullptr);
        QVERIFY(e);
        QCOMPARE(e->at, T0 + 42);
    }

    void canonicalJsonIsStable()
    {
        // Checked against Python: json.dumps(o, sort_keys=True, separators=(',', ':'), ensure_ascii=False).
        Entry e;
        e.seq = 1;
        e.at = 1790000000000;
        e.actor = u"ada@example.com"_s;
        e.actorKind = ActorKind::Human;
        e.action = u"circle.add_access_group"_s;
        e.target = u"ada@example.com → Pro members"_s;
        e.reason = u"Paid, no \"access\"\n"_s;
        e.request = QJsonObject{
            {u"member_id"_s, u"123"_s}, {u"access_group"_s, 101}, {u"amount"_s, -12.5}, {u"note"_s, u"ü😀"_s}};
        e.outcome = outcome::Pending;
        e.subjects = {u"email:ada@example.com"_s, u"circle:123"_s};
        e.prevHash = GenesisHash;
        const QByteArray expected =
            u"{\"action\":\"circle.add_access_group\",\"actor\":\"ada@example.com\",\"actor_kind\":\"human\","
            "\"at\":1790000000000,\"intent_seq\":0,\"outcome\":\"pending\",\"prev_hash\":\""
            "0000000000000000000000000000000000000000000000000000000000000000\",\"reason\":\"Paid, no "
            "\\\"access\\\"\\n\",\"request\":{\"access_group\":101,\"amount\":-12.5,\"member_id\":\"123\","
            "\"note\":\"ü😀\"},\"seq\":1,\"subjects\":[\"email:ada@example.com\",\"circle:123\"],"
            "\"target\":\"ada@example.com → Pro members\"}"_s.toUtf8();
        QCOMPARE(canonicalJson(e), expected);
        QCOMPARE(entryHash(e), u"089c8481120ad6e0c8c061bf8d639435c73474b678fc5bb285c710439481daa6"_s);
        // The hash does not cover itself, and a stored entry hashes the same after reading it back.
        e.hash = u"x"_s;
        QCOMPARE(entryHash(e), u"089c8481120ad6e0c8c061bf8d639435c73474b678fc5bb285c710439481daa6"_s);
        test::TempCache cache;
        AuditLog log(cache.db());
        e.hash.clear();
        auto stored = log.append(e);
        QVERIFY(stored);
        QCOMPARE(stored->hash, u"089c8481120ad6e0c8c061bf8d639435c73474b678fc5bb285c710439481daa6"_s);
        QCOMPARE(entryHash(log.entry(1).value().value()), stored->hash);
        // Large integers stay integers.
        e.request.insert(u"big"_s, qint64(9007199254740993));
        QVERIFY(canonicalJson(e).contains("\"big\":9007199254740993"));
    }

    // Verification builds the canonical bytes straight from a row's text; they must be the very bytes the
    // parsed entry gives, whatever the strings hold (else every such entry takes the slow path).
    void theFastCanonicalFormEqualsTheParsedOne()
    {
        test::TempCache cache;
        audit::AuditLog log(cache.db());
        const QStringList hostile{u"plain"_s,
                                  u"quote \" and backslash \\ and slash /"_s,
                                  u"tab\tnewline\ncr\rbell\x07nul-free\x01\x1f del\x7f"_s,
                                  u"=cmd|' /C calc'!A0"_s,
                                  u"emoji 🎉 RTL \u202Eevil\u202C zero\u200Bwidth ﬁ é"_s,
                                  u"日本語のメモ"_s,
                                  QString(2000, u'x')};
        for (const QString &text : hostile) {
            audit::Entry e;
            e.actor = text;
            e.action = u"note.add"_s;
            e.target = text;
            e.reason = text;
            e.outcome = audit::outcome::Ok;
            e.request = QJsonObject{{u"text"_s, text},
                                    {u"n"_s, 12345678901234LL},
                                    {u"f"_s, 1.5},
                                    {u"nested"_s, QJsonObject{{u"z"_s, true}, {u"a"_s, QJsonValue::Null}}}};
            e.subjects = {u"email:"_s + text};
            QVERIFY(log.append(e));
        }
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT "_s + audit::detail::kEntryColumns + u" FROM audit_log ORDER BY seq"_s));
        int rows = 0;
        while (q.next()) {
            QCOMPARE(audit::detail::canonicalJsonOfRow(q), audit::canonicalJson(audit::detail::readEntry(q)));
            QVERIFY(audit::detail::rowHashMatches(q));
            ++rows;
        }
        QCOMPARE(rows, hostile.size());
        QVERIFY(audit::verifyDatabase(cache.db()).ok);
    }

    // JSON text that parses to the hashed value but is not what was written is an edit.
    void storedJsonMustBeAsWritten()
    {
        test::TempCache cache;
        audit::AuditLog log(cache.db());
        audit::Entry e;
        e.actor = u"ana"_s;
        e.action = u"note.add"_s;
        e.outcome = audit::outcome::Ok;
        QVERIFY(log.append(e));
        QVERIFY(log.append(e));
        QVERIFY(audit::verifyDatabase(cache.db()).ok);
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"DROP TRIGGER audit_log_no_update"_s));
        QVERIFY(q.exec(u"UPDATE audit_log SET request_json = 'Refund of $500 approved by the CFO',"
                       " subjects = 'tampered' WHERE seq = 1"_s));
        const audit::VerifyReport r = audit::verifyDatabase(cache.db());
        QVERIFY(!r.ok);
        QCOMPARE(r.firstBadSeq, 1);
        QCOMPARE(r.problem, u"edited"_s);
    }

    void appendWithinTheCallersTransaction()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"BEGIN IMMEDIATE"_s));
        QVERIFY(log.appendWithin(make(u"comp.grant"_s)));
        QVERIFY(log.appendWithin(make(u"comp.grant"_s)));
        QVERIFY(q.exec(u"ROLLBACK"_s));
        QCOMPARE(log.count({}).value(), 0);
        QVERIFY(q.exec(u"BEGIN IMMEDIATE"_s));
        auto a = log.appendWithin(make(u"comp.grant"_s, u"ada"_s, {u"email:a@x.org"_s}));
        auto b = log.appendWithin(make(u"note.add"_s));
        QVERIFY(a && b);
        QCOMPARE(b->prevHash, a->hash);
        QVERIFY(q.exec(u"COMMIT"_s));
        QCOMPARE(log.count({}).value(), 2);
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM audit_subjects"_s), 1);
        QVERIFY(verifyDatabase(cache.db()).ok);
    }

    void badEntriesAreRefused()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        Entry e = make(u"note.add"_s, u""_s);
        QCOMPARE(log.append(e).error().kind, ErrorKind::Usage);
        e = make(u""_s);
        QCOMPARE(log.append(e).error().kind, ErrorKind::Usage);
        e = make(u"note.add"_s);
        e.outcome = u"maybe"_s;
        QCOMPARE(log.append(e).error().kind, ErrorKind::Usage);
        e = make(u"note.add"_s);
        e.intentSeq = 7; // no such intent
        QCOMPARE(log.append(e).error().kind, ErrorKind::Usage);
        QCOMPARE(log.count({}).value(), 0);
        // A refused entry inside append leaves no transaction open.
        QVERIFY(log.append(make(u"note.add"_s)));
    }

    void triggersRefuseUpdateAndDelete()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        QVERIFY(log.append(make(u"note.add"_s)));
        QSqlQuery q(cache.db());
        QVERIFY(!q.exec(u"UPDATE audit_log SET reason = 'nothing happened'"_s));
        QVERIFY(q.lastError().text().contains(u"append-only"_s));
        QVERIFY(!q.exec(u"DELETE FROM audit_log"_s));
        QCOMPARE(log.count({}).value(), 1);
        QVERIFY(verifyDatabase(cache.db()).ok);
    }

    void intentsOutcomesAndUnknown()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        const QStringList who = {u"email:ada@example.com"_s, u"circle:7"_s};
        auto a = log.append(make(u"circle.add_access_group"_s, u"ada"_s, who, T0, outcome::Pending));
        auto b = log.append(make(u"kit.add_tag"_s, u"ada"_s, who, T0, outcome::Pending));
        QVERIFY(a && b);
        Entry done = make(u"kit.add_tag"_s, u"ada"_s, who, T0 + 1, outcome::Ok);
        done.intentSeq = b->seq;
        QVERIFY(log.append(done));
        // One outcome per intent, and an outcome cannot point at a non-intent.
        QCOMPARE(log.append(done).error().kind, ErrorKind::Usage);
        Entry wrong = make(u"x.y"_s);
        wrong.intentSeq = 3;
        QCOMPARE(log.append(wrong).error().kind, ErrorKind::Usage);

        auto pending = log.pendingIntents();
        QVERIFY(pending);
        QCOMPARE(seqs(pending.value()), QList<qint64>{a->seq});
        QCOMPARE(log.outcomeOf(b->seq).value().value().outcome, outcome::Ok);
        QVERIFY(!log.outcomeOf(a->seq).value().has_value());

        auto marked = log.markUnknown();
        QVERIFY(marked);
        QCOMPARE(marked.value(), 1);
        const Entry unknown = log.outcomeOf(a->seq).value().value();
        QCOMPARE(unknown.outcome, outcome::Unknown);
        QCOMPARE(unknown.actor, u"switchboard"_s);
        QCOMPARE(unknown.actorKind, ActorKind::System);
        QCOMPARE(unknown.action, a->action);
        QCOMPARE(unknown.target, a->target);
        QCOMPARE(unknown.subjects, who);
        QCOMPARE(unknown.intentSeq, a->seq);
        QCOMPARE(unknown.reason, u"The console stopped before the outcome was recorded"_s);
        QVERIFY(log.pendingIntents().value().isEmpty());
        QCOMPARE(log.markUnknown().value(), 0);
        QVERIFY(verifyDatabase(cache.db()).ok);
    }

    void listPagesNewestFirstWithEveryFilter()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        // 24 entries: actors alternate, actions cycle, one minute apart, subjects per person.
        const QStringList actions = {u"circle.add_access_group"_s, u"circle.remove_space"_s, u"kit.add_tag"_s,
                                     u"circles.other"_s};
        for (int i = 0; i < 24; ++i) {
            const QString person = i % 3 == 0 ? u"email:ada@example.com"_s : u"email:bob@example.com"_s;
            QStringList subjects{person};
            if (i == 5)
                subjects.append(u"stripe:cus_5"_s);
            QVERIFY(
                log.append(make(actions.at(i % 4), i % 2 ? u"bob"_s : u"ada"_s, subjects, T0 + i * 60000)));
        }
        // Paging.
        auto p1 = log.list({}, 0, 10);
        QVERIFY(p1);
        QCOMPARE(p1->size(), 10);
        QCOMPARE(p1->first().seq, 24);
        QCOMPARE(p1->last().seq, 15);
        auto p2 = log.list({}, p1->last().seq, 10);
        QCOMPARE(p2->first().seq, 14);
        auto p3 = log.list({}, p2.value().last().seq, 10);
        QCOMPARE(p3->size(), 4);
        QCOMPARE(p3->last().seq, 1);
        QCOMPARE(log.list({}, 0, 0)->size(), 24);

        Filter f;
        f.since = T0 + 10 * 60000;
        f.until = T0 + 20 * 60000;
        QCOMPARE(seqs(log.list(f, 0, 100).value()).first(), 20);
        QCOMPARE(log.count(f).value(), 10);

        f = {};
        f.actor = u"bob"_s;
        QCOMPARE(log.count(f).value(), 12);
        for (const Entry &e : QList<Entry>(log.list(f, 0, 100).value()))
            QCOMPARE(e.actor, u"bob"_s);

        f = {};
        f.action = u"circle."_s; // a prefix: not "circles.other"
        QCOMPARE(log.count(f).value(), 12);
        for (const Entry &e : QList<Entry>(log.list(f, 0, 100).value()))
            QVERIFY(e.action.startsWith(u"circle."_s));
        f.action = u"kit.add_tag"_s;
        QCOMPARE(log.count(f).value(), 6);
        f.action = u"kit.add"_s; // exact unless it ends in '.'
        QCOMPARE(log.count(f).value(), 0);

        f = {};
        f.subjects = {u"email:ada@example.com"_s};
        QCOMPARE(log.count(f).value(), 8);
        f.subjects = {u"stripe:cus_5"_s, u"email:ada@example.com"_s};
        QCOMPARE(log.count(f).value(), 9);
        QCOMPARE(seqs(log.list(f, 0, 2).value()), (QList<qint64>{22, 19}));

        f.maxSeq = 6;
        QCOMPARE(seqs(log.list(f, 0, 100).value()), (QList<qint64>{6, 4, 1}));

        // Combined.
        f = {};
        f.actor = u"ada"_s;
        f.action = u"circle."_s;
        f.subjects = {u"email:ada@example.com"_s};
        f.since = T0;
        for (const Entry &e : QList<Entry>(log.list(f, 0, 100).value())) {
            QCOMPARE(e.actor, u"ada"_s);
            QVERIFY(e.action.startsWith(u"circle."_s));
            QVERIFY(e.subjects.contains(u"email:ada@example.com"_s));
        }
        QCOMPARE(log.count(f).value(), 2);

        QCOMPARE(log.actors().value(), (QStringList{u"ada"_s, u"bob"_s}));
        QCOMPARE(log.actions().value().size(), 4);
    }

    void subjectsAreASetFoundByIndex()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        auto e = log.append(make(u"identity.link"_s, u"ada"_s,
                                 {u"email:a@x.org"_s, u""_s, u"stripe:cus_1"_s, u"email:a@x.org"_s}));
        QVERIFY(e);
        QCOMPARE(e->subjects, (QStringList{u"email:a@x.org"_s, u"stripe:cus_1"_s}));
        QCOMPARE(scalar(cache.db(), u"SELECT count(*) FROM audit_subjects WHERE seq = 1"_s), 2);
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"SELECT subjects FROM audit_log WHERE seq = 1"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"[\"email:a@x.org\",\"stripe:cus_1\"]"_s);
        // The person lookup is an index search, not a scan of the log.
        QVERIFY(q.exec(
            u"EXPLAIN QUERY PLAN SELECT seq FROM audit_subjects WHERE subject IN ('email:a@x.org')"_s));
        QString plan;
        while (q.next())
            plan += q.value(3).toString() + u'\n';
        QVERIFY2(plan.contains(u"USING"_s) && plan.contains(u"INDEX"_s), qPrintable(plan));
    }

    void twoConnectionsKeepOneChain()
    {
        test::TempCache cache;
        auto other = store::Connection::open(cache.path(), u"second"_s);
        QVERIFY(other);
        AuditLog first(cache.db());
        AuditLog second(other.value()->db());
        for (int i = 0; i < 20; ++i) {
            QVERIFY(first.append(make(u"note.add"_s, u"ada"_s)));
            QVERIFY(second.append(make(u"note.add"_s, u"bob"_s)));
        }
        const VerifyReport r = verifyDatabase(cache.db());
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.entries, 40);
        QCOMPARE(r.headSeq, 40);
        QCOMPARE(first.head().value().value().actor, u"bob"_s);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
