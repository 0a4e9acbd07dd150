#pragma once
// /metrics: Prometheus text exposition format 0.0.4, with redis_exporter's
// metric names so existing dashboards and alerts work unchanged.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "http/info_json.h"

namespace ironkv::http {

// One command's latency histogram, cumulative per kLatencyBucketsNs bound.
struct CommandLatency {
  std::string cmd;  // "get", "config|set"
  std::vector<uint64_t> cumulative;
  uint64_t count = 0;
  uint64_t sum_ns = 0;
};

// Upper bounds of ironkv_command_latency_seconds (ns), 10 us .. 1 s. Redis's
// histogram range ends at 1 s, so slower commands land in the 1 s bucket.
std::span<const int64_t> latency_bucket_bounds_ns();

std::string render_metrics(const Info& info, const std::vector<CommandLatency>& latencies);

}  // namespace ironkv::http
