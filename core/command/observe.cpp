#include "core/command/observe.h"

#include <ctime>
#include <vector>

namespace ironkv::command {

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
    std::vector<size_t> redacted;
    if (spec.redact != nullptr) spec.redact(argv, redacted);
    srv.slowlog.push(argv, redacted, now_ms / 1000, duration_us, client.addr, client.name,
                     static_cast<size_t>(cfg.slowlog_max_len));
  }
}

}  // namespace ironkv::command
