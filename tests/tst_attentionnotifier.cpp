// Unit test: when the console interrupts the founder (urgent findings, a sync that keeps failing), coalesced
// into one notice and spaced out; times are passed in, never waited for.
#include "AttentionNotifier.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
constexpr Millis kT0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr Millis kMinute = 60 * 1000;

store::StoredFinding finding(qint64 id, reconcile::Severity severity, const QString &name,
                             const QString &summary)
{
    store::StoredFinding s;
    s.id = id;
    s.status = u"open"_s;
    s.personName = name;
    s.finding.rule = severity == reconcile::Severity::High ? reconcile::rule::PaidWithoutAccess
                                                           : reconcile::rule::MissingTag;
    s.finding.severity = severity;
    s.finding.summary = summary;
    s.finding.emails = {name.toLower() + u"@example.com"_s};
    return s;
}

sync::SyncReport report(const QString &provider, bool ok, ErrorKind kind = ErrorKind::Network)
{
    sync::SyncReport r;
    r.provider = provider;
    r.ok = ok;
    r.requests = 3;
    if (!ok)
        r.error = Error{kind, u"connection refused"_s};
    return r;
}
} // namespace

class TestAttentionNotifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nothingWaitingNothingDue()
    {
        ui::AttentionNotifier n;
        QCOMPARE(n.dueAt(), 0);
        QVERIFY(!n.take(kT0));
    }

    void onlyHighSeverityFindingsNotify()
    {
        ui::AttentionNotifier n;
        n.findingsOpened({finding(1, reconcile::Severity::Medium, u"Ada"_s, u"Kit tag missing"_s),
                          finding(2, reconcile::Severity::Low, u"Ben"_s, u"Looks alike"_s)},
                         kT0);
        QCOMPARE(n.dueAt(), 0);
        QVERIFY(!n.take(kT0 + 10 * kMinute));

        n.findingsOpened(
            {finding(3, reconcile::Severity::High, u"Cleo"_s, u"Paid for Pro but not in Pro members"_s)},
            kT0 + 10 * kMinute);
        const auto notice = n.take(kT0 + 10 * kMinute + ui::AttentionNotifier::kCoalesceDelay);
        QVERIFY(notice);
        QCOMPARE(notice->urgentFindings, 1);
        QCOMPARE(notice->title, u"New urgent finding"_s);
        QVERIFY2(notice->text.contains(u"Cleo: Paid for Pro but not in Pro members"_s),
                 qPrintable(notice->text));
        QVERIFY(!notice->text.contains(u"Ada"_s));
    }

    void findingsArrivingTogetherBecomeOneNotice()
    {
        ui::AttentionNotifier n;
        n.findingsOpened({finding(1, reconcile::Severity::High, u"Ada"_s, u"Paid without access"_s),
                          finding(2, reconcile::Severity::High, u"Ben"_s, u"Access without payment"_s)},
                         kT0);
        QCOMPARE(n.dueAt(), kT0 + ui::AttentionNotifier::kCoalesceDelay);
        QVERIFY(!n.take(kT0 + 1000)); // still gathering
        // A second pass a moment later (another provider finished) joins the same notice; a finding seen
        // twice counts once.
        n.findingsOpened({finding(2, reconcile::Severity::High, u"Ben"_s, u"Access without payment"_s),
                          finding(4, reconcile::Severity::High, u"Dee"_s, u"Dispute open"_s),
                          finding(5, reconcile::Severity::High, u"Eve"_s, u"Paid without access"_s)},
                         kT0 + 2000);
        QCOMPARE(n.dueAt(), kT0 + ui::AttentionNotifier::kCoalesceDelay); // from the first, not the last
        const auto notice = n.take(kT0 + ui::AttentionNotifier::kCoalesceDelay);
        QVERIFY(notice);
        QCOMPARE(notice->urgentFindings, 4);
        QCOMPARE(notice->title, u"4 new urgent findings"_s);
        QVERIFY2(notice->text.contains(u"Ada: "_s) && notice->text.contains(u"Ben: "_s) &&
                     notice->text.contains(u"Dee: "_s),
                 qPrintable(notice->text));
        QVERIFY2(notice->text.contains(u"and 1 more"_s), qPrintable(notice->text));
        QVERIFY(!n.take(kT0 + 10 * kMinute)); // told once
        QCOMPARE(n.dueAt(), 0);
    }

    void noticesAreSpacedOut()
    {
        ui::AttentionNotifier n;
        n.findingsOpened({finding(1, reconcile::Severity::High, u"Ada"_s, u"x"_s)}, kT0);
        QVERIFY(n.take(kT0 + ui::AttentionNotifier::kCoalesceDelay));
        const Millis shown = kT0 + ui::AttentionNotifier::kCoalesceDelay;
        n.findingsOpened({finding(2, reconcile::Severity::High, u"Ben"_s, u"y"_s)}, shown + 5000);
        QCOMPARE(n.dueAt(), shown + ui::AttentionNotifier::kMinGap);
        QVERIFY(!n.take(shown + ui::AttentionNotifier::kMinGap - 1));
        n.findingsOpened({finding(3, reconcile::Severity::High, u"Cleo"_s, u"z"_s)}, shown + 30000);
        const auto notice = n.take(shown + ui::AttentionNotifier::kMinGap);
        QVERIFY(notice);
        QCOMPARE(notice->urgentFindings, 2);
    }

    void threeFailuresWithinTenMinutesNotify_data()
    {
        QTest::addColumn<QList<int>>("secondsOfFailures");
        QTest::addColumn<bool>("notifies");
        QTest::newRow("3 in 10 minutes") << QList<int>{0, 300, 600} << true;
        QTest::newRow("3 in 4 minutes") << QList<int>{0, 120, 240} << true;
        QTest::newRow("3 in 11 minutes") << QList<int>{0, 330, 660} << false;
        QTest::newRow("2 failures") << QList<int>{0, 60} << false;
        QTest::newRow("the first one too old") << QList<int>{0, 610, 900} << false;
        QTest::newRow("4 in 15 minutes, the last 3 in 10") << QList<int>{0, 400, 700, 900} << true;
    }

    void threeFailuresWithinTenMinutesNotify()
    {
        QFETCH(QList<int>, secondsOfFailures);
        QFETCH(bool, notifies);
        ui::AttentionNotifier n;
        Millis last = kT0;
        for (int s : secondsOfFailures) {
            last = kT0 + s * 1000LL;
            n.syncFinished(report(u"circle"_s, false), last);
        }
        const auto notice = n.take(last + ui::AttentionNotifier::kCoalesceDelay);
        QCOMPARE(bool(notice), notifies);
        if (notifies) {
            QCOMPARE(notice->failingProviders, QStringList{u"circle"_s});
            QCOMPARE(notice->title, u"Sync keeps failing"_s);
            QVERIFY2(
                notice->text.contains(u"Circle sync failed 3 times in 10 minutes (connection refused)"_s),
                qPrintable(notice->text));
        }
    }

    void failuresCountPerProviderAndASuccessStartsOver()
    {
        ui::AttentionNotifier n;
        n.syncFinished(report(u"stripe"_s, false), kT0);
        n.syncFinished(report(u"kit"_s, false), kT0 + kMinute);
        n.syncFinished(report(u"stripe"_s, false), kT0 + 2 * kMinute);
        n.syncFinished(report(u"kit"_s, false), kT0 + 3 * kMinute);
        QCOMPARE(n.dueAt(), 0); // two each
        n.syncFinished(report(u"stripe"_s, true), kT0 + 4 * kMinute);
        n.syncFinished(report(u"stripe"_s, false), kT0 + 5 * kMinute);
        QCOMPARE(n.dueAt(), 0); // the success started Stripe's count over
        n.syncFinished(report(u"kit"_s, false), kT0 + 6 * kMinute);
        const auto notice = n.take(kT0 + 7 * kMinute);
        QVERIFY(notice);
        QCOMPARE(notice->failingProviders, QStringList{u"kit"_s});
    }

    void cancelsAndQuotaPausesAreNotFailures()
    {
        ui::AttentionNotifier n;
        for (int i = 0; i < 3; ++i) {
            sync::SyncReport cancelled = report(u"stripe"_s, false, ErrorKind::Cancelled);
            cancelled.cancelled = true;
            n.syncFinished(cancelled, kT0 + i * kMinute);
            sync::SyncReport paused = report(u"circle"_s, false, ErrorKind::RateLimited);
            paused.requests = 0;
            n.syncFinished(paused, kT0 + i * kMinute);
        }
        QCOMPARE(n.dueAt(), 0);
    }

    void failuresAndFindingsShareOneNotice()
    {
        ui::AttentionNotifier n;
        for (int i = 0; i < 3; ++i)
            n.syncFinished(report(u"kit"_s, false), kT0 + i * 1000);
        n.findingsOpened({finding(1, reconcile::Severity::High, u"Ada"_s, u"Paid without access"_s)},
                         kT0 + 2500);
        const auto notice = n.take(kT0 + 2000 + ui::AttentionNotifier::kCoalesceDelay);
        QVERIFY(notice);
        QCOMPARE(notice->urgentFindings, 1);
        QCOMPARE(notice->failingProviders, QStringList{u"kit"_s});
        QCOMPARE(notice->text.count(u'\n'), 1); // two lines, one notice
        // The next run of failures needs three more.
        n.syncFinished(report(u"kit"_s, false), kT0 + 10000);
        QCOMPARE(n.dueAt(), 0);
    }

    void muteDropsWhatIsWaitingAndWhatComes()
    {
        ui::AttentionNotifier n;
        n.findingsOpened({finding(1, reconcile::Severity::High, u"Ada"_s, u"x"_s)}, kT0);
        n.setMuted(true);
        QCOMPARE(n.dueAt(), 0);
        n.findingsOpened({finding(2, reconcile::Severity::High, u"Ben"_s, u"y"_s)}, kT0 + 1000);
        for (int i = 0; i < 3; ++i)
            n.syncFinished(report(u"stripe"_s, false), kT0 + i * 1000);
        QVERIFY(!n.take(kT0 + 10 * kMinute));
        n.setMuted(false);
        QVERIFY(!n.take(kT0 + 20 * kMinute)); // nothing saved up while muted
        n.findingsOpened({finding(3, reconcile::Severity::High, u"Cleo"_s, u"z"_s)}, kT0 + 20 * kMinute);
        QVERIFY(n.take(kT0 + 21 * kMinute));
    }
};

QTEST_GUILESS_MAIN(TestAttentionNotifier)
#include "tst_attentionnotifier.moc"
