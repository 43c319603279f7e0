// Where the providers live and how to reach them: an INI file (--config) plus keys from the environment.
// Secrets are carried in memory only; they are never written back to any file.
#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

namespace sb {

// How a provider's failed requests are retried (net::RetryPolicy). Not read from the INI file: the defaults
// follow each provider's published limits, and tests shorten the waits so a fault costs seconds, not minutes.
// A Retry-After header is honoured whatever these say.
struct RetrySettings {
    int maxAttempts = 6;
    int baseDelayMs = 500;
    int maxDelayMs = 30000;
    int rateLimitMinDelayMs = 1000; // a 429 without Retry-After never retries sooner than this
};

struct StripeSettings {
    QUrl baseUrl{QStringLiteral("https://api.stripe.com")};
    QString apiKey;               // secret: from the keychain or SWITCHBOARD_STRIPE_KEY
    double requestsPerSecond = 0; // 0 = choose from the key (test mode 20/s, live 80/s)
    int pageSize = 100;
    int transferTimeoutMs = 30000; // no byte for this long: the request failed (and is retried)
    RetrySettings retry;
};

struct CircleSettings {
    QUrl baseUrl{QStringLiteral("https://app.circle.so")};
    QString authScheme = QStringLiteral("Token");
    QString token;                 // secret: from the keychain or SWITCHBOARD_CIRCLE_TOKEN
    int pageSize = 100;            // the largest page Circle serves (undocumented; has_next_page is followed)
    double requestsPer5Min = 2000; // Circle's limit per 5 minutes per IP (the pacer stays under 95 % of it)
    qint64 monthlyQuota = 5000;    // the plan's monthly request quota (Business: 5,000); 0 = none
    int intervalMinutes = 30;      // automatic incremental passes (newest pages only)
    int fullEveryHours = 24;       // automatic full comparison of every member, group, space and tag
    int transferTimeoutMs = 30000;
    RetrySettings retry{6, 500, 90 * 1000, 60 * 1000}; // Circle asks for about 60 s after a 429
};

struct KitSettings {
    QUrl baseUrl{QStringLiteral("https://api.kit.com")};
    QString apiKey;                 // secret: from the keychain or SWITCHBOARD_KIT_KEY
    int pageSize = 1000;            // Kit's maximum
    double requestsPerMinute = 120; // Kit's limit per rolling 60 s for an API key (paced under 95 % of it)
    int intervalMinutes = 5;
    int fullEveryHours = 6; // full comparison of tag sets: incremental listings miss removals
    int transferTimeoutMs = 30000;
    RetrySettings retry{6, 500, 30000, 10 * 1000}; // Kit's 429 carries no Retry-After
};

// The live webhook receiver (webhooks/WebhookReceiver): loopback only, off by default in the console.
struct WebhookSettings {
    QString
        stripeSecret;  // secret(s): keychain "<profile>/stripe_webhook" or SWITCHBOARD_STRIPE_WEBHOOK_SECRET
    QString kitSecret; // secret(s): keychain "<profile>/kit_webhook" or SWITCHBOARD_KIT_WEBHOOK_SECRET
    int port = 8788;   // [webhooks] port: where `switchboard listen` and the console's receiver listen
    int toleranceSeconds = 300;     // [webhooks] tolerance_seconds: the oldest signature accepted
    bool receiverOnAtStart = false; // [webhooks] receiver: on — the console starts it by itself
};

// Several secrets may be given at once while one is being rotated, separated by commas or whitespace.
QList<QByteArray> webhookSecrets(const QString &secrets);

// https anywhere; plain http only to this computer (the sandbox), so a key never crosses a network
// unencrypted.
bool isAcceptableBaseUrl(const QUrl &url);

struct Config {
    StripeSettings stripe;
    CircleSettings circle;
    KitSettings kit;
    WebhookSettings webhooks;
    // The [findings] section as written (past_due_grace_days, <rule>_grace_seconds, <rule>_severity,
    // <rule>_enabled); the reconciler's settings validate it (reconcile::ReconcileSettings::fromConfig).
    QHash<QString, QString> findings;
    QString dbPath;
    bool dbPathFromFile = false; // the INI named the cache ([general] db)

    // Reads the INI file (when given) and the SWITCHBOARD_* environment variables.
    static Result<Config> load(const QString &iniPath);
    static QString defaultDbPath();
};

} // namespace sb
