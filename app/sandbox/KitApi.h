// Answers Kit API v4 requests (/v4/...) the way api.kit.com does: the X-Kit-Api-Key header (or an OAuth
// Bearer token), cursor pagination, Kit's error bodies and its rolling rate limit. Reads: the account,
// subscribers and their tags, tags and their subscribers, sequences and their subscribers, webhooks; the
// writes are KitWrites' (and KitWebhooks' for webhooks).
#pragma once

#include "HttpServer.h"
#include "InjectedFaults.h"
#include "KitWebhooks.h"
#include "KitWrites.h"
#include "RateWindow.h"

#include <QMap>
#include <QString>
#include <QStringView>

namespace sb::sandbox {
struct NamedId;
}

namespace sb::sandbox::kit {

class KitWorld;
struct Subscriber;

class KitApi {
public:
    explicit KitApi(KitWorld &world);

    void setKey(const QString &key) { m_key = key; }
    // At most `requests` in any `windowSeconds` (Kit, API key: 120 per rolling 60 s); 0 = no limit.
    void setRateLimit(int requests, int windowSeconds) { m_rate.set(requests, windowSeconds); }

    // Test hook: the next `count` requests answer `status` with Kit's error body (a 429 is the plain-text
    // "Retry later"), checked after the rate limit, before the key.
    void failNext(int count, int status) { m_faults.set(count, status); }

    HttpResponse handle(const HttpRequest &request, qint64 now);

    qint64 requestCount() const { return m_requests; }
    qint64 writeCount() const { return m_writes.changeCount(); } // writes that changed something
    KitWebhooks &webhooks() { return m_webhooks; }

private:
    bool authorised(const HttpRequest &request) const;
    HttpResponse route(const HttpRequest &request, const QStringList &segments);
    HttpResponse account() const;
    HttpResponse listSubscribers(const HttpRequest &request);
    HttpResponse showSubscriber(const QString &id);
    HttpResponse subscriberTags(const HttpRequest &request, const QString &id);
    HttpResponse listTags(const HttpRequest &request);
    HttpResponse tagSubscribers(const HttpRequest &request, const QString &id);
    HttpResponse listSequences(const HttpRequest &request);
    HttpResponse listWebhooks(const HttpRequest &request) const;
    HttpResponse sequenceSubscribers(const HttpRequest &request, const QString &id);
    // The subscribers in `record` (a tag or sequence; 404 when null) by their `rows`, with the request's
    // filter and `afterKey` time, each with its row's time as `timeKey`.
    HttpResponse subscribersIn(const HttpRequest &request, const NamedId *record,
                               QMap<qint64, qint64> Subscriber::*rows, QStringView afterKey,
                               const QString &timeKey) const;

    const KitWorld &m_world;
    KitWrites m_writes;
    KitWebhooks m_webhooks;
    QString m_key = QStringLiteral("kit_sandbox");
    qint64 m_requests = 0;
    InjectedFaults m_faults;
    RateWindow m_rate;
};

} // namespace sb::sandbox::kit
