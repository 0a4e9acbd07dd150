// The argument cursor: typed values with Redis's parsing rules, option words,
// the first error kept, finish() rejecting leftovers; and the status texts.

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/args.h"
#include "core/resp/errors.h"

namespace ironkv::command {
namespace {

class Argv {
 public:
  Argv(std::initializer_list<std::string_view> a) : strings_(a.begin(), a.end()) {
    for (const auto& s : strings_) views_.emplace_back(s);
  }
  ArgCursor cursor(size_t start = 1) const { return ArgCursor(views_, start); }

 private:
  std::vector<std::string> strings_;
  std::vector<std::string_view> views_;
};

TEST(ArgCursor, TakesArgumentsInOrder) {
  Argv argv{"cmd", "a", "b", "c"};
  ArgCursor a = argv.cursor();
  EXPECT_TRUE(a.has_next());
  EXPECT_EQ(a.remaining(), 3u);
  EXPECT_EQ(a.position(), 1u);
  EXPECT_EQ(a.peek(), "a");
  EXPECT_EQ(a.next(), "a");
  EXPECT_EQ(a.next<std::string_view>(), "b");
  EXPECT_EQ(a.position(), 3u);
  EXPECT_FALSE(a.finish());  // "c" is left over
  EXPECT_EQ(a.status(), OpStatus::kSyntax);
}

TEST(ArgCursor, FinishWithEverythingTaken) {
  Argv argv{"cmd", "x"};
  ArgCursor a = argv.cursor();
  a.next();
  EXPECT_FALSE(a.has_next());
  EXPECT_TRUE(a.finish());
  EXPECT_TRUE(a.ok());
}

TEST(ArgCursor, FinishWithTheCommandsOwnError) {
  Argv argv{"cmd", "x", "extra"};
  ArgCursor a = argv.cursor(2);
  EXPECT_FALSE(a.finish("ERR wrong number of arguments for 'cmd' command"));
  EXPECT_EQ(a.status(), OpStatus::kCustom);
  EXPECT_EQ(a.text(), "ERR wrong number of arguments for 'cmd' command");
}

TEST(ArgCursor, MissingArgumentIsASyntaxError) {
  Argv argv{"cmd"};
  ArgCursor a = argv.cursor();
  EXPECT_EQ(a.next<int64_t>(), 0);
  EXPECT_EQ(a.status(), OpStatus::kSyntax);
}

TEST(ArgCursor, Int64FollowsRedisString2ll) {
  Argv argv{"cmd", "-9223372036854775808", "9223372036854775807", "0"};
  ArgCursor a = argv.cursor();
  EXPECT_EQ(a.next<int64_t>(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(a.next<int64_t>(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(a.next<int64_t>(), 0);
  EXPECT_TRUE(a.finish());
  for (std::string_view bad :
       {"+1", " 1", "1 ", "01", "-0", "", "9223372036854775808", "1.0", "0x10", "1e3", "abc"}) {
    Argv b{"cmd", bad};
    ArgCursor c = b.cursor();
    c.next<int64_t>();
    EXPECT_EQ(c.status(), OpStatus::kNotAnInteger) << "'" << bad << "'";
    EXPECT_EQ(c.position(), 1u) << "a failed argument is not consumed";
  }
}

TEST(ArgCursor, Uint64DigitsOnly) {
  Argv argv{"cmd", "18446744073709551615", "007"};
  ArgCursor a = argv.cursor();
  EXPECT_EQ(a.next<uint64_t>(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(a.next<uint64_t>(), 7u);
  for (std::string_view bad : {"-1", "18446744073709551616", "+1", ""}) {
    Argv b{"cmd", bad};
    ArgCursor c = b.cursor();
    c.next<uint64_t>();
    EXPECT_EQ(c.status(), OpStatus::kNotAnInteger) << bad;
  }
}

TEST(ArgCursor, DoubleFollowsRedisGetDouble) {
  Argv argv{"cmd", "1.5", "-inf", "+inf", "1e3", "0x10"};
  ArgCursor a = argv.cursor();
  EXPECT_EQ(a.next<double>(), 1.5);
  EXPECT_EQ(a.next<double>(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(a.next<double>(), std::numeric_limits<double>::infinity());
  EXPECT_EQ(a.next<double>(), 1000.0);
  EXPECT_EQ(a.next<double>(), 16.0);
  EXPECT_TRUE(a.finish());
  for (std::string_view bad : {"nan", "1.5x", " 1", "", "abc"}) {
    Argv b{"cmd", bad};
    ArgCursor c = b.cursor();
    c.next<double>();
    EXPECT_EQ(c.status(), OpStatus::kNotAFloat) << "'" << bad << "'";
  }
}

TEST(ArgCursor, LongDouble) {
  Argv argv{"cmd", "0.1", "nan"};
  ArgCursor a = argv.cursor();
  EXPECT_EQ(a.next<long double>(), 0.1L);
  a.next<long double>();
  EXPECT_EQ(a.status(), OpStatus::kNotAFloat);
}

TEST(ArgCursor, ErrorOfTheCallersChoice) {
  Argv argv{"cmd", "x", "y"};
  ArgCursor a = argv.cursor();
  a.next<double>("ERR min or max is not a float");
  EXPECT_EQ(a.status(), OpStatus::kCustom);
  EXPECT_EQ(a.text(), "ERR min or max is not a float");
  ArgCursor b = argv.cursor();
  b.next<int64_t>(OpStatus::kTimeoutNotFloat);
  EXPECT_EQ(b.status(), OpStatus::kTimeoutNotFloat);
}

TEST(ArgCursor, BoundedIntegers) {
  Argv argv{"cmd", "5", "10", "11", "z"};
  ArgCursor a = argv.cursor();
  EXPECT_EQ(a.next_int(0, 10), 5);
  EXPECT_EQ(a.next_int(0, 10), 10);
  a.next_int(0, 10, OpStatus::kIndexOutOfRange);
  EXPECT_EQ(a.status(), OpStatus::kIndexOutOfRange);
  ArgCursor b = argv.cursor(4);
  b.next_int(0, 10);  // not an integer: the same error as out of range, as Redis
  EXPECT_EQ(b.status(), OpStatus::kOutOfRange);
}

TEST(ArgCursor, TheFirstErrorWins) {
  Argv argv{"cmd", "x", "1.5", "y"};
  ArgCursor a = argv.cursor();
  a.next<int64_t>();
  EXPECT_EQ(a.status(), OpStatus::kNotAnInteger);
  a.fail(OpStatus::kSyntax);
  a.fail_text("ERR other");
  EXPECT_EQ(a.next<double>(), 0.0);
  EXPECT_FALSE(a.eat("x"));
  EXPECT_FALSE(a.has_next()) << "loops over options end at the first error";
  EXPECT_FALSE(a.finish());
  EXPECT_EQ(a.status(), OpStatus::kNotAnInteger);
}

TEST(ArgCursor, FormattedOwnText) {
  Argv argv{"cmd"};
  ArgCursor a = argv.cursor();
  a.fail_text("ERR Unsupported option " + std::string("FOO"));
  EXPECT_EQ(a.status(), OpStatus::kCustom);
  EXPECT_EQ(a.text(), "ERR Unsupported option FOO");
}

TEST(ArgCursor, OptionWordsMatchCaseInsensitivelyAsCStrings) {
  Argv argv{"cmd", "withScores", std::string_view("NX\0junk", 7), "nxx"};
  ArgCursor a = argv.cursor();
  EXPECT_TRUE(a.peek_is("WITHSCORES"));
  EXPECT_FALSE(a.eat("LIMIT"));
  EXPECT_TRUE(a.eat("WITHSCORES"));
  EXPECT_TRUE(a.eat("NX")) << "Redis's strcasecmp stops at the NUL";
  EXPECT_FALSE(a.eat("NX"));
  EXPECT_EQ(a.next(), "nxx");
  EXPECT_TRUE(word_equals("Left", "LEFT"));
  EXPECT_FALSE(word_equals("LEF", "LEFT"));
}

TEST(ArgCursor, OptionWithValuesNeedsThemToFollow) {
  Argv argv{"cmd", "LIMIT", "0", "10", "COUNT"};
  ArgCursor a = argv.cursor();
  EXPECT_FALSE(a.eat("LIMIT", 4));
  EXPECT_TRUE(a.eat("LIMIT", 2));
  EXPECT_EQ(a.next<int64_t>(), 0);
  EXPECT_EQ(a.next<int64_t>(), 10);
  EXPECT_FALSE(a.eat("COUNT", 1)) << "COUNT without its value is not the option";
  EXPECT_TRUE(a.eat("COUNT"));
  EXPECT_TRUE(a.finish());
}

enum class End { kHead, kTail };

TEST(ArgCursor, EnumWords) {
  Argv argv{"cmd", "right", "Left", "up"};
  ArgCursor a = argv.cursor();
  EXPECT_EQ(a.next_enum<End>({{"LEFT", End::kHead}, {"RIGHT", End::kTail}}), End::kTail);
  EXPECT_EQ(a.eat_enum<End>({{"LEFT", End::kHead}, {"RIGHT", End::kTail}}), End::kHead);
  EXPECT_EQ(a.eat_enum<End>({{"LEFT", End::kHead}, {"RIGHT", End::kTail}}), std::nullopt);
  EXPECT_TRUE(a.ok()) << "eat_enum does not fail";
  a.next_enum<End>({{"LEFT", End::kHead}, {"RIGHT", End::kTail}});
  EXPECT_EQ(a.status(), OpStatus::kSyntax);
  ArgCursor b = argv.cursor(3);
  b.next_enum<End>({{"LEFT", End::kHead}}, "ERR CLIENT PAUSE mode must be WRITE or ALL");
  EXPECT_EQ(b.text(), "ERR CLIENT PAUSE mode must be WRITE or ALL");
}

TEST(ArgCursor, TakeAndSkip) {
  Argv argv{"cmd", "2", "k1", "k2", "MIN"};
  ArgCursor a = argv.cursor();
  auto n = a.next<int64_t>();
  auto keys = a.take(static_cast<size_t>(n));
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0], "k1");
  EXPECT_EQ(keys[1], "k2");
  a.skip();
  EXPECT_TRUE(a.finish());
  ArgCursor b = argv.cursor();
  b.skip(10);
  EXPECT_EQ(b.remaining(), 0u);
  ArgCursor c = argv.cursor();
  EXPECT_TRUE(c.take(5).empty());
  EXPECT_EQ(c.status(), OpStatus::kSyntax);
}

TEST(StatusMessage, RedisTexts) {
  using resp::status_message;
  EXPECT_EQ(status_message(OpStatus::kWrongType),
            "WRONGTYPE Operation against a key holding the wrong kind of value");
  EXPECT_EQ(status_message(OpStatus::kSyntax), "ERR syntax error");
  EXPECT_EQ(status_message(OpStatus::kNotAnInteger), "ERR value is not an integer or out of range");
  EXPECT_EQ(status_message(OpStatus::kNotAFloat), "ERR value is not a valid float");
  EXPECT_EQ(status_message(OpStatus::kKeyNotFound), "ERR no such key");
  EXPECT_EQ(status_message(OpStatus::kOverflow), "ERR increment or decrement would overflow");
  EXPECT_EQ(status_message(OpStatus::kInvalidExpireTime, "set"),
            "ERR invalid expire time in 'set' command");
  EXPECT_EQ(status_message(OpStatus::kNumkeysNotPositive), "ERR numkeys should be greater than 0");
  EXPECT_EQ(status_message(OpStatus::kCountOutOfRange),
            "ERR value is out of range, value must between -9223372036854775807 and "
            "9223372036854775807");
  EXPECT_EQ(status_message(OpStatus::kOk), "");
  EXPECT_EQ(status_message(OpStatus::kCustom), "");
  // Every status but kOk/kCustom has a text starting with an error code.
  for (int i = 1; i < static_cast<int>(OpStatus::kCustom); ++i) {
    std::string m = status_message(static_cast<OpStatus>(i), "cmd");
    EXPECT_FALSE(m.empty()) << i;
    EXPECT_TRUE(m.starts_with("ERR ") || m.starts_with("WRONGTYPE ")) << m;
  }
}

}  // namespace
}  // namespace ironkv::command
