// Reconcile at scale: sync a generated world from the sandbox, then time what a reconcile costs: loading the
// facts from the cache, the pure reconciler, recording findings, full and incremental passes. The pure
// reconciler is also timed over the world's facts replicated to --scale people (default 100k), the budget's
// size. Prints one JSON object; numbers are read by people (docs/BENCHMARKS.md), never asserted.
//   bench_reconcile [--people N] [--seed S] [--scale M] [--runs R]
#include "BenchCommon.h"
#include "Sandbox.h"
#include "reconcile/Policy.h"
#include "reconcile/Reconciler.h"
#include "store/Database.h"
#include "store/FactsLoader.h"
#include "sync/ReconcilePass.h"
#include "sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace sb;

using sb::bench::timed;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({u"people"_s, u"world size to sync"_s, u"N"_s, u"2000"_s});
    p.addOption({u"seed"_s, u"world seed"_s, u"S"_s, u"1"_s});
    p.addOption({u"scale"_s, u"people for the pure reconciler (the world's facts replicated)"_s, u"M"_s,
                 u"100000"_s});
    p.addOption({u"runs"_s, u"repetitions per measure"_s, u"R"_s, u"5"_s});
    p.process(app);
    const int people = p.value(u"people"_s).toInt();
    const int scale = p.value(u"scale"_s).toInt();
    const int runs = std::max(1, p.value(u"runs"_s).toInt());
    QTextStream err(stderr);

    sandbox::Sandbox sandbox;
    sandbox.generateWorld(people, p.value(u"seed"_s).toULongLong());
    if (!sandbox.listen(0)) {
        err << "the sandbox cannot listen" << Qt::endl;
        return 3;
    }
    QTemporaryDir dir;
    Config config;
    config.dbPath = dir.filePath(u"bench.sqlite"_s);
    config.stripe.baseUrl = config.circle.baseUrl = config.kit.baseUrl = sandbox.baseUrl();
    config.stripe.apiKey = u"sk_test_sandbox"_s;
    config.stripe.requestsPerSecond = 100000;
    config.circle.token = u"circle_sandbox"_s;
    config.circle.requestsPer5Min = 1e9;
    config.circle.monthlyQuota = 0;
    config.kit.apiKey = u"kit_sandbox"_s;
    config.kit.requestsPerMinute = 1e9;

    auto conn = store::Connection::open(config.dbPath, u"bench"_s);
    if (!conn) {
        err << conn.error().message << Qt::endl;
        return 3;
    }
    QSqlDatabase db = conn.value()->db();
    const auto policy = reconcile::Policy::fromJson(sandbox.world());
    if (!policy || !reconcile::savePolicy(db, policy.value(), u"bench"_s, u"the world's policy"_s)) {
        err << "no policy in the generated world" << Qt::endl;
        return 3;
    }

    QElapsedTimer t;
    t.start();
    {
        sync::SyncWorker worker(config);
        QSignalSpy done(&worker, &sync::SyncWorker::finished);
        QSignalSpy findings(&worker, &sync::SyncWorker::findingsChanged);
        worker.run(false);
        if (!done.wait(3600 * 1000)) {
            err << "the sync did not finish" << Qt::endl;
            return 3;
        }
    }
    const double syncSeconds = double(t.elapsed()) / 1000.0;
    err << "synced " << people << " people in " << syncSeconds << " s" << Qt::endl;

    store::FactsLoader loader(db);
    QList<reconcile::PersonFacts> facts;
    const QJsonObject load = timed(runs, [&] { facts = loader.loadAll().value(); });
    const auto catalog = reconcile::loadCatalog(db).value();
    const reconcile::Reconciler reconciler(policy.value(), catalog);
    const Millis now = Clock::now();
    int found = 0;
    const QJsonObject pure = timed(runs, [&] {
        reconcile::ReconcileResult r;
        for (const auto &f : std::as_const(facts))
            r.merge(reconciler.person(f, now));
        found = int(r.findings.size());
    });
    const QJsonObject fullPass = timed(runs, [&] { (void)sync::runReconcilePass(db, config, Clock::now()); });
    QList<qint64> some;
    for (qsizetype i = 0; i < facts.size(); i += 100)
        some.append(facts.at(i).personId);
    const QJsonObject incremental =
        timed(runs, [&] { (void)sync::runReconcilePass(db, config, Clock::now(), some, false); });

    // The pure reconciler at the budget's size: the world's people replicated.
    QList<reconcile::PersonFacts> big;
    big.reserve(scale);
    for (int i = 0; !facts.isEmpty() && big.size() < scale; ++i) {
        reconcile::PersonFacts f = facts.at(i % facts.size());
        f.personId = i + 1;
        big.append(std::move(f));
    }
    int bigFound = 0;
    const QJsonObject pureScaled = timed(runs, [&] {
        reconcile::ReconcileResult r;
        for (const auto &f : std::as_const(big))
            r.merge(reconciler.person(f, now));
        bigFound = int(r.findings.size());
    });

    const QJsonObject out{
        {u"machine"_s, QString(QSysInfo::prettyProductName() + u", "_s +
                               QString::number(QThread::idealThreadCount()) + u" cores"_s)},
        {u"world_people"_s, people},
        {u"cached_people"_s, int(facts.size())},
        {u"sync_seconds"_s, syncSeconds},
        {u"findings"_s, found},
        {u"load_facts"_s, load},
        {u"reconcile_pure"_s, pure},
        {u"full_pass_load_reconcile_record"_s, fullPass},
        {u"incremental_pass_1_percent"_s, incremental},
        {u"incremental_people"_s, int(some.size())},
        {u"scaled_people"_s, int(big.size())},
        {u"scaled_findings"_s, bigFound},
        {u"reconcile_pure_scaled"_s, pureScaled},
    };
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Indented);
    return 0;
}
