// libFuzzer target: the sandbox's world-file loader (DESIGN.md "World file") on arbitrary JSON. Checks: no
// crash, no sanitizer report; a world that loads has a version and a now.
#include "World.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    sb::sandbox::World world;
    QString error;
    if (sb::sandbox::World::fromJson(doc.object(), &world, &error)) {
        if (world.version < 1)
            std::abort();
    } else if (error.isEmpty()) {
        std::abort(); // a refusal always says why
    }
    return 0;
}
