#include "doctor/Doctor.h"

#include "doctor/EmailAuthCheck.h"
#include "doctor/JourneyCheck.h"
#include "doctor/PageProbe.h"
#include "doctor/StripeWebhookCheck.h"
#include "doctor/WebhookProbe.h"
#include "store/Database.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSettings>
#include <QThread>

using namespace Qt::StringLiterals;

namespace sb::doctor {

DoctorOptions DoctorOptions::load(const QSettings &settings)
{
    DoctorOptions o;
    o.sendingDomain = settings.value(u"doctor/domain"_s).toString().trimmed();
    o.dkimSelectors = settings.value(u"doctor/dkim_selectors"_s).toString().split(u',', Qt::SkipEmptyParts);
    for (QString &s : o.dkimSelectors)
        s = s.trimmed();
    for (const QString &p : settings.value(u"doctor/pages"_s).toString().split(u' ', Qt::SkipEmptyParts))
        o.pages.append(QUrl(p));
    o.journeyPayments = std::clamp(settings.value(u"doctor/payments"_s, 20).toInt(), 1, 1000);
    return o;
}

void DoctorOptions::save(QSettings &settings) const
{
    settings.setValue(u"doctor/domain"_s, sendingDomain);
    settings.setValue(u"doctor/dkim_selectors"_s, dkimSelectors.join(u','));
    QStringList urls;
    for (const QUrl &u : pages)
        urls.append(u.toString(QUrl::FullyEncoded));
    settings.setValue(u"doctor/pages"_s, urls.join(u' '));
    settings.setValue(u"doctor/payments"_s, journeyPayments);
}

Doctor::Doctor(Config config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_nam(std::make_unique<QNetworkAccessManager>())
{
    qRegisterMetaType<Report>();
    qRegisterMetaType<QList<Check>>();
}

Doctor::~Doctor()
{
    ++m_run;
    qDeleteAll(m_parts);
    m_parts.clear();
    if (m_journeyThread) {
        m_journeyThread->wait(); // reads the cache only; a bounded query
        delete m_journeyThread;
    }
}

QList<Check> Doctor::receiverChecks() const
{
    QList<Check> out;
    const bool stripe = !webhookSecrets(m_config.webhooks.stripeSecret).isEmpty();
    const bool kit = !webhookSecrets(m_config.webhooks.kitSecret).isEmpty();
    out.append(
        stripe ? Check{u"receiver"_s,
                       u"stripe_secret"_s,
                       Level::Ok,
                       tr("Switchboard can verify live Stripe events"),
                       tr("A Stripe webhook signing secret is set."),
                       {},
                       80,
                       {}}
               : Check{u"receiver"_s,
                       u"stripe_secret"_s,
                       Level::Skipped,
                       tr("Live Stripe events are not set up in Switchboard"),
                       tr("Without a signing secret, events forwarded to Switchboard are refused."),
                       tr("Optional: add the endpoint's signing secret (whsec_…) on the Connections page to "
                          "see payments as they happen, for example with `stripe listen --forward-to`."),
                       80,
                       {}});
    if (kit)
        out.append({u"receiver"_s,
                    u"kit_secret"_s,
                    Level::Ok,
                    tr("Switchboard can verify live Kit events"),
                    {},
                    {},
                    80,
                    {}});
    return out;
}

void Doctor::start(const DoctorOptions &options)
{
    if (isRunning())
        cancel();
    const quint64 run = ++m_run;
    m_cancels.clear();
    qDeleteAll(m_parts);
    m_parts.clear();
    m_report = Report{};
    m_report.startedAt = Clock::now();
    m_report.checks = receiverChecks();
    m_pendingAreas.clear();
    m_pending = 0;

    auto begin = [this](const QString &area) {
        m_pendingAreas.append(area);
        ++m_pending;
    };
    auto skipped = [this](const QString &area, const QString &title, const QString &fix) {
        m_report.checks.append({area, u"not_configured"_s, Level::Skipped, title, {}, fix, 90, {}});
    };
    // Every part answers through partDone, tagged with the run, so a cancelled run's late answers are
    // dropped.
    auto answer = [this, run](const QString &area) {
        return [this, run, area](const QList<Check> &checks) {
            if (run == m_run)
                partDone(area, checks);
        };
    };

    if (options.checkStripe && !m_config.stripe.apiKey.isEmpty()) {
        auto *check = new StripeWebhookCheck(m_nam.get(), m_config.stripe, this);
        m_parts.append(check);
        m_cancels.append([check] { check->cancel(); });
        begin(u"stripe_webhooks"_s);
        connect(check, &StripeWebhookCheck::finished, this, answer(u"stripe_webhooks"_s));
        // What the catalog sells decides which event types are needed.
        if (auto connection = store::Connection::open(m_config.dbPath, u"doctor"_s))
            check->setRequiredEvents(requiredStripeEvents(connection.value()->db()));
        check->start();
    } else {
        skipped(u"stripe_webhooks"_s, tr("Stripe's webhook endpoints were not checked"),
                tr("Connect Stripe on the Connections page."));
    }

    if (!options.sendingDomain.isEmpty()) {
        auto *check = new EmailAuthCheck(this);
        m_parts.append(check);
        m_cancels.append([check] { check->cancel(); });
        if (!options.nameserver.isNull())
            check->setNameserver(options.nameserver);
        begin(u"email_auth"_s);
        connect(check, &EmailAuthCheck::finished, this, answer(u"email_auth"_s));
        check->start(options.sendingDomain, options.dkimSelectors);
    } else {
        skipped(u"email_auth"_s, tr("Email authentication was not checked"),
                tr("Enter the domain Kit sends your email from (and its DKIM selectors)."));
    }

    if (options.webhookUrl.isValid() && !options.webhookUrl.isEmpty()) {
        const bool kit = options.webhookProvider == "kit"_L1;
        const QList<QByteArray> secrets =
            webhookSecrets(kit ? m_config.webhooks.kitSecret : m_config.webhooks.stripeSecret);
        if (secrets.isEmpty()) {
            m_report.checks.append(
                {u"webhook_probe"_s,
                 u"no_secret"_s,
                 Level::Skipped,
                 tr("Your webhook URL was not probed"),
                 tr("A correctly signed test event needs the endpoint's signing secret."),
                 tr("Add the %1 webhook signing secret on the Connections page, then probe again.")
                     .arg(kit ? u"Kit"_s : u"Stripe"_s),
                 40,
                 {}});
        } else {
            auto *probe = new WebhookProbe(this);
            m_parts.append(probe);
            m_cancels.append([probe] { probe->cancel(); });
            probe->setTimeoutMs(options.probeTimeoutMs);
            begin(u"webhook_probe"_s);
            connect(probe, &WebhookProbe::finished, this, answer(u"webhook_probe"_s));
            probe->start(options.webhookUrl, secrets.first(),
                         kit ? u"X-Kit-Signature"_s : u"Stripe-Signature"_s);
        }
    } else {
        skipped(u"webhook_probe"_s, tr("Your webhook URL was not probed"),
                tr("Enter your endpoint's URL and press Probe: Switchboard sends it one signed, one tampered "
                   "and one "
                   "unsigned test event."));
    }

    if (!options.pages.isEmpty()) {
        auto *probe = new PageProbe(this);
        m_parts.append(probe);
        m_cancels.append([probe] { probe->cancel(); });
        probe->setTimeoutMs(options.probeTimeoutMs);
        begin(u"page_probe"_s);
        connect(probe, &PageProbe::finished, this, answer(u"page_probe"_s));
        probe->start(options.pages);
    } else {
        skipped(u"page_probe"_s, tr("Checkout and login pages were not checked"),
                tr("Enter the address of your checkout page and of your community's login page."));
    }

    // The journeys read the cache: on a thread of their own, with their own connection.
    begin(u"journeys"_s);
    const Config config = m_config;
    const int payments = options.journeyPayments;
    QPointer<Doctor> self(this);
    if (m_journeyThread) {
        m_journeyThread->wait();
        delete m_journeyThread;
    }
    m_journeyThread = QThread::create([self, config, payments, run] {
        QList<Check> checks;
        {
            auto connection = store::Connection::open(config.dbPath, u"doctor-journeys"_s);
            if (!connection)
                checks.append({u"journeys"_s,
                               u"read"_s,
                               Level::Skipped,
                               tr("Journeys not checked"),
                               connection.error().message,
                               {},
                               80,
                               {}});
            else
                checks = journeyChecks(connection.value()->db(), config, payments, Clock::now());
        }
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self, checks, run] {
                    if (self && run == self->m_run)
                        self->partDone(u"journeys"_s, checks);
                },
                Qt::QueuedConnection);
    });
    m_total = m_pending;
    m_journeyThread->start();
    Q_EMIT progress(0, m_total, {});
}

void Doctor::partDone(const QString &area, const QList<Check> &checks)
{
    if (!m_pendingAreas.removeOne(area))
        return;
    m_report.checks += checks;
    --m_pending;
    Q_EMIT progress(m_total - m_pending, m_total, area);
    if (m_pending == 0) {
        m_report.finishedAt = Clock::now();
        Q_EMIT finished(m_report);
    }
}

void Doctor::cancel()
{
    if (!isRunning())
        return;
    ++m_run; // late answers of this run are dropped
    // Stopped, not just ignored: a probe must send nothing more to the founder's URL after Cancel.
    for (QObject *part : std::as_const(m_parts))
        part->disconnect(this);
    for (const auto &cancelPart : std::exchange(m_cancels, {}))
        cancelPart();
    for (const QString &area : std::as_const(m_pendingAreas))
        m_report.checks.append(
            {area, u"cancelled"_s, Level::Skipped, tr("Not checked (cancelled)"), {}, {}, 95, {}});
    m_pendingAreas.clear();
    m_pending = 0;
    m_report.cancelled = true;
    m_report.finishedAt = Clock::now();
    Q_EMIT finished(m_report);
}

} // namespace sb::doctor
