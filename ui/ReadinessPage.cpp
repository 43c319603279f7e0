#include "ReadinessPage.h"

#include "EmptyState.h"
#include "ReadinessResults.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

namespace {
// An address typed without a scheme is meant as https (a checkout page is never plain http).
std::optional<QUrl> webAddress(const QString &text)
{
    const QString t = text.trimmed();
    QUrl url(t.contains("://"_L1) ? t : u"https://"_s + t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != "https"_L1 && url.scheme() != "http"_L1))
        return std::nullopt;
    return url;
}

bool isRunKey(const QKeyEvent *key)
{
    return (key->key() == Qt::Key_F5 && key->modifiers() == Qt::NoModifier) ||
           (key->key() == Qt::Key_R && key->modifiers() == Qt::ControlModifier);
}
} // namespace

ReadinessPage::ReadinessPage(Config config, QSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_doctor(new doctor::Doctor(std::move(config), this))
    , m_ownSettings(settings ? nullptr : std::make_unique<QSettings>())
    , m_settings(settings ? settings : m_ownSettings.get())
{
    setObjectName(u"readinessPage"_s);
    auto *title = new QLabel(tr("Launch readiness"), this);
    title->setObjectName(u"readinessTitle"_s);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    m_exportMd = new QPushButton(tr("Export Markdown…"), this);
    m_exportMd->setObjectName(u"readinessExportMarkdown"_s);
    m_exportMd->setToolTip(tr("Save the report as Markdown, to paste into a ticket or a checklist"));
    m_exportHtml = new QPushButton(tr("Export HTML…"), this);
    m_exportHtml->setObjectName(u"readinessExportHtml"_s);
    m_exportHtml->setToolTip(tr("Save the report as one self-contained web page"));
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(m_exportMd);
    top->addWidget(m_exportHtml);

    m_run = new QPushButton(tr("Run checks"), this);
    m_run->setObjectName(u"readinessRun"_s);
    m_run->setToolTip(tr("Run every check that has what it needs (Ctrl+R or F5 on this page)"));
    m_run->setDefault(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"readinessProgress"_s);
    m_progress->setMinimumWidth(200);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(u"readinessCancel"_s);
    m_cancel->setToolTip(tr("Stop the checks; what finished is kept (Esc)"));
    m_cancel->hide();
    m_message = new QLabel(this);
    m_message->setObjectName(u"readinessMessage"_s);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_progress);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_message, 1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(u"readinessSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true); // a long line in German must not widen the page past the window
    QFont larger = m_summary->font();
    larger.setPointSizeF(larger.pointSizeF() * 1.2);
    larger.setBold(true);
    m_summary->setFont(larger);
    m_summary->hide();
    m_cancelled = new QLabel(tr("The run was cancelled: the checks that did not finish are marked “not "
                                "checked”. Run them again with Ctrl+R."),
                             this);
    m_cancelled->setObjectName(u"readinessCancelled"_s);
    m_cancelled->setWordWrap(true);
    m_cancelled->setStyleSheet(u"QLabel { background: #fff2d9; color: #6b4a00; padding: 6px; "
                               "border-radius: 6px; }"_s);
    m_cancelled->hide();

    m_empty = new EmptyState(u"readinessEmpty"_s, tr("Run checks"), u"readinessEmptyRun"_s, this);
    m_empty->title()->setText(
        tr("Check your launch: webhooks, email authentication, pages, buyers' journeys"));
    m_empty->detail()->setText(tr(
        "Switchboard reads Stripe's webhook settings, your sending domain's DNS records, the pages you list "
        "and the buyers in the cache, then says what to fix first. Nothing is changed anywhere."));
    m_error = new EmptyState(u"readinessError"_s, tr("Run checks again"), u"readinessErrorRun"_s, this,
                             EmptyState::Error);
    m_error->title()->setText(tr("The checks were cancelled before any of them finished."));
    m_results = new ReadinessResults(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_results);
    m_stack->addWidget(m_error);

    auto *box = new QVBoxLayout(this);
    box->addLayout(top);
    box->addWidget(buildForm());
    box->addLayout(runRow);
    box->addWidget(m_summary);
    box->addWidget(m_cancelled);
    box->addWidget(m_stack, 1);

    loadOptions();
    setRunning(false);
    connect(m_run, &QPushButton::clicked, this, &ReadinessPage::run);
    connect(m_empty->button(), &QPushButton::clicked, this, &ReadinessPage::run);
    connect(m_error->button(), &QPushButton::clicked, this, &ReadinessPage::run);
    connect(m_cancel, &QPushButton::clicked, this, &ReadinessPage::cancel);
    connect(m_exportMd, &QPushButton::clicked, this, [this] { exportReport(ExportFormat::Markdown); });
    connect(m_exportHtml, &QPushButton::clicked, this, [this] { exportReport(ExportFormat::Html); });
    connect(m_doctor, &doctor::Doctor::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
        m_progress->setFormat(tr("%1 of %2 checks done").arg(done).arg(total));
    });
    connect(m_doctor, &doctor::Doctor::finished, this, [this](const doctor::Report &report) {
        setRunning(false);
        showReport(report);
        Q_EMIT runFinished();
    });
}

ReadinessPage::~ReadinessPage()
{
    saveOptions();
}

QWidget *ReadinessPage::buildForm()
{
    auto *form = new QWidget(this);
    auto lineEdit = [form](const QString &name, const QString &placeholder, const QString &tip) {
        auto *e = new QLineEdit(form);
        e->setObjectName(name);
        e->setPlaceholderText(placeholder);
        e->setToolTip(tip);
        e->setClearButtonEnabled(true);
        return e;
    };
    m_domain = lineEdit(u"readinessDomain"_s, tr("example.com"),
                        tr("The domain Kit sends your email from: its SPF, DMARC and DKIM records are read"));
    m_dkim = lineEdit(
        u"readinessDkim"_s, tr("kit, s1"),
        tr("The DKIM selectors of that domain, comma separated, as Kit's domain settings show them"));
    m_pages =
        lineEdit(u"readinessPages"_s, tr("https://example.com/checkout https://community.example.com/login"),
                 tr("Your checkout and login pages, separated by spaces: each is loaded once, as a buyer "
                    "would (redirects, certificate, time to first byte)"));
    m_payments = new QSpinBox(form);
    m_payments->setObjectName(u"readinessPayments"_s);
    m_payments->setRange(1, 1000);
    m_payments->setToolTip(
        tr("How many recent payments to follow from Stripe to Circle and Kit (read from the "
           "cache; nothing is fetched)"));
    m_webhookUrl =
        lineEdit(u"readinessWebhookUrl"_s, tr("https://example.com/webhooks/stripe"),
                 tr("Your own webhook endpoint (not Switchboard's). It is kept only while the console "
                    "is open."));
    m_provider = new QComboBox(form);
    m_provider->setObjectName(u"readinessProvider"_s);
    m_provider->addItem(tr("Stripe"), u"stripe"_s);
    m_provider->addItem(tr("Kit"), u"kit"_s);
    m_provider->setToolTip(tr("Whose signing secret signs the test events"));
    m_probe = new QCheckBox(tr("&Probe this URL on the next run"), form);
    m_probe->setObjectName(u"readinessProbe"_s);
    m_probe->setEnabled(false);
    auto *hint =
        new QLabel(tr("Only when ticked: the next run sends this URL one signed, one tampered and one "
                      "unsigned test event. It is never contacted otherwise, and the box clears "
                      "after that run."),
                   form);
    hint->setObjectName(u"readinessProbeHint"_s);
    hint->setWordWrap(true);
    hint->setStyleSheet(u"color: #6b7280;"_s);

    auto label = [form](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, form);
        l->setBuddy(buddy);
        return l;
    };
    auto *grid = new QGridLayout(form);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(label(tr("Sending do&main:"), m_domain), 0, 0);
    grid->addWidget(m_domain, 0, 1);
    grid->addWidget(label(tr("DKIM se&lectors:"), m_dkim), 0, 2);
    grid->addWidget(m_dkim, 0, 3);
    grid->addWidget(label(tr("Checkout and lo&gin pages:"), m_pages), 1, 0);
    grid->addWidget(m_pages, 1, 1);
    grid->addWidget(label(tr("Recent pa&yments to follow:"), m_payments), 1, 2);
    grid->addWidget(m_payments, 1, 3, Qt::AlignLeft);
    grid->addWidget(label(tr("&Webhook URL:"), m_webhookUrl), 2, 0);
    grid->addWidget(m_webhookUrl, 2, 1);
    grid->addWidget(label(tr("Signed &as:"), m_provider), 2, 2);
    grid->addWidget(m_provider, 2, 3, Qt::AlignLeft);
    // The request and what it does side by side: the box is never ticked without the hint in sight.
    auto *probeRow = new QHBoxLayout;
    probeRow->addWidget(m_probe, 0, Qt::AlignTop);
    probeRow->addWidget(hint, 1);
    grid->addLayout(probeRow, 3, 1, 1, 3);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(3, 2);

    for (QLineEdit *e : {m_domain, m_dkim, m_pages})
        connect(e, &QLineEdit::textEdited, this, [this] { m_dirty = true; });
    connect(m_payments, &QSpinBox::valueChanged, this, [this] { m_dirty = true; });
    connect(m_webhookUrl, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_probe->setEnabled(!text.trimmed().isEmpty());
        if (text.trimmed().isEmpty())
            m_probe->setChecked(false);
    });
    return form;
}

void ReadinessPage::loadOptions()
{
    const doctor::DoctorOptions o = doctor::DoctorOptions::load(*m_settings);
    m_domain->setText(o.sendingDomain);
    m_dkim->setText(o.dkimSelectors.join(u", "_s));
    QStringList pages;
    for (const QUrl &u : o.pages)
        pages.append(u.toString());
    m_pages->setText(pages.join(u' '));
    m_payments->setValue(o.journeyPayments);
    m_dirty = false;
}

void ReadinessPage::saveOptions()
{
    // Only what the founder changed is written: opening the page must not write settings by itself.
    if (!m_dirty)
        return;
    QString error;
    const doctor::DoctorOptions o = options(&error);
    if (!error.isEmpty())
        return; // a half-typed address is not kept; the last good one stays
    o.save(*m_settings);
    m_settings->sync();
    m_dirty = false;
}

doctor::DoctorOptions ReadinessPage::options(QString *error) const
{
    doctor::DoctorOptions o;
    QString problem;
    QString domain = m_domain->text().trimmed().toLower();
    if (domain.contains("://"_L1))
        domain = QUrl(domain).host();
    if (domain.startsWith(u'@'))
        domain.remove(0, 1);
    if (!domain.isEmpty() && (!domain.contains(u'.') || domain.contains(u' ') || domain.contains(u'/')))
        problem = tr("“%1” is not a domain name (like example.com).").arg(domain);
    o.sendingDomain = domain;
    static const QRegularExpression separators(u"[,\\s]+"_s);
    o.dkimSelectors = m_dkim->text().split(separators, Qt::SkipEmptyParts);
    for (const QString &p : m_pages->text().split(u' ', Qt::SkipEmptyParts)) {
        if (const auto url = webAddress(p))
            o.pages.append(*url);
        else if (problem.isEmpty())
            problem = tr("“%1” is not a web address (like https://example.com/checkout).").arg(p);
    }
    o.journeyPayments = m_payments->value();
    if (m_probe->isChecked()) {
        if (const auto url = webAddress(m_webhookUrl->text())) {
            o.webhookUrl = *url;
            o.webhookProvider = m_provider->currentData().toString();
        } else if (problem.isEmpty()) {
            problem = tr("The webhook URL is not a web address (like https://example.com/webhooks/stripe).");
        }
    }
    if (error)
        *error = problem;
    return o;
}

bool ReadinessPage::run()
{
    if (isRunning())
        return false;
    QString error;
    const doctor::DoctorOptions o = options(&error);
    if (!error.isEmpty()) {
        showMessage(error, true);
        return false;
    }
    m_dirty = true; // a run is a use of what the form says: keep it
    saveOptions();
    showMessage({}, false);
    m_probe->setChecked(false); // the probe was asked for this run only
    setRunning(true);
    m_doctor->start(o);
    return true;
}

void ReadinessPage::cancel()
{
    if (isRunning())
        m_doctor->cancel(); // finished() follows at once, with the rest marked not checked
}

bool ReadinessPage::isRunning() const
{
    return m_doctor->isRunning();
}

void ReadinessPage::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_empty->button()->setEnabled(!running);
    m_error->button()->setEnabled(!running);
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    if (running) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(tr("Starting…"));
        m_cancel->setFocus();
    }
    m_exportMd->setEnabled(!running && m_hasReport);
    m_exportHtml->setEnabled(!running && m_hasReport);
}

void ReadinessPage::showReport(const doctor::Report &report)
{
    m_report = report;
    m_hasReport = true;
    const bool nothingRan = report.cancelled && report.count(doctor::Level::Fail) == 0 &&
                            report.count(doctor::Level::Warn) == 0 && report.count(doctor::Level::Ok) == 0;
    m_results->setReport(report);
    m_stack->setCurrentWidget(nothingRan ? static_cast<QWidget *>(m_error) : m_results);
    m_cancelled->setVisible(report.cancelled && !nothingRan);
    updateSummary(report);
    m_summary->setVisible(!nothingRan);
    setRunning(isRunning());
    if (!nothingRan && isVisible())
        m_results->focusList();
}

void ReadinessPage::updateSummary(const doctor::Report &report)
{
    const int fails = report.count(doctor::Level::Fail);
    const int warns = report.count(doctor::Level::Warn);
    QString text = tr("%1 to fix · %2 warnings · %3 fine · %4 not checked")
                       .arg(fails)
                       .arg(warns)
                       .arg(report.count(doctor::Level::Ok))
                       .arg(report.count(doctor::Level::Skipped));
    if (report.finishedAt > 0)
        text += u"   "_s + tr("checked %1")
                               .arg(QLocale().toString(fromMillis(report.finishedAt).toLocalTime(),
                                                       QLocale::ShortFormat));
    m_summary->setText(text);
    m_summary->setStyleSheet(fails   ? u"color: #b00020;"_s
                             : warns ? u"color: #9a5b00;"_s
                                     : u"color: #1d5e32;"_s);
}

void ReadinessPage::exportReport(ExportFormat format)
{
    if (!m_hasReport)
        return;
    const bool md = format == ExportFormat::Markdown;
    const QString suggested =
        u"launch-readiness-%1.%2"_s.arg(QDate::currentDate().toString(Qt::ISODate), md ? u"md"_s : u"html"_s);
    QString path;
    if (m_chooseFile) {
        path = m_chooseFile(format, suggested);
    } else {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        path = QFileDialog::getSaveFileName(this, tr("Export the readiness report"), dir + u'/' + suggested,
                                            md ? tr("Markdown (*.md)") : tr("Web page (*.html)"));
    }
    if (!path.isEmpty())
        writeReport(path, format);
}

bool ReadinessPage::writeReport(const QString &path, ExportFormat format)
{
    QSaveFile file(path);
    const QByteArray bytes = format == ExportFormat::Markdown ? m_report.toMarkdown() : m_report.toHtml();
    const bool ok = file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit();
    const QString name = QFileInfo(path).fileName();
    showMessage(ok ? tr("Saved the report as %1.").arg(name)
                   : tr("Could not write %1: %2").arg(name, file.errorString()),
                !ok);
    return ok;
}

void ReadinessPage::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: #b00020;"_s : u"color: #1d5e32;"_s);
}

void ReadinessPage::focusPage()
{
    if (m_stack->currentWidget() == m_results)
        m_results->focusList();
    else
        m_run->setFocus();
}

bool ReadinessPage::isShowingResults() const
{
    return m_stack->currentWidget() == m_results;
}

QString ReadinessPage::emptyText() const
{
    return m_stack->currentWidget() == m_error ? m_error->text() : m_empty->text();
}

QString ReadinessPage::message() const
{
    return m_message->text();
}

QString ReadinessPage::progressText() const
{
    return m_progress->isVisible() ? m_progress->text() : QString();
}

bool ReadinessPage::event(QEvent *event)
{
    // F5 syncs everywhere else; on this page (while it has the focus) it runs the checks, as Ctrl+R does.
    // Taking the override makes the key arrive here as a key press instead of triggering the window's action.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (isRunKey(key) || (key->key() == Qt::Key_Escape && isRunning())) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void ReadinessPage::keyPressEvent(QKeyEvent *event)
{
    if (isRunKey(event)) {
        run();
        return;
    }
    if (event->key() == Qt::Key_Escape && isRunning()) {
        cancel();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace sb::ui
