#include "Cli.h"
#include "CliAudit.h"
#include "CliCommon.h"
#include "CliFix.h"
#include "CliLive.h"

#include "common/Config.h"
#include "common/Profiles.h"
#include "reconcile/Policy.h"
#include "secrets/KeyLoader.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/Redactor.h"
#include "store/Database.h"
#include "store/FindingsStore.h"
#include "store/Queries.h"
#include "store/Store.h"
#include "sync/Rebuild.h"
#include "sync/ReconcilePass.h"
#include "sync/StripeSync.h"
#include "sync/SyncEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace sb::app {

namespace {

QJsonObject toJson(const TimelineEvent &e)
{
    QJsonObject o{{u"at"_s, isoUtc(e.at)},        {u"provider"_s, e.provider}, {u"kind"_s, e.kind},
                  {u"source_key"_s, e.sourceKey}, {u"summary"_s, e.summary},   {u"observed"_s, e.observed},
                  {u"detail"_s, e.detail}};
    if (e.amount) {
        o.insert(u"amount"_s, *e.amount);
        o.insert(u"currency"_s, e.currency);
    }
    return o;
}

QString paymentKind(PaymentState::Kind k)
{
    using K = PaymentState::Kind;
    switch (k) {
    case K::None:
        return u"none"_s;
    case K::Active:
        return u"active"_s;
    case K::Trialing:
        return u"trialing"_s;
    case K::PastDue:
        return u"past_due"_s;
    case K::Canceled:
        return u"canceled"_s;
    case K::Paid:
        return u"paid"_s;
    case K::Refunded:
        return u"refunded"_s;
    case K::Disputed:
        return u"disputed"_s;
    }
    return {};
}

QJsonObject reportJson(const sync::SyncReport &r)
{
    return QJsonObject{{u"provider"_s, r.provider},
                       {u"ok"_s, r.ok},
                       {u"incremental"_s, r.incremental},
                       {u"items"_s, r.items},
                       {u"pages"_s, r.pages},
                       {u"requests"_s, r.requests},
                       {u"rows_written"_s, r.rowsWritten},
                       {u"seconds"_s, double(r.finishedAt - r.startedAt) / 1000.0},
                       {u"error"_s, r.error.message}};
}

int runSync(QCommandLineParser &p, Common &c)
{
    const QString which = p.value(u"provider"_s);
    const QStringList all = {u"stripe"_s, u"circle"_s, u"kit"_s};
    if (!which.isEmpty() && !all.contains(which))
        return fail(ExitUsage, u"unknown provider %1 (stripe, circle or kit)"_s.arg(which));
    const QStringList wanted = which.isEmpty() ? all : QStringList{which};
    if (Status keys = loadKeys(c, wanted, which); !keys)
        return fail(ExitUsage, keys.error().message);
    // Only the chosen providers sync: the others' keys are left out of this run's configuration.
    Config config = c.config;
    if (!wanted.contains(u"stripe"_s))
        config.stripe.apiKey.clear();
    if (!wanted.contains(u"circle"_s))
        config.circle.token.clear();
    if (!wanted.contains(u"kit"_s))
        config.kit.apiKey.clear();
    for (const QString &secret : {config.stripe.apiKey, config.circle.token, config.kit.apiKey})
        secrets::Redactor::addSecret(secret);
    sync::SyncWorker worker(config);
    QList<sync::SyncReport> reports;
    QObject::connect(&worker, &sync::SyncWorker::providerFinished,
                     [&reports](const sync::SyncReport &r) { reports.append(r); });
    QObject::connect(&worker, &sync::SyncWorker::finished, [] { QCoreApplication::exit(0); });
    QObject::connect(&worker, &sync::SyncWorker::progress, [](const sync::SyncProgress &pr) {
        QTextStream err(stderr);
        err << "\r" << pr.provider << " " << pr.phase << " " << pr.stream << ": " << pr.items << " items, "
            << pr.requests << " requests   ";
        err.flush();
    });
    QMetaObject::invokeMethod(
        &worker, [&worker] { worker.run(false); }, Qt::QueuedConnection);
    QCoreApplication::exec();
    QTextStream(stderr) << "\n";
    bool ok = !reports.isEmpty(), incremental = true;
    qint64 items = 0, requests = 0;
    QJsonArray perProvider;
    QStringList failures;
    for (const sync::SyncReport &r : std::as_const(reports)) {
        ok = ok && r.ok;
        incremental = incremental && r.incremental;
        items += r.items;
        requests += r.requests;
        perProvider.append(reportJson(r));
        if (!r.ok)
            failures.append(sync::describe(r));
        else
            QTextStream(stderr) << sync::describe(r) << Qt::endl;
    }
    if (p.isSet(u"json"_s)) {
        printJson(QJsonObject{{u"ok"_s, ok},
                              {u"incremental"_s, incremental},
                              {u"items"_s, items},
                              {u"requests"_s, requests},
                              {u"providers"_s, perProvider}});
    }
    if (!ok)
        return fail(ExitIo, failures.join(u"; "_s));
    return ExitOk;
}

int runSearch(QCommandLineParser &p, Common &c)
{
    const QStringList args = p.positionalArguments();
    if (args.size() < 2)
        return fail(ExitUsage, u"usage: switchboard search QUERY [--json]"_s);
    store::Queries queries(c.connection->db());
    auto hits = queries.search(args.mid(1).join(u' '), 50);
    if (!hits)
        return fail(exitCodeFor(hits.error()), hits.error().message);
    if (p.isSet(u"json"_s)) {
        QJsonArray arr;
        for (const SearchHit &h : hits.value())
            arr.append(QJsonObject{{u"person_id"_s, h.personId},
                                   {u"name"_s, h.displayName},
                                   {u"email"_s, h.primaryEmail},
                                   {u"matched_on"_s, h.matchedOn},
                                   {u"matched_value"_s, h.matchedValue}});
        printJson(arr);
    } else {
        for (const SearchHit &h : hits.value())
            out() << h.personId << '\t' << h.displayName << '\t' << h.primaryEmail << '\n';
        out().flush();
    }
    return hits.value().isEmpty() ? ExitNotFound : ExitOk;
}

int runPerson(QCommandLineParser &p, Common &c)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 2)
        return fail(ExitUsage,
                    u"usage: switchboard person ID [--json]   (ID: email, provider id or person id)"_s);
    store::Queries queries(c.connection->db());
    auto id = queries.resolvePerson(args.at(1));
    if (!id)
        return fail(exitCodeFor(id.error()), id.error().message);
    auto details = queries.person(id.value());
    if (!details)
        return fail(exitCodeFor(details.error()), details.error().message);
    QList<TimelineEvent> timeline;
    store::TimelineCursor cursor;
    for (;;) {
        auto page = queries.timelinePage(id.value(), cursor, 1000);
        if (!page)
            return fail(ExitIo, page.error().message);
        timeline += page.value();
        if (page.value().size() < 1000)
            break;
        cursor = {timeline.last().at, timeline.last().id, true};
    }
    const PersonDetails &d = details.value();
    if (p.isSet(u"json"_s)) {
        QJsonArray ids, rows;
        for (const Identity &i : d.identities)
            ids.append(QJsonObject{{u"provider"_s, i.provider},
                                   {u"external_id"_s, i.externalId},
                                   {u"email"_s, i.email},
                                   {u"name"_s, i.name},
                                   {u"link"_s, i.link}});
        for (const TimelineEvent &e : std::as_const(timeline))
            rows.append(toJson(e));
        printJson(QJsonObject{{u"person"_s, QJsonObject{{u"id"_s, d.person.id},
                                                        {u"name"_s, d.person.displayName},
                                                        {u"primary_email"_s, d.person.primaryEmail},
                                                        {u"created_at"_s, isoUtc(d.person.createdAt)}}},
                              {u"emails"_s, QJsonArray::fromStringList(d.emails)},
                              {u"identities"_s, ids},
                              {u"payment"_s, QJsonObject{{u"state"_s, paymentKind(d.payment.kind)},
                                                         {u"net_paid"_s, d.payment.paidTotal},
                                                         {u"currency"_s, d.payment.currency}}},
                              {u"timeline"_s, rows}});
    } else {
        out() << d.person.displayName << " <" << d.emails.join(u", "_s)
              << ">  payment: " << paymentKind(d.payment.kind) << '\n';
        for (const TimelineEvent &e : std::as_const(timeline))
            out() << isoUtc(e.at) << '\t' << e.provider << '\t' << e.summary << '\n';
        out().flush();
    }
    return ExitOk;
}

int runRebuild(QCommandLineParser &p, Common &c)
{
    auto report = sync::rebuildProjections(c.connection->db());
    if (!report)
        return fail(ExitIo, report.error().message);
    // Person ids change in a rebuild: findings are re-pointed at the rebuilt people by a pass.
    if (auto pass = sync::runReconcilePass(c.connection->db(), c.config, Clock::now()); !pass)
        return fail(exitCodeFor(pass.error()), pass.error().message);
    const auto &r = report.value();
    if (p.isSet(u"json"_s)) {
        printJson(QJsonObject{{u"raw_objects"_s, r.rawObjects},
                              {u"timeline_rows"_s, r.timelineRows},
                              {u"people"_s, r.people},
                              {u"seconds"_s, double(r.millis) / 1000.0}});
    } else {
        QTextStream(stderr) << "rebuilt " << r.timelineRows << " timeline rows for " << r.people
                            << " people from " << r.rawObjects << " raw objects in "
                            << double(r.millis) / 1000.0 << " s" << Qt::endl;
    }
    return ExitOk;
}

int runPolicy(QCommandLineParser &p, Common &c)
{
    const QStringList args = p.positionalArguments();
    const QString verb = args.value(1);
    if (verb == "show"_L1 && args.size() == 2) {
        auto current = reconcile::loadPolicy(c.connection->db());
        if (!current)
            return fail(ExitIo, current.error().message);
        if (!current.value())
            return fail(ExitNotFound, u"no policy yet: switchboard policy import FILE"_s);
        const auto &v = *current.value();
        printJson(QJsonObject{{u"policy"_s, v.policy.toJson()},
                              {u"updated_at"_s, isoUtc(v.at)},
                              {u"actor"_s, v.actor},
                              {u"reason"_s, v.reason}});
        return ExitOk;
    }
    if (verb != "import"_L1 || args.size() != 3)
        return fail(ExitUsage, u"usage: switchboard policy import FILE [--actor NAME] [--reason TEXT] | "
                               "switchboard policy show"_s);
    QFile file(args.at(2));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ExitUsage, u"cannot read %1"_s.arg(args.at(2)));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(8 * 1024 * 1024), &perr);
    if (perr.error != QJsonParseError::NoError)
        return fail(ExitUsage,
                    u"%1 is not JSON: %2 at byte %3"_s.arg(args.at(2), perr.errorString()).arg(perr.offset));
    auto policy =
        reconcile::Policy::fromJson(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    if (!policy)
        return fail(ExitUsage, u"%1: %2"_s.arg(args.at(2), policy.error().message));
    const QString actor =
        p.isSet(u"actor"_s) ? p.value(u"actor"_s) : qEnvironmentVariable("USER", u"switchboard"_s);
    const QString reason = p.isSet(u"reason"_s) ? p.value(u"reason"_s)
                                                : u"imported from %1"_s.arg(QFileInfo(args.at(2)).fileName());
    auto saved = reconcile::savePolicy(c.connection->db(), policy.value(), actor, reason);
    if (!saved)
        return fail(exitCodeFor(saved.error()), saved.error().message);
    QTextStream(stderr) << (saved.value() ? "policy saved: " : "policy unchanged: ")
                        << policy.value().entries.size() << " entries" << Qt::endl;
    return ExitOk;
}

QJsonObject findingJson(const store::StoredFinding &s)
{
    const reconcile::Finding &f = s.finding;
    QJsonObject o{{u"id"_s, s.id},
                  {u"key"_s, f.key},
                  {u"rule"_s, f.rule},
                  {u"severity"_s, reconcile::toString(f.severity)},
                  {u"status"_s, s.status},
                  {u"person_id"_s, f.personId ? QJsonValue(f.personId) : QJsonValue(QJsonValue::Null)},
                  {u"person"_s, s.personName},
                  {u"emails"_s, QJsonArray::fromStringList(f.emails)},
                  {u"since"_s, f.since ? QJsonValue(isoUtc(f.since)) : QJsonValue(QJsonValue::Null)},
                  {u"first_seen"_s, isoUtc(s.firstSeen)},
                  {u"last_seen"_s, isoUtc(s.lastSeen)},
                  {u"summary"_s, f.summary},
                  {u"why"_s, f.why},
                  {u"facts"_s, f.facts},
                  {u"fix_plan"_s, f.fixJson()}};
    if (s.status == "snoozed"_L1)
        o.insert(u"snoozed_until"_s, isoUtc(s.snoozedUntil));
    return o;
}

int runReconcile(QCommandLineParser &p, Common &c)
{
    auto pass = sync::runReconcilePass(c.connection->db(), c.config, Clock::now());
    if (!pass)
        return fail(exitCodeFor(pass.error()), pass.error().message);
    store::FindingFilter filter;
    filter.limit = 1000;
    if (p.isSet(u"include-snoozed"_s))
        filter.statuses.append(u"snoozed"_s);
    QList<store::StoredFinding> open;
    store::FindingsStore findings(c.connection->db());
    for (;; filter.offset += filter.limit) {
        auto page = findings.list(filter);
        if (!page)
            return fail(ExitIo, page.error().message);
        open += page.value();
        if (page->size() < filter.limit)
            break;
    }
    const auto &r = pass.value();
    if (p.isSet(u"json"_s)) {
        QJsonArray list;
        for (const store::StoredFinding &s : std::as_const(open))
            list.append(findingJson(s));
        printJson(QJsonObject{
            {u"ok"_s, true},
            {u"policy"_s, r.hasPolicy},
            {u"people"_s, r.people},
            {u"open"_s, r.delta.open},
            {u"opened"_s, r.delta.opened},
            {u"resolved"_s, r.delta.resolved},
            {u"next_due"_s, r.nextDue ? QJsonValue(isoUtc(r.nextDue)) : QJsonValue(QJsonValue::Null)},
            {u"seconds"_s, double(r.elapsedMs) / 1000.0},
            {u"findings"_s, list}});
    } else {
        for (const store::StoredFinding &s : std::as_const(open))
            out() << s.id << '\t' << reconcile::toString(s.finding.severity) << '\t' << s.finding.rule << '\t'
                  << s.finding.emails.join(u',') << '\t' << s.finding.summary << '\n';
        out().flush();
        QTextStream(stderr) << r.delta.open << " open findings (" << r.delta.opened << " new, "
                            << r.delta.resolved << " resolved) over " << r.people << " people"
                            << (r.hasPolicy ? "" : "; no policy yet, so only the policy-free rules ran")
                            << Qt::endl;
    }
    return open.isEmpty() ? ExitOk : ExitFindings;
}

} // namespace

bool isSubcommand(const QString &word)
{
    static const QStringList commands = {u"sync"_s,      u"search"_s, u"person"_s, u"rebuild"_s, u"policy"_s,
                                         u"reconcile"_s, u"fix"_s,    u"audit"_s,  u"listen"_s,  u"doctor"_s};
    return commands.contains(word);
}

int runCli(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Switchboard: Stripe, Circle and Kit in one console"_s);
    p.addHelpOption();
    p.addPositionalArgument(u"command"_s, u"sync | search QUERY | person ID | rebuild | policy import FILE | "
                                          u"reconcile | fix FINDING_ID... | audit "
                                          "export|verify | listen | doctor"_s);
    p.addOption({u"config"_s, u"INI file with provider base URLs"_s, u"FILE"_s});
    p.addOption({u"db"_s, u"The cache database"_s, u"PATH"_s});
    p.addOption({u"json"_s, u"Machine-readable output"_s});
    p.addOption({u"provider"_s, u"Sync one provider only"_s, u"stripe|circle|kit"_s});
    p.addOption({u"profile"_s, u"Use this profile's connections, keys and cache"_s, u"NAME"_s});
    p.addOption({u"actor"_s, u"Who makes the change (default: the OS user)"_s, u"NAME"_s});
    p.addOption({u"reason"_s, u"Why the change is made"_s, u"TEXT"_s});
    p.addOption({u"include-snoozed"_s, u"reconcile: list snoozed findings too"_s});
    p.addOption({u"apply"_s, u"fix: make the changes (without it, a dry run)"_s});
    addAuditOptions(p);
    addLiveOptions(p);
    if (!p.parse(arguments))
        return fail(ExitUsage, p.errorText());
    if (p.isSet(u"help"_s)) {
        out() << p.helpText();
        out().flush();
        return ExitOk;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty() || !isSubcommand(pos.first()))
        return fail(ExitUsage, u"unknown command; try --help"_s);
    auto common = openCommon(p);
    if (!common)
        return fail(exitCodeFor(common.error()), common.error().message);
    const QString cmd = pos.first();
    if (cmd == "sync"_L1)
        return runSync(p, common.value());
    if (cmd == "search"_L1)
        return runSearch(p, common.value());
    if (cmd == "rebuild"_L1)
        return runRebuild(p, common.value());
    if (cmd == "policy"_L1)
        return runPolicy(p, common.value());
    if (cmd == "reconcile"_L1)
        return runReconcile(p, common.value());
    if (cmd == "fix"_L1)
        return runFix(p, common.value());
    if (cmd == "audit"_L1)
        return runAudit(p, common.value());
    if (cmd == "listen"_L1)
        return runListen(p, common.value());
    if (cmd == "doctor"_L1)
        return runDoctor(p, common.value());
    return runPerson(p, common.value());
}

} // namespace sb::app
