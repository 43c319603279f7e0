#include "actions/ActionRunner.h"

#include "actions/LocalActions.h"
#include "audit/AuditLog.h"
#include "common/Log.h"
#include "identity/EmailNormalizer.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace sb::actions {

int BatchReport::count(const QString &outcome) const
{
    return int(std::count_if(results.cbegin(), results.cend(),
                             [&outcome](const ActionResult &r) { return r.outcome == outcome; }));
}

ActionRunner::ActionRunner(QSqlDatabase db, net::ApiClient *circle, net::ApiClient *kit, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_remote(circle, kit)
{
    static const bool registered = [] {
        qRegisterMetaType<Action>();
        qRegisterMetaType<ActionResult>();
        qRegisterMetaType<BatchReport>();
        qRegisterMetaType<Who>();
        qRegisterMetaType<QList<Action>>();
        return true;
    }();
    Q_UNUSED(registered);
}

ActionRunner::~ActionRunner() = default;

bool ActionRunner::lock()
{
    if (m_lock && m_lock->isLocked())
        return true;
    const QString path = m_db.databaseName();
    if (path.isEmpty() || path == ":memory:"_L1)
        return true; // a private cache: no other process can reach it
    if (!m_lock) {
        m_lock = std::make_unique<QLockFile>(path + u".actions-lock"_s);
        m_lock->setStaleLockTime(0); // stale only when its process is gone, never by age
    }
    return m_lock->tryLock(0);
}

void ActionRunner::unlockWhenIdle()
{
    if (m_lock && m_lock->isLocked() && !m_busy && m_batches.empty())
        m_lock->unlock();
}

Result<int> ActionRunner::recoverInterrupted()
{
    if (!lock())
        return 0; // another process is applying actions: its intents are under way, not interrupted
    auto marked = audit::AuditLog(m_db).markUnknown();
    unlockWhenIdle();
    return marked;
}

void ActionRunner::run(const QList<Action> &actions, const Who &who)
{
    Batch batch;
    batch.who = Who{who.actor.trimmed(), who.reason.trimmed()};
    for (const Action &a : actions) {
        const QString key = a.key() + u'\x1f' + batch.who.actor;
        if (m_pendingKeys.contains(key))
            continue; // the same action is queued or under way: a double click
        m_pendingKeys.insert(key);
        batch.actions.append(a);
    }
    m_batches.push_back(std::move(batch));
    // Never re-entrantly from the caller's stack: the caller connects to the signals first.
    QTimer::singleShot(0, this, &ActionRunner::pump);
}

void ActionRunner::cancel()
{
    // The batches there are now; one queued later runs.
    for (Batch &b : m_batches)
        b.cancelled = true;
}

ActionResult ActionRunner::refused(const Action &action, const QString &message) const
{
    ActionResult r;
    r.action = action;
    r.outcome = RefusedOutcome;
    r.message = message;
    return r;
}

void ActionRunner::pump()
{
    if (m_busy || m_batches.empty())
        return;
    Batch &batch = m_batches.front();
    if (batch.cancelled || batch.next >= batch.actions.size()) {
        if (batch.cancelled) {
            batch.report.cancelled = true;
            for (qsizetype i = batch.next; i < batch.actions.size(); ++i)
                m_pendingKeys.remove(batch.actions.at(i).key() + u'\x1f' + batch.who.actor);
        }
        BatchReport report = std::move(batch.report);
        m_batches.pop_front();
        unlockWhenIdle();
        Q_EMIT batchFinished(report);
        QTimer::singleShot(0, this, &ActionRunner::pump);
        return;
    }
    startNext();
}

void ActionRunner::startNext()
{
    Batch &batch = m_batches.front();
    const Action action = batch.actions.at(batch.next);
    const Who who = batch.who;
    m_busy = true;
    Q_EMIT actionStarted(int(batch.next), int(batch.actions.size()), action);

    if (!m_unlocked)
        return finishAction(refused(action, tr("Switchboard is read-only: unlock writes to apply actions.")));
    if (!lock())
        return finishAction(refused(
            action,
            tr("Another Switchboard on this computer is applying actions to this cache; try again when it "
               "is done.")));
    if (who.actor.isEmpty())
        return finishAction(refused(action, tr("An action needs an actor.")));
    if (who.reason.isEmpty())
        return finishAction(refused(action, tr("An action needs a reason.")));
    if (const Status valid = validate(action); !valid)
        return finishAction(refused(action, valid.error().message));

    if (isRemote(action.name))
        return runRemote(action, who);

    ActionResult r;
    r.action = action;
    auto local = applyLocal(m_db, action, who);
    if (!local) {
        r.outcome = audit::outcome::Failed;
        r.message = local.error().message;
    } else {
        r.outcome = local->outcome;
        r.message = local->message;
        r.intentSeq = local->intentSeq;
        r.outcomeSeq = local->outcomeSeq;
        if (local->rebuilt) {
            batch.report.rebuilt = true;
            Q_EMIT projectionsRebuilt();
        }
    }
    finishAction(r);
}

void ActionRunner::runRemote(const Action &action, const Who &who)
{
    audit::AuditLog log(m_db);
    audit::Entry intent = entryFor(m_db, action, who);
    intent.outcome = audit::outcome::Pending;
    auto written = log.append(intent);
    if (!written) {
        // Without its intent on record an action must not run.
        ActionResult r;
        r.action = action;
        r.outcome = audit::outcome::Failed;
        r.message =
            tr("The audit log cannot be written, so nothing was changed: %1").arg(written.error().message);
        return finishAction(r);
    }
    const audit::Entry stored = written.value();
    // When the runner goes away mid-call (the console quits), the outcome stays unwritten: the next start
    // records it as unknown, which is the truth.
    m_remote.execute(action, [this, alive = QPointer<ActionRunner>(this), action, stored](RemoteOutcome out) {
        if (!alive)
            return;
        ActionResult r;
        r.action = action;
        r.outcome = out.outcome;
        r.message = out.message;
        r.calls = out.calls;
        r.intentSeq = stored.seq;

        audit::Entry outcome = stored;
        outcome.seq = 0;
        outcome.at = 0;
        outcome.intentSeq = stored.seq;
        outcome.outcome = out.outcome;
        outcome.request = QJsonObject{{u"calls"_s, QJsonArray::fromStringList(out.calls)}};
        if (!out.message.isEmpty())
            outcome.request.insert(u"message"_s, out.message);
        if (!out.memberId.isEmpty()) {
            const QString subject = audit::identitySubject(providerOf(action.name), out.memberId);
            if (!outcome.subjects.contains(subject))
                outcome.subjects.append(subject);
        }
        auto recorded = audit::AuditLog(m_db).append(outcome);
        if (recorded) {
            r.outcomeSeq = recorded->seq;
        } else {
            // The change may be made and its outcome is not on record: at the next start it shows as unknown.
            qCWarning(lcSync) << "cannot record the outcome of" << action.name << ":"
                              << recorded.error().message;
            r.message = tr("%1 (and its outcome could not be recorded: %2)")
                            .arg(r.message.isEmpty() ? r.outcome : r.message, recorded.error().message);
        }
        // What the provider showed goes into the cache now, a no-op's too: the cache was behind.
        if (m_refresher && r.outcome != audit::outcome::Failed) {
            for (const Observed &o : std::as_const(out.observed)) {
                if (Status s = m_refresher(o); !s)
                    qCWarning(lcSync) << "cannot record what" << o.provider << "showed after" << action.name
                                      << ":" << s.error().message;
            }
        }
        finishAction(r);
    });
}

void ActionRunner::finishAction(ActionResult result)
{
    Batch &batch = m_batches.front();
    const QString email = result.action.params.value(u"email"_s).toString();
    if (!email.isEmpty())
        result.emails.append(normalizeEmail(email));
    m_pendingKeys.remove(result.action.key() + u'\x1f' + batch.who.actor);
    batch.report.results.append(result);
    ++batch.next;
    m_busy = false;
    Q_EMIT actionFinished(result);
    QTimer::singleShot(0, this, &ActionRunner::pump);
}

} // namespace sb::actions
