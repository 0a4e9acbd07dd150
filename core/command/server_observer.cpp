#include "core/command/keyspace_events.h"
#include "core/command/server_context.h"

namespace ironkv::command {

void ServerObserver::on_expired(int db, std::string_view key) {
  server_->watches.on_expired(db, key);
  uint32_t flags = server_->config.notify_keyspace_events;
  if (flags & events::kExpired) server_->pubsub.notify_keyspace_event(flags, "expired", key, db);
}

void ServerObserver::on_modified(int db, std::string_view key) {
  server_->watches.on_modified(db, key);
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

void ServerObserver::on_flush(const store::Database& db) { server_->watches.on_flush(db); }

bool ServerObserver::wants_write_candidates() const {
  return server_->watches.wants_write_candidates();
}

}  // namespace ironkv::command
