// Runs one remote action against Circle or Kit: re-read the remote state, write only when it is not already
// as wanted, then confirm. Neither provider has idempotency keys, so check-before-write is what makes a retry
// or a double click safe; a write is retried only when the provider refused it unseen (a 429), never after a
// timeout (net::ApiClient's rule). Knows nothing of the audit log or the cache: ActionRunner does.
#pragma once

#include "actions/Action.h"

#include <functional>
#include <memory>

namespace sb::net {
class ApiClient;
}

namespace sb::actions {

// What a read showed about the member acted on, for the cache (PolledSync::refresh / refreshRemoval): a
// record as its listing would carry it, or a membership the provider no longer shows. Recorded on a no-op
// too: the cache was behind when it proposed the fix.
struct Observed {
    QString provider; // circle | kit
    QString rawKind;  // a record: member, access_group_member, space_member; Kit subscriber, tag, sequence
    QString containerKind; // a removal: access_group, space, tag
    QString containerId;
    QString memberId; // a removal: the member or subscriber id
    QJsonObject record;
    bool removed() const { return rawKind.isEmpty(); }
};

struct RemoteOutcome {
    QString outcome;   // audit::outcome Ok, Noop or Failed
    QString message;   // a failure in the provider's words, a no-op's reason
    QStringList calls; // "METHOD path → ok|not found|failed"
    // The member or subscriber acted on, and its object as last read.
    QString memberId;
    QJsonObject member;
    QList<Observed> observed;
};

class RemoteExecutor {
public:
    RemoteExecutor(net::ApiClient *circle, net::ApiClient *kit);
    ~RemoteExecutor();

    // `done` runs exactly once, on this thread. An action whose provider is not connected fails at once.
    void execute(const Action &action, std::function<void(RemoteOutcome)> done);

private:
    struct Run;
    void runCircle(std::shared_ptr<Run> run);
    void runKit(std::shared_ptr<Run> run);

    net::ApiClient *m_circle;
    net::ApiClient *m_kit;
};

} // namespace sb::actions
