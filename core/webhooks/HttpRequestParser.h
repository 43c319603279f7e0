// The framing of one HTTP/1.1 request as the webhook receiver reads it (request line, headers, a body of
// exactly Content-Length bytes), without sockets, so the part that reads hostile bytes is unit-tested and
// fuzzed on its own (tests/fuzz/fuzz_http.cpp). The receiver decides what to do with a request (paths,
// methods, secrets, signatures); this class only says where the head and the body are and whether they are
// well-formed.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

namespace sb::webhooks {

inline constexpr qsizetype kMaxHeaderBytes = 16 * 1024;

struct HttpHead {
    QByteArray method;
    QByteArray path;                       // the request target without its query
    QHash<QByteArray, QByteArray> headers; // lower-case names, values trimmed
};

class HttpRequestParser {
public:
    enum class State {
        Head,     // the head has not ended yet
        Body,     // the head is read and valid; the body is still coming
        Complete, // head and body are read: body() holds exactly Content-Length bytes
        Failed,   // error() says why; nothing more is read
    };
    enum class Error {
        None,
        HeadersTooLarge,   // no end of the head within kMaxHeaderBytes (431)
        BadRequestLine,    // not "METHOD TARGET HTTP/1.x" (400)
        BadHeader,         // a header line without a name, with a space before its colon, folded, or with
                           // control characters (400)
        ConflictingHeader, // Content-Length or a signature header given twice with different values (400)
        LengthRequired,    // no Content-Length, or Transfer-Encoding (411)
        BadContentLength,  // not a plain decimal number (400)
        BodyTooLarge,      // Content-Length over the limit: refused before the body is read (413)
    };

    explicit HttpRequestParser(qsizetype maxBodyBytes);

    // Takes the next bytes the peer sent and parses as far as they go. Bytes beyond the body are ignored
    // (one request per connection). Never holds more than room() allowed.
    State feed(QByteArrayView bytes);

    // How many more bytes are worth reading: 0 once Complete or Failed. Callers read at most this much, so
    // a peer cannot make the receiver buffer more than the head limit plus the body limit.
    qsizetype room() const;

    State state() const { return m_state; }
    Error error() const { return m_error; }
    // True once the head ended and parsed (also when it then failed on its length, so a caller can refuse
    // the path or the method first).
    bool hasHead() const { return m_hasHead; }
    const HttpHead &head() const { return m_head; }
    qint64 contentLength() const { return m_contentLength; }
    // The body once Complete (empty before).
    QByteArray body() const;

private:
    void parseHead(qsizetype end, qsizetype gap);
    void fail(Error e);

    qsizetype m_maxBody;
    QByteArray m_buffer;
    State m_state = State::Head;
    Error m_error = Error::None;
    bool m_hasHead = false;
    HttpHead m_head;
    qsizetype m_bodyStart = 0;
    qint64 m_contentLength = -1;
};

} // namespace sb::webhooks
