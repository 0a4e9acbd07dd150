// Keyspace and Value: encodings, lazy and active expiry, lazy freeing.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/store/clock.h"
#include "core/store/keyspace.h"
#include "core/store/lazy_free.h"
#include "core/store/value.h"

namespace ironkv::store {
namespace {

std::string text(const Value& v) {
  IntBuf buf;
  return std::string(v.str(buf));
}

TEST(Value, StringEncodingsFollowRedis) {
  EXPECT_EQ(Value::string("12345").encoding(), Encoding::kInt);
  EXPECT_EQ(Value::string("-9223372036854775808").encoding(), Encoding::kInt);
  EXPECT_EQ(Value::string("012").encoding(), Encoding::kEmbStr);      // not canonical
  EXPECT_EQ(Value::string("9223372036854775808").encoding(), Encoding::kEmbStr);  // overflow
  EXPECT_EQ(Value::string(std::string(44, 'x')).encoding(), Encoding::kEmbStr);
  EXPECT_EQ(Value::string(std::string(45, 'x')).encoding(), Encoding::kRaw);
  EXPECT_EQ(text(Value::string("12345")), "12345");
  EXPECT_EQ(text(Value::integer(-7)), "-7");
}

TEST(Value, InlineAndHeapStringsRoundTrip) {
  for (size_t len : {0u, 1u, 13u, 14u, 15u, 100u, 100000u}) {
    std::string s(len, 'a');
    for (size_t i = 0; i < len; ++i) s[i] = static_cast<char>(i * 7);
    Value v = Value::raw_string(s);
    EXPECT_EQ(text(v), s) << len;
    Value c = v.clone();
    EXPECT_EQ(text(c), s);
    Value moved = std::move(v);
    EXPECT_EQ(text(moved), s);
    EXPECT_EQ(text(v), "");  // moved-from is the empty string
  }
}

TEST(Value, AppendAndSetRangeBecomeRaw) {
  Value v = Value::string("12");
  v.append("3");
  EXPECT_EQ(text(v), "123");
  EXPECT_EQ(v.encoding(), Encoding::kRaw);
  std::string big;
  for (int i = 0; i < 1000; ++i) {
    v.append("xyz");
    big += "xyz";
  }
  EXPECT_EQ(text(v), "123" + big);
  Value w = Value::string("hello");
  w.set_range(8, "ab");
  EXPECT_EQ(text(w), std::string("hello\0\0\0ab", 10));
  EXPECT_EQ(w.encoding(), Encoding::kRaw);
  Value n = Value::integer(42);
  n.set_range(0, "9");
  EXPECT_EQ(text(n), "92");
}

class KeyspaceTest : public ::testing::Test {
 protected:
  ManualClock clock;
  Keyspace ks{16, clock};
  Database& db = ks.db(0);
};

TEST_F(KeyspaceTest, SetLookupEraseAndStats) {
  db.set("a", Value::string("1"));
  ASSERT_NE(db.lookup_read("a"), nullptr);
  EXPECT_EQ(db.lookup_read("missing"), nullptr);
  EXPECT_EQ(ks.stats().keyspace_hits, 1u);
  EXPECT_EQ(ks.stats().keyspace_misses, 1u);
  EXPECT_EQ(db.add("a", Value::string("2")), nullptr);
  EXPECT_TRUE(db.erase("a"));
  EXPECT_FALSE(db.erase("a"));
  EXPECT_EQ(db.size(), 0u);
}

TEST_F(KeyspaceTest, LazyExpiryOnAccess) {
  db.set("k", Value::string("v"));
  db.set_expire("k", clock.now_ms() + 100);
  EXPECT_EQ(db.expire_of("k"), clock.now_ms() + 100);
  clock.advance_ms(99);
  EXPECT_NE(db.lookup_read("k"), nullptr);
  clock.advance_ms(1);
  EXPECT_EQ(db.lookup_read("k"), nullptr);
  EXPECT_EQ(db.size(), 0u);
  EXPECT_EQ(db.expires_size(), 0u);
  EXPECT_EQ(ks.stats().expired_keys, 1u);
}

TEST_F(KeyspaceTest, SetDropsTtlUnlessKeepTtl) {
  db.set("k", Value::string("v"));
  db.set_expire("k", clock.now_ms() + 1000);
  db.set("k", Value::string("w"), /*keep_ttl=*/true);
  EXPECT_NE(db.expire_of("k"), -1);
  db.set("k", Value::string("x"));
  EXPECT_EQ(db.expire_of("k"), -1);
  EXPECT_EQ(db.expires_size(), 0u);
}

TEST_F(KeyspaceTest, TakeReturnsValueAndTtl) {
  db.set("k", Value::string("v"));
  db.set_expire("k", clock.now_ms() + 5000);
  auto taken = db.take("k");
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(text(taken->first), "v");
  EXPECT_EQ(taken->second, clock.now_ms() + 5000);
  EXPECT_EQ(db.size(), 0u);
  EXPECT_EQ(db.expires_size(), 0u);
}

TEST_F(KeyspaceTest, ActiveExpiryRemovesExpiredKeysWithoutAccess) {
  for (int i = 0; i < 10000; ++i) {
    std::string k = "key:" + std::to_string(i);
    db.set(k, Value::string("v"));
    if (i % 2 == 0) db.set_expire(k, clock.now_ms() + 1000);
  }
  clock.advance_ms(2000);
  // Each cron call is bounded; repeated cycles clear the expired half.
  for (int cycle = 0; cycle < 200 && db.size() > 5000; ++cycle) {
    ks.cron(std::chrono::microseconds(25000));
  }
  EXPECT_EQ(db.size(), 5000u);
  EXPECT_EQ(db.expires_size(), 0u);
  EXPECT_EQ(ks.stats().expired_keys, 5000u);
}

TEST_F(KeyspaceTest, ActiveExpiryStopsWhenFewKeysAreExpired) {
  for (int i = 0; i < 1000; ++i) {
    std::string k = "key:" + std::to_string(i);
    db.set(k, Value::string("v"));
    db.set_expire(k, clock.now_ms() + (i < 10 ? 10 : 1'000'000));
  }
  clock.advance_ms(100);
  // 1% expired: one cycle samples a little and stops, leaving live keys alone.
  ks.cron(std::chrono::microseconds(25000));
  EXPECT_GE(db.size(), 990u);
  EXPECT_EQ(db.expires_size(), db.size());
}

TEST_F(KeyspaceTest, ActiveExpiryCoversAllDatabases) {
  ks.db(3).set("x", Value::string("v"));
  ks.db(3).set_expire("x", clock.now_ms() + 1);
  ks.db(15).set("y", Value::string("v"));
  ks.db(15).set_expire("y", clock.now_ms() + 1);
  clock.advance_ms(10);
  for (int i = 0; i < 20; ++i) ks.cron(std::chrono::microseconds(25000));
  EXPECT_EQ(ks.db(3).size(), 0u);
  EXPECT_EQ(ks.db(15).size(), 0u);
}

TEST_F(KeyspaceTest, RandomKeySkipsExpired) {
  EXPECT_FALSE(db.random_key().has_value());
  db.set("live", Value::string("v"));
  db.set("dead", Value::string("v"));
  db.set_expire("dead", clock.now_ms() + 1);
  clock.advance_ms(5);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(db.random_key().value_or(""), "live");
}

TEST(KeyspaceLazyFree, FlushHandsBigTablesToTheLazyFreeThread) {
  ManualClock clock;
  LazyFree lazy;
  Keyspace ks(16, clock, &lazy);
  for (int i = 0; i < 5000; ++i) ks.db(0).set("k" + std::to_string(i), Value::string("v"));
  ks.flush_all(/*async=*/false);
  EXPECT_EQ(ks.total_keys(), 0u);
  lazy.drain();
  EXPECT_GE(lazy.freed_jobs(), 1u);
  // Small tables are freed inline.
  ks.db(1).set("a", Value::string("b"));
  uint64_t before = lazy.freed_jobs();
  ks.db(1).clear(/*async=*/false);
  lazy.drain();
  EXPECT_EQ(lazy.freed_jobs(), before);
}

}  // namespace
}  // namespace ironkv::store
