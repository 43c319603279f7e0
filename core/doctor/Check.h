// One launch-readiness check's result, as every doctor check reports it (Stripe webhook endpoints, the
// webhook URL probe, email authentication, page probes, the journey check, the local receiver). Plain data;
// the report (Report.h) orders them by what to fix first and renders them.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace sb::doctor {

enum class Level {
    Fail,    // broken: access or money is at stake; fix first
    Warn,    // works, but will bite (a soft policy, a slow step, a key too short)
    Ok,      // checked and fine
    Skipped, // not checked (nothing configured, or the check needs what is missing); detail says why
};

const char *levelCode(Level level); // "fail", "warn", "ok", "skipped"
Level levelFromCode(const QString &code);

struct Check {
    QString area; // "stripe_webhooks", "webhook_probe", "email_auth", "page_probe", "journeys", "receiver"
    QString id;   // stable within its area, e.g. "spf.lookups", "endpoint.we_123.events"
    Level level = Level::Skipped;
    QString title;   // one line in plain words: "SPF allows 12 DNS lookups; receivers stop at 10"
    QString detail;  // the facts behind it (what was read, what was expected)
    QString fix;     // what to do, in plain words; empty when there is nothing to do
    int weight = 50; // within a level, lower comes first: 0–19 money/access, 20–49 delivery, 50+ hygiene
    QJsonObject facts; // machine-readable numbers and values (timings, counts, record text)
};

QJsonObject toJson(const Check &check);
Check checkFromJson(const QJsonObject &json);

} // namespace sb::doctor
