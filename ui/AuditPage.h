// The audit log (Ctrl+4): every entry, newest first, filtered by actor, action, person and dates; the
// selected entry in full beside the list (request, hashes, its intent or outcome, the person it is about);
// Export… to CSV or JSON Lines and Verify… of the hash chain, both on a worker thread with its own
// connection.
#pragma once

#include "audit/AuditExport.h"

#include <QDate>
#include <QPointer>
#include <QSqlDatabase>
#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QDateEdit;
class QFormLayout;
class QFrame;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QThread;
class QTimer;

namespace sb::store {
class Queries;
}
namespace sb::models {
class AuditModel;
}

namespace sb::ui {

class AuditPage : public QWidget {
    Q_OBJECT
public:
    // `db` is the window's connection: the list reads a bounded page at a time through it. Exports and
    // verification open their own connection to the same file on a worker thread.
    AuditPage(QSqlDatabase db, store::Queries *queries, QWidget *parent = nullptr);
    ~AuditPage() override;

    // Reads the filter choices and the list again (new entries and outcomes appear); keeps the selection.
    void refresh();
    void focusList();
    bool selectEntry(qint64 seq);
    qint64 currentSeq() const;

    // The filters, as the controls set them. Empty: any.
    void setActorFilter(const QString &actor);
    void setActionFilter(const QString &actionOrPrefix); // "kit.add_tag", or a prefix such as "kit."
    void setPersonFilter(const QString &text);           // an email, a name, an account id or a person id
    void setDateRange(std::optional<QDate> from, std::optional<QDate> to); // local days, both included
    void clearFilters();
    QString personNote() const; // who the person filter resolved to

    // Export and verification. A second job while one runs is refused (false).
    using SaveFileChooser = std::function<QString(const QString &suggestedName, audit::ExportFormat *format)>;
    // Replaces the file dialog (tests): returns the path (empty: cancelled) and may set the format.
    void setSaveFileChooser(SaveFileChooser chooser) { m_chooseFile = std::move(chooser); }
    void exportWithDialog();
    bool startExport(const QString &path, audit::ExportFormat format);
    bool startVerify(const QString &expectedHead = {});
    void cancelJob();
    bool isBusy() const { return m_thread != nullptr; }
    // What the last export or verification said, and whether it went well.
    QString jobMessage() const;
    bool jobSucceeded() const { return m_jobOk; }
    QString lastExportHead() const { return m_lastHead; }

    models::AuditModel *model() const { return m_model; }
    QTableView *view() const { return m_table; }
    QString detailText() const;
    QString emptyText() const;
    QString footerText() const;
    bool isShowingList() const;

Q_SIGNALS:
    void personRequested(qint64 personId);
    void jobFinished(bool ok);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct JobResult {
        bool ok = false;
        bool cancelled = false;
        QString message;
        qint64 badSeq = 0;
        QString headHash;
    };
    using Work = std::function<JobResult(QSqlDatabase db, const std::atomic_bool &cancel,
                                         const std::function<void(qint64 done, qint64 total)> &progress)>;
    bool runJob(const QString &label, Work work);
    void jobProgress(qint64 done, qint64 total);
    void jobDone(const JobResult &result);
    void showJobMessage(const QString &text, bool ok, qint64 badSeq = 0, const QString &head = {});

    void buildDetails(QWidget *pane);
    void fillFilterChoices();
    void applyFilter();
    void resolvePerson();
    void afterReload(qint64 keepSeq);
    void updateState();
    void updateFooter();
    void showDetails();
    audit::Filter currentFilter() const;
    bool isFiltered() const;
    static QString actor();

    QSqlDatabase m_db;
    store::Queries *m_queries;
    models::AuditModel *m_model;
    SaveFileChooser m_chooseFile;
    QStringList m_personSubjects; // what the person filter resolved to
    QString m_personNote;

    QLabel *m_title;
    QComboBox *m_actor;
    QComboBox *m_action;
    QLineEdit *m_person;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QPushButton *m_clear;
    QLabel *m_personLabel;
    QTimer *m_personDebounce;
    QPushButton *m_exportButton;
    QPushButton *m_verifyButton;

    // Verify options, the job in progress and its result.
    QFrame *m_verifyBar;
    QLineEdit *m_expectedHead;
    QFrame *m_jobBar;
    QLabel *m_jobLabel;
    QProgressBar *m_progress;
    QPushButton *m_cancelJob;
    QFrame *m_resultBar;
    QLabel *m_resultText;
    QPushButton *m_showBad;
    QPushButton *m_copyHead;
    qint64 m_badSeq = 0;
    QString m_lastHead;
    bool m_jobOk = false;

    QStackedWidget *m_stack;
    QWidget *m_listPage;
    QTableView *m_table;
    QLabel *m_footer;
    QWidget *m_emptyPage;
    QLabel *m_emptyTitle;
    QLabel *m_emptyDetail;
    QPushButton *m_emptyClear;
    QWidget *m_errorPage;
    QLabel *m_errorText;

    // The details pane.
    QStackedWidget *m_detailStack;
    QLabel *m_noSelection;
    QLabel *m_dBadge;
    QLabel *m_dTarget;
    QFormLayout *m_dForm;
    QLabel *m_dWhen;
    QLabel *m_dActor;
    QLabel *m_dAction;
    QLabel *m_dReason;
    QLabel *m_dOutcome;
    QLabel *m_dLinked;
    QPushButton *m_showLinked;
    QLabel *m_dSubjects;
    QLabel *m_dPerson;
    QPushButton *m_openPerson;
    QPlainTextEdit *m_dRequest;
    QLineEdit *m_dPrev;
    QLineEdit *m_dHash;
    qint64 m_linkedSeq = 0;
    qint64 m_detailPerson = 0;

    // The worker.
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace sb::ui
