#pragma once
// A keyspace value: 16 bytes. Strings up to 14 bytes live inline; longer ones in
// one heap block; integers that round-trip (Redis "int" encoding) as an int64;
// collections (lists, hashes, sets, sorted sets, streams) behind a Collection pointer.

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace ironkv::store {

enum class ObjType : uint8_t { kString = 0, kList = 1, kSet = 2, kZSet = 3, kHash = 4, kStream = 6 };

enum class Encoding : uint8_t {
  kRaw = 0,
  kInt,
  kEmbStr,
  kHashtable,
  kIntset,
  kListpack,
  kQuicklist,
  kSkiplist,
  kStream,  // collections only: a string's encoding must fit the tag's 3 bits
};

std::string_view type_name(ObjType t);       // "string", "list", "set", "zset", "hash", "stream"
std::string_view encoding_name(Encoding e);   // "raw", "int", "embstr", "listpack", ...

// Base of collection representations (issue: data types). Owned by a Value.
class Collection {
 public:
  virtual ~Collection() = default;
  virtual ObjType type() const = 0;
  virtual Encoding encoding() const = 0;
  virtual std::unique_ptr<Collection> clone() const = 0;
  virtual size_t memory_bytes() const = 0;
  virtual size_t element_count() const = 0;
};

// Scratch space for reading an int-encoded string as text.
struct IntBuf {
  char data[24];
};

class Value {
 public:
  static constexpr size_t kInlineCap = 14;
  static constexpr size_t kEmbstrLimit = 44;  // Redis OBJ_ENCODING_EMBSTR_SIZE_LIMIT

  Value() noexcept { set_inline_empty(); }
  ~Value() { release(); }
  Value(Value&& o) noexcept;
  Value& operator=(Value&& o) noexcept;
  Value(const Value&) = delete;
  Value& operator=(const Value&) = delete;

  // A string as SET creates it: "int" if it is a canonical int64 of <= 20 chars,
  // else "embstr" up to 44 bytes, else "raw".
  static Value string(std::string_view s);
  // A string that keeps its bytes as given ("raw"), e.g. after APPEND/SETRANGE.
  static Value raw_string(std::string_view s);
  // A string as Redis createStringObject makes it: never "int", "embstr" up to
  // 44 bytes, else "raw" (INCRBYFLOAT's result: "5200" stays embstr).
  static Value plain_string(std::string_view s) {
    Value v;
    v.assign_bytes(s, s.size() <= kEmbstrLimit ? Encoding::kEmbStr : Encoding::kRaw);
    return v;
  }
  static Value integer(int64_t v);
  static Value collection(std::unique_ptr<Collection> c);

  Value clone() const;

  ObjType type() const { return static_cast<ObjType>(tag_ & 0x7); }
  Encoding encoding() const;
  bool is_string() const { return type() == ObjType::kString; }

  // String access. For int-encoded values the digits are written into `buf`.
  std::string_view str(IntBuf& buf) const;
  size_t str_len() const;
  // True and sets v if the value is int-encoded (no parsing of text values).
  bool int_value(int64_t& v) const;

  // String mutations; the result has raw encoding like Redis.
  void append(std::string_view s);
  void set_range(size_t offset, std::string_view s);   // pads with zero bytes

  Collection* coll() const;
  template <class T>
  T* as() const { return static_cast<T*>(coll()); }

  size_t memory_bytes() const;   // heap bytes owned beyond the 16-byte handle

 private:
  enum Kind : uint8_t { kInlineKind = 0, kHeapKind = 1, kIntKind = 2, kCollKind = 3 };
  // tag_: bits 0-2 type, bits 3-4 kind, bits 5-7 string encoding for strings.
  Kind kind() const { return static_cast<Kind>((tag_ >> 3) & 0x3); }
  void set_tag(ObjType t, Kind k, Encoding e) {
    tag_ = static_cast<uint8_t>(static_cast<uint8_t>(t) | (k << 3) |
                                (static_cast<uint8_t>(e) << 5));
  }
  void set_inline_empty() {
    std::memset(raw_, 0, sizeof raw_);
    small_len_ = 0;
    set_tag(ObjType::kString, kInlineKind, Encoding::kEmbStr);
  }
  void assign_bytes(std::string_view s, Encoding enc);
  void release();

  char* heap_ptr() const { char* p; std::memcpy(&p, raw_, sizeof p); return p; }
  uint32_t heap_len() const { uint32_t n; std::memcpy(&n, raw_ + 8, sizeof n); return n; }
  void set_heap(char* p, uint32_t len) {
    std::memcpy(raw_, &p, sizeof p);
    std::memcpy(raw_ + 8, &len, sizeof len);
  }

  alignas(8) char raw_[kInlineCap];
  uint8_t small_len_;
  uint8_t tag_;
};

static_assert(sizeof(Value) == 16);

}  // namespace ironkv::store
