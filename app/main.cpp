// switchboard: the console (default) or a headless subcommand (sync, search, person, rebuild).
#include "Cli.h"
#include "Session.h"
#include "secrets/Redactor.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

void installTranslations(QApplication &app)
{
    auto *ours = new QTranslator(&app);
    if (ours->load(QLocale(), u"switchboard"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QCoreApplication::setOrganizationName(u"Switchboard"_s);
    QCoreApplication::setApplicationName(u"switchboard"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);
    // Every log line passes the redactor: keys that slip into a message are masked before it is printed.
    sb::secrets::Redactor::installMessageHandler();
    // Keys and signing secrets given in the environment are masked wherever they might show up.
    for (const char *name : {"SWITCHBOARD_STRIPE_KEY", "SWITCHBOARD_CIRCLE_TOKEN", "SWITCHBOARD_KIT_KEY",
                             "SWITCHBOARD_STRIPE_WEBHOOK_SECRET", "SWITCHBOARD_KIT_WEBHOOK_SECRET"})
        sb::secrets::Redactor::addSecret(qEnvironmentVariable(name));

    if (argc > 1 && sb::app::isSubcommand(QString::fromLocal8Bit(argv[1]))) {
        QCoreApplication app(argc, argv);
        return sb::app::runCli(QCoreApplication::arguments());
    }
    if (!hasDisplay()) {
        std::fputs("switchboard: no display found. Run the console under a virtual display, e.g.\n"
                   "  xvfb-run -a switchboard --demo\n"
                   "or use a headless subcommand: sync, search, person, rebuild (switchboard sync --help).\n",
                   stderr);
        return sb::app::ExitUsage;
    }

    QApplication app(argc, argv);
    installTranslations(app);
    QCommandLineParser p;
    p.setApplicationDescription(
        QApplication::translate("main", "Switchboard: Stripe, Circle and Kit in one console"));
    p.addHelpOption();
    p.addVersionOption();
    p.addOption(
        {u"demo"_s, QApplication::translate("main", "Start the sandbox with the demo world and use it")});
    p.addOption({u"db"_s, QApplication::translate("main", "The cache database"), u"PATH"_s});
    p.addOption(
        {u"config"_s, QApplication::translate("main", "INI file with provider base URLs"), u"FILE"_s});
    p.addOption({u"profile"_s, QApplication::translate("main", "Open this profile instead of the active one"),
                 u"NAME"_s});
    p.addOption({u"screenshot"_s,
                 QApplication::translate("main", "Save a screenshot after the first sync and quit"),
                 u"FILE"_s});
    p.addOption({u"show"_s, QApplication::translate("main", "With --screenshot: open this person first"),
                 u"QUERY"_s});
    p.addOption(
        {u"page"_s,
         QApplication::translate("main", "With --screenshot: show this page (readiness) after the sync"),
         u"NAME"_s});
    p.addOption(
        {u"measure"_s,
         QApplication::translate(
             "main", "Write the startup time, the first sync and the window's stalls to FILE as JSON, "
                     "then quit"),
         u"FILE"_s});
    p.process(app);

    sb::app::Session session({p.value(u"config"_s), p.value(u"db"_s), p.value(u"profile"_s),
                              p.value(u"screenshot"_s), p.value(u"show"_s), p.value(u"page"_s),
                              p.value(u"measure"_s), sinceStart});
    // Queued: a failure while opening (before the event loop runs) must still end the app.
    QObject::connect(
        &session, &sb::app::Session::failed, &app,
        [](const QString &message) {
            QTextStream(stderr) << "switchboard: " << message << Qt::endl;
            QApplication::exit(sb::app::ExitIo);
        },
        Qt::QueuedConnection);
    if (p.isSet(u"demo"_s))
        session.openDemo();
    else
        session.open();
    return QApplication::exec();
}
