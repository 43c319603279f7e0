// The launch-readiness doctor: runs every check that has what it needs, at once, and reports them together
// (Report.h). What it reads: Stripe's webhook endpoints and failed deliveries (with the Stripe key), the
// sending domain's SPF/DMARC/DKIM (DNS), the founder's checkout and login pages, the journeys of recent
// buyers (the cache), and the live receiver's settings. It probes the founder's own webhook URL only when one
// is given for this run (an explicit request), and contacts nothing else.
#pragma once

#include "common/Config.h"
#include "doctor/Report.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QSettings;
class QThread;

namespace sb::doctor {

struct DoctorOptions {
    QString sendingDomain;                              // the domain Kit sends from ("example.com")
    QStringList dkimSelectors;                          // as Kit's domain settings show them
    QUrl webhookUrl;                                    // probed only when set
    QString webhookProvider = QStringLiteral("stripe"); // whose secret signs the probe: "stripe" or "kit"
    QList<QUrl> pages;                                  // checkout and login pages
    int journeyPayments = 20;                           // how many recent buyers the journey check follows
    bool checkStripe = true;
    QHostAddress nameserver; // tests: the DNS server to ask (port 53)
    int probeTimeoutMs = 10000;

    // Kept between runs (not secret): [doctor] domain, dkim_selectors, pages, payments. The webhook URL is
    // not kept: a probe is asked for each time.
    static DoctorOptions load(const QSettings &settings);
    void save(QSettings &settings) const;
};

class Doctor : public QObject {
    Q_OBJECT
public:
    explicit Doctor(Config config, QObject *parent = nullptr);
    ~Doctor() override;

    void start(const DoctorOptions &options);
    // Stops what is in flight; finished() follows with what is known and the rest marked not checked.
    void cancel();
    bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    void progress(int done, int total, const QString &area);
    void finished(const sb::doctor::Report &report);

private:
    void partDone(const QString &area, const QList<Check> &checks);
    QList<Check> receiverChecks() const;

    Config m_config;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QList<QObject *> m_parts;               // the running checks (children), deleted when the run ends
    QList<std::function<void()>> m_cancels; // each running check's cancel()
    QThread *m_journeyThread = nullptr;
    Report m_report;
    QStringList m_pendingAreas;
    int m_pending = 0;
    int m_total = 0;
    quint64 m_run = 0; // answers from a cancelled run are ignored
};

} // namespace sb::doctor
