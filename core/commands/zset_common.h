#pragma once
// Internals shared by the sorted-set command files (zset_family.cpp, zset_range.cpp,
// zset_setops.cpp): score/lex range parsing, reply shapes, the removal tail, and
// the pop logic the blocking pops (BZPOPMIN, BZPOPMAX, BZMPOP) reuse. Keys are
// looked up with Database::find<store::ZSetValue>.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/context.h"
#include "core/store/zset_value.h"

namespace ironkv::commands::zset {

// Texts only the sorted-set commands send (command::ArgError texts).
inline constexpr std::string_view kNotFloatRange = "ERR min or max is not a float";
inline constexpr std::string_view kNotLexRange = "ERR min or max not valid string range item";
inline constexpr std::string_view kNanResult = "ERR resulting score is not a number (NaN)";

store::ZSetLimits limits(const command::CommandContext& c);

// Redis zslParseRange: "(" makes a bound exclusive; the rest is read by strtod as a
// C string (so "" is 0, "inf" / "-inf" work, NaN is refused).
bool parse_score_range(std::string_view min, std::string_view max, store::ScoreRange& r);
// Redis zslParseLexRange: "-", "+", "[x", "(x".
bool parse_lex_range(std::string_view min, std::string_view max, store::LexRange& r);

// Replies made of elements with optional scores: RESP2 flat (member, score, ...),
// RESP3 nested [member, score] pairs.
void reply_elements_header(command::CommandContext& c, size_t n, bool withscores);
void reply_element(command::CommandContext& c, std::string_view member, double score,
                   bool withscores);

// For replies whose length is known only at the end: elements are written to a
// side buffer, then header + body go out together.
class DeferredElements {
 public:
  DeferredElements(command::CommandContext& c, bool withscores)
      : c_(c), body_builder_(body_, c.reply.protocol()), withscores_(withscores) {}
  void add(std::string_view member, double score);
  void finish();

 private:
  command::CommandContext& c_;
  std::string body_;
  resp::ReplyBuilder body_builder_;
  bool withscores_;
  size_t count_ = 0;
};

// Stores a sorted set built from `elements` (already ordered by score, member) at
// dst in the encoding their size calls for, or deletes dst when there are none.
// Replies the element count and marks the write. Redis's ZRANGESTORE / Z*STORE tail.
struct ScoredMember {
  std::string member;
  double score;
};
void store_result(command::CommandContext& c, std::string_view dst,
                  const std::vector<ScoredMember>& elements);

// After `removed` elements left the zset at key (ZREM, ZREMRANGEBY*): deletes the
// key once empty, marks the writes, notifies `event` (and "del"), replies the count.
void finish_removal(command::CommandContext& c, std::string_view key, const store::ZSetValue& z,
                    size_t removed, std::string_view event);

// The reply shapes of the pop commands.
enum class PopReply {
  kFlat,       // ZPOPMIN/ZPOPMAX in RESP2, or without COUNT: [m, s, m, s ...]
  kNested,     // ZPOPMIN/ZPOPMAX with COUNT in RESP3: [[m, s] ...]
  kKeyFlat,    // BZPOPMIN/BZPOPMAX: [key, m, s]
  kKeyNested,  // ZMPOP/BZMPOP: [key, [[m, s] ...]]
};

// Pops up to `count` (>= 1) elements of the zset at key from the low end (high end
// when max), replies in the given shape, deletes the key once empty and marks the
// writes. Returns how many were popped. The key must hold a non-empty zset.
size_t pop_and_reply(command::CommandContext& c, std::string_view key, store::ZSetValue& z,
                     bool max, size_t count, PopReply shape);

// The arguments of ZMPOP and BZMPOP from `numkeys_at` on:
// numkeys key [key ...] MIN|MAX [COUNT count], checked in Redis's order.
struct MpopArgs {
  size_t first_key = 0;   // argument index of the first key
  size_t numkeys = 0;
  bool max = false;
  size_t count = 1;
};
// Replies Redis's error and returns false on bad arguments (ZMPOP and BZMPOP).
bool parse_mpop_args(command::CommandContext& c, size_t numkeys_at, MpopArgs& out);

}  // namespace ironkv::commands::zset

namespace ironkv::commands::zset_handlers {
// Defined in zset_range.cpp.
enum class RangeType { kAuto, kRank, kScore, kLex };
enum class Direction { kAuto, kForward, kReverse };
// Redis zrangeGenericCommand. `first` is the index of the source key (its min and
// max follow); with store (ZRANGESTORE) argv[1] is the destination. kAuto: the
// BYSCORE / BYLEX / REV options decide (ZRANGE, ZRANGESTORE).
void zrange_generic(command::CommandContext& c, size_t first, bool store, RangeType type,
                    Direction dir);
// Redis zremrangeGenericCommand (a rank, score or lex range).
void zremrange_generic(command::CommandContext& c, RangeType type);

// The range commands are these generics with their arguments fixed:
//   ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
//   ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]
//   ZREVRANGE key start stop [WITHSCORES]
//   ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count] (ZREVRANGEBYSCORE: max min)
//   ZRANGEBYLEX key min max [LIMIT offset count] (ZREVRANGEBYLEX: max min)
//   ZREMRANGEBYRANK key start stop, ZREMRANGEBYSCORE key min max, ZREMRANGEBYLEX key min max
template <RangeType T, Direction D, size_t First = 1>
void cmd_range(command::CommandContext& c) {
  zrange_generic(c, First, /*store=*/First == 2, T, D);
}
template <RangeType T>
void cmd_remrange(command::CommandContext& c) {
  zremrange_generic(c, T);
}
void cmd_zcount(command::CommandContext& c);
void cmd_zlexcount(command::CommandContext& c);
// Defined in zset_setops.cpp.
void cmd_zunion(command::CommandContext& c);
void cmd_zinter(command::CommandContext& c);
void cmd_zdiff(command::CommandContext& c);
void cmd_zunionstore(command::CommandContext& c);
void cmd_zinterstore(command::CommandContext& c);
void cmd_zdiffstore(command::CommandContext& c);
void cmd_zintercard(command::CommandContext& c);
}  // namespace ironkv::commands::zset_handlers
