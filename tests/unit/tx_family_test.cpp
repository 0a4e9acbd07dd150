// MULTI/EXEC/DISCARD/WATCH: queueing, EXECABORT, per-command runtime errors,
// WATCH invalidation (other client, same client, expiry, FLUSHDB, RENAME), and
// blocked clients served only after the whole transaction.

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "harness.h"

namespace ironkv::test {
namespace {

class TxTest : public ::testing::Test {
 protected:
  std::string run(std::initializer_list<std::string_view> argv) { return h.run(argv); }
  std::string run_as(server::ClientState& c, std::vector<std::string> argv) {
    return h.run_as(c, std::move(argv));
  }
  server::ClientState& other() {
    others_.push_back(std::make_unique<server::ClientState>());
    others_.back()->id = h.server.next_client_id++;
    return *others_.back();
  }
  FakeHandle& connected() {
    handles_.push_back(std::make_unique<FakeHandle>());
    FakeHandle& f = *handles_.back();
    f.st.id = h.server.next_client_id++;
    f.st.handle = &f;
    return f;
  }
  Harness h;
  std::vector<std::unique_ptr<server::ClientState>> others_;
  std::vector<std::unique_ptr<FakeHandle>> handles_;
};

TEST_F(TxTest, QueuesAndExecutesInOrder) {
  EXPECT_EQ(run({"MULTI"}), ok());
  EXPECT_EQ(run({"SET", "a", "1"}), simple("QUEUED"));
  EXPECT_EQ(run({"INCR", "a"}), simple("QUEUED"));
  EXPECT_EQ(run({"GET", "a"}), simple("QUEUED"));
  EXPECT_EQ(run({"EXEC"}), array({ok(), integer(2), bulk("2")}));
  EXPECT_FALSE(h.client.tx.in_multi);
  EXPECT_EQ(run({"EXEC"}), error("ERR EXEC without MULTI"));
}

TEST_F(TxTest, EmptyTransaction) {
  run({"MULTI"});
  EXPECT_EQ(run({"EXEC"}), "*0\r\n");
}

TEST_F(TxTest, QueueTimeErrorsAbortTheExec) {
  run({"MULTI"});
  EXPECT_EQ(run({"SET", "a"}), error("ERR wrong number of arguments for 'set' command"));
  EXPECT_EQ(run({"NOSUCH"}), error("ERR unknown command 'NOSUCH', with args beginning with: "));
  EXPECT_EQ(run({"SET", "a", "1"}), simple("QUEUED"));
  EXPECT_EQ(run({"EXEC"}), error("EXECABORT Transaction discarded because of previous errors."));
  EXPECT_EQ(run({"GET", "a"}), nil());
  EXPECT_FALSE(h.client.tx.in_multi);
}

TEST_F(TxTest, RuntimeErrorsArePerCommand) {
  run({"SET", "s", "notanumber"});
  run({"MULTI"});
  run({"INCR", "s"});
  run({"SET", "t", "ok"});
  EXPECT_EQ(run({"EXEC"}),
            array({error("ERR value is not an integer or out of range"), ok()}));
  EXPECT_EQ(run({"GET", "t"}), bulk("ok"));
}

TEST_F(TxTest, ControlCommandErrors) {
  EXPECT_EQ(run({"DISCARD"}), error("ERR DISCARD without MULTI"));
  run({"MULTI"});
  EXPECT_EQ(run({"MULTI"}), error("ERR MULTI calls can not be nested"));
  EXPECT_EQ(run({"WATCH", "k"}), error("ERR WATCH inside MULTI is not allowed"));
  // Those errors do not abort the transaction (as in Redis).
  run({"SET", "k", "v"});
  EXPECT_EQ(run({"EXEC"}), array({ok()}));
}

TEST_F(TxTest, DiscardDropsTheQueue) {
  run({"MULTI"});
  run({"SET", "a", "1"});
  EXPECT_EQ(run({"DISCARD"}), ok());
  EXPECT_EQ(run({"GET", "a"}), nil());
}

TEST_F(TxTest, WatchedKeyChangedByAnotherClientFailsExec) {
  server::ClientState& c2 = other();
  run({"SET", "k", "1"});
  EXPECT_EQ(run({"WATCH", "k"}), ok());
  EXPECT_EQ(run_as(c2, {"INCR", "k"}), integer(2));
  run({"MULTI"});
  run({"SET", "k", "100"});
  EXPECT_EQ(run({"EXEC"}), nil_array());
  EXPECT_EQ(run({"GET", "k"}), bulk("2"));
  // The failed EXEC unwatched everything: the next transaction runs.
  run({"MULTI"});
  run({"SET", "k", "100"});
  EXPECT_EQ(run({"EXEC"}), array({ok()}));
}

TEST_F(TxTest, UntouchedWatchedKeyLetsExecRun) {
  server::ClientState& c2 = other();
  run({"WATCH", "k", "missing"});
  run_as(c2, {"SET", "unrelated", "x"});
  run({"MULTI"});
  run({"SET", "k", "v"});
  EXPECT_EQ(run({"EXEC"}), array({ok()}));
}

TEST_F(TxTest, OwnWriteOutsideMultiInvalidates) {
  run({"WATCH", "k"});
  run({"SET", "k", "mine"});
  run({"MULTI"});
  run({"GET", "k"});
  EXPECT_EQ(run({"EXEC"}), nil_array());
}

TEST_F(TxTest, ExpiryOfAWatchedKeyInvalidates) {
  run({"SET", "k", "v", "PX", "100"});
  run({"WATCH", "k"});
  h.advance_ms(200);
  run({"MULTI"});
  run({"PING"});
  EXPECT_EQ(run({"EXEC"}), nil_array());
}

TEST_F(TxTest, FlushdbInvalidatesOnlyWatchersOfExistingKeys) {
  server::ClientState& c2 = other();
  run({"SET", "k", "v"});
  run({"WATCH", "k"});
  run_as(c2, {"WATCH", "absent"});
  run_as(c2, {"SET", "x", "1"});  // so the flush has something to do for c2's db
  run({"FLUSHDB"});
  run({"MULTI"});
  run({"PING"});
  EXPECT_EQ(run({"EXEC"}), nil_array());
  run_as(c2, {"MULTI"});
  run_as(c2, {"PING"});
  EXPECT_EQ(run_as(c2, {"EXEC"}), array({simple("PONG")}));
}

TEST_F(TxTest, RenameInvalidatesBothKeys) {
  server::ClientState& c2 = other();
  run({"SET", "src", "v"});
  run({"WATCH", "dst"});
  run_as(c2, {"RENAME", "src", "dst"});
  run({"MULTI"});
  run({"PING"});
  EXPECT_EQ(run({"EXEC"}), nil_array());
}

TEST_F(TxTest, UnwatchForgets) {
  server::ClientState& c2 = other();
  run({"WATCH", "k"});
  EXPECT_EQ(run({"UNWATCH"}), ok());
  run_as(c2, {"SET", "k", "x"});
  run({"MULTI"});
  run({"PING"});
  EXPECT_EQ(run({"EXEC"}), array({simple("PONG")}));
  EXPECT_EQ(h.server.watches.watched_keys(), 0u);
}

TEST_F(TxTest, BlockingCommandInsideExecDoesNotBlock) {
  FakeHandle& f = connected();
  run_as(f.st, {"MULTI"});
  run_as(f.st, {"BLPOP", "empty", "0"});
  EXPECT_EQ(run_as(f.st, {"EXEC"}), array({nil_array()}));
  EXPECT_FALSE(f.st.block.blocked);
}

TEST_F(TxTest, PushesInsideMultiServeWaitersAfterExecInOrder) {
  FakeHandle& w1 = connected();
  FakeHandle& w2 = connected();
  FakeHandle& w3 = connected();
  run_as(w1.st, {"BLPOP", "q", "0"});
  run_as(w2.st, {"BLPOP", "q", "0"});
  run_as(w3.st, {"BLPOP", "q", "0"});
  ASSERT_TRUE(w1.st.block.blocked && w2.st.block.blocked && w3.st.block.blocked);
  run({"MULTI"});
  run({"RPUSH", "q", "a"});
  run({"RPUSH", "q", "b"});
  run({"LLEN", "q"});
  // Inside the transaction nobody is served: LLEN sees both elements.
  EXPECT_EQ(run({"EXEC"}), array({integer(1), integer(2), integer(2)}));
  // Then exactly two waiters are served, oldest first; the third keeps waiting.
  EXPECT_EQ(w1.st.block.reply, bulks({"q", "a"}));
  EXPECT_EQ(w2.st.block.reply, bulks({"q", "b"}));
  EXPECT_EQ(w3.st.block.reply, "");
  EXPECT_TRUE(w3.st.block.blocked);
  EXPECT_EQ(w1.wakes + w2.wakes + w3.wakes, 2);
  EXPECT_EQ(run({"LLEN", "q"}), integer(0));
}

TEST_F(TxTest, ResetLeavesMultiAndUnwatches) {
  run({"WATCH", "k"});
  run({"MULTI"});
  run({"SET", "k", "v"});
  EXPECT_EQ(run({"RESET"}), simple("RESET"));
  EXPECT_FALSE(h.client.tx.in_multi);
  EXPECT_TRUE(h.client.tx.queue.empty());
  EXPECT_EQ(h.server.watches.watched_keys(), 0u);
  EXPECT_EQ(run({"GET", "k"}), nil());
}

// Redis 7.0 refuses no-multi commands (SHUTDOWN, SAVE) while queueing, and the
// transaction then fails like any other queueing error (checked against
// redis-server 7.0.15).
TEST_F(TxTest, NoMultiCommandsAreRefusedInsideMulti) {
  int shutdowns = 0;
  h.server.request_shutdown = [&] { ++shutdowns; };
  EXPECT_EQ(run({"MULTI"}), ok());
  EXPECT_EQ(run({"SHUTDOWN"}), error("ERR Command not allowed inside a transaction"));
  EXPECT_EQ(run({"SAVE"}), error("ERR Command not allowed inside a transaction"));
  EXPECT_EQ(run({"SET", "a", "1"}), simple("QUEUED"));
  EXPECT_EQ(run({"EXEC"}), error("EXECABORT Transaction discarded because of previous errors."));
  EXPECT_EQ(shutdowns, 0);
  EXPECT_EQ(run({"GET", "a"}), nil());
  EXPECT_EQ(run({"SHUTDOWN", "NOSAVE"}), "") << "outside MULTI it runs";
  EXPECT_EQ(shutdowns, 1);
}

}  // namespace
}  // namespace ironkv::test
