#include "core/store/zset_value.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/util/numbers.h"

namespace ironkv::store {

namespace {

using Pos = Listpack::Pos;
constexpr Pos kNone = Listpack::kNone;

// Redis LISTPACK_MAX_SAFETY_SIZE: a listpack never grows past 1 GiB.
constexpr size_t kListpackSafetyLimit = size_t{1} << 30;

// ---- listpack of member,score pairs ------------------------------------------------

// Scores are text in the listpack (integers as listpack integers); Redis reads
// them with strtod over at most 127 bytes.
double lp_score_at(const Listpack& lp, Pos score_pos) {
  const Listpack::Entry e = lp.get(score_pos);
  if (e.is_int) return static_cast<double>(e.ival);
  char buf[128];
  const size_t n = std::min(e.sval.size(), sizeof(buf) - 1);
  std::memcpy(buf, e.sval.data(), n);
  buf[n] = '\0';
  return std::strtod(buf, nullptr);
}

// Walks pairs: m is a member's position, its score follows.
struct LpCursor {
  const Listpack& lp;
  Pos m;
  IntBuf buf;

  bool valid() const { return m != kNone; }
  std::string_view member() { return lp.get(m).view(buf); }
  double score() const { return lp_score_at(lp, lp.next(m)); }
  void next() { m = lp.next(lp.next(m)); }
  void prev() {
    const Pos s = lp.prev(m);
    m = s == kNone ? kNone : lp.prev(s);
  }
  void step(bool reverse) {
    if (reverse) {
      prev();
    } else {
      next();
    }
  }
};

Pos lp_last_member(const Listpack& lp) {
  const Pos s = lp.last();
  return s == kNone ? kNone : lp.prev(s);
}

// Redis double2ll: integral scores within +-LLONG_MAX/2 are stored as listpack
// integers (so -0 becomes 0), the others as "%.17g" text.
std::string lp_score_text(double score) {
  constexpr double kLimit = static_cast<double>(std::numeric_limits<int64_t>::max() / 2);
  if (score >= -kLimit && score <= kLimit) {
    const auto ll = static_cast<int64_t>(score);
    if (static_cast<double>(ll) == score) return util::int64_to_string(ll);
  }
  return util::double_to_string(score);
}

// Inserts member (absent) at its place in the order.
void lp_insert(Listpack& lp, std::string_view member, double score) {
  const std::string text = lp_score_text(score);
  LpCursor c{lp, lp.first(), {}};
  for (; c.valid(); c.next()) {
    const double s = c.score();
    if (s > score || (s == score && c.member() > member)) {
      // Score first, then the member before it: member,score land at c.m.
      const Pos at = lp.insert_before(c.m, text);
      lp.insert_before(at, member);
      return;
    }
  }
  lp.append(member);
  lp.append(text);
}

void lp_erase_pair(Listpack& lp, Pos m) {
  const Pos s = lp.erase(m);
  lp.erase(s);
}

// Position of the first pair (in walk order) whose key satisfies `in`, and its
// pair index from the start.
template <class Pred>
std::pair<Pos, size_t> lp_first_where(const Listpack& lp, bool reverse, Pred&& in) {
  const size_t pairs = lp.size() / 2;
  LpCursor c{lp, reverse ? lp_last_member(lp) : lp.first(), {}};
  for (size_t i = 0; c.valid(); ++i, c.step(reverse)) {
    if (in(c)) return {c.m, reverse ? pairs - 1 - i : i};
  }
  return {kNone, 0};
}

// Redis zzlIsInRange / zzlIsInLexRange: can anything be inside? Tested on the two
// ends only, which for a lex range over mixed scores decides like Redis does.
bool lp_may_contain(const Listpack& lp, const ScoreRange& r) {
  const Pos last = lp_last_member(lp);
  return !r.always_empty() && last != kNone && r.gte_min(lp_score_at(lp, lp.next(last))) &&
         r.lte_max(lp_score_at(lp, lp.next(lp.first())));
}

bool lp_may_contain(const Listpack& lp, const LexRange& r) {
  const Pos last = lp_last_member(lp);
  if (r.always_empty() || last == kNone) return false;
  IntBuf last_buf;
  IntBuf first_buf;
  return r.gte_min(lp.get(last).view(last_buf)) && r.lte_max(lp.get(lp.first()).view(first_buf));
}

}  // namespace

// ---- life cycle ------------------------------------------------------------------

ZSetValue::ZSetValue() : rep_(std::in_place_type<Listpack>) {}
ZSetValue::ZSetValue(Listpack lp) : rep_(std::move(lp)) {}
ZSetValue::~ZSetValue() = default;

std::unique_ptr<ZSetValue> ZSetValue::create(size_t size_hint, size_t max_member_len,
                                             const ZSetLimits& lim) {
  auto z = std::make_unique<ZSetValue>();
  if (size_hint > lim.max_listpack_entries || max_member_len > lim.max_listpack_value) {
    z->convert_to_skiplist();
  }
  return z;
}

Encoding ZSetValue::encoding() const {
  return is_listpack() ? Encoding::kListpack : Encoding::kSkiplist;
}

std::unique_ptr<Collection> ZSetValue::clone() const {
  if (is_listpack()) return std::make_unique<ZSetValue>(lp().clone());
  auto z = std::make_unique<ZSetValue>();
  z->rep_ = std::make_unique<ZSkiplist>(zsl().clone());
  return z;
}

size_t ZSetValue::memory_bytes() const {
  return sizeof(*this) + (is_listpack() ? lp().memory_bytes() : zsl().memory_bytes());
}

size_t ZSetValue::size() const { return is_listpack() ? lp().size() / 2 : zsl().size(); }

// ---- conversions -----------------------------------------------------------------

void ZSetValue::convert_to_skiplist() {
  if (!is_listpack()) return;
  auto z = std::make_unique<ZSkiplist>();
  for (LpCursor c{lp(), lp().first(), {}}; c.valid(); c.next()) z->insert(c.member(), c.score());
  rep_ = std::move(z);
}

void ZSetValue::convert_to_listpack() {
  if (is_listpack()) return;
  Listpack out;
  for (const ZSkiplist::Node* n = zsl().first(); n != nullptr; n = n->next()) {
    out.append(n->member());
    out.append(lp_score_text(n->score()));
  }
  rep_ = std::move(out);
}

void ZSetValue::maybe_convert_to_listpack(const ZSetLimits& lim) {
  if (is_listpack() || zsl().size() > lim.max_listpack_entries) return;
  size_t total = 0;
  for (const ZSkiplist::Node* n = zsl().first(); n != nullptr; n = n->next()) {
    if (n->member().size() > lim.max_listpack_value) return;
    total += n->member().size();
  }
  if (total > kListpackSafetyLimit) return;
  convert_to_listpack();
}

// ---- single members ----------------------------------------------------------------

std::optional<double> ZSetValue::score(std::string_view member) const {
  if (is_listpack()) {
    const Pos m = lp().find(member, 1);
    if (m == kNone) return std::nullopt;
    return lp_score_at(lp(), lp().next(m));
  }
  const ZSkiplist::Node* n = zsl().find(member);
  if (n == nullptr) return std::nullopt;
  return n->score();
}

ZAddOutcome ZSetValue::add(std::string_view member, double score, unsigned flags,
                           const ZSetLimits& lim, double* new_score) {
  const bool incr = (flags & kZAddIncr) != 0;
  const bool nx = (flags & kZAddNx) != 0;
  const bool xx = (flags & kZAddXx) != 0;
  const bool gt = (flags & kZAddGt) != 0;
  const bool lt = (flags & kZAddLt) != 0;
  if (std::isnan(score)) return ZAddOutcome::kNaN;

  // An existing member: NX skips it; INCR adds; GT/LT compare with the result.
  auto existing = [&](double cur, double& target) -> std::optional<ZAddOutcome> {
    if (nx) return ZAddOutcome::kNop;
    target = incr ? score + cur : score;
    if (std::isnan(target)) return ZAddOutcome::kNaN;
    if ((lt && target >= cur) || (gt && target <= cur)) return ZAddOutcome::kNop;
    if (new_score != nullptr) *new_score = target;
    if (target == cur) return ZAddOutcome::kUnchanged;
    return std::nullopt;  // the caller moves it
  };

  if (is_listpack()) {
    Listpack& l = lp();
    const Pos m = l.find(member, 1);
    if (m != kNone) {
      double target = 0;
      if (auto out = existing(lp_score_at(l, l.next(m)), target)) return *out;
      lp_erase_pair(l, m);
      lp_insert(l, member, target);
      return ZAddOutcome::kUpdated;
    }
    if (xx) return ZAddOutcome::kNop;
    if (size() + 1 <= lim.max_listpack_entries && member.size() <= lim.max_listpack_value &&
        l.bytes_size() + member.size() <= kListpackSafetyLimit) {
      lp_insert(l, member, score);
      if (new_score != nullptr) *new_score = score;
      return ZAddOutcome::kAdded;
    }
    convert_to_skiplist();
  }

  ZSkiplist& z = zsl();
  if (const ZSkiplist::Node* n = z.find(member)) {
    double target = 0;
    if (auto out = existing(n->score(), target)) return *out;
    z.update_score(n, target);
    return ZAddOutcome::kUpdated;
  }
  if (xx) return ZAddOutcome::kNop;
  z.insert(member, score);
  if (new_score != nullptr) *new_score = score;
  return ZAddOutcome::kAdded;
}

bool ZSetValue::remove(std::string_view member) {
  if (is_listpack()) {
    const Pos m = lp().find(member, 1);
    if (m == kNone) return false;
    lp_erase_pair(lp(), m);
    return true;
  }
  const ZSkiplist::Node* n = zsl().find(member);
  if (n == nullptr) return false;
  zsl().erase(n);
  return true;
}

std::optional<size_t> ZSetValue::rank(std::string_view member, bool reverse) const {
  const size_t n = size();
  if (is_listpack()) {
    const Pos target = lp().find(member, 1);
    if (target == kNone) return std::nullopt;
    size_t r = 0;
    for (Pos m = lp().first(); m != target; m = lp().next(lp().next(m))) ++r;
    return reverse ? n - 1 - r : r;
  }
  const ZSkiplist::Node* node = zsl().find(member);
  if (node == nullptr) return std::nullopt;
  const size_t r = zsl().rank_of(node);  // 1-based
  return reverse ? n - r : r - 1;
}

// ---- walks and ranges ------------------------------------------------------------

void ZSetValue::for_each(ZElementFn fn, bool reverse) const {
  if (is_listpack()) {
    for (LpCursor c{lp(), reverse ? lp_last_member(lp()) : lp().first(), {}}; c.valid();
         c.step(reverse)) {
      fn(c.member(), c.score());
    }
    return;
  }
  for (const ZSkiplist::Node* n = reverse ? zsl().last() : zsl().first(); n != nullptr;
       n = reverse ? n->prev() : n->next()) {
    fn(n->member(), n->score());
  }
}

void ZSetValue::range_by_rank(size_t start, size_t end, bool reverse, ZElementFn fn) const {
  size_t count = end - start + 1;
  const size_t n = size();
  if (is_listpack()) {
    const size_t first = reverse ? n - 1 - start : start;
    for (LpCursor c{lp(), lp().seek(static_cast<int64_t>(2 * first)), {}}; count > 0 && c.valid();
         --count, c.step(reverse)) {
      fn(c.member(), c.score());
    }
    return;
  }
  const ZSkiplist::Node* node = zsl().by_rank(reverse ? n - start : start + 1);
  for (; count > 0 && node != nullptr; --count, node = reverse ? node->prev() : node->next()) {
    fn(node->member(), node->score());
  }
}

namespace {

// Yields from a first in-range element, walking in order while `in_range`, after
// skipping `offset` (the skipped ones are not range-checked, as in Redis: the range
// is contiguous so it makes no difference).
template <class Cursor, class InRange>
size_t yield_range(Cursor& c, bool reverse, size_t offset, int64_t limit, InRange&& in_range,
                   ZElementFn fn) {
  while (c.valid() && offset > 0) {
    c.step(reverse);
    --offset;
  }
  size_t yielded = 0;
  for (; c.valid() && limit != 0; c.step(reverse)) {
    if (!in_range(c)) break;
    fn(c.member(), c.score());
    ++yielded;
    if (limit > 0) --limit;
  }
  return yielded;
}

struct NodeCursor {
  const ZSkiplist::Node* n;
  bool valid() const { return n != nullptr; }
  std::string_view member() const { return n->member(); }
  double score() const { return n->score(); }
  void step(bool reverse) { n = reverse ? n->prev() : n->next(); }
};

}  // namespace

size_t ZSetValue::range_by_score(const ScoreRange& r, bool reverse, size_t offset, int64_t limit,
                                 ZElementFn fn) const {
  // Walking forward the end of the range is max; backward it is min.
  auto in_end = [&](auto& c) { return reverse ? r.gte_min(c.score()) : r.lte_max(c.score()); };
  if (is_listpack()) {
    if (!lp_may_contain(lp(), r)) return 0;
    const Pos start = lp_first_where(lp(), reverse, [&](LpCursor& c) {
                        return reverse ? r.lte_max(c.score()) : r.gte_min(c.score());
                      }).first;
    LpCursor c{lp(), start, {}};
    return yield_range(c, reverse, offset, limit, in_end, fn);
  }
  NodeCursor c{reverse ? zsl().last_in_range(r) : zsl().first_in_range(r)};
  return yield_range(c, reverse, offset, limit, in_end, fn);
}

size_t ZSetValue::range_by_lex(const LexRange& r, bool reverse, size_t offset, int64_t limit,
                               ZElementFn fn) const {
  auto in_end = [&](auto& c) { return reverse ? r.gte_min(c.member()) : r.lte_max(c.member()); };
  if (is_listpack()) {
    if (!lp_may_contain(lp(), r)) return 0;
    const Pos start = lp_first_where(lp(), reverse, [&](LpCursor& c) {
                        return reverse ? r.lte_max(c.member()) : r.gte_min(c.member());
                      }).first;
    LpCursor c{lp(), start, {}};
    return yield_range(c, reverse, offset, limit, in_end, fn);
  }
  NodeCursor c{reverse ? zsl().last_in_range(r) : zsl().first_in_range(r)};
  return yield_range(c, reverse, offset, limit, in_end, fn);
}

namespace {

// Redis zcount/zlexcount on a skiplist: ranks of the first and last nodes in range
// (unsigned arithmetic, as Redis does it).
template <class Range>
size_t skiplist_count(const ZSkiplist& z, const Range& r) {
  const ZSkiplist::Node* first = z.first_in_range(r);
  if (first == nullptr) return 0;
  const size_t n = z.size();
  size_t count = n - (z.rank_of(first) - 1);
  if (const ZSkiplist::Node* last = z.last_in_range(r)) count -= n - z.rank_of(last);
  return count;
}

}  // namespace

size_t ZSetValue::count_in_range(const ScoreRange& r) const {
  if (is_listpack()) return range_by_score(r, false, 0, -1, [](std::string_view, double) {});
  return skiplist_count(zsl(), r);
}

size_t ZSetValue::count_in_range(const LexRange& r) const {
  if (is_listpack()) return range_by_lex(r, false, 0, -1, [](std::string_view, double) {});
  return skiplist_count(zsl(), r);
}

// ---- removals --------------------------------------------------------------------

size_t ZSetValue::remove_rank_range(size_t start, size_t end) {
  const size_t count = end - start + 1;
  if (is_listpack()) {
    lp().erase_range(static_cast<int64_t>(2 * start), 2 * count);
    return count;
  }
  return zsl().erase_rank_range(start + 1, end + 1);
}

size_t ZSetValue::remove_range(const ScoreRange& r) {
  if (!is_listpack()) return zsl().erase_range(r);
  if (!lp_may_contain(lp(), r)) return 0;
  auto [m, index] = lp_first_where(lp(), false, [&](LpCursor& c) { return r.gte_min(c.score()); });
  size_t count = 0;
  for (LpCursor c{lp(), m, {}}; c.valid() && r.lte_max(c.score()); c.next()) ++count;
  lp().erase_range(static_cast<int64_t>(2 * index), 2 * count);
  return count;
}

size_t ZSetValue::remove_range(const LexRange& r) {
  if (!is_listpack()) return zsl().erase_range(r);
  if (!lp_may_contain(lp(), r)) return 0;
  auto [m, index] = lp_first_where(lp(), false, [&](LpCursor& c) { return r.gte_min(c.member()); });
  size_t count = 0;
  for (LpCursor c{lp(), m, {}}; c.valid() && r.lte_max(c.member()); c.next()) ++count;
  lp().erase_range(static_cast<int64_t>(2 * index), 2 * count);
  return count;
}

size_t ZSetValue::pop(bool max, size_t count, ZElementFn fn) {
  const size_t n = std::min(count, size());
  if (is_listpack()) {
    LpCursor c{lp(), max ? lp_last_member(lp()) : lp().first(), {}};
    for (size_t i = 0; i < n; ++i, c.step(max)) fn(c.member(), c.score());
    lp().erase_range(static_cast<int64_t>(max ? 2 * (size() - n) : 0), 2 * n);
    return n;
  }
  ZSkiplist& z = zsl();
  for (size_t i = 0; i < n; ++i) {
    const ZSkiplist::Node* node = max ? z.last() : z.first();
    fn(node->member(), node->score());
    z.erase(node);
  }
  return n;
}

uint64_t ZSetValue::scan(uint64_t cursor, ZScanFn fn) const {
  if (is_listpack()) {
    IntBuf score_buf;
    for (LpCursor c{lp(), lp().first(), {}}; c.valid(); c.next()) {
      fn(c.member(), lp().get(lp().next(c.m)).view(score_buf));
    }
    return 0;
  }
  return zsl().scan(
      cursor, [&](const ZSkiplist::Node& n) { fn(n.member(), util::double_to_string(n.score())); });
}

void ZSetValue::random_elements(size_t count, bool distinct, Rng& rng, ZElementFn fn) const {
  const size_t n = size();
  if (n == 0 || count == 0) return;
  // Element by 0-based rank: listpack positions are collected once.
  std::vector<Pos> positions;
  if (is_listpack()) {
    positions.reserve(n);
    for (Pos m = lp().first(); m != kNone; m = lp().next(lp().next(m))) positions.push_back(m);
  }
  auto emit = [&](size_t index) {
    if (is_listpack()) {
      LpCursor c{lp(), positions[index], {}};
      fn(c.member(), c.score());
    } else {
      const ZSkiplist::Node* node = zsl().by_rank(index + 1);
      fn(node->member(), node->score());
    }
  };
  std::uniform_int_distribution<size_t> pick(0, n - 1);
  if (!distinct) {
    for (size_t i = 0; i < count; ++i) emit(pick(rng));
    return;
  }
  if (count * 3 > n) {
    // Many of them: a partial shuffle of all ranks.
    std::vector<size_t> ranks(n);
    std::iota(ranks.begin(), ranks.end(), size_t{0});
    for (size_t i = 0; i < count; ++i) {
      std::uniform_int_distribution<size_t> rest(i, n - 1);
      std::swap(ranks[i], ranks[rest(rng)]);
      emit(ranks[i]);
    }
    return;
  }
  // Few of them: draw until enough distinct ranks came up.
  std::unordered_set<size_t> seen;
  seen.reserve(count);
  while (seen.size() < count) {
    const size_t r = pick(rng);
    if (seen.insert(r).second) emit(r);
  }
}

}  // namespace ironkv::store
