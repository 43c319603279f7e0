#include "store/Queries.h"

#include "identity/EmailNormalizer.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::store {

namespace {
// Upper bound for a prefix range scan: SQLite compares TEXT as UTF-8 bytes, and no valid character sorts
// after U+10FFFF, so [prefix, prefix + U+10FFFF) holds exactly the keys that start with prefix.
QString prefixEnd(const QString &prefix)
{
    return prefix + QString::fromUcs4(U"\U0010FFFF");
}

constexpr int kMaxQueryLength = 320;
} // namespace

bool looksLikeProviderId(const QString &text)
{
    static const QRegularExpression re(
        u"^(cus|ch|pi|in|sub|cs|evt|re|du|py|prod|price|pm|il|si)_[A-Za-z0-9_]+$"_s);
    return re.match(text).hasMatch();
}

Result<QList<SearchHit>> Queries::search(const QString &rawQuery, int limit)
{
    QList<SearchHit> hits;
    const QString query = rawQuery.trimmed().left(kMaxQueryLength);
    if (query.isEmpty() || limit <= 0)
        return hits;
    QSet<qint64> seen;
    auto addHits = [&](QSqlQuery &q, const QString &matchedOn) {
        while (q.next() && hits.size() < limit) {
            const qint64 id = q.value(0).toLongLong();
            if (seen.contains(id))
                continue;
            seen.insert(id);
            hits.append(SearchHit{
                id, q.value(1).toString(), q.value(2).toString(), matchedOn, q.value(3).toString(), {}});
        }
    };

    // Exact identifiers: identities (Stripe customer, later Circle member and Kit subscriber ids) and any
    // raw object that has an owner (charges, invoices, events, ...).
    {
        QSqlQuery q(m_db);
        q.prepare(u"SELECT p.id, p.display_name, p.primary_email, i.external_id FROM identities i"
                  " JOIN people p ON p.id = i.person_id WHERE i.external_id = ?"
                  " UNION ALL SELECT p.id, p.display_name, p.primary_email, r.external_id FROM raw_objects r"
                  " JOIN people p ON p.id = r.person_id WHERE r.external_id = ? LIMIT ?"_s);
        q.addBindValue(query);
        q.addBindValue(query);
        q.addBindValue(limit);
        if (!q.exec())
            return sqlError(q, "search by id");
        addHits(q, u"id"_s);
    }
    if (looksLikeProviderId(query)) {
        if (Status s = addSystems(hits); !s)
            return s.error();
        return hits;
    }

    // Emails and names by prefix on the folded key.
    const QString emailKey = normalizeEmail(query).isEmpty() ? query.toCaseFolded() : normalizeEmail(query);
    const QString nameKey = foldForSearch(query);
    struct Pass {
        QString key;
        QString field;
        bool exact;
    };
    const Pass passes[] = {{emailKey, u"email"_s, true},
                           {nameKey, u"name"_s, true},
                           {emailKey, u"email"_s, false},
                           {nameKey, u"name"_s, false}};
    for (const Pass &pass : passes) {
        if (hits.size() >= limit || pass.key.isEmpty())
            break;
        QSqlQuery q(m_db);
        if (pass.exact) {
            q.prepare(u"SELECT p.id, p.display_name, p.primary_email, k.key FROM search_keys k"
                      " JOIN people p ON p.id = k.person_id WHERE k.key = ? AND k.field = ? LIMIT ?"_s);
            q.addBindValue(pass.key);
        } else {
            q.prepare(u"SELECT p.id, p.display_name, p.primary_email, k.key FROM search_keys k"
                      " JOIN people p ON p.id = k.person_id WHERE k.key >= ? AND k.key < ? AND k.field = ?"
                      " ORDER BY k.key LIMIT ?"_s);
            q.addBindValue(pass.key);
            q.addBindValue(prefixEnd(pass.key));
        }
        q.addBindValue(pass.field);
        q.addBindValue(limit * 2);
        if (!q.exec())
            return sqlError(q, "search by key");
        addHits(q, pass.field);
    }
    if (Status s = addSystems(hits); !s)
        return s.error();
    return hits;
}

Status Queries::addSystems(QList<SearchHit> &hits)
{
    if (hits.isEmpty())
        return {};
    QStringList marks;
    for (qsizetype i = 0; i < hits.size(); ++i)
        marks.append(u"?"_s);
    QSqlQuery q(m_db);
    q.prepare(u"SELECT DISTINCT person_id, provider FROM identities WHERE person_id IN (%1)"
              " ORDER BY person_id, provider"_s.arg(marks.join(u',')));
    for (const SearchHit &h : std::as_const(hits))
        q.addBindValue(h.personId);
    if (!q.exec())
        return Status(sqlError(q, "read systems of hits"));
    QHash<qint64, QStringList> systems;
    while (q.next())
        systems[q.value(0).toLongLong()].append(q.value(1).toString());
    for (SearchHit &h : hits)
        h.systems = systems.value(h.personId);
    return {};
}

Result<qint64> Queries::resolvePerson(const QString &text)
{
    const QString t = text.trimmed();
    // Provider ids and emails first: a Circle or Kit id is a number too, and must not open person #N.
    auto hits = search(t, 2);
    if (!hits)
        return hits.error();
    for (const SearchHit &h : hits.value()) {
        if (h.matchedOn == "id"_L1 || (h.matchedOn == "email"_L1 && h.matchedValue == normalizeEmail(t)))
            return h.personId;
    }
    QString digits = t;
    if (digits.startsWith("person:"_L1))
        digits = digits.mid(7);
    bool isNumber = false;
    const qint64 asId = digits.toLongLong(&isNumber);
    if (isNumber) {
        QSqlQuery q(m_db);
        q.prepare(u"SELECT id FROM people WHERE id = ?"_s);
        q.addBindValue(asId);
        if (!q.exec())
            return sqlError(q, "find person");
        if (q.next())
            return asId;
    }
    return Error{ErrorKind::NotFound, u"no person matches %1"_s.arg(t)};
}

Result<PersonDetails> Queries::person(qint64 personId)
{
    PersonDetails d;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id, display_name, primary_email, created_at FROM people WHERE id = ?"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return sqlError(q, "read person");
    if (!q.next())
        return Error{ErrorKind::NotFound, u"no person with id %1"_s.arg(personId)};
    d.person = Person{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toLongLong()};

    QSqlQuery ids(m_db);
    ids.prepare(
        u"SELECT i.provider, i.external_id, i.email, i.email_norm, i.name, i.link, r.json FROM identities i"
        " LEFT JOIN raw_objects r ON r.provider = i.provider AND r.kind IN ('customer', 'member', "
        "'subscriber')"
        " AND r.external_id = i.external_id WHERE i.person_id = ?"
        " ORDER BY i.provider, i.created_at, i.external_id"_s);
    ids.addBindValue(personId);
    if (!ids.exec())
        return sqlError(ids, "read identities");
    while (ids.next()) {
        Identity i;
        i.provider = ids.value(0).toString();
        i.externalId = ids.value(1).toString();
        i.personId = personId;
        i.email = ids.value(2).toString();
        i.emailNorm = ids.value(3).toString();
        i.name = ids.value(4).toString();
        i.link = ids.value(5).toString();
        if (i.provider == provider::Stripe && !ids.value(6).isNull()) {
            // Stripe's dashboard keeps test data under /test/; the object itself says which mode it is from.
            const bool live = QJsonDocument::fromJson(ids.value(6).toString().toUtf8())
                                  .object()
                                  .value("livemode"_L1)
                                  .toBool();
            i.dashboardUrl = QUrl(u"https://dashboard.stripe.com/%1customers/%2"_s.arg(
                live ? QString() : u"test/"_s, QString::fromLatin1(QUrl::toPercentEncoding(i.externalId))));
        }
        if (i.provider == provider::Circle && !ids.value(6).isNull()) {
            // The member's profile in the community, where an admin can manage them.
            const QUrl profile(QJsonDocument::fromJson(ids.value(6).toString().toUtf8())
                                   .object()
                                   .value("profile_url"_L1)
                                   .toString());
            if (profile.scheme() == "https"_L1 || profile.scheme() == "http"_L1)
                i.dashboardUrl = profile;
        }
        if (i.provider == provider::Kit)
            i.dashboardUrl = QUrl(u"https://app.kit.com/subscribers/%1"_s.arg(
                QString::fromLatin1(QUrl::toPercentEncoding(i.externalId))));
        if (!i.email.isEmpty() && !d.emails.contains(i.email.trimmed()))
            d.emails.append(i.email.trimmed());
        d.identities.append(i);
    }
    if (d.emails.isEmpty() && !d.person.primaryEmail.isEmpty())
        d.emails.append(d.person.primaryEmail);

    QSqlQuery c(m_db);
    c.prepare(u"SELECT count(*) FROM timeline WHERE person_id = ?"_s);
    c.addBindValue(personId);
    if (!c.exec() || !c.next())
        return sqlError(c, "count timeline");
    d.timelineCount = c.value(0).toLongLong();

    auto payment = paymentState(personId);
    if (!payment)
        return payment.error();
    d.payment = payment.value();
    auto circle = systemStatus(personId, provider::Circle);
    auto kit = systemStatus(personId, provider::Kit);
    auto candidates = samePersonCandidates(personId);
    if (!circle || !kit || !candidates)
        return !circle ? circle.error() : !kit ? kit.error() : candidates.error();
    d.circle = circle.value();
    d.kit = kit.value();
    d.candidates = candidates.value();
    return d;
}

Result<SystemStatus> Queries::systemStatus(qint64 personId, const QString &provider)
{
    SystemStatus st;
    st.provider = provider;
    const bool isCircle = provider == provider::Circle;
    // The person's accounts there and each one's current object (absent when it was deleted).
    QSqlQuery q(m_db);
    q.prepare(
        u"SELECT i.external_id, r.json FROM identities i LEFT JOIN raw_objects r ON r.provider = i.provider"
        " AND r.kind = ? AND r.external_id = i.external_id WHERE i.person_id = ? AND i.provider = ?"
        " ORDER BY i.created_at, i.external_id"_s);
    q.addBindValue(isCircle ? u"member"_s : u"subscriber"_s);
    q.addBindValue(personId);
    q.addBindValue(provider);
    if (!q.exec())
        return sqlError(q, "read accounts");
    QStringList states;
    while (q.next()) {
        if (q.value(1).isNull()) {
            states.append(u"deleted"_s);
            continue;
        }
        const QJsonObject o = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        ++st.accounts;
        if (isCircle)
            states.append(o.value("active"_L1).toBool() ? u"active"_s : u"inactive"_s);
        else
            states.append(o.value("state"_L1).toString());
    }
    st.present = st.accounts > 0;
    // The best state wins the headline (one active account of two is "active"), the worst sets the tone.
    for (const QString &candidate :
         {u"active"_s, u"inactive"_s, u"cancelled"_s, u"complained"_s, u"bounced"_s, u"deleted"_s}) {
        if (states.contains(candidate)) {
            st.state = candidate;
            break;
        }
    }
    if (st.state.isEmpty() && !states.isEmpty())
        st.state = states.first();

    QSqlQuery m(m_db);
    m.prepare(u"SELECT m.container_kind, m.container_id, m.status, c.json FROM memberships m"
              " LEFT JOIN raw_objects c ON c.provider = m.provider AND c.kind = m.container_kind"
              " AND c.external_id = m.container_id WHERE m.person_id = ? AND m.provider = ?"
              " ORDER BY m.container_kind, m.container_id"_s);
    m.addBindValue(personId);
    m.addBindValue(provider);
    if (!m.exec())
        return sqlError(m, "read memberships");
    while (m.next()) {
        const QString kind = m.value(0).toString();
        QString name =
            QJsonDocument::fromJson(m.value(3).toString().toUtf8()).object().value("name"_L1).toString();
        if (name.isEmpty())
            name = u"#"_s + m.value(1).toString();
        if (kind == "access_group"_L1)
            st.groups.append(name);
        else if (kind == "space"_L1)
            st.spaces.append(m.value(2).toString() == "active"_L1 ? name : name + u" (inactive)"_s);
        else if (kind == "sequence"_L1)
            st.sequences.append(name);
        else
            st.tags.append(name);
    }
    using T = SystemStatus::Tone;
    if (!st.present)
        st.tone = T::Neutral;
    else if (st.state == "active"_L1)
        st.tone = st.accounts > 1 ? T::Warning : T::Good;
    else if (st.state == "bounced"_L1 || st.state == "complained"_L1 || st.state == "deleted"_L1)
        st.tone = T::Bad;
    else
        st.tone = T::Warning;
    return st;
}

Result<QList<SamePersonCandidate>> Queries::samePersonCandidates(qint64 personId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Same loose address (plus-suffix or dots), or an address one of the two had before.
    q.prepare(
        u"SELECT p.id, p.display_name, p.primary_email, 'loose_email' FROM identities mine"
        " JOIN identities other ON other.email_loose = mine.email_loose AND other.person_id <> mine.person_id"
        " JOIN people p ON p.id = other.person_id WHERE mine.person_id = ? AND mine.email_loose <> ''"
        " UNION SELECT p.id, p.display_name, p.primary_email, 'previous_email' FROM identities mine"
        " JOIN identity_emails h ON h.provider = mine.provider AND h.external_id = mine.external_id"
        " JOIN identities other ON other.email_norm = h.email_norm AND other.person_id <> mine.person_id"
        " JOIN people p ON p.id = other.person_id WHERE mine.person_id = ?"
        " UNION SELECT p.id, p.display_name, p.primary_email, 'previous_email' FROM identities mine"
        " JOIN identity_emails h ON h.email_norm = mine.email_norm"
        " JOIN identities other ON other.provider = h.provider AND other.external_id = h.external_id"
        " AND other.person_id <> mine.person_id"
        " JOIN people p ON p.id = other.person_id WHERE mine.person_id = ? AND mine.email_norm <> ''"
        " ORDER BY 1 LIMIT 20"_s);
    q.addBindValue(personId);
    q.addBindValue(personId);
    q.addBindValue(personId);
    if (!q.exec())
        return sqlError(q, "read same-person candidates");
    QList<SamePersonCandidate> out;
    QSet<qint64> seen;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        out.append(
            SamePersonCandidate{id, q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    }
    return out;
}

Result<QList<std::pair<QString, QString>>> Queries::timelineKinds(qint64 personId)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT DISTINCT provider, kind FROM timeline WHERE person_id = ? ORDER BY provider, kind"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return sqlError(q, "read timeline kinds");
    QList<std::pair<QString, QString>> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    return out;
}

Result<PaymentState> Queries::paymentState(qint64 personId)
{
    // Derived from the raw Stripe objects of this person: bounded by how many subscriptions and charges one
    // person has, read through the (person_id, provider, kind) index.
    PaymentState s;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT kind, json FROM raw_objects WHERE person_id = ? AND provider = 'stripe'"
              " AND kind IN ('subscription', 'charge', 'dispute') ORDER BY provider_time DESC"_s);
    q.addBindValue(personId);
    if (!q.exec())
        return sqlError(q, "read payment state");
    bool anyCharge = false, anyRefunded = false, openDispute = false;
    QStringList subStatuses;
    while (q.next()) {
        const QString kind = q.value(0).toString();
        const QJsonObject o = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        if (kind == "subscription"_L1) {
            subStatuses.append(o.value("status"_L1).toString());
        } else if (kind == "charge"_L1) {
            if (o.value("status"_L1).toString() != "succeeded"_L1)
                continue;
            anyCharge = true;
            const qint64 net = o.value("amount"_L1).toInteger() - o.value("amount_refunded"_L1).toInteger();
            const QString currency = o.value("currency"_L1).toString();
            if (s.currency.isEmpty() || s.currency == currency) {
                s.currency = currency;
                s.paidTotal += net;
            }
            if (o.value("refunded"_L1).toBool())
                anyRefunded = true;
        } else if (kind == "dispute"_L1) {
            const QString st = o.value("status"_L1).toString();
            if (st != "won"_L1 && st != "lost"_L1 && st != "warning_closed"_L1 && st != "charge_refunded"_L1)
                openDispute = true;
        }
    }
    using K = PaymentState::Kind;
    if (openDispute)
        s.kind = K::Disputed;
    else if (subStatuses.contains("past_due"_L1) || subStatuses.contains("unpaid"_L1))
        s.kind = K::PastDue;
    else if (subStatuses.contains("active"_L1))
        s.kind = K::Active;
    else if (subStatuses.contains("trialing"_L1))
        s.kind = K::Trialing;
    else if (!subStatuses.isEmpty())
        s.kind = K::Canceled;
    else if (anyCharge)
        s.kind = anyRefunded && s.paidTotal <= 0 ? K::Refunded : K::Paid;
    return s;
}

Result<QList<TimelineEvent>> Queries::timelinePage(qint64 personId, const TimelineCursor &after, int limit,
                                                   const TimelineFilter &filter)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString sql = u"SELECT id, person_id, at, provider, kind, source_key, summary, amount, currency,"
                  " observed, detail_json FROM timeline WHERE person_id = ?"_s;
    auto in = [](const QString &column, qsizetype n) {
        QStringList marks;
        for (qsizetype i = 0; i < n; ++i)
            marks.append(u"?"_s);
        return u" AND %1 IN (%2)"_s.arg(column, marks.join(u','));
    };
    if (!filter.providers.isEmpty())
        sql += in(u"provider"_s, filter.providers.size());
    if (!filter.kinds.isEmpty())
        sql += in(u"kind"_s, filter.kinds.size());
    if (after.valid)
        sql += u" AND (at < ? OR (at = ? AND id < ?))"_s;
    sql += u" ORDER BY at DESC, id DESC LIMIT ?"_s;
    q.prepare(sql);
    q.addBindValue(personId);
    for (const QString &p : filter.providers)
        q.addBindValue(p);
    for (const QString &k : filter.kinds)
        q.addBindValue(k);
    if (after.valid) {
        q.addBindValue(after.at);
        q.addBindValue(after.at);
        q.addBindValue(after.id);
    }
    q.addBindValue(limit);
    if (!q.exec())
        return sqlError(q, "read timeline");
    QList<TimelineEvent> rows;
    while (q.next()) {
        TimelineEvent e;
        e.id = q.value(0).toLongLong();
        e.personId = q.value(1).toLongLong();
        e.at = q.value(2).toLongLong();
        e.provider = q.value(3).toString();
        e.kind = q.value(4).toString();
        e.sourceKey = q.value(5).toString();
        e.summary = q.value(6).toString();
        if (!q.value(7).isNull())
            e.amount = q.value(7).toLongLong();
        e.currency = q.value(8).toString();
        e.observed = q.value(9).toInt() != 0;
        e.detail = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
        rows.append(e);
    }
    return rows;
}

Result<qint64> Queries::count(const QString &table)
{
    static const QStringList allowed = {u"people"_s, u"identities"_s, u"raw_objects"_s, u"timeline"_s,
                                        u"audit_log"_s};
    if (!allowed.contains(table))
        return Error{ErrorKind::Usage, u"unknown table %1"_s.arg(table)};
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT count(*) FROM "_s + table) || !q.next())
        return sqlError(q, "count");
    return q.value(0).toLongLong();
}

Result<bool> Queries::isEmpty()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT EXISTS (SELECT 1 FROM people)"_s) || !q.next())
        return sqlError(q, "check for people");
    return !q.value(0).toBool();
}

Result<Queries::SyncSummary> Queries::syncSummary(const QString &provider)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT max(CASE WHEN stream IN ('events', 'run') THEN last_ok_at END),"
              " max(CASE WHEN stream IN ('events', 'run') THEN last_error END),"
              " max(CASE WHEN stream = 'requests' THEN requests_spent END),"
              " max(CASE WHEN stream = ? THEN requests_spent END) FROM sync_state WHERE provider = ?"_s);
    // The same stream name the sync writes each month's requests to.
    q.addBindValue(QString(u"requests:"_s + fromMillis(Clock::now()).toString(u"yyyy-MM"_s)));
    q.addBindValue(provider);
    if (!q.exec() || !q.next())
        return sqlError(q, "read sync state");
    SyncSummary s;
    if (!q.value(0).isNull())
        s.lastOkAt = q.value(0).toLongLong();
    s.lastError = q.value(1).toString();
    s.requestsSpent = q.value(2).toLongLong();
    s.requestsThisMonth = q.value(3).toLongLong();
    return s;
}

} // namespace sb::store
