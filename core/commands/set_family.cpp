// Set commands: SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP SRANDMEMBER
// SMOVE SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF SDIFFSTORE SSCAN,
// with Redis 7.0's replies and errors and Redis 7.2's encodings (store::SetValue).
//
// Reply order of multi-member replies follows the encoding: intsets ascending,
// listpacks in insertion order, hashtables in table order (unspecified, as in Redis).

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/context.h"
#include "core/command/keys.h"
#include "core/commands/collection_args.h"
#include "core/commands/families.h"
#include "core/commands/scan_args.h"
#include "core/store/set_value.h"
#include "core/util/glob.h"
#include "core/util/numbers.h"

namespace ironkv::commands {

namespace ev = server::events;  // keyspace notification classes

using command::ArgCursor;
using command::CommandContext;
using store::Lookup;
using store::SetLimits;
using store::SetValue;
using Member = SetValue::Member;

namespace {

SetLimits set_limits(const CommandContext& c) {
  const auto& cfg = c.server.config;
  auto sz = [](int64_t v) { return v < 0 ? size_t{0} : static_cast<size_t>(v); };
  return {sz(cfg.set_max_intset_entries), sz(cfg.set_max_listpack_entries),
          sz(cfg.set_max_listpack_value)};
}

OpResult<SetValue*> read_set(CommandContext& c, std::string_view key) {
  return c.db().find<SetValue>(key, Lookup::kRead);
}

void reply_member(CommandContext& c, const Member& m) {
  store::IntBuf buf;
  c.reply.bulk(m.text(buf));
}

// Every member of s as a set reply.
void reply_all(CommandContext& c, SetValue& s) {
  c.reply.set(s.size());
  s.for_each([&](const Member& m) { reply_member(c, m); });
}

// Looks every key up for reading (missing keys as nullptr). Replies WRONGTYPE and
// returns false if any key holds another type, as Redis checks all keys first.
bool load_sets(CommandContext& c, std::span<const std::string_view> keys,
               std::vector<SetValue*>& sets) {
  sets.clear();
  sets.reserve(keys.size());
  for (std::string_view key : keys) {
    OpResult<SetValue*> r = read_set(c, key);
    if (r.wrong_type()) {
      c.error(r.status());
      return false;
    }
    sets.push_back(r.value_or(nullptr));
  }
  return true;
}

// Stores a computed set at dst, replacing any value and TTL; an empty result deletes
// dst instead (Redis SINTERSTORE/SUNIONSTORE/SDIFFSTORE). Replies the cardinality.
void store_result(CommandContext& c, std::string_view dst, std::unique_ptr<SetValue> result) {
  const size_t n = result->size();
  if (n > 0) {
    c.db().set(dst, store::Value::collection(std::move(result)));
    c.mark_dirty();
    c.notify(ev::kSet, c.spec.name, dst);  // sinterstore / sunionstore / sdiffstore
  } else if (c.db().erase(dst)) {
    c.mark_dirty();
    c.notify(ev::kGeneric, "del", dst);
  }
  c.reply.integer(static_cast<int64_t>(n));
}

// ---- single-key commands -------------------------------------------------------

// SADD key member [member ...] → integer (members added)
void cmd_sadd(CommandContext& c) {
  std::string_view key = c.arg(1);
  OpResult<SetValue*> r = c.db().find<SetValue>(key, Lookup::kWrite);
  if (r.wrong_type()) return c.error(r.status());
  const SetLimits lim = set_limits(c);
  const std::span<const std::string_view> members = c.argv.subspan(2);
  SetValue* s = r.value_or(nullptr);
  if (s == nullptr) {
    auto fresh = SetValue::create(members.front(), members.size(), lim);
    s = c.db().add(key, store::Value::collection(std::move(fresh)))->as<SetValue>();
  } else {
    s->maybe_convert(members.size(), lim);
  }
  int64_t added = 0;
  for (std::string_view m : members) added += s->add(m, lim) ? 1 : 0;
  if (added > 0) {
    c.mark_dirty(static_cast<uint64_t>(added));
    c.notify(ev::kSet, "sadd", key);
  }
  c.reply.integer(added);
}

// SREM key member [member ...] → integer (members removed); an emptied set is deleted.
void cmd_srem(CommandContext& c) {
  std::string_view key = c.arg(1);
  OpResult<SetValue*> r = c.db().find<SetValue>(key, Lookup::kWrite);
  if (r.wrong_type()) return c.error(r.status());
  int64_t removed = 0;
  bool key_removed = false;
  if (r.ok()) {
    for (std::string_view m : c.argv.subspan(2)) {
      if (!r->remove(m)) continue;
      ++removed;
      if (r->empty()) {
        c.db().erase(key);
        key_removed = true;
        break;
      }
    }
  }
  if (removed > 0) {
    c.mark_dirty(static_cast<uint64_t>(removed));
    c.notify(ev::kSet, "srem", key);
    if (key_removed) c.notify(ev::kGeneric, "del", key);
  }
  c.reply.integer(removed);
}

// SMEMBERS key → set of members (empty for a missing key)
void cmd_smembers(CommandContext& c) {
  OpResult<SetValue*> r = read_set(c, c.arg(1));
  if (r.wrong_type()) return c.error(r.status());
  if (r.missing()) return c.reply.set(0);
  reply_all(c, **r);
}

// SISMEMBER key member → :1 | :0
// SMISMEMBER key member [member ...] → array of :1 | :0 (all :0 for a missing key)
void ismember_generic(CommandContext& c, bool many) {
  OpResult<SetValue*> r = read_set(c, c.arg(1));
  if (r.wrong_type()) return c.error(r.status());
  if (many) c.reply.array(c.argc() - 2);
  for (std::string_view m : c.argv.subspan(2)) c.reply.integer(r.ok() && r->contains(m) ? 1 : 0);
}

void cmd_sismember(CommandContext& c) { ismember_generic(c, false); }
void cmd_smismember(CommandContext& c) { ismember_generic(c, true); }

// SPOP key count → set of up to count members, removed (empty for a missing key).
void spop_with_count(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int64_t count = a.next_int(0, std::numeric_limits<int64_t>::max(), OpStatus::kNotPositive);
  if (!a.finish()) return c.error(a);
  std::string_view key = c.arg(1);
  OpResult<SetValue*> r = c.db().find<SetValue>(key, Lookup::kWrite);
  if (r.wrong_type()) return c.error(r.status());
  if (r.missing() || count == 0) return c.reply.set(0);
  SetValue& s = **r;
  const size_t size = s.size();
  if (static_cast<uint64_t>(count) >= size) {
    // Everything goes: reply the whole set and delete the key.
    reply_all(c, s);
    c.db().erase(key);
    if (c.logging()) c.log_as({"DEL", std::string(key)});
    c.mark_dirty(size);
    c.notify(ev::kSet, "spop", key);
    c.notify(ev::kGeneric, "del", key);
    return;
  }
  std::vector<std::string> popped =
      s.pop_many(static_cast<size_t>(count), c.keyspace.rng(), set_limits(c));
  c.reply.set(popped.size());
  for (const std::string& m : popped) c.reply.bulk(m);
  // Random: logged as the SREM of what was popped.
  if (c.logging()) {
    server::OwnedArgv argv{"SREM", std::string(key)};
    argv.insert(argv.end(), popped.begin(), popped.end());
    c.log_as(std::move(argv));
  }
  c.mark_dirty(popped.size());
  c.notify(ev::kSet, "spop", key);
}

// SPOP key [count] → bulk | nil, or with count a set of members
void cmd_spop(CommandContext& c) {
  // Redis tests the argument count before it reads the count.
  if (c.argc() > 3) return c.error(OpStatus::kSyntax);
  if (c.argc() == 3) return spop_with_count(c);
  std::string_view key = c.arg(1);
  OpResult<SetValue*> r = c.db().find<SetValue>(key, Lookup::kWrite);
  if (r.wrong_type()) return c.error(r.status());
  if (r.missing()) return c.reply.null_bulk();
  std::string member = r->pop_random(c.keyspace.rng());
  c.reply.bulk(member);
  if (c.logging()) c.log_as({"SREM", std::string(key), std::move(member)});
  bool emptied = r->empty();
  if (emptied) c.db().erase(key);
  c.mark_dirty();
  c.notify(ev::kSet, "spop", key);
  if (emptied) c.notify(ev::kGeneric, "del", key);
}

// SRANDMEMBER key count → array: count >= 0 distinct members (at most all of them),
// count < 0 |count| members that may repeat.
void srandmember_with_count(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int64_t l = next_random_count(a);
  if (!a.finish()) return c.error(a);
  const bool unique = l >= 0;
  const uint64_t count = unique ? static_cast<uint64_t>(l) : static_cast<uint64_t>(-l);

  OpResult<SetValue*> r = read_set(c, c.arg(1));
  if (r.wrong_type()) return c.error(r.status());
  if (r.missing() || count == 0) return c.reply.empty_array();
  SetValue& s = **r;
  auto emit = [&](const Member& m) { reply_member(c, m); };
  // Repeats allowed (or a single member): independent draws, in random order.
  if (!unique || count == 1) {
    c.reply.array(count);
    s.random_members_with_repeats(count, c.keyspace.rng(), emit);
    return;
  }
  if (count >= s.size()) {
    c.reply.array(s.size());
    s.for_each(emit);
    return;
  }
  c.reply.array(count);
  s.random_members_unique(static_cast<size_t>(count), c.keyspace.rng(), emit);
}

// SRANDMEMBER key [count] → bulk | nil, or with count an array
void cmd_srandmember(CommandContext& c) {
  // Redis tests the argument count before it reads the count.
  if (c.argc() > 3) return c.error(OpStatus::kSyntax);
  if (c.argc() == 3) return srandmember_with_count(c);
  OpResult<SetValue*> r = read_set(c, c.arg(1));
  if (r.wrong_type()) return c.error(r.status());
  if (r.missing()) return c.reply.null_bulk();
  reply_member(c, r->random_member(c.keyspace.rng()));
}

// SMOVE source destination member → :1 moved (or already in source == destination) | :0
void cmd_smove(CommandContext& c) {
  std::string_view src_key = c.arg(1), dst_key = c.arg(2), member = c.arg(3);
  OpResult<SetValue*> src = c.db().find<SetValue>(src_key, Lookup::kWrite);
  // The destination counts as changed only if the member is new there (below).
  OpResult<SetValue*> dst = c.db().find<SetValue>(dst_key, Lookup::kPeek);
  if (src.missing()) return c.reply.integer(0);
  if (src.wrong_type() || dst.wrong_type()) return c.error(OpStatus::kWrongType);
  if (*src == *dst) return c.reply.integer(src->contains(member) ? 1 : 0);
  if (!src->remove(member)) return c.reply.integer(0);
  c.notify(ev::kSet, "srem", src_key);
  // Nodes never move, so the destination stays valid when the source key goes away.
  if (src->empty()) {
    c.db().erase(src_key);
    c.notify(ev::kGeneric, "del", src_key);
  }
  const SetLimits lim = set_limits(c);
  SetValue* d = dst.value_or(nullptr);
  if (d == nullptr) {
    auto fresh = SetValue::create(member, 1, lim);
    d = c.db().add(dst_key, store::Value::collection(std::move(fresh)))->as<SetValue>();
  }
  c.mark_dirty();
  if (d->add(member, lim)) {
    c.mark_dirty();
    c.notify(ev::kSet, "sadd", dst_key);
    c.db().signal_modified(dst_key);
  }
  c.reply.integer(1);
}

// ---- intersection ------------------------------------------------------------

enum class InterMode { kReply, kStore, kCard };

// Redis sinterGenericCommand: walks the smallest set and keeps what every other set
// holds. kStore builds the result like Redis (intset if the smallest set is one,
// else a listpack that grows as needed, an intset at the end if all are integers).
void inter_generic(CommandContext& c, std::span<const std::string_view> keys, InterMode mode,
                   std::string_view dst = {}, uint64_t limit = 0) {
  std::vector<SetValue*> sets;
  if (!load_sets(c, keys, sets)) return;

  if (std::find(sets.begin(), sets.end(), nullptr) != sets.end()) {
    switch (mode) {
      case InterMode::kStore:
        if (c.db().erase(dst)) {
          c.mark_dirty();
          c.notify(ev::kGeneric, "del", dst);
        }
        c.reply.integer(0);
        break;
      case InterMode::kCard:
        c.reply.integer(0);
        break;
      case InterMode::kReply:
        c.reply.set(0);
        break;
    }
    return;
  }
  std::stable_sort(sets.begin(), sets.end(),
                   [](SetValue* a, SetValue* b) { return a->size() < b->size(); });

  const SetLimits lim = set_limits(c);
  std::unique_ptr<SetValue> out;
  if (mode == InterMode::kStore) {
    out = std::make_unique<SetValue>(sets[0]->encoding() == store::Encoding::kIntset
                                         ? store::Encoding::kIntset
                                         : store::Encoding::kListpack);
  }
  std::vector<Member> found;  // kReply: views into the sets, which stay untouched
  uint64_t cardinality = 0;
  bool only_integers = true;
  SetValue* first = sets[0];
  first->for_each([&](const Member& m) -> bool {
    for (size_t j = 1; j < sets.size(); ++j) {
      if (sets[j] == first) continue;
      if (!sets[j]->contains(m)) return true;
    }
    switch (mode) {
      case InterMode::kCard:
        ++cardinality;
        return limit == 0 || cardinality < limit;
      case InterMode::kReply:
        found.push_back(m);
        break;
      case InterMode::kStore: {
        int64_t v;  // a member, not an argument: does it read as an integer (intset)?
        if (only_integers && !m.is_int && !util::parse_int64(m.str, v)) only_integers = false;
        out->add(m, lim);
        break;
      }
    }
    return true;
  });

  switch (mode) {
    case InterMode::kCard:
      c.reply.integer(static_cast<int64_t>(cardinality));
      break;
    case InterMode::kReply:
      c.reply.set(found.size());
      for (const Member& m : found) reply_member(c, m);
      break;
    case InterMode::kStore:
      if (only_integers) out->maybe_convert_to_intset(lim);
      store_result(c, dst, std::move(out));
      break;
  }
}

// SINTER key [key ...] → set
void cmd_sinter(CommandContext& c) { inter_generic(c, c.argv.subspan(1), InterMode::kReply); }

// SINTERSTORE destination key [key ...] → integer (size of the stored result)
void cmd_sinterstore(CommandContext& c) {
  inter_generic(c, c.argv.subspan(2), InterMode::kStore, c.arg(1));
}

// SINTERCARD numkeys key [key ...] [LIMIT limit] → integer
void cmd_sintercard(CommandContext& c) {
  ArgCursor a = c.args();
  const std::span<const std::string_view> keys = next_keys(a);
  int64_t limit = 0;
  while (a.eat("LIMIT", 1)) limit = next_limit(a);
  if (!a.finish()) return c.error(a);
  inter_generic(c, keys, InterMode::kCard, {}, static_cast<uint64_t>(limit));
}

// ---- union and difference --------------------------------------------------------

enum class SetOp { kUnion, kDiff };

// Redis sunionDiffGenericCommand: the result is built in a fresh set (an intset that
// converts as members arrive), then replied or stored. SDIFF picks between walking
// the first set (checking the others) and copying it then removing the others' members.
void union_diff_generic(CommandContext& c, std::span<const std::string_view> keys, SetOp op,
                        std::optional<std::string_view> dst) {
  std::vector<SetValue*> sets;
  if (!load_sets(c, keys, sets)) return;
  const size_t n = sets.size();
  bool same_set = false;
  for (size_t j = 1; j < n; ++j) same_set = same_set || sets[j] == sets[0];

  int diff_algo = 1;
  if (op == SetOp::kDiff && sets[0] != nullptr && !same_set) {
    uint64_t algo_one_work = 0, algo_two_work = 0;
    for (SetValue* s : sets) {
      if (s == nullptr) continue;
      algo_one_work += sets[0]->size();
      algo_two_work += s->size();
    }
    // Walking the first set has the better constant factor: give it the edge.
    algo_one_work /= 2;
    diff_algo = algo_one_work <= algo_two_work ? 1 : 2;
    if (diff_algo == 1 && n > 1) {
      // Biggest sets first: a member is likelier to be found (and dropped) early.
      std::stable_sort(sets.begin() + 1, sets.end(), [](SetValue* a, SetValue* b) {
        return (a ? a->size() : 0) > (b ? b->size() : 0);
      });
    }
  }

  const SetLimits lim = set_limits(c);
  auto out = std::make_unique<SetValue>(store::Encoding::kIntset);
  if (op == SetOp::kUnion) {
    for (SetValue* s : sets) {
      if (s != nullptr) s->for_each([&](const Member& m) { out->add(m, lim); });
    }
  } else if (sets[0] != nullptr && !same_set && diff_algo == 1) {
    sets[0]->for_each([&](const Member& m) {
      for (size_t j = 1; j < n; ++j) {
        if (sets[j] != nullptr && sets[j]->contains(m)) return;
      }
      out->add(m, lim);
    });
  } else if (sets[0] != nullptr && !same_set) {
    for (size_t j = 0; j < n; ++j) {
      if (sets[j] == nullptr) continue;
      sets[j]->for_each([&](const Member& m) {
        if (j == 0)
          out->add(m, lim);
        else
          out->remove(m);
      });
      if (out->empty()) break;
    }
  }

  if (dst)
    store_result(c, *dst, std::move(out));
  else
    reply_all(c, *out);
}

// SUNION key [key ...] → set
void cmd_sunion(CommandContext& c) {
  union_diff_generic(c, c.argv.subspan(1), SetOp::kUnion, std::nullopt);
}

// SUNIONSTORE destination key [key ...] → integer
void cmd_sunionstore(CommandContext& c) {
  union_diff_generic(c, c.argv.subspan(2), SetOp::kUnion, c.arg(1));
}

// SDIFF key [key ...] → set (members of the first key in none of the others)
void cmd_sdiff(CommandContext& c) {
  union_diff_generic(c, c.argv.subspan(1), SetOp::kDiff, std::nullopt);
}

// SDIFFSTORE destination key [key ...] → integer
void cmd_sdiffstore(CommandContext& c) {
  union_diff_generic(c, c.argv.subspan(2), SetOp::kDiff, c.arg(1));
}

// ---- SSCAN -------------------------------------------------------------------

// SSCAN key cursor [MATCH pattern] [COUNT count] → [cursor, [member ...]]
// As in Redis the key is checked before the options are parsed, small encodings
// return everything with cursor 0, and a hashtable samples COUNT members (at most
// 10*COUNT bucket visits) that MATCH then filters.
void cmd_sscan(CommandContext& c) {
  uint64_t cursor;
  // SCAN's cursor (strtoul rules) and options are parsed as SCAN does (scan_args.h).
  if (!parse_scan_cursor(c.arg(2), cursor)) return c.error(OpStatus::kInvalidCursor);
  OpResult<SetValue*> r = read_set(c, c.arg(1));
  if (r.wrong_type()) return c.error(r.status());
  if (r.missing()) {
    c.reply.array(2);
    c.reply.bulk("0");
    c.reply.empty_array();
    return;
  }
  ScanOptions o;
  if (!parse_scan_options(c, 3, o, /*allow_type=*/false)) return;

  SetValue& s = **r;
  std::vector<std::string> sample;
  auto collect = [&](const Member& m) { sample.push_back(m.to_string()); };
  if (s.encoding() != store::Encoding::kHashtable) {
    cursor = s.scan(cursor, collect);
  } else {
    const size_t want = static_cast<size_t>(o.count);
    uint64_t budget = scan_budget(o.count);
    do {
      cursor = s.scan(cursor, collect);
    } while (cursor != 0 && budget-- != 0 && sample.size() < want);
  }

  std::vector<std::string_view> members;
  members.reserve(sample.size());
  for (const std::string& m : sample) {
    if (o.use_pattern && !util::glob_match(o.pattern, m)) continue;
    members.push_back(m);
  }
  c.reply.array(2);
  c.reply.bulk(std::to_string(cursor));
  c.reply.bulk_array(members);
}

using namespace command;

// Arity, flags, key positions and docs as Redis 7.0.15 reports them (COMMAND INFO /
// DOCS). SINTERCARD's keys follow numkeys, so like Redis it declares movablekeys and
// no first/last/step range.
// clang-format off
const CommandSpec kSpecs[] = {
    {"sadd", -3, kWrite | kDenyOom | kFast, acl::kSet, {ks::key(1, ks::kRW | ks::kInsert)}, cmd_sadd, Group::kSet, "Add one or more members to a set", "1.0.0", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments."},
    {"srem", -3, kWrite | kFast, acl::kSet, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_srem, Group::kSet, "Remove one or more members from a set", "1.0.0", "O(N) where N is the number of members to be removed."},
    {"smembers", 2, kReadonly, acl::kSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_smembers, Group::kSet, "Get all the members in a set", "1.0.0", "O(N) where N is the set cardinality."},
    {"sismember", 3, kReadonly | kFast, acl::kSet, {ks::key(1, ks::kRO)}, cmd_sismember, Group::kSet, "Determine if a given value is a member of a set", "1.0.0", "O(1)"},
    {"smismember", -3, kReadonly | kFast, acl::kSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_smismember, Group::kSet, "Returns the membership associated with the given elements for a set", "6.2.0", "O(N) where N is the number of elements being checked for membership"},
    {"scard", 2, kReadonly | kFast, acl::kSet, {ks::key(1, ks::kRO)}, cmd_cardinality<SetValue>, Group::kSet, "Get the number of members in a set", "1.0.0", "O(1)"},
    {"spop", -2, kWrite | kFast, acl::kSet, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete)}, cmd_spop, Group::kSet, "Remove and return one or multiple random members from a set", "1.0.0", "Without the count argument O(1), otherwise O(N) where N is the value of the passed count."},
    {"srandmember", -2, kReadonly, acl::kSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_srandmember, Group::kSet, "Get one or multiple random members from a set", "1.0.0", "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count."},
    {"smove", 4, kWrite | kFast, acl::kSet, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete), ks::key(2, ks::kRW | ks::kInsert)}, cmd_smove, Group::kSet, "Move a member from one set to another", "1.0.0", "O(1)"},
    {"sinter", -2, kReadonly, acl::kSet, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::range(-1, 1, 0))}, cmd_sinter, Group::kSet, "Intersect multiple sets", "1.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets."},
    {"sintercard", -3, kReadonly, acl::kSet, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::keynum(0, 1, 1))}, cmd_sintercard, Group::kSet, "Intersect multiple sets and return the cardinality of the result", "7.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", {}, numkeys_keys<0, 1, 2, 1>},
    {"sinterstore", -3, kWrite | kDenyOom, acl::kSet, {ks::key(1, ks::kRW | ks::kUpdate), ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::range(-1, 1, 0))}, cmd_sinterstore, Group::kSet, "Intersect multiple sets and store the resulting set in a key", "1.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets."},
    {"sunion", -2, kReadonly, acl::kSet, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::range(-1, 1, 0))}, cmd_sunion, Group::kSet, "Add multiple sets", "1.0.0", "O(N) where N is the total number of elements in all given sets."},
    {"sunionstore", -3, kWrite | kDenyOom, acl::kSet, {ks::key(1, ks::kOW | ks::kUpdate), ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::range(-1, 1, 0))}, cmd_sunionstore, Group::kSet, "Add multiple sets and store the resulting set in a key", "1.0.0", "O(N) where N is the total number of elements in all given sets."},
    {"sdiff", -2, kReadonly, acl::kSet, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::range(-1, 1, 0))}, cmd_sdiff, Group::kSet, "Subtract multiple sets", "1.0.0", "O(N) where N is the total number of elements in all given sets."},
    {"sdiffstore", -3, kWrite | kDenyOom, acl::kSet, {ks::key(1, ks::kOW | ks::kUpdate), ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::range(-1, 1, 0))}, cmd_sdiffstore, Group::kSet, "Subtract multiple sets and store the resulting set in a key", "1.0.0", "O(N) where N is the total number of elements in all given sets."},
    {"sscan", -3, kReadonly, acl::kSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_sscan, Group::kSet, "Incrementally iterate Set elements", "2.8.0", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.."},
};
// clang-format on

}  // namespace

void register_set_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
