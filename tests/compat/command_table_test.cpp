// The command table against redis-server 7.0.15's: COMMAND INFO's fields and
// COMMAND GETKEYS / GETKEYSANDFLAGS (keys_of) for argument lists generated
// from Redis's own COMMAND DOCS, via tests/compat/command_table_diff.py.

#include <gtest/gtest.h>

#include <string>

#include "support/redis_server.h"
#include "support/server_process.h"

namespace ironkv::test {
namespace {

TEST(CommandTable, MatchesRedisInfoAndKeys) {
  RedisServer redis;
  if (!redis.installed())
    GTEST_SKIP() << "redis-server not installed (Debian package redis-server)";
  ASSERT_TRUE(redis.ready()) << redis.log();
  std::string python = find_python3();
  ASSERT_FALSE(python.empty());
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  auto r = run_command({python, source_path("tests/compat/command_table_diff.py"),
                        std::to_string(server.port()), std::to_string(redis.port())},
                       milliseconds(120000));
  ASSERT_FALSE(r.timed_out()) << r.describe();
  EXPECT_TRUE(r.ok()) << r.describe();
}

}  // namespace
}  // namespace ironkv::test
