// Widget test (offscreen): the launch-readiness page (empty state, fix first, detail, exports, the form kept
// between runs, the probe asked for one run only), its place in the window (Ctrl+5) and the live-events chip.
#include "MainWindow.h"
#include "ReadinessPage.h"
#include "ReadinessResults.h"
#include "ReceiverChip.h"
#include "sync/SyncEngine.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace sb;
using doctor::Level;

namespace {
const QString kHostile = u"<script>alert(1)</script> in a DKIM record"_s;

doctor::Report sampleReport()
{
    doctor::Report r;
    r.startedAt = 1'700'000'000'000;
    r.finishedAt = r.startedAt + 2000;
    r.checks = {
        {u"receiver"_s,
         u"stripe_secret"_s,
         Level::Ok,
         u"Switchboard can verify live Stripe events"_s,
         {},
         {},
         80,
         {}},
        {u"email_auth"_s,
         u"dmarc.policy"_s,
         Level::Warn,
         u"DMARC policy is none"_s,
         u"_dmarc.example.com says p=none"_s,
         u"Move DMARC to p=quarantine once reports look clean."_s,
         30,
         {}},
        {u"page_probe"_s,
         u"not_configured"_s,
         Level::Skipped,
         u"Checkout and login pages were not checked"_s,
         {},
         u"Enter the address of your checkout page."_s,
         90,
         {}},
        {u"email_auth"_s, u"spf.lookups"_s, Level::Fail, u"SPF allows 12 DNS lookups; receivers stop at 10"_s,
         u"v=spf1 include:a include:b …"_s, u"Remove includes you no longer send from."_s, 25,
         QJsonObject{{u"lookups"_s, 12}, {u"limit"_s, 10}}},
        {u"stripe_webhooks"_s,
         u"endpoint.we_1.events"_s,
         Level::Fail,
         u"Your endpoint does not receive checkout.session.completed"_s,
         u"Enabled: charge.refunded"_s,
         u"Add checkout.session.completed to the endpoint in Stripe."_s,
         5,
         {}},
        {u"email_auth"_s, u"dkim.kit"_s, Level::Warn, kHostile, {}, {}, 40, {}},
    };
    return r;
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
} // namespace

class TestReadinessPage : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::unique_ptr<QSettings> settings(const QString &name = u"settings.ini"_s)
    {
        return std::make_unique<QSettings>(m_dir.filePath(name), QSettings::IniFormat);
    }
    Config config() const
    {
        Config c; // no key: nothing leaves this computer
        c.dbPath = m_dir.filePath(u"cache.sqlite"_s);
        return c;
    }

    // Screens for people to look at (bin/screens/*.png); nothing asserts on pixels.
    static void saveScreen(QWidget *w, const QString &name)
    {
        const QString dir = QCoreApplication::applicationDirPath() + u"/screens"_s;
        QDir().mkpath(dir);
        QCoreApplication::processEvents();
        w->grab().save(dir + u'/' + name + u".png"_s);
    }

private Q_SLOTS:
    void emptyStateBeforeTheFirstRun()
    {
        auto s = settings();
        ui::ReadinessPage page(config(), s.get());
        page.show();
        QVERIFY(!page.isShowingResults());
        QVERIFY2(page.emptyText().contains(u"Check your launch"_s), qPrintable(page.emptyText()));
        QVERIFY(page.findChild<QPushButton *>(u"readinessEmptyRun"_s)->isVisible());
        QVERIFY(!page.findChild<QPushButton *>(u"readinessExportMarkdown"_s)->isEnabled());
        page.resize(900, 640);
        saveScreen(&page, u"readiness-empty"_s);
    }

    void fixFirstListsFailsThenWarnings()
    {
        auto s = settings();
        ui::ReadinessPage page(config(), s.get());
        page.show();
        page.showReport(sampleReport());
        QVERIFY(page.isShowingResults());
        const QStringList titles = page.results()->fixTitles();
        QCOMPARE(titles, (QStringList{u"Your endpoint does not receive checkout.session.completed"_s,
                                      u"SPF allows 12 DNS lookups; receivers stop at 10"_s,
                                      u"DMARC policy is none"_s, kHostile}));
        // Every check, grouped by area: four areas, six checks.
        QTreeWidget *all = page.results()->allChecks();
        QCOMPARE(all->topLevelItemCount(), 4);
        int checks = 0;
        for (int i = 0; i < all->topLevelItemCount(); ++i)
            checks += all->topLevelItem(i)->childCount();
        QCOMPARE(checks, 6);
        QVERIFY(page.findChild<QPushButton *>(u"readinessExportHtml"_s)->isEnabled());
        page.resize(900, 640);
        saveScreen(&page, u"readiness-report"_s);
    }

    void selectingACheckShowsItsDetail()
    {
        auto s = settings();
        ui::ReadinessPage page(config(), s.get());
        page.show();
        page.showReport(sampleReport());
        // The list takes the focus with its first row selected: the most urgent fix is explained at once.
        QVERIFY2(page.results()->detailText().contains(u"checkout.session.completed"_s),
                 qPrintable(page.results()->detailText()));
        QListWidget *list = page.results()->fixList();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(list->item(0)->isSelected());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
        const QString detail = page.results()->detailText();
        QVERIFY2(detail.contains(u"SPF allows 12 DNS lookups"_s), qPrintable(detail));
        QVERIFY2(detail.contains(u"Remove includes"_s), qPrintable(detail));
        QVERIFY2(detail.contains(u"lookups: 12"_s), qPrintable(detail));
        // A check from the grouped list shows the same pane; the fix list lets go of its selection.
        QVERIFY(page.results()->selectCheck(u"receiver"_s, u"stripe_secret"_s));
        QVERIFY(page.results()->detailText().contains(u"verify live Stripe events"_s));
        QVERIFY(list->selectedItems().isEmpty());
    }

    void exportsEscapeWhatTheyShow()
    {
        auto s = settings();
        ui::ReadinessPage page(config(), s.get());
        page.showReport(sampleReport());
        const QString md = m_dir.filePath(u"report.md"_s), html = m_dir.filePath(u"report.html"_s);
        page.setSaveFileChooser([&](ui::ReadinessPage::ExportFormat f, const QString &suggested) {
            return f == ui::ReadinessPage::ExportFormat::Markdown
                       ? (suggested.endsWith(u".md"_s) ? md : QString())
                       : html;
        });
        page.exportReport(ui::ReadinessPage::ExportFormat::Markdown);
        page.exportReport(ui::ReadinessPage::ExportFormat::Html);
        QVERIFY2(page.message().contains(u"report.html"_s), qPrintable(page.message()));
        const QString m = readAll(md), h = readAll(html);
        QVERIFY(m.contains(u"DMARC policy is none"_s));
        QVERIFY(h.contains(u"DMARC policy is none"_s));
        QVERIFY(!m.contains(u"<script>"_s));
        QVERIFY(!h.contains(u"<script>"_s));
        QVERIFY(m.contains(u"\\<script\\>"_s));
        QVERIFY(h.contains(u"&lt;script&gt;alert(1)&lt;/script&gt;"_s));
    }

    void cancelledBeforeAnythingShowsTheErrorState()
    {
        auto s = settings();
        ui::ReadinessPage page(config(), s.get());
        doctor::Report r;
        r.cancelled = true;
        r.checks = {
            {u"journeys"_s, u"cancelled"_s, Level::Skipped, u"Not checked (cancelled)"_s, {}, {}, 95, {}}};
        page.showReport(r);
        QVERIFY(!page.isShowingResults());
        QVERIFY2(page.emptyText().contains(u"cancelled"_s), qPrintable(page.emptyText()));
    }

    void theFormIsKeptBetweenPages()
    {
        auto s = settings(u"kept.ini"_s);
        {
            ui::ReadinessPage page(config(), s.get());
            QTest::keyClicks(page.findChild<QLineEdit *>(u"readinessDomain"_s), u"Example.com"_s);
            QTest::keyClicks(page.findChild<QLineEdit *>(u"readinessDkim"_s), u"kit, s1"_s);
            QTest::keyClicks(page.findChild<QLineEdit *>(u"readinessPages"_s),
                             u"example.com/checkout https://community.example.com/login"_s);
            page.findChild<QSpinBox *>(u"readinessPayments"_s)->setValue(7);
            QTest::keyClicks(page.findChild<QLineEdit *>(u"readinessWebhookUrl"_s),
                             u"https://example.com/hook"_s);
        }
        ui::ReadinessPage again(config(), s.get());
        QCOMPARE(again.findChild<QLineEdit *>(u"readinessDomain"_s)->text(), u"example.com"_s);
        QCOMPARE(again.findChild<QLineEdit *>(u"readinessDkim"_s)->text(), u"kit, s1"_s);
        QCOMPARE(again.findChild<QLineEdit *>(u"readinessPages"_s)->text(),
                 u"https://example.com/checkout https://community.example.com/login"_s);
        QCOMPARE(again.findChild<QSpinBox *>(u"readinessPayments"_s)->value(), 7);
        // The webhook URL is asked for each time: it is not kept.
        QVERIFY(again.findChild<QLineEdit *>(u"readinessWebhookUrl"_s)->text().isEmpty());
        QVERIFY(again.options().webhookUrl.isEmpty());
    }

    void aBadAddressIsRefusedBeforeAnyRun()
    {
        auto s = settings();
        ui::ReadinessPage page(config(), s.get());
        QTest::keyClicks(page.findChild<QLineEdit *>(u"readinessPages"_s), u"ftp://example.com/x"_s);
        QVERIFY(!page.run());
        QVERIFY(!page.isRunning());
        QVERIFY2(page.message().contains(u"ftp://example.com/x"_s), qPrintable(page.message()));
    }

    void theProbeIsForTheNextRunOnly()
    {
        auto s = settings();
        ui::ReadinessPage page(config(), s.get());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *url = page.findChild<QLineEdit *>(u"readinessWebhookUrl"_s);
        auto *probe = page.findChild<QCheckBox *>(u"readinessProbe"_s);
        QVERIFY(!probe->isEnabled());
        QTest::keyClicks(url, u"https://example.com/webhooks/stripe"_s);
        QVERIFY(page.options().webhookUrl.isEmpty()); // typed, not asked for: never probed
        probe->setChecked(true);
        QCOMPARE(page.options().webhookUrl, QUrl(u"https://example.com/webhooks/stripe"_s));

        // A run with nothing configured contacts nobody (no key, no domain, no pages, and no signing secret
        // for the probe); it still reports what it could not check. Ctrl+R on the page starts it.
        QSignalSpy finished(&page, &ui::ReadinessPage::runFinished);
        QTest::keyClick(url, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(page.isRunning());
        QVERIFY2(page.progressText().contains(u"of"_s) || page.progressText().contains(u"Starting"_s),
                 qPrintable(page.progressText()));
        QVERIFY(!probe->isChecked());
        QVERIFY(finished.wait(20000));
        QVERIFY(page.isShowingResults());
        QVERIFY(page.results()->selectCheck(u"webhook_probe"_s, u"no_secret"_s));
        // F5 on the page runs them again (elsewhere it syncs).
        QTest::keyClick(url, Qt::Key_F5);
        QVERIFY(page.isRunning());
        page.cancel();
        QVERIFY(!page.isRunning());
        QCOMPARE(finished.count(), 2);
    }

    void ctrl5OpensThePageInTheWindow()
    {
        auto w = ui::MainWindow::create(m_dir.filePath(u"window.sqlite"_s), nullptr);
        QVERIFY(w);
        auto window = std::move(w).value();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTest::keyClick(window.get(), Qt::Key_5, Qt::ControlModifier);
        QTRY_VERIFY(window->readinessPage()->isVisible());
        // No engine: the live receiver cannot be turned on, and the chip says it is off.
        auto *chip = window->findChild<ui::ReceiverChip *>(u"receiverChip"_s);
        QVERIFY(chip && chip->isVisible());
        QCOMPARE(chip->text(), u"Live events off"_s);
        auto *live = window->findChild<QAction *>(u"receiveLiveEvents"_s);
        QVERIFY(live && !live->isEnabled());
    }

    void liveEventsStartWithTheWindowWhenConfigured()
    {
        Config c = config();
        c.dbPath = m_dir.filePath(u"live.sqlite"_s);
        c.webhooks.port = 0; // any free port
        c.webhooks.receiverOnAtStart = true;
        sync::SyncEngine engine(c);
        ui::WindowServices services;
        services.config = c;
        auto w = ui::MainWindow::create(c.dbPath, &engine, services);
        QVERIFY(w);
        auto window = std::move(w).value();
        auto *chip = window->findChild<ui::ReceiverChip *>(u"receiverChip"_s);
        auto *live = window->findChild<QAction *>(u"receiveLiveEvents"_s);
        QVERIFY(live->isChecked());
        QTRY_VERIFY2(chip->isListening(), qPrintable(chip->text()));
        QVERIFY2(chip->text().startsWith(u"Live: 127.0.0.1:"_s), qPrintable(chip->text()));

        // An unsigned delivery is refused; the chip counts it and says why, without its body.
        const QString url = chip->url().toString(QUrl::StripTrailingSlash) + u"/webhooks/stripe"_s;
        QVERIFY2(chip->toolTip().contains(url), qPrintable(chip->toolTip()));
        QNetworkAccessManager nam;
        QNetworkRequest request{QUrl(url)};
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        std::unique_ptr<QNetworkReply> reply(nam.post(request, QByteArray(R"({"secret_body":1})")));
        QTRY_COMPARE(chip->refusals(), 1);
        QVERIFY(!chip->toolTip().contains(u"secret_body"_s));
        QVERIFY2(chip->toolTip().contains(u"Refused: 1"_s), qPrintable(chip->toolTip()));

        live->trigger(); // off
        QTRY_COMPARE(chip->text(), u"Live events off"_s);
        QVERIFY(!live->isChecked());
        QTRY_VERIFY(reply->isFinished());
    }

    void receiverChipFollowsTheReceiver()
    {
        ui::ReceiverChip chip;
        QCOMPARE(chip.text(), u"Live events off"_s);
        chip.setStarting();
        chip.receiverChanged(QUrl(u"http://127.0.0.1:8788"_s), {});
        QCOMPARE(chip.text(), u"Live: 127.0.0.1:8788"_s);
        QVERIFY(chip.isListening());

        sync::WebhookReport report;
        report.provider = u"stripe"_s;
        report.applied = 2;
        chip.webhookReceived(report);
        QVERIFY2(chip.toolTip().contains(u"1 deliveries, 2 new events"_s), qPrintable(chip.toolTip()));
        chip.webhookRefused(
            {u"stripe"_s, 401, u"signature_mismatch"_s, u"No signature matches the secret."_s});
        QCOMPARE(chip.refusals(), 1);
        QVERIFY2(chip.toolTip().contains(u"401 signature_mismatch: No signature matches the secret."_s),
                 qPrintable(chip.toolTip()));

        chip.receiverChanged({}, u"The port 8788 is in use."_s);
        QVERIFY(!chip.isListening());
        QVERIFY2(chip.text().contains(u"in use"_s), qPrintable(chip.text()));
        QVERIFY(chip.styleSheet().contains(u"#b00020"_s));
        chip.receiverChanged({}, {});
        QCOMPARE(chip.text(), u"Live events off"_s);
    }
};

QTEST_MAIN(TestReadinessPage)
#include "tst_readinesspage.moc"
