// Integration: override actions against the sandbox over loopback, through the sync worker as the console
// runs them. Read-only by default; fix plans applied end to end (the finding resolves because what the
// provider showed is recorded at once); a second apply and a double click change nothing remotely; a crash
// between intent and outcome is visible as "unknown" and a retry does not apply twice; a provider's refusal
// is recorded in its words; local actions (comps, notes, finding decisions, identity links) are audited.
#include "Sandbox.h"
#include "SandboxWorlds.h"
#include "TestUtil.h"
#include "actions/Action.h"
#include "actions/ActionRunner.h"
#include "actions/LocalActions.h"
#include "audit/AuditLog.h"
#include "common/Config.h"
#include "reconcile/Policy.h"
#include "store/FindingsStore.h"
#include "sync/ReconcilePass.h"
#include "sync/SyncEngine.h"

#include <QJsonArray>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

QJsonObject world()
{
    return test::actionsWorld();
}

// A sandbox with the world above, a cache, and the sync worker the console would run.
struct Env : test::SyncedSandbox {
    Env()
        : SyncedSandbox(world())
    {}

    actions::BatchReport apply(const QList<actions::Action> &list,
                               const actions::Who &who = {u"ana"_s, u"ticket 42"_s})
    {
        QSignalSpy done(worker.get(), &sync::SyncWorker::actionsFinished);
        worker->runActions(list, who);
        if (!done.wait(60000))
            qFatal("actions did not finish");
        return done.first().first().value<actions::BatchReport>();
    }

    QList<store::StoredFinding> open(const QString &rule = {})
    {
        store::FindingFilter f;
        f.limit = 1000;
        if (!rule.isEmpty())
            f.rules = {rule};
        auto list = store::FindingsStore(cache.db()).list(f);
        return list ? list.value() : QList<store::StoredFinding>{};
    }

    // The fix plan of every open finding of these rules, as actions (but those about `except`).
    QList<actions::Action> fixesFor(const QStringList &rules, const QString &except = {})
    {
        QList<actions::Action> out;
        for (const store::StoredFinding &s : open()) {
            if (!rules.contains(s.finding.rule) || s.finding.emails.contains(except))
                continue;
            for (const reconcile::FixStep &step : s.finding.fix)
                out.append(actions::Action::fromFixStep(step, s.id, s.finding.key));
        }
        return out;
    }

    qint64 auditCount()
    {
        QSqlQuery q(cache.db());
        q.exec(u"SELECT count(*) FROM audit_log WHERE action <> 'policy.change'"_s); // the world's policy
        q.next();
        return q.value(0).toLongLong();
    }
};

actions::Action addToGroup(const QString &email, int group = 101)
{
    actions::Action a;
    a.name = actions::name::CircleAddAccessGroup;
    a.params = QJsonObject{{u"email"_s, email}, {u"access_group_id"_s, QString::number(group)}};
    a.description = u"Add %1 to access group %2"_s.arg(email).arg(group);
    return a;
}

const QStringList kRemoteRules{u"paid_without_access"_s, u"access_without_payment"_s, u"missing_tag"_s,
                               u"stale_tag"_s, u"duplicate_member"_s};

} // namespace

class TestActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plannedCallsAreExact()
    {
        const QList<actions::PlannedCall> calls = actions::plannedCalls(addToGroup(u"a+b@example.com"_s));
        QCOMPARE(calls.size(), 3);
        QCOMPARE(calls.at(0).method, u"GET"_s);
        QCOMPARE(calls.at(0).path,
                 u"/api/admin/v2/access_groups/101/community_member?email=a%2Bb%40example.com"_s);
        QCOMPARE(calls.at(1).method, u"POST"_s);
        QCOMPARE(calls.at(1).path, u"/api/admin/v2/access_groups/101/community_members"_s);
        QVERIFY(actions::plannedCalls(actions::Action{actions::name::NoteAdd, {}, {}, 0, {}}).isEmpty());
        // Plans carry ids as digit strings: the preview names the real group and space.
        const actions::Action invite{actions::name::CircleInvite,
                                     {{u"email"_s, u"cy@example.com"_s},
                                      {u"access_groups"_s, QJsonArray{u"101"_s}},
                                      {u"spaces"_s, QJsonArray{201}}},
                                     {},
                                     0,
                                     {}};
        QStringList paths;
        for (const actions::PlannedCall &c : actions::plannedCalls(invite))
            paths.append(c.method + u' ' + c.path);
        QVERIFY2(paths.contains(u"POST /api/admin/v2/access_groups/101/community_members"_s),
                 qPrintable(paths.join(u'\n')));
        QVERIFY(paths.contains(u"GET /api/admin/v2/space_member?email=cy%40example.com&space_id=201"_s));

        actions::Action broken = addToGroup(u"ada@example.com"_s);
        broken.params.remove(u"access_group_id"_s);
        const Status s = actions::validate(broken);
        QVERIFY(!s);
        QVERIFY(s.error().message.contains(u"access_group_id"_s));
        QVERIFY(!actions::validate(actions::Action{u"stripe.refund"_s, {}, {}, 0, {}}));
        // Ids go into paths: nothing but digits.
        actions::Action sneaky = addToGroup(u"ada@example.com"_s);
        sneaky.params.insert(u"access_group_id"_s, u"101/../../community_members/5"_s);
        QVERIFY(!actions::validate(sneaky));
        actions::Action sneakyInvite{
            actions::name::CircleInvite,
            {{u"email"_s, u"a@example.com"_s}, {u"access_groups"_s, QJsonArray{u"1?x=2"_s}}},
            {},
            0,
            {}};
        QVERIFY(!actions::validate(sneakyInvite));
    }

    void readOnlyByDefaultAndActorAndReasonRequired()
    {
        Env env;
        QVERIFY(env.syncAll());
        actions::BatchReport r = env.apply({addToGroup(u"ada@example.com"_s)});
        QCOMPARE(r.results.size(), 1);
        QCOMPARE(r.results.first().outcome, actions::RefusedOutcome);
        QVERIFY(r.results.first().message.contains(u"read-only"_s));

        env.worker->setWritesUnlocked(true);
        r = env.apply({addToGroup(u"ada@example.com"_s)}, {u"ana"_s, u"  "_s});
        QCOMPARE(r.results.first().outcome, actions::RefusedOutcome);
        r = env.apply({addToGroup(u"ada@example.com"_s)}, {QString(), u"ticket"_s});
        QCOMPARE(r.results.first().outcome, actions::RefusedOutcome);
        QCOMPARE(env.sb.circleWriteCount(), 0);
        QCOMPARE(env.auditCount(), 0);
    }

    void fixPlansApplyAndTheFindingsResolve()
    {
        Env env;
        QVERIFY(env.syncAll());
        for (const QString &rule : kRemoteRules)
            QVERIFY2(!env.open(rule).isEmpty(), qPrintable(rule));
        // frank+shop's payment is frank's: linking comes first (another test), so his findings wait.
        const QList<actions::Action> fixes = env.fixesFor(kRemoteRules, u"frank+shop@example.com"_s);
        env.worker->setWritesUnlocked(true);
        const actions::BatchReport report = env.apply(fixes);
        QCOMPARE(report.results.size(), fixes.size());
        for (const actions::ActionResult &r : report.results) {
            QVERIFY2(r.outcome == audit::outcome::Ok,
                     qPrintable(r.action.name + u": "_s + r.outcome + u" "_s + r.message));
            QVERIFY(r.intentSeq > 0 && r.outcomeSeq > r.intentSeq);
            QVERIFY(!r.calls.isEmpty());
        }
        // Circle: ada to the group, bob out of it, cy invited and added, dee's extra member deactivated.
        QCOMPARE(env.sb.circleWriteCount(), 5);
        // Kit: ada tagged, bob untagged, cy added, tagged and started on the sequence.
        QCOMPARE(env.sb.kitWriteCount(), 5);

        // The batch's own pass saw what the providers showed: every finding it fixed is resolved.
        for (const QString &rule : kRemoteRules) {
            QStringList left;
            for (const store::StoredFinding &s : env.open(rule))
                left += s.finding.emails;
            left.removeAll(u"frank+shop@example.com"_s);
            QVERIFY2(left.isEmpty(), qPrintable(rule + u": "_s + left.join(u", "_s)));
        }
        // The timeline shows the effect: ada's addition to the group, observed now.
        QSqlQuery q(env.cache.db());
        q.exec(
            u"SELECT count(*) FROM timeline t JOIN identities i ON i.person_id = t.person_id"
            " WHERE i.email_norm = 'ada@example.com' AND t.provider = 'circle' AND t.summary LIKE '%Pro members%'"_s);
        QVERIFY(q.next());
        QVERIFY(q.value(0).toInt() >= 1);

        // Every intent has its outcome; the entries name actor, reason and the people.
        audit::AuditLog log(env.cache.db());
        QVERIFY(log.pendingIntents().value().isEmpty());
        QCOMPARE(env.auditCount(), 2 * fixes.size());
        audit::Filter ada;
        ada.subjects = {audit::emailSubject(u"ada@example.com"_s)};
        const QList<audit::Entry> entries = log.list(ada, 0, 100).value();
        QCOMPARE(entries.size(), 4); // two actions, intent and outcome each
        for (const audit::Entry &e : entries) {
            QCOMPARE(e.actor, u"ana"_s);
            QCOMPARE(e.reason, u"ticket 42"_s);
            QCOMPARE(e.actorKind, audit::ActorKind::Human);
        }

        // Applying the same plans again re-reads, finds everything done, and writes nothing.
        const actions::BatchReport again = env.apply(fixes);
        for (const actions::ActionResult &r : again.results)
            QVERIFY2(r.outcome == audit::outcome::Noop, qPrintable(r.action.name + u": "_s + r.outcome));
        QCOMPARE(env.sb.circleWriteCount(), 5);
        QCOMPARE(env.sb.kitWriteCount(), 5);
    }

    // Every remote action: applied once (one remote change, the cache shows it), then a no-op.
    void everyActionAppliesOnceThenIsANoop()
    {
        Env env;
        QVERIFY(env.syncAll());
        env.worker->setWritesUnlocked(true);
        auto memberships = [&env](const QString &email, const QString &containerKind,
                                  const QString &containerId) {
            QSqlQuery q(env.cache.db());
            q.prepare(u"SELECT count(*) FROM memberships m JOIN identities i ON i.person_id = m.person_id"
                      " AND i.provider = m.provider AND i.external_id = m.member_id"
                      " WHERE i.email_norm = ? AND m.container_kind = ? AND m.container_id = ?"_s);
            q.addBindValue(email);
            q.addBindValue(containerKind);
            q.addBindValue(containerId);
            q.exec();
            q.next();
            return q.value(0).toInt();
        };
        auto circleId = [&env](const QString &email) {
            QSqlQuery q(env.cache.db());
            q.prepare(u"SELECT external_id FROM identities WHERE provider = 'circle' AND email = ?"_s);
            q.addBindValue(email);
            q.exec();
            return q.next() ? q.value(0).toString() : QString();
        };
        struct Case {
            QString name;
            QJsonObject params;
            QString provider;
            QString email, containerKind, containerId;
            int after; // memberships of the container after the action
        };
        const QList<Case> cases{
            {actions::name::CircleAddSpace,
             {{u"email"_s, u"ada@example.com"_s}, {u"space_id"_s, u"201"_s}},
             u"circle"_s,
             u"ada@example.com"_s,
             u"space"_s,
             u"201"_s,
             1},
            {actions::name::CircleRemoveSpace,
             {{u"email"_s, u"ada@example.com"_s}, {u"space_id"_s, u"201"_s}},
             u"circle"_s,
             u"ada@example.com"_s,
             u"space"_s,
             u"201"_s,
             0},
            {actions::name::CircleRemoveAccessGroup,
             {{u"email"_s, u"bob@example.com"_s},
              {u"access_group_id"_s, u"101"_s},
              {u"member_id"_s, circleId(u"bob@example.com"_s)}},
             u"circle"_s,
             u"bob@example.com"_s,
             u"access_group"_s,
             u"101"_s,
             0},
            {actions::name::KitAddToSequence,
             {{u"email"_s, u"ada@example.com"_s}, {u"sequence_id"_s, u"601"_s}},
             u"kit"_s,
             u"ada@example.com"_s,
             u"sequence"_s,
             u"601"_s,
             1},
            {actions::name::KitAddTag,
             {{u"email"_s, u"ada@example.com"_s}, {u"tag_id"_s, u"501"_s}},
             u"kit"_s,
             u"ada@example.com"_s,
             u"tag"_s,
             u"501"_s,
             1},
            {actions::name::KitRemoveTag,
             {{u"email"_s, u"bob@example.com"_s}, {u"tag_id"_s, u"501"_s}},
             u"kit"_s,
             u"bob@example.com"_s,
             u"tag"_s,
             u"501"_s,
             0},
            {actions::name::CircleInvite,
             {{u"email"_s, u"zed@example.com"_s},
              {u"name"_s, u"Zed"_s},
              {u"access_groups"_s, QJsonArray{101}},
              {u"spaces"_s, QJsonArray{201}}},
             u"circle"_s,
             u"zed@example.com"_s,
             u"access_group"_s,
             u"101"_s,
             1},
            {actions::name::KitUnsubscribe, {{u"email"_s, u"ada@example.com"_s}}, u"kit"_s, {}, {}, {}, 0},
            {actions::name::CircleDeactivate,
             {{u"member_id"_s, circleId(u"dee@example.com"_s)}},
             u"circle"_s,
             {},
             {},
             {},
             0},
        };
        for (const Case &c : cases) {
            const actions::Action a{c.name, c.params, c.name, 0, {}};
            auto writes = [&] {
                return c.provider == "circle"_L1 ? env.sb.circleWriteCount() : env.sb.kitWriteCount();
            };
            const qint64 before = writes();
            const actions::ActionResult first = env.apply({a}).results.first();
            QVERIFY2(first.outcome == audit::outcome::Ok,
                     qPrintable(c.name + u": "_s + first.outcome + u" "_s + first.message));
            QVERIFY2(writes() > before, qPrintable(c.name));
            const qint64 changed = writes();
            const actions::ActionResult second = env.apply({a}).results.first();
            QVERIFY2(second.outcome == audit::outcome::Noop,
                     qPrintable(c.name + u": "_s + second.outcome + u" "_s + second.message));
            QCOMPARE(writes(), changed);
            if (!c.email.isEmpty())
                QVERIFY2(memberships(c.email, c.containerKind, c.containerId) == c.after, qPrintable(c.name));
        }
        // The member and subscriber states reached the cache too.
        QSqlQuery q(env.cache.db());
        q.exec(u"SELECT json FROM raw_objects WHERE provider = 'kit' AND kind = 'subscriber'"
               " AND json LIKE '%ada@example.com%'"_s);
        QVERIFY(q.next());
        QVERIFY(q.value(0).toString().contains(u"\"cancelled\""_s));
        // zed was invited with the group and the space: three writes, and a member in the cache.
        QVERIFY(!circleId(u"zed@example.com"_s).isEmpty());
        QCOMPARE(memberships(u"zed@example.com"_s, u"space"_s, u"201"_s), 1);
    }

    void aDoubleClickMakesOneChange()
    {
        Env env;
        QVERIFY(env.syncAll());
        env.worker->setWritesUnlocked(true);
        QSignalSpy batches(env.worker.get(), &sync::SyncWorker::actionsFinished);
        env.worker->runActions({addToGroup(u"ada@example.com"_s)}, {u"ana"_s, u"ticket"_s});
        env.worker->runActions({addToGroup(u"ada@example.com"_s)}, {u"ana"_s, u"ticket"_s});
        QTRY_COMPARE_WITH_TIMEOUT(batches.size(), 2, 30000);
        int applied = 0;
        for (const auto &args : std::as_const(batches))
            applied += args.first().value<actions::BatchReport>().count(audit::outcome::Ok);
        QCOMPARE(applied, 1);
        QCOMPARE(env.sb.circleWriteCount(), 1);
        // A replay after it finished re-reads and does nothing.
        QCOMPARE(env.apply({addToGroup(u"ada@example.com"_s)}).results.first().outcome, audit::outcome::Noop);
        QCOMPARE(env.sb.circleWriteCount(), 1);
    }

    void aCrashBetweenIntentAndOutcomeIsVisibleAndARetryDoesNotApplyTwice()
    {
        Env env;
        QVERIFY(env.syncAll());
        // As if the console wrote its intent, made the call, and died before the outcome.
        const actions::Action a = addToGroup(u"ada@example.com"_s);
        audit::Entry intent = actions::entryFor(env.cache.db(), a, {u"ana"_s, u"ticket"_s});
        intent.outcome = audit::outcome::Pending;
        const auto written = audit::AuditLog(env.cache.db()).append(intent);
        QVERIFY(written);
        {
            QNetworkAccessManager nam;
            QNetworkRequest req(
                env.sb.baseUrl().resolved(QUrl(u"/api/admin/v2/access_groups/101/community_members"_s)));
            req.setRawHeader("Authorization", "Token circle_sandbox");
            req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            QNetworkReply *reply = nam.post(req, R"({"email":"ada@example.com"})");
            QSignalSpy done(reply, &QNetworkReply::finished);
            QVERIFY(done.wait(10000));
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            reply->deleteLater();
        }
        QCOMPARE(env.sb.circleWriteCount(), 1);

        // While another process applies actions to this cache (it holds the lock), a start-up leaves that
        // process's intents alone, and this one cannot apply actions.
        {
            QLockFile other(env.cache.path() + u".actions-lock"_s);
            QVERIFY(other.tryLock(0));
            env.worker = std::make_unique<sync::SyncWorker>(env.config);
            env.worker->setWritesUnlocked(true);
            QCOMPARE(audit::AuditLog(env.cache.db()).pendingIntents().value().size(), 1);
            const actions::BatchReport refused = env.apply({a});
            QCOMPARE(refused.results.first().outcome, actions::RefusedOutcome);
            QVERIFY(refused.results.first().message.contains(u"Another Switchboard"_s));
        }

        // The next session starts: the gap is recorded as unknown before anything else.
        env.worker = std::make_unique<sync::SyncWorker>(env.config);
        env.worker->setWritesUnlocked(true);
        audit::AuditLog log(env.cache.db());
        QVERIFY(log.pendingIntents().value().isEmpty());
        const auto unknown = log.outcomeOf(written->seq).value();
        QVERIFY(unknown.has_value());
        QCOMPARE(unknown->outcome, audit::outcome::Unknown);
        QCOMPARE(unknown->actorKind, audit::ActorKind::System);

        // The human retries: the re-read finds it done.
        const actions::BatchReport retry = env.apply({a});
        QCOMPARE(retry.results.first().outcome, audit::outcome::Noop);
        QCOMPARE(env.sb.circleWriteCount(), 1);
    }

    void theProvidersRefusalIsRecordedInItsWords()
    {
        Env env;
        QVERIFY(env.syncAll());
        env.worker->setWritesUnlocked(true);
        const actions::BatchReport r = env.apply({addToGroup(u"ada@example.com"_s, 999)});
        QCOMPARE(r.results.first().outcome, audit::outcome::Failed);
        QVERIFY2(r.results.first().message.contains(u"Circle"_s), qPrintable(r.results.first().message));
        const auto outcome = audit::AuditLog(env.cache.db()).outcomeOf(r.results.first().intentSeq).value();
        QVERIFY(outcome.has_value());
        QCOMPARE(outcome->outcome, audit::outcome::Failed);
        QCOMPARE(outcome->request.value(u"message"_s).toString(), r.results.first().message);
        QCOMPARE(env.sb.circleWriteCount(), 0);

        // Kit: tagging an address Kit does not know fails before any write.
        actions::Action tag;
        tag.name = actions::name::KitAddTag;
        tag.params = QJsonObject{{u"email"_s, u"nobody@example.com"_s}, {u"tag_id"_s, u"501"_s}};
        const actions::BatchReport k = env.apply({tag});
        QCOMPARE(k.results.first().outcome, audit::outcome::Failed);
        QVERIFY(k.results.first().message.contains(u"no subscriber"_s));
        QCOMPARE(env.sb.kitWriteCount(), 0);
    }

    void localActionsAreAudited()
    {
        Env env;
        QVERIFY(env.syncAll());
        env.worker->setWritesUnlocked(true);
        const actions::Who who{u"ana"_s, u"founder's friend"_s};

        actions::Action comp{actions::name::CompGrant,
                             {{u"email"_s, u"Bob@Example.com"_s}, {u"product_key"_s, u"price_pro_monthly"_s}},
                             {},
                             0,
                             {}};
        QCOMPARE(env.apply({comp}, who).results.first().outcome, audit::outcome::Ok);
        QCOMPARE(env.apply({comp}, who).results.first().outcome, audit::outcome::Noop);
        // The comp entitles bob: his access is no longer a disagreement, and his tag is not stale.
        QVERIFY(env.open(u"access_without_payment"_s).isEmpty());
        QVERIFY(env.open(u"stale_tag"_s).isEmpty());

        actions::Action note{actions::name::NoteAdd,
                             {{u"email"_s, u"ada@example.com"_s}, {u"text"_s, u"Called her"_s}},
                             {},
                             0,
                             {}};
        QCOMPARE(env.apply({note}, who).results.first().outcome, audit::outcome::Ok);

        const store::StoredFinding dup = env.open(u"duplicate_member"_s).value(0);
        QVERIFY(dup.id > 0);
        actions::Action snooze{actions::name::FindingSnooze,
                               {{u"finding_id"_s, dup.id}, {u"until"_s, Clock::now() + 3600 * 1000}},
                               {},
                               0,
                               {}};
        QCOMPARE(env.apply({snooze}, who).results.first().outcome, audit::outcome::Ok);
        QCOMPARE(store::FindingsStore(env.cache.db()).byId(dup.id).value()->status, u"snoozed"_s);
        actions::Action resolve{actions::name::FindingResolve, {{u"finding_id"_s, dup.id}}, {}, 0, {}};
        QCOMPARE(env.apply({resolve}, who).results.first().outcome, audit::outcome::Ok);
        const auto resolved = store::FindingsStore(env.cache.db()).byId(dup.id).value();
        QCOMPARE(resolved->status, u"resolved"_s);
        QCOMPARE(resolved->resolution, u"human"_s);
        QCOMPARE(resolved->statusActor, u"ana"_s);

        // Every one is in the log with its actor and reason; the finding's entries name it.
        audit::AuditLog log(env.cache.db());
        audit::Filter f;
        f.subjects = {audit::findingSubject(dup.finding.key)};
        QCOMPARE(log.list(f, 0, 10).value().size(), 2);
        f.subjects = {audit::emailSubject(u"bob@example.com"_s)};
        QCOMPARE(log.list(f, 0, 10).value().size(), 2); // the comp, and the comp that was there already
        QCOMPARE(env.sb.circleWriteCount(), 0);
    }

    void linkingTwoAccountsIsAuditedAndResolvesTheLookAlike()
    {
        Env env;
        QVERIFY(env.syncAll());
        const QList<store::StoredFinding> alike = env.open(u"possible_same_person"_s);
        QCOMPARE(alike.size(), 1);
        const QList<actions::Action> link = env.fixesFor({u"possible_same_person"_s});
        QCOMPARE(link.size(), 1);
        QCOMPARE(link.first().name, actions::name::IdentityLink);
        env.worker->setWritesUnlocked(true);
        const actions::BatchReport r = env.apply(link, {u"ana"_s, u"same person, confirmed by email"_s});
        QCOMPARE(r.results.first().outcome, audit::outcome::Ok);
        QVERIFY(r.rebuilt);
        QVERIFY(env.open(u"possible_same_person"_s).isEmpty());
        // One person now: frank's payment and his Circle member.
        QSqlQuery q(env.cache.db());
        q.exec(u"SELECT count(DISTINCT person_id) FROM identities WHERE email_loose = 'frank@example.com'"_s);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        // Linked again: nothing to do.
        QCOMPARE(env.apply(link, {u"ana"_s, u"again"_s}).results.first().outcome, audit::outcome::Noop);
    }
};

QTEST_GUILESS_MAIN(TestActions)
#include "tst_actions.moc"
