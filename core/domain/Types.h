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
    // The parsed form of `json` when the producer has it (mappers do): the store derives the reconciler's
    // projection from it without parsing the JSON again. Never stored.
    QJsonObject parsed;
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
    QStringList systems; // the providers that know this person (stripe, circle, kit)
};

// Where a person stands with payments, in one line for a header.
struct PaymentState {
    enum class Kind { None, Active, Trialing, PastDue, Canceled, Paid, Refunded, Disputed };
    Kind kind = Kind::None;
    QString detail;       // e.g. product names
    qint64 paidTotal = 0; // minor units, succeeded minus refunded, in `currency`
    QString currency;
};

// Where a person stands in Circle or Kit, for one line of the person page's header.
struct SystemStatus {
    enum class Tone { Neutral, Good, Warning, Bad };
    QString provider;
    Tone tone = Tone::Neutral;
    bool present = false; // has an account there
    QString state; // Circle: active | inactive | deleted; Kit: active | cancelled | bounced | complained …
    QStringList groups;    // Circle access groups (names)
    QStringList spaces;    // Circle spaces (names; "(inactive)" appended when so)
    QStringList tags;      // Circle member tags or Kit tags (names)
    QStringList sequences; // Kit sequences (names)
    int accounts = 0;      // members or subscribers linked to this person (2+ is a duplicate)
};

// Another person who may be the same human (an address that differs only by +suffix or dots, or one an
// account used to have). Never linked automatically.
struct SamePersonCandidate {
    qint64 personId = 0;
    QString displayName;
    QString email;
    QString reason; // loose_email | previous_email
};

struct PersonDetails {
    Person person;
    QList<Identity> identities;
    QStringList emails;
    PaymentState payment;
    SystemStatus circle;
    SystemStatus kit;
    QList<SamePersonCandidate> candidates;
    qint64 timelineCount = 0;
};

// Which rows of a timeline to show: empty lists mean all.
struct TimelineFilter {
    QStringList providers;
    QStringList kinds;
    bool isEmpty() const { return providers.isEmpty() && kinds.isEmpty(); }
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

// Circle and Kit keep no history of who was in which group, space or tag: the raw object of a membership
// exists while the membership does, and the store keeps a projection of them for diffs and for the person
// page. Container kinds: access_group, space, member_tag (Circle), tag (Kit).
struct MembershipFact {
    QString containerKind;
    QString containerId;
    QString memberId; // the identity of the same provider (Circle member id, Kit subscriber id)
    Millis since = 0; // when the provider says it began; 0 when unknown
    QString status = QStringLiteral("active");
};

struct IngestItem {
    RawObject raw;
    OwnerHint owner;
    std::optional<IdentityFact> identity;
    std::optional<MembershipFact> membership; // owner is the member's identity
    QList<TimelineEvent> rows;                // personId is filled in by the store
};

// A membership as the store knows it, for comparing with a fresh listing.
struct StoredMembership {
    QString memberId;
    QString rawKind;
    QString rawId;
    Millis since = 0;
    QString status;
    QByteArray json;
};

} // namespace sb
