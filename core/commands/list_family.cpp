// List commands: LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LINSERT
// LREM LTRIM LPOS LMOVE RPOPLPUSH LMPOP and the blocking BLPOP BRPOP BLMOVE
// BRPOPLPUSH BLMPOP, with Redis 7.0's replies and errors and Redis 7.2's encodings
// (store::ListValue). SORT and SORT_RO live in sort.cpp.
//
// Blocking commands first try to serve themselves like their non-blocking forms;
// with nothing to pop they block on their keys (command/blocking.h), and every
// command that adds elements to a list signals its key ready.

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/command/keys.h"
#include "core/commands/blocking_args.h"
#include "core/commands/families.h"
#include "core/resp/errors.h"
#include "core/store/list_value.h"
#include "core/store/value.h"

namespace ironkv::commands {

namespace ev = server::events;  // keyspace notification classes

using command::ArgCursor;
using command::CommandContext;
using command::CommandSpec;
using server::BlockRequest;
using store::IntBuf;
using store::ListValue;
using store::Lookup;
using End = ListValue::End;

namespace {

constexpr int64_t kMaxI64 = std::numeric_limits<int64_t>::max();

// Texts only this family sends.
constexpr std::string_view kRankZero =
    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or "
    "use negative to start from the end of the list";
constexpr std::string_view kCountNegative = "ERR COUNT can't be negative";
constexpr std::string_view kMaxlenNegative = "ERR MAXLEN can't be negative";

// The list at key. For writes it also takes the current list-max-listpack-size,
// and kCreate adds an empty list with it.
OpResult<ListValue*> find_list(CommandContext& c, std::string_view key, Lookup how) {
  const int64_t fill = c.server.config.list_max_listpack_size;
  OpResult<ListValue*> l = c.db().find<ListValue>(key, how, fill);
  if (l && how != Lookup::kRead) (*l)->set_fill(fill);
  return l;
}

// After elements were removed: notifies `event` (lpop, lrem ...), then an emptied
// list disappears ("del"), a shrunk one may go back to a listpack (Redis
// listElementsRemoved).
void after_removal(CommandContext& c, std::string_view key, ListValue& l, std::string_view event) {
  c.notify(ev::kList, event, key);
  if (l.empty()) {
    c.db().erase(key);
    c.notify(ev::kGeneric, "del", key);
  } else {
    l.maybe_to_listpack();
  }
}

std::string_view pop_event(End end) { return end == End::kHead ? "lpop" : "rpop"; }
std::string_view push_event(End end) { return end == End::kHead ? "lpush" : "rpush"; }

// LEFT | RIGHT (a syntax error otherwise).
End next_end(ArgCursor& a) {
  return a.next_enum<End>({{"LEFT", End::kHead}, {"RIGHT", End::kTail}});
}

void reply_bulks(CommandContext& c, const ListValue& l, size_t first, size_t n, bool reverse) {
  c.reply.array(n);
  l.for_range(first, n, reverse, [&](std::string_view v) { c.reply.bulk(v); });
}

// Redis's start/end of LRANGE and LTRIM (inclusive, negative from the tail) over a
// list of len elements: the first index and how many, 0 for an empty range.
std::pair<int64_t, int64_t> clamp_range(int64_t start, int64_t end, int64_t len) {
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return {0, 0};
  if (end >= len) end = len - 1;
  return {start, end - start + 1};
}

// The reply of a pop or move that served nothing (kKeyNotFound: `nil`) or failed.
void nothing_or_error(CommandContext& c, OpStatus st, void (resp::ReplyBuilder::*nil)()) {
  if (st == OpStatus::kKeyNotFound)
    (c.reply.*nil)();
  else if (st != OpStatus::kOk)
    c.error(st);
}

// Replies up to `count` elements from one end (an array, in popping order) and
// removes them. The list may be deleted.
void pop_range(CommandContext& c, std::string_view key, ListValue& l, End end, uint64_t count) {
  const size_t n = count < l.size() ? static_cast<size_t>(count) : l.size();
  const bool head = end == End::kHead;
  reply_bulks(c, l, head ? 0 : l.size() - 1, n, !head);
  l.erase_range(head ? 0 : l.size() - n, n);
  after_removal(c, key, l, pop_event(end));
  c.mark_dirty(n);
}

// Pops one element (count 0: replies it as a bulk) or up to count (an array).
void pop_reply(CommandContext& c, std::string_view key, ListValue& l, End end, uint64_t count) {
  if (count != 0) return pop_range(c, key, l, end, count);
  c.reply.bulk(l.pop(end));
  after_removal(c, key, l, pop_event(end));
  c.mark_dirty();
}

// ---- push ------------------------------------------------------------------------

// LPUSH/RPUSH key element [element ...] → integer (new length); the X forms only
// push to an existing list (:0 otherwise).
void push_generic(CommandContext& c, End end, bool only_existing) {
  std::string_view key = c.arg(1);
  OpResult<ListValue*> l = find_list(c, key, only_existing ? Lookup::kWrite : Lookup::kCreate);
  if (l.wrong_type()) return c.error(l.status());
  if (!l) return c.reply.integer(0);
  l->push_all(end, c.argv.subspan(2));
  c.mark_dirty(c.argc() - 2);
  c.notify(ev::kList, push_event(end), key);
  c.signal_key_ready(key);
  c.reply.integer(static_cast<int64_t>(l->size()));
}

void cmd_lpush(CommandContext& c) { push_generic(c, End::kHead, false); }
void cmd_rpush(CommandContext& c) { push_generic(c, End::kTail, false); }
void cmd_lpushx(CommandContext& c) { push_generic(c, End::kHead, true); }
void cmd_rpushx(CommandContext& c) { push_generic(c, End::kTail, true); }

// LINSERT key BEFORE|AFTER pivot element → integer (new length) | :-1 (no pivot) | :0
void cmd_linsert(CommandContext& c) {
  ArgCursor a = c.args(2);
  const bool after = a.next_enum<bool>({{"AFTER", true}, {"BEFORE", false}});
  if (!a.ok()) return c.error(a);
  std::string_view key = c.arg(1);
  OpResult<ListValue*> l = find_list(c, key, Lookup::kWrite);
  if (l.wrong_type()) return c.error(l.status());
  if (!l) return c.reply.integer(0);
  if (!l->insert(c.arg(3), c.arg(4), after)) return c.reply.integer(-1);
  c.mark_dirty();
  c.notify(ev::kList, "linsert", key);
  c.signal_key_ready(key);
  c.reply.integer(static_cast<int64_t>(l->size()));
}

// ---- read ------------------------------------------------------------------------

// LLEN key → integer
void cmd_llen(CommandContext& c) {
  OpResult<ListValue*> l = find_list(c, c.arg(1), Lookup::kRead);
  if (l.wrong_type()) return c.error(l.status());
  c.reply.integer(l ? static_cast<int64_t>(l->size()) : 0);
}

// LINDEX key index → bulk | nil. The key is looked up before the index is parsed.
void cmd_lindex(CommandContext& c) {
  OpResult<ListValue*> l = find_list(c, c.arg(1), Lookup::kRead);
  if (l.wrong_type()) return c.error(l.status());
  if (!l) return c.reply.null_bulk();
  ArgCursor a = c.args(2);
  const int64_t index = a.next<int64_t>();
  if (!a.ok()) return c.error(a);
  IntBuf buf;
  auto v = l->at(index, buf);
  if (v)
    c.reply.bulk(*v);
  else
    c.reply.null_bulk();
}

// LRANGE key start stop → array
void cmd_lrange(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int64_t start = a.next<int64_t>(), end = a.next<int64_t>();
  if (!a.ok()) return c.error(a);
  OpResult<ListValue*> l = find_list(c, c.arg(1), Lookup::kRead);
  if (l.wrong_type()) return c.error(l.status());
  if (!l) return c.reply.empty_array();
  const auto [first, n] = clamp_range(start, end, static_cast<int64_t>(l->size()));
  if (n == 0) return c.reply.empty_array();
  reply_bulks(c, **l, static_cast<size_t>(first), static_cast<size_t>(n), false);
}

// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
//   → integer | nil, or with COUNT an array of indexes
void cmd_lpos(CommandContext& c) {
  int64_t rank = 1, count = -1, maxlen = 0;  // count -1: no COUNT option
  ArgCursor a = c.args(3);
  while (a.has_next()) {
    if (a.eat("RANK", 1)) {
      rank = a.next<int64_t>();
      if (a.ok() && rank == 0) a.fail(kRankZero);
    } else if (a.eat("COUNT", 1)) {
      count = a.next_int(0, kMaxI64, kCountNegative);
    } else if (a.eat("MAXLEN", 1)) {
      maxlen = a.next_int(0, kMaxI64, kMaxlenNegative);
    } else {
      a.fail(OpStatus::kSyntax);
    }
  }
  if (!a.ok()) return c.error(a);
  const bool from_tail = rank < 0;
  // Redis negates with wrap-around: a rank of INT64_MIN stays "below" every match count.
  if (from_tail) rank = static_cast<int64_t>(0 - static_cast<uint64_t>(rank));

  OpResult<ListValue*> l = find_list(c, c.arg(1), Lookup::kRead);
  if (l.wrong_type()) return c.error(l.status());
  if (!l) {
    if (count != -1)
      c.reply.empty_array();
    else
      c.reply.null_bulk();
    return;
  }
  const std::string_view element = c.arg(2);
  const auto llen = static_cast<int64_t>(l->size());
  std::vector<int64_t> found;
  int64_t index = 0, matches = 0, match_index = -1;
  l->for_each(
      [&](std::string_view v) {
        if (maxlen != 0 && index >= maxlen) return false;
        if (v == element) {
          ++matches;
          match_index = from_tail ? llen - index - 1 : index;
          if (matches >= rank) {
            if (count == -1) return false;
            found.push_back(match_index);
            const auto past_rank = static_cast<int64_t>(static_cast<uint64_t>(matches) -
                                                        static_cast<uint64_t>(rank) + 1);
            if (count != 0 && past_rank >= count) return false;
          }
        }
        ++index;
        match_index = -1;
        return true;
      },
      from_tail);
  if (count != -1) {
    c.reply.array(found.size());
    for (int64_t i : found) c.reply.integer(i);
  } else if (match_index != -1) {
    c.reply.integer(match_index);
  } else {
    c.reply.null_bulk();
  }
}

// ---- write in place ------------------------------------------------------------------

// LSET key index element → OK. The key is looked up before the index is parsed.
void cmd_lset(CommandContext& c) {
  OpResult<ListValue*> l = find_list(c, c.arg(1), Lookup::kWrite);
  if (!l) return c.error(l.status());  // "no such key" or WRONGTYPE
  ArgCursor a = c.args(2);
  const int64_t index = a.next<int64_t>();
  if (!a.ok()) return c.error(a);
  if (!l->set(index, c.arg(3))) return c.error(OpStatus::kIndexOutOfRange);
  l->maybe_to_listpack();
  c.mark_dirty();
  c.notify(ev::kList, "lset", c.arg(1));
  c.reply.ok();
}

// LREM key count element → integer (removed)
void cmd_lrem(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int64_t count = a.next<int64_t>();
  if (!a.ok()) return c.error(a);
  std::string_view key = c.arg(1);
  OpResult<ListValue*> l = find_list(c, key, Lookup::kWrite);
  if (l.wrong_type()) return c.error(l.status());
  if (!l) return c.reply.integer(0);
  const size_t removed = l->remove(c.arg(3), count);
  if (removed > 0) {
    after_removal(c, key, **l, "lrem");
    c.mark_dirty(removed);
  }
  c.reply.integer(static_cast<int64_t>(removed));
}

// LTRIM key start stop → OK (a range that keeps nothing deletes the key)
void cmd_ltrim(CommandContext& c) {
  ArgCursor a = c.args(2);
  const int64_t start = a.next<int64_t>(), end = a.next<int64_t>();
  if (!a.ok()) return c.error(a);
  std::string_view key = c.arg(1);
  OpResult<ListValue*> found = find_list(c, key, Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  if (!found) return c.reply.ok();
  ListValue& l = **found;
  const auto len = static_cast<int64_t>(l.size());
  const auto [first, n] = clamp_range(start, end, len);
  const int64_t ltrim = n == 0 ? len : first;
  const int64_t rtrim = n == 0 ? 0 : len - first - n;
  l.erase_range(0, static_cast<size_t>(ltrim));
  l.erase_range(l.size() - static_cast<size_t>(rtrim), static_cast<size_t>(rtrim));
  after_removal(c, key, l, "ltrim");
  // Redis counts LTRIM as a change even when it keeps every element (WATCH).
  c.db().signal_modified(key);
  c.mark_dirty(static_cast<uint64_t>(ltrim + rtrim));
  c.reply.ok();
}

// ---- pop -------------------------------------------------------------------------

// LPOP/RPOP key [count] → bulk | nil, or with count an array | nil array
void pop_generic(CommandContext& c, End end) {
  // Arity -2 admits any number: Redis checks the extra ones with its arity text.
  if (c.argc() > 3) return c.reply.error(command::arity_error(c.spec.name));
  const bool has_count = c.argc() == 3;
  ArgCursor a = c.args(2);
  const int64_t count = has_count ? a.next_int(0, kMaxI64, OpStatus::kNotPositive) : 0;
  if (!a.ok()) return c.error(a);
  std::string_view key = c.arg(1);
  OpResult<ListValue*> l = find_list(c, key, Lookup::kWrite);
  if (l.missing()) {
    if (has_count)
      c.reply.null_array();
    else
      c.reply.null_bulk();
    return;
  }
  if (!l) return c.error(l.status());
  if (has_count && count == 0) return c.reply.empty_array();
  pop_reply(c, key, **l, end, has_count ? static_cast<uint64_t>(count) : 0);
}

void cmd_lpop(CommandContext& c) { pop_generic(c, End::kHead); }
void cmd_rpop(CommandContext& c) { pop_generic(c, End::kTail); }

// Pops from the first key holding a non-empty list: one element as [key, element]
// (count 0) or up to count as [key, [elements]]; the pop of serve_or_block.
template <class Keys>
OpStatus pop_first(CommandContext& c, const Keys& keys, End end, uint64_t count,
                   bool skip_wrong_type) {
  for (const auto& k : keys) {
    std::string_view key = k;
    OpResult<ListValue*> l = find_list(c, key, Lookup::kWrite);
    if (l.wrong_type() && !skip_wrong_type) return OpStatus::kWrongType;
    if (!l || l->empty()) continue;
    // Logged as the non-blocking pop on this key (a blocking one might be served
    // by another key, or block, when replayed).
    if (c.logging()) {
      const char* side = end == End::kHead ? "LEFT" : "RIGHT";
      if (count == 0) c.log_as({end == End::kHead ? "LPOP" : "RPOP", std::string(key)});
      else c.log_as({"LMPOP", "1", std::string(key), side, "COUNT", std::to_string(count)});
    }
    c.reply.array(2);
    c.reply.bulk(key);
    pop_reply(c, key, **l, end, count);
    return OpStatus::kOk;
  }
  return OpStatus::kKeyNotFound;
}

// BLPOP/BLMPOP/BRPOP after parsing.
void blocking_pop(CommandContext& c, std::span<const std::string_view> keys, End end,
                  uint64_t count, int64_t deadline_ms) {
  serve_or_block(c, keys, deadline_ms, [end, count](CommandContext& ctx, const auto& k, bool skip) {
    return pop_first(ctx, k, end, count, skip);
  });
}

// BLPOP/BRPOP key [key ...] timeout → [key, element] | nil array (timeout)
void bpop_generic(CommandContext& c, End end) {
  ArgCursor a = c.args(c.argc() - 1);
  const int64_t deadline = next_block_deadline(a, c.now_ms());
  if (!a.ok()) return c.error(a);
  blocking_pop(c, c.argv.subspan(1, c.argc() - 2), end, 0, deadline);
}

void cmd_blpop(CommandContext& c) { bpop_generic(c, End::kHead); }
void cmd_brpop(CommandContext& c) { bpop_generic(c, End::kTail); }

// LMPOP/BLMPOP arguments after the timeout: numkeys key [key ...] LEFT|RIGHT [COUNT n].
struct MpopArgs {
  std::span<const std::string_view> keys;
  End end = End::kHead;
  uint64_t count = 1;
};

MpopArgs parse_mpop(ArgCursor& a) {
  MpopArgs m;
  const int64_t numkeys = a.next_int(1, kMaxI64, OpStatus::kNumkeysNotPositive);
  // No room for the direction after the keys.
  if (a.ok() && static_cast<uint64_t>(numkeys) >= a.remaining()) a.fail(OpStatus::kSyntax);
  m.keys = a.take(static_cast<size_t>(numkeys));
  m.end = next_end(a);
  if (a.eat("COUNT", 1))
    m.count = static_cast<uint64_t>(a.next_int(1, kMaxI64, OpStatus::kCountNotPositive));
  a.finish();  // a second COUNT, or anything else: a syntax error
  return m;
}

// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] → [key, [elements]] | nil array
void cmd_lmpop(CommandContext& c) {
  ArgCursor a = c.args(1);
  const MpopArgs m = parse_mpop(a);
  if (!a.ok()) return c.error(a);
  nothing_or_error(c, pop_first(c, m.keys, m.end, m.count, false), &resp::ReplyBuilder::null_array);
}

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
//   → [key, [elements]] | nil array (timeout). The timeout is checked last, as Redis.
void cmd_blmpop(CommandContext& c) {
  ArgCursor a = c.args(2);
  const MpopArgs m = parse_mpop(a);
  if (!a.ok()) return c.error(a);
  ArgCursor t = c.args(1);
  const int64_t deadline = next_block_deadline(t, c.now_ms());
  if (!t.ok()) return c.error(t);
  blocking_pop(c, m.keys, m.end, m.count, deadline);
}

// ---- move ------------------------------------------------------------------------

// Pops from src and pushes to dst (Redis lmoveGenericCommand), replying the element:
// kOk. When src is missing or empty nothing is replied (kKeyNotFound); a src or dst
// of another type is kWrongType, nothing replied and nothing changed.
OpStatus move_element(CommandContext& c, std::string_view src, std::string_view dst, End from,
                      End to) {
  OpResult<ListValue*> s = find_list(c, src, Lookup::kWrite);
  if (s.wrong_type()) return s.status();
  if (!s || s->empty()) return OpStatus::kKeyNotFound;
  OpResult<ListValue*> d = find_list(c, dst, Lookup::kWrite);
  if (d.wrong_type()) return d.status();
  std::string value = s->pop(from);
  // Source and destination may be the same list: it is deleted only if still empty
  // after the push.
  ListValue* dl = d ? *d : c.db().create<ListValue>(dst, c.server.config.list_max_listpack_size);
  dl->push(to, value);
  c.notify(ev::kList, push_event(to), dst);
  c.signal_key_ready(dst);
  c.reply.bulk(value);
  after_removal(c, src, **s, pop_event(from));
  c.mark_dirty();
  return OpStatus::kOk;
}

// LMOVE source destination LEFT|RIGHT LEFT|RIGHT → bulk | nil
// RPOPLPUSH source destination → bulk | nil
void lmove_generic(CommandContext& c, End from, End to) {
  nothing_or_error(c, move_element(c, c.arg(1), c.arg(2), from, to),
                   &resp::ReplyBuilder::null_bulk);
}

void cmd_lmove(CommandContext& c) {
  ArgCursor a = c.args(3);
  const End from = next_end(a), to = next_end(a);
  if (!a.ok()) return c.error(a);
  lmove_generic(c, from, to);
}

void cmd_rpoplpush(CommandContext& c) { lmove_generic(c, End::kTail, End::kHead); }

// BLMOVE/BRPOPLPUSH after parsing. Timing out replies the nil array (as Redis 7.0
// does for every blocked list command); not being able to block replies nil.
// Logged as LMOVE: replaying a blocking move must never block.
void log_lmove(CommandContext& c, std::string_view src, std::string_view dst, End from, End to) {
  if (!c.logging()) return;
  c.log_as({"LMOVE", std::string(src), std::string(dst), from == End::kHead ? "LEFT" : "RIGHT",
            to == End::kHead ? "LEFT" : "RIGHT"});
}

void blmove_generic(CommandContext& c, End from, End to, int64_t deadline_ms) {
  switch (move_element(c, c.arg(1), c.arg(2), from, to)) {
    case OpStatus::kOk:
      return log_lmove(c, c.arg(1), c.arg(2), from, to);
    case OpStatus::kKeyNotFound:
      break;
    default:
      return c.error(OpStatus::kWrongType);
  }
  if (!c.can_block()) return c.reply.null_bulk();
  std::string src(c.arg(1)), dst(c.arg(2));
  BlockRequest req;
  req.keys = {src};
  req.deadline_ms = deadline_ms;
  req.try_serve = [src, dst, from, to](CommandContext& ctx) {
    switch (move_element(ctx, src, dst, from, to)) {
      case OpStatus::kOk:
        log_lmove(ctx, src, dst, from, to);
        return true;
      case OpStatus::kKeyNotFound:
        return false;
      default:
        break;
    }
    // Redis 7.0 serves the client with the error when the destination has the wrong
    // type (a source of the wrong type is not ready: keep waiting).
    if (ctx.db().find<ListValue>(src, Lookup::kWrite).wrong_type()) return false;
    ctx.error(OpStatus::kWrongType);
    return true;
  };
  c.block(std::move(req));
}

// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout → bulk | nil array (timeout)
void cmd_blmove(CommandContext& c) {
  ArgCursor a = c.args(3);
  const End from = next_end(a), to = next_end(a);
  const int64_t deadline = next_block_deadline(a, c.now_ms());
  if (!a.ok()) return c.error(a);
  blmove_generic(c, from, to, deadline);
}

// BRPOPLPUSH source destination timeout → bulk | nil array (timeout)
void cmd_brpoplpush(CommandContext& c) {
  ArgCursor a = c.args(3);
  const int64_t deadline = next_block_deadline(a, c.now_ms());
  if (!a.ok()) return c.error(a);
  blmove_generic(c, End::kTail, End::kHead, deadline);
}

using namespace command;

// Arity, flags, key positions and docs as Redis 7.0.15 reports them (COMMAND INFO /
// DOCS). LMPOP/BLMPOP keys follow numkeys: movablekeys and no first/last/step range.
// clang-format off
const CommandSpec kSpecs[] = {
    {"lpush", -3, kWrite | kDenyOom | kFast, acl::kList, {ks::key(1, ks::kRW | ks::kInsert)}, cmd_lpush, Group::kList, "Prepend one or multiple elements to a list", "1.0.0", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments."},
    {"rpush", -3, kWrite | kDenyOom | kFast, acl::kList, {ks::key(1, ks::kRW | ks::kInsert)}, cmd_rpush, Group::kList, "Append one or multiple elements to a list", "1.0.0", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments."},
    {"lpushx", -3, kWrite | kDenyOom | kFast, acl::kList, {ks::key(1, ks::kRW | ks::kInsert)}, cmd_lpushx, Group::kList, "Prepend an element to a list, only if the list exists", "2.2.0", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments."},
    {"rpushx", -3, kWrite | kDenyOom | kFast, acl::kList, {ks::key(1, ks::kRW | ks::kInsert)}, cmd_rpushx, Group::kList, "Append an element to a list, only if the list exists", "2.2.0", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments."},
    {"lpop", -2, kWrite | kFast, acl::kList, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete)}, cmd_lpop, Group::kList, "Remove and get the first elements in a list", "1.0.0", "O(N) where N is the number of elements returned"},
    {"rpop", -2, kWrite | kFast, acl::kList, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete)}, cmd_rpop, Group::kList, "Remove and get the last elements in a list", "1.0.0", "O(N) where N is the number of elements returned"},
    {"llen", 2, kReadonly | kFast, acl::kList, {ks::key(1, ks::kRO)}, cmd_llen, Group::kList, "Get the length of a list", "1.0.0", "O(1)"},
    {"lrange", 4, kReadonly, acl::kList, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_lrange, Group::kList, "Get a range of elements from a list", "1.0.0", "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range."},
    {"lindex", 3, kReadonly, acl::kList, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_lindex, Group::kList, "Get an element from a list by its index", "1.0.0", "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1)."},
    {"lset", 4, kWrite | kDenyOom, acl::kList, {ks::key(1, ks::kRW | ks::kUpdate)}, cmd_lset, Group::kList, "Set the value of an element in a list by its index", "1.0.0", "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1)."},
    {"linsert", 5, kWrite | kDenyOom, acl::kList, {ks::key(1, ks::kRW | ks::kInsert)}, cmd_linsert, Group::kList, "Insert an element before or after another element in a list", "2.2.0", "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N)."},
    {"lrem", 4, kWrite, acl::kList, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_lrem, Group::kList, "Remove elements from a list", "1.0.0", "O(N+M) where N is the length of the list and M is the number of elements removed."},
    {"ltrim", 4, kWrite, acl::kList, {ks::key(1, ks::kRW | ks::kDelete)}, cmd_ltrim, Group::kList, "Trim a list to the specified range", "1.0.0", "O(N) where N is the number of elements to be removed by the operation."},
    {"lpos", -3, kReadonly, acl::kList, {ks::key(1, ks::kRO | ks::kAccess)}, cmd_lpos, Group::kList, "Return the index of matching elements on a list", "6.0.6", "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time."},
    {"lmove", 5, kWrite | kDenyOom, acl::kList, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete), ks::key(2, ks::kRW | ks::kInsert)}, cmd_lmove, Group::kList, "Pop an element from a list, push it to another list and return it", "6.2.0", "O(1)"},
    {"rpoplpush", 3, kWrite | kDenyOom, acl::kList, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete), ks::key(2, ks::kRW | ks::kInsert)}, cmd_rpoplpush, Group::kList, "Remove the last element in a list, prepend it to another list and return it", "1.2.0", "O(1)"},
    {"lmpop", -4, kWrite, acl::kList, {ks::spec(ks::kRW | ks::kAccess | ks::kDelete, ks::index(1), ks::keynum(0, 1, 1))}, cmd_lmpop, Group::kList, "Pop elements from a list", "7.0.0", "O(N+M) where N is the number of provided keys and M is the number of elements returned.", {}, numkeys_keys<0, 1, 2, 1>},
    {"blpop", -3, kWrite | kNoscript | kBlocking, acl::kList, {ks::spec(ks::kRW | ks::kAccess | ks::kDelete, ks::index(1), ks::range(-2, 1, 0))}, cmd_blpop, Group::kList, "Remove and get the first element in a list, or block until one is available", "2.0.0", "O(N) where N is the number of provided keys."},
    {"brpop", -3, kWrite | kNoscript | kBlocking, acl::kList, {ks::spec(ks::kRW | ks::kAccess | ks::kDelete, ks::index(1), ks::range(-2, 1, 0))}, cmd_brpop, Group::kList, "Remove and get the last element in a list, or block until one is available", "2.0.0", "O(N) where N is the number of provided keys."},
    {"blmove", 6, kWrite | kDenyOom | kNoscript | kBlocking, acl::kList, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete), ks::key(2, ks::kRW | ks::kInsert)}, cmd_blmove, Group::kList, "Pop an element from a list, push it to another list and return it; or block until one is available", "6.2.0", "O(1)"},
    {"brpoplpush", 4, kWrite | kDenyOom | kNoscript | kBlocking, acl::kList, {ks::key(1, ks::kRW | ks::kAccess | ks::kDelete), ks::key(2, ks::kRW | ks::kInsert)}, cmd_brpoplpush, Group::kList, "Pop an element from a list, push it to another list and return it; or block until one is available", "2.2.0", "O(1)"},
    {"blmpop", -5, kWrite | kBlocking, acl::kList, {ks::spec(ks::kRW | ks::kAccess | ks::kDelete, ks::index(2), ks::keynum(0, 1, 1))}, cmd_blmpop, Group::kList, "Pop elements from a list, or block until one is available", "7.0.0", "O(N+M) where N is the number of provided keys and M is the number of elements returned.", {}, numkeys_keys<0, 2, 3, 1>},
};
// clang-format on

}  // namespace

void register_list_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
