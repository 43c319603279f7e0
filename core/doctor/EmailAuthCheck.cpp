#include "doctor/EmailAuthCheck.h"

#include <QDnsLookup>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#include <utility>

using namespace Qt::StringLiterals;

namespace sb::doctor {

using emailauth::DnsOutcome;
using emailauth::TxtAnswer;

namespace {

// RFC 6761 reserves .invalid: every working resolver answers NXDOMAIN (or refuses), never with records.
const QString kProbeName = u"switchboard-doctor-probe.invalid"_s;

// The name in ASCII (IDN to punycode), lower-case, without the trailing dot; empty when it is not a
// usable host name.
QString asciiDomain(const QString &input)
{
    QString name = input.trimmed().toLower();
    while (name.endsWith(u'.'))
        name.chop(1);
    if (name.isEmpty() || name.size() > 253)
        return {};
    const QString ace = QString::fromLatin1(QUrl::toAce(name));
    static const QRegularExpression label(u"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$"_s);
    const QStringList labels = ace.split(u'.');
    if (ace.isEmpty() || ace.size() > 253)
        return {};
    for (const QString &l : labels) {
        if (!label.match(l).hasMatch())
            return {};
    }
    return ace;
}

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(double(ms.count()) / 1000.0, 'g', 3);
}

} // namespace

EmailAuthCheck::EmailAuthCheck(QObject *parent)
    : QObject(parent)
{}

EmailAuthCheck::~EmailAuthCheck()
{
    stopAll();
}

void EmailAuthCheck::setNameserver(const QHostAddress &nameserver)
{
    m_nameserver = nameserver;
}

void EmailAuthCheck::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

QString EmailAuthCheck::serverName() const
{
    return m_nameserver.isNull() ? u"the system's DNS resolver"_s
                                 : u"DNS server %1"_s.arg(m_nameserver.toString());
}

void EmailAuthCheck::start(const QString &domain, const QStringList &dkimSelectors)
{
    stopAll();
    m_running = true;
    m_answers.clear();
    m_queried.clear();
    m_ambiguous.clear();
    m_spfQueries = 0;
    m_reachability = Reachability::Unknown;
    m_selectors.clear();
    m_domain = asciiDomain(domain);

    if (m_domain.isEmpty() || !m_domain.contains(u'.')) {
        Check c;
        c.area = u"email_auth"_s;
        c.id = u"domain"_s;
        c.level = Level::Fail;
        c.title = u"\"%1\" is not a domain name email can be sent from"_s.arg(domain.trimmed());
        c.detail = u"The sending domain must be a full domain name such as example.com."_s;
        c.fix = u"Enter the part after the @ of the address your mail is sent from."_s;
        c.weight = 20;
        c.facts = {{u"domain"_s, domain}};
        const QList<Check> checks{c};
        // Queued, like every other outcome, so a caller can connect after start() returns.
        QTimer::singleShot(0, this, [this, checks, generation = ++m_generation] {
            if (generation != m_generation || !m_running)
                return;
            m_running = false;
            Q_EMIT finished(checks);
        });
        return;
    }

    query(kProbeName, Purpose::Probe);
    query(m_domain, Purpose::Spf);
    query(emailauth::dmarcName(m_domain), Purpose::Dmarc);
    for (const QString &raw : dkimSelectors) {
        const QString selector = raw.trimmed().toLower();
        if (selector.isEmpty() || m_selectors.contains(selector))
            continue;
        m_selectors.append(selector);
        const QString name = emailauth::dkimName(selector, m_domain);
        if (asciiDomain(name) != name) {
            TxtAnswer answer;
            answer.outcome = DnsOutcome::NotQueried;
            answer.note =
                u"\"%1\" is not a valid DKIM selector (letters, digits, hyphens and dots)."_s.arg(raw);
            m_answers.insert(name, answer);
            continue;
        }
        query(name, Purpose::Dkim);
    }
}

void EmailAuthCheck::cancel()
{
    stopAll();
}

void EmailAuthCheck::stopAll()
{
    ++m_generation;
    const auto pending = m_pending;
    m_pending.clear();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        QDnsLookup *lookup = it.key();
        // abort() emits finished() right away; this run no longer wants it.
        disconnect(lookup, nullptr, this, nullptr);
        lookup->abort();
        lookup->deleteLater();
        delete it->timer;
    }
    m_running = false;
}

void EmailAuthCheck::query(const QString &name, Purpose purpose)
{
    if (m_queried.contains(name))
        return;
    m_queried.append(name);
    auto *lookup = new QDnsLookup(QDnsLookup::TXT, name, this);
    if (!m_nameserver.isNull())
        lookup->setNameserver(m_nameserver);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setInterval(m_timeout);
    connect(lookup, &QDnsLookup::finished, this, [this, lookup] { onLookupFinished(lookup); });
    connect(timer, &QTimer::timeout, this, [this, lookup] { onLookupTimedOut(lookup); });
    m_pending.insert(lookup, Pending{name, purpose, timer});
    timer->start();
    lookup->lookup();
}

void EmailAuthCheck::onLookupTimedOut(QDnsLookup *lookup)
{
    const auto it = m_pending.constFind(lookup);
    if (it == m_pending.cend())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    disconnect(lookup, nullptr, this, nullptr);
    lookup->abort();
    lookup->deleteLater();
    pending.timer->deleteLater();

    if (pending.purpose == Purpose::Probe) {
        resolveAmbiguous(false);
    } else {
        TxtAnswer answer;
        answer.outcome = DnsOutcome::NoAnswer;
        answer.note = u"No answer from %1 within %2 s."_s.arg(serverName(), seconds(m_timeout));
        record(pending.name, pending.purpose, answer);
    }
    finishIfDone();
}

void EmailAuthCheck::onLookupFinished(QDnsLookup *lookup)
{
    const auto it = m_pending.constFind(lookup);
    if (it == m_pending.cend())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    delete pending.timer;
    lookup->deleteLater();

    const QDnsLookup::Error error = lookup->error();
    if (pending.purpose == Purpose::Probe) {
        // Any proper DNS answer, even NXDOMAIN or a refusal, shows a server is there.
        resolveAmbiguous(error == QDnsLookup::NoError || error == QDnsLookup::NotFoundError ||
                         error == QDnsLookup::ServerRefusedError || error == QDnsLookup::ServerFailureError);
        finishIfDone();
        return;
    }

    TxtAnswer answer;
    switch (error) {
    case QDnsLookup::NoError: {
        const auto texts = lookup->textRecords();
        for (const QDnsTextRecord &text : texts) {
            // A record longer than 255 bytes comes as several strings; they join without a separator
            // (RFC 7208 3.3, RFC 6376 3.6.2.2).
            QByteArray joined;
            const auto values = text.values();
            for (const QByteArray &v : values)
                joined += v;
            answer.records.append(QString::fromUtf8(joined));
        }
        answer.outcome = answer.records.isEmpty() ? DnsOutcome::NoRecords : DnsOutcome::Records;
        break;
    }
    case QDnsLookup::NotFoundError:
        answer.outcome = DnsOutcome::NxDomain;
        break;
    case QDnsLookup::ServerFailureError:
        answer.outcome = DnsOutcome::ServerFailure;
        break;
    case QDnsLookup::ServerRefusedError:
        answer.outcome = DnsOutcome::Refused;
        answer.note = u"(Asked %1.)"_s.arg(serverName());
        break;
    case QDnsLookup::InvalidReplyError:
        // Qt 6.4 says this both for "no TXT record here" and for "no server answered at all".
        if (m_reachability == Reachability::Unknown) {
            m_ambiguous.append({pending.name, pending.purpose});
            finishIfDone();
            return;
        }
        if (m_reachability == Reachability::Reachable) {
            answer.outcome = DnsOutcome::NoRecords;
        } else {
            answer.outcome = DnsOutcome::NoAnswer;
            answer.note = u"No usable answer from %1."_s.arg(serverName());
        }
        break;
    case QDnsLookup::OperationCancelledError:
        return;
    case QDnsLookup::InvalidRequestError:
    case QDnsLookup::ResolverError:
        answer.outcome = DnsOutcome::NoAnswer;
        answer.note = u"The resolver could not ask %1: %2."_s.arg(serverName(), lookup->errorString());
        break;
    }
    record(pending.name, pending.purpose, answer);
    finishIfDone();
}

void EmailAuthCheck::resolveAmbiguous(bool serverAnswered)
{
    m_reachability = serverAnswered ? Reachability::Reachable : Reachability::Unreachable;
    const auto waiting = std::exchange(m_ambiguous, {});
    for (const auto &[name, purpose] : waiting) {
        TxtAnswer answer;
        if (serverAnswered) {
            answer.outcome = DnsOutcome::NoRecords;
        } else {
            answer.outcome = DnsOutcome::NoAnswer;
            answer.note = u"No usable answer from %1."_s.arg(serverName());
        }
        record(name, purpose, answer);
    }
}

void EmailAuthCheck::record(const QString &name, Purpose purpose, const TxtAnswer &answer)
{
    m_answers.insert(name, answer);
    if (purpose == Purpose::Spf)
        followSpf();
}

void EmailAuthCheck::followSpf()
{
    const QStringList names = emailauth::spfNamesToFetch(m_domain, m_answers);
    for (const QString &name : names) {
        if (m_queried.contains(name))
            continue;
        // Past the cap the names stay unanswered, and the lookup count says it could not finish.
        if (m_spfQueries >= emailauth::kSpfMaxQueries)
            break;
        if (asciiDomain(name) != name) {
            TxtAnswer answer;
            answer.outcome = DnsOutcome::NxDomain;
            answer.note = u"(It is not a valid domain name, so it cannot exist.)"_s;
            m_queried.append(name);
            m_answers.insert(name, answer);
            continue;
        }
        ++m_spfQueries;
        query(name, Purpose::Spf);
    }
}

void EmailAuthCheck::finishIfDone()
{
    if (!m_running || !m_pending.isEmpty() || !m_ambiguous.isEmpty())
        return;
    QList<Check> checks = emailauth::evaluateSpf(m_domain, m_answers);
    checks += emailauth::evaluateDmarc(m_domain, m_answers.value(emailauth::dmarcName(m_domain)));
    checks += emailauth::evaluateDkim(m_domain, m_selectors, m_answers);
    m_running = false;
    ++m_generation;
    Q_EMIT finished(checks);
}

} // namespace sb::doctor
