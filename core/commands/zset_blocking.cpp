// The blocking sorted-set pops BZPOPMIN BZPOPMAX BZMPOP, with Redis 7.0's replies and
// errors. Like the blocking list commands (list_family.cpp) they first try to serve
// themselves like ZPOPMIN/ZPOPMAX/ZMPOP; with nothing to pop they block on their keys
// (command/blocking.h). Every command that adds members to a sorted set signals its
// key ready, which serves the blocked clients in the order they blocked.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/context.h"
#include "core/command/keys.h"
#include "core/commands/blocking_args.h"
#include "core/commands/families.h"
#include "core/commands/zset_common.h"
#include "core/resp/errors.h"
#include "core/store/value.h"
#include "core/store/zset_value.h"
#include "core/util/numbers.h"

namespace ironkv::commands {

using command::ArgCursor;
using command::CommandContext;
using command::CommandSpec;
using server::BlockRequest;
using store::ZSetValue;
namespace err = resp::err;

namespace {

enum class PopStatus { kServed, kNothing, kWrongType };

// Pops from the first key holding a sorted set, replying in `shape`. A key of another
// type is an error (kWrongType, nothing replied) unless skip_wrong_type, as when a
// blocked client is served: then it is passed over like a missing key.
template <class Keys>
PopStatus pop_first(CommandContext& c, const Keys& keys, bool max, size_t count,
                    zset::PopReply shape, bool skip_wrong_type) {
  for (const auto& k : keys) {
    std::string_view key = k;
    // Only the key popped from changes (a skipped key of another type does not).
    store::Value* v = c.db().peek_write(key);
    if (v == nullptr) continue;
    if (v->type() != store::ObjType::kZSet) {
      if (skip_wrong_type) continue;
      return PopStatus::kWrongType;
    }
    auto* z = v->as<ZSetValue>();
    if (z->empty()) continue;
    // Logged as the non-blocking pop on this key, so a replay never blocks.
    if (!c.logging()) {
    } else if (shape == zset::PopReply::kKeyFlat) {
      c.log_as({max ? "ZPOPMAX" : "ZPOPMIN", std::string(key)});
    } else {
      c.log_as({"ZMPOP", "1", std::string(key), max ? "MAX" : "MIN", "COUNT", std::to_string(count)});
    }
    c.db().signal_modified(key);
    zset::pop_and_reply(c, key, *z, max, count, shape);
    return PopStatus::kServed;
  }
  return PopStatus::kNothing;
}

// BZPOPMIN/BZPOPMAX/BZMPOP after parsing: serve now, or reply the null array when the
// client cannot block (MULTI), or block.
void blocking_zpop(CommandContext& c, std::span<const std::string_view> keys, bool max,
                   size_t count, zset::PopReply shape, int64_t deadline_ms) {
  switch (pop_first(c, keys, max, count, shape, false)) {
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
  std::vector<std::string> names(keys.begin(), keys.end());
  BlockRequest req;
  req.keys = names;
  req.deadline_ms = deadline_ms;
  req.try_serve = [names = std::move(names), max, count, shape](CommandContext& ctx) {
    return pop_first(ctx, names, max, count, shape, true) == PopStatus::kServed;
  };
  c.block(std::move(req));
}

// BZPOPMIN/BZPOPMAX key [key ...] timeout → [key, member, score] | nil array (timeout)
void bzpop_generic(CommandContext& c, bool max) {
  ArgCursor a = c.args(c.argc() - 1);
  const int64_t deadline = next_block_deadline(a, c.now_ms());
  if (!a.ok()) return c.error(a);
  blocking_zpop(c, c.argv.subspan(1, c.argc() - 2), max, 1, zset::PopReply::kKeyFlat, deadline);
}

void cmd_bzpopmin(CommandContext& c) { bzpop_generic(c, false); }
void cmd_bzpopmax(CommandContext& c) { bzpop_generic(c, true); }

// BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]
//   → [key, [[member, score] ...]] | nil array (timeout)
// Redis zmpopGenericCommand: numkeys, MIN|MAX and COUNT are checked before the timeout.
void cmd_bzmpop(CommandContext& c) {
  zset::MpopArgs args;
  if (!zset::parse_mpop_args(c, 2, args)) return;
  ArgCursor a = c.args(1);
  const int64_t deadline = next_block_deadline(a, c.now_ms());
  if (!a.ok()) return c.error(a);
  blocking_zpop(c, c.argv.subspan(args.first_key, args.numkeys), args.max, args.count,
                zset::PopReply::kKeyNested, deadline);
}

using namespace command;

// Arity, flags, key positions and docs as Redis 7.0.15 reports them (COMMAND INFO /
// DOCS). BZMPOP's keys follow numkeys: movablekeys and no first/last/step range.
// clang-format off
const CommandSpec kSpecs[] = {
    {"bzpopmin", -3, kWrite | kNoscript | kBlocking | kFast, acl::kSortedSet, {ks::spec(ks::kRW | ks::kAccess | ks::kDelete, ks::index(1), ks::range(-2, 1, 0))}, cmd_bzpopmin, Group::kSortedSet, "Remove and return the member with the lowest score from one or more sorted sets, or block " "until one is available", "5.0.0", "O(log(N)) with N being the number of elements in the sorted set."},
    {"bzpopmax", -3, kWrite | kNoscript | kBlocking | kFast, acl::kSortedSet, {ks::spec(ks::kRW | ks::kAccess | ks::kDelete, ks::index(1), ks::range(-2, 1, 0))}, cmd_bzpopmax, Group::kSortedSet, "Remove and return the member with the highest score from one or more sorted sets, or block " "until one is available", "5.0.0", "O(log(N)) with N being the number of elements in the sorted set."},
    {"bzmpop", -5, kWrite | kBlocking, acl::kSortedSet, {ks::spec(ks::kRW | ks::kAccess | ks::kDelete, ks::index(2), ks::keynum(0, 1, 1))}, cmd_bzmpop, Group::kSortedSet, "Remove and return members with scores in a sorted set or block until one is available", "7.0.0", "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements " "in the sorted set, and M being the number of elements popped.", {}, numkeys_keys<0, 2, 3, 1>},
};
// clang-format on

}  // namespace

void register_zset_blocking_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
