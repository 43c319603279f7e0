#include "common/Config.h"

#include "common/Log.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace sb {

bool isAcceptableBaseUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == "https"_L1)
        return true;
    const QString host = url.host();
    return url.scheme() == "http"_L1 &&
           (host == "localhost"_L1 || host == "127.0.0.1"_L1 || host == "::1"_L1);
}

namespace {
bool readUrl(QSettings &ini, const QString &key, QUrl &target, QString *error)
{
    if (!ini.contains(key))
        return true;
    const QUrl url(ini.value(key).toString().trimmed(), QUrl::StrictMode);
    if (!isAcceptableBaseUrl(url)) {
        *error = u"%1: not an https URL (plain http only for this computer, e.g. the sandbox)"_s.arg(key);
        return false;
    }
    target = url;
    return true;
}
} // namespace

Result<Config> Config::load(const QString &iniPath)
{
    Config c;
    if (!iniPath.isEmpty()) {
        if (!QFileInfo(iniPath).isReadable())
            return Result<Config>::failure(ErrorKind::Io, u"cannot read config file %1"_s.arg(iniPath));
        QSettings ini(iniPath, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError)
            return Result<Config>::failure(ErrorKind::Usage,
                                           u"config file %1 is not valid INI"_s.arg(iniPath));
        QString error;
        if (!readUrl(ini, u"stripe/base_url"_s, c.stripe.baseUrl, &error) ||
            !readUrl(ini, u"circle/base_url"_s, c.circle.baseUrl, &error) ||
            !readUrl(ini, u"kit/base_url"_s, c.kit.baseUrl, &error))
            return Result<Config>::failure(ErrorKind::Usage, u"%1: %2"_s.arg(iniPath, error));
        c.stripe.requestsPerSecond = ini.value(u"stripe/requests_per_second"_s, 0.0).toDouble();
        const QString scheme = ini.value(u"circle/auth_scheme"_s, u"Token"_s).toString().trimmed();
        if (scheme != "Token"_L1 && scheme != "Bearer"_L1)
            return Result<Config>::failure(ErrorKind::Usage,
                                           u"%1: circle/auth_scheme must be Token or Bearer"_s.arg(iniPath));
        c.circle.authScheme = scheme;
        struct IntKey {
            const char *key;
            int *target;
            int min, max;
        };
        const IntKey ints[] = {
            {"circle/page_size", &c.circle.pageSize, 1, 100},
            {"circle/interval_minutes", &c.circle.intervalMinutes, 1, 7 * 24 * 60},
            {"circle/full_every_hours", &c.circle.fullEveryHours, 1, 24 * 31},
            {"kit/page_size", &c.kit.pageSize, 1, 1000},
            {"kit/interval_minutes", &c.kit.intervalMinutes, 1, 7 * 24 * 60},
            {"kit/full_every_hours", &c.kit.fullEveryHours, 1, 24 * 31},
            {"webhooks/port", &c.webhooks.port, 1, 65535},
            {"webhooks/tolerance_seconds", &c.webhooks.toleranceSeconds, 1, 24 * 3600},
        };
        for (const IntKey &k : ints) {
            const QString key = QString::fromLatin1(k.key);
            if (!ini.contains(key))
                continue;
            bool ok = false;
            const int v = ini.value(key).toString().trimmed().toInt(&ok);
            if (!ok || v < k.min || v > k.max)
                return Result<Config>::failure(
                    ErrorKind::Usage,
                    u"%1: %2 must be a whole number from %3 to %4"_s.arg(iniPath, key).arg(k.min).arg(k.max));
            *k.target = v;
        }
        if (ini.contains(u"circle/monthly_quota"_s)) {
            bool ok = false;
            const qint64 v = ini.value(u"circle/monthly_quota"_s).toString().trimmed().toLongLong(&ok);
            if (!ok || v < 0)
                return Result<Config>::failure(
                    ErrorKind::Usage,
                    u"%1: circle/monthly_quota must be a whole number (0 = none)"_s.arg(iniPath));
            c.circle.monthlyQuota = v;
        }
        c.circle.requestsPer5Min =
            ini.value(u"circle/requests_per_5_minutes"_s, c.circle.requestsPer5Min).toDouble();
        c.kit.requestsPerMinute = ini.value(u"kit/requests_per_minute"_s, c.kit.requestsPerMinute).toDouble();
        const QString receiver = ini.value(u"webhooks/receiver"_s, u"off"_s).toString().trimmed();
        if (receiver != "on"_L1 && receiver != "off"_L1)
            return Result<Config>::failure(ErrorKind::Usage,
                                           u"%1: webhooks/receiver must be on or off"_s.arg(iniPath));
        c.webhooks.receiverOnAtStart = receiver == "on"_L1;
        ini.beginGroup(u"findings"_s);
        for (const QString &key : ini.childKeys())
            c.findings.insert(key, ini.value(key).toString().trimmed());
        ini.endGroup();
        c.dbPath = ini.value(u"general/db"_s).toString();
        c.dbPathFromFile = !c.dbPath.isEmpty();
    }
    c.stripe.apiKey = qEnvironmentVariable("SWITCHBOARD_STRIPE_KEY");
    c.circle.token = qEnvironmentVariable("SWITCHBOARD_CIRCLE_TOKEN");
    c.kit.apiKey = qEnvironmentVariable("SWITCHBOARD_KIT_KEY");
    c.webhooks.stripeSecret = qEnvironmentVariable("SWITCHBOARD_STRIPE_WEBHOOK_SECRET");
    c.webhooks.kitSecret = qEnvironmentVariable("SWITCHBOARD_KIT_WEBHOOK_SECRET");
    if (c.dbPath.isEmpty())
        c.dbPath = defaultDbPath();
    return c;
}

QList<QByteArray> webhookSecrets(const QString &secrets)
{
    QList<QByteArray> out;
    static const QRegularExpression separators(u"[,\\s]+"_s);
    for (const QString &s : secrets.split(separators, Qt::SkipEmptyParts))
        out.append(s.toUtf8());
    return out;
}

QString Config::defaultDbPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + "/.local/share/switchboard"_L1;
    return dir + "/switchboard.sqlite"_L1;
}

} // namespace sb
