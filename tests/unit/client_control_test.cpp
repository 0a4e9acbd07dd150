// CLIENT PAUSE / UNPAUSE / REPLY / NO-EVICT in process, byte exact, with
// clients that have a (fake) connection so they can be postponed. Expected
// behaviour checked against redis-server 7.0.15.

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "core/resp/command_batch.h"
#include "harness.h"

namespace ironkv::test {
namespace {

using Cmd = std::vector<std::string>;

class ClientControl : public ::testing::Test {
 protected:
  FakeHandle& connected() {
    handles_.push_back(std::make_unique<FakeHandle>());
    FakeHandle& f = *handles_.back();
    f.st.id = h.server.next_client_id++;
    f.st.handle = &f;
    h.server.clients[f.st.id] = &f;  // listed by CLIENT LIST
    return f;
  }
  std::string run(std::initializer_list<std::string_view> argv) { return h.run(argv); }
  std::string run_as(FakeHandle& f, Cmd argv) { return h.run_as(f.st, std::move(argv)); }

  // Runs commands as one pipelined batch from `start` the way a connection
  // does; returns the replies and sets `next` to the first command not run.
  std::string batch(server::ClientState& c, const std::vector<Cmd>& cmds, size_t start,
                    size_t& next) {
    storage_ = cmds;
    resp::CommandBatch b;
    for (const auto& cmd : storage_) {
      std::vector<std::string_view> v(cmd.begin(), cmd.end());
      b.add_command(v);
    }
    std::string out;
    next = h.dispatcher.execute_batch(c, b, out, start);
    return out;
  }
  std::string batch(server::ClientState& c, const std::vector<Cmd>& cmds) {
    size_t next;
    return batch(c, cmds, 0, next);
  }

  Harness h;
  std::vector<std::unique_ptr<FakeHandle>> handles_;
  std::vector<Cmd> storage_;
};

TEST_F(ClientControl, PauseArgumentErrors) {
  EXPECT_EQ(run({"CLIENT", "PAUSE", "abc"}), error("ERR timeout is not an integer or out of range"));
  EXPECT_EQ(run({"CLIENT", "PAUSE", "-1"}), error("ERR timeout is negative"));
  EXPECT_EQ(run({"CLIENT", "PAUSE", "100", "foo"}), error("ERR CLIENT PAUSE mode must be WRITE or ALL"));
  // The mode is checked before the timeout, as in Redis.
  EXPECT_EQ(run({"CLIENT", "PAUSE", "abc", "foo"}), error("ERR CLIENT PAUSE mode must be WRITE or ALL"));
  EXPECT_EQ(run({"CLIENT", "PAUSE", "100", "write", "x"}),
            error("ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP."));
  EXPECT_EQ(run({"CLIENT", "PAUSE"}), error("ERR wrong number of arguments for 'client|pause' command"));
  EXPECT_EQ(run({"CLIENT", "UNPAUSE", "x"}),
            error("ERR wrong number of arguments for 'client|unpause' command"));
  EXPECT_EQ(run({"CLIENT", "UNPAUSE"}), ok());  // no pause in effect: still OK
  EXPECT_EQ(run({"CLIENT", "PAUSE", "0"}), ok());
  EXPECT_FALSE(h.server.pause.active(h.clock.now_ms()));
}

TEST_F(ClientControl, PauseWriteHoldsWritersUntilUnpause) {
  FakeHandle& writer = connected();
  FakeHandle& reader = connected();
  run({"SET", "k", "old"});
  EXPECT_EQ(run({"CLIENT", "PAUSE", "10000", "WRITE"}), ok());

  size_t next = 0;
  EXPECT_EQ(batch(writer.st, {{"SET", "k", "new"}, {"GET", "k"}}, 0, next), "");
  EXPECT_EQ(next, 0u);  // nothing ran, the SET waits
  EXPECT_TRUE(writer.st.block.blocked);
  EXPECT_TRUE(writer.st.block.postponed);
  // Readers go on, and see the old value.
  EXPECT_EQ(batch(reader.st, {{"GET", "k"}, {"EXISTS", "k"}}), bulk("old") + integer(1));
  EXPECT_NE(run({"CLIENT", "LIST"}).find("flags=b db=0 sub=0 psub=0 ssub=0 multi=-1"),
            std::string::npos);
  EXPECT_NE(run({"CLIENT", "LIST"}).find("cmd=set "), std::string::npos);
  EXPECT_NE(run({"INFO", "clients"}).find("blocked_clients:1\r\n"), std::string::npos);

  EXPECT_EQ(run({"CLIENT", "UNPAUSE"}), ok());
  EXPECT_EQ(writer.wakes, 1);
  EXPECT_FALSE(writer.st.block.blocked);
  // The connection runs the same batch again from the postponed command.
  EXPECT_EQ(batch(writer.st, {{"SET", "k", "new"}, {"GET", "k"}}, next, next),
            ok() + bulk("new"));
  EXPECT_EQ(next, 2u);
}

TEST_F(ClientControl, PauseWriteEndsAtItsTimeout) {
  FakeHandle& writer = connected();
  run({"CLIENT", "PAUSE", "100", "WRITE"});
  EXPECT_EQ(run_as(writer, {"DEL", "k"}), "");
  EXPECT_TRUE(writer.st.block.postponed);
  EXPECT_EQ(writer.st.block.deadline_ms, h.clock.now_ms() + 100);
  h.advance_ms(100);
  // The connection's timer fires at the deadline: no reply of its own.
  EXPECT_TRUE(h.server.blocking.time_out(writer.st.id));
  EXPECT_EQ(writer.st.block.reply, "");
  EXPECT_FALSE(writer.st.block.blocked);
  EXPECT_EQ(batch(writer.st, {{"DEL", "k"}}), integer(0));
}

TEST_F(ClientControl, PauseAllHoldsEveryCommandAndTheStricterPauseWins) {
  FakeHandle& c = connected();
  run({"CLIENT", "PAUSE", "1000", "WRITE"});
  EXPECT_EQ(run_as(c, {"GET", "k"}), nil());
  // A shorter ALL pause makes it ALL, and the end stays the later one.
  run({"CLIENT", "PAUSE", "10", "ALL"});
  EXPECT_EQ(run_as(c, {"GET", "k"}), "");
  EXPECT_TRUE(c.st.block.postponed);
  EXPECT_EQ(c.st.block.deadline_ms, h.clock.now_ms() + 1000);
  EXPECT_EQ(h.server.pause.type(), server::PauseType::kAll);
}

TEST_F(ClientControl, WritesInsideMultiAndExecWithWritesWait) {
  FakeHandle& c = connected();
  EXPECT_EQ(run_as(c, {"MULTI"}), ok());
  EXPECT_EQ(run_as(c, {"SET", "a", "1"}), simple("QUEUED"));
  run({"CLIENT", "PAUSE", "10000", "WRITE"});
  // Queueing a write waits too (Redis 7.0 checks the command, not the queue).
  EXPECT_EQ(run_as(c, {"SET", "b", "1"}), "");
  EXPECT_TRUE(c.st.block.postponed);
  run({"CLIENT", "UNPAUSE"});
  EXPECT_EQ(run_as(c, {"SET", "b", "1"}), simple("QUEUED"));
  run({"CLIENT", "PAUSE", "10000", "WRITE"});
  EXPECT_EQ(run_as(c, {"EXEC"}), "");  // holds writes: waits
  run({"CLIENT", "UNPAUSE"});
  EXPECT_EQ(run_as(c, {"EXEC"}), array({ok(), ok()}));
  // A read-only transaction runs during a WRITE pause.
  run({"CLIENT", "PAUSE", "10000", "WRITE"});
  run_as(c, {"MULTI"});
  run_as(c, {"GET", "a"});
  EXPECT_EQ(run_as(c, {"EXEC"}), array({bulk("1")}));
}

TEST_F(ClientControl, UnpauseWakesInPostponementOrder) {
  FakeHandle& a = connected();
  FakeHandle& b = connected();
  run({"CLIENT", "PAUSE", "10000", "WRITE"});
  run_as(b, {"SET", "x", "1"});
  run_as(a, {"SET", "x", "2"});
  EXPECT_EQ(h.server.pause.unpause(), (std::vector<uint64_t>{b.st.id, a.st.id}));
}

TEST_F(ClientControl, ExpiryIsPausedToo) {
  run({"SET", "k", "v", "PX", "100"});
  run({"CLIENT", "PAUSE", "10000", "WRITE"});
  h.advance_ms(200);
  // Reads see the key as gone, but it stays: no deletion during the pause.
  EXPECT_EQ(run({"GET", "k"}), nil());
  EXPECT_EQ(run({"EXISTS", "k"}), integer(0));
  h.keyspace.cron(std::chrono::microseconds(10000));
  EXPECT_EQ(run({"DBSIZE"}), integer(1));
  EXPECT_EQ(h.keyspace.stats().expired_keys, 0u);
  run({"CLIENT", "UNPAUSE"});
  EXPECT_EQ(run({"GET", "k"}), nil());
  EXPECT_EQ(run({"DBSIZE"}), integer(0));
  EXPECT_EQ(h.keyspace.stats().expired_keys, 1u);
}

TEST_F(ClientControl, ReplyOffSkipOn) {
  FakeHandle& c = connected();
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "foo"}, {"CLIENT", "REPLY", "ON"}}),
            error("ERR syntax error") + ok());
  // OFF drops everything, errors included, until ON (whose +OK is sent).
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "OFF"},
                         {"SET", "k", "v"},
                         {"NOSUCHCMD"},
                         {"GET"},
                         {"CLIENT", "REPLY", "SKIP"},
                         {"GET", "k"},
                         {"CLIENT", "REPLY", "ON"},
                         {"GET", "k"}}),
            ok() + bulk("v"));
  // SKIP drops exactly the next command's reply; SKIP itself replies nothing.
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "SKIP"}, {"PING"}, {"PING", "2"}}), bulk("2"));
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "SKIP"},
                         {"CLIENT", "REPLY", "SKIP"},
                         {"PING", "1"},
                         {"PING", "2"}}),
            bulk("2"));
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "SKIP"}, {"GET"}, {"PING"}}), simple("PONG"));
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "SKIP"}, {"MULTI"}, {"PING"}, {"EXEC"}}),
            simple("QUEUED") + array({simple("PONG")}));
  // Across batches (separate reads) the state carries on.
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "OFF"}}), "");
  EXPECT_EQ(batch(c.st, {{"PING"}}), "");
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "ON"}}), ok());
}

TEST_F(ClientControl, ReplyOffAppliesToABlockedCommandsLaterReply) {
  FakeHandle& c = connected();
  EXPECT_EQ(batch(c.st, {{"CLIENT", "REPLY", "SKIP"}, {"BLPOP", "l", "0"}}), "");
  EXPECT_TRUE(c.st.block.blocked);
  run({"RPUSH", "l", "a"});
  EXPECT_EQ(c.st.block.reply, "");  // the skipped command's reply
  EXPECT_EQ(batch(c.st, {{"PING"}}), simple("PONG"));
}

TEST_F(ClientControl, NoEvict) {
  FakeHandle& c = connected();
  EXPECT_EQ(run_as(c, {"CLIENT", "NO-EVICT", "on"}), ok());
  EXPECT_NE(run_as(c, {"CLIENT", "INFO"}).find(" flags=e "), std::string::npos);
  EXPECT_EQ(run_as(c, {"CLIENT", "NO-EVICT", "x"}), error("ERR syntax error"));
  EXPECT_EQ(run_as(c, {"CLIENT", "NO-EVICT", "OFF"}), ok());
  EXPECT_NE(run_as(c, {"CLIENT", "INFO"}).find(" flags=N "), std::string::npos);
  EXPECT_EQ(run_as(c, {"CLIENT", "NO-EVICT"}),
            error("ERR wrong number of arguments for 'client|no-evict' command"));
}

TEST_F(ClientControl, ClientListFlagsForMulti) {
  FakeHandle& c = connected();
  run_as(c, {"MULTI"});
  run_as(c, {"SET", "a", "1"});
  run_as(c, {"GET", "a"});
  EXPECT_NE(run({"CLIENT", "LIST"}).find(" flags=x db=0 sub=0 psub=0 ssub=0 multi=2 "),
            std::string::npos);
}

}  // namespace
}  // namespace ironkv::test
