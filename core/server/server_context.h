#pragma once
// Server-wide state the commands see (INFO, CONFIG, CLIENT, SHUTDOWN). It is
// owned by the server (app/) and lives on the keyspace strand, except the
// atomics, which io threads update.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/server/blocking.h"
#include "core/server/client.h"
#include "core/server/command_log.h"
#include "core/server/config.h"
#include "core/server/hooks.h"
#include "core/server/latency.h"
#include "core/server/pause.h"
#include "core/server/persistence_control.h"
#include "core/server/pubsub.h"
#include "core/server/scripting.h"
#include "core/server/watch.h"

namespace ironkv::server {

struct NetStats {
  std::atomic<uint64_t> total_connections_received{0};
  std::atomic<uint64_t> rejected_connections{0};
  std::atomic<uint64_t> total_net_input_bytes{0};
  std::atomic<uint64_t> total_net_output_bytes{0};
  std::atomic<uint64_t> connected_clients{0};
  std::atomic<uint64_t> client_query_buffer_limit_disconnections{0};
  std::atomic<uint64_t> client_output_buffer_limit_disconnections{0};
  std::atomic<uint64_t> protocol_errors{0};
  std::atomic<uint64_t> total_reads_processed{0};
  // Batches sent to the keyspace strand: one per read that held commands,
  // however many commands it held (pipelining costs one hop, not one per command).
  std::atomic<uint64_t> keyspace_hops{0};
};

struct ServerContext;

// The keyspace's observer: WATCH invalidation, plus the "expired" keyspace
// notification (lazy and active expiry). Eviction would report here too.
class ServerObserver final : public store::KeyspaceObserver {
 public:
  explicit ServerObserver(ServerContext& s) : server_(&s) {}
  void on_expired(int db, std::string_view key) override;
  void on_modified(int db, std::string_view key) override;
  void on_flush(const store::Database& db) override;
  void on_created(int db, std::string_view key) override;
  void on_miss(int db, std::string_view key) override;
  void on_evicted(int db, std::string_view key) override;
  bool wants_write_candidates() const override;

 private:
  ServerContext* server_;
};

struct ServerContext {
  Config config;
  NetStats net;
  // Strand-only counters.
  uint64_t total_commands_processed = 0;
  uint64_t total_error_replies = 0;
  uint64_t unexpected_error_replies = 0;
  uint64_t auth_failures = 0;
  // Sampled by the server cron (INFO stats instantaneous_*).
  uint64_t instantaneous_ops_per_sec = 0;
  double instantaneous_input_kbps = 0;
  double instantaneous_output_kbps = 0;
  uint64_t peak_memory = 0;
  std::map<uint64_t, ClientHandle*> clients;  // by id, strand-only
  // The AOF when appendonly is on (strand-only); null otherwise.
  CommandLog* command_log = nullptr;
  // The persistence engine (SAVE, BGSAVE, INFO persistence …); null in tests.
  PersistenceControl* persistence = nullptr;
  // True while data files load at start-up (/health answers 503).
  std::atomic<bool> loading{false};
  // SHUTDOWN already flushed the AOF and saved; the exit path must not again.
  bool shutdown_prepared = false;
  // Non-empty while persistence cannot write (disk full, failed BGSAVE with
  // stop-writes-on-bgsave-error): write commands get this -MISCONF error.
  // Strand-only; persistence keeps it current.
  std::string misconf_error;
  BlockingRegistry blocking;       // strand-only
  WatchRegistry watches;           // strand-only
  PubSubRegistry pubsub;           // strand-only
  ServerObserver observer{*this};  // the keyspace's observer
  ClientPause pause;               // strand-only (CLIENT PAUSE)
  // Lua scripts and functions (core/scripting); created on first use or by the
  // server at start-up (functions load with the dataset).
  std::unique_ptr<ScriptingHost> scripting;
  ScriptStatus script;
  std::atomic<uint64_t> next_client_id{1};

  int64_t start_time_ms = 0;
  std::string run_id;
  std::string executable;
  std::string config_file;
  int actual_port = 0;  // the port bound (differs from config with port 0)
  int io_threads = 1;   // effective
  uint64_t lazyfree_pending() const { return lazyfree_pending_fn ? lazyfree_pending_fn() : 0; }

  // Hooks the server installs; no-ops in in-process tests.
  std::function<void()> request_shutdown;  // SHUTDOWN
  // What the server cron runs each tick, in order (each subsystem adds its duty).
  CronDuties cron_duties;
  // Per-option CONFIG SET checks and apply hooks, registered by their subsystem
  // (maxclients beyond what the open-files limit allows is refused by a check).
  ConfigHooks config_hooks;
  // Told of every option CONFIG SET applied, after its hooks (tests observe it).
  std::function<void(std::string_view option)> on_config_set;
  // CONFIG SET: the check hooks of `option` (an error refuses the command), and
  // after committing, its apply hooks and on_config_set.
  std::optional<std::string> check_config_set(const Config& next, std::string_view option) const {
    return config_hooks.check(next, option);
  }
  void config_applied(std::string_view option) {
    config_hooks.apply(option);
    if (on_config_set) on_config_set(option);
  }
  std::function<uint64_t()> lazyfree_pending_fn;

  // Observability (core/command/latency.h, core/command/observe.cpp).
  SlowLog slowlog;                        // strand-only
  LatencyMonitor latency;                 // thread-safe
  LatencyHistogram all_commands_latency;  // strand-only: every command, for the dashboard's p99
  uint64_t instantaneous_p99_ns = 0;      // p99 of the last cron second (INFO stats)
  // latency-monitor-threshold mirrored for threads other than the strand.
  std::atomic<int64_t> latency_monitor_threshold_ms{0};

  // Adds a LATENCY event sample (e.g. "aof-fsync-always") if it reaches
  // latency-monitor-threshold. Safe from any thread.
  void latency_add_sample(std::string_view event, uint64_t ms);
};

}  // namespace ironkv::server
