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

#include "support/shared_server_fixture.h"

namespace ironkv::test {
namespace {

using std::chrono::milliseconds;

class ZsetBlockingTest : public SharedServerTest {};

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
