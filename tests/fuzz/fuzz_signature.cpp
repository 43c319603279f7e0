// libFuzzer target: the webhook signature header parser and verifier (webhooks/Signature.h) on arbitrary
// bytes. The first input byte splits the rest into header and body. Checks: no crash, no sanitizer report,
// and invariants — a verdict of Valid only when a v1 really matches, the parser never keeps a v1 that is not
// 64 lower-case hex characters, and verifying a header we made ourselves always succeeds.
#include "webhooks/Signature.h"

#include <cstdint>
#include <cstdlib>

using namespace sb::webhooks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t split = data[0] % (size);
    const QByteArray header(reinterpret_cast<const char *>(data + 1), qsizetype(split > 0 ? split - 1 : 0));
    const QByteArray body(reinterpret_cast<const char *>(data + split), qsizetype(size - split));
    const QByteArray secret = "whsec_fuzz";

    const SignatureHeader h = parseSignatureHeader(header);
    for (const QByteArray &v : h.v1) {
        if (v.size() != 64)
            std::abort();
        for (const char c : v)
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                std::abort();
    }
    const Verdict verdict = verifySignature(body, header, {secret}, 1700000000);
    if (verdict == Verdict::Valid) {
        // Only possible when the header carries the real signature of this body (a collision is not a thing).
        if (!h.v1.contains(computeSignature(body, h.timestamp, secret)))
            std::abort();
    }
    if (verifySignature(body, signatureHeader(body, 1700000000, secret), {secret}, 1700000000) !=
        Verdict::Valid)
        std::abort();
    return 0;
}
