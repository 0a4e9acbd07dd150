#include "core/server/watch.h"

#include <algorithm>

#include "core/server/client.h"

namespace ironkv::server {

void WatchRegistry::watch(ClientState& client, int db, std::string_view key, bool expired_now) {
  for (const auto& w : client.tx.watched) {
    if (w.db == db && w.key == key) return;
  }
  client.tx.watched.push_back(WatchedKey{db, std::string(key), expired_now});
  keys_[{db, std::string(key)}].push_back(&client);
}

void WatchRegistry::unwatch_all(ClientState& client) {
  for (const auto& w : client.tx.watched) {
    auto it = keys_.find(std::make_pair(w.db, w.key));
    if (it == keys_.end()) continue;
    auto& v = it->second;
    v.erase(std::remove(v.begin(), v.end(), &client), v.end());
    if (v.empty()) keys_.erase(it);
  }
  client.tx.watched.clear();
  client.tx.watch_invalid = false;
}

bool WatchRegistry::watched_key_expired(const ClientState& client, store::Keyspace& ks) {
  int64_t now = ks.now_ms();
  for (const auto& w : client.tx.watched) {
    if (!w.expired_at_watch && ks.db(w.db).is_expired(w.key, now)) return true;
  }
  return false;
}

void WatchRegistry::on_modified(int db, std::string_view key) {
  if (keys_.empty()) return;
  auto it = keys_.find(std::make_pair(db, std::string(key)));
  if (it == keys_.end()) return;
  bool gone = keyspace_ != nullptr && keyspace_->db(db).dict().find(key) == nullptr;
  for (ClientState* c : it->second) {
    if (gone) {
      bool was_expired = false;
      for (auto& w : c->tx.watched) {
        if (w.db == db && w.key == key && w.expired_at_watch) {
          w.expired_at_watch = false;  // deleted now: a later change counts
          was_expired = true;
        }
      }
      if (was_expired) continue;
    }
    c->tx.watch_invalid = true;
  }
}

void WatchRegistry::on_flush(const store::Database& db) {
  // Like Redis: only watchers of keys that exist in the emptied database.
  for (auto& [dbkey, clients] : keys_) {
    if (dbkey.first != db.index()) continue;
    if (db.dict().find(dbkey.second) == nullptr) continue;
    for (ClientState* c : clients) c->tx.watch_invalid = true;
  }
}

}  // namespace ironkv::server
