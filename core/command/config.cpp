#include "core/command/config.h"

#include <algorithm>
#include <limits>
#include <thread>

#include "core/command/latency.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::command {

namespace {

using Err = std::optional<std::string>;

std::string range_msg(int64_t lo, int64_t hi) {
  return "argument must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
         " inclusive";
}

template <class T>
OptionDef int_opt(std::string_view name, std::string_view section, std::string_view key,
                  T Config::*field, int64_t lo, int64_t hi, bool mut = true) {
  return OptionDef{
      name, section, key, mut, false,
      [field](const Config& c) { return std::to_string(c.*field); },
      [field, lo, hi](Config& c, std::string_view v) -> Err {
        int64_t n;
        if (!util::parse_int64(v, n)) return "argument couldn't be parsed into an integer";
        if (n < lo || n > hi) return range_msg(lo, hi);
        c.*field = static_cast<T>(n);
        return std::nullopt;
      }};
}

OptionDef mem_opt(std::string_view name, std::string_view section, std::string_view key,
                  uint64_t Config::*field, uint64_t lo, uint64_t hi) {
  return OptionDef{
      name, section, key, true, false,
      [field](const Config& c) { return std::to_string(c.*field); },
      [field, lo, hi](Config& c, std::string_view v) -> Err {
        auto n = util::parse_memory(v);
        if (!n) return "argument must be a memory value";
        if (*n < lo || *n > hi) {
          return "argument must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                 " inclusive";
        }
        c.*field = *n;
        return std::nullopt;
      }};
}

OptionDef bool_opt(std::string_view name, std::string_view section, std::string_view key,
                   bool Config::*field, bool mut = true) {
  return OptionDef{
      name, section, key, mut, false,
      [field](const Config& c) { return std::string(c.*field ? "yes" : "no"); },
      [field](Config& c, std::string_view v) -> Err {
        if (util::iequals(v, "yes") || util::iequals(v, "true")) c.*field = true;
        else if (util::iequals(v, "no") || util::iequals(v, "false")) c.*field = false;
        else return "argument must be 'yes' or 'no'";
        return std::nullopt;
      }};
}

OptionDef str_opt(std::string_view name, std::string_view section, std::string_view key,
                  std::string Config::*field, bool mut = true, bool secret = false) {
  return OptionDef{name, section, key, mut, secret,
                   [field](const Config& c) { return c.*field; },
                   [field](Config& c, std::string_view v) -> Err {
                     c.*field = std::string(v);
                     return std::nullopt;
                   }};
}

OptionDef enum_opt(std::string_view name, std::string_view section, std::string_view key,
                   std::string Config::*field, std::vector<std::string_view> allowed) {
  return OptionDef{name, section, key, true, false,
                   [field](const Config& c) { return c.*field; },
                   [field, allowed](Config& c, std::string_view v) -> Err {
                     for (auto a : allowed) {
                       if (util::iequals(a, v)) {
                         c.*field = std::string(a);
                         return std::nullopt;
                       }
                     }
                     std::string msg = "argument(s) must be one of the following: ";
                     for (size_t i = 0; i < allowed.size(); ++i) {
                       if (i) msg += ", ";
                       msg += allowed[i];
                     }
                     return msg;
                   }};
}

// latency-tracking-info-percentiles: numbers in [0, 100], kept in Redis's
// normalised spelling ("50 99 99.9") for CONFIG GET.
OptionDef percentiles_opt() {
  return OptionDef{"latency-tracking-info-percentiles", "limits",
                   "latency_tracking_info_percentiles", true, false,
                   [](const Config& c) { return c.latency_tracking_info_percentiles; },
                   [](Config& c, std::string_view v) -> Err {
                     PercentileList list = parse_percentiles(v);
                     if (!list.ok) return "Invalid latency-tracking-info-percentiles parameters";
                     if (!list.in_range) {
                       return "latency-tracking-info-percentiles parameters should sit between "
                              "[0.0,100.0]";
                     }
                     std::string norm;
                     for (double p : list.values) {
                       if (!norm.empty()) norm += ' ';
                       norm += format_percentile(p);
                     }
                     c.latency_tracking_info_percentiles = std::move(norm);
                     return std::nullopt;
                   }};
}

std::vector<OptionDef> build_options() {
  constexpr int64_t kMaxInt = std::numeric_limits<int>::max();
  constexpr int64_t kMaxLL = std::numeric_limits<int64_t>::max();
  std::vector<OptionDef> o;
  // [server]
  o.push_back(str_opt("bind", "server", "bind", &Config::bind, false));
  o.push_back(int_opt("port", "server", "port", &Config::port, 0, 65535, false));
  o.push_back(int_opt("io-threads", "server", "io_threads", &Config::io_threads, 0, 128, false));
  o.push_back(int_opt("databases", "server", "databases", &Config::databases, 1, kMaxInt, false));
  o.push_back(int_opt("hz", "server", "hz", &Config::hz, 1, 500));
  o.push_back(int_opt("maxclients", "server", "maxclients", &Config::maxclients, 1, 1000000));
  o.push_back(int_opt("timeout", "server", "timeout", &Config::timeout, 0, kMaxInt));
  o.push_back(int_opt("tcp-keepalive", "server", "tcp_keepalive", &Config::tcp_keepalive, 0, kMaxInt));
  o.push_back(bool_opt("protected-mode", "server", "protected_mode", &Config::protected_mode));
  o.push_back(str_opt("requirepass", "server", "requirepass", &Config::requirepass, true, true));
  o.push_back(mem_opt("proto-max-bulk-len", "server", "proto_max_bulk_len",
                      &Config::proto_max_bulk_len, 1024 * 1024, static_cast<uint64_t>(kMaxLL)));
  o.push_back(mem_opt("client-query-buffer-limit", "server", "client_query_buffer_limit",
                      &Config::client_query_buffer_limit, 1024 * 1024, static_cast<uint64_t>(kMaxLL)));
  o.push_back(enum_opt("loglevel", "server", "loglevel", &Config::loglevel,
                       {"debug", "verbose", "notice", "warning"}));
  o.push_back(str_opt("logfile", "server", "logfile", &Config::logfile, false));
  o.push_back(str_opt("pidfile", "server", "pidfile", &Config::pidfile, false));
  // [persistence]
  o.push_back(str_opt("dir", "persistence", "dir", &Config::dir, false));
  o.push_back(str_opt("dbfilename", "persistence", "dbfilename", &Config::dbfilename, false));
  o.push_back(str_opt("appendfilename", "persistence", "appendfilename", &Config::appendfilename, false));
  o.push_back(bool_opt("appendonly", "persistence", "appendonly", &Config::appendonly, false));
  o.push_back(enum_opt("appendfsync", "persistence", "appendfsync", &Config::appendfsync,
                       {"always", "everysec", "no"}));
  o.push_back(str_opt("save", "persistence", "save", &Config::save, false));
  // [http]
  o.push_back(bool_opt("http-enabled", "http", "enabled", &Config::http_enabled, false));
  o.push_back(str_opt("http-bind", "http", "bind", &Config::http_bind, false));
  o.push_back(int_opt("http-port", "http", "port", &Config::http_port, 0, 65535, false));
  o.push_back(str_opt("http-token", "http", "token", &Config::http_token, false, true));
  o.push_back(int_opt("http-read-timeout-ms", "http", "read_timeout_ms",
                      &Config::http_read_timeout_ms, 1, kMaxInt, false));
  // [encoding]
  o.push_back(int_opt("list-max-listpack-size", "encoding", "list_max_listpack_size",
                      &Config::list_max_listpack_size, -5, kMaxInt));
  o.push_back(int_opt("list-compress-depth", "encoding", "list_compress_depth",
                      &Config::list_compress_depth, 0, kMaxInt));
  o.push_back(int_opt("hash-max-listpack-entries", "encoding", "hash_max_listpack_entries",
                      &Config::hash_max_listpack_entries, 0, kMaxLL));
  o.push_back(int_opt("hash-max-listpack-value", "encoding", "hash_max_listpack_value",
                      &Config::hash_max_listpack_value, 0, kMaxLL));
  o.push_back(int_opt("set-max-intset-entries", "encoding", "set_max_intset_entries",
                      &Config::set_max_intset_entries, 0, kMaxLL));
  o.push_back(int_opt("set-max-listpack-entries", "encoding", "set_max_listpack_entries",
                      &Config::set_max_listpack_entries, 0, kMaxLL));
  o.push_back(int_opt("set-max-listpack-value", "encoding", "set_max_listpack_value",
                      &Config::set_max_listpack_value, 0, kMaxLL));
  o.push_back(int_opt("zset-max-listpack-entries", "encoding", "zset_max_listpack_entries",
                      &Config::zset_max_listpack_entries, 0, kMaxLL));
  o.push_back(int_opt("zset-max-listpack-value", "encoding", "zset_max_listpack_value",
                      &Config::zset_max_listpack_value, 0, kMaxLL));
  // Redis 7 still accepts the pre-7.0 ziplist names as aliases.
  for (auto [alias, target] : {std::pair{"list-max-ziplist-size", "list-max-listpack-size"},
                               {"hash-max-ziplist-entries", "hash-max-listpack-entries"},
                               {"hash-max-ziplist-value", "hash-max-listpack-value"},
                               {"zset-max-ziplist-entries", "zset-max-listpack-entries"},
                               {"zset-max-ziplist-value", "zset-max-listpack-value"}}) {
    for (const auto& opt : o) {
      if (opt.name == target) {
        OptionDef copy = opt;
        copy.name = alias;
        copy.alias = true;
        o.push_back(std::move(copy));
        break;
      }
    }
  }
  // [limits]
  o.push_back(int_opt("slowlog-log-slower-than", "limits", "slowlog_log_slower_than",
                      &Config::slowlog_log_slower_than, -1, kMaxLL));
  o.push_back(int_opt("slowlog-max-len", "limits", "slowlog_max_len", &Config::slowlog_max_len, 0,
                      kMaxLL));
  o.push_back(int_opt("latency-monitor-threshold", "limits", "latency_monitor_threshold",
                      &Config::latency_monitor_threshold, 0, kMaxLL));
  o.push_back(bool_opt("latency-tracking", "limits", "latency_tracking", &Config::latency_tracking));
  o.push_back(percentiles_opt());
  return o;
}

std::string normalize(std::string_view name) {
  std::string s = util::to_lower(name);
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

}  // namespace

const std::vector<OptionDef>& config_options() {
  static const std::vector<OptionDef> options = build_options();
  return options;
}

const OptionDef* find_option(std::string_view name) {
  std::string want = normalize(name);
  for (const auto& o : config_options()) {
    if (o.name == want) return &o;
    if (o.alias) continue;
    std::string dotted = normalize(std::string(o.section) + "." + std::string(o.key));
    if (dotted == want) return &o;
  }
  return nullptr;
}

std::optional<std::string> set_option(Config& c, const OptionDef& opt, std::string_view value) {
  return opt.set(c, value);
}

std::optional<std::string> validate_config(const Config& c) {
  if (c.appendonly) {
    return "appendonly yes: AOF persistence is not available in this build yet (persistence issue)";
  }
  if (!c.save.empty()) {
    return "save \"" + c.save +
           "\": snapshots are not available in this build yet (persistence issue); use save = \"\"";
  }
  if (c.bind.empty()) return "bind: at least one address is required";
  return std::nullopt;
}

}  // namespace ironkv::command
