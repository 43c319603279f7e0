// Colours and words for findings, shared by the attention queue and the person page.
#pragma once

#include "reconcile/Reconciler.h"

#include <QColor>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <utility>

namespace sb::ui {

// A fixed light tint, dark text and a strong accent per severity, readable under any palette.
struct SeverityColors {
    QColor background;
    QColor text;
    QColor accent;
};
SeverityColors severityColors(reconcile::Severity severity);

// A finding's facts as label/value rows a person can read: keys in words, times in local time, money with its
// currency, lists joined. Nested objects become "key: value" lines.
QList<std::pair<QString, QString>> factRows(const QJsonObject &facts);

// The fix plan in words, one line per step, for tooltips and screen readers.
QString fixPlanText(const QList<reconcile::FixStep> &steps);

// The one line shown wherever a fix plan is: how to apply it, and that applying needs writes unlocked.
QString writeAccessNote();

// Local date and time, short ("2026-11-20 14:05").
QString localTime(Millis at);

} // namespace sb::ui
