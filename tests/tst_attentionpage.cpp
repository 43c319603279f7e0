// Widget test (offscreen): the attention queue over a hand-made cache: people from provider objects, findings
// recorded through FindingsStore::apply as a reconcile pass would.
#include "ActionsController.h"
#include "AttentionAlerts.h"
#include "AttentionPage.h"
#include "FindingsStrip.h"
#include "MainWindow.h"
#include "PersonPage.h"
#include "SearchPanel.h"
#include "TestUtil.h"
#include "models/FindingsModel.h"
#include "models/TimelineModel.h"
#include "providers/stripe/StripeMapper.h"
#include "store/FindingsStore.h"
#include "store/Queries.h"
#include "store/Store.h"
#include "sync/SyncEngine.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
constexpr Millis kNow = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr Millis kHour = 3600 * 1000;

QString isoAt(Millis at)
{
    return fromMillis(at).toString(Qt::ISODate);
}

reconcile::Finding paidWithoutAccess(qint64 person, const QString &email, Millis since)
{
    reconcile::Finding f;
    f.rule = reconcile::rule::PaidWithoutAccess;
    f.key = u"paid_without_access|stripe:"_s + email + u"|circle:access_group:101"_s;
    f.severity = reconcile::Severity::High;
    f.personId = person;
    f.emails = {email};
    f.since = since;
    f.summary = u"Paid for Pro (monthly) but not in access group Pro members"_s;
    f.why =
        email + u" paid (Pro (monthly) since "_s + isoAt(since) +
        u") and is a Circle member, but not in access group Pro members, which the policy says the purchase "
        "grants."_s;
    f.facts = QJsonObject{
        {u"entitlement"_s, QJsonObject{{u"product"_s, u"Pro (monthly)"_s},
                                       {u"price"_s, u"price_pro_monthly"_s},
                                       {u"state"_s, u"active"_s},
                                       {u"source"_s, u"subscription"_s},
                                       {u"source_id"_s, u"sub_123"_s},
                                       {u"since"_s, isoAt(since)}}},
        {u"circle_access_group"_s, QJsonObject{{u"id"_s, u"101"_s}, {u"name"_s, u"Pro members"_s}}},
        {u"circle_member"_s, QJsonObject{{u"id"_s, u"501"_s}, {u"state"_s, u"active"_s}}}};
    f.fix = {reconcile::FixStep{u"circle"_s, u"circle.add_access_group"_s,
                                QJsonObject{{u"member_id"_s, u"501"_s}, {u"access_group_id"_s, u"101"_s}},
                                u"Add "_s + email + u" to access group Pro members"_s}};
    return f;
}

reconcile::Finding accessWithoutPayment(qint64 person, const QString &email, Millis since)
{
    reconcile::Finding f;
    f.rule = reconcile::rule::AccessWithoutPayment;
    f.key = u"access_without_payment|circle:502|access_group:101"_s;
    f.severity = reconcile::Severity::High;
    f.personId = person;
    f.emails = {email};
    f.since = since;
    f.summary = u"In access group Pro members, but Pro (monthly) was refunded"_s;
    f.why = email +
            u" is still in access group Pro members, which is sold, but their Pro (monthly) was refunded. "
            "Access should have ended with it."_s;
    f.facts = QJsonObject{{u"membership"_s, QJsonObject{{u"member_id"_s, u"502"_s},
                                                        {u"container"_s, u"Pro members"_s},
                                                        {u"since"_s, isoAt(since - 30 * 24 * kHour)}}},
                          {u"entitlement"_s, QJsonValue::Null}};
    f.fix = {reconcile::FixStep{u"circle"_s,
                                u"circle.remove_access_group"_s,
                                {},
                                u"Remove "_s + email + u" from access group Pro members"_s}};
    return f;
}

reconcile::Finding missingTag(qint64 person, const QString &email, Millis since)
{
    reconcile::Finding f;
    f.rule = reconcile::rule::MissingTag;
    f.key = u"missing_tag|"_s + email;
    f.severity = reconcile::Severity::Medium;
    f.personId = person;
    f.emails = {email};
    f.since = since;
    f.summary = u"Paid for Pro (monthly) but not tagged pro-customer in Kit"_s;
    f.why = u"The policy tags Pro customers in Kit so they get the onboarding emails."_s;
    f.facts = QJsonObject{{u"kit_tag"_s, QJsonObject{{u"id"_s, u"501"_s}, {u"name"_s, u"pro-customer"_s}}},
                          {u"kit_subscriber"_s, QJsonValue::Null}};
    f.fix = {
        reconcile::FixStep{u"kit"_s, u"kit.add_tag"_s, {}, u"Tag "_s + email + u" pro-customer in Kit"_s}};
    return f;
}

reconcile::Finding syncStale(Millis since)
{
    reconcile::Finding f;
    f.rule = reconcile::rule::SyncStale;
    f.key = u"sync_stale|kit"_s;
    f.severity = reconcile::Severity::Medium;
    f.since = since;
    f.summary = u"Kit has not synced since "_s + isoAt(since);
    f.why = u"Findings about Kit are only as fresh as its last sync."_s;
    f.facts =
        QJsonObject{{u"sync"_s, QJsonObject{{u"provider"_s, u"kit"_s}, {u"last_ok_at"_s, isoAt(since)}}}};
    f.fix = {reconcile::FixStep{
        u"local"_s, u"manual"_s, {}, u"Check the Kit connection (Connections page) and sync now"_s}};
    return f;
}

QStringList column(const QAbstractItemModel *m, int col, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out.append(m->index(r, col).data(role).toString());
    return out;
}
} // namespace

class TestAttentionPage : public QObject {
    Q_OBJECT
    test::TempCache m_cache;
    std::unique_ptr<store::Queries> m_queries;
    std::unique_ptr<store::FindingsStore> m_store;
    qint64 m_ada = 0, m_ben = 0, m_cleo = 0;

    void customer(store::Store &store, const QString &id, const QString &email, const QString &name)
    {
        stripe::StripeMapper mapper;
        const qint64 created = kNow / 1000 - 40 * 86400;
        for (const QJsonObject &o : {QJsonObject{{u"id"_s, id},
                                                 {u"object"_s, u"customer"_s},
                                                 {u"email"_s, email},
                                                 {u"name"_s, name},
                                                 {u"created"_s, created},
                                                 {u"livemode"_s, false}},
                                     QJsonObject{{u"id"_s, QString(u"ch_"_s + id.mid(4))},
                                                 {u"object"_s, u"charge"_s},
                                                 {u"customer"_s, id},
                                                 {u"amount"_s, 4900},
                                                 {u"amount_refunded"_s, 0},
                                                 {u"currency"_s, u"usd"_s},
                                                 {u"status"_s, u"succeeded"_s},
                                                 {u"paid"_s, true},
                                                 {u"refunded"_s, false},
                                                 {u"description"_s, u"Pro membership"_s},
                                                 {u"created"_s, created + 60}}}) {
            auto items = mapper.mapObject(o, kNow);
            QVERIFY2(items, qPrintable(items.error().message));
            for (const IngestItem &item : items.value()) {
                auto r = store.ingest(item);
                QVERIFY2(r, qPrintable(r.error().message));
            }
        }
    }

    // The pass every test starts from: two urgent findings and a medium one.
    reconcile::ReconcileResult standardPass() const
    {
        reconcile::ReconcileResult r;
        r.findings = {paidWithoutAccess(m_ada, u"ada@example.com"_s, kNow - 3 * kHour),
                      missingTag(m_cleo, u"cleo@example.com"_s, kNow - 5 * 24 * kHour),
                      accessWithoutPayment(m_ben, u"ben@example.com"_s, kNow - 2 * 24 * kHour)};
        return r;
    }

    void applyPass(const reconcile::ReconcileResult &pass, Millis at = kNow)
    {
        auto delta = m_store->apply(pass, store::ReconcileScope{}, at);
        QVERIFY2(delta, qPrintable(delta.error().message));
    }

    qint64 idOf(const QString &rule)
    {
        store::FindingFilter f;
        f.rules = {rule};
        f.statuses = {u"open"_s, u"snoozed"_s};
        auto found = m_store->list(f);
        return found && !found.value().isEmpty() ? found.value().first().id : 0;
    }

    void saveScreen(QWidget *w, const QString &name)
    {
        const QString dir = QCoreApplication::applicationDirPath() + u"/screens"_s;
        QDir().mkpath(dir);
        QCoreApplication::processEvents();
        QVERIFY(w->grab().save(dir + u'/' + name + u".png"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The Mute setting goes to a throwaway place.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"SwitchboardTest"_s);
        QCoreApplication::setApplicationName(u"tst_attentionpage"_s);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        qputenv("USER", "founder");
        Clock::setSource([] { return kNow; });
        store::Store store(m_cache.db());
        QVERIFY(store.begin());
        customer(store, u"cus_ada"_s, u"ada@example.com"_s, u"Ada Lovelace"_s);
        customer(store, u"cus_ben"_s, u"ben@example.com"_s, u"Ben Okafor"_s);
        customer(store, u"cus_cleo"_s, u"cleo@example.com"_s, u"Cleo Martins"_s);
        QVERIFY(store.commit());
        m_queries = std::make_unique<store::Queries>(m_cache.db());
        m_store = std::make_unique<store::FindingsStore>(m_cache.db());
        m_ada = m_queries->resolvePerson(u"cus_ada"_s).value();
        m_ben = m_queries->resolvePerson(u"cus_ben"_s).value();
        m_cleo = m_queries->resolvePerson(u"cus_cleo"_s).value();
        QVERIFY(m_ada && m_ben && m_cleo);
    }

    void init() { applyPass(standardPass()); }
    void cleanupTestCase() { Clock::setSource(nullptr); }

    void listsTheMostSevereFirstThenTheOldest()
    {
        ui::AttentionPage page(m_store.get(), m_queries.get());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(page.isShowingList());
        const QAbstractItemModel *m = page.findingsView()->model();
        QCOMPARE(m->rowCount(), 3);
        QCOMPARE(column(m, models::FindingsModel::SeverityColumn),
                 (QStringList{u"High"_s, u"High"_s, u"Medium"_s}));
        // Within a severity the oldest first: Ben's 2 days before Ada's 3 hours.
        QCOMPARE(m->index(0, 0).data(models::FindingsModel::PersonIdRole).toLongLong(), m_ben);
        QCOMPARE(m->index(1, 0).data(models::FindingsModel::PersonIdRole).toLongLong(), m_ada);
        QCOMPARE(m->index(1, models::FindingsModel::PersonColumn).data().toString(),
                 u"Ada Lovelace · ada@example.com"_s);
        QCOMPARE(m->index(1, models::FindingsModel::RuleColumn).data().toString(), u"Paid without access"_s);
        QCOMPARE(m->index(1, models::FindingsModel::SinceColumn).data().toString(), u"3 h"_s);
        QCOMPARE(m->index(0, models::FindingsModel::SinceColumn).data().toString(), u"2 d"_s);
        QCOMPARE(m->index(1, 0).data(models::FindingsModel::SeverityRole).toInt(),
                 int(reconcile::Severity::High));
        QCOMPARE(page.openCount(), 3);
        QCOMPARE(page.highCount(), 2);
    }

    void pagesArriveAsTheViewScrolls()
    {
        ui::AttentionPage page(m_store.get(), m_queries.get());
        models::FindingsModel *model = page.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setPageSize(2);
        model->setFilter(model->filter());
        QCOMPARE(model->rowCount(), 2); // the first page only
        model->fetchMore({});           // as a view does when scrolled to the end (the tester may have asked)
        QVERIFY(!model->canFetchMore({})); // one page in flight at a time
        QTRY_COMPARE(model->rowCount(), 3);
        QVERIFY(model->isComplete());
    }

    void ruleChipsCountAndFilter()
    {
        ui::AttentionPage page(m_store.get(), m_queries.get());
        page.resize(1000, 700);
        page.show();
        auto *chip = page.findChild<QToolButton *>(u"chip:paid_without_access"_s);
        QVERIFY(chip);
        QCOMPARE(chip->text(), u"Paid without access  1"_s);
        QCOMPARE(page.findChild<QToolButton *>(u"chip:all"_s)->text(), u"All  3"_s);
        QVERIFY(!page.findChild<QToolButton *>(u"chip:dispute_open"_s)); // nothing open: no chip
        QTest::mouseClick(chip, Qt::LeftButton);
        QCOMPARE(page.ruleFilter(), reconcile::rule::PaidWithoutAccess);
        const QAbstractItemModel *m = page.findingsView()->model();
        QCOMPARE(m->rowCount(), 1);
        QCOMPARE(m->index(0, 0).data(models::FindingsModel::PersonIdRole).toLongLong(), m_ada);
        QTest::mouseClick(page.findChild<QToolButton *>(u"chip:all"_s), Qt::LeftButton);
        QCOMPARE(m->rowCount(), 3);

        // Severity and text filters narrow the same list.
        auto *severity = page.findChild<QComboBox *>(u"severityFilter"_s);
        severity->setCurrentIndex(severity->findData(int(reconcile::Severity::High)));
        QCOMPARE(m->rowCount(), 2);
        severity->setCurrentIndex(0);
        auto *text = page.findChild<QLineEdit *>(u"attentionFilter"_s);
        QTest::keyClicks(text, u"cleo"_s);
        QTRY_COMPARE(m->rowCount(), 1);
        QCOMPARE(m->index(0, 0).data(models::FindingsModel::PersonIdRole).toLongLong(), m_cleo);
        QTest::keyClicks(text, u"-nobody"_s);
        QTRY_VERIFY(!page.isShowingList());
        QVERIFY2(page.emptyText().contains(u"No findings match these filters"_s),
                 qPrintable(page.emptyText()));
        QTest::mouseClick(page.findChild<QPushButton *>(u"clearFilters"_s), Qt::LeftButton);
        QCOMPARE(m->rowCount(), 3);
    }

    void selectingExplainsWhyAndShowsTheFixPlan()
    {
        ui::AttentionPage page(m_store.get(), m_queries.get());
        page.resize(1000, 700);
        page.show();
        QVERIFY(page.selectFinding(idOf(reconcile::rule::PaidWithoutAccess)));
        const QString details = page.detailText();
        QVERIFY2(details.contains(u"HIGH · Paid without access · for 3 h"_s), qPrintable(details));
        QVERIFY2(details.contains(u"Ada Lovelace · ada@example.com"_s), qPrintable(details));
        QVERIFY2(details.contains(u"which the policy says the purchase grants"_s), qPrintable(details));
        // Facts in words, not JSON.
        QVERIFY2(details.contains(u"Access group: Pro members (101)"_s), qPrintable(details));
        QVERIFY2(details.contains(u"Product: Pro (monthly)"_s), qPrintable(details));
        QVERIFY2(!details.contains(u'{') && !details.contains(u"circle_access_group"_s), qPrintable(details));
        // The fix as a dry run; without actions (no connected account) Fix… cannot be used (tst_actionsui
        // applies it).
        QVERIFY2(details.contains(u"1. Add ada@example.com to access group Pro members"_s),
                 qPrintable(details));
        QVERIFY(!page.findChild<QPushButton *>(u"fixFinding"_s)->isEnabled());
        QVERIFY2(details.contains(u"First seen 2026-"_s), qPrintable(details));
        // The person's timeline beside it.
        QCOMPARE(page.timelineModel()->personId(), m_ada);
        QVERIFY(page.timelineModel()->rowCount() > 0);
    }

    void aFindingAboutASyncHasNoPerson()
    {
        reconcile::ReconcileResult pass = standardPass();
        pass.findings.append(syncStale(kNow - 26 * kHour));
        applyPass(pass);
        ui::AttentionPage page(m_store.get(), m_queries.get());
        const QAbstractItemModel *m = page.findingsView()->model();
        const int row = page.model()->rowOf(idOf(reconcile::rule::SyncStale));
        QVERIFY(row >= 0);
        QCOMPARE(m->index(row, models::FindingsModel::PersonColumn).data().toString(), u"All people"_s);
        QVERIFY(page.selectFinding(idOf(reconcile::rule::SyncStale)));
        QVERIFY(!page.findChild<QPushButton *>(u"openPerson"_s)->isVisibleTo(&page));
        QVERIFY2(page.detailText().contains(u"Not about one person"_s), qPrintable(page.detailText()));
        QVERIFY2(page.detailText().contains(u"Last good sync: "_s), qPrintable(page.detailText()));
        QCOMPARE(page.timelineModel()->personId(), 0);
        applyPass(standardPass()); // resolves it again
    }

    void keyboardWalksTheListAndEnterOpensThePerson()
    {
        ui::AttentionPage page(m_store.get(), m_queries.get());
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy opened(&page, &ui::AttentionPage::personRequested);
        page.focusList();
        QTRY_VERIFY(page.findingsView()->hasFocus());
        QCOMPARE(page.currentFindingId(), idOf(reconcile::rule::AccessWithoutPayment));
        QTest::keyClick(page.findingsView(), Qt::Key_Down);
        QCOMPARE(page.currentFindingId(), idOf(reconcile::rule::PaidWithoutAccess));
        QVERIFY(page.detailText().contains(u"Ada Lovelace"_s));
        QTest::keyClick(page.findingsView(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toLongLong(), m_ada);
        QTest::mouseClick(page.findChild<QPushButton *>(u"openPerson"_s), Qt::LeftButton);
        QCOMPARE(opened.size(), 2);
    }

    void snoozeNeedsAReasonAndHidesTheFinding()
    {
        ui::AttentionPage page(m_store.get(), m_queries.get());
        // A snooze is an action: it goes through the sync thread, with writes unlocked.
        Config config;
        config.dbPath = m_cache.path();
        sync::SyncEngine engine(config);
        ui::ActionsController actions(&engine, &page);
        page.setActions(&actions);
        actions.unlock(u"founder"_s);
        page.resize(1000, 700);
        page.show();
        const qint64 ada = idOf(reconcile::rule::PaidWithoutAccess);
        QVERIFY(page.selectFinding(ada));
        auto *snooze = page.findChild<QPushButton *>(u"snooze"_s);
        auto *reason = page.findChild<QLineEdit *>(u"snoozeReason"_s);
        QVERIFY(snooze->isVisible());
        QVERIFY(!snooze->isEnabled()); // no reason, no snooze
        QTest::keyClick(reason, Qt::Key_Return);
        QCOMPARE(m_store->byId(ada).value()->status, u"open"_s);
        QTest::keyClicks(reason, u"   "_s);
        QVERIFY(!snooze->isEnabled());
        reason->clear();

        auto *duration = page.findChild<QComboBox *>(u"snoozeFor"_s);
        duration->setCurrentIndex(1); // 1 week
        QTest::keyClicks(reason, u"Ada asked for a week off; re-check then"_s);
        QVERIFY(snooze->isEnabled());
        saveScreen(&page, u"attention-snoozing"_s);
        QTest::mouseClick(snooze, Qt::LeftButton);
        QTRY_VERIFY2(page.detailText().contains(u"Snoozed until"_s), qPrintable(page.detailText()));

        const auto stored = m_store->byId(ada).value();
        QCOMPARE(stored->status, u"snoozed"_s);
        QCOMPARE(stored->snoozedUntil, kNow + 7 * 24 * kHour);
        QCOMPARE(stored->statusActor, u"founder"_s);
        QCOMPARE(stored->statusReason, u"Ada asked for a week off; re-check then"_s);
        // Gone from the queue and the counts; the next one takes its place.
        QCOMPARE(page.model()->rowOf(ada), -1);
        QCOMPARE(page.openCount(), 2);
        QCOMPARE(page.findChild<QToolButton *>(u"chip:all"_s)->text(), u"All  2"_s);
        QVERIFY(page.currentFindingId() != 0);
        QVERIFY2(page.detailText().contains(u"Snoozed until"_s), qPrintable(page.detailText()));

        // Shown again with "Include snoozed", saying so, and lifted with a reason.
        page.findChild<QCheckBox *>(u"includeSnoozed"_s)->setChecked(true);
        QVERIFY(page.model()->rowOf(ada) >= 0);
        QVERIFY(page.selectFinding(ada));
        QVERIFY2(page.detailText().contains(u"by founder: Ada asked for a week off"_s),
                 qPrintable(page.detailText()));
        auto *unsnooze = page.findChild<QPushButton *>(u"unsnooze"_s);
        QVERIFY(unsnooze->isVisible() && !snooze->isVisible());
        QVERIFY(!unsnooze->isEnabled());
        QTest::keyClicks(reason, u"She is back"_s);
        QTest::mouseClick(unsnooze, Qt::LeftButton);
        QTRY_COMPARE(m_store->byId(ada).value()->status, u"open"_s);
        QTRY_COMPARE(page.openCount(), 3);
    }

    void refreshKeepsTheSelection()
    {
        ui::AttentionPage page(m_store.get(), m_queries.get());
        const qint64 cleo = idOf(reconcile::rule::MissingTag);
        QVERIFY(page.selectFinding(cleo));
        // A new pass: an urgent finding arrives above it.
        reconcile::ReconcileResult pass = standardPass();
        reconcile::Finding dispute = paidWithoutAccess(m_cleo, u"cleo@example.com"_s, kNow - 30 * 24 * kHour);
        dispute.rule = reconcile::rule::DisputeOpen;
        dispute.key = u"dispute_open|du_1"_s;
        dispute.summary = u"Dispute of $49.00 needs a response"_s;
        pass.findings.append(dispute);
        applyPass(pass, kNow + 60 * 1000);
        QSignalSpy counts(&page, &ui::AttentionPage::countsChanged);
        page.refresh();
        QCOMPARE(page.currentFindingId(), cleo);
        QCOMPARE(page.model()->rowCount(), 4);
        QCOMPARE(page.model()->index(0, 0).data(models::FindingsModel::RuleRole).toString(),
                 reconcile::rule::DisputeOpen);
        QVERIFY(page.findChild<QToolButton *>(u"chip:dispute_open"_s));
        QCOMPARE(counts.size(), 1);
        QCOMPARE(counts.first().at(0).toInt(), 4);
        QCOMPARE(counts.first().at(1).toInt(), 3);
        // Back to the standard pass: the dispute resolves itself, and the selection stays.
        applyPass(standardPass(), kNow + 120 * 1000);
        page.refresh();
        QCOMPARE(page.currentFindingId(), cleo);
        QVERIFY(!page.findChild<QToolButton *>(u"chip:dispute_open"_s));
        QCOMPARE(counts.size(), 2);
    }

    void emptyQueueSaysNothingNeedsAttention()
    {
        test::TempCache empty;
        store::Queries queries(empty.db());
        store::FindingsStore findings(empty.db());
        ui::AttentionPage page(&findings, &queries);
        page.resize(1000, 600);
        page.show();
        QVERIFY(!page.isShowingList());
        QVERIFY2(page.emptyText().startsWith(u"Nothing needs attention"_s), qPrintable(page.emptyText()));
        page.setChecking(true);
        QVERIFY2(page.emptyText().startsWith(u"Checking for disagreements"_s), qPrintable(page.emptyText()));
        page.setChecking(false);
        page.setLastChecked(kNow - 5 * 60 * 1000);
        QVERIFY2(page.emptyText().contains(u"agreed at the last check"_s) &&
                     page.emptyText().contains(u"5 min ago"_s),
                 qPrintable(page.emptyText()));
        saveScreen(&page, u"attention-empty"_s);
        page.setCheckError(u"the policy could not be read"_s);
        QVERIFY(page.findChild<QLabel *>(u"checkError"_s)->isVisible());
        page.setCheckError({});
        QVERIFY(!page.findChild<QLabel *>(u"checkError"_s)->isVisible());
    }

    void theWindowOpensOnTheQueueAndCountsIt()
    {
        auto w = ui::MainWindow::create(m_cache.path(), nullptr);
        QVERIFY2(w, qPrintable(w.error().message));
        ui::MainWindow *window = w.value().get();
        window->resize(1180, 720);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(window->attentionPage()->isVisible()); // the landing page: there is something to do
        QCOMPARE(window->attentionButton()->text(), u"Attention (3)"_s);
        saveScreen(window, u"attention"_s);

        // Enter on a finding opens the person, whose page shows the findings at the top; Ctrl+1 comes back.
        window->attentionPage()->focusList();
        QTest::keyClick(window->attentionPage()->findingsView(), Qt::Key_Down);
        QTest::keyClick(window->attentionPage()->findingsView(), Qt::Key_Return);
        QTRY_VERIFY(window->personPage()->isVisible());
        QCOMPARE(window->personPage()->personId(), m_ada);
        QVERIFY(window->personPage()->findingsStrip()->isVisible());
        QVERIFY2(window->personPage()->headerText().contains(
                     u"High: Paid for Pro (monthly) but not in access group Pro members · for 3 h"_s),
                 qPrintable(window->personPage()->headerText()));
        QTest::qWait(50);
        auto *why = window->personPage()->findingsStrip()->findChild<QToolButton *>(u"findingDetails"_s);
        QVERIFY(why);
        QTest::mouseClick(why, Qt::LeftButton);
        QVERIFY(window->personPage()
                    ->findingsStrip()
                    ->findChild<QWidget *>(u"findingExplanation"_s)
                    ->isVisible());
        saveScreen(window, u"personpage-findings"_s);
        QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(window->attentionPage()->isVisible());
        QTRY_VERIFY(window->attentionPage()->findingsView()->hasFocus());
        // Ctrl+K still finds a person, even from the filter field.
        auto *filter = window->attentionPage()->findChild<QLineEdit *>(u"attentionFilter"_s);
        filter->setFocus();
        QTest::keyClick(filter, Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(window->searchPanel()->isAncestorOf(QApplication::focusWidget()));

        // The status bar's count opens the queue too.
        window->openPerson(m_ben);
        QTest::mouseClick(window->attentionButton(), Qt::LeftButton);
        QVERIFY(window->attentionPage()->isVisible());
        window->attentionPage()->setRuleFilter(reconcile::rule::AccessWithoutPayment);
        saveScreen(window, u"attention-filtered"_s);
        window->attentionPage()->setRuleFilter({});

        // Without a system tray an urgent finding shows as a banner in the window; clicking it opens the
        // queue.
        window->openPerson(m_cleo);
        window->alerts()->setTrayAllowed(false);
        window->alerts()->muteAction()->setChecked(false);
        store::FindingsDelta delta;
        delta.newlyOpened = {*m_store->byId(idOf(reconcile::rule::PaidWithoutAccess)).value(),
                             *m_store->byId(idOf(reconcile::rule::AccessWithoutPayment)).value()};
        window->alerts()->findingsChanged(delta);
        Clock::setSource([] { return kNow + ui::AttentionNotifier::kCoalesceDelay; });
        window->alerts()->flush();
        Clock::setSource([] { return kNow; });
        QVERIFY2(window->alerts()->bannerText().startsWith(u"2 new urgent findings"_s),
                 qPrintable(window->alerts()->bannerText()));
        saveScreen(window, u"attention-banner"_s);
        QTest::mouseClick(window->findChild<QPushButton *>(u"attentionBannerOpen"_s), Qt::LeftButton);
        QVERIFY(window->attentionPage()->isVisible());
        QVERIFY(window->alerts()->bannerText().isEmpty());
    }

    void muteIsRemembered()
    {
        {
            auto w = ui::MainWindow::create(m_cache.path(), nullptr);
            QVERIFY(w);
            w.value()->alerts()->muteAction()->setChecked(true);
        }
        auto w = ui::MainWindow::create(m_cache.path(), nullptr);
        QVERIFY(w);
        QVERIFY(w.value()->alerts()->muteAction()->isChecked());
        QVERIFY(w.value()->alerts()->notifier().isMuted());
        w.value()->alerts()->muteAction()->setChecked(false);
    }
};

QTEST_MAIN(TestAttentionPage)
#include "tst_attentionpage.moc"
