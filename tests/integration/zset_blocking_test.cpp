// Blocking sorted-set pops against the real server over sockets: BZPOPMIN/BZPOPMAX
// woken by another client's ZADD, BZMPOP, and timeouts. Replies are asserted byte for
// byte as redis-server 7.0.15 sends them.

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

class ZsetBlockingTest : public ::testing::Test {
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
    return c.read_until([](std::string_view b) { return reply_length(b).has_value(); }, timeout);
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

TEST_F(ZsetBlockingTest, BzpopminIsWokenByAnotherClientsZadd) {
  Client a = connect();
  ASSERT_TRUE(a.send(resp_command({"BZPOPMIN", "z", "0"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_TRUE(silent(a));
  EXPECT_EQ(call(admin_, {"ZADD", "z", "2", "b", "1.5", "a"}), ":2\r\n");
  EXPECT_EQ(printable(read_reply(a)), printable("*3\r\n$1\r\nz\r\n$1\r\na\r\n$3\r\n1.5\r\n"));
  EXPECT_EQ(call(admin_, {"ZRANGE", "z", "0", "-1"}), "*1\r\n$1\r\nb\r\n");
  EXPECT_EQ(blocked_clients(), 0);
  EXPECT_EQ(call(a, {"PING"}), "+PONG\r\n");
}

TEST_F(ZsetBlockingTest, TimeoutRepliesNullArray) {
  Client a = connect();
  auto start = Clock::now();
  EXPECT_EQ(call(a, {"BZPOPMIN", "nokey", "0.2"}), "*-1\r\n");
  auto ms = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  EXPECT_GE(ms, 190);
  EXPECT_LT(ms, 2000);
  EXPECT_EQ(call(a, {"BZPOPMAX", "nokey", "0.05"}), "*-1\r\n");
  EXPECT_EQ(call(a, {"BZMPOP", "0.05", "1", "nokey", "MIN"}), "*-1\r\n");
  EXPECT_EQ(blocked_clients(), 0);
}

TEST_F(ZsetBlockingTest, FifoAndBzmpop) {
  Client a = connect(), b = connect();
  ASSERT_TRUE(a.send(resp_command({"BZPOPMAX", "q", "0"})));
  ASSERT_TRUE(wait_blocked(1));
  ASSERT_TRUE(b.send(resp_command({"BZMPOP", "0", "2", "x", "q", "MIN", "COUNT", "5"})));
  ASSERT_TRUE(wait_blocked(2));
  EXPECT_EQ(call(admin_, {"ZADD", "q", "1", "one", "2", "two", "3", "three"}), ":3\r\n");
  EXPECT_EQ(read_reply(a), "*3\r\n$1\r\nq\r\n$5\r\nthree\r\n$1\r\n3\r\n");
  EXPECT_EQ(read_reply(b),
            "*2\r\n$1\r\nq\r\n*2\r\n*2\r\n$3\r\none\r\n$1\r\n1\r\n*2\r\n$3\r\ntwo\r\n$1\r\n2\r\n");
  EXPECT_EQ(call(admin_, {"EXISTS", "q"}), ":0\r\n");
  EXPECT_EQ(blocked_clients(), 0);
}

TEST_F(ZsetBlockingTest, StoreCommandsWakeWaiters) {
  Client a = connect();
  ASSERT_TRUE(a.send(resp_command({"BZPOPMIN", "dst", "0"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_EQ(call(admin_, {"ZADD", "src", "1", "a", "2", "b"}), ":2\r\n");
  EXPECT_EQ(call(admin_, {"ZUNIONSTORE", "dst", "1", "src"}), ":2\r\n");
  EXPECT_EQ(read_reply(a), "*3\r\n$3\r\ndst\r\n$1\r\na\r\n$1\r\n1\r\n");
}

}  // namespace
}  // namespace ironkv::test
