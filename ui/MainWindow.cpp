#include "MainWindow.h"

#include "ActionsController.h"
#include "AttentionAlerts.h"
#include "AttentionPage.h"
#include "AuditPage.h"
#include "ConnectionsPage.h"
#include "FindingsStrip.h"
#include "Formatting.h"
#include "LiveReceiver.h"
#include "PersonActions.h"
#include "PersonPage.h"
#include "PolicyPage.h"
#include "ReadinessPage.h"
#include "ReceiverChip.h"
#include "SearchPanel.h"
#include "SyncStatusBar.h"
#include "WelcomePage.h"
#include "domain/Types.h"
#include "models/SearchModel.h"
#include "models/TimelineModel.h"
#include "store/Database.h"
#include "store/FindingsStore.h"
#include "store/Queries.h"
#include "sync/SyncEngine.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

Result<std::unique_ptr<MainWindow>> MainWindow::create(const QString &dbPath, sync::SyncEngine *engine,
                                                       const WindowServices &services)
{
    auto conn = store::Connection::open(dbPath, u"gui"_s);
    if (!conn)
        return conn.error();
    WindowServices withCache = services;
    if (withCache.config.dbPath.isEmpty())
        withCache.config.dbPath = dbPath; // the readiness checks read the buyers from the same cache
    return std::unique_ptr<MainWindow>(new MainWindow(std::move(conn).value(), engine, withCache));
}

MainWindow::MainWindow(std::unique_ptr<store::Connection> connection, sync::SyncEngine *engine,
                       const WindowServices &services)
    : m_connection(std::move(connection))
    , m_queries(std::make_unique<store::Queries>(m_connection->db()))
    , m_engine(engine)
    , m_services(services)
{
    setWindowTitle(tr("Switchboard"));
    setWindowIcon(QIcon(u":/icons/switchboard.svg"_s));
    m_searchModel = new models::SearchModel(m_queries.get(), this);
    m_search = new SearchPanel(m_searchModel, this);
    m_person = new PersonPage(m_queries.get(), this);
    m_welcome = new QLabel(this);
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setWordWrap(true);
    m_welcome->setTextFormat(Qt::PlainText);
    m_welcome->setText(tr("Find a person to see their payments and history.\n\n"
                          "Ctrl+K  search   ·   Enter  open the first match   ·   F5  sync now"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_person);
    m_home = m_welcome;
    if (m_services.secrets && m_services.profiles) {
        m_connections = new ConnectionsPage(m_services.secrets, m_services.profiles, this);
        m_stack->addWidget(m_connections);
        connect(m_connections, &ConnectionsPage::backRequested, this,
                [this] { m_stack->setCurrentWidget(m_back ? m_back : m_home); });
        connect(m_connections, &ConnectionsPage::useProfileRequested, this, &MainWindow::useProfileRequested);
    }
    m_policy = new PolicyPage(m_connection->db(), this);
    m_stack->addWidget(m_policy);
    connect(m_policy, &PolicyPage::backRequested, this, [this] {
        if (mayLeavePolicy())
            m_stack->setCurrentWidget(m_back && m_back != m_policy ? m_back : m_home);
    });
    connect(m_policy, &PolicyPage::policyChanged, this, &MainWindow::policyChanged);
    m_audit = new AuditPage(m_connection->db(), m_queries.get(), this);
    m_stack->addWidget(m_audit);
    connect(m_audit, &AuditPage::personRequested, this, &MainWindow::openPerson);
    m_person->setAuditDatabase(m_connection->db()); // audit rows on the timeline, and evidence packs
    m_readiness = new ReadinessPage(m_services.config, nullptr, this);
    m_stack->addWidget(m_readiness);
    if (m_services.firstRun) {
        m_welcomePage = new WelcomePage(this);
        m_stack->addWidget(m_welcomePage);
        m_stack->setCurrentWidget(m_welcomePage);
        m_home = m_welcomePage;
        connect(m_welcomePage, &WelcomePage::demoRequested, this, &MainWindow::demoRequested);
        connect(m_welcomePage, &WelcomePage::connectRequested, this, &MainWindow::showConnections);
    }

    auto *split = new QSplitter(this);
    split->addWidget(m_search);
    split->addWidget(m_stack);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({320, 780});
    setCentralWidget(split);

    m_syncBar = new SyncStatusBar(this);
    statusBar()->addWidget(m_syncBar, 1);
    statusBar()->setSizeGripEnabled(true);
    setupAttention();
    setupWrites();
    m_live = new LiveReceiver(m_engine, m_services.config.webhooks, this);
    statusBar()->addPermanentWidget(m_live->chip());
    connect(m_live, &LiveReceiver::cacheChanged, this, &MainWindow::refreshViews);

    connect(m_search, &SearchPanel::personActivated, this, &MainWindow::openPerson);
    connect(m_person, &PersonPage::personRequested, this, &MainWindow::openPerson);
    if (m_engine) {
        connect(m_syncBar, &SyncStatusBar::syncRequested, m_engine, &sync::SyncEngine::syncNow);
        connect(m_syncBar, &SyncStatusBar::cancelRequested, m_engine, &sync::SyncEngine::cancel);
        m_syncBar->setProviders(m_engine->providers());
        connect(m_engine, &sync::SyncEngine::started, this, [this] { m_syncBar->setSyncing(true); });
        connect(m_engine, &sync::SyncEngine::progress, this, [this](const sync::SyncProgress &p) {
            m_syncBar->showProgress(p);
            updateEmptyState();
        });
        connect(m_engine, &sync::SyncEngine::providerFinished, this, &MainWindow::refreshAfterSync);
        connect(m_engine, &sync::SyncEngine::finished, this, [this] {
            m_syncBar->showRunFinished();
            showQuotas();
            Q_EMIT syncFinished();
        });
        // Keep the cache current while the console is open: each provider at its own interval (Stripe 5
        // minutes, Circle and Kit as configured); a sync already running is left alone.
        auto *periodic = new QTimer(this);
        periodic->setInterval(std::chrono::minutes(1));
        connect(periodic, &QTimer::timeout, m_engine, &sync::SyncEngine::syncDue);
        periodic->start();
        showLastSync();
    } else {
        m_syncBar->syncButton()->setEnabled(false);
        if (m_services.keychainProblem.isEmpty())
            m_syncBar->showIdle(tr("No Stripe key: add one in Connections (Ctrl+,), or start with --demo."));
        else
            m_syncBar->showIdle(tr("The keychain could not be read; see Connections (Ctrl+,)."),
                                m_services.keychainProblem);
    }
    setupActions();
    m_search->setCanSync(m_engine != nullptr);
    updateEmptyState();
    resize(1180, 720);
    m_search->focusSearch();
}

MainWindow::~MainWindow()
{
    // Models hold the connection's queries: drop them before the connection.
    delete m_person;
    delete m_policy; // it reads through the connection too
    delete m_attention;
    delete m_audit;
    delete m_searchModel;
    m_findings.reset();
    m_queries.reset();
}

void MainWindow::showConnections()
{
    if (!m_connections || !mayLeavePolicy())
        return;
    if (m_stack->currentWidget() != m_connections)
        m_back = m_stack->currentWidget();
    m_connections->showProfile(m_services.profile);
    m_stack->setCurrentWidget(m_connections);
}

void MainWindow::showPolicy()
{
    if (m_stack->currentWidget() == m_policy)
        return;
    m_back = m_stack->currentWidget();
    if (!m_policy->isDirty())
        m_policy->reload(); // the CLI or another window may have changed it
    m_stack->setCurrentWidget(m_policy);
}

bool MainWindow::mayLeavePolicy()
{
    return m_stack->currentWidget() != m_policy || m_policy->confirmLeave();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!mayLeavePolicy()) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::setupActions()
{
    QMenu *menu = menuBar()->addMenu(tr("&Switchboard"));
    if (m_connections) {
        auto *connectionsAction = menu->addAction(tr("&Connections…"));
        connectionsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
        connect(connectionsAction, &QAction::triggered, this, &MainWindow::showConnections);
    }
    auto *policyAction = menu->addAction(tr("&Policy…"));
    policyAction->setObjectName(u"showPolicy"_s);
    policyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    policyAction->setToolTip(tr("What each price or product grants in Circle and Kit"));
    connect(policyAction, &QAction::triggered, this, &MainWindow::showPolicy);
    auto *attention = menu->addAction(tr("&Attention"));
    attention->setObjectName(u"showAttention"_s);
    attention->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    attention->setToolTip(tr("Open findings, most urgent first"));
    connect(attention, &QAction::triggered, this, &MainWindow::showAttention);
    auto *auditAction = menu->addAction(tr("Audit &log"));
    auditAction->setObjectName(u"showAudit"_s);
    auditAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
    auditAction->setToolTip(tr("Every action taken, who took it and why; export and verify"));
    connect(auditAction, &QAction::triggered, this, &MainWindow::showAudit);
    auto *readinessAction = menu->addAction(tr("Launch &readiness"));
    readinessAction->setObjectName(u"showReadiness"_s);
    readinessAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    readinessAction->setToolTip(
        tr("Check webhooks, email authentication, pages and buyers' journeys before a launch (Ctrl+5)"));
    connect(readinessAction, &QAction::triggered, this, &MainWindow::showReadiness);
    menu->addAction(m_alerts->muteAction());
    menu->addAction(m_actions->toggleAction());
    menu->addAction(m_live->toggleAction());
    auto *demo = menu->addAction(tr("Open the &demo community"));
    connect(demo, &QAction::triggered, this, &MainWindow::demoRequested);
    menu->addSeparator();
    auto *find = new QAction(tr("Find person"), this);
    find->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence::Find});
    connect(find, &QAction::triggered, m_search, &SearchPanel::focusSearch);
    addAction(find);

    auto *syncNow = new QAction(tr("Sync now"), this);
    syncNow->setShortcut(QKeySequence::Refresh);
    connect(syncNow, &QAction::triggered, this, [this] {
        if (m_engine)
            m_engine->syncNow();
    });
    addAction(syncNow);

    auto *cancel = new QAction(tr("Cancel sync"), this);
    cancel->setShortcut(Qt::Key_Escape);
    cancel->setShortcutContext(Qt::WindowShortcut);
    connect(cancel, &QAction::triggered, this, [this] {
        if (m_engine && m_engine->isRunning())
            m_engine->cancel();
    });
    addAction(cancel);

    auto *quit = menu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::openPerson(qint64 personId)
{
    if (!mayLeavePolicy())
        return;
    m_person->showPerson(personId);
    m_stack->setCurrentWidget(m_person);
}

void MainWindow::setupAttention()
{
    m_findings = std::make_unique<store::FindingsStore>(m_connection->db());
    m_person->findingsStrip()->setStore(m_findings.get());
    m_attention = new AttentionPage(m_findings.get(), m_queries.get(), this);
    m_attention->timelineModel()->setAuditSource(m_connection->db()); // as the person page shows it
    m_stack->addWidget(m_attention);
    connect(m_attention, &AttentionPage::personRequested, this, &MainWindow::openPerson);
    // Where there is something to do, the window opens on it; the welcome page stays for an empty start.
    if (!m_services.firstRun && m_attention->openCount() > 0) {
        m_home = m_attention;
        m_stack->setCurrentWidget(m_attention);
    }

    // Notifications: the banner above everything (where there is no system tray).
    m_alerts = new AttentionAlerts(this);
    connect(m_alerts, &AttentionAlerts::openRequested, this, [this] {
        showAttention();
        showNormal();
        raise();
        activateWindow();
    });
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    column->addWidget(m_alerts->banner());
    column->addWidget(takeCentralWidget(), 1);
    setCentralWidget(central);

    // The count, always in sight.
    m_attentionButton = new QToolButton(this);
    m_attentionButton->setObjectName(u"attentionCount"_s);
    m_attentionButton->setAutoRaise(true);
    m_attentionButton->setFocusPolicy(Qt::NoFocus); // Ctrl+1 reaches it from the keyboard
    connect(m_attentionButton, &QToolButton::clicked, this, &MainWindow::showAttention);
    statusBar()->insertWidget(0, m_attentionButton);
    connect(m_attention, &AttentionPage::countsChanged, this, &MainWindow::showAttentionCount);
    showAttentionCount(m_attention->openCount(), m_attention->highCount());

    if (!m_engine)
        return;
    connect(m_engine, &sync::SyncEngine::started, m_attention, [this] { m_attention->setChecking(true); });
    connect(m_engine, &sync::SyncEngine::finished, m_attention, [this] { m_attention->setChecking(false); });
    connect(m_engine, &sync::SyncEngine::findingsChanged, this, &MainWindow::findingsChanged);
    // A new policy changes what everyone is owed: a full pass on the sync thread, findings arrive as usual.
    connect(this, &MainWindow::policyChanged, m_engine, [this] {
        m_attention->setChecking(true);
        m_engine->reconcileNow();
    });
    connect(m_engine, &sync::SyncEngine::reconcileFailed, m_attention, [this](const QString &error) {
        m_attention->setChecking(false);
        m_attention->setCheckError(error);
    });
    connect(m_engine, &sync::SyncEngine::providerFinished, m_alerts, &AttentionAlerts::syncFinished);
}

void MainWindow::setupWrites()
{
    m_actions = new ActionsController(m_engine, this);
    statusBar()->addPermanentWidget(m_actions->summaryLabel());
    statusBar()->addPermanentWidget(m_actions->indicator());
    m_attention->setActions(m_actions);
    m_personActions = new PersonActions(m_person, m_actions, m_connection->db(), m_queries.get());
    // The pages read again by themselves; names and addresses in search may have changed too (links).
    connect(m_actions, &ActionsController::batchFinished, m_searchModel,
            [this] { m_searchModel->refresh(); });
}

void MainWindow::findingsChanged(const store::FindingsDelta &delta)
{
    m_attention->setChecking(false);
    m_attention->setCheckError({});
    m_attention->setLastChecked(Clock::now());
    m_attention->refresh();
    m_person->findingsStrip()->reload();
    m_alerts->findingsChanged(delta);
    // The first findings of a session that opened on the plain start page: the queue becomes home.
    if (delta.open > 0 && m_home == m_welcome) {
        m_home = m_attention;
        if (m_stack->currentWidget() == m_welcome)
            m_stack->setCurrentWidget(m_attention);
    }
}

void MainWindow::showAttention()
{
    if (!mayLeavePolicy())
        return;
    m_stack->setCurrentWidget(m_attention);
    m_attention->focusList();
}

void MainWindow::showAudit()
{
    if (!mayLeavePolicy())
        return;
    m_audit->refresh(); // entries written since it was last shown
    m_stack->setCurrentWidget(m_audit);
    m_audit->focusList();
}

void MainWindow::showReadiness()
{
    if (!mayLeavePolicy())
        return;
    m_stack->setCurrentWidget(m_readiness);
    m_readiness->focusPage();
}

void MainWindow::showAttentionCount(int open, int high)
{
    const QLocale l;
    m_attentionButton->setText(tr("Attention (%1)").arg(l.toString(open)));
    m_attentionButton->setToolTip(
        open ? tr("%1 open findings, %2 of them urgent (Ctrl+1)").arg(l.toString(open), l.toString(high))
             : tr("Nothing needs attention (Ctrl+1)"));
    m_attentionButton->setAccessibleName(m_attentionButton->text());
    m_attentionButton->setStyleSheet(high   ? u"QToolButton { color: #b00020; font-weight: bold; }"_s
                                     : open ? u"QToolButton { color: #6b4a00; font-weight: bold; }"_s
                                            : QString());
}

void MainWindow::updateEmptyState()
{
    // Called on every sync page: once people exist the cache does not empty again during a session (a
    // rebuild refills it at once), so the query runs only while it is empty.
    if (m_cacheKnownFilled)
        return;
    auto empty = m_queries->isEmpty();
    m_cacheKnownFilled = empty && !empty.value();
    m_search->setCacheEmpty(empty && empty.value());
}

void MainWindow::showLastSync()
{
    std::optional<Millis> newest;
    QStringList failures;
    for (const QString &provider : m_engine->providers()) {
        auto summary = m_queries->syncSummary(provider);
        if (!summary)
            continue;
        const auto &s = summary.value();
        const QString name = models::providerLabel(provider);
        if (!s.lastError.isEmpty()) {
            failures.append(name);
            m_syncBar->showProviderIdle(provider, tr("%1: failed").arg(name), s.lastError, true);
        } else if (s.lastOkAt) {
            newest = std::max(newest.value_or(0), *s.lastOkAt);
            m_syncBar->showProviderIdle(provider,
                                        tr("%1: %2").arg(name, relativeTime(*s.lastOkAt, Clock::now())));
        } else {
            m_syncBar->showProviderIdle(provider, tr("%1: not synced yet").arg(name));
        }
    }
    showQuotas();
    if (!failures.isEmpty())
        m_syncBar->showIdle(tr("The last sync failed for %1").arg(failures.join(u", "_s)));
    else if (newest)
        m_syncBar->showIdle(tr("Last synced %1").arg(relativeTime(*newest, Clock::now())));
    else
        m_syncBar->showIdle(tr("Not synced yet"));
}

void MainWindow::showQuotas()
{
    if (!m_engine || !m_engine->providers().contains(provider::Circle))
        return;
    auto summary = m_queries->syncSummary(provider::Circle);
    if (summary)
        m_syncBar->showQuota(provider::Circle, summary.value().requestsThisMonth, m_engine->circleQuota());
}

void MainWindow::refreshAfterSync(const sync::SyncReport &report)
{
    m_syncBar->showFinished(report);
    refreshViews();
}

void MainWindow::refreshViews()
{
    updateEmptyState();
    m_searchModel->refresh();
    m_person->reload();
    if (m_policy->isVisible())
        m_policy->refresh(); // the catalog's names may be new
    if (m_audit->isVisible())
        m_audit->refresh(); // a sync may have recorded actions and outcomes
}

} // namespace sb::ui
