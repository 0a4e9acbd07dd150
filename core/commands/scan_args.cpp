#include "core/commands/scan_args.h"

#include <limits>

#include "core/resp/errors.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands {

using command::CommandContext;
namespace err = resp::err;

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

bool parse_scan_options(CommandContext& c, size_t i, ScanOptions& o, bool allow_type) {
  while (i < c.argc()) {
    size_t left = c.argc() - i;
    std::string_view opt = c.arg(i);
    if (util::iequals(opt, "count") && left >= 2) {
      if (!util::parse_int64(c.arg(i + 1), o.count)) {
        c.reply.error(err::kNotInteger);
        return false;
      }
      if (o.count < 1) {
        c.reply.error(err::kSyntax);
        return false;
      }
    } else if (util::iequals(opt, "match") && left >= 2) {
      o.pattern = c.arg(i + 1);
      o.use_pattern = o.pattern != "*";  // "*" filters nothing
    } else if (allow_type && util::iequals(opt, "type") && left >= 2) {
      o.has_type = true;
      o.type = c_string(c.arg(i + 1));  // compared with strcasecmp in Redis
    } else {
      c.reply.error(err::kSyntax);
      return false;
    }
    i += 2;
  }
  return true;
}

}  // namespace ironkv::commands
