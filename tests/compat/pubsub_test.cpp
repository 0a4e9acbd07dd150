// Pub/Sub through real clients: a `redis-cli SUBSCRIBE` / `PSUBSCRIBE`
// session running as a child process (its printed messages checked against
// what redis-cli prints with redis-server 7.0), and redis-py's PubSub via
// tests/compat/python_pubsub.py.

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

// Runs `redis-cli -p PORT args...` in the background with stdout in a file,
// until killed.
class CliSession {
 public:
  CliSession(const std::string& cli, int port, std::vector<std::string> args) {
    std::vector<std::string> argv{cli, "-h", "127.0.0.1", "-p", std::to_string(port)};
    argv.insert(argv.end(), args.begin(), args.end());
    error_ = child_.spawn(argv, {"", dir_.file("stdout"), dir_.file("stderr"), {}});
  }
  ~CliSession() { child_.kill_and_reap(); }
  const std::string& error() const { return error_; }
  std::string output() const { return read_file(dir_.file("stdout")); }
  // Waits (bounded) until the output is exactly `want`.
  bool wait_output(const std::string& want, milliseconds timeout = milliseconds(5000)) const {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (output() == want) return true;
      std::this_thread::sleep_for(milliseconds(10));
    }
    return false;
  }

 private:
  TempDir dir_;
  ChildProcess child_;
  std::string error_;
};

std::string call(Client& c, const std::vector<std::string>& args, const std::string& want) {
  return c.roundtrip(resp_command(args), want);
}

TEST(PubSubCompat, RedisCliSubscribeSessionPrintsMessages) {
  std::string cli = find_program("redis-cli");
  if (cli.empty()) GTEST_SKIP() << "redis-cli not found on PATH (Debian package redis-tools)";
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  CliSession sub(cli, server.port(), {"SUBSCRIBE", "ch"});
  CliSession psub(cli, server.port(), {"PSUBSCRIBE", "c*"});
  ASSERT_EQ(sub.error(), "");
  ASSERT_EQ(psub.error(), "");
  ASSERT_TRUE(sub.wait_output("subscribe\nch\n1\n")) << printable(sub.output());
  ASSERT_TRUE(psub.wait_output("psubscribe\nc*\n1\n")) << printable(psub.output());

  Client pub = server.connect();
  EXPECT_EQ(call(pub, {"PUBLISH", "ch", "hello"}, ":2\r\n"), ":2\r\n");
  EXPECT_EQ(call(pub, {"PUBLISH", "ch", "two words"}, ":2\r\n"), ":2\r\n");
  EXPECT_EQ(call(pub, {"PUBLISH", "cx", "3"}, ":1\r\n"), ":1\r\n");
  EXPECT_TRUE(sub.wait_output("subscribe\nch\n1\nmessage\nch\nhello\nmessage\nch\ntwo words\n"))
      << printable(sub.output());
  EXPECT_TRUE(
      psub.wait_output("psubscribe\nc*\n1\npmessage\nc*\nch\nhello\npmessage\nc*\nch\ntwo words\n"
                       "pmessage\nc*\ncx\n3\n"))
      << printable(psub.output());
}

TEST(PubSubCompat, PythonRedisPubSub) {
  std::string python = find_python3("redis");
  if (python.empty()) {
    GTEST_SKIP() << "no python3 with the 'redis' module (Debian package python3-redis)";
  }
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  auto r = run_command(
      {python, source_path("tests/compat/python_pubsub.py"), std::to_string(server.port())},
      milliseconds(60000));
  ASSERT_FALSE(r.timed_out()) << r.describe();
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_TRUE(server.running()) << server.describe();
}

}  // namespace
}  // namespace ironkv::test
