// Widget test (offscreen): the Connections page saves keys only to the secret store, shows them masked,
// tests them against the sandbox, and writes profiles without secrets.
#include "ConnectionsPage.h"
#include "Sandbox.h"
#include "common/Profiles.h"
#include "secrets/SecretStore.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace sb;

class TestConnectionsPage : public QObject {
    Q_OBJECT
    sandbox::Sandbox m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<secrets::MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<ui::ConnectionsPage> m_page;

    template <typename T> T *find(const QString &name) const
    {
        T *w = m_page->findChild<T *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    void saveScreen(const QString &name)
    {
        const QString dir = QCoreApplication::applicationDirPath() + u"/screens"_s;
        QDir().mkpath(dir);
        QTest::qWait(50); // let the layout catch up with the texts just set
        m_page->grab().save(dir + u'/' + name + u".png"_s);
    }
    static void answerNextMessageBox(QMessageBox::StandardButton button)
    {
        QTimer::singleShot(0, [button] {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible())
                    box->button(button)->click();
            }
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sandbox.generateWorld(20, 5);
        QVERIFY(m_sandbox.listen(0));
        m_secrets = std::make_unique<secrets::MemorySecretStore>();
        m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(u"profiles.ini"_s));
        m_page = std::make_unique<ui::ConnectionsPage>(m_secrets.get(), m_profiles.get());
        m_page->resize(900, 760);
        m_page->show();
        m_page->showProfile(u"test"_s);
    }

    void noKeyYet()
    {
        QTRY_COMPARE(find<QLabel>(u"stripeKeyState"_s)->text(), u"No key saved."_s);
        QCOMPARE(find<QLineEdit>(u"stripeKey"_s)->echoMode(), QLineEdit::Password);
        QCOMPARE(find<QLineEdit>(u"stripeUrl"_s)->text(),
                 u"https://api.stripe.com"_s); // the real one by default
    }

    void savingAKeyPutsItOnlyInTheSecretStore()
    {
        m_page->applySandboxPreset(m_sandbox.baseUrl());
        m_page->showProfile(u"sandbox"_s); // what the preset names it
        m_page->applySandboxPreset(m_sandbox.baseUrl());
        QLineEdit *key = find<QLineEdit>(u"stripeKey"_s);
        QCOMPARE(key->text(), u"sk_test_sandbox"_s);
        QSignalSpy changed(m_page.get(), &ui::ConnectionsPage::secretChanged);
        QTest::keyClick(key, Qt::Key_Return);
        QTRY_COMPARE(changed.count(), 1);
        QVERIFY(key->text().isEmpty()); // the field never holds a saved key
        QTRY_VERIFY(find<QLabel>(u"stripeKeyState"_s)->text().contains(u"saved"_s));
        QVERIFY(!find<QLabel>(u"stripeKeyState"_s)->text().contains(u"sk_test_sandbox"_s));

        std::optional<Result<QString>> stored;
        m_secrets->read(u"sandbox/stripe"_s, [&](Result<QString> r) { stored = r; });
        QTRY_VERIFY(stored.has_value());
        QCOMPARE(stored->value(), u"sk_test_sandbox"_s);
    }

    // The live receiver's signing secret is kept like a key (the console and `switchboard listen` read it
    // from
    // "<profile>/stripe_webhook"); something that is not a whsec_ is refused; no URL, no connection test.
    void webhookSigningSecretIsKeptLikeAKey()
    {
        QVERIFY(!m_page->findChild<QLineEdit *>(u"stripe_webhookUrl"_s));
        QVERIFY(!m_page->findChild<QPushButton *>(u"stripe_webhookTest"_s));
        QLineEdit *secret = find<QLineEdit>(u"stripe_webhookKey"_s);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QSignalSpy changed(m_page.get(), &ui::ConnectionsPage::secretChanged);
        secret->setText(u"sk_test_not_a_signing_secret"_s);
        QTest::keyClick(secret, Qt::Key_Return);
        QCOMPARE(changed.count(), 0);
        secret->setText(u"whsec_connections_test"_s);
        QTest::keyClick(secret, Qt::Key_Return);
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().toString(), u"stripe_webhook"_s);
        std::optional<Result<QString>> stored;
        m_secrets->read(u"sandbox/stripe_webhook"_s, [&](Result<QString> r) { stored = r; });
        QTRY_VERIFY(stored.has_value());
        QCOMPARE(stored->value(), u"whsec_connections_test"_s);
        QTRY_VERIFY(!find<QLabel>(u"stripe_webhookKeyState"_s)->text().contains(u"whsec_connections_test"_s));
    }

    void testConnectionUsesTheSavedKey()
    {
        QSignalSpy done(m_page.get(), &ui::ConnectionsPage::testFinished);
        find<QPushButton>(u"stripeTest"_s)->click();
        QVERIFY(done.wait(30000));
        const QString result = m_page->resultText(u"stripe"_s);
        QVERIFY2(result.contains(u"it can read everything"_s), qPrintable(result));
        QVERIFY2(result.contains(u"secret key, test mode"_s), qPrintable(result));
        QVERIFY(result.contains(u"can also write"_s)); // a secret key: more than a read-only console needs
        saveScreen(u"connections"_s);
    }

    void aTypedButUnsavedKeyIsTestedAsTyped()
    {
        find<QLineEdit>(u"kitKey"_s)->setText(u"kit_wrong_key_000"_s);
        QSignalSpy done(m_page.get(), &ui::ConnectionsPage::testFinished);
        find<QPushButton>(u"kitTest"_s)->click();
        QVERIFY(done.wait(30000));
        QVERIFY2(m_page->resultText(u"kit"_s).contains(u"refused"_s),
                 qPrintable(m_page->resultText(u"kit"_s)));
    }

    void profileFileHoldsNoSecret()
    {
        QSignalSpy use(m_page.get(), &ui::ConnectionsPage::useProfileRequested);
        find<QPushButton>(u"useProfile"_s)->click();
        QCOMPARE(use.count(), 1);
        QCOMPARE(use.first().first().toString(), u"sandbox"_s);
        QCOMPARE(m_profiles->activeName(), u"sandbox"_s);
        const auto saved = m_profiles->profile(u"sandbox"_s);
        QVERIFY(saved.has_value());
        QCOMPARE(saved->stripeBaseUrl, m_sandbox.baseUrl());
        QFile ini(m_profiles->path());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray text = ini.readAll();
        QVERIFY(!text.contains("sk_test_sandbox"));
        QVERIFY(!text.contains("kit_wrong_key_000"));
    }

    void invalidUrlIsRefused()
    {
        find<QLineEdit>(u"circleUrl"_s)->setText(u"not a url"_s);
        QSignalSpy use(m_page.get(), &ui::ConnectionsPage::useProfileRequested);
        find<QPushButton>(u"useProfile"_s)->click();
        QCOMPARE(use.count(), 0);
        QVERIFY(find<QLabel>(u"connectionsMessage"_s)->text().contains(u"not an https URL"_s));
        // A key must never cross a network unencrypted: plain http is for this computer only.
        find<QLineEdit>(u"circleUrl"_s)->setText(u"http://app.circle.so"_s);
        find<QPushButton>(u"useProfile"_s)->click();
        QCOMPARE(use.count(), 0);
        QVERIFY(
            find<QLabel>(u"connectionsMessage"_s)->text().contains(u"plain http only for this computer"_s));
    }

    void deletingAKeyAsksFirst()
    {
        m_page->showProfile(u"sandbox"_s);
        QTRY_VERIFY(find<QLabel>(u"stripeKeyState"_s)->text().contains(u"saved"_s));
        QSignalSpy changed(m_page.get(), &ui::ConnectionsPage::secretChanged);
        answerNextMessageBox(QMessageBox::Yes);
        QPushButton *del = nullptr;
        for (auto *b : m_page->findChild<QWidget *>(u"stripeBox"_s)->findChildren<QPushButton *>()) {
            if (b->text() == u"Delete key"_s)
                del = b;
        }
        QVERIFY(del);
        del->click();
        QTRY_COMPARE(changed.count(), 1);
        QTRY_COMPARE(find<QLabel>(u"stripeKeyState"_s)->text(), u"No key saved."_s);
    }

    void missingKeychainIsShownAsSuch()
    {
        m_secrets->setUnavailable(true);
        m_page->showProfile(u"sandbox"_s);
        QTRY_VERIFY2(find<QLabel>(u"keychainState"_s)->text().startsWith(u"No keychain"_s),
                     qPrintable(find<QLabel>(u"keychainState"_s)->text()));
        saveScreen(u"connections-no-keychain"_s);
        m_secrets->setUnavailable(false);
    }
};

QTEST_MAIN(TestConnectionsPage)
#include "tst_connectionspage.moc"
