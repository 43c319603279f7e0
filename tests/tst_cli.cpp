// The headless command line, run as a separate process against the sandbox: sync, search, person, exit codes.
#include "Sandbox.h"
#include "audit/AuditLog.h"
#include "common/Profiles.h"
#include "secrets/KeychainSecretStore.h"
#include "store/Database.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
struct Outcome {
    int code = -1;
    QByteArray out;
    QByteArray err;
};
} // namespace

class TestCli : public QObject {
    Q_OBJECT
    sb::sandbox::Sandbox m_sandbox;
    QTemporaryDir m_dir;
    QString m_config;

    // Runs switchboard asynchronously, so the in-process sandbox keeps serving while it works.
    Outcome run(const QStringList &args, const QString &key = u"sk_test_sandbox"_s, bool keepBus = false,
                const QList<std::pair<QString, QString>> &extraEnv = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.remove(u"QT_QPA_PLATFORM"_s);
        // The user's own profiles and data are never read or written by a test.
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        if (!keepBus)
            env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        if (key.isEmpty())
            env.remove(u"SWITCHBOARD_STRIPE_KEY"_s);
        else
            env.insert(u"SWITCHBOARD_STRIPE_KEY"_s,
                       key); // keys travel in the environment, never on the command line
        for (const auto &[name, value] : extraEnv)
            env.insert(name, value);
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(SB_SWITCHBOARD_BIN), args);
        if (!finished.wait(120000))
            qFatal("switchboard did not finish");
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    QStringList common() const
    {
        return {u"--config"_s, m_config, u"--db"_s, m_dir.filePath(u"cli.sqlite"_s)};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sandbox.generateWorld(120, 7);
        QVERIFY(m_sandbox.listen(0));
        m_config = m_dir.filePath(u"switchboard.ini"_s);
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[stripe]\nbase_url=" + m_sandbox.baseUrl().toString().toUtf8() +
                "\nrequests_per_second=500\n");
    }

    void syncThenSearchThenPerson()
    {
        const Outcome sync = run(QStringList{u"sync"_s, u"--json"_s} + common());
        QVERIFY2(sync.code == 0, sync.err.constData());
        const QJsonObject report = QJsonDocument::fromJson(sync.out).object();
        QCOMPARE(report.value(u"ok"_s).toBool(), true);
        QVERIFY(report.value(u"items"_s).toInteger() > 100);
        QVERIFY(!sync.err.contains("sk_test_sandbox"));

        const QJsonObject someone = m_sandbox.world().value(u"people"_s).toArray().first().toObject();
        const QString email = someone.value(u"email"_s).toString();
        const Outcome search = run(QStringList{u"search"_s, email, u"--json"_s} + common());
        QCOMPARE(search.code, 0);
        const QJsonArray hits = QJsonDocument::fromJson(search.out).array();
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().toObject().value(u"matched_on"_s).toString(), u"email"_s);
        const qint64 personId = hits.first().toObject().value(u"person_id"_s).toInteger();

        for (const QString &id : {email, QString::number(personId)}) {
            const Outcome person = run(QStringList{u"person"_s, id, u"--json"_s} + common());
            QVERIFY2(person.code == 0, person.err.constData());
            const QJsonObject doc = QJsonDocument::fromJson(person.out).object();
            QCOMPARE(doc.value(u"person"_s).toObject().value(u"id"_s).toInteger(), personId);
            QVERIFY(!doc.value(u"timeline"_s).toArray().isEmpty());
            QVERIFY(doc.value(u"identities"_s)
                        .toArray()
                        .first()
                        .toObject()
                        .value(u"external_id"_s)
                        .toString()
                        .startsWith(u"cus_"_s));
        }

        const Outcome again = run(QStringList{u"sync"_s, u"--json"_s} + common());
        QCOMPARE(again.code, 0);
        QCOMPARE(QJsonDocument::fromJson(again.out).object().value(u"incremental"_s).toBool(), true);
    }

    void policyImportThenShow()
    {
        const QString db = m_dir.filePath(u"policy.sqlite"_s);
        const QStringList at{u"--db"_s, db};
        QCOMPARE(run(QStringList{u"policy"_s, u"show"_s} + at).code, 1); // none yet
        const QString world = QStringLiteral(SB_SOURCE_DIR "/resources/demo-world.json");
        const Outcome imported = run(
            QStringList{u"policy"_s, u"import"_s, world, u"--actor"_s, u"ada"_s, u"--reason"_s, u"launch"_s} +
            at);
        QVERIFY2(imported.code == 0, imported.err.constData());
        QVERIFY(imported.err.contains("policy saved"));
        QVERIFY(run(QStringList{u"policy"_s, u"import"_s, world} + at).err.contains("unchanged"));
        const Outcome shown = run(QStringList{u"policy"_s, u"show"_s} + at);
        QCOMPARE(shown.code, 0);
        const QJsonObject doc = QJsonDocument::fromJson(shown.out).object();
        QCOMPARE(doc.value(u"actor"_s).toString(), u"ada"_s);
        QCOMPARE(doc.value(u"reason"_s).toString(), u"launch"_s);
        QVERIFY(!doc.value(u"policy"_s).toArray().isEmpty());

        QFile bad(m_dir.filePath(u"bad-policy.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"([{"price":"price_a","kit_tags":["pro-customer"]}])");
        bad.close();
        const Outcome refused = run(QStringList{u"policy"_s, u"import"_s, bad.fileName()} + at);
        QCOMPARE(refused.code, 2);
        QVERIFY2(refused.err.contains("policy[0]"), refused.err.constData());
    }

    void reconcileListsFindingsWithFixPlans()
    {
        // The cache synced from Stripe alone (syncThenSearchThenPerson): the Circle and Kit rules wait for
        // their first sync; disputes, failed renewals and double purchases are findings already.
        const QString world = m_dir.filePath(u"world.json"_s);
        QFile w(world);
        QVERIFY(w.open(QIODevice::WriteOnly));
        w.write(QJsonDocument(m_sandbox.world()).toJson());
        w.close();
        QCOMPARE(run(QStringList{u"policy"_s, u"import"_s, world} + common()).code, 0);
        const Outcome rec = run(QStringList{u"reconcile"_s, u"--json"_s} + common());
        QCOMPARE(rec.code, 1); // open findings
        const QJsonObject doc = QJsonDocument::fromJson(rec.out).object();
        QVERIFY(doc.value(u"policy"_s).toBool());
        const QJsonArray findings = doc.value(u"findings"_s).toArray();
        QCOMPARE(doc.value(u"open"_s).toInt(), findings.size());
        QSet<QString> rules;
        for (const QJsonValue &v : findings) {
            const QJsonObject f = v.toObject();
            rules.insert(f.value(u"rule"_s).toString());
            QVERIFY(!f.value(u"emails"_s).toArray().isEmpty());
            QVERIFY(!f.value(u"fix_plan"_s).toArray().isEmpty());
            QVERIFY(!f.value(u"why"_s).toString().isEmpty());
            QVERIFY(f.value(u"since"_s).isString());
            QVERIFY(!f.value(u"facts"_s).toObject().isEmpty());
        }
        QVERIFY(rules.contains(u"dispute_open"_s));
        QVERIFY(rules.contains(u"payment_failed"_s));
        QVERIFY(!rules.contains(u"paid_without_access"_s)); // Circle never synced
        QVERIFY(!rules.contains(u"missing_tag"_s));         // nor Kit
        // Running it again changes nothing and says so.
        const Outcome again = run(QStringList{u"reconcile"_s, u"--json"_s} + common());
        QCOMPARE(QJsonDocument::fromJson(again.out).object().value(u"opened"_s).toInt(), 0);
        QCOMPARE(QJsonDocument::fromJson(again.out).object().value(u"findings"_s).toArray().size(),
                 findings.size());
    }

    // A finding's fix plan: a dry run shows the exact calls and changes nothing; --apply needs a reason,
    // makes the change once, and the finding resolves; the same fix again has nothing to do.
    void fixIsADryRunUntilApplied()
    {
        const QString config = m_dir.filePath(u"all.ini"_s);
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray base = m_sandbox.baseUrl().toString().toUtf8();
        f.write("[stripe]\nbase_url=" + base + "\nrequests_per_second=500\n[circle]\nbase_url=" + base +
                "\n[kit]\nbase_url=" + base + "\n");
        f.close();
        const QStringList common{u"--config"_s, config, u"--db"_s, m_dir.filePath(u"fix.sqlite"_s)};
        const QList<std::pair<QString, QString>> keys{{u"SWITCHBOARD_CIRCLE_TOKEN"_s, u"circle_sandbox"_s},
                                                      {u"SWITCHBOARD_KIT_KEY"_s, u"kit_sandbox"_s}};
        const QString world = m_dir.filePath(u"fix-world.json"_s);
        QFile w(world);
        QVERIFY(w.open(QIODevice::WriteOnly));
        w.write(QJsonDocument(m_sandbox.world()).toJson());
        w.close();
        QCOMPARE(run(QStringList{u"policy"_s, u"import"_s, world} + common).code, 0);
        const Outcome synced = run(QStringList{u"sync"_s} + common, u"sk_test_sandbox"_s, false, keys);
        QVERIFY2(synced.code == 0, synced.err.constData());
        const Outcome rec = run(QStringList{u"reconcile"_s, u"--json"_s} + common);
        qint64 id = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(rec.out).object().value(u"findings"_s).toArray()) {
            const QJsonObject finding = v.toObject();
            const QJsonArray plan = finding.value(u"fix_plan"_s).toArray();
            const QString action = plan.first().toObject().value(u"action"_s).toString();
            if (plan.size() == 1 && action.startsWith(u"circle."_s)) {
                id = finding.value(u"id"_s).toInteger();
                break;
            }
        }
        QVERIFY2(id > 0, "the generated world has a Circle finding with a one-step plan");
        const QString findingId = QString::number(id);

        const qint64 writesBefore = m_sandbox.circleWriteCount();
        const Outcome dry = run(QStringList{u"fix"_s, findingId} + common, u"sk_test_sandbox"_s, false, keys);
        QCOMPARE(dry.code, 0);
        QVERIFY(dry.out.contains("Dry run"));
        QVERIFY(dry.out.contains("GET /api/admin/v2/"));
        QCOMPARE(m_sandbox.circleWriteCount(), writesBefore);

        const Outcome noReason =
            run(QStringList{u"fix"_s, findingId, u"--apply"_s} + common, u"sk_test_sandbox"_s, false, keys);
        QCOMPARE(noReason.code, 2);
        QVERIFY(noReason.err.contains("--reason"));

        const Outcome applied =
            run(QStringList{u"fix"_s, findingId, u"--apply"_s, u"--actor"_s, u"ana"_s, u"--reason"_s,
                            u"ticket 7: paid, cannot get in"_s, u"--json"_s} +
                    common,
                u"sk_test_sandbox"_s, false, keys);
        QVERIFY2(applied.code == 0, applied.err.constData());
        const QJsonArray results =
            QJsonDocument::fromJson(applied.out).object().value(u"results"_s).toArray();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().toObject().value(u"outcome"_s).toString(), u"ok"_s);
        QVERIFY(results.first().toObject().value(u"audit_outcome"_s).toInteger() > 0);
        QCOMPARE(m_sandbox.circleWriteCount(), writesBefore + 1);
        QVERIFY(!applied.out.contains("circle_sandbox") && !applied.err.contains("circle_sandbox"));

        // The batch's reconcile pass resolved it: applying again is refused, and nothing is written.
        const Outcome again = run(QStringList{u"fix"_s, findingId, u"--apply"_s, u"--actor"_s, u"ana"_s,
                                              u"--reason"_s, u"again"_s} +
                                      common,
                                  u"sk_test_sandbox"_s, false, keys);
        QCOMPARE(again.code, 2);
        QVERIFY(again.err.contains("resolved"));
        QCOMPARE(m_sandbox.circleWriteCount(), writesBefore + 1);
        QCOMPARE(run(QStringList{u"fix"_s, u"999999"_s} + common).code, 1);
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("stderrHas");
        QTest::newRow("unknown person") << QStringList{u"person"_s, u"nobody@nowhere.invalid"_s, u"--json"_s}
                                        << u"k"_s << 1 << u"no person"_s;
        QTest::newRow("no results") << QStringList{u"search"_s, u"zzzzzzzz"_s} << u"k"_s << 1 << QString();
        QTest::newRow("person without id") << QStringList{u"person"_s} << u"k"_s << 2 << u"usage"_s;
        QTest::newRow("no key") << QStringList{u"sync"_s} << QString() << 2 << u"SWITCHBOARD_STRIPE_KEY"_s;
        QTest::newRow("bad provider")
            << QStringList{u"sync"_s, u"--provider"_s, u"paypal"_s} << u"k"_s << 2 << u"unknown provider"_s;
        QTest::newRow("wrong key") << QStringList{u"sync"_s} << u"sk_test_not_the_key_0000"_s << 3
                                   << u"401"_s;
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, key);
        QFETCH(int, code);
        QFETCH(QString, stderrHas);
        const Outcome o = run(
            args + QStringList{u"--config"_s, m_config, u"--db"_s, m_dir.filePath(u"codes.sqlite"_s)}, key);
        QCOMPARE(o.code, code);
        if (!stderrHas.isEmpty())
            QVERIFY2(QString::fromUtf8(o.err).contains(stderrHas), o.err.constData());
        if (!key.isEmpty() && key.size() > 8)
            QVERIFY(!o.err.contains(key.toUtf8()));
    }

    void badConfigIsAUsageError()
    {
        const QString bad = m_dir.filePath(u"bad.ini"_s);
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[stripe]\nbase_url=not a url\n");
        f.close();
        const Outcome o = run({u"search"_s, u"x"_s, u"--config"_s, bad});
        QCOMPARE(o.code, 2);
        QVERIFY(o.err.contains("base_url"));
    }

    void syncReadsTheProfilesKeyFromTheKeychain()
    {
        if (qEnvironmentVariable("SB_SECRET_BACKEND") != "keychain"_L1)
            QSKIP("runs inside dbus-run-session with a private gnome-keyring (tst_cli_keychain)");
        // The profile exists (no secret in it) and its key is only in the keychain.
        sb::ProfileStore profiles(m_dir.filePath(u"config/Switchboard/switchboard/profiles.ini"_s));
        sb::Profile profile{u"kc"_s};
        profile.stripeBaseUrl = m_sandbox.baseUrl();
        profile.stripeRequestsPerSecond = 500;
        QVERIFY(profiles.save(profile));
        sb::secrets::KeychainSecretStore keychain;
        std::optional<sb::Status> written;
        keychain.write(sb::secrets::secretName(u"kc"_s, u"stripe"_s), u"sk_test_sandbox"_s,
                       [&](sb::Status st) { written = st; });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 20000);
        QVERIFY2(written->ok(), qPrintable(written->error().message));
        const Outcome o = run({u"sync"_s, u"--profile"_s, u"kc"_s, u"--json"_s}, QString(), /*keepBus=*/true);
        QVERIFY2(o.code == 0, o.err.constData());
        QVERIFY(QJsonDocument::fromJson(o.out).object().value(u"ok"_s).toBool());
        keychain.remove(sb::secrets::secretName(u"kc"_s, u"stripe"_s), [](sb::Status) {});
    }

    void auditExportAndVerify()
    {
        using namespace sb::audit;
        const QString db = m_dir.filePath(u"audit.sqlite"_s);
        {
            auto conn = sb::store::Connection::open(db, u"tst"_s);
            QVERIFY(conn);
            AuditLog log(conn.value()->db());
            for (int i = 0; i < 5; ++i) {
                Entry e;
                e.actor = i % 2 ? u"bob"_s : u"ada"_s;
                e.action = i < 3 ? u"note.add"_s : u"kit.add_tag"_s;
                e.reason = u"=1+1, \"quoted\"\r\nnext line"_s;
                e.outcome = outcome::Ok;
                if (i % 2 == 0)
                    e.subjects = {emailSubject(u"ada@example.com"_s)};
                QVERIFY(log.append(e));
            }
        }
        const QStringList at{u"--config"_s, m_config, u"--db"_s, db, u"--as"_s, u"auditor"_s};
        const QString csv = m_dir.filePath(u"audit.csv"_s);
        Outcome o = run(QStringList{u"audit"_s, u"export"_s, u"--format"_s, u"csv"_s, u"-o"_s, csv, u"--as"_s,
                                    u"auditor"_s, u"--reason"_s, u"review"_s} +
                        at);
        QVERIFY2(o.code == 0, o.err.constData());
        const QRegularExpressionMatch m =
            QRegularExpression(u"exported 6 entries to .*; head 6:([0-9a-f]{64})"_s)
                .match(QString::fromUtf8(o.out));
        QVERIFY2(m.hasMatch(), o.out.constData());
        const QString head = m.captured(1);
        QVERIFY(!QFile::exists(csv + u".partial"_s));
        const QFileDevice::Permissions perms = QFileInfo(csv).permissions();
        QVERIFY(perms & QFileDevice::WriteOwner);
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));

        o = run(QStringList{u"audit"_s, u"verify"_s, csv} + at);
        QVERIFY2(o.code == 0, o.err.constData());
        QVERIFY2(o.out.startsWith(QByteArray("OK: 6 entries verified, head 6:" + head.toLatin1())),
                 o.out.constData());
        o = run(QStringList{u"audit"_s, u"verify"_s, u"--head"_s, head} + at);
        QVERIFY2(o.code == 0, o.err.constData());
        o = run(QStringList{u"audit"_s, u"verify"_s, u"--json"_s} + at);
        QCOMPARE(o.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(o.out).object();
        QVERIFY(report.value(u"ok"_s).toBool());
        QCOMPARE(report.value(u"entries"_s).toInt(), 6);
        QCOMPARE(report.value(u"head_hash"_s).toString(), head);

        // Filters: a person by address (their entries and this export), an actor, an action prefix.
        const QString jsonl = m_dir.filePath(u"ada.jsonl"_s);
        o = run(QStringList{u"audit"_s, u"export"_s, u"--format"_s, u"jsonl"_s, u"--person"_s,
                            u"ADA@example.com"_s, u"-o"_s, jsonl} +
                at);
        QVERIFY2(o.code == 0, o.err.constData());
        QVERIFY2(o.out.startsWith("exported 4 entries"), o.out.constData());
        o = run(QStringList{u"audit"_s, u"verify"_s, jsonl} + at);
        QVERIFY2(o.code == 0 && o.out.contains("filtered"), o.out.constData());
        o = run(QStringList{u"audit"_s, u"export"_s, u"--format"_s, u"csv"_s, u"--actor"_s, u"bob"_s,
                            u"--action"_s, u"kit."_s, u"--since"_s, u"2000-01-01T00:00:00Z"_s, u"-o"_s,
                            jsonl} +
                at);
        QVERIFY2(o.out.startsWith("exported 2 entries"), o.out.constData()); // bob's one, and the export entry

        // Usage, I/O and verification failures.
        const QList<QStringList> usage = {
            {u"audit"_s, u"export"_s, u"-o"_s, jsonl},
            {u"audit"_s, u"export"_s, u"--format"_s, u"xlsx"_s, u"-o"_s, jsonl},
            {u"audit"_s, u"export"_s, u"--format"_s, u"csv"_s},
            {u"audit"_s, u"export"_s, u"--format"_s, u"csv"_s, u"--since"_s, u"yesterday"_s, u"-o"_s, jsonl},
            {u"audit"_s, u"verify"_s, u"--head"_s, u"abc"_s},
            {u"audit"_s, u"frobnicate"_s},
            {u"audit"_s},
        };
        for (const QStringList &args : usage)
            QCOMPARE(run(args + at).code, 2);
        QCOMPARE(run(QStringList{u"audit"_s, u"export"_s, u"--format"_s, u"csv"_s, u"--person"_s,
                                 u"nobody-at-all"_s, u"-o"_s, jsonl} +
                     at)
                     .code,
                 1);
        QCOMPARE(run(QStringList{u"audit"_s, u"export"_s, u"--format"_s, u"csv"_s, u"-o"_s,
                                 m_dir.filePath(u"no/such/dir/x.csv"_s)} +
                     at)
                     .code,
                 3);
        QCOMPARE(run(QStringList{u"audit"_s, u"verify"_s, m_dir.filePath(u"absent.csv"_s)} + at).code, 3);

        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        f.close();
        QVERIFY(bytes.contains(",review,"));
        bytes.replace(",review,", ",nothing to see,");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();
        o = run(QStringList{u"audit"_s, u"verify"_s, csv} + at);
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains("entry 6 was edited"), o.err.constData());
    }

    void consoleWithoutDisplayExplainsXvfb()
    {
        const Outcome o = run({u"--demo"_s});
        QCOMPARE(o.code, 2);
        QVERIFY(o.err.contains("xvfb-run"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
