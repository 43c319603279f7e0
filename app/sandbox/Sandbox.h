// The provider sandbox: a world of people and journeys served as faithful emulations of the Stripe (and
// later Circle and Kit) APIs on loopback. Single-threaded and asynchronous: it lives on the caller's thread
// and event loop.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace sb::sandbox {

struct World;
struct HttpRequest;
struct HttpResponse;
class HttpServer;
namespace stripe {
class StripeWorld;
class StripeApi;
} // namespace stripe

class Sandbox : public QObject {
    Q_OBJECT
public:
    explicit Sandbox(QObject *parent = nullptr);
    ~Sandbox() override;

    bool loadWorldFile(const QString &path, QString *error); // also accepts ":/sandbox/demo-world.json"
    bool loadWorld(const QJsonObject &world, QString *error);
    void generateWorld(int people, quint64 seed); // deterministic for (people, seed)
    QJsonObject world() const;                    // the world as loaded/generated, plus entries added since

    bool listen(quint16 port = 0); // 127.0.0.1 only; 0 = any free port
    QUrl baseUrl() const;          // http://127.0.0.1:PORT

    void setKeys(const QString &stripeKey, const QString &circleToken, const QString &kitKey);
    void setStripeRateLimit(int requestsPerSecond); // 0 = unlimited (the default)
    // Test hook: the next `count` Stripe requests answer `httpStatus` with Stripe's error body
    // (5xx carry Stripe-Should-Retry: true).
    void failNextStripeRequests(int count, int httpStatus);
    qint64 stripeRequestCount() const;     // Stripe API requests served, 401 and 429 included
    qint64 stripeRateLimitedCount() const; // how many of them were answered 429

    // The sandbox clock (UTC). The world's "now" is the moment the world was loaded.
    QDateTime now() const;

    // Appends one journey entry to the person with this email (created if absent, with the entry's "name")
    // at the sandbox's current time, and materialises its objects and events as if it just happened.
    // provider: "stripe" (served), "circle" or "kit" (kept in the world for now). False + error if invalid.
    bool addJourneyEntry(const QString &email, const QString &provider, const QJsonObject &entry,
                         QString *error);

private:
    struct AddedEntry {
        int person = 0;
        QString email;
        QString name;
        QString provider;
        QJsonObject entry;
    };

    bool load(QJsonObject json, QString *error);
    HttpResponse dispatch(const HttpRequest &request);

    std::unique_ptr<World> m_world;
    QByteArray m_worldBytes; // the world as loaded, compact JSON
    QList<AddedEntry> m_added;
    std::unique_ptr<stripe::StripeWorld> m_stripe;
    std::unique_ptr<stripe::StripeApi> m_stripeApi;
    HttpServer *m_server = nullptr;
    quint16 m_port = 0;
    qint64 m_offset = 0; // sandbox time = world time + offset
    QString m_circleToken;
    QString m_kitKey;
};

} // namespace sb::sandbox
