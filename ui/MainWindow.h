// The console's window: search on the left, the selected person on the right, sync in the status bar.
// Pages own their behaviour; this class only wires them together.
#pragma once

#include "common/Config.h"
#include "common/Result.h"

#include <QMainWindow>
#include <memory>

class QStackedWidget;
class QLabel;
class QToolButton;

namespace sb::store {
class Connection;
class Queries;
class FindingsStore;
struct FindingsDelta;
} // namespace sb::store
namespace sb::sync {
class SyncEngine;
struct SyncReport;
} // namespace sb::sync
namespace sb::models {
class SearchModel;
}
namespace sb::secrets {
class SecretStore;
}
namespace sb {
class ProfileStore;
}

namespace sb::ui {

class SearchPanel;
class PersonPage;
class AttentionPage;
class AttentionAlerts;
class AuditPage;
class SyncStatusBar;
class ConnectionsPage;
class PolicyPage;
class WelcomePage;
class ActionsController;
class PersonActions;
class ReadinessPage;
class LiveReceiver;

// What the window needs besides the cache: where keys and profiles live, and what to say on opening.
struct WindowServices {
    secrets::SecretStore *secrets = nullptr; // null: no Connections page (the demo)
    ProfileStore *profiles = nullptr;
    QString profile;         // the profile whose cache is open
    bool firstRun = false;   // nothing connected yet: show the welcome page
    QString keychainProblem; // shown in the status bar when keys could not be read
    // The profile's settings with its keys loaded, for the readiness checks and the live receiver. Without
    // it (tests) they run on defaults: no key, the window's cache.
    Config config;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // The window reads through its own connection; `engine` (may be null) does the writing on its thread.
    static Result<std::unique_ptr<MainWindow>> create(const QString &dbPath, sync::SyncEngine *engine,
                                                      const WindowServices &services = {});
    ~MainWindow() override;

    SearchPanel *searchPanel() const { return m_search; }
    PersonPage *personPage() const { return m_person; }
    SyncStatusBar *syncBar() const { return m_syncBar; }
    void openPerson(qint64 personId);
    void showConnections();
    ConnectionsPage *connectionsPage() const { return m_connections; }
    void showPolicy();
    PolicyPage *policyPage() const { return m_policy; }
    // The triage queue (Ctrl+1), the landing page when the cache has open findings.
    void showAttention();
    AttentionPage *attentionPage() const { return m_attention; }
    AttentionAlerts *alerts() const { return m_alerts; }
    // The audit log (Ctrl+4).
    void showAudit();
    AuditPage *auditPage() const { return m_audit; }
    // Launch readiness (Ctrl+5).
    void showReadiness();
    ReadinessPage *readinessPage() const { return m_readiness; }
    LiveReceiver *liveReceiver() const { return m_live; }
    QToolButton *attentionButton() const { return m_attentionButton; }
    // Override actions: read-only until unlocked for the session (Ctrl+Shift+U).
    ActionsController *actionsController() const { return m_actions; }
    PersonActions *personActions() const { return m_personActions; }

Q_SIGNALS:
    void syncFinished(); // after the window has refreshed itself from a finished sync
    void useProfileRequested(const QString &name);
    void demoRequested();
    void policyChanged(); // a new version of the policy was saved

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    MainWindow(std::unique_ptr<store::Connection> connection, sync::SyncEngine *engine,
               const WindowServices &services);
    void setupActions();
    void refreshAfterSync(const sync::SyncReport &report);
    // The views that show cached people read again (after a sync or a live delivery changed the cache).
    void refreshViews();
    void updateEmptyState();
    void showLastSync();
    void showQuotas();
    // Leaving the policy page with unsaved changes asks first; false: stay.
    bool mayLeavePolicy();
    // The attention queue, its count in the status bar and the notifications; wired to the engine.
    void setupAttention();
    // The write lock, its indicator and the actions of the attention and person pages.
    void setupWrites();
    void findingsChanged(const store::FindingsDelta &delta);
    void showAttentionCount(int open, int high);

    std::unique_ptr<store::Connection> m_connection;
    std::unique_ptr<store::Queries> m_queries;
    sync::SyncEngine *m_engine;
    models::SearchModel *m_searchModel;
    SearchPanel *m_search;
    QStackedWidget *m_stack;
    QLabel *m_welcome;
    PersonPage *m_person;
    SyncStatusBar *m_syncBar;
    ConnectionsPage *m_connections = nullptr;
    PolicyPage *m_policy = nullptr;
    std::unique_ptr<store::FindingsStore> m_findings;
    AttentionPage *m_attention = nullptr;
    AttentionAlerts *m_alerts = nullptr;
    AuditPage *m_audit = nullptr;
    ReadinessPage *m_readiness = nullptr;
    LiveReceiver *m_live = nullptr;
    ActionsController *m_actions = nullptr;
    PersonActions *m_personActions = nullptr;
    QToolButton *m_attentionButton = nullptr;
    WelcomePage *m_welcomePage = nullptr;
    QWidget *m_home = nullptr; // the start page
    QWidget *m_back = nullptr; // what Back on the Connections and Policy pages returns to
    WindowServices m_services;
    bool m_cacheKnownFilled = false;
};

} // namespace sb::ui
