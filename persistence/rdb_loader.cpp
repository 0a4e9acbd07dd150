#include "persistence/rdb_loader.h"

#include <fcntl.h>
#include <lzf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <unordered_set>
#include <vector>

#include "core/store/intset.h"
#include "core/store/list_value.h"
#include "core/store/listpack.h"
#include "core/util/numbers.h"
#include "persistence/crc64.h"
#include "persistence/rdb_format.h"
#include "persistence/ziplist.h"

namespace ironkv::persistence {

namespace {

using store::Listpack;
using store::Value;

// Reading stops at the first problem: the parser throws this and the entry points
// turn it into an RdbLoadResult (deep recursion-free parsing, one error path).
struct LoadError {
  std::string message;
  uint64_t offset;
};

[[noreturn]] void fail(std::string message, uint64_t offset) {
  throw LoadError{std::move(message), offset};
}

constexpr size_t kFileBufferSize = size_t{1} << 20;
// The largest piece appended to a string in one go while reading a long one: memory
// then grows with the data actually present, never with a length field alone.
constexpr size_t kStringChunk = size_t{1} << 20;
// Our string values keep a 32-bit length (Redis caps strings at proto-max-bulk-len,
// 512 MB by default): a longer string in a file is refused before reading it.
constexpr uint64_t kMaxStringLength = std::numeric_limits<uint32_t>::max();
// LZF expands at most ~88x (a 3-byte back-reference copies 264 bytes); a declared
// length beyond this bound cannot be genuine and is refused before allocating.
constexpr uint64_t kLzfMaxRatio = 100;

// The input: a caller's buffer (zero-copy) or an fd read through a bounded buffer.
// Keeps the CRC-64 of every byte consumed.
class Reader {
 public:
  explicit Reader(std::string_view data) : win_(data.data()), win_len_(data.size()) {}
  explicit Reader(int fd) : fd_(fd), storage_(kFileBufferSize), win_(storage_.data()) {}

  uint64_t offset() const { return base_ + pos_; }

  uint8_t u8() {
    ensure(1);
    return static_cast<uint8_t>(win_[pos_++]);
  }

  uint64_t le(int bytes) {
    ensure(static_cast<size_t>(bytes));
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(win_[pos_ + i]);
    pos_ += static_cast<size_t>(bytes);
    return v;
  }

  uint64_t be(int bytes) {
    ensure(static_cast<size_t>(bytes));
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(win_[pos_ + i]);
    pos_ += static_cast<size_t>(bytes);
    return v;
  }

  // n bytes as a view into the buffer (valid until the next read) when they fit
  // in it; false (nothing consumed) when n is larger than the buffer can hold.
  bool view(uint64_t n, std::string_view& out) {
    if (fd_ >= 0 && n > storage_.size()) return false;
    ensure(n);
    out = std::string_view(win_ + pos_, n);
    pos_ += n;
    return true;
  }

  // Appends n bytes to out, in chunks as they arrive.
  void append(std::string& out, uint64_t n) {
    while (n > 0) {
      if (pos_ == win_len_ && !refill()) eof();
      const size_t k = static_cast<size_t>(std::min<uint64_t>({n, win_len_ - pos_, kStringChunk}));
      out.append(win_ + pos_, k);
      pos_ += k;
      n -= k;
    }
  }

  // CRC-64 of everything consumed so far.
  uint64_t crc() {
    crc_ = crc64(crc_, win_ + crc_pos_, pos_ - crc_pos_);
    crc_pos_ = pos_;
    return crc_;
  }

  [[noreturn]] void eof() const {
    fail(error_.empty() ? "Unexpected EOF reading RDB file" : error_, base_ + win_len_);
  }

 private:
  void ensure(uint64_t n) {
    while (win_len_ - pos_ < n) {
      if (!refill()) eof();
    }
  }

  // Moves the unread bytes to the front and reads more; false at end of input.
  bool refill() {
    if (fd_ < 0) return false;
    crc();
    const size_t keep = win_len_ - pos_;
    if (keep > 0 && pos_ > 0) std::memmove(storage_.data(), win_ + pos_, keep);
    base_ += pos_;
    pos_ = 0;
    crc_pos_ = 0;
    win_len_ = keep;
    for (;;) {
      const ssize_t r = ::read(fd_, storage_.data() + win_len_, storage_.size() - win_len_);
      if (r > 0) {
        win_len_ += static_cast<size_t>(r);
        return true;
      }
      if (r == 0) return false;
      if (errno == EINTR) continue;
      error_ = std::string("Error reading the RDB file: ") + std::strerror(errno);
      return false;
    }
  }

  int fd_ = -1;
  std::vector<char> storage_;
  const char* win_;
  size_t win_len_ = 0;
  size_t pos_ = 0;
  uint64_t base_ = 0;  // input offset of win_[0]
  uint64_t crc_ = 0;
  size_t crc_pos_ = 0;  // bytes of the window before it are in crc_
  std::string error_;
};

class Loader {
 public:
  Loader(Reader& r, store::Keyspace& ks, const RdbLoadOptions& o, RdbLoadResult& res)
      : r_(r), ks_(ks), o_(o), res_(res) {
    for (int i = 0; i < ks.db_count(); ++i) {
      // Overwriting a key that was there before the load is fine; meeting a key
      // twice in the file is not. Only databases that were not empty need the
      // record of which keys came from the file.
      preexisting_.push_back(ks.db(i).size() > 0 ? std::make_unique<std::unordered_set<std::string>>()
                                                 : nullptr);
    }
  }

  void run();

 private:
  [[noreturn]] void fail_here(std::string message, uint64_t offset) const {
    if (in_key_) message += " (key '" + key_ + "')";
    fail(std::move(message), offset);
  }

  uint64_t read_len();
  void check_length(uint64_t len, uint64_t at) const;
  // Either a length (false) or a special encoding number (true).
  bool read_len_or_encoding(uint64_t& out);
  // A string; integer encodings as their decimal text.
  void read_string(std::string& out);
  // A top-level string value: integers stay integers, short strings embstr.
  Value read_string_value();
  double read_binary_double();
  double read_text_double();
  void read_lzf(std::string& out);

  // The value of the given type; an empty Value (a string) with *empty set when
  // the collection has no elements.
  Value load_object(uint8_t type, uint64_t at, bool& empty);
  Value load_list(uint8_t type, bool& empty);
  Value load_set(bool& empty);
  Value load_set_intset(uint64_t at);
  Value load_set_listpack(uint64_t at, bool& empty);
  Value load_zset(uint8_t type, bool& empty);
  Value load_zset_listpack(Listpack lp, uint64_t at, const char* what, bool& empty);
  Value load_hash(bool& empty);
  Value load_hash_listpack(Listpack lp, uint64_t at, const char* what, bool& empty);
  // Reads a listpack (or ziplist, converted) blob and validates it.
  Listpack read_listpack(uint64_t at, const char* what);
  Listpack read_ziplist(uint64_t at, const char* what);

  void store_key(Value v, int64_t expire, int64_t idle);

  Reader& r_;
  store::Keyspace& ks_;
  const RdbLoadOptions& o_;
  RdbLoadResult& res_;
  store::Database* db_ = nullptr;
  int db_index_ = 0;
  std::vector<std::unique_ptr<std::unordered_set<std::string>>> preexisting_;
  std::string key_;
  bool in_key_ = false;
  std::string blob_;     // scratch for blobs and elements
  std::string field_;    // scratch for the second string of a pair
  std::string lzf_in_;   // scratch for compressed bytes
};

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
  if (!ziplist_to_listpack(blob_, lp)) fail_here(std::string(what) + " integrity check failed.", at);
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
      return load_zset_listpack(read_listpack(blob_at, "Zset listpack"), blob_at, "Zset listpack", empty);
    }
    case rdb::kTypeZSetZiplist: {
      const uint64_t blob_at = r_.offset();
      return load_zset_listpack(read_ziplist(blob_at, "Zset ziplist"), blob_at, "Zset ziplist", empty);
    }
    case rdb::kTypeHash:
      return load_hash(empty);
    case rdb::kTypeHashListpack: {
      const uint64_t blob_at = r_.offset();
      return load_hash_listpack(read_listpack(blob_at, "Hash listpack"), blob_at, "Hash listpack", empty);
    }
    case rdb::kTypeHashZiplist: {
      const uint64_t blob_at = r_.offset();
      return load_hash_listpack(read_ziplist(blob_at, "Hash ziplist"), blob_at, "Hash ziplist", empty);
    }
    case rdb::kTypeStreamListpacks:
    case rdb::kTypeStreamListpacks2:
    case rdb::kTypeStreamListpacks3:
      fail_here("Streams are not supported", at);
    case rdb::kTypeModule:
    case rdb::kTypeModule2:
      fail_here("Module values are not supported", at);
    case rdb::kTypeHashZipmap:
      fail_here("Zipmap hashes (Redis < 2.6) are not supported", at);
    default:
      fail_here("Unknown RDB value type " + std::to_string(type), at);
  }
}

// ---- the file -----------------------------------------------------------------------

void Loader::store_key(Value v, int64_t expire, int64_t idle) {
  auto* loaded = preexisting_[static_cast<size_t>(db_index_)].get();
  if (loaded == nullptr) {
    if (db_->add(key_, std::move(v)) == nullptr) {
      fail_here("RDB has duplicated key in DB " + std::to_string(db_index_), r_.offset());
    }
  } else {
    if (!loaded->insert(key_).second) {
      fail_here("RDB has duplicated key in DB " + std::to_string(db_index_), r_.offset());
    }
    db_->set(key_, std::move(v));
  }
  if (expire >= 0) db_->set_expire(key_, expire);
  if (idle >= 0) {
    // OBJECT IDLETIME continues from what the file recorded.
    if (auto* n = db_->dict().find(key_)) {
      const int64_t now_s = ks_.lru_clock();
      n->aux = static_cast<uint32_t>(idle < now_s ? now_s - idle : 0);
    }
  }
  ++res_.keys_loaded;
}

void Loader::run() {
  std::string_view magic;
  r_.view(9, magic);
  if (magic.substr(0, 5) != "REDIS") fail("Wrong signature trying to load DB from file", 0);
  int version = 0;
  for (char c : magic.substr(5)) {  // atoi, as Redis reads it
    if (c < '0' || c > '9') break;
    version = version * 10 + (c - '0');
  }
  res_.rdb_version = version;
  if (version < 1 || version > rdb::kVersion) {
    fail("Can't handle RDB format version " + std::to_string(version), 5);
  }

  db_ = &ks_.db(0);
  int64_t expire = -1;
  int64_t idle = -1;
  for (;;) {
    const uint64_t at = r_.offset();
    const uint8_t type = r_.u8();
    switch (type) {
      case rdb::kOpExpireTime:
        expire = static_cast<int64_t>(static_cast<int32_t>(r_.le(4))) * 1000;
        continue;
      case rdb::kOpExpireTimeMs:
        expire = static_cast<int64_t>(r_.le(8));
        continue;
      case rdb::kOpFreq:
        r_.u8();  // LFU counter: IronKV keeps no LFU data
        continue;
      case rdb::kOpIdle: {
        const uint64_t v = read_len();
        idle = static_cast<int64_t>(std::min<uint64_t>(v, std::numeric_limits<int32_t>::max()));
        continue;
      }
      case rdb::kOpEof:
        break;
      case rdb::kOpSelectDb: {
        const uint64_t db = read_len();
        if (db >= static_cast<uint64_t>(ks_.db_count())) {
          fail("Data file was created with a Redis server configured to handle more than " +
                   std::to_string(ks_.db_count()) + " databases (SELECTDB " + std::to_string(db) + ")",
               at);
        }
        db_index_ = static_cast<int>(db);
        db_ = &ks_.db(db_index_);
        continue;
      }
      case rdb::kOpResizeDb:
        read_len();  // sizes are hints; our tables grow incrementally anyway
        read_len();
        continue;
      case rdb::kOpAux: {
        std::string name;
        read_string(name);
        read_string(blob_);
        res_.aux[name] = blob_;
        continue;
      }
      case rdb::kOpModuleAux:
        fail("The RDB file contains AUX module data: modules are not supported", at);
      case rdb::kOpFunctionPreGa:
        fail("Pre-release function format not supported", at);
      case rdb::kOpFunction2:
        // A library's source; IronKV has no functions. Counted so the caller can warn.
        read_string(blob_);
        ++res_.functions_skipped;
        continue;
      default: {
        const bool known = type <= rdb::kTypeStreamListpacks3 && type != 8;
        if (!known) fail("Unknown RDB value type " + std::to_string(type), at);
        read_string(key_);
        in_key_ = true;
        bool empty = false;
        Value v = load_object(type, at, empty);
        if (empty) {
          ++res_.empty_keys_skipped;
        } else if (expire >= 0 && expire <= o_.now_ms) {
          ++res_.expired_skipped;
        } else {
          store_key(std::move(v), expire, idle);
        }
        in_key_ = false;
        expire = -1;
        idle = -1;
        continue;
      }
    }
    break;  // EOF opcode
  }

  if (version >= 5) {
    const uint64_t computed = r_.crc();
    const uint64_t at = r_.offset();
    const uint64_t stored = r_.le(8);
    // 0 means the writer had rdbchecksum off: nothing to check, like Redis.
    if (o_.verify_checksum && stored != 0 && stored != computed) {
      char msg[96];
      std::snprintf(msg, sizeof msg, "Wrong RDB checksum expected: (%llx) got: (%llx). Aborting now.",
                    static_cast<unsigned long long>(computed), static_cast<unsigned long long>(stored));
      fail(msg, at);
    }
  }
  res_.bytes_consumed = r_.offset();
  res_.ok = true;
}

RdbLoadResult load(Reader& r, store::Keyspace& ks, const RdbLoadOptions& opts) {
  RdbLoadResult res;
  try {
    Loader(r, ks, opts, res).run();
  } catch (const LoadError& e) {
    res.ok = false;
    res.error = e.message;
    res.error_offset = e.offset;
  } catch (const std::bad_alloc&) {
    res.ok = false;
    res.error = "Out of memory loading the RDB file";
    res.error_offset = r.offset();
  } catch (const std::length_error& e) {
    res.ok = false;
    res.error = std::string("Value too large loading the RDB file: ") + e.what();
    res.error_offset = r.offset();
  }
  return res;
}

RdbLoadResult error_result(std::string message) {
  RdbLoadResult res;
  res.error = std::move(message);
  return res;
}

}  // namespace

RdbLoadResult rdb_load_buffer(std::string_view data, store::Keyspace& ks, const RdbLoadOptions& opts) {
  Reader r(data);
  return load(r, ks, opts);
}

RdbLoadResult rdb_load_fd(int fd, store::Keyspace& ks, const RdbLoadOptions& opts) {
  const off_t start = ::lseek(fd, 0, SEEK_CUR);
  if (start < 0) return error_result(std::string("The RDB input is not seekable: ") + std::strerror(errno));
  Reader r(fd);
  RdbLoadResult res = load(r, ks, opts);
  // Reading was buffered: put the position right after the checksum.
  if (res.ok && ::lseek(fd, start + static_cast<off_t>(res.bytes_consumed), SEEK_SET) < 0) {
    res.ok = false;
    res.error = std::string("Cannot seek after the RDB data: ") + std::strerror(errno);
  }
  return res;
}

RdbLoadResult rdb_load_file(const std::string& path, store::Keyspace& ks, const RdbLoadOptions& opts) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return error_result("Can't open the RDB file '" + path + "': " + std::strerror(errno));
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  Reader r(fd);
  RdbLoadResult res = load(r, ks, opts);
  ::close(fd);
  return res;
}

}  // namespace ironkv::persistence
