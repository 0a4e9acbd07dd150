#include "persistence/startup_load.h"

#include <dirent.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>

#include "core/resp/reply.h"
#include "persistence/aof_loader.h"
#include "persistence/aof_log.h"
#include "persistence/load_options.h"
#include "persistence/rdb_loader.h"

namespace ironkv::persistence {

namespace {

int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

// Temp files of saves or rewrites interrupted by a crash (never referenced).
void StartupLoader::remove_stale_temp_files() {
  for (const std::string& dir :
       {srv_->config.dir, join_path(srv_->config.dir, srv_->config.appenddirname)}) {
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

bool StartupLoader::load_rdb_file(const std::string& path, bool is_aof_base, std::string& error) {
  RdbLoadOptions o = rdb_load_options(srv_->config);
  // An AOF base keeps keys that are expired now: commands after it may use
  // them (they were live then). A plain RDB drops them like Redis's master does.
  o.now_ms = is_aof_base ? std::numeric_limits<int64_t>::min() : wall_ms();
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
  // Function libraries are part of the dataset (RDB_OPCODE_FUNCTION2).
  for (const std::string& code : r.functions) {
    if (!srv_->scripting) break;
    std::string lib_error;
    if (!srv_->scripting->load_library(code, true, lib_error)) {
      error = "Failed loading library from " + path + ": " + lib_error;
      return false;
    }
  }
  if (!is_aof_base) {
    spdlog::info("Loading RDB produced by version {}",
                 r.aux.count("redis-ver") ? r.aux["redis-ver"] : "?");
    spdlog::info("Done loading RDB, keys loaded: {}, keys expired: {}.", r.keys_loaded,
                 r.expired_skipped);
  }
  return true;
}

bool StartupLoader::replay_aof_file(const std::string& path, bool last, std::string& error) {
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
      error =
          r.error + " (line " + std::to_string(r.error_line) +
          "). Make a backup of your AOF file, then use ironkv-check-aof --fix <filename.manifest>";
      return false;
    case AofScanResult::Status::kFailed:
      error = r.error;
      return false;
  }
  return true;
}

bool StartupLoader::load_aof(AofFiles& files, std::string& error) {
  const auto& cfg = srv_->config;
  std::string manifest_path = files.path(aof_manifest_name(files.prefix));
  if (!file_exists(manifest_path)) {
    if (file_exists(join_path(cfg.dir, cfg.appendfilename))) {
      spdlog::warn(
          "Found a single-file AOF {} from an older version; it is not loaded. Move it "
          "into {} as a base file to use it.",
          join_path(cfg.dir, cfg.appendfilename), files.dir);
    }
    return true;  // nothing to load: start empty
  }
  if (!files.read_manifest(error)) return false;
  std::vector<std::string> order;
  if (const auto* b = files.manifest.base()) order.push_back(b->name);
  for (const auto* f : files.manifest.incrs()) order.push_back(f->name);
  for (size_t i = 0; i < order.size(); ++i) {
    std::string path = files.path(order[i]);
    const bool last = i + 1 == order.size();
    if (!file_exists(path)) {
      error = "The AOF file " + path + " listed in the manifest doesn't exist";
      return false;
    }
    if (file_size(path) == 0) continue;
    bool ok = file_starts_with_rdb(path) ? load_rdb_file(path, true, error)
                                         : replay_aof_file(path, last, error);
    if (!ok) return false;
    spdlog::info("DB loaded from {} file {}", i == 0 && files.manifest.base() ? "base" : "incr",
                 path);
  }
  return true;
}

}  // namespace ironkv::persistence
