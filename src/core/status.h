// Errors as values: Status for what can be expected to fail, Result<T> for a value or a Status.
// Exceptions are reserved for what aborts an operation (a broken database, a bug) and are caught
// once at the HTTP boundary and in the CLI.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace closeloop::core {

enum class StatusCode {
  kOk,
  kInvalidArgument,    // a field is missing or wrong; `field` names it
  kNotFound,           // the thing asked for does not exist (or is outside the caller's scope)
  kConflict,           // the request contradicts stored state (duplicate name, idempotency reuse)
  kInvalidTransition,  // the lifecycle does not allow this move; `details` lists allowed targets
  kUnauthenticated,    // no or bad credentials
  kPermissionDenied,   // authenticated, not allowed
  kTooLarge,           // the request body exceeds the endpoint's limit
  kRateLimited,        // too many attempts; `details` holds the seconds to wait
  kInternal,           // a bug or a broken store
};

const char* StatusCodeName(StatusCode code);

// [[nodiscard]]: a Status or Result left unread is an error ignored; say (void) where that is
// meant.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string field = {},
         std::vector<std::string> details = {})
      : code_(code),
        message_(std::move(message)),
        field_(std::move(field)),
        details_(std::move(details)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string field, std::string message) {
    return {StatusCode::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Status NotFound(std::string message) {
    return {StatusCode::kNotFound, std::move(message)};
  }
  static Status Conflict(std::string message, std::string field = {}) {
    return {StatusCode::kConflict, std::move(message), std::move(field)};
  }
  static Status Denied(std::string message) {
    return {StatusCode::kPermissionDenied, std::move(message)};
  }
  static Status Unauthenticated(std::string message) {
    return {StatusCode::kUnauthenticated, std::move(message)};
  }
  static Status TooLarge(std::string message) {
    return {StatusCode::kTooLarge, std::move(message)};
  }
  static Status Internal(std::string message) {
    return {StatusCode::kInternal, std::move(message)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::vector<std::string>& details() const { return details_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
  std::vector<std::string> details_;
};

// Holds either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // A Result without a value must say why: an OK status here is a bug, kept as kInternal.
  Result(Status status)  // NOLINT(google-explicit-constructor)
      : status_(status.ok() ? Status(StatusCode::kInternal, "a Result was made from an OK status")
                            : std::move(status)) {}

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace closeloop::core

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define CL_RETURN_IF_ERROR(expr)                   \
  do {                                             \
    ::closeloop::core::Status cl_status_ = (expr); \
    if (!cl_status_.ok()) return cl_status_;       \
  } while (false)
