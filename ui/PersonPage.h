// One person: who they are in each system, where they stand with payments, and their unified timeline.
#pragma once

#include "domain/Types.h"
#include "store/Queries.h"

#include <QSqlDatabase>
#include <QWidget>
#include <functional>
#include <optional>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QDateTimeEdit;
class QFrame;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QTimer;
class QTableView;
class QStackedWidget;
class QVBoxLayout;

namespace sb::store {
class Queries;
}
namespace sb::models {
class TimelineModel;
}
namespace sb::reconcile {
struct AsOfState;
}

namespace sb::ui {

class FindingsStrip;

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
    // The person's open findings at the top of the page (give it a store to show them).
    FindingsStrip *findingsStrip() const { return m_findings; }

    // The cache's connection for the audit log: the timeline then shows what Switchboard did about the
    // person (a "Switchboard" system), and "Evidence pack…" saves one file about them for a support ticket.
    void setAuditDatabase(QSqlDatabase db);
    QPushButton *evidenceButton() const { return m_evidence; }
    // The person as read now (none while no one is shown), for actions about them.
    const std::optional<PersonDetails> &currentDetails() const { return m_current; }
    // A control about the person at the end of the name's row (the actions menu).
    void addHeaderWidget(QWidget *widget);
    // Replaces the file dialog (tests): gets the suggested file name, returns the path (empty: cancelled).
    void setEvidenceFileChooser(std::function<QString(const QString &suggested)> chooser)
    {
        m_chooseEvidenceFile = std::move(chooser);
    }
    // Writes the pack for the person shown and records it; false (and says why on the page) on failure.
    bool saveEvidencePack(const QString &path);
    QString evidenceMessage() const;

    // Shows the person as they stood at a past moment, rebuilt from their timeline ("did they have access
    // when they wrote to us?"); nullopt shows them now. Another person starts at now.
    void setAsOf(std::optional<Millis> at);
    std::optional<Millis> asOf() const { return m_asOf; }
    bool isPastShown() const { return m_pastShown; } // the state at the chosen moment is on screen
    QString asOfBannerText() const;
    QDateTimeEdit *asOfEdit() const { return m_asOfEdit; }
    // Rows per read while rebuilding a past state, and how many at most (a person with more is shown from
    // their newest rows, and the page says so).
    void setAsOfLimits(int pageRows, int maxRows);

Q_SIGNALS:
    // A "possibly the same person" was chosen: the window should open that person.
    void personRequested(qint64 personId);
    void pastShown(); // the state at the chosen moment is on screen

private:
    struct Past; // what the header says about a past moment
    QWidget *buildDetails(const PersonDetails &d, const Past *past = nullptr);
    // One line per system: its state, warnings (`notes`, duplicate accounts) and each account's actions;
    // `evidence`: the rows behind a past state, in a small line below it.
    QWidget *systemRow(const QString &provider, const QString &status, SystemStatus::Tone tone, int accounts,
                       const QList<Identity> &identities, const QStringList &notes = {},
                       const QStringList &evidence = {});
    void showHeader(const PersonDetails &d);
    void startReadingRows();
    void readRowsPage(int generation);
    void showPast();
    Past pastOf(const reconcile::AsOfState &state) const;
    void updateAsOfControls();
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
    FindingsStrip *m_findings;
    QWidget *m_details;
    QVBoxLayout *m_layout;
    QLabel *m_error;
    QButtonGroup *m_systemFilter;
    QComboBox *m_kindFilter;
    QStackedWidget *m_timelineStack;
    QLabel *m_timelineEmpty;
    QTableView *m_timeline;
    models::TimelineModel *m_model;
    QSqlDatabase m_auditDb;
    QPushButton *m_evidence;
    QHBoxLayout *m_headerRow = nullptr;
    QLabel *m_evidenceNote;
    std::function<QString(const QString &)> m_chooseEvidenceFile;

    // As of a past moment.
    std::optional<Millis> m_asOf;
    std::optional<PersonDetails> m_current; // the person as read now, for the live header
    QList<TimelineEvent> m_rows;            // the person's rows, read a page per event-loop turn
    store::TimelineCursor m_rowsCursor;
    qint64 m_rowsPerson = 0;
    bool m_rowsDone = false;
    bool m_rowsCapped = false;
    QString m_rowsError;
    int m_rowsGeneration = 0;
    int m_pageRows = 500;
    int m_maxRows = 20000;
    bool m_pastShown = false;
    QDateTimeEdit *m_asOfEdit;
    QPushButton *m_nowButton;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QTimer *m_asOfDebounce;
};

} // namespace sb::ui
