#include "core/commands/blocking_args.h"

#include <cmath>
#include <limits>

namespace ironkv::commands {

namespace {
// Waits longer than this (about 30 years) are waits forever: the connection's
// timer works in nanoseconds and must not overflow.
constexpr int64_t kForeverMs = int64_t{1} << 40;
}  // namespace

int64_t next_block_deadline(command::ArgCursor& a, int64_t now_ms) {
  const long double secs = a.next<long double>(OpStatus::kTimeoutNotFloat);
  if (!a.ok()) return 0;
  const long double ms = std::ceil(secs * 1000.0L);
  int64_t t = std::numeric_limits<int64_t>::min();
  if (ms >= -9223372036854775808.0L && ms < 9223372036854775808.0L) t = static_cast<int64_t>(ms);
  if (t < 0) {
    a.fail(OpStatus::kTimeoutNegative);
    return 0;
  }
  return (t == 0 || t > kForeverMs) ? 0 : now_ms + t;
}

}  // namespace ironkv::commands
