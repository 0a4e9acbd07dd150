// Sorted-set commands with Redis 7.0's replies, errors and encodings. This file:
// ZADD ZINCRBY ZREM ZSCORE ZMSCORE ZCARD ZRANK ZREVRANK ZPOPMIN ZPOPMAX ZMPOP
// ZRANDMEMBER ZSCAN and the family's command table. Ranges are in zset_range.cpp,
// ZUNION/ZINTER/ZDIFF in zset_setops.cpp, shared pieces in zset_common.*.
//
// The data logic lives in store::ZSetValue; handlers parse arguments and reply.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/context.h"
#include "core/command/keys.h"
#include "core/commands/collection_args.h"
#include "core/commands/families.h"
#include "core/commands/scan_args.h"
#include "core/commands/zset_common.h"
#include "core/store/zset_value.h"
#include "core/util/glob.h"

namespace ironkv::commands {

namespace ev = server::events;  // keyspace notification classes

using command::ArgCursor;
using command::CommandContext;
using command::CommandSpec;
using store::Lookup;
using store::ZAddOutcome;
using store::ZSetValue;
using namespace zset;           // NOLINT(google-build-using-namespace): this family's helpers
using namespace zset_handlers;  // NOLINT(google-build-using-namespace)

namespace {

constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();

// Texts only ZADD sends.
constexpr std::string_view kXxAndNx = "ERR XX and NX options at the same time are not compatible";
constexpr std::string_view kGtLtNx =
    "ERR GT, LT, and/or NX options at the same time are not compatible";
constexpr std::string_view kIncrPair = "ERR INCR option supports a single increment-element pair";

OpResult<ZSetValue*> read_zset(CommandContext& c, std::string_view key) {
  return c.db().find<ZSetValue>(key, Lookup::kRead);
}

// ---- ZADD / ZINCRBY ------------------------------------------------------------

// Redis zaddGenericCommand; ZINCRBY is ZADD with INCR forced (so its increment
// argument is read as an option word first, as Redis does).
void zadd_generic(CommandContext& c, unsigned flags) {
  constexpr unsigned kCh = 1u << 16;  // CH: not a store flag, only changes the reply
  ArgCursor a = c.args(2);
  while (std::optional<unsigned> f = a.eat_enum<unsigned>({{"NX", store::kZAddNx},
                                                           {"XX", store::kZAddXx},
                                                           {"CH", kCh},
                                                           {"INCR", store::kZAddIncr},
                                                           {"GT", store::kZAddGt},
                                                           {"LT", store::kZAddLt}})) {
    flags |= *f;
  }
  const bool ch = (flags & kCh) != 0;
  flags &= ~kCh;
  const bool incr = (flags & store::kZAddIncr) != 0;
  const bool nx = (flags & store::kZAddNx) != 0;
  const bool xx = (flags & store::kZAddXx) != 0;
  const bool gt = (flags & store::kZAddGt) != 0;
  const bool lt = (flags & store::kZAddLt) != 0;

  const size_t idx = a.position();  // the first score
  const size_t args = a.remaining();
  if (args == 0 || args % 2 != 0) return c.error(OpStatus::kSyntax);
  const size_t pairs = args / 2;
  if (nx && xx) a.fail(kXxAndNx);
  if ((gt && nx) || (lt && nx) || (gt && lt)) a.fail(kGtLtNx);
  if (incr && pairs > 1) a.fail(kIncrPair);
  // All scores are checked before anything changes: all or nothing.
  std::vector<double> scores(pairs);
  for (double& score : scores) {
    score = a.next<double>();
    a.skip();  // the member
  }
  if (!a.finish()) return c.error(a);

  std::string_view key = c.arg(1);
  OpResult<ZSetValue*> f = c.db().find<ZSetValue>(key, Lookup::kWrite);
  if (f.wrong_type()) return c.error(f.status());
  const store::ZSetLimits lim = limits(c);
  ZSetValue* z = f.value_or(nullptr);
  if (z == nullptr) {
    if (xx) {  // nothing to update
      if (incr) {
        c.reply.null_bulk();
      } else {
        c.reply.integer(0);
      }
      return;
    }
    // Like Redis, only the first member decides the starting encoding.
    auto fresh = ZSetValue::create(1, c.arg(idx + 1).size(), lim);
    z = c.db().set(key, store::Value::collection(std::move(fresh))).as<ZSetValue>();
  }

  size_t added = 0;
  size_t updated = 0;
  size_t processed = 0;
  double score = 0;
  bool nan = false;
  for (size_t i = 0; i < pairs; ++i) {
    double new_score = 0;
    const ZAddOutcome out = z->add(c.arg(idx + 2 * i + 1), scores[i], flags, lim, &new_score);
    if (out == ZAddOutcome::kNaN) {
      nan = true;
      break;
    }
    if (out == ZAddOutcome::kAdded) ++added;
    if (out == ZAddOutcome::kUpdated) ++updated;
    if (out != ZAddOutcome::kNop) {
      ++processed;
      score = new_score;
    }
  }
  if (added + updated > 0) {
    c.mark_dirty(added + updated);
    c.notify(ev::kZset, incr ? "zincr" : "zadd", key);
  }
  if (z->empty()) {
    c.db().erase(key);  // only a fresh key can be empty here
  } else if (added > 0) {
    c.signal_key_ready(key);  // wakes BZPOPMIN & co
  }
  if (nan) {
    c.reply.error(kNanResult);
  } else if (incr) {
    if (processed > 0) {
      c.reply.dbl(score);
    } else {
      c.reply.null_bulk();
    }
  } else {
    c.reply.integer(static_cast<int64_t>(ch ? added + updated : added));
  }
}

// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]
//   → integer added (CH: added + changed) | INCR: bulk score | nil
void cmd_zadd(CommandContext& c) { zadd_generic(c, 0); }

// ZINCRBY key increment member → bulk new score
void cmd_zincrby(CommandContext& c) { zadd_generic(c, store::kZAddIncr); }

// ---- single members --------------------------------------------------------------

// ZREM key member [member ...] → integer removed
void cmd_zrem(CommandContext& c) {
  std::string_view key = c.arg(1);
  OpResult<ZSetValue*> z = c.db().find<ZSetValue>(key, Lookup::kWrite);
  if (z.wrong_type()) return c.error(z.status());
  if (z.missing()) return c.reply.integer(0);
  size_t removed = 0;
  for (std::string_view member : c.argv.subspan(2)) {
    if (z->remove(member)) ++removed;
    if (z->empty()) break;
  }
  finish_removal(c, key, **z, removed, "zrem");
}

// ZSCORE key member → bulk score | nil
// ZMSCORE key member [member ...] → array of bulk score | nil
void score_generic(CommandContext& c, bool many) {
  OpResult<ZSetValue*> z = read_zset(c, c.arg(1));
  if (z.wrong_type()) return c.error(z.status());
  if (many) c.reply.array(c.argc() - 2);
  for (std::string_view member : c.argv.subspan(2)) {
    std::optional<double> s;
    if (z.ok()) s = z->score(member);
    if (s) {
      c.reply.dbl(*s);
    } else {
      c.reply.null_bulk();
    }
  }
}

void cmd_zscore(CommandContext& c) { score_generic(c, false); }
void cmd_zmscore(CommandContext& c) { score_generic(c, true); }

void zrank_generic(CommandContext& c, bool reverse) {
  OpResult<ZSetValue*> z = read_zset(c, c.arg(1));
  if (z.wrong_type()) return c.error(z.status());
  std::optional<size_t> r;
  if (z.ok()) r = z->rank(c.arg(2), reverse);
  if (r) {
    c.reply.integer(static_cast<int64_t>(*r));
  } else {
    c.reply.null_bulk();
  }
}

// ZRANK key member → integer rank (ascending) | nil
void cmd_zrank(CommandContext& c) { zrank_generic(c, false); }
// ZREVRANK key member → integer rank (descending) | nil
void cmd_zrevrank(CommandContext& c) { zrank_generic(c, true); }

// ---- pops ----------------------------------------------------------------------

// Redis zpopMinMaxCommand + genericZpopCommand for one key.
void zpop_generic(CommandContext& c, bool max) {
  // Redis tests the argument count before it reads the count.
  if (c.argc() > 3) return c.error(OpStatus::kSyntax);
  ArgCursor a = c.args(2);
  int64_t count = -1;  // no COUNT: one element, flat reply
  if (a.has_next()) count = a.next_int(0, kMaxI64, OpStatus::kNotPositive);
  if (!a.finish()) return c.error(a);
  std::string_view key = c.arg(1);
  OpResult<ZSetValue*> z = c.db().find<ZSetValue>(key, Lookup::kWrite);
  if (z.wrong_type()) return c.error(z.status());
  if (z.missing() || count == 0) return c.reply.empty_array();
  const bool nested = c.reply.protocol() >= 3 && count != -1;
  pop_and_reply(c, key, **z, max, count == -1 ? 1 : static_cast<size_t>(count),
                nested ? PopReply::kNested : PopReply::kFlat);
}

// ZPOPMIN key [count] → array of member, score (RESP3 with count: pairs)
void cmd_zpopmin(CommandContext& c) { zpop_generic(c, false); }
// ZPOPMAX key [count] → array of member, score (RESP3 with count: pairs)
void cmd_zpopmax(CommandContext& c) { zpop_generic(c, true); }

// ZMPOP numkeys key [key ...] MIN|MAX [COUNT count] → [key, [[member, score] ...]] | nil
void cmd_zmpop(CommandContext& c) {
  MpopArgs args;
  if (!parse_mpop_args(c, 1, args)) return;

  for (std::string_view key : c.argv.subspan(args.first_key, args.numkeys)) {
    OpResult<ZSetValue*> z = c.db().find<ZSetValue>(key, Lookup::kWrite);
    if (z.wrong_type()) return c.error(z.status());
    if (z.missing()) continue;
    pop_and_reply(c, key, **z, args.max, args.count, PopReply::kKeyNested);
    return;
  }
  c.reply.null_array();
}

// ---- ZRANDMEMBER ---------------------------------------------------------------

void zrandmember_with_count(CommandContext& c, int64_t l, bool withscores) {
  OpResult<ZSetValue*> found = read_zset(c, c.arg(1));
  if (found.wrong_type()) return c.error(found.status());
  if (found.missing() || l == 0) return c.reply.empty_array();
  const ZSetValue& z = **found;
  const bool distinct = l > 0;
  const auto count = static_cast<size_t>(distinct ? l : -l);
  auto emit = [&](std::string_view member, double score) {
    reply_element(c, member, score, withscores);
  };
  if (!distinct || count == 1) {
    // Independent draws, repetition allowed.
    reply_elements_header(c, count, withscores);
    z.random_elements(count, false, c.keyspace.rng(), emit);
  } else if (count >= z.size()) {
    // Everything; Redis walks the set from the top here.
    reply_elements_header(c, z.size(), withscores);
    z.for_each(emit, /*reverse=*/true);
  } else {
    reply_elements_header(c, count, withscores);
    z.random_elements(count, true, c.keyspace.rng(), emit);
  }
}

// ZRANDMEMBER key [count [WITHSCORES]] → bulk | nil; with count: array
void cmd_zrandmember(CommandContext& c) {
  ArgCursor a = c.args(2);
  if (a.has_next()) {
    const int64_t l = next_random_count(a);
    const bool withscores = a.eat("WITHSCORES");
    if (!a.finish()) return c.error(a);
    // Redis bounds the count so count*2 reply entries cannot overflow.
    if (withscores && (l < -kMaxI64 / 2 || l > kMaxI64 / 2)) return c.error(OpStatus::kOutOfRange);
    return zrandmember_with_count(c, l, withscores);
  }
  OpResult<ZSetValue*> z = read_zset(c, c.arg(1));
  if (z.wrong_type()) return c.error(z.status());
  if (z.missing()) return c.reply.null_bulk();
  z->random_elements(1, false, c.keyspace.rng(),
                     [&](std::string_view member, double) { c.reply.bulk(member); });
}

// ---- ZSCAN -----------------------------------------------------------------------

// ZSCAN key cursor [MATCH pattern] [COUNT count] → [cursor, [member, score ...]]
void cmd_zscan(CommandContext& c) {
  uint64_t cursor = 0;
  // SCAN's cursor (strtoul rules) and options are parsed as SCAN does (scan_args.h).
  if (!parse_scan_cursor(c.arg(2), cursor)) return c.error(OpStatus::kInvalidCursor);
  OpResult<ZSetValue*> z = read_zset(c, c.arg(1));
  if (z.wrong_type()) return c.error(z.status());
  if (z.missing()) return c.reply.raw("*2\r\n$1\r\n0\r\n*0\r\n");
  ScanOptions o;
  if (!parse_scan_options(c, 3, o, /*allow_type=*/false)) return;

  std::vector<std::pair<std::string, std::string>> found;
  const auto want = static_cast<size_t>(o.count);
  auto collect = [&](std::string_view member, std::string_view score) {
    found.emplace_back(member, score);
  };
  uint64_t budget = scan_budget(o.count);
  do {
    cursor = z->scan(cursor, collect);
  } while (cursor != 0 && budget-- != 0 && found.size() < want);

  size_t kept = 0;
  for (const auto& [member, score] : found) {
    if (!o.use_pattern || util::glob_match(o.pattern, member)) ++kept;
  }
  c.reply.array(2);
  c.reply.bulk(std::to_string(cursor));
  c.reply.array(2 * kept);
  for (const auto& [member, score] : found) {
    if (o.use_pattern && !util::glob_match(o.pattern, member)) continue;
    c.reply.bulk(member);
    c.reply.bulk(score);
  }
}

// ---- table -----------------------------------------------------------------------

using namespace command;

constexpr std::string_view kRangeComplexity =
    "O(log(N)+M) with N being the number of elements in the sorted set and M the number of "
    "elements being returned. If M is constant (e.g. always asking for the first 10 elements "
    "with LIMIT), you can consider it O(log(N)).";
constexpr std::string_view kRemRangeComplexity =
    "O(log(N)+M) with N being the number of elements in the sorted set and M the number of "
    "elements removed by the operation.";
constexpr std::string_view kInterComplexity =
    "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the "
    "number of input sorted sets and M being the number of elements in the resulting sorted "
    "set.";
constexpr std::string_view kDiffComplexity =
    "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N "
    "is the size of the first set, and K is the size of the result set.";

// clang-format off
const CommandSpec kSpecs[] = {
    {"zadd", -4, kWrite | kDenyOom | kFast, acl::kSortedSet, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_zadd, Group::kSortedSet, "Add one or more members to a sorted set, or update its score if it already exists", "1.2.0", "O(log(N)) for each item added, where N is the number of elements in the sorted set."},
    {"zincrby", 4, kWrite | kDenyOom | kFast, acl::kSortedSet, {ks::key(1, ks::kRW | ks::kAccess | ks::kUpdate)}, cmd_zincrby, Group::kSortedSet, "Increment the score of a member in a sorted set", "1.2.0", "O(log(N)) where N is the number of elements in the sorted set."},
    {"zrem", -3, kWrite | kFast, acl::kSortedSet, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_zrem, Group::kSortedSet, "Remove one or more members from a sorted set", "1.2.0", "O(M*log(N)) with N being the number of elements in the sorted set and M the number of " "elements to be removed."},
    {"zscore", 3, kReadonly | kFast, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_zscore, Group::kSortedSet, "Get the score associated with the given member in a sorted set", "1.2.0", "O(1)"},
    {"zmscore", -3, kReadonly | kFast, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_zmscore, Group::kSortedSet, "Get the score associated with the given members in a sorted set", "6.2.0", "O(N) where N is the number of members being requested."},
    {"zcard", 2, kReadonly | kFast, acl::kSortedSet, {ks::key(1, ks::kRO)}, cmd_cardinality<ZSetValue>, Group::kSortedSet, "Get the number of members in a sorted set", "1.2.0", "O(1)"},
    {"zcount", 4, kReadonly | kFast, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_zcount, Group::kSortedSet, "Count the members in a sorted set with scores within the given values", "2.0.0", "O(log(N)) with N being the number of elements in the sorted set."},
    {"zlexcount", 4, kReadonly | kFast, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_zlexcount, Group::kSortedSet, "Count the number of members in a sorted set between a given lexicographical range", "2.8.9", "O(log(N)) with N being the number of elements in the sorted set."},
    {"zrank", 3, kReadonly | kFast, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_zrank, Group::kSortedSet, "Determine the index of a member in a sorted set", "2.0.0", "O(log(N))"},
    {"zrevrank", 3, kReadonly | kFast, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_zrevrank, Group::kSortedSet, "Determine the index of a member in a sorted set, with scores ordered from high to low", "2.0.0", "O(log(N))"},
    {"zrange", -4, kReadonly, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_range<RangeType::kAuto, Direction::kAuto>, Group::kSortedSet, "Return a range of members in a sorted set", "1.2.0", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of " "elements returned."},
    {"zrangestore", -5, kWrite | kDenyOom, acl::kSortedSet, {ks::key(1, ks::kOW | ks::kUpdate), ks::key(2, ks::kRO | ks::kAccess)}, cmd_range<RangeType::kAuto, Direction::kAuto, 2>, Group::kSortedSet, "Store a range of members from sorted set into another key", "6.2.0", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of " "elements stored into the destination key."},
    {"zrevrange", -4, kReadonly, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_range<RangeType::kRank, Direction::kReverse>, Group::kSortedSet, "Return a range of members in a sorted set, by index, with scores ordered from high to low", "1.2.0", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of " "elements returned."},
    {"zrangebyscore", -4, kReadonly, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_range<RangeType::kScore, Direction::kForward>, Group::kSortedSet, "Return a range of members in a sorted set, by score", "1.0.5", kRangeComplexity},
    {"zrevrangebyscore", -4, kReadonly, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_range<RangeType::kScore, Direction::kReverse>, Group::kSortedSet, "Return a range of members in a sorted set, by score, with scores ordered from high to low", "2.2.0", kRangeComplexity},
    {"zrangebylex", -4, kReadonly, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_range<RangeType::kLex, Direction::kForward>, Group::kSortedSet, "Return a range of members in a sorted set, by lexicographical range", "2.8.9", kRangeComplexity},
    {"zrevrangebylex", -4, kReadonly, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_range<RangeType::kLex, Direction::kReverse>, Group::kSortedSet, "Return a range of members in a sorted set, by lexicographical range, ordered from higher " "to lower strings.", "2.8.9", kRangeComplexity},
    {"zremrangebyrank", 4, kWrite, acl::kSortedSet, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_remrange<RangeType::kRank>, Group::kSortedSet, "Remove all members in a sorted set within the given indexes", "2.0.0", kRemRangeComplexity},
    {"zremrangebyscore", 4, kWrite, acl::kSortedSet, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_remrange<RangeType::kScore>, Group::kSortedSet, "Remove all members in a sorted set within the given scores", "1.2.0", kRemRangeComplexity},
    {"zremrangebylex", 4, kWrite, acl::kSortedSet, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_remrange<RangeType::kLex>, Group::kSortedSet, "Remove all members in a sorted set between the given lexicographical range", "2.8.9", kRemRangeComplexity},
    {"zpopmin", -2, kWrite | kFast, acl::kSortedSet, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete)}, cmd_zpopmin, Group::kSortedSet, "Remove and return members with the lowest scores in a sorted set", "5.0.0", "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number " "of elements popped."},
    {"zpopmax", -2, kWrite | kFast, acl::kSortedSet, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete)}, cmd_zpopmax, Group::kSortedSet, "Remove and return members with the highest scores in a sorted set", "5.0.0", "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number " "of elements popped."},
    {"zmpop", -4, kWrite, acl::kSortedSet, {ks::spec(ks::kRW | ks::kAccess | ks::kDelete, ks::index(1), ks::keynum(0, 1, 1))}, cmd_zmpop, Group::kSortedSet, "Remove and return members with scores in a sorted set", "7.0.0", "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements " "in the sorted set, and M being the number of elements popped.", {}, numkeys_keys<0, 1, 2, 1>},
    {"zrandmember", -2, kReadonly, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_zrandmember, Group::kSortedSet, "Get one or multiple random elements from a sorted set", "6.2.0", "O(N) where N is the number of elements returned"},
    {"zscan", -3, kReadonly, acl::kSortedSet, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_zscan, Group::kSortedSet, "Incrementally iterate sorted sets elements and associated scores", "2.8.0", "O(1) for every call. O(N) for a complete iteration, including enough command calls for " "the cursor to return back to 0. N is the number of elements inside the collection.."},
    {"zunion", -3, kReadonly, acl::kSortedSet, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::keynum(0, 1, 1))}, cmd_zunion, Group::kSortedSet, "Add multiple sorted sets", "6.2.0", "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being " "the number of elements in the resulting sorted set.", {}, numkeys_keys<0, 1, 2, 1>},
    {"zunionstore", -4, kWrite | kDenyOom, acl::kSortedSet, {ks::key(1, ks::kOW | ks::kUpdate), ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::keynum(0, 1, 1))}, cmd_zunionstore, Group::kSortedSet, "Add multiple sorted sets and store the resulting sorted set in a new key", "2.0.0", "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being " "the number of elements in the resulting sorted set.", {}, numkeys_keys<1, 2, 3, 1>},
    {"zinter", -3, kReadonly, acl::kSortedSet, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::keynum(0, 1, 1))}, cmd_zinter, Group::kSortedSet, "Intersect multiple sorted sets", "6.2.0", kInterComplexity, {}, numkeys_keys<0, 1, 2, 1>},
    {"zinterstore", -4, kWrite | kDenyOom, acl::kSortedSet, {ks::key(1, ks::kOW | ks::kUpdate), ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::keynum(0, 1, 1))}, cmd_zinterstore, Group::kSortedSet, "Intersect multiple sorted sets and store the resulting sorted set in a new key", "2.0.0", kInterComplexity, {}, numkeys_keys<1, 2, 3, 1>},
    {"zintercard", -3, kReadonly, acl::kSortedSet, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::keynum(0, 1, 1))}, cmd_zintercard, Group::kSortedSet, "Intersect multiple sorted sets and return the cardinality of the result", "7.0.0", "O(N*K) worst case with N being the smallest input sorted set, K being the number of input " "sorted sets.", {}, numkeys_keys<0, 1, 2, 1>},
    {"zdiff", -3, kReadonly, acl::kSortedSet, {ks::spec(ks::kRO | ks::kAccess, ks::index(1), ks::keynum(0, 1, 1))}, cmd_zdiff, Group::kSortedSet, "Subtract multiple sorted sets", "6.2.0", kDiffComplexity, {}, numkeys_keys<0, 1, 2, 1>},
    {"zdiffstore", -4, kWrite | kDenyOom, acl::kSortedSet, {ks::key(1, ks::kOW | ks::kUpdate), ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::keynum(0, 1, 1))}, cmd_zdiffstore, Group::kSortedSet, "Subtract multiple sorted sets and store the resulting sorted set in a new key", "6.2.0", kDiffComplexity, {}, numkeys_keys<1, 2, 3, 1>},
};
// clang-format on

}  // namespace

void register_zset_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
