// The stream structure against a simple model (an ordered map of entries):
// random appends, deletes and trims, read back both ways from random ranges,
// plus the node layout (Redis's bytes) and the 7.0 lag bookkeeping.

#include "core/store/stream_value.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace ironkv::store {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;
using Model = std::map<StreamID, Fields>;

Fields read_fields(const StreamValue::Iterator& it) {
  Fields f;
  it.for_each_field([&](std::string_view a, std::string_view b) { f.emplace_back(a, b); });
  return f;
}

std::vector<std::pair<StreamID, Fields>> collect(const StreamValue& s, StreamID a, StreamID b,
                                                 bool rev) {
  std::vector<std::pair<StreamID, Fields>> out;
  auto it = s.range(a, b, rev);
  while (it.next()) out.emplace_back(it.id(), read_fields(it));
  return out;
}

std::vector<std::pair<StreamID, Fields>> model_range(const Model& m, StreamID a, StreamID b,
                                                     bool rev) {
  std::vector<std::pair<StreamID, Fields>> out;
  for (auto it = m.lower_bound(a); it != m.end() && it->first <= b; ++it) out.push_back(*it);
  if (rev) std::reverse(out.begin(), out.end());
  return out;
}

void append(StreamValue& s, const StreamID& id, const Fields& f, const StreamLimits& lim = {}) {
  std::vector<std::string_view> fv;
  for (const auto& [a, b] : f) {
    fv.push_back(a);
    fv.push_back(b);
  }
  s.append(id, fv, lim);
}

TEST(StreamID, ParsesLikeRedis) {
  EXPECT_EQ(StreamID::parse("1-2"), (StreamID{1, 2}));
  EXPECT_EQ(StreamID::parse("5"), (StreamID{5, 0}));
  EXPECT_EQ(StreamID::parse("5", UINT64_MAX), (StreamID{5, UINT64_MAX}));
  EXPECT_EQ(StreamID::parse("18446744073709551615-18446744073709551615"), StreamID::max());
  EXPECT_FALSE(StreamID::parse("18446744073709551616"));
  EXPECT_FALSE(StreamID::parse("-1"));
  EXPECT_FALSE(StreamID::parse("1--1"));
  EXPECT_FALSE(StreamID::parse("a-1"));
  EXPECT_FALSE(StreamID::parse(""));
  EXPECT_FALSE(StreamID::parse("1-"));
  EXPECT_FALSE(StreamID::parse(std::string(128, '1')));
  EXPECT_EQ(StreamID::parse("+5"), (StreamID{5, 0}));  // strtoull's leniency, as Redis
  StreamID id{3, UINT64_MAX};
  ASSERT_TRUE(id.incr());
  EXPECT_EQ(id, (StreamID{4, 0}));
  ASSERT_TRUE(id.decr());
  EXPECT_EQ(id, (StreamID{3, UINT64_MAX}));
  StreamID top = StreamID::max();
  EXPECT_FALSE(top.incr());
  StreamID bottom;
  EXPECT_FALSE(bottom.decr());
  unsigned char buf[16];
  StreamID{0x0102030405060708, 9}.encode(buf);
  EXPECT_EQ(buf[0], 1);
  EXPECT_EQ(buf[7], 8);
  EXPECT_EQ(buf[15], 9);
  EXPECT_EQ(StreamID::decode(buf), (StreamID{0x0102030405060708, 9}));
}

TEST(StreamValue, NodeBytesAreRedisLayout) {
  StreamValue s;
  append(s, {5, 0}, {{"a", "1"}, {"b", "x"}});
  append(s, {5, 1}, {{"a", "2"}, {"b", "y"}});
  append(s, {7, 0}, {{"c", "3"}});
  ASSERT_EQ(s.node_count(), 1u);
  std::vector<std::string> elems;
  s.for_each_node([&](const StreamID& master, std::string_view bytes) {
    EXPECT_EQ(master, (StreamID{5, 0}));
    Listpack lp = Listpack::from_bytes(bytes);
    for (auto p = lp.first(); p != Listpack::kNone; p = lp.next(p))
      elems.push_back(lp.get(p).str());
  });
  std::vector<std::string> want = {
      "3", "0", "2", "a", "b", "0",       // master: count deleted nfields fields 0
      "2", "0", "0", "1", "x", "5",       // SAMEFIELDS, +0 +0, values, lp-count 3+2
      "2", "0", "1", "2", "y", "5",       // SAMEFIELDS, +0 +1
      "0", "2", "0", "1", "c", "3", "6",  // own fields: nf=1, c 3, lp-count 4+2
  };
  EXPECT_EQ(elems, want);
  EXPECT_EQ(s.length(), 3u);
  EXPECT_EQ(s.first_id(), (StreamID{5, 0}));
  EXPECT_EQ(s.last_id(), (StreamID{7, 0}));
  // A tombstone flips the flag and the master counters.
  ASSERT_TRUE(s.erase({5, 1}));
  EXPECT_FALSE(s.erase({5, 1}));
  s.for_each_node([&](const StreamID&, std::string_view bytes) {
    Listpack lp = Listpack::from_bytes(bytes);
    EXPECT_EQ(lp.get(lp.first()).ival, 2);
    EXPECT_EQ(lp.get(lp.next(lp.first())).ival, 1);
    EXPECT_EQ(lp.get(lp.seek(12)).ival, 3);  // the second entry's flags: SAMEFIELDS|DELETED
    size_t live = 0;
    StreamID last;
    EXPECT_TRUE(StreamValue::validate_node({5, 0}, bytes, live, last));
    EXPECT_EQ(live, 2u);
    EXPECT_EQ(last, (StreamID{7, 0}));
  });
  EXPECT_EQ(s.max_deleted_id(), (StreamID{5, 1}));
}

TEST(StreamValue, NodesSplitByEntriesAndBytes) {
  StreamValue s;
  StreamLimits lim{4096, 3};
  for (uint64_t i = 1; i <= 10; ++i) append(s, {i, 0}, {{"f", "v"}}, lim);
  EXPECT_EQ(s.node_count(), 4u);  // 3 + 3 + 3 + 1
  StreamValue b;
  StreamLimits bytes_lim{40, 0};
  for (uint64_t i = 1; i <= 10; ++i) append(b, {i, 0}, {{"f", std::string(10, 'x')}}, bytes_lim);
  EXPECT_GT(b.node_count(), 3u);
  EXPECT_EQ(collect(b, StreamID::min(), StreamID::max(), false).size(), 10u);
}

TEST(StreamValue, RandomOperationsMatchModel) {
  std::mt19937_64 rng(12345);
  for (int round = 0; round < 20; ++round) {
    StreamValue s;
    Model m;
    StreamLimits lim{static_cast<size_t>(64 + rng() % 512), static_cast<int64_t>(rng() % 12)};
    StreamID last{1, 0};
    for (int op = 0; op < 1500; ++op) {
      int kind = static_cast<int>(rng() % 100);
      if (kind < 60 || m.empty()) {
        last.ms += rng() % 3;
        last.seq = last.ms % 2 ? last.seq + 1 + rng() % 4 : rng() % 5;
        if (!m.empty() && last <= std::prev(m.end())->first) {
          last = std::prev(m.end())->first;
          last.incr();
        }
        if (!(last > s.last_id())) {
          last = s.last_id();
          last.incr();
        }
        Fields f;
        size_t nf = 1 + rng() % 3;
        bool shared = rng() % 2;
        for (size_t i = 0; i < nf; ++i) {
          f.emplace_back(shared ? "f" + std::to_string(i) : "g" + std::to_string(rng() % 4),
                         rng() % 3 ? std::to_string(rng() % 100000) : std::string(rng() % 70, 'v'));
        }
        append(s, last, f, lim);
        m[last] = f;
      } else if (kind < 80) {
        auto it = m.begin();
        std::advance(it, static_cast<long>(rng() % m.size()));
        StreamID id = it->first;
        if (rng() % 4 == 0) id.incr();  // sometimes a missing ID
        bool in_model = m.erase(id) > 0;
        EXPECT_EQ(s.erase(id), in_model);
      } else if (kind < 90) {
        StreamValue::Trim t;
        t.approx = rng() % 2;
        if (rng() % 2) {
          t.kind = StreamValue::Trim::Kind::kMaxLen;
          t.maxlen = m.size() > 5 ? m.size() - rng() % 6 : 0;
        } else {
          t.kind = StreamValue::Trim::Kind::kMinId;
          auto it = m.begin();
          std::advance(it, static_cast<long>(rng() % m.size()));
          t.minid = it->first;
        }
        int64_t removed = s.trim(t);
        // The model drops the oldest `removed` entries: trimming only ever removes a prefix.
        for (int64_t i = 0; i < removed; ++i) m.erase(m.begin());
        if (!t.approx) {
          if (t.kind == StreamValue::Trim::Kind::kMaxLen) {
            EXPECT_LE(m.size(), t.maxlen);
          } else if (!m.empty()) {
            EXPECT_GE(m.begin()->first, t.minid);
          }
        }
      } else {
        StreamID a{rng() % (last.ms + 2), rng() % 6};
        StreamID b{a.ms + rng() % 20, rng() % 6};
        bool rev = rng() % 2;
        ASSERT_EQ(collect(s, a, b, rev), model_range(m, a, b, rev));
      }
      ASSERT_EQ(s.length(), m.size());
      if (!m.empty()) {
        ASSERT_EQ(s.first_id(), m.begin()->first);
        ASSERT_EQ(s.first_entry_id(), m.begin()->first);
        ASSERT_EQ(s.last_entry_id(), std::prev(m.end())->first);
      }
    }
    ASSERT_EQ(collect(s, StreamID::min(), StreamID::max(), false),
              model_range(m, StreamID::min(), StreamID::max(), false));
    ASSERT_EQ(collect(s, StreamID::min(), StreamID::max(), true),
              model_range(m, StreamID::min(), StreamID::max(), true));
    // Every node validates as a loader would check it, and a clone reads the same.
    size_t live = 0;
    s.for_each_node([&](const StreamID& master, std::string_view bytes) {
      StreamID lastid;
      EXPECT_TRUE(StreamValue::validate_node(master, bytes, live, lastid));
    });
    EXPECT_EQ(live, m.size());
    auto copy = s.clone();
    EXPECT_EQ(collect(static_cast<StreamValue&>(*copy), StreamID::min(), StreamID::max(), false),
              model_range(m, StreamID::min(), StreamID::max(), false));
  }
}

TEST(StreamValue, ValidateRejectsDamage) {
  StreamValue s;
  append(s, {5, 0}, {{"a", "1"}});
  append(s, {6, 0}, {{"a", "2"}});
  std::string bytes;
  s.for_each_node([&](const StreamID&, std::string_view b) { bytes = std::string(b); });
  size_t live = 0;
  StreamID last;
  EXPECT_TRUE(StreamValue::validate_node({5, 0}, bytes, live, last));
  // IDs are deltas from the master: one that overflows past UINT64_MAX is refused.
  EXPECT_FALSE(StreamValue::validate_node({UINT64_MAX, 0}, bytes, live, last));
  Listpack lp = Listpack::from_bytes(bytes);
  lp.replace(lp.first(), "9");  // count disagrees with the entries
  EXPECT_FALSE(StreamValue::validate_node({5, 0}, lp.bytes(), live, last));
  EXPECT_FALSE(StreamValue::validate_node({5, 0}, bytes.substr(0, bytes.size() - 3), live, last));
  Listpack lp2 = Listpack::from_bytes(bytes);
  lp2.replace(lp2.seek(-1), "7");  // a wrong lp-count
  EXPECT_FALSE(StreamValue::validate_node({5, 0}, lp2.bytes(), live, last));
}

TEST(StreamValue, GroupsPelAndLag) {
  StreamValue s;
  for (uint64_t i = 1; i <= 5; ++i) append(s, {i, 0}, {{"f", "v"}});
  StreamGroup* g = s.create_group("g", StreamID{}, 0);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(s.create_group("g", StreamID{}, 0), nullptr);
  EXPECT_EQ(s.group_lag(*g), 5);
  StreamConsumer* alice = g->consumer("alice", 100);
  StreamConsumer* bob = g->consumer("bob", 100);
  for (uint64_t i = 1; i <= 3; ++i) {
    g->deliver({i, 0}, alice, 200);
    s.advance_group(*g, {i, 0});
  }
  EXPECT_EQ(g->entries_read, 3);
  EXPECT_EQ(s.group_lag(*g), 2);
  EXPECT_EQ(alice->pel.size(), 3u);
  StreamNack& n = g->assign({2, 0}, bob);
  n.delivery_count++;
  EXPECT_EQ(alice->pel.size(), 2u);
  EXPECT_EQ(bob->pel.size(), 1u);
  EXPECT_TRUE(g->ack({1, 0}));
  EXPECT_FALSE(g->ack({1, 0}));
  EXPECT_EQ(g->pel.size(), 2u);
  auto copy = s.clone();
  const StreamGroup* cg = static_cast<StreamValue&>(*copy).find_group("g");
  ASSERT_NE(cg, nullptr);
  EXPECT_EQ(cg->pel.size(), 2u);
  EXPECT_EQ(cg->pel.at({2, 0}).consumer->name, "bob");
  EXPECT_EQ(cg->find_consumer("bob")->pel.begin()->second, &cg->pel.at({2, 0}));
  EXPECT_EQ(g->delete_consumer("alice"), 1);
  EXPECT_EQ(g->pel.size(), 1u);
  EXPECT_EQ(g->delete_consumer("alice"), -1);
  // A tombstone after the group's position makes the counter unknowable.
  ASSERT_TRUE(s.erase({4, 0}));
  EXPECT_EQ(s.group_lag(*g), std::nullopt);
  // Redis 7.0 only looks for tombstones after the delivered ID, so the
  // counter just goes up by one and the lag stays 1 (redis-server 7.0.15
  // answers entries-read 4, lag 1 to the same steps).
  s.advance_group(*g, {5, 0});
  EXPECT_EQ(g->entries_read, 4);
  EXPECT_EQ(s.group_lag(*g), 1);
  EXPECT_TRUE(s.destroy_group("g"));
  EXPECT_FALSE(s.destroy_group("g"));
}

// XSETID ENTRIESADDED and XGROUP ... ENTRIESREAD may set counters anywhere in
// their range; lag and the read counter wrap as Redis's long long arithmetic
// does instead of overflowing (UBSan checks this under the sanitizer pass).
TEST(StreamValue, LagWithExtremeCountersWraps) {
  StreamValue s;
  append(s, {1, 0}, {{"f", "v"}});
  s.set_entries_added(UINT64_MAX - 5);
  StreamGroup* g = s.create_group("g", StreamID{}, -20);
  ASSERT_NE(g, nullptr);
  g->entries_read = INT64_MIN + 3;
  EXPECT_EQ(s.group_lag(*g),
            static_cast<int64_t>((UINT64_MAX - 5) - static_cast<uint64_t>(INT64_MIN + 3)));
  g->entries_read = INT64_MAX;
  s.advance_group(*g, {1, 0});
  EXPECT_EQ(g->entries_read, INT64_MIN);
}

}  // namespace
}  // namespace ironkv::store
