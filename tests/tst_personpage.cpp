// Widget test (offscreen): the person page over a hand-built cache of one person in Stripe, Circle and Kit.
#include "FindingsStrip.h"
#include "MainWindow.h"
#include "PersonPage.h"
#include "SearchPanel.h"
#include "TestUtil.h"
#include "TimelineDelegate.h"
#include "audit/AuditLog.h"
#include "models/SearchModel.h"
#include "models/TimelineModel.h"
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitMapper.h"
#include "providers/stripe/StripeMapper.h"
#include "store/FindingsStore.h"
#include "store/Queries.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDesktopServices>
#include <QDir>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <limits>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
constexpr Millis kNow = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr Millis kDay = 24 * 3600 * 1000;
constexpr Millis kEveRemoved = kNow - 10 * kDay; // when a sync saw Eve's group and tag gone
const QString kAdaProfile = u"https://community.example.com/u/ada-lovelace"_s;

QStringList column(const QAbstractItemModel *m, int col, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out.append(m->index(r, col).data(role).toString());
    return out;
}
} // namespace

class TestPersonPage : public QObject {
    Q_OBJECT
    test::TempCache m_cache;
    std::unique_ptr<store::Queries> m_queries;
    qint64 m_ada = 0, m_ben = 0, m_adaShop = 0;
    QList<QUrl> m_opened;

    void ingestAll(store::Store &store, const QList<IngestItem> &items)
    {
        for (const IngestItem &item : items) {
            auto r = store.ingest(item);
            QVERIFY2(r, qPrintable(r.error().message));
        }
    }

    void stripeCustomer(store::Store &store, const QString &id, const QString &email, const QString &name,
                        qint64 amount)
    {
        stripe::StripeMapper mapper;
        const qint64 created = kNow / 1000 - 90 * 86400;
        for (const QJsonObject &o : {QJsonObject{{u"id"_s, id},
                                                 {u"object"_s, u"customer"_s},
                                                 {u"email"_s, email},
                                                 {u"name"_s, name},
                                                 {u"created"_s, created},
                                                 {u"livemode"_s, false}},
                                     QJsonObject{{u"id"_s, QString(u"ch_"_s + id.mid(4))},
                                                 {u"object"_s, u"charge"_s},
                                                 {u"customer"_s, id},
                                                 {u"amount"_s, amount},
                                                 {u"amount_refunded"_s, 0},
                                                 {u"currency"_s, u"usd"_s},
                                                 {u"status"_s, u"succeeded"_s},
                                                 {u"paid"_s, true},
                                                 {u"refunded"_s, false},
                                                 {u"description"_s, u"Pro membership"_s},
                                                 {u"created"_s, created + 60}}}) {
            auto items = mapper.mapObject(o, kNow);
            QVERIFY2(items, qPrintable(items.error().message));
            ingestAll(store, items.value());
        }
    }

public Q_SLOTS:
    // Stands in for the desktop's browser (QDesktopServices::setUrlHandler).
    void openUrl(const QUrl &url) { m_opened.append(url); }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); // "$49.00" whatever LANG says
        store::Store store(m_cache.db());
        QVERIFY(store.begin());

        // Ada: paid in Stripe, an active Circle member in the Pro group, a Kit subscriber whose email
        // bounced.
        stripeCustomer(store, u"cus_ada"_s, u"ada@example.com"_s, u"Ada Lovelace"_s, 4900);
        circle::CircleMapper circle;
        const QJsonObject group{{u"id"_s, 11}, {u"name"_s, u"Pro members"_s}};
        const QJsonObject space{{u"id"_s, 21}, {u"name"_s, u"General"_s}};
        circle.learn(circle::kind::AccessGroup, group);
        circle.learn(circle::kind::Space, space);
        ingestAll(store, circle.map(circle::kind::AccessGroup, group, kNow));
        ingestAll(store, circle.map(circle::kind::Space, space, kNow));
        ingestAll(store, circle.map(circle::kind::Member,
                                    QJsonObject{{u"id"_s, 501},
                                                {u"email"_s, u"ada@example.com"_s},
                                                {u"name"_s, u"Ada Lovelace"_s},
                                                {u"active"_s, true},
                                                {u"created_at"_s, u"2025-10-05T10:00:00.000Z"_s},
                                                {u"accepted_invitation"_s, u"2025-10-05T10:00:00.000Z"_s},
                                                {u"profile_url"_s, kAdaProfile}},
                                    kNow));
        ingestAll(store, circle.map(circle::kind::AccessGroupMember,
                                    QJsonObject{{u"id"_s, 9001},
                                                {u"access_group_id"_s, 11},
                                                {u"community_member_id"_s, 501},
                                                {u"created_at"_s, u"2025-10-05T10:01:00.000Z"_s}},
                                    kNow));
        ingestAll(store, circle.map(circle::kind::SpaceMember,
                                    QJsonObject{{u"id"_s, 9101},
                                                {u"space_id"_s, 21},
                                                {u"community_member_id"_s, 501},
                                                {u"status"_s, u"active"_s},
                                                {u"created_at"_s, u"2025-10-05T10:02:00.000Z"_s}},
                                    kNow));
        kit::KitMapper kit;
        const QJsonObject tag{{u"id"_s, 31}, {u"name"_s, u"pro-customer"_s}};
        kit.learn(kit::kind::Tag, tag);
        ingestAll(store, kit.map(kit::kind::Tag, tag, kNow));
        const QJsonObject subscriber{{u"id"_s, 701},
                                     {u"email_address"_s, u"ada@example.com"_s},
                                     {u"first_name"_s, u"Ada"_s},
                                     {u"state"_s, u"bounced"_s},
                                     {u"created_at"_s, u"2025-10-04T09:00:00Z"_s}};
        ingestAll(store, kit.map(kit::kind::Subscriber, subscriber, kNow));
        ingestAll(store, kit.mapTagging(u"31"_s,
                                        QJsonObject{{u"id"_s, 701},
                                                    {u"email_address"_s, u"ada@example.com"_s},
                                                    {u"tagged_at"_s, u"2025-10-05T10:03:00Z"_s}},
                                        kNow));
        // Kit keeps no history of states: the bounce is what a sync saw, stored as an observation.
        ingestAll(store, kit.subscriberChanges({}, subscriber, kNow - 3600 * 1000));

        // Ben: paid, a Circle member, but in no access group; unknown to Kit.
        stripeCustomer(store, u"cus_ben"_s, u"ben@example.com"_s, u"Ben Okafor"_s, 9900);
        ingestAll(store, circle.map(circle::kind::Member,
                                    QJsonObject{{u"id"_s, 502},
                                                {u"email"_s, u"ben@example.com"_s},
                                                {u"name"_s, u"Ben Okafor"_s},
                                                {u"active"_s, true},
                                                {u"created_at"_s, u"2025-11-02T08:00:00.000Z"_s},
                                                {u"accepted_invitation"_s, u"2025-11-02T08:00:00.000Z"_s},
                                                {u"profile_url"_s, u"https://community.example.com/u/ben"_s}},
                                    kNow));

        // Another customer whose address is Ada's with dots and a +suffix, and a name with markup in it.
        stripeCustomer(store, u"cus_adashop"_s, u"a.d.a+shop@example.com"_s, u"<b>Ada</b> & Co"_s, 1500);
        // Cleo: a crowded header. Many spaces and tags, two Kit subscribers, three look-alike addresses.
        stripeCustomer(store, u"cus_cleo"_s, u"cleo@example.com"_s, u"Cleo Martins"_s, 29900);
        ingestAll(store, circle.map(circle::kind::Member,
                                    QJsonObject{{u"id"_s, 503},
                                                {u"email"_s, u"cleo@example.com"_s},
                                                {u"name"_s, u"Cleo Martins"_s},
                                                {u"active"_s, false},
                                                {u"created_at"_s, u"2025-09-01T08:00:00.000Z"_s},
                                                {u"accepted_invitation"_s, u"2025-09-01T08:00:00.000Z"_s}},
                                    kNow));
        const QStringList spaces = {u"General"_s,           u"Introductions"_s,  u"Weekly office hours"_s,
                                    u"Wins and launches"_s, u"Pricing clinic"_s, u"Book club"_s};
        for (int n = 0; n < spaces.size(); ++n) {
            const QJsonObject sp{{u"id"_s, 40 + n}, {u"name"_s, spaces.at(n)}};
            circle.learn(circle::kind::Space, sp);
            ingestAll(store, circle.map(circle::kind::Space, sp, kNow));
            ingestAll(store, circle.map(circle::kind::SpaceMember,
                                        QJsonObject{{u"id"_s, 9200 + n},
                                                    {u"space_id"_s, 40 + n},
                                                    {u"community_member_id"_s, 503},
                                                    {u"status"_s, n == 4 ? u"inactive"_s : u"active"_s},
                                                    {u"created_at"_s, u"2025-09-02T08:00:00.000Z"_s}},
                                        kNow));
        }
        for (const auto &[id, email, state] : {std::tuple{702, u"cleo@example.com"_s, u"cancelled"_s},
                                               std::tuple{703, u"Cleo@Example.com"_s, u"active"_s}})
            ingestAll(store, kit.map(kit::kind::Subscriber,
                                     QJsonObject{{u"id"_s, id},
                                                 {u"email_address"_s, email},
                                                 {u"first_name"_s, u"Cleo"_s},
                                                 {u"state"_s, state},
                                                 {u"created_at"_s, u"2025-09-01T07:00:00Z"_s}},
                                     kNow));
        int lookAlikes = 0;
        for (const QString &lookAlike :
             {u"c.leo@example.com"_s, u"cleo+1@example.com"_s, u"cleo+2@example.com"_s})
            stripeCustomer(store, u"cus_lookalike%1"_s.arg(++lookAlikes), lookAlike, {}, 100);
        // Dee: more look-alikes than fit in a line.
        stripeCustomer(store, u"cus_dee"_s, u"dee@example.com"_s, u"Dee Park"_s, 100);
        for (int n = 1; n <= 8; ++n)
            stripeCustomer(store, u"cus_deealike%1"_s.arg(n), u"dee+%1@example.com"_s.arg(n), {}, 100);
        // Eve: paid, in the Pro group and tagged pro-customer from October 10; a sync saw both gone on
        // December 22 (for "as of" a moment before that).
        stripeCustomer(store, u"cus_eve"_s, u"eve@example.org"_s, u"Eve Brandt"_s, 4900);
        ingestAll(store, circle.map(circle::kind::Member,
                                    QJsonObject{{u"id"_s, 504},
                                                {u"email"_s, u"eve@example.org"_s},
                                                {u"name"_s, u"Eve Brandt"_s},
                                                {u"active"_s, true},
                                                {u"created_at"_s, u"2025-10-10T09:00:00.000Z"_s},
                                                {u"accepted_invitation"_s, u"2025-10-10T09:00:00.000Z"_s}},
                                    kNow));
        ingestAll(store, circle.map(circle::kind::AccessGroupMember,
                                    QJsonObject{{u"id"_s, 9301},
                                                {u"access_group_id"_s, 11},
                                                {u"community_member_id"_s, 504},
                                                {u"created_at"_s, u"2025-10-10T09:01:00.000Z"_s}},
                                    kNow - 20 * kDay));
        const QJsonObject eveSubscriber{{u"id"_s, 704},
                                        {u"email_address"_s, u"eve@example.org"_s},
                                        {u"first_name"_s, u"Eve"_s},
                                        {u"state"_s, u"active"_s},
                                        {u"created_at"_s, u"2025-10-10T09:00:00Z"_s}};
        ingestAll(store, kit.map(kit::kind::Subscriber, eveSubscriber, kNow));
        ingestAll(store, kit.mapTagging(u"31"_s,
                                        QJsonObject{{u"id"_s, 704},
                                                    {u"email_address"_s, u"eve@example.org"_s},
                                                    {u"tagged_at"_s, u"2025-10-10T09:02:00Z"_s}},
                                        kNow - 20 * kDay));
        // What a full sync does when a listing no longer shows a membership.
        const auto eveGroup =
            store.membership(provider::Circle, circle::kind::AccessGroup, u"11"_s, u"504"_s);
        const auto eveTag = store.membership(provider::Kit, kit::kind::Tag, u"31"_s, u"704"_s);
        QVERIFY(eveGroup && eveGroup.value() && eveTag && eveTag.value());
        QVERIFY(
            store.removeMembership(provider::Circle, circle::kind::AccessGroup, u"11"_s, *eveGroup.value()));
        QVERIFY(store.removeMembership(provider::Kit, kit::kind::Tag, u"31"_s, *eveTag.value()));
        ingestAll(store,
                  QList<IngestItem>{
                      circle.removal(circle::kind::AccessGroup, u"11"_s, *eveGroup.value(), kEveRemoved),
                      kit.removal(kit::kind::Tag, u"31"_s, *eveTag.value(), kEveRemoved)});
        QVERIFY(store.commit());

        m_queries = std::make_unique<store::Queries>(m_cache.db());
        m_ada = m_queries->resolvePerson(u"cus_ada"_s).value();
        m_ben = m_queries->resolvePerson(u"cus_ben"_s).value();
        m_adaShop = m_queries->resolvePerson(u"cus_adashop"_s).value();
        QVERIFY(m_ada && m_ben && m_adaShop);
        QCOMPARE(m_queries->resolvePerson(u"701"_s).value(), m_ada); // one person across the three systems
        QDesktopServices::setUrlHandler(u"https"_s, this, "openUrl");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(u"https"_s); }

    void headerSaysWhereThePersonStandsInEachSystem()
    {
        ui::PersonPage page(m_queries.get());
        page.showPerson(m_ada);
        const QString header = page.headerText();
        QVERIFY2(header.contains(u"Ada Lovelace"_s), qPrintable(header));
        QVERIFY2(header.contains(u"ada@example.com"_s), qPrintable(header));
        QVERIFY2(header.contains(u"Stripe: Paid · $49.00 net"_s), qPrintable(header));
        QVERIFY2(header.contains(u"Circle: Active member · groups: Pro members · spaces: General"_s),
                 qPrintable(header));
        QVERIFY2(header.contains(u"Kit: Bounced · tags: pro-customer"_s), qPrintable(header));
        QVERIFY2(!header.contains(u"accounts"_s) && !header.contains(u"Paid but"_s), qPrintable(header));

        page.showPerson(m_ben);
        const QString ben = page.headerText();
        QVERIFY2(ben.contains(u"Stripe: Paid · $99.00 net"_s), qPrintable(ben));
        // In no access group: said in words. What that means is the reconciler's to say, in the findings at
        // the top of the page (personPageShowsItsFindingsAtTheTop); the page guesses nothing by itself.
        QVERIFY2(ben.contains(u"Circle: Active member · no access group"_s), qPrintable(ben));
        QVERIFY2(!ben.contains(u"Paid but"_s), qPrintable(ben));
        QVERIFY2(ben.contains(u"Kit: Not a subscriber"_s), qPrintable(ben));
        QVERIFY2(!ben.contains(u"Possibly the same person"_s), qPrintable(ben));

        page.showPerson(m_queries->resolvePerson(u"cus_cleo"_s).value());
        const QString cleo = page.headerText();
        QVERIFY2(cleo.contains(u"Circle: Deactivated (inactive) · no access group · spaces: "_s),
                 qPrintable(cleo));
        QVERIFY2(cleo.contains(u"Pricing clinic (inactive)"_s), qPrintable(cleo));
        QVERIFY2(cleo.contains(u"Kit: Active · 2 accounts"_s), qPrintable(cleo));
        QVERIFY2(cleo.contains(u"c.leo@example.com"_s) && cleo.contains(u"cleo+2@example.com"_s),
                 qPrintable(cleo));
    }

    void personPageShowsItsFindingsAtTheTop()
    {
        store::FindingsStore findings(m_cache.db());
        reconcile::Finding paid;
        paid.rule = reconcile::rule::PaidWithoutAccess;
        paid.key = u"paid_without_access|stripe:cus_ben|circle:access_group:11"_s;
        paid.severity = reconcile::Severity::High;
        paid.personId = m_ben;
        paid.emails = {u"ben@example.com"_s};
        paid.since = kNow - 2 * 3600 * 1000;
        paid.summary = u"Paid for Pro but not in access group Pro members"_s;
        paid.why = u"ben@example.com paid and is a Circle member, but not in access group Pro members."_s;
        paid.fix = {reconcile::FixStep{u"circle"_s,
                                       u"circle.add_access_group"_s,
                                       {},
                                       u"Add ben@example.com to access group Pro members"_s}};
        reconcile::Finding lookAlike = paid;
        lookAlike.rule = reconcile::rule::PossibleSamePerson;
        lookAlike.key = u"possible_same_person|ben"_s;
        lookAlike.severity = reconcile::Severity::Low;
        lookAlike.summary = u"Possibly the same person as b.en@example.com"_s;
        lookAlike.fix = {};
        reconcile::ReconcileResult pass;
        pass.findings = {lookAlike, paid};
        auto applied = findings.apply(pass, {}, kNow);
        QVERIFY2(applied, qPrintable(applied.error().message));

        ui::PersonPage page(m_queries.get());
        page.findingsStrip()->setStore(&findings);
        page.resize(1000, 700);
        page.show();
        page.showPerson(m_ben);
        ui::FindingsStrip *strip = page.findingsStrip();
        QVERIFY(strip->isVisible());
        // Most severe first, at the top: above where the person stands in each system.
        const QString header = page.headerText();
        const qsizetype urgent = header.indexOf(u"High: Paid for Pro but not in access group Pro members"_s);
        const qsizetype low = header.indexOf(u"Low: Possibly the same person as b.en@example.com"_s);
        QVERIFY2(urgent >= 0 && low > urgent && header.indexOf(u"Stripe: Paid"_s) > low, qPrintable(header));
        const auto *details = page.findChild<QWidget *>(u"personDetails"_s);
        QVERIFY(strip->mapTo(&page, QPoint()).y() < details->mapTo(&page, QPoint()).y());
        // The why and the fix plan wait behind "Why?".
        auto *explanation = strip->findChild<QWidget *>(u"findingExplanation"_s);
        QVERIFY(!explanation->isVisible());
        QTest::mouseClick(strip->findChild<QToolButton *>(u"findingDetails"_s), Qt::LeftButton);
        QVERIFY(explanation->isVisible());
        const auto *plan = explanation->findChild<QLabel *>(u"findingFixPlan"_s);
        QVERIFY2(plan && plan->text().contains(u"1. Add ben@example.com to access group Pro members"_s),
                 qPrintable(plan ? plan->text() : QString()));
        QVERIFY(strip->findChild<QFrame *>(u"finding"_s)->toolTip().contains(u"but not in access group"_s));

        // Someone with nothing wrong: no strip at all.
        page.showPerson(m_ada);
        QVERIFY(!strip->isVisible());
        QVERIFY(findings.apply({}, {}, kNow + 1000)); // resolved again, for the other tests
    }

    void filtersLimitRowsToOneSystemAndKind()
    {
        ui::PersonPage page(m_queries.get());
        QAbstractItemModelTester tester(page.timelineModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.showPerson(m_ada);
        const QAbstractItemModel *model = page.timelineView()->model();
        const QStringList all = column(model, models::TimelineModel::SystemColumn);
        QVERIFY2(all.contains(u"Stripe"_s) && all.contains(u"Circle"_s) && all.contains(u"Kit"_s),
                 qPrintable(all.join(u", "_s)));

        auto *circleButton = page.findChild<QToolButton *>(u"filter:circle"_s);
        auto *kinds = page.findChild<QComboBox *>(u"kindFilter"_s);
        QVERIFY(circleButton && kinds);
        circleButton->click();
        const QStringList circleRows = column(model, models::TimelineModel::SystemColumn);
        QCOMPARE(circleRows, QStringList(circleRows.size(), u"Circle"_s));
        QCOMPARE(circleRows.size(), all.count(u"Circle"_s));
        // The kinds offered are Circle's only.
        QStringList offered;
        for (int i = 1; i < kinds->count(); ++i)
            offered.append(kinds->itemData(i).toString());
        QCOMPARE(QSet<QString>(offered.begin(), offered.end()),
                 (QSet<QString>{u"member_created"_s, u"access_granted"_s, u"space_joined"_s}));

        kinds->setCurrentIndex(kinds->findData(u"access_granted"_s));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(models::TimelineModel::KindRole).toString(), u"access_granted"_s);
        QVERIFY(
            model->index(0, models::TimelineModel::WhatColumn).data().toString().contains(u"Pro members"_s));

        // Back to every system: the kind stays chosen (it still exists), then All kinds shows everything.
        page.findChild<QToolButton *>(u"filter:all"_s)->click();
        QCOMPARE(model->rowCount(), 1);
        kinds->setCurrentIndex(0);
        QCOMPARE(model->rowCount(), all.size());

        // Kit's bounce was only seen by a sync: marked as such.
        page.findChild<QToolButton *>(u"filter:kit"_s)->click();
        kinds->setCurrentIndex(kinds->findData(u"email_bounced"_s));
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(model->index(0, 0).data(models::TimelineModel::ObservedRole).toBool());
        QVERIFY(model->index(0, models::TimelineModel::WhatColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"Observed"_s));

        // Ben has no Kit rows: that filter is off; another person starts unfiltered.
        page.showPerson(m_ben);
        QVERIFY(!page.findChild<QToolButton *>(u"filter:kit"_s)->isEnabled());
        QVERIFY(page.findChild<QToolButton *>(u"filter:all"_s)->isChecked());
        QVERIFY(page.timelineModel()->filter().isEmpty());
    }

    void filteredPagesKeepTheFilter()
    {
        models::TimelineModel model(m_queries.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(1);
        model.setPerson(m_ada);
        model.setFilter(TimelineFilter{{provider::Circle}, {}});
        QCOMPARE(model.rowCount(), 1);
        for (int pages = 0; !model.isComplete() && pages < 10; ++pages) {
            const int before = model.rowCount();
            model.fetchMore({}); // may already be asked for (the model tester fetches too)
            QTRY_VERIFY(model.rowCount() > before || model.isComplete());
        }
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(column(&model, models::TimelineModel::SystemColumn),
                 QStringList(3, models::providerLabel(provider::Circle)));
        model.reload(); // the same person again keeps the filter
        QCOMPARE(model.filter().providers, QStringList{provider::Circle});
    }

    void copyIdAndOpenAtTheProvider()
    {
        ui::PersonPage page(m_queries.get());
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.showPerson(m_ada);
        QGuiApplication::clipboard()->clear();
        auto *copy = page.findChild<QPushButton *>(u"copyId:kit:701"_s);
        QVERIFY(copy);
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"701"_s);

        // From the keyboard too.
        auto *copyStripe = page.findChild<QPushButton *>(u"copyId:stripe:cus_ada"_s);
        QVERIFY(copyStripe);
        QCOMPARE(copyStripe->focusPolicy(), Qt::StrongFocus);
        copyStripe->setFocus(Qt::TabFocusReason);
        QTest::keyClick(copyStripe, Qt::Key_Space);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"cus_ada"_s);

        // Tab walks the header's actions in reading order.
        QTest::keyClick(copyStripe, Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget()->objectName(), u"open:circle:501"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), u"copyId:circle:501"_s);

        m_opened.clear();
        page.findChild<QPushButton *>(u"open:circle:501"_s)->click();
        page.findChild<QPushButton *>(u"open:kit:701"_s)->click();
        page.findChild<QPushButton *>(u"open:stripe:cus_ada"_s)->click();
        QCOMPARE(m_opened, (QList<QUrl>{QUrl(kAdaProfile), QUrl(u"https://app.kit.com/subscribers/701"_s),
                                        QUrl(u"https://dashboard.stripe.com/test/customers/cus_ada"_s)}));
    }

    void candidatesOpenTheOtherPerson()
    {
        ui::PersonPage page(m_queries.get());
        page.showPerson(m_ada);
        const QString header = page.headerText();
        QVERIFY2(header.contains(u"Possibly the same person: <b>Ada</b> & Co <a.d.a+shop@example.com>"
                                 " (address differs only by +suffix or dots)"_s),
                 qPrintable(header));
        QSignalSpy requested(&page, &ui::PersonPage::personRequested);
        auto *links = page.findChild<QLabel *>(u"candidateLinks"_s);
        QVERIFY(links);
        // Markup and '&' in a name are shown as they are: escaped inside the only rich text, the links.
        QVERIFY2(links->text().contains(u"<a href=\"person:%1\">&lt;b&gt;Ada&lt;/b&gt; &amp; Co "
                                        "&lt;a.d.a+shop@example.com&gt;</a>"_s.arg(m_adaShop)),
                 qPrintable(links->text()));
        QVERIFY(links->textInteractionFlags() & Qt::LinksAccessibleByKeyboard);

        // From the keyboard: Tab onto the link, Enter opens it.
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        links->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(links->hasFocus());
        QTest::keyClick(links, Qt::Key_Tab);
        QTest::keyClick(links, Qt::Key_Return);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toLongLong(), m_adaShop);

        // Opening the candidate from the link's own signal replaces the header that holds the link.
        connect(&page, &ui::PersonPage::personRequested, &page, &ui::PersonPage::showPerson);
        Q_EMIT links->linkActivated(u"person:%1"_s.arg(m_adaShop));
        QCOMPARE(page.personId(), m_adaShop);
        QVERIFY2(page.headerText().contains(u"Ada Lovelace <ada@example.com>"_s),
                 qPrintable(page.headerText()));
        QCoreApplication::processEvents(); // the old header goes now
    }

    void manyCandidatesWaitBehindAMenu()
    {
        ui::PersonPage page(m_queries.get());
        page.showPerson(m_queries->resolvePerson(u"cus_dee"_s).value());
        const QString header = page.headerText();
        QVERIFY2(header.contains(u"dee+1@example.com"_s) && header.contains(u"dee+8@example.com"_s),
                 qPrintable(header));
        auto *links = page.findChild<QLabel *>(u"candidateLinks"_s);
        QCOMPARE(links->text().count(u"<a href"_s), 6);
        auto *more = page.findChild<QToolButton *>(u"moreCandidates"_s);
        QVERIFY(more);
        QCOMPARE(more->text(), u"2 more"_s);
        QCOMPARE(more->menu()->actions().size(), 2);
        QSignalSpy requested(&page, &ui::PersonPage::personRequested);
        more->menu()->actions().last()->trigger();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toLongLong(),
                 m_queries->resolvePerson(u"cus_deealike8"_s).value());
    }

    void tonesOfCircleAndKitRows_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("tone");
        using T = ui::TimelineDelegate::Tone;
        const std::pair<const char *, T> cases[] = {
            {"member_created", T::Good},
            {"member_joined", T::Good},
            {"member_reactivated", T::Good},
            {"access_granted", T::Good},
            {"space_joined", T::Neutral},
            {"circle_tag_added", T::Neutral},
            {"member_deactivated", T::Warning},
            {"member_deleted", T::Bad},
            {"access_removed", T::Warning},
            {"space_left", T::Warning},
            {"space_inactive", T::Warning},
            {"circle_tag_removed", T::Warning},
            {"subscribed", T::Good},
            {"resubscribed", T::Good},
            {"kit_tag_added", T::Good},
            {"unsubscribed", T::Warning},
            {"kit_tag_removed", T::Warning},
            {"email_bounced", T::Bad},
            {"email_complained", T::Bad},
            {"email_changed", T::Neutral},
            {"payment_failed", T::Bad},
            {"dispute_won", T::Good},
            {"refund", T::Warning},
        };
        for (const auto &[kind, tone] : cases)
            QTest::newRow(kind) << QString::fromLatin1(kind) << int(tone);
    }
    void tonesOfCircleAndKitRows()
    {
        QFETCH(QString, kind);
        QFETCH(int, tone);
        QCOMPARE(int(ui::TimelineDelegate::toneOf(kind)), tone);
    }

    // Switchboard's own rows by their outcome: a failed action stands out, an unknown one is amber.
    void tonesOfSwitchboardRows()
    {
        using T = ui::TimelineDelegate::Tone;
        auto tone = [](const char *outcome) {
            return ui::TimelineDelegate::toneOf(models::AuditRowKind,
                                                QJsonObject{{u"outcome"_s, QString::fromLatin1(outcome)}});
        };
        QCOMPARE(tone("failed"), T::Bad);
        QCOMPARE(tone("unknown"), T::Warning);
        QCOMPARE(tone("pending"), T::Warning);
        QCOMPARE(tone("ok"), T::Neutral);
        QCOMPARE(tone("noop"), T::Neutral);
    }

    void searchHitsSayWhichSystemsKnowThePerson()
    {
        models::SearchModel model(m_queries.get());
        model.setQuery(u"ada@example.com"_s);
        QVERIFY(model.rowCount() >= 1);
        QCOMPARE(model.index(0, 0).data(models::SearchModel::PersonIdRole).toLongLong(), m_ada);
        QCOMPARE(model.index(0, 0).data(models::SearchModel::SystemsTextRole).toString(),
                 u"Stripe · Circle · Kit"_s);
        model.setQuery(u"ben@example.com"_s);
        QCOMPARE(model.index(0, 0).data(models::SearchModel::SystemsTextRole).toString(),
                 u"Stripe · Circle"_s);
    }

    void asOfShowsTheStateBeforeARemoval()
    {
        const qint64 eve = m_queries->resolvePerson(u"cus_eve"_s).value();
        ui::PersonPage page(m_queries.get());
        page.setAsOfLimits(3, 1000); // several pages, each read on its own turn of the event loop
        page.showPerson(eve);
        QVERIFY(page.asOfBannerText().isEmpty());
        const QString now = page.headerText();
        QVERIFY2(now.contains(u"Circle: Active member · no access group"_s), qPrintable(now));

        // Before the sync saw the removal: in the group, tagged, and the rows that made it so.
        QSignalSpy shown(&page, &ui::PersonPage::pastShown);
        page.setAsOf(kEveRemoved - 5 * kDay);
        QVERIFY(!page.isPastShown()); // the rows are read first
        QVERIFY2(page.asOfBannerText().startsWith(u"Reading Eve Brandt's timeline"_s),
                 qPrintable(page.asOfBannerText()));
        QVERIFY(shown.wait(5000));
        const QString then = page.headerText();
        QVERIFY2(page.asOfBannerText().startsWith(u"Showing Eve Brandt as of "_s),
                 qPrintable(page.asOfBannerText()));
        QVERIFY2(then.contains(u"Stripe: Entitled: Pro membership"_s), qPrintable(then));
        QVERIFY2(then.contains(u"Circle: Active member · groups: Pro members"_s), qPrintable(then));
        QVERIFY2(then.contains(u"Kit: Active · tags: pro-customer"_s), qPrintable(then));
        QVERIFY2(then.contains(u"Added to access group Pro members ("_s), qPrintable(then));
        // The removal was only seen later, so it may have happened before this moment: said so.
        QVERIFY2(then.contains(u"but a later sync saw: No longer in access group Pro members"_s),
                 qPrintable(then));
        QVERIFY(page.findChild<QLabel *>(u"evidence:circle"_s));
        QVERIFY(page.findChild<QPushButton *>(u"asOfNow"_s)->isEnabled());

        // After it: gone, no later than when the sync saw it. The rows are read already.
        page.setAsOf(kEveRemoved + kDay);
        QVERIFY(page.isPastShown());
        const QString after = page.headerText();
        QVERIFY2(after.contains(u"Circle: Active member · no access group"_s), qPrintable(after));
        QVERIFY2(after.contains(u"ended: No longer in access group Pro members (no later than "_s),
                 qPrintable(after));
        QVERIFY2(after.contains(u"Kit: Active\n"_s), qPrintable(after));

        // Before anything: nothing bought, not a member yet.
        page.setAsOf(fromMillis(kNow).addYears(-2).toMSecsSinceEpoch());
        QVERIFY2(page.headerText().contains(u"Stripe: Nothing bought by then"_s),
                 qPrintable(page.headerText()));
        QVERIFY2(page.headerText().contains(u"Circle: Not a member by then"_s),
                 qPrintable(page.headerText()));

        // Now again.
        page.findChild<QPushButton *>(u"asOfNow"_s)->click();
        QVERIFY(!page.asOf());
        QVERIFY(page.asOfBannerText().isEmpty());
        QCOMPARE(page.headerText(), now);

        // The date-time field does the same, once typing pauses.
        page.asOfEdit()->setDateTime(fromMillis(kEveRemoved - 5 * kDay).toLocalTime());
        QVERIFY(shown.wait(5000));
        QVERIFY(page.headerText().contains(u"groups: Pro members"_s));

        // Another person starts at now.
        page.showPerson(m_ada);
        QVERIFY(!page.asOf());
        QVERIFY(page.asOfBannerText().isEmpty());

        // A long history is read up to a cap, and the page says so.
        page.setAsOfLimits(2, 4);
        page.setAsOf(kNow - kDay);
        QVERIFY(shown.wait(5000));
        QVERIFY2(page.asOfBannerText().contains(u"Only the newest 4 rows were read"_s),
                 qPrintable(page.asOfBannerText()));
    }

    // Screens for people to look at (build/bin/screens/*.png); nothing asserts on pixels.
    void screenshotInTheWindow()
    {
        auto w = ui::MainWindow::create(m_cache.path(), nullptr);
        QVERIFY2(w, qPrintable(w.error().message));
        ui::MainWindow *window = w.value().get();
        window->resize(1180, 720);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const QString dir = QCoreApplication::applicationDirPath() + u"/screens"_s;
        QDir().mkpath(dir);
        for (const auto &[query, file] :
             {std::pair{u"ada"_s, u"personpage"_s}, std::pair{u"ben@"_s, u"personpage-ben"_s},
              std::pair{u"cleo@example.com"_s, u"personpage-cleo"_s},
              std::pair{u"dee@"_s, u"personpage-dee"_s}}) {
            window->searchPanel()->search(query);
            QVERIFY(window->searchPanel()->openFirstResult());
            QTRY_VERIFY(window->personPage()->isVisible());
            QTest::qWait(50); // let the layouts settle (the old header is deleted on the next turn)
            QVERIFY(window->grab().save(dir + u'/' + file + u".png"_s));
        }
        // Eve as of a moment before the sync saw her group and tag gone.
        window->searchPanel()->search(u"eve@example.org"_s);
        QVERIFY(window->searchPanel()->openFirstResult());
        QSignalSpy shown(window->personPage(), &ui::PersonPage::pastShown);
        window->personPage()->setAsOf(kEveRemoved - 5 * kDay);
        QVERIFY(shown.wait(5000));
        QTest::qWait(50);
        QVERIFY(window->grab().save(dir + u"/personpage-asof.png"_s));
    }

    // What Switchboard did about a person is on their timeline, among the systems' rows and filterable like
    // one of them; the evidence pack is one click away and shows up there too. (Last: it adds audit entries.)
    void auditEntriesAppearOnTheTimeline()
    {
        audit::AuditLog log(m_cache.db());
        audit::Entry intent;
        intent.actor = u"ana"_s;
        intent.action = u"kit.add_tag"_s;
        intent.target = u"ada@example.com → pro-customer"_s;
        intent.reason = u"Paid but no tag"_s;
        intent.outcome = audit::outcome::Pending;
        intent.subjects = {u"kit:701"_s}; // her Kit account: the person is found through any of them
        intent.at = kNow - 60 * kDay;
        auto stored = log.append(intent);
        QVERIFY2(stored, qPrintable(stored.error().message));
        audit::Entry outcome = intent;
        outcome.outcome = audit::outcome::Ok;
        outcome.intentSeq = stored.value().seq;
        outcome.at = intent.at + 1500;
        QVERIFY(log.append(outcome));
        audit::Entry other = intent;
        other.target = u"ben@example.com → pro-customer"_s;
        other.reason = u"not about Ada"_s;
        other.outcome = audit::outcome::Ok;
        other.subjects = {u"stripe:cus_ben"_s};
        QVERIFY(log.append(other));

        ui::PersonPage page(m_queries.get());
        QAbstractItemModelTester tester(page.timelineModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setAuditDatabase(m_cache.db());
        page.showPerson(m_ada);
        const QAbstractItemModel *model = page.timelineView()->model();
        QStringList ours;
        Millis previous = std::numeric_limits<Millis>::max();
        for (int r = 0; r < model->rowCount(); ++r) {
            const QModelIndex i = model->index(r, models::TimelineModel::WhatColumn);
            QVERIFY(i.data(models::TimelineModel::AtRole).toLongLong() <=
                    previous); // one order, newest first
            previous = i.data(models::TimelineModel::AtRole).toLongLong();
            if (i.data(models::TimelineModel::ProviderRole).toString() == provider::Local) {
                ours.append(i.data().toString());
                QCOMPARE(model->index(r, models::TimelineModel::SystemColumn).data().toString(),
                         u"Switchboard"_s);
            }
        }
        // One row per action: the intent with the outcome written for it.
        QCOMPARE(ours, QStringList{
                           u"Kit tag added (ada@example.com → pro-customer) by ana: Paid but no tag (ok)"_s});
        QVERIFY(column(model, models::TimelineModel::SystemColumn).contains(u"Stripe"_s));

        auto *mine = page.findChild<QToolButton *>(u"filter:local"_s);
        QVERIFY(mine && mine->isEnabled());
        mine->click();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(models::TimelineModel::KindRole).toString(), models::AuditRowKind);
        page.findChild<QToolButton *>(u"filter:all"_s)->click();
        QVERIFY(model->rowCount() > 1);
        page.showPerson(m_adaShop); // nothing recorded about her: the filter is off
        QVERIFY(!page.findChild<QToolButton *>(u"filter:local"_s)->isEnabled());

        // The evidence pack, through its button with the file dialog answered.
        page.showPerson(m_ada);
        QTemporaryDir dir;
        QString suggested;
        page.setEvidenceFileChooser([&](const QString &name) {
            suggested = name;
            return dir.filePath(name);
        });
        qputenv("USER", "founder");
        QVERIFY(page.evidenceButton()->isVisibleTo(&page));
        page.evidenceButton()->click();
        QVERIFY2(suggested.startsWith(u"evidence-ada-lovelace-"_s), qPrintable(suggested));
        QVERIFY2(QFile::exists(dir.filePath(suggested)), qPrintable(page.evidenceMessage()));
        QVERIFY2(page.evidenceMessage().startsWith(u"Evidence pack saved as "_s),
                 qPrintable(page.evidenceMessage()));
        mine->click();
        QCOMPARE(model->rowCount(), 2);
        QVERIFY2(model->index(0, models::TimelineModel::WhatColumn)
                     .data()
                     .toString()
                     .startsWith(u"Evidence pack exported"_s),
                 qPrintable(model->index(0, models::TimelineModel::WhatColumn).data().toString()));

        // How it looks in the window.
        auto w = ui::MainWindow::create(m_cache.path(), nullptr);
        QVERIFY2(w, qPrintable(w.error().message));
        ui::MainWindow *window = w.value().get();
        window->resize(1180, 720);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        window->openPerson(m_ada);
        QTest::qWait(50);
        const QString screens = QCoreApplication::applicationDirPath() + u"/screens"_s;
        QDir().mkpath(screens);
        QVERIFY(window->grab().save(screens + u"/personpage-audit.png"_s));
    }
};

QTEST_MAIN(TestPersonPage)
#include "tst_personpage.moc"
