#include "WebhookSender.h"

#include "WebhookSigning.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace sb::sandbox {

WebhookSender::WebhookSender(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    // A proxy from the environment would carry a loopback delivery off this machine.
    m_nam->setProxy(QNetworkProxy::NoProxy);
}

WebhookSender::~WebhookSender()
{
    abortAll();
}

void WebhookSender::abortAll()
{
    const QList<QNetworkReply *> replies = m_inFlight.values();
    m_inFlight.clear();
    for (QNetworkReply *reply : replies) {
        // No callback may run now: the owner is going away or has moved to a new world.
        reply->disconnect(this);
        reply->abort();
        delete reply;
    }
}

void WebhookSender::clear()
{
    m_queues.clear();
    abortAll();
}

void WebhookSender::enqueue(Job job)
{
    const QString queue = job.queue;
    m_queues[queue].push_back(std::move(job));
    startNext(queue);
}

void WebhookSender::startNext(const QString &queue)
{
    if (m_inFlight.contains(queue))
        return;
    auto found = m_queues.find(queue);
    while (found != m_queues.end() && !found->empty()) {
        Job job = std::move(found->front());
        found->pop_front();
        const std::optional<Outgoing> out = job.prepare ? job.prepare() : std::nullopt;
        if (!out)
            continue;
        if (!isLoopbackHttp(out->url)) {
            // Callers only enqueue loopback URLs; this is the last line that keeps the promise.
            job.done(QDateTime::currentDateTimeUtc(), 0,
                     u"not a loopback http URL: the sandbox sends nowhere else"_s);
            found = m_queues.find(queue);
            continue;
        }
        QNetworkRequest request(loopbackTarget(out->url));
        for (const auto &[name, value] : out->headers)
            request.setRawHeader(name, value);
        // A redirect could point anywhere: a 3xx is a failed delivery, as with the providers.
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(m_timeoutMs);
        const QDateTime attempted = QDateTime::currentDateTimeUtc();
        QNetworkReply *reply = m_nam->post(request, out->body);
        m_inFlight.insert(queue, reply);
        connect(reply, &QNetworkReply::finished, this,
                [this, queue, reply, attempted, done = std::move(job.done)] {
                    m_inFlight.remove(queue);
                    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    const QString error =
                        status >= 200 && status < 300
                            ? QString()
                            : (status > 0 ? u"HTTP "_s + QString::number(status) : reply->errorString());
                    reply->deleteLater();
                    const QPointer<WebhookSender> alive(this);
                    done(attempted, status, error);
                    if (alive) // the callback may have destroyed the sandbox, and this with it
                        startNext(queue);
                });
        return;
    }
    if (found != m_queues.end() && found->empty())
        m_queues.erase(found);
}

} // namespace sb::sandbox
