#pragma once
// A point-in-time snapshot of the keyspace in RDB format, without fork and
// without copying the dataset (BGSAVE and the AOF rewrite's base).
//
// The snapshot walks each database's buckets in order, a slice at a time on the
// keyspace strand (step()), while clients keep running between slices. What
// makes it point-in-time:
//  - every database table that had keys at the start is layout-frozen
//    (Dict::freeze_layout): no node moves between buckets until the end, so
//    "bucket < cursor" says whether the walk has passed a key;
//  - before any key changes (Keyspace's PersistenceHooks::before_change), a key
//    the walk has not passed yet is "claimed": its current value, the one at the
//    snapshot instant, is written at once (or nothing if it did not exist), and
//    the walk skips it later. A FLUSHDB writes the unvisited rest first.
// Extra memory is the claimed keys' encodings plus their names: proportional to
// what is written during the snapshot, not to the dataset.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/store/keyspace.h"
#include "persistence/rdb_encoder.h"

namespace ironkv::persistence {

class Snapshot {
 public:
  Snapshot(store::Keyspace& ks, const RdbWriteOptions& opts,
           std::vector<std::pair<std::string, std::string>> aux);
  ~Snapshot();
  // Function libraries' code, written after the header as FUNCTION2 records
  // (taken on the strand when the snapshot starts, like the keys).
  void set_functions(std::vector<std::string> codes) { functions_ = std::move(codes); }
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  // Appends the next part of the RDB stream to `out`, working for about
  // `budget` or until `out` holds `max_bytes`. True once the stream is complete
  // (it ends with the EOF opcode; the checksum is the file sink's job).
  bool step(std::chrono::microseconds budget, std::string& out, size_t max_bytes = 1 << 20);
  bool done() const { return done_; }

  void before_change(store::Database& db, std::string_view key);
  void before_flush(store::Database& db);

  uint64_t keys_written() const { return keys_written_; }
  uint64_t claimed_keys() const { return claimed_keys_; }
  size_t pending_claimed_bytes() const;

 private:
  struct DbState {
    bool active = false;       // had keys at the start and is not complete yet
    bool selected = false;     // SELECTDB written
    size_t cursor = 0;         // next global bucket to walk
    uint64_t size_at_start = 0;
    uint64_t expires_at_start = 0;
    std::unordered_set<std::string> claimed;
    std::string early;         // claimed keys' encodings, written after SELECTDB
  };

  void write_key(std::string& out, store::Database& db, std::string_view key,
                 const store::Value& v);
  void write_bucket(DbState& s, store::Database& db, size_t bucket, std::string& out);
  void finish_db(int i);

  store::Keyspace* ks_;
  RdbWriteOptions opts_;
  std::vector<std::pair<std::string, std::string>> aux_;
  std::vector<std::string> functions_;
  std::vector<DbState> dbs_;
  int cur_ = 0;
  bool header_written_ = false;
  bool done_ = false;
  uint64_t keys_written_ = 0;
  uint64_t claimed_keys_ = 0;
};

}  // namespace ironkv::persistence
