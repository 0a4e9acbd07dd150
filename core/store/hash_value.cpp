#include "core/store/hash_value.h"

#include <algorithm>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ironkv::store {

namespace {

using Node = HashValue::Table::Node;

// A uniformly random node: what Redis's dictGetFairRandomKey aims at (it samples a
// run of buckets, which still favours elements after sparse stretches). Rejection
// sampling is exact: visit a uniformly chosen bucket (a scan step from a random
// cursor; while rehashing, the group of buckets one smaller-table bucket maps to) and
// take its j-th node for j uniform below kChainBound, retrying when there is none.
// Every node then has the same chance, except in chains longer than kChainBound
// (vanishingly rare at a load factor of at most 1): such a chain is picked from as a
// whole, so its nodes come up a little less often.
constexpr size_t kChainBound = 8;
constexpr size_t kMaxAttempts = 4096;

Node* fair_random_node(HashValue::Table& d, HashValue::Rng& rng) {
  std::uniform_int_distribution<size_t> pick_slot(0, kChainBound - 1);
  // The cursor must name a whole group: a scan step from a cursor with bits set above
  // the smaller table's mask visits only part of the larger table's buckets. Both
  // tables are powers of two of different sizes, so the smaller one's size is the
  // lowest set bit of the total.
  const uint64_t buckets = d.bucket_count();
  const uint64_t small_mask = (buckets & (~buckets + 1)) - 1;
  for (size_t attempt = 0; attempt < kMaxAttempts; ++attempt) {
    const uint64_t cursor = rng() & small_mask;
    const size_t j = pick_slot(rng);
    size_t len = 0;
    Node* chosen = nullptr;
    d.scan(cursor, [&](Node& n) {
      if (len++ == j) chosen = &n;
    });
    if (len > kChainBound) {
      // An overlong chain: choose among all of it (same cursor, same nodes, same order).
      size_t k = std::uniform_int_distribution<size_t>(0, len - 1)(rng);
      d.scan(cursor, [&](Node& n) {
        if (k-- == 0) chosen = &n;
      });
    }
    if (chosen != nullptr) return chosen;
  }
  // Only a table far sparser than the shrink policy allows gets here.
  return d.random_node(rng);
}

bool visit(const HashValue::PairFn& fn, Node& n) {
  IntBuf vbuf;
  return fn(n.key(), n.value.str(vbuf));
}

bool visit_listpack(const Listpack& lp, Listpack::Pos field, const HashValue::PairFn& fn) {
  IntBuf fbuf, vbuf;
  return fn(lp.get(field).view(fbuf), lp.get(lp.next(field)).view(vbuf));
}

}  // namespace

HashValue::HashValue() : rep_(std::in_place_index<kListpackRep>) {}

HashValue::HashValue(Listpack lp) : rep_(std::in_place_index<kListpackRep>, std::move(lp)) {}

HashValue::HashValue(TableTag)
    : rep_(std::in_place_index<kTableRep>, std::make_unique<HashTable>()) {}

std::unique_ptr<HashValue> HashValue::make_hashtable() {
  return std::unique_ptr<HashValue>(new HashValue(TableTag{}));
}

HashValue::~HashValue() = default;

Encoding HashValue::encoding() const {
  return is_listpack() ? Encoding::kListpack : Encoding::kHashtable;
}

std::unique_ptr<Collection> HashValue::clone() const {
  if (is_listpack()) return std::make_unique<HashValue>(lp().clone());
  auto copy = make_hashtable();
  HashTable& dst = copy->ht();
  ht().dict.for_each([&](Node& n) { table_set(dst, n.key(), n.value.clone()); });
  return copy;
}

size_t HashValue::memory_bytes() const {
  if (is_listpack()) return sizeof(*this) + lp().memory_bytes();
  const HashTable& t = ht();
  return sizeof(*this) + sizeof(HashTable) + t.dict.memory_bytes() + t.value_bytes;
}

size_t HashValue::size() const {
  // A listpack holds two entries per field.
  return is_listpack() ? lp().size() / 2 : ht().dict.size();
}

Listpack::Pos HashValue::lp_find(std::string_view field) const {
  // skip = 1: compare the fields only, never a value that happens to equal `field`.
  return lp().find(field, 1);
}

std::optional<HashValue::Element> HashValue::get(std::string_view field) {
  if (is_listpack()) {
    const Listpack::Pos p = lp_find(field);
    if (p == Listpack::kNone) return std::nullopt;
    return lp().get(lp().next(p));
  }
  Node* n = ht().dict.find(field);
  if (n == nullptr) return std::nullopt;
  Element e;
  if (n->value.int_value(e.ival)) {
    e.is_int = true;
  } else {
    IntBuf unused;  // only integers are written to the buffer
    e.sval = n->value.str(unused);
  }
  return e;
}

bool HashValue::contains(std::string_view field) {
  if (is_listpack()) return lp_find(field) != Listpack::kNone;
  return ht().dict.find(field) != nullptr;
}

std::optional<size_t> HashValue::value_length(std::string_view field) {
  std::optional<Element> e = get(field);
  if (!e) return std::nullopt;
  IntBuf buf;
  return e->view(buf).size();
}

void HashValue::table_set(HashTable& t, std::string_view field, Value v) {
  Node* n = t.dict.insert(field).first;
  t.value_bytes -= n->value.memory_bytes();
  n->value = std::move(v);
  t.value_bytes += n->value.memory_bytes();
}

bool HashValue::set(std::string_view field, std::string_view value, const HashLimits& lim) {
  if (is_listpack()) {
    // Redis checks here too, for HINCRBY/HINCRBYFLOAT, whose strings were not
    // seen by prepare_for.
    if (field.size() > lim.max_listpack_value || value.size() > lim.max_listpack_value) {
      convert_to_hashtable();
    }
  }
  if (is_listpack()) {
    Listpack& l = lp();
    const Listpack::Pos p = lp_find(field);
    if (p != Listpack::kNone) {
      l.replace(l.next(p), value);
      return false;
    }
    l.append(field);
    l.append(value);
    if (size() > lim.max_listpack_entries) convert_to_hashtable();
    return true;
  }
  HashTable& t = ht();
  auto [n, created] = t.dict.insert(field);
  t.value_bytes -= n->value.memory_bytes();
  n->value = Value::string(value);  // canonical integers stay inline as int64
  t.value_bytes += n->value.memory_bytes();
  return created;
}

bool HashValue::erase(std::string_view field) {
  if (is_listpack()) {
    Listpack& l = lp();
    Listpack::Pos p = lp_find(field);
    if (p == Listpack::kNone) return false;
    p = l.erase(p);  // the field; p is now its value
    l.erase(p);
    return true;
  }
  HashTable& t = ht();
  Node* n = t.dict.detach(field);
  if (n == nullptr) return false;
  t.value_bytes -= n->value.memory_bytes();
  Table::destroy_node(n);
  return true;
}

void HashValue::prepare_for(std::span<const std::string_view> strings, const HashLimits& lim) {
  if (!is_listpack()) return;
  size_t sum = 0;
  for (std::string_view s : strings) {
    if (s.size() > lim.max_listpack_value) {
      convert_to_hashtable();
      return;
    }
    sum += s.size();
  }
  if (lp().bytes_size() + sum > kListpackMaxSafeBytes) convert_to_hashtable();
}

void HashValue::convert_to_hashtable() {
  if (!is_listpack()) return;
  auto t = std::make_unique<HashTable>();
  const Listpack& l = lp();
  IntBuf fbuf;
  for (Listpack::Pos p = l.first(); p != Listpack::kNone;) {
    const Listpack::Pos vp = l.next(p);
    const Listpack::Entry f = l.get(p);
    const Listpack::Entry v = l.get(vp);
    table_set(*t, f.view(fbuf), v.is_int ? Value::integer(v.ival) : Value::string(v.sval));
    p = l.next(vp);
  }
  rep_.emplace<kTableRep>(std::move(t));
}

void HashValue::random_pair(Rng& rng, const PairFn& fn) {
  if (is_listpack()) {
    const size_t pairs = size();
    const auto i = std::uniform_int_distribution<size_t>(0, pairs - 1)(rng);
    visit_listpack(lp(), lp().seek(static_cast<int64_t>(2 * i)), fn);
    return;
  }
  visit(fn, *fair_random_node(ht().dict, rng));
}

void HashValue::random_pairs_with_repeats(uint64_t count, Rng& rng, const PairFn& fn) {
  if (is_listpack()) {
    // Redis lpRandomPairs: independent uniform indexes. Positions are collected once
    // so each pick is O(1) instead of a walk.
    const Listpack& l = lp();
    std::vector<Listpack::Pos> fields;
    fields.reserve(size());
    for (Listpack::Pos p = l.first(); p != Listpack::kNone; p = l.next(l.next(p))) {
      fields.push_back(p);
    }
    std::uniform_int_distribution<size_t> pick(0, fields.size() - 1);
    for (uint64_t i = 0; i < count; ++i) {
      if (!visit_listpack(l, fields[pick(rng)], fn)) return;
    }
    return;
  }
  Table& d = ht().dict;
  for (uint64_t i = 0; i < count; ++i) {
    if (!visit(fn, *fair_random_node(d, rng))) return;
  }
}

void HashValue::random_pairs_unique(size_t count, Rng& rng, const PairFn& fn) {
  if (is_listpack()) {
    // Redis lpRandomPairsUnique: selection sampling in one pass; each of the
    // remaining pairs is taken with probability (still needed) / (still left).
    const Listpack& l = lp();
    const size_t total = size();
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    size_t remaining = count;
    size_t index = 0;
    for (Listpack::Pos p = l.first(); p != Listpack::kNone && remaining > 0; ++index) {
      const Listpack::Pos field = p;
      p = l.next(l.next(p));
      const double threshold = static_cast<double>(remaining) / static_cast<double>(total - index);
      if (unit(rng) <= threshold) {
        if (!visit_listpack(l, field, fn)) return;
        --remaining;
      }
    }
    return;
  }
  Table& d = ht().dict;
  const size_t total = d.size();
  if (count * 3 > total) {
    // Redis CASE 3: copy everything, then drop random pairs down to count.
    std::vector<Node*> all;
    all.reserve(total);
    d.for_each([&](Node& n) { all.push_back(&n); });
    while (all.size() > count) {
      const auto i = std::uniform_int_distribution<size_t>(0, all.size() - 1)(rng);
      std::swap(all[i], all.back());
      all.pop_back();
    }
    for (Node* n : all) {
      if (!visit(fn, *n)) return;
    }
    return;
  }
  // Redis CASE 4: the hash is big next to count; draw until count distinct pairs.
  std::unordered_set<const Node*> seen;
  seen.reserve(count);
  while (seen.size() < count) {
    Node* n = fair_random_node(d, rng);
    if (!seen.insert(n).second) continue;
    if (!visit(fn, *n)) return;
  }
}

const Listpack* HashValue::listpack() const { return is_listpack() ? &lp() : nullptr; }

std::string_view HashValue::listpack_bytes() const {
  return is_listpack() ? lp().bytes() : std::string_view{};
}

}  // namespace ironkv::store
