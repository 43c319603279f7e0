#include "sync/StripeSync.h"

#include "common/Log.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sync {

namespace {
constexpr int kEventBatch = 500;
const QString kEvents = u"events"_s;
const QString kBackfill = u"backfill"_s;
const QString kRequests = u"requests"_s;
const QString kRefundFollowUps = u"refund_followups"_s;
const QString kDone = u"done"_s;
const QString kRunning = u"running"_s;

// The lists of a parent's children that Stripe sends only when expanded, so objects from events lack them;
// each is kept as its own raw kind (keyed by the parent's id) and fetched after the events for parents
// without one.
struct ChildList {
    QString kind;         // the raw kind of the list
    QString parentKind;   // the raw kind of the parent
    QStringList statuses; // parents in these statuses may have children worth fetching
    QString what;         // for logs and errors
};

const ChildList &childList(int i)
{
    static const ChildList lists[] = {
        // What a checkout bought: completed sessions only.
        {stripe::kCheckoutLineItems, u"checkout_session"_s, {u"complete"_s}, u"line items"_s},
        // What an invoice was paid with (basil: the only tie from a charge to its invoice). Drafts and voided
        // invoices have no payments; uncollectible ones are left, as their charges end nothing.
        {stripe::kInvoicePayments, u"invoice"_s, {u"paid"_s, u"open"_s}, u"payments"_s},
    };
    return lists[i];
}
constexpr int kChildLists = 2;

// The request for one page of a parent's children.
std::pair<QString, stripe::Query> childListRequest(const ChildList &list, const QString &parent)
{
    if (list.kind == stripe::kInvoicePayments)
        return {u"/v1/invoice_payments"_s, {{u"invoice"_s, parent}, {u"limit"_s, u"100"_s}}};
    return {u"/v1/checkout/sessions/%1/line_items"_s.arg(parent), {{u"limit"_s, u"100"_s}}};
}

// Parents in the cache without their list of children, newest first: those that arrived through events
// (which never carry the list), or were stored before it was fetched. The LIKE (portable SQL) only narrows
// the candidates; the parent's own status is checked on the parsed JSON.
Result<QList<std::pair<QString, Millis>>> parentsWithoutChildList(QSqlDatabase db, const ChildList &list,
                                                                  int max)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QStringList likes(list.statuses.size(), u"s.json LIKE ?"_s);
    q.prepare(u"SELECT s.external_id, s.json, s.provider_time FROM raw_objects s"
              " WHERE s.provider = ? AND s.kind = ? AND ("_s +
              likes.join(u" OR "_s) +
              u") AND NOT EXISTS (SELECT 1 FROM raw_objects l"
              " WHERE l.provider = s.provider AND l.kind = ? AND l.external_id = s.external_id)"
              " ORDER BY s.provider_time DESC, s.external_id"_s);
    q.addBindValue(provider::Stripe);
    q.addBindValue(list.parentKind);
    for (const QString &status : list.statuses)
        q.addBindValue(u"%\"status\":\"%1\"%"_s.arg(status));
    q.addBindValue(list.kind);
    if (!q.exec())
        return Error{ErrorKind::Io,
                     u"find %1 without %2: %3"_s.arg(list.parentKind, list.what, q.lastError().text())};
    QList<std::pair<QString, Millis>> out;
    while (out.size() < max && q.next()) {
        const QJsonObject parent = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        if (!list.statuses.contains(parent.value("status"_L1).toString()))
            continue;
        out.append({q.value(0).toString(), q.value(2).toLongLong()});
    }
    return out;
}

struct Checkpoint {
    Millis created = 0;
    QString id;
    bool valid = false;
};

Checkpoint parseCheckpoint(const QString &cursor)
{
    const qsizetype colon = cursor.indexOf(u':');
    if (colon <= 0)
        return {};
    bool ok = false;
    const Millis created = cursor.left(colon).toLongLong(&ok);
    return ok ? Checkpoint{created, cursor.mid(colon + 1), true} : Checkpoint{};
}
} // namespace

StripeSync::StripeSync(store::Store *store, stripe::StripeClient *client, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_client(client)
{
    // Listing order matters: owners before what they own (customers before charges, charges before refunds).
    const stripe::Query none;
    m_streams = {
        {u"products"_s, u"/v1/products"_s, none},
        {u"prices"_s, u"/v1/prices"_s, none},
        {u"customers"_s, u"/v1/customers"_s, none},
        {u"charges"_s, u"/v1/charges"_s, none},
        {u"refunds"_s, u"/v1/refunds"_s, none},
        {u"disputes"_s, u"/v1/disputes"_s, none},
        {u"payment_intents"_s, u"/v1/payment_intents"_s, none},
        // Since basil only an invoice's payments tie a charge to it, and Stripe sends them only when
        // expanded.
        {u"invoices"_s, u"/v1/invoices"_s, {{u"expand[]"_s, u"data.payments"_s}}},
        // Without status=all Stripe leaves out canceled subscriptions, and a cancellation is what we look
        // for.
        {u"subscriptions"_s, u"/v1/subscriptions"_s, {{u"status"_s, u"all"_s}}},
        // Line items say what a one-time purchase bought, and Stripe sends them only when expanded.
        {u"checkout_sessions"_s, u"/v1/checkout/sessions"_s, {{u"expand[]"_s, u"data.line_items"_s}}},
    };
}

void StripeSync::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    m_client->cancelAll();
}

void StripeSync::loadCatalog()
{
    for (const QString &kind : {u"product"_s, u"price"_s}) {
        auto rows = m_store->rawJson(provider::Stripe, kind);
        if (!rows)
            continue;
        for (const QByteArray &json : rows.value())
            m_mapper.learnCatalog(QJsonDocument::fromJson(json).object());
    }
}

void StripeSync::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancelRequested = false;
    m_report = SyncReport{};
    m_report.provider = provider::Stripe;
    m_report.startedAt = Clock::now();
    m_requestsAtStart = m_requestsRecorded = m_client->requestsSent();
    m_rowsAtStart = m_store->rowsWritten();
    m_restarted.clear();
    m_repeated.clear();
    m_store->clearCaches(); // another writer (a rebuild) may have renumbered people since the last run
    loadCatalog();
    m_catalogLoaded = true;

    auto events = m_store->syncState(provider::Stripe, kEvents);
    auto backfill = m_store->syncState(provider::Stripe, kBackfill);
    if (!events || !backfill) {
        finish(!events ? events.error() : backfill.error());
        return;
    }
    // Refunds a crashed or failed run still had to fetch.
    auto followUps = m_store->syncState(provider::Stripe, kRefundFollowUps);
    const QStringList pendingFollowUps =
        followUps ? followUps.value().cursor.split(u' ', Qt::SkipEmptyParts) : QStringList();
    m_refundFollowUps = QSet<QString>(pendingFollowUps.begin(), pendingFollowUps.end());
    const Checkpoint cp = parseCheckpoint(events.value().cursor);
    const bool backfillUnfinished = backfill.value().cursor == kRunning;
    // An hour of margin: a checkpoint right at the edge of the window could lose events while we page.
    const bool fresh = cp.valid && Clock::now() - cp.created < kEventWindow - 3600 * 1000;
    if (fresh && !backfillUnfinished) {
        m_report.incremental = true;
        qCInfo(lcStripe) << "incremental sync from" << isoUtc(cp.created);
        startEvents(cp.created);
        return;
    }
    if (!backfillUnfinished) {
        // A new backfill: forget the cursors of any earlier one.
        for (const Stream &s : std::as_const(m_streams)) {
            if (Status st = saveStreamCursor(u"backfill:"_s + s.name, {}); !st) {
                finish(st.error());
                return;
            }
        }
        store::SyncState state = backfill.value();
        state.cursor = kRunning;
        if (Status st = m_store->saveSyncState(provider::Stripe, kBackfill, state); !st) {
            finish(st.error());
            return;
        }
    }
    qCInfo(lcStripe) << (backfillUnfinished ? "resuming backfill" : "starting backfill");
    m_streamIndex = 0;
    nextStream();
}

Status StripeSync::editState(const QString &stream, const std::function<void(store::SyncState &)> &edit)
{
    auto state = m_store->syncState(provider::Stripe, stream);
    if (!state)
        return state.error();
    store::SyncState s = state.value();
    edit(s);
    return m_store->saveSyncState(provider::Stripe, stream, s);
}

Status StripeSync::saveStreamCursor(const QString &stream, const QString &cursor)
{
    return editState(stream, [&cursor](store::SyncState &s) {
        s.cursor = cursor;
        if (cursor == kDone)
            s.lastOkAt = Clock::now();
    });
}

Status StripeSync::addRequests(qint64 n)
{
    if (n <= 0)
        return {};
    return editState(kRequests, [n](store::SyncState &s) { s.requestsSpent += n; });
}

bool StripeSync::ingestAll(const QList<IngestItem> &items)
{
    for (const IngestItem &item : items) {
        if (auto r = m_store->ingest(item); !r) {
            m_store->rollback();
            finish(r.error());
            return false;
        }
    }
    return true;
}

bool StripeSync::commitBatch(Status cursorSaved)
{
    // The cursor, the requests spent and the data of the batch commit together or not at all.
    Status saved = std::move(cursorSaved);
    if (saved)
        saved = addRequests(m_client->requestsSent() - m_requestsRecorded);
    if (saved)
        saved = m_store->commit();
    else
        m_store->rollback();
    if (!saved) {
        finish(saved.error());
        return false;
    }
    m_requestsRecorded = m_client->requestsSent();
    return true;
}

void StripeSync::emitProgress(const QString &stream)
{
    SyncProgress p;
    p.provider = provider::Stripe;
    p.phase = m_report.incremental ? u"incremental"_s : u"backfill"_s;
    p.stream = stream;
    p.items = m_report.items;
    p.pages = m_report.pages;
    p.requests = m_client->requestsSent() - m_requestsAtStart;
    Q_EMIT progress(p);
}

void StripeSync::nextStream()
{
    while (m_streamIndex < m_streams.size()) {
        const Stream &s = m_streams.at(m_streamIndex);
        auto state = m_store->syncState(provider::Stripe, u"backfill:"_s + s.name);
        if (!state) {
            finish(state.error());
            return;
        }
        if (state.value().cursor == kDone) {
            ++m_streamIndex;
            continue;
        }
        fetchPage(s, state.value().cursor);
        return;
    }
    startEvents(0);
}

bool StripeSync::stopIfCancelled()
{
    // Between pages nothing is in flight to abort, so every request first checks for a pending cancel (or
    // for the sync thread being asked to stop).
    if (!m_cancelRequested && !QThread::currentThread()->isInterruptionRequested())
        return false;
    finish(Error{ErrorKind::Cancelled, u"cancelled"_s});
    return true;
}

void StripeSync::fetchPage(const Stream &stream, const QString &startingAfter)
{
    if (stopIfCancelled())
        return;
    stripe::Query q = stream.extra;
    q.append({u"limit"_s, QString::number(m_client->pageSize())});
    if (!startingAfter.isEmpty())
        q.append({u"starting_after"_s, startingAfter});
    QPointer<StripeSync> self(this);
    m_client->get(stream.path, q, [self, stream, startingAfter](Result<QJsonObject> r) {
        if (!self)
            return;
        if (!r) {
            if (self->restartAfterMissingCursor(stream.name, startingAfter, r.error()))
                self->fetchPage(stream, {});
            else
                self->finish(r.error());
            return;
        }
        self->applyPage(stream, r.value(), startingAfter);
    });
}

void StripeSync::applyPage(const Stream &stream, const QJsonObject &page, const QString &startingAfter)
{
    if (page.value("object"_L1).toString() != "list"_L1 || !page.value("data"_L1).isArray()) {
        finish(Error{ErrorKind::Parse, u"Stripe sent something other than a list for %1"_s.arg(stream.path)});
        return;
    }
    const QJsonArray data = page.value("data"_L1).toArray();
    if (Status s = checkPage(stream.path, page); !s) {
        finish(s.error());
        return;
    }
    const Millis fetchedAt = Clock::now();
    if (Status s = m_store->begin(); !s) {
        finish(s.error());
        return;
    }
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        m_mapper.learnCatalog(o);
        auto items = m_mapper.mapObject(o, fetchedAt);
        if (!items) {
            qCWarning(lcStripe) << "skipping an object in" << stream.path << ":" << items.error().message;
            continue;
        }
        if (!ingestAll(items.value()))
            return;
        ++m_report.items;
    }
    ++m_report.pages;
    // The cursor is the page's last object whether or not it could be mapped: one bad object must not end
    // the stream early.
    const QString lastId = data.isEmpty() ? QString() : data.last().toObject().value("id"_L1).toString();
    const bool more = page.value("has_more"_L1).toBool() && !lastId.isEmpty();
    if (Status s = checkProgress(stream.name, startingAfter, lastId, more); !s) {
        m_store->rollback();
        finish(s.error());
        return;
    }
    if (!commitBatch(saveStreamCursor(u"backfill:"_s + stream.name, more ? lastId : kDone)))
        return;
    emitProgress(stream.name);
    if (more) {
        fetchPage(stream, lastId);
    } else {
        ++m_streamIndex;
        nextStream();
    }
}

void StripeSync::startEvents(Millis since)
{
    m_eventsSince = since;
    m_queueRun = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (Status s = m_store->clearEventQueue(m_queueRun); !s) {
        finish(s.error());
        return;
    }
    fetchEvents({});
}

void StripeSync::fetchEvents(const QString &startingAfter)
{
    if (stopIfCancelled())
        return;
    stripe::Query q{{u"limit"_s, QString::number(m_client->pageSize())}};
    if (m_eventsSince > 0)
        q.append({u"created[gte]"_s, QString::number(m_eventsSince / 1000)});
    if (!startingAfter.isEmpty())
        q.append({u"starting_after"_s, startingAfter});
    QPointer<StripeSync> self(this);
    m_client->get(u"/v1/events"_s, q, [self, startingAfter](Result<QJsonObject> r) {
        if (!self)
            return;
        if (!r) {
            if (self->restartAfterMissingCursor(u"events"_s, startingAfter, r.error()))
                self->startEvents(self->m_eventsSince);
            else
                self->finish(r.error());
            return;
        }
        const QJsonObject page = r.value();
        if (page.value("object"_L1).toString() != "list"_L1 || !page.value("data"_L1).isArray()) {
            self->finish(
                Error{ErrorKind::Parse, u"Stripe sent something other than a list for /v1/events"_s});
            return;
        }
        if (Status s = checkPage(u"/v1/events"_s, page); !s) {
            self->finish(s.error());
            return;
        }
        const QJsonArray data = page.value("data"_L1).toArray();
        Status queued = self->m_store->begin();
        if (queued)
            queued = self->m_store->queueEvents(self->m_queueRun, data);
        if (queued)
            queued = self->m_store->commit();
        if (!queued) {
            self->m_store->rollback();
            self->finish(queued.error());
            return;
        }
        ++self->m_report.pages;
        self->emitProgress(u"events"_s);
        const QString last = data.isEmpty() ? QString() : data.last().toObject().value("id"_L1).toString();
        const bool more = page.value("has_more"_L1).toBool() && !last.isEmpty();
        if (Status s = self->checkProgress(u"events"_s, startingAfter, last, more); !s) {
            self->finish(s.error());
            return;
        }
        if (more)
            self->fetchEvents(last);
        else
            self->applyEvents();
    });
}

Status StripeSync::checkPage(const QString &path, const QJsonObject &page)
{
    // "More follow" with nothing on the page leaves no object to page after: ending the listing there would
    // pass the rest of it by without a word (a backfill stream marked done with objects never read). Its
    // cursor stays where it was, so the next run asks again from there.
    if (page.value("has_more"_L1).toBool() && page.value("data"_L1).toArray().isEmpty())
        return Error{ErrorKind::Provider,
                     u"Stripe sent an empty page of %1 that says more follow; the listing stopped there "
                     "and resumes at the next sync"_s.arg(path)};
    return {};
}

Status StripeSync::checkProgress(const QString &stream, const QString &startingAfter, const QString &lastId,
                                 bool more)
{
    if (!more || startingAfter.isEmpty() || lastId != startingAfter)
        return {};
    if (!m_repeated.contains(stream)) {
        m_repeated.insert(stream);
        return {};
    }
    return Error{ErrorKind::Provider,
                 u"Stripe answered the page after %1 of %2 with a page ending at %1 again; "
                 "the listing stopped there and resumes at the next sync"_s.arg(startingAfter, stream)};
}

bool StripeSync::restartAfterMissingCursor(const QString &stream, const QString &startingAfter,
                                           const Error &error)
{
    // The object we page after was deleted meanwhile (Stripe answers resource_missing for starting_after).
    // Start that listing over, once per run: the upserts make the repeated part harmless.
    if (error.kind != ErrorKind::NotFound || startingAfter.isEmpty() || m_restarted.contains(stream))
        return false;
    m_restarted.insert(stream);
    qCWarning(lcStripe) << "the cursor" << startingAfter << "of" << stream << "is gone; listing it again";
    return true;
}

Result<bool> StripeSync::applyOneEvent(const QJsonObject &ev, bool *unusable)
{
    const QString id = ev.value("id"_L1).toString();
    const QString type = ev.value("type"_L1).toString();
    const QJsonObject obj = ev.value("data"_L1).toObject().value("object"_L1).toObject();
    // Duplicates (a replayed page, an event we already pulled or received) are skipped by id; what they
    // asked for was taken care of when they were first applied.
    if (id.isEmpty() || m_store->hasRaw(provider::Stripe, u"event"_s, id))
        return false;
    // Recent API versions no longer embed refunds in charge.refunded: remember the charge, and forget it
    // again when a refund event for it comes along.
    if (type == "charge.refunded"_L1)
        m_refundFollowUps.insert(obj.value("id"_L1).toString());
    else if (type.startsWith("refund."_L1) || type == "charge.refund.updated"_L1)
        m_refundFollowUps.remove(obj.value("charge"_L1).toString());
    auto items = m_mapper.mapEvent(ev);
    if (!items) {
        qCWarning(lcStripe) << "skipping event" << id << ":" << items.error().message;
        if (unusable)
            *unusable = true;
        return false;
    }
    for (const IngestItem &item : items.value()) {
        if (auto r = m_store->ingest(item); !r)
            return r.error();
    }
    return true;
}

Result<StripeSync::Pushed> StripeSync::applyPushedEvent(const QJsonObject &event)
{
    if (!m_running && !m_catalogLoaded) {
        loadCatalog(); // product names for the rows, as a run has them
        m_catalogLoaded = true;
    }
    if (Status s = m_store->begin(); !s)
        return s.error();
    if (!m_running) {
        // Between runs the refunds still to fetch live in sync_state only: add to them there.
        auto followUps = m_store->syncState(provider::Stripe, kRefundFollowUps);
        const QStringList pending =
            followUps ? followUps.value().cursor.split(u' ', Qt::SkipEmptyParts) : QStringList();
        m_refundFollowUps = QSet<QString>(pending.begin(), pending.end());
    }
    bool unusable = false;
    auto applied = applyOneEvent(event, &unusable);
    m_refundFollowUps.remove(QString());
    if (applied && applied.value() && m_rereadOn) {
        // The objects whose state matters, by their API path; deduplicated, read once each.
        static const QHash<QString, QString> paths{{u"subscription"_s, u"/v1/subscriptions/"_s},
                                                   {u"charge"_s, u"/v1/charges/"_s},
                                                   {u"invoice"_s, u"/v1/invoices/"_s},
                                                   {u"dispute"_s, u"/v1/disputes/"_s},
                                                   {u"customer"_s, u"/v1/customers/"_s}};
        const QJsonObject obj = event.value("data"_L1).toObject().value("object"_L1).toObject();
        const QString id = obj.value("id"_L1).toString();
        const QString base = paths.value(obj.value("object"_L1).toString());
        // Ids go into a URL path: Stripe's are letters, digits and '_' only.
        static const QRegularExpression idShape(
            QRegularExpression::anchoredPattern(u"[A-Za-z0-9_]{1,255}"_s));
        auto add = [this](Reread r) {
            if (!m_rereads.contains(r))
                m_rereads.append(std::move(r));
        };
        if (!base.isEmpty() && idShape.match(id).hasMatch()) {
            add({base + id, {}});
            if (event.value("type"_L1).toString() == "charge.refunded"_L1)
                add({u"/v1/refunds"_s, {{u"charge"_s, id}, {u"limit"_s, u"100"_s}}});
        }
    }
    // Saved with the event, also during a run: between its batches the run's set is what is committed plus
    // this change, and a run past its events would otherwise never save it.
    Status saved = applied ? saveFollowUps() : Status(applied.error());
    if (saved)
        saved = m_store->commit();
    else
        m_store->rollback();
    if (!saved)
        return saved.error();
    return applied.value() ? Pushed::Applied : unusable ? Pushed::Unusable : Pushed::Duplicate;
}

void StripeSync::rereadPushed(std::function<void(const Error &)> done)
{
    m_rereadDone.append(std::move(done));
    if (m_rereadDone.size() == 1) {
        m_rereadError = {};
        rereadNext();
    }
}

void StripeSync::rereadNext()
{
    if (m_rereads.isEmpty()) {
        const auto callbacks = std::exchange(m_rereadDone, {});
        for (const auto &callback : callbacks)
            callback(m_rereadError);
        return;
    }
    const Reread reread = m_rereads.takeFirst();
    QPointer<StripeSync> self(this);
    m_client->get(reread.path, reread.query, [self, reread](Result<QJsonObject> r) {
        if (!self)
            return;
        Status s = r ? Status() : Status(r.error());
        if (s)
            s = self->m_store->begin();
        if (s) {
            const Millis fetchedAt = Clock::now();
            const bool list = r.value().value("object"_L1).toString() == "list"_L1;
            QJsonArray objects = list ? r.value().value("data"_L1).toArray() : QJsonArray{r.value()};
            for (const QJsonValue &v : std::as_const(objects)) {
                auto items = self->m_mapper.mapObject(v.toObject(), fetchedAt);
                for (const IngestItem &item : items ? items.value() : QList<IngestItem>{}) {
                    if (auto ingested = self->m_store->ingest(item); !ingested) {
                        s = ingested.error();
                        break;
                    }
                }
            }
            // A charge's refunds read whole: no run needs to fetch them again (a run under way keeps its
            // own).
            const QString charge = reread.query.value(0).second;
            if (s && list && !self->m_running && !r.value().value("has_more"_L1).toBool() &&
                self->m_refundFollowUps.remove(charge))
                s = self->saveFollowUps();
            if (s)
                s = self->m_store->commit();
            else
                self->m_store->rollback();
        }
        if (!s) {
            qCWarning(lcStripe) << "re-reading" << reread.path << "failed:" << s.error().message;
            if (self->m_rereadError.kind == ErrorKind::None)
                self->m_rereadError = s.error();
        }
        self->rereadNext();
    });
}

void StripeSync::applyEvents()
{
    // Listed newest first; applied oldest first (from the end of the queue), so later states win and the
    // checkpoint only moves forward.
    m_eventSeq = 0;
    applyEventBatch();
}

void StripeSync::applyEventBatch()
{
    // One batch per turn of the event loop, so a cancel or a shutdown is seen between batches.
    if (stopIfCancelled())
        return;
    auto batch = m_store->queuedEvents(m_queueRun, m_eventSeq, kEventBatch);
    if (!batch) {
        finish(batch.error());
        return;
    }
    if (batch->isEmpty()) {
        finishEvents();
        return;
    }
    if (Status s = m_store->begin(); !s) {
        finish(s.error());
        return;
    }
    Checkpoint last;
    for (const auto &[seq, ev] : std::as_const(batch.value())) {
        m_eventSeq = seq;
        last = Checkpoint{secondsToMillis(ev.value("created"_L1).toInteger()), ev.value("id"_L1).toString(),
                          true};
        auto applied = applyOneEvent(ev);
        if (!applied) {
            m_store->rollback();
            finish(applied.error());
            return;
        }
        if (applied.value())
            ++m_report.items;
    }
    m_refundFollowUps.remove(QString());
    // The checkpoint and the refunds still to fetch are saved with the events that produced them.
    Status saved = editState(kEvents, [&last](store::SyncState &st) {
        if (last.valid)
            st.cursor = QString::number(last.created) + u':' + last.id;
    });
    if (saved)
        saved = saveFollowUps();
    if (!commitBatch(saved))
        return;
    emitProgress(u"events"_s);
    QMetaObject::invokeMethod(this, &StripeSync::applyEventBatch, Qt::QueuedConnection);
}

void StripeSync::finishEvents()
{
    if (Status s = m_store->clearEventQueue(m_queueRun); !s) {
        finish(s.error());
        return;
    }
    // A quiet account has no new events to move the checkpoint: move it to an hour before this run began,
    // so it never ages out of the 30-day window (the hour re-reads anything Stripe showed us late). In
    // Stripe's time: events are stamped by its clock, and a computer running behind it would otherwise set
    // the checkpoint past events still to come.
    const Millis floor = m_report.startedAt + m_client->serverClockOffset() - 3600 * 1000;
    Status saved = editState(kEvents, [floor](store::SyncState &st) {
        const Checkpoint cp = parseCheckpoint(st.cursor);
        if (!cp.valid || cp.created < floor)
            st.cursor = QString::number(floor) + u':';
    });
    if (saved && !m_report.incremental) {
        saved = editState(kBackfill, [](store::SyncState &st) {
            st.cursor.clear();
            st.lastOkAt = Clock::now();
        });
    }
    if (!saved) {
        finish(saved.error());
        return;
    }
    fetchRefundFollowUps({});
}

Status StripeSync::saveFollowUps()
{
    QStringList ids = m_refundFollowUps.values();
    ids.sort();
    return editState(kRefundFollowUps, [&ids](store::SyncState &st) { st.cursor = ids.join(u' '); });
}

void StripeSync::fetchRefundFollowUps(const QString &startingAfter)
{
    if (m_refundFollowUps.isEmpty()) {
        startChildLists();
        return;
    }
    if (stopIfCancelled())
        return;
    QStringList pending = m_refundFollowUps.values();
    pending.sort();
    const QString charge = pending.first();
    stripe::Query q{{u"charge"_s, charge}, {u"limit"_s, u"100"_s}};
    if (!startingAfter.isEmpty())
        q.append({u"starting_after"_s, startingAfter});
    QPointer<StripeSync> self(this);
    m_client->get(u"/v1/refunds"_s, q, [self, charge](Result<QJsonObject> r) {
        if (!self)
            return;
        if (!r) {
            self->finish(r.error());
            return;
        }
        const QJsonArray data = r.value().value("data"_L1).toArray();
        const Millis fetchedAt = Clock::now();
        if (Status s = self->m_store->begin(); !s) {
            self->finish(s.error());
            return;
        }
        for (const QJsonValue &v : data) {
            auto items = self->m_mapper.mapObject(v.toObject(), fetchedAt);
            if (!items)
                continue;
            if (!self->ingestAll(items.value()))
                return;
            ++self->m_report.items;
        }
        const QString last = data.isEmpty() ? QString() : data.last().toObject().value("id"_L1).toString();
        const bool more = r.value().value("has_more"_L1).toBool() && !last.isEmpty();
        if (!more)
            self->m_refundFollowUps.remove(charge);
        if (!self->commitBatch(self->saveFollowUps()))
            return;
        self->fetchRefundFollowUps(more ? last : QString());
    });
}

void StripeSync::startChildLists()
{
    m_childListError = {};
    m_childFetches.clear();
    for (int i = 0; i < kChildLists; ++i) {
        const ChildList &list = childList(i);
        auto pending = parentsWithoutChildList(m_store->db(), list, kChildListsPerRun);
        if (!pending) {
            finish(pending.error());
            return;
        }
        for (const auto &[id, created] : pending.value())
            m_childFetches.append({i, id, created});
        if (!pending.value().isEmpty())
            qCInfo(lcStripe) << "fetching the" << list.what << "of" << pending.value().size()
                             << list.parentKind << "objects";
    }
    m_childPage = {};
    fetchChildList({});
}

void StripeSync::fetchChildList(const QString &startingAfter)
{
    if (m_childFetches.isEmpty()) {
        finish(m_childListError);
        return;
    }
    if (stopIfCancelled())
        return;
    const PendingChildList pending = m_childFetches.first();
    auto [path, q] = childListRequest(childList(pending.list), pending.parent);
    if (!startingAfter.isEmpty())
        q.append({u"starting_after"_s, startingAfter});
    QPointer<StripeSync> self(this);
    m_client->get(path, q, [self, pending](Result<QJsonObject> r) {
        if (!self)
            return;
        if (!r) {
            self->childListFailed(pending, r.error());
            return;
        }
        const QJsonObject page = r.value();
        if (page.value("object"_L1).toString() != "list"_L1 || !page.value("data"_L1).isArray()) {
            self->childListFailed(pending,
                                  Error{ErrorKind::Parse, u"Stripe sent something other than a list"_s});
            return;
        }
        const QJsonArray data = page.value("data"_L1).toArray();
        for (const QJsonValue &v : data)
            self->m_childPage.append(v);
        ++self->m_report.pages;
        const QString last = data.isEmpty() ? QString() : data.last().toObject().value("id"_L1).toString();
        if (page.value("has_more"_L1).toBool() && !last.isEmpty()) {
            self->fetchChildList(last);
            return;
        }
        // Stored as one list, as an expanded parent would have carried it.
        QJsonObject list = page;
        list.insert("data"_L1, self->m_childPage);
        list.insert("has_more"_L1, false);
        self->m_childPage = {};
        self->m_childFetches.removeFirst();
        const ChildList &kind = childList(pending.list);
        auto items =
            self->m_mapper.mapChildList(kind.kind, pending.parent, list, pending.created, Clock::now());
        if (!items) {
            self->childListFailed(pending, items.error());
            return;
        }
        if (Status s = self->m_store->begin(); !s) {
            self->finish(s.error());
            return;
        }
        if (!self->ingestAll(items.value()) || !self->commitBatch({}))
            return;
        ++self->m_report.items;
        self->emitProgress(kind.kind);
        self->fetchChildList({});
    });
}

void StripeSync::childListFailed(const PendingChildList &pending, const Error &error)
{
    // One parent's list must not hold up the others: remember the first failure, report it when the step
    // ends, and try the parent again next run. Cancelling stops the step; a key that may not read the parents
    // stops that kind of list, as every other request for it would fail the same way.
    const ChildList &list = childList(pending.list);
    qCWarning(lcStripe) << list.what << "of" << pending.parent << ":" << error.message;
    if (m_childListError.kind == ErrorKind::None)
        m_childListError = Error{error.kind, u"%1 of %2: %3"_s.arg(list.what, pending.parent, error.message)};
    m_childPage = {};
    if (!m_childFetches.isEmpty() && m_childFetches.first().list == pending.list &&
        m_childFetches.first().parent == pending.parent)
        m_childFetches.removeFirst();
    if (error.kind == ErrorKind::Cancelled)
        m_childFetches.clear();
    else if (error.kind == ErrorKind::Auth)
        m_childFetches.removeIf([&pending](const PendingChildList &p) { return p.list == pending.list; });
    fetchChildList({});
}

void StripeSync::finish(const Error &error)
{
    if (!m_running)
        return;
    m_running = false;
    // A run that ends early leaves no queue behind (the next one lists again from the checkpoint).
    if (!m_queueRun.isEmpty() && error.kind != ErrorKind::None)
        (void)m_store->clearEventQueue(m_queueRun);
    close(m_report, error, m_cancelRequested, m_client->requestsSent() - m_requestsAtStart,
          m_store->rowsWritten() - m_rowsAtStart);

    (void)addRequests(m_client->requestsSent() - m_requestsRecorded);
    m_requestsRecorded = m_client->requestsSent();
    (void)editState(kEvents, [this, &error](store::SyncState &st) {
        if (m_report.ok) {
            st.lastOkAt = m_report.finishedAt;
            st.lastError.clear();
        } else if (!m_report.cancelled) {
            st.lastError = error.message;
        }
    });
    qCInfo(lcStripe).noquote() << describe(m_report);
    Q_EMIT finished(m_report);
}

} // namespace sb::sync
