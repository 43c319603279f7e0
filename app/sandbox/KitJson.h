// What the Kit reads and writes answer alike: the subscriber object, Kit's times and its error bodies.
#pragma once

#include "HttpServer.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace sb::sandbox::kit {

struct Subscriber;

// The sandbox's Kit account id (GET /account, webhooks' account_id): a plausible fixed value.
inline constexpr qint64 KitAccountId = 1840231;

QByteArray toBody(const QJsonObject &o);
// Kit's error body: {"errors":["…"]}.
HttpResponse kitError(int status, const QString &message);
// {"errors":["Not Found"]}: unknown paths, and ids that are not there.
HttpResponse notFound();
// Kit's times: "2023-02-17T11:43:55Z".
QString kitTime(qint64 seconds);
// A date filter: "2023-01-17" (midnight UTC) or an ISO time; nullopt when unreadable, 0 when absent.
std::optional<qint64> readTime(const QString &text);
// active, inactive, bounced, complained, cancelled.
const QStringList &subscriberStates();
// {id, first_name, email_address, state, created_at, fields}.
QJsonObject renderSubscriber(const Subscriber &s);

} // namespace sb::sandbox::kit
