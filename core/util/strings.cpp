#include "core/util/strings.h"

#include <cstdio>
#include <limits>

namespace ironkv::util {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Redis copies the digits into a 128-byte buffer and rejects what does not fit.
constexpr size_t kMaxMemoryDigits = 127;

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = upper(c);
  return out;
}

std::optional<uint64_t> parse_memory(std::string_view s) {
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  const std::string_view unit = s.substr(digits);

  uint64_t mul = 0;
  if (unit.empty() || iequals(unit, "b")) {
    mul = 1;
  } else if (iequals(unit, "k")) {
    mul = 1000;
  } else if (iequals(unit, "kb")) {
    mul = 1024;
  } else if (iequals(unit, "m")) {
    mul = 1000ull * 1000;
  } else if (iequals(unit, "mb")) {
    mul = 1024ull * 1024;
  } else if (iequals(unit, "g")) {
    mul = 1000ull * 1000 * 1000;
  } else if (iequals(unit, "gb")) {
    mul = 1024ull * 1024 * 1024;
  } else {
    return std::nullopt;
  }
  if (digits > kMaxMemoryDigits) return std::nullopt;

  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  uint64_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const auto d = static_cast<uint64_t>(s[i] - '0');
    if (value > (kMax - d) / 10) return std::nullopt;
    value = value * 10 + d;
  }
  if (value > kMax / mul) return std::nullopt;
  return value * mul;
}

std::string bytes_to_human(uint64_t n) {
  static constexpr char kUnits[] = {'K', 'M', 'G', 'T', 'P'};
  char buf[32];
  int len = 0;
  if (n < 1024) {
    len = std::snprintf(buf, sizeof(buf), "%lluB", static_cast<unsigned long long>(n));
  } else {
    // Same double arithmetic as Redis, so rounding of the two decimals agrees.
    uint64_t scale = 1024;
    size_t unit = 0;
    while (unit + 1 < sizeof(kUnits) && n >= scale * 1024) {
      scale *= 1024;
      ++unit;
    }
    if (n >= scale * 1024) {  // 1024^6 and up: Redis falls back to plain bytes
      len = std::snprintf(buf, sizeof(buf), "%lluB", static_cast<unsigned long long>(n));
    } else {
      len = std::snprintf(buf, sizeof(buf), "%.2f%c",
                          static_cast<double>(n) / static_cast<double>(scale), kUnits[unit]);
    }
  }
  return std::string(buf, static_cast<size_t>(len));
}

}  // namespace ironkv::util
