// cmsgpack and struct, the Lua libraries Redis embeds, checked byte for byte.
//
// Every expected value here came from redis-server 7.0.15: the same prelude + body was run
// there with EVAL (the body returns the hex of the packed bytes, or a dump of the values and
// errors), and must give the same text in our Lua state. Redis runs scripts from a chunk
// named "@user_script", so error positions read "user_script:1:" in both.

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <lua.hpp>
#include <string>
#include <string_view>

extern "C" int luaopen_cmsgpack(lua_State* L);
extern "C" int luaopen_struct(lua_State* L);

namespace {

// Helpers shared by every case (one line each, joined with spaces, as sent to Redis).
// hex(s): lowercase hex; head(s, n): hex of the first n bytes and the length;
// dump(v): deterministic text of any value (tables with sorted keys, numbers as %.17g);
// all(...): count and dump of every value; nest(d): d nested single-element arrays.
constexpr const char* kPrelude[] = {
    R"~(local function hex(s) return (s:gsub('.', function(c) return )~"
    R"~(string.format('%02x', c:byte()) end)) end)~",
    R"~(local function head(s, n) return hex(s:sub(1, n)) .. '..(' .. #s .. ')' )~"
    R"~(end)~",
    R"~(local function dstr(s) local body = s if #s > 200 then body = s:sub(1, )~"
    R"~(16) end body = body:gsub('[^%w%p ]', function(c) return )~"
    R"~(string.format('\\x%02x', c:byte()) end) if #s > 200 then return '"' .. )~"
    R"~(body .. '"..(' .. #s .. ')' end return '"' .. body .. '"' end)~",
    R"~(local dump)~",
    R"~(dump = function(v) local t = type(v) if t == 'string' then return )~"
    R"~(dstr(v) elseif t == 'number' then return string.format('%.17g', v) )~"
    R"~(elseif t == 'table' then local parts = {} for k, x in pairs(v) do )~"
    R"~(parts[#parts + 1] = '[' .. dump(k) .. ']=' .. dump(x) end )~"
    R"~(table.sort(parts) return '{' .. table.concat(parts, ',') .. '}' else )~"
    R"~(return tostring(v) end end)~",
    R"~(local function all(...) local n = select('#', ...) local out = {} for i )~"
    R"~(= 1, n do out[i] = dump((select(i, ...))) end return n .. ':' .. )~"
    R"~(table.concat(out, ' ') end)~",
    R"~(local function nest(depth) local t = 1 for i = 1, depth do t = {t} end )~"
    R"~(return t end)~",
    R"~(local zero = 0)~",
};

struct Case {
  const char* body;
  const char* expected;
};

// A memory cap for the allocator, to see the pack buffer obey it and be freed on error.
struct CappedAlloc {
  size_t used = 0;
  size_t limit = static_cast<size_t>(-1);
};

void* capped_alloc(void* ud, void* ptr, size_t osize, size_t nsize) {
  auto* cap = static_cast<CappedAlloc*>(ud);
  if (nsize == 0) {
    std::free(ptr);
    cap->used -= osize;
    return nullptr;
  }
  if (nsize > osize && cap->used + (nsize - osize) > cap->limit) return nullptr;
  void* p = std::realloc(ptr, nsize);
  if (p != nullptr) cap->used = cap->used - osize + nsize;
  return p;
}

void open_lib(lua_State* L, const char* name, lua_CFunction fn) {
  lua_pushcfunction(L, fn);
  lua_pushstring(L, name);
  lua_call(L, 1, 0);
}

class LuaLibsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    L_ = lua_newstate(capped_alloc, &alloc_);
    ASSERT_NE(L_, nullptr);
    open_lib(L_, "", luaopen_base);
    open_lib(L_, LUA_TABLIBNAME, luaopen_table);
    open_lib(L_, LUA_STRLIBNAME, luaopen_string);
    open_lib(L_, LUA_MATHLIBNAME, luaopen_math);
    open_lib(L_, "cmsgpack", luaopen_cmsgpack);
    open_lib(L_, "struct", luaopen_struct);
  }
  void TearDown() override {
    lua_close(L_);
    EXPECT_EQ(alloc_.used, 0u);
  }

  // Runs `code` as Redis runs a script body; the string it returns, or "ERROR: <message>".
  std::string run_raw(const std::string& code) {
    const int top = lua_gettop(L_);
    std::string out;
    if (luaL_loadbuffer(L_, code.data(), code.size(), "@user_script") != 0 ||
        lua_pcall(L_, 0, 1, 0) != 0) {
      const char* msg = lua_tostring(L_, -1);
      out = std::string("ERROR: ") + (msg != nullptr ? msg : "?");
    } else {
      size_t len = 0;
      const char* s = lua_tolstring(L_, -1, &len);
      out = s != nullptr ? std::string(s, len) : std::string("NOT A STRING");
    }
    lua_settop(L_, top);
    return out;
  }

  std::string run(std::string_view body) {
    std::string code;
    for (const char* line : kPrelude) {
      code += line;
      code += ' ';
    }
    code += body;
    return run_raw(code);
  }

  template <size_t N>
  void check(const Case (&cases)[N]) {
    for (const Case& c : cases) {
      EXPECT_EQ(run(c.body), c.expected) << "body: " << c.body;
    }
  }

  CappedAlloc alloc_;
  lua_State* L_ = nullptr;
};

// --- Direct checks: raw bytes, registration, memory.

TEST_F(LuaLibsTest, PackReturnsRawBytes) {
  EXPECT_EQ(run_raw("return cmsgpack.pack({1, 2, 3})"), std::string("\x93\x01\x02\x03", 4));
  EXPECT_EQ(run_raw("return cmsgpack.pack('a\\0b')"), std::string("\xa3"
                                                                  "a\0b",
                                                                  4));
  EXPECT_EQ(run_raw("return cmsgpack.pack(1.5)"), std::string("\xca\x3f\xc0\x00\x00", 5));
  EXPECT_EQ(run_raw("return struct.pack('>I2s', 258, 'ab')"), std::string("\x01\x02"
                                                                          "ab\0",
                                                                          5));
}

TEST_F(LuaLibsTest, LibrariesAreGlobals) {
  EXPECT_EQ(run_raw("return type(cmsgpack) .. type(struct) .. type(cmsgpack.unpack_limit)"),
            "tabletablefunction");
}

TEST_F(LuaLibsTest, RoundTripsLargeValues) {
  EXPECT_EQ(run_raw("local t = {} for i = 1, 100000 do t[i] = i * 3 end "
                    "local u = cmsgpack.unpack(cmsgpack.pack(t)) "
                    "for i = 1, 100000 do if u[i] ~= i * 3 then return 'bad ' .. i end end "
                    "return tostring(#u)"),
            "100000");
  EXPECT_EQ(run_raw("local s = string.rep('xyz', 100000) "
                    "return tostring(cmsgpack.unpack(cmsgpack.pack(s)) == s)"),
            "true");
}

TEST_F(LuaLibsTest, PackBufferObeysMemoryCapAndIsFreed) {
  ASSERT_EQ(run_raw("big = string.rep('a', 1000000) return 'ok'"), "ok");
  alloc_.limit = alloc_.used + 1500000;  // room for one copy of the packed bytes, not two
  EXPECT_EQ(run_raw("return tostring(#cmsgpack.pack(big))"), "1000005");
  alloc_.limit = alloc_.used + 500000;  // not even the buffer
  EXPECT_EQ(run_raw("return cmsgpack.pack(big)"), "ERROR: user_script:1: not enough memory");
  alloc_.limit = static_cast<size_t>(-1);
  lua_gc(L_, LUA_GCCOLLECT, 0);
  EXPECT_EQ(run_raw("return tostring(#cmsgpack.pack(big, big))"), "2000010");
}

TEST_F(LuaLibsTest, ErrorsInsideNestedCallsCarryThePosition) {
  EXPECT_EQ(run_raw("return cmsgpack.unpack('\\193')"),
            "ERROR: user_script:1: Bad data format in input.");
  EXPECT_EQ(run_raw("return struct.pack('c5', 'ab')"),
            "ERROR: user_script:1: bad argument #3 to 'pack' (string too short)");
  EXPECT_EQ(run_raw("return cmsgpack.pack()"),
            "ERROR: user_script:1: bad argument #0 to 'pack' (MessagePack pack needs input.)");
}

// cmsgpack.pack: integers at every size and sign boundary.
constexpr Case kMsgpackPackInt[] = {
    {R"~(return hex(cmsgpack.pack(0)))~", R"~(00)~"},
    {R"~(return hex(cmsgpack.pack(1)))~", R"~(01)~"},
    {R"~(return hex(cmsgpack.pack(127)))~", R"~(7f)~"},
    {R"~(return hex(cmsgpack.pack(128)))~", R"~(cc80)~"},
    {R"~(return hex(cmsgpack.pack(255)))~", R"~(ccff)~"},
    {R"~(return hex(cmsgpack.pack(256)))~", R"~(cd0100)~"},
    {R"~(return hex(cmsgpack.pack(65535)))~", R"~(cdffff)~"},
    {R"~(return hex(cmsgpack.pack(65536)))~", R"~(ce00010000)~"},
    {R"~(return hex(cmsgpack.pack(4294967295)))~", R"~(ceffffffff)~"},
    {R"~(return hex(cmsgpack.pack(4294967296)))~", R"~(cf0000000100000000)~"},
    {R"~(return hex(cmsgpack.pack(2^53)))~", R"~(cf0020000000000000)~"},
    {R"~(return hex(cmsgpack.pack(2^63 - 2^10)))~", R"~(cf7ffffffffffffc00)~"},
    {R"~(return hex(cmsgpack.pack(-1)))~", R"~(ff)~"},
    {R"~(return hex(cmsgpack.pack(-31)))~", R"~(e1)~"},
    {R"~(return hex(cmsgpack.pack(-32)))~", R"~(e0)~"},
    {R"~(return hex(cmsgpack.pack(-33)))~", R"~(d0df)~"},
    {R"~(return hex(cmsgpack.pack(-127)))~", R"~(d081)~"},
    {R"~(return hex(cmsgpack.pack(-128)))~", R"~(d080)~"},
    {R"~(return hex(cmsgpack.pack(-129)))~", R"~(d1ff7f)~"},
    {R"~(return hex(cmsgpack.pack(-32767)))~", R"~(d18001)~"},
    {R"~(return hex(cmsgpack.pack(-32768)))~", R"~(d18000)~"},
    {R"~(return hex(cmsgpack.pack(-32769)))~", R"~(d2ffff7fff)~"},
    {R"~(return hex(cmsgpack.pack(-2147483647)))~", R"~(d280000001)~"},
    {R"~(return hex(cmsgpack.pack(-2147483648)))~", R"~(d280000000)~"},
    {R"~(return hex(cmsgpack.pack(-2147483649)))~", R"~(d3ffffffff7fffffff)~"},
    {R"~(return hex(cmsgpack.pack(-2^53)))~", R"~(d3ffe0000000000000)~"},
    {R"~(return hex(cmsgpack.pack(-2^63)))~", R"~(d38000000000000000)~"},
    {R"~(return hex(cmsgpack.pack(1e18)))~", R"~(cf0de0b6b3a7640000)~"},
    {R"~(return hex(cmsgpack.pack(-1e18)))~", R"~(d3f21f494c589c0000)~"},
};

TEST_F(LuaLibsTest, MsgpackPackInt) { check(kMsgpackPackInt); }

// cmsgpack.pack: non-integral numbers (float32 when lossless, else float64), -0.0, inf, NaN,
// integral doubles, and integers beyond int64.
constexpr Case kMsgpackPackFloat[] = {
    {R"~(return hex(cmsgpack.pack(1.5)))~", R"~(ca3fc00000)~"},
    {R"~(return hex(cmsgpack.pack(-1.5)))~", R"~(cabfc00000)~"},
    {R"~(return hex(cmsgpack.pack(0.5)))~", R"~(ca3f000000)~"},
    {R"~(return hex(cmsgpack.pack(0.1)))~", R"~(cb3fb999999999999a)~"},
    {R"~(return hex(cmsgpack.pack(-0.1)))~", R"~(cbbfb999999999999a)~"},
    {R"~(return hex(cmsgpack.pack(1e300)))~", R"~(cb7e37e43c8800759c)~"},
    {R"~(return hex(cmsgpack.pack(-1e300)))~", R"~(cbfe37e43c8800759c)~"},
    {R"~(return hex(cmsgpack.pack(1e-300)))~", R"~(cb01a56e1fc2f8f359)~"},
    {R"~(return hex(cmsgpack.pack(3.0)))~", R"~(03)~"},
    {R"~(return hex(cmsgpack.pack(-3.0)))~", R"~(fd)~"},
    {R"~(return hex(cmsgpack.pack(-zero)))~", R"~(00)~"},
    {R"~(return hex(cmsgpack.pack(2^-149)))~", R"~(ca00000001)~"},
    {R"~(return hex(cmsgpack.pack(2^-150)))~", R"~(cb3690000000000000)~"},
    {R"~(return hex(cmsgpack.pack(3.4028234663852886e38)))~", R"~(ca7f7fffff)~"},
    {R"~(return hex(cmsgpack.pack(3.4028235677973366e38)))~", R"~(cb47effffff0000000)~"},
    {R"~(return hex(cmsgpack.pack(2^128)))~", R"~(cb47f0000000000000)~"},
    {R"~(return hex(cmsgpack.pack(2^63)))~", R"~(ca5f000000)~"},
    {R"~(return hex(cmsgpack.pack(-2^63 - 4096)))~", R"~(cbc3e0000000000002)~"},
    {R"~(return hex(cmsgpack.pack(2^64)))~", R"~(ca5f800000)~"},
    {R"~(return hex(cmsgpack.pack(-2^64)))~", R"~(cadf800000)~"},
    {R"~(return hex(cmsgpack.pack(1e19)))~", R"~(cb43e158e460913d00)~"},
    {R"~(return hex(cmsgpack.pack(math.huge)))~", R"~(ca7f800000)~"},
    {R"~(return hex(cmsgpack.pack(-math.huge)))~", R"~(caff800000)~"},
    {R"~(return hex(cmsgpack.pack(zero/zero)))~", R"~(cbfff8000000000000)~"},
    {R"~(return hex(cmsgpack.pack(-(zero/zero))))~", R"~(cb7ff8000000000000)~"},
    {R"~(return hex(cmsgpack.pack(math.pi)))~", R"~(cb400921fb54442d18)~"},
    {R"~(return hex(cmsgpack.pack(1/3)))~", R"~(cb3fd5555555555555)~"},
    {R"~(return hex(cmsgpack.pack(123456.75)))~", R"~(ca47f12060)~"},
    {R"~(return hex(cmsgpack.pack(16777217)))~", R"~(ce01000001)~"},
    {R"~(return hex(cmsgpack.pack(2^31 + 0.5)))~", R"~(cb41e0000000100000)~"},
};

TEST_F(LuaLibsTest, MsgpackPackFloat) { check(kMsgpackPackFloat); }

// cmsgpack.pack: fixstr / str8 / str16 / str32 headers.
constexpr Case kMsgpackPackString[] = {
    {R"~(return hex(cmsgpack.pack(string.rep('a', 0))))~", R"~(a0)~"},
    {R"~(return hex(cmsgpack.pack(string.rep('a', 1))))~", R"~(a161)~"},
    {R"~(return hex(cmsgpack.pack(string.rep('a', 31))))~",
     R"~(bf61616161616161616161616161616161616161616161616161616161616161)~"},
    {R"~(return hex(cmsgpack.pack(string.rep('a', 32))))~",
     R"~(d9206161616161616161616161616161616161616161616161616161616161616161)~"},
    {R"~(return head(cmsgpack.pack(string.rep('a', 255)), 6))~", R"~(d9ff61616161..(257))~"},
    {R"~(return head(cmsgpack.pack(string.rep('a', 256)), 6))~", R"~(da0100616161..(259))~"},
    {R"~(return head(cmsgpack.pack(string.rep('a', 65535)), 6))~", R"~(daffff616161..(65538))~"},
    {R"~(return head(cmsgpack.pack(string.rep('a', 65536)), 6))~", R"~(db0001000061..(65541))~"},
    {R"~(return head(cmsgpack.pack(string.rep('a', 70000)), 6))~", R"~(db0001117061..(70005))~"},
    {R"~(return hex(cmsgpack.pack('a\0b\255')))~", R"~(a4610062ff)~"},
    {R"~(return hex(cmsgpack.pack(string.rep('x', 300)):sub(-3)))~", R"~(787878)~"},
};

TEST_F(LuaLibsTest, MsgpackPackString) { check(kMsgpackPackString); }

// cmsgpack.pack: nil, booleans, other types, several arguments, no argument.
constexpr Case kMsgpackPackMisc[] = {
    {R"~(return hex(cmsgpack.pack(nil)))~", R"~(c0)~"},
    {R"~(return hex(cmsgpack.pack(true)))~", R"~(c3)~"},
    {R"~(return hex(cmsgpack.pack(false)))~", R"~(c2)~"},
    {R"~(return hex(cmsgpack.pack(function() end)))~", R"~(c0)~"},
    {R"~(return hex(cmsgpack.pack(coroutine.create(function() end))))~", R"~(c0)~"},
    {R"~(return hex(cmsgpack.pack(1, 'a', true, nil, {1})))~", R"~(01a161c3c09101)~"},
    {R"~(return hex(cmsgpack.pack(nil, nil)))~", R"~(c0c0)~"},
    {R"~(return hex(cmsgpack.pack('a', 'bc', 'def')))~", R"~(a161a26263a3646566)~"},
    {R"~(return hex(cmsgpack.pack({}, {})))~", R"~(9090)~"},
    {R"~(return hex(cmsgpack.pack(1.5, 2)))~", R"~(ca3fc0000002)~"},
    {R"~(return all(pcall(cmsgpack.pack)))~",
     R"~(2:false "bad argument #0 to '?' (MessagePack pack needs input.)")~"},
    {R"~(return all(cmsgpack.pack(1, 2) == cmsgpack.pack(1) .. cmsgpack.pack(2)))~", R"~(1:true)~"},
};

TEST_F(LuaLibsTest, MsgpackPackMisc) { check(kMsgpackPackMisc); }

// cmsgpack.pack: array (keys exactly 1..n) versus map; fix/16/32 headers.
constexpr Case kMsgpackPackTable[] = {
    {R"~(return hex(cmsgpack.pack({})))~", R"~(90)~"},
    {R"~(return hex(cmsgpack.pack({1, 2, 3})))~", R"~(93010203)~"},
    {R"~(return hex(cmsgpack.pack({'a', 'b'})))~", R"~(92a161a162)~"},
    {R"~(return hex(cmsgpack.pack({1, nil, 3})))~", R"~(8201010303)~"},
    {R"~(return hex(cmsgpack.pack({nil, 2})))~", R"~(810202)~"},
    {R"~(return hex(cmsgpack.pack({a = 1})))~", R"~(81a16101)~"},
    {R"~(return hex(cmsgpack.pack({[1] = 1, [2] = 2})))~", R"~(920102)~"},
    {R"~(return hex(cmsgpack.pack({[2] = 2})))~", R"~(810202)~"},
    {R"~(return hex(cmsgpack.pack({[0] = 1})))~", R"~(810001)~"},
    {R"~(return hex(cmsgpack.pack({[-1] = 1})))~", R"~(81ff01)~"},
    {R"~(return hex(cmsgpack.pack({[1.5] = 1})))~", R"~(81ca3fc0000001)~"},
    {R"~(return hex(cmsgpack.pack({[1] = true, [3] = true, [2] = true})))~", R"~(93c3c3c3)~"},
    {R"~(return hex(cmsgpack.pack({['1'] = 1})))~", R"~(81a13101)~"},
    {R"~(return hex(cmsgpack.pack({[true] = 1})))~", R"~(81c301)~"},
    {R"~(return hex(cmsgpack.pack({[2^31] = 1})))~", R"~(81ce8000000001)~"},
    {R"~(return hex(cmsgpack.pack({[2^32] = 1})))~", R"~(81cf000000010000000001)~"},
    {R"~(return hex(cmsgpack.pack({{1}, {2}})))~", R"~(9291019102)~"},
    {R"~(return hex(cmsgpack.pack({a = {b = {c = 1}}})))~", R"~(81a16181a16281a16301)~"},
    {R"~(return hex(cmsgpack.pack({{}, {{}}})))~", R"~(92909190)~"},
    {R"~(return hex(cmsgpack.pack({1, 2, x = 3})))~", R"~(8301010202a17803)~"},
    {R"~(return hex(cmsgpack.pack({a = 1, b = 2, c = 3})))~", R"~(83a16101a16303a16202)~"},
    {R"~(return hex(cmsgpack.pack({[1] = 'x', [10] = 'y'})))~", R"~(8201a1780aa179)~"},
    {R"~(return hex(cmsgpack.pack({1.5, -1, 'z', false})))~", R"~(94ca3fc00000ffa17ac2)~"},
    {R"~(return hex(cmsgpack.pack({[{}] = 1})))~", R"~(819001)~"},
    {R"~(return hex(cmsgpack.pack({[1] = function() end})))~", R"~(91c0)~"},
    {R"~(return hex(cmsgpack.pack({function() end, 2})))~", R"~(92c002)~"},
    {R"~(local t = {} for i = 1, 15 do t[i] = i end return hex(cmsgpack.pack(t)))~",
     R"~(9f0102030405060708090a0b0c0d0e0f)~"},
    {R"~(local t = {} for i = 1, 16 do t[i] = i end return hex(cmsgpack.pack(t)))~",
     R"~(dc00100102030405060708090a0b0c0d0e0f10)~"},
    {R"~(local t = {} for i = 1, 65535 do t[i] = 0 end return )~"
     R"~(head(cmsgpack.pack(t), 5))~",
     R"~(dcffff0000..(65538))~"},
    {R"~(local t = {} for i = 1, 65536 do t[i] = 0 end return )~"
     R"~(head(cmsgpack.pack(t), 6))~",
     R"~(dd0001000000..(65541))~"},
    {R"~(local t = {} for i = 1, 15 do t['k' .. i] = i end return )~"
     R"~(hex(cmsgpack.pack(t)))~",
     R"~(8fa36b31320ca26b3909a26b3808a26b3101a36b31350fa26b3303a26b3202a36b31340e)~"
     R"~(a36b31330da36b31300aa36b31310ba26b3606a26b3707a26b3404a26b3505)~"},
    {R"~(local t = {} for i = 1, 16 do t['k' .. i] = i end return )~"
     R"~(hex(cmsgpack.pack(t)))~",
     R"~(de0010a36b31320ca36b313610a26b3909a26b3808a26b3101a36b31350fa26b3303a26b)~"
     R"~(3202a36b31340ea36b31330da36b31300aa36b31310ba26b3606a26b3707a26b3404a26b)~"
     R"~(3505)~"},
    {R"~(local t = {} for i = 1, 65536 do t['k' .. i] = 0 end return )~"
     R"~(head(cmsgpack.pack(t), 3))~",
     R"~(df0001..(513187))~"},
    {R"~(local t = {1, 2, 3} t[2] = nil return hex(cmsgpack.pack(t)))~", R"~(8201010303)~"},
    {R"~(local t = setmetatable({}, {__index = function() return 1 end}) t[1] = )~"
     R"~(5 return hex(cmsgpack.pack(t)))~",
     R"~(9105)~"},
};

TEST_F(LuaLibsTest, MsgpackPackTable) { check(kMsgpackPackTable); }

// cmsgpack.pack: tables nested deeper than 16 levels pack as nil (also cycles).
constexpr Case kMsgpackNesting[] = {
    {R"~(return hex(cmsgpack.pack(nest(1))))~", R"~(9101)~"},
    {R"~(return hex(cmsgpack.pack(nest(15))))~", R"~(91919191919191919191919191919101)~"},
    {R"~(return hex(cmsgpack.pack(nest(16))))~", R"~(9191919191919191919191919191919101)~"},
    {R"~(return hex(cmsgpack.pack(nest(17))))~", R"~(91919191919191919191919191919191c0)~"},
    {R"~(return hex(cmsgpack.pack(nest(20))))~", R"~(91919191919191919191919191919191c0)~"},
    {R"~(return hex(cmsgpack.pack(nest(17), nest(17))))~",
     R"~(91919191919191919191919191919191c091919191919191919191919191919191c0)~"},
    {R"~(local t = {} t[1] = t return hex(cmsgpack.pack(t)))~",
     R"~(91919191919191919191919191919191c0)~"},
    {R"~(local t = {} t.self = t return hex(cmsgpack.pack(t)))~",
     R"~(81a473656c6681a473656c6681a473656c6681a473656c6681a473656c6681a473656c66)~"
     R"~(81a473656c6681a473656c6681a473656c6681a473656c6681a473656c6681a473656c66)~"
     R"~(81a473656c6681a473656c6681a473656c6681a473656c66c0)~"},
    {R"~(local t = {} local c = t for i = 1, 17 do c.a = {} c = c.a end return )~"
     R"~(hex(cmsgpack.pack(t)))~",
     R"~(81a16181a16181a16181a16181a16181a16181a16181a16181a16181a16181a16181a161)~"
     R"~(81a16181a16181a16181a161c0)~"},
    {R"~(local t = {} local c = t for i = 1, 16 do local k = {} c[k] = 1 c = k )~"
     R"~(end return hex(cmsgpack.pack(t)))~",
     R"~(81818181818181818181818181818181c001010101010101010101010101010101)~"},
    {R"~(return all(cmsgpack.unpack(cmsgpack.pack(nest(20)))))~",
     R"~(1:{[1]={[1]={[1]={[1]={[1]={[1]={[1]={[1]={[1]={[1]={[1]={[1]={[1]={[1]=)~"
     R"~({[1]={}}}}}}}}}}}}}}}})~"},
};

TEST_F(LuaLibsTest, MsgpackNesting) { check(kMsgpackNesting); }

// cmsgpack.unpack of every type it decodes, several values, Lua stack limits.
constexpr Case kMsgpackUnpack[] = {
    {R"~(return all(pcall(cmsgpack.unpack, '\0')))~", R"~(2:true 0)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\127')))~", R"~(2:true 127)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\224')))~", R"~(2:true -32)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\255')))~", R"~(2:true -1)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\204\255')))~", R"~(2:true 255)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\204\128')))~", R"~(2:true 128)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\205\255\255')))~", R"~(2:true 65535)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\206\255\255\255\255')))~", R"~(2:true 4294967295)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\207\0\0\0\1\0\0\0\0')))~", R"~(2:true 4294967296)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\207\255\255\255\255\255\255\255\255')~"
     R"~()))~",
     R"~(2:true -1)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\207\128\0\0\0\0\0\0\0')))~",
     R"~(2:true -9.2233720368547758e+18)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\208\128')))~", R"~(2:true -128)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\208\127')))~", R"~(2:true 127)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\209\128\0')))~", R"~(2:true -32768)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\209\255\254')))~", R"~(2:true -2)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\210\128\0\0\0')))~", R"~(2:true -2147483648)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\211\128\0\0\0\0\0\0\0')))~",
     R"~(2:true -9.2233720368547758e+18)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\211\255\255\255\255\255\255\255\255')~"
     R"~()))~",
     R"~(2:true -1)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\211\0\32\0\0\0\0\0\1')))~",
     R"~(2:true 9007199254740992)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\202\63\192\0\0')))~", R"~(2:true 1.5)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\202\127\128\0\0')))~", R"~(2:true inf)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\202\127\192\0\0')))~", R"~(2:true nan)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\202\128\0\0\0')))~", R"~(2:true -0)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\203\63\185\153\153\153\153\153\154'))~"
     R"~())~",
     R"~(2:true 0.10000000000000001)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\203\255\240\0\0\0\0\0\0')))~", R"~(2:true -inf)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\192')))~", R"~(2:true nil)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\194')))~", R"~(2:true false)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\195')))~", R"~(2:true true)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\160')))~", R"~(2:true "")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\163abc')))~", R"~(2:true "abc")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\217\3abc')))~", R"~(2:true "abc")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\217\0')))~", R"~(2:true "")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\218\0\3abc')))~", R"~(2:true "abc")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\219\0\0\0\3abc')))~", R"~(2:true "abc")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\144')))~", R"~(2:true {})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\147\1\2\3')))~", R"~(2:true {[1]=1,[2]=2,[3]=3})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\147\1\192\3')))~", R"~(2:true {[1]=1,[3]=3})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\129\161a\1')))~", R"~(2:true {["a"]=1})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\130\1\2\3\4')))~", R"~(2:true {[1]=2,[3]=4})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\128')))~", R"~(2:true {})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\220\0\2\1\2')))~", R"~(2:true {[1]=1,[2]=2})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\221\0\0\0\2\1\2')))~", R"~(2:true {[1]=1,[2]=2})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\222\0\1\161k\195')))~", R"~(2:true {["k"]=true})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\223\0\0\0\1\161k\194')))~",
     R"~(2:true {["k"]=false})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\145\145\145\1')))~",
     R"~(2:true {[1]={[1]={[1]=1}}})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\129\145\1\2')))~", R"~(2:true {[{[1]=1}]=2})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\1\2\3')))~", R"~(4:true 1 2 3)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\192\192')))~", R"~(3:true nil nil)~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\145\192')))~", R"~(2:true {})~"},
    {R"~(return all(pcall(cmsgpack.unpack, '')))~", R"~(1:true)~"},
    {R"~(return all(pcall(cmsgpack.unpack, 1)))~", R"~(2:true 49)~"},
    {R"~(return all(pcall(cmsgpack.unpack, {})))~",
     R"~(2:false "bad argument #1 to '?' (string expected, got table)")~"},
    {R"~(return all(pcall(cmsgpack.unpack)))~",
     R"~(2:false "bad argument #1 to '?' (string expected, got no value)")~"},
    {R"~(return all(cmsgpack.unpack(cmsgpack.pack({1, 2, {a = 'x', b = {true, )~"
     R"~(false}}, -5, 1.5}))))~",
     R"~(1:{[1]=1,[2]=2,[3]={["a"]="x",["b"]={[1]=true,[2]=false}},[4]=-5,[5]=1.5)~"
     R"~(})~"},
    {R"~(return all(cmsgpack.unpack(cmsgpack.pack(string.rep('q', 65536)))))~",
     R"~(1:"qqqqqqqqqqqqqqqq"..(65536))~"},
    {R"~(return all(cmsgpack.unpack(cmsgpack.pack(-zero, 2^63, -2^63, 0.1, )~"
     R"~(1e300))))~",
     R"~(5:0 9.2233720368547758e+18 -9.2233720368547758e+18 0.10000000000000001 )~"
     R"~(1.0000000000000001e+300)~"},
    {R"~(return tostring(select('#', cmsgpack.unpack(string.rep('\1', 7000)))))~", R"~(7000)~"},
    {R"~(return all(pcall(cmsgpack.unpack, string.rep('\1', 9000))))~",
     R"~(2:false "stack overflow (too many return values at once; use unpack_one )~"
     R"~(or unpack_limit instead.)")~"},
    {R"~(return all(pcall(cmsgpack.unpack, string.rep('\145', 5000) .. '\1')))~",
     R"~(2:false "stack overflow (in function mp_decode_to_lua_array)")~"},
    {R"~(return all(pcall(cmsgpack.unpack, string.rep('\129\1', 5000) .. '\1')))~",
     R"~(2:false "stack overflow (too many return values at once; use unpack_one )~"
     R"~(or unpack_limit instead.)")~"},
    {R"~(local t = cmsgpack.unpack(string.rep('\145', 1000) .. '\1') local d = 0 )~"
     R"~(while type(t) == 'table' do t = t[1] d = d + 1 end return d .. ' ' .. t)~",
     R"~(1000 1)~"},
};

TEST_F(LuaLibsTest, MsgpackUnpack) { check(kMsgpackUnpack); }

// cmsgpack.unpack: bin/ext/reserved bytes are a bad format; truncated input; bad keys.
constexpr Case kMsgpackUnpackErrors[] = {
    {R"~(return all(pcall(cmsgpack.unpack, '\193')))~", R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\196\1a')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\197\0\1a')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\198\0\0\0\1a')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\199\1\1a')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\200\0\1\1a')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\201\0\0\0\1\1a')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\212\1a')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\213\1ab')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\214\1abcd')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\215\1abcdefgh')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\216\1abcdefghabcdefgh')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\1\193')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\145\193')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\205\1')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\204')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\207\0\0')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\211\0')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\202\0\0\0')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\203\0')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\165a')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\217')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\217\5ab')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\218\0')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\218\0\5ab')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\219\0\0\1')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\219\0\0\0\5ab')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\146\1')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\129\1')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\220\0')))~", R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\220\0\2\1')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\221\0\0\0')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\222\0\1\1')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\223\0\0\0\1')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\129\192\1')))~", R"~(2:false "table index is nil")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\129\203\127\248\0\0\0\0\0\0\1')))~",
     R"~(2:false "table index is NaN")~"},
    {R"~(return all(pcall(cmsgpack.unpack, '\1\2\205')))~",
     R"~(2:false "Missing bytes in input.")~"},
};

TEST_F(LuaLibsTest, MsgpackUnpackErrors) { check(kMsgpackUnpackErrors); }

// cmsgpack.unpack_one / unpack_limit: values, next offsets (-1 at the end), errors.
constexpr Case kMsgpackUnpackOffsets[] = {
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s)))~",
     R"~(3:true 1 1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 0)))~",
     R"~(3:true 1 1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 1)))~",
     R"~(3:true 4 "ab")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 4)))~",
     R"~(3:true -1 {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 5)))~",
     R"~(3:true -1 3)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 6)))~",
     R"~(2:true -1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 7)))~",
     R"~(2:false "Start offset 7 greater than input length 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, -1)))~",
     R"~(2:false "Invalid request to unpack with offset of -1 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 1.9)))~",
     R"~(3:true 4 "ab")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, '1')))~",
     R"~(3:true 4 "ab")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 'x')))~",
     R"~(2:false "bad argument #2 to '?' (number expected, got string)")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, '')))~",
     R"~(2:true -1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, '', 1)))~",
     R"~(2:false "Start offset 1 greater than input length 0.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 2)))~",
     R"~(3:true 3 97)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 3)))~",
     R"~(3:true 4 98)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, '\205\1')))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, '\193')))~",
     R"~(2:false "Bad data format in input.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, '\1\193')))~",
     R"~(3:true 1 1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 1)))~",
     R"~(3:true 1 1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 2)))~",
     R"~(4:true 4 1 "ab")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 3)))~",
     R"~(5:true -1 1 "ab" {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 10)))~",
     R"~(5:true -1 1 "ab" {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 0)))~",
     R"~(4:true 1 "ab" {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 0, 0)))~",
     R"~(4:true 1 "ab" {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 0, 1)))~",
     R"~(2:true 1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 1, 1)))~",
     R"~(3:true 4 "ab")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 2, 1)))~",
     R"~(4:true -1 "ab" {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 5, 4)))~",
     R"~(3:true -1 {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 1, 6)))~",
     R"~(2:true -1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 1, 7)))~",
     R"~(2:false "Start offset 7 greater than input length 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, -1)))~",
     R"~(2:false "Invalid request to unpack with offset of 0 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, -1, 2)))~",
     R"~(2:false "Invalid request to unpack with offset of 2 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 1, -3)))~",
     R"~(2:false "Invalid request to unpack with offset of -3 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s)))~",
     R"~(2:false "bad argument #2 to '?' (number expected, got no value)")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, nil, 1)))~",
     R"~(2:false "bad argument #2 to '?' (number expected, got nil)")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, '', 1)))~",
     R"~(2:true -1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, '', 0)))~",
     R"~(1:true)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, '\1\205', 2)))~",
     R"~(2:false "Missing bytes in input.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, '\1\205', 1)))~",
     R"~(3:true 1 1)~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 2^32 + 1)))~",
     R"~(5:true -1 1 "ab" {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 2^31)))~",
     R"~(5:true -1 1 "ab" {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 2^32)))~",
     R"~(5:true -1 1 "ab" {[1]=3})~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, -2^32 + 1)))~",
     R"~(2:false "Invalid request to unpack with offset of 0 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 1e300)))~",
     R"~(2:false "Invalid request to unpack with offset of 0 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, zero/zero)))~",
     R"~(2:false "Invalid request to unpack with offset of 0 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_limit, s, 2, 2^32)))~",
     R"~(2:false "Start offset 0 greater than input length 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 2^32 + 1)))~",
     R"~(2:false "Start offset 1 greater than input length 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 2^31)))~",
     R"~(2:false "Start offset -2147483648 greater than input length 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, -2^32 + 1)))~",
     R"~(2:false "Invalid request to unpack with offset of 1 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, 2^32)))~",
     R"~(2:false "Start offset 0 greater than input length 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) return )~"
     R"~(all(pcall(cmsgpack.unpack_one, s, -1e300)))~",
     R"~(2:false "Invalid request to unpack with offset of 0 and limit of 6.")~"},
    {R"~(local s = cmsgpack.pack(1, 'ab', {3}) local out, off = {}, 0 while off )~"
     R"~(~= -1 do local v off, v = cmsgpack.unpack_one(s, off) out[#out + 1] = )~"
     R"~(dump(v) .. '@' .. off end return table.concat(out, ' '))~",
     R"~(1@1 "ab"@4 {[1]=3}@-1)~"},
};

TEST_F(LuaLibsTest, MsgpackUnpackOffsets) { check(kMsgpackUnpackOffsets); }

// The library tables and their metadata.
constexpr Case kModule[] = {
    {R"~(return cmsgpack._NAME .. '|' .. cmsgpack._VERSION .. '|' .. )~"
     R"~(cmsgpack._COPYRIGHT .. '|' .. cmsgpack._DESCRIPTION)~",
     R"~(cmsgpack|lua-cmsgpack 0.4.0|Copyright (C) 2012, Salvatore )~"
     R"~(Sanfilippo|MessagePack C implementation for Lua)~"},
    {R"~(local k = {} for n in pairs(cmsgpack) do k[#k + 1] = n end )~"
     R"~(table.sort(k) return table.concat(k, ','))~",
     R"~(_COPYRIGHT,_DESCRIPTION,_NAME,_VERSION,pack,unpack,unpack_limit,unpack_o)~"
     R"~(ne)~"},
    {R"~(local k = {} for n in pairs(struct) do k[#k + 1] = n end table.sort(k) )~"
     R"~(return table.concat(k, ','))~",
     R"~(pack,size,unpack)~"},
};

TEST_F(LuaLibsTest, Module) { check(kModule); }

// struct.size of every option, with and without alignment.
constexpr Case kStructSize[] = {
    {R"~(return all(pcall(struct.size, '')))~", R"~(2:true 0)~"},
    {R"~(return all(pcall(struct.size, 'b')))~", R"~(2:true 1)~"},
    {R"~(return all(pcall(struct.size, 'B')))~", R"~(2:true 1)~"},
    {R"~(return all(pcall(struct.size, 'h')))~", R"~(2:true 2)~"},
    {R"~(return all(pcall(struct.size, 'H')))~", R"~(2:true 2)~"},
    {R"~(return all(pcall(struct.size, 'l')))~", R"~(2:true 8)~"},
    {R"~(return all(pcall(struct.size, 'L')))~", R"~(2:true 8)~"},
    {R"~(return all(pcall(struct.size, 'T')))~", R"~(2:true 8)~"},
    {R"~(return all(pcall(struct.size, 'i')))~", R"~(2:true 4)~"},
    {R"~(return all(pcall(struct.size, 'I')))~", R"~(2:true 4)~"},
    {R"~(return all(pcall(struct.size, 'i1')))~", R"~(2:true 1)~"},
    {R"~(return all(pcall(struct.size, 'i2')))~", R"~(2:true 2)~"},
    {R"~(return all(pcall(struct.size, 'i3')))~", R"~(2:true 3)~"},
    {R"~(return all(pcall(struct.size, 'i7')))~", R"~(2:true 7)~"},
    {R"~(return all(pcall(struct.size, 'I8')))~", R"~(2:true 8)~"},
    {R"~(return all(pcall(struct.size, 'i16')))~", R"~(2:true 16)~"},
    {R"~(return all(pcall(struct.size, 'i32')))~", R"~(2:true 32)~"},
    {R"~(return all(pcall(struct.size, 'i0')))~", R"~(2:true 0)~"},
    {R"~(return all(pcall(struct.size, 'f')))~", R"~(2:true 4)~"},
    {R"~(return all(pcall(struct.size, 'd')))~", R"~(2:true 8)~"},
    {R"~(return all(pcall(struct.size, 'x')))~", R"~(2:true 1)~"},
    {R"~(return all(pcall(struct.size, 'c')))~", R"~(2:true 1)~"},
    {R"~(return all(pcall(struct.size, 'c1')))~", R"~(2:true 1)~"},
    {R"~(return all(pcall(struct.size, 'c7')))~", R"~(2:true 7)~"},
    {R"~(return all(pcall(struct.size, 'bhd')))~", R"~(2:true 11)~"},
    {R"~(return all(pcall(struct.size, 'bhlid')))~", R"~(2:true 23)~"},
    {R"~(return all(pcall(struct.size, '!bhd')))~", R"~(2:true 16)~"},
    {R"~(return all(pcall(struct.size, '!1bhd')))~", R"~(2:true 11)~"},
    {R"~(return all(pcall(struct.size, '!2bhd')))~", R"~(2:true 12)~"},
    {R"~(return all(pcall(struct.size, '!4bd')))~", R"~(2:true 12)~"},
    {R"~(return all(pcall(struct.size, '!8 b d')))~", R"~(2:true 16)~"},
    {R"~(return all(pcall(struct.size, '!16bd')))~", R"~(2:true 16)~"},
    {R"~(return all(pcall(struct.size, '!4 b i3')))~", R"~(2:true 6)~"},
    {R"~(return all(pcall(struct.size, '!4 b c5 i')))~", R"~(2:true 12)~"},
    {R"~(return all(pcall(struct.size, '!b x h')))~", R"~(2:true 4)~"},
    {R"~(return all(pcall(struct.size, '<>b ')))~", R"~(2:true 1)~"},
    {R"~(return all(pcall(struct.size, '  ')))~", R"~(2:true 0)~"},
    {R"~(return all(pcall(struct.size, 'z')))~", R"~(2:true 0)~"},
    {R"~(return all(pcall(struct.size, 'bzb')))~", R"~(2:true 2)~"},
    {R"~(return all(pcall(struct.size, '!bi2h')))~", R"~(2:true 6)~"},
    {R"~(return all(pcall(struct.size, '!2bi8')))~", R"~(2:true 10)~"},
    {R"~(return all(pcall(struct.size, 'i 2')))~", R"~(2:true 4)~"},
    {R"~(return all(pcall(struct.size, '!4b!1h')))~", R"~(2:true 3)~"},
    {R"~(return all(pcall(struct.size, 'c10b')))~", R"~(2:true 11)~"},
};

TEST_F(LuaLibsTest, StructSize) { check(kStructSize); }

// struct.size errors.
constexpr Case kStructSizeErrors[] = {
    {R"~(return all(pcall(struct.size, 's')))~",
     R"~(2:false "bad argument #1 to '?' (option 's' has no fixed size)")~"},
    {R"~(return all(pcall(struct.size, 'c0')))~",
     R"~(2:false "bad argument #1 to '?' (option 'c0' has no fixed size)")~"},
    {R"~(return all(pcall(struct.size, 'bs')))~",
     R"~(2:false "bad argument #1 to '?' (option 's' has no fixed size)")~"},
    {R"~(return all(pcall(struct.size, '?')))~",
     R"~(2:false "bad argument #1 to '?' (invalid format option '?')")~"},
    {R"~(return all(pcall(struct.size, 'b?')))~",
     R"~(2:false "bad argument #1 to '?' (invalid format option '?')")~"},
    {R"~(return all(pcall(struct.size, '#')))~",
     R"~(2:false "bad argument #1 to '?' (invalid format option '#')")~"},
    {R"~(return all(pcall(struct.size, 'i33')))~",
     R"~(2:false "integral size 33 is larger than limit of 32")~"},
    {R"~(return all(pcall(struct.size, 'I100')))~",
     R"~(2:false "integral size 100 is larger than limit of 32")~"},
    {R"~(return all(pcall(struct.size, '!3')))~", R"~(2:false "alignment 3 is not a power of 2")~"},
    {R"~(return all(pcall(struct.size, '!0')))~", R"~(2:false "alignment 0 is not a power of 2")~"},
    {R"~(return all(pcall(struct.size, '!6')))~", R"~(2:false "alignment 6 is not a power of 2")~"},
    {R"~(return all(pcall(struct.size, 'i99999999999')))~",
     R"~(2:false "integral size overflow")~"},
    {R"~(return all(pcall(struct.size, 'c99999999999')))~",
     R"~(2:false "integral size overflow")~"},
    {R"~(return all(pcall(struct.size, '!99999999999')))~",
     R"~(2:false "integral size overflow")~"},
    {R"~(return all(pcall(struct.size, 'i2147483647')))~",
     R"~(2:false "integral size 2147483647 is larger than limit of 32")~"},
    {R"~(return all(pcall(struct.size, 'i2147483648')))~", R"~(2:false "integral size overflow")~"},
    {R"~(return all(pcall(struct.size)))~",
     R"~(2:false "bad argument #1 to '?' (string expected, got no value)")~"},
    {R"~(return all(pcall(struct.size, 12)))~", R"~(2:true 0)~"},
};

TEST_F(LuaLibsTest, StructSizeErrors) { check(kStructSizeErrors); }

// struct.pack: every option, both endiannesses, alignment, strings, conversions, errors.
constexpr Case kStructPack[] = {
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<b', )~"
     R"~(-1)))~",
     R"~(2:true "ff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<b', )~"
     R"~(127)))~",
     R"~(2:true "7f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<b', )~"
     R"~(128)))~",
     R"~(2:true "80")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<b', )~"
     R"~(-128)))~",
     R"~(2:true "80")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<b', )~"
     R"~(-129)))~",
     R"~(2:true "7f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<B', )~"
     R"~(255)))~",
     R"~(2:true "ff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<B', )~"
     R"~(256)))~",
     R"~(2:true "00")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<B', )~"
     R"~(-1)))~",
     R"~(2:true "ff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'b', )~"
     R"~(1.9)))~",
     R"~(2:true "01")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'b', )~"
     R"~(-1.9)))~",
     R"~(2:true "ff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<h', )~"
     R"~(-2)))~",
     R"~(2:true "feff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>h', )~"
     R"~(-2)))~",
     R"~(2:true "fffe")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<H', )~"
     R"~(65535)))~",
     R"~(2:true "ffff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>H', )~"
     R"~(258)))~",
     R"~(2:true "0102")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<l', )~"
     R"~(-3)))~",
     R"~(2:true "fdffffffffffffff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>l', )~"
     R"~(-3)))~",
     R"~(2:true "fffffffffffffffd")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<L', )~"
     R"~(2^40)))~",
     R"~(2:true "0000000000010000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>L', )~"
     R"~(2^40 + 1)))~",
     R"~(2:true "0000010000000001")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<T', )~"
     R"~(123)))~",
     R"~(2:true "7b00000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>T', )~"
     R"~(123)))~",
     R"~(2:true "000000000000007b")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i', )~"
     R"~(1)))~",
     R"~(2:true "01000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>i', )~"
     R"~(1)))~",
     R"~(2:true "00000001")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I', )~"
     R"~(2^32 - 1)))~",
     R"~(2:true "ffffffff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I', )~"
     R"~(2^32)))~",
     R"~(2:true "00000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i1', )~"
     R"~(1)))~",
     R"~(2:true "01")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i3', )~"
     R"~(-1)))~",
     R"~(2:true "ffffff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>i3', )~"
     R"~(-1)))~",
     R"~(2:true "ffffff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I3', )~"
     R"~(1193046)))~",
     R"~(2:true "563412")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>I3', )~"
     R"~(1193046)))~",
     R"~(2:true "123456")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i5', )~"
     R"~(-2)))~",
     R"~(2:true "feffffffff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>I5', )~"
     R"~(2^39)))~",
     R"~(2:true "8000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i8', )~"
     R"~(-1)))~",
     R"~(2:true "ffffffffffffffff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>i8', )~"
     R"~(1)))~",
     R"~(2:true "0000000000000001")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I8', )~"
     R"~(2^53)))~",
     R"~(2:true "0000000000002000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I8', )~"
     R"~(2^63)))~",
     R"~(2:true "0000000000000080")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I8', )~"
     R"~(2^64)))~",
     R"~(2:true "0000000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i8', )~"
     R"~(-2^63)))~",
     R"~(2:true "0000000000000080")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i8', )~"
     R"~(-2^64)))~",
     R"~(2:true "0000000000000080")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I8', )~"
     R"~(1e300)))~",
     R"~(2:true "0000000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i8', )~"
     R"~(-1e300)))~",
     R"~(2:true "0000000000000080")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I8', )~"
     R"~(zero/zero)))~",
     R"~(2:true "0000000000000080")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I8', )~"
     R"~(2^63 + 4096)))~",
     R"~(2:true "0010000000000080")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('<i16', -1)))~",
     R"~(2:true "ffffffffffffffff0000000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('>i16', -1)))~",
     R"~(2:true "0000000000000000ffffffffffffffff")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('<i12', 5)))~",
     R"~(2:true "050000000000000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('>i12', -2)))~",
     R"~(2:true "00000000fffffffffffffffe")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<I9', )~"
     R"~(2^63)))~",
     R"~(2:true "000000000000008000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('<i32', -1)))~",
     R"~(2:true "ffffffffffffffff000000000000000000000000000000000000000000000000)~"
     R"~(")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i0', )~"
     R"~(5)))~",
     R"~(2:true "")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i', )~"
     R"~('10')))~",
     R"~(2:true "0a000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<i', )~"
     R"~(' 0x10 ')))~",
     R"~(2:true "10000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<f', )~"
     R"~(1.5)))~",
     R"~(2:true "0000c03f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>f', )~"
     R"~(1.5)))~",
     R"~(2:true "3fc00000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<f', )~"
     R"~(0.1)))~",
     R"~(2:true "cdcccc3d")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<d', )~"
     R"~(0.1)))~",
     R"~(2:true "9a9999999999b93f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>d', )~"
     R"~(0.1)))~",
     R"~(2:true "3fb999999999999a")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>d', )~"
     R"~(-zero)))~",
     R"~(2:true "8000000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>f', )~"
     R"~(math.huge)))~",
     R"~(2:true "7f800000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>d', )~"
     R"~(-math.huge)))~",
     R"~(2:true "fff0000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>f', )~"
     R"~(1e300)))~",
     R"~(2:true "7f800000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>f', )~"
     R"~(zero/zero)))~",
     R"~(2:true "ffc00000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>d', )~"
     R"~(zero/zero)))~",
     R"~(2:true "fff8000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>f', )~"
     R"~(2^-149)))~",
     R"~(2:true "00000001")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'x')))~",
     R"~(2:true "00")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'xx')))~",
     R"~(2:true "0000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'bxb', )~"
     R"~(1, 2)))~",
     R"~(2:true "010002")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 's', )~"
     R"~('abc')))~",
     R"~(2:true "61626300")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 's', )~"
     R"~('')))~",
     R"~(2:true "00")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 's', )~"
     R"~('a\0b')))~",
     R"~(2:true "61006200")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 's', )~"
     R"~(12)))~",
     R"~(2:true "313200")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'c', )~"
     R"~('abc')))~",
     R"~(2:true "61")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'c3', )~"
     R"~('abc')))~",
     R"~(2:true "616263")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'c2', )~"
     R"~('abc')))~",
     R"~(2:true "6162")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'c0', )~"
     R"~('hello')))~",
     R"~(2:true "68656c6c6f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'c0', )~"
     R"~('')))~",
     R"~(2:true "")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'c0', )~"
     R"~(42)))~",
     R"~(2:true "3432")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'bc0', )~"
     R"~(5, 'hello')))~",
     R"~(2:true "0568656c6c6f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '>!4 b )~"
     R"~(I', 1, 2)))~",
     R"~(2:true "0100000000000002")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '<!4 b )~"
     R"~(i', 1, 2)))~",
     R"~(2:true "0100000002000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!b )~"
     R"~(h', 1, 2)))~",
     R"~(2:true "01000200")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!b )~"
     R"~(d', 1, 0.5)))~",
     R"~(2:true "0100000000000000000000000000e03f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!2 b )~"
     R"~(d', 1, 0.5)))~",
     R"~(2:true "0100000000000000e03f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!4 b )~"
     R"~(d', 1, 0.5)))~",
     R"~(2:true "01000000000000000000e03f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!8 b )~"
     R"~(d', 1, 0.5)))~",
     R"~(2:true "0100000000000000000000000000e03f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!16 b )~"
     R"~(d', 1, 0.5)))~",
     R"~(2:true "0100000000000000000000000000e03f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!1 b )~"
     R"~(d', 1, 0.5)))~",
     R"~(2:true "01000000000000e03f")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '! b )~"
     R"~(i3 h', 1, 2, 3)))~",
     R"~(2:true "0100000200000300")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!4 b )~"
     R"~(c3 i', 1, 'abc', 2)))~",
     R"~(2:true "0161626302000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!4 b )~"
     R"~(s i', 1, 'ab', 2)))~",
     R"~(2:true "0161620002000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!8 b )~"
     R"~(x i', 1, 2)))~",
     R"~(2:true "0100000002000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!4 b )~"
     R"~(i16', 1, 2)))~",
     R"~(2:true "0100000002000000000000000000000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!4 h )~"
     R"~(T', 1, 2)))~",
     R"~(2:true "010000000200000000000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('<h>h', 1, 1)))~",
     R"~(2:true "01000001")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '  b  )~"
     R"~(', 7)))~",
     R"~(2:true "07")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'bb', )~"
     R"~(1, 2)))~",
     R"~(2:true "0102")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!4 b )~"
     R"~(!1 i', 1, 2)))~",
     R"~(2:true "0102000000")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('<hBfds', 1, 2, 0.25, 0.5, 'z')))~",
     R"~(2:true "0100020000803e000000000000e03f7a00")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '')))~",
     R"~(2:true "")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '', 1, )~"
     R"~(2)))~",
     R"~(2:true "")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'b')))~",
     R"~(2:false "user_script:1: bad argument #2 to 'pack' (number expected, got )~"
     R"~(nil)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'b', )~"
     R"~(nil)))~",
     R"~(2:false "user_script:1: bad argument #2 to 'pack' (number expected, got )~"
     R"~(nil)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'b', )~"
     R"~('abc')))~",
     R"~(2:false "user_script:1: bad argument #2 to 'pack' (number expected, got )~"
     R"~(string)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'b', )~"
     R"~({})))~",
     R"~(2:false "user_script:1: bad argument #2 to 'pack' (number expected, got )~"
     R"~(table)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 's')))~",
     R"~(2:false "user_script:1: bad argument #2 to 'pack' (string expected, got )~"
     R"~(nil)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'c', )~"
     R"~(1)))~",
     R"~(2:true "31")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'c5', )~"
     R"~('ab')))~",
     R"~(2:false "user_script:1: bad argument #3 to 'pack' (string too short)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'bc5', )~"
     R"~(1, 'ab')))~",
     R"~(2:false "user_script:1: bad argument #4 to 'pack' (string too short)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('c0c3', 'x', 'ab')))~",
     R"~(2:false "user_script:1: bad argument #4 to 'pack' (string too short)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'z', )~"
     R"~(1)))~",
     R"~(2:false "user_script:1: bad argument #1 to 'pack' (invalid format )~"
     R"~(option 'z')")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'b?', )~"
     R"~(1)))~",
     R"~(2:false "user_script:1: bad argument #1 to 'pack' (invalid format )~"
     R"~(option '?')")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 'i33', )~"
     R"~(1)))~",
     R"~(2:false "user_script:1: integral size 33 is larger than limit of 32")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!3', )~"
     R"~(1)))~",
     R"~(2:false "user_script:1: alignment 3 is not a power of 2")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, '!0')))~",
     R"~(2:false "user_script:1: alignment 0 is not a power of 2")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('i99999999999', 1)))~",
     R"~(2:false "user_script:1: integral size overflow")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, )~"
     R"~('c99999999999', 'a')))~",
     R"~(2:false "user_script:1: integral size overflow")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, nil)))~",
     R"~(2:false "user_script:1: bad argument #1 to 'pack' (string expected, got )~"
     R"~(nil)")~"},
    {R"~(return all(pcall(function(...) return hex(struct.pack(...)) end, 12)))~",
     R"~(2:false "user_script:1: bad argument #1 to 'pack' (invalid format )~"
     R"~(option '1')")~"},
};

TEST_F(LuaLibsTest, StructPack) { check(kStructPack); }

// struct.unpack: every option, start positions, c0 lengths, alignment, errors.
constexpr Case kStructUnpack[] = {
    {R"~(return all(pcall(struct.unpack, '<b', '\255')))~", R"~(3:true -1 2)~"},
    {R"~(return all(pcall(struct.unpack, '<B', '\255')))~", R"~(3:true 255 2)~"},
    {R"~(return all(pcall(struct.unpack, '>h', '\255\254')))~", R"~(3:true -2 3)~"},
    {R"~(return all(pcall(struct.unpack, '<h', '\255\254')))~", R"~(3:true -257 3)~"},
    {R"~(return all(pcall(struct.unpack, '<H', '\255\254')))~", R"~(3:true 65279 3)~"},
    {R"~(return all(pcall(struct.unpack, '>H', '\1\2')))~", R"~(3:true 258 3)~"},
    {R"~(return all(pcall(struct.unpack, '<i3', '\255\255\255')))~", R"~(3:true -1 4)~"},
    {R"~(return all(pcall(struct.unpack, '>I3', '\18\52\86')))~", R"~(3:true 1193046 4)~"},
    {R"~(return all(pcall(struct.unpack, '<l', )~"
     R"~('\253\255\255\255\255\255\255\255')))~",
     R"~(3:true -3 9)~"},
    {R"~(return all(pcall(struct.unpack, '<L', )~"
     R"~('\255\255\255\255\255\255\255\255')))~",
     R"~(3:true 1.8446744073709552e+19 9)~"},
    {R"~(return all(pcall(struct.unpack, '>L', '\128\0\0\0\0\0\0\0')))~",
     R"~(3:true 9.2233720368547758e+18 9)~"},
    {R"~(return all(pcall(struct.unpack, '<T', '\123\0\0\0\0\0\0\0')))~", R"~(3:true 123 9)~"},
    {R"~(return all(pcall(struct.unpack, '<i', '\1\0\0\0')))~", R"~(3:true 1 5)~"},
    {R"~(return all(pcall(struct.unpack, '>i', '\255\255\255\254')))~", R"~(3:true -2 5)~"},
    {R"~(return all(pcall(struct.unpack, '<I', '\255\255\255\255')))~", R"~(3:true 4294967295 5)~"},
    {R"~(return all(pcall(struct.unpack, '<i8', )~"
     R"~('\255\255\255\255\255\255\255\255')))~",
     R"~(3:true -1 9)~"},
    {R"~(return all(pcall(struct.unpack, '<I8', '\1\0\0\0\0\0\32\0')))~",
     R"~(3:true 9007199254740992 9)~"},
    {R"~(return all(pcall(struct.unpack, '<i9', )~"
     R"~('\255\255\255\255\255\255\255\255\1')))~",
     R"~(3:true -1 10)~"},
    {R"~(return all(pcall(struct.unpack, '<i9', '\128\0\0\0\0\0\0\0\1')))~", R"~(3:true -128 10)~"},
    {R"~(return all(pcall(struct.unpack, '<i9', '\1\0\0\0\0\0\0\0\0')))~", R"~(3:true 1 10)~"},
    {R"~(return all(pcall(struct.unpack, '<i16', )~"
     R"~('\0\0\0\0\0\0\0\128\0\0\0\0\0\0\0\0')))~",
     R"~(3:true -9.2233720368547758e+18 17)~"},
    {R"~(return all(pcall(struct.unpack, '>i16', string.rep('\255', 16))))~", R"~(3:true -1 17)~"},
    {R"~(return all(pcall(struct.unpack, '<I16', string.rep('\255', 16))))~",
     R"~(3:true 1.8446744073709552e+19 17)~"},
    {R"~(return all(pcall(struct.unpack, '<i12', '\5' .. string.rep('\0', 11))))~",
     R"~(3:true 5 13)~"},
    {R"~(return all(pcall(struct.unpack, '<i10', '\0\0\0\0\0\0\0\0\0\128')))~", R"~(3:true 0 11)~"},
    {R"~(return all(pcall(struct.unpack, 'i0', '')))~", R"~(3:true 0 1)~"},
    {R"~(return all(pcall(struct.unpack, 'i0', 'ab')))~", R"~(3:true 0 1)~"},
    {R"~(return all(pcall(struct.unpack, '<f', '\0\0\192\63')))~", R"~(3:true 1.5 5)~"},
    {R"~(return all(pcall(struct.unpack, '>f', '\63\192\0\0')))~", R"~(3:true 1.5 5)~"},
    {R"~(return all(pcall(struct.unpack, '>f', '\127\192\0\0')))~", R"~(3:true nan 5)~"},
    {R"~(return all(pcall(struct.unpack, '<d', )~"
     R"~('\154\153\153\153\153\153\185\63')))~",
     R"~(3:true 0.10000000000000001 9)~"},
    {R"~(return all(pcall(struct.unpack, '>d', )~"
     R"~('\63\185\153\153\153\153\153\154')))~",
     R"~(3:true 0.10000000000000001 9)~"},
    {R"~(return all(pcall(struct.unpack, 'xb', '\1\2')))~", R"~(3:true 2 3)~"},
    {R"~(return all(pcall(struct.unpack, 'x', '\1')))~", R"~(2:true 2)~"},
    {R"~(return all(pcall(struct.unpack, 's', 'abc\0def')))~", R"~(3:true "abc" 5)~"},
    {R"~(return all(pcall(struct.unpack, 'ss', 'a\0b\0')))~", R"~(4:true "a" "b" 5)~"},
    {R"~(return all(pcall(struct.unpack, 's', '\0')))~", R"~(3:true "" 2)~"},
    {R"~(return all(pcall(struct.unpack, 's', 'abc')))~",
     R"~(2:false "unfinished string in data")~"},
    {R"~(return all(pcall(struct.unpack, 's', '')))~", R"~(2:false "unfinished string in data")~"},
    {R"~(return all(pcall(struct.unpack, 'c', 'abc')))~", R"~(3:true "a" 2)~"},
    {R"~(return all(pcall(struct.unpack, 'c2', 'abc')))~", R"~(3:true "ab" 3)~"},
    {R"~(return all(pcall(struct.unpack, 'c3', 'abc')))~", R"~(3:true "abc" 4)~"},
    {R"~(return all(pcall(struct.unpack, 'c4', 'abc')))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'bc0', '\3abcd')))~", R"~(3:true "abc" 5)~"},
    {R"~(return all(pcall(struct.unpack, 'bc0', '\5abc')))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'c1c0', '3abcd')))~", R"~(3:true "abc" 5)~"},
    {R"~(return all(pcall(struct.unpack, 'c1c0', 'xabc')))~",
     R"~(2:false "format 'c0' needs a previous size")~"},
    {R"~(return all(pcall(struct.unpack, 'c0', 'abc')))~",
     R"~(2:false "format 'c0' needs a previous size")~"},
    {R"~(return all(pcall(struct.unpack, 'bc0', '\0abc')))~", R"~(3:true "" 2)~"},
    {R"~(return all(pcall(struct.unpack, '>hc0', '\0\2hi')))~", R"~(3:true "hi" 5)~"},
    {R"~(return all(pcall(struct.unpack, 'bc0b', '\1a\2')))~", R"~(4:true "a" 2 4)~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', 2)))~", R"~(3:true 2 3)~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', 3)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', 4)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', 0)))~",
     R"~(2:false "bad argument #3 to '?' (offset must be 1 or greater)")~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', -1)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', 1.9)))~", R"~(3:true 1 2)~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', 2^32 + 2)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', -2^32 + 1)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', 1e300)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'b', '\1\2', 'x')))~",
     R"~(2:false "bad argument #3 to '?' (number expected, got string)")~"},
    {R"~(return all(pcall(struct.unpack, '!4 i', 'abcdefgh', -1)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, '!4 i', 'abcdefgh', -2)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, '!8 d', 'abcdefgh', -5)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 's', 'ab', -1)))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 's', 'ab', 3)))~",
     R"~(2:false "unfinished string in data")~"},
    {R"~(return all(pcall(struct.unpack, 'c0', 'ab', 3)))~",
     R"~(2:false "format 'c0' needs a previous size")~"},
    {R"~(return all(pcall(struct.unpack, '', 'ab')))~", R"~(2:true 1)~"},
    {R"~(return all(pcall(struct.unpack, '', 'ab', 3)))~", R"~(2:true 3)~"},
    {R"~(return all(pcall(struct.unpack, '!4 b i', '\1\0\0\0\2\0\0\0')))~", R"~(4:true 1 2 9)~"},
    {R"~(return all(pcall(struct.unpack, '!4 b i', '\1\0\0\0\2\0\0')))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, '!2 b d', '\1\0\0\0\0\0\0\0\224\63')))~",
     R"~(4:true 1 0.5 11)~"},
    {R"~(return all(pcall(struct.unpack, '!b d', )~"
     R"~('\1\0\0\0\0\0\0\0\0\0\0\0\0\0\224\63')))~",
     R"~(4:true 1 0.5 17)~"},
    {R"~(return all(pcall(struct.unpack, '!4 b i', '\9\1\0\0\0\2\0\0\0', 2)))~",
     R"~(4:true 1 512 9)~"},
    {R"~(return all(pcall(struct.unpack, '!4 s i', 'ab\0\0\7\0\0\0')))~", R"~(4:true "ab" 7 9)~"},
    {R"~(return all(pcall(struct.unpack, '<h>h', '\1\0\0\1')))~", R"~(4:true 1 1 5)~"},
    {R"~(return all(pcall(struct.unpack, ' b b ', '\1\2')))~", R"~(4:true 1 2 3)~"},
    {R"~(return all(pcall(struct.unpack, '<i', '\1\0\0')))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'd', 'abc')))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'b', '')))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'x', '')))~",
     R"~(2:false "bad argument #2 to '?' (data string too short)")~"},
    {R"~(return all(pcall(struct.unpack, 'z', 'a')))~",
     R"~(2:false "bad argument #1 to '?' (invalid format option 'z')")~"},
    {R"~(return all(pcall(struct.unpack, 'i33', 'a')))~",
     R"~(2:false "integral size 33 is larger than limit of 32")~"},
    {R"~(return all(pcall(struct.unpack, '!3', 'a')))~",
     R"~(2:false "alignment 3 is not a power of 2")~"},
    {R"~(return all(pcall(struct.unpack, 'b', 12)))~", R"~(3:true 49 2)~"},
    {R"~(return all(pcall(struct.unpack, 'b')))~",
     R"~(2:false "bad argument #2 to '?' (string expected, got no value)")~"},
    {R"~(return all(pcall(struct.unpack, nil, 'a')))~",
     R"~(2:false "bad argument #1 to '?' (string expected, got nil)")~"},
    {R"~(return all(pcall(struct.unpack, 'bbbbbbbbbb', '\1\2\3\4\5\6\7\8\9\10')))~",
     R"~(12:true 1 2 3 4 5 6 7 8 9 10 11)~"},
    {R"~(return all(struct.unpack('<hBfds', struct.pack('<hBfds', -1, 200, 0.25, )~"
     R"~(0.5, 'zz'))))~",
     R"~(6:-1 200 0.25 0.5 "zz" 19)~"},
    {R"~(return all(struct.unpack('>!4 b i2 I c3 d s', struct.pack('>!4 b i2 I )~"
     R"~(c3 d s', -5, 300, 4000000000, 'abc', 1e300, 'tail'))))~",
     R"~(7:-5 300 4000000000 "abc" 1.0000000000000001e+300 "tail" 26)~"},
    {R"~(local n = 0 local f = string.rep('b', 9000) local ok, e = )~"
     R"~(pcall(struct.unpack, f, string.rep('\1', 9000)) return tostring(ok) .. )~"
     R"~(' ' .. tostring(e))~",
     R"~(false stack overflow (too many results))~"},
};

TEST_F(LuaLibsTest, StructUnpack) { check(kStructUnpack); }

}  // namespace
