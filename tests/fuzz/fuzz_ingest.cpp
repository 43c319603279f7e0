// libFuzzer target: the write path of a sync — provider JSON through a mapper into Store::ingest on a fresh
// in-memory cache, one page per transaction as StripeSync and PolledSync apply them. The first input byte
// picks the provider and kind; the rest is JSON: an array is a page of records, an object one record.
// Checks: no crash, no sanitizer report, and invariants —
//   * whatever the mapper made of a record, the store takes it (a record that the store refuses would fail
//     its whole page and every later sync: one hostile object must not block a cache);
//   * after a page, every item's raw object and every timeline row is stored (no row without its object);
//   * ingesting the same page again changes no count (ingest is idempotent);
//   * PRAGMA integrity_check and foreign_key_check stay clean, and search, person and timeline reads of
//     every person answer.
// Only public APIs, so the target survives refactors of the store.
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitMapper.h"
#include "providers/stripe/StripeMapper.h"
#include "store/Database.h"
#include "store/Queries.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlQuery>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

void check(bool ok, const char *what, const QString &detail = {})
{
    if (ok)
        return;
    std::fprintf(stderr, "invariant broken: %s %s\n", what, qPrintable(detail));
    std::abort();
}

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    check(q.exec(sql) && q.next(), "query", sql);
    return q.value(0).toLongLong();
}

struct Counts {
    qint64 people, identities, raw, timeline, keys, memberships;
    bool operator==(const Counts &o) const
    {
        return people == o.people && identities == o.identities && raw == o.raw && timeline == o.timeline &&
               keys == o.keys && memberships == o.memberships;
    }
};

Counts counts(const QSqlDatabase &db)
{
    return {
        scalar(db, u"SELECT count(*) FROM people"_s),      scalar(db, u"SELECT count(*) FROM identities"_s),
        scalar(db, u"SELECT count(*) FROM raw_objects"_s), scalar(db, u"SELECT count(*) FROM timeline"_s),
        scalar(db, u"SELECT count(*) FROM search_keys"_s), scalar(db, u"SELECT count(*) FROM memberships"_s)};
}

const QStringList kCircleKinds{u"member"_s,        u"access_group"_s,        u"space"_s,
                               u"member_tag"_s,    u"access_group_member"_s, u"space_member"_s,
                               u"tagged_member"_s, u"observation"_s};
const QStringList kKitKinds{u"subscriber"_s, u"tag"_s,       u"sequence"_s,
                            u"tagging"_s,    u"enrolment"_s, u"observation"_s};

// What one page of records maps to, as the syncs map it (a mapper's refusal skips the record).
QList<IngestItem> mapPage(uint8_t selector, const QList<QJsonObject> &records)
{
    const Millis at = 1700000000000;
    QList<IngestItem> items;
    switch (selector % 5) {
    case 0:
    case 1: {
        stripe::StripeMapper m;
        for (const QJsonObject &o : records)
            m.learnCatalog(o);
        for (const QJsonObject &o : records) {
            auto r = selector % 5 == 0 ? m.mapObject(o, at) : m.mapEvent(o);
            if (r)
                items += r.value();
        }
        break;
    }
    case 2: {
        circle::CircleMapper m;
        const QString kind = kCircleKinds.at((selector / 5) % kCircleKinds.size());
        for (const QJsonObject &o : records)
            m.learn(kind, o);
        for (const QJsonObject &o : records)
            items += m.map(kind, o, at);
        break;
    }
    case 3: {
        kit::KitMapper m;
        const QString kind = kKitKinds.at((selector / 5) % kKitKinds.size());
        for (const QJsonObject &o : records)
            m.learn(kind, o);
        for (const QJsonObject &o : records)
            items += m.map(kind, o, at);
        break;
    }
    case 4: {
        kit::KitMapper m;
        const bool tag = (selector / 5) % 2 == 0;
        for (const QJsonObject &o : records)
            items += m.mapMembership(tag ? u"tag"_s : u"sequence"_s, tag ? u"501"_s : u"601"_s, o, at);
        break;
    }
    }
    return items;
}

void ingestPage(store::Store &s, const QList<IngestItem> &items)
{
    check(bool(s.begin()), "begin");
    for (const IngestItem &item : items) {
        auto r = s.ingest(item);
        check(bool(r), "the store refused a mapped item",
              r.error().message + u" raw "_s + item.raw.kind + u":"_s + item.raw.externalId);
    }
    check(bool(s.commit()), "commit");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The SQLite driver is a plugin; an application object lets Qt find it the usual way.
    static QCoreApplication app(*argc, *argv);
    // Every input migrates a new cache: its info lines would drown the fuzzer's own output.
    QLoggingCategory::setFilterRules(u"switchboard.*.info=false\nswitchboard.*.debug=false"_s);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1)), &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    QList<QJsonObject> records;
    if (doc.isArray()) {
        for (const QJsonValue &v : doc.array())
            records.append(v.toObject()); // a non-object becomes {} as in the syncs' pages
    } else {
        records.append(doc.object());
    }
    const QList<IngestItem> items = mapPage(data[0], records);

    auto conn = store::Connection::open(u":memory:"_s, u"fuzz"_s);
    check(bool(conn), "open", conn.error().message);
    const QSqlDatabase db = conn.value()->db();
    {
        store::Store s(db);
        ingestPage(s, items);
        for (const IngestItem &item : items) {
            check(s.hasRaw(item.raw.provider, item.raw.kind, item.raw.externalId), "raw object stored",
                  item.raw.kind + u":"_s + item.raw.externalId);
            for (const TimelineEvent &row : item.rows) {
                QSqlQuery q(db);
                q.prepare(u"SELECT count(*) FROM timeline WHERE provider = ? AND source_key = ?"_s);
                q.addBindValue(item.raw.provider);
                q.addBindValue(row.sourceKey);
                check(q.exec() && q.next() && q.value(0).toInt() == 1, "timeline row stored", row.sourceKey);
            }
        }
        const Counts once = counts(db);
        ingestPage(s, items);
        check(counts(db) == once, "ingest is idempotent");
    }
    check(scalar(db, u"SELECT count(*) FROM pragma_foreign_key_check"_s) == 0, "foreign keys");
    {
        QSqlQuery q(db);
        check(q.exec(u"PRAGMA integrity_check"_s) && q.next() && q.value(0).toString() == "ok"_L1,
              "integrity");
    }
    // The read side answers for everything that was stored.
    store::Queries queries(db);
    QSqlQuery people(db);
    check(people.exec(u"SELECT id, display_name, primary_email FROM people LIMIT 20"_s), "people");
    while (people.next()) {
        const qint64 id = people.value(0).toLongLong();
        check(bool(queries.person(id)), "person reads");
        check(bool(queries.timelinePage(id, {}, 50)), "timeline reads");
        check(bool(queries.search(people.value(1).toString())), "search by name");
        check(bool(queries.search(people.value(2).toString())), "search by email");
    }
    return 0;
}
