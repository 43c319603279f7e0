#include "doctor/Check.h"

using namespace Qt::StringLiterals;

namespace sb::doctor {

const char *levelCode(Level level)
{
    switch (level) {
    case Level::Fail:
        return "fail";
    case Level::Warn:
        return "warn";
    case Level::Ok:
        return "ok";
    case Level::Skipped:
        return "skipped";
    }
    return "skipped";
}

Level levelFromCode(const QString &code)
{
    if (code == "fail"_L1)
        return Level::Fail;
    if (code == "warn"_L1)
        return Level::Warn;
    if (code == "ok"_L1)
        return Level::Ok;
    return Level::Skipped;
}

QJsonObject toJson(const Check &check)
{
    QJsonObject o{{u"area"_s, check.area},
                  {u"id"_s, check.id},
                  {u"level"_s, QString::fromLatin1(levelCode(check.level))},
                  {u"title"_s, check.title},
                  {u"detail"_s, check.detail},
                  {u"fix"_s, check.fix},
                  {u"weight"_s, check.weight}};
    if (!check.facts.isEmpty())
        o.insert(u"facts"_s, check.facts);
    return o;
}

Check checkFromJson(const QJsonObject &json)
{
    Check c;
    c.area = json.value("area"_L1).toString();
    c.id = json.value("id"_L1).toString();
    c.level = levelFromCode(json.value("level"_L1).toString());
    c.title = json.value("title"_L1).toString();
    c.detail = json.value("detail"_L1).toString();
    c.fix = json.value("fix"_L1).toString();
    c.weight = json.value("weight"_L1).toInt(50);
    c.facts = json.value("facts"_L1).toObject();
    return c;
}

} // namespace sb::doctor
