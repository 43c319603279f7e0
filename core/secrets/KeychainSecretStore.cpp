#include "secrets/KeychainSecretStore.h"

#include "common/Log.h"

#include <QFileInfo>
#include <QTimer>
#include <qt6keychain/keychain.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sb::secrets {

struct KeychainSecretStore::Call {
    Op op;
    QString name;
    QString value;
    ReadCallback readDone;
    DoneCallback done;
    int attempt = 0;
    bool answered = false;

    void answer(const Result<QString> &r)
    {
        if (answered)
            return;
        answered = true;
        if (op == Op::Read)
            readDone(r);
        else
            done(r ? Status() : Status(r.error()));
    }
};

namespace {
Error translate(QKeychain::Error e, const QString &detail)
{
    switch (e) {
    case QKeychain::EntryNotFound:
        return {ErrorKind::NotFound, u"no secret saved in the keychain"_s};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return {ErrorKind::Auth, u"the keychain refused access (is it locked?)"_s};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {
            ErrorKind::Unavailable,
            u"no keychain is available: install and unlock a Secret Service provider (GNOME Keyring or KWallet)"_s};
    case QKeychain::CouldNotDeleteEntry:
        return {ErrorKind::Io, u"the keychain could not delete the secret"_s};
    default:
        // errorString() is shown as detail only; the kind comes from the enum.
        return {ErrorKind::Io, u"the keychain failed: %1"_s.arg(detail.left(200))};
    }
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent, int timeoutMs)
    : SecretStore(parent)
    , m_timeoutMs(timeoutMs)
{}

bool KeychainSecretStore::sessionBusLikelyAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
        return true;
    return QFileInfo::exists(u"/run/user/%1/bus"_s.arg(::getuid()));
#else
    return true;
#endif
}

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_MACOS)
    return tr("the macOS Keychain");
#elif defined(Q_OS_WIN)
    return tr("the Windows Credential Manager");
#else
    return tr("the Secret Service keyring (GNOME Keyring or KWallet)");
#endif
}

void KeychainSecretStore::read(const QString &name, ReadCallback done)
{
    run(std::make_shared<Call>(Call{Op::Read, name, {}, std::move(done), {}}));
}

void KeychainSecretStore::write(const QString &name, const QString &value, DoneCallback done)
{
    run(std::make_shared<Call>(Call{Op::Write, name, value, {}, std::move(done)}));
}

void KeychainSecretStore::remove(const QString &name, DoneCallback done)
{
    run(std::make_shared<Call>(Call{Op::Remove, name, {}, {}, std::move(done)}));
}

void KeychainSecretStore::run(std::shared_ptr<Call> call)
{
    if (!sessionBusLikelyAvailable()) {
        // Fail fast: without a session bus the Secret Service cannot answer, and a job might wait forever.
        QMetaObject::invokeMethod(
            this,
            [call] {
                call->answer(Error{
                    ErrorKind::Unavailable,
                    u"no keychain is reachable: there is no D-Bus session bus (start the desktop "
                    "session's keyring, or set SWITCHBOARD_*_KEY in the environment for headless runs)"_s});
            },
            Qt::QueuedConnection);
        return;
    }
    ++call->attempt;
    const QString service = QString::fromLatin1(kService);
    QKeychain::Job *job = nullptr;
    switch (call->op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(service, this);
        break;
    case Op::Write: {
        auto *w = new QKeychain::WritePasswordJob(service, this);
        w->setTextData(call->value);
        job = w;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(service, this);
        break;
    }
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(call->name);
    const int attempt = call->attempt;
    connect(job, &QKeychain::Job::finished, this, [call](QKeychain::Job *j) {
        // The first answer wins, from whichever attempt: a slow keyring (a password prompt) still counts.
        if (call->answered)
            return;
        const QKeychain::Error e = j->error();
        if (e == QKeychain::NoError) {
            if (call->op == Op::Read)
                call->answer(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
            else
                call->answer(QString());
            return;
        }
        if (e == QKeychain::EntryNotFound && call->op == Op::Remove) {
            call->answer(QString()); // nothing to delete is a success
            return;
        }
        const Error err = translate(e, j->errorString());
        qCInfo(lcConfig) << "keychain" << (call->op == Op::Read ? "read" : "change")
                         << "failed:" << err.message;
        call->answer(err);
    });
    // Reads are retried once; a write or a removal never is (a second job could act twice, or prompt twice),
    // and waits longer, since the keyring may be asking the user to unlock it.
    const int timeout = call->op == Op::Read ? m_timeoutMs : m_timeoutMs * 6;
    QTimer::singleShot(timeout, this, [this, call, attempt, timeout] {
        if (call->answered || attempt != call->attempt)
            return;
        if (call->op == Op::Read && call->attempt < 2) {
            qCInfo(lcConfig) << "the keychain did not answer in time; trying once more";
            run(call);
            return;
        }
        call->answer(Error{
            ErrorKind::Unavailable,
            u"the keychain did not answer within %1 s (is it locked, or waiting for a password prompt?)"_s
                .arg(m_timeoutMs / 1000.0)});
    });
    job->start();
}

} // namespace sb::secrets
