#pragma once

// Number <-> text conversions with the exact acceptance rules and output formats of
// Redis 7.0 (util.c string2ll / string2ld / ld2string, object.c getDoubleFromObject,
// networking.c addReplyDouble). Clients observe these byte for byte: which inputs give
// "ERR value is not an integer or out of range", and what INCRBYFLOAT / ZSCORE print.
//
// The floating-point functions use strtod/strtold/snprintf like Redis, so they assume
// the process keeps LC_NUMERIC at "C" (never call setlocale with LC_ALL/LC_NUMERIC).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ironkv::util {

// Longest text accepted by parse_long_double, and enough room for any
// long_double_to_human output (Redis MAX_LONG_DOUBLE_CHARS).
inline constexpr size_t kMaxLongDoubleChars = 5 * 1024;

// Redis string2ll: optional '-', then digits; no '+', no spaces, no leading zeros
// (except "0" itself), "-0" rejected, non-empty, overflow-checked.
bool parse_int64(std::string_view s, int64_t& out);

// Digits only (no sign, no spaces), non-empty, overflow-checked. Leading zeros are
// accepted ("007" -> 7), as strtoull-based Redis parsers accept them.
bool parse_uint64(std::string_view s, uint64_t& out);

// Redis string2ld (INCRBYFLOAT, HINCRBYFLOAT): strtold over the whole input. Rejects
// empty input, input of kMaxLongDoubleChars bytes or more, leading whitespace, trailing
// garbage (including an embedded NUL), nan, overflow to +/-inf and underflow to zero.
// Accepts what strtold accepts otherwise: "+1", "1e3", "0x1p3", "inf", "-infinity".
bool parse_long_double(std::string_view s, long double& out);

// Redis getDoubleFromObject on a string (ZADD scores, ZINCRBY, ...): the same rules as
// parse_long_double but with strtod and no length limit.
bool parse_double(std::string_view s, double& out);

// Writes the decimal form of v to buf, which must hold at least 21 bytes, and returns
// the length (at most 20). No NUL terminator is written.
size_t format_int64(int64_t v, char* buf);
std::string int64_to_string(int64_t v);

// Redis ld2string(LD_STR_HUMAN), INCRBYFLOAT's reply and stored value: "%.17Lf", then
// trailing zeros and a then-trailing '.' removed; "-0" becomes "0"; infinities are
// "inf" / "-inf". Never uses exponent notation (1e20 -> "100000000000000000000").
std::string long_double_to_human(long double v);

// Redis 7.0 addReplyDouble / d2string text of a double (ZSCORE, ZINCRBY, WITHSCORES):
// "%.17g", with "inf", "-inf", "nan" spelled explicitly. So 1 -> "1", 0.1 ->
// "0.10000000000000001", 1e20 -> "1e+20", -0.0 -> "-0".
std::string double_to_string(double v);

}  // namespace ironkv::util
