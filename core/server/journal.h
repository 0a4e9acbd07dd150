#pragma once
// The write stream: every command that changed the dataset, in keyspace
// execution order, fanned out to the sinks that consume it (the AOF today; a
// replica's stream next). The dispatcher sees it as its CommandLog
// (ServerContext::command_log points here while at least one sink is attached,
// and is null otherwise, so nothing is built for a journal nobody reads).
//
// Each sink sees every record and every end of batch. The journal keeps each
// sink's current database and sends it a SELECT before a record for another
// database (a sink that starts a new file or stream calls reset_db()).
// Strand only.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/server/command_log.h"

namespace ironkv::server {

struct ServerContext;

class JournalSink {
 public:
  virtual ~JournalSink() = default;
  // One command, in execution order (SELECTs included, as the sink must write them).
  virtual void record(std::span<const std::string_view> argv) = 0;
  // End of a batch of records (one hop of the strand).
  virtual void end_batch() = 0;
  // The position a reply must wait for before it is sent (appendfsync always);
  // 0 when this sink makes replies wait for nothing.
  virtual uint64_t durable_target() const { return 0; }

  // The next record starts with a SELECT.
  void reset_db() { db_ = -1; }
  int selected_db() const { return db_; }

 private:
  friend class Journal;
  int db_ = -1;
};

class Journal final : public CommandLog {
 public:
  explicit Journal(ServerContext& srv) : srv_(&srv) {}
  ~Journal() override;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // A sink attached starts with a SELECT before its first record.
  void add_sink(JournalSink* sink);
  void remove_sink(JournalSink* sink);
  bool has_sinks() const { return !sinks_.empty(); }
  size_t sink_count() const { return sinks_.size(); }

  // server::CommandLog
  void append(int db, std::span<const std::string_view> argv) override;
  void end_batch() override;
  // The largest target of the sinks (a reply waits for all of them).
  uint64_t durable_target() const override;

 private:
  ServerContext* srv_;
  std::vector<JournalSink*> sinks_;
};

}  // namespace ironkv::server
