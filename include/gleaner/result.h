// result: the error type every fallible gleaner call returns.
// Does:    Error = a Code plus a message naming what failed (URL, file, line)
//          and why (the library's own text). Result<T> holds a T or an Error;
//          Status = Result<void>.
// Why:     failures are routine on a crawl (timeouts, 404s, lying charsets,
//          broken rules) and much of our code runs inside C callbacks, where
//          an exception is undefined behaviour. See STYLE.md 2.3.
// Threads: plain values; safe to move between threads.
// Touches: nothing.
#ifndef GLEANER_RESULT_H_
#define GLEANER_RESULT_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace gleaner {

enum class Code {
  kInvalidInput,  // the caller's input is wrong: a bad URL, flag, rules file
  kNotFound,      // a file, URL (404/410) or row that does not exist
  kNotHtml,       // the body is not an HTML page (content type, sniffing)
  kHttp,          // an HTTP status that is not success
  kTimeout,       // connect, total or low-speed timeout
  kTooLarge,      // a size cap was hit (body bytes, decoded bytes, depth)
  kNetwork,       // DNS, connection refused or reset, TLS
  kUnsupported,   // a scheme, encoding or format we do not handle
  kIo,            // reading or writing a local file failed
  kDiskFull,      // the disk or a file-size limit is full
  kBusy,          // a lock is held by someone else
  kCorrupt,       // a stored file is damaged
  kInternal,      // our own bug
};

// Short lower-case name of a code, for logs: "timeout", "not_html".
std::string_view CodeName(Code code);

struct Error {
  Code code;
  std::string message;  // names the URL/file and passes on the library's text
};

inline Error MakeError(Code code, std::string message) {
  return Error{code, std::move(message)};
}

// A T or an Error. Reading value() of an error, or error() of a value, is a
// programming error and asserts.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }
  Error&& take_error() { assert(!ok()); return std::get<1>(std::move(v_)); }

  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  static Result Ok() { return Result(); }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }
  Error&& take_error() { assert(!ok_); return std::move(error_); }

 private:
  Error error_{Code::kInternal, {}};
  bool ok_ = true;
};

using Status = Result<void>;

inline std::string_view CodeName(Code code) {
  switch (code) {
    case Code::kInvalidInput: return "invalid_input";
    case Code::kNotFound: return "not_found";
    case Code::kNotHtml: return "not_html";
    case Code::kHttp: return "http";
    case Code::kTimeout: return "timeout";
    case Code::kTooLarge: return "too_large";
    case Code::kNetwork: return "network";
    case Code::kUnsupported: return "unsupported";
    case Code::kIo: return "io";
    case Code::kDiskFull: return "disk_full";
    case Code::kBusy: return "busy";
    case Code::kCorrupt: return "corrupt";
    case Code::kInternal: return "internal";
  }
  return "unknown";
}

}  // namespace gleaner

// Returns the error of `expr` (a Result or Status) from the enclosing
// function, which must itself return a Result or Status.
#define GLEANER_TRY(expr)                                   \
  do {                                                      \
    auto gleaner_try_result_ = (expr);                      \
    if (!gleaner_try_result_.ok()) {                        \
      return gleaner_try_result_.take_error();              \
    }                                                       \
  } while (0)

#endif  // GLEANER_RESULT_H_
