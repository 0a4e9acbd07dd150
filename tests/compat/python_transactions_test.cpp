// redis-py (Debian's python3-redis) against a server with a password:
// AUTH, pipelines with and without MULTI/EXEC, WATCH with a concurrent change
// raising WatchError, via tests/compat/python_transactions.py.

#include <gtest/gtest.h>

#include <string>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

TEST(PythonRedis, TransactionsPipelinesAndAuth) {
  std::string python = find_python3("redis");
  if (python.empty()) {
    GTEST_SKIP() << "no python3 with the 'redis' module (Debian package python3-redis)";
  }
  ServerProcess server({"--requirepass", "py-s3cret"});
  ASSERT_TRUE(server.ready()) << server.describe();
  auto r = run_command({python, source_path("tests/compat/python_transactions.py"),
                        std::to_string(server.port()), "py-s3cret"},
                       milliseconds(60000));
  ASSERT_FALSE(r.timed_out()) << r.describe();
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_TRUE(server.running()) << server.describe();
}

}  // namespace
}  // namespace ironkv::test
