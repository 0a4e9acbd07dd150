#pragma once
// The persistence engine: AOF (command log + writer thread + multi-part files),
// snapshots (SAVE, BGSAVE, the AOF rewrite's base), start-up loading, and the
// cron duties (save points, automatic AOF rewrite, everysec ticks). Lives on the
// keyspace strand; disk work runs on the AOF writer thread and a snapshot thread.

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/command/dispatcher.h"
#include "core/server/command_log.h"
#include "core/server/persistence_control.h"
#include "core/server/server_context.h"
#include "core/store/keyspace.h"
#include "persistence/aof_format.h"
#include "persistence/aof_writer.h"
#include "persistence/snapshot.h"

namespace ironkv::persistence {

class SnapshotJob;

class Persistence final : public store::PersistenceHooks,
                          public server::CommandLog,
                          public server::PersistenceControl {
 public:
  Persistence(server::ServerContext& srv, store::Keyspace& ks, command::Dispatcher& dispatcher,
              boost::asio::any_io_executor strand);
  ~Persistence() override;

  // Start-up, before serving: loads the AOF (appendonly yes) or else the RDB
  // file, then opens the AOF for writing. False with a message: start-up stops.
  bool load_and_start(std::string& error);
  // Strand, hz times a second.
  void cron();
  // After prepare_shutdown: stops the writer (everything flushed and fsynced).
  void stop();

  // Connections: with appendfsync always, replies wait for this.
  AofWriter* writer() { return aof_on_ ? writer_.get() : nullptr; }
  // True while the AOF writer is behind (its channel full): connections wait
  // before sending more commands.
  // Not while the writer is failing (disk full): writes get -MISCONF then and
  // reads must keep working.
  bool congested() const {
    return congested_.load(std::memory_order_relaxed) && !writer_failing_.load(std::memory_order_relaxed);
  }

  // store::PersistenceHooks
  void on_expired(int db, std::string_view key) override;
  void before_change(store::Database& db, std::string_view key) override;
  void before_flush(store::Database& db) override;

  // server::CommandLog
  void append(int db, std::span<const std::string_view> argv) override;
  void end_batch() override;
  uint64_t durable_target() const override;

  // server::PersistenceControl
  bool save(std::string& error) override;
  bool bgsave(bool schedule, std::string& reply) override;
  bool bgrewriteaof(std::string& reply) override;
  int64_t lastsave() const override { return lastsave_; }
  void info(std::string& out) override;
  bool prepare_shutdown(bool save, bool nosave, std::string& error) override;
  bool apply_config(std::string_view option, std::string& error) override;

 private:
  friend class SnapshotJob;
  enum class JobKind { kBgsave, kRewrite };

  std::string aof_dir() const;
  bool load_aof(std::string& error);
  bool load_rdb_file(const std::string& path, bool is_aof_base, std::string& error);
  bool replay_aof_file(const std::string& path, bool last, std::string& error);
  // `runtime`: CONFIG SET appendonly yes. The AOF then starts with a rewrite
  // and the manifest on disk is kept as it was until that base is complete.
  bool start_aof(std::string& error, bool runtime = false);
  // SHUTDOWN during that first rewrite: completes it on the strand, blocking.
  void finish_job_now();
  void stop_aof();
  void flush_pending();
  void submit(AofWriter::Msg msg);
  void pump();
  void drain_to_writer();
  bool aof_failing() const;
  bool start_job(JobKind kind, std::string& error);
  void job_done(JobKind kind, bool ok, const std::string& error, double seconds);
  boost::asio::awaitable<void> drive_job(std::shared_ptr<SnapshotJob> job);
  std::vector<std::pair<std::string, std::string>> aux(bool aof_base) const;
  RdbWriteOptions rdb_options() const;
  void refresh_misconf();
  void remove_stale_temp_files();
  int64_t now_ms() const;

  server::ServerContext* srv_;
  store::Keyspace* ks_;
  command::Dispatcher* dispatcher_;
  boost::asio::any_io_executor strand_;

  // ---- AOF (strand) ----
  bool aof_on_ = false;
  std::unique_ptr<AofWriter> writer_;
  std::string pending_;          // appended, not yet handed to the writer
  bool flush_posted_ = false;    // a flush_pending is queued on the strand
  int log_db_ = -1;              // database of the last logged command
  uint64_t seq_ = 0;             // bytes appended to the log, ever
  std::deque<AofWriter::Msg> backlog_;  // not yet accepted by the channel
  std::atomic<bool> congested_{false};
  std::atomic<bool> writer_failing_{false};
  // Shared with the writer thread (its ops edit the manifest).
  struct AofFiles;
  std::shared_ptr<AofFiles> files_;
  uint64_t aof_rewrite_base_size_ = 0;
  bool rewrite_scheduled_ = false;
  bool bgsave_scheduled_ = false;
  int64_t aof_last_rewrite_time_sec_ = -1;
  std::string aof_last_bgrewrite_status_ = "ok";
  uint64_t aof_rewrites_ = 0;
  int64_t aof_rewrite_start_ms_ = 0;
  uint64_t rewrite_jobs_ = 0;    // started, ever (names their temp files)

  // ---- Snapshots (strand) ----
  std::shared_ptr<SnapshotJob> job_;     // the running BGSAVE or rewrite
  std::unique_ptr<Snapshot> snapshot_;   // its point-in-time view
  int64_t lastsave_ = 0;                 // unix seconds
  int64_t last_save_attempt_ms_ = 0;
  std::string last_bgsave_status_ = "ok";
  int64_t last_bgsave_time_sec_ = -1;
  int64_t bgsave_start_ms_ = 0;
  uint64_t dirty_at_save_ = 0;           // dirty when the last snapshot began
  uint64_t dirty_before_bgsave_ = 0;
  uint64_t rdb_saves_ = 0;
  uint64_t last_cow_bytes_ = 0;
  std::atomic<bool> loading_{false};
  int64_t loading_start_ms_ = 0;
  uint64_t loaded_keys_ = 0;
  std::vector<server::SavePoint> save_points_;
};

}  // namespace ironkv::persistence
