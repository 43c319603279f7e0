#include "CliAudit.h"

#include "CliCommon.h"
#include "actions/Action.h"
#include "audit/AuditExport.h"
#include "identity/EmailNormalizer.h"
#include "store/Queries.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace sb::app {

namespace {

// An ISO 8601 time or unix milliseconds.
std::optional<Millis> timeArgument(const QString &text)
{
    bool isNumber = false;
    const qint64 ms = text.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    const Millis t = parseTime(text);
    if (t == 0)
        return std::nullopt;
    return t;
}

// A person id, an email or a provider id, as the subjects that name them in the log. An address names
// itself even when no person holds it any more.
Result<QStringList> personArgument(QSqlDatabase db, const QString &text)
{
    QStringList subjects;
    const bool isEmail = text.contains(u'@');
    if (isEmail)
        subjects.append(audit::emailSubject(normalizeEmail(text)));
    auto person = store::Queries(db).resolvePerson(text);
    if (!person) {
        if (isEmail && person.error().kind == ErrorKind::NotFound)
            return subjects;
        return person.error();
    }
    auto more = audit::personSubjects(db, person.value());
    if (!more)
        return more.error();
    for (const QString &s : std::as_const(more.value()))
        if (!subjects.contains(s))
            subjects.append(s);
    return subjects;
}

int runExport(QCommandLineParser &p, Common &c)
{
    const auto format = audit::exportFormatFromName(p.value(u"format"_s));
    if (!format)
        return fail(ExitUsage, u"audit export needs --format csv or --format jsonl"_s);
    const QString path = p.value(u"output"_s);
    if (path.isEmpty())
        return fail(ExitUsage, u"audit export needs -o FILE"_s);
    audit::ExportRequest request;
    request.format = *format;
    for (const char *name : {"since", "until"}) {
        const QString option = QString::fromLatin1(name);
        if (!p.isSet(option))
            continue;
        const auto t = timeArgument(p.value(option));
        if (!t)
            return fail(ExitUsage, u"--%1 takes an ISO 8601 time or unix milliseconds"_s.arg(option));
        (option == "since"_L1 ? request.filter.since : request.filter.until) = *t;
    }
    request.filter.actor = p.value(u"actor"_s).trimmed();
    request.filter.action = p.value(u"action"_s).trimmed();
    if (p.isSet(u"person"_s)) {
        auto subjects = personArgument(c.connection->db(), p.value(u"person"_s).trimmed());
        if (!subjects)
            return fail(exitCodeFor(subjects.error()), subjects.error().message);
        request.filter.subjects = subjects.value();
    }
    request.actor = p.isSet(u"as"_s) ? p.value(u"as"_s).trimmed() : actions::defaultActor();
    if (request.actor.isEmpty())
        return fail(ExitUsage, u"who is exporting? Give --as NAME"_s);
    request.reason = p.value(u"reason"_s);
    request.destination = QFileInfo(path).fileName();

    // Written beside the destination and renamed into place, so a failed export never leaves half a file.
    const QString partial = path + u".partial"_s;
    QFile::remove(partial);
    QFile file(partial);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return fail(ExitIo, u"cannot write %1: %2"_s.arg(partial, file.errorString()));
    auto summary = audit::exportLog(c.connection->db(), request, &file);
    const bool flushed = summary && file.flush();
    file.close();
    if (!summary || !flushed || file.error() != QFileDevice::NoError) {
        QFile::remove(partial);
        if (!summary)
            return fail(exitCodeFor(summary.error()), summary.error().message);
        return fail(ExitIo, u"cannot write %1: %2"_s.arg(partial, file.errorString()));
    }
    if (std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(partial);
        return fail(ExitIo, u"cannot rename %1 to %2"_s.arg(partial, path));
    }
    const audit::ExportSummary &s = summary.value();
    if (p.isSet(u"json"_s)) {
        printJson(
            QJsonObject{{u"file"_s, path},
                        {u"format"_s, audit::exportFormatName(*format)},
                        {u"rows"_s, s.rows},
                        {u"head_seq"_s, s.headSeq},
                        {u"head_hash"_s, s.headHash},
                        {u"filter"_s, !request.filter.subjects.isEmpty() || !request.filter.actor.isEmpty() ||
                                          !request.filter.action.isEmpty() || request.filter.since ||
                                          request.filter.until}});
    } else {
        out() << "exported " << s.rows << " entries to " << path << "; head " << s.headSeq << ':'
              << s.headHash << Qt::endl;
    }
    return ExitOk;
}

int runVerify(QCommandLineParser &p, Common &c, const QString &file)
{
    const QString head = p.value(u"head"_s).trimmed();
    if (p.isSet(u"head"_s) && !audit::parseExpectedHead(head))
        return fail(ExitUsage,
                    u"--head takes the head hash of an earlier export (64 hex digits, or SEQ:HASH)"_s);
    const audit::VerifyReport r =
        file.isEmpty() ? audit::verifyDatabase(c.connection->db(), head) : audit::verifyFile(file, head);
    if (p.isSet(u"json"_s)) {
        QJsonObject o{{u"ok"_s, r.ok},
                      {u"entries"_s, r.entries},
                      {u"head_seq"_s, r.headSeq},
                      {u"head_hash"_s, r.headHash},
                      {u"filtered"_s, r.filtered},
                      {u"problem"_s, r.problem},
                      {u"message"_s, r.message},
                      {u"first_bad_seq"_s, r.firstBadSeq}};
        printJson(o);
    } else if (r.ok) {
        out() << "OK: " << r.entries << " entries verified" << (r.filtered ? " (a filtered export)" : "")
              << ", head " << r.headSeq << ':' << r.headHash << Qt::endl;
        if (!r.message.isEmpty())
            out() << r.message << Qt::endl;
    }
    if (r.ok)
        return ExitOk;
    const int code = r.problem == "unreadable"_L1 ? ExitIo : ExitFindings;
    return fail(code, u"audit verify: %1 (%2)"_s.arg(r.message, r.problem));
}

} // namespace

void addAuditOptions(QCommandLineParser &p)
{
    p.addOption({u"format"_s, u"audit export: csv or jsonl"_s, u"FORMAT"_s});
    p.addOption({u"since"_s, u"audit export: entries at or after (ISO 8601 or unix ms)"_s, u"TIME"_s});
    p.addOption({u"until"_s, u"audit export: entries before (ISO 8601 or unix ms)"_s, u"TIME"_s});
    p.addOption({u"person"_s, u"audit export: one person's entries (id, email or provider id)"_s, u"ID"_s});
    p.addOption({u"action"_s, u"audit export: one action, or a prefix ending in '.'"_s, u"ACTION"_s});
    p.addOption({{u"o"_s, u"output"_s}, u"audit export: the file to write"_s, u"FILE"_s});
    p.addOption({u"head"_s, u"audit verify: the head hash of an earlier export"_s, u"HASH"_s});
    p.addOption({u"as"_s, u"audit export: who exports (default: the OS user)"_s, u"NAME"_s});
}

int runAudit(QCommandLineParser &p, Common &c)
{
    const QStringList pos = p.positionalArguments();
    const QString sub = pos.value(1);
    if (sub == "export"_L1 && pos.size() == 2)
        return runExport(p, c);
    if (sub == "verify"_L1 && pos.size() <= 3)
        return runVerify(p, c, pos.value(2));
    return fail(ExitUsage, u"usage: switchboard audit export --format csv|jsonl -o FILE [filters] | "
                           "switchboard audit verify [FILE] [--head HASH] [--json]"_s);
}

} // namespace sb::app
