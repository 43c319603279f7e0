// What signed webhook deliveries need, written here from the providers' published scheme (PROVIDERS.md
// "Webhook signatures"; the sandbox shares no code with core): the signature header, signing secrets made at
// run time, and the loopback check that keeps the sandbox from ever contacting another host.
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace sb::sandbox {

// "t=<t>,v1=<hex>": HMAC-SHA256 over "<t>." + the raw body, keyed with the whole secret as UTF-8 (Stripe's
// scheme, which Kit's webhooks 2.0 share).
QByteArray webhookSignature(const QString &secret, qint64 t, const QByteArray &body);

// "whsec_" + 32 random alphanumerics from the system's random source: never stored in the repository.
QString makeWebhookSecret();

// A random RFC 4122 version 4 uuid, as Kit's delivery and event ids are.
QString makeUuid();

// True for http URLs whose host is 127.0.0.1, localhost or ::1: the only ones the sandbox sends to. Anything
// else (https, other hosts) is a simulated endpoint.
bool isLoopbackHttp(const QUrl &url);

// The URL a delivery connects to: `localhost` is replaced by 127.0.0.1, so no name lookup can send it
// elsewhere.
QUrl loopbackTarget(const QUrl &url);

} // namespace sb::sandbox
