#include "StripeKeys.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sandbox::stripe {

namespace {

// The account every sandbox key belongs to, as Stripe names it in permission errors.
const QString AccountId = u"acct_sandbox"_s;

const QString NoKeyMessage =
    u"You did not provide an API key. You need to provide your API key in the Authorization header, using "
    u"Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
    u"https://stripe.com/docs/api#authentication "
    u"for details, or we can help at https://support.stripe.com/."_s;

} // namespace

HttpResponse stripeError(int status, const QString &type, const QString &message, const QString &code,
                         const QString &param)
{
    QJsonObject error{{u"type"_s, type}, {u"message"_s, message}};
    if (!code.isEmpty()) {
        error.insert(u"code"_s, code);
        error.insert(u"doc_url"_s,
                     QString(u"https://stripe.com/docs/error-codes/"_s + QString(code).replace(u'_', u'-')));
    }
    if (!param.isEmpty())
        error.insert(u"param"_s, param);
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject{{u"error"_s, error}}).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse invalidRequest(const QString &message, const QString &param, const QString &code)
{
    return stripeError(400, u"invalid_request_error"_s, message, code, param);
}

QString maskKey(const QString &key)
{
    static const QString prefixes[] = {u"sk_test_"_s, u"sk_live_"_s, u"rk_test_"_s,
                                       u"rk_live_"_s, u"pk_test_"_s, u"pk_live_"_s};
    QString prefix;
    for (const QString &p : prefixes) {
        if (key.startsWith(p))
            prefix = p;
    }
    const QString rest = key.mid(prefix.size());
    if (rest.size() <= 4)
        return prefix + QString(std::max<qsizetype>(rest.size(), 4), u'*');
    return prefix + QString(rest.size() - 4, u'*') + rest.right(4);
}

const QStringList &StripeKeys::resources()
{
    static const QStringList names = {
        u"customers"_s,     u"charges"_s,  u"payment_intents"_s, u"invoices"_s,
        u"subscriptions"_s, u"refunds"_s,  u"disputes"_s,        u"checkout_sessions"_s,
        u"events"_s,        u"products"_s, u"prices"_s,          u"webhook_endpoints"_s};
    return names;
}

QString StripeKeys::permissionName(const QString &resource, bool write)
{
    // Stripe names permissions after the singular object: rak_customer_read, rak_checkout_session_write.
    const QString singular = resource.endsWith(u's') ? resource.chopped(1) : resource;
    return u"rak_"_s + singular + (write ? u"_write"_s : u"_read"_s);
}

bool StripeKeys::isRestrictedKey(const QString &key)
{
    return (key.startsWith(u"rk_test_") || key.startsWith(u"rk_live_")) && key.size() > 8;
}

void StripeKeys::addRestricted(const QString &key, const QHash<QString, StripeAccess> &access)
{
    m_restricted.insert(key, access);
}

bool StripeKeys::accepts(const QString &key) const
{
    return !key.isEmpty() && (key == m_secret || m_restricted.contains(key));
}

bool StripeKeys::allows(const QString &key, const QString &resource, bool write) const
{
    if (key == m_secret)
        return true;
    const auto grant = m_restricted.constFind(key);
    if (grant == m_restricted.cend())
        return false;
    const StripeAccess access = grant->value(resource, StripeAccess::None);
    return write ? access == StripeAccess::Write : access != StripeAccess::None;
}

HttpResponse StripeKeys::unauthorised(const QString &key)
{
    HttpResponse r =
        stripeError(401, u"invalid_request_error"_s,
                    key.isEmpty() ? NoKeyMessage : u"Invalid API Key provided: "_s + maskKey(key));
    r.addHeader("WWW-Authenticate", "Bearer realm=\"Stripe\"");
    return r;
}

HttpResponse StripeKeys::permissionDenied(const QString &key, const QString &resource, bool write)
{
    return stripeError(403, u"invalid_request_error"_s,
                       u"The provided key '"_s + maskKey(key) +
                           u"' does not have the required permissions for this endpoint on account '"_s +
                           AccountId + u"'. Having the '"_s + permissionName(resource, write) +
                           u"' permission would allow this request to continue."_s);
}

} // namespace sb::sandbox::stripe
