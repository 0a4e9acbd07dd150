#pragma once
// The persistence engine's facade: what the server and the persistence
// commands call. The work is in its parts:
//  - AofLog (aof_log.h): the AOF as a journal sink, its writer and files;
//  - SnapshotJobs (snapshot_jobs.h): SAVE, BGSAVE, the AOF rewrite's base;
//  - StartupLoader (startup_load.h): loading the AOF or the RDB at start-up;
// and this class: start-up order, cron (save points, automatic rewrite, the
// everysec tick), MISCONF, INFO persistence, shutdown and CONFIG SET.
// Lives on the keyspace strand; disk work runs on the AOF writer thread and a
// snapshot thread.

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/command/dispatcher.h"
#include "core/server/journal.h"
#include "core/server/persistence_control.h"
#include "core/server/server_context.h"
#include "core/store/keyspace.h"
#include "persistence/aof_log.h"
#include "persistence/snapshot_jobs.h"
#include "persistence/startup_load.h"

namespace ironkv::persistence {

class Persistence final : public store::PersistenceHooks, public server::PersistenceControl {
 public:
  // The AOF attaches to `journal` while appendonly is on.
  Persistence(server::ServerContext& srv, store::Keyspace& ks, command::Dispatcher& dispatcher,
              server::Journal& journal, boost::asio::any_io_executor strand)
      : Persistence(srv, ks, dispatcher, &journal, std::move(strand)) {}
  // With a journal of its own (in-process tests).
  Persistence(server::ServerContext& srv, store::Keyspace& ks, command::Dispatcher& dispatcher,
              boost::asio::any_io_executor strand)
      : Persistence(srv, ks, dispatcher, nullptr, std::move(strand)) {}
  ~Persistence() override;

  // Start-up, before serving: loads the AOF (appendonly yes) or else the RDB
  // file, then opens the AOF for writing. False with a message: start-up stops.
  bool load_and_start(std::string& error);
  // Strand, hz times a second.
  void cron();
  // After prepare_shutdown: stops the writer (everything flushed and fsynced).
  void stop();

  server::Journal& journal() { return *journal_; }
  // End of a batch of commands run outside a connection (tests).
  void end_batch() { journal_->end_batch(); }

  // Connections: with appendfsync always, replies wait for this.
  AofWriter* writer() { return aof_.writer(); }
  // True while the AOF writer is behind (its channel full): connections wait
  // before sending more commands.
  // Not while the writer is failing (disk full): writes get -MISCONF then and
  // reads must keep working.
  bool congested() const { return aof_.congested(); }

  // store::PersistenceHooks
  void on_expired(int db, std::string_view key) override;
  void before_change(store::Database& db, std::string_view key) override;
  void before_flush(store::Database& db) override;

  // server::PersistenceControl
  bool save(std::string& error) override { return jobs_.save(error); }
  bool bgsave(bool schedule, std::string& reply) override { return jobs_.bgsave(schedule, reply); }
  bool bgrewriteaof(std::string& reply) override { return jobs_.bgrewriteaof(reply); }
  int64_t lastsave() const override { return jobs_.stats().lastsave; }
  void info(std::string& out) override;
  bool prepare_shutdown(bool save, bool nosave, std::string& error) override;
  bool apply_config(std::string_view option, std::string& error) override;

 private:
  Persistence(server::ServerContext& srv, store::Keyspace& ks, command::Dispatcher& dispatcher,
              server::Journal* journal, boost::asio::any_io_executor strand);
  // `runtime`: CONFIG SET appendonly yes. The AOF then starts with a rewrite
  // and the manifest on disk is kept as it was until that base is complete.
  bool start_aof(std::string& error, bool runtime = false);
  void refresh_misconf();

  server::ServerContext* srv_;
  store::Keyspace* ks_;
  std::unique_ptr<server::Journal> own_journal_;  // when none was given
  server::Journal* journal_;
  AofLog aof_;
  SnapshotJobs jobs_;
  StartupLoader loader_;
  std::atomic<bool> loading_{false};
  int64_t loading_start_ms_ = 0;
  std::vector<server::SavePoint> save_points_;
};

}  // namespace ironkv::persistence
