#include "identity/EmailNormalizer.h"

#include <QUrl>

namespace sb {

QString normalizeEmail(const QString &email)
{
    const QString trimmed = email.trimmed();
    const qsizetype at = trimmed.lastIndexOf(u'@');
    if (at <= 0 || at == trimmed.size() - 1 || trimmed.size() > 320)
        return {};
    for (const QChar c : trimmed) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return {};
    }
    const QString local = trimmed.left(at).toCaseFolded();
    const QString domain = trimmed.mid(at + 1).toCaseFolded();
    const QByteArray ace = QUrl::toAce(domain);
    if (ace.isEmpty())
        return {};
    return local + QLatin1Char('@') + QString::fromLatin1(ace).toLower();
}

} // namespace sb

namespace sb {

QString foldForSearch(const QString &text)
{
    const QString decomposed = text.trimmed().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const auto cat = c.category();
        if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_Enclosing || cat == QChar::Other_Format ||
            cat == QChar::Other_Control)
            continue;
        out.append(c);
    }
    return out.toCaseFolded().simplified();
}

QStringList searchWords(const QString &name)
{
    QStringList words;
    QString current;
    const QString folded = foldForSearch(name);
    for (const QChar c : folded) {
        if (c.isLetterOrNumber() || c == u'\'') {
            current.append(c);
        } else if (!current.isEmpty()) {
            words.append(current);
            current.clear();
        }
    }
    if (!current.isEmpty())
        words.append(current);
    words.removeDuplicates();
    return words;
}

QString looseEmail(const QString &normalizedEmail)
{
    const qsizetype at = normalizedEmail.lastIndexOf(u'@');
    if (at <= 0)
        return {};
    QString local = normalizedEmail.left(at);
    if (const qsizetype plus = local.indexOf(u'+'); plus > 0)
        local.truncate(plus);
    local.remove(u'.');
    return local + normalizedEmail.mid(at);
}

} // namespace sb
