// Connections: per profile, where each provider lives and its key (kept only in the keychain, shown masked,
// replaceable, deletable), and "Test connection", which says what the key can do.
#pragma once

#include "common/Profiles.h"
#include "connections/ConnectionTester.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QNetworkAccessManager;

namespace sb::secrets {
class SecretStore;
}

namespace sb::ui {

class ConnectionsPage : public QWidget {
    Q_OBJECT
public:
    ConnectionsPage(secrets::SecretStore *secrets, ProfileStore *profiles, QWidget *parent = nullptr);

    // Shows a profile (creating the default one in the form when there is none yet).
    void showProfile(const QString &name);
    QString currentProfile() const;
    // Fills the form for the local sandbox: its URL and its published test keys.
    void applySandboxPreset(const QUrl &sandboxUrl);
    QString resultText(const QString &provider) const; // the last test result, for tests and screen readers

    struct ProviderRow;

Q_SIGNALS:
    // The profile was saved and should be used now (the console reopens on its cache).
    void useProfileRequested(const QString &name);
    void backRequested();
    void testFinished(const QString &provider);
    void secretChanged(const QString &provider);

private:
    ProviderRow *row(const QString &provider) const;
    // service: a provider with a base URL and a connection test; otherwise a secret only.
    QWidget *makeRow(const QString &provider, const QString &title, const QString &keyHint,
                     bool service = true);
    Profile profileFromForm() const;
    void refreshKeyState(const QString &provider);
    void saveKey(const QString &provider);
    void deleteKey(const QString &provider);
    void testConnection(const QString &provider);
    void saveProfile(bool thenUse);
    void showMessage(const QString &text, bool error);

    secrets::SecretStore *m_secrets;
    ProfileStore *m_profiles;
    QNetworkAccessManager *m_nam;
    connections::ConnectionTester *m_tester;
    QComboBox *m_profileBox;
    QLabel *m_keychain;
    QLabel *m_message;
    QComboBox *m_circleScheme;
    QList<ProviderRow *> m_rows;
};

} // namespace sb::ui
