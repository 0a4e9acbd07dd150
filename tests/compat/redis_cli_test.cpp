// The real redis-cli (Debian's redis-tools) against the server: one-shot
// commands with their exact output, --pipe mass insertion, and an interactive
// session in a pseudo-terminal. Expected outputs are what redis-cli prints
// against redis-server 7.0.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

class RedisCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cli_ = find_program("redis-cli");
    if (cli_.empty()) GTEST_SKIP() << "redis-cli not found on PATH (Debian package redis-tools)";
    server_ = std::make_unique<ServerProcess>();
    ASSERT_TRUE(server_->ready()) << server_->describe();
  }

  // redis-cli -h 127.0.0.1 -p PORT args...; stdout is a file, so raw output
  // mode is the default, as in scripts.
  CommandResult cli(std::vector<std::string> args, milliseconds timeout = milliseconds(20000),
                    const std::string& stdin_path = "") {
    std::vector<std::string> argv{cli_, "-h", "127.0.0.1", "-p", std::to_string(server_->port())};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, timeout, stdin_path);
  }

  // Runs a command expecting success and returns its stdout.
  std::string out(std::vector<std::string> args) {
    auto r = cli(std::move(args));
    EXPECT_TRUE(r.ok()) << r.describe();
    return r.out;
  }

  static std::vector<std::string> sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  std::string cli_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(RedisCliTest, OneShotCommandsPrintLikeRedis) {
  EXPECT_EQ(out({"PING"}), "PONG\n");
  EXPECT_EQ(out({"SET", "a", "b"}), "OK\n");
  EXPECT_EQ(out({"GET", "a"}), "b\n");
  EXPECT_EQ(out({"GET", "missing"}), "\n");
  EXPECT_EQ(out({"INCR", "n"}), "1\n");
  EXPECT_EQ(out({"-r", "5", "INCR", "c"}), "1\n2\n3\n4\n5\n");
  EXPECT_EQ(out({"GET", "c"}), "5\n");
  EXPECT_EQ(out({"--raw", "GET", "a"}), "b\n");
  EXPECT_EQ(out({"--raw", "ECHO", "two\nlines"}), "two\nlines\n");
  EXPECT_EQ(out({"MSET", "k1", "v1", "k2", "v2"}), "OK\n");
  EXPECT_EQ(out({"DBSIZE"}), "5\n");
  EXPECT_EQ(sorted_lines(out({"KEYS", "*"})), (std::vector<std::string>{"a", "c", "k1", "k2", "n"}));
  EXPECT_EQ(sorted_lines(out({"KEYS", "k*"})), (std::vector<std::string>{"k1", "k2"}));
}

TEST_F(RedisCliTest, FormattedOutputWithNoRaw) {
  EXPECT_EQ(out({"--no-raw", "SET", "a", "b"}), "OK\n");
  EXPECT_EQ(out({"--no-raw", "GET", "a"}), "\"b\"\n");
  EXPECT_EQ(out({"--no-raw", "GET", "missing"}), "(nil)\n");
  EXPECT_EQ(out({"--no-raw", "INCR", "n"}), "(integer) 1\n");
  EXPECT_EQ(out({"--no-raw", "MGET", "a", "missing"}), "1) \"b\"\n2) (nil)\n");
  EXPECT_EQ(out({"--no-raw", "KEYS", "a*"}), "1) \"a\"\n");
  EXPECT_EQ(out({"--no-raw", "DBSIZE"}), "(integer) 2\n");
  EXPECT_EQ(out({"--no-raw", "ECHO", "a\"b\n"}), "\"a\\\"b\\n\"\n");
}

TEST_F(RedisCliTest, ErrorsArePrinted) {
  EXPECT_EQ(out({"FOO", "x"}), "ERR unknown command 'FOO', with args beginning with: 'x' \n\n");
  EXPECT_EQ(out({"--no-raw", "FOO", "x"}),
            "(error) ERR unknown command 'FOO', with args beginning with: 'x' \n");
  EXPECT_EQ(out({"GET"}), "ERR wrong number of arguments for 'get' command\n\n");
  EXPECT_EQ(out({"SET", "s", "abc"}), "OK\n");
  EXPECT_EQ(out({"--no-raw", "INCR", "s"}), "(error) ERR value is not an integer or out of range\n");
}

TEST_F(RedisCliTest, PipeMassInsertion) {
  TempDir dir;
  std::string input;
  input.reserve(6'000'000);
  for (int i = 0; i < 100'000; ++i) {
    input += resp_command({"SET", "key:" + std::to_string(i), "value:" + std::to_string(i)});
  }
  std::string path = dir.file("mass.resp");
  ASSERT_TRUE(write_file(path, input));
  auto r = cli({"--pipe"}, milliseconds(60000), path);
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_NE(r.out.find("errors: 0, replies: 100000"), std::string::npos) << r.describe();
  EXPECT_EQ(out({"DBSIZE"}), "100000\n");
  EXPECT_EQ(out({"GET", "key:99999"}), "value:99999\n");
}

TEST_F(RedisCliTest, PipeReportsErrors) {
  TempDir dir;
  std::string input = resp_command({"SET", "x", "1"}) + resp_command({"NOSUCHCMD"}) +
                      resp_command({"INCR", "x"}) + resp_command({"GET"});
  std::string path = dir.file("errors.resp");
  ASSERT_TRUE(write_file(path, input));
  auto r = cli({"--pipe"}, milliseconds(20000), path);
  EXPECT_NE(r.out.find("errors: 2, replies: 4"), std::string::npos) << r.describe();
  EXPECT_NE(r.err.find("ERR unknown command 'NOSUCHCMD', with args beginning with: \n"), std::string::npos)
      << r.describe();
  EXPECT_NE(r.err.find("ERR wrong number of arguments for 'get' command\n"), std::string::npos)
      << r.describe();
  EXPECT_EQ(out({"GET", "x"}), "2\n");
}

TEST_F(RedisCliTest, InteractiveSessionInPseudoTerminal) {
  std::string python = find_python3();
  if (python.empty()) GTEST_SKIP() << "python3 not found (needed to drive redis-cli in a pty)";
  auto r = run_command({python, source_path("tests/compat/redis_cli_interactive.py"), cli_,
                        std::to_string(server_->port())},
                       milliseconds(30000));
  EXPECT_TRUE(r.ok()) << r.describe() << "\n" << server_->log();
}

}  // namespace
}  // namespace ironkv::test
