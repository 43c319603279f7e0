#include "reconcile/Policy.h"

#include "audit/AuditLog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::reconcile {

namespace {
Error bad(qsizetype i, const QString &what)
{
    return Error{ErrorKind::Usage, u"policy[%1]: %2"_s.arg(i).arg(what)};
}

// A list of ids: numbers (Circle's and Kit's JSON) or digit strings.
bool readIds(const QJsonObject &o, QLatin1StringView key, QStringList *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isArray()) {
        *error = u"\"%1\" must be an array of ids"_s.arg(key);
        return false;
    }
    for (const QJsonValue &id : v.toArray()) {
        QString text;
        const QString asString = id.toString();
        if (id.isDouble() && id.toDouble() == double(id.toInteger()) && id.toInteger() > 0)
            text = QString::number(id.toInteger());
        else if (id.isString() && !asString.isEmpty() &&
                 std::all_of(asString.cbegin(), asString.cend(), [](QChar c) { return c.isDigit(); }))
            text = asString;
        if (text.isEmpty()) {
            const QString shown = id.isString()   ? u"\""_s + id.toString().left(40) + u"\""_s
                                  : id.isDouble() ? QString::number(id.toDouble())
                                                  : u"a non-id value"_s;
            *error = u"\"%1\" must hold ids (positive whole numbers), not %2"_s.arg(key, shown);
            return false;
        }
        if (!out->contains(text))
            out->append(text);
    }
    return true;
}

QJsonArray idArray(const QStringList &ids)
{
    QJsonArray a;
    for (const QString &id : ids)
        a.append(id.toLongLong());
    return a;
}
} // namespace

Result<Policy> Policy::fromJson(const QJsonValue &json)
{
    QJsonValue value = json;
    if (json.isObject())
        value = json.toObject().value("policy"_L1);
    if (!value.isArray())
        return Error{ErrorKind::Usage,
                     u"a policy is an array of entries (or a world file with a \"policy\" array)"_s};
    Policy p;
    QSet<QString> seen;
    const QJsonArray entries = value.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isObject())
            return bad(i, u"must be an object"_s);
        const QJsonObject o = entries.at(i).toObject();
        PolicyEntry e;
        e.price = o.value("price"_L1).toString().trimmed();
        e.product = o.value("product"_L1).toString().trimmed();
        if (e.price.isEmpty() && e.product.isEmpty())
            return bad(i, u"needs \"price\" (price_…) or \"product\" (prod_…)"_s);
        if (!e.price.isEmpty() && !e.price.startsWith("price_"_L1))
            return bad(i, u"\"price\" must be a Stripe price id (price_…), not %1"_s.arg(e.price.left(40)));
        if (!e.product.isEmpty() && !e.product.startsWith("prod_"_L1))
            return bad(i,
                       u"\"product\" must be a Stripe product id (prod_…), not %1"_s.arg(e.product.left(40)));
        QString error;
        if (!readIds(o, "circle_access_groups"_L1, &e.circleAccessGroups, &error) ||
            !readIds(o, "circle_spaces"_L1, &e.circleSpaces, &error) ||
            !readIds(o, "kit_tags"_L1, &e.kitTags, &error) ||
            !readIds(o, "kit_sequences"_L1, &e.kitSequences, &error))
            return bad(i, error);
        if (e.circleAccessGroups.isEmpty() && e.circleSpaces.isEmpty() && e.kitTags.isEmpty() &&
            e.kitSequences.isEmpty())
            return bad(
                i, u"grants nothing: give circle_access_groups, circle_spaces, kit_tags or kit_sequences"_s);
        const QString key = e.price.isEmpty() ? e.product : e.price;
        if (seen.contains(key))
            return bad(i, u"%1 has another entry already: one entry per price or product"_s.arg(key));
        seen.insert(key);
        p.entries.append(e);
    }
    return p;
}

QJsonArray Policy::toJson() const
{
    QJsonArray out;
    for (const PolicyEntry &e : entries) {
        QJsonObject o;
        if (!e.price.isEmpty())
            o.insert(u"price"_s, e.price);
        if (!e.product.isEmpty())
            o.insert(u"product"_s, e.product);
        if (!e.circleAccessGroups.isEmpty())
            o.insert(u"circle_access_groups"_s, idArray(e.circleAccessGroups));
        if (!e.circleSpaces.isEmpty())
            o.insert(u"circle_spaces"_s, idArray(e.circleSpaces));
        if (!e.kitTags.isEmpty())
            o.insert(u"kit_tags"_s, idArray(e.kitTags));
        if (!e.kitSequences.isEmpty())
            o.insert(u"kit_sequences"_s, idArray(e.kitSequences));
        out.append(o);
    }
    return out;
}

QList<PolicyEntry> Policy::entriesFor(const QString &price, const QString &product) const
{
    QList<PolicyEntry> out;
    for (const PolicyEntry &e : entries) {
        if ((!e.price.isEmpty() && e.price == price) ||
            (e.price.isEmpty() && !product.isEmpty() && e.product == product))
            out.append(e);
    }
    return out;
}

Result<std::optional<PolicyVersion>> loadPolicy(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT json, updated_at FROM policy ORDER BY id DESC LIMIT 1"_s))
        return Error{ErrorKind::Io, u"cannot read the policy: %1"_s.arg(q.lastError().text())};
    if (!q.next())
        return std::optional<PolicyVersion>();
    const QJsonObject stored = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    auto policy = Policy::fromJson(stored.value("entries"_L1));
    if (!policy)
        return Error{ErrorKind::Io, u"the stored policy is unreadable: %1"_s.arg(policy.error().message)};
    return std::optional<PolicyVersion>(PolicyVersion{policy.value(), q.value(1).toLongLong(),
                                                      stored.value("actor"_L1).toString(),
                                                      stored.value("reason"_L1).toString()});
}

Result<bool> savePolicy(QSqlDatabase db, const Policy &policy, const QString &actor, const QString &reason,
                        bool byPerson)
{
    if (actor.trimmed().isEmpty() || reason.trimmed().isEmpty())
        return Error{ErrorKind::Usage, u"changing the policy needs an actor and a reason"_s};
    auto current = loadPolicy(db);
    if (!current)
        return current.error();
    if (current.value() && current.value()->policy.toJson() == policy.toJson())
        return false; // nothing changed
    const QJsonObject stored{
        {u"entries"_s, policy.toJson()}, {u"actor"_s, actor.trimmed()}, {u"reason"_s, reason.trimmed()}};
    // The new version and its audit entry together, or neither.
    QSqlQuery q(db);
    if (!q.exec(u"BEGIN IMMEDIATE"_s))
        return Error{ErrorKind::Io, u"cannot save the policy: %1"_s.arg(q.lastError().text())};
    auto fail = [&db](const QString &what) -> Result<bool> {
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return Error{ErrorKind::Io, u"cannot save the policy: %1"_s.arg(what)};
    };
    q.prepare(u"INSERT INTO policy(json, updated_at) VALUES (?, ?)"_s);
    q.addBindValue(QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
    q.addBindValue(Clock::now());
    if (!q.exec())
        return fail(q.lastError().text());
    const qint64 version = q.lastInsertId().toLongLong();
    audit::Entry entry;
    entry.actor = actor.trimmed();
    entry.actorKind = byPerson ? audit::ActorKind::Human : audit::ActorKind::System;
    entry.action = u"policy.change"_s;
    entry.target = u"policy version %1 (%2 entries)"_s.arg(version).arg(policy.entries.size());
    entry.reason = reason.trimmed();
    entry.request = QJsonObject{{u"version"_s, version}, {u"entries"_s, policy.toJson()}};
    entry.outcome = audit::outcome::Ok;
    if (auto logged = audit::AuditLog(db).appendWithin(entry); !logged)
        return fail(logged.error().message);
    if (!q.exec(u"COMMIT"_s))
        return fail(q.lastError().text());
    return true;
}

Result<bool> changePolicy(QSqlDatabase db, const Policy &policy, const QString &actor, const QString &reason)
{
    if (actor.trimmed().isEmpty())
        return Error{ErrorKind::Usage, u"changing the policy needs an actor"_s};
    if (reason.trimmed().isEmpty())
        return Error{ErrorKind::Usage, u"changing the policy needs a reason"_s};
    // What an editor builds must be what an import of the same JSON would accept.
    auto checked = Policy::fromJson(policy.toJson());
    if (!checked)
        return checked.error();
    return savePolicy(db, checked.value(), actor, reason);
}

} // namespace sb::reconcile
