#include "core/store/lazy_free.h"

namespace ironkv::store {

LazyFree::LazyFree() : thread_([this] { run(); }) {}

LazyFree::~LazyFree() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void LazyFree::submit(std::function<void()> job) {
  {
    std::lock_guard lk(mu_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

uint64_t LazyFree::pending() const {
  std::lock_guard lk(mu_);
  return jobs_.size() + (busy_ ? 1 : 0);
}

uint64_t LazyFree::freed_jobs() const {
  std::lock_guard lk(mu_);
  return done_;
}

void LazyFree::drain() {
  std::unique_lock lk(mu_);
  idle_cv_.wait(lk, [this] { return jobs_.empty() && !busy_; });
}

void LazyFree::run() {
  std::unique_lock lk(mu_);
  for (;;) {
    cv_.wait(lk, [this] { return stop_ || !jobs_.empty(); });
    if (jobs_.empty() && stop_) return;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    lk.unlock();
    job();
    job = nullptr;
    lk.lock();
    busy_ = false;
    ++done_;
    if (jobs_.empty()) idle_cv_.notify_all();
  }
}

}  // namespace ironkv::store
