// Opening the SQLite cache: one named connection per thread, WAL, schema migrated forward on open.
#pragma once

#include "common/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace sb::store {

// Owns one named QSqlDatabase connection and removes it when destroyed. Create it on the thread that uses
// it and destroy it on the same thread.
class Connection {
public:
    Connection() = default;
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Opens (creating the file and migrating the schema when needed) under a name unique to this object.
    static Result<std::unique_ptr<Connection>> open(const QString &path, const QString &purpose);

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    const QString &name() const { return m_name; }
    const QString &path() const { return m_path; }

private:
    QString m_name;
    QString m_path;
};

// "what: the driver's message" as an I/O error, for a query that failed.
Error sqlError(const QSqlQuery &q, const char *what);

} // namespace sb::store
