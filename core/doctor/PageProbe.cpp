#include "doctor/PageProbe.h"

#include <QDateTime>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace sb::doctor {

namespace {

const QString kArea = u"page_probe"_s;

bool isWebScheme(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == "http"_L1 || scheme == "https"_L1;
}

// Visited addresses are compared without fragment and with "/a/../b" resolved, as a browser would.
QUrl comparable(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment | QUrl::NormalizePathSegments);
}

QString shown(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo);
}

} // namespace

PageProbe::PageProbe(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{}

PageProbe::~PageProbe()
{
    for (Page &page : m_pages) {
        if (page.inFlight)
            page.inFlight->abort();
    }
}

QString PageProbe::pageKey(const QUrl &url)
{
    QString key = url.toString(QUrl::RemoveScheme | QUrl::RemoveUserInfo | QUrl::RemoveFragment |
                               QUrl::StripTrailingSlash);
    if (key.startsWith("//"_L1))
        key.remove(0, 2);
    return key.isEmpty() ? url.toString() : key;
}

void PageProbe::start(const QList<QUrl> &urls)
{
    cancel();
    m_running = true;
    const quint64 run = ++m_run;
    m_pages.clear();
    for (const QUrl &url : urls) {
        Page page;
        page.url = url;
        page.key = pageKey(url);
        const bool seen =
            std::any_of(m_pages.cbegin(), m_pages.cend(), [&](const Page &p) { return p.key == page.key; });
        if (!seen)
            m_pages.append(page);
    }
    m_open = m_pages.size();
    for (qsizetype i = 0; i < m_pages.size(); ++i) {
        Page &page = m_pages[i];
        if (!page.url.isValid() || page.url.host().isEmpty() || !isWebScheme(page.url)) {
            page.stop = Stop::BadUrl;
            --m_open;
            continue;
        }
        page.visited.append(comparable(page.url));
        request(i, page.url);
    }
    if (m_open == 0) {
        // Queued, so a caller that connects after start() still hears the answer.
        QTimer::singleShot(0, this, [this, run] {
            if (m_running && run == m_run)
                finish();
        });
    }
}

void PageProbe::request(qsizetype index, const QUrl &url)
{
    QNetworkRequest req(url);
    req.setRawHeader("User-Agent", kProbeUserAgent);
    m_pages[index].inFlight = TimedRequest::send(m_nam, req, "GET", {}, m_timeoutMs,
                                                 [this, index](const HttpOutcome &o) { hopDone(index, o); });
}

void PageProbe::hopDone(qsizetype index, const HttpOutcome &outcome)
{
    Page &page = m_pages[index];
    page.inFlight = nullptr;
    page.hops.append(outcome);
    const int status = outcome.status;
    if (!outcome.answered()) {
        page.stop = Stop::Unreachable;
    } else if (status >= 300 && status < 400 && status != 304) {
        const QUrl next = outcome.location;
        page.target = next;
        if (next.isEmpty())
            page.stop = Stop::NoLocation;
        else if (!isWebScheme(next) || next.host().isEmpty())
            page.stop = Stop::BadScheme;
        else if (outcome.url.scheme().toLower() == "https"_L1 && next.scheme().toLower() == "http"_L1)
            page.stop = Stop::Downgrade;
        else if (page.visited.contains(comparable(next)))
            page.stop = Stop::Loop;
        else if (page.hops.size() > kMaxRedirects)
            page.stop = Stop::TooMany;
        if (page.stop == Stop::Running) {
            page.visited.append(comparable(next));
            request(index, next);
            return;
        }
    } else {
        page.stop = Stop::Done;
    }
    pageStopped();
}

void PageProbe::pageStopped()
{
    if (--m_open == 0)
        finish();
}

void PageProbe::cancel()
{
    if (!m_running)
        return;
    for (Page &page : m_pages) {
        if (page.inFlight)
            page.inFlight->abort();
        page.inFlight = nullptr;
    }
    finish();
}

void PageProbe::finish()
{
    m_running = false;
    QList<Check> checks;
    for (const Page &page : std::as_const(m_pages))
        checks.append(pageChecks(page));
    Q_EMIT finished(checks);
}

QList<Check> PageProbe::pageChecks(const Page &page) const
{
    const auto make = [&](const QString &kind) {
        Check c;
        c.area = kArea;
        c.id = u"page.%1.%2"_s.arg(page.key, kind);
        c.facts = QJsonObject{{u"url"_s, shown(page.url)}};
        return c;
    };
    const QString url = shown(page.url);

    if (page.stop == Stop::BadUrl) {
        Check c = make(u"url"_s);
        c.level = Level::Fail;
        c.weight = 10;
        c.title = u"The page address \"%1\" cannot be probed"_s.arg(url);
        c.detail = u"Only complete http and https addresses can be opened by customers."_s;
        c.fix = u"Enter the page's full https address, as customers open it."_s;
        return {c};
    }

    QJsonArray hops;
    for (const HttpOutcome &hop : page.hops) {
        QJsonObject h = hop.facts();
        h.insert(u"url"_s, shown(hop.url));
        hops.append(h);
    }
    const bool stillRunning = page.stop == Stop::Running;
    const auto skippedForCancel = [&](Check c) {
        c.level = Level::Skipped;
        c.detail = u"The probe was cancelled before this page was fully answered."_s;
        c.facts.insert(u"cancelled"_s, true);
        c.facts.insert(u"hops"_s, hops);
        return c;
    };

    QList<Check> checks;

    // Redirects.
    Check redirects = make(u"redirects"_s);
    redirects.facts.insert(u"hops"_s, hops);
    const qsizetype redirectCount =
        page.stop == Stop::Done || page.stop == Stop::Unreachable ? page.hops.size() - 1 : page.hops.size();
    redirects.facts.insert(u"redirects"_s, redirectCount);
    QStringList chain;
    for (const HttpOutcome &hop : page.hops)
        chain.append(u"%1 (%2)"_s.arg(shown(hop.url)).arg(hop.status));
    const QString target = shown(page.target);
    redirects.level = Level::Fail;
    redirects.weight = 12;
    switch (page.stop) {
    case Stop::Loop:
        redirects.title = u"%1 redirects in a loop"_s.arg(url);
        redirects.detail = u"%1 → %2, which was already visited."_s.arg(chain.join(u" → "_s), target);
        redirects.fix = u"Fix the redirect rules (often an http/https or www rule fighting another one) so "
                        "the page ends at one address."_s;
        break;
    case Stop::TooMany:
        redirects.title = u"%1 redirects more than %2 times"_s.arg(url).arg(kMaxRedirects);
        redirects.detail = chain.join(u" → "_s) + u" → …; browsers give up long before the page."_s;
        redirects.fix = u"Link straight to the final address and remove the intermediate redirects."_s;
        break;
    case Stop::Downgrade:
        redirects.title = u"%1 redirects from https to plain http (%2)"_s.arg(url, target);
        redirects.detail =
            chain.join(u" → "_s) + u" → "_s + target +
            u". Browsers warn about or block the insecure page, and what customers type can be "
            "read on the way."_s;
        redirects.fix = u"Make the redirect point to the https address."_s;
        break;
    case Stop::NoLocation:
        redirects.title = u"%1 redirects without saying where to"_s.arg(url);
        redirects.detail = chain.join(u" → "_s) + u": the last answer has no Location header."_s;
        redirects.fix = u"Give the redirect a Location, or serve the page directly."_s;
        break;
    case Stop::BadScheme:
        redirects.title =
            u"%1 redirects to an address a browser cannot open as a page (%2)"_s.arg(url, target);
        redirects.detail = chain.join(u" → "_s);
        redirects.fix = u"Make the redirect point to an https address."_s;
        break;
    case Stop::Running:
        redirects = skippedForCancel(redirects);
        redirects.title = u"Redirects of %1 not fully followed"_s.arg(url);
        break;
    case Stop::Done:
    case Stop::Unreachable:
    case Stop::BadUrl:
        if (page.stop == Stop::Unreachable && page.hops.size() == 1) {
            redirects.level = Level::Skipped;
            redirects.title = u"Redirects of %1 not checked: the page was not reached"_s.arg(url);
        } else {
            redirects.level = Level::Ok;
            redirects.weight = 50;
            redirects.title = redirectCount == 0 ? u"%1 does not redirect"_s.arg(url)
                                                 : u"%1 redirects %2 times, ending at %3"_s.arg(url)
                                                       .arg(redirectCount)
                                                       .arg(shown(page.hops.last().url));
            redirects.detail = chain.join(u" → "_s);
        }
        break;
    }
    checks.append(redirects);

    // Final status.
    Check status = make(u"status"_s);
    const HttpOutcome *last = page.hops.isEmpty() ? nullptr : &page.hops.last();
    if (last)
        status.facts = [&] {
            QJsonObject f = last->facts();
            f.insert(u"url"_s, url);
            f.insert(u"finalUrl"_s, shown(last->url));
            return f;
        }();
    if (stillRunning) {
        status = skippedForCancel(status);
        status.title = u"%1 not checked: cancelled"_s.arg(url);
    } else if (page.stop == Stop::Done && last->status >= 200 && last->status < 300) {
        status.level = Level::Ok;
        status.title = u"%1 answers HTTP %2"_s.arg(url).arg(last->status);
    } else if (page.stop == Stop::Done) {
        status.level = Level::Fail;
        status.weight = 10;
        status.title = u"%1 answers HTTP %2"_s.arg(url).arg(last->status);
        status.detail = u"Customers get an error page instead of %1."_s.arg(shown(last->url));
        const QString said = bodySnippet(last->body);
        if (!said.isEmpty())
            status.detail += u" It said: \"%1\"."_s.arg(said);
        status.fix = last->status >= 500
                         ? u"Look at the site's error logs; the server fails on this page."_s
                         : u"Check the address (a renamed or unpublished page) and update the "
                           "links that lead customers here."_s;
    } else if (page.stop == Stop::Unreachable && !last->tls.errors.isEmpty()) {
        status.level = Level::Skipped;
        status.title = u"%1 not reached: its certificate was refused"_s.arg(url);
        status.detail = u"See the TLS check."_s;
    } else if (page.stop == Stop::Unreachable) {
        status.level = Level::Fail;
        status.weight = 10;
        status.title = last->timedOut ? u"%1 did not answer within %2 s"_s.arg(url).arg(m_timeoutMs / 1000.0)
                                      : u"%1 cannot be reached: %2"_s.arg(url, last->error);
        status.detail = u"Tried %1."_s.arg(shown(last->url));
        status.fix = u"Check that the site is up and its address resolves."_s;
    } else {
        status.level = Level::Skipped;
        status.title = u"%1 not reached: the redirects fail"_s.arg(url);
        status.detail = u"See the redirects check."_s;
    }
    checks.append(status);

    // Time to first byte of the page itself, and of the whole way there.
    Check ttfb = make(u"ttfb"_s);
    if (page.stop == Stop::Done) {
        qint64 chainMs = 0;
        for (const HttpOutcome &hop : page.hops)
            chainMs += hop.totalMs;
        ttfb.facts.insert(u"ttfbMs"_s, last->firstByteMs);
        ttfb.facts.insert(u"totalMs"_s, last->totalMs);
        ttfb.facts.insert(u"chainMs"_s, chainMs);
        ttfb.facts.insert(u"thresholdMs"_s, m_slowFirstByteMs);
        if (last->firstByteMs > m_slowFirstByteMs) {
            ttfb.level = Level::Warn;
            ttfb.weight = 60;
            ttfb.title = u"%1 is slow to start: %2 ms to the first byte"_s.arg(url).arg(last->firstByteMs);
            ttfb.detail =
                u"Above %1 ms customers notice the wait, and some leave a checkout that hangs."_s.arg(
                    m_slowFirstByteMs);
            ttfb.fix = u"Cache the page or move slow work out of the request; check the server's region."_s;
        } else {
            ttfb.level = Level::Ok;
            ttfb.title = u"%1 starts answering in %2 ms"_s.arg(url).arg(last->firstByteMs);
        }
        ttfb.detail += (ttfb.detail.isEmpty() ? QString() : u" "_s) +
                       u"The whole way, redirects included, took %1 ms."_s.arg(chainMs);
    } else if (stillRunning) {
        ttfb = skippedForCancel(ttfb);
        ttfb.title = u"Speed of %1 not measured: cancelled"_s.arg(url);
    } else {
        ttfb.level = Level::Skipped;
        ttfb.title = u"Speed of %1 not measured: the page was not reached"_s.arg(url);
    }
    checks.append(ttfb);

    Check tls = tlsCheck(kArea, u"page.%1.tls"_s.arg(page.key), page.hops, QDateTime::currentDateTimeUtc());
    tls.facts.insert(u"url"_s, url);
    if (stillRunning && tls.level == Level::Skipped) {
        tls.facts.insert(u"cancelled"_s, true);
        tls.title = u"TLS of %1 not checked: cancelled"_s.arg(url);
    }
    checks.append(tls);
    return checks;
}

} // namespace sb::doctor
