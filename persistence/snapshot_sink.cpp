#include "persistence/snapshot_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "persistence/aof_format.h"
#include "persistence/crc64.h"
#include "persistence/rdb_encoder.h"

namespace ironkv::persistence {

namespace {

std::string cwd() {
  char buf[4096];
  return ::getcwd(buf, sizeof buf) ? std::string(buf) : std::string("?");
}

}  // namespace

bool write_all(int fd, std::string_view data, std::string& error) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

bool RdbStream::write(std::string_view chunk, std::string& error) {
  crc_ = crc64(crc_, chunk.data(), chunk.size());
  bytes_ += chunk.size();
  return sink_->write(chunk, error);
}

bool RdbStream::finish(std::string& error) {
  std::string tail;
  rdb_append_checksum(tail, checksum_ ? crc_ : 0);
  if (!sink_->write(tail, error)) {
    sink_->abort();
    return false;
  }
  return sink_->finish(error);
}

RdbFileSink::~RdbFileSink() {
  if (fd_ >= 0) abort();
}

bool RdbFileSink::open(std::string& error) {
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    error = "Failed opening the temp RDB file " + tmp_ + " (in server root dir " + cwd() +
            ") for saving: " + std::strerror(errno);
    return false;
  }
  return true;
}

bool RdbFileSink::write(std::string_view chunk, std::string& error) {
  if (!write_all(fd_, chunk, error)) {
    error = "Write error saving DB on disk: " + error;
    return false;
  }
  return true;
}

bool RdbFileSink::finish(std::string& error) {
  if (::fsync(fd_) != 0) {
    error = std::string("Write error saving DB on disk: ") + std::strerror(errno);
    abort();
    return false;
  }
  ::close(fd_);
  fd_ = -1;
  if (!final_.empty()) {
    if (::rename(tmp_.c_str(), final_.c_str()) != 0) {
      error = "Error moving temp DB file " + tmp_ + " on the final destination " + final_ + ": " +
              std::strerror(errno);
      ::unlink(tmp_.c_str());
      return false;
    }
    if (!fsync_dir(dir_, error)) {
      error = "Failed to fsync the directory after saving: " + error;
      return false;
    }
  }
  return true;
}

void RdbFileSink::abort() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(tmp_.c_str());
}

SnapshotWriterThread::~SnapshotWriterThread() {
  if (thread_.joinable()) thread_.join();
}

void SnapshotWriterThread::start() {
  thread_ = std::thread([this] { run(); });
}

bool SnapshotWriterThread::has_room() {
  std::lock_guard lock(mu_);
  return queued_ < kMaxQueued;
}

void SnapshotWriterThread::push(std::string chunk) {
  if (chunk.empty()) return;
  {
    std::lock_guard lock(mu_);
    queued_ += chunk.size();
    queue_.push_back(std::move(chunk));
  }
  cv_.notify_one();
}

void SnapshotWriterThread::end_input() {
  {
    std::lock_guard lock(mu_);
    input_done_ = true;
  }
  cv_.notify_one();
}

void SnapshotWriterThread::cancel() {
  {
    std::lock_guard lock(mu_);
    cancelled_ = true;
    input_done_ = true;
  }
  cv_.notify_one();
}

void SnapshotWriterThread::run() {
  for (;;) {
    std::string chunk;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return !queue_.empty() || input_done_; });
      if (cancelled_) break;
      if (queue_.empty()) break;
      chunk = std::move(queue_.front());
      queue_.pop_front();
      queued_ -= chunk.size();
    }
    if (!stream_.write(chunk, error_)) {
      stream_.abort();
      finished_.store(true);
      return;
    }
  }
  if (cancelled_) {
    error_ = "cancelled";
    stream_.abort();
  } else {
    ok_ = stream_.finish(error_);
  }
  finished_.store(true);
}

}  // namespace ironkv::persistence
