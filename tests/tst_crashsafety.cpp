// Crash safety: the real `switchboard` command line, run as a child process against a sandbox served from
// this process, is killed with SIGKILL at many points of (a) a full sync of all three providers and (b) a
// bulk fix (`switchboard fix ID... --apply`), then run again. Kill points (KillPoint): once the sandbox has
// served the child's k-th request, once the k-th remote change has landed, or once the fix has reported its
// k-th action; at once or a few milliseconds later. They come from fixed seeds and every failure names its
// point, so it can be replayed (SB_CRASH_POINTS sets how many, SB_CRASH_KEEP=1 keeps the caches).
//
// (a) After each kill: the cache passes PRAGMA integrity_check and no sync checkpoint is ahead of its data (a
// Stripe listing cursor names a stored object and everything listed before it is stored; a finished listing
// has all its objects; the events checkpoint has every earlier event; a Circle or Kit checkpoint has the
// whole provider). After the sync is run again: people, identities, raw objects, timeline, memberships,
// search keys, entitlements and open findings equal a never-killed run's, compared in a canonical form
// (person ids replaced by the person's accounts, observation times masked: they are when a sync looked). (b)
// After each kill: integrity, and the audit chain verifies. After the fix is run again: every intent has
// exactly one outcome, the ones left open by the kill read "unknown", no change is "ok" twice, the chain
// verifies, the providers changed exactly as often as in a never-killed run (circleWriteCount, kitWriteCount)
// and show the same state, and the same findings are open.
#include "CacheDump.h"
#include "Sandbox.h"
#include "SandboxWorlds.h"
#include "audit/AuditExport.h"
#include "audit/AuditLog.h"
#include "common/Config.h"
#include "reconcile/Policy.h"
#include "store/Database.h"
#include "store/FindingsStore.h"
#include "sync/SyncEngine.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {

// Small worlds keep a run under a second; the seeds are fixed so every kill point can be replayed.
constexpr int kSyncPeople = 100;
constexpr quint64 kSyncSeed = 11;
constexpr int kFixPeople = 90;
constexpr quint64 kFixSeed = 5;
constexpr quint32 kKillSeed = 20261127;
// Kill points per scenario; SB_CRASH_POINTS overrides (default 22; more for a soak run, fewer while
// debugging).
int killPoints()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("SB_CRASH_POINTS", &ok);
    return ok && n > 0 ? n : 22;
}

// Sees every event of this thread (the sandbox is served here) before it is delivered, so a kill can follow
// the sandbox's request count as closely as the event loop allows.
class EventWatch : public QObject {
public:
    explicit EventWatch(std::function<void()> check)
        : m_check(std::move(check))
    {
        QCoreApplication::instance()->installEventFilter(this);
    }
    ~EventWatch() override { QCoreApplication::instance()->removeEventFilter(this); }

protected:
    bool eventFilter(QObject *, QEvent *) override
    {
        m_check();
        return false;
    }

private:
    std::function<void()> m_check;
};

// Where to kill a run: once the sandbox has served `afterRequests` requests of it, once its `afterWrites`-th
// remote change is made (the write has landed; its answer has not reached the child), or once the child has
// written `afterLines` lines to stderr (a bulk fix prints one per action it finished); then `delayMs` later.
struct KillPoint {
    qint64 afterRequests = -1; // -1: not by requests
    int afterLines = -1;       // -1: not by output
    int afterWrites = -1;      // -1: not by remote changes (the sandbox's Circle and Kit write counts)
    int delayMs = 0;

    QString describe() const
    {
        const QString what = afterLines >= 0    ? u"after output line %1"_s.arg(afterLines)
                             : afterWrites >= 0 ? u"after remote change %1"_s.arg(afterWrites)
                                                : u"after request %1"_s.arg(afterRequests);
        return delayMs ? what + u" + %1 ms"_s.arg(delayMs) : what;
    }
};

struct RunResult {
    int exitCode = -1;
    bool killed = false;
    qint64 requests = 0; // the sandbox requests this run caused
    QByteArray out;
    QByteArray err;
};

// One SQLite connection of the test's own, closed (and its name released) with the object.
class Db {
public:
    explicit Db(const QString &path)
        : m_name(u"crash-%1"_s.arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
    }
    ~Db()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    // Every row of a query as one line of its values.
    QStringList rows(const QString &sql, const QVariantList &binds = {}) const
    {
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec())
            qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        QStringList out;
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells.append(q.value(i).isNull() ? u"NULL"_s : q.value(i).toString());
            out.append(cells.join(u'|'));
        }
        return out;
    }
    qint64 scalar(const QString &sql, const QVariantList &binds = {}) const
    {
        return rows(sql, binds).value(0).toLongLong();
    }
    QString integrity() const { return rows(u"PRAGMA integrity_check"_s).join(u"; "_s); }

private:
    QString m_name;
    static inline int s_counter = 0;
};

// The cache in a form two runs can be compared in: person ids (which depend on the order things arrived in)
// become the person's accounts; the time a sync observed something is masked. Sorted lines per table.
QStringList canonicalDump(const QString &path)
{
    Db c(path);
    QHash<QString, QStringList> accounts;
    for (const QString &row : c.rows(u"SELECT person_id, provider || ':' || external_id FROM identities"_s)) {
        const qsizetype bar = row.indexOf(u'|');
        accounts[row.left(bar)].append(row.mid(bar + 1));
    }
    QHash<QString, QString> personKey;
    for (const QString &row : c.rows(u"SELECT id, email_norm FROM people"_s)) {
        const qsizetype bar = row.indexOf(u'|');
        QStringList list = accounts.value(row.left(bar));
        list.sort();
        personKey.insert(row.left(bar), list.isEmpty() ? u"email:"_s + row.mid(bar + 1) : list.join(u','));
    }
    auto keyed = [&](const QString &table, const QString &sql,
                     const std::function<void(QStringList &)> &mask = {}) {
        QStringList out;
        for (const QString &row : c.rows(sql)) {
            QStringList cells = row.split(u'|');
            // The first column is always a person id.
            cells[0] = cells.at(0) == "NULL"_L1 ? u"-"_s : personKey.value(cells.at(0), u"?"_s + cells.at(0));
            if (mask)
                mask(cells);
            out.append(table + u": "_s + cells.join(u'|'));
        }
        out.sort();
        return out;
    };
    QStringList dump;
    // primary_email is left out (email_norm stays): it is spelled as the account that made the person spelled
    // it, so it depends on which provider's page arrived first (a Unicode domain or its punycode form).
    dump += keyed(u"people"_s, u"SELECT id, display_name, email_norm FROM people"_s);
    dump += keyed(u"identities"_s, u"SELECT person_id, provider, external_id, email, email_norm, name, link,"
                                   " created_at, email_loose FROM identities"_s);
    dump += keyed(u"raw"_s,
                  u"SELECT person_id, provider, kind, external_id, provider_time, json FROM raw_objects"_s,
                  [](QStringList &cells) {
                      if (cells.at(2) != "observation"_L1)
                          return;
                      // An observation is stamped with the moment a sync saw it.
                      const QString json = cells.mid(5).join(u'|');
                      QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
                      o.remove(u"observed_at"_s);
                      cells = cells.mid(0, 4);
                      cells.append(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
                  });
    dump += keyed(u"timeline"_s,
                  u"SELECT person_id, provider, source_key, kind, CASE WHEN observed <> 0 THEN 0 ELSE at END,"
                  " summary, amount, currency, observed, detail_json FROM timeline"_s);
    dump += keyed(u"memberships"_s, u"SELECT person_id, provider, container_kind, container_id, member_id,"
                                    " raw_kind, raw_id, since, status FROM memberships"_s);
    dump += keyed(u"search"_s, u"SELECT person_id, key, field FROM search_keys"_s);
    dump += keyed(u"entitlements"_s,
                  u"SELECT person_id, product_key, status, since, until, source FROM entitlements"_s);
    QStringList emails =
        c.rows(u"SELECT provider, external_id, email_norm, first_seen FROM identity_emails"_s);
    for (QString &e : emails)
        e.prepend(u"identity_emails: "_s);
    emails.sort();
    return dump + emails;
}

// What the providers show, read back by a fresh sync: accounts by address with their state, and who is in
// which container. Row ids and times are left out: a write made later has a later time.
QStringList remoteState(const QString &path)
{
    Db c(path);
    QStringList out = c.rows(
        u"SELECT i.provider, i.email_norm, r.kind, json_extract(r.json, '$.active'),"
        " json_extract(r.json, '$.state') FROM identities i JOIN raw_objects r ON r.provider = i.provider"
        " AND r.external_id = i.external_id AND r.kind IN ('member', 'subscriber')"
        " WHERE i.provider IN ('circle', 'kit')"_s);
    out += c.rows(
        u"SELECT m.provider, m.container_kind, m.container_id, i.email_norm, m.status FROM memberships m"
        " JOIN identities i ON i.provider = m.provider AND i.external_id = m.member_id"_s);
    out.sort();
    return out;
}

// Lines in one list and not the other, for a failure message.
QString difference(QStringList expected, QStringList actual)
{
    expected.sort();
    actual.sort();
    QStringList lines;
    for (const QString &l : test::dumpDifference(expected, actual).mid(0, 16))
        lines.append(u"  "_s + l.left(300));
    return lines.join(u'\n');
}

// k spread over [1, total]: one per equal slice, at a seeded place inside it; every other one a few
// milliseconds late. Killed at once, the child is caught before the answer reaches it (the sandbox has acted,
// the child never learns it); a little later, while it applies what it received and commits.
QList<KillPoint> spread(qint64 total, int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<KillPoint> out;
    for (int i = 0; i < count; ++i) {
        const qint64 lo = 1 + total * i / count;
        const qint64 hi = std::max(lo, total * (i + 1) / count);
        KillPoint p;
        p.afterRequests = lo + qint64(rng.bounded(quint32(hi - lo + 1)));
        p.delayMs = i % 2 ? int(rng.bounded(1u, 25u)) : 0;
        out.append(p);
    }
    return out;
}

// Kill points after the n-th finished action of a bulk fix (1..actions), at once or up to 40 ms later:
// between an outcome and the next intent, while what the provider showed is written to the cache, during a
// local action (an identity link rebuilds the projections without any request), and in the reconcile at the
// end.
QList<KillPoint> afterActions(int actions, int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<KillPoint> out;
    for (int i = 0; i < count; ++i) {
        KillPoint p;
        p.afterLines =
            1 +
            int((qint64(i) * actions / count + rng.bounded(quint32(std::max(1, actions / count)))) % actions);
        p.delayMs = int(rng.bounded(0u, 40u));
        out.append(p);
    }
    return out;
}

} // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT
    sandbox::Sandbox m_sandbox;
    QTemporaryDir m_dir;
    QString m_config;
    QElapsedTimer m_clock;

    qint64 served() const
    {
        return m_sandbox.stripeRequestCount() + m_sandbox.circleRequestCount() + m_sandbox.kitRequestCount();
    }
    qint64 writes() const { return m_sandbox.circleWriteCount() + m_sandbox.kitWriteCount(); }

    // Runs switchboard asynchronously (the sandbox is served by this thread's event loop meanwhile), and
    // kills it with SIGKILL at `kill`.
    RunResult run(const QStringList &args, KillPoint kill = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.remove(u"QT_QPA_PLATFORM"_s);
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        env.insert(u"QT_LOGGING_RULES"_s, u"switchboard.*.info=false"_s);
        // Keys travel in the environment, never on the command line.
        env.insert(u"SWITCHBOARD_STRIPE_KEY"_s, u"sk_test_sandbox"_s);
        env.insert(u"SWITCHBOARD_CIRCLE_TOKEN"_s, u"circle_sandbox"_s);
        env.insert(u"SWITCHBOARD_KIT_KEY"_s, u"kit_sandbox"_s);
        p.setProcessEnvironment(env);

        RunResult result;
        const qint64 base = served();
        const qint64 baseWrites = writes();
        bool armed = kill.afterRequests >= 0 || kill.afterLines >= 0 || kill.afterWrites >= 0;
        auto fire = [&] {
            if (p.state() == QProcess::NotRunning || result.killed)
                return;
            p.kill(); // SIGKILL on Unix: no handler, no flush, no destructor runs
            result.killed = true;
        };
        auto trigger = [&] {
            armed = false;
            if (kill.delayMs == 0)
                fire();
            else
                QTimer::singleShot(kill.delayMs, Qt::PreciseTimer, &p, fire);
        };
        EventWatch watch([&] {
            if (armed && ((kill.afterRequests >= 0 && served() - base >= kill.afterRequests) ||
                          (kill.afterWrites >= 0 && writes() - baseWrites >= kill.afterWrites)))
                trigger();
        });
        // stderr is read as it comes (and kept), so a kill can follow the child's own account of its
        // progress.
        connect(&p, &QProcess::readyReadStandardError, &p, [&] {
            result.err += p.readAllStandardError();
            if (armed && kill.afterLines >= 0 && result.err.count('\n') >= kill.afterLines)
                trigger();
        });
        QEventLoop loop;
        connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
        connect(&p, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError e) {
            if (e == QProcess::FailedToStart)
                loop.quit();
        });
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        p.start(QStringLiteral(SB_SWITCHBOARD_BIN), args);
        loop.exec();
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(5000); // only after a timeout: the sandbox has nothing left to serve then
            qFatal("switchboard did not finish: %s", qPrintable(args.join(u' ')));
        }
        result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        result.requests = served() - base;
        result.out = p.readAllStandardOutput();
        result.err += p.readAllStandardError();
        return result;
    }

    QStringList at(const QString &db) const { return {u"--config"_s, m_config, u"--db"_s, db}; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // --- (a) sync ---

    // Which kinds of checkpoint the kills left behind (so the summary shows what was checked, not only that).
    struct Coverage {
        int listingCursors = 0; // a Stripe listing cut between its pages
        int doneListings = 0;
        int eventCheckpoints = 0;
        int finishedBackfills = 0;
        int polledCheckpoints = 0; // Circle or Kit
    } m_coverage;

    // After a kill: no checkpoint is ahead of the data it stands for. `clean` is a never-killed run's cache.
    void checkCheckpoints(const QString &killed, const QString &clean, const QString &where)
    {
        Db c(killed);
        if (c.scalar(u"SELECT count(*) FROM sqlite_master WHERE name = 'sync_state'"_s) == 0)
            return; // killed before the cache was made
        QSqlQuery attach(c.db());
        QVERIFY2(attach.exec(u"ATTACH DATABASE '%1' AS clean"_s.arg(QString(clean).replace(u"'"_s, u"''"_s))),
                 qPrintable(attach.lastError().text()));
        // Objects of the clean run missing here, among those the condition selects (on the clean side, cr).
        auto missing = [&c](const QString &provider, const QString &condition, const QVariantList &binds) {
            return c.rows(
                u"SELECT cr.kind || ' ' || cr.external_id FROM clean.raw_objects cr WHERE cr.provider = '"_s +
                    provider + u"' AND ("_s + condition +
                    u") AND NOT EXISTS (SELECT 1 FROM main.raw_objects r WHERE r.provider = cr.provider"
                    " AND r.kind = cr.kind AND r.external_id = cr.external_id)"_s,
                binds);
        };
        for (const QString &row :
             c.rows(u"SELECT stream, cursor, last_ok_at FROM sync_state WHERE provider = 'stripe'"_s)) {
            const QStringList f = row.split(u'|');
            const QString &stream = f.at(0), &cursor = f.at(1);
            if (stream.startsWith("backfill:"_L1) && !cursor.isEmpty()) {
                // Stream names are the plural of their object kind (checkout_sessions → checkout_session).
                const QString kind = stream.mid(9).chopped(1);
                if (cursor == "done"_L1) {
                    ++m_coverage.doneListings;
                    const QStringList gone = missing(u"stripe"_s, u"cr.kind = ?"_s, {kind});
                    QVERIFY2(gone.isEmpty(), qPrintable(u"%1: %2 listing done, yet missing %3"_s.arg(
                                                 where, stream, gone.join(u", "_s))));
                    continue;
                }
                ++m_coverage.listingCursors;
                // A listing cursor: its object is stored, and so is everything listed before it (newest
                // first).
                const qint64 created = c.scalar(
                    u"SELECT provider_time FROM raw_objects WHERE provider = 'stripe' AND external_id = ?"_s,
                    {cursor});
                QVERIFY2(created > 0, qPrintable(u"%1: %2 cursor %3 names an object not stored"_s.arg(
                                          where, stream, cursor)));
                const QStringList gone =
                    missing(u"stripe"_s, u"cr.kind = ? AND cr.provider_time > ?"_s, {kind, created});
                QVERIFY2(gone.isEmpty(),
                         qPrintable(u"%1: %2 cursor %3 is ahead of its data: missing %4"_s.arg(
                             where, stream, cursor, gone.join(u", "_s))));
            } else if (stream == "events"_L1 && !cursor.isEmpty()) {
                // "<created ms>:<event id>": every earlier event is stored, and the named one.
                ++m_coverage.eventCheckpoints;
                const qint64 created = cursor.section(u':', 0, 0).toLongLong();
                const QString id = cursor.section(u':', 1);
                const QStringList gone =
                    missing(u"stripe"_s, u"cr.kind = 'event' AND cr.provider_time < ?"_s, {created});
                QVERIFY2(gone.isEmpty(),
                         qPrintable(u"%1: the events checkpoint %2 is ahead of its data: missing %3"_s.arg(
                             where, cursor, gone.join(u", "_s))));
                if (!id.isEmpty())
                    QVERIFY2(
                        c.scalar(u"SELECT count(*) FROM raw_objects WHERE provider = 'stripe' AND kind = "
                                 "'event' AND external_id = ?"_s,
                                 {id}) == 1,
                        qPrintable(u"%1: the events checkpoint names %2, not stored"_s.arg(where, id)));
            } else if (stream == "backfill"_L1 && cursor.isEmpty() && f.at(2) != "NULL"_L1 &&
                       !f.at(2).isEmpty()) {
                // A finished backfill has every object (the child lists are fetched after it).
                ++m_coverage.finishedBackfills;
                const QStringList gone =
                    missing(u"stripe"_s, u"cr.kind NOT IN ('checkout_line_items', 'invoice_payments')"_s, {});
                QVERIFY2(gone.isEmpty(),
                         qPrintable(u"%1: the backfill is marked finished, yet missing %2"_s.arg(
                             where, gone.join(u", "_s))));
            }
        }
        // Circle and Kit move their checkpoint only at the end of a successful run: then all is here.
        for (const QString &provider : {u"circle"_s, u"kit"_s}) {
            const QString cp =
                c.rows(u"SELECT cursor FROM sync_state WHERE provider = ? AND stream = 'checkpoint'"_s,
                       {provider})
                    .value(0);
            if (cp.isEmpty())
                continue;
            ++m_coverage.polledCheckpoints;
            const QStringList gone = missing(provider, u"cr.kind <> 'observation'"_s, {});
            QVERIFY2(gone.isEmpty(), qPrintable(u"%1: the %2 checkpoint is set, yet missing %3"_s.arg(
                                         where, provider, gone.join(u", "_s))));
        }
    }

    // --- (b) bulk fix ---

    QJsonObject m_fixWorld;

    // The findings a bulk fix is asked to apply: their ids in this cache, and their keys (ids differ between
    // caches; keys name the same disagreement).
    struct FixTargets {
        QStringList ids;
        QStringList keys;
    };

    // A cache synced from the freshly loaded fix world (in this process: the sandbox's times are those of
    // this load), with the world's policy; the open findings that have steps Switchboard can apply.
    FixTargets prepareFixCache(const QString &cachePath)
    {
        QString error;
        if (!m_sandbox.loadWorld(m_fixWorld, &error))
            qFatal("cannot load the fix world: %s", qPrintable(error));
        newCache(cachePath, m_fixWorld);
        syncInProcess(cachePath, true);
        Db c(cachePath);
        store::FindingFilter filter;
        filter.limit = 1000;
        auto open = store::FindingsStore(c.db()).list(filter);
        if (!open)
            qFatal("cannot list findings");
        QList<store::StoredFinding> applicable;
        for (const store::StoredFinding &f : open.value()) {
            if (std::any_of(f.finding.fix.cbegin(), f.finding.fix.cend(),
                            [](const reconcile::FixStep &s) { return s.action != "manual"_L1; }))
                applicable.append(f);
        }
        // In finding key order, so every cache applies them in the same order.
        std::sort(applicable.begin(), applicable.end(),
                  [](const store::StoredFinding &a, const store::StoredFinding &b) {
                      return a.finding.key < b.finding.key;
                  });
        FixTargets t;
        for (const store::StoredFinding &f : std::as_const(applicable)) {
            t.ids.append(QString::number(f.id));
            t.keys.append(f.finding.key);
        }
        return t;
    }

    // A new cache holding the world's policy, so every sync ends with a reconcile pass that has rules to run.
    static void newCache(const QString &cachePath, const QJsonObject &world)
    {
        auto conn = store::Connection::open(cachePath, u"prepare"_s);
        if (!conn)
            qFatal("cannot open %s", qPrintable(cachePath));
        auto policy = reconcile::Policy::fromJson(world);
        if (!policy ||
            !reconcile::savePolicy(conn.value()->db(), policy.value(), u"test"_s, u"the world's policy"_s))
            qFatal("cannot save the policy");
    }

    // A sync in this process (cheaper than a child; nothing is killed here).
    void syncInProcess(const QString &cachePath, bool withStripe)
    {
        Config config = test::sandboxConfig(m_sandbox, cachePath);
        if (!withStripe)
            config.stripe.apiKey.clear();
        sync::SyncWorker worker(config);
        QSignalSpy done(&worker, &sync::SyncWorker::finished);
        worker.run(false);
        if (!done.wait(60000))
            qFatal("the in-process sync did not finish");
    }

    // What the providers show now, read by a fresh Circle and Kit sync.
    QStringList readRemote(const QString &name)
    {
        const QString cachePath = path(name);
        syncInProcess(cachePath, false);
        return remoteState(cachePath);
    }

    // With --json the result comes at the end; without, stderr has a line per finished action (what the
    // output kill points count).
    QStringList fixArgs(const QString &db, const QStringList &ids, bool json = false) const
    {
        QStringList args = QStringList{u"fix"_s} + ids +
                           QStringList{u"--apply"_s, u"--actor"_s, u"crash-test"_s, u"--reason"_s,
                                       u"bulk fix under SIGKILL"_s} +
                           at(db);
        if (json)
            args.append(u"--json"_s);
        return args;
    }

    struct AuditShape {
        int intents = 0;
        int pending = 0; // intents without an outcome
        QString problem; // empty when every intent has at most one outcome and outcomes point at intents
    };
    static AuditShape auditShape(const QString &db)
    {
        Db c(db);
        AuditShape s;
        s.intents = int(c.scalar(u"SELECT count(*) FROM audit_log WHERE outcome = 'pending'"_s));
        s.pending = int(c.scalar(u"SELECT count(*) FROM audit_log i WHERE outcome = 'pending' AND NOT EXISTS"
                                 " (SELECT 1 FROM audit_log o WHERE o.intent_seq = i.seq)"_s));
        const QStringList twice =
            c.rows(u"SELECT intent_seq FROM audit_log WHERE intent_seq <> 0 GROUP BY intent_seq"
                   " HAVING count(*) > 1"_s);
        const QStringList stray =
            c.rows(u"SELECT o.seq FROM audit_log o WHERE o.intent_seq <> 0 AND NOT EXISTS"
                   " (SELECT 1 FROM audit_log i WHERE i.seq = o.intent_seq AND i.outcome = 'pending')"_s);
        // A change made twice: the same action on the same target done ("ok", a write) twice. A re-run after
        // a crash must find it done ("noop") instead.
        const QStringList doneTwice =
            c.rows(u"SELECT action || ' ' || target FROM audit_log WHERE outcome = 'ok' AND intent_seq <> 0"
                   " GROUP BY action, target HAVING count(*) > 1"_s);
        if (!doneTwice.isEmpty())
            s.problem += u"changes made twice: "_s + doneTwice.join(u", "_s) + u". "_s;
        if (!twice.isEmpty())
            s.problem += u"intents with more than one outcome: "_s + twice.join(u", "_s) + u". "_s;
        if (!stray.isEmpty())
            s.problem += u"outcomes pointing at no intent: "_s + stray.join(u", "_s);
        return s;
    }
    static QStringList openFindings(const QString &db)
    {
        QStringList keys = Db(db).rows(u"SELECT finding_key FROM findings WHERE status = 'open'"_s);
        keys.sort();
        return keys;
    }
    static QString verifyChain(const QString &db)
    {
        Db c(db);
        const audit::VerifyReport r = audit::verifyDatabase(c.db());
        return r.ok ? QString() : r.message;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Hundreds of in-process syncs: their progress lines would bury the test's own.
        QLoggingCategory::setFilterRules(u"switchboard.*.debug=false\nswitchboard.*.info=false"_s);
        // SB_CRASH_KEEP=1 keeps the caches of every run for a look afterwards.
        if (qEnvironmentVariableIsSet("SB_CRASH_KEEP")) {
            m_dir.setAutoRemove(false);
            qInfo("caches kept in %s", qPrintable(m_dir.path()));
        }
        QVERIFY(m_sandbox.listen(0));
        m_config = path(u"switchboard.ini"_s);
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray base = m_sandbox.baseUrl().toString().toUtf8();
        f.write("[stripe]\nbase_url=" + base + "\nrequests_per_second=1000\n[circle]\nbase_url=" + base +
                "\n[kit]\nbase_url=" + base + "\n");
        m_clock.start();
    }

    void killedSyncLosesNothing()
    {
        m_sandbox.generateWorld(kSyncPeople, kSyncSeed);
        const QJsonObject world = m_sandbox.world();
        const QString clean = path(u"sync-clean.sqlite"_s);
        newCache(clean, world);
        const RunResult first = run(QStringList{u"sync"_s} + at(clean));
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QStringList expected = canonicalDump(clean);
        QVERIFY(expected.size() > 500);
        const QStringList expectedOpen = openFindings(clean);
        QVERIFY(expectedOpen.size() >= 5);
        // The canonical form is what two clean runs agree on, whatever order the providers' pages came in.
        const QString again = path(u"sync-clean2.sqlite"_s);
        newCache(again, world);
        QCOMPARE(run(QStringList{u"sync"_s} + at(again)).exitCode, 0);
        const QStringList second = canonicalDump(again);
        QVERIFY2(second == expected,
                 qPrintable(u"two clean syncs differ:\n"_s + difference(expected, second)));
        QCOMPARE(openFindings(again), expectedOpen);

        const QList<KillPoint> points = spread(first.requests, killPoints(), kKillSeed);
        int killedCount = 0, twice = 0;
        for (qsizetype i = 0; i < points.size(); ++i) {
            const KillPoint point = points.at(i);
            const QString where = u"sync kill point %1 (%2)"_s.arg(i).arg(point.describe());
            const QString db = path(u"sync-%1.sqlite"_s.arg(i));
            newCache(db, world);
            const RunResult killed = run(QStringList{u"sync"_s} + at(db), point);
            if (killed.killed)
                ++killedCount;
            QCOMPARE(Db(db).integrity(), u"ok"_s);
            checkCheckpoints(db, clean, where);
            if (QTest::currentTestFailed())
                return;
            if (i % 3 == 2) {
                // A second crash, in the run that picks up after the first.
                const RunResult resumed =
                    run(QStringList{u"sync"_s} + at(db), {std::max<qint64>(1, killed.requests / 2), 3});
                twice += resumed.killed ? 1 : 0;
                QCOMPARE(Db(db).integrity(), u"ok"_s);
                checkCheckpoints(db, clean, where + u" (second kill)"_s);
                if (QTest::currentTestFailed())
                    return;
            }
            const RunResult finished = run(QStringList{u"sync"_s} + at(db));
            QVERIFY2(finished.exitCode == 0, qPrintable(where + u": "_s + QString::fromUtf8(finished.err)));
            QCOMPARE(Db(db).integrity(), u"ok"_s);
            const QStringList dump = canonicalDump(db);
            QVERIFY2(dump == expected, qPrintable(where + u": the cache differs from a clean run's:\n"_s +
                                                  difference(expected, dump)));
            // The reconcile pass at the end of the run (perhaps the one killed) came out the same.
            const QStringList stillOpen = openFindings(db);
            QVERIFY2(stillOpen == expectedOpen,
                     qPrintable(where + u": other findings open than after a clean run:\n"_s +
                                difference(expectedOpen, stillOpen)));
            QFile::remove(db);
        }
        qInfo("sync: %d kill points (%d killed mid-run, %d killed again while resuming) over %lld requests; "
              "checked after the kills: %d listing cursors between pages, %d finished listings, %d events "
              "checkpoints, %d finished backfills, %d Circle/Kit checkpoints; %.1f s",
              int(points.size()), killedCount, twice, first.requests, m_coverage.listingCursors,
              m_coverage.doneListings, m_coverage.eventCheckpoints, m_coverage.finishedBackfills,
              m_coverage.polledCheckpoints, m_clock.elapsed() / 1000.0);
        QVERIFY(killedCount >= points.size() * 3 / 4);
    }

    void killedBulkFixAppliesOnce()
    {
        m_sandbox.generateWorld(kFixPeople, kFixSeed);
        m_fixWorld = m_sandbox.world();

        // The clean run: what the providers show after it, and how many changes it made.
        const QString clean = path(u"fix-clean.sqlite"_s);
        const FixTargets targets = prepareFixCache(clean);
        const QStringList &ids = targets.ids;
        QVERIFY2(ids.size() >= 8, qPrintable(u"only %1 findings to fix"_s.arg(ids.size())));
        qint64 circleBefore = m_sandbox.circleWriteCount(), kitBefore = m_sandbox.kitWriteCount();
        const RunResult first = run(fixArgs(clean, ids, true));
        QVERIFY2(first.exitCode == 0 || first.exitCode == 3, first.err.constData());
        const qint64 circleWrites = m_sandbox.circleWriteCount() - circleBefore;
        const qint64 kitWrites = m_sandbox.kitWriteCount() - kitBefore;
        QVERIFY(circleWrites + kitWrites >= 5);
        const QJsonArray results = QJsonDocument::fromJson(first.out).object().value(u"results"_s).toArray();
        QVERIFY(results.size() >= ids.size());
        const AuditShape cleanShape = auditShape(clean);
        QCOMPARE(cleanShape.pending, 0);
        QVERIFY(verifyChain(clean).isEmpty());
        const QStringList expectedOpen = openFindings(clean);
        const QStringList expectedRemote = readRemote(u"fix-clean-remote.sqlite"_s);

        // Right after remote changes (each one while there are few: the write landed, the child never heard),
        // by sandbox request (inside an action, between its intent and its outcome, at every stage of check,
        // write, confirm), and by finished action (between actions, in a local action, in the closing
        // reconcile).
        const int count = killPoints();
        const int changes = int(circleWrites + kitWrites);
        const int byWrite = std::min(changes, count / 2);
        QList<KillPoint> points;
        for (int w = 0; w < byWrite; ++w) {
            KillPoint p;
            p.afterWrites = 1 + w * changes / byWrite;
            points.append(p);
        }
        points += afterActions(int(results.size()), count / 4, kKillSeed + 2);
        points += spread(first.requests, count - int(points.size()), kKillSeed + 1);
        int killedCount = 0, unknowns = 0;
        for (qsizetype i = 0; i < points.size(); ++i) {
            const KillPoint point = points.at(i);
            const QString where = u"fix kill point %1 (%2)"_s.arg(i).arg(point.describe());
            const QString db = path(u"fix-%1.sqlite"_s.arg(i));
            const FixTargets these = prepareFixCache(db);
            QCOMPARE(these.keys, targets.keys);
            circleBefore = m_sandbox.circleWriteCount();
            kitBefore = m_sandbox.kitWriteCount();

            const RunResult killed = run(fixArgs(db, these.ids), point);
            killedCount += killed.killed ? 1 : 0;
            QCOMPARE(Db(db).integrity(), u"ok"_s);
            QString chain = verifyChain(db);
            QVERIFY2(chain.isEmpty(), qPrintable(where + u": "_s + chain));
            AuditShape shape = auditShape(db);
            QVERIFY2(shape.problem.isEmpty(), qPrintable(where + u": "_s + shape.problem));
            int leftOpen = shape.pending;
            QList<qint64> openIntents;
            for (const QString &seq :
                 Db(db).rows(u"SELECT seq FROM audit_log i WHERE outcome = 'pending' AND NOT EXISTS"
                             " (SELECT 1 FROM audit_log o WHERE o.intent_seq = i.seq)"_s))
                openIntents.append(seq.toLongLong());

            if (i % 3 == 2) {
                // Killed again while running again (recording the unknowns, re-reading, writing).
                run(fixArgs(db, these.ids), {std::max<qint64>(1, killed.requests / 2), 2});
                QCOMPARE(Db(db).integrity(), u"ok"_s);
                chain = verifyChain(db);
                QVERIFY2(chain.isEmpty(), qPrintable(where + u" (second kill): "_s + chain));
                for (const QString &seq :
                     Db(db).rows(u"SELECT seq FROM audit_log i WHERE outcome = 'pending' AND NOT EXISTS"
                                 " (SELECT 1 FROM audit_log o WHERE o.intent_seq = i.seq)"_s))
                    if (!openIntents.contains(seq.toLongLong()))
                        openIntents.append(seq.toLongLong());
                leftOpen = int(openIntents.size());
            }

            const RunResult finished = run(fixArgs(db, these.ids));
            // What the run after a crash found to do is what a run without one left: the same findings open.
            const QStringList stillOpen = openFindings(db);
            QVERIFY2(stillOpen == expectedOpen,
                     qPrintable(where + u": other findings open than after a clean run:\n"_s +
                                difference(expectedOpen, stillOpen)));
            // 0, or 3 when a step failed in the provider's words (as in the clean run); 2 when the killed run
            // got as far as resolving every finding.
            QVERIFY2(finished.exitCode == 0 || finished.exitCode == 3 ||
                         (finished.exitCode == 2 && finished.err.contains("resolved")),
                     qPrintable(where + u": "_s + QString::fromUtf8(finished.err)));
            QCOMPARE(Db(db).integrity(), u"ok"_s);
            chain = verifyChain(db);
            QVERIFY2(chain.isEmpty(), qPrintable(where + u": "_s + chain));
            shape = auditShape(db);
            QVERIFY2(shape.problem.isEmpty(), qPrintable(where + u": "_s + shape.problem));
            QVERIFY2(shape.pending == 0,
                     qPrintable(where + u": %1 intents without an outcome"_s.arg(shape.pending)));
            {
                Db c(db);
                for (const qint64 seq : std::as_const(openIntents)) {
                    const QStringList outcome =
                        c.rows(u"SELECT outcome, actor FROM audit_log WHERE intent_seq = ?"_s, {seq});
                    QVERIFY2(
                        outcome == QStringList{u"unknown|switchboard"_s},
                        qPrintable(u"%1: intent %2 left open by the kill reads %3"_s.arg(where).arg(seq).arg(
                            outcome.join(u", "_s))));
                }
            }
            unknowns += leftOpen;

            // The providers changed exactly as often as in the clean run, and show the same.
            QVERIFY2(m_sandbox.circleWriteCount() - circleBefore == circleWrites &&
                         m_sandbox.kitWriteCount() - kitBefore == kitWrites,
                     qPrintable(u"%1: %2 Circle and %3 Kit changes, the clean run made %4 and %5"_s.arg(where)
                                    .arg(m_sandbox.circleWriteCount() - circleBefore)
                                    .arg(m_sandbox.kitWriteCount() - kitBefore)
                                    .arg(circleWrites)
                                    .arg(kitWrites)));
            const QStringList remote = readRemote(u"fix-%1-remote.sqlite"_s.arg(i));
            QVERIFY2(remote == expectedRemote,
                     qPrintable(where + u": the providers differ from a clean run's:\n"_s +
                                difference(expectedRemote, remote)));
        }
        qInfo("fix: %lld findings, %lld Circle and %lld Kit changes; %d kill points (%d killed mid-run), %d "
              "intents left open and recorded unknown; %.1f s",
              qint64(ids.size()), circleWrites, kitWrites, int(points.size()), killedCount, unknowns,
              m_clock.elapsed() / 1000.0);
        QVERIFY(killedCount >= points.size() * 3 / 4);
        QVERIFY(unknowns > 0); // some kills did land between an intent and its outcome
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
