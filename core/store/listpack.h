#pragma once
// A listpack in Redis's exact byte format (the listpack spec, as Redis 7 writes
// it): one contiguous buffer of entries, each with a compact encoding (small
// ints in 1 byte, strings with a 1/2/5-byte header) and a back-length so it can
// be walked both ways. Small hashes, sets, sorted sets and list nodes use it;
// being Redis's format, RDB save/load can copy the blob as is.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/store/value.h"   // IntBuf

namespace ironkv::store {

class Listpack {
 public:
  using Pos = size_t;                               // byte offset of an entry
  static constexpr Pos kNone = static_cast<Pos>(-1);

  // An element: an integer (Redis stores strings that are canonical int64s as
  // integers) or a string view into the buffer (valid until the next mutation).
  struct Entry {
    bool is_int = false;
    int64_t ival = 0;
    std::string_view sval;
    // Text form; for integers the digits go into `buf`.
    std::string_view view(IntBuf& buf) const;
    std::string str() const;
  };

  Listpack();                                       // empty: header + terminator
  ~Listpack();
  Listpack(Listpack&& o) noexcept;
  Listpack& operator=(Listpack&& o) noexcept;
  Listpack(const Listpack&) = delete;
  Listpack& operator=(const Listpack&) = delete;
  Listpack clone() const;

  // Adopts a copy of a serialized listpack (RDB). validate() checks it deeply
  // (header sizes, every entry's encoding and back-length, terminator).
  static bool validate(std::string_view raw);
  static Listpack from_bytes(std::string_view raw);   // precondition: validate(raw)
  std::string_view bytes() const;                     // the raw blob

  size_t size() const;                              // element count
  size_t bytes_size() const;                        // total bytes of the blob
  bool empty() const { return size() == 0; }

  Pos first() const;                                // kNone when empty
  Pos last() const;
  Pos next(Pos p) const;                            // kNone past the end
  Pos prev(Pos p) const;                            // kNone before the start
  Pos seek(int64_t index) const;                    // negative = from the tail; kNone if out of range
  Entry get(Pos p) const;
  bool equals(Pos p, std::string_view s) const;     // element == s (integers compared as text)

  void append(std::string_view s);
  void prepend(std::string_view s);
  void append_int(int64_t v);
  Pos insert_before(Pos p, std::string_view s);     // returns the new entry's position
  Pos insert_after(Pos p, std::string_view s);
  Pos replace(Pos p, std::string_view s);           // returns the entry's (new) position
  Pos erase(Pos p);                                 // returns the next entry or kNone
  void erase_range(int64_t index, size_t count);    // like lpDeleteRange

  // First entry from `start` equal to s, comparing one entry then skipping `skip`
  // (skip = 1 finds a field among field/value pairs). kNone if absent.
  Pos find(std::string_view s, size_t skip = 0, Pos start = kNone) const;

  size_t memory_bytes() const { return capacity_; }
  // Capacity management: room for `total` bytes in all (lpNew's preallocation),
  // and giving back what is unused (lpShrinkToFit).
  void reserve(size_t total) { reserve_total(total); }
  void shrink_to_fit();

 private:
  struct Encoded;
  // Replaces the `remove_bytes` bytes at `at` (holding `removed` entries) with
  // `add` (nullptr: nothing); keeps the header and capacity in step.
  void splice(Pos at, size_t remove_bytes, size_t removed, const Encoded* add);
  void reserve_total(size_t total);
  void set_header();
  size_t entry_total(Pos p) const;   // encoding + data + back-length bytes

  // capacity_ == 0 means buf_ is the shared static empty blob (moved-from).
  unsigned char* buf_ = nullptr;
  size_t capacity_ = 0;
  // Exact element count; the header's 16-bit field holds 65535 ("unknown") past 65534.
  size_t count_ = 0;
};

}  // namespace ironkv::store
