#include "WorldGenerator.h"

#include "Random.h"
#include "World.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace sb::sandbox {

namespace {

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 3600;
constexpr qint64 Day = 86400;

// Catalog ids shared by every generated world.
constexpr int GroupMembers = 101;
constexpr int GroupCourse = 102;
constexpr int SpaceLounge = 201;
constexpr int SpaceCourse = 202;
constexpr int SpaceLobby = 203;
constexpr int TagMember = 501;
constexpr int TagCourse = 502;
constexpr int TagNewsletter = 503;

const char16_t *const FirstNames[] = {
    u"Ada",     u"Grace",   u"Alan",   u"Linus",     u"Margaret", u"Ken",      u"Barbara", u"Dennis",
    u"Frances", u"Edsger",  u"Radia",  u"Tim",       u"Hedy",     u"Donald",   u"Shafi",   u"Leslie",
    u"Karen",   u"John",    u"Mary",   u"Niklaus",   u"Sophie",   u"Yukihiro", u"Anita",   u"Guido",
    u"Adele",   u"Bjarne",  u"Jean",   u"Katherine", u"Dorothy",  u"Annie",    u"Evelyn",  u"Fernando",
    u"Lucía",   u"Mateo",   u"Sofía",  u"Chloé",     u"Zoë",      u"Renée",    u"José",    u"Amélie",
    u"Noah",    u"Liam",    u"Olivia", u"Emma",      u"Aisha",    u"Omar",     u"Priya",   u"Arjun",
    u"Mei",     u"Hiroshi", u"Yuki",   u"Kwame",     u"Amara",    u"Chidi",    u"Ingrid",  u"Lars",
    u"Freya",   u"Mikael",  u"Elena",  u"Dmitri",    u"Anya",     u"Tomás",    u"Inés",    u"Marco",
    u"Giulia",  u"Hannah",  u"Felix",  u"Clara",     u"Jonas",    u"Maya",     u"Ethan",   u"Isla",
    u"Leo",     u"Nora",    u"Ravi",   u"Sana",      u"Tariq",    u"Layla",    u"Diego",   u"Valeria"};
const char16_t *const LastNames[] = {
    u"Lovelace",   u"Hopper",   u"Turing",     u"Torvalds", u"Hamilton",    u"Thompson", u"Liskov",
    u"Ritchie",    u"Allen",    u"Dijkstra",   u"Perlman",  u"Berners-Lee", u"Lamarr",   u"Knuth",
    u"Goldwasser", u"Lamport",  u"Spärck",     u"McCarthy", u"Shaw",        u"Wirth",    u"Wilson",
    u"Matsumoto",  u"Borg",     u"van Rossum", u"Goldberg", u"Stroustrup",  u"Bartik",   u"Johnson",
    u"Vaughan",    u"Easley",   u"Boyd",       u"Corbató",  u"García",      u"Martínez", u"Rodríguez",
    u"López",      u"Dubois",   u"Moreau",     u"Müller",   u"Schmidt",     u"Fischer",  u"Weber",
    u"Novak",      u"Kowalski", u"Nowak",      u"Ivanova",  u"Petrov",      u"Rossi",    u"Bianchi",
    u"Romano",     u"Silva",    u"Santos",     u"Okafor",   u"Mensah",      u"Adeyemi",  u"Nakamura",
    u"Tanaka",     u"Sato",     u"Kim",        u"Park",     u"Chen",        u"Wang",     u"Li",
    u"Nguyen",     u"Tran",     u"Patel",      u"Sharma",   u"Gupta",       u"Khan",     u"Haddad",
    u"Nasser",     u"Larsen",   u"Nielsen",    u"Berg",     u"Lindqvist",   u"O'Brien",  u"Murphy",
    u"Walsh",      u"Campbell", u"Reid"};
const char16_t *const Domains[] = {u"gmail.com",      u"gmail.com",     u"gmail.com",     u"gmail.com",
                                   u"outlook.com",    u"outlook.com",   u"yahoo.com",     u"icloud.com",
                                   u"icloud.com",     u"hotmail.com",   u"proton.me",     u"fastmail.com",
                                   u"hey.com",        u"quillworks.io", u"northwind.dev", u"lumenstudio.co",
                                   u"brightpath.org", u"fernhill.net",  u"harborlabs.io", u"posteo.de"};
// Internationalised domains for the duplicate_subscriber people: Kit sees the Unicode form and the punycode
// form as two addresses, Switchboard's normalisation (IDN domain to ASCII) as one.
const char16_t *const IdnDomains[] = {u"bücher-post.example", u"café-ecke.example", u"søndag-brev.example"};

enum class Kind {
    // healthy
    Monthly,
    Annual,
    Course,
    Both,
    Free,
    CanceledClean,
    PeriodEndPast,
    // healthy, with the less common shapes
    PartialRefund,
    DisputeWon,
    CancelAtPeriodEndFuture,
    ChangeEmail,
    // broken, one per rule (same order as WorldGenerator::breakKinds())
    PaidWithoutAccess,
    AccessWithoutPayment,
    MissingTag,
    StaleTag,
    DuplicateMember,
    DuplicateSubscriber,
    DuplicatePurchase,
    PaymentFailed,
    DisputeOpen,
    Undeliverable,
    PossibleSamePerson,
};
constexpr int BrokenKinds = 11;
constexpr Kind Extras[] = {Kind::PartialRefund, Kind::DisputeWon, Kind::CancelAtPeriodEndFuture,
                           Kind::ChangeEmail};
constexpr double ExtrasShare = 0.08;

struct PersonDraft {
    QString name;
    QString email;
    QString local;
    QString domain;
    QJsonArray stripe;
    QJsonArray circle;
    QJsonArray kit;
    QStringList expect;
    bool inCircle = false;
    bool inKit = false;
};

QString asciiFold(const QString &s)
{
    QString out;
    const QString decomposed = s.normalized(QString::NormalizationForm_D);
    for (QChar c : decomposed) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out.append(c.toLower());
    }
    return out;
}

// The key under which two addresses would look like one person: case, dots and +tags ignored.
QString lookalikeKey(const QString &email)
{
    const qsizetype at = email.indexOf(u'@');
    QString local = email.left(at).toLower();
    const qsizetype plus = local.indexOf(u'+');
    if (plus >= 0)
        local.truncate(plus);
    local.remove(u'.');
    local.remove(u'_');
    return local + email.mid(at).toLower();
}

class Builder {
public:
    Builder(int people, quint64 seed)
        : m_rng(seed * 0x2545F4914F6CDD1DULL + static_cast<quint64>(people))
        , m_ids(seed ^ 0xC0FFEEULL)
        , m_count(people)
    {
        m_now = QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC).toSecsSinceEpoch();
        m_monthly = m_ids.make("price_1"_L1, 23);
        m_annual = m_ids.make("price_1"_L1, 23);
        m_course = m_ids.make("price_1"_L1, 23);
    }

    QJsonObject build();

private:
    qint64 between(qint64 lo, qint64 hi)
    {
        return hi <= lo ? lo : lo + static_cast<qint64>(m_rng.below(static_cast<quint64>(hi - lo)));
    }
    static qint64 addMonths(qint64 t, int months)
    {
        return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).addMonths(months).toSecsSinceEpoch();
    }
    static QString time(qint64 t) { return formatWorldTime(t); }

    PersonDraft newPerson();
    void add(QJsonArray &journey, qint64 at, const QString &verb, QJsonObject fields = {})
    {
        fields.insert(u"at"_s, time(at));
        fields.insert(u"do"_s, verb);
        journey.append(fields);
    }
    // Subscribes at t0 and renews at every period end before `until`. Returns the current period's end.
    qint64 subscription(PersonDraft &p, const QString &price, qint64 t0, qint64 until,
                        qint64 *lastStart = nullptr);
    void circleGrant(PersonDraft &p, qint64 at, int group, int space);
    void kitGrant(PersonDraft &p, qint64 at, int tag);
    void member(PersonDraft &p, qint64 paidAt, bool course); // healthy Circle + Kit follow-up of a payment
    qint64 healthyPayer(PersonDraft &p, qint64 lo, qint64 hi, bool *course = nullptr);
    QString caseVariant(const PersonDraft &p) const;
    void moveToIdnDomain(PersonDraft &p);
    QString typo(const PersonDraft &p) const;
    void fill(PersonDraft &p, Kind kind);

    SplitMix64 m_rng;
    IdGenerator m_ids;
    int m_count = 0;
    qint64 m_now = 0;
    QString m_monthly;
    QString m_annual;
    QString m_course;
    QSet<QString> m_usedEmails;
    QSet<QString> m_usedNames;
    int m_idnPeople = 0;
};

PersonDraft Builder::newPerson()
{
    PersonDraft p;
    const auto pick = [this](const auto &list) {
        return QString::fromUtf16(list[m_rng.below(std::size(list))]);
    };
    QString first = pick(FirstNames);
    QString last = pick(LastNames);
    p.name = first + u" "_s + last;
    for (int i = 0; m_usedNames.contains(p.name); ++i)
        p.name = first + u" "_s + QChar(u'A' + (i % 26)) + (i >= 26 ? QString::number(i / 26) : QString()) +
                 u". "_s + last;
    m_usedNames.insert(p.name);

    const QString f = asciiFold(first);
    const QString l = asciiFold(last);
    p.domain = QString::fromUtf16(Domains[m_rng.below(std::size(Domains))]);
    switch (m_rng.below(6)) {
    case 0:
        p.local = f + u'.' + l;
        break;
    case 1:
        p.local = f + l;
        break;
    case 2:
        p.local = f.left(1) + u'.' + l;
        break;
    case 3:
        p.local = f + u'_' + l + QString::number(m_rng.range(1, 99));
        break;
    case 4:
        p.local = f + QString::number(m_rng.range(70, 2005));
        break;
    default:
        p.local = l + u'.' + f;
        break;
    }
    QString candidate = p.local;
    for (int n = 2; m_usedEmails.contains(lookalikeKey(candidate + u'@' + p.domain)); ++n)
        candidate = p.local + QString::number(n);
    p.local = candidate;
    m_usedEmails.insert(lookalikeKey(p.local + u'@' + p.domain));
    // Some people type their address with capitals; the providers keep it as typed.
    if (m_rng.chance(0.07))
        p.local = p.local.left(1).toUpper() + p.local.mid(1);
    p.email = p.local + u'@' + p.domain;
    return p;
}

qint64 Builder::subscription(PersonDraft &p, const QString &price, qint64 t0, qint64 until, qint64 *lastStart)
{
    // Period ends chain from the previous one, exactly as the sandbox computes them.
    add(p.stripe, t0, u"subscribe"_s, {{u"price"_s, price}});
    const int step = price == m_annual ? 12 : 1;
    qint64 start = t0;
    for (qint64 next = addMonths(start, step); next < until; next = addMonths(start, step)) {
        start = next;
        add(p.stripe, start, u"renew"_s);
    }
    if (lastStart)
        *lastStart = start;
    return addMonths(start, step);
}

void Builder::circleGrant(PersonDraft &p, qint64 at, int group, int space)
{
    if (!p.inCircle) {
        add(p.circle, at, u"join"_s,
            {{u"access_groups"_s, QJsonArray{group}}, {u"spaces"_s, QJsonArray{space}}});
        p.inCircle = true;
        return;
    }
    add(p.circle, at, u"add_access_group"_s, {{u"access_group"_s, group}});
    add(p.circle, at + 1, u"add_space"_s, {{u"space"_s, space}});
}

void Builder::kitGrant(PersonDraft &p, qint64 at, int tag)
{
    if (!p.inKit) {
        add(p.kit, at, u"subscribe"_s, {{u"tags"_s, QJsonArray{tag}}});
        p.inKit = true;
        return;
    }
    add(p.kit, at, u"tag"_s, {{u"tags"_s, QJsonArray{tag}}});
}

void Builder::member(PersonDraft &p, qint64 paidAt, bool course)
{
    circleGrant(p, paidAt + between(45, 150), course ? GroupCourse : GroupMembers,
                course ? SpaceCourse : SpaceLounge);
    kitGrant(p, paidAt + between(60, 300), course ? TagCourse : TagMember);
}

// A paying, fully served person: a monthly or annual subscription or the course. Returns the payment time.
qint64 Builder::healthyPayer(PersonDraft &p, qint64 lo, qint64 hi, bool *course)
{
    const qint64 t0 = between(lo, hi);
    const quint64 what = m_rng.below(10);
    const bool isCourse = what >= 7;
    if (isCourse)
        add(p.stripe, t0, u"buy"_s, {{u"price"_s, m_course}});
    else
        subscription(p, what == 6 ? m_annual : m_monthly, t0, m_now - Hour);
    member(p, t0, isCourse);
    if (course)
        *course = isCourse;
    return t0;
}

QString Builder::caseVariant(const PersonDraft &p) const
{
    const QString lower = p.email.toLower();
    return lower != p.email ? lower : p.local.toUpper() + u'@' + p.domain;
}

// Takes no randomness, so the rest of the world stays as it was.
void Builder::moveToIdnDomain(PersonDraft &p)
{
    p.domain = QString::fromUtf16(IdnDomains[m_idnPeople++ % std::size(IdnDomains)]);
    QString local = p.local;
    for (int n = 2; m_usedEmails.contains(lookalikeKey(local + u'@' + p.domain)); ++n)
        local = p.local + QString::number(n);
    p.local = local;
    m_usedEmails.insert(lookalikeKey(p.local + u'@' + p.domain));
    p.email = p.local + u'@' + p.domain;
}

QString Builder::typo(const PersonDraft &p) const
{
    if (p.domain == u"gmail.com")
        return p.local + u"@gmial.com"_s;
    return p.local + p.local.right(1) + u'@' + p.domain;
}

void Builder::fill(PersonDraft &p, Kind kind)
{
    const qint64 oldest = m_now - 90 * Day;
    const qint64 recent = m_now - Hour;
    switch (kind) {
    case Kind::Monthly:
    case Kind::Annual: {
        const qint64 t0 = between(oldest, m_now - 2 * Hour);
        subscription(p, kind == Kind::Annual ? m_annual : m_monthly, t0, recent);
        member(p, t0, false);
        break;
    }
    case Kind::Course: {
        const qint64 t0 = between(oldest, m_now - 2 * Hour);
        add(p.stripe, t0, u"buy"_s, {{u"price"_s, m_course}});
        member(p, t0, true);
        break;
    }
    case Kind::Both: {
        const qint64 t0 = between(oldest, m_now - 10 * Day);
        subscription(p, m_monthly, t0, recent);
        member(p, t0, false);
        const qint64 t1 = between(t0 + 2 * Day, m_now - 2 * Hour);
        add(p.stripe, t1, u"buy"_s, {{u"price"_s, m_course}});
        member(p, t1, true);
        break;
    }
    case Kind::Free: {
        const qint64 t0 = between(oldest, recent);
        add(p.kit, t0, u"subscribe"_s, {{u"tags"_s, QJsonArray{TagNewsletter}}});
        p.inKit = true;
        if (m_rng.chance(0.5))
            add(p.circle, between(t0, m_now - Minute * 30), u"join"_s,
                {{u"spaces"_s, QJsonArray{SpaceLobby}}});
        break;
    }
    case Kind::CanceledClean:
    case Kind::AccessWithoutPayment:
    case Kind::StaleTag: {
        const quint64 variant = kind == Kind::AccessWithoutPayment ? m_rng.below(3) : 0;
        if (variant == 2) { // in the paid group without ever paying
            add(p.circle, between(oldest, recent), u"join"_s,
                {{u"access_groups"_s, QJsonArray{GroupMembers}}, {u"spaces"_s, QJsonArray{SpaceLounge}}});
            break;
        }
        const qint64 t0 = between(oldest, m_now - 5 * Day);
        const qint64 end = between(t0 + Day, m_now - 2 * Hour);
        const bool course = variant == 1;
        if (course) {
            add(p.stripe, t0, u"buy"_s, {{u"price"_s, m_course}});
            add(p.stripe, end, u"refund"_s);
        } else {
            subscription(p, m_monthly, t0, end);
            add(p.stripe, end, u"cancel"_s);
        }
        member(p, t0, course);
        if (kind != Kind::AccessWithoutPayment)
            add(p.circle, end + between(2 * Minute, 10 * Minute), u"remove_access_group"_s,
                {{u"access_group"_s, course ? GroupCourse : GroupMembers}});
        if (kind != Kind::StaleTag)
            add(p.kit, end + between(3 * Minute, 15 * Minute), u"untag"_s,
                {{u"tags"_s, QJsonArray{course ? TagCourse : TagMember}}});
        break;
    }
    case Kind::PeriodEndPast: {
        const qint64 t0 = between(m_now - 85 * Day, m_now - 35 * Day);
        std::vector<qint64> ends;
        for (qint64 e = addMonths(t0, 1); e < recent; e = addMonths(e, 1))
            ends.push_back(e);
        const size_t j = static_cast<size_t>(m_rng.below(ends.size()));
        const qint64 periodStart = j == 0 ? t0 : ends[j - 1];
        subscription(p, m_monthly, t0, periodStart + 1);
        member(p, t0, false);
        add(p.stripe, between(periodStart + Hour, ends[j] - Hour), u"cancel"_s, {{u"at_period_end"_s, true}});
        add(p.circle, ends[j] + between(2 * Minute, 10 * Minute), u"remove_access_group"_s,
            {{u"access_group"_s, GroupMembers}});
        add(p.kit, ends[j] + between(3 * Minute, 15 * Minute), u"untag"_s,
            {{u"tags"_s, QJsonArray{TagMember}}});
        break;
    }
    case Kind::PartialRefund: {
        const qint64 t0 = between(oldest, m_now - 2 * Day);
        add(p.stripe, t0, u"buy"_s, {{u"price"_s, m_course}});
        member(p, t0, true);
        add(p.stripe, between(t0 + Hour, std::min(t0 + 14 * Day, recent)), u"refund"_s,
            {{u"amount"_s, 5000 + 1000 * static_cast<int>(m_rng.below(10))}});
        break;
    }
    case Kind::DisputeWon: {
        const qint64 t0 = between(oldest, m_now - 20 * Day);
        add(p.stripe, t0, u"buy"_s, {{u"price"_s, m_course}});
        member(p, t0, true);
        const qint64 opened = t0 + between(2 * Day, 6 * Day);
        add(p.stripe, opened, u"dispute"_s, {{u"reason"_s, u"product_not_received"_s}});
        add(p.stripe, opened + between(7 * Day, 12 * Day), u"dispute_won"_s);
        break;
    }
    case Kind::CancelAtPeriodEndFuture: {
        const qint64 t0 = between(oldest, m_now - 3 * Day);
        qint64 start = t0;
        subscription(p, m_monthly, t0, m_now - 3 * Hour, &start);
        member(p, t0, false);
        add(p.stripe, between(start + Hour, recent), u"cancel"_s, {{u"at_period_end"_s, true}});
        break;
    }
    case Kind::ChangeEmail: {
        // Paid with a mistyped address, corrected it in Stripe a little later; Circle and Kit have it right.
        const qint64 t0 = between(oldest, m_now - 4 * Day);
        const QString wrong = typo(p);
        add(p.stripe, t0, u"subscribe"_s, {{u"price"_s, m_monthly}, {u"email"_s, wrong}});
        add(p.stripe, t0 + between(Hour, 3 * Day), u"change_email"_s,
            {{u"email"_s, wrong}, {u"to"_s, p.email}});
        for (qint64 e = addMonths(t0, 1); e < recent; e = addMonths(e, 1))
            add(p.stripe, e, u"renew"_s);
        member(p, t0, false);
        break;
    }
    case Kind::PaidWithoutAccess: {
        const qint64 t0 = between(oldest, m_now - 3 * Day);
        if (m_rng.chance(0.5)) { // paid, never joined the community
            subscription(p, m_monthly, t0, recent);
            kitGrant(p, t0 + between(60, 300), TagMember);
        } else { // joined, then lost the group by mistake
            add(p.stripe, t0, u"buy"_s, {{u"price"_s, m_course}});
            member(p, t0, true);
            add(p.circle, between(t0 + Day, recent), u"remove_access_group"_s,
                {{u"access_group"_s, GroupCourse}});
        }
        break;
    }
    case Kind::MissingTag: {
        const qint64 t0 = between(oldest, m_now - 2 * Hour);
        subscription(p, m_monthly, t0, recent);
        circleGrant(p, t0 + between(45, 150), GroupMembers, SpaceLounge);
        if (m_rng.chance(0.5))
            add(p.kit, t0 + between(60, 300), u"subscribe"_s, {{u"tags"_s, QJsonArray()}});
        break;
    }
    case Kind::DuplicateMember:
    case Kind::DuplicateSubscriber:
    case Kind::Undeliverable:
    case Kind::PossibleSamePerson: {
        // The person's address (in Stripe, Circle and the first Kit subscribe) has a Unicode domain; the
        // second Kit subscribe spells the domain in punycode.
        if (kind == Kind::DuplicateSubscriber)
            moveToIdnDomain(p);
        const qint64 t0 = healthyPayer(p, oldest, m_now - 2 * Day);
        const qint64 later = between(t0 + Hour, recent);
        if (kind == Kind::DuplicateMember) {
            add(p.circle, later, u"join"_s, {{u"email"_s, caseVariant(p)}});
        } else if (kind == Kind::DuplicateSubscriber) {
            const QString ace = QString::fromLatin1(QUrl::toAce(p.domain));
            add(p.kit, later, u"subscribe"_s,
                {{u"email"_s, QString(p.local + u'@' + ace)}, {u"tags"_s, QJsonArray()}});
        } else if (kind == Kind::Undeliverable) {
            add(p.kit, later, m_rng.chance(0.7) ? u"bounce"_s : u"complain"_s);
        } else if (m_rng.chance(0.5)) {
            add(p.kit, later, u"subscribe"_s,
                {{u"email"_s, QString(p.local + u"+news@"_s + p.domain)},
                 {u"tags"_s, QJsonArray{TagNewsletter}}});
        } else {
            add(p.circle, later, u"join"_s,
                {{u"email"_s, QString(p.local + u"+community@"_s + p.domain)},
                 {u"spaces"_s, QJsonArray{SpaceLobby}}});
        }
        break;
    }
    case Kind::DuplicatePurchase: {
        const qint64 t0 = between(oldest, m_now - 2 * Hour);
        add(p.stripe, t0, u"buy"_s, {{u"price"_s, m_course}});
        add(p.stripe, t0 + between(2 * Minute, 8 * Minute), u"buy"_s, {{u"price"_s, m_course}});
        member(p, t0, true);
        break;
    }
    case Kind::PaymentFailed: {
        // The last renewal failed 1-5 days ago: still inside the default 7-day grace, so access stays.
        qint64 failedAt = 0;
        qint64 t0 = 0;
        do {
            failedAt = m_now - between(Day, 5 * Day);
            t0 = addMonths(failedAt, -static_cast<int>(m_rng.range(1, 2)));
        } while (QDateTime::fromSecsSinceEpoch(t0, Qt::UTC).date().day() > 28 ||
                 QDateTime::fromSecsSinceEpoch(failedAt, Qt::UTC).date().day() > 28);
        subscription(p, m_monthly, t0, failedAt - 1);
        add(p.stripe, failedAt, u"renewal_failed"_s);
        member(p, t0, false);
        break;
    }
    case Kind::DisputeOpen: {
        const qint64 t0 = healthyPayer(p, oldest, m_now - 3 * Day);
        add(p.stripe, between(t0 + Day, recent), u"dispute"_s, {{u"reason"_s, u"fraudulent"_s}});
        break;
    }
    }
    static const QStringList rules = WorldGenerator::breakKinds();
    const int broken = static_cast<int>(kind) - static_cast<int>(Kind::PaidWithoutAccess);
    if (broken >= 0)
        p.expect.append(rules.at(broken));
}

QJsonObject Builder::build()
{
    const int n = std::max(0, m_count);
    std::vector<Kind> kinds(static_cast<size_t>(n), Kind::Monthly);
    std::vector<int> order(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        order[static_cast<size_t>(i)] = i;
    for (int i = n - 1; i > 0; --i)
        std::swap(order[static_cast<size_t>(i)],
                  order[static_cast<size_t>(m_rng.below(static_cast<quint64>(i + 1)))]);

    const int broken = std::min(
        n, std::max(static_cast<int>(n * WorldGenerator::BrokenShare + 0.5), std::min(n, BrokenKinds)));
    const int extras =
        std::min(n - broken, std::max(static_cast<int>(n * ExtrasShare + 0.5), n >= 20 ? 4 : 0));
    int slot = 0;
    for (int j = 0; j < broken; ++j)
        kinds[static_cast<size_t>(order[static_cast<size_t>(slot++)])] =
            static_cast<Kind>(static_cast<int>(Kind::PaidWithoutAccess) + j % BrokenKinds);
    for (int j = 0; j < extras; ++j)
        kinds[static_cast<size_t>(order[static_cast<size_t>(slot++)])] = Extras[j % std::size(Extras)];
    const std::pair<Kind, int> healthy[] = {
        {Kind::Monthly, 40}, {Kind::Annual, 12},       {Kind::Course, 16},      {Kind::Both, 8},
        {Kind::Free, 12},    {Kind::CanceledClean, 7}, {Kind::PeriodEndPast, 5}};
    for (; slot < n; ++slot) {
        int roll = static_cast<int>(m_rng.below(100));
        Kind k = Kind::Monthly;
        for (const auto &[kind, weight] : healthy) {
            if (roll < weight) {
                k = kind;
                break;
            }
            roll -= weight;
        }
        kinds[static_cast<size_t>(order[static_cast<size_t>(slot)])] = k;
    }

    QJsonArray people;
    for (int i = 0; i < n; ++i) {
        PersonDraft p = newPerson();
        fill(p, kinds[static_cast<size_t>(i)]);
        QJsonObject o{
            {u"name"_s, p.name}, {u"email"_s, p.email}, {u"expect"_s, QJsonArray::fromStringList(p.expect)}};
        if (!p.stripe.isEmpty())
            o.insert(u"stripe"_s, p.stripe);
        if (!p.circle.isEmpty())
            o.insert(u"circle"_s, p.circle);
        if (!p.kit.isEmpty())
            o.insert(u"kit"_s, p.kit);
        people.append(o);
    }

    const QString prodMembership = m_ids.make("prod_"_L1, 14);
    const QString prodAnnual = m_ids.make("prod_"_L1, 14);
    const QString prodCourse = m_ids.make("prod_"_L1, 14);
    const auto product = [](const QString &prod, const QString &price, const QString &name,
                            const QString &mode, int amount, const QString &interval) {
        QJsonObject o{{u"product"_s, prod}, {u"price"_s, price},   {u"name"_s, name},
                      {u"mode"_s, mode},    {u"amount"_s, amount}, {u"currency"_s, u"usd"_s}};
        if (!interval.isEmpty())
            o.insert(u"interval"_s, interval);
        return o;
    };
    const auto named = [](int id, const QString &name) {
        return QJsonObject{{u"id"_s, id}, {u"name"_s, name}};
    };
    const QJsonObject catalog{
        {u"products"_s,
         QJsonArray{
             product(prodMembership, m_monthly, u"Inner Circle (monthly)"_s, u"subscription"_s, 4900,
                     u"month"_s),
             product(prodAnnual, m_annual, u"Inner Circle (annual)"_s, u"subscription"_s, 49000, u"year"_s),
             product(prodCourse, m_course, u"Launch Course"_s, u"payment"_s, 29900, QString())}},
        {u"circle"_s,
         QJsonObject{{u"access_groups"_s, QJsonArray{named(GroupMembers, u"Inner Circle members"_s),
                                                     named(GroupCourse, u"Launch Course students"_s)}},
                     {u"spaces"_s,
                      QJsonArray{named(SpaceLounge, u"Members lounge"_s),
                                 named(SpaceCourse, u"Launch Course"_s), named(SpaceLobby, u"Open lobby"_s)}},
                     {u"member_tags"_s,
                      QJsonArray{named(701, u"Founding member"_s), named(702, u"Course alumni"_s)}}}},
        {u"kit"_s, QJsonObject{{u"tags"_s, QJsonArray{named(TagMember, u"member"_s),
                                                      named(TagCourse, u"course-student"_s),
                                                      named(TagNewsletter, u"newsletter"_s)}},
                               {u"sequences"_s, QJsonArray{named(601, u"Member onboarding"_s),
                                                           named(602, u"Course onboarding"_s)}}}}};
    const auto rule = [](const QString &price, int group, int tag, int sequence) {
        return QJsonObject{{u"price"_s, price},
                           {u"circle_access_groups"_s, QJsonArray{group}},
                           {u"kit_tags"_s, QJsonArray{tag}},
                           {u"kit_sequences"_s, QJsonArray{sequence}}};
    };
    const QJsonArray policy{rule(m_monthly, GroupMembers, TagMember, 601),
                            rule(m_annual, GroupMembers, TagMember, 601),
                            rule(m_course, GroupCourse, TagCourse, 602)};
    return QJsonObject{{u"version"_s, 1},
                       {u"now"_s, time(m_now)},
                       {u"catalog"_s, catalog},
                       {u"policy"_s, policy},
                       {u"people"_s, people}};
}

} // namespace

QStringList WorldGenerator::breakKinds()
{
    return {u"paid_without_access"_s, u"access_without_payment"_s, u"missing_tag"_s,
            u"stale_tag"_s,           u"duplicate_member"_s,       u"duplicate_subscriber"_s,
            u"duplicate_purchase"_s,  u"payment_failed"_s,         u"dispute_open"_s,
            u"undeliverable_email"_s, u"possible_same_person"_s};
}

QJsonObject WorldGenerator::generate(int people, quint64 seed)
{
    return Builder(people, seed).build();
}

} // namespace sb::sandbox
