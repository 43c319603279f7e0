// Widget test (offscreen): the first run, with nothing connected, offers the demo and the Connections page.
#include "ConnectionsPage.h"
#include "MainWindow.h"
#include "common/Profiles.h"
#include "secrets/SecretStore.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;

class TestFirstRun : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    secrets::MemorySecretStore m_secrets;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<ui::MainWindow> m_window;

private Q_SLOTS:
    void initTestCase()
    {
        m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(u"profiles.ini"_s));
        ui::WindowServices services;
        services.secrets = &m_secrets;
        services.profiles = m_profiles.get();
        services.profile = u"default"_s;
        services.firstRun = true;
        auto w = ui::MainWindow::create(m_dir.filePath(u"cache.sqlite"_s), nullptr, services);
        QVERIFY(w);
        m_window = std::move(w).value();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanupTestCase() { m_window.reset(); }

    void welcomeOffersDemoAndConnections()
    {
        QWidget *welcome = m_window->findChild<QWidget *>(u"welcomePage"_s);
        QVERIFY(welcome && welcome->isVisible());
        QVERIFY(m_window->findChild<QPushButton *>(u"openDemo"_s)->isVisible());
        auto *message = m_window->findChild<QLabel *>(u"searchMessage"_s);
        QVERIFY2(message->text().contains(u"Connections"_s), qPrintable(message->text())); // not "press F5"
        QSignalSpy demo(m_window.get(), &ui::MainWindow::demoRequested);
        m_window->findChild<QPushButton *>(u"openDemo"_s)->click();
        QCOMPARE(demo.count(), 1);
    }

    void connectGoesToConnectionsAndBackReturns()
    {
        m_window->findChild<QPushButton *>(u"connectAccounts"_s)->click();
        QTRY_VERIFY(m_window->connectionsPage()->isVisible());
        QCOMPARE(m_window->connectionsPage()->currentProfile(), u"default"_s);
        const auto buttons = m_window->connectionsPage()->findChildren<QPushButton *>();
        for (QPushButton *b : buttons) {
            if (b->text() == u"Back"_s)
                b->click();
        }
        QTRY_VERIFY(m_window->findChild<QWidget *>(u"welcomePage"_s)->isVisible());
        QTest::keyClick(m_window.get(), Qt::Key_Comma, Qt::ControlModifier); // the shortcut works too
        QTRY_VERIFY(m_window->connectionsPage()->isVisible());
    }
};

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
