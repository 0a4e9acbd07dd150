#pragma once
// The redis.* API scripts call, and the conversions between Redis replies and
// Lua values (Redis 7.0's rules for RESP2 and RESP3).

#include <string>
#include <string_view>

#include "core/resp/reply.h"

struct lua_State;

namespace ironkv::scripting {

class Engine;

// Sets the global `redis` table of a script state (call, pcall, log, …).
void register_redis_api(lua_State* L, Engine* engine);
// Pushes the table function libraries see as `redis` while they load
// (register_function, log, LOG_*, REDIS_VERSION*).
void push_library_api(lua_State* L, void* engine);
Engine* engine_of(lua_State* L);
// Adds redis.register_function to the table on top (functions.cpp).
void add_register_function(lua_State* L);

// Pushes {err="CODE msg"} for an error text with or without its leading '-'
// (Redis's luaPushErrorBuff: a text without a code gets ERR).
void push_error_table(lua_State* L, std::string_view error);

// One RESP reply (as the dispatcher wrote it) → the Lua value redis.call returns.
// Returns the bytes consumed.
size_t push_reply(lua_State* L, std::string_view resp);

// The Lua value on top of the stack → a reply (consumes the value). `script_resp`
// is the script's redis.setresp (booleans depend on it, as in Redis).
void reply_from_lua(lua_State* L, resp::ReplyBuilder& out, int script_resp, int depth = 0);

// {err=…, source=…, line=…} or a string on top → the error reply text of a
// failed script (Redis luaCallFunction), consumed.
std::string script_error_text(lua_State* L, std::string_view name);

}  // namespace ironkv::scripting
