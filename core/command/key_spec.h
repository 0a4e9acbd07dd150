#pragma once
// Redis 7 key specifications: where a command's keys are in its arguments and
// how it uses them. A spec says where the search begins (a fixed index, or
// after a keyword) and how keys are found from there (a range, or a count
// argument followed by that many keys), with flags (RO/RW/OW/RM and
// access/update/insert/delete). keys_of() (core/command/keys.h) reads them,
// and COMMAND INFO's first/last/step and movablekeys are derived from them as
// Redis derives its legacy range.
//
// Rows write them with the helpers below, e.g. GET and ZUNIONSTORE:
//   {ks::key(1, ks::kRO | ks::kAccess)}
//   {ks::key(1, ks::kOW | ks::kUpdate),
//    ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::keynum(0, 1, 1))}

#include <cstdint>
#include <string_view>

namespace ironkv::command {

struct KeySpec {
  enum class Begin : uint8_t { kIndex, kKeyword, kUnknown };
  enum class Find : uint8_t { kRange, kKeynum, kUnknown };

  uint32_t flags = 0;  // ks::k* bits
  Begin begin = Begin::kIndex;
  int index = 0;             // kIndex: argument position of the first key
  std::string_view keyword;  // kKeyword: the keyword the keys follow
  int startfrom = 0;         // kKeyword: where the search starts (< 0 from the end, backwards)
  Find find = Find::kRange;
  int lastkey = 0;    // kRange: last key relative to the first (< 0 from the end)
  int keystep = 1;    // kRange / kKeynum: distance between keys
  int limit = 0;      // kRange with lastkey -1: only 1/limit of the rest are keys
  int keynumidx = 0;  // kKeynum: where the count is, relative to the search's start
  int firstkey = 0;   // kKeynum: first key, relative to the search's start
  std::string_view notes;
};

namespace ks {

// Key flags, with Redis's names and bits (CMD_KEY_*), in COMMAND INFO's order.
enum KeyFlag : uint32_t {
  kRO = 1u << 0,
  kRW = 1u << 1,
  kOW = 1u << 2,
  kRM = 1u << 3,
  kAccess = 1u << 4,
  kUpdate = 1u << 5,
  kInsert = 1u << 6,
  kDelete = 1u << 7,
  kNotKey = 1u << 8,
  kIncomplete = 1u << 9,
  kVariableFlags = 1u << 10,
};
// The words COMMAND INFO and GETKEYSANDFLAGS use, indexed by bit.
inline constexpr std::string_view kKeyFlagNames[] = {
    "RO",     "RW",     "OW",      "RM",         "access",        "update",
    "insert", "delete", "not_key", "incomplete", "variable_flags"};

struct BeginSearch {
  KeySpec::Begin type;
  int index = 0;
  std::string_view keyword;
  int startfrom = 0;
};
struct FindKeys {
  KeySpec::Find type;
  int a = 0, b = 0, c = 0;
};

constexpr BeginSearch index(int pos) { return {KeySpec::Begin::kIndex, pos, {}, 0}; }
constexpr BeginSearch keyword(std::string_view word, int startfrom) {
  return {KeySpec::Begin::kKeyword, 0, word, startfrom};
}
constexpr BeginSearch unknown_begin() { return {KeySpec::Begin::kUnknown, 0, {}, 0}; }
constexpr FindKeys range(int lastkey, int keystep, int limit) {
  return {KeySpec::Find::kRange, lastkey, keystep, limit};
}
constexpr FindKeys keynum(int keynumidx, int firstkey, int keystep) {
  return {KeySpec::Find::kKeynum, keynumidx, firstkey, keystep};
}
constexpr FindKeys unknown_find() { return {KeySpec::Find::kUnknown, 0, 0, 0}; }

constexpr KeySpec spec(uint32_t flags, BeginSearch b, FindKeys f, std::string_view notes = {}) {
  KeySpec s;
  s.flags = flags;
  s.begin = b.type;
  s.index = b.index;
  s.keyword = b.keyword;
  s.startfrom = b.startfrom;
  s.find = f.type;
  if (f.type == KeySpec::Find::kRange) {
    s.lastkey = f.a;
    s.keystep = f.b;
    s.limit = f.c;
  } else if (f.type == KeySpec::Find::kKeynum) {
    s.keynumidx = f.a;
    s.firstkey = f.b;
    s.keystep = f.c;
  }
  s.notes = notes;
  return s;
}
// The common case: one key at `pos`.
constexpr KeySpec key(int pos, uint32_t flags) { return spec(flags, index(pos), range(0, 1, 0)); }

}  // namespace ks
}  // namespace ironkv::command
