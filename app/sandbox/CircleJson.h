// What the Circle reads and writes answer alike: the member object, Circle's time format and its error and
// message bodies.
#pragma once

#include "HttpServer.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace sb::sandbox::circle {

class CircleWorld;
struct Member;

inline constexpr qint64 CommunityId = 74001;
// Catalog objects (access groups, spaces, member tags) are not part of any journey: they share one fixed
// creation time, before any world's people.
inline constexpr qint64 CatalogCreated = 1672531200; // 2023-01-01T00:00:00Z

QByteArray toBody(const QJsonObject &o);
// Circle's error body: {"success":false,"message":…,"error_details":{}}.
HttpResponse circleError(int status, const QString &message);
// The reference's 404 for an unknown path: "Oops! Missing record. …" with empty error_details.
HttpResponse notFound();
// Circle's 404 for a record it cannot find: {"…","error_details":{"message":"Missing record: <what>"}}.
HttpResponse missingRecord(const QString &what);
// A write's answer: {"message":…}.
HttpResponse circleMessage(int status, const QString &message);
// Circle's timestamps carry milliseconds: "2024-09-03T16:20:19.814Z"; null when unset (0).
QJsonValue timeOrNull(qint64 seconds);
QJsonValue firstName(const QString &name);
QJsonValue lastName(const QString &name);
// The full community member object, with its member tags named from the world's catalog.
QJsonObject renderMember(const CircleWorld &world, const Member &m);

} // namespace sb::sandbox::circle
