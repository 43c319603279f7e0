// Email authentication of the founder's sending domain, the pure part: reading SPF (RFC 7208), DMARC
// (RFC 7489) and DKIM key (RFC 6376, RFC 8463) records and turning what DNS said into doctor checks.
// No network here: EmailAuthCheck does the lookups and hands the answers to these functions, so every rule
// can be tested from a table of made-up answers.
#pragma once

#include "doctor/Check.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sb::doctor::emailauth {

// What one TXT lookup came back with. The outcomes are kept apart because the fix differs: a missing
// name (NXDOMAIN) is a typo or a missing zone, a name without TXT is a missing record, a server failure or
// silence is not the founder's record at all.
enum class DnsOutcome {
    Records,       // the name has TXT records (records holds them)
    NoRecords,     // the name exists (or the server said nothing more) but has no TXT record
    NxDomain,      // the name does not exist
    ServerFailure, // the server answered SERVFAIL or with something unreadable
    Refused,       // the server refused to answer
    NoAnswer,      // no answer before the timeout, or no DNS server reachable
    NotQueried,    // not asked (a cap on SPF lookups was reached, or the name could not be formed)
};

struct TxtAnswer {
    DnsOutcome outcome = DnsOutcome::NotQueried;
    QStringList records; // one entry per TXT record, its character-strings concatenated without separator
    QString note;        // the resolver's words, or for NoAnswer which server stayed silent and for how long
};

// TXT answers by lower-case DNS name without the trailing dot.
using TxtAnswers = QHash<QString, TxtAnswer>;

// One sentence saying what DNS answered for name, for a check's detail.
QString describeAnswer(const QString &name, const TxtAnswer &answer);

// --- SPF -----------------------------------------------------------------------------------------------

// One SPF record taken apart. Only what the checks need: which terms cost a DNS lookup, where include and
// redirect point, how it ends.
struct SpfRecord {
    QString text;
    QStringList includes; // include: targets, in order (may repeat)
    QString redirect;     // redirect= target; ignored by receivers when the record has an "all"
    int lookupTerms = 0;  // include, a, mx, ptr, exists (+ redirect when it applies) in this record alone
    QChar allQualifier;   // '+', '-', '~' or '?' when the record has an all term; null otherwise
    bool hasPtr = false;  // the deprecated ptr mechanism (RFC 7208 5.5)
    QStringList problems; // terms receivers cannot read; any of them makes the record a permerror
};

bool isSpfRecord(const QString &txt); // "v=spf1" followed by a space or the end, any case
SpfRecord parseSpf(const QString &record);

// Limits on following include/redirect, so a loop or a hostile zone cannot make us run away.
constexpr int kSpfMaxDepth = 10;    // nesting of include/redirect below the domain's own record
constexpr int kSpfMaxQueries = 25;  // TXT lookups for include/redirect targets in one check
constexpr int kSpfLookupLimit = 10; // RFC 7208 4.6.4: more than 10 lookup terms is a permerror

// The include/redirect targets whose TXT is still needed to finish counting, given what is known. Empty
// once everything reachable is known, the count is already over the limit, or the depth cap stops it.
QStringList spfNamesToFetch(const QString &domain, const TxtAnswers &answers);

// The SPF checks for domain: spf.record, and when there is exactly one record spf.includes, spf.lookups,
// spf.all and (only when used) spf.ptr.
QList<Check> evaluateSpf(const QString &domain, const TxtAnswers &answers);

// --- DMARC ---------------------------------------------------------------------------------------------

struct DmarcRecord {
    QString text;
    bool valid = false;           // starts with v=DMARC1
    QString policy;               // p=, lower-case; empty when missing
    QString subdomainPolicy;      // sp=, lower-case; empty when missing (then p= applies to subdomains)
    std::optional<int> percent;   // pct=, when present and a number
    QStringList reportAddresses;  // rua= entries
    QStringList failureAddresses; // ruf= entries
};

bool isDmarcRecord(const QString &txt);
DmarcRecord parseDmarc(const QString &record);

// dmarc.record, and when there is one record dmarc.policy and dmarc.reports. answer is _dmarc.<domain>'s.
QList<Check> evaluateDmarc(const QString &domain, const TxtAnswer &answer);

// --- DKIM ----------------------------------------------------------------------------------------------

struct DkimKey {
    QString text;
    QString keyType = QStringLiteral("rsa"); // k=, lower-case; rsa when absent
    bool revoked = false;                    // p= present but empty
    bool testing = false;                    // t=y: receivers may treat failures as unsigned
    int keyBits = 0;                         // 0 when the key could not be read
    QString problem;                         // why the key could not be read; empty when it could
};

DkimKey parseDkim(const QString &record);

// The size in bits of the RSA modulus in a DER SubjectPublicKeyInfo (or a bare PKCS#1 RSAPublicKey, which
// some publishers use); nullopt for anything else or anything malformed.
std::optional<int> rsaKeyBits(const QByteArray &der);

// One check per selector, id "dkim.<selector>"; with no selectors one Skipped "dkim.selectors".
// answers holds <selector>._domainkey.<domain>'s answer for each selector.
QList<Check> evaluateDkim(const QString &domain, const QStringList &selectors, const TxtAnswers &answers);

QString dkimName(const QString &selector, const QString &domain);
QString dmarcName(const QString &domain);

} // namespace sb::doctor::emailauth
