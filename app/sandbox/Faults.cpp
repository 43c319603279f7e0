#include "Faults.h"

#include "HttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace sb::sandbox {

namespace {

struct KindName {
    FaultKind kind;
    const char16_t *name;
};

constexpr KindName kKindNames[] = {
    {FaultKind::Timeout, u"timeout"},   {FaultKind::Stall, u"stall"},         {FaultKind::Cut, u"cut"},
    {FaultKind::Truncate, u"truncate"}, {FaultKind::Malformed, u"malformed"}, {FaultKind::Html, u"html"},
    {FaultKind::Empty, u"empty"},       {FaultKind::Repeat, u"repeat"},       {FaultKind::MoreLie, u"more"},
    {FaultKind::EndLie, u"end"},        {FaultKind::Shuffle, u"shuffle"},     {FaultKind::Duplicate, u"dup"},
    {FaultKind::Revoke, u"revoke"},
};

bool isPageFault(FaultKind k)
{
    return k >= FaultKind::Empty && k <= FaultKind::Duplicate;
}

std::optional<Provider> providerNamed(QStringView name)
{
    if (name == u"stripe")
        return Provider::Stripe;
    if (name == u"circle")
        return Provider::Circle;
    if (name == u"kit")
        return Provider::Kit;
    return std::nullopt;
}

// WHEN: N | NxK | N+ | pP (see README.md).
bool parseWhen(QStringView when, Fault *f)
{
    bool ok = false;
    if (when.startsWith(u'p')) {
        f->probability = when.mid(1).toDouble(&ok);
        return ok && f->probability > 0 && f->probability <= 1;
    }
    if (when.endsWith(u'+')) {
        f->first = when.chopped(1).toLongLong(&ok);
        f->count = 0;
        return ok && f->first >= 1;
    }
    const qsizetype x = when.indexOf(u'x');
    if (x >= 0) {
        f->first = when.left(x).toLongLong(&ok);
        bool okCount = false;
        f->count = when.mid(x + 1).toLongLong(&okCount);
        return ok && okCount && f->first >= 1 && f->count >= 1;
    }
    f->first = when.toLongLong(&ok);
    return ok && f->first >= 1;
}

// The records array of a list page and where its "more follow" flag lives, by provider.
QString recordsKey(Provider provider, const QJsonObject &page)
{
    if (provider == Provider::Stripe)
        return page.value("object"_L1).toString() == "list"_L1 && page.value("data"_L1).isArray() ? u"data"_s
                                                                                                  : QString();
    if (provider == Provider::Circle)
        return page.value("records"_L1).isArray() ? u"records"_s : QString();
    if (!page.value("pagination"_L1).isObject())
        return {};
    for (auto it = page.constBegin(); it != page.constEnd(); ++it) {
        if (it.value().isArray())
            return it.key();
    }
    return {};
}

void setMoreFlag(Provider provider, QJsonObject &page, bool more)
{
    if (provider == Provider::Stripe) {
        page.insert("has_more"_L1, more);
    } else if (provider == Provider::Circle) {
        page.insert("has_next_page"_L1, more);
    } else {
        QJsonObject pagination = page.value("pagination"_L1).toObject();
        pagination.insert("has_next_page"_L1, more);
        page.insert("pagination"_L1, pagination);
    }
}

// A request for a page after the first: only those can be answered with "the page before" again.
bool asksForALaterPage(const HttpRequest &request)
{
    return !request.queryValue(u"starting_after").isEmpty() || !request.queryValue(u"after").isEmpty() ||
           request.queryValue(u"page").toInt() > 1;
}

QString whenText(const Fault &f)
{
    if (f.probability > 0)
        return u"p"_s + QString::number(f.probability);
    if (f.count == 0)
        return QString::number(f.first) + u"+"_s;
    if (f.count == 1)
        return QString::number(f.first);
    return QString::number(f.first) + u"x"_s + QString::number(f.count);
}

} // namespace

std::optional<FaultPlan> FaultPlan::parse(const QString &spec, QString *error)
{
    FaultPlan plan;
    const auto fail = [error](const QString &item, const QString &why) -> std::optional<FaultPlan> {
        if (error)
            *error = u"fault \""_s + item + u"\": "_s + why;
        return std::nullopt;
    };
    const QStringList items = spec.split(u',', Qt::SkipEmptyParts);
    for (const QString &raw : items) {
        const QString item = raw.trimmed();
        bool ok = false;
        if (item.startsWith(u"seed="_s)) {
            plan.seed = QStringView(item).mid(5).toULongLong(&ok);
            if (!ok)
                return fail(item, u"the seed is not a whole number"_s);
            continue;
        }
        if (item.startsWith(u"skew="_s)) {
            plan.clockSkewSeconds = QStringView(item).mid(5).toLongLong(&ok);
            if (!ok)
                return fail(item, u"the skew is not a number of seconds"_s);
            continue;
        }
        const qsizetype colon = item.indexOf(u':');
        if (colon < 0)
            return fail(item, u"expected provider:kind[@when], seed=N or skew=SECONDS"_s);
        Fault f;
        const std::optional<Provider> provider = providerNamed(QStringView(item).left(colon));
        if (!provider)
            return fail(item, u"unknown provider (expected stripe, circle or kit)"_s);
        f.provider = *provider;
        QStringView rest = QStringView(item).mid(colon + 1);
        if (const qsizetype slash = rest.indexOf(u'/'); slash >= 0) {
            f.path = rest.mid(slash).toString();
            rest = rest.left(slash);
        }
        const qsizetype at = rest.indexOf(u'@');
        QStringView kind = at < 0 ? rest : rest.left(at);
        if (at >= 0 && !parseWhen(rest.mid(at + 1), &f))
            return fail(item, u"bad @when (expected N, NxK, N+ or pP with 0 < P <= 1)"_s);
        bool named = false;
        for (const KindName &k : kKindNames) {
            if (kind == QStringView(k.name)) {
                f.kind = k.kind;
                named = true;
            }
        }
        if (!named) {
            const qsizetype eq = kind.indexOf(u'=');
            f.kind = FaultKind::Status;
            f.status = (eq < 0 ? kind : kind.left(eq)).toInt(&ok);
            if (!ok || f.status < 400 || f.status > 599)
                return fail(item,
                            u"unknown kind (an HTTP status 400-599, or one of timeout, stall, cut, "
                            "truncate, malformed, html, empty, repeat, more, end, shuffle, dup, revoke)"_s);
            if (eq >= 0) {
                f.retryAfterSeconds = kind.mid(eq + 1).toInt(&ok);
                if (!ok || f.retryAfterSeconds < 0)
                    return fail(item, u"Retry-After must be whole seconds"_s);
            }
        }
        if (f.kind == FaultKind::Revoke)
            f.count = 0; // until restored
        plan.faults.append(f);
    }
    return plan;
}

QString FaultPlan::toSpec() const
{
    QStringList items;
    for (const Fault &f : faults) {
        QString kind;
        if (f.kind == FaultKind::Status) {
            kind = QString::number(f.status);
            if (f.retryAfterSeconds >= 0)
                kind += u"="_s + QString::number(f.retryAfterSeconds);
        }
        for (const KindName &k : kKindNames) {
            if (k.kind == f.kind)
                kind = QString::fromUtf16(k.name);
        }
        items.append(providerName(f.provider) + u":"_s + kind + u"@"_s + whenText(f) + f.path);
    }
    if (seed != 1)
        items.append(u"seed="_s + QString::number(seed));
    if (clockSkewSeconds != 0)
        items.append(u"skew="_s + QString::number(clockSkewSeconds));
    return items.join(u',');
}

void FaultEngine::setPlan(FaultPlan plan)
{
    m_plan = std::move(plan);
    m_random = SplitMix64(m_plan.seed);
    m_requests = {};
    m_served = {};
    m_revoked = {};
    m_fired = QList<qint64>(m_plan.faults.size(), 0);
    m_previousPage.clear();
}

void FaultEngine::restoreKeys()
{
    m_revoked = {};
    // A revocation ends for good: it does not come back at the next request.
    for (qsizetype i = 0; i < m_plan.faults.size(); ++i) {
        if (m_plan.faults.at(i).kind == FaultKind::Revoke)
            m_fired[i] = -1;
    }
}

bool FaultEngine::inWindow(const Fault &f, qint64 n)
{
    if (f.probability > 0)
        return m_random.chance(f.probability);
    return n >= f.first && (f.count == 0 || n < f.first + f.count);
}

FaultEngine::Hit FaultEngine::before(Provider provider, HttpRequest &request)
{
    Hit hit;
    const qint64 n = ++m_requests[index(provider)];
    for (qsizetype i = 0; i < m_plan.faults.size(); ++i) {
        const Fault &f = m_plan.faults.at(i);
        if (f.provider != provider || m_fired.at(i) < 0 || !request.path.startsWith(f.path))
            continue;
        if (f.kind == FaultKind::Revoke) {
            if (n >= f.first)
                m_revoked[index(provider)] = true;
            continue;
        }
        // A page fault that came due waits for a list page: its window only says when it may start.
        const bool due = isPageFault(f.kind) && f.probability == 0
                             ? n >= f.first && (f.count == 0 || m_fired.at(i) < f.count)
                             : inWindow(f, n);
        if (due)
            hit.faults.append(i);
    }
    if (m_revoked[index(provider)]) {
        hit.revoked = true;
        // As if the key had been rolled in the provider's dashboard: what the client holds is refused with
        // the provider's own 401.
        for (auto &[name, value] : request.headers) {
            if (name.compare("Authorization", Qt::CaseInsensitive) == 0 ||
                name.compare("X-Kit-Api-Key", Qt::CaseInsensitive) == 0)
                value += "_revoked";
        }
        ++m_served[index(provider)];
        return hit;
    }
    for (const qsizetype i : std::as_const(hit.faults)) {
        const Fault &f = m_plan.faults.at(i);
        if (f.kind == FaultKind::Status && !hit.status) {
            hit.status = f.status;
            hit.retryAfterSeconds = f.retryAfterSeconds;
        }
    }
    return hit;
}

void FaultEngine::after(Provider provider, const Hit &hit, const HttpRequest &request, HttpResponse &response)
{
    if (hit.revoked)
        return;
    const QString pageKey = providerName(provider) + u' ' + request.path;
    const bool isPage = response.status >= 200 && response.status < 300 && request.method == "GET" &&
                        !recordsKey(provider, QJsonDocument::fromJson(response.body).object()).isEmpty();
    const QByteArray asServed = response.body;
    bool acted = false;
    for (const qsizetype i : hit.faults) {
        const Fault &f = m_plan.faults.at(i);
        bool fired = true;
        switch (f.kind) {
        case FaultKind::Status:
            if (hit.status == f.status && f.retryAfterSeconds >= 0)
                response.addHeader("Retry-After", QByteArray::number(f.retryAfterSeconds));
            break;
        case FaultKind::Timeout:
            response.transport = HttpResponse::Transport::Silent;
            break;
        case FaultKind::Stall:
            response.transport = HttpResponse::Transport::Stall;
            break;
        case FaultKind::Cut:
            response.transport = HttpResponse::Transport::Cut;
            break;
        case FaultKind::Truncate:
            response.status = 200;
            response.body = response.body.left(std::max<qsizetype>(1, response.body.size() / 2));
            break;
        case FaultKind::Malformed:
            // A serializer that wrote a NaN: JSON in every way but one.
            response.status = 200;
            response.body = "{\"sandbox_fault\":NaN," + response.body.mid(1);
            break;
        case FaultKind::Html:
            response.status = 200;
            response.contentType = "text/html; charset=utf-8";
            response.body = "<!DOCTYPE html><html><head><title>Service unavailable</title></head><body>"
                            "<h1>We'll be right back</h1><p>The service is undergoing maintenance.</p>"
                            "</body></html>";
            break;
        case FaultKind::Repeat:
            fired = isPage && asksForALaterPage(request) && m_previousPage.contains(pageKey);
            if (fired)
                response.body = m_previousPage.value(pageKey);
            break;
        case FaultKind::Empty:
        case FaultKind::MoreLie:
        case FaultKind::EndLie:
        case FaultKind::Shuffle:
        case FaultKind::Duplicate:
            fired = isPage;
            if (fired)
                rewritePage(f, provider, response.body);
            break;
        case FaultKind::Revoke:
            fired = false;
            break;
        }
        if (fired) {
            ++m_fired[i];
            acted = true;
        }
    }
    if (acted)
        ++m_served[index(provider)];
    if (isPage)
        m_previousPage.insert(pageKey, asServed);
}

void FaultEngine::rewritePage(const Fault &f, Provider provider, QByteArray &body)
{
    QJsonObject page = QJsonDocument::fromJson(body).object();
    const QString key = recordsKey(provider, page);
    QJsonArray records = page.value(key).toArray();
    switch (f.kind) {
    case FaultKind::Empty:
        records = {};
        break;
    case FaultKind::MoreLie:
        setMoreFlag(provider, page, true);
        break;
    case FaultKind::EndLie:
        setMoreFlag(provider, page, false);
        break;
    case FaultKind::Shuffle:
    case FaultKind::Duplicate: {
        QList<QJsonValue> items;
        for (int copy = f.kind == FaultKind::Duplicate ? 2 : 1; copy > 0; --copy) {
            for (const QJsonValue &v : std::as_const(records))
                items.append(v);
        }
        // Fisher-Yates with the plan's seed: the same plan shuffles the same way.
        for (qsizetype i = items.size() - 1; i > 0; --i)
            std::swap(items[i], items[qsizetype(m_random.below(quint64(i) + 1))]);
        records = QJsonArray();
        for (const QJsonValue &v : std::as_const(items))
            records.append(v);
        break;
    }
    default:
        break;
    }
    page.insert(key, records);
    body = QJsonDocument(page).toJson(QJsonDocument::Compact);
}

} // namespace sb::sandbox
