#pragma once
// What the set and sorted-set commands share (and the other collection
// families may use): argument shapes read from an ArgCursor, so the first error
// is kept and checks run in Redis's order — "numkeys key [key ...]"
// (SINTERCARD, ZUNION & co, ZMPOP, BZMPOP), the LIMIT of SINTERCARD/ZINTERCARD,
// the count of SRANDMEMBER/ZRANDMEMBER — the bucket budget of SSCAN/ZSCAN, and
// the cardinality commands.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

#include "core/command/args.h"
#include "core/command/context.h"
#include "core/util/op_status.h"

namespace ironkv::commands {

// Texts that are not shared statuses (yet).
inline constexpr std::string_view kLimitNegative = "ERR LIMIT can't be negative";

// How a command checks its numkeys. The defaults are SINTERCARD's.
struct NumkeysRules {
  // numkeys is not an integer.
  command::ArgError not_integer = OpStatus::kNumkeysNotPositive;
  // numkeys < 1. With `needs_key_for` set (the command's name) the text is
  // instead "ERR at least 1 input key is needed for '<name>' command" (ZUNION & co).
  command::ArgError not_positive = OpStatus::kNumkeysNotPositive;
  std::string_view needs_key_for = {};
  // numkeys + `after` exceeds the arguments left after numkeys.
  command::ArgError too_many = OpStatus::kTooManyKeys;
  size_t after = 0;
};

// Reads numkeys and then that many keys; an empty span after an error.
std::span<const std::string_view> next_keys(command::ArgCursor& a, const NumkeysRules& rules = {});

// SINTERCARD / ZINTERCARD "LIMIT limit": a limit >= 0 (0 = none).
inline int64_t next_limit(command::ArgCursor& a) {
  return a.next_int(0, std::numeric_limits<int64_t>::max(), kLimitNegative);
}

// The count of SRANDMEMBER / ZRANDMEMBER / HRANDFIELD: an integer whose negation
// is one too (Redis refuses LLONG_MIN with "value must between ...").
int64_t next_random_count(command::ArgCursor& a);

// SSCAN / ZSCAN / HSCAN on a hashtable: Redis visits at most count * 10 buckets
// (the budget tested before it is decremented), saturating.
inline uint64_t scan_budget(int64_t count) {
  const auto n = static_cast<uint64_t>(count);
  return n > std::numeric_limits<uint64_t>::max() / 10 ? std::numeric_limits<uint64_t>::max()
                                                       : n * 10;
}

// SCARD / ZCARD (HLEN, LLEN): the size of the collection T at argv[1], 0 when missing.
template <class T>
void cmd_cardinality(command::CommandContext& c) {
  OpResult<T*> r = c.db().find<T>(c.arg(1), store::Lookup::kRead);
  if (r.wrong_type()) return c.error(r.status());
  c.reply.integer(r.ok() ? static_cast<int64_t>(r->size()) : 0);
}

}  // namespace ironkv::commands
