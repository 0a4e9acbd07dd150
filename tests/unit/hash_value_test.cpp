// store::HashValue on its own: both encodings, conversion, the persistence-facing
// API (listpack blob, make_hashtable, for_each, scan) and the random samplers.

#include "core/store/hash_value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::store {
namespace {

using Pairs = std::map<std::string, std::string>;

Pairs contents(HashValue& h) {
  Pairs out;
  h.for_each([&](std::string_view f, std::string_view v) {
    EXPECT_TRUE(out.emplace(f, v).second) << "duplicate field " << f;
  });
  return out;
}

std::string value_of(HashValue& h, std::string_view field) {
  auto e = h.get(field);
  if (!e) return "<none>";
  IntBuf buf;
  return std::string(e->view(buf));
}

TEST(HashValue, ListpackBasics) {
  HashValue h;
  const HashLimits lim;
  EXPECT_EQ(h.type(), ObjType::kHash);
  EXPECT_EQ(h.encoding(), Encoding::kListpack);
  EXPECT_TRUE(h.empty());
  EXPECT_TRUE(h.set("a", "1", lim));
  EXPECT_TRUE(h.set("b", "x", lim));
  EXPECT_FALSE(h.set("a", "2", lim));
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(h.element_count(), 2u);
  EXPECT_EQ(value_of(h, "a"), "2");
  EXPECT_EQ(value_of(h, "b"), "x");
  EXPECT_EQ(value_of(h, "x"), "<none>");  // values are not fields
  EXPECT_TRUE(h.get("a")->is_int);
  EXPECT_EQ(h.value_length("b"), 1u);
  EXPECT_FALSE(h.value_length("zz").has_value());
  EXPECT_TRUE(h.erase("a"));
  EXPECT_FALSE(h.erase("a"));
  EXPECT_FALSE(h.contains("a"));
  EXPECT_TRUE(h.contains("b"));
  EXPECT_EQ(contents(h), (Pairs{{"b", "x"}}));
  EXPECT_NE(h.listpack(), nullptr);
  EXPECT_FALSE(h.listpack_bytes().empty());
}

TEST(HashValue, ConvertsOnCountAndLength) {
  HashLimits lim{3, 8};
  HashValue h;
  h.set("a", "1", lim);
  h.set("b", "2", lim);
  h.set("c", "12345678", lim);
  EXPECT_EQ(h.encoding(), Encoding::kListpack);
  h.set("d", "4", lim);
  EXPECT_EQ(h.encoding(), Encoding::kHashtable);
  EXPECT_EQ(contents(h), (Pairs{{"a", "1"}, {"b", "2"}, {"c", "12345678"}, {"d", "4"}}));
  EXPECT_EQ(h.listpack(), nullptr);
  EXPECT_TRUE(h.listpack_bytes().empty());

  HashValue g;
  g.set("a", "123456789", lim);
  EXPECT_EQ(g.encoding(), Encoding::kHashtable);
  HashValue k;
  k.set("123456789", "", lim);
  EXPECT_EQ(k.encoding(), Encoding::kHashtable);

  HashValue p;
  const std::string_view ok[] = {"a", "12345678"};
  p.prepare_for(ok, lim);
  EXPECT_EQ(p.encoding(), Encoding::kListpack);
  const std::string_view too_long[] = {"a", "123456789"};
  p.prepare_for(too_long, lim);
  EXPECT_EQ(p.encoding(), Encoding::kHashtable);
}

TEST(HashValue, HashtableKeepsIntegersAndText) {
  auto h = HashValue::make_hashtable();
  const HashLimits lim;
  EXPECT_EQ(h->encoding(), Encoding::kHashtable);
  h->set("i", "-42", lim);
  h->set("s", "007", lim);
  h->set("l", std::string(100, 'z'), lim);
  EXPECT_TRUE(h->get("i")->is_int);
  EXPECT_EQ(h->get("i")->ival, -42);
  EXPECT_FALSE(h->get("s")->is_int);
  EXPECT_EQ(value_of(*h, "s"), "007");
  EXPECT_EQ(value_of(*h, "l"), std::string(100, 'z'));
  EXPECT_EQ(h->value_length("l"), 100u);
  // Overwriting and erasing keep the value accounting straight.
  const size_t with_long = h->memory_bytes();
  h->set("l", "short", lim);
  EXPECT_LT(h->memory_bytes(), with_long);
  EXPECT_TRUE(h->erase("l"));
  EXPECT_EQ(contents(*h), (Pairs{{"i", "-42"}, {"s", "007"}}));
}

TEST(HashValue, CloneIsDeepForBothEncodings) {
  for (size_t entries : {size_t{128}, size_t{0}}) {
    HashLimits lim{entries, 64};
    HashValue h;
    h.set("a", "1", lim);
    h.set("b", std::string(30, 'b'), lim);
    auto copy_base = h.clone();
    auto* copy = static_cast<HashValue*>(copy_base.get());
    EXPECT_EQ(copy->encoding(), h.encoding());
    EXPECT_EQ(contents(*copy), contents(h));
    copy->set("a", "changed", lim);
    copy->erase("b");
    EXPECT_EQ(value_of(h, "a"), "1");
    EXPECT_EQ(h.size(), 2u);
    EXPECT_EQ(copy->size(), 1u);
  }
}

TEST(HashValue, ListpackBlobRoundTrip) {
  HashValue h;
  const HashLimits lim;
  h.set("name", "iron", lim);
  h.set("n", "12345", lim);
  std::string blob(h.listpack_bytes());
  ASSERT_TRUE(Listpack::validate(blob));
  HashValue loaded(Listpack::from_bytes(blob));
  EXPECT_EQ(loaded.encoding(), Encoding::kListpack);
  EXPECT_EQ(contents(loaded), (Pairs{{"name", "iron"}, {"n", "12345"}}));
  EXPECT_EQ(loaded.listpack_bytes(), blob);
}

TEST(HashValue, ScanCoversEverything) {
  const HashLimits lim{0, 64};
  HashValue h;
  for (int i = 0; i < 1000; ++i) h.set("f" + std::to_string(i), std::to_string(i), lim);
  Pairs seen;
  uint64_t cursor = 0;
  do {
    cursor = h.scan(cursor, [&](std::string_view f, std::string_view v) { seen.emplace(f, v); });
  } while (cursor != 0);
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(seen, contents(h));

  HashValue small;
  small.set("a", "1", HashLimits{});
  Pairs once;
  EXPECT_EQ(small.scan(77, [&](std::string_view f, std::string_view v) { once.emplace(f, v); }),
            0u);
  EXPECT_EQ(once, (Pairs{{"a", "1"}}));
}

TEST(HashValue, RandomSamplers) {
  HashValue::Rng rng(42);
  for (size_t entries : {size_t{128}, size_t{0}}) {
    const HashLimits lim{entries, 64};
    HashValue h;
    for (int i = 0; i < 100; ++i) h.set("f" + std::to_string(i), "v" + std::to_string(i), lim);
    auto check_pair = [](std::string_view f, std::string_view v) {
      EXPECT_EQ("v" + std::string(f.substr(1)), v);
    };
    std::vector<std::string> got;
    h.random_pairs_with_repeats(250, rng, [&](std::string_view f, std::string_view v) {
      check_pair(f, v);
      got.emplace_back(f);
      return true;
    });
    EXPECT_EQ(got.size(), 250u);
    for (size_t count : {size_t{1}, size_t{20}, size_t{40}, size_t{99}}) {
      std::set<std::string> distinct;
      size_t n = 0;
      h.random_pairs_unique(count, rng, [&](std::string_view f, std::string_view v) {
        check_pair(f, v);
        distinct.emplace(f);
        ++n;
        return true;
      });
      EXPECT_EQ(n, count);
      EXPECT_EQ(distinct.size(), count);
    }
    // Stopping early is honoured.
    size_t calls = 0;
    h.random_pairs_with_repeats(1000, rng,
                                [&](std::string_view, std::string_view) { return ++calls < 3; });
    EXPECT_EQ(calls, 3u);
  }
}

// The hashtable's single picks are uniform (no favouring of short chains or of
// elements after empty buckets). With 1025 fields the last insert has just started a
// resize from 1024 to 2048 buckets, and sampling moves no bucket: that run samples a
// table in mid-rehash.
TEST(HashValue, HashtableRandomPairIsUniform) {
  HashValue::Rng rng(7);
  const HashLimits lim{0, 64};
  for (int fields : {1000, 1025}) {
    SCOPED_TRACE(fields);
    HashValue h;
    for (int i = 0; i < fields; ++i) h.set("f" + std::to_string(i), "", lim);
    std::map<std::string, int> hits;
    constexpr int kPerField = 300;
    for (int i = 0; i < fields * kPerField; ++i) {
      h.random_pair(rng, [&](std::string_view f, std::string_view) {
        ++hits[std::string(f)];
        return true;
      });
    }
    ASSERT_EQ(hits.size(), static_cast<size_t>(fields));
    int lo = kPerField, hi = kPerField;
    for (const auto& [f, n] : hits) {
      lo = std::min(lo, n);
      hi = std::max(hi, n);
    }
    EXPECT_GT(lo, kPerField * 0.7);  // a binomial's spread here is about +-17
    EXPECT_LT(hi, kPerField * 1.3);
  }
}

TEST(HashValue, MemoryGrowsWithContent) {
  HashValue h;
  const HashLimits lim;
  const size_t empty = h.memory_bytes();
  h.set("field", std::string(50, 'x'), lim);
  EXPECT_GT(h.memory_bytes(), empty);
  auto t = HashValue::make_hashtable();
  const size_t t0 = t->memory_bytes();
  for (int i = 0; i < 100; ++i) t->set("f" + std::to_string(i), std::string(40, 'y'), lim);
  EXPECT_GT(t->memory_bytes(), t0 + 100 * 40);
}

}  // namespace
}  // namespace ironkv::store
