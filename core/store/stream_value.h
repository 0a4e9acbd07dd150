#pragma once
// The stream type (Redis 7.0 t_stream.c semantics, our own code).
//
// Entries live in nodes: listpacks in Redis's exact stream layout, indexed by
// their master ID in an ordered map (Redis uses a radix tree; the map gives the
// same O(log n) seek by ID). A node starts with a master entry
//     count | deleted | num-fields | field_1 .. field_N | 0
// and holds entries, each delta-encoded against the master ID:
//     flags | ms-diff | seq-diff | [num-fields | field_1] value_1 ... | lp-count
// where flags SAMEFIELDS (the master's fields, so only values are stored) and
// DELETED (a tombstone, skipped by readers). Being Redis's bytes, a node is
// written to and read from RDB as is, and memory per entry is Redis's.
//
// Beside the entries: consumer groups, each with its pending entries list (PEL)
// and consumers with their own PELs, as in Redis's streamCG / streamConsumer.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/store/listpack.h"
#include "core/store/value.h"

namespace ironkv::store {

struct StreamID {
  uint64_t ms = 0;
  uint64_t seq = 0;

  friend auto operator<=>(const StreamID&, const StreamID&) = default;
  bool zero() const { return ms == 0 && seq == 0; }
  static constexpr StreamID min() { return {0, 0}; }
  static constexpr StreamID max() { return {UINT64_MAX, UINT64_MAX}; }
  // The next / previous ID (streamIncrID / streamDecrID); false, leaving the
  // ID unchanged, when there is none.
  bool incr();
  bool decr();
  std::string str() const;  // "ms-seq"
  // Parses "ms-seq" or "ms" (seq = missing_seq) strictly: digits only, each
  // part within uint64. nullopt on any other text.
  static std::optional<StreamID> parse(std::string_view s, uint64_t missing_seq = 0);
  // 16 bytes big-endian (the RDB's node keys and PEL IDs).
  void encode(unsigned char out[16]) const;
  static StreamID decode(const unsigned char in[16]);
};

// stream-node-max-bytes / stream-node-max-entries (0 = no limit).
struct StreamLimits {
  size_t node_max_bytes = 4096;
  int64_t node_max_entries = 100;
};

struct StreamConsumer;

// A delivered, not yet acknowledged entry (streamNACK).
struct StreamNack {
  int64_t delivery_time = 0;  // unix ms of the last delivery
  uint64_t delivery_count = 0;
  StreamConsumer* consumer = nullptr;
};

struct StreamConsumer {
  std::string name;
  int64_t seen_time = 0;  // unix ms of the last interaction
  // The consumer's share of the group PEL (pointers into StreamGroup::pel).
  std::map<StreamID, StreamNack*> pel;
};

// The group's logical read counter when it is unknown (SCG_INVALID_ENTRIES_READ).
inline constexpr int64_t kEntriesReadInvalid = -1;

struct StreamGroup {
  StreamID last_id;
  int64_t entries_read = kEntriesReadInvalid;
  std::map<StreamID, StreamNack> pel;
  std::map<std::string, std::unique_ptr<StreamConsumer>, std::less<>> consumers;

  StreamConsumer* find_consumer(std::string_view name) const;
  // A new consumer; nullptr if one of that name exists.
  StreamConsumer* create_consumer(std::string_view name, int64_t now_ms);
  // find_consumer, else create_consumer (XREADGROUP, XCLAIM).
  StreamConsumer* consumer(std::string_view name, int64_t now_ms);
  // Removes the consumer and its pending entries; returns how many it had.
  // -1 if there is no such consumer.
  int64_t delete_consumer(std::string_view name);
  // Records a delivery of `id` to `c` at `now_ms` (XREADGROUP): a new NACK with
  // count 1, or an existing one moved to `c` with its count reset to 1.
  StreamNack& deliver(const StreamID& id, StreamConsumer* c, int64_t now_ms);
  // Assigns an existing or new NACK to `c` (XCLAIM/XAUTOCLAIM, RDB load):
  // moves it between consumer PELs; the caller sets time and count.
  StreamNack& assign(const StreamID& id, StreamConsumer* c);
  // XACK of one ID: true if it was pending.
  bool ack(const StreamID& id);
  std::unique_ptr<StreamGroup> clone() const;
};

class StreamValue final : public Collection {
 public:
  static constexpr uint8_t kFlagDeleted = 1;
  static constexpr uint8_t kFlagSameFields = 2;

  StreamValue();
  ~StreamValue() override;
  StreamValue(const StreamValue&) = delete;
  StreamValue& operator=(const StreamValue&) = delete;

  static constexpr ObjType kType = ObjType::kStream;  // Database::find<T>
  ObjType type() const override { return kType; }
  Encoding encoding() const override { return Encoding::kStream; }
  std::unique_ptr<Collection> clone() const override;
  size_t memory_bytes() const override;
  // The cost of freeing it (lazy free decides by it): entries plus PEL entries.
  size_t element_count() const override;

  // ---- entries
  size_t length() const { return length_; }
  const StreamID& last_id() const { return last_id_; }
  const StreamID& first_id() const { return first_id_; }
  const StreamID& max_deleted_id() const { return max_deleted_id_; }
  uint64_t entries_added() const { return entries_added_; }
  // XSETID and RDB load set these directly (the caller checks consistency).
  void set_last_id(const StreamID& id) { last_id_ = id; }
  void set_max_deleted_id(const StreamID& id) { max_deleted_id_ = id; }
  void set_entries_added(uint64_t n) { entries_added_ = n; }
  void set_first_id(const StreamID& id) { first_id_ = id; }

  // Appends an entry with ID `id` (precondition: id > last_id()) and the
  // fields `fv` (field, value, field, value ...; at least one pair), opening
  // a new node when the tail one is full under `lim` (streamAppendItem).
  void append(const StreamID& id, std::span<const std::string_view> fv, const StreamLimits& lim);
  // Marks the entry `id` deleted (XDEL); false if there is no such live entry.
  // Updates length, first ID and the max deleted ID.
  bool erase(const StreamID& id);

  struct Trim {
    enum class Kind : uint8_t { kNone, kMaxLen, kMinId } kind = Kind::kNone;
    uint64_t maxlen = 0;
    StreamID minid;
    bool approx = false;
    int64_t limit = 0;  // max entries removed; 0 = no limit
  };
  // XADD/XTRIM trimming (streamTrim): whole nodes from the head, then, unless
  // approximate, single entries of the first node marked deleted. Returns
  // the number of entries removed.
  int64_t trim(const Trim& t);

  // Entries in [start, end] (both inclusive), forward or in reverse.
  class Iterator {
   public:
    // Moves to the next live entry in range; false at the end.
    bool next();
    const StreamID& id() const { return id_; }
    size_t field_count() const { return nfields_; }
    // fn(std::string_view field, std::string_view value) for each pair, in
    // order. The views are valid during the call only.
    template <class F>
    void for_each_field(F&& fn) const {
      IntBuf fb, vb;
      Listpack::Pos f = fields_, v = values_;
      for (size_t i = 0; i < nfields_; ++i) {
        std::string_view fs = lp_->get(f).view(fb);
        std::string_view vs = lp_->get(v).view(vb);
        fn(fs, vs);
        if (same_fields_) {
          f = lp_->next(f);
          v = lp_->next(v);
        } else {
          f = lp_->next(lp_->next(f));
          v = lp_->next(lp_->next(v));
        }
      }
    }

   private:
    friend class StreamValue;
    using NodeIt = std::map<StreamID, Listpack>::const_iterator;
    bool enter_node();    // sets up the node at node_; false when none is left
    bool step_in_node();  // next entry of the node (either direction); false at its end
    bool back_from(Listpack::Pos count_pos);  // reverse: the entry ending at an lp-count
    void decode_entry();  // reads pos_'s entry into id_, flags_, fields_, values_

    const StreamValue* s_ = nullptr;
    StreamID start_, end_;
    bool rev_ = false;
    bool done_ = false;
    bool started_node_ = false;
    NodeIt node_;
    const Listpack* lp_ = nullptr;
    StreamID master_;
    size_t master_nfields_ = 0;
    Listpack::Pos master_fields_ = Listpack::kNone;
    Listpack::Pos pos_ = Listpack::kNone;  // flags of the current entry
    StreamID id_;
    int64_t flags_ = 0;
    size_t nfields_ = 0;
    bool same_fields_ = false;
    Listpack::Pos fields_ = Listpack::kNone;
    Listpack::Pos values_ = Listpack::kNone;
  };
  Iterator range(const StreamID& start, const StreamID& end, bool rev = false) const;
  // The first / last live entry's ID (streamGetEdgeID); nullopt when empty.
  std::optional<StreamID> first_entry_id() const;
  std::optional<StreamID> last_entry_id() const;

  // ---- consumer groups (by name, in byte order like Redis's radix tree)
  using Groups = std::map<std::string, std::unique_ptr<StreamGroup>, std::less<>>;
  const Groups& groups() const { return groups_; }
  StreamGroup* find_group(std::string_view name) const;
  // nullptr if a group of that name exists.
  StreamGroup* create_group(std::string_view name, const StreamID& last_id, int64_t entries_read);
  bool destroy_group(std::string_view name);

  // ---- lag (7.0): the logical read counter of `id` (streamEstimateDistanceFromFirstEverEntry),
  // or kEntriesReadInvalid when it cannot be known.
  int64_t estimate_distance(const StreamID& id) const;
  // Whether [start, end] (nullptr = open) may hold a tombstone (streamRangeHasTombstones).
  bool range_has_tombstones(const StreamID* start, const StreamID* end) const;
  // XINFO GROUPS "lag": nullopt when it cannot be computed.
  std::optional<int64_t> group_lag(const StreamGroup& g) const;
  // After delivering `id` to a group (XREADGROUP ">"), the group's
  // last_id / entries_read bookkeeping as Redis does it.
  void advance_group(StreamGroup& g, const StreamID& id) const;

  // ---- nodes, for RDB and DEBUG
  size_t node_count() const { return nodes_.size(); }
  // XINFO STREAM's radix-tree-nodes: how many nodes Redis's radix tree has
  // for these node keys (16-byte big-endian master IDs), as a compressed
  // trie: the root, every branching node and child of one, and the leaves.
  size_t radix_tree_nodes() const;
  template <class F>
  void for_each_node(F&& fn) const {  // fn(const StreamID& master, std::string_view listpack)
    for (const auto& [id, lp] : nodes_) fn(id, lp.bytes());
  }
  // Checks a node as read from a file: the listpack itself, the master entry,
  // every entry's layout and lp-count, IDs ascending above `master` and the
  // count/deleted totals. On success adds the node's live count to `live`
  // and its last entry's ID to `last`.
  static bool validate_node(const StreamID& master, std::string_view lp, size_t& live,
                            StreamID& last);
  // Adopts a validated node (RDB load); nodes come in ascending order. Length
  // is kept in step; the IDs and counters are set by the loader.
  void add_node(const StreamID& master, Listpack lp);

 private:
  using Nodes = std::map<StreamID, Listpack>;
  // Reads a node's master entry: live count, deleted count, field count, and
  // the position of the first master field; returns the first entry's position.
  struct Master {
    int64_t count = 0;
    int64_t deleted = 0;
    size_t nfields = 0;
    Listpack::Pos fields = Listpack::kNone;
    Listpack::Pos first_entry = Listpack::kNone;
  };
  static Master read_master(const Listpack& lp);
  static StreamID node_last_id(const StreamID& master, const Listpack& lp);
  // Marks the entry at `flags_pos` deleted and updates the master counters;
  // removes the node when it empties. Returns true if the node was removed.
  bool mark_deleted(Nodes::iterator node, Listpack::Pos flags_pos);
  void refresh_first_id();

  Nodes nodes_;
  size_t length_ = 0;
  StreamID last_id_;
  StreamID first_id_;
  StreamID max_deleted_id_;
  uint64_t entries_added_ = 0;
  Groups groups_;
};

}  // namespace ironkv::store
