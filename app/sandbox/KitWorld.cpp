#include "KitWorld.h"

#include <algorithm>
#include <tuple>
#include <utility>

using namespace Qt::StringLiterals;

namespace sb::sandbox::kit {

namespace {

// Kit's subscriber ids are plain integers in the billions; consecutive here, in creation order.
constexpr qint64 FirstSubscriberId = 3120000001;

QString emailKey(const QString &email)
{
    return email.trimmed().toLower();
}

} // namespace

void KitWorld::materialise(const World &world, qint64 offset)
{
    m_tags = world.kitTags;
    m_sequences = world.kitSequences;
    m_subscribers.clear();
    m_byEmail.clear();

    forEachInTimeOrder(world, Provider::Kit, [this, offset](const Person &person, const JourneyEntry &entry) {
        apply(person.email, person.name, entry, entry.at + offset);
    });
}

void KitWorld::applyLive(const QString &email, const QString &name, const JourneyEntry &entry, qint64 at)
{
    apply(email, name, entry, at);
}

const Subscriber *KitWorld::findSubscriber(qint64 id) const
{
    const qint64 n = id - FirstSubscriberId;
    if (n < 0 || n >= static_cast<qint64>(m_subscribers.size()))
        return nullptr;
    return &m_subscribers[static_cast<size_t>(n)];
}

const Subscriber *KitWorld::findByEmail(const QString &email) const
{
    const auto it = m_byEmail.constFind(emailKey(email));
    return it == m_byEmail.cend() ? nullptr : &m_subscribers[static_cast<size_t>(*it)];
}

const NamedId *KitWorld::findTag(qint64 id) const
{
    const auto it =
        std::find_if(m_tags.cbegin(), m_tags.cend(), [id](const NamedId &t) { return t.id == id; });
    return it == m_tags.cend() ? nullptr : &*it;
}

const NamedId *KitWorld::findSequence(qint64 id) const
{
    const auto it =
        std::find_if(m_sequences.cbegin(), m_sequences.cend(), [id](const NamedId &s) { return s.id == id; });
    return it == m_sequences.cend() ? nullptr : &*it;
}

Subscriber *KitWorld::subscriber(qint64 id)
{
    return const_cast<Subscriber *>(std::as_const(*this).findSubscriber(id));
}

Subscriber *KitWorld::subscriberByEmail(const QString &email)
{
    return const_cast<Subscriber *>(std::as_const(*this).findByEmail(email));
}

Subscriber &KitWorld::createSubscriber(const QString &email, const QString &firstName, const QString &state,
                                       qint64 at)
{
    const int n = static_cast<int>(m_subscribers.size());
    Subscriber created;
    created.id = FirstSubscriberId + n;
    created.email = email.trimmed();
    created.firstName = firstName;
    created.state = state;
    created.created = at;
    created.updated = at;
    m_subscribers.push_back(std::move(created));
    m_byEmail.insert(emailKey(email), n);
    return m_subscribers.back();
}

void KitWorld::apply(const QString &personEmail, const QString &personName, const JourneyEntry &e, qint64 at)
{
    const QString email = e.email.isEmpty() ? personEmail : e.email;
    const QString &v = e.verb;
    const auto found = m_byEmail.constFind(emailKey(email));
    Subscriber *s = found == m_byEmail.cend() ? nullptr : &m_subscribers[static_cast<size_t>(*found)];
    if (!s) {
        // Only subscribing or tagging makes a subscriber (Kit's tag-by-address creates one); the rest need
        // one.
        if (v != u"subscribe" && v != u"tag")
            return;
        s = &createSubscriber(email, personName.trimmed().section(u' ', 0, 0), u"active"_s, at);
    }
    s->updated = at;

    if (v == u"subscribe")
        s->state = u"active"_s; // subscribing again brings a cancelled subscriber back
    else if (v == u"unsubscribe")
        s->state = u"cancelled"_s;
    else if (v == u"bounce")
        s->state = u"bounced"_s;
    else if (v == u"complain")
        s->state = u"complained"_s;

    for (qint64 tag : e.tags) {
        if (v == u"untag")
            s->tags.remove(tag);
        else if (!s->tags.contains(tag))
            s->tags.insert(tag, at);
    }
}

} // namespace sb::sandbox::kit
