// Launch readiness (Ctrl+5): what the founder knows about the launch (sending domain, DKIM selectors, the
// checkout and login pages, how many recent buyers to follow) goes in once and is kept; Run checks (Ctrl+R,
// F5 on the page) drives the doctor (doctor/Doctor.h) and shows what to fix first. The founder's webhook URL
// is probed only when asked for, for the next run only. Exports the report as Markdown or HTML.
#pragma once

#include "common/Config.h"
#include "doctor/Doctor.h"

#include <QWidget>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QSpinBox;
class QStackedWidget;

namespace sb::ui {

class EmptyState;
class ReadinessResults;

class ReadinessPage : public QWidget {
    Q_OBJECT
public:
    // `config` with its keys loaded (the doctor reads Stripe with them; no secret is ever shown). The form is
    // kept in `settings` (null: the application's settings).
    explicit ReadinessPage(Config config, QSettings *settings = nullptr, QWidget *parent = nullptr);
    ~ReadinessPage() override;

    // Starts the checks with what the form says; false (and the reason shown) when the form is not usable.
    bool run();
    void cancel();
    bool isRunning() const;
    // Shows a finished report as a run does (also for reports made elsewhere: tests, the CLI's JSON).
    void showReport(const doctor::Report &report);
    // What the form asks for; the webhook URL only while "Probe this URL" is ticked. Empty error: usable.
    doctor::DoctorOptions options(QString *error = nullptr) const;

    enum class ExportFormat { Markdown, Html };
    // Replaces the file dialog (tests): returns the path, empty when cancelled.
    using SaveFileChooser = std::function<QString(ExportFormat format, const QString &suggestedName)>;
    void setSaveFileChooser(SaveFileChooser chooser) { m_chooseFile = std::move(chooser); }
    void exportReport(ExportFormat format);
    bool writeReport(const QString &path, ExportFormat format);

    void focusPage();
    ReadinessResults *results() const { return m_results; }
    bool hasReport() const { return m_hasReport; }
    bool isShowingResults() const;
    QString emptyText() const;
    QString message() const; // the line under the run button: exports, form problems
    QString progressText() const;

Q_SIGNALS:
    void runFinished(); // a report (finished or cancelled) is shown

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QWidget *buildForm();
    void loadOptions();
    void saveOptions();
    void setRunning(bool running);
    void showMessage(const QString &text, bool error);
    void updateSummary(const doctor::Report &report);

    doctor::Doctor *m_doctor;
    std::unique_ptr<QSettings> m_ownSettings;
    QSettings *m_settings;
    SaveFileChooser m_chooseFile;
    doctor::Report m_report;
    bool m_hasReport = false;
    bool m_dirty = false; // the form changed since it was loaded or saved

    QLineEdit *m_domain = nullptr;
    QLineEdit *m_dkim = nullptr;
    QLineEdit *m_pages = nullptr;
    QSpinBox *m_payments = nullptr;
    QLineEdit *m_webhookUrl = nullptr;
    QComboBox *m_provider = nullptr;
    QCheckBox *m_probe = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_cancelled = nullptr;
    QPushButton *m_exportMd = nullptr;
    QPushButton *m_exportHtml = nullptr;
    QStackedWidget *m_stack = nullptr;
    EmptyState *m_empty = nullptr;
    EmptyState *m_error = nullptr;
    ReadinessResults *m_results = nullptr;
};

} // namespace sb::ui
