// How Switchboard speaks to Kit's API v4: base URL, X-Kit-Api-Key, pacing under 120 requests per minute.
#pragma once

#include "common/Config.h"
#include "net/ApiClient.h"

namespace sb::kit {

net::ApiProfile apiProfile(const KitSettings &settings);
// A token bucket under Kit's 120 requests per rolling 60 s, so 429s do not happen; Kit sends no
// Retry-After, so a 429 backs off at least 10 s.
void configure(net::ApiClient &client, const KitSettings &settings);

// The query of the page after `page` (cursor pagination: after=<end_cursor>), or nothing after the last, or
// when a page says there is more but gives no cursor (a cursor that ends early).
std::optional<net::Query> nextPage(const net::Query &query, const QJsonObject &page);
// What is wrong with a page that says more follow but cannot be right: its cursor is the one it was asked
// with (a page served twice), or it has nothing on it. Empty for a usable page. Ending the listing at such a
// page would pass the rest by in silence.
QString pageProblem(const net::Query &query, const QJsonObject &page);

// Kit's error body in a few words ({"errors":[…]} or its plain-text 429).
QString errorDetail(const QByteArray &body);

} // namespace sb::kit
