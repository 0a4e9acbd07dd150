// Scripting against the real tools: a few hundred generated scripts and
// function calls compared byte for byte with redis-server 7.0.15
// (tests/compat/scripting_diff.py), redis-cli --eval, and redis-py's
// register_script and Lock (tests/compat/python_scripting.py).

#include <gtest/gtest.h>

#include <string>

#include "support/redis_server.h"
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
  auto r = run_command(
      {python, source_path("tests/compat/python_scripting.py"), std::to_string(server.port())},
      milliseconds(60000));
  ASSERT_FALSE(r.timed_out()) << r.describe();
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_NE(r.out.find("scripting ok"), std::string::npos) << r.describe();
}

}  // namespace
}  // namespace ironkv::test
