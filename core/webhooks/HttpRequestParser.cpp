#include "webhooks/HttpRequestParser.h"

#include <QList>

namespace sb::webhooks {

namespace {

// RFC 9110 token characters: what a method and a header name may be made of.
bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        QByteArrayView("!#$%&'*+-.^_`|~").contains(char(c));
        if (!ok)
            return false;
    }
    return true;
}

// Control characters other than TAB have no place in a header value or a request target; a bare CR in
// particular is how a request is made to mean different things to two parsers.
bool hasControl(QByteArrayView s)
{
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return true;
    }
    return false;
}

QByteArrayView withoutCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

} // namespace

HttpRequestParser::HttpRequestParser(qsizetype maxBodyBytes)
    : m_maxBody(std::max<qsizetype>(maxBodyBytes, 0))
{}

qsizetype HttpRequestParser::room() const
{
    switch (m_state) {
    case State::Head:
        // The head, its terminator and a body of the largest size may all come in one read.
        return std::max<qsizetype>(kMaxHeaderBytes + 4 + m_maxBody - m_buffer.size(), 0);
    case State::Body:
        return std::max<qsizetype>(m_bodyStart + m_contentLength - m_buffer.size(), 0);
    case State::Complete:
    case State::Failed:
        break;
    }
    return 0;
}

HttpRequestParser::State HttpRequestParser::feed(QByteArrayView bytes)
{
    const qsizetype take = std::min(room(), bytes.size());
    if (take <= 0)
        return m_state;
    // A terminator may straddle the previous bytes and these: look again from 3 bytes back, not from the
    // start (a head sent a byte at a time would otherwise be scanned quadratically).
    const qsizetype scanFrom = std::max<qsizetype>(m_buffer.size() - 3, 0);
    m_buffer.append(bytes.first(take));
    if (m_state == State::Head) {
        // CRLF CRLF ends the head; a bare LF LF too (RFC 9112 allows a lone LF as a line end).
        qsizetype end = m_buffer.indexOf("\r\n\r\n", scanFrom);
        qsizetype gap = 4;
        if (const qsizetype lf = m_buffer.indexOf("\n\n", scanFrom); lf >= 0 && (end < 0 || lf < end)) {
            end = lf;
            gap = 2;
        }
        if (end < 0) {
            // A head of exactly the limit may still be waiting for the last bytes of its terminator: only
            // past them is it too large, so the verdict does not depend on how the bytes were split.
            if (m_buffer.size() >= kMaxHeaderBytes + 4)
                fail(Error::HeadersTooLarge);
            return m_state;
        }
        if (end > kMaxHeaderBytes) {
            fail(Error::HeadersTooLarge);
            return m_state;
        }
        parseHead(end, gap);
        if (m_state != State::Body)
            return m_state;
    }
    if (m_state == State::Body && m_buffer.size() - m_bodyStart >= m_contentLength)
        m_state = State::Complete;
    return m_state;
}

void HttpRequestParser::parseHead(qsizetype end, qsizetype gap)
{
    m_bodyStart = end + gap;
    const QList<QByteArray> lines = m_buffer.first(end).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.") || !isToken(requestLine.at(0)) ||
        requestLine.at(1).isEmpty() || hasControl(requestLine.at(1))) {
        fail(Error::BadRequestLine);
        return;
    }
    m_head.method = requestLine.at(0);
    m_head.path = requestLine.at(1);
    if (const qsizetype q = m_head.path.indexOf('?'); q >= 0)
        m_head.path.truncate(q);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = withoutCr(lines.at(i));
        // A line that starts with white space continues the previous one (obsolete folding): refused, as
        // RFC 9112 allows, rather than guessed at.
        if (line.startsWith(' ') || line.startsWith('\t')) {
            fail(Error::BadHeader);
            return;
        }
        const qsizetype colon = line.indexOf(':');
        // No white space between a name and its colon (RFC 9112 §5.1): "Content-Length :" is how a request
        // is smuggled past a proxy that reads it differently.
        if (colon <= 0 || !isToken(line.first(colon))) {
            fail(Error::BadHeader);
            return;
        }
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArray value = line.sliced(colon + 1).toByteArray().trimmed();
        if (hasControl(value)) {
            fail(Error::BadHeader);
            return;
        }
        if (m_head.headers.contains(name) && m_head.headers.value(name) != value &&
            (name == "content-length" || name == "stripe-signature" || name == "x-kit-signature")) {
            // Two different lengths or signatures: a smuggling attempt or a broken proxy.
            fail(Error::ConflictingHeader);
            return;
        }
        m_head.headers.insert(name, value);
    }
    m_hasHead = true;
    if (m_head.headers.contains("transfer-encoding") || !m_head.headers.contains("content-length")) {
        fail(Error::LengthRequired);
        return;
    }
    const QByteArray lengthText = m_head.headers.value("content-length");
    bool digitsOnly = !lengthText.isEmpty() && lengthText.size() <= 18;
    for (const char c : lengthText)
        digitsOnly = digitsOnly && c >= '0' && c <= '9';
    if (!digitsOnly) {
        // Only 1*DIGIT: no sign, no white space, no list ("5, 5"), and short enough that it cannot overflow.
        fail(Error::BadContentLength);
        return;
    }
    const qint64 length = lengthText.toLongLong();
    if (length > m_maxBody) {
        fail(Error::BodyTooLarge);
        return;
    }
    m_contentLength = length;
    m_state = State::Body;
}

void HttpRequestParser::fail(Error e)
{
    m_state = State::Failed;
    m_error = e;
    // Nothing more is read; what was read is no longer needed.
    m_buffer.clear();
}

QByteArray HttpRequestParser::body() const
{
    if (m_state != State::Complete)
        return {};
    return m_buffer.sliced(m_bodyStart, m_contentLength);
}

} // namespace sb::webhooks
