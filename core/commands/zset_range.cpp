// Sorted-set range commands (Redis 7.0 zrangeGenericCommand and friends):
// ZRANGE ZRANGESTORE ZREVRANGE ZRANGEBYSCORE ZREVRANGEBYSCORE ZRANGEBYLEX
// ZREVRANGEBYLEX ZCOUNT ZLEXCOUNT ZREMRANGEBYRANK ZREMRANGEBYSCORE ZREMRANGEBYLEX.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/context.h"
#include "core/commands/zset_common.h"
#include "core/resp/errors.h"
#include "core/store/zset_value.h"
#include "core/util/numbers.h"

namespace ironkv::commands::zset_handlers {

using command::CommandContext;
using store::LexRange;
using store::ScoreRange;
using store::ZSetValue;
namespace err = resp::err;
namespace ev = server::events;  // keyspace notification classes
using namespace zset;  // NOLINT(google-build-using-namespace): this family's helpers

namespace {

constexpr std::string_view kLimitNeedsBy =
    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
constexpr std::string_view kWithscoresBylex =
    "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

enum class RangeType { kAuto, kRank, kScore, kLex };
enum class Direction { kAuto, kForward, kReverse };

// Redis's rank sanitising: negative indexes count from the end; false when the
// range is empty. On success 0 <= start <= end < len.
bool clamp_ranks(int64_t& start, int64_t& end, int64_t len) {
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return false;
  if (end >= len) end = len - 1;
  return true;
}

// Where a range's elements go: the reply (with a known or deferred length) or a
// destination key (ZRANGESTORE).
class RangeSink {
 public:
  RangeSink(CommandContext& c, bool withscores, std::string_view dst, bool store)
      : c_(c), withscores_(withscores), dst_(dst), store_(store) {}

  // The elements come through fn; their count is known up front (rank ranges).
  template <class Emit>
  void known(size_t n, Emit&& emit) {
    if (store_) {
      collected_.reserve(n);
      emit([&](std::string_view m, double s) { collected_.push_back({std::string(m), s}); });
      store_result(c_, dst_, collected_);
      if (!collected_.empty()) c_.signal_key_ready(dst_);  // wakes BZPOPMIN & co
      return;
    }
    reply_elements_header(c_, n, withscores_);
    emit([&](std::string_view m, double s) { reply_element(c_, m, s, withscores_); });
  }

  // The count is only known at the end (score and lex ranges).
  template <class Emit>
  void deferred(Emit&& emit) {
    if (store_) {
      emit([&](std::string_view m, double s) { collected_.push_back({std::string(m), s}); });
      store_result(c_, dst_, collected_);
      if (!collected_.empty()) c_.signal_key_ready(dst_);  // wakes BZPOPMIN & co
      return;
    }
    DeferredElements out(c_, withscores_);
    emit([&](std::string_view m, double s) { out.add(m, s); });
    out.finish();
  }

  void empty() {
    if (store_) {
      store_result(c_, dst_, collected_);
    } else {
      c_.reply.empty_array();
    }
  }

 private:
  CommandContext& c_;
  bool withscores_;
  std::string_view dst_;
  bool store_;
  std::vector<ScoredMember> collected_;
};

// Redis zrangeGenericCommand. `first` is the index of the source key (its min and
// max follow); dst is the destination for ZRANGESTORE.
void zrange_generic(CommandContext& c, size_t first, bool store, RangeType type, Direction dir) {
  std::string_view key = c.arg(first);
  std::string_view min = c.arg(first + 1);
  std::string_view max = c.arg(first + 2);
  bool withscores = false;
  int64_t offset = 0;
  int64_t limit = -1;
  for (size_t j = first + 3; j < c.argc(); ++j) {
    const size_t left = c.argc() - j - 1;
    std::string_view opt = c.arg(j);
    if (!store && is_option(opt, "withscores")) {
      withscores = true;
    } else if (is_option(opt, "limit") && left >= 2) {
      if (!util::parse_int64(c.arg(j + 1), offset) || !util::parse_int64(c.arg(j + 2), limit)) {
        c.reply.error(err::kNotInteger);
        return;
      }
      j += 2;
    } else if (dir == Direction::kAuto && is_option(opt, "rev")) {
      dir = Direction::kReverse;
    } else if (type == RangeType::kAuto && is_option(opt, "bylex")) {
      type = RangeType::kLex;
    } else if (type == RangeType::kAuto && is_option(opt, "byscore")) {
      type = RangeType::kScore;
    } else {
      c.reply.error(err::kSyntax);
      return;
    }
  }
  if (dir == Direction::kAuto) dir = Direction::kForward;
  if (type == RangeType::kAuto) type = RangeType::kRank;
  // Redis tests the parsed value, so "LIMIT 0 -1" passes with a rank range.
  if (limit != -1 && type == RangeType::kRank) {
    c.reply.error(kLimitNeedsBy);
    return;
  }
  if (withscores && type == RangeType::kLex) {
    c.reply.error(kWithscoresBylex);
    return;
  }
  const bool reverse = dir == Direction::kReverse;
  // Score and lex ranges are written max first when reversed.
  if (reverse && type != RangeType::kRank) std::swap(min, max);

  int64_t start = 0;
  int64_t end = 0;
  ScoreRange score_range;
  LexRange lex_range;
  switch (type) {
    case RangeType::kAuto:
    case RangeType::kRank:
      if (!util::parse_int64(min, start) || !util::parse_int64(max, end)) {
        c.reply.error(err::kNotInteger);
        return;
      }
      break;
    case RangeType::kScore:
      if (!parse_score_range(min, max, score_range)) {
        c.reply.error(kNotFloatRange);
        return;
      }
      break;
    case RangeType::kLex:
      if (!parse_lex_range(min, max, lex_range)) {
        c.reply.error(kNotLexRange);
        return;
      }
      break;
  }

  Found f = lookup(c, key, /*write=*/false);
  if (f.wrong_type) return;
  RangeSink sink(c, withscores || store, store ? c.arg(1) : std::string_view{}, store);
  if (f.zset == nullptr) {
    sink.empty();
    return;
  }
  const ZSetValue& z = *f.zset;
  const auto len = static_cast<int64_t>(z.size());

  if (type == RangeType::kRank) {
    if (!clamp_ranks(start, end, len)) {
      sink.empty();
      return;
    }
    sink.known(static_cast<size_t>(end - start + 1), [&](auto&& out) {
      z.range_by_rank(static_cast<size_t>(start), static_cast<size_t>(end), reverse, out);
    });
    return;
  }
  // A negative offset skips everything in Redis (its skip loop never reaches 0);
  // an offset past the end returns nothing without walking.
  if (offset < 0 || (offset > 0 && offset >= len)) {
    sink.empty();
    return;
  }
  sink.deferred([&](auto&& out) {
    if (type == RangeType::kScore) {
      z.range_by_score(score_range, reverse, static_cast<size_t>(offset), limit, out);
    } else {
      z.range_by_lex(lex_range, reverse, static_cast<size_t>(offset), limit, out);
    }
  });
}

// ZCOUNT / ZLEXCOUNT: parse the range, then count.
template <class Range, class Parse>
void zcount_generic(CommandContext& c, Parse&& parse, std::string_view parse_error) {
  Range r;
  if (!parse(c.arg(2), c.arg(3), r)) {
    c.reply.error(parse_error);
    return;
  }
  Found f = lookup(c, c.arg(1), /*write=*/false);
  if (f.wrong_type) return;
  c.reply.integer(f.zset == nullptr ? 0 : static_cast<int64_t>(f.zset->count_in_range(r)));
}

// Redis zremrangeGenericCommand.
void zremrange_generic(CommandContext& c, RangeType type) {
  int64_t start = 0;
  int64_t end = 0;
  ScoreRange score_range;
  LexRange lex_range;
  if (type == RangeType::kRank) {
    if (!util::parse_int64(c.arg(2), start) || !util::parse_int64(c.arg(3), end)) {
      c.reply.error(err::kNotInteger);
      return;
    }
  } else if (type == RangeType::kScore) {
    if (!parse_score_range(c.arg(2), c.arg(3), score_range)) {
      c.reply.error(kNotFloatRange);
      return;
    }
  } else if (!parse_lex_range(c.arg(2), c.arg(3), lex_range)) {
    c.reply.error(kNotLexRange);
    return;
  }

  std::string_view key = c.arg(1);
  Found f = lookup(c, key, /*write=*/true);
  if (f.wrong_type) return;
  if (f.zset == nullptr) {
    c.reply.integer(0);
    return;
  }
  ZSetValue& z = *f.zset;
  size_t removed = 0;
  if (type == RangeType::kRank) {
    if (!clamp_ranks(start, end, static_cast<int64_t>(z.size()))) {
      c.reply.integer(0);
      return;
    }
    removed = z.remove_rank_range(static_cast<size_t>(start), static_cast<size_t>(end));
  } else if (type == RangeType::kScore) {
    removed = z.remove_range(score_range);
  } else {
    removed = z.remove_range(lex_range);
  }
  const bool emptied = z.empty();
  if (emptied) c.db().erase(key);
  if (removed > 0) {
    c.mark_dirty(removed);
    c.notify(ev::kZset, c.spec.name, key);  // zremrangebyrank / byscore / bylex
    if (emptied) c.notify(ev::kGeneric, "del", key);
  }
  c.reply.integer(static_cast<int64_t>(removed));
}

}  // namespace

// ZRANGE key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
//   → array of member (WITHSCORES: member, score; RESP3 pairs)
void cmd_zrange(CommandContext& c) {
  zrange_generic(c, 1, false, RangeType::kAuto, Direction::kAuto);
}

// ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] → integer stored
void cmd_zrangestore(CommandContext& c) {
  zrange_generic(c, 2, true, RangeType::kAuto, Direction::kAuto);
}

// ZREVRANGE key start stop [WITHSCORES] → array
void cmd_zrevrange(CommandContext& c) {
  zrange_generic(c, 1, false, RangeType::kRank, Direction::kReverse);
}

// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count] → array
void cmd_zrangebyscore(CommandContext& c) {
  zrange_generic(c, 1, false, RangeType::kScore, Direction::kForward);
}

// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count] → array
void cmd_zrevrangebyscore(CommandContext& c) {
  zrange_generic(c, 1, false, RangeType::kScore, Direction::kReverse);
}

// ZRANGEBYLEX key min max [LIMIT offset count] → array
void cmd_zrangebylex(CommandContext& c) {
  zrange_generic(c, 1, false, RangeType::kLex, Direction::kForward);
}

// ZREVRANGEBYLEX key max min [LIMIT offset count] → array
void cmd_zrevrangebylex(CommandContext& c) {
  zrange_generic(c, 1, false, RangeType::kLex, Direction::kReverse);
}

// ZCOUNT key min max → integer
void cmd_zcount(CommandContext& c) {
  zcount_generic<ScoreRange>(c, parse_score_range, kNotFloatRange);
}

// ZLEXCOUNT key min max → integer
void cmd_zlexcount(CommandContext& c) {
  zcount_generic<LexRange>(c, parse_lex_range, kNotLexRange);
}

// ZREMRANGEBYRANK key start stop → integer removed
void cmd_zremrangebyrank(CommandContext& c) { zremrange_generic(c, RangeType::kRank); }
// ZREMRANGEBYSCORE key min max → integer removed
void cmd_zremrangebyscore(CommandContext& c) { zremrange_generic(c, RangeType::kScore); }
// ZREMRANGEBYLEX key min max → integer removed
void cmd_zremrangebylex(CommandContext& c) { zremrange_generic(c, RangeType::kLex); }

}  // namespace ironkv::commands::zset_handlers
