// Widget test (offscreen): the console synced from the sandbox, searched and opened like a user would.
#include "MainWindow.h"
#include "PersonPage.h"
#include "Sandbox.h"
#include "SearchPanel.h"
#include "SyncStatusBar.h"
#include "models/TimelineModel.h"
#include "sync/SyncEngine.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
// A person of the demo world whose Stripe journey has a payment and a refund.
QJsonObject personWithRefund(const QJsonObject &world)
{
    for (const QJsonValue &pv : world.value(u"people"_s).toArray()) {
        const QJsonObject p = pv.toObject();
        QStringList verbs;
        bool otherEmail = false;
        for (const QJsonValue &e : p.value(u"stripe"_s).toArray()) {
            verbs.append(e.toObject().value(u"do"_s).toString());
            otherEmail |= e.toObject().contains(u"email"_s);
        }
        if (!otherEmail && verbs.contains(u"buy"_s) && verbs.contains(u"refund"_s))
            return p;
    }
    return {};
}

QStringList column(const QAbstractItemModel *m, int col)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out.append(m->index(r, col).data().toString());
    return out;
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
    sandbox::Sandbox m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<sync::SyncEngine> m_engine;
    std::unique_ptr<ui::MainWindow> m_window;

    // Screens for people to look at (build/bin/screens/*.png); nothing asserts on pixels.
    void saveScreen(const QString &name)
    {
        const QString dir = QCoreApplication::applicationDirPath() + u"/screens"_s;
        QDir().mkpath(dir);
        QCoreApplication::processEvents(); // pending layout requests first, as a person would see it
        m_window->grab().save(dir + u'/' + name + u".png"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.loadWorldFile(u":/sandbox/demo-world.json"_s, &error), qPrintable(error));
        QVERIFY(m_sandbox.listen(0));
        Config config;
        config.dbPath = m_dir.filePath(u"cache.sqlite"_s);
        config.stripe.baseUrl = m_sandbox.baseUrl();
        config.stripe.apiKey = u"sk_test_sandbox"_s;
        config.stripe.requestsPerSecond = 1000;
        config.circle.baseUrl = m_sandbox.baseUrl();
        config.circle.token = u"circle_sandbox"_s;
        config.kit.baseUrl = m_sandbox.baseUrl();
        config.kit.apiKey = u"kit_sandbox"_s;
        m_engine = std::make_unique<sync::SyncEngine>(config);
        auto w = ui::MainWindow::create(config.dbPath, m_engine.get());
        QVERIFY2(w, qPrintable(w.error().message));
        m_window = std::move(w).value();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanupTestCase()
    {
        m_window.reset();
        m_engine.reset();
    }

    void emptyCacheSaysSo()
    {
        auto *message = m_window->findChild<QLabel *>(u"searchMessage"_s);
        QVERIFY(message);
        QVERIFY2(message->text().contains(u"empty"_s), qPrintable(message->text()));
        saveScreen(u"empty"_s);
    }

    void syncShowsProgressThenResult()
    {
        QSignalSpy synced(m_window.get(), &ui::MainWindow::syncFinished);
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QVERIFY(m_window->syncBar()->cancelButton()->isVisible());
        saveScreen(u"syncing"_s);
        QVERIFY(!m_window->syncBar()->syncButton()->isEnabled());
        QVERIFY(synced.wait(60000));
        QVERIFY(!m_window->syncBar()->cancelButton()->isVisible());
        QVERIFY(m_window->syncBar()->syncButton()->isEnabled());
        QVERIFY2(m_window->syncBar()->stateText().startsWith(u"Synced"_s),
                 qPrintable(m_window->syncBar()->stateText()));
        // One chip per provider, each with its own outcome; Circle's shows the month's quota spend.
        for (const QString &p : {u"stripe"_s, u"circle"_s, u"kit"_s})
            QVERIFY2(m_window->syncBar()->providerText(p).contains(u"synced"_s),
                     qPrintable(m_window->syncBar()->providerText(p)));
        QVERIFY2(m_window->syncBar()->providerText(u"circle"_s).contains(u"/5,000"_s),
                 qPrintable(m_window->syncBar()->providerText(u"circle"_s)));
        saveScreen(u"synced"_s);
    }

    void searchAndOpenAPersonWithTheKeyboard()
    {
        const QJsonObject person = personWithRefund(m_sandbox.world());
        QVERIFY(!person.isEmpty());
        const QString email = person.value(u"email"_s).toString();

        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        QLineEdit *field = m_window->searchPanel()->searchField();
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, email.toUpper()); // case does not matter
        QTRY_COMPARE(m_window->searchPanel()->resultsView()->model()->rowCount(), 1);
        QTest::keyClick(field, Qt::Key_Return);

        ui::PersonPage *page = m_window->personPage();
        QTRY_VERIFY(page->isVisible());
        QVERIFY2(page->headerText().contains(person.value(u"name"_s).toString()),
                 qPrintable(page->headerText()));
        QVERIFY(page->headerText().contains(email));
        const auto *model = page->timelineView()->model();
        const QStringList what = column(model, models::TimelineModel::WhatColumn);
        QVERIFY2(std::any_of(what.begin(), what.end(),
                             [](const QString &s) { return s.startsWith(u"Payment succeeded"_s); }),
                 qPrintable(what.join(u" / "_s)));
        QVERIFY2(
            std::any_of(what.begin(), what.end(), [](const QString &s) { return s.startsWith(u"Refund"_s); }),
            qPrintable(what.join(u" / "_s)));
        QCOMPARE(column(model, models::TimelineModel::SystemColumn).first(), u"Stripe"_s);
        // Newest first, and the refund shows money going back.
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, models::TimelineModel::WhatColumn)
                    .data()
                    .toString()
                    .startsWith(u"Refund"_s)) {
                const QString amount = model->index(r, models::TimelineModel::AmountColumn).data().toString();
                QVERIFY2(amount.startsWith(u'-') || amount.startsWith(QChar(0x2212)) ||
                             amount.startsWith(u'('),
                         qPrintable(amount));
            }
        }
        saveScreen(u"person"_s);
    }

    void unknownPersonSaysNobodyMatches()
    {
        m_window->searchPanel()->search(u"nobody-at-all@nowhere.invalid"_s);
        auto *message = m_window->findChild<QLabel *>(u"searchMessage"_s);
        QTRY_VERIFY(message->isVisible());
        QVERIFY2(message->text().contains(u"Nobody matches"_s), qPrintable(message->text()));
    }

    void hostileNamesAreShownAsText()
    {
        // Names come from outside; markup in them must never render as markup.
        QString error;
        QVERIFY(m_sandbox.addJourneyEntry(
            u"markup@example.com"_s, u"stripe"_s,
            QJsonObject{{u"do"_s, u"buy"_s}, {u"name"_s, u"<b>Bold</b> \u202eevil"_s}}, &error));
        QSignalSpy synced(m_window.get(), &ui::MainWindow::syncFinished);
        m_engine->syncNow();
        QVERIFY(synced.wait(60000));
        m_window->searchPanel()->search(u"markup@example.com"_s);
        QVERIFY(m_window->searchPanel()->openFirstResult());
        auto *name = m_window->findChild<QLabel *>(u"personName"_s);
        QCOMPARE(name->textFormat(), Qt::PlainText);
        QVERIFY(name->text().contains(u"<b>Bold</b>"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
