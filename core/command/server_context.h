#pragma once
// Server-wide state the commands see (INFO, CONFIG, CLIENT, SHUTDOWN). It is
// owned by the server (app/) and lives on the keyspace strand, except the
// atomics, which io threads update.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/command/blocking.h"
#include "core/command/client.h"
#include "core/command/config.h"
#include "core/command/pause.h"
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
  ClientPause pause;                           // strand-only (CLIENT PAUSE)
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
  // Before CONFIG SET commits: an error refuses the whole command (maxclients
  // beyond what the open-files limit allows).
  std::function<std::optional<std::string>(const Config& next, std::string_view option)>
      check_config_set;
  std::function<uint64_t()> lazyfree_pending_fn;
};

}  // namespace ironkv::command
