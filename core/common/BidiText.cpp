#include "common/BidiText.h"

#include <QList>

namespace sb {

namespace {

constexpr char16_t kFsi = 0x2068;
constexpr char16_t kPdi = 0x2069;

bool isBidiControl(char32_t c)
{
    return c == 0x200e || c == 0x200f || c == 0x061c || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

} // namespace

bool hasBidiEffect(const QString &text)
{
    for (const char32_t c : QStringView(text).toUcs4()) {
        if (isBidiControl(c))
            return true;
        const auto d = QChar::direction(c);
        if (d == QChar::DirR || d == QChar::DirAL)
            return true;
    }
    return false;
}

QString isolatedForDisplay(const QString &text)
{
    if (!hasBidiEffect(text))
        return text;
    QString out;
    out.reserve(text.size() + 4);
    out += QChar(kFsi);
    int open = 0; // isolates opened inside the text and not yet closed
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x2066 && u <= 0x2068) {
            ++open;
        } else if (u == kPdi) {
            if (open == 0)
                continue; // would close the wrapper: dropped
            --open;
        }
        out += c;
    }
    // Close what the text left open, then the wrapper (a PDI also ends embeddings and overrides begun
    // inside it, so a lone U+202E stays inside).
    out += QString(open, QChar(kPdi));
    out += QChar(kPdi);
    return out;
}

} // namespace sb
