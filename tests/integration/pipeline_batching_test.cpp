// Pipelining costs one keyspace hop per read, not one per command: the server
// counts hops (INFO stats ironkv_keyspace_hops), so this is checked directly.

#include <gtest/gtest.h>

#include <string>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

// Sends INFO stats and returns ironkv_keyspace_hops (-1 if absent).
long long keyspace_hops(Client& c) {
  c.send(resp_command({"INFO", "stats"}));
  std::string header = c.read_until("\r\n");
  if (header.size() < 4 || header[0] != '$') return -1;
  size_t len = std::stoul(header.substr(1));
  std::string body = c.read_exact(len + 2);
  auto pos = body.find("ironkv_keyspace_hops:");
  if (pos == std::string::npos) return -1;
  return std::stoll(body.substr(pos + 21, body.find("\r\n", pos) - pos - 21));
}

// Reads n integer replies.
bool read_integers(Client& c, int n) {
  for (int i = 0; i < n; ++i) {
    std::string line = c.read_until("\r\n");
    if (line.empty() || line[0] != ':') return false;
  }
  return true;
}

TEST(PipelineBatching, SixteenPipelinedCommandsCostOneHop) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client c = server.connect();
  ASSERT_TRUE(c.valid());
  long long before = keyspace_hops(c);
  ASSERT_GE(before, 0);
  std::string pipeline;
  for (int i = 0; i < 16; ++i) pipeline += resp_command({"INCR", "hops:counter"});
  ASSERT_TRUE(c.send(pipeline));   // ~500 bytes: one segment, one read
  ASSERT_TRUE(read_integers(c, 16));
  long long after = keyspace_hops(c);
  // One hop for the 16 INCRs and one for the second INFO.
  EXPECT_EQ(after - before, 2) << "16 pipelined commands took " << (after - before - 1) << " hops";
}

TEST(PipelineBatching, ThousandPipelinedCommandsCostAFewHops) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client c = server.connect();
  long long before = keyspace_hops(c);
  std::string pipeline;
  for (int i = 0; i < 1000; ++i) pipeline += resp_command({"INCR", "hops:counter"});
  ASSERT_TRUE(c.send(pipeline));   // ~33 KB: a few reads of the 16 KB buffer
  ASSERT_TRUE(read_integers(c, 1000));
  long long hops = keyspace_hops(c) - before - 1;
  EXPECT_GE(hops, 1);
  EXPECT_LE(hops, 20) << "1000 pipelined commands must not cost one hop each";
}

}  // namespace
}  // namespace ironkv::test
