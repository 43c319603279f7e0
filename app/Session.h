// One open console: the profile's keys read from the keychain, the sync engine and the window. Reopened
// when the user switches profile on the Connections page; started on the demo sandbox with --demo.
#pragma once

#include "common/Config.h"
#include "common/Profiles.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTemporaryDir>
#include <memory>

namespace sb::secrets {
class SecretStore;
}
namespace sb::sync {
class SyncEngine;
}
namespace sb::ui {
class MainWindow;
struct WindowServices;
} // namespace sb::ui

namespace sb::app {

class DemoLauncher;
class MeasureRun;

struct SessionOptions {
    QString configFile; // --config
    QString dbPath;     // --db
    QString profile;    // --profile
    QString screenshot; // --screenshot FILE
    QString show;       // --show QUERY
    QString page;       // --page NAME: with --screenshot, the page to show ("readiness" runs its checks)
    QString measure;    // --measure FILE: startup, first sync and GUI stalls as JSON, then quit
    QElapsedTimer sinceStart; // started first thing in main()
};

class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(SessionOptions options, QObject *parent = nullptr);
    ~Session() override;

    // Opens the console on the active (or given) profile; the window appears once its keys are read.
    void open();
    void openDemo();
    ui::MainWindow *window() const { return m_window.get(); }

Q_SIGNALS:
    void failed(const QString &message); // nothing could be opened: the app should exit

private:
    void openProfile(const QString &name);
    void adoptDemoPolicy(const QString &dbPath);
    bool showWindow(const Config &config, bool canSync, const ui::WindowServices &services);
    void close();

    SessionOptions m_options;
    ProfileStore m_profiles;
    std::unique_ptr<secrets::SecretStore> m_secrets;
    std::unique_ptr<QTemporaryDir> m_demoDir;
    std::unique_ptr<DemoLauncher> m_demo;
    std::unique_ptr<sync::SyncEngine> m_engine;
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<MeasureRun> m_measure;
};

} // namespace sb::app
