// Email authentication of the sending domain: the SPF, DMARC and DKIM readers from tables of made-up DNS
// answers, and EmailAuthCheck against a real DNS server (dnsmasq in a private network namespace, see
// tests/run-with-dnsmasq.sh; the zone it serves is printed by this executable with --print-dnsmasq-conf).
#include "doctor/EmailAuth.h"
#include "doctor/EmailAuthCheck.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace sb::doctor;
using namespace sb::doctor::emailauth;

namespace {

// QSKIP only leaves the function it is written in, so each live test says it itself.
constexpr auto kNeedServer = "needs the private DNS server: run `ctest -R tst_emailauth_dns` (dnsmasq in an "
                             "unshare'd network namespace; see tests/run-with-dnsmasq.sh)";

// Public halves of RSA keys made once with `openssl genrsa N | openssl rsa -pubout` (SubjectPublicKeyInfo,
// base64); the private halves were thrown away. Ed25519: the bare 32-byte key (RFC 8463).
const QString kRsa512 =
    u"MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAL1Fvr0g98X7XL5eT54SNbVroakRa+zN53XzgdSF4tZQtLLPX1gROF4V68Td7+WB"
    u"qA1mdhLbaM9pDxLxEicVie8CAwEAAQ=="_s;
const QString kRsa1024 =
    u"MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1VgUaJ1BDIYuDSowxdP13rWKy7jTHVQeRpyrvABOrOvv+nVk0IpC2XQcY"
    u"IAj6Xe8qgC5ZFKEZgnmLNXJuOqAanhAfKlu6MEFYpVitGtW1rqViQ7csR/fxRgFdFrFAskf960i2RmblQJDawn1gwck1I5mg"
    u"BsZA1uplgq0tnkvJTwIDAQAB"_s;
const QString kRsa2048 =
    u"MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1ae1ygysxOEAEcwwipvdemUuTjoCETbni2LHdOBxQgIr63NsPZrG"
    u"BOykFpHJ/OpHs03JrgMaq9v5gtKhQtFQ3M7xTMPmvyjoJPP7p+CaiEj0zzjCVctjfx05yuqv4qze6/2OG1Sao60WzdM9mp+F"
    u"Jyr/vgEBA8oeAMTpfCQA/RLr1dhKVv2ERHob9YSkpF/LsdHtWYiD07s69+A+zZra8qFiwkqwtFwuAEtEVyalR1AIei5HGHyb"
    u"d4e0Nbr093UWA0rkip/dMrkeMF6rLA001eB/+FiyZ3aa4pctcLbJetMey4ycnSxU95cBORedV2lxnxLd8j1cASvWUNhTyFkL"
    u"5wIDAQAB"_s;
const QString kRsa4096 =
    u"MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAiiJFO8W73lRj+/VEVtHHD8R751T1+axz09BMKws7kO29lIq4YMUv"
    u"zpJXvewTESeqlwWtj8MpX+dIHmIT5Y9lrkXsZboZ6dRN6NTnmUVl5ANYZhTuvCkYhkq4sc109MLZmp8u9f3ZflH3y1sis0Uk"
    u"fn9fp5yXQkOllVLVNmnGHVGW4EosqweXCz9x0H7l9gCOaA904MmFePckfltGyREEfnZIGlOSfFCDjGpe/80ppgOQpmccXqlB"
    u"ap6iuv1+aSl/ROXrAGokdWrmCoXciXwekAv8m1pG3Ol0JaU895ZoDIZQJBy785oxukndLC4fUydDFT+S33wgW4HU5AKeYiFa"
    u"3hturBd1MO9pyDDrvtaXDUSFZI+1qi2XMFZIUPC3WTxU0glwgQabgBXJWuM+W9gG5tv0ciJdPb/62OWCHDxo5ScSfDlWNZgb"
    u"+9zOe1EgbZ6rgX1m3m43emxc1cvDWqzfKcm6GnKWzvZmV60bfq7F8lUb8UihHnvsLyoBayMOEN6vGnWhkJvIGCNInQqL1zC3"
    u"F9XB6PyyN3gdUu4Dqyp0Hd3ctyX6wVTWZovVuVMztD5aq+tLVhRFmS207uuSjjrl5gi06ec/VUZUUsCTXm7X9rKqzh0RG+GG"
    u"kznQTp+PmhbF0pGHfn6gl7CMofU7MyVgu0j/yhpFnEnYMTalrQZd58cCAwEAAQ=="_s;
// The 1024-bit key as a bare PKCS#1 RSAPublicKey (openssl rsa -RSAPublicKey_out), as some publishers write
// it.
const QString kRsa1024Pkcs1 =
    u"MIGJAoGBALVWBRonUEMhi4NKjDF0/XetYrLuNMdVB5GnKu8AE6s6+/6dWTQikLZdBxggCPpd7yqALlkUoRmCeYs1cm46oBqe"
    u"EB8qW7owQVilWK0a1bWupWJDtyxH9/FGAV0WsUCyR/3rSLZGZuVAkNrCfWDByTUjmaAGxkDW6mWCrS2eS8lPAgMBAAE="_s;
const QString kEd25519 = u"mVjOICpPp3mn+YQEyLaic9R2hAq15LCDtyj6ZvVfGVE="_s;

TxtAnswer records(const QStringList &texts)
{
    TxtAnswer a;
    a.outcome = texts.isEmpty() ? DnsOutcome::NoRecords : DnsOutcome::Records;
    a.records = texts;
    return a;
}

TxtAnswer outcome(DnsOutcome o)
{
    TxtAnswer a;
    a.outcome = o;
    if (o == DnsOutcome::NoAnswer)
        a.note = u"No answer from DNS server 192.0.2.53 within 5 s."_s;
    return a;
}

QHash<QString, Check> byId(const QList<Check> &checks)
{
    QHash<QString, Check> out;
    for (const Check &c : checks) {
        if (out.contains(c.id))
            qWarning("duplicate check id %s", qPrintable(c.id));
        out.insert(c.id, c);
    }
    return out;
}

QString levels(const QList<Check> &checks)
{
    QStringList parts;
    for (const Check &c : checks)
        parts.append(c.id + u'=' + QString::fromLatin1(levelCode(c.level)));
    parts.sort();
    return parts.join(u' ');
}

// --- the zone dnsmasq serves for the live tests ---------------------------------------------------------

// dnsmasq takes one TXT record as several quoted character-strings, each at most 255 bytes.
QString quotedStrings(const QString &text, qsizetype chunk = 200)
{
    QStringList parts;
    for (qsizetype i = 0; i < text.size(); i += chunk)
        parts.append(u'"' + text.mid(i, chunk) + u'"');
    return parts.join(u',');
}

QString dnsmasqConf()
{
    QStringList lines;
    auto txt = [&lines](const QString &name, const QString &value) {
        lines.append(u"txt-record=%1,%2"_s.arg(name, value));
    };
    // Names under .test that are not listed are answered NXDOMAIN, not forwarded anywhere.
    lines.append(u"local=/test/"_s);
    // good.test: everything right. The SPF record comes as two strings, the DKIM key as several.
    txt(u"good.test"_s, u"\"v=spf1 include:_spf.good.test \",\"ip4:192.0.2.10 -all\""_s);
    txt(u"good.test"_s, u"\"site-verification=abc123\""_s);
    txt(u"_spf.good.test"_s, u"\"v=spf1 ip4:198.51.100.0/24 ~all\""_s);
    txt(u"_dmarc.good.test"_s, u"\"v=DMARC1; p=reject; rua=mailto:dmarc@good.test; pct=100\""_s);
    txt(u"cka._domainkey.good.test"_s, quotedStrings(u"v=DKIM1; k=rsa; p="_s + kRsa4096));
    // bad.test: 11 lookups through nested includes, ptr, +all, DMARC monitoring only without reports,
    // a revoked and a short DKIM key.
    txt(u"bad.test"_s, u"\"v=spf1 include:a.bad.test include:b.bad.test +all\""_s);
    txt(u"a.bad.test"_s, u"\"v=spf1 a mx include:c.bad.test ~all\""_s);
    txt(u"b.bad.test"_s, u"\"v=spf1 a mx ptr ~all\""_s);
    txt(u"c.bad.test"_s, u"\"v=spf1 a mx exists:x.bad.test -all\""_s);
    txt(u"_dmarc.bad.test"_s, u"\"v=DMARC1; p=none\""_s);
    txt(u"old._domainkey.bad.test"_s, u"\"v=DKIM1; k=rsa; p=\""_s);
    txt(u"weak._domainkey.bad.test"_s, quotedStrings(u"v=DKIM1; k=rsa; p="_s + kRsa1024));
    // brokeninclude.test: includes a name that does not exist; no DMARC record.
    txt(u"brokeninclude.test"_s, u"\"v=spf1 include:nowhere.brokeninclude.test -all\""_s);
    // loop.test: one includes two includes one.
    txt(u"loop.test"_s, u"\"v=spf1 include:one.loop.test -all\""_s);
    txt(u"one.loop.test"_s, u"\"v=spf1 include:two.loop.test -all\""_s);
    txt(u"two.loop.test"_s, u"\"v=spf1 include:one.loop.test -all\""_s);
    // twospf.test: two SPF records.
    txt(u"twospf.test"_s, u"\"v=spf1 -all\""_s);
    txt(u"twospf.test"_s, u"\"v=spf1 include:_spf.good.test -all\""_s);
    // nodata.test exists (it has an address) but has no TXT record.
    lines.append(u"host-record=nodata.test,192.0.2.1"_s);
    return lines.join(u'\n') + u'\n';
}

} // namespace

class TestEmailAuth : public QObject {
    Q_OBJECT

    QHostAddress m_server;

    QList<Check> runLive(const QString &domain, const QStringList &selectors,
                         std::optional<QHostAddress> nameserver = std::nullopt,
                         std::chrono::milliseconds timeout = EmailAuthCheck::kDefaultTimeout)
    {
        EmailAuthCheck check;
        check.setNameserver(nameserver.value_or(m_server));
        check.setTimeout(timeout);
        QSignalSpy spy(&check, &EmailAuthCheck::finished);
        check.start(domain, selectors);
        if (!spy.wait(20000))
            return {};
        return spy.first().first().value<QList<Check>>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<Check>>();
        const QByteArray server = qgetenv("SB_EMAILAUTH_DNS");
        if (!server.isEmpty())
            m_server = QHostAddress(QString::fromLatin1(server));
    }

    // --- SPF -----------------------------------------------------------------------------------------

    void spf_data()
    {
        QTest::addColumn<TxtAnswers>("answers");
        QTest::addColumn<QString>("expected");

        TxtAnswers good;
        good.insert(u"example.com"_s, records({u"v=spf1 include:_spf.mail.test ip4:192.0.2.1 ~all"_s,
                                               u"site-verification=abc"_s}));
        good.insert(u"_spf.mail.test"_s, records({u"v=spf1 ip4:198.51.100.0/24 -all"_s}));
        QTest::newRow("good") << good << u"spf.all=ok spf.includes=ok spf.lookups=ok spf.record=ok"_s;

        QTest::newRow("none") << TxtAnswers{{u"example.com"_s, records({u"site-verification=abc"_s})}}
                              << u"spf.record=fail"_s;
        QTest::newRow("nxdomain") << TxtAnswers{{u"example.com"_s, outcome(DnsOutcome::NxDomain)}}
                                  << u"spf.record=fail"_s;
        QTest::newRow("no TXT at all")
            << TxtAnswers{{u"example.com"_s, outcome(DnsOutcome::NoRecords)}} << u"spf.record=fail"_s;
        QTest::newRow("timeout") << TxtAnswers{{u"example.com"_s, outcome(DnsOutcome::NoAnswer)}}
                                 << u"spf.record=fail"_s;
        QTest::newRow("two records") << TxtAnswers{{u"example.com"_s,
                                                    records({u"v=spf1 -all"_s, u"v=spf1 mx ~all"_s})}}
                                     << u"spf.record=fail"_s;
        QTest::newRow("v=spf10 is not SPF")
            << TxtAnswers{{u"example.com"_s, records({u"v=spf10 -all"_s})}} << u"spf.record=fail"_s;
        QTest::newRow("upper case") << TxtAnswers{{u"example.com"_s, records({u"V=SPF1 MX -ALL"_s})}}
                                    << u"spf.all=ok spf.lookups=ok spf.record=ok"_s;
        QTest::newRow("unknown term")
            << TxtAnswers{{u"example.com"_s, records({u"v=spf1 ip5:1.2.3.4 -all"_s})}}
            << u"spf.all=ok spf.lookups=ok spf.record=fail"_s;

        // 2 + 3 + 3 + 3 = 11 through three levels of includes.
        TxtAnswers eleven;
        eleven.insert(u"example.com"_s,
                      records({u"v=spf1 include:a.example.com include:b.example.com -all"_s}));
        eleven.insert(u"a.example.com"_s, records({u"v=spf1 a mx include:c.example.com ~all"_s}));
        eleven.insert(u"b.example.com"_s, records({u"v=spf1 a mx exists:%{i}.x.example.com ~all"_s}));
        eleven.insert(u"c.example.com"_s, records({u"v=spf1 a:mail.example.com mx/24 mx:other.test -all"_s}));
        QTest::newRow("11 lookups") << eleven
                                    << u"spf.all=ok spf.includes=ok spf.lookups=fail spf.record=ok"_s;
        TxtAnswers ten = eleven;
        ten.insert(u"c.example.com"_s, records({u"v=spf1 a:mail.example.com mx/24 ip4:192.0.2.0/24 -all"_s}));
        QTest::newRow("10 lookups") << ten << u"spf.all=ok spf.includes=ok spf.lookups=ok spf.record=ok"_s;

        TxtAnswers loop;
        loop.insert(u"example.com"_s, records({u"v=spf1 include:one.example.com -all"_s}));
        loop.insert(u"one.example.com"_s, records({u"v=spf1 include:two.example.com -all"_s}));
        loop.insert(u"two.example.com"_s, records({u"v=spf1 include:one.example.com -all"_s}));
        QTest::newRow("include loop")
            << loop << u"spf.all=ok spf.includes=ok spf.lookups=fail spf.record=ok"_s;
        TxtAnswers self{{u"example.com"_s, records({u"v=spf1 include:example.com -all"_s})}};
        QTest::newRow("includes itself")
            << self << u"spf.all=ok spf.includes=ok spf.lookups=fail spf.record=ok"_s;

        QTest::newRow("+all") << TxtAnswers{{u"example.com"_s, records({u"v=spf1 ip4:192.0.2.1 +all"_s})}}
                              << u"spf.all=fail spf.lookups=ok spf.record=ok"_s;
        QTest::newRow("bare all") << TxtAnswers{{u"example.com"_s, records({u"v=spf1 mx all"_s})}}
                                  << u"spf.all=fail spf.lookups=ok spf.record=ok"_s;
        QTest::newRow("?all") << TxtAnswers{{u"example.com"_s, records({u"v=spf1 mx ?all"_s})}}
                              << u"spf.all=warn spf.lookups=ok spf.record=ok"_s;
        QTest::newRow("-all") << TxtAnswers{{u"example.com"_s, records({u"v=spf1 mx -all"_s})}}
                              << u"spf.all=ok spf.lookups=ok spf.record=ok"_s;
        QTest::newRow("no all") << TxtAnswers{{u"example.com"_s, records({u"v=spf1 mx"_s})}}
                                << u"spf.all=warn spf.lookups=ok spf.record=ok"_s;
        QTest::newRow("ptr") << TxtAnswers{{u"example.com"_s, records({u"v=spf1 ptr:example.com mx -all"_s})}}
                             << u"spf.all=ok spf.lookups=ok spf.ptr=warn spf.record=ok"_s;

        TxtAnswers redirect;
        redirect.insert(u"example.com"_s, records({u"v=spf1 mx redirect=_spf.example.net"_s}));
        redirect.insert(u"_spf.example.net"_s, records({u"v=spf1 ip4:192.0.2.0/24 -all"_s}));
        QTest::newRow("redirect") << redirect << u"spf.all=ok spf.includes=ok spf.lookups=ok spf.record=ok"_s;

        TxtAnswers missingTarget{{u"example.com"_s, records({u"v=spf1 include:nowhere.example.com -all"_s})},
                                 {u"nowhere.example.com"_s, outcome(DnsOutcome::NxDomain)}};
        QTest::newRow("include target NXDOMAIN")
            << missingTarget << u"spf.all=ok spf.includes=fail spf.lookups=ok spf.record=ok"_s;
        TxtAnswers noSpfTarget{{u"example.com"_s, records({u"v=spf1 include:plain.example.com -all"_s})},
                               {u"plain.example.com"_s, records({u"just text"_s})}};
        QTest::newRow("include target without SPF")
            << noSpfTarget << u"spf.all=ok spf.includes=fail spf.lookups=ok spf.record=ok"_s;
        TxtAnswers silentTarget{{u"example.com"_s, records({u"v=spf1 include:slow.example.com -all"_s})},
                                {u"slow.example.com"_s, outcome(DnsOutcome::NoAnswer)}};
        QTest::newRow("include target timed out")
            << silentTarget << u"spf.all=ok spf.includes=warn spf.lookups=ok spf.record=ok"_s;
        TxtAnswers unfetched{{u"example.com"_s, records({u"v=spf1 include:later.example.com -all"_s})}};
        QTest::newRow("include target not fetched")
            << unfetched << u"spf.all=ok spf.includes=warn spf.lookups=warn spf.record=ok"_s;
        TxtAnswers overLimit{
            {u"example.com"_s,
             records({u"v=spf1 a mx a mx a mx a mx a mx include:later.example.com -all"_s})}};
        QTest::newRow("over the limit before the includes")
            << overLimit << u"spf.all=ok spf.includes=warn spf.lookups=fail spf.record=ok"_s;
    }

    void spf()
    {
        QFETCH(TxtAnswers, answers);
        QFETCH(QString, expected);
        const QList<Check> checks = evaluateSpf(u"Example.COM."_s, answers);
        QCOMPARE(levels(checks), expected);
        for (const Check &c : checks) {
            QCOMPARE(c.area, u"email_auth"_s);
            QVERIFY2(!c.title.isEmpty() && !c.detail.isEmpty(), qPrintable(c.id));
            QVERIFY2(c.level == Level::Ok || !c.fix.isEmpty(), qPrintable(c.id + u" has no fix"_s));
        }
    }

    void spfDetails()
    {
        // The count and the loop path are in the facts and the words.
        TxtAnswers eleven;
        eleven.insert(u"example.com"_s,
                      records({u"v=spf1 include:a.example.com include:b.example.com -all"_s}));
        eleven.insert(u"a.example.com"_s, records({u"v=spf1 a mx include:c.example.com ~all"_s}));
        eleven.insert(u"b.example.com"_s, records({u"v=spf1 a mx ptr ~all"_s}));
        eleven.insert(u"c.example.com"_s, records({u"v=spf1 a mx exists:x.example.com -all"_s}));
        auto checks = byId(evaluateSpf(u"example.com"_s, eleven));
        QCOMPARE(checks.value(u"spf.lookups"_s).facts.value("lookups"_L1).toInt(), 11);
        QVERIFY(checks.value(u"spf.lookups"_s).title.contains(u"11"_s));
        QCOMPARE(checks.value(u"spf.ptr"_s).level, Level::Warn);
        QVERIFY(checks.value(u"spf.ptr"_s).detail.contains(u"b.example.com"_s));

        TxtAnswers loop;
        loop.insert(u"example.com"_s, records({u"v=spf1 include:one.example.com -all"_s}));
        loop.insert(u"one.example.com"_s, records({u"v=spf1 include:two.example.com -all"_s}));
        loop.insert(u"two.example.com"_s, records({u"v=spf1 include:one.example.com -all"_s}));
        checks = byId(evaluateSpf(u"example.com"_s, loop));
        QVERIFY(checks.value(u"spf.lookups"_s).facts.value("loop"_L1).toBool());
        QVERIFY(checks.value(u"spf.lookups"_s)
                    .detail.contains(u"one.example.com → two.example.com → one.example.com"_s));

        // A redirect is ignored when the record has an all (RFC 7208 6.1), so it costs nothing.
        const SpfRecord withAll = parseSpf(u"v=spf1 mx redirect=x.example.com -all"_s);
        QCOMPARE(withAll.lookupTerms, 1);
        const SpfRecord withoutAll = parseSpf(u"v=spf1 mx redirect=x.example.com"_s);
        QCOMPARE(withoutAll.lookupTerms, 2);
        QCOMPARE(withoutAll.redirect, u"x.example.com"_s);
        const SpfRecord twoRedirects = parseSpf(u"v=spf1 redirect=a.test redirect=b.test"_s);
        QCOMPARE(twoRedirects.problems.size(), 1);

        // The timeout names the server, and NXDOMAIN, no record and a refusal read differently.
        checks = byId(evaluateSpf(u"example.com"_s, {{u"example.com"_s, outcome(DnsOutcome::NoAnswer)}}));
        QVERIFY(checks.value(u"spf.record"_s).title.startsWith(u"DNS did not answer"_s));
        QVERIFY(checks.value(u"spf.record"_s).detail.contains(u"192.0.2.53"_s));
        const QString nx = describeAnswer(u"a.test"_s, outcome(DnsOutcome::NxDomain));
        const QString none = describeAnswer(u"a.test"_s, outcome(DnsOutcome::NoRecords));
        const QString refused = describeAnswer(u"a.test"_s, outcome(DnsOutcome::Refused));
        const QString servfail = describeAnswer(u"a.test"_s, outcome(DnsOutcome::ServerFailure));
        QVERIFY(nx.contains(u"NXDOMAIN"_s));
        QVERIFY(none.contains(u"no TXT record"_s));
        QVERIFY(refused.contains(u"refused"_s));
        QVERIFY(servfail.contains(u"server failure"_s));
    }

    void spfFetchPlan()
    {
        // What to look up next follows the includes level by level, and stops once the verdict is known.
        TxtAnswers answers{
            {u"example.com"_s, records({u"v=spf1 include:a.test include:b.test redirect=c.test"_s})}};
        QCOMPARE(spfNamesToFetch(u"example.com"_s, {}), QStringList{u"example.com"_s});
        QCOMPARE(spfNamesToFetch(u"example.com"_s, answers),
                 (QStringList{u"a.test"_s, u"b.test"_s, u"c.test"_s}));
        answers.insert(u"a.test"_s, records({u"v=spf1 include:d.test -all"_s}));
        answers.insert(u"b.test"_s, outcome(DnsOutcome::NxDomain));
        answers.insert(u"c.test"_s, records({u"v=spf1 -all"_s}));
        QCOMPARE(spfNamesToFetch(u"example.com"_s, answers), QStringList{u"d.test"_s});
        answers.insert(u"d.test"_s, records({u"v=spf1 a mx a mx a mx a mx -all"_s})); // 4 + 8 > 10
        answers.insert(u"a.test"_s, records({u"v=spf1 include:d.test include:e.test -all"_s}));
        QVERIFY(spfNamesToFetch(u"example.com"_s, answers).isEmpty());

        // A loop is known from what is there; nothing more is asked.
        TxtAnswers loop{{u"example.com"_s, records({u"v=spf1 include:example.com -all"_s})}};
        QVERIFY(spfNamesToFetch(u"example.com"_s, loop).isEmpty());

        // A chain deeper than the cap stops there, and the count says it could not finish.
        TxtAnswers deep;
        deep.insert(u"example.com"_s, records({u"v=spf1 include:l1.test -all"_s}));
        for (int i = 1; i <= kSpfMaxDepth + 3; ++i)
            deep.insert(u"l%1.test"_s.arg(i), records({u"v=spf1 include:l%1.test -all"_s.arg(i + 1)}));
        QVERIFY(spfNamesToFetch(u"example.com"_s, deep).isEmpty());
        // (Each include is one lookup, so the count is over the limit here anyway.)
        QCOMPARE(byId(evaluateSpf(u"example.com"_s, deep)).value(u"spf.lookups"_s).level, Level::Fail);

        // A hostile diamond (every record includes the next one twice) is walked with a bounded effort.
        TxtAnswers diamond;
        diamond.insert(u"example.com"_s, records({u"v=spf1 include:d1.test include:d1.test -all"_s}));
        for (int i = 1; i <= 30; ++i)
            diamond.insert(u"d%1.test"_s.arg(i),
                           records({u"v=spf1 include:d%1.test include:d%1.test -all"_s.arg(i + 1)}));
        QCOMPARE(byId(evaluateSpf(u"example.com"_s, diamond)).value(u"spf.lookups"_s).level, Level::Fail);
    }

    // --- DMARC ---------------------------------------------------------------------------------------

    void dmarc_data()
    {
        QTest::addColumn<TxtAnswer>("answer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << records({u"v=DMARC1; p=none; rua=mailto:d@example.com"_s})
                              << u"dmarc.policy=warn dmarc.record=ok dmarc.reports=ok"_s;
        QTest::newRow("quarantine") << records({u"v=DMARC1; p=quarantine; rua=mailto:d@example.com"_s})
                                    << u"dmarc.policy=ok dmarc.record=ok dmarc.reports=ok"_s;
        QTest::newRow("reject") << records(
                                       {u"v=DMARC1;p=reject;sp=quarantine;pct=50;rua=mailto:d@example.com"_s})
                                << u"dmarc.policy=ok dmarc.record=ok dmarc.reports=ok"_s;
        QTest::newRow("missing p") << records({u"v=DMARC1; rua=mailto:d@example.com"_s})
                                   << u"dmarc.policy=fail dmarc.record=ok dmarc.reports=ok"_s;
        QTest::newRow("unknown p") << records({u"v=DMARC1; p=block; rua=mailto:d@example.com"_s})
                                   << u"dmarc.policy=fail dmarc.record=ok dmarc.reports=ok"_s;
        QTest::newRow("no rua") << records({u"v=DMARC1; p=reject"_s})
                                << u"dmarc.policy=ok dmarc.record=ok dmarc.reports=warn"_s;
        QTest::newRow("no record") << outcome(DnsOutcome::NxDomain) << u"dmarc.record=fail"_s;
        QTest::newRow("other TXT only") << records({u"hello"_s}) << u"dmarc.record=fail"_s;
        QTest::newRow("v not first") << records({u"p=reject; v=DMARC1"_s}) << u"dmarc.record=fail"_s;
        QTest::newRow("two records") << records({u"v=DMARC1; p=none"_s, u"v=DMARC1; p=reject"_s})
                                     << u"dmarc.record=fail"_s;
        QTest::newRow("refused") << outcome(DnsOutcome::Refused) << u"dmarc.record=fail"_s;
    }

    void dmarc()
    {
        QFETCH(TxtAnswer, answer);
        QFETCH(QString, expected);
        QCOMPARE(levels(evaluateDmarc(u"example.com"_s, answer)), expected);
    }

    void dmarcParse()
    {
        const DmarcRecord d = parseDmarc(
            u"v=DMARC1; p=Reject ; sp=none; pct=25; rua=mailto:a@example.com, mailto:b@example.net"_s);
        QVERIFY(d.valid);
        QCOMPARE(d.policy, u"reject"_s);
        QCOMPARE(d.subdomainPolicy, u"none"_s);
        QCOMPARE(d.percent, 25);
        QCOMPARE(d.reportAddresses, (QStringList{u"mailto:a@example.com"_s, u"mailto:b@example.net"_s}));
        const auto checks = byId(evaluateDmarc(u"example.com"_s, records({d.text})));
        const Check policy = checks.value(u"dmarc.policy"_s);
        QCOMPARE(policy.facts.value("pct"_L1).toInt(), 25);
        QCOMPARE(policy.facts.value("sp"_L1).toString(), u"none"_s);
        QVERIFY(policy.detail.contains(u"pct=25"_s));
        QVERIFY(policy.detail.contains(u"sp=none"_s));
        QCOMPARE(dmarcName(u"Example.com."_s), u"_dmarc.example.com"_s);
    }

    // --- DKIM ----------------------------------------------------------------------------------------

    void dkim_data()
    {
        QTest::addColumn<QString>("record");
        QTest::addColumn<int>("bits");
        QTest::addColumn<Level>("level");
        QTest::newRow("512") << u"v=DKIM1; k=rsa; p="_s + kRsa512 << 512 << Level::Fail;
        QTest::newRow("1024") << u"v=DKIM1; k=rsa; p="_s + kRsa1024 << 1024 << Level::Warn;
        QTest::newRow("2048") << u"v=DKIM1; k=rsa; p="_s + kRsa2048 << 2048 << Level::Ok;
        QTest::newRow("4096") << u"v=DKIM1; p="_s + kRsa4096 << 4096 << Level::Ok;
        QTest::newRow("no v, no k") << u"p="_s + kRsa2048 << 2048 << Level::Ok;
        QTest::newRow("folded p") << u"v=DKIM1; k=rsa; p="_s + kRsa2048.left(100) + u" \t "_s +
                                         kRsa2048.mid(100)
                                  << 2048 << Level::Ok;
        QTest::newRow("PKCS#1 1024") << u"v=DKIM1; k=rsa; p="_s + kRsa1024Pkcs1 << 1024 << Level::Warn;
        QTest::newRow("ed25519") << u"v=DKIM1; k=ed25519; p="_s + kEd25519 << 256 << Level::Ok;
        QTest::newRow("testing") << u"v=DKIM1; t=y; p="_s + kRsa2048 << 2048 << Level::Warn;
        QTest::newRow("revoked") << u"v=DKIM1; k=rsa; p="_s << 0 << Level::Fail;
        QTest::newRow("revoked, spaces") << u"v=DKIM1; p= ; n=old key"_s << 0 << Level::Fail;
        QTest::newRow("no p") << u"v=DKIM1; k=rsa"_s << 0 << Level::Fail;
        QTest::newRow("garbage base64") << u"v=DKIM1; k=rsa; p=not*base64!"_s << 0 << Level::Fail;
        QTest::newRow("base64, not a key") << u"v=DKIM1; k=rsa; p=aGVsbG8gd29ybGQ="_s << 0 << Level::Fail;
        QTest::newRow("truncated DER")
            << u"v=DKIM1; k=rsa; p="_s +
                   QString::fromLatin1(QByteArray::fromBase64(kRsa2048.toLatin1()).left(200).toBase64())
            << 0 << Level::Fail;
        QTest::newRow("ed25519 wrong size") << u"v=DKIM1; k=ed25519; p="_s + kRsa1024 << 0 << Level::Fail;
        QTest::newRow("unknown k") << u"v=DKIM1; k=dsa; p="_s + kRsa2048 << 0 << Level::Fail;
        QTest::newRow("v=DKIM2") << u"v=DKIM2; p="_s + kRsa2048 << 0 << Level::Fail;
    }

    void dkim()
    {
        QFETCH(QString, record);
        QFETCH(int, bits);
        QFETCH(Level, level);
        QCOMPARE(parseDkim(record).keyBits, bits);
        const QString name = dkimName(u"Kit"_s, u"example.com"_s);
        QCOMPARE(name, u"kit._domainkey.example.com"_s);
        const QList<Check> checks = evaluateDkim(u"example.com"_s, {u"Kit"_s}, {{name, records({record})}});
        QCOMPARE(checks.size(), 1);
        QCOMPARE(checks.first().id, u"dkim.kit"_s);
        QCOMPARE(checks.first().level, level);
        if (level != Level::Ok)
            QVERIFY(!checks.first().fix.isEmpty());
        QCOMPARE(checks.first().facts.value("key_bits"_L1).toInt(), bits);
    }

    void dkimSelectors()
    {
        // No selector: skipped, and the fix says where to find one.
        auto checks = evaluateDkim(u"example.com"_s, {}, {});
        QCOMPARE(levels(checks), u"dkim.selectors=skipped"_s);
        QVERIFY(checks.first().fix.contains(u"._domainkey"_s));
        QVERIFY(checks.first().fix.contains(u"Kit"_s));

        // Missing, NXDOMAIN and unanswered selectors fail, each in its own words.
        const TxtAnswers answers{{u"a._domainkey.example.com"_s, outcome(DnsOutcome::NxDomain)},
                                 {u"b._domainkey.example.com"_s, outcome(DnsOutcome::NoRecords)},
                                 {u"c._domainkey.example.com"_s, outcome(DnsOutcome::NoAnswer)}};
        const auto byName = byId(evaluateDkim(u"example.com"_s, {u"a"_s, u"b"_s, u"c"_s}, answers));
        QCOMPARE(byName.size(), 3);
        for (const Check &c : byName)
            QCOMPARE(c.level, Level::Fail);
        QVERIFY(byName.value(u"dkim.a"_s).detail.contains(u"NXDOMAIN"_s));
        QVERIFY(byName.value(u"dkim.b"_s).detail.contains(u"no TXT record"_s));
        QVERIFY(byName.value(u"dkim.c"_s).title.startsWith(u"DNS did not answer"_s));
    }

    void derReader()
    {
        const QByteArray der = QByteArray::fromBase64(kRsa2048.toLatin1());
        QCOMPARE(rsaKeyBits(der), 2048);
        QCOMPARE(rsaKeyBits(QByteArray::fromBase64(kRsa4096.toLatin1())), 4096);
        // Every shorter prefix, and the key with a byte too many, is refused without reading past the end.
        for (qsizetype n = 0; n < der.size(); ++n)
            QVERIFY2(!rsaKeyBits(der.left(n)), qPrintable(QString::number(n)));
        QVERIFY(!rsaKeyBits(der + '\0'));
        // Lengths that lie: each byte of the header set to 0xff in turn.
        for (qsizetype i = 0; i < 32; ++i) { // up to the modulus (byte 32 is its sign byte)
            QByteArray bad = der;
            bad[i] = char(0xff);
            const auto bits = rsaKeyBits(bad);
            QVERIFY2(!bits || *bits == 2048, qPrintable(QString::number(i)));
        }
        // An indefinite length (0x80) is not DER.
        QByteArray indefinite = der;
        indefinite[1] = char(0x80);
        QVERIFY(!rsaKeyBits(indefinite));
        // An algorithm identifier that is not rsaEncryption.
        const QByteArray ec = QByteArray::fromHex("3013300706052b8104002206082a8648ce3d030107");
        QVERIFY(!rsaKeyBits(ec));
    }

    // --- live, against dnsmasq in a private network namespace ---------------------------------------

    void liveGoodDomain()
    {
        if (m_server.isNull())
            QSKIP(kNeedServer);
        const QList<Check> checks = runLive(u"good.test"_s, {u"cka"_s});
        QCOMPARE(levels(checks), u"dkim.cka=ok dmarc.policy=ok dmarc.record=ok dmarc.reports=ok spf.all=ok "
                                 "spf.includes=ok spf.lookups=ok spf.record=ok"_s);
        const auto ids = byId(checks);
        // The two strings of the SPF record are one record; the other TXT record is not SPF.
        QCOMPARE(ids.value(u"spf.record"_s).facts.value("record"_L1).toString(),
                 u"v=spf1 include:_spf.good.test ip4:192.0.2.10 -all"_s);
        QCOMPARE(ids.value(u"spf.lookups"_s).facts.value("lookups"_L1).toInt(), 1);
        // The 4096-bit key came in several strings (and over TCP: the answer is larger than 512 bytes).
        QCOMPARE(ids.value(u"dkim.cka"_s).facts.value("key_bits"_L1).toInt(), 4096);
    }

    void liveSystemResolver()
    {
        // The wrapper points this namespace's resolv.conf at the same server, so the default works too.
        if (m_server.isNull())
            QSKIP(kNeedServer);
        const QList<Check> checks = runLive(u"good.test"_s, {}, QHostAddress());
        const auto ids = byId(checks);
        QCOMPARE(ids.value(u"spf.record"_s).level, Level::Ok);
        QCOMPARE(ids.value(u"dkim.selectors"_s).level, Level::Skipped);
    }

    void liveBadDomain()
    {
        if (m_server.isNull())
            QSKIP(kNeedServer);
        const QList<Check> checks = runLive(u"bad.test"_s, {u"old"_s, u"weak"_s, u"missing"_s});
        QCOMPARE(levels(checks), u"dkim.missing=fail dkim.old=fail dkim.weak=warn dmarc.policy=warn "
                                 "dmarc.record=ok dmarc.reports=warn spf.all=fail spf.includes=ok "
                                 "spf.lookups=fail spf.ptr=warn spf.record=ok"_s);
        const auto ids = byId(checks);
        QCOMPARE(ids.value(u"spf.lookups"_s).facts.value("lookups"_L1).toInt(), 11);
        QVERIFY(ids.value(u"dkim.missing"_s).detail.contains(u"NXDOMAIN"_s));
        QVERIFY(ids.value(u"dkim.old"_s).title.contains(u"revoked"_s));
        QCOMPARE(ids.value(u"dkim.weak"_s).facts.value("key_bits"_L1).toInt(), 1024);
    }

    void liveBrokenInclude()
    {
        if (m_server.isNull())
            QSKIP(kNeedServer);
        const auto ids = byId(runLive(u"brokeninclude.test"_s, {}));
        QCOMPARE(ids.value(u"spf.includes"_s).level, Level::Fail);
        QVERIFY(ids.value(u"spf.includes"_s).detail.contains(u"nowhere.brokeninclude.test does not exist"_s));
        QCOMPARE(ids.value(u"dmarc.record"_s).level, Level::Fail);
        QVERIFY(ids.value(u"dmarc.record"_s).detail.contains(u"NXDOMAIN"_s));
    }

    void liveLoopAndTwoRecords()
    {
        if (m_server.isNull())
            QSKIP(kNeedServer);
        auto ids = byId(runLive(u"loop.test"_s, {}));
        QCOMPARE(ids.value(u"spf.lookups"_s).level, Level::Fail);
        QVERIFY(ids.value(u"spf.lookups"_s).facts.value("loop"_L1).toBool());
        ids = byId(runLive(u"twospf.test"_s, {}));
        QCOMPARE(ids.value(u"spf.record"_s).level, Level::Fail);
        QVERIFY(ids.value(u"spf.record"_s).title.contains(u"permerror"_s));
    }

    void liveNxDomainNoDataRefused()
    {
        if (m_server.isNull())
            QSKIP(kNeedServer);
        // The name does not exist at all.
        auto ids = byId(runLive(u"nosuch.test"_s, {u"kit"_s}));
        QCOMPARE(levels(ids.values()), u"dkim.kit=fail dmarc.record=fail spf.record=fail"_s);
        QVERIFY(ids.value(u"spf.record"_s).detail.contains(u"does not exist in DNS (NXDOMAIN)"_s));
        // The name exists but has no TXT record: said differently.
        ids = byId(runLive(u"nodata.test"_s, {}));
        QCOMPARE(ids.value(u"spf.record"_s).level, Level::Fail);
        QVERIFY2(ids.value(u"spf.record"_s).detail.contains(u"has no TXT record"_s),
                 qPrintable(ids.value(u"spf.record"_s).detail));
        // A name outside what the server knows: it refuses, and the detail names the server.
        ids = byId(runLive(u"elsewhere.example"_s, {}));
        QCOMPARE(ids.value(u"spf.record"_s).level, Level::Fail);
        QVERIFY2(ids.value(u"spf.record"_s).detail.contains(u"refused"_s) &&
                     ids.value(u"spf.record"_s).detail.contains(m_server.toString()),
                 qPrintable(ids.value(u"spf.record"_s).detail));
    }

    void liveUnreachableServer()
    {
        if (m_server.isNull())
            QSKIP(kNeedServer);
        // Nothing listens on 127.0.0.3: the resolver gets a refusal at once, which Qt 6.4 reports like an
        // empty answer; the probe tells the two apart.
        const auto ids = byId(runLive(u"good.test"_s, {}, QHostAddress(u"127.0.0.3"_s)));
        const Check spfRecord = ids.value(u"spf.record"_s);
        QCOMPARE(spfRecord.level, Level::Fail);
        QVERIFY2(spfRecord.title.startsWith(u"DNS did not answer"_s), qPrintable(spfRecord.title));
        QVERIFY2(spfRecord.detail.contains(u"127.0.0.3"_s), qPrintable(spfRecord.detail));
    }

    void liveInvalidDomainAndCancel()
    {
        // No DNS needed: a domain that cannot be one fails at once (but still asynchronously).
        EmailAuthCheck check;
        QSignalSpy spy(&check, &EmailAuthCheck::finished);
        check.start(u"not a domain"_s, {});
        QCOMPARE(spy.size(), 0);
        QVERIFY(spy.wait(2000));
        QCOMPARE(levels(spy.first().first().value<QList<Check>>()), u"domain=fail"_s);

        if (m_server.isNull())
            QSKIP(kNeedServer);
        // Cancelled: no result comes.
        check.setNameserver(m_server);
        spy.clear();
        check.start(u"good.test"_s, {u"cka"_s});
        QVERIFY(check.isRunning());
        check.cancel();
        QVERIFY(!check.isRunning());
        QVERIFY(!spy.wait(1500));
        // And it can run again afterwards.
        check.start(u"good.test"_s, {u"cka"_s});
        QVERIFY(spy.wait(10000));
        QCOMPARE(byId(spy.first().first().value<QList<Check>>()).value(u"dkim.cka"_s).level, Level::Ok);
    }

    void liveTimeout()
    {
        if (m_server.isNull())
            QSKIP(kNeedServer);
        // A server that takes the question and never answers: the lookup's own timer ends it.
        QUdpSocket silent;
        QVERIFY2(silent.bind(QHostAddress(u"127.0.0.2"_s), 53), qPrintable(silent.errorString()));
        QElapsedTimer clock;
        clock.start();
        const auto ids =
            byId(runLive(u"good.test"_s, {}, QHostAddress(u"127.0.0.2"_s), std::chrono::milliseconds(700)));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        const Check spfRecord = ids.value(u"spf.record"_s);
        QCOMPARE(spfRecord.level, Level::Fail);
        QVERIFY2(spfRecord.title.startsWith(u"DNS did not answer"_s), qPrintable(spfRecord.title));
        QVERIFY2(spfRecord.detail.contains(u"No answer from DNS server 127.0.0.2 within 0.7 s"_s),
                 qPrintable(spfRecord.detail));
        QCOMPARE(ids.value(u"dmarc.record"_s).level, Level::Fail);
    }
};

int main(int argc, char **argv)
{
    // The wrapper asks for the zone before it starts dnsmasq, so the records live in one place.
    if (argc == 2 && qstrcmp(argv[1], "--print-dnsmasq-conf") == 0) {
        std::fputs(dnsmasqConf().toUtf8().constData(), stdout);
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestEmailAuth test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_emailauth.moc"
