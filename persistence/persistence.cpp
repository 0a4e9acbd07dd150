#include "persistence/persistence.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/resp/reply.h"
#include "core/util/strings.h"
#include "persistence/aof_loader.h"
#include "persistence/crc64.h"
#include "persistence/rdb_loader.h"

namespace ironkv::persistence {

namespace asio = boost::asio;

namespace {

int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

uint64_t file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

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

// Writes an RDB stream to a temp file and finishes it: checksum, fsync,
// optionally rename into place and fsync the directory.
class RdbFile {
 public:
  bool open(const std::string& tmp_path, std::string& error) {
    tmp_ = tmp_path;
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      error = "Failed opening the temp RDB file " + tmp_ + " (in server root dir " +
              cwd() + ") for saving: " + std::strerror(errno);
      return false;
    }
    return true;
  }
  bool write(std::string_view chunk, std::string& error) {
    crc_ = crc64(crc_, chunk.data(), chunk.size());
    bytes_ += chunk.size();
    if (!write_all(fd_, chunk, error)) {
      error = "Write error saving DB on disk: " + error;
      return false;
    }
    return true;
  }
  // `final_path` empty: leave the temp file (the AOF rewrite renames it).
  bool finish(bool checksum, const std::string& final_path, const std::string& dir,
              std::string& error) {
    std::string tail;
    rdb_append_checksum(tail, checksum ? crc_ : 0);
    if (!write_all(fd_, tail, error) || ::fsync(fd_) != 0) {
      if (error.empty()) error = std::strerror(errno);
      error = "Write error saving DB on disk: " + error;
      abort();
      return false;
    }
    ::close(fd_);
    fd_ = -1;
    if (!final_path.empty()) {
      if (::rename(tmp_.c_str(), final_path.c_str()) != 0) {
        error = "Error moving temp DB file " + tmp_ + " on the final destination " + final_path +
                ": " + std::strerror(errno);
        ::unlink(tmp_.c_str());
        return false;
      }
      if (!fsync_dir(dir, error)) {
        error = "Failed to fsync the directory after saving: " + error;
        return false;
      }
    }
    return true;
  }
  void abort() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    ::unlink(tmp_.c_str());
  }
  ~RdbFile() {
    if (fd_ >= 0) abort();
  }
  uint64_t bytes() const { return bytes_; }

 private:
  static std::string cwd() {
    char buf[4096];
    return ::getcwd(buf, sizeof buf) ? std::string(buf) : std::string("?");
  }
  std::string tmp_;
  int fd_ = -1;
  uint64_t crc_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace

// The multi-part AOF's files; edited only by the AOF writer thread once the
// writer runs (and by start-up before that).
struct Persistence::AofFiles {
  std::string dir;
  std::string prefix;
  AofManifest manifest;
  int64_t rewrite_incr_seq = 0;      // first incr file of the running rewrite
  std::atomic<uint64_t> base_size{0};
  std::atomic<uint64_t> closed_incr_size{0};  // incr files before the current one
  // While the first base of an AOF switched on at run time is written, the
  // manifest on disk must not name the new incr files: without their base they
  // would load a partial dataset after a crash (Redis: AOF_WAIT_REWRITE).
  std::atomic<bool> hold_manifest{false};

  std::string path(const std::string& name) const { return join_path(dir, name); }
  bool persist_manifest(std::string& error) {
    if (hold_manifest.load()) return true;
    return write_file_atomically(dir, aof_manifest_name(prefix), manifest.serialize(), error);
  }
  // Creates the next incr file, lists it in the manifest; returns its fd.
  int open_new_incr(std::string& name, std::string& error) {
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
  void recount() {
    base_size.store(manifest.base() ? file_size(path(manifest.base()->name)) : 0);
    auto incrs = manifest.incrs();
    uint64_t closed = 0;
    for (size_t i = 0; i + 1 < incrs.size(); ++i) closed += file_size(path(incrs[i]->name));
    closed_incr_size.store(closed);
  }
};

// A background snapshot's file side: a thread that writes the chunks the strand
// produces (bounded queue), then finishes the file.
class SnapshotJob {
 public:
  static constexpr size_t kMaxQueued = 8 << 20;

  SnapshotJob(Persistence::JobKind kind, std::string tmp, std::string final_path, std::string dir,
              bool checksum)
      : kind(kind), tmp_(std::move(tmp)), final_(std::move(final_path)), dir_(std::move(dir)),
        checksum_(checksum) {}
  ~SnapshotJob() {
    if (thread_.joinable()) thread_.join();
  }

  bool start(std::string& error) {
    if (!file_.open(tmp_, error)) return false;
    thread_ = std::thread([this] { run(); });
    return true;
  }
  bool has_room() {
    std::lock_guard lock(mu_);
    return queued_ < kMaxQueued;
  }
  void push(std::string chunk) {
    if (chunk.empty()) return;
    {
      std::lock_guard lock(mu_);
      queued_ += chunk.size();
      queue_.push_back(std::move(chunk));
    }
    cv_.notify_one();
  }
  void end_input() {
    {
      std::lock_guard lock(mu_);
      input_done_ = true;
    }
    cv_.notify_one();
  }
  void cancel() {
    {
      std::lock_guard lock(mu_);
      cancelled_ = true;
      input_done_ = true;
    }
    cv_.notify_one();
  }
  bool finished() const { return finished_.load(); }
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  const std::string& tmp_path() const { return tmp_; }
  uint64_t bytes() const { return file_.bytes(); }

  Persistence::JobKind kind;
  int64_t started_ms = 0;

 private:
  void run() {
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
      if (!file_.write(chunk, error_)) {
        file_.abort();
        finished_.store(true);
        return;
      }
    }
    if (cancelled_) {
      error_ = "cancelled";
      file_.abort();
    } else {
      ok_ = file_.finish(checksum_, final_, dir_, error_);
    }
    finished_.store(true);
  }

  std::string tmp_, final_, dir_;
  bool checksum_;
  RdbFile file_;
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

Persistence::Persistence(server::ServerContext& srv, store::Keyspace& ks,
                         command::Dispatcher& dispatcher, asio::any_io_executor strand)
    : srv_(&srv), ks_(&ks), dispatcher_(&dispatcher), strand_(std::move(strand)) {
  files_ = std::make_shared<AofFiles>();
}

Persistence::~Persistence() {
  if (job_) {
    job_->cancel();
    job_.reset();
  }
  snapshot_.reset();
  if (ks_->persistence_hooks() == this) ks_->set_persistence_hooks(nullptr);
}

int64_t Persistence::now_ms() const { return wall_ms(); }

std::string Persistence::aof_dir() const {
  return join_path(srv_->config.dir, srv_->config.appenddirname);
}

RdbWriteOptions Persistence::rdb_options() const {
  RdbWriteOptions o;
  o.compress = srv_->config.rdbcompression;
  return o;
}

std::vector<std::pair<std::string, std::string>> Persistence::aux(bool aof_base) const {
  return rdb_standard_aux(now_ms(), 0, aof_base);
}

// ---- Start-up ----------------------------------------------------------------

bool Persistence::load_and_start(std::string& error) {
  const auto& cfg = srv_->config;
  save_points_ = server::parse_save_points(cfg.save).value_or(std::vector<server::SavePoint>{});
  ks_->set_persistence_hooks(this);
  loading_.store(true);
  srv_->loading.store(true);
  ks_->set_loading(true);
  loading_start_ms_ = now_ms();
  bool ok = true;
  auto start = std::chrono::steady_clock::now();
  if (cfg.appendonly) {
    ok = load_aof(error);
  } else {
    std::string rdb = join_path(cfg.dir, cfg.dbfilename);
    if (file_exists(rdb)) ok = load_rdb_file(rdb, false, error);
  }
  ks_->set_loading(false);
  loading_.store(false);
  // srv_->loading stays set: the server clears it on the strand once the AOF is
  // open too (clients must not run commands before the log exists).
  if (!ok) return false;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (ks_->total_keys() > 0 || cfg.appendonly) {
    spdlog::info("DB loaded from {}: {:.3f} seconds ({} keys)", cfg.appendonly ? "append only file" : "disk",
                 secs, ks_->total_keys());
  }
  ks_->dirty() = 0;
  dirty_at_save_ = 0;
  lastsave_ = now_ms() / 1000;
  last_save_attempt_ms_ = now_ms();
  remove_stale_temp_files();
  if (cfg.appendonly && !start_aof(error)) return false;
  return true;
}

// Temp files of saves or rewrites interrupted by a crash (never referenced).
void Persistence::remove_stale_temp_files() {
  for (const std::string& dir : {srv_->config.dir, aof_dir()}) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) continue;
    while (dirent* e = ::readdir(d)) {
      std::string_view n = e->d_name;
      bool stale = n.rfind("temp-", 0) == 0 && n.size() > 9 &&
                   (n.substr(n.size() - 4) == ".rdb" || n.substr(n.size() - 4) == ".aof" ||
                    n.find(".manifest.") != std::string_view::npos);
      if (stale) {
        ::unlink(join_path(dir, std::string(n)).c_str());
        spdlog::info("Removed the stale temp file {} left by an interrupted save", n);
      }
    }
    ::closedir(d);
  }
}

bool Persistence::load_rdb_file(const std::string& path, bool is_aof_base, std::string& error) {
  const auto& cfg = srv_->config;
  RdbLoadOptions o;
  o.hash.max_listpack_entries = static_cast<size_t>(cfg.hash_max_listpack_entries);
  o.hash.max_listpack_value = static_cast<size_t>(cfg.hash_max_listpack_value);
  o.set.max_intset_entries = static_cast<size_t>(cfg.set_max_intset_entries);
  o.set.max_listpack_entries = static_cast<size_t>(cfg.set_max_listpack_entries);
  o.set.max_listpack_value = static_cast<size_t>(cfg.set_max_listpack_value);
  o.zset.max_listpack_entries = static_cast<size_t>(cfg.zset_max_listpack_entries);
  o.zset.max_listpack_value = static_cast<size_t>(cfg.zset_max_listpack_value);
  o.list_max_listpack_size = cfg.list_max_listpack_size;
  // An AOF base keeps keys that are expired now: commands after it may use
  // them (they were live then). A plain RDB drops them like Redis's master does.
  o.now_ms = is_aof_base ? std::numeric_limits<int64_t>::min() : now_ms();
  o.verify_checksum = cfg.rdbchecksum;
  RdbLoadResult r = rdb_load_file(path, *ks_, o);
  if (!r.ok) {
    error = "Short read or OOM loading DB. Unrecoverable error, aborting now. (" + path +
            ", offset " + std::to_string(r.error_offset) + "): " + r.error;
    if (r.error.find("checksum") != std::string::npos) {
      error = "Wrong RDB checksum in " + path + " (offset " + std::to_string(r.error_offset) +
              "): " + r.error + ". Aborting now.";
    }
    return false;
  }
  loaded_keys_ += r.keys_loaded;
  if (!is_aof_base) {
    spdlog::info("Loading RDB produced by version {}", r.aux.count("redis-ver") ? r.aux["redis-ver"] : "?");
    spdlog::info("Done loading RDB, keys loaded: {}, keys expired: {}.", r.keys_loaded,
                 r.expired_skipped);
  }
  return true;
}

bool Persistence::replay_aof_file(const std::string& path, bool last, std::string& error) {
  server::ClientState client;
  client.authenticated = true;
  client.id = 0;
  std::string scratch;
  const auto& table = dispatcher_->table();
  auto r = aof_scan_file(path, 0, [&](std::span<const std::string_view> argv, std::string& err) {
    if (table.find(argv[0]) == nullptr) {
      err = "Unknown command '" + std::string(argv[0].substr(0, 128)) +
            "' reading the append only file " + path;
      return false;
    }
    scratch.clear();
    resp::ReplyBuilder reply(scratch, 2);
    dispatcher_->execute(client, argv, reply);
    return true;
  });
  if (client.tx.in_multi) {
    // The MULTI was never closed: its commands are dropped (never executed).
    client.tx.in_multi = false;
    client.tx.queue.clear();
    spdlog::warn("Revert incomplete MULTI/EXEC transaction in AOF file {}", path);
  }
  switch (r.status) {
    case AofScanResult::Status::kOk:
      return true;
    case AofScanResult::Status::kTruncated:
      if (last && srv_->config.aof_load_truncated) {
        spdlog::warn("!!! Warning: short read while loading the AOF file {}!!!", path);
        spdlog::warn("!!! Truncating the AOF {} at offset {} !!!", path, r.valid_up_to);
        if (::truncate(path.c_str(), static_cast<off_t>(r.valid_up_to)) != 0) {
          error = "Error truncating the AOF file " + path + ": " + std::strerror(errno);
          return false;
        }
        spdlog::warn("AOF {} loaded anyway because aof-load-truncated is enabled", path);
        return true;
      }
      error = "Unexpected end of file reading the append only file " + path + " at offset " +
              std::to_string(r.error_offset) +
              ". You can: 1) Make a backup of your AOF file, then use ironkv-check-aof --fix "
              "<filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' "
              "configuration option to yes and restart the server.";
      return false;
    case AofScanResult::Status::kCorrupt:
      error = r.error + " (line " + std::to_string(r.error_line) +
              "). Make a backup of your AOF file, then use ironkv-check-aof --fix <filename.manifest>";
      return false;
    case AofScanResult::Status::kFailed:
      error = r.error;
      return false;
  }
  return true;
}

bool Persistence::load_aof(std::string& error) {
  const auto& cfg = srv_->config;
  files_->dir = aof_dir();
  files_->prefix = cfg.appendfilename;
  std::string manifest_path = files_->path(aof_manifest_name(files_->prefix));
  if (!file_exists(manifest_path)) {
    if (file_exists(join_path(cfg.dir, cfg.appendfilename))) {
      spdlog::warn("Found a single-file AOF {} from an older version; it is not loaded. Move it "
                   "into {} as a base file to use it.",
                   join_path(cfg.dir, cfg.appendfilename), files_->dir);
    }
    return true;  // nothing to load: start empty
  }
  std::string text;
  if (!read_whole_file(manifest_path, text, error) ||
      !AofManifest::parse(text, files_->manifest, error)) {
    error = "Can't load the AOF manifest " + manifest_path + ": " + error;
    return false;
  }
  std::vector<std::string> order;
  if (const auto* b = files_->manifest.base()) order.push_back(b->name);
  for (const auto* f : files_->manifest.incrs()) order.push_back(f->name);
  for (size_t i = 0; i < order.size(); ++i) {
    std::string path = files_->path(order[i]);
    const bool last = i + 1 == order.size();
    if (!file_exists(path)) {
      error = "The AOF file " + path + " listed in the manifest doesn't exist";
      return false;
    }
    if (file_size(path) == 0) continue;
    bool ok = file_starts_with_rdb(path) ? load_rdb_file(path, true, error)
                                         : replay_aof_file(path, last, error);
    if (!ok) return false;
    spdlog::info("DB loaded from {} file {}", i == 0 && files_->manifest.base() ? "base" : "incr",
                 path);
  }
  return true;
}

bool Persistence::start_aof(std::string& error, bool runtime) {
  const auto& cfg = srv_->config;
  files_->dir = aof_dir();
  files_->prefix = cfg.appendfilename;
  if (runtime) files_->hold_manifest.store(true);
  if (::mkdir(files_->dir.c_str(), 0755) != 0 && errno != EEXIST) {
    error = "Can't create the AOF directory " + files_->dir + ": " + std::strerror(errno);
    return false;
  }
  std::string manifest_path = files_->path(aof_manifest_name(files_->prefix));
  if (files_->manifest.files.empty() && file_exists(manifest_path)) {
    std::string text;
    if (!read_whole_file(manifest_path, text, error) ||
        !AofManifest::parse(text, files_->manifest, error)) {
      error = "Can't load the AOF manifest " + manifest_path + ": " + error;
      return false;
    }
  }
  // Append to the last incr file, or start one.
  int fd = -1;
  std::string name;
  auto incrs = files_->manifest.incrs();
  if (!incrs.empty()) {
    name = incrs.back()->name;
    fd = ::open(files_->path(name).c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) error = "Can't open the append-only file " + files_->path(name) + ": " + std::strerror(errno);
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
  aof_rewrite_base_size_ = files_->base_size.load() + files_->closed_incr_size.load() +
                           writer_->current_size();
  aof_on_ = true;
  log_db_ = -1;
  srv_->command_log = this;
  spdlog::info("AOF enabled: {} (appendfsync {})", files_->path(name), cfg.appendfsync);
  // Switched on at run time: the AOF files on disk (if any) are older than the
  // dataset, so it starts with a rewrite, as Redis's startAppendOnly does.
  // At start-up a dataset not in the AOF yet needs a base too.
  if (runtime ||
      (ks_->total_keys() > 0 && files_->manifest.base() == nullptr && incrs.empty())) {
    std::string reply;
    if (!bgrewriteaof(reply)) spdlog::warn("Can't start the AOF base rewrite: {}", reply);
  }
  return true;
}

void Persistence::stop_aof() {
  if (!aof_on_) return;
  // Everything goes to the writer, then it flushes, fsyncs and stops.
  drain_to_writer();
  writer_->join();
  writer_.reset();
  aof_on_ = false;
  srv_->command_log = nullptr;
  congested_.store(false);
  spdlog::info("AOF flushed and closed");
}

void Persistence::stop() { stop_aof(); }

// ---- Command log -------------------------------------------------------------

void Persistence::append(int db, std::span<const std::string_view> argv) {
  size_t before = pending_.size();
  if (db != log_db_) {
    std::string n = std::to_string(db);
    const std::string_view select[] = {"SELECT", n};
    aof_append_command(pending_, select);
    log_db_ = db;
  }
  aof_append_command(pending_, argv);
  seq_ += pending_.size() - before;
}

// One message per turn of the strand, not per batch: the batches of every
// connection that ran meanwhile go to the writer thread together, so it wakes
// (and, with always, fsyncs) once for all of them. Replies that wait for
// durability wait for seq_, which already counts the pending bytes.
void Persistence::end_batch() {
  if (pending_.empty() || !aof_on_ || flush_posted_) return;
  flush_posted_ = true;
  asio::post(strand_, [this] {
    flush_posted_ = false;
    flush_pending();
  });
}

// Hands what was appended to the writer now: before a file rotation (the new
// incr file must hold only what comes after the snapshot instant), at
// shutdown, and on every cron tick.
// Hands everything logged to the writer's channel, waiting for room (shutdown
// and CONFIG SET appendonly no only: it blocks the strand until the writer keeps up).
void Persistence::drain_to_writer() {
  flush_pending();
  while (!backlog_.empty()) {
    pump();
    if (!backlog_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

bool Persistence::aof_failing() const {
  return aof_on_ && writer_ && (!writer_->last_write_ok() || !writer_->fsync_ok());
}

void Persistence::flush_pending() {
  if (pending_.empty() || !aof_on_) return;
  AofWriter::Msg m;
  m.data = std::move(pending_);
  m.end_seq = seq_;
  pending_.clear();
  submit(std::move(m));
}

uint64_t Persistence::durable_target() const {
  if (!aof_on_ || writer_->policy() != FsyncPolicy::kAlways) return 0;
  return seq_;
}

void Persistence::submit(AofWriter::Msg msg) {
  if (backlog_.empty() && writer_->try_submit(msg)) return;
  backlog_.push_back(std::move(msg));
  congested_.store(true);
  pump();
}

void Persistence::pump() {
  if (!writer_) return;
  while (!backlog_.empty() && writer_->try_submit(backlog_.front())) backlog_.pop_front();
  congested_.store(!backlog_.empty());
}

void Persistence::on_expired(int db, std::string_view key) {
  if (!aof_on_) return;
  const std::string_view del[] = {"DEL", key};
  append(db, del);
}

void Persistence::before_change(store::Database& db, std::string_view key) {
  if (snapshot_) snapshot_->before_change(db, key);
}

void Persistence::before_flush(store::Database& db) {
  if (snapshot_) snapshot_->before_flush(db);
}

void Persistence::refresh_misconf() {
  std::string msg;
  const bool failing = aof_failing();
  writer_failing_.store(failing);
  if (failing) {
    msg = "MISCONF Errors writing to the AOF file: " + writer_->last_write_error();
  } else if (srv_->config.stop_writes_on_bgsave_error && last_bgsave_status_ == "err" &&
             !save_points_.empty()) {
    msg = "MISCONF IronKV is configured to save RDB snapshots, but it's currently unable to "
          "persist to disk. Commands that may modify the data set are disabled, because this "
          "instance is configured to report errors during writes if RDB snapshotting fails "
          "(stop-writes-on-bgsave-error option). Please check the IronKV logs for details about "
          "the RDB error.";
  }
  srv_->misconf_error = std::move(msg);
}

// ---- Snapshots ---------------------------------------------------------------

bool Persistence::save(std::string& error) {
  if (job_ && job_->kind == JobKind::kBgsave) {
    error = "ERR Background save already in progress";
    return false;
  }
  const auto& cfg = srv_->config;
  auto start = std::chrono::steady_clock::now();
  std::string final_path = join_path(cfg.dir, cfg.dbfilename);
  std::string tmp = join_path(cfg.dir, "temp-" + std::to_string(::getpid()) + ".rdb");
  RdbFile file;
  std::string err;
  bool ok = file.open(tmp, err);
  uint64_t dirty_start = ks_->dirty();
  if (ok) {
    // Blocking, like Redis's SAVE: one pass, nothing changes meanwhile. The
    // running BGREWRITEAOF (if any) keeps its own view.
    Snapshot snap(*ks_, rdb_options(), aux(false));
    std::string chunk;
    bool done = false;
    while (ok && !done) {
      chunk.clear();
      done = snap.step(std::chrono::hours(1), chunk, 4 << 20);
      ok = file.write(chunk, err);
    }
    if (ok) ok = file.finish(cfg.rdbchecksum, final_path, cfg.dir, err);
  }
  if (!ok) {
    spdlog::warn("{}", err);
    last_bgsave_status_ = "err";
    error = "ERR " + err;
    refresh_misconf();
    return false;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("DB saved on disk ({} bytes, {:.3f} s)", file.bytes(), secs);
  ks_->dirty() -= std::min(ks_->dirty(), dirty_start);
  dirty_at_save_ = 0;
  lastsave_ = now_ms() / 1000;
  last_bgsave_status_ = "ok";
  ++rdb_saves_;
  refresh_misconf();
  return true;
}

bool Persistence::bgsave(bool schedule, std::string& reply) {
  if (job_) {
    if (job_->kind == JobKind::kBgsave) {
      reply = "ERR Background save already in progress";
      return false;
    }
    if (schedule) {
      bgsave_scheduled_ = true;
      reply = "Background saving scheduled";
      return true;
    }
    reply = "ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE "
            "SCHEDULE in order to schedule a BGSAVE whenever possible.";
    return false;
  }
  std::string err;
  if (!start_job(JobKind::kBgsave, err)) {
    reply = "ERR " + err;
    return false;
  }
  reply = "Background saving started";
  return true;
}

bool Persistence::bgrewriteaof(std::string& reply) {
  if (job_ && job_->kind == JobKind::kRewrite) {
    reply = "ERR Background append only file rewriting already in progress";
    return false;
  }
  if (job_) {
    rewrite_scheduled_ = true;
    reply = "Background append only file rewriting scheduled";
    return true;
  }
  std::string err;
  if (!start_job(JobKind::kRewrite, err)) {
    reply = "ERR " + err;
    return false;
  }
  reply = "Background append only file rewriting started";
  return true;
}

bool Persistence::start_job(JobKind kind, std::string& error) {
  const auto& cfg = srv_->config;
  std::string tmp, final_path, dir;
  if (kind == JobKind::kBgsave) {
    dir = cfg.dir;
    tmp = join_path(dir, "temp-" + std::to_string(::getpid()) + "-bg.rdb");
    final_path = join_path(dir, cfg.dbfilename);
  } else {
    dir = aof_dir();
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      error = "Can't create the AOF directory " + dir + ": " + std::strerror(errno);
      return false;
    }
    files_->dir = dir;
    files_->prefix = cfg.appendfilename;
    // One name per rewrite: the previous rewrite's file may still be waiting
    // for its rename on the writer thread (a scheduled or automatic rewrite
    // starts right after job_done), and must not be truncated under it.
    tmp = join_path(dir, "temp-rewriteaof-bg-" + std::to_string(::getpid()) + "-" +
                             std::to_string(++rewrite_jobs_) + ".aof");
  }
  auto job = std::make_shared<SnapshotJob>(kind, tmp, final_path, dir, cfg.rdbchecksum);
  if (!job->start(error)) return false;
  if (kind == JobKind::kRewrite && aof_on_) {
    // From this instant new writes go to a new incr file; the base is the
    // snapshot of this same instant.
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
    log_db_ = -1;  // the new file starts with a SELECT
  }
  job->started_ms = now_ms();
  dirty_before_bgsave_ = ks_->dirty();
  snapshot_ = std::make_unique<Snapshot>(*ks_, rdb_options(), aux(kind == JobKind::kRewrite));
  job_ = job;
  if (kind == JobKind::kBgsave) {
    bgsave_start_ms_ = job->started_ms;
    spdlog::info("Background saving started");
  } else {
    aof_rewrite_start_ms_ = job->started_ms;
    spdlog::info("Background append only file rewriting started");
  }
  asio::co_spawn(strand_, drive_job(job), asio::detached);
  return true;
}

asio::awaitable<void> Persistence::drive_job(std::shared_ptr<SnapshotJob> job) {
  constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
  asio::steady_timer timer(strand_);
  // Slices of about 250 us on the strand; clients run between them.
  while (job_ == job && snapshot_ && !snapshot_->done()) {
    if (job->has_room()) {
      std::string out;
      // 250 us slices: a client waiting behind one gets its turn soon (the
      // BGSAVE probe saw ~1 ms per request with 1 ms slices).
      snapshot_->step(std::chrono::microseconds(250), out);
      job->push(std::move(out));
      co_await asio::post(strand_, asio::use_awaitable);
    } else {
      timer.expires_after(std::chrono::milliseconds(1));
      co_await timer.async_wait(kUseTuple);
    }
  }
  if (job_ != job) co_return;  // cancelled
  last_cow_bytes_ = 0;
  job->end_input();
  snapshot_.reset();  // thaws the tables; nothing more is claimed
  while (!job->finished()) {
    timer.expires_after(std::chrono::milliseconds(2));
    co_await timer.async_wait(kUseTuple);
  }
  if (job_ != job) co_return;  // finished (or cancelled) by a shutdown meanwhile
  double secs = static_cast<double>(now_ms() - job->started_ms) / 1000.0;
  job_done(job->kind, job->ok(), job->error(), secs);
}

void Persistence::finish_job_now() {
  auto job = job_;
  if (!job) return;
  spdlog::info("Finishing the AOF rewrite before exiting");
  while (snapshot_ && !snapshot_->done()) {
    std::string out;
    snapshot_->step(std::chrono::hours(1), out, 4 << 20);
    while (!job->has_room()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    job->push(std::move(out));
  }
  job->end_input();
  snapshot_.reset();
  while (!job->finished()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // drive_job sees job_ changed and leaves it alone.
  job_done(job->kind, job->ok(), job->error(), static_cast<double>(now_ms() - job->started_ms) / 1000.0);
}

void Persistence::job_done(JobKind kind, bool ok, const std::string& error, double seconds) {
  auto job = job_;
  job_.reset();
  if (kind == JobKind::kBgsave) {
    last_bgsave_time_sec_ = static_cast<int64_t>(seconds + 0.5);
    if (ok) {
      spdlog::info("Background saving terminated with success ({:.3f} s)", seconds);
      ks_->dirty() -= std::min(ks_->dirty(), dirty_before_bgsave_);
      lastsave_ = now_ms() / 1000;
      last_bgsave_status_ = "ok";
      ++rdb_saves_;
    } else {
      spdlog::warn("Background saving error: {}", error);
      last_bgsave_status_ = "err";
    }
  } else {
    aof_last_rewrite_time_sec_ = static_cast<int64_t>(seconds + 0.5);
    if (!ok) {
      spdlog::warn("Background AOF rewrite failed: {}", error);
      aof_last_bgrewrite_status_ = "err";
    } else {
      // Swap in the new base: rename, manifest, delete the replaced files. On
      // the writer thread (ordered after the incr rotation), or here when the
      // AOF is off.
      auto files = files_;
      std::string tmp = job->tmp_path();
      bool on = aof_on_;
      auto commit = [files, tmp, on](AofWriter*) {
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
          if (keep) next.files.push_back(f);
          else obsolete.push_back(f.name);
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
        m.op = [commit](AofWriter& w) { commit(&w); };
        submit(std::move(m));
      } else {
        commit(nullptr);
      }
      aof_last_bgrewrite_status_ = "ok";
      ++aof_rewrites_;
      aof_rewrite_base_size_ = job->bytes();
    }
  }
  refresh_misconf();
  // Whatever was waiting for this one.
  std::string reply;
  if (rewrite_scheduled_) {
    rewrite_scheduled_ = false;
    bgrewriteaof(reply);
  } else if (bgsave_scheduled_) {
    bgsave_scheduled_ = false;
    bgsave(false, reply);
  }
}

// ---- Cron, shutdown, config --------------------------------------------------

void Persistence::cron() {
  if (aof_on_) {
    flush_pending();
    pump();
    AofWriter::Msg tick;
    tick.tick = true;
    if (backlog_.empty()) writer_->try_submit(tick);
  }
  refresh_misconf();
  if (job_) return;
  const int64_t now = now_ms();
  // Save points: "after N seconds if at least M changes". A failed save is
  // retried after 5 seconds (Redis CONFIG_BGSAVE_RETRY_DELAY).
  for (const auto& sp : save_points_) {
    if (ks_->dirty() >= static_cast<uint64_t>(sp.changes) && sp.changes >= 0 &&
        now - lastsave_ * 1000 > sp.seconds * 1000 &&
        (last_bgsave_status_ == "ok" || now - last_save_attempt_ms_ > 5000)) {
      spdlog::info("{} changes in {} seconds. Saving...", sp.changes, sp.seconds);
      last_save_attempt_ms_ = now;
      std::string reply;
      bgsave(false, reply);
      return;
    }
  }
  // Automatic AOF rewrite once it grew by the percentage over the last base.
  const auto& cfg = srv_->config;
  if (aof_on_ && cfg.auto_aof_rewrite_percentage > 0) {
    uint64_t size = files_->base_size.load() + files_->closed_incr_size.load() + writer_->current_size();
    uint64_t base = std::max<uint64_t>(aof_rewrite_base_size_, 1);
    if (size >= cfg.auto_aof_rewrite_min_size &&
        (size - std::min(size, base)) * 100 / base >= static_cast<uint64_t>(cfg.auto_aof_rewrite_percentage)) {
      spdlog::info("Starting automatic rewriting of AOF on {}% growth",
                   (size - std::min(size, base)) * 100 / base);
      std::string reply;
      bgrewriteaof(reply);
    }
  }
}

bool Persistence::prepare_shutdown(bool save_requested, bool nosave, std::string& error) {
  // The first base of a runtime-enabled AOF is finished (the writes since
  // CONFIG SET appendonly yes are only safe with it; Redis refuses to exit).
  // If it is still scheduled behind a BGSAVE, that BGSAVE gives way to it.
  if (aof_on_ && files_->hold_manifest.load()) {
    if (job_ && job_->kind != JobKind::kRewrite) {
      job_->cancel();
      job_.reset();
      snapshot_.reset();
    }
    rewrite_scheduled_ = false;
    std::string err;
    if (!job_ && !start_job(JobKind::kRewrite, err)) {
      spdlog::warn("Can't write the AOF base before exiting: {}", err);
    }
    if (job_) finish_job_now();
  }
  // Any other running background job is abandoned (its temp file removed),
  // like Redis kills its child.
  if (job_) {
    job_->cancel();
    job_.reset();
    snapshot_.reset();
  }
  if (aof_on_) {
    drain_to_writer();
    AofWriter::Msg m;
    m.op = [](AofWriter& w) { w.fsync_now(); };
    submit(std::move(m));
  }
  bool want_save = !nosave && (save_requested || !save_points_.empty() || srv_->config.save_on_shutdown);
  if (want_save) {
    spdlog::info("Saving the final RDB snapshot before exiting.");
    std::string err;
    if (!save(err)) {
      error = "Errors trying to shut down the server. Check the logs for more information.";
      spdlog::warn("Error trying to save the DB, can't exit.");
      return false;
    }
  }
  return true;
}

bool Persistence::apply_config(std::string_view option, std::string& error) {
  const auto& cfg = srv_->config;
  if (option == "appendfsync") {
    if (writer_) writer_->set_policy(parse_fsync_policy(cfg.appendfsync));
  } else if (option == "appendonly") {
    if (cfg.appendonly && !aof_on_) return start_aof(error, true);
    if (!cfg.appendonly && aof_on_) {
      if (job_ && job_->kind == JobKind::kRewrite) {
        job_->cancel();
        job_.reset();
        snapshot_.reset();
      }
      stop_aof();
    }
  } else if (option == "save") {
    save_points_ = server::parse_save_points(cfg.save).value_or(std::vector<server::SavePoint>{});
    refresh_misconf();
  }
  return true;
}

void Persistence::info(std::string& out) {
  auto line = [&out](std::string_view k, const std::string& v) {
    out.append(k);
    out.push_back(':');
    out.append(v);
    out.append("\r\n");
  };
  auto num = [&line](std::string_view k, int64_t v) { line(k, std::to_string(v)); };
  const int64_t now = now_ms();
  const bool loading = loading_.load();
  const bool bgsave_running = job_ && job_->kind == JobKind::kBgsave;
  const bool rewrite_running = job_ && job_->kind == JobKind::kRewrite;
  num("loading", loading ? 1 : 0);
  num("async_loading", 0);
  num("current_cow_peak", 0);
  num("current_cow_size", static_cast<int64_t>(snapshot_ ? snapshot_->pending_claimed_bytes() : 0));
  num("current_cow_size_age", 0);
  line("current_fork_perc", "0.00");
  num("current_save_keys_processed", static_cast<int64_t>(snapshot_ ? snapshot_->keys_written() : 0));
  num("current_save_keys_total", static_cast<int64_t>(job_ ? ks_->total_keys() : 0));
  num("rdb_changes_since_last_save", static_cast<int64_t>(ks_->dirty()));
  num("rdb_bgsave_in_progress", bgsave_running ? 1 : 0);
  num("rdb_last_save_time", lastsave_);
  line("rdb_last_bgsave_status", last_bgsave_status_);
  num("rdb_last_bgsave_time_sec", last_bgsave_time_sec_);
  num("rdb_current_bgsave_time_sec", bgsave_running ? (now - bgsave_start_ms_) / 1000 : -1);
  num("rdb_saves", static_cast<int64_t>(rdb_saves_));
  num("rdb_last_cow_size", static_cast<int64_t>(last_cow_bytes_));
  num("rdb_last_load_keys_expired", 0);
  num("rdb_last_load_keys_loaded", static_cast<int64_t>(loaded_keys_));
  num("aof_enabled", aof_on_ ? 1 : 0);
  num("aof_rewrite_in_progress", rewrite_running ? 1 : 0);
  num("aof_rewrite_scheduled", rewrite_scheduled_ ? 1 : 0);
  num("aof_last_rewrite_time_sec", aof_last_rewrite_time_sec_);
  num("aof_current_rewrite_time_sec", rewrite_running ? (now - aof_rewrite_start_ms_) / 1000 : -1);
  line("aof_last_bgrewrite_status", aof_last_bgrewrite_status_);
  num("aof_rewrites", static_cast<int64_t>(aof_rewrites_));
  num("aof_rewrites_consecutive_failures", aof_last_bgrewrite_status_ == "ok" ? 0 : 1);
  line("aof_last_write_status", aof_failing() ? "err" : "ok");
  num("aof_last_cow_size", 0);
  num("module_fork_in_progress", 0);
  num("module_fork_last_cow_size", 0);
  if (aof_on_ && writer_) {
    uint64_t size = files_->base_size.load() + files_->closed_incr_size.load() + writer_->current_size();
    num("aof_current_size", static_cast<int64_t>(size));
    num("aof_base_size", static_cast<int64_t>(files_->base_size.load()));
    num("aof_pending_rewrite", rewrite_scheduled_ ? 1 : 0);
    size_t buffered = pending_.size();
    for (const auto& m : backlog_) buffered += m.data.size();
    num("aof_buffer_length", static_cast<int64_t>(buffered));
    num("aof_pending_bio_fsync", static_cast<int64_t>(writer_->pending_fsync()));
    num("aof_delayed_fsync", static_cast<int64_t>(writer_->delayed_fsyncs()));
  }
  if (loading) {
    num("loading_start_time", loading_start_ms_ / 1000);
    num("loading_total_bytes", 0);
    num("loading_rdb_used_mem", 0);
    num("loading_loaded_bytes", 0);
    line("loading_loaded_perc", "0.00");
    num("loading_eta_seconds", 1);
  }
}

}  // namespace ironkv::persistence
