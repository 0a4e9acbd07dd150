#pragma once
// The AOF writer: one coroutine on its own thread (its own io_context), fed in
// keyspace order through a bounded channel. Disk writes and fsyncs never run on
// the keyspace strand or on an io thread.
//
//  - appendfsync always: everything received is written, then ONE fdatasync
//    covers it (group commit), then the replies waiting for it are released.
//  - everysec: written at once; fsync on a background thread at most once a
//    second. While that fsync is still running, writes wait up to 2 s, then go
//    ahead anyway and are counted (aof_delayed_fsync), as Redis does.
//  - no: written at once; the kernel decides when to flush.
//  - A failed write keeps the data and retries every second; meanwhile
//    last_write_ok() is false (the server answers writes with -MISCONF).
//
// The strand side (AofLog) keeps a backlog when the channel is full: order is
// preserved, and connections pause before their next batch (back-pressure).

#include <atomic>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ironkv::persistence {

namespace asio = boost::asio;

enum class FsyncPolicy : int { kAlways = 0, kEverySec = 1, kNo = 2 };
FsyncPolicy parse_fsync_policy(std::string_view s);

class AofWriter {
 public:
  // A message: bytes to append (data) and/or an operation run on the writer
  // thread after the bytes before it are written (file rotation, stop …).
  struct Msg {
    std::string data;
    uint64_t end_seq = 0;                 // log position after `data`
    std::function<void(AofWriter&)> op;   // optional
    bool tick = false;                    // periodic: lets everysec fsync when idle
  };

  static constexpr size_t kChannelCapacity = 256;

  AofWriter();
  ~AofWriter();
  AofWriter(const AofWriter&) = delete;
  AofWriter& operator=(const AofWriter&) = delete;

  // Starts the thread writing to `fd` (opened for append; the writer owns it).
  void start(int fd, std::string path, uint64_t file_size, FsyncPolicy policy);
  // Flushes, fsyncs and joins. Call after every message was submitted (the
  // strand side sends a final op and waits for it).
  void join();

  // Any thread (the strand): false when the channel is full (msg untouched).
  bool try_submit(Msg& msg);

  void set_policy(FsyncPolicy p) { policy_.store(static_cast<int>(p)); }
  FsyncPolicy policy() const { return static_cast<FsyncPolicy>(policy_.load()); }

  // Called (from the writer thread) whenever the writer has taken messages out
  // of the channel, so a strand-side backlog can be resent.
  void set_drained_callback(std::function<void()> cb) { on_drained_ = std::move(cb); }
  // LATENCY events ("aof-write", "aof-fsync-always"), from the writer thread.
  void set_latency_callback(std::function<void(std::string_view, uint64_t)> cb) {
    on_latency_ = std::move(cb);
  }

  // Completes when everything up to `seq` is on disk (appendfsync always).
  template <class Token>
  auto async_wait_durable(uint64_t seq, Token&& token) {
    return asio::async_initiate<Token, void()>(
        [this, seq](auto handler) {
          // Completed on the handler's own executor (never inline on the
          // writer thread).
          auto ex = asio::get_associated_executor(handler);
          auto h = std::make_shared<decltype(handler)>(std::move(handler));
          std::function<void()> fire = [ex, h]() mutable {
            asio::post(ex, [h]() mutable { std::move(*h)(); });
          };
          std::unique_lock lock(mu_);
          if (durable_seq_ >= seq || !running_) {
            lock.unlock();
            fire();
            return;
          }
          waiters_.push_back(Waiter{seq, std::move(fire)});
        },
        token);
  }

  // ---- Writer-thread operations (for Msg::op) ----
  // Switches to a new file: fsyncs and closes the current one first.
  bool switch_file(int fd, std::string path, uint64_t size);
  bool fsync_now();
  const std::string& path() const { return path_; }

  // ---- Stats (any thread) ----
  bool last_write_ok() const { return write_ok_.load(); }
  std::string last_write_error() const;
  uint64_t current_size() const { return file_size_.load(); }
  uint64_t delayed_fsyncs() const { return delayed_fsync_.load(); }
  uint64_t pending_fsync() const { return fsync_in_progress_.load() ? 1 : 0; }
  int64_t last_fsync_ms() const { return last_fsync_ms_.load(); }
  bool fsync_ok() const { return fsync_ok_.load(); }

 private:
  struct Waiter {
    uint64_t seq;
    std::function<void()> fire;
  };
  using Channel = asio::experimental::concurrent_channel<void(boost::system::error_code, Msg)>;

  asio::awaitable<void> run();
  asio::awaitable<void> write_buffered();
  void release_waiters(uint64_t seq);
  [[noreturn]] void exit_on_always_failure(std::string_view what, const std::string& error);
  void maybe_background_fsync(bool force);
  void fsync_thread_main();
  void report_latency(std::string_view event, int64_t ms);
  bool write_some_now(std::string& error);

  asio::io_context ioc_;
  Channel channel_;
  std::thread thread_;
  std::function<void()> on_drained_;
  std::function<void(std::string_view, uint64_t)> on_latency_;
  std::atomic<int> policy_{static_cast<int>(FsyncPolicy::kEverySec)};

  int fd_ = -1;
  std::string path_;
  std::string wbuf_;            // received, not yet written (writer thread)
  uint64_t wbuf_seq_ = 0;       // log position at the end of wbuf_
  uint64_t written_seq_ = 0;    // log position written to the file
  bool dirty_since_fsync_ = false;
  bool stopping_ = false;

  mutable std::mutex mu_;
  std::vector<Waiter> waiters_;
  uint64_t durable_seq_ = 0;
  bool running_ = false;
  std::string write_error_;

  // everysec background fsync (Redis's bio thread).
  std::thread fsync_thread_;
  std::mutex fsync_mu_;
  std::condition_variable fsync_cv_;
  int fsync_fd_ = -1;            // fd to fsync, -1 = nothing requested
  bool fsync_quit_ = false;
  std::atomic<bool> fsync_in_progress_{false};
  int64_t last_fsync_start_ms_ = 0;

  std::atomic<bool> write_ok_{true};
  std::atomic<bool> fsync_ok_{true};
  std::atomic<uint64_t> file_size_{0};
  std::atomic<uint64_t> delayed_fsync_{0};
  std::atomic<int64_t> last_fsync_ms_{0};
  int64_t delay_started_ms_ = 0;
};

}  // namespace ironkv::persistence
