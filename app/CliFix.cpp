// `switchboard fix FINDING_ID... [--actor NAME] --reason TEXT [--apply] [--json]`: findings' fix plans, a dry
// run unless --apply; several findings are applied as one batch. Applying runs the same actions the console
// runs (actions/ActionRunner on a sync worker: re-read, write only what is missing, confirm, audit intent and
// outcome, record what the provider showed, reconcile the person).
#include "CliFix.h"
#include "CliCommon.h"

#include "actions/Action.h"
#include "secrets/Redactor.h"
#include "store/FindingsStore.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb::app {

namespace {

QJsonObject stepJson(const actions::Action &a)
{
    QJsonArray calls;
    for (const actions::PlannedCall &c : actions::plannedCalls(a))
        calls.append(QJsonObject{{u"method"_s, c.method}, {u"path"_s, c.path}, {u"when"_s, c.when}});
    return QJsonObject{{u"action"_s, a.name},
                       {u"provider"_s, actions::providerOf(a.name)},
                       {u"description"_s, a.description},
                       {u"params"_s, a.params},
                       {u"calls"_s, calls},
                       {u"manual"_s, a.name == actions::name::Manual}};
}

void printPlan(const store::StoredFinding &f, const QList<actions::Action> &steps)
{
    out() << "Finding " << f.id << " (" << f.finding.rule << ", " << f.status << "): " << f.finding.summary
          << "\n";
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const actions::Action &a = steps.at(i);
        out() << "  " << (i + 1) << ". " << (a.description.isEmpty() ? a.name : a.description);
        if (a.name == actions::name::Manual)
            out() << "  [do this yourself: Switchboard never writes to Stripe]";
        out() << "\n";
        for (const actions::PlannedCall &c : actions::plannedCalls(a))
            out() << "       " << c.method << " " << c.path << "   (" << c.when << ")\n";
    }
    out().flush();
}

QString outcomeWord(const QString &outcome)
{
    if (outcome == "noop"_L1)
        return u"already done"_s;
    return outcome;
}

} // namespace

int runFix(QCommandLineParser &p, Common &c)
{
    // One finding, or several applied as one batch (a bulk fix: one process, one lock, one reconcile).
    const QStringList pos = p.positionalArguments();
    QList<qint64> ids;
    bool usable = pos.size() >= 2;
    for (qsizetype i = 1; usable && i < pos.size(); ++i) {
        bool ok = false;
        const qint64 id = pos.at(i).toLongLong(&ok);
        usable = ok && id > 0;
        if (usable && !ids.contains(id))
            ids.append(id);
    }
    if (!usable)
        return fail(ExitUsage,
                    u"usage: switchboard fix FINDING_ID... --reason TEXT [--actor NAME] [--apply]"_s);
    QList<store::StoredFinding> findings;
    QList<QList<actions::Action>> plans;
    for (const qint64 id : std::as_const(ids)) {
        auto found = store::FindingsStore(c.connection->db()).byId(id);
        if (!found)
            return fail(exitCodeFor(found.error()), found.error().message);
        if (!found.value())
            return fail(ExitNotFound, u"there is no finding %1 (see switchboard reconcile --json)"_s.arg(id));
        findings.append(*found.value());
        QList<actions::Action> steps;
        for (const reconcile::FixStep &s : findings.last().finding.fix)
            steps.append(actions::Action::fromFixStep(s, findings.last().id, findings.last().finding.key));
        plans.append(steps);
    }
    const bool single = findings.size() == 1;

    const bool apply = p.isSet(u"apply"_s);
    const bool json = p.isSet(u"json"_s);
    if (!apply) {
        if (json) {
            QJsonArray docs;
            for (qsizetype i = 0; i < findings.size(); ++i) {
                const store::StoredFinding &finding = findings.at(i);
                QJsonArray list;
                for (const actions::Action &a : plans.at(i))
                    list.append(stepJson(a));
                docs.append(QJsonObject{{u"finding"_s, finding.id},
                                        {u"rule"_s, finding.finding.rule},
                                        {u"status"_s, finding.status},
                                        {u"summary"_s, finding.finding.summary},
                                        {u"dry_run"_s, true},
                                        {u"steps"_s, list}});
            }
            if (single)
                printJson(docs.first().toObject());
            else
                printJson(QJsonObject{{u"dry_run"_s, true}, {u"findings"_s, docs}});
        } else {
            for (qsizetype i = 0; i < findings.size(); ++i)
                printPlan(findings.at(i), plans.at(i));
            out() << "Dry run: nothing was changed. Add --apply (with --reason) to make these changes.\n";
            out().flush();
        }
        return ExitOk;
    }

    const actions::Who who{p.isSet(u"actor"_s) ? p.value(u"actor"_s).trimmed() : actions::defaultActor(),
                           p.value(u"reason"_s).trimmed()};
    if (who.reason.isEmpty())
        return fail(ExitUsage, u"--apply needs --reason TEXT: it goes into the audit log"_s);
    if (who.actor.isEmpty())
        return fail(ExitUsage, u"--apply needs --actor NAME (no OS user to default to)"_s);
    // A single resolved finding is refused; in a bulk fix (a re-run after an interruption, say) the resolved
    // ones are skipped and the rest applied.
    if (single && findings.first().status == "resolved"_L1)
        return fail(ExitUsage, u"finding %1 is resolved; nothing to fix"_s.arg(findings.first().id));

    QList<actions::Action> runnable;
    QStringList providers;
    qsizetype resolved = 0;
    for (qsizetype i = 0; i < findings.size(); ++i) {
        if (findings.at(i).status == "resolved"_L1) {
            ++resolved;
            if (!json)
                QTextStream(stderr) << "finding " << findings.at(i).id << " is resolved; skipped" << Qt::endl;
            continue;
        }
        for (const actions::Action &a : plans.at(i)) {
            if (a.name == actions::name::Manual)
                continue;
            runnable.append(a);
            const QString provider = actions::providerOf(a.name);
            if (actions::isRemote(a.name) && !providers.contains(provider))
                providers.append(provider);
        }
    }
    if (runnable.isEmpty()) {
        if (resolved == findings.size())
            return fail(ExitUsage, u"every finding named is resolved; nothing to fix"_s);
        for (qsizetype i = 0; i < findings.size(); ++i)
            printPlan(findings.at(i), plans.at(i));
        return fail(ExitUsage,
                    single ? u"finding %1 has only manual steps: do them in Stripe's dashboard"_s.arg(
                                 findings.first().id)
                           : u"these findings have only manual steps: do them in Stripe's dashboard"_s);
    }
    if (!providers.isEmpty()) {
        if (Status keys = loadKeys(c, providers); !keys)
            return fail(ExitUsage, keys.error().message);
    }
    for (const QString &secret : {c.config.stripe.apiKey, c.config.circle.token, c.config.kit.apiKey})
        secrets::Redactor::addSecret(secret);

    sync::SyncWorker worker(c.config);
    actions::BatchReport report;
    QObject::connect(&worker, &sync::SyncWorker::actionFinished, [json](const actions::ActionResult &r) {
        if (json)
            return;
        QTextStream err(stderr);
        err << "  " << outcomeWord(r.outcome) << ": "
            << (r.action.description.isEmpty() ? r.action.name : r.action.description);
        if (!r.message.isEmpty())
            err << " (" << secrets::Redactor::redact(r.message) << ")";
        err << Qt::endl;
    });
    QObject::connect(&worker, &sync::SyncWorker::actionsFinished, [&report](const actions::BatchReport &r) {
        report = r;
        QCoreApplication::exit(0);
    });
    QMetaObject::invokeMethod(
        &worker,
        [&worker, runnable, who] {
            worker.setWritesUnlocked(true); // --apply is this run's unlock
            worker.runActions(runnable, who);
        },
        Qt::QueuedConnection);
    QCoreApplication::exec();

    if (json) {
        QJsonArray results;
        for (const actions::ActionResult &r : std::as_const(report.results)) {
            QJsonObject o = stepJson(r.action);
            o.remove(u"calls"_s);
            o.insert(u"outcome"_s, r.outcome);
            o.insert(u"message"_s, secrets::Redactor::redact(r.message));
            o.insert(u"calls_made"_s, QJsonArray::fromStringList(r.calls));
            o.insert(u"audit_intent"_s, r.intentSeq);
            o.insert(u"audit_outcome"_s, r.outcomeSeq);
            results.append(o);
        }
        QJsonObject doc{{u"dry_run"_s, false}, {u"results"_s, results}};
        if (single) {
            doc.insert(u"finding"_s, findings.first().id);
        } else {
            QJsonArray named;
            for (const qint64 id : std::as_const(ids))
                named.append(id);
            doc.insert(u"findings"_s, named);
        }
        printJson(doc);
    }
    const int failed = report.count(u"failed"_s);
    const int refused = report.count(actions::RefusedOutcome);
    if (refused)
        return fail(ExitUsage, u"%1 step(s) refused"_s.arg(refused));
    if (failed)
        return fail(ExitIo,
                    u"%1 of %2 step(s) failed; see the audit log"_s.arg(failed).arg(report.results.size()));
    return ExitOk;
}

} // namespace sb::app
