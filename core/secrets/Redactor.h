// The last line of defence against secrets in logs and messages: masks anything shaped like a Stripe key
// (sk_/rk_/pk_), a webhook signing secret (whsec_), an Authorization header value, and every secret that
// was registered with it. Code should not log secrets in the first place; this catches what slips through.
#pragma once

#include <QString>

namespace sb::secrets {

class Redactor {
public:
    static QString redact(const QString &text);
    // Secrets read from the keychain or the environment are registered so they are masked wherever they
    // appear.
    static void addSecret(const QString &secret);
    static void clearSecrets();
    // Installs a Qt message handler that redacts every message before the previous handler prints it.
    static void installMessageHandler();
};

} // namespace sb::secrets
