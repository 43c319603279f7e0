// The sandbox's world model: catalog, policy and people with their journeys, parsed and validated from a
// world file (DESIGN.md "World file", version 1). Compatible extension: "stripe_webhook_endpoints": [{"url",
// "enabled_events": [types or "*"], "status": "enabled"|"disabled", "api_version", "description",
// "created": world time, "failing_since": world time}] (README.md "Webhooks").
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace sb::sandbox {

enum class Provider { Stripe, Circle, Kit };

QString providerName(Provider provider);

// One step of a person's journey with one provider. Times are unix seconds in world time (not yet shifted).
struct JourneyEntry {
    qint64 at = 0;
    QString verb;
    QString email; // another address than the person's, empty when absent
    int index = 0; // position in the journey as written, for messages

    // stripe
    QString price;
    qint64 amount = -1; // refund/dispute amount in minor units, -1 = the whole remaining amount
    bool atPeriodEnd = false;
    QString to;     // change_email
    QString reason; // dispute reason

    // circle
    QList<qint64> accessGroups;
    QList<qint64> spaces;
    qint64 accessGroup = 0;
    qint64 space = 0;

    // kit
    QList<qint64> tags;
};

struct Person {
    int index = 0;
    QString name;
    QString email;
    QList<JourneyEntry> stripe;
    QList<JourneyEntry> circle;
    QList<JourneyEntry> kit;
    QStringList expect;
    bool hasExpect = false;

    QList<JourneyEntry> &journey(Provider provider);
    const QList<JourneyEntry> &journey(Provider provider) const;
    QString label() const; // "people[3] (ada@example.com)"
};

struct CatalogProduct {
    QString product;
    QString price;
    QString name;
    QString mode; // "subscription" or "payment"
    qint64 amount = 0;
    QString currency;
    QString interval; // "month" or "year" for subscriptions (optional field, default month)

    bool isSubscription() const { return mode == QLatin1StringView("subscription"); }
};

struct NamedId {
    qint64 id = 0;
    QString name;
};

struct PolicyEntry {
    QString price;
    QString product;
    QList<qint64> circleAccessGroups;
    QList<qint64> circleSpaces;
    QList<qint64> kitTags;
    QList<qint64> kitSequences;
};

// A Stripe webhook endpoint of the world file ("stripe_webhook_endpoints"). One whose url is not loopback
// http is simulated: never contacted, its deliveries fail for events created at or after failing_since.
struct WorldWebhookEndpoint {
    QString url;
    QStringList enabledEvents; // event types or "*"
    bool disabled = false;     // "status": "disabled"
    QString apiVersion;        // empty = null
    QString description;
    qint64 created = 0; // world time
    bool hasCreated = false;
    qint64 failingSince = 0; // world time
    bool hasFailingSince = false;
};

struct World;

// Calls visit(person, entry) for every entry of one provider's journeys, oldest first; entries at the same
// time keep the order of people, then of the journey as written. How every provider's state is built.
void forEachInTimeOrder(const World &world, Provider provider,
                        const std::function<void(const Person &, const JourneyEntry &)> &visit);

struct World {
    int version = 1;
    qint64 now = 0; // unix seconds, world time
    QList<CatalogProduct> products;
    QList<NamedId> circleAccessGroups;
    QList<NamedId> circleSpaces;
    QList<NamedId> circleMemberTags;
    QList<NamedId> kitTags;
    QList<NamedId> kitSequences;
    QList<PolicyEntry> policy;
    QList<Person> people;
    QList<WorldWebhookEndpoint> stripeWebhookEndpoints;

    const CatalogProduct *findPrice(const QString &price) const;
    const CatalogProduct *firstOfMode(const QString &mode) const;
    int findPerson(const QString &email) const; // exact address, -1 when absent

    // Parses and validates a whole world. On failure returns false and one clear line naming the place.
    static bool fromJson(const QJsonObject &json, World *out, QString *error);

    // Parses one journey entry (shared by the loader and Sandbox::addJourneyEntry). `requireAt` is false for
    // entries that happen "now". The catalog of `this` is used to check prices and ids.
    bool parseEntry(Provider provider, const QJsonObject &json, bool requireAt, JourneyEntry *out,
                    QString *error) const;
};

// ISO 8601 ("2026-11-20T12:00:00Z") or unix seconds; false when neither.
bool parseWorldTime(const QJsonValue &value, qint64 *seconds);
QString formatWorldTime(qint64 seconds);

} // namespace sb::sandbox
