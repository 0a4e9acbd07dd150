// SORT and SORT_RO in process, asserting the bytes redis-server 7.0.15 sent for the
// same command sequences (lists, sets, sorted sets, BY/GET patterns with hash fields,
// LIMIT, ALPHA, STORE, numeric parsing and its errors).
//
// One deliberate difference is not exercised by those sequences: Redis parses scores
// with strtod without resetting errno, so an earlier underflow ("1e-400") can make a
// later, valid SORT fail with "can't be converted"; IronKV resets it (the third table's
// "sort st" expects the sorted reply Redis gives on a fresh server).

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "core/store/value.h"
#include "harness.h"

namespace ironkv::test {
namespace {

// A literal with its embedded NUL bytes.
template <size_t N>
std::string S(const char (&s)[N]) {
  return std::string(s, N - 1);
}

struct Step {
  std::vector<std::string> argv;
  std::string reply;
};

void run_steps(Harness& h, const std::vector<Step>& steps) {
  for (const Step& s : steps) {
    std::string cmd;
    for (const auto& a : s.argv) cmd += a + " ";
    EXPECT_EQ(h.run(s.argv), s.reply) << cmd;
  }
}

std::string encoding(Harness& h, std::string_view key) {
  auto* n = h.keyspace.db(0).find_node(key);
  return n == nullptr ? "<none>" : std::string(store::encoding_name(n->value.encoding()));
}

// Numeric and ALPHA order, LIMIT, BY nosort, BY/GET with strings and hash fields,
// STORE, errors; sets and sorted sets.
TEST(Sort, MatchesRedisOnListsSetsAndSortedSets) {
  Harness h;
  // clang-format off
  run_steps(h, {
      {{S("flushall")}, S("+OK\r\n")},
      {{S("rpush"), S("l"), S("3"), S("1"), S("2"), S("10"), S("-1"), S("1.5")}, S(":6\r\n")},
      {{S("sort"), S("l")}, S("*6\r\n$2\r\n-1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n")},
      {{S("sort"), S("l"), S("desc")}, S("*6\r\n$2\r\n10\r\n$1\r\n3\r\n$1\r\n2\r\n$3\r\n1.5\r\n$1\r\n1\r\n$2\r\n-1\r\n")},
      {{S("sort"), S("l"), S("alpha")}, S("*6\r\n$2\r\n-1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n3\r\n")},
      {{S("sort"), S("l"), S("alpha"), S("desc")}, S("*6\r\n$1\r\n3\r\n$1\r\n2\r\n$2\r\n10\r\n$3\r\n1.5\r\n$1\r\n1\r\n$2\r\n-1\r\n")},
      {{S("sort"), S("l"), S("limit"), S("1"), S("2")}, S("*2\r\n$1\r\n1\r\n$3\r\n1.5\r\n")},
      {{S("sort"), S("l"), S("limit"), S("-1"), S("2")}, S("*2\r\n$2\r\n-1\r\n$1\r\n1\r\n")},
      {{S("sort"), S("l"), S("limit"), S("1"), S("-1")}, S("*5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n")},
      {{S("sort"), S("l"), S("limit"), S("10"), S("2")}, S("*0\r\n")},
      {{S("sort"), S("l"), S("limit"), S("0"), S("0")}, S("*0\r\n")},
      {{S("sort"), S("l"), S("limit"), S("a"), S("2")}, S("-ERR value is not an integer or out of range\r\n")},
      {{S("sort"), S("l"), S("limit"), S("1")}, S("-ERR syntax error\r\n")},
      {{S("sort"), S("l"), S("by"), S("nosort")}, S("*6\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n$2\r\n10\r\n$2\r\n-1\r\n$3\r\n1.5\r\n")},
      {{S("sort"), S("l"), S("by"), S("nosort"), S("desc")}, S("*6\r\n$3\r\n1.5\r\n$2\r\n-1\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n1\r\n$1\r\n3\r\n")},
      {{S("sort"), S("l"), S("by"), S("nosort"), S("limit"), S("1"), S("2")}, S("*2\r\n$1\r\n1\r\n$1\r\n2\r\n")},
      {{S("sort"), S("l"), S("by"), S("nosort"), S("desc"), S("limit"), S("1"), S("2")}, S("*2\r\n$2\r\n-1\r\n$2\r\n10\r\n")},
      {{S("sort"), S("l"), S("by"), S("nosort"), S("limit"), S("5"), S("5")}, S("*1\r\n$3\r\n1.5\r\n")},
      {{S("sort"), S("l"), S("foo")}, S("-ERR syntax error\r\n")},
      {{S("sort"), S("l"), S("store")}, S("-ERR syntax error\r\n")},
      {{S("sort_ro"), S("l"), S("store"), S("d")}, S("-ERR syntax error\r\n")},
      {{S("sort_ro"), S("l")}, S("*6\r\n$2\r\n-1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n")},
      {{S("sort"), S("nokey")}, S("*0\r\n")},
      {{S("sort"), S("nokey"), S("store"), S("d")}, S(":0\r\n")},
      {{S("set"), S("s"), S("x")}, S("+OK\r\n")},
      {{S("sort"), S("s")}, S("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n")},
      {{S("sort"), S("s"), S("store"), S("d")}, S("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n")},
      {{S("rpush"), S("w"), S("a"), S("b"), S("1")}, S(":3\r\n")},
      {{S("sort"), S("w")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("sort"), S("w"), S("alpha")}, S("*3\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\nb\r\n")},
      {{S("mset"), S("w_a"), S("3"), S("w_b"), S("1"), S("w_1"), S("2")}, S("+OK\r\n")},
      {{S("sort"), S("w"), S("by"), S("w_*")}, S("*3\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\na\r\n")},
      {{S("sort"), S("w"), S("by"), S("w_*"), S("get"), S("#")}, S("*3\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\na\r\n")},
      {{S("sort"), S("w"), S("by"), S("w_*"), S("get"), S("#"), S("get"), S("w_*")}, S("*6\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n3\r\n")},
      {{S("sort"), S("w"), S("by"), S("w_*"), S("get"), S("nope")}, S("*3\r\n$-1\r\n$-1\r\n$-1\r\n")},
      {{S("sort"), S("w"), S("by"), S("w_*"), S("get"), S("w_*->f")}, S("*3\r\n$-1\r\n$-1\r\n$-1\r\n")},
      {{S("hset"), S("h_a"), S("f"), S("10")}, S(":1\r\n")},
      {{S("hset"), S("h_b"), S("f"), S("5")}, S(":1\r\n")},
      {{S("sort"), S("w"), S("by"), S("h_*->f"), S("get"), S("h_*->f"), S("get"), S("#")}, S("*6\r\n$-1\r\n$1\r\n1\r\n$1\r\n5\r\n$1\r\nb\r\n$2\r\n10\r\n$1\r\na\r\n")},
      {{S("sort"), S("w"), S("by"), S("h_*->f"), S("alpha"), S("get"), S("h_*->f")}, S("*3\r\n$-1\r\n$2\r\n10\r\n$1\r\n5\r\n")},
      {{S("sort"), S("w"), S("by"), S("h_*->"), S("get"), S("#")}, S("*3\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\nb\r\n")},
      {{S("sort"), S("w"), S("by"), S("nosort"), S("get"), S("w_*"), S("store"), S("dst")}, S(":3\r\n")},
      {{S("lrange"), S("dst"), S("0"), S("-1")}, S("*3\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n")},
      {{S("sort"), S("w"), S("by"), S("w_*"), S("store"), S("dst2")}, S(":3\r\n")},
      {{S("lrange"), S("dst2"), S("0"), S("-1")}, S("*3\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\na\r\n")},
      {{S("sort"), S("w"), S("by"), S("w_*"), S("get"), S("#"), S("get"), S("w_*"), S("store"), S("dst3")}, S(":6\r\n")},
      {{S("lrange"), S("dst3"), S("0"), S("-1")}, S("*6\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n3\r\n")},
      {{S("sort"), S("w"), S("by"), S("w_*"), S("get"), S("nope"), S("store"), S("dst4")}, S(":3\r\n")},
      {{S("lrange"), S("dst4"), S("0"), S("-1")}, S("*3\r\n$0\r\n\r\n$0\r\n\r\n$0\r\n\r\n")},
      {{S("rpush"), S("bad"), S("1"), S("abc")}, S(":2\r\n")},
      {{S("sort"), S("bad")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("sort"), S("bad"), S("store"), S("d5")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("exists"), S("d5")}, S(":0\r\n")},
      {{S("sort"), S("bad"), S("alpha")}, S("*2\r\n$1\r\n1\r\n$3\r\nabc\r\n")},
      {{S("rpush"), S("emp"), S("x")}, S(":1\r\n")},
      {{S("set"), S("d6"), S("zzz")}, S("+OK\r\n")},
      {{S("sort"), S("nokey"), S("store"), S("d6")}, S(":0\r\n")},
      {{S("exists"), S("d6")}, S(":0\r\n")},
      {{S("rpush"), S("ws"), S(" 1"), S("2 "), S("0x10"), S("inf"), S(""), S("1e400")}, S(":6\r\n")},
      {{S("sort"), S("ws")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("sort"), S("ws"), S("limit"), S("0"), S("4")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("rpush"), S("ws2"), S(" 1"), S("0x10"), S("inf"), S(""), S("-inf"), S("1e-400")}, S(":6\r\n")},
      {{S("sort"), S("ws2")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("sort"), S("ws2"), S("desc")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("sadd"), S("st"), S("3"), S("1"), S("2")}, S(":3\r\n")},
      {{S("sort"), S("st")}, S("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n")},
      {{S("sort"), S("st"), S("by"), S("nosort")}, S("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n")},
      {{S("sort"), S("st"), S("by"), S("nosort"), S("store"), S("d7")}, S(":3\r\n")},
      {{S("lrange"), S("d7"), S("0"), S("-1")}, S("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n")},
      {{S("sadd"), S("st2"), S("c"), S("a"), S("b")}, S(":3\r\n")},
      {{S("sort"), S("st2"), S("alpha")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("st2"), S("by"), S("nosort"), S("store"), S("d8")}, S(":3\r\n")},
      {{S("lrange"), S("d8"), S("0"), S("-1")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("zadd"), S("z"), S("1"), S("c"), S("2"), S("a"), S("3"), S("b")}, S(":3\r\n")},
      {{S("sort"), S("z"), S("by"), S("nosort")}, S("*3\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n")},
      {{S("sort"), S("z"), S("by"), S("nosort"), S("desc")}, S("*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n")},
      {{S("sort"), S("z"), S("by"), S("nosort"), S("limit"), S("1"), S("5")}, S("*2\r\n$1\r\na\r\n$1\r\nb\r\n")},
      {{S("sort"), S("z"), S("by"), S("nosort"), S("desc"), S("limit"), S("1"), S("1")}, S("*1\r\n$1\r\na\r\n")},
      {{S("sort"), S("z"), S("alpha")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("by"), S("w_*")}, S("*6\r\n$2\r\n-1\r\n$3\r\n1.5\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n1\r\n")},
      {{S("rpush"), S("ties"), S("b"), S("a"), S("c")}, S(":3\r\n")},
      {{S("sort"), S("ties"), S("by"), S("nothere_*")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("ties"), S("by"), S("nothere_*"), S("desc")}, S("*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n")},
      {{S("sort"), S("ties"), S("by"), S("nothere_*"), S("alpha")}, S("*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n")},
      {{S("sort"), S("ties"), S("by"), S("nothere_*"), S("alpha"), S("desc")}, S("*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("get"), S("#")}, S("*6\r\n$2\r\n-1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n")},
      {{S("sort"), S("l"), S("asc"), S("desc"), S("asc")}, S("*6\r\n$2\r\n-1\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n")},
      {{S("sort"), S("l"), S("limit"), S("0"), S("2"), S("limit"), S("1"), S("2")}, S("*2\r\n$1\r\n1\r\n$3\r\n1.5\r\n")},
      {{S("sort"), S("l"), S("store"), S("d9"), S("store"), S("d10")}, S(":6\r\n")},
      {{S("exists"), S("d9"), S("d10")}, S(":1\r\n")},
  });
  // clang-format on
}

// strtod's rules for scores: leading spaces, up to the first NUL; equal scores in
// byte order, reversed whole by DESC.
TEST(Sort, ScoresParseLikeStrtod) {
  Harness h;
  // clang-format off
  run_steps(h, {
      {{S("flushall")}, S("+OK\r\n")},
      {{S("rpush"), S("a6"), S("1\000abc"), S("0")}, S(":2\r\n")},
      {{S("sort"), S("a6")}, S("*2\r\n$1\r\n0\r\n$5\r\n1\000abc\r\n")},
      {{S("rpush"), S("a8"), S("  -3"), S("\t2")}, S(":2\r\n")},
      {{S("sort"), S("a8")}, S("*2\r\n$4\r\n  -3\r\n$2\r\n\t2\r\n")},
      {{S("rpush"), S("a9"), S("1.0"), S("1"), S("01")}, S(":3\r\n")},
      {{S("sort"), S("a9")}, S("*3\r\n$2\r\n01\r\n$1\r\n1\r\n$3\r\n1.0\r\n")},
      {{S("sort"), S("a9"), S("desc")}, S("*3\r\n$3\r\n1.0\r\n$1\r\n1\r\n$2\r\n01\r\n")},
  });
  // clang-format on
}

// Patterns: the first '*' only, "->" after it, NUL bytes, no '*' (nosort), GET on
// missing fields; STORE replaces any value and TTL; huge LIMITs.
TEST(Sort, PatternsStoreAndLimits) {
  Harness h;
  // clang-format off
  run_steps(h, {
      {{S("flushall")}, S("+OK\r\n")},
      {{S("rpush"), S("l"), S("a"), S("b"), S("c")}, S(":3\r\n")},
      {{S("mset"), S("p_a"), S("3"), S("p_b"), S("1"), S("p_c"), S("2")}, S("+OK\r\n")},
      {{S("hset"), S("h_a"), S("f"), S("30"), S("g"), S("x")}, S(":2\r\n")},
      {{S("hset"), S("h_c"), S("f"), S("10")}, S(":1\r\n")},
      {{S("sort"), S("l"), S("by"), S("p_*"), S("get"), S("#"), S("get"), S("h_*->f"), S("get"), S("h_*->g")}, S("*9\r\n$1\r\nb\r\n$-1\r\n$-1\r\n$1\r\nc\r\n$2\r\n10\r\n$-1\r\n$1\r\na\r\n$2\r\n30\r\n$1\r\nx\r\n")},
      {{S("sort"), S("l"), S("by"), S("h_*->f"), S("get"), S("#")}, S("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n")},
      {{S("sort"), S("l"), S("by"), S("h_*->f"), S("desc"), S("get"), S("#")}, S("*3\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\nb\r\n")},
      {{S("sort"), S("l"), S("by"), S("x->f_*"), S("get"), S("#")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("set"), S("x->f_a"), S("9")}, S("+OK\r\n")},
      {{S("sort"), S("l"), S("by"), S("x->f_*"), S("get"), S("#")}, S("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n")},
      {{S("sort"), S("l"), S("by"), S("p_*->f"), S("get"), S("#")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("get"), S("p_*->")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("sort"), S("l"), S("by"), S("p_*"), S("get"), S("h_*->nosuch")}, S("*3\r\n$-1\r\n$-1\r\n$-1\r\n")},
      {{S("sort"), S("l"), S("by"), S("p_*"), S("limit"), S("0"), S("2"), S("get"), S("#")}, S("*2\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("by"), S("p_*"), S("limit"), S("1"), S("1"), S("desc")}, S("*1\r\n$1\r\nc\r\n")},
      {{S("set"), S("dst"), S("old")}, S("+OK\r\n")},
      {{S("expire"), S("dst"), S("100")}, S(":1\r\n")},
      {{S("sort"), S("l"), S("by"), S("p_*"), S("store"), S("dst")}, S(":3\r\n")},
      {{S("ttl"), S("dst")}, S(":-1\r\n")},
      {{S("lrange"), S("dst"), S("0"), S("-1")}, S("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n")},
      {{S("sort"), S("l"), S("alpha"), S("store"), S("l")}, S(":3\r\n")},
      {{S("lrange"), S("l"), S("0"), S("-1")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("by"), S("nosort\000*"), S("get"), S("#")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("by"), S("p_x00*"), S("get"), S("#")}, S("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("get"), S("p_*\000zz")}, S("-ERR One or more scores can't be converted into double\r\n")},
      {{S("sort"), S("l"), S("alpha"), S("limit"), S("9223372036854775807"), S("9223372036854775807")}, S("*0\r\n")},
      {{S("sort"), S("l"), S("alpha"), S("limit"), S("1"), S("9223372036854775807")}, S("*2\r\n$1\r\nb\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("alpha"), S("limit"), S("2"), S("9223372036854775807")}, S("*1\r\n$1\r\nc\r\n")},
      {{S("sort"), S("l"), S("alpha"), S("limit"), S("-9223372036854775808"), S("1")}, S("*1\r\n$1\r\na\r\n")},
      {{S("sadd"), S("big"), S("1"), S("2"), S("3"), S("4"), S("5"), S("6"), S("7"), S("8"), S("9"), S("10"), S("11"), S("12"), S("13"), S("14"), S("15"), S("16"), S("17"), S("18"), S("19"), S("20"), S("x")}, S(":21\r\n")},
      {{S("sort"), S("big"), S("alpha"), S("limit"), S("0"), S("5")}, S("*5\r\n$1\r\n1\r\n$2\r\n10\r\n$2\r\n11\r\n$2\r\n12\r\n$2\r\n13\r\n")},
      {{S("sort"), S("big"), S("by"), S("nosort"), S("alpha"), S("limit"), S("0"), S("3"), S("store"), S("bs")}, S(":3\r\n")},
      {{S("lrange"), S("bs"), S("0"), S("-1")}, S("*3\r\n$1\r\n1\r\n$2\r\n10\r\n$2\r\n11\r\n")},
      {{S("sort_ro"), S("l"), S("by"), S("p_*"), S("get"), S("#")}, S("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n")},
      {{S("zadd"), S("zz"), S("1"), S("a"), S("2"), S("b"), S("3"), S("c")}, S(":3\r\n")},
      {{S("sort"), S("zz"), S("by"), S("p_*"), S("get"), S("#")}, S("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n")},
      {{S("sort"), S("zz"), S("by"), S("nosort"), S("get"), S("p_*")}, S("*3\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n")},
      {{S("sort"), S("zz"), S("by"), S("nosort"), S("desc"), S("limit"), S("0"), S("2"), S("store"), S("zs")}, S(":2\r\n")},
      {{S("lrange"), S("zs"), S("0"), S("-1")}, S("*2\r\n$1\r\nc\r\n$1\r\nb\r\n")},
      {{S("lpush"), S("nums"), S("10"), S("9"), S("8")}, S(":3\r\n")},
      {{S("sort"), S("nums"), S("by"), S("nosort"), S("get"), S("#"), S("desc")}, S("*3\r\n$2\r\n10\r\n$1\r\n9\r\n$1\r\n8\r\n")},
  });
  // clang-format on
}

TEST(Sort, StoredListsTakeTheListEncodings) {
  Harness h;
  h.run({"rpush", "src", "3", "1", "2"});
  EXPECT_EQ(h.run({"sort", "src", "store", "small"}), integer(3));
  EXPECT_EQ(encoding(h, "small"), "listpack");
  std::vector<std::string> argv{"rpush", "big"};
  for (int i = 0; i < 5000; ++i) argv.push_back(std::to_string(i));
  h.run(argv);
  EXPECT_EQ(h.run({"sort", "big", "store", "sorted"}), integer(5000));
  EXPECT_EQ(encoding(h, "sorted"), "quicklist");
  EXPECT_EQ(h.run({"lindex", "sorted", "-1"}), bulk("4999"));
}

TEST(Sort, SortedSetsBecomeSkiplistsLikeRedis70) {
  Harness h;
  h.run({"zadd", "z", "1", "a", "2", "b"});
  EXPECT_EQ(encoding(h, "z"), "listpack");
  EXPECT_EQ(h.run({"sort_ro", "z", "by", "nosort"}), bulks({"a", "b"}));
  EXPECT_EQ(encoding(h, "z"), "skiplist");
}

TEST(Sort, StoreCountsDirtyAndDeletesOnEmpty) {
  Harness h;
  const uint64_t d0 = h.keyspace.dirty();
  h.run({"rpush", "l", "b", "a"});
  EXPECT_EQ(h.run({"sort", "l", "alpha", "store", "d"}), integer(2));
  EXPECT_EQ(h.keyspace.dirty(), d0 + 4);
  EXPECT_EQ(h.run({"sort", "nokey", "store", "d"}), integer(0));
  EXPECT_EQ(h.keyspace.dirty(), d0 + 5);
  EXPECT_EQ(h.run({"exists", "d"}), integer(0));
  EXPECT_EQ(h.run({"sort", "nokey", "store", "d"}), integer(0));
  EXPECT_EQ(h.keyspace.dirty(), d0 + 5);
  EXPECT_EQ(h.run({"sort_ro", "l", "alpha"}), bulks({"a", "b"}));
  EXPECT_EQ(h.run({"sort"}), error("ERR wrong number of arguments for 'sort' command"));
}

}  // namespace
}  // namespace ironkv::test
