#pragma once
// Typed configuration and the one option table that the TOML file, the
// command line (--name value) and CONFIG GET/SET all go through, so a value is
// validated the same way whichever way it arrives.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ironkv::server {

// client-output-buffer-limit for one client class: 0 = no limit.
struct OutputBufferLimit {
  uint64_t hard = 0;
  uint64_t soft = 0;
  int64_t soft_seconds = 0;
};
// Redis's class order (CONFIG GET prints them so): normal, slave/replica, pubsub.
enum ClientClass : int { kClassNormal = 0, kClassReplica = 1, kClassPubsub = 2 };

struct Config {
  // [server]
  std::string bind = "127.0.0.1";
  int port = 6379;
  int io_threads = 0;  // 0 = number of cores
  int databases = 16;
  int hz = 10;
  uint64_t maxclients = 10000;
  int64_t timeout = 0;  // idle seconds before a client is closed; 0 = never
  int64_t tcp_keepalive = 300;
  bool protected_mode = true;
  std::string requirepass;
  uint64_t proto_max_bulk_len = 512ull * 1024 * 1024;
  uint64_t client_query_buffer_limit = 1024ull * 1024 * 1024;
  std::string loglevel = "notice";
  std::string logfile;  // empty = stdout
  std::string pidfile;
  uint32_t notify_keyspace_events = 0;  // events:: flags (keyspace_events.h)
  // [persistence]
  std::string dir = ".";
  std::string dbfilename = "dump.rdb";
  std::string appendfilename = "appendonly.aof";
  std::string appenddirname = "appendonlydir";
  bool appendonly = false;
  std::string appendfsync = "everysec";
  // Save points "seconds changes ..." (Redis's syntax; TOML [[3600, 1], …]);
  // "" = no automatic snapshots.
  std::string save;
  bool save_on_shutdown = false;  // also save at shutdown without save points
  bool aof_load_truncated = true;
  bool aof_use_rdb_preamble = true;
  int64_t auto_aof_rewrite_percentage = 100;
  uint64_t auto_aof_rewrite_min_size = 64ull * 1024 * 1024;
  bool rdbcompression = true;
  bool rdbchecksum = true;
  bool stop_writes_on_bgsave_error = true;
  // [http] (admin endpoint arrives with the HTTP issue)
  bool http_enabled = true;
  std::string http_bind = "127.0.0.1";
  int http_port = 9121;
  std::string http_token;
  int64_t http_read_timeout_ms = 10000;  // a request must arrive whole within this
  // [encoding] thresholds for compact encodings (Redis's names and defaults)
  int64_t list_max_listpack_size = -2;  // > 0 entries per node, -1..-5 = 4..64 KB
  int64_t list_compress_depth = 0;
  int64_t hash_max_listpack_entries = 128;
  int64_t hash_max_listpack_value = 64;
  int64_t set_max_intset_entries = 512;
  int64_t set_max_listpack_entries = 128;
  int64_t set_max_listpack_value = 64;
  int64_t zset_max_listpack_entries = 128;
  int64_t zset_max_listpack_value = 64;
  uint64_t stream_node_max_bytes = 4096;  // 0 = no limit (a node still stays under 1 GiB)
  int64_t stream_node_max_entries = 100;  // 0 = no limit
  // [limits]
  int64_t slowlog_log_slower_than = 10000;
  int64_t slowlog_max_len = 128;
  std::array<OutputBufferLimit, 3> client_output_buffer_limit{
      {{0, 0, 0}, {256ull << 20, 64ull << 20, 60}, {32ull << 20, 8ull << 20, 60}}};
  // [testing] TEST ONLY: space-separated peer addresses that protected mode
  // treats as non-local, so the DENIED path can be exercised end to end from a
  // second loopback address (127.0.0.2). Never set it in production.
  std::string test_treat_as_nonlocal;
  // [security] rename_commands = { OLD = "NEW" } and --rename-command OLD NEW:
  // applied in order at start-up ("" disables the command); see rename.h.
  std::vector<std::pair<std::string, std::string>> rename_commands;
  int64_t latency_monitor_threshold = 0;  // ms; 0 = the LATENCY monitor is off
  // [scripting] busy-reply-threshold (alias lua-time-limit): past it a running
  // script lets other clients get -BUSY and accepts SCRIPT/FUNCTION KILL.
  int64_t busy_reply_threshold = 5000;    // ms; 0 = never busy
  bool latency_tracking = true;           // INFO latencystats
  std::string latency_tracking_info_percentiles = "50 99 99.9";
};

struct OptionDef {
  std::string_view name;     // Redis name: CLI flag, CONFIG GET/SET
  std::string_view section;  // TOML table
  std::string_view key;      // TOML key
  bool mutable_at_runtime;
  bool secret;  // redacted in logs and /config
  std::function<std::string(const Config&)> get;
  // Returns an error message (Redis's wording after "argument ... - ") on failure.
  std::function<std::optional<std::string>(Config&, std::string_view)> set;
  bool alias = false;  // an old name (e.g. *-ziplist-*): CLI/CONFIG only, not TOML
};

// One save point: snapshot after `seconds` if at least `changes` writes happened.
struct SavePoint {
  int64_t seconds;
  int64_t changes;
};
// Redis's "3600 1 300 100" syntax; nullopt when malformed.
std::optional<std::vector<SavePoint>> parse_save_points(std::string_view text);

const std::vector<OptionDef>& config_options();
// By Redis name, case-insensitive; also accepts the TOML "section.key" spelling
// and underscores for dashes.
const OptionDef* find_option(std::string_view name);

// Validates and applies one value. Returns an error message on failure.
std::optional<std::string> set_option(Config& c, const OptionDef& opt, std::string_view value);

// Start-up checks across options (e.g. features this build does not provide).
std::optional<std::string> validate_config(const Config& c);

}  // namespace ironkv::server
