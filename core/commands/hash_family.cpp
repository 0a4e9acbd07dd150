// Hash commands (Redis 7.0 t_hash.c semantics): HSET HSETNX HMSET HGET HMGET HDEL
// HLEN HSTRLEN HEXISTS HKEYS HVALS HGETALL HINCRBY HINCRBYFLOAT HRANDFIELD HSCAN.
//
// The data logic lives in store::HashValue; handlers here parse arguments, look the
// key up (lookup_read for reads, lookup_write for writes, as Redis), and reply.
// A hash is created by its first write and its key deleted when HDEL empties it.

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"
#include "core/commands/scan_args.h"
#include "core/resp/errors.h"
#include "core/store/hash_value.h"
#include "core/store/value.h"
#include "core/util/glob.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands {

namespace ev = server::events;  // keyspace notification classes

using command::ArgCursor;
using command::CommandContext;
using command::CommandSpec;
using store::HashValue;
using store::IntBuf;
using store::Lookup;

namespace {

// Texts only this family sends, word for word as Redis 7.0.
constexpr std::string_view kHashNotInteger = "ERR hash value is not an integer";
constexpr std::string_view kHashNotFloat = "ERR hash value is not a float";
constexpr std::string_view kIncrNanOrInf = "ERR value is NaN or Infinity";

constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinI64 = std::numeric_limits<int64_t>::min();

// HRANDFIELD with a negative count may be asked for ~2^63 picks. Redis stops such a
// reply only when an output buffer limit closes the client (none by default, so it
// runs out of memory); we stop at this size and close the connection.
constexpr size_t kMaxRandomReplyBytes = size_t{1} << 30;

store::HashLimits limits(const CommandContext& c) {
  const auto& cfg = c.server.config;
  return {static_cast<size_t>(cfg.hash_max_listpack_entries),
          static_cast<size_t>(cfg.hash_max_listpack_value)};
}

// Redis hashTypeLookupWriteOrCreate, called once the write is sure to happen: the
// hash found by a kWrite lookup, or a new empty one stored at key.
HashValue& hash_for_write(CommandContext& c, OpResult<HashValue*> found, std::string_view key) {
  return found ? **found : *c.db().create<HashValue>(key);
}

// ---- Writes -----------------------------------------------------------------

// HSET key field value [field value ...] → integer (fields created)
// HMSET key field value [field value ...] → +OK
void hset_generic(CommandContext& c, bool is_hmset) {
  if (c.argc() % 2 == 1) {
    c.reply.error(command::arity_error(c.spec.name));
    return;
  }
  OpResult<HashValue*> found = c.db().find<HashValue>(c.arg(1), Lookup::kCreate);
  if (!found) return c.error(found.status());
  HashValue& h = **found;
  const store::HashLimits lim = limits(c);
  h.prepare_for(c.argv.subspan(2), lim);
  int64_t created = 0;
  for (size_t i = 2; i < c.argc(); i += 2) {
    if (h.set(c.arg(i), c.arg(i + 1), lim)) ++created;
  }
  c.mark_dirty((c.argc() - 2) / 2);
  c.notify(ev::kHash, "hset", c.arg(1));
  if (is_hmset)
    c.reply.ok();
  else
    c.reply.integer(created);
}

void cmd_hset(CommandContext& c) { hset_generic(c, false); }
void cmd_hmset(CommandContext& c) { hset_generic(c, true); }

// HSETNX key field value → 1 if set, 0 if the field exists
void cmd_hsetnx(CommandContext& c) {
  OpResult<HashValue*> found = c.db().find<HashValue>(c.arg(1), Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  if (found && found->contains(c.arg(2))) return c.reply.integer(0);
  HashValue& h = hash_for_write(c, found, c.arg(1));
  const store::HashLimits lim = limits(c);
  h.prepare_for(c.argv.subspan(2, 2), lim);
  h.set(c.arg(2), c.arg(3), lim);
  c.mark_dirty();
  c.notify(ev::kHash, "hset", c.arg(1));
  c.reply.integer(1);
}

// HDEL key field [field ...] → integer (fields removed); an emptied hash is deleted.
void cmd_hdel(CommandContext& c) {
  store::Database& db = c.db();
  OpResult<HashValue*> found = db.find<HashValue>(c.arg(1), Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  if (!found) return c.reply.integer(0);
  HashValue* h = *found;
  int64_t deleted = 0;
  bool key_removed = false;
  for (size_t i = 2; i < c.argc(); ++i) {
    if (!h->erase(c.arg(i))) continue;
    ++deleted;
    if (h->empty()) {
      db.erase(c.arg(1));  // frees h
      key_removed = true;
      break;
    }
  }
  if (deleted > 0) {
    c.mark_dirty(static_cast<uint64_t>(deleted));
    c.notify(ev::kHash, "hdel", c.arg(1));
    if (key_removed) c.notify(ev::kGeneric, "del", c.arg(1));
  }
  c.reply.integer(deleted);
}

// HINCRBY key field increment → integer (the new value)
void cmd_hincrby(CommandContext& c) {
  ArgCursor a = c.args(3);
  const int64_t incr = a.next<int64_t>();
  if (!a.ok()) return c.error(a);
  OpResult<HashValue*> found = c.db().find<HashValue>(c.arg(1), Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  int64_t old = 0;
  if (found) {
    if (std::optional<HashValue::Element> e = found->get(c.arg(2))) {
      if (e->is_int) {
        old = e->ival;
      } else if (!util::parse_int64(e->sval, old)) {  // the stored value, not an argument
        return c.reply.error(kHashNotInteger);
      }
    }
  }
  if ((incr < 0 && old < 0 && incr < kMinI64 - old) ||
      (incr > 0 && old > 0 && incr > kMaxI64 - old)) {
    return c.error(OpStatus::kOverflow);
  }
  const int64_t result = old + incr;
  char digits[24];
  const size_t len = util::format_int64(result, digits);
  hash_for_write(c, found, c.arg(1)).set(c.arg(2), std::string_view(digits, len), limits(c));
  c.mark_dirty();
  c.notify(ev::kHash, "hincrby", c.arg(1));
  c.reply.integer(result);
}

// HINCRBYFLOAT key field increment → bulk (the new value, as INCRBYFLOAT prints it)
void cmd_hincrbyfloat(CommandContext& c) {
  ArgCursor a = c.args(3);
  const long double incr = a.next<long double>();
  if (a.ok() && (std::isnan(incr) || std::isinf(incr))) a.fail(kIncrNanOrInf);
  if (!a.ok()) return c.error(a);
  OpResult<HashValue*> found = c.db().find<HashValue>(c.arg(1), Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  long double old = 0;
  if (found) {
    if (std::optional<HashValue::Element> e = found->get(c.arg(2))) {
      if (e->is_int) {
        old = static_cast<long double>(e->ival);
      } else if (!util::parse_long_double(e->sval, old)) {  // the stored value
        return c.reply.error(kHashNotFloat);
      }
    }
  }
  const long double result = old + incr;
  if (std::isnan(result) || std::isinf(result)) return c.error(OpStatus::kNanOrInf);
  const std::string text = util::long_double_to_human(result);
  hash_for_write(c, found, c.arg(1)).set(c.arg(2), text, limits(c));
  // Logged as the resulting value (long double formatting must not matter on replay).
  if (c.logging()) c.log_as({"HSET", std::string(c.arg(1)), std::string(c.arg(2)), text});
  c.mark_dirty();
  c.notify(ev::kHash, "hincrbyfloat", c.arg(1));
  c.reply.bulk(text);
}

// ---- Reads ------------------------------------------------------------------

// HGET key field → bulk | nil
void cmd_hget(CommandContext& c) {
  OpResult<HashValue*> h = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (h.wrong_type()) return c.error(h.status());
  std::optional<HashValue::Element> e;
  if (h) e = h->get(c.arg(2));
  if (!e) {
    c.reply.null_bulk();
    return;
  }
  IntBuf buf;
  c.reply.bulk(e->view(buf));
}

// HMGET key field [field ...] → array of bulk | nil
void cmd_hmget(CommandContext& c) {
  OpResult<HashValue*> found = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (found.wrong_type()) return c.error(found.status());
  HashValue* h = found.value_or(nullptr);
  c.reply.array(c.argc() - 2);
  IntBuf buf;
  for (size_t i = 2; i < c.argc(); ++i) {
    std::optional<HashValue::Element> e;
    if (h != nullptr) e = h->get(c.arg(i));
    if (e)
      c.reply.bulk(e->view(buf));
    else
      c.reply.null_bulk();
  }
}

// HLEN key → integer
void cmd_hlen(CommandContext& c) {
  OpResult<HashValue*> h = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (h.wrong_type()) return c.error(h.status());
  c.reply.integer(h ? static_cast<int64_t>(h->size()) : 0);
}

// HSTRLEN key field → integer (0 for a missing key or field)
void cmd_hstrlen(CommandContext& c) {
  OpResult<HashValue*> h = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (h.wrong_type()) return c.error(h.status());
  std::optional<size_t> len;
  if (h) len = h->value_length(c.arg(2));
  c.reply.integer(static_cast<int64_t>(len.value_or(0)));
}

// HEXISTS key field → 1 | 0
void cmd_hexists(CommandContext& c) {
  OpResult<HashValue*> h = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (h.wrong_type()) return c.error(h.status());
  c.reply.integer(h && h->contains(c.arg(2)) ? 1 : 0);
}

enum class Parts { kKeys, kValues, kBoth };

// HKEYS / HVALS key → array; HGETALL key → map (RESP2: flat array)
void getall_generic(CommandContext& c, Parts parts) {
  OpResult<HashValue*> found = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (found.wrong_type()) return c.error(found.status());
  HashValue* h = found.value_or(nullptr);
  const size_t n = h == nullptr ? 0 : h->size();
  if (parts == Parts::kBoth)
    c.reply.map(n);
  else
    c.reply.array(n);
  if (h == nullptr) return;
  h->for_each([&](std::string_view field, std::string_view value) {
    if (parts != Parts::kValues) c.reply.bulk(field);
    if (parts != Parts::kKeys) c.reply.bulk(value);
  });
}

void cmd_hkeys(CommandContext& c) { getall_generic(c, Parts::kKeys); }
void cmd_hvals(CommandContext& c) { getall_generic(c, Parts::kValues); }
void cmd_hgetall(CommandContext& c) { getall_generic(c, Parts::kBoth); }

// ---- HRANDFIELD ---------------------------------------------------------------

// Redis hrandfieldWithCountCommand. A positive count gives distinct fields (at most
// the whole hash), a negative one |count| independent picks.
void hrandfield_with_count(CommandContext& c, int64_t l, bool withvalues) {
  OpResult<HashValue*> found = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (found.wrong_type()) return c.error(found.status());
  if (!found) return c.reply.empty_array();
  HashValue& h = **found;
  const bool unique = l >= 0;
  // -l cannot overflow: the count was range-checked against -INT64_MAX.
  const uint64_t count = unique ? static_cast<uint64_t>(l) : static_cast<uint64_t>(-l);
  if (count == 0) {
    c.reply.empty_array();
    return;
  }
  const bool nested = withvalues && c.reply.protocol() >= 3;  // RESP3: [field, value]
  auto emit = [&](std::string_view field, std::string_view value) {
    if (nested) c.reply.array(2);
    c.reply.bulk(field);
    if (withvalues) c.reply.bulk(value);
  };
  auto header = [&](uint64_t n) { c.reply.array(withvalues && !nested ? n * 2 : n); };

  // CASE 1: repeats allowed (or a single pick), in random order.
  if (!unique || count == 1) {
    header(count);
    std::string& out = c.reply.buffer();
    const size_t start = out.size();
    h.random_pairs_with_repeats(count, c.keyspace.rng(),
                                [&](std::string_view f, std::string_view val) {
                                  emit(f, val);
                                  if (out.size() - start <= kMaxRandomReplyBytes) return true;
                                  c.client.close_after_reply = true;  // reply is cut short
                                  return false;
                                });
    return;
  }
  const size_t size = h.size();
  // CASE 2: all of it.
  if (count >= size) {
    header(size);
    h.for_each(emit);
    return;
  }
  // CASE 2.5 / 3 / 4: a sample of distinct fields.
  header(count);
  h.random_pairs_unique(static_cast<size_t>(count), c.keyspace.rng(),
                        [&](std::string_view f, std::string_view val) {
                          emit(f, val);
                          return true;
                        });
}

// HRANDFIELD key [count [WITHVALUES]] → bulk | nil; with count: array
void cmd_hrandfield(CommandContext& c) {
  if (c.argc() >= 3) {
    ArgCursor a = c.args(2);
    const int64_t l = a.next<int64_t>();
    if (a.ok() && l < -kMaxI64) a.fail(OpStatus::kCountOutOfRange);
    const bool withvalues = a.eat("WITHVALUES");
    if (!a.finish()) return c.error(a);
    // Redis 7.0 refuses counts whose reply length (2 per pick) would overflow.
    if (withvalues && (l < -kMaxI64 / 2 || l > kMaxI64 / 2)) return c.error(OpStatus::kOutOfRange);
    return hrandfield_with_count(c, l, withvalues);
  }
  OpResult<HashValue*> h = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (h.wrong_type()) return c.error(h.status());
  if (!h) return c.reply.null_bulk();
  h->random_pair(c.keyspace.rng(), [&](std::string_view f, std::string_view) {
    c.reply.bulk(f);
    return true;
  });
}

// ---- HSCAN --------------------------------------------------------------------

// HSCAN key cursor [MATCH pattern] [COUNT count] → [next cursor, [field, value, ...]]
void cmd_hscan(CommandContext& c) {
  // Redis: the cursor, then the key, then the options.
  ArgCursor a = c.args(2);
  uint64_t cursor = next_scan_cursor(a);
  if (!a.ok()) return c.error(a);
  OpResult<HashValue*> found = c.db().find<HashValue>(c.arg(1), Lookup::kRead);
  if (found.wrong_type()) return c.error(found.status());
  if (!found) {
    c.reply.array(2);
    c.reply.bulk("0");
    c.reply.empty_array();
    return;
  }
  const ScanOptions o = parse_scan_options(a, /*allow_type=*/false);
  if (!a.ok()) return c.error(a);
  HashValue& h = **found;

  std::vector<std::string> items;  // field, value, field, value ...
  uint64_t visited = 0;            // fields seen, matching or not: what COUNT bounds (Redis 7.0)
  auto collect = [&](std::string_view field, std::string_view value) {
    ++visited;
    if (o.use_pattern && !util::glob_match(o.pattern, field)) return;
    items.emplace_back(field);
    items.emplace_back(value);
  };
  if (h.is_listpack()) {
    cursor = h.scan(cursor, collect);
  } else {
    // Redis: maxiterations = count * 10, tested before being decremented.
    const auto count = static_cast<uint64_t>(o.count);
    uint64_t budget = count > std::numeric_limits<uint64_t>::max() / 10
                          ? std::numeric_limits<uint64_t>::max()
                          : count * 10;
    do {
      cursor = h.scan(cursor, collect);
    } while (cursor != 0 && budget-- != 0 && visited < count);
  }

  c.reply.array(2);
  c.reply.bulk(std::to_string(cursor));
  c.reply.array(items.size());
  for (const std::string& s : items) c.reply.bulk(s);
}

// Flags, arity and key positions as Redis 7.0's command table.
using namespace command;  // CmdFlag names
// clang-format off
const CommandSpec kSpecs[] = {
    {"hset", -4, kWrite | kDenyOom | kFast, acl::kHash, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_hset, Group::kHash, "Set the string value of a hash field", "2.0.0", "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the " "command is called with multiple field/value pairs."},
    {"hsetnx", 4, kWrite | kDenyOom | kFast, acl::kHash, {ks::key(1, ks::kRW | ks::kInsert)}, cmd_hsetnx, Group::kHash, "Set the value of a hash field, only if the field does not exist", "2.0.0", "O(1)"},
    {"hmset", -4, kWrite | kDenyOom | kFast, acl::kHash, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_hmset, Group::kHash, "Set multiple hash fields to multiple values", "2.0.0", "O(N) where N is the number of fields being set."},
    {"hget", 3, kReadonly | kFast, acl::kHash, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_hget, Group::kHash, "Get the value of a hash field", "2.0.0", "O(1)"},
    {"hmget", -3, kReadonly | kFast, acl::kHash, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_hmget, Group::kHash, "Get the values of all the given hash fields", "2.0.0", "O(N) where N is the number of fields being requested."},
    {"hdel", -3, kWrite | kFast, acl::kHash, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_hdel, Group::kHash, "Delete one or more hash fields", "2.0.0", "O(N) where N is the number of fields to be removed."},
    {"hlen", 2, kReadonly | kFast, acl::kHash, {ks::key(1, ks::kRO)}, cmd_hlen, Group::kHash, "Get the number of fields in a hash", "2.0.0", "O(1)"},
    {"hstrlen", 3, kReadonly | kFast, acl::kHash, {ks::key(1, ks::kRO)}, cmd_hstrlen, Group::kHash, "Get the length of the value of a hash field", "3.2.0", "O(1)"},
    {"hexists", 3, kReadonly | kFast, acl::kHash, {ks::key(1, ks::kRO)}, cmd_hexists, Group::kHash, "Determine if a hash field exists", "2.0.0", "O(1)"},
    {"hkeys", 2, kReadonly, acl::kHash, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_hkeys, Group::kHash, "Get all the fields in a hash", "2.0.0", "O(N) where N is the size of the hash."},
    {"hvals", 2, kReadonly, acl::kHash, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_hvals, Group::kHash, "Get all the values in a hash", "2.0.0", "O(N) where N is the size of the hash."},
    {"hgetall", 2, kReadonly, acl::kHash, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_hgetall, Group::kHash, "Get all the fields and values in a hash", "2.0.0", "O(N) where N is the size of the hash."},
    {"hincrby", 4, kWrite | kDenyOom | kFast, acl::kHash, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_hincrby, Group::kHash, "Increment the integer value of a hash field by the given number", "2.0.0", "O(1)"},
    {"hincrbyfloat", 4, kWrite | kDenyOom | kFast, acl::kHash, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_hincrbyfloat, Group::kHash, "Increment the float value of a hash field by the given amount", "2.6.0", "O(1)"},
    {"hrandfield", -2, kReadonly, acl::kHash, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_hrandfield, Group::kHash, "Get one or multiple random fields from a hash", "6.2.0", "O(N) where N is the number of fields returned"},
    {"hscan", -3, kReadonly, acl::kHash, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_hscan, Group::kHash, "Incrementally iterate hash fields and associated values", "2.8.0", "O(1) for every call. O(N) for a complete iteration, including enough command calls for " "the cursor to return back to 0. N is the number of elements inside the collection.."},
};
// clang-format on

}  // namespace

void register_hash_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
