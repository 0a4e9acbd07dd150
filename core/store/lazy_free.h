#pragma once
// A background thread that runs deallocations handed over by the keyspace, so
// freeing a big value or a whole database never stalls the keyspace strand.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace ironkv::store {

class LazyFree {
 public:
  LazyFree();
  ~LazyFree();  // runs what is queued, then joins
  LazyFree(const LazyFree&) = delete;
  LazyFree& operator=(const LazyFree&) = delete;

  void submit(std::function<void()> job);
  uint64_t pending() const;
  uint64_t freed_jobs() const;
  // Waits until the queue is empty (tests).
  void drain();

 private:
  void run();
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<std::function<void()>> jobs_;
  uint64_t done_ = 0;
  bool busy_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace ironkv::store
