// Audit exports (CSV, JSON Lines) and verification: injection-safe cells, round trips, filters, and every
// kind of tampering in the database and in a file.
#include "TestUtil.h"
#include "audit/AuditExport.h"
#include "audit/AuditLog.h"

#include <QBuffer>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sb;
using namespace sb::audit;

namespace {

constexpr Millis T0 = Millis(1'790'000'000) * 1000;

Entry make(int i, const QString &reason = u"because"_s)
{
    static const QStringList actions = {u"circle.add_access_group"_s, u"kit.add_tag"_s, u"note.add"_s,
                                        u"circles.other"_s};
    Entry e;
    e.actor = i % 2 ? u"bob"_s : u"ada"_s;
    e.action = actions.at(i % actions.size());
    e.target = u"person %1"_s.arg(i);
    e.reason = reason;
    e.request = QJsonObject{{u"i"_s, i}, {u"nested"_s, QJsonObject{{u"list"_s, QJsonArray{1, u"two"_s}}}}};
    e.outcome = outcome::Ok;
    e.subjects = {i % 3 == 0 ? u"email:ada@example.com"_s : u"email:bob@example.com"_s};
    e.at = T0 + i * 60000;
    return e;
}

void fill(AuditLog &log, int n)
{
    for (int i = 0; i < n; ++i)
        if (!log.append(make(i)))
            qFatal("append failed");
}

ExportSummary exportTo(QSqlDatabase db, ExportFormat format, const QString &path, const Filter &filter = {})
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    ExportRequest request;
    request.format = format;
    request.filter = filter;
    request.actor = u"auditor"_s;
    request.reason = u"quarterly review"_s;
    request.destination = QFileInfo(path).fileName();
    auto summary = exportLog(db, request, &f);
    if (!summary)
        qFatal("export failed: %s", qPrintable(summary.error().message));
    return summary.value();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
}

// Lines with their line ends (the fixtures here hold no line breaks inside cells).
QList<QByteArray> lines(const QString &path)
{
    QList<QByteArray> out;
    const QByteArray all = readAll(path);
    qsizetype start = 0;
    while (start < all.size()) {
        qsizetype end = all.indexOf('\n', start);
        end = end < 0 ? all.size() : end + 1;
        out.append(all.mid(start, end - start));
        start = end;
    }
    return out;
}

void writeLines(const QString &path, const QList<QByteArray> &ls)
{
    writeAll(path, ls.join());
}

void exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
}

// Someone with the file and sqlite3: the triggers go first.
void dropTriggers(QSqlDatabase db)
{
    exec(db, u"DROP TRIGGER audit_log_no_update"_s);
    exec(db, u"DROP TRIGGER audit_log_no_delete"_s);
}

const QString kContent = u"at, actor, actor_kind, action, target, reason, request_json, outcome, intent_seq,"
                         " subjects, prev_hash, hash"_s;

// Swaps everything but seq between two rows.
void swapRows(QSqlDatabase db, int a, int b)
{
    exec(db, u"CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE seq IN (%1, %2)"_s.arg(a).arg(b));
    exec(db, u"DELETE FROM audit_log WHERE seq IN (%1, %2)"_s.arg(a).arg(b));
    exec(db,
         u"INSERT INTO audit_log(seq, %1) SELECT %2, %1 FROM swap WHERE seq = %3"_s.arg(kContent).arg(a).arg(
             b));
    exec(db,
         u"INSERT INTO audit_log(seq, %1) SELECT %2, %1 FROM swap WHERE seq = %3"_s.arg(kContent).arg(b).arg(
             a));
    exec(db, u"DROP TABLE swap"_s);
}

QList<QJsonObject> jsonEntries(const QString &path)
{
    QList<QJsonObject> out;
    const QList<QByteArray> ls = lines(path);
    for (qsizetype i = 1; i < ls.size(); ++i)
        out.append(QJsonDocument::fromJson(ls.at(i)).object());
    return out;
}

} // namespace

class TestAuditExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void csvCellsAreQuotedAndNeutralised_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << u"hello"_s << u"hello"_s;
        QTest::newRow("empty") << u""_s << u""_s;
        QTest::newRow("=") << u"=HYPERLINK(\"http://x\")"_s << u"\"'=HYPERLINK(\"\"http://x\"\")\""_s;
        QTest::newRow("+") << u"+1"_s << u"'+1"_s;
        QTest::newRow("-") << u"-1"_s << u"'-1"_s;
        QTest::newRow("@") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
        QTest::newRow("tab") << u"\t=1"_s << u"'\t=1"_s;
        QTest::newRow("cr") << u"\r=1"_s << u"\"'\r=1\""_s;
        QTest::newRow("quote") << u"'=1"_s << u"''=1"_s;
        QTest::newRow("middle untouched") << u"a=b+c-d@e'f"_s << u"a=b+c-d@e'f"_s;
        QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
        QTest::newRow("quotes") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::newRow("lf") << u"a\nb"_s << u"\"a\nb\""_s;
        QTest::newRow("crlf") << u"a\r\nb"_s << u"\"a\r\nb\""_s;
    }
    void csvCellsAreQuotedAndNeutralised()
    {
        QFETCH(QString, value);
        QFETCH(QString, cell);
        QCOMPARE(csvCell(value), cell);
    }

    void formatsAndHeads()
    {
        QCOMPARE(exportFormatFromName(u"csv"_s), ExportFormat::Csv);
        QCOMPARE(exportFormatFromName(u"jsonl"_s), ExportFormat::JsonLines);
        QVERIFY(!exportFormatFromName(u"xlsx"_s));
        const QString h = QString(64, u'a');
        QCOMPARE(parseExpectedHead(h)->hash, h);
        QCOMPARE(parseExpectedHead(u"17:"_s + h.toUpper())->seq, 17);
        QCOMPARE(parseExpectedHead(u"17:"_s + h.toUpper())->hash, h);
        QVERIFY(!parseExpectedHead(u"abc"_s));
        QVERIFY(!parseExpectedHead(h + u'0'));
    }

    void trickyTextRoundTrips_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(ExportFormat::Csv);
        QTest::newRow("jsonl") << int(ExportFormat::JsonLines);
    }
    void trickyTextRoundTrips()
    {
        QFETCH(int, format);
        test::TempCache cache;
        AuditLog log(cache.db());
        const QStringList texts = {
            u"=cmd|' /C calc'!A0"_s,
            u"+SUM(1)"_s,
            u"-2"_s,
            u"@x"_s,
            u"\tlead tab"_s,
            u"\rlead cr"_s,
            u"'quoted"_s,
            u"''twice"_s,
            u"a=b (middle)"_s,
            u"comma, and \"quotes\""_s,
            u"crlf\r\nline"_s,
            u"lf\nline"_s,
            u"lone cr\rinside"_s,
            u"emoji 😀👩‍👩‍👧 flags 🇫🇷"_s,
            u"RTL مرحبا שלום"_s,
            u"combining e\u0301 and a\u030A"_s,
            u"nul-free control \u0001\u001f"_s,
            u""_s,
        };
        for (const QString &t : texts) {
            Entry e = make(0, t);
            e.target = t;
            e.actor = t.isEmpty() ? u"x"_s : t;
            e.request.insert(u"text"_s, t);
            e.subjects = {t.isEmpty() ? u"x"_s : t};
            QVERIFY(log.append(e));
        }
        const QString path = cache.dir.filePath(u"out"_s);
        const ExportSummary s = exportTo(cache.db(), ExportFormat(format), path);
        QCOMPARE(s.rows, texts.size() + 1);
        const VerifyReport r = verifyFile(path);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.entries, texts.size() + 1);
        QCOMPARE(r.headSeq, s.headSeq);
        QCOMPARE(r.headHash, s.headHash);
        QVERIFY(!r.filtered);
        const QByteArray bytes = readAll(path);
        QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));
        if (ExportFormat(format) == ExportFormat::Csv) {
            QVERIFY(bytes.contains(",'=cmd|' /C calc'!A0,"));
            QVERIFY(bytes.contains(",'+SUM(1),"));
            QVERIFY(bytes.contains(",'@x,"));
            QVERIFY(bytes.contains(",'\tlead tab,"));
            QVERIFY(bytes.contains(",a=b (middle),"));
            QVERIFY(bytes.contains(",'''twice,"));
            QVERIFY(bytes.contains("\r\n"));
            QVERIFY(bytes.contains(u"👩‍👩‍👧"_s.toUtf8()));
            QVERIFY(
                bytes.startsWith("seq,at,at_utc,actor,actor_kind,action,target,reason,request_json,outcome,"
                                 "intent_seq,subjects,prev_hash,hash\r\n"));
            // Every physical row ends in CRLF, and the last row is the chain head.
            QVERIFY(bytes.endsWith("\r\n"));
            const QByteArray last = bytes.mid(bytes.lastIndexOf("\r\nchain_head,") + 2);
            QVERIFY(last.startsWith(
                QByteArray("chain_head," + QByteArray::number(s.headSeq) + ',' + s.headHash.toLatin1())));
        } else {
            const QJsonObject header = QJsonDocument::fromJson(lines(path).first()).object();
            QCOMPARE(header.value("switchboard_audit_export"_L1).toInt(), 1);
            QCOMPARE(header.value("head_seq"_L1).toInteger(), s.headSeq);
            QCOMPARE(header.value("head_hash"_L1).toString(), s.headHash);
            QCOMPARE(header.value("filter"_L1).toObject(), QJsonObject());
            const QList<QJsonObject> entries = jsonEntries(path);
            QVERIFY(entries.first().value("request"_L1).isObject()); // nested, not a string
            QCOMPARE(entries.at(13).value("reason"_L1).toString(), texts.at(13));
        }
    }

    void theExportIsAuditedAndIsTheHead()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        fill(log, 5);
        const QString path = cache.dir.filePath(u"audit.csv"_s);
        const ExportSummary s = exportTo(cache.db(), ExportFormat::Csv, path);
        QCOMPARE(s.headSeq, 6);
        QCOMPARE(s.rows, 6);
        const Entry head = log.head().value().value();
        QCOMPARE(head.seq, 6);
        QCOMPARE(head.hash, s.headHash);
        QCOMPARE(head.action, u"audit.export"_s);
        QCOMPARE(head.actor, u"auditor"_s);
        QCOMPARE(head.reason, u"quarterly review"_s);
        QVERIFY(head.target.contains(u"audit.csv"_s));
        QVERIFY(!head.target.contains(u'/'));
        QCOMPARE(head.request.value("format"_L1).toString(), u"csv"_s);
        // A cancelled export keeps its entry; the caller removes the file.
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        for (int i = 0; i < 1500; ++i)
            QVERIFY(log.append(make(i)));
        ExportRequest request;
        request.actor = u"auditor"_s;
        auto cancelled = exportLog(cache.db(), request, &buffer, [](qint64) { return false; });
        QCOMPARE(cancelled.error().kind, ErrorKind::Cancelled);
        QCOMPARE(log.head().value().value().action, u"audit.export"_s);
        // An export needs an actor.
        request.actor.clear();
        QCOMPARE(exportLog(cache.db(), request, &buffer).error().kind, ErrorKind::Usage);
    }

    void filtersSelectEntries_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(ExportFormat::Csv);
        QTest::newRow("jsonl") << int(ExportFormat::JsonLines);
    }
    void filtersSelectEntries()
    {
        QFETCH(int, format);
        test::TempCache cache;
        AuditLog log(cache.db());
        fill(log, 24);
        const QString path = cache.dir.filePath(u"f"_s);
        auto check = [&](const Filter &f, qint64 expectedRows) {
            const ExportSummary s = exportTo(cache.db(), ExportFormat(format), path, f);
            QCOMPARE(s.rows, expectedRows);
            const VerifyReport r = verifyFile(path);
            QVERIFY2(r.ok, qPrintable(r.message));
            QVERIFY(r.filtered);
            QCOMPARE(r.entries, expectedRows);
        };
        Filter f;
        // Each file ends with its own export entry, whatever the filter (it is the hashed head).
        f.since = T0 + 10 * 60000;
        f.until = T0 + 20 * 60000;
        check(f, 10 + 1);
        f = {};
        f.actor = u"bob"_s;
        check(f, 12 + 1);
        f = {};
        f.action = u"circle."_s;
        check(f, 6 + 1);
        f = {};
        // A person's entries, plus the export of them (it names the same subjects).
        f.subjects = {u"email:ada@example.com"_s};
        check(f, 8 + 1);
        if (ExportFormat(format) == ExportFormat::JsonLines) {
            for (const QJsonObject &o : jsonEntries(path))
                QVERIFY(o.value("subjects"_L1).toArray().contains(u"email:ada@example.com"_s));
            QCOMPARE(jsonEntries(path).last().value("action"_L1).toString(), u"audit.export"_s);
        }
        // Exports are themselves entries: the earlier ones are in a later unfiltered export.
        const ExportSummary all = exportTo(cache.db(), ExportFormat(format), path);
        QCOMPARE(all.rows, 24 + 5);
        QVERIFY(verifyFile(path).ok);
        QVERIFY(verifyDatabase(cache.db()).ok);
    }

    void databaseTampering()
    {
        // Edited.
        {
            test::TempCache cache;
            AuditLog log(cache.db());
            fill(log, 30);
            dropTriggers(cache.db());
            exec(cache.db(), u"UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 17"_s);
            const VerifyReport r = verifyDatabase(cache.db());
            QVERIFY(!r.ok);
            QCOMPARE(r.problem, u"edited"_s);
            QCOMPARE(r.firstBadSeq, 17);
            QCOMPARE(r.message, u"entry 17 was edited: its hash does not match its content"_s);
            QCOMPARE(r.entries, 16);
        }
        // Edited, with the entry's own hash recomputed: the next entry's link gives it away.
        {
            test::TempCache cache;
            AuditLog log(cache.db());
            fill(log, 30);
            Entry forged = log.entry(12).value().value();
            forged.reason = u"forged"_s;
            forged.hash = entryHash(forged);
            dropTriggers(cache.db());
            QSqlQuery q(cache.db());
            q.prepare(u"UPDATE audit_log SET reason = ?, hash = ? WHERE seq = 12"_s);
            q.addBindValue(forged.reason);
            q.addBindValue(forged.hash);
            QVERIFY(q.exec());
            const VerifyReport r = verifyDatabase(cache.db());
            QCOMPARE(r.problem, u"edited"_s);
            QCOMPARE(r.firstBadSeq, 12);
        }
        // Deleted.
        {
            test::TempCache cache;
            AuditLog log(cache.db());
            fill(log, 30);
            dropTriggers(cache.db());
            exec(cache.db(), u"DELETE FROM audit_log WHERE seq IN (9, 10)"_s);
            const VerifyReport r = verifyDatabase(cache.db());
            QCOMPARE(r.problem, u"deleted"_s);
            QCOMPARE(r.firstBadSeq, 9);
            QCOMPARE(r.message, u"entries 9 to 10 are missing: they were deleted"_s);
            exec(cache.db(), u"DELETE FROM audit_log WHERE seq = 1"_s);
            QCOMPARE(verifyDatabase(cache.db()).firstBadSeq, 1);
        }
        // Reordered: two rows' content swapped, also when one of them is the head.
        for (const auto &[a, b] : {std::pair{5, 6}, std::pair{7, 20}, std::pair{29, 30}, std::pair{1, 2}}) {
            test::TempCache cache;
            AuditLog log(cache.db());
            fill(log, 30);
            dropTriggers(cache.db());
            swapRows(cache.db(), a, b);
            const VerifyReport r = verifyDatabase(cache.db());
            QCOMPARE(r.problem, u"reordered"_s);
            QCOMPARE(r.firstBadSeq, a);
            QVERIFY2(r.message.contains(u"holds entry %1"_s.arg(b)), qPrintable(r.message));
        }
        // Truncated: only an earlier head tells.
        {
            test::TempCache cache;
            AuditLog log(cache.db());
            fill(log, 30);
            const QString path = cache.dir.filePath(u"before.jsonl"_s);
            const ExportSummary s = exportTo(cache.db(), ExportFormat::JsonLines, path);
            QVERIFY(verifyDatabase(cache.db(), s.headHash).ok);
            fill(log, 3); // the log grew since: still fine
            QVERIFY(verifyDatabase(cache.db(), s.headHash).ok);
            QVERIFY(verifyDatabase(cache.db(), u"%1:%2"_s.arg(s.headSeq).arg(s.headHash)).ok);
            dropTriggers(cache.db());
            exec(cache.db(), u"DELETE FROM audit_log WHERE seq >= 28"_s);
            QVERIFY(verifyDatabase(cache.db()).ok); // nothing else can tell
            VerifyReport r = verifyDatabase(cache.db(), s.headHash);
            QCOMPARE(r.problem, u"truncated"_s);
            QCOMPARE(r.firstBadSeq, 28);
            r = verifyDatabase(cache.db(), u"%1:%2"_s.arg(s.headSeq).arg(s.headHash));
            QCOMPARE(r.problem, u"truncated"_s);
            // Cut and grown again: the earlier head's seq now holds another hash.
            exec(cache.db(), u"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
                             " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"_s);
            fill(log, 10);
            r = verifyDatabase(cache.db(), u"%1:%2"_s.arg(s.headSeq).arg(s.headHash));
            QCOMPARE(r.problem, u"edited"_s);
            QCOMPARE(r.firstBadSeq, s.headSeq);
            QCOMPARE(verifyDatabase(cache.db(), u"nonsense"_s).problem, u"malformed"_s);
        }
    }

    void fileTampering_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(ExportFormat::Csv);
        QTest::newRow("jsonl") << int(ExportFormat::JsonLines);
    }
    void fileTampering()
    {
        QFETCH(int, format);
        const bool csv = ExportFormat(format) == ExportFormat::Csv;
        test::TempCache cache;
        AuditLog log(cache.db());
        fill(log, 20);
        const QString path = cache.dir.filePath(u"export"_s);
        const ExportSummary s = exportTo(cache.db(), ExportFormat(format), path);
        QVERIFY(verifyFile(path).ok);
        QVERIFY(verifyFile(path, s.headHash).ok);
        const QList<QByteArray> original = lines(path);
        // Entry n is on line n + 1 in both formats (after the header row or line).
        auto lineOf = [](int seq) {
            return seq;
        };

        // Edit a cell.
        QList<QByteArray> ls = original;
        ls[lineOf(7)].replace("because", "because!");
        writeLines(path, ls);
        VerifyReport r = verifyFile(path);
        QCOMPARE(r.problem, u"edited"_s);
        QCOMPARE(r.firstBadSeq, 7);
        QVERIFY2(r.message.startsWith(u"entry 7 was edited"_s), qPrintable(r.message));

        // Delete a line.
        ls = original;
        ls.removeAt(lineOf(9));
        writeLines(path, ls);
        r = verifyFile(path);
        QCOMPARE(r.problem, u"deleted"_s);
        QCOMPARE(r.firstBadSeq, 9);

        // Swap two lines.
        ls = original;
        ls.swapItemsAt(lineOf(4), lineOf(5));
        writeLines(path, ls);
        r = verifyFile(path);
        QCOMPARE(r.problem, u"reordered"_s);
        QVERIFY2(r.message.contains(u"entry 4"_s), qPrintable(r.message));

        // Cut the tail.
        ls = original.mid(0, lineOf(16));
        writeLines(path, ls);
        r = verifyFile(path);
        QCOMPARE(r.problem, u"truncated"_s);
        QCOMPARE(r.firstBadSeq, 16);
        // Cut the tail and forge a head to match: only the earlier head tells.
        if (csv) {
            const Entry last = log.entry(15).value().value();
            ls.append(u"chain_head,15,%1,{},15,0,,,,,,,,\r\n"_s.arg(last.hash).toUtf8());
        } else {
            const Entry last = log.entry(15).value().value();
            ls[0] = u"{\"filter\":{},\"head_hash\":\"%1\",\"head_seq\":15,\"rows\":15,"
                    "\"switchboard_audit_export\":1}\n"_s.arg(last.hash)
                        .toUtf8();
        }
        writeLines(path, ls);
        // The forged head is an entry, not the export's record: caught without an earlier head too.
        r = verifyFile(path);
        QCOMPARE(r.problem, u"edited"_s);
        QVERIFY2(r.message.contains(u"not the record of an export"_s), qPrintable(r.message));
        r = verifyFile(path, s.headHash);
        QVERIFY(!r.ok);
    }

    // The declaration of a file (its filter, its row count) is not hashed; the export entry it ends with is.
    // Deleting entries and declaring a filter that would explain the gaps must not verify.
    void aForgedFilterDoesNotHideDeletions_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(ExportFormat::Csv);
        QTest::newRow("jsonl") << int(ExportFormat::JsonLines);
    }
    void aForgedFilterDoesNotHideDeletions()
    {
        QFETCH(int, format);
        const bool csv = ExportFormat(format) == ExportFormat::Csv;
        test::TempCache cache;
        AuditLog log(cache.db());
        fill(log, 6);
        const QString path = cache.dir.filePath(u"export"_s);
        const ExportSummary s = exportTo(cache.db(), ExportFormat(format), path);
        QList<QByteArray> ls = lines(path);
        ls.removeAt(4); // entries 4 and 2
        ls.removeAt(2);
        const qint64 rows = s.rows - 2;
        if (csv) {
            ls.last() =
                u"chain_head,%1,%2,\"{\"\"actor\"\":\"\"alice\"\"}\",%3,0,,,,,,,,\r\n"_s.arg(s.headSeq)
                    .arg(s.headHash)
                    .arg(rows)
                    .toUtf8();
        } else {
            QJsonObject header = QJsonDocument::fromJson(ls.first()).object();
            header.insert(u"filter"_s, QJsonObject{{u"actor"_s, u"alice"_s}});
            header.insert(u"rows"_s, rows);
            ls.first() = QJsonDocument(header).toJson(QJsonDocument::Compact) + '\n';
        }
        writeLines(path, ls);
        const VerifyReport r = verifyFile(path);
        QVERIFY2(!r.ok, "deletions hidden behind a forged filter");
        QCOMPARE(r.problem, u"edited"_s);
        QVERIFY2(r.message.contains(u"another filter"_s), qPrintable(r.message));
    }

    void filteredFileTampering()
    {
        test::TempCache cache;
        AuditLog log(cache.db());
        fill(log, 20);
        const QString path = cache.dir.filePath(u"bob.jsonl"_s);
        Filter f;
        f.actor = u"bob"_s;
        exportTo(cache.db(), ExportFormat::JsonLines, path, f);
        QList<QByteArray> ls = lines(path);
        QVERIFY(verifyFile(path).filtered);
        ls.removeAt(3);
        writeLines(path, ls);
        const VerifyReport r = verifyFile(path);
        QCOMPARE(r.problem, u"deleted"_s);
        QVERIFY(r.filtered);
    }

    void malformedFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad"_s);
        auto verify = [&](const QByteArray &bytes) {
            writeAll(path, bytes);
            return verifyFile(path);
        };
        test::TempCache cache;
        AuditLog log(cache.db());
        fill(log, 3);
        const QString good = cache.dir.filePath(u"good.csv"_s);
        exportTo(cache.db(), ExportFormat::Csv, good);
        const QByteArray csv = readAll(good);

        VerifyReport r = verify("");
        QCOMPARE(r.problem, u"malformed"_s);
        r = verify("hello,world\r\n");
        QCOMPARE(r.problem, u"malformed"_s);
        QVERIFY2(r.message.startsWith(u"line 1:"_s), qPrintable(r.message));
        // An unclosed quote.
        QByteArray broken = csv;
        broken.insert(broken.indexOf("\r\n2,") + 2 + 2, "\"");
        r = verify(broken);
        QCOMPARE(r.problem, u"malformed"_s);
        // A row with a missing column.
        QList<QByteArray> ls = lines(good);
        ls[2] = ls[2].left(ls[2].lastIndexOf(',')) + "\r\n";
        writeLines(path, ls);
        r = verifyFile(path);
        QCOMPARE(r.problem, u"malformed"_s);
        QVERIFY2(r.message.startsWith(u"line 3:"_s), qPrintable(r.message));
        // Bad JSON inside a cell.
        ls = lines(good);
        ls[1].replace("{\"\"i\"\"", "{\"\"i\"");
        writeLines(path, ls);
        r = verifyFile(path);
        QCOMPARE(r.problem, u"malformed"_s);
        // JSON Lines: bad JSON, a missing field, a missing header.
        const QString goodJson = cache.dir.filePath(u"good.jsonl"_s);
        exportTo(cache.db(), ExportFormat::JsonLines, goodJson);
        ls = lines(goodJson);
        ls[2] = "{\"seq\":2,\n";
        writeLines(path, ls);
        r = verifyFile(path);
        QCOMPARE(r.problem, u"malformed"_s);
        QVERIFY2(r.message.startsWith(u"line 3:"_s), qPrintable(r.message));
        ls = lines(goodJson);
        QJsonObject o = QJsonDocument::fromJson(ls[2]).object();
        o.remove(u"hash"_s);
        ls[2] = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        writeLines(path, ls);
        r = verifyFile(path);
        QCOMPARE(r.problem, u"malformed"_s);
        QVERIFY2(r.message.contains(u"hash"_s), qPrintable(r.message));
        ls = lines(goodJson);
        ls.removeFirst();
        writeLines(path, ls);
        QCOMPARE(verifyFile(path).problem, u"malformed"_s);
        QCOMPARE(verifyFile(dir.filePath(u"absent"_s)).problem, u"unreadable"_s);
    }
};

QTEST_GUILESS_MAIN(TestAuditExport)
#include "tst_auditexport.moc"
