#pragma once
// Start-up loading: the multi-part AOF (base RDB or AOF, then the incr files,
// replayed through the dispatcher) when appendonly is on, else the RDB file;
// and the removal of temp files a crash left behind. Runs on the strand before
// the server accepts clients.

#include <cstdint>
#include <string>

#include "core/command/dispatcher.h"
#include "core/server/server_context.h"
#include "core/store/keyspace.h"

namespace ironkv::persistence {

struct AofFiles;

class StartupLoader {
 public:
  StartupLoader(server::ServerContext& srv, store::Keyspace& ks, command::Dispatcher& dispatcher)
      : srv_(&srv), ks_(&ks), dispatcher_(&dispatcher) {}

  // Reads the manifest into `files` (dir and prefix set) and loads what it
  // lists. No manifest: nothing to load (true). False with Redis's error text.
  bool load_aof(AofFiles& files, std::string& error);
  // `is_aof_base`: keys expired now are kept (later commands may use them).
  bool load_rdb_file(const std::string& path, bool is_aof_base, std::string& error);
  // `last`: the last file of the AOF (a truncated tail may be cut there).
  bool replay_aof_file(const std::string& path, bool last, std::string& error);
  // Temp files of saves or rewrites interrupted by a crash (never referenced).
  void remove_stale_temp_files();

  uint64_t loaded_keys() const { return loaded_keys_; }

 private:
  server::ServerContext* srv_;
  store::Keyspace* ks_;
  command::Dispatcher* dispatcher_;
  uint64_t loaded_keys_ = 0;
};

}  // namespace ironkv::persistence
