#pragma once
// The list type with Redis 7.2's two encodings (t_list.c / quicklist.c semantics,
// our own code):
//   listpack   a small list: one Listpack holding every element.
//   quicklist  a doubly linked list of Listpack nodes, each kept within
//              list-max-listpack-size (the "fill"): > 0 entries per node (and at most
//              8 KB), -1..-5 = 4/8/16/32/64 KB per node. An element too big for a node
//              lives alone in a "plain" node (a node holding one large element).
// Pushes fill nodes by Redis's rule, so a list built by pushes has Redis's node layout
// byte for byte (and its memory per element).
// A listpack becomes a quicklist when an addition would take it past one node's limit
// (checked before adding, like listTypeTryConversionAppend); a quicklist goes back to
// a listpack when it is down to one node that fits in half a node's limit
// (maybe_to_listpack(), which the commands call after removing elements).
//
// Push and pop are O(1) at both ends (a node's listpack is edited in place); index,
// set and range walk the nodes by their counts, from the nearer end.
//
// Views handed out (at(), for_each(), for_range()) stay valid only until the list is
// modified; callbacks must not modify the list they visit.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/store/listpack.h"
#include "core/store/value.h"

namespace ironkv::store {

class ListValue final : public Collection {
 public:
  enum class End : uint8_t { kHead, kTail };

  // Redis SIZE_SAFETY_LIMIT: the most bytes a node may hold when the fill counts entries.
  static constexpr size_t kSizeSafetyLimit = 8192;
  // Redis SIZE_ESTIMATE_OVERHEAD: what an insertion is assumed to add beyond the bytes.
  static constexpr size_t kSizeEstimateOverhead = 8;

  // An empty, listpack-encoded list; `fill` is list-max-listpack-size.
  explicit ListValue(int64_t fill = -2);
  // Adopts a serialized listpack (RDB of a listpack-encoded list). Precondition:
  // Listpack::validate passed.
  ListValue(Listpack lp, int64_t fill);
  ~ListValue() override;
  ListValue(const ListValue&) = delete;
  ListValue& operator=(const ListValue&) = delete;

  static constexpr ObjType kType = ObjType::kList;  // Database::find<T>
  ObjType type() const override { return kType; }
  Encoding encoding() const override {
    return quicklist_ ? Encoding::kQuicklist : Encoding::kListpack;
  }
  std::unique_ptr<Collection> clone() const override;
  size_t memory_bytes() const override;
  size_t element_count() const override { return count_; }

  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  size_t node_count() const;  // 1 for a listpack

  // The node limit used from now on (CONFIG SET list-max-listpack-size).
  void set_fill(int64_t fill);
  int fill() const { return fill_; }

  // ---- adding ---------------------------------------------------------------------
  // Redis listTypeTryConversionAppend: becomes a quicklist if adding `add_count`
  // elements of `add_bytes` bytes in all would take the listpack past one node.
  void prepare_growth(size_t add_bytes, size_t add_count);
  // Adds one element (with its own prepare_growth).
  void push(End end, std::string_view s);
  // LPUSH/RPUSH: one prepare_growth for all the elements, then each pushed in turn
  // (so LPUSH a b c leaves c first).
  void push_all(End end, std::span<const std::string_view> items);
  // LSET: replaces the element at index (negative = from the tail); false if out of range.
  bool set(int64_t index, std::string_view s);
  // LINSERT: inserts s before/after the first element equal to pivot; false if none.
  bool insert(std::string_view pivot, std::string_view s, bool after);

  // ---- removing (the caller deletes the key once the list is empty) ------------------
  // Removes and returns the first or last element. Precondition: !empty().
  std::string pop(End end);
  // Removes `count` elements from index `start` (0-based, clamped to the end).
  void erase_range(size_t start, size_t count);
  // LREM: removes up to |count| elements equal to s (all for 0), from the head when
  // count >= 0, from the tail when negative. Returns how many were removed.
  size_t remove(std::string_view s, int64_t count);
  // Redis listTypeTryConversion for a quicklist: back to a listpack when one node is
  // left and it fits in the node limit (in half of it when `shrinking`, so a list at
  // the boundary does not flip at every change).
  void maybe_to_listpack(bool shrinking = true);

  // ---- reading --------------------------------------------------------------------
  // The element at index (negative = from the tail), nullopt if out of range. Integer
  // elements are written as text into buf.
  std::optional<std::string_view> at(int64_t index, IntBuf& buf) const;
  // fn(std::string_view) for `count` elements from index `first` (0 <= first < size()),
  // walking towards the tail, or towards the head when `reverse`; fn may return bool,
  // false stops the walk.
  template <class F>
  void for_range(size_t first, size_t count, bool reverse, F&& fn) const;
  // Every element head to tail (or tail to head); fn as for for_range.
  template <class F>
  void for_each(F&& fn, bool reverse = false) const {
    if (count_ > 0) for_range(reverse ? count_ - 1 : 0, count_, reverse, std::forward<F>(fn));
  }

  // ---- nodes, for persistence ----------------------------------------------------------
  // fn(const Listpack& node, bool plain) for each node head to tail; a listpack-encoded
  // list is one node. A plain node holds one element.
  template <class F>
  void for_each_node(F&& fn) const;
  // Appends a node (RDB quicklist): the list becomes a quicklist. Precondition: lp was
  // validated and is not empty. A node of one element too large for a node is plain.
  void append_node(Listpack lp);

 private:
  // 40 bytes, like Redis's quicklistNode. Whether a node is plain follows from its
  // content (is_plain), so it takes no field.
  struct Node {
    Node* prev = nullptr;
    Node* next = nullptr;
    Listpack lp;
  };
  // A position: a node and the entry's byte offset in it.
  struct Cursor {
    Node* node = nullptr;
    Listpack::Pos pos = Listpack::kNone;
  };

  // Node limits from the fill (Redis quicklistNodeLimit / quicklistNodeExceedsLimit).
  bool exceeds_limit(size_t new_bytes, size_t new_count) const;
  bool is_large(size_t element_bytes) const;
  bool is_plain(const Node* n) const;
  bool allow_insert(const Node* n, size_t element_bytes) const;
  size_t size_limit() const;
  size_t count_limit() const;

  Cursor seek(int64_t index) const;  // node.pos kNone when out of range
  static void advance(Cursor& c, bool reverse);
  static size_t entry_bytes(const Listpack& lp, Listpack::Pos p);

  static Node* new_node(Listpack lp);
  static Node* new_node(std::string_view s);  // a node holding one element
  void link_before(Node* at, Node* n);        // at == nullptr: at the tail
  void link_after(Node* at, Node* n);         // at == nullptr: at the head
  void unlink_free(Node* n);
  static void compact(Node* n);
  void to_quicklist();
  // Quicklist insertion next to the entry at c (Redis _quicklistInsert).
  void insert_at(Cursor c, std::string_view s, bool after);
  // Splits n before the entry at `from`: the entries from there on move to a new node
  // linked after n, which is returned.
  Node* split(Node* n, Listpack::Pos from);
  // Removes the entry at c; frees a quicklist node that becomes empty. Returns the
  // position of the next entry towards `reverse`'s direction (kNone node at the end).
  Cursor erase_at(Cursor c, bool reverse);

  // In listpack encoding the one node is inline_ (head_ == tail_ == &inline_); in
  // quicklist encoding nodes are heap-allocated and inline_ holds nothing.
  Node inline_;
  Node* head_ = nullptr;
  Node* tail_ = nullptr;
  size_t count_ = 0;
  int32_t fill_ = -2;
  bool quicklist_ = false;
};

// ---- templates ----------------------------------------------------------------

template <class F>
void ListValue::for_range(size_t first, size_t count, bool reverse, F&& fn) const {
  Cursor c = seek(static_cast<int64_t>(first));
  IntBuf buf;
  for (size_t i = 0; i < count && c.node != nullptr; ++i) {
    std::string_view v = c.node->lp.get(c.pos).view(buf);
    if constexpr (std::is_same_v<std::invoke_result_t<F&, std::string_view>, bool>) {
      if (!fn(v)) return;
    } else {
      fn(v);
    }
    advance(c, reverse);
  }
}

template <class F>
void ListValue::for_each_node(F&& fn) const {
  for (const Node* n = head_; n != nullptr; n = n->next) {
    fn(static_cast<const Listpack&>(n->lp), quicklist_ && is_plain(n));
  }
}

}  // namespace ironkv::store
