#include "core/commands/expire_args.h"

#include <limits>
#include <string>

#include "core/util/numbers.h"

namespace ironkv::commands {

using command::ArgCursor;

namespace {

constexpr std::string_view kNxConflict =
    "ERR NX and XX, GT or LT options at the same time are not compatible";
constexpr std::string_view kGtLtConflict =
    "ERR GT and LT options at the same time are not compatible";

struct OptionWord {
  std::string_view word;
  unsigned flag;
  unsigned conflicts;  // options it may not follow (SET and GETEX)
};

constexpr unsigned expiry_but(unsigned f) { return kOptAnyExpiry & ~f; }

constexpr OptionWord kWords[] = {
    {"NX", kOptNx, kOptXx},
    {"XX", kOptXx, kOptNx},
    {"GT", kOptGt, 0},
    {"LT", kOptLt, 0},
    {"GET", kOptGet, 0},
    {"KEEPTTL", kOptKeepTtl, kOptPersist | kOptAnyExpiry},
    {"PERSIST", kOptPersist, kOptKeepTtl | kOptAnyExpiry},
    {"EX", kOptEx, kOptKeepTtl | kOptPersist | expiry_but(kOptEx)},
    {"PX", kOptPx, kOptKeepTtl | kOptPersist | expiry_but(kOptPx)},
    {"EXAT", kOptExAt, kOptKeepTtl | kOptPersist | expiry_but(kOptExAt)},
    {"PXAT", kOptPxAt, kOptKeepTtl | kOptPersist | expiry_but(kOptPxAt)},
};

constexpr unsigned allowed_options(ExpireSyntax s) {
  switch (s) {
    case ExpireSyntax::kSet:
      return kOptNx | kOptXx | kOptGet | kOptKeepTtl | kOptAnyExpiry;
    case ExpireSyntax::kGetex:
      return kOptPersist | kOptAnyExpiry;
    case ExpireSyntax::kExpire:
      return kOptNx | kOptXx | kOptGt | kOptLt;
  }
  return 0;
}

}  // namespace

ExpireOptions parse_expire_options(ArgCursor& a, ExpireSyntax syntax) {
  ExpireOptions o;
  const unsigned allowed = allowed_options(syntax);
  const bool expire_family = syntax == ExpireSyntax::kExpire;
  while (a.has_next()) {
    const std::string_view arg = a.peek();
    const OptionWord* w = nullptr;
    for (const OptionWord& cand : kWords) {
      if ((cand.flag & allowed) != 0 && command::word_equals(arg, cand.word)) {
        w = &cand;
        break;
      }
    }
    const bool takes_value = w != nullptr && (w->flag & kOptAnyExpiry) != 0;
    if (w == nullptr || (!expire_family && o.has(w->conflicts)) ||
        (takes_value && a.remaining() < 2)) {
      // Redis prints the word with %s: up to its first NUL.
      if (expire_family)
        a.fail_text("ERR Unsupported option " + std::string(arg.substr(0, arg.find('\0'))));
      else
        a.fail(OpStatus::kSyntax);
      break;
    }
    a.skip();
    o.flags |= w->flag;
    if (takes_value) o.when = a.next();
  }
  if (expire_family && a.ok()) {
    if (o.has(kOptNx) && o.has(kOptXx | kOptGt | kOptLt))
      a.fail(kNxConflict);
    else if (o.has(kOptGt) && o.has(kOptLt))
      a.fail(kGtLtConflict);
  }
  return o;
}

OpResult<int64_t> expire_time_ms(int64_t v, bool seconds, int64_t base_ms) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  if (seconds) {
    if (v > kMax / 1000 || v < kMin / 1000) return OpStatus::kInvalidExpireTime;
    v *= 1000;
  }
  if (base_ms > 0 && v > kMax - base_ms) return OpStatus::kInvalidExpireTime;
  return v + base_ms;
}

OpResult<int64_t> ExpireOptions::deadline_ms(int64_t now_ms) const {
  int64_t v;
  if (!util::parse_int64(when, v)) return OpStatus::kNotAnInteger;
  // SET's times must be positive, relative or not; so is the result then.
  if (v <= 0) return OpStatus::kInvalidExpireTime;
  OpResult<int64_t> at =
      expire_time_ms(v, has(kOptEx | kOptExAt), has(kOptEx | kOptPx) ? now_ms : 0);
  if (at.ok() && *at <= 0) return OpStatus::kInvalidExpireTime;
  return at;
}

}  // namespace ironkv::commands
