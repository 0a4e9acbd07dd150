// keys_of and the table facts derived from key specs: positions and flags for
// each kind of spec (index/range, negative last key, keyword, keynum, unknown
// with a finder, variable flags), the legacy range and movablekeys, has_keys,
// and every registered command's specs staying inside its arity. The full
// comparison with redis-server is tests/compat/command_table_test.cpp.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/command/keys.h"
#include "core/command/table.h"

namespace ironkv::command {
namespace {

struct Case {
  std::vector<std::string_view> argv;
  std::vector<int> positions;
};

class KeysOf : public ::testing::Test {
 protected:
  KeysOf() { register_all_commands(table); }
  const CommandSpec& spec(std::string_view name) {
    auto bar = name.find('|');
    const CommandSpec* s = table.find(name.substr(0, bar));
    if (s != nullptr && bar != std::string_view::npos)
      s = CommandTable::find_sub(*s, name.substr(bar + 1));
    EXPECT_NE(s, nullptr) << name;
    return *s;
  }
  std::vector<int> positions(std::string_view name, std::vector<std::string_view> argv) {
    std::vector<int> out;
    for (const KeyRef& k : keys_of(spec(name), argv)) out.push_back(k.pos);
    return out;
  }
  CommandTable table;
};

using V = std::vector<int>;

TEST_F(KeysOf, SingleKey) {
  auto keys = keys_of(spec("get"), std::vector<std::string_view>{"GET", "k"});
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0].pos, 1);
  EXPECT_EQ(keys[0].flags, ks::kRO | ks::kAccess);
}

TEST_F(KeysOf, RangesWithStepsAndNegativeLastKey) {
  EXPECT_EQ(positions("mset", {"MSET", "a", "1", "b", "2"}), (V{1, 3}));
  EXPECT_EQ(positions("del", {"DEL", "a", "b", "c"}), (V{1, 2, 3}));
  EXPECT_EQ(positions("blpop", {"BLPOP", "a", "b", "0"}), (V{1, 2}));
  EXPECT_EQ(positions("lmove", {"LMOVE", "a", "b", "LEFT", "RIGHT"}), (V{1, 2}));
}

TEST_F(KeysOf, SubcommandPositionsCountFromTheContainer) {
  EXPECT_EQ(positions("memory|usage", {"MEMORY", "USAGE", "k"}), (V{2}));
}

TEST_F(KeysOf, KeynumSpecs) {
  EXPECT_EQ(positions("zunionstore", {"ZUNIONSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "2"}),
            (V{1, 3, 4}));
  EXPECT_EQ(positions("lmpop", {"LMPOP", "2", "a", "b", "LEFT"}), (V{2, 3}));
  EXPECT_EQ(positions("blmpop", {"BLMPOP", "0", "1", "a", "LEFT"}), (V{3}));
  auto flags = keys_of(spec("lmpop"), std::vector<std::string_view>{"LMPOP", "1", "a", "LEFT"});
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].flags, ks::kRW | ks::kAccess | ks::kDelete);
}

TEST_F(KeysOf, BadCountsFallBackOnTheFinderAsRedis) {
  // The spec refuses "2x" (string2ll); Redis's finder then reads it with atoi.
  auto keys = keys_of(spec("zunion"), std::vector<std::string_view>{"ZUNION", "2x", "a", "b"});
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].flags, 0u) << "finder keys carry no flags";
  EXPECT_TRUE(positions("lmpop", {"LMPOP", "0", "a", "LEFT"}).empty());
  EXPECT_TRUE(positions("lmpop", {"LMPOP", "-1", "a", "LEFT"}).empty());
  EXPECT_TRUE(positions("lmpop", {"LMPOP", "5", "a", "LEFT"}).empty());
  EXPECT_TRUE(positions("sintercard", {"SINTERCARD", "x", "a"}).empty());
}

TEST_F(KeysOf, SortStoreFromItsFinder) {
  EXPECT_EQ(positions("sort", {"SORT", "k"}), (V{1}));
  EXPECT_EQ(positions("sort", {"SORT", "k", "STORE", "d"}), (V{1, 3}));
  EXPECT_EQ(positions("sort", {"SORT", "k", "STORE", "d", "store", "e"}), (V{1, 5}))
      << "the last STORE wins";
  EXPECT_EQ(positions("sort", {"SORT", "k", "BY", "store", "GET", "#"}), (V{1}))
      << "an option's value named store is skipped";
  auto keys = keys_of(spec("sort"), std::vector<std::string_view>{"SORT", "k", "STORE", "d"});
  EXPECT_EQ(keys[1].flags, ks::kOW | ks::kUpdate);
  EXPECT_EQ(positions("sort_ro", {"SORT_RO", "k", "BY", "w_*"}), (V{1}));
}

TEST_F(KeysOf, SetGetMakesTheKeyRead) {
  auto plain = keys_of(spec("set"), std::vector<std::string_view>{"SET", "k", "v", "EX", "1"});
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].flags, ks::kOW | ks::kUpdate);
  auto get = keys_of(spec("set"), std::vector<std::string_view>{"SET", "k", "v", "get"});
  ASSERT_EQ(get.size(), 1u);
  EXPECT_EQ(get[0].flags, ks::kRW | ks::kAccess | ks::kUpdate);
}

TEST_F(KeysOf, NotKeysAreSkippedAndNoKeyCommandsHaveNone) {
  EXPECT_TRUE(positions("ssubscribe", {"SSUBSCRIBE", "a", "b"}).empty());
  EXPECT_FALSE(has_keys(spec("ssubscribe")));
  EXPECT_FALSE(has_keys(spec("ping")));
  EXPECT_TRUE(has_keys(spec("sort")));
  EXPECT_TRUE(positions("ping", {"PING"}).empty());
}

TEST_F(KeysOf, KeywordSpecs) {
  CommandSpec s{"xread",
                -4,
                kReadonly,
                0,
                {ks::spec(ks::kRO | ks::kAccess, ks::keyword("STREAMS", 1), ks::range(-1, 1, 2))},
                nullptr,
                Group::kStream,
                "",
                "",
                ""};
  derive_legacy_range(s);
  std::vector<std::string_view> argv{"XREAD", "COUNT", "2", "STREAMS", "a", "b", "0", "0"};
  std::vector<int> got;
  for (const KeyRef& k : keys_of(s, argv)) got.push_back(k.pos);
  EXPECT_EQ(got, (V{4, 5}));
  EXPECT_TRUE(keys_of(s, std::vector<std::string_view>{"XREAD", "COUNT", "2"}).empty())
      << "no keyword, no keys";
  EXPECT_TRUE(s.flags & kMovableKeys);
  EXPECT_EQ(s.first_key, 0);
  // A keyword searched backwards from the end (MIGRATE's KEYS).
  CommandSpec m{"migrate",
                -6,
                kWrite,
                0,
                {ks::key(3, ks::kRW | ks::kAccess | ks::kDelete),
                 ks::spec(ks::kRW | ks::kAccess | ks::kDelete | ks::kIncomplete,
                          ks::keyword("KEYS", -2), ks::range(-1, 1, 0))},
                nullptr,
                Group::kGeneric,
                "",
                "",
                ""};
  derive_legacy_range(m);
  EXPECT_EQ(m.first_key, 3);
  EXPECT_EQ(m.last_key, 3);
  EXPECT_TRUE(m.flags & kMovableKeys);
}

TEST_F(KeysOf, LegacyRangeDerivedAsRedisReportsIt) {
  EXPECT_EQ(spec("mset").first_key, 1);
  EXPECT_EQ(spec("mset").last_key, -1);
  EXPECT_EQ(spec("mset").key_step, 2);
  EXPECT_EQ(spec("blpop").last_key, -2);
  EXPECT_EQ(spec("lmove").last_key, 2);
  EXPECT_FALSE(spec("lmove").flags & kMovableKeys);
  EXPECT_EQ(spec("zunionstore").first_key, 1);
  EXPECT_EQ(spec("zunionstore").last_key, 1);
  EXPECT_TRUE(spec("zunionstore").flags & kMovableKeys);
  EXPECT_EQ(spec("lmpop").first_key, 0);
  EXPECT_TRUE(spec("lmpop").flags & kMovableKeys);
  EXPECT_TRUE(spec("sort").flags & kMovableKeys);
  EXPECT_FALSE(spec("set").flags & kMovableKeys);
}

// Every command's key specs must fit its arity: the minimal argument list of
// placeholders gives no out-of-range key for any fixed-arity command.
TEST_F(KeysOf, EveryCommandsSpecsFitItsArity) {
  std::vector<const CommandSpec*> all;
  for (const CommandSpec* s : table.all()) {
    all.push_back(s);
    for (const CommandSpec& sub : s->subcommands) all.push_back(&sub);
  }
  for (const CommandSpec* s : all) {
    if (s->handler == nullptr) continue;
    const int argc = s->arity > 0 ? s->arity : -s->arity;
    std::vector<std::string> store(static_cast<size_t>(argc), "1");
    std::vector<std::string_view> argv(store.begin(), store.end());
    for (const KeyRef& k : keys_of(*s, argv)) {
      EXPECT_GT(k.pos, 0) << s->name;
      EXPECT_LT(k.pos, argc) << s->name;
    }
  }
}

}  // namespace
}  // namespace ironkv::command
