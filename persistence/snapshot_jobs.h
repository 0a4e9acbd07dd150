#pragma once
// Snapshot jobs: SAVE (blocking, one pass), BGSAVE and the AOF rewrite's base
// (a point-in-time Snapshot walked in slices on the strand, written by a
// SnapshotWriterThread into a sink), their scheduling (BGSAVE SCHEDULE, a
// rewrite waiting for a BGSAVE) and their INFO counters. Strand only.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/server/server_context.h"
#include "core/store/keyspace.h"
#include "persistence/snapshot.h"
#include "persistence/snapshot_sink.h"

namespace ironkv::persistence {

class AofLog;

class SnapshotJobs {
 public:
  enum class Kind { kBgsave, kRewrite };

  // `on_status`: a save or rewrite finished (the facade refreshes MISCONF).
  SnapshotJobs(server::ServerContext& srv, store::Keyspace& ks, AofLog& aof,
               boost::asio::any_io_executor strand, std::function<void()> on_status);
  ~SnapshotJobs();

  // SAVE: the whole snapshot now, blocking. False with "ERR …".
  bool save(std::string& error);
  bool bgsave(bool schedule, std::string& reply);
  bool bgrewriteaof(std::string& reply);
  // SHUTDOWN during the first base of a runtime-enabled AOF: that rewrite runs
  // to its end now, on the strand (a BGSAVE in its way is cancelled).
  void finish_first_base_now();
  // Drops the running job (its temp file removed), like Redis kills its child.
  void cancel();
  void cancel_rewrite();

  bool running() const { return job_ != nullptr; }
  bool running(Kind k) const;
  // The point-in-time view of the running job (keyspace hooks feed it).
  Snapshot* snapshot() { return snapshot_.get(); }

  // After start-up loading: the dataset is what is on disk.
  void mark_loaded(int64_t now_ms);
  // Cron: a save point reached (retrying a failed save after 5 s) starts a
  // BGSAVE; true when one was started.
  bool cron_save_points(const std::vector<server::SavePoint>& points, int64_t now_ms);

  // What INFO persistence and LASTSAVE report.
  struct Stats {
    int64_t lastsave = 0;  // unix seconds
    int64_t last_save_attempt_ms = 0;
    std::string last_bgsave_status = "ok";
    int64_t last_bgsave_time_sec = -1;
    int64_t bgsave_start_ms = 0;
    uint64_t rdb_saves = 0;
    uint64_t last_cow_bytes = 0;
    bool rewrite_scheduled = false;
    bool bgsave_scheduled = false;
    int64_t aof_last_rewrite_time_sec = -1;
    std::string aof_last_bgrewrite_status = "ok";
    uint64_t aof_rewrites = 0;
    int64_t aof_rewrite_start_ms = 0;
  };
  const Stats& stats() const { return st_; }
  bool bgsave_failed() const { return st_.last_bgsave_status == "err"; }

 private:
  struct Job;

  bool start_job(Kind kind, std::string& error);
  void job_done(Kind kind, bool ok, const std::string& error, double seconds);
  void finish_job_now();
  boost::asio::awaitable<void> drive_job(std::shared_ptr<Job> job);
  std::vector<std::pair<std::string, std::string>> aux(bool aof_base) const;
  RdbWriteOptions rdb_options() const;

  server::ServerContext* srv_;
  store::Keyspace* ks_;
  AofLog* aof_;
  boost::asio::any_io_executor strand_;
  std::function<void()> on_status_;

  std::shared_ptr<Job> job_;            // the running BGSAVE or rewrite
  std::unique_ptr<Snapshot> snapshot_;  // its point-in-time view
  Stats st_;
  uint64_t dirty_before_bgsave_ = 0;
  uint64_t rewrite_jobs_ = 0;  // started, ever (names their temp files)
};

}  // namespace ironkv::persistence
