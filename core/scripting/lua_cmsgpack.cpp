// The `cmsgpack` Lua library as Redis 7.0 embeds it (lua-cmsgpack 0.4.0), written
// against the documented behaviour and checked byte for byte against redis-server.
//
//   cmsgpack.pack(v1, v2, ...)              → the encodings of every argument, concatenated
//   cmsgpack.unpack(s)                      → every value in s
//   cmsgpack.unpack_one(s [, offset])       → next_offset, value
//   cmsgpack.unpack_limit(s, n [, offset])  → next_offset, up to n values
// next_offset is -1 once the input is used up.
//
// What scripts depend on, and is kept here on purpose:
// - a table is an array when its keys are exactly 1..n, else a map (the empty table
//   is an empty array); only 16 levels of tables are packed, a 17th-level table packs
//   as nil (which also stops cycles);
// - a number that is an integer in int64 range packs as the smallest integer type
//   (so -0.0 packs as 0); any other number as float32 when that is lossless, else
//   float64;
// - strings use fixstr/str8/str16/str32; bin and ext types are not decoded
//   ("Bad data format in input."), uint64 decodes through int64;
// - unpack_limit(s, 0) with no offset decodes everything and returns no offset;
//   limit and offset are 64-bit but printed as int in errors, and the negative-argument
//   error prints the input length as "limit", as Redis does.
//
// Lua 5.1 raises errors with longjmp, so nothing with a destructor may be alive
// across a Lua call that can raise: the pack buffer is a userdata whose __gc frees
// its bytes (taken from Lua's allocator, so a memory cap on the state applies).

#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <lua.hpp>

namespace {

constexpr int kMaxNesting = 16;
constexpr const char* kBufferMeta = "ironkv.cmsgpack.buffer";

// ---------------------------------------------------------------------------
// Encoding

struct PackBuffer {
  unsigned char* data;
  size_t len;
  size_t cap;
};

int buffer_gc(lua_State* L) {
  auto* buf = static_cast<PackBuffer*>(lua_touserdata(L, 1));
  if (buf->data != nullptr) {
    void* ud = nullptr;
    lua_Alloc alloc = lua_getallocf(L, &ud);
    alloc(ud, buf->data, buf->cap, 0);
  }
  buf->data = nullptr;
  buf->len = buf->cap = 0;
  return 0;
}

// Pushes a new, empty buffer (freed by the GC, also when an error unwinds pack).
PackBuffer* push_buffer(lua_State* L) {
  auto* buf = static_cast<PackBuffer*>(lua_newuserdata(L, sizeof(PackBuffer)));
  buf->data = nullptr;
  buf->len = buf->cap = 0;
  luaL_getmetatable(L, kBufferMeta);
  lua_setmetatable(L, -2);
  return buf;
}

void append(lua_State* L, PackBuffer* buf, const void* bytes, size_t n) {
  if (n > buf->cap - buf->len) {
    size_t want = buf->len + n;
    if (want < buf->len) luaL_error(L, "not enough memory");
    size_t cap = buf->cap < 64 ? 64 : buf->cap;
    while (cap < want) cap = cap > SIZE_MAX / 2 ? want : cap * 2;
    // Lua's allocator, so the script memory limit covers the buffer too.
    void* ud = nullptr;
    lua_Alloc alloc = lua_getallocf(L, &ud);
    void* grown = alloc(ud, buf->data, buf->cap, cap);
    if (grown == nullptr) luaL_error(L, "not enough memory");
    buf->data = static_cast<unsigned char*>(grown);
    buf->cap = cap;
  }
  if (n > 0) std::memcpy(buf->data + buf->len, bytes, n);
  buf->len += n;
}

// Writes `v` big-endian into out[0..width).
void put_be(unsigned char* out, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<unsigned char>(v & 0xff);
    v >>= 8;
  }
}

// A marker byte followed by a big-endian length/value of `width` bytes.
void append_tagged(lua_State* L, PackBuffer* buf, unsigned char tag, uint64_t v, int width) {
  unsigned char b[9];
  b[0] = tag;
  put_be(b + 1, v, width);
  append(L, buf, b, 1 + static_cast<size_t>(width));
}

void encode_int(lua_State* L, PackBuffer* buf, int64_t n) {
  const auto u = static_cast<uint64_t>(n);
  if (n >= 0) {
    if (n <= 127) {
      unsigned char b = static_cast<unsigned char>(n);
      append(L, buf, &b, 1);
    } else if (n <= 0xff) {
      append_tagged(L, buf, 0xcc, u, 1);
    } else if (n <= 0xffff) {
      append_tagged(L, buf, 0xcd, u, 2);
    } else if (n <= 0xffffffffLL) {
      append_tagged(L, buf, 0xce, u, 4);
    } else {
      append_tagged(L, buf, 0xcf, u, 8);
    }
  } else {
    if (n >= -32) {
      unsigned char b = static_cast<unsigned char>(u & 0xff);
      append(L, buf, &b, 1);
    } else if (n >= -128) {
      append_tagged(L, buf, 0xd0, u, 1);
    } else if (n >= -32768) {
      append_tagged(L, buf, 0xd1, u, 2);
    } else if (n >= -2147483648LL) {
      append_tagged(L, buf, 0xd2, u, 4);
    } else {
      append_tagged(L, buf, 0xd3, u, 8);
    }
  }
}

void encode_double(lua_State* L, PackBuffer* buf, double d) {
  // float32 when the conversion round-trips exactly (NaN never does, ±inf does).
  // The range test keeps the conversion defined; out-of-range values never round-trip.
  if (std::isinf(d) || (std::isfinite(d) && std::fabs(d) <= FLT_MAX &&
                        static_cast<double>(static_cast<float>(d)) == d)) {
    float f = static_cast<float>(d);
    uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    append_tagged(L, buf, 0xca, bits, 4);
  } else {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    append_tagged(L, buf, 0xcb, bits, 8);
  }
}

// The number is an integer that int64_t holds (2^63 does not; -2^63 does).
bool is_int64_equivalent(double x) {
  return x >= -9223372036854775808.0 && x < 9223372036854775808.0 && std::trunc(x) == x;
}

bool is_int_equivalent(double x) {
  return x >= static_cast<double>(INT_MIN) && x <= static_cast<double>(INT_MAX) &&
         std::trunc(x) == x;
}

void encode_bytes(lua_State* L, PackBuffer* buf, const char* s, size_t len) {
  if (len < 32) {
    unsigned char b = static_cast<unsigned char>(0xa0 | len);
    append(L, buf, &b, 1);
  } else if (len <= 0xff) {
    append_tagged(L, buf, 0xd9, len, 1);
  } else if (len <= 0xffff) {
    append_tagged(L, buf, 0xda, len, 2);
  } else {
    append_tagged(L, buf, 0xdb, len, 4);
  }
  append(L, buf, s, len);
}

void encode_array_header(lua_State* L, PackBuffer* buf, size_t n) {
  if (n <= 15) {
    unsigned char b = static_cast<unsigned char>(0x90 | n);
    append(L, buf, &b, 1);
  } else if (n <= 0xffff) {
    append_tagged(L, buf, 0xdc, n, 2);
  } else {
    append_tagged(L, buf, 0xdd, n, 4);
  }
}

void encode_map_header(lua_State* L, PackBuffer* buf, size_t n) {
  if (n <= 15) {
    unsigned char b = static_cast<unsigned char>(0x80 | n);
    append(L, buf, &b, 1);
  } else if (n <= 0xffff) {
    append_tagged(L, buf, 0xde, n, 2);
  } else {
    append_tagged(L, buf, 0xdf, n, 4);
  }
}

// The table on top has exactly the keys 1..n (n may be 0): every key a positive
// integer and the largest equal to the count.
bool table_is_array(lua_State* L) {
  const int top = lua_gettop(L);
  double max = 0;
  double count = 0;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TNUMBER) {
      lua_settop(L, top);
      return false;
    }
    const double n = lua_tonumber(L, -1);
    if (n <= 0 || !is_int_equivalent(n)) {
      lua_settop(L, top);
      return false;
    }
    if (n > max) max = n;
    count += 1;
  }
  lua_settop(L, top);
  return max == count;
}

void encode_value(lua_State* L, PackBuffer* buf, int level);

void encode_table(lua_State* L, PackBuffer* buf, int level) {
  luaL_checkstack(L, 3, "in function mp_encode_lua_table");
  if (table_is_array(L)) {
    const size_t len = lua_objlen(L, -1);
    encode_array_header(L, buf, len);
    // Keys 1..len all hold non-nil values, so the raw read equals a normal read.
    for (size_t i = 1; i <= len; ++i) {
      lua_rawgeti(L, -1, static_cast<int>(i));
      encode_value(L, buf, level + 1);
    }
    return;
  }
  size_t count = 0;
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pop(L, 1);
    ++count;
  }
  encode_map_header(L, buf, count);
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    lua_pushvalue(L, -2);             // ... key value key
    encode_value(L, buf, level + 1);  // key (pops the copy)
    encode_value(L, buf, level + 1);  // value (pops it; the key stays for lua_next)
  }
}

// Encodes the value on top of the stack and pops it.
void encode_value(lua_State* L, PackBuffer* buf, int level) {
  int t = lua_type(L, -1);
  if (t == LUA_TTABLE && level == kMaxNesting) t = LUA_TNIL;
  switch (t) {
    case LUA_TSTRING: {
      size_t len = 0;
      const char* s = lua_tolstring(L, -1, &len);
      encode_bytes(L, buf, s, len);
      break;
    }
    case LUA_TBOOLEAN: {
      unsigned char b = lua_toboolean(L, -1) ? 0xc3 : 0xc2;
      append(L, buf, &b, 1);
      break;
    }
    case LUA_TNUMBER: {
      const double n = lua_tonumber(L, -1);
      if (is_int64_equivalent(n)) {
        encode_int(L, buf, static_cast<int64_t>(n));
      } else {
        encode_double(L, buf, n);
      }
      break;
    }
    case LUA_TTABLE:
      encode_table(L, buf, level);
      break;
    default: {
      unsigned char b = 0xc0;
      append(L, buf, &b, 1);
      break;
    }
  }
  lua_pop(L, 1);
}

int mp_pack(lua_State* L) {
  const int nargs = lua_gettop(L);
  if (nargs == 0) return luaL_argerror(L, 0, "MessagePack pack needs input.");
  if (!lua_checkstack(L, nargs)) {
    return luaL_argerror(L, 0, "Too many arguments for MessagePack pack.");
  }
  PackBuffer* buf = push_buffer(L);
  for (int i = 1; i <= nargs; ++i) {
    luaL_checkstack(L, 1, "in function mp_check");
    lua_pushvalue(L, i);
    encode_value(L, buf, 0);
  }
  lua_pushlstring(L, reinterpret_cast<const char*>(buf->data), buf->len);
  return 1;
}

// ---------------------------------------------------------------------------
// Decoding

enum class CursorError { kNone, kEof, kBadFormat };

struct Cursor {
  const unsigned char* p;
  size_t left;
  CursorError err;
};

uint64_t get_be(const unsigned char* p, int width) {
  uint64_t v = 0;
  for (int i = 0; i < width; ++i) v = (v << 8) | p[i];
  return v;
}

// Reports a short input and tells the caller to stop.
bool need(Cursor* c, size_t n) {
  if (c->left < n) {
    c->err = CursorError::kEof;
    return false;
  }
  return true;
}

void consume(Cursor* c, size_t n) {
  c->p += n;
  c->left -= n;
}

void decode_value(lua_State* L, Cursor* c);

void decode_array(lua_State* L, Cursor* c, size_t len) {
  lua_newtable(L);
  luaL_checkstack(L, 1, "in function mp_decode_to_lua_array");
  double index = 1;
  while (len-- > 0) {
    lua_pushnumber(L, index);
    index += 1;
    decode_value(L, c);
    if (c->err != CursorError::kNone) return;
    lua_settable(L, -3);
  }
}

void decode_map(lua_State* L, Cursor* c, size_t len) {
  lua_newtable(L);
  while (len-- > 0) {
    decode_value(L, c);  // key
    if (c->err != CursorError::kNone) return;
    decode_value(L, c);  // value
    if (c->err != CursorError::kNone) return;
    lua_settable(L, -3);  // a nil or NaN key raises Lua's own error, as in Redis
  }
}

// A string whose length is a big-endian `width`-byte field after the marker.
void decode_sized_string(lua_State* L, Cursor* c, int width) {
  const size_t header = 1 + static_cast<size_t>(width);
  if (!need(c, header)) return;
  const size_t len = static_cast<size_t>(get_be(c->p + 1, width));
  consume(c, header);
  if (!need(c, len)) return;
  lua_pushlstring(L, reinterpret_cast<const char*>(c->p), len);
  consume(c, len);
}

// Pushes the next value (or sets c->err and possibly leaves partial values).
void decode_value(lua_State* L, Cursor* c) {
  if (!need(c, 1)) return;
  // The number of values unpack returns is not known up front; grow one at a time.
  luaL_checkstack(L, 1, "too many return values at once; use unpack_one or unpack_limit instead.");
  const unsigned char tag = c->p[0];
  switch (tag) {
    case 0xcc:    // uint 8
    case 0xcd:    // uint 16
    case 0xce:    // uint 32
    case 0xcf: {  // uint 64 (read through int64, as Redis does)
      const int width = 1 << (tag - 0xcc);
      if (!need(c, 1 + static_cast<size_t>(width))) return;
      const uint64_t v = get_be(c->p + 1, width);
      lua_pushnumber(L, static_cast<double>(static_cast<int64_t>(v)));
      consume(c, 1 + static_cast<size_t>(width));
      break;
    }
    case 0xd0:    // int 8
    case 0xd1:    // int 16
    case 0xd2:    // int 32
    case 0xd3: {  // int 64
      const int width = 1 << (tag - 0xd0);
      if (!need(c, 1 + static_cast<size_t>(width))) return;
      uint64_t v = get_be(c->p + 1, width);
      const int bits = width * 8;
      if (bits < 64 && (v >> (bits - 1)) != 0) v |= ~uint64_t{0} << bits;  // sign-extend
      lua_pushnumber(L, static_cast<double>(static_cast<int64_t>(v)));
      consume(c, 1 + static_cast<size_t>(width));
      break;
    }
    case 0xc0:
      lua_pushnil(L);
      consume(c, 1);
      break;
    case 0xc2:
    case 0xc3:
      lua_pushboolean(L, tag == 0xc3);
      consume(c, 1);
      break;
    case 0xca: {  // float 32
      if (!need(c, 5)) return;
      const auto bits = static_cast<uint32_t>(get_be(c->p + 1, 4));
      float f;
      std::memcpy(&f, &bits, sizeof f);
      lua_pushnumber(L, static_cast<double>(f));
      consume(c, 5);
      break;
    }
    case 0xcb: {  // float 64
      if (!need(c, 9)) return;
      const uint64_t bits = get_be(c->p + 1, 8);
      double d;
      std::memcpy(&d, &bits, sizeof d);
      lua_pushnumber(L, d);
      consume(c, 9);
      break;
    }
    case 0xd9:
      decode_sized_string(L, c, 1);
      break;
    case 0xda:
      decode_sized_string(L, c, 2);
      break;
    case 0xdb:
      decode_sized_string(L, c, 4);
      break;
    case 0xdc:
    case 0xdd:
    case 0xde:
    case 0xdf: {
      const int width = (tag == 0xdc || tag == 0xde) ? 2 : 4;
      if (!need(c, 1 + static_cast<size_t>(width))) return;
      const auto len = static_cast<size_t>(get_be(c->p + 1, width));
      consume(c, 1 + static_cast<size_t>(width));
      if (tag <= 0xdd) {
        decode_array(L, c, len);
      } else {
        decode_map(L, c, len);
      }
      break;
    }
    default:
      if ((tag & 0x80) == 0) {  // positive fixint
        lua_pushnumber(L, tag);
        consume(c, 1);
      } else if ((tag & 0xe0) == 0xe0) {  // negative fixint
        lua_pushnumber(L, static_cast<int>(tag) - 256);
        consume(c, 1);
      } else if ((tag & 0xe0) == 0xa0) {  // fixstr
        const size_t len = tag & 0x1f;
        if (!need(c, 1 + len)) return;
        lua_pushlstring(L, reinterpret_cast<const char*>(c->p + 1), len);
        consume(c, 1 + len);
      } else if ((tag & 0xf0) == 0x90) {  // fixarray
        consume(c, 1);
        decode_array(L, c, tag & 0x0f);
      } else if ((tag & 0xf0) == 0x80) {  // fixmap
        consume(c, 1);
        decode_map(L, c, tag & 0x0f);
      } else {  // 0xc1, bin 8/16/32, ext and fixext
        c->err = CursorError::kBadFormat;
      }
  }
}

// limit == 0 && offset == 0 means "decode everything, return no offset". Both are
// 64-bit here and only printed as int, like Redis 7.0 (so 2^32 is past the end, not 0).
int unpack_full(lua_State* L, lua_Integer limit, lua_Integer offset) {
  size_t len = 0;
  const char* s = luaL_checklstring(L, 1, &len);
  const bool decode_all = limit == 0 && offset == 0;

  if (offset < 0 || limit < 0) {
    // Redis prints the input length where it says "limit"; scripts may match the text.
    return luaL_error(L, "Invalid request to unpack with offset of %d and limit of %d.",
                      static_cast<int>(offset), static_cast<int>(len));
  }
  if (static_cast<size_t>(offset) > len) {
    return luaL_error(L, "Start offset %d greater than input length %d.", static_cast<int>(offset),
                      static_cast<int>(len));
  }
  if (decode_all) limit = INT_MAX;

  Cursor c{reinterpret_cast<const unsigned char*>(s) + offset, len - static_cast<size_t>(offset),
           CursorError::kNone};
  int count = 0;
  for (; c.left > 0 && count < limit; ++count) {
    decode_value(L, &c);
    if (c.err == CursorError::kEof) return luaL_error(L, "Missing bytes in input.");
    if (c.err == CursorError::kBadFormat) return luaL_error(L, "Bad data format in input.");
  }
  if (!decode_all) {
    luaL_checkstack(L, 1, "in function mp_unpack_full");
    if (c.left == 0) {
      lua_pushinteger(L, -1);
    } else {
      lua_pushinteger(L, static_cast<lua_Integer>(len - c.left));
    }
    lua_insert(L, 2);  // the offset comes first, after the input string
    ++count;
  }
  return count;
}

int mp_unpack(lua_State* L) { return unpack_full(L, 0, 0); }

int mp_unpack_one(lua_State* L) {
  const lua_Integer offset = luaL_optinteger(L, 2, 0);
  lua_settop(L, 1);
  return unpack_full(L, 1, offset);
}

int mp_unpack_limit(lua_State* L) {
  const lua_Integer limit = luaL_checkinteger(L, 2);
  const lua_Integer offset = luaL_optinteger(L, 3, 0);
  lua_settop(L, 1);
  return unpack_full(L, limit, offset);
}

}  // namespace

extern "C" int luaopen_cmsgpack(lua_State* L) {
  if (luaL_newmetatable(L, kBufferMeta)) {
    lua_pushcfunction(L, buffer_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);

  lua_newtable(L);
  static constexpr struct {
    const char* name;
    lua_CFunction fn;
  } kFunctions[] = {
      {"pack", mp_pack},
      {"unpack", mp_unpack},
      {"unpack_one", mp_unpack_one},
      {"unpack_limit", mp_unpack_limit},
  };
  for (const auto& f : kFunctions) {
    lua_pushcfunction(L, f.fn);
    lua_setfield(L, -2, f.name);
  }
  lua_pushliteral(L, "cmsgpack");
  lua_setfield(L, -2, "_NAME");
  lua_pushliteral(L, "lua-cmsgpack 0.4.0");
  lua_setfield(L, -2, "_VERSION");
  lua_pushliteral(L, "Copyright (C) 2012, Salvatore Sanfilippo");
  lua_setfield(L, -2, "_COPYRIGHT");
  lua_pushliteral(L, "MessagePack C implementation for Lua");
  lua_setfield(L, -2, "_DESCRIPTION");

  // Lua 5.1 modules also register themselves as a global.
  lua_pushvalue(L, -1);
  lua_setglobal(L, "cmsgpack");
  return 1;
}
