#include "Sandbox.h"

#include "CircleApi.h"
#include "CircleWorld.h"
#include "HttpServer.h"
#include "KitApi.h"
#include "KitWorld.h"
#include "StripeApi.h"
#include "StripeKeys.h"
#include "StripeWorld.h"
#include "World.h"
#include "WorldGenerator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

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
    , m_world(std::make_unique<World>())
    , m_stripe(std::make_unique<stripe::StripeWorld>())
    , m_stripeApi(std::make_unique<stripe::StripeApi>(*m_stripe))
    , m_circle(std::make_unique<circle::CircleWorld>())
    , m_circleApi(std::make_unique<circle::CircleApi>(*m_circle))
    , m_kit(std::make_unique<kit::KitWorld>())
    , m_kitApi(std::make_unique<kit::KitApi>(*m_kit))
    , m_server(new HttpServer([this](const HttpRequest &r) { return dispatch(r); }, this))
{
    m_world->now = QDateTime::currentSecsSinceEpoch();
    m_worldBytes = QJsonDocument(QJsonObject{{u"version"_s, 1},
                                             {u"now"_s, formatWorldTime(m_world->now)},
                                             {u"people"_s, QJsonArray()}})
                       .toJson(QJsonDocument::Compact);
}

Sandbox::~Sandbox() = default;

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
    const qint64 loadNow = QDateTime::currentSecsSinceEpoch();
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
    return QDateTime::currentDateTimeUtc();
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
    if (p == Provider::Stripe && !m_stripe->applyLive(email, name, e, at, &why))
        return fail(email + u": stripe (\""_s + e.verb + u"\"): "_s + why);
    if (p == Provider::Circle)
        m_circle->applyLive(email, name, e, at);
    if (p == Provider::Kit)
        m_kit->applyLive(email, name, e, at);

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
    return true;
}

HttpResponse Sandbox::dispatch(const HttpRequest &request)
{
    const qint64 at = now().toSecsSinceEpoch();
    if (request.path.startsWith(u"/v1/"))
        return m_stripeApi->handle(request, at);
    if (request.path == u"/api/admin/v2" || request.path.startsWith(u"/api/admin/v2/"))
        return m_circleApi->handle(request, at);
    if (request.path.startsWith(u"/v4/"))
        return m_kitApi->handle(request, at);
    HttpResponse r;
    r.status = 404;
    r.body = jsonBody(QJsonObject{{u"error"_s, QString(u"Not found: "_s + request.path)}});
    return r;
}

} // namespace sb::sandbox
