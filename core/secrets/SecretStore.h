// Where API keys and signing secrets live: the OS keychain, behind this interface (DESIGN.md "Secrets").
// Every call answers exactly once, asynchronously, on the caller's thread.
#pragma once

#include "common/Result.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace sb::secrets {

// Names of the secrets Switchboard keeps, per profile: "<profile>/stripe", "<profile>/circle",
// "<profile>/kit".
QString secretName(const QString &profile, const QString &provider);

class SecretStore : public QObject {
    Q_OBJECT
public:
    using ReadCallback = std::function<void(Result<QString>)>;
    using DoneCallback = std::function<void(Status)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    // A missing secret is ErrorKind::NotFound; no keychain at all is ErrorKind::Unavailable.
    virtual void read(const QString &name, ReadCallback done) = 0;
    virtual void write(const QString &name, const QString &value, DoneCallback done) = 0;
    // Removing a secret that is not there succeeds.
    virtual void remove(const QString &name, DoneCallback done) = 0;
    // Shown to the user: where the secrets are kept.
    virtual QString backendName() const = 0;
};

// For tests and for runs that must not touch the user's keychain. Answers on the next event-loop turn, like
// a real keychain, so code cannot come to rely on synchronous answers.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void read(const QString &name, ReadCallback done) override;
    void write(const QString &name, const QString &value, DoneCallback done) override;
    void remove(const QString &name, DoneCallback done) override;
    QString backendName() const override;

    // Makes every call fail as a missing keychain would (to test how that is shown).
    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }

private:
    QHash<QString, QString> m_values;
    bool m_unavailable = false;
};

} // namespace sb::secrets
