// Widget test (offscreen): the policy page over a cache synced from the sandbox's demo world.
#include "MainWindow.h"
#include "PersonPage.h"
#include "PolicyPage.h"
#include "Sandbox.h"
#include "TestUtil.h"
#include "store/Queries.h"
#include "sync/SyncEngine.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
const QString kDemoWorld = QStringLiteral(SB_SOURCE_DIR "/resources/demo-world.json");
using Col = ui::PolicyPage;

QStringList columnTexts(const QTreeWidget *view, int column)
{
    QStringList out;
    for (int i = 0; i < view->topLevelItemCount(); ++i)
        out.append(view->topLevelItem(i)->text(column));
    return out;
}

QTreeWidgetItem *itemNamed(QTreeWidget *view, const QString &name)
{
    for (int i = 0; i < view->topLevelItemCount(); ++i) {
        if (view->topLevelItem(i)->text(0) == name)
            return view->topLevelItem(i);
    }
    return nullptr;
}
} // namespace

class TestPolicyPage : public QObject {
    Q_OBJECT
    sandbox::Sandbox m_sandbox;
    test::TempCache m_cache;

    static void answerNextMessageBox(QMessageBox::StandardButton button)
    {
        QTimer::singleShot(0, [button] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible())
                    box->button(button)->click();
            }
        });
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_cache.dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content);
        return path;
    }

    void clearPolicy()
    {
        QSqlQuery q(m_cache.db());
        QVERIFY(q.exec(u"DELETE FROM policy"_s));
    }

    static void saveScreen(QWidget *w, const QString &name)
    {
        const QString dir = QCoreApplication::applicationDirPath() + u"/screens"_s;
        QDir().mkpath(dir);
        QTest::qWait(50); // let the layouts settle
        QVERIFY(w->grab().save(dir + u'/' + name + u".png"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        qputenv("USER", "tester");
        QString error;
        QVERIFY2(m_sandbox.loadWorldFile(u":/sandbox/demo-world.json"_s, &error), qPrintable(error));
        QVERIFY(m_sandbox.listen(0));
        Config config;
        config.dbPath = m_cache.path();
        config.stripe.baseUrl = m_sandbox.baseUrl();
        config.stripe.apiKey = u"sk_test_sandbox"_s;
        config.stripe.requestsPerSecond = 1000;
        config.circle.baseUrl = m_sandbox.baseUrl();
        config.circle.token = u"circle_sandbox"_s;
        config.kit.baseUrl = m_sandbox.baseUrl();
        config.kit.apiKey = u"kit_sandbox"_s;
        sync::SyncEngine engine(config);
        QSignalSpy finished(&engine, &sync::SyncEngine::finished);
        engine.syncNow();
        QVERIFY(finished.wait(120000));
    }

    void init() { clearPolicy(); }

    void emptyStateExplainsAndOffersImport()
    {
        ui::PolicyPage page(m_cache.db());
        page.resize(900, 640);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.versionText(), u"No policy saved yet."_s);
        auto *import = page.findChild<QPushButton *>(u"emptyImport"_s);
        auto *add = page.findChild<QPushButton *>(u"emptyAdd"_s);
        QVERIFY(import && import->isVisible());
        QVERIFY(add && add->isVisible());
        QVERIFY(!page.findChild<QPushButton *>(u"policySave"_s)->isEnabled());
        QVERIFY(!page.findChild<QPushButton *>(u"policyRevert"_s)->isEnabled());
        saveScreen(&page, u"policy-empty"_s);

        // Add entry starts one for a synced price, which grants nothing yet and so cannot be saved as is.
        add->click();
        QCOMPARE(page.editedPolicy().entries.size(), 1);
        QVERIFY(page.editedPolicy().entries.first().price.startsWith(u"price_"_s));
        QVERIFY(page.entriesView()->isVisible());
        QVERIFY(
            page.entriesView()->topLevelItem(0)->text(Col::AccessGroupsColumn).contains(u"grants nothing"_s));
        page.findChild<QLineEdit *>(u"policyReason"_s)->setText(u"First entry"_s);
        QVERIFY(!page.save());
        QVERIFY2(page.messageText().contains(u"grants nothing"_s), qPrintable(page.messageText()));
        // The validator's words, with the entry named as the list names it.
        QVERIFY2(page.messageText().contains(page.entryTitle(page.editedPolicy().entries.first())),
                 qPrintable(page.messageText()));
        QVERIFY(!reconcile::loadPolicy(m_cache.db()).value());
    }

    void importShowsNamesAndSavesWithActorAndReason()
    {
        ui::PolicyPage page(m_cache.db());
        page.reload();
        QSignalSpy changed(&page, &ui::PolicyPage::policyChanged);
        QVERIFY2(page.importFile(kDemoWorld), qPrintable(page.messageText()));
        QVERIFY(page.isDirty());
        QCOMPARE(page.editedPolicy().entries.size(), 3);
        const QStringList soldAs = columnTexts(page.entriesView(), 0);
        QVERIFY2(soldAs.contains(u"Inner Circle (monthly) · $49.00 / month"_s),
                 qPrintable(soldAs.join(u" | "_s)));
        QVERIFY2(soldAs.contains(u"Launch Course · $299.00"_s), qPrintable(soldAs.join(u" | "_s)));
        // The id with the name (drawn small beneath it); grants by name, one column per kind.
        const int monthly = int(soldAs.indexOf(u"Inner Circle (monthly) · $49.00 / month"_s));
        QTreeWidgetItem *row = page.entriesView()->topLevelItem(monthly);
        QCOMPARE(row->data(0, ui::PolicyPage::IdRole).toString(), u"price_1DE71aG5XAxJnsEAu9dcMhnc"_s);
        QCOMPARE(row->text(Col::AccessGroupsColumn), u"Inner Circle members"_s);
        QCOMPARE(row->text(Col::SpacesColumn), u"—"_s);
        QCOMPARE(row->text(Col::TagsColumn), u"member"_s);
        QCOMPARE(row->text(Col::SequencesColumn), u"Member onboarding"_s);

        // Without a reason it is refused, and nothing is stored.
        auto *reason = page.findChild<QLineEdit *>(u"policyReason"_s);
        QVERIFY2(reason->text().contains(u"demo-world.json"_s), qPrintable(reason->text())); // suggested
        reason->clear();
        auto *save = page.findChild<QPushButton *>(u"policySave"_s);
        QVERIFY(save->isEnabled());
        save->click();
        QVERIFY2(page.messageText().contains(u"say why"_s), qPrintable(page.messageText()));
        QVERIFY(!reconcile::loadPolicy(m_cache.db()).value());
        QCOMPARE(changed.size(), 0);

        reason->setText(u"Policy of the demo community"_s);
        save->click();
        QCOMPARE(changed.size(), 1);
        QVERIFY(!page.isDirty());
        QVERIFY(!save->isEnabled());
        const auto stored = reconcile::loadPolicy(m_cache.db()).value();
        QVERIFY(stored);
        QCOMPARE(stored->actor, u"tester"_s);
        QCOMPARE(stored->reason, u"Policy of the demo community"_s);
        QCOMPARE(stored->policy.entries.size(), 3);
        QVERIFY2(page.versionText().contains(u"by tester"_s) &&
                     page.versionText().contains(u"Policy of the demo community"_s),
                 qPrintable(page.versionText()));
    }

    void editAnEntryAndSave()
    {
        {
            QFile f(kDemoWorld);
            QVERIFY(f.open(QIODevice::ReadOnly));
            auto p = reconcile::Policy::fromJson(QJsonDocument::fromJson(f.readAll()).object());
            QVERIFY(p);
            QVERIFY(reconcile::changePolicy(m_cache.db(), p.value(), u"someone"_s, u"start"_s).value());
        }
        ui::PolicyPage page(m_cache.db());
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.isDirty());
        auto *entries = page.entriesView();
        const int course = int(columnTexts(entries, 0).indexOf(u"Launch Course · $299.00"_s));
        QVERIFY(course >= 0);
        entries->setCurrentItem(entries->topLevelItem(course));

        // Tick the "Open lobby" space for the course.
        auto *spaces = page.findChild<QTreeWidget *>(u"grants:space"_s);
        QVERIFY(spaces);
        QTreeWidgetItem *lobby = itemNamed(spaces, u"Open lobby"_s);
        QVERIFY(lobby);
        QCOMPARE(lobby->text(1), u"203"_s); // its id, shown small beside it
        QCOMPARE(lobby->checkState(0), Qt::Unchecked);
        lobby->setCheckState(0, Qt::Checked);
        QVERIFY(page.isDirty());
        QVERIFY(page.findChild<QPushButton *>(u"policySave"_s)->isEnabled());
        QVERIFY(page.findChild<QPushButton *>(u"policyRevert"_s)->isEnabled());
        QVERIFY(page.findChild<QLabel *>(u"policyUnsaved"_s)->isVisible());
        QCOMPARE(entries->topLevelItem(course)->text(Col::SpacesColumn), u"Open lobby"_s);

        QSignalSpy changed(&page, &ui::PolicyPage::policyChanged);
        page.findChild<QLineEdit *>(u"policyReason"_s)->setText(u"Course students may use the lobby"_s);
        QTest::keyClick(page.findChild<QLineEdit *>(u"policyReason"_s), Qt::Key_Return);
        QCOMPARE(changed.size(), 1);
        const auto stored = reconcile::loadPolicy(m_cache.db()).value();
        QVERIFY(stored);
        QCOMPARE(stored->actor, u"tester"_s);
        QCOMPARE(stored->reason, u"Course students may use the lobby"_s);
        const auto courseEntries =
            stored->policy.entriesFor(u"price_15paXknexM4DhfCHbsq715ng"_s, u"prod_lIfnXJbOkiCgRQ"_s);
        QCOMPARE(courseEntries.size(), 1);
        QCOMPARE(courseEntries.first().circleSpaces, QStringList{u"203"_s});
        QCOMPARE(courseEntries.first().circleAccessGroups, QStringList{u"102"_s});
        saveScreen(&page, u"policy"_s);

        // Revert drops an edit that was not saved.
        lobby = itemNamed(page.findChild<QTreeWidget *>(u"grants:space"_s), u"Open lobby"_s);
        lobby->setCheckState(0, Qt::Unchecked);
        QVERIFY(page.isDirty());
        page.findChild<QPushButton *>(u"policyRevert"_s)->click();
        QVERIFY(!page.isDirty());
    }

    void aBadFileShowsTheValidatorsWords()
    {
        ui::PolicyPage page(m_cache.db());
        page.reload();
        const QString grantsNothing = writeFile(u"nothing.json"_s, R"([{"price": "price_x"}])");
        QVERIFY(!page.importFile(grantsNothing));
        QVERIFY2(page.messageText().contains(u"nothing.json was not imported: policy[0]: grants nothing"_s),
                 qPrintable(page.messageText()));
        const QString badId = writeFile(
            u"badid.json"_s, R"({"policy": [{"price": "price_a", "kit_tags": [1]}, {"price": "pro"}]})");
        QVERIFY(!page.importFile(badId));
        QVERIFY2(page.messageText().contains(u"policy[1]: \"price\" must be a Stripe price id"_s),
                 qPrintable(page.messageText()));
        const QString notJson = writeFile(u"broken.json"_s, "[{\"price\": ");
        QVERIFY(!page.importFile(notJson));
        QVERIFY2(page.messageText().contains(u"broken.json is not JSON"_s), qPrintable(page.messageText()));
        QVERIFY(!page.isDirty()); // nothing half-imported
        QVERIFY(page.editedPolicy().isEmpty());
    }

    void unknownIdsStayVisible()
    {
        ui::PolicyPage page(m_cache.db());
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QString file =
            writeFile(u"unknown.json"_s, R"([{"price": "price_gone", "circle_access_groups": [101, 999],
            "kit_tags": [888], "circle_spaces": [203]}])");
        QVERIFY2(page.importFile(file), qPrintable(page.messageText()));
        QTreeWidgetItem *row = page.entriesView()->topLevelItem(0);
        QCOMPARE(row->text(0), u"price price_gone (not in Stripe)"_s);
        QCOMPARE(row->text(Col::AccessGroupsColumn),
                 u"Inner Circle members\naccess group 999 (not in Circle)"_s);
        QCOMPARE(row->text(Col::SpacesColumn), u"Open lobby"_s);
        QCOMPARE(row->text(Col::TagsColumn), u"tag 888 (not in Kit)"_s);
        // In the tick lists too, ticked, so untickng is the only way they go.
        auto *groups = page.findChild<QTreeWidget *>(u"grants:access_group"_s);
        QTreeWidgetItem *unknown = itemNamed(groups, u"access group 999 (not in Circle)"_s);
        QVERIFY(unknown);
        QCOMPARE(unknown->checkState(0), Qt::Checked);
        QVERIFY(itemNamed(page.findChild<QTreeWidget *>(u"grants:tag"_s), u"tag 888 (not in Kit)"_s));
        page.findChild<QLineEdit *>(u"policyReason"_s)->setText(u"Keep the old ids"_s);
        QVERIFY2(page.save(), qPrintable(page.messageText()));
        page.reload();
        QCOMPARE(page.entriesView()->topLevelItem(0)->text(0), u"price price_gone (not in Stripe)"_s);
        QVERIFY(page.entriesView()
                    ->topLevelItem(0)
                    ->text(Col::AccessGroupsColumn)
                    .contains(u"access group 999 (not in Circle)"_s));
        saveScreen(&page, u"policy-unknown"_s);
    }

    void removingAnEntryAsksFirst()
    {
        ui::PolicyPage page(m_cache.db());
        page.show();
        QVERIFY(page.importFile(kDemoWorld));
        page.entriesView()->setCurrentItem(page.entriesView()->topLevelItem(0));
        answerNextMessageBox(QMessageBox::No);
        page.findChild<QPushButton *>(u"policyRemove"_s)->click();
        QCOMPARE(page.editedPolicy().entries.size(), 3);
        answerNextMessageBox(QMessageBox::Yes);
        page.findChild<QPushButton *>(u"policyRemove"_s)->click();
        QCOMPARE(page.editedPolicy().entries.size(), 2);
        QCOMPARE(page.entriesView()->topLevelItemCount(), 2);
    }

    void theWindowOpensItAndAsksBeforeLeavingUnsavedChanges()
    {
        auto w = ui::MainWindow::create(m_cache.path(), nullptr);
        QVERIFY2(w, qPrintable(w.error().message));
        ui::MainWindow *window = w.value().get();
        window->resize(1180, 720);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QSignalSpy changed(window, &ui::MainWindow::policyChanged);
        QTest::keyClick(window, Qt::Key_P, Qt::ControlModifier);
        ui::PolicyPage *page = window->policyPage();
        QTRY_VERIFY(page->isVisible());
        QVERIFY(page->importFile(kDemoWorld));
        saveScreen(window, u"policy-window"_s);

        const qint64 someone = store::Queries(m_cache.db()).resolvePerson(u"li.zoe@quillworks.io"_s).value();
        answerNextMessageBox(QMessageBox::Cancel); // stay
        window->openPerson(someone);
        QVERIFY(page->isVisible());
        QVERIFY(page->isDirty());

        page->findChild<QLineEdit *>(u"policyReason"_s)->setText(u"From the window"_s);
        answerNextMessageBox(QMessageBox::Save);
        window->openPerson(someone);
        QTRY_VERIFY(window->personPage()->isVisible());
        QCOMPARE(changed.size(), 1); // forwarded by the window, for the reconciler to run again
        QCOMPARE(reconcile::loadPolicy(m_cache.db()).value()->reason, u"From the window"_s);

        // Back to the page: the saved version; a change then discarded on leaving. (The message box took the
        // activation; a window shortcut needs it back.)
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTest::keyClick(window, Qt::Key_P, Qt::ControlModifier);
        QTRY_VERIFY(page->isVisible());
        QVERIFY(!page->isDirty());
        page->entriesView()->setCurrentItem(page->entriesView()->topLevelItem(0));
        answerNextMessageBox(QMessageBox::Yes);
        page->findChild<QPushButton *>(u"policyRemove"_s)->click();
        QVERIFY(page->isDirty());
        answerNextMessageBox(QMessageBox::Discard);
        page->findChild<QPushButton *>(u"policyBack"_s)->click();
        QTRY_VERIFY(window->personPage()->isVisible());
        QVERIFY(!page->isDirty());
        QCOMPARE(reconcile::loadPolicy(m_cache.db()).value()->policy.entries.size(), 3);
    }
};

QTEST_MAIN(TestPolicyPage)
#include "tst_policypage.moc"
