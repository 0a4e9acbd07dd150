#pragma once
// The timeout argument of the blocking commands (BLPOP, BZPOPMIN, ...), read
// exactly as Redis's getTimeoutFromObjectOrReply reads it.

#include <cstdint>
#include <string_view>

#include "core/command/context.h"

namespace ironkv::commands {

// Seconds as a long double (string2ld rules), times 1000 rounded up to whole
// ms; a value past int64 converts like the C cast on x86 (to INT64_MIN, so
// "inf" and 1e16 are "negative"). Sets deadline_ms: 0 = forever, else absolute
// unix ms. Replies Redis's error and returns false on a bad timeout.
bool parse_block_timeout(command::CommandContext& c, std::string_view arg, int64_t& deadline_ms);

}  // namespace ironkv::commands
