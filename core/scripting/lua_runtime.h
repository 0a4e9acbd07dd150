#pragma once
// A Lua 5.1 state as Redis 7.0 sets one up for scripts: the libraries Redis
// loads (base, table, string, math, debug, cjson, bit, struct, cmsgpack) and
// nothing else (no os/io/package, no loadfile/dofile/print), Redis's PRNG behind
// math.random, a memory cap, and the sandbox: globals and library tables are
// read-only, reading a missing global is an error (Redis's error texts).
//
// Shared by EVAL scripts and function libraries (each has its own state, as in
// Redis). Strand only.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct lua_State;

namespace ironkv::scripting {

class LuaRuntime {
 public:
  // `memory_limit`: bytes Lua may hold; past it an allocation fails and the
  // script gets Lua's "not enough memory" error instead of the server growing.
  explicit LuaRuntime(size_t memory_limit);
  ~LuaRuntime();
  LuaRuntime(const LuaRuntime&) = delete;
  LuaRuntime& operator=(const LuaRuntime&) = delete;

  lua_State* L() const { return L_; }
  size_t used_memory() const { return used_; }
  size_t memory_limit() const { return limit_; }

  // Makes the current globals read-only (call after the redis table is set up).
  // `proxy`: the function libraries' state, whose globals are an empty table
  // in front of the real ones (see set_load_mode).
  void protect_globals(bool proxy = false);
  // Sets a global while the globals are protected (KEYS, ARGV).
  void set_global_raw(const char* name);  // pops the value

  // Pushes the error handler Redis installs (__redis__err__handler).
  void push_error_handler();

  // The memory cap applies only while Lua code runs (inside lua_pcall), so the
  // server's own pushes and reads never meet an allocation error outside one.
  void enforce_limit(bool on) { enforce_ = on; }

  // Function libraries: while a library loads, its code sees only `redis` (the
  // table `push_api` pushes); at run time the usual globals (Redis 7.0).
  void make_load_globals(void (*push_api)(lua_State*, void*), void* arg);
  void set_load_mode(bool loading);

 private:
  static void* alloc(void* ud, void* ptr, size_t osize, size_t nsize);
  lua_State* L_ = nullptr;
  size_t used_ = 0;
  size_t limit_;
  bool enforce_ = false;
};

// Redis's read-only tables: pushes an empty proxy of the table at `idx` whose
// every write fails ("Attempt to modify a readonly table"); rawget, next,
// pairs and ipairs see through it when `raw_access`.
void push_readonly_proxy(lua_State* L, int idx, bool raw_access);

// SHA1 of `data` as 40 lowercase hex digits (script and function names).
std::string sha1_hex(std::string_view data);

// Lua number → Redis argument text, as 7.0 formats it ("%.17g").
std::string lua_number_arg(double n);

}  // namespace ironkv::scripting
