// The data types through the real redis-cli (Debian's redis-tools) and redis-py
// (python3-redis): hashes, sets, sorted sets and lists, TYPE and OBJECT ENCODING,
// WRONGTYPE, and a BLPOP answered by another redis-cli. Expected outputs are what
// redis-cli prints against redis-server 7.0.15 (captured from it), except where noted.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

const std::string kWrongTypeCli =
    "(error) WRONGTYPE Operation against a key holding the wrong kind of value\n";

class DatatypesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cli_ = find_program("redis-cli");
    if (cli_.empty()) GTEST_SKIP() << "redis-cli not found on PATH (Debian package redis-tools)";
    server_ = std::make_unique<ServerProcess>();
    ASSERT_TRUE(server_->ready()) << server_->describe();
  }

  std::vector<std::string> cli_argv(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{cli_, "-h", "127.0.0.1", "-p", std::to_string(server_->port())};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }

  // redis-cli one-shot; stdout is a file, so raw output mode is the default.
  std::string out(const std::vector<std::string>& args) {
    auto r = run_command(cli_argv(args), milliseconds(20000));
    EXPECT_TRUE(r.ok()) << r.describe();
    return r.out;
  }

  static std::string sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::sort(lines.begin(), lines.end());
    std::string joined;
    for (const auto& l : lines) joined += l + "\n";
    return joined;
  }

  std::string cli_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(DatatypesCliTest, Hashes) {
  EXPECT_EQ(out({"HSET", "h", "f1", "v1", "f2", "v2"}), "2\n");
  EXPECT_EQ(out({"HGETALL", "h"}), "f1\nv1\nf2\nv2\n");
  EXPECT_EQ(out({"HINCRBY", "h", "n", "5"}), "5\n");
  EXPECT_EQ(out({"HINCRBY", "h", "n", "-7"}), "-2\n");
  EXPECT_EQ(out({"HINCRBY", "h", "f1", "1"}), "ERR hash value is not an integer\n\n");
  EXPECT_EQ(out({"--no-raw", "HGETALL", "h"}),
            "1) \"f1\"\n2) \"v1\"\n3) \"f2\"\n4) \"v2\"\n5) \"n\"\n6) \"-2\"\n");
  EXPECT_EQ(out({"TYPE", "h"}), "hash\n");
  EXPECT_EQ(out({"OBJECT", "ENCODING", "h"}), "listpack\n");
}

TEST_F(DatatypesCliTest, Sets) {
  EXPECT_EQ(out({"SADD", "s", "c", "a", "b"}), "3\n");
  EXPECT_EQ(out({"SADD", "s2", "b", "c", "d"}), "3\n");
  EXPECT_EQ(sorted_lines(out({"SMEMBERS", "s"})), "a\nb\nc\n");
  EXPECT_EQ(sorted_lines(out({"SINTER", "s", "s2"})), "b\nc\n");
  EXPECT_EQ(out({"SADD", "si", "3", "1", "2"}), "3\n");
  EXPECT_EQ(out({"SMEMBERS", "si"}), "1\n2\n3\n");  // an intset is ordered
  EXPECT_EQ(out({"TYPE", "s"}), "set\n");
  EXPECT_EQ(out({"OBJECT", "ENCODING", "si"}), "intset\n");
  // Redis 7.0.15 prints "hashtable"; IronKV reports Redis 7.2's small-set encoding
  // (README: small sets use listpack).
  EXPECT_EQ(out({"OBJECT", "ENCODING", "s"}), "listpack\n");
}

TEST_F(DatatypesCliTest, SortedSets) {
  EXPECT_EQ(out({"ZADD", "z", "0.1", "a", "2", "b", "-1.5", "c"}), "3\n");
  EXPECT_EQ(out({"ZRANGE", "z", "0", "-1", "WITHSCORES"}),
            "c\n-1.5\na\n0.10000000000000001\nb\n2\n");
  EXPECT_EQ(out({"--no-raw", "ZRANGE", "z", "0", "-1", "WITHSCORES"}),
            "1) \"c\"\n2) \"-1.5\"\n3) \"a\"\n4) \"0.10000000000000001\"\n5) \"b\"\n6) \"2\"\n");
  EXPECT_EQ(out({"ZSCORE", "z", "a"}), "0.10000000000000001\n");
  EXPECT_EQ(out({"--no-raw", "ZSCORE", "z", "a"}), "\"0.10000000000000001\"\n");
  EXPECT_EQ(out({"ZINCRBY", "z", "0.2", "a"}), "0.30000000000000004\n");
  EXPECT_EQ(out({"ZSCORE", "z", "missing"}), "\n");
  EXPECT_EQ(out({"TYPE", "z"}), "zset\n");
  EXPECT_EQ(out({"OBJECT", "ENCODING", "z"}), "listpack\n");
}

TEST_F(DatatypesCliTest, Lists) {
  EXPECT_EQ(out({"RPUSH", "l", "a", "b", "c", "d", "e"}), "5\n");
  EXPECT_EQ(out({"LRANGE", "l", "0", "-1"}), "a\nb\nc\nd\ne\n");
  EXPECT_EQ(out({"LPOP", "l", "2"}), "a\nb\n");
  EXPECT_EQ(out({"--no-raw", "LPOP", "l", "2"}), "1) \"c\"\n2) \"d\"\n");
  EXPECT_EQ(out({"TYPE", "l"}), "list\n");
  // Redis 7.0.15 prints "quicklist"; IronKV reports Redis 7.2's small-list encoding.
  EXPECT_EQ(out({"OBJECT", "ENCODING", "l"}), "listpack\n");
  EXPECT_EQ(out({"LPOP", "l"}), "e\n");
  EXPECT_EQ(out({"LPOP", "l"}), "\n");
  EXPECT_EQ(out({"TYPE", "l"}), "none\n");
  EXPECT_EQ(out({"--no-raw", "OBJECT", "ENCODING", "l"}), "(nil)\n");
  EXPECT_EQ(out({"--no-raw", "BLPOP", "l", "0.1"}), "(nil)\n");
}

TEST_F(DatatypesCliTest, WrongTypeAsRedisCliPrintsIt) {
  out({"HSET", "h", "f", "v"});
  out({"SADD", "s", "m"});
  out({"ZADD", "z", "1", "m"});
  out({"RPUSH", "l", "x"});
  EXPECT_EQ(out({"--no-raw", "LPUSH", "h", "x"}), kWrongTypeCli);
  EXPECT_EQ(out({"--no-raw", "ZADD", "s", "1", "x"}), kWrongTypeCli);
  EXPECT_EQ(out({"--no-raw", "SADD", "z", "x"}), kWrongTypeCli);
  EXPECT_EQ(out({"--no-raw", "HGET", "l", "f"}), kWrongTypeCli);
  EXPECT_EQ(out({"--no-raw", "ZRANGE", "h", "0", "-1"}), kWrongTypeCli);
  // Raw mode prints the text and an empty line.
  EXPECT_EQ(out({"LPUSH", "h", "x"}),
            "WRONGTYPE Operation against a key holding the wrong kind of value\n\n");
}

TEST_F(DatatypesCliTest, BlpopAnsweredByAnotherRedisCli) {
  TempDir dir;
  ChildProcess blpop;
  ChildProcess::Options opts{"", dir.file("stdout"), dir.file("stderr"), {}};
  ASSERT_EQ(blpop.spawn(cli_argv({"BLPOP", "q", "10"}), opts), "");
  // Wait until the server has the client blocked, so the push must wake it.
  const auto deadline = Clock::now() + milliseconds(10000);
  while (Clock::now() < deadline) {
    if (out({"INFO", "clients"}).find("blocked_clients:1") != std::string::npos) break;
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_NE(out({"INFO", "clients"}).find("blocked_clients:1"), std::string::npos);
  EXPECT_EQ(out({"RPUSH", "q", "v1", "v2"}), "2\n");
  auto status = blpop.wait_exit(milliseconds(10000));
  ASSERT_TRUE(status.has_value()) << "BLPOP did not return";
  EXPECT_TRUE(status->ok()) << *status;
  EXPECT_EQ(read_file(opts.stdout_path), "q\nv1\n");
  EXPECT_EQ(out({"LRANGE", "q", "0", "-1"}), "v2\n");
}

TEST(PythonRedisDatatypes, ClientLibraryWorkout) {
  std::string python = find_python3("redis");
  if (python.empty()) {
    GTEST_SKIP() << "no python3 with the 'redis' module (Debian package python3-redis)";
  }
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  auto r = run_command(
      {python, source_path("tests/compat/python_datatypes.py"), std::to_string(server.port())},
      milliseconds(60000));
  ASSERT_FALSE(r.timed_out()) << r.describe();
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_TRUE(server.running()) << server.describe();
}

}  // namespace
}  // namespace ironkv::test
