#include <ctime>

#include "core/server/keyspace_events.h"
#include "core/server/server_context.h"

namespace ironkv::server {

void ServerObserver::on_expired(int db, std::string_view key) {
  server_->watches.on_expired(db, key);
  server_->blocking.signal_key_changed(db, key);
  uint32_t flags = server_->config.notify_keyspace_events;
  if (flags & events::kExpired) server_->pubsub.notify_keyspace_event(flags, "expired", key, db);
}

void ServerObserver::on_modified(int db, std::string_view key) {
  server_->watches.on_modified(db, key);
  server_->blocking.signal_key_changed(db, key);
}

void ServerObserver::on_created(int db, std::string_view key) {
  uint32_t flags = server_->config.notify_keyspace_events;
  if (flags & events::kNew) server_->pubsub.notify_keyspace_event(flags, "new", key, db);
}

void ServerObserver::on_miss(int db, std::string_view key) {
  uint32_t flags = server_->config.notify_keyspace_events;
  if (flags & events::kKeyMiss) server_->pubsub.notify_keyspace_event(flags, "keymiss", key, db);
}

void ServerObserver::on_evicted(int db, std::string_view key) {
  uint32_t flags = server_->config.notify_keyspace_events;
  if (flags & events::kEvicted) server_->pubsub.notify_keyspace_event(flags, "evicted", key, db);
}

void ServerObserver::on_flush(const store::Database& db) {
  server_->watches.on_flush(db);
  server_->blocking.signal_db_flushed(db.index());
}

bool ServerObserver::wants_write_candidates() const {
  return server_->watches.wants_write_candidates();
}

void ServerContext::latency_add_sample(std::string_view event, uint64_t ms) {
  int64_t threshold = latency_monitor_threshold_ms.load(std::memory_order_relaxed);
  if (threshold <= 0 || ms < static_cast<uint64_t>(threshold)) return;
  latency.add(event, ms, static_cast<int64_t>(std::time(nullptr)));
}

}  // namespace ironkv::server
