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
#include "core/store/zset_value.h"

namespace ironkv::commands::zset_handlers {

using command::ArgCursor;
using command::CommandContext;
using store::LexRange;
using store::Lookup;
using store::ScoreRange;
using store::ZSetValue;
using namespace zset;  // NOLINT(google-build-using-namespace): this family's helpers

namespace {

constexpr std::string_view kLimitNeedsBy =
    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
constexpr std::string_view kWithscoresBylex =
    "ERR syntax error, WITHSCORES not supported in combination with BYLEX";

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

}  // namespace

void zrange_generic(CommandContext& c, size_t first, bool store, RangeType type, Direction dir) {
  std::string_view key = c.arg(first);
  std::string_view min = c.arg(first + 1);
  std::string_view max = c.arg(first + 2);
  bool withscores = false;
  int64_t offset = 0;
  int64_t limit = -1;
  ArgCursor a = c.args(first + 3);
  while (a.has_next()) {
    if (!store && a.eat("WITHSCORES")) {
      withscores = true;
    } else if (a.eat("LIMIT", 2)) {
      offset = a.next<int64_t>();
      limit = a.next<int64_t>();
    } else if (dir == Direction::kAuto && a.eat("REV")) {
      dir = Direction::kReverse;
    } else if (type == RangeType::kAuto && a.eat("BYLEX")) {
      type = RangeType::kLex;
    } else if (type == RangeType::kAuto && a.eat("BYSCORE")) {
      type = RangeType::kScore;
    } else {
      break;
    }
  }
  if (dir == Direction::kAuto) dir = Direction::kForward;
  if (type == RangeType::kAuto) type = RangeType::kRank;
  if (!a.finish()) return c.error(a);
  // Redis tests the parsed value, so "LIMIT 0 -1" passes with a rank range.
  if (limit != -1 && type == RangeType::kRank) return c.reply.error(kLimitNeedsBy);
  if (withscores && type == RangeType::kLex) return c.reply.error(kWithscoresBylex);
  const bool reverse = dir == Direction::kReverse;
  // Score and lex ranges are written max first when reversed.
  if (reverse && type != RangeType::kRank) std::swap(min, max);

  int64_t start = 0;
  int64_t end = 0;
  ScoreRange score_range;
  LexRange lex_range;
  if (type == RangeType::kRank) {
    ArgCursor ranks = c.args(first + 1);
    start = ranks.next<int64_t>();
    end = ranks.next<int64_t>();
    if (!ranks.ok()) return c.error(ranks);
  } else if (type == RangeType::kScore && !parse_score_range(min, max, score_range)) {
    return c.reply.error(kNotFloatRange);
  } else if (type == RangeType::kLex && !parse_lex_range(min, max, lex_range)) {
    return c.reply.error(kNotLexRange);
  }

  OpResult<ZSetValue*> found = c.db().find<ZSetValue>(key, Lookup::kRead);
  if (found.wrong_type()) return c.error(found.status());
  RangeSink sink(c, withscores || store, store ? c.arg(1) : std::string_view{}, store);
  if (found.missing()) return sink.empty();
  const ZSetValue& z = **found;
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

namespace {

// ZCOUNT / ZLEXCOUNT: parse the range, then count.
template <class Range, class Parse>
void zcount_generic(CommandContext& c, Parse&& parse, std::string_view parse_error) {
  Range r;
  if (!parse(c.arg(2), c.arg(3), r)) return c.reply.error(parse_error);
  OpResult<ZSetValue*> z = c.db().find<ZSetValue>(c.arg(1), Lookup::kRead);
  if (z.wrong_type()) return c.error(z.status());
  c.reply.integer(z.ok() ? static_cast<int64_t>(z->count_in_range(r)) : 0);
}

}  // namespace

void zremrange_generic(CommandContext& c, RangeType type) {
  int64_t start = 0;
  int64_t end = 0;
  ScoreRange score_range;
  LexRange lex_range;
  if (type == RangeType::kRank) {
    ArgCursor a = c.args(2);
    start = a.next<int64_t>();
    end = a.next<int64_t>();
    if (!a.ok()) return c.error(a);
  } else if (type == RangeType::kScore && !parse_score_range(c.arg(2), c.arg(3), score_range)) {
    return c.reply.error(kNotFloatRange);
  } else if (type == RangeType::kLex && !parse_lex_range(c.arg(2), c.arg(3), lex_range)) {
    return c.reply.error(kNotLexRange);
  }

  std::string_view key = c.arg(1);
  OpResult<ZSetValue*> found = c.db().find<ZSetValue>(key, Lookup::kWrite);
  if (found.wrong_type()) return c.error(found.status());
  if (found.missing()) return c.reply.integer(0);
  ZSetValue& z = **found;
  size_t removed = 0;
  if (type == RangeType::kRank) {
    if (!clamp_ranks(start, end, static_cast<int64_t>(z.size()))) return c.reply.integer(0);
    removed = z.remove_rank_range(static_cast<size_t>(start), static_cast<size_t>(end));
  } else if (type == RangeType::kScore) {
    removed = z.remove_range(score_range);
  } else {
    removed = z.remove_range(lex_range);
  }
  finish_removal(c, key, z, removed, c.spec.name);  // zremrangebyrank / byscore / bylex
}

// ZCOUNT key min max → integer
void cmd_zcount(CommandContext& c) {
  zcount_generic<ScoreRange>(c, parse_score_range, kNotFloatRange);
}

// ZLEXCOUNT key min max → integer
void cmd_zlexcount(CommandContext& c) {
  zcount_generic<LexRange>(c, parse_lex_range, kNotLexRange);
}

}  // namespace ironkv::commands::zset_handlers
