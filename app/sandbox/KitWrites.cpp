#include "KitWrites.h"

#include "JsonParams.h"
#include "KitJson.h"
#include "KitWorld.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb::sandbox::kit {

namespace {

// {"subscriber":{…, <timeKey>: <at>}} with `status`.
HttpResponse subscriberAnswer(int status, const Subscriber &s, const QString &timeKey = {}, qint64 at = 0)
{
    QJsonObject o = renderSubscriber(s);
    if (!timeKey.isEmpty())
        o.insert(timeKey, kitTime(at));
    HttpResponse r;
    r.status = status;
    r.body = toBody(QJsonObject{{u"subscriber"_s, o}});
    return r;
}

HttpResponse noContent()
{
    HttpResponse r;
    r.status = 204;
    return r;
}

} // namespace

KitWrites::KitWrites(KitWorld &world)
    : m_world(world)
{}

HttpResponse KitWrites::changed(bool change, HttpResponse response)
{
    if (change)
        ++m_changes;
    return response;
}

std::optional<HttpResponse> KitWrites::handle(const HttpRequest &request, const QStringList &segments,
                                              qint64 now)
{
    const bool post = request.method == "POST";
    const bool del = request.method == "DELETE";
    const QString first = segments.value(0);
    const bool subscribersOf =
        segments.size() >= 3 && segments.size() <= 4 && segments.at(2) == u"subscribers";
    const QString subscriber = segments.value(3); // empty: by address

    enum class Write { Upsert, Unsubscribe, Tag, Untag, Sequence };
    std::optional<Write> write;
    if (segments.size() == 1 && first == u"subscribers" && post)
        write = Write::Upsert;
    else if (segments.size() == 3 && first == u"subscribers" && segments.at(2) == u"unsubscribe" && post)
        write = Write::Unsubscribe;
    else if (subscribersOf && first == u"tags" && (post || del))
        write = post ? Write::Tag : Write::Untag;
    else if (subscribersOf && first == u"sequences" && post)
        write = Write::Sequence;
    if (!write)
        return std::nullopt;

    // UNSURE: Kit documents no answer to a body that is not JSON; a Rails app answers 400.
    const std::optional<JsonParams> params = JsonParams::read(request);
    if (!params)
        return kitError(400, u"The request body is not valid JSON"_s);
    switch (*write) {
    case Write::Upsert:
        return upsertSubscriber(*params, now);
    case Write::Unsubscribe:
        return unsubscribe(segments.at(1), now);
    case Write::Tag:
        return tag(segments.at(1), subscriber, *params, now);
    case Write::Untag:
        return untag(segments.at(1), subscriber, *params, now);
    case Write::Sequence:
        break;
    }
    return addToSequence(segments.at(1), subscriber, *params, now);
}

HttpResponse KitWrites::upsertSubscriber(const JsonParams &p, qint64 now)
{
    const QString email = p.text(u"email_address"_s);
    if (!looksLikeAddress(email))
        return kitError(422, u"Email address is invalid"_s);
    const QJsonValue state = p.value(u"state"_s);
    if (!state.isUndefined() && !state.isNull() && !subscriberStates().contains(state.toString()))
        return kitError(422, u"State must be one of: active, inactive, bounced, complained, cancelled"_s);
    const bool namesFirst = p.has(u"first_name"_s);
    const QString firstName = p.text(u"first_name"_s);

    // Kit's upsert: an existing subscriber (the address in any case) gets its first name updated and keeps
    // its state ("updating the subscriber state with this endpoint is not supported"), answered 200.
    if (Subscriber *s = m_world.subscriberByEmail(email)) {
        const bool change = namesFirst && s->firstName != firstName;
        if (change) {
            s->firstName = firstName;
            s->updated = now;
        }
        return changed(change, subscriberAnswer(200, *s));
    }
    const QString initial = state.isString() ? state.toString() : u"active"_s;
    return changed(true, subscriberAnswer(201, m_world.createSubscriber(email, firstName, initial, now)));
}

HttpResponse KitWrites::unsubscribe(const QString &id, qint64 now)
{
    Subscriber *s = m_world.subscriber(JsonParams::idOf(id));
    if (!s)
        return notFound();
    // Tags (and sequence rows) stay, as Kit keeps them.
    const bool change = s->state != u"cancelled";
    if (change) {
        s->state = u"cancelled"_s;
        s->updated = now;
    }
    return changed(change, noContent());
}

Subscriber *KitWrites::target(const QString &subscriber, const JsonParams &p, const QString &missingEmail,
                              HttpResponse *error)
{
    Subscriber *s = nullptr;
    if (!subscriber.isEmpty()) {
        s = m_world.subscriber(JsonParams::idOf(subscriber));
    } else {
        const QString email = p.text(u"email_address"_s);
        if (email.isEmpty()) {
            *error = kitError(422, missingEmail);
            return nullptr;
        }
        // UNSURE: Kit documents a 404 for ids that do not exist; an address with no subscriber gets it too.
        s = m_world.subscriberByEmail(email);
    }
    if (!s)
        *error = notFound();
    return s;
}

HttpResponse KitWrites::addOnce(Subscriber &s, QMap<qint64, qint64> Subscriber::*rows, qint64 id,
                                const QString &timeKey, qint64 now)
{
    const auto had = (s.*rows).constFind(id);
    if (had != (s.*rows).cend())
        return subscriberAnswer(200, s, timeKey, *had);
    (s.*rows).insert(id, now);
    s.updated = now;
    return changed(true, subscriberAnswer(201, s, timeKey, now));
}

HttpResponse KitWrites::tag(const QString &tagId, const QString &subscriber, const JsonParams &p, qint64 now)
{
    const NamedId *t = m_world.findTag(JsonParams::idOf(tagId));
    if (!t)
        return notFound();
    HttpResponse error;
    Subscriber *s = target(subscriber, p,
                           u"Either subscriber id or email address is required to tag subscriber"_s, &error);
    if (!s)
        return error;
    // The state stays (UNSURE).
    return addOnce(*s, &Subscriber::tags, t->id, u"tagged_at"_s, now);
}

HttpResponse KitWrites::untag(const QString &tagId, const QString &subscriber, const JsonParams &p,
                              qint64 now)
{
    const NamedId *t = m_world.findTag(JsonParams::idOf(tagId));
    if (!t)
        return notFound();
    HttpResponse error;
    Subscriber *s =
        target(subscriber, p,
               u"Either subscriber id or email address is required to remove tag from subscriber"_s, &error);
    if (!s)
        return error;
    // UNSURE: Kit documents 404 only for ids that do not exist; a subscriber without the tag gets 204 too.
    const bool change = s->tags.remove(t->id) > 0;
    if (change)
        s->updated = now;
    return changed(change, noContent());
}

HttpResponse KitWrites::addToSequence(const QString &sequenceId, const QString &subscriber,
                                      const JsonParams &p, qint64 now)
{
    const NamedId *sequence = m_world.findSequence(JsonParams::idOf(sequenceId));
    if (!sequence)
        return notFound();
    HttpResponse error;
    Subscriber *s =
        target(subscriber, p,
               u"Either subscriber id or email address is required to add subscriber to sequence"_s, &error);
    if (!s)
        return error;
    return addOnce(*s, &Subscriber::sequences, sequence->id, u"added_at"_s, now);
}

} // namespace sb::sandbox::kit
