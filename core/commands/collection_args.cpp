#include "core/commands/collection_args.h"

#include <limits>
#include <string>

namespace ironkv::commands {

using command::ArgCursor;

std::span<const std::string_view> next_keys(ArgCursor& a, const NumkeysRules& rules) {
  const int64_t numkeys = a.next<int64_t>(rules.not_integer);
  if (!a.ok()) return {};
  if (numkeys < 1) {
    if (rules.needs_key_for.empty()) {
      a.fail(rules.not_positive);
    } else {
      a.fail_text("ERR at least 1 input key is needed for '" + std::string(rules.needs_key_for) +
                  "' command");
    }
    return {};
  }
  if (static_cast<uint64_t>(numkeys) > a.remaining() ||
      a.remaining() - static_cast<size_t>(numkeys) < rules.after) {
    a.fail(rules.too_many);
    return {};
  }
  return a.take(static_cast<size_t>(numkeys));
}

int64_t next_random_count(ArgCursor& a) {
  const int64_t count = a.next<int64_t>();
  if (a.ok() && count < -std::numeric_limits<int64_t>::max()) a.fail(OpStatus::kCountOutOfRange);
  return count;
}

}  // namespace ironkv::commands
