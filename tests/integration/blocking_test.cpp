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

#include "support/shared_server_fixture.h"

namespace ironkv::test {
namespace {

using std::chrono::milliseconds;

class BlockingTest : public SharedServerTest {};

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
