// Verification of the audit chain: in the database (one pass in seq order) and in an export file (streamed).
#include "audit/AuditExport.h"

#include "audit/AuditSql.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sb::audit {

std::optional<ExpectedHead> parseExpectedHead(const QString &text)
{
    static const QRegularExpression re(u"^(?:(\\d+):)?([0-9a-fA-F]{64})$"_s);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    ExpectedHead h;
    h.seq = m.captured(1).toLongLong();
    h.hash = m.captured(2).toLower();
    return h;
}

namespace {

struct Problem {
    qint64 seq = 0;
    QString kind;
    QString message;
};

VerifyReport failed(VerifyReport r, const Problem &p)
{
    r.ok = false;
    r.firstBadSeq = p.seq;
    r.problem = p.kind;
    r.message = p.message;
    return r;
}

Problem missing(qint64 from, qint64 to)
{
    if (from == to)
        return {from, u"deleted"_s, u"entry %1 is missing: it was deleted"_s.arg(from)};
    return {from, u"deleted"_s, u"entries %1 to %2 are missing: they were deleted"_s.arg(from).arg(to)};
}

QString brief(const QString &hash)
{
    return hash.left(16);
}

// The seq an entry's content was hashed with, when that is not where it stands now (moved content).
std::optional<qint64> movedFrom(QSqlDatabase db, const Entry &e)
{
    QList<qint64> candidates;
    QSqlQuery q(db);
    // Its successor links to it; it follows its predecessor; or it was the head.
    q.prepare(u"SELECT seq FROM audit_log WHERE prev_hash = ? LIMIT 1"_s);
    q.addBindValue(e.hash);
    if (q.exec() && q.next())
        candidates.append(q.value(0).toLongLong() - 1);
    if (e.prevHash == GenesisHash) {
        candidates.append(1);
    } else {
        q.prepare(u"SELECT seq FROM audit_log WHERE hash = ? LIMIT 1"_s);
        q.addBindValue(e.prevHash);
        if (q.exec() && q.next())
            candidates.append(q.value(0).toLongLong() + 1);
    }
    if (q.exec(u"SELECT max(seq) FROM audit_log"_s) && q.next())
        candidates.append(q.value(0).toLongLong());
    for (const qint64 c : std::as_const(candidates)) {
        if (c <= 0 || c == e.seq)
            continue;
        Entry moved = e;
        moved.seq = c;
        if (entryHash(moved) == e.hash)
            return c;
    }
    return std::nullopt;
}

} // namespace

VerifyReport verifyDatabase(QSqlDatabase db, const QString &expectedHead)
{
    VerifyReport r;
    std::optional<ExpectedHead> expected;
    if (!expectedHead.isEmpty()) {
        expected = parseExpectedHead(expectedHead);
        if (!expected)
            return failed(
                r, {0, u"malformed"_s, u"the expected head is not a hash (64 hex digits, or SEQ:HASH)"_s});
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT "_s + detail::kEntryColumns + u" FROM audit_log ORDER BY seq"_s))
        return failed(r, {0, u"unreadable"_s, u"cannot read the audit log: %1"_s.arg(q.lastError().text())});
    qint64 prevSeq = 0;
    QString prevHash = GenesisHash;
    bool found = false;
    while (q.next()) {
        // Only what the chain needs is read for an entry that verifies; a bad one is read whole.
        const qint64 seq = q.value(0).toLongLong();
        const bool hashOk = detail::rowHashMatches(q);
        if (seq == prevSeq + 1 && hashOk && q.value(11).toString() == prevHash) {
            prevHash = q.value(12).toString();
            if (expected && prevHash == expected->hash)
                found = true;
            ++r.entries;
            prevSeq = seq;
            continue;
        }
        const Entry e = detail::readEntry(q);
        if (e.seq != prevSeq + 1)
            return failed(r, missing(prevSeq + 1, e.seq - 1));
        if (!hashOk) {
            if (const auto from = movedFrom(db, e))
                return failed(
                    r, {e.seq, u"reordered"_s,
                        u"entry %1 is out of place: it holds entry %2 (entries were moved or swapped)"_s
                            .arg(e.seq)
                            .arg(*from)});
            return failed(r, {e.seq, u"edited"_s,
                              u"entry %1 was edited: its hash does not match its content"_s.arg(e.seq)});
        }
        if (e.prevHash != prevHash) {
            if (e.seq == 1)
                return failed(
                    r, {1, u"edited"_s, u"entry 1 was edited: its prev_hash is not the genesis hash"_s});
            return failed(r, {prevSeq, u"edited"_s,
                              u"entry %1 was edited: entry %2 does not link to it (a hash was recomputed)"_s
                                  .arg(prevSeq)
                                  .arg(e.seq)});
        }
        if (expected && e.hash == expected->hash)
            found = true;
        ++r.entries;
        prevSeq = e.seq;
        prevHash = e.hash;
    }
    if (q.lastError().isValid())
        return failed(r, {0, u"unreadable"_s, u"cannot read the audit log: %1"_s.arg(q.lastError().text())});
    r.headSeq = prevSeq;
    r.headHash = prevSeq ? prevHash : QString();
    if (expected && !found) {
        if (expected->seq > prevSeq || (!expected->seq))
            return failed(
                r, {prevSeq + 1, u"truncated"_s,
                    u"the log does not contain the earlier head %1: it ends at entry %2, so entries were "
                    "removed from its end (or the log was rewritten)"_s.arg(brief(expected->hash))
                        .arg(prevSeq)});
        return failed(
            r, {expected->seq, u"edited"_s,
                u"entry %1 is not the earlier head %2: the log was rewritten from there"_s.arg(expected->seq)
                    .arg(brief(expected->hash))});
    }
    r.ok = true;
    return r;
}

namespace {

// RFC 4180 records from a byte stream; CRLF or LF ends a record, quoted cells may hold both.
class CsvReader {
public:
    explicit CsvReader(QIODevice *device)
        : m_device(device)
    {}

    enum Outcome { Record, End, Bad };
    Outcome next(QList<QByteArray> &cells, qint64 *startLine, QString *error)
    {
        cells.clear();
        QByteArray cell;
        bool quoted = false;    // inside a quoted cell
        bool wasQuoted = false; // the current cell was quoted (only , or a line end may follow its close)
        bool any = false;
        *startLine = m_line;
        while (true) {
            if (m_pos >= m_buffer.size()) {
                m_buffer = m_device->read(1 << 20);
                m_pos = 0;
                if (m_buffer.isEmpty()) {
                    if (quoted) {
                        *error = u"a quoted cell that begins on line %1 is never closed"_s.arg(*startLine);
                        return Bad;
                    }
                    if (!any)
                        return End;
                    cells.append(cell); // the last record without a line end
                    return Record;
                }
            }
            const char c = m_buffer.at(m_pos++);
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        ++m_pos;
                        cell += '"';
                    } else {
                        quoted = false;
                        wasQuoted = true;
                    }
                } else {
                    if (c == '\n')
                        ++m_line;
                    cell += c;
                }
                continue;
            }
            if (c == ',') {
                cells.append(cell);
                cell.clear();
                wasQuoted = false;
            } else if (c == '\n' || (c == '\r' && peek() == '\n')) {
                if (c == '\r')
                    ++m_pos;
                ++m_line;
                cells.append(cell);
                return Record;
            } else if (c == '"' && cell.isEmpty() && !wasQuoted) {
                quoted = true;
            } else if (wasQuoted || c == '"' || c == '\r') {
                *error = u"line %1: a stray quote or carriage return in a cell"_s.arg(m_line);
                return Bad;
            } else {
                cell += c;
            }
        }
    }

private:
    // The next byte, reading on when the buffer is used up (only a one-byte look-ahead is ever needed).
    char peek()
    {
        if (m_pos >= m_buffer.size()) {
            m_buffer = m_device->read(1 << 20);
            m_pos = 0;
            if (m_buffer.isEmpty())
                return 0;
        }
        return m_buffer.at(m_pos);
    }

    QIODevice *m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
};

// The checks an export file is held to, fed entry by entry in file order.
class FileCheck {
public:
    explicit FileCheck(std::optional<ExpectedHead> expected)
        : m_expected(std::move(expected))
    {}

    bool stopped() const { return m_hard.has_value(); }

    // An entry whose JSON text is not the form the log writes (it may parse to the hashed value, but it is
    // not what was written).
    void editedText(qint64 seq, qint64 line)
    {
        if (!m_hard)
            m_hard = Problem{
                seq, u"edited"_s,
                u"entry %1 was edited: its JSON is not as the log wrote it (line %2)"_s.arg(seq).arg(line)};
    }

    // The request of the entry just fed, as the file's text (its hash was checked against these bytes).
    void noteRequestText(const QByteArray &json) { m_lastRequestText = json; }

    // hashChecked: the caller verified the entry's hash already (from the file's own bytes).
    void feed(const Entry &e, qint64 line, bool hashChecked = false)
    {
        if (m_hard)
            return;
        if (m_any && e.seq <= m_prevSeq) {
            if (m_gap && m_gap->seq <= e.seq && e.seq <= m_gapEnd)
                m_gap.reset(); // the entry missing there was moved, not deleted
            m_hard = Problem{e.seq, u"reordered"_s,
                             u"entry %1 is out of order: it comes after entry %2 (line %3)"_s.arg(e.seq)
                                 .arg(m_prevSeq)
                                 .arg(line)};
            return;
        }
        if (!hashChecked && entryHash(e) != e.hash) {
            m_hard = Problem{
                e.seq, u"edited"_s,
                u"entry %1 was edited: its hash does not match its content (line %2)"_s.arg(e.seq).arg(line)};
            return;
        }
        if (m_any && e.seq == m_prevSeq + 1 && e.prevHash != m_prevHash) {
            m_hard = Problem{m_prevSeq, u"edited"_s,
                             u"entry %1 was edited: entry %2 does not link to it (line %3)"_s.arg(m_prevSeq)
                                 .arg(e.seq)
                                 .arg(line)};
            return;
        }
        if (e.seq == 1 && e.prevHash != GenesisHash) {
            m_hard = Problem{1, u"edited"_s, u"entry 1 was edited: its prev_hash is not the genesis hash"_s};
            return;
        }
        const qint64 expectedNext = m_any ? m_prevSeq + 1 : 1;
        if (!m_gap && e.seq > expectedNext) {
            m_gap = missing(expectedNext, e.seq - 1);
            m_gapEnd = e.seq - 1;
        }
        if (m_expected && e.hash == m_expected->hash)
            m_foundExpected = true;
        if (m_expected && e.prevHash == m_expected->hash)
            m_linkedExpected = true;
        ++m_report.entries;
        m_any = true;
        m_prevSeq = e.seq;
        m_prevHash = e.hash;
        m_lastAction = e.action;
        m_lastRequest = e.request;
        m_lastRequestText.clear();
    }

    // After the last entry: the declared head (from the chain_head row or the header line) and the filter.
    VerifyReport finish(bool headKnown, qint64 headSeq, const QString &headHash, const QJsonObject &filter,
                        qint64 rows)
    {
        VerifyReport r = m_report;
        r.headSeq = m_prevSeq;
        r.headHash = m_any ? m_prevHash : QString();
        r.filtered = !filter.isEmpty();
        std::optional<Problem> first = m_hard;
        if (headKnown && !r.filtered && m_gap && (!first || m_gap->seq < first->seq))
            first = m_gap;
        if (first)
            return failed(r, *first);
        if (!headKnown)
            return failed(r,
                          {m_prevSeq + 1, u"truncated"_s,
                           u"the file ends without its chain_head row: its end was cut after entry %1"_s.arg(
                               m_prevSeq)});
        if (m_prevSeq > headSeq)
            return failed(r, {headSeq + 1, u"edited"_s,
                              u"the file holds entries after its declared head, entry %1"_s.arg(headSeq)});
        // The head entry is hashed; the header or trailer that declares it is not. The file must end with it,
        // and what it recorded (the filter, the number of entries) is what the file must hold.
        if (!m_any || m_prevSeq != headSeq || m_prevHash != headHash)
            return failed(r, {m_any ? m_prevSeq + 1 : 1, u"truncated"_s,
                              u"the file does not end with its head, entry %1: its end was cut or its head "
                              "declaration changed"_s.arg(headSeq)});
        const QJsonObject recorded =
            m_lastRequestText.isEmpty() ? m_lastRequest : QJsonDocument::fromJson(m_lastRequestText).object();
        if (m_lastAction != "audit.export"_L1 && !m_lastAction.isEmpty())
            return failed(
                r, {headSeq, u"edited"_s,
                    u"entry %1, the file's declared head, is not the record of an export"_s.arg(headSeq)});
        if (recorded.contains(u"filter"_s) && recorded.value(u"filter"_s).toObject() != filter)
            return failed(r,
                          {0, u"edited"_s,
                           u"the file declares another filter than its export recorded in entry %1: entries "
                           "may have been removed"_s.arg(headSeq)});
        if (recorded.contains(u"rows"_s) && recorded.value(u"rows"_s).toInteger() != r.entries)
            return failed(r,
                          {0, recorded.value(u"rows"_s).toInteger() > r.entries ? u"deleted"_s : u"edited"_s,
                           u"the file holds %1 entries; its export recorded %2 in entry %3"_s.arg(r.entries)
                               .arg(recorded.value(u"rows"_s).toInteger())
                               .arg(headSeq)});
        if (!r.filtered) {
            if (!m_any)
                return failed(r, {0, u"malformed"_s, u"the file holds no entries"_s});
            if (m_prevSeq < headSeq)
                return failed(r, {m_prevSeq + 1, u"truncated"_s,
                                  u"the file ends at entry %1, before its head, entry %2: its end was cut"_s
                                      .arg(m_prevSeq)
                                      .arg(headSeq)});
        }
        if (m_any && m_prevSeq == headSeq && m_prevHash != headHash)
            return failed(r,
                          {headSeq, u"edited"_s,
                           u"entry %1 is not the head the file declares: its hash differs"_s.arg(headSeq)});
        if (rows >= 0 && rows != r.entries)
            return failed(
                r,
                {0, rows > r.entries ? u"deleted"_s : u"edited"_s,
                 u"the file holds %1 entries but declares %2: entries were %3"_s.arg(r.entries).arg(rows).arg(
                     rows > r.entries ? u"removed"_s : u"added"_s)});
        if (m_expected && !m_foundExpected && !m_linkedExpected &&
            !(m_expected->hash == headHash && (!m_expected->seq || m_expected->seq == headSeq))) {
            const QString h = brief(m_expected->hash);
            if (m_expected->seq > headSeq || !m_expected->seq)
                return failed(
                    r, {headSeq + 1, u"truncated"_s,
                        u"the file does not contain the earlier head %1: it ends at entry %2, so entries "
                        "were removed from its end (or the log was rewritten)%3"_s.arg(h)
                            .arg(headSeq)
                            .arg(r.filtered ? u"; a filtered file may leave that entry out"_s : QString())});
            if (!r.filtered)
                return failed(r, {m_expected->seq, u"edited"_s,
                                  u"entry %1 is not the earlier head %2: the log was rewritten from there"_s
                                      .arg(m_expected->seq)
                                      .arg(h)});
            r.message =
                u"the earlier head (entry %1) is not in this filtered file, so it was not checked"_s.arg(
                    m_expected->seq);
        }
        r.ok = true;
        return r;
    }

    // A problem with the file itself; an earlier bad entry still comes first.
    VerifyReport malformed(qint64 line, const QString &what)
    {
        VerifyReport r = m_report;
        r.headSeq = m_prevSeq;
        r.headHash = m_any ? m_prevHash : QString();
        if (m_hard)
            return failed(r, *m_hard);
        return failed(r, {0, u"malformed"_s, line ? u"line %1: %2"_s.arg(line).arg(what) : what});
    }

private:
    std::optional<ExpectedHead> m_expected;
    VerifyReport m_report;
    // The last entry fed: the file's head, an audit.export entry whose hashed request says what the file
    // holds.
    QString m_lastAction;
    QJsonObject m_lastRequest;
    QByteArray m_lastRequestText; // when fed from the file's text without parsing
    std::optional<Problem> m_hard;
    std::optional<Problem> m_gap;
    qint64 m_gapEnd = 0;
    bool m_any = false;
    qint64 m_prevSeq = 0;
    QString m_prevHash;
    bool m_foundExpected = false;
    bool m_linkedExpected = false;
};

std::optional<QStringList> stringArray(const QJsonValue &v)
{
    if (!v.isArray())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue &s : v.toArray()) {
        if (!s.isString())
            return std::nullopt;
        out.append(s.toString());
    }
    return out;
}

std::optional<qint64> integer(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const qint64 none = std::numeric_limits<qint64>::min();
    const qint64 i = v.toInteger(none);
    if (i == none)
        return std::nullopt;
    return i;
}

std::optional<qint64> integer(const QString &s)
{
    bool ok = false;
    const qint64 i = s.toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    return i;
}

// A CSV cell as the exporter meant it: one neutralising ' taken off.
QString cellText(const QByteArray &bytes)
{
    QString s = QString::fromUtf8(bytes);
    if (s.startsWith(u'\''))
        s.remove(0, 1);
    return s;
}

VerifyReport verifyCsv(QIODevice *in, std::optional<ExpectedHead> expected)
{
    FileCheck check(std::move(expected));
    CsvReader reader(in);
    QList<QByteArray> cells;
    qint64 line = 0;
    QString error;
    const QStringList &columns = csvColumns();
    auto got = reader.next(cells, &line, &error);
    if (got == CsvReader::Bad)
        return check.malformed(0, error);
    QStringList header;
    for (const QByteArray &c : std::as_const(cells))
        header.append(cellText(c));
    if (got != CsvReader::Record || header != columns)
        return check.malformed(
            1, u"not a Switchboard audit export (expected the header %1)"_s.arg(columns.join(u',')));
    bool headKnown = false;
    qint64 headSeq = 0, rows = -1;
    QString headHash;
    QJsonObject filter;
    while ((got = reader.next(cells, &line, &error)) == CsvReader::Record) {
        if (headKnown)
            return check.malformed(line, u"a row after the chain_head row"_s);
        if (cells.size() != columns.size())
            return check.malformed(line,
                                   u"expected %1 cells, found %2"_s.arg(columns.size()).arg(cells.size()));
        QStringList v;
        v.reserve(cells.size());
        for (const QByteArray &c : std::as_const(cells))
            v.append(cellText(c));
        if (v.at(0) == "chain_head"_L1) {
            const auto seq = integer(v.at(1));
            const auto count = integer(v.at(4));
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(v.at(3).toUtf8(), &pe);
            if (!seq || !count || pe.error != QJsonParseError::NoError || !doc.isObject())
                return check.malformed(line, u"the chain_head row is not seq, hash, filter, rows"_s);
            headKnown = true;
            headSeq = *seq;
            headHash = v.at(2);
            filter = doc.object();
            rows = *count;
            continue;
        }
        if (check.stopped())
            continue; // only the chain_head row matters now (whether the file was filtered)
        Entry e;
        const auto seq = integer(v.at(0));
        const auto at = integer(v.at(1));
        const auto kind = actorKindFromName(v.at(4));
        const auto intent = integer(v.at(10));
        if (seq && at && intent && kind) {
            // The file's own text hashed as the log hashed it: a match proves the request and subjects are
            // the JSON that was written, so they need no parsing.
            detail::RawEntry raw{*seq,    *at,     *intent, v.at(3),  v.at(4),          v.at(5),
                                 v.at(6), v.at(7), v.at(9), v.at(12), v.at(8).toUtf8(), v.at(11).toUtf8()};
            if (detail::hashOf(raw) == v.at(13)) {
                e.seq = *seq;
                e.at = *at;
                e.actorKind = *kind;
                e.intentSeq = *intent;
                e.prevHash = v.at(12);
                e.hash = v.at(13);
                e.action = v.at(5);
                check.feed(e, line, true);
                check.noteRequestText(raw.request);
                continue;
            }
        }
        QJsonParseError pe1, pe2;
        const QJsonDocument request = QJsonDocument::fromJson(v.at(8).toUtf8(), &pe1);
        const QJsonDocument subjects = QJsonDocument::fromJson(v.at(11).toUtf8(), &pe2);
        const auto subjectList = stringArray(subjects.array());
        if (!seq || !at || !intent)
            return check.malformed(line, u"seq, at and intent_seq must be integers"_s);
        if (!kind)
            return check.malformed(line, u"unknown actor_kind \"%1\""_s.arg(v.at(4)));
        if (pe1.error != QJsonParseError::NoError || !request.isObject())
            return check.malformed(line, u"request_json is not a JSON object"_s);
        if (pe2.error != QJsonParseError::NoError || !subjects.isArray() || !subjectList)
            return check.malformed(line, u"subjects is not a JSON array of strings"_s);
        // JSON text other than the form the log writes would verify by its parsed value alone: an edit.
        const bool canonicalText = detail::compactJson(request.object()) == v.at(8).toUtf8() &&
                                   detail::compactJson(subjects.array()) == v.at(11).toUtf8();
        e.seq = *seq;
        e.at = *at;
        e.actor = v.at(3);
        e.actorKind = *kind;
        e.action = v.at(5);
        e.target = v.at(6);
        e.reason = v.at(7);
        e.request = request.object();
        e.outcome = v.at(9);
        e.intentSeq = *intent;
        e.subjects = *subjectList;
        e.prevHash = v.at(12);
        e.hash = v.at(13);
        if (!canonicalText) {
            check.editedText(e.seq, line);
            continue;
        }
        check.feed(e, line);
    }
    if (got == CsvReader::Bad)
        return check.malformed(0, error);
    return check.finish(headKnown, headSeq, headHash, filter, rows);
}

VerifyReport verifyJsonLines(QIODevice *in, std::optional<ExpectedHead> expected)
{
    FileCheck check(std::move(expected));
    qint64 line = 0;
    bool headKnown = false;
    qint64 headSeq = 0, rows = -1;
    QString headHash;
    QJsonObject filter;
    while (!in->atEnd()) {
        QByteArray text = in->readLine();
        ++line;
        if (line == 1 && text.startsWith("\xEF\xBB\xBF"))
            text.remove(0, 3);
        while (text.endsWith('\n') || text.endsWith('\r'))
            text.chop(1);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return check.malformed(line, u"not a JSON object (%1)"_s.arg(pe.errorString()));
        const QJsonObject o = doc.object();
        if (line == 1) {
            const auto version = integer(o.value("switchboard_audit_export"_L1));
            const auto seq = integer(o.value("head_seq"_L1));
            if (!version)
                return check.malformed(
                    1, u"not a Switchboard audit export (no switchboard_audit_export header)"_s);
            if (*version != 1)
                return check.malformed(
                    1, u"export format %1 is newer than this build understands"_s.arg(*version));
            if (!seq || !o.value("head_hash"_L1).isString() || !o.value("filter"_L1).isObject())
                return check.malformed(1, u"the header lacks head_seq, head_hash or filter"_s);
            headKnown = true;
            headSeq = *seq;
            headHash = o.value("head_hash"_L1).toString();
            filter = o.value("filter"_L1).toObject();
            rows = integer(o.value("rows"_L1)).value_or(-1);
            continue;
        }
        if (check.stopped())
            break;
        static const QStringList strings = {u"actor"_s,  u"actor_kind"_s, u"action"_s,    u"target"_s,
                                            u"reason"_s, u"outcome"_s,    u"prev_hash"_s, u"hash"_s};
        for (const QString &key : strings)
            if (!o.value(key).isString())
                return check.malformed(line, u"%1 is missing or not a string"_s.arg(key));
        const auto seq = integer(o.value("seq"_L1));
        const auto at = integer(o.value("at"_L1));
        const auto intent = integer(o.value("intent_seq"_L1));
        const auto kind = actorKindFromName(o.value("actor_kind"_L1).toString());
        const auto subjects = stringArray(o.value("subjects"_L1));
        if (!seq || !at || !intent)
            return check.malformed(line, u"seq, at and intent_seq must be integers"_s);
        if (!kind)
            return check.malformed(line, u"unknown actor_kind"_s);
        if (!o.value("request"_L1).isObject())
            return check.malformed(line, u"request is missing or not an object"_s);
        if (!subjects)
            return check.malformed(line, u"subjects is missing or not an array of strings"_s);
        Entry e;
        e.seq = *seq;
        e.at = *at;
        e.actor = o.value("actor"_L1).toString();
        e.actorKind = *kind;
        e.action = o.value("action"_L1).toString();
        e.target = o.value("target"_L1).toString();
        e.reason = o.value("reason"_L1).toString();
        e.request = o.value("request"_L1).toObject();
        e.outcome = o.value("outcome"_L1).toString();
        e.intentSeq = *intent;
        e.subjects = *subjects;
        e.prevHash = o.value("prev_hash"_L1).toString();
        e.hash = o.value("hash"_L1).toString();
        check.feed(e, line);
    }
    if (line == 0)
        return check.malformed(0, u"the file is empty"_s);
    return check.finish(headKnown, headSeq, headHash, filter, rows);
}

} // namespace

VerifyReport verifyFile(const QString &path, const QString &expectedHead)
{
    std::optional<ExpectedHead> expected;
    if (!expectedHead.isEmpty()) {
        expected = parseExpectedHead(expectedHead);
        if (!expected)
            return failed(
                {}, {0, u"malformed"_s, u"the expected head is not a hash (64 hex digits, or SEQ:HASH)"_s});
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed({}, {0, u"unreadable"_s, u"cannot open %1: %2"_s.arg(path, file.errorString())});
    // Told apart by content: JSON Lines begin with the header object.
    QByteArray start = file.peek(4);
    if (start.startsWith("\xEF\xBB\xBF"))
        start.remove(0, 3);
    if (start.startsWith('{'))
        return verifyJsonLines(&file, expected);
    if (file.peek(3) == "\xEF\xBB\xBF")
        file.read(3);
    return verifyCsv(&file, expected);
}

} // namespace sb::audit
