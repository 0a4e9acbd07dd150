// Function libraries (FUNCTION LOAD, FCALL) as Redis 7.0's function_lua.c and
// functions.c behave: the "#!lua name=…" metadata, redis.register_function in
// both forms, the load-time sandbox, and the error texts.

#include <spdlog/spdlog.h>

#include <cctype>
#include <lua.hpp>

#include "core/scripting/engine.h"
#include "core/scripting/script_api.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::scripting {

namespace {

// The library being loaded, for redis.register_function.
struct LoadingLibrary {
  std::vector<Function> functions;
};
LoadingLibrary* g_loading = nullptr;

int raise(lua_State* L, std::string_view msg) {
  push_error_table(L, msg);
  return lua_error(L);
}

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (char ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return false;
  }
  return true;
}

bool read_flags(lua_State* L, int idx, uint32_t& flags) {
  // A table of flag names.
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    if (!lua_isstring(L, -1)) {
      lua_pop(L, 2);
      return false;
    }
    if (!parse_flag_word(lua_tostring(L, -1), flags)) {
      lua_pop(L, 2);
      return false;
    }
    lua_pop(L, 1);
  }
  return true;
}

int register_function(lua_State* L) {
  if (g_loading == nullptr)
    return raise(L, "redis.register_function can only be called on FUNCTION LOAD command");
  Function f;
  int argc = lua_gettop(L);
  if (argc < 1 || argc > 2) return raise(L, "wrong number of arguments to redis.register_function");
  if (argc == 1) {
    if (!lua_istable(L, 1)) {
      return raise(L,
                   "calling redis.register_function with a single argument is only applicable to "
                   "Lua table (representing named arguments).");
    }
    bool have_callback = false;
    lua_pushnil(L);
    while (lua_next(L, 1) != 0) {
      if (!lua_isstring(L, -2)) {
        lua_pop(L, 2);
        return raise(L, "named argument key given to redis.register_function is not a string");
      }
      std::string key = lua_tostring(L, -2);
      if (key == "function_name") {
        if (!lua_isstring(L, -1)) {
          return raise(L,
                       "function_name argument given to redis.register_function must be a string");
        }
        f.name = lua_tostring(L, -1);
      } else if (key == "description") {
        if (!lua_isstring(L, -1)) {
          return raise(L, "description argument given to redis.register_function must be a string");
        }
        f.description = lua_tostring(L, -1);
      } else if (key == "callback") {
        if (!lua_isfunction(L, -1)) {
          return raise(L, "callback argument given to redis.register_function must be a function");
        }
        if (have_callback) luaL_unref(L, LUA_REGISTRYINDEX, f.ref);
        lua_pushvalue(L, -1);
        f.ref = luaL_ref(L, LUA_REGISTRYINDEX);
        have_callback = true;
      } else if (key == "flags") {
        if (!lua_istable(L, -1)) {
          return raise(L,
                       "flags argument to redis.register_function must be a table representing "
                       "function flags");
        }
        if (!read_flags(L, lua_gettop(L), f.flags)) return raise(L, "unknown flag given");
      } else {
        return raise(L, "unknown argument given to redis.register_function");
      }
      lua_pop(L, 1);
    }
    if (f.name.empty() && !lua_isstring(L, 1)) {
      // fallthrough to the checks below
    }
    if (f.name.empty())
      return raise(L, "redis.register_function must get a function name argument");
    if (!have_callback) return raise(L, "redis.register_function must get a callback argument");
  } else {
    if (!lua_isstring(L, 1))
      return raise(L, "first argument to redis.register_function must be a string");
    if (!lua_isfunction(L, 2))
      return raise(L, "second argument to redis.register_function must be a function");
    f.name = lua_tostring(L, 1);
    lua_pushvalue(L, 2);
    f.ref = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  if (!valid_name(f.name)) {
    luaL_unref(L, LUA_REGISTRYINDEX, f.ref);
    return raise(L,
                 "Library names can only contain letters, numbers, or underscores(_) and must be "
                 "at least one character long");
  }
  for (const Function& g : g_loading->functions) {
    if (g.name == f.name) {
      luaL_unref(L, LUA_REGISTRYINDEX, f.ref);
      return raise(L, "Function already exists in the library");
    }
  }
  g_loading->functions.push_back(std::move(f));
  return 0;
}

}  // namespace

void add_register_function(lua_State* L) {
  lua_pushcfunction(L, register_function);
  lua_setfield(L, -2, "register_function");
}

const Function* Engine::find_function(std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &it->second;
}

bool Engine::function_load(std::string_view code, bool replace, std::string& out) {
  // Metadata: "#!<engine> name=<lib>" on the first line.
  if (code.substr(0, 2) != "#!") {
    out = "ERR Missing library metadata";
    return false;
  }
  size_t nl = code.find('\n');
  if (nl == std::string_view::npos) {
    out = "ERR Invalid library metadata";
    return false;
  }
  std::vector<std::string_view> parts = split_words(code.substr(0, nl));
  if (parts.empty()) {
    out = "ERR Invalid library metadata";
    return false;
  }
  std::string engine_name(parts[0].substr(2));
  std::string name;
  bool have_name = false;
  for (size_t p = 1; p < parts.size(); ++p) {
    if (parts[p].size() >= 5 && util::iequals(parts[p].substr(0, 5), "name=")) {
      if (have_name) {
        out = "ERR Invalid metadata value, name argument was given multiple times";
        return false;
      }
      name = std::string(parts[p].substr(5));
      have_name = true;
      continue;
    }
    out = "ERR Invalid metadata value given: " + std::string(parts[p]);
    return false;
  }
  if (!have_name) {
    out = "ERR Library name was not given";
    return false;
  }
  if (!util::iequals(engine_name, "lua")) {
    out = "ERR Engine '" + engine_name + "' not found";
    return false;
  }
  if (!valid_name(name)) {
    out =
        "ERR Library names can only contain letters, numbers, or underscores(_) and must be at "
        "least one character long";
    return false;
  }
  auto existing = libraries_.find(name);
  if (existing != libraries_.end() && !replace) {
    out = "ERR Library '" + name + "' already exists";
    return false;
  }

  lua_State* L = func_lua_->L();
  std::string_view body = code.substr(nl);
  func_lua_->enforce_limit(true);
  int rc = luaL_loadbuffer(L, body.data(), body.size(), "@user_function");
  func_lua_->enforce_limit(false);
  if (rc != 0) {
    const char* msg = lua_tostring(L, -1);
    out = std::string("ERR Error compiling function: ") + (msg ? msg : "");
    lua_pop(L, 1);
    return false;
  }
  LoadingLibrary loading;
  g_loading = &loading;
  func_lua_->set_load_mode(true);
  // A library's top level has a time budget of its own (Redis: 500 ms).
  RunContext load_ctx;
  load_ctx.is_eval = false;
  load_ctx.name = name;
  load_ctx.start = std::chrono::steady_clock::now();
  func_lua_->enforce_limit(true);
  rc = lua_pcall(L, 0, 0, 0);
  func_lua_->enforce_limit(false);
  func_lua_->set_load_mode(false);
  g_loading = nullptr;
  auto drop = [&] {
    for (Function& f : loading.functions) luaL_unref(L, LUA_REGISTRYINDEX, f.ref);
  };
  if (rc != 0) {
    std::string msg;
    if (lua_isstring(L, -1)) {
      msg = std::string("ERR ") + lua_tostring(L, -1);
    } else if (lua_istable(L, -1)) {
      lua_getfield(L, -1, "err");
      if (lua_isstring(L, -1)) msg = lua_tostring(L, -1);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
    drop();
    out = "ERR Error registering functions: " + msg;
    return false;
  }
  if (loading.functions.empty()) {
    out = "ERR No functions registered";
    return false;
  }
  for (const Function& f : loading.functions) {
    auto it = functions_.find(f.name);
    if (it != functions_.end() && it->second.library != name) {
      out = "ERR Function " + f.name + " already exists";
      drop();
      return false;
    }
  }
  uint64_t order = next_library_order_++;
  if (existing != libraries_.end()) {
    order = existing->second.order;
    function_delete(name);
  }
  Library lib;
  lib.name = name;
  lib.code = std::string(code);
  lib.order = order;
  for (Function& f : loading.functions) {
    f.library = name;
    lib.functions.push_back(f.name);
    std::string fname = f.name;
    functions_.emplace(std::move(fname), std::move(f));
  }
  libraries_.emplace(name, std::move(lib));
  out = name;
  return true;
}

bool Engine::function_delete(std::string_view name) {
  auto it = libraries_.find(name);
  if (it == libraries_.end()) return false;
  lua_State* L = func_lua_->L();
  for (const std::string& f : it->second.functions) {
    auto fit = functions_.find(f);
    if (fit == functions_.end()) continue;
    luaL_unref(L, LUA_REGISTRYINDEX, fit->second.ref);
    functions_.erase(fit);
  }
  libraries_.erase(it);
  return true;
}

void Engine::flush_functions() {
  libraries_.clear();
  functions_.clear();
  make_function_state();
}

std::vector<std::string> Engine::library_codes() const {
  std::vector<const Library*> libs;
  for (const auto& [name, lib] : libraries_) libs.push_back(&lib);
  std::sort(libs.begin(), libs.end(),
            [](const Library* a, const Library* b) { return a->order < b->order; });
  std::vector<std::string> out;
  for (const Library* l : libs) out.push_back(l->code);
  return out;
}

bool Engine::load_library(std::string_view code, bool replace, std::string& error) {
  std::string out;
  if (function_load(code, replace, out)) return true;
  error = out;
  return false;
}

void Engine::fcall(command::CommandContext& c, bool read_only) {
  const Function* f = find_function(c.arg(1));
  if (f == nullptr) {
    c.reply.error("ERR Function not found");
    return;
  }
  int64_t numkeys = 0;
  if (!util::parse_int64(c.arg(2), numkeys)) {
    c.reply.error("ERR Bad number of keys provided");
    return;
  }
  if (numkeys > static_cast<int64_t>(c.argc()) - 3) {
    c.reply.error("ERR Number of keys can't be greater than number of args");
    return;
  }
  if (numkeys < 0) {
    c.reply.error("ERR Number of keys can't be negative");
    return;
  }
  if (!may_run(c, f->flags, read_only)) return;
  RunContext ctx;
  ctx.is_eval = false;
  ctx.name = f->name;
  ctx.flags = f->flags;
  ctx.read_only = read_only || (f->flags & kNoWrites);
  lua_State* L = func_lua_->L();
  func_lua_->push_error_handler();
  lua_rawgeti(L, LUA_REGISTRYINDEX, f->ref);
  auto n = static_cast<size_t>(numkeys);
  lua_createtable(L, static_cast<int>(n), 0);
  for (size_t i = 0; i < n; ++i) {
    lua_pushlstring(L, c.argv[3 + i].data(), c.argv[3 + i].size());
    lua_rawseti(L, -2, static_cast<int>(i + 1));
  }
  lua_createtable(L, static_cast<int>(c.argc() - 3 - n), 0);
  for (size_t i = 3 + n; i < c.argc(); ++i) {
    lua_pushlstring(L, c.argv[i].data(), c.argv[i].size());
    lua_rawseti(L, -2, static_cast<int>(i - 2 - n));
  }
  run(c, ctx, L, 2);
}

}  // namespace ironkv::scripting
