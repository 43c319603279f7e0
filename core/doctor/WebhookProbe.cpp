#include "doctor/WebhookProbe.h"

#include "webhooks/Signature.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace sb::doctor {

namespace {

const QString kArea = u"webhook_probe"_s;

QString stepId(int step)
{
    switch (step) {
    case 0:
        return u"signed"_s;
    case 1:
        return u"tampered"_s;
    default:
        return u"unsigned"_s;
    }
}

// How each test event is named in plain words.
QString stepWhat(int step)
{
    switch (step) {
    case 0:
        return u"a correctly signed test event"_s;
    case 1:
        return u"a test event whose body was changed after signing"_s;
    default:
        return u"a test event without a signature"_s;
    }
}

void mergeFacts(QJsonObject &into, const QJsonObject &from)
{
    for (auto it = from.constBegin(); it != from.constEnd(); ++it)
        into.insert(it.key(), it.value());
}

int statusClass(int status)
{
    return status / 100;
}

} // namespace

WebhookProbe::WebhookProbe(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{}

WebhookProbe::~WebhookProbe()
{
    if (m_inFlight)
        m_inFlight->abort();
}

QByteArray WebhookProbe::probeEventBody(const QString &eventId, qint64 created, const QString &apiVersion)
{
    // Stripe's event envelope, so a real handler parses it, with a type no handler acts on (Stripe's advice
    // is to acknowledge unknown types with 2xx) and a description that says what it is to whoever reads logs.
    const QJsonObject object{
        {u"object"_s, u"switchboard_probe"_s},
        {u"description"_s,
         u"A test event from Switchboard's launch readiness check of this webhook endpoint. "
         "It is not a Stripe or Kit event and changes nothing: acknowledge and ignore it."_s}};
    const QJsonObject event{
        {u"id"_s, eventId},
        {u"object"_s, u"event"_s},
        {u"type"_s, u"switchboard.probe"_s},
        {u"api_version"_s, apiVersion.isEmpty() ? QJsonValue() : QJsonValue(apiVersion)},
        {u"created"_s, created},
        {u"livemode"_s, false},
        {u"pending_webhooks"_s, 0},
        {u"request"_s, QJsonObject{{u"id"_s, QJsonValue()}, {u"idempotency_key"_s, QJsonValue()}}},
        {u"data"_s, QJsonObject{{u"object"_s, object}}}};
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

void WebhookProbe::start(const QUrl &url, const QByteArray &signingSecret, const QString &headerName)
{
    cancel();
    m_running = true;
    const quint64 run = ++m_run;
    m_url = url;
    m_badUrl.clear();
    m_plan.clear();
    m_next = 0;
    m_results = {};
    m_header = (headerName.isEmpty() ? u"Stripe-Signature"_s : headerName).toLatin1();
    m_haveSecret = !signingSecret.isEmpty();

    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty())
        m_badUrl = u"it is not a complete address (scheme, host and path)"_s;
    else if (scheme != "http"_L1 && scheme != "https"_L1)
        m_badUrl = u"only http and https addresses can receive webhooks, not %1"_s.arg(scheme);
    if (!m_badUrl.isEmpty()) {
        // Queued, so a caller that connects after start() still hears the answer.
        QTimer::singleShot(0, this, [this, run] {
            if (m_running && run == m_run)
                finish(false);
        });
        return;
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_eventId = u"evt_switchboard_probe_%1"_s.arg(qulonglong(QRandomGenerator::system()->generate64()), 16,
                                                  16, QLatin1Char('0'));
    m_body = probeEventBody(m_eventId, now, m_apiVersion);
    // One byte of the id changes, so the body is still valid JSON but no longer matches its signature.
    m_tamperedBody = m_body;
    const qsizetype last = m_body.indexOf(m_eventId.toLatin1()) + m_eventId.size() - 1;
    m_tamperedBody[last] = m_body.at(last) == '0' ? '1' : '0';
    m_signature = m_haveSecret ? webhooks::signatureHeader(m_body, now, signingSecret) : QByteArray();

    if (m_haveSecret)
        m_plan = {Signed, Tampered, Unsigned};
    else
        m_plan = {Unsigned};
    sendNext();
}

void WebhookProbe::sendNext()
{
    const Step step = m_plan.at(m_next++);
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json; charset=utf-8"_s);
    if (step != Unsigned)
        request.setRawHeader(m_header, m_signature);
    m_inFlight = TimedRequest::send(m_nam, request, "POST", step == Tampered ? m_tamperedBody : m_body,
                                    m_timeoutMs, [this, step](const HttpOutcome &o) { stepDone(step, o); });
}

void WebhookProbe::stepDone(Step step, const HttpOutcome &outcome)
{
    m_inFlight = nullptr;
    m_results[step] = outcome;
    // Without any answer to the first request the others would only wait out the same timeout.
    const bool unreachable = !outcome.answered();
    if (unreachable || m_next >= m_plan.size())
        finish(false);
    else
        sendNext();
}

void WebhookProbe::cancel()
{
    if (!m_running)
        return;
    if (m_inFlight)
        m_inFlight->abort();
    m_inFlight = nullptr;
    finish(true);
}

QString WebhookProbe::displayUrl() const
{
    // A query may carry a token of the founder's own; the address without it is enough to recognise it.
    QString shown =
        m_url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
    if (m_url.hasQuery())
        shown += u"?…"_s;
    return shown;
}

Check WebhookProbe::baseCheck(Step step) const
{
    Check c;
    c.area = kArea;
    c.id = stepId(step);
    c.facts = QJsonObject{{u"url"_s, displayUrl()},
                          {u"eventId"_s, m_eventId},
                          {u"headerName"_s, QString::fromLatin1(m_header)},
                          {u"signed"_s, step != Unsigned},
                          {u"tampered"_s, step == Tampered}};
    return c;
}

void WebhookProbe::finish(bool cancelled)
{
    m_running = false;
    QList<Check> checks;

    Check url;
    url.area = kArea;
    url.id = u"url"_s;
    url.facts = QJsonObject{{u"url"_s, displayUrl()}};
    if (!m_badUrl.isEmpty()) {
        url.level = Level::Fail;
        url.weight = 5;
        url.title = u"The webhook URL cannot be probed: %1"_s.arg(m_badUrl);
        url.detail = u"The address given was \"%1\"."_s.arg(displayUrl());
        url.fix = u"Enter the endpoint's full https address as it is registered with Stripe or Kit."_s;
    } else {
        url.level = Level::Ok;
        url.title = u"Probed %1"_s.arg(displayUrl());
        url.detail = u"Test event %1 (type switchboard.probe), signature header %2."_s.arg(
            m_eventId, QString::fromLatin1(m_header));
    }
    checks.append(url);

    QList<HttpOutcome> sent;
    for (const auto &r : m_results) {
        if (r)
            sent.append(*r);
    }
    Check tls = tlsCheck(kArea, u"tls"_s, sent, QDateTime::currentDateTimeUtc());
    if (sent.isEmpty() && cancelled) {
        tls.title = u"TLS not checked: the probe was cancelled"_s;
        tls.facts.insert(u"cancelled"_s, true);
    }
    checks.append(tls);

    for (int step = Signed; step < StepCount; ++step)
        checks.append(stepCheck(Step(step), cancelled));
    Q_EMIT finished(checks);
}

Check WebhookProbe::stepCheck(Step step, bool cancelled) const
{
    if (const auto &r = m_results[step])
        return step == Signed ? signedCheck(*r) : forgedCheck(step, *r);

    Check c = baseCheck(step);
    c.level = Level::Skipped;
    c.title = u"Not sent: %1"_s.arg(stepWhat(step));
    if (!m_badUrl.isEmpty()) {
        c.detail = u"The webhook URL cannot be probed."_s;
    } else if (!m_haveSecret && step != Unsigned) {
        c.detail =
            u"No signing secret is set for this endpoint, so a correctly signed event cannot be made."_s;
        c.fix =
            u"Copy the endpoint's signing secret (whsec_…) from Stripe or Kit into Switchboard's settings."_s;
    } else if (m_results[Signed] && !m_results[Signed]->answered()) {
        c.detail = u"The signed event got no answer, so this one was not tried."_s;
    } else if (cancelled) {
        c.detail = u"The probe was cancelled before this request was answered."_s;
        c.facts.insert(u"cancelled"_s, true);
    }
    return c;
}

Check WebhookProbe::httpProblem(Step step, const HttpOutcome &o) const
{
    Check c = baseCheck(step);
    mergeFacts(c.facts, o.facts());
    c.level = Level::Fail;
    c.weight = step == Signed ? 5 : 30;
    const QString what = stepWhat(step);
    const QString said = bodySnippet(o.body);
    const QString saidText = said.isEmpty() ? QString() : u" It answered: \"%1\"."_s.arg(said);

    if (!o.answered()) {
        if (!o.tls.errors.isEmpty()) {
            // The TLS check already fails for this; one failure per cause.
            c.level = Level::Skipped;
            c.title = u"No answer to %1: the certificate was refused"_s.arg(what);
            c.detail = u"See the TLS check."_s;
            return c;
        }
        c.title = o.timedOut
                      ? u"The webhook URL did not answer %1 within %2 s"_s.arg(what).arg(m_timeoutMs / 1000.0)
                      : u"The webhook URL could not be reached: %1"_s.arg(o.error);
        c.detail = u"Senders give up on an endpoint that does not answer and retry later; events arrive late "
                   "or, after days of retries, never."_s;
        c.fix =
            u"Check that the app behind %1 is running and reachable from the internet, and that it answers "
            "quickly (acknowledge first, work afterwards)."_s.arg(displayUrl());
        return c;
    }
    const int status = o.status;
    if (statusClass(status) == 3) {
        const QString where = o.location.isEmpty() ? u"nowhere (no Location header)"_s
                                                   : o.location.toString(QUrl::RemoveUserInfo);
        c.title = u"The webhook URL redirects (HTTP %1) to %2; webhook senders do not follow redirects"_s
                      .arg(status)
                      .arg(where);
        c.detail = u"Stripe and Kit treat a redirect as a failed delivery, so no event reaches the app."_s;
        c.fix = o.location.isEmpty() ? u"Make the endpoint answer the POST itself instead of redirecting."_s
                                     : u"Register %1 as the webhook URL instead (often the same address with "
                                       "https or without www)."_s.arg(where);
        return c;
    }
    if (status == 404) {
        c.title = u"Nothing answers at the webhook URL (HTTP 404)"_s;
        c.detail = u"The server is there but knows no such path, so every event is lost."_s + saidText;
        c.fix = u"Check the webhook URL's path against the app's route, and that the current version is "
                "deployed."_s;
        return c;
    }
    if (statusClass(status) == 5) {
        c.title = u"The webhook URL fails with a server error (HTTP %1) on %2"_s.arg(status).arg(what);
        c.detail =
            (step == Signed ? u"Senders retry for a while and then give up; events are lost meanwhile."_s
                            : u"An event with a bad signature should be refused with a 4xx, not crash "
                              "the handler."_s) +
            saidText;
        c.fix = u"Look in the app's logs for test event %1; an event type the app does not handle should be "
                "acknowledged with 200 and ignored."_s.arg(m_eventId);
        return c;
    }
    c.title = u"The webhook URL answered %1 with HTTP %2"_s.arg(what).arg(status);
    c.detail = u"Expected %1."_s.arg(step == Signed ? u"a 2xx"_s : u"a 4xx"_s) + saidText;
    return c;
}

Check WebhookProbe::signedCheck(const HttpOutcome &o) const
{
    if (statusClass(o.status) != 2 && statusClass(o.status) != 4)
        return httpProblem(Signed, o);
    if (o.status == 404)
        return httpProblem(Signed, o);

    Check c = baseCheck(Signed);
    mergeFacts(c.facts, o.facts());
    if (statusClass(o.status) == 2) {
        c.level = Level::Ok;
        c.title = u"A correctly signed test event was accepted (HTTP %1)"_s.arg(o.status);
        c.detail = u"Answered in %1 ms."_s.arg(o.totalMs);
        return c;
    }
    const QString said = bodySnippet(o.body);
    c.level = Level::Fail;
    c.weight = 5;
    c.title = u"A correctly signed test event was refused (HTTP %1)"_s.arg(o.status);
    c.detail =
        u"Either the signing secret in Switchboard is not this endpoint's, or the endpoint refuses event "
        "types it does not know (Stripe's advice is to answer 2xx to types a handler ignores; Stripe's Go "
        "and .NET libraries also refuse an api_version other than their own)."_s +
        (said.isEmpty() ? QString() : u" It answered: \"%1\"."_s.arg(said));
    c.fix =
        u"Copy the endpoint's signing secret from Stripe (Developers → Webhooks → the endpoint) or Kit into "
        "Switchboard again; if it matches, make the endpoint answer 200 to event types it ignores."_s;
    return c;
}

Check WebhookProbe::forgedCheck(Step step, const HttpOutcome &o) const
{
    Check c = baseCheck(step);
    mergeFacts(c.facts, o.facts());
    const QString what = stepWhat(step);
    const std::optional<HttpOutcome> &signedResult = m_results[Signed];
    const bool signedAccepted = signedResult && statusClass(signedResult->status) == 2;

    if (statusClass(o.status) == 2) {
        c.level = Level::Fail;
        c.weight = 0;
        c.title = u"The webhook endpoint does not check signatures: it accepted %1 (HTTP %2)"_s.arg(what).arg(
            o.status);
        c.detail = u"Anyone who knows the URL can send it a made-up \"payment succeeded\" and get access "
                   "without paying."_s;
        c.fix =
            u"Verify the %1 header against the endpoint's signing secret before acting on an event (Stripe's "
            "libraries do it in constructEvent) and answer 400 when it does not match."_s.arg(
                QString::fromLatin1(m_header));
        return c;
    }
    if (statusClass(o.status) == 4 && (o.status != 404 || signedAccepted)) {
        if (signedAccepted || !signedResult) {
            c.level = Level::Ok;
            c.title = u"Refused %1 (HTTP %2)"_s.arg(what).arg(o.status);
            if (!signedResult)
                c.detail = u"A correctly signed event was not tried, so this only shows that the endpoint "
                           "refuses what is not signed."_s;
            return c;
        }
        c.level = Level::Skipped;
        c.title = u"Inconclusive: %1 was refused, but so was the correctly signed one"_s.arg(what);
        c.detail =
            u"An endpoint that refuses everything says nothing about whether it checks signatures; fix "
            "the signed event first."_s;
        return c;
    }
    if (signedResult && o.answered() && signedResult->status == o.status) {
        // The same failure as the signed event: reported once, there.
        c.level = Level::Skipped;
        c.title =
            u"Not judged: %1 got the same answer as the signed event (HTTP %2)"_s.arg(what).arg(o.status);
        c.detail = u"See the check of the signed event."_s;
        return c;
    }
    return httpProblem(step, o);
}

} // namespace sb::doctor
