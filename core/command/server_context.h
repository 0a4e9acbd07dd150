#pragma once
// Server-wide state the commands see (INFO, CONFIG, CLIENT, SHUTDOWN). It is
// owned by the server (app/) and lives on the keyspace strand, except the
// atomics, which io threads update.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/command/blocking.h"
#include "core/command/client.h"
#include "core/command/config.h"
#include "core/command/latency.h"
#include "core/command/watch.h"

namespace ironkv::command {

struct NetStats {
  std::atomic<uint64_t> total_connections_received{0};
  std::atomic<uint64_t> rejected_connections{0};
  std::atomic<uint64_t> total_net_input_bytes{0};
  std::atomic<uint64_t> total_net_output_bytes{0};
  std::atomic<uint64_t> connected_clients{0};
  std::atomic<uint64_t> client_query_buffer_limit_disconnections{0};
  std::atomic<uint64_t> protocol_errors{0};
  std::atomic<uint64_t> total_reads_processed{0};
  // Batches sent to the keyspace strand: one per read that held commands,
  // however many commands it held (pipelining costs one hop, not one per command).
  std::atomic<uint64_t> keyspace_hops{0};
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
  std::map<uint64_t, ClientHandle*> clients;   // by id, strand-only
  BlockingRegistry blocking;                   // strand-only
  WatchRegistry watches;                       // strand-only
  std::atomic<uint64_t> next_client_id{1};

  int64_t start_time_ms = 0;
  std::string run_id;
  std::string executable;
  std::string config_file;
  int actual_port = 0;          // the port bound (differs from config with port 0)
  int io_threads = 1;           // effective
  uint64_t lazyfree_pending() const { return lazyfree_pending_fn ? lazyfree_pending_fn() : 0; }

  // Hooks the server installs; no-ops in in-process tests.
  std::function<void()> request_shutdown;                 // SHUTDOWN
  std::function<void(std::string_view option)> on_config_set;  // apply runtime changes
  std::function<uint64_t()> lazyfree_pending_fn;

  // Observability (core/command/latency.h, core/command/observe.cpp).
  SlowLog slowlog;                        // strand-only
  LatencyMonitor latency;                 // thread-safe
  LatencyHistogram all_commands_latency;  // strand-only: every command, for the dashboard's p99
  uint64_t instantaneous_p99_ns = 0;      // p99 of the last cron second (INFO stats)
  // latency-monitor-threshold mirrored for threads other than the strand.
  std::atomic<int64_t> latency_monitor_threshold_ms{0};
  // True while data is loaded at start-up (set by persistence; /health says 503).
  std::atomic<bool> loading{false};

  // Adds a LATENCY event sample (e.g. "aof-fsync-always") if it reaches
  // latency-monitor-threshold. Safe from any thread.
  void latency_add_sample(std::string_view event, uint64_t ms);
};

}  // namespace ironkv::command
