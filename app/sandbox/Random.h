// Small deterministic random sources for the sandbox: the world generator and the id maker must give the
// same output for the same seed on every machine, which std::rand and QRandomGenerator::global do not
// promise.
#pragma once

#include <QString>
#include <QtGlobal>

namespace sb::sandbox {

// SplitMix64 (Steele, Lea, Flood 2014). The finaliser is a bijection on 64-bit values.
class SplitMix64 {
public:
    explicit SplitMix64(quint64 seed = 0)
        : m_state(seed)
    {}

    static quint64 mix(quint64 z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        return mix(m_state);
    }

    // Uniform in [0, bound); bound > 0. The tiny modulo bias does not matter for test worlds.
    quint64 below(quint64 bound) { return next() % bound; }
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<quint64>(hi - lo + 1))); }
    double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }

private:
    quint64 m_state;
};

// Stripe-looking object ids ("cus_Q2x8…"): unique per counter because the first eleven characters encode a
// bijective mix of it, random-looking, and reproducible for the same salt.
class IdGenerator {
public:
    explicit IdGenerator(quint64 salt = 0)
        : m_salt(salt)
    {}

    void reset(quint64 salt)
    {
        m_salt = salt;
        m_counter = 0;
    }

    QString make(QLatin1StringView prefix, int length = 24)
    {
        static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        ++m_counter;
        quint64 unique = SplitMix64::mix(m_salt + m_counter * 0x9e3779b97f4a7c15ULL);
        SplitMix64 filler(unique ^ 0x5bd1e995ULL);
        QString id;
        id.reserve(prefix.size() + length);
        id.append(prefix);
        for (int i = 0; i < length; ++i) {
            quint64 digit = 0;
            if (i < 11) {
                digit = unique % 62;
                unique /= 62;
            } else {
                digit = filler.next() % 62;
            }
            id.append(QLatin1Char(alphabet[digit]));
        }
        return id;
    }

private:
    quint64 m_salt = 0;
    quint64 m_counter = 0;
};

} // namespace sb::sandbox
