// libFuzzer target: the webhook receiver's HTTP/1.1 request framing (webhooks/HttpRequestParser.h) on
// arbitrary bytes. The first input byte picks how the rest is cut into reads, as TCP may cut it. Checks: no
// crash, no sanitizer report, and invariants — the verdict, head and body do not depend on how the bytes
// were cut; nothing past the limits is ever buffered; a complete request has exactly Content-Length bytes
// of body within the limit; a refusal after the head is only about the length.
#include "webhooks/HttpRequestParser.h"

#include <cstdint>
#include <cstdlib>

using namespace sb::webhooks;

namespace {

constexpr qsizetype kMaxBody = 4096;

void check(bool ok)
{
    if (!ok)
        std::abort();
}

HttpRequestParser feedInPieces(QByteArrayView input, qsizetype piece)
{
    HttpRequestParser p(kMaxBody);
    qsizetype at = 0;
    while (at < input.size()) {
        const qsizetype n = std::min(piece, input.size() - at);
        const qsizetype roomBefore = p.room();
        check(roomBefore >= 0 && roomBefore <= kMaxHeaderBytes + 4 + kMaxBody);
        const auto before = p.state();
        p.feed(input.sliced(at, n));
        at += n;
        if (before == HttpRequestParser::State::Complete || before == HttpRequestParser::State::Failed)
            check(p.state() == before); // final states stay final
    }
    return p;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype piece = 1 + data[0] % 64;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    const HttpRequestParser whole = feedInPieces(input, std::max<qsizetype>(input.size(), 1));
    const HttpRequestParser cut = feedInPieces(input, piece);

    check(whole.state() == cut.state());
    check(whole.error() == cut.error());
    check(whole.hasHead() == cut.hasHead());
    check(whole.body() == cut.body());
    if (whole.hasHead()) {
        check(whole.head().method == cut.head().method);
        check(whole.head().path == cut.head().path);
        check(whole.head().headers == cut.head().headers);
        check(!whole.head().method.isEmpty());
        check(!whole.head().path.contains('?'));
        for (auto it = whole.head().headers.cbegin(); it != whole.head().headers.cend(); ++it)
            check(it.key() == it.key().toLower() && !it.key().isEmpty());
    }
    switch (whole.state()) {
    case HttpRequestParser::State::Complete:
        check(whole.hasHead());
        check(whole.contentLength() >= 0 && whole.contentLength() <= kMaxBody);
        check(whole.body().size() == whole.contentLength());
        check(whole.room() == 0);
        check(!whole.head().headers.contains("transfer-encoding"));
        break;
    case HttpRequestParser::State::Failed:
        check(whole.error() != HttpRequestParser::Error::None);
        check(whole.room() == 0);
        check(whole.body().isEmpty());
        if (whole.hasHead())
            check(whole.error() == HttpRequestParser::Error::LengthRequired ||
                  whole.error() == HttpRequestParser::Error::BadContentLength ||
                  whole.error() == HttpRequestParser::Error::BodyTooLarge);
        break;
    case HttpRequestParser::State::Body:
        check(whole.hasHead() && whole.room() > 0);
        break;
    case HttpRequestParser::State::Head:
        check(!whole.hasHead());
        // Without the end of a head, never more than the limit and a partial terminator is held.
        check(input.size() < kMaxHeaderBytes + 4);
        break;
    }
    return 0;
}
