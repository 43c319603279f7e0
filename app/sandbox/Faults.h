// Provider fault injection: a plan (parsed from `--faults SPEC` or built by a test) and the engine that
// applies it to each API request in Sandbox::dispatch. Status faults reuse each API's own error bodies
// (InjectedFaults); the others rewrite the answer, or how it is sent (HttpResponse::transport).
#pragma once

#include "Random.h"
#include "World.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace sb::sandbox {

struct HttpRequest;
struct HttpResponse;

enum class FaultKind {
    Status,   // the provider's error answer with this HTTP status (429 with or without Retry-After, 5xx, ...)
    Timeout,  // no answer at all: the connection stays open and silent
    Stall,    // status, headers and half the body, then silence
    Cut,      // status, headers and half the body, then the connection closes
    Truncate, // a complete 200 whose JSON stops halfway
    Malformed, // a complete 200 whose body is not JSON
    Html,      // a 200 text/html error page, as a proxy in front of the API might send
    Empty,     // a list page without its records; has_more / has_next_page and cursors as they were
    Repeat,    // a later list page answered with the page before it again
    MoreLie,   // a list page says more follow (has_more / has_next_page true) whatever the truth
    EndLie,    // a list page says it is the last (false) whatever the truth
    Shuffle,   // a list page's records in a shuffled order (Stripe /v1/events: events out of order)
    Duplicate, // a list page's records each twice, the copies shuffled in
    Revoke,    // the key stops working: 401 (the provider's own) from that request on, until restored
};

struct Fault {
    Provider provider = Provider::Stripe;
    FaultKind kind = FaultKind::Status;
    int status = 500;           // Status
    int retryAfterSeconds = -1; // Status: a Retry-After header (-1: none)
    qint64 first = 1;           // the provider's request (from 1, counted since the plan was set)
    qint64 count = 1;           // how many (0: every one from `first` on)
    double probability = 0;     // > 0: each request meets it with this chance (seeded) instead
    QString path;               // non-empty: only requests whose path starts with it meet it
};

struct FaultPlan {
    QList<Fault> faults;
    quint64 seed = 1;
    qint64 clockSkewSeconds = 0; // the sandbox clock runs this far ahead of the real one (negative: behind)

    // The grammar is in README.md ("Fault injection"). nullopt + `error` naming the bad item.
    static std::optional<FaultPlan> parse(const QString &spec, QString *error);
    QString toSpec() const;
    bool isEmpty() const { return faults.isEmpty() && clockSkewSeconds == 0; }
};

// Applies a plan. Counts requests per provider; a page fault (Empty .. Duplicate) whose request is not a list
// page waits for the next one, so `@N` means "the first list page at or after request N".
class FaultEngine {
public:
    struct Hit {
        QList<qsizetype> faults; // indexes into the plan that this request meets
        bool revoked = false;
        std::optional<int> status;  // a Status fault: what the API should answer (its own error body)
        int retryAfterSeconds = -1; // with it
    };

    void setPlan(FaultPlan plan); // resets counters and ends revocations
    const FaultPlan &plan() const { return m_plan; }
    void restoreKeys(); // every revoked key works again

    // Counts the request and says which faults it meets; a revoked request has its credentials spoilt here,
    // so the API answers its own 401.
    Hit before(Provider provider, HttpRequest &request);
    // Rewrites the answer as the faults met say.
    void after(Provider provider, const Hit &hit, const HttpRequest &request, HttpResponse &response);

    qint64 faultsServed(Provider provider) const { return m_served[index(provider)]; }

private:
    static int index(Provider p) { return static_cast<int>(p); }
    bool inWindow(const Fault &f, qint64 n);
    void rewritePage(const Fault &f, Provider provider, QByteArray &body);

    FaultPlan m_plan;
    SplitMix64 m_random{1};
    std::array<qint64, 3> m_requests{};
    std::array<qint64, 3> m_served{};
    std::array<bool, 3> m_revoked{};
    QList<qint64> m_fired; // per fault: how many times it acted (page faults wait for a page)
    QHash<QString, QByteArray> m_previousPage; // "provider path" → the last list page served there
};

} // namespace sb::sandbox
