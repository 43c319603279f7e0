// Webhook signatures in Stripe's scheme, which Kit's webhooks 2.0 use too (header X-Kit-Signature):
//   Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]
// The signed payload is "<t>." followed by the raw body bytes, exactly as received (never re-serialised
// JSON); the HMAC-SHA256 key is the whole signing secret ("whsec_…") as UTF-8 bytes, not base64-decoded.
// Every v1 is compared in constant time (several are sent while a secret is being rotated); other schemes are
// ignored. Pure functions: no clock, no I/O; the caller passes "now".
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace sb::webhooks {

inline constexpr qint64 kDefaultToleranceSeconds = 300;
inline constexpr qsizetype kMaxSignatureHeaderBytes = 8 * 1024;

struct SignatureHeader {
    qint64 timestamp = -1;  // -1: no usable t=
    QList<QByteArray> v1;   // lower-case hex, 64 characters each; malformed values are dropped
    int ignoredParts = 0;   // other schemes (v0=…) and unknown keys
    bool malformed = false; // a part without '=' or an unparsable t
};

// Parses a header value. Whitespace around parts is not allowed (Stripe sends none; a stray space is refused
// as malformed rather than guessed at). Never throws, never reads past the input; bounded by
// kMaxSignatureHeaderBytes (longer headers are malformed).
SignatureHeader parseSignatureHeader(const QByteArray &header);

enum class Verdict {
    Valid,
    MissingHeader,     // no header at all
    Malformed,         // a part that is not key=value, a t that is not a number, a stray space, too long
    NoTimestamp,       // no t=
    NoSignature,       // no v1=
    TimestampTooOld,   // now - t > tolerance
    TimestampInFuture, // t - now > tolerance (a clock far ahead is as suspicious as one far behind)
    Mismatch,          // no v1 matches the expected signature
};

QString
verdictText(Verdict verdict); // plain words for logs and 4xx bodies (never the secret or the signature)
const char *verdictCode(Verdict verdict); // stable machine code: "valid", "missing_header", "mismatch", …

// Verifies `header` for `body` with each of `secrets` (a rotation may leave two valid ones).
Verdict verifySignature(const QByteArray &body, const QByteArray &header, const QList<QByteArray> &secrets,
                        qint64 nowSeconds, qint64 toleranceSeconds = kDefaultToleranceSeconds);

// HMAC-SHA256 of "<t>.<body>" under `secret`, lower-case hex.
QByteArray computeSignature(const QByteArray &body, qint64 timestamp, const QByteArray &secret);

// "t=<timestamp>,v1=<signature>" — what a sender (the sandbox's twin lives in app/sandbox; the doctor's probe
// uses this one) puts in the header.
QByteArray signatureHeader(const QByteArray &body, qint64 timestamp, const QByteArray &secret);

// Constant-time equality of two byte strings (time depends only on the lengths).
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace sb::webhooks
