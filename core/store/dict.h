// The keyspace hash table: chained hashing over power-of-two bucket arrays with
// Redis-style incremental rehashing, so no single command ever pays for a whole resize.
//
// Shape (the same ideas as Redis's dict.c, written from scratch):
//  - Two tables. Normally only t_[0] exists. A resize allocates t_[1] and from then on
//    every find/insert/erase/random_node moves one bucket from t_[0] to t_[1]; the server
//    cron adds bulk progress with rehash_for(). New nodes go straight into t_[1] while
//    rehashing, so t_[0] only drains. When it is empty, t_[1] becomes t_[0].
//  - Grow when the element count reaches the bucket count (load factor 1); shrink when
//    less than 1/8 of the buckets would be used, never below kMinBuckets.
//  - SCAN uses the reverse-binary cursor: incrementing the high bits first means a
//    cursor's position stays meaningful when the mask grows or shrinks, which is what
//    lets a scan span resizes and still return every element that stayed present.
//  - Each node is one allocation: the Node header followed by the key bytes.
//
// Not thread-safe: the keyspace owns a Dict on its strand.
#pragma once

#include <cassert>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <new>
#include <random>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace ironkv::store {

namespace dict_detail {

// A per-process random seed mixed into every hash so bucket placement (and hence SCAN
// order and chain lengths) is not predictable from outside the process. It does not make
// full 64-bit std::hash collisions go away; keys crafted to collide in std::hash itself
// still share a bucket.
inline uint64_t hash_seed() {
  static const uint64_t seed = [] {
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    try {
      std::random_device rd;
      s ^= (static_cast<uint64_t>(rd()) << 32) ^ rd();
    } catch (...) {
      // No entropy source: fall back to something that still differs between runs.
      s ^= static_cast<uint64_t>(
          std::chrono::steady_clock::now().time_since_epoch().count());
    }
    return s;
  }();
  return seed;
}

// std::hash's low bits are all we use for the bucket index; the finaliser spreads the
// seed and the high bits into them.
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t reverse_bits(uint64_t v) {
  v = ((v >> 1) & 0x5555555555555555ULL) | ((v & 0x5555555555555555ULL) << 1);
  v = ((v >> 2) & 0x3333333333333333ULL) | ((v & 0x3333333333333333ULL) << 2);
  v = ((v >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((v & 0x0f0f0f0f0f0f0f0fULL) << 4);
  v = ((v >> 8) & 0x00ff00ff00ff00ffULL) | ((v & 0x00ff00ff00ff00ffULL) << 8);
  v = ((v >> 16) & 0x0000ffff0000ffffULL) | ((v & 0x0000ffff0000ffffULL) << 16);
  return (v >> 32) | (v << 32);
}

}  // namespace dict_detail

template <class V>
class Dict {
 public:
  struct Node {
    Node* next;
    // An empty V (a set's member table) takes no room: the header is 16 bytes, not 24.
    [[no_unique_address]] V value;
    uint32_t key_len;
    uint32_t aux;  // free for the owner (the keyspace keeps an LRU clock here)

    // The key bytes live right after the header, inside the same allocation.
    std::string_view key() const {
      return {reinterpret_cast<const char*>(this) + sizeof(Node), key_len};
    }

    // A copy would lose the key bytes that trail the header: nodes only live where
    // Dict allocated them.
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

   private:
    friend class Dict;
    explicit Node(uint32_t len) : next(nullptr), value(), key_len(len), aux(0) {}
    ~Node() = default;
  };

  Dict() = default;
  ~Dict() { clear(); }
  Dict(const Dict&) = delete;
  Dict& operator=(const Dict&) = delete;
  Dict(Dict&& other) noexcept { steal(other); }
  Dict& operator=(Dict&& other) noexcept {
    if (this != &other) {
      clear();
      steal(other);
    }
    return *this;
  }

  size_t size() const { return t_[0].used + t_[1].used; }
  bool empty() const { return size() == 0; }

  // May move one bucket of an ongoing rehash (amortises the resize over lookups).
  Node* find(std::string_view key) {
    if (empty()) return nullptr;
    if (is_rehashing()) rehash_buckets(1);
    return lookup(key, hash_key(key));
  }

  // Never rehashes, so it is safe from const contexts and mid-iteration.
  const Node* find(std::string_view key) const {
    if (empty()) return nullptr;
    return lookup(key, hash_key(key));
  }

  // Finds or creates; a created node has a value-initialised V and aux = 0.
  // Throws std::length_error for keys of 4 GiB or more, std::bad_alloc when out of memory;
  // the dict is unchanged by a throw except that a resize may have begun.
  std::pair<Node*, bool> insert(std::string_view key) {
    assert(pause_rehash_ == 0 && "insert from inside a scan/for_each callback");
    if (key.size() > std::numeric_limits<uint32_t>::max()) {
      throw std::length_error("ironkv::store::Dict key too long");
    }
    if (is_rehashing()) rehash_buckets(1);
    const uint64_t h = hash_key(key);
    if (Node* existing = lookup(key, h)) return {existing, false};

    expand_if_needed();
    Node* n = create_node(key);
    // While rehashing, t_[0] only drains: new nodes go to the table that survives.
    Table& t = is_rehashing() ? t_[1] : t_[0];
    Node*& head = t.buckets[h & t.mask];
    n->next = head;
    head = n;
    ++t.used;
    key_bytes_ += key.size();
    return {n, true};
  }

  bool erase(std::string_view key) {
    Node* n = detach(key);
    if (n == nullptr) return false;
    destroy_node(n);
    return true;
  }

  // Unlinks the node and hands it over (key bytes still inside); the caller destroys it
  // later with Dict::destroy_node (lets the server free big values off its hot thread).
  Node* detach(std::string_view key) {
    assert(pause_rehash_ == 0 && "erase/detach from inside a scan/for_each callback");
    if (empty()) return nullptr;
    if (is_rehashing()) rehash_buckets(1);
    const uint64_t h = hash_key(key);
    for (Table& t : t_) {
      if (t.buckets == nullptr) continue;
      for (Node** link = &t.buckets[h & t.mask]; *link != nullptr; link = &(*link)->next) {
        Node* n = *link;
        if (!key_equals(n, key)) continue;
        *link = n->next;
        n->next = nullptr;
        --t.used;
        key_bytes_ -= n->key_len;
        if (is_rehashing() && t_[0].used == 0 && frozen_ == 0) {
          finish_rehash();  // erasing drained the old table: nothing left to move
        } else {
          shrink_if_needed();
        }
        return n;
      }
    }
    return nullptr;
  }

  static void destroy_node(Node* n) {
    const size_t bytes = sizeof(Node) + n->key_len;
    n->~Node();
    deallocate_node(n, bytes);
  }

  // Destroys all nodes and frees both tables: O(n). Use take() to move that cost elsewhere.
  void clear() {
    assert(pause_rehash_ == 0 && "clear from inside a scan/for_each callback");
    for (Table& t : t_) {
      for (size_t i = 0; i < t.size(); ++i) {
        for (Node* n = t.buckets[i]; n != nullptr;) {
          Node* next = n->next;
          destroy_node(n);
          n = next;
        }
      }
      free_table(t);
    }
    rehash_idx_ = 0;
    key_bytes_ = 0;
  }

  // Swaps all content out into a returned Dict (O(1)); *this becomes empty. For async FLUSHALL.
  Dict take() {
    assert(pause_rehash_ == 0 && "take from inside a scan/for_each callback");
    Dict out;
    out.steal(*this);
    return out;
  }

  // A random node, or nullptr when empty: a random non-empty bucket, then a random node
  // of its chain. Like Redis, nodes in short chains are favoured; that is fine for
  // eviction sampling and RANDOMKEY. Rng: any uniform random bit generator.
  template <class Rng>
  Node* random_node(Rng& rng) {
    if (empty()) return nullptr;
    if (is_rehashing()) rehash_buckets(1);

    // Buckets are numbered across both tables; t_[0] below rehash_idx_ is known empty.
    const size_t first = is_rehashing() ? rehash_idx_ : 0;
    const size_t total = t_[0].size() + t_[1].size();
    std::uniform_int_distribution<size_t> pick_bucket(first, total - 1);
    Node* head = nullptr;
    // The load factor is normally >= 1/8, so a few probes find a bucket. It can be far
    // lower mid-rehash after mass deletion; then walk from a random bucket so the call
    // stays bounded instead of probing for a very long time.
    constexpr int kMaxProbes = 64;
    for (int probe = 0; probe < kMaxProbes && head == nullptr; ++probe) {
      head = global_bucket(pick_bucket(rng));
    }
    for (size_t i = pick_bucket(rng); head == nullptr;) {
      head = global_bucket(i);
      i = (i + 1 == total) ? first : i + 1;
    }

    size_t chain_len = 0;
    for (Node* n = head; n != nullptr; n = n->next) ++chain_len;
    std::uniform_int_distribution<size_t> pick_node(0, chain_len - 1);
    Node* n = head;
    for (size_t skip = pick_node(rng); skip > 0; --skip) n = n->next;
    return n;
  }

  // Redis SCAN: calls fn(Node&) for every node of the bucket(s) the cursor designates and
  // returns the next cursor; 0 = complete. Start with 0.
  //
  // Guarantee: every element present from the first call to the last is passed to fn at
  // least once, even if the table grows, shrinks or rehashes between calls; elements may
  // be returned twice when the table shrank meanwhile. Elements added or removed during
  // the scan may or may not be returned.
  //
  // fn must not insert, erase, detach, clear or take (asserted in debug builds). It may
  // call find() and modify node values/aux: rehashing is paused while fn runs, so a
  // lookup from fn cannot move the bucket being walked.
  template <class F>
  uint64_t scan(uint64_t cursor, F&& fn) {
    if (empty()) return 0;
    RehashPause pause(*this);
    uint64_t v = cursor;

    if (!is_rehashing()) {
      const uint64_t m0 = t_[0].mask;
      visit_chain(t_[0].buckets[v & m0], fn);
      return next_cursor(v, m0);
    }

    // The cursor addresses bucket (v & small_mask) in the smaller table and all buckets of
    // the larger table whose low bits equal it; those are exactly where an element of
    // that small bucket can live in either direction of the resize.
    const Table* small = &t_[0];
    const Table* large = &t_[1];
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

  // Iterates over all nodes (fn(Node&)), each exactly once. fn has the same restrictions
  // (and the same rehash pause) as for scan().
  template <class F>
  void for_each(F&& fn) {
    RehashPause pause(*this);
    for (Table& t : t_) {
      for (size_t i = 0; i < t.size(); ++i) visit_chain(t.buckets[i], fn);
    }
  }

  bool is_rehashing() const { return t_[1].buckets != nullptr; }

  // Layout freeze for point-in-time snapshots: while frozen, no node ever moves
  // between buckets (no rehash progress, no shrink, the old table is never
  // retired). Growth still works: a resize may begin and new nodes then go to the
  // new table, but existing ones stay where they are. So "bucket index < cursor"
  // tells a snapshot walking the buckets whether it has passed a key. Nests.
  void freeze_layout() { ++frozen_; }
  void thaw_layout() { --frozen_; }
  bool layout_frozen() const { return frozen_ != 0; }
  // Buckets numbered across both tables (t_[0] first), as the snapshot walks them.
  size_t global_bucket_count() const { return t_[0].size() + t_[1].size(); }
  // The global bucket holding `key`, or -1 if absent. Never rehashes.
  int64_t global_bucket_of(std::string_view key) const {
    if (empty()) return -1;
    const uint64_t h = hash_key(key);
    for (size_t ti = 0; ti < 2; ++ti) {
      const Table& t = t_[ti];
      if (t.buckets == nullptr) continue;
      for (Node* n = t.buckets[h & t.mask]; n != nullptr; n = n->next) {
        if (key_equals(n, key)) {
          return static_cast<int64_t>((ti == 0 ? 0 : t_[0].size()) + (h & t.mask));
        }
      }
    }
    return -1;
  }
  // Calls fn(Node&) for each node of global bucket i (frozen layout only; fn must
  // not insert or erase).
  template <class F>
  void visit_bucket(size_t i, F&& fn) {
    RehashPause pause(*this);
    visit_chain(global_bucket(i), fn);
  }

  // Moves up to n buckets to the new table (skipping at most 10*n empty ones); returns
  // true while more rehash work remains. Does nothing while a scan/for_each callback runs.
  bool rehash_step(size_t n = 1) {
    rehash_buckets(n);
    return is_rehashing();
  }

  // Rehash in steps of 100 buckets until done or `budget` elapsed; returns the number of
  // (non-empty) buckets moved. Meant for the server cron when the server is idle.
  size_t rehash_for(std::chrono::microseconds budget) {
    using Clock = std::chrono::steady_clock;
    constexpr size_t kBatch = 100;
    const auto deadline = Clock::now() + budget;
    size_t moved = 0;
    while (is_rehashing() && pause_rehash_ == 0 && frozen_ == 0) {
      moved += rehash_buckets(kBatch);
      if (Clock::now() >= deadline) break;
    }
    return moved;
  }

  size_t bucket_count() const { return t_[0].size() + t_[1].size(); }

  // Tables + node headers + key bytes. Heap memory owned by the values is not included;
  // the keyspace accounts for that by value type.
  size_t memory_bytes() const {
    return sizeof(*this) + bucket_count() * sizeof(Node*) + size() * sizeof(Node) +
           key_bytes_;
  }

 private:
  static constexpr size_t kMinBuckets = 4;
  // Shrink once fewer than 1/kShrinkRatio of the buckets would be used.
  static constexpr size_t kShrinkRatio = 8;
  // At most this many empty buckets skipped per bucket of requested rehash work, so a
  // step over a sparse table stays cheap.
  static constexpr size_t kEmptyVisitsPerStep = 10;

  struct Table {
    Node** buckets = nullptr;
    size_t mask = 0;
    size_t used = 0;
    size_t size() const { return buckets == nullptr ? 0 : mask + 1; }
  };

  // Blocks rehash progress while user callbacks run; nests.
  class RehashPause {
   public:
    explicit RehashPause(Dict& d) : d_(d) { ++d_.pause_rehash_; }
    ~RehashPause() { --d_.pause_rehash_; }
    RehashPause(const RehashPause&) = delete;
    RehashPause& operator=(const RehashPause&) = delete;

   private:
    Dict& d_;
  };

  static uint64_t hash_key(std::string_view key) {
    return dict_detail::mix64(std::hash<std::string_view>{}(key) ^ dict_detail::hash_seed());
  }

  static bool key_equals(const Node* n, std::string_view key) {
    // Length first; memcmp skipped for empty keys (data() may be null there).
    return n->key_len == key.size() &&
           (key.empty() ||
            std::memcmp(reinterpret_cast<const char*>(n) + sizeof(Node), key.data(),
                        key.size()) == 0);
  }

  static uint64_t next_cursor(uint64_t v, uint64_t mask) {
    // Set the bits above the mask so the increment of the reversed cursor carries
    // straight into the masked bits, i.e. add one from the top bit of the mask down.
    v |= ~mask;
    v = dict_detail::reverse_bits(v);
    ++v;
    return dict_detail::reverse_bits(v);
  }

  template <class F>
  static void visit_chain(Node* n, F& fn) {
    while (n != nullptr) {
      Node* next = n->next;
      fn(*n);
      n = next;
    }
  }

  Node* lookup(std::string_view key, uint64_t h) const {
    for (const Table& t : t_) {
      if (t.buckets == nullptr) continue;
      for (Node* n = t.buckets[h & t.mask]; n != nullptr; n = n->next) {
        if (key_equals(n, key)) return n;
      }
    }
    return nullptr;
  }

  Node* global_bucket(size_t i) const {
    const size_t s0 = t_[0].size();
    return i < s0 ? t_[0].buckets[i] : t_[1].buckets[i - s0];
  }

  static Node* create_node(std::string_view key) {
    const size_t bytes = sizeof(Node) + key.size();
    void* mem = allocate_node(bytes);
    Node* n;
    try {
      n = new (mem) Node(static_cast<uint32_t>(key.size()));
    } catch (...) {
      deallocate_node(mem, bytes);
      throw;
    }
    if (!key.empty()) {
      std::memcpy(reinterpret_cast<char*>(n) + sizeof(Node), key.data(), key.size());
    }
    return n;
  }

  static void* allocate_node(size_t bytes) {
    if constexpr (alignof(Node) > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      return ::operator new(bytes, std::align_val_t{alignof(Node)});
    } else {
      return ::operator new(bytes);
    }
  }

  // Sized delete when the compiler offers it (clang < 17 needs -fsized-deallocation):
  // it spares the allocator a size lookup on every erase.
  static void deallocate_node(void* p, [[maybe_unused]] size_t bytes) {
#if defined(__cpp_sized_deallocation)
    if constexpr (alignof(Node) > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      ::operator delete(p, bytes, std::align_val_t{alignof(Node)});
    } else {
      ::operator delete(p, bytes);
    }
#else
    if constexpr (alignof(Node) > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      ::operator delete(p, std::align_val_t{alignof(Node)});
    } else {
      ::operator delete(p);
    }
#endif
  }

  // calloc rather than new[]+fill: big arrays come from fresh zeroed pages, so starting a
  // resize of a huge table costs no O(n) memset on the hot path.
  static Table make_table(size_t buckets) {
    void* mem = std::calloc(buckets, sizeof(Node*));
    if (mem == nullptr) throw std::bad_alloc();
    Table t;
    t.buckets = static_cast<Node**>(mem);
    t.mask = buckets - 1;
    return t;
  }

  static void free_table(Table& t) {
    std::free(t.buckets);
    t = Table{};
  }

  static size_t buckets_for(size_t elements) {
    size_t n = kMinBuckets;
    while (n < elements && n <= std::numeric_limits<size_t>::max() / 2) n *= 2;
    return n;
  }

  // Starts moving to a table of `buckets`; with no table yet there is nothing to move.
  void start_resize(size_t buckets) {
    if (buckets == t_[0].size()) return;
    Table t = make_table(buckets);
    if (t_[0].buckets == nullptr) {
      t_[0] = t;
      return;
    }
    t_[1] = t;
    rehash_idx_ = 0;
  }

  // Only one resize at a time: while rehashing, the next check happens when it finishes.
  void expand_if_needed() {
    if (t_[0].buckets == nullptr) {
      start_resize(kMinBuckets);
      return;
    }
    if (is_rehashing()) return;
    if (t_[0].used >= t_[0].size()) start_resize(buckets_for(t_[0].used + 1));
  }

  // Never throws: if the smaller table can't be allocated we just keep the bigger one.
  void shrink_if_needed() noexcept {
    if (is_rehashing() || pause_rehash_ != 0 || frozen_ != 0) return;
    const Table& t = t_[0];
    if (t.size() <= kMinBuckets || t.used * kShrinkRatio >= t.size()) return;
    try {
      start_resize(buckets_for(t.used));
    } catch (const std::bad_alloc&) {
    }
  }

  // The rehash work unit; returns how many non-empty buckets were moved.
  size_t rehash_buckets(size_t n) {
    if (!is_rehashing() || pause_rehash_ != 0 || frozen_ != 0) return 0;
    Table& from = t_[0];
    Table& to = t_[1];
    size_t empty_visits = n * kEmptyVisitsPerStep;
    size_t moved = 0;
    while (moved < n && from.used != 0) {
      // from.used != 0 guarantees a non-empty bucket at or after rehash_idx_.
      while (from.buckets[rehash_idx_] == nullptr) {
        ++rehash_idx_;
        if (--empty_visits == 0) return moved;
      }
      for (Node* node = from.buckets[rehash_idx_]; node != nullptr;) {
        Node* next = node->next;
        Node*& head = to.buckets[hash_key(node->key()) & to.mask];
        node->next = head;
        head = node;
        --from.used;
        ++to.used;
        node = next;
      }
      from.buckets[rehash_idx_] = nullptr;
      ++rehash_idx_;
      ++moved;
    }
    if (from.used == 0) finish_rehash();
    return moved;
  }

  void finish_rehash() {
    std::free(t_[0].buckets);
    t_[0] = t_[1];
    t_[1] = Table{};
    rehash_idx_ = 0;
    // Load may have drifted past a threshold while the resize ran (inserts during a
    // shrink, mass erases during a grow); with no cron-driven check that is the place
    // to start the next one.
    try {
      if (t_[0].used >= t_[0].size()) start_resize(buckets_for(t_[0].used + 1));
    } catch (const std::bad_alloc&) {
      // Over-full chains are slower, not wrong: the next insert retries the grow.
    }
    shrink_if_needed();
  }

  void steal(Dict& other) noexcept {
    t_[0] = other.t_[0];
    t_[1] = other.t_[1];
    rehash_idx_ = other.rehash_idx_;
    key_bytes_ = other.key_bytes_;
    other.t_[0] = Table{};
    other.t_[1] = Table{};
    other.rehash_idx_ = 0;
    other.key_bytes_ = 0;
  }

  Table t_[2];
  // Buckets of t_[0] below this index have been moved; meaningful only while rehashing.
  size_t rehash_idx_ = 0;
  // > 0 while a scan/for_each callback runs; rehash steps are skipped then.
  int pause_rehash_ = 0;
  // > 0 while a snapshot walks the table (freeze_layout()).
  int frozen_ = 0;
  size_t key_bytes_ = 0;
};

}  // namespace ironkv::store
