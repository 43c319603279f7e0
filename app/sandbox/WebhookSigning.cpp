#include "WebhookSigning.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace sb::sandbox {

QByteArray webhookSignature(const QString &secret, qint64 t, const QByteArray &body)
{
    const QByteArray stamp = QByteArray::number(t);
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret.toUtf8());
    mac.addData(stamp);
    mac.addData(".");
    mac.addData(body);
    return "t=" + stamp + ",v1=" + mac.result().toHex();
}

QString makeWebhookSecret()
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString secret = u"whsec_"_s;
    for (int i = 0; i < 32; ++i)
        secret.append(QLatin1Char(alphabet[QRandomGenerator::system()->bounded(62)]));
    return secret;
}

QString makeUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool isLoopbackHttp(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty())
        return false;
    const QString host = url.host();
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return address == QHostAddress(QHostAddress::LocalHost) ||
           address == QHostAddress(QHostAddress::LocalHostIPv6);
}

QUrl loopbackTarget(const QUrl &url)
{
    QUrl target = url;
    if (target.host().compare(u"localhost", Qt::CaseInsensitive) == 0)
        target.setHost(u"127.0.0.1"_s);
    return target;
}

} // namespace sb::sandbox
