#include "StripeWrites.h"

#include "StripeJson.h"
#include "StripeKeys.h"
#include "StripeWorld.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sandbox::stripe {

namespace {

constexpr qsizetype MaxIdempotencyKey = 255;
constexpr qsizetype MaxMetadataKeys = 50;
constexpr qsizetype MaxMetadataKey = 40;
constexpr qsizetype MaxMetadataValue = 500;

using Params = QList<QPair<QString, QString>>;

// Stripe reads parameters from the query string and the form body alike.
Params requestParams(const HttpRequest &request)
{
    Params params = request.query;
    params.append(parseFormQuery(request.body));
    return params;
}

QByteArray fingerprint(const HttpRequest &request, Params params)
{
    std::sort(params.begin(), params.end());
    QByteArray out = request.method + ' ' + request.path.toUtf8();
    for (const auto &[key, value] : std::as_const(params))
        out += '\n' + key.toUtf8() + '=' + value.toUtf8();
    return out;
}

// "metadata[plan]" -> "plan"; empty when `key` is not a one-level metadata key.
QString metadataKey(const QString &key)
{
    static const QRegularExpression pattern(u"^metadata\\[([^\\[\\]]+)\\]$"_s);
    const QRegularExpressionMatch m = pattern.match(key);
    return m.hasMatch() ? m.captured(1) : QString();
}

bool isExpand(const QString &key)
{
    static const QRegularExpression pattern(u"^expand\\[\\d*\\]$"_s);
    return pattern.match(key).hasMatch();
}

bool looksLikeEmail(const QString &email)
{
    static const QRegularExpression pattern(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    return pattern.match(email).hasMatch();
}

} // namespace

StripeWrites::StripeWrites(StripeWorld &world)
    : m_world(world)
{}

HttpResponse StripeWrites::createCustomer(const HttpRequest &request, const QString &requestId, qint64 now,
                                          bool legacy)
{
    const Params params = requestParams(request);
    const QString idempotencyKey = QString::fromUtf8(request.header("Idempotency-Key"));
    if (idempotencyKey.size() > MaxIdempotencyKey)
        return invalidRequest(u"Invalid Idempotency-Key: it must be at most 255 characters long."_s);
    const QByteArray print = fingerprint(request, params);
    if (!idempotencyKey.isEmpty()) {
        const auto saved = m_idempotent.constFind(idempotencyKey);
        if (saved != m_idempotent.cend()) {
            if (saved->fingerprint != print)
                return stripeError(
                    400, u"idempotency_error"_s,
                    u"Keys for idempotent requests can only be used with the same parameters they were first "
                    u"used with. Try using a key other than '"_s +
                        idempotencyKey + u"' if you meant to execute a different request."_s);
            HttpResponse replay = saved->response;
            replay.addHeader("Idempotent-Replayed", "true");
            replay.addHeader("Original-Request", saved->requestId.toLatin1());
            return replay;
        }
    }

    // Every parameter is checked before anything is made: a request with one unknown parameter creates
    // nothing (the console's write probe relies on it).
    QString email;
    QString name;
    QJsonObject metadata;
    for (const auto &[key, value] : params) {
        if (key == u"email") {
            if (value.size() > 512)
                return invalidRequest(u"Invalid email: must be at most 512 characters"_s, key);
            if (!value.isEmpty() && !looksLikeEmail(value))
                return invalidRequest(u"Invalid email address: "_s + value, key, u"email_invalid"_s);
            email = value;
        } else if (key == u"name") {
            if (value.size() > 256)
                return invalidRequest(u"Invalid name: must be at most 256 characters"_s, key);
            name = value;
        } else if (key == u"metadata") {
            if (!value.isEmpty()) // an empty value is Stripe's way of saying "no metadata"
                return invalidRequest(u"Invalid hash"_s, key);
        } else if (const QString field = metadataKey(key); !field.isEmpty()) {
            if (field.size() > MaxMetadataKey)
                return invalidRequest(u"Metadata keys can have a maximum length of 40 characters."_s, key);
            if (value.size() > MaxMetadataValue)
                return invalidRequest(u"Metadata values can have a maximum length of 500 characters."_s, key);
            if (value.isEmpty())
                metadata.remove(field);
            else
                metadata.insert(field, value);
            if (metadata.size() > MaxMetadataKeys)
                return invalidRequest(
                    u"You can specify up to 50 keys, with key names up to 40 characters long and "
                    u"values up to 500 characters long."_s,
                    u"metadata"_s);
        } else if (!isExpand(key)) {
            return invalidRequest(u"Received unknown parameter: "_s + key, key, u"parameter_unknown"_s);
        }
    }

    const Customer &customer = m_world.createCustomer(email, name, metadata, now);
    HttpResponse response;
    response.body =
        QJsonDocument(StripeJson(m_world, legacy).render(customer)).toJson(QJsonDocument::Compact);
    if (!idempotencyKey.isEmpty()) {
        response.addHeader("Idempotency-Key", idempotencyKey.toUtf8());
        m_idempotent.insert(idempotencyKey, Saved{print, requestId, response});
    }
    return response;
}

} // namespace sb::sandbox::stripe
