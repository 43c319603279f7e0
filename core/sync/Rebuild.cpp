#include "sync/Rebuild.h"

#include "common/Log.h"
#include "providers/Observation.h"
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitMapper.h"
#include "providers/stripe/StripeMapper.h"
#include "store/Database.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::sync {

namespace {
using store::sqlError;

// The order a sync applies them in: owners before what they own, events last and oldest first.
// Line items and invoice payments borrow their parent's owner, so they come after the parents.
const QStringList kObjectOrder =
    QStringList{u"product"_s, u"price"_s,          u"customer"_s, u"charge"_s,       u"refund"_s,
                u"dispute"_s, u"payment_intent"_s, u"invoice"_s,  u"subscription"_s, u"checkout_session"_s}
    << stripe::kCheckoutLineItems << stripe::kInvoicePayments;
} // namespace

namespace {
// Circle and Kit: catalogs first (names), then accounts, then memberships, then observations, each in the
// order they were first stored, the order a sync applied them in.
Status rebuildPolled(QSqlDatabase db, store::Store &store, RebuildReport &report)
{
    circle::CircleMapper circleMapper;
    kit::KitMapper kitMapper;
    const QString order =
        u"CASE kind WHEN 'access_group' THEN 0 WHEN 'space' THEN 0 WHEN 'member_tag' THEN 0 WHEN 'tag' THEN 0"
        " WHEN 'sequence' THEN 0 WHEN 'member' THEN 1 WHEN 'subscriber' THEN 1 WHEN 'observation' THEN 3 ELSE 2 END"_s;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(
            u"SELECT provider, kind, json, snapshot_at FROM raw_objects WHERE provider IN ('circle', 'kit')"
            " ORDER BY provider, "_s +
            order + u", rowid"_s))
        return Status(sqlError(q, "read raw objects"));
    while (q.next()) {
        const QString provider = q.value(0).toString();
        const QString kind = q.value(1).toString();
        const QJsonObject o = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
        const Millis snapshotAt = q.value(3).toLongLong();
        QList<IngestItem> items;
        if (provider == provider::Circle) {
            circleMapper.learn(kind, o);
            items = circleMapper.map(kind, o, snapshotAt);
        } else {
            kitMapper.learn(kind, o);
            items = kitMapper.map(kind, o, snapshotAt);
        }
        ++report.rawObjects;
        for (const IngestItem &item : std::as_const(items)) {
            if (auto r = store.ingest(item); !r)
                return Status(r.error());
        }
    }
    return {};
}
} // namespace

Result<RebuildReport> rebuildProjections(QSqlDatabase db)
{
    QElapsedTimer timer;
    timer.start();
    store::Store store(db);
    if (Status s = store.begin(); !s)
        return s.error();
    auto fail = [&store](Error e) -> Result<RebuildReport> {
        store.rollback();
        return e;
    };
    {
        QSqlQuery q(db);
        for (const QString &sql :
             {u"DELETE FROM timeline"_s, u"DELETE FROM search_keys"_s, u"DELETE FROM memberships"_s,
              u"DELETE FROM identity_emails"_s, u"UPDATE raw_objects SET person_id = NULL"_s,
              // Findings are named by identities, not people: the next reconcile pass points them at the
              // rebuilt people again (same rows, same first sighting).
              u"UPDATE findings SET person_id = NULL"_s, u"DELETE FROM identities"_s,
              u"DELETE FROM people"_s}) {
            if (!q.exec(sql))
                return fail(sqlError(q, "clear projections"));
        }
    }
    stripe::StripeMapper mapper;
    RebuildReport report;
    // Kinds outside the list (and events) come after the listed ones, in the order they were first stored.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QString order = u"CASE kind"_s;
    for (int i = 0; i < kObjectOrder.size(); ++i)
        order += u" WHEN '%1' THEN %2"_s.arg(kObjectOrder.at(i)).arg(i);
    order += u" WHEN 'event' THEN 1000 ELSE 999 END"_s;
    if (!q.exec(u"SELECT kind, json, snapshot_at, external_id, provider_time FROM raw_objects"
                " WHERE provider = 'stripe' ORDER BY "_s +
                order + u", provider_time, rowid"_s))
        return fail(sqlError(q, "read raw objects"));
    while (q.next()) {
        const QString kind = q.value(0).toString();
        const QJsonObject o = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        const Millis snapshotAt = q.value(2).toLongLong();
        mapper.learnCatalog(o);
        // A line items or payments list does not name its parent: the raw object's key does.
        auto items =
            kind == "event"_L1 ? mapper.mapEvent(o)
            : stripe::StripeMapper::isChildList(kind)
                ? mapper.mapChildList(kind, q.value(3).toString(), o, q.value(4).toLongLong(), snapshotAt)
                : mapper.mapObject(o, snapshotAt);
        ++report.rawObjects;
        if (!items) {
            qCWarning(lcSync) << "rebuild: skipping a raw" << kind << ":" << items.error().message;
            continue;
        }
        for (const IngestItem &item : items.value()) {
            if (auto r = store.ingest(item); !r)
                return fail(r.error());
        }
    }
    q.finish();
    if (Status s = rebuildPolled(db, store, report); !s)
        return fail(s.error());
    {
        // Findings still name the old people until a full reconcile pass: remembered with the rebuild, so a
        // process that stops before that pass leaves the next one to do it (SyncWorker::actionsDone).
        QSqlQuery m(db);
        if (!m.exec(u"INSERT INTO settings(key, value) VALUES ('reconcile.full_pass_needed', '1')"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s))
            return fail(sqlError(m, "remember the full pass"));
    }
    if (Status s = store.commit(); !s)
        return s.error();
    QSqlQuery c(db);
    if (c.exec(u"SELECT (SELECT count(*) FROM timeline), (SELECT count(*) FROM people)"_s) && c.next()) {
        report.timelineRows = c.value(0).toLongLong();
        report.people = c.value(1).toLongLong();
    }
    report.millis = timer.elapsed();
    return report;
}

} // namespace sb::sync
