#include "core/store/list_value.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <utility>

namespace ironkv::store {

namespace {

// Node size limits for fill -1..-5 (Redis optimization_level).
constexpr size_t kOptimizationLevel[] = {4096, 8192, 16384, 32768, 65536};
constexpr size_t kLevels = sizeof kOptimizationLevel / sizeof kOptimizationLevel[0];
// Redis keeps the fill in a 16-bit field: at most 32767 entries per node, at least -5.
constexpr int64_t kFillMax = (1 << 15) - 1;
constexpr int64_t kFillMin = -5;

int32_t clamp_fill(int64_t fill) {
  return static_cast<int32_t>(std::clamp(fill, kFillMin, kFillMax));
}

void append_entry(Listpack& lp, const Listpack::Entry& e) {
  if (e.is_int)
    lp.append_int(e.ival);
  else
    lp.append(e.sval);
}

}  // namespace

ListValue::ListValue(int64_t fill) : fill_(clamp_fill(fill)) { head_ = tail_ = &inline_; }

ListValue::ListValue(Listpack lp, int64_t fill) : ListValue(fill) {
  inline_.lp = std::move(lp);
  count_ = inline_.lp.size();
}

ListValue::~ListValue() {
  if (!quicklist_) return;
  for (Node* n = head_; n != nullptr;) {
    Node* next = n->next;
    delete n;
    n = next;
  }
}

std::unique_ptr<Collection> ListValue::clone() const {
  auto c = std::make_unique<ListValue>(fill_);
  if (!quicklist_) {
    c->inline_.lp = inline_.lp.clone();
  } else {
    c->to_quicklist();
    for (const Node* n = head_; n != nullptr; n = n->next) {
      c->link_before(nullptr, new_node(n->lp.clone()));
    }
  }
  c->count_ = count_;
  return c;
}

size_t ListValue::memory_bytes() const {
  size_t total = sizeof(ListValue);
  if (!quicklist_) return total + inline_.lp.memory_bytes();
  for (const Node* n = head_; n != nullptr; n = n->next)
    total += sizeof(Node) + n->lp.memory_bytes();
  return total;
}

size_t ListValue::node_count() const {
  size_t n = 0;
  for (const Node* p = head_; p != nullptr; p = p->next) ++n;
  return n;
}

void ListValue::set_fill(int64_t fill) { fill_ = clamp_fill(fill); }

// ---- limits (Redis quicklistNodeLimit, quicklistNodeExceedsLimit, isLargeElement) ----

size_t ListValue::size_limit() const {
  if (fill_ >= 0) return SIZE_MAX;
  size_t offset = static_cast<size_t>(-static_cast<int64_t>(fill_)) - 1;
  return kOptimizationLevel[std::min(offset, kLevels - 1)];
}

size_t ListValue::count_limit() const {
  if (fill_ < 0) return UINT_MAX;
  return fill_ == 0 ? 1 : static_cast<size_t>(fill_);
}

bool ListValue::exceeds_limit(size_t new_bytes, size_t new_count) const {
  if (fill_ < 0) return new_bytes > size_limit();
  return new_bytes > kSizeSafetyLimit || new_count > count_limit();
}

bool ListValue::is_large(size_t element_bytes) const {
  return element_bytes > (fill_ >= 0 ? kSizeSafetyLimit : size_limit());
}

// A plain node holds one element too large for a packed node. Large elements only
// ever get a node of their own (a listpack converts before taking one), so the
// content tells.
bool ListValue::is_plain(const Node* n) const {
  if (n->lp.size() != 1) return false;
  const Listpack::Entry e = n->lp.get(n->lp.first());
  return !e.is_int && is_large(e.sval.size());
}

bool ListValue::allow_insert(const Node* n, size_t element_bytes) const {
  if (n == nullptr || is_plain(n) || is_large(element_bytes)) return false;
  // Over-estimates what one entry adds, as Redis does.
  return !exceeds_limit(n->lp.bytes_size() + element_bytes + kSizeEstimateOverhead,
                        n->lp.size() + 1);
}

// ---- nodes ------------------------------------------------------------------------

ListValue::Node* ListValue::new_node(Listpack lp) {
  Node* n = new Node;
  n->lp = std::move(lp);
  return n;
}

ListValue::Node* ListValue::new_node(std::string_view s) {
  Node* n = new Node;
  n->lp.append(s);
  return n;
}

void ListValue::link_before(Node* at, Node* n) {
  if (at == nullptr) {  // at the tail
    n->prev = tail_;
    n->next = nullptr;
    if (tail_ != nullptr)
      tail_->next = n;
    else
      head_ = n;
    tail_ = n;
    return;
  }
  n->next = at;
  n->prev = at->prev;
  if (at->prev != nullptr)
    at->prev->next = n;
  else
    head_ = n;
  at->prev = n;
}

void ListValue::link_after(Node* at, Node* n) {
  if (at == nullptr) {  // at the head
    n->prev = nullptr;
    n->next = head_;
    if (head_ != nullptr)
      head_->prev = n;
    else
      tail_ = n;
    head_ = n;
    return;
  }
  n->prev = at;
  n->next = at->next;
  if (at->next != nullptr)
    at->next->prev = n;
  else
    tail_ = n;
  at->next = n;
}

void ListValue::unlink_free(Node* n) {
  if (n->prev != nullptr)
    n->prev->next = n->next;
  else
    head_ = n->next;
  if (n->next != nullptr)
    n->next->prev = n->prev;
  else
    tail_ = n->prev;
  delete n;
}

// A node that will not grow for a while gives back the slack its buffer kept for
// appends: over a long list this is the difference between ~1.25x and 1x of the bytes.
void ListValue::compact(Node* n) {
  if (n->lp.memory_bytes() > n->lp.bytes_size()) n->lp = Listpack::from_bytes(n->lp.bytes());
}

void ListValue::to_quicklist() {
  Listpack lp = std::move(inline_.lp);
  quicklist_ = true;
  head_ = tail_ = nullptr;
  if (lp.size() > 0) {
    Node* n = new_node(std::move(lp));
    compact(n);
    link_before(nullptr, n);
  }
}

void ListValue::maybe_to_listpack(bool shrinking) {
  if (!quicklist_ || head_ == nullptr || head_ != tail_ || is_plain(head_)) return;
  size_t sz_limit = size_limit();
  size_t cnt_limit = count_limit();
  if (shrinking) {
    sz_limit /= 2;
    cnt_limit /= 2;
  }
  if (head_->lp.bytes_size() > sz_limit || count_ > cnt_limit) return;
  Node* n = head_;
  inline_.lp = std::move(n->lp);
  delete n;
  quicklist_ = false;
  head_ = tail_ = &inline_;
}

ListValue::Node* ListValue::split(Node* n, Listpack::Pos from) {
  Listpack right;
  size_t moved = 0;
  for (Listpack::Pos p = from; p != Listpack::kNone; p = n->lp.next(p)) {
    append_entry(right, n->lp.get(p));
    ++moved;
  }
  n->lp.erase_range(-static_cast<int64_t>(moved), moved);
  compact(n);
  Node* r = new_node(std::move(right));
  compact(r);
  link_after(n, r);
  return r;
}

// ---- positions ----------------------------------------------------------------------

ListValue::Cursor ListValue::seek(int64_t index) const {
  const auto n = static_cast<int64_t>(count_);
  if (index < 0) index += n;
  if (index < 0 || index >= n) return {};
  Node* node;
  int64_t local;
  if (index < n / 2) {
    node = head_;
    local = index;
    while (local >= static_cast<int64_t>(node->lp.size())) {
      local -= static_cast<int64_t>(node->lp.size());
      node = node->next;
    }
  } else {
    node = tail_;
    int64_t from_tail = n - 1 - index;
    while (from_tail >= static_cast<int64_t>(node->lp.size())) {
      from_tail -= static_cast<int64_t>(node->lp.size());
      node = node->prev;
    }
    local = static_cast<int64_t>(node->lp.size()) - 1 - from_tail;
  }
  return {node, node->lp.seek(local)};
}

void ListValue::advance(Cursor& c, bool reverse) {
  if (c.node == nullptr) return;
  c.pos = reverse ? c.node->lp.prev(c.pos) : c.node->lp.next(c.pos);
  while (c.pos == Listpack::kNone) {
    c.node = reverse ? c.node->prev : c.node->next;
    if (c.node == nullptr) return;
    c.pos = reverse ? c.node->lp.last() : c.node->lp.first();
  }
}

size_t ListValue::entry_bytes(const Listpack& lp, Listpack::Pos p) {
  Listpack::Pos next = lp.next(p);
  return (next == Listpack::kNone ? lp.bytes_size() - 1 : next) - p;
}

// ---- adding ---------------------------------------------------------------------------

void ListValue::prepare_growth(size_t add_bytes, size_t add_count) {
  if (quicklist_) return;
  if (exceeds_limit(inline_.lp.bytes_size() + add_bytes, inline_.lp.size() + add_count)) {
    to_quicklist();
  }
}

void ListValue::push(End end, std::string_view s) {
  prepare_growth(s.size(), 1);
  const bool head = end == End::kHead;
  Node* n = head ? head_ : tail_;
  if (!quicklist_ || allow_insert(n, s.size())) {
    if (head)
      n->lp.prepend(s);
    else
      n->lp.append(s);
  } else {
    Node* fresh = new_node(s);
    if (n != nullptr) compact(n);
    if (head)
      link_after(nullptr, fresh);
    else
      link_before(nullptr, fresh);
  }
  ++count_;
}

void ListValue::push_all(End end, std::span<const std::string_view> items) {
  size_t bytes = 0;
  for (std::string_view s : items) bytes += s.size();
  prepare_growth(bytes, items.size());
  // Still a listpack: it takes them all; otherwise per element (the check is a no-op).
  for (std::string_view s : items) {
    if (!quicklist_) {
      if (end == End::kHead)
        inline_.lp.prepend(s);
      else
        inline_.lp.append(s);
      ++count_;
    } else {
      push(end, s);
    }
  }
}

bool ListValue::set(int64_t index, std::string_view s) {
  // Like Redis, the conversion check comes first, even for an index out of range.
  prepare_growth(s.size(), 1);
  Cursor c = seek(index);
  if (c.node == nullptr) return false;
  Node* n = c.node;
  if (!quicklist_) {
    n->lp.replace(c.pos, s);
    return true;
  }
  const size_t old_bytes = entry_bytes(n->lp, c.pos);
  if (!is_plain(n) && !is_large(s.size()) &&
      !exceeds_limit(n->lp.bytes_size() - old_bytes + s.size() + kSizeEstimateOverhead,
                     n->lp.size())) {
    n->lp.replace(c.pos, s);
    return true;
  }
  // Too big for its node: the new element gets a node of its own where the old one was.
  Node* fresh = new_node(s);
  if (n->lp.size() == 1) {
    link_after(n, fresh);
    unlink_free(n);
    return true;
  }
  Listpack::Pos after = n->lp.next(c.pos);
  if (after != Listpack::kNone) split(n, after);
  n->lp.erase(n->lp.last());  // the replaced element, now the node's last
  link_after(n, fresh);
  if (n->lp.empty())
    unlink_free(n);
  else
    compact(n);
  return true;
}

bool ListValue::insert(std::string_view pivot, std::string_view s, bool after) {
  // Like Redis, assume the insertion happens and convert first if it would need to.
  prepare_growth(s.size(), 1);
  for (Node* n = head_; n != nullptr; n = n->next) {
    Listpack::Pos p = n->lp.find(pivot);
    if (p == Listpack::kNone) continue;
    if (!quicklist_) {
      if (after)
        n->lp.insert_after(p, s);
      else
        n->lp.insert_before(p, s);
      ++count_;
    } else {
      insert_at({n, p}, s, after);
    }
    return true;
  }
  return false;
}

void ListValue::insert_at(Cursor c, std::string_view s, bool after) {
  Node* n = c.node;
  const size_t len = s.size();
  ++count_;
  if (allow_insert(n, len)) {
    if (after)
      n->lp.insert_after(c.pos, s);
    else
      n->lp.insert_before(c.pos, s);
    return;
  }
  const bool at_tail = after && n->lp.next(c.pos) == Listpack::kNone;
  const bool at_head = !after && n->lp.prev(c.pos) == Listpack::kNone;
  if (at_tail && allow_insert(n->next, len)) {
    n->next->lp.prepend(s);
    return;
  }
  if (at_head && allow_insert(n->prev, len)) {
    n->prev->lp.append(s);
    return;
  }
  Node* fresh = new_node(s);
  if (at_tail || at_head) {
    compact(n);
    if (after)
      link_after(n, fresh);
    else
      link_before(n, fresh);
    return;
  }
  // In the middle of a full node: split it there, then the new element joins the left
  // part, the right part, or sits between them in a node of its own.
  Node* right = split(n, after ? n->lp.next(c.pos) : c.pos);
  if (allow_insert(n, len)) {
    n->lp.append(s);
    delete fresh;
  } else if (allow_insert(right, len)) {
    right->lp.prepend(s);
    delete fresh;
  } else {
    link_after(n, fresh);
  }
}

void ListValue::append_node(Listpack lp) {
  if (!quicklist_) to_quicklist();
  count_ += lp.size();
  Node* n = new_node(std::move(lp));
  compact(n);
  link_before(nullptr, n);
}

// ---- removing --------------------------------------------------------------------------

std::string ListValue::pop(End end) {
  const bool head = end == End::kHead;
  Node* n = head ? head_ : tail_;
  Listpack::Pos p = head ? n->lp.first() : n->lp.last();
  std::string v = n->lp.get(p).str();
  n->lp.erase(p);
  --count_;
  if (quicklist_ && n->lp.empty()) unlink_free(n);
  return v;
}

void ListValue::erase_range(size_t start, size_t count) {
  if (count == 0 || start >= count_) return;
  count = std::min(count, count_ - start);
  if (!quicklist_) {
    inline_.lp.erase_range(static_cast<int64_t>(start), count);
    count_ -= count;
    return;
  }
  // The node holding `start`, found from the nearer end.
  Node* n;
  size_t local;
  if (start < count_ / 2) {
    n = head_;
    local = start;
    while (local >= n->lp.size()) {
      local -= n->lp.size();
      n = n->next;
    }
  } else {
    n = tail_;
    size_t from_tail = count_ - 1 - start;
    while (from_tail >= n->lp.size()) {
      from_tail -= n->lp.size();
      n = n->prev;
    }
    local = n->lp.size() - 1 - from_tail;
  }
  while (count > 0 && n != nullptr) {
    const size_t sz = n->lp.size();
    const size_t take = std::min(sz - local, count);
    Node* next = n->next;
    if (take == sz)
      unlink_free(n);
    else
      n->lp.erase_range(static_cast<int64_t>(local), take);
    count -= take;
    count_ -= take;
    local = 0;
    n = next;
  }
}

ListValue::Cursor ListValue::erase_at(Cursor c, bool reverse) {
  Node* n = c.node;
  Cursor out;
  if (!reverse) {
    out = {n, n->lp.erase(c.pos)};
  } else {
    // Entries before the erased one keep their offsets.
    Listpack::Pos prev = n->lp.prev(c.pos);
    n->lp.erase(c.pos);
    out = {n, prev};
  }
  --count_;
  if (out.pos == Listpack::kNone) {
    Node* neighbour = reverse ? n->prev : n->next;
    if (quicklist_ && n->lp.empty()) unlink_free(n);
    out = {neighbour, Listpack::kNone};
    if (neighbour != nullptr) out.pos = reverse ? neighbour->lp.last() : neighbour->lp.first();
  }
  return out;
}

size_t ListValue::remove(std::string_view s, int64_t count) {
  const bool reverse = count < 0;
  const uint64_t limit = reverse ? 0 - static_cast<uint64_t>(count) : static_cast<uint64_t>(count);
  if (count_ == 0) return 0;
  Cursor c = reverse ? Cursor{tail_, tail_->lp.last()} : Cursor{head_, head_->lp.first()};
  size_t removed = 0;
  while (c.node != nullptr && c.pos != Listpack::kNone) {
    if (c.node->lp.equals(c.pos, s)) {
      c = erase_at(c, reverse);
      ++removed;
      if (limit != 0 && removed == limit) break;
    } else {
      advance(c, reverse);
    }
  }
  return removed;
}

// ---- reading ------------------------------------------------------------------------------

std::optional<std::string_view> ListValue::at(int64_t index, IntBuf& buf) const {
  Cursor c = seek(index);
  if (c.node == nullptr) return std::nullopt;
  return c.node->lp.get(c.pos).view(buf);
}

}  // namespace ironkv::store
