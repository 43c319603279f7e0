// libFuzzer target: the provider mappers (Stripe, Circle, Kit) on arbitrary JSON. The input is parsed as
// JSON; an object goes through every mapper entry point a sync or a webhook uses, with every raw kind.
// Checks: no crash, no sanitizer report (hostile numbers, nulls where objects belong, deep nesting, odd
// types).
#include "providers/circle/CircleMapper.h"
#include "providers/kit/KitMapper.h"
#include "providers/stripe/StripeMapper.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    const QJsonObject o = doc.object();
    const sb::Millis at = 1700000000000;

    sb::stripe::StripeMapper stripe;
    stripe.learnCatalog(o);
    (void)stripe.mapObject(o, at);
    (void)stripe.mapEvent(o);

    sb::circle::CircleMapper circle;
    sb::kit::KitMapper kit;
    static const QStringList circleKinds{u"member"_s,        u"access_group"_s,        u"space"_s,
                                         u"member_tag"_s,    u"access_group_member"_s, u"space_member"_s,
                                         u"tagged_member"_s, u"observation"_s};
    static const QStringList kitKinds{u"subscriber"_s, u"tag"_s,       u"sequence"_s,
                                      u"tagging"_s,    u"enrolment"_s, u"observation"_s};
    for (const QString &k : circleKinds) {
        circle.learn(k, o);
        (void)circle.map(k, o, at);
    }
    for (const QString &k : kitKinds) {
        kit.learn(k, o);
        (void)kit.map(k, o, at);
    }
    (void)kit.mapMembership(u"tag"_s, u"501"_s, o, at);
    (void)kit.mapMembership(u"sequence"_s, u"601"_s, o, at);
    return 0;
}
