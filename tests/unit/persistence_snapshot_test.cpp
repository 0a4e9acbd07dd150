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
#include "tests/unit/random_writes.h"

namespace ironkv::persistence {
namespace {

using test::Harness;
using test::key_name;
using test::populate;
using test::random_change;

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
