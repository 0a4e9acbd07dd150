// With --io-threads 1 the batch runs inline (no hop to the keyspace strand).
// The same guarantees must hold: atomic commands across many clients, blocking
// pops served across connections, pipelines answered in order.

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

TEST(SingleIoThread, ManyClientsIncrementAtomically) {
  ServerProcess server({"--io-threads", "1"});
  ASSERT_TRUE(server.ready()) << server.describe();
  constexpr int kClients = 20;
  constexpr int kIncrs = 200;
  std::vector<std::thread> threads;
  std::vector<int> ok(kClients, 0);
  for (int t = 0; t < kClients; ++t) {
    threads.emplace_back([&, t] {
      Client c = server.connect();
      if (!c.valid()) return;
      std::string pipeline;
      for (int i = 0; i < kIncrs; ++i) pipeline += resp_command({"INCR", "st:counter"});
      if (!c.send(pipeline)) return;
      for (int i = 0; i < kIncrs; ++i) {
        std::string line = c.read_until("\r\n");
        if (line.empty() || line[0] != ':') return;
      }
      ok[t] = 1;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kClients; ++t) EXPECT_EQ(ok[t], 1) << "client " << t;
  Client c = server.connect();
  EXPECT_EQ(c.roundtrip(resp_command({"GET", "st:counter"}), "$4\r\n4000\r\n"), "$4\r\n4000\r\n");
}

TEST(SingleIoThread, BlockingPopIsServedByAnotherConnection) {
  ServerProcess server({"--io-threads", "1"});
  ASSERT_TRUE(server.ready()) << server.describe();
  Client waiter = server.connect();
  Client pusher = server.connect();
  ASSERT_TRUE(waiter.send(resp_command({"BLPOP", "st:list", "5"}) + resp_command({"PING"})));
  // Make sure the BLPOP is registered before pushing.
  for (int i = 0; i < 200; ++i) {
    pusher.send(resp_command({"INFO", "clients"}));
    std::string header = pusher.read_until("\r\n");
    std::string body = pusher.read_exact(std::stoul(header.substr(1)) + 2);
    if (body.find("blocked_clients:1\r\n") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(pusher.roundtrip(resp_command({"RPUSH", "st:list", "x"}), ":1\r\n"), ":1\r\n");
  std::string expected = "*2\r\n$7\r\nst:list\r\n$1\r\nx\r\n+PONG\r\n";
  EXPECT_EQ(waiter.read_exact(expected.size()), expected);
}

}  // namespace
}  // namespace ironkv::test
