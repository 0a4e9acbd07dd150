#include "core/util/numbers.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace ironkv::util {
namespace {

// isspace() of the "C" locale, without its undefined behaviour for negative chars.
bool is_c_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// strtod/strtold need a NUL-terminated string; arguments are views into a buffer that
// is not. Short inputs (nearly all of them) are copied to the stack.
class CString {
 public:
  explicit CString(std::string_view s) {
    if (s.size() < sizeof(small_)) {
      std::memcpy(small_, s.data(), s.size());
      small_[s.size()] = '\0';
      data_ = small_;
    } else {
      large_.assign(s);
      data_ = large_.c_str();
    }
  }
  CString(const CString&) = delete;
  CString& operator=(const CString&) = delete;

  const char* c_str() const { return data_; }

 private:
  char small_[128];
  std::string large_;
  const char* data_;
};

// The checks Redis applies after strtod/strtold: the whole input was consumed (so an
// embedded NUL fails), no overflow to infinity, no underflow to zero (a denormal result
// is accepted even though ERANGE may be set), and no nan.
template <typename T>
bool accept_float(T value, const char* begin, const char* end, size_t len, int err) {
  if (static_cast<size_t>(end - begin) != len) return false;
  if (err == ERANGE && (std::isinf(value) || value == 0)) return false;
  if (err == EINVAL) return false;
  return !std::isnan(value);
}

}  // namespace

bool parse_int64(std::string_view s, int64_t& out) {
  // 20 = strlen("-9223372036854775808"); anything longer and still well formed
  // would overflow anyway.
  if (s.empty() || s.size() > 20) return false;
  if (s.size() == 1 && s[0] == '0') {
    out = 0;
    return true;
  }
  size_t i = 0;
  bool negative = false;
  if (s[0] == '-') {
    negative = true;
    if (++i == s.size()) return false;
  }
  // A leading zero is only valid as the whole string "0" (so "-0" and "01" fail).
  if (s[i] < '1' || s[i] > '9') return false;
  uint64_t v = static_cast<uint64_t>(s[i] - '0');
  for (++i; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    const auto digit = static_cast<uint64_t>(s[i] - '0');
    if (v > std::numeric_limits<uint64_t>::max() / 10) return false;
    v *= 10;
    if (v > std::numeric_limits<uint64_t>::max() - digit) return false;
    v += digit;
  }
  constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  if (negative) {
    if (v > kMax + 1) return false;
    out = static_cast<int64_t>(0 - v);  // modular; exact for v == 2^63 too
  } else {
    if (v > kMax) return false;
    out = static_cast<int64_t>(v);
  }
  return true;
}

bool parse_uint64(std::string_view s, uint64_t& out) {
  if (s.empty()) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - digit) / 10) return false;
    v = v * 10 + digit;
  }
  out = v;
  return true;
}

bool parse_long_double(std::string_view s, long double& out) {
  if (s.empty() || s.size() >= kMaxLongDoubleChars) return false;
  // strtold skips leading whitespace; Redis does not accept it.
  if (is_c_space(s[0])) return false;
  CString buf(s);
  char* end = nullptr;
  errno = 0;
  const long double v = std::strtold(buf.c_str(), &end);
  if (!accept_float(v, buf.c_str(), end, s.size(), errno)) return false;
  out = v;
  return true;
}

bool parse_double(std::string_view s, double& out) {
  if (s.empty() || is_c_space(s[0])) return false;
  CString buf(s);
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(buf.c_str(), &end);
  if (!accept_float(v, buf.c_str(), end, s.size(), errno)) return false;
  out = v;
  return true;
}

size_t format_int64(int64_t v, char* buf) {
  // to_chars is locale-free and formats digit pairs; 21 bytes always suffice.
  return static_cast<size_t>(std::to_chars(buf, buf + 21, v).ptr - buf);
}

std::string int64_to_string(int64_t v) {
  char buf[21];
  return std::string(buf, format_int64(v, buf));
}

std::string long_double_to_human(long double v) {
  // Spelled out because libc spellings of infinity differ between platforms.
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";

  // Most results fit the stack buffer; huge magnitudes print every integer digit
  // (up to ~4950 characters for the largest long double).
  char small[64];
  std::string s;
  const int n = std::snprintf(small, sizeof(small), "%.17Lf", v);
  if (n < 0) return "nan";  // cannot happen with a valid format; keep the result sane
  if (static_cast<size_t>(n) < sizeof(small)) {
    s.assign(small, static_cast<size_t>(n));
  } else {
    s.resize(static_cast<size_t>(n));
    std::snprintf(s.data(), s.size() + 1, "%.17Lf", v);
  }

  if (s.find('.') != std::string::npos) {
    // A '.' is always preceded by a digit, so this stops before emptying the string.
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  // Tiny negative values round to "-0.000..." and reduce to "-0"; Redis prints "0".
  if (s == "-0") s = "0";
  return s;
}

std::string double_to_string(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  // Integral values below 2^53 have at most 16 digits, so "%.17g" would print them
  // exactly as integers; the integer formatter gives the same text much faster.
  constexpr double kExactIntLimit = 9007199254740992.0;  // 2^53
  if (v > -kExactIntLimit && v < kExactIntLimit && v == std::trunc(v)) {
    return int64_to_string(static_cast<int64_t>(v));
  }
  char buf[32];  // "%.17g" of a double is at most 24 characters
  const int n = std::snprintf(buf, sizeof(buf), "%.17g", v);
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace ironkv::util
