#include "core/scripting/lua_runtime.h"

#include <openssl/evp.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <lua.hpp>

extern "C" {
int luaopen_cjson(lua_State*);
int luaopen_bit(lua_State*);
int luaopen_struct(lua_State*);
int luaopen_cmsgpack(lua_State*);
}

namespace ironkv::scripting {

namespace {

// Registry keys.
constexpr const char* kReadonlySet = "__ironkv_readonly";  // proxy → true
constexpr const char* kRealGlobals = "__ironkv_globals";

// ---- Redis's PRNG (rand48, as redisLrand48) --------------------------------
// rand48's default state (Redis never reseeds it per script in 7.0).
uint64_t g_rand48 = 0x1234ABCD330EULL;
void srand48_redis(int32_t seed) {
  g_rand48 = (static_cast<uint64_t>(static_cast<uint32_t>(seed)) << 16) | 0x330E;
}
int32_t lrand48_redis() {
  g_rand48 = (g_rand48 * 0x5DEECE66DULL + 0xB) & ((1ULL << 48) - 1);
  return static_cast<int32_t>(g_rand48 >> 17);
}
constexpr int32_t kRand48Max = 2147483647;

int math_random(lua_State* L) {
  lua_Number r =
      static_cast<lua_Number>(lrand48_redis() % kRand48Max) / static_cast<lua_Number>(kRand48Max);
  switch (lua_gettop(L)) {
    case 0:
      lua_pushnumber(L, r);
      break;
    case 1: {
      int u = luaL_checkint(L, 1);
      luaL_argcheck(L, 1 <= u, 1, "interval is empty");
      lua_pushnumber(L, std::floor(r * u) + 1);
      break;
    }
    case 2: {
      int l = luaL_checkint(L, 1);
      int u = luaL_checkint(L, 2);
      luaL_argcheck(L, l <= u, 2, "interval is empty");
      lua_pushnumber(L, std::floor(r * (u - l + 1)) + l);
      break;
    }
    default:
      return luaL_error(L, "wrong number of arguments");
  }
  return 1;
}

int math_randomseed(lua_State* L) {
  srand48_redis(luaL_checkint(L, 1));
  return 0;
}

// ---- the sandbox -------------------------------------------------------------
// Pushes what a read-only proxy stands for (its backing table), or nil when the
// value at idx is not a proxy.
void push_backing(lua_State* L, int idx) {
  idx = idx < 0 && idx > LUA_REGISTRYINDEX ? lua_gettop(L) + idx + 1 : idx;
  if (!lua_istable(L, idx)) {
    lua_pushnil(L);
    return;
  }
  lua_getfield(L, LUA_REGISTRYINDEX, kReadonlySet);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  lua_remove(L, -2);
}

bool is_readonly(lua_State* L, int idx) {
  push_backing(L, idx);
  bool ro = !lua_isnil(L, -1);
  lua_pop(L, 1);
  return ro;
}

// A raw error without position, as Redis's read-only tables raise from rawset.
int readonly_error_raw(lua_State* L) {
  lua_pushstring(L, "Attempt to modify a readonly table");
  return lua_error(L);
}

int readonly_newindex(lua_State* L) { return luaL_error(L, "Attempt to modify a readonly table"); }

int missing_global(lua_State* L) {
  if (lua_gettop(L) != 2)
    return luaL_error(L, "Wrong number of arguments to luaProtectedTableError");
  if (!lua_isstring(L, -1) && !lua_isnumber(L, -1)) {
    return luaL_error(L, "Second argument to luaProtectedTableError must be a string or number");
  }
  return luaL_error(L, "Script attempted to access nonexistent global variable '%s'",
                    lua_tostring(L, -1));
}

int safe_rawset(lua_State* L) {
  if (is_readonly(L, 1)) return readonly_error_raw(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

// Argument 1 becomes the table a read-only proxy stands for.
void see_through(lua_State* L) {
  push_backing(L, 1);
  if (lua_istable(L, -1)) {
    lua_replace(L, 1);
  } else {
    lua_pop(L, 1);
  }
}

// rawget, next and ipairs see through a read-only proxy to its table, so
// scripts can still read and iterate the globals and libraries.
int safe_rawget(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  see_through(L);
  lua_settop(L, 2);
  lua_rawget(L, 1);
  return 1;
}

int safe_next(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  see_through(L);
  lua_settop(L, 2);
  if (lua_next(L, 1)) return 2;
  lua_pushnil(L);
  return 1;
}

int safe_pairs(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushcfunction(L, safe_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

int ipairs_step(lua_State* L) {
  int i = luaL_checkint(L, 2) + 1;
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushinteger(L, i);
  lua_rawgeti(L, 1, i);
  return lua_isnil(L, -1) ? 0 : 2;
}

int safe_ipairs(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  see_through(L);
  lua_pushcfunction(L, ipairs_step);
  lua_pushvalue(L, 1);
  lua_pushinteger(L, 0);
  return 3;
}

int safe_setmetatable(lua_State* L) {
  if (is_readonly(L, 1)) return readonly_error_raw(L);
  int t = lua_type(L, 2);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_argcheck(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table expected");
  if (luaL_getmetafield(L, 1, "__metatable"))
    return luaL_error(L, "cannot change a protected metatable");
  lua_settop(L, 2);
  lua_setmetatable(L, 1);
  return 1;
}

// Redis 7.0's pcall: an error raised as {err=…} comes back as its text.
int redis_pcall_builtin(lua_State* L) {
  int argc = lua_gettop(L);
  luaL_checkany(L, 1);
  lua_pushboolean(L, 1);
  lua_insert(L, 1);
  if (lua_pcall(L, argc - 1, LUA_MULTRET, 0) != 0) {
    lua_remove(L, 1);
    if (lua_istable(L, -1)) {
      lua_getfield(L, -1, "err");
      if (lua_isstring(L, -1)) {
        lua_replace(L, -2);
      } else {
        lua_pop(L, 1);
      }
    }
    lua_pushboolean(L, 0);
    lua_insert(L, 1);
  }
  return lua_gettop(L);
}

void open_lib(lua_State* L, const char* name, lua_CFunction fn) {
  lua_pushcfunction(L, fn);
  lua_pushstring(L, name);
  lua_call(L, 1, 1);
  if (name[0] != '\0' && lua_istable(L, -1)) {
    lua_setglobal(L, name);
  } else {
    lua_pop(L, 1);
  }
}

}  // namespace

void push_readonly_proxy(lua_State* L, int idx, bool raw_access) {
  idx = idx < 0 && idx > LUA_REGISTRYINDEX ? lua_gettop(L) + idx + 1 : idx;
  lua_newtable(L);  // the proxy: always empty, so every write reaches __newindex
  lua_newtable(L);
  lua_pushvalue(L, idx);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, readonly_newindex);
  lua_setfield(L, -2, "__newindex");
  lua_setmetatable(L, -2);
  lua_getfield(L, LUA_REGISTRYINDEX, kReadonlySet);
  lua_pushvalue(L, -2);
  if (raw_access)
    lua_pushvalue(L, idx);
  else
    lua_pushboolean(L, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

void set_strict(lua_State* L, int idx) {
  idx = idx < 0 && idx > LUA_REGISTRYINDEX ? lua_gettop(L) + idx + 1 : idx;
  lua_newtable(L);
  lua_pushcfunction(L, missing_global);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, idx);
}

LuaRuntime::LuaRuntime(size_t memory_limit) : limit_(memory_limit) {
  L_ = lua_newstate(&LuaRuntime::alloc, this);
  if (L_ == nullptr) std::abort();
  lua_State* L = L_;
  // An error outside lua_pcall is a bug of ours: say what it was.
  lua_atpanic(L, [](lua_State* s) -> int {
    const char* msg = lua_tostring(s, -1);
    std::fprintf(stderr, "Lua panic (unprotected error): %s\n", msg ? msg : "?");
    std::abort();
  });
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kReadonlySet);

  open_lib(L, "", luaopen_base);
  open_lib(L, LUA_TABLIBNAME, luaopen_table);
  open_lib(L, LUA_STRLIBNAME, luaopen_string);
  open_lib(L, LUA_MATHLIBNAME, luaopen_math);
  open_lib(L, LUA_DBLIBNAME, luaopen_debug);
  open_lib(L, "cjson", luaopen_cjson);
  open_lib(L, "struct", luaopen_struct);
  open_lib(L, "cmsgpack", luaopen_cmsgpack);
  open_lib(L, "bit", luaopen_bit);
  // What Redis 7.0 removes from base: loadfile, dofile (and print is not in
  // its globals either); cjson's helpers that Debian adds are not Redis's.
  for (const char* name : {"loadfile", "dofile", "print", "newproxy", "module", "require"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
  lua_pushcfunction(L, safe_rawset);
  lua_setglobal(L, "rawset");
  lua_pushcfunction(L, safe_setmetatable);
  lua_setglobal(L, "setmetatable");
  lua_pushcfunction(L, redis_pcall_builtin);
  lua_setglobal(L, "pcall");
  lua_pushcfunction(L, safe_rawget);
  lua_setglobal(L, "rawget");
  lua_pushcfunction(L, safe_next);
  lua_setglobal(L, "next");
  lua_pushcfunction(L, safe_pairs);
  lua_setglobal(L, "pairs");
  lua_pushcfunction(L, safe_ipairs);
  lua_setglobal(L, "ipairs");
  lua_getglobal(L, "math");
  lua_pushcfunction(L, math_random);
  lua_setfield(L, -2, "random");
  lua_pushcfunction(L, math_randomseed);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
  // The error handler Redis installs: turns any error into {err=…, source=…, line=…}.
  static constexpr char kHandler[] =
      "local dbg = debug\n"
      "local error_handler = function (err)\n"
      "  local i = dbg.getinfo(2,'nSl')\n"
      "  if i and i.what == 'C' then\n"
      "    i = dbg.getinfo(3,'nSl')\n"
      "  end\n"
      "  if type(err) ~= 'table' then\n"
      "    err = {err='ERR ' .. tostring(err)}\n"
      "  end\n"
      "  if i then\n"
      "    err['source'] = i.source\n"
      "    err['line'] = i.currentline\n"
      "  end\n"
      "  return err\n"
      "end\n"
      "return error_handler\n";
  if (luaL_loadbuffer(L, kHandler, sizeof(kHandler) - 1, "@err_handler") != 0) std::abort();
  lua_call(L, 0, 1);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, "__redis__err__handler");
  lua_setglobal(L, "__redis__err__handler");
}

LuaRuntime::~LuaRuntime() {
  if (L_ != nullptr) lua_close(L_);
}

void* LuaRuntime::alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* self = static_cast<LuaRuntime*>(ud);
  if (nsize == 0) {
    std::free(ptr);
    self->used_ -= osize;
    return nullptr;
  }
  if (self->enforce_ && nsize > osize && self->used_ - osize + nsize > self->limit_) {
    return nullptr;  // Lua raises "not enough memory"
  }
  void* p = std::realloc(ptr, nsize);
  if (p != nullptr) self->used_ = self->used_ - osize + nsize;
  return p;
}

void LuaRuntime::protect_globals(bool function_state) {
  lua_State* L = L_;
  // Library tables: read-only proxies (Redis makes them read-only tables).
  for (const char* lib :
       {"string", "table", "math", "cjson", "struct", "cmsgpack", "bit", "coroutine", "redis"}) {
    lua_getglobal(L, lib);
    if (lua_istable(L, -1)) {
      push_readonly_proxy(L, -1, true);
      lua_setglobal(L, lib);
    }
    lua_pop(L, 1);
  }
  // Redis 7.0 keeps debug for its error handler only.
  lua_pushnil(L);
  lua_setglobal(L, "debug");
  // The globals: reading a missing name is an error; scripts see a read-only
  // proxy of them (also as _G). In the function libraries' state the proxy's
  // __index switches between the load-time API and these (set_load_mode).
  lua_pushvalue(L, LUA_GLOBALSINDEX);
  lua_pushvalue(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, kRealGlobals);
  set_strict(L, -1);
  push_readonly_proxy(L, -1, !function_state);
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, "_G");
  lua_replace(L, LUA_GLOBALSINDEX);
  lua_pop(L, 1);
}

void LuaRuntime::make_load_globals(void (*push_api)(lua_State*, void*), void* arg) {
  lua_State* L = L_;
  lua_newtable(L);  // the load-time globals: redis only, a missing name is an error
  push_api(L, arg);
  set_strict(L, -1);
  push_readonly_proxy(L, -1, true);
  lua_setfield(L, -3, "redis");
  lua_pop(L, 1);
  set_strict(L, -1);
  lua_setfield(L, LUA_REGISTRYINDEX, "__ironkv_load_globals");
}

void LuaRuntime::set_load_mode(bool loading) {
  lua_State* L = L_;
  lua_getmetatable(L, LUA_GLOBALSINDEX);
  lua_getfield(L, LUA_REGISTRYINDEX, loading ? "__ironkv_load_globals" : kRealGlobals);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}

void LuaRuntime::set_global_raw(const char* name) {
  lua_getfield(L_, LUA_REGISTRYINDEX, kRealGlobals);
  lua_insert(L_, -2);
  lua_pushstring(L_, name);
  lua_insert(L_, -2);
  lua_rawset(L_, -3);  // raw: the globals refuse new names
  lua_pop(L_, 1);
}

void LuaRuntime::push_error_handler() {
  lua_getfield(L_, LUA_REGISTRYINDEX, "__redis__err__handler");
}

std::string sha1_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  EVP_Digest(data.data(), data.size(), md, &md_len, EVP_sha1(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(40, '0');
  for (unsigned i = 0; i < md_len && i < 20; ++i) {
    out[2 * i] = kHex[md[i] >> 4];
    out[2 * i + 1] = kHex[md[i] & 15];
  }
  return out;
}

std::string lua_number_arg(double n) {
  char buf[64];
  int len = std::snprintf(buf, sizeof(buf), "%.17g", n);
  return std::string(buf, static_cast<size_t>(len));
}

}  // namespace ironkv::scripting
