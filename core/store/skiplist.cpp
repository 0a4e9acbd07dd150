#include "core/store/skiplist.h"

#include <cassert>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <new>
#include <stdexcept>

#include "core/store/dict.h"  // dict_detail: seeded hashing, reverse_bits

namespace ironkv::store {

namespace {

constexpr size_t kMinBuckets = 4;
// Shrink the index once fewer than 1/kShrinkRatio of its buckets would be used.
constexpr size_t kShrinkRatio = 8;
// Empty buckets a rehash step may skip before giving up for this time.
constexpr size_t kEmptyVisits = 10;
// Spans are 32-bit: refuse to grow to where they could overflow.
constexpr size_t kMaxMembers = std::numeric_limits<uint32_t>::max() - 1;

size_t buckets_for(size_t elements) {
  size_t n = kMinBuckets;
  while (n < elements && n <= std::numeric_limits<size_t>::max() / 2) n *= 2;
  return n;
}

// Order of the list: by score, then by member bytes.
bool before(const ZSkiplist::Node* n, double score, std::string_view member) {
  return n->score() < score || (n->score() == score && n->member() < member);
}

}  // namespace

// ---- nodes -----------------------------------------------------------------------

size_t ZSkiplist::node_bytes(int level, size_t len) {
  return sizeof(Node) + static_cast<size_t>(level) * sizeof(Node*) +
         static_cast<size_t>(level - 1) * sizeof(uint32_t) + len;
}

ZSkiplist::Node* ZSkiplist::make_node(int level, double score, std::string_view member) {
  void* mem = std::malloc(node_bytes(level, member.size()));
  if (mem == nullptr) throw std::bad_alloc();
  Node* n = new (mem) Node();
  n->score_ = score;
  n->level_ = static_cast<uint8_t>(level);
  n->len_ = static_cast<uint32_t>(member.size());
  for (int i = 0; i < level; ++i) {
    n->set_fwd(i, nullptr);
    n->set_span(i, 0);
  }
  if (!member.empty()) std::memcpy(n->member_bytes(), member.data(), member.size());
  return n;
}

void ZSkiplist::free_node(Node* n) {
  n->~Node();
  std::free(n);
}

int ZSkiplist::random_level() {
  // xorshift64*; two bits per level give p = 1/4, and 64 bits cover 32 levels.
  rng_ ^= rng_ >> 12;
  rng_ ^= rng_ << 25;
  rng_ ^= rng_ >> 27;
  uint64_t bits = rng_ * 2685821657736338717ULL;
  int level = 1;
  while ((bits & 3) == 0 && level < kMaxLevel) {
    ++level;
    bits >>= 2;
  }
  return level;
}

// ---- life cycle ------------------------------------------------------------------

ZSkiplist::ZSkiplist()
    : head_(make_node(kMaxLevel, 0, {})),
      rng_(dict_detail::mix64(dict_detail::hash_seed() ^ reinterpret_cast<uintptr_t>(this)) | 1) {}

ZSkiplist::~ZSkiplist() { destroy(); }

void ZSkiplist::destroy() {
  if (head_ == nullptr) return;
  for (Node* n = head_->fwd(0); n != nullptr;) {
    Node* next = n->fwd(0);
    free_node(n);
    n = next;
  }
  free_node(head_);
  head_ = nullptr;
  for (Table& t : tables_) {
    std::free(t.buckets);
    t = Table{};
  }
}

ZSkiplist::ZSkiplist(ZSkiplist&& o) noexcept
    : head_(o.head_),
      tail_(o.tail_),
      size_(o.size_),
      level_(o.level_),
      rng_(o.rng_),
      node_bytes_(o.node_bytes_),
      rehash_idx_(o.rehash_idx_) {
  tables_[0] = o.tables_[0];
  tables_[1] = o.tables_[1];
  o.head_ = nullptr;
  o.tail_ = nullptr;
  o.size_ = 0;
  o.node_bytes_ = 0;
  o.tables_[0] = Table{};
  o.tables_[1] = Table{};
}

ZSkiplist& ZSkiplist::operator=(ZSkiplist&& o) noexcept {
  if (this != &o) {
    destroy();
    head_ = o.head_;
    tail_ = o.tail_;
    size_ = o.size_;
    level_ = o.level_;
    rng_ = o.rng_;
    node_bytes_ = o.node_bytes_;
    rehash_idx_ = o.rehash_idx_;
    tables_[0] = o.tables_[0];
    tables_[1] = o.tables_[1];
    o.head_ = nullptr;
    o.tail_ = nullptr;
    o.size_ = 0;
    o.node_bytes_ = 0;
    o.tables_[0] = Table{};
    o.tables_[1] = Table{};
  }
  return *this;
}

ZSkiplist ZSkiplist::clone() const {
  ZSkiplist out;
  for (const Node* n = first(); n != nullptr; n = n->next()) out.insert(n->member(), n->score());
  return out;
}

size_t ZSkiplist::memory_bytes() const {
  return sizeof(*this) + node_bytes(kMaxLevel, 0) + node_bytes_ +
         (tables_[0].size() + tables_[1].size()) * sizeof(Node*);
}

// ---- list ------------------------------------------------------------------------

void ZSkiplist::find_update(double score, std::string_view member, Node** update) const {
  Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    for (Node* f = x->fwd(i); f != nullptr && before(f, score, member); f = x->fwd(i)) x = f;
    update[i] = x;
  }
}

void ZSkiplist::link(Node* x) {
  Node* update[kMaxLevel];
  size_t rank[kMaxLevel];
  const double score = x->score_;
  const std::string_view member = x->member();
  Node* cur = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    // Nodes crossed on the way down, to give the new links their spans.
    rank[i] = i == level_ - 1 ? 0 : rank[i + 1];
    for (Node* f = cur->fwd(i); f != nullptr && before(f, score, member); f = cur->fwd(i)) {
      rank[i] += cur->span(i);
      cur = f;
    }
    update[i] = cur;
  }
  const int lvl = x->level_;
  if (lvl > level_) {
    for (int i = level_; i < lvl; ++i) {
      rank[i] = 0;
      update[i] = head_;
      head_->set_span(i, size_);
    }
    level_ = lvl;
  }
  // Spans of links that end nowhere (fwd == nullptr) are never read; unsigned
  // wrap-around in them is harmless.
  for (int i = 0; i < lvl; ++i) {
    x->set_fwd(i, update[i]->fwd(i));
    update[i]->set_fwd(i, x);
    x->set_span(i, update[i]->span(i) - (rank[0] - rank[i]));
    update[i]->set_span(i, rank[0] - rank[i] + 1);
  }
  for (int i = lvl; i < level_; ++i) update[i]->set_span(i, update[i]->span(i) + 1);
  x->backward_ = update[0] == head_ ? nullptr : update[0];
  if (x->fwd(0) != nullptr) {
    x->fwd(0)->backward_ = x;
  } else {
    tail_ = x;
  }
  ++size_;
}

void ZSkiplist::unlink(Node* x, Node** update) {
  for (int i = 0; i < level_; ++i) {
    if (update[i]->fwd(i) == x) {
      update[i]->set_span(i, update[i]->span(i) + x->span(i) - 1);
      update[i]->set_fwd(i, x->fwd(i));
    } else {
      update[i]->set_span(i, update[i]->span(i) - 1);
    }
  }
  if (x->fwd(0) != nullptr) {
    x->fwd(0)->backward_ = x->backward_;
  } else {
    tail_ = x->backward_;
  }
  while (level_ > 1 && head_->fwd(level_ - 1) == nullptr) --level_;
  --size_;
}

const ZSkiplist::Node* ZSkiplist::find(std::string_view member) const {
  return size_ == 0 ? nullptr : index_find(member);
}

const ZSkiplist::Node* ZSkiplist::insert(std::string_view member, double score) {
  if (size_ >= kMaxMembers || member.size() > std::numeric_limits<uint32_t>::max()) {
    throw std::length_error("ironkv::store::ZSkiplist too large");
  }
  // Everything that can throw happens before the list changes.
  index_rehash_step();
  index_maybe_grow();
  Node* x = make_node(random_level(), score, member);
  node_bytes_ += node_bytes(x->level_, x->len_);
  link(x);
  index_insert(x);
  return x;
}

void ZSkiplist::update_score(const Node* n, double score) {
  Node* x = mut(n);
  // Stays in place when the new score keeps it strictly between its neighbours.
  if ((x->backward_ == nullptr || x->backward_->score_ < score) &&
      (x->fwd(0) == nullptr || x->fwd(0)->score_ > score)) {
    x->score_ = score;
    return;
  }
  Node* update[kMaxLevel];
  find_update(x->score_, x->member(), update);
  assert(update[0]->fwd(0) == x);
  unlink(x, update);
  x->score_ = score;
  link(x);  // the node keeps its level: levels are independent of position
}

void ZSkiplist::erase(const Node* n) {
  Node* x = mut(n);
  Node* update[kMaxLevel];
  find_update(x->score_, x->member(), update);
  assert(update[0]->fwd(0) == x);
  unlink(x, update);
  index_remove(x);
  node_bytes_ -= node_bytes(x->level_, x->len_);
  free_node(x);
}

size_t ZSkiplist::rank_of(const Node* n) const {
  const double score = n->score_;
  const std::string_view member = n->member();
  size_t rank = 0;
  const Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    for (const Node* f = x->fwd(i);
         f != nullptr && (f->score_ < score || (f->score_ == score && f->member() <= member));
         f = x->fwd(i)) {
      rank += x->span(i);
      x = f;
    }
    if (x == n) return rank;
  }
  return 0;
}

const ZSkiplist::Node* ZSkiplist::by_rank(size_t rank) const {
  if (rank == 0 || rank > size_) return nullptr;
  size_t traversed = 0;
  const Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    while (x->fwd(i) != nullptr && traversed + x->span(i) <= rank) {
      traversed += x->span(i);
      x = x->fwd(i);
    }
    if (traversed == rank) return x;
  }
  return nullptr;
}

// ---- ranges ----------------------------------------------------------------------

const ZSkiplist::Node* ZSkiplist::first_in_range(const ScoreRange& r) const {
  if (r.always_empty() || tail_ == nullptr || !r.gte_min(tail_->score_) ||
      !r.lte_max(first()->score_)) {
    return nullptr;
  }
  const Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    while (x->fwd(i) != nullptr && !r.gte_min(x->fwd(i)->score_)) x = x->fwd(i);
  }
  x = x->fwd(0);  // exists: the tail is >= min
  return r.lte_max(x->score_) ? x : nullptr;
}

const ZSkiplist::Node* ZSkiplist::last_in_range(const ScoreRange& r) const {
  if (r.always_empty() || tail_ == nullptr || !r.gte_min(tail_->score_) ||
      !r.lte_max(first()->score_)) {
    return nullptr;
  }
  const Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    while (x->fwd(i) != nullptr && r.lte_max(x->fwd(i)->score_)) x = x->fwd(i);
  }
  // Not the head: the first node is <= max.
  return r.gte_min(x->score_) ? x : nullptr;
}

const ZSkiplist::Node* ZSkiplist::first_in_range(const LexRange& r) const {
  if (r.always_empty() || tail_ == nullptr || !r.gte_min(tail_->member()) ||
      !r.lte_max(first()->member())) {
    return nullptr;
  }
  const Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    while (x->fwd(i) != nullptr && !r.gte_min(x->fwd(i)->member())) x = x->fwd(i);
  }
  x = x->fwd(0);
  return r.lte_max(x->member()) ? x : nullptr;
}

const ZSkiplist::Node* ZSkiplist::last_in_range(const LexRange& r) const {
  if (r.always_empty() || tail_ == nullptr || !r.gte_min(tail_->member()) ||
      !r.lte_max(first()->member())) {
    return nullptr;
  }
  const Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    while (x->fwd(i) != nullptr && r.lte_max(x->fwd(i)->member())) x = x->fwd(i);
  }
  return r.gte_min(x->member()) ? x : nullptr;
}

size_t ZSkiplist::erase_range(const ScoreRange& r) {
  Node* update[kMaxLevel];
  Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    while (x->fwd(i) != nullptr && !r.gte_min(x->fwd(i)->score_)) x = x->fwd(i);
    update[i] = x;
  }
  size_t removed = 0;
  for (x = x->fwd(0); x != nullptr && r.lte_max(x->score_); ++removed) {
    Node* next = x->fwd(0);
    unlink(x, update);
    index_remove(x);
    node_bytes_ -= node_bytes(x->level_, x->len_);
    free_node(x);
    x = next;
  }
  return removed;
}

size_t ZSkiplist::erase_range(const LexRange& r) {
  Node* update[kMaxLevel];
  Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    while (x->fwd(i) != nullptr && !r.gte_min(x->fwd(i)->member())) x = x->fwd(i);
    update[i] = x;
  }
  size_t removed = 0;
  for (x = x->fwd(0); x != nullptr && r.lte_max(x->member()); ++removed) {
    Node* next = x->fwd(0);
    unlink(x, update);
    index_remove(x);
    node_bytes_ -= node_bytes(x->level_, x->len_);
    free_node(x);
    x = next;
  }
  return removed;
}

size_t ZSkiplist::erase_rank_range(size_t start, size_t end) {
  Node* update[kMaxLevel];
  size_t traversed = 0;
  Node* x = head_;
  for (int i = level_ - 1; i >= 0; --i) {
    while (x->fwd(i) != nullptr && traversed + x->span(i) < start) {
      traversed += x->span(i);
      x = x->fwd(i);
    }
    update[i] = x;
  }
  ++traversed;
  size_t removed = 0;
  for (x = x->fwd(0); x != nullptr && traversed <= end; ++removed, ++traversed) {
    Node* next = x->fwd(0);
    unlink(x, update);
    index_remove(x);
    node_bytes_ -= node_bytes(x->level_, x->len_);
    free_node(x);
    x = next;
  }
  return removed;
}

// ---- hash index ------------------------------------------------------------------

uint64_t ZSkiplist::hash(std::string_view member) {
  return dict_detail::mix64(std::hash<std::string_view>{}(member) ^ dict_detail::hash_seed());
}

uint64_t ZSkiplist::next_cursor(uint64_t v, uint64_t mask) {
  // Increment the reversed cursor: set the bits above the mask so the carry
  // goes straight into the masked bits, from the top bit of the mask down.
  v |= ~mask;
  v = dict_detail::reverse_bits(v);
  ++v;
  return dict_detail::reverse_bits(v);
}

ZSkiplist::Node* ZSkiplist::index_find(std::string_view member) const {
  const uint64_t h = hash(member);
  for (const Table& t : tables_) {
    if (t.buckets == nullptr) continue;
    for (Node* n = t.buckets[h & t.mask]; n != nullptr; n = n->hnext_) {
      if (n->len_ == member.size() &&
          (member.empty() || std::memcmp(n->member_bytes(), member.data(), member.size()) == 0)) {
        return n;
      }
    }
  }
  return nullptr;
}

void ZSkiplist::index_insert(Node* n) {
  // index_maybe_grow() ran first, so there is a table and no allocation here.
  Table& t = rehashing() ? tables_[1] : tables_[0];
  Node*& head = t.buckets[hash(n->member()) & t.mask];
  n->hnext_ = head;
  head = n;
  ++t.used;
}

void ZSkiplist::index_remove(Node* n) {
  index_rehash_step();
  const uint64_t h = hash(n->member());
  for (Table& t : tables_) {
    if (t.buckets == nullptr) continue;
    for (Node** link = &t.buckets[h & t.mask]; *link != nullptr; link = &(*link)->hnext_) {
      if (*link != n) continue;
      *link = n->hnext_;
      n->hnext_ = nullptr;
      --t.used;
      if (rehashing() && tables_[0].used == 0) {
        index_rehash_step();  // finishes: nothing left to move
      } else {
        index_maybe_shrink();
      }
      return;
    }
  }
  assert(false && "node missing from the index");
}

void ZSkiplist::index_rehash_step() {
  if (!rehashing()) return;
  Table& from = tables_[0];
  Table& to = tables_[1];
  size_t empty_visits = kEmptyVisits;
  while (from.used != 0) {
    Node* n = from.buckets[rehash_idx_];
    if (n == nullptr) {
      ++rehash_idx_;
      if (--empty_visits == 0) return;
      continue;
    }
    while (n != nullptr) {
      Node* next = n->hnext_;
      Node*& head = to.buckets[hash(n->member()) & to.mask];
      n->hnext_ = head;
      head = n;
      --from.used;
      ++to.used;
      n = next;
    }
    from.buckets[rehash_idx_++] = nullptr;
    break;  // one bucket per step
  }
  if (from.used == 0) {
    std::free(from.buckets);
    tables_[0] = tables_[1];
    tables_[1] = Table{};
    rehash_idx_ = 0;
  }
}

void ZSkiplist::index_start_resize(size_t buckets) {
  if (buckets == tables_[0].size()) return;
  void* mem = std::calloc(buckets, sizeof(Node*));
  if (mem == nullptr) throw std::bad_alloc();
  Table t;
  t.buckets = static_cast<Node**>(mem);
  t.mask = buckets - 1;
  if (tables_[0].buckets == nullptr) {
    tables_[0] = t;
  } else {
    tables_[1] = t;
    rehash_idx_ = 0;
  }
}

void ZSkiplist::index_maybe_grow() {
  if (tables_[0].buckets == nullptr) {
    index_start_resize(kMinBuckets);
  } else if (!rehashing() && tables_[0].used >= tables_[0].size()) {
    index_start_resize(buckets_for(tables_[0].used + 1));
  }
}

void ZSkiplist::index_maybe_shrink() {
  if (rehashing()) return;
  const Table& t = tables_[0];
  if (t.size() <= kMinBuckets || t.used * kShrinkRatio >= t.size()) return;
  try {
    index_start_resize(buckets_for(t.used));
  } catch (const std::bad_alloc&) {
    // A sparse table is slower to scan, not wrong.
  }
}

}  // namespace ironkv::store
