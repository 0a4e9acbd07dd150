// Set family: every command and error path with the bytes redis-server 7.0.15 sends,
// and Redis 7.2's encodings (intset -> listpack -> hashtable) through OBJECT ENCODING.
// Where Redis leaves the order of a multi-member reply unspecified the tests sort;
// intsets reply in ascending order and listpacks in insertion order, so those are exact.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/set_value.h"
#include "harness.h"

namespace ironkv::test {
namespace {

const std::string kWrongType =
    error("WRONGTYPE Operation against a key holding the wrong kind of value");
const std::string kSyntax = error("ERR syntax error");
const std::string kNotInt = error("ERR value is not an integer or out of range");
const std::string kPositive = error("ERR value is out of range, must be positive");
std::string arity(std::string_view cmd) {
  return error("ERR wrong number of arguments for '" + std::string(cmd) + "' command");
}

// ---- reply parsing (only what these replies contain) -------------------------

struct Cursor {
  const std::string& s;
  size_t i = 0;
  std::string line() {
    size_t e = s.find("\r\n", i);
    std::string out = s.substr(i, e - i);
    i = e + 2;
    return out;
  }
  std::string bulk() {
    std::string h = line();
    EXPECT_EQ(h[0], '$') << s;
    size_t n = std::stoul(h.substr(1));
    std::string out = s.substr(i, n);
    i += n + 2;
    return out;
  }
  // An array/set header ('*' or '~') followed by bulks.
  std::vector<std::string> bulks() {
    std::string h = line();
    EXPECT_TRUE(h[0] == '*' || h[0] == '~') << s;
    size_t n = std::stoul(h.substr(1));
    std::vector<std::string> out;
    for (size_t k = 0; k < n; ++k) out.push_back(bulk());
    return out;
  }
};

std::vector<std::string> members(const std::string& reply) {
  Cursor c{reply};
  auto out = c.bulks();
  EXPECT_EQ(c.i, reply.size()) << reply;
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> smembers(Harness& h, std::string_view key) {
  return sorted(members(h.run({"SMEMBERS", key})));
}

std::string encoding(Harness& h, std::string_view key) {
  return h.run({"OBJECT", "ENCODING", key});
}

std::vector<std::string> numbers(int from, int to, std::string_view prefix = "") {
  std::vector<std::string> out;
  for (int i = from; i <= to; ++i) out.push_back(std::string(prefix) + std::to_string(i));
  return out;
}

std::string sadd(Harness& h, std::string_view key, const std::vector<std::string>& ms) {
  std::vector<std::string> argv{"SADD", std::string(key)};
  argv.insert(argv.end(), ms.begin(), ms.end());
  return h.run(argv);
}

// ---- SADD / SREM / SCARD / SISMEMBER / SMISMEMBER / SMEMBERS --------------------

TEST(SetFamily, SaddCountsNewMembersOnly) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "s", "a", "b", "a"}), integer(2));
  EXPECT_EQ(h.run({"SADD", "s", "b", "c"}), integer(1));
  EXPECT_EQ(h.run({"SADD", "s", "a"}), integer(0));
  EXPECT_EQ(h.run({"SCARD", "s"}), integer(3));
  EXPECT_EQ(h.run({"TYPE", "s"}), simple("set"));
  EXPECT_EQ(h.run({"SADD", "s"}), arity("sadd"));
  EXPECT_EQ(h.run({"SADD", "e", ""}), integer(1));
  EXPECT_EQ(h.run({"SISMEMBER", "e", ""}), integer(1));
}

TEST(SetFamily, WrongTypeEverywhere) {
  Harness h;
  EXPECT_EQ(h.run({"SET", "str", "x"}), ok());
  EXPECT_EQ(h.run({"SADD", "s", "a"}), integer(1));
  for (auto argv : std::vector<std::vector<std::string>>{{"SADD", "str", "a"},
                                                         {"SREM", "str", "a"},
                                                         {"SMEMBERS", "str"},
                                                         {"SISMEMBER", "str", "a"},
                                                         {"SMISMEMBER", "str", "a"},
                                                         {"SCARD", "str"},
                                                         {"SPOP", "str"},
                                                         {"SPOP", "str", "1"},
                                                         {"SPOP", "str", "0"},
                                                         {"SRANDMEMBER", "str"},
                                                         {"SRANDMEMBER", "str", "0"},
                                                         {"SRANDMEMBER", "str", "-3"},
                                                         {"SMOVE", "str", "s", "a"},
                                                         {"SMOVE", "s", "str", "a"},
                                                         {"SINTER", "s", "str"},
                                                         {"SINTER", "missing", "str"},
                                                         {"SINTERCARD", "2", "missing", "str"},
                                                         {"SINTERSTORE", "d", "missing", "str"},
                                                         {"SUNION", "str", "s"},
                                                         {"SUNIONSTORE", "d", "s", "str"},
                                                         {"SDIFF", "s", "str"},
                                                         {"SDIFF", "missing", "str"},
                                                         {"SDIFFSTORE", "d", "s", "str"},
                                                         {"SSCAN", "str", "0"},
                                                         {"SSCAN", "str", "0", "COUNT", "0"}}) {
    EXPECT_EQ(h.run(argv), kWrongType) << argv[0] << " " << argv[1];
  }
  // Nothing was changed or created.
  EXPECT_EQ(h.run({"GET", "str"}), bulk("x"));
  EXPECT_EQ(h.run({"EXISTS", "d"}), integer(0));
  EXPECT_EQ(h.run({"SMEMBERS", "s"}), bulks({"a"}));
}

TEST(SetFamily, SremAndEmptiedSetDisappears) {
  Harness h;
  EXPECT_EQ(h.run({"SREM", "nokey", "a"}), integer(0));
  EXPECT_EQ(h.run({"SADD", "s", "a", "b", "c"}), integer(3));
  EXPECT_EQ(h.run({"SREM", "s", "a", "x", "a"}), integer(1));
  EXPECT_EQ(h.run({"SREM", "s", "b", "c", "d"}), integer(2));
  EXPECT_EQ(h.run({"EXISTS", "s"}), integer(0));
  EXPECT_EQ(h.run({"TYPE", "s"}), simple("none"));
  EXPECT_EQ(h.run({"SREM", "s"}), arity("srem"));
  // The same for an intset and a hashtable.
  EXPECT_EQ(h.run({"SADD", "i", "1", "2"}), integer(2));
  EXPECT_EQ(h.run({"SREM", "i", "2", "1"}), integer(2));
  EXPECT_EQ(h.run({"EXISTS", "i"}), integer(0));
  ASSERT_EQ(sadd(h, "big", numbers(1, 200, "m")), integer(200));
  EXPECT_EQ(encoding(h, "big"), bulk("hashtable"));
  std::vector<std::string> argv{"SREM", "big"};
  for (auto& m : numbers(1, 200, "m")) argv.push_back(m);
  EXPECT_EQ(h.run(argv), integer(200));
  EXPECT_EQ(h.run({"EXISTS", "big"}), integer(0));
}

TEST(SetFamily, MembershipQueries) {
  Harness h;
  EXPECT_EQ(h.run({"SISMEMBER", "nokey", "a"}), integer(0));
  EXPECT_EQ(h.run({"SMISMEMBER", "nokey", "a", "b"}), array({integer(0), integer(0)}));
  EXPECT_EQ(h.run({"SCARD", "nokey"}), integer(0));
  EXPECT_EQ(h.run({"SMEMBERS", "nokey"}), "*0\r\n");
  EXPECT_EQ(h.run({"SADD", "i", "1", "-5", "10"}), integer(3));
  EXPECT_EQ(h.run({"SISMEMBER", "i", "10"}), integer(1));
  // Only canonical integers are integers: "010", "+1", " 1" are other strings.
  EXPECT_EQ(h.run({"SISMEMBER", "i", "010"}), integer(0));
  EXPECT_EQ(h.run({"SISMEMBER", "i", "+1"}), integer(0));
  EXPECT_EQ(h.run({"SMISMEMBER", "i", "1", "x", "-5"}),
            array({integer(1), integer(0), integer(1)}));
  EXPECT_EQ(h.run({"SADD", "l", "a", "7"}), integer(2));
  EXPECT_EQ(h.run({"SISMEMBER", "l", "7"}), integer(1));
  EXPECT_EQ(h.run({"SISMEMBER", "l", "07"}), integer(0));
  EXPECT_EQ(h.run({"SMISMEMBER", "l", "a"}), array({integer(1)}));
  EXPECT_EQ(h.run({"SMISMEMBER", "l"}), arity("smismember"));
  EXPECT_EQ(h.run({"SISMEMBER", "l"}), arity("sismember"));
  EXPECT_EQ(h.run({"SCARD", "l", "x"}), arity("scard"));
}

TEST(SetFamily, SmembersOrderPerEncoding) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "i", "3", "-1", "2", "100"}), integer(4));
  EXPECT_EQ(encoding(h, "i"), bulk("intset"));
  EXPECT_EQ(h.run({"SMEMBERS", "i"}), bulks({"-1", "2", "3", "100"}));
  EXPECT_EQ(h.run({"SADD", "l", "b", "a", "12", "c"}), integer(4));
  EXPECT_EQ(encoding(h, "l"), bulk("listpack"));
  EXPECT_EQ(h.run({"SMEMBERS", "l"}), bulks({"b", "a", "12", "c"}));
  // RESP3 replies a set type.
  h.client.resp = 3;
  EXPECT_EQ(h.run({"SMEMBERS", "i"}), "~4\r\n$2\r\n-1\r\n$1\r\n2\r\n$1\r\n3\r\n$3\r\n100\r\n");
  EXPECT_EQ(h.run({"SMEMBERS", "nokey"}), "~0\r\n");
}

TEST(SetFamily, BinaryMembers) {
  Harness h;
  std::string nul("a\0b", 3);
  std::string big(1000, 'z');
  EXPECT_EQ(h.run({"SADD", "s", nul, "a"}), integer(2));
  EXPECT_EQ(h.run({"SISMEMBER", "s", nul}), integer(1));
  EXPECT_EQ(h.run({"SISMEMBER", "s", std::string("a\0c", 3)}), integer(0));
  EXPECT_EQ(h.run({"SADD", "s", big}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("hashtable"));
  EXPECT_EQ(smembers(h, "s"), sorted({nul, "a", big}));
}

// ---- encodings ---------------------------------------------------------------

TEST(SetFamily, IntsetToListpackToHashtable) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "s", "1", "2", "3"}), integer(3));
  EXPECT_EQ(encoding(h, "s"), bulk("intset"));
  EXPECT_EQ(h.run({"SADD", "s", "abc"}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("listpack"));
  // Insertion order survives: the integers first (ascending, from the intset).
  EXPECT_EQ(h.run({"SMEMBERS", "s"}), bulks({"1", "2", "3", "abc"}));
  ASSERT_EQ(sadd(h, "s", numbers(1, 124, "x")), integer(124));
  EXPECT_EQ(h.run({"SCARD", "s"}), integer(128));
  EXPECT_EQ(encoding(h, "s"), bulk("listpack"));
  EXPECT_EQ(h.run({"SADD", "s", "x1", "one-more"}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("hashtable"));
  EXPECT_EQ(h.run({"SCARD", "s"}), integer(129));
  // Never back, even when it shrinks.
  std::vector<std::string> argv{"SREM", "s"};
  for (auto& m : numbers(1, 124, "x")) argv.push_back(m);
  EXPECT_EQ(h.run(argv), integer(124));
  EXPECT_EQ(encoding(h, "s"), bulk("hashtable"));
  EXPECT_EQ(smembers(h, "s"), sorted({"1", "2", "3", "abc", "one-more"}));
}

TEST(SetFamily, LongMemberGoesStraightToHashtable) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "s", std::string(64, 'a')}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("listpack"));
  EXPECT_EQ(h.run({"SADD", "s", std::string(65, 'b')}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("hashtable"));
  EXPECT_EQ(h.run({"SADD", "t", std::string(65, 'b')}), integer(1));
  EXPECT_EQ(encoding(h, "t"), bulk("hashtable"));
  // From an intset, too.
  EXPECT_EQ(h.run({"SADD", "i", "1"}), integer(1));
  EXPECT_EQ(h.run({"SADD", "i", std::string(65, 'b')}), integer(1));
  EXPECT_EQ(encoding(h, "i"), bulk("hashtable"));
}

TEST(SetFamily, IntsetOverflowGoesToHashtable) {
  Harness h;
  ASSERT_EQ(sadd(h, "s", numbers(1, 512)), integer(512));
  EXPECT_EQ(encoding(h, "s"), bulk("intset"));
  EXPECT_EQ(h.run({"SADD", "s", "513"}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("hashtable"));
  // A single SADD with more members than an intset may hold starts as a hashtable.
  ASSERT_EQ(sadd(h, "t", numbers(1, 513)), integer(513));
  EXPECT_EQ(encoding(h, "t"), bulk("hashtable"));
  // And one too big for a listpack, with strings.
  ASSERT_EQ(sadd(h, "u", numbers(1, 129, "m")), integer(129));
  EXPECT_EQ(encoding(h, "u"), bulk("hashtable"));
  // An existing small set facing a big SADD converts up front (even for duplicates).
  EXPECT_EQ(h.run({"SADD", "v", "a"}), integer(1));
  std::vector<std::string> many(200, "a");
  EXPECT_EQ(sadd(h, "v", many), integer(0));
  EXPECT_EQ(encoding(h, "v"), bulk("hashtable"));
}

TEST(SetFamily, IntsetWithWideIntegersSkipsListpackWhenTooLong) {
  Harness h;
  EXPECT_EQ(h.run({"CONFIG", "SET", "set-max-listpack-value", "5"}), ok());
  EXPECT_EQ(h.run({"SADD", "s", "123456"}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("intset"));
  // "x" fits, but 123456 written out would not.
  EXPECT_EQ(h.run({"SADD", "s", "x"}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("hashtable"));
  EXPECT_EQ(h.run({"SADD", "t", "-1234"}), integer(1));
  EXPECT_EQ(h.run({"SADD", "t", "x"}), integer(1));
  EXPECT_EQ(encoding(h, "t"), bulk("listpack"));
}

TEST(SetFamily, ConfigSetThresholds) {
  Harness h;
  EXPECT_EQ(h.run({"CONFIG", "SET", "set-max-intset-entries", "2"}), ok());
  EXPECT_EQ(h.run({"CONFIG", "SET", "set-max-listpack-entries", "3"}), ok());
  EXPECT_EQ(h.run({"SADD", "s", "1", "2"}), integer(2));
  EXPECT_EQ(encoding(h, "s"), bulk("intset"));
  EXPECT_EQ(h.run({"SADD", "s", "3"}), integer(1));
  EXPECT_EQ(encoding(h, "s"), bulk("hashtable"));  // intset overflow: hashtable, as 7.2
  EXPECT_EQ(h.run({"SADD", "l", "1", "2"}), integer(2));
  EXPECT_EQ(h.run({"SADD", "l", "a"}), integer(1));
  EXPECT_EQ(encoding(h, "l"), bulk("listpack"));
  EXPECT_EQ(h.run({"SADD", "l", "b"}), integer(1));
  EXPECT_EQ(encoding(h, "l"), bulk("hashtable"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "set-max-listpack-value", "5"}), ok());
  EXPECT_EQ(h.run({"SADD", "v", "xxxxx"}), integer(1));
  EXPECT_EQ(encoding(h, "v"), bulk("listpack"));
  EXPECT_EQ(h.run({"SADD", "v", "xxxxxx"}), integer(1));
  EXPECT_EQ(encoding(h, "v"), bulk("hashtable"));
  // No listpacks at all.
  EXPECT_EQ(h.run({"CONFIG", "SET", "set-max-listpack-entries", "0"}), ok());
  EXPECT_EQ(h.run({"SADD", "z", "a"}), integer(1));
  EXPECT_EQ(encoding(h, "z"), bulk("hashtable"));
  EXPECT_EQ(h.run({"SADD", "zi", "1"}), integer(1));
  EXPECT_EQ(h.run({"SADD", "zi", "a"}), integer(1));
  EXPECT_EQ(encoding(h, "zi"), bulk("hashtable"));
}

TEST(SetFamily, CopyAndRenameKeepContentAndEncoding) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "i", "1", "2"}), integer(2));
  EXPECT_EQ(h.run({"SADD", "l", "a", "b"}), integer(2));
  ASSERT_EQ(sadd(h, "h", numbers(1, 300, "m")), integer(300));
  for (std::string k : {"i", "l", "h"}) {
    EXPECT_EQ(h.run({"COPY", k, k + "2"}), integer(1));
    EXPECT_EQ(encoding(h, k + "2"), encoding(h, k));
    EXPECT_EQ(smembers(h, k + "2"), smembers(h, k));
    // The copy is independent.
    EXPECT_EQ(h.run({"SADD", k + "2", "new"}), integer(1));
    EXPECT_EQ(h.run({"SISMEMBER", k, "new"}), integer(0));
    EXPECT_EQ(h.run({"RENAME", k, k + "3"}), ok());
    EXPECT_EQ(h.run({"EXISTS", k}), integer(0));
    EXPECT_EQ(h.run({"TYPE", k + "3"}), simple("set"));
  }
  EXPECT_EQ(h.run({"SCARD", "h3"}), integer(300));
  EXPECT_EQ(h.run({"SMEMBERS", "l3"}), bulks({"a", "b"}));
  EXPECT_EQ(h.run({"SMEMBERS", "i3"}), bulks({"1", "2"}));
}

// ---- SPOP --------------------------------------------------------------------

TEST(SetFamily, SpopSingle) {
  Harness h;
  EXPECT_EQ(h.run({"SPOP", "nokey"}), nil());
  EXPECT_EQ(h.run({"SADD", "s", "7"}), integer(1));
  EXPECT_EQ(h.run({"SPOP", "s"}), bulk("7"));
  EXPECT_EQ(h.run({"EXISTS", "s"}), integer(0));
  EXPECT_EQ(h.run({"SPOP"}), arity("spop"));
  EXPECT_EQ(h.run({"SPOP", "s", "1", "2"}), kSyntax);
  for (auto members : {numbers(1, 5), numbers(1, 5, "a"), numbers(1, 300, "a")}) {
    ASSERT_EQ(sadd(h, "s", members), integer(static_cast<long long>(members.size())));
    std::set<std::string> seen;
    for (size_t i = 0; i < members.size(); ++i) {
      Cursor c{h.run({"SPOP", "s"})};
      std::string m = c.bulk();
      EXPECT_TRUE(std::find(members.begin(), members.end(), m) != members.end()) << m;
      EXPECT_TRUE(seen.insert(m).second) << m;
    }
    EXPECT_EQ(h.run({"EXISTS", "s"}), integer(0));
  }
}

TEST(SetFamily, SpopCountArguments) {
  Harness h;
  EXPECT_EQ(h.run({"SPOP", "nokey", "-1"}), kPositive);
  EXPECT_EQ(h.run({"SPOP", "nokey", "abc"}), kPositive);
  EXPECT_EQ(h.run({"SPOP", "nokey", "5"}), "*0\r\n");
  EXPECT_EQ(h.run({"SPOP", "nokey", "0"}), "*0\r\n");
  EXPECT_EQ(h.run({"SADD", "s", "a", "b"}), integer(2));
  EXPECT_EQ(h.run({"SPOP", "s", "0"}), "*0\r\n");
  EXPECT_EQ(h.run({"SPOP", "s", "-5"}), kPositive);
  EXPECT_EQ(h.run({"SCARD", "s"}), integer(2));
  // count >= size: everything, and the key goes.
  EXPECT_EQ(sorted(members(h.run({"SPOP", "s", "2"}))), sorted({"a", "b"}));
  EXPECT_EQ(h.run({"EXISTS", "s"}), integer(0));
  EXPECT_EQ(h.run({"SADD", "i", "3", "1", "2"}), integer(3));
  EXPECT_EQ(h.run({"SPOP", "i", "100"}), bulks({"1", "2", "3"}));
  EXPECT_EQ(h.run({"EXISTS", "i"}), integer(0));
  h.client.resp = 3;
  EXPECT_EQ(h.run({"SPOP", "nokey", "3"}), "~0\r\n");
  EXPECT_EQ(h.run({"SADD", "i", "3"}), integer(1));
  EXPECT_EQ(h.run({"SPOP", "i", "1"}), "~1\r\n$1\r\n3\r\n");
}

// Every strategy (few popped / most popped) on every encoding: the popped members
// are distinct, come from the set, and the rest stays.
TEST(SetFamily, SpopCountStrategies) {
  struct Case {
    std::vector<std::string> members;
    size_t pop;
    std::string enc;
  };
  std::vector<Case> cases = {
      {numbers(1, 100), 3, "intset"},
      {numbers(1, 100), 95, "intset"},
      {numbers(1, 100, "m"), 3, "listpack"},
      {numbers(1, 100, "m"), 95, "listpack"},
      {numbers(1, 100, "m"), 99, "listpack"},
      {numbers(1, 1000, "m"), 10, "hashtable"},
      {numbers(1, 1000, "m"), 990, "hashtable"},
      {numbers(1, 1000), 900, "hashtable"},
  };
  for (const Case& tc : cases) {
    Harness h;
    ASSERT_EQ(sadd(h, "s", tc.members), integer(static_cast<long long>(tc.members.size())));
    ASSERT_EQ(encoding(h, "s"), bulk(tc.enc));
    auto popped = members(h.run({"SPOP", "s", std::to_string(tc.pop)}));
    ASSERT_EQ(popped.size(), tc.pop) << tc.enc;
    auto rest = members(h.run({"SMEMBERS", "s"}));
    EXPECT_EQ(rest.size(), tc.members.size() - tc.pop);
    std::vector<std::string> all = popped;
    all.insert(all.end(), rest.begin(), rest.end());
    EXPECT_EQ(sorted(all), sorted(tc.members)) << tc.enc << " " << tc.pop;
    EXPECT_EQ(h.run({"SCARD", "s"}), integer(static_cast<long long>(rest.size())));
    for (const auto& m : rest) EXPECT_EQ(h.run({"SISMEMBER", "s", m}), integer(1));
    for (const auto& m : popped) EXPECT_EQ(h.run({"SISMEMBER", "s", m}), integer(0));
  }
}

TEST(SetFamily, SpopIsRoughlyUniform) {
  Harness h;
  std::map<std::string, int> hits;
  for (int round = 0; round < 2000; ++round) {
    ASSERT_EQ(h.run({"SADD", "s", "a", "b", "c", "d"}), integer(4));
    hits[Cursor{h.run({"SPOP", "s"})}.bulk()]++;
    h.run({"DEL", "s"});
  }
  ASSERT_EQ(hits.size(), 4u);
  for (auto& [m, n] : hits) EXPECT_GT(n, 350) << m;
}

// ---- SRANDMEMBER ---------------------------------------------------------------

TEST(SetFamily, SrandmemberArguments) {
  Harness h;
  EXPECT_EQ(h.run({"SRANDMEMBER", "nokey"}), nil());
  EXPECT_EQ(h.run({"SRANDMEMBER", "nokey", "5"}), "*0\r\n");
  EXPECT_EQ(h.run({"SRANDMEMBER", "nokey", "-5"}), "*0\r\n");
  EXPECT_EQ(h.run({"SRANDMEMBER", "nokey", "abc"}), kNotInt);
  EXPECT_EQ(h.run({"SRANDMEMBER", "nokey", "-9223372036854775808"}),
            error("ERR value is out of range, value must between -9223372036854775807 and "
                  "9223372036854775807"));
  EXPECT_EQ(h.run({"SRANDMEMBER", "s", "1", "2"}), kSyntax);
  EXPECT_EQ(h.run({"SRANDMEMBER"}), arity("srandmember"));
  EXPECT_EQ(h.run({"SADD", "s", "a"}), integer(1));
  EXPECT_EQ(h.run({"SRANDMEMBER", "s"}), bulk("a"));
  EXPECT_EQ(h.run({"SRANDMEMBER", "s", "0"}), "*0\r\n");
  EXPECT_EQ(h.run({"SRANDMEMBER", "s", "1"}), bulks({"a"}));
  EXPECT_EQ(h.run({"SRANDMEMBER", "s", "-3"}), bulks({"a", "a", "a"}));
  EXPECT_EQ(h.run({"SRANDMEMBER", "s", "9223372036854775807"}), bulks({"a"}));
  // Always an array, also in RESP3; nothing is removed.
  h.client.resp = 3;
  EXPECT_EQ(h.run({"SRANDMEMBER", "s", "2"}), bulks({"a"}));
  EXPECT_EQ(h.run({"SCARD", "s"}), integer(1));
}

TEST(SetFamily, SrandmemberCountCases) {
  for (auto set : {numbers(1, 50), numbers(1, 50, "m"), numbers(1, 500, "m")}) {
    Harness h;
    ASSERT_EQ(sadd(h, "s", set), integer(static_cast<long long>(set.size())));
    const std::set<std::string> universe(set.begin(), set.end());
    // Negative: exactly |count| members, repeats allowed.
    auto rep = members(h.run({"SRANDMEMBER", "s", "-200"}));
    EXPECT_EQ(rep.size(), 200u);
    for (auto& m : rep) EXPECT_TRUE(universe.count(m)) << m;
    EXPECT_GT(std::set<std::string>(rep.begin(), rep.end()).size(), 10u);
    // Positive: distinct; all of them when count >= size.
    for (size_t count : {size_t{1}, size_t{5}, set.size() / 3, set.size() / 2, set.size() - 1,
                         set.size(), set.size() + 10}) {
      auto got = members(h.run({"SRANDMEMBER", "s", std::to_string(count)}));
      EXPECT_EQ(got.size(), std::min(count, set.size())) << count;
      std::set<std::string> uniq(got.begin(), got.end());
      EXPECT_EQ(uniq.size(), got.size()) << count;
      for (auto& m : got) EXPECT_TRUE(universe.count(m)) << m;
    }
    EXPECT_EQ(h.run({"SCARD", "s"}), integer(static_cast<long long>(set.size())));
  }
}

TEST(SetFamily, SrandmemberAllMembersComeUp) {
  Harness h;
  ASSERT_EQ(sadd(h, "s", numbers(1, 20, "m")), integer(20));
  std::set<std::string> seen;
  for (int i = 0; i < 400; ++i) seen.insert(Cursor{h.run({"SRANDMEMBER", "s"})}.bulk());
  EXPECT_EQ(seen.size(), 20u);
  seen.clear();
  for (int i = 0; i < 100; ++i) {
    for (auto& m : members(h.run({"SRANDMEMBER", "s", "3"}))) seen.insert(m);
  }
  EXPECT_EQ(seen.size(), 20u);
}

// ---- SMOVE ---------------------------------------------------------------------

TEST(SetFamily, Smove) {
  Harness h;
  EXPECT_EQ(h.run({"SET", "str", "x"}), ok());
  EXPECT_EQ(h.run({"SADD", "a", "1", "2"}), integer(2));
  EXPECT_EQ(h.run({"SADD", "b", "x"}), integer(1));
  // A missing source wins over a wrong-typed destination.
  EXPECT_EQ(h.run({"SMOVE", "nokey", "str", "1"}), integer(0));
  EXPECT_EQ(h.run({"SMOVE", "a", "str", "1"}), kWrongType);
  EXPECT_EQ(h.run({"SMOVE", "a", "b", "9"}), integer(0));
  EXPECT_EQ(h.run({"SMOVE", "a", "b", "1"}), integer(1));
  EXPECT_EQ(h.run({"SMEMBERS", "a"}), bulks({"2"}));
  EXPECT_EQ(h.run({"SMEMBERS", "b"}), bulks({"x", "1"}));
  // Already in the destination: still 1, removed from the source.
  EXPECT_EQ(h.run({"SADD", "a", "x"}), integer(1));
  EXPECT_EQ(h.run({"SMOVE", "a", "b", "x"}), integer(1));
  EXPECT_EQ(h.run({"SCARD", "b"}), integer(2));
  // Same key: 1 if a member, 0 otherwise, nothing changes.
  EXPECT_EQ(h.run({"SMOVE", "b", "b", "x"}), integer(1));
  EXPECT_EQ(h.run({"SMOVE", "b", "b", "zz"}), integer(0));
  EXPECT_EQ(h.run({"SCARD", "b"}), integer(2));
  // The emptied source goes; a missing destination is created with a fitting encoding.
  EXPECT_EQ(h.run({"SMOVE", "a", "c", "2"}), integer(1));
  EXPECT_EQ(h.run({"EXISTS", "a"}), integer(0));
  EXPECT_EQ(h.run({"SMEMBERS", "c"}), bulks({"2"}));
  EXPECT_EQ(encoding(h, "c"), bulk("intset"));
  EXPECT_EQ(h.run({"SMOVE", "b", "d", "x"}), integer(1));
  EXPECT_EQ(encoding(h, "d"), bulk("listpack"));
  EXPECT_EQ(h.run({"SMOVE", "b", "c"}), arity("smove"));
}

// ---- SINTER / SINTERCARD / SINTERSTORE -----------------------------------------------

TEST(SetFamily, Sinter) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "a", "1", "2", "3", "4"}), integer(4));
  EXPECT_EQ(h.run({"SADD", "b", "2", "3", "x"}), integer(3));
  EXPECT_EQ(h.run({"SADD", "c", "3", "2", "y"}), integer(3));
  EXPECT_EQ(sorted(members(h.run({"SINTER", "a", "b", "c"}))), sorted({"2", "3"}));
  EXPECT_EQ(h.run({"SINTER", "a"}), bulks({"1", "2", "3", "4"}));
  EXPECT_EQ(h.run({"SINTER", "a", "a"}), bulks({"1", "2", "3", "4"}));
  EXPECT_EQ(h.run({"SINTER", "a", "nokey"}), "*0\r\n");
  EXPECT_EQ(h.run({"SINTER", "b", "c"}), bulks({"2", "3"}));  // the smaller set's order
  EXPECT_EQ(h.run({"SINTER"}), arity("sinter"));
  h.client.resp = 3;
  EXPECT_EQ(h.run({"SINTER", "a", "nokey"}), "~0\r\n");
  EXPECT_EQ(h.run({"SINTER", "a", "b"}), "~2\r\n$1\r\n2\r\n$1\r\n3\r\n");
}

TEST(SetFamily, SinterAcrossEncodings) {
  Harness h;
  ASSERT_EQ(sadd(h, "h", numbers(1, 1000)), integer(1000));            // hashtable of integers
  ASSERT_EQ(sadd(h, "i", numbers(990, 1010)), integer(21));            // intset
  ASSERT_EQ(sadd(h, "l", {"995", "996", "abc", "1005"}), integer(4));  // listpack
  EXPECT_EQ(h.run({"SINTER", "h", "i"}),
            bulks({"990", "991", "992", "993", "994", "995", "996", "997", "998", "999", "1000"}));
  EXPECT_EQ(sorted(members(h.run({"SINTER", "h", "i", "l"}))), sorted({"995", "996"}));
  EXPECT_EQ(h.run({"SINTERCARD", "3", "h", "i", "l"}), integer(2));
}

TEST(SetFamily, Sintercard) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "a", "1", "2", "3", "4"}), integer(4));
  EXPECT_EQ(h.run({"SADD", "b", "2", "3", "4", "x"}), integer(4));
  EXPECT_EQ(h.run({"SINTERCARD", "2", "a", "b"}), integer(3));
  EXPECT_EQ(h.run({"SINTERCARD", "1", "a"}), integer(4));
  EXPECT_EQ(h.run({"SINTERCARD", "2", "a", "b", "LIMIT", "2"}), integer(2));
  EXPECT_EQ(h.run({"SINTERCARD", "2", "a", "b", "limit", "0"}), integer(3));
  EXPECT_EQ(h.run({"SINTERCARD", "2", "a", "b", "LIMIT", "10"}), integer(3));
  EXPECT_EQ(h.run({"SINTERCARD", "1", "a", "LIMIT", "1", "LIMIT", "0"}), integer(4));
  EXPECT_EQ(h.run({"SINTERCARD", "2", "a", "nokey"}), integer(0));
  EXPECT_EQ(h.run({"SINTERCARD", "0", "a"}), error("ERR numkeys should be greater than 0"));
  EXPECT_EQ(h.run({"SINTERCARD", "-1", "a"}), error("ERR numkeys should be greater than 0"));
  EXPECT_EQ(h.run({"SINTERCARD", "abc", "a"}), error("ERR numkeys should be greater than 0"));
  EXPECT_EQ(h.run({"SINTERCARD", "3", "a", "b"}),
            error("ERR Number of keys can't be greater than number of args"));
  EXPECT_EQ(h.run({"SINTERCARD", "1", "a", "LIMIT", "-1"}), error("ERR LIMIT can't be negative"));
  EXPECT_EQ(h.run({"SINTERCARD", "1", "a", "LIMIT", "abc"}), error("ERR LIMIT can't be negative"));
  EXPECT_EQ(h.run({"SINTERCARD", "1", "a", "LIMIT"}), kSyntax);
  EXPECT_EQ(h.run({"SINTERCARD", "1", "a", "foo", "1"}), kSyntax);
  // A key after numkeys is an option word, not a key.
  EXPECT_EQ(h.run({"SINTERCARD", "1", "a", "b"}), kSyntax);
  EXPECT_EQ(h.run({"SINTERCARD", "1"}), arity("sintercard"));
}

TEST(SetFamily, Sinterstore) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "a", "1", "2", "3"}), integer(3));
  EXPECT_EQ(h.run({"SADD", "b", "2", "3", "x"}), integer(3));
  // Overwrites any type and drops the TTL.
  EXPECT_EQ(h.run({"SET", "d", "string", "EX", "100"}), ok());
  EXPECT_EQ(h.run({"SINTERSTORE", "d", "a", "b"}), integer(2));
  EXPECT_EQ(h.run({"TTL", "d"}), integer(-1));
  EXPECT_EQ(h.run({"SMEMBERS", "d"}), bulks({"2", "3"}));
  EXPECT_EQ(encoding(h, "d"), bulk("intset"));
  // The destination may be a source.
  EXPECT_EQ(h.run({"SINTERSTORE", "a", "a", "b"}), integer(2));
  EXPECT_EQ(h.run({"SMEMBERS", "a"}), bulks({"2", "3"}));
  // An empty result deletes the destination.
  EXPECT_EQ(h.run({"SINTERSTORE", "d", "a", "nokey"}), integer(0));
  EXPECT_EQ(h.run({"EXISTS", "d"}), integer(0));
  EXPECT_EQ(h.run({"SET", "d", "string"}), ok());
  EXPECT_EQ(h.run({"SADD", "c", "zz"}), integer(1));
  EXPECT_EQ(h.run({"SINTERSTORE", "d", "a", "c"}), integer(0));
  EXPECT_EQ(h.run({"EXISTS", "d"}), integer(0));
  EXPECT_EQ(h.run({"SINTERSTORE", "d", "a", "c"}), integer(0));
  EXPECT_EQ(h.run({"SINTERSTORE", "d"}), arity("sinterstore"));
}

TEST(SetFamily, SinterstoreEncodingOfTheResult) {
  Harness h;
  // Integer members held as strings in a hashtable come back as an intset.
  ASSERT_EQ(sadd(h, "h", numbers(1, 600)), integer(600));
  ASSERT_EQ(encoding(h, "h"), bulk("hashtable"));
  ASSERT_EQ(sadd(h, "h2", numbers(1, 600)), integer(600));
  EXPECT_EQ(h.run({"SINTERSTORE", "d", "h", "h2"}), integer(600));
  EXPECT_EQ(encoding(h, "d"), bulk("hashtable"));  // too many for an intset
  ASSERT_EQ(sadd(h, "small", {"5", "6", "x"}), integer(3));
  ASSERT_EQ(h.run({"SADD", "h", "x"}), integer(1));
  EXPECT_EQ(h.run({"SINTERSTORE", "d", "h", "small"}), integer(3));
  EXPECT_EQ(encoding(h, "d"), bulk("listpack"));
  EXPECT_EQ(h.run({"SREM", "h", "x"}), integer(1));
  EXPECT_EQ(h.run({"SINTERSTORE", "d", "h", "small"}), integer(2));
  EXPECT_EQ(encoding(h, "d"), bulk("intset"));
  ASSERT_EQ(sadd(h, "hs", numbers(1, 300, "m")), integer(300));
  EXPECT_EQ(h.run({"SINTERSTORE", "d", "hs", "hs"}), integer(300));
  EXPECT_EQ(encoding(h, "d"), bulk("hashtable"));
  EXPECT_EQ(smembers(h, "d"), smembers(h, "hs"));
}

// ---- SUNION / SDIFF (+STORE) ---------------------------------------------------------

TEST(SetFamily, SunionAndStore) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "a", "3", "1"}), integer(2));
  EXPECT_EQ(h.run({"SADD", "b", "2", "3"}), integer(2));
  EXPECT_EQ(h.run({"SADD", "c", "x", "1"}), integer(2));
  EXPECT_EQ(h.run({"SUNION", "a", "b"}), bulks({"1", "2", "3"}));
  EXPECT_EQ(h.run({"SUNION", "a", "nokey", "b"}), bulks({"1", "2", "3"}));
  EXPECT_EQ(h.run({"SUNION", "nokey"}), "*0\r\n");
  EXPECT_EQ(sorted(members(h.run({"SUNION", "a", "b", "c"}))), sorted({"1", "2", "3", "x"}));
  EXPECT_EQ(h.run({"SET", "d", "v", "PX", "5000"}), ok());
  EXPECT_EQ(h.run({"SUNIONSTORE", "d", "a", "b", "c"}), integer(4));
  EXPECT_EQ(h.run({"PTTL", "d"}), integer(-1));
  EXPECT_EQ(encoding(h, "d"), bulk("listpack"));
  EXPECT_EQ(h.run({"SUNIONSTORE", "d", "a", "b"}), integer(3));
  EXPECT_EQ(encoding(h, "d"), bulk("intset"));
  EXPECT_EQ(h.run({"SUNIONSTORE", "d", "nokey"}), integer(0));
  EXPECT_EQ(h.run({"EXISTS", "d"}), integer(0));
  EXPECT_EQ(h.run({"SUNIONSTORE", "a", "a", "b"}), integer(3));
  EXPECT_EQ(h.run({"SMEMBERS", "a"}), bulks({"1", "2", "3"}));
  ASSERT_EQ(sadd(h, "big", numbers(1, 600)), integer(600));
  EXPECT_EQ(h.run({"SUNIONSTORE", "d", "big", "a"}), integer(600));
  EXPECT_EQ(encoding(h, "d"), bulk("hashtable"));
  EXPECT_EQ(h.run({"SUNION"}), arity("sunion"));
  EXPECT_EQ(h.run({"SUNIONSTORE", "d"}), arity("sunionstore"));
  h.client.resp = 3;
  EXPECT_EQ(h.run({"SUNION", "b"}), "~2\r\n$1\r\n2\r\n$1\r\n3\r\n");
}

TEST(SetFamily, SdiffAndStore) {
  Harness h;
  EXPECT_EQ(h.run({"SADD", "a", "1", "2", "3", "4", "x"}), integer(5));
  EXPECT_EQ(h.run({"SADD", "b", "2"}), integer(1));
  EXPECT_EQ(h.run({"SADD", "c", "3", "x", "zz"}), integer(3));
  EXPECT_EQ(h.run({"SDIFF", "a", "b", "c"}), bulks({"1", "4"}));
  EXPECT_EQ(h.run({"SDIFF", "a", "nokey"}), bulks({"1", "2", "3", "4", "x"}));
  EXPECT_EQ(h.run({"SDIFF", "nokey", "a"}), "*0\r\n");
  EXPECT_EQ(h.run({"SDIFF", "a", "a"}), "*0\r\n");
  EXPECT_EQ(h.run({"SDIFF", "a", "b", "a"}), "*0\r\n");
  EXPECT_EQ(h.run({"SDIFF", "b"}), bulks({"2"}));
  EXPECT_EQ(h.run({"SET", "d", "v"}), ok());
  EXPECT_EQ(h.run({"SDIFFSTORE", "d", "a", "b", "c"}), integer(2));
  EXPECT_EQ(h.run({"SMEMBERS", "d"}), bulks({"1", "4"}));
  EXPECT_EQ(h.run({"SDIFFSTORE", "d", "a", "a"}), integer(0));
  EXPECT_EQ(h.run({"EXISTS", "d"}), integer(0));
  EXPECT_EQ(h.run({"SDIFFSTORE", "a", "a", "c"}), integer(3));
  EXPECT_EQ(h.run({"SMEMBERS", "a"}), bulks({"1", "2", "4"}));
  EXPECT_EQ(h.run({"SDIFF"}), arity("sdiff"));
  EXPECT_EQ(h.run({"SDIFFSTORE", "d"}), arity("sdiffstore"));
}

// Both diff algorithms (walk the first set; copy it and subtract) give the same answer.
TEST(SetFamily, SdiffBothAlgorithms) {
  Harness h;
  ASSERT_EQ(sadd(h, "small", numbers(1, 10, "m")), integer(10));
  ASSERT_EQ(sadd(h, "small2", numbers(8, 12, "m")), integer(5));
  ASSERT_EQ(sadd(h, "big", numbers(5, 1000, "m")), integer(996));
  // A small first set against a big one: walk the first set.
  EXPECT_EQ(sorted(members(h.run({"SDIFF", "small", "big"}))), sorted(numbers(1, 4, "m")));
  // A big first set against small ones, more work to walk (3 * 996 / 2 > 996 + 15):
  // copy it and remove the others' members.
  std::vector<std::string> want = numbers(13, 1000, "m");
  EXPECT_EQ(sorted(members(h.run({"SDIFF", "big", "small", "small2"}))), sorted(want));
  EXPECT_EQ(h.run({"SDIFFSTORE", "d", "big", "small", "nokey", "small2"}), integer(988));
  EXPECT_EQ(smembers(h, "d"), sorted(want));
  EXPECT_EQ(encoding(h, "d"), bulk("hashtable"));
  EXPECT_EQ(h.run({"SDIFFSTORE", "d", "small", "big", "small"}), integer(0));
  EXPECT_EQ(h.run({"EXISTS", "d"}), integer(0));
}

// ---- SSCAN ---------------------------------------------------------------------

struct ScanPage {
  std::string cursor;
  std::vector<std::string> items;
};

ScanPage scan_page(const std::string& reply) {
  Cursor c{reply};
  EXPECT_EQ(c.line(), "*2");
  ScanPage p;
  p.cursor = c.bulk();
  p.items = c.bulks();
  EXPECT_EQ(c.i, reply.size());
  return p;
}

TEST(SetFamily, SscanArguments) {
  Harness h;
  const std::string empty_scan = "*2\r\n$1\r\n0\r\n*0\r\n";
  EXPECT_EQ(h.run({"SSCAN", "nokey", "0"}), empty_scan);
  // The key is checked before the options (Redis order).
  EXPECT_EQ(h.run({"SSCAN", "nokey", "0", "COUNT", "0"}), empty_scan);
  EXPECT_EQ(h.run({"SSCAN", "nokey", "abc"}), error("ERR invalid cursor"));
  EXPECT_EQ(h.run({"SADD", "s", "b", "a"}), integer(2));
  EXPECT_EQ(h.run({"SSCAN", "s", "abc"}), error("ERR invalid cursor"));
  EXPECT_EQ(h.run({"SSCAN", "s", "0", "COUNT", "0"}), kSyntax);
  EXPECT_EQ(h.run({"SSCAN", "s", "0", "COUNT", "x"}), kNotInt);
  EXPECT_EQ(h.run({"SSCAN", "s", "0", "TYPE", "string"}), kSyntax);
  EXPECT_EQ(h.run({"SSCAN", "s", "0", "MATCH"}), kSyntax);
  EXPECT_EQ(h.run({"SSCAN", "s"}), arity("sscan"));
  // Small encodings: everything at once, cursor 0, whatever the cursor or COUNT.
  EXPECT_EQ(h.run({"SSCAN", "s", "0"}), "*2\r\n$1\r\n0\r\n" + bulks({"b", "a"}));
  EXPECT_EQ(h.run({"SSCAN", "s", "77", "COUNT", "1"}), "*2\r\n$1\r\n0\r\n" + bulks({"b", "a"}));
  EXPECT_EQ(h.run({"SSCAN", "s", "0", "MATCH", "a*"}), "*2\r\n$1\r\n0\r\n" + bulks({"a"}));
  EXPECT_EQ(h.run({"SADD", "i", "10", "2", "33"}), integer(3));
  EXPECT_EQ(h.run({"SSCAN", "i", "0", "MATCH", "*3*"}), "*2\r\n$1\r\n0\r\n" + bulks({"33"}));
  EXPECT_EQ(h.run({"SSCAN", "i", "0"}), "*2\r\n$1\r\n0\r\n" + bulks({"2", "10", "33"}));
}

TEST(SetFamily, SscanCoversABigSet) {
  Harness h;
  const auto all = numbers(1, 5000, "member:");
  ASSERT_EQ(sadd(h, "s", all), integer(5000));
  ASSERT_EQ(encoding(h, "s"), bulk("hashtable"));
  for (std::string count : {"10", "1", "1000"}) {
    std::multiset<std::string> seen;
    std::string cursor = "0";
    int calls = 0;
    do {
      ScanPage p = scan_page(h.run({"SSCAN", "s", cursor, "COUNT", count}));
      for (auto& m : p.items) seen.insert(m);
      cursor = p.cursor;
      ++calls;
    } while (cursor != "0" && calls < 100000);
    EXPECT_EQ(cursor, "0");
    // Stable table: each member exactly once.
    EXPECT_EQ(seen.size(), all.size()) << count;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), all.size()) << count;
  }
  // MATCH filters after sampling.
  std::set<std::string> matched;
  std::string cursor = "0";
  do {
    ScanPage p = scan_page(h.run({"SSCAN", "s", cursor, "MATCH", "member:1?", "COUNT", "50"}));
    matched.insert(p.items.begin(), p.items.end());
    cursor = p.cursor;
  } while (cursor != "0");
  EXPECT_EQ(matched, std::set<std::string>({"member:10", "member:11", "member:12", "member:13",
                                            "member:14", "member:15", "member:16", "member:17",
                                            "member:18", "member:19"}));
}

TEST(SetFamily, SscanKeepsItsGuaranteeWhileTheSetChanges) {
  Harness h;
  const auto stay = numbers(1, 2000, "stay");
  ASSERT_EQ(sadd(h, "s", stay), integer(2000));
  std::set<std::string> seen;
  std::string cursor = "0";
  int round = 0;
  do {
    ScanPage p = scan_page(h.run({"SSCAN", "s", cursor, "COUNT", "20"}));
    seen.insert(p.items.begin(), p.items.end());
    cursor = p.cursor;
    // Grow (and later shrink) the table between calls.
    if (round < 50) {
      sadd(h, "s", numbers(round * 100, round * 100 + 99, "tmp"));
    } else if (round < 100) {
      std::vector<std::string> argv{"SREM", "s"};
      for (auto& m : numbers((round - 50) * 100, (round - 50) * 100 + 99, "tmp")) {
        argv.push_back(m);
      }
      h.run(argv);
    }
    ++round;
  } while (cursor != "0");
  for (auto& m : stay) EXPECT_TRUE(seen.count(m)) << m;
}

// ---- commands table ---------------------------------------------------------------

TEST(SetFamily, CommandInfo) {
  Harness h;
  auto starts = [](const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
  };
  std::string info = h.run({"COMMAND", "INFO", "sintercard"});
  EXPECT_TRUE(starts(info,
                     "*1\r\n*10\r\n$10\r\nsintercard\r\n:-3\r\n*2\r\n+readonly\r\n"
                     "+movablekeys\r\n:0\r\n:0\r\n:0\r\n"))
      << info;
  info = h.run({"COMMAND", "INFO", "smove"});
  EXPECT_TRUE(starts(info,
                     "*1\r\n*10\r\n$5\r\nsmove\r\n:4\r\n*2\r\n+write\r\n+fast\r\n:1\r\n:2\r\n"
                     ":1\r\n"))
      << info;
  info = h.run({"COMMAND", "INFO", "sunionstore"});
  EXPECT_TRUE(starts(info,
                     "*1\r\n*10\r\n$11\r\nsunionstore\r\n:-3\r\n*2\r\n+write\r\n+denyoom\r\n"
                     ":1\r\n:-1\r\n:1\r\n"))
      << info;
}

}  // namespace
}  // namespace ironkv::test
