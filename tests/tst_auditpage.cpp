// Widget test (offscreen): the audit page over hand-written audit entries: lazy pages, filters, the details
// of an entry, verification of a tampered log, and an export that verifies.
#include "AuditPage.h"
#include "MainWindow.h"
#include "PersonPage.h"
#include "TestUtil.h"
#include "audit/AuditExport.h"
#include "audit/AuditLog.h"
#include "models/AuditModel.h"
#include "providers/stripe/StripeMapper.h"
#include "store/Queries.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
constexpr Millis kNow = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr Millis kHour = 3600 * 1000;
constexpr Millis kDay = 24 * kHour;

audit::Entry entry(const QString &actor, const QString &action, const QString &target, const QString &reason,
                   const QString &outcome, const QStringList &subjects, Millis at, qint64 intentSeq = 0,
                   const QJsonObject &request = {})
{
    audit::Entry e;
    e.actor = actor;
    e.actorKind = actor == "switchboard"_L1 ? audit::ActorKind::System : audit::ActorKind::Human;
    e.action = action;
    e.target = target;
    e.reason = reason;
    e.outcome = outcome;
    e.subjects = subjects;
    e.at = at;
    e.intentSeq = intentSeq;
    e.request = request;
    return e;
}

QStringList column(const QAbstractItemModel *m, int col, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out.append(m->index(r, col).data(role).toString());
    return out;
}

QDate localDate(Millis at)
{
    return fromMillis(at).toLocalTime().date();
}

void saveScreen(QWidget *w, const QString &name)
{
    const QString dir = QCoreApplication::applicationDirPath() + u"/screens"_s;
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    QVERIFY(w->grab().save(dir + u'/' + name + u".png"_s));
}
} // namespace

class TestAuditPage : public QObject {
    Q_OBJECT
    test::TempCache m_cache;
    std::unique_ptr<store::Queries> m_queries;
    qint64 m_ada = 0, m_ben = 0;
    QList<audit::Entry> m_entries; // as stored, oldest first

    void customer(store::Store &store, const QString &id, const QString &email, const QString &name)
    {
        stripe::StripeMapper mapper;
        auto items = mapper.mapObject(QJsonObject{{u"id"_s, id},
                                                  {u"object"_s, u"customer"_s},
                                                  {u"email"_s, email},
                                                  {u"name"_s, name},
                                                  {u"created"_s, kNow / 1000 - 40 * 86400},
                                                  {u"livemode"_s, false}},
                                      kNow);
        QVERIFY2(items, qPrintable(items.error().message));
        for (const IngestItem &item : items.value()) {
            auto r = store.ingest(item);
            QVERIFY2(r, qPrintable(r.error().message));
        }
    }

    void append(QSqlDatabase db, const audit::Entry &e, QList<audit::Entry> *into = nullptr)
    {
        audit::AuditLog log(db);
        auto stored = log.append(e);
        QVERIFY2(stored, qPrintable(stored.error().message));
        if (into)
            into->append(stored.value());
    }

    // Many entries in one transaction, alternating intents and their outcomes.
    void appendMany(QSqlDatabase db, int pairs)
    {
        audit::AuditLog log(db);
        QSqlQuery q(db);
        QVERIFY(q.exec(u"BEGIN IMMEDIATE"_s));
        for (int i = 0; i < pairs; ++i) {
            const Millis at = kNow - 30 * kDay + i * 60'000;
            auto intent = log.appendWithin(
                entry(u"ana"_s, u"kit.add_tag"_s, u"p%1@example.com → vip"_s.arg(i), u"bulk"_s,
                      audit::outcome::Pending, {u"email:p%1@example.com"_s.arg(i)}, at));
            QVERIFY2(intent, qPrintable(intent.error().message));
            auto done = log.appendWithin(entry(
                u"ana"_s, u"kit.add_tag"_s, u"p%1@example.com → vip"_s.arg(i), u"bulk"_s, audit::outcome::Ok,
                {u"email:p%1@example.com"_s.arg(i)}, at + 1000, intent.value().seq));
            QVERIFY2(done, qPrintable(done.error().message));
        }
        QVERIFY(q.exec(u"COMMIT"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        qputenv("USER", "founder");
        Clock::setSource([] { return kNow; });
        store::Store store(m_cache.db());
        QVERIFY(store.begin());
        customer(store, u"cus_ada"_s, u"ada@example.com"_s, u"Ada Lovelace"_s);
        customer(store, u"cus_ben"_s, u"ben@example.com"_s, u"Ben Okafor"_s);
        QVERIFY(store.commit());
        m_queries = std::make_unique<store::Queries>(m_cache.db());
        m_ada = m_queries->resolvePerson(u"cus_ada"_s).value();
        m_ben = m_queries->resolvePerson(u"cus_ben"_s).value();
        QVERIFY(m_ada && m_ben);

        const QStringList ada{u"email:ada@example.com"_s, u"stripe:cus_ada"_s};
        const QStringList ben{u"email:ben@example.com"_s, u"stripe:cus_ben"_s};
        QSqlDatabase db = m_cache.db();
        // 1, 2: a tag added for Ada, and its outcome.
        append(db,
               entry(u"ana"_s, u"kit.add_tag"_s, u"ada@example.com → pro-customer"_s, u"Paid but no tag"_s,
                     audit::outcome::Pending, ada, kNow - 5 * kDay, 0,
                     QJsonObject{{u"tag_id"_s, u"501"_s}, {u"calls"_s, u"POST /v4/tags/501/subscribers"_s}}),
               &m_entries);
        append(db,
               entry(u"ana"_s, u"kit.add_tag"_s, u"ada@example.com → pro-customer"_s, u"Paid but no tag"_s,
                     audit::outcome::Ok, ada, kNow - 5 * kDay + 2000, m_entries.at(0).seq),
               &m_entries);
        // 3, 4: Ben's access, which failed a day later.
        append(db,
               entry(u"bob"_s, u"circle.add_access_group"_s, u"ben@example.com → Pro members"_s,
                     u"Paid, no access"_s, audit::outcome::Pending, ben, kNow - 3 * kDay),
               &m_entries);
        append(db,
               entry(u"bob"_s, u"circle.add_access_group"_s, u"ben@example.com → Pro members"_s,
                     u"Paid, no access"_s, audit::outcome::Failed, ben, kNow - 2 * kDay + kHour,
                     m_entries.at(2).seq, QJsonObject{{u"message"_s, u"Circle: 422 member not found"_s}}),
               &m_entries);
        // 5: a local action, one entry.
        append(db,
               entry(u"ana"_s, u"finding.snooze"_s, u"Ada Lovelace: paid without access"_s,
                     u"Waiting for her reply"_s, audit::outcome::Ok,
                     {u"finding:paid_without_access|stripe:cus_ada"_s, u"stripe:cus_ada"_s}, kNow - 2 * kDay),
               &m_entries);
        // 6, 7: the console stopped between intent and outcome.
        append(db,
               entry(u"ana"_s, u"kit.remove_tag"_s, u"ben@example.com → trial"_s, u"Trial over"_s,
                     audit::outcome::Pending, ben, kNow - kDay),
               &m_entries);
        append(db,
               entry(u"switchboard"_s, u"kit.remove_tag"_s, u"ben@example.com → trial"_s, {},
                     audit::outcome::Unknown, ben, kNow - kDay + kHour, m_entries.at(5).seq),
               &m_entries);
        // 8: a link.
        append(db,
               entry(u"ana"_s, u"identity.link"_s, u"circle 502 → Ada Lovelace"_s,
                     u"Same person, new address"_s, audit::outcome::Ok,
                     {u"circle:502"_s, u"stripe:cus_ada"_s}, kNow - kHour),
               &m_entries);
        QCOMPARE(m_entries.size(), 8);
    }

    void cleanupTestCase() { Clock::setSource(nullptr); }

    void listsNewestFirstWithIntentsShowingTheirOutcome()
    {
        ui::AuditPage page(m_cache.db(), m_queries.get());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(page.isShowingList());
        const QAbstractItemModel *m = page.view()->model();
        QCOMPARE(m->rowCount(), 8);
        QCOMPARE(m->index(0, 0).data(models::AuditModel::SeqRole).toLongLong(), m_entries.last().seq);
        QCOMPARE(m->index(7, 0).data(models::AuditModel::SeqRole).toLongLong(), m_entries.first().seq);
        // The intents say what became of them; the outcome entries say whom they answer.
        const int tagIntent = page.model()->rowOf(m_entries.at(0).seq);
        QCOMPARE(m->index(tagIntent, models::AuditModel::OutcomeColumn).data().toString(), u"ok"_s);
        QCOMPARE(m->index(tagIntent, models::AuditModel::ActionColumn).data().toString(), u"Kit tag added"_s);
        const int unknown = page.model()->rowOf(m_entries.at(5).seq);
        QCOMPARE(m->index(unknown, models::AuditModel::OutcomeColumn).data().toString(),
                 u"outcome unknown"_s);
        const int answer = page.model()->rowOf(m_entries.at(3).seq);
        QCOMPARE(m->index(answer, models::AuditModel::OutcomeColumn).data().toString(),
                 u"failed (for #%1)"_s.arg(m_entries.at(2).seq));
        QCOMPARE(m->index(unknown, models::AuditModel::ActorColumn).data().toString(), u"ana"_s);
        QCOMPARE(m->index(page.model()->rowOf(m_entries.at(6).seq), models::AuditModel::ActorColumn)
                     .data()
                     .toString(),
                 u"switchboard (system)"_s);
        QVERIFY2(page.footerText().contains(u"All 8 entries"_s), qPrintable(page.footerText()));
    }

    void modelReadsALargeLogInPages()
    {
        test::TempCache cache;
        appendMany(cache.db(), 500); // 1,000 entries
        store::Queries queries(cache.db());
        ui::AuditPage page(cache.db(), &queries);
        models::AuditModel *model = page.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 200); // the first page only
        QVERIFY(!model->isComplete());
        // "more load as you scroll", or "loading more…" when the tester already asked
        QVERIFY2(page.footerText().startsWith(u"200 entries shown, newest first · "_s),
                 qPrintable(page.footerText()));
        model->fetchMore({});
        QVERIFY(!model->canFetchMore({})); // one page in flight at a time
        QTRY_COMPARE(model->rowCount(), 400);
        for (int pages = 0; !model->isComplete() && pages < 10; ++pages) {
            model->fetchMore({}); // only asks; nothing when the tester already has a page in flight
            QTRY_VERIFY(!model->isLoadingMore());
        }
        QCOMPARE(model->rowCount(), 1000);
        QVERIFY(model->isComplete());
        // Every intent shows its outcome, wherever the page boundaries fell.
        const QStringList outcomes = column(model, 0, models::AuditModel::ResultRole);
        QCOMPARE(outcomes.count(u"ok"_s), 1000);
        QVERIFY2(page.footerText().contains(u"All 1,000 entries"_s), qPrintable(page.footerText()));
    }

    void intentHiddenFromItsOutcomeStillShowsIt()
    {
        // Ben's access: the intent on one day, the failure on the next. Only the intent's day is shown, and
        // its outcome is read in one batch for the page.
        models::AuditModel model(m_cache.db());
        audit::Filter f;
        f.since = toMillis(localDate(kNow - 3 * kDay).startOfDay());
        f.until = toMillis(localDate(kNow - 3 * kDay).addDays(1).startOfDay());
        model.setFilter(f);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(models::AuditModel::SeqRole).toLongLong(), m_entries.at(2).seq);
        QCOMPARE(model.index(0, 0).data(models::AuditModel::ResultRole).toString(), u"failed"_s);
        QCOMPARE(model.index(0, 0).data(models::AuditModel::ResultSeqRole).toLongLong(), m_entries.at(3).seq);
    }

    void filtersChangeTheRows()
    {
        ui::AuditPage page(m_cache.db(), m_queries.get());
        const QAbstractItemModel *m = page.view()->model();
        auto *actors = page.findChild<QComboBox *>(u"auditActor"_s);
        auto *actions = page.findChild<QComboBox *>(u"auditAction"_s);
        QVERIFY(actors && actions);
        QVERIFY(actors->findData(u"bob"_s) > 0 && actors->findData(u"switchboard"_s) > 0);
        QVERIFY(actions->findData(u"kit."_s) > 0 && actions->findData(u"circle."_s) > 0 &&
                actions->findData(u"identity."_s) > 0 && actions->findData(u"finding."_s) > 0);
        QVERIFY(actions->findData(u"finding.snooze"_s) > 0);

        actors->setCurrentIndex(actors->findData(u"bob"_s));
        QCOMPARE(column(m, 0, models::AuditModel::ActorRole), QStringList(2, u"bob"_s));
        page.clearFilters();
        QCOMPARE(m->rowCount(), 8);

        page.setActionFilter(u"kit."_s);
        const QStringList kit = column(m, 0, models::AuditModel::ActionRole);
        QCOMPARE(kit.size(), 4);
        for (const QString &a : kit)
            QVERIFY(a.startsWith(u"kit."_s));
        page.setActionFilter(u"finding.snooze"_s);
        QCOMPARE(m->rowCount(), 1);
        page.clearFilters();

        // A person by address: their accounts' entries, whichever subject names them.
        page.setPersonFilter(u"ADA@example.com"_s);
        QVERIFY2(page.personNote().contains(u"Ada Lovelace"_s), qPrintable(page.personNote()));
        QCOMPARE(QSet<qint64>({m->index(0, 0).data(models::AuditModel::SeqRole).toLongLong(),
                               m->index(1, 0).data(models::AuditModel::SeqRole).toLongLong(),
                               m->index(2, 0).data(models::AuditModel::SeqRole).toLongLong(),
                               m->index(3, 0).data(models::AuditModel::SeqRole).toLongLong()}),
                 (QSet<qint64>{m_entries.at(0).seq, m_entries.at(1).seq, m_entries.at(4).seq,
                               m_entries.at(7).seq}));
        QCOMPARE(m->rowCount(), 4);
        // By name.
        page.setPersonFilter(u"Ben"_s);
        QVERIFY2(page.personNote().contains(u"Ben Okafor"_s), qPrintable(page.personNote()));
        QCOMPARE(m->rowCount(), 4);
        // Nobody: nothing, said so, and the filters can be cleared from there.
        page.setPersonFilter(u"nobody@example.com"_s);
        QVERIFY2(page.personNote().contains(u"No person"_s), qPrintable(page.personNote()));
        QVERIFY(!page.isShowingList());
        QVERIFY2(page.emptyText().contains(u"No entries match these filters"_s),
                 qPrintable(page.emptyText()));
        page.findChild<QPushButton *>(u"auditEmptyClear"_s)->click();
        QCOMPARE(m->rowCount(), 8);
        QVERIFY(page.findChild<QLineEdit *>(u"auditPerson"_s)->text().isEmpty());

        // Dates: local days, both ends included.
        page.setDateRange(localDate(kNow - 5 * kDay), localDate(kNow - 5 * kDay));
        QCOMPARE(m->rowCount(), 2);
        page.setDateRange(localDate(kNow - kDay), std::nullopt);
        QCOMPARE(m->rowCount(), 3);
        page.setDateRange(std::nullopt, localDate(kNow - 4 * kDay));
        QCOMPARE(m->rowCount(), 2);
    }

    void detailShowsTheWholeEntry()
    {
        ui::AuditPage page(m_cache.db(), m_queries.get());
        const audit::Entry &intent = m_entries.at(0);
        QVERIFY(page.selectEntry(intent.seq));
        const QString text = page.detailText();
        QVERIFY2(text.contains(u"#%1 · Kit tag added · OK"_s.arg(intent.seq)), qPrintable(text));
        QVERIFY2(text.contains(u"ada@example.com → pro-customer"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Reason: Paid but no tag"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Actor: ana (person)"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Outcome ok, written"_s) && text.contains(u"#%1"_s.arg(m_entries.at(1).seq)),
                 qPrintable(text));
        QVERIFY2(text.contains(intent.hash) && text.contains(intent.prevHash), qPrintable(text));
        QVERIFY2(text.contains(u"\"tag_id\": \"501\""_s), qPrintable(text)); // the request, indented
        QVERIFY2(text.contains(u"Person: Ada Lovelace <ada@example.com>"_s), qPrintable(text));

        QSignalSpy opened(&page, &ui::AuditPage::personRequested);
        auto *open = page.findChild<QPushButton *>(u"auditOpenPerson"_s);
        QVERIFY(open && open->isVisibleTo(&page));
        open->click();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toLongLong(), m_ada);

        // The outcome it links to, one click away; a failure says the provider's words.
        page.findChild<QPushButton *>(u"showLinked"_s)->click();
        QCOMPARE(page.currentSeq(), m_entries.at(1).seq);
        QVERIFY(page.selectEntry(m_entries.at(3).seq));
        QVERIFY2(page.detailText().contains(u"failed: Circle: 422 member not found"_s),
                 qPrintable(page.detailText()));
        QVERIFY2(page.detailText().contains(u"Answers intent #%1"_s.arg(m_entries.at(2).seq)),
                 qPrintable(page.detailText()));
        // An entry about no one in the cache.
        QVERIFY(page.selectEntry(m_entries.at(7).seq)); // circle:502 is unknown, but stripe:cus_ada is Ada
        QVERIFY(page.findChild<QPushButton *>(u"auditOpenPerson"_s)->isVisibleTo(&page));
    }

    void emptyLogSaysWhy()
    {
        test::TempCache cache;
        store::Queries queries(cache.db());
        ui::AuditPage page(cache.db(), &queries);
        QVERIFY(!page.isShowingList());
        QVERIFY2(page.emptyText().contains(u"No actions recorded yet"_s), qPrintable(page.emptyText()));
        QVERIFY2(page.emptyText().contains(u"read-only until you unlock writes"_s),
                 qPrintable(page.emptyText()));
        QVERIFY(!page.findChild<QPushButton *>(u"auditEmptyClear"_s)->isVisibleTo(&page));
        page.resize(1180, 640);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        saveScreen(&page, u"auditpage-empty"_s);
    }

    void verifyNamesTheTamperedEntry()
    {
        test::TempCache cache;
        QList<audit::Entry> stored;
        for (int i = 0; i < 5; ++i)
            append(cache.db(),
                   entry(u"ana"_s, u"note.add"_s, u"note %1"_s.arg(i), u"why %1"_s.arg(i), audit::outcome::Ok,
                         {u"email:ada@example.com"_s}, kNow - (10 - i) * kHour),
                   &stored);
        store::Queries queries(cache.db());
        ui::AuditPage page(cache.db(), &queries);
        QSignalSpy done(&page, &ui::AuditPage::jobFinished);

        QVERIFY(page.startVerify());
        QVERIFY(!page.startVerify()); // one job at a time
        QVERIFY(done.wait(10000));
        QVERIFY2(done.first().first().toBool(), qPrintable(page.jobMessage()));
        QVERIFY2(page.jobMessage().startsWith(u"Verified: all 5 entries"_s), qPrintable(page.jobMessage()));

        // Someone with the file and sqlite3.
        QSqlQuery q(cache.db());
        QVERIFY(q.exec(u"DROP TRIGGER audit_log_no_update"_s));
        q.prepare(u"UPDATE audit_log SET reason = ? WHERE seq = ?"_s);
        q.addBindValue(u"nothing to see"_s);
        q.addBindValue(stored.at(2).seq);
        QVERIFY(q.exec());

        done.clear();
        QVERIFY(page.startVerify());
        QVERIFY(done.wait(10000));
        QVERIFY(!done.first().first().toBool());
        const QString message = page.jobMessage();
        QVERIFY2(message.contains(u"FAILED"_s), qPrintable(message));
        QVERIFY2(message.contains(QString::number(stored.at(2).seq)), qPrintable(message));
        auto *show = page.findChild<QPushButton *>(u"showBadEntry"_s);
        QVERIFY(show && show->isVisibleTo(&page));
        QCOMPARE(show->text(), u"Show entry #%1"_s.arg(stored.at(2).seq));
        show->click();
        QCOMPARE(page.currentSeq(), stored.at(2).seq);
        page.resize(1180, 720);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        saveScreen(&page, u"auditpage-verify-failed"_s);
    }

    void exportWritesAFileThatVerifies_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("name");
        QTest::newRow("csv") << int(audit::ExportFormat::Csv) << u"audit.csv"_s;
        QTest::newRow("jsonl") << int(audit::ExportFormat::JsonLines) << u"audit.jsonl"_s;
    }

    void exportWritesAFileThatVerifies()
    {
        QFETCH(int, format);
        QFETCH(QString, name);
        test::TempCache cache;
        appendMany(cache.db(), 60);
        store::Queries queries(cache.db());
        ui::AuditPage page(cache.db(), &queries);
        QSignalSpy done(&page, &ui::AuditPage::jobFinished);
        const QString path = cache.dir.filePath(name);
        // Through the button, with the file dialog answered.
        page.setSaveFileChooser([&](const QString &suggested, audit::ExportFormat *f) {
            [&] {
                QVERIFY(suggested.startsWith(u"switchboard-audit-"_s));
            }();
            *f = audit::ExportFormat(format);
            return path;
        });
        page.findChild<QPushButton *>(u"auditExport"_s)->click();
        QVERIFY(done.wait(10000));
        QVERIFY2(done.first().first().toBool(), qPrintable(page.jobMessage()));
        QVERIFY2(page.jobMessage().startsWith(u"Exported 12"_s) && page.jobMessage().contains(name),
                 qPrintable(page.jobMessage()));
        QVERIFY(QFile::exists(path));
        const audit::VerifyReport report = audit::verifyFile(path, page.lastExportHead());
        QVERIFY2(report.ok, qPrintable(report.message));
        // The export is itself in the log, at the top.
        QCOMPARE(page.model()->index(0, 0).data(models::AuditModel::ActionRole).toString(),
                 u"audit.export"_s);
        QCOMPARE(page.model()->index(0, 0).data(models::AuditModel::ActorRole).toString(), u"founder"_s);
        QCOMPARE(page.model()->index(0, 0).data(models::AuditModel::HashRole).toString(),
                 page.lastExportHead());
    }

    void cancelledExportLeavesNoFile()
    {
        test::TempCache cache;
        appendMany(cache.db(), 2000);
        store::Queries queries(cache.db());
        ui::AuditPage page(cache.db(), &queries);
        QSignalSpy done(&page, &ui::AuditPage::jobFinished);
        const QString path = cache.dir.filePath(u"big.csv"_s);
        QVERIFY(page.startExport(path, audit::ExportFormat::Csv));
        QVERIFY(page.isBusy());
        page.cancelJob();
        QVERIFY(done.wait(20000));
        if (page.jobMessage().contains(u"cancelled"_s)) {
            QVERIFY(!QFile::exists(path));
        } else {
            // It finished before it looked: then the file must be whole.
            QVERIFY2(audit::verifyFile(path).ok, qPrintable(page.jobMessage()));
        }
        QVERIFY(!page.isBusy());
    }

    void theWindowOpensItWithCtrl4()
    {
        auto w = ui::MainWindow::create(m_cache.path(), nullptr);
        QVERIFY2(w, qPrintable(w.error().message));
        ui::MainWindow *window = w.value().get();
        window->resize(1180, 720);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTest::keyClick(window, Qt::Key_4, Qt::ControlModifier);
        QTRY_VERIFY(window->auditPage()->isVisible());
        QVERIFY(window->auditPage()->view()->hasFocus());
        QVERIFY(window->auditPage()->selectEntry(m_entries.at(0).seq));
        QTest::qWait(50);
        saveScreen(window, u"mainwindow-audit"_s);
        // From an entry to its person.
        window->auditPage()->findChild<QPushButton *>(u"auditOpenPerson"_s)->click();
        QTRY_VERIFY(window->personPage()->isVisible());
        QCOMPARE(window->personPage()->personId(), m_ada);
    }

    void screenshotWithEntries()
    {
        ui::AuditPage page(m_cache.db(), m_queries.get());
        page.resize(1180, 720);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.selectEntry(m_entries.at(2).seq));
        saveScreen(&page, u"auditpage"_s);
        page.setPersonFilter(u"ada@example.com"_s);
        QVERIFY(page.selectEntry(m_entries.at(0).seq));
        saveScreen(&page, u"auditpage-person"_s);
    }
};

QTEST_MAIN(TestAuditPage)
#include "tst_auditpage.moc"
