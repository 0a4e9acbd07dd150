// Sorted-set algebra (Redis 7.0 zunionInterDiffGenericCommand): ZUNION ZINTER ZDIFF
// ZUNIONSTORE ZINTERSTORE ZDIFFSTORE ZINTERCARD. Plain sets are accepted as inputs,
// every member with score 1.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/command/context.h"
#include "core/commands/collection_args.h"
#include "core/commands/zset_common.h"
#include "core/store/set_value.h"
#include "core/store/zset_value.h"

namespace ironkv::commands::zset_handlers {

using command::ArgCursor;
using command::CommandContext;
using store::SetValue;
using store::ZSetValue;
using namespace zset;  // NOLINT(google-build-using-namespace): this family's helpers

namespace {

constexpr std::string_view kWeightNotFloat = "ERR weight value is not a float";

enum class SetOp { kUnion, kInter, kDiff };
enum class Aggregate { kSum, kMin, kMax };

// One input: a sorted set, a set (scores 1), or a missing key (empty).
struct Source {
  ZSetValue* zset = nullptr;
  SetValue* set = nullptr;
  const void* subject = nullptr;  // the value itself, to spot a key given twice
  double weight = 1.0;

  size_t size() const {
    if (zset != nullptr) return zset->size();
    if (set != nullptr) return set->size();
    return 0;
  }
  template <class F>
  void for_each(F&& fn) const {
    if (zset != nullptr) {
      zset->for_each(fn);
    } else if (set != nullptr) {
      set->for_each([&](const SetValue::Member& m) {
        store::IntBuf buf;
        fn(m.text(buf), 1.0);
      });
    }
  }
  std::optional<double> find(std::string_view member) const {
    if (zset != nullptr) return zset->score(member);
    if (set != nullptr && set->contains(member)) return 1.0;
    return std::nullopt;
  }
};

// Redis zunionInterAggregate: a SUM of +inf and -inf is 0.
void aggregate(double& target, double value, Aggregate how) {
  switch (how) {
    case Aggregate::kSum:
      target += value;
      if (std::isnan(target)) target = 0.0;
      break;
    case Aggregate::kMin:
      target = value < target ? value : target;
      break;
    case Aggregate::kMax:
      target = value > target ? value : target;
      break;
  }
}

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

void sort_result(std::vector<ScoredMember>& v) {
  std::sort(v.begin(), v.end(), [](const ScoredMember& a, const ScoredMember& b) {
    return a.score < b.score || (a.score == b.score && a.member < b.member);
  });
}

// `numkeys_at` is the index of numkeys; with store, argv[1] is the destination.
void zsetop_generic(CommandContext& c, size_t numkeys_at, bool store, SetOp op,
                    bool cardinality_only) {
  ArgCursor a = c.args(numkeys_at);
  const std::span<const std::string_view> keys =
      next_keys(a, {.not_integer = OpStatus::kNotAnInteger,
                    .needs_key_for = c.spec.name,
                    .too_many = OpStatus::kSyntax});
  if (!a.ok()) return c.error(a);
  const size_t n = keys.size();

  // Types are checked before the options are parsed, as in Redis. Either type is
  // an input here, so this is the one lookup that is not Database::find<T>.
  std::vector<Source> src(n);
  for (size_t i = 0; i < n; ++i) {
    store::Value* v = c.db().lookup_read(keys[i]);
    if (v == nullptr) continue;
    if (v->type() == store::ObjType::kZSet) {
      src[i].zset = v->as<ZSetValue>();
    } else if (v->type() == store::ObjType::kSet) {
      src[i].set = v->as<SetValue>();
    } else {
      return c.error(OpStatus::kWrongType);
    }
    src[i].subject = v->coll();
  }

  Aggregate how = Aggregate::kSum;
  bool withscores = false;
  int64_t limit = 0;  // ZINTERCARD: 0 = no limit
  const bool weighted = op != SetOp::kDiff && !cardinality_only;
  while (a.has_next()) {
    if (weighted && a.eat("WEIGHTS", n)) {
      for (Source& s : src) s.weight = a.next<double>(kWeightNotFloat);
    } else if (weighted && a.eat("AGGREGATE", 1)) {
      how = a.next_enum<Aggregate>(
          {{"SUM", Aggregate::kSum}, {"MIN", Aggregate::kMin}, {"MAX", Aggregate::kMax}});
    } else if (!store && !cardinality_only && a.eat("WITHSCORES")) {
      withscores = true;
    } else if (cardinality_only && a.eat("LIMIT", 1)) {
      limit = next_limit(a);
    } else {
      break;
    }
  }
  if (!a.finish()) return c.error(a);

  // Smallest inputs first (a stable sort, like glibc's merge-sort qsort): the
  // intersection walks the smallest one, and the union's sums add in this order.
  if (op != SetOp::kDiff) {
    std::stable_sort(src.begin(), src.end(),
                     [](const Source& a, const Source& b) { return a.size() < b.size(); });
  }

  std::vector<ScoredMember> result;
  size_t cardinality = 0;
  if (op == SetOp::kInter) {
    if (src[0].size() > 0) {
      bool done = false;
      src[0].for_each([&](std::string_view member, double score0) {
        if (done) return;
        double score = src[0].weight * score0;
        if (std::isnan(score)) score = 0;
        size_t k = 1;
        for (; k < n; ++k) {
          double value;
          if (src[k].subject == src[0].subject) {
            value = score0 * src[k].weight;
          } else if (std::optional<double> found = src[k].find(member)) {
            value = *found * src[k].weight;
          } else {
            break;
          }
          aggregate(score, value, how);
        }
        if (k != n) return;
        if (cardinality_only) {
          ++cardinality;
          if (limit > 0 && cardinality >= static_cast<uint64_t>(limit)) done = true;
        } else {
          result.push_back({std::string(member), score});
        }
      });
    }
  } else if (op == SetOp::kUnion) {
    std::unordered_map<std::string, double, StringViewHash, std::equal_to<>> acc;
    acc.reserve(src.back().size());
    for (const Source& s : src) {
      s.for_each([&](std::string_view member, double score0) {
        double score = s.weight * score0;
        if (std::isnan(score)) score = 0;
        if (auto it = acc.find(member); it != acc.end()) {
          aggregate(it->second, score, how);
        } else {
          acc.emplace(std::string(member), score);
        }
      });
    }
    result.reserve(acc.size());
    for (auto& [member, score] : acc) result.push_back({member, score});
  } else {
    // Members of the first input found in none of the others, with their scores.
    src[0].for_each([&](std::string_view member, double score) {
      for (size_t k = 1; k < n; ++k) {
        if (src[k].subject == src[0].subject || src[k].find(member)) return;
      }
      result.push_back({std::string(member), score});
    });
  }

  if (cardinality_only) {
    c.reply.integer(static_cast<int64_t>(cardinality));
    return;
  }
  sort_result(result);
  if (store) {
    store_result(c, c.arg(1), result);
    if (!result.empty()) c.signal_key_ready(c.arg(1));  // wakes BZPOPMIN & co
    return;
  }
  reply_elements_header(c, result.size(), withscores);
  for (const ScoredMember& e : result) reply_element(c, e.member, e.score, withscores);
}

}  // namespace

// ZUNION numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES] → array
void cmd_zunion(CommandContext& c) { zsetop_generic(c, 1, false, SetOp::kUnion, false); }
// ZINTER numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES] → array
void cmd_zinter(CommandContext& c) { zsetop_generic(c, 1, false, SetOp::kInter, false); }
// ZDIFF numkeys key [key ...] [WITHSCORES] → array
void cmd_zdiff(CommandContext& c) { zsetop_generic(c, 1, false, SetOp::kDiff, false); }
// ZUNIONSTORE dst numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE ...] → integer
void cmd_zunionstore(CommandContext& c) { zsetop_generic(c, 2, true, SetOp::kUnion, false); }
// ZINTERSTORE dst numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE ...] → integer
void cmd_zinterstore(CommandContext& c) { zsetop_generic(c, 2, true, SetOp::kInter, false); }
// ZDIFFSTORE dst numkeys key [key ...] → integer
void cmd_zdiffstore(CommandContext& c) { zsetop_generic(c, 2, true, SetOp::kDiff, false); }
// ZINTERCARD numkeys key [key ...] [LIMIT limit] → integer
void cmd_zintercard(CommandContext& c) { zsetop_generic(c, 1, false, SetOp::kInter, true); }

}  // namespace ironkv::commands::zset_handlers
