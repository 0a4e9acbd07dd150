// Streams against redis-server 7.0.15: a few thousand generated XADD / XRANGE /
// XDEL / XTRIM / XSETID / XGROUP / XREADGROUP / XACK / XPENDING / XCLAIM /
// XAUTOCLAIM / XREAD / XINFO commands, good and bad, compared byte for byte
// (tests/compat/stream_diff.py; the few wall-clock integers in XPENDING and
// XINFO replies are normalized on both sides); a stream with groups and PELs
// moving through dump.rdb between redis-server and IronKV both ways with the
// same XINFO STREAM FULL; redis-py's stream API and a python-rq job whose
// result lives in a stream (python_streams.py); ioredis (node_streams.js).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/redis_server.h"
#include "support/resp_client.h"
#include "support/script_check.h"
#include "support/server_process.h"
#include "support/shared_server_fixture.h"

namespace ironkv::test {
namespace {

TEST(StreamCompat, RepliesMatchRedisByteForByte) {
  RedisServer redis;
  if (!redis.installed())
    GTEST_SKIP() << "redis-server not installed (Debian package redis-server)";
  ASSERT_TRUE(redis.ready()) << redis.log();
  std::string python = find_python3();
  ASSERT_FALSE(python.empty());
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  expect_script_passes({python, source_path("tests/compat/stream_diff.py"),
                        std::to_string(server.port()), std::to_string(redis.port()), "3000"},
                       "stream diff ok", milliseconds(120000));
}

std::string raw_call(int port, const std::vector<std::string>& args) {
  Client c = Client::connect(port);
  if (!c.send(resp_command(args))) return "<send failed>";
  return c.read_until([](std::string_view b) { return reply_length(b).has_value(); },
                      kDefaultTimeout);
}

// Every kind of stream state RDB carries: several nodes (node-max-entries 3),
// tombstones, a trimmed head, a raised last ID, groups with PELs spread over
// consumers, an idle consumer, NOACK reads and an unknown entries-read.
void fill(int port) {
  const std::vector<std::vector<std::string>> cmds = {
      {"CONFIG", "SET", "stream-node-max-entries", "3"},
      {"XADD", "st", "1-1", "a", "1"},
      {"XADD", "st", "2-0", "a", "2", "b", "bb"},
      {"XADD", "st", "3-7", "a", "3"},
      {"XADD", "st", "4-0", "long", std::string(300, 'z')},
      {"XADD", "st", "5-0", "a", "12345678901"},
      {"XADD", "st", "6-0", "a", "-7"},
      {"XADD", "st", "7-0", "a", "7"},
      {"XADD", "st", "8-0", "a", "8"},
      {"XDEL", "st", "3-7", "7-0"},
      {"XTRIM", "st", "MINID", "2-0"},
      {"XGROUP", "CREATE", "st", "g1", "0"},
      {"XGROUP", "CREATE", "st", "g2", "$", "ENTRIESREAD", "6"},
      {"XGROUP", "CREATE", "st", "12", "3-0"},
      {"XREADGROUP", "GROUP", "g1", "alice", "COUNT", "2", "STREAMS", "st", ">"},
      {"XREADGROUP", "GROUP", "g1", "bob", "COUNT", "2", "STREAMS", "st", ">"},
      {"XCLAIM", "st", "g1", "bob", "0", "2-0", "RETRYCOUNT", "9", "TIME", "1700000000000"},
      {"XREADGROUP", "GROUP", "12", "c", "NOACK", "STREAMS", "st", ">"},
      {"XGROUP", "CREATECONSUMER", "st", "g2", "idle"},
      {"XSETID", "st", "100-0"},
      {"XADD", "empty", "1-0", "x", "y"},
      {"XDEL", "empty", "1-0"},
  };
  for (const auto& c : cmds) raw_call(port, c);
}

TEST(StreamCompat, DumpRdbBothWaysKeepsXinfoFull) {
  TempDir dir;
  std::string from_redis, empty_from_redis;
  {
    RedisServer redis({}, dir.path());
    if (!redis.installed()) GTEST_SKIP() << "redis-server not installed";
    ASSERT_TRUE(redis.ready()) << redis.log();
    fill(redis.port());
    from_redis = raw_call(redis.port(), {"XINFO", "STREAM", "st", "FULL"});
    empty_from_redis = raw_call(redis.port(), {"XINFO", "STREAM", "empty", "FULL"});
    ASSERT_EQ(from_redis.substr(0, 5), "*18\r\n") << from_redis;
    ASSERT_EQ(raw_call(redis.port(), {"SAVE"}), "+OK\r\n");
    redis.shutdown("NOSAVE");
  }
  {
    ServerProcess iron({"--dir", dir.path()});
    ASSERT_TRUE(iron.ready()) << iron.describe();
    EXPECT_EQ(raw_call(iron.port(), {"XINFO", "STREAM", "st", "FULL"}), from_redis);
    EXPECT_EQ(raw_call(iron.port(), {"XINFO", "STREAM", "empty", "FULL"}), empty_from_redis);
    // And back: IronKV's own stream, saved, loads in redis-server.
    raw_call(iron.port(), {"FLUSHALL"});
    fill(iron.port());
    from_redis = raw_call(iron.port(), {"XINFO", "STREAM", "st", "FULL"});
    ASSERT_EQ(raw_call(iron.port(), {"SAVE"}), "+OK\r\n");
  }
  RedisServer redis({}, dir.path());
  ASSERT_TRUE(redis.ready()) << redis.log();
  EXPECT_EQ(raw_call(redis.port(), {"XINFO", "STREAM", "st", "FULL"}), from_redis);
  EXPECT_EQ(raw_call(redis.port(), {"TYPE", "empty"}), "+stream\r\n");
}

// The keyspace events of every stream command, in order, as redis-server sends them.
std::string stream_events(int port) {
  raw_call(port, {"CONFIG", "SET", "notify-keyspace-events", "KEA"});
  Client sub = Client::connect(port);
  sub.send(resp_command({"PSUBSCRIBE", "__keyevent@0__:*"}));
  sub.read_until([](std::string_view b) { return reply_length(b).has_value(); }, kDefaultTimeout);
  const std::vector<std::vector<std::string>> cmds = {
      {"XADD", "s", "MAXLEN", "1", "1-0", "a", "b"},
      {"XADD", "s", "MAXLEN", "1", "2-0", "a", "b"},
      {"XDEL", "s", "2-0"},
      {"XGROUP", "CREATE", "s", "g", "0"},
      {"XGROUP", "CREATECONSUMER", "s", "g", "c"},
      {"XADD", "s", "3-0", "a", "b"},
      {"XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"},
      {"XCLAIM", "s", "g", "c3", "0", "3-0"},
      {"XAUTOCLAIM", "s", "g", "c4", "0", "0"},
      {"XGROUP", "SETID", "s", "g", "0"},
      {"XGROUP", "DELCONSUMER", "s", "g", "c"},
      {"XGROUP", "DESTROY", "s", "g"},
      {"XSETID", "s", "10-0"},
      {"XTRIM", "s", "MAXLEN", "0"},
      {"DEL", "s"},
      {"PING"}};
  for (const auto& c : cmds) raw_call(port, c);
  // Everything published before the PING's reply has reached the subscriber
  // once a message for DEL has.
  std::string got = sub.read_until(
      [](std::string_view b) { return b.find("__keyevent@0__:del\r\n") != std::string_view::npos; },
      kDefaultTimeout);
  raw_call(port, {"CONFIG", "SET", "notify-keyspace-events", ""});
  return got;
}

TEST(StreamCompat, KeyspaceEventsMatchRedis) {
  RedisServer redis;
  if (!redis.installed()) GTEST_SKIP() << "redis-server not installed";
  ASSERT_TRUE(redis.ready()) << redis.log();
  ServerProcess iron;
  ASSERT_TRUE(iron.ready()) << iron.describe();
  const std::string want = stream_events(redis.port());
  ASSERT_NE(want.find("xgroup-delconsumer"), std::string::npos) << want;
  EXPECT_EQ(stream_events(iron.port()), want);
}

// Which stream commands abort a transaction WATCHing their key: Redis signals
// WATCH only for XADD, XDEL, XTRIM and a new stream, never for group state.
std::string watch_outcomes(int port) {
  auto rpc = [](Client& c, const std::vector<std::string>& args) {
    c.send(resp_command(args));
    return c.read_until([](std::string_view b) { return reply_length(b).has_value(); },
                        kDefaultTimeout);
  };
  Client a = Client::connect(port), b = Client::connect(port);
  for (const auto& c : std::vector<std::vector<std::string>>{
           {"FLUSHALL"},
           {"XADD", "s", "1-0", "f", "v"},
           {"XADD", "s", "2-0", "f", "v"},
           {"XGROUP", "CREATE", "s", "g", "0"},
           {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"}}) {
    rpc(a, c);
  }
  const std::vector<std::vector<std::string>> writes = {
      {"XACK", "s", "g", "1-0"},
      {"XCLAIM", "s", "g", "d", "0", "2-0"},
      {"XAUTOCLAIM", "s", "g", "e", "0", "0"},
      {"XGROUP", "CREATE", "s", "g2", "0"},
      {"XGROUP", "SETID", "s", "g", "0"},
      {"XGROUP", "CREATECONSUMER", "s", "g", "z"},
      {"XGROUP", "DELCONSUMER", "s", "g", "z"},
      {"XGROUP", "DESTROY", "s", "g2"},
      {"XGROUP", "CREATE", "s2", "g", "0", "MKSTREAM"},
      {"XSETID", "s", "5-0"},
      {"XREADGROUP", "GROUP", "g", "q", "STREAMS", "s", ">"},
      {"XDEL", "s", "1-0"},
      {"XTRIM", "s", "MAXLEN", "0"},
      {"XADD", "s", "9-0", "f", "v"}};
  std::string out;
  for (const auto& w : writes) {
    rpc(a, {"WATCH", w[1] == "s2" || (w.size() > 2 && w[2] == "s2") ? "s2" : "s"});
    rpc(b, w);
    rpc(a, {"MULTI"});
    rpc(a, {"PING"});
    out += w[0] + (w[0] == "XGROUP" ? " " + w[1] : "") + ":" +
           (rpc(a, {"EXEC"}) == "*-1\r\n" ? "aborted " : "ran ");
  }
  return out;
}

TEST(StreamCompat, WatchSignalsMatchRedis) {
  RedisServer redis;
  if (!redis.installed()) GTEST_SKIP() << "redis-server not installed";
  ASSERT_TRUE(redis.ready()) << redis.log();
  ServerProcess iron;
  ASSERT_TRUE(iron.ready()) << iron.describe();
  const std::string want = watch_outcomes(redis.port());
  ASSERT_NE(want.find("XADD:aborted"), std::string::npos) << want;
  EXPECT_EQ(watch_outcomes(iron.port()), want);
}

// DUMP/RESTORE in Redis's payload format, both ways, every type (streams with
// groups included), and RESTORE's errors (tests/compat/dump_restore.py).
TEST(StreamCompat, DumpRestoreBothWaysAndErrors) {
  RedisServer redis;
  if (!redis.installed()) GTEST_SKIP() << "redis-server not installed";
  ASSERT_TRUE(redis.ready()) << redis.log();
  std::string python = find_python3("redis");
  if (python.empty()) GTEST_SKIP() << "python3-redis not installed";
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  expect_script_passes({python, source_path("tests/compat/dump_restore.py"),
                        std::to_string(server.port()), std::to_string(redis.port())},
                       "dump restore ok", milliseconds(60000));
}

TEST(StreamCompat, RedisPyStreamsAndPythonRq) {
  std::string python = find_python3("redis");
  if (python.empty()) GTEST_SKIP() << "python3-redis not installed";
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  expect_script_passes(
      {python, source_path("tests/compat/python_streams.py"), std::to_string(server.port())},
      "streams ok", milliseconds(60000));
}

TEST(StreamCompat, Ioredis) {
  std::string node = find_program("node");
  if (node.empty()) GTEST_SKIP() << "node not installed";
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  expect_script_passes(
      {node, source_path("tests/compat/node_streams.js"), std::to_string(server.port())},
      "node streams ok", milliseconds(60000));
}

}  // namespace
}  // namespace ironkv::test
