#include "common/Profiles.h"

#include <QDir>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace sb {

Config Profile::applyTo(Config base) const
{
    base.stripe.baseUrl = stripeBaseUrl;
    base.stripe.requestsPerSecond = stripeRequestsPerSecond;
    base.circle.baseUrl = circleBaseUrl;
    base.circle.authScheme = circleAuthScheme;
    base.kit.baseUrl = kitBaseUrl;
    return base;
}

ProfileStore::ProfileStore(QString iniPath)
    : m_path(std::move(iniPath))
{}

QString ProfileStore::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.config/switchboard"_s;
    return dir + u"/profiles.ini"_s;
}

bool ProfileStore::isValidName(const QString &name)
{
    // No spaces and no path characters: the name is the cache's file name as it is.
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$"_s);
    return re.match(name).hasMatch();
}

QString ProfileStore::databasePath(const QString &profileName)
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.local/share/switchboard"_s;
    return dir + u"/profiles/"_s + profileName + u".sqlite"_s;
}

QStringList ProfileStore::names() const
{
    QSettings ini(m_path, QSettings::IniFormat);
    ini.beginGroup(u"profiles"_s);
    QStringList out = ini.childGroups();
    out.sort(Qt::CaseInsensitive);
    return out;
}

std::optional<Profile> ProfileStore::profile(const QString &name) const
{
    QSettings ini(m_path, QSettings::IniFormat);
    ini.beginGroup(u"profiles/"_s + name);
    if (ini.childKeys().isEmpty())
        return std::nullopt;
    Profile p;
    p.name = name;
    p.stripeBaseUrl = QUrl(ini.value(u"stripe_base_url"_s, p.stripeBaseUrl.toString()).toString());
    p.circleBaseUrl = QUrl(ini.value(u"circle_base_url"_s, p.circleBaseUrl.toString()).toString());
    p.kitBaseUrl = QUrl(ini.value(u"kit_base_url"_s, p.kitBaseUrl.toString()).toString());
    p.circleAuthScheme = ini.value(u"circle_auth_scheme"_s, p.circleAuthScheme).toString();
    p.stripeRequestsPerSecond = ini.value(u"stripe_requests_per_second"_s, 0.0).toDouble();
    return p;
}

Status ProfileStore::save(const Profile &p)
{
    if (!isValidName(p.name))
        return Status::failure(ErrorKind::Usage,
                               u"a profile name is 1 to 40 letters, digits, spaces, _ or -"_s);
    for (const QUrl &u : {p.stripeBaseUrl, p.circleBaseUrl, p.kitBaseUrl}) {
        if (!isAcceptableBaseUrl(u))
            return Status::failure(
                ErrorKind::Usage,
                u"%1 is not an https URL (plain http only for this computer, e.g. the sandbox)"_s.arg(
                    u.toString()));
    }
    if (p.circleAuthScheme != "Token"_L1 && p.circleAuthScheme != "Bearer"_L1)
        return Status::failure(ErrorKind::Usage, u"the Circle auth scheme is Token or Bearer"_s);
    QSettings ini(m_path, QSettings::IniFormat);
    ini.beginGroup(u"profiles/"_s + p.name);
    ini.setValue(u"stripe_base_url"_s, p.stripeBaseUrl.toString());
    ini.setValue(u"circle_base_url"_s, p.circleBaseUrl.toString());
    ini.setValue(u"kit_base_url"_s, p.kitBaseUrl.toString());
    ini.setValue(u"circle_auth_scheme"_s, p.circleAuthScheme);
    ini.setValue(u"stripe_requests_per_second"_s, p.stripeRequestsPerSecond);
    ini.endGroup();
    ini.sync();
    if (ini.status() != QSettings::NoError)
        return Status::failure(ErrorKind::Io, u"cannot write %1"_s.arg(m_path));
    return {};
}

Status ProfileStore::remove(const QString &name)
{
    QSettings ini(m_path, QSettings::IniFormat);
    ini.remove(u"profiles/"_s + name);
    if (ini.value(u"active"_s).toString() == name)
        ini.remove(u"active"_s);
    ini.sync();
    return ini.status() == QSettings::NoError
               ? Status()
               : Status::failure(ErrorKind::Io, u"cannot write %1"_s.arg(m_path));
}

QString ProfileStore::activeName() const
{
    QSettings ini(m_path, QSettings::IniFormat);
    return ini.value(u"active"_s).toString();
}

void ProfileStore::setActiveName(const QString &name)
{
    QSettings ini(m_path, QSettings::IniFormat);
    ini.setValue(u"active"_s, name);
}

} // namespace sb
