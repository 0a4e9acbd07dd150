#pragma once

// ASCII string helpers and Redis's memory-size text formats (config values, INFO).
// Case folding is ASCII-only on purpose: command names, options and units are ASCII,
// and Redis runs with the "C" ctype locale.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ironkv::util {

// ASCII case-insensitive equality (strcasecmp(...) == 0 for equal-length inputs,
// but binary-safe).
bool iequals(std::string_view a, std::string_view b);

std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

// Redis 7.0 memtoull, as used for memory config values (maxmemory, *-max-*-size ...):
// decimal digits followed by an optional case-insensitive unit
//   b = 1, k = 1000, kb = 1024, m = 1000^2, mb = 1024^2, g = 1000^3, gb = 1024^3.
// Anything else (sign, spaces, '.', other units) is nullopt, as are 128 or more digits
// and results above UINT64_MAX (where Redis 7.0 silently saturates or wraps).
// Like Redis, an empty number counts as 0: "" and "kb" give 0 (CONFIG SET maxmemory ""
// is accepted by Redis and sets 0).
std::optional<uint64_t> parse_memory(std::string_view s);

// Redis bytesToHuman (INFO *_human fields): below 1024 "<n>B", then n / 1024^k with
// "%.2f" and K, M, G, T, P; from 1024^6 on "<n>B" again. 1536 -> "1.50K".
std::string bytes_to_human(uint64_t n);

}  // namespace ironkv::util
