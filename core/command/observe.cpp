#include "core/command/observe.h"

#include <ctime>
#include <vector>

#include "core/util/strings.h"

namespace ironkv::command {

namespace {

// Argument positions Redis hides from the slowlog: AUTH's credentials,
// HELLO's AUTH username and password, and secret values in CONFIG SET.
std::vector<size_t> redacted_positions(std::span<const std::string_view> argv,
                                       const CommandSpec& spec) {
  std::vector<size_t> out;
  if (spec.name == "auth") {
    for (size_t i = 1; i < argv.size(); ++i) out.push_back(i);
  } else if (spec.name == "hello") {
    for (size_t i = 2; i < argv.size(); ++i) {
      if (!util::iequals(argv[i], "auth")) continue;
      for (size_t j = i + 1; j <= i + 2 && j < argv.size(); ++j) out.push_back(j);
      i += 2;
    }
  } else if (spec.name == "config|set") {
    for (size_t i = 2; i + 1 < argv.size(); i += 2) {
      const server::OptionDef* o = server::find_option(argv[i]);
      if (o != nullptr && o->secret) out.push_back(i + 1);
    }
  }
  return out;
}

}  // namespace

void record_command(server::ServerContext& srv, const server::ClientState& client,
                    std::span<const std::string_view> argv, const CommandSpec& spec,
                    uint64_t duration_ns, int64_t now_ms) {
  const server::Config& cfg = srv.config;
  const auto ns = static_cast<int64_t>(duration_ns);
  const uint64_t duration_us = duration_ns / 1000;
  if (cfg.latency_tracking) {
    if (!spec.stats.latency) spec.stats.latency = std::make_shared<server::LatencyHistogram>();
    spec.stats.latency->record(ns);
  }
  srv.all_commands_latency.record(ns);

  uint64_t ms = duration_us / 1000;
  if (cfg.latency_monitor_threshold > 0 &&
      ms >= static_cast<uint64_t>(cfg.latency_monitor_threshold)) {
    srv.latency.add((spec.flags & kFast) ? "fast-command" : "command", ms, now_ms / 1000);
  }

  if (cfg.slowlog_log_slower_than >= 0 && cfg.slowlog_max_len > 0 && !(spec.flags & kSkipSlowlog) &&
      duration_us >= static_cast<uint64_t>(cfg.slowlog_log_slower_than)) {
    auto redacted = redacted_positions(argv, spec);
    srv.slowlog.push(argv, redacted, now_ms / 1000, duration_us, client.addr, client.name,
                     static_cast<size_t>(cfg.slowlog_max_len));
  }
}

}  // namespace ironkv::command
