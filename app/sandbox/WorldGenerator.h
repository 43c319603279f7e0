// Makes a realistic world of N people, deterministic for (N, seed): mostly healthy journeys across Stripe,
// Circle and Kit, and a known share broken in each way the reconciler's rules describe, with "expect" filled.
#pragma once

#include <QJsonObject>
#include <QStringList>

namespace sb::sandbox {

class WorldGenerator {
public:
    // Every kind of break the generator makes, named after the rule it trips (DESIGN.md rules table).
    static QStringList breakKinds();
    // Share of people broken, spread evenly over breakKinds().
    static constexpr double BrokenShare = 0.17;

    static QJsonObject generate(int people, quint64 seed);
};

} // namespace sb::sandbox
