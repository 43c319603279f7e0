#include "secrets/KeyLoader.h"

#include "secrets/Redactor.h"

using namespace Qt::StringLiterals;

namespace sb::secrets {

namespace {
QString *keyField(Config &c, const QString &provider)
{
    if (provider == "stripe"_L1)
        return &c.stripe.apiKey;
    if (provider == "circle"_L1)
        return &c.circle.token;
    if (provider == "kit"_L1)
        return &c.kit.apiKey;
    if (provider == kStripeWebhook)
        return &c.webhooks.stripeSecret;
    if (provider == kKitWebhook)
        return &c.webhooks.kitSecret;
    return nullptr;
}

// A webhook secret field may hold several (a rotation): each is masked on its own.
void addSecrets(const QString &value)
{
    Redactor::addSecret(value);
    for (const QByteArray &one : webhookSecrets(value))
        Redactor::addSecret(QString::fromUtf8(one));
}

struct Load {
    SecretStore *store;
    QString profile;
    QStringList pending;
    LoadedKeys result;
    std::function<void(LoadedKeys)> done;
};

void next(const std::shared_ptr<Load> &load)
{
    while (!load->pending.isEmpty()) {
        const QString provider = load->pending.takeFirst();
        QString *field = keyField(load->result.config, provider);
        if (!field)
            continue;
        if (!field->isEmpty()) { // the environment wins
            addSecrets(*field);
            continue;
        }
        if (!load->result.keychainProblem.isEmpty())
            continue; // the keychain already failed once: do not wait for it again
        load->store->read(secretName(load->profile, provider), [load, provider](Result<QString> r) {
            if (r) {
                *keyField(load->result.config, provider) = r.value();
                addSecrets(r.value());
            } else if (r.error().kind != ErrorKind::NotFound) {
                load->result.keychainProblem = r.error().message;
            }
            next(load);
        });
        return;
    }
    auto done = std::move(load->done);
    done(load->result);
}
} // namespace

void loadKeys(SecretStore *store, const QString &profile, Config base, const QStringList &providers,
              std::function<void(LoadedKeys)> done)
{
    auto load = std::make_shared<Load>();
    load->store = store;
    load->profile = profile;
    load->pending = providers;
    load->result.config = std::move(base);
    load->done = std::move(done);
    QMetaObject::invokeMethod(
        store, [load] { next(load); }, Qt::QueuedConnection);
}

} // namespace sb::secrets
