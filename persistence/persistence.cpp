#include "persistence/persistence.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace ironkv::persistence {

namespace asio = boost::asio;

namespace {

int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Persistence::Persistence(server::ServerContext& srv, store::Keyspace& ks,
                         command::Dispatcher& dispatcher, server::Journal* journal,
                         asio::any_io_executor strand)
    : srv_(&srv),
      ks_(&ks),
      own_journal_(journal ? nullptr : std::make_unique<server::Journal>(srv)),
      journal_(journal ? journal : own_journal_.get()),
      aof_(srv, *journal_, strand),
      jobs_(srv, ks, aof_, strand, [this] { refresh_misconf(); }),
      loader_(srv, ks, dispatcher) {}

Persistence::~Persistence() {
  jobs_.cancel();
  if (ks_->persistence_hooks() == this) ks_->set_persistence_hooks(nullptr);
}

// ---- Start-up ----------------------------------------------------------------

bool Persistence::load_and_start(std::string& error) {
  const auto& cfg = srv_->config;
  save_points_ = server::parse_save_points(cfg.save).value_or(std::vector<server::SavePoint>{});
  ks_->set_persistence_hooks(this);
  loading_.store(true);
  srv_->loading.store(true);
  ks_->set_loading(true);
  loading_start_ms_ = wall_ms();
  bool ok = true;
  auto start = std::chrono::steady_clock::now();
  if (cfg.appendonly) {
    aof_.configure_files();
    ok = loader_.load_aof(*aof_.files(), error);
  } else {
    std::string rdb = join_path(cfg.dir, cfg.dbfilename);
    if (file_exists(rdb)) ok = loader_.load_rdb_file(rdb, false, error);
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
  jobs_.mark_loaded(wall_ms());
  loader_.remove_stale_temp_files();
  if (cfg.appendonly && !start_aof(error)) return false;
  return true;
}

bool Persistence::start_aof(std::string& error, bool runtime) {
  bool needs_base = false;
  if (!aof_.start(runtime, needs_base, error)) return false;
  // Switched on at run time: the AOF files on disk (if any) are older than the
  // dataset, so it starts with a rewrite, as Redis's startAppendOnly does.
  // At start-up a dataset not in the AOF yet needs a base too.
  if (runtime || (ks_->total_keys() > 0 && needs_base)) {
    std::string reply;
    if (!jobs_.bgrewriteaof(reply)) spdlog::warn("Can't start the AOF base rewrite: {}", reply);
  }
  return true;
}

void Persistence::stop() { aof_.stop(); }

// ---- Keyspace hooks ----------------------------------------------------------

void Persistence::on_expired(int db, std::string_view key) {
  if (!journal_->has_sinks()) return;
  const std::string_view del[] = {"DEL", key};
  journal_->append(db, del);
}

void Persistence::before_change(store::Database& db, std::string_view key) {
  if (Snapshot* s = jobs_.snapshot()) s->before_change(db, key);
}

void Persistence::before_flush(store::Database& db) {
  if (Snapshot* s = jobs_.snapshot()) s->before_flush(db);
}

void Persistence::refresh_misconf() {
  std::string msg;
  const bool failing = aof_.failing();
  aof_.set_writer_failing(failing);
  if (failing) {
    msg = "MISCONF Errors writing to the AOF file: " + aof_.last_write_error();
  } else if (srv_->config.stop_writes_on_bgsave_error && jobs_.bgsave_failed() &&
             !save_points_.empty()) {
    msg = "MISCONF IronKV is configured to save RDB snapshots, but it's currently unable to "
          "persist to disk. Commands that may modify the data set are disabled, because this "
          "instance is configured to report errors during writes if RDB snapshotting fails "
          "(stop-writes-on-bgsave-error option). Please check the IronKV logs for details about "
          "the RDB error.";
  }
  srv_->misconf_error = std::move(msg);
}

// ---- Cron, shutdown, config --------------------------------------------------

void Persistence::cron() {
  aof_.cron();
  refresh_misconf();
  if (jobs_.running()) return;
  const int64_t now = wall_ms();
  if (jobs_.cron_save_points(save_points_, now)) return;
  // Automatic AOF rewrite once it grew by the percentage over the last base.
  const auto& cfg = srv_->config;
  if (aof_.on() && cfg.auto_aof_rewrite_percentage > 0) {
    uint64_t size = aof_.current_size();
    uint64_t base = std::max<uint64_t>(aof_.rewrite_base_size, 1);
    if (size >= cfg.auto_aof_rewrite_min_size &&
        (size - std::min(size, base)) * 100 / base >= static_cast<uint64_t>(cfg.auto_aof_rewrite_percentage)) {
      spdlog::info("Starting automatic rewriting of AOF on {}% growth",
                   (size - std::min(size, base)) * 100 / base);
      std::string reply;
      jobs_.bgrewriteaof(reply);
    }
  }
}

bool Persistence::prepare_shutdown(bool save_requested, bool nosave, std::string& error) {
  // The first base of a runtime-enabled AOF is finished (the writes since
  // CONFIG SET appendonly yes are only safe with it; Redis refuses to exit).
  if (aof_.on() && aof_.files()->hold_manifest.load()) jobs_.finish_first_base_now();
  // Any other running background job is abandoned (its temp file removed),
  // like Redis kills its child.
  jobs_.cancel();
  aof_.flush_and_fsync();
  bool want_save = !nosave && (save_requested || !save_points_.empty() || srv_->config.save_on_shutdown);
  if (want_save) {
    spdlog::info("Saving the final RDB snapshot before exiting.");
    std::string err;
    if (!jobs_.save(err)) {
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
    aof_.set_policy(parse_fsync_policy(cfg.appendfsync));
  } else if (option == "appendonly") {
    if (cfg.appendonly && !aof_.on()) return start_aof(error, true);
    if (!cfg.appendonly && aof_.on()) {
      jobs_.cancel_rewrite();
      aof_.stop();
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
  const auto& st = jobs_.stats();
  const Snapshot* snapshot = jobs_.snapshot();
  const int64_t now = wall_ms();
  const bool loading = loading_.load();
  const bool bgsave_running = jobs_.running(SnapshotJobs::Kind::kBgsave);
  const bool rewrite_running = jobs_.running(SnapshotJobs::Kind::kRewrite);
  num("loading", loading ? 1 : 0);
  num("async_loading", 0);
  num("current_cow_peak", 0);
  num("current_cow_size", static_cast<int64_t>(snapshot ? snapshot->pending_claimed_bytes() : 0));
  num("current_cow_size_age", 0);
  line("current_fork_perc", "0.00");
  num("current_save_keys_processed", static_cast<int64_t>(snapshot ? snapshot->keys_written() : 0));
  num("current_save_keys_total", static_cast<int64_t>(jobs_.running() ? ks_->total_keys() : 0));
  num("rdb_changes_since_last_save", static_cast<int64_t>(ks_->dirty()));
  num("rdb_bgsave_in_progress", bgsave_running ? 1 : 0);
  num("rdb_last_save_time", st.lastsave);
  line("rdb_last_bgsave_status", st.last_bgsave_status);
  num("rdb_last_bgsave_time_sec", st.last_bgsave_time_sec);
  num("rdb_current_bgsave_time_sec", bgsave_running ? (now - st.bgsave_start_ms) / 1000 : -1);
  num("rdb_saves", static_cast<int64_t>(st.rdb_saves));
  num("rdb_last_cow_size", static_cast<int64_t>(st.last_cow_bytes));
  num("rdb_last_load_keys_expired", 0);
  num("rdb_last_load_keys_loaded", static_cast<int64_t>(loader_.loaded_keys()));
  num("aof_enabled", aof_.on() ? 1 : 0);
  num("aof_rewrite_in_progress", rewrite_running ? 1 : 0);
  num("aof_rewrite_scheduled", st.rewrite_scheduled ? 1 : 0);
  num("aof_last_rewrite_time_sec", st.aof_last_rewrite_time_sec);
  num("aof_current_rewrite_time_sec",
      rewrite_running ? (now - st.aof_rewrite_start_ms) / 1000 : -1);
  line("aof_last_bgrewrite_status", st.aof_last_bgrewrite_status);
  num("aof_rewrites", static_cast<int64_t>(st.aof_rewrites));
  num("aof_rewrites_consecutive_failures", st.aof_last_bgrewrite_status == "ok" ? 0 : 1);
  line("aof_last_write_status", aof_.failing() ? "err" : "ok");
  num("aof_last_cow_size", 0);
  num("module_fork_in_progress", 0);
  num("module_fork_last_cow_size", 0);
  if (aof_.on()) {
    num("aof_current_size", static_cast<int64_t>(aof_.current_size()));
    num("aof_base_size", static_cast<int64_t>(aof_.base_size()));
    num("aof_pending_rewrite", st.rewrite_scheduled ? 1 : 0);
    num("aof_buffer_length", static_cast<int64_t>(aof_.buffered()));
    num("aof_pending_bio_fsync", static_cast<int64_t>(aof_.pending_fsync()));
    num("aof_delayed_fsync", static_cast<int64_t>(aof_.delayed_fsyncs()));
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
