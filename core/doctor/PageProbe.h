// Probes the pages a customer goes through (checkout, login) as a browser would reach them: GET, redirects
// followed one hop at a time so each is recorded (at most kMaxRedirects; a loop or an https → http step
// fails), the final status, time to first byte and the certificates on the way. All pages are probed at
// once. Results are Checks in area "page_probe" with ids "page.<key>.<kind>", where key is the URL without
// scheme and trailing slash ("shop.example.com/checkout") and kind one of url, redirects, status, ttfb, tls.
#pragma once

#include "doctor/Check.h"
#include "doctor/HttpTiming.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace sb::doctor {

class PageProbe : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRedirects = 10;
    static constexpr int kDefaultSlowFirstByteMs = 1500;

    explicit PageProbe(QObject *parent = nullptr);
    ~PageProbe() override;

    // Starting while a probe runs cancels that one first. `finished` always comes after start() returned; a
    // slot that wants the probe gone uses deleteLater(), as the network reply is still on the stack.
    void start(const QList<QUrl> &urls);
    // Aborts what is in flight and emits `finished` at once: finished pages as they are, the rest Skipped.
    void cancel();
    bool isRunning() const { return m_running; }

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }             // per request; 10 s by default
    void setSlowFirstByteMs(int ms) { m_slowFirstByteMs = ms; } // warn above this; 1.5 s by default

    static QString pageKey(const QUrl &url);

Q_SIGNALS:
    void finished(const QList<sb::doctor::Check> &checks);

private:
    enum class Stop { Running, Done, Unreachable, BadUrl, Loop, TooMany, Downgrade, NoLocation, BadScheme };
    struct Page {
        QUrl url;
        QString key;
        QList<HttpOutcome> hops;
        QList<QUrl> visited;
        QPointer<TimedRequest> inFlight;
        Stop stop = Stop::Running;
        QUrl target; // where a refused redirect pointed
    };

    void request(qsizetype index, const QUrl &url);
    void hopDone(qsizetype index, const HttpOutcome &outcome);
    void pageStopped();
    void finish();
    QList<Check> pageChecks(const Page &page) const;

    QNetworkAccessManager *m_nam;
    int m_timeoutMs = kDefaultProbeTimeoutMs;
    int m_slowFirstByteMs = kDefaultSlowFirstByteMs;
    bool m_running = false;
    quint64 m_run = 0;
    QList<Page> m_pages;
    qsizetype m_open = 0; // pages still running
};

} // namespace sb::doctor
