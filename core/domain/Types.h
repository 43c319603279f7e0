// Value types of the domain, shared by store, sync, models and the command line.
#pragma once

#include "common/Time.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>
#include <optional>

namespace sb {

namespace provider {
inline const QString Stripe = QStringLiteral("stripe");
inline const QString Circle = QStringLiteral("circle");
inline const QString Kit = QStringLiteral("kit");
inline const QString Local = QStringLiteral("local");
} // namespace provider

// One provider object exactly as received, keyed by (provider, kind, externalId).
struct RawObject {
    QString provider;
    QString kind;
    QString externalId;
    QByteArray json;
    Millis providerTime = 0; // when the provider says it was created
    Millis snapshotAt = 0;   // the moment this version of the object describes (event time or fetch time)
};

// A row of a person's timeline. sourceKey names the fact, not the path it came by, so the same fact from a
// listed object and from an event is one row.
struct TimelineEvent {
    qint64 id = 0;
    qint64 personId = 0;
    Millis at = 0;
    QString provider;
    QString kind;
    QString sourceKey;
    QString summary;
    std::optional<qint64> amount; // minor units
    QString currency;             // ISO 4217, lower case as Stripe sends it
    bool observed = false;        // true when `at` is when we saw it, not when it happened
    QJsonObject detail;
};

struct Identity {
    QString provider;
    QString externalId;
    qint64 personId = 0;
    QString email;
    QString emailNorm;
    QString name;
    QString link;      // auto | manual
    QUrl dashboardUrl; // where a human opens this account at the provider, when known
};

struct Person {
    qint64 id = 0;
    QString displayName;
    QString primaryEmail;
    Millis createdAt = 0;
};

struct SearchHit {
    qint64 personId = 0;
    QString displayName;
    QString primaryEmail;
    QString matchedOn; // email | name | id
    QString matchedValue;
};

// Where a person stands with payments, in one line for a header.
struct PaymentState {
    enum class Kind { None, Active, Trialing, PastDue, Canceled, Paid, Refunded, Disputed };
    Kind kind = Kind::None;
    QString detail;       // e.g. product names
    qint64 paidTotal = 0; // minor units, succeeded minus refunded, in `currency`
    QString currency;
};

struct PersonDetails {
    Person person;
    QList<Identity> identities;
    QStringList emails;
    PaymentState payment;
    qint64 timelineCount = 0;
};

} // namespace sb

Q_DECLARE_METATYPE(sb::SearchHit)
Q_DECLARE_METATYPE(sb::TimelineEvent)

namespace sb {

// What a provider mapper derived from one object: the raw object, who it belongs to, and its timeline rows.
struct IdentityFact {
    QString provider;
    QString externalId;
    QString email;
    QString name;
    Millis createdAt = 0;
};

// How to find the owner of an object that is not itself an identity. Tried in order.
struct OwnerHint {
    QString identityId;     // an identity of the same provider (Stripe customer id)
    QString viaKind, viaId; // borrow the owner of another raw object (a refund's charge)
    QString email;          // last resort: a guest checkout's email
};

struct IngestItem {
    RawObject raw;
    OwnerHint owner;
    std::optional<IdentityFact> identity;
    QList<TimelineEvent> rows; // personId is filled in by the store
};

} // namespace sb
