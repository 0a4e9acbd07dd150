#pragma once
// The keyspace: N databases, each a main table (key -> Value) and an expires
// table (key -> absolute unix ms), like Redis's db->dict / db->expires.
// Everything here runs on the keyspace strand; nothing here does I/O.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string_view>
#include <vector>

#include "core/store/clock.h"
#include "core/store/dict.h"
#include "core/store/lazy_free.h"
#include "core/store/value.h"
#include "core/util/op_status.h"

namespace ironkv::store {

// How Database::find looks a key up (all apply lazy expiry first):
//   kRead    lookup_read: counts a hit or miss, updates the access clock
//   kWrite   lookup_write: the key becomes a write candidate (WATCH, keyspace
//            events), reported modified if the command then changes something
//   kPeek    peek_write: for writing, but not a write candidate
//   kCreate  as kWrite; a missing key gets a new empty value of the type
enum class Lookup : uint8_t { kRead, kWrite, kPeek, kCreate };

struct KeyspaceStats {
  uint64_t keyspace_hits = 0;
  uint64_t keyspace_misses = 0;
  uint64_t expired_keys = 0;
  uint64_t evicted_keys = 0;
  uint64_t expire_cycle_cpu_us = 0;
  uint64_t expired_time_cap_reached_count = 0;
};

class Keyspace;

class Database {
 public:
  using MainDict = Dict<Value>;
  using ExpireDict = Dict<int64_t>;
  using Node = MainDict::Node;

  Database(Keyspace& ks, int index) : ks_(&ks), index_(index) {}

  int index() const { return index_; }

  // Lookups apply lazy expiry first. lookup_read counts keyspace hits/misses and
  // updates the access clock (Redis lookupKeyRead); lookup_write does neither.
  // A key found by lookup_write is a write candidate: if the command then
  // changes something (Keyspace::end_command with changed = true, i.e. it
  // counted dirty) the key is reported modified; a command that fails or
  // changes nothing (WRONGTYPE, SREM of a missing member) reports nothing,
  // as Redis signals only actual changes.
  Value* lookup_read(std::string_view key);
  Value* lookup_write(std::string_view key);
  // lookup_write without making the key a write candidate, for a key the
  // command may not change even when it changes others (SMOVE's destination
  // when it already holds the member, SORT ... STORE's source). The caller
  // reports a change with signal_modified.
  Value* peek_write(std::string_view key);
  // Reports a change the write-candidate rule cannot see (LTRIM that keeps
  // every element still counts as a change in Redis).
  void signal_modified(std::string_view key) { touched(key); }
  // Lazy expiry without touching stats or the access clock (OBJECT, TTL-free peeks).
  Node* find_node(std::string_view key);

  // The typed lookup every command uses (Redis lookupKey* + checkType):
  // the value, or kKeyNotFound, or kWrongType when the key holds another type.
  // Untyped values (strings) cannot be created empty: kCreate acts as kWrite here.
  OpResult<Value*> find(std::string_view key, ObjType type, Lookup how);
  // A collection type T (HashValue, ListValue, SetValue, ZSetValue: T::kType).
  // With kCreate a missing key is created as T(create_args...), so the
  // answer is never kKeyNotFound. Create only once the write is sure to happen
  // (arguments checked), or an empty collection is left behind.
  template <class T, class... A>
  OpResult<T*> find(std::string_view key, Lookup how, A&&... create_args) {
    OpResult<Value*> r = find(key, T::kType, how == Lookup::kCreate ? Lookup::kWrite : how);
    if (r.ok()) return r.value()->template as<T>();
    if (!r.missing() || how != Lookup::kCreate) return r.status();
    return create<T>(key, std::forward<A>(create_args)...);
  }
  // Adds a new empty collection at `key`, which the caller found missing.
  template <class T, class... A>
  T* create(std::string_view key, A&&... args) {
    return add(key, Value::collection(std::make_unique<T>(std::forward<A>(args)...)))
        ->template as<T>();
  }

  // Creates or overwrites. The old TTL is removed unless keep_ttl.
  Value& set(std::string_view key, Value v, bool keep_ttl = false);
  // Adds only if absent (after lazy expiry); returns nullptr if the key exists.
  Value* add(std::string_view key, Value v);
  // Deletes key and TTL. The value is freed off the strand when it is large.
  bool erase(std::string_view key);
  // Unlinks key (and returns its value and TTL, -1 if none) for RENAME/MOVE.
  std::optional<std::pair<Value, int64_t>> take(std::string_view key);

  // Expiry. Absolute unix ms; -1 = no expiry.
  int64_t expire_of(std::string_view key) const;
  void set_expire(std::string_view key, int64_t when_ms);
  bool persist(std::string_view key);
  // Is the key logically expired at `now` (it may still be in the table)?
  bool is_expired(std::string_view key, int64_t now_ms) const;

  size_t size() const { return dict_.size(); }
  size_t expires_size() const { return expires_.size(); }
  // Average TTL of the keys sampled by active expiry, ms (INFO keyspace avg_ttl).
  int64_t avg_ttl() const { return avg_ttl_; }

  // Removes every key. Large content is freed on the lazy-free thread.
  void clear(bool async);

  // A random live key (expired ones met on the way are deleted), or nullopt.
  std::optional<std::string> random_key();

  // One step of Redis SCAN over the main table: fn(key, value) for the visited
  // bucket; expired keys are skipped (and deleted lazily by later access).
  template <class F>
  uint64_t scan(uint64_t cursor, F&& fn) {
    int64_t now = now_ms();
    return dict_.scan(cursor, [&](Node& n) {
      if (!expires_.empty() && is_expired(n.key(), now)) return;
      fn(n.key(), n.value);
    });
  }

  // Active expiry: samples keys with a TTL and deletes the expired ones, until
  // the time budget is spent or few expired keys remain in the samples.
  // Returns keys deleted.
  size_t active_expire(std::chrono::microseconds budget);

  // Bounded incremental rehash for the cron.
  void rehash_for(std::chrono::microseconds budget);

  MainDict& dict() { return dict_; }
  const MainDict& dict() const { return dict_; }
  ExpireDict& expires() { return expires_; }
  size_t memory_bytes() const { return dict_.memory_bytes() + expires_.memory_bytes(); }

 private:
  int64_t now_ms() const;
  void touched(std::string_view key);
  // True if the key's TTL has passed. It is then deleted, unless expiry is
  // paused (CLIENT PAUSE) and the caller is not about to write the key: the
  // key is then reported missing but stays, like Redis's expireIfNeeded.
  bool expire_if_needed(std::string_view key, bool for_write = false);
  void before_change(std::string_view key);
  void delete_node_value(Node* n);

  Keyspace* ks_;
  int index_;
  MainDict dict_;
  ExpireDict expires_;
  uint64_t expire_cursor_ = 0;
  int64_t avg_ttl_ = 0;
};

// Observer of key changes, for WATCH, keyspace notifications and the AOF later.
class KeyspaceObserver {
 public:
  virtual ~KeyspaceObserver() = default;
  // After the key was deleted by expiry (it was reported to on_modified too).
  virtual void on_expired(int db, std::string_view key) = 0;
  // A key was (or is about to be) changed: written, deleted (also by expiry),
  // its TTL changed, or changed in place by a command that looked it up with
  // lookup_write (reported when that command ends). Drives WATCH.
  virtual void on_modified(int /*db*/, std::string_view /*key*/) {}
  // The database is about to be emptied (FLUSHDB/FLUSHALL).
  virtual void on_flush(const Database& /*db*/) {}
  // Whether in-place changes (write candidates) need reporting now; false lets
  // lookup_write skip recording them (WATCH with nothing watched).
  virtual bool wants_write_candidates() const { return true; }
  // A read found no key (keyspace notification "keymiss").
  virtual void on_miss(int /*db*/, std::string_view /*key*/) {}
  // A key that did not exist was added (keyspace notification "new").
  virtual void on_created(int /*db*/, std::string_view /*key*/) {}
  // Eviction would report evicted keys here ("evicted"); none exists yet.
  virtual void on_evicted(int /*db*/, std::string_view /*key*/) {}
};

// Persistence's view of changes (AOF and snapshots). Separate from the observer
// so it costs one branch when persistence is off. Strand only.
class PersistenceHooks {
 public:
  virtual ~PersistenceHooks() = default;
  // A key was deleted by lazy or active expiry (the AOF logs a DEL).
  virtual void on_expired(int db, std::string_view key) = 0;
  // Called before `key` is created, changed, deleted or its TTL changes; the key
  // may not exist yet. A point-in-time snapshot saves the old value here.
  virtual void before_change(Database& db, std::string_view key) = 0;
  // Called before the database is emptied.
  virtual void before_flush(Database& db) = 0;
};

class Keyspace {
 public:
  Keyspace(int num_dbs, const Clock& clock, LazyFree* lazy_free = nullptr);

  int db_count() const { return static_cast<int>(dbs_.size()); }
  Database& db(int i) { return *dbs_[static_cast<size_t>(i)]; }
  const Clock& clock() const { return *clock_; }
  // The command's notion of "now": fixed for the duration of one command (like
  // Redis's cached mstime) so one command sees one instant.
  int64_t now_ms() const { return cached_now_ms_ >= 0 ? cached_now_ms_ : clock_->now_ms(); }
  void freeze_time(int64_t ms) { cached_now_ms_ = ms; }
  void unfreeze_time() { cached_now_ms_ = -1; }
  bool time_frozen() const { return cached_now_ms_ >= 0; }

  KeyspaceStats& stats() { return stats_; }
  // Count of writes since the last save (Redis "dirty").
  uint64_t& dirty() { return dirty_; }
  std::mt19937_64& rng() { return rng_; }
  // Access clock for OBJECT IDLETIME, in seconds (stored in the node's aux).
  uint32_t lru_clock() const { return static_cast<uint32_t>(now_ms() / 1000); }

  void flush_all(bool async);
  size_t total_keys() const;

  // Frees big things off the keyspace strand when a lazy-free worker exists.
  void free_later(std::function<void()> job);
  LazyFree* lazy_free() { return lazy_free_; }

  // Ends a command: its write candidates (keys found by lookup_write) are
  // reported to on_modified if it changed something, else forgotten.
  void end_command(bool changed) {
    if (write_candidates_.empty()) return;
    if (changed) report_candidates();
    write_candidates_.clear();
  }

  // CLIENT PAUSE: until `until_ms` (absolute, the clock's ms) expired keys are
  // neither deleted by the cron nor by reads (they read as missing); 0 ends it.
  void pause_expiry_until(int64_t until_ms) { expiry_paused_until_ms_ = until_ms; }
  bool expiry_paused() const {
    return expiry_paused_until_ms_ != 0 && now_ms() < expiry_paused_until_ms_;
  }

  void set_observer(KeyspaceObserver* o) { observer_ = o; }
  void set_persistence_hooks(PersistenceHooks* h) { hooks_ = h; }
  PersistenceHooks* persistence_hooks() { return hooks_; }

  // While persistence files load, keys are never expired (like Redis, whose
  // expireIfNeeded returns early while loading): later commands in an AOF ran
  // against the live key. Active expiry removes them once loading is over.
  void set_loading(bool v) { loading_ = v; }
  bool loading() const { return loading_; }
  KeyspaceObserver* observer() { return observer_; }

  // Periodic work (server cron, hz times a second): active expiry with a time
  // budget across all databases, and incremental rehash.
  void cron(std::chrono::microseconds expire_budget);

 private:
  friend class Database;
  void report_candidates();

  const Clock* clock_;
  LazyFree* lazy_free_;
  KeyspaceObserver* observer_ = nullptr;
  PersistenceHooks* hooks_ = nullptr;
  bool loading_ = false;
  std::vector<std::unique_ptr<Database>> dbs_;
  KeyspaceStats stats_;
  uint64_t dirty_ = 0;
  int64_t cached_now_ms_ = -1;
  std::mt19937_64 rng_{std::random_device{}()};
  int expire_db_cursor_ = 0;
  std::vector<std::pair<int, std::string>> write_candidates_;
  int64_t expiry_paused_until_ms_ = 0;
};

}  // namespace ironkv::store
