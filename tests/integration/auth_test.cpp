// requirepass over the wire: replies before and after AUTH, and the limits
// Redis 7.0 puts on what an unauthenticated client may send.

#include <gtest/gtest.h>

#include <string>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

constexpr std::string_view kNoAuth = "-NOAUTH Authentication required.\r\n";

class AuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess({"--requirepass", "s3cret"}); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(server_->ready()) << server_->describe(); }

  static void expect_reply(Client& c, std::string_view request, std::string_view expected) {
    ASSERT_TRUE(c.send(request));
    EXPECT_EQ(printable(c.read_exact(expected.size())), printable(expected))
        << "request: " << printable(request);
  }

  static inline ServerProcess* server_ = nullptr;
};

TEST_F(AuthTest, CommandsNeedAuth) {
  Client c = server_->connect();
  expect_reply(c, "PING\r\n", kNoAuth);
  expect_reply(c, resp_command({"SET", "k", "v"}), kNoAuth);
  expect_reply(c, "AUTH wrong\r\n",
               "-WRONGPASS invalid username-password pair or user is disabled.\r\n");
  expect_reply(c, "AUTH a b c\r\n", "-ERR syntax error\r\n");
  expect_reply(c, "GET k\r\n", kNoAuth);
  expect_reply(c, "AUTH s3cret\r\nPING\r\nSET k v\r\nGET k\r\n", "+OK\r\n+PONG\r\n+OK\r\n$1\r\nv\r\n");
}

TEST_F(AuthTest, DefaultUserAndQuit) {
  Client c = server_->connect();
  expect_reply(c, "AUTH default s3cret\r\nPING\r\n", "+OK\r\n+PONG\r\n");
  Client d = server_->connect();
  d.send("QUIT\r\n");  // allowed without auth
  ReadAll r = d.read_all_until_closed();
  EXPECT_EQ(printable(r.data), "+OK\\r\\n");
  EXPECT_TRUE(r.eof);
}

TEST_F(AuthTest, HelloBeforeAuth) {
  Client c = server_->connect();
  expect_reply(c, "HELLO 2\r\n",
               "-NOAUTH HELLO must be called with the client already authenticated, otherwise the "
               "HELLO AUTH <user> <pass> option can be used to authenticate the client and select "
               "the RESP protocol version at the same time\r\n");
}

// An unauthenticated client may not announce more than 10 arguments or a bulk
// over 16 KB: Redis replies with a protocol error and closes, before buffering.
TEST_F(AuthTest, UnauthenticatedMultibulkLengthIsLimited) {
  Client c = server_->connect();
  c.send("*11\r\n");
  ReadAll r = c.read_all_until_closed(milliseconds(2000));
  EXPECT_EQ(printable(r.data), printable("-ERR Protocol error: unauthenticated multibulk length\r\n"));
  EXPECT_TRUE(r.eof);
}

TEST_F(AuthTest, UnauthenticatedBulkLengthIsLimited) {
  Client c = server_->connect();
  c.send("*2\r\n$4\r\nECHO\r\n$16385\r\n");
  ReadAll r = c.read_all_until_closed(milliseconds(2000));
  EXPECT_EQ(printable(r.data), printable("-ERR Protocol error: unauthenticated bulk length\r\n"));
  EXPECT_TRUE(r.eof);
}

TEST_F(AuthTest, AuthenticatedClientsHaveNoSuchLimits) {
  Client c = server_->connect();
  expect_reply(c, "AUTH s3cret\r\n", "+OK\r\n");
  std::vector<std::string> args{"MSET"};
  for (int i = 0; i < 10; ++i) {
    args.push_back("ak" + std::to_string(i));
    args.push_back(std::string(20000, 'a' + static_cast<char>(i)));
  }
  expect_reply(c, resp_command(args), "+OK\r\n");
  expect_reply(c, "GET ak9\r\n", resp_bulk(std::string(20000, 'j')));
}

}  // namespace
}  // namespace ironkv::test
