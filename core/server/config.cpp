#include "core/server/config.h"

#include <algorithm>
#include <limits>
#include <thread>
#include <type_traits>

#include "core/server/keyspace_events.h"
#include "core/server/latency.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::server {

namespace {

using Err = std::optional<std::string>;

std::string range_msg(int64_t lo, int64_t hi) {
  return "argument must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
         " inclusive";
}

// An option over one Config field: CONFIG GET shows the field (yes/no for a
// bool, the number, the string as it is); `parse(text, field)` sets it or
// returns the error.
template <class T, class Parse>
OptionDef field_opt(std::string_view name, std::string_view section, std::string_view key,
                    T Config::*field, bool mut, bool secret, Parse parse) {
  return OptionDef{
      name,
      section,
      key,
      mut,
      secret,
      [field](const Config& c) {
        if constexpr (std::is_same_v<T, bool>) {
          return std::string(c.*field ? "yes" : "no");
        } else if constexpr (std::is_same_v<T, std::string>) {
          return c.*field;
        } else {
          return std::to_string(c.*field);
        }
      },
      [field, parse](Config& c, std::string_view v) -> Err { return parse(v, c.*field); }};
}

template <class T>
OptionDef int_opt(std::string_view name, std::string_view section, std::string_view key,
                  T Config::*field, int64_t lo, int64_t hi, bool mut = true) {
  return field_opt(name, section, key, field, mut, false,
                   [lo, hi](std::string_view v, T& out) -> Err {
                     int64_t n;
                     if (!util::parse_int64(v, n))
                       return "argument couldn't be parsed into an integer";
                     if (n < lo || n > hi) return range_msg(lo, hi);
                     out = static_cast<T>(n);
                     return std::nullopt;
                   });
}

OptionDef mem_opt(std::string_view name, std::string_view section, std::string_view key,
                  uint64_t Config::*field, uint64_t lo, uint64_t hi) {
  return field_opt(name, section, key, field, true, false,
                   [lo, hi](std::string_view v, uint64_t& out) -> Err {
                     auto n = util::parse_memory(v);
                     if (!n) return "argument must be a memory value";
                     if (*n < lo || *n > hi) {
                       return "argument must be between " + std::to_string(lo) + " and " +
                              std::to_string(hi) + " inclusive";
                     }
                     out = *n;
                     return std::nullopt;
                   });
}

OptionDef bool_opt(std::string_view name, std::string_view section, std::string_view key,
                   bool Config::*field, bool mut = true) {
  return field_opt(name, section, key, field, mut, false, [](std::string_view v, bool& out) -> Err {
    if (util::iequals(v, "yes") || util::iequals(v, "true"))
      out = true;
    else if (util::iequals(v, "no") || util::iequals(v, "false"))
      out = false;
    else
      return "argument must be 'yes' or 'no'";
    return std::nullopt;
  });
}

OptionDef str_opt(std::string_view name, std::string_view section, std::string_view key,
                  std::string Config::*field, bool mut = true, bool secret = false) {
  return field_opt(name, section, key, field, mut, secret,
                   [](std::string_view v, std::string& out) -> Err {
                     out = std::string(v);
                     return std::nullopt;
                   });
}

OptionDef enum_opt(std::string_view name, std::string_view section, std::string_view key,
                   std::string Config::*field, std::vector<std::string_view> allowed) {
  return field_opt(name, section, key, field, true, false,
                   [allowed](std::string_view v, std::string& out) -> Err {
                     for (auto a : allowed) {
                       if (util::iequals(a, v)) {
                         out = std::string(a);
                         return std::nullopt;
                       }
                     }
                     std::string msg = "argument(s) must be one of the following: ";
                     for (size_t i = 0; i < allowed.size(); ++i) {
                       if (i) msg += ", ";
                       msg += allowed[i];
                     }
                     return msg;
                   });
}

// A file name inside `dir`: no path separators (Redis: "dbfilename can't be a path, just a
// filename").
OptionDef file_name_opt(std::string_view name, std::string_view key, std::string Config::*field) {
  return field_opt(name, "persistence", key, field, false, false,
                   [](std::string_view v, std::string& out) -> Err {
                     if (v.empty() || v.find('/') != std::string_view::npos ||
                         v.find(' ') != std::string_view::npos || v == "." || v == "..") {
                       return std::string("can't be a path, just a filename");
                     }
                     out = std::string(v);
                     return std::nullopt;
                   });
}

std::vector<std::string_view> split_whitespace(std::string_view v) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r')) ++i;
    size_t start = i;
    while (i < v.size() && !(v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r')) ++i;
    if (i > start) words.push_back(v.substr(start, i - start));
  }
  return words;
}

// notify-keyspace-events: Redis's letters in, its normalised string out.
OptionDef notify_events_opt() {
  return OptionDef{
      "notify-keyspace-events",
      "server",
      "notify_keyspace_events",
      true,
      false,
      [](const Config& c) { return events::flags_to_string(c.notify_keyspace_events); },
      [](Config& c, std::string_view v) -> Err {
        auto flags = events::parse_flags(v);
        if (!flags) return "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
        c.notify_keyspace_events = *flags;
        return std::nullopt;
      }};
}

// client-output-buffer-limit "<class> <hard> <soft> <seconds> ...": classes
// given are replaced, the others kept (so "pubsub 1mb 512kb 10" is a partial
// update, as in Redis). All-or-nothing: one bad group changes nothing.
OptionDef output_buffer_limit_opt() {
  return OptionDef{
      "client-output-buffer-limit",
      "limits",
      "client_output_buffer_limit",
      true,
      false,
      [](const Config& c) {
        static constexpr std::string_view kNames[] = {"normal", "slave", "pubsub"};
        std::string out;
        for (size_t i = 0; i < c.client_output_buffer_limit.size(); ++i) {
          const auto& l = c.client_output_buffer_limit[i];
          if (i) out += ' ';
          out.append(kNames[i]);
          out += ' ' + std::to_string(l.hard) + ' ' + std::to_string(l.soft) + ' ' +
                 std::to_string(l.soft_seconds);
        }
        return out;
      },
      [](Config& c, std::string_view v) -> Err {
        if (v.empty()) return std::nullopt;  // Redis accepts "" and changes nothing
        auto words = split_whitespace(v);
        if (words.empty() || words.size() % 4 != 0) {
          return "Wrong number of arguments in buffer limit configuration.";
        }
        auto limits = c.client_output_buffer_limit;
        for (size_t i = 0; i < words.size(); i += 4) {
          int cls;
          if (util::iequals(words[i], "normal"))
            cls = kClassNormal;
          else if (util::iequals(words[i], "slave") || util::iequals(words[i], "replica"))
            cls = kClassReplica;
          else if (util::iequals(words[i], "pubsub"))
            cls = kClassPubsub;
          else
            return "Invalid client class specified in buffer limit configuration.";
          auto hard = util::parse_memory(words[i + 1]);
          auto soft = util::parse_memory(words[i + 2]);
          int64_t secs;
          if (!hard || !soft || !util::parse_int64(words[i + 3], secs) || secs < 0) {
            return "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
          }
          // Redis keeps the seconds in an int: larger values wrap like its cast.
          limits[static_cast<size_t>(cls)] = {*hard, *soft,
                                              static_cast<int32_t>(static_cast<uint32_t>(secs))};
        }
        c.client_output_buffer_limit = limits;
        return std::nullopt;
      }};
}

// latency-tracking-info-percentiles: numbers in [0, 100], kept in Redis's
// normalised spelling ("50 99 99.9") for CONFIG GET.
OptionDef percentiles_opt() {
  return OptionDef{"latency-tracking-info-percentiles",
                   "limits",
                   "latency_tracking_info_percentiles",
                   true,
                   false,
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
  o.push_back(
      int_opt("tcp-keepalive", "server", "tcp_keepalive", &Config::tcp_keepalive, 0, kMaxInt));
  o.push_back(bool_opt("protected-mode", "server", "protected_mode", &Config::protected_mode));
  o.push_back(str_opt("requirepass", "server", "requirepass", &Config::requirepass, true, true));
  o.push_back(mem_opt("proto-max-bulk-len", "server", "proto_max_bulk_len",
                      &Config::proto_max_bulk_len, 1024 * 1024, static_cast<uint64_t>(kMaxLL)));
  o.push_back(mem_opt("client-query-buffer-limit", "server", "client_query_buffer_limit",
                      &Config::client_query_buffer_limit, 1024 * 1024,
                      static_cast<uint64_t>(kMaxLL)));
  o.push_back(enum_opt("loglevel", "server", "loglevel", &Config::loglevel,
                       {"debug", "verbose", "notice", "warning"}));
  o.push_back(str_opt("logfile", "server", "logfile", &Config::logfile, false));
  o.push_back(str_opt("pidfile", "server", "pidfile", &Config::pidfile, false));
  o.push_back(notify_events_opt());
  // [persistence]
  o.push_back(str_opt("dir", "persistence", "dir", &Config::dir, false));
  o.push_back(file_name_opt("dbfilename", "dbfilename", &Config::dbfilename));
  o.push_back(file_name_opt("appendfilename", "appendfilename", &Config::appendfilename));
  o.push_back(file_name_opt("appenddirname", "appenddirname", &Config::appenddirname));
  o.push_back(bool_opt("appendonly", "persistence", "appendonly", &Config::appendonly));
  o.push_back(enum_opt("appendfsync", "persistence", "appendfsync", &Config::appendfsync,
                       {"always", "everysec", "no"}));
  o.push_back(OptionDef{"save", "persistence", "save", true, false,
                        [](const Config& c) { return c.save; },
                        [](Config& c, std::string_view v) -> Err {
                          if (!parse_save_points(v)) return "Invalid save parameters";
                          c.save = std::string(v);
                          return std::nullopt;
                        }});
  o.push_back(
      bool_opt("save-on-shutdown", "persistence", "save_on_shutdown", &Config::save_on_shutdown));
  o.push_back(bool_opt("aof-load-truncated", "persistence", "aof_load_truncated",
                       &Config::aof_load_truncated));
  o.push_back(bool_opt("aof-use-rdb-preamble", "persistence", "aof_use_rdb_preamble",
                       &Config::aof_use_rdb_preamble));
  o.push_back(int_opt("auto-aof-rewrite-percentage", "persistence", "auto_aof_rewrite_percentage",
                      &Config::auto_aof_rewrite_percentage, 0, kMaxInt));
  o.push_back(mem_opt("auto-aof-rewrite-min-size", "persistence", "auto_aof_rewrite_min_size",
                      &Config::auto_aof_rewrite_min_size, 0, static_cast<uint64_t>(kMaxLL)));
  o.push_back(bool_opt("rdbcompression", "persistence", "rdbcompression", &Config::rdbcompression));
  o.push_back(bool_opt("rdbchecksum", "persistence", "rdbchecksum", &Config::rdbchecksum, false));
  o.push_back(bool_opt("stop-writes-on-bgsave-error", "persistence", "stop_writes_on_bgsave_error",
                       &Config::stop_writes_on_bgsave_error));
  // [http]
  o.push_back(bool_opt("http-enabled", "http", "enabled", &Config::http_enabled, false));
  o.push_back(str_opt("http-bind", "http", "bind", &Config::http_bind, false));
  o.push_back(int_opt("http-port", "http", "port", &Config::http_port, 0, 65535, false));
  o.push_back(str_opt("http-token", "http", "token", &Config::http_token, false, true));
  o.push_back(int_opt("http-read-timeout-ms", "http", "read_timeout_ms",
                      &Config::http_read_timeout_ms, 1, kMaxInt, false));
  // [encoding]
  struct EncodingOpt {
    std::string_view name, key;
    int64_t Config::*field;
    int64_t lo;
  };
  for (const auto& e : {
           EncodingOpt{"list-max-listpack-size", "list_max_listpack_size",
                       &Config::list_max_listpack_size, -5},
           EncodingOpt{"list-compress-depth", "list_compress_depth", &Config::list_compress_depth,
                       0},
       }) {
    o.push_back(int_opt(e.name, "encoding", e.key, e.field, e.lo, kMaxInt));
  }
  for (const auto& e : {
           EncodingOpt{"hash-max-listpack-entries", "hash_max_listpack_entries",
                       &Config::hash_max_listpack_entries, 0},
           EncodingOpt{"hash-max-listpack-value", "hash_max_listpack_value",
                       &Config::hash_max_listpack_value, 0},
           EncodingOpt{"set-max-intset-entries", "set_max_intset_entries",
                       &Config::set_max_intset_entries, 0},
           EncodingOpt{"set-max-listpack-entries", "set_max_listpack_entries",
                       &Config::set_max_listpack_entries, 0},
           EncodingOpt{"set-max-listpack-value", "set_max_listpack_value",
                       &Config::set_max_listpack_value, 0},
           EncodingOpt{"zset-max-listpack-entries", "zset_max_listpack_entries",
                       &Config::zset_max_listpack_entries, 0},
           EncodingOpt{"zset-max-listpack-value", "zset_max_listpack_value",
                       &Config::zset_max_listpack_value, 0},
       }) {
    o.push_back(int_opt(e.name, "encoding", e.key, e.field, e.lo, kMaxLL));
  }
  o.push_back(mem_opt("stream-node-max-bytes", "encoding", "stream_node_max_bytes",
                      &Config::stream_node_max_bytes, 0, kMaxLL));
  o.push_back(int_opt("stream-node-max-entries", "encoding", "stream_node_max_entries",
                      &Config::stream_node_max_entries, 0, kMaxLL));
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
  o.push_back(
      int_opt("slowlog-max-len", "limits", "slowlog_max_len", &Config::slowlog_max_len, 0, kMaxLL));
  o.push_back(int_opt("latency-monitor-threshold", "limits", "latency_monitor_threshold",
                      &Config::latency_monitor_threshold, 0, kMaxLL));
  o.push_back(
      bool_opt("latency-tracking", "limits", "latency_tracking", &Config::latency_tracking));
  o.push_back(percentiles_opt());
  // [scripting]
  o.push_back(int_opt("busy-reply-threshold", "scripting", "busy_reply_threshold",
                      &Config::busy_reply_threshold, 0, kMaxLL));
  {
    OptionDef alias = o.back();
    alias.name = "lua-time-limit";
    alias.alias = true;
    o.push_back(std::move(alias));
  }
  o.push_back(output_buffer_limit_opt());
  // [testing] (see Config::test_treat_as_nonlocal)
  o.push_back(str_opt("test-treat-as-nonlocal", "testing", "treat_as_nonlocal",
                      &Config::test_treat_as_nonlocal, false));
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

std::optional<std::vector<SavePoint>> parse_save_points(std::string_view text) {
  std::vector<SavePoint> out;
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j;
  }
  if (words.size() % 2 != 0) return std::nullopt;
  for (size_t k = 0; k < words.size(); k += 2) {
    int64_t secs, changes;
    if (!util::parse_int64(words[k], secs) || !util::parse_int64(words[k + 1], changes) ||
        secs < 1 || changes < 0) {
      return std::nullopt;
    }
    out.push_back(SavePoint{secs, changes});
  }
  return out;
}

std::optional<std::string> validate_config(const Config& c) {
  if (c.bind.empty()) return "bind: at least one address is required";
  return std::nullopt;
}

}  // namespace ironkv::server
