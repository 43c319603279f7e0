// Words, colours and icons for the launch-readiness checks (doctor/Check.h), shared by the readiness page's
// lists and its detail pane. Core reports levels and areas as codes; how they look is decided here.
#pragma once

#include "doctor/Check.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace sb::ui {

QString levelText(doctor::Level level); // "Fix", "Warning", "OK", "Not checked"
QColor levelColor(doctor::Level level); // red, amber, green, grey: readable as text on a light background
// A filled disc in the level's colour with a mark in it (✕ ! ✓ –): the level reads without colour too.
QIcon levelIcon(doctor::Level level);
QString areaTitle(const QString &area); // "stripe_webhooks" -> "Stripe webhook endpoints"
// The areas in the order the page groups them: money first, then mail, pages, buyers, this computer.
QStringList areaOrder();
// A check's facts as "key: value" lines; nested objects and arrays as indented JSON.
QString factsText(const QJsonObject &facts);

} // namespace sb::ui
