// First numbers for the walking skeleton: generate a world, sync it from the sandbox, then time lookups.
// Prints one JSON object. Not a test: numbers are read by people (docs/BENCHMARKS.md), never asserted.
//   bench_foundation [--people N] [--seed S] [--rate R] [--lookups K] [--db PATH]
#include "Sandbox.h"
#include "providers/stripe/StripeClient.h"
#include "store/Database.h"
#include "store/Queries.h"
#include "store/Store.h"
#include "sync/Rebuild.h"
#include "sync/StripeSync.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace sb;

namespace {
QJsonObject stats(QList<double> micros)
{
    std::sort(micros.begin(), micros.end());
    if (micros.isEmpty())
        return {};
    auto at = [&](double q) {
        return micros.at(qMin(micros.size() - 1, qsizetype(q * double(micros.size()))));
    };
    return {{u"median_us"_s, at(0.5)},
            {u"p95_us"_s, at(0.95)},
            {u"max_us"_s, micros.last()},
            {u"n"_s, micros.size()}};
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({u"people"_s, u"world size"_s, u"N"_s, u"10000"_s});
    p.addOption({u"seed"_s, u"world seed"_s, u"S"_s, u"1"_s});
    p.addOption(
        {u"rate"_s, u"client requests per second (0 = Stripe test-mode default)"_s, u"R"_s, u"100000"_s});
    p.addOption({u"lookups"_s, u"lookups per kind"_s, u"K"_s, u"500"_s});
    p.process(app);
    const int people = p.value(u"people"_s).toInt();
    QTextStream err(stderr);

    sandbox::Sandbox sandbox;
    QElapsedTimer t;
    t.start();
    sandbox.generateWorld(people, p.value(u"seed"_s).toULongLong());
    const double generateSeconds = double(t.nsecsElapsed()) / 1e9;
    if (!sandbox.listen(0))
        return 3;

    QTemporaryDir dir;
    auto conn = store::Connection::open(dir.filePath(u"bench.sqlite"_s), u"bench"_s);
    if (!conn) {
        err << conn.error().message << Qt::endl;
        return 3;
    }
    store::Store store(conn.value()->db());
    QNetworkAccessManager nam;
    StripeSettings settings;
    settings.baseUrl = sandbox.baseUrl();
    settings.apiKey = u"sk_test_sandbox"_s;
    settings.requestsPerSecond = p.value(u"rate"_s).toDouble();
    stripe::StripeClient client(&nam, settings);
    sync::StripeSync stripeSync(&store, &client);
    sync::SyncReport report;
    QObject::connect(&stripeSync, &sync::StripeSync::finished, &app, [&](const sync::SyncReport &r) {
        report = r;
        app.quit();
    });
    QMetaObject::invokeMethod(&stripeSync, &sync::StripeSync::start, Qt::QueuedConnection);
    app.exec();
    if (!report.ok) {
        err << sync::describe(report) << Qt::endl;
        return 3;
    }
    const double syncSeconds = double(report.finishedAt - report.startedAt) / 1000.0;

    // A second, incremental run: what a sync costs when nothing changed.
    sync::SyncReport incremental;
    QObject::disconnect(&stripeSync, nullptr, &app, nullptr);
    QObject::connect(&stripeSync, &sync::StripeSync::finished, &app, [&](const sync::SyncReport &r) {
        incremental = r;
        app.quit();
    });
    QMetaObject::invokeMethod(&stripeSync, &sync::StripeSync::start, Qt::QueuedConnection);
    app.exec();

    // Lookups through the same read path the GUI uses.
    store::Queries queries(conn.value()->db());
    QStringList emails, names, customerIds, chargeIds;
    {
        QSqlQuery q(conn.value()->db());
        q.exec(u"SELECT email, name, external_id FROM identities ORDER BY random() LIMIT %1"_s.arg(
            p.value(u"lookups"_s)));
        while (q.next()) {
            emails.append(q.value(0).toString());
            names.append(q.value(1).toString().section(u' ', -1));
            customerIds.append(q.value(2).toString());
        }
        q.exec(u"SELECT external_id FROM raw_objects WHERE kind='charge' ORDER BY random() LIMIT %1"_s.arg(
            p.value(u"lookups"_s)));
        while (q.next())
            chargeIds.append(q.value(0).toString());
    }
    auto timeLookups = [&](const QStringList &inputs, auto transform) {
        QList<double> micros;
        for (const QString &in : inputs) {
            QElapsedTimer lt;
            lt.start();
            auto hits = queries.search(transform(in), 50);
            micros.append(double(lt.nsecsElapsed()) / 1000.0);
            if (!hits || hits.value().isEmpty())
                err << "lookup found nothing: " << in << Qt::endl;
        }
        return stats(micros);
    };
    auto same = [](const QString &s) {
        return s;
    };
    QJsonObject lookups{{u"email"_s, timeLookups(emails, same)},
                        {u"email_prefix"_s, timeLookups(emails, [](const QString &s) { return s.left(4); })},
                        {u"last_name"_s, timeLookups(names, same)},
                        {u"customer_id"_s, timeLookups(customerIds, same)},
                        {u"charge_id"_s, timeLookups(chargeIds, same)}};

    QList<double> timelineMicros;
    for (const QString &id : std::as_const(customerIds)) {
        const qint64 person = queries.resolvePerson(id).value();
        QElapsedTimer lt;
        lt.start();
        auto page = queries.timelinePage(person, {}, 100);
        timelineMicros.append(double(lt.nsecsElapsed()) / 1000.0);
    }

    // Rebuild: map every raw object again and write people, identities, timeline and search keys through the
    // store, in one transaction. This is the store's ingest rate without any network or sandbox in the way.
    auto rebuilt = sync::rebuildProjections(conn.value()->db());
    if (!rebuilt) {
        err << rebuilt.error().message << Qt::endl;
        return 3;
    }
    const double rebuildSeconds = double(rebuilt.value().millis) / 1000.0;

    const qint64 rows = queries.count(u"timeline"_s).value();
    const qint64 raw = queries.count(u"raw_objects"_s).value();
    QJsonObject out{
        {u"machine"_s, u"%1, %2 cores"_s.arg(QSysInfo::prettyProductName()).arg(QThread::idealThreadCount())},
        {u"people"_s, people},
        {u"generate_world_s"_s, generateSeconds},
        {u"full_sync"_s, QJsonObject{{u"seconds"_s, syncSeconds},
                                     {u"requests"_s, report.requests},
                                     {u"items"_s, report.items},
                                     {u"rows_written"_s, report.rowsWritten},
                                     {u"rows_per_s"_s, double(report.rowsWritten) / syncSeconds}}},
        {u"incremental_sync"_s,
         QJsonObject{{u"seconds"_s, double(incremental.finishedAt - incremental.startedAt) / 1000.0},
                     {u"requests"_s, incremental.requests}}},
        {u"rebuild"_s,
         QJsonObject{{u"seconds"_s, rebuildSeconds},
                     {u"raw_objects_per_s"_s, double(rebuilt.value().rawObjects) / rebuildSeconds},
                     {u"timeline_rows_per_s"_s, double(rebuilt.value().timelineRows) / rebuildSeconds}}},
        {u"cache"_s, QJsonObject{{u"timeline_rows"_s, rows}, {u"raw_objects"_s, raw}}},
        {u"lookup"_s, lookups},
        {u"timeline_first_page"_s, stats(timelineMicros)},
    };
    QTextStream(stdout) << QJsonDocument(out).toJson(QJsonDocument::Indented);
    return 0;
}
