#include "store/Database.h"

#include "common/Log.h"
#include "store/Schema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace sb::store {

namespace {
QAtomicInteger<quint64> g_counter;

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}
} // namespace

Connection::~Connection()
{
    if (m_name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

Result<std::unique_ptr<Connection>> Connection::open(const QString &path, const QString &purpose)
{
    using R = Result<std::unique_ptr<Connection>>;
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return R::failure(ErrorKind::Io, u"the Qt SQLite driver (QSQLITE) is not installed"_s);
    if (path != ":memory:"_L1) {
        const QFileInfo fi(path);
        if (!QDir().mkpath(fi.absolutePath()))
            return R::failure(ErrorKind::Io, u"cannot create folder %1"_s.arg(fi.absolutePath()));
    }
    auto c = std::make_unique<Connection>();
    c->m_path = path;
    c->m_name = u"sb-%1-%2-%3"_s.arg(purpose)
                    .arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16)
                    .arg(g_counter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, c->m_name);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    if (!db.open())
        return R::failure(ErrorKind::Io, u"cannot open %1: %2"_s.arg(path, db.lastError().text()));
    QString error;
    // WAL lets the GUI read while the sync thread writes; NORMAL is durable at every checkpoint in WAL mode.
    if (!exec(db, u"PRAGMA journal_mode=WAL"_s, &error) ||
        !exec(db, u"PRAGMA synchronous=NORMAL"_s, &error) || !exec(db, u"PRAGMA foreign_keys=ON"_s, &error) ||
        !exec(db, u"PRAGMA temp_store=MEMORY"_s, &error))
        return R::failure(ErrorKind::Io, u"cannot configure %1: %2"_s.arg(path, error));
    if (Status s = migrate(db); !s)
        return R(s.error());
    return R(std::move(c));
}

Error sqlError(const QSqlQuery &q, const char *what)
{
    return Error{ErrorKind::Io, u"%1: %2"_s.arg(QLatin1StringView(what), q.lastError().text())};
}

} // namespace sb::store
