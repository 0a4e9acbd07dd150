// store::SetValue directly: the API persistence and commands build on (add/remove/
// contains across encodings, conversions, iteration, scan, random members, pops,
// clone and blobs).

#include "core/store/set_value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace ironkv::store {
namespace {

using Member = SetValue::Member;

std::vector<std::string> all_members(SetValue& s) {
  std::vector<std::string> out;
  s.for_each([&](const Member& m) { out.push_back(m.to_string()); });
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(SetValue, CreateChoosesTheEncodingLikeRedis) {
  SetLimits lim;
  EXPECT_EQ(SetValue::create("1", 1, lim)->encoding(), Encoding::kIntset);
  EXPECT_EQ(SetValue::create("1", 512, lim)->encoding(), Encoding::kIntset);
  EXPECT_EQ(SetValue::create("1", 513, lim)->encoding(), Encoding::kHashtable);
  EXPECT_EQ(SetValue::create("01", 1, lim)->encoding(), Encoding::kListpack);
  EXPECT_EQ(SetValue::create("a", 128, lim)->encoding(), Encoding::kListpack);
  EXPECT_EQ(SetValue::create("a", 129, lim)->encoding(), Encoding::kHashtable);
  auto s = SetValue::create("a", 1, lim);
  EXPECT_EQ(s->type(), ObjType::kSet);
  EXPECT_TRUE(s->empty());
}

TEST(SetValue, IntegerAndTextFormsAreTheSameMember) {
  SetLimits lim;
  for (Encoding enc : {Encoding::kIntset, Encoding::kListpack, Encoding::kHashtable}) {
    SetValue s(enc);
    EXPECT_TRUE(s.add(Member::integer(-42), lim));
    EXPECT_FALSE(s.add("-42", lim));
    EXPECT_TRUE(s.contains("-42"));
    EXPECT_TRUE(s.contains(Member::integer(-42)));
    EXPECT_FALSE(s.contains("-042"));
    EXPECT_TRUE(s.add("9223372036854775807", lim));
    EXPECT_TRUE(s.contains(Member::integer(INT64_MAX)));
    EXPECT_TRUE(s.remove(Member::integer(INT64_MAX)));
    EXPECT_FALSE(s.remove("9223372036854775807"));
    EXPECT_TRUE(s.remove("-42"));
    EXPECT_TRUE(s.empty());
    EXPECT_EQ(s.encoding(), enc);  // removals never convert
  }
}

TEST(SetValue, ConversionsKeepEveryMember) {
  SetLimits lim;
  lim.max_intset_entries = 4;
  lim.max_listpack_entries = 6;
  SetValue s(Encoding::kIntset);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(s.add(std::to_string(i), lim));
  EXPECT_EQ(s.encoding(), Encoding::kIntset);
  EXPECT_EQ(all_members(s), (std::vector<std::string>{"0", "1", "2", "3"}));
  EXPECT_TRUE(s.add("x", lim));
  EXPECT_EQ(s.encoding(), Encoding::kListpack);
  EXPECT_EQ(all_members(s), (std::vector<std::string>{"0", "1", "2", "3", "x"}));
  EXPECT_TRUE(s.add("5", lim));
  EXPECT_FALSE(s.add("x", lim));
  EXPECT_EQ(s.encoding(), Encoding::kListpack);
  EXPECT_TRUE(s.add("y", lim));
  EXPECT_EQ(s.encoding(), Encoding::kHashtable);
  EXPECT_EQ(sorted(all_members(s)), sorted({"0", "1", "2", "3", "x", "5", "y"}));
  for (auto m : {"0", "1", "2", "3", "x", "5", "y"}) EXPECT_TRUE(s.contains(m)) << m;

  SetValue i(Encoding::kIntset);
  for (int k = 0; k < 5; ++k) i.add(std::to_string(k), lim);
  EXPECT_EQ(i.encoding(), Encoding::kHashtable);  // intset overflow skips listpack
}

TEST(SetValue, MaybeConvertAndBackToIntset) {
  SetLimits lim;
  SetValue s(Encoding::kListpack);
  s.add("1", lim);
  s.maybe_convert(128, lim);
  EXPECT_EQ(s.encoding(), Encoding::kListpack);
  s.maybe_convert(129, lim);
  EXPECT_EQ(s.encoding(), Encoding::kHashtable);
  s.add("2", lim);
  s.maybe_convert_to_intset(lim);
  EXPECT_EQ(s.encoding(), Encoding::kIntset);
  EXPECT_EQ(all_members(s), (std::vector<std::string>{"1", "2"}));
  s.add("a", lim);
  EXPECT_EQ(s.encoding(), Encoding::kListpack);
  s.maybe_convert(600, lim);
  EXPECT_EQ(s.encoding(), Encoding::kHashtable);
  s.maybe_convert_to_intset(lim);
  EXPECT_EQ(s.encoding(), Encoding::kHashtable);  // "a" is not an integer
}

TEST(SetValue, ScanSmallEncodingsReturnEverything) {
  SetLimits lim;
  SetValue s(Encoding::kListpack);
  s.add("a", lim);
  s.add("b", lim);
  std::vector<std::string> got;
  EXPECT_EQ(s.scan(12345, [&](const Member& m) { got.push_back(m.to_string()); }), 0u);
  EXPECT_EQ(got, (std::vector<std::string>{"a", "b"}));
}

TEST(SetValue, ScanHashtableVisitsEveryMember) {
  SetLimits lim;
  SetValue s(Encoding::kHashtable);
  for (int i = 0; i < 1000; ++i) s.add("m" + std::to_string(i), lim);
  std::multiset<std::string> seen;
  uint64_t cursor = 0;
  do {
    cursor = s.scan(cursor, [&](const Member& m) { seen.insert(m.to_string()); });
  } while (cursor != 0);
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 1000u);
}

TEST(SetValue, ForEachCanStop) {
  SetLimits lim;
  for (Encoding enc : {Encoding::kIntset, Encoding::kListpack, Encoding::kHashtable}) {
    SetValue s(enc);
    for (int i = 0; i < 10; ++i) s.add(std::to_string(i), lim);
    int calls = 0;
    s.for_each([&](const Member&) { return ++calls < 3; });
    EXPECT_EQ(calls, 3);
  }
}

TEST(SetValue, RandomAndPop) {
  SetLimits lim;
  SetValue::Rng rng(42);
  for (Encoding enc : {Encoding::kIntset, Encoding::kListpack, Encoding::kHashtable}) {
    SetValue s(enc);
    for (int i = 0; i < 100; ++i) s.add(std::to_string(i), lim);
    ASSERT_EQ(s.encoding(), enc);
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) seen.insert(s.random_member(rng).to_string());
    EXPECT_EQ(seen.size(), 100u);

    std::vector<std::string> rep;
    s.random_members_with_repeats(300, rng, [&](const Member& m) { rep.push_back(m.to_string()); });
    EXPECT_EQ(rep.size(), 300u);

    for (size_t count : {1u, 10u, 40u, 99u}) {
      std::vector<std::string> uniq;
      s.random_members_unique(count, rng, [&](const Member& m) { uniq.push_back(m.to_string()); });
      EXPECT_EQ(uniq.size(), count);
      EXPECT_EQ(std::set<std::string>(uniq.begin(), uniq.end()).size(), count);
    }

    std::string one = s.pop_random(rng);
    EXPECT_FALSE(s.contains(one));
    EXPECT_EQ(s.size(), 99u);
    auto few = s.pop_many(5, rng, lim);
    auto most = s.pop_many(90, rng, lim);
    EXPECT_EQ(s.size(), 4u);
    std::set<std::string> all(few.begin(), few.end());
    all.insert(most.begin(), most.end());
    all.insert(one);
    for (auto& m : all_members(s)) all.insert(m);
    EXPECT_EQ(all.size(), 100u);
  }
}

TEST(SetValue, CloneIsDeepAndKeepsTheEncoding) {
  SetLimits lim;
  for (Encoding enc : {Encoding::kIntset, Encoding::kListpack, Encoding::kHashtable}) {
    SetValue s(enc);
    for (int i = 0; i < 20; ++i) s.add(std::to_string(i), lim);
    auto c = s.clone();
    auto* copy = static_cast<SetValue*>(c.get());
    EXPECT_EQ(copy->encoding(), enc);
    EXPECT_EQ(sorted(all_members(*copy)), sorted(all_members(s)));
    copy->remove("3");
    EXPECT_TRUE(s.contains("3"));
    EXPECT_GT(s.memory_bytes(), sizeof(SetValue));
    EXPECT_EQ(s.element_count(), 20u);
  }
}

TEST(SetValue, BlobsRoundTrip) {
  SetLimits lim;
  SetValue i(Encoding::kIntset);
  i.add("5", lim);
  i.add("-7", lim);
  EXPECT_FALSE(i.intset_bytes().empty());
  EXPECT_TRUE(i.listpack_bytes().empty());
  ASSERT_TRUE(Intset::validate(i.intset_bytes()));
  SetValue i2(Intset::from_bytes(i.intset_bytes()));
  EXPECT_EQ(all_members(i2), (std::vector<std::string>{"-7", "5"}));

  SetValue l(Encoding::kListpack);
  l.add("a", lim);
  l.add("12", lim);
  ASSERT_TRUE(Listpack::validate(l.listpack_bytes()));
  SetValue l2(Listpack::from_bytes(l.listpack_bytes()));
  EXPECT_EQ(l2.encoding(), Encoding::kListpack);
  EXPECT_EQ(all_members(l2), (std::vector<std::string>{"a", "12"}));
  EXPECT_TRUE(l2.contains("12"));
}

}  // namespace
}  // namespace ironkv::store
