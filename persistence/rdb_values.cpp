// The RDB loader's primitives (lengths, strings, LZF, doubles, blobs) and its
// value decoders (lists, sets, sorted sets, hashes in every encoding Redis 1–7.2
// writes). The file loop and the entry points are in rdb_loader.cpp.
#include <lzf.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <optional>
#include <stdexcept>

#include "core/store/intset.h"
#include "core/store/list_value.h"
#include "core/store/stream_value.h"
#include "core/util/numbers.h"
#include "persistence/rdb_format.h"
#include "persistence/rdb_reader.h"
#include "persistence/ziplist.h"

namespace ironkv::persistence::rdb_detail {

// ---- primitives --------------------------------------------------------------------

bool Loader::read_len_or_encoding(uint64_t& out) {
  const uint64_t at = r_.offset();
  const uint8_t b = r_.u8();
  switch (b >> 6) {
    case rdb::k6BitLen:
      out = b & 0x3f;
      return false;
    case rdb::k14BitLen:
      out = (static_cast<uint64_t>(b & 0x3f) << 8) | r_.u8();
      return false;
    case rdb::kEncVal:
      out = b & 0x3f;
      return true;
    default:
      if (b == rdb::k32BitLen) {
        out = r_.be(4);
        return false;
      }
      if (b == rdb::k64BitLen) {
        out = r_.be(8);
        return false;
      }
      fail_here("Unknown length encoding " + std::to_string(b) + " in rdbLoadLen()", at);
  }
}

uint64_t Loader::read_len() {
  const uint64_t at = r_.offset();
  uint64_t len;
  if (read_len_or_encoding(len)) fail_here("Unexpected encoded length", at);
  return len;
}

void Loader::read_lzf(std::string& out) {
  const uint64_t at = r_.offset();
  const uint64_t clen = read_len();
  const uint64_t ulen = read_len();
  check_length(clen, at);
  lzf_in_.clear();
  r_.append(lzf_in_, clen);  // present in full before anything is sized by ulen
  if (ulen == 0 || clen == 0 || ulen / kLzfMaxRatio > clen ||
      ulen > std::numeric_limits<unsigned int>::max() ||
      clen > std::numeric_limits<unsigned int>::max()) {
    fail_here("Invalid LZF compressed string", at);
  }
  out.resize(ulen);
  const unsigned int got = lzf_decompress(lzf_in_.data(), static_cast<unsigned int>(clen),
                                          out.data(), static_cast<unsigned int>(ulen));
  if (got != ulen) fail_here("Invalid LZF compressed string", at);
}

void Loader::check_length(uint64_t len, uint64_t at) const {
  if (len > kMaxStringLength) {
    fail_here("String of " + std::to_string(len) + " bytes is too long (the limit is " +
                  std::to_string(kMaxStringLength) + ")",
              at);
  }
}

void Loader::read_string(std::string& out) {
  const uint64_t at = r_.offset();
  uint64_t len;
  if (!read_len_or_encoding(len)) {
    check_length(len, at);
    out.clear();
    r_.append(out, len);
    return;
  }
  char buf[24];
  switch (len) {
    case rdb::kEncInt8:
      out.assign(buf, util::format_int64(static_cast<int8_t>(r_.le(1)), buf));
      return;
    case rdb::kEncInt16:
      out.assign(buf, util::format_int64(static_cast<int16_t>(r_.le(2)), buf));
      return;
    case rdb::kEncInt32:
      out.assign(buf, util::format_int64(static_cast<int32_t>(r_.le(4)), buf));
      return;
    case rdb::kEncLzf:
      read_lzf(out);
      return;
    default:
      fail_here("Unknown RDB string encoding type " + std::to_string(len), at);
  }
}

Value Loader::read_string_value() {
  const uint64_t at = r_.offset();
  uint64_t len;
  if (!read_len_or_encoding(len)) {
    check_length(len, at);
    std::string_view v;
    if (r_.view(len, v)) return Value::string(v);
    blob_.clear();
    r_.append(blob_, len);
    return Value::string(blob_);
  }
  switch (len) {
    case rdb::kEncInt8:
      return Value::integer(static_cast<int8_t>(r_.le(1)));
    case rdb::kEncInt16:
      return Value::integer(static_cast<int16_t>(r_.le(2)));
    case rdb::kEncInt32:
      return Value::integer(static_cast<int32_t>(r_.le(4)));
    case rdb::kEncLzf:
      read_lzf(blob_);
      return Value::string(blob_);
    default:
      fail_here("Unknown RDB string encoding type " + std::to_string(len), at);
  }
}

double Loader::read_binary_double() {
  const uint64_t bits = r_.le(8);
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// Redis rdbLoadDoubleValue (ZSET v1): a length byte, 253/254/255 for nan/inf/-inf.
double Loader::read_text_double() {
  const uint8_t len = r_.u8();
  if (len == 253) return std::numeric_limits<double>::quiet_NaN();
  if (len == 254) return std::numeric_limits<double>::infinity();
  if (len == 255) return -std::numeric_limits<double>::infinity();
  char buf[256];
  std::string_view v;
  r_.view(len, v);
  std::memcpy(buf, v.data(), len);
  buf[len] = '\0';
  char* end = nullptr;
  const double d = std::strtod(buf, &end);
  if (end == buf) return std::numeric_limits<double>::quiet_NaN();
  return d;
}

Listpack Loader::read_listpack(uint64_t at, const char* what) {
  read_string(blob_);
  if (!Listpack::validate(blob_)) fail_here(std::string(what) + " integrity check failed.", at);
  return Listpack::from_bytes(blob_);
}

Listpack Loader::read_ziplist(uint64_t at, const char* what) {
  read_string(blob_);
  Listpack lp;
  if (!ziplist_to_listpack(blob_, lp))
    fail_here(std::string(what) + " integrity check failed.", at);
  return lp;
}

// ---- values -------------------------------------------------------------------------

Value Loader::load_list(uint8_t type, bool& empty) {
  auto list = std::make_unique<store::ListValue>(o_.list_max_listpack_size);
  if (type == rdb::kTypeList) {  // a linked list of strings
    const uint64_t n = read_len();
    for (uint64_t i = 0; i < n; ++i) {
      read_string(blob_);
      list->push(store::ListValue::End::kTail, blob_);
    }
  } else if (type == rdb::kTypeListZiplist) {
    const Listpack lp = read_ziplist(r_.offset(), "Ziplist");
    store::IntBuf buf;
    for (Listpack::Pos p = lp.first(); p != Listpack::kNone; p = lp.next(p)) {
      list->push(store::ListValue::End::kTail, lp.get(p).view(buf));
    }
  } else {  // quicklist: nodes of ziplists (14) or of listpacks / plain elements (18)
    const uint64_t nodes = read_len();
    for (uint64_t i = 0; i < nodes; ++i) {
      const uint64_t at = r_.offset();
      uint64_t container = rdb::kQuicklistNodePacked;
      if (type == rdb::kTypeListQuicklist2) {
        container = read_len();
        if (container != rdb::kQuicklistNodePacked && container != rdb::kQuicklistNodePlain) {
          fail_here("Quicklist integrity check failed.", at);
        }
      }
      Listpack node;
      if (container == rdb::kQuicklistNodePlain) {
        read_string(blob_);
        node.append(blob_);
      } else if (type == rdb::kTypeListQuicklist2) {
        node = read_listpack(r_.offset(), "Listpack");
      } else {
        node = read_ziplist(r_.offset(), "Ziplist");
      }
      if (node.empty()) continue;  // Redis skips empty nodes too
      list->append_node(std::move(node));
    }
    // A single small node becomes a listpack, as Redis 7.2's loader does.
    list->maybe_to_listpack(false);
  }
  empty = list->empty();
  return Value::collection(std::move(list));
}

Value Loader::load_set(bool& empty) {
  const uint64_t at = r_.offset();
  const uint64_t n = read_len();
  if (n == 0) {
    empty = true;
    return Value();
  }
  read_string(blob_);
  auto set = store::SetValue::create(blob_, n, o_.set);
  set->add(blob_, o_.set);
  for (uint64_t i = 1; i < n; ++i) {
    read_string(blob_);
    if (!set->add(blob_, o_.set)) fail_here("Duplicate set members detected", at);
  }
  return Value::collection(std::move(set));
}

Value Loader::load_set_intset(uint64_t at) {
  read_string(blob_);
  if (!store::Intset::validate(blob_)) fail_here("Intset integrity check failed.", at);
  auto set = std::make_unique<store::SetValue>(store::Intset::from_bytes(blob_));
  set->maybe_convert(set->size(), o_.set);  // a hashtable past set-max-intset-entries
  return Value::collection(std::move(set));
}

Value Loader::load_set_listpack(uint64_t at, bool& empty) {
  Listpack lp = read_listpack(at, "Set listpack");
  std::unordered_set<std::string> seen;
  bool fits = lp.size() <= o_.set.max_listpack_entries;
  store::IntBuf buf;
  for (Listpack::Pos p = lp.first(); p != Listpack::kNone; p = lp.next(p)) {
    const std::string_view m = lp.get(p).view(buf);
    if (m.size() > o_.set.max_listpack_value) fits = false;
    if (!seen.emplace(m).second) fail_here("Duplicate set members detected", at);
  }
  if (lp.empty()) {
    empty = true;
    return Value();
  }
  if (fits) return Value::collection(std::make_unique<store::SetValue>(std::move(lp)));
  auto set = std::make_unique<store::SetValue>(store::Encoding::kHashtable);
  for (Listpack::Pos p = lp.first(); p != Listpack::kNone; p = lp.next(p)) {
    set->add(lp.get(p).view(buf), o_.set);
  }
  return Value::collection(std::move(set));
}

Value Loader::load_zset(uint8_t type, bool& empty) {
  const uint64_t at = r_.offset();
  const uint64_t n = read_len();
  if (n == 0) {
    empty = true;
    return Value();
  }
  auto z = std::make_unique<store::ZSetValue>();
  if (n > o_.zset.max_listpack_entries) z->convert_to_skiplist();
  for (uint64_t i = 0; i < n; ++i) {
    read_string(blob_);
    const double score = type == rdb::kTypeZSet2 ? read_binary_double() : read_text_double();
    if (std::isnan(score)) fail_here("Zset with NAN score detected", at);
    switch (z->add(blob_, score, store::kZAddNx, o_.zset)) {
      case store::ZAddOutcome::kAdded:
        break;
      case store::ZAddOutcome::kNaN:
        fail_here("Zset with NAN score detected", at);
      default:
        fail_here("Duplicate zset fields detected", at);
    }
  }
  z->maybe_convert_to_listpack(o_.zset);
  return Value::collection(std::move(z));
}

// A listpack of member,score pairs: every score a number, members distinct. Out of
// order pairs are tolerated (the set is rebuilt) since order is cheap to restore.
Value Loader::load_zset_listpack(Listpack lp, uint64_t at, const char* what, bool& empty) {
  if (lp.size() % 2 != 0) fail_here(std::string(what) + " integrity check failed.", at);
  if (lp.empty()) {
    empty = true;
    return Value();
  }
  std::unordered_set<std::string> seen;
  bool ordered = true;
  bool fits = lp.size() / 2 <= o_.zset.max_listpack_entries;
  bool have_prev = false;
  double prev_score = 0;
  std::string prev_member;
  store::IntBuf mbuf;
  for (Listpack::Pos p = lp.first(); p != Listpack::kNone;) {
    const Listpack::Pos sp = lp.next(p);
    const std::string_view member = lp.get(p).view(mbuf);
    const Listpack::Entry se = lp.get(sp);
    double score;
    if (se.is_int) {
      score = static_cast<double>(se.ival);
    } else if (!util::parse_double(se.sval, score)) {
      fail_here(std::string(what) + " integrity check failed.", at);
    }
    if (member.size() > o_.zset.max_listpack_value) fits = false;
    if (!seen.emplace(member).second) fail_here("Duplicate zset fields detected", at);
    if (have_prev && (score < prev_score || (score == prev_score && member <= prev_member))) {
      ordered = false;
    }
    have_prev = true;
    prev_score = score;
    prev_member.assign(member);
    p = lp.next(sp);
  }
  if (ordered) {
    auto z = std::make_unique<store::ZSetValue>(std::move(lp));
    if (!fits) z->convert_to_skiplist();
    return Value::collection(std::move(z));
  }
  auto z = std::make_unique<store::ZSetValue>();
  if (!fits) z->convert_to_skiplist();
  for (Listpack::Pos p = lp.first(); p != Listpack::kNone;) {
    const Listpack::Pos sp = lp.next(p);
    const Listpack::Entry se = lp.get(sp);
    double score = static_cast<double>(se.ival);
    if (!se.is_int) util::parse_double(se.sval, score);
    z->add(lp.get(p).view(mbuf), score, 0, o_.zset);
    p = lp.next(sp);
  }
  return Value::collection(std::move(z));
}

Value Loader::load_hash(bool& empty) {
  const uint64_t at = r_.offset();
  const uint64_t n = read_len();
  if (n == 0) {
    empty = true;
    return Value();
  }
  std::unique_ptr<store::HashValue> h = n > o_.hash.max_listpack_entries
                                            ? store::HashValue::make_hashtable()
                                            : std::make_unique<store::HashValue>();
  for (uint64_t i = 0; i < n; ++i) {
    read_string(field_);
    read_string(blob_);
    if (!h->set(field_, blob_, o_.hash)) fail_here("Duplicate hash fields detected", at);
  }
  return Value::collection(std::move(h));
}

Value Loader::load_hash_listpack(Listpack lp, uint64_t at, const char* what, bool& empty) {
  if (lp.size() % 2 != 0) fail_here(std::string(what) + " integrity check failed.", at);
  if (lp.empty()) {
    empty = true;
    return Value();
  }
  std::unordered_set<std::string> seen;
  bool fits = lp.size() / 2 <= o_.hash.max_listpack_entries;
  store::IntBuf fbuf, vbuf;
  for (Listpack::Pos p = lp.first(); p != Listpack::kNone;) {
    const Listpack::Pos vp = lp.next(p);
    const std::string_view field = lp.get(p).view(fbuf);
    if (field.size() > o_.hash.max_listpack_value ||
        lp.get(vp).view(vbuf).size() > o_.hash.max_listpack_value) {
      fits = false;
    }
    if (!seen.emplace(field).second) fail_here("Duplicate hash fields detected", at);
    p = lp.next(vp);
  }
  auto h = std::make_unique<store::HashValue>(std::move(lp));
  if (!fits) h->convert_to_hashtable();
  return Value::collection(std::move(h));
}

// A stream (RDB_TYPE_STREAM_LISTPACKS, _2 of 7.0, _3 of 7.2), checked as
// sanitize-dump-payload yes checks it and more: every node deeply (layout,
// counters, IDs ascending within and across nodes), the length and last ID
// against the entries, and each PEL entry owned by exactly one consumer.
// An empty stream is a key like any other.
Value Loader::load_stream(uint8_t type, uint64_t at) {
  using store::StreamID;
  auto s = std::make_unique<store::StreamValue>();
  auto read_id = [&] {
    StreamID id;
    id.ms = read_len();
    id.seq = read_len();
    return id;
  };
  auto read_raw_id = [&] {
    std::string_view raw;
    r_.view(16, raw);
    return StreamID::decode(reinterpret_cast<const unsigned char*>(raw.data()));
  };
  uint64_t nodes = read_len();
  size_t live = 0;
  bool have_last = false;
  StreamID prev_last;
  while (nodes-- > 0) {
    const uint64_t node_at = r_.offset();
    read_string(blob_);
    if (blob_.size() != 16)
      fail_here("Stream node key entry is not the size of a stream ID", node_at);
    const StreamID master = StreamID::decode(reinterpret_cast<const unsigned char*>(blob_.data()));
    const uint64_t lp_at = r_.offset();
    read_string(blob_);
    size_t node_live = 0;
    StreamID node_last;
    if (!store::StreamValue::validate_node(master, blob_, node_live, node_last)) {
      fail_here("Stream listpack integrity check failed.", lp_at);
    }
    if (have_last && master <= prev_last) {
      fail_here("Stream nodes are not in ascending ID order", node_at);
    }
    have_last = true;
    prev_last = node_last;
    live += node_live;
    s->add_node(master, Listpack::from_bytes(blob_));
  }
  const uint64_t length = read_len();
  s->set_last_id(read_id());
  if (type >= rdb::kTypeStreamListpacks2) {
    s->set_first_id(read_id());
    s->set_max_deleted_id(read_id());
    s->set_entries_added(read_len());
  } else {
    // Redis 7.0 upgrades a 5.0/6.x stream the same way: no tombstones known,
    // every entry counted as added.
    s->set_entries_added(length);
    s->set_first_id(s->first_entry_id().value_or(StreamID{}));
  }
  if (length != live) fail_here("Stream length inconsistent with rax entries", at);
  if (have_last && s->last_id() < prev_last) {
    fail_here("Stream last ID is smaller than its last entry", at);
  }

  uint64_t groups = read_len();
  while (groups-- > 0) {
    const uint64_t group_at = r_.offset();
    std::string name;
    read_string(name);
    const StreamID last = read_id();
    int64_t entries_read;
    if (type >= rdb::kTypeStreamListpacks2) {
      entries_read = static_cast<int64_t>(read_len());
    } else {
      entries_read = s->estimate_distance(last);
    }
    store::StreamGroup* g = s->create_group(name, last, entries_read);
    if (g == nullptr) fail_here("Duplicated consumer group name " + name, group_at);
    uint64_t pel = read_len();
    while (pel-- > 0) {
      const uint64_t nack_at = r_.offset();
      const StreamID id = read_raw_id();
      auto [it, added] = g->pel.try_emplace(id);
      it->second.delivery_time = static_cast<int64_t>(r_.le(8));
      it->second.delivery_count = read_len();
      if (!added) fail_here("Duplicated global PEL entry loading stream consumer group", nack_at);
    }
    uint64_t consumers = read_len();
    while (consumers-- > 0) {
      const uint64_t consumer_at = r_.offset();
      read_string(field_);
      const auto seen = static_cast<int64_t>(r_.le(8));
      if (type >= rdb::kTypeStreamListpacks3) r_.le(8);  // 7.2's active-time
      store::StreamConsumer* consumer = g->create_consumer(field_, seen);
      if (consumer == nullptr) fail_here("Duplicate stream consumer detected.", consumer_at);
      uint64_t owned = read_len();
      while (owned-- > 0) {
        const uint64_t nack_at = r_.offset();
        const StreamID id = read_raw_id();
        auto it = g->pel.find(id);
        if (it == g->pel.end()) fail_here("Consumer entry not found in group global PEL", nack_at);
        if (it->second.consumer != nullptr) {
          fail_here("Duplicated consumer PEL entry loading a stream consumer group", nack_at);
        }
        g->assign(id, consumer);
      }
    }
    for (const auto& [id, nack] : g->pel) {
      if (nack.consumer == nullptr) fail_here("Stream CG PEL entry without consumer", group_at);
    }
  }
  return Value::collection(std::move(s));
}

Value Loader::load_object(uint8_t type, uint64_t at, bool& empty) {
  empty = false;
  switch (type) {
    case rdb::kTypeString:
      return read_string_value();
    case rdb::kTypeList:
    case rdb::kTypeListZiplist:
    case rdb::kTypeListQuicklist:
    case rdb::kTypeListQuicklist2:
      return load_list(type, empty);
    case rdb::kTypeSet:
      return load_set(empty);
    case rdb::kTypeSetIntset:
      return load_set_intset(r_.offset());
    case rdb::kTypeSetListpack:
      return load_set_listpack(r_.offset(), empty);
    case rdb::kTypeZSet:
    case rdb::kTypeZSet2:
      return load_zset(type, empty);
    case rdb::kTypeZSetListpack: {
      const uint64_t blob_at = r_.offset();
      return load_zset_listpack(read_listpack(blob_at, "Zset listpack"), blob_at, "Zset listpack",
                                empty);
    }
    case rdb::kTypeZSetZiplist: {
      const uint64_t blob_at = r_.offset();
      return load_zset_listpack(read_ziplist(blob_at, "Zset ziplist"), blob_at, "Zset ziplist",
                                empty);
    }
    case rdb::kTypeHash:
      return load_hash(empty);
    case rdb::kTypeHashListpack: {
      const uint64_t blob_at = r_.offset();
      return load_hash_listpack(read_listpack(blob_at, "Hash listpack"), blob_at, "Hash listpack",
                                empty);
    }
    case rdb::kTypeHashZiplist: {
      const uint64_t blob_at = r_.offset();
      return load_hash_listpack(read_ziplist(blob_at, "Hash ziplist"), blob_at, "Hash ziplist",
                                empty);
    }
    case rdb::kTypeStreamListpacks:
    case rdb::kTypeStreamListpacks2:
    case rdb::kTypeStreamListpacks3:
      return load_stream(type, at);
    case rdb::kTypeModule:
    case rdb::kTypeModule2:
      fail_here("Module values are not supported", at);
    case rdb::kTypeHashZipmap:
      fail_here("Zipmap hashes (Redis < 2.6) are not supported", at);
    default:
      fail_here("Unknown RDB value type " + std::to_string(type), at);
  }
}

}  // namespace ironkv::persistence::rdb_detail
