// The test hook the Stripe, Circle and Kit APIs share: the next N requests fail with a given HTTP status.
// Each API answers the failure in its own provider's shape.
#pragma once

#include <algorithm>
#include <optional>

namespace sb::sandbox {

class InjectedFaults {
public:
    // The next `count` requests (none when < 1) fail with `status`.
    void set(int count, int status)
    {
        m_count = std::max(0, count);
        m_status = status;
    }

    // The status one request fails with (and counts it), or nullopt when no fault is pending.
    std::optional<int> take()
    {
        if (m_count <= 0)
            return std::nullopt;
        --m_count;
        return m_status;
    }

private:
    int m_count = 0;
    int m_status = 500;
};

} // namespace sb::sandbox
