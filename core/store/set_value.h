#pragma once
// The set type with Redis 7.2's three encodings (t_set.c semantics, our own code):
//   intset    every member is a canonical int64 and count <= set-max-intset-entries
//   listpack  small sets: count <= set-max-listpack-entries and every member
//             <= set-max-listpack-value bytes (insertion order)
//   hashtable everything else: a Dict whose node keys are the member bytes
// Conversions only go intset -> listpack/hashtable and listpack -> hashtable, as
// members are added; a set never converts back by itself (maybe_convert_to_intset
// is for SINTERSTORE, which builds a fresh set).
//
// A member is handed around as a Member: an integer (intset entries, listpack
// integer entries) or a view of bytes. Views stay valid until the set is modified.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/store/dict.h"
#include "core/store/intset.h"
#include "core/store/listpack.h"
#include "core/store/value.h"

namespace ironkv::store {

// The configured thresholds (set-max-intset-entries, set-max-listpack-entries,
// set-max-listpack-value) that choose a set's encoding.
struct SetLimits {
  size_t max_intset_entries = 512;
  size_t max_listpack_entries = 128;
  size_t max_listpack_value = 64;
};

class SetValue final : public Collection {
 public:
  struct NoValue {};
  using HashSet = Dict<NoValue>;
  using Rng = std::mt19937_64;

  struct Member {
    std::string_view str;  // the bytes when !is_int
    int64_t ival = 0;
    bool is_int = false;

    static Member bytes(std::string_view s) { return Member{s, 0, false}; }
    static Member integer(int64_t v) { return Member{{}, v, true}; }
    // Text form; the digits of an integer go into buf.
    std::string_view text(IntBuf& buf) const;
    std::string to_string() const;
  };
  using MemberFn = std::function<void(const Member&)>;

  // An empty set in the given encoding (kIntset, kListpack or kHashtable).
  explicit SetValue(Encoding enc = Encoding::kIntset);
  // Adopt a serialized encoding (RDB): preconditions are Intset/Listpack::validate,
  // and a listpack holding distinct members.
  explicit SetValue(Intset is);
  explicit SetValue(Listpack lp);
  ~SetValue() override;

  // Redis setTypeCreate: the encoding for a new set about to receive about
  // `size_hint` members, the first of which is `first`.
  static std::unique_ptr<SetValue> create(std::string_view first, size_t size_hint,
                                          const SetLimits& lim);

  static constexpr ObjType kType = ObjType::kSet;  // Database::find<T>
  ObjType type() const override { return kType; }
  Encoding encoding() const override;
  std::unique_ptr<Collection> clone() const override;
  size_t memory_bytes() const override;
  size_t element_count() const override { return size(); }

  size_t size() const;
  bool empty() const { return size() == 0; }

  // Membership; the hashtable may take one incremental rehash step.
  bool contains(std::string_view m) { return contains(Member::bytes(m)); }
  bool contains(const Member& m);
  // True if added (false: already a member). May convert the encoding.
  bool add(std::string_view m, const SetLimits& lim) { return add(Member::bytes(m), lim); }
  bool add(const Member& m, const SetLimits& lim);
  bool remove(std::string_view m) { return remove(Member::bytes(m)); }
  bool remove(const Member& m);

  // Redis setTypeMaybeConvert: goes to a hashtable up front when `size_hint` members
  // are about to be added to a small encoding that cannot hold them.
  void maybe_convert(size_t size_hint, const SetLimits& lim);
  // Becomes an intset if every member is an integer and the count allows it.
  void maybe_convert_to_intset(const SetLimits& lim);

  // Every member once: intsets ascending, listpacks in insertion order, hashtables
  // in table order. fn(const Member&) may return bool: false stops the walk.
  // fn must not modify this set.
  template <class F>
  void for_each(F&& fn);

  // Redis SCAN over the set: small encodings return everything for any cursor and
  // then 0; a hashtable returns the bucket(s) the cursor designates and the next
  // cursor (Dict::scan guarantees). fn must not modify this set.
  template <class F>
  uint64_t scan(uint64_t cursor, F&& fn);

  // A uniformly chosen member (hashtable: bucket then chain, like Redis). Not empty.
  Member random_member(Rng& rng);
  // |count| random members with repetition (SRANDMEMBER negative count); fn gets each.
  void random_members_with_repeats(uint64_t count, Rng& rng, const MemberFn& fn);
  // `count` distinct random members, count < size() (SRANDMEMBER positive count).
  void random_members_unique(size_t count, Rng& rng, const MemberFn& fn);
  // Removes and returns one random member. Not empty.
  std::string pop_random(Rng& rng);
  // Removes and returns `count` random members, 0 < count < size() (SPOP count).
  std::vector<std::string> pop_many(size_t count, Rng& rng, const SetLimits& lim);

  // Raw blobs for persistence; empty unless the set has that encoding.
  std::string_view intset_bytes() const;
  std::string_view listpack_bytes() const;

 private:
  using Rep = std::variant<Intset, Listpack, HashSet>;
  enum : size_t { kIntsetRep = 0, kListpackRep = 1, kHashRep = 2 };

  void convert_to_hashtable();
  void convert_to_listpack();
  bool can_add_to_listpack(size_t len, const SetLimits& lim) const;
  bool intset_can_become_listpack(size_t len, const SetLimits& lim) const;

  Rep rep_;
};

// ---- templates ----------------------------------------------------------------

template <class F>
void SetValue::for_each(F&& fn) {
  auto call = [&](const Member& m) -> bool {
    if constexpr (std::is_same_v<std::invoke_result_t<F&, const Member&>, bool>) {
      return fn(m);
    } else {
      fn(m);
      return true;
    }
  };
  switch (rep_.index()) {
    case kIntsetRep: {
      const Intset& is = std::get<kIntsetRep>(rep_);
      const size_t n = is.size();
      for (size_t i = 0; i < n; ++i) {
        if (!call(Member::integer(is.get(i)))) return;
      }
      break;
    }
    case kListpackRep: {
      const Listpack& lp = std::get<kListpackRep>(rep_);
      for (Listpack::Pos p = lp.first(); p != Listpack::kNone; p = lp.next(p)) {
        Listpack::Entry e = lp.get(p);
        if (!call(e.is_int ? Member::integer(e.ival) : Member::bytes(e.sval))) return;
      }
      break;
    }
    default: {
      bool stopped = false;  // Dict::for_each cannot break: skip the rest instead
      std::get<kHashRep>(rep_).for_each([&](HashSet::Node& n) {
        if (!stopped && !call(Member::bytes(n.key()))) stopped = true;
      });
      break;
    }
  }
}

template <class F>
uint64_t SetValue::scan(uint64_t cursor, F&& fn) {
  if (rep_.index() == kHashRep) {
    return std::get<kHashRep>(rep_).scan(cursor,
                                         [&](HashSet::Node& n) { fn(Member::bytes(n.key())); });
  }
  for_each([&](const Member& m) { fn(m); });
  return 0;
}

}  // namespace ironkv::store
