// String commands: GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX MGET MSET
// MSETNX APPEND STRLEN GETRANGE SUBSTR SETRANGE INCR DECR INCRBY DECRBY
// INCRBYFLOAT LCS, with Redis 7.0's replies, errors and value encodings.
//
// Op* functions hold the data logic and return a status; cmd_* functions parse
// arguments and turn results into replies.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/command/keys.h"
#include "core/commands/expire_args.h"
#include "core/commands/families.h"
#include "core/commands/string_ops.h"
#include "core/resp/errors.h"
#include "core/store/value.h"
#include "core/util/numbers.h"

namespace ironkv::commands {

namespace ev = server::events;  // keyspace notification classes

using command::ArgCursor;
using command::CommandContext;
using command::CommandSpec;
using store::Database;
using store::IntBuf;
using store::Lookup;
using store::Value;

namespace {

constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinI64 = std::numeric_limits<int64_t>::min();
constexpr store::ObjType kString = store::ObjType::kString;

// Texts only this family sends.
constexpr std::string_view kDecrementOverflow = "ERR decrement would overflow";
constexpr std::string_view kLcsNotStrings = "ERR The specified keys must contain string values";
constexpr std::string_view kLcsIdxAndLen =
    "ERR If you want both the length and indexes, please just use IDX.";
constexpr std::string_view kLcsTooLong = "ERR String too long for LCS";
constexpr std::string_view kLcsNoMemory =
    "ERR Insufficient memory, failed allocating transient memory for LCS";

// Redis checkStringLength: may a string of cur bytes grow by add bytes?
bool length_allowed(const CommandContext& c, uint64_t cur, uint64_t add) {
  uint64_t total = cur + add;  // both below 2^63: cannot wrap
  return total <= c.server.config.proto_max_bulk_len && total <= kValueMaxLen;
}

// The reply of a read that found no string: nil for a missing key, else the error.
void nil_or_error(CommandContext& c, OpStatus st) {
  if (st == OpStatus::kKeyNotFound)
    c.reply.null_bulk();
  else
    c.error(st);
}

// ---- GET-like ---------------------------------------------------------------

// Redis getGenericCommand: replies the value, nil, or WRONGTYPE; gives the lookup's status.
OpStatus reply_get(CommandContext& c, std::string_view key) {
  OpResult<Value*> v = c.db().find(key, kString, Lookup::kRead);
  if (!v) {
    nil_or_error(c, v.status());
    return v.status();
  }
  IntBuf buf;
  c.reply.bulk(v->str(buf));
  return OpStatus::kOk;
}

// GET key → bulk | nil
void cmd_get(CommandContext& c) { (void)reply_get(c, c.arg(1)); }

// GETSET key value → old bulk | nil. The TTL is discarded.
void cmd_getset(CommandContext& c) {
  if (reply_get(c, c.arg(1)) == OpStatus::kWrongType) return;
  c.db().set(c.arg(1), Value::string(c.arg(2)));
  c.mark_dirty();
  c.notify(ev::kString, "set", c.arg(1));
}

// GETDEL key → bulk | nil, and the key is deleted.
void cmd_getdel(CommandContext& c) {
  if (reply_get(c, c.arg(1)) != OpStatus::kOk) return;
  if (c.db().erase(c.arg(1))) {
    c.mark_dirty();
    c.notify(ev::kGeneric, "del", c.arg(1));
  }
}

// GETEX key [EX seconds | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST] → bulk | nil
void cmd_getex(CommandContext& c) {
  ArgCursor a = c.args(2);
  const ExpireOptions o = parse_expire_options(a, ExpireSyntax::kGetex);
  if (!a.finish()) return c.error(a);
  std::string_view key = c.arg(1);
  Database& db = c.db();
  OpResult<Value*> v = db.find(key, kString, Lookup::kRead);
  if (!v) return nil_or_error(c, v.status());
  // Redis validates the expiry only for an existing string key.
  int64_t when = 0;
  if (o.has_expiry()) {
    OpResult<int64_t> w = o.deadline_ms(c.now_ms());
    if (!w) return c.error(w.status());
    when = *w;
  }
  IntBuf buf;
  c.reply.bulk(v->str(buf));
  // Logged as its effect: DEL, PEXPIREAT with the absolute time, or PERSIST.
  if (o.absolute() && when <= c.now_ms()) {
    db.erase(key);
    if (c.logging()) c.log_as({"DEL", std::string(key)});
    c.mark_dirty();
    c.notify(ev::kGeneric, "del", key);
  } else if (o.has_expiry()) {
    db.set_expire(key, when);
    if (c.logging()) c.log_as({"PEXPIREAT", std::string(key), std::to_string(when)});
    c.mark_dirty();
    c.notify(ev::kGeneric, "expire", key);
  } else if (o.has(kOptPersist)) {
    if (db.persist(key)) {
      if (c.logging()) c.log_as({"PERSIST", std::string(key)});
      c.mark_dirty();
      c.notify(ev::kGeneric, "persist", key);
    }
  }
}

// MGET key [key ...] → array of bulk | nil (nil also for non-strings)
void cmd_mget(CommandContext& c) {
  Database& db = c.db();
  c.reply.array(c.argc() - 1);
  IntBuf buf;
  for (size_t i = 1; i < c.argc(); ++i) {
    OpResult<Value*> v = db.find(c.arg(i), kString, Lookup::kRead);
    if (v)
      c.reply.bulk(v->str(buf));
    else
      c.reply.null_bulk();
  }
}

// STRLEN key → integer (0 for a missing key)
void cmd_strlen(CommandContext& c) {
  OpResult<Value*> v = c.db().find(c.arg(1), kString, Lookup::kRead);
  if (v.wrong_type()) return c.error(v.status());
  c.reply.integer(v ? static_cast<int64_t>(v->str_len()) : 0);
}

// GETRANGE key start end → bulk ("" for a missing key or an empty range).
// SUBSTR is the same command under its old name.
void cmd_getrange(CommandContext& c) {
  ArgCursor a = c.args(2);
  int64_t start = a.next<int64_t>(), end = a.next<int64_t>();
  if (!a.finish()) return c.error(a);
  OpResult<Value*> v = c.db().find(c.arg(1), kString, Lookup::kRead);
  if (v.wrong_type()) return c.error(v.status());
  if (!v) return c.reply.bulk("");
  IntBuf buf;
  std::string_view s = v->str(buf);
  const auto len = static_cast<int64_t>(s.size());
  // Redis 7.0's index rules, including its answer of "" when both ends are
  // negative and reversed, and of the first byte for ranges wholly before it.
  if (start < 0 && end < 0 && start > end) return c.reply.bulk("");
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (len == 0 || start > end) return c.reply.bulk("");
  c.reply.bulk(s.substr(static_cast<size_t>(start), static_cast<size_t>(end - start + 1)));
}

// ---- SET-like ---------------------------------------------------------------

enum class SetReplies { kOkNil, kOneZero };

// Redis setGenericCommand. Replies +OK / nil (SET) or 1 / 0 (SETNX); with GET
// the old value is the reply whatever happens next.
void set_generic(CommandContext& c, const ExpireOptions& o, std::string_view key,
                 std::string_view value, SetReplies style) {
  std::optional<int64_t> when;
  if (o.has_expiry()) {
    OpResult<int64_t> w = o.deadline_ms(c.now_ms());
    if (!w) return c.error(w.status());
    when = *w;
  }
  if (o.has(kOptGet) && reply_get(c, key) == OpStatus::kWrongType) return;
  Database& db = c.db();
  const bool found = db.lookup_write(key) != nullptr;  // of any type: SET overwrites it
  if ((o.has(kOptNx) && found) || (o.has(kOptXx) && !found)) {
    if (!o.has(kOptGet)) {
      if (style == SetReplies::kOneZero) c.reply.integer(0);
      else c.reply.null_bulk();
    }
    return;
  }
  db.set(key, Value::string(value), o.has(kOptKeepTtl));
  if (when) {
    db.set_expire(key, *when);
    // EX/PX/SETEX/PSETEX are relative: logged as SET … PXAT so a replay
    // expires at the same instant.
    if (c.logging()) {
      c.log_as({"SET", std::string(key), std::string(value), "PXAT", std::to_string(*when)});
    }
  }
  c.mark_dirty();
  c.notify(ev::kString, "set", key);
  if (when) c.notify(ev::kGeneric, "expire", key);
  if (!o.has(kOptGet)) {
    if (style == SetReplies::kOneZero) c.reply.integer(1);
    else c.reply.ok();
  }
}

// SET key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL]
//   → +OK | nil (NX/XX not met) | with GET: old bulk | nil
void cmd_set(CommandContext& c) {
  ArgCursor a = c.args(3);
  const ExpireOptions o = parse_expire_options(a, ExpireSyntax::kSet);
  if (!a.finish()) return c.error(a);
  set_generic(c, o, c.arg(1), c.arg(2), SetReplies::kOkNil);
}

// SETNX key value → 1 if set, 0 if the key exists
void cmd_setnx(CommandContext& c) {
  set_generic(c, {kOptNx, {}}, c.arg(1), c.arg(2), SetReplies::kOneZero);
}

// SETEX key seconds value → +OK
void cmd_setex(CommandContext& c) {
  set_generic(c, {kOptEx, c.arg(2)}, c.arg(1), c.arg(3), SetReplies::kOkNil);
}

// PSETEX key milliseconds value → +OK
void cmd_psetex(CommandContext& c) {
  set_generic(c, {kOptPx, c.arg(2)}, c.arg(1), c.arg(3), SetReplies::kOkNil);
}

// MSET key value [key value ...] → +OK; MSETNX → 1 if all were set, 0 (and
// nothing set) if any key exists.
void mset_generic(CommandContext& c, bool nx) {
  if (c.argc() % 2 == 0) return c.reply.error(command::arity_error(c.spec.name));
  Database& db = c.db();
  if (nx) {
    for (size_t i = 1; i < c.argc(); i += 2) {
      if (db.lookup_write(c.arg(i)) != nullptr) return c.reply.integer(0);
    }
  }
  for (size_t i = 1; i < c.argc(); i += 2) {
    db.set(c.arg(i), Value::string(c.arg(i + 1)));
    c.notify(ev::kString, "set", c.arg(i));
  }
  c.mark_dirty((c.argc() - 1) / 2);
  if (nx) c.reply.integer(1);
  else c.reply.ok();
}

void cmd_mset(CommandContext& c) { mset_generic(c, false); }
void cmd_msetnx(CommandContext& c) { mset_generic(c, true); }

// ---- In-place edits -----------------------------------------------------------

// Redis appendCommand: a new key gets SET's encoding; an existing one becomes raw.
// Gives the new length.
OpResult<size_t> op_append(CommandContext& c, std::string_view key, std::string_view tail) {
  Database& db = c.db();
  OpResult<Value*> v = db.find(key, kString, Lookup::kWrite);
  if (v.missing()) {
    db.set(key, Value::string(tail));
    return tail.size();
  }
  if (!v) return v.status();
  if (!length_allowed(c, v->str_len(), tail.size())) return OpStatus::kStringTooLong;
  v->append(tail);
  return v->str_len();
}

// APPEND key value → integer (the new length)
void cmd_append(CommandContext& c) {
  OpResult<size_t> len = op_append(c, c.arg(1), c.arg(2));
  if (!len) return c.error(len.status());
  c.mark_dirty();
  c.notify(ev::kString, "append", c.arg(1));
  c.reply.integer(static_cast<int64_t>(*len));
}

// SETRANGE key offset value → integer (the new length). Gaps are zero bytes; an
// empty value changes nothing (and creates no key).
void cmd_setrange(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int64_t offset = a.next<int64_t>();
  if (a.ok() && offset < 0) a.fail(OpStatus::kOffsetOutOfRange);
  if (!a.ok()) return c.error(a);
  std::string_view key = c.arg(1);
  std::string_view patch = c.arg(3);
  const auto off = static_cast<uint64_t>(offset);
  Database& db = c.db();
  OpResult<Value*> v = db.find(key, kString, Lookup::kWrite);
  if (v.wrong_type()) return c.error(v.status());
  if (patch.empty()) return c.reply.integer(v ? static_cast<int64_t>(v->str_len()) : 0);
  if (!length_allowed(c, off, patch.size())) return c.error(OpStatus::kStringTooLong);
  size_t new_len;
  if (v) {
    v->set_range(static_cast<size_t>(off), patch);
    new_len = v->str_len();
  } else {
    std::string bytes(static_cast<size_t>(off), '\0');
    bytes.append(patch);
    new_len = bytes.size();
    db.set(key, Value::raw_string(bytes));
  }
  c.mark_dirty();
  c.notify(ev::kString, "setrange", key);
  c.reply.integer(static_cast<int64_t>(new_len));
}

// ---- Counters ---------------------------------------------------------------

// Redis incrDecrCommand. The result is always int-encoded; the TTL is kept.
OpResult<int64_t> op_incr_by(Database& db, std::string_view key, int64_t by) {
  OpResult<Value*> found = db.find(key, kString, Lookup::kWrite);
  if (found.wrong_type()) return found.status();
  Value* v = found.value_or(nullptr);
  int64_t cur = 0;
  if (v != nullptr && !v->int_value(cur)) {
    IntBuf buf;
    if (!util::parse_int64(v->str(buf), cur)) return OpStatus::kNotAnInteger;
  }
  if ((by < 0 && cur < 0 && by < kMinI64 - cur) || (by > 0 && cur > 0 && by > kMaxI64 - cur)) {
    return OpStatus::kOverflow;
  }
  const int64_t result = cur + by;
  if (v != nullptr) *v = Value::integer(result);
  else db.set(key, Value::integer(result));
  return result;
}

void incr_reply(CommandContext& c, int64_t by) {
  OpResult<int64_t> result = op_incr_by(c.db(), c.arg(1), by);
  if (!result) return c.error(result.status());
  c.mark_dirty();
  c.notify(ev::kString, "incrby", c.arg(1));
  c.reply.integer(*result);
}

// INCR key → integer
void cmd_incr(CommandContext& c) { incr_reply(c, 1); }
// DECR key → integer
void cmd_decr(CommandContext& c) { incr_reply(c, -1); }

// INCRBY key increment → integer
void cmd_incrby(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int64_t by = a.next<int64_t>();
  if (!a.finish()) return c.error(a);
  incr_reply(c, by);
}

// DECRBY key decrement → integer
void cmd_decrby(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int64_t by = a.next<int64_t>();
  if (a.ok() && by == kMinI64) a.fail(kDecrementOverflow);
  if (!a.finish()) return c.error(a);
  incr_reply(c, -by);
}

// Redis incrbyfloatCommand: long double arithmetic; the stored value is the
// human text (never int-encoded) and keeps the TTL. Like Redis, the increment is
// parsed only after the key's type and current value were checked.
OpResult<std::string> op_incr_by_float(Database& db, std::string_view key,
                                       std::string_view incr_arg) {
  OpResult<Value*> found = db.find(key, kString, Lookup::kWrite);
  if (found.wrong_type()) return found.status();
  Value* v = found.value_or(nullptr);
  long double cur = 0;
  if (int64_t iv; v != nullptr && v->int_value(iv)) {
    cur = static_cast<long double>(iv);
  } else if (v != nullptr) {
    IntBuf buf;
    if (!util::parse_long_double(v->str(buf), cur)) return OpStatus::kNotAFloat;
  }
  long double incr;
  if (!util::parse_long_double(incr_arg, incr)) return OpStatus::kNotAFloat;
  cur += incr;
  if (std::isnan(cur) || std::isinf(cur)) return OpStatus::kNanOrInf;
  std::string result = util::long_double_to_human(cur);
  if (v != nullptr) *v = Value::plain_string(result);
  else db.set(key, Value::plain_string(result));
  return result;
}

// INCRBYFLOAT key increment → bulk (the new value)
void cmd_incrbyfloat(CommandContext& c) {
  OpResult<std::string> result = op_incr_by_float(c.db(), c.arg(1), c.arg(2));
  if (!result) return c.error(result.status());
  // Logged as the resulting value: float formatting must not differ on replay.
  if (c.logging()) c.log_as({"SET", std::string(c.arg(1)), *result, "KEEPTTL"});
  c.mark_dirty();
  c.notify(ev::kString, "incrbyfloat", c.arg(1));
  c.reply.bulk(*result);
}

// ---- LCS ----------------------------------------------------------------------

// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]
//   → bulk (the subsequence) | integer (LEN) | IDX: map {matches: [...], len: n}
void cmd_lcs(CommandContext& c) {
  Database& db = c.db();
  OpResult<Value*> va = db.find(c.arg(1), kString, Lookup::kRead);
  OpResult<Value*> vb = db.find(c.arg(2), kString, Lookup::kRead);
  if (va.wrong_type() || vb.wrong_type()) return c.reply.error(kLcsNotStrings);
  bool get_len = false, get_idx = false, with_match_len = false;
  int64_t min_match_len = 0;
  ArgCursor a = c.args(3);
  while (a.has_next()) {
    if (a.eat("IDX"))
      get_idx = true;
    else if (a.eat("LEN"))
      get_len = true;
    else if (a.eat("WITHMATCHLEN"))
      with_match_len = true;
    else if (a.eat("MINMATCHLEN", 1))
      min_match_len = std::max<int64_t>(a.next<int64_t>(), 0);
    else
      a.fail(OpStatus::kSyntax);
  }
  if (!a.ok()) return c.error(a);
  if (get_idx && get_len) return c.reply.error(kLcsIdxAndLen);
  IntBuf buf_a, buf_b;
  std::string_view sa = va ? va->str(buf_a) : std::string_view{};
  std::string_view sb = vb ? vb->str(buf_b) : std::string_view{};
  if (sa.size() >= kValueMaxLen - 1 || sb.size() >= kValueMaxLen - 1) {
    return c.reply.error(kLcsTooLong);
  }
  LcsResult r;
  if (!op_lcs(sa, sb, !get_len && !get_idx, get_idx, min_match_len, r)) {
    return c.reply.error(kLcsNoMemory);
  }
  if (get_idx) {
    c.reply.map(2);
    c.reply.bulk("matches");
    c.reply.array(r.matches.size());
    for (const LcsMatch& m : r.matches) {
      c.reply.array(with_match_len ? 3 : 2);
      c.reply.array(2);
      c.reply.integer(m.a_start);
      c.reply.integer(m.a_end);
      c.reply.array(2);
      c.reply.integer(m.b_start);
      c.reply.integer(m.b_end);
      if (with_match_len) c.reply.integer(m.len());
    }
    c.reply.bulk("len");
    c.reply.integer(r.len);
  } else if (get_len) {
    c.reply.integer(r.len);
  } else {
    c.reply.bulk(r.text);
  }
}

// SET's key is read too when GET is given (Redis setGetKeys).
void set_keys(std::span<const std::string_view> argv, std::vector<command::KeyRef>& out) {
  namespace ks = command::ks;
  for (size_t i = 3; i < argv.size(); ++i) {
    if (command::word_equals(argv[i], "GET")) {
      out.push_back({1, ks::kRW | ks::kAccess | ks::kUpdate});
      return;
    }
  }
  out.push_back({1, ks::kOW | ks::kUpdate});
}

using namespace command;

// Arity, flags, key positions and docs as Redis 7.0.15 reports them (COMMAND INFO / DOCS).
// clang-format off
const CommandSpec kSpecs[] = {
    {"get", 2, kReadonly | kFast, acl::kString, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_get, Group::kString, "Get the value of a key", "1.0.0", "O(1)"},
    {"set", -3, kWrite | kDenyOom, acl::kString, {ks::spec(ks::kRW | ks::kAccess | ks::kUpdate | ks::kVariableFlags, ks::index(1), ks::range(0, 1, 0), "RW and ACCESS due to the optional `GET` argument")}, cmd_set, Group::kString, "Set the string value of a key", "1.0.0", "O(1)", {}, set_keys},
    {"setnx", 3, kWrite | kDenyOom | kFast, acl::kString, {ks::key(1, ks::kOW | ks::kInsert)}, cmd_setnx, Group::kString, "Set the value of a key, only if the key does not exist", "1.0.0", "O(1)"},
    {"setex", 4, kWrite | kDenyOom, acl::kString, {ks::key(1, ks::kOW | ks::kUpdate)}, cmd_setex, Group::kString, "Set the value and expiration of a key", "2.0.0", "O(1)"},
    {"psetex", 4, kWrite | kDenyOom, acl::kString, {ks::key(1, ks::kOW | ks::kUpdate)}, cmd_psetex, Group::kString, "Set the value and expiration in milliseconds of a key", "2.6.0", "O(1)"},
    {"append", 3, kWrite | kDenyOom | kFast, acl::kString, {ks::key(1, ks::kRW | ks::kInsert)}, cmd_append, Group::kString, "Append a value to a key", "2.0.0", "O(1). The amortized time complexity is O(1) assuming the appended value is small and the " "already present value is of any size, since the dynamic string library used by Redis will " "double the free space available on every reallocation."},
    {"strlen", 2, kReadonly | kFast, acl::kString, {ks::key(1, ks::kRO)}, cmd_strlen, Group::kString, "Get the length of the value stored in a key", "2.2.0", "O(1)"},
    {"setrange", 4, kWrite | kDenyOom, acl::kString, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_setrange, Group::kString, "Overwrite part of a string at key starting at the specified offset", "2.2.0", "O(1), not counting the time taken to copy the new string in place. Usually, this string is " "very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being " "the length of the value argument."},
    {"getrange", 4, kReadonly, acl::kString, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_getrange, Group::kString, "Get a substring of the string stored at a key", "2.4.0", "O(N) where N is the length of the returned string. The complexity is ultimately determined " "by the returned length, but because creating a substring from an existing string is very " "cheap, it can be considered O(1) for small strings."},
    {"substr", 4, kReadonly, acl::kString, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_getrange, Group::kString, "Get a substring of the string stored at a key", "1.0.0", "O(N) where N is the length of the returned string. The complexity is ultimately determined " "by the returned length, but because creating a substring from an existing string is very " "cheap, it can be considered O(1) for small strings."},
    {"incr", 2, kWrite | kDenyOom | kFast, acl::kString, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_incr, Group::kString, "Increment the integer value of a key by one", "1.0.0", "O(1)"},
    {"decr", 2, kWrite | kDenyOom | kFast, acl::kString, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_decr, Group::kString, "Decrement the integer value of a key by one", "1.0.0", "O(1)"},
    {"incrby", 3, kWrite | kDenyOom | kFast, acl::kString, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_incrby, Group::kString, "Increment the integer value of a key by the given amount", "1.0.0", "O(1)"},
    {"decrby", 3, kWrite | kDenyOom | kFast, acl::kString, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_decrby, Group::kString, "Decrement the integer value of a key by the given number", "1.0.0", "O(1)"},
    {"incrbyfloat", 3, kWrite | kDenyOom | kFast, acl::kString, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_incrbyfloat, Group::kString, "Increment the float value of a key by the given amount", "2.6.0", "O(1)"},
    {"mget", -2, kReadonly | kFast, acl::kString, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::range(-1, 1, 0))}, cmd_mget, Group::kString, "Get the values of all the given keys", "1.0.0", "O(N) where N is the number of keys to retrieve."},
    {"mset", -3, kWrite | kDenyOom, acl::kString, {ks::spec(ks::kOW | ks::kUpdate, ks::index(1), ks::range(-1, 2, 0))}, cmd_mset, Group::kString, "Set multiple keys to multiple values", "1.0.1", "O(N) where N is the number of keys to set."},
    {"msetnx", -3, kWrite | kDenyOom, acl::kString, {ks::spec(ks::kOW | ks::kInsert, ks::index(1), ks::range(-1, 2, 0))}, cmd_msetnx, Group::kString, "Set multiple keys to multiple values, only if none of the keys exist", "1.0.1", "O(N) where N is the number of keys to set."},
    {"getset", 3, kWrite | kDenyOom | kFast, acl::kString, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_getset, Group::kString, "Set the string value of a key and return its old value", "1.0.0", "O(1)"},
    {"getdel", 2, kWrite | kFast, acl::kString, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete)}, cmd_getdel, Group::kString, "Get the value of a key and delete the key", "6.2.0", "O(1)"},
    {"getex", -2, kWrite | kFast, acl::kString, {ks::spec(ks::kRW | ks::kAccess | ks::kUpdate, ks::index(1), ks::range(0, 1, 0), "RW and UPDATE because it changes the TTL")}, cmd_getex, Group::kString, "Get the value of a key and optionally set its expiration", "6.2.0", "O(1)"},
    {"lcs", -3, kReadonly, acl::kString, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::range(1, 1, 0))}, cmd_lcs, Group::kString, "Find longest common substring", "7.0.0", "O(N*M) where N and M are the lengths of s1 and s2, respectively"},
};
// clang-format on

}  // namespace

void register_string_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
