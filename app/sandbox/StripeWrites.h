// The Stripe writes the sandbox serves: POST /v1/customers (which the console also uses to probe a key's
// write access), with Stripe's parameter checks and Idempotency-Key replay. Permission is checked by the
// caller.
#pragma once

#include "HttpServer.h"

#include <QHash>
#include <QString>

namespace sb::sandbox::stripe {

class StripeWorld;

class StripeWrites {
public:
    explicit StripeWrites(StripeWorld &world);

    // `requestId` is this request's Request-Id (kept as Original-Request for replays); `now` is the sandbox
    // clock in unix seconds.
    HttpResponse createCustomer(const HttpRequest &request, const QString &requestId, qint64 now,
                                bool legacy);

    void forget() { m_idempotent.clear(); }

private:
    struct Saved {
        QByteArray fingerprint; // method, path and sorted parameters of the first request
        QString requestId;
        HttpResponse response;
    };

    StripeWorld &m_world;
    QHash<QString, Saved> m_idempotent; // Idempotency-Key -> first response
};

} // namespace sb::sandbox::stripe
