#include "http/metrics.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string_view>

namespace ironkv::http {

namespace {

constexpr std::array<int64_t, 16> kBounds{10'000,      25'000,      50'000,      100'000,
                                          250'000,     500'000,     1'000'000,   2'500'000,
                                          5'000'000,   10'000'000,  25'000'000,  50'000'000,
                                          100'000'000, 250'000'000, 500'000'000, 1'000'000'000};

// A metric family: HELP and TYPE once, then its samples together, as the
// exposition format requires.
class Family {
 public:
  Family(std::string& out, std::string_view name, std::string_view type, std::string_view help)
      : out_(&out), name_(name) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
  }
  void sample(std::string_view value, std::string_view labels = {}, std::string_view suffix = {}) {
    out_->append(name_);
    out_->append(suffix);
    if (!labels.empty()) {
      *out_ += '{';
      out_->append(labels);
      *out_ += '}';
    }
    *out_ += ' ';
    out_->append(value);
    *out_ += '\n';
  }

 private:
  std::string* out_;
  std::string_view name_;
};

std::string label(std::string_view name, std::string_view value) {
  std::string s(name);
  s += "=\"";
  for (char c : value) {
    if (c == '\\')
      s += "\\\\";
    else if (c == '"')
      s += "\\\"";
    else if (c == '\n')
      s += "\\n";
    else
      s += c;
  }
  s += '"';
  return s;
}

std::string fmt_double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// A numeric INFO value as a sample value; "ok"/"err" statuses as 1/0.
bool sample_value(std::string_view v, std::string& out) {
  if (v == "ok") {
    out = "1";
    return true;
  }
  if (v == "err") {
    out = "0";
    return true;
  }
  if (!is_json_number(v)) return false;
  out = std::string(v);
  return true;
}

struct Simple {
  std::string_view section, field, metric, type, help;
};

// redis_exporter's names for INFO fields.
constexpr Simple kSimple[] = {
    {"server", "uptime_in_seconds", "redis_uptime_in_seconds", "gauge",
     "Seconds since the server started."},
    {"clients", "connected_clients", "redis_connected_clients", "gauge", "Connected clients."},
    {"clients", "blocked_clients", "redis_blocked_clients", "gauge",
     "Clients blocked in BLPOP and the like."},
    {"clients", "maxclients", "redis_config_maxclients", "gauge", "The maxclients setting."},
    {"memory", "used_memory", "redis_memory_used_bytes", "gauge", "Bytes allocated by the server."},
    {"memory", "used_memory_rss", "redis_memory_used_rss_bytes", "gauge",
     "Resident set size in bytes."},
    {"memory", "used_memory_peak", "redis_memory_used_peak_bytes", "gauge",
     "Peak of used_memory in bytes."},
    {"memory", "maxmemory", "redis_memory_max_bytes", "gauge", "The maxmemory setting in bytes."},
    {"stats", "total_commands_processed", "redis_commands_processed_total", "counter",
     "Commands processed."},
    {"stats", "total_connections_received", "redis_connections_received_total", "counter",
     "Connections accepted."},
    {"stats", "rejected_connections", "redis_rejected_connections_total", "counter",
     "Connections rejected (maxclients)."},
    {"stats", "total_net_input_bytes", "redis_net_input_bytes_total", "counter",
     "Bytes read from clients."},
    {"stats", "total_net_output_bytes", "redis_net_output_bytes_total", "counter",
     "Bytes written to clients."},
    {"stats", "instantaneous_ops_per_sec", "redis_instantaneous_operations_per_second", "gauge",
     "Commands per second over the last second."},
    {"stats", "keyspace_hits", "redis_keyspace_hits_total", "counter", "Successful key lookups."},
    {"stats", "keyspace_misses", "redis_keyspace_misses_total", "counter", "Failed key lookups."},
    {"stats", "expired_keys", "redis_expired_keys_total", "counter",
     "Keys deleted because they expired."},
    {"stats", "evicted_keys", "redis_evicted_keys_total", "counter", "Keys evicted for maxmemory."},
    {"stats", "total_error_replies", "redis_errors_total", "counter", "Error replies sent."},
    {"cpu", "used_cpu_sys", "redis_cpu_sys_seconds_total", "counter", "System CPU seconds used."},
    {"cpu", "used_cpu_user", "redis_cpu_user_seconds_total", "counter", "User CPU seconds used."},
    {"persistence", "loading", "redis_loading_dump_file", "gauge",
     "1 while data is loaded at start-up."},
    {"persistence", "rdb_last_save_time", "redis_rdb_last_save_timestamp_seconds", "gauge",
     "Unix time of the last successful save."},
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// INFO's persistence names in Prometheus's conventions (base units spelled
// out, so promtool's linter accepts them): *_time_sec → *_duration_seconds,
// *_size → *_size_bytes, *_perc → *_percent, *_age → *_age_seconds,
// *_time (a unix time) → *_timestamp_seconds.
std::string persistence_metric_name(std::string_view field) {
  std::string m;
  for (char c : field) m += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  auto replace_suffix = [&m](std::string_view from, std::string_view to) {
    if (!ends_with(m, from)) return false;
    m.resize(m.size() - from.size());
    m += to;
    return true;
  };
  replace_suffix("_time_sec", "_duration_seconds") || replace_suffix("_sec", "_seconds") ||
      replace_suffix("_size", "_size_bytes") || replace_suffix("_perc", "_percent") ||
      replace_suffix("_age", "_age_seconds") || replace_suffix("_peak", "_peak_bytes") ||
      replace_suffix("_time", "_timestamp_seconds");
  // Only counters may end in _total: current_save_keys_total → current_save_total_keys.
  if (ends_with(m, "_total")) {
    m.resize(m.size() - 6);
    size_t last = m.rfind('_');
    m.insert(last == std::string::npos ? 0 : last + 1, "total_");
  }
  return m;
}

// Every other numeric persistence field, as a gauge named after it.
void persistence_gauges(std::string& out, const Info& info, std::set<std::string>& done) {
  const InfoSection* s = find_section(info, "persistence");
  if (s == nullptr) return;
  for (const auto& [k, v] : s->fields) {
    std::string value;
    if (!sample_value(v, value)) continue;
    std::string metric = "redis_" + persistence_metric_name(k);
    if (done.count(metric) || done.count(std::string("persistence.") + k)) continue;
    done.insert(metric);
    Family f(out, metric, "gauge",
             "INFO persistence " + k + (v == "ok" || v == "err" ? " (ok = 1)." : "."));
    f.sample(value);
  }
}

}  // namespace

std::span<const int64_t> latency_bucket_bounds_ns() { return kBounds; }

std::string render_metrics(const Info& info, const std::vector<CommandLatency>& latencies) {
  std::string out;
  out.reserve(16 * 1024);
  std::set<std::string> done;
  {
    Family f(out, "redis_up", "gauge", "1 when the server answered.");
    f.sample("1");
  }
  for (const auto& m : kSimple) {
    const InfoSection* s = find_section(info, m.section);
    const std::string* v = s ? s->find(m.field) : nullptr;
    std::string value;
    if (v == nullptr || !sample_value(*v, value)) continue;
    Family f(out, m.metric, m.type, m.help);
    f.sample(value);
    done.insert(std::string(m.metric));
    done.insert(std::string(m.section) + "." + std::string(m.field));
  }
  persistence_gauges(out, info, done);

  if (const InfoSection* ks = find_section(info, "keyspace"); ks && !ks->fields.empty()) {
    struct Sub {
      std::string_view key, metric, help;
    };
    for (const Sub& sub :
         {Sub{"keys", "redis_db_keys", "Keys per database."},
          Sub{"expires", "redis_db_keys_expiring", "Keys with a TTL per database."}}) {
      Family f(out, sub.metric, "gauge", sub.help);
      for (const auto& [db, v] : ks->fields) {
        for (const auto& [k, n] : split_subfields(v)) {
          if (k == sub.key) f.sample(n, label("db", db));
        }
      }
    }
  }

  if (const InfoSection* cs = find_section(info, "commandstats"); cs && !cs->fields.empty()) {
    struct Sub {
      std::string_view key, metric, help;
      double scale;
    };
    for (const Sub& sub :
         {Sub{"calls", "redis_commands_total", "Calls per command.", 1},
          Sub{"usec", "redis_commands_duration_seconds_total", "Seconds spent per command.", 1e-6},
          Sub{"rejected_calls", "redis_commands_rejected_calls_total",
              "Calls rejected before running (arity, auth).", 1},
          Sub{"failed_calls", "redis_commands_failed_calls_total",
              "Calls that replied with an error.", 1}}) {
      Family f(out, sub.metric, "counter", sub.help);
      for (const auto& [key, v] : cs->fields) {
        std::string_view cmd = key;
        if (cmd.starts_with("cmdstat_")) cmd.remove_prefix(8);
        for (const auto& [k, n] : split_subfields(v)) {
          if (k != sub.key) continue;
          f.sample(sub.scale == 1 ? n : fmt_double(std::strtod(n.c_str(), nullptr) * sub.scale),
                   label("cmd", cmd));
        }
      }
    }
  }

  if (!latencies.empty()) {
    Family f(out, "ironkv_command_latency_seconds", "histogram",
             "Command latency (HdrHistogram, 2 significant digits; what INFO latencystats reads).");
    for (const auto& l : latencies) {
      std::string cmd = label("cmd", l.cmd);
      for (size_t i = 0; i < kBounds.size() && i < l.cumulative.size(); ++i) {
        f.sample(std::to_string(l.cumulative[i]),
                 cmd + "," + label("le", fmt_double(static_cast<double>(kBounds[i]) / 1e9)),
                 "_bucket");
      }
      f.sample(std::to_string(l.count), cmd + ",le=\"+Inf\"", "_bucket");
      f.sample(fmt_double(static_cast<double>(l.sum_ns) / 1e9), cmd, "_sum");
      f.sample(std::to_string(l.count), cmd, "_count");
    }
  }
  return out;
}

}  // namespace ironkv::http
