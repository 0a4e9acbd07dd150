#pragma once
// The expiry options of SET, GETEX and the EXPIRE family read by one parser
// (Redis parseExtendedStringArgumentsOrReply and parseExtendedExpireArgumentsOrReply),
// and one conversion of an expiry argument to an absolute unix time in ms
// (getExpireMillisecondsOrReply, expireGenericCommand).

#include <cstdint>
#include <string_view>

#include "core/command/args.h"
#include "core/util/op_status.h"

namespace ironkv::commands {

// The option words, as bits of ExpireOptions::flags.
inline constexpr unsigned kOptNx = 1u << 0, kOptXx = 1u << 1, kOptGt = 1u << 2, kOptLt = 1u << 3;
inline constexpr unsigned kOptGet = 1u << 4, kOptKeepTtl = 1u << 5, kOptPersist = 1u << 6;
inline constexpr unsigned kOptEx = 1u << 7, kOptPx = 1u << 8;       // seconds / ms from now
inline constexpr unsigned kOptExAt = 1u << 9, kOptPxAt = 1u << 10;  // unix seconds / ms
inline constexpr unsigned kOptAnyExpiry = kOptEx | kOptPx | kOptExAt | kOptPxAt;

// Whose grammar the options follow.
//   kSet     NX XX GET KEEPTTL EX PX EXAT PXAT
//   kGetex   PERSIST EX PX EXAT PXAT
//   kExpire  NX XX GT LT
// For SET and GETEX a word the command does not take, one that conflicts with an
// earlier one (NX after XX, KEEPTTL after EX ...) or an expiry without its value
// is a syntax error; repeating an option is allowed (the last value wins). For
// the EXPIRE family another word is "ERR Unsupported option <word>", and the
// conflicts (NX with XX/GT/LT, GT with LT) are checked once all were read.
enum class ExpireSyntax { kSet, kGetex, kExpire };

struct ExpireOptions {
  unsigned flags = 0;
  std::string_view when;  // the EX/PX/EXAT/PXAT value as given, parsed later

  bool has(unsigned f) const { return (flags & f) != 0; }
  bool has_expiry() const { return has(kOptAnyExpiry); }
  bool absolute() const { return has(kOptExAt | kOptPxAt); }

  // SET/GETEX: `when` as an absolute unix ms (Redis getExpireMillisecondsOrReply):
  // kNotAnInteger, or kInvalidExpireTime for values <= 0 and overflows.
  OpResult<int64_t> deadline_ms(int64_t now_ms) const;
};

// Reads the options from the cursor to its end; errors are recorded in it.
ExpireOptions parse_expire_options(command::ArgCursor& a, ExpireSyntax syntax);

// `v` (seconds or ms) plus `base_ms` (now for a relative time, 0 for an absolute
// one), or kInvalidExpireTime when the unit conversion or the addition overflows.
OpResult<int64_t> expire_time_ms(int64_t v, bool seconds, int64_t base_ms);

}  // namespace ironkv::commands
