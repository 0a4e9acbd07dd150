#include <gtest/gtest.h>

#include "harness.h"

namespace ironkv::test {
namespace {

TEST(ConnectionFamily, Ping) {
  Harness h;
  EXPECT_EQ(h.run({"PING"}), simple("PONG"));
  EXPECT_EQ(h.run({"ping", "hello world"}), bulk("hello world"));
  EXPECT_EQ(h.run({"ping", "a", "b"}), error("ERR wrong number of arguments for 'ping' command"));
}

TEST(ConnectionFamily, Echo) {
  Harness h;
  EXPECT_EQ(h.run({"ECHO", std::string_view("a\0b", 3)}), bulk(std::string_view("a\0b", 3)));
  EXPECT_EQ(h.run({"echo"}), error("ERR wrong number of arguments for 'echo' command"));
}

TEST(ConnectionFamily, UnknownCommandTextIsRedis) {
  Harness h;
  EXPECT_EQ(h.run({"foo", "a", "b"}),
            error("ERR unknown command 'foo', with args beginning with: 'a' 'b' "));
  EXPECT_EQ(h.run({"foo"}), error("ERR unknown command 'foo', with args beginning with: "));
  std::string long_arg(200, 'x');
  EXPECT_EQ(h.run({"nope", long_arg}),
            error("ERR unknown command 'nope', with args beginning with: '" +
                  std::string(128, 'x') + "' "));
}

TEST(ConnectionFamily, SelectAndQuit) {
  Harness h;
  EXPECT_EQ(h.run({"SELECT", "15"}), ok());
  EXPECT_EQ(h.client.db, 15);
  EXPECT_EQ(h.run({"SELECT", "16"}), error("ERR DB index is out of range"));
  EXPECT_EQ(h.run({"SELECT", "-1"}), error("ERR DB index is out of range"));
  EXPECT_EQ(h.run({"SELECT", "x"}), error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"QUIT"}), ok());
  EXPECT_TRUE(h.client.close_after_reply);
}

TEST(ConnectionFamily, AuthAndNoAuth) {
  Harness h;
  EXPECT_EQ(h.run({"AUTH", "pw"}),
            error("ERR AUTH <password> called without any password configured for the default "
                  "user. Are you sure your configuration is correct?"));
  h.server.config.requirepass = "secret";
  h.client.authenticated = false;
  EXPECT_EQ(h.run({"PING"}), error("NOAUTH Authentication required."));
  EXPECT_EQ(h.run({"AUTH", "wrong"}),
            error("WRONGPASS invalid username-password pair or user is disabled."));
  EXPECT_EQ(h.server.auth_failures, 1u);
  EXPECT_EQ(h.run({"AUTH", "default", "secret"}), ok());
  EXPECT_EQ(h.run({"PING"}), simple("PONG"));
}

TEST(ConnectionFamily, HelloTwoAndNoProto) {
  Harness h;
  std::string r = h.run({"HELLO", "2"});
  EXPECT_EQ(r.substr(0, 4), "*14\r");
  EXPECT_NE(r.find("$5\r\nproto\r\n:2\r\n"), std::string::npos);
  EXPECT_EQ(h.run({"HELLO", "3"}), error("NOPROTO unsupported protocol version"));
  EXPECT_EQ(h.run({"HELLO", "x"}), error("ERR Protocol version is not an integer or out of range"));
  h.run({"HELLO", "2", "SETNAME", "myconn"});
  EXPECT_EQ(h.client.name, "myconn");
}

TEST(ConnectionFamily, Reset) {
  Harness h;
  h.run({"SELECT", "3"});
  EXPECT_EQ(h.run({"RESET"}), simple("RESET"));
  EXPECT_EQ(h.client.db, 0);
}

TEST(ConnectionFamily, ArityIsCheckedCentrally) {
  Harness h;
  EXPECT_EQ(h.run({"select"}), error("ERR wrong number of arguments for 'select' command"));
  EXPECT_EQ(h.run({"SeLeCt", "1", "2"}), error("ERR wrong number of arguments for 'select' command"));
}

}  // namespace
}  // namespace ironkv::test
