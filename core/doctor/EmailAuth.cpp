#include "doctor/EmailAuth.h"

#include <QJsonArray>

#include <bit>

using namespace Qt::StringLiterals;

namespace sb::doctor::emailauth {

namespace {

const QString kArea = u"email_auth"_s;

// Weights within a level (Check.h): 20–49 is delivery, 50+ hygiene. Missing or broken records first.
constexpr int kWeightSpfRecord = 20;
constexpr int kWeightSpfIncludes = 22;
constexpr int kWeightSpfLookups = 24;
constexpr int kWeightSpfAll = 26;
constexpr int kWeightDkim = 28;
constexpr int kWeightDmarcRecord = 30;
constexpr int kWeightDmarcPolicy = 32;
constexpr int kWeightDkimSelectors = 40;
constexpr int kWeightDmarcReports = 60;
constexpr int kWeightSpfPtr = 62;

// A diamond of includes is legal and each path counts, but an adversarial zone could make the tree
// exponentially wide; stop walking after this many records.
constexpr int kSpfMaxNodes = 200;

Check makeCheck(const QString &id, Level level, const QString &title, const QString &detail,
                const QString &fix, int weight, const QJsonObject &facts = {})
{
    Check c;
    c.area = kArea;
    c.id = id;
    c.level = level;
    c.title = title;
    c.detail = detail;
    c.fix = fix;
    c.weight = weight;
    c.facts = facts;
    return c;
}

QString normalizedName(QString name)
{
    name = name.trimmed().toLower();
    while (name.endsWith(u'.'))
        name.chop(1);
    return name;
}

bool dnsFailed(DnsOutcome outcome)
{
    return outcome == DnsOutcome::ServerFailure || outcome == DnsOutcome::Refused ||
           outcome == DnsOutcome::NoAnswer || outcome == DnsOutcome::NotQueried;
}

// The fix for an answer that is not about the record itself but about DNS being unreachable or unwell.
QString dnsFailureFix()
{
    return u"Check this computer's network and DNS settings, then run the doctor again. If it keeps "
           "happening, ask your DNS host whether the domain's name servers are healthy."_s;
}

QStringList filtered(const QStringList &records, bool (*pred)(const QString &))
{
    QStringList out;
    for (const QString &r : records) {
        if (pred(r))
            out.append(r);
    }
    return out;
}

QJsonArray toJsonArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// "tag=value; tag=value" as used by DMARC and DKIM: tags trimmed and lower-cased, values trimmed.
QList<std::pair<QString, QString>> tagList(const QString &record)
{
    QList<std::pair<QString, QString>> tags;
    const QStringList parts = record.split(u';');
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq < 0)
            continue;
        tags.append({part.left(eq).trimmed().toLower(), part.mid(eq + 1).trimmed()});
    }
    return tags;
}

} // namespace

QString describeAnswer(const QString &name, const TxtAnswer &answer)
{
    QString s;
    switch (answer.outcome) {
    case DnsOutcome::Records:
        s = answer.records.size() == 1 ? u"%1 has one TXT record."_s.arg(name)
                                       : u"%1 has %2 TXT records."_s.arg(name).arg(answer.records.size());
        break;
    case DnsOutcome::NoRecords:
        s = u"%1 has no TXT record (DNS answered, with nothing of that type)."_s.arg(name);
        break;
    case DnsOutcome::NxDomain:
        s = u"%1 does not exist in DNS (NXDOMAIN)."_s.arg(name);
        break;
    case DnsOutcome::ServerFailure:
        s = u"The DNS server failed while looking up %1 (server failure)."_s.arg(name);
        break;
    case DnsOutcome::Refused:
        s = u"The DNS server refused to look up %1."_s.arg(name);
        break;
    case DnsOutcome::NoAnswer:
        s = u"DNS did not answer for %1."_s.arg(name);
        break;
    case DnsOutcome::NotQueried:
        s = u"%1 was not looked up."_s.arg(name);
        break;
    }
    if (!answer.note.isEmpty())
        s += u' ' + answer.note;
    return s;
}

// --- SPF -----------------------------------------------------------------------------------------------

bool isSpfRecord(const QString &txt)
{
    // RFC 7208 4.5: exactly "v=spf1" then a space or the end; "v=spf10" is not SPF.
    const QString t = txt.trimmed();
    if (!t.startsWith("v=spf1"_L1, Qt::CaseInsensitive))
        return false;
    return t.size() == 6 || t.at(6) == u' ';
}

SpfRecord parseSpf(const QString &record)
{
    SpfRecord r;
    r.text = record.trimmed();
    QStringList terms = r.text.split(u' ', Qt::SkipEmptyParts);
    if (!terms.isEmpty())
        terms.removeFirst(); // v=spf1
    bool sawRedirect = false;
    for (const QString &term : std::as_const(terms)) {
        QString t = term;
        QChar qualifier;
        if (!t.isEmpty() && QStringView(u"+-~?").contains(t.front())) {
            qualifier = t.front();
            t.remove(0, 1);
        }
        const qsizetype eq = t.indexOf(u'=');
        const qsizetype colon = t.indexOf(u':');
        const qsizetype slash = t.indexOf(u'/');
        const bool isModifier = eq > 0 && (colon < 0 || eq < colon) && (slash < 0 || eq < slash);
        if (isModifier) {
            const QString name = t.left(eq).toLower();
            if (!qualifier.isNull()) {
                r.problems.append(term);
            } else if (name == "redirect"_L1) {
                const QString target = normalizedName(t.mid(eq + 1));
                if (sawRedirect || target.isEmpty())
                    r.problems.append(term); // RFC 7208 6: at most once, with a domain
                else
                    r.redirect = target;
                sawRedirect = true;
            }
            // exp= and unknown modifiers cost nothing and are ignored by receivers (RFC 7208 6).
            continue;
        }
        qsizetype nameEnd = t.size();
        if (colon >= 0)
            nameEnd = colon;
        if (slash >= 0 && slash < nameEnd)
            nameEnd = slash;
        const QString mechanism = t.left(nameEnd).toLower();
        const QString argument = colon >= 0 && colon == nameEnd ? t.mid(colon + 1) : QString();
        if (mechanism == "all"_L1) {
            if (nameEnd != t.size())
                r.problems.append(term);
            else if (r.allQualifier.isNull()) // terms after the first all are never reached
                r.allQualifier = qualifier.isNull() ? u'+' : qualifier;
        } else if (mechanism == "include"_L1 || mechanism == "exists"_L1) {
            if (argument.isEmpty() || slash >= 0) {
                r.problems.append(term);
                continue;
            }
            ++r.lookupTerms;
            if (mechanism == "include"_L1)
                r.includes.append(normalizedName(argument));
        } else if (mechanism == "a"_L1 || mechanism == "mx"_L1) {
            ++r.lookupTerms;
        } else if (mechanism == "ptr"_L1) {
            ++r.lookupTerms;
            r.hasPtr = true;
        } else if (mechanism == "ip4"_L1 || mechanism == "ip6"_L1) {
            if (argument.isEmpty())
                r.problems.append(term);
        } else {
            r.problems.append(term);
        }
    }
    // RFC 7208 6.1: a redirect is ignored when the record has an all, so only then does it cost a lookup.
    if (!r.redirect.isEmpty() && r.allQualifier.isNull())
        ++r.lookupTerms;
    return r;
}

namespace {

// What following include and redirect from one domain found.
struct SpfWalk {
    int lookups = 0;      // lookup terms over every record reached
    int nodes = 0;        // records visited (capped)
    bool loop = false;    // an include/redirect chain came back to a record already on the path
    QStringList loopPath; // that chain, first loop found
    QStringList broken;   // "target: why" for targets receivers cannot use (permerror)
    QStringList unknown;  // "target: why" for targets DNS did not tell us about (temperror)
    QStringList missing;  // targets not yet looked up
    QStringList macros;   // targets with macros: they depend on the sender, not followed
    QStringList ptrAt;    // records using ptr
    bool capped = false;  // the depth or node cap stopped the walk
};

QString oneSpfRecordProblem(const QString &name, const TxtAnswer &answer, QStringList *spf)
{
    if (answer.outcome == DnsOutcome::NxDomain)
        return u"%1 does not exist (NXDOMAIN)"_s.arg(name);
    *spf = filtered(answer.records, isSpfRecord);
    if (spf->isEmpty())
        return u"%1 has no SPF record"_s.arg(name);
    if (spf->size() > 1)
        return u"%1 has %2 SPF records"_s.arg(name).arg(spf->size());
    return {};
}

void walkSpf(const QString &name, const TxtAnswers &answers, int depth, QStringList &path, SpfWalk &w)
{
    if (++w.nodes > kSpfMaxNodes) {
        w.capped = true;
        return;
    }
    const auto it = answers.constFind(name);
    if (it == answers.cend() || it->outcome == DnsOutcome::NotQueried) {
        if (!w.missing.contains(name))
            w.missing.append(name);
        return;
    }
    const bool isRoot = depth == 0;
    if (dnsFailed(it->outcome)) {
        if (!isRoot)
            w.unknown.append(describeAnswer(name, *it));
        return;
    }
    QStringList spf;
    const QString problem = oneSpfRecordProblem(name, *it, &spf);
    if (!problem.isEmpty()) {
        if (!isRoot)
            w.broken.append(problem);
        return;
    }
    const SpfRecord record = parseSpf(spf.first());
    if (!isRoot && !record.problems.isEmpty())
        w.broken.append(u"%1 has terms receivers cannot read: %2"_s.arg(name, record.problems.join(u' ')));
    w.lookups += record.lookupTerms;
    if (record.hasPtr)
        w.ptrAt.append(name);
    QStringList targets = record.includes;
    if (!record.redirect.isEmpty() && record.allQualifier.isNull())
        targets.append(record.redirect);
    for (const QString &target : std::as_const(targets)) {
        if (target.contains(u'%')) {
            w.macros.append(target);
            continue;
        }
        if (path.contains(target)) {
            if (!w.loop)
                w.loopPath = path + QStringList{target};
            w.loop = true;
            continue;
        }
        if (depth + 1 > kSpfMaxDepth) {
            w.capped = true;
            continue;
        }
        path.append(target);
        walkSpf(target, answers, depth + 1, path, w);
        path.removeLast();
    }
}

SpfWalk walkFrom(const QString &domain, const TxtAnswers &answers)
{
    SpfWalk w;
    QStringList path{domain};
    walkSpf(domain, answers, 0, path, w);
    return w;
}

// The qualifier of the all that ends evaluation, following redirect when the record has no all.
// Null when there is none (the result is then "neutral").
QChar finalAll(const QString &domain, const TxtAnswers &answers)
{
    QString name = domain;
    QStringList seen;
    while (!seen.contains(name) && seen.size() <= kSpfMaxDepth) {
        seen.append(name);
        QStringList spf;
        const TxtAnswer answer = answers.value(name);
        if (answer.outcome != DnsOutcome::Records || !oneSpfRecordProblem(name, answer, &spf).isEmpty())
            return {};
        const SpfRecord record = parseSpf(spf.first());
        if (!record.allQualifier.isNull() || record.redirect.isEmpty())
            return record.allQualifier;
        name = record.redirect;
    }
    return {};
}

} // namespace

QStringList spfNamesToFetch(const QString &domain, const TxtAnswers &answers)
{
    const SpfWalk w = walkFrom(normalizedName(domain), answers);
    // Once the count is over the limit the verdict is known; fetching more would only feed a hostile zone.
    if (w.lookups > kSpfLookupLimit || w.loop)
        return {};
    return w.missing;
}

QList<Check> evaluateSpf(const QString &domainIn, const TxtAnswers &answers)
{
    const QString domain = normalizedName(domainIn);
    QList<Check> checks;
    const TxtAnswer answer = answers.value(domain);
    const QString answerText = describeAnswer(domain, answer);

    if (dnsFailed(answer.outcome)) {
        const QString title = answer.outcome == DnsOutcome::NoAnswer
                                  ? u"DNS did not answer, so SPF could not be checked"_s
                                  : u"SPF could not be checked: DNS did not give an answer"_s;
        checks.append(
            makeCheck(u"spf.record"_s, Level::Fail, title, answerText, dnsFailureFix(), kWeightSpfRecord));
        return checks;
    }
    QStringList spf;
    if (answer.outcome == DnsOutcome::Records)
        spf = filtered(answer.records, isSpfRecord);
    const QString addSpf = u"Add one TXT record at %1 that lists every service sending mail as you, "
                           "for example \"v=spf1 include:<your mail provider's SPF domain> ~all\". Your mail "
                           "providers' setup pages name what to include."_s.arg(domain);
    if (spf.isEmpty()) {
        QString detail = answerText;
        if (!answer.records.isEmpty())
            detail += u" None of them starts with v=spf1: "_s + answer.records.join(" | "_L1);
        checks.append(
            makeCheck(u"spf.record"_s, Level::Fail,
                      u"No SPF record: receivers cannot tell which servers may send as %1"_s.arg(domain),
                      detail, addSpf, kWeightSpfRecord, {{u"records"_s, 0}}));
        return checks;
    }
    if (spf.size() > 1) {
        checks.append(makeCheck(
            u"spf.record"_s, Level::Fail,
            u"Several SPF records at %1: receivers treat that as an error (permerror)"_s.arg(domain),
            u"%1 has %2 records starting with v=spf1: %3"_s.arg(domain)
                .arg(spf.size())
                .arg(spf.join(" | "_L1)),
            u"Merge them into one record: keep one v=spf1 at the start, put every include and ip4/ip6 term "
            "of both into it, end it with one ~all or -all, and delete the other record."_s,
            kWeightSpfRecord, {{u"records"_s, int(spf.size())}, {u"record_texts"_s, toJsonArray(spf)}}));
        return checks;
    }

    const SpfRecord record = parseSpf(spf.first());
    QJsonObject recordFacts{{u"records"_s, 1}, {u"record"_s, record.text}};
    if (!record.problems.isEmpty()) {
        recordFacts.insert(u"problems"_s, toJsonArray(record.problems));
        checks.append(makeCheck(
            u"spf.record"_s, Level::Fail, u"The SPF record has terms receivers cannot read (permerror)"_s,
            u"Record: %1. Unreadable: %2"_s.arg(record.text, record.problems.join(u' ')),
            u"Correct or remove the listed terms. Valid terms are include:, a, mx, ip4:, ip6:, exists:, all "
            "and redirect=, each with an optional + - ~ ? in front."_s,
            kWeightSpfRecord, recordFacts));
    } else {
        checks.append(makeCheck(u"spf.record"_s, Level::Ok, u"%1 has one SPF record"_s.arg(domain),
                                u"Record: %1"_s.arg(record.text), {}, kWeightSpfRecord, recordFacts));
    }

    const SpfWalk w = walkFrom(domain, answers);

    QStringList targets = record.includes;
    if (!record.redirect.isEmpty())
        targets.append(record.redirect);
    if (!targets.isEmpty()) {
        const QJsonObject facts{{u"targets"_s, toJsonArray(targets)},
                                {u"broken"_s, toJsonArray(w.broken)},
                                {u"unknown"_s, toJsonArray(w.unknown)},
                                {u"macros"_s, toJsonArray(w.macros)}};
        if (!w.broken.isEmpty()) {
            checks.append(makeCheck(
                u"spf.includes"_s, Level::Fail,
                u"SPF points at a domain without a usable SPF record: receivers stop with an error"_s,
                u"Record: %1. Problem: %2."_s.arg(record.text, w.broken.join("; "_L1)),
                u"Fix or remove the include (or redirect) that points at it. A typo in the domain is the "
                "usual cause; the sending service's setup page gives the exact name."_s,
                kWeightSpfIncludes, facts));
        } else if (!w.unknown.isEmpty()) {
            checks.append(makeCheck(u"spf.includes"_s, Level::Warn,
                                    u"Some domains SPF includes could not be checked"_s, w.unknown.join(u' '),
                                    dnsFailureFix(), kWeightSpfIncludes, facts));
        } else if (!w.missing.isEmpty() || w.capped) {
            // The doctor stops following once the count is past the limit (the verdict is known), or at its
            // own caps; either way these targets were not seen.
            const bool overLimit = w.lookups > kSpfLookupLimit;
            const QString notSeen = w.missing.isEmpty() ? u"(deeper levels)"_s : w.missing.join(", "_L1);
            checks.append(makeCheck(
                u"spf.includes"_s, Level::Warn, u"Not every domain SPF includes was checked"_s,
                overLimit
                    ? u"The doctor stopped following includes once the count passed 10. Not checked: %1."_s
                          .arg(notSeen)
                    : u"The doctor follows at most %1 levels and %2 lookups. Not checked: %3."_s
                          .arg(kSpfMaxDepth)
                          .arg(kSpfMaxQueries)
                          .arg(notSeen),
                overLimit
                    ? u"Bring the SPF lookup count under 10 (see the SPF lookups check); the doctor then "
                      "checks the rest."_s
                    : u"Shorten the chain of includes: include the sending services' SPF domains "
                      "directly rather than through other includes."_s,
                kWeightSpfIncludes, facts));
        } else {
            QString detail =
                u"Every include and redirect target has one SPF record: %1."_s.arg(targets.join(", "_L1));
            if (!w.macros.isEmpty())
                detail += u" Not followed (they depend on the sender): %1."_s.arg(w.macros.join(", "_L1));
            checks.append(makeCheck(u"spf.includes"_s, Level::Ok,
                                    u"Every domain SPF includes has an SPF record"_s, detail, {},
                                    kWeightSpfIncludes, facts));
        }
    }

    QJsonObject lookupFacts{{u"lookups"_s, w.lookups}, {u"limit"_s, kSpfLookupLimit}, {u"loop"_s, w.loop}};
    const QString tooMany = u"Drop includes of services you no longer use, and replace a and mx terms with "
                            "the ip4:/ip6: addresses they stand for where those are stable. Some DNS hosts "
                            "offer SPF flattening, which does this for you."_s;
    if (w.loop) {
        lookupFacts.insert(u"loop_path"_s, toJsonArray(w.loopPath));
        checks.append(makeCheck(
            u"spf.lookups"_s, Level::Fail,
            u"SPF includes itself in a loop: receivers run past the 10-lookup limit and stop with an error"_s,
            u"Include chain: %1."_s.arg(w.loopPath.join(u" → "_s)),
            u"Remove the include (or redirect) that points back to a domain earlier in the chain."_s,
            kWeightSpfLookups, lookupFacts));
    } else if (w.lookups > kSpfLookupLimit) {
        checks.append(makeCheck(
            u"spf.lookups"_s, Level::Fail,
            u"SPF needs %1%2 DNS lookups; receivers stop at 10 and treat the record as an error"_s
                .arg(w.missing.isEmpty() && !w.capped ? QString() : u"at least "_s)
                .arg(w.lookups),
            u"Counted include, a, mx, ptr, exists and redirect across %1 and everything it includes. "
            "Record: %2"_s.arg(domain, record.text),
            tooMany, kWeightSpfLookups, lookupFacts));
    } else if (!w.missing.isEmpty() || w.capped) {
        lookupFacts.insert(u"not_followed"_s, toJsonArray(w.missing));
        checks.append(
            makeCheck(u"spf.lookups"_s, Level::Warn,
                      u"Could not count all of SPF's DNS lookups (at least %1 of 10)"_s.arg(w.lookups),
                      u"The includes go deeper or wider than the doctor follows (%1 levels, %2 lookups). Not "
                      "followed: %3"_s.arg(kSpfMaxDepth)
                          .arg(kSpfMaxQueries)
                          .arg(w.missing.isEmpty() ? u"(deeper levels)"_s : w.missing.join(", "_L1)),
                      tooMany, kWeightSpfLookups, lookupFacts));
    } else {
        checks.append(makeCheck(u"spf.lookups"_s, Level::Ok,
                                u"SPF needs %1 of the 10 DNS lookups receivers allow"_s.arg(w.lookups),
                                u"Counted include, a, mx, ptr, exists and redirect across %1 and everything "
                                "it includes."_s.arg(domain),
                                {}, kWeightSpfLookups, lookupFacts));
    }

    const QChar all = finalAll(domain, answers);
    const QJsonObject allFacts{{u"all"_s, all.isNull() ? QString() : QString(all)}};
    if (all == u'+') {
        checks.append(makeCheck(u"spf.all"_s, Level::Fail,
                                u"SPF ends in +all: any server in the world may send as %1"_s.arg(domain),
                                u"Record: %1. A bare \"all\" means \"+all\"."_s.arg(record.text),
                                u"End the record with ~all (softfail) or -all (fail) instead."_s,
                                kWeightSpfAll, allFacts));
    } else if (all == u'?') {
        checks.append(makeCheck(u"spf.all"_s, Level::Warn,
                                u"SPF ends in ?all: mail from other servers is neither passed nor failed"_s,
                                u"Record: %1"_s.arg(record.text),
                                u"End the record with ~all once every service that sends as you is listed."_s,
                                kWeightSpfAll, allFacts));
    } else if (all.isNull()) {
        checks.append(makeCheck(
            u"spf.all"_s, Level::Warn, u"SPF has no all term: mail from other servers is left neutral"_s,
            u"Record: %1. Without an all (directly or through redirect=) receivers treat mail from unlisted "
            "servers as neutral, the same as ?all."_s.arg(record.text),
            u"End the record with ~all once every service that sends as you is listed."_s, kWeightSpfAll,
            allFacts));
    } else {
        checks.append(makeCheck(u"spf.all"_s, Level::Ok,
                                u"SPF ends in %1all: mail from unlisted servers is marked"_s.arg(all),
                                u"Record: %1"_s.arg(record.text), {}, kWeightSpfAll, allFacts));
    }

    if (!w.ptrAt.isEmpty()) {
        checks.append(makeCheck(
            u"spf.ptr"_s, Level::Warn, u"SPF uses ptr, which is deprecated and ignored by some receivers"_s,
            u"ptr appears in the SPF record of: %1. It is slow and unreliable (RFC 7208 5.5)."_s.arg(
                w.ptrAt.join(", "_L1)),
            w.ptrAt.contains(domain)
                ? u"Replace ptr with the ip4:/ip6: addresses or a/mx terms it was meant to cover."_s
                : u"The ptr is in a record you include; ask that service to drop it."_s,
            kWeightSpfPtr, {{u"records"_s, toJsonArray(w.ptrAt)}}));
    }
    return checks;
}

// --- DMARC ---------------------------------------------------------------------------------------------

bool isDmarcRecord(const QString &txt)
{
    // RFC 7489 6.4: v=DMARC1 must be the first tag; whitespace is allowed around '=' and ';'.
    const auto tags = tagList(txt);
    return !tags.isEmpty() && tags.first().first == "v"_L1 && tags.first().second == "DMARC1"_L1 &&
           txt.trimmed().startsWith(u'v', Qt::CaseInsensitive);
}

DmarcRecord parseDmarc(const QString &record)
{
    DmarcRecord d;
    d.text = record.trimmed();
    d.valid = isDmarcRecord(record);
    const auto tags = tagList(record);
    for (const auto &[tag, value] : tags) {
        if (tag == "p"_L1) {
            d.policy = value.toLower();
        } else if (tag == "sp"_L1) {
            d.subdomainPolicy = value.toLower();
        } else if (tag == "pct"_L1) {
            bool ok = false;
            const int pct = value.toInt(&ok);
            if (ok)
                d.percent = pct;
        } else if (tag == "rua"_L1 || tag == "ruf"_L1) {
            QStringList addresses;
            const QStringList parts = value.split(u',', Qt::SkipEmptyParts);
            for (const QString &a : parts) {
                if (!a.trimmed().isEmpty())
                    addresses.append(a.trimmed());
            }
            (tag == "rua"_L1 ? d.reportAddresses : d.failureAddresses) = addresses;
        }
    }
    return d;
}

QString dmarcName(const QString &domain)
{
    return u"_dmarc."_s + normalizedName(domain);
}

QList<Check> evaluateDmarc(const QString &domainIn, const TxtAnswer &answer)
{
    const QString domain = normalizedName(domainIn);
    const QString name = dmarcName(domain);
    QList<Check> checks;
    const QString answerText = describeAnswer(name, answer);
    if (dnsFailed(answer.outcome)) {
        checks.append(makeCheck(u"dmarc.record"_s, Level::Fail,
                                answer.outcome == DnsOutcome::NoAnswer
                                    ? u"DNS did not answer, so DMARC could not be checked"_s
                                    : u"DMARC could not be checked: DNS did not give an answer"_s,
                                answerText, dnsFailureFix(), kWeightDmarcRecord));
        return checks;
    }
    const QStringList dmarc = filtered(answer.records, isDmarcRecord);
    if (dmarc.isEmpty()) {
        checks.append(makeCheck(
            u"dmarc.record"_s, Level::Fail,
            u"No DMARC record: large mailbox providers expect one from bulk senders"_s, answerText,
            u"Add a TXT record at %1 with \"v=DMARC1; p=none; rua=mailto:<an address you read>\". Start "
            "with p=none to watch the reports, then move to p=quarantine once they show only your own "
            "services."_s.arg(name),
            kWeightDmarcRecord, {{u"records"_s, 0}}));
        return checks;
    }
    if (dmarc.size() > 1) {
        checks.append(
            makeCheck(u"dmarc.record"_s, Level::Fail,
                      u"Several DMARC records at %1: receivers ignore all of them"_s.arg(name),
                      u"Records: %1"_s.arg(dmarc.join(" | "_L1)),
                      u"Keep one record at %1 and delete the others."_s.arg(name), kWeightDmarcRecord,
                      {{u"records"_s, int(dmarc.size())}, {u"record_texts"_s, toJsonArray(dmarc)}}));
        return checks;
    }

    const DmarcRecord d = parseDmarc(dmarc.first());
    QJsonObject facts{{u"record"_s, d.text},
                      {u"p"_s, d.policy},
                      {u"sp"_s, d.subdomainPolicy},
                      {u"rua"_s, toJsonArray(d.reportAddresses)}};
    if (d.percent)
        facts.insert(u"pct"_s, *d.percent);
    checks.append(makeCheck(u"dmarc.record"_s, Level::Ok, u"%1 has a DMARC record"_s.arg(domain),
                            u"Record: %1"_s.arg(d.text), {}, kWeightDmarcRecord, facts));

    QString policyDetail =
        u"Record: %1. Policy p=%2"_s.arg(d.text, d.policy.isEmpty() ? u"(missing)"_s : d.policy);
    policyDetail += d.subdomainPolicy.isEmpty() ? u"; subdomains follow it (no sp=)"_s
                                                : u"; subdomains sp=%1"_s.arg(d.subdomainPolicy);
    policyDetail += d.percent ? u"; applied to %1% of failing mail (pct=%1)."_s.arg(*d.percent)
                              : u"; applied to all failing mail (no pct=)."_s;
    const bool knownPolicy = d.policy == "none"_L1 || d.policy == "quarantine"_L1 || d.policy == "reject"_L1;
    if (!knownPolicy) {
        checks.append(makeCheck(
            u"dmarc.policy"_s, Level::Fail,
            d.policy.isEmpty() ? u"The DMARC record has no policy (p=): receivers ignore it"_s
                               : u"The DMARC policy p=%1 is not one receivers know"_s.arg(d.policy),
            policyDetail,
            u"Put p=none, p=quarantine or p=reject right after v=DMARC1 in the record at %1."_s.arg(name),
            kWeightDmarcPolicy, facts));
    } else if (d.policy == "none"_L1) {
        checks.append(makeCheck(
            u"dmarc.policy"_s, Level::Warn,
            u"DMARC is in monitoring mode (p=none): mail forged as %1 is still delivered"_s.arg(domain),
            policyDetail,
            u"Once the reports show only your own services passing, change p=none to p=quarantine (and "
            "later p=reject)."_s,
            kWeightDmarcPolicy, facts));
    } else {
        checks.append(makeCheck(u"dmarc.policy"_s, Level::Ok,
                                u"DMARC asks receivers to %1 mail that fails"_s.arg(d.policy), policyDetail,
                                {}, kWeightDmarcPolicy, facts));
    }

    if (d.reportAddresses.isEmpty()) {
        checks.append(makeCheck(
            u"dmarc.reports"_s, Level::Warn,
            u"DMARC sends no reports (no rua=): you will not see who sends as %1"_s.arg(domain),
            u"Record: %1"_s.arg(d.text),
            u"Add rua=mailto:<an address you read> to the record at %1, or the address of a DMARC report "
            "service."_s.arg(name),
            kWeightDmarcReports, facts));
    } else {
        checks.append(makeCheck(u"dmarc.reports"_s, Level::Ok,
                                u"DMARC reports go to %1"_s.arg(d.reportAddresses.join(", "_L1)),
                                u"Record: %1"_s.arg(d.text), {}, kWeightDmarcReports, facts));
    }
    return checks;
}

// --- DKIM ----------------------------------------------------------------------------------------------

namespace {

// A minimal DER reader: definite lengths only, every length checked against what is left.
class DerReader {
public:
    explicit DerReader(QByteArrayView data)
        : m_data(data)
    {}
    bool atEnd() const { return m_pos == m_data.size(); }

    // Reads one element; false (and nothing consumed) when it is not there or does not fit.
    bool read(quint8 expectedTag, QByteArrayView *content)
    {
        qsizetype pos = m_pos;
        if (m_data.size() - pos < 2)
            return false;
        const auto tag = quint8(m_data[pos++]);
        if (tag != expectedTag)
            return false;
        const auto first = quint8(m_data[pos++]);
        qsizetype length = 0;
        if (first < 0x80) {
            length = first;
        } else {
            // Long form: 1–3 length bytes are plenty for any key (a 16384-bit key is about 2 KiB);
            // 0x80 (indefinite) is not DER.
            const int count = first & 0x7f;
            if (count == 0 || count > 3 || m_data.size() - pos < count)
                return false;
            for (int i = 0; i < count; ++i)
                length = (length << 8) | quint8(m_data[pos++]);
        }
        if (length > m_data.size() - pos)
            return false;
        *content = m_data.sliced(pos, length);
        m_pos = pos + length;
        return true;
    }

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
};

constexpr quint8 kDerInteger = 0x02;
constexpr quint8 kDerBitString = 0x03;
constexpr quint8 kDerOid = 0x06;
constexpr quint8 kDerSequence = 0x30;

// 1.2.840.113549.1.1.1, rsaEncryption.
constexpr char kRsaEncryptionOid[] = "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01";

// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1).
std::optional<int> rsaPublicKeyBits(QByteArrayView der)
{
    DerReader outer(der);
    QByteArrayView body;
    if (!outer.read(kDerSequence, &body) || !outer.atEnd())
        return std::nullopt;
    DerReader fields(body);
    QByteArrayView modulus;
    QByteArrayView exponent;
    if (!fields.read(kDerInteger, &modulus) || !fields.read(kDerInteger, &exponent) || !fields.atEnd())
        return std::nullopt;
    while (!modulus.isEmpty() && modulus.front() == 0) // the sign byte DER puts before a high bit
        modulus = modulus.sliced(1);
    if (modulus.isEmpty() || exponent.isEmpty())
        return std::nullopt;
    return int((modulus.size() - 1) * 8 + std::bit_width(quint8(modulus.front())));
}

} // namespace

std::optional<int> rsaKeyBits(const QByteArray &der)
{
    DerReader outer(der);
    QByteArrayView body;
    if (!outer.read(kDerSequence, &body) || !outer.atEnd())
        return std::nullopt;
    DerReader fields(body);
    QByteArrayView algorithm;
    if (!fields.read(kDerSequence, &algorithm)) // not SubjectPublicKeyInfo: perhaps a bare RSAPublicKey
        return rsaPublicKeyBits(der);
    DerReader algorithmFields(algorithm);
    QByteArrayView oid;
    if (!algorithmFields.read(kDerOid, &oid) || oid != QByteArrayView(kRsaEncryptionOid))
        return std::nullopt;
    QByteArrayView bits;
    if (!fields.read(kDerBitString, &bits) || !fields.atEnd())
        return std::nullopt;
    if (bits.isEmpty() || bits.front() != 0) // the count of unused bits; a key is whole bytes
        return std::nullopt;
    return rsaPublicKeyBits(bits.sliced(1));
}

DkimKey parseDkim(const QString &record)
{
    DkimKey k;
    k.text = record.trimmed();
    const auto tags = tagList(record);
    std::optional<QString> publicKey;
    for (qsizetype i = 0; i < tags.size(); ++i) {
        const auto &[tag, value] = tags.at(i);
        if (tag == "v"_L1) {
            if (i != 0 || value != "DKIM1"_L1) // RFC 6376 3.6.1: if present, first and exactly DKIM1
                k.problem = u"the record's v= tag is not \"DKIM1\" in first place"_s;
        } else if (tag == "k"_L1) {
            k.keyType = value.toLower();
        } else if (tag == "t"_L1) {
            const QStringList flags = value.split(u':');
            for (const QString &flag : flags) {
                if (flag.trimmed().compare("y"_L1, Qt::CaseInsensitive) == 0)
                    k.testing = true;
            }
        } else if (tag == "p"_L1) {
            QString compact = value;
            compact.removeIf([](QChar c) { return c.isSpace(); }); // folding whitespace is allowed in p=
            publicKey = compact;
        }
    }
    if (!k.problem.isEmpty())
        return k;
    if (!publicKey) {
        k.problem = u"the record has no p= tag (no public key)"_s;
        return k;
    }
    if (publicKey->isEmpty()) {
        k.revoked = true;
        return k;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(publicKey->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        k.problem = u"the public key in p= is not valid base64"_s;
        return k;
    }
    if (k.keyType == "rsa"_L1) {
        const auto bits = rsaKeyBits(decoded.decoded);
        if (!bits)
            k.problem = u"the public key in p= is not a readable RSA key"_s;
        else
            k.keyBits = *bits;
    } else if (k.keyType == "ed25519"_L1) {
        // RFC 8463: the bare 32-byte public key.
        if (decoded.decoded.size() == 32)
            k.keyBits = 256;
        else
            k.problem = u"the ed25519 key in p= is %1 bytes long, not 32"_s.arg(decoded.decoded.size());
    } else {
        k.problem = u"the key type k=%1 is not one receivers know (rsa or ed25519)"_s.arg(k.keyType);
    }
    return k;
}

QString dkimName(const QString &selector, const QString &domain)
{
    return normalizedName(selector) + u"._domainkey."_s + normalizedName(domain);
}

QList<Check> evaluateDkim(const QString &domainIn, const QStringList &selectors, const TxtAnswers &answers)
{
    const QString domain = normalizedName(domainIn);
    QList<Check> checks;
    if (selectors.isEmpty()) {
        checks.append(makeCheck(
            u"dkim.selectors"_s, Level::Skipped, u"DKIM not checked: no selector given"_s,
            u"A DKIM key lives at <selector>._domainkey.%1, and the selector cannot be guessed."_s.arg(
                domain),
            u"Enter the DKIM selector of each service that sends as %1. For Kit, open Settings → Emails, "
            "where the verified sending domain lists the DNS records Kit asked you to add: the DKIM one is a "
            "CNAME whose name ends in ._domainkey (setup guides show cka._domainkey), and the selector is "
            "the part before ._domainkey. Other services show theirs on their domain settings page."_s.arg(
                domain),
            kWeightDkimSelectors));
        return checks;
    }
    for (const QString &selectorIn : selectors) {
        const QString selector = normalizedName(selectorIn);
        const QString id = u"dkim."_s + selector;
        const QString name = dkimName(selector, domain);
        const TxtAnswer answer = answers.value(name);
        const QString answerText = describeAnswer(name, answer);
        QJsonObject facts{{u"selector"_s, selector}, {u"name"_s, name}};
        if (answer.outcome == DnsOutcome::NotQueried) {
            checks.append(makeCheck(
                id, Level::Fail, u"DKIM selector %1 could not be looked up"_s.arg(selector), answerText,
                u"Check the selector's spelling on your sending service's domain settings "
                "page."_s,
                kWeightDkim, facts));
            continue;
        }
        if (dnsFailed(answer.outcome)) {
            checks.append(makeCheck(
                id, Level::Fail,
                answer.outcome == DnsOutcome::NoAnswer
                    ? u"DNS did not answer, so DKIM selector %1 could not be checked"_s.arg(selector)
                    : u"DKIM selector %1 could not be checked: DNS did not give an answer"_s.arg(selector),
                answerText, dnsFailureFix(), kWeightDkim, facts));
            continue;
        }
        QStringList keys;
        for (const QString &r : answer.records) {
            if (!tagList(r).isEmpty())
                keys.append(r);
        }
        if (keys.isEmpty()) {
            checks.append(makeCheck(
                id, Level::Fail,
                u"No DKIM key for selector %1: mail signed with it fails DKIM"_s.arg(selector), answerText,
                u"Add the DKIM record your sending service shows for selector %1 (usually a CNAME at %2). "
                "If the selector is wrong, check the name on the service's domain settings page."_s.arg(
                    selector, name),
                kWeightDkim, facts));
            continue;
        }
        // More than one record at a selector is ambiguous; receivers take one of them. Judge the first.
        const DkimKey key = parseDkim(keys.first());
        facts.insert(u"record"_s, key.text);
        facts.insert(u"key_type"_s, key.keyType);
        facts.insert(u"key_bits"_s, key.keyBits);
        facts.insert(u"testing"_s, key.testing);
        if (keys.size() > 1)
            facts.insert(u"records"_s, int(keys.size()));
        const QString detail = u"Record at %1: %2"_s.arg(name, key.text);
        const QString replaceKey = u"Create a new 2048-bit key in your sending service (most rotate it for "
                                   "you when you re-verify the domain) and publish the record it shows for "
                                   "selector %1."_s.arg(selector);
        if (!key.problem.isEmpty()) {
            checks.append(makeCheck(
                id, Level::Fail,
                u"The DKIM key for selector %1 cannot be read: %2"_s.arg(selector, key.problem), detail,
                u"Copy the DKIM record again from your sending service; a key split over "
                "several lines or cut short is the usual cause."_s,
                kWeightDkim, facts));
        } else if (key.revoked) {
            checks.append(makeCheck(id, Level::Fail,
                                    u"The DKIM key for selector %1 is revoked (empty p=)"_s.arg(selector),
                                    detail,
                                    u"If mail is still signed with selector %1, publish its current key; "
                                    "otherwise remove %1 from the doctor's selectors."_s.arg(selector),
                                    kWeightDkim, facts));
        } else if (key.keyType == "rsa"_L1 && key.keyBits < 1024) {
            checks.append(
                makeCheck(id, Level::Fail,
                          u"The DKIM key for selector %1 is %2 bits: receivers reject keys under 1024 bits"_s
                              .arg(selector)
                              .arg(key.keyBits),
                          detail, replaceKey, kWeightDkim, facts));
        } else if (key.keyType == "rsa"_L1 && key.keyBits < 2048) {
            checks.append(makeCheck(
                id, Level::Warn,
                u"The DKIM key for selector %1 is %2 bits: 2048 is the current recommendation"_s.arg(selector)
                    .arg(key.keyBits),
                detail, replaceKey, kWeightDkim, facts));
        } else if (key.testing) {
            checks.append(makeCheck(id, Level::Warn,
                                    u"DKIM selector %1 is in testing mode (t=y)"_s.arg(selector),
                                    detail + u". Receivers may treat mail that fails DKIM as unsigned."_s,
                                    u"Remove t=y from the record once signing works."_s, kWeightDkim, facts));
        } else {
            checks.append(makeCheck(id, Level::Ok,
                                    u"DKIM selector %1 has a %2-bit %3 key"_s.arg(selector)
                                        .arg(key.keyBits)
                                        .arg(key.keyType == "rsa"_L1 ? u"RSA"_s : u"Ed25519"_s),
                                    detail, {}, kWeightDkim, facts));
        }
    }
    return checks;
}

} // namespace sb::doctor::emailauth
