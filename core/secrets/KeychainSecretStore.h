// The OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
// Windows). Asynchronous jobs with a timeout and one retry; errors by their enum; never an insecure fallback.
#pragma once

#include "secrets/SecretStore.h"

namespace sb::secrets {

class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr, int timeoutMs = 5000);

    void read(const QString &name, ReadCallback done) override;
    void write(const QString &name, const QString &value, DoneCallback done) override;
    void remove(const QString &name, DoneCallback done) override;
    QString backendName() const override;

    // The Secret Service is reached over the session bus; without one a keychain call could only hang.
    static bool sessionBusLikelyAvailable();
    static constexpr const char *kService = "Switchboard";

private:
    enum class Op { Read, Write, Remove };
    struct Call;
    void run(std::shared_ptr<Call> call);
    int m_timeoutMs;
};

} // namespace sb::secrets
