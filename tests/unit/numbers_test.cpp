// Expected values are what redis-server 7.0.15 (Debian 12) replies, checked against the
// real server: INCRBY for parse_int64, INCRBYFLOAT for parse_long_double and
// long_double_to_human, ZADD + ZSCORE (skiplist encoding) for parse_double and
// double_to_string.

#include "core/util/numbers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

namespace ironkv::util {
namespace {

using namespace std::string_literals;

std::optional<int64_t> i64(std::string_view s) {
  int64_t v = 12345;
  if (!parse_int64(s, v)) {
    EXPECT_EQ(v, 12345) << "output written on failure for '" << s << "'";
    return std::nullopt;
  }
  return v;
}

std::optional<uint64_t> u64(std::string_view s) {
  uint64_t v = 12345;
  if (!parse_uint64(s, v)) {
    EXPECT_EQ(v, 12345u) << "output written on failure for '" << s << "'";
    return std::nullopt;
  }
  return v;
}

std::optional<long double> ld(std::string_view s) {
  long double v = 12345;
  if (!parse_long_double(s, v)) {
    EXPECT_EQ(v, 12345) << "output written on failure for '" << s << "'";
    return std::nullopt;
  }
  return v;
}

std::optional<double> dbl(std::string_view s) {
  double v = 12345;
  if (!parse_double(s, v)) {
    EXPECT_EQ(v, 12345) << "output written on failure for '" << s << "'";
    return std::nullopt;
  }
  return v;
}

// What INCRBYFLOAT stores and replies when the key holds `current`.
std::string incrbyfloat(std::string_view current, std::string_view increment) {
  auto a = ld(current);
  auto b = ld(increment);
  if (!a || !b) return "ERR";
  return long_double_to_human(*a + *b);
}

// What ZADD z <score> m; ZSCORE z m replies.
std::string zscore(std::string_view score) {
  auto d = dbl(score);
  return d ? double_to_string(*d) : "ERR";
}

TEST(ParseInt64, AcceptsRedisIntegers) {
  EXPECT_EQ(i64("0"), 0);
  EXPECT_EQ(i64("1"), 1);
  EXPECT_EQ(i64("-1"), -1);
  EXPECT_EQ(i64("99"), 99);
  EXPECT_EQ(i64("-99"), -99);
  EXPECT_EQ(i64("1234567890"), 1234567890);
  EXPECT_EQ(i64("9223372036854775807"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(i64("-9223372036854775808"), std::numeric_limits<int64_t>::min());
}

TEST(ParseInt64, RejectsWhatString2llRejects) {
  const std::string_view malformed[] = {"",    "-",   "+",    "+1",  " 1",   "1 ", "\t1",
                                        "1\n", "01",  "00",   "-0",  "-01",  "1a", "a1",
                                        "1.0", "1e3", "0x10", "--1", "1,000"};
  const std::string_view out_of_range[] = {
      "9223372036854775808",  "-9223372036854775809", "18446744073709551615",
      "18446744073709551616", "99999999999999999999", "123456789012345678901234567890"};
  for (std::string_view s : malformed) {
    EXPECT_EQ(i64(s), std::nullopt) << "'" << s << "'";
  }
  for (std::string_view s : out_of_range) {
    EXPECT_EQ(i64(s), std::nullopt) << "'" << s << "'";
  }
  EXPECT_EQ(i64("1\0"s), std::nullopt);
  EXPECT_EQ(i64("\0"s), std::nullopt);
}

TEST(ParseUint64, DigitsOnlyOverflowChecked) {
  EXPECT_EQ(u64("0"), 0u);
  EXPECT_EQ(u64("42"), 42u);
  EXPECT_EQ(u64("007"), 7u);
  EXPECT_EQ(u64("9223372036854775808"), 9223372036854775808ull);
  EXPECT_EQ(u64("18446744073709551615"), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(u64("000000000000000000000018446744073709551615"),
            std::numeric_limits<uint64_t>::max());
  for (std::string_view s : {"", "-1", "+1", " 1", "1 ", "1a", "1.5", "18446744073709551616",
                             "18446744073709551620", "99999999999999999999", "-0"}) {
    EXPECT_EQ(u64(s), std::nullopt) << "'" << s << "'";
  }
}

TEST(ParseLongDouble, AcceptsWhatStrtoldAccepts) {
  EXPECT_EQ(ld("10.5"), 10.5L);
  EXPECT_EQ(ld("-3.5"), -3.5L);
  EXPECT_EQ(ld("+1"), 1.0L);
  EXPECT_EQ(ld("1e3"), 1000.0L);
  EXPECT_EQ(ld("5.0E3"), 5000.0L);
  EXPECT_EQ(ld(".5"), 0.5L);
  EXPECT_EQ(ld("1."), 1.0L);
  EXPECT_EQ(ld("0x1p3"), 8.0L);
  EXPECT_EQ(ld("00"), 0.0L);
  EXPECT_EQ(ld("1e4000"), 1e4000L);  // fits a long double, not a double
  auto inf = ld("inf");
  ASSERT_TRUE(inf);
  EXPECT_TRUE(std::isinf(*inf) && *inf > 0);
  auto ninf = ld("-Infinity");
  ASSERT_TRUE(ninf);
  EXPECT_TRUE(std::isinf(*ninf) && *ninf < 0);
}

TEST(ParseLongDouble, RejectsLikeString2ld) {
  for (std::string_view s : {"", " 1", "\t1", "\n1", "1 ", "1x", "abc", "nan", "-nan", "NaN",
                             "1e5000", "-1e5000", "1e-5000", "1e", ".", "-", "+", "0x", "1,5"}) {
    EXPECT_EQ(ld(s), std::nullopt) << "'" << s << "'";
  }
  EXPECT_EQ(ld("1\0"s), std::nullopt);
  EXPECT_EQ(ld("1\0002"s), std::nullopt);
}

TEST(ParseLongDouble, LengthLimitIsMaxLongDoubleChars) {
  // Redis: INCRBYFLOAT k 000...01 works with 5119 characters, fails with 5120.
  std::string s(kMaxLongDoubleChars - 1, '0');
  s.back() = '1';
  EXPECT_EQ(ld(s), 1.0L);
  s.insert(s.begin(), '0');
  EXPECT_EQ(ld(s), std::nullopt);
}

TEST(ParseDouble, AcceptsScoresLikeZadd) {
  EXPECT_EQ(dbl("1"), 1.0);
  EXPECT_EQ(dbl("-2.5"), -2.5);
  EXPECT_EQ(dbl("+1.5"), 1.5);
  EXPECT_EQ(dbl("1e3"), 1000.0);
  EXPECT_EQ(dbl("0x1p3"), 8.0);
  EXPECT_EQ(dbl("5e-324"), 4.9406564584124654e-324);  // denormal: kept, not "underflow"
  EXPECT_EQ(dbl("inf"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(dbl("+inf"), std::numeric_limits<double>::infinity());
  EXPECT_EQ(dbl("-inf"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(dbl("Infinity"), std::numeric_limits<double>::infinity());
  auto negzero = dbl("-0");
  ASSERT_TRUE(negzero);
  EXPECT_TRUE(*negzero == 0 && std::signbit(*negzero));
  // Longer than the parser's stack buffer.
  EXPECT_EQ(dbl(std::string(300, '0') + "1.25"), 1.25);
}

TEST(ParseDouble, RejectsLikeGetDoubleFromObject) {
  for (std::string_view s : {"", " 1", "\t1", "1 ", "1x", "nan", "NAN", "-nan", "1e309", "-1e309",
                             "1e-400", "1e4000", "abc", "1e", "--1", "0x"}) {
    EXPECT_EQ(dbl(s), std::nullopt) << "'" << s << "'";
  }
  EXPECT_EQ(dbl("1\0"s), std::nullopt);
  EXPECT_EQ(dbl(std::string(300, '0') + "1.25 "), std::nullopt);
}

TEST(FormatInt64, ExtremesAndLength) {
  struct Case {
    int64_t v;
    const char* text;
  };
  for (const Case& c : {Case{0, "0"}, Case{7, "7"}, Case{-7, "-7"}, Case{10, "10"},
                        Case{-100, "-100"}, Case{1234567890123, "1234567890123"},
                        Case{std::numeric_limits<int64_t>::max(), "9223372036854775807"},
                        Case{std::numeric_limits<int64_t>::min(), "-9223372036854775808"}}) {
    char buf[32];
    std::memset(buf, 'X', sizeof(buf));
    const size_t n = format_int64(c.v, buf);
    EXPECT_EQ(std::string(buf, n), c.text);
    EXPECT_EQ(n, std::strlen(c.text));
    for (size_t i = 21; i < sizeof(buf); ++i) EXPECT_EQ(buf[i], 'X') << "wrote past 21 bytes";
    EXPECT_EQ(int64_to_string(c.v), c.text);
  }
}

TEST(FormatInt64, RoundTripsThroughParse) {
  for (int64_t v = std::numeric_limits<int64_t>::min();
       v < std::numeric_limits<int64_t>::max() - 1000003; v += 0x0123456789abcdLL) {
    EXPECT_EQ(i64(int64_to_string(v)), v);
  }
}

TEST(LongDoubleToHuman, MatchesIncrbyfloatReplies) {
  EXPECT_EQ(incrbyfloat("10.5", "0.1"), "10.6");
  EXPECT_EQ(long_double_to_human(10.5L + 0.1L), "10.6");
  EXPECT_EQ(incrbyfloat("3.0e3", "0"), "3000");
  EXPECT_EQ(long_double_to_human(3.0e3L), "3000");
  EXPECT_EQ(incrbyfloat("5.0e3", "2.0e2"), "5200");
  EXPECT_EQ(incrbyfloat("1e20", "0"), "100000000000000000000");
  EXPECT_EQ(long_double_to_human(1.0e20L), "100000000000000000000");
  EXPECT_EQ(incrbyfloat("0", "-1e20"), "-100000000000000000000");
  EXPECT_EQ(incrbyfloat("1", "-3.5"), "-2.5");
  EXPECT_EQ(incrbyfloat("0", "0.1"), "0.1");
  EXPECT_EQ(incrbyfloat("0.1", "0.2"), "0.3");
  EXPECT_EQ(incrbyfloat("0", "1.1"), "1.1");
  EXPECT_EQ(incrbyfloat("1.1", "1.1"), "2.2");
  EXPECT_EQ(incrbyfloat("2.2", "1.1"), "3.3");
  EXPECT_EQ(incrbyfloat("0", "0x1p-3"), "0.125");
  EXPECT_EQ(incrbyfloat("0", "1.23456789012345678901"), "1.23456789012345679");
  EXPECT_EQ(incrbyfloat("0", "123456789.123456789"), "123456789.12345678899873747");
  EXPECT_EQ(incrbyfloat("123456789012345678901234567890", "1"), "123456789012345678899921813504");
  EXPECT_EQ(incrbyfloat("0", "1e-17"), "0.00000000000000001");
  EXPECT_EQ(incrbyfloat("0.00000000000000001", "5e-18"), "0.00000000000000002");
  EXPECT_EQ(incrbyfloat("0", "-0.00000000000000001"), "-0.00000000000000001");
  EXPECT_EQ(incrbyfloat("-0.0", "0"), "0");
}

TEST(LongDoubleToHuman, ValuesThatRoundToZero) {
  EXPECT_EQ(long_double_to_human(0.0L), "0");
  EXPECT_EQ(long_double_to_human(-0.0L), "0");
  EXPECT_EQ(incrbyfloat("0", "1e-20"), "0");
  EXPECT_EQ(incrbyfloat("0", "-1e-20"), "0");  // "-0.00000000000000000" -> "-0" -> "0"
  EXPECT_EQ(incrbyfloat("0", "-0.000000000000000005"), "0");
}

TEST(LongDoubleToHuman, HugeAndInfinite) {
  EXPECT_EQ(long_double_to_human(std::numeric_limits<long double>::infinity()), "inf");
  EXPECT_EQ(long_double_to_human(-std::numeric_limits<long double>::infinity()), "-inf");
  EXPECT_EQ(incrbyfloat("1", "1.7976931348623157e308"),
            "179769313486231569995921046774104434048386446944329178485314420765176628523124396354"
            "701868608387085564428793419425520689308708363451136055357897278026477617073498977686"
            "288394835618163294045594434929537447290627480669417384648879122776218333598953852832"
            "103282504751611691208117720159985926376802466863339536384");
  // Redis replies 4000 digits (long double rounding lands just below 1e4000).
  const std::string big = incrbyfloat("1e4000", "0");
  EXPECT_EQ(big.size(), 4000u);
  EXPECT_EQ(big.substr(0, 30), "999999999999999999996546387309");
  EXPECT_EQ(big.substr(big.size() - 20), "06648276349901340672");
  EXPECT_EQ(big.find('.'), std::string::npos);
}

TEST(DoubleToString, MatchesZscoreReplies) {
  EXPECT_EQ(zscore("1"), "1");
  EXPECT_EQ(zscore("-1"), "-1");
  EXPECT_EQ(zscore("0.1"), "0.10000000000000001");
  EXPECT_EQ(zscore("1.5"), "1.5");
  EXPECT_EQ(zscore("-2.5"), "-2.5");
  EXPECT_EQ(zscore("1e20"), "1e+20");
  EXPECT_EQ(zscore("1e-5"), "1.0000000000000001e-05");
  EXPECT_EQ(zscore("inf"), "inf");
  EXPECT_EQ(zscore("-inf"), "-inf");
  EXPECT_EQ(zscore("3.0000000000000004"), "3.0000000000000004");
  EXPECT_EQ(zscore("0.30000000000000004"), "0.30000000000000004");
  EXPECT_EQ(zscore("0"), "0");
  EXPECT_EQ(zscore("-0"), "-0");  // skiplist-encoded zset; see double_to_string's contract
  EXPECT_EQ(zscore("100"), "100");
  EXPECT_EQ(zscore("12345.678"), "12345.678");
  EXPECT_EQ(zscore("1e15"), "1000000000000000");
  EXPECT_EQ(zscore("4503599627370496"), "4503599627370496");
  EXPECT_EQ(zscore("9007199254740993"), "9007199254740992");
  EXPECT_EQ(zscore("1e16"), "10000000000000000");
  EXPECT_EQ(zscore("1e17"), "1e+17");
  EXPECT_EQ(zscore("123456789012345678"), "1.2345678901234568e+17");
  EXPECT_EQ(zscore("1e300"), "1.0000000000000001e+300");
  EXPECT_EQ(zscore("1e-300"), "1e-300");
  EXPECT_EQ(zscore("5e-324"), "4.9406564584124654e-324");
  EXPECT_EQ(zscore("0x1p3"), "8");
}

TEST(DoubleToString, SpecialValues) {
  EXPECT_EQ(double_to_string(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(double_to_string(-std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(double_to_string(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(double_to_string(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(double_to_string(-0.0), "-0");
  EXPECT_EQ(double_to_string(9007199254740992.0), "9007199254740992");
  EXPECT_EQ(double_to_string(-9007199254740992.0), "-9007199254740992");
  EXPECT_EQ(double_to_string(-4503599627370497.0), "-4503599627370497");
}

TEST(DoubleToString, IntegerFastPathAgreesWithPercent17g) {
  // The fast path must be invisible: compare with "%.17g" on integral values around
  // the 2^53 boundary and on small fractions.
  for (double v :
       {1.0, 2.0, 99.0, 1e15, 4503599627370495.0, 4503599627370496.0, 9007199254740990.0,
        9007199254740991.0, 9007199254740992.0, 9007199254740994.0, 1e16, 1e17, 0.5, 2.25, 1e-7}) {
    for (double s : {v, -v}) {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.17g", s);
      EXPECT_EQ(double_to_string(s), buf) << s;
    }
  }
}

TEST(DoubleToString, RoundTripsThroughParseDouble) {
  for (double v :
       {0.1, 1.0 / 3, 2.0 / 3, 1e-310, 1.7976931348623157e308, -123.456, 6.02214076e23}) {
    EXPECT_EQ(dbl(double_to_string(v)), v);
  }
}

}  // namespace
}  // namespace ironkv::util
