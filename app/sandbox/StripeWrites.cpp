#include "StripeWrites.h"

#include "StripeJson.h"
#include "StripeKeys.h"
#include "StripeWebhooks.h"
#include "StripeWorld.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace sb::sandbox::stripe {

namespace {

constexpr qsizetype MaxIdempotencyKey = 255;
constexpr qsizetype MaxMetadataKeys = 50;
constexpr qsizetype MaxMetadataKey = 40;
constexpr qsizetype MaxMetadataValue = 500;

using Params = StripeWrites::Params;

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

// "enabled_events[]" and "enabled_events[3]": one item of the array.
bool isEnabledEventsItem(const QString &key)
{
    static const QRegularExpression pattern(u"^enabled_events\\[\\d*\\]$"_s);
    return pattern.match(key).hasMatch();
}

// `*`, or a type such as "customer.subscription.updated". Stripe checks against its list of types; the
// sandbox checks the shape (UNSURE: its message for an unknown type).
bool looksLikeEventType(const QString &type)
{
    static const QRegularExpression pattern(u"^[a-z0-9_]+(\\.[a-z0-9_]+)+$"_s);
    return type == u"*" || pattern.match(type).hasMatch();
}

bool readBool(const QString &value, bool *out)
{
    if (value != u"true" && value != u"false")
        return false;
    *out = value == u"true";
    return true;
}

// One metadata parameter ("metadata" or "metadata[key]") applied to `metadata`; a 400 when it is bad, and
// `handled` false when the key is not metadata at all.
std::optional<HttpResponse> applyMetadata(const QString &key, const QString &value, QJsonObject *metadata,
                                          bool *handled)
{
    *handled = true;
    if (key == u"metadata") {
        if (!value.isEmpty()) // an empty value is Stripe's way of saying "no metadata"
            return invalidRequest(u"Invalid hash"_s, key);
        *metadata = QJsonObject();
        return std::nullopt;
    }
    const QString field = metadataKey(key);
    if (field.isEmpty()) {
        *handled = false;
        return std::nullopt;
    }
    if (field.size() > MaxMetadataKey)
        return invalidRequest(u"Metadata keys can have a maximum length of 40 characters."_s, key);
    if (value.size() > MaxMetadataValue)
        return invalidRequest(u"Metadata values can have a maximum length of 500 characters."_s, key);
    if (value.isEmpty())
        metadata->remove(field);
    else
        metadata->insert(field, value);
    if (metadata->size() > MaxMetadataKeys)
        return invalidRequest(u"You can specify up to 50 keys, with key names up to 40 characters long and "
                              u"values up to 500 characters long."_s,
                              u"metadata"_s);
    return std::nullopt;
}

// The parameters of a webhook endpoint create or update, checked before anything changes.
struct EndpointParams {
    std::optional<QString> url;
    std::optional<QStringList> enabledEvents;
    std::optional<QString> apiVersion;
    std::optional<QString> description;
    std::optional<bool> disabled;
    QJsonObject metadata;
    bool metadataGiven = false;
};

std::optional<HttpResponse> readEndpointParams(const Params &params, bool create, EndpointParams *out)
{
    static const QRegularExpression version(u"^\\d{4}-\\d{2}-\\d{2}(\\.[a-z]+)?$"_s);
    QStringList events;
    for (const auto &[key, value] : params) {
        if (key == u"url") {
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") ||
                url.host().isEmpty())
                return invalidRequest(u"Invalid URL: "_s + value, key, u"url_invalid"_s);
            out->url = value;
        } else if (isEnabledEventsItem(key)) {
            if (!looksLikeEventType(value))
                return invalidRequest(
                    u"Invalid "_s + key + u": "_s + value + u" is not a valid event type."_s, key);
            events.append(value);
            out->enabledEvents = events;
        } else if (key == u"enabled_events") {
            return invalidRequest(u"Invalid array"_s, key);
        } else if (key == u"api_version" && create) {
            if (!version.match(value).hasMatch())
                return invalidRequest(u"Invalid Stripe API version: "_s + value, key);
            out->apiVersion = value;
        } else if (key == u"description") {
            if (value.size() > 5000)
                return invalidRequest(u"Invalid description: must be at most 5000 characters"_s, key);
            out->description = value;
        } else if (key == u"disabled") {
            bool disabled = false;
            if (!readBool(value, &disabled))
                return invalidRequest(u"Invalid boolean: "_s + value, key);
            out->disabled = disabled;
        } else if (!isExpand(key)) {
            bool handled = false;
            if (auto error = applyMetadata(key, value, &out->metadata, &handled))
                return error;
            if (!handled)
                return invalidRequest(u"Received unknown parameter: "_s + key, key, u"parameter_unknown"_s);
            out->metadataGiven = true;
        }
    }
    if (create && !out->url)
        return invalidRequest(u"Missing required param: url."_s, u"url"_s, u"parameter_missing"_s);
    if (create && !out->enabledEvents)
        return invalidRequest(u"Missing required param: enabled_events."_s, u"enabled_events"_s,
                              u"parameter_missing"_s);
    return std::nullopt;
}

HttpResponse jsonAnswer(const QJsonObject &o)
{
    HttpResponse r;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

} // namespace

StripeWrites::StripeWrites(StripeWorld &world)
    : m_world(world)
{}

StripeWrites::Params StripeWrites::params(const HttpRequest &request)
{
    Params params = request.query;
    params.append(parseFormQuery(request.body));
    return params;
}

HttpResponse StripeWrites::idempotent(const HttpRequest &request, const QString &requestId,
                                      const std::function<HttpResponse(const Params &)> &make)
{
    const Params all = params(request);
    const QString idempotencyKey = QString::fromUtf8(request.header("Idempotency-Key"));
    if (idempotencyKey.size() > MaxIdempotencyKey)
        return invalidRequest(u"Invalid Idempotency-Key: it must be at most 255 characters long."_s);
    const QByteArray print = fingerprint(request, all);
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
    HttpResponse response = make(all);
    if (!idempotencyKey.isEmpty() && response.status == 200) {
        response.addHeader("Idempotency-Key", idempotencyKey.toUtf8());
        m_idempotent.insert(idempotencyKey, Saved{print, requestId, response});
    }
    return response;
}

HttpResponse StripeWrites::createCustomer(const HttpRequest &request, const QString &requestId, qint64 now,
                                          bool legacy)
{
    return idempotent(request, requestId,
                      [&](const Params &params) { return makeCustomer(params, now, legacy); });
}

HttpResponse StripeWrites::makeCustomer(const Params &params, qint64 now, bool legacy)
{
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
    return response;
}

QJsonObject StripeWrites::renderWebhookEndpoint(const WebhookEndpoint &e, bool withSecret)
{
    const auto orNull = [](const QString &s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    QJsonObject o{{u"id"_s, e.id},
                  {u"object"_s, u"webhook_endpoint"_s},
                  {u"api_version"_s, orNull(e.apiVersion)},
                  {u"application"_s, QJsonValue::Null},
                  {u"created"_s, e.created},
                  {u"description"_s, orNull(e.description)},
                  {u"enabled_events"_s, QJsonArray::fromStringList(e.enabledEvents)},
                  {u"livemode"_s, false},
                  {u"metadata"_s, e.metadata},
                  {u"status"_s, e.disabled ? u"disabled"_s : u"enabled"_s},
                  {u"url"_s, e.url}};
    if (withSecret)
        o.insert(u"secret"_s, e.secret);
    return o;
}

HttpResponse StripeWrites::createWebhookEndpoint(const HttpRequest &request, const QString &requestId,
                                                 qint64 now, StripeWebhooks &hooks)
{
    return idempotent(request, requestId, [&](const Params &params) {
        EndpointParams p;
        if (auto error = readEndpointParams(params, true, &p))
            return *error;
        WebhookEndpoint e;
        e.url = *p.url;
        e.enabledEvents = *p.enabledEvents;
        e.apiVersion = p.apiVersion.value_or(QString());
        e.description = p.description.value_or(QString());
        e.metadata = p.metadata;
        e.disabled = p.disabled.value_or(false);
        e.created = now;
        return jsonAnswer(renderWebhookEndpoint(hooks.add(std::move(e)), true));
    });
}

HttpResponse StripeWrites::updateWebhookEndpoint(const HttpRequest &request, const QString &requestId,
                                                 const QString &id, StripeWebhooks &hooks)
{
    return idempotent(request, requestId, [&](const Params &params) {
        EndpointParams p;
        if (auto error = readEndpointParams(params, false, &p))
            return *error;
        WebhookEndpoint *e = hooks.find(id);
        if (!e)
            return stripeError(404, u"invalid_request_error"_s,
                               u"No such webhook_endpoint: '"_s + id + u"'"_s, u"resource_missing"_s,
                               u"id"_s);
        if (p.url)
            e->url = *p.url;
        if (p.enabledEvents)
            e->enabledEvents = *p.enabledEvents;
        if (p.description)
            e->description = *p.description;
        if (p.disabled)
            e->disabled = *p.disabled;
        if (p.metadataGiven) {
            // Stripe merges metadata on update: keys given are set, empty values remove theirs.
            for (const auto &[key, value] : params) {
                if (key == u"metadata") {
                    e->metadata = QJsonObject();
                } else if (const QString field = metadataKey(key); !field.isEmpty()) {
                    if (value.isEmpty())
                        e->metadata.remove(field);
                    else
                        e->metadata.insert(field, value);
                }
            }
        }
        return jsonAnswer(renderWebhookEndpoint(*e, false));
    });
}

} // namespace sb::sandbox::stripe
