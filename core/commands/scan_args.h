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
  std::string_view type;  // compared as a C string (up to a NUL), like strcasecmp
};

// The cursor argument (parse_scan_cursor), or kInvalidCursor recorded in `a`.
uint64_t next_scan_cursor(command::ArgCursor& a);

// The option loop (MATCH, COUNT, and TYPE when allow_type) to the end of `a`;
// the first bad option is recorded in it.
ScanOptions parse_scan_options(command::ArgCursor& a, bool allow_type);

// The same from argument i on, replying Redis's error and returning false on a
// bad option. For SSCAN/ZSCAN until they read their arguments with a cursor.
bool parse_scan_options(command::CommandContext& c, size_t i, ScanOptions& o, bool allow_type);

}  // namespace ironkv::commands
