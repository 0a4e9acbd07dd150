#include "core/scripting/engine.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <lua.hpp>

#include "core/scripting/script_api.h"
#include "core/util/numbers.h"

namespace ironkv::scripting {

namespace {

// Lua may hold this much per state; past it a script gets "not enough memory".
constexpr size_t kLuaMemoryLimit = size_t{1} << 30;

void count_hook(lua_State* L, lua_Debug*) {
  if (Engine* e = engine_of(L)) e->hook(L);
}

void push_string_array(lua_State* L, std::span<const std::string_view> items) {
  lua_createtable(L, static_cast<int>(items.size()), 0);
  for (size_t i = 0; i < items.size(); ++i) {
    lua_pushlstring(L, items[i].data(), items[i].size());
    lua_rawseti(L, -2, static_cast<int>(i + 1));
  }
}

}  // namespace

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < line.size();) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    size_t j = i;
    while (j < line.size() && !std::isspace(static_cast<unsigned char>(line[j]))) ++j;
    if (j > i) parts.push_back(line.substr(i, j - i));
    i = j;
  }
  return parts;
}

bool parse_flag_word(std::string_view word, uint32_t& flags) {
  static constexpr std::pair<std::string_view, ScriptFlag> kWords[] = {
      {"no-writes", kNoWrites},
      {"allow-oom", kAllowOom},
      {"allow-stale", kAllowStale},
      {"no-cluster", kNoCluster},
      {"allow-cross-slot-keys", kAllowCrossSlot},
  };
  for (const auto& [w, f] : kWords) {
    if (word == w) {
      flags |= f;
      return true;
    }
  }
  return false;
}

Engine& engine(server::ServerContext& server) {
  if (!server.scripting) server.scripting = std::make_unique<Engine>(server);
  return static_cast<Engine&>(*server.scripting);
}

Engine::Engine(server::ServerContext& server) : server_(&server) {
  script_client_.internal = true;
  script_client_.authenticated = true;
  script_client_.id = 0;
  script_client_.name = "lua";
  // Scripts run atomically: nothing is served to blocked clients, no command
  // blocks, until the script is over (as inside EXEC).
  script_client_.tx.in_exec = true;
  make_eval_state();
  make_function_state();
}

Engine::~Engine() = default;

void Engine::make_eval_state() {
  eval_lua_ = std::make_unique<LuaRuntime>(kLuaMemoryLimit);
  register_redis_api(eval_lua_->L(), this);
  eval_lua_->protect_globals();
}

void Engine::make_function_state() {
  func_lua_ = std::make_unique<LuaRuntime>(kLuaMemoryLimit);
  lua_State* L = func_lua_->L();
  register_redis_api(L, this);
  func_lua_->protect_globals(true);
  func_lua_->make_load_globals(push_library_api, this);
}

// ---- EVAL --------------------------------------------------------------------

const Script* Engine::find_script(std::string_view sha) const {
  if (sha.size() != 40) return nullptr;
  std::string key(sha);
  for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto it = scripts_.find(key);
  return it == scripts_.end() ? nullptr : &it->second;
}

const Script* Engine::load_script(std::string_view body, std::string& error) {
  std::string sha = sha1_hex(body);
  if (auto it = scripts_.find(sha); it != scripts_.end()) return &it->second;
  // The shebang (#!lua flags=…), as Redis evalExtractShebangFlags reads it.
  uint32_t flags = kCompatMode;
  size_t code_start = 0;
  if (body.substr(0, 2) == "#!") {
    size_t nl = body.find('\n');
    if (nl == std::string_view::npos) {
      error = "ERR Invalid script shebang";
      return nullptr;
    }
    std::vector<std::string_view> parts = split_words(body.substr(0, nl));
    if (parts.empty()) {
      error = "ERR Invalid engine in script shebang";
      return nullptr;
    }
    if (parts[0] != "#!lua") {
      error = "ERR Unexpected engine in script shebang: " + std::string(parts[0]);
      return nullptr;
    }
    flags = 0;
    for (size_t p = 1; p < parts.size(); ++p) {
      if (parts[p].substr(0, 6) != "flags=") {
        error = "ERR Unknown lua shebang option: " + std::string(parts[p]);
        return nullptr;
      }
      std::string_view list = parts[p].substr(6);
      while (!list.empty()) {
        size_t comma = list.find(',');
        std::string_view word = list.substr(0, comma);
        if (!parse_flag_word(word, flags)) {
          error = "ERR Unexpected flag in script shebang: " + std::string(word);
          return nullptr;
        }
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
      }
    }
    code_start = nl;  // the newline stays: line numbers count the shebang
  }
  lua_State* L = eval_lua_->L();
  std::string_view code = body.substr(code_start);
  eval_lua_->enforce_limit(true);
  int rc = luaL_loadbuffer(L, code.data(), code.size(), "@user_script");
  eval_lua_->enforce_limit(false);
  if (rc != 0) {
    const char* msg = lua_tostring(L, -1);
    error = std::string("ERR Error compiling script (new function): ") + (msg ? msg : "");
    lua_pop(L, 1);
    return nullptr;
  }
  Script s;
  s.sha = sha;
  s.body = std::string(body);
  s.flags = flags;
  s.ref = luaL_ref(L, LUA_REGISTRYINDEX);
  scripts_bytes_ += s.body.size() + 40;
  return &scripts_.emplace(std::move(sha), std::move(s)).first->second;
}

void Engine::flush_scripts() {
  scripts_.clear();
  scripts_bytes_ = 0;
  // A new state frees every compiled script at once (Redis's SCRIPT FLUSH).
  make_eval_state();
}

bool Engine::parse_keys(command::CommandContext& c, int64_t& numkeys) {
  if (!util::parse_int64(c.arg(2), numkeys)) {
    c.error(OpStatus::kNotAnInteger);
    return false;
  }
  if (numkeys > static_cast<int64_t>(c.argc()) - 3) {
    c.reply.error("ERR Number of keys can't be greater than number of args");
    return false;
  }
  if (numkeys < 0) {
    c.reply.error("ERR Number of keys can't be negative");
    return false;
  }
  return true;
}

// Redis scriptPrepareForRun: what a script's flags forbid before it starts.
bool may_run(command::CommandContext& c, uint32_t flags, bool read_only_command) {
  if (flags & kCompatMode) return true;
  if (flags & kNoWrites) return true;
  const std::string& misconf = c.server.misconf_error;
  if (!misconf.empty()) {
    if (misconf.find("AOF") != std::string::npos) {
      c.reply.error(misconf);
    } else {
      c.reply.error(
          "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to "
          "persist to disk. Writable scripts are blocked. Use 'no-writes' flag for read only "
          "scripts.");
    }
    return false;
  }
  if (read_only_command) {
    c.reply.error("ERR Can not execute a script with write flag using *_ro command.");
    return false;
  }
  return true;
}

void Engine::eval(command::CommandContext& c, bool by_sha, bool read_only) {
  int64_t numkeys = 0;
  if (!parse_keys(c, numkeys)) return;
  const Script* s = nullptr;
  if (by_sha) {
    s = find_script(c.arg(1));
    if (s == nullptr) {
      c.reply.error("NOSCRIPT No matching script. Please use EVAL.");
      return;
    }
  } else {
    std::string error;
    s = load_script(c.arg(1), error);
    if (s == nullptr) {
      c.reply.error(error);
      return;
    }
  }
  if (!may_run(c, s->flags, read_only)) return;
  RunContext ctx;
  ctx.is_eval = true;
  ctx.name = s->sha;
  ctx.flags = s->flags;
  ctx.read_only = read_only || (s->flags & kNoWrites);
  lua_State* L = eval_lua_->L();
  eval_lua_->push_error_handler();
  lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref);
  auto n = static_cast<size_t>(numkeys);
  push_string_array(L, c.argv.subspan(3, n));
  eval_lua_->set_global_raw("KEYS");
  push_string_array(L, c.argv.subspan(3 + n));
  eval_lua_->set_global_raw("ARGV");
  run(c, ctx, L, 0);
  if (++calls_since_gc_ >= 50) {
    lua_gc(L, LUA_GCSTEP, 50);
    calls_since_gc_ = 0;
  }
}

// ---- running -------------------------------------------------------------------

void Engine::run(command::CommandContext& c, RunContext& ctx, lua_State* L, int nargs) {
  LuaRuntime& rt = L == eval_lua_->L() ? *eval_lua_ : *func_lua_;
  server::ScriptStatus& st = server_->script;
  ctx.caller = &c;
  ctx.start = std::chrono::steady_clock::now();
  st.wrote.store(false);
  st.kill.store(false);
  st.is_function.store(!ctx.is_eval);
  st.running.store(true);
  run_ = &ctx;
  dispatcher_ = c.dispatcher;
  script_client_.db = c.client.db;
  script_client_.resp = 2;
  command::Dispatcher::Effects* prev = dispatcher_->capture_effects(&ctx.effects);
  if (server_->config.busy_reply_threshold > 0) lua_sethook(L, count_hook, LUA_MASKCOUNT, 100000);
  rt.enforce_limit(true);
  int err = lua_pcall(L, nargs, 1, -(nargs + 2));
  rt.enforce_limit(false);
  lua_sethook(L, nullptr, 0, 0);
  dispatcher_->capture_effects(prev);
  if (err != 0) {
    std::string text = script_error_text(L, ctx.name);
    c.reply.error(text);
    if (err == LUA_ERRMEM) lua_gc(L, LUA_GCCOLLECT, 0);
  } else {
    reply_from_lua(L, c.reply, ctx.resp);
  }
  lua_pop(L, 1);  // the error handler
  run_ = nullptr;
  const bool shutdown = st.shutdown.exchange(false);
  st.running.store(false);
  st.busy.store(false);
  st.kill.store(false);
  if (shutdown) {
    // SHUTDOWN NOSAVE while the script was busy: the script's writes are not
    // logged (it never finished), the AOF is flushed, and the server stops.
    spdlog::warn("User requested shutdown while a script was running (SHUTDOWN NOSAVE)");
    if (server_->persistence != nullptr) {
      std::string error;
      server_->persistence->prepare_shutdown(false, true, error);
      server_->shutdown_prepared = true;
    }
    if (server_->request_shutdown) server_->request_shutdown();
    return;
  }
  if (!ctx.effects.empty()) dispatcher_->log_effects(c.client, ctx.effects);
}

void Engine::hook(lua_State* L) {
  RunContext* r = run_;
  if (r == nullptr) return;
  server::ScriptStatus& st = server_->script;
  if (!r->timed_out) {
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - r->start)
                       .count();
    int64_t threshold = server_->config.busy_reply_threshold;
    if (threshold <= 0 || elapsed < threshold) return;
    r->timed_out = true;
    st.busy.store(true);
    spdlog::warn(
        "Slow script detected: still in execution after {} milliseconds. You can try killing "
        "the script using the {} command. Script name is: {}.",
        elapsed, r->is_eval ? "SCRIPT KILL" : "FUNCTION KILL", r->name);
  }
  if (st.poll != nullptr) st.poll(st.poll_arg);
  if (st.kill.load()) {
    spdlog::warn("Lua script killed by user with SCRIPT KILL.");
    // Every line from now on raises again, so a pcall in the script cannot
    // swallow the kill.
    lua_sethook(L, count_hook, LUA_MASKLINE, 0);
    push_error_table(L, "Script killed by user with SCRIPT KILL...");
    lua_error(L);
  }
}

}  // namespace ironkv::scripting
