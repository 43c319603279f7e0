// Fills a Config's keys for a profile: the environment first (SWITCHBOARD_*_KEY, for headless runs), then
// the keychain. Every key found is registered with the Redactor, so it is masked wherever it might appear.
#pragma once

#include "common/Config.h"
#include "secrets/SecretStore.h"

#include <functional>

namespace sb::secrets {

struct LoadedKeys {
    Config config;
    QString keychainProblem; // set when the keychain could not be used (unavailable, locked, timed out)
};

// The webhook signing secrets' names beside the providers' keys ("<profile>/stripe_webhook", …).
inline const QString kStripeWebhook = QStringLiteral("stripe_webhook");
inline const QString kKitWebhook = QStringLiteral("kit_webhook");

// providers: any of "stripe", "circle", "kit", kStripeWebhook, kKitWebhook. Answers once, asynchronously.
void loadKeys(SecretStore *store, const QString &profile, Config base, const QStringList &providers,
              std::function<void(LoadedKeys)> done);

} // namespace sb::secrets
