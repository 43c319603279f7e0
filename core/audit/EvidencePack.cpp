#include "audit/EvidencePack.h"

#include "common/Money.h"
#include "models/AuditModel.h"
#include "models/FindingsModel.h"
#include "secrets/Redactor.h"
#include "store/FindingsStore.h"
#include "store/Queries.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace sb::audit {

namespace {
// Translation context for the pack's own words.
class EvidencePack {
    Q_DECLARE_TR_FUNCTIONS(EvidencePack)
};

// Characters that change how text around them reads without showing themselves.
bool invisible(char32_t c)
{
    if (c == u'\n' || c == u'\t')
        return false;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        return true; // control characters
    switch (c) {
    case 0x061c: // Arabic letter mark
    case 0x200b: // zero width space, non-joiner, joiner
    case 0x200c:
    case 0x200d:
    case 0x200e: // left-to-right and right-to-left marks
    case 0x200f:
    case 0x2028: // line and paragraph separators
    case 0x2029:
    case 0x2060: // word joiner
    case 0xfeff: // zero width no-break space
    case 0xfff9: // interlinear annotations
    case 0xfffa:
    case 0xfffb:
        return true;
    default:
        break;
    }
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || (c >= 0x2061 && c <= 0x2064))
        return true; // embeddings, overrides, isolates, invisible operators
    if (c >= 0xe0000 && c <= 0xe007f)
        return true; // tag characters
    return QChar::category(c) == QChar::Other_Format;
}

QString when(Millis at)
{
    if (at <= 0)
        return EvidencePack::tr("unknown");
    const QDateTime t = fromMillis(at).toLocalTime();
    return t.toString(u"yyyy-MM-dd HH:mm:ss"_s) + u' ' + t.timeZoneAbbreviation();
}

QString h(const QString &text)
{
    return inertHtml(text);
}

QString row(const QStringList &cells, bool header = false)
{
    const QString tag = header ? u"th"_s : u"td"_s;
    QString out = u"<tr>"_s;
    for (const QString &c : cells)
        out += u"<%1>%2</%1>"_s.arg(tag, c); // cells are already escaped
    return out + u"</tr>\n"_s;
}

QString paymentLine(const PaymentState &p)
{
    using K = PaymentState::Kind;
    QString state;
    switch (p.kind) {
    case K::None:
        state = EvidencePack::tr("No payments");
        break;
    case K::Active:
        state = EvidencePack::tr("Active subscription");
        break;
    case K::Trialing:
        state = EvidencePack::tr("Trialing");
        break;
    case K::PastDue:
        state = EvidencePack::tr("Past due (a renewal failed)");
        break;
    case K::Canceled:
        state = EvidencePack::tr("Subscription canceled");
        break;
    case K::Paid:
        state = EvidencePack::tr("Paid");
        break;
    case K::Refunded:
        state = EvidencePack::tr("Refunded");
        break;
    case K::Disputed:
        state = EvidencePack::tr("Disputed");
        break;
    }
    QStringList parts{state};
    if (!p.detail.isEmpty())
        parts.append(p.detail);
    if (!p.currency.isEmpty())
        parts.append(EvidencePack::tr("paid in total %1").arg(formatMoney(p.paidTotal, p.currency)));
    return parts.join(u" · "_s);
}

QString systemLine(const SystemStatus &s)
{
    if (!s.present)
        return EvidencePack::tr("No account");
    QStringList parts{s.state.isEmpty() ? EvidencePack::tr("Account") : s.state};
    if (!s.groups.isEmpty())
        parts.append(EvidencePack::tr("access groups: %1").arg(s.groups.join(u", "_s)));
    if (!s.spaces.isEmpty())
        parts.append(EvidencePack::tr("spaces: %1").arg(s.spaces.join(u", "_s)));
    if (!s.tags.isEmpty())
        parts.append(EvidencePack::tr("tags: %1").arg(s.tags.join(u", "_s)));
    if (!s.sequences.isEmpty())
        parts.append(EvidencePack::tr("sequences: %1").arg(s.sequences.join(u", "_s)));
    if (s.accounts > 1)
        parts.append(EvidencePack::tr("%1 accounts").arg(s.accounts));
    return parts.join(u" · "_s);
}

QString systemName(const QString &p)
{
    if (p == provider::Stripe)
        return u"Stripe"_s;
    if (p == provider::Circle)
        return u"Circle"_s;
    if (p == provider::Kit)
        return u"Kit"_s;
    if (p == provider::Local)
        return u"Switchboard"_s;
    return p;
}

const char *kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; color: #1f2328; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #d0d7de; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eaeef2;
         overflow-wrap: anywhere; word-break: break-word; unicode-bidi: plaintext; }
th { background: #f6f8fa; }
.meta { color: #57606a; } .mono, pre { font-family: ui-monospace, monospace; font-size: 12px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 6px; margin: 4px 0; }
.finding { border-left: 4px solid #d0d7de; padding: 2px 10px; margin: 10px 0; }
.high { border-color: #b00020; } .medium { border-color: #c98a00; } .low { border-color: #8c959f; }
.failed, .unknown { color: #a31b1b; font-weight: bold; } .ok { color: #1d5e32; }
)";
} // namespace

QString inertHtml(const QString &text, qsizetype maxChars)
{
    QString clean;
    clean.reserve(std::min(text.size(), maxChars) + 16);
    qsizetype shown = 0;
    const QList<uint> points = text.toUcs4();
    qsizetype i = 0;
    for (; i < points.size() && shown < maxChars; ++i, ++shown) {
        const char32_t c = points.at(i);
        if (invisible(c))
            clean += u"[U+%1]"_s.arg(QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'));
        else
            clean += QString::fromUcs4(&c, 1);
    }
    QString out = clean.toHtmlEscaped();
    if (i < points.size())
        out += u" <em>"_s +
               EvidencePack::tr("[… %1 more characters cut]").arg(QLocale().toString(points.size() - i)) +
               u"</em>"_s;
    return out;
}

QString evidenceFileName(const QString &personName, const QDate &date)
{
    // Letters and digits of any script, so "Zoë Ångström" keeps her name; everything else (slashes, dots,
    // controls, bidi overrides) becomes a separator.
    QString slug;
    bool dash = false;
    for (const char32_t c : personName.normalized(QString::NormalizationForm_C).toUcs4()) {
        if (QChar::isLetterOrNumber(c)) {
            if (dash && !slug.isEmpty())
                slug += u'-';
            slug += QString::fromUcs4(&c, 1).toLower();
            dash = false;
        } else {
            dash = true;
        }
        if (slug.size() >= 60)
            break;
    }
    if (slug.isEmpty())
        slug = u"person"_s;
    return u"evidence-%1-%2.html"_s.arg(slug, date.toString(Qt::ISODate));
}

Result<EvidenceSummary> writeEvidencePack(QSqlDatabase db, const EvidenceRequest &request, QIODevice *out)
{
    if (request.actor.trimmed().isEmpty())
        return Error{ErrorKind::Usage, u"an evidence pack needs an actor"_s};
    if (!out || !out->isWritable())
        return Error{ErrorKind::Io, u"the evidence pack has nowhere to go"_s};

    // Everything is read before anything is recorded.
    store::Queries queries(db);
    auto person = queries.person(request.personId);
    if (!person)
        return person.error();
    const PersonDetails &d = person.value();

    QList<TimelineEvent> timeline;
    store::TimelineCursor cursor;
    constexpr int kPage = 1000;
    for (;;) {
        auto page = queries.timelinePage(request.personId, cursor, kPage);
        if (!page)
            return page.error();
        timeline += page.value();
        if (page.value().size() < kPage)
            break;
        cursor = store::TimelineCursor{timeline.last().at, timeline.last().id, true};
    }

    store::FindingsStore findingsStore(db);
    store::FindingFilter ff;
    ff.personId = request.personId;
    ff.statuses = {u"open"_s, u"snoozed"_s, u"resolved"_s};
    ff.limit = 10000;
    auto findings = findingsStore.list(ff);
    if (!findings)
        return findings.error();

    auto subjects = models::personAuditSubjects(db, request.personId);
    if (!subjects)
        return subjects.error();
    AuditLog log(db);
    QList<Entry> entries;
    if (!subjects.value().isEmpty()) {
        Filter f;
        f.subjects = subjects.value();
        qint64 before = 0;
        for (;;) {
            auto page = log.list(f, before, kPage);
            if (!page)
                return page.error();
            entries += page.value();
            if (page.value().size() < kPage)
                break;
            before = entries.last().seq;
        }
    }
    QHash<qint64, QString> outcomes;
    QList<qint64> unanswered;
    for (const Entry &e : std::as_const(entries)) {
        if (e.intentSeq > 0)
            outcomes.insert(e.intentSeq, e.outcome);
    }
    for (const Entry &e : std::as_const(entries)) {
        if (e.outcome == outcome::Pending && !outcomes.contains(e.seq))
            unanswered.append(e.seq);
    }
    if (!unanswered.isEmpty()) {
        auto answers = models::outcomesOf(db, unanswered);
        if (!answers)
            return answers.error();
        for (auto it = answers.value().cbegin(); it != answers.value().cend(); ++it)
            outcomes.insert(it.key(), it->outcome);
    }

    // The pack is recorded before it is written: the entry is the head the pack carries.
    const QString name = d.person.displayName.isEmpty() ? d.person.primaryEmail : d.person.displayName;
    Entry record;
    record.actor = request.actor.trimmed();
    record.actorKind = request.actorKind;
    record.action = u"evidence.export"_s;
    record.target = d.person.primaryEmail.isEmpty() || d.person.primaryEmail == name
                        ? name
                        : u"%1 <%2>"_s.arg(name, d.person.primaryEmail);
    record.reason = request.reason;
    record.outcome = outcome::Ok;
    record.subjects = subjects.value();
    record.request = QJsonObject{{u"person_id"_s, request.personId},
                                 {u"destination"_s, request.destination},
                                 {u"timeline_rows"_s, qint64(timeline.size())},
                                 {u"audit_entries"_s, qint64(entries.size())},
                                 {u"findings"_s, qint64(findings.value().size())}};
    auto stored = log.append(record);
    if (!stored)
        return stored.error();
    const Entry &head = stored.value();

    QString html;
    html.reserve(64 * 1024);
    const QString title = EvidencePack::tr("Evidence pack: %1").arg(h(name));
    html += u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
            "'unsafe-inline'\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>"_s +
            title + u"</title>\n<style>"_s + QString::fromUtf8(kStyle) + u"</style></head>\n<body>\n"_s;
    html += u"<h1>%1</h1>\n"_s.arg(title);
    html += u"<p class=\"meta\">%1</p>\n"_s.arg(
        EvidencePack::tr("Made %1 by %2 with Switchboard, from its local cache of Stripe, Circle and Kit.")
            .arg(h(when(head.at)), h(head.actor)));
    html += u"<p class=\"meta\">%1 <span class=\"mono\">%2</span></p>\n"_s.arg(
        EvidencePack::tr("Audit chain head when this pack was made: entry #%1, hash").arg(head.seq),
        h(head.hash));

    // Who.
    html += u"<h2>%1</h2>\n<table>\n"_s.arg(EvidencePack::tr("Who"));
    html += row({EvidencePack::tr("Name"),
                 h(d.person.displayName.isEmpty() ? EvidencePack::tr("(no name)") : d.person.displayName)});
    html += row({EvidencePack::tr("Emails"), h(d.emails.join(u", "_s))});
    html += row({EvidencePack::tr("Switchboard person id"), QString::number(d.person.id)});
    html += u"</table>\n<table>\n"_s;
    html += row({EvidencePack::tr("System"), EvidencePack::tr("Account id"), EvidencePack::tr("Email"),
                 EvidencePack::tr("Name"), EvidencePack::tr("Linked")},
                true);
    for (const Identity &i : d.identities)
        html += row({h(systemName(i.provider)), u"<span class=\"mono\">%1</span>"_s.arg(h(i.externalId)),
                     h(i.email), h(i.name),
                     i.link == "manual"_L1 ? EvidencePack::tr("by hand") : EvidencePack::tr("by email")});
    if (d.identities.isEmpty())
        html += row({EvidencePack::tr("No accounts known.")});
    html += u"</table>\n"_s;

    // Now.
    html += u"<h2>%1</h2>\n<table>\n"_s.arg(EvidencePack::tr("Where they stand now"));
    html += row({u"Stripe"_s, h(paymentLine(d.payment))});
    html += row({u"Circle"_s, h(systemLine(d.circle))});
    html += row({u"Kit"_s, h(systemLine(d.kit))});
    html += u"</table>\n"_s;

    // Findings: open (and snoozed) first, then the past ones.
    html += u"<h2>%1</h2>\n"_s.arg(EvidencePack::tr("Findings"));
    if (findings.value().isEmpty())
        html +=
            u"<p>%1</p>\n"_s.arg(EvidencePack::tr("None: Stripe, Circle and Kit agreed about this person."));
    for (const bool live : {true, false}) {
        for (const store::StoredFinding &s : findings.value()) {
            if ((s.status != "resolved"_L1) != live)
                continue;
            const reconcile::Finding &f = s.finding;
            const QString cls = f.severity == reconcile::Severity::High     ? u"high"_s
                                : f.severity == reconcile::Severity::Medium ? u"medium"_s
                                                                            : u"low"_s;
            QString status;
            if (s.status == "resolved"_L1)
                status =
                    EvidencePack::tr("resolved %1 (%2)")
                        .arg(when(s.resolvedAt), s.resolution == "human"_L1 ? EvidencePack::tr("by a person")
                                                                            : EvidencePack::tr("by itself"));
            else if (s.status == "snoozed"_L1)
                status = EvidencePack::tr("snoozed until %1 by %2: %3")
                             .arg(when(s.snoozedUntil), s.statusActor, s.statusReason);
            else
                status = EvidencePack::tr("open");
            html += u"<div class=\"finding %1\">\n"_s.arg(cls);
            html += u"<p><b>%1 · %2</b> — %3</p>\n"_s.arg(h(models::severityLabel(f.severity)),
                                                          h(models::ruleLabel(f.rule)), h(status));
            html += u"<p>%1</p>\n"_s.arg(h(models::withLocalTimes(f.summary)));
            if (!f.why.isEmpty())
                html += u"<p><b>%1</b> %2</p>\n"_s.arg(EvidencePack::tr("Why:"),
                                                       h(models::withLocalTimes(f.why)));
            html += u"<p class=\"meta\">%1</p>\n"_s.arg(
                h(EvidencePack::tr("Began %1 · first seen %2 · last seen %3")
                      .arg(when(f.since ? f.since : s.firstSeen), when(s.firstSeen), when(s.lastSeen))));
            if (!f.fix.isEmpty()) {
                html += u"<p><b>%1</b></p>\n<ol>\n"_s.arg(EvidencePack::tr("Fix plan:"));
                for (const reconcile::FixStep &step : f.fix)
                    html += u"<li>%1</li>\n"_s.arg(
                        h(step.description.isEmpty() ? step.action : step.description));
                html += u"</ol>\n"_s;
            }
            html += u"</div>\n"_s;
        }
    }

    // What Switchboard did.
    html += u"<h2>%1</h2>\n"_s.arg(EvidencePack::tr("What Switchboard did (audit entries)"));
    if (entries.isEmpty()) {
        html += u"<p>%1</p>\n"_s.arg(EvidencePack::tr("No actions were recorded about this person."));
    } else {
        html += u"<table>\n"_s;
        html += row({u"#"_s, EvidencePack::tr("When"), EvidencePack::tr("Actor"), EvidencePack::tr("Action"),
                     EvidencePack::tr("Target"), EvidencePack::tr("Reason"), EvidencePack::tr("Outcome"),
                     EvidencePack::tr("Request")},
                    true);
        for (const Entry &e : std::as_const(entries)) {
            const QString result =
                e.outcome == outcome::Pending ? outcomes.value(e.seq, e.outcome) : e.outcome;
            QString outcomeCell =
                u"<span class=\"%1\">%2</span>"_s.arg(h(result), h(models::auditOutcomeLabel(result)));
            if (e.intentSeq > 0)
                outcomeCell += u" "_s + EvidencePack::tr("(for #%1)").arg(e.intentSeq);
            // The request is what the action runner recorded; the redactor is the last line against a secret.
            const QString requestText = secrets::Redactor::redact(
                QString::fromUtf8(QJsonDocument(e.request).toJson(QJsonDocument::Indented)));
            html += row(
                {QString::number(e.seq), h(when(e.at)),
                 h(e.actorKind == ActorKind::Human ? e.actor
                                                   : u"%1 (%2)"_s.arg(e.actor, actorKindName(e.actorKind))),
                 h(models::auditActionLabel(e.action)) +
                     u"<br><span class=\"mono\">%1</span>"_s.arg(h(e.action)),
                 h(e.target), h(e.reason), outcomeCell,
                 e.request.isEmpty() ? QString() : u"<pre>%1</pre>"_s.arg(inertHtml(requestText, 8000))});
        }
        html += u"</table>\n"_s;
    }

    // The timeline.
    html += u"<h2>%1</h2>\n"_s.arg(EvidencePack::tr("Timeline (%1 rows, newest first)").arg(timeline.size()));
    html += u"<table>\n"_s;
    html += row({EvidencePack::tr("When"), EvidencePack::tr("System"), EvidencePack::tr("What happened"),
                 EvidencePack::tr("Amount")},
                true);
    for (const TimelineEvent &e : std::as_const(timeline)) {
        QString at = h(when(e.at));
        if (e.observed)
            at = EvidencePack::tr("no later than %1").arg(at);
        const QString amount =
            e.amount ? h(formatMoney(e.kind == "refund"_L1 ? -*e.amount : *e.amount, e.currency)) : QString();
        html += row({at, h(systemName(e.provider)), h(e.summary), amount});
    }
    if (timeline.isEmpty())
        html += row({EvidencePack::tr("Nothing recorded.")});
    html += u"</table>\n"_s;

    // How to check it.
    html += u"<h2>%1</h2>\n<p>%2</p>\n<pre>switchboard audit verify --head %3</pre>\n"_s.arg(
        EvidencePack::tr("Checking this pack"),
        EvidencePack::tr(
            "Making this pack was recorded as audit entry #%1 (previous hash %2). Anyone with the "
            "cache can check that the audit log still holds it, unaltered:")
            .arg(head.seq)
            .arg(h(head.prevHash)),
        h(head.hash));
    html += u"</body></html>\n"_s;

    const QByteArray bytes = html.toUtf8();
    if (out->write(bytes) != bytes.size())
        return Error{ErrorKind::Io, u"could not write the evidence pack: %1"_s.arg(out->errorString())};

    EvidenceSummary summary;
    summary.seq = head.seq;
    summary.headHash = head.hash;
    summary.timelineRows = timeline.size();
    summary.auditEntries = entries.size();
    summary.findings = findings.value().size();
    return summary;
}

} // namespace sb::audit
