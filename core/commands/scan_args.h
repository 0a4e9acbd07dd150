#pragma once
// Argument parsing shared by SCAN and the per-type HSCAN/SSCAN/ZSCAN, exactly as
// Redis's scanGenericCommand reads them.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/command/context.h"

namespace ironkv::commands {

inline constexpr std::string_view kInvalidCursorError = "ERR invalid cursor";

// Redis reads some arguments as C strings: they end at the first NUL byte.
std::string_view c_string(std::string_view s);

// The cursor as Redis parses it (strtoul semantics); false → "ERR invalid cursor".
bool parse_scan_cursor(std::string_view arg, uint64_t& out);

struct ScanOptions {
  int64_t count = 10;
  std::string_view pattern;
  bool use_pattern = false;   // false for "*", which filters nothing
  bool has_type = false;
  std::string_view type;
};

// The option loop (MATCH, COUNT, and TYPE when allow_type) from argument i on.
// Replies with Redis's error and returns false on a bad option.
bool parse_scan_options(command::CommandContext& c, size_t i, ScanOptions& o, bool allow_type);

}  // namespace ironkv::commands
