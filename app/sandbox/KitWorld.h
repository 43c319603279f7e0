// Turns the Kit journeys of a world into Kit subscribers (their state at now) with their tags, ready for the
// API v4 emulation, which also writes to them. Kit matches addresses case-insensitively: case variants of one
// address are one subscriber.
#pragma once

#include "World.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <vector>

namespace sb::sandbox::kit {

struct Subscriber {
    qint64 id = 0;
    QString email; // as first seen
    QString firstName;
    QString state = QStringLiteral("active"); // active, inactive, bounced, complained or cancelled
    qint64 created = 0;                       // unix seconds, sandbox time
    qint64 updated = 0;
    QMap<qint64, qint64> tags;      // tag id -> tagged at (kept when unsubscribed, as Kit does)
    QMap<qint64, qint64> sequences; // sequence id -> added at (only API writes add subscribers to sequences)
};

class KitWorld {
public:
    // Rebuilds the subscribers from `world`; every world time is shifted by `offset` seconds. Entries are
    // applied in time order across people, so subscriber ids grow with created_at.
    void materialise(const World &world, qint64 offset);

    // Applies one more entry for the person with this address at `at` (sandbox time).
    void applyLive(const QString &email, const QString &name, const JourneyEntry &entry, qint64 at);

    // In creation (and id) order.
    const std::vector<Subscriber> &subscribers() const { return m_subscribers; }
    const Subscriber *findSubscriber(qint64 id) const;
    const Subscriber *findByEmail(const QString &email) const; // case-insensitive

    const QList<NamedId> &tags() const { return m_tags; }
    const QList<NamedId> &sequences() const { return m_sequences; }
    const NamedId *findTag(qint64 id) const;
    const NamedId *findSequence(qint64 id) const;

    // For the API's writes. Pointers stay valid until the next subscriber is created.
    Subscriber *subscriber(qint64 id);
    Subscriber *subscriberByEmail(const QString &email); // case-insensitive
    // A new subscriber for an address no subscriber has (in any case), at sandbox time `at`.
    Subscriber &createSubscriber(const QString &email, const QString &firstName, const QString &state,
                                 qint64 at);

private:
    void apply(const QString &personEmail, const QString &personName, const JourneyEntry &e, qint64 at);

    QList<NamedId> m_tags;
    QList<NamedId> m_sequences;
    std::vector<Subscriber> m_subscribers;
    QHash<QString, int> m_byEmail; // lower-cased address -> index
};

} // namespace sb::sandbox::kit
