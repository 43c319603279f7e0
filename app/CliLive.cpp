// `switchboard listen [--port P] [--json]`: receives webhooks on 127.0.0.1 until SIGINT or SIGTERM. The first
// line on stdout is the base URL (like the sandbox's), then one line per delivery taken or refused.
// `switchboard doctor [--json] [--domain D] [--dkim-selector S]… [--page URL]… [--probe-webhook URL
// [--probe-provider stripe|kit]] [--payments N] [-o FILE --format md|html|json]`: the launch-readiness
// checks; exit 1 when something must be fixed. Options not given come from the --config file's [doctor].
#include "CliLive.h"
#include "CliCommon.h"

#include "doctor/Doctor.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSettings>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sb::app {

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1); // async-signal-safe
}

// SIGINT and SIGTERM end the event loop through a socket pair (the only safe way out of a signal handler).
void quitOnSignals(QObject *owner)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, owner);
    QObject::connect(notifier, &QSocketNotifier::activated, owner, [] { QCoreApplication::quit(); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

} // namespace

void addLiveOptions(QCommandLineParser &p)
{
    p.addOption({u"port"_s, u"listen: the loopback port (default: [webhooks] port, 8788)"_s, u"PORT"_s});
    p.addOption({u"domain"_s, u"doctor: the domain Kit sends your email from"_s, u"DOMAIN"_s});
    p.addOption(
        {u"dkim-selector"_s, u"doctor: a DKIM selector of that domain (repeatable)"_s, u"SELECTOR"_s});
    p.addOption({u"page"_s, u"doctor: a checkout or login page to probe (repeatable)"_s, u"URL"_s});
    p.addOption({u"probe-webhook"_s, u"doctor: probe this webhook URL with signed test events"_s, u"URL"_s});
    p.addOption({u"probe-provider"_s, u"doctor: whose secret signs the probe: stripe (default) or kit"_s,
                 u"PROVIDER"_s});
    p.addOption(
        {u"payments"_s, u"doctor: how many recent buyers' journeys to follow (default 20)"_s, u"N"_s});
}

int runListen(QCommandLineParser &p, Common &c)
{
    const QString problem = loadOptionalKeys(c);
    if (c.config.webhooks.stripeSecret.isEmpty() && c.config.webhooks.kitSecret.isEmpty())
        return fail(ExitUsage,
                    u"no webhook signing secret: set SWITCHBOARD_STRIPE_WEBHOOK_SECRET (the whsec_… of "
                    "`stripe listen` or of the endpoint) or SWITCHBOARD_KIT_WEBHOOK_SECRET%1"_s.arg(
                        problem.isEmpty() ? QString() : u" (keychain: %1)"_s.arg(problem)));
    bool ok = true;
    const int port = p.isSet(u"port"_s) ? p.value(u"port"_s).toInt(&ok) : c.config.webhooks.port;
    if (!ok || port < 0 || port > 65535)
        return fail(ExitUsage, u"--port must be a number from 0 to 65535"_s);
    c.connection.reset(); // the sync thread opens its own
    const bool json = p.isSet(u"json"_s);
    sync::SyncEngine engine(c.config);
    int exitCode = ExitOk;
    QObject::connect(&engine, &sync::SyncEngine::receiverChanged, [&](const QUrl &url, const QString &error) {
        if (!error.isEmpty()) {
            exitCode = fail(ExitIo, error);
            QCoreApplication::quit();
            return;
        }
        if (url.isValid()) {
            out() << url.toString() << Qt::endl; // first line: the base URL
            std::fputs(
                "switchboard: receiving POST /webhooks/stripe and /webhooks/kit on loopback; Ctrl+C stops\n",
                stderr);
        }
    });
    QObject::connect(&engine, &sync::SyncEngine::webhookReceived, [json](const sync::WebhookReport &r) {
        const qint64 latency = (r.reconciledAt ? r.reconciledAt : r.storedAt) - r.receivedAt;
        if (json) {
            printJson(QJsonObject{{u"provider"_s, r.provider},
                                  {u"events"_s, QJsonArray::fromStringList(r.eventIds)},
                                  {u"types"_s, QJsonArray::fromStringList(r.types)},
                                  {u"applied"_s, r.applied},
                                  {u"duplicates"_s, r.duplicates},
                                  {u"unusable"_s, r.unusable},
                                  {u"latency_ms"_s, latency}});
        } else {
            out() << r.provider << " " << r.types.join(u',') << " " << r.eventIds.join(u',') << ": "
                  << r.applied << " applied, " << r.duplicates << " duplicate(s) in " << latency << " ms"
                  << Qt::endl;
        }
    });
    QObject::connect(&engine, &sync::SyncEngine::webhookRefused, [json](const webhooks::Refusal &r) {
        if (json)
            printJson(QJsonObject{{u"refused"_s, r.status},
                                  {u"provider"_s, r.provider},
                                  {u"code"_s, r.code},
                                  {u"reason"_s, r.reason}});
        else
            out() << "refused " << r.status << " " << r.code << ": " << r.reason << Qt::endl;
    });
    quitOnSignals(&engine);
    engine.startReceiver(quint16(port));
    QCoreApplication::exec();
    return exitCode;
}

int runDoctor(QCommandLineParser &p, Common &c)
{
    // Whatever the keychain cannot give is reported by the check that needed it ("not checked: connect…").
    loadOptionalKeys(c);
    doctor::DoctorOptions options;
    if (p.isSet(u"config"_s))
        options = doctor::DoctorOptions::load(QSettings(p.value(u"config"_s), QSettings::IniFormat));
    if (p.isSet(u"domain"_s))
        options.sendingDomain = p.value(u"domain"_s).trimmed();
    if (p.isSet(u"dkim-selector"_s))
        options.dkimSelectors = p.values(u"dkim-selector"_s);
    if (p.isSet(u"page"_s)) {
        options.pages.clear();
        for (const QString &url : p.values(u"page"_s))
            options.pages.append(QUrl(url));
    }
    if (p.isSet(u"probe-webhook"_s)) {
        options.webhookUrl = QUrl(p.value(u"probe-webhook"_s));
        if (!options.webhookUrl.isValid() || options.webhookUrl.scheme().isEmpty())
            return fail(ExitUsage, u"--probe-webhook needs a whole URL (https://…)"_s);
        options.webhookProvider =
            p.value(u"probe-provider"_s).isEmpty() ? u"stripe"_s : p.value(u"probe-provider"_s);
        if (options.webhookProvider != "stripe"_L1 && options.webhookProvider != "kit"_L1)
            return fail(ExitUsage, u"--probe-provider must be stripe or kit"_s);
    }
    if (p.isSet(u"payments"_s)) {
        bool ok = false;
        options.journeyPayments = p.value(u"payments"_s).toInt(&ok);
        if (!ok || options.journeyPayments < 1 || options.journeyPayments > 1000)
            return fail(ExitUsage, u"--payments must be a number from 1 to 1000"_s);
    }
    if (const QString dns = qEnvironmentVariable("SWITCHBOARD_DOCTOR_NAMESERVER"); !dns.isEmpty())
        options.nameserver = QHostAddress(dns); // tests: a local DNS server
    const QString format = p.value(u"format"_s);
    if (!format.isEmpty() && format != "md"_L1 && format != "html"_L1 && format != "json"_L1)
        return fail(ExitUsage, u"--format must be md, html or json for doctor"_s);

    doctor::Doctor doc(c.config);
    doctor::Report report;
    QObject::connect(&doc, &doctor::Doctor::finished, [&report](const doctor::Report &r) {
        report = r;
        QCoreApplication::exit(0);
    });
    QObject::connect(&doc, &doctor::Doctor::progress, [](int done, int total, const QString &area) {
        if (!area.isEmpty())
            std::fprintf(stderr, "switchboard: %d of %d checks done (%s)\n", done, total, qPrintable(area));
    });
    quitOnSignals(&doc);
    doc.start(options);
    QCoreApplication::exec();
    if (doc.isRunning())
        doc.cancel(); // interrupted: what is known is still reported

    QByteArray rendered;
    if (p.isSet(u"json"_s) || format == "json"_L1)
        rendered = QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
    else if (format == "html"_L1)
        rendered = report.toHtml();
    else
        rendered = report.toMarkdown();
    if (p.isSet(u"output"_s)) {
        QSaveFile file(p.value(u"output"_s));
        if (!file.open(QIODevice::WriteOnly) || file.write(rendered) != rendered.size() || !file.commit())
            return fail(ExitIo, u"cannot write %1: %2"_s.arg(p.value(u"output"_s), file.errorString()));
        std::fprintf(stderr, "switchboard: %s written (%s)\n", qPrintable(p.value(u"output"_s)),
                     qPrintable(report.summary()));
    } else {
        out() << QString::fromUtf8(rendered);
        out().flush();
    }
    if (report.cancelled)
        return fail(ExitFindings, u"interrupted: the checks did not finish"_s);
    return report.count(doctor::Level::Fail) > 0 ? ExitFindings : ExitOk;
}

} // namespace sb::app
