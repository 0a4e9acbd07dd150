#pragma once
// The big sorted-set encoding: a skiplist with spans (William Pugh's list, with
// Redis's changes: repeated scores ordered by member, a backward pointer on
// level 0, and per-level spans so rank lookups are O(log n)) fused with a hash
// index member -> node.
//
// Memory: each member costs exactly one allocation. The node holds the score,
// the links and the member bytes; the hash index chains through the nodes
// themselves (hnext), so the member is never copied a second time and the index
// costs one bucket pointer per member on top. Level-0 spans are always 1 and are
// not stored; the other spans are 32-bit (a sorted set cannot hold 2^32 members).
// Levels are drawn with p = 1/4 up to 32, as Redis does.
//
// The index resizes like Redis's dict: power-of-two bucket arrays, grow at load
// factor 1, shrink below 1/8, and incremental rehashing (one bucket per write),
// so SCAN's reverse-binary cursor keeps its guarantees across resizes.
//
// Not thread-safe; owned by a ZSetValue on the keyspace strand.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace ironkv::store {

// A score interval (Redis zrangespec); minex/maxex make a bound exclusive.
struct ScoreRange {
  double min = 0;
  double max = 0;
  bool minex = false;
  bool maxex = false;

  bool gte_min(double v) const { return minex ? v > min : v >= min; }
  bool lte_max(double v) const { return maxex ? v < max : v <= max; }
  bool contains(double v) const { return gte_min(v) && lte_max(v); }
  // True when no score can be inside (Redis zslIsInRange's first test).
  bool always_empty() const { return min > max || (min == max && (minex || maxex)); }
};

// A lexicographic interval (Redis zlexrangespec): "-" and "+" are the infinite
// strings, "[x" inclusive, "(x" exclusive. The views must outlive the range.
struct LexRange {
  enum class Bound : uint8_t { kValue, kNegInf, kPosInf };
  std::string_view min;
  std::string_view max;
  Bound min_kind = Bound::kNegInf;
  Bound max_kind = Bound::kPosInf;
  bool minex = false;
  bool maxex = false;

  bool gte_min(std::string_view v) const {
    if (min_kind != Bound::kValue) return min_kind == Bound::kNegInf;
    const int c = v.compare(min);
    return minex ? c > 0 : c >= 0;
  }
  bool lte_max(std::string_view v) const {
    if (max_kind != Bound::kValue) return max_kind == Bound::kPosInf;
    const int c = v.compare(max);
    return maxex ? c < 0 : c <= 0;
  }
  bool contains(std::string_view v) const { return gte_min(v) && lte_max(v); }
  // Redis zslIsInLexRange's first test: min above max, or equal with an open end.
  bool always_empty() const {
    int c;
    if (min_kind == max_kind && min_kind != Bound::kValue) {
      c = 0;
    } else if (min_kind == Bound::kNegInf || max_kind == Bound::kPosInf) {
      c = -1;
    } else if (min_kind == Bound::kPosInf || max_kind == Bound::kNegInf) {
      c = 1;
    } else {
      c = min.compare(max);
    }
    return c > 0 || (c == 0 && (minex || maxex));
  }
};

class ZSkiplist {
 public:
  static constexpr int kMaxLevel = 32;

  // One member. Layout of the allocation: this header, then forward pointers
  // [level], then spans of levels 1..level-1 (uint32), then the member bytes.
  class Node {
   public:
    double score() const { return score_; }
    std::string_view member() const {
      return {reinterpret_cast<const char*>(spans()) + (level_ - 1) * sizeof(uint32_t), len_};
    }
    const Node* next() const { return fwd(0); }
    const Node* prev() const { return backward_; }

    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

   private:
    friend class ZSkiplist;
    Node() = default;

    Node* const* forwards() const {
      return reinterpret_cast<Node* const*>(reinterpret_cast<const char*>(this) + sizeof(Node));
    }
    Node** forwards() {
      return reinterpret_cast<Node**>(reinterpret_cast<char*>(this) + sizeof(Node));
    }
    const uint32_t* spans() const { return reinterpret_cast<const uint32_t*>(forwards() + level_); }
    uint32_t* spans() { return reinterpret_cast<uint32_t*>(forwards() + level_); }
    Node* fwd(int i) const { return forwards()[i]; }
    void set_fwd(int i, Node* n) { forwards()[i] = n; }
    // Nodes crossed by following fwd(i); only meaningful when fwd(i) != nullptr.
    size_t span(int i) const { return i == 0 ? 1 : spans()[i - 1]; }
    void set_span(int i, size_t s) {
      if (i > 0) spans()[i - 1] = static_cast<uint32_t>(s);
    }
    char* member_bytes() {
      return reinterpret_cast<char*>(spans()) + (level_ - 1) * sizeof(uint32_t);
    }

    double score_ = 0;
    Node* backward_ = nullptr;
    Node* hnext_ = nullptr;  // hash-index chain
    uint32_t len_ = 0;
    uint8_t level_ = 0;
  };

  ZSkiplist();
  ~ZSkiplist();
  ZSkiplist(ZSkiplist&& o) noexcept;
  ZSkiplist& operator=(ZSkiplist&& o) noexcept;
  ZSkiplist(const ZSkiplist&) = delete;
  ZSkiplist& operator=(const ZSkiplist&) = delete;
  ZSkiplist clone() const;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The node holding member, or nullptr.
  const Node* find(std::string_view member) const;
  // Precondition: member absent. Throws std::length_error at 2^32-1 members.
  const Node* insert(std::string_view member, double score);
  // Moves n to a new score (in place when its neighbours allow, like Redis
  // zslUpdateScore); n stays valid.
  void update_score(const Node* n, double score);
  void erase(const Node* n);

  const Node* first() const { return head_->fwd(0); }
  const Node* last() const { return tail_; }
  // 1-based rank of n in ascending order.
  size_t rank_of(const Node* n) const;
  // The node at 1-based rank, or nullptr when out of range.
  const Node* by_rank(size_t rank) const;

  const Node* first_in_range(const ScoreRange& r) const;
  const Node* last_in_range(const ScoreRange& r) const;
  const Node* first_in_range(const LexRange& r) const;
  const Node* last_in_range(const LexRange& r) const;

  // Deletions; return how many members were removed. Ranks are 1-based, inclusive.
  size_t erase_range(const ScoreRange& r);
  size_t erase_range(const LexRange& r);
  size_t erase_rank_range(size_t start, size_t end);

  // Redis SCAN over the hash index: fn(const Node&) for the bucket(s) the cursor
  // designates; returns the next cursor (0 = done). Every member present for the
  // whole scan is returned at least once, across resizes.
  template <class F>
  uint64_t scan(uint64_t cursor, F&& fn) const;

  size_t memory_bytes() const;

 private:
  struct Table {
    Node** buckets = nullptr;
    size_t mask = 0;
    size_t used = 0;
    size_t size() const { return buckets == nullptr ? 0 : mask + 1; }
  };

  static Node* make_node(int level, double score, std::string_view member);
  static void free_node(Node* n);
  static size_t node_bytes(int level, size_t len);
  int random_level();
  void destroy();

  // Fills update[] with, per level, the last node before (score, member).
  void find_update(double score, std::string_view member, Node** update) const;
  void link(Node* x);                   // inserts x (score/member/level set)
  void unlink(Node* x, Node** update);  // Redis zslDeleteNode
  Node* mut(const Node* n) const { return const_cast<Node*>(n); }

  // Hash index.
  static uint64_t hash(std::string_view member);
  Node* index_find(std::string_view member) const;
  void index_insert(Node* n);
  void index_remove(Node* n);
  void index_rehash_step();
  void index_start_resize(size_t buckets);
  void index_maybe_grow();
  void index_maybe_shrink();
  bool rehashing() const { return tables_[1].buckets != nullptr; }

  template <class F>
  static void visit_chain(const Node* n, F& fn) {
    for (; n != nullptr; n = n->hnext_) fn(*n);
  }
  static uint64_t next_cursor(uint64_t v, uint64_t mask);

  Node* head_;
  Node* tail_ = nullptr;
  size_t size_ = 0;
  int level_ = 1;
  uint64_t rng_;
  size_t node_bytes_ = 0;  // bytes of member nodes (headers, links, members)
  Table tables_[2];
  size_t rehash_idx_ = 0;
};

template <class F>
uint64_t ZSkiplist::scan(uint64_t cursor, F&& fn) const {
  if (size_ == 0) return 0;
  uint64_t v = cursor;
  if (!rehashing()) {
    const Table& t = tables_[0];
    visit_chain(t.buckets[v & t.mask], fn);
    return next_cursor(v, t.mask);
  }
  // Visit the small table's bucket and every bucket of the large table that
  // expands it: together they hold everything that bucket held before or after.
  const Table* small = &tables_[0];
  const Table* large = &tables_[1];
  if (small->size() > large->size()) std::swap(small, large);
  const uint64_t m0 = small->mask;
  const uint64_t m1 = large->mask;
  visit_chain(small->buckets[v & m0], fn);
  do {
    visit_chain(large->buckets[v & m1], fn);
    v = next_cursor(v, m1);
  } while ((v & (m0 ^ m1)) != 0);
  return v;
}

}  // namespace ironkv::store
