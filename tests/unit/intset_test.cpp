// Intset: Redis byte format (blobs checked against redis-server 7.0.15 DUMP
// payloads), width upgrades, and validation of untrusted blobs.

#include "core/store/intset.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace ironkv::store {
namespace {

std::string unhex(std::string_view h) {
  std::string out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string hex(std::string_view b) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : b) {
    out.push_back(d[c >> 4]);
    out.push_back(d[c & 15]);
  }
  return out;
}

std::vector<int64_t> contents(const Intset& s) {
  std::vector<int64_t> out;
  for (size_t i = 0; i < s.size(); ++i) out.push_back(s.get(i));
  return out;
}

Intset make(std::initializer_list<int64_t> vs) {
  Intset s;
  for (auto v : vs) s.add(v);
  return s;
}

TEST(Intset, EmptyBlob) {
  Intset s;
  EXPECT_EQ(hex(s.bytes()), "0200000000000000");
  EXPECT_EQ(s.size(), 0u);
  EXPECT_FALSE(s.contains(0));
  EXPECT_FALSE(s.remove(0));
  EXPECT_GE(s.memory_bytes(), 8u);
  EXPECT_FALSE(Intset::validate(s.bytes()));  // Redis rejects an empty intset in an RDB
}

// redis-server 7.0.15: SADD set_int 1 -2 300; SADD set_int32 1 70000;
// SADD set_int64 -5 5000000000 (DUMP payloads).
TEST(Intset, ByteExactAgainstRedis) {
  EXPECT_EQ(hex(make({1, -2, 300}).bytes()), "0200000003000000feff01002c01");
  EXPECT_EQ(hex(make({1, 70000}).bytes()), "04000000020000000100000070110100");
  EXPECT_EQ(hex(make({-5, 5000000000}).bytes()),
            "0800000002000000fbffffffffffffff00f2052a01000000");
  for (auto h : {"0200000003000000feff01002c01", "04000000020000000100000070110100",
                 "0800000002000000fbffffffffffffff00f2052a01000000"}) {
    const std::string blob = unhex(h);
    ASSERT_TRUE(Intset::validate(blob)) << h;
    EXPECT_EQ(Intset::from_bytes(blob).bytes(), blob);
  }
  EXPECT_EQ(contents(Intset::from_bytes(unhex("0200000003000000feff01002c01"))),
            (std::vector<int64_t>{-2, 1, 300}));
}

TEST(Intset, UpgradesWidthAtTheBoundaries) {
  Intset s = make({5, -5, 32767, -32768});
  EXPECT_EQ(s.bytes().substr(0, 1), std::string(1, '\x02'));
  s.add(32768);  // append while widening to 32 bits
  EXPECT_EQ(s.bytes()[0], '\x04');
  EXPECT_EQ(contents(s), (std::vector<int64_t>{-32768, -5, 5, 32767, 32768}));
  s.add(-2147483648LL);
  EXPECT_EQ(s.bytes()[0], '\x04');
  s.add(-2147483649LL);  // prepend while widening to 64 bits
  EXPECT_EQ(s.bytes()[0], '\x08');
  EXPECT_EQ(contents(s),
            (std::vector<int64_t>{-2147483649LL, -2147483648LL, -32768, -5, 5, 32767, 32768}));
  s.add(std::numeric_limits<int64_t>::max());
  s.add(std::numeric_limits<int64_t>::min());
  EXPECT_EQ(s.min(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(s.max(), std::numeric_limits<int64_t>::max());
  EXPECT_TRUE(Intset::validate(s.bytes()));
  EXPECT_EQ(s.bytes().size(), 8u + 9 * 8);

  Intset neg = make({1});
  neg.add(-40000);  // prepend upgrade 16 -> 32
  EXPECT_EQ(contents(neg), (std::vector<int64_t>{-40000, 1}));
  EXPECT_EQ(hex(neg.bytes()),
            "04000000020000"
            "00c063ffff01000000");
}

TEST(Intset, AddRemoveContains) {
  Intset s;
  EXPECT_TRUE(s.add(10));
  EXPECT_FALSE(s.add(10));
  EXPECT_TRUE(s.add(-3));
  EXPECT_TRUE(s.add(7));
  EXPECT_EQ(contents(s), (std::vector<int64_t>{-3, 7, 10}));
  EXPECT_TRUE(s.contains(7));
  EXPECT_FALSE(s.contains(8));
  EXPECT_FALSE(s.contains(1LL << 40));  // wider than the set: absent without searching
  EXPECT_FALSE(s.remove(1LL << 40));
  EXPECT_TRUE(s.remove(7));
  EXPECT_FALSE(s.remove(7));
  EXPECT_EQ(contents(s), (std::vector<int64_t>{-3, 10}));

  s.add(1LL << 40);
  EXPECT_TRUE(s.remove(1LL << 40));
  EXPECT_EQ(s.bytes()[0], '\x08');  // like Redis, never narrows again
  EXPECT_EQ(contents(s), (std::vector<int64_t>{-3, 10}));
  EXPECT_TRUE(s.contains(10));
}

TEST(Intset, MoveAndClone) {
  Intset a = make({1, 2, 3});
  Intset b = a.clone();
  Intset c = std::move(a);
  EXPECT_EQ(b.bytes(), c.bytes());
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is a valid empty set
  a.add(100000);
  EXPECT_EQ(contents(a), std::vector<int64_t>{100000});
  b = std::move(a);
  EXPECT_EQ(contents(b), std::vector<int64_t>{100000});
}

TEST(Intset, RandomOperationsMatchAModel) {
  std::mt19937_64 rng(99);
  Intset s;
  std::set<int64_t> model;
  for (int step = 0; step < 20000; ++step) {
    int64_t v;
    switch (rng() % 4) {
      case 0:
        v = static_cast<int64_t>(rng() % 200) - 100;
        break;
      case 1:
        v = static_cast<int16_t>(rng());
        break;
      case 2:
        v = static_cast<int32_t>(rng());
        break;
      default:
        v = static_cast<int64_t>(rng());
        break;
    }
    if (step > 15000 && rng() % 2) v = static_cast<int64_t>(rng() % 200) - 100;
    if (rng() % 3 == 0) {
      ASSERT_EQ(s.remove(v), model.erase(v) == 1);
    } else {
      ASSERT_EQ(s.add(v), model.insert(v).second);
    }
    ASSERT_EQ(s.contains(v), model.count(v) == 1);
    ASSERT_EQ(s.size(), model.size());
  }
  EXPECT_EQ(contents(s), std::vector<int64_t>(model.begin(), model.end()));
  EXPECT_TRUE(Intset::validate(s.bytes()));
  EXPECT_GE(s.memory_bytes(), s.bytes().size());
}

TEST(IntsetValidate, RejectsDamage) {
  const std::string good = unhex("0200000003000000feff01002c01");
  ASSERT_TRUE(Intset::validate(good));
  for (size_t n = 0; n < good.size(); ++n) EXPECT_FALSE(Intset::validate(good.substr(0, n))) << n;
  EXPECT_FALSE(Intset::validate(good + std::string(2, '\0')));            // longer than length says
  EXPECT_FALSE(Intset::validate(unhex("0300000003000000feff01002c01")));  // width 3
  EXPECT_FALSE(Intset::validate(unhex("0000000003000000feff01002c01")));  // width 0
  EXPECT_FALSE(Intset::validate(unhex("0400000003000000feff01002c01")));  // width 4: size mismatch
  EXPECT_FALSE(Intset::validate(unhex("0200000004000000feff01002c01")));  // length 4
  EXPECT_FALSE(Intset::validate(unhex("0200000003000000feff2c010100")));  // not ascending
  EXPECT_FALSE(Intset::validate(unhex("0200000003000000feff01000100")));  // duplicate
  EXPECT_FALSE(Intset::validate(unhex("02000000ffffffff")));              // huge length
  EXPECT_FALSE(Intset::validate(unhex("0800000000000020") + std::string(16, '\0')));
  EXPECT_TRUE(
      Intset::validate(unhex("08000000010000000500000000000000")));  // wider than needed: fine
}

TEST(IntsetValidate, SeededMutationsNeverCrash) {
  const std::vector<std::string> seeds = {
      std::string(make({1, -2, 300, 4000, -30000}).bytes()),
      std::string(make({1, 70000, -70000}).bytes()),
      std::string(make({-5, 5000000000, 7}).bytes()),
  };
  std::mt19937 rng(7);
  size_t accepted = 0;
  for (int iter = 0; iter < 30000; ++iter) {
    std::string s = seeds[iter % seeds.size()];
    if (rng() % 3 == 0) {
      s.resize(rng() % (s.size() + 1));
    } else {
      const int flips = 1 + rng() % 3;
      for (int i = 0; i < flips; ++i) s[rng() % s.size()] = static_cast<char>(rng());
    }
    const std::unique_ptr<char[]> exact(new char[s.size() ? s.size() : 1]);
    std::copy(s.begin(), s.end(), exact.get());
    const std::string_view blob(exact.get(), s.size());
    if (!Intset::validate(blob)) continue;
    ++accepted;
    Intset is = Intset::from_bytes(blob);
    for (size_t i = 1; i < is.size(); ++i) ASSERT_LT(is.get(i - 1), is.get(i));
    ASSERT_TRUE(is.contains(is.max()));
    is.add(is.max() == std::numeric_limits<int64_t>::max() ? 0 : is.max() + 1);
    ASSERT_TRUE(Intset::validate(is.bytes()));
  }
  EXPECT_GT(accepted, 0u);
}

}  // namespace
}  // namespace ironkv::store
