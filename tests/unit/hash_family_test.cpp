// Hash family: every command and error path, asserting the bytes Redis 7.0.15 sends
// (checked against redis-server 7.0.15), the listpack -> hashtable conversions at both
// thresholds, HSCAN coverage and HRANDFIELD's count cases.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/store/hash_value.h"
#include "harness.h"

namespace ironkv::test {
namespace {

using namespace std::string_literals;

const std::string kWrongType =
    error("WRONGTYPE Operation against a key holding the wrong kind of value");
const std::string kSyntax = error("ERR syntax error");
const std::string kNotInt = error("ERR value is not an integer or out of range");
const std::string kNotFloat = error("ERR value is not a valid float");
const std::string kOverflow = error("ERR increment or decrement would overflow");
const std::string kNanOrInf = error("ERR increment would produce NaN or Infinity");
const std::string kHashNotInt = error("ERR hash value is not an integer");
const std::string kHashNotFloat = error("ERR hash value is not a float");

// The bulk strings of a reply in order, array headers skipped (enough for the flat
// and once-nested replies of this family).
std::vector<std::string> bulks_of(std::string_view r) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < r.size()) {
    const size_t eol = r.find("\r\n", i);
    const char type = r[i];
    if (type == '$') {
      const size_t len = std::stoul(std::string(r.substr(i + 1, eol - i - 1)));
      out.emplace_back(r.substr(eol + 2, len));
      i = eol + 2 + len + 2;
    } else {
      i = eol + 2;
    }
  }
  return out;
}

std::string encoding_of(Harness& h, std::string_view key) {
  return h.run({"OBJECT", "ENCODING", key});
}

// HSET key f0 v0 f1 v1 ... f<n-1> v<n-1> in one command.
void fill(Harness& h, std::string_view key, int n, std::string_view fprefix = "f",
          std::string_view vprefix = "v") {
  std::vector<std::string> argv{"HSET", std::string(key)};
  for (int i = 0; i < n; ++i) {
    argv.push_back(std::string(fprefix) + std::to_string(i));
    argv.push_back(std::string(vprefix) + std::to_string(i));
  }
  ASSERT_EQ(h.run(argv), integer(n));
}

// ---- HSET HMSET HSETNX HGET HMGET ---------------------------------------------

TEST(HashFamily, HsetCreatesAndOverwrites) {
  Harness h;
  EXPECT_EQ(h.run({"HSET", "h", "f", "v"}), integer(1));
  EXPECT_EQ(h.run({"HSET", "h", "f", "w"}), integer(0));
  EXPECT_EQ(h.run({"HGET", "h", "f"}), bulk("w"));
  // A field named twice in one call is created once; the last value wins.
  EXPECT_EQ(h.run({"HSET", "h", "a", "1", "b", "2", "a", "3", "f", "x"}), integer(2));
  EXPECT_EQ(h.run({"HGETALL", "h"}), bulks({"f", "x", "a", "3", "b", "2"}));
  EXPECT_EQ(h.run({"HSET", "h", "", ""}), integer(1));
  EXPECT_EQ(h.run({"HGET", "h", ""}), bulk(""));
  EXPECT_EQ(h.run({"TYPE", "h"}), simple("hash"));
}

TEST(HashFamily, HsetBinarySafe) {
  Harness h;
  const std::string field("a\0b\r\n", 5);
  const std::string value("\0\xff", 2);
  EXPECT_EQ(h.run(std::vector<std::string>{"HSET", "h", field, value}), integer(1));
  EXPECT_EQ(h.run(std::vector<std::string>{"HGET", "h", field}), bulk(value));
  EXPECT_EQ(h.run({"HGET", "h", "a"}), nil());
}

TEST(HashFamily, HsetArity) {
  Harness h;
  EXPECT_EQ(h.run({"HSET", "h", "f"}), error("ERR wrong number of arguments for 'hset' command"));
  EXPECT_EQ(h.run({"HSET", "h", "a", "1", "b"}),
            error("ERR wrong number of arguments for 'hset' command"));
  EXPECT_EQ(h.run({"HMSET", "h", "a", "1", "b"}),
            error("ERR wrong number of arguments for 'hmset' command"));
  EXPECT_EQ(h.run({"HSET", "h"}), error("ERR wrong number of arguments for 'hset' command"));
  EXPECT_EQ(h.run({"EXISTS", "h"}), integer(0));
}

TEST(HashFamily, Hmset) {
  Harness h;
  EXPECT_EQ(h.run({"HMSET", "h", "a", "1", "b", "2"}), ok());
  EXPECT_EQ(h.run({"HMSET", "h", "a", "3"}), ok());
  EXPECT_EQ(h.run({"HMGET", "h", "a", "b", "c"}), array({bulk("3"), bulk("2"), nil()}));
}

TEST(HashFamily, Hsetnx) {
  Harness h;
  EXPECT_EQ(h.run({"HSETNX", "h", "f", "1"}), integer(1));
  EXPECT_EQ(h.run({"HSETNX", "h", "f", "2"}), integer(0));
  EXPECT_EQ(h.run({"HGET", "h", "f"}), bulk("1"));
  EXPECT_EQ(h.run({"HSETNX", "h", "g", "2"}), integer(1));
  EXPECT_EQ(h.run({"HLEN", "h"}), integer(2));
}

TEST(HashFamily, HgetHmgetMissing) {
  Harness h;
  EXPECT_EQ(h.run({"HGET", "nokey", "f"}), nil());
  EXPECT_EQ(h.run({"HMGET", "nokey", "a", "b"}), array({nil(), nil()}));
  h.run({"HSET", "h", "a", "1"});
  EXPECT_EQ(h.run({"HGET", "h", "b"}), nil());
  EXPECT_EQ(h.run({"HMGET", "h", "b", "a", "a"}), array({nil(), bulk("1"), bulk("1")}));
}

TEST(HashFamily, IntegerLikeValuesReadBackAsText) {
  Harness h;
  // The listpack stores these as integers; the reply must still be their exact text.
  EXPECT_EQ(h.run({"HSET", "h", "12", "-9223372036854775808", "x", "007", "y", "-0"}), integer(3));
  EXPECT_EQ(h.run({"HGET", "h", "12"}), bulk("-9223372036854775808"));
  EXPECT_EQ(h.run({"HGET", "h", "x"}), bulk("007"));
  EXPECT_EQ(h.run({"HGET", "h", "y"}), bulk("-0"));
  EXPECT_EQ(h.run({"HSTRLEN", "h", "12"}), integer(20));
  EXPECT_EQ(h.run({"HKEYS", "h"}), bulks({"12", "x", "y"}));
  h.run({"CONFIG", "SET", "hash-max-listpack-entries", "0"});
  EXPECT_EQ(h.run({"HSET", "g", "1", "123456789012345678"}), integer(1));
  EXPECT_EQ(encoding_of(h, "g"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HGET", "g", "1"}), bulk("123456789012345678"));
  EXPECT_EQ(h.run({"HSTRLEN", "g", "1"}), integer(18));
}

// ---- HDEL HLEN HSTRLEN HEXISTS ---------------------------------------------------

TEST(HashFamily, Hdel) {
  Harness h;
  EXPECT_EQ(h.run({"HDEL", "nokey", "a"}), integer(0));
  h.run({"HSET", "h", "a", "1", "b", "2", "c", "3"});
  EXPECT_EQ(h.run({"HDEL", "h", "a", "a", "zz"}), integer(1));
  EXPECT_EQ(h.run({"HGETALL", "h"}), bulks({"b", "2", "c", "3"}));
  EXPECT_EQ(h.run({"HDEL", "h", "zz"}), integer(0));
  EXPECT_EQ(h.run({"HLEN", "h"}), integer(2));
}

TEST(HashFamily, EmptiedHashDisappears) {
  Harness h;
  h.run({"HSET", "h", "a", "1", "b", "2"});
  EXPECT_EQ(h.run({"HDEL", "h", "a", "b", "c"}), integer(2));
  EXPECT_EQ(h.run({"EXISTS", "h"}), integer(0));
  EXPECT_EQ(h.run({"TYPE", "h"}), simple("none"));
  // The same for a hashtable-encoded hash.
  h.run({"CONFIG", "SET", "hash-max-listpack-entries", "1"});
  h.run({"HSET", "t", "a", "1", "b", "2"});
  EXPECT_EQ(encoding_of(h, "t"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HDEL", "t", "a"}), integer(1));
  EXPECT_EQ(h.run({"HDEL", "t", "b"}), integer(1));
  EXPECT_EQ(h.run({"EXISTS", "t"}), integer(0));
  EXPECT_EQ(h.run({"HLEN", "t"}), integer(0));
}

TEST(HashFamily, HlenHstrlenHexists) {
  Harness h;
  EXPECT_EQ(h.run({"HLEN", "nokey"}), integer(0));
  EXPECT_EQ(h.run({"HSTRLEN", "nokey", "f"}), integer(0));
  EXPECT_EQ(h.run({"HEXISTS", "nokey", "f"}), integer(0));
  h.run({"HSET", "h", "f", "hello", "n", "-12", "e", ""});
  EXPECT_EQ(h.run({"HLEN", "h"}), integer(3));
  EXPECT_EQ(h.run({"HSTRLEN", "h", "f"}), integer(5));
  EXPECT_EQ(h.run({"HSTRLEN", "h", "n"}), integer(3));
  EXPECT_EQ(h.run({"HSTRLEN", "h", "e"}), integer(0));
  EXPECT_EQ(h.run({"HSTRLEN", "h", "zz"}), integer(0));
  EXPECT_EQ(h.run({"HEXISTS", "h", "f"}), integer(1));
  EXPECT_EQ(h.run({"HEXISTS", "h", "hello"}), integer(0));  // a value, not a field
}

// ---- HKEYS HVALS HGETALL ------------------------------------------------------------

TEST(HashFamily, HkeysHvalsHgetall) {
  Harness h;
  EXPECT_EQ(h.run({"HKEYS", "nokey"}), "*0\r\n");
  EXPECT_EQ(h.run({"HVALS", "nokey"}), "*0\r\n");
  EXPECT_EQ(h.run({"HGETALL", "nokey"}), "*0\r\n");
  h.run({"HSET", "h", "b", "2", "a", "1", "c", "x"});
  EXPECT_EQ(h.run({"HKEYS", "h"}), bulks({"b", "a", "c"}));
  EXPECT_EQ(h.run({"HVALS", "h"}), bulks({"2", "1", "x"}));
  EXPECT_EQ(h.run({"HGETALL", "h"}), bulks({"b", "2", "a", "1", "c", "x"}));
}

TEST(HashFamily, Resp3Replies) {
  Harness h;
  h.run({"HSET", "h", "a", "1", "b", "2"});
  h.client.resp = 3;
  EXPECT_EQ(h.run({"HGETALL", "h"}), "%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n");
  EXPECT_EQ(h.run({"HGETALL", "nokey"}), "%0\r\n");
  EXPECT_EQ(h.run({"HGET", "h", "zz"}), "_\r\n");
  EXPECT_EQ(h.run({"HMGET", "nokey", "a", "b"}), "*2\r\n_\r\n_\r\n");
  EXPECT_EQ(h.run({"HRANDFIELD", "nokey"}), "_\r\n");
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "2", "WITHVALUES"}),
            "*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
  std::string r = h.run({"HRANDFIELD", "h", "-3", "WITHVALUES"});
  EXPECT_EQ(r.substr(0, 8), "*3\r\n*2\r\n");
  EXPECT_EQ(bulks_of(r).size(), 6u);
}

// ---- HINCRBY HINCRBYFLOAT -------------------------------------------------------------

TEST(HashFamily, Hincrby) {
  Harness h;
  EXPECT_EQ(h.run({"HINCRBY", "h", "n", "5"}), integer(5));
  EXPECT_EQ(h.run({"HINCRBY", "h", "n", "-7"}), integer(-2));
  EXPECT_EQ(h.run({"HGET", "h", "n"}), bulk("-2"));
  h.run({"HSET", "h", "s", "abc", "sp", " 1", "big", "9223372036854775807", "f", "1.5"});
  EXPECT_EQ(h.run({"HINCRBY", "h", "s", "1"}), kHashNotInt);
  EXPECT_EQ(h.run({"HINCRBY", "h", "sp", "1"}), kHashNotInt);
  EXPECT_EQ(h.run({"HINCRBY", "h", "f", "1"}), kHashNotInt);
  EXPECT_EQ(h.run({"HINCRBY", "h", "big", "1"}), kOverflow);
  EXPECT_EQ(h.run({"HINCRBY", "h", "big", "-9223372036854775808"}), integer(-1));
  EXPECT_EQ(h.run({"HINCRBY", "h", "m", "-9223372036854775808"}),
            integer(-9223372036854775807LL - 1));
  EXPECT_EQ(h.run({"HINCRBY", "h", "m", "-1"}), kOverflow);
  EXPECT_EQ(h.run({"HINCRBY", "h", "n", "abc"}), kNotInt);
  EXPECT_EQ(h.run({"HINCRBY", "h", "n", "1.0"}), kNotInt);
  EXPECT_EQ(h.run({"HINCRBY", "h", "n", "9223372036854775808"}), kNotInt);
  EXPECT_EQ(h.run({"HINCRBY", "nokey", "n", "x"}), kNotInt);
  EXPECT_EQ(h.run({"EXISTS", "nokey"}), integer(0));
  EXPECT_EQ(h.run({"HGET", "h", "n"}), bulk("-2"));
}

TEST(HashFamily, HincrbyOnHashtable) {
  Harness h;
  h.run({"CONFIG", "SET", "hash-max-listpack-entries", "0"});
  EXPECT_EQ(h.run({"HINCRBY", "h", "n", "10"}), integer(10));
  EXPECT_EQ(encoding_of(h, "h"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HINCRBY", "h", "n", "-3"}), integer(7));
  h.run({"HSET", "h", "s", "x1", "lead", "01"});
  EXPECT_EQ(h.run({"HINCRBY", "h", "s", "1"}), kHashNotInt);
  EXPECT_EQ(h.run({"HINCRBY", "h", "lead", "1"}), kHashNotInt);
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "n", "0.5"}), bulk("7.5"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "s", "1"}), kHashNotFloat);
}

TEST(HashFamily, Hincrbyfloat) {
  Harness h;
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "f", "10.5"}), bulk("10.5"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "f", "0.1"}), bulk("10.6"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "f", "-10.6"}), bulk("0"));
  h.run({"HSET", "h", "i", "5.0e3", "n", "7", "s", "abc", "inf", "inf", "sp", " 1"});
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "i", "1"}), bulk("5001"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "n", "1.5"}), bulk("8.5"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "new", "3.0"}), bulk("3"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "tiny", "1e-20"}), bulk("0"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "s", "1"}), kHashNotFloat);
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "sp", "1"}), kHashNotFloat);
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "inf", "1"}), kNanOrInf);
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "f", "abc"}), kNotFloat);
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "f", "1e5000"}), kNotFloat);
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "f", "inf"}), error("ERR value is NaN or Infinity"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "f", "-inf"}), error("ERR value is NaN or Infinity"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "f", "nan"}), kNotFloat);
  h.run({"HSET", "h", "huge", "1e4932"});
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "h", "huge", "1e4932"}), kNanOrInf);
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "nokey", "f", "x"}), kNotFloat);
  EXPECT_EQ(h.run({"EXISTS", "nokey"}), integer(0));
  EXPECT_EQ(h.run({"HGET", "h", "i"}), bulk("5001"));
}

// ---- WRONGTYPE ---------------------------------------------------------------------------

TEST(HashFamily, WrongType) {
  Harness h;
  h.run({"SET", "s", "v"});
  const std::vector<std::vector<std::string>> cmds = {
      {"HSET", "s", "f", "v"},
      {"HMSET", "s", "f", "v"},
      {"HSETNX", "s", "f", "v"},
      {"HGET", "s", "f"},
      {"HMGET", "s", "f"},
      {"HDEL", "s", "f"},
      {"HLEN", "s"},
      {"HSTRLEN", "s", "f"},
      {"HEXISTS", "s", "f"},
      {"HKEYS", "s"},
      {"HVALS", "s"},
      {"HGETALL", "s"},
      {"HINCRBY", "s", "f", "1"},
      {"HINCRBYFLOAT", "s", "f", "1"},
      {"HRANDFIELD", "s"},
      {"HRANDFIELD", "s", "0"},
      {"HRANDFIELD", "s", "-5"},
      {"HRANDFIELD", "s", "0", "WITHVALUES"},
      {"HSCAN", "s", "0"},
      {"HSCAN", "s", "0", "badopt"},
  };
  for (const auto& cmd : cmds) EXPECT_EQ(h.run(cmd), kWrongType) << cmd[0];
  EXPECT_EQ(h.run({"GET", "s"}), bulk("v"));
  // And a hash is the wrong type for string commands.
  h.run({"HSET", "h", "f", "v"});
  EXPECT_EQ(h.run({"GET", "h"}), kWrongType);
}

// ---- Encodings ---------------------------------------------------------------------------

TEST(HashFamily, EncodingEntriesThreshold) {
  Harness h;
  fill(h, "h", 128);
  EXPECT_EQ(encoding_of(h, "h"), bulk("listpack"));
  EXPECT_EQ(h.run({"HSET", "h", "f0", "again"}), integer(0));  // an update is no new entry
  EXPECT_EQ(encoding_of(h, "h"), bulk("listpack"));
  EXPECT_EQ(h.run({"HSET", "h", "x", "1"}), integer(1));
  EXPECT_EQ(encoding_of(h, "h"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HLEN", "h"}), integer(129));
  EXPECT_EQ(h.run({"HGET", "h", "f0"}), bulk("again"));
  EXPECT_EQ(h.run({"HGET", "h", "f127"}), bulk("v127"));
  // Never back, even when it shrinks below the threshold.
  for (int i = 0; i < 120; ++i) h.run({"HDEL", "h", "f" + std::to_string(i)});
  EXPECT_EQ(h.run({"HLEN", "h"}), integer(9));
  EXPECT_EQ(encoding_of(h, "h"), bulk("hashtable"));
}

TEST(HashFamily, EncodingEntriesThresholdViaConfig) {
  Harness h;
  EXPECT_EQ(h.run({"CONFIG", "SET", "hash-max-listpack-entries", "2"}), ok());
  h.run({"HSET", "e", "a", "1", "b", "2"});
  EXPECT_EQ(encoding_of(h, "e"), bulk("listpack"));
  h.run({"HSETNX", "e", "c", "3"});
  EXPECT_EQ(encoding_of(h, "e"), bulk("hashtable"));
  h.run({"HSET", "m", "a", "1", "b", "2", "c", "3"});  // converts mid-command
  EXPECT_EQ(encoding_of(h, "m"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HGETALL", "m"}).size(), bulks({"a", "1", "b", "2", "c", "3"}).size());
  h.run({"HINCRBY", "i", "a", "1"});
  h.run({"HINCRBY", "i", "b", "1"});
  EXPECT_EQ(encoding_of(h, "i"), bulk("listpack"));
  h.run({"HINCRBYFLOAT", "i", "c", "1.5"});
  EXPECT_EQ(encoding_of(h, "i"), bulk("hashtable"));
  // The old ziplist name is an alias.
  EXPECT_EQ(h.run({"CONFIG", "SET", "hash-max-ziplist-entries", "0"}), ok());
  h.run({"HSET", "z", "a", "1"});
  EXPECT_EQ(encoding_of(h, "z"), bulk("hashtable"));
}

TEST(HashFamily, EncodingValueThreshold) {
  Harness h;
  const std::string v64(64, 'x');
  const std::string v65(65, 'x');
  h.run({"HSET", "a", "f", v64, v64, "1"});
  EXPECT_EQ(encoding_of(h, "a"), bulk("listpack"));
  h.run({"HSET", "a", "g", v65});  // long value
  EXPECT_EQ(encoding_of(h, "a"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HGET", "a", v64}), bulk("1"));
  EXPECT_EQ(h.run({"HGET", "a", "g"}), bulk(v65));
  h.run({"HSET", "b", v65, "1"});  // long field
  EXPECT_EQ(encoding_of(h, "b"), bulk("hashtable"));
  h.run({"HSETNX", "c", "f", v65});
  EXPECT_EQ(encoding_of(h, "c"), bulk("hashtable"));
  h.run({"HMSET", "d", "f", "1", "g", v65});
  EXPECT_EQ(encoding_of(h, "d"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HGETALL", "d"}).size(), bulks({"f", "1", "g", v65}).size());
}

TEST(HashFamily, EncodingValueThresholdForIncrements) {
  Harness h;
  EXPECT_EQ(h.run({"CONFIG", "SET", "hash-max-listpack-value", "5"}), ok());
  h.run({"HSET", "h", "a", "1"});
  EXPECT_EQ(h.run({"HINCRBY", "h", "aaaaaaaaaaaaaaaaa", "1"}), integer(1));  // long field
  EXPECT_EQ(encoding_of(h, "h"), bulk("hashtable"));
  h.run({"HSET", "g", "a", "1"});
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "g", "a", "1e10"}), bulk("10000000001"));  // long result
  EXPECT_EQ(encoding_of(h, "g"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HINCRBYFLOAT", "k", "a", "1.5"}), bulk("1.5"));
  EXPECT_EQ(encoding_of(h, "k"), bulk("listpack"));
  EXPECT_EQ(h.run({"HINCRBY", "k", "b", "99999"}), integer(99999));
  EXPECT_EQ(encoding_of(h, "k"), bulk("listpack"));
  EXPECT_EQ(h.run({"HINCRBY", "k", "b", "1"}), integer(100000));  // 6 chars
  EXPECT_EQ(encoding_of(h, "k"), bulk("hashtable"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "hash-max-ziplist-value", "0"}), ok());
  h.run({"HSET", "z", "", ""});
  EXPECT_EQ(encoding_of(h, "z"), bulk("listpack"));
  h.run({"HSET", "z", "a", ""});
  EXPECT_EQ(encoding_of(h, "z"), bulk("hashtable"));
}

TEST(HashFamily, HashtableBehavesLikeListpack) {
  Harness h;
  h.run({"CONFIG", "SET", "hash-max-listpack-entries", "0"});
  EXPECT_EQ(h.run({"HSET", "h", "a", "1", "b", "two", "a", "3"}), integer(2));
  EXPECT_EQ(encoding_of(h, "h"), bulk("hashtable"));
  EXPECT_EQ(h.run({"HGET", "h", "a"}), bulk("3"));
  EXPECT_EQ(h.run({"HSETNX", "h", "a", "9"}), integer(0));
  EXPECT_EQ(h.run({"HEXISTS", "h", "b"}), integer(1));
  EXPECT_EQ(h.run({"HSTRLEN", "h", "b"}), integer(3));
  std::vector<std::string> all = bulks_of(h.run({"HGETALL", "h"}));
  std::map<std::string, std::string> m;
  for (size_t i = 0; i + 1 < all.size(); i += 2) m[all[i]] = all[i + 1];
  EXPECT_EQ(m, (std::map<std::string, std::string>{{"a", "3"}, {"b", "two"}}));
  std::vector<std::string> keys = bulks_of(h.run({"HKEYS", "h"}));
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(h.run({"HDEL", "h", "a", "zz"}), integer(1));
  EXPECT_EQ(h.run({"HVALS", "h"}), bulks({"two"}));
}

// ---- RENAME / COPY -------------------------------------------------------------------------

TEST(HashFamily, RenameAndCopy) {
  Harness h;
  for (const char* entries : {"128", "0"}) {
    SCOPED_TRACE(entries);
    h.run({"FLUSHALL"});
    h.run({"CONFIG", "SET", "hash-max-listpack-entries", entries});
    h.run({"HSET", "h", "a", "1", "b", "2"});
    const std::string enc = encoding_of(h, "h");
    EXPECT_EQ(h.run({"RENAME", "h", "r"}), ok());
    EXPECT_EQ(h.run({"EXISTS", "h"}), integer(0));
    EXPECT_EQ(h.run({"HGET", "r", "b"}), bulk("2"));
    EXPECT_EQ(h.run({"COPY", "r", "c"}), integer(1));
    EXPECT_EQ(encoding_of(h, "c"), enc);
    EXPECT_EQ(h.run({"TYPE", "c"}), simple("hash"));
    // The copy is independent of its source.
    h.run({"HSET", "c", "a", "changed", "n", "new"});
    h.run({"HDEL", "r", "b"});
    EXPECT_EQ(h.run({"HGET", "r", "a"}), bulk("1"));
    EXPECT_EQ(h.run({"HLEN", "r"}), integer(1));
    EXPECT_EQ(h.run({"HMGET", "c", "a", "b", "n"}),
              array({bulk("changed"), bulk("2"), bulk("new")}));
    EXPECT_EQ(h.run({"COPY", "r", "other", "DB", "1"}), integer(1));
    h.run({"SELECT", "1"});
    EXPECT_EQ(h.run({"HGETALL", "other"}), bulks({"a", "1"}));
    h.run({"SELECT", "0"});
  }
}

// ---- HSCAN ---------------------------------------------------------------------------------

TEST(HashFamily, HscanListpackReturnsAll) {
  Harness h;
  h.run({"HSET", "h", "a", "1", "b", "2", "ab", "3"});
  EXPECT_EQ(h.run({"HSCAN", "h", "0"}), array({bulk("0"), bulks({"a", "1", "b", "2", "ab", "3"})}));
  // Any cursor, any COUNT: all of it.
  EXPECT_EQ(h.run({"HSCAN", "h", "123", "COUNT", "1"}),
            array({bulk("0"), bulks({"a", "1", "b", "2", "ab", "3"})}));
  EXPECT_EQ(h.run({"HSCAN", "h", "0", "MATCH", "a*"}),
            array({bulk("0"), bulks({"a", "1", "ab", "3"})}));
  // MATCH looks at fields only.
  EXPECT_EQ(h.run({"HSCAN", "h", "0", "MATCH", "2"}), array({bulk("0"), "*0\r\n"}));
  EXPECT_EQ(h.run({"HSCAN", "h", "0", "MATCH", "*", "COUNT", "100"}),
            array({bulk("0"), bulks({"a", "1", "b", "2", "ab", "3"})}));
}

TEST(HashFamily, HscanErrors) {
  Harness h;
  h.run({"HSET", "h", "a", "1"});
  EXPECT_EQ(h.run({"HSCAN", "h", "x"}), error("ERR invalid cursor"));
  EXPECT_EQ(h.run({"HSCAN", "nokey", "x"}), error("ERR invalid cursor"));
  EXPECT_EQ(h.run({"HSCAN", "h", "0", "COUNT"}), kSyntax);
  EXPECT_EQ(h.run({"HSCAN", "h", "0", "COUNT", "0"}), kSyntax);
  EXPECT_EQ(h.run({"HSCAN", "h", "0", "COUNT", "x"}), kNotInt);
  EXPECT_EQ(h.run({"HSCAN", "h", "0", "TYPE", "string"}), kSyntax);
  EXPECT_EQ(h.run({"HSCAN", "h", "0", "FOO", "bar"}), kSyntax);
  EXPECT_EQ(h.run({"HSCAN", "h"}), error("ERR wrong number of arguments for 'hscan' command"));
  // A missing key answers the empty scan before looking at the options (as Redis).
  EXPECT_EQ(h.run({"HSCAN", "nokey", "0"}), array({bulk("0"), "*0\r\n"}));
  EXPECT_EQ(h.run({"HSCAN", "nokey", "0", "badopt"}), array({bulk("0"), "*0\r\n"}));
}

TEST(HashFamily, HscanHashtableFullCoverage) {
  Harness h;
  constexpr int kFields = 5000;
  fill(h, "h", kFields);
  EXPECT_EQ(encoding_of(h, "h"), bulk("hashtable"));
  std::map<std::string, std::string> seen;
  std::string cursor = "0";
  int calls = 0;
  do {
    std::vector<std::string> r = bulks_of(h.run({"HSCAN", "h", cursor, "COUNT", "20"}));
    ASSERT_FALSE(r.empty());
    ASSERT_EQ(r.size() % 2, 1u);
    cursor = r[0];
    // COUNT counts fields (not fields + values, as Redis 7.0): each step but the last
    // walks buckets until it has at least 20.
    if (cursor != "0") {
      EXPECT_GE(r.size() - 1, 2u * 20);
    }
    for (size_t i = 1; i + 1 < r.size(); i += 2) seen[r[i]] = r[i + 1];
    ++calls;
  } while (cursor != "0");
  ASSERT_EQ(seen.size(), static_cast<size_t>(kFields));
  for (int i = 0; i < kFields; ++i) {
    EXPECT_EQ(seen["f" + std::to_string(i)], "v" + std::to_string(i));
  }
  EXPECT_LE(calls, kFields / 20 + 1);
  EXPECT_GT(calls, kFields / 40);  // and stops soon after COUNT
}

TEST(HashFamily, HscanSurvivesResizeBetweenCalls) {
  Harness h;
  fill(h, "h", 2000);
  std::set<std::string> seen;
  std::string cursor = "0";
  bool grown = false;
  do {
    std::vector<std::string> r = bulks_of(h.run({"HSCAN", "h", cursor}));
    cursor = r[0];
    for (size_t i = 1; i < r.size(); i += 2) seen.insert(r[i]);
    if (!grown && seen.size() > 500) {
      std::vector<std::string> argv{"HSET", "h"};
      for (int i = 0; i < 6000; ++i) {
        argv.push_back("x" + std::to_string(i));
        argv.push_back("y");
      }
      h.run(argv);
      grown = true;
    }
  } while (cursor != "0");
  // Every field present for the whole scan was returned.
  for (int i = 0; i < 2000; ++i) EXPECT_EQ(seen.count("f" + std::to_string(i)), 1u) << i;
}

TEST(HashFamily, HscanMatchOnHashtable) {
  Harness h;
  fill(h, "h", 300);
  std::set<std::string> seen;
  std::string cursor = "0";
  do {
    std::vector<std::string> r =
        bulks_of(h.run({"HSCAN", "h", cursor, "MATCH", "f1?", "COUNT", "1000"}));
    cursor = r[0];
    for (size_t i = 1; i + 1 < r.size(); i += 2) {
      seen.insert(r[i]);
      EXPECT_EQ("v" + r[i].substr(1), r[i + 1]);
    }
  } while (cursor != "0");
  std::set<std::string> want;
  for (int i = 10; i < 20; ++i) want.insert("f" + std::to_string(i));
  EXPECT_EQ(seen, want);
}

// ---- HRANDFIELD ----------------------------------------------------------------------------

TEST(HashFamily, HrandfieldErrors) {
  Harness h;
  h.run({"HSET", "h", "a", "1"});
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "abc"}), kNotInt);
  EXPECT_EQ(h.run({"HRANDFIELD", "nokey", "abc"}), kNotInt);
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "-9223372036854775808"}),
            error("ERR value is out of range, value must between -9223372036854775807 and "
                  "9223372036854775807"));
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "-9223372036854775808", "WITHVALUES"}),
            error("ERR value is out of range, value must between -9223372036854775807 and "
                  "9223372036854775807"));
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "-9223372036854770000", "WITHVALUES"}),
            error("ERR value is out of range"));
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "4611686018427387904", "WITHVALUES"}),
            error("ERR value is out of range"));
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "-4611686018427387904", "WITHVALUES"}),
            error("ERR value is out of range"));
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "1", "WITHVALUE"}), kSyntax);
  EXPECT_EQ(h.run({"HRANDFIELD", "nokey", "1", "WITHVALUE"}), kSyntax);
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "1", "WITHVALUES", "x"}), kSyntax);
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "abc", "WITHVALUE"}), kNotInt);  // count first
  EXPECT_EQ(h.run({"HRANDFIELD"}), error("ERR wrong number of arguments for 'hrandfield' command"));
}

TEST(HashFamily, HrandfieldBasics) {
  Harness h;
  EXPECT_EQ(h.run({"HRANDFIELD", "nokey"}), nil());
  EXPECT_EQ(h.run({"HRANDFIELD", "nokey", "5"}), "*0\r\n");
  EXPECT_EQ(h.run({"HRANDFIELD", "nokey", "-5", "WITHVALUES"}), "*0\r\n");
  h.run({"HSET", "h", "a", "1", "b", "2", "c", "3"});
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "0"}), "*0\r\n");
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "0", "withvalues"}), "*0\r\n");
  // count >= size: the whole hash, in its order.
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "3"}), bulks({"a", "b", "c"}));
  EXPECT_EQ(h.run({"HRANDFIELD", "h", "100", "WITHVALUES"}), bulks({"a", "1", "b", "2", "c", "3"}));
  std::set<std::string> singles;
  for (int i = 0; i < 200; ++i) {
    std::vector<std::string> one = bulks_of(h.run({"HRANDFIELD", "h"}));
    ASSERT_EQ(one.size(), 1u);
    singles.insert(one[0]);
  }
  EXPECT_EQ(singles, (std::set<std::string>{"a", "b", "c"}));
}

// Checks HRANDFIELD key <count> [WITHVALUES] replies on a hash built by fill():
// length, distinctness for positive counts, values paired with their fields.
void check_random(Harness& h, int size, int64_t count, bool withvalues) {
  SCOPED_TRACE("count " + std::to_string(count));
  std::vector<std::string> argv{"HRANDFIELD", "h", std::to_string(count)};
  if (withvalues) argv.push_back("WITHVALUES");
  const std::string reply = h.run(argv);
  std::vector<std::string> r = bulks_of(reply);
  const size_t want = count >= 0 ? std::min<size_t>(count, size) : static_cast<size_t>(-count);
  const size_t per = withvalues ? 2 : 1;
  ASSERT_EQ(reply.substr(0, reply.find("\r\n")), "*" + std::to_string(want * per));
  ASSERT_EQ(r.size(), want * per);
  std::set<std::string> distinct;
  for (size_t i = 0; i < r.size(); i += per) {
    const std::string& f = r[i];
    ASSERT_EQ(f[0], 'f');
    const int n = std::stoi(f.substr(1));
    ASSERT_TRUE(n >= 0 && n < size);
    if (withvalues) {
      ASSERT_EQ(r[i + 1], "v" + f.substr(1));
    }
    distinct.insert(f);
  }
  if (count > 0) {
    EXPECT_EQ(distinct.size(), want);
  }
}

TEST(HashFamily, HrandfieldCountCases) {
  for (int size : {10, 100, 1000}) {  // listpack, then hashtable
    SCOPED_TRACE("size " + std::to_string(size));
    Harness h;
    fill(h, "h", size);
    EXPECT_EQ(encoding_of(h, "h"), bulk(size <= 128 ? "listpack" : "hashtable"));
    for (bool wv : {false, true}) {
      check_random(h, size, 1, wv);  // CASE 1 (single)
      check_random(h, size, -1, wv);
      check_random(h, size, -3 * size, wv);  // CASE 1 (repeats)
      check_random(h, size, size, wv);       // CASE 2
      check_random(h, size, size + 5, wv);
      check_random(h, size, size - 1, wv);  // CASE 3 (hashtable)
      check_random(h, size, size / 2, wv);
      check_random(h, size, size / 5, wv);  // CASE 4 (hashtable)
      check_random(h, size, 2, wv);
    }
  }
}

// Every field turns up with about the same frequency, for both encodings and for the
// picks with repeats and the distinct samples.
TEST(HashFamily, HrandfieldDistribution) {
  for (int size : {50, 500}) {
    SCOPED_TRACE("size " + std::to_string(size));
    Harness h;
    fill(h, "h", size);
    std::map<std::string, int> hits;
    constexpr int kRounds = 400;
    for (int round = 0; round < kRounds; ++round) {
      for (const std::string& f : bulks_of(h.run({"HRANDFIELD", "h", std::to_string(-size)}))) {
        ++hits[f];
      }
    }
    ASSERT_EQ(hits.size(), static_cast<size_t>(size));
    for (const auto& [f, n] : hits) {
      EXPECT_GT(n, kRounds * 0.6) << f;  // expected kRounds each
      EXPECT_LT(n, kRounds * 1.4) << f;
    }
    hits.clear();
    for (int round = 0; round < kRounds; ++round) {
      // A quarter of the hash (CASE 2.5 for a listpack, CASE 4 for a hashtable).
      for (const std::string& f : bulks_of(h.run({"HRANDFIELD", "h", std::to_string(size / 4)}))) {
        ++hits[f];
      }
    }
    ASSERT_EQ(hits.size(), static_cast<size_t>(size));
    for (const auto& [f, n] : hits) {
      EXPECT_GT(n, kRounds / 4 * 0.5) << f;  // expected kRounds / 4 each
      EXPECT_LT(n, kRounds / 4 * 1.5) << f;
    }
  }
}

// ---- Bookkeeping -----------------------------------------------------------------------------

TEST(HashFamily, DirtyCounts) {
  Harness h;
  uint64_t& dirty = h.keyspace.dirty();
  const uint64_t d0 = dirty;
  h.run({"HSET", "h", "a", "1", "b", "2"});
  EXPECT_EQ(dirty - d0, 2u);
  h.run({"HSETNX", "h", "a", "1"});
  EXPECT_EQ(dirty - d0, 2u);
  h.run({"HDEL", "h", "a", "b", "c"});
  EXPECT_EQ(dirty - d0, 4u);
  h.run({"HDEL", "h", "a"});
  h.run({"HINCRBY", "h", "n", "x"});
  EXPECT_EQ(dirty - d0, 4u);
  h.run({"HINCRBY", "h", "n", "1"});
  h.run({"HINCRBYFLOAT", "h", "n", "1"});
  EXPECT_EQ(dirty - d0, 6u);
}

TEST(HashFamily, CommandInfo) {
  Harness h;
  // Name, arity, flags, key positions and ACL categories as redis-server 7.0.15 sends them.
  const std::pair<const char*, std::string> cases[] = {
      {"hset",
       "*1\r\n*10\r\n$4\r\nhset\r\n:-4\r\n*3\r\n+write\r\n+denyoom\r\n+fast\r\n:1\r\n:1\r\n:"
       "1\r\n*3\r\n+@write\r\n+@hash\r\n+@fast\r\n"},
      {"hrandfield",
       "*1\r\n*10\r\n$10\r\nhrandfield\r\n:-2\r\n*1\r\n+readonly\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@"
       "read\r\n+@hash\r\n+@slow\r\n"},
  };
  for (const auto& [name, prefix] : cases) {
    EXPECT_EQ(h.run({"COMMAND", "INFO", name}).substr(0, prefix.size()), prefix) << name;
  }
}

}  // namespace
}  // namespace ironkv::test
