// Profiles: named sets of provider connections (for example "test" and "live"), each with its own cache.
// Kept in an INI file in the user's config folder. Never holds a secret: keys live in the keychain under
// secrets::secretName(profile, provider).
#pragma once

#include "common/Config.h"
#include "common/Result.h"

#include <QStringList>
#include <optional>

namespace sb {

struct Profile {
    QString name;
    QUrl stripeBaseUrl{QStringLiteral("https://api.stripe.com")};
    QUrl circleBaseUrl{QStringLiteral("https://app.circle.so")};
    QUrl kitBaseUrl{QStringLiteral("https://api.kit.com")};
    QString circleAuthScheme = QStringLiteral("Token");
    double stripeRequestsPerSecond = 0;

    // The profile's settings over a base config (keys and the database path are not touched).
    Config applyTo(Config base) const;
};

class ProfileStore {
public:
    explicit ProfileStore(QString iniPath = defaultPath());

    QStringList names() const;
    std::optional<Profile> profile(const QString &name) const;
    Status save(const Profile &profile);
    Status remove(const QString &name);
    QString activeName() const;
    void setActiveName(const QString &name);
    const QString &path() const { return m_path; }

    static QString defaultPath();
    static bool isValidName(const QString &name);
    // Each profile has its own cache, so test-mode and live data never mix.
    static QString databasePath(const QString &profileName);

private:
    QString m_path;
};

} // namespace sb
