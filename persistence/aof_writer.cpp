#include "persistence/aof_writer.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace ironkv::persistence {

namespace {
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// everysec: how long writes wait for a slow background fsync before going
// ahead anyway (Redis: 2 seconds).
constexpr int64_t kMaxFsyncDelayMs = 2000;

int64_t mono_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
int64_t unix_seconds() {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

FsyncPolicy parse_fsync_policy(std::string_view s) {
  if (s == "always") return FsyncPolicy::kAlways;
  if (s == "no") return FsyncPolicy::kNo;
  return FsyncPolicy::kEverySec;
}

AofWriter::AofWriter() : channel_(ioc_, kChannelCapacity) {}

AofWriter::~AofWriter() {
  if (thread_.joinable()) join();
}

void AofWriter::start(int fd, std::string path, uint64_t file_size, FsyncPolicy policy) {
  fd_ = fd;
  path_ = std::move(path);
  file_size_.store(file_size);
  policy_.store(static_cast<int>(policy));
  {
    std::lock_guard lock(mu_);
    running_ = true;
  }
  fsync_thread_ = std::thread([this] { fsync_thread_main(); });
  asio::co_spawn(ioc_, run(), asio::detached);
  thread_ = std::thread([this] { ioc_.run(); });
}

void AofWriter::join() {
  if (!thread_.joinable()) return;
  Msg stop;
  stop.op = [](AofWriter& w) { w.stopping_ = true; };
  while (!try_submit(stop)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  thread_.join();
  {
    std::lock_guard lock(fsync_mu_);
    fsync_quit_ = true;
  }
  fsync_cv_.notify_all();
  fsync_thread_.join();
  if (fd_ >= 0) {
    if (::fsync(fd_) != 0) {
      spdlog::warn("AOF fsync at shutdown failed for {}: {}", path_, std::strerror(errno));
    }
    ::close(fd_);
    fd_ = -1;
  }
  std::lock_guard lock(mu_);
  running_ = false;
  durable_seq_ = wbuf_seq_;
  for (auto& w : waiters_) w.fire();
  waiters_.clear();
}

bool AofWriter::try_submit(Msg& msg) {
  return channel_.try_send(boost::system::error_code{}, std::move(msg));
}

std::string AofWriter::last_write_error() const {
  std::lock_guard lock(mu_);
  return write_error_;
}

asio::awaitable<void> AofWriter::run() {
  std::vector<Msg> msgs;
  while (!stopping_) {
    auto [ec, first] = co_await channel_.async_receive(kUseTuple);
    if (ec) break;
    msgs.clear();
    msgs.push_back(std::move(first));
    // Group commit: take everything already queued, write it with one write
    // and (always) one fsync.
    while (channel_.try_receive([&](boost::system::error_code e, Msg m) {
      if (!e) msgs.push_back(std::move(m));
    })) {
    }
    if (on_drained_) on_drained_();
    for (Msg& m : msgs) {
      if (!m.data.empty()) wbuf_.append(m.data);
      if (m.end_seq > wbuf_seq_) wbuf_seq_ = m.end_seq;
      if (m.op) {
        co_await write_buffered();
        m.op(*this);
      }
    }
    co_await write_buffered();
  }
}

bool AofWriter::write_some_now(std::string& error) {
  size_t done = 0;
  while (done < wbuf_.size()) {
    ssize_t n = ::write(fd_, wbuf_.data() + done, wbuf_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      wbuf_.erase(0, done);  // what was written stays written; retry the rest
      file_size_.fetch_add(done);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  file_size_.fetch_add(done);
  wbuf_.clear();
  if (wbuf_.capacity() > (8u << 20)) std::string().swap(wbuf_);
  return true;
}

asio::awaitable<void> AofWriter::write_buffered() {
  const FsyncPolicy policy = this->policy();
  if (wbuf_.empty()) {
    if (policy == FsyncPolicy::kEverySec) maybe_background_fsync(false);
    co_return;
  }
  asio::steady_timer timer(ioc_);
  if (policy == FsyncPolicy::kEverySec && fsync_in_progress_.load()) {
    // Redis's rule: postpone the write while the background fsync runs, for
    // at most 2 seconds; then write anyway and count it.
    if (delay_started_ms_ == 0) delay_started_ms_ = mono_ms();
    while (fsync_in_progress_.load() && mono_ms() - delay_started_ms_ < kMaxFsyncDelayMs) {
      timer.expires_after(std::chrono::milliseconds(1));
      co_await timer.async_wait(kUseTuple);
    }
    if (fsync_in_progress_.load()) {
      delayed_fsync_.fetch_add(1);
      spdlog::warn(
          "Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer "
          "without waiting for fsync to complete, this may slow down IronKV.");
    }
    delay_started_ms_ = 0;
  }
  for (;;) {
    std::string error;
    const int64_t write_start = mono_ms();
    bool written = write_some_now(error);
    report_latency("aof-write", mono_ms() - write_start);
    if (written) break;
    if (policy == FsyncPolicy::kAlways) exit_on_always_failure("write error", error);
    if (write_ok_.exchange(false)) {
      spdlog::error("Error writing to the AOF file {}: {}", path_, error);
    }
    {
      std::lock_guard lock(mu_);
      write_error_ = error;
    }
    if (stopping_) co_return;
    // Keep the data; try again in a second (the server refuses writes meanwhile).
    timer.expires_after(std::chrono::seconds(1));
    co_await timer.async_wait(kUseTuple);
  }
  if (!write_ok_.exchange(true)) {
    spdlog::warn("AOF write error looks solved, IronKV can write again.");
  }
  written_seq_ = wbuf_seq_;
  if (policy == FsyncPolicy::kAlways) {
    const int64_t fsync_start = mono_ms();
    while (::fdatasync(fd_) != 0) {
      if (errno == EINTR) continue;
      exit_on_always_failure("fsync error", std::strerror(errno));
    }
    report_latency("aof-fsync-always", mono_ms() - fsync_start);
    write_ok_.store(true);
    fsync_ok_.store(true);
    last_fsync_ms_.store(unix_seconds());
  } else {
    dirty_since_fsync_ = true;
    if (policy == FsyncPolicy::kEverySec) maybe_background_fsync(false);
  }
  release_waiters(written_seq_);
}

// With appendfsync always, clients wait for their writes to be on disk, and so
// does every later reply (durable_target covers all that was logged). A write
// or fsync that fails cannot be retried safely (after a failed fsync the kernel
// may have dropped the dirty pages, so a later fsync "succeeding" proves
// nothing) and waiting forever would hang every client: exit like Redis does.
// Nothing unacknowledged is lost: replies for these writes were never sent.
void AofWriter::exit_on_always_failure(std::string_view what, const std::string& error) {
  spdlog::critical("Can't recover from AOF {} on {} when the AOF fsync policy is 'always': {}. "
                   "Exiting...",
                   what, path_, error);
  spdlog::default_logger()->flush();
  ::_exit(1);
}

void AofWriter::release_waiters(uint64_t seq) {
  std::vector<Waiter> ready;
  {
    std::lock_guard lock(mu_);
    if (seq > durable_seq_) durable_seq_ = seq;
    if (waiters_.empty()) return;
    auto it = waiters_.begin();
    for (auto& w : waiters_) {
      if (w.seq <= durable_seq_) ready.push_back(std::move(w));
      else *it++ = std::move(w);
    }
    waiters_.erase(it, waiters_.end());
  }
  for (auto& w : ready) w.fire();
}

void AofWriter::maybe_background_fsync(bool force) {
  if (!dirty_since_fsync_ || fsync_in_progress_.load()) return;
  const int64_t now = mono_ms();
  if (!force && now - last_fsync_start_ms_ < 1000) return;
  last_fsync_start_ms_ = now;
  dirty_since_fsync_ = false;
  {
    std::lock_guard lock(fsync_mu_);
    fsync_fd_ = fd_;
    fsync_in_progress_.store(true);
  }
  fsync_cv_.notify_one();
}

void AofWriter::report_latency(std::string_view event, int64_t ms) {
  if (on_latency_ && ms > 0) on_latency_(event, static_cast<uint64_t>(ms));
}

void AofWriter::fsync_thread_main() {
  std::unique_lock lock(fsync_mu_);
  for (;;) {
    fsync_cv_.wait(lock, [this] { return fsync_quit_ || fsync_fd_ >= 0; });
    if (fsync_fd_ < 0 && fsync_quit_) return;
    int fd = fsync_fd_;
    fsync_fd_ = -1;
    lock.unlock();
    bool ok = ::fdatasync(fd) == 0 || errno == EINVAL;
    // A failed background fsync refuses writes (-MISCONF) until one succeeds,
    // as Redis 7 does with aof_bio_fsync_status.
    if (!ok) {
      std::string why = std::strerror(errno);
      spdlog::error("Background AOF fsync failed: {}", why);
      std::lock_guard elock(mu_);
      write_error_ = why;
    } else {
      last_fsync_ms_.store(unix_seconds());
    }
    if (fsync_ok_.exchange(ok) != ok && ok) spdlog::warn("AOF background fsync succeeded again.");
    lock.lock();
    fsync_in_progress_.store(false);
  }
}

bool AofWriter::fsync_now() {
  while (fsync_in_progress_.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (fd_ < 0) return true;
  bool ok = ::fsync(fd_) == 0;
  if (ok) {
    dirty_since_fsync_ = false;
    last_fsync_ms_.store(unix_seconds());
  }
  return ok;
}

bool AofWriter::switch_file(int fd, std::string path, uint64_t size) {
  bool ok = fsync_now();
  if (!ok) spdlog::error("fsync of {} before switching AOF files failed: {}", path_, std::strerror(errno));
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  path_ = std::move(path);
  file_size_.store(size);
  return ok;
}

}  // namespace ironkv::persistence
