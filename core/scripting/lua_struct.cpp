// The `struct` Lua library as Redis 7.0 embeds it (Roberto Ierusalimschy's struct 0.2
// with Redis's overflow check), written from its documentation and checked against
// redis-server.
//
//   struct.pack(fmt, v1, v2, ...)  → binary string
//   struct.unpack(fmt, s [, pos])  → v1, v2, ..., next position (1-based)
//   struct.size(fmt)               → size of a fixed-size format
//
// Format: '>' big endian, '<' little endian, '![n]' alignment n (default: the
// platform's largest alignment), 'x' a zero pad byte, 'b'/'B' char, 'h'/'H' short,
// 'l'/'L' long, 'T' size_t, 'i[n]'/'I[n]' n-byte int (default sizeof(int), n ≤ 32),
// 'f' float, 'd' double, 's' zero-terminated string, 'c[n]' n bytes (default 1;
// 'c0' packs the whole string and unpacks a length given by the previous value),
// ' ' ignored. Lower case integers are signed, upper case unsigned.
//
// Behaviour kept from the C original on x86-64, on purpose:
// - integers wider than 8 bytes carry 64 bits; packing zero-fills the rest (a negative
//   value is not sign-extended) and unpacking sign-extends from bit (8n-1) mod 64;
// - a number outside the 64-bit range packs as the bit pattern the x86 conversion
//   gives (see to_bits);
// - "string too short" in pack names the argument after the short one;
// - unpack refuses start position 0 ("offset must be 1 or greater"); a negative one
//   wraps and reports "data string too short";
// - struct.size ignores unknown letters and digits, only rejects other characters.
//
// Lua 5.1 raises errors with longjmp: nothing here has a destructor.

#include <cctype>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <lua.hpp>

namespace {

constexpr int kMaxIntSize = 32;

// The platform's largest alignment, as the C original computes it.
struct AlignProbe {
  char c;
  double d;
};
constexpr size_t kPadding = sizeof(AlignProbe) - sizeof(double);
constexpr int kMaxAlign = static_cast<int>(kPadding > sizeof(int) ? kPadding : sizeof(int));

enum Endian { kBig = 0, kLittle = 1 };

Endian native_endian() {
  const uint16_t probe = 1;
  unsigned char first;
  std::memcpy(&first, &probe, 1);
  return first == 1 ? kLittle : kBig;
}

struct Header {
  Endian endian;
  int align;
};

void default_options(Header* h) {
  h->endian = native_endian();
  h->align = 1;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Reads a decimal count at *fmt, or returns `df` when there is none.
int get_num(lua_State* L, const char** fmt, int df) {
  if (!is_digit(**fmt)) return df;
  int a = 0;
  do {
    const int digit = **fmt - '0';
    if (a > INT_MAX / 10 || a * 10 > INT_MAX - digit) luaL_error(L, "integral size overflow");
    a = a * 10 + digit;
    ++*fmt;
  } while (is_digit(**fmt));
  return a;
}

// Size of option `opt` (consuming its count); 0 for options without a fixed size.
size_t opt_size(lua_State* L, char opt, const char** fmt) {
  switch (opt) {
    case 'B':
    case 'b':
      return sizeof(char);
    case 'H':
    case 'h':
      return sizeof(short);
    case 'L':
    case 'l':
      return sizeof(long);
    case 'T':
      return sizeof(size_t);
    case 'f':
      return sizeof(float);
    case 'd':
      return sizeof(double);
    case 'x':
      return 1;
    case 'c':
      return static_cast<size_t>(get_num(L, fmt, 1));
    case 'i':
    case 'I': {
      const int sz = get_num(L, fmt, sizeof(int));
      if (sz > kMaxIntSize) {
        luaL_error(L, "integral size %d is larger than limit of %d", sz, kMaxIntSize);
      }
      return static_cast<size_t>(sz);
    }
    default:
      return 0;
  }
}

// Padding needed before an item of `size` bytes at offset `len`.
size_t to_align(size_t len, const Header* h, char opt, size_t size) {
  if (size == 0 || opt == 'c') return 0;
  const size_t align = size > static_cast<size_t>(h->align) ? static_cast<size_t>(h->align) : size;
  return (align - (len & (align - 1))) & (align - 1);
}

bool is_power_of_2(int x) { return x > 0 && (x & (x - 1)) == 0; }

void control_options(lua_State* L, char opt, const char** fmt, Header* h) {
  switch (opt) {
    case ' ':
      return;
    case '>':
      h->endian = kBig;
      return;
    case '<':
      h->endian = kLittle;
      return;
    case '!': {
      const int a = get_num(L, fmt, kMaxAlign);
      if (!is_power_of_2(a)) luaL_error(L, "alignment %d is not a power of 2", a);
      h->align = a;
      return;
    }
    default: {
      const char* msg = lua_pushfstring(L, "invalid format option '%c'", opt);
      luaL_argerror(L, 1, msg);
    }
  }
}

// The 64 bits the C original stores for `n`: (uint64)(int64)n for negatives and
// (uint64)n otherwise, with out-of-range values as x86-64 converts them: below -2^63
// and NaN give 0x8000000000000000 (cvttsd2si's "indefinite"), 2^64 and above give 0.
uint64_t to_bits(double n) {
  constexpr double k2p63 = 9223372036854775808.0;
  constexpr double k2p64 = 18446744073709551616.0;
  if (n < 0) {
    if (n >= -k2p63) return static_cast<uint64_t>(static_cast<int64_t>(n));
    return uint64_t{1} << 63;
  }
  if (n < k2p63) return static_cast<uint64_t>(static_cast<int64_t>(n));
  if (n < k2p64) return static_cast<uint64_t>(n);
  if (std::isnan(n)) return uint64_t{1} << 63;
  return 0;
}

void put_integer(lua_State* L, luaL_Buffer* b, int arg, Endian endian, size_t size) {
  uint64_t value = to_bits(luaL_checknumber(L, arg));
  char buff[kMaxIntSize];
  for (size_t i = 0; i < size; ++i) {
    const size_t at = endian == kLittle ? i : size - 1 - i;
    buff[at] = static_cast<char>(value & 0xff);
    value >>= 8;  // past 8 bytes this is 0: wide integers are zero-filled
  }
  luaL_addlstring(b, buff, size);
}

// Swaps `size` bytes at `p` from native order to `endian` (or back).
void correct_bytes(char* p, size_t size, Endian endian) {
  if (endian == native_endian() || size == 0) return;
  for (size_t i = 0, j = size - 1; i < j; ++i, --j) {
    const char t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
}

double get_integer(const char* buff, Endian endian, bool is_signed, size_t size) {
  uint64_t l = 0;
  for (size_t i = 0; i < size; ++i) {
    const size_t at = endian == kBig ? i : size - 1 - i;
    l = (l << 8) | static_cast<unsigned char>(buff[at]);
  }
  if (!is_signed) return static_cast<double>(l);
  // The original shifts by size*8-1, which x86 takes modulo 64.
  const unsigned shift = static_cast<unsigned>(size * 8 - 1) & 63u;
  const uint64_t mask = ~uint64_t{0} << shift;
  if ((l & mask) != 0) l |= mask;
  return static_cast<double>(static_cast<int64_t>(l));
}

int b_pack(lua_State* L) {
  luaL_Buffer b;
  const char* fmt = luaL_checkstring(L, 1);
  Header h;
  int arg = 2;
  size_t total = 0;
  default_options(&h);
  lua_pushnil(L);  // keeps the arguments apart from the buffer's stack slots
  luaL_buffinit(L, &b);
  while (*fmt != '\0') {
    const char opt = *fmt++;
    size_t size = opt_size(L, opt, &fmt);
    size_t pad = to_align(total, &h, opt, size);
    total += pad;
    while (pad-- > 0) luaL_addchar(&b, '\0');
    switch (opt) {
      case 'b':
      case 'B':
      case 'h':
      case 'H':
      case 'l':
      case 'L':
      case 'T':
      case 'i':
      case 'I':
        put_integer(L, &b, arg++, h.endian, size);
        break;
      case 'x':
        luaL_addchar(&b, '\0');
        break;
      case 'f': {
        float f = static_cast<float>(luaL_checknumber(L, arg++));
        correct_bytes(reinterpret_cast<char*>(&f), size, h.endian);
        luaL_addlstring(&b, reinterpret_cast<const char*>(&f), size);
        break;
      }
      case 'd': {
        double d = luaL_checknumber(L, arg++);
        correct_bytes(reinterpret_cast<char*>(&d), size, h.endian);
        luaL_addlstring(&b, reinterpret_cast<const char*>(&d), size);
        break;
      }
      case 'c':
      case 's': {
        size_t l = 0;
        const char* s = luaL_checklstring(L, arg++, &l);
        if (size == 0) size = l;
        // `arg` already points past this string: the message names the next one (as Redis).
        luaL_argcheck(L, l >= size, arg, "string too short");
        luaL_addlstring(&b, s, size);
        if (opt == 's') {
          luaL_addchar(&b, '\0');
          ++size;
        }
        break;
      }
      default:
        control_options(L, opt, &fmt, &h);
    }
    total += size;
  }
  luaL_pushresult(&b);
  return 1;
}

int b_unpack(lua_State* L) {
  Header h;
  const char* fmt = luaL_checkstring(L, 1);
  size_t ld = 0;
  const char* data = luaL_checklstring(L, 2, &ld);
  // Only 0 is refused here: a negative start wraps to a huge offset and then fails the
  // "data string too short" check, as in Redis.
  size_t pos = static_cast<size_t>(luaL_optinteger(L, 3, 1));
  luaL_argcheck(L, pos > 0, 3, "offset must be 1 or greater");
  --pos;
  int n = 0;
  default_options(&h);
  while (*fmt != '\0') {
    const char opt = *fmt++;
    size_t size = opt_size(L, opt, &fmt);
    pos += to_align(pos, &h, opt, size);
    luaL_argcheck(L, size <= ld && pos <= ld - size, 2, "data string too short");
    luaL_checkstack(L, 2, "too many results");
    switch (opt) {
      case 'b':
      case 'B':
      case 'h':
      case 'H':
      case 'l':
      case 'L':
      case 'T':
      case 'i':
      case 'I': {
        const bool is_signed = std::islower(static_cast<unsigned char>(opt)) != 0;
        lua_pushnumber(L, get_integer(data + pos, h.endian, is_signed, size));
        ++n;
        break;
      }
      case 'x':
        break;
      case 'f': {
        float f;
        std::memcpy(&f, data + pos, sizeof f);
        correct_bytes(reinterpret_cast<char*>(&f), sizeof f, h.endian);
        lua_pushnumber(L, static_cast<double>(f));
        ++n;
        break;
      }
      case 'd': {
        double d;
        std::memcpy(&d, data + pos, sizeof d);
        correct_bytes(reinterpret_cast<char*>(&d), sizeof d, h.endian);
        lua_pushnumber(L, d);
        ++n;
        break;
      }
      case 'c': {
        if (size == 0) {
          if (n == 0 || !lua_isnumber(L, -1)) luaL_error(L, "format 'c0' needs a previous size");
          size = static_cast<size_t>(to_bits(lua_tonumber(L, -1)));
          lua_pop(L, 1);
          --n;
          luaL_argcheck(L, size <= ld && pos <= ld - size, 2, "data string too short");
        }
        lua_pushlstring(L, data + pos, size);
        ++n;
        break;
      }
      case 's': {
        const void* end = std::memchr(data + pos, '\0', ld - pos);
        if (end == nullptr) luaL_error(L, "unfinished string in data");
        size = static_cast<size_t>(static_cast<const char*>(end) - (data + pos)) + 1;
        lua_pushlstring(L, data + pos, size - 1);
        ++n;
        break;
      }
      default:
        control_options(L, opt, &fmt, &h);
    }
    pos += size;
  }
  lua_pushinteger(L, static_cast<lua_Integer>(pos + 1));
  return n + 1;
}

int b_size(lua_State* L) {
  Header h;
  const char* fmt = luaL_checkstring(L, 1);
  size_t pos = 0;
  default_options(&h);
  while (*fmt != '\0') {
    const char opt = *fmt++;
    const size_t size = opt_size(L, opt, &fmt);
    pos += to_align(pos, &h, opt, size);
    if (opt == 's') {
      luaL_argerror(L, 1, "option 's' has no fixed size");
    } else if (opt == 'c' && size == 0) {
      luaL_argerror(L, 1, "option 'c0' has no fixed size");
    }
    if (std::isalnum(static_cast<unsigned char>(opt)) == 0) control_options(L, opt, &fmt, &h);
    pos += size;
  }
  lua_pushinteger(L, static_cast<lua_Integer>(pos));
  return 1;
}

const luaL_Reg kFunctions[] = {
    {"pack", b_pack},
    {"unpack", b_unpack},
    {"size", b_size},
    {nullptr, nullptr},
};

}  // namespace

extern "C" int luaopen_struct(lua_State* L) {
  luaL_register(L, "struct", kFunctions);
  return 1;
}
