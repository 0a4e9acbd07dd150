#pragma once
// Where a point-in-time snapshot's RDB stream goes. The snapshot (snapshot.h)
// produces the stream in chunks; an RdbStream keeps its CRC-64 and appends the
// checksum trailer; the SnapshotSink underneath takes the bytes: a file today
// (SAVE, BGSAVE, the AOF rewrite's base), a replica's socket next.
// No Asio: a sink is written from one thread at a time (the strand for SAVE,
// the snapshot job's thread for background saves).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace ironkv::persistence {

class SnapshotSink {
 public:
  virtual ~SnapshotSink() = default;
  // The next bytes of the stream. False with the error text.
  virtual bool write(std::string_view chunk, std::string& error) = 0;
  // After the last chunk (the checksum trailer included): makes the stream
  // complete and durable. False with the error text (the sink is then aborted).
  virtual bool finish(std::string& error) = 0;
  // Drops what was written (a cancelled or failed snapshot).
  virtual void abort() = 0;
};

// An RDB stream over a sink: the CRC-64 of every byte, then the 8-byte trailer
// (zero when `checksum` is off, like rdbchecksum no).
class RdbStream {
 public:
  RdbStream(SnapshotSink& sink, bool checksum) : sink_(&sink), checksum_(checksum) {}
  bool write(std::string_view chunk, std::string& error);
  // Writes the trailer and finishes the sink; aborts it on failure.
  bool finish(std::string& error);
  void abort() { sink_->abort(); }
  // Bytes of the stream before the trailer.
  uint64_t bytes() const { return bytes_; }

 private:
  SnapshotSink* sink_;
  bool checksum_;
  uint64_t crc_ = 0;
  uint64_t bytes_ = 0;
};

// A file written through a temp file: fsync at the end, then (with a final
// path) renamed into place and the directory fsynced. Unfinished, it is removed.
class RdbFileSink final : public SnapshotSink {
 public:
  // `final_path` empty: the temp file stays (the AOF rewrite renames it itself).
  RdbFileSink(std::string tmp_path, std::string final_path, std::string dir)
      : tmp_(std::move(tmp_path)), final_(std::move(final_path)), dir_(std::move(dir)) {}
  ~RdbFileSink() override;
  // Creates the temp file. False with Redis's error text.
  bool open(std::string& error);
  bool write(std::string_view chunk, std::string& error) override;
  bool finish(std::string& error) override;
  void abort() override;
  const std::string& tmp_path() const { return tmp_; }

 private:
  std::string tmp_, final_, dir_;
  int fd_ = -1;
};

// A background snapshot's output side: a thread that writes the chunks the
// strand produces (bounded queue) into an RdbStream over `sink`, then finishes it.
class SnapshotWriterThread {
 public:
  static constexpr size_t kMaxQueued = 8 << 20;

  SnapshotWriterThread(std::unique_ptr<SnapshotSink> sink, bool checksum)
      : sink_(std::move(sink)), stream_(*sink_, checksum) {}
  ~SnapshotWriterThread();
  SnapshotWriterThread(const SnapshotWriterThread&) = delete;
  SnapshotWriterThread& operator=(const SnapshotWriterThread&) = delete;

  void start();
  bool has_room();
  void push(std::string chunk);
  // No more chunks: the thread writes the trailer and finishes the sink.
  void end_input();
  // Drops the queue and aborts the sink.
  void cancel();
  bool finished() const { return finished_.load(); }
  // After finished():
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  uint64_t bytes() const { return stream_.bytes(); }

 private:
  void run();

  std::unique_ptr<SnapshotSink> sink_;
  RdbStream stream_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  size_t queued_ = 0;
  bool input_done_ = false;
  bool cancelled_ = false;
  std::atomic<bool> finished_{false};
  bool ok_ = false;
  std::string error_;
};

// write(2) until done (EINTR retried). False with strerror in `error`.
bool write_all(int fd, std::string_view data, std::string& error);

}  // namespace ironkv::persistence
