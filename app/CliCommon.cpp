#include "CliCommon.h"

#include "common/Profiles.h"
#include "secrets/KeyLoader.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/Redactor.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb::app {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

int fail(int code, const QString &message)
{
    QTextStream err(stderr);
    err << "switchboard: " << secrets::Redactor::redact(message) << Qt::endl;
    return code;
}

int exitCodeFor(const Error &e)
{
    switch (e.kind) {
    case ErrorKind::Usage:
        return ExitUsage;
    case ErrorKind::NotFound:
        return ExitNotFound;
    default:
        return ExitIo;
    }
}

void printJson(const QJsonValue &v)
{
    const QJsonDocument doc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    out() << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    out().flush();
}

// --config, --profile and --db, then the cache opened.
Result<Common> openCommon(const QCommandLineParser &p)
{
    auto config = Config::load(p.value(u"config"_s));
    if (!config)
        return config.error();
    Common c{config.value(), nullptr, {}};
    ProfileStore profiles;
    c.profile = p.isSet(u"profile"_s) ? p.value(u"profile"_s) : profiles.activeName();
    if (p.isSet(u"profile"_s) && !profiles.profile(c.profile))
        return Error{ErrorKind::Usage, u"there is no profile named %1"_s.arg(c.profile)};
    if (const auto profile = profiles.profile(c.profile)) {
        // --config overrides the profile's URLs; the cache stays the profile's unless a path is given.
        if (!p.isSet(u"config"_s))
            c.config = profile->applyTo(c.config);
        if (!c.config.dbPathFromFile)
            c.config.dbPath = ProfileStore::databasePath(profile->name);
    }
    if (c.profile.isEmpty())
        c.profile = u"default"_s;
    if (p.isSet(u"db"_s))
        c.config.dbPath = p.value(u"db"_s);
    auto conn = store::Connection::open(c.config.dbPath, u"cli"_s);
    if (!conn)
        return conn.error();
    c.connection = std::move(conn).value();
    return c;
}

namespace {
// Reads the named secrets that the environment did not give from the profile's keychain (never from the
// command line); returns the keychain's problem, if it had one.
QString readFromKeychain(Common &c, const QStringList &names)
{
    secrets::KeychainSecretStore keychain;
    QString problem;
    secrets::loadKeys(&keychain, c.profile, c.config, names, [&c, &problem](secrets::LoadedKeys keys) {
        c.config = keys.config;
        problem = keys.keychainProblem;
        QCoreApplication::exit(0);
    });
    QCoreApplication::exec();
    return problem;
}
} // namespace

Status loadKeys(Common &c, const QStringList &wanted, const QString &which)
{
    QStringList missing;
    for (const QString &provider : wanted) {
        if (!sync::SyncWorker::connectedProviders(c.config).contains(provider))
            missing.append(provider);
    }
    if (!missing.isEmpty()) {
        const QString problem = readFromKeychain(c, missing);
        const QStringList connected = sync::SyncWorker::connectedProviders(c.config);
        const bool none = std::none_of(wanted.cbegin(), wanted.cend(),
                                       [&connected](const QString &w) { return connected.contains(w); });
        if (none)
            return Status::failure(
                ErrorKind::Usage,
                u"no %1 key: save one in the console's Connections page, or set %2%3"_s.arg(
                    which.isEmpty() ? u"Stripe, Circle or Kit"_s : which,
                    which.isEmpty() || which == "stripe"_L1
                        ? u"SWITCHBOARD_STRIPE_KEY (a restricted read-only rk_ key is best)"_s
                    : which == "circle"_L1 ? u"SWITCHBOARD_CIRCLE_TOKEN"_s
                                           : u"SWITCHBOARD_KIT_KEY"_s,
                    problem.isEmpty() ? QString() : u" (keychain: %1)"_s.arg(problem)));
    }
    return {};
}

QString loadOptionalKeys(Common &c)
{
    QStringList missing;
    const QStringList connected = sync::SyncWorker::connectedProviders(c.config);
    for (const QString &provider : {u"stripe"_s, u"circle"_s, u"kit"_s})
        if (!connected.contains(provider))
            missing.append(provider);
    if (c.config.webhooks.stripeSecret.isEmpty())
        missing.append(secrets::kStripeWebhook);
    if (c.config.webhooks.kitSecret.isEmpty())
        missing.append(secrets::kKitWebhook);
    return missing.isEmpty() ? QString() : readFromKeychain(c, missing);
}

} // namespace sb::app
