// BlockingRegistry: FIFO per key, removal from every key, timeouts.

#include <gtest/gtest.h>

#include "core/server/blocking.h"
#include "core/server/client.h"
#include "harness.h"

namespace ironkv::server {
namespace {

using test::FakeHandle;

BlockRequest request(std::vector<std::string> keys) {
  BlockRequest r;
  r.keys = std::move(keys);
  r.try_serve = [](CommandContext&) { return false; };
  return r;
}

TEST(BlockingRegistry, WaitersAreFifoPerKeyAndRemovedEverywhere) {
  BlockingRegistry reg;
  FakeHandle a(1), b(2), c(3);
  reg.block(&a, 0, nullptr, request({"k", "other"}));
  reg.block(&b, 0, nullptr, request({"k"}));
  reg.block(&c, 1, nullptr, request({"k"}));   // another db: another key
  EXPECT_TRUE(a.st.block.blocked);
  EXPECT_EQ(reg.blocked_count(), 3u);
  EXPECT_EQ(reg.waiters(0, "k"), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(reg.waiters(1, "k"), (std::vector<uint64_t>{3}));
  EXPECT_TRUE(reg.remove(1));
  EXPECT_FALSE(a.st.block.blocked);
  EXPECT_EQ(reg.waiters(0, "k"), (std::vector<uint64_t>{2}));
  EXPECT_TRUE(reg.waiters(0, "other").empty());
  EXPECT_FALSE(reg.remove(1));
}

TEST(BlockingRegistry, SignalOnlyQueuesKeysWithWaitersOnce) {
  BlockingRegistry reg;
  FakeHandle a(1);
  reg.signal_key_ready(0, "k");
  EXPECT_FALSE(reg.has_ready());
  reg.block(&a, 0, nullptr, request({"k"}));
  reg.signal_key_ready(0, "nobody");
  reg.signal_key_ready(0, "k");
  reg.signal_key_ready(0, "k");
  int db = -1;
  std::string key;
  ASSERT_TRUE(reg.next_ready(db, key));
  EXPECT_EQ(db, 0);
  EXPECT_EQ(key, "k");
  EXPECT_FALSE(reg.next_ready(db, key));
}

TEST(BlockingRegistry, TimeOutWritesTheTimeoutReplyOnce) {
  BlockingRegistry reg;
  FakeHandle a(1), b(2);
  reg.block(&a, 0, nullptr, request({"k"}));
  BlockRequest custom = request({"k"});
  custom.on_timeout = [](resp::ReplyBuilder& r) { r.null_bulk(); };
  reg.block(&b, 0, nullptr, std::move(custom));
  EXPECT_TRUE(reg.time_out(1));
  EXPECT_EQ(a.st.block.reply, "*-1\r\n");
  EXPECT_FALSE(reg.time_out(1));  // already gone (e.g. served just before)
  EXPECT_TRUE(reg.time_out(2));
  EXPECT_EQ(b.st.block.reply, "$-1\r\n");
  EXPECT_EQ(reg.blocked_count(), 0u);
  EXPECT_EQ(reg.waited_keys(), 0u);
}

}  // namespace
}  // namespace ironkv::server
