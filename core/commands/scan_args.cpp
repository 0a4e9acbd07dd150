#include "core/commands/scan_args.h"

#include <limits>

namespace ironkv::commands {

using command::CommandContext;

std::string_view c_string(std::string_view s) {
  size_t nul = s.find('\0');
  return nul == std::string_view::npos ? s : s.substr(0, nul);
}

// The SCAN cursor as Redis parses it: strtoul over the argument as a C string, refusing
// leading whitespace, trailing bytes and overflow. So "" is 0, "+5" is 5 and "-1" wraps
// to 18446744073709551615, exactly as Redis accepts them.
bool parse_scan_cursor(std::string_view arg, uint64_t& out) {
  std::string_view s = c_string(arg);
  if (s.empty()) {
    out = 0;
    return true;
  }
  char first = s[0];
  if (first == ' ' || (first >= '\t' && first <= '\r')) return false;
  size_t i = 0;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    ++i;
  }
  if (i == s.size()) return false;  // a lone sign: strtoul consumes nothing
  uint64_t v = 0;
  for (; i < s.size(); ++i) {
    char ch = s[i];
    if (ch < '0' || ch > '9') return false;
    uint64_t d = static_cast<uint64_t>(ch - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;  // ERANGE
    v = v * 10 + d;
  }
  out = negative ? uint64_t{0} - v : v;
  return true;
}

uint64_t next_scan_cursor(command::ArgCursor& a) {
  uint64_t cursor = 0;
  if (a.ok() && !parse_scan_cursor(a.peek(), cursor)) a.fail(OpStatus::kInvalidCursor);
  a.skip();
  return cursor;
}

ScanOptions parse_scan_options(command::ArgCursor& a, bool allow_type) {
  ScanOptions o;
  while (a.has_next()) {
    if (a.eat("COUNT", 1)) {
      o.count = a.next<int64_t>();
      if (a.ok() && o.count < 1) a.fail(OpStatus::kSyntax);
    } else if (a.eat("MATCH", 1)) {
      o.pattern = a.next();
      o.use_pattern = o.pattern != "*";  // "*" filters nothing
    } else if (allow_type && a.eat("TYPE", 1)) {
      o.has_type = true;
      o.type = c_string(a.next());
    } else {
      a.fail(OpStatus::kSyntax);
    }
  }
  return o;
}

bool parse_scan_options(CommandContext& c, size_t i, ScanOptions& o, bool allow_type) {
  command::ArgCursor a = c.args(i);
  o = parse_scan_options(a, allow_type);
  if (a.ok()) return true;
  c.error(a);
  return false;
}

}  // namespace ironkv::commands
