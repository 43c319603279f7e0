// One person: who they are in each system, where they stand with payments, and their unified timeline.
#pragma once

#include "domain/Types.h"

#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QLabel;
class QTableView;
class QStackedWidget;
class QVBoxLayout;

namespace sb::store {
class Queries;
}
namespace sb::models {
class TimelineModel;
}

namespace sb::ui {

class PersonPage : public QWidget {
    Q_OBJECT
public:
    PersonPage(store::Queries *queries, QWidget *parent = nullptr);

    // Another person starts with an unfiltered timeline; the same person again keeps the filter.
    void showPerson(qint64 personId);
    void reload();
    qint64 personId() const { return m_personId; }
    QTableView *timelineView() const { return m_timeline; }
    models::TimelineModel *timelineModel() const { return m_model; }
    QString headerText() const; // what the header says, for tests and screen readers

Q_SIGNALS:
    // A "possibly the same person" was chosen: the window should open that person.
    void personRequested(qint64 personId);

private:
    QWidget *buildDetails(const PersonDetails &d);
    // One line per system: its state, warnings (`notes`, duplicate accounts) and each account's actions.
    QWidget *systemRow(const QString &provider, const QString &status, SystemStatus::Tone tone, int accounts,
                       const QList<Identity> &identities, const QStringList &notes = {});
    QWidget *candidatesRow(const QList<SamePersonCandidate> &candidates);
    void replaceDetails(QWidget *details);
    void updateFilterChoices();
    void applyFilter();
    void updateTimelineState();

    store::Queries *m_queries;
    qint64 m_personId = 0;
    QList<std::pair<QString, QString>> m_kinds; // (provider, kind) pairs of this person's timeline
    QStringList m_headerLines;                  // the status and candidate lines, as shown
    QLabel *m_name;
    QLabel *m_emails;
    QLabel *m_payment;
    QWidget *m_details;
    QVBoxLayout *m_layout;
    QLabel *m_error;
    QButtonGroup *m_systemFilter;
    QComboBox *m_kindFilter;
    QStackedWidget *m_timelineStack;
    QLabel *m_timelineEmpty;
    QTableView *m_timeline;
    models::TimelineModel *m_model;
};

} // namespace sb::ui
