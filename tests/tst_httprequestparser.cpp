// The webhook receiver's request framing (webhooks/HttpRequestParser) without sockets: what is accepted,
// what is refused and why, that the verdict does not depend on how TCP cut the bytes, and that nothing past
// the limits is buffered. tst_webhooks covers the same refusals over a real socket.
#include "webhooks/HttpRequestParser.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using sb::webhooks::HttpRequestParser;
using sb::webhooks::kMaxHeaderBytes;
using State = HttpRequestParser::State;
using Error = HttpRequestParser::Error;

Q_DECLARE_METATYPE(HttpRequestParser::State)
Q_DECLARE_METATYPE(HttpRequestParser::Error)

namespace {

constexpr qsizetype kMaxBody = 4096;

HttpRequestParser parse(const QByteArray &bytes, qsizetype piece)
{
    HttpRequestParser p(kMaxBody);
    for (qsizetype at = 0; at < bytes.size(); at += piece)
        p.feed(QByteArrayView(bytes).sliced(at, std::min(piece, bytes.size() - at)));
    return p;
}

} // namespace

class TestHttpRequestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void framing_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<State>("state");
        QTest::addColumn<Error>("error");
        QTest::addColumn<QByteArray>("body");

        const QByteArray ok = "POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
        QTest::newRow("complete") << ok << State::Complete << Error::None << "{}"_ba;
        QTest::newRow("bytes after the body are ignored") << ok + "GET / HTTP/1.1\r\n\r\n"
                                                          << State::Complete << Error::None << "{}"_ba;
        QTest::newRow("bare LF") << "POST /webhooks/kit HTTP/1.0\nContent-Length: 3\n\nabc"_ba
                                 << State::Complete << Error::None << "abc"_ba;
        QTest::newRow("empty body") << "POST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n"_ba << State::Complete
                                    << Error::None << QByteArray();
        QTest::newRow("body still coming") << "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n{\"a\""_ba
                                           << State::Body << Error::None << QByteArray();
        QTest::newRow("head still coming")
            << "POST /x HTTP/1.1\r\nContent-Le"_ba << State::Head << Error::None << QByteArray();
        QTest::newRow("same length twice")
            << "POST /x HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"_ba << State::Complete
            << Error::None << "{}"_ba;
        QTest::newRow("not HTTP") << "HELLO\r\n\r\n"_ba << State::Failed << Error::BadRequestLine
                                  << QByteArray();
        QTest::newRow("HTTP/2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << State::Failed
                                        << Error::BadRequestLine << QByteArray();
        QTest::newRow("NUL in the target")
            << "POST /x\0y HTTP/1.1\r\n\r\n"_ba << State::Failed << Error::BadRequestLine << QByteArray();
        QTest::newRow("method not a token") << "PO(ST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n"_ba
                                            << State::Failed << Error::BadRequestLine << QByteArray();
        QTest::newRow("space before the colon") << "POST /x HTTP/1.1\r\nContent-Length : 2\r\n\r\n{}"_ba
                                                << State::Failed << Error::BadHeader << QByteArray();
        QTest::newRow("folded header") << "POST /x HTTP/1.1\r\nContent-Length: 2\r\n X-More: 1\r\n\r\n{}"_ba
                                       << State::Failed << Error::BadHeader << QByteArray();
        QTest::newRow("bare CR in a value")
            << "POST /x HTTP/1.1\r\nX-A: 1\rContent-Length: 9\r\nContent-Length: 2\r\n\r\n{}"_ba
            << State::Failed << Error::BadHeader << QByteArray();
        QTest::newRow("NUL in a value") << "POST /x HTTP/1.1\r\nX-A: a\0b\r\nContent-Length: 0\r\n\r\n"_ba
                                        << State::Failed << Error::BadHeader << QByteArray();
        QTest::newRow("no colon") << "POST /x HTTP/1.1\r\nContent-Length\r\n\r\n"_ba << State::Failed
                                  << Error::BadHeader << QByteArray();
        QTest::newRow("two lengths")
            << "POST /x HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"_ba << State::Failed
            << Error::ConflictingHeader << QByteArray();
        QTest::newRow("two signatures")
            << "POST /x HTTP/1.1\r\nStripe-Signature: a\r\nstripe-signature: b\r\nContent-Length: 0\r\n\r\n"_ba
            << State::Failed << Error::ConflictingHeader << QByteArray();
        QTest::newRow("no length") << "POST /x HTTP/1.1\r\nHost: x\r\n\r\n"_ba << State::Failed
                                   << Error::LengthRequired << QByteArray();
        QTest::newRow("chunked and a length")
            << "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nhello"_ba
            << State::Failed << Error::LengthRequired << QByteArray();
        QTest::newRow("signed length") << "POST /x HTTP/1.1\r\nContent-Length: +2\r\n\r\n{}"_ba
                                       << State::Failed << Error::BadContentLength << QByteArray();
        QTest::newRow("negative length") << "POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n"_ba
                                         << State::Failed << Error::BadContentLength << QByteArray();
        QTest::newRow("length list") << "POST /x HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\n{}"_ba
                                     << State::Failed << Error::BadContentLength << QByteArray();
        QTest::newRow("hex length") << "POST /x HTTP/1.1\r\nContent-Length: 0x2\r\n\r\n{}"_ba << State::Failed
                                    << Error::BadContentLength << QByteArray();
        QTest::newRow("length beyond qint64")
            << "POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n"_ba << State::Failed
            << Error::BadContentLength << QByteArray();
        QTest::newRow("length over the limit") << "POST /x HTTP/1.1\r\nContent-Length: 4097\r\n\r\n"_ba
                                               << State::Failed << Error::BodyTooLarge << QByteArray();
        QTest::newRow("huge head") << "POST /x HTTP/1.1\r\nX-Pad: " + QByteArray(kMaxHeaderBytes, 'a')
                                   << State::Failed << Error::HeadersTooLarge << QByteArray();
    }
    void framing()
    {
        QFETCH(QByteArray, request);
        QFETCH(State, state);
        QFETCH(Error, error);
        QFETCH(QByteArray, body);
        // Whole, and cut into reads of every small size: TCP may deliver any of them.
        for (const qsizetype piece :
             {request.size(), qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(7)}) {
            const HttpRequestParser p = parse(request, std::max<qsizetype>(piece, 1));
            QCOMPARE(p.state(), state);
            QCOMPARE(p.error(), error);
            QCOMPARE(p.body(), body);
        }
    }

    void headIsReadBeforeALengthRefusal()
    {
        // The receiver refuses a wrong path or method before a bad length: the head is there to ask.
        const HttpRequestParser p = parse("GET /webhooks/stripe?x=1 HTTP/1.1\r\nHost: x\r\n\r\n", 1000);
        QCOMPARE(p.state(), State::Failed);
        QCOMPARE(p.error(), Error::LengthRequired);
        QVERIFY(p.hasHead());
        QCOMPARE(p.head().method, "GET"_ba);
        QCOMPARE(p.head().path, "/webhooks/stripe"_ba);
        QCOMPARE(p.head().headers.value("host"), "x"_ba);
    }

    // Regression (found by the fuzz target's "the verdict does not depend on the cut" invariant): a head
    // that ends exactly at the limit was refused as too large when its terminator arrived in two reads.
    void headAtTheLimitWithASplitTerminator()
    {
        QByteArray head = "POST /x HTTP/1.1\r\nContent-Length: 0\r\nX-Pad: ";
        head += QByteArray(kMaxHeaderBytes - head.size(), 'a');
        QCOMPARE(head.size(), kMaxHeaderBytes);
        const QByteArray request = head + "\r\n\r\n";
        HttpRequestParser p(kMaxBody);
        p.feed(request.first(kMaxHeaderBytes + 2));
        QCOMPARE(p.state(), State::Head);
        p.feed(request.sliced(kMaxHeaderBytes + 2));
        QCOMPARE(p.state(), State::Complete);
        QCOMPARE(parse(request, request.size()).state(), State::Complete);
        // One byte more and it is too large, however it is cut.
        const QByteArray over = head + "a\r\n\r\n";
        QCOMPARE(parse(over, over.size()).error(), Error::HeadersTooLarge);
        QCOMPARE(parse(over, 3).error(), Error::HeadersTooLarge);
    }

    void neverBuffersPastTheLimits()
    {
        HttpRequestParser p(kMaxBody);
        QVERIFY(p.room() <= kMaxHeaderBytes + 4 + kMaxBody);
        p.feed("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n");
        QCOMPARE(p.state(), State::Body);
        QCOMPARE(p.room(), 10);
        p.feed(QByteArray(1 << 20, 'x')); // a peer that sends far more than it said
        QCOMPARE(p.state(), State::Complete);
        QCOMPARE(p.body(), QByteArray(10, 'x'));
        QCOMPARE(p.room(), 0);
        p.feed("more");
        QCOMPARE(p.body(), QByteArray(10, 'x'));

        HttpRequestParser refused(kMaxBody);
        refused.feed("HELLO\r\n\r\n");
        QCOMPARE(refused.room(), 0);
    }

    void slowDripIsLinear()
    {
        // A head sent a byte at a time is scanned from where the last read ended, not from the start.
        QByteArray head = "POST /x HTTP/1.1\r\nX-Pad: " + QByteArray(kMaxHeaderBytes - 64, 'a') +
                          "\r\nContent-Length: 0\r\n\r\n";
        QElapsedTimer t;
        t.start();
        const HttpRequestParser p = parse(head, 1);
        QCOMPARE(p.state(), State::Complete);
        QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
