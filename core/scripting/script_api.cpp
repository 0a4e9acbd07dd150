#include "core/scripting/script_api.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <lua.hpp>
#include <string>
#include <vector>

#include "core/scripting/engine.h"
#include "core/util/numbers.h"

namespace ironkv::scripting {

namespace {

constexpr const char* kEngineKey = "__ironkv_engine";
constexpr int kReplAof = 1;
constexpr int kReplReplica = 2;
constexpr int kReplAll = kReplAof | kReplReplica;

// A RESP line up to CRLF (the dispatcher's own output: always well-formed).
std::string_view line_at(std::string_view r, size_t& pos) {
  size_t end = r.find("\r\n", pos);
  if (end == std::string_view::npos) end = r.size();
  std::string_view l = r.substr(pos, end - pos);
  pos = end + 2;
  return l;
}

int64_t to_i64(std::string_view s) {
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

void push_string(lua_State* L, std::string_view s) { lua_pushlstring(L, s.data(), s.size()); }

void set_field_string(lua_State* L, const char* field, std::string_view s) {
  push_string(L, s);
  lua_setfield(L, -2, field);
}

size_t push_reply_at(lua_State* L, std::string_view r, size_t pos, int depth);

size_t push_aggregate(lua_State* L, std::string_view r, size_t pos, int64_t n, int depth) {
  lua_createtable(L, n > 0 && n < 1024 ? static_cast<int>(n) : 0, 0);
  for (int64_t i = 0; i < n; ++i) {
    pos = push_reply_at(L, r, pos, depth + 1);
    lua_rawseti(L, -2, static_cast<int>(i + 1));
  }
  return pos;
}

size_t push_reply_at(lua_State* L, std::string_view r, size_t pos, int depth) {
  luaL_checkstack(L, 8, "reached lua stack limit");
  if (pos >= r.size()) {
    lua_pushboolean(L, 0);
    return pos;
  }
  char type = r[pos++];
  std::string_view l = line_at(r, pos);
  switch (type) {
    case '+':
      lua_newtable(L);
      set_field_string(L, "ok", l);
      return pos;
    case '-':
      lua_newtable(L);
      set_field_string(L, "err", l);
      return pos;
    case ':':
      lua_pushnumber(L, static_cast<lua_Number>(to_i64(l)));
      return pos;
    case '$': {
      int64_t n = to_i64(l);
      if (n < 0) {
        lua_pushboolean(L, 0);
        return pos;
      }
      push_string(L, r.substr(pos, static_cast<size_t>(n)));
      return pos + static_cast<size_t>(n) + 2;
    }
    case '*': {
      int64_t n = to_i64(l);
      if (n < 0) {
        lua_pushboolean(L, 0);
        return pos;
      }
      return push_aggregate(L, r, pos, n, depth);
    }
    // RESP3 (redis.setresp(3)).
    case '_':
      lua_pushnil(L);
      return pos;
    case '#':
      lua_pushboolean(L, l == "t");
      return pos;
    case ',': {
      double d = std::strtod(std::string(l).c_str(), nullptr);
      lua_newtable(L);
      lua_pushnumber(L, d);
      lua_setfield(L, -2, "double");
      return pos;
    }
    case '(':
      lua_newtable(L);
      set_field_string(L, "big_number", l);
      return pos;
    case '=': {
      int64_t n = to_i64(l);
      std::string_view v = r.substr(pos, static_cast<size_t>(n));
      lua_newtable(L);
      lua_newtable(L);
      set_field_string(L, "format", v.substr(0, 3));
      set_field_string(L, "string", v.size() > 4 ? v.substr(4) : std::string_view{});
      lua_setfield(L, -2, "verbatim_string");
      return pos + static_cast<size_t>(n) + 2;
    }
    case '%': {
      int64_t n = to_i64(l);
      lua_newtable(L);
      lua_newtable(L);
      for (int64_t i = 0; i < n; ++i) {
        pos = push_reply_at(L, r, pos, depth + 1);
        pos = push_reply_at(L, r, pos, depth + 1);
        lua_settable(L, -3);
      }
      lua_setfield(L, -2, "map");
      return pos;
    }
    case '~': {
      int64_t n = to_i64(l);
      lua_newtable(L);
      lua_newtable(L);
      for (int64_t i = 0; i < n; ++i) {
        pos = push_reply_at(L, r, pos, depth + 1);
        lua_pushboolean(L, 1);
        lua_settable(L, -3);
      }
      lua_setfield(L, -2, "set");
      return pos;
    }
    case '|': {  // attributes: skipped, the value follows
      int64_t n = to_i64(l);
      for (int64_t i = 0; i < 2 * n; ++i) {
        pos = push_reply_at(L, r, pos, depth + 1);
        lua_pop(L, 1);
      }
      return push_reply_at(L, r, pos, depth);
    }
    default:
      lua_pushboolean(L, 0);
      return r.size();
  }
}

// An error as Redis's luaPushError + luaError raise it: a table, no position.
int raise_error(lua_State* L, std::string_view msg) {
  push_error_table(L, msg);
  return lua_error(L);
}

Engine* engine_from(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, kEngineKey);
  auto* e = static_cast<Engine*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return e;
}

// The script being run; a Lua error (does not return) when there is none, e.g.
// an API function kept by a library and called at load time.
RunContext* running_script(lua_State* L, const char* api) {
  RunContext* run = engine_from(L)->run();
  if (run == nullptr) luaL_error(L, "%s can only be called inside a script invocation", api);
  return run;
}

// Redis luaArgsToRedisArgv: strings and numbers ("%.17g") only.
bool lua_args(lua_State* L, std::vector<std::string>& argv) {
  int argc = lua_gettop(L);
  argv.clear();
  argv.reserve(static_cast<size_t>(argc));
  for (int j = 1; j <= argc; ++j) {
    int t = lua_type(L, j);
    if (t == LUA_TNUMBER) {
      argv.push_back(lua_number_arg(lua_tonumber(L, j)));
    } else if (t == LUA_TSTRING) {
      size_t len = 0;
      const char* s = lua_tolstring(L, j, &len);
      argv.emplace_back(s, len);
    } else {
      return false;
    }
  }
  return true;
}

// The checks Redis's scriptCall makes before running a command; an error text
// (no code: ERR is added) or empty.
std::string check_call(Engine& e, RunContext& run, const command::CommandSpec*& spec,
                       std::span<const std::string_view> argv) {
  const command::CommandTable& table = e.dispatcher()->table();
  spec = table.find(argv[0]);
  if (spec != nullptr && !spec->subcommands.empty() && argv.size() >= 2) {
    spec = command::CommandTable::find_sub(*spec, argv[1]);
  }
  if (spec == nullptr) return "Unknown Redis command called from script";
  const int arity = spec->arity;
  const auto argc = static_cast<int>(argv.size());
  if ((arity > 0 && arity != argc) || argc < -arity) {
    return "Wrong number of args calling Redis command from script";
  }
  if (spec->flags & command::kNoscript) return "This Redis command is not allowed from script";
  if (run.read_only && (spec->flags & (command::kWrite | command::kMayReplicate))) {
    return "Write commands are not allowed from read-only scripts.";
  }
  if (!(spec->flags & command::kWrite)) return {};
  server::ServerContext& srv = e.server();
  if (!srv.script.wrote.load(std::memory_order_relaxed) && !srv.misconf_error.empty()) {
    return "-" + srv.misconf_error;
  }
  return {};
}

int redis_generic_call(lua_State* L, bool raise) {
  Engine* e = engine_from(L);
  RunContext* run = running_script(L, "redis.call/pcall");
  if (lua_gettop(L) == 0) {
    push_error_table(L, "Please specify at least one argument for this redis lib call");
    return raise ? lua_error(L) : 1;
  }
  std::vector<std::string> args;
  if (!lua_args(L, args)) {
    push_error_table(L, "Lua redis lib command arguments must be strings or integers");
    return raise ? lua_error(L) : 1;
  }
  std::vector<std::string_view> argv(args.begin(), args.end());
  const command::CommandSpec* spec = nullptr;
  std::string err = check_call(*e, *run, spec, argv);
  if (!err.empty()) {
    push_error_table(L, err);
    return raise ? lua_error(L) : 1;
  }
  server::ServerContext& srv = e->server();
  if (spec->flags & command::kWrite) srv.script.wrote.store(true, std::memory_order_relaxed);

  server::ClientState& sc = e->script_client();
  sc.resp = run->resp;
  std::string out;
  resp::ReplyBuilder reply(out, run->resp);
  const size_t effects_before = run->effects.size();
  e->dispatcher()->execute(sc, argv, reply);
  if (!(run->repl & kReplAof)) run->effects.resize(effects_before);

  lua_settop(L, 0);
  push_reply(L, out);
  if (raise && !out.empty() && out[0] == '-') {
    // The error table (Redis luaPushErrorBuff: "-CODE msg" → "CODE msg"), raised.
    std::string_view text(out);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    lua_pop(L, 1);
    push_error_table(L, text);
    return lua_error(L);
  }
  return 1;
}

int redis_call(lua_State* L) { return redis_generic_call(L, true); }
int redis_pcall(lua_State* L) { return redis_generic_call(L, false); }

int redis_sha1hex(lua_State* L) {
  if (lua_gettop(L) != 1) return raise_error(L, "wrong number of arguments");
  size_t len = 0;
  const char* s = lua_tolstring(L, 1, &len);
  std::string hex = sha1_hex(std::string_view(s == nullptr ? "" : s, s == nullptr ? 0 : len));
  lua_pushlstring(L, hex.data(), hex.size());
  return 1;
}

int redis_error_reply(lua_State* L) {
  if (lua_gettop(L) != 1 || lua_type(L, -1) != LUA_TSTRING) {
    push_error_table(L, "wrong number or type of arguments");  // returned, not raised
    return 1;
  }
  std::string e = lua_tostring(L, -1);
  if (e.empty() || e[0] != '-') e.insert(0, "-");
  push_error_table(L, e);
  return 1;
}

int redis_status_reply(lua_State* L) {
  if (lua_gettop(L) != 1 || lua_type(L, -1) != LUA_TSTRING) {
    push_error_table(L, "wrong number or type of arguments");
    return 1;
  }
  lua_newtable(L);
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "ok");
  return 1;
}

int redis_log(lua_State* L) {
  int argc = lua_gettop(L);
  if (argc < 2) return raise_error(L, "redis.log() requires two arguments or more.");
  if (!lua_isnumber(L, 1)) return raise_error(L, "First argument must be a number (log level).");
  int level = static_cast<int>(lua_tonumber(L, 1));
  if (level < 0 || level > 3) return raise_error(L, "Invalid debug level.");
  std::string msg;
  for (int j = 2; j <= argc; ++j) {
    size_t len = 0;
    const char* s = lua_tolstring(L, j, &len);
    if (s == nullptr) continue;
    if (j != 2) msg += ' ';
    msg.append(s, len);
  }
  static constexpr spdlog::level::level_enum kLevels[] = {
      spdlog::level::debug, spdlog::level::debug, spdlog::level::info, spdlog::level::warn};
  spdlog::log(kLevels[level], "{}", msg);
  return 0;
}

int redis_setresp(lua_State* L) {
  RunContext* run = running_script(L, "redis.setresp");
  if (lua_gettop(L) != 1) return raise_error(L, "redis.setresp() requires one argument.");
  int v = static_cast<int>(lua_tonumber(L, -1));
  if (v != 2 && v != 3) return raise_error(L, "RESP version must be 2 or 3.");
  run->resp = v;
  return 0;
}

int redis_set_repl(lua_State* L) {
  RunContext* run = running_script(L, "redis.set_repl");
  if (lua_gettop(L) != 1) return raise_error(L, "redis.set_repl() requires two arguments.");
  int flags = static_cast<int>(lua_tonumber(L, -1));
  if ((flags & ~kReplAll) != 0) {
    return raise_error(
        L, "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
  }
  run->repl = flags;
  return 0;
}

int redis_replicate_commands(lua_State* L) {
  lua_pushboolean(L, 1);
  return 1;
}

int redis_breakpoint(lua_State* L) {
  lua_pushboolean(L, 0);
  return 1;
}

int redis_debug(lua_State*) { return 0; }

void set_int(lua_State* L, const char* name, int v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, name);
}

void add_log_and_version(lua_State* L) {
  lua_pushcfunction(L, redis_log);
  lua_setfield(L, -2, "log");
  set_int(L, "LOG_DEBUG", 0);
  set_int(L, "LOG_VERBOSE", 1);
  set_int(L, "LOG_NOTICE", 2);
  set_int(L, "LOG_WARNING", 3);
  lua_pushstring(L, "7.0.15");
  lua_setfield(L, -2, "REDIS_VERSION");
  set_int(L, "REDIS_VERSION_NUM", 0x07000f);
}

// Lua number → integer reply as Redis's (long long) cast does on x86-64: NaN and
// out-of-range values become LLONG_MIN.
int64_t lua_to_integer(double d) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(d);
}

bool get_field(lua_State* L, const char* field, int type) {
  lua_pushstring(L, field);
  lua_rawget(L, -2);
  if (lua_type(L, -1) == type) return true;
  lua_pop(L, 1);
  return false;
}

// Entries of the table on top (any keys).
size_t table_size(lua_State* L) {
  size_t n = 0;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    ++n;
  }
  return n;
}

std::string mapped(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch == '\r' || ch == '\n') ch = ' ';
  }
  return out;
}

}  // namespace

Engine* engine_of(lua_State* L) { return engine_from(L); }

void push_error_table(lua_State* L, std::string_view error) {
  std::string code = "ERR";
  std::string msg;
  if (!error.empty() && error[0] == '-') {
    size_t sp = error.find(' ');
    if (sp == std::string_view::npos) {
      msg = error.substr(1);
    } else {
      code = error.substr(1, sp - 1);
      msg = error.substr(sp + 1);
    }
  } else {
    msg = error;
  }
  while (!msg.empty() && (msg.back() == '\r' || msg.back() == '\n')) msg.pop_back();
  size_t lead = msg.find_first_not_of("\r\n");
  msg.erase(0, lead == std::string::npos ? msg.size() : lead);
  std::string final_msg = code + " " + msg;
  lua_newtable(L);
  lua_pushlstring(L, final_msg.data(), final_msg.size());
  lua_setfield(L, -2, "err");
}

void register_redis_api(lua_State* L, Engine* engine) {
  lua_pushlightuserdata(L, engine);
  lua_setfield(L, LUA_REGISTRYINDEX, kEngineKey);
  lua_newtable(L);
  lua_pushcfunction(L, redis_call);
  lua_setfield(L, -2, "call");
  lua_pushcfunction(L, redis_pcall);
  lua_setfield(L, -2, "pcall");
  add_log_and_version(L);
  lua_pushcfunction(L, redis_sha1hex);
  lua_setfield(L, -2, "sha1hex");
  lua_pushcfunction(L, redis_error_reply);
  lua_setfield(L, -2, "error_reply");
  lua_pushcfunction(L, redis_status_reply);
  lua_setfield(L, -2, "status_reply");
  lua_pushcfunction(L, redis_setresp);
  lua_setfield(L, -2, "setresp");
  lua_pushcfunction(L, redis_set_repl);
  lua_setfield(L, -2, "set_repl");
  lua_pushcfunction(L, redis_replicate_commands);
  lua_setfield(L, -2, "replicate_commands");
  lua_pushcfunction(L, redis_breakpoint);
  lua_setfield(L, -2, "breakpoint");
  lua_pushcfunction(L, redis_debug);
  lua_setfield(L, -2, "debug");
  set_int(L, "REPL_NONE", 0);
  set_int(L, "REPL_AOF", kReplAof);
  set_int(L, "REPL_SLAVE", kReplReplica);
  set_int(L, "REPL_REPLICA", kReplReplica);
  set_int(L, "REPL_ALL", kReplAll);
  lua_setglobal(L, "redis");
}

void push_library_api(lua_State* L, void* engine) {
  lua_pushlightuserdata(L, engine);
  lua_setfield(L, LUA_REGISTRYINDEX, kEngineKey);
  lua_newtable(L);
  add_log_and_version(L);
  add_register_function(L);
}

size_t push_reply(lua_State* L, std::string_view resp) { return push_reply_at(L, resp, 0, 0); }

void reply_from_lua(lua_State* L, resp::ReplyBuilder& out, int script_resp, int depth) {
  if (!lua_checkstack(L, 4) || depth > 10000) {
    lua_pop(L, 1);
    out.error("ERR reached lua stack limit");
    return;
  }
  switch (lua_type(L, -1)) {
    case LUA_TSTRING: {
      size_t len = 0;
      const char* s = lua_tolstring(L, -1, &len);
      out.bulk(std::string_view(s, len));
      break;
    }
    case LUA_TBOOLEAN:
      if (script_resp == 2) {
        if (lua_toboolean(L, -1)) {
          out.integer(1);
        } else {
          out.null_bulk();
        }
      } else {
        out.boolean(lua_toboolean(L, -1) != 0);
      }
      break;
    case LUA_TNUMBER:
      out.integer(lua_to_integer(lua_tonumber(L, -1)));
      break;
    case LUA_TTABLE: {
      if (get_field(L, "err", LUA_TSTRING)) {
        lua_pop(L, 1);
        lua_getfield(L, -1, "err");
        size_t len = 0;
        const char* s = lua_tolstring(L, -1, &len);
        std::string text = mapped(std::string_view(s, len));
        lua_pop(L, 1);
        // "-%s" of the message: the table's text is the error as it is.
        out.error(text);
        break;
      }
      if (get_field(L, "ok", LUA_TSTRING)) {
        size_t len = 0;
        const char* s = lua_tolstring(L, -1, &len);
        out.simple(mapped(std::string_view(s, len)));
        lua_pop(L, 1);
        break;
      }
      if (get_field(L, "double", LUA_TNUMBER)) {
        out.dbl(lua_tonumber(L, -1));
        lua_pop(L, 1);
        break;
      }
      if (get_field(L, "big_number", LUA_TSTRING)) {
        size_t len = 0;
        const char* s = lua_tolstring(L, -1, &len);
        out.big_number(mapped(std::string_view(s, len)));
        lua_pop(L, 1);
        break;
      }
      if (get_field(L, "verbatim_string", LUA_TTABLE)) {
        lua_getfield(L, -1, "format");
        lua_getfield(L, -2, "string");
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TSTRING) {
          size_t flen = 0, slen = 0;
          const char* f = lua_tolstring(L, -2, &flen);
          const char* s = lua_tolstring(L, -1, &slen);
          out.verbatim(std::string_view(f, flen), std::string_view(s, slen));
          lua_pop(L, 3);
          break;
        }
        lua_pop(L, 3);
      }
      if (get_field(L, "map", LUA_TTABLE)) {
        size_t n = table_size(L);
        out.map(n);
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
          lua_pushvalue(L, -2);  // key copy
          reply_from_lua(L, out, script_resp, depth + 1);
          reply_from_lua(L, out, script_resp, depth + 1);
        }
        lua_pop(L, 1);
        break;
      }
      if (get_field(L, "set", LUA_TTABLE)) {
        size_t n = table_size(L);
        out.set(n);
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
          lua_pop(L, 1);
          lua_pushvalue(L, -1);
          reply_from_lua(L, out, script_resp, depth + 1);
        }
        lua_pop(L, 1);
        break;
      }
      // An array: elements 1.. up to the first nil.
      size_t n = 0;
      while (true) {
        lua_rawgeti(L, -1, static_cast<int>(n + 1));
        bool nil = lua_isnil(L, -1);
        lua_pop(L, 1);
        if (nil) break;
        ++n;
      }
      out.array(n);
      for (size_t i = 1; i <= n; ++i) {
        lua_rawgeti(L, -1, static_cast<int>(i));
        reply_from_lua(L, out, script_resp, depth + 1);
      }
      break;
    }
    default:
      out.null_bulk();
  }
  lua_pop(L, 1);
}

std::string script_error_text(lua_State* L, std::string_view name) {
  std::string text;
  if (!lua_istable(L, -1)) {
    const char* msg = lua_isstring(L, -1) ? lua_tostring(L, -1) : "execution failure";
    std::string m(msg);
    if (m.size() > 100) m.resize(100);
    text = "ERR Error running script " + std::string(name) + ", " + m + "\n";
  } else {
    lua_getfield(L, -1, "err");
    lua_getfield(L, -2, "source");
    lua_getfield(L, -3, "line");
    const char* err = lua_tostring(L, -3);
    const char* source = lua_tostring(L, -2);
    const char* line = lua_tostring(L, -1);
    text = err != nullptr ? err : "";
    if (line != nullptr && source != nullptr) {
      text += " script: " + std::string(name) + ", on " + source + ":" + line + ".";
    }
    lua_pop(L, 3);
  }
  lua_pop(L, 1);
  return text;
}

}  // namespace ironkv::scripting
