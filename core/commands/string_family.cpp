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
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/command/keys.h"
#include "core/commands/families.h"
#include "core/resp/errors.h"
#include "core/store/value.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands {

namespace ev = server::events;  // keyspace notification classes

using command::CommandContext;
using command::CommandSpec;
using store::Database;
using store::IntBuf;
using store::Value;
namespace err = resp::err;

namespace {

constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinI64 = std::numeric_limits<int64_t>::min();

// Texts only this family sends.
constexpr std::string_view kDecrementOverflow = "ERR decrement would overflow";
constexpr std::string_view kLcsNotStrings = "ERR The specified keys must contain string values";
constexpr std::string_view kLcsIdxAndLen =
    "ERR If you want both the length and indexes, please just use IDX.";
constexpr std::string_view kLcsTooLong = "ERR String too long for LCS";
constexpr std::string_view kLcsNoMemory =
    "ERR Insufficient memory, failed allocating transient memory for LCS";

// A Value keeps string lengths in 32 bits, so no string may grow past this even
// when proto-max-bulk-len is configured larger.
constexpr uint64_t kValueMaxLen = std::numeric_limits<uint32_t>::max();

enum class OpStatus { kOk, kWrongType, kNotInteger, kNotFloat, kOverflow, kNanOrInf, kTooLong };

void reply_status(CommandContext& c, OpStatus st) {
  switch (st) {
    case OpStatus::kOk: break;
    case OpStatus::kWrongType: c.reply.error(err::kWrongType); break;
    case OpStatus::kNotInteger: c.reply.error(err::kNotInteger); break;
    case OpStatus::kNotFloat: c.reply.error(err::kNotFloat); break;
    case OpStatus::kOverflow: c.reply.error(err::kOverflow); break;
    case OpStatus::kNanOrInf: c.reply.error(err::kNanOrInf); break;
    case OpStatus::kTooLong: c.reply.error(err::kStringTooLong); break;
  }
}

// Redis matches option words with C string comparisons, so an argument counts
// only up to its first NUL ("NX\0junk" is NX).
std::string_view option_word(std::string_view arg) { return arg.substr(0, arg.find('\0')); }

// Redis checkStringLength: may a string of cur bytes grow by add bytes?
bool length_allowed(const CommandContext& c, uint64_t cur, uint64_t add) {
  uint64_t total = cur + add;  // both below 2^63: cannot wrap
  return total <= c.server.config.proto_max_bulk_len && total <= kValueMaxLen;
}

// ---- Expiry options (SET, GETEX, SETEX, PSETEX) ------------------------------

enum class ExpireKind { kNone, kEx, kPx, kExAt, kPxAt };

struct SetOptions {
  bool nx = false;
  bool xx = false;
  bool get = false;
  bool keep_ttl = false;
  bool persist = false;
  ExpireKind expire = ExpireKind::kNone;
  std::string_view expire_arg;
};

enum class OptionsFor { kSet, kGetex };

ExpireKind expire_kind_of(std::string_view opt) {
  if (util::iequals(opt, "EX")) return ExpireKind::kEx;
  if (util::iequals(opt, "PX")) return ExpireKind::kPx;
  if (util::iequals(opt, "EXAT")) return ExpireKind::kExAt;
  if (util::iequals(opt, "PXAT")) return ExpireKind::kPxAt;
  return ExpireKind::kNone;
}

// Redis parseExtendedStringArgumentsOrReply. Repeating an option is allowed
// (the last expiry value wins); conflicting ones are a syntax error. False on
// a syntax error.
bool parse_set_options(std::span<const std::string_view> argv, size_t start, OptionsFor cmd,
                       SetOptions& o) {
  const bool is_set = cmd == OptionsFor::kSet;
  for (size_t i = start; i < argv.size(); ++i) {
    std::string_view opt = option_word(argv[i]);
    const bool has_next = i + 1 < argv.size();
    const ExpireKind kind = expire_kind_of(opt);
    if (util::iequals(opt, "NX") && !o.xx && is_set) {
      o.nx = true;
    } else if (util::iequals(opt, "XX") && !o.nx && is_set) {
      o.xx = true;
    } else if (util::iequals(opt, "GET") && is_set) {
      o.get = true;
    } else if (util::iequals(opt, "KEEPTTL") && !o.persist && o.expire == ExpireKind::kNone &&
               is_set) {
      o.keep_ttl = true;
    } else if (util::iequals(opt, "PERSIST") && !is_set && o.expire == ExpireKind::kNone &&
               !o.keep_ttl) {
      o.persist = true;
    } else if (kind != ExpireKind::kNone && !o.keep_ttl && !o.persist &&
               (o.expire == ExpireKind::kNone || o.expire == kind) && has_next) {
      o.expire = kind;
      o.expire_arg = argv[++i];
    } else {
      return false;
    }
  }
  return true;
}

enum class ExpireStatus { kOk, kNotInteger, kInvalid };

// Redis getExpireMillisecondsOrReply: the absolute unix ms of an expiry
// argument. Values <= 0, seconds that overflow as ms, and relative times that
// overflow when now is added are invalid.
ExpireStatus expire_at_ms(ExpireKind kind, std::string_view arg, int64_t now_ms, int64_t& out) {
  int64_t v;
  if (!util::parse_int64(arg, v)) return ExpireStatus::kNotInteger;
  const bool seconds = kind == ExpireKind::kEx || kind == ExpireKind::kExAt;
  if (v <= 0 || (seconds && v > kMaxI64 / 1000)) return ExpireStatus::kInvalid;
  if (seconds) v *= 1000;
  if (kind == ExpireKind::kEx || kind == ExpireKind::kPx) {
    // Redis adds with wrap-around and then rejects the result as <= 0.
    if (now_ms > 0 && v > kMaxI64 - now_ms) return ExpireStatus::kInvalid;
    v += now_ms;
  }
  if (v <= 0) return ExpireStatus::kInvalid;
  out = v;
  return ExpireStatus::kOk;
}

// Replies with the error and returns nullopt when the expiry is unusable.
std::optional<int64_t> expire_or_reply(CommandContext& c, ExpireKind kind, std::string_view arg) {
  int64_t when = 0;
  switch (expire_at_ms(kind, arg, c.now_ms(), when)) {
    case ExpireStatus::kOk: return when;
    case ExpireStatus::kNotInteger: c.reply.error(err::kNotInteger); break;
    case ExpireStatus::kInvalid:
      c.reply.error("ERR invalid expire time in '" + std::string(c.spec.name) + "' command");
      break;
  }
  return std::nullopt;
}

// ---- GET-like ---------------------------------------------------------------

enum class GetResult { kMissing, kFound, kWrongType };

// Redis getGenericCommand: replies the value, nil, or WRONGTYPE.
GetResult reply_get(CommandContext& c, std::string_view key) {
  const Value* v = c.db().lookup_read(key);
  if (v == nullptr) {
    c.reply.null_bulk();
    return GetResult::kMissing;
  }
  if (!v->is_string()) {
    c.reply.error(err::kWrongType);
    return GetResult::kWrongType;
  }
  IntBuf buf;
  c.reply.bulk(v->str(buf));
  return GetResult::kFound;
}

// GET key → bulk | nil
void cmd_get(CommandContext& c) { reply_get(c, c.arg(1)); }

// GETSET key value → old bulk | nil. The TTL is discarded.
void cmd_getset(CommandContext& c) {
  if (reply_get(c, c.arg(1)) == GetResult::kWrongType) return;
  c.db().set(c.arg(1), Value::string(c.arg(2)));
  c.mark_dirty();
  c.notify(ev::kString, "set", c.arg(1));
}

// GETDEL key → bulk | nil, and the key is deleted.
void cmd_getdel(CommandContext& c) {
  if (reply_get(c, c.arg(1)) != GetResult::kFound) return;
  if (c.db().erase(c.arg(1))) {
    c.mark_dirty();
    c.notify(ev::kGeneric, "del", c.arg(1));
  }
}

// GETEX key [EX seconds | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST] → bulk | nil
void cmd_getex(CommandContext& c) {
  SetOptions o;
  if (!parse_set_options(c.argv, 2, OptionsFor::kGetex, o)) {
    c.reply.error(err::kSyntax);
    return;
  }
  std::string_view key = c.arg(1);
  Database& db = c.db();
  const Value* v = db.lookup_read(key);
  if (v == nullptr) {
    c.reply.null_bulk();
    return;
  }
  if (!v->is_string()) {
    c.reply.error(err::kWrongType);
    return;
  }
  // Redis validates the expiry only for an existing string key.
  int64_t when = 0;
  if (o.expire != ExpireKind::kNone) {
    auto w = expire_or_reply(c, o.expire, o.expire_arg);
    if (!w) return;
    when = *w;
  }
  IntBuf buf;
  c.reply.bulk(v->str(buf));
  const bool absolute = o.expire == ExpireKind::kExAt || o.expire == ExpireKind::kPxAt;
  // Logged as its effect: DEL, PEXPIREAT with the absolute time, or PERSIST.
  if (absolute && when <= c.now_ms()) {
    db.erase(key);
    if (c.logging()) c.log_as({"DEL", std::string(key)});
    c.mark_dirty();
    c.notify(ev::kGeneric, "del", key);
  } else if (o.expire != ExpireKind::kNone) {
    db.set_expire(key, when);
    if (c.logging()) c.log_as({"PEXPIREAT", std::string(key), std::to_string(when)});
    c.mark_dirty();
    c.notify(ev::kGeneric, "expire", key);
  } else if (o.persist) {
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
    const Value* v = db.lookup_read(c.arg(i));
    if (v == nullptr || !v->is_string()) c.reply.null_bulk();
    else c.reply.bulk(v->str(buf));
  }
}

// STRLEN key → integer (0 for a missing key)
void cmd_strlen(CommandContext& c) {
  const Value* v = c.db().lookup_read(c.arg(1));
  if (v == nullptr) {
    c.reply.integer(0);
    return;
  }
  if (!v->is_string()) {
    c.reply.error(err::kWrongType);
    return;
  }
  c.reply.integer(static_cast<int64_t>(v->str_len()));
}

// GETRANGE key start end → bulk ("" for a missing key or an empty range).
// SUBSTR is the same command under its old name.
void cmd_getrange(CommandContext& c) {
  int64_t start, end;
  if (!util::parse_int64(c.arg(2), start) || !util::parse_int64(c.arg(3), end)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  const Value* v = c.db().lookup_read(c.arg(1));
  if (v == nullptr) {
    c.reply.bulk("");
    return;
  }
  if (!v->is_string()) {
    c.reply.error(err::kWrongType);
    return;
  }
  IntBuf buf;
  std::string_view s = v->str(buf);
  const auto len = static_cast<int64_t>(s.size());
  // Redis 7.0's index rules, including its answer of "" when both ends are
  // negative and reversed, and of the first byte for ranges wholly before it.
  if (start < 0 && end < 0 && start > end) {
    c.reply.bulk("");
    return;
  }
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (len == 0 || start > end) {
    c.reply.bulk("");
    return;
  }
  c.reply.bulk(s.substr(static_cast<size_t>(start), static_cast<size_t>(end - start + 1)));
}

// ---- SET-like ---------------------------------------------------------------

enum class SetReplies { kOkNil, kOneZero };

// Redis setGenericCommand. Replies +OK / nil (SET) or 1 / 0 (SETNX); with GET
// the old value is the reply whatever happens next.
void set_generic(CommandContext& c, const SetOptions& o, std::string_view key,
                 std::string_view value, SetReplies style) {
  std::optional<int64_t> when;
  if (o.expire != ExpireKind::kNone) {
    when = expire_or_reply(c, o.expire, o.expire_arg);
    if (!when) return;
  }
  if (o.get && reply_get(c, key) == GetResult::kWrongType) return;
  Database& db = c.db();
  const bool found = db.lookup_write(key) != nullptr;
  if ((o.nx && found) || (o.xx && !found)) {
    if (!o.get) {
      if (style == SetReplies::kOneZero) c.reply.integer(0);
      else c.reply.null_bulk();
    }
    return;
  }
  db.set(key, Value::string(value), o.keep_ttl);
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
  if (!o.get) {
    if (style == SetReplies::kOneZero) c.reply.integer(1);
    else c.reply.ok();
  }
}

// SET key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL]
//   → +OK | nil (NX/XX not met) | with GET: old bulk | nil
void cmd_set(CommandContext& c) {
  SetOptions o;
  if (!parse_set_options(c.argv, 3, OptionsFor::kSet, o)) {
    c.reply.error(err::kSyntax);
    return;
  }
  set_generic(c, o, c.arg(1), c.arg(2), SetReplies::kOkNil);
}

// SETNX key value → 1 if set, 0 if the key exists
void cmd_setnx(CommandContext& c) {
  SetOptions o;
  o.nx = true;
  set_generic(c, o, c.arg(1), c.arg(2), SetReplies::kOneZero);
}

// SETEX key seconds value → +OK
void cmd_setex(CommandContext& c) {
  SetOptions o;
  o.expire = ExpireKind::kEx;
  o.expire_arg = c.arg(2);
  set_generic(c, o, c.arg(1), c.arg(3), SetReplies::kOkNil);
}

// PSETEX key milliseconds value → +OK
void cmd_psetex(CommandContext& c) {
  SetOptions o;
  o.expire = ExpireKind::kPx;
  o.expire_arg = c.arg(2);
  set_generic(c, o, c.arg(1), c.arg(3), SetReplies::kOkNil);
}

// MSET key value [key value ...] → +OK; MSETNX → 1 if all were set, 0 (and
// nothing set) if any key exists.
void mset_generic(CommandContext& c, bool nx) {
  if (c.argc() % 2 == 0) {
    c.reply.error(command::arity_error(c.spec.name));
    return;
  }
  Database& db = c.db();
  if (nx) {
    for (size_t i = 1; i < c.argc(); i += 2) {
      if (db.lookup_write(c.arg(i)) != nullptr) {
        c.reply.integer(0);
        return;
      }
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
OpStatus op_append(CommandContext& c, std::string_view key, std::string_view tail,
                   size_t& new_len) {
  Database& db = c.db();
  Value* v = db.lookup_write(key);
  if (v == nullptr) {
    db.set(key, Value::string(tail));
    new_len = tail.size();
    return OpStatus::kOk;
  }
  if (!v->is_string()) return OpStatus::kWrongType;
  if (!length_allowed(c, v->str_len(), tail.size())) return OpStatus::kTooLong;
  v->append(tail);
  new_len = v->str_len();
  return OpStatus::kOk;
}

// APPEND key value → integer (the new length)
void cmd_append(CommandContext& c) {
  size_t len = 0;
  OpStatus st = op_append(c, c.arg(1), c.arg(2), len);
  if (st != OpStatus::kOk) {
    reply_status(c, st);
    return;
  }
  c.mark_dirty();
  c.notify(ev::kString, "append", c.arg(1));
  c.reply.integer(static_cast<int64_t>(len));
}

// SETRANGE key offset value → integer (the new length). Gaps are zero bytes; an
// empty value changes nothing (and creates no key).
void cmd_setrange(CommandContext& c) {
  int64_t offset;
  if (!util::parse_int64(c.arg(2), offset)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  if (offset < 0) {
    c.reply.error(err::kOffsetOutOfRange);
    return;
  }
  std::string_view key = c.arg(1);
  std::string_view patch = c.arg(3);
  const auto off = static_cast<uint64_t>(offset);
  Database& db = c.db();
  Value* v = db.lookup_write(key);
  if (v == nullptr) {
    if (patch.empty()) {
      c.reply.integer(0);
      return;
    }
    if (!length_allowed(c, off, patch.size())) {
      c.reply.error(err::kStringTooLong);
      return;
    }
    std::string bytes(static_cast<size_t>(off), '\0');
    bytes.append(patch);
    db.set(key, Value::raw_string(bytes));
    c.mark_dirty();
    c.notify(ev::kString, "setrange", key);
    c.reply.integer(static_cast<int64_t>(bytes.size()));
    return;
  }
  if (!v->is_string()) {
    c.reply.error(err::kWrongType);
    return;
  }
  if (patch.empty()) {
    c.reply.integer(static_cast<int64_t>(v->str_len()));
    return;
  }
  if (!length_allowed(c, off, patch.size())) {
    c.reply.error(err::kStringTooLong);
    return;
  }
  v->set_range(static_cast<size_t>(off), patch);
  c.mark_dirty();
  c.notify(ev::kString, "setrange", key);
  c.reply.integer(static_cast<int64_t>(v->str_len()));
}

// ---- Counters ---------------------------------------------------------------

// Redis incrDecrCommand. The result is always int-encoded; the TTL is kept.
OpStatus op_incr_by(Database& db, std::string_view key, int64_t by, int64_t& result) {
  Value* v = db.lookup_write(key);
  int64_t cur = 0;
  if (v != nullptr) {
    if (!v->is_string()) return OpStatus::kWrongType;
    if (!v->int_value(cur)) {
      IntBuf buf;
      if (!util::parse_int64(v->str(buf), cur)) return OpStatus::kNotInteger;
    }
  }
  if ((by < 0 && cur < 0 && by < kMinI64 - cur) || (by > 0 && cur > 0 && by > kMaxI64 - cur)) {
    return OpStatus::kOverflow;
  }
  result = cur + by;
  if (v != nullptr) *v = Value::integer(result);
  else db.set(key, Value::integer(result));
  return OpStatus::kOk;
}

void incr_reply(CommandContext& c, int64_t by) {
  int64_t result = 0;
  OpStatus st = op_incr_by(c.db(), c.arg(1), by, result);
  if (st != OpStatus::kOk) {
    reply_status(c, st);
    return;
  }
  c.mark_dirty();
  c.notify(ev::kString, "incrby", c.arg(1));
  c.reply.integer(result);
}

// INCR key → integer
void cmd_incr(CommandContext& c) { incr_reply(c, 1); }
// DECR key → integer
void cmd_decr(CommandContext& c) { incr_reply(c, -1); }

// INCRBY key increment → integer
void cmd_incrby(CommandContext& c) {
  int64_t by;
  if (!util::parse_int64(c.arg(2), by)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  incr_reply(c, by);
}

// DECRBY key decrement → integer
void cmd_decrby(CommandContext& c) {
  int64_t by;
  if (!util::parse_int64(c.arg(2), by)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  if (by == kMinI64) {
    c.reply.error(kDecrementOverflow);
    return;
  }
  incr_reply(c, -by);
}

// Redis incrbyfloatCommand: long double arithmetic; the stored value is the
// human text (never int-encoded) and keeps the TTL.
OpStatus op_incr_by_float(Database& db, std::string_view key, std::string_view incr_arg,
                          std::string& result) {
  Value* v = db.lookup_write(key);
  if (v != nullptr && !v->is_string()) return OpStatus::kWrongType;
  long double cur = 0;
  if (v != nullptr) {
    int64_t iv;
    if (v->int_value(iv)) {
      cur = static_cast<long double>(iv);
    } else {
      IntBuf buf;
      if (!util::parse_long_double(v->str(buf), cur)) return OpStatus::kNotFloat;
    }
  }
  long double incr;
  if (!util::parse_long_double(incr_arg, incr)) return OpStatus::kNotFloat;
  cur += incr;
  if (std::isnan(cur) || std::isinf(cur)) return OpStatus::kNanOrInf;
  result = util::long_double_to_human(cur);
  if (v != nullptr) *v = Value::plain_string(result);
  else db.set(key, Value::plain_string(result));
  return OpStatus::kOk;
}

// INCRBYFLOAT key increment → bulk (the new value)
void cmd_incrbyfloat(CommandContext& c) {
  std::string result;
  OpStatus st = op_incr_by_float(c.db(), c.arg(1), c.arg(2), result);
  if (st != OpStatus::kOk) {
    reply_status(c, st);
    return;
  }
  // Logged as the resulting value: float formatting must not differ on replay.
  if (c.logging()) c.log_as({"SET", std::string(c.arg(1)), result, "KEEPTTL"});
  c.mark_dirty();
  c.notify(ev::kString, "incrbyfloat", c.arg(1));
  c.reply.bulk(result);
}

// ---- LCS ----------------------------------------------------------------------

struct LcsMatch {
  uint32_t a_start, a_end, b_start, b_end;
  uint32_t len() const { return a_end - a_start + 1; }
};

struct LcsResult {
  uint32_t len = 0;
  std::string text;                // only when asked for
  std::vector<LcsMatch> matches;   // only when asked for, last match first
};

// Dynamic-programming LCS over bytes. Walks the table back from the end the
// way Redis does, so equal-length alternatives resolve to the same answer and
// the matching ranges come out in the same order. False if the table cannot be
// allocated.
bool op_lcs(std::string_view a, std::string_view b, bool want_text, bool want_matches,
            int64_t min_match_len, LcsResult& out) {
  const auto alen = static_cast<uint32_t>(a.size());
  const auto blen = static_cast<uint32_t>(b.size());
  const uint64_t cells = (uint64_t{alen} + 1) * (uint64_t{blen} + 1);
  if (cells > std::numeric_limits<size_t>::max() / sizeof(uint32_t)) return false;
  std::unique_ptr<uint32_t[]> table(new (std::nothrow) uint32_t[cells]);
  if (!table) return false;
  const uint64_t row = uint64_t{blen} + 1;
  auto at = [&](uint32_t i, uint32_t j) -> uint32_t& { return table[i * row + j]; };

  for (uint32_t i = 0; i <= alen; ++i) {
    for (uint32_t j = 0; j <= blen; ++j) {
      if (i == 0 || j == 0) at(i, j) = 0;
      else if (a[i - 1] == b[j - 1]) at(i, j) = at(i - 1, j - 1) + 1;
      else at(i, j) = std::max(at(i - 1, j), at(i, j - 1));
    }
  }
  out.len = at(alen, blen);
  if (!want_text && !want_matches) return true;

  out.text.assign(out.len, '\0');
  uint32_t k = out.len;
  uint32_t i = alen, j = blen;
  bool open = false;
  LcsMatch cur{};
  auto close = [&] {
    if (want_matches && (min_match_len == 0 || cur.len() >= min_match_len)) {
      out.matches.push_back(cur);
    }
    open = false;
  };
  while (i > 0 && j > 0) {
    if (a[i - 1] == b[j - 1]) {
      out.text[--k] = a[i - 1];
      // Walking back diagonally, consecutive matches always extend the open range.
      if (!open) cur = {i - 1, i - 1, j - 1, j - 1};
      cur.a_start = i - 1;
      cur.b_start = j - 1;
      open = true;
      --i;
      --j;
      if (cur.a_start == 0 || cur.b_start == 0) close();
    } else {
      if (at(i - 1, j) > at(i, j - 1)) --i;
      else --j;
      if (open) close();
    }
  }
  return true;
}

// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]
//   → bulk (the subsequence) | integer (LEN) | IDX: map {matches: [...], len: n}
void cmd_lcs(CommandContext& c) {
  Database& db = c.db();
  const Value* va = db.lookup_read(c.arg(1));
  const Value* vb = db.lookup_read(c.arg(2));
  if ((va != nullptr && !va->is_string()) || (vb != nullptr && !vb->is_string())) {
    c.reply.error(kLcsNotStrings);
    return;
  }
  bool get_len = false, get_idx = false, with_match_len = false;
  int64_t min_match_len = 0;
  for (size_t i = 3; i < c.argc(); ++i) {
    std::string_view opt = option_word(c.arg(i));
    if (util::iequals(opt, "IDX")) {
      get_idx = true;
    } else if (util::iequals(opt, "LEN")) {
      get_len = true;
    } else if (util::iequals(opt, "WITHMATCHLEN")) {
      with_match_len = true;
    } else if (util::iequals(opt, "MINMATCHLEN") && i + 1 < c.argc()) {
      if (!util::parse_int64(c.arg(i + 1), min_match_len)) {
        c.reply.error(err::kNotInteger);
        return;
      }
      if (min_match_len < 0) min_match_len = 0;
      ++i;
    } else {
      c.reply.error(err::kSyntax);
      return;
    }
  }
  if (get_idx && get_len) {
    c.reply.error(kLcsIdxAndLen);
    return;
  }
  IntBuf buf_a, buf_b;
  std::string_view a = va != nullptr ? va->str(buf_a) : std::string_view{};
  std::string_view b = vb != nullptr ? vb->str(buf_b) : std::string_view{};
  if (a.size() >= kValueMaxLen - 1 || b.size() >= kValueMaxLen - 1) {
    c.reply.error(kLcsTooLong);
    return;
  }
  LcsResult r;
  if (!op_lcs(a, b, !get_len && !get_idx, get_idx, min_match_len, r)) {
    c.reply.error(kLcsNoMemory);
    return;
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
