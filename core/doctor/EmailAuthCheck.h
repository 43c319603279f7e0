// Email authentication of the founder's sending domain: looks up SPF (following include and redirect),
// DMARC and the given DKIM selectors with QDnsLookup, then judges them with the pure functions in
// EmailAuth.h. Asynchronous; never blocks the thread it lives in.
#pragma once

#include "doctor/Check.h"
#include "doctor/EmailAuth.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QStringList>

#include <chrono>

class QDnsLookup;
class QTimer;

namespace sb::doctor {

class EmailAuthCheck : public QObject {
    Q_OBJECT
public:
    // QDnsLookup in Qt 6.4 has no timeout of its own (the resolver may retry for half a minute).
    static constexpr std::chrono::milliseconds kDefaultTimeout{5000};

    explicit EmailAuthCheck(QObject *parent = nullptr);
    ~EmailAuthCheck() override;

    // The DNS server to ask (port 53: Qt 6.4 cannot set another). Null (the default): the system resolver.
    void setNameserver(const QHostAddress &nameserver);
    // How long one lookup may take before it counts as "DNS did not answer".
    void setTimeout(std::chrono::milliseconds timeout);

    // Checks domain's SPF, DMARC and the DKIM keys of the given selectors; finished() follows, always
    // asynchronously, unless cancel() comes first. A second start() cancels the first.
    void start(const QString &domain, const QStringList &dkimSelectors);
    // Stops every lookup; finished() is not emitted for the cancelled run.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const QList<sb::doctor::Check> &checks);

private:
    enum class Purpose { Spf, Dmarc, Dkim, Probe };
    struct Pending {
        QString name;
        Purpose purpose = Purpose::Spf;
        QTimer *timer = nullptr;
    };

    void query(const QString &name, Purpose purpose);
    void onLookupFinished(QDnsLookup *lookup);
    void onLookupTimedOut(QDnsLookup *lookup);
    void record(const QString &name, Purpose purpose, const emailauth::TxtAnswer &answer);
    void followSpf();
    void resolveAmbiguous(bool serverAnswered);
    void finishIfDone();
    void stopAll();
    QString serverName() const;

    QHostAddress m_nameserver;
    std::chrono::milliseconds m_timeout = kDefaultTimeout;
    bool m_running = false;
    int m_generation = 0; // bumped by every start, cancel and finish, so a stale queued result is dropped
    QString m_domain;
    QStringList m_selectors;
    emailauth::TxtAnswers m_answers;
    QHash<QDnsLookup *, Pending> m_pending;
    QStringList m_queried; // every name asked in this run, so none is asked twice
    int m_spfQueries = 0;  // include/redirect targets asked (capped by emailauth::kSpfMaxQueries)
    // Qt 6.4 reports both "the name has no TXT record" and "no DNS server could be reached" as
    // InvalidReplyError. A probe of a name that must not exist tells them apart: any proper answer
    // to it means a server is there.
    enum class Reachability { Unknown, Reachable, Unreachable } m_reachability = Reachability::Unknown;
    QList<std::pair<QString, Purpose>> m_ambiguous; // InvalidReplyError answers waiting for the probe
};

} // namespace sb::doctor
