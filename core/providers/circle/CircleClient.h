// How Switchboard speaks to Circle's Admin API v2: base URL, auth scheme, pacing and backoff.
#pragma once

#include "common/Config.h"
#include "net/ApiClient.h"

namespace sb::circle {

inline constexpr QLatin1StringView kApiPrefix{"/api/admin/v2"};

net::ApiProfile apiProfile(const CircleSettings &settings);
// Paces under Circle's 2000 requests per 5 minutes and waits about a minute after a 429, as Circle asks.
void configure(net::ApiClient &client, const CircleSettings &settings);

// The query of the page after `page` ({"page","per_page","has_next_page","records"}), or nothing after the
// last. Follows has_next_page (count and page_count disagree in Circle's own examples).
std::optional<net::Query> nextPage(const net::Query &query, const QJsonObject &page);
// What is wrong with a page that cannot be right: it answers another page number than the one asked for (a
// page served twice), or says more follow with nothing on it. Empty for a usable page. Ending the listing at
// such a page would pass the rest by in silence.
QString pageProblem(const net::Query &query, const QJsonObject &page);

// Circle's error body in a few words: its message and error_details.message.
QString errorDetail(const QByteArray &body);

} // namespace sb::circle
