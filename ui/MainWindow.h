// The console's window: search on the left, the selected person on the right, sync in the status bar.
// Pages own their behaviour; this class only wires them together.
#pragma once

#include "common/Result.h"

#include <QMainWindow>
#include <memory>

class QStackedWidget;
class QLabel;

namespace sb::store {
class Connection;
class Queries;
} // namespace sb::store
namespace sb::sync {
class SyncEngine;
struct SyncReport;
} // namespace sb::sync
namespace sb::models {
class SearchModel;
}

namespace sb::ui {

class SearchPanel;
class PersonPage;
class SyncStatusBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // The window reads through its own connection; `engine` (may be null) does the writing on its thread.
    static Result<std::unique_ptr<MainWindow>> create(const QString &dbPath, sync::SyncEngine *engine);
    ~MainWindow() override;

    SearchPanel *searchPanel() const { return m_search; }
    PersonPage *personPage() const { return m_person; }
    SyncStatusBar *syncBar() const { return m_syncBar; }
    void openPerson(qint64 personId);

Q_SIGNALS:
    void syncFinished(); // after the window has refreshed itself from a finished sync

private:
    MainWindow(std::unique_ptr<store::Connection> connection, sync::SyncEngine *engine);
    void setupActions();
    void refreshAfterSync(const sync::SyncReport &report);
    void updateEmptyState();
    void showLastSync();

    std::unique_ptr<store::Connection> m_connection;
    std::unique_ptr<store::Queries> m_queries;
    sync::SyncEngine *m_engine;
    models::SearchModel *m_searchModel;
    SearchPanel *m_search;
    QStackedWidget *m_stack;
    QLabel *m_welcome;
    PersonPage *m_person;
    SyncStatusBar *m_syncBar;
};

} // namespace sb::ui
