#include "doctor/JourneyCheck.h"

#include "reconcile/Policy.h"
#include "reconcile/Reconciler.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::doctor {

namespace {

const QString kArea = u"journeys"_s;

struct Step {
    QString name;      // "access", "tag", "sequence"
    QStringList kinds; // timeline kinds that complete it
    qint64 graceSeconds = 0;
};

QString duration(qint64 seconds)
{
    if (seconds < 120)
        return u"%1 s"_s.arg(seconds);
    if (seconds < 7200)
        return u"%1 min"_s.arg(seconds / 60);
    if (seconds < 2 * 86400)
        return u"%1 h"_s.arg(seconds / 3600);
    return u"%1 days"_s.arg(seconds / 86400);
}

} // namespace

QList<Check> journeyChecks(QSqlDatabase db, const Config &config, int payments, Millis now)
{
    auto policy = reconcile::loadPolicy(db);
    if (!policy || !policy.value()) {
        return {
            {kArea,
             u"policy"_s,
             Level::Skipped,
             QObject::tr("Journeys not checked: there is no policy yet"),
             QObject::tr("Without a policy Switchboard cannot tell what a payment should grant."),
             QObject::tr("Set up the policy (Policy page, Ctrl+P): which price grants which group and tag."),
             80,
             {}}};
    }
    auto settings = reconcile::ReconcileSettings::fromConfig(config.findings);
    const reconcile::ReconcileSettings rs =
        settings ? settings.value() : reconcile::ReconcileSettings::defaults();
    bool access = false, tags = false, sequences = false;
    for (const reconcile::PolicyEntry &e : policy.value()->policy.entries) {
        access = access || !e.circleAccessGroups.isEmpty() || !e.circleSpaces.isEmpty();
        tags = tags || !e.kitTags.isEmpty();
        sequences = sequences || !e.kitSequences.isEmpty();
    }
    QList<Step> steps;
    if (access)
        steps.append({u"access"_s,
                      {u"access_granted"_s, u"space_joined"_s},
                      rs.rule(reconcile::rule::PaidWithoutAccess).graceSeconds});
    if (tags)
        steps.append({u"tag"_s, {u"kit_tag_added"_s}, rs.rule(reconcile::rule::MissingTag).graceSeconds});
    if (sequences)
        steps.append(
            {u"sequence"_s, {u"sequence_added"_s}, rs.rule(reconcile::rule::MissingTag).graceSeconds});

    // The latest payments, one per person.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        u"SELECT person_id, max(at) FROM timeline WHERE kind IN ('payment_succeeded', 'checkout_completed')"
        " AND person_id IS NOT NULL GROUP BY person_id ORDER BY max(at) DESC LIMIT ?"_s);
    q.addBindValue(payments);
    if (!q.exec())
        return {{kArea,
                 u"read"_s,
                 Level::Skipped,
                 QObject::tr("Journeys not checked: the cache could not be read"),
                 q.lastError().text(),
                 {},
                 80,
                 {}}};
    QList<std::pair<qint64, Millis>> paid;
    while (q.next())
        paid.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
    if (paid.isEmpty())
        return {{kArea,
                 u"payments"_s,
                 Level::Skipped,
                 QObject::tr("Journeys not checked: no payment in the cache yet"),
                 QObject::tr("Sync Stripe first."),
                 {},
                 80,
                 {}}};

    QSqlQuery first(db);
    first.prepare(u"SELECT min(at) FROM timeline WHERE person_id = ? AND kind IN (?, ?) AND at >= ?"_s);
    QSqlQuery before(db);
    before.prepare(u"SELECT count(*) FROM timeline WHERE person_id = ? AND kind IN (?, ?) AND at < ?"_s);
    QSqlQuery who(db);
    who.prepare(
        u"SELECT CASE WHEN primary_email <> '' THEN primary_email ELSE display_name END FROM people WHERE id = ?"_s);

    QJsonArray rows;
    QStringList missing, slow;
    QHash<QString, QList<qint64>> took; // step → seconds, for the medians
    int complete = 0;
    for (const auto &[person, paidAt] : std::as_const(paid)) {
        who.addBindValue(person);
        const QString email = who.exec() && who.next() ? who.value(0).toString() : QString::number(person);
        who.finish();
        QJsonObject row{{u"person"_s, person}, {u"email"_s, email}, {u"paid_at"_s, isoUtc(paidAt)}};
        bool allThere = true;
        for (const Step &s : std::as_const(steps)) {
            // A grant up to a day before the payment belongs to the same purchase (an invite sent at
            // checkout).
            const Millis from = paidAt - 86400LL * 1000;
            first.addBindValue(person);
            first.addBindValue(s.kinds.value(0));
            first.addBindValue(s.kinds.value(1, s.kinds.value(0)));
            first.addBindValue(from);
            Millis at = 0;
            if (first.exec() && first.next())
                at = first.value(0).toLongLong();
            first.finish();
            if (at) {
                const qint64 secs = std::max<qint64>(0, (at - paidAt) / 1000);
                row.insert(s.name + u"_after_seconds"_s, secs);
                took[s.name].append(secs);
                if (s.graceSeconds > 0 && secs > s.graceSeconds)
                    slow.append(u"%1 (%2 after %3)"_s.arg(email, s.name, duration(secs)));
                continue;
            }
            before.addBindValue(person);
            before.addBindValue(s.kinds.value(0));
            before.addBindValue(s.kinds.value(1, s.kinds.value(0)));
            before.addBindValue(from);
            const bool hadIt = before.exec() && before.next() && before.value(0).toLongLong() > 0;
            before.finish();
            if (hadIt) {
                row.insert(s.name + u"_after_seconds"_s, 0);
                row.insert(s.name + u"_before_payment"_s, true);
                continue;
            }
            allThere = false;
            if (s.graceSeconds > 0 && now - paidAt < s.graceSeconds * 1000) {
                row.insert(s.name + u"_pending"_s, true); // still inside the grace: not late yet
                continue;
            }
            row.insert(s.name + u"_missing"_s, true);
            missing.append(u"%1 (%2)"_s.arg(email, s.name));
        }
        complete += allThere ? 1 : 0;
        rows.append(row);
    }

    QList<Check> out;
    QStringList medians;
    for (const Step &s : std::as_const(steps)) {
        QList<qint64> v = took.value(s.name);
        if (v.isEmpty())
            continue;
        std::sort(v.begin(), v.end());
        medians.append(QObject::tr("%1 median %2, slowest %3")
                           .arg(s.name, duration(v.at(v.size() / 2)), duration(v.last())));
    }
    const QJsonObject facts{{u"people"_s, rows}, {u"checked"_s, int(paid.size())}, {u"complete"_s, complete}};
    out.append({kArea,
                u"summary"_s,
                Level::Ok,
                QObject::tr("%1 of the last %2 buyers have every step").arg(complete).arg(paid.size()),
                medians.isEmpty() ? QString() : medians.join(u"; "_s) + u'.',
                {},
                60,
                facts});
    if (!missing.isEmpty()) {
        out.append(
            {kArea,
             u"missing"_s,
             Level::Fail,
             QObject::tr("Steps of recent buyers that never happened: %1").arg(missing.size()),
             missing.mid(0, 10).join(u", "_s) + (missing.size() > 10 ? u", …"_s : QString()),
             QObject::tr("Open the Attention page: each is a finding with a fix. If many are missing, the "
                         "automation that grants access after a payment is broken."),
             12,
             {}});
    }
    if (!slow.isEmpty()) {
        out.append(
            {kArea,
             u"slow"_s,
             Level::Warn,
             QObject::tr("Steps that took longer than the policy's grace: %1").arg(slow.size()),
             slow.mid(0, 10).join(u", "_s) + (slow.size() > 10 ? u", …"_s : QString()),
             QObject::tr("Buyers waited. Check the automation's queue or its schedule (a Zap that runs every "
                         "15 minutes shows up here)."),
             30,
             {}});
    }
    return out;
}

} // namespace sb::doctor
