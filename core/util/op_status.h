#pragma once
// The one status type of domain operations (key lookups, argument parsing,
// data-type operations), and OpResult<T>: a value or the status that explains
// its absence. Only the reply layer turns a status into Redis's text
// (resp::status_message in core/resp/errors.h), so domain code never formats
// errors and every family reports the same condition with the same words.

#include <cstdint>
#include <type_traits>
#include <utility>

namespace ironkv {

enum class OpStatus : uint8_t {
  kOk = 0,
  kKeyNotFound,         // "ERR no such key" when it is an error at all
  kWrongType,           // WRONGTYPE Operation against a key holding the wrong kind of value
  kSyntax,              // ERR syntax error
  kNotAnInteger,        // ERR value is not an integer or out of range
  kNotAFloat,           // ERR value is not a valid float
  kOutOfRange,          // ERR value is out of range
  kNotPositive,         // ERR value is out of range, must be positive
  kCountOutOfRange,     // ERR value is out of range, value must between ±(2^63-1)
  kIndexOutOfRange,     // ERR index out of range
  kIntOutOfRange,       // ERR value is out of range, value must between ±2^31 (getIntFromObject)
  kOffsetOutOfRange,    // ERR offset is out of range
  kOverflow,            // ERR increment or decrement would overflow
  kNanOrInf,            // ERR increment would produce NaN or Infinity
  kStringTooLong,       // ERR string exceeds maximum allowed size (proto-max-bulk-len)
  kInvalidExpireTime,   // ERR invalid expire time in '<command>' command
  kSameObject,          // ERR source and destination objects are the same
  kNumkeysNotPositive,  // ERR numkeys should be greater than 0
  kTooManyKeys,         // ERR Number of keys can't be greater than number of args
  kCountNotPositive,    // ERR count should be greater than 0
  kTimeoutNotFloat,     // ERR timeout is not a float or out of range
  kTimeoutNegative,     // ERR timeout is negative
  kTimeoutOutOfRange,   // ERR timeout is out of range
  kInvalidCursor,       // ERR invalid cursor
  kDbIndexOutOfRange,   // ERR DB index is out of range
  kCustom,              // a text of the command's own, carried beside the status
};

// A value of T, or the status saying why there is none. For a pointer T,
// `->` reaches the pointee: `find<ListValue>(…)->size()`.
template <class T>
class [[nodiscard]] OpResult {
 public:
  OpResult(T v) : value_(std::move(v)) {}  // NOLINT: implicit, like Dragonfly's
  OpResult(OpStatus st) : status_(st) {}   // NOLINT
  OpResult() : status_(OpStatus::kKeyNotFound) {}

  bool ok() const { return status_ == OpStatus::kOk; }
  explicit operator bool() const { return ok(); }
  OpStatus status() const { return status_; }
  bool missing() const { return status_ == OpStatus::kKeyNotFound; }
  bool wrong_type() const { return status_ == OpStatus::kWrongType; }

  T& value() { return value_; }
  const T& value() const { return value_; }
  T& operator*() { return value_; }
  const T& operator*() const { return value_; }
  auto operator->() {
    if constexpr (std::is_pointer_v<T>) {
      return value_;
    } else {
      return &value_;
    }
  }
  auto operator->() const {
    if constexpr (std::is_pointer_v<T>) {
      return value_;
    } else {
      return &value_;
    }
  }
  T value_or(T other) const { return ok() ? value_ : std::move(other); }

 private:
  T value_{};
  OpStatus status_ = OpStatus::kOk;
};

}  // namespace ironkv
