#pragma once
// Time source for expiry. Command code reads time only through this, so tests
// drive expiry with a ManualClock instead of sleeping.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace ironkv::store {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now_ms() const = 0;   // Unix time, milliseconds
  virtual int64_t now_us() const = 0;   // Unix time, microseconds
};

class SystemClock final : public Clock {
 public:
  int64_t now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  int64_t now_us() const override {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'700'000'000'000) : us_(start_ms * 1000) {}
  int64_t now_ms() const override { return us_.load() / 1000; }
  int64_t now_us() const override { return us_.load(); }
  void advance_ms(int64_t ms) { us_ += ms * 1000; }
  void set_ms(int64_t ms) { us_ = ms * 1000; }

 private:
  std::atomic<int64_t> us_;
};

}  // namespace ironkv::store
