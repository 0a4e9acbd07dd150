#include "core/store/set_value.h"

#include <algorithm>
#include <limits>
#include <unordered_set>
#include <utility>

#include "core/util/numbers.h"

namespace ironkv::store {

namespace {

// Redis caps intsets at 2^30 entries whatever set-max-intset-entries says.
constexpr size_t kIntsetHardCap = size_t{1} << 30;
// Redis LISTPACK_MAX_SAFETY_SIZE: a listpack never grows past this.
constexpr size_t kListpackMaxSafety = size_t{1} << 30;

size_t intset_cap(const SetLimits& lim) { return std::min(lim.max_intset_entries, kIntsetHardCap); }

// Characters of v in decimal, sign included (Redis sdigits10).
size_t decimal_len(int64_t v) {
  char buf[24];
  return util::format_int64(v, buf);
}

// Bytes a listpack spends on integer v: encoding + payload, plus a 1-byte back-length.
size_t listpack_int_bytes(int64_t v) {
  size_t enc;
  if (v >= 0 && v <= 127)
    enc = 1;
  else if (v >= -4096 && v <= 4095)
    enc = 2;
  else if (v >= -32768 && v <= 32767)
    enc = 3;
  else if (v >= -8388608 && v <= 8388607)
    enc = 4;
  else if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max())
    enc = 5;
  else
    enc = 9;
  return enc + 1;
}

// The integer a member stands for, if it is one (Redis string2ll acceptance).
bool member_int(const SetValue::Member& m, int64_t& out) {
  if (m.is_int) {
    out = m.ival;
    return true;
  }
  return util::parse_int64(m.str, out);
}

size_t uniform_index(size_t n, SetValue::Rng& rng) {
  return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
}

// Knuth's selection sampling over n positions in order: calls pick(i) for exactly k
// of them, each k-subset equally likely (what Redis's lpNextRandom walk does).
template <class F>
void select_in_order(size_t n, size_t k, SetValue::Rng& rng, F&& pick) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (size_t i = 0; i < n && k > 0; ++i) {
    const size_t left = n - i;
    if (k >= left || unit(rng) * static_cast<double>(left) < static_cast<double>(k)) {
      pick(i);
      --k;
    }
  }
}

std::vector<Listpack::Pos> positions(const Listpack& lp) {
  std::vector<Listpack::Pos> out;
  out.reserve(lp.size());
  for (Listpack::Pos p = lp.first(); p != Listpack::kNone; p = lp.next(p)) out.push_back(p);
  return out;
}

Listpack::Pos listpack_find(const Listpack& lp, std::string_view s) {
  if (lp.empty()) return Listpack::kNone;
  return lp.find(s, 0, lp.first());
}

SetValue::Member entry_member(const Listpack::Entry& e) {
  return e.is_int ? SetValue::Member::integer(e.ival) : SetValue::Member::bytes(e.sval);
}

}  // namespace

// ---- Member -------------------------------------------------------------------

std::string_view SetValue::Member::text(IntBuf& buf) const {
  if (!is_int) return str;
  return {buf.data, util::format_int64(ival, buf.data)};
}

std::string SetValue::Member::to_string() const {
  IntBuf buf;
  return std::string(text(buf));
}

// ---- construction -----------------------------------------------------------

SetValue::SetValue(Encoding enc) {
  switch (enc) {
    case Encoding::kListpack:
      rep_.emplace<kListpackRep>();
      break;
    case Encoding::kHashtable:
      rep_.emplace<kHashRep>();
      break;
    default:
      rep_.emplace<kIntsetRep>();
      break;
  }
}

SetValue::SetValue(Intset is) : rep_(std::in_place_index<kIntsetRep>, std::move(is)) {}
SetValue::SetValue(Listpack lp) : rep_(std::in_place_index<kListpackRep>, std::move(lp)) {}
SetValue::~SetValue() = default;

std::unique_ptr<SetValue> SetValue::create(std::string_view first, size_t size_hint,
                                           const SetLimits& lim) {
  int64_t v;
  if (util::parse_int64(first, v) && size_hint <= lim.max_intset_entries) {
    return std::make_unique<SetValue>(Encoding::kIntset);
  }
  if (size_hint <= lim.max_listpack_entries) {
    return std::make_unique<SetValue>(Encoding::kListpack);
  }
  return std::make_unique<SetValue>(Encoding::kHashtable);
}

Encoding SetValue::encoding() const {
  switch (rep_.index()) {
    case kIntsetRep:
      return Encoding::kIntset;
    case kListpackRep:
      return Encoding::kListpack;
    default:
      return Encoding::kHashtable;
  }
}

std::unique_ptr<Collection> SetValue::clone() const {
  switch (rep_.index()) {
    case kIntsetRep:
      return std::make_unique<SetValue>(std::get<kIntsetRep>(rep_).clone());
    case kListpackRep:
      return std::make_unique<SetValue>(std::get<kListpackRep>(rep_).clone());
    default:
      break;
  }
  auto out = std::make_unique<SetValue>(Encoding::kHashtable);
  HashSet& dst = std::get<kHashRep>(out->rep_);
  // for_each needs a mutable dict only to pause rehashing; the content is untouched.
  auto& src = const_cast<HashSet&>(std::get<kHashRep>(rep_));
  src.for_each([&](HashSet::Node& n) { dst.insert(n.key()); });
  return out;
}

size_t SetValue::memory_bytes() const {
  size_t body = 0;
  switch (rep_.index()) {
    case kIntsetRep:
      body = std::get<kIntsetRep>(rep_).memory_bytes();
      break;
    case kListpackRep:
      body = std::get<kListpackRep>(rep_).memory_bytes();
      break;
    default:
      body = std::get<kHashRep>(rep_).memory_bytes() - sizeof(HashSet);
      break;
  }
  return sizeof(*this) + body;
}

size_t SetValue::size() const {
  switch (rep_.index()) {
    case kIntsetRep:
      return std::get<kIntsetRep>(rep_).size();
    case kListpackRep:
      return std::get<kListpackRep>(rep_).size();
    default:
      return std::get<kHashRep>(rep_).size();
  }
}

std::string_view SetValue::intset_bytes() const {
  return rep_.index() == kIntsetRep ? std::get<kIntsetRep>(rep_).bytes() : std::string_view{};
}

std::string_view SetValue::listpack_bytes() const {
  return rep_.index() == kListpackRep ? std::get<kListpackRep>(rep_).bytes() : std::string_view{};
}

// ---- conversions --------------------------------------------------------------

void SetValue::convert_to_hashtable() {
  if (rep_.index() == kHashRep) return;
  HashSet ht;
  IntBuf buf;
  for_each([&](const Member& m) { ht.insert(m.text(buf)); });
  rep_.emplace<kHashRep>(std::move(ht));
}

void SetValue::convert_to_listpack() {
  if (rep_.index() != kIntsetRep) return;
  Listpack lp;
  for_each([&](const Member& m) { lp.append_int(m.ival); });
  rep_.emplace<kListpackRep>(std::move(lp));
}

bool SetValue::can_add_to_listpack(size_t len, const SetLimits& lim) const {
  const Listpack& lp = std::get<kListpackRep>(rep_);
  return lp.size() < lim.max_listpack_entries && len <= lim.max_listpack_value &&
         lp.bytes_size() + len <= kListpackMaxSafety;
}

// Redis 7.2 turns an intset into a listpack for a first non-integer member only if
// every integer, written out, would also fit the listpack limits.
bool SetValue::intset_can_become_listpack(size_t len, const SetLimits& lim) const {
  const Intset& is = std::get<kIntsetRep>(rep_);
  const size_t n = is.size();
  size_t max_len = 0, est_bytes = 0;
  if (n != 0) {
    max_len = std::max(decimal_len(is.min()), decimal_len(is.max()));
    est_bytes = n * std::max(listpack_int_bytes(is.min()), listpack_int_bytes(is.max()));
  }
  return n < lim.max_listpack_entries && len <= lim.max_listpack_value &&
         max_len <= lim.max_listpack_value && est_bytes + len <= kListpackMaxSafety;
}

void SetValue::maybe_convert(size_t size_hint, const SetLimits& lim) {
  if ((rep_.index() == kListpackRep && size_hint > lim.max_listpack_entries) ||
      (rep_.index() == kIntsetRep && size_hint > lim.max_intset_entries)) {
    convert_to_hashtable();
  }
}

void SetValue::maybe_convert_to_intset(const SetLimits& lim) {
  if (rep_.index() == kIntsetRep || size() > intset_cap(lim)) return;
  Intset is;
  bool all_ints = true;
  for_each([&](const Member& m) {
    int64_t v;
    if (!all_ints) return;
    if (member_int(m, v))
      is.add(v);
    else
      all_ints = false;
  });
  if (all_ints) rep_.emplace<kIntsetRep>(std::move(is));
}

// ---- membership ---------------------------------------------------------------

bool SetValue::contains(const Member& m) {
  int64_t v;
  IntBuf buf;
  switch (rep_.index()) {
    case kIntsetRep:
      return member_int(m, v) && std::get<kIntsetRep>(rep_).contains(v);
    case kListpackRep:
      return listpack_find(std::get<kListpackRep>(rep_), m.text(buf)) != Listpack::kNone;
    default:
      return std::get<kHashRep>(rep_).find(m.text(buf)) != nullptr;
  }
}

bool SetValue::add(const Member& m, const SetLimits& lim) {
  IntBuf buf;
  switch (rep_.index()) {
    case kIntsetRep: {
      int64_t v;
      if (member_int(m, v)) {
        if (!std::get<kIntsetRep>(rep_).add(v)) return false;
        if (size() > intset_cap(lim)) convert_to_hashtable();
        return true;
      }
      // A member that is not an integer is new to an intset by definition.
      if (intset_can_become_listpack(m.str.size(), lim)) {
        convert_to_listpack();
        std::get<kListpackRep>(rep_).append(m.str);
      } else {
        convert_to_hashtable();
        std::get<kHashRep>(rep_).insert(m.str);
      }
      return true;
    }
    case kListpackRep: {
      Listpack& lp = std::get<kListpackRep>(rep_);
      std::string_view s = m.text(buf);
      if (listpack_find(lp, s) != Listpack::kNone) return false;
      if (can_add_to_listpack(s.size(), lim)) {
        if (m.is_int)
          lp.append_int(m.ival);
        else
          lp.append(s);
      } else {
        convert_to_hashtable();
        std::get<kHashRep>(rep_).insert(s);
      }
      return true;
    }
    default:
      return std::get<kHashRep>(rep_).insert(m.text(buf)).second;
  }
}

bool SetValue::remove(const Member& m) {
  int64_t v;
  IntBuf buf;
  switch (rep_.index()) {
    case kIntsetRep:
      return member_int(m, v) && std::get<kIntsetRep>(rep_).remove(v);
    case kListpackRep: {
      Listpack& lp = std::get<kListpackRep>(rep_);
      Listpack::Pos p = listpack_find(lp, m.text(buf));
      if (p == Listpack::kNone) return false;
      lp.erase(p);
      return true;
    }
    default:
      return std::get<kHashRep>(rep_).erase(m.text(buf));
  }
}

// ---- random members -----------------------------------------------------------

SetValue::Member SetValue::random_member(Rng& rng) {
  switch (rep_.index()) {
    case kIntsetRep: {
      const Intset& is = std::get<kIntsetRep>(rep_);
      return Member::integer(is.get(uniform_index(is.size(), rng)));
    }
    case kListpackRep: {
      const Listpack& lp = std::get<kListpackRep>(rep_);
      Listpack::Pos p = lp.seek(static_cast<int64_t>(uniform_index(lp.size(), rng)));
      return entry_member(lp.get(p));
    }
    default:
      return Member::bytes(std::get<kHashRep>(rep_).random_node(rng)->key());
  }
}

void SetValue::random_members_with_repeats(uint64_t count, Rng& rng, const MemberFn& fn) {
  if (rep_.index() == kListpackRep) {
    // Seeking is O(n) in a listpack: index the entries once.
    const Listpack& lp = std::get<kListpackRep>(rep_);
    std::vector<Listpack::Pos> pos = positions(lp);
    for (uint64_t i = 0; i < count; ++i)
      fn(entry_member(lp.get(pos[uniform_index(pos.size(), rng)])));
    return;
  }
  for (uint64_t i = 0; i < count; ++i) fn(random_member(rng));
}

// Redis srandmemberWithCountCommand cases 2.5, 3 and 4 (count < size).
void SetValue::random_members_unique(size_t count, Rng& rng, const MemberFn& fn) {
  const size_t n = size();
  if (rep_.index() == kListpackRep) {
    // Small: one walk choosing entries in order, no copies.
    const Listpack& lp = std::get<kListpackRep>(rep_);
    std::vector<Listpack::Pos> pos = positions(lp);
    select_in_order(n, count, rng, [&](size_t i) { fn(entry_member(lp.get(pos[i]))); });
    return;
  }
  if (count * 3 > n) {
    // Most of the set is wanted: take everything and drop random members.
    std::vector<Member> all;
    all.reserve(n);
    for_each([&](const Member& m) { all.push_back(m); });
    while (all.size() > count) {
      size_t i = uniform_index(all.size(), rng);
      all[i] = all.back();
      all.pop_back();
    }
    for (const Member& m : all) fn(m);
    return;
  }
  // A small part of a big set: draw until enough distinct members came up.
  std::unordered_set<std::string> seen;
  seen.reserve(count);
  std::vector<Member> picked;
  picked.reserve(count);
  while (picked.size() < count) {
    Member m = random_member(rng);
    if (seen.insert(m.to_string()).second) picked.push_back(m);
  }
  for (const Member& m : picked) fn(m);
}

std::string SetValue::pop_random(Rng& rng) {
  switch (rep_.index()) {
    case kIntsetRep: {
      Intset& is = std::get<kIntsetRep>(rep_);
      int64_t v = is.get(uniform_index(is.size(), rng));
      is.remove(v);
      return util::int64_to_string(v);
    }
    case kListpackRep: {
      Listpack& lp = std::get<kListpackRep>(rep_);
      Listpack::Pos p = lp.seek(static_cast<int64_t>(uniform_index(lp.size(), rng)));
      std::string out = entry_member(lp.get(p)).to_string();
      lp.erase(p);
      return out;
    }
    default: {
      HashSet& ht = std::get<kHashRep>(rep_);
      std::string out(ht.random_node(rng)->key());
      ht.erase(out);
      return out;
    }
  }
}

// Redis spopWithCountCommand cases 2 and 3 (0 < count < size).
std::vector<std::string> SetValue::pop_many(size_t count, Rng& rng, const SetLimits& lim) {
  // Redis SPOP_MOVE_STRATEGY_MUL: rebuild the set from the survivors once they are
  // few compared with what is popped.
  constexpr size_t kMoveStrategyMul = 5;
  const size_t n = size();
  const size_t remaining = n - count;
  std::vector<std::string> out;
  out.reserve(count);

  if (rep_.index() == kListpackRep) {
    // One walk picks the entries (in order); erasing back to front keeps the earlier
    // positions valid.
    Listpack& lp = std::get<kListpackRep>(rep_);
    std::vector<Listpack::Pos> pos = positions(lp);
    std::vector<Listpack::Pos> chosen;
    const bool pick_popped = remaining * kMoveStrategyMul > count;
    select_in_order(n, pick_popped ? count : remaining, rng,
                    [&](size_t i) { chosen.push_back(pos[i]); });
    if (pick_popped) {
      for (Listpack::Pos p : chosen) out.push_back(entry_member(lp.get(p)).to_string());
      for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) lp.erase(*it);
      return out;
    }
    // Keep the chosen survivors in a new listpack, hand out everything else.
    SetValue kept(Encoding::kListpack);
    size_t next = 0;
    for (size_t i = 0; i < pos.size(); ++i) {
      Member m = entry_member(lp.get(pos[i]));
      if (next < chosen.size() && chosen[next] == pos[i]) {
        kept.add(m, lim);
        ++next;
      } else {
        out.push_back(m.to_string());
      }
    }
    rep_ = std::move(kept.rep_);
    return out;
  }

  if (remaining * kMoveStrategyMul > count) {
    for (size_t i = 0; i < count; ++i) out.push_back(pop_random(rng));
    return out;
  }

  // Move random survivors to a new set, then the old one holds exactly the popped.
  std::unique_ptr<SetValue> kept;
  for (size_t i = 0; i < remaining; ++i) {
    Member m = random_member(rng);
    if (!kept) {
      kept = std::make_unique<SetValue>(m.is_int ? Encoding::kIntset : Encoding::kListpack);
    }
    std::string text = m.to_string();  // m may view the node remove() frees
    kept->add(Member::bytes(text), lim);
    remove(Member::bytes(text));
  }
  for_each([&](const Member& m) { out.push_back(m.to_string()); });
  rep_ = kept ? std::move(kept->rep_) : Rep(std::in_place_index<kIntsetRep>);
  return out;
}

}  // namespace ironkv::store
