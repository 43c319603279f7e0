// The Stripe API keys the sandbox accepts (the full secret key, and restricted keys with access per resource)
// and the error bodies Stripe answers with when a key is missing, wrong or not allowed.
#pragma once

#include "HttpServer.h"
#include "StripeAccess.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace sb::sandbox::stripe {

// Stripe's error body {"error":{"type","message"[,"code","doc_url"][,"param"]}} with an HTTP status.
HttpResponse stripeError(int status, const QString &type, const QString &message, const QString &code = {},
                         const QString &param = {});
// A 400 invalid_request_error.
HttpResponse invalidRequest(const QString &message, const QString &param = {}, const QString &code = {});

// The masked form Stripe shows for a key: prefix kept, only the last four characters visible.
QString maskKey(const QString &key);

class StripeKeys {
public:
    // Resource names a restricted key grants access to, as the sandbox spells them ("checkout_sessions").
    static const QStringList &resources();
    // Stripe's permission name: "rak_customer_read", "rak_checkout_session_write".
    static QString permissionName(const QString &resource, bool write);
    static bool isRestrictedKey(const QString &key); // rk_test_… or rk_live_…

    void setSecretKey(const QString &key) { m_secret = key; }
    // Replaces any earlier grant for the same key; resources not named are None.
    void addRestricted(const QString &key, const QHash<QString, StripeAccess> &access);

    bool accepts(const QString &key) const;
    bool allows(const QString &key, const QString &resource, bool write) const;

    // 401 for no key or a key the sandbox does not know (the key masked, never echoed).
    static HttpResponse unauthorised(const QString &key);
    // 403 naming the permission that would let the request through.
    static HttpResponse permissionDenied(const QString &key, const QString &resource, bool write);

private:
    QString m_secret = QStringLiteral("sk_test_sandbox");
    QHash<QString, QHash<QString, StripeAccess>> m_restricted;
};

} // namespace sb::sandbox::stripe
