// "Test connection": one cheap call per provider that says whether the key works and what it may do.
// For Stripe: which of the resources the console reads are readable, and whether the key could also write
// (more than a read-only console needs). Knows all three providers, like the sync engine does.
#pragma once

#include "common/Config.h"

#include <QObject>
#include <functional>

class QNetworkAccessManager;

namespace sb::connections {

enum class StripeKeyKind {
    SecretTest,
    SecretLive,
    RestrictedTest,
    RestrictedLive,
    Publishable,
    NotAStripeKey
};
StripeKeyKind classifyStripeKey(const QString &key);
QString describe(StripeKeyKind kind);

struct ResourceCheck {
    QString resource; // Stripe's name for it: customers, charges, ...
    bool readable = false;
    QString detail; // why not, when not
};

struct ConnectionReport {
    QString provider;
    bool ok = false;      // the key works for what the console needs
    QString headline;     // one line for the user
    QStringList warnings; // more access than needed, missing permissions, test vs live
    QList<ResourceCheck> resources;
    std::optional<bool> canWrite;  // any of the probed resources writable
    QStringList writable;          // which ones
    std::optional<StripeKeyKind> keyKind;
};

// The resources the console reads from Stripe, with their list paths.
const QList<std::pair<QString, QString>> &stripeResources();

// Resources whose write access the Stripe test probes (the ones a leaked key could do harm with).
const QList<std::pair<QString, QString>> &stripeWriteProbes();

// Owns every test it runs: destroying the tester cancels them without calling back, so it must go before
// the network manager it was given (make the manager its child, or destroy the tester first).
class ConnectionTester : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(ConnectionReport)>;
    explicit ConnectionTester(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~ConnectionTester() override;

    void testStripe(const StripeSettings &settings, Done done);
    void testCircle(const CircleSettings &settings, Done done);
    void testKit(const KitSettings &settings, Done done);

    struct StripeRun;

private:
    QNetworkAccessManager *m_nam;
    QList<std::weak_ptr<StripeRun>> m_runs;
};

} // namespace sb::connections
