#include "StripeApi.h"

#include "StripeJson.h"
#include "StripeKeys.h"
#include "StripeWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <limits>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace sb::sandbox::stripe {

namespace {

constexpr qint64 Day = 86400;
constexpr qint64 EventWindow = 30 * Day;

QByteArray toBody(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

HttpResponse noSuch(const QString &noun, const QString &id, const QString &param)
{
    return stripeError(404, u"invalid_request_error"_s, u"No such "_s + noun + u": '"_s + id + u"'"_s,
                       u"resource_missing"_s, param);
}

// "expand[0]" and "types[3]" are the indexed spellings of "expand[]" and "types[]".
QString normaliseKey(const QString &key)
{
    if (!key.endsWith(u']'))
        return key;
    const qsizetype open = key.lastIndexOf(u'[');
    if (open < 0)
        return key;
    const QStringView inside = QStringView(key).mid(open + 1, key.size() - open - 2);
    if (inside.isEmpty())
        return key;
    for (QChar ch : inside) {
        if (!ch.isDigit())
            return key;
    }
    return key.left(open) + u"[]"_s;
}

bool typeMatches(const QString &pattern, const QString &type)
{
    if (pattern == u"*")
        return true;
    if (pattern.endsWith(u".*"))
        return type.startsWith(QStringView(pattern).chopped(1));
    return type == pattern;
}

template <typename T>
std::span<const int> indexList(const Table<T> &table, const QString &name, const QString &value)
{
    const auto index = table.indexes.constFind(name);
    if (index == table.indexes.cend())
        return {};
    const auto list = index->constFind(value);
    if (list == index->cend())
        return {};
    return std::span<const int>(list->constData(), static_cast<size_t>(list->size()));
}

const QSet<QString> &listParams()
{
    static const QSet<QString> params = {u"limit"_s,       u"starting_after"_s, u"ending_before"_s,
                                         u"created"_s,     u"created[gt]"_s,    u"created[gte]"_s,
                                         u"created[lt]"_s, u"created[lte]"_s,   u"expand[]"_s};
    return params;
}

QSet<QString> withList(std::initializer_list<QString> extra)
{
    QSet<QString> s = listParams();
    for (const QString &e : extra)
        s.insert(e);
    return s;
}

} // namespace

struct StripeApi::Call {
    explicit Call(const HttpRequest &r)
        : request(r)
    {}
    const HttpRequest &request;
    QString apiKey;
    QString requestId;
    qint64 now = 0;
    bool legacy = false;
    QStringList segments;
    QList<QPair<QString, QString>> params; // keys normalised
    int limit = 10;
    QString startingAfter;
    QString endingBefore;
    qint64 lo = std::numeric_limits<qint64>::min();
    qint64 hi = std::numeric_limits<qint64>::max();
    QStringList expand;
    HttpResponse error;

    bool has(const QString &key) const
    {
        return std::any_of(params.cbegin(), params.cend(), [&key](const auto &p) { return p.first == key; });
    }
    QString value(const QString &key) const
    {
        QString v;
        for (const auto &p : params) {
            if (p.first == key)
                v = p.second;
        }
        return v;
    }
    QStringList values(const QString &key) const
    {
        QStringList v;
        for (const auto &p : params) {
            if (p.first == key)
                v.append(p.second);
        }
        return v;
    }
};

StripeApi::StripeApi(StripeWorld &world)
    : m_world(world)
    , m_writes(world)
{
    m_clock.start();
}

QString StripeApi::nextRequestId()
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    quint64 v = SplitMix64::mix(++m_requestCounter * 0x9e3779b97f4a7c15ULL +
                                static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()));
    QString id = u"req_"_s;
    for (int i = 0; i < 14; ++i) {
        id.append(QLatin1Char(alphabet[v % 62]));
        v = i == 9 ? SplitMix64::mix(v + m_requestCounter) : v / 62;
    }
    return id;
}

HttpResponse StripeApi::handle(const HttpRequest &request, qint64 now)
{
    ++m_requests;
    Call call(request);
    call.now = now;
    QByteArray version = request.header("Stripe-Version");
    if (version.isEmpty())
        version = QByteArray(BasilVersion.data(), BasilVersion.size());
    call.legacy = QString::fromLatin1(version) < BasilVersion;

    HttpResponse response;
    const QByteArray auth = request.header("Authorization");
    QString key;
    if (auth.startsWith("Bearer ") || auth.startsWith("bearer ")) {
        key = QString::fromUtf8(auth.mid(7)).trimmed();
    } else if (auth.startsWith("Basic ") || auth.startsWith("basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(auth.mid(6).trimmed());
        key =
            QString::fromUtf8(decoded.left(decoded.indexOf(':') < 0 ? decoded.size() : decoded.indexOf(':')));
    }

    const qint64 window = m_clock.elapsed() / 1000;
    if (window != m_window) {
        m_window = window;
        m_windowCount = 0;
    }
    call.apiKey = key;
    call.requestId = nextRequestId();
    if (!m_keys.accepts(key)) {
        response = StripeKeys::unauthorised(key);
    } else if (m_rateLimit > 0 && ++m_windowCount > m_rateLimit) {
        ++m_rateLimited;
        response =
            stripeError(429, u"invalid_request_error"_s,
                        u"Too many requests hit the API too quickly. We recommend an exponential backoff "
                        "of your requests."_s,
                        u"rate_limit"_s);
    } else if (const std::optional<int> fault = m_faults.take()) {
        if (*fault == 429) {
            ++m_rateLimited;
            response = stripeError(429, u"invalid_request_error"_s,
                                   u"Too many requests hit the API too quickly. We recommend an exponential "
                                   "backoff of your requests."_s,
                                   u"rate_limit"_s);
        } else if (*fault >= 500 || *fault == 409) {
            response = stripeError(*fault, u"api_error"_s,
                                   u"An unknown error occurred while processing your request (sandbox fault "
                                   "injection)."_s);
            response.addHeader("Stripe-Should-Retry", "true");
        } else {
            response = stripeError(*fault, u"invalid_request_error"_s,
                                   u"The request failed (sandbox fault injection)."_s);
            response.addHeader("Stripe-Should-Retry", "false");
        }
    } else {
        response = route(call);
    }
    response.addHeader("Request-Id", call.requestId.toLatin1());
    response.addHeader("Stripe-Version", version);
    response.addHeader("Cache-Control", "no-cache, no-store");
    return response;
}

bool StripeApi::checkParams(Call &call, const QSet<QString> &allowed)
{
    for (const auto &[key, value] : call.request.query) {
        Q_UNUSED(value);
        if (!allowed.contains(normaliseKey(key))) {
            call.error = invalidRequest(u"Received unknown parameter: "_s + key, key, u"parameter_unknown"_s);
            return false;
        }
    }
    return true;
}

bool StripeApi::parseList(Call &call)
{
    const auto integer = [&call](const QString &key, qint64 *out) {
        bool ok = false;
        *out = call.value(key).toLongLong(&ok);
        if (!ok)
            call.error = invalidRequest(u"Invalid integer: "_s + call.value(key), key);
        return ok;
    };
    if (call.has(u"limit"_s)) {
        qint64 limit = 0;
        if (!integer(u"limit"_s, &limit))
            return false;
        if (limit < 1 || limit > 100) {
            call.error = invalidRequest(limit < 1 ? u"This value must be greater than or equal to 1."_s
                                                  : u"This value must be less than or equal to 100."_s,
                                        u"limit"_s);
            return false;
        }
        call.limit = static_cast<int>(limit);
    }
    call.startingAfter = call.value(u"starting_after"_s);
    call.endingBefore = call.value(u"ending_before"_s);
    if (!call.startingAfter.isEmpty() && !call.endingBefore.isEmpty()) {
        call.error =
            invalidRequest(u"You may only specify one of these parameters: ending_before, starting_after."_s,
                           u"ending_before"_s);
        return false;
    }
    qint64 v = 0;
    if (call.has(u"created"_s)) {
        if (!integer(u"created"_s, &v))
            return false;
        call.lo = std::max(call.lo, v);
        call.hi = std::min(call.hi, v);
    }
    const std::pair<QString, int> bounds[] = {
        {u"created[gt]"_s, 0}, {u"created[gte]"_s, 1}, {u"created[lt]"_s, 2}, {u"created[lte]"_s, 3}};
    for (const auto &[key, kind] : bounds) {
        if (!call.has(key))
            continue;
        if (!integer(key, &v))
            return false;
        switch (kind) {
        case 0:
            call.lo = std::max(call.lo, v + 1);
            break;
        case 1:
            call.lo = std::max(call.lo, v);
            break;
        case 2:
            call.hi = std::min(call.hi, v - 1);
            break;
        default:
            call.hi = std::min(call.hi, v);
            break;
        }
    }
    call.expand = call.values(u"expand[]"_s);
    return true;
}

HttpResponse StripeApi::route(Call &call)
{
    const QString path = call.request.path;
    const auto unrecognised = [&call, &path]() {
        return stripeError(404, u"invalid_request_error"_s,
                           u"Unrecognized request URL ("_s + QString::fromLatin1(call.request.method) +
                               u": "_s + path +
                               u"). Please see https://stripe.com/docs or we can help at "
                               "https://support.stripe.com/."_s);
    };
    const bool post = call.request.method == "POST";
    const bool del = call.request.method == "DELETE";
    if (call.request.method != "GET" && !post && !del)
        return unrecognised();
    QStringList segments = path.mid(4).split(u'/');
    if (!segments.isEmpty() && segments.constLast().isEmpty())
        segments.removeLast();
    if (segments.isEmpty() || segments.contains(QString()))
        return unrecognised();
    for (const auto &[key, value] : call.request.query)
        call.params.append({normaliseKey(key), value});
    if (segments.constFirst() == u"webhook_endpoints" && segments.size() <= 2 && (post || del)) {
        if (del && segments.size() != 2)
            return unrecognised();
        if (!m_keys.allows(call.apiKey, u"webhook_endpoints"_s, true))
            return StripeKeys::permissionDenied(call.apiKey, u"webhook_endpoints"_s, true);
        if (del)
            return deleteWebhookEndpoint(call, segments.constLast());
        if (segments.size() == 1)
            return m_writes.createWebhookEndpoint(call.request, call.requestId, call.now, m_webhooks);
        return m_writes.updateWebhookEndpoint(call.request, call.requestId, segments.constLast(), m_webhooks);
    }
    if (del)
        return unrecognised();
    if (post) {
        // Updating an object: only the permission check and the lookup are served, which is what a
        // write-access probe needs (403 without Write; a missing object is 404 resource_missing with it).
        static const QHash<QString, QString> updatable = {
            {u"customers"_s, u"customer"_s}, {u"subscriptions"_s, u"subscription"_s},
            {u"refunds"_s, u"refund"_s},     {u"charges"_s, u"charge"_s},
            {u"invoices"_s, u"invoice"_s},   {u"payment_intents"_s, u"payment_intent"_s},
            {u"disputes"_s, u"dispute"_s},   {u"products"_s, u"product"_s},
            {u"prices"_s, u"price"_s}};
        if (segments.size() == 2 && updatable.contains(segments.first())) {
            if (!m_keys.allows(call.apiKey, segments.first(), true))
                return StripeKeys::permissionDenied(call.apiKey, segments.first(), true);
            HttpResponse missing = stripeError(404, u"invalid_request_error"_s,
                                               u"No such "_s + updatable.value(segments.first()) + u": '"_s +
                                                   segments.last() + u"'"_s,
                                               u"resource_missing"_s, u"id"_s);
            return missing;
        }
        // Creating a customer is the one create served.
        if (segments != QStringList{u"customers"_s})
            return unrecognised();
        if (!m_keys.allows(call.apiKey, u"customers"_s, true))
            return StripeKeys::permissionDenied(call.apiKey, u"customers"_s, true);
        return m_writes.createCustomer(call.request, call.requestId, call.now, call.legacy);
    }

    // checkout/sessions is the only two-segment resource name among those served.
    QString resource = segments.takeFirst();
    if (resource == u"checkout") {
        if (segments.isEmpty() || segments.takeFirst() != u"sessions")
            return unrecognised();
        resource = u"checkout/sessions"_s;
    }
    static const QSet<QString> known = {u"customers"_s,       u"charges"_s,           u"payment_intents"_s,
                                        u"invoices"_s,        u"subscriptions"_s,     u"refunds"_s,
                                        u"disputes"_s,        u"products"_s,          u"prices"_s,
                                        u"events"_s,          u"checkout/sessions"_s, u"webhook_endpoints"_s,
                                        u"invoice_payments"_s};
    // A session's line items are the one sub-resource served.
    const bool lineItems =
        resource == u"checkout/sessions" && segments.size() == 2 && segments.constLast() == u"line_items";
    if (!known.contains(resource) || (segments.size() > 1 && !lineItems))
        return unrecognised();
    // Stripe checks the key's permission before it looks at the parameters.
    // Invoice payments are read with the invoices' permission.
    const QString permission = resource == u"checkout/sessions"  ? u"checkout_sessions"_s
                               : resource == u"invoice_payments" ? u"invoices"_s
                                                                 : resource;
    if (!m_keys.allows(call.apiKey, permission, false))
        return StripeKeys::permissionDenied(call.apiKey, permission, false);
    if (lineItems)
        return listLineItems(call, segments.constFirst());
    if (resource == u"invoice_payments") {
        // UNSURE: retrieving one invoice payment (GET /v1/invoice_payments/{id}) is not served.
        if (!segments.isEmpty())
            return unrecognised();
        return listInvoicePayments(call);
    }
    if (resource == u"webhook_endpoints")
        return webhookEndpoints(call, segments.value(0));
    if (segments.size() == 1) {
        if (resource == u"customers" && segments.constFirst() == u"search")
            return searchCustomers(call);
        return retrieve(call, resource, segments.constFirst());
    }
    if (resource == u"customers")
        return listCustomers(call);
    if (resource == u"events")
        return listEvents(call);
    if (resource == u"subscriptions")
        return listSubscriptions(call);
    return listSimple(call, resource);
}

template <typename T, typename Pred>
HttpResponse StripeApi::listTable(Call &call, const T &table, std::optional<std::span<const int>> candidates,
                                  Pred pred, const QString &url, const QString &noun, qint64 minCreated)
{
    const std::span<const int> list = candidates ? *candidates : std::span<const int>(table.order);
    const auto createdOf = [&table](int i) {
        return table.rows[static_cast<size_t>(i)].created;
    };
    const auto before = [&table](int a, int b) {
        return table.before(a, b);
    };
    const qint64 lo = std::max(call.lo, minCreated);
    auto first = std::lower_bound(list.begin(), list.end(), lo,
                                  [&createdOf](int i, qint64 v) { return createdOf(i) < v; });
    auto last = std::upper_bound(list.begin(), list.end(), call.hi,
                                 [&createdOf](qint64 v, int i) { return v < createdOf(i); });
    const bool backwards = !call.endingBefore.isEmpty();
    if (!call.startingAfter.isEmpty() || backwards) {
        const QString &cursor = backwards ? call.endingBefore : call.startingAfter;
        const auto it = table.byId.constFind(cursor);
        if (it == table.byId.cend()) {
            HttpResponse r = noSuch(noun, cursor, backwards ? u"ending_before"_s : u"starting_after"_s);
            r.status = 400;
            return r;
        }
        if (backwards)
            first = std::max(first, std::upper_bound(list.begin(), list.end(), *it, before));
        else
            last = std::min(last, std::lower_bound(list.begin(), list.end(), *it, before));
    }

    QStringList expand;
    for (const QString &e : std::as_const(call.expand)) {
        if (e.startsWith(u"data.") && !e.mid(5).contains(u'.'))
            expand.append(e.mid(5));
    }
    const StripeJson json(m_world, call.legacy);
    std::vector<int> picked;
    picked.reserve(static_cast<size_t>(call.limit));
    bool hasMore = false;
    if (backwards) {
        for (auto it = first; it < last; ++it) {
            if (!pred(table.rows[static_cast<size_t>(*it)]))
                continue;
            if (static_cast<int>(picked.size()) == call.limit) {
                hasMore = true;
                break;
            }
            picked.push_back(*it);
        }
        std::reverse(picked.begin(), picked.end());
    } else {
        for (auto it = last; it > first;) {
            --it;
            if (!pred(table.rows[static_cast<size_t>(*it)]))
                continue;
            if (static_cast<int>(picked.size()) == call.limit) {
                hasMore = true;
                break;
            }
            picked.push_back(*it);
        }
    }
    QJsonArray data;
    for (int i : picked) {
        QJsonObject o;
        if constexpr (std::is_same_v<std::decay_t<decltype(table.rows.front())>, Event>)
            o = renderEvent(json, table.rows[static_cast<size_t>(i)]);
        else
            o = json.render(table.rows[static_cast<size_t>(i)]);
        if (!expand.isEmpty())
            json.expand(o, expand);
        data.append(o);
    }
    HttpResponse r;
    r.body = toBody(
        QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, data}, {u"has_more"_s, hasMore}, {u"url"_s, url}});
    return r;
}

HttpResponse StripeApi::listLineItems(Call &call, const QString &session)
{
    if (!checkParams(call, {u"limit"_s, u"starting_after"_s, u"ending_before"_s, u"expand[]"_s}) ||
        !parseList(call))
        return call.error;
    const CheckoutSession *cs = m_world.checkoutSessions().find(session);
    if (!cs)
        return noSuch(u"checkout.session"_s, session, u"session"_s);
    return pageOfList(call, StripeJson(m_world, call.legacy).lineItems(*cs), StripeJson::lineItemsUrl(cs->id),
                      u"line_item"_s);
}

HttpResponse StripeApi::listInvoicePayments(Call &call)
{
    if (!checkParams(call,
                     {u"invoice"_s, u"limit"_s, u"starting_after"_s, u"ending_before"_s, u"expand[]"_s}) ||
        !parseList(call))
        return call.error;
    // UNSURE: Stripe may also list every invoice payment of the account without `invoice`; the sandbox
    // serves only one invoice's.
    const QString invoice = call.value(u"invoice"_s);
    if (invoice.isEmpty())
        return invalidRequest(u"Missing required param: invoice."_s, u"invoice"_s, u"parameter_missing"_s);
    const Invoice *in = m_world.invoices().find(invoice);
    if (!in)
        return noSuch(u"invoice"_s, invoice, u"invoice"_s);
    // Pre-basil versions had no invoice payments; the objects are the same whatever the version.
    return pageOfList(call, StripeJson(m_world, false).invoicePayments(*in), StripeJson::invoicePaymentsUrl(),
                      u"invoice_payment"_s);
}

HttpResponse StripeApi::pageOfList(const Call &call, const QJsonArray &items, const QString &url,
                                   const QString &noun)
{
    // The parent's order (oldest first), not newest first: the cursors name an item of this parent.
    qsizetype from = 0;
    qsizetype to = items.size();
    const bool backwards = !call.endingBefore.isEmpty();
    if (const QString cursor = backwards ? call.endingBefore : call.startingAfter; !cursor.isEmpty()) {
        const auto it = std::find_if(items.begin(), items.end(), [&cursor](const QJsonValue &v) {
            return v.toObject().value(u"id").toString() == cursor;
        });
        if (it == items.end()) {
            HttpResponse r = noSuch(noun, cursor, backwards ? u"ending_before"_s : u"starting_after"_s);
            r.status = 400;
            return r;
        }
        const qsizetype at = it - items.begin();
        if (backwards)
            to = at;
        else
            from = at + 1;
    }
    const qsizetype first = backwards ? std::max(from, to - call.limit) : from;
    const qsizetype last = backwards ? to : std::min(to, from + call.limit);
    QJsonArray data;
    for (qsizetype i = first; i < last; ++i)
        data.append(items.at(i));
    HttpResponse r;
    r.body = toBody(QJsonObject{{u"object"_s, u"list"_s},
                                {u"data"_s, data},
                                {u"has_more"_s, backwards ? first > from : last < to},
                                {u"url"_s, url}});
    return r;
}

HttpResponse StripeApi::webhookEndpoints(Call &call, const QString &id)
{
    if (!id.isEmpty()) {
        if (!checkParams(call, {u"expand[]"_s}))
            return call.error;
        const WebhookEndpoint *e = m_webhooks.find(id);
        if (!e)
            return noSuch(u"webhook_endpoint"_s, id, u"id"_s);
        HttpResponse r;
        r.body = toBody(StripeWrites::renderWebhookEndpoint(*e, false));
        return r;
    }
    if (!checkParams(call, {u"limit"_s, u"starting_after"_s, u"ending_before"_s, u"expand[]"_s}) ||
        !parseList(call))
        return call.error;
    // Newest first, as Stripe's lists are; the cursors name an endpoint of this list.
    QJsonArray items;
    const QList<WebhookEndpoint> &all = m_webhooks.endpoints();
    for (auto it = all.crbegin(); it != all.crend(); ++it)
        items.append(StripeWrites::renderWebhookEndpoint(*it, false));
    return pageOfList(call, items, u"/v1/webhook_endpoints"_s, u"webhook_endpoint"_s);
}

HttpResponse StripeApi::deleteWebhookEndpoint(Call &call, const QString &id)
{
    for (const auto &[key, value] : StripeWrites::params(call.request)) {
        Q_UNUSED(value);
        if (!key.startsWith(u"expand["))
            return invalidRequest(u"Received unknown parameter: "_s + key, key, u"parameter_unknown"_s);
    }
    if (!m_webhooks.remove(id))
        return noSuch(u"webhook_endpoint"_s, id, u"id"_s);
    HttpResponse r;
    r.body = toBody(QJsonObject{{u"id"_s, id}, {u"object"_s, u"webhook_endpoint"_s}, {u"deleted"_s, true}});
    return r;
}

QJsonObject StripeApi::renderEvent(const StripeJson &json, const Event &e) const
{
    QJsonObject o = json.render(e);
    o.insert(u"pending_webhooks"_s, m_webhooks.pending(e.id));
    return o;
}

std::optional<QByteArray> StripeApi::eventBody(const QString &id, qint64 now) const
{
    const Event *e = m_world.events().find(id);
    if (!e || e->created < now - EventWindow)
        return std::nullopt;
    // Byte for byte what GET /v1/events/{id} answers: the event in its own shape, whatever the version.
    return toBody(renderEvent(StripeJson(m_world, false), *e));
}

HttpResponse StripeApi::listCustomers(Call &call)
{
    if (!checkParams(call, withList({u"email"_s, u"test_clock"_s})) || !parseList(call))
        return call.error;
    std::optional<std::span<const int>> candidates;
    if (call.has(u"email"_s))
        candidates = indexList(m_world.customers(), u"email"_s, call.value(u"email"_s));
    const bool clock = call.has(u"test_clock"_s);
    return listTable(
        call, m_world.customers(), candidates, [clock](const Customer &) { return !clock; },
        u"/v1/customers"_s, u"customer"_s);
}

HttpResponse StripeApi::listSubscriptions(Call &call)
{
    if (!checkParams(call, withList({u"customer"_s, u"price"_s, u"status"_s, u"collection_method"_s,
                                     u"test_clock"_s, u"plan"_s})) ||
        !parseList(call))
        return call.error;
    static const QSet<QString> statuses = {
        u"active"_s,   u"all"_s,    u"canceled"_s, u"ended"_s, u"incomplete"_s, u"incomplete_expired"_s,
        u"past_due"_s, u"paused"_s, u"trialing"_s, u"unpaid"_s};
    const QString status = call.value(u"status"_s);
    if (call.has(u"status"_s) && !statuses.contains(status))
        return invalidRequest(u"Invalid status: must be one of active, all, canceled, ended, incomplete, "
                              "incomplete_expired, past_due, paused, trialing, or unpaid"_s,
                              u"status"_s);
    std::optional<std::span<const int>> candidates;
    if (call.has(u"customer"_s))
        candidates = indexList(m_world.subscriptions(), u"customer"_s, call.value(u"customer"_s));
    const QString price = call.has(u"price"_s) ? call.value(u"price"_s) : call.value(u"plan"_s);
    const bool byPrice = call.has(u"price"_s) || call.has(u"plan"_s);
    const QString method = call.value(u"collection_method"_s);
    const bool clock = call.has(u"test_clock"_s);
    return listTable(
        call, m_world.subscriptions(), candidates,
        [&](const Subscription &s) {
            if (clock || (byPrice && s.price != price))
                return false;
            if (!method.isEmpty() && method != u"charge_automatically")
                return false;
            if (status.isEmpty())
                return s.status != u"canceled" && s.status != u"incomplete_expired";
            if (status == u"all")
                return true;
            if (status == u"ended")
                return s.status == u"canceled" || s.status == u"incomplete_expired";
            return s.status == status;
        },
        u"/v1/subscriptions"_s, u"subscription"_s);
}

HttpResponse StripeApi::listEvents(Call &call)
{
    if (!checkParams(call, withList({u"type"_s, u"types[]"_s, u"delivery_success"_s})) || !parseList(call))
        return call.error;
    const QStringList types = call.values(u"types[]"_s);
    if (call.has(u"type"_s) && !types.isEmpty())
        return invalidRequest(u"You may only specify one of these parameters: type, types."_s, u"types"_s);
    if (types.size() > 20)
        return invalidRequest(u"You may pass at most 20 event types."_s, u"types"_s);
    QStringList patterns = types;
    if (call.has(u"type"_s))
        patterns = {call.value(u"type"_s)};
    const QString delivery = call.value(u"delivery_success"_s);
    if (call.has(u"delivery_success"_s) && delivery != u"true" && delivery != u"false")
        return invalidRequest(u"Invalid boolean: "_s + delivery, u"delivery_success"_s);
    // Stripe: with false, the events still pending or whose deliveries failed to some endpoint; with true,
    // those delivered everywhere they were sent (an event sent nowhere counts as delivered).
    const bool filterDelivery = call.has(u"delivery_success"_s);
    const bool wantDelivered = delivery == u"true";
    return listTable(
        call, m_world.events(), std::nullopt,
        [&](const Event &e) {
            if (filterDelivery && (m_webhooks.pending(e.id) == 0) != wantDelivered)
                return false;
            if (patterns.isEmpty())
                return true;
            return std::any_of(patterns.cbegin(), patterns.cend(),
                               [&e](const QString &p) { return typeMatches(p, e.type); });
        },
        u"/v1/events"_s, u"event"_s, call.now - EventWindow);
}

HttpResponse StripeApi::listSimple(Call &call, const QString &resource)
{
    const auto pick = [&call](const auto &table,
                              std::initializer_list<QString> keys) -> std::optional<std::span<const int>> {
        for (const QString &key : keys) {
            if (call.has(key))
                return indexList(table, key, call.value(key));
        }
        return std::nullopt;
    };
    const auto eq = [&call](const QString &key, const QString &actual) {
        return !call.has(key) || call.value(key) == actual;
    };
    const QString url = u"/v1/"_s + resource;
    if (resource == u"charges") {
        if (!checkParams(call, withList({u"customer"_s, u"payment_intent"_s, u"transfer_group"_s})) ||
            !parseList(call))
            return call.error;
        return listTable(
            call, m_world.charges(), pick(m_world.charges(), {u"customer"_s, u"payment_intent"_s}),
            [&](const Charge &c) {
                return eq(u"customer"_s, c.customer) && eq(u"payment_intent"_s, c.paymentIntent) &&
                       !call.has(u"transfer_group"_s);
            },
            url, u"charge"_s);
    }
    if (resource == u"payment_intents") {
        if (!checkParams(call, withList({u"customer"_s})) || !parseList(call))
            return call.error;
        return listTable(
            call, m_world.paymentIntents(), pick(m_world.paymentIntents(), {u"customer"_s}),
            [&](const PaymentIntent &) { return true; }, url, u"payment_intent"_s);
    }
    if (resource == u"invoices") {
        if (!checkParams(call, withList({u"customer"_s, u"subscription"_s, u"status"_s,
                                         u"collection_method"_s, u"due_date"_s})) ||
            !parseList(call))
            return call.error;
        return listTable(
            call, m_world.invoices(), pick(m_world.invoices(), {u"subscription"_s, u"customer"_s}),
            [&](const Invoice &in) {
                return eq(u"customer"_s, in.customer) && eq(u"subscription"_s, in.subscription) &&
                       eq(u"status"_s, in.status) && eq(u"collection_method"_s, u"charge_automatically"_s) &&
                       !call.has(u"due_date"_s);
            },
            url, u"invoice"_s);
    }
    // Refunds and disputes hang off a charge and are filtered the same way.
    const auto listByPayment = [&](const auto &table, const QString &object) {
        if (!checkParams(call, withList({u"charge"_s, u"payment_intent"_s})) || !parseList(call))
            return call.error;
        return listTable(
            call, table, pick(table, {u"charge"_s, u"payment_intent"_s}),
            [&](const auto &row) {
                return eq(u"charge"_s, row.charge) && eq(u"payment_intent"_s, row.paymentIntent);
            },
            url, object);
    };
    if (resource == u"refunds")
        return listByPayment(m_world.refunds(), u"refund"_s);
    if (resource == u"disputes")
        return listByPayment(m_world.disputes(), u"dispute"_s);
    if (resource == u"checkout/sessions") {
        if (!checkParams(call, withList({u"customer"_s, u"payment_intent"_s, u"subscription"_s, u"status"_s,
                                         u"payment_link"_s, u"customer_details[email]"_s})) ||
            !parseList(call))
            return call.error;
        return listTable(
            call, m_world.checkoutSessions(),
            pick(m_world.checkoutSessions(), {u"customer"_s, u"payment_intent"_s, u"subscription"_s}),
            [&](const CheckoutSession &cs) {
                return eq(u"customer"_s, cs.customer) && eq(u"payment_intent"_s, cs.paymentIntent) &&
                       eq(u"subscription"_s, cs.subscription) && eq(u"status"_s, cs.status) &&
                       eq(u"customer_details[email]"_s, cs.email) && !call.has(u"payment_link"_s);
            },
            url, u"checkout.session"_s);
    }
    if (resource == u"products") {
        if (!checkParams(call, withList({u"active"_s, u"ids[]"_s, u"shippable"_s, u"url"_s})) ||
            !parseList(call))
            return call.error;
        const QStringList ids = call.values(u"ids[]"_s);
        return listTable(
            call, m_world.products(), std::nullopt,
            [&](const Product &p) {
                return eq(u"active"_s, u"true"_s) && (ids.isEmpty() || ids.contains(p.id)) &&
                       !call.has(u"shippable"_s) && !call.has(u"url"_s);
            },
            url, u"product"_s);
    }
    if (resource == u"prices") {
        if (!checkParams(call, withList({u"product"_s, u"active"_s, u"currency"_s, u"type"_s,
                                         u"recurring[interval]"_s, u"lookup_keys[]"_s})) ||
            !parseList(call))
            return call.error;
        return listTable(
            call, m_world.prices(), pick(m_world.prices(), {u"product"_s}),
            [&](const Price &p) {
                return eq(u"product"_s, p.product) && eq(u"active"_s, u"true"_s) &&
                       eq(u"currency"_s, p.currency) &&
                       eq(u"type"_s, p.interval.isEmpty() ? u"one_time"_s : u"recurring"_s) &&
                       eq(u"recurring[interval]"_s, p.interval) && !call.has(u"lookup_keys[]"_s);
            },
            url, u"price"_s);
    }
    return stripeError(404, u"invalid_request_error"_s, u"Unrecognized request URL"_s);
}

HttpResponse StripeApi::retrieve(Call &call, const QString &resource, const QString &id)
{
    if (!checkParams(call, {u"expand[]"_s}))
        return call.error;
    const StripeJson json(m_world, call.legacy);
    QJsonObject object;
    QString noun;
    const auto one = [&](const auto &table, const QString &name) {
        noun = name;
        if (const auto *row = table.find(id))
            object = json.render(*row);
    };
    if (resource == u"customers")
        one(m_world.customers(), u"customer"_s);
    else if (resource == u"charges")
        one(m_world.charges(), u"charge"_s);
    else if (resource == u"payment_intents")
        one(m_world.paymentIntents(), u"payment_intent"_s);
    else if (resource == u"invoices")
        one(m_world.invoices(), u"invoice"_s);
    else if (resource == u"subscriptions")
        one(m_world.subscriptions(), u"subscription"_s);
    else if (resource == u"refunds")
        one(m_world.refunds(), u"refund"_s);
    else if (resource == u"disputes")
        one(m_world.disputes(), u"dispute"_s);
    else if (resource == u"checkout/sessions")
        one(m_world.checkoutSessions(), u"checkout.session"_s);
    else if (resource == u"products")
        one(m_world.products(), u"product"_s);
    else if (resource == u"prices")
        one(m_world.prices(), u"price"_s);
    else if (resource == u"events") {
        noun = u"event"_s;
        const Event *e = m_world.events().find(id);
        if (e && e->created >= call.now - EventWindow)
            object = renderEvent(json, *e);
    }
    if (object.isEmpty())
        return noSuch(noun, id, u"id"_s);
    QStringList expand;
    for (const QString &e : call.values(u"expand[]"_s)) {
        if (!e.contains(u'.'))
            expand.append(e);
    }
    json.expand(object, expand);
    HttpResponse r;
    r.body = toBody(object);
    return r;
}

HttpResponse StripeApi::searchCustomers(Call &call)
{
    if (!checkParams(call, {u"query"_s, u"limit"_s, u"page"_s, u"expand[]"_s}) || !parseList(call))
        return call.error;
    const QString query = call.value(u"query"_s).trimmed();
    if (query.isEmpty())
        return invalidRequest(u"Missing required param: query."_s, u"query"_s, u"parameter_missing"_s);

    struct Clause {
        QString field;
        QChar op;
        QString value;
    };
    QList<Clause> clauses;
    const QStringList parts = query.split(u" AND "_s);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        const qsizetype opAt = part.indexOf(QRegularExpression(u"[:~]"_s));
        if (opAt <= 0)
            return invalidRequest(u"Invalid search query: "_s + query, u"query"_s, u"search_query_invalid"_s);
        Clause c{part.left(opAt).trimmed(), part.at(opAt), part.mid(opAt + 1).trimmed()};
        if (c.value.size() < 2 || (c.value.front() != u'\'' && c.value.front() != u'"') ||
            c.value.back() != c.value.front())
            return invalidRequest(u"Invalid search query: "_s + query + u". Values must be quoted."_s,
                                  u"query"_s, u"search_query_invalid"_s);
        c.value = c.value.mid(1, c.value.size() - 2);
        if (c.field != u"email" && c.field != u"name")
            return invalidRequest(u"Field `"_s + c.field +
                                      u"` is an unsupported search field for resource `customers`."_s,
                                  u"query"_s, u"search_query_invalid"_s);
        if (c.op == u'~' && c.value.size() < 3)
            return invalidRequest(u"Substring searches need at least 3 characters."_s, u"query"_s,
                                  u"search_query_invalid"_s);
        clauses.append(c);
    }

    const Table<Customer> &table = m_world.customers();
    std::span<const int> candidates(table.order);
    for (const Clause &c : std::as_const(clauses)) {
        if (c.field == u"email" && c.op == u':')
            candidates = indexList(table, u"email_lower"_s, c.value.toLower());
    }
    qint64 offset = 0;
    if (call.has(u"page"_s)) {
        bool ok = false;
        offset = QByteArray::fromBase64(call.value(u"page"_s).mid(5).toLatin1()).toLongLong(&ok);
        if (!call.value(u"page"_s).startsWith(u"page_") || !ok || offset < 0)
            return invalidRequest(u"Invalid page: "_s + call.value(u"page"_s), u"page"_s);
    }
    QJsonArray data;
    qint64 matched = 0;
    bool hasMore = false;
    const StripeJson json(m_world, call.legacy);
    for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
        const Customer &cus = table.rows[static_cast<size_t>(*it)];
        const bool match = std::all_of(clauses.cbegin(), clauses.cend(), [&cus](const Clause &c) {
            const QString &actual = c.field == u"email" ? cus.email : cus.name;
            return c.op == u':' ? actual.compare(c.value, Qt::CaseInsensitive) == 0
                                : actual.contains(c.value, Qt::CaseInsensitive);
        });
        if (!match)
            continue;
        if (matched++ < offset)
            continue;
        if (data.size() == call.limit) {
            hasMore = true;
            break;
        }
        data.append(json.render(cus));
    }
    const QJsonValue next =
        hasMore
            ? QJsonValue(u"page_"_s + QString::fromLatin1(QByteArray::number(offset + call.limit).toBase64()))
            : QJsonValue(QJsonValue::Null);
    HttpResponse r;
    r.body = toBody(QJsonObject{{u"object"_s, u"search_result"_s},
                                {u"data"_s, data},
                                {u"has_more"_s, hasMore},
                                {u"next_page"_s, next},
                                {u"url"_s, u"/v1/customers/search"_s}});
    return r;
}

} // namespace sb::sandbox::stripe
