// switchboard: the console (default) or a headless subcommand (sync, search, person).
#include "Cli.h"
#include "DemoLauncher.h"
#include "MainWindow.h"
#include "PersonPage.h"
#include "SearchPanel.h"
#include "common/Config.h"
#include "sync/SyncEngine.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <memory>

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

// Everything the window needs to live: the demo sandbox and its throwaway cache, the sync engine.
struct Session {
    std::unique_ptr<QTemporaryDir> demoDir;
    std::unique_ptr<sb::app::DemoLauncher> demo;
    std::unique_ptr<sb::sync::SyncEngine> engine;
    std::unique_ptr<sb::ui::MainWindow> window;
};

int fail(const QString &message)
{
    QTextStream(stderr) << "switchboard: " << message << Qt::endl;
    return sb::app::ExitIo;
}

// --screenshot FILE [--show QUERY]: after the first sync, open QUERY's person, save the window and quit.
void armScreenshot(sb::ui::MainWindow *w, const QString &file, const QString &show)
{
    QObject::connect(w, &sb::ui::MainWindow::syncFinished, w, [w, file, show] {
        if (!show.isEmpty()) {
            w->searchPanel()->search(show);
            w->searchPanel()->openFirstResult();
        }
        QTimer::singleShot(300, w, [w, file] {
            const bool ok = w->grab().save(file);
            QTextStream(stderr) << (ok ? "screenshot saved to " : "cannot save screenshot to ") << file
                                << Qt::endl;
            QApplication::exit(ok ? 0 : sb::app::ExitIo);
        });
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(u"Switchboard"_s);
    QCoreApplication::setApplicationName(u"switchboard"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);

    if (argc > 1 && sb::app::isSubcommand(QString::fromLocal8Bit(argv[1]))) {
        QCoreApplication app(argc, argv);
        return sb::app::runCli(QCoreApplication::arguments());
    }
    if (!hasDisplay()) {
        std::fputs("switchboard: no display found. Run the console under a virtual display, e.g.\n"
                   "  xvfb-run -a switchboard --demo\n"
                   "or use a headless subcommand (switchboard --help-commands: sync, search, person).\n",
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
    p.addOption({u"screenshot"_s,
                 QApplication::translate("main", "Save a screenshot after the first sync and quit"),
                 u"FILE"_s});
    p.addOption({u"show"_s, QApplication::translate("main", "With --screenshot: open this person first"),
                 u"QUERY"_s});
    p.process(app);

    auto config = sb::Config::load(p.value(u"config"_s));
    if (!config)
        return fail(config.error().message);
    sb::Config cfg = config.value();
    if (p.isSet(u"db"_s))
        cfg.dbPath = p.value(u"db"_s);

    Session session;
    auto openWindow = [&session, &p](const sb::Config &c, bool canSync) -> bool {
        if (canSync)
            session.engine = std::make_unique<sb::sync::SyncEngine>(c);
        auto w = sb::ui::MainWindow::create(c.dbPath, session.engine.get());
        if (!w) {
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "Switchboard"),
                QApplication::translate("main", "The cache cannot be opened:\n%1").arg(w.error().message));
            return false;
        }
        session.window = std::move(w).value();
        if (p.isSet(u"screenshot"_s))
            armScreenshot(session.window.get(), p.value(u"screenshot"_s), p.value(u"show"_s));
        session.window->show();
        if (session.engine)
            session.engine->syncNow();
        return true;
    };

    if (p.isSet(u"demo"_s)) {
        // The demo world's times are shifted to "now" at every start, so it gets a fresh cache every time.
        session.demoDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/switchboard-demo-XXXXXX"_s);
        if (!session.demoDir->isValid())
            return fail(u"cannot create a temporary folder for the demo cache"_s);
        if (!p.isSet(u"db"_s))
            cfg.dbPath = session.demoDir->filePath(u"demo.sqlite"_s);
        session.demo = std::make_unique<sb::app::DemoLauncher>();
        QObject::connect(
            session.demo.get(), &sb::app::DemoLauncher::ready, &app, [&, cfg](const QUrl &url) mutable {
                cfg.stripe.baseUrl = url;
                cfg.stripe.apiKey = u"sk_test_sandbox"_s; // the sandbox's published test key, not a secret
                cfg.stripe.requestsPerSecond = 90;
                if (!openWindow(cfg, true))
                    QApplication::exit(sb::app::ExitIo);
            });
        QObject::connect(session.demo.get(), &sb::app::DemoLauncher::failed, &app, [](const QString &e) {
            QMessageBox::critical(
                nullptr, QApplication::translate("main", "Switchboard"),
                QApplication::translate("main", "The demo sandbox did not start: %1").arg(e));
            QApplication::exit(sb::app::ExitIo);
        });
        session.demo->start();
    } else if (!openWindow(cfg, !cfg.stripe.apiKey.isEmpty())) {
        return sb::app::ExitIo;
    }
    const int code = QApplication::exec();
    session.window.reset();
    session.engine.reset();
    return code;
}
