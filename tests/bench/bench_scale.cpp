// The scale suite (issue 8, `./build.sh bench`): for each community size, a deterministic generated world is
// served by the sandbox on a thread of its own, and this measures what a user of a cache that size meets:
//   - the console's first full sync (all three providers, no rate limit on either side) in the real app
//     (`switchboard --measure`): time, requests per provider, the longest GUI-thread stall, peak memory;
//   - an incremental sync (the CLI), and — up to --rate-limited-up-to people — a full sync under the
//     providers' real limits against the bound those limits set;
//   - cold start to a usable window on the synced cache (the app again), peak memory;
//   - lookups by email, email prefix, name and every id kind, through the GUI's read path;
//   - a person's first timeline page for people with 10, 1,000 and 10,000 rows;
//   - full and incremental reconcile passes;
//   - ingest through the store against SQLite's raw prepared inserts of the same rows;
//   - audit log append, verify and export at one entry per person.
// Prints one JSON object per size on stdout (progress on stderr). Numbers are read by people
// (docs/BENCHMARKS.md), never asserted; the 1,000-person smoke run in the tests keeps it from rotting.
//   bench_scale [--scales 1000,10000,100000] [--seed 42] [--runs 3] [--lookups 300]
//               [--rate-limited-up-to 10000] [--ingest-items 100000] [--switchboard PATH] [--keep DIR]
//               [--cache PATH --only reconcile,ingest,…]   (one section on a kept cache, e.g. under perf)
#include "BenchCommon.h"
#include "Sandbox.h"
#include "audit/AuditExport.h"
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitMapper.h"
#include "providers/stripe/StripeMapper.h"
#include "reconcile/Policy.h"
#include "store/Database.h"
#include "store/FactsLoader.h"
#include "store/Queries.h"
#include "store/Store.h"
#include "sync/ReconcilePass.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace sb;
using bench::stats;
using bench::timed;

namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

double secondsOf(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

// The sandbox on a thread of its own: the console and the CLI run as child processes against it while this
// thread waits for them or measures.
class SandboxHost {
public:
    SandboxHost(int people, quint64 seed, bool realLimits)
        : m_sandbox(new sandbox::Sandbox)
    {
        m_sandbox->generateWorld(people, seed);
        if (realLimits) {
            // The providers' published limits (PROVIDERS.md): Stripe's test mode, Circle per IP, Kit per key.
            m_sandbox->setStripeRateLimit(25);
            m_sandbox->setCircleRateLimit(2000, 300);
            m_sandbox->setKitRateLimit(120, 60);
        }
        m_world = m_sandbox->world();
        m_sandbox->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_sandbox,
            [this] {
                if (m_sandbox->listen(0))
                    m_url = m_sandbox->baseUrl();
            },
            Qt::BlockingQueuedConnection);
    }
    ~SandboxHost()
    {
        QMetaObject::invokeMethod(
            m_sandbox, [this] { delete m_sandbox; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    QUrl url() const { return m_url; }
    const QJsonObject &world() const { return m_world; }

private:
    QThread m_thread;
    sandbox::Sandbox *m_sandbox;
    QJsonObject m_world;
    QUrl m_url;
};

struct Bench {
    QString app; // the switchboard executable
    QDir dir;
    int runs = 3;
    int lookups = 300;
    int ingestItems = 100000;
    quint64 seed = 42;
    QString cache;    // --cache: measure this synced cache instead of syncing one
    QStringList only; // --only: these sections (empty: all)

    bool wants(const QString &section) const { return only.isEmpty() || only.contains(section); }

    QString writeConfig(const QString &name, const QUrl &url, bool unpaced) const
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        QTextStream s(&f);
        const QString u = url.toString();
        s << "[stripe]\nbase_url=" << u << "\n";
        if (unpaced)
            s << "requests_per_second=1000000\n";
        s << "[circle]\nbase_url=" << u << "\nmonthly_quota=0\n";
        if (unpaced)
            s << "requests_per_5_minutes=100000000\n";
        s << "[kit]\nbase_url=" << u << "\n";
        if (unpaced)
            s << "requests_per_minute=100000000\n";
        return path;
    }

    QProcessEnvironment childEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // The sandbox's published test keys; the webhook secrets are made here so nothing asks the keychain.
        env.insert(u"SWITCHBOARD_STRIPE_KEY"_s, u"sk_test_sandbox"_s);
        env.insert(u"SWITCHBOARD_CIRCLE_TOKEN"_s, u"circle_sandbox"_s);
        env.insert(u"SWITCHBOARD_KIT_KEY"_s, u"kit_sandbox"_s);
        const QString secret = u"whsec_"_s + QString::number(QRandomGenerator::global()->generate64(), 36);
        env.insert(u"SWITCHBOARD_STRIPE_WEBHOOK_SECRET"_s, secret);
        env.insert(u"SWITCHBOARD_KIT_WEBHOOK_SECRET"_s, secret);
        env.insert(u"HOME"_s, dir.filePath(u"home"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"home/.config"_s));
        env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"home/.local/share"_s));
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=false;switchboard.*.info=false"_s);
        return env;
    }

    // Runs the app with these arguments to the end; its stdout, or an empty array when it failed.
    QByteArray run(const QStringList &args, double *wallSeconds = nullptr) const
    {
        QProcess p;
        p.setProcessEnvironment(childEnvironment());
        p.setProcessChannelMode(QProcess::SeparateChannels);
        QElapsedTimer t;
        t.start();
        p.start(app, args);
        if (!p.waitForFinished(4 * 3600 * 1000) || p.exitStatus() != QProcess::NormalExit) {
            err() << "switchboard " << args.join(u' ') << " did not finish: " << p.readAllStandardError()
                  << Qt::endl;
            return {};
        }
        if (wallSeconds)
            *wallSeconds = secondsOf(t);
        if (p.exitCode() != 0)
            err() << "switchboard " << args.first() << " exited " << p.exitCode() << ": "
                  << p.readAllStandardError().right(2000) << Qt::endl;
        return p.readAllStandardOutput();
    }

    // The console with --measure: its JSON.
    QJsonObject measureApp(const QString &config, const QString &db) const
    {
        const QString out = dir.filePath(u"measure.json"_s);
        QFile::remove(out);
        run({u"--config"_s, config, u"--db"_s, db, u"--measure"_s, out});
        QFile f(out);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }
};

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

QStringList column(QSqlDatabase db, const QString &sql)
{
    QStringList out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        err() << q.lastError().text() << " in " << sql << Qt::endl;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

// Every k-th row (k chosen for about n rows): a deterministic sample.
QString sampled(const QString &select, const QString &table, const QString &where, QSqlDatabase db, int n)
{
    const qint64 rows = scalar(db, u"SELECT count(*) FROM "_s + table + u" WHERE "_s + where);
    const qint64 step = std::max<qint64>(1, rows / std::max(1, n));
    return u"SELECT "_s + select + u" FROM "_s + table + u" WHERE "_s + where + u" AND rowid % "_s +
           QString::number(step) + u" = 0 LIMIT "_s + QString::number(n);
}

QJsonObject cacheShape(QSqlDatabase db, const QString &path)
{
    return {{u"people"_s, scalar(db, u"SELECT count(*) FROM people"_s)},
            {u"identities"_s, scalar(db, u"SELECT count(*) FROM identities"_s)},
            {u"timeline_rows"_s, scalar(db, u"SELECT count(*) FROM timeline"_s)},
            {u"raw_objects"_s, scalar(db, u"SELECT count(*) FROM raw_objects"_s)},
            {u"findings_open"_s, scalar(db, u"SELECT count(*) FROM findings WHERE status = 'open'"_s)},
            {u"file_mb"_s, double(QFileInfo(path).size()) / 1e6}};
}

QJsonObject lookups(QSqlDatabase db, int n)
{
    store::Queries queries(db);
    const auto time = [&](const QStringList &inputs) {
        QList<double> us;
        int found = 0;
        for (const QString &in : inputs) {
            QElapsedTimer t;
            t.start();
            auto hits = queries.search(in, 50);
            us.append(double(t.nsecsElapsed()) / 1e3);
            found += hits && !hits->isEmpty() ? 1 : 0;
        }
        QJsonObject s = stats(us, u"us"_s);
        s.insert(u"found"_s, found);
        return s;
    };
    const QStringList emails =
        column(db, sampled(u"email"_s, u"identities"_s, u"provider = 'stripe' AND email <> ''"_s, db, n));
    QStringList prefixes, names;
    for (const QString &e : emails)
        prefixes.append(e.left(4));
    for (const QString &name :
         column(db, sampled(u"name"_s, u"identities"_s, u"provider = 'circle' AND name <> ''"_s, db, n)))
        names.append(name.section(u' ', -1));
    const auto ids = [&](const QString &provider, const QString &kind) {
        return kind.isEmpty()
                   ? column(db, sampled(u"external_id"_s, u"identities"_s,
                                        u"provider = '"_s + provider + u"'"_s, db, n))
                   : column(db, sampled(u"external_id"_s, u"raw_objects"_s,
                                        u"provider = '"_s + provider + u"' AND kind = '"_s + kind + u"'"_s,
                                        db, n));
    };
    return {{u"email"_s, time(emails)},
            {u"email_prefix_4"_s, time(prefixes)},
            {u"last_name"_s, time(names)},
            {u"stripe_customer_id"_s, time(ids(u"stripe"_s, {}))},
            {u"stripe_charge_id"_s, time(ids(u"stripe"_s, u"charge"_s))},
            {u"stripe_subscription_id"_s, time(ids(u"stripe"_s, u"subscription"_s))},
            {u"circle_member_id"_s, time(ids(u"circle"_s, {}))},
            {u"kit_subscriber_id"_s, time(ids(u"kit"_s, {}))}};
}

// People with exactly 10, 1,000 and 10,000 timeline rows (bench rows of their own, spread over years), and
// the time to read each one's first page as the person page does.
QJsonObject timelines(QSqlDatabase db, int runs)
{
    QJsonObject out;
    QSqlQuery q(db);
    q.exec(u"BEGIN"_s);
    for (const int rows : {10, 1000, 10000}) {
        QSqlQuery ins(db);
        ins.prepare(u"INSERT INTO people(display_name, primary_email, email_norm, created_at)"
                    " VALUES (?, ?, ?, 0)"_s);
        const QString email = u"heavy%1@bench.example"_s.arg(rows);
        ins.addBindValue(u"Heavy %1"_s.arg(rows));
        ins.addBindValue(email);
        ins.addBindValue(email);
        ins.exec();
        const qint64 person = ins.lastInsertId().toLongLong();
        ins.prepare(
            u"INSERT INTO timeline(person_id, at, provider, kind, source_key, summary, amount, currency)"
            " VALUES (?, ?, 'stripe', 'charge.succeeded', ?, 'Paid 49.00 USD', 4900, 'usd')"_s);
        for (int i = 0; i < rows; ++i) {
            ins.addBindValue(person);
            ins.addBindValue(Millis(1'600'000'000'000) + Millis(i) * 3'600'000);
            ins.addBindValue(u"bench:%1:%2"_s.arg(rows).arg(i));
            ins.exec();
        }
        out.insert(u"rows_%1"_s.arg(rows), person);
    }
    q.exec(u"COMMIT"_s);
    store::Queries queries(db);
    QJsonObject result;
    for (auto it = out.begin(); it != out.end(); ++it) {
        const qint64 person = it.value().toInteger();
        result.insert(it.key(), timed(std::max(50, runs * 20), [&] {
                          (void)queries.person(person);
                          (void)queries.timelinePage(person, {}, 100);
                      }));
    }
    return result;
}

QJsonObject reconcile(QSqlDatabase db, const QString &dbPath, int runs)
{
    Config config;
    config.dbPath = dbPath;
    store::FactsLoader loader(db);
    qint64 people = 0;
    QJsonObject load = timed(runs, [&] { people = loader.loadAll().value().size(); });
    const QJsonObject full = timed(runs, [&] { (void)sync::runReconcilePass(db, config, Clock::now()); });
    const QStringList some = column(db, sampled(u"id"_s, u"people"_s, u"1 = 1"_s, db, int(people / 100)));
    QList<qint64> ids;
    for (const QString &s : some)
        ids.append(s.toLongLong());
    const QJsonObject incremental =
        timed(runs, [&] { (void)sync::runReconcilePass(db, config, Clock::now(), ids, false); });
    return {{u"people"_s, people},
            {u"load_facts"_s, load},
            {u"full_pass"_s, full},
            {u"incremental_pass_1_percent"_s, incremental},
            {u"incremental_people"_s, ids.size()}};
}

// Ingest: the synced cache's raw objects mapped again (not timed), then written through Store::ingest into
// an empty cache in one transaction; then the same rows, read back, written with plain prepared INSERTs
// into another empty cache.
QJsonObject ingest(QSqlDatabase from, const QDir &dir, int cap)
{
    QList<IngestItem> items;
    {
        stripe::StripeMapper stripeMapper;
        circle::CircleMapper circleMapper;
        kit::KitMapper kitMapper;
        QSqlQuery q(from);
        q.setForwardOnly(true);
        // Owners first, the order a sync meets them in; then what they own.
        q.exec(u"SELECT provider, kind, json, snapshot_at, external_id, provider_time FROM raw_objects"
               " WHERE kind <> 'event' ORDER BY CASE kind WHEN 'product' THEN 0 WHEN 'price' THEN 0"
               " WHEN 'customer' THEN 1 WHEN 'member' THEN 1 WHEN 'subscriber' THEN 1 WHEN 'access_group'"
               " THEN 0 WHEN 'space' THEN 0 WHEN 'tag' THEN 0 WHEN 'member_tag' THEN 0 WHEN 'sequence' THEN 0"
               " ELSE 2 END, rowid"_s);
        while (q.next() && items.size() < cap) {
            const QString provider = q.value(0).toString(), kind = q.value(1).toString();
            const QJsonObject o = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
            const Millis snapshotAt = q.value(3).toLongLong();
            if (provider == "stripe"_L1) {
                stripeMapper.learnCatalog(o);
                auto mapped = stripe::StripeMapper::isChildList(kind)
                                  ? stripeMapper.mapChildList(kind, q.value(4).toString(), o,
                                                              q.value(5).toLongLong(), snapshotAt)
                                  : stripeMapper.mapObject(o, snapshotAt);
                if (mapped)
                    items += mapped.value();
            } else if (provider == "circle"_L1) {
                circleMapper.learn(kind, o);
                items += circleMapper.map(kind, o, snapshotAt);
            } else {
                kitMapper.learn(kind, o);
                items += kitMapper.map(kind, o, snapshotAt);
            }
        }
    }
    const QStringList tables = {u"people"_s,    u"identities"_s, u"identity_emails"_s, u"raw_objects"_s,
                                u"raw_facts"_s, u"timeline"_s,   u"search_keys"_s,     u"memberships"_s};
    QJsonObject out{{u"items"_s, items.size()}};
    // Empty caches of their own for every size (a kept folder holds the last size's).
    for (const QString &name : {u"ingest-store.sqlite"_s, u"ingest-raw.sqlite"_s})
        for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
            QFile::remove(dir.filePath(name + suffix));
    auto storeConn = store::Connection::open(dir.filePath(u"ingest-store.sqlite"_s), u"bench-ingest"_s);
    auto rawConn = store::Connection::open(dir.filePath(u"ingest-raw.sqlite"_s), u"bench-raw"_s);
    if (!storeConn || !rawConn)
        return out;
    QSqlDatabase sdb = storeConn.value()->db(), rdb = rawConn.value()->db();
    QElapsedTimer t;
    {
        store::Store store(sdb);
        t.start();
        (void)store.begin();
        for (const IngestItem &item : std::as_const(items)) {
            if (auto r = store.ingest(item); !r) {
                err() << "ingest: " << r.error().message << Qt::endl;
                break;
            }
        }
        (void)store.commit();
    }
    const double storeSeconds = secondsOf(t);
    qint64 rows = 0;
    QList<std::pair<QString, QList<QSqlRecord>>> written;
    for (const QString &table : tables) {
        QSqlQuery q(sdb);
        q.setForwardOnly(true);
        q.exec(u"SELECT * FROM "_s + table);
        QList<QSqlRecord> records;
        while (q.next())
            records.append(q.record());
        rows += records.size();
        written.append({table, std::move(records)});
    }
    t.restart();
    QSqlQuery(rdb).exec(u"BEGIN"_s);
    for (const auto &[table, records] : std::as_const(written)) {
        if (records.isEmpty())
            continue;
        QStringList names, marks;
        for (int i = 0; i < records.first().count(); ++i) {
            names.append(records.first().fieldName(i));
            marks.append(u"?"_s);
        }
        QSqlQuery ins(rdb);
        ins.prepare(u"INSERT INTO "_s + table + u" ("_s + names.join(u',') + u") VALUES ("_s +
                    marks.join(u',') + u")"_s);
        for (const QSqlRecord &r : records) {
            for (int i = 0; i < r.count(); ++i)
                ins.bindValue(i, r.value(i));
            if (!ins.exec()) {
                err() << "raw insert into " << table << ": " << ins.lastError().text() << Qt::endl;
                break;
            }
        }
    }
    QSqlQuery(rdb).exec(u"COMMIT"_s);
    const double rawSeconds = secondsOf(t);
    out.insert(u"rows"_s, rows);
    out.insert(u"store_seconds"_s, storeSeconds);
    out.insert(u"store_rows_per_s"_s, double(rows) / storeSeconds);
    out.insert(u"raw_insert_seconds"_s, rawSeconds);
    out.insert(u"raw_insert_rows_per_s"_s, double(rows) / rawSeconds);
    out.insert(u"store_to_raw_ratio"_s, rawSeconds / storeSeconds);
    return out;
}

QJsonObject auditLog(const QDir &dir, qint64 entries, int runs)
{
    using namespace sb::audit;
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
        QFile::remove(dir.filePath(u"audit.sqlite"_s + suffix));
    auto conn = store::Connection::open(dir.filePath(u"audit.sqlite"_s), u"bench-audit"_s);
    if (!conn)
        return {};
    QSqlDatabase db = conn.value()->db();
    AuditLog log(db);
    QElapsedTimer t;
    t.start();
    QSqlQuery(db).exec(u"BEGIN IMMEDIATE"_s);
    const Millis start = Millis(1'790'000'000) * 1000;
    for (qint64 i = 0; i < entries; ++i)
        (void)log.appendWithin(bench::auditEntryFor(i, start + i * 1000));
    QSqlQuery(db).exec(u"COMMIT"_s);
    QJsonObject out{{u"entries"_s, entries}, {u"append_seconds"_s, secondsOf(t)}};
    bool ok = true;
    out.insert(u"verify"_s, timed(runs, [&] { ok = verifyDatabase(db).ok && ok; }));
    for (const auto format : {ExportFormat::Csv, ExportFormat::JsonLines}) {
        const QString path = dir.filePath(u"audit-export."_s + exportFormatName(format));
        out.insert(u"export_"_s + exportFormatName(format), timed(runs, [&] {
                       QFile f(path);
                       f.open(QIODevice::WriteOnly | QIODevice::Truncate);
                       ExportRequest request;
                       request.format = format;
                       request.actor = u"bench"_s;
                       ok = bool(exportLog(db, request, &f)) && ok;
                   }));
        QFile::remove(path);
    }
    out.insert(u"ok"_s, ok);
    return out;
}

// Requests and time of each provider in a CLI sync's JSON.
QHash<QString, QJsonObject> byProvider(const QJsonArray &providers)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &v : providers)
        out.insert(v.toObject().value("provider"_L1).toString(), v.toObject());
    return out;
}

// The fastest a provider's requests can go under its published limit: Stripe's test mode 25 a second,
// Circle's 2,000 in any 5 minutes and Kit's 120 in any minute (a rolling window: `limit` at once, the next
// `limit` one window later).
double limitBound(const QString &provider, qint64 requests)
{
    if (requests <= 0)
        return 0;
    if (provider == "stripe"_L1)
        return double(requests) / 25.0;
    if (provider == "circle"_L1)
        return double((requests - 1) / 2000) * 300.0;
    return double((requests - 1) / 120) * 60.0;
}

QJsonObject oneScale(Bench &b, int people, int rateLimitedUpTo)
{
    QJsonObject out{{u"people"_s, people}};
    const QString db = b.cache.isEmpty() ? b.dir.filePath(u"cache-%1.sqlite"_s.arg(people)) : b.cache;
    QHash<QString, QJsonObject> unpacedProviders;
    if (b.cache.isEmpty() && (b.wants(u"sync"_s) || b.wants(u"cold"_s))) {
        QElapsedTimer t;
        t.start();
        SandboxHost host(people, b.seed, false);
        err() << people << " people: world generated in " << secondsOf(t) << " s, sandbox at "
              << host.url().toString() << Qt::endl;
        {
            auto conn = store::Connection::open(db, u"bench-policy"_s);
            const auto policy = reconcile::Policy::fromJson(host.world());
            if (conn && policy)
                (void)reconcile::savePolicy(conn.value()->db(), policy.value(), u"bench"_s,
                                            u"the world's policy"_s, false);
        }
        const QString unpaced = b.writeConfig(u"unpaced.ini"_s, host.url(), true);
        const QJsonObject full = b.measureApp(unpaced, db);
        out.insert(u"full_sync_in_console"_s, full);
        unpacedProviders = byProvider(full.value("providers"_L1).toArray());
        err() << "  full sync " << full.value("sync_seconds"_L1).toDouble() << " s, longest GUI stall "
              << full.value("gui_longest_stall_ms"_L1).toInteger() << " ms" << Qt::endl;

        QList<double> incremental;
        qint64 incrementalRequests = 0;
        for (int i = 0; i < b.runs; ++i) {
            double wall = 0;
            const QJsonObject r =
                QJsonDocument::fromJson(
                    b.run({u"sync"_s, u"--config"_s, unpaced, u"--db"_s, db, u"--json"_s}, &wall))
                    .object();
            incremental.append(wall * 1000);
            incrementalRequests = r.value("requests"_L1).toInteger();
        }
        QJsonObject inc = stats(incremental);
        inc.insert(u"requests"_s, incrementalRequests);
        out.insert(u"incremental_sync_cli_wall"_s, inc);

        QList<double> usable, rss;
        for (int i = 0; i < b.runs; ++i) {
            const QJsonObject m = b.measureApp(unpaced, db);
            usable.append(m.value("usable_window_ms"_L1).toDouble());
            rss.append(m.value("peak_rss_bytes"_L1).toDouble() / 1e6);
        }
        out.insert(u"cold_start_usable_window"_s, stats(usable));
        out.insert(u"cold_start_session_peak_rss"_s, stats(rss, u"mb"_s));
        err() << "  cold start " << stats(usable).value("median_ms"_L1).toDouble() << " ms" << Qt::endl;
    }

    {
        auto conn = store::Connection::open(db, u"bench-read"_s);
        if (!conn) {
            err() << conn.error().message << Qt::endl;
            return out;
        }
        QSqlDatabase d = conn.value()->db();
        out.insert(u"cache"_s, cacheShape(d, db));
        if (b.wants(u"lookups"_s))
            out.insert(u"lookups"_s, lookups(d, b.lookups));
        if (b.wants(u"reconcile"_s))
            out.insert(u"reconcile"_s, reconcile(d, db, b.runs));
        if (b.wants(u"ingest"_s))
            out.insert(u"ingest"_s, ingest(d, b.dir, b.ingestItems));
        if (b.wants(u"timeline"_s))
            out.insert(u"timeline_first_page"_s, timelines(d, b.runs));
        err() << "  measured the cache" << Qt::endl;
    }
    if (b.wants(u"audit"_s))
        out.insert(u"audit"_s, auditLog(b.dir, people, b.runs));

    if (b.cache.isEmpty() && b.wants(u"limited"_s) && people <= rateLimitedUpTo) {
        SandboxHost limited(people, b.seed, true);
        const QString paced = b.writeConfig(u"paced.ini"_s, limited.url(), false);
        const QString rdb = b.dir.filePath(u"limited-%1.sqlite"_s.arg(people));
        double wall = 0;
        const QJsonObject r =
            QJsonDocument::fromJson(
                b.run({u"sync"_s, u"--config"_s, paced, u"--db"_s, rdb, u"--json"_s}, &wall))
                .object();
        QJsonArray providers;
        for (const QJsonValue &v : r.value("providers"_L1).toArray()) {
            const QJsonObject o = v.toObject();
            const QString provider = o.value("provider"_L1).toString();
            const qint64 requests = o.value("requests"_L1).toInteger();
            const double bound = limitBound(provider, requests);
            // What the limit allows, or our own processing (the unpaced run) when that is longer.
            const double own = unpacedProviders.value(provider).value("seconds"_L1).toDouble();
            const double best = std::max(bound, own);
            const double seconds = o.value("seconds"_L1).toDouble();
            providers.append(QJsonObject{{u"provider"_s, provider},
                                         {u"requests"_s, requests},
                                         {u"seconds"_s, seconds},
                                         {u"limit_bound_seconds"_s, bound},
                                         {u"unpaced_seconds"_s, own},
                                         {u"ratio_to_best"_s, best > 0 ? seconds / best : 0.0},
                                         {u"ok"_s, o.value("ok"_L1)}});
        }
        out.insert(u"rate_limited_full_sync"_s,
                   QJsonObject{{u"wall_seconds"_s, wall}, {u"providers"_s, providers}});
        err() << "  rate-limited sync " << wall << " s" << Qt::endl;
        QFile::remove(rdb);
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(u"Switchboard's scale suite: see docs/BENCHMARKS.md"_s);
    p.addHelpOption();
    p.addOption({u"scales"_s, u"community sizes, comma-separated"_s, u"N,N"_s, u"1000,10000,100000"_s});
    p.addOption({u"seed"_s, u"world seed"_s, u"S"_s, u"42"_s});
    p.addOption({u"runs"_s, u"repetitions of each repeated measure"_s, u"R"_s, u"3"_s});
    p.addOption({u"lookups"_s, u"lookups per kind"_s, u"N"_s, u"300"_s});
    p.addOption(
        {u"rate-limited-up-to"_s, u"sync under the real limits up to this size"_s, u"N"_s, u"10000"_s});
    p.addOption({u"ingest-items"_s, u"mapped items written in the ingest measure"_s, u"N"_s, u"100000"_s});
    p.addOption({u"switchboard"_s, u"the switchboard executable"_s, u"PATH"_s});
    p.addOption({u"keep"_s, u"keep the caches in this folder"_s, u"DIR"_s});
    p.addOption({u"cache"_s, u"measure this synced cache (no sandbox, no sync; for profiling)"_s, u"PATH"_s});
    p.addOption({u"only"_s,
                 u"only these sections: sync, cold, lookups, reconcile, ingest, timeline, audit, limited"_s,
                 u"LIST"_s});
    p.process(app);

    QTemporaryDir tmp;
    Bench b;
    b.dir = QDir(p.isSet(u"keep"_s) ? p.value(u"keep"_s) : tmp.path());
    b.dir.mkpath(u"home/.config"_s);
    b.runs = std::max(1, p.value(u"runs"_s).toInt());
    b.lookups = std::max(1, p.value(u"lookups"_s).toInt());
    b.ingestItems = std::max(1, p.value(u"ingest-items"_s).toInt());
    b.seed = p.value(u"seed"_s).toULongLong();
    b.cache = p.value(u"cache"_s);
    b.only = p.value(u"only"_s).split(u',', Qt::SkipEmptyParts);
    b.app = p.isSet(u"switchboard"_s) ? p.value(u"switchboard"_s)
                                      : QCoreApplication::applicationDirPath() + u"/switchboard"_s;
    if (!QFileInfo(b.app).isExecutable()) {
        err() << "no switchboard executable at " << b.app << " (--switchboard PATH)" << Qt::endl;
        return 2;
    }
    QJsonArray scales;
    bool ok = true;
    for (const QString &s : p.value(u"scales"_s).split(u',', Qt::SkipEmptyParts)) {
        const QJsonObject one = oneScale(b, s.toInt(), p.value(u"rate-limited-up-to"_s).toInt());
        // A size whose console sync did not report is a failed run (the smoke test fails on it).
        ok = ok && one.value("cache"_L1).toObject().value("timeline_rows"_L1).toInteger() > 0 &&
             (!b.cache.isEmpty() || !b.wants(u"sync"_s) ||
              one.value("full_sync_in_console"_L1).toObject().contains("sync_seconds"_L1));
        scales.append(one);
    }
    const QJsonObject out{
        {u"machine"_s, bench::machine()}, {u"seed"_s, qint64(b.seed)}, {u"scales"_s, scales}};
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Indented);
    return ok ? 0 : 1;
}
