#pragma once
// What the rest of the server needs from scripting (core/scripting): the state
// of a running script, readable from io threads (a connection answers -BUSY and
// takes SCRIPT KILL / FUNCTION KILL while a script holds the keyspace past
// busy-reply-threshold), and the function libraries as part of the dataset
// (RDB FUNCTION2 records, the AOF base, FUNCTION DUMP) and of INFO.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::server {

// Written on the keyspace strand by the running script, read anywhere.
struct ScriptStatus {
  std::atomic<bool> running{false};
  // Past busy-reply-threshold: other clients get -BUSY.
  std::atomic<bool> busy{false};
  std::atomic<bool> is_function{false};  // FCALL (FUNCTION KILL) vs EVAL (SCRIPT KILL)
  std::atomic<bool> wrote{false};        // wrote to the dataset: UNKILLABLE
  std::atomic<bool> kill{false};         // SCRIPT KILL / FUNCTION KILL asked
  std::atomic<bool> shutdown{false};     // SHUTDOWN NOSAVE asked: kill, then shut down
  // Hook-driven polling for io-threads 1 (set by the server; may be empty).
  void (*poll)(void* arg) = nullptr;
  void* poll_arg = nullptr;
};

// What a connection answers, without the keyspace, to a command that arrives
// while a script is busy (Redis processCommand's BUSY rules): -BUSY, or the
// outcome of SCRIPT KILL / FUNCTION KILL / SHUTDOWN NOSAVE. `name`/`sub` are
// argv[0]/argv[1] (sub may be empty). Empty = not answered (a connection then
// runs it normally: the command is allowed while busy and waits its turn).
std::string busy_reply(ScriptStatus& st, std::string_view name, std::string_view sub,
                       bool shutdown_nosave);

class ScriptingHost {
 public:
  virtual ~ScriptingHost() = default;
  // INFO: memory of the EVAL Lua state, of the functions' state, cached scripts.
  virtual size_t eval_memory() const = 0;
  virtual size_t functions_memory() const = 0;
  virtual size_t scripts_memory() const = 0;
  virtual size_t cached_scripts() const = 0;
  virtual size_t libraries_count() const = 0;
  virtual size_t functions_count() const = 0;
  // The libraries' code in creation order (each one RDB FUNCTION2 record).
  virtual std::vector<std::string> library_codes() const = 0;
  // Loads one library (start-up loading, FUNCTION RESTORE); false + error on failure.
  virtual bool load_library(std::string_view code, bool replace, std::string& error) = 0;
  virtual void flush_functions() = 0;
};

}  // namespace ironkv::server
