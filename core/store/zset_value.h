#pragma once
// The sorted set type with Redis 7.0's two encodings (t_zset.c semantics, our own code):
//   listpack  member,score pairs ordered by score then member; scores stored as
//             text in Redis's format (integers as listpack integers). Used while
//             count <= zset-max-listpack-entries and every member <=
//             zset-max-listpack-value bytes.
//   skiplist  a ZSkiplist (skiplist with spans fused with a member -> node index).
// A listpack becomes a skiplist when an add would break a limit. Only the store
// paths (ZRANGESTORE, ZUNIONSTORE ...) build results in the small encoding again:
// create() / maybe_convert_to_listpack().
//
// Elements are handed to callbacks as (member, score). Member views point into the
// set (or a scratch buffer for listpack integers) and are valid only during the
// call; callbacks must not modify this set.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "core/store/listpack.h"
#include "core/store/skiplist.h"
#include "core/store/value.h"

namespace ironkv::store {

// The configured thresholds (zset-max-listpack-entries / -value).
struct ZSetLimits {
  size_t max_listpack_entries = 128;
  size_t max_listpack_value = 64;
};

// ZADD's input flags (Redis ZADD_IN_*).
enum ZAddFlag : unsigned {
  kZAddIncr = 1u << 0,
  kZAddNx = 1u << 1,
  kZAddXx = 1u << 2,
  kZAddGt = 1u << 3,
  kZAddLt = 1u << 4,
};

enum class ZAddOutcome : uint8_t {
  kAdded,      // new member
  kUpdated,    // existing member, score changed
  kUnchanged,  // existing member, same score (processed: INCR still replies)
  kNop,        // skipped by NX / XX / GT / LT
  kNaN,        // the score (or INCR's result) is NaN: nothing changed
};

// A non-owning reference to a callable void(Args...); the callable must outlive
// the call it is passed to (pass lambdas directly).
template <class... Args>
class ZFnRef {
 public:
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, ZFnRef> && std::is_invocable_v<F&, Args...>)
      ZFnRef(F&& f)
  noexcept  // NOLINT(google-explicit-constructor): used like a lambda
      : obj_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_(&invoke<std::remove_reference_t<F>>) {}

  void operator()(Args... args) const { call_(obj_, args...); }

 private:
  template <class F>
  static void invoke(void* obj, Args... args) {
    (*static_cast<F*>(obj))(args...);
  }
  void* obj_;
  void (*call_)(void*, Args...);
};

// (member, score)
using ZElementFn = ZFnRef<std::string_view, double>;
// (member, score as text)
using ZScanFn = ZFnRef<std::string_view, std::string_view>;

class ZSetValue final : public Collection {
 public:
  using Rng = std::mt19937_64;

  ZSetValue();                      // empty, listpack
  explicit ZSetValue(Listpack lp);  // adopts a zset listpack (RDB): pairs, ordered
  ~ZSetValue() override;

  // Redis zsetTypeCreate: the encoding for a new zset about to receive about
  // `size_hint` members, the longest `max_member_len` bytes.
  static std::unique_ptr<ZSetValue> create(size_t size_hint, size_t max_member_len,
                                           const ZSetLimits& lim);

  static constexpr ObjType kType = ObjType::kZSet;  // Database::find<T>
  ObjType type() const override { return kType; }
  Encoding encoding() const override;
  std::unique_ptr<Collection> clone() const override;
  size_t memory_bytes() const override;
  size_t element_count() const override { return size(); }

  size_t size() const;
  bool empty() const { return size() == 0; }

  std::optional<double> score(std::string_view member) const;

  // Redis zsetAdd. With kZAddIncr, `score` is the increment. *new_score gets the
  // member's score afterwards unless the outcome is kNop / kNaN. May convert to
  // skiplist. `member` must not point into this set.
  ZAddOutcome add(std::string_view member, double score, unsigned flags, const ZSetLimits& lim,
                  double* new_score = nullptr);
  bool remove(std::string_view member);

  // 0-based rank in ascending order, or from the top when reverse.
  std::optional<size_t> rank(std::string_view member, bool reverse) const;

  // Every element, ascending (descending when reverse).
  void for_each(ZElementFn fn, bool reverse = false) const;

  // Ranks start..end (0-based, inclusive), counted from the top when reverse.
  // Precondition: start <= end < size().
  void range_by_rank(size_t start, size_t end, bool reverse, ZElementFn fn) const;
  // Elements inside the range in order (descending when reverse), skipping the
  // first `offset` of them and yielding at most `limit` (< 0: all). Returns the
  // number yielded.
  size_t range_by_score(const ScoreRange& r, bool reverse, size_t offset, int64_t limit,
                        ZElementFn fn) const;
  size_t range_by_lex(const LexRange& r, bool reverse, size_t offset, int64_t limit,
                      ZElementFn fn) const;
  size_t count_in_range(const ScoreRange& r) const;
  size_t count_in_range(const LexRange& r) const;

  // Removals; return how many members went. Ranks 0-based inclusive, start <= end < size().
  size_t remove_rank_range(size_t start, size_t end);
  size_t remove_range(const ScoreRange& r);
  size_t remove_range(const LexRange& r);

  // ZPOPMIN / ZPOPMAX core, shared with the blocking pops: removes up to `count`
  // elements from the low end (high end when max), lowest (highest) first,
  // passing each to fn before it is removed. Returns how many were popped.
  size_t pop(bool max, size_t count, ZElementFn fn);

  // Redis SCAN: a listpack returns everything and 0; a skiplist the bucket(s) of
  // its index the cursor designates and the next cursor. Scores come as Redis
  // sends them here: a listpack's stored text (integral scores as integers, so
  // 1e17 is "100000000000000000" and -0 is "0"), a skiplist's "%.17g".
  uint64_t scan(uint64_t cursor, ZScanFn fn) const;

  // `count` uniformly random elements: with repetition, or, when distinct, all
  // different (precondition count < size()). Not empty.
  void random_elements(size_t count, bool distinct, Rng& rng, ZElementFn fn) const;

  void convert_to_skiplist();
  void convert_to_listpack();
  // Redis zsetConvertToListpackIfNeeded: back to a listpack if the limits allow.
  void maybe_convert_to_listpack(const ZSetLimits& lim);

  // The raw encodings, for persistence; nullptr unless the set has that encoding.
  const Listpack* listpack() const { return std::get_if<Listpack>(&rep_); }
  const ZSkiplist* skiplist() const {
    auto* p = std::get_if<std::unique_ptr<ZSkiplist>>(&rep_);
    return p == nullptr ? nullptr : p->get();
  }

 private:
  bool is_listpack() const { return rep_.index() == 0; }
  Listpack& lp() { return std::get<Listpack>(rep_); }
  const Listpack& lp() const { return std::get<Listpack>(rep_); }
  ZSkiplist& zsl() { return *std::get<std::unique_ptr<ZSkiplist>>(rep_); }
  const ZSkiplist& zsl() const { return *std::get<std::unique_ptr<ZSkiplist>>(rep_); }

  std::variant<Listpack, std::unique_ptr<ZSkiplist>> rep_;
};

}  // namespace ironkv::store
