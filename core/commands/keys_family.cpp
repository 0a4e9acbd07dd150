// Generic key commands (Redis db.c / expire.c / object.c): DEL UNLINK EXISTS TYPE
// KEYS SCAN RANDOMKEY RENAME RENAMENX COPY MOVE TOUCH EXPIRE PEXPIRE EXPIREAT
// PEXPIREAT TTL PTTL EXPIRETIME PEXPIRETIME PERSIST OBJECT.
//
// These work on values of any type, so nothing here answers WRONGTYPE.
// Which lookup each command uses matters to clients through INFO and OBJECT:
//   lookup_read   hit/miss stats + access clock   (TOUCH, COPY source)
//   lookup_write  access clock, no stats          (RENAME, MOVE, EXPIRE, PERSIST)
//   peek()        stats, no access clock          (EXISTS, TYPE, TTL, OBJECT, SCAN TYPE)
// as Redis's lookupKeyRead / lookupKeyWrite / lookupKeyReadWithFlags(LOOKUP_NOTOUCH).

#include <climits>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/context.h"
#include "core/commands/expire_args.h"
#include "core/commands/families.h"
#include "core/commands/scan_args.h"
#include "core/resp/errors.h"
#include "core/store/keyspace.h"
#include "core/store/value.h"
#include "core/util/glob.h"
#include "core/util/strings.h"

namespace ironkv::commands {

namespace ev = server::events;  // keyspace notification classes

using command::ArgCursor;
using command::CommandContext;
using command::CommandSpec;

namespace {

// Error texts of this family that no other family sends (word for word as Redis 7.0).
constexpr std::string_view kLfuNotSelected =
    "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
    "that when switching between policies at runtime LRU and LFU data will take some time to "
    "adjust.";

// OBJECT REFCOUNT of a shared integer (Redis OBJ_SHARED_REFCOUNT = INT_MAX); Redis shares
// the int-encoded strings 0..9999 (OBJ_SHARED_INTEGERS) when no LRU/LFU policy is set.
constexpr int64_t kSharedRefcount = INT_MAX;
constexpr int64_t kSharedIntegers = 10000;

using Node = store::Database::Node;

// lookupKeyReadWithFlags(LOOKUP_NOTOUCH): lazy expiry and keyspace hit/miss counting,
// but the key's access clock (OBJECT IDLETIME) is left alone.
Node* peek(CommandContext& c, store::Database& db, std::string_view key) {
  Node* n = db.find_node(key);
  auto& st = c.keyspace.stats();
  if (n != nullptr) ++st.keyspace_hits;
  else ++st.keyspace_misses;
  return n;
}

// Redis getIntFromObjectOrReply for a DB argument (COPY ... DB n, MOVE key n), then the
// range check of selectDb.
int next_db_index(CommandContext& c, ArgCursor& a) {
  const int64_t v = a.next<int64_t>();
  if (a.ok() && (v < INT_MIN || v > INT_MAX)) a.fail(OpStatus::kIntOutOfRange);
  if (a.ok() && (v < 0 || v >= c.keyspace.db_count())) a.fail(OpStatus::kDbIndexOutOfRange);
  return static_cast<int>(v);
}

// ---- DEL UNLINK EXISTS TOUCH TYPE -------------------------------------------

// DEL key [key ...] → integer (keys removed). UNLINK is the same; the keyspace already
// frees big values off the strand.
void cmd_del(CommandContext& c) {
  store::Database& db = c.db();
  int64_t removed = 0;
  for (size_t i = 1; i < c.argc(); ++i) {
    // An expired key is gone already: it is not counted (Redis expireIfNeeded first).
    if (db.find_node(c.arg(i)) != nullptr && db.erase(c.arg(i))) {
      ++removed;
      c.mark_dirty();
      c.notify(ev::kGeneric, "del", c.arg(i));
    }
  }
  c.reply.integer(removed);
}

// EXISTS key [key ...] → integer; a key named twice counts twice.
void cmd_exists(CommandContext& c) {
  store::Database& db = c.db();
  int64_t n = 0;
  for (size_t i = 1; i < c.argc(); ++i) {
    if (peek(c, db, c.arg(i)) != nullptr) ++n;
  }
  c.reply.integer(n);
}

// TOUCH key [key ...] → integer (existing keys); updates their access time.
void cmd_touch(CommandContext& c) {
  store::Database& db = c.db();
  int64_t n = 0;
  for (size_t i = 1; i < c.argc(); ++i) {
    if (db.lookup_read(c.arg(i)) != nullptr) ++n;
  }
  c.reply.integer(n);
}

// TYPE key → +string | +list | +set | +zset | +hash | +none
void cmd_type(CommandContext& c) {
  Node* n = peek(c, c.db(), c.arg(1));
  c.reply.simple(n == nullptr ? std::string_view("none") : store::type_name(n->value.type()));
}

// ---- KEYS SCAN RANDOMKEY ----------------------------------------------------

// KEYS pattern → array of keys (expired keys are skipped, not deleted, like Redis).
void cmd_keys(CommandContext& c) {
  store::Database& db = c.db();
  std::string_view pattern = c.arg(1);
  const bool all = pattern == "*";
  const int64_t now = c.now_ms();
  // Views into the nodes: nothing modifies the table until the reply is written.
  std::vector<std::string_view> keys;
  db.dict().for_each([&](Node& n) {
    std::string_view key = n.key();
    if (!all && !util::glob_match(pattern, key)) return;
    if (db.is_expired(key, now)) return;
    keys.push_back(key);
  });
  c.reply.bulk_array(keys);
}

// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] → [cursor, [key ...]]
// Like Redis, COUNT buckets' worth of keys are sampled first (at most 10*COUNT bucket
// visits), and MATCH/TYPE only filter that sample, so a page may be empty while the
// cursor is not 0. Every key present for the whole iteration is returned (Dict::scan).
void cmd_scan(CommandContext& c) {
  ArgCursor a = c.args(1);
  uint64_t cursor = next_scan_cursor(a);
  const ScanOptions o = parse_scan_options(a, /*allow_type=*/true);
  if (!a.ok()) return c.error(a);

  store::Database& db = c.db();
  const size_t want = static_cast<size_t>(o.count);
  // Redis: maxiterations = count * 10, tested before being decremented.
  uint64_t budget = static_cast<uint64_t>(o.count) > std::numeric_limits<uint64_t>::max() / 10
                        ? std::numeric_limits<uint64_t>::max()
                        : static_cast<uint64_t>(o.count) * 10;
  std::vector<std::string> sample;
  do {
    cursor = db.dict().scan(cursor, [&](Node& n) { sample.emplace_back(n.key()); });
  } while (cursor != 0 && budget-- != 0 && sample.size() < want);

  std::vector<std::string_view> keys;
  keys.reserve(sample.size());
  for (const std::string& key : sample) {
    if (o.use_pattern && !util::glob_match(o.pattern, key)) continue;
    // The lookup also deletes a sampled key that has expired (Redis expireIfNeeded), so
    // it is never returned. (Redis 7.0 returns such keys for "TYPE none"; we do not.)
    Node* n = o.has_type ? peek(c, db, key) : db.find_node(key);
    if (n == nullptr) continue;
    if (o.has_type && !command::word_equals(o.type, store::type_name(n->value.type()))) continue;
    keys.push_back(key);
  }

  c.reply.array(2);
  c.reply.bulk(std::to_string(cursor));
  c.reply.bulk_array(keys);
}

// RANDOMKEY → bulk key | nil
void cmd_randomkey(CommandContext& c) {
  std::optional<std::string> key = c.db().random_key();
  if (key) c.reply.bulk(*key);
  else c.reply.null_bulk();
}

// ---- RENAME RENAMENX COPY MOVE ----------------------------------------------

// Moves src's value and TTL to dst, replacing dst unless nx: true if renamed,
// kKeyNotFound without src. Renaming a key to itself changes nothing but still
// needs the key to exist.
OpResult<bool> op_rename(store::Database& db, std::string_view src, std::string_view dst, bool nx) {
  if (db.lookup_write(src) == nullptr) return OpStatus::kKeyNotFound;
  if (src == dst) return false;
  if (db.lookup_write(dst) != nullptr && nx) return false;
  auto taken = db.take(src);
  auto& [value, expire_ms] = *taken;
  db.erase(dst);  // as Redis: dst is deleted, then added (a "new" key event)
  db.set(dst, std::move(value));
  if (expire_ms != -1) db.set_expire(dst, expire_ms);
  return true;
}

// RENAME key newkey → +OK | -ERR no such key (the TTL moves with the value)
// RENAMENX key newkey → :1 renamed | :0 newkey exists (or is key) | -ERR no such key
void rename_generic(CommandContext& c, bool nx) {
  OpResult<bool> renamed = op_rename(c.db(), c.arg(1), c.arg(2), nx);
  if (!renamed) return c.error(renamed.status());
  if (*renamed) {
    c.mark_dirty();
    c.notify(ev::kGeneric, "rename_from", c.arg(1));
    c.notify(ev::kGeneric, "rename_to", c.arg(2));
  }
  if (nx)
    c.reply.integer(*renamed ? 1 : 0);
  else
    c.reply.ok();
}

void cmd_rename(CommandContext& c) { rename_generic(c, false); }
void cmd_renamenx(CommandContext& c) { rename_generic(c, true); }

// Copies src (value and TTL) of `from` to dst of `to`. False if src is missing, or dst
// exists and !replace.
bool op_copy(store::Database& from, std::string_view src, store::Database& to,
             std::string_view dst, bool replace) {
  store::Value* v = from.lookup_read(src);
  if (v == nullptr) return false;
  int64_t expire_ms = from.expire_of(src);
  if (to.lookup_write(dst) != nullptr && !replace) return false;
  // Nodes never move, so v stays valid across the lookups above, even in one database.
  store::Value copy = v->clone();
  to.erase(dst);  // as Redis: a replaced dst is deleted, then added ("new")
  to.set(dst, std::move(copy));
  if (expire_ms != -1) to.set_expire(dst, expire_ms);
  return true;
}

// COPY source destination [DB destination-db] [REPLACE] → :1 copied | :0
void cmd_copy(CommandContext& c) {
  int dst_db = c.client.db;
  bool replace = false;
  ArgCursor a = c.args(3);
  while (a.has_next()) {
    if (a.eat("REPLACE"))
      replace = true;
    else if (a.eat("DB", 1))
      dst_db = next_db_index(c, a);
    else
      a.fail(OpStatus::kSyntax);
  }
  if (!a.ok()) return c.error(a);
  if (dst_db == c.client.db && c.arg(1) == c.arg(2)) return c.error(OpStatus::kSameObject);
  if (!op_copy(c.db(), c.arg(1), c.keyspace.db(dst_db), c.arg(2), replace)) {
    return c.reply.integer(0);
  }
  c.mark_dirty();
  c.notify(ev::kGeneric, "copy_to", c.arg(2), dst_db);
  c.reply.integer(1);
}

// Moves key (value and TTL) between databases. False if missing or present in `to`.
bool op_move(store::Database& from, store::Database& to, std::string_view key) {
  if (from.lookup_write(key) == nullptr) return false;
  if (to.lookup_write(key) != nullptr) return false;
  auto taken = from.take(key);
  auto& [value, expire_ms] = *taken;
  to.set(key, std::move(value));
  if (expire_ms != -1) to.set_expire(key, expire_ms);
  return true;
}

// MOVE key db → :1 moved | :0 missing here or present there
void cmd_move(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int dst_db = next_db_index(c, a);
  if (!a.finish()) return c.error(a);
  if (dst_db == c.client.db) return c.error(OpStatus::kSameObject);
  if (!op_move(c.db(), c.keyspace.db(dst_db), c.arg(1))) return c.reply.integer(0);
  c.mark_dirty();
  c.notify(ev::kGeneric, "move_from", c.arg(1));
  c.notify(ev::kGeneric, "move_to", c.arg(1), dst_db);
  c.reply.integer(1);
}

// ---- EXPIRE family, TTL family, PERSIST -------------------------------------

enum class ExpireResult { kNotSet, kSet, kDeleted };

// The conditions of Redis 7.0 expireGenericCommand. A key without a TTL counts as an
// infinite TTL: GT never applies to it, LT always does.
ExpireResult op_expire(store::Database& db, std::string_view key, int64_t when_ms,
                       unsigned flags, int64_t now_ms) {
  if (db.lookup_write(key) == nullptr) return ExpireResult::kNotSet;
  if (flags != 0) {
    int64_t current = db.expire_of(key);
    if ((flags & kOptNx) && current != -1) return ExpireResult::kNotSet;
    if ((flags & kOptXx) && current == -1) return ExpireResult::kNotSet;
    if ((flags & kOptGt) && (current == -1 || when_ms <= current)) return ExpireResult::kNotSet;
    if ((flags & kOptLt) && current != -1 && when_ms >= current) return ExpireResult::kNotSet;
  }
  if (when_ms <= now_ms) {
    db.erase(key);
    return ExpireResult::kDeleted;
  }
  db.set_expire(key, when_ms);
  return ExpireResult::kSet;
}

// EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT key time [NX | XX | GT | LT] → :1 | :0
// A time already in the past deletes the key (and still answers 1).
void expire_generic(CommandContext& c, int64_t basetime_ms, bool seconds) {
  // The options are checked before the time (Redis expireGenericCommand).
  ArgCursor opts = c.args(3);
  const unsigned flags = parse_expire_options(opts, ExpireSyntax::kExpire).flags;
  if (!opts.ok()) return c.error(opts);
  ArgCursor a = c.args(2);
  const int64_t v = a.next<int64_t>();
  if (!a.ok()) return c.error(a);
  // Negative times are allowed (they delete the key); overflows are not.
  const OpResult<int64_t> at = expire_time_ms(v, seconds, basetime_ms);
  if (!at) return c.error(at.status());
  const int64_t when = *at;

  // While loading an AOF a time in the past sets the TTL like any other (the key
  // was live when the command originally ran; later commands may use it).
  const int64_t now = c.keyspace.loading() ? std::numeric_limits<int64_t>::min() : c.now_ms();
  ExpireResult r = op_expire(c.db(), c.arg(1), when, flags, now);
  switch (r) {
    case ExpireResult::kNotSet: c.reply.integer(0); return;
    case ExpireResult::kSet:
      // Logged with the absolute time, so a replay expires at the same instant.
      if (c.logging()) c.log_as({"PEXPIREAT", std::string(c.arg(1)), std::to_string(when)});
      c.mark_dirty();
      c.notify(ev::kGeneric, "expire", c.arg(1));
      c.reply.integer(1);
      return;
    case ExpireResult::kDeleted:
      if (c.logging()) c.log_as({"DEL", std::string(c.arg(1))});
      c.mark_dirty();
      c.notify(ev::kGeneric, "del", c.arg(1));
      c.reply.integer(1);
      return;
  }
}

void cmd_expire(CommandContext& c) { expire_generic(c, c.now_ms(), true); }
void cmd_pexpire(CommandContext& c) { expire_generic(c, c.now_ms(), false); }
void cmd_expireat(CommandContext& c) { expire_generic(c, 0, true); }
void cmd_pexpireat(CommandContext& c) { expire_generic(c, 0, false); }

// TTL / PTTL / EXPIRETIME / PEXPIRETIME key → integer; -2 no key, -1 no TTL.
// Seconds are rounded to the nearest second, as Redis does ((ms + 500) / 1000).
void ttl_generic(CommandContext& c, bool millis, bool absolute) {
  store::Database& db = c.db();
  if (peek(c, db, c.arg(1)) == nullptr) {
    c.reply.integer(-2);
    return;
  }
  int64_t expire = db.expire_of(c.arg(1));
  if (expire == -1) {
    c.reply.integer(-1);
    return;
  }
  int64_t t = absolute ? expire : expire - c.now_ms();
  if (t < 0) t = 0;
  c.reply.integer(millis ? t : (t + 500) / 1000);
}

void cmd_ttl(CommandContext& c) { ttl_generic(c, false, false); }
void cmd_pttl(CommandContext& c) { ttl_generic(c, true, false); }
void cmd_expiretime(CommandContext& c) { ttl_generic(c, false, true); }
void cmd_pexpiretime(CommandContext& c) { ttl_generic(c, true, true); }

// PERSIST key → :1 TTL removed | :0 no key or no TTL
void cmd_persist(CommandContext& c) {
  store::Database& db = c.db();
  if (db.lookup_write(c.arg(1)) != nullptr && db.persist(c.arg(1))) {
    c.mark_dirty();
    c.notify(ev::kGeneric, "persist", c.arg(1));
    c.reply.integer(1);
    return;
  }
  c.reply.integer(0);
}

// ---- OBJECT -----------------------------------------------------------------

// The key of an OBJECT subcommand, or nullptr after replying nil.
Node* object_key(CommandContext& c) {
  Node* n = peek(c, c.db(), c.arg(2));
  if (n == nullptr) c.reply.null_bulk();
  return n;
}

// OBJECT ENCODING key → bulk encoding | nil
void cmd_object_encoding(CommandContext& c) {
  Node* n = object_key(c);
  if (n == nullptr) return;
  c.reply.bulk(store::encoding_name(n->value.encoding()));
}

// OBJECT REFCOUNT key → integer | nil. Values are never shared here except what Redis
// shares too: small integers report Redis's shared refcount.
void cmd_object_refcount(CommandContext& c) {
  Node* n = object_key(c);
  if (n == nullptr) return;
  int64_t iv;
  bool shared = n->value.int_value(iv) && iv >= 0 && iv < kSharedIntegers;
  c.reply.integer(shared ? kSharedRefcount : 1);
}

// OBJECT IDLETIME key → integer seconds since last access | nil
void cmd_object_idletime(CommandContext& c) {
  Node* n = object_key(c);
  if (n == nullptr) return;
  uint32_t now = c.keyspace.lru_clock();
  c.reply.integer(now > n->aux ? static_cast<int64_t>(now - n->aux) : 0);
}

// OBJECT FREQ key → nil | error: no LFU maxmemory policy exists here, so access
// frequency is never tracked.
void cmd_object_freq(CommandContext& c) {
  if (object_key(c) != nullptr) c.reply.error(kLfuNotSelected);
}

// OBJECT HELP → array of status lines
void cmd_object_help(CommandContext& c) {
  static constexpr std::string_view kLines[] = {
      "ENCODING <key>",
      "    Return the kind of internal representation used in order to store the value",
      "    associated with a <key>.",
      "FREQ <key>",
      "    Return the access frequency index of the <key>. The returned integer is",
      "    proportional to the logarithm of the recent access frequency of the key.",
      "IDLETIME <key>",
      "    Return the idle time of the <key>, that is the approximated number of",
      "    seconds elapsed since the last access to the key.",
      "REFCOUNT <key>",
      "    Return the number of references of the value associated with the specified",
      "    <key>.",
      "HELP",
      "    Prints this help.",
  };
  c.reply.array(std::size(kLines) + 1);
  c.reply.simple(util::to_upper(c.arg(0)) +
                 " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
  for (std::string_view line : kLines) c.reply.simple(line);
}

using namespace command;

// Arity, flags and key positions as Redis 7.0's src/commands/*.json.
// clang-format off
const CommandSpec kSpecs[] = {
    {"del", -2, kWrite, acl::kKeyspace, {ks::spec(ks::kRM | ks::kDelete, ks::index(1), ks::range(-1, 1, 0))}, cmd_del, Group::kGeneric, "Delete a key", "1.0.0", "O(N) where N is the number of keys that will be removed. When a key to remove holds a " "value other than a string, the individual complexity for this key is O(M) where M is the " "number of elements in the list, set, sorted set or hash. Removing a single key that holds " "a string value is O(1)."},
    {"unlink", -2, kWrite | kFast, acl::kKeyspace, {ks::spec(ks::kRM | ks::kDelete, ks::index(1), ks::range(-1, 1, 0))}, cmd_del, Group::kGeneric, "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non " "blocking.", "4.0.0", "O(1) for each key removed regardless of its size. Then the command does O(N) work in a " "different thread in order to reclaim memory, where N is the number of allocations the " "deleted objects where composed of."},
    {"exists", -2, kReadonly | kFast, acl::kKeyspace, {ks::spec(ks::kRO, ks::index(1), ks::range(-1, 1, 0))}, cmd_exists, Group::kGeneric, "Determine if a key exists", "1.0.0", "O(N) where N is the number of keys to check."},
    {"type", 2, kReadonly | kFast, acl::kKeyspace, {ks::key(1, ks::kRO)}, cmd_type, Group::kGeneric, "Determine the type stored at key", "1.0.0", "O(1)"},
    {"keys", 2, kReadonly, acl::kKeyspace | acl::kDangerous, {}, cmd_keys, Group::kGeneric, "Find all keys matching the given pattern", "1.0.0", "O(N) with N being the number of keys in the database, under the assumption that the key " "names in the database and the given pattern have limited length."},
    {"scan", -2, kReadonly, acl::kKeyspace, {}, cmd_scan, Group::kGeneric, "Incrementally iterate the keys space", "2.8.0", "O(1) for every call. O(N) for a complete iteration, including enough command calls for " "the cursor to return back to 0. N is the number of elements inside the collection."},
    {"randomkey", 1, kReadonly, acl::kKeyspace, {}, cmd_randomkey, Group::kGeneric, "Return a random key from the keyspace", "1.0.0", "O(1)"},
    {"rename", 3, kWrite, acl::kKeyspace, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete), ks::key(2, ks::kOW | ks::kUpdate)}, cmd_rename, Group::kGeneric, "Rename a key", "1.0.0", "O(1)"},
    {"renamenx", 3, kWrite | kFast, acl::kKeyspace, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete), ks::key(2, ks::kOW | ks::kInsert)}, cmd_renamenx, Group::kGeneric, "Rename a key, only if the new key does not exist", "1.0.0", "O(1)"},
    {"copy", -3, kWrite | kDenyOom, acl::kKeyspace, {ks::key(1, ks::kRO | ks::kAccess), ks::key(2, ks::kOW | ks::kUpdate)}, cmd_copy, Group::kGeneric, "Copy a key", "6.2.0", "O(N) worst case for collections, where N is the number of nested items. O(1) for string " "values."},
    {"move", 3, kWrite | kFast, acl::kKeyspace, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_move, Group::kGeneric, "Move a key to another database", "1.0.0", "O(1)"},
    {"touch", -2, kReadonly | kFast, acl::kKeyspace, {ks::spec(ks::kRO, ks::index(1), ks::range(-1, 1, 0))}, cmd_touch, Group::kGeneric, "Alters the last access time of a key(s). Returns the number of existing keys specified.", "3.2.1", "O(N) where N is the number of keys that will be touched."},
    {"expire", -3, kWrite | kFast, acl::kKeyspace, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_expire, Group::kGeneric, "Set a key's time to live in seconds", "1.0.0", "O(1)"},
    {"pexpire", -3, kWrite | kFast, acl::kKeyspace, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_pexpire, Group::kGeneric, "Set a key's time to live in milliseconds", "2.6.0", "O(1)"},
    {"expireat", -3, kWrite | kFast, acl::kKeyspace, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_expireat, Group::kGeneric, "Set the expiration for a key as a UNIX timestamp", "1.2.0", "O(1)"},
    {"pexpireat", -3, kWrite | kFast, acl::kKeyspace, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_pexpireat, Group::kGeneric, "Set the expiration for a key as a UNIX timestamp specified in milliseconds", "2.6.0", "O(1)"},
    {"ttl", 2, kReadonly | kFast, acl::kKeyspace, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_ttl, Group::kGeneric, "Get the time to live for a key in seconds", "1.0.0", "O(1)"},
    {"pttl", 2, kReadonly | kFast, acl::kKeyspace, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_pttl, Group::kGeneric, "Get the time to live for a key in milliseconds", "2.6.0", "O(1)"},
    {"expiretime", 2, kReadonly | kFast, acl::kKeyspace, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_expiretime, Group::kGeneric, "Get the expiration Unix timestamp for a key", "7.0.0", "O(1)"},
    {"pexpiretime", 2, kReadonly | kFast, acl::kKeyspace, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_pexpiretime, Group::kGeneric, "Get the expiration Unix timestamp for a key in milliseconds", "7.0.0", "O(1)"},
    {"persist", 2, kWrite | kFast, acl::kKeyspace, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_persist, Group::kGeneric, "Remove the expiration from a key", "2.2.0", "O(1)"},
    {"object", -2, 0, 0, {}, nullptr, Group::kGeneric, "A container for object introspection commands", "2.2.3", "Depends on subcommand.", { {"object|help", 2, kLoading | kStale, acl::kKeyspace, {}, cmd_object_help, Group::kGeneric, "Show helpful text about the different subcommands", "6.2.0", "O(1)"}, {"object|encoding", 3, kReadonly, acl::kKeyspace, {ks::key(2, ks::kRO)}, cmd_object_encoding, Group::kGeneric, "Inspect the internal encoding of a Redis object", "2.2.3", "O(1)"}, {"object|freq", 3, kReadonly, acl::kKeyspace, {ks::key(2, ks::kRO)}, cmd_object_freq, Group::kGeneric, "Get the logarithmic access frequency counter of a Redis object", "4.0.0", "O(1)"}, {"object|idletime", 3, kReadonly, acl::kKeyspace, {ks::key(2, ks::kRO)}, cmd_object_idletime, Group::kGeneric, "Get the time since a Redis object was last accessed", "2.2.3", "O(1)"}, {"object|refcount", 3, kReadonly, acl::kKeyspace, {ks::key(2, ks::kRO)}, cmd_object_refcount, Group::kGeneric, "Get the number of references to the value of the key", "2.2.3", "O(1)"}, }},
};
// clang-format on

}  // namespace

void register_keys_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
