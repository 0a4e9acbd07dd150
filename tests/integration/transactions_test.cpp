// MULTI/EXEC/WATCH over real sockets: a concurrent client's write between
// WATCH and EXEC fails the EXEC; a pipelined transaction runs as one step;
// no-multi commands are refused while queueing.

#include <gtest/gtest.h>

#include <string>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

TEST(Transactions, ConcurrentWriteBetweenWatchAndExecFailsTheExec) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client a = server.connect();
  Client b = server.connect();
  EXPECT_EQ(a.roundtrip(resp_command({"SET", "bal", "10"}), "+OK\r\n"), "+OK\r\n");
  EXPECT_EQ(a.roundtrip(resp_command({"WATCH", "bal"}), "+OK\r\n"), "+OK\r\n");
  EXPECT_EQ(b.roundtrip(resp_command({"INCRBY", "bal", "5"}), ":15\r\n"), ":15\r\n");
  std::string tx = resp_command({"MULTI"}) + resp_command({"SET", "bal", "0"}) +
                   resp_command({"EXEC"});
  std::string expected = "+OK\r\n+QUEUED\r\n*-1\r\n";
  EXPECT_EQ(a.roundtrip(tx, expected), expected);
  EXPECT_EQ(a.roundtrip(resp_command({"GET", "bal"}), "$2\r\n15\r\n"), "$2\r\n15\r\n");
}

TEST(Transactions, PipelinedTransactionRepliesInOrder) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client a = server.connect();
  std::string tx = resp_command({"MULTI"}) + resp_command({"INCR", "n"}) +
                   resp_command({"INCR", "n"}) + resp_command({"LPUSH", "l", "x"}) +
                   resp_command({"EXEC"}) + resp_command({"GET", "n"});
  std::string expected =
      "+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n*3\r\n:1\r\n:2\r\n:1\r\n$1\r\n2\r\n";
  EXPECT_EQ(a.roundtrip(tx, expected), expected);
}

TEST(Transactions, ExecAbortAfterQueueingError) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client a = server.connect();
  std::string tx = resp_command({"MULTI"}) + resp_command({"SET", "k"}) +
                   resp_command({"SET", "k", "v"}) + resp_command({"EXEC"}) +
                   resp_command({"EXISTS", "k"});
  std::string expected =
      "+OK\r\n-ERR wrong number of arguments for 'set' command\r\n+QUEUED\r\n"
      "-EXECABORT Transaction discarded because of previous errors.\r\n:0\r\n";
  EXPECT_EQ(a.roundtrip(tx, expected), expected);
}

// SHUTDOWN inside MULTI is refused (Redis 7.0's no-multi rule) and the server
// stays up; the failed queueing aborts the EXEC.
TEST(Transactions, ShutdownInsideMultiIsRefused) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client a = server.connect();
  std::string tx = resp_command({"MULTI"}) + resp_command({"SHUTDOWN", "NOSAVE"}) +
                   resp_command({"EXEC"}) + resp_command({"PING"});
  std::string expected =
      "+OK\r\n-ERR Command not allowed inside a transaction\r\n"
      "-EXECABORT Transaction discarded because of previous errors.\r\n+PONG\r\n";
  EXPECT_EQ(a.roundtrip(tx, expected), expected);
  Client b = server.connect();
  EXPECT_EQ(b.roundtrip(resp_command({"PING"}), "+PONG\r\n"), "+PONG\r\n");
  EXPECT_TRUE(server.running());
}

}  // namespace
}  // namespace ironkv::test
