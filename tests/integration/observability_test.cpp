// SLOWLOG over the wire (real client address and name, real durations) and
// CONFIG SET loglevel taking effect at once.

#include <gtest/gtest.h>

#include <string>

#include "support/shared_server_fixture.h"

namespace ironkv::test {
namespace {

class ObservabilityWire : public SharedServerTest {};

TEST_F(ObservabilityWire, SlowlogEntryCarriesClientAddressAndName) {
  ASSERT_EQ(call(admin_, {"CONFIG", "SET", "slowlog-log-slower-than", "0"}), "+OK\r\n");
  ASSERT_EQ(call(admin_, {"SLOWLOG", "RESET"}), "+OK\r\n");
  Client c = connect();
  ASSERT_EQ(call(c, {"CLIENT", "SETNAME", "alice"}), "+OK\r\n");
  ASSERT_EQ(call(c, {"SET", "k", std::string(130, 'v')}), "+OK\r\n");
  ASSERT_EQ(call(admin_, {"CONFIG", "SET", "slowlog-log-slower-than", "10000"}), "+OK\r\n");
  std::string got = call(admin_, {"SLOWLOG", "GET", "1"});
  // [id, time, duration, argv, addr, name]: check the parts that do not vary.
  EXPECT_EQ(got.substr(0, 8), "*1\r\n*6\r\n") << printable(got);
  EXPECT_NE(got.find("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$146\r\n" + std::string(128, 'v') +
                     "... (2 more bytes)\r\n$15\r\n127.0.0.1:"),
            std::string::npos)
      << printable(got);
  EXPECT_NE(got.find("\r\n$5\r\nalice\r\n"), std::string::npos) << printable(got);
  ASSERT_EQ(call(admin_, {"SLOWLOG", "RESET"}), "+OK\r\n");
  EXPECT_EQ(call(admin_, {"SLOWLOG", "LEN"}), ":0\r\n");
}

TEST_F(ObservabilityWire, LatencystatsAfterRealCommands) {
  ASSERT_EQ(call(admin_, {"CONFIG", "RESETSTAT"}), "+OK\r\n");
  ASSERT_EQ(call(admin_, {"SET", "a", "1"}), "+OK\r\n");
  std::string info = call(admin_, {"INFO", "latencystats"});
  EXPECT_NE(info.find("# Latencystats\r\n"), std::string::npos) << printable(info);
  EXPECT_NE(info.find("latency_percentiles_usec_set:p50="), std::string::npos) << printable(info);
  EXPECT_NE(info.find(",p99.9="), std::string::npos) << printable(info);
  // INFO everything has it too, after commandstats.
  std::string all = call(admin_, {"INFO", "everything"});
  EXPECT_LT(all.find("# Commandstats"), all.find("# Latencystats")) << printable(all);
}

TEST(LogLevel, ConfigSetTakesEffectAtOnce) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client admin = server.connect();
  // At notice, a protocol error is not logged (it is a debug line).
  Client bad = server.connect();
  ASSERT_TRUE(bad.send("*1\r\n$x\r\n"));
  EXPECT_TRUE(bad.is_closed());
  EXPECT_EQ(admin.roundtrip("PING\r\n", "+PONG\r\n"), "+PONG\r\n");
  EXPECT_EQ(server.log().find("protocol error"), std::string::npos);

  ASSERT_EQ(admin.roundtrip(resp_command({"CONFIG", "SET", "loglevel", "debug"}), "+OK\r\n"),
            "+OK\r\n");
  Client bad2 = server.connect();
  ASSERT_TRUE(bad2.send("*1\r\n$x\r\n"));
  EXPECT_TRUE(bad2.is_closed());
  EXPECT_TRUE(server.wait_for_log("protocol error")) << server.log();
}

}  // namespace
}  // namespace ironkv::test
