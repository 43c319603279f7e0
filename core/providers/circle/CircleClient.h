// How Switchboard speaks to Circle's Admin API v2: base URL, auth scheme, pacing and backoff.
#pragma once

#include "common/Config.h"
#include "net/ApiClient.h"

namespace sb::circle {

inline constexpr QLatin1StringView kApiPrefix{"/api/admin/v2"};

net::ApiProfile apiProfile(const CircleSettings &settings);
// Paces under Circle's 2000 requests per 5 minutes and waits about a minute after a 429, as Circle asks.
void configure(net::ApiClient &client, const CircleSettings &settings);

// Circle's error body in a few words: its message and error_details.message.
QString errorDetail(const QByteArray &body);

} // namespace sb::circle
