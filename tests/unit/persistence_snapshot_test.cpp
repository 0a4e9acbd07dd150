// The forkless snapshot (persistence/snapshot.h) is point-in-time: whatever
// clients do between its slices (writes, deletes, overwrites, expiries, FLUSHDB,
// new keys, a table resize), the RDB it produces holds exactly the dataset of
// the instant it started. Checked against a deep copy taken at that instant,
// with the snapshot walking a few buckets per step so nearly every change lands
// between two steps.

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "persistence/crc64.h"
#include "persistence/rdb_encoder.h"
#include "persistence/rdb_loader.h"
#include "persistence/snapshot.h"
#include "tests/unit/harness.h"
#include "tests/unit/keyspace_describe.h"

namespace ironkv::persistence {
namespace {

using test::Harness;

// What the engine does with the keyspace's hooks while a snapshot runs.
class SnapshotHooks final : public store::PersistenceHooks {
 public:
  explicit SnapshotHooks(Snapshot* s) : snap_(s) {}
  void on_expired(int, std::string_view) override {}
  void before_change(store::Database& db, std::string_view key) override {
    if (snap_ != nullptr) snap_->before_change(db, key);
  }
  void before_flush(store::Database& db) override {
    if (snap_ != nullptr) snap_->before_flush(db);
  }
  Snapshot* snap_;
};

std::string key_name(int i) { return "k" + std::to_string(i); }

// Type by index, so random writes mostly hit a key of the right type.
void write_key(Harness& h, int i, std::mt19937& rng, bool initial) {
  const std::string k = key_name(i);
  const std::string n = std::to_string(rng() % 1000);
  const bool big = i % 50 == 0;  // big collections: quicklist, hashtable, skiplist
  switch (i % 5) {
    case 0:
      if (rng() % 3 == 0) h.run({"INCR", k});
      else if (rng() % 2 == 0) h.run({"APPEND", k, "-" + n});
      else h.run({"SET", k, rng() % 2 ? n : std::string(60, 'v') + n});
      break;
    case 1: {
      std::vector<std::string> cmd = {"RPUSH", k};
      for (int j = 0; j < (big && initial ? 300 : 3); ++j) cmd.push_back("e" + std::to_string(j) + n);
      h.run(cmd);
      if (!initial && rng() % 3 == 0) h.run({"LPOP", k});
      break;
    }
    case 2: {
      std::vector<std::string> cmd = {"SADD", k};
      const bool ints = i % 3 == 0;
      for (int j = 0; j < (big && initial ? 200 : 3); ++j) {
        cmd.push_back(ints ? std::to_string(rng() % 100000) : "m" + std::to_string(rng() % 1000));
      }
      h.run(cmd);
      if (!initial && rng() % 3 == 0) h.run({"SPOP", k});
      break;
    }
    case 3: {
      std::vector<std::string> cmd = {"ZADD", k};
      for (int j = 0; j < (big && initial ? 200 : 3); ++j) {
        cmd.push_back(std::to_string(static_cast<int>(rng() % 1000) - 500) + ".5");
        cmd.push_back("z" + std::to_string(j) + n);
      }
      h.run(cmd);
      if (!initial && rng() % 3 == 0) h.run({"ZINCRBY", k, "2", "z0" + n});
      break;
    }
    case 4: {
      std::vector<std::string> cmd = {"HSET", k};
      for (int j = 0; j < (big && initial ? 200 : 3); ++j) {
        cmd.push_back("f" + std::to_string(j));
        cmd.push_back(n);
      }
      h.run(cmd);
      if (!initial && rng() % 3 == 0) h.run({"HDEL", k, "f1"});
      break;
    }
  }
}

void populate(Harness& h, std::mt19937& rng) {
  const struct {
    int db, keys;
  } layout[] = {{0, 12000}, {3, 2000}, {9, 60}, {15, 5}};
  for (const auto& l : layout) {
    h.client.db = l.db;
    for (int i = 0; i < l.keys; ++i) {
      write_key(h, i, rng, true);
      if (i % 7 == 0) h.run({"EXPIRE", key_name(i), "100000"});
      // Expire while the snapshot runs (the clock moves 10 ms per step).
      if (i % 11 == 0) h.run({"PEXPIRE", key_name(i), std::to_string(100 + rng() % 4000)});
    }
  }
  h.client.db = 0;
}

// One random change, somewhere.
void random_change(Harness& h, std::mt19937& rng) {
  static const int kDbs[] = {0, 0, 0, 0, 3, 3, 9, 5, 15};
  h.client.db = kDbs[rng() % std::size(kDbs)];
  const int i = static_cast<int>(rng() % 14000);  // some keys are new
  const std::string k = key_name(i);
  const std::string other = key_name(static_cast<int>(rng() % 14000));
  const std::string n = std::to_string(rng() % 100);
  switch (rng() % 40) {
    // Every other write command that changes a key in place or elsewhere.
    case 10: h.run({"SETRANGE", k, "2", "xyz"}); break;
    case 11: h.run({"LSET", k, "0", "lset" + n}); break;
    case 12: h.run({"LINSERT", k, "BEFORE", "e0" + n, "ins"}); break;
    case 13: h.run({"LTRIM", k, "1", "-1"}); break;
    case 14: h.run({"LMOVE", k, other, "LEFT", "RIGHT"}); break;
    case 15: h.run({"LREM", k, "0", "e1" + n}); break;
    case 16: h.run({"SMOVE", k, other, "m" + n}); break;
    case 17: h.run({"SREM", k, "m" + n, std::to_string(rng() % 100000)}); break;
    case 18: h.run({"SINTERSTORE", other, k, k}); break;
    case 19: h.run({"SUNIONSTORE", k, k, other}); break;
    case 20: h.run({"ZREM", k, "z0" + n}); break;
    case 21: h.run({"ZREMRANGEBYRANK", k, "0", "1"}); break;
    case 22: h.run({"ZPOPMIN", k}); break;
    case 23: h.run({"ZUNIONSTORE", other, "1", k}); break;
    case 24: h.run({"HINCRBY", k, "cnt", "3"}); break;
    case 25: h.run({"HINCRBYFLOAT", k, "flt", "1.5"}); break;
    case 26: h.run({"HSETNX", k, "f9", n}); break;
    case 27: h.run({"GETDEL", k}); break;
    case 28: h.run({"GETEX", k, "PX", "5"}); break;
    case 29: h.run({"COPY", k, other, "REPLACE"}); break;
    case 30: h.run({"SORT", k, "ALPHA", "STORE", other}); break;
    case 31: h.run({"INCRBYFLOAT", k, "0.5"}); break;
    case 32: h.run({"MSET", k, "m1", other, "m2"}); break;
    case 33: h.run({"SETNX", k, "nx"}); break;
    case 34: h.run({"GETSET", k, "gs"}); break;
    case 35: h.run({"RENAMENX", k, other}); break;
    case 36: h.run({"UNLINK", k, other}); break;
    case 37: h.run({"LPOP", k, "2"}); break;
    case 38: h.run({"SPOP", k, "2"}); break;
    case 39: h.run({"ZADD", k, "INCR", "1", "z1" + n}); break;
    case 0: h.run({"DEL", k}); break;
    case 1: h.run({"EXPIRE", k, std::to_string(1 + rng() % 50)}); break;
    case 2: h.run({"PERSIST", k}); break;
    case 3: h.run({"SET", k, "overwritten"}); break;  // any type becomes a string
    case 4: h.run({"RENAME", k, key_name(static_cast<int>(rng() % 14000))}); break;
    case 5: h.run({"MOVE", k, std::to_string(rng() % 16)}); break;
    case 6: h.run({"GET", k}); break;  // lazy expiry
    default: write_key(h, i, rng, false); break;
  }
  h.client.db = 0;
}

std::string finish_image(std::string rdb) {
  rdb_append_checksum(rdb, crc64(0, rdb.data(), rdb.size()));
  return rdb;
}

std::string load_and_describe(const std::string& image, bool with_encoding) {
  store::ManualClock clock;
  store::Keyspace loaded(16, clock);
  RdbLoadOptions o;
  o.now_ms = std::numeric_limits<int64_t>::min();  // keep every key the snapshot held
  RdbLoadResult r = rdb_load_buffer(image, loaded, o);
  EXPECT_TRUE(r.ok) << r.error << " at " << r.error_offset;
  return test::describe_keyspace(loaded, with_encoding);
}

void expect_thawed(store::Keyspace& ks) {
  for (int i = 0; i < ks.db_count(); ++i) {
    EXPECT_FALSE(ks.db(i).dict().layout_frozen()) << "db " << i;
  }
}

class SnapshotPointInTime : public ::testing::TestWithParam<uint32_t> {};

TEST_P(SnapshotPointInTime, RdbEqualsTheDatasetAtTheStartWhateverHappensMeanwhile) {
  std::mt19937 rng(GetParam());
  Harness h;
  populate(h, rng);
  ASSERT_GT(h.keyspace.total_keys(), 14000u);

  // The dataset at the snapshot instant.
  store::Keyspace at_start(16, h.clock);
  test::copy_keyspace(h.keyspace, at_start);
  const std::string expected = test::describe_keyspace(at_start, false);

  Snapshot snap(h.keyspace, RdbWriteOptions{.compress = GetParam() % 2 == 0}, {});
  SnapshotHooks hooks(&snap);
  h.keyspace.set_persistence_hooks(&hooks);
  for (int i = 0; i < 16; ++i) {
    EXPECT_EQ(h.keyspace.db(i).dict().layout_frozen(), h.keyspace.db(i).size() > 0) << i;
  }

  std::string rdb;
  size_t steps = 0;
  bool flushed9 = false, flushed3 = false, grew = false;
  while (!snap.step(std::chrono::microseconds(0), rdb, 1)) {
    ++steps;
    for (int j = 0; j < 6; ++j) random_change(h, rng);
    h.advance_ms(10);
    h.keyspace.cron(std::chrono::microseconds(200));  // active expiry
    if (steps == 40 && !flushed9) {  // a database the walk has not reached
      h.client.db = 9;
      EXPECT_EQ(h.run({"FLUSHDB"}), test::ok());
      h.client.db = 0;
      flushed9 = true;
    }
    if (steps == 80 && !grew) {  // many new keys: db 0's table starts a resize
      for (int i = 0; i < 20000; ++i) h.run({"SET", "new" + std::to_string(i), "x"});
      grew = true;
    }
    if (steps == 120 && !flushed3) {
      h.client.db = 3;
      h.run({"FLUSHDB"});
      h.client.db = 0;
      flushed3 = true;
    }
    ASSERT_LT(steps, 100000u);
  }
  ASSERT_TRUE(flushed3 && flushed9 && grew) << "the walk ended after " << steps << " steps";
  EXPECT_GT(snap.claimed_keys(), 100u);
  h.keyspace.set_persistence_hooks(nullptr);
  expect_thawed(h.keyspace);

  EXPECT_EQ(load_and_describe(finish_image(rdb), false), expected);
}

INSTANTIATE_TEST_SUITE_P(Seeds, SnapshotPointInTime, ::testing::Values(1u, 2u, 3u, 4u, 5u, 6u));

TEST(Snapshot, WithoutChangesEqualsTheWholeKeyspaceDump) {
  std::mt19937 rng(7);
  Harness h;
  populate(h, rng);
  const std::string expected = test::describe_keyspace(h.keyspace);
  Snapshot snap(h.keyspace, RdbWriteOptions{}, rdb_standard_aux(h.clock.now_ms(), 0, false));
  std::string rdb;
  while (!snap.step(std::chrono::microseconds(0), rdb, 1)) {
  }
  EXPECT_TRUE(snap.done());
  EXPECT_EQ(snap.keys_written(), h.keyspace.total_keys());
  EXPECT_EQ(snap.claimed_keys(), 0u);
  expect_thawed(h.keyspace);
  EXPECT_EQ(load_and_describe(finish_image(rdb), true), expected);
}

TEST(Snapshot, AbandonedMidwayThawsEveryTable) {
  std::mt19937 rng(9);
  Harness h;
  populate(h, rng);
  {
    Snapshot snap(h.keyspace, RdbWriteOptions{}, {});
    std::string rdb;
    for (int i = 0; i < 5; ++i) snap.step(std::chrono::microseconds(0), rdb, 1);
    EXPECT_FALSE(snap.done());
    EXPECT_TRUE(h.keyspace.db(0).dict().layout_frozen());
  }
  expect_thawed(h.keyspace);
  // Rehash and shrink work again once thawed.
  for (int i = 0; i < 12000; ++i) h.run({"DEL", key_name(i)});
  h.keyspace.cron(std::chrono::microseconds(100000));
  EXPECT_LT(h.keyspace.db(0).dict().bucket_count(), 4096u);
}

TEST(Snapshot, EmptyKeyspaceIsAValidEmptyRdb) {
  Harness h;
  Snapshot snap(h.keyspace, RdbWriteOptions{}, {});
  std::string rdb;
  EXPECT_TRUE(snap.step(std::chrono::microseconds(0), rdb, 1));
  EXPECT_EQ(load_and_describe(finish_image(rdb), true), "");
  // Keys written during a snapshot of an empty database are not in it.
  h.run({"SET", "later", "1"});
  expect_thawed(h.keyspace);
}

}  // namespace
}  // namespace ironkv::persistence
