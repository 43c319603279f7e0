#include "Sandbox.h"

#include "CircleApi.h"
#include "CircleWorld.h"
#include "Faults.h"
#include "HttpServer.h"
#include "KitApi.h"
#include "KitJson.h"
#include "KitWebhooks.h"
#include "KitWorld.h"
#include "Random.h"
#include "StripeApi.h"
#include "StripeKeys.h"
#include "StripeWebhooks.h"
#include "StripeWorld.h"
#include "WebhookSender.h"
#include "WebhookSigning.h"
#include "World.h"
#include "WorldGenerator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sandbox {

namespace {
Q_LOGGING_CATEGORY(lcSandbox, "switchboard.sandbox")

QByteArray jsonBody(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

Sandbox::Sandbox(QObject *parent)
    : QObject(parent)
    , m_faults(std::make_unique<FaultEngine>())
    , m_world(std::make_unique<World>())
    , m_stripe(std::make_unique<stripe::StripeWorld>())
    , m_stripeApi(std::make_unique<stripe::StripeApi>(*m_stripe))
    , m_circle(std::make_unique<circle::CircleWorld>())
    , m_circleApi(std::make_unique<circle::CircleApi>(*m_circle))
    , m_kit(std::make_unique<kit::KitWorld>())
    , m_kitApi(std::make_unique<kit::KitApi>(*m_kit))
    , m_server(new HttpServer([this](const HttpRequest &r) { return dispatch(r); }, this))
    , m_sender(new WebhookSender(this))
    , m_kitWebhookSecret(makeWebhookSecret())
{
    m_world->now = now().toSecsSinceEpoch();
    m_worldBytes = QJsonDocument(QJsonObject{{u"version"_s, 1},
                                             {u"now"_s, formatWorldTime(m_world->now)},
                                             {u"people"_s, QJsonArray()}})
                       .toJson(QJsonDocument::Compact);
}

Sandbox::~Sandbox()
{
    // In-flight deliveries call back into the provider worlds: abort them before those go.
    delete m_sender;
    m_sender = nullptr;
}

bool Sandbox::loadWorldFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot open "_s + path + u": "_s + file.errorString();
        return false;
    }
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = path + u": invalid JSON at offset "_s + QString::number(parseError.offset) + u": "_s +
                     parseError.errorString();
        return false;
    }
    if (!doc.isObject()) {
        if (error)
            *error = path + u": the world must be a JSON object"_s;
        return false;
    }
    QString why;
    QJsonObject json = doc.object();
    doc = QJsonDocument();
    if (!load(std::move(json), &why)) {
        if (error)
            *error = path + u": "_s + why;
        return false;
    }
    return true;
}

bool Sandbox::loadWorld(const QJsonObject &json, QString *error)
{
    return load(json, error);
}

bool Sandbox::load(QJsonObject json, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    auto world = std::make_unique<World>();
    QString why;
    if (!World::fromJson(json, world.get(), &why)) {
        if (error)
            *error = why;
        return false;
    }
    // Large worlds: keep the JSON as compact text and let the tree go before the Stripe objects are made.
    QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    json = QJsonObject();
    const qint64 parsedMs = timer.elapsed();
    const qint64 loadNow = now().toSecsSinceEpoch(); // a fault plan's clock skew included
    const qint64 offset = loadNow - world->now;
    auto stripeWorld = std::make_unique<stripe::StripeWorld>();
    if (!stripeWorld->materialise(*world, offset, loadNow, &why)) {
        if (error)
            *error = why;
        return false;
    }
    // The APIs keep references to the provider worlds: swap the contents, not the objects.
    std::swap(*m_stripe, *stripeWorld);
    m_stripeApi->worldReplaced();
    circle::CircleWorld circleWorld;
    circleWorld.materialise(*world, offset);
    std::swap(*m_circle, circleWorld);
    kit::KitWorld kitWorld;
    kitWorld.materialise(*world, offset);
    std::swap(*m_kit, kitWorld);
    m_world = std::move(world);
    m_worldBytes = std::move(bytes);
    m_added.clear();
    m_offset = offset;
    loadWebhookEndpoints(loadNow);
    qCInfo(lcSandbox) << "world loaded:" << m_world->people.size() << "people,"
                      << m_stripe->customers().rows.size() << "Stripe customers,"
                      << m_stripe->events().rows.size() << "events in the 30-day window,"
                      << m_circle->members().size() << "Circle members," << m_kit->subscribers().size()
                      << "Kit subscribers; parsed in" << parsedMs << "ms, materialised in"
                      << timer.elapsed() - parsedMs << "ms";
    return true;
}

void Sandbox::generateWorld(int people, quint64 seed)
{
    QString error;
    if (!load(WorldGenerator::generate(people, seed), &error))
        qCCritical(lcSandbox) << "generated world does not load:" << error;
}

QJsonObject Sandbox::world() const
{
    QJsonObject world = QJsonDocument::fromJson(m_worldBytes).object();
    if (m_added.isEmpty())
        return world;
    // Entries added while running, so a dump reloads to the same state.
    QJsonArray people = world.value(u"people").toArray();
    for (const AddedEntry &added : m_added) {
        if (added.person >= people.size()) {
            QJsonObject person{{u"email"_s, added.email}};
            if (!added.name.isEmpty())
                person.insert(u"name"_s, added.name);
            people.append(person);
        }
        QJsonObject person = people.at(added.person).toObject();
        QJsonArray list = person.value(added.provider).toArray();
        list.append(added.entry);
        person.insert(added.provider, list);
        people.replace(added.person, person);
    }
    world.insert(u"people"_s, people);
    world.insert(u"now"_s, formatWorldTime(m_world->now));
    return world;
}

bool Sandbox::listen(quint16 port)
{
    const quint16 bound = m_server->listen(QHostAddress::LocalHost, port);
    if (bound == 0) {
        qCWarning(lcSandbox) << "cannot listen on 127.0.0.1 port" << port;
        return false;
    }
    m_port = bound;
    return true;
}

QUrl Sandbox::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    return url;
}

void Sandbox::setKeys(const QString &stripeKey, const QString &circleToken, const QString &kitKey)
{
    m_stripeApi->setKey(stripeKey);
    m_circleApi->setToken(circleToken);
    m_kitApi->setKey(kitKey);
}

void Sandbox::addStripeRestrictedKey(const QString &key, const QHash<QString, StripeAccess> &access)
{
    if (!stripe::StripeKeys::isRestrictedKey(key)) {
        qCWarning(lcSandbox) << "ignored a restricted key that does not start with rk_test_ or rk_live_";
        return;
    }
    QHash<QString, StripeAccess> known;
    for (auto it = access.cbegin(); it != access.cend(); ++it) {
        if (stripe::StripeKeys::resources().contains(it.key()))
            known.insert(it.key(), it.value());
        else
            qCWarning(lcSandbox) << "restricted key: unknown Stripe resource" << it.key() << "ignored";
    }
    m_stripeApi->addRestrictedKey(key, known);
}

void Sandbox::setCircleAuthScheme(const QString &scheme)
{
    if (!m_circleApi->setScheme(scheme))
        qCWarning(lcSandbox) << "unknown Circle auth scheme" << scheme << "(expected Token, Bearer or any)";
}

qint64 Sandbox::circleRequestCount() const
{
    return m_circleApi->requestCount();
}

qint64 Sandbox::kitRequestCount() const
{
    return m_kitApi->requestCount();
}

qint64 Sandbox::circleWriteCount() const
{
    return m_circleApi->writeCount();
}

qint64 Sandbox::kitWriteCount() const
{
    return m_kitApi->writeCount();
}

void Sandbox::failNextCircleRequests(int count, int httpStatus)
{
    m_circleApi->failNext(count, httpStatus);
}

void Sandbox::failNextKitRequests(int count, int httpStatus)
{
    m_kitApi->failNext(count, httpStatus);
}

void Sandbox::setCircleRateLimit(int requests, int windowSeconds)
{
    m_circleApi->setRateLimit(requests, windowSeconds);
}

void Sandbox::setKitRateLimit(int requests, int windowSeconds)
{
    m_kitApi->setRateLimit(requests, windowSeconds);
}

void Sandbox::setStripeRateLimit(int requestsPerSecond)
{
    m_stripeApi->setRateLimit(requestsPerSecond);
}

void Sandbox::setFaults(const FaultPlan &plan)
{
    const qint64 skewBefore = m_faults->plan().clockSkewSeconds;
    m_faults->setPlan(plan);
    if (plan.clockSkewSeconds != skewBefore)
        qCInfo(lcSandbox) << "clock skew" << plan.clockSkewSeconds
                          << "s: load the world again to apply it to "
                             "the world's times";
}

bool Sandbox::setFaults(const QString &spec, QString *error)
{
    const std::optional<FaultPlan> plan = FaultPlan::parse(spec, error);
    if (!plan)
        return false;
    setFaults(*plan);
    return true;
}

void Sandbox::addFault(const Fault &fault)
{
    FaultPlan plan = m_faults->plan();
    plan.faults.append(fault);
    setFaults(plan);
}

FaultPlan Sandbox::faults() const
{
    return m_faults->plan();
}

void Sandbox::restoreKeys()
{
    m_faults->restoreKeys();
}

qint64 Sandbox::faultsServed(const QString &provider) const
{
    if (provider == u"circle")
        return m_faults->faultsServed(Provider::Circle);
    if (provider == u"kit")
        return m_faults->faultsServed(Provider::Kit);
    return m_faults->faultsServed(Provider::Stripe);
}

void Sandbox::failNextStripeRequests(int count, int httpStatus)
{
    m_stripeApi->failNext(count, httpStatus);
}

qint64 Sandbox::stripeRequestCount() const
{
    return m_stripeApi->requestCount();
}

qint64 Sandbox::stripeRateLimitedCount() const
{
    return m_stripeApi->rateLimitedCount();
}

QDateTime Sandbox::now() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_faults->plan().clockSkewSeconds);
}

bool Sandbox::addJourneyEntry(const QString &email, const QString &provider, const QJsonObject &entry,
                              QString *error)
{
    QString why;
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    Provider p = Provider::Stripe;
    if (provider == u"circle")
        p = Provider::Circle;
    else if (provider == u"kit")
        p = Provider::Kit;
    else if (provider != u"stripe")
        return fail(u"unknown provider \""_s + provider + u"\" (expected stripe, circle or kit)"_s);
    if (email.trimmed().isEmpty() || !email.contains(u'@'))
        return fail(u"\""_s + email + u"\" is not an email address"_s);

    const qint64 at = now().toSecsSinceEpoch();
    const qint64 worldAt = at - m_offset;
    JourneyEntry e;
    if (!m_world->parseEntry(p, entry, false, &e, &why))
        return fail(email + u": "_s + provider + u" (\""_s + entry.value(u"do").toString() + u"\"): "_s +
                    why);
    e.at = worldAt;

    int index = m_world->findPerson(email);
    const QString name = index >= 0 ? m_world->people[index].name : entry.value(u"name").toString();
    const size_t eventsBefore = m_stripe->events().rows.size();
    if (p == Provider::Stripe && !m_stripe->applyLive(email, name, e, at, &why))
        return fail(email + u": stripe (\""_s + e.verb + u"\"): "_s + why);
    if (p == Provider::Circle)
        m_circle->applyLive(email, name, e, at);
    if (p == Provider::Kit) {
        const bool listening = !m_kitApi->webhooks().isEmpty();
        const kit::KitWebhooks::Snapshot before =
            listening ? kit::KitWebhooks::snapshot(*m_kit) : kit::KitWebhooks::Snapshot();
        m_kit->applyLive(email, name, e, at);
        if (listening)
            deliverKitChanges(kit::KitWebhooks::changes(before, *m_kit));
    }

    // Keep the world the whole truth, so a dump reloads to the same state.
    if (index < 0) {
        Person person;
        person.index = static_cast<int>(m_world->people.size());
        person.email = email;
        person.name = name;
        m_world->people.append(person);
        index = person.index;
    }
    QList<JourneyEntry> &journey = m_world->people[index].journey(p);
    e.index = static_cast<int>(journey.size());
    journey.append(e);
    m_world->now = std::max(m_world->now, worldAt);

    AddedEntry added{index, email, name, providerName(p), entry};
    added.entry.remove(u"name"_s);
    added.entry.insert(u"at"_s, formatWorldTime(worldAt));
    m_added.append(added);
    deliverNewStripeEvents(eventsBefore);
    return true;
}

HttpResponse Sandbox::dispatch(const HttpRequest &incoming)
{
    std::optional<Provider> provider;
    if (incoming.path.startsWith(u"/v1/"))
        provider = Provider::Stripe;
    else if (incoming.path == u"/api/admin/v2" || incoming.path.startsWith(u"/api/admin/v2/"))
        provider = Provider::Circle;
    else if (incoming.path.startsWith(u"/v4/"))
        provider = Provider::Kit;
    // Every provider sends its clock in Date; a client may use it to ask "changed since" in the provider's
    // time (and a fault plan's clock skew shows there).
    const auto dated = [this](HttpResponse response) {
        response.addHeader("Date",
                           QLocale::c().toString(now(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1());
        return response;
    };
    if (!provider || m_faults->plan().faults.isEmpty())
        return dated(serve(incoming));
    HttpRequest request = incoming;
    const FaultEngine::Hit hit = m_faults->before(*provider, request);
    // A status fault is answered by the API itself, so its body and headers are the provider's own.
    const auto failNext = [this, p = *provider](int count, int status) {
        if (p == Provider::Stripe)
            m_stripeApi->failNext(count, status);
        else if (p == Provider::Circle)
            m_circleApi->failNext(count, status);
        else
            m_kitApi->failNext(count, status);
    };
    if (hit.status)
        failNext(1, *hit.status);
    HttpResponse response = serve(request);
    if (hit.status)
        failNext(0, 500); // not taken (a rate limit answered first): it must not hit a later request
    m_faults->after(*provider, hit, request, response);
    return dated(std::move(response));
}

HttpResponse Sandbox::serve(const HttpRequest &request)
{
    const qint64 at = now().toSecsSinceEpoch();
    if (request.path.startsWith(u"/v1/")) {
        const size_t eventsBefore = m_stripe->events().rows.size();
        HttpResponse response = m_stripeApi->handle(request, at);
        deliverNewStripeEvents(eventsBefore);
        return response;
    }
    if (request.path == u"/api/admin/v2" || request.path.startsWith(u"/api/admin/v2/"))
        return m_circleApi->handle(request, at);
    if (request.path.startsWith(u"/v4/")) {
        // Only writes change subscribers; comparing costs a pass over them, so only when someone listens.
        if (request.method == "GET" || m_kitApi->webhooks().isEmpty())
            return m_kitApi->handle(request, at);
        const kit::KitWebhooks::Snapshot before = kit::KitWebhooks::snapshot(*m_kit);
        HttpResponse response = m_kitApi->handle(request, at);
        deliverKitChanges(kit::KitWebhooks::changes(before, *m_kit));
        return response;
    }
    HttpResponse r;
    r.status = 404;
    r.body = jsonBody(QJsonObject{{u"error"_s, QString(u"Not found: "_s + request.path)}});
    return r;
}

// Webhooks -------------------------------------------------------------------------------------------------

void Sandbox::loadWebhookEndpoints(qint64 loadNow)
{
    m_sender->clear();
    m_deliveries.clear();
    m_kitApi->webhooks().clear();
    stripe::StripeWebhooks &hooks = m_stripeApi->webhooks();
    hooks.reset(SplitMix64::mix(static_cast<quint64>(m_world->now) ^ 0x7765626830303031ULL));
    const auto &events = m_stripe->events().rows;
    for (const WorldWebhookEndpoint &w : std::as_const(m_world->stripeWebhookEndpoints)) {
        stripe::WebhookEndpoint e;
        e.url = w.url;
        e.enabledEvents = w.enabledEvents;
        e.disabled = w.disabled;
        e.apiVersion = w.apiVersion;
        e.description = w.description;
        // Without a creation time the endpoint has been there for every event the sandbox keeps.
        e.created = w.hasCreated ? w.created + m_offset : loadNow - 30 * 86400;
        e.failingSince = w.hasFailingSince ? w.failingSince + m_offset : -1;
        const stripe::WebhookEndpoint &added = hooks.add(std::move(e));
        if (added.disabled)
            continue;
        // The world's events happened before the sandbox started: their outcomes are computed, not sent.
        for (const stripe::Event &event : events) {
            if (event.created < added.created || !added.subscribes(event.type))
                continue;
            hooks.addTarget(event.id, added.id);
            if (added.simulatedSuccess(event.created, event.created))
                hooks.setDelivered(event.id, added.id);
        }
    }
}

QString Sandbox::addWebhookEndpoint(const QString &url, const QStringList &enabledEvents, QString *secretOut)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != u"http" && parsed.scheme() != u"https") ||
        parsed.host().isEmpty() || enabledEvents.isEmpty()) {
        qCWarning(lcSandbox) << "addWebhookEndpoint: needs an http(s) URL and at least one event type";
        return {};
    }
    stripe::WebhookEndpoint e;
    e.url = url;
    e.enabledEvents = enabledEvents;
    e.created = now().toSecsSinceEpoch();
    const stripe::WebhookEndpoint &added = m_stripeApi->webhooks().add(std::move(e));
    if (secretOut)
        *secretOut = added.secret;
    return added.id;
}

QString Sandbox::webhookEndpointSecret(const QString &endpointId) const
{
    const stripe::WebhookEndpoint *e = m_stripeApi->webhooks().find(endpointId);
    return e ? e->secret : QString();
}

void Sandbox::setWebhookChaos(bool duplicates, bool shuffle, quint64 seed)
{
    m_chaosDuplicates = duplicates;
    m_chaosShuffle = shuffle;
    m_chaosState = seed;
}

template <typename T> QList<T> Sandbox::withChaos(QList<T> items)
{
    if (m_chaosDuplicates)
        items.append(QList<T>(items)); // the copies after the originals, as a retry would come
    if (m_chaosShuffle && items.size() > 1) {
        for (qsizetype i = items.size() - 1; i > 0; --i) {
            m_chaosState += 0x9e3779b97f4a7c15ULL;
            const auto j =
                static_cast<qsizetype>(SplitMix64::mix(m_chaosState) % static_cast<quint64>(i + 1));
            items.swapItemsAt(i, j);
        }
    }
    return items;
}

void Sandbox::redeliverEvents(const QStringList &eventIds)
{
    QList<std::pair<QString, QString>> deliveries;
    const stripe::StripeWebhooks &hooks = m_stripeApi->webhooks();
    for (const QString &event : eventIds) {
        const QStringList endpoints = hooks.pendingEndpoints(event);
        for (const QString &endpoint : endpoints)
            deliveries.append({event, endpoint});
    }
    sendStripe(std::move(deliveries));
}

QList<WebhookDelivery> Sandbox::webhookDeliveries() const
{
    return m_deliveries;
}

void Sandbox::setKitWebhookSecret(const QString &secret)
{
    m_kitWebhookSecret = secret;
}

QString Sandbox::kitWebhookSecret() const
{
    return m_kitWebhookSecret;
}

void Sandbox::record(const WebhookDelivery &delivery)
{
    m_deliveries.append(delivery);
    Q_EMIT webhookDelivered(delivery);
}

void Sandbox::deliverNewStripeEvents(size_t fromRow)
{
    const auto &events = m_stripe->events().rows;
    if (fromRow >= events.size() || m_stripeApi->webhooks().endpoints().isEmpty())
        return;
    stripe::StripeWebhooks &hooks = m_stripeApi->webhooks();
    QList<std::pair<QString, QString>> deliveries;
    for (size_t row = fromRow; row < events.size(); ++row) {
        const stripe::Event &event = events[row];
        for (const stripe::WebhookEndpoint &e : hooks.endpoints()) {
            // The sandbox clock: an endpoint hears only of events made at or after its creation.
            if (e.disabled || e.created > event.created || !e.subscribes(event.type))
                continue;
            hooks.addTarget(event.id, e.id);
            deliveries.append({event.id, e.id});
        }
    }
    sendStripe(std::move(deliveries));
}

void Sandbox::sendStripe(QList<std::pair<QString, QString>> deliveries)
{
    deliveries = withChaos(std::move(deliveries));
    for (const auto &[eventId, endpointId] : std::as_const(deliveries)) {
        const stripe::WebhookEndpoint *endpoint = m_stripeApi->webhooks().find(endpointId);
        const stripe::Event *event = m_stripe->events().find(eventId);
        if (!endpoint || !event || endpoint->disabled)
            continue;
        if (endpoint->simulated()) {
            WebhookDelivery d{u"stripe"_s, endpointId, eventId, now(), 0, QString(), true};
            if (endpoint->simulatedSuccess(event->created, d.attemptedAt.toSecsSinceEpoch()))
                m_stripeApi->webhooks().setDelivered(eventId, endpointId);
            else
                d.error =
                    u"simulated failure: the endpoint has been failing since "_s +
                    QDateTime::fromSecsSinceEpoch(endpoint->failingSince, Qt::UTC).toString(Qt::ISODate);
            record(d);
            continue;
        }
        WebhookSender::Job job;
        job.queue = u"stripe "_s + endpointId;
        job.prepare = [this, eventId, endpointId]() -> std::optional<WebhookSender::Outgoing> {
            // The endpoint may have been deleted, disabled or moved since; its URL and secret are read now.
            const stripe::WebhookEndpoint *e = m_stripeApi->webhooks().find(endpointId);
            if (!e || e->disabled || !m_stripeApi->webhooks().isTarget(eventId, endpointId))
                return std::nullopt;
            const qint64 t = now().toSecsSinceEpoch();
            std::optional<QByteArray> body = m_stripeApi->eventBody(eventId, t);
            if (!body)
                return std::nullopt;
            WebhookSender::Outgoing out;
            out.url = QUrl(e->url);
            out.headers = {{"Content-Type", "application/json; charset=utf-8"},
                           {"Stripe-Signature", webhookSignature(e->secret, t, *body)},
                           {"User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)"}};
            out.body = std::move(*body);
            return out;
        };
        job.done = [this, eventId, endpointId](const QDateTime &attempted, int status, const QString &error) {
            if (error.isEmpty())
                m_stripeApi->webhooks().setDelivered(eventId, endpointId);
            record(WebhookDelivery{u"stripe"_s, endpointId, eventId, attempted, status, error, false});
        };
        m_sender->enqueue(std::move(job));
    }
}

void Sandbox::deliverKitChanges(const QList<kit::KitChange> &changes)
{
    const QList<kit::KitWebhook> &hooks = m_kitApi->webhooks().webhooks();
    if (changes.isEmpty() || hooks.isEmpty())
        return;
    struct Send {
        kit::KitWebhook hook;
        QString eventId;
        QByteArray body;
    };
    QList<Send> sends;
    const qint64 at = now().toSecsSinceEpoch();
    for (const kit::KitChange &change : changes) {
        const kit::Subscriber *subscriber = m_kit->findSubscriber(change.subscriber);
        if (!subscriber)
            continue;
        for (const kit::KitWebhook &hook : hooks) {
            if (!kit::KitWebhooks::matches(hook, change))
                continue;
            QJsonObject data{{u"subscriber"_s, kit::renderSubscriber(*subscriber)}};
            if (change.tag != 0) {
                const NamedId *tag = m_kit->findTag(change.tag);
                data.insert(u"tag"_s,
                            QJsonObject{{u"id"_s, change.tag}, {u"name"_s, tag ? tag->name : QString()}});
            }
            const QString eventId = makeUuid();
            const QJsonObject event{
                {u"id"_s, eventId}, {u"type"_s, change.type}, {u"created"_s, at}, {u"data"_s, data}};
            // The subscriber as it is now, made once: a duplicate carries the same delivery.
            sends.append(Send{
                hook, eventId,
                jsonBody(QJsonObject{{u"delivery_id"_s, makeUuid()}, {u"events"_s, QJsonArray{event}}})});
        }
    }
    sends = withChaos(std::move(sends));
    for (const Send &send : std::as_const(sends)) {
        const QString hookId = QString::number(send.hook.id);
        if (!isLoopbackHttp(QUrl(send.hook.targetUrl))) {
            record(WebhookDelivery{u"kit"_s, hookId, send.eventId, now(), 0, QString(), true});
            continue;
        }
        WebhookSender::Job job;
        job.queue = u"kit "_s + hookId;
        job.prepare = [this, send]() -> std::optional<WebhookSender::Outgoing> {
            const QList<kit::KitWebhook> &current = m_kitApi->webhooks().webhooks();
            const auto it = std::find_if(current.cbegin(), current.cend(),
                                         [&send](const kit::KitWebhook &h) { return h.id == send.hook.id; });
            if (it == current.cend())
                return std::nullopt; // deleted since
            WebhookSender::Outgoing out;
            out.url = QUrl(it->targetUrl);
            out.headers = {{"Content-Type", "application/json; charset=utf-8"},
                           {"X-Kit-Signature",
                            webhookSignature(m_kitWebhookSecret, now().toSecsSinceEpoch(), send.body)}};
            out.body = send.body;
            return out;
        };
        job.done = [this, hookId, eventId = send.eventId](const QDateTime &attempted, int status,
                                                          const QString &error) {
            record(WebhookDelivery{u"kit"_s, hookId, eventId, attempted, status, error, false});
        };
        m_sender->enqueue(std::move(job));
    }
}

} // namespace sb::sandbox
