// List commands: LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LINSERT
// LREM LTRIM LPOS LMOVE RPOPLPUSH LMPOP and the blocking BLPOP BRPOP BLMOVE
// BRPOPLPUSH BLMPOP, with Redis 7.0's replies and errors and Redis 7.2's encodings
// (store::ListValue). SORT and SORT_RO live in sort.cpp and register from here.
//
// Blocking commands first try to serve themselves like their non-blocking forms;
// with nothing to pop they block on their keys (command/blocking.h), and every
// command that adds elements to a list signals its key ready.

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
#include "core/command/keys.h"
#include "core/commands/blocking_args.h"
#include "core/commands/families.h"
#include "core/commands/scan_args.h"
#include "core/resp/errors.h"
#include "core/store/list_value.h"
#include "core/store/value.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands {

namespace ev = server::events;  // keyspace notification classes

using command::CommandContext;
using command::CommandSpec;
using server::BlockRequest;
using store::IntBuf;
using store::ListValue;
using store::Value;
using End = ListValue::End;
namespace err = resp::err;

namespace {

// Texts only this family sends.
constexpr std::string_view kIndexOutOfRange = "ERR index out of range";
constexpr std::string_view kRankZero =
    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or "
    "use negative to start from the end of the list";
constexpr std::string_view kCountNegative = "ERR COUNT can't be negative";
constexpr std::string_view kMaxlenNegative = "ERR MAXLEN can't be negative";
constexpr std::string_view kNumkeysNotPositive = "ERR numkeys should be greater than 0";
constexpr std::string_view kCountNotPositive = "ERR count should be greater than 0";

// ---- lookups ---------------------------------------------------------------------

struct ListRef {
  ListValue* list = nullptr;
  bool wrong_type = false;
  bool missing() const { return list == nullptr && !wrong_type; }
};

ListRef as_list(Value* v) {
  if (v == nullptr) return {};
  if (v->type() != store::ObjType::kList) return {nullptr, true};
  return {v->as<ListValue>(), false};
}

ListRef read_list(CommandContext& c, std::string_view key) {
  return as_list(c.db().lookup_read(key));
}

// For writes: the list also takes the current list-max-listpack-size.
ListRef write_list(CommandContext& c, std::string_view key) {
  ListRef r = as_list(c.db().lookup_write(key));
  if (r.list != nullptr) r.list->set_fill(c.server.config.list_max_listpack_size);
  return r;
}

// A new empty list at key (which the caller found missing).
ListValue* create_list(CommandContext& c, std::string_view key) {
  Value* v = c.db().add(
      key, Value::collection(std::make_unique<ListValue>(c.server.config.list_max_listpack_size)));
  return v->as<ListValue>();
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

// Redis option words are C strings (they end at the first NUL).
bool is_word(std::string_view arg, std::string_view word) {
  return util::iequals(c_string(arg), word);
}

// LEFT | RIGHT, or nullopt (syntax error).
std::optional<End> parse_end(std::string_view arg) {
  if (is_word(arg, "RIGHT")) return End::kTail;
  if (is_word(arg, "LEFT")) return End::kHead;
  return std::nullopt;
}

void reply_bulks(CommandContext& c, const ListValue& l, size_t first, size_t n, bool reverse) {
  c.reply.array(n);
  l.for_range(first, n, reverse, [&](std::string_view v) { c.reply.bulk(v); });
}

// Redis addListRangeReply: start/end inclusive, negative from the tail.
void reply_range(CommandContext& c, const ListValue& l, int64_t start, int64_t end) {
  const auto len = static_cast<int64_t>(l.size());
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) {
    c.reply.empty_array();
    return;
  }
  if (end >= len) end = len - 1;
  reply_bulks(c, l, static_cast<size_t>(start), static_cast<size_t>(end - start + 1), false);
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

// ---- push ------------------------------------------------------------------------

// LPUSH/RPUSH key element [element ...] → integer (new length); the X forms only
// push to an existing list (:0 otherwise).
void push_generic(CommandContext& c, End end, bool only_existing) {
  std::string_view key = c.arg(1);
  ListRef r = write_list(c, key);
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  if (r.list == nullptr) {
    if (only_existing) {
      c.reply.integer(0);
      return;
    }
    r.list = create_list(c, key);
  }
  r.list->push_all(end, c.argv.subspan(2));
  c.mark_dirty(c.argc() - 2);
  c.notify(ev::kList, push_event(end), key);
  c.signal_key_ready(key);
  c.reply.integer(static_cast<int64_t>(r.list->size()));
}

void cmd_lpush(CommandContext& c) { push_generic(c, End::kHead, false); }
void cmd_rpush(CommandContext& c) { push_generic(c, End::kTail, false); }
void cmd_lpushx(CommandContext& c) { push_generic(c, End::kHead, true); }
void cmd_rpushx(CommandContext& c) { push_generic(c, End::kTail, true); }

// LINSERT key BEFORE|AFTER pivot element → integer (new length) | :-1 (no pivot) | :0
void cmd_linsert(CommandContext& c) {
  bool after;
  if (is_word(c.arg(2), "AFTER")) {
    after = true;
  } else if (is_word(c.arg(2), "BEFORE")) {
    after = false;
  } else {
    c.reply.error(err::kSyntax);
    return;
  }
  std::string_view key = c.arg(1);
  ListRef r = write_list(c, key);
  if (r.missing()) {
    c.reply.integer(0);
    return;
  }
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  if (!r.list->insert(c.arg(3), c.arg(4), after)) {
    c.reply.integer(-1);
    return;
  }
  c.mark_dirty();
  c.notify(ev::kList, "linsert", key);
  c.signal_key_ready(key);
  c.reply.integer(static_cast<int64_t>(r.list->size()));
}

// ---- read ------------------------------------------------------------------------

// LLEN key → integer
void cmd_llen(CommandContext& c) {
  ListRef r = read_list(c, c.arg(1));
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  c.reply.integer(r.list != nullptr ? static_cast<int64_t>(r.list->size()) : 0);
}

// LINDEX key index → bulk | nil. The key is looked up before the index is parsed.
void cmd_lindex(CommandContext& c) {
  ListRef r = read_list(c, c.arg(1));
  if (r.missing()) {
    c.reply.null_bulk();
    return;
  }
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  int64_t index;
  if (!util::parse_int64(c.arg(2), index)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  IntBuf buf;
  auto v = r.list->at(index, buf);
  if (v)
    c.reply.bulk(*v);
  else
    c.reply.null_bulk();
}

// LRANGE key start stop → array
void cmd_lrange(CommandContext& c) {
  int64_t start, end;
  if (!util::parse_int64(c.arg(2), start) || !util::parse_int64(c.arg(3), end)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  ListRef r = read_list(c, c.arg(1));
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  if (r.list == nullptr) {
    c.reply.empty_array();
    return;
  }
  reply_range(c, *r.list, start, end);
}

// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
//   → integer | nil, or with COUNT an array of indexes
void cmd_lpos(CommandContext& c) {
  int64_t rank = 1, count = -1, maxlen = 0;  // count -1: no COUNT option
  for (size_t j = 3; j < c.argc(); ++j) {
    std::string_view opt = c.arg(j);
    const bool more = j + 1 < c.argc();
    if (is_word(opt, "RANK") && more) {
      if (!util::parse_int64(c.arg(++j), rank)) {
        c.reply.error(err::kNotInteger);
        return;
      }
      if (rank == 0) {
        c.reply.error(kRankZero);
        return;
      }
    } else if (is_word(opt, "COUNT") && more) {
      if (!util::parse_int64(c.arg(++j), count) || count < 0) {
        c.reply.error(kCountNegative);
        return;
      }
    } else if (is_word(opt, "MAXLEN") && more) {
      if (!util::parse_int64(c.arg(++j), maxlen) || maxlen < 0) {
        c.reply.error(kMaxlenNegative);
        return;
      }
    } else {
      c.reply.error(err::kSyntax);
      return;
    }
  }
  const bool from_tail = rank < 0;
  // Redis negates with wrap-around: a rank of INT64_MIN stays "below" every match count.
  if (from_tail) rank = static_cast<int64_t>(0 - static_cast<uint64_t>(rank));

  ListRef r = read_list(c, c.arg(1));
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  if (r.list == nullptr) {
    if (count != -1)
      c.reply.empty_array();
    else
      c.reply.null_bulk();
    return;
  }
  const std::string_view element = c.arg(2);
  const auto llen = static_cast<int64_t>(r.list->size());
  std::vector<int64_t> found;
  int64_t index = 0, matches = 0, match_index = -1;
  r.list->for_each(
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
  ListRef r = write_list(c, c.arg(1));
  if (r.missing()) {
    c.reply.error(err::kNoSuchKey);
    return;
  }
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  int64_t index;
  if (!util::parse_int64(c.arg(2), index)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  if (!r.list->set(index, c.arg(3))) {
    c.reply.error(kIndexOutOfRange);
    return;
  }
  r.list->maybe_to_listpack();
  c.mark_dirty();
  c.notify(ev::kList, "lset", c.arg(1));
  c.reply.ok();
}

// LREM key count element → integer (removed)
void cmd_lrem(CommandContext& c) {
  int64_t count;
  if (!util::parse_int64(c.arg(2), count)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  std::string_view key = c.arg(1);
  ListRef r = write_list(c, key);
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  if (r.list == nullptr) {
    c.reply.integer(0);
    return;
  }
  const size_t removed = r.list->remove(c.arg(3), count);
  if (removed > 0) {
    after_removal(c, key, *r.list, "lrem");
    c.mark_dirty(removed);
  }
  c.reply.integer(static_cast<int64_t>(removed));
}

// LTRIM key start stop → OK (a range that keeps nothing deletes the key)
void cmd_ltrim(CommandContext& c) {
  int64_t start, end;
  if (!util::parse_int64(c.arg(2), start) || !util::parse_int64(c.arg(3), end)) {
    c.reply.error(err::kNotInteger);
    return;
  }
  std::string_view key = c.arg(1);
  ListRef r = write_list(c, key);
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  if (r.list == nullptr) {
    c.reply.ok();
    return;
  }
  ListValue& l = *r.list;
  const auto len = static_cast<int64_t>(l.size());
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  int64_t ltrim, rtrim;
  if (start > end || start >= len) {
    ltrim = len;
    rtrim = 0;
  } else {
    if (end >= len) end = len - 1;
    ltrim = start;
    rtrim = len - end - 1;
  }
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
  if (c.argc() > 3) {
    c.reply.error(command::arity_error(c.spec.name));
    return;
  }
  const bool has_count = c.argc() == 3;
  int64_t count = 0;
  if (has_count && (!util::parse_int64(c.arg(2), count) || count < 0)) {
    c.reply.error(err::kPositive);
    return;
  }
  std::string_view key = c.arg(1);
  ListRef r = write_list(c, key);
  if (r.missing()) {
    if (has_count)
      c.reply.null_array();
    else
      c.reply.null_bulk();
    return;
  }
  if (r.wrong_type) {
    c.reply.error(err::kWrongType);
    return;
  }
  if (has_count && count == 0) {
    c.reply.empty_array();
    return;
  }
  if (!has_count) {
    c.reply.bulk(r.list->pop(end));
    after_removal(c, key, *r.list, pop_event(end));
    c.mark_dirty();
    return;
  }
  pop_range(c, key, *r.list, end, static_cast<uint64_t>(count));
}

void cmd_lpop(CommandContext& c) { pop_generic(c, End::kHead); }
void cmd_rpop(CommandContext& c) { pop_generic(c, End::kTail); }

enum class PopStatus { kServed, kNothing, kWrongType };

// Pops from the first key holding a non-empty list: one element as [key, element]
// (count 0) or up to count as [key, [elements]]. A key of another type is an error
// (kWrongType, nothing replied) unless skip_wrong_type, as when a blocked client is
// served: then it is passed over like a missing key.
template <class Keys>
PopStatus pop_first(CommandContext& c, const Keys& keys, End end, uint64_t count,
                    bool skip_wrong_type) {
  for (const auto& k : keys) {
    std::string_view key = k;
    ListRef r = write_list(c, key);
    if (r.wrong_type) {
      if (skip_wrong_type) continue;
      return PopStatus::kWrongType;
    }
    if (r.list == nullptr || r.list->empty()) continue;
    // Logged as the non-blocking pop on this key (a blocking one might be served
    // by another key, or block, when replayed).
    if (c.logging()) {
      const char* side = end == End::kHead ? "LEFT" : "RIGHT";
      if (count == 0) c.log_as({end == End::kHead ? "LPOP" : "RPOP", std::string(key)});
      else c.log_as({"LMPOP", "1", std::string(key), side, "COUNT", std::to_string(count)});
    }
    c.reply.array(2);
    c.reply.bulk(key);
    if (count == 0) {
      c.reply.bulk(r.list->pop(end));
      after_removal(c, key, *r.list, pop_event(end));
      c.mark_dirty();
    } else {
      pop_range(c, key, *r.list, end, count);
    }
    return PopStatus::kServed;
  }
  return PopStatus::kNothing;
}

// The keys as owned strings, for a blocked client's closures (argv goes away).
std::vector<std::string> owned(std::span<const std::string_view> keys) {
  return {keys.begin(), keys.end()};
}

// BLPOP/BRPOP/BLMPOP after parsing: serve now, or reply the null array when the
// client cannot block, or block.
void blocking_pop(CommandContext& c, std::span<const std::string_view> keys, End end,
                  uint64_t count, int64_t deadline_ms) {
  switch (pop_first(c, keys, end, count, false)) {
    case PopStatus::kServed:
      return;
    case PopStatus::kWrongType:
      c.reply.error(err::kWrongType);
      return;
    case PopStatus::kNothing:
      break;
  }
  if (!c.can_block()) {
    c.reply.null_array();
    return;
  }
  std::vector<std::string> names = owned(keys);
  BlockRequest req;
  req.keys = names;
  req.deadline_ms = deadline_ms;
  req.try_serve = [names = std::move(names), end, count](CommandContext& ctx) {
    return pop_first(ctx, names, end, count, true) == PopStatus::kServed;
  };
  c.block(std::move(req));
}

// BLPOP/BRPOP key [key ...] timeout → [key, element] | nil array (timeout)
void bpop_generic(CommandContext& c, End end) {
  int64_t deadline;
  if (!parse_block_timeout(c, c.arg(c.argc() - 1), deadline)) return;
  blocking_pop(c, c.argv.subspan(1, c.argc() - 2), end, 0, deadline);
}

void cmd_blpop(CommandContext& c) { bpop_generic(c, End::kHead); }
void cmd_brpop(CommandContext& c) { bpop_generic(c, End::kTail); }

// LMPOP/BLMPOP arguments from numkeys_idx: numkeys key [key ...] LEFT|RIGHT [COUNT n].
struct MpopArgs {
  std::span<const std::string_view> keys;
  End end = End::kHead;
  uint64_t count = 1;
};

bool parse_mpop(CommandContext& c, size_t numkeys_idx, MpopArgs& out) {
  int64_t numkeys;
  if (!util::parse_int64(c.arg(numkeys_idx), numkeys) || numkeys < 1) {
    c.reply.error(kNumkeysNotPositive);
    return false;
  }
  const size_t first_key = numkeys_idx + 1;
  if (static_cast<uint64_t>(numkeys) >= c.argc() - first_key) {  // no room for the direction
    c.reply.error(err::kSyntax);
    return false;
  }
  const size_t where_idx = first_key + static_cast<size_t>(numkeys);
  auto end = parse_end(c.arg(where_idx));
  if (!end) {
    c.reply.error(err::kSyntax);
    return false;
  }
  bool has_count = false;
  for (size_t j = where_idx + 1; j < c.argc(); ++j) {
    if (!has_count && is_word(c.arg(j), "COUNT") && j + 1 < c.argc()) {
      int64_t n;
      if (!util::parse_int64(c.arg(++j), n) || n < 1) {
        c.reply.error(kCountNotPositive);
        return false;
      }
      out.count = static_cast<uint64_t>(n);
      has_count = true;
    } else {
      c.reply.error(err::kSyntax);
      return false;
    }
  }
  out.keys = c.argv.subspan(first_key, static_cast<size_t>(numkeys));
  out.end = *end;
  return true;
}

// LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] → [key, [elements]] | nil array
void cmd_lmpop(CommandContext& c) {
  MpopArgs a;
  if (!parse_mpop(c, 1, a)) return;
  switch (pop_first(c, a.keys, a.end, a.count, false)) {
    case PopStatus::kServed:
      return;
    case PopStatus::kWrongType:
      c.reply.error(err::kWrongType);
      return;
    case PopStatus::kNothing:
      c.reply.null_array();
      return;
  }
}

// BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
//   → [key, [elements]] | nil array (timeout)
void cmd_blmpop(CommandContext& c) {
  MpopArgs a;
  if (!parse_mpop(c, 2, a)) return;
  int64_t deadline;
  if (!parse_block_timeout(c, c.arg(1), deadline)) return;
  blocking_pop(c, a.keys, a.end, a.count, deadline);
}

// ---- move ------------------------------------------------------------------------

enum class MoveStatus { kMoved, kNoSource, kWrongType };

// Pops from src and pushes to dst (Redis lmoveGenericCommand), replying the element.
// When src is missing or empty nothing is replied (kNoSource); a src or dst of
// another type is kWrongType, nothing replied and nothing changed.
MoveStatus move_element(CommandContext& c, std::string_view src, std::string_view dst, End from,
                        End to) {
  ListRef s = write_list(c, src);
  if (s.wrong_type) return MoveStatus::kWrongType;
  if (s.list == nullptr || s.list->empty()) return MoveStatus::kNoSource;
  ListRef d = write_list(c, dst);
  if (d.wrong_type) return MoveStatus::kWrongType;
  std::string value = s.list->pop(from);
  // Source and destination may be the same list: it is deleted only if still empty
  // after the push.
  ListValue* dl = d.list != nullptr ? d.list : create_list(c, dst);
  dl->push(to, value);
  c.notify(ev::kList, push_event(to), dst);
  c.signal_key_ready(dst);
  c.reply.bulk(value);
  after_removal(c, src, *s.list, pop_event(from));
  c.mark_dirty();
  return MoveStatus::kMoved;
}

void lmove_generic(CommandContext& c, End from, End to) {
  switch (move_element(c, c.arg(1), c.arg(2), from, to)) {
    case MoveStatus::kMoved:
      return;
    case MoveStatus::kNoSource:
      c.reply.null_bulk();
      return;
    case MoveStatus::kWrongType:
      c.reply.error(err::kWrongType);
      return;
  }
}

// LMOVE source destination LEFT|RIGHT LEFT|RIGHT → bulk | nil
void cmd_lmove(CommandContext& c) {
  auto from = parse_end(c.arg(3));
  auto to = parse_end(c.arg(4));
  if (!from || !to) {
    c.reply.error(err::kSyntax);
    return;
  }
  lmove_generic(c, *from, *to);
}

// RPOPLPUSH source destination → bulk | nil
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
    case MoveStatus::kMoved:
      log_lmove(c, c.arg(1), c.arg(2), from, to);
      return;
    case MoveStatus::kWrongType:
      c.reply.error(err::kWrongType);
      return;
    case MoveStatus::kNoSource:
      break;
  }
  if (!c.can_block()) {
    c.reply.null_bulk();
    return;
  }
  std::string src(c.arg(1)), dst(c.arg(2));
  BlockRequest req;
  req.keys = {src};
  req.deadline_ms = deadline_ms;
  req.try_serve = [src, dst, from, to](CommandContext& ctx) {
    switch (move_element(ctx, src, dst, from, to)) {
      case MoveStatus::kMoved:
        log_lmove(ctx, src, dst, from, to);
        return true;
      case MoveStatus::kNoSource:
        return false;
      case MoveStatus::kWrongType:
        break;
    }
    // Redis 7.0 serves the client with the error when the destination has the wrong
    // type (a source of the wrong type is not ready: keep waiting).
    ListRef s = as_list(ctx.db().lookup_write(src));
    if (s.wrong_type) return false;
    ctx.reply.error(err::kWrongType);
    return true;
  };
  c.block(std::move(req));
}

// BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout → bulk | nil array (timeout)
void cmd_blmove(CommandContext& c) {
  auto from = parse_end(c.arg(3));
  auto to = parse_end(c.arg(4));
  if (!from || !to) {
    c.reply.error(err::kSyntax);
    return;
  }
  int64_t deadline;
  if (!parse_block_timeout(c, c.arg(5), deadline)) return;
  blmove_generic(c, *from, *to, deadline);
}

// BRPOPLPUSH source destination timeout → bulk | nil array (timeout)
void cmd_brpoplpush(CommandContext& c) {
  int64_t deadline;
  if (!parse_block_timeout(c, c.arg(3), deadline)) return;
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
