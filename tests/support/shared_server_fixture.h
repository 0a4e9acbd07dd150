#pragma once
// A test fixture sharing one server process across a suite, with helpers to
// send a command and read one whole RESP2 reply. Used by the blocking-command
// integration tests (list and sorted-set pops).

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {

using std::chrono::milliseconds;

// Length of the first complete RESP2 reply in `buf`, or nullopt if it is incomplete.
inline std::optional<size_t> reply_length(std::string_view buf, size_t at = 0) {
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

class SharedServerTest : public ::testing::Test {
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

}  // namespace ironkv::test
