#pragma once
// Internal to the RDB loader (rdb_loader.cpp, rdb_values.cpp): the bounded,
// CRC-keeping input reader and the parser class. Not part of the codec's API.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/store/listpack.h"
#include "core/store/value.h"
#include "persistence/crc64.h"
#include "persistence/rdb_loader.h"

namespace ironkv::persistence::rdb_detail {

using store::Listpack;
using store::Value;

// Reading stops at the first problem: the parser throws this and the entry points
// turn it into an RdbLoadResult (deep recursion-free parsing, one error path).
struct LoadError {
  std::string message;
  uint64_t offset;
};

[[noreturn]] inline void fail(std::string message, uint64_t offset) {
  throw LoadError{std::move(message), offset};
}

inline constexpr size_t kFileBufferSize = size_t{1} << 20;
// The largest piece appended to a string in one go while reading a long one: memory
// then grows with the data actually present, never with a length field alone.
inline constexpr size_t kStringChunk = size_t{1} << 20;
// Our string values keep a 32-bit length (Redis caps strings at proto-max-bulk-len,
// 512 MB by default): a longer string in a file is refused before reading it.
inline constexpr uint64_t kMaxStringLength = std::numeric_limits<uint32_t>::max();
// LZF expands at most ~88x (a 3-byte back-reference copies 264 bytes); a declared
// length beyond this bound cannot be genuine and is refused before allocating.
inline constexpr uint64_t kLzfMaxRatio = 100;

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
      preexisting_.push_back(
          ks.db(i).size() > 0 ? std::make_unique<std::unordered_set<std::string>>() : nullptr);
    }
  }

  void run();
  // One type byte and its value, which must end the input (RESTORE).
  Value load_single(uint64_t size, bool& empty);

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
  Value load_stream(uint8_t type, uint64_t at);
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
  std::string blob_;    // scratch for blobs and elements
  std::string field_;   // scratch for the second string of a pair
  std::string lzf_in_;  // scratch for compressed bytes
};

}  // namespace ironkv::persistence::rdb_detail
