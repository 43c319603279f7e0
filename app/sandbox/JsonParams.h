// The parameters of a Circle or Kit write, read the way their (Rails) servers read them: the members of a
// JSON object body first, then the query string. A body that is not a JSON object is refused by the caller.
#pragma once

#include "HttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace sb::sandbox {

class JsonParams {
public:
    // nullopt when the body is not empty and not a JSON object.
    static std::optional<JsonParams> read(const HttpRequest &request)
    {
        JsonParams params;
        params.m_query = request.query;
        if (request.body.trimmed().isEmpty())
            return params;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return std::nullopt;
        params.m_body = doc.object();
        return params;
    }

    // The body's value, else the query string's (as a string), else undefined.
    QJsonValue value(const QString &key) const
    {
        if (m_body.contains(key))
            return m_body.value(key);
        QJsonValue found = QJsonValue::Undefined;
        for (const auto &[k, v] : m_query) {
            if (k == key)
                found = v;
        }
        return found;
    }

    bool has(const QString &key) const { return !value(key).isUndefined(); }

    // A string (numbers as their text), trimmed; empty when absent, null or of another type.
    QString text(const QString &key) const
    {
        const QJsonValue v = value(key);
        if (v.isString())
            return v.toString().trimmed();
        if (v.isDouble())
            return QString::number(v.toInteger());
        return {};
    }

    // A positive integer id given as a number or as digits; 0 otherwise.
    qint64 id(const QString &key) const { return idOf(value(key)); }

    // An array of ids; empty when absent or null; nullopt when anything else.
    std::optional<QList<qint64>> ids(const QString &key) const
    {
        const QJsonValue v = value(key);
        QList<qint64> out;
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray())
            return std::nullopt;
        const QJsonArray array = v.toArray();
        for (const QJsonValue &item : array) {
            const qint64 id = idOf(item);
            if (id == 0)
                return std::nullopt;
            out.append(id);
        }
        return out;
    }

    // true, "true" or "1".
    bool flag(const QString &key) const
    {
        const QJsonValue v = value(key);
        if (v.isBool())
            return v.toBool();
        if (v.isDouble())
            return v.toInteger() == 1;
        return v.toString().trimmed().compare(u"true", Qt::CaseInsensitive) == 0 || v.toString() == u"1";
    }

    static qint64 idOf(const QJsonValue &v)
    {
        if (v.isDouble()) {
            const double d = v.toDouble();
            return d >= 1 && d == static_cast<double>(static_cast<qint64>(d)) ? static_cast<qint64>(d) : 0;
        }
        bool ok = false;
        const qint64 id = v.toString().trimmed().toLongLong(&ok);
        return ok && id > 0 ? id : 0;
    }

private:
    QJsonObject m_body;
    QList<QPair<QString, QString>> m_query;
};

// One '@' with something on both sides and no white space: what both providers reject otherwise.
inline bool looksLikeAddress(const QString &email)
{
    const qsizetype at = email.indexOf(u'@');
    if (at <= 0 || at >= email.size() - 1 || email.indexOf(u'@', at + 1) >= 0)
        return false;
    for (const QChar c : email) {
        if (c.isSpace())
            return false;
    }
    return true;
}

} // namespace sb::sandbox
