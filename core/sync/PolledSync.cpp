#include "sync/PolledSync.h"

#include "common/Log.h"
#include "providers/Observation.h"

#include <QJsonDocument>
#include <QPointer>
#include <QSet>
#include <QThread>

using namespace Qt::StringLiterals;

namespace sb::sync {

namespace {
const QString kRun = u"run"_s;
const QString kFull = u"full"_s;
const QString kRequests = u"requests"_s;
const QString kCheckpoint = u"checkpoint"_s;
} // namespace

PolledSync::PolledSync(QString provider, store::Store *store, net::ApiClient *client, int fullEveryHours,
                       QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_store(store)
    , m_client(client)
    , m_fullEvery(qint64(fullEveryHours) * 3600 * 1000)
{}

Status PolledSync::learnCatalogs(const QStringList &kinds,
                                 const std::function<void(const QString &, const QJsonObject &)> &learn)
{
    for (const QString &kind : kinds) {
        auto rows = m_store->rawJson(m_provider, kind);
        if (!rows)
            return rows.error();
        for (const QByteArray &json : rows.value())
            learn(kind, QJsonDocument::fromJson(json).object());
    }
    return {};
}

QString PolledSync::monthStream(Millis now)
{
    return u"requests:"_s + fromMillis(now).toString(u"yyyy-MM"_s);
}

qint64 PolledSync::requestsThisMonth()
{
    auto s = m_store->syncState(m_provider, monthStream(Clock::now()));
    return s ? s.value().requestsSpent : 0;
}

void PolledSync::start(Mode mode, bool automatic)
{
    if (m_running)
        return;
    m_running = true;
    m_cancelRequested = false;
    m_report = SyncReport{};
    m_report.provider = m_provider;
    m_report.startedAt = Clock::now();
    m_requestsAtStart = m_requestsRecorded = m_client->requestsSent();
    m_rowsAtStart = m_store->rowsWritten();
    m_store->clearCaches();
    m_steps.clear();
    m_stepIndex = 0;

    auto full = m_store->syncState(m_provider, kFull);
    if (!full) {
        finish(full.error());
        return;
    }
    auto checkpoint = m_store->syncState(m_provider, kCheckpoint);
    if (!checkpoint) {
        finish(checkpoint.error());
        return;
    }
    bool ok = false;
    const Millis last = checkpoint.value().cursor.toLongLong(&ok);
    m_lastRunStart = ok ? std::optional<Millis>(last) : std::nullopt;
    // Automatic runs are full ones when none has succeeded yet or the last is older than the setting.
    const std::optional<Millis> lastFull = full.value().lastOkAt;
    const bool fullDue = !lastFull || m_report.startedAt - *lastFull >= m_fullEvery;
    m_full = !m_lastRunStart || mode == Mode::Full || (mode == Mode::Auto && fullDue);
    m_report.incremental = !m_full;
    QString refusal = refuseRun(m_full, automatic);
    if (!refusal.isEmpty() && m_full && m_lastRunStart) {
        m_full = false; // the full comparison waits; the newest changes need not
        refusal = refuseRun(false, automatic);
    }
    m_report.incremental = !m_full;
    if (!refusal.isEmpty()) {
        finish(Error{ErrorKind::RateLimited, refusal});
        return;
    }
    if (Status s = prepare(); !s) {
        finish(s.error());
        return;
    }
    m_steps = plan(m_full);
    qCInfo(lcSync) << "starting" << (m_full ? "full" : "incremental") << m_provider << "sync";
    nextStep();
}

void PolledSync::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    m_client->cancelAll();
}

bool PolledSync::stopIfCancelled()
{
    if (!m_cancelRequested && !QThread::currentThread()->isInterruptionRequested())
        return false;
    finish(Error{ErrorKind::Cancelled, u"cancelled"_s});
    return true;
}

void PolledSync::nextStep()
{
    if (stopIfCancelled())
        return;
    if (m_stepIndex >= m_steps.size()) {
        finish({});
        return;
    }
    m_firstPage = {};
    emitProgress();
    fetch(m_steps.at(m_stepIndex).query);
}

void PolledSync::fetch(const net::Query &query)
{
    if (stopIfCancelled())
        return;
    const Step &step = m_steps.at(m_stepIndex);
    QPointer<PolledSync> self(this);
    m_client->get(step.path, query, [self, query](Result<QJsonObject> r) {
        if (!self || !self->m_running)
            return;
        if (!r) {
            self->finish(r.error());
            return;
        }
        Step &current = self->m_steps[self->m_stepIndex];
        current.query = query;
        self->applyPage(r.value());
    });
}

Status PolledSync::refresh(const QString &rawKind, const QString &containerId, const QJsonObject &record,
                           Millis observedAt)
{
    if (Status s = learnNames(); !s)
        return s;
    if (Status s = m_store->begin(); !s)
        return s;
    if (Status s = applyOne(rawKind, containerId, record, observedAt ? observedAt : Clock::now()); !s) {
        m_store->rollback();
        return s;
    }
    return m_store->commit();
}

Status PolledSync::refreshRemoval(const QString &containerKind, const QString &containerId,
                                  const QString &memberId, Millis observedAt)
{
    if (Status s = learnNames(); !s)
        return s;
    if (Status s = m_store->begin(); !s)
        return s;
    auto stored = m_store->membership(m_provider, containerKind, containerId, memberId);
    Status s = stored ? Status() : Status(stored.error());
    if (s && stored.value() && !(observedAt && stored.value()->since > observedAt)) {
        s = ingestAll(
            {removalOf(containerKind, containerId, *stored.value(), observedAt ? observedAt : Clock::now())});
        if (s)
            s = m_store->removeMembership(m_provider, containerKind, containerId, *stored.value());
    }
    if (!s) {
        m_store->rollback();
        return s;
    }
    return m_store->commit();
}

Status PolledSync::ingestAll(const QList<IngestItem> &items)
{
    for (const IngestItem &item : items) {
        if (auto r = m_store->ingest(item); !r)
            return r.error();
    }
    return {};
}

void PolledSync::applyPage(const QJsonObject &page)
{
    if (stopIfCancelled())
        return;
    const Step step = m_steps.at(m_stepIndex);
    const QJsonValue recordsValue = page.value(step.recordsKey);
    if (!recordsValue.isArray()) {
        finish(Error{ErrorKind::Parse, u"%1 sent a page of %2 without its \"%3\" list"_s.arg(
                                           m_provider, step.path, step.recordsKey)});
        return;
    }
    if (const QString problem = pageProblem(step.query, page); !problem.isEmpty()) {
        // The pages before it are kept; the next run lists again (a full one compares only what it saw
        // whole).
        finish(Error{ErrorKind::Provider,
                     problem + u"; the listing stopped there and resumes at the next sync"_s});
        return;
    }
    const QJsonArray records = recordsValue.toArray();
    m_lastPage = page;
    if (m_firstPage.isEmpty())
        m_firstPage = page;
    const qint64 recordedBefore = m_requestsRecorded;
    if (Status s = m_store->begin(); !s) {
        finish(s.error());
        return;
    }
    Result<bool> more = step.apply(records, Clock::now());
    Status saved = more ? recordRequests() : Status(more.error());
    if (saved)
        saved = m_store->commit();
    else
        m_store->rollback();
    if (!saved) {
        m_requestsRecorded = recordedBefore; // not written: finish() counts them again
        finish(saved.error());
        return;
    }
    m_report.items += records.size();
    ++m_report.pages;
    emitProgress();
    const std::optional<net::Query> next = more.value() ? nextPage(step.query, page) : std::nullopt;
    if (next) {
        fetch(*next);
        return;
    }
    if (step.complete) {
        if (Status s = m_store->begin(); !s) {
            finish(s.error());
            return;
        }
        Status done = step.complete();
        if (done)
            done = m_store->commit();
        else
            m_store->rollback();
        if (!done) {
            finish(done.error());
            return;
        }
    }
    ++m_stepIndex;
    nextStep();
}

PolledSync::Step PolledSync::catalogStep(Step step, const QString &rawKind, Catalog catalog)
{
    auto listed = std::make_shared<QSet<QString>>();
    step.apply = [this, listed, catalog](const QJsonArray &records, Millis fetchedAt) -> Result<bool> {
        for (const QJsonValue &v : records) {
            const QJsonObject r = v.toObject();
            listed->insert(idText(r.value("id"_L1)));
            if (Status s = ingestAll(catalog.learnAndMap(r, fetchedAt)); !s)
                return s.error();
        }
        return true;
    };
    step.complete = [this, rawKind, listed, catalog]() -> Status {
        auto known = m_store->rawIds(m_provider, rawKind);
        if (!known)
            return known.error();
        if (catalog.trustworthy && !catalog.trustworthy(listed->size()))
            return {};
        const Millis now = Clock::now();
        for (const QString &id : known.value()) {
            if (listed->contains(id))
                continue;
            Status s = forgetContainer(rawKind, id,
                                       [&](const StoredMembership &m) { return catalog.ended(id, m, now); });
            if (!s)
                return s;
        }
        return {};
    };
    return step;
}

Status PolledSync::forgetContainer(const QString &containerKind, const QString &containerId,
                                   const std::function<IngestItem(const StoredMembership &)> &ended)
{
    auto stored = m_store->memberships(m_provider, containerKind, containerId);
    if (!stored)
        return stored.error();
    for (const StoredMembership &m : stored.value()) {
        if (auto r = m_store->ingest(ended(m)); !r)
            return r.error();
        if (Status s = m_store->removeMembership(m_provider, containerKind, containerId, m); !s)
            return s;
    }
    return m_store->deleteRaw(m_provider, containerKind, containerId);
}

Status ingestMembership(store::Store &store, const IngestItem &item,
                        const std::function<IngestItem(const StoredMembership &)> &ended)
{
    if (item.membership) {
        const MembershipFact &m = *item.membership;
        auto stored = store.membership(item.raw.provider, m.containerKind, m.containerId, m.memberId);
        if (!stored)
            return stored.error();
        const auto &before = stored.value();
        if (before && (before->rawId != item.raw.externalId || (m.since != 0 && before->since != m.since))) {
            if (auto r = store.ingest(ended(*before)); !r)
                return r.error();
            if (Status s = store.removeMembership(item.raw.provider, m.containerKind, m.containerId, *before);
                !s)
                return s;
        }
    }
    if (auto r = store.ingest(item); !r)
        return r.error();
    return {};
}

Status PolledSync::editState(const QString &stream, const std::function<void(store::SyncState &)> &edit)
{
    auto state = m_store->syncState(m_provider, stream);
    if (!state)
        return state.error();
    store::SyncState s = state.value();
    edit(s);
    return m_store->saveSyncState(m_provider, stream, s);
}

Status PolledSync::recordRequests()
{
    const qint64 n = m_client->requestsSent() - m_requestsRecorded;
    if (n <= 0)
        return {};
    auto add = [n](store::SyncState &s) {
        s.requestsSpent += n;
    };
    if (Status s = editState(kRequests, add); !s)
        return s;
    if (Status s = editState(monthStream(Clock::now()), add); !s)
        return s;
    m_requestsRecorded = m_client->requestsSent();
    return {};
}

void PolledSync::emitProgress()
{
    SyncProgress p;
    p.provider = m_provider;
    p.phase = m_full ? u"full"_s : u"incremental"_s;
    p.stream = m_stepIndex < m_steps.size() ? m_steps.at(m_stepIndex).stream : QString();
    p.items = m_report.items;
    p.pages = m_report.pages;
    p.requests = m_client->requestsSent() - m_requestsAtStart;
    Q_EMIT progress(p);
}

void PolledSync::finish(const Error &error)
{
    if (!m_running)
        return;
    m_running = false;
    close(m_report, error, m_cancelRequested, m_client->requestsSent() - m_requestsAtStart,
          m_store->rowsWritten() - m_rowsAtStart);
    (void)recordRequests(); // requests of a failed page count too: the quota was spent
    // A run refused before it spent anything (a quota pause) is no failure of the connection.
    const bool paused = error.kind == ErrorKind::RateLimited && m_report.requests == 0;
    (void)editState(kRun, [this, &error, paused](store::SyncState &st) {
        if (m_report.ok) {
            st.lastOkAt = m_report.finishedAt;
            st.lastError.clear();
        } else if (!m_report.cancelled && !paused) {
            st.lastError = error.message;
        }
    });
    if (m_report.ok)
        (void)editState(kCheckpoint, [this](store::SyncState &st) {
            st.cursor = QString::number(m_report.startedAt);
            st.lastOkAt = m_report.finishedAt;
        });
    if (m_report.ok && m_full)
        (void)editState(kFull, [this](store::SyncState &st) { st.lastOkAt = m_report.startedAt; });
    qCInfo(lcSync).noquote() << describe(m_report);
    Q_EMIT finished(m_report);
}

} // namespace sb::sync
