// The shared expiry options of SET, GETEX and the EXPIRE family, and the one
// conversion of an expiry to absolute ms.

#include "core/commands/expire_args.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::commands {
namespace {

struct Parsed {
  ExpireOptions o;
  OpStatus status;
  std::string text;
};

Parsed parse(std::vector<std::string_view> args, ExpireSyntax syntax) {
  args.insert(args.begin(), "cmd");
  command::ArgCursor a(args, 1);
  Parsed p;
  p.o = parse_expire_options(a, syntax);
  p.status = a.status();
  p.text = std::string(a.text());
  return p;
}

TEST(ExpireArgs, SetOptions) {
  Parsed p = parse({"nx", "GET", "px", "100"}, ExpireSyntax::kSet);
  ASSERT_EQ(p.status, OpStatus::kOk);
  EXPECT_TRUE(p.o.has(kOptNx) && p.o.has(kOptGet) && p.o.has(kOptPx));
  EXPECT_EQ(p.o.when, "100");
  EXPECT_FALSE(p.o.absolute());
  // The last value of a repeated expiry wins; a word is a C string.
  p = parse({"EX", "1", "ex", "2", std::string_view("XX\0junk", 7)}, ExpireSyntax::kSet);
  ASSERT_EQ(p.status, OpStatus::kOk);
  EXPECT_EQ(p.o.when, "2");
  EXPECT_TRUE(p.o.has(kOptXx));
}

TEST(ExpireArgs, SetConflictsAreSyntaxErrors) {
  for (auto args : std::vector<std::vector<std::string_view>>{{"NX", "XX"},
                                                              {"EX", "1", "PX", "1"},
                                                              {"KEEPTTL", "EX", "1"},
                                                              {"EX", "1", "KEEPTTL"},
                                                              {"EX"},
                                                              {"PERSIST"},
                                                              {"GT"},
                                                              {"foo"}}) {
    EXPECT_EQ(parse(args, ExpireSyntax::kSet).status, OpStatus::kSyntax) << args[0];
  }
  EXPECT_EQ(parse({"PERSIST", "PERSIST"}, ExpireSyntax::kGetex).status, OpStatus::kOk);
  EXPECT_EQ(parse({"PERSIST", "EX", "1"}, ExpireSyntax::kGetex).status, OpStatus::kSyntax);
  EXPECT_EQ(parse({"NX"}, ExpireSyntax::kGetex).status, OpStatus::kSyntax);
}

TEST(ExpireArgs, ExpireFamilyErrors) {
  Parsed p = parse({"NX", std::string_view("f\0oo", 4), "XX"}, ExpireSyntax::kExpire);
  EXPECT_EQ(p.status, OpStatus::kCustom);
  EXPECT_EQ(p.text, "ERR Unsupported option f");
  p = parse({"EX"}, ExpireSyntax::kExpire);
  EXPECT_EQ(p.text, "ERR Unsupported option EX");
  p = parse({"GT", "LT", "NX"}, ExpireSyntax::kExpire);
  EXPECT_EQ(p.text, "ERR NX and XX, GT or LT options at the same time are not compatible");
  p = parse({"GT", "lt"}, ExpireSyntax::kExpire);
  EXPECT_EQ(p.text, "ERR GT and LT options at the same time are not compatible");
  p = parse({"nx", "NX"}, ExpireSyntax::kExpire);
  EXPECT_EQ(p.status, OpStatus::kOk);
  EXPECT_EQ(p.o.flags, kOptNx);
}

TEST(ExpireArgs, Times) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(*expire_time_ms(10, true, 1000), 11000);
  EXPECT_EQ(*expire_time_ms(-5, false, 0), -5);  // EXPIRE allows the past
  EXPECT_EQ(expire_time_ms(kMax / 1000 + 1, true, 0).status(), OpStatus::kInvalidExpireTime);
  EXPECT_EQ(expire_time_ms(kMax - 5, false, 10).status(), OpStatus::kInvalidExpireTime);

  ExpireOptions o{kOptEx, "10"};
  EXPECT_EQ(*o.deadline_ms(1000), 11000);
  o = {kOptPxAt, "123"};
  EXPECT_EQ(*o.deadline_ms(1000), 123);
  o = {kOptPx, "0"};
  EXPECT_EQ(o.deadline_ms(1000).status(), OpStatus::kInvalidExpireTime);
  o = {kOptPx, "abc"};
  EXPECT_EQ(o.deadline_ms(1000).status(), OpStatus::kNotAnInteger);
}

}  // namespace
}  // namespace ironkv::commands
