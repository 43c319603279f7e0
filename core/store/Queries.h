// The read side of the cache: bounded, indexed queries that are cheap enough for the GUI thread.
#pragma once

#include "common/Result.h"
#include "domain/Types.h"

#include <QSqlDatabase>

namespace sb::store {

struct TimelineCursor {
    Millis at = 0;
    qint64 id = 0;
    bool valid = false;
};

class Queries {
public:
    explicit Queries(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    // Any identifier: a whole or partial email, a name or part of one, a provider id (cus_, ch_, pi_, in_,
    // sub_, cs_, evt_, re_, du_, ...). Exact id matches come first, then emails, then names.
    Result<QList<SearchHit>> search(const QString &query, int limit = 50);

    // Resolves what a user typed to one person: a person id ("42" or "person:42"), an email or a provider id.
    Result<qint64> resolvePerson(const QString &idOrEmail);

    Result<PersonDetails> person(qint64 personId);

    // Newest first. Pass the cursor of the last row of the previous page to get the next one.
    Result<QList<TimelineEvent>> timelinePage(qint64 personId, const TimelineCursor &after, int limit,
                                              const TimelineFilter &filter = {});
    // The kinds of row a person's timeline holds, per provider ("stripe" -> payment_succeeded, ...).
    Result<QList<std::pair<QString, QString>>> timelineKinds(qint64 personId);
    // People who may be the same human as this one (never linked automatically).
    Result<QList<SamePersonCandidate>> samePersonCandidates(qint64 personId);

    Result<qint64> count(const QString &table);
    // True when no person is cached yet (cheap: stops at the first row).
    Result<bool> isEmpty();

    struct SyncSummary {
        std::optional<Millis> lastOkAt;
        QString lastError;
        qint64 requestsSpent = 0;
        qint64 requestsThisMonth = 0; // calendar month, UTC
    };
    Result<SyncSummary> syncSummary(const QString &provider);

private:
    Result<PaymentState> paymentState(qint64 personId);
    Result<SystemStatus> systemStatus(qint64 personId, const QString &provider);
    Status addSystems(QList<SearchHit> &hits);
    QSqlDatabase m_db;
};

// True when the text looks like an identifier of a provider object rather than a name or email.
bool looksLikeProviderId(const QString &text);

} // namespace sb::store
