// Leak test: known secrets go through a full sync (and a refused one) with debug logging on, then the cache
// (database, WAL, shared memory), the settings and profiles, and every line of output are searched for them.
#include "Sandbox.h"
#include "common/Profiles.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Canaries: distinctive, and long enough that any leak of their secret part is unmistakable.
const QString kGoodKey = u"rk_test_CANARYgood7Qx2Lm9Pz4Vb8Nw"_s;
const QString kWrongKey = u"rk_test_CANARYwrong3Hs6Jd1Kf5Tg0"_s;
const QString kCircleToken = u"CANARYcircle8Rt2Wq5Yz1Xc7Vb"_s;
const QString kKitKey = u"CANARYkit4Mn8Bv2Cx6Zl0Pk3"_s;
const QString kWrongCircleToken = u"CANARYcircleWRONG5Gh8Jk2Lq"_s;

// The part of a key that must never appear: everything after the prefix except the last four characters
// (Stripe and Switchboard both show those four to tell keys apart).
QByteArray secretPart(const QString &key)
{
    return key.mid(8, key.size() - 12).toUtf8();
}
} // namespace

class TestLeaks : public QObject {
    Q_OBJECT
    sb::sandbox::Sandbox m_sandbox;
    QTemporaryDir m_dir;
    QByteArray m_output; // everything the processes printed

    int run(const QStringList &args, const QString &key)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"SWITCHBOARD_STRIPE_KEY"_s, key);
        // Circle and Kit sync in the same runs; a wrong Stripe key goes with a wrong Circle token.
        env.insert(u"SWITCHBOARD_CIRCLE_TOKEN"_s, key == kWrongKey ? kWrongCircleToken : kCircleToken);
        env.insert(u"SWITCHBOARD_KIT_KEY"_s, kKitKey);
        env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true"_s); // as chatty as it gets
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        env.insert(u"XDG_CACHE_HOME"_s, m_dir.filePath(u"cache"_s));
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(SB_SWITCHBOARD_BIN), args);
        if (!finished.wait(120000))
            qFatal("switchboard did not finish");
        m_output += p.readAllStandardOutput() + p.readAllStandardError();
        return p.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sandbox.generateWorld(80, 11);
        QVERIFY(m_sandbox.listen(0));
        QHash<QString, sb::sandbox::StripeAccess> all;
        for (const QString &r : {u"customers"_s, u"charges"_s, u"payment_intents"_s, u"invoices"_s,
                                 u"subscriptions"_s, u"refunds"_s, u"disputes"_s, u"checkout_sessions"_s,
                                 u"events"_s, u"products"_s, u"prices"_s, u"webhook_endpoints"_s})
            all.insert(r, sb::sandbox::StripeAccess::Read);
        m_sandbox.addStripeRestrictedKey(kGoodKey, all);
        m_sandbox.setKeys(u"sk_test_sandbox"_s, kCircleToken, kKitKey);
        QFile ini(m_dir.filePath(u"switchboard.ini"_s));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        const QByteArray url = m_sandbox.baseUrl().toString().toUtf8();
        ini.write("[stripe]\nbase_url=" + url + "\nrequests_per_second=500\n[circle]\nbase_url=" + url +
                  "\n[kit]\nbase_url=" + url + "\n");
    }

    void nothingSecretIsWrittenAnywhere()
    {
        const QStringList common{u"--config"_s, m_dir.filePath(u"switchboard.ini"_s), u"--db"_s,
                                 m_dir.filePath(u"data/cache.sqlite"_s)};
        QCOMPARE(run(QStringList{u"sync"_s, u"--json"_s} + common, kGoodKey), 0);
        QCOMPARE(run(QStringList{u"sync"_s} + common, kGoodKey), 0);  // incremental
        QCOMPARE(run(QStringList{u"sync"_s} + common, kWrongKey), 3); // refused: error paths log too
        const QJsonObject someone = m_sandbox.world().value(u"people"_s).toArray().first().toObject();
        QCOMPARE(run(QStringList{u"person"_s, someone.value(u"email"_s).toString(), u"--json"_s} + common,
                     kGoodKey),
                 0);

        // A profile saved the way the Connections page saves it.
        sb::ProfileStore profiles(m_dir.filePath(u"config/Switchboard/switchboard/profiles.ini"_s));
        sb::Profile profile{u"live"_s};
        profile.stripeBaseUrl = m_sandbox.baseUrl();
        QVERIFY(profiles.save(profile));

        QVERIFY(m_output.contains("items")); // the runs did talk
        QVERIFY(m_output.contains("401"));
        QVERIFY(m_output.contains("circle full sync")); // Circle and Kit ran too
        QVERIFY(m_output.contains("kit full sync"));
        const QList<QByteArray> needles{secretPart(kGoodKey), secretPart(kWrongKey), kCircleToken.toUtf8(),
                                        kKitKey.toUtf8(), kWrongCircleToken.toUtf8()};
        for (const QByteArray &needle : needles)
            QVERIFY2(!m_output.contains(needle), "a secret appeared in the output");

        int filesSearched = 0;
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            for (const QByteArray &needle : needles)
                QVERIFY2(!bytes.contains(needle), qPrintable(u"a secret was written to "_s + path));
            ++filesSearched;
        }
        // The cache, its WAL (-wal/-shm when present), the INI files: all searched.
        QVERIFY2(filesSearched >= 3, qPrintable(QString::number(filesSearched)));
        QVERIFY(QFile::exists(m_dir.filePath(u"data/cache.sqlite"_s)));
    }
};

QTEST_GUILESS_MAIN(TestLeaks)
#include "tst_leaks.moc"
