// The readiness page's results: "Fix first" (fails, then warnings, each with what to do), every check
// grouped by area below it, and the selected check's detail and facts beside them.
#pragma once

#include "doctor/Report.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QListWidgetItem;

namespace sb::ui {

class ReadinessResults : public QWidget {
    Q_OBJECT
public:
    explicit ReadinessResults(QWidget *parent = nullptr);

    void setReport(const doctor::Report &report);
    // Selects the check in the list where it is first shown (Fix first, else All checks); false: not there.
    bool selectCheck(const QString &area, const QString &id);
    void focusList();

    QListWidget *fixList() const { return m_fix; }
    QTreeWidget *allChecks() const { return m_all; }
    // The titles in the order Fix first lists them.
    QStringList fixTitles() const;
    // What the detail pane shows (title, level, fix, detail, facts), one per line; empty: nothing selected.
    QString detailText() const;

private:
    void buildDetail(QWidget *pane);
    void showCheck(int index); // into m_checks; -1: none
    void fixSelected(QListWidgetItem *item);
    void treeSelected(QTreeWidgetItem *item);

    QList<doctor::Check> m_checks; // Report::ordered()
    QLabel *m_fixHeading;
    QListWidget *m_fix;
    QLabel *m_nothingToFix;
    QTreeWidget *m_all;

    QStackedWidget *m_detailStack;
    QLabel *m_dTitle;
    QLabel *m_dLevel;
    QLabel *m_dFixHeading;
    QLabel *m_dFix;
    QLabel *m_dDetailHeading;
    QLabel *m_dDetail;
    QLabel *m_dFactsHeading;
    QPlainTextEdit *m_dFacts;
};

} // namespace sb::ui
