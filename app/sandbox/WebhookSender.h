// Sends webhook deliveries to loopback receivers, asynchronously on the owner's thread: one request at a
// time per queue (an endpoint), in the order enqueued, so a test sees the order the sandbox chose (shuffled
// or not). Never a nested event loop; destroying the sender mid-delivery aborts what is in flight without
// calling anyone back.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <deque>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace sb::sandbox {

class WebhookSender : public QObject {
    Q_OBJECT
public:
    struct Outgoing {
        QUrl url;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    struct Job {
        QString queue;
        // Called when the job's turn comes, so the body and signature are made at send time (an event's
        // pending_webhooks, the signature's timestamp); nullopt drops the job (its endpoint is gone).
        std::function<std::optional<Outgoing>()> prepare;
        // When the request went out, the HTTP status (0 when there was none) and the error when no 2xx came
        // back.
        std::function<void(const QDateTime &attempted, int status, const QString &error)> done;
    };

    explicit WebhookSender(QObject *parent = nullptr);
    ~WebhookSender() override;

    void enqueue(Job job);
    // Drops every queued job and aborts the ones in flight without calling them back (a new world).
    void clear();
    void setTimeout(int msecs) { m_timeoutMs = msecs; }

private:
    void startNext(const QString &queue);
    void abortAll();

    QNetworkAccessManager *m_nam;
    QHash<QString, std::deque<Job>> m_queues;
    QHash<QString, QNetworkReply *> m_inFlight; // queue -> its one request
    int m_timeoutMs = 10000;
};

} // namespace sb::sandbox
