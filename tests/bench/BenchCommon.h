// What the bench executables share: median/p95 of repeated timings, the machine they ran on, and audit
// entries shaped like the real ones. Numbers are read by people (docs/BENCHMARKS.md), never asserted.
#pragma once

#include "audit/AuditLog.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSysInfo>
#include <QThread>

#include <algorithm>

namespace sb::bench {

using namespace Qt::StringLiterals;

// Median, p95, max and count of a list of values (in whatever unit the caller measured).
inline QJsonObject stats(QList<double> v, const QString &unit = u"ms"_s)
{
    if (v.isEmpty())
        return {};
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) {
        return v.at(std::min(v.size() - 1, qsizetype(q * double(v.size()))));
    };
    return {{u"median_"_s + unit, at(0.5)},
            {u"p95_"_s + unit, at(0.95)},
            {u"max_"_s + unit, v.last()},
            {u"n"_s, v.size()}};
}

// Runs f `runs` times; the times in milliseconds.
template <typename F> QJsonObject timed(int runs, F &&f)
{
    QList<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        ms.append(double(t.nsecsElapsed()) / 1e6);
    }
    return stats(ms);
}

inline QString machine()
{
    return QSysInfo::prettyProductName() + u", "_s + QString::number(QThread::idealThreadCount()) +
           u" cores, "_s + QSysInfo::currentCpuArchitecture();
}

// Audit entries shaped like the real ones: an intent and its outcome per action, a person's subjects, a
// request.
inline audit::Entry auditEntryFor(qint64 i, Millis at)
{
    using namespace sb::audit;
    static const QStringList actions = {u"circle.add_access_group"_s, u"kit.add_tag"_s, u"identity.link"_s,
                                        u"finding.snooze"_s};
    Entry e;
    e.at = at;
    e.actor = i % 7 == 0 ? u"switchboard"_s : u"support-%1"_s.arg(i % 5);
    e.actorKind = i % 7 == 0 ? ActorKind::System : ActorKind::Human;
    e.action = actions.at(i % actions.size());
    e.target = u"person%1@example.com → Pro members"_s.arg(i / 2);
    e.reason = u"Paid on the 3rd, no access yet, ticket #%1"_s.arg(i);
    e.request = QJsonObject{{u"access_group"_s, 101},
                            {u"member_id"_s, QString::number(100000 + i / 2)},
                            {u"calls"_s, QJsonArray{u"POST /api/admin/v2/access_group_members"_s}}};
    e.outcome = i % 2 ? outcome::Ok : outcome::Pending;
    e.intentSeq = i % 2 ? i : 0; // the outcome (odd i, seq i + 1) points at its intent (seq i)
    e.subjects = {emailSubject(u"person%1@example.com"_s.arg(i / 2)), u"circle:%1"_s.arg(100000 + i / 2)};
    return e;
}

} // namespace sb::bench
