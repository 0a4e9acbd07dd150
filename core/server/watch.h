#pragma once
// WATCH: which clients watch which keys, and invalidation when a key changes.
// Strand-only. The keyspace reports changes through KeyspaceObserver.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/store/keyspace.h"

namespace ironkv::server {

struct ClientState;

class WatchRegistry final : public store::KeyspaceObserver {
 public:
  // Adds key to the client's watched set (once).
  void watch(ClientState& client, int db, std::string_view key, bool expired_now);
  // Forgets every key the client watches (EXEC, DISCARD, UNWATCH, disconnect).
  void unwatch_all(ClientState& client);
  // True if a watched key that was live at WATCH time has logically expired
  // since (Redis 7.0's isWatchedKeyExpired), checked at EXEC.
  static bool watched_key_expired(const ClientState& client, store::Keyspace& ks);

  // Lets on_modified tell whether a key still exists (see there).
  void attach(store::Keyspace& ks) { keyspace_ = &ks; }

  // Invalidates the key's watchers, as Redis's touchWatchedKey: except for a
  // watcher that saw the key already expired at WATCH time, when the key is
  // now gone (the expired key being deleted is logically no change).
  void on_modified(int db, std::string_view key) override;
  // Deletion by expiry already went through on_modified.
  void on_expired(int /*db*/, std::string_view /*key*/) override {}
  void on_flush(const store::Database& db) override;
  bool wants_write_candidates() const override { return !keys_.empty(); }

  size_t watched_keys() const { return keys_.size(); }

 private:
  std::map<std::pair<int, std::string>, std::vector<ClientState*>, std::less<>> keys_;
  store::Keyspace* keyspace_ = nullptr;
};

}  // namespace ironkv::server
