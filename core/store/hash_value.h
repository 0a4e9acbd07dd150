#pragma once
// The hash type (Redis 7.0 t_hash.c semantics, our own code), in two encodings:
//   listpack   small hashes: field,value,field,value,... in one Listpack (Redis's byte
//              format, so RDB can copy the blob as is); fields in insertion order.
//   hashtable  a Dict<Value>: the node key holds the field bytes and the node value
//              the value, so short values and integers cost no allocation of their own.
// A listpack becomes a hashtable as soon as it would hold more than
// hash-max-listpack-entries fields, or a field or value longer than
// hash-max-listpack-value bytes. Like Redis, a hash never converts back.
//
// Views handed out (get(), for_each(), scan(), the random visitors) stay valid only
// until the hash is modified; callbacks must not modify the hash they visit.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string_view>
#include <variant>

#include "core/store/dict.h"
#include "core/store/listpack.h"
#include "core/store/value.h"

namespace ironkv::store {

// The configured thresholds (hash-max-listpack-entries, hash-max-listpack-value).
struct HashLimits {
  size_t max_listpack_entries = 128;
  size_t max_listpack_value = 64;
};

class HashValue final : public Collection {
 public:
  using Table = Dict<Value>;
  using Rng = std::mt19937_64;
  // A field's value: an integer (listpack integer entries, int-encoded Values) or bytes.
  using Element = Listpack::Entry;
  // Receives one (field, value) pair; returns false to stop early.
  using PairFn = std::function<bool(std::string_view field, std::string_view value)>;

  // Redis caps a listpack at 1 GiB (LISTPACK_MAX_SAFETY_SIZE); beyond it, a hashtable.
  static constexpr size_t kListpackMaxSafeBytes = size_t{1} << 30;

  HashValue();  // empty, listpack-encoded
  // Adopts a serialized listpack (RDB). Preconditions: Listpack::validate passed, an
  // even number of entries, distinct fields.
  explicit HashValue(Listpack lp);
  // An empty hash that is a hashtable from the start (RDB of a hashtable-encoded hash).
  static std::unique_ptr<HashValue> make_hashtable();
  ~HashValue() override;

  static constexpr ObjType kType = ObjType::kHash;  // Database::find<T>
  ObjType type() const override { return kType; }
  Encoding encoding() const override;
  std::unique_ptr<Collection> clone() const override;
  size_t memory_bytes() const override;
  size_t element_count() const override { return size(); }

  size_t size() const;  // number of fields
  bool empty() const { return size() == 0; }
  bool is_listpack() const { return rep_.index() == kListpackRep; }

  // The hashtable lookups may take one incremental rehash step, hence non-const.
  std::optional<Element> get(std::string_view field);
  bool contains(std::string_view field);
  // Length of the value's text (HSTRLEN), nullopt if the field is absent.
  std::optional<size_t> value_length(std::string_view field);

  // Creates or overwrites; true if the field was created. Converts to a hashtable
  // first when field or value is too long for a listpack, after the insert when the
  // count exceeds the limit (Redis hashTypeSet).
  bool set(std::string_view field, std::string_view value, const HashLimits& lim);
  // True if the field existed. The hash may become empty: callers delete the key.
  bool erase(std::string_view field);

  // Redis hashTypeTryConversion: before writing `strings` (fields and values), becomes
  // a hashtable if any is longer than the value limit or the listpack would pass
  // kListpackMaxSafeBytes.
  void prepare_for(std::span<const std::string_view> strings, const HashLimits& lim);
  void convert_to_hashtable();

  // Every pair once: listpacks in insertion order, hashtables in table order.
  // fn(std::string_view field, std::string_view value).
  template <class F>
  void for_each(F&& fn);

  // One HSCAN step. A listpack returns everything for any cursor, then 0 (as Redis);
  // a hashtable visits the bucket(s) the cursor designates and returns the next
  // cursor, with Dict::scan's guarantees. fn(field, value).
  template <class F>
  uint64_t scan(uint64_t cursor, F&& fn);

  // Random pairs with Redis 7.0's sampling (HRANDFIELD). All require a non-empty hash.
  // One uniformly chosen pair (hashtable: a "fair" pick like dictGetFairRandomKey).
  void random_pair(Rng& rng, const PairFn& fn);
  // `count` independent picks, repeats possible, in pick order (negative count).
  void random_pairs_with_repeats(uint64_t count, Rng& rng, const PairFn& fn);
  // `count` distinct pairs, 0 < count < size() (positive count): a listpack uses one
  // pass of selection sampling (listpack order); a hashtable copies and removes
  // random pairs when count is more than a third of the hash, else draws random pairs
  // until it has count distinct ones.
  void random_pairs_unique(size_t count, Rng& rng, const PairFn& fn);

  // The listpack for persistence; nullptr / empty when hashtable-encoded.
  const Listpack* listpack() const;
  std::string_view listpack_bytes() const;

 private:
  // The Dict sits behind a pointer so that the common small hash stays small.
  struct HashTable {
    Table dict;
    size_t value_bytes = 0;  // heap bytes owned by the values (Value::memory_bytes)
  };
  using Rep = std::variant<Listpack, std::unique_ptr<HashTable>>;
  enum : size_t { kListpackRep = 0, kTableRep = 1 };

  Listpack& lp() { return std::get<kListpackRep>(rep_); }
  const Listpack& lp() const { return std::get<kListpackRep>(rep_); }
  HashTable& ht() const { return *std::get<kTableRep>(rep_); }

  // Position of the field entry (never a value entry), or Listpack::kNone.
  Listpack::Pos lp_find(std::string_view field) const;
  // The table without a conversion: for make_hashtable() and clone().
  struct TableTag {};
  explicit HashValue(TableTag);
  static void table_set(HashTable& t, std::string_view field, Value v);

  Rep rep_;
};

// ---- templates ----------------------------------------------------------------

template <class F>
void HashValue::for_each(F&& fn) {
  if (is_listpack()) {
    const Listpack& l = lp();
    IntBuf fbuf, vbuf;
    for (Listpack::Pos p = l.first(); p != Listpack::kNone;) {
      const Listpack::Pos vp = l.next(p);
      fn(l.get(p).view(fbuf), l.get(vp).view(vbuf));
      p = l.next(vp);
    }
    return;
  }
  ht().dict.for_each([&](Table::Node& n) {
    IntBuf vbuf;
    fn(n.key(), n.value.str(vbuf));
  });
}

template <class F>
uint64_t HashValue::scan(uint64_t cursor, F&& fn) {
  if (is_listpack()) {
    for_each(fn);
    return 0;
  }
  return ht().dict.scan(cursor, [&](Table::Node& n) {
    IntBuf vbuf;
    fn(n.key(), n.value.str(vbuf));
  });
}

}  // namespace ironkv::store
