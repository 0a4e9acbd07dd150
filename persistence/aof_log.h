#pragma once
// The AOF as a journal sink: what the journal records is encoded as RESP into
// a pending buffer, handed to the AOF writer thread once per strand turn, and
// the writer appends it to the current incr file of the multi-part AOF
// (manifest + base + incr files, AofFiles). Back-pressure: when the writer's
// channel is full the messages wait in a backlog and `congested()` is true.
// Strand only, except AofFiles (the writer thread edits it once running).

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "core/server/journal.h"
#include "core/server/server_context.h"
#include "persistence/aof_format.h"
#include "persistence/aof_writer.h"

namespace ironkv::persistence {

// The multi-part AOF's files; edited only by the AOF writer thread once the
// writer runs (and by start-up before that).
struct AofFiles {
  std::string dir;
  std::string prefix;
  AofManifest manifest;
  int64_t rewrite_incr_seq = 0;  // first incr file of the running rewrite
  std::atomic<uint64_t> base_size{0};
  std::atomic<uint64_t> closed_incr_size{0};  // incr files before the current one
  // While the first base of an AOF switched on at run time is written, the
  // manifest on disk must not name the new incr files: without their base they
  // would load a partial dataset after a crash (Redis: AOF_WAIT_REWRITE).
  std::atomic<bool> hold_manifest{false};

  std::string path(const std::string& name) const { return join_path(dir, name); }
  bool persist_manifest(std::string& error);
  // Reads dir/prefix's manifest into `manifest`; false with Redis's error text.
  bool read_manifest(std::string& error);
  // Creates the next incr file, lists it in the manifest; returns its fd.
  int open_new_incr(std::string& name, std::string& error);
  void recount();
};

class AofLog final : public server::JournalSink {
 public:
  AofLog(server::ServerContext& srv, server::Journal& journal, boost::asio::any_io_executor strand);
  ~AofLog() override;

  const std::shared_ptr<AofFiles>& files() const { return files_; }
  // Sets the directory and prefix from the config.
  void configure_files();

  // Opens the last incr file (or a new one) and attaches to the journal.
  // `runtime` (CONFIG SET appendonly yes): the manifest on disk stays as it was
  // until the first base is complete. True in `needs_base` when the AOF must
  // start with a rewrite.
  bool start(bool runtime, bool& needs_base, std::string& error);
  // Detaches, hands everything to the writer, which flushes, fsyncs and stops.
  void stop();
  bool on() const { return on_; }
  AofWriter* writer() { return on_ ? writer_.get() : nullptr; }

  // server::JournalSink
  void record(std::span<const std::string_view> argv) override;
  void end_batch() override;
  uint64_t durable_target() const override;

  bool congested() const {
    return congested_.load(std::memory_order_relaxed) &&
           !writer_failing_.load(std::memory_order_relaxed);
  }
  // The writer failed to write or fsync (disk full …).
  bool failing() const;
  std::string last_write_error() const { return writer_->last_write_error(); }
  void set_writer_failing(bool failing) { writer_failing_.store(failing); }

  // Hands what was appended to the writer now: before a file rotation (the new
  // incr file must hold only what comes after the snapshot instant), at
  // shutdown, and on every cron tick.
  void flush_pending();
  void submit(AofWriter::Msg msg);
  // Hands everything logged to the writer's channel, waiting for room
  // (shutdown and CONFIG SET appendonly no only: it blocks the strand until
  // the writer keeps up).
  void drain();
  // Cron: pending to the writer, backlog retried, the everysec tick.
  void cron();
  // SHUTDOWN: everything to the writer, then an fsync.
  void flush_and_fsync();
  void set_policy(FsyncPolicy p) {
    if (writer_) writer_->set_policy(p);
  }

  // AOF rewrite: from this instant new writes go to a new incr file (the base
  // is the snapshot of this same instant).
  void rotate_for_rewrite();
  // The rewrite's base is complete in `tmp`: swap it in (rename, manifest,
  // remove the replaced files), on the writer thread after the rotation, or at
  // once when the AOF is off.
  void commit_rewrite(const std::string& tmp);

  // Sizes for INFO and the automatic rewrite.
  uint64_t current_size() const;
  uint64_t base_size() const { return files_->base_size.load(); }
  uint64_t buffered() const;
  uint64_t pending_fsync() const { return writer_->pending_fsync(); }
  uint64_t delayed_fsyncs() const { return writer_->delayed_fsyncs(); }
  uint64_t rewrite_base_size = 0;  // the size after the last rewrite (or at start)

 private:
  void pump();

  server::ServerContext* srv_;
  server::Journal* journal_;
  boost::asio::any_io_executor strand_;
  bool on_ = false;
  std::unique_ptr<AofWriter> writer_;
  std::string pending_;                 // appended, not yet handed to the writer
  bool flush_posted_ = false;           // a flush_pending is queued on the strand
  uint64_t seq_ = 0;                    // bytes appended to the log, ever
  std::deque<AofWriter::Msg> backlog_;  // not yet accepted by the channel
  std::atomic<bool> congested_{false};
  std::atomic<bool> writer_failing_{false};
  // Shared with the writer thread (its ops edit the manifest).
  std::shared_ptr<AofFiles> files_;
};

}  // namespace ironkv::persistence
