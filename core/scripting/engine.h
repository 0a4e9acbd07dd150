#pragma once
// Lua scripting as Redis 7.0: the EVAL script cache and the function libraries,
// each with its own Lua state (lua_runtime.h), and the run of one script or
// function on the keyspace strand.
//
// A script's redis.call goes through the normal Dispatcher with the engine's
// script client (same table, arity and flag checks as any client), its reply is
// read back into Lua values, and the writes it makes are captured as effects:
// after the script they reach the AOF as one unit, wrapped in MULTI/EXEC when
// there is more than one (Redis 7.0 always replicates effects, never the script).
//
// Busy scripts: a count hook runs every 100k Lua instructions. Past
// busy-reply-threshold it marks server.script.busy (io threads then answer
// -BUSY and take SCRIPT/FUNCTION KILL without the keyspace, see
// core/net/connection.cpp), calls the server's poller (io-threads 1), and
// raises the kill error once a kill was asked.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/scripting/lua_runtime.h"
#include "core/server/scripting.h"

namespace ironkv::scripting {

// Shebang flags (#!lua flags=…) and function flags.
enum ScriptFlag : uint32_t {
  kNoWrites = 1u << 0,
  kAllowOom = 1u << 1,
  kAllowStale = 1u << 2,
  kNoCluster = 1u << 3,
  kAllowCrossSlot = 1u << 4,
  kCompatMode = 1u << 5,  // EVAL without a shebang (7.0's eval compat mode)
};
// Parses "no-writes,allow-oom,…" (for EVAL shebangs) or a Lua flags table;
// false and the offending word in `bad` on an unknown flag.
bool parse_flag_word(std::string_view word, uint32_t& flags);
// A shebang line's words (Redis splits it with sdssplitargs; quotes are not used here).
std::vector<std::string_view> split_words(std::string_view line);

struct Script {
  std::string sha;  // SHA1 of the body, 40 lowercase hex digits
  std::string body;
  uint32_t flags = 0;
  int ref = 0;  // the compiled function, in the Lua registry
};

struct Function {
  std::string name;
  std::string description;  // empty = none
  uint32_t flags = 0;
  int ref = 0;
  std::string library;
};

struct Library {
  std::string name;
  std::string code;
  std::vector<std::string> functions;  // names, in registration order
  uint64_t order = 0;                  // creation order (FUNCTION DUMP, RDB)
};

// The run of one script or function.
struct RunContext {
  command::CommandContext* caller = nullptr;
  std::string name;  // SHA1 (EVAL) or the function's name
  bool is_eval = true;
  bool read_only = false;  // EVAL_RO / FCALL_RO / no-writes
  uint32_t flags = 0;
  int resp = 2;            // redis.setresp
  int repl = 3;            // redis.set_repl (REPL_ALL)
  bool timed_out = false;  // past busy-reply-threshold
  std::chrono::steady_clock::time_point start;
  command::Dispatcher::Effects effects;
};

class Engine final : public server::ScriptingHost {
 public:
  explicit Engine(server::ServerContext& server);
  ~Engine() override;

  // ---- EVAL ----------------------------------------------------------------
  // Compiles `body` into the cache (SCRIPT LOAD, EVAL); an error reply text
  // on failure.
  const Script* load_script(std::string_view body, std::string& error);
  const Script* find_script(std::string_view sha) const;
  void flush_scripts();
  void eval(command::CommandContext& c, bool by_sha, bool read_only);

  // ---- functions -------------------------------------------------------------
  void fcall(command::CommandContext& c, bool read_only);
  // FUNCTION LOAD: the library's name, or an error text.
  bool function_load(std::string_view code, bool replace, std::string& name_or_error);
  bool function_delete(std::string_view name);
  const std::map<std::string, Library, std::less<>>& libraries() const { return libraries_; }
  const Function* find_function(std::string_view name) const;
  // FUNCTION DUMP payload / FUNCTION RESTORE.
  std::string dump_functions() const;
  // `policy`: 0 APPEND, 1 REPLACE, 2 FLUSH.
  bool restore_functions(std::string_view payload, int policy, std::string& error);

  // ---- running state -----------------------------------------------------------
  const RunContext* running() const { return run_; }
  server::ServerContext& server() { return *server_; }

  // ---- ScriptingHost ---------------------------------------------------------------
  size_t eval_memory() const override { return eval_lua_->used_memory(); }
  size_t functions_memory() const override { return func_lua_->used_memory(); }
  size_t scripts_memory() const override { return scripts_bytes_; }
  size_t cached_scripts() const override { return scripts_.size(); }
  size_t libraries_count() const override { return libraries_.size(); }
  size_t functions_count() const override { return functions_.size(); }
  std::vector<std::string> library_codes() const override;
  bool load_library(std::string_view code, bool replace, std::string& error) override;
  void flush_functions() override;

  // Called by the Lua API (script_api.cpp).
  RunContext* run() { return run_; }
  void hook(lua_State* L);  // every 100k instructions
  command::Dispatcher* dispatcher() { return dispatcher_; }
  server::ClientState& script_client() { return script_client_; }

 private:
  void make_eval_state();
  void make_function_state();
  // Runs the function on top of the Lua stack (with `nargs` arguments above it)
  // and replies its result or error.
  void run(command::CommandContext& c, RunContext& ctx, lua_State* L, int nargs);
  bool parse_keys(command::CommandContext& c, int64_t& numkeys);
  void finish_effects(command::CommandContext& c, RunContext& ctx);

  server::ServerContext* server_;
  command::Dispatcher* dispatcher_ = nullptr;
  std::unique_ptr<LuaRuntime> eval_lua_;
  std::unique_ptr<LuaRuntime> func_lua_;
  std::unordered_map<std::string, Script> scripts_;
  size_t scripts_bytes_ = 0;
  std::map<std::string, Library, std::less<>> libraries_;
  std::map<std::string, Function, std::less<>> functions_;
  uint64_t next_library_order_ = 0;
  server::ClientState script_client_;
  RunContext* run_ = nullptr;
  uint64_t calls_since_gc_ = 0;
};

// Redis scriptPrepareForRun: false (and the error replied) when the script's
// flags forbid running it now (writes with -MISCONF, a write script via *_RO).
bool may_run(command::CommandContext& c, uint32_t flags, bool read_only_command);

// The engine of this server, created on first use.
Engine& engine(server::ServerContext& server);

}  // namespace ironkv::scripting
