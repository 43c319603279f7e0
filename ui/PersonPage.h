// One person: who they are in each system, where they stand with payments, and their unified timeline.
#pragma once

#include "domain/Types.h"

#include <QWidget>

class QLabel;
class QTableView;
class QStackedWidget;

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

    void showPerson(qint64 personId);
    void reload();
    qint64 personId() const { return m_personId; }
    QTableView *timelineView() const { return m_timeline; }
    models::TimelineModel *timelineModel() const { return m_model; }
    QString headerText() const; // what the header says, for tests and screen readers

private:
    void updateTimelineState();

    store::Queries *m_queries;
    qint64 m_personId = 0;
    QLabel *m_name;
    QLabel *m_emails;
    QLabel *m_payment;
    QLabel *m_identities;
    QLabel *m_error;
    QStackedWidget *m_timelineStack;
    QLabel *m_timelineEmpty;
    QTableView *m_timeline;
    models::TimelineModel *m_model;
};

} // namespace sb::ui
