// Probes the founder's own webhook URL the way a sender would, and only when asked: three POSTs of an obvious
// test event (type "switchboard.probe", which a well-behaved endpoint acknowledges and ignores):
//   signed     correctly signed with the current time  → expects 2xx
//   tampered   the same body with one byte changed      → expects 4xx (the signature no longer matches)
//   unsigned   no signature header at all               → expects 4xx
// A 2xx to either of the last two means the endpoint does not check signatures: anyone can forge a payment.
// Redirects are never followed (senders do not follow them). Results are Checks in area "webhook_probe":
// "url", "tls", "signed", "tampered", "unsigned". The signing secret never appears in a check or a log.
#pragma once

#include "doctor/Check.h"
#include "doctor/HttpTiming.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <array>
#include <optional>

class QNetworkAccessManager;

namespace sb::doctor {

class WebhookProbe : public QObject {
    Q_OBJECT
public:
    explicit WebhookProbe(QObject *parent = nullptr);
    ~WebhookProbe() override;

    // `headerName` is "Stripe-Signature" or "X-Kit-Signature" (Kit signs in Stripe's scheme). Starting while
    // a probe runs cancels that one first. `finished` always comes after start() has returned; a slot that
    // wants the probe gone uses deleteLater(), as the network reply is still on the stack.
    void start(const QUrl &url, const QByteArray &signingSecret, const QString &headerName);
    // Aborts what is in flight and emits `finished` at once with what is known; the rest is Skipped.
    void cancel();
    bool isRunning() const { return m_running; }

    void setTimeoutMs(int ms) { m_timeoutMs = ms; } // per request; 10 s by default
    // The test event's api_version (the endpoint's, when known): Stripe's Go and .NET libraries refuse an
    // event whose version differs from theirs even when it is correctly signed. Null when empty.
    void setEventApiVersion(const QString &version) { m_apiVersion = version; }

    // The test event: Stripe's event shape, livemode false, id "evt_switchboard_probe_<random hex>".
    static QByteArray probeEventBody(const QString &eventId, qint64 created, const QString &apiVersion = {});

Q_SIGNALS:
    void finished(const QList<sb::doctor::Check> &checks);

private:
    enum Step { Signed, Tampered, Unsigned, StepCount };

    void sendNext();
    void stepDone(Step step, const HttpOutcome &outcome);
    void finish(bool cancelled);
    Check stepCheck(Step step, bool cancelled) const;
    Check signedCheck(const HttpOutcome &o) const;
    Check forgedCheck(Step step, const HttpOutcome &o) const;
    Check httpProblem(Step step, const HttpOutcome &o) const;
    Check baseCheck(Step step) const;
    QString displayUrl() const;

    QNetworkAccessManager *m_nam;
    QPointer<TimedRequest> m_inFlight;
    int m_timeoutMs = kDefaultProbeTimeoutMs;
    QString m_apiVersion;
    bool m_running = false;
    quint64 m_run = 0; // tells a queued finish of an earlier run from the current one

    QUrl m_url;
    QString m_badUrl; // why the URL cannot be probed; empty when it can
    QByteArray m_header;
    QByteArray m_signature; // the header value for the signed body; never logged or reported
    bool m_haveSecret = false;
    QString m_eventId;
    QByteArray m_body;
    QByteArray m_tamperedBody;
    QList<Step> m_plan; // the requests to send, in order
    qsizetype m_next = 0;
    std::array<std::optional<HttpOutcome>, StepCount> m_results;
};

} // namespace sb::doctor
