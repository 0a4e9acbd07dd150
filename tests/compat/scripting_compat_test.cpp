// Scripting against the real tools: a few hundred generated scripts and
// function calls compared byte for byte with redis-server 7.0.15
// (tests/compat/scripting_diff.py), redis-cli --eval, and redis-py's
// register_script and Lock (tests/compat/python_scripting.py).

#include <gtest/gtest.h>

#include <string>

#include "support/redis_server.h"
#include "support/resp_client.h"
#include "support/script_check.h"
#include "support/server_process.h"

namespace ironkv::test {
namespace {

TEST(ScriptingCompat, RepliesMatchRedisByteForByte) {
  RedisServer redis;
  if (!redis.installed())
    GTEST_SKIP() << "redis-server not installed (Debian package redis-server)";
  ASSERT_TRUE(redis.ready()) << redis.log();
  std::string python = find_python3();
  ASSERT_FALSE(python.empty());
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  auto r = run_command({python, source_path("tests/compat/scripting_diff.py"),
                        std::to_string(server.port()), std::to_string(redis.port()), "300"},
                       milliseconds(120000));
  ASSERT_FALSE(r.timed_out()) << r.describe();
  EXPECT_TRUE(r.ok()) << r.describe();
}

TEST(ScriptingCompat, RedisCliEval) {
  std::string cli = find_program("redis-cli");
  if (cli.empty()) GTEST_SKIP() << "redis-cli not installed (Debian package redis-tools)";
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  TempDir dir;
  std::string script = dir.file("incr_by.lua");
  ASSERT_TRUE(write_file(script,
                         "local v = redis.call('incrby', KEYS[1], ARGV[1])\n"
                         "return {v, redis.call('get', KEYS[1])}\n"));
  auto port = std::to_string(server.port());
  auto r = run_command({cli, "-p", port, "--no-raw", "--eval", script, "counter", ",", "5"},
                       milliseconds(10000));
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(r.out, "1) (integer) 5\n2) \"5\"\n") << r.describe();
  r = run_command({cli, "-p", port, "--no-raw", "--eval", script, "counter", ",", "x"},
                  milliseconds(10000));
  EXPECT_NE(r.out.find("ERR value is not an integer or out of range script:"), std::string::npos)
      << r.describe();
}

TEST(ScriptingCompat, RedisPyRegisterScriptAndLock) {
  std::string python = find_python3("redis");
  if (python.empty()) GTEST_SKIP() << "python3-redis not installed";
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  expect_script_passes(
      {python, source_path("tests/compat/python_scripting.py"), std::to_string(server.port())},
      "scripting ok", milliseconds(60000));
}

constexpr const char* kLib =
    "#!lua name=interop\n"
    "redis.register_function('twice', function(keys, args) return args[1] .. args[1] end)\n"
    "redis.register_function{function_name='ro', callback=function() return 'ro' end, "
    "flags={'no-writes'}, description='a read-only one'}\n";

// dump.rdb with a function library (RDB_OPCODE_FUNCTION2) from redis-server
// loads here, and IronKV's dump.rdb with one loads in redis-server.
TEST(ScriptingCompat, FunctionsInDumpRdbBothWays) {
  TempDir dir;
  {
    RedisServer redis({}, dir.path());
    if (!redis.installed()) GTEST_SKIP() << "redis-server not installed";
    ASSERT_TRUE(redis.ready()) << redis.log();
    auto c = RespClient::connect(redis.port());
    ASSERT_EQ(c.call({"FUNCTION", "LOAD", kLib}).str, "interop");
    ASSERT_EQ(c.call({"SAVE"}).str, "OK");
    redis.shutdown("NOSAVE");
  }
  {
    ServerProcess iron({"--dir", dir.path()});
    ASSERT_TRUE(iron.ready()) << iron.describe();
    auto c = RespClient::connect(iron.port());
    EXPECT_EQ(c.call({"FCALL", "twice", "0", "ab"}).str, "abab");
    EXPECT_EQ(c.call({"FCALL_RO", "ro", "0"}).str, "ro");
    // And back: IronKV writes the library, redis-server reads it.
    ASSERT_EQ(c.call({"FUNCTION", "LOAD", "REPLACE",
                      "#!lua name=interop\nredis.register_function('thrice', function(k, a) "
                      "return a[1] .. a[1] .. a[1] end)"})
                  .str,
              "interop");
    ASSERT_EQ(c.call({"SAVE"}).str, "OK");
  }
  RedisServer redis({}, dir.path());
  ASSERT_TRUE(redis.ready()) << redis.log();
  auto c = RespClient::connect(redis.port());
  EXPECT_EQ(c.call({"FCALL", "thrice", "0", "x"}).str, "xxx");
}

// FUNCTION DUMP's payload moves between the two servers with FUNCTION RESTORE.
TEST(ScriptingCompat, FunctionDumpRestoreBetweenServers) {
  RedisServer redis;
  if (!redis.installed()) GTEST_SKIP() << "redis-server not installed";
  ASSERT_TRUE(redis.ready()) << redis.log();
  ServerProcess iron;
  ASSERT_TRUE(iron.ready()) << iron.describe();
  auto r = RespClient::connect(redis.port());
  auto i = RespClient::connect(iron.port());
  ASSERT_EQ(r.call({"FUNCTION", "LOAD", kLib}).str, "interop");
  std::string from_redis = r.call({"FUNCTION", "DUMP"}).str;
  EXPECT_EQ(i.call({"FUNCTION", "RESTORE", from_redis}).str, "OK");
  EXPECT_EQ(i.call({"FCALL", "twice", "0", "q"}).str, "qq");
  EXPECT_EQ(i.call({"FUNCTION", "DUMP"}).str, from_redis) << "same bytes as redis-server's";
  EXPECT_EQ(i.call({"FUNCTION", "RESTORE", from_redis}).str, "ERR Library 'interop' already exists");
  EXPECT_EQ(i.call({"FUNCTION", "RESTORE", from_redis, "REPLACE"}).str, "OK");
  std::string bad = from_redis;
  bad[bad.size() - 1] ^= 1;
  EXPECT_EQ(i.call({"FUNCTION", "RESTORE", bad}).str, r.call({"FUNCTION", "RESTORE", bad}).str);
  ASSERT_EQ(r.call({"FUNCTION", "FLUSH"}).str, "OK");
  EXPECT_EQ(r.call({"FUNCTION", "RESTORE", i.call({"FUNCTION", "DUMP"}).str}).str, "OK");
  EXPECT_EQ(r.call({"FCALL", "twice", "0", "z"}).str, "zz");
}

// BullMQ, the job queue most Node.js applications use, runs on IronKV: its Lua
// scripts, its events stream (XADD ... MAXLEN ~ in scripts, read by QueueEvents
// with XREAD BLOCK), retries with backoff and delayed jobs.
TEST(ScriptingCompat, BullmqQueueWorkerAndEvents) {
  std::string node = find_program("node");
  if (node.empty()) GTEST_SKIP() << "node not installed";
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  expect_script_passes(
      {node, source_path("tests/compat/node_bullmq.js"), std::to_string(server.port())},
      "bullmq ok", milliseconds(60000));
}

}  // namespace
}  // namespace ironkv::test
