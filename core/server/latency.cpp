#include "core/server/latency.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstdlib>

namespace ironkv::server {

namespace {

// HdrHistogram's bucket of a value (unit magnitude 0): values below 256 are
// bucket 0, then one bucket per power of two.
int bucket_of(int64_t v) {
  return static_cast<int>(std::bit_width(static_cast<uint64_t>(v) | 255u)) - 8;
}

}  // namespace

size_t LatencyHistogram::index_of(int64_t v) {
  int b = bucket_of(v);
  int64_t sub = v >> b;
  return static_cast<size_t>(((b + 1) << kSubBucketHalfMagnitude) + (sub - kSubBucketHalfCount));
}

int64_t LatencyHistogram::value_from_index(size_t index) {
  int b = static_cast<int>(index >> kSubBucketHalfMagnitude) - 1;
  int64_t sub = static_cast<int64_t>(index & (kSubBucketHalfCount - 1)) + kSubBucketHalfCount;
  if (b < 0) {
    sub -= kSubBucketHalfCount;
    b = 0;
  }
  return sub << b;
}

int64_t LatencyHistogram::lowest_equivalent(int64_t v) {
  int b = bucket_of(v);
  return (v >> b) << b;
}

int64_t LatencyHistogram::highest_equivalent(int64_t v) {
  int b = bucket_of(v);
  int64_t sub = v >> b;
  int adjusted = sub >= kSubBucketCount ? b + 1 : b;
  return lowest_equivalent(v) + (int64_t{1} << adjusted) - 1;
}

int64_t LatencyHistogram::value_at_percentile(double percentile) const {
  double p = percentile < 100.0 ? percentile : 100.0;
  auto wanted = static_cast<int64_t>((p / 100.0) * static_cast<double>(total_) + 0.5);
  if (wanted < 1) wanted = 1;
  int64_t seen = 0;
  int64_t value = 0;
  for (size_t i = 0; i < kCountsLen; ++i) {
    seen += static_cast<int64_t>((*counts_)[i]);
    if (seen >= wanted) {
      value = value_from_index(i);
      break;
    }
  }
  return percentile == 0.0 ? lowest_equivalent(value) : highest_equivalent(value);
}

std::vector<uint64_t> LatencyHistogram::cumulative(std::span<const int64_t> bounds) const {
  std::vector<uint64_t> out(bounds.size(), 0);
  for (size_t i = 0; i < kCountsLen; ++i) {
    uint64_t n = (*counts_)[i];
    if (n == 0) continue;
    int64_t v = value_from_index(i);
    for (size_t b = 0; b < bounds.size(); ++b) {
      if (v <= bounds[b]) out[b] += n;
    }
  }
  return out;
}

std::vector<std::pair<int64_t, uint64_t>> LatencyHistogram::log_cdf() const {
  std::vector<std::pair<int64_t, uint64_t>> out;
  int64_t level = 1024;
  int64_t index = -1;  // the raw counter the walk is at
  int64_t value = 0;
  uint64_t cumulative = 0;
  uint64_t previous = 0;
  for (;;) {
    bool more = cumulative < total_ ||
                (index + 1 < static_cast<int64_t>(kCountsLen) &&
                 value_from_index(static_cast<size_t>(index + 1)) > lowest_equivalent(level));
    if (!more) break;
    bool reported = false;
    for (;;) {
      if (value >= lowest_equivalent(level)) {
        if (cumulative > previous) out.emplace_back(highest_equivalent(value) / 1000, cumulative);
        previous = cumulative;
        level *= 2;
        reported = true;
        break;
      }
      if (++index >= static_cast<int64_t>(kCountsLen)) break;
      cumulative += (*counts_)[static_cast<size_t>(index)];
      value = value_from_index(static_cast<size_t>(index));
    }
    if (!reported) break;
  }
  return out;
}

LatencyHistogram LatencyHistogram::minus(const LatencyHistogram& earlier) const {
  LatencyHistogram d;
  for (size_t i = 0; i < kCountsLen; ++i) {
    uint64_t a = (*counts_)[i], b = (*earlier.counts_)[i];
    (*d.counts_)[i] = a >= b ? a - b : 0;
  }
  d.total_ = total_ >= earlier.total_ ? total_ - earlier.total_ : 0;
  d.sum_ns_ = sum_ns_ >= earlier.sum_ns_ ? sum_ns_ - earlier.sum_ns_ : 0;
  return d;
}

// ---------------------------------------------------------------- monitor

void LatencyMonitor::add(std::string_view event, uint64_t ms, int64_t now_s) {
  std::lock_guard lock(mu_);
  auto it = events_.find(event);
  if (it == events_.end()) it = events_.emplace(std::string(event), Series{}).first;
  Series& s = it->second;
  if (ms > s.max) s.max = ms;
  Sample& prev = s.samples[(s.idx + kSamples - 1) % kSamples];
  if (prev.time == now_s) {
    if (ms > prev.latency) prev.latency = ms;
    return;
  }
  s.samples[s.idx] = Sample{now_s, ms};
  s.idx = (s.idx + 1) % kSamples;
}

std::vector<LatencyMonitor::Latest> LatencyMonitor::latest() const {
  std::lock_guard lock(mu_);
  std::vector<Latest> out;
  for (const auto& [name, s] : events_) {
    const Sample& last = s.samples[(s.idx + kSamples - 1) % kSamples];
    out.push_back(Latest{name, last.time, last.latency, s.max});
  }
  return out;
}

std::vector<LatencyMonitor::Sample> LatencyMonitor::history(std::string_view event) const {
  std::lock_guard lock(mu_);
  std::vector<Sample> out;
  auto it = events_.find(event);
  if (it == events_.end()) return out;
  const Series& s = it->second;
  for (size_t j = 0; j < kSamples; ++j) {
    const Sample& sm = s.samples[(s.idx + j) % kSamples];
    if (sm.time != 0) out.push_back(sm);
  }
  return out;
}

size_t LatencyMonitor::reset(std::span<const std::string_view> events) {
  std::lock_guard lock(mu_);
  if (events.empty()) {
    size_t n = events_.size();
    events_.clear();
    return n;
  }
  size_t n = 0;
  for (auto e : events) {
    auto it = events_.find(e);
    if (it != events_.end()) {
      events_.erase(it);
      ++n;
    }
  }
  return n;
}

// ---------------------------------------------------------------- slowlog

void SlowLog::push(std::span<const std::string_view> argv, std::span<const size_t> redacted,
                   int64_t now_s, uint64_t duration_us, std::string_view addr,
                   std::string_view name, size_t max_len) {
  Entry e{next_id_++, now_s, duration_us, {}, std::string(addr), std::string(name)};
  size_t argc = std::min(argv.size(), kMaxArgc);
  e.argv.reserve(argc);
  for (size_t j = 0; j < argc; ++j) {
    if (argc != argv.size() && j == argc - 1) {
      e.argv.push_back("... (" + std::to_string(argv.size() - argc + 1) + " more arguments)");
    } else if (std::find(redacted.begin(), redacted.end(), j) != redacted.end()) {
      e.argv.emplace_back("(redacted)");
    } else if (argv[j].size() > kMaxString) {
      std::string s(argv[j].substr(0, kMaxString));
      s += "... (" + std::to_string(argv[j].size() - kMaxString) + " more bytes)";
      e.argv.push_back(std::move(s));
    } else {
      e.argv.emplace_back(argv[j]);
    }
  }
  entries_.push_front(std::move(e));
  trim(max_len);
}

void SlowLog::trim(size_t max_len) {
  while (entries_.size() > max_len) entries_.pop_back();
}

// ---------------------------------------------------------------- percentiles

PercentileList parse_percentiles(std::string_view text) {
  PercentileList out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (start == i) break;
    std::string word(text.substr(start, i - start));
    char* end = nullptr;
    double v = std::strtod(word.c_str(), &end);
    if (end == word.c_str() || *end != '\0') {
      out.ok = false;
      return out;
    }
    if (v < 0.0 || v > 100.0) out.in_range = false;
    out.values.push_back(v);
  }
  return out;
}

std::string format_percentile(double p) {
  char buf[128];
  int n = std::snprintf(buf, sizeof buf, "%f", p);
  std::string s(buf, static_cast<size_t>(n));
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s;
}

}  // namespace ironkv::server
