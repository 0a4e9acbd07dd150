// Sorted-set commands through the real dispatcher. Golden step lists were recorded
// from redis-server 7.0.15 (the spec) and run in both encodings: default limits
// (listpack) and zset-max-listpack-entries 0 (every zset a skiplist), which must
// give the same bytes.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/util/numbers.h"
#include "harness.h"

namespace ironkv::test {
namespace {

using namespace std::string_literals;

struct Step {
  std::vector<std::string> argv;
  std::string reply;
};

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& a : v) s += (s.empty() ? "" : " ") + a;
  return s;
}

enum class Enc { kListpack, kSkiplist };

std::string enc_name(Enc e) { return e == Enc::kListpack ? "listpack" : "skiplist"; }

// Starts every sorted set in the given encoding.
void use_encoding(Harness& h, Enc e) {
  if (e == Enc::kSkiplist) {
    ASSERT_EQ(h.run({"CONFIG", "SET", "zset-max-listpack-entries", "0"}), ok());
  }
}

void run_steps(const std::vector<Step>& steps, Enc e, int resp = 2) {
  Harness h;
  use_encoding(h, e);
  h.client.resp = resp;
  for (const Step& s : steps) {
    EXPECT_EQ(h.run(s.argv), s.reply) << join(s.argv) << " [" << enc_name(e) << "]";
  }
}

class ZSetGolden : public ::testing::TestWithParam<Enc> {};

INSTANTIATE_TEST_SUITE_P(Encodings, ZSetGolden, ::testing::Values(Enc::kListpack, Enc::kSkiplist),
                         [](const auto& info) { return enc_name(info.param); });

TEST_P(ZSetGolden, ZaddScoresRankRem) {
  // clang-format off
  const std::vector<Step> steps = {
      // ZADD basics and reply counts
      {{"zadd"s, "z"s, "1"s, "a"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "2"s, "b"s, "3"s, "c"s, "1"s, "a"s}, ":2\r\n"s},
      {{"zadd"s, "z"s, "5"s, "a"s}, ":0\r\n"s},
      {{"zadd"s, "z"s, "ch"s, "5"s, "a"s, "6"s, "b"s, "7"s, "d"s}, ":2\r\n"s},
      {{"zcard"s, "z"s}, ":4\r\n"s},
      {{"zadd"s, "z"s, "NX"s, "100"s, "a"s, "8"s, "e"s}, ":1\r\n"s},
      {{"zscore"s, "z"s, "a"s}, "$1\r\n5\r\n"s},
      {{"zscore"s, "z"s, "e"s}, "$1\r\n8\r\n"s},
      {{"zadd"s, "z"s, "XX"s, "100"s, "a"s, "9"s, "f"s}, ":0\r\n"s},
      {{"zscore"s, "z"s, "a"s}, "$3\r\n100\r\n"s},
      {{"zscore"s, "z"s, "f"s}, "$-1\r\n"s},
      {{"zadd"s, "z"s, "xx"s, "ch"s, "100"s, "a"s, "50"s, "b"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "GT"s, "90"s, "a"s, "60"s, "b"s}, ":0\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "withscores"s}, "*10\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n7\r\n$1\r\ne\r\n$1\r\n8\r\n$1\r\nb\r\n$2\r\n60\r\n$1\r\na\r\n$3\r\n100\r\n"s},
      {{"zadd"s, "z"s, "LT"s, "ch"s, "95"s, "a"s, "40"s, "b"s, "1"s, "newlt"s}, ":3\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "withscores"s}, "*12\r\n$5\r\nnewlt\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n7\r\n$1\r\ne\r\n$1\r\n8\r\n$1\r\nb\r\n$2\r\n40\r\n$1\r\na\r\n$2\r\n95\r\n"s},
      {{"zadd"s, "z"s, "GT"s, "XX"s, "ch"s, "1000"s, "a"s, "10"s, "b"s, "3"s, "neverhere"s}, ":1\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "withscores"s}, "*12\r\n$5\r\nnewlt\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n7\r\n$1\r\ne\r\n$1\r\n8\r\n$1\r\nb\r\n$2\r\n40\r\n$1\r\na\r\n$4\r\n1000\r\n"s},
      {{"zadd"s, "z"s, "ch"s, "gt"s, "1000"s, "a"s}, ":0\r\n"s},
      // INCR
      {{"zadd"s, "z"s, "incr"s, "5"s, "a"s}, "$4\r\n1005\r\n"s},
      {{"zadd"s, "z"s, "incr"s, "5"s, "brandnew"s}, "$1\r\n5\r\n"s},
      {{"zadd"s, "z"s, "xx"s, "incr"s, "5"s, "nothere"s}, "$-1\r\n"s},
      {{"zadd"s, "z"s, "nx"s, "incr"s, "5"s, "a"s}, "$-1\r\n"s},
      {{"zadd"s, "z"s, "gt"s, "incr"s, "-1"s, "a"s}, "$-1\r\n"s},
      {{"zadd"s, "z"s, "lt"s, "incr"s, "-1"s, "a"s}, "$4\r\n1004\r\n"s},
      {{"zadd"s, "z"s, "lt"s, "incr"s, "1"s, "a"s}, "$-1\r\n"s},
      {{"zadd"s, "z"s, "incr"s, "0"s, "a"s}, "$4\r\n1004\r\n"s},
      {{"zadd"s, "z"s, "CH"s, "INCR"s, "1"s, "a"s}, "$4\r\n1005\r\n"s},
      {{"zincrby"s, "z"s, "2.5"s, "a"s}, "$6\r\n1007.5\r\n"s},
      {{"zincrby"s, "z"s, "-1002"s, "a"s}, "$3\r\n5.5\r\n"s},
      {{"zincrby"s, "z"s, "1"s, "fresh"s}, "$1\r\n1\r\n"s},
      {{"zincrby"s, "z"s, "0.1"s, "tenth"s}, "$19\r\n0.10000000000000001\r\n"s},
      {{"zincrby"s, "z"s, "0.2"s, "tenth"s}, "$19\r\n0.30000000000000004\r\n"s},
      {{"zincrby"s, "z"s, "nx"s, "tenth"s}, "-ERR syntax error\r\n"s},
      {{"zincrby"s, "z"s, "abc"s, "tenth"s}, "-ERR value is not a valid float\r\n"s},
      {{"zincrby"s, "z"s, ""s, "tenth"s}, "-ERR value is not a valid float\r\n"s},
      // errors
      {{"zadd"s, "z"s, "nx"s, "xx"s, "1"s, "a"s}, "-ERR XX and NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "z"s, "xx"s, "nx"s, "1"s, "a"s}, "-ERR XX and NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "z"s, "gt"s, "lt"s, "1"s, "a"s}, "-ERR GT, LT, and/or NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "z"s, "gt"s, "nx"s, "1"s, "a"s}, "-ERR GT, LT, and/or NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "z"s, "lt"s, "nx"s, "1"s, "a"s}, "-ERR GT, LT, and/or NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "z"s, "nx"s, "gt"s, "lt"s, "1"s, "a"s}, "-ERR GT, LT, and/or NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "z"s, "nx"s, "xx"s, "gt"s, "1"s, "a"s}, "-ERR XX and NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "z"s, "incr"s, "1"s, "a"s, "2"s, "b"s}, "-ERR INCR option supports a single increment-element pair\r\n"s},
      {{"zadd"s, "z"s, "1"s, "a"s, "2"s}, "-ERR syntax error\r\n"s},
      {{"zadd"s, "z"s, "nx"s}, "-ERR wrong number of arguments for 'zadd' command\r\n"s},
      {{"zadd"s, "z"s, "nx"s, "xx"s}, "-ERR syntax error\r\n"s},
      {{"zadd"s, "z"s, "1"s}, "-ERR wrong number of arguments for 'zadd' command\r\n"s},
      {{"zadd"s, "z"s, "ch"s}, "-ERR wrong number of arguments for 'zadd' command\r\n"s},
      {{"zadd"s, "z"s, "abc"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "nan"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "-nan"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "1"s, "a"s, "x"s, "b"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, " 1"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "1 "s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, ""s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "1e400"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "-1e400"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "1e-400"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "1\x00"""s, "a"s}, "-ERR value is not a valid float\r\n"s},
      {{"zadd"s, "z"s, "0x10"s, "hex"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "1e3"s, "sci"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "+5"s, "plus"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, ".5"s, "dot"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "5."s, "dot2"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "inf"s, "pinf"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "+inf"s, "pinf2"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "-inf"s, "ninf"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "Infinity"s, "pinf3"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "-INF"s, "ninf2"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "1.5"s, "x"s, "0.1"s, "y"s, "1e20"s, "big"s, "1e-5"s, "small"s, "-3.25"s, "neg"s, "123456789012345678"s, "huge"s, "9007199254740993"s, "p53"s}, ":7\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "withscores"s}, "*52\r\n$4\r\nninf\r\n$4\r\n-inf\r\n$5\r\nninf2\r\n$4\r\n-inf\r\n$3\r\nneg\r\n$5\r\n-3.25\r\n$5\r\nsmall\r\n$22\r\n1.0000000000000001e-05\r\n$1\r\ny\r\n$19\r\n0.10000000000000001\r\n$5\r\ntenth\r\n$19\r\n0.30000000000000004\r\n$3\r\ndot\r\n$3\r\n0.5\r\n$5\r\nfresh\r\n$1\r\n1\r\n$5\r\nnewlt\r\n$1\r\n1\r\n$1\r\nx\r\n$3\r\n1.5\r\n$1\r\nc\r\n$1\r\n3\r\n$8\r\nbrandnew\r\n$1\r\n5\r\n$4\r\ndot2\r\n$1\r\n5\r\n$4\r\nplus\r\n$1\r\n5\r\n$1\r\na\r\n$3\r\n5.5\r\n$1\r\nd\r\n$1\r\n7\r\n$1\r\ne\r\n$1\r\n8\r\n$3\r\nhex\r\n$2\r\n16\r\n$1\r\nb\r\n$2\r\n40\r\n$3\r\nsci\r\n$4\r\n1000\r\n$3\r\np53\r\n$16\r\n9007199254740992\r\n$4\r\nhuge\r\n$22\r\n1.2345678901234568e+17\r\n$3\r\nbig\r\n$5\r\n1e+20\r\n$4\r\npinf\r\n$3\r\ninf\r\n$5\r\npinf2\r\n$3\r\ninf\r\n$5\r\npinf3\r\n$3\r\ninf\r\n"s},
      {{"zscore"s, "z"s, "hex"s}, "$2\r\n16\r\n"s},
      {{"zscore"s, "z"s, "y"s}, "$19\r\n0.10000000000000001\r\n"s},
      {{"zscore"s, "z"s, "big"s}, "$5\r\n1e+20\r\n"s},
      {{"zscore"s, "z"s, "small"s}, "$22\r\n1.0000000000000001e-05\r\n"s},
      {{"zscore"s, "z"s, "nope"s}, "$-1\r\n"s},
      {{"zscore"s, "nokey"s, "a"s}, "$-1\r\n"s},
      {{"zmscore"s, "z"s, "a"s, "nope"s, "y"s, "pinf"s, "ninf"s}, "*5\r\n$3\r\n5.5\r\n$-1\r\n$19\r\n0.10000000000000001\r\n$3\r\ninf\r\n$4\r\n-inf\r\n"s},
      {{"zmscore"s, "nokey"s, "a"s, "b"s}, "*2\r\n$-1\r\n$-1\r\n"s},
      {{"zcard"s, "nokey"s}, ":0\r\n"s},
      // NaN from INCR
      {{"zadd"s, "inf"s, "inf"s, "a"s}, ":1\r\n"s},
      {{"zadd"s, "inf"s, "incr"s, "-inf"s, "a"s}, "-ERR resulting score is not a number (NaN)\r\n"s},
      {{"zincrby"s, "inf"s, "-inf"s, "a"s}, "-ERR resulting score is not a number (NaN)\r\n"s},
      {{"zscore"s, "inf"s, "a"s}, "$3\r\ninf\r\n"s},
      {{"zincrby"s, "inf"s, "+inf"s, "a"s}, "$3\r\ninf\r\n"s},
      {{"zincrby"s, "inf"s, "-inf2"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      // wrong type
      {{"set"s, "str"s, "x"s}, "+OK\r\n"s},
      {{"zadd"s, "str"s, "1"s, "a"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zincrby"s, "str"s, "1"s, "a"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zscore"s, "str"s, "a"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zmscore"s, "str"s, "a"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zcard"s, "str"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zrem"s, "str"s, "a"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zrank"s, "str"s, "a"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zadd"s, "str"s, "nx"s, "xx"s, "1"s, "a"s}, "-ERR XX and NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "str"s, "abc"s, "a"s}, "-ERR value is not a valid float\r\n"s},
      // NX/XX on missing key
      {{"zadd"s, "missing"s, "xx"s, "1"s, "a"s}, ":0\r\n"s},
      {{"zadd"s, "missing"s, "xx"s, "incr"s, "1"s, "a"s}, "$-1\r\n"s},
      {{"exists"s, "missing"s}, ":0\r\n"s},
      {{"zadd"s, "missing"s, "nx"s, "gt"s, "1"s, "a"s}, "-ERR GT, LT, and/or NX options at the same time are not compatible\r\n"s},
      {{"zadd"s, "missing"s, "gt"s, "1"s, "b"s, "lt"s}, "-ERR syntax error\r\n"s},
      {{"zadd"s, "missing2"s, "gt"s, "1"s, "b"s}, ":1\r\n"s},
      {{"zadd"s, "missing2"s, "lt"s, "5"s, "b"s}, ":0\r\n"s},
      {{"zadd"s, "missing2"s, "lt"s, "0"s, "b"s}, ":0\r\n"s},
      {{"zscore"s, "missing2"s, "b"s}, "$1\r\n0\r\n"s},
      // ZREM and ZRANK
      {{"zadd"s, "r"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s, "4"s, "d"s}, ":4\r\n"s},
      {{"zrank"s, "r"s, "a"s}, ":0\r\n"s},
      {{"zrank"s, "r"s, "d"s}, ":3\r\n"s},
      {{"zrevrank"s, "r"s, "a"s}, ":3\r\n"s},
      {{"zrevrank"s, "r"s, "d"s}, ":0\r\n"s},
      {{"zrank"s, "r"s, "nope"s}, "$-1\r\n"s},
      {{"zrevrank"s, "r"s, "nope"s}, "$-1\r\n"s},
      {{"zrank"s, "nokey"s, "a"s}, "$-1\r\n"s},
      {{"zrem"s, "r"s, "a"s, "nope"s, "b"s, "a"s}, ":2\r\n"s},
      {{"zrem"s, "r"s, "nope"s}, ":0\r\n"s},
      {{"zrem"s, "nokey"s, "a"s}, ":0\r\n"s},
      {{"zrem"s, "r"s, "c"s, "d"s, "e"s}, ":2\r\n"s},
      {{"exists"s, "r"s}, ":0\r\n"s},
      {{"zcard"s, "r"s}, ":0\r\n"s},
  };
  // clang-format on
  run_steps(steps, GetParam());
}

TEST_P(ZSetGolden, Ranges) {
  // clang-format off
  const std::vector<Step> steps = {
      {{"zadd"s, "z"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s, "4"s, "d"s, "5"s, "e"s, "5"s, "f"s, "5"s, "g"s, "6.5"s, "h"s, "-1"s, "neg"s, "10"s, "j"s}, ":10\r\n"s},
      // ZRANGE by rank
      {{"zrange"s, "z"s, "0"s, "-1"s}, "*10\r\n$3\r\nneg\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "withscores"s}, "*20\r\n$3\r\nneg\r\n$2\r\n-1\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ng\r\n$1\r\n5\r\n$1\r\nh\r\n$3\r\n6.5\r\n$1\r\nj\r\n$2\r\n10\r\n"s},
      {{"zrange"s, "z"s, "2"s, "4"s, "WITHSCORES"s}, "*6\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"zrange"s, "z"s, "-3"s, "-1"s}, "*3\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "-100"s, "2"s}, "*3\r\n$3\r\nneg\r\n$1\r\na\r\n$1\r\nb\r\n"s},
      {{"zrange"s, "z"s, "5"s, "100"s}, "*5\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "8"s, "100"s}, "*2\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "20"s, "30"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "3"s, "2"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "-1"s, "-3"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "0"s, "0"s}, "*1\r\n$3\r\nneg\r\n"s},
      {{"zrange"s, "z"s, "-1"s, "-1"s}, "*1\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "rev"s}, "*10\r\n$1\r\nj\r\n$1\r\nh\r\n$1\r\ng\r\n$1\r\nf\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n$3\r\nneg\r\n"s},
      {{"zrange"s, "z"s, "0"s, "2"s, "rev"s, "withscores"s}, "*6\r\n$1\r\nj\r\n$2\r\n10\r\n$1\r\nh\r\n$3\r\n6.5\r\n$1\r\ng\r\n$1\r\n5\r\n"s},
      {{"zrange"s, "z"s, "-2"s, "-1"s, "rev"s}, "*2\r\n$1\r\na\r\n$3\r\nneg\r\n"s},
      {{"zrevrange"s, "z"s, "0"s, "2"s}, "*3\r\n$1\r\nj\r\n$1\r\nh\r\n$1\r\ng\r\n"s},
      {{"zrevrange"s, "z"s, "0"s, "-1"s, "withscores"s}, "*20\r\n$1\r\nj\r\n$2\r\n10\r\n$1\r\nh\r\n$3\r\n6.5\r\n$1\r\ng\r\n$1\r\n5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ne\r\n$1\r\n5\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n$3\r\nneg\r\n$2\r\n-1\r\n"s},
      {{"zrevrange"s, "z"s, "1"s, "1"s, "withscores"s}, "*2\r\n$1\r\nh\r\n$3\r\n6.5\r\n"s},
      {{"zrevrange"s, "z"s, "5"s, "3"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "limit"s, "0"s, "-1"s}, "*10\r\n$3\r\nneg\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "limit"s, "5"s, "-1"s}, "*10\r\n$3\r\nneg\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "limit"s, "0"s, "1"s}, "-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n"s},
      {{"zrange"s, "z"s, "x"s, "1"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zrange"s, "z"s, "0"s, "1.5"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "foo"s}, "-ERR syntax error\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "withscores"s, "withscores"s}, "*20\r\n$3\r\nneg\r\n$2\r\n-1\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ng\r\n$1\r\n5\r\n$1\r\nh\r\n$3\r\n6.5\r\n$1\r\nj\r\n$2\r\n10\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "rev"s, "rev"s}, "-ERR syntax error\r\n"s},
      {{"zrevrange"s, "z"s, "0"s, "-1"s, "rev"s}, "-ERR syntax error\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "limit"s, "1"s}, "-ERR syntax error\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "limit"s, "1"s, "2"s, "3"s}, "-ERR syntax error\r\n"s},
      {{"zrange"s, "nokey"s, "0"s, "-1"s}, "*0\r\n"s},
      {{"zrange"s, "nokey"s, "0"s, "-1"s, "byscore"s}, "*0\r\n"s},
      {{"zrange"s, "nokey"s, "x"s, "y"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zrange"s, "nokey"s, "0"s, "-1"s, "bylex"s}, "-ERR min or max not valid string range item\r\n"s},
      // BYSCORE
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s}, "*10\r\n$3\r\nneg\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "withscores"s}, "*20\r\n$3\r\nneg\r\n$2\r\n-1\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ng\r\n$1\r\n5\r\n$1\r\nh\r\n$3\r\n6.5\r\n$1\r\nj\r\n$2\r\n10\r\n"s},
      {{"zrange"s, "z"s, "2"s, "5"s, "byscore"s}, "*6\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n"s},
      {{"zrange"s, "z"s, "(2"s, "5"s, "byscore"s}, "*5\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n"s},
      {{"zrange"s, "z"s, "2"s, "(5"s, "byscore"s}, "*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"s},
      {{"zrange"s, "z"s, "(2"s, "(5"s, "byscore"s}, "*2\r\n$1\r\nc\r\n$1\r\nd\r\n"s},
      {{"zrange"s, "z"s, "(5"s, "(5"s, "byscore"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "5"s, "5"s, "byscore"s}, "*3\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n"s},
      {{"zrange"s, "z"s, "5"s, "4"s, "byscore"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "(1"s, "inf"s, "byscore"s}, "*8\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "(1"s, "byscore"s}, "*1\r\n$3\r\nneg\r\n"s},
      {{"zrange"s, "z"s, "-INF"s, "+INF"s, "byscore"s}, "*10\r\n$3\r\nneg\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "("s, "3"s, "byscore"s}, "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "z"s, ""s, "3"s, "byscore"s}, "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "z"s, " 2"s, "3"s, "byscore"s}, "*2\r\n$1\r\nb\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "z"s, "2"s, "3 "s, "byscore"s}, "-ERR min or max is not a float\r\n"s},
      {{"zrange"s, "z"s, "x"s, "3"s, "byscore"s}, "-ERR min or max is not a float\r\n"s},
      {{"zrange"s, "z"s, "1"s, "nan"s, "byscore"s}, "-ERR min or max is not a float\r\n"s},
      {{"zrange"s, "z"s, "1"s, "((2"s, "byscore"s}, "-ERR min or max is not a float\r\n"s},
      {{"zrange"s, "z"s, "0x1"s, "0x3"s, "byscore"s}, "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "z"s, "1e0"s, "3e0"s, "byscore"s}, "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "z"s, "5"s, "2"s, "byscore"s, "rev"s}, "*6\r\n$1\r\ng\r\n$1\r\nf\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n"s},
      {{"zrange"s, "z"s, "+inf"s, "-inf"s, "byscore"s, "rev"s, "withscores"s}, "*20\r\n$1\r\nj\r\n$2\r\n10\r\n$1\r\nh\r\n$3\r\n6.5\r\n$1\r\ng\r\n$1\r\n5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ne\r\n$1\r\n5\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n$3\r\nneg\r\n$2\r\n-1\r\n"s},
      {{"zrange"s, "z"s, "(5"s, "(2"s, "byscore"s, "rev"s}, "*2\r\n$1\r\nd\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "z"s, "5"s, "2"s, "byscore"s, "rev"s, "limit"s, "1"s, "2"s}, "*2\r\n$1\r\nf\r\n$1\r\ne\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "2"s, "3"s}, "*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "2"s, "3"s, "withscores"s}, "*6\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "2"s, "-1"s}, "*8\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n$1\r\nh\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "2"s, "0"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "-1"s, "2"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "10"s, "2"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "9"s, "5"s}, "*1\r\n$1\r\nj\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "100"s, "5"s}, "*0\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "x"s, "5"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "1"s, "y"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "bylex"s}, "-ERR syntax error\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "bylex"s, "byscore"s}, "-ERR syntax error\r\n"s},
      {{"zrange"s, "z"s, "-inf"s, "+inf"s, "byscore"s, "byscore"s}, "-ERR syntax error\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s}, "*6\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n$1\r\ng\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s, "withscores"s}, "*12\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n$1\r\nf\r\n$1\r\n5\r\n$1\r\ng\r\n$1\r\n5\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s, "limit"s, "1"s, "2"s}, "*2\r\n$1\r\nc\r\n$1\r\nd\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s, "withscores"s, "limit"s, "1"s, "2"s}, "*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s, "limit"s, "1"s, "2"s, "withscores"s}, "*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s, "rev"s}, "-ERR syntax error\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s, "byscore"s}, "-ERR syntax error\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s, "bylex"s}, "-ERR syntax error\r\n"s},
      {{"zrangebyscore"s, "z"s, "2"s, "5"s, "limit"s}, "-ERR syntax error\r\n"s},
      {{"zrangebyscore"s, "z"s, "x"s, "5"s}, "-ERR min or max is not a float\r\n"s},
      {{"zrevrangebyscore"s, "z"s, "5"s, "2"s}, "*6\r\n$1\r\ng\r\n$1\r\nf\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n"s},
      {{"zrevrangebyscore"s, "z"s, "2"s, "5"s}, "*0\r\n"s},
      {{"zrevrangebyscore"s, "z"s, "(5"s, "2"s, "withscores"s}, "*6\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n"s},
      {{"zrevrangebyscore"s, "z"s, "+inf"s, "-inf"s, "limit"s, "0"s, "3"s}, "*3\r\n$1\r\nj\r\n$1\r\nh\r\n$1\r\ng\r\n"s},
      {{"zrevrangebyscore"s, "z"s, "5"s, "2"s, "rev"s}, "-ERR syntax error\r\n"s},
      {{"zrevrangebyscore"s, "nokey"s, "5"s, "2"s}, "*0\r\n"s},
      {{"zcount"s, "z"s, "-inf"s, "+inf"s}, ":10\r\n"s},
      {{"zcount"s, "z"s, "2"s, "5"s}, ":6\r\n"s},
      {{"zcount"s, "z"s, "(2"s, "(5"s}, ":2\r\n"s},
      {{"zcount"s, "z"s, "5"s, "2"s}, ":0\r\n"s},
      {{"zcount"s, "z"s, "(5"s, "5"s}, ":0\r\n"s},
      {{"zcount"s, "z"s, "x"s, "1"s}, "-ERR min or max is not a float\r\n"s},
      {{"zcount"s, "z"s, "1"s, "x"s}, "-ERR min or max is not a float\r\n"s},
      {{"zcount"s, "nokey"s, "1"s, "2"s}, ":0\r\n"s},
      // BYLEX
      {{"del"s, "l"s}, ":0\r\n"s},
      {{"zadd"s, "l"s, "0"s, "a"s, "0"s, "b"s, "0"s, "c"s, "0"s, "d"s, "0"s, "e"s, "0"s, "ff"s, "0"s, "g"s, "0"s, ""s, "0"s, "a b"s, "0"s, "B"s}, ":10\r\n"s},
      {{"zrange"s, "l"s, "-"s, "+"s, "bylex"s}, "*10\r\n$0\r\n\r\n$1\r\nB\r\n$1\r\na\r\n$3\r\na b\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$2\r\nff\r\n$1\r\ng\r\n"s},
      {{"zrange"s, "l"s, "[b"s, "[d"s, "bylex"s}, "*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"s},
      {{"zrange"s, "l"s, "(b"s, "(d"s, "bylex"s}, "*1\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "l"s, "(b"s, "[d"s, "bylex"s}, "*2\r\n$1\r\nc\r\n$1\r\nd\r\n"s},
      {{"zrange"s, "l"s, "[b"s, "(d"s, "bylex"s}, "*2\r\n$1\r\nb\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "l"s, "-"s, "(c"s, "bylex"s}, "*5\r\n$0\r\n\r\n$1\r\nB\r\n$1\r\na\r\n$3\r\na b\r\n$1\r\nb\r\n"s},
      {{"zrange"s, "l"s, "[e"s, "+"s, "bylex"s}, "*3\r\n$1\r\ne\r\n$2\r\nff\r\n$1\r\ng\r\n"s},
      {{"zrange"s, "l"s, "+"s, "-"s, "bylex"s}, "*0\r\n"s},
      {{"zrange"s, "l"s, "-"s, "-"s, "bylex"s}, "*0\r\n"s},
      {{"zrange"s, "l"s, "+"s, "+"s, "bylex"s}, "*0\r\n"s},
      {{"zrange"s, "l"s, "[d"s, "[b"s, "bylex"s}, "*0\r\n"s},
      {{"zrange"s, "l"s, "[c"s, "[c"s, "bylex"s}, "*1\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "l"s, "(c"s, "[c"s, "bylex"s}, "*0\r\n"s},
      {{"zrange"s, "l"s, "["s, "[c"s, "bylex"s}, "*6\r\n$0\r\n\r\n$1\r\nB\r\n$1\r\na\r\n$3\r\na b\r\n$1\r\nb\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "l"s, "("s, "[c"s, "bylex"s}, "*5\r\n$1\r\nB\r\n$1\r\na\r\n$3\r\na b\r\n$1\r\nb\r\n$1\r\nc\r\n"s},
      {{"zrange"s, "l"s, "[f"s, "[g"s, "bylex"s}, "*2\r\n$2\r\nff\r\n$1\r\ng\r\n"s},
      {{"zrange"s, "l"s, "+"s, "-"s, "bylex"s, "rev"s}, "*10\r\n$1\r\ng\r\n$2\r\nff\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\na b\r\n$1\r\na\r\n$1\r\nB\r\n$0\r\n\r\n"s},
      {{"zrange"s, "l"s, "[d"s, "[b"s, "bylex"s, "rev"s}, "*3\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n"s},
      {{"zrange"s, "l"s, "(d"s, "-"s, "bylex"s, "rev"s}, "*6\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\na b\r\n$1\r\na\r\n$1\r\nB\r\n$0\r\n\r\n"s},
      {{"zrange"s, "l"s, "-"s, "+"s, "bylex"s, "limit"s, "2"s, "3"s}, "*3\r\n$1\r\na\r\n$3\r\na b\r\n$1\r\nb\r\n"s},
      {{"zrange"s, "l"s, "+"s, "-"s, "bylex"s, "rev"s, "limit"s, "1"s, "2"s}, "*2\r\n$2\r\nff\r\n$1\r\ne\r\n"s},
      {{"zrange"s, "l"s, "-"s, "+"s, "bylex"s, "limit"s, "-1"s, "3"s}, "*0\r\n"s},
      {{"zrange"s, "l"s, "-"s, "+"s, "bylex"s, "limit"s, "0"s, "0"s}, "*0\r\n"s},
      {{"zrange"s, "l"s, "-"s, "+"s, "bylex"s, "withscores"s}, "-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n"s},
      {{"zrange"s, "l"s, "a"s, "b"s, "bylex"s}, "-ERR min or max not valid string range item\r\n"s},
      {{"zrange"s, "l"s, "[a"s, "b"s, "bylex"s}, "-ERR min or max not valid string range item\r\n"s},
      {{"zrange"s, "l"s, "-"s, "+a"s, "bylex"s}, "-ERR min or max not valid string range item\r\n"s},
      {{"zrange"s, "l"s, ""s, "+"s, "bylex"s}, "-ERR min or max not valid string range item\r\n"s},
      {{"zrange"s, "l"s, "-\x00"""s, "+"s, "bylex"s}, "*10\r\n$0\r\n\r\n$1\r\nB\r\n$1\r\na\r\n$3\r\na b\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$2\r\nff\r\n$1\r\ng\r\n"s},
      {{"zrange"s, "l"s, "[a\x00"""s, "+"s, "bylex"s}, "*7\r\n$3\r\na b\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$2\r\nff\r\n$1\r\ng\r\n"s},
      {{"zrangebylex"s, "l"s, "-"s, "+"s}, "*10\r\n$0\r\n\r\n$1\r\nB\r\n$1\r\na\r\n$3\r\na b\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$2\r\nff\r\n$1\r\ng\r\n"s},
      {{"zrangebylex"s, "l"s, "[b"s, "[d"s, "limit"s, "1"s, "5"s}, "*2\r\n$1\r\nc\r\n$1\r\nd\r\n"s},
      {{"zrangebylex"s, "l"s, "-"s, "+"s, "withscores"s}, "-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n"s},
      {{"zrangebylex"s, "l"s, "-"s, "+"s, "rev"s}, "-ERR syntax error\r\n"s},
      {{"zrangebylex"s, "l"s, "foo"s, "+"s}, "-ERR min or max not valid string range item\r\n"s},
      {{"zrevrangebylex"s, "l"s, "+"s, "-"s}, "*10\r\n$1\r\ng\r\n$2\r\nff\r\n$1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\na b\r\n$1\r\na\r\n$1\r\nB\r\n$0\r\n\r\n"s},
      {{"zrevrangebylex"s, "l"s, "[d"s, "[b"s}, "*3\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n"s},
      {{"zrevrangebylex"s, "l"s, "-"s, "+"s}, "*0\r\n"s},
      {{"zrevrangebylex"s, "l"s, "+"s, "-"s, "limit"s, "1"s, "2"s}, "*2\r\n$2\r\nff\r\n$1\r\ne\r\n"s},
      {{"zlexcount"s, "l"s, "-"s, "+"s}, ":10\r\n"s},
      {{"zlexcount"s, "l"s, "[b"s, "[d"s}, ":3\r\n"s},
      {{"zlexcount"s, "l"s, "(b"s, "(d"s}, ":1\r\n"s},
      {{"zlexcount"s, "l"s, "+"s, "-"s}, ":0\r\n"s},
      {{"zlexcount"s, "l"s, "a"s, "b"s}, "-ERR min or max not valid string range item\r\n"s},
      {{"zlexcount"s, "nokey"s, "-"s, "+"s}, ":0\r\n"s},
      // ZREMRANGE*
      {{"del"s, "x"s}, ":0\r\n"s},
      {{"zadd"s, "x"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s, "4"s, "d"s, "5"s, "e"s, "6"s, "f"s}, ":6\r\n"s},
      {{"zremrangebyrank"s, "x"s, "0"s, "0"s}, ":1\r\n"s},
      {{"zremrangebyrank"s, "x"s, "-1"s, "-1"s}, ":1\r\n"s},
      {{"zrange"s, "x"s, "0"s, "-1"s}, "*4\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n"s},
      {{"zremrangebyrank"s, "x"s, "5"s, "10"s}, ":0\r\n"s},
      {{"zremrangebyrank"s, "x"s, "2"s, "1"s}, ":0\r\n"s},
      {{"zremrangebyrank"s, "x"s, "x"s, "1"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zremrangebyrank"s, "x"s, "1"s, "-2"s}, ":2\r\n"s},
      {{"zrange"s, "x"s, "0"s, "-1"s}, "*2\r\n$1\r\nb\r\n$1\r\ne\r\n"s},
      {{"zremrangebyrank"s, "x"s, "-100"s, "100"s}, ":2\r\n"s},
      {{"exists"s, "x"s}, ":0\r\n"s},
      {{"zremrangebyrank"s, "nokey"s, "0"s, "-1"s}, ":0\r\n"s},
      {{"zadd"s, "x"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s, "4"s, "d"s, "5"s, "e"s, "6"s, "f"s}, ":6\r\n"s},
      {{"zremrangebyscore"s, "x"s, "(1"s, "2"s}, ":1\r\n"s},
      {{"zremrangebyscore"s, "x"s, "5"s, "+inf"s}, ":2\r\n"s},
      {{"zremrangebyscore"s, "x"s, "10"s, "1"s}, ":0\r\n"s},
      {{"zremrangebyscore"s, "x"s, "a"s, "b"s}, "-ERR min or max is not a float\r\n"s},
      {{"zrange"s, "x"s, "0"s, "-1"s, "withscores"s}, "*6\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"zremrangebyscore"s, "x"s, "-inf"s, "+inf"s}, ":3\r\n"s},
      {{"exists"s, "x"s}, ":0\r\n"s},
      {{"zremrangebyscore"s, "nokey"s, "1"s, "2"s}, ":0\r\n"s},
      {{"zadd"s, "x"s, "0"s, "a"s, "0"s, "b"s, "0"s, "c"s, "0"s, "d"s, "0"s, "e"s}, ":5\r\n"s},
      {{"zremrangebylex"s, "x"s, "[b"s, "(d"s}, ":2\r\n"s},
      {{"zremrangebylex"s, "x"s, "+"s, "-"s}, ":0\r\n"s},
      {{"zremrangebylex"s, "x"s, "a"s, "b"s}, "-ERR min or max not valid string range item\r\n"s},
      {{"zrange"s, "x"s, "0"s, "-1"s}, "*3\r\n$1\r\na\r\n$1\r\nd\r\n$1\r\ne\r\n"s},
      {{"zremrangebylex"s, "x"s, "-"s, "+"s}, ":3\r\n"s},
      {{"exists"s, "x"s}, ":0\r\n"s},
      {{"zremrangebylex"s, "nokey"s, "-"s, "+"s}, ":0\r\n"s},
      {{"set"s, "str"s, "v"s}, "+OK\r\n"s},
      {{"zremrangebyrank"s, "str"s, "0"s, "1"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zremrangebyscore"s, "str"s, "0"s, "1"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zremrangebylex"s, "str"s, "-"s, "+"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zremrangebyscore"s, "str"s, "x"s, "1"s}, "-ERR min or max is not a float\r\n"s},
      {{"zrange"s, "str"s, "0"s, "-1"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zrangebyscore"s, "str"s, "0"s, "1"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zrangebylex"s, "str"s, "-"s, "+"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zcount"s, "str"s, "0"s, "1"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zlexcount"s, "str"s, "-"s, "+"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zrange"s, "str"s, "x"s, "1"s}, "-ERR value is not an integer or out of range\r\n"s},
  };
  // clang-format on
  run_steps(steps, GetParam());
}

TEST_P(ZSetGolden, MemberBytes) {
  // clang-format off
  const std::vector<Step> steps = {
      {{"zadd"s, "z"s, "0"s, "10"s, "0"s, "9"s, "0"s, ""s, "0"s, "-1"s, "0"s, "a\x00""b"s, "0"s, "a"s, "0"s, "007"s, "0"s, "+1"s, "0"s, "-0"s, "0"s, "\xff"""s, "0"s, "18446744073709551616"s, "0"s, "-9223372036854775808"s}, ":12\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s}, "*12\r\n$0\r\n\r\n$2\r\n+1\r\n$2\r\n-0\r\n$2\r\n-1\r\n$20\r\n-9223372036854775808\r\n$3\r\n007\r\n$2\r\n10\r\n$20\r\n18446744073709551616\r\n$1\r\n9\r\n$1\r\na\r\n$3\r\na\x00""b\r\n$1\r\n\xff""\r\n"s},
      {{"zrangebylex"s, "z"s, "-"s, "+"s}, "*12\r\n$0\r\n\r\n$2\r\n+1\r\n$2\r\n-0\r\n$2\r\n-1\r\n$20\r\n-9223372036854775808\r\n$3\r\n007\r\n$2\r\n10\r\n$20\r\n18446744073709551616\r\n$1\r\n9\r\n$1\r\na\r\n$3\r\na\x00""b\r\n$1\r\n\xff""\r\n"s},
      {{"zrangebylex"s, "z"s, "[1"s, "[a"s}, "*4\r\n$2\r\n10\r\n$20\r\n18446744073709551616\r\n$1\r\n9\r\n$1\r\na\r\n"s},
      {{"zrangebylex"s, "z"s, "("s, "[0"s}, "*4\r\n$2\r\n+1\r\n$2\r\n-0\r\n$2\r\n-1\r\n$20\r\n-9223372036854775808\r\n"s},
      {{"zrangebylex"s, "z"s, "["s, "(1"s}, "*6\r\n$0\r\n\r\n$2\r\n+1\r\n$2\r\n-0\r\n$2\r\n-1\r\n$20\r\n-9223372036854775808\r\n$3\r\n007\r\n"s},
      {{"zrangebylex"s, "z"s, "(a\x00"""s, "+"s}, "*2\r\n$3\r\na\x00""b\r\n$1\r\n\xff""\r\n"s},
      {{"zrevrangebylex"s, "z"s, "+"s, "[a"s}, "*3\r\n$1\r\n\xff""\r\n$3\r\na\x00""b\r\n$1\r\na\r\n"s},
      {{"zlexcount"s, "z"s, "[-"s, "[9"s}, ":7\r\n"s},
      {{"zscore"s, "z"s, "10"s}, "$1\r\n0\r\n"s},
      {{"zscore"s, "z"s, ""s}, "$1\r\n0\r\n"s},
      {{"zscore"s, "z"s, "a\x00""b"s}, "$1\r\n0\r\n"s},
      {{"zscore"s, "z"s, "a"s}, "$1\r\n0\r\n"s},
      {{"zrank"s, "z"s, "9"s}, ":8\r\n"s},
      {{"zrank"s, "z"s, "007"s}, ":5\r\n"s},
      {{"zrank"s, "z"s, ""s}, ":0\r\n"s},
      {{"zrem"s, "z"s, "10"s, "007"s, ""s}, ":3\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "withscores"s}, "*18\r\n$2\r\n+1\r\n$1\r\n0\r\n$2\r\n-0\r\n$1\r\n0\r\n$2\r\n-1\r\n$1\r\n0\r\n$20\r\n-9223372036854775808\r\n$1\r\n0\r\n$20\r\n18446744073709551616\r\n$1\r\n0\r\n$1\r\n9\r\n$1\r\n0\r\n$1\r\na\r\n$1\r\n0\r\n$3\r\na\x00""b\r\n$1\r\n0\r\n$1\r\n\xff""\r\n$1\r\n0\r\n"s},
      {{"zincrby"s, "z"s, "5"s, "-9223372036854775808"s}, "$1\r\n5\r\n"s},
      {{"zadd"s, "z"s, "2"s, "9223372036854775807"s, "3"s, "-9223372036854775809"s}, ":2\r\n"s},
      {{"zrange"s, "z"s, "-3"s, "-1"s, "withscores"s}, "*6\r\n$19\r\n9223372036854775807\r\n$1\r\n2\r\n$20\r\n-9223372036854775809\r\n$1\r\n3\r\n$20\r\n-9223372036854775808\r\n$1\r\n5\r\n"s},
      {{"zmscore"s, "z"s, "9"s, "a"s, "9223372036854775807"s, "nope"s}, "*4\r\n$1\r\n0\r\n$1\r\n0\r\n$1\r\n2\r\n$-1\r\n"s},
      {{"zadd"s, "y"s, "1"s, "1"s, "2"s, "2"s, "3"s, "3"s, "10"s, "10"s}, ":4\r\n"s},
      {{"zunion"s, "2"s, "y"s, "z"s, "withscores"s}, "*30\r\n$2\r\n+1\r\n$1\r\n0\r\n$2\r\n-0\r\n$1\r\n0\r\n$2\r\n-1\r\n$1\r\n0\r\n$20\r\n18446744073709551616\r\n$1\r\n0\r\n$1\r\n9\r\n$1\r\n0\r\n$1\r\na\r\n$1\r\n0\r\n$3\r\na\x00""b\r\n$1\r\n0\r\n$1\r\n\xff""\r\n$1\r\n0\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n2\r\n$19\r\n9223372036854775807\r\n$1\r\n2\r\n$20\r\n-9223372036854775809\r\n$1\r\n3\r\n$1\r\n3\r\n$1\r\n3\r\n$20\r\n-9223372036854775808\r\n$1\r\n5\r\n$2\r\n10\r\n$2\r\n10\r\n"s},
      {{"zinter"s, "2"s, "y"s, "z"s, "withscores"s}, "*0\r\n"s},
      {{"zrangebyscore"s, "y"s, "(1"s, "(10"s, "withscores"s}, "*4\r\n$1\r\n2\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n3\r\n"s},
      {{"zremrangebylex"s, "z"s, "-"s, "[1"s}, ":3\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s}, "*8\r\n$20\r\n18446744073709551616\r\n$1\r\n9\r\n$1\r\na\r\n$3\r\na\x00""b\r\n$1\r\n\xff""\r\n$19\r\n9223372036854775807\r\n$20\r\n-9223372036854775809\r\n$20\r\n-9223372036854775808\r\n"s},
  };
  // clang-format on
  run_steps(steps, GetParam());
}

TEST_P(ZSetGolden, Pops) {
  // clang-format off
  const std::vector<Step> steps = {
      {{"zadd"s, "z"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s, "4"s, "d"s, "5"s, "e"s}, ":5\r\n"s},
      {{"zpopmin"s, "z"s}, "*2\r\n$1\r\na\r\n$1\r\n1\r\n"s},
      {{"zpopmax"s, "z"s}, "*2\r\n$1\r\ne\r\n$1\r\n5\r\n"s},
      {{"zpopmin"s, "z"s, "2"s}, "*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"s},
      {{"zpopmax"s, "z"s, "0"s}, "*0\r\n"s},
      {{"zpopmin"s, "z"s, "10"s}, "*2\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"exists"s, "z"s}, ":0\r\n"s},
      {{"zpopmin"s, "z"s}, "*0\r\n"s},
      {{"zpopmin"s, "z"s, "3"s}, "*0\r\n"s},
      {{"zpopmax"s, "nokey"s, "0"s}, "*0\r\n"s},
      {{"zadd"s, "z"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s}, ":3\r\n"s},
      {{"zpopmax"s, "z"s, "2"s}, "*4\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n"s},
      {{"zpopmin"s, "z"s, "-1"s}, "-ERR value is out of range, must be positive\r\n"s},
      {{"zpopmin"s, "z"s, "x"s}, "-ERR value is out of range, must be positive\r\n"s},
      {{"zpopmin"s, "z"s, "1"s, "2"s}, "-ERR syntax error\r\n"s},
      {{"zpopmin"s, "z"s, "1.0"s}, "-ERR value is out of range, must be positive\r\n"s},
      {{"set"s, "str"s, "v"s}, "+OK\r\n"s},
      {{"zpopmin"s, "str"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zpopmin"s, "str"s, "0"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zpopmax"s, "str"s, "5"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zpopmin"s, "str"s, "-1"s}, "-ERR value is out of range, must be positive\r\n"s},
      // ZMPOP
      {{"del"s, "z"s}, ":1\r\n"s},
      {{"zadd"s, "z"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s, "4"s, "d"s, "5"s, "e"s}, ":5\r\n"s},
      {{"zadd"s, "y"s, "10"s, "x"s, "20"s, "y"s}, ":2\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s}, "*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "max"s}, "*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\ne\r\n$1\r\n5\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "MIN"s, "count"s, "2"s}, "*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n"s},
      {{"zmpop"s, "2"s, "nokey"s, "z"s, "max"s, "count"s, "10"s}, "*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"exists"s, "z"s}, ":0\r\n"s},
      {{"zmpop"s, "2"s, "nokey"s, "z"s, "min"s}, "*-1\r\n"s},
      {{"zmpop"s, "2"s, "y"s, "z"s, "max"s, "count"s, "1"s}, "*2\r\n$1\r\ny\r\n*1\r\n*2\r\n$1\r\ny\r\n$2\r\n20\r\n"s},
      {{"zmpop"s, "3"s, "nokey1"s, "nokey2"s, "y"s, "MIN"s}, "*2\r\n$1\r\ny\r\n*1\r\n*2\r\n$1\r\nx\r\n$2\r\n10\r\n"s},
      {{"exists"s, "y"s}, ":0\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s, "count"s, "0"s}, "-ERR count should be greater than 0\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s, "count"s, "-1"s}, "-ERR count should be greater than 0\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s, "count"s, "x"s}, "-ERR count should be greater than 0\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s, "count"s, "1"s, "count"s, "1"s}, "-ERR syntax error\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s, "count"s}, "-ERR syntax error\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s, "foo"s}, "-ERR syntax error\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "foo"s}, "-ERR syntax error\r\n"s},
      {{"zmpop"s, "2"s, "z"s, "min"s}, "-ERR syntax error\r\n"s},
      {{"zmpop"s, "0"s, "z"s, "min"s}, "-ERR numkeys should be greater than 0\r\n"s},
      {{"zmpop"s, "-1"s, "z"s, "min"s}, "-ERR numkeys should be greater than 0\r\n"s},
      {{"zmpop"s, "x"s, "z"s, "min"s}, "-ERR numkeys should be greater than 0\r\n"s},
      {{"zmpop"s, "1"s, "str"s, "min"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zmpop"s, "2"s, "nokey"s, "str"s, "min"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zadd"s, "z"s, "1"s, "a"s}, ":1\r\n"s},
      {{"zmpop"s, "2"s, "z"s, "str"s, "min"s}, "*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n"s},
      {{"zmpop"s, "2"s, "nokey"s, "str"s, "min"s, "count"s, "0"s}, "-ERR count should be greater than 0\r\n"s},
  };
  // clang-format on
  run_steps(steps, GetParam());
}

TEST_P(ZSetGolden, SetAlgebra) {
  // clang-format off
  const std::vector<Step> steps = {
      {{"zadd"s, "a"s, "1"s, "x"s, "2"s, "y"s, "3"s, "z"s}, ":3\r\n"s},
      {{"zadd"s, "b"s, "10"s, "y"s, "20"s, "z"s, "30"s, "w"s}, ":3\r\n"s},
      {{"zadd"s, "c"s, "100"s, "z"s, "200"s, "q"s}, ":2\r\n"s},
      // ZUNION / ZINTER / ZDIFF
      {{"zunion"s, "2"s, "a"s, "b"s}, "*4\r\n$1\r\nx\r\n$1\r\ny\r\n$1\r\nz\r\n$1\r\nw\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zunion"s, "3"s, "a"s, "b"s, "c"s, "withscores"s}, "*10\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nw\r\n$2\r\n30\r\n$1\r\nz\r\n$3\r\n123\r\n$1\r\nq\r\n$3\r\n200\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "weights"s, "2"s, "3"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$2\r\n34\r\n$1\r\nz\r\n$2\r\n66\r\n$1\r\nw\r\n$2\r\n90\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "weights"s, "1"s, "-1"s, "withscores"s}, "*8\r\n$1\r\nw\r\n$3\r\n-30\r\n$1\r\nz\r\n$3\r\n-17\r\n$1\r\ny\r\n$2\r\n-8\r\n$1\r\nx\r\n$1\r\n1\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "aggregate"s, "min"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "aggregate"s, "max"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n10\r\n$1\r\nz\r\n$2\r\n20\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "aggregate"s, "sum"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "weights"s, "2"s, "3"s, "aggregate"s, "max"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$2\r\n30\r\n$1\r\nz\r\n$2\r\n60\r\n$1\r\nw\r\n$2\r\n90\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "aggregate"s, "max"s, "weights"s, "2"s, "3"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$2\r\n30\r\n$1\r\nz\r\n$2\r\n60\r\n$1\r\nw\r\n$2\r\n90\r\n"s},
      {{"zunion"s, "2"s, "a"s, "nokey"s, "withscores"s}, "*6\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n"s},
      {{"zunion"s, "1"s, "nokey"s, "withscores"s}, "*0\r\n"s},
      {{"zunion"s, "2"s, "a"s, "a"s, "withscores"s}, "*6\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$1\r\n4\r\n$1\r\nz\r\n$1\r\n6\r\n"s},
      {{"zinter"s, "2"s, "a"s, "b"s}, "*2\r\n$1\r\ny\r\n$1\r\nz\r\n"s},
      {{"zinter"s, "2"s, "a"s, "b"s, "withscores"s}, "*4\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n"s},
      {{"zinter"s, "3"s, "a"s, "b"s, "c"s, "withscores"s}, "*2\r\n$1\r\nz\r\n$3\r\n123\r\n"s},
      {{"zinter"s, "2"s, "a"s, "b"s, "aggregate"s, "min"s, "withscores"s}, "*4\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n"s},
      {{"zinter"s, "2"s, "a"s, "b"s, "aggregate"s, "max"s, "withscores"s}, "*4\r\n$1\r\ny\r\n$2\r\n10\r\n$1\r\nz\r\n$2\r\n20\r\n"s},
      {{"zinter"s, "2"s, "a"s, "b"s, "weights"s, "0.5"s, "2"s, "withscores"s}, "*4\r\n$1\r\ny\r\n$2\r\n21\r\n$1\r\nz\r\n$4\r\n41.5\r\n"s},
      {{"zinter"s, "2"s, "a"s, "nokey"s, "withscores"s}, "*0\r\n"s},
      {{"zinter"s, "2"s, "a"s, "a"s, "withscores"s}, "*6\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$1\r\n4\r\n$1\r\nz\r\n$1\r\n6\r\n"s},
      {{"zinter"s, "2"s, "a"s, "a"s, "weights"s, "1"s, "2"s, "withscores"s}, "*6\r\n$1\r\nx\r\n$1\r\n3\r\n$1\r\ny\r\n$1\r\n6\r\n$1\r\nz\r\n$1\r\n9\r\n"s},
      {{"zdiff"s, "2"s, "a"s, "b"s}, "*1\r\n$1\r\nx\r\n"s},
      {{"zdiff"s, "2"s, "a"s, "b"s, "withscores"s}, "*2\r\n$1\r\nx\r\n$1\r\n1\r\n"s},
      {{"zdiff"s, "2"s, "b"s, "a"s, "withscores"s}, "*2\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zdiff"s, "3"s, "b"s, "a"s, "c"s, "withscores"s}, "*2\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zdiff"s, "1"s, "a"s, "withscores"s}, "*6\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n"s},
      {{"zdiff"s, "2"s, "a"s, "a"s}, "*0\r\n"s},
      {{"zdiff"s, "2"s, "nokey"s, "a"s}, "*0\r\n"s},
      {{"zdiff"s, "2"s, "a"s, "nokey"s, "withscores"s}, "*6\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n"s},
      // infinities and NaN conventions
      {{"zadd"s, "pi"s, "inf"s, "m"s, "1"s, "n"s}, ":2\r\n"s},
      {{"zadd"s, "ni"s, "-inf"s, "m"s, "2"s, "n"s}, ":2\r\n"s},
      {{"zunion"s, "2"s, "pi"s, "ni"s, "withscores"s}, "*4\r\n$1\r\nm\r\n$1\r\n0\r\n$1\r\nn\r\n$1\r\n3\r\n"s},
      {{"zinter"s, "2"s, "pi"s, "ni"s, "withscores"s}, "*4\r\n$1\r\nm\r\n$1\r\n0\r\n$1\r\nn\r\n$1\r\n3\r\n"s},
      {{"zunion"s, "2"s, "pi"s, "ni"s, "aggregate"s, "min"s, "withscores"s}, "*4\r\n$1\r\nm\r\n$4\r\n-inf\r\n$1\r\nn\r\n$1\r\n1\r\n"s},
      {{"zunion"s, "2"s, "pi"s, "ni"s, "aggregate"s, "max"s, "withscores"s}, "*4\r\n$1\r\nn\r\n$1\r\n2\r\n$1\r\nm\r\n$3\r\ninf\r\n"s},
      {{"zunion"s, "2"s, "pi"s, "ni"s, "weights"s, "0"s, "1"s, "withscores"s}, "*4\r\n$1\r\nm\r\n$4\r\n-inf\r\n$1\r\nn\r\n$1\r\n2\r\n"s},
      {{"zinter"s, "2"s, "pi"s, "ni"s, "weights"s, "0"s, "0"s, "withscores"s}, "*4\r\n$1\r\nm\r\n$1\r\n0\r\n$1\r\nn\r\n$1\r\n0\r\n"s},
      {{"zunion"s, "1"s, "pi"s, "weights"s, "-1"s, "withscores"s}, "*4\r\n$1\r\nm\r\n$4\r\n-inf\r\n$1\r\nn\r\n$2\r\n-1\r\n"s},
      {{"zunion"s, "1"s, "pi"s, "weights"s, "inf"s, "withscores"s}, "*4\r\n$1\r\nm\r\n$3\r\ninf\r\n$1\r\nn\r\n$3\r\ninf\r\n"s},
      {{"zunion"s, "1"s, "ni"s, "weights"s, "-inf"s, "withscores"s}, "*4\r\n$1\r\nn\r\n$4\r\n-inf\r\n$1\r\nm\r\n$3\r\ninf\r\n"s},
      // errors
      {{"zunion"s, "0"s, "a"s}, "-ERR at least 1 input key is needed for 'zunion' command\r\n"s},
      {{"zunion"s, "-1"s, "a"s}, "-ERR at least 1 input key is needed for 'zunion' command\r\n"s},
      {{"zunion"s, "x"s, "a"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zunion"s, "3"s, "a"s, "b"s}, "-ERR syntax error\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "weights"s, "1"s}, "-ERR syntax error\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "weights"s, "1"s, "x"s}, "-ERR weight value is not a float\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "weights"s, "1"s, "2"s, "3"s}, "-ERR syntax error\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "aggregate"s}, "-ERR syntax error\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "aggregate"s, "avg"s}, "-ERR syntax error\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "withscores"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zunion"s, "2"s, "a"s, "b"s, "foo"s}, "-ERR syntax error\r\n"s},
      {{"zdiff"s, "2"s, "a"s, "b"s, "weights"s, "1"s, "2"s}, "-ERR syntax error\r\n"s},
      {{"zdiff"s, "2"s, "a"s, "b"s, "aggregate"s, "sum"s}, "-ERR syntax error\r\n"s},
      {{"zinter"s, "0"s, "a"s}, "-ERR at least 1 input key is needed for 'zinter' command\r\n"s},
      {{"zdiff"s, "0"s, "a"s}, "-ERR at least 1 input key is needed for 'zdiff' command\r\n"s},
      {{"zunionstore"s, "d"s, "0"s, "a"s}, "-ERR at least 1 input key is needed for 'zunionstore' command\r\n"s},
      {{"zinterstore"s, "d"s, "0"s, "a"s}, "-ERR at least 1 input key is needed for 'zinterstore' command\r\n"s},
      {{"zdiffstore"s, "d"s, "0"s, "a"s}, "-ERR at least 1 input key is needed for 'zdiffstore' command\r\n"s},
      {{"zunionstore"s, "d"s, "2"s, "a"s, "b"s, "withscores"s}, "-ERR syntax error\r\n"s},
      {{"zinterstore"s, "d"s, "2"s, "a"s, "b"s, "withscores"s}, "-ERR syntax error\r\n"s},
      {{"set"s, "str"s, "v"s}, "+OK\r\n"s},
      {{"zunion"s, "2"s, "a"s, "str"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zunion"s, "2"s, "str"s, "a"s, "weights"s, "x"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zinter"s, "2"s, "a"s, "str"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zdiff"s, "2"s, "a"s, "str"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zinter"s, "2"s, "nokey"s, "str"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zintercard"s, "2"s, "a"s, "str"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zunionstore"s, "d"s, "2"s, "a"s, "str"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      // STORE variants
      {{"zunionstore"s, "d"s, "2"s, "a"s, "b"s}, ":4\r\n"s},
      {{"zrange"s, "d"s, "0"s, "-1"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zunionstore"s, "d"s, "2"s, "a"s, "b"s, "weights"s, "1"s, "2"s, "aggregate"s, "min"s}, ":4\r\n"s},
      {{"zrange"s, "d"s, "0"s, "-1"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nz\r\n$1\r\n3\r\n$1\r\nw\r\n$2\r\n60\r\n"s},
      {{"zinterstore"s, "d"s, "2"s, "a"s, "b"s}, ":2\r\n"s},
      {{"zrange"s, "d"s, "0"s, "-1"s, "withscores"s}, "*4\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n"s},
      {{"zinterstore"s, "d"s, "2"s, "a"s, "c"s}, ":1\r\n"s},
      {{"zrange"s, "d"s, "0"s, "-1"s, "withscores"s}, "*2\r\n$1\r\nz\r\n$3\r\n103\r\n"s},
      {{"zinterstore"s, "d"s, "2"s, "a"s, "nokey"s}, ":0\r\n"s},
      {{"exists"s, "d"s}, ":0\r\n"s},
      {{"zdiffstore"s, "d"s, "2"s, "a"s, "b"s}, ":1\r\n"s},
      {{"zrange"s, "d"s, "0"s, "-1"s, "withscores"s}, "*2\r\n$1\r\nx\r\n$1\r\n1\r\n"s},
      {{"zdiffstore"s, "d"s, "2"s, "a"s, "a"s}, ":0\r\n"s},
      {{"exists"s, "d"s}, ":0\r\n"s},
      {{"zdiffstore"s, "d"s, "1"s, "nokey"s}, ":0\r\n"s},
      {{"zunionstore"s, "a"s, "2"s, "a"s, "b"s}, ":4\r\n"s},
      {{"zrange"s, "a"s, "0"s, "-1"s, "withscores"s}, "*8\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zunionstore"s, "str"s, "1"s, "b"s}, ":3\r\n"s},
      {{"type"s, "str"s}, "+zset\r\n"s},
      {{"zrange"s, "str"s, "0"s, "-1"s, "withscores"s}, "*6\r\n$1\r\ny\r\n$2\r\n10\r\n$1\r\nz\r\n$2\r\n20\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      // ZINTERCARD
      {{"zadd"s, "i1"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s, "4"s, "d"s}, ":4\r\n"s},
      {{"zadd"s, "i2"s, "1"s, "b"s, "1"s, "c"s, "1"s, "d"s, "1"s, "e"s}, ":4\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s}, ":3\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "limit"s, "0"s}, ":3\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "limit"s, "2"s}, ":2\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "limit"s, "3"s}, ":3\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "limit"s, "10"s}, ":3\r\n"s},
      {{"zintercard"s, "1"s, "i1"s}, ":4\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "nokey"s}, ":0\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i1"s}, ":4\r\n"s},
      {{"zintercard"s, "0"s, "i1"s}, "-ERR at least 1 input key is needed for 'zintercard' command\r\n"s},
      {{"zintercard"s, "-1"s, "i1"s}, "-ERR at least 1 input key is needed for 'zintercard' command\r\n"s},
      {{"zintercard"s, "x"s, "i1"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zintercard"s, "3"s, "i1"s, "i2"s}, "-ERR syntax error\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "limit"s, "-1"s}, "-ERR LIMIT can't be negative\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "limit"s, "x"s}, "-ERR LIMIT can't be negative\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "limit"s}, "-ERR syntax error\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "limit"s, "1"s, "2"s}, "-ERR syntax error\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "withscores"s}, "-ERR syntax error\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "weights"s, "1"s, "1"s}, "-ERR syntax error\r\n"s},
      {{"zintercard"s, "2"s, "i1"s, "i2"s, "aggregate"s, "sum"s}, "-ERR syntax error\r\n"s},
      // plain sets as inputs (score 1)
      {{"sadd"s, "s"s, "x"s, "q"s, "k"s}, ":3\r\n"s},
      {{"sadd"s, "is"s, "1"s, "2"s, "3"s}, ":3\r\n"s},
      {{"zadd"s, "nums"s, "1"s, "1"s, "5"s, "2"s, "10"s, "10"s}, ":3\r\n"s},
      {{"zunion"s, "2"s, "a"s, "s"s, "withscores"s}, "*12\r\n$1\r\nk\r\n$1\r\n1\r\n$1\r\nq\r\n$1\r\n1\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zunion"s, "2"s, "a"s, "s"s, "weights"s, "2"s, "5"s, "withscores"s}, "*12\r\n$1\r\nk\r\n$1\r\n5\r\n$1\r\nq\r\n$1\r\n5\r\n$1\r\nx\r\n$1\r\n7\r\n$1\r\ny\r\n$2\r\n24\r\n$1\r\nz\r\n$2\r\n46\r\n$1\r\nw\r\n$2\r\n60\r\n"s},
      {{"zinter"s, "2"s, "a"s, "s"s, "withscores"s}, "*2\r\n$1\r\nx\r\n$1\r\n2\r\n"s},
      {{"zinter"s, "2"s, "s"s, "a"s, "aggregate"s, "max"s, "withscores"s}, "*2\r\n$1\r\nx\r\n$1\r\n1\r\n"s},
      {{"zdiff"s, "2"s, "a"s, "s"s, "withscores"s}, "*6\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n23\r\n$1\r\nw\r\n$2\r\n30\r\n"s},
      {{"zdiff"s, "2"s, "s"s, "a"s, "withscores"s}, "*4\r\n$1\r\nk\r\n$1\r\n1\r\n$1\r\nq\r\n$1\r\n1\r\n"s},
      {{"zunion"s, "2"s, "nums"s, "is"s, "weights"s, "2"s, "3"s, "withscores"s}, "*8\r\n$1\r\n3\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n5\r\n$1\r\n2\r\n$2\r\n13\r\n$2\r\n10\r\n$2\r\n20\r\n"s},
      {{"zinter"s, "2"s, "is"s, "nums"s, "withscores"s}, "*4\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n2\r\n$1\r\n6\r\n"s},
      {{"zinter"s, "2"s, "s"s, "s"s, "withscores"s}, "*6\r\n$1\r\nk\r\n$1\r\n2\r\n$1\r\nq\r\n$1\r\n2\r\n$1\r\nx\r\n$1\r\n2\r\n"s},
      {{"zdiff"s, "2"s, "s"s, "s"s}, "*0\r\n"s},
      {{"zunionstore"s, "ds"s, "2"s, "s"s, "is"s}, ":6\r\n"s},
      {{"zrange"s, "ds"s, "0"s, "-1"s, "withscores"s}, "*12\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n1\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\nk\r\n$1\r\n1\r\n$1\r\nq\r\n$1\r\n1\r\n$1\r\nx\r\n$1\r\n1\r\n"s},
      {{"zintercard"s, "2"s, "s"s, "a"s}, ":1\r\n"s},
      {{"zintercard"s, "2"s, "is"s, "nums"s, "limit"s, "1"s}, ":1\r\n"s},
  };
  // clang-format on
  run_steps(steps, GetParam());
}

TEST_P(ZSetGolden, RangeStore) {
  // clang-format off
  const std::vector<Step> steps = {
      {{"zadd"s, "src"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s, "4"s, "d"s, "5"s, "e"s}, ":5\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "0"s, "-1"s}, ":5\r\n"s},
      {{"zrange"s, "dst"s, "0"s, "-1"s, "withscores"s}, "*10\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "1"s, "2"s}, ":2\r\n"s},
      {{"zrange"s, "dst"s, "0"s, "-1"s, "withscores"s}, "*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "0"s, "-1"s, "rev"s}, ":5\r\n"s},
      {{"zrange"s, "dst"s, "0"s, "-1"s, "withscores"s}, "*10\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n$1\r\ne\r\n$1\r\n5\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "2"s, "4"s, "byscore"s}, ":3\r\n"s},
      {{"zrange"s, "dst"s, "0"s, "-1"s, "withscores"s}, "*6\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "4"s, "2"s, "byscore"s, "rev"s, "limit"s, "1"s, "5"s}, ":2\r\n"s},
      {{"zrange"s, "dst"s, "0"s, "-1"s, "withscores"s}, "*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "[b"s, "[d"s, "bylex"s}, ":3\r\n"s},
      {{"zrange"s, "dst"s, "0"s, "-1"s, "withscores"s}, "*6\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n$1\r\nd\r\n$1\r\n4\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "-"s, "+"s, "bylex"s, "limit"s, "1"s, "2"s}, ":2\r\n"s},
      {{"zrange"s, "dst"s, "0"s, "-1"s, "withscores"s}, "*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "10"s, "20"s}, ":0\r\n"s},
      {{"exists"s, "dst"s}, ":0\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "0"s, "-1"s}, ":5\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "10"s, "20"s, "byscore"s}, ":0\r\n"s},
      {{"exists"s, "dst"s}, ":0\r\n"s},
      {{"zrangestore"s, "dst"s, "nokey"s, "0"s, "-1"s}, ":0\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "0"s, "-1"s, "withscores"s}, "-ERR syntax error\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "0"s, "-1"s, "limit"s, "1"s, "2"s}, "-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "x"s, "1"s}, "-ERR value is not an integer or out of range\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "x"s, "1"s, "byscore"s}, "-ERR min or max is not a float\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "x"s, "1"s, "bylex"s}, "-ERR min or max not valid string range item\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "0"s, "-1"s, "byscore"s, "limit"s, "5"s, "5"s}, ":0\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "-inf"s, "+inf"s, "byscore"s, "limit"s, "-1"s, "5"s}, ":0\r\n"s},
      {{"zrangestore"s, "src"s, "src"s, "1"s, "2"s}, ":2\r\n"s},
      {{"zrange"s, "src"s, "0"s, "-1"s, "withscores"s}, "*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"s},
      {{"set"s, "str"s, "v"s}, "+OK\r\n"s},
      {{"zrangestore"s, "dst"s, "str"s, "0"s, "-1"s}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"s},
      {{"zrangestore"s, "str"s, "src"s, "0"s, "-1"s}, ":2\r\n"s},
      {{"type"s, "str"s}, "+zset\r\n"s},
      {{"zrangestore"s, "dst"s, "src"s, "0"s}, "-ERR wrong number of arguments for 'zrangestore' command\r\n"s},
  };
  // clang-format on
  run_steps(steps, GetParam());
}

TEST_P(ZSetGolden, Resp3) {
  // clang-format off
  const std::vector<Step> steps = {
      {{"zadd"s, "z"s, "1"s, "a"s, "2.5"s, "b"s, "inf"s, "c"s}, ":3\r\n"s},
      {{"zscore"s, "z"s, "b"s}, ",2.5\r\n"s},
      {{"zscore"s, "z"s, "c"s}, ",inf\r\n"s},
      {{"zscore"s, "z"s, "nope"s}, "_\r\n"s},
      {{"zmscore"s, "z"s, "a"s, "nope"s}, "*2\r\n,1\r\n_\r\n"s},
      {{"zmscore"s, "nokey"s, "a"s}, "*1\r\n_\r\n"s},
      {{"zincrby"s, "z"s, "1"s, "a"s}, ",2\r\n"s},
      {{"zadd"s, "z"s, "incr"s, "1"s, "a"s}, ",3\r\n"s},
      {{"zadd"s, "z"s, "xx"s, "incr"s, "1"s, "nope"s}, "_\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "withscores"s}, "*3\r\n*2\r\n$1\r\nb\r\n,2.5\r\n*2\r\n$1\r\na\r\n,3\r\n*2\r\n$1\r\nc\r\n,inf\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s}, "*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n"s},
      {{"zrangebyscore"s, "z"s, "-inf"s, "+inf"s, "withscores"s, "limit"s, "0"s, "2"s}, "*2\r\n*2\r\n$1\r\nb\r\n,2.5\r\n*2\r\n$1\r\na\r\n,3\r\n"s},
      {{"zrevrange"s, "z"s, "0"s, "0"s, "withscores"s}, "*1\r\n*2\r\n$1\r\nc\r\n,inf\r\n"s},
      {{"zrange"s, "z"s, "0"s, "-1"s, "byscore"s, "rev"s, "withscores"s}, "*0\r\n"s},
      {{"zunion"s, "1"s, "z"s, "withscores"s}, "*3\r\n*2\r\n$1\r\nb\r\n,2.5\r\n*2\r\n$1\r\na\r\n,3\r\n*2\r\n$1\r\nc\r\n,inf\r\n"s},
      {{"zinter"s, "1"s, "z"s, "withscores"s}, "*3\r\n*2\r\n$1\r\nb\r\n,2.5\r\n*2\r\n$1\r\na\r\n,3\r\n*2\r\n$1\r\nc\r\n,inf\r\n"s},
      {{"zdiff"s, "1"s, "z"s, "withscores"s}, "*3\r\n*2\r\n$1\r\nb\r\n,2.5\r\n*2\r\n$1\r\na\r\n,3\r\n*2\r\n$1\r\nc\r\n,inf\r\n"s},
      {{"zunion"s, "1"s, "z"s}, "*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n"s},
      {{"zrandmember"s, "z"s, "5"s, "withscores"s}, "*3\r\n*2\r\n$1\r\nc\r\n,inf\r\n*2\r\n$1\r\na\r\n,3\r\n*2\r\n$1\r\nb\r\n,2.5\r\n"s},
      {{"zrandmember"s, "z"s, "3"s}, "*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n"s},
      {{"zrandmember"s, "nokey"s}, "_\r\n"s},
      {{"zrandmember"s, "nokey"s, "5"s}, "*0\r\n"s},
      {{"zpopmin"s, "z"s}, "*2\r\n$1\r\nb\r\n,2.5\r\n"s},
      {{"zpopmax"s, "z"s, "1"s}, "*1\r\n*2\r\n$1\r\nc\r\n,inf\r\n"s},
      {{"zpopmin"s, "nokey"s}, "*0\r\n"s},
      {{"zpopmin"s, "nokey"s, "1"s}, "*0\r\n"s},
      {{"zadd"s, "z"s, "1"s, "a"s, "2"s, "b"s, "3"s, "c"s}, ":2\r\n"s},
      {{"zpopmin"s, "z"s, "0"s}, "*0\r\n"s},
      {{"zpopmax"s, "z"s, "5"s}, "*3\r\n*2\r\n$1\r\nc\r\n,3\r\n*2\r\n$1\r\nb\r\n,2\r\n*2\r\n$1\r\na\r\n,1\r\n"s},
      {{"zadd"s, "z"s, "1"s, "a"s, "2"s, "b"s}, ":2\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s, "count"s, "5"s}, "*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2\r\n"s},
      {{"zmpop"s, "1"s, "z"s, "min"s}, "_\r\n"s},
      {{"zscan"s, "nokey"s, "0"s}, "*2\r\n$1\r\n0\r\n*0\r\n"s},
  };
  // clang-format on
  run_steps(steps, GetParam(), 3);
}

// ---- helpers for replies that are not byte-for-byte predictable -------------------

// A RESP2 reply made of bulks and nested arrays, flattened to its bulks.
struct Flat {
  std::vector<std::string> items;
  bool ok = true;
};

size_t parse_into(const std::string& r, size_t pos, Flat& out) {
  const size_t eol = r.find("\r\n", pos);
  if (eol == std::string::npos) {
    out.ok = false;
    return r.size();
  }
  const char type = r[pos];
  const long long n = std::stoll(r.substr(pos + 1, eol - pos - 1));
  pos = eol + 2;
  if (type == '*') {
    for (long long i = 0; i < n && out.ok; ++i) pos = parse_into(r, pos, out);
    return pos;
  }
  if (type == '$' && n >= 0) {
    out.items.push_back(r.substr(pos, static_cast<size_t>(n)));
    return pos + static_cast<size_t>(n) + 2;
  }
  out.ok = false;
  return r.size();
}

std::vector<std::string> flat(const std::string& reply) {
  Flat f;
  const size_t end = parse_into(reply, 0, f);
  EXPECT_TRUE(f.ok && end == reply.size()) << reply;
  return f.items;
}

std::string member(int i) { return "m" + std::to_string(i); }

// A score as Redis replies it.
std::string util_format(double d) { return util::double_to_string(d); }

// ---- encodings ----------------------------------------------------------------------

TEST(ZSetEncoding, ListpackUntilALimitIsCrossed) {
  Harness h;
  for (int i = 0; i < 128; ++i) {
    ASSERT_EQ(h.run({"ZADD", "z", std::to_string(i), member(i)}), integer(1));
  }
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "z"}), bulk("listpack"));
  // Updates and XX never add, so they never convert.
  EXPECT_EQ(h.run({"ZADD", "z", "CH", "1000", "m1"}), integer(1));
  EXPECT_EQ(h.run({"ZADD", "z", "XX", "1", std::string(100, 'x')}), integer(0));
  EXPECT_EQ(h.run({"ZINCRBY", "z", "1", "m2"}), bulk("3"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "z"}), bulk("listpack"));
  // The 129th member converts.
  EXPECT_EQ(h.run({"ZADD", "z", "5", "new"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "z"}), bulk("skiplist"));
  EXPECT_EQ(h.run({"ZRANGE", "z", "0", "2", "WITHSCORES"}),
            bulks({"m0", "0", "m2", "3", "m3", "3"}));
  EXPECT_EQ(h.run({"ZRANK", "z", "new"}), integer(5));
  EXPECT_EQ(h.run({"ZREVRANK", "z", "m1"}), integer(0));
  // Removing members never converts back.
  EXPECT_EQ(h.run({"ZREMRANGEBYRANK", "z", "0", "-2"}), integer(128));
  EXPECT_EQ(h.run({"ZCARD", "z"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "z"}), bulk("skiplist"));
}

TEST(ZSetEncoding, LongMemberConverts) {
  Harness h;
  EXPECT_EQ(h.run({"ZADD", "z", "1", "a", "2", std::string(64, 'x')}), integer(2));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "z"}), bulk("listpack"));
  EXPECT_EQ(h.run({"ZADD", "z", "3", std::string(65, 'y')}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "z"}), bulk("skiplist"));
  EXPECT_EQ(h.run({"ZRANGE", "z", "0", "-1"}),
            bulks({"a", std::string(64, 'x'), std::string(65, 'y')}));
}

TEST(ZSetEncoding, NewKeyEncodingFollowsTheFirstMember) {
  Harness h;
  // Redis looks only at the first member when it creates the key...
  EXPECT_EQ(h.run({"ZADD", "long", "1", std::string(70, 'x'), "2", "a"}), integer(2));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "long"}), bulk("skiplist"));
  // ...and 200 pairs naming one member stay a one-member listpack.
  std::vector<std::string> argv = {"ZADD", "dup"};
  for (int i = 0; i < 200; ++i) {
    argv.push_back(std::to_string(i));
    argv.push_back("same");
  }
  EXPECT_EQ(h.run(argv), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "dup"}), bulk("listpack"));
  EXPECT_EQ(h.run({"ZSCORE", "dup", "same"}), bulk("199"));
}

TEST(ZSetEncoding, ConfiguredLimitsAndStoreResults) {
  Harness h;
  ASSERT_EQ(h.run({"CONFIG", "SET", "zset-max-ziplist-entries", "2"}), ok());
  EXPECT_EQ(h.run({"CONFIG", "GET", "zset-max-listpack-entries"}),
            bulks({"zset-max-listpack-entries", "2"}));
  EXPECT_EQ(h.run({"ZADD", "s", "1", "a", "2", "b", "3", "c"}), integer(3));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "s"}), bulk("skiplist"));
  // Store paths pick the encoding by the result's size (Redis converts back there only).
  EXPECT_EQ(h.run({"ZRANGESTORE", "d", "s", "0", "1"}), integer(2));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "d"}), bulk("listpack"));
  EXPECT_EQ(h.run({"ZRANGESTORE", "d", "s", "0", "-1"}), integer(3));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "d"}), bulk("skiplist"));
  EXPECT_EQ(h.run({"ZRANGESTORE", "d", "s", "(1", "+inf", "BYSCORE"}), integer(2));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "d"}), bulk("listpack"));
  EXPECT_EQ(h.run({"ZUNIONSTORE", "u", "1", "s"}), integer(3));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "u"}), bulk("skiplist"));
  EXPECT_EQ(h.run({"ZINTERSTORE", "u", "2", "s", "d"}), integer(2));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "u"}), bulk("listpack"));
  EXPECT_EQ(h.run({"ZRANGE", "u", "0", "-1", "WITHSCORES"}), bulks({"b", "4", "c", "6"}));
  EXPECT_EQ(h.run({"ZDIFFSTORE", "u", "2", "s", "d"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "u"}), bulk("listpack"));
  // A long member keeps a small result in the big encoding.
  ASSERT_EQ(h.run({"CONFIG", "SET", "zset-max-listpack-value", "3"}), ok());
  EXPECT_EQ(h.run({"ZADD", "w", "1", "abcd"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "w"}), bulk("skiplist"));
  EXPECT_EQ(h.run({"ZUNIONSTORE", "u", "2", "w", "d"}), integer(3));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "u"}), bulk("skiplist"));
  EXPECT_EQ(h.run({"ZUNIONSTORE", "u", "1", "d"}), integer(2));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "u"}), bulk("listpack"));
  ASSERT_EQ(h.run({"CONFIG", "SET", "zset-max-listpack-entries", "0"}), ok());
  EXPECT_EQ(h.run({"ZADD", "zero", "1", "a"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "zero"}), bulk("skiplist"));
}

// The same random command stream against both encodings gives the same bytes.
TEST(ZSetEncoding, RandomWorkloadSameRepliesInBothEncodings) {
  Harness lp;
  Harness sk;
  use_encoding(sk, Enc::kSkiplist);
  std::mt19937 rng(20240607);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::vector<std::string> keys = {"k1", "k2", "k3"};
  auto key = [&] { return keys[static_cast<size_t>(pick(3))]; };
  auto mem = [&] { return "m" + std::to_string(pick(60)); };
  auto score = [&] { return std::to_string(pick(40) - 20) + (pick(2) ? ".5" : ""); };
  auto bound = [&] {
    const int r = pick(10);
    if (r == 0) return "-inf"s;
    if (r == 1) return "+inf"s;
    return (pick(2) ? "("s : ""s) + score();
  };
  auto lex = [&] {
    const int r = pick(10);
    if (r == 0) return "-"s;
    if (r == 1) return "+"s;
    return (pick(2) ? "("s : "["s) + mem();
  };
  auto idx = [&] { return std::to_string(pick(80) - 40); };
  // Lex ranges are only meaningful when all scores are equal (over mixed scores
  // Redis's two encodings disagree too), so they get a key of their own.
  const std::string lexkey = "lex";
  const std::vector<std::string> flags = {"", "NX", "XX", "GT", "LT", "CH", "XX CH", "GT CH"};
  size_t compared = 0;
  for (int step = 0; step < 6000; ++step) {
    std::vector<std::string> argv;
    switch (pick(22)) {
      case 0:
      case 1:
      case 2: {
        argv = {"ZADD", key()};
        const std::string f = flags[static_cast<size_t>(pick(static_cast<int>(flags.size())))];
        if (f == "XX CH")
          argv.insert(argv.end(), {"XX", "CH"});
        else if (f == "GT CH")
          argv.insert(argv.end(), {"GT", "CH"});
        else if (!f.empty())
          argv.push_back(f);
        for (int n = pick(4) + 1; n > 0; --n) {
          argv.push_back(score());
          argv.push_back(mem());
        }
        break;
      }
      case 3:
        argv = {"ZINCRBY", key(), score(), mem()};
        break;
      case 4:
        argv = {"ZREM", key(), mem(), mem()};
        break;
      case 5:
        argv = {"ZRANGE", key(), idx(), idx(), "WITHSCORES"};
        break;
      case 6:
        argv = {"ZRANGE", key(), idx(), idx(), "REV"};
        break;
      case 7:
        argv = {"ZRANGEBYSCORE",
                key(),
                bound(),
                bound(),
                "WITHSCORES",
                "LIMIT",
                std::to_string(pick(5)),
                std::to_string(pick(8) - 2)};
        break;
      case 8:
        argv = {"ZREVRANGEBYSCORE", key(), bound(), bound(), "WITHSCORES"};
        break;
      case 9:
        if (pick(2))
          argv = {"ZADD", lexkey, "0", mem(), "0", mem()};
        else
          argv = {"ZRANGE", lexkey, lex(), lex(), "BYLEX"};
        break;
      case 10:
        argv = {"ZREVRANGEBYLEX", lexkey, lex(), lex(), "LIMIT", "1", "3"};
        break;
      case 11:
        argv = {"ZCOUNT", key(), bound(), bound()};
        break;
      case 12:
        argv = {"ZLEXCOUNT", lexkey, lex(), lex()};
        break;
      case 13:
        argv = {pick(2) ? "ZRANK" : "ZREVRANK", key(), mem()};
        break;
      case 14:
        argv = {"ZMSCORE", key(), mem(), mem()};
        break;
      case 15:
        if (pick(4) == 0)
          argv = {"ZREMRANGEBYRANK", key(), idx(), idx()};
        else
          argv = {"ZCARD", key()};
        break;
      case 16:
        if (pick(3) == 0)
          argv = {"ZREMRANGEBYSCORE", key(), bound(), bound()};
        else
          argv = {"ZREMRANGEBYLEX", lexkey, lex(), lex()};
        break;
      case 17:
        argv = {pick(2) ? "ZPOPMIN" : "ZPOPMAX", key(), std::to_string(pick(3))};
        break;
      case 18:
        argv = {"ZUNION",    "2",         key(),
                key(),       "WEIGHTS",   score(),
                score(),     "AGGREGATE", pick(2) ? "MIN" : "SUM",
                "WITHSCORES"};
        break;
      case 19:
        argv = {pick(2) ? "ZINTER" : "ZDIFF", "2", key(), key(), "WITHSCORES"};
        break;
      case 20:
        argv = {"ZRANGESTORE", key(), key(), bound(), bound(), "BYSCORE"};
        break;
      default:
        argv = {"ZUNIONSTORE", key(), "2", key(), key(), "AGGREGATE", "MAX"};
        break;
    }
    const std::string a = lp.run(argv);
    const std::string b = sk.run(argv);
    ASSERT_EQ(a, b) << "step " << step << ": " << join(argv);
    ++compared;
  }
  EXPECT_EQ(compared, 6000u);
  for (const std::string& k : {"k1"s, "k2"s, "k3"s, lexkey}) {
    EXPECT_EQ(lp.run({"ZRANGE", k, "0", "-1", "WITHSCORES"}),
              sk.run({"ZRANGE", k, "0", "-1", "WITHSCORES"}));
  }
}

// ---- ranks against an oracle -----------------------------------------------------------

TEST(ZSetRank, TenThousandMembersWithRandomUpdatesMatchAMultisetOracle) {
  Harness h;
  std::mt19937 rng(7);
  std::map<std::string, double> score_of;
  std::multiset<std::pair<double, std::string>> order;
  auto set_score = [&](const std::string& m, double s) {
    auto it = score_of.find(m);
    if (it != score_of.end()) order.erase(order.find({it->second, m}));
    score_of[m] = s;
    order.insert({s, m});
  };
  auto random_score = [&] { return static_cast<double>(rng() % 2000) / 4.0; };  // many ties

  const int kMembers = 10000;
  for (int base = 0; base < kMembers; base += 500) {
    std::vector<std::string> argv = {"ZADD", "z"};
    for (int i = base; i < base + 500; ++i) {
      const double s = random_score();
      argv.push_back(util_format(s));
      argv.push_back(member(i));
      set_score(member(i), s);
    }
    ASSERT_EQ(h.run(argv), integer(500));
  }
  ASSERT_EQ(h.run({"OBJECT", "ENCODING", "z"}), bulk("skiplist"));

  auto rank_of = [&](const std::string& m) {
    return static_cast<long long>(std::distance(order.begin(), order.find({score_of.at(m), m})));
  };
  auto check_some = [&] {
    ASSERT_EQ(h.run({"ZCARD", "z"}), integer(static_cast<long long>(order.size())));
    for (int q = 0; q < 15; ++q) {
      const std::string m = member(static_cast<int>(rng() % kMembers));
      if (!score_of.count(m)) {
        EXPECT_EQ(h.run({"ZRANK", "z", m}), nil());
        continue;
      }
      const long long r = rank_of(m);
      EXPECT_EQ(h.run({"ZRANK", "z", m}), integer(r)) << m;
      EXPECT_EQ(h.run({"ZREVRANK", "z", m}), integer(static_cast<long long>(order.size()) - 1 - r))
          << m;
      const std::string rs = std::to_string(r);
      EXPECT_EQ(h.run({"ZRANGE", "z", rs, rs}), bulks({m}));
    }
  };

  for (int op = 0; op < 4000; ++op) {
    const std::string m = member(static_cast<int>(rng() % kMembers));
    switch (rng() % 4) {
      case 0: {
        const double s = random_score();
        h.run({"ZADD", "z", util_format(s), m});
        set_score(m, s);
        break;
      }
      case 1: {
        const double inc = static_cast<double>(static_cast<int>(rng() % 41) - 20) / 2.0;
        h.run({"ZINCRBY", "z", util_format(inc), m});
        set_score(m, (score_of.count(m) ? score_of[m] : 0.0) + inc);
        break;
      }
      case 2:
        if (score_of.count(m)) {
          EXPECT_EQ(h.run({"ZREM", "z", m}), integer(1));
          order.erase(order.find({score_of[m], m}));
          score_of.erase(m);
        } else {
          EXPECT_EQ(h.run({"ZREM", "z", m}), integer(0));
        }
        break;
      default: {
        // A popped minimum matches the oracle's first element.
        if (rng() % 8 != 0) break;
        const auto first = *order.begin();
        EXPECT_EQ(flat(h.run({"ZPOPMIN", "z"})),
                  (std::vector<std::string>{first.second, util_format(first.first)}));
        score_of.erase(first.second);
        order.erase(order.begin());
        break;
      }
    }
    if (op % 100 == 0) check_some();
  }
  // Finally the whole order, and a few score/lex windows.
  std::vector<std::string> expected;
  for (const auto& [s, m] : order) {
    expected.push_back(m);
    expected.push_back(util_format(s));
  }
  EXPECT_EQ(flat(h.run({"ZRANGE", "z", "0", "-1", "WITHSCORES"})), expected);
  for (double lo : {0.0, 100.25, 250.0, 499.75}) {
    const double hi = lo + 20;
    const auto from = order.lower_bound({lo, ""});
    const auto to = order.upper_bound({hi, "\xff\xff\xff"});
    EXPECT_EQ(h.run({"ZCOUNT", "z", util_format(lo), util_format(hi)}),
              integer(static_cast<long long>(std::distance(from, to))));
  }
}

// ---- ZSCAN ------------------------------------------------------------------------------

TEST(ZScan, ListpackReturnsEverythingAtOnce) {
  Harness h;
  EXPECT_EQ(h.run({"ZADD", "z", "1", "a", "2.5", "b", "1e17", "c", "-0", "d"}), integer(4));
  // A listpack gives its stored score text: integral scores are listpack integers.
  EXPECT_EQ(h.run({"ZSCAN", "z", "0", "COUNT", "1"}),
            array({bulk("0"), bulks({"d", "0", "a", "1", "b", "2.5", "c", "100000000000000000"})}));
  EXPECT_EQ(h.run({"ZSCAN", "z", "0", "MATCH", "[ab]"}),
            array({bulk("0"), bulks({"a", "1", "b", "2.5"})}));
  // MATCH looks at members only, never at scores.
  EXPECT_EQ(h.run({"ZSCAN", "z", "0", "MATCH", "1"}), array({bulk("0"), bulks({})}));
}

TEST(ZScan, SkiplistCursorVisitsEveryMember) {
  Harness h;
  std::map<std::string, std::string> want;
  for (int i = 0; i < 1000; ++i) {
    const std::string s = std::to_string(i) + ".25";
    ASSERT_EQ(h.run({"ZADD", "z", s, member(i)}), integer(1));
    want[member(i)] = s;
  }
  ASSERT_EQ(h.run({"ZADD", "z", "0.1", "tenth", "1e17", "big"}), integer(2));
  want["tenth"] = "0.10000000000000001";
  want["big"] = "1e+17";
  std::map<std::string, std::string> seen;
  std::string cursor = "0";
  int calls = 0;
  do {
    std::vector<std::string> r = flat(h.run({"ZSCAN", "z", cursor, "COUNT", "20"}));
    ASSERT_GE(r.size(), 1u);
    cursor = r[0];
    ASSERT_EQ(r.size() % 2, 1u);
    for (size_t i = 1; i + 1 < r.size(); i += 2) seen[r[i]] = r[i + 1];
    // Members added mid-scan may or may not show up; the others must.
    if (calls == 3) h.run({"ZADD", "z", "5", "added-late"});
    ++calls;
  } while (cursor != "0" && calls < 10000);
  seen.erase("added-late");
  EXPECT_EQ(seen, want);
  EXPECT_GT(calls, 5);

  std::vector<std::string> filtered;
  cursor = "0";
  do {
    std::vector<std::string> r = flat(h.run({"ZSCAN", "z", cursor, "MATCH", "m99*"}));
    cursor = r[0];
    for (size_t i = 1; i + 1 < r.size(); i += 2) filtered.push_back(r[i]);
  } while (cursor != "0");
  std::sort(filtered.begin(), filtered.end());
  EXPECT_EQ(filtered, (std::vector<std::string>{"m99", "m990", "m991", "m992", "m993", "m994",
                                                "m995", "m996", "m997", "m998", "m999"}));
}

TEST(ZScan, Errors) {
  Harness h;
  EXPECT_EQ(h.run({"ZADD", "z", "1", "a"}), integer(1));
  EXPECT_EQ(h.run({"SET", "s", "v"}), ok());
  EXPECT_EQ(h.run({"ZSCAN", "z", "x"}), error("ERR invalid cursor"));
  EXPECT_EQ(h.run({"ZSCAN", "z", "0", "COUNT", "0"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"ZSCAN", "z", "0", "COUNT", "x"}),
            error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"ZSCAN", "z", "0", "MATCH"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"ZSCAN", "z", "0", "TYPE", "zset"}), error("ERR syntax error"));
  // A missing key answers before the options are looked at; a wrong type too.
  EXPECT_EQ(h.run({"ZSCAN", "nokey", "0", "COUNT", "0"}), array({bulk("0"), bulks({})}));
  EXPECT_EQ(h.run({"ZSCAN", "s", "0", "COUNT", "0"}),
            error("WRONGTYPE Operation against a key holding the wrong kind of value"));
  EXPECT_EQ(h.run({"ZSCAN", "nokey", "x"}), error("ERR invalid cursor"));
  EXPECT_EQ(h.run({"ZSCAN", "z"}), error("ERR wrong number of arguments for 'zscan' command"));
}

// ---- ZRANDMEMBER --------------------------------------------------------------------------

class ZSetRandom : public ::testing::TestWithParam<Enc> {};
INSTANTIATE_TEST_SUITE_P(Encodings, ZSetRandom, ::testing::Values(Enc::kListpack, Enc::kSkiplist),
                         [](const auto& info) { return enc_name(info.param); });

TEST_P(ZSetRandom, ZRandMember) {
  Harness h;
  use_encoding(h, GetParam());
  std::map<std::string, std::string> score = {
      {"a", "1"}, {"b", "2.5"}, {"c", "3"}, {"d", "4"}, {"e", "inf"}};
  EXPECT_EQ(h.run({"ZADD", "z", "1", "a", "2.5", "b", "3", "c", "4", "d", "inf", "e"}), integer(5));
  for (int i = 0; i < 20; ++i) {
    std::vector<std::string> one = flat("*1\r\n" + h.run({"ZRANDMEMBER", "z"}));
    ASSERT_EQ(one.size(), 1u);
    EXPECT_TRUE(score.count(one[0]));
  }
  EXPECT_EQ(h.run({"ZRANDMEMBER", "nokey"}), nil());
  EXPECT_EQ(h.run({"ZRANDMEMBER", "nokey", "3"}), array({}));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "0"}), array({}));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "0", "WITHSCORES"}), array({}));
  // At least the whole set: all of it, from the top (as Redis walks it).
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "5"}), bulks({"e", "d", "c", "b", "a"}));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "50", "WITHSCORES"}),
            bulks({"e", "inf", "d", "4", "c", "3", "b", "2.5", "a", "1"}));
  for (int count : {1, 2, 3, 4}) {
    for (int round = 0; round < 10; ++round) {
      std::vector<std::string> r =
          flat(h.run({"ZRANDMEMBER", "z", std::to_string(count), "WITHSCORES"}));
      ASSERT_EQ(r.size(), 2u * count);
      std::set<std::string> distinct;
      for (size_t i = 0; i < r.size(); i += 2) {
        ASSERT_TRUE(score.count(r[i])) << r[i];
        EXPECT_EQ(r[i + 1], score[r[i]]);
        distinct.insert(r[i]);
      }
      EXPECT_EQ(distinct.size(), static_cast<size_t>(count));
    }
  }
  // Negative: exactly |count|, repetitions allowed.
  std::vector<std::string> many = flat(h.run({"ZRANDMEMBER", "z", "-100"}));
  ASSERT_EQ(many.size(), 100u);
  std::set<std::string> kinds(many.begin(), many.end());
  EXPECT_EQ(kinds.size(), 5u);  // 100 draws of 5 hit everyone (p of failure ~ 1e-9)
  std::vector<std::string> ws = flat(h.run({"ZRANDMEMBER", "z", "-7", "WITHSCORES"}));
  ASSERT_EQ(ws.size(), 14u);
  for (size_t i = 0; i < ws.size(); i += 2) EXPECT_EQ(ws[i + 1], score[ws[i]]);

  h.client.resp = 3;
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "-1", "WITHSCORES"}).substr(0, 8), "*1\r\n*2\r\n");
}

TEST_P(ZSetRandom, ZRandMemberDistinctOnBigSets) {
  Harness h;
  use_encoding(h, GetParam());
  std::vector<std::string> argv = {"ZADD", "z"};
  for (int i = 0; i < 120; ++i) {
    argv.push_back(std::to_string(i));
    argv.push_back(member(i));
  }
  h.run(argv);
  for (int count : {10, 50, 119}) {  // the sparse and the dense strategies
    std::vector<std::string> r = flat(h.run({"ZRANDMEMBER", "z", std::to_string(count)}));
    ASSERT_EQ(r.size(), static_cast<size_t>(count));
    std::set<std::string> distinct(r.begin(), r.end());
    EXPECT_EQ(distinct.size(), static_cast<size_t>(count));
    for (const auto& m : r) EXPECT_EQ(m[0], 'm');
  }
}

TEST(ZSetRandom, Errors) {
  Harness h;
  EXPECT_EQ(h.run({"ZADD", "z", "1", "a"}), integer(1));
  EXPECT_EQ(h.run({"SET", "s", "v"}), ok());
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "x"}), error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "-9223372036854775808"}),
            error("ERR value is out of range, value must between -9223372036854775807 and "
                  "9223372036854775807"));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "4611686018427387904", "WITHSCORES"}),
            error("ERR value is out of range"));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "-4611686018427387904", "WITHSCORES"}),
            error("ERR value is out of range"));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "4611686018427387903", "WITHSCORES"}), bulks({"a", "1"}));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "1", "foo"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "z", "1", "WITHSCORES", "x"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "s"}),
            error("WRONGTYPE Operation against a key holding the wrong kind of value"));
  EXPECT_EQ(h.run({"ZRANDMEMBER", "s", "1"}),
            error("WRONGTYPE Operation against a key holding the wrong kind of value"));
  // Argument errors come before the key is looked at.
  EXPECT_EQ(h.run({"ZRANDMEMBER", "s", "1", "foo"}), error("ERR syntax error"));
}

// ---- formatting, lifetimes, bookkeeping ----------------------------------------------------

TEST_P(ZSetGolden, ScoreFormatting) {
  Harness h;
  use_encoding(h, GetParam());
  EXPECT_EQ(h.run({"ZADD", "z", "1", "one", "1.5", "half", "0.1", "tenth", "inf", "pinf", "-inf",
                   "ninf", "1e20", "big", "-2.5e-10", "tiny"}),
            integer(7));
  EXPECT_EQ(h.run({"ZSCORE", "z", "one"}), bulk("1"));
  EXPECT_EQ(h.run({"ZSCORE", "z", "half"}), bulk("1.5"));
  EXPECT_EQ(h.run({"ZSCORE", "z", "tenth"}), bulk("0.10000000000000001"));
  EXPECT_EQ(h.run({"ZSCORE", "z", "pinf"}), bulk("inf"));
  EXPECT_EQ(h.run({"ZSCORE", "z", "ninf"}), bulk("-inf"));
  EXPECT_EQ(h.run({"ZSCORE", "z", "big"}), bulk("1e+20"));
  EXPECT_EQ(h.run({"ZSCORE", "z", "tiny"}), bulk("-2.5000000000000002e-10"));
  EXPECT_EQ(h.run({"ZINCRBY", "z", "0.2", "tenth"}), bulk("0.30000000000000004"));
  // Redis stores integral scores in a listpack as integers, so -0 reads back as 0
  // there and as -0 from a skiplist.
  EXPECT_EQ(h.run({"ZADD", "z", "-0", "negzero"}), integer(1));
  EXPECT_EQ(h.run({"ZSCORE", "z", "negzero"}), bulk(GetParam() == Enc::kListpack ? "0" : "-0"));
}

TEST_P(ZSetGolden, EmptiedZsetDisappears) {
  Harness h;
  use_encoding(h, GetParam());
  auto refill = [&] { ASSERT_EQ(h.run({"ZADD", "z", "1", "a", "2", "b"}), integer(2)); };
  refill();
  EXPECT_EQ(h.run({"ZREM", "z", "a", "b"}), integer(2));
  EXPECT_EQ(h.run({"EXISTS", "z"}), integer(0));
  refill();
  EXPECT_EQ(h.run({"ZPOPMAX", "z", "5"}), bulks({"b", "2", "a", "1"}));
  EXPECT_EQ(h.run({"TYPE", "z"}), simple("none"));
  refill();
  EXPECT_EQ(h.run({"ZMPOP", "1", "z", "MIN", "COUNT", "2"}),
            array({bulk("z"), array({bulks({"a", "1"}), bulks({"b", "2"})})}));
  EXPECT_EQ(h.run({"EXISTS", "z"}), integer(0));
  refill();
  EXPECT_EQ(h.run({"ZREMRANGEBYSCORE", "z", "-inf", "+inf"}), integer(2));
  EXPECT_EQ(h.run({"EXISTS", "z"}), integer(0));
  refill();
  EXPECT_EQ(h.run({"ZREMRANGEBYLEX", "z", "-", "+"}), integer(2));
  EXPECT_EQ(h.run({"EXISTS", "z"}), integer(0));
  refill();
  EXPECT_EQ(h.run({"ZREMRANGEBYRANK", "z", "0", "-1"}), integer(2));
  EXPECT_EQ(h.run({"EXISTS", "z"}), integer(0));
  refill();
  EXPECT_EQ(h.run({"ZRANGESTORE", "z", "z", "5", "10"}), integer(0));
  EXPECT_EQ(h.run({"EXISTS", "z"}), integer(0));
  // A key that never came to exist stays absent.
  EXPECT_EQ(h.run({"ZADD", "x", "XX", "1", "a"}), integer(0));
  EXPECT_EQ(h.run({"EXISTS", "x"}), integer(0));
}

TEST(ZSetBookkeeping, DirtyCountsLikeRedis) {
  Harness h;
  auto dirty = [&] { return h.keyspace.dirty(); };
  uint64_t d = dirty();
  h.run({"ZADD", "z", "1", "a", "2", "b", "3", "c"});
  EXPECT_EQ(dirty() - d, 3u);
  d = dirty();
  h.run({"ZADD", "z", "1", "a", "5", "b"});  // one changed
  EXPECT_EQ(dirty() - d, 1u);
  d = dirty();
  h.run({"ZRANGE", "z", "0", "-1"});
  h.run({"ZADD", "z", "XX", "1", "nope"});
  EXPECT_EQ(dirty() - d, 0u);
  h.run({"ZPOPMIN", "z", "2"});
  EXPECT_EQ(dirty() - d, 2u);
  d = dirty();
  h.run({"ZRANGESTORE", "d", "z", "0", "-1"});
  EXPECT_EQ(dirty() - d, 1u);
  d = dirty();
  h.run({"ZUNIONSTORE", "e", "1", "nokey"});  // nothing stored, nothing deleted
  EXPECT_EQ(dirty() - d, 0u);
  h.run({"ZINTERSTORE", "d", "1", "nokey"});  // deletes d
  EXPECT_EQ(dirty() - d, 1u);
  d = dirty();
  h.run({"ZREMRANGEBYSCORE", "z", "-inf", "+inf"});
  EXPECT_EQ(dirty() - d, 1u);
}

TEST(ZSetBookkeeping, ArityAndCommandInfo) {
  Harness h;
  EXPECT_EQ(h.run({"ZRANGESTORE", "d", "s", "0"}),
            error("ERR wrong number of arguments for 'zrangestore' command"));
  EXPECT_EQ(h.run({"ZRANK", "z", "a", "WITHSCORE"}),
            error("ERR wrong number of arguments for 'zrank' command"));
  EXPECT_EQ(h.run({"ZCARD"}), error("ERR wrong number of arguments for 'zcard' command"));
  EXPECT_EQ(h.run({"ZMPOP", "1", "z"}), error("ERR wrong number of arguments for 'zmpop' command"));
  EXPECT_EQ(h.run({"ZINTERCARD", "1"}),
            error("ERR wrong number of arguments for 'zintercard' command"));
  EXPECT_EQ(h.run({"COMMAND", "GETKEYS", "ZRANGESTORE", "dst", "src", "0", "-1"}),
            bulks({"dst", "src"}));
}

TEST(ZSetBookkeeping, SetInputsWithIntsetAndHashtableEncodings) {
  Harness h;
  // A big set (hashtable) and an intset next to a sorted set.
  std::vector<std::string> argv = {"SADD", "big"};
  for (int i = 0; i < 300; ++i) argv.push_back(member(i));
  ASSERT_EQ(h.run(argv), integer(300));
  ASSERT_EQ(h.run({"SADD", "ints", "1", "2", "300"}), integer(3));
  ASSERT_EQ(h.run({"ZADD", "z", "5", "m1", "7", "m299", "9", "2", "11", "x"}), integer(4));
  EXPECT_EQ(h.run({"ZINTER", "2", "big", "z", "WITHSCORES"}), bulks({"m1", "6", "m299", "8"}));
  EXPECT_EQ(h.run({"ZINTER", "2", "z", "ints", "WEIGHTS", "2", "3", "WITHSCORES"}),
            bulks({"2", "21"}));
  EXPECT_EQ(h.run({"ZINTERCARD", "2", "big", "z"}), integer(2));
  EXPECT_EQ(h.run({"ZDIFF", "3", "z", "big", "ints", "WITHSCORES"}), bulks({"x", "11"}));
  EXPECT_EQ(h.run({"ZUNIONSTORE", "u", "2", "big", "ints"}), integer(303));
  EXPECT_EQ(h.run({"ZCOUNT", "u", "1", "1"}), integer(303));
  EXPECT_EQ(h.run({"ZRANGE", "u", "0", "3"}), bulks({"1", "2", "300", "m0"}));
}

}  // namespace
}  // namespace ironkv::test
