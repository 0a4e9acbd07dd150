#include "core/server/journal.h"

#include <algorithm>
#include <string>

#include "core/server/server_context.h"

namespace ironkv::server {

Journal::~Journal() {
  if (srv_->command_log == this) srv_->command_log = nullptr;
}

void Journal::add_sink(JournalSink* sink) {
  if (std::find(sinks_.begin(), sinks_.end(), sink) != sinks_.end()) return;
  sink->reset_db();
  sinks_.push_back(sink);
  srv_->command_log = this;
}

void Journal::remove_sink(JournalSink* sink) {
  sinks_.erase(std::remove(sinks_.begin(), sinks_.end(), sink), sinks_.end());
  if (sinks_.empty() && srv_->command_log == this) srv_->command_log = nullptr;
}

void Journal::append(int db, std::span<const std::string_view> argv) {
  for (JournalSink* s : sinks_) {
    if (s->db_ != db) {
      const std::string n = std::to_string(db);
      const std::string_view select[] = {"SELECT", n};
      s->record(select);
      s->db_ = db;
    }
    s->record(argv);
  }
}

void Journal::end_batch() {
  for (JournalSink* s : sinks_) s->end_batch();
}

uint64_t Journal::durable_target() const {
  uint64_t target = 0;
  for (const JournalSink* s : sinks_) target = std::max(target, s->durable_target());
  return target;
}

}  // namespace ironkv::server
