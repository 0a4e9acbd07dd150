#pragma once
// Latency observability: the per-command latency histogram behind INFO
// latencystats and /metrics, the LATENCY monitor's event time series, and
// the SLOWLOG. Plain data structures, no I/O.

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::server {

// A log-linear histogram with the bucket layout of HdrHistogram at two
// significant digits over 1 ns .. 1 s, which is what Redis 7 uses for
// latencystats: values below 256 are exact, each further power of two is
// split into 128 equal sub-buckets (< 0.8% error). Percentiles come out as
// the top of their sub-bucket, as hdr_value_at_percentile does, so a 1 us
// command reports p50=1.003 exactly like Redis. Recording is an index
// computation and one increment; the counters (24 KB) are allocated once.
class LatencyHistogram {
 public:
  static constexpr int64_t kMinValue = 1;              // ns
  static constexpr int64_t kMaxValue = 1'000'000'000;  // ns
  static constexpr int kSubBucketHalfMagnitude = 7;
  static constexpr int64_t kSubBucketCount = 256;
  static constexpr int64_t kSubBucketHalfCount = 128;
  static constexpr int kBucketCount = 23;  // 256 << 22 > 1e9
  static constexpr size_t kCountsLen = (kBucketCount + 1) * kSubBucketHalfCount;

  LatencyHistogram() : counts_(std::make_unique<std::array<uint64_t, kCountsLen>>()) {
    counts_->fill(0);
  }
  LatencyHistogram(const LatencyHistogram& o)
      : counts_(std::make_unique<std::array<uint64_t, kCountsLen>>(*o.counts_)),
        total_(o.total_),
        sum_ns_(o.sum_ns_) {}
  LatencyHistogram& operator=(const LatencyHistogram& o) {
    *counts_ = *o.counts_;
    total_ = o.total_;
    sum_ns_ = o.sum_ns_;
    return *this;
  }

  // Values outside 1 ns .. 1 s are clamped, as Redis does.
  void record(int64_t ns) {
    if (ns < kMinValue) ns = kMinValue;
    if (ns > kMaxValue) ns = kMaxValue;
    ++(*counts_)[index_of(ns)];
    ++total_;
    sum_ns_ += static_cast<uint64_t>(ns);
  }
  void reset() {
    counts_->fill(0);
    total_ = 0;
    sum_ns_ = 0;
  }

  uint64_t total() const { return total_; }
  uint64_t sum_ns() const { return sum_ns_; }
  // hdr_value_at_percentile: 0 gives the lowest equivalent value, others the highest.
  int64_t value_at_percentile(double percentile) const;
  // Cumulative count of recorded values whose sub-bucket starts at or below
  // each bound (ns), for Prometheus "le" buckets.
  std::vector<uint64_t> cumulative(std::span<const int64_t> upper_bounds_ns) const;
  // LATENCY HISTOGRAM's cumulative distribution: HdrHistogram's logarithmic
  // iteration from 1024 ns doubling, as (microseconds, cumulative count) for
  // each step whose count grew. Redis reports each step at the top of the
  // sub-bucket that holds the step's value (1, 2, 4, 8, 16, 33, 66 … us).
  std::vector<std::pair<int64_t, uint64_t>> log_cdf() const;
  // This histogram minus an earlier snapshot of it (same counters only grow).
  LatencyHistogram minus(const LatencyHistogram& earlier) const;

  static size_t index_of(int64_t v);
  static int64_t value_from_index(size_t index);
  static int64_t lowest_equivalent(int64_t v);
  static int64_t highest_equivalent(int64_t v);

 private:
  std::unique_ptr<std::array<uint64_t, kCountsLen>> counts_;
  uint64_t total_ = 0;
  uint64_t sum_ns_ = 0;
};

// LATENCY monitor: per event, the last 160 one-per-second samples (the
// highest latency within a second wins) and the all-time maximum, as Redis's
// latency.c keeps them. Thread-safe: persistence threads add samples too.
class LatencyMonitor {
 public:
  static constexpr size_t kSamples = 160;
  struct Sample {
    int64_t time = 0;      // unix seconds; 0 = unused slot
    uint64_t latency = 0;  // ms
  };
  struct Series {
    std::array<Sample, kSamples> samples{};
    size_t idx = 0;  // next slot to write
    uint64_t max = 0;
  };
  struct Latest {
    std::string event;
    int64_t time;
    uint64_t latest;
    uint64_t max;
  };

  void add(std::string_view event, uint64_t ms, int64_t now_s);
  // Events in name order with their latest sample.
  std::vector<Latest> latest() const;
  // An event's samples, oldest first (empty if the event is unknown).
  std::vector<Sample> history(std::string_view event) const;
  // Resets the named events (all when empty); returns how many existed.
  size_t reset(std::span<const std::string_view> events);

 private:
  mutable std::mutex mu_;
  std::map<std::string, Series, std::less<>> events_;
};

// SLOWLOG: the newest entries first, at most slowlog-max-len of them.
class SlowLog {
 public:
  static constexpr size_t kMaxArgc = 32;
  static constexpr size_t kMaxString = 128;
  struct Entry {
    uint64_t id;
    int64_t time;  // unix seconds
    uint64_t duration_us;
    std::vector<std::string> argv;  // already truncated / redacted
    std::string client_addr;
    std::string client_name;
  };

  // Copies argv with Redis's limits: at most 32 arguments (the last one then
  // says "... (N more arguments)"), strings cut to 128 bytes followed by
  // "... (N more bytes)"; arguments at the positions in `redacted` become
  // "(redacted)".
  void push(std::span<const std::string_view> argv, std::span<const size_t> redacted, int64_t now_s,
            uint64_t duration_us, std::string_view addr, std::string_view name, size_t max_len);
  void trim(size_t max_len);
  void reset() { entries_.clear(); }  // ids keep counting, as in Redis
  size_t size() const { return entries_.size(); }
  const std::deque<Entry>& entries() const { return entries_; }

 private:
  std::deque<Entry> entries_;  // front = newest
  uint64_t next_id_ = 0;
};

// Parses latency-tracking-info-percentiles ("50 99 99.9"); nullopt-like empty
// flag through `ok` when a value is not a number. Out-of-range values are
// reported separately so CONFIG SET can give Redis's two messages.
struct PercentileList {
  std::vector<double> values;
  bool ok = true;
  bool in_range = true;
};
PercentileList parse_percentiles(std::string_view text);
// Redis's "%f" with trailing zeros (and a trailing dot) removed: 50, 99.9.
std::string format_percentile(double p);

}  // namespace ironkv::server
