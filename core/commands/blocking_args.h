#pragma once
// The timeout argument of the blocking commands (BLPOP, BZPOPMIN, ...), read
// exactly as Redis's getTimeoutFromObjectOrReply reads it.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/args.h"
#include "core/command/context.h"

namespace ironkv::commands {

// Seconds as a long double (string2ld rules), times 1000 rounded up to whole
// ms; a value past int64 converts like the C cast on x86 (to INT64_MIN, so
// "inf" and 1e16 are "negative"). Gives the deadline: 0 = forever, else
// absolute unix ms. kTimeoutNotFloat / kTimeoutNegative are recorded in `a`.
int64_t next_block_deadline(command::ArgCursor& a, int64_t now_ms);

// A blocking pop after parsing (BLPOP, BLMPOP, BZPOPMIN ...): serves it now, or
// replies the null array when the client cannot block, or blocks on `keys`.
// `pop(ctx, keys, skip_wrong_type)` pops from the first key with something to pop
// and replies (kOk), finds nothing (kKeyNotFound), or meets a key of another type
// (kWrongType, nothing replied) unless skip_wrong_type, as when a blocked client
// is served: then such a key is passed over like a missing one.
template <class Pop>
void serve_or_block(command::CommandContext& c, std::span<const std::string_view> keys,
                    int64_t deadline_ms, Pop pop) {
  const OpStatus st = pop(c, keys, false);
  if (st == OpStatus::kOk) return;
  if (st != OpStatus::kKeyNotFound) return c.error(st);
  if (!c.can_block()) return c.reply.null_array();
  std::vector<std::string> names(keys.begin(), keys.end());
  server::BlockRequest req;
  req.keys = names;
  req.deadline_ms = deadline_ms;
  req.try_serve = [names = std::move(names), pop](command::CommandContext& ctx) {
    return pop(ctx, names, true) == OpStatus::kOk;
  };
  c.block(std::move(req));
}

}  // namespace ironkv::commands
