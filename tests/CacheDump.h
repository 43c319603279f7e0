// A canonical text dump of what a sync leaves in the cache, to compare two caches that should agree: people,
// identities, raw objects, timeline rows, memberships and checkpoints, one sorted line each. Row ids and
// person ids are replaced by the person's first identity (provider:id), and what legitimately differs
// between two runs of the same world is left out: fetch and sync times, observation times, request counts.
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <algorithm>
#include <functional>

namespace sb::test {

inline QStringList cacheDump(const QSqlDatabase &db)
{
    using namespace Qt::StringLiterals;
    QStringList lines;
    const auto rows = [&db](const QString &sql, const std::function<void(const QSqlQuery &)> &each) {
        QSqlQuery q(db);
        if (!q.exec(sql))
            qFatal("dump: %s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        while (q.next())
            each(q);
    };
    // A person is named by its first identity: person ids depend on the order things arrived in.
    QHash<qint64, QString> person;
    rows(u"SELECT person_id, provider || ':' || external_id FROM identities ORDER BY 2 DESC"_s,
         [&person](const QSqlQuery &q) { person.insert(q.value(0).toLongLong(), q.value(1).toString()); });
    const auto who = [&person](const QVariant &id) {
        return id.isNull() ? u"-"_s : person.value(id.toLongLong(), u"nobody"_s);
    };
    const auto join = [](const QSqlQuery &q, int from) {
        QStringList parts;
        for (int i = from; i < q.record().count(); ++i)
            parts.append(q.value(i).isNull() ? u"NULL"_s : q.value(i).toString());
        return parts.join(u" | "_s);
    };
    rows(u"SELECT id, display_name, primary_email, email_norm FROM people"_s,
         [&](const QSqlQuery &q) { lines.append(u"person "_s + who(q.value(0)) + u" | "_s + join(q, 1)); });
    rows(
        u"SELECT person_id, provider, external_id, email, email_norm, email_loose, name, link, created_at"
        " FROM identities"_s,
        [&](const QSqlQuery &q) { lines.append(u"identity "_s + join(q, 1) + u" -> "_s + who(q.value(0))); });
    rows(u"SELECT provider, external_id, email_norm FROM identity_emails"_s,
         [&](const QSqlQuery &q) { lines.append(u"email "_s + join(q, 0)); });
    rows(u"SELECT person_id, provider, kind, external_id, provider_time, json FROM raw_objects"_s,
         [&](const QSqlQuery &q) { lines.append(u"raw "_s + join(q, 1) + u" -> "_s + who(q.value(0))); });
    // An observed row's time is when a sync saw the change: it differs from run to run.
    rows(
        u"SELECT person_id, provider, kind, source_key, summary, amount, currency, observed, detail_json,"
        " CASE WHEN observed THEN NULL ELSE at END FROM timeline"_s,
        [&](const QSqlQuery &q) { lines.append(u"timeline "_s + join(q, 1) + u" -> "_s + who(q.value(0))); });
    rows(u"SELECT person_id, provider, container_kind, container_id, member_id, raw_kind, raw_id, since, "
         u"status"
         " FROM memberships"_s,
         [&](const QSqlQuery &q) {
             lines.append(u"membership "_s + join(q, 1) + u" -> "_s + who(q.value(0)));
         });
    // Checkpoints: which listings are done and where the event stream stands. A checkpoint that is a moment
    // of ours (a run's start) is only "set"; request counts and times are left out.
    rows(u"SELECT provider, stream, cursor, last_error FROM sync_state WHERE stream NOT LIKE 'requests%'"_s,
         [&](const QSqlQuery &q) {
             QString cursor = q.value(2).toString();
             bool isTime = false;
             const qint64 t = cursor.section(u':', 0, 0).toLongLong(&isTime);
             if (isTime && t > 1000000000000LL)
                 cursor =
                     u"<time>"_s + (cursor.contains(u':') ? u":"_s + cursor.section(u':', 1) : QString());
             lines.append(u"state "_s + q.value(0).toString() + u" | "_s + q.value(1).toString() + u" | "_s +
                          cursor + u" | "_s + q.value(3).toString());
         });
    std::sort(lines.begin(), lines.end());
    return lines;
}

// The lines only one of two dumps has, marked "-" (only in `expected`) or "+" (only in `actual`).
inline QStringList dumpDifference(const QStringList &expected, const QStringList &actual)
{
    QStringList out;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < expected.size() || j < actual.size()) {
        if (j >= actual.size() || (i < expected.size() && expected.at(i) < actual.at(j)))
            out.append(QStringLiteral("- ") + expected.at(i++));
        else if (i >= expected.size() || actual.at(j) < expected.at(i))
            out.append(QStringLiteral("+ ") + actual.at(j++));
        else {
            ++i;
            ++j;
        }
    }
    return out;
}

} // namespace sb::test
