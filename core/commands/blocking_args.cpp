#include "core/commands/blocking_args.h"

#include <cmath>
#include <limits>

#include "core/util/numbers.h"

namespace ironkv::commands {

namespace {
constexpr std::string_view kTimeoutNotFloat = "ERR timeout is not a float or out of range";
constexpr std::string_view kTimeoutNegative = "ERR timeout is negative";
// Waits longer than this (about 30 years) are waits forever: the connection's
// timer works in nanoseconds and must not overflow.
constexpr int64_t kForeverMs = int64_t{1} << 40;
}  // namespace

bool parse_block_timeout(command::CommandContext& c, std::string_view arg, int64_t& deadline_ms) {
  long double secs = 0;
  if (!util::parse_long_double(arg, secs)) {
    c.reply.error(kTimeoutNotFloat);
    return false;
  }
  const long double ms = std::ceil(secs * 1000.0L);
  int64_t t = std::numeric_limits<int64_t>::min();
  if (ms >= -9223372036854775808.0L && ms < 9223372036854775808.0L) t = static_cast<int64_t>(ms);
  if (t < 0) {
    c.reply.error(kTimeoutNegative);
    return false;
  }
  deadline_ms = (t == 0 || t > kForeverMs) ? 0 : c.now_ms() + t;
  return true;
}

}  // namespace ironkv::commands
