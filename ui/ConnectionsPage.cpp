#include "ConnectionsPage.h"

#include "secrets/KeyLoader.h"
#include "secrets/SecretStore.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace sb::ui {

struct ConnectionsPage::ProviderRow {
    QString provider;
    QLineEdit *url = nullptr;
    QLineEdit *key = nullptr;
    QLabel *keyState = nullptr;
    QPushButton *save = nullptr;
    QPushButton *remove = nullptr;
    QPushButton *test = nullptr;
    QLabel *result = nullptr;
    bool keySaved = false;
};

namespace {
QString masked(const QString &secret)
{
    return secret.size() > 8 ? u"…"_s + secret.right(4) : u"…"_s;
}
} // namespace

ConnectionsPage::ConnectionsPage(secrets::SecretStore *secrets, ProfileStore *profiles, QWidget *parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_profiles(profiles)
    , m_nam(new QNetworkAccessManager) // handed to the tester below, which must outlive nothing it uses
    , m_tester(new connections::ConnectionTester(m_nam, this))
    , m_profileBox(new QComboBox(this))
    , m_keychain(new QLabel(this))
    , m_message(new QLabel(this))
    , m_circleScheme(new QComboBox(this))
{
    setObjectName(u"connectionsPage"_s);
    // The network manager is the tester's child, so the tester (cancelling its runs) goes first.
    m_nam->setParent(m_tester);
    auto *title = new QLabel(tr("Connections"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    title->setFont(f);

    m_profileBox->setObjectName(u"profileBox"_s);
    m_profileBox->setEditable(false);
    auto *newProfile = new QPushButton(tr("New profile…"), this);
    auto *deleteProfile = new QPushButton(tr("Delete profile"), this);
    auto *sandbox = new QPushButton(tr("Sandbox preset"), this);
    sandbox->setToolTip(
        tr("Point every provider at a local switchboard-sandbox on port 8765 with its test keys"));
    auto *profileRow = new QHBoxLayout;
    profileRow->addWidget(new QLabel(tr("Profile:"), this));
    profileRow->addWidget(m_profileBox, 1);
    profileRow->addWidget(newProfile);
    profileRow->addWidget(deleteProfile);
    profileRow->addWidget(sandbox);

    m_keychain->setObjectName(u"keychainState"_s);
    m_keychain->setWordWrap(true);
    m_keychain->setTextFormat(Qt::PlainText);
    m_keychain->setText(
        tr("Keys are kept in %1, never in files, logs or the cache.").arg(m_secrets->backendName()));
    m_message->setObjectName(u"connectionsMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    m_circleScheme->addItems({u"Token"_s, u"Bearer"_s});
    m_circleScheme->setObjectName(u"circleScheme"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(profileRow);
    layout->addWidget(m_keychain);
    layout->addWidget(
        makeRow(u"stripe"_s, tr("Stripe"),
                tr("A restricted key (rk_live_… or rk_test_…) with Read access is all Switchboard needs")));
    layout->addWidget(
        makeRow(u"circle"_s, tr("Circle"), tr("An Admin V2 token (Circle: Developers → Tokens)")));
    layout->addWidget(makeRow(u"kit"_s, tr("Kit"), tr("A v4 API key (Kit: Settings → Developer)")));
    // Signing secrets for live events (webhooks/WebhookReceiver): kept like keys, no URL, nothing to test.
    layout->addWidget(makeRow(secrets::kStripeWebhook, tr("Stripe webhook signing secret (live events)"),
                              tr("whsec_… of the endpoint, or the one `stripe listen` prints"), false));
    layout->addWidget(makeRow(secrets::kKitWebhook, tr("Kit webhook signing secret (live events)"),
                              tr("The secret Kit shows for your webhooks"), false));
    layout->addWidget(m_message);

    auto *buttons = new QHBoxLayout;
    auto *back = new QPushButton(tr("Back"), this);
    auto *saveProfileButton = new QPushButton(tr("Save profile"), this);
    auto *useButton = new QPushButton(tr("Save and use this profile"), this);
    useButton->setObjectName(u"useProfile"_s);
    useButton->setDefault(true);
    buttons->addWidget(back);
    buttons->addStretch(1);
    buttons->addWidget(saveProfileButton);
    buttons->addWidget(useButton);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(back, &QPushButton::clicked, this, &ConnectionsPage::backRequested);
    connect(saveProfileButton, &QPushButton::clicked, this, [this] { saveProfile(false); });
    connect(useButton, &QPushButton::clicked, this, [this] { saveProfile(true); });
    connect(sandbox, &QPushButton::clicked, this,
            [this] { applySandboxPreset(QUrl(u"http://127.0.0.1:8765"_s)); });
    connect(m_profileBox, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty())
            showProfile(name);
    });
    connect(newProfile, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("New profile"), tr("Name (for example \"live\" or \"test\"):"),
                                  QLineEdit::Normal, {}, &ok)
                .trimmed();
        if (!ok || name.isEmpty())
            return;
        if (!ProfileStore::isValidName(name)) {
            showMessage(tr("A profile name is 1 to 40 letters, digits, spaces, _ or -."), true);
            return;
        }
        if (m_profileBox->findText(name) < 0)
            m_profileBox->addItem(name);
        m_profileBox->setCurrentText(name);
    });
    connect(deleteProfile, &QPushButton::clicked, this, [this] {
        const QString name = currentProfile();
        if (name.isEmpty())
            return;
        if (QMessageBox::question(
                this, tr("Delete profile"),
                tr("Delete the profile \"%1\" and its keys from the keychain? Its cache file stays.")
                    .arg(name)) != QMessageBox::Yes)
            return;
        for (ProviderRow *r : std::as_const(m_rows))
            m_secrets->remove(secrets::secretName(name, r->provider), [](Status) {});
        (void)m_profiles->remove(name);
        m_profileBox->removeItem(m_profileBox->findText(name));
        showMessage(tr("Profile \"%1\" deleted.").arg(name), false);
    });
}

QWidget *ConnectionsPage::makeRow(const QString &provider, const QString &title, const QString &keyHint,
                                  bool service)
{
    auto *box = new QGroupBox(title, this);
    box->setObjectName(provider + u"Box"_s);
    auto *row = new ProviderRow;
    row->provider = provider;
    if (service) {
        row->url = new QLineEdit(box);
        row->url->setObjectName(provider + u"Url"_s);
    }
    row->key = new QLineEdit(box);
    row->key->setObjectName(provider + u"Key"_s);
    row->key->setEchoMode(QLineEdit::Password); // never shown, never read back into the field
    row->key->setPlaceholderText(keyHint);
    row->key->setClearButtonEnabled(true);
    row->keyState = new QLabel(box);
    row->keyState->setObjectName(provider + u"KeyState"_s);
    row->keyState->setTextFormat(Qt::PlainText);
    row->save = new QPushButton(tr("Save key"), box);
    row->remove = new QPushButton(tr("Delete key"), box);
    if (service) {
        row->test = new QPushButton(tr("Test connection"), box);
        row->test->setObjectName(provider + u"Test"_s);
    }
    row->result = new QLabel(box);
    row->result->setObjectName(provider + u"Result"_s);
    row->result->setWordWrap(true);
    row->result->setTextFormat(Qt::PlainText);
    row->result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->result->setVisible(service); // a secret has no connection test to report

    auto *form = new QFormLayout(box);
    if (service)
        form->addRow(tr("Base URL"), row->url);
    auto *keyLine = new QHBoxLayout;
    keyLine->addWidget(row->key, 1);
    keyLine->addWidget(row->save);
    keyLine->addWidget(row->remove);
    form->addRow(tr("Key"), keyLine);
    form->addRow(QString(), row->keyState);
    if (provider == "circle"_L1)
        form->addRow(tr("Auth scheme"), m_circleScheme);
    if (service) {
        auto *testLine = new QHBoxLayout;
        testLine->addWidget(row->test);
        testLine->addStretch(1);
        form->addRow(QString(), testLine);
        form->addRow(QString(), row->result); // its own row: a report of several lines is never clipped
        connect(row->test, &QPushButton::clicked, this, [this, provider] { testConnection(provider); });
    }
    m_rows.append(row);

    connect(row->save, &QPushButton::clicked, this, [this, provider] { saveKey(provider); });
    connect(row->remove, &QPushButton::clicked, this, [this, provider] { deleteKey(provider); });
    connect(row->key, &QLineEdit::returnPressed, this, [this, provider] { saveKey(provider); });
    return box;
}

ConnectionsPage::ProviderRow *ConnectionsPage::row(const QString &provider) const
{
    for (ProviderRow *r : m_rows) {
        if (r->provider == provider)
            return r;
    }
    return nullptr;
}

QString ConnectionsPage::currentProfile() const
{
    return m_profileBox->currentText();
}

QString ConnectionsPage::resultText(const QString &provider) const
{
    const ProviderRow *r = row(provider);
    return r ? r->result->text() : QString();
}

void ConnectionsPage::showProfile(const QString &requested)
{
    const QString name = requested.isEmpty() ? u"default"_s : requested;
    const QSignalBlocker block(m_profileBox);
    m_profileBox->clear();
    QStringList names = m_profiles->names();
    if (!names.contains(name))
        names.append(name);
    m_profileBox->addItems(names);
    m_profileBox->setCurrentText(name);
    const Profile p = m_profiles->profile(name).value_or(Profile{name});
    row(u"stripe"_s)->url->setText(p.stripeBaseUrl.toString());
    row(u"circle"_s)->url->setText(p.circleBaseUrl.toString());
    row(u"kit"_s)->url->setText(p.kitBaseUrl.toString());
    m_circleScheme->setCurrentText(p.circleAuthScheme);
    for (ProviderRow *r : std::as_const(m_rows)) {
        r->key->clear();
        r->result->clear();
        refreshKeyState(r->provider);
    }
    m_message->clear();
}

void ConnectionsPage::refreshKeyState(const QString &provider)
{
    row(provider)->keyState->setText(tr("Checking the keychain…"));
    QPointer<ConnectionsPage> self(this);
    const QString profile = currentProfile();
    m_secrets->read(secrets::secretName(profile, provider), [self, provider, profile](Result<QString> value) {
        if (!self || self->currentProfile() != profile)
            return;
        ProviderRow *r = self->row(provider);
        r->keySaved = value.ok();
        r->remove->setEnabled(value.ok());
        if (value) {
            r->keyState->setText(tr("A key is saved in the keychain (%1). Type a new one to replace it.")
                                     .arg(masked(value.value())));
        } else if (value.error().kind == ErrorKind::NotFound) {
            r->keyState->setText(tr("No key saved."));
        } else {
            r->keyState->setText(tr("The keychain cannot be used: %1").arg(value.error().message));
            self->m_keychain->setText(
                tr("No keychain: %1. Keys cannot be saved until one is available; headless runs can "
                   "use SWITCHBOARD_STRIPE_KEY, SWITCHBOARD_CIRCLE_TOKEN and SWITCHBOARD_KIT_KEY.")
                    .arg(value.error().message));
        }
    });
}

void ConnectionsPage::saveKey(const QString &provider)
{
    ProviderRow *r = row(provider);
    const QString key = r->key->text().trimmed();
    if (key.isEmpty()) {
        showMessage(tr("Type the key first."), true);
        return;
    }
    if (provider == secrets::kStripeWebhook && !key.startsWith("whsec_"_L1)) {
        showMessage(tr("A Stripe webhook signing secret starts with whsec_."), true);
        return;
    }
    if (provider == "stripe"_L1) {
        const auto kind = connections::classifyStripeKey(key);
        if (kind == connections::StripeKeyKind::Publishable ||
            kind == connections::StripeKeyKind::NotAStripeKey) {
            showMessage(tr("That is a %1; Switchboard needs a restricted (rk_) or secret (sk_) key.")
                            .arg(connections::describe(kind)),
                        true);
            return;
        }
    }
    QPointer<ConnectionsPage> self(this);
    const QString profile = currentProfile();
    m_secrets->write(secrets::secretName(profile, provider), key, [self, provider, profile](Status s) {
        if (!self || self->currentProfile() != profile)
            return; // the user moved on to another profile: its form is not ours to touch
        if (!s) {
            self->showMessage(tr("The key was not saved: %1").arg(s.error().message), true);
            return;
        }
        self->row(provider)->key->clear(); // the field never holds a saved key
        self->refreshKeyState(provider);
        self->showMessage(tr("Key saved in the keychain."), false);
        Q_EMIT self->secretChanged(provider);
    });
}

void ConnectionsPage::deleteKey(const QString &provider)
{
    if (QMessageBox::question(this, tr("Delete key"),
                              tr("Delete the saved %1 key from the keychain?").arg(provider)) !=
        QMessageBox::Yes)
        return;
    QPointer<ConnectionsPage> self(this);
    m_secrets->remove(secrets::secretName(currentProfile(), provider), [self, provider](Status s) {
        if (!self)
            return;
        self->showMessage(s ? tr("Key deleted.") : tr("The key was not deleted: %1").arg(s.error().message),
                          !s);
        self->refreshKeyState(provider);
        Q_EMIT self->secretChanged(provider);
    });
}

Profile ConnectionsPage::profileFromForm() const
{
    Profile p;
    p.name = currentProfile();
    p.stripeBaseUrl = QUrl(row(u"stripe"_s)->url->text().trimmed());
    p.circleBaseUrl = QUrl(row(u"circle"_s)->url->text().trimmed());
    p.kitBaseUrl = QUrl(row(u"kit"_s)->url->text().trimmed());
    p.circleAuthScheme = m_circleScheme->currentText();
    if (const auto saved = m_profiles->profile(p.name))
        p.stripeRequestsPerSecond = saved->stripeRequestsPerSecond;
    return p;
}

void ConnectionsPage::testConnection(const QString &provider)
{
    ProviderRow *current = row(provider);
    current->test->setEnabled(false);
    current->result->setText(tr("Testing…"));
    const Config config = profileFromForm().applyTo(Config{});
    QPointer<ConnectionsPage> self(this);
    const QString profile = currentProfile();
    auto run = [self, provider, config, profile](const QString &key) {
        if (!self)
            return;
        auto report = [self, provider, profile](const connections::ConnectionReport &rep) {
            if (!self)
                return;
            if (self->currentProfile() != profile) {
                self->row(provider)->test->setEnabled(true);
                return; // a result for another profile than the one on screen
            }
            ProviderRow *r = self->row(provider);
            r->test->setEnabled(true);
            QStringList lines{rep.headline};
            if (rep.keyKind && !rep.ok) // a working key's kind is already in the headline
                lines.append(tr("Key: %1.").arg(connections::describe(*rep.keyKind)));
            lines += rep.warnings;
            r->result->setText(lines.join(u'\n'));
            r->result->setStyleSheet(rep.ok && rep.warnings.isEmpty() ? u"color:#1d5e32;"_s
                                     : rep.ok                         ? u"color:#6b4a00;"_s
                                                                      : u"color:#a31b1b;"_s);
            Q_EMIT self->testFinished(provider);
        };
        if (key.isEmpty()) {
            connections::ConnectionReport none;
            none.headline = tr("No key to test: type one or save one first.");
            report(none);
            return;
        }
        if (provider == "stripe"_L1) {
            StripeSettings s = config.stripe;
            s.apiKey = key;
            self->m_tester->testStripe(s, report);
        } else if (provider == "circle"_L1) {
            CircleSettings s = config.circle;
            s.token = key;
            self->m_tester->testCircle(s, report);
        } else {
            KitSettings s = config.kit;
            s.apiKey = key;
            self->m_tester->testKit(s, report);
        }
    };
    // A key typed but not saved is tested as typed; otherwise the saved one.
    const QString typed = current->key->text().trimmed();
    if (!typed.isEmpty()) {
        run(typed);
        return;
    }
    m_secrets->read(secrets::secretName(currentProfile(), provider),
                    [run](Result<QString> v) { run(v ? v.value() : QString()); });
}

void ConnectionsPage::saveProfile(bool thenUse)
{
    const Profile p = profileFromForm();
    if (Status s = m_profiles->save(p); !s) {
        showMessage(s.error().message, true);
        return;
    }
    showMessage(tr("Profile \"%1\" saved. Its cache is %2.").arg(p.name, ProfileStore::databasePath(p.name)),
                false);
    if (thenUse) {
        m_profiles->setActiveName(p.name);
        Q_EMIT useProfileRequested(p.name);
    }
}

void ConnectionsPage::applySandboxPreset(const QUrl &url)
{
    if (m_profileBox->findText(u"sandbox"_s) < 0)
        m_profileBox->addItem(u"sandbox"_s);
    m_profileBox->setCurrentText(u"sandbox"_s);
    for (ProviderRow *r : std::as_const(m_rows))
        if (r->url)
            r->url->setText(url.toString());
    // The sandbox's published test keys: not secrets, but saved the same way so the flow is the real one.
    row(u"stripe"_s)->key->setText(u"sk_test_sandbox"_s);
    row(u"circle"_s)->key->setText(u"circle_sandbox"_s);
    row(u"kit"_s)->key->setText(u"kit_sandbox"_s);
    showMessage(
        tr("Sandbox preset filled in: start `switchboard-sandbox --demo --port %1`, then save the keys and "
           "the profile.")
            .arg(url.port()),
        false);
}

void ConnectionsPage::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color:#a31b1b;"_s : QString());
}

} // namespace sb::ui
