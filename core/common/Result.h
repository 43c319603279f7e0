// The one error convention at module edges: a value or an error with a kind and a message.
#pragma once

#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace sb {

enum class ErrorKind {
    None,
    Usage, // bad input from the user or a caller
    NotFound,
    Io,          // file or database
    Network,     // connection, timeout
    Auth,        // 401/403 from a provider
    RateLimited, // 429 after retries ran out
    Provider,    // any other provider error
    Parse,       // malformed provider JSON
    Cancelled,
    Unavailable, // a service the console needs is missing (no keychain backend)
};

struct Error {
    ErrorKind kind = ErrorKind::None;
    QString message;
};

template <typename T> class Result {
public:
    Result(T value)
        : m_v(std::move(value))
    {}
    Result(Error error)
        : m_v(std::move(error))
    {}
    static Result failure(ErrorKind kind, QString message) { return Result(Error{kind, std::move(message)}); }

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<T>(m_v); }
    T &value() & { return std::get<T>(m_v); }
    T &&value() && { return std::get<T>(std::move(m_v)); }
    const T *operator->() const { return &std::get<T>(m_v); }
    // On success an empty error (kind None), so messages can be built unconditionally.
    const Error &error() const
    {
        static const Error none;
        return ok() ? none : std::get<Error>(m_v);
    }

private:
    std::variant<T, Error> m_v;
};

// Result without a value.
class Status {
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
    {}
    static Status failure(ErrorKind kind, QString message) { return Status(Error{kind, std::move(message)}); }
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const
    {
        static const Error none;
        return m_error ? *m_error : none;
    }

private:
    std::optional<Error> m_error;
};

} // namespace sb
