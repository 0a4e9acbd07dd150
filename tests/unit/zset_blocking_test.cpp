// The blocking sorted-set pops BZPOPMIN BZPOPMAX BZMPOP in process, asserting the bytes
// Redis 7.0.15 sends. Blocked clients go through a fake connection, as in
// list_family_test.cpp; every command that adds members must serve them.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/server/client.h"
#include "harness.h"

namespace ironkv::test {
namespace {

const std::string kWrongType =
    error("WRONGTYPE Operation against a key holding the wrong kind of value");
const std::string kSyntax = error("ERR syntax error");

class ZsetBlocking : public ::testing::Test {
 protected:
  Harness h;
  std::string run(std::initializer_list<std::string_view> argv) { return h.run(argv); }
  // A client with a connection, so it can block.
  FakeHandle& client() {
    auto f = std::make_unique<FakeHandle>();
    f->st.id = h.server.next_client_id++;
    f->st.handle = f.get();
    clients_.push_back(std::move(f));
    return *clients_.back();
  }
  std::string run_as(FakeHandle& f, std::vector<std::string> argv) {
    return h.run_as(f.st, std::move(argv));
  }
  // The reply a blocked client was served with (and clears it).
  static std::string served(FakeHandle& f) {
    std::string r = std::move(f.st.block.reply);
    f.st.block.reply.clear();
    return r;
  }
  std::vector<std::unique_ptr<FakeHandle>> clients_;
};

// ---- without a connection (or in MULTI): serve now or the null array ----------------

TEST_F(ZsetBlocking, WithoutAConnectionTheyTimeOutAtOnce) {
  EXPECT_FALSE(h.client.handle != nullptr);  // the harness client cannot block
  EXPECT_EQ(run({"bzpopmin", "nokey", "0"}), nil_array());
  EXPECT_EQ(run({"bzpopmax", "a", "b", "0"}), nil_array());
  EXPECT_EQ(run({"bzmpop", "0", "1", "nokey", "min"}), nil_array());
  run({"zadd", "z", "1", "a", "2", "b", "3", "c", "4", "d"});
  EXPECT_EQ(run({"bzpopmin", "nokey", "z", "0"}), bulks({"z", "a", "1"}));
  EXPECT_EQ(run({"bzpopmax", "z", "0"}), bulks({"z", "d", "4"}));
  EXPECT_EQ(run({"bzmpop", "1", "2", "nokey", "z", "max", "count", "5"}),
            array({bulk("z"), array({bulks({"c", "3"}), bulks({"b", "2"})})}));
  EXPECT_EQ(run({"exists", "z"}), integer(0));
}

// There is no MULTI/EXEC yet: a connected client running inside EXEC (in_exec) is
// what makes can_block() false there.
TEST_F(ZsetBlocking, InsideExecTheyDoNotBlock) {
  FakeHandle& a = client();
  a.st.tx.in_exec = true;
  EXPECT_EQ(run_as(a, {"bzpopmin", "k", "0"}), nil_array());
  EXPECT_EQ(run_as(a, {"bzmpop", "0", "1", "k", "min"}), nil_array());
  EXPECT_FALSE(a.st.block.blocked);
  EXPECT_EQ(h.server.blocking.blocked_count(), 0u);
  run({"zadd", "k", "1", "m"});
  EXPECT_EQ(run_as(a, {"bzpopmax", "k", "0"}), bulks({"k", "m", "1"}));
}

TEST_F(ZsetBlocking, ErrorsAndTimeoutParsing) {
  const std::string kNotFloat = error("ERR timeout is not a float or out of range");
  const std::string kNegative = error("ERR timeout is negative");
  EXPECT_EQ(run({"bzpopmin", "k"}), error("ERR wrong number of arguments for 'bzpopmin' command"));
  EXPECT_EQ(run({"bzpopmin", "k", "abc"}), kNotFloat);
  EXPECT_EQ(run({"bzpopmax", "k", "-1"}), kNegative);
  EXPECT_EQ(run({"bzpopmin", "k", "inf"}), kNegative);
  EXPECT_EQ(run({"bzmpop", "0", "0", "k", "min"}), error("ERR numkeys should be greater than 0"));
  EXPECT_EQ(run({"bzmpop", "0", "1", "k", "min", "count", "0"}),
            error("ERR count should be greater than 0"));
  EXPECT_EQ(run({"bzmpop", "0", "1", "k", "foo"}), kSyntax);
  EXPECT_EQ(run({"bzmpop", "0", "2", "k", "min"}), kSyntax);
  EXPECT_EQ(run({"bzmpop", "0", "1", "k", "min", "count"}), kSyntax);
  EXPECT_EQ(run({"bzmpop", "x", "1", "k", "min"}), kNotFloat);  // after the other checks
  EXPECT_EQ(run({"bzmpop", "-1", "1", "k", "min"}), kNegative);
  run({"set", "s", "x"});
  EXPECT_EQ(run({"bzpopmin", "s", "0"}), kWrongType);
  EXPECT_EQ(run({"bzmpop", "0", "2", "nokey", "s", "max"}), kWrongType);
}

TEST_F(ZsetBlocking, CommandInfoMatchesRedis) {
  const std::string info = run({"command", "info", "bzpopmin"});
  EXPECT_EQ(info.rfind("*1\r\n*10\r\n$8\r\nbzpopmin\r\n:-3\r\n*4\r\n+write\r\n+noscript\r\n"
                       "+blocking\r\n+fast\r\n:1\r\n:-2\r\n:1\r\n*4\r\n+@write\r\n+@sortedset\r\n"
                       "+@fast\r\n+@blocking\r\n",
                       0),
            0u)
      << info;
  const std::string mpop = run({"command", "info", "bzmpop"});
  EXPECT_NE(mpop.find("$6\r\nbzmpop\r\n:-5\r\n*3\r\n+write\r\n+blocking\r\n+movablekeys\r\n"
                      ":0\r\n:0\r\n:0\r\n"),
            std::string::npos)
      << mpop;
}

// ---- blocking, through a fake connection ------------------------------------------

TEST_F(ZsetBlocking, BzpopminIsServedByZadd) {
  FakeHandle& a = client();
  EXPECT_EQ(run_as(a, {"bzpopmin", "z", "0"}), "");
  EXPECT_TRUE(a.st.block.blocked);
  EXPECT_EQ(h.server.blocking.blocked_count(), 1u);
  EXPECT_EQ(run({"zadd", "z", "3", "c", "1", "a", "2", "b"}), integer(3));
  EXPECT_FALSE(a.st.block.blocked);
  EXPECT_EQ(served(a), bulks({"z", "a", "1"}));
  EXPECT_EQ(a.wakes, 1);
  EXPECT_EQ(run({"zrange", "z", "0", "-1"}), bulks({"b", "c"}));
  EXPECT_EQ(h.server.blocking.blocked_count(), 0u);
}

TEST_F(ZsetBlocking, BzpopmaxTakesTheHighestScore) {
  FakeHandle& a = client();
  run_as(a, {"bzpopmax", "z", "0"});
  run({"zadd", "z", "1.5", "a", "-2", "b"});
  EXPECT_EQ(served(a), bulks({"z", "a", "1.5"}));
}

TEST_F(ZsetBlocking, ClientsAreServedInTheOrderTheyBlocked) {
  FakeHandle& a = client();
  FakeHandle& b = client();
  FakeHandle& c = client();
  run_as(a, {"bzpopmin", "z", "0"});
  run_as(b, {"bzpopmax", "z", "0"});
  run_as(c, {"bzpopmin", "z", "0"});
  EXPECT_EQ(run({"zadd", "z", "1", "x", "2", "y"}), integer(2));
  EXPECT_EQ(served(a), bulks({"z", "x", "1"}));
  EXPECT_EQ(served(b), bulks({"z", "y", "2"}));
  EXPECT_TRUE(c.st.block.blocked);
  EXPECT_EQ(c.wakes, 0);
  EXPECT_EQ(run({"exists", "z"}), integer(0));
  EXPECT_EQ(run({"zincrby", "z", "7", "w"}), bulk("7"));
  EXPECT_EQ(served(c), bulks({"z", "w", "7"}));
}

TEST_F(ZsetBlocking, MultipleKeysAndDuplicates) {
  FakeHandle& a = client();
  FakeHandle& b = client();
  run_as(a, {"bzpopmin", "k1", "k2", "0"});
  run_as(b, {"bzpopmin", "k2", "k2", "0"});
  run({"zadd", "k2", "1", "v", "2", "w"});
  EXPECT_EQ(served(a), bulks({"k2", "v", "1"}));
  EXPECT_EQ(served(b), bulks({"k2", "w", "2"}));
  EXPECT_EQ(h.server.blocking.blocked_count(), 0u);
}

TEST_F(ZsetBlocking, BzmpopTakesCountFromTheReadyKey) {
  FakeHandle& a = client();
  run_as(a, {"bzmpop", "0", "2", "x", "y", "max", "count", "2"});
  run({"zadd", "y", "1", "a", "2", "b", "3", "c"});
  EXPECT_EQ(served(a), array({bulk("y"), array({bulks({"c", "3"}), bulks({"b", "2"})})}));
  EXPECT_EQ(run({"zrange", "y", "0", "-1"}), bulks({"a"}));
}

TEST_F(ZsetBlocking, ZaddOnlyUpdatingDoesNotServe) {
  FakeHandle& a = client();
  run_as(a, {"bzpopmin", "z", "0"});
  EXPECT_EQ(run({"zadd", "z", "xx", "1", "a"}), integer(0));  // creates nothing
  EXPECT_TRUE(a.st.block.blocked);
  EXPECT_EQ(run({"zincrby", "z", "2", "m"}), bulk("2"));
  EXPECT_EQ(served(a), bulks({"z", "m", "2"}));
}

TEST_F(ZsetBlocking, StoreCommandsServe) {
  FakeHandle& a = client();
  FakeHandle& b = client();
  FakeHandle& c = client();
  FakeHandle& d = client();
  run_as(a, {"bzpopmin", "r", "0"});
  run_as(b, {"bzpopmin", "u", "0"});
  run_as(c, {"bzpopmax", "i", "0"});
  run_as(d, {"bzpopmin", "df", "0"});
  // An empty result stores nothing and serves nobody.
  EXPECT_EQ(run({"zunionstore", "u", "1", "nokey"}), integer(0));
  EXPECT_TRUE(b.st.block.blocked);
  run({"sadd", "s", "m"});  // a plain set is a valid input
  // Nobody waits on src: adding to it serves no one.
  EXPECT_EQ(run({"zadd", "src", "1", "a", "2", "b", "3", "c"}), integer(3));
  EXPECT_EQ(run({"zrangestore", "r", "src", "0", "1"}), integer(2));
  EXPECT_EQ(served(a), bulks({"r", "a", "1"}));
  EXPECT_EQ(run({"zunionstore", "u", "2", "src", "s"}), integer(4));
  EXPECT_EQ(served(b), bulks({"u", "a", "1"}));
  EXPECT_EQ(run({"zinterstore", "i", "2", "src", "r"}), integer(1));  // r is {b: 2} now
  EXPECT_EQ(served(c), bulks({"i", "b", "4"}));
  EXPECT_EQ(run({"zdiffstore", "df", "2", "src", "r"}), integer(2));
  EXPECT_EQ(served(d), bulks({"df", "a", "1"}));
  EXPECT_EQ(h.server.blocking.blocked_count(), 0u);
}

TEST_F(ZsetBlocking, AKeyOfAnotherTypeKeepsTheClientWaiting) {
  FakeHandle& a = client();
  run_as(a, {"bzpopmin", "k", "0"});
  run({"rpush", "k", "x"});
  EXPECT_TRUE(a.st.block.blocked);
  run({"del", "k"});
  run({"zadd", "k", "5", "z"});
  EXPECT_EQ(served(a), bulks({"k", "z", "5"}));
}

TEST_F(ZsetBlocking, TimeoutRepliesTheNullArray) {
  FakeHandle& a = client();
  FakeHandle& b = client();
  run_as(a, {"bzpopmin", "k", "0.5"});
  EXPECT_EQ(a.st.block.deadline_ms, h.clock.now_ms() + 500);
  run_as(b, {"bzmpop", "0", "1", "k", "min"});
  EXPECT_EQ(b.st.block.deadline_ms, 0);
  EXPECT_TRUE(h.server.blocking.time_out(a.st.id));
  EXPECT_EQ(served(a), nil_array());
  // b still waits and takes the member.
  run({"zadd", "k", "1", "m"});
  EXPECT_EQ(served(b), array({bulk("k"), array({bulks({"m", "1"})})}));
  EXPECT_EQ(a.st.block.reply, "");
  EXPECT_EQ(h.server.blocking.blocked_count(), 0u);
}

TEST_F(ZsetBlocking, ServedRepliesUseTheClientsProtocol) {
  FakeHandle& a = client();
  FakeHandle& b = client();
  a.st.resp = 3;
  b.st.resp = 3;
  run_as(a, {"bzpopmin", "k", "0"});
  run_as(b, {"bzpopmin", "k", "0"});
  EXPECT_TRUE(h.server.blocking.time_out(a.st.id));
  EXPECT_EQ(served(a), "_\r\n");
  run({"zadd", "k", "2.5", "m"});
  EXPECT_EQ(served(b), "*3\r\n$1\r\nk\r\n$1\r\nm\r\n,2.5\r\n");
}

TEST_F(ZsetBlocking, ServingCountsAsDirty) {
  FakeHandle& a = client();
  run_as(a, {"bzpopmin", "k", "0"});
  const auto d0 = h.keyspace.dirty();
  run({"zadd", "k", "1", "m"});
  EXPECT_EQ(h.keyspace.dirty(), d0 + 2);  // the add and the pop
  EXPECT_EQ(run({"exists", "k"}), integer(0));
}

}  // namespace
}  // namespace ironkv::test
