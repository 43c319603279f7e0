// The audit log at scale: append N entries, then time verifying the database, exporting CSV and JSON Lines,
// and verifying each file. Prints one JSON object. Not a test: numbers are read by people
// (docs/BENCHMARKS.md).
//   bench_audit [--entries N] [--dir PATH]
#include "BenchCommon.h"
#include "audit/AuditExport.h"
#include "audit/AuditLog.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace sb;
using namespace sb::audit;

namespace {

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({u"entries"_s, u"entries to append"_s, u"N"_s, u"1000000"_s});
    p.addOption({u"dir"_s, u"where the cache and the exports go (default: a temporary folder)"_s, u"PATH"_s});
    p.process(app);
    const qint64 n = p.value(u"entries"_s).toLongLong();
    QTemporaryDir tmp;
    const QString dir = p.isSet(u"dir"_s) ? p.value(u"dir"_s) : tmp.path();
    const QString dbPath = dir + u"/bench-audit.sqlite"_s;
    QFile::remove(dbPath);
    QFile::remove(dbPath + u"-wal"_s);
    QFile::remove(dbPath + u"-shm"_s);
    QTextStream err(stderr);
    auto conn = store::Connection::open(dbPath, u"bench"_s);
    if (!conn) {
        err << conn.error().message << Qt::endl;
        return 3;
    }
    QSqlDatabase db = conn.value()->db();
    AuditLog log(db);
    QJsonObject result{{u"entries"_s, n},
                       {u"cores"_s, QThread::idealThreadCount()},
                       {u"os"_s, QSysInfo::prettyProductName()}};

    // Append: one write transaction, appendWithin per entry.
    QElapsedTimer t;
    t.start();
    QSqlQuery q(db);
    q.exec(u"BEGIN IMMEDIATE"_s);
    const Millis start = Millis(1'790'000'000) * 1000;
    for (qint64 i = 0; i < n; ++i) {
        if (auto e = log.appendWithin(sb::bench::auditEntryFor(i, start + i * 1000)); !e) {
            err << e.error().message << Qt::endl;
            return 3;
        }
    }
    q.exec(u"COMMIT"_s);
    result.insert(u"append_s"_s, seconds(t));
    result.insert(u"append_per_s"_s, double(n) / seconds(t));
    err << "appended " << n << " in " << seconds(t) << " s" << Qt::endl;

    t.restart();
    const VerifyReport dbReport = verifyDatabase(db);
    result.insert(u"verify_db_s"_s, seconds(t));
    if (!dbReport.ok) {
        err << "verify failed: " << dbReport.message << Qt::endl;
        return 1;
    }

    bool allOk = true;
    for (const auto format : {ExportFormat::Csv, ExportFormat::JsonLines}) {
        const QString name = exportFormatName(format);
        const QString path = dir + u"/bench-audit."_s + name;
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 3;
        ExportRequest request;
        request.format = format;
        request.actor = u"bench"_s;
        t.restart();
        auto summary = exportLog(db, request, &f);
        f.close();
        result.insert(u"export_%1_s"_s.arg(name), seconds(t));
        if (!summary) {
            err << summary.error().message << Qt::endl;
            return 3;
        }
        result.insert(u"export_%1_mb"_s.arg(name), double(QFileInfo(path).size()) / 1e6);
        t.restart();
        const VerifyReport fileReport = verifyFile(path, summary->headHash);
        result.insert(u"verify_%1_s"_s.arg(name), seconds(t));
        if (!fileReport.ok || fileReport.entries != summary->rows) {
            err << "verify " << name << " failed: " << fileReport.message << Qt::endl;
            allOk = false;
        }
        if (!p.isSet(u"dir"_s))
            QFile::remove(path);
    }
    // A person's entries through the subjects index, newest first (one page, as the UI asks).
    Filter person;
    person.subjects = {emailSubject(u"person%1@example.com"_s.arg(n / 4))};
    t.restart();
    auto page = log.list(person, 0, 50);
    result.insert(u"person_page_ms"_s, seconds(t) * 1000);
    result.insert(u"person_page_rows"_s, page ? page->size() : -1);
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Indented);
    return allOk ? 0 : 1;
}
