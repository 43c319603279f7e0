#include "secrets/SecretStore.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

namespace sb::secrets {

QString secretName(const QString &profile, const QString &provider)
{
    return profile + u'/' + provider;
}

namespace {
Error unavailable()
{
    return Error{ErrorKind::Unavailable, u"the in-memory secret store is switched off"_s};
}
} // namespace

void MemorySecretStore::read(const QString &name, ReadCallback done)
{
    QMetaObject::invokeMethod(
        this,
        [this, name, done = std::move(done)] {
            if (m_unavailable)
                done(unavailable());
            else if (!m_values.contains(name))
                done(Error{ErrorKind::NotFound, u"no secret named %1"_s.arg(name)});
            else
                done(m_values.value(name));
        },
        Qt::QueuedConnection);
}

void MemorySecretStore::write(const QString &name, const QString &value, DoneCallback done)
{
    QMetaObject::invokeMethod(
        this,
        [this, name, value, done = std::move(done)] {
            if (m_unavailable)
                return done(Status(unavailable()));
            m_values.insert(name, value);
            done({});
        },
        Qt::QueuedConnection);
}

void MemorySecretStore::remove(const QString &name, DoneCallback done)
{
    QMetaObject::invokeMethod(
        this,
        [this, name, done = std::move(done)] {
            if (m_unavailable)
                return done(Status(unavailable()));
            m_values.remove(name);
            done({});
        },
        Qt::QueuedConnection);
}

QString MemorySecretStore::backendName() const
{
    return tr("memory (not saved)");
}

} // namespace sb::secrets
