// The SecretStore contract, run against each implementation: SB_SECRET_BACKEND=memory (default), keychain
// (inside dbus-run-session with an unlocked gnome-keyring, see tests/CMakeLists.txt) or nobus (no session
// bus).
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretStore.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
Result<QString> readNow(secrets::SecretStore &s, const QString &name)
{
    std::optional<Result<QString>> out;
    s.read(name, [&](Result<QString> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 30000))
        qFatal("the secret store never answered");
    return *out;
}

Status changeNow(secrets::SecretStore &s, const QString &name, const std::optional<QString> &value)
{
    std::optional<Status> out;
    if (value)
        s.write(name, *value, [&](Status st) { out = std::move(st); });
    else
        s.remove(name, [&](Status st) { out = std::move(st); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 30000))
        qFatal("the secret store never answered");
    return *out;
}
} // namespace

class TestSecretStore : public QObject {
    Q_OBJECT
    std::unique_ptr<secrets::SecretStore> m_store;
    QString m_backend;
    QString m_prefix;

private Q_SLOTS:
    void initTestCase()
    {
        m_backend = qEnvironmentVariable("SB_SECRET_BACKEND", u"memory"_s);
        if (m_backend == "memory"_L1)
            m_store = std::make_unique<secrets::MemorySecretStore>();
        else
            m_store = std::make_unique<secrets::KeychainSecretStore>(nullptr, 3000);
        // Names unique to this run, so a developer's real keychain is never touched.
        m_prefix = u"switchboard-test-%1"_s.arg(QUuid::createUuid().toString(QUuid::Id128));
    }

    void cleanupTestCase()
    {
        if (m_backend != "nobus"_L1) {
            for (const QString &n : {u"a"_s, u"b"_s})
                changeNow(*m_store, m_prefix + u'/' + n, std::nullopt);
        }
    }

    void noBusFailsFastAndClearly()
    {
        if (m_backend != "nobus"_L1)
            QSKIP("only without a session bus");
        QElapsedTimer t;
        t.start();
        auto r = readNow(*m_store, m_prefix + u"/a"_s);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::Unavailable);
        QVERIFY2(r.error().message.contains(u"keychain"_s), qPrintable(r.error().message));
        QVERIFY(t.elapsed() < 15000); // bounded by the timeout and its one retry, never a hang
        QCOMPARE(changeNow(*m_store, m_prefix + u"/a"_s, u"sk_test_value"_s).error().kind,
                 ErrorKind::Unavailable);
    }

    void missingIsNotFound()
    {
        if (m_backend == "nobus"_L1)
            QSKIP("no backend");
        auto r = readNow(*m_store, m_prefix + u"/missing"_s);
        QVERIFY(!r);
        QCOMPARE(r.error().kind, ErrorKind::NotFound);
    }

    void writeReadReplaceRemove()
    {
        if (m_backend == "nobus"_L1)
            QSKIP("no backend");
        const QString name = m_prefix + u"/a"_s;
        const QString first = u"sk_test_51FirstValue0000000000"_s;
        const QString second = u"rk_live_Ünïcødé and spaces = kept"_s;
        QVERIFY(changeNow(*m_store, name, first));
        QCOMPARE(readNow(*m_store, name).value(), first);
        QVERIFY(changeNow(*m_store, name, second));
        QCOMPARE(readNow(*m_store, name).value(), second);
        QVERIFY(changeNow(*m_store, name, std::nullopt));
        QCOMPARE(readNow(*m_store, name).error().kind, ErrorKind::NotFound);
        QVERIFY(changeNow(*m_store, name, std::nullopt)); // removing nothing is fine
    }

    void namesAreIndependent()
    {
        if (m_backend == "nobus"_L1)
            QSKIP("no backend");
        QVERIFY(changeNow(*m_store, m_prefix + u"/a"_s, u"alpha-secret-1"_s));
        QVERIFY(changeNow(*m_store, m_prefix + u"/b"_s, u"beta-secret-2"_s));
        QCOMPARE(readNow(*m_store, m_prefix + u"/a"_s).value(), u"alpha-secret-1"_s);
        QCOMPARE(readNow(*m_store, m_prefix + u"/b"_s).value(), u"beta-secret-2"_s);
    }

    void answersAreNeverSynchronous()
    {
        if (m_backend == "nobus"_L1)
            QSKIP("no backend");
        bool answered = false;
        m_store->read(m_prefix + u"/a"_s, [&](Result<QString>) { answered = true; });
        QVERIFY(!answered);
        QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
    }

    void unavailableMemoryStoreSaysSo()
    {
        secrets::MemorySecretStore store;
        store.setUnavailable(true);
        QCOMPARE(readNow(store, u"x"_s).error().kind, ErrorKind::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
