#include "KitApi.h"

#include "KitJson.h"
#include "KitWorld.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace sb::sandbox::kit {

namespace {

// The sandbox's Kit account: plausible fixed values, not part of the world.
constexpr qint64 UserId = 2957716;
constexpr int DefaultPerPage = 500;
constexpr int MaxPerPage = 1000;
// Tags and sequences are not part of any journey: they share one fixed creation time, before any person.
constexpr qint64 CatalogCreated = 1672531200; // 2023-01-01T00:00:00Z

// Cursors are opaque to clients; here the base64 of "[key]" of the record a page ends (or starts) at.
QString cursorFor(qint64 key)
{
    return QString::fromLatin1(QByteArray(u"[%1]"_s.arg(key).toLatin1()).toBase64());
}

std::optional<qint64> keyOfCursor(const QString &cursor)
{
    const QByteArray decoded =
        QByteArray::fromBase64(cursor.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const QJsonArray a = QJsonDocument::fromJson(decoded).array();
    if (a.size() != 1 || !a.at(0).isDouble())
        return std::nullopt;
    return a.at(0).toInteger();
}

struct Page {
    qint64 after = 0; // 0 = from the start
    int perPage = DefaultPerPage;
};

// per_page defaults to 500 and is clamped to [1, 1000]; an unreadable `after` is Kit's 400-range error.
std::optional<Page> readPage(const HttpRequest &request)
{
    Page p;
    bool ok = false;
    const int perPage = request.queryValue(u"per_page").toInt(&ok);
    if (ok)
        p.perPage = std::clamp(perPage, 1, MaxPerPage);
    const QString after = request.queryValue(u"after");
    if (!after.isEmpty()) {
        const auto key = keyOfCursor(after);
        if (!key)
            return std::nullopt;
        p.after = *key;
    }
    return p;
}

// One page of `items`, newest (highest key) first, after the page's cursor:
// `{"<name>":[…],"pagination":{…}}`.
template <typename T, typename Key, typename Render>
HttpResponse pageOf(const Page &p, const QString &name, std::vector<T> items, Key key, Render render)
{
    std::sort(items.begin(), items.end(), [&key](const T &a, const T &b) { return key(a) > key(b); });
    const auto first = p.after == 0 ? items.cbegin()
                                    : std::find_if(items.cbegin(), items.cend(),
                                                   [&](const T &item) { return key(item) < p.after; });
    QJsonArray records;
    auto it = first;
    for (; it != items.cend() && records.size() < p.perPage; ++it)
        records.append(render(*it));
    const bool empty = first == it;
    const QJsonObject pagination{
        {u"has_previous_page"_s, first != items.cbegin()},
        {u"has_next_page"_s, it != items.cend()},
        {u"start_cursor"_s, empty ? QJsonValue(QJsonValue::Null) : QJsonValue(cursorFor(key(*first)))},
        {u"end_cursor"_s, empty ? QJsonValue(QJsonValue::Null) : QJsonValue(cursorFor(key(*(it - 1))))},
        {u"per_page"_s, p.perPage}};
    HttpResponse r;
    r.body = toBody(QJsonObject{{name, records}, {u"pagination"_s, pagination}});
    return r;
}

// The common subscriber filters: status (active by default), created_after, updated_after.
struct Filter {
    QString status = u"active"_s;
    qint64 createdAfter = 0;
    qint64 updatedAfter = 0;

    bool keeps(const Subscriber &s) const
    {
        return (status == u"all" || s.state == status) && s.created > createdAfter &&
               s.updated > updatedAfter;
    }
};

// False + the error response when a filter is unreadable.
bool readFilter(const HttpRequest &request, Filter *f, HttpResponse *error)
{
    const QString status = request.queryValue(u"status");
    if (!status.isEmpty()) {
        if (status != u"all" && !subscriberStates().contains(status)) {
            *error = kitError(
                422, u"Status must be one of: active, inactive, bounced, complained, cancelled, all"_s);
            return false;
        }
        f->status = status;
    }
    const auto created = readTime(request.queryValue(u"created_after"));
    const auto updated = readTime(request.queryValue(u"updated_after"));
    if (!created || !updated) {
        *error = kitError(422, u"Dates must be ISO 8601 (yyyy-mm-dd or yyyy-mm-ddThh:mm:ssZ)"_s);
        return false;
    }
    f->createdAfter = *created;
    f->updatedAfter = *updated;
    return true;
}

qint64 pathId(const QString &segment)
{
    bool ok = false;
    const qint64 id = segment.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

const HttpResponse &invalidCursor()
{
    static const HttpResponse r = kitError(422, u"Invalid cursor"_s);
    return r;
}

} // namespace

KitApi::KitApi(KitWorld &world)
    : m_world(world)
    , m_writes(world)
{}

bool KitApi::authorised(const HttpRequest &request) const
{
    if (m_key.isEmpty())
        return false;
    // The API key header wins when both are sent, as it names the credential Kit checks first.
    const QByteArray header = request.header("X-Kit-Api-Key");
    if (!header.isEmpty())
        return QString::fromUtf8(header).trimmed() == m_key;
    const QString auth = QString::fromUtf8(request.header("Authorization")).trimmed();
    if (!auth.startsWith(u"Bearer ", Qt::CaseInsensitive))
        return false;
    return QStringView(auth).mid(7).trimmed() == m_key;
}

HttpResponse KitApi::handle(const HttpRequest &request, qint64 now)
{
    ++m_requests;
    const bool throttled = !m_rate.admit();
    const std::optional<int> injected = throttled ? std::nullopt : m_faults.take();
    if (throttled || injected == 429) {
        // Kit's throttle answers before auth, in plain text and without Retry-After.
        HttpResponse r;
        r.status = 429;
        r.contentType = "text/plain";
        r.body = "Retry later";
        return r;
    }
    if (injected) {
        return kitError(*injected, *injected >= 500 ? u"Internal server error"_s
                                                    : u"The request failed (sandbox fault injection)"_s);
    }
    if (!authorised(request)) // the same answer for a missing or wrong key; the key is never echoed
        return kitError(401, u"The access token is invalid"_s);
    QStringList segments = request.path.mid(QStringView(u"/v4").size()).split(u'/');
    segments.removeAll(QString());
    if (segments.value(0) == u"webhooks") {
        if (request.method == "GET" && segments.size() == 1)
            return listWebhooks(request);
        if (request.method == "POST" && segments.size() == 1)
            return m_webhooks.create(request, m_world);
        if (request.method == "DELETE" && segments.size() == 2)
            return m_webhooks.remove(segments.at(1));
        return notFound();
    }
    if (request.method == "GET")
        return route(request, segments);
    if (auto written = m_writes.handle(request, segments, now))
        return *written;
    return notFound();
}

HttpResponse KitApi::route(const HttpRequest &request, const QStringList &segments)
{
    const QString first = segments.value(0);
    if (segments == QStringList{u"account"_s})
        return account();
    if (segments.size() == 1 && first == u"subscribers")
        return listSubscribers(request);
    if (segments.size() == 2 && first == u"subscribers")
        return showSubscriber(segments.at(1));
    if (segments.size() == 1 && first == u"tags")
        return listTags(request);
    if (segments.size() == 1 && first == u"sequences")
        return listSequences(request);
    if (segments.size() == 3 && first == u"subscribers" && segments.at(2) == u"tags")
        return subscriberTags(request, segments.at(1));
    if (segments.size() == 3 && first == u"tags" && segments.at(2) == u"subscribers")
        return tagSubscribers(request, segments.at(1));
    if (segments.size() == 3 && first == u"sequences" && segments.at(2) == u"subscribers")
        return sequenceSubscribers(request, segments.at(1));
    return notFound();
}

HttpResponse KitApi::account() const
{
    const QString email = u"creator@sandbox.test"_s;
    const QJsonObject body{
        {u"user"_s, QJsonObject{{u"id"_s, UserId}, {u"email"_s, email}}},
        {u"account"_s, QJsonObject{{u"id"_s, KitAccountId},
                                   {u"name"_s, u"Switchboard Sandbox"_s},
                                   {u"plan_type"_s, u"creator"_s},
                                   {u"primary_email_address"_s, email},
                                   {u"created_at"_s, u"2023-02-17T11:43:55Z"_s},
                                   {u"timezone"_s, QJsonObject{{u"name"_s, u"Etc/UTC"_s},
                                                               {u"friendly_name"_s, u"UTC"_s},
                                                               {u"utc_offset"_s, u"+00:00"_s}}}}},
    };
    HttpResponse r;
    r.body = toBody(body);
    return r;
}

HttpResponse KitApi::listSubscribers(const HttpRequest &request)
{
    Filter filter;
    HttpResponse error;
    if (!readFilter(request, &filter, &error))
        return error;
    const auto page = readPage(request);
    if (!page)
        return invalidCursor();
    const QString email = request.queryValue(u"email_address");
    std::vector<const Subscriber *> matching;
    if (!email.isEmpty()) {
        const Subscriber *s = m_world.findByEmail(email);
        if (s && filter.keeps(*s))
            matching.push_back(s);
    } else {
        for (const Subscriber &s : m_world.subscribers()) {
            if (filter.keeps(s))
                matching.push_back(&s);
        }
    }
    return pageOf(
        *page, u"subscribers"_s, std::move(matching), [](const Subscriber *s) { return s->id; },
        [](const Subscriber *s) { return renderSubscriber(*s); });
}

// GET /subscribers/{id}: {"subscriber":{…}}, any state.
HttpResponse KitApi::showSubscriber(const QString &id)
{
    const Subscriber *s = m_world.findSubscriber(pathId(id));
    if (!s)
        return notFound();
    HttpResponse r;
    r.body = toBody(QJsonObject{{u"subscriber"_s, renderSubscriber(*s)}});
    return r;
}

HttpResponse KitApi::subscriberTags(const HttpRequest &request, const QString &id)
{
    const Subscriber *s = m_world.findSubscriber(pathId(id));
    if (!s)
        return notFound();
    const auto page = readPage(request);
    if (!page)
        return invalidCursor();
    std::vector<std::pair<qint64, qint64>> tags(s->tags.keyValueBegin(), s->tags.keyValueEnd());
    return pageOf(
        *page, u"tags"_s, std::move(tags), [](const std::pair<qint64, qint64> &t) { return t.first; },
        [this](const std::pair<qint64, qint64> &t) {
            const NamedId *tag = m_world.findTag(t.first);
            return QJsonObject{{u"id"_s, t.first},
                               {u"name"_s, tag ? tag->name : QString()},
                               {u"tagged_at"_s, kitTime(t.second)}};
        });
}

HttpResponse KitApi::listTags(const HttpRequest &request)
{
    const auto page = readPage(request);
    if (!page)
        return invalidCursor();
    std::vector<NamedId> tags(m_world.tags().cbegin(), m_world.tags().cend());
    return pageOf(
        *page, u"tags"_s, std::move(tags), [](const NamedId &t) { return t.id; },
        [](const NamedId &t) {
            return QJsonObject{
                {u"id"_s, t.id}, {u"name"_s, t.name}, {u"created_at"_s, kitTime(CatalogCreated)}};
        });
}

HttpResponse KitApi::subscribersIn(const HttpRequest &request, const NamedId *record,
                                   QMap<qint64, qint64> Subscriber::*rows, QStringView afterKey,
                                   const QString &timeKey) const
{
    if (!record)
        return notFound();
    Filter filter;
    HttpResponse error;
    if (!readFilter(request, &filter, &error))
        return error;
    const auto after = readTime(request.queryValue(afterKey));
    if (!after)
        return kitError(422, u"Dates must be ISO 8601 (yyyy-mm-dd or yyyy-mm-ddThh:mm:ssZ)"_s);
    const auto page = readPage(request);
    if (!page)
        return invalidCursor();
    std::vector<const Subscriber *> in;
    for (const Subscriber &s : m_world.subscribers()) {
        const auto at = (s.*rows).constFind(record->id);
        if (at != (s.*rows).cend() && *at > *after && filter.keeps(s))
            in.push_back(&s);
    }
    const qint64 recordId = record->id;
    return pageOf(
        *page, u"subscribers"_s, std::move(in), [](const Subscriber *s) { return s->id; },
        [recordId, rows, timeKey](const Subscriber *s) {
            QJsonObject o = renderSubscriber(*s);
            o.insert(timeKey, kitTime((s->*rows).value(recordId)));
            return o;
        });
}

HttpResponse KitApi::tagSubscribers(const HttpRequest &request, const QString &id)
{
    return subscribersIn(request, m_world.findTag(pathId(id)), &Subscriber::tags, u"tagged_after",
                         u"tagged_at"_s);
}

HttpResponse KitApi::listWebhooks(const HttpRequest &request) const
{
    const auto page = readPage(request);
    if (!page)
        return invalidCursor();
    std::vector<KitWebhook> hooks(m_webhooks.webhooks().cbegin(), m_webhooks.webhooks().cend());
    return pageOf(
        *page, u"webhooks"_s, std::move(hooks), [](const KitWebhook &h) { return h.id; },
        [](const KitWebhook &h) { return KitWebhooks::render(h); });
}

HttpResponse KitApi::listSequences(const HttpRequest &request)
{
    const auto page = readPage(request);
    if (!page)
        return invalidCursor();
    std::vector<NamedId> sequences(m_world.sequences().cbegin(), m_world.sequences().cend());
    return pageOf(
        *page, u"sequences"_s, std::move(sequences), [](const NamedId &s) { return s.id; },
        [](const NamedId &s) {
            return QJsonObject{{u"id"_s, s.id},
                               {u"name"_s, s.name},
                               {u"hold"_s, false},
                               {u"repeat"_s, false},
                               {u"created_at"_s, kitTime(CatalogCreated)}};
        });
}

HttpResponse KitApi::sequenceSubscribers(const HttpRequest &request, const QString &id)
{
    return subscribersIn(request, m_world.findSequence(pathId(id)), &Subscriber::sequences, u"added_after",
                         u"added_at"_s);
}

} // namespace sb::sandbox::kit
