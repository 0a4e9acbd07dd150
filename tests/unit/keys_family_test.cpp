// Generic key commands (core/commands/keys_family.cpp) run through the real dispatcher
// with a manual clock. Expected bytes were checked against redis-server 7.0.15.
//
// Data is put in place directly through the keyspace, so these tests do not depend on
// the string or collection families.

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/store/keyspace.h"
#include "core/store/value.h"
#include "harness.h"

namespace ironkv::test {
namespace {

using store::Encoding;
using store::ObjType;
using store::Value;

constexpr int64_t kNow = 1'700'000'000'000;  // ManualClock's start

// A stand-in collection, so generic commands can be tested on every type before the
// data-type families exist.
class TestCollection final : public store::Collection {
 public:
  TestCollection(ObjType t, Encoding e, std::vector<std::string> items = {})
      : type_(t), enc_(e), items(std::move(items)) {}
  ObjType type() const override { return type_; }
  Encoding encoding() const override { return enc_; }
  std::unique_ptr<Collection> clone() const override {
    return std::make_unique<TestCollection>(type_, enc_, items);
  }
  size_t memory_bytes() const override { return items.size() * 16; }
  size_t element_count() const override { return items.size(); }

  ObjType type_;
  Encoding enc_;
  std::vector<std::string> items;
};

Value coll(ObjType t, Encoding e, std::vector<std::string> items = {"x"}) {
  return Value::collection(std::make_unique<TestCollection>(t, e, std::move(items)));
}

// Test-side helpers on the keyspace.
void put(Harness& h, std::string_view key, std::string_view v, int db = 0) {
  h.keyspace.db(db).set(key, Value::string(v));
}
void put_ttl(Harness& h, std::string_view key, std::string_view v, int64_t ttl_ms, int db = 0) {
  put(h, key, v, db);
  h.keyspace.db(db).set_expire(key, h.clock.now_ms() + ttl_ms);
}
bool present(Harness& h, std::string_view key, int db = 0) {
  return h.keyspace.db(db).dict().find(key) != nullptr;
}
std::string str_of(Harness& h, std::string_view key, int db = 0) {
  auto* n = h.keyspace.db(db).dict().find(key);
  if (n == nullptr) return "<missing>";
  store::IntBuf buf;
  return std::string(n->value.str(buf));
}

// Minimal RESP reader for the array replies of KEYS and SCAN.
int64_t read_len(const std::string& r, size_t& pos, char prefix) {
  EXPECT_EQ(r.at(pos), prefix) << r;
  size_t end = r.find("\r\n", pos);
  int64_t n = std::stoll(r.substr(pos + 1, end - pos - 1));
  pos = end + 2;
  return n;
}
std::string read_bulk(const std::string& r, size_t& pos) {
  auto n = static_cast<size_t>(read_len(r, pos, '$'));
  std::string s = r.substr(pos, n);
  pos += n + 2;
  return s;
}
std::vector<std::string> read_bulk_array(const std::string& r, size_t& pos) {
  int64_t n = read_len(r, pos, '*');
  std::vector<std::string> out;
  for (int64_t i = 0; i < n; ++i) out.push_back(read_bulk(r, pos));
  return out;
}
std::vector<std::string> sorted_keys(const std::string& r) {
  size_t pos = 0;
  auto v = read_bulk_array(r, pos);
  std::sort(v.begin(), v.end());
  EXPECT_EQ(pos, r.size());
  return v;
}

struct ScanPage {
  std::string cursor;
  std::vector<std::string> keys;
};
ScanPage parse_scan(const std::string& r) {
  size_t pos = 0;
  ScanPage p;
  EXPECT_EQ(read_len(r, pos, '*'), 2) << r;
  p.cursor = read_bulk(r, pos);
  p.keys = read_bulk_array(r, pos);
  EXPECT_EQ(pos, r.size());
  return p;
}

// Full SCAN iteration with the given options; returns every key seen.
std::multiset<std::string> scan_all(Harness& h, std::vector<std::string> opts = {}) {
  std::multiset<std::string> seen;
  std::string cursor = "0";
  int guard = 0;
  do {
    std::vector<std::string> argv{"SCAN", cursor};
    argv.insert(argv.end(), opts.begin(), opts.end());
    ScanPage p = parse_scan(h.run(argv));
    seen.insert(p.keys.begin(), p.keys.end());
    cursor = p.cursor;
  } while (cursor != "0" && ++guard < 1'000'000);
  return seen;
}

// ---- DEL UNLINK EXISTS TOUCH TYPE -------------------------------------------

TEST(KeysFamily, DelCountsDeletedKeysOnce) {
  Harness h;
  put(h, "a", "1");
  put(h, "b", "2");
  h.keyspace.db(0).set("l", coll(ObjType::kList, Encoding::kQuicklist));
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"DEL", "a", "a", "b", "missing"}), integer(2));
  EXPECT_EQ(h.keyspace.dirty() - dirty, 2u);
  EXPECT_FALSE(present(h, "a"));
  EXPECT_FALSE(present(h, "b"));
  EXPECT_EQ(h.run({"del", "l"}), integer(1));
  EXPECT_EQ(h.run({"DEL", "l"}), integer(0));
  EXPECT_EQ(h.run({"DEL"}), error("ERR wrong number of arguments for 'del' command"));
}

TEST(KeysFamily, UnlinkIsDelWithItsOwnName) {
  Harness h;
  put(h, "a", "1");
  h.keyspace.db(0).set("s", coll(ObjType::kSet, Encoding::kHashtable,
                                 std::vector<std::string>(500, "m")));
  EXPECT_EQ(h.run({"UNLINK", "a", "s", "zz"}), integer(2));
  EXPECT_EQ(h.keyspace.db(0).size(), 0u);
  EXPECT_EQ(h.run({"UNLINK"}), error("ERR wrong number of arguments for 'unlink' command"));
}

TEST(KeysFamily, DelDoesNotCountAnExpiredKey) {
  Harness h;
  put_ttl(h, "k", "v", 1000);
  h.advance_ms(1000);
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"DEL", "k"}), integer(0));
  EXPECT_EQ(h.keyspace.dirty(), dirty);
  EXPECT_FALSE(present(h, "k"));
  EXPECT_EQ(h.keyspace.stats().expired_keys, 1u);
}

TEST(KeysFamily, ExistsCountsRepeatsAndStats) {
  Harness h;
  put(h, "a", "1");
  put(h, "b", "2");
  EXPECT_EQ(h.run({"EXISTS", "a", "b", "b", "c"}), integer(3));
  EXPECT_EQ(h.keyspace.stats().keyspace_hits, 3u);
  EXPECT_EQ(h.keyspace.stats().keyspace_misses, 1u);
  EXPECT_EQ(h.run({"EXISTS", "nope"}), integer(0));
  EXPECT_EQ(h.run({"EXISTS"}), error("ERR wrong number of arguments for 'exists' command"));
}

TEST(KeysFamily, ExistsAppliesLazyExpiry) {
  Harness h;
  put_ttl(h, "k", "v", 1500);
  h.advance_ms(1499);
  EXPECT_EQ(h.run({"EXISTS", "k"}), integer(1));
  h.advance_ms(1);
  EXPECT_EQ(h.run({"EXISTS", "k"}), integer(0));
  EXPECT_FALSE(present(h, "k"));
}

TEST(KeysFamily, TypeOfEveryKind) {
  Harness h;
  put(h, "s", "v");
  put(h, "i", "123");
  auto& db = h.keyspace.db(0);
  db.set("l", coll(ObjType::kList, Encoding::kQuicklist));
  db.set("st", coll(ObjType::kSet, Encoding::kIntset));
  db.set("z", coll(ObjType::kZSet, Encoding::kSkiplist));
  db.set("h", coll(ObjType::kHash, Encoding::kListpack));
  EXPECT_EQ(h.run({"TYPE", "s"}), simple("string"));
  EXPECT_EQ(h.run({"TYPE", "i"}), simple("string"));
  EXPECT_EQ(h.run({"TYPE", "l"}), simple("list"));
  EXPECT_EQ(h.run({"TYPE", "st"}), simple("set"));
  EXPECT_EQ(h.run({"TYPE", "z"}), simple("zset"));
  EXPECT_EQ(h.run({"TYPE", "h"}), simple("hash"));
  EXPECT_EQ(h.run({"TYPE", "nope"}), simple("none"));
  EXPECT_EQ(h.run({"TYPE"}), error("ERR wrong number of arguments for 'type' command"));
  EXPECT_EQ(h.run({"TYPE", "a", "b"}), error("ERR wrong number of arguments for 'type' command"));
}

TEST(KeysFamily, TouchCountsAndUpdatesAccessTime) {
  Harness h;
  put(h, "a", "1");
  put(h, "b", "2");
  h.advance_ms(10'000);
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "a"}), integer(10));
  EXPECT_EQ(h.run({"TOUCH", "a", "zz", "a"}), integer(2));
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "a"}), integer(0));
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "b"}), integer(10));
  EXPECT_EQ(h.run({"TOUCH"}), error("ERR wrong number of arguments for 'touch' command"));
}

// ---- KEYS -------------------------------------------------------------------

TEST(KeysFamily, KeysPatterns) {
  Harness h;
  for (std::string_view k : {"hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo", "h?llo",
                             "h[a]llo", "other"}) {
    put(h, k, "v");
  }
  using V = std::vector<std::string>;
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "*"})).size(), 9u);
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h?llo"})), (V{"h*llo", "h?llo", "hallo", "hello", "hxllo"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h*llo"})),
            (V{"h*llo", "h?llo", "h[a]llo", "hallo", "heeeello", "hello", "hllo", "hxllo"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h[ae]llo"})), (V{"hallo", "hello"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h[^e]llo"})), (V{"h*llo", "h?llo", "hallo", "hxllo"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h[a-f]llo"})), (V{"hallo", "hello"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h[f-a]llo"})), (V{"hallo", "hello"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h\\*llo"})), (V{"h*llo"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h\\?llo"})), (V{"h?llo"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h\\[a\\]llo"})), (V{"h[a]llo"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "h[\\*]llo"})), (V{"h*llo"}));
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "HELLO"})), V{});
  EXPECT_EQ(h.run({"KEYS", "oth*"}), bulks({"other"}));
  EXPECT_EQ(h.run({"KEYS", "nomatch*"}), "*0\r\n");
  EXPECT_EQ(h.run({"KEYS"}), error("ERR wrong number of arguments for 'keys' command"));
  EXPECT_EQ(h.run({"KEYS", "a", "b"}), error("ERR wrong number of arguments for 'keys' command"));
}

TEST(KeysFamily, KeysStarMatchesTheEmptyKeyAndBinaryKeys) {
  Harness h;
  put(h, "", "empty");
  put(h, std::string_view("a\0b", 3), "bin");
  EXPECT_EQ(sorted_keys(h.run({"KEYS", "*"})),
            (std::vector<std::string>{"", std::string("a\0b", 3)}));
  EXPECT_EQ(h.run({"KEYS", "a?b"}), bulks({std::string_view("a\0b", 3)}));
}

TEST(KeysFamily, KeysSkipsButDoesNotDeleteExpiredKeys) {
  Harness h;
  put(h, "live", "v");
  put_ttl(h, "dead", "v", 100);
  h.advance_ms(100);
  EXPECT_EQ(h.run({"KEYS", "*"}), bulks({"live"}));
  EXPECT_EQ(h.keyspace.db(0).size(), 2u);  // like Redis: KEYS only filters
}

// ---- SCAN -------------------------------------------------------------------

TEST(KeysFamily, ScanReplyShape) {
  Harness h;
  EXPECT_EQ(h.run({"SCAN", "0"}), array({bulk("0"), "*0\r\n"}));
  put(h, "k", "v");
  EXPECT_EQ(h.run({"SCAN", "0"}), array({bulk("0"), bulks({"k"})}));
  EXPECT_EQ(h.run({"scan", "0", "match", "k", "count", "5", "type", "string"}),
            array({bulk("0"), bulks({"k"})}));
}

TEST(KeysFamily, ScanCursorParsingLikeStrtoul) {
  Harness h;
  put(h, "k", "v");
  for (int i = 0; i < 40; ++i) put(h, "k" + std::to_string(i), "v");
  // A finished rehash keeps bucket contents and order fixed between the calls compared.
  while (h.keyspace.db(0).dict().rehash_step(100)) {
  }
  // Accepted as Redis accepts them; each must mean the same cursor as its plain form.
  const std::pair<std::string_view, std::string_view> same[] = {
      {"", "0"},
      {"+0", "0"},
      {"-0", "0"},
      {"007", "7"},
      {"+5", "5"},
      {"-1", "18446744073709551615"},
      {"-18446744073709551615", "1"},
      {std::string_view("0\0abc", 5), "0"},  // read as a C string: it ends at the NUL
      {std::string_view("3\0", 2), "3"},
  };
  for (auto [odd, plain] : same) {
    std::string want = h.run({"SCAN", plain});
    ASSERT_EQ(want.rfind("*2\r\n", 0), 0u) << plain;
    EXPECT_EQ(h.run({"SCAN", odd}), want) << odd;
  }
  const std::string bad = error("ERR invalid cursor");
  for (std::string_view cur : {" 0", "\t0", "0 ", "0x", "abc", "+", "-", "1.5",
                               "18446744073709551616", "-18446744073709551616"}) {
    EXPECT_EQ(h.run({"SCAN", cur}), bad) << cur;
  }
  // The cursor is checked before the options.
  EXPECT_EQ(h.run({"SCAN", "x", "COUNT", "0"}), bad);
}

TEST(KeysFamily, ScanOptionErrors) {
  Harness h;
  put(h, "k", "v");
  EXPECT_EQ(h.run({"SCAN", "0", "COUNT", "0"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SCAN", "0", "COUNT", "-1"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SCAN", "0", "COUNT", "abc"}),
            error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"SCAN", "0", "COUNT"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SCAN", "0", "MATCH"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SCAN", "0", "TYPE"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SCAN", "0", "foo"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SCAN", "0", "foo", "bar"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SCAN"}), error("ERR wrong number of arguments for 'scan' command"));
  // Unknown type names filter everything; a repeated option takes the last value.
  EXPECT_EQ(h.run({"SCAN", "0", "TYPE", "foo"}), array({bulk("0"), "*0\r\n"}));
  EXPECT_EQ(h.run({"SCAN", "0", "TYPE", "string", "TYPE", "list"}), array({bulk("0"), "*0\r\n"}));
  EXPECT_EQ(h.run({"SCAN", "0", "TYPE", "STRING"}), array({bulk("0"), bulks({"k"})}));
  EXPECT_EQ(h.run({"SCAN", "0", "MATCH", "x", "MATCH", "*"}), array({bulk("0"), bulks({"k"})}));
}

TEST(KeysFamily, ScanReturnsEveryKeyExactlyOnceOnAStableTable) {
  Harness h;
  for (int i = 0; i < 1000; ++i) put(h, "key:" + std::to_string(i), "v");
  for (std::string count : {"1", "10", "7", "1000", "100000"}) {
    auto seen = scan_all(h, {"COUNT", count});
    EXPECT_EQ(seen.size(), 1000u) << count;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 1000u) << count;
  }
}

TEST(KeysFamily, ScanGuaranteeWhileOtherKeysComeAndGo) {
  Harness h;
  constexpr int kStable = 10'000;
  for (int i = 0; i < kStable; ++i) put(h, "stable:" + std::to_string(i), "v");

  std::unordered_set<std::string> seen;
  std::vector<std::string> churn;
  std::string cursor = "0";
  int calls = 0;
  int next_tmp = 0;
  auto& dict = h.keyspace.db(0).dict();
  const size_t buckets_at_start = dict.bucket_count();
  size_t max_buckets = buckets_at_start;
  bool saw_rehash = false;
  do {
    ScanPage p = parse_scan(h.run({"SCAN", cursor, "COUNT", "50"}));
    seen.insert(p.keys.begin(), p.keys.end());
    cursor = p.cursor;
    ++calls;
    saw_rehash = saw_rehash || dict.is_rehashing();
    max_buckets = std::max(max_buckets, dict.bucket_count());
    // First grow the table hard (forcing resizes mid-scan), then shrink it back.
    if (calls < 60) {
      for (int j = 0; j < 500; ++j) {
        churn.push_back("tmp:" + std::to_string(next_tmp++));
        put(h, churn.back(), "t");
      }
    } else if (!churn.empty()) {
      for (int j = 0; j < 700 && !churn.empty(); ++j) {
        EXPECT_EQ(h.run({"DEL", churn.back()}), integer(1));
        churn.pop_back();
      }
    }
    // And some deletes of keys inserted earlier in the scan, mid-way.
    if (calls % 7 == 0 && churn.size() > 10) {
      h.keyspace.db(0).erase(churn.front());
      churn.erase(churn.begin());
    }
  } while (cursor != "0" && calls < 1'000'000);

  ASSERT_EQ(cursor, "0");
  EXPECT_GT(calls, 60);
  EXPECT_TRUE(saw_rehash);
  EXPECT_GE(max_buckets, 4 * buckets_at_start);
  for (int i = 0; i < kStable; ++i) {
    ASSERT_TRUE(seen.count("stable:" + std::to_string(i))) << i;
  }
}

TEST(KeysFamily, ScanGuaranteeAcrossShrink) {
  Harness h;
  auto& dict = h.keyspace.db(0).dict();
  for (int i = 0; i < 10'000; ++i) put(h, "k" + std::to_string(i), "v");
  const size_t buckets_at_start = dict.bucket_count();
  std::unordered_set<std::string> seen;
  std::string cursor = "0";
  int deleted = 0;
  bool saw_rehash = false;
  do {
    ScanPage p = parse_scan(h.run({"SCAN", cursor, "COUNT", "20"}));
    seen.insert(p.keys.begin(), p.keys.end());
    cursor = p.cursor;
    saw_rehash = saw_rehash || dict.is_rehashing();
    // Delete 9 keys in 10 quickly, so the table shrinks while the scan is running.
    for (int j = 0; j < 300 && deleted < 9000; ++j, ++deleted) {
      h.keyspace.db(0).erase("k" + std::to_string(1000 + deleted));
    }
  } while (cursor != "0");
  EXPECT_TRUE(saw_rehash);
  EXPECT_LT(dict.bucket_count(), buckets_at_start);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(seen.count("k" + std::to_string(i))) << i;
}

TEST(KeysFamily, ScanMatchAndTypeFilterAfterSampling) {
  Harness h;
  auto& db = h.keyspace.db(0);
  for (int i = 0; i < 200; ++i) put(h, "str:" + std::to_string(i), "v");
  for (int i = 0; i < 50; ++i) {
    db.set("list:" + std::to_string(i), coll(ObjType::kList, Encoding::kQuicklist));
  }
  for (int i = 0; i < 30; ++i) {
    db.set("hash:" + std::to_string(i), coll(ObjType::kHash, Encoding::kHashtable));
  }

  auto lists = scan_all(h, {"TYPE", "list"});
  EXPECT_EQ(lists.size(), 50u);
  for (const auto& k : lists) EXPECT_EQ(k.rfind("list:", 0), 0u) << k;
  EXPECT_EQ(scan_all(h, {"TYPE", "HASH", "COUNT", "3"}).size(), 30u);
  EXPECT_EQ(scan_all(h, {"TYPE", "string"}).size(), 200u);
  EXPECT_EQ(scan_all(h, {"TYPE", "zset"}).size(), 0u);

  auto ones = scan_all(h, {"MATCH", "str:1*", "COUNT", "13"});
  EXPECT_EQ(ones.size(), 111u);  // 1, 10-19, 100-199
  EXPECT_EQ(scan_all(h, {"MATCH", "*:1?", "TYPE", "list"}).size(), 10u);

  // MATCH filters the sample, it does not look further: a page can be empty although
  // the iteration is not finished.
  ScanPage p = parse_scan(h.run({"SCAN", "0", "MATCH", "nothing", "COUNT", "1"}));
  EXPECT_TRUE(p.keys.empty());
  EXPECT_NE(p.cursor, "0");
}

TEST(KeysFamily, ScanSkipsAndDeletesExpiredKeys) {
  Harness h;
  for (int i = 0; i < 100; ++i) put(h, "live" + std::to_string(i), "v");
  for (int i = 0; i < 100; ++i) put_ttl(h, "dead" + std::to_string(i), "v", 1000);
  h.advance_ms(1000);
  auto seen = scan_all(h);
  EXPECT_EQ(seen.size(), 100u);
  for (const auto& k : seen) EXPECT_EQ(k.rfind("live", 0), 0u) << k;
  EXPECT_EQ(h.keyspace.db(0).size(), 100u);
  EXPECT_EQ(h.keyspace.stats().expired_keys, 100u);

  put_ttl(h, "gone", "v", 10);
  h.advance_ms(10);
  EXPECT_EQ(scan_all(h, {"TYPE", "none"}).size(), 0u);
}

TEST(KeysFamily, ScanUsesTheSelectedDatabase) {
  Harness h;
  put(h, "zero", "v", 0);
  put(h, "three", "v", 3);
  EXPECT_EQ(h.run({"SELECT", "3"}), ok());
  EXPECT_EQ(h.run({"SCAN", "0"}), array({bulk("0"), bulks({"three"})}));
  EXPECT_EQ(h.run({"KEYS", "*"}), bulks({"three"}));
}

// ---- RANDOMKEY --------------------------------------------------------------

TEST(KeysFamily, RandomKey) {
  Harness h;
  EXPECT_EQ(h.run({"RANDOMKEY"}), nil());
  put(h, "only", "v");
  EXPECT_EQ(h.run({"RANDOMKEY"}), bulk("only"));
  put_ttl(h, "t", "v", 5);
  h.advance_ms(5);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(h.run({"RANDOMKEY"}), bulk("only"));
  EXPECT_EQ(h.run({"DEL", "only"}), integer(1));
  EXPECT_EQ(h.run({"RANDOMKEY"}), nil());
  EXPECT_EQ(h.keyspace.db(0).size(), 0u);
  EXPECT_EQ(h.run({"RANDOMKEY", "x"}),
            error("ERR wrong number of arguments for 'randomkey' command"));

  for (int i = 0; i < 50; ++i) put(h, "k" + std::to_string(i), "v");
  std::set<std::string> got;
  for (int i = 0; i < 500; ++i) {
    std::string r = h.run({"RANDOMKEY"});
    size_t pos = 0;
    got.insert(read_bulk(r, pos));
  }
  EXPECT_GT(got.size(), 10u);
}

// ---- RENAME RENAMENX --------------------------------------------------------

TEST(KeysFamily, RenameBasicsAndErrors) {
  Harness h;
  EXPECT_EQ(h.run({"RENAME", "missing", "x"}), error("ERR no such key"));
  EXPECT_EQ(h.run({"RENAME", "missing", "missing"}), error("ERR no such key"));
  put(h, "a", "1");
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"RENAME", "a", "a"}), ok());
  EXPECT_EQ(h.keyspace.dirty(), dirty);
  EXPECT_EQ(h.run({"RENAME", "a", "b"}), ok());
  EXPECT_EQ(h.keyspace.dirty(), dirty + 1);
  EXPECT_FALSE(present(h, "a"));
  EXPECT_EQ(str_of(h, "b"), "1");
  put(h, "c", "3");
  EXPECT_EQ(h.run({"RENAME", "c", "b"}), ok());  // overwrites
  EXPECT_EQ(str_of(h, "b"), "3");
  EXPECT_EQ(h.keyspace.db(0).size(), 1u);
  EXPECT_EQ(h.run({"RENAME", "b"}), error("ERR wrong number of arguments for 'rename' command"));
}

TEST(KeysFamily, RenameMovesTheTtlAndDropsTheTargetsTtl) {
  Harness h;
  put_ttl(h, "src", "v", 5000);
  put_ttl(h, "dst", "old", 100'000);
  EXPECT_EQ(h.run({"RENAME", "src", "dst"}), ok());
  EXPECT_EQ(h.run({"PTTL", "dst"}), integer(5000));
  EXPECT_EQ(h.keyspace.db(0).expires_size(), 1u);

  put(h, "plain", "p");
  EXPECT_EQ(h.run({"RENAME", "plain", "dst"}), ok());
  EXPECT_EQ(h.run({"TTL", "dst"}), integer(-1));
  EXPECT_EQ(h.keyspace.db(0).expires_size(), 0u);
}

TEST(KeysFamily, RenameOfAnExpiredKeyIsNoSuchKey) {
  Harness h;
  put_ttl(h, "k", "v", 10);
  h.advance_ms(10);
  EXPECT_EQ(h.run({"RENAME", "k", "x"}), error("ERR no such key"));
  EXPECT_EQ(h.run({"RENAMENX", "k", "x"}), error("ERR no such key"));
  EXPECT_FALSE(present(h, "x"));
}

TEST(KeysFamily, RenameAnyType) {
  Harness h;
  h.keyspace.db(0).set("z", coll(ObjType::kZSet, Encoding::kListpack, {"m1", "m2"}));
  EXPECT_EQ(h.run({"RENAME", "z", "z2"}), ok());
  EXPECT_EQ(h.run({"TYPE", "z2"}), simple("zset"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "z2"}), bulk("listpack"));
  auto* n = h.keyspace.db(0).dict().find("z2");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->value.as<TestCollection>()->items, (std::vector<std::string>{"m1", "m2"}));
}

TEST(KeysFamily, RenameNx) {
  Harness h;
  EXPECT_EQ(h.run({"RENAMENX", "missing", "missing"}), error("ERR no such key"));
  put(h, "a", "1");
  put(h, "b", "2");
  EXPECT_EQ(h.run({"RENAMENX", "a", "a"}), integer(0));
  EXPECT_EQ(h.run({"RENAMENX", "a", "b"}), integer(0));
  EXPECT_EQ(str_of(h, "a"), "1");
  EXPECT_EQ(str_of(h, "b"), "2");
  h.keyspace.db(0).set_expire("a", kNow + 3000);
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"RENAMENX", "a", "c"}), integer(1));
  EXPECT_EQ(h.keyspace.dirty(), dirty + 1);
  EXPECT_EQ(str_of(h, "c"), "1");
  EXPECT_EQ(h.run({"PTTL", "c"}), integer(3000));
  EXPECT_FALSE(present(h, "a"));
  // An expired target does not block RENAMENX.
  put_ttl(h, "d", "old", 1);
  h.advance_ms(1);
  EXPECT_EQ(h.run({"RENAMENX", "b", "d"}), integer(1));
  EXPECT_EQ(str_of(h, "d"), "2");
}

// ---- COPY -------------------------------------------------------------------

TEST(KeysFamily, CopyBasicsKeepsTtlAndEncoding) {
  Harness h;
  put_ttl(h, "src", "hello", 7000);
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"COPY", "src", "dst"}), integer(1));
  EXPECT_EQ(h.keyspace.dirty(), dirty + 1);
  EXPECT_EQ(str_of(h, "dst"), "hello");
  EXPECT_EQ(str_of(h, "src"), "hello");
  EXPECT_EQ(h.run({"PTTL", "dst"}), integer(7000));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "dst"}), bulk("embstr"));
  EXPECT_EQ(h.run({"COPY", "src", "dst"}), integer(0));  // exists, no REPLACE
  EXPECT_EQ(h.run({"COPY", "missing", "dst2"}), integer(0));
  EXPECT_FALSE(present(h, "dst2"));

  h.keyspace.db(0).set("raw", Value::raw_string("abc"));
  EXPECT_EQ(h.run({"COPY", "raw", "raw2"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "raw2"}), bulk("raw"));
  put(h, "num", "12345");
  EXPECT_EQ(h.run({"COPY", "num", "num2"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "num2"}), bulk("int"));
  EXPECT_EQ(h.run({"TTL", "num2"}), integer(-1));
}

TEST(KeysFamily, CopyReplaceAndDb) {
  Harness h;
  put(h, "src", "new");
  put_ttl(h, "dst", "old", 9000);
  EXPECT_EQ(h.run({"COPY", "src", "dst", "REPLACE"}), integer(1));
  EXPECT_EQ(str_of(h, "dst"), "new");
  EXPECT_EQ(h.run({"TTL", "dst"}), integer(-1));  // the target's TTL went with it
  EXPECT_EQ(h.run({"COPY", "src", "dst", "replace", "REPLACE"}), integer(1));

  // Same name, other database.
  EXPECT_EQ(h.run({"COPY", "src", "src", "DB", "5"}), integer(1));
  EXPECT_EQ(str_of(h, "src", 5), "new");
  EXPECT_EQ(h.run({"COPY", "src", "src", "db", "5"}), integer(0));
  put(h, "src", "newer");
  EXPECT_EQ(h.run({"COPY", "src", "src", "REPLACE", "db", "5"}), integer(1));
  EXPECT_EQ(str_of(h, "src", 5), "newer");

  // DB names the destination; the source is the selected database.
  EXPECT_EQ(h.run({"SELECT", "5"}), ok());
  EXPECT_EQ(h.run({"COPY", "src", "x", "DB", "0"}), integer(1));
  EXPECT_EQ(str_of(h, "x", 0), "newer");
  EXPECT_FALSE(present(h, "x", 5));
}

TEST(KeysFamily, CopyErrors) {
  Harness h;
  put(h, "k", "v");
  EXPECT_EQ(h.run({"COPY", "k", "k"}), error("ERR source and destination objects are the same"));
  EXPECT_EQ(h.run({"COPY", "missing", "missing"}),
            error("ERR source and destination objects are the same"));
  EXPECT_EQ(h.run({"COPY", "k", "k", "DB", "0"}),
            error("ERR source and destination objects are the same"));
  EXPECT_EQ(h.run({"COPY", "k", "k2", "DB", "abc"}),
            error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"COPY", "k", "k2", "DB", "99999999999"}),
            error("ERR value is out of range, value must between -2147483648 and 2147483647"));
  EXPECT_EQ(h.run({"COPY", "k", "k2", "DB", "16"}), error("ERR DB index is out of range"));
  EXPECT_EQ(h.run({"COPY", "k", "k2", "DB", "-1"}), error("ERR DB index is out of range"));
  EXPECT_EQ(h.run({"COPY", "k", "k2", "DB"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"COPY", "k", "k2", "foo"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"COPY", "k", "k2", "DB", "0", "foo"}), error("ERR syntax error"));
  // Options are read in order: the bad integer is met before the bad word.
  EXPECT_EQ(h.run({"COPY", "k", "k2", "DB", "abc", "foo"}),
            error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"COPY", "k"}), error("ERR wrong number of arguments for 'copy' command"));
  EXPECT_FALSE(present(h, "k2"));
}

TEST(KeysFamily, CopyClonesCollections) {
  Harness h;
  h.keyspace.db(0).set("l", coll(ObjType::kList, Encoding::kQuicklist, {"a", "b"}));
  h.keyspace.db(0).set_expire("l", kNow + 60'000);
  EXPECT_EQ(h.run({"COPY", "l", "l2", "DB", "1"}), integer(1));
  auto* orig = h.keyspace.db(0).dict().find("l");
  auto* copy = h.keyspace.db(1).dict().find("l2");
  ASSERT_NE(orig, nullptr);
  ASSERT_NE(copy, nullptr);
  EXPECT_NE(orig->value.coll(), copy->value.coll());
  orig->value.as<TestCollection>()->items.push_back("c");
  EXPECT_EQ(copy->value.as<TestCollection>()->items, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(h.keyspace.db(1).expire_of("l2"), kNow + 60'000);
  EXPECT_EQ(h.run({"SELECT", "1"}), ok());
  EXPECT_EQ(h.run({"TYPE", "l2"}), simple("list"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "l2"}), bulk("quicklist"));
}

TEST(KeysFamily, CopyOfExpiredSourceOrOntoExpiredTarget) {
  Harness h;
  put_ttl(h, "dead", "v", 10);
  put_ttl(h, "dead_dst", "v", 10);
  put(h, "live", "v");
  h.advance_ms(10);
  EXPECT_EQ(h.run({"COPY", "dead", "x"}), integer(0));
  EXPECT_EQ(h.run({"COPY", "live", "dead_dst"}), integer(1));
  EXPECT_EQ(h.run({"TTL", "dead_dst"}), integer(-1));
}

// ---- MOVE -------------------------------------------------------------------

TEST(KeysFamily, MoveKeepsTtlAndValue) {
  Harness h;
  put_ttl(h, "k", "v", 4000);
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"MOVE", "k", "2"}), integer(1));
  EXPECT_EQ(h.keyspace.dirty(), dirty + 1);
  EXPECT_FALSE(present(h, "k", 0));
  EXPECT_EQ(str_of(h, "k", 2), "v");
  EXPECT_EQ(h.keyspace.db(2).expire_of("k"), kNow + 4000);
  EXPECT_EQ(h.keyspace.db(0).expires_size(), 0u);

  h.keyspace.db(0).set("h", coll(ObjType::kHash, Encoding::kHashtable, {"f", "v"}));
  EXPECT_EQ(h.run({"MOVE", "h", "15"}), integer(1));
  EXPECT_EQ(h.keyspace.db(15).dict().find("h")->value.type(), ObjType::kHash);
  EXPECT_EQ(h.run({"TTL", "h"}), integer(-2));
}

TEST(KeysFamily, MoveWhenMissingOrPresentInTarget) {
  Harness h;
  EXPECT_EQ(h.run({"MOVE", "missing", "1"}), integer(0));
  put(h, "k", "here");
  put(h, "k", "there", 1);
  EXPECT_EQ(h.run({"MOVE", "k", "1"}), integer(0));
  EXPECT_EQ(str_of(h, "k", 0), "here");
  EXPECT_EQ(str_of(h, "k", 1), "there");
  // An expired key in the target does not block the move.
  put_ttl(h, "e", "old", 1, 1);
  put(h, "e", "new");
  h.advance_ms(1);
  EXPECT_EQ(h.run({"MOVE", "e", "1"}), integer(1));
  EXPECT_EQ(str_of(h, "e", 1), "new");
  EXPECT_EQ(h.keyspace.db(1).expire_of("e"), -1);
}

TEST(KeysFamily, MoveErrors) {
  Harness h;
  put(h, "k", "v");
  EXPECT_EQ(h.run({"MOVE", "k", "0"}), error("ERR source and destination objects are the same"));
  EXPECT_EQ(h.run({"MOVE", "missing", "0"}),
            error("ERR source and destination objects are the same"));
  EXPECT_EQ(h.run({"MOVE", "k", "abc"}), error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"MOVE", "k", "99999999999"}),
            error("ERR value is out of range, value must between -2147483648 and 2147483647"));
  EXPECT_EQ(h.run({"MOVE", "k", "16"}), error("ERR DB index is out of range"));
  EXPECT_EQ(h.run({"MOVE", "k", "-1"}), error("ERR DB index is out of range"));
  EXPECT_EQ(h.run({"MOVE", "k"}), error("ERR wrong number of arguments for 'move' command"));
  EXPECT_EQ(h.run({"SELECT", "3"}), ok());
  EXPECT_EQ(h.run({"MOVE", "k", "3"}), error("ERR source and destination objects are the same"));
  EXPECT_TRUE(present(h, "k", 0));
}

// ---- EXPIRE family ----------------------------------------------------------

TEST(KeysFamily, ExpireSetsAndLazilyExpires) {
  Harness h;
  put(h, "k", "v");
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"EXPIRE", "k", "10"}), integer(1));
  EXPECT_EQ(h.keyspace.dirty(), dirty + 1);
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), kNow + 10'000);
  EXPECT_EQ(h.run({"PEXPIRE", "k", "2500"}), integer(1));
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), kNow + 2500);
  EXPECT_EQ(h.run({"EXPIREAT", "k", std::to_string(kNow / 1000 + 100)}), integer(1));
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), kNow + 100'000);
  EXPECT_EQ(h.run({"PEXPIREAT", "k", std::to_string(kNow + 1234)}), integer(1));
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), kNow + 1234);
  h.advance_ms(1233);
  EXPECT_EQ(h.run({"EXISTS", "k"}), integer(1));
  h.advance_ms(1);
  EXPECT_EQ(h.run({"EXISTS", "k"}), integer(0));
  EXPECT_EQ(h.run({"EXPIRE", "k", "10"}), integer(0));
  EXPECT_EQ(h.run({"EXPIRE", "missing", "10"}), integer(0));
  EXPECT_EQ(h.run({"PEXPIRE", "missing", "10", "NX"}), integer(0));
}

TEST(KeysFamily, ExpireInThePastDeletes) {
  Harness h;
  for (std::vector<std::string> cmd :
       {std::vector<std::string>{"EXPIRE", "k", "0"}, {"EXPIRE", "k", "-5"},
        {"PEXPIRE", "k", "0"}, {"PEXPIRE", "k", "-9223372036854775808"},
        {"EXPIREAT", "k", "1"}, {"PEXPIREAT", "k", std::to_string(kNow)},
        {"EXPIREAT", "k", "-9223372036854775"}}) {
    put(h, "k", "v");
    uint64_t dirty = h.keyspace.dirty();
    EXPECT_EQ(h.run(cmd), integer(1)) << cmd[0] << " " << cmd[2];
    EXPECT_FALSE(present(h, "k")) << cmd[0] << " " << cmd[2];
    EXPECT_EQ(h.keyspace.dirty(), dirty + 1);
  }
  EXPECT_EQ(h.keyspace.db(0).expires_size(), 0u);
  EXPECT_EQ(h.keyspace.stats().expired_keys, 0u);  // an explicit delete, not an expiry
}

TEST(KeysFamily, ExpireOverflowErrorsNameTheCommand) {
  Harness h;
  put(h, "k", "v");
  EXPECT_EQ(h.run({"EXPIRE", "k", "9223372036854775"}),
            error("ERR invalid expire time in 'expire' command"));
  EXPECT_EQ(h.run({"EXPIRE", "k", "9223372036854776"}),
            error("ERR invalid expire time in 'expire' command"));
  EXPECT_EQ(h.run({"EXPIRE", "k", "-9223372036854776"}),
            error("ERR invalid expire time in 'expire' command"));
  EXPECT_EQ(h.run({"PEXPIRE", "k", "9223372036854775807"}),
            error("ERR invalid expire time in 'pexpire' command"));
  EXPECT_EQ(h.run({"EXPIREAT", "k", "9223372036854776"}),
            error("ERR invalid expire time in 'expireat' command"));
  EXPECT_EQ(h.run({"expireat", "k", "-9223372036854776"}),
            error("ERR invalid expire time in 'expireat' command"));
  EXPECT_TRUE(present(h, "k"));
  // The extremes that still fit are accepted.
  EXPECT_EQ(h.run({"PEXPIREAT", "k", "9223372036854775807"}), integer(1));
  EXPECT_EQ(h.run({"EXPIREAT", "k", "9223372036854775"}), integer(1));
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), 9223372036854775000);
  EXPECT_EQ(h.run({"EXPIRE", "k", "abc"}), error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"EXPIRE", "k", "1.5"}), error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"EXPIRE", "k"}), error("ERR wrong number of arguments for 'expire' command"));
  EXPECT_EQ(h.run({"PEXPIREAT", "k"}),
            error("ERR wrong number of arguments for 'pexpireat' command"));
}

TEST(KeysFamily, ExpireOptionErrors) {
  Harness h;
  put(h, "k", "v");
  const std::string nx = error("ERR NX and XX, GT or LT options at the same time are not compatible");
  const std::string gtlt = error("ERR GT and LT options at the same time are not compatible");
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", "NX", "XX"}), nx);
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", "nx", "gt"}), nx);
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", "LT", "NX"}), nx);
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", "GT", "LT", "NX"}), nx);
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", "GT", "LT"}), gtlt);
  EXPECT_EQ(h.run({"PEXPIRE", "k", "10", "XX", "GT", "LT"}), gtlt);
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", "foo"}), error("ERR Unsupported option foo"));
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", "NX", "foo", "XX"}), error("ERR Unsupported option foo"));
  // Options are checked before the time, and before the key is looked up.
  EXPECT_EQ(h.run({"EXPIRE", "k", "abc", "foo"}), error("ERR Unsupported option foo"));
  EXPECT_EQ(h.run({"EXPIRE", "missing", "10", "NX", "XX"}), nx);
  // The option is printed as a C string, as Redis's %s does.
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", std::string_view("f\0oo", 4)}),
            error("ERR Unsupported option f"));
  EXPECT_EQ(h.keyspace.db(0).expires_size(), 0u);
  // Repeats are fine.
  EXPECT_EQ(h.run({"EXPIRE", "k", "10", "nx", "NX"}), integer(1));
}

struct ExpireCase {
  bool has_ttl;              // key starts with TTL at kNow + 100s
  std::string opts;          // space-free: one option word or two
  int64_t new_at;            // absolute ms
  int64_t reply;
};

TEST(KeysFamily, ExpireConditionMatrix) {
  const int64_t cur = kNow + 100'000;
  const ExpireCase cases[] = {
      // No TTL: infinite. NX and LT apply, XX and GT do not.
      {false, "NX", kNow + 50'000, 1},
      {false, "XX", kNow + 50'000, 0},
      {false, "GT", kNow + 50'000, 0},
      {false, "GT", kNow + 999'999'999, 0},
      {false, "LT", kNow + 999'999'999, 1},
      {false, "XX GT", kNow + 200'000, 0},
      {false, "XX LT", kNow + 50'000, 0},
      // TTL at cur.
      {true, "NX", kNow + 50'000, 0},
      {true, "XX", kNow + 50'000, 1},
      {true, "GT", cur + 1, 1},
      {true, "GT", cur, 0},
      {true, "GT", cur - 1, 0},
      {true, "LT", cur - 1, 1},
      {true, "LT", cur, 0},
      {true, "LT", cur + 1, 0},
      {true, "XX GT", cur + 1, 1},
      {true, "XX LT", cur + 1, 0},
      {true, "xx lt", cur - 1, 1},
      {true, "gT", cur + 5, 1},
      {true, "", cur - 50, 1},
  };
  for (const auto& tc : cases) {
    Harness h;
    put(h, "k", "v");
    if (tc.has_ttl) h.keyspace.db(0).set_expire("k", cur);
    std::vector<std::string> argv{"PEXPIREAT", "k", std::to_string(tc.new_at)};
    if (!tc.opts.empty()) {
      size_t sp = tc.opts.find(' ');
      argv.push_back(tc.opts.substr(0, sp));
      if (sp != std::string::npos) argv.push_back(tc.opts.substr(sp + 1));
    }
    const int64_t before = h.keyspace.db(0).expire_of("k");
    EXPECT_EQ(h.run(argv), integer(tc.reply)) << tc.has_ttl << " " << tc.opts << " " << tc.new_at;
    EXPECT_EQ(h.keyspace.db(0).expire_of("k"), tc.reply == 1 ? tc.new_at : before)
        << tc.has_ttl << " " << tc.opts;
  }
}

TEST(KeysFamily, ExpireConditionsWithAPastTime) {
  Harness h;
  put(h, "k", "v");
  // GT never applies to a key without TTL, so the past time does not delete it.
  EXPECT_EQ(h.run({"EXPIRE", "k", "-1", "GT"}), integer(0));
  EXPECT_EQ(h.run({"EXPIRE", "k", "-1", "XX"}), integer(0));
  EXPECT_TRUE(present(h, "k"));
  EXPECT_EQ(h.run({"EXPIRE", "k", "-1", "LT"}), integer(1));
  EXPECT_FALSE(present(h, "k"));
  put(h, "k", "v");
  EXPECT_EQ(h.run({"EXPIRE", "k", "100"}), integer(1));
  EXPECT_EQ(h.run({"EXPIRE", "k", "-1", "GT"}), integer(0));
  EXPECT_EQ(h.run({"EXPIRE", "k", "-1", "XX", "LT"}), integer(1));
  EXPECT_FALSE(present(h, "k"));
}

// ---- TTL family, PERSIST ----------------------------------------------------

TEST(KeysFamily, TtlAndPttlRounding) {
  Harness h;
  EXPECT_EQ(h.run({"TTL", "missing"}), integer(-2));
  EXPECT_EQ(h.run({"PTTL", "missing"}), integer(-2));
  put(h, "k", "v");
  EXPECT_EQ(h.run({"TTL", "k"}), integer(-1));
  EXPECT_EQ(h.run({"PTTL", "k"}), integer(-1));
  h.keyspace.db(0).set_expire("k", kNow + 1500);
  EXPECT_EQ(h.run({"PTTL", "k"}), integer(1500));
  EXPECT_EQ(h.run({"TTL", "k"}), integer(2));  // (1500 + 500) / 1000
  h.advance_ms(1);
  EXPECT_EQ(h.run({"PTTL", "k"}), integer(1499));
  EXPECT_EQ(h.run({"TTL", "k"}), integer(1));
  h.advance_ms(999);
  EXPECT_EQ(h.run({"PTTL", "k"}), integer(500));
  EXPECT_EQ(h.run({"TTL", "k"}), integer(1));
  h.advance_ms(1);
  EXPECT_EQ(h.run({"PTTL", "k"}), integer(499));
  EXPECT_EQ(h.run({"TTL", "k"}), integer(0));
  h.advance_ms(498);
  EXPECT_EQ(h.run({"PTTL", "k"}), integer(1));
  EXPECT_EQ(h.run({"TTL", "k"}), integer(0));
  h.advance_ms(1);
  EXPECT_EQ(h.run({"PTTL", "k"}), integer(-2));
  EXPECT_EQ(h.run({"TTL", "k"}), integer(-2));
  EXPECT_EQ(h.run({"TTL"}), error("ERR wrong number of arguments for 'ttl' command"));
  EXPECT_EQ(h.run({"PTTL", "a", "b"}), error("ERR wrong number of arguments for 'pttl' command"));
}

TEST(KeysFamily, ExpireTimeAndPExpireTime) {
  Harness h;
  EXPECT_EQ(h.run({"EXPIRETIME", "missing"}), integer(-2));
  EXPECT_EQ(h.run({"PEXPIRETIME", "missing"}), integer(-2));
  put(h, "k", "v");
  EXPECT_EQ(h.run({"EXPIRETIME", "k"}), integer(-1));
  EXPECT_EQ(h.run({"PEXPIRETIME", "k"}), integer(-1));
  h.keyspace.db(0).set_expire("k", kNow + 10'499);
  EXPECT_EQ(h.run({"PEXPIRETIME", "k"}), integer(kNow + 10'499));
  EXPECT_EQ(h.run({"EXPIRETIME", "k"}), integer(kNow / 1000 + 10));
  h.keyspace.db(0).set_expire("k", kNow + 10'500);
  EXPECT_EQ(h.run({"EXPIRETIME", "k"}), integer(kNow / 1000 + 11));
  EXPECT_EQ(h.run({"EXPIREAT", "k", "1800000000"}), integer(1));
  EXPECT_EQ(h.run({"EXPIRETIME", "k"}), integer(1800000000));
  EXPECT_EQ(h.run({"PEXPIRETIME", "k"}), integer(1800000000000));
}

TEST(KeysFamily, TtlReadsDoNotTouchButCountStats) {
  Harness h;
  put_ttl(h, "k", "v", 100'000);
  h.advance_ms(3000);
  auto before = h.keyspace.stats().keyspace_hits;
  h.run({"TTL", "k"});
  h.run({"PTTL", "k"});
  h.run({"EXPIRETIME", "k"});
  h.run({"PEXPIRETIME", "k"});
  h.run({"EXISTS", "k"});
  h.run({"TYPE", "k"});
  h.run({"OBJECT", "ENCODING", "k"});
  EXPECT_EQ(h.keyspace.stats().keyspace_hits - before, 7u);
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "k"}), integer(3));
}

TEST(KeysFamily, Persist) {
  Harness h;
  EXPECT_EQ(h.run({"PERSIST", "missing"}), integer(0));
  put(h, "k", "v");
  EXPECT_EQ(h.run({"PERSIST", "k"}), integer(0));
  h.keyspace.db(0).set_expire("k", kNow + 1000);
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"PERSIST", "k"}), integer(1));
  EXPECT_EQ(h.keyspace.dirty(), dirty + 1);
  EXPECT_EQ(h.run({"TTL", "k"}), integer(-1));
  EXPECT_EQ(h.run({"PERSIST", "k"}), integer(0));
  h.advance_ms(5000);
  EXPECT_EQ(h.run({"EXISTS", "k"}), integer(1));
  // Too late: an expired key cannot be persisted.
  h.keyspace.db(0).set_expire("k", h.clock.now_ms() + 10);
  h.advance_ms(10);
  EXPECT_EQ(h.run({"PERSIST", "k"}), integer(0));
  EXPECT_FALSE(present(h, "k"));
  EXPECT_EQ(h.run({"PERSIST"}), error("ERR wrong number of arguments for 'persist' command"));
}

// ---- OBJECT -----------------------------------------------------------------

TEST(KeysFamily, ObjectEncoding) {
  Harness h;
  auto& db = h.keyspace.db(0);
  put(h, "int", "12345");
  put(h, "emb", "hello");
  put(h, "raw", std::string(45, 'x'));
  db.set("raw2", Value::raw_string("ab"));
  db.set("l", coll(ObjType::kList, Encoding::kQuicklist));
  db.set("s", coll(ObjType::kSet, Encoding::kIntset));
  db.set("z", coll(ObjType::kZSet, Encoding::kSkiplist));
  db.set("h", coll(ObjType::kHash, Encoding::kHashtable));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "int"}), bulk("int"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "emb"}), bulk("embstr"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "raw"}), bulk("raw"));
  EXPECT_EQ(h.run({"object", "encoding", "raw2"}), bulk("raw"));
  EXPECT_EQ(h.run({"OBJECT", "Encoding", "l"}), bulk("quicklist"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "s"}), bulk("intset"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "z"}), bulk("skiplist"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "h"}), bulk("hashtable"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "missing"}), nil());
}

TEST(KeysFamily, ObjectRefcount) {
  Harness h;
  put(h, "small", "100");
  put(h, "zero", "0");
  put(h, "edge", "9999");
  put(h, "big", "10000");
  put(h, "neg", "-1");
  put(h, "str", "v");
  h.keyspace.db(0).set("l", coll(ObjType::kList, Encoding::kListpack));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "small"}), integer(2147483647));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "zero"}), integer(2147483647));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "edge"}), integer(2147483647));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "big"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "neg"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "str"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "l"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "missing"}), nil());
}

TEST(KeysFamily, ObjectIdletimeDoesNotTouch) {
  Harness h;
  put(h, "k", "v");
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "k"}), integer(0));
  h.advance_ms(2500);
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "k"}), integer(2));
  h.advance_ms(500);
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "k"}), integer(3));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "k"}), bulk("embstr"));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT", "k"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "FREQ", "k"}).at(0), '-');
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "k"}), integer(3));
  // Writes through lookup_write do touch it (RENAME, EXPIRE ...), as in Redis.
  EXPECT_EQ(h.run({"EXPIRE", "k", "100"}), integer(1));
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "k"}), integer(0));
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME", "missing"}), nil());
}

TEST(KeysFamily, ObjectFreqWithoutLfuPolicy) {
  Harness h;
  put(h, "k", "v");
  EXPECT_EQ(h.run({"OBJECT", "FREQ", "k"}),
            error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
                  "Please note that when switching between policies at runtime LRU and LFU data "
                  "will take some time to adjust."));
  EXPECT_EQ(h.run({"OBJECT", "FREQ", "missing"}), nil());
}

TEST(KeysFamily, ObjectOnExpiredKeyIsNil) {
  Harness h;
  put_ttl(h, "k", "v", 10);
  h.advance_ms(10);
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "k"}), nil());
  EXPECT_FALSE(present(h, "k"));
}

TEST(KeysFamily, ObjectHelpAndErrors) {
  Harness h;
  EXPECT_EQ(h.run({"OBJECT", "HELP"}),
            "*15\r\n"
            "+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
            "+ENCODING <key>\r\n"
            "+    Return the kind of internal representation used in order to store the value\r\n"
            "+    associated with a <key>.\r\n"
            "+FREQ <key>\r\n"
            "+    Return the access frequency index of the <key>. The returned integer is\r\n"
            "+    proportional to the logarithm of the recent access frequency of the key.\r\n"
            "+IDLETIME <key>\r\n"
            "+    Return the idle time of the <key>, that is the approximated number of\r\n"
            "+    seconds elapsed since the last access to the key.\r\n"
            "+REFCOUNT <key>\r\n"
            "+    Return the number of references of the value associated with the specified\r\n"
            "+    <key>.\r\n"
            "+HELP\r\n"
            "+    Prints this help.\r\n");
  EXPECT_EQ(h.run({"object", "help"}).substr(0, 14), "*15\r\n+OBJECT <");
  EXPECT_EQ(h.run({"OBJECT", "HELP", "x"}),
            error("ERR wrong number of arguments for 'object|help' command"));
  EXPECT_EQ(h.run({"OBJECT", "foo"}), error("ERR unknown subcommand 'foo'. Try OBJECT HELP."));
  EXPECT_EQ(h.run({"OBJECT", "foo", "k"}), error("ERR unknown subcommand 'foo'. Try OBJECT HELP."));
  EXPECT_EQ(h.run({"OBJECT"}), error("ERR wrong number of arguments for 'object' command"));
  EXPECT_EQ(h.run({"OBJECT", "ENCODING"}),
            error("ERR wrong number of arguments for 'object|encoding' command"));
  EXPECT_EQ(h.run({"OBJECT", "encoding", "a", "b"}),
            error("ERR wrong number of arguments for 'object|encoding' command"));
  EXPECT_EQ(h.run({"OBJECT", "REFCOUNT"}),
            error("ERR wrong number of arguments for 'object|refcount' command"));
  EXPECT_EQ(h.run({"OBJECT", "IDLETIME"}),
            error("ERR wrong number of arguments for 'object|idletime' command"));
  EXPECT_EQ(h.run({"OBJECT", "FREQ", "a", "b"}),
            error("ERR wrong number of arguments for 'object|freq' command"));
}

TEST(KeysFamily, ObjectMissingKeyIsNullInResp3) {
  Harness h;
  h.client.resp = 3;
  EXPECT_EQ(h.run({"OBJECT", "ENCODING", "missing"}), "_\r\n");
}

// ---- The table --------------------------------------------------------------

TEST(KeysFamily, SpecsMatchRedis) {
  Harness h;
  struct Want {
    const char* name;
    int arity;
    uint32_t flags;
    int first, last, step;
  };
  using namespace command;
  const Want want[] = {
      {"del", -2, kWrite, 1, -1, 1},
      {"unlink", -2, kWrite | kFast, 1, -1, 1},
      {"exists", -2, kReadonly | kFast, 1, -1, 1},
      {"type", 2, kReadonly | kFast, 1, 1, 1},
      {"keys", 2, kReadonly, 0, 0, 0},
      {"scan", -2, kReadonly, 0, 0, 0},
      {"randomkey", 1, kReadonly, 0, 0, 0},
      {"rename", 3, kWrite, 1, 2, 1},
      {"renamenx", 3, kWrite | kFast, 1, 2, 1},
      {"copy", -3, kWrite | kDenyOom, 1, 2, 1},
      {"move", 3, kWrite | kFast, 1, 1, 1},
      {"touch", -2, kReadonly | kFast, 1, -1, 1},
      {"expire", -3, kWrite | kFast, 1, 1, 1},
      {"pexpire", -3, kWrite | kFast, 1, 1, 1},
      {"expireat", -3, kWrite | kFast, 1, 1, 1},
      {"pexpireat", -3, kWrite | kFast, 1, 1, 1},
      {"ttl", 2, kReadonly | kFast, 1, 1, 1},
      {"pttl", 2, kReadonly | kFast, 1, 1, 1},
      {"expiretime", 2, kReadonly | kFast, 1, 1, 1},
      {"pexpiretime", 2, kReadonly | kFast, 1, 1, 1},
      {"persist", 2, kWrite | kFast, 1, 1, 1},
      {"object", -2, 0, 0, 0, 0},
  };
  for (const auto& w : want) {
    const CommandSpec* s = h.table.find(w.name);
    ASSERT_NE(s, nullptr) << w.name;
    EXPECT_EQ(s->arity, w.arity) << w.name;
    EXPECT_EQ(s->flags, w.flags) << w.name;
    EXPECT_EQ(s->first_key, w.first) << w.name;
    EXPECT_EQ(s->last_key, w.last) << w.name;
    EXPECT_EQ(s->key_step, w.step) << w.name;
    EXPECT_EQ(command::group_name(s->group), "generic") << w.name;
  }
  const CommandSpec* obj = h.table.find("OBJECT");
  ASSERT_NE(obj, nullptr);
  EXPECT_EQ(obj->handler, nullptr);
  ASSERT_EQ(obj->subcommands.size(), 5u);
  const CommandSpec* help = CommandTable::find_sub(*obj, "help");
  ASSERT_NE(help, nullptr);
  EXPECT_EQ(help->arity, 2);
  EXPECT_EQ(help->flags, kLoading | kStale);
  for (const char* sub : {"encoding", "freq", "idletime", "refcount"}) {
    const CommandSpec* s = CommandTable::find_sub(*obj, sub);
    ASSERT_NE(s, nullptr) << sub;
    EXPECT_EQ(s->arity, 3) << sub;
    EXPECT_EQ(s->flags, kReadonly) << sub;
    EXPECT_EQ(s->first_key, 2) << sub;
    EXPECT_EQ(s->last_key, 2) << sub;
  }
}

}  // namespace
}  // namespace ironkv::test
