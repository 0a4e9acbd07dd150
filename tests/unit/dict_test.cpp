// Unit tests for the keyspace hash table (core/store/dict.h): correctness with many and
// binary keys, exact value lifetimes, incremental grow/shrink, and the SCAN guarantee
// across resizes.
#include "core/store/dict.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ironkv::store {
namespace {

using namespace std::chrono_literals;

std::string text_key(size_t i) { return "key:" + std::to_string(i); }

// Keys with embedded and leading/trailing NULs: catches any strlen/c_str use.
std::string binary_key(size_t i) {
  std::string k(1, '\0');
  for (int b = 0; b < 8; ++b) k.push_back(static_cast<char>((i >> (8 * b)) & 0xff));
  k.push_back('\0');
  return k;
}

// Counts lifetimes; neither copyable nor movable, so the dict can only construct it in place.
struct Probe {
  static inline int64_t constructed = 0;
  static inline int64_t destroyed = 0;
  static void reset() { constructed = destroyed = 0; }
  static int64_t live() { return constructed - destroyed; }

  Probe() { ++constructed; }
  ~Probe() { ++destroyed; }
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;

  std::unique_ptr<int> heap = std::make_unique<int>(7);  // a leak shows up under ASan
};

template <class V>
void finish_rehash(Dict<V>& d) {
  while (d.rehash_step(1000)) {
  }
}

TEST(DictTest, EmptyDict) {
  Dict<int> d;
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(d.bucket_count(), 0u);
  EXPECT_EQ(d.find("x"), nullptr);
  EXPECT_EQ(std::as_const(d).find("x"), nullptr);
  EXPECT_FALSE(d.erase("x"));
  EXPECT_EQ(d.detach("x"), nullptr);
  std::mt19937_64 rng(1);
  EXPECT_EQ(d.random_node(rng), nullptr);
  int calls = 0;
  EXPECT_EQ(d.scan(0, [&](auto&) { ++calls; }), 0u);
  d.for_each([&](auto&) { ++calls; });
  EXPECT_EQ(calls, 0);
  EXPECT_FALSE(d.is_rehashing());
  EXPECT_FALSE(d.rehash_step());
  EXPECT_EQ(d.rehash_for(1ms), 0u);
}

TEST(DictTest, InsertFindEraseManyKeysIncludingBinary) {
  constexpr size_t kKeys = 100'000;
  Dict<uint64_t> d;
  std::vector<std::string> keys;
  for (size_t i = 0; i < kKeys; ++i) keys.push_back(i % 2 ? binary_key(i) : text_key(i));
  keys.push_back("");  // the empty key is a key like any other
  keys.push_back(std::string(1, '\0'));
  keys.push_back(std::string(2, '\0'));

  for (size_t i = 0; i < keys.size(); ++i) {
    auto [n, created] = d.insert(keys[i]);
    ASSERT_TRUE(created) << i;
    EXPECT_EQ(n->value, 0u);  // value-initialised
    EXPECT_EQ(n->aux, 0u);
    EXPECT_EQ(n->key(), keys[i]);
    n->value = i + 1;
  }
  ASSERT_EQ(d.size(), keys.size());

  for (size_t i = 0; i < keys.size(); ++i) {
    auto [n, created] = d.insert(keys[i]);
    ASSERT_FALSE(created);
    ASSERT_EQ(n->value, i + 1);
    ASSERT_EQ(d.find(keys[i]), n);
    ASSERT_EQ(std::as_const(d).find(keys[i]), n);
  }
  EXPECT_EQ(d.size(), keys.size());
  EXPECT_EQ(d.find("key:"), nullptr);
  EXPECT_EQ(d.find(std::string(3, '\0')), nullptr);
  EXPECT_EQ(d.find(std::string_view(keys[1]).substr(0, 5)), nullptr);

  for (size_t i = 0; i < keys.size(); i += 2) ASSERT_TRUE(d.erase(keys[i])) << i;
  for (size_t i = 0; i < keys.size(); i += 2) ASSERT_FALSE(d.erase(keys[i])) << i;
  EXPECT_EQ(d.size(), keys.size() / 2);
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto* n = d.find(keys[i]);
    if (i % 2 == 0) {
      ASSERT_EQ(n, nullptr) << i;
    } else {
      ASSERT_NE(n, nullptr) << i;
      ASSERT_EQ(n->value, i + 1);
      ASSERT_EQ(n->key(), keys[i]);
    }
  }
}

TEST(DictTest, DetachHandsOverTheNode) {
  Dict<std::string> d;
  for (size_t i = 0; i < 1000; ++i) d.insert(binary_key(i)).first->value = "v" + std::to_string(i);
  auto* n = d.detach(binary_key(42));
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->next, nullptr);
  EXPECT_EQ(n->key(), binary_key(42));
  EXPECT_EQ(n->value, "v42");
  EXPECT_EQ(d.size(), 999u);
  EXPECT_EQ(d.find(binary_key(42)), nullptr);
  EXPECT_EQ(d.detach(binary_key(42)), nullptr);
  // Re-creating the key while the detached node is alive gives a fresh node.
  auto [fresh, created] = d.insert(binary_key(42));
  EXPECT_TRUE(created);
  EXPECT_NE(fresh, n);
  EXPECT_TRUE(fresh->value.empty());
  Dict<std::string>::destroy_node(n);
}

TEST(DictTest, ClearAndReuse) {
  Dict<std::string> d;
  for (size_t i = 0; i < 10'000; ++i) d.insert(text_key(i)).first->value.assign(100, 'x');
  d.clear();
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.bucket_count(), 0u);
  EXPECT_FALSE(d.is_rehashing());
  EXPECT_EQ(d.find(text_key(1)), nullptr);
  EXPECT_TRUE(d.insert(text_key(1)).second);
  EXPECT_EQ(d.size(), 1u);
}

TEST(DictTest, TakeSwapsContentOut) {
  Dict<uint64_t> d;
  // Stop in the middle of a grow so the rehash state travels too.
  size_t n = 0;
  while (!d.is_rehashing() || n < 5000) {
    d.insert(text_key(n)).first->value = n + 1;
    ++n;
  }
  ASSERT_TRUE(d.is_rehashing());
  const size_t buckets = d.bucket_count();

  Dict<uint64_t> taken = d.take();
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.bucket_count(), 0u);
  EXPECT_FALSE(d.is_rehashing());
  EXPECT_EQ(d.find(text_key(0)), nullptr);
  EXPECT_EQ(taken.size(), n);
  EXPECT_EQ(taken.bucket_count(), buckets);
  EXPECT_TRUE(taken.is_rehashing());
  for (size_t i = 0; i < n; ++i) ASSERT_EQ(taken.find(text_key(i))->value, i + 1);

  EXPECT_TRUE(d.insert("again").second);
  EXPECT_EQ(d.size(), 1u);
  EXPECT_EQ(taken.find("again"), nullptr);
}

TEST(DictTest, MoveConstructAndAssign) {
  Dict<int> a;
  for (int i = 0; i < 100; ++i) a.insert(text_key(i)).first->value = i;
  Dict<int> b(std::move(a));
  EXPECT_EQ(b.size(), 100u);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  Dict<int> c;
  c.insert("old");
  c = std::move(b);
  EXPECT_EQ(c.size(), 100u);
  EXPECT_EQ(c.find("old"), nullptr);
  EXPECT_EQ(c.find(text_key(99))->value, 99);
  a.insert("reuse");
  EXPECT_EQ(a.size(), 1u);
}

TEST(DictTest, ValuesConstructedAndDestroyedExactlyOnce) {
  Probe::reset();
  constexpr size_t kKeys = 20'000;
  {
    Dict<Probe> d;
    for (size_t i = 0; i < kKeys; ++i) ASSERT_TRUE(d.insert(text_key(i)).second);
    for (size_t i = 0; i < kKeys; ++i) ASSERT_FALSE(d.insert(text_key(i)).second);
    EXPECT_EQ(Probe::constructed, static_cast<int64_t>(kKeys));
    EXPECT_EQ(Probe::destroyed, 0);

    for (size_t i = 0; i < kKeys; i += 4) ASSERT_TRUE(d.erase(text_key(i)));
    EXPECT_EQ(Probe::live(), static_cast<int64_t>(d.size()));

    std::vector<Dict<Probe>::Node*> detached;
    for (size_t i = 1; i < kKeys; i += 4) detached.push_back(d.detach(text_key(i)));
    EXPECT_EQ(Probe::live(), static_cast<int64_t>(d.size() + detached.size()));
    for (auto* n : detached) Dict<Probe>::destroy_node(n);
    EXPECT_EQ(Probe::live(), static_cast<int64_t>(d.size()));

    Dict<Probe> taken = d.take();  // moves nodes, not values
    EXPECT_EQ(Probe::constructed, static_cast<int64_t>(kKeys));
    taken.clear();
    EXPECT_EQ(Probe::live(), 0);

    for (size_t i = 0; i < 1000; ++i) d.insert(binary_key(i));
    Dict<Probe> moved(std::move(d));
    EXPECT_EQ(Probe::live(), 1000);
  }  // destructor frees the rest
  EXPECT_EQ(Probe::constructed, static_cast<int64_t>(kKeys + 1000));
  EXPECT_EQ(Probe::destroyed, Probe::constructed);
}

TEST(DictTest, OwningValueTypes) {
  Probe::reset();
  {
    Dict<std::unique_ptr<Probe>> d;
    for (size_t i = 0; i < 5000; ++i) d.insert(text_key(i)).first->value = std::make_unique<Probe>();
    for (size_t i = 0; i < 5000; i += 3) d.erase(text_key(i));
    EXPECT_EQ(Probe::live(), static_cast<int64_t>(d.size()));
  }
  EXPECT_EQ(Probe::live(), 0);
  EXPECT_EQ(Probe::constructed, 5000);

  Dict<std::string> s;
  for (size_t i = 0; i < 5000; ++i) s.insert(binary_key(i)).first->value.assign(64 + i % 100, 'v');
  for (size_t i = 0; i < 5000; ++i) ASSERT_EQ(s.find(binary_key(i))->value.size(), 64 + i % 100);
}

TEST(DictTest, OverAlignedValues) {
  struct alignas(64) Wide {
    char bytes[64];
  };
  Dict<Wide> d;
  for (size_t i = 0; i < 100; ++i) {
    auto* n = d.insert(text_key(i)).first;
    ASSERT_EQ(reinterpret_cast<uintptr_t>(&n->value) % 64, 0u);
    ASSERT_EQ(n->key(), text_key(i));
  }
}

TEST(DictTest, GrowthIsIncremental) {
  // Just past 2^17 so the final grow (to 2^18 buckets) has only just begun.
  constexpr size_t kKeys = (1 << 17) + 1000;
  Dict<uint64_t> d;
  std::vector<std::string> keys;
  size_t longest_rehash = 0, current = 0;
  bool checked_mid_rehash = false;
  for (size_t i = 0; i < kKeys; ++i) {
    keys.push_back(text_key(i));
    auto* n = d.insert(keys.back()).first;
    n->value = i;
    n->aux = static_cast<uint32_t>(i * 3);
    current = d.is_rehashing() ? current + 1 : 0;
    longest_rehash = std::max(longest_rehash, current);

    if (current == 1000 && !checked_mid_rehash) {
      checked_mid_rehash = true;
      // Both tables are allocated: old size + double it.
      const size_t buckets = d.bucket_count();
      EXPECT_EQ(buckets % 3, 0u);
      EXPECT_EQ(buckets / 3 & (buckets / 3 - 1), 0u) << buckets;
      // Const finds do no rehash work, so this sees the state as it is.
      for (size_t j = 0; j <= i; ++j) {
        const auto* c = std::as_const(d).find(keys[j]);
        ASSERT_NE(c, nullptr) << j;
        ASSERT_EQ(c->value, j);
        ASSERT_EQ(c->aux, j * 3);
      }
      EXPECT_TRUE(d.is_rehashing());
      EXPECT_EQ(d.bucket_count(), buckets);
    }
  }
  EXPECT_TRUE(checked_mid_rehash);
  // The last grow (65536 -> 131072 buckets) is spread over tens of thousands of inserts.
  EXPECT_GT(longest_rehash, 10'000u);

  // Non-const finds make progress and still find everything while doing so.
  ASSERT_TRUE(d.is_rehashing());
  for (size_t j = 0; j < kKeys; ++j) {
    auto* n = d.find(keys[j]);
    ASSERT_NE(n, nullptr) << j;
    ASSERT_EQ(n->value, j);
    ASSERT_EQ(n->aux, j * 3);
  }
  EXPECT_FALSE(d.is_rehashing());
  EXPECT_EQ(d.bucket_count(), size_t{1} << 18);  // load factor 1 was reached at 2^17
}

TEST(DictTest, ShrinkIsIncrementalAndStopsAtMinimum) {
  constexpr size_t kKeys = 100'000;
  Dict<uint64_t> d;
  for (size_t i = 0; i < kKeys; ++i) d.insert(text_key(i)).first->value = i;
  finish_rehash(d);
  ASSERT_EQ(d.bucket_count(), size_t{1} << 17);

  size_t longest_rehash = 0, current = 0;
  bool checked_mid_shrink = false;
  for (size_t i = 0; i + 100 < kKeys; ++i) {
    ASSERT_TRUE(d.erase(text_key(i)));
    current = d.is_rehashing() ? current + 1 : 0;
    longest_rehash = std::max(longest_rehash, current);
    if (current == 500 && !checked_mid_shrink) {
      checked_mid_shrink = true;
      for (size_t j = i + 1; j < kKeys; ++j) {
        const auto* n = std::as_const(d).find(text_key(j));
        ASSERT_NE(n, nullptr) << j;
        ASSERT_EQ(n->value, j);
      }
    }
  }
  EXPECT_TRUE(checked_mid_shrink);
  EXPECT_GT(longest_rehash, 1000u);
  finish_rehash(d);
  // 100 keys: load factor between 1/8 and 1.
  EXPECT_LE(d.bucket_count(), 800u);
  EXPECT_GE(d.bucket_count(), 100u);
  for (size_t j = kKeys - 100; j < kKeys; ++j) ASSERT_EQ(d.find(text_key(j))->value, j);

  for (size_t j = kKeys - 100; j < kKeys; ++j) ASSERT_TRUE(d.erase(text_key(j)));
  finish_rehash(d);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.bucket_count(), 4u);  // never below the minimum
}

TEST(DictTest, RehashStepAndRehashFor) {
  Dict<int> d;
  // The 65537th insert starts the 65536 -> 131072 grow; the previous one is long done.
  constexpr size_t n = 65'537;
  for (size_t i = 0; i < n; ++i) d.insert(text_key(i));
  ASSERT_TRUE(d.is_rehashing());

  EXPECT_TRUE(d.rehash_step());
  EXPECT_TRUE(d.rehash_step(10));
  // A zero budget still does one batch of at most 100 buckets.
  const size_t moved = d.rehash_for(0us);
  EXPECT_GT(moved, 0u);
  EXPECT_LE(moved, 100u);
  EXPECT_TRUE(d.is_rehashing());

  EXPECT_GT(d.rehash_for(10s), 0u);
  EXPECT_FALSE(d.is_rehashing());
  EXPECT_FALSE(d.rehash_step());
  EXPECT_EQ(d.rehash_for(1ms), 0u);
  for (size_t i = 0; i < n; ++i) ASSERT_NE(d.find(text_key(i)), nullptr);
}

TEST(DictTest, ScanOfStableTableReturnsEachOnce) {
  Dict<int> d;
  for (size_t i = 0; i < 3000; ++i) d.insert(binary_key(i));
  finish_rehash(d);
  std::unordered_map<std::string, int> seen;
  uint64_t cursor = 0;
  size_t calls = 0;
  do {
    cursor = d.scan(cursor, [&](auto& node) { ++seen[std::string(node.key())]; });
    ++calls;
  } while (cursor != 0);
  EXPECT_EQ(calls, d.bucket_count());
  EXPECT_EQ(seen.size(), 3000u);
  for (auto& [k, count] : seen) EXPECT_EQ(count, 1) << k;
}

TEST(DictTest, ScanMidRehashReturnsEachOnce) {
  for (bool shrinking : {false, true}) {
    Dict<int> d;
    std::vector<std::string> keys;
    if (!shrinking) {
      while (d.size() < 5000 || !d.is_rehashing()) {
        keys.push_back(text_key(keys.size()));
        d.insert(keys.back());
      }
    } else {
      for (size_t i = 0; i < 40'000; ++i) d.insert(text_key(i));
      finish_rehash(d);
      size_t i = 0;
      while (!d.is_rehashing()) d.erase(text_key(i++));
      for (; i < 40'000; ++i) keys.push_back(text_key(i));
    }
    d.rehash_step(100);
    ASSERT_TRUE(d.is_rehashing());
    std::unordered_map<std::string, int> seen;
    uint64_t cursor = 0;
    do {
      cursor = d.scan(cursor, [&](auto& node) { ++seen[std::string(node.key())]; });
    } while (cursor != 0);
    ASSERT_TRUE(d.is_rehashing());  // scan does no rehash work itself
    EXPECT_EQ(seen.size(), keys.size()) << shrinking;
    for (auto& k : keys) EXPECT_EQ(seen[k], 1) << k;
  }
}

// The SCAN guarantee: keys present for the whole scan are all returned, while other keys
// are inserted and erased between calls hard enough to grow, shrink and rehash the table.
TEST(DictTest, ScanGuaranteeUnderChurn) {
  constexpr size_t kStable = 150;
  constexpr int kRounds = 24;
  size_t grows = 0, shrinks = 0, calls_mid_rehash = 0, finished_mid_scan = 0;

  for (int round = 0; round < kRounds; ++round) {
    std::mt19937_64 rng(1000 + round);
    Dict<uint32_t> d;
    for (size_t i = 0; i < kStable; ++i) d.insert("stable:" + std::to_string(i));

    std::vector<std::string> churn;  // keys currently present, other than the stable ones
    size_t next_churn = 0;
    auto add = [&] {
      churn.push_back("churn:" + std::to_string(next_churn++));
      d.insert(churn.back());
    };
    auto remove = [&] {
      if (churn.empty()) return;
      const size_t at = std::uniform_int_distribution<size_t>(0, churn.size() - 1)(rng);
      ASSERT_TRUE(d.erase(churn[at]));
      churn[at] = std::move(churn.back());
      churn.pop_back();
    };
    // Odd rounds start big so the first move is a shrink.
    if (round % 2 == 1) {
      for (int i = 0; i < 4000; ++i) add();
    }
    bool growing = round % 2 == 0;
    size_t high = 1500 + rng() % 3000;
    size_t low = rng() % 50;

    std::unordered_set<std::string> seen;
    uint64_t cursor = 0;
    size_t calls = 0;
    size_t last_stable_buckets = d.is_rehashing() ? 0 : d.bucket_count();
    do {
      cursor = d.scan(cursor, [&](auto& node) { seen.insert(std::string(node.key())); });
      ASSERT_LT(++calls, 1'000'000u) << "scan does not terminate";

      const int ops = std::uniform_int_distribution<int>(0, 120)(rng);
      for (int op = 0; op < ops; ++op) {
        const bool insert = std::bernoulli_distribution(growing ? 0.8 : 0.2)(rng);
        if (insert) {
          add();
        } else {
          remove();
        }
        if (growing && churn.size() >= high) {
          growing = false;
          low = rng() % 50;
        } else if (!growing && churn.size() <= low) {
          growing = true;
          high = 1500 + rng() % 3000;
        }
      }
      // Vary how far rehashes get between calls, including finishing them mid-scan.
      switch (rng() % 4) {
        case 0: d.rehash_step(rng() % 50); break;
        case 1: (void)d.find("stable:0"); break;
        case 2:
          if (d.is_rehashing() && !d.rehash_step(1000)) ++finished_mid_scan;
          break;
        default: break;
      }
      if (d.is_rehashing()) {
        ++calls_mid_rehash;
      } else {
        const size_t b = d.bucket_count();
        if (last_stable_buckets != 0 && b > last_stable_buckets) ++grows;
        if (last_stable_buckets != 0 && b < last_stable_buckets) ++shrinks;
        last_stable_buckets = b;
      }
    } while (cursor != 0);

    for (size_t i = 0; i < kStable; ++i) {
      ASSERT_TRUE(seen.count("stable:" + std::to_string(i)))
          << "round " << round << " missed stable:" << i;
    }
  }
  // The churn really did exercise every state between scan calls.
  EXPECT_GT(grows, 0u);
  EXPECT_GT(shrinks, 0u);
  EXPECT_GT(calls_mid_rehash, 0u);
  EXPECT_GT(finished_mid_scan, 0u);
}

TEST(DictTest, RandomNodeCoversSmallDict) {
  Dict<int> d;
  for (size_t i = 0; i < 20; ++i) d.insert(binary_key(i));
  std::mt19937_64 rng(7);
  std::unordered_set<std::string> seen;
  for (int i = 0; i < 100'000 && seen.size() < 20; ++i) {
    auto* n = d.random_node(rng);
    ASSERT_NE(n, nullptr);
    ASSERT_EQ(d.find(n->key()), n);
    seen.insert(std::string(n->key()));
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(DictTest, RandomNodeMidRehashAndSparse) {
  Dict<int> d;
  std::minstd_rand rng(3);  // any uniform random bit generator works
  while (d.size() < 10'000 || !d.is_rehashing()) d.insert(text_key(d.size()));
  for (int i = 0; i < 1000; ++i) {
    auto* n = d.random_node(rng);
    ASSERT_NE(n, nullptr);
    ASSERT_EQ(std::as_const(d).find(n->key()), n);
  }
  // Grow, then erase nearly everything while the grow is still running: very sparse.
  Dict<int> sparse;
  size_t n = 0;
  while (sparse.size() < 60'000 || !sparse.is_rehashing()) sparse.insert(text_key(n++));
  for (size_t i = 1; i < n; ++i) sparse.erase(text_key(i));
  ASSERT_EQ(sparse.size(), 1u);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(sparse.random_node(rng)->key(), text_key(0));
}

TEST(DictTest, ForEachVisitsEachOnce) {
  Dict<int> d;
  while (d.size() < 5000 || !d.is_rehashing()) d.insert(text_key(d.size()));
  for (int pass = 0; pass < 2; ++pass) {  // mid-rehash, then settled
    std::unordered_map<std::string, int> seen;
    d.for_each([&](Dict<int>::Node& node) {
      ++seen[std::string(node.key())];
      ++node.value;
    });
    EXPECT_EQ(seen.size(), d.size());
    for (auto& [k, count] : seen) ASSERT_EQ(count, 1) << k;
    finish_rehash(d);
  }
  d.for_each([](auto& node) { ASSERT_EQ(node.value, 2); });
}

// A callback that looks keys up in the same dict must not move buckets under the walk.
TEST(DictTest, LookupsFromCallbacksDoNotRehash) {
  Dict<int> d;
  while (d.size() < 5000 || !d.is_rehashing()) d.insert(text_key(d.size()));
  const size_t buckets = d.bucket_count();
  size_t visits = 0;
  d.for_each([&](auto& node) {
    ++visits;
    ASSERT_EQ(d.find(node.key()), &node);
    ASSERT_TRUE(d.rehash_step(100));  // work remains, but none is done while paused
    ASSERT_EQ(d.rehash_for(1ms), 0u);
  });
  EXPECT_EQ(visits, d.size());
  EXPECT_TRUE(d.is_rehashing());
  EXPECT_EQ(d.bucket_count(), buckets);

  std::unordered_map<std::string, int> seen;
  uint64_t cursor = 0;
  do {
    cursor = d.scan(cursor, [&](auto& node) {
      ++seen[std::string(node.key())];
      std::mt19937 rng(1);
      (void)d.random_node(rng);
      (void)d.find("missing");
    });
  } while (cursor != 0);
  EXPECT_EQ(seen.size(), d.size());
  for (auto& [k, count] : seen) ASSERT_EQ(count, 1) << k;
  EXPECT_TRUE(d.is_rehashing());
}

TEST(DictTest, MemoryBytesFollowsContent) {
  Dict<int> d;
  const size_t empty = d.memory_bytes();
  for (size_t i = 0; i < 1000; ++i) d.insert(text_key(i));
  const size_t full = d.memory_bytes();
  EXPECT_GE(full, empty + 1000 * (sizeof(Dict<int>::Node) + 5));
  d.clear();
  EXPECT_EQ(d.memory_bytes(), empty);
}

}  // namespace
}  // namespace ironkv::store
