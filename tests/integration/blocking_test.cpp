// Blocking list commands against the real server over sockets: clients woken by
// other clients' pushes, timeouts, FIFO service, disconnection while blocked,
// BLMOVE, and pipelined commands behind a blocked one. Replies are asserted byte
// for byte as redis-server 7.0.15 sends them.

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

using std::chrono::milliseconds;

// Length of the first complete RESP2 reply in `buf`, or nullopt if it is incomplete.
std::optional<size_t> reply_length(std::string_view buf, size_t at = 0) {
  const size_t eol = buf.find("\r\n", at);
  if (eol == std::string_view::npos || at >= buf.size()) return std::nullopt;
  const char type = buf[at];
  const size_t line = eol + 2 - at;
  if (type == '+' || type == '-' || type == ':') return line;
  const long long n = std::stoll(std::string(buf.substr(at + 1, eol - at - 1)));
  if (type == '$') {
    if (n < 0) return line;
    const size_t total = line + static_cast<size_t>(n) + 2;
    return buf.size() - at >= total ? std::optional<size_t>(total) : std::nullopt;
  }
  if (type == '*') {
    size_t total = line;
    for (long long i = 0; i < n; ++i) {
      auto sub = reply_length(buf, at + total);
      if (!sub) return std::nullopt;
      total += *sub;
    }
    return total;
  }
  return std::nullopt;
}

class BlockingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(server_->ready()) << server_->describe();
    admin_ = connect();
    ASSERT_EQ(call(admin_, {"FLUSHALL"}), "+OK\r\n");
  }

  static Client connect() {
    Client c = server_->connect();
    EXPECT_TRUE(c.valid()) << "cannot connect to port " << server_->port();
    return c;
  }

  // Reads one whole reply (empty on timeout).
  static std::string read_reply(Client& c, milliseconds timeout = kDefaultTimeout) {
    std::string got =
        c.read_until([](std::string_view b) { return reply_length(b).has_value(); }, timeout);
    return got;
  }

  static std::string call(Client& c, const std::vector<std::string>& args) {
    if (!c.send(resp_command(args))) return "<send failed>";
    return read_reply(c);
  }

  // INFO clients' blocked_clients.
  int blocked_clients() {
    std::string info = call(admin_, {"INFO", "clients"});
    const std::string field = "blocked_clients:";
    auto at = info.find(field);
    if (at == std::string::npos) return -1;
    return std::stoi(info.substr(at + field.size()));
  }

  // Waits (bounded) until the server reports n blocked clients.
  bool wait_blocked(int n) {
    auto deadline = Clock::now() + kDefaultTimeout;
    while (Clock::now() < deadline) {
      if (blocked_clients() == n) return true;
      std::this_thread::sleep_for(milliseconds(5));
    }
    return false;
  }

  // True if nothing arrives on c within `wait`.
  static bool silent(Client& c, milliseconds wait = milliseconds(100)) {
    return c.read_until([](std::string_view b) { return !b.empty(); }, wait).empty();
  }

  static inline ServerProcess* server_ = nullptr;
  Client admin_;
};

TEST_F(BlockingTest, BlpopIsWokenByAnotherClientsPush) {
  Client a = connect();
  ASSERT_TRUE(a.send(resp_command({"BLPOP", "k", "0"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_TRUE(silent(a));
  EXPECT_EQ(call(admin_, {"LPUSH", "k", "a", "b", "c"}), ":3\r\n");
  EXPECT_EQ(printable(read_reply(a)), printable("*2\r\n$1\r\nk\r\n$1\r\nc\r\n"));
  EXPECT_EQ(call(admin_, {"LRANGE", "k", "0", "-1"}), "*2\r\n$1\r\nb\r\n$1\r\na\r\n");
  EXPECT_EQ(blocked_clients(), 0);
  // The connection goes on normally.
  EXPECT_EQ(call(a, {"PING"}), "+PONG\r\n");
}

TEST_F(BlockingTest, TimeoutWithDecimalsRepliesNullArray) {
  Client a = connect();
  auto start = Clock::now();
  EXPECT_EQ(call(a, {"BLPOP", "nokey", "0.2"}), "*-1\r\n");
  auto ms = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  EXPECT_GE(ms, 190);
  EXPECT_LT(ms, 2000);
  EXPECT_EQ(call(a, {"BRPOPLPUSH", "nokey", "d", "0.05"}), "*-1\r\n");
  EXPECT_EQ(call(a, {"BLMPOP", "0.05", "1", "nokey", "LEFT"}), "*-1\r\n");
  EXPECT_EQ(blocked_clients(), 0);
}

TEST_F(BlockingTest, ClientsAreServedInTheOrderTheyBlocked) {
  Client a = connect(), b = connect(), c = connect();
  ASSERT_TRUE(a.send(resp_command({"BLPOP", "q", "0"})));
  ASSERT_TRUE(wait_blocked(1));
  ASSERT_TRUE(b.send(resp_command({"BRPOP", "q", "0"})));
  ASSERT_TRUE(wait_blocked(2));
  ASSERT_TRUE(c.send(resp_command({"BLPOP", "q", "0"})));
  ASSERT_TRUE(wait_blocked(3));
  EXPECT_EQ(call(admin_, {"RPUSH", "q", "1", "2"}), ":2\r\n");
  EXPECT_EQ(read_reply(a), "*2\r\n$1\r\nq\r\n$1\r\n1\r\n");
  EXPECT_EQ(read_reply(b), "*2\r\n$1\r\nq\r\n$1\r\n2\r\n");
  EXPECT_TRUE(silent(c));
  EXPECT_EQ(blocked_clients(), 1);
  EXPECT_EQ(call(admin_, {"RPUSH", "q", "3"}), ":1\r\n");
  EXPECT_EQ(read_reply(c), "*2\r\n$1\r\nq\r\n$1\r\n3\r\n");
  EXPECT_EQ(call(admin_, {"EXISTS", "q"}), ":0\r\n");
}

TEST_F(BlockingTest, ADisconnectedBlockedClientIsRemoved) {
  {
    Client a = connect();
    ASSERT_TRUE(a.send(resp_command({"BLPOP", "gone", "0"})));
    ASSERT_TRUE(wait_blocked(1));
    a.close();
  }
  ASSERT_TRUE(wait_blocked(0));
  EXPECT_EQ(call(admin_, {"RPUSH", "gone", "v"}), ":1\r\n");
  EXPECT_EQ(call(admin_, {"LRANGE", "gone", "0", "-1"}), "*1\r\n$1\r\nv\r\n");
}

TEST_F(BlockingTest, BlmoveChainsToAClientBlockedOnTheDestination) {
  Client a = connect(), b = connect();
  ASSERT_TRUE(a.send(resp_command({"BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"})));
  ASSERT_TRUE(wait_blocked(1));
  ASSERT_TRUE(b.send(resp_command({"BLPOP", "dst", "0"})));
  ASSERT_TRUE(wait_blocked(2));
  EXPECT_EQ(call(admin_, {"RPUSH", "src", "x", "y"}), ":2\r\n");
  EXPECT_EQ(read_reply(a), "$1\r\nx\r\n");
  EXPECT_EQ(read_reply(b), "*2\r\n$3\r\ndst\r\n$1\r\nx\r\n");
  EXPECT_EQ(call(admin_, {"LRANGE", "src", "0", "-1"}), "*1\r\n$1\r\ny\r\n");
  EXPECT_EQ(call(admin_, {"EXISTS", "dst"}), ":0\r\n");
  // With data there, BLMOVE does not block.
  EXPECT_EQ(call(a, {"BLMOVE", "src", "other", "RIGHT", "LEFT", "0"}), "$1\r\ny\r\n");
  EXPECT_EQ(call(a, {"BLMOVE", "src", "other", "RIGHT", "LEFT", "0.05"}), "*-1\r\n");
}

TEST_F(BlockingTest, PipelinedCommandsRunAfterTheBlockedOne) {
  Client a = connect();
  ASSERT_TRUE(a.send(resp_command({"BLPOP", "p", "0"}) + resp_command({"PING"}) +
                     resp_command({"LLEN", "p"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_TRUE(silent(a));
  EXPECT_EQ(call(admin_, {"RPUSH", "p", "v", "w"}), ":2\r\n");
  std::string expected = "*2\r\n$1\r\np\r\n$1\r\nv\r\n+PONG\r\n:1\r\n";
  EXPECT_EQ(printable(a.read_exact(expected.size())), printable(expected));
}

TEST_F(BlockingTest, BlmpopAndWrongTypeDestination) {
  Client a = connect(), b = connect();
  ASSERT_TRUE(a.send(resp_command({"BLMPOP", "0", "2", "m1", "m2", "RIGHT", "COUNT", "5"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_EQ(call(admin_, {"LPUSH", "m2", "1", "2"}), ":2\r\n");
  EXPECT_EQ(read_reply(a), "*2\r\n$2\r\nm2\r\n*2\r\n$1\r\n1\r\n$1\r\n2\r\n");
  EXPECT_EQ(call(admin_, {"SET", "str", "x"}), "+OK\r\n");
  ASSERT_TRUE(b.send(resp_command({"BRPOPLPUSH", "s2", "str", "0"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_EQ(call(admin_, {"RPUSH", "s2", "x"}), ":1\r\n");
  EXPECT_EQ(read_reply(b),
            "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
  EXPECT_EQ(call(admin_, {"LLEN", "s2"}), ":1\r\n");
}

}  // namespace
}  // namespace ironkv::test
