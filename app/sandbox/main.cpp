// switchboard-sandbox: serves a world of people as the Stripe, Circle and Kit APIs on loopback.
#include "Sandbox.h"
#include "StripeKeys.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

enum ExitCode { Ok = 0, Usage = 2, IoError = 3 };

int g_signalFd[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFd[0], &byte, 1);
}

int fail(ExitCode code, const QString &message)
{
    std::fputs(qPrintable(u"switchboard-sandbox: "_s + message + u"\n"_s), stderr);
    return code;
}

// "rk_test_x=customers:read,charges:write" -> the key and its grants; false + a message when malformed.
bool parseRestrictedKey(const QString &spec, QString *key, QHash<QString, sb::sandbox::StripeAccess> *access,
                        QString *error)
{
    using sb::sandbox::StripeAccess;
    const QStringList &resources = sb::sandbox::stripe::StripeKeys::resources();
    const qsizetype eq = spec.indexOf(u'=');
    *key = spec.left(eq);
    if (eq < 0 || !sb::sandbox::stripe::StripeKeys::isRestrictedKey(*key)) {
        *error = u"--restricted-key needs rk_test_…=resource:read|write,… (or rk_live_…)"_s;
        return false;
    }
    static const QHash<QString, StripeAccess> levels = {
        {u"none"_s, StripeAccess::None}, {u"read"_s, StripeAccess::Read}, {u"write"_s, StripeAccess::Write}};
    const QStringList grants = spec.mid(eq + 1).split(u',', Qt::SkipEmptyParts);
    for (const QString &grant : grants) {
        const QStringList parts = grant.trimmed().split(u':');
        const auto level = levels.constFind(parts.value(1));
        if (parts.size() != 2 || !resources.contains(parts.value(0)) || level == levels.cend()) {
            *error = u"--restricted-key: \""_s + grant +
                     u"\" is not resource:read|write|none with a resource among "_s + resources.join(u", "_s);
            return false;
        }
        access->insert(parts.value(0), *level);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"switchboard-sandbox"_s);
    QCoreApplication::setApplicationVersion(u"0.1.0"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serves faithful emulations of the Stripe, Circle and Kit APIs on 127.0.0.1, backed by a world."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption world(u"world"_s, u"Load the world from FILE."_s, u"FILE"_s);
    const QCommandLineOption generate(u"generate"_s, u"Generate a world of N people."_s, u"N"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed for --generate (default 1)."_s, u"S"_s, u"1"_s);
    const QCommandLineOption demo(u"demo"_s, u"Serve the built-in demo world."_s);
    const QCommandLineOption port(u"port"_s, u"Listen on port P (default: any free port)."_s, u"P"_s);
    const QCommandLineOption dump(u"dump-world"_s, u"Write the world as JSON to FILE."_s, u"FILE"_s);
    const QCommandLineOption keys(u"keys"_s, u"Accepted keys: STRIPE,CIRCLE,KIT."_s, u"KEYS"_s);
    const QCommandLineOption rate(u"stripe-rate"_s,
                                  u"Stripe requests per second before 429 (default 100, 0 = none)."_s, u"N"_s,
                                  u"100"_s);
    const QCommandLineOption restricted(
        u"restricted-key"_s,
        u"Also accept the Stripe restricted key KEY with these grants (repeatable), e.g. "
        u"rk_test_x=customers:read,charges:read,events:write."_s,
        u"KEY=resource:read|write,..."_s);
    const QCommandLineOption chaos(
        u"webhook-chaos"_s,
        u"Misbehave as providers may when delivering webhooks: dup (every delivery twice), shuffle (the "
        u"deliveries of one change in a random order), seed=N (the shuffle's seed, default 1)."_s,
        u"dup,shuffle[,seed=N]"_s);
    const QCommandLineOption kitSecret(u"kit-webhook-secret"_s,
                                       u"Sign Kit webhook deliveries with SECRET (default: "
                                       u"SWITCHBOARD_SANDBOX_KIT_WEBHOOK_SECRET, which keeps "
                                       u"it off the command line, or one made at start)."_s,
                                       u"SECRET"_s);
    const QCommandLineOption faults(
        u"faults"_s,
        u"Misbehave as providers may: e.g. stripe:429=2@3x2,circle:timeout@5,kit:truncate@2,seed=7 "
        u"(grammar in app/sandbox/README.md, \"Fault injection\")."_s,
        u"SPEC"_s);
    parser.addOptions(
        {help, world, generate, seed, demo, port, dump, keys, restricted, rate, chaos, kitSecret, faults});

    if (!parser.parse(QCoreApplication::arguments()))
        return fail(Usage, parser.errorText());
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Ok;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(Usage, u"unexpected argument: "_s + parser.positionalArguments().constFirst());
    const int sources = int(parser.isSet(world)) + int(parser.isSet(generate)) + int(parser.isSet(demo));
    if (sources != 1)
        return fail(Usage, u"give exactly one of --world FILE, --generate N or --demo"_s);
    if (parser.isSet(seed) && !parser.isSet(generate))
        return fail(Usage, u"--seed needs --generate"_s);

    sb::sandbox::Sandbox sandbox;
    if (parser.isSet(keys)) {
        const QStringList parts = parser.value(keys).split(u',');
        if (parts.size() != 3 || parts.contains(QString()))
            return fail(Usage, u"--keys needs three comma-separated keys: STRIPE,CIRCLE,KIT"_s);
        sandbox.setKeys(parts.at(0), parts.at(1), parts.at(2));
    }
    const QStringList restrictedKeys = parser.values(restricted);
    for (const QString &spec : restrictedKeys) {
        QString key;
        QHash<QString, sb::sandbox::StripeAccess> access;
        QString why;
        if (!parseRestrictedKey(spec, &key, &access, &why))
            return fail(Usage, why);
        sandbox.addStripeRestrictedKey(key, access);
    }
    bool ok = false;
    const int perSecond = parser.value(rate).toInt(&ok);
    if (!ok || perSecond < 0)
        return fail(Usage, u"--stripe-rate needs a number >= 0"_s);
    sandbox.setStripeRateLimit(perSecond);
    if (parser.isSet(chaos)) {
        bool duplicates = false;
        bool shuffle = false;
        quint64 chaosSeed = 1;
        const QStringList parts = parser.value(chaos).split(u',', Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const QString item = part.trimmed();
            if (item == u"dup") {
                duplicates = true;
            } else if (item == u"shuffle") {
                shuffle = true;
            } else if (item.startsWith(u"seed=")) {
                chaosSeed = item.mid(5).toULongLong(&ok);
                if (!ok)
                    return fail(Usage, u"--webhook-chaos: seed=N needs a non-negative integer"_s);
            } else {
                return fail(Usage,
                            u"--webhook-chaos takes dup, shuffle and seed=N, not \""_s + item + u"\""_s);
            }
        }
        sandbox.setWebhookChaos(duplicates, shuffle, chaosSeed);
    }
    if (parser.isSet(faults)) {
        // Before the world loads, so a clock skew applies to the world's times too.
        QString why;
        if (!sandbox.setFaults(parser.value(faults), &why))
            return fail(Usage, u"--faults: "_s + why);
    }
    if (parser.isSet(kitSecret)) {
        if (parser.value(kitSecret).isEmpty())
            return fail(Usage, u"--kit-webhook-secret needs a secret"_s);
        sandbox.setKitWebhookSecret(parser.value(kitSecret));
    } else if (const QString fromEnv = qEnvironmentVariable("SWITCHBOARD_SANDBOX_KIT_WEBHOOK_SECRET");
               !fromEnv.isEmpty()) {
        sandbox.setKitWebhookSecret(fromEnv); // a secret, even a test one, stays out of `ps`
    }
    // The providers' published limits (PROVIDERS.md): Circle per IP, Kit per API key.
    sandbox.setCircleRateLimit(2000, 300);
    sandbox.setKitRateLimit(120, 60);
    quint16 listenPort = 0;
    if (parser.isSet(port)) {
        const uint p = parser.value(port).toUInt(&ok);
        if (!ok || p > 65535)
            return fail(Usage, u"--port needs a number from 0 to 65535"_s);
        listenPort = static_cast<quint16>(p);
    }

    QString error;
    if (parser.isSet(generate)) {
        const int people = parser.value(generate).toInt(&ok);
        if (!ok || people < 0)
            return fail(Usage, u"--generate needs a number of people >= 0"_s);
        const quint64 s = parser.value(seed).toULongLong(&ok);
        if (!ok)
            return fail(Usage, u"--seed needs a non-negative integer"_s);
        sandbox.generateWorld(people, s);
    } else if (!sandbox.loadWorldFile(
                   parser.isSet(demo) ? u":/sandbox/demo-world.json"_s : parser.value(world), &error)) {
        return fail(IoError, error);
    }

    if (parser.isSet(dump)) {
        QFile out(parser.value(dump));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            out.write(QJsonDocument(sandbox.world()).toJson(QJsonDocument::Indented)) < 0 || !out.flush())
            return fail(IoError, u"cannot write "_s + parser.value(dump) + u": "_s + out.errorString());
        if (!parser.isSet(port))
            return Ok;
    }

    if (!sandbox.listen(listenPort))
        return fail(IoError, u"cannot listen on 127.0.0.1:"_s + QString::number(listenPort));
    std::fputs(qPrintable(sandbox.baseUrl().toString() + u"\n"_s), stdout);
    std::fflush(stdout);

    // SIGTERM/SIGINT end the event loop through a socket pair, the only safe thing a handler may do.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        auto *notifier = new QSocketNotifier(g_signalFd[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(g_signalFd[1], &byte, 1);
            QCoreApplication::quit();
        });
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &action, nullptr);
        sigaction(SIGINT, &action, nullptr);
    }
    return app.exec();
}
