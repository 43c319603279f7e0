// What every headless subcommand shares: the cache and configuration it opens, output, exit codes, and
// the provider keys loaded from the environment or the keychain (never from the command line).
#pragma once

#include "Cli.h"
#include "common/Config.h"
#include "common/Result.h"
#include "store/Database.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QTextStream>
#include <memory>

namespace sb::app {

struct Common {
    Config config;
    std::unique_ptr<store::Connection> connection;
    QString profile;
};

// --config, --profile and --db, then the cache opened.
Result<Common> openCommon(const QCommandLineParser &p);

QTextStream &out();
// Prints "switchboard: <message>" (secrets redacted) on stderr and returns `code`.
int fail(int code, const QString &message);
int exitCodeFor(const Error &e);
void printJson(const QJsonValue &v);

// Makes sure c.config has keys for `wanted` providers ("stripe", "circle", "kit"): those not in the
// environment come from the profile's keychain entries. Fails (a usage error naming the variable to set)
// when none of them has a key. `which`: the provider the user asked for, "" for all (for the message).
Status loadKeys(Common &c, const QStringList &wanted, const QString &which = {});
// Every key and webhook signing secret the environment did not give, from the keychain, none required
// (listen and doctor work with what there is). Returns the keychain's problem, if any.
QString loadOptionalKeys(Common &c);

} // namespace sb::app
