// WATCH is invalidated exactly when Redis 7.0 invalidates it: after an actual
// change (signalModifiedKey), expiry of a key that was live at WATCH time, and
// FLUSHDB/FLUSHALL of a database holding the key. A write command that fails
// (WRONGTYPE) or changes nothing (SREM of a missing member) leaves it valid.
// Every case below was checked against redis-server 7.0.15.

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "harness.h"

namespace ironkv::test {
namespace {

using Cmd = std::vector<std::string>;

class WatchSignal : public ::testing::Test {
 protected:
  // Sets up with `setup`, WATCHes `key` as the main client, runs `action` as
  // another client, and reports whether the main client's EXEC was refused.
  bool invalidated(const std::vector<Cmd>& setup, const std::string& key,
                   const std::vector<Cmd>& action) {
    Harness h;
    server::ClientState other;
    other.id = h.server.next_client_id++;
    for (const auto& c : setup) h.run_as(other, c);
    EXPECT_EQ(h.run({"WATCH", key}), ok());
    for (const auto& c : action) h.run_as(other, c);
    EXPECT_EQ(h.run({"MULTI"}), ok());
    EXPECT_EQ(h.run({"PING"}), simple("QUEUED"));
    std::string r = h.run({"EXEC"});
    if (r == nil_array()) return true;
    EXPECT_EQ(r, array({simple("PONG")}));
    return false;
  }
};

TEST_F(WatchSignal, ChangesInvalidate) {
  EXPECT_TRUE(invalidated({{"SADD", "s", "a", "b"}}, "s", {{"SREM", "s", "a"}}));
  EXPECT_TRUE(invalidated({{"SET", "k", "1"}}, "k", {{"SET", "k", "1"}}));  // same value
  EXPECT_TRUE(invalidated({{"HSET", "h", "f", "v"}}, "h", {{"HSET", "h", "f", "v"}}));
  EXPECT_TRUE(invalidated({{"SET", "k", "abc"}}, "k", {{"APPEND", "k", ""}}));
  EXPECT_TRUE(invalidated({{"SET", "k", "1"}}, "k", {{"INCRBY", "k", "0"}}));
  EXPECT_TRUE(invalidated({{"RPUSH", "l", "a"}}, "l", {{"LTRIM", "l", "0", "-1"}}));
  EXPECT_TRUE(invalidated({{"RPUSH", "l", "a"}}, "l", {{"LMOVE", "l", "l", "LEFT", "RIGHT"}}));
  EXPECT_TRUE(invalidated({{"RPUSH", "s", "a"}}, "d", {{"RPOPLPUSH", "s", "d"}}));
  EXPECT_TRUE(invalidated({{"SADD", "s", "a"}, {"SADD", "d", "a"}}, "s",
                          {{"SMOVE", "s", "d", "a"}}));
  EXPECT_TRUE(invalidated({{"ZADD", "z", "1", "a"}}, "z", {{"ZADD", "z", "2", "a"}}));
  EXPECT_TRUE(invalidated({{"ZADD", "z", "1", "a"}}, "z", {{"BZPOPMIN", "z", "0"}}));
  EXPECT_TRUE(invalidated({{"SET", "k", "1"}, {"SET", "src", "2"}}, "k",
                          {{"RENAME", "src", "k"}}));
  EXPECT_TRUE(invalidated({{"SET", "k", "1"}}, "k", {{"EXPIRE", "k", "100"}}));
  EXPECT_TRUE(invalidated({{"SET", "k", "1"}}, "k", {{"DEL", "k"}}));
  EXPECT_TRUE(invalidated({{"SET", "k", "1"}}, "k", {{"FLUSHALL"}}));
  EXPECT_TRUE(invalidated({{"RPUSH", "l", "1"}}, "d", {{"SORT", "l", "STORE", "d"}}));
}

TEST_F(WatchSignal, FailedOrNoOpWritesDoNotInvalidate) {
  EXPECT_FALSE(invalidated({{"SADD", "s", "a"}}, "s", {{"SREM", "s", "zz"}}));
  EXPECT_FALSE(invalidated({{"SADD", "s", "a"}}, "s", {{"SADD", "s", "a"}}));
  EXPECT_FALSE(invalidated({{"SET", "s", "a"}}, "s", {{"LPUSH", "s", "a"}}));  // WRONGTYPE
  EXPECT_FALSE(invalidated({{"SET", "k", "x"}}, "k", {{"INCR", "k"}}));        // not an integer
  EXPECT_FALSE(invalidated({{"ZADD", "z", "1", "a"}}, "z", {{"ZADD", "z", "XX", "1", "b"}}));
  EXPECT_FALSE(invalidated({{"ZADD", "z", "1", "a"}}, "z", {{"ZADD", "z", "1", "a"}}));
  EXPECT_FALSE(invalidated({{"ZADD", "z", "1", "a"}}, "z", {{"ZINCRBY", "z", "0", "a"}}));
  EXPECT_FALSE(invalidated({{"ZADD", "z", "1", "a"}}, "z", {{"ZREM", "z", "b"}}));
  EXPECT_FALSE(invalidated({{"HSET", "h", "f", "v"}}, "h", {{"HDEL", "h", "x"}}));
  EXPECT_FALSE(invalidated({{"HSET", "h", "f", "v"}}, "h", {{"HSETNX", "h", "f", "x"}}));
  EXPECT_FALSE(invalidated({{"RPUSH", "l", "a"}}, "l", {{"LREM", "l", "0", "x"}}));
  EXPECT_FALSE(invalidated({{"RPUSH", "l", "a"}}, "l", {{"LINSERT", "l", "BEFORE", "zz", "b"}}));
  EXPECT_FALSE(invalidated({}, "l", {{"LPUSHX", "l", "x"}}));
  EXPECT_FALSE(invalidated({{"SET", "k", "1"}}, "k", {{"SET", "k", "2", "NX"}}));
  EXPECT_FALSE(invalidated({{"SET", "k", "abc"}}, "k", {{"SETRANGE", "k", "1", ""}}));
  EXPECT_FALSE(invalidated({{"SET", "k", "1", "EX", "100"}}, "k", {{"EXPIRE", "k", "10", "NX"}}));
  EXPECT_FALSE(invalidated({{"SET", "k", "1"}}, "k", {{"PERSIST", "k"}}));
  EXPECT_FALSE(invalidated({{"SET", "k", "1"}}, "k", {{"GETEX", "k"}}));
  EXPECT_FALSE(invalidated({}, "k", {{"DEL", "k"}}));
  EXPECT_FALSE(invalidated({}, "s", {{"SPOP", "s"}}));
  // Multi-key commands: only the keys that changed count.
  EXPECT_FALSE(invalidated({{"SADD", "s", "a"}, {"SADD", "d", "a"}}, "d",
                           {{"SMOVE", "s", "d", "a"}}));  // d already had it
  EXPECT_FALSE(invalidated({{"RPUSH", "l", "1"}}, "l", {{"SORT", "l", "STORE", "d"}}));
  EXPECT_FALSE(invalidated({{"SET", "k", "1"}, {"SET", "s", "2"}}, "k", {{"COPY", "s", "k"}}));
  EXPECT_FALSE(invalidated({{"SET", "w", "x"}, {"ZADD", "z", "1", "a"}}, "w",
                           {{"BZMPOP", "0", "2", "w", "z", "MIN"}}));
  // FLUSHALL without the key, FLUSHDB of another database.
  EXPECT_FALSE(invalidated({{"SET", "o", "1"}}, "k", {{"FLUSHALL"}}));
  EXPECT_FALSE(invalidated({{"SET", "k", "1"}}, "k", {{"SELECT", "1"}, {"FLUSHDB"}}));
}

TEST_F(WatchSignal, ExpiryRules) {
  // Live at WATCH, then expired (deleted or not): EXEC fails.
  {
    Harness h;
    h.run({"SET", "k", "1", "PX", "50"});
    h.run({"WATCH", "k"});
    h.advance_ms(100);
    h.run({"GET", "k"});  // lazy expiry deletes it
    h.run({"MULTI"});
    EXPECT_EQ(h.run({"EXEC"}), nil_array());
  }
  // Already expired at WATCH, then deleted by a read: logically no change.
  {
    Harness h;
    h.run({"SET", "k", "1", "PX", "50"});
    h.advance_ms(100);
    h.run({"WATCH", "k"});
    EXPECT_EQ(h.run({"GET", "k"}), nil());
    h.run({"MULTI"});
    EXPECT_EQ(h.run({"EXEC"}), "*0\r\n");
  }
  // Already expired at WATCH, then written: a change.
  {
    Harness h;
    server::ClientState other;
    h.run({"SET", "k", "1", "PX", "50"});
    h.advance_ms(100);
    h.run({"WATCH", "k"});
    h.run_as(other, {"SET", "k", "2"});
    h.run({"MULTI"});
    EXPECT_EQ(h.run({"EXEC"}), nil_array());
  }
}

}  // namespace
}  // namespace ironkv::test
