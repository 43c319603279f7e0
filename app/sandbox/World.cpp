#include "World.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::sandbox {

namespace {

const QStringList &verbsFor(Provider provider)
{
    static const QStringList stripe = {u"buy"_s,         u"subscribe"_s,   u"renew"_s,   u"renewal_failed"_s,
                                       u"cancel"_s,      u"refund"_s,      u"dispute"_s, u"dispute_lost"_s,
                                       u"dispute_won"_s, u"change_email"_s};
    static const QStringList circle = {
        u"invite"_s,    u"join"_s,         u"add_access_group"_s, u"remove_access_group"_s,
        u"add_space"_s, u"remove_space"_s, u"deactivate"_s};
    static const QStringList kit = {u"subscribe"_s,   u"tag"_s,    u"untag"_s,
                                    u"unsubscribe"_s, u"bounce"_s, u"complain"_s};
    switch (provider) {
    case Provider::Stripe:
        return stripe;
    case Provider::Circle:
        return circle;
    case Provider::Kit:
        break;
    }
    return kit;
}

// JSON numbers are doubles: only those a double holds exactly (±2^53) are whole numbers here. Converting a
// larger one (1e30, or infinity from 1e400) to qint64 is undefined behaviour (found by tests/fuzz).
constexpr double kExactLimit = 9007199254740992.0;

bool readId(const QJsonValue &value, qint64 *out)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (!(d >= 1 && d <= kExactLimit) || d != static_cast<double>(static_cast<qint64>(d)))
            return false;
        *out = static_cast<qint64>(d);
        return true;
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 v = value.toString().toLongLong(&ok);
        if (!ok || v < 1)
            return false;
        *out = v;
        return true;
    }
    return false;
}

bool readIdList(const QJsonValue &value, QList<qint64> *out)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        qint64 id = 0;
        if (!readId(v, &id))
            return false;
        out->append(id);
    }
    return true;
}

bool readNamedIds(const QJsonValue &value, QList<NamedId> *out, const QString &where, QString *error)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray()) {
        *error = where + u": must be an array"_s;
        return false;
    }
    const QJsonArray array = value.toArray();
    QSet<qint64> seen;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        NamedId n;
        if (!readId(o.value(u"id"), &n.id)) {
            *error = where + u"["_s + QString::number(i) + u"]: \"id\" must be a positive integer"_s;
            return false;
        }
        if (seen.contains(n.id)) {
            *error = where + u"["_s + QString::number(i) + u"]: duplicate id "_s + QString::number(n.id);
            return false;
        }
        seen.insert(n.id);
        n.name = o.value(u"name").toString();
        out->append(n);
    }
    return true;
}

bool containsId(const QList<NamedId> &list, qint64 id)
{
    return std::any_of(list.cbegin(), list.cend(), [id](const NamedId &n) { return n.id == id; });
}

bool looksLikeEmail(const QString &email)
{
    const qsizetype at = email.indexOf(u'@');
    return at > 0 && at < email.size() - 1 && email.indexOf(u'@', at + 1) < 0;
}

} // namespace

void forEachInTimeOrder(const World &world, Provider provider,
                        const std::function<void(const Person &, const JourneyEntry &)> &visit)
{
    struct Step {
        qint64 at;
        int person;
        int order;
    };
    std::vector<Step> steps;
    for (int p = 0; p < world.people.size(); ++p) {
        const QList<JourneyEntry> &journey = world.people.at(p).journey(provider);
        for (int i = 0; i < journey.size(); ++i)
            steps.push_back({journey.at(i).at, p, i});
    }
    std::sort(steps.begin(), steps.end(), [](const Step &a, const Step &b) {
        return std::tie(a.at, a.person, a.order) < std::tie(b.at, b.person, b.order);
    });
    for (const Step &s : steps) {
        const Person &person = world.people.at(s.person);
        visit(person, person.journey(provider).at(s.order));
    }
}

QString providerName(Provider provider)
{
    switch (provider) {
    case Provider::Stripe:
        return u"stripe"_s;
    case Provider::Circle:
        return u"circle"_s;
    case Provider::Kit:
        break;
    }
    return u"kit"_s;
}

QList<JourneyEntry> &Person::journey(Provider provider)
{
    return provider == Provider::Stripe ? stripe : provider == Provider::Circle ? circle : kit;
}

const QList<JourneyEntry> &Person::journey(Provider provider) const
{
    return provider == Provider::Stripe ? stripe : provider == Provider::Circle ? circle : kit;
}

QString Person::label() const
{
    return u"people["_s + QString::number(index) + u"] ("_s + email + u")"_s;
}

bool parseWorldTime(const QJsonValue &value, qint64 *seconds)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (!(d >= -kExactLimit && d <= kExactLimit)) // also NaN
            return false;
        *seconds = static_cast<qint64>(d);
        return true;
    }
    if (!value.isString())
        return false;
    const QDateTime dt = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!dt.isValid())
        return false;
    *seconds = dt.toSecsSinceEpoch();
    return true;
}

QString formatWorldTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

const CatalogProduct *World::findPrice(const QString &price) const
{
    for (const CatalogProduct &p : products) {
        if (p.price == price)
            return &p;
    }
    return nullptr;
}

const CatalogProduct *World::firstOfMode(const QString &mode) const
{
    for (const CatalogProduct &p : products) {
        if (p.mode == mode)
            return &p;
    }
    return nullptr;
}

int World::findPerson(const QString &email) const
{
    for (const Person &p : people) {
        if (p.email == email)
            return p.index;
    }
    return -1;
}

bool World::parseEntry(Provider provider, const QJsonObject &json, bool requireAt, JourneyEntry *out,
                       QString *error) const
{
    JourneyEntry e;
    e.verb = json.value(u"do").toString();
    const auto fail = [&](const QString &message) {
        *error = message;
        return false;
    };
    if (e.verb.isEmpty())
        return fail(u"missing \"do\""_s);
    if (!verbsFor(provider).contains(e.verb))
        return fail(u"unknown "_s + providerName(provider) + u" verb \""_s + e.verb +
                    u"\" (expected one of "_s + verbsFor(provider).join(u", ") + u")"_s);
    if (requireAt) {
        if (!parseWorldTime(json.value(u"at"), &e.at))
            return fail(u"\"at\" is missing or not an ISO 8601 time"_s);
        if (e.at > now)
            return fail(u"\"at\" ("_s + json.value(u"at").toString() + u") is after the world's now"_s);
    }
    if (json.contains(u"email")) {
        e.email = json.value(u"email").toString();
        if (!looksLikeEmail(e.email.trimmed()))
            return fail(u"\"email\" is not an email address"_s);
    }

    if (provider == Provider::Stripe) {
        e.price = json.value(u"price").toString();
        if (!e.price.isEmpty()) {
            const CatalogProduct *p = findPrice(e.price);
            if (!p)
                return fail(u"unknown price \""_s + e.price + u"\" (not in the catalog)"_s);
            if (e.verb == u"subscribe" && !p->isSubscription())
                return fail(u"price \""_s + e.price + u"\" is not a subscription price"_s);
            if (e.verb == u"buy" && p->isSubscription())
                return fail(u"price \""_s + e.price + u"\" is a subscription price; use subscribe"_s);
        } else if (e.verb == u"subscribe" && !firstOfMode(u"subscription"_s)) {
            return fail(u"no subscription product in the catalog"_s);
        } else if (e.verb == u"buy" && !firstOfMode(u"payment"_s)) {
            return fail(u"no one-time (mode payment) product in the catalog"_s);
        }
        if (json.contains(u"amount")) {
            const QJsonValue a = json.value(u"amount");
            if (!a.isDouble() || a.toDouble() < 1 || a.toDouble() != static_cast<double>(a.toInteger()))
                return fail(u"\"amount\" must be a positive integer in minor units"_s);
            e.amount = a.toInteger();
        }
        e.atPeriodEnd = json.value(u"at_period_end").toBool(false);
        e.reason = json.value(u"reason").toString();
        if (e.verb == u"change_email") {
            e.to = json.value(u"to").toString();
            if (!looksLikeEmail(e.to.trimmed()))
                return fail(u"change_email needs \"to\" with an email address"_s);
        }
    } else if (provider == Provider::Circle) {
        if (!readIdList(json.value(u"access_groups"), &e.accessGroups))
            return fail(u"\"access_groups\" must be an array of ids"_s);
        if (!readIdList(json.value(u"spaces"), &e.spaces))
            return fail(u"\"spaces\" must be an array of ids"_s);
        if (e.verb == u"add_access_group" || e.verb == u"remove_access_group") {
            if (!readId(json.value(u"access_group"), &e.accessGroup))
                return fail(e.verb + u" needs \"access_group\": id"_s);
            e.accessGroups = {e.accessGroup};
        }
        if (e.verb == u"add_space" || e.verb == u"remove_space") {
            if (!readId(json.value(u"space"), &e.space))
                return fail(e.verb + u" needs \"space\": id"_s);
            e.spaces = {e.space};
        }
        for (qint64 id : std::as_const(e.accessGroups)) {
            if (!containsId(circleAccessGroups, id))
                return fail(u"unknown Circle access group "_s + QString::number(id));
        }
        for (qint64 id : std::as_const(e.spaces)) {
            if (!containsId(circleSpaces, id))
                return fail(u"unknown Circle space "_s + QString::number(id));
        }
    } else {
        if (!readIdList(json.value(u"tags"), &e.tags))
            return fail(u"\"tags\" must be an array of ids"_s);
        if ((e.verb == u"tag" || e.verb == u"untag") && e.tags.isEmpty())
            return fail(e.verb + u" needs \"tags\": [ids]"_s);
        for (qint64 id : std::as_const(e.tags)) {
            if (!containsId(kitTags, id))
                return fail(u"unknown Kit tag "_s + QString::number(id));
        }
    }
    *out = e;
    return true;
}

bool World::fromJson(const QJsonObject &json, World *out, QString *error)
{
    World w;
    const auto fail = [&](const QString &message) {
        *error = message;
        return false;
    };
    if (json.contains(u"version")) {
        if (json.value(u"version").toInt(-1) != 1)
            return fail(u"unsupported world version (expected 1)"_s);
    }
    if (!parseWorldTime(json.value(u"now"), &w.now))
        return fail(u"\"now\" is missing or not an ISO 8601 time"_s);

    const QJsonObject catalog = json.value(u"catalog").toObject();
    const QJsonArray products = catalog.value(u"products").toArray();
    QSet<QString> prices;
    for (qsizetype i = 0; i < products.size(); ++i) {
        const QJsonObject o = products.at(i).toObject();
        const QString where = u"catalog.products["_s + QString::number(i) + u"]"_s;
        CatalogProduct p;
        p.product = o.value(u"product").toString();
        p.price = o.value(u"price").toString();
        p.name = o.value(u"name").toString();
        p.mode = o.value(u"mode").toString(u"payment"_s);
        p.amount = o.value(u"amount").toInteger(-1);
        p.currency = o.value(u"currency").toString(u"usd"_s).toLower();
        p.interval = o.value(u"interval").toString(p.isSubscription() ? u"month"_s : QString());
        if (p.product.isEmpty() || p.price.isEmpty())
            return fail(where + u": needs \"product\" and \"price\""_s);
        if (p.mode != u"subscription" && p.mode != u"payment")
            return fail(where + u": \"mode\" must be subscription or payment"_s);
        if (p.amount < 0)
            return fail(where + u": \"amount\" must be a non-negative integer in minor units"_s);
        if (p.isSubscription() && p.interval != u"month" && p.interval != u"year")
            return fail(where + u": \"interval\" must be month or year"_s);
        if (prices.contains(p.price))
            return fail(where + u": duplicate price \""_s + p.price + u"\""_s);
        prices.insert(p.price);
        if (p.name.isEmpty())
            p.name = p.product;
        w.products.append(p);
    }
    const QJsonObject circle = catalog.value(u"circle").toObject();
    const QJsonObject kit = catalog.value(u"kit").toObject();
    if (!readNamedIds(circle.value(u"access_groups"), &w.circleAccessGroups,
                      u"catalog.circle.access_groups"_s, error) ||
        !readNamedIds(circle.value(u"spaces"), &w.circleSpaces, u"catalog.circle.spaces"_s, error) ||
        !readNamedIds(circle.value(u"member_tags"), &w.circleMemberTags, u"catalog.circle.member_tags"_s,
                      error) ||
        !readNamedIds(kit.value(u"tags"), &w.kitTags, u"catalog.kit.tags"_s, error) ||
        !readNamedIds(kit.value(u"sequences"), &w.kitSequences, u"catalog.kit.sequences"_s, error))
        return false;

    const QJsonArray policy = json.value(u"policy").toArray();
    for (qsizetype i = 0; i < policy.size(); ++i) {
        const QJsonObject o = policy.at(i).toObject();
        const QString where = u"policy["_s + QString::number(i) + u"]"_s;
        PolicyEntry p;
        p.price = o.value(u"price").toString();
        p.product = o.value(u"product").toString();
        if (p.price.isEmpty() && p.product.isEmpty())
            return fail(where + u": needs \"price\" or \"product\""_s);
        if (!readIdList(o.value(u"circle_access_groups"), &p.circleAccessGroups) ||
            !readIdList(o.value(u"circle_spaces"), &p.circleSpaces) ||
            !readIdList(o.value(u"kit_tags"), &p.kitTags) ||
            !readIdList(o.value(u"kit_sequences"), &p.kitSequences))
            return fail(where + u": id lists must be arrays of positive integers"_s);
        w.policy.append(p);
    }

    const QJsonValue endpoints = json.value(u"stripe_webhook_endpoints");
    if (!endpoints.isUndefined() && !endpoints.isArray())
        return fail(u"\"stripe_webhook_endpoints\" must be an array"_s);
    const QJsonArray endpointList = endpoints.toArray();
    for (qsizetype i = 0; i < endpointList.size(); ++i) {
        const QString where = u"stripe_webhook_endpoints["_s + QString::number(i) + u"]"_s;
        const QJsonObject o = endpointList.at(i).toObject();
        WorldWebhookEndpoint e;
        e.url = o.value(u"url").toString();
        const QUrl url(e.url, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            return fail(where + u": \"url\" must be an http or https URL"_s);
        const QJsonArray events = o.value(u"enabled_events").toArray();
        for (const QJsonValue &v : events) {
            if (!v.isString() || v.toString().isEmpty())
                return fail(where + u": \"enabled_events\" must be an array of event types or \"*\""_s);
            e.enabledEvents.append(v.toString());
        }
        if (e.enabledEvents.isEmpty())
            return fail(where + u": \"enabled_events\" must be a non-empty array"_s);
        const QString status = o.value(u"status").toString(u"enabled"_s);
        if (status != u"enabled" && status != u"disabled")
            return fail(where + u": \"status\" must be enabled or disabled"_s);
        e.disabled = status == u"disabled";
        e.apiVersion = o.value(u"api_version").toString();
        e.description = o.value(u"description").toString();
        if (o.contains(u"created")) {
            if (!parseWorldTime(o.value(u"created"), &e.created))
                return fail(where + u": \"created\" is not an ISO 8601 time"_s);
            e.hasCreated = true;
        }
        if (o.contains(u"failing_since")) {
            if (!parseWorldTime(o.value(u"failing_since"), &e.failingSince))
                return fail(where + u": \"failing_since\" is not an ISO 8601 time"_s);
            e.hasFailingSince = true;
        }
        w.stripeWebhookEndpoints.append(e);
    }

    if (!json.value(u"people").isArray() && json.contains(u"people"))
        return fail(u"\"people\" must be an array"_s);
    const QJsonArray people = json.value(u"people").toArray();
    w.people.reserve(people.size());
    for (qsizetype i = 0; i < people.size(); ++i) {
        const QJsonObject o = people.at(i).toObject();
        Person person;
        person.index = static_cast<int>(i);
        person.email = o.value(u"email").toString();
        person.name = o.value(u"name").toString();
        if (!looksLikeEmail(person.email.trimmed()))
            return fail(u"people["_s + QString::number(i) +
                        u"]: \"email\" is missing or not an email address"_s);
        const Provider providers[] = {Provider::Stripe, Provider::Circle, Provider::Kit};
        for (Provider provider : providers) {
            const QString key = providerName(provider);
            const QJsonValue journey = o.value(key);
            if (!journey.isUndefined() && !journey.isArray())
                return fail(person.label() + u": \""_s + key + u"\" must be an array"_s);
            const QJsonArray entries = journey.toArray();
            QList<JourneyEntry> &list = person.journey(provider);
            list.reserve(entries.size());
            for (qsizetype j = 0; j < entries.size(); ++j) {
                JourneyEntry e;
                QString why;
                const QJsonObject entry = entries.at(j).toObject();
                if (!w.parseEntry(provider, entry, true, &e, &why))
                    return fail(person.label() + u": "_s + key + u"["_s + QString::number(j) + u"] (\""_s +
                                entry.value(u"do").toString() + u"\"): "_s + why);
                e.index = static_cast<int>(j);
                list.append(e);
            }
            // Journeys are applied in time order; entries written out of order keep their relative order
            // when their times are equal.
            std::stable_sort(list.begin(), list.end(),
                             [](const JourneyEntry &a, const JourneyEntry &b) { return a.at < b.at; });
        }
        if (o.contains(u"expect")) {
            person.hasExpect = true;
            const QJsonArray expect = o.value(u"expect").toArray();
            for (const QJsonValue &v : expect)
                person.expect.append(v.toString());
        }
        w.people.append(person);
    }
    *out = std::move(w);
    return true;
}

} // namespace sb::sandbox
