// parse_memory expectations are what redis-server 7.0.15 (Debian 12) stores for
// CONFIG SET maxmemory <value>, except where noted; bytes_to_human matches its
// INFO *_human fields.

#include "core/util/strings.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace ironkv::util {
namespace {

using namespace std::string_literals;

TEST(Strings, Iequals) {
  EXPECT_TRUE(iequals("", ""));
  EXPECT_TRUE(iequals("GET", "get"));
  EXPECT_TRUE(iequals("gEt", "GeT"));
  EXPECT_TRUE(iequals("client|list", "CLIENT|LIST"));
  EXPECT_FALSE(iequals("get", "gets"));
  EXPECT_FALSE(iequals("get", "set"));
  EXPECT_FALSE(iequals("[", "{"));  // '[' and '{' differ by the case bit but are not letters
  EXPECT_FALSE(iequals("@", "`"));
  EXPECT_FALSE(iequals("\xc0", "\xe0"));  // ASCII only
  EXPECT_TRUE(iequals("a\0b"s, "A\0B"s));
  EXPECT_FALSE(iequals("a\0b"s, "a\0c"s));
}

TEST(Strings, ToLowerToUpper) {
  EXPECT_EQ(to_lower("HeLLo World 123 [@`{]"), "hello world 123 [@`{]");
  EXPECT_EQ(to_upper("HeLLo World 123 [@`{]"), "HELLO WORLD 123 [@`{]");
  EXPECT_EQ(to_lower("\xc0\xff"), "\xc0\xff");
  EXPECT_EQ(to_upper("\xe0\xff"), "\xe0\xff");
  EXPECT_EQ(to_lower(""), "");
  EXPECT_EQ(to_upper("a\0b"s), "A\0B"s);
}

TEST(ParseMemory, Units) {
  EXPECT_EQ(parse_memory("1024"), 1024u);
  EXPECT_EQ(parse_memory("0"), 0u);
  EXPECT_EQ(parse_memory("0100"), 100u);
  EXPECT_EQ(parse_memory("1b"), 1u);
  EXPECT_EQ(parse_memory("1B"), 1u);
  EXPECT_EQ(parse_memory("100k"), 100000u);
  EXPECT_EQ(parse_memory("100K"), 100000u);
  EXPECT_EQ(parse_memory("100kb"), 102400u);
  EXPECT_EQ(parse_memory("100Kb"), 102400u);
  EXPECT_EQ(parse_memory("5m"), 5000000u);
  EXPECT_EQ(parse_memory("512mb"), 536870912u);
  EXPECT_EQ(parse_memory("512MB"), 536870912u);
  EXPECT_EQ(parse_memory("2g"), 2000000000u);
  EXPECT_EQ(parse_memory("1gb"), 1073741824u);
  EXPECT_EQ(parse_memory("1GB"), 1073741824u);
  EXPECT_EQ(parse_memory("1Gb"), 1073741824u);
  EXPECT_EQ(parse_memory("18446744073709551615"), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(parse_memory("17179869183gb"), 18446744072635809792ull);
}

TEST(ParseMemory, EmptyNumberIsZeroLikeRedis) {
  EXPECT_EQ(parse_memory(""), 0u);
  EXPECT_EQ(parse_memory("kb"), 0u);
  EXPECT_EQ(parse_memory("b"), 0u);
}

TEST(ParseMemory, Invalid) {
  for (std::string_view s : {"-1", "-1kb", "+1", " 1", "1 ", "1 kb", "1.5mb", "1t", "1tb", "1kib",
                             "1Gi", "0x10", "1kbb", "abc", "1e3", "-"}) {
    EXPECT_EQ(parse_memory(s), std::nullopt) << "'" << s << "'";
  }
  EXPECT_EQ(parse_memory("1\0"s), std::nullopt);
  EXPECT_EQ(parse_memory("1\0kb"s), std::nullopt);
}

TEST(ParseMemory, OverflowIsRejected) {
  // Redis 7.0 would store UINT64_MAX for the first two and wrap the next two; a
  // silently different limit is worse than an error.
  EXPECT_EQ(parse_memory("18446744073709551616"), std::nullopt);
  EXPECT_EQ(parse_memory("99999999999999999999999"), std::nullopt);
  EXPECT_EQ(parse_memory("17179869184gb"), std::nullopt);
  EXPECT_EQ(parse_memory("18446744073709552k"), std::nullopt);
  // Redis copies at most 127 digits.
  EXPECT_EQ(parse_memory(std::string(127, '0') + ""), 0u);
  EXPECT_EQ(parse_memory(std::string(126, '0') + "1m"), 1000000u);
  EXPECT_EQ(parse_memory(std::string(128, '0')), std::nullopt);
}

TEST(BytesToHuman, RedisFormat) {
  EXPECT_EQ(bytes_to_human(0), "0B");
  EXPECT_EQ(bytes_to_human(123), "123B");
  EXPECT_EQ(bytes_to_human(1023), "1023B");
  EXPECT_EQ(bytes_to_human(1024), "1.00K");
  EXPECT_EQ(bytes_to_human(1536), "1.50K");
  EXPECT_EQ(bytes_to_human(1048575), "1024.00K");
  EXPECT_EQ(bytes_to_human(1048576), "1.00M");
  EXPECT_EQ(bytes_to_human(1235552), "1.18M");  // INFO: used_memory:1235552
  EXPECT_EQ(bytes_to_human(1572864), "1.50M");
  EXPECT_EQ(bytes_to_human(2ull << 30), "2.00G");
  EXPECT_EQ(bytes_to_human(1ull << 40), "1.00T");
  EXPECT_EQ(bytes_to_human(3ull << 49), "1.50P");
  EXPECT_EQ(bytes_to_human((1ull << 60) - 1), "1024.00P");
  EXPECT_EQ(bytes_to_human(1ull << 60), "1152921504606846976B");
  EXPECT_EQ(bytes_to_human(std::numeric_limits<uint64_t>::max()), "18446744073709551615B");
}

}  // namespace
}  // namespace ironkv::util
