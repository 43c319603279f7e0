#include "Session.h"

#include "DemoLauncher.h"
#include "MainWindow.h"
#include "MeasureRun.h"
#include "ReadinessPage.h"
#include "SearchPanel.h"
#include "reconcile/Policy.h"
#include "secrets/KeyLoader.h"
#include "secrets/KeychainSecretStore.h"
#include "store/Database.h"
#include "sync/SyncEngine.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QMessageBox>
#include <QProcess>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace sb::app {

namespace {
// The window waits for these reads: the keys of every provider the sync pulls.
const QStringList kProviders = {u"stripe"_s, u"circle"_s, u"kit"_s, secrets::kStripeWebhook,
                                secrets::kKitWebhook};
} // namespace

Session::Session(SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_secrets(std::make_unique<secrets::KeychainSecretStore>())
{}

Session::~Session()
{
    close();
}

void Session::close()
{
    m_window.reset(); // the window reads through its own connection; it goes before the engine
    m_engine.reset();
}

void Session::open()
{
    const QString name = m_options.profile.isEmpty() ? m_profiles.activeName() : m_options.profile;
    openProfile(name);
}

void Session::openProfile(const QString &name)
{
    auto loaded = Config::load(m_options.configFile);
    if (!loaded) {
        Q_EMIT failed(loaded.error().message);
        return;
    }
    Config config = loaded.value();
    const auto profile = name.isEmpty() ? std::nullopt : m_profiles.profile(name);
    if (!name.isEmpty() && !profile && !m_options.profile.isEmpty() && name == m_options.profile) {
        Q_EMIT failed(u"there is no profile named %1"_s.arg(name));
        return;
    }
    if (profile) {
        // --config overrides the profile's URLs; the cache stays the profile's unless a path is given.
        if (m_options.configFile.isEmpty())
            config = profile->applyTo(config);
        if (!config.dbPathFromFile)
            config.dbPath = ProfileStore::databasePath(profile->name);
    }
    if (!m_options.dbPath.isEmpty())
        config.dbPath = m_options.dbPath;
    const QString profileName = profile ? profile->name : u"default"_s;
    secrets::loadKeys(m_secrets.get(), profileName, config, kProviders,
                      [this, profile, profileName](secrets::LoadedKeys keys) {
                          ui::WindowServices services;
                          services.secrets = m_secrets.get();
                          services.profiles = &m_profiles;
                          services.profile = profileName;
                          services.keychainProblem = keys.keychainProblem;
                          // First run: no profile and no key from anywhere. The welcome page offers the demo
                          // or Connections.
                          const bool anyKey = !sync::SyncWorker::connectedProviders(keys.config).isEmpty();
                          services.firstRun = !profile && !anyKey;
                          if (!showWindow(keys.config, anyKey, services))
                              Q_EMIT failed(u"the cache cannot be opened"_s);
                      });
}

void Session::openDemo()
{
    // The demo world's times are shifted to "now" at every start, so it gets a fresh cache every time.
    m_demoDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/switchboard-demo-XXXXXX"_s);
    if (!m_demoDir->isValid()) {
        Q_EMIT failed(u"cannot create a temporary folder for the demo cache"_s);
        return;
    }
    m_demo = std::make_unique<DemoLauncher>();
    connect(m_demo.get(), &DemoLauncher::ready, this, [this](const QUrl &url) {
        auto loaded = Config::load(m_options.configFile);
        Config config = loaded ? loaded.value() : Config{};
        config.dbPath = m_options.dbPath.isEmpty() ? m_demoDir->filePath(u"demo.sqlite"_s) : m_options.dbPath;
        config.stripe.baseUrl = url;
        config.stripe.apiKey = u"sk_test_sandbox"_s; // the sandbox's published test key, not a secret
        config.stripe.requestsPerSecond = 90;
        // The sandbox's published Circle and Kit tokens; its Circle and Kit limits are the real ones.
        config.circle.baseUrl = url;
        config.circle.token = u"circle_sandbox"_s;
        config.kit.baseUrl = url;
        config.kit.apiKey = u"kit_sandbox"_s;
        adoptDemoPolicy(config.dbPath);
        if (!showWindow(config, true, ui::WindowServices{}))
            Q_EMIT failed(u"the demo cache cannot be opened"_s);
    });
    connect(m_demo.get(), &DemoLauncher::failed, this, [this](const QString &e) {
        QMessageBox::critical(nullptr, tr("Switchboard"), tr("The demo sandbox did not start: %1").arg(e));
        Q_EMIT failed(e);
    });
    m_demo->start();
}

void Session::adoptDemoPolicy(const QString &dbPath)
{
    // The demo world ships its own policy; a cache that has none takes it (a human's later edits stay).
    auto conn = store::Connection::open(dbPath, u"demo-policy"_s);
    if (!conn)
        return;
    auto current = reconcile::loadPolicy(conn.value()->db());
    QFile file(u":/demo/demo-world.json"_s);
    if (!current || current->has_value() || !file.open(QIODevice::ReadOnly))
        return;
    auto policy = reconcile::Policy::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    if (policy)
        (void)reconcile::savePolicy(conn.value()->db(), policy.value(), u"switchboard"_s,
                                    u"the demo world's policy"_s, false);
}

bool Session::showWindow(const Config &config, bool canSync, const ui::WindowServices &services)
{
    close();
    if (canSync)
        m_engine = std::make_unique<sync::SyncEngine>(config);
    ui::WindowServices withConfig = services;
    withConfig.config = config; // the readiness checks and the live receiver use the profile's keys
    auto w = ui::MainWindow::create(config.dbPath, m_engine.get(), withConfig);
    if (!w) {
        QMessageBox::critical(nullptr, tr("Switchboard"),
                              tr("The cache cannot be opened:\n%1").arg(w.error().message));
        return false;
    }
    m_window = std::move(w).value();
    connect(m_window.get(), &ui::MainWindow::useProfileRequested, this, [this](const QString &name) {
        // Reopen on the chosen profile's cache and keys once the click that asked for it has unwound.
        QTimer::singleShot(0, this, [this, name] { openProfile(name); });
    });
    connect(m_window.get(), &ui::MainWindow::demoRequested, this,
            [] { QProcess::startDetached(QCoreApplication::applicationFilePath(), {u"--demo"_s}); });
    if (!m_options.screenshot.isEmpty()) {
        ui::MainWindow *win = m_window.get();
        const QString file = m_options.screenshot, show = m_options.show, page = m_options.page;
        auto shoot = [win, file] {
            QTimer::singleShot(300, win, [win, file] {
                const bool ok = win->grab().save(file);
                QTextStream(stderr) << (ok ? "screenshot saved to " : "cannot save screenshot to ") << file
                                    << Qt::endl;
                QApplication::exit(ok ? 0 : 3);
            });
        };
        if (m_engine) {
            connect(win, &ui::MainWindow::syncFinished, win, [win, show, page, shoot] {
                if (!show.isEmpty()) {
                    win->searchPanel()->search(show);
                    win->searchPanel()->openFirstResult();
                }
                if (page == "readiness"_L1) {
                    // The page as it is after a run of its checks on what the form holds.
                    win->showReadiness();
                    connect(win->readinessPage(), &ui::ReadinessPage::runFinished, win, shoot,
                            Qt::SingleShotConnection);
                    if (win->readinessPage()->run())
                        return;
                }
                shoot();
            });
        } else {
            shoot(); // nothing to sync: the window as it opens (welcome, or the cache as it is)
        }
    }
    m_window->show();
    if (!m_options.measure.isEmpty()) {
        m_measure = std::make_unique<MeasureRun>(m_options.measure, m_options.sinceStart);
        m_measure->windowShown(m_window.get(), m_engine.get());
    }
    if (m_engine)
        m_engine->syncNow();
    return true;
}

} // namespace sb::app
