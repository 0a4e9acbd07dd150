#include "core/store/stream_value.h"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <iterator>

#include "core/util/numbers.h"

namespace ironkv::store {

namespace {

constexpr size_t kListpackMaxSize = size_t{1} << 30;  // STREAM_LISTPACK_MAX_SIZE
constexpr size_t kMaxPrealloc = 4096;                 // STREAM_LISTPACK_MAX_PRE_ALLOCATE

// An element that must be an integer (lpGetInteger); stream nodes only hold
// integers where these are read, validate_node checks files.
int64_t get_int(const Listpack& lp, Listpack::Pos p) {
  Listpack::Entry e = lp.get(p);
  if (e.is_int) return e.ival;
  int64_t v = 0;
  util::parse_int64(e.sval, v);
  return v;
}

bool get_int_checked(const Listpack& lp, Listpack::Pos p, int64_t& out) {
  if (p == Listpack::kNone) return false;
  Listpack::Entry e = lp.get(p);
  if (e.is_int) {
    out = e.ival;
    return true;
  }
  return util::parse_int64(e.sval, out);
}

Listpack::Pos replace_int(Listpack& lp, Listpack::Pos p, int64_t v) {
  IntBuf buf;
  return lp.replace(p, std::string_view(buf.data, util::format_int64(v, buf.data)));
}

Listpack::Pos skip(const Listpack& lp, Listpack::Pos p, size_t n) {
  while (n-- > 0 && p != Listpack::kNone) p = lp.next(p);
  return p;
}

Listpack::Pos skip_back(const Listpack& lp, Listpack::Pos p, size_t n) {
  while (n-- > 0 && p != Listpack::kNone) p = lp.prev(p);
  return p;
}

// Elements of an entry from its flags up to (not including) its lp-count.
size_t entry_span(bool same_fields, size_t nfields) {
  return same_fields ? 3 + nfields : 4 + 2 * nfields;
}

StreamID delta_id(const StreamID& master, int64_t ms_diff, int64_t seq_diff) {
  return StreamID{master.ms + static_cast<uint64_t>(ms_diff),
                  master.seq + static_cast<uint64_t>(seq_diff)};
}

// The head of the entry whose flags are at `p` in a node with master ID
// `master` and `master_nfields` master fields: its flags, ID, field count,
// and where the next entry's flags are (kNone after the last entry).
struct EntryHead {
  int64_t flags = 0;
  StreamID id;
  size_t nfields = 0;
  Listpack::Pos next = Listpack::kNone;
};

EntryHead read_entry_head(const Listpack& lp, Listpack::Pos p, const StreamID& master,
                          size_t master_nfields) {
  EntryHead e;
  e.flags = get_int(lp, p);
  Listpack::Pos q = lp.next(p);
  const int64_t ms = get_int(lp, q);
  q = lp.next(q);
  e.id = delta_id(master, ms, get_int(lp, q));
  const bool same = (e.flags & StreamValue::kFlagSameFields) != 0;
  e.nfields = same ? master_nfields : static_cast<size_t>(get_int(lp, lp.next(q)));
  e.next = lp.next(skip(lp, p, entry_span(same, e.nfields)));
  return e;
}

// Redis's string2ull: a strict int64 that must not be negative, else what
// strtoull takes whole (which allows leading blanks and a sign).
bool parse_ull(std::string_view s, uint64_t& out) {
  int64_t v;
  if (util::parse_int64(s, v)) {
    if (v < 0) return false;
    out = static_cast<uint64_t>(v);
    return true;
  }
  if (s.empty()) return false;
  std::string z(s);
  if (z.find('\0') != std::string::npos) return false;
  errno = 0;
  char* end = nullptr;
  unsigned long long r = std::strtoull(z.c_str(), &end, 10);
  if (errno == EINVAL || errno == ERANGE || end != z.c_str() + z.size()) return false;
  out = r;
  return true;
}

}  // namespace

// ---------------------------------------------------------------- StreamID

bool StreamID::incr() {
  if (seq == UINT64_MAX) {
    if (ms == UINT64_MAX) return false;
    ++ms;
    seq = 0;
  } else {
    ++seq;
  }
  return true;
}

bool StreamID::decr() {
  if (seq == 0) {
    if (ms == 0) return false;
    --ms;
    seq = UINT64_MAX;
  } else {
    --seq;
  }
  return true;
}

std::string StreamID::str() const { return std::to_string(ms) + "-" + std::to_string(seq); }

std::optional<StreamID> StreamID::parse(std::string_view s, uint64_t missing_seq) {
  if (s.size() > 127) return std::nullopt;
  StreamID id;
  size_t dash = s.find('-');
  if (dash == std::string_view::npos) {
    if (!parse_ull(s, id.ms)) return std::nullopt;
    id.seq = missing_seq;
    return id;
  }
  if (!parse_ull(s.substr(0, dash), id.ms) || !parse_ull(s.substr(dash + 1), id.seq)) {
    return std::nullopt;
  }
  return id;
}

void StreamID::encode(unsigned char out[16]) const {
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<unsigned char>(ms >> (56 - 8 * i));
    out[8 + i] = static_cast<unsigned char>(seq >> (56 - 8 * i));
  }
}

StreamID StreamID::decode(const unsigned char in[16]) {
  StreamID id;
  for (int i = 0; i < 8; ++i) {
    id.ms = (id.ms << 8) | in[i];
    id.seq = (id.seq << 8) | in[8 + i];
  }
  return id;
}

// ---------------------------------------------------------------- groups

StreamConsumer* StreamGroup::find_consumer(std::string_view name) const {
  auto it = consumers.find(name);
  return it == consumers.end() ? nullptr : it->second.get();
}

StreamConsumer* StreamGroup::create_consumer(std::string_view name, int64_t now_ms) {
  auto [it, added] = consumers.try_emplace(std::string(name));
  if (!added) return nullptr;
  it->second = std::make_unique<StreamConsumer>();
  it->second->name = std::string(name);
  it->second->seen_time = now_ms;
  return it->second.get();
}

StreamConsumer* StreamGroup::consumer(std::string_view name, int64_t now_ms) {
  if (StreamConsumer* c = find_consumer(name)) return c;
  return create_consumer(name, now_ms);
}

int64_t StreamGroup::delete_consumer(std::string_view name) {
  auto it = consumers.find(name);
  if (it == consumers.end()) return -1;
  auto pending = static_cast<int64_t>(it->second->pel.size());
  for (const auto& [id, nack] : it->second->pel) pel.erase(id);
  consumers.erase(it);
  return pending;
}

StreamNack& StreamGroup::deliver(const StreamID& id, StreamConsumer* c, int64_t now_ms) {
  StreamNack& n = assign(id, c);
  n.delivery_time = now_ms;
  n.delivery_count = 1;
  return n;
}

StreamNack& StreamGroup::assign(const StreamID& id, StreamConsumer* c) {
  auto [it, added] = pel.try_emplace(id);
  StreamNack& n = it->second;
  if (!added && n.consumer != nullptr && n.consumer != c) n.consumer->pel.erase(id);
  n.consumer = c;
  c->pel[id] = &n;
  return n;
}

bool StreamGroup::ack(const StreamID& id) {
  auto it = pel.find(id);
  if (it == pel.end()) return false;
  if (it->second.consumer != nullptr) it->second.consumer->pel.erase(id);
  pel.erase(it);
  return true;
}

std::unique_ptr<StreamGroup> StreamGroup::clone() const {
  auto g = std::make_unique<StreamGroup>();
  g->last_id = last_id;
  g->entries_read = entries_read;
  for (const auto& [name, c] : consumers) {
    StreamConsumer* nc = g->create_consumer(name, c->seen_time);
    for (const auto& [id, nack] : c->pel) {
      StreamNack& n = g->assign(id, nc);
      n.delivery_time = nack->delivery_time;
      n.delivery_count = nack->delivery_count;
    }
  }
  // NACKs without a consumer cannot exist outside a half-loaded file; keep them anyway.
  for (const auto& [id, nack] : pel) {
    if (nack.consumer == nullptr) g->pel.emplace(id, nack);
  }
  return g;
}

// ---------------------------------------------------------------- stream

StreamValue::StreamValue() = default;
StreamValue::~StreamValue() = default;

std::unique_ptr<Collection> StreamValue::clone() const {
  auto s = std::make_unique<StreamValue>();
  for (const auto& [id, lp] : nodes_) s->nodes_.emplace_hint(s->nodes_.end(), id, lp.clone());
  s->length_ = length_;
  s->last_id_ = last_id_;
  s->first_id_ = first_id_;
  s->max_deleted_id_ = max_deleted_id_;
  s->entries_added_ = entries_added_;
  for (const auto& [name, g] : groups_) s->groups_.emplace(name, g->clone());
  return s;
}

size_t StreamValue::element_count() const {
  size_t n = length_;
  for (const auto& [name, g] : groups_) n += g->pel.size() + g->consumers.size();
  return n;
}

size_t StreamValue::memory_bytes() const {
  // A map node: three pointers and a colour word, the key and the listpack handle.
  constexpr size_t kNodeOverhead = 32 + sizeof(StreamID) + sizeof(Listpack);
  size_t n = sizeof(*this);
  for (const auto& [id, lp] : nodes_) n += kNodeOverhead + lp.memory_bytes();
  for (const auto& [name, g] : groups_) {
    n += 64 + name.size() + sizeof(StreamGroup);
    n += g->pel.size() * (32 + sizeof(StreamID) + sizeof(StreamNack));
    for (const auto& [cname, c] : g->consumers) {
      n += 64 + 2 * cname.size() + sizeof(StreamConsumer);
      n += c->pel.size() * (32 + sizeof(StreamID) + sizeof(void*));
    }
  }
  return n;
}

StreamValue::Master StreamValue::read_master(const Listpack& lp) {
  Master m;
  Listpack::Pos p = lp.first();
  m.count = get_int(lp, p);
  p = lp.next(p);
  m.deleted = get_int(lp, p);
  p = lp.next(p);
  m.nfields = static_cast<size_t>(get_int(lp, p));
  p = lp.next(p);
  m.fields = p;
  p = skip(lp, p, m.nfields);  // the master terminator
  m.first_entry = lp.next(p);
  return m;
}

StreamID StreamValue::node_last_id(const StreamID& master, const Listpack& lp) {
  Listpack::Pos p = lp.last();
  auto lp_count = static_cast<size_t>(get_int(lp, p));
  p = skip_back(lp, p, lp_count);  // flags
  p = lp.next(p);
  int64_t ms = get_int(lp, p);
  int64_t seq = get_int(lp, lp.next(p));
  return delta_id(master, ms, seq);
}

void StreamValue::append(const StreamID& id, std::span<const std::string_view> fv,
                         const StreamLimits& lim) {
  const size_t nfields = fv.size() / 2;
  size_t totelelen = 0;
  for (std::string_view s : fv) totelelen += s.size();

  Listpack* lp = nullptr;
  StreamID master;
  if (!nodes_.empty()) {
    auto tail = std::prev(nodes_.end());
    size_t max_bytes = lim.node_max_bytes;
    if (max_bytes == 0 || max_bytes > kListpackMaxSize) max_bytes = kListpackMaxSize;
    bool full = false;
    if (tail->second.bytes_size() + totelelen >= max_bytes) {
      full = true;
    } else if (lim.node_max_entries > 0) {
      Master m = read_master(tail->second);
      full = m.count + m.deleted >= lim.node_max_entries;
    }
    if (full) {
      tail->second.shrink_to_fit();
    } else {
      lp = &tail->second;
      master = tail->first;
    }
  }

  bool same = false;
  if (lp == nullptr) {
    master = id;
    Listpack fresh;
    size_t prealloc = kMaxPrealloc;
    if (lim.node_max_bytes > 0 && lim.node_max_bytes < prealloc) prealloc = lim.node_max_bytes;
    fresh.reserve(prealloc);
    fresh.append_int(1);  // count: the entry being added
    fresh.append_int(0);  // deleted
    fresh.append_int(static_cast<int64_t>(nfields));
    for (size_t i = 0; i < nfields; ++i) fresh.append(fv[2 * i]);
    fresh.append_int(0);  // master terminator
    lp = &nodes_.emplace_hint(nodes_.end(), id, std::move(fresh))->second;
    same = true;
  } else {
    Listpack::Pos p = lp->first();
    int64_t count = get_int(*lp, p);
    p = replace_int(*lp, p, count + 1);
    p = skip(*lp, p, 2);
    auto master_nfields = static_cast<size_t>(get_int(*lp, p));
    if (master_nfields == nfields) {
      p = lp->next(p);
      size_t i = 0;
      for (; i < nfields; ++i, p = lp->next(p)) {
        if (!lp->equals(p, fv[2 * i])) break;
      }
      same = i == nfields;
    }
  }

  lp->append_int(same ? kFlagSameFields : 0);
  lp->append_int(static_cast<int64_t>(id.ms - master.ms));
  lp->append_int(static_cast<int64_t>(id.seq - master.seq));
  if (!same) lp->append_int(static_cast<int64_t>(nfields));
  for (size_t i = 0; i < nfields; ++i) {
    if (!same) lp->append(fv[2 * i]);
    lp->append(fv[2 * i + 1]);
  }
  lp->append_int(static_cast<int64_t>(entry_span(same, nfields)));

  ++length_;
  ++entries_added_;
  last_id_ = id;
  if (length_ == 1) first_id_ = id;
}

bool StreamValue::mark_deleted(Nodes::iterator node, Listpack::Pos flags_pos) {
  Listpack& lp = node->second;
  int64_t flags = get_int(lp, flags_pos);
  replace_int(lp, flags_pos, flags | kFlagDeleted);
  Listpack::Pos p = lp.first();
  int64_t count = get_int(lp, p);
  if (count == 1) {
    nodes_.erase(node);
    return true;
  }
  p = replace_int(lp, p, count - 1);
  p = lp.next(p);
  replace_int(lp, p, get_int(lp, p) + 1);
  return false;
}

void StreamValue::refresh_first_id() {
  if (length_ == 0) {
    first_id_ = StreamID{};
    return;
  }
  if (auto id = first_entry_id()) first_id_ = *id;
}

bool StreamValue::erase(const StreamID& id) {
  auto node = nodes_.upper_bound(id);
  if (node == nodes_.begin()) return false;
  --node;
  const Listpack& lp = node->second;
  Master m = read_master(lp);
  for (Listpack::Pos p = m.first_entry; p != Listpack::kNone;) {
    const EntryHead e = read_entry_head(lp, p, node->first, m.nfields);
    // Tombstones are skipped before comparing (see Iterator::next).
    if (!(e.flags & kFlagDeleted) && e.id > id) return false;
    if (!(e.flags & kFlagDeleted) && e.id == id) {
      mark_deleted(node, p);
      --length_;
      if (id > max_deleted_id_) max_deleted_id_ = id;
      if (id == first_id_ || length_ == 0) refresh_first_id();
      return true;
    }
    p = e.next;
  }
  return false;
}

int64_t StreamValue::trim(const Trim& t) {
  if (t.kind == Trim::Kind::kNone) return 0;
  int64_t deleted = 0;
  auto node = nodes_.begin();
  while (node != nodes_.end()) {
    if (t.kind == Trim::Kind::kMaxLen && length_ <= t.maxlen) break;
    Listpack& lp = node->second;
    Master m = read_master(lp);
    const int64_t entries = m.count;
    if (t.limit && deleted + entries > t.limit) break;

    bool remove_node;
    if (t.kind == Trim::Kind::kMaxLen) {
      remove_node = length_ - static_cast<size_t>(entries) >= t.maxlen;
    } else {
      remove_node = node_last_id(node->first, lp) < t.minid;
    }
    if (remove_node) {
      node = nodes_.erase(node);
      length_ -= static_cast<size_t>(entries);
      deleted += entries;
      continue;
    }
    if (t.approx) break;

    // Mark single entries of this node deleted until the condition holds.
    int64_t deleted_here = 0;
    for (Listpack::Pos p = m.first_entry; p != Listpack::kNone;) {
      const EntryHead e = read_entry_head(lp, p, node->first, m.nfields);
      bool stop = t.kind == Trim::Kind::kMaxLen ? length_ <= t.maxlen : e.id >= t.minid;
      if (stop) break;
      if (!(e.flags & kFlagDeleted)) {
        // Same size (flags stay below 128), so e.next still holds.
        replace_int(lp, p, e.flags | kFlagDeleted);
        ++deleted_here;
        --length_;
      }
      p = e.next;
    }
    deleted += deleted_here;
    Listpack::Pos p = lp.first();
    p = replace_int(lp, p, entries - deleted_here);
    p = lp.next(p);
    replace_int(lp, p, get_int(lp, p) + deleted_here);
    break;  // enough was deleted in this node
  }
  refresh_first_id();
  return deleted;
}

// ---------------------------------------------------------------- iteration

StreamValue::Iterator StreamValue::range(const StreamID& start, const StreamID& end,
                                         bool rev) const {
  Iterator it;
  it.s_ = this;
  it.start_ = start;
  it.end_ = end;
  it.rev_ = rev;
  if (start > end || nodes_.empty()) {
    it.done_ = true;
    return it;
  }
  auto n = nodes_.upper_bound(rev ? end : start);
  if (n == nodes_.begin()) {
    if (rev) it.done_ = true;  // every node starts after `end`
  } else {
    --n;
  }
  it.node_ = n;
  return it;
}

bool StreamValue::Iterator::enter_node() {
  lp_ = &node_->second;
  master_ = node_->first;
  Master m = read_master(*lp_);
  master_nfields_ = m.nfields;
  master_fields_ = m.fields;
  if (!rev_) {
    pos_ = m.first_entry;
    return pos_ != Listpack::kNone;
  }
  return back_from(lp_->last());
}

bool StreamValue::Iterator::back_from(Listpack::Pos count_pos) {
  // An entry's lp-count says how many elements to step back to its flags; the
  // master entry's terminating 0 (before the first entry) ends the node.
  auto lp_count = count_pos == Listpack::kNone ? 0 : static_cast<size_t>(get_int(*lp_, count_pos));
  if (lp_count == 0) {
    pos_ = Listpack::kNone;
    return false;
  }
  pos_ = skip_back(*lp_, count_pos, lp_count);
  return true;
}

bool StreamValue::Iterator::step_in_node() {
  if (!rev_) {
    Listpack::Pos p = skip(*lp_, pos_, entry_span(same_fields_, nfields_));
    pos_ = lp_->next(p);
    return pos_ != Listpack::kNone;
  }
  return back_from(lp_->prev(pos_));
}

void StreamValue::Iterator::decode_entry() {
  Listpack::Pos p = pos_;
  flags_ = get_int(*lp_, p);
  p = lp_->next(p);
  int64_t ms = get_int(*lp_, p);
  p = lp_->next(p);
  id_ = delta_id(master_, ms, get_int(*lp_, p));
  p = lp_->next(p);
  same_fields_ = (flags_ & kFlagSameFields) != 0;
  if (same_fields_) {
    nfields_ = master_nfields_;
    fields_ = master_fields_;
    values_ = p;
  } else {
    nfields_ = static_cast<size_t>(get_int(*lp_, p));
    fields_ = lp_->next(p);
    values_ = lp_->next(fields_);
  }
}

bool StreamValue::Iterator::next() {
  while (!done_) {
    bool have;
    if (!started_node_) {
      if (node_ == s_->nodes_.end()) break;
      started_node_ = true;
      have = enter_node();
    } else {
      have = step_in_node();
    }
    if (!have) {
      if (rev_) {
        if (node_ == s_->nodes_.begin()) break;
        --node_;
      } else {
        ++node_;
      }
      started_node_ = false;
      continue;
    }
    decode_entry();
    // As Redis's streamIteratorGetID: a tombstone is passed over before the
    // range is looked at. IDs only ascend among live entries: XSETID may set
    // the last ID below a deleted one, and the next XADD lands after it.
    if (flags_ & kFlagDeleted) continue;
    if (!rev_) {
      if (id_ < start_) continue;
      if (id_ > end_) break;
    } else {
      if (id_ > end_) continue;
      if (id_ < start_) break;
    }
    return true;
  }
  done_ = true;
  return false;
}

std::optional<StreamID> StreamValue::first_entry_id() const {
  Iterator it = range(StreamID::min(), StreamID::max());
  if (it.next()) return it.id();
  return std::nullopt;
}

std::optional<StreamID> StreamValue::last_entry_id() const {
  Iterator it = range(StreamID::min(), StreamID::max(), true);
  if (it.next()) return it.id();
  return std::nullopt;
}

// ---------------------------------------------------------------- groups

StreamGroup* StreamValue::find_group(std::string_view name) const {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : it->second.get();
}

StreamGroup* StreamValue::create_group(std::string_view name, const StreamID& last_id,
                                       int64_t entries_read) {
  auto [it, added] = groups_.try_emplace(std::string(name));
  if (!added) return nullptr;
  it->second = std::make_unique<StreamGroup>();
  it->second->last_id = last_id;
  it->second->entries_read = entries_read;
  return it->second.get();
}

bool StreamValue::destroy_group(std::string_view name) {
  auto it = groups_.find(name);
  if (it == groups_.end()) return false;
  groups_.erase(it);
  return true;
}

bool StreamValue::range_has_tombstones(const StreamID* start, const StreamID* end) const {
  if (length_ == 0 || max_deleted_id_.zero()) return false;
  if (first_id_ > max_deleted_id_) return false;
  StreamID s = start ? *start : StreamID::min();
  StreamID e = end ? *end : StreamID::max();
  return s <= max_deleted_id_ && max_deleted_id_ <= e;
}

int64_t StreamValue::estimate_distance(const StreamID& id) const {
  if (entries_added_ == 0) return 0;
  if (length_ == 0 && id <= last_id_) return static_cast<int64_t>(entries_added_);
  if (id == last_id_) return static_cast<int64_t>(entries_added_);
  if (id > last_id_) return kEntriesReadInvalid;
  if (max_deleted_id_.zero() || max_deleted_id_ < first_id_) {
    if (id < first_id_) return static_cast<int64_t>(entries_added_ - length_);
    if (id == first_id_) return static_cast<int64_t>(entries_added_ - length_ + 1);
  }
  return kEntriesReadInvalid;
}

namespace {
// entries_added - read in two's complement, as Redis's long long arithmetic
// gives it for any counters XSETID and ENTRIESREAD may have set.
int64_t wrapping_diff(uint64_t added, int64_t read) {
  return static_cast<int64_t>(added - static_cast<uint64_t>(read));
}
}  // namespace

std::optional<int64_t> StreamValue::group_lag(const StreamGroup& g) const {
  if (entries_added_ == 0) return 0;
  if (g.entries_read != kEntriesReadInvalid && !range_has_tombstones(&g.last_id, nullptr)) {
    return wrapping_diff(entries_added_, g.entries_read);
  }
  int64_t read = estimate_distance(g.last_id);
  if (read == kEntriesReadInvalid) return std::nullopt;
  return wrapping_diff(entries_added_, read);
}

void StreamValue::advance_group(StreamGroup& g, const StreamID& id) const {
  if (id <= g.last_id) return;
  if (g.entries_read != kEntriesReadInvalid && !range_has_tombstones(&id, nullptr)) {
    // Counters set by XSETID / ENTRIESREAD can be anything: wrap as Redis's do.
    g.entries_read = static_cast<int64_t>(static_cast<uint64_t>(g.entries_read) + 1);
  } else if (entries_added_ != 0) {
    g.entries_read = estimate_distance(id);
  }
  g.last_id = id;
}

// ---------------------------------------------------------------- RDB nodes

bool StreamValue::validate_node(const StreamID& master, std::string_view raw, size_t& live,
                                StreamID& last) {
  if (!Listpack::validate(raw)) return false;
  Listpack lp = Listpack::from_bytes(raw);
  int64_t count, deleted, nfields, v;
  Listpack::Pos p = lp.first();
  if (!get_int_checked(lp, p, count) || count < 0) return false;
  p = lp.next(p);
  if (!get_int_checked(lp, p, deleted) || deleted < 0) return false;
  p = lp.next(p);
  if (!get_int_checked(lp, p, nfields) || nfields < 0) return false;
  p = lp.next(p);
  for (int64_t i = 0; i < nfields; ++i) {
    if (p == Listpack::kNone) return false;
    p = lp.next(p);
  }
  if (!get_int_checked(lp, p, v) || v != 0) return false;  // master terminator
  p = lp.next(p);

  int64_t seen_live = 0, seen_deleted = 0;
  bool have_prev = false;
  StreamID prev;
  while (p != Listpack::kNone) {
    int64_t flags, ms, seq;
    if (!get_int_checked(lp, p, flags)) return false;
    p = lp.next(p);
    if (!get_int_checked(lp, p, ms)) return false;
    p = lp.next(p);
    if (!get_int_checked(lp, p, seq)) return false;
    p = lp.next(p);
    StreamID id = delta_id(master, ms, seq);
    if (id < master || (have_prev && id <= prev)) return false;
    bool same = (flags & kFlagSameFields) != 0;
    int64_t nf = nfields;
    if (!same) {
      if (!get_int_checked(lp, p, nf) || nf < 0) return false;
      p = lp.next(p);
    }
    const int64_t elems = same ? nf : 2 * nf;
    for (int64_t i = 0; i < elems; ++i) {
      if (p == Listpack::kNone) return false;
      p = lp.next(p);
    }
    if (!get_int_checked(lp, p, v) ||
        v != static_cast<int64_t>(entry_span(same, static_cast<size_t>(nf)))) {
      return false;
    }
    p = lp.next(p);
    if (flags & kFlagDeleted) {
      ++seen_deleted;
    } else {
      ++seen_live;
    }
    prev = id;
    have_prev = true;
  }
  if (!have_prev || seen_live != count || seen_deleted != deleted) return false;
  live += static_cast<size_t>(count);
  last = prev;
  return true;
}

size_t StreamValue::radix_tree_nodes() const {
  if (nodes_.empty()) return 1;  // the empty root
  std::vector<std::array<unsigned char, 16>> keys;
  keys.reserve(nodes_.size());
  for (const auto& [id, lp] : nodes_) {
    keys.emplace_back();
    id.encode(keys.back().data());
  }
  // Keys are sorted and of one length, so a trie node is a run of keys
  // sharing `depth` bytes; it is a radix tree node of its own when it is the
  // root, branches, is a child of a branching node, or is a key (a leaf).
  size_t count = 0;
  auto walk = [&](auto&& self, size_t lo, size_t hi, size_t depth, bool parent_branches) -> void {
    if (depth == 16) {
      ++count;
      return;
    }
    size_t children = 0;
    for (size_t i = lo; i < hi; ++children) {
      size_t j = i + 1;
      while (j < hi && keys[j][depth] == keys[i][depth]) ++j;
      i = j;
    }
    const bool branches = children > 1;
    if (depth == 0 || parent_branches || branches) ++count;
    for (size_t i = lo; i < hi;) {
      size_t j = i + 1;
      while (j < hi && keys[j][depth] == keys[i][depth]) ++j;
      self(self, i, j, depth + 1, branches);
      i = j;
    }
  };
  walk(walk, 0, keys.size(), 0, false);
  return count;
}

void StreamValue::add_node(const StreamID& master, Listpack lp) {
  length_ += static_cast<size_t>(read_master(lp).count);
  nodes_.emplace_hint(nodes_.end(), master, std::move(lp));
}

}  // namespace ironkv::store
