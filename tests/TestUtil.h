// Small helpers shared by the tests: a temporary cache and the Stripe fixtures.
#pragma once

#include "store/Database.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace sb::test {

inline QJsonObject stripeFixture(const QString &type)
{
    static const QJsonObject all = [] {
        QFile f(QStringLiteral(SB_TEST_DATA_DIR "/stripe-fixtures.json"));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot open stripe-fixtures.json");
        return QJsonDocument::fromJson(f.readAll()).object();
    }();
    return all.value(type).toObject();
}

// A fresh cache in its own temporary folder, removed with the object.
struct TempCache {
    QTemporaryDir dir;
    std::unique_ptr<store::Connection> conn;
    TempCache()
    {
        auto c =
            store::Connection::open(dir.filePath(QStringLiteral("cache.sqlite")), QStringLiteral("test"));
        if (!c)
            qFatal("cannot open a temporary cache: %s", qPrintable(c.error().message));
        conn = std::move(c).value();
    }
    QString path() const { return dir.filePath(QStringLiteral("cache.sqlite")); }
    QSqlDatabase db() const { return conn->db(); }
};

} // namespace sb::test
