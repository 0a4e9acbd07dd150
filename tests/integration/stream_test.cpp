// Streams against the real server over sockets: blocking XREAD/XREADGROUP woken
// by XADD (also from MULTI and scripts), -NOGROUP when the group goes away,
// timeouts, readers waiting for different IDs, a consumer-group failover loop
// with XAUTOCLAIM, and a stream with groups that survives a restart (RDB and
// AOF) with the same XINFO STREAM FULL. Replies are byte for byte as
// redis-server 7.0.15 sends them.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "support/resp_client.h"
#include "support/server_process.h"
#include "support/shared_server_fixture.h"

namespace ironkv::test {
namespace {

using std::chrono::milliseconds;

class StreamTest : public SharedServerTest {};

TEST_F(StreamTest, XreadBlocksUntilXadd) {
  Client a = connect();
  ASSERT_TRUE(a.send(resp_command({"XREAD", "BLOCK", "0", "STREAMS", "s1", "$"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_TRUE(silent(a));
  EXPECT_EQ(call(admin_, {"XADD", "s1", "5-1", "f", "v"}), "$3\r\n5-1\r\n");
  EXPECT_EQ(read_reply(a),
            "*1\r\n*2\r\n$2\r\ns1\r\n*1\r\n*2\r\n$3\r\n5-1\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n");
  EXPECT_EQ(blocked_clients(), 0);
}

TEST_F(StreamTest, ReadersWaitingForDifferentIdsAreEachServed) {
  EXPECT_EQ(call(admin_, {"XADD", "s2", "1-1", "a", "1"}), "$3\r\n1-1\r\n");
  Client hi = connect(), lo = connect();
  // `hi` waits for entries after 9-0, `lo` after 1-1: an XADD of 2-0 serves
  // `lo` although `hi`, first in line, is not served.
  ASSERT_TRUE(hi.send(resp_command({"XREAD", "BLOCK", "0", "STREAMS", "s2", "9-0"})));
  ASSERT_TRUE(wait_blocked(1));
  ASSERT_TRUE(lo.send(resp_command({"XREAD", "BLOCK", "0", "STREAMS", "s2", "1-1"})));
  ASSERT_TRUE(wait_blocked(2));
  EXPECT_EQ(call(admin_, {"XADD", "s2", "2-0", "b", "2"}), "$3\r\n2-0\r\n");
  EXPECT_EQ(read_reply(lo),
            "*1\r\n*2\r\n$2\r\ns2\r\n*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
  EXPECT_TRUE(silent(hi));
  EXPECT_EQ(blocked_clients(), 1);
  EXPECT_EQ(call(admin_, {"XADD", "s2", "10-0", "c", "3"}), "$4\r\n10-0\r\n");
  EXPECT_EQ(read_reply(hi),
            "*1\r\n*2\r\n$2\r\ns2\r\n*1\r\n*2\r\n$4\r\n10-0\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n");
}

TEST_F(StreamTest, XreadTimeoutAndMulti) {
  Client a = connect();
  auto start = Clock::now();
  EXPECT_EQ(call(a, {"XREAD", "BLOCK", "150", "STREAMS", "nostream", "$"}), "*-1\r\n");
  auto ms = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
  EXPECT_GE(ms, 140);
  EXPECT_LT(ms, 3000);
  EXPECT_EQ(call(a, {"MULTI"}), "+OK\r\n");
  EXPECT_EQ(call(a, {"XREAD", "BLOCK", "0", "STREAMS", "nostream", "$"}), "+QUEUED\r\n");
  EXPECT_EQ(call(a, {"EXEC"}), "*1\r\n*-1\r\n");
  EXPECT_EQ(call(a, {"EVAL", "return redis.pcall('xread','block','0','streams','s','$')", "0"}),
            "-ERR xread command is not allowed with BLOCK option from scripts\r\n");
}

TEST_F(StreamTest, XreadgroupBlocksAndIsWokenByXaddInMulti) {
  EXPECT_EQ(call(admin_, {"XGROUP", "CREATE", "s3", "g", "$", "MKSTREAM"}), "+OK\r\n");
  Client a = connect();
  ASSERT_TRUE(a.send(
      resp_command({"XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s3", ">"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_EQ(call(admin_, {"MULTI"}), "+OK\r\n");
  EXPECT_EQ(call(admin_, {"XADD", "s3", "1-0", "k", "v"}), "+QUEUED\r\n");
  EXPECT_EQ(call(admin_, {"XADD", "s3", "2-0", "k", "w"}), "+QUEUED\r\n");
  EXPECT_EQ(call(admin_, {"EXEC"}), "*2\r\n$3\r\n1-0\r\n$3\r\n2-0\r\n");
  EXPECT_EQ(read_reply(a),
            "*1\r\n*2\r\n$2\r\ns3\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nk\r\n$1\r\nv\r\n"
            "*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nk\r\n$1\r\nw\r\n");
  EXPECT_EQ(call(admin_, {"XPENDING", "s3", "g"}),
            "*4\r\n:2\r\n$3\r\n1-0\r\n$3\r\n2-0\r\n*1\r\n*2\r\n$5\r\nalice\r\n$1\r\n2\r\n");
}

TEST_F(StreamTest, DestroyedGroupUnblocksWithNogroup) {
  EXPECT_EQ(call(admin_, {"XGROUP", "CREATE", "s4", "g", "$", "MKSTREAM"}), "+OK\r\n");
  Client a = connect();
  ASSERT_TRUE(
      a.send(resp_command({"XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s4", ">"})));
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_EQ(call(admin_, {"XGROUP", "DESTROY", "s4", "g"}), ":1\r\n");
  EXPECT_EQ(read_reply(a),
            "-NOGROUP the consumer group this client was blocked on no longer exists\r\n");
  EXPECT_EQ(blocked_clients(), 0);
}

// 7.0.15: a group reader whose stream goes away (deleted, overwritten,
// renamed, expired, flushed) gets -UNBLOCKED; a plain XREAD keeps waiting.
TEST_F(StreamTest, GroupReaderIsUnblockedWhenItsStreamGoesAway) {
  const std::vector<std::vector<std::string>> removals = {{"DEL", "s5"},
                                                          {"SET", "s5", "x"},
                                                          {"RENAME", "s5", "other"},
                                                          {"PEXPIRE", "s5", "30"},
                                                          {"FLUSHDB"}};
  for (const auto& removal : removals) {
    call(admin_, {"DEL", "s5", "other"});
    ASSERT_EQ(call(admin_, {"XGROUP", "CREATE", "s5", "g", "$", "MKSTREAM"}), "+OK\r\n");
    Client a = connect(), b = connect();
    ASSERT_TRUE(a.send(
        resp_command({"XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s5", ">"})));
    ASSERT_TRUE(b.send(resp_command({"XREAD", "BLOCK", "0", "STREAMS", "s5", "$"})));
    ASSERT_TRUE(wait_blocked(2));
    call(admin_, removal);
    EXPECT_EQ(read_reply(a), "-UNBLOCKED the stream key no longer exists\r\n") << removal[0];
    EXPECT_TRUE(silent(b)) << removal[0];
    EXPECT_EQ(blocked_clients(), 1) << removal[0];
    // The plain reader is served by the next stream at that key.
    EXPECT_EQ(call(admin_, {"DEL", "s5"}).substr(0, 1), ":");
    EXPECT_EQ(call(admin_, {"XADD", "s5", "9-9", "k", "v"}), "$3\r\n9-9\r\n");
    EXPECT_EQ(read_reply(b),
              "*1\r\n*2\r\n$2\r\ns5\r\n*1\r\n*2\r\n$3\r\n9-9\r\n*2\r\n$1\r\nk\r\n$1\r\nv\r\n")
        << removal[0];
  }
}

TEST_F(StreamTest, ClientUnblockEndsAStreamWait) {
  Client a = connect(), b = connect();
  std::string id_a = call(a, {"CLIENT", "ID"}), id_b = call(b, {"CLIENT", "ID"});
  id_a = id_a.substr(1, id_a.size() - 3);
  id_b = id_b.substr(1, id_b.size() - 3);
  ASSERT_TRUE(a.send(resp_command({"XREAD", "BLOCK", "0", "STREAMS", "s6", "$"})));
  ASSERT_TRUE(b.send(resp_command({"XREAD", "BLOCK", "0", "STREAMS", "s6", "$"})));
  ASSERT_TRUE(wait_blocked(2));
  EXPECT_EQ(call(admin_, {"CLIENT", "UNBLOCK", id_a}), ":1\r\n");
  EXPECT_EQ(read_reply(a), "*-1\r\n");
  EXPECT_EQ(call(admin_, {"CLIENT", "UNBLOCK", id_b, "ERROR"}), ":1\r\n");
  EXPECT_EQ(read_reply(b), "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
  EXPECT_EQ(call(admin_, {"CLIENT", "UNBLOCK", id_b}), ":0\r\n");
  EXPECT_EQ(call(admin_, {"CLIENT", "UNBLOCK", id_b, "LATER"}),
            "-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n");
  EXPECT_EQ(call(admin_, {"CLIENT", "UNBLOCK", "x"}),
            "-ERR value is not an integer or out of range\r\n");
  EXPECT_EQ(blocked_clients(), 0);
  EXPECT_EQ(call(a, {"PING"}), "+PONG\r\n");
}

TEST_F(StreamTest, ConsumerFailoverWithXautoclaim) {
  // Two workers share a group; one dies holding entries, the other takes
  // them over with XAUTOCLAIM until the PEL is empty.
  EXPECT_EQ(call(admin_, {"XGROUP", "CREATE", "jobs", "w", "0", "MKSTREAM"}), "+OK\r\n");
  for (int i = 1; i <= 30; ++i) {
    std::string id = std::to_string(i) + "-0";
    EXPECT_EQ(call(admin_, {"XADD", "jobs", id, "n", std::to_string(i)}),
              "$" + std::to_string(id.size()) + "\r\n" + id + "\r\n");
  }
  Client dead = connect();
  std::string r =
      call(dead, {"XREADGROUP", "GROUP", "w", "dead", "COUNT", "30", "STREAMS", "jobs", ">"});
  ASSERT_EQ(r.substr(0, 4), "*1\r\n");
  EXPECT_EQ(call(admin_, {"XDEL", "jobs", "7-0"}), ":1\r\n");
  Client alive = connect();
  std::string cursor = "0-0";
  int claimed = 0, rounds = 0;
  do {
    std::string raw =
        call(alive, {"XAUTOCLAIM", "jobs", "w", "alive", "0", cursor, "COUNT", "8", "JUSTID"});
    size_t pos = 0;
    auto reply = parse_resp(raw, pos);
    ASSERT_TRUE(reply.has_value()) << raw;
    ASSERT_EQ(reply->elems.size(), 3u) << raw;
    cursor = reply->elems[0].str;
    claimed += static_cast<int>(reply->elems[1].elems.size());
    for (const auto& d : reply->elems[2].elems) EXPECT_EQ(d.str, "7-0");
    ++rounds;
  } while (cursor != "0-0" && rounds < 20);
  EXPECT_EQ(claimed, 29);
  EXPECT_EQ(rounds, 4);
  EXPECT_EQ(call(admin_, {"XPENDING", "jobs", "w", "-", "+", "1", "dead"}), "*0\r\n");
  std::string summary = call(admin_, {"XPENDING", "jobs", "w"});
  EXPECT_EQ(summary,
            "*4\r\n:29\r\n$3\r\n1-0\r\n$4\r\n30-0\r\n*1\r\n*2\r\n$5\r\nalive\r\n$2\r\n29\r\n");
  EXPECT_EQ(call(alive, {"XACK", "jobs", "w", "1-0", "2-0", "7-0"}), ":2\r\n");
}

std::string rpc(Client& c, const std::vector<std::string>& args) {
  if (!c.send(resp_command(args))) return "<send failed>";
  return c.read_until([](std::string_view b) { return reply_length(b).has_value(); },
                      kDefaultTimeout);
}

// XINFO STREAM FULL with its clock-valued fields (seen-time, delivery times)
// intact: after a restart they must be the same numbers.
std::string full_info(int port, const std::string& key) {
  Client c = Client::connect(port);
  return rpc(c, {"XINFO", "STREAM", key, "FULL"});
}

std::string mask_seen_times(std::string s) {
  const std::string field = "$9\r\nseen-time\r\n:";
  for (size_t at = s.find(field); at != std::string::npos; at = s.find(field, at + 1)) {
    size_t from = at + field.size(), to = s.find("\r\n", from);
    s.replace(from, to - from, "T");
  }
  return s;
}

void build_stream(Client& c) {
  for (int i = 1; i <= 23; ++i) {
    rpc(c, {"XADD", "st", std::to_string(i) + "-" + std::to_string(i % 3), "f",
            std::string(static_cast<size_t>(i), 'x'), "n", std::to_string(i)});
  }
  rpc(c, {"XDEL", "st", "3-0", "10-1"});
  rpc(c, {"XGROUP", "CREATE", "st", "g1", "0"});
  rpc(c, {"XGROUP", "CREATE", "st", "g2", "$", "ENTRIESREAD", "5"});
  rpc(c, {"XREADGROUP", "GROUP", "g1", "a", "COUNT", "5", "STREAMS", "st", ">"});
  rpc(c, {"XREADGROUP", "GROUP", "g1", "b", "COUNT", "3", "STREAMS", "st", ">"});
  rpc(c, {"XCLAIM", "st", "g1", "b", "0", "2-2", "RETRYCOUNT", "7"});
  rpc(c, {"XACK", "st", "g1", "1-1"});
  rpc(c, {"XGROUP", "CREATECONSUMER", "st", "g2", "idle"});
  rpc(c, {"XREADGROUP", "GROUP", "g1", "c", "NOACK", "COUNT", "2", "STREAMS", "st", ">"});
  rpc(c, {"XTRIM", "st", "MAXLEN", "=", "20"});
}

// RDB (SAVE), the AOF alone, and the AOF after BGREWRITEAOF (an RDB base, as
// Redis 7.0 writes it, then more commands): the restarted server reports the
// same XINFO STREAM FULL.
TEST(StreamPersistence, RdbAndAofRestartKeepXinfoFull) {
  enum Mode { kRdb, kAof, kAofRewrite };
  for (const Mode mode : {kRdb, kAof, kAofRewrite}) {
    const bool aof = mode != kRdb;
    TempDir dir;
    // appendfsync always: the process is killed at the end of the block, and
    // the log must hold every acknowledged write.
    std::vector<std::string> flags = {"--dir",
                                      dir.path(),
                                      "--appendonly",
                                      aof ? "yes" : "no",
                                      "--appendfsync",
                                      "always",
                                      "--stream-node-max-entries",
                                      "4"};
    std::string before;
    {
      ServerProcess s(flags);
      ASSERT_TRUE(s.ready()) << s.describe();
      Client c = Client::connect(s.port());
      build_stream(c);
      if (mode == kRdb) {
        EXPECT_EQ(rpc(c, {"SAVE"}), "+OK\r\n");
      }
      if (mode == kAofRewrite) {
        EXPECT_EQ(rpc(c, {"BGREWRITEAOF"}), "+Background append only file rewriting started\r\n");
        for (int i = 0; i < 500; ++i) {
          if (rpc(c, {"INFO", "persistence"}).find("aof_rewrite_in_progress:0") !=
              std::string::npos)
            break;
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        // After the rewrite: more group traffic, logged after the new base.
        rpc(c, {"XACK", "st", "g1", "4-1"});
        rpc(c, {"XREADGROUP", "GROUP", "g2", "late", "COUNT", "1", "STREAMS", "st", "0"});
        rpc(c, {"XADD", "st", "30-0", "f", "after", "n", "30"});
        rpc(c, {"XREADGROUP", "GROUP", "g2", "late", "STREAMS", "st", ">"});
      }
      before = full_info(s.port(), "st");
      ASSERT_EQ(before.substr(0, 5), "*18\r\n") << before;
    }
    ServerProcess s(flags);
    ASSERT_TRUE(s.ready()) << s.describe();
    std::string after = full_info(s.port(), "st");
    if (aof) {
      // A replayed delivery sees its consumer at replay time, in Redis too:
      // the log keeps delivery times (XCLAIM … TIME), not seen times.
      before = mask_seen_times(before);
      after = mask_seen_times(after);
    }
    EXPECT_EQ(after, before) << "mode " << mode;
  }
}

}  // namespace
}  // namespace ironkv::test
