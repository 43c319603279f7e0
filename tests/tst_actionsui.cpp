// Widget test (offscreen): override actions from the console against the sandbox over loopback. The preview
// lists the exact calls; nothing is sent while read-only or without a reason; a finding's fix applied from
// the attention queue makes it leave the list; the bulk preview counts; snoozing is an audited action; the
// person page's actions preview their calls; without a connected account every action says why it is
// disabled.
#include "ActionPreviewDialog.h"
#include "ActionsController.h"
#include "AttentionPage.h"
#include "MainWindow.h"
#include "PersonActions.h"
#include "PersonPage.h"
#include "Sandbox.h"
#include "SandboxWorlds.h"
#include "TestUtil.h"
#include "actions/Action.h"
#include "audit/AuditLog.h"
#include "models/FindingsModel.h"
#include "reconcile/Policy.h"
#include "store/FindingsStore.h"
#include "store/Queries.h"
#include "sync/SyncEngine.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

// People broken in the ways fix plans repair (as in tst_actions), plus a refunded duplicate purchase whose
// fix is a manual step in Stripe.
QJsonObject world()
{
    return test::actionsWorld(true);
}

QString screensDir()
{
    const QString dir = QCoreApplication::applicationDirPath() + u"/screens"_s;
    QDir().mkpath(dir);
    return dir;
}

void saveScreen(QWidget *w, const QString &name)
{
    QCoreApplication::processEvents(); // pending layout requests first, as a person would see it
    QVERIFY(w->grab().save(screensDir() + u'/' + name + u".png"_s));
}

ui::ActionPreviewDialog *openPreview()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *d = qobject_cast<ui::ActionPreviewDialog *>(w); d && d->isVisible())
            return d;
    }
    return nullptr;
}
} // namespace

class TestActionsUi : public QObject {
    Q_OBJECT
    sandbox::Sandbox m_sandbox;
    test::TempCache m_cache;
    std::unique_ptr<sync::SyncEngine> m_engine;
    std::unique_ptr<ui::MainWindow> m_window;

    ui::AttentionPage *attention() const { return m_window->attentionPage(); }
    ui::ActionsController *controller() const { return m_window->actionsController(); }

    // The open finding of `rule` about `email` (0: none).
    qint64 findingOf(const QString &rule, const QString &email)
    {
        store::FindingFilter f;
        f.rules = {rule};
        f.statuses = {u"open"_s, u"snoozed"_s};
        auto list = store::FindingsStore(m_cache.db()).list(f);
        for (const store::StoredFinding &s : list ? list.value() : QList<store::StoredFinding>{}) {
            if (s.finding.emails.contains(email))
                return s.id;
        }
        return 0;
    }

    void closeDialogs()
    {
        while (ui::ActionPreviewDialog *d = openPreview()) {
            d->reject();
            if (d->isVisible())
                d->close();
            QCoreApplication::processEvents();
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the actor setting goes to a throwaway place
        QCoreApplication::setOrganizationName(u"SwitchboardTest"_s);
        QCoreApplication::setApplicationName(u"tst_actionsui"_s);
        QSettings().clear();
        qputenv("USER", "founder");
        QString error;
        QVERIFY2(m_sandbox.loadWorld(world(), &error), qPrintable(error));
        QVERIFY(m_sandbox.listen(0));
        auto policy = reconcile::Policy::fromJson(world());
        QVERIFY(policy);
        QVERIFY(reconcile::savePolicy(m_cache.db(), policy.value(), u"test"_s, u"the world's policy"_s));
        const Config config = test::sandboxConfig(m_sandbox, m_cache.path());
        m_engine = std::make_unique<sync::SyncEngine>(config);
        auto w = ui::MainWindow::create(config.dbPath, m_engine.get());
        QVERIFY2(w, qPrintable(w.error().message));
        m_window = std::move(w).value();
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get())); // shortcuts need an active window

        QSignalSpy findings(m_engine.get(), &sync::SyncEngine::findingsChanged);
        QSignalSpy synced(m_window.get(), &ui::MainWindow::syncFinished);
        m_engine->syncNow();
        QVERIFY(synced.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(findings.size() > 0, 30000);
        QTRY_VERIFY(attention()->openCount() > 0);
        m_window->showAttention();
    }

    void cleanupTestCase()
    {
        closeDialogs();
        m_window.reset();
        m_engine.reset();
    }

    void cleanup() { closeDialogs(); }

    void readOnlyByDefaultAndSaysSo()
    {
        QVERIFY(!controller()->writesUnlocked());
        QCOMPARE(controller()->indicator()->text(), u"Read-only"_s);
        QVERIFY(controller()->toggleAction()->isEnabled());
        QCOMPARE(controller()->toggleAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
        saveScreen(m_window.get(), u"actions-readonly-window"_s);
    }

    void previewListsTheExactCallsOfAFixPlan()
    {
        const qint64 id = findingOf(reconcile::rule::PaidWithoutAccess, u"ada@example.com"_s);
        QVERIFY(id);
        QVERIFY(attention()->selectFinding(id));
        QSignalSpy sent(controller(), &ui::ActionsController::batchSent);
        // Ctrl+Enter on the list opens the fix.
        attention()->focusList();
        QTest::keyClick(attention()->findingsView(), Qt::Key_Return, Qt::ControlModifier);
        ui::ActionPreviewDialog *dialog = openPreview();
        QVERIFY(dialog);
        const QString text = dialog->previewText();
        QVERIFY2(text.contains(u"Add ada@example.com to access group Pro members"_s), qPrintable(text));
        QVERIFY2(text.contains(
                     u"GET    /api/admin/v2/access_groups/101/community_member?email=ada%40example.com"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"POST   /api/admin/v2/access_groups/101/community_members"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"first: is it done already?"_s), qPrintable(text));
        QCOMPARE(dialog->summaryText(), u"1 finding, 3 remote calls"_s);

        // Locked: the dialog says read-only and offers Unlock… instead of Apply; nothing is sent.
        QVERIFY2(dialog->noticeText().startsWith(u"Read-only"_s), qPrintable(dialog->noticeText()));
        QVERIFY(!dialog->applyButton()->isVisible());
        QVERIFY(dialog->unlockButton()->isVisible());
        dialog->reasonEdit()->setPlainText(u"ticket 42"_s);
        dialog->apply();
        QCOMPARE(sent.size(), 0);
        QVERIFY(!dialog->isRunning());
        saveScreen(dialog, u"actions-preview-locked"_s);
    }

    void unlockingAsksWhoActsAndApplyNeedsAReason()
    {
        QVERIFY(
            attention()->selectFinding(findingOf(reconcile::rule::PaidWithoutAccess, u"ada@example.com"_s)));
        ui::ActionPreviewDialog *dialog = attention()->openFix();
        QVERIFY(dialog);
        QTest::mouseClick(dialog->unlockButton(), Qt::LeftButton);
        auto *unlock = dialog->findChild<QDialog *>(u"unlockDialog"_s);
        QVERIFY(unlock && unlock->isVisible());
        auto *actor = unlock->findChild<QLineEdit *>(u"unlockActor"_s);
        QCOMPARE(actor->text(), u"founder"_s); // the OS user until someone saves another
        const QString explanation = unlock->findChild<QLabel *>(u"unlockExplanation"_s)->text();
        QVERIFY2(explanation.contains(u"Stripe is never written"_s), qPrintable(explanation));
        auto *confirm = unlock->findChild<QPushButton *>(u"unlockConfirm"_s);
        actor->clear();
        QVERIFY(!confirm->isEnabled()); // someone must be named
        QTest::keyClicks(actor, u"ana"_s);
        saveScreen(unlock, u"actions-unlock-dialog"_s);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QVERIFY(controller()->writesUnlocked());
        QCOMPARE(controller()->actor(), u"ana"_s);
        QCOMPARE(QSettings().value(u"actions/actor"_s).toString(), u"ana"_s);
        QCOMPARE(controller()->indicator()->text(), u"Writes unlocked — ana"_s);
        QVERIFY(controller()->toggleAction()->isChecked());

        // Now Apply, enabled only with a reason.
        QVERIFY(dialog->applyButton()->isVisible());
        QVERIFY(!dialog->unlockButton()->isVisible());
        QVERIFY(dialog->noticeText().isEmpty());
        QVERIFY(!dialog->applyButton()->isEnabled());
        dialog->reasonEdit()->setPlainText(u"   \n "_s);
        QVERIFY(!dialog->applyButton()->isEnabled());
        dialog->reasonEdit()->setPlainText(u"ticket 42"_s);
        QVERIFY(dialog->applyButton()->isEnabled());
        saveScreen(m_window.get(), u"actions-unlocked-window"_s);

        // Locking again (the indicator) takes Apply away.
        QTest::mouseClick(controller()->indicator(), Qt::LeftButton);
        QVERIFY(!controller()->writesUnlocked());
        QCOMPARE(controller()->indicator()->text(), u"Read-only"_s);
        QVERIFY(!dialog->applyButton()->isVisible());
    }

    void applyingAFixFromTheQueueRemovesTheFinding()
    {
        controller()->unlock(u"ana"_s);
        const qint64 id = findingOf(reconcile::rule::PaidWithoutAccess, u"ada@example.com"_s);
        QVERIFY(attention()->selectFinding(id));
        const qint64 writesBefore = m_sandbox.circleWriteCount();
        QSignalSpy done(controller(), &ui::ActionsController::batchFinished);
        QTest::mouseClick(attention()->findChild<QPushButton *>(u"fixFinding"_s), Qt::LeftButton);
        ui::ActionPreviewDialog *dialog = openPreview();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->reasonEdit(), u"ticket 42: paid, cannot see the course"_s);
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(dialog->isRunning());
        QVERIFY(done.wait(60000));
        QVERIFY(dialog->isDone());
        QVERIFY2(dialog->statusText().startsWith(u"1 applied"_s), qPrintable(dialog->statusText()));
        QVERIFY2(dialog->previewText().contains(u"✓ applied"_s), qPrintable(dialog->previewText()));
        QCOMPARE(dialog->cancelButton()->text(), u"Close"_s);
        saveScreen(dialog, u"actions-preview-applied"_s);
        QCOMPARE(m_sandbox.circleWriteCount(), writesBefore + 1);
        // Gone from the queue (the batch's own pass resolved it), and the status bar says what happened.
        QTRY_COMPARE(attention()->model()->rowOf(id), -1);
        QCOMPARE(controller()->summaryLabel()->text(), u"1 applied"_s);
        QVERIFY(controller()->summaryLabel()->isVisible());

        // In the audit log under the actor, with the reason.
        audit::Filter f;
        f.action = actions::name::CircleAddAccessGroup;
        const QList<audit::Entry> entries = audit::AuditLog(m_cache.db()).list(f, 0, 10).value();
        QCOMPARE(entries.size(), 2); // intent and outcome
        QCOMPARE(entries.first().actor, u"ana"_s);
        QCOMPARE(entries.first().reason, u"ticket 42: paid, cannot see the course"_s);
        dialog->reject(); // Close
        QTRY_VERIFY(!openPreview());
    }

    void bulkPreviewCountsEveryCallAndSkipsManualSteps()
    {
        attention()->setRuleFilter({});
        store::FindingFilter f = attention()->model()->filter();
        f.limit = 1000;
        const QList<store::StoredFinding> shown = store::FindingsStore(m_cache.db()).list(f).value();
        int findings = 0, calls = 0, manual = 0;
        for (const store::StoredFinding &s : shown) {
            findings += s.finding.fix.isEmpty() ? 0 : 1;
            for (const reconcile::FixStep &step : s.finding.fix) {
                if (step.action == actions::name::Manual)
                    ++manual;
                calls += int(actions::plannedCalls(actions::Action::fromFixStep(step)).size());
            }
        }
        QVERIFY(findings > 3);
        QVERIFY2(manual > 0, "the duplicate purchase's refund is a manual step");
        QTest::mouseClick(attention()->findChild<QPushButton *>(u"fixAll"_s), Qt::LeftButton);
        ui::ActionPreviewDialog *dialog = openPreview();
        QVERIFY(dialog);
        const QString summary = dialog->summaryText();
        QVERIFY2(summary.startsWith(u"%1 findings, %2 remote calls"_s.arg(findings).arg(calls)),
                 qPrintable(summary));
        QVERIFY2(summary.endsWith(manual == 1 ? u"1 manual step skipped"_s
                                              : u"%1 manual steps skipped"_s.arg(manual)),
                 qPrintable(summary));
        QCOMPARE(dialog->manualCount(), manual);
        const QString text = dialog->previewText();
        QVERIFY2(text.contains(u"Do this yourself in Stripe: Refund"_s), qPrintable(text));
        QVERIFY2(text.contains(u"not sent"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Local change"_s), qPrintable(text)); // frank's link
        saveScreen(dialog, u"actions-bulk-preview"_s);
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY(!openPreview());
    }

    void snoozingIsAnAuditedAction()
    {
        controller()->unlock(u"ana"_s);
        const qint64 id = findingOf(reconcile::rule::DuplicateMember, u"dee@example.com"_s);
        QVERIFY(id);
        QVERIFY(attention()->selectFinding(id));
        auto *reason = attention()->findChild<QLineEdit *>(u"snoozeReason"_s);
        auto *snooze = attention()->findChild<QPushButton *>(u"snooze"_s);
        QVERIFY(!snooze->isEnabled());
        QTest::keyClicks(reason, u"Dee is merging her accounts herself"_s);
        QVERIFY(snooze->isEnabled());
        QSignalSpy done(controller(), &ui::ActionsController::batchFinished);
        QTest::mouseClick(snooze, Qt::LeftButton);
        QVERIFY(done.wait(30000));
        const auto stored = store::FindingsStore(m_cache.db()).byId(id).value();
        QCOMPARE(stored->status, u"snoozed"_s);
        QCOMPARE(stored->statusActor, u"ana"_s);
        QTRY_COMPARE(attention()->model()->rowOf(id), -1);
        QVERIFY2(attention()->detailText().contains(u"Snoozed until"_s),
                 qPrintable(attention()->detailText()));
        audit::Filter f;
        f.action = actions::name::FindingSnooze;
        const QList<audit::Entry> entries = audit::AuditLog(m_cache.db()).list(f, 0, 10).value();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().actor, u"ana"_s);
        QCOMPARE(entries.first().reason, u"Dee is merging her accounts herself"_s);
        QCOMPARE(entries.first().outcome, audit::outcome::Ok);
    }

    void lockedSnoozeAsksToUnlockFirst()
    {
        controller()->lock();
        const qint64 id = findingOf(reconcile::rule::StaleTag, u"bob@example.com"_s);
        QVERIFY(id);
        QVERIFY(attention()->selectFinding(id));
        QSignalSpy sent(controller(), &ui::ActionsController::batchSent);
        QTest::keyClicks(attention()->findChild<QLineEdit *>(u"snoozeReason"_s), u"waiting on Bob"_s);
        QTest::mouseClick(attention()->findChild<QPushButton *>(u"snooze"_s), Qt::LeftButton);
        QCOMPARE(sent.size(), 0);
        auto *unlock = m_window->findChild<QDialog *>(u"unlockDialog"_s);
        QVERIFY(unlock && unlock->isVisible());
        QTest::mouseClick(unlock->findChild<QPushButton *>(u"unlockCancel"_s), Qt::LeftButton);
        QCOMPARE(sent.size(), 0);
        QVERIFY(!controller()->writesUnlocked());
        QCOMPARE(store::FindingsStore(m_cache.db()).byId(id).value()->status, u"open"_s);
    }

    void resolveGoesThroughThePreview()
    {
        controller()->unlock(u"ana"_s);
        const qint64 id = findingOf(reconcile::rule::StaleTag, u"bob@example.com"_s);
        QVERIFY(attention()->selectFinding(id));
        ui::ActionPreviewDialog *dialog = attention()->openResolve();
        QVERIFY(dialog);
        QVERIFY2(dialog->previewText().contains(u"Local change"_s), qPrintable(dialog->previewText()));
        QCOMPARE(dialog->reasonEdit()->toPlainText(), u"waiting on Bob"_s); // the reason typed beside it
        dialog->reasonEdit()->setPlainText(u"Bob's tag is fine: he is staff"_s);
        QSignalSpy done(controller(), &ui::ActionsController::batchFinished);
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(done.wait(30000));
        const auto stored = store::FindingsStore(m_cache.db()).byId(id).value();
        QCOMPARE(stored->status, u"resolved"_s);
        QCOMPARE(stored->resolution, u"human"_s);
        QTRY_COMPARE(attention()->model()->rowOf(id), -1);
    }

    void personActionsPreviewTheirCalls()
    {
        controller()->unlock(u"ana"_s);
        auto cy = store::Queries(m_cache.db()).resolvePerson(u"cy@example.com"_s);
        QVERIFY(cy);
        m_window->openPerson(cy.value());
        ui::PersonActions *actions = m_window->personActions();
        QVERIFY(actions->button()->isVisible());
        actions->rebuildMenu();
        auto *grant = actions->menu()->findChild<QAction *>(u"circle.add_access_group:101"_s);
        QVERIFY(grant);
        QSignalSpy opened(actions, &ui::PersonActions::previewOpened);
        grant->trigger();
        QCOMPARE(opened.size(), 1);
        ui::ActionPreviewDialog *dialog = openPreview();
        QVERIFY(dialog);
        QVERIFY2(dialog->previewText().contains(
                     u"/api/admin/v2/access_groups/101/community_member?email=cy%40example.com"_s),
                 qPrintable(dialog->previewText()));
        QCOMPARE(dialog->summaryText(), u"1 step, 3 remote calls"_s);
        saveScreen(dialog, u"actions-person-grant"_s);
        dialog->reject();
        QTRY_VERIFY(!openPreview());

        // A note: the reason is the note, kept in the audit log.
        auto *note = actions->menu()->findChild<QAction *>(actions::name::NoteAdd);
        QVERIFY(note);
        note->trigger();
        dialog = openPreview();
        QVERIFY(dialog);
        QVERIFY2(dialog->previewText().contains(u"Local change"_s), qPrintable(dialog->previewText()));
        dialog->reasonEdit()->setPlainText(u"Called Cy: will join Circle next week"_s);
        QSignalSpy done(controller(), &ui::ActionsController::batchFinished);
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(done.wait(30000));
        audit::Filter f;
        f.action = actions::name::NoteAdd;
        const QList<audit::Entry> entries = audit::AuditLog(m_cache.db()).list(f, 0, 10).value();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().request.value(u"text"_s).toString(),
                 u"Called Cy: will join Circle next week"_s);
        dialog->reject();
        saveScreen(m_window.get(), u"actions-person-page"_s);
    }

    void linkingFromThePersonPageKeepsThePersonShown()
    {
        controller()->unlock(u"ana"_s);
        auto frank = store::Queries(m_cache.db()).resolvePerson(u"frank@example.com"_s);
        QVERIFY(frank);
        m_window->openPerson(frank.value());
        ui::PersonActions *actions = m_window->personActions();
        actions->rebuildMenu();
        QAction *link = nullptr;
        for (QAction *a : actions->menu()->findChildren<QAction *>()) {
            if (a->objectName().startsWith(actions::name::IdentityLink + u':'))
                link = a;
        }
        QVERIFY2(link, "frank+shop looks like the same person");
        link->trigger();
        ui::ActionPreviewDialog *dialog = openPreview();
        QVERIFY(dialog);
        QVERIFY2(dialog->previewText().contains(u"no remote call"_s), qPrintable(dialog->previewText()));
        QCOMPARE(dialog->remoteCallCount(), 0);
        dialog->reasonEdit()->setPlainText(u"Same person: confirmed by email"_s);
        QSignalSpy done(controller(), &ui::ActionsController::batchFinished);
        QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
        QVERIFY(done.wait(30000));
        QVERIFY(done.first().at(1).value<actions::BatchReport>().rebuilt);
        // Person ids changed; the page found Frank again and shows both addresses.
        QTRY_VERIFY2(m_window->personPage()->currentDetails().has_value(), "a person is shown");
        QVERIFY2(m_window->personPage()->currentDetails()->emails.size() >= 2,
                 qPrintable(m_window->personPage()->currentDetails()->emails.join(u", "_s)));
        dialog->reject();
    }

    // Batches go to the sync thread one at a time; one still waiting its turn is cancelled at once and never
    // sent.
    void aQueuedBatchCancelsWithoutBeingSent()
    {
        controller()->unlock(u"ana"_s);
        actions::Action note;
        note.name = actions::name::NoteAdd;
        note.params = QJsonObject{{u"email"_s, u"gil@example.com"_s}, {u"text"_s, u"first"_s}};
        actions::Action second = note;
        second.params.insert(u"text"_s, u"second"_s);
        QSignalSpy sent(controller(), &ui::ActionsController::batchSent);
        QSignalSpy done(controller(), &ui::ActionsController::batchFinished);
        const int first = controller()->run({note}, u"asked by Gil"_s);
        const int queued = controller()->run({second}, u"asked by Gil"_s);
        QCOMPARE(sent.size(), 1);
        QVERIFY(controller()->isBusy());
        controller()->cancel(queued);
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.first().at(0).toInt(), queued);
        QVERIFY(done.first().at(1).value<actions::BatchReport>().cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 30000);
        QCOMPARE(done.at(1).at(0).toInt(), first);
        QCOMPARE(sent.size(), 1);
        QVERIFY(!controller()->isBusy());
    }

    // Without keys there is no engine: every action is disabled and says why.
    void withoutAConnectedAccountActionsSayWhyTheyAreDisabled()
    {
        test::TempCache cache;
        auto w = ui::MainWindow::create(cache.path(), nullptr);
        QVERIFY(w);
        ui::ActionsController *c = w.value()->actionsController();
        QVERIFY(!c->toggleAction()->isEnabled());
        QVERIFY2(c->toggleAction()->toolTip().contains(u"Connections"_s),
                 qPrintable(c->toggleAction()->toolTip()));
        QVERIFY(!c->indicator()->isEnabled());
        QVERIFY(!w.value()->attentionPage()->findChild<QPushButton *>(u"fixAll"_s)->isEnabled());
        QVERIFY(!w.value()->attentionPage()->openFixAll());
    }
};

QTEST_MAIN(TestActionsUi)
#include "tst_actionsui.moc"
