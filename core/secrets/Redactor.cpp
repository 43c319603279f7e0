#include "secrets/Redactor.h"

#include <QReadWriteLock>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace sb::secrets {

namespace {
// Heap objects that are never freed: the message handler can run during static destruction at exit, when
// function-local statics may already be gone.
QReadWriteLock &lock()
{
    static auto *l = new QReadWriteLock;
    return *l;
}
QSet<QString> &secrets()
{
    static auto *s = new QSet<QString>;
    return *s;
}
thread_local bool t_inHandler = false;
QtMessageHandler g_previous = nullptr;

void handler(QtMsgType type, const QMessageLogContext &ctx, const QString &message)
{
    // A message raised while redacting (Qt complaining about a regular expression, say) comes from the
    // redactor itself and holds no secret: pass it on rather than recurse.
    const bool nested = t_inHandler;
    t_inHandler = true;
    const QString clean = nested ? message : Redactor::redact(message);
    t_inHandler = nested;
    if (g_previous) {
        g_previous(type, ctx, clean);
        return;
    }
    // Qt's default handler was in use (qInstallMessageHandler returns null for it): print as it would.
    const QByteArray line = qFormatLogMessage(type, ctx, clean).toLocal8Bit() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    if (type == QtFatalMsg)
        std::abort();
}

QString maskKeepingTail(const QString &prefix, const QString &body)
{
    // Stripe itself shows the last four characters; that is enough to tell keys apart, not to use one.
    return prefix + u"********"_s + (body.size() > 12 ? body.right(4) : QString());
}
} // namespace

QString Redactor::redact(const QString &text)
{
    static const auto &stripeKey =
        *new QRegularExpression(u"(?<![A-Za-z])((?:sk|rk|pk)_(?:test|live)_)([A-Za-z0-9]{6,})"_s);
    static const auto &signingSecret = *new QRegularExpression(u"(?<![A-Za-z])whsec_[A-Za-z0-9+/=_]{6,}"_s);
    // Case-sensitive, and the value must look like a credential (a digit somewhere in 12+ characters), so
    // prose such as "Invalid token format" or "Basic information about customers" is left alone.
    static const auto &authValue = *new QRegularExpression(
        u"\\b(Bearer|Token|Basic)\\s+(?=[A-Za-z._~+/=:-]*[0-9])[A-Za-z0-9._~+/=:-]{12,}"_s);
    // Also Qt's debug form of a raw header pair: ("X-Kit-Api-Key", "kit_…").
    static const auto &kitHeader = *new QRegularExpression(u"(X-Kit-Api-Key\"?\\s*[:=,]\\s*\"?)[^\\s\")]+"_s,
                                                           QRegularExpression::CaseInsensitiveOption);

    QString out = text;
    {
        // Registered secrets first, longest first, so a secret containing another is masked whole.
        QReadLocker locker(&lock());
        if (!secrets().isEmpty()) {
            QList<QString> list = secrets().values();
            std::sort(list.begin(), list.end(),
                      [](const QString &a, const QString &b) { return a.size() > b.size(); });
            for (const QString &s : std::as_const(list))
                out.replace(s, u"********"_s);
        }
    }
    QString result;
    qsizetype last = 0;
    auto it = stripeKey.globalMatch(out);
    while (it.hasNext()) {
        const auto m = it.next();
        result += QStringView(out).mid(last, m.capturedStart() - last);
        result += maskKeepingTail(m.captured(1), m.captured(2));
        last = m.capturedEnd();
    }
    result += QStringView(out).mid(last);
    result.replace(signingSecret, u"whsec_********"_s);
    result.replace(authValue, u"\\1 ********"_s);
    result.replace(kitHeader, u"\\1********"_s);
    return result;
}

void Redactor::addSecret(const QString &secret)
{
    // Very short values would mask ordinary words; real keys and tokens are far longer.
    if (secret.trimmed().size() < 8)
        return;
    QWriteLocker locker(&lock());
    secrets().insert(secret.trimmed());
}

void Redactor::clearSecrets()
{
    QWriteLocker locker(&lock());
    secrets().clear();
}

void Redactor::installMessageHandler()
{
    QtMessageHandler previous = qInstallMessageHandler(handler);
    if (previous != handler)
        g_previous = previous;
}

} // namespace sb::secrets
