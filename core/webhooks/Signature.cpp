#include "webhooks/Signature.h"

#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;

namespace sb::webhooks {

namespace {

bool isLowerHex(const QByteArray &v)
{
    for (const char c : v) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

bool parseSeconds(QByteArrayView digits, qint64 *out)
{
    if (digits.isEmpty() || digits.size() > 12)
        return false;
    qint64 v = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

} // namespace

SignatureHeader parseSignatureHeader(const QByteArray &header)
{
    SignatureHeader h;
    if (header.size() > kMaxSignatureHeaderBytes) {
        h.malformed = true;
        return h;
    }
    qsizetype start = 0;
    while (start <= header.size()) {
        qsizetype end = header.indexOf(',', start);
        if (end < 0)
            end = header.size();
        const QByteArrayView part = QByteArrayView(header).sliced(start, end - start);
        start = end + 1;
        if (part.isEmpty()) {
            if (end == header.size())
                break;
            h.malformed = true; // ",," or a leading comma
            continue;
        }
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0 || part.contains(' ') || part.contains('\t')) {
            h.malformed = true;
            continue;
        }
        const QByteArrayView key = part.first(eq);
        const QByteArrayView value = part.sliced(eq + 1);
        if (key == "t") {
            qint64 t = 0;
            if (h.timestamp >= 0 || !parseSeconds(value, &t))
                h.malformed = true; // a second t, or not a number
            else
                h.timestamp = t;
        } else if (key == "v1") {
            const QByteArray hex = value.toByteArray();
            if (hex.size() == 64 && isLowerHex(hex))
                h.v1.append(hex);
            else
                ++h.ignoredParts; // a v1 that cannot match anything is ignored, as Stripe's libraries do
        } else {
            ++h.ignoredParts;
        }
    }
    return h;
}

QByteArray computeSignature(const QByteArray &body, qint64 timestamp, const QByteArray &secret)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret);
    mac.addData(QByteArray::number(timestamp));
    mac.addData(".");
    mac.addData(body);
    return mac.result().toHex();
}

QByteArray signatureHeader(const QByteArray &body, qint64 timestamp, const QByteArray &secret)
{
    return "t=" + QByteArray::number(timestamp) + ",v1=" + computeSignature(body, timestamp, secret);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

Verdict verifySignature(const QByteArray &body, const QByteArray &header, const QList<QByteArray> &secrets,
                        qint64 nowSeconds, qint64 toleranceSeconds)
{
    if (header.isEmpty())
        return Verdict::MissingHeader;
    const SignatureHeader h = parseSignatureHeader(header);
    if (h.malformed)
        return Verdict::Malformed;
    if (h.timestamp < 0)
        return Verdict::NoTimestamp;
    if (h.v1.isEmpty())
        return Verdict::NoSignature;
    if (nowSeconds - h.timestamp > toleranceSeconds)
        return Verdict::TimestampTooOld;
    if (h.timestamp - nowSeconds > toleranceSeconds)
        return Verdict::TimestampInFuture;
    // Every secret against every v1, without stopping at the first match, so the time taken does not tell
    // which one matched.
    bool matched = false;
    for (const QByteArray &secret : secrets) {
        if (secret.isEmpty())
            continue;
        const QByteArray expected = computeSignature(body, h.timestamp, secret);
        for (const QByteArray &candidate : h.v1)
            matched = constantTimeEquals(expected, candidate) || matched;
    }
    return matched ? Verdict::Valid : Verdict::Mismatch;
}

const char *verdictCode(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Valid:
        return "valid";
    case Verdict::MissingHeader:
        return "missing_header";
    case Verdict::Malformed:
        return "malformed_header";
    case Verdict::NoTimestamp:
        return "no_timestamp";
    case Verdict::NoSignature:
        return "no_signature";
    case Verdict::TimestampTooOld:
        return "timestamp_too_old";
    case Verdict::TimestampInFuture:
        return "timestamp_in_future";
    case Verdict::Mismatch:
        return "signature_mismatch";
    }
    return "unknown";
}

QString verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Valid:
        return u"The signature is valid."_s;
    case Verdict::MissingHeader:
        return u"The request carries no signature header."_s;
    case Verdict::Malformed:
        return u"The signature header is malformed."_s;
    case Verdict::NoTimestamp:
        return u"The signature header has no timestamp (t=)."_s;
    case Verdict::NoSignature:
        return u"The signature header has no v1 signature."_s;
    case Verdict::TimestampTooOld:
        return u"The signature's timestamp is older than the tolerance allows (a replay, or a clock behind)."_s;
    case Verdict::TimestampInFuture:
        return u"The signature's timestamp is further ahead than the tolerance allows (a clock ahead)."_s;
    case Verdict::Mismatch:
        return u"No signature matches the signing secret (a tampered body, or the wrong secret)."_s;
    }
    return {};
}

} // namespace sb::webhooks
