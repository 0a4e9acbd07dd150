#include "persistence/aof_log.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace ironkv::persistence {

namespace asio = boost::asio;

// ---- AofFiles ----------------------------------------------------------------

bool AofFiles::persist_manifest(std::string& error) {
  if (hold_manifest.load()) return true;
  return write_file_atomically(dir, aof_manifest_name(prefix), manifest.serialize(), error);
}

bool AofFiles::read_manifest(std::string& error) {
  std::string manifest_path = path(aof_manifest_name(prefix));
  std::string text;
  if (!read_whole_file(manifest_path, text, error) || !AofManifest::parse(text, manifest, error)) {
    error = "Can't load the AOF manifest " + manifest_path + ": " + error;
    return false;
  }
  return true;
}

int AofFiles::open_new_incr(std::string& name, std::string& error) {
  int64_t seq = manifest.last_incr_seq() + 1;
  name = aof_incr_name(prefix, seq);
  int fd = ::open(path(name).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "Can't open the append-only file " + path(name) + ": " + std::strerror(errno);
    return -1;
  }
  manifest.files.push_back(AofManifest::File{name, seq, AofManifest::Type::kIncr});
  if (!persist_manifest(error)) {
    ::close(fd);
    manifest.files.pop_back();
    return -1;
  }
  return fd;
}

void AofFiles::recount() {
  base_size.store(manifest.base() ? file_size(path(manifest.base()->name)) : 0);
  auto incrs = manifest.incrs();
  uint64_t closed = 0;
  for (size_t i = 0; i + 1 < incrs.size(); ++i) closed += file_size(path(incrs[i]->name));
  closed_incr_size.store(closed);
}

// ---- AofLog ------------------------------------------------------------------

AofLog::AofLog(server::ServerContext& srv, server::Journal& journal, asio::any_io_executor strand)
    : srv_(&srv),
      journal_(&journal),
      strand_(std::move(strand)),
      files_(std::make_shared<AofFiles>()) {}

AofLog::~AofLog() { journal_->remove_sink(this); }

void AofLog::configure_files() {
  files_->dir = join_path(srv_->config.dir, srv_->config.appenddirname);
  files_->prefix = srv_->config.appendfilename;
}

bool AofLog::start(bool runtime, bool& needs_base, std::string& error) {
  const auto& cfg = srv_->config;
  configure_files();
  if (runtime) files_->hold_manifest.store(true);
  if (::mkdir(files_->dir.c_str(), 0755) != 0 && errno != EEXIST) {
    error = "Can't create the AOF directory " + files_->dir + ": " + std::strerror(errno);
    return false;
  }
  std::string manifest_path = files_->path(aof_manifest_name(files_->prefix));
  if (files_->manifest.files.empty() && file_exists(manifest_path) &&
      !files_->read_manifest(error)) {
    return false;
  }
  // Append to the last incr file, or start one.
  int fd = -1;
  std::string name;
  auto incrs = files_->manifest.incrs();
  if (!incrs.empty()) {
    name = incrs.back()->name;
    fd = ::open(files_->path(name).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
      error = "Can't open the append-only file " + files_->path(name) + ": " + std::strerror(errno);
  } else {
    fd = files_->open_new_incr(name, error);
  }
  if (fd < 0) return false;
  files_->recount();
  // Log positions count from this writer's start: a reply must never wait for
  // a position an earlier writer (before CONFIG SET appendonly no) reached.
  seq_ = 0;
  writer_ = std::make_unique<AofWriter>();
  writer_->set_drained_callback([this] {
    if (congested_.load()) asio::post(strand_, [this] { pump(); });
  });
  writer_->set_latency_callback(
      [srv = srv_](std::string_view event, uint64_t ms) { srv->latency_add_sample(event, ms); });
  writer_->start(fd, files_->path(name), file_size(files_->path(name)),
                 parse_fsync_policy(cfg.appendfsync));
  rewrite_base_size =
      files_->base_size.load() + files_->closed_incr_size.load() + writer_->current_size();
  on_ = true;
  journal_->add_sink(this);
  spdlog::info("AOF enabled: {} (appendfsync {})", files_->path(name), cfg.appendfsync);
  // At start-up a dataset not in the AOF yet needs a base too.
  needs_base = files_->manifest.base() == nullptr && incrs.empty();
  return true;
}

void AofLog::stop() {
  if (!on_) return;
  // Everything goes to the writer, then it flushes, fsyncs and stops.
  drain();
  writer_->join();
  writer_.reset();
  on_ = false;
  journal_->remove_sink(this);
  congested_.store(false);
  spdlog::info("AOF flushed and closed");
}

void AofLog::record(std::span<const std::string_view> argv) {
  size_t before = pending_.size();
  aof_append_command(pending_, argv);
  seq_ += pending_.size() - before;
}

// One message per turn of the strand, not per batch: the batches of every
// connection that ran meanwhile go to the writer thread together, so it wakes
// (and, with always, fsyncs) once for all of them. Replies that wait for
// durability wait for seq_, which already counts the pending bytes.
void AofLog::end_batch() {
  if (pending_.empty() || !on_ || flush_posted_) return;
  flush_posted_ = true;
  asio::post(strand_, [this] {
    flush_posted_ = false;
    flush_pending();
  });
}

uint64_t AofLog::durable_target() const {
  if (!on_ || writer_->policy() != FsyncPolicy::kAlways) return 0;
  return seq_;
}

bool AofLog::failing() const {
  return on_ && writer_ && (!writer_->last_write_ok() || !writer_->fsync_ok());
}

void AofLog::flush_pending() {
  if (pending_.empty() || !on_) return;
  AofWriter::Msg m;
  m.data = std::move(pending_);
  m.end_seq = seq_;
  pending_.clear();
  submit(std::move(m));
}

void AofLog::submit(AofWriter::Msg msg) {
  if (backlog_.empty() && writer_->try_submit(msg)) return;
  backlog_.push_back(std::move(msg));
  congested_.store(true);
  pump();
}

void AofLog::pump() {
  if (!writer_) return;
  while (!backlog_.empty() && writer_->try_submit(backlog_.front())) backlog_.pop_front();
  congested_.store(!backlog_.empty());
}

void AofLog::drain() {
  flush_pending();
  while (!backlog_.empty()) {
    pump();
    if (!backlog_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void AofLog::cron() {
  if (!on_) return;
  flush_pending();
  pump();
  AofWriter::Msg tick;
  tick.tick = true;
  if (backlog_.empty()) writer_->try_submit(tick);
}

void AofLog::flush_and_fsync() {
  if (!on_) return;
  drain();
  AofWriter::Msg m;
  m.op = [](AofWriter& w) { w.fsync_now(); };
  submit(std::move(m));
}

uint64_t AofLog::current_size() const {
  return files_->base_size.load() + files_->closed_incr_size.load() + writer_->current_size();
}

uint64_t AofLog::buffered() const {
  size_t buffered = pending_.size();
  for (const auto& m : backlog_) buffered += m.data.size();
  return buffered;
}

void AofLog::rotate_for_rewrite() {
  if (!on_) return;
  flush_pending();
  AofWriter::Msg rotate;
  auto files = files_;
  rotate.op = [files](AofWriter& w) {
    std::string name, err;
    // 0 = no rotation: the commit must then not drop any incr file.
    files->rewrite_incr_seq = 0;
    int fd = files->open_new_incr(name, err);
    if (fd < 0) {
      spdlog::error("AOF rewrite: {}", err);
      return;
    }
    files->rewrite_incr_seq = files->manifest.last_incr_seq();
    w.switch_file(fd, files->path(name), 0);
    files->recount();
  };
  submit(std::move(rotate));
  reset_db();  // the new file starts with a SELECT
}

void AofLog::commit_rewrite(const std::string& tmp) {
  auto files = files_;
  bool on = on_;
  auto commit = [files, tmp, on] {
    std::string err;
    if (on && files->rewrite_incr_seq == 0) {
      // The switch to a new incr file failed: the base would overlap the
      // current incr file. Keep the old files; the rewrite is dropped.
      spdlog::error("AOF rewrite: the new incr file could not be opened; rewrite discarded");
      ::unlink(tmp.c_str());
      return;
    }
    int64_t base_seq = files->manifest.base_seq() + 1;
    std::string base = aof_base_name(files->prefix, base_seq, true);
    if (::rename(tmp.c_str(), files->path(base).c_str()) != 0) {
      spdlog::error("AOF rewrite: can't rename {}: {}", tmp, std::strerror(errno));
      return;
    }
    AofManifest next;
    std::vector<std::string> obsolete;
    next.files.push_back(AofManifest::File{base, base_seq, AofManifest::Type::kBase});
    for (const auto& f : files->manifest.files) {
      bool keep = on && f.type == AofManifest::Type::kIncr && f.seq >= files->rewrite_incr_seq;
      if (keep)
        next.files.push_back(f);
      else
        obsolete.push_back(f.name);
    }
    AofManifest old = files->manifest;
    files->manifest = next;
    files->hold_manifest.store(false);  // the base exists now
    if (!files->persist_manifest(err)) {
      files->manifest = old;
      spdlog::error("AOF rewrite: can't write the manifest: {}", err);
      return;
    }
    for (const auto& name : obsolete) ::unlink(files->path(name).c_str());
    files->recount();
    spdlog::info("Background AOF rewrite finished successfully");
  };
  if (on) {
    AofWriter::Msg m;
    m.op = [commit](AofWriter&) { commit(); };
    submit(std::move(m));
  } else {
    commit();
  }
}

}  // namespace ironkv::persistence
