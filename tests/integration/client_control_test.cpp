// CLIENT PAUSE / UNPAUSE and CLIENT REPLY over real sockets: a paused writer
// waits (its command is not rejected) while readers go on, and completes after
// UNPAUSE or the pause's timeout; replies switched off on a raw connection.
// Replies as redis-server 7.0.15 sends them.

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "support/shared_server_fixture.h"

namespace ironkv::test {
namespace {

using std::chrono::milliseconds;

class ClientControlTest : public SharedServerTest {
 protected:
  void TearDown() override {
    // The server is shared: never leave a pause behind.
    Client c = connect();
    call(c, {"CLIENT", "UNPAUSE"});
  }
};

TEST_F(ClientControlTest, PauseWriteLetsReadersGoAndHoldsWritersUntilUnpause) {
  EXPECT_EQ(call(admin_, {"SET", "k", "old"}), "+OK\r\n");
  EXPECT_EQ(call(admin_, {"CLIENT", "PAUSE", "20000", "WRITE"}), "+OK\r\n");
  Client writer = connect();
  ASSERT_TRUE(writer.send(resp_command({"SET", "k", "new"}) + resp_command({"GET", "k"})));
  ASSERT_TRUE(wait_blocked(1));
  Client reader = connect();
  EXPECT_EQ(call(reader, {"GET", "k"}), "$3\r\nold\r\n");
  EXPECT_EQ(call(reader, {"STRLEN", "k"}), ":3\r\n");
  EXPECT_TRUE(silent(writer));
  EXPECT_EQ(call(admin_, {"CLIENT", "UNPAUSE"}), "+OK\r\n");
  std::string got = writer.read_exact(strlen("+OK\r\n$3\r\nnew\r\n"));
  EXPECT_EQ(printable(got), printable("+OK\r\n$3\r\nnew\r\n"));
  EXPECT_EQ(blocked_clients(), 0);
}

TEST_F(ClientControlTest, PausedWriterCompletesAtTheTimeout) {
  EXPECT_EQ(call(admin_, {"CLIENT", "PAUSE", "300", "WRITE"}), "+OK\r\n");
  Client writer = connect();
  auto start = Clock::now();
  EXPECT_EQ(call(writer, {"INCR", "n"}), ":1\r\n");
  auto ms = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  EXPECT_GE(ms, 250);
  EXPECT_LT(ms, 3000);
}

TEST_F(ClientControlTest, PauseAllHoldsReadsToo) {
  EXPECT_EQ(call(admin_, {"CLIENT", "PAUSE", "300", "ALL"}), "+OK\r\n");
  Client c = connect();
  auto start = Clock::now();
  EXPECT_EQ(call(c, {"PING"}), "+PONG\r\n");
  auto ms = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  EXPECT_GE(ms, 250);
  EXPECT_LT(ms, 3000);
}

TEST_F(ClientControlTest, PostponedClientThatDisconnectsIsForgotten) {
  EXPECT_EQ(call(admin_, {"CLIENT", "PAUSE", "20000", "WRITE"}), "+OK\r\n");
  {
    Client writer = connect();
    ASSERT_TRUE(writer.send(resp_command({"SET", "gone", "1"})));
    ASSERT_TRUE(wait_blocked(1));
  }
  EXPECT_TRUE(wait_blocked(0));
  EXPECT_EQ(call(admin_, {"CLIENT", "UNPAUSE"}), "+OK\r\n");
  EXPECT_EQ(call(admin_, {"EXISTS", "gone"}), ":0\r\n");
}

TEST_F(ClientControlTest, ReplyOffAndSkipOnARawSocket) {
  Client c = connect();
  ASSERT_TRUE(c.send("CLIENT REPLY OFF\r\nSET a 1\r\nGET a\r\nNOSUCH\r\nGET\r\n"
                     "CLIENT REPLY ON\r\nGET a\r\n"));
  EXPECT_EQ(printable(c.read_exact(strlen("+OK\r\n$1\r\n1\r\n"))), printable("+OK\r\n$1\r\n1\r\n"));
  ASSERT_TRUE(c.send("CLIENT REPLY SKIP\r\nINCR a\r\nINCR a\r\n"));
  EXPECT_EQ(printable(c.read_exact(4)), printable(":3\r\n"));
  // OFF across separate writes: nothing comes back until ON.
  ASSERT_TRUE(c.send("CLIENT REPLY OFF\r\n"));
  ASSERT_TRUE(c.send("PING\r\n"));
  EXPECT_TRUE(silent(c));
  ASSERT_TRUE(c.send("CLIENT REPLY ON\r\n"));
  EXPECT_EQ(printable(c.read_exact(5)), printable("+OK\r\n"));
  EXPECT_TRUE(silent(c, milliseconds(50)));
}

TEST_F(ClientControlTest, ReplyOffDropsTheProtocolErrorToo) {
  Client c = connect();
  ASSERT_TRUE(c.send("CLIENT REPLY OFF\r\nPING\r\n*1\r\n$x\r\n"));
  // Redis 7.0 sends nothing either (and leaves the socket open until its next
  // event); we close at once, as after any protocol error.
  ReadAll r = c.read_all_until_closed(milliseconds(2000));
  EXPECT_EQ(printable(r.data), "");
  EXPECT_TRUE(r.eof);
}

// With one io thread, postponed clients run their commands in the order they
// were postponed once the pause ends (with more io threads each connection
// resumes on its own thread, so the order across clients is best effort).
TEST(ClientControlOrder, UnpauseRunsPostponedCommandsInOrder) {
  ServerProcess server({"--io-threads", "1"});
  ASSERT_TRUE(server.ready()) << server.describe();
  Client admin = server.connect();
  auto blocked = [&admin]() {
    admin.send(resp_command({"INFO", "clients"}));
    std::string header = admin.read_until("\r\n");
    if (header.size() < 3) return -1;
    std::string info = admin.read_exact(std::stoul(header.substr(1)) + 2);
    auto at = info.find("blocked_clients:");
    return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 16);
  };
  auto wait_blocked = [&](int n) {
    for (auto start = Clock::now(); Clock::now() - start < milliseconds(5000);) {
      if (blocked() == n) return true;
      std::this_thread::sleep_for(milliseconds(5));
    }
    return false;
  };
  ASSERT_TRUE(admin.send(resp_command({"CLIENT", "PAUSE", "60000", "WRITE"})));
  ASSERT_EQ(admin.read_exact(5), "+OK\r\n");
  std::vector<Client> writers;
  for (int i = 0; i < 5; ++i) {
    writers.push_back(server.connect());
    ASSERT_TRUE(writers.back().send(resp_command({"RPUSH", "order", std::to_string(i)})));
    ASSERT_TRUE(wait_blocked(i + 1));
  }
  ASSERT_TRUE(admin.send(resp_command({"CLIENT", "UNPAUSE"})));
  ASSERT_EQ(admin.read_exact(5), "+OK\r\n");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(writers[static_cast<size_t>(i)].read_exact(4), ":" + std::to_string(i + 1) + "\r\n");
  }
  ASSERT_TRUE(admin.send(resp_command({"LRANGE", "order", "0", "-1"})));
  std::string want = "*5\r\n$1\r\n0\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n";
  EXPECT_EQ(printable(admin.read_exact(want.size())), printable(want));
}

// Idle timeout spares blocked clients (Redis's clientsCronHandleTimeout): a
// client blocked in BLPOP or postponed by CLIENT PAUSE stays past `timeout`.
TEST(ClientControlTimeout, BlockedAndPausedClientsAreNotIdle) {
  ServerProcess server({"--timeout", "1"});
  ASSERT_TRUE(server.ready()) << server.describe();
  Client admin = server.connect();
  Client blocked = server.connect();
  Client paused = server.connect();
  Client idle = server.connect();
  ASSERT_TRUE(blocked.send(resp_command({"BLPOP", "q", "0"})));
  ASSERT_TRUE(admin.send(resp_command({"CLIENT", "PAUSE", "60000", "WRITE"})));
  ASSERT_EQ(admin.read_exact(5), "+OK\r\n");
  ASSERT_TRUE(paused.send(resp_command({"SET", "k", "v"})));
  // The idle one goes within about a second; the other two stay well past it
  // (admin keeps itself active meanwhile).
  bool idle_closed = false;
  for (auto start = Clock::now(); Clock::now() - start < milliseconds(2500);) {
    ASSERT_TRUE(admin.send("PING\r\n"));
    ASSERT_EQ(admin.read_exact(7), "+PONG\r\n");
    if (!idle_closed) idle_closed = idle.is_closed(milliseconds(200));
    else std::this_thread::sleep_for(milliseconds(200));
  }
  EXPECT_TRUE(idle_closed);
  ASSERT_TRUE(admin.send(resp_command({"CLIENT", "UNPAUSE"})));
  EXPECT_EQ(admin.read_exact(5), "+OK\r\n");
  EXPECT_EQ(paused.read_exact(5), "+OK\r\n");
  ASSERT_TRUE(admin.send(resp_command({"RPUSH", "q", "x"})));
  EXPECT_EQ(admin.read_exact(4), ":1\r\n");
  EXPECT_EQ(printable(blocked.read_exact(18)), printable("*2\r\n$1\r\nq\r\n$1\r\nx\r\n"));
}

}  // namespace
}  // namespace ironkv::test
