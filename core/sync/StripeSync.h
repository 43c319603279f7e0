// One Stripe sync run: a backfill of every object the console uses, or an incremental pass over the Events
// API from the stored checkpoint. Asynchronous, on the thread that owns it; each page is written in one
// transaction together with its cursor, so a crash at any point leaves a cache that resumes.
#pragma once

#include "providers/stripe/StripeClient.h"
#include "providers/stripe/StripeMapper.h"
#include "store/Store.h"
#include "sync/SyncTypes.h"

#include <QJsonArray>
#include <QObject>
#include <QSet>
#include <functional>

namespace sb::sync {

class StripeSync : public QObject {
    Q_OBJECT
public:
    StripeSync(store::Store *store, stripe::StripeClient *client, QObject *parent = nullptr);

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

    // An event pushed to the live receiver (already verified): applied as a pulled event is, in its own
    // transaction; a duplicate when it was already there (pulled, or received before). Safe during a run: the
    // run skips it by id when its page comes; a refund follow-up is saved with the event.
    enum class Pushed { Applied, Duplicate, Unusable };
    Result<Pushed> applyPushedEvent(const QJsonObject &event);
    // Without a key nothing can be re-read: the worker switches it off, so nothing piles up.
    void setRereadPushed(bool on) { m_rereadOn = on; }
    // Re-reads the objects that pushed events carried (a subscription, charge, invoice, dispute, customer),
    // one GET each, stored with the moment they were fetched: two events from the same second cannot be
    // ordered by their time, the object as Stripe shows it now can. A pushed charge.refunded also lists the
    // charge's refunds (recent API versions name none in the event), as a run's refund follow-up would.
    // `done` gets the error of the first failure, if any (the rest are still read); safe to call while one is
    // under way (it joins it).
    void rereadPushed(std::function<void(const Error &)> done);
    bool hasRereads() const { return !m_rereads.isEmpty(); }
    bool isRereading() const { return !m_rereadDone.isEmpty(); }

    // Events older than this are gone from Stripe; a checkpoint older than that re-lists the objects.
    static constexpr Millis kEventWindow = 30LL * 24 * 3600 * 1000;
    // Completed checkout sessions whose line items, and paid or open invoices whose payments, one run fetches
    // at most, of each (one request each, mostly).
    static constexpr int kChildListsPerRun = 100;

Q_SIGNALS:
    void progress(const sb::sync::SyncProgress &progress);
    void finished(const sb::sync::SyncReport &report);

private:
    struct Stream {
        QString name; // sync_state stream and display name
        QString path; // /v1/...
        stripe::Query extra;
    };
    void loadCatalog();
    void nextStream();
    void fetchPage(const Stream &stream, const QString &startingAfter);
    void applyPage(const Stream &stream, const QJsonObject &page, const QString &startingAfter);
    // A page that ends at the object it was asked to page after makes no progress: asked once more, then the
    // listing stops with an error instead of looping.
    Status checkProgress(const QString &stream, const QString &startingAfter, const QString &lastId,
                         bool more);
    void startEvents(Millis since);
    void fetchEvents(const QString &startingAfter);
    // A page whose envelope contradicts itself (an error when it does).
    static Status checkPage(const QString &path, const QJsonObject &page);
    bool restartAfterMissingCursor(const QString &stream, const QString &startingAfter, const Error &error);
    void applyEvents();
    void applyEventBatch();
    void rereadNext();
    // Inside a transaction. False: skipped (a duplicate, or `*unusable` set when it could not be mapped).
    Result<bool> applyOneEvent(const QJsonObject &event, bool *unusable = nullptr);
    void finishEvents();
    Status saveFollowUps();
    void fetchRefundFollowUps(const QString &startingAfter);
    struct PendingChildList {
        int list = 0;   // which kind of list (line items, invoice payments)
        QString parent; // the session or invoice
        Millis created = 0;
    };
    void startChildLists();
    void fetchChildList(const QString &startingAfter);
    void childListFailed(const PendingChildList &pending, const Error &error);
    void finish(const Error &error);
    bool stopIfCancelled();
    void emitProgress(const QString &stream);
    Status editState(const QString &stream, const std::function<void(store::SyncState &)> &edit);
    Status saveStreamCursor(const QString &stream, const QString &cursor);
    bool ingestAll(const QList<IngestItem> &items);
    bool commitBatch(Status cursorSaved);
    Status addRequests(qint64 n);

    store::Store *m_store;
    stripe::StripeClient *m_client;
    stripe::StripeMapper m_mapper;
    QList<Stream> m_streams;
    int m_streamIndex = 0;
    // Events are queued on disk as listed (newest first) and applied from the end of the queue (oldest
    // first); m_eventSeq is the queue position of the last one applied (0: none yet).
    qint64 m_eventSeq = 0;
    QString m_queueRun; // this run's token in the queue
    Millis m_eventsSince = 0;
    QSet<QString> m_refundFollowUps; // charges whose refunds must be fetched (persisted with each batch)
    bool m_rereadOn = true;
    bool m_catalogLoaded = false;
    struct Reread {
        QString path;        // an object ("/v1/subscriptions/sub_…") or a list ("/v1/refunds")
        stripe::Query query; // a list's filter ("charge=ch_…")
        bool operator==(const Reread &o) const { return path == o.path && query == o.query; }
    };
    QList<Reread> m_rereads; // what pushed events carried, to read as Stripe shows it now
    QList<std::function<void(const Error &)>> m_rereadDone; // non-empty while re-reading
    Error m_rereadError;
    QSet<QString> m_restarted; // listings already restarted this run after a vanished cursor
    QSet<QString> m_repeated;  // listings already asked again this run after a page without progress
    // Still to fetch this run: line items, then invoice payments, each newest first.
    QList<PendingChildList> m_childFetches;
    QJsonArray m_childPage; // the current parent's children so far
    Error m_childListError; // the first failure; the other parents are still fetched
    SyncReport m_report;
    qint64 m_requestsAtStart = 0;
    qint64 m_requestsRecorded = 0;
    qint64 m_rowsAtStart = 0;
    bool m_running = false;
    bool m_cancelRequested = false;
};

} // namespace sb::sync
