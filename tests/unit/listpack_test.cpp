// Listpack: Redis 7 byte format (blobs checked against redis-server 7.0.15 DUMP
// payloads), encoding boundaries, navigation, mutation, and validation of
// untrusted blobs (bounded seeded fuzzing; run the ASan build to catch reads
// out of bounds).

#include "core/store/listpack.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
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

std::vector<std::string> contents(const Listpack& lp) {
  std::vector<std::string> out;
  for (auto p = lp.first(); p != Listpack::kNone; p = lp.next(p)) out.push_back(lp.get(p).str());
  return out;
}

std::vector<std::string> contents_backward(const Listpack& lp) {
  std::vector<std::string> out;
  for (auto p = lp.last(); p != Listpack::kNone; p = lp.prev(p))
    out.insert(out.begin(), lp.get(p).str());
  return out;
}

Listpack make(const std::vector<std::string>& items) {
  Listpack lp;
  for (const auto& s : items) lp.append(s);
  return lp;
}

// Size the element takes in the blob (encoding + data + back-length).
size_t entry_bytes(std::string_view s) {
  Listpack lp;
  lp.append(s);
  return lp.bytes_size() - 7;
}

TEST(Listpack, EmptyBlob) {
  Listpack lp;
  EXPECT_EQ(hex(lp.bytes()),
            "0700000000"
            "00ff");
  EXPECT_EQ(lp.size(), 0u);
  EXPECT_TRUE(lp.empty());
  EXPECT_EQ(lp.first(), Listpack::kNone);
  EXPECT_EQ(lp.last(), Listpack::kNone);
  EXPECT_EQ(lp.seek(0), Listpack::kNone);
  EXPECT_EQ(lp.seek(-1), Listpack::kNone);
  EXPECT_EQ(lp.find("a"), Listpack::kNone);
  EXPECT_TRUE(Listpack::validate(lp.bytes()));
  EXPECT_GE(lp.memory_bytes(), lp.bytes_size());
}

TEST(Listpack, IntegerEncodingBoundaries) {
  struct Case {
    int64_t v;
    size_t bytes;  // encoding + data + back-length
  };
  const Case cases[] = {
      {0, 2},
      {127, 2},
      {128, 3},
      {-1, 3},
      {-4096, 3},
      {4095, 3},
      {4096, 4},
      {-4097, 4},
      {32767, 4},
      {-32768, 4},
      {32768, 5},
      {-32769, 5},
      {8388607, 5},
      {-8388608, 5},
      {8388608, 6},
      {-8388609, 6},
      {2147483647, 6},
      {-2147483648LL, 6},
      {2147483648LL, 10},
      {-2147483649LL, 10},
      {std::numeric_limits<int64_t>::max(), 10},
      {std::numeric_limits<int64_t>::min(), 10},
  };
  Listpack all;
  for (const auto& c : cases) {
    const std::string text = std::to_string(c.v);
    SCOPED_TRACE(text);
    EXPECT_EQ(entry_bytes(text), c.bytes);
    Listpack lp;
    lp.append(text);
    const auto e = lp.get(lp.first());
    EXPECT_TRUE(e.is_int);
    EXPECT_EQ(e.ival, c.v);
    IntBuf buf;
    EXPECT_EQ(e.view(buf), text);
    EXPECT_EQ(e.str(), text);
    EXPECT_TRUE(lp.equals(lp.first(), text));

    Listpack li;
    li.append_int(c.v);
    EXPECT_EQ(li.bytes(), lp.bytes());
    all.append(text);
  }
  ASSERT_TRUE(Listpack::validate(all.bytes()));
  std::vector<std::string> expect;
  for (const auto& c : cases) expect.push_back(std::to_string(c.v));
  EXPECT_EQ(contents(all), expect);
  EXPECT_EQ(contents_backward(all), expect);
  const Listpack copy = Listpack::from_bytes(all.bytes());
  EXPECT_EQ(copy.bytes(), all.bytes());
  EXPECT_EQ(contents(copy), expect);
}

TEST(Listpack, StringEncodingBoundaries) {
  struct Case {
    size_t len;
    size_t bytes;
  };
  const Case cases[] = {
      {0, 2},
      {63, 65},
      {64, 67},  // 12-bit header
      {4095, 4097 + 2},
      {4096, 4101 + 2},
      {16377, 16382 + 2},  // encoded size 16382: last 2-byte back-length
      {16378, 16383 + 3},  // encoded size 16383: Redis already uses 3 bytes
      {70000, 70005 + 3},
  };
  Listpack all;
  std::vector<std::string> expect;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.len);
    const std::string s(c.len, 'x');
    EXPECT_EQ(entry_bytes(s), c.bytes);
    Listpack lp;
    lp.append(s);
    const auto e = lp.get(lp.first());
    EXPECT_FALSE(e.is_int);
    EXPECT_EQ(e.sval, s);
    EXPECT_TRUE(lp.equals(lp.first(), s));
    EXPECT_TRUE(Listpack::validate(lp.bytes()));
    all.append(s);
    all.append("1");
    expect.push_back(s);
    expect.push_back("1");
  }
  ASSERT_TRUE(Listpack::validate(all.bytes()));
  EXPECT_EQ(contents(all), expect);
  EXPECT_EQ(contents_backward(all), expect);
  EXPECT_EQ(Listpack::from_bytes(all.bytes()).bytes(), all.bytes());
}

TEST(Listpack, NonCanonicalIntegersStayStrings) {
  for (std::string s : {"0123", "-0", "+1", " 1", "1 ", "", "00", "-", "1a", "9223372036854775808",
                        "-9223372036854775809", "18446744073709551616", "1.0", "0x10"}) {
    SCOPED_TRACE(s);
    Listpack lp;
    lp.append(s);
    const auto e = lp.get(lp.first());
    EXPECT_FALSE(e.is_int);
    EXPECT_EQ(e.sval, s);
    EXPECT_TRUE(lp.equals(lp.first(), s));
  }
  Listpack lp = make({"123", "0123"});
  EXPECT_FALSE(lp.equals(lp.first(), "0123"));
  EXPECT_FALSE(lp.equals(lp.first(), "+123"));
  EXPECT_TRUE(lp.equals(lp.first(), "123"));
  EXPECT_FALSE(lp.equals(lp.last(), "123"));
  EXPECT_EQ(lp.find("0123"), lp.last());
  EXPECT_EQ(lp.find("123"), lp.first());
}

// Blobs produced by redis-server 7.0.15 (DUMP payload, rdbcompression no):
//   RPUSH list_small a 1 -1 hello 0123 -0 128 -4096 4096 32768 8388608 2147483648
//         9223372036854775807 -9223372036854775808
//   HSET hash_small f1 v1 n 42 neg -200
//   RPUSH list_str64 <64 x 'x'> <63 x 'y'>
TEST(Listpack, ByteExactAgainstRedis) {
  const std::string list_small = unhex(
      "530000000e008161020101dfff028568656c6c6f06843031323305822d3003c08002d00002f100"
      "1003f200800004f30000800005f4000000800000000009f4ffffffffffffff7f09f40000000000"
      "00008009ff");
  Listpack l = make({"a", "1", "-1", "hello", "0123", "-0", "128", "-4096", "4096", "32768",
                     "8388608", "2147483648", "9223372036854775807", "-9223372036854775808"});
  EXPECT_EQ(hex(l.bytes()), hex(list_small));

  const std::string hash_small = unhex("1c00000006008266310382763103816e022a01836e656704df3802ff");
  Listpack h = make({"f1", "v1", "n", "42", "neg", "-200"});
  EXPECT_EQ(hex(h.bytes()), hex(hash_small));

  std::string s64 = unhex("8b0000000200e040");
  s64 += std::string(64, 'x') + unhex("42bf") + std::string(63, 'y') + unhex("40ff");
  Listpack s = make({std::string(64, 'x'), std::string(63, 'y')});
  EXPECT_EQ(hex(s.bytes()), hex(s64));

  // RPUSH list_str4096 <4096 x 'z'>: 32-bit string header, back-length 0x20 0x85.
  const std::string z = unhex("0e1000000100f000100000") + std::string(4096, 'z') + unhex("2085ff");
  EXPECT_EQ(make({std::string(4096, 'z')}).bytes(), z);
  // RPUSH list_str16378 <16378 x 'q'>: encoded size 16383, back-length 00 ff ff.
  const std::string q =
      unhex("094000000100f0fa3f0000") + std::string(16378, 'q') + unhex("00ffffff");
  EXPECT_EQ(make({std::string(16378, 'q')}).bytes(), q);

  for (const std::string* blob :
       std::vector<const std::string*>{&list_small, &hash_small, &s64, &z, &q}) {
    EXPECT_TRUE(Listpack::validate(*blob));
    EXPECT_EQ(Listpack::from_bytes(*blob).bytes(), *blob);
  }
  EXPECT_EQ(contents(Listpack::from_bytes(hash_small)),
            (std::vector<std::string>{"f1", "v1", "n", "42", "neg", "-200"}));
}

TEST(Listpack, SeekAndNavigation) {
  std::vector<std::string> items;
  for (int i = 0; i < 50; ++i)
    items.push_back(i % 3 ? "s" + std::to_string(i) : std::to_string(i * 1000));
  Listpack lp = make(items);
  ASSERT_EQ(lp.size(), items.size());
  for (int64_t i = 0; i < 50; ++i) {
    EXPECT_EQ(lp.get(lp.seek(i)).str(), items[i]);
    EXPECT_EQ(lp.get(lp.seek(i - 50)).str(), items[i]);
  }
  EXPECT_EQ(lp.seek(50), Listpack::kNone);
  EXPECT_EQ(lp.seek(-51), Listpack::kNone);
  EXPECT_EQ(lp.seek(0), lp.first());
  EXPECT_EQ(lp.seek(-1), lp.last());
  EXPECT_EQ(lp.prev(lp.first()), Listpack::kNone);
  EXPECT_EQ(lp.next(lp.last()), Listpack::kNone);
  EXPECT_EQ(contents_backward(lp), items);
}

TEST(Listpack, InsertReplaceEraseInTheMiddle) {
  Listpack lp = make({"a", "b", "c", "d", "e"});
  auto p = lp.seek(2);  // c
  p = lp.insert_before(p, "X");
  EXPECT_EQ(lp.get(p).str(), "X");
  EXPECT_EQ(lp.get(lp.next(p)).str(), "c");
  p = lp.insert_after(lp.seek(-2), "12345");  // after d
  EXPECT_EQ(lp.get(p).str(), "12345");
  EXPECT_TRUE(lp.get(p).is_int);
  EXPECT_EQ(contents(lp), (std::vector<std::string>{"a", "b", "X", "c", "d", "12345", "e"}));

  p = lp.replace(lp.seek(1), std::string(100, 'B'));  // grows
  EXPECT_EQ(lp.get(p).sval, std::string(100, 'B'));
  p = lp.replace(lp.seek(1), "7");  // shrinks
  EXPECT_EQ(lp.get(p).ival, 7);
  EXPECT_EQ(contents(lp), (std::vector<std::string>{"a", "7", "X", "c", "d", "12345", "e"}));

  p = lp.erase(lp.seek(2));
  EXPECT_EQ(lp.get(p).str(), "c");
  EXPECT_EQ(lp.erase(lp.last()), Listpack::kNone);
  EXPECT_EQ(contents(lp), (std::vector<std::string>{"a", "7", "c", "d", "12345"}));
  lp.prepend("first");
  EXPECT_EQ(lp.get(lp.first()).str(), "first");

  lp.erase_range(1, 2);  // a, 7
  EXPECT_EQ(contents(lp), (std::vector<std::string>{"first", "c", "d", "12345"}));
  lp.erase_range(-2, 10);  // clamped: d, 12345
  EXPECT_EQ(contents(lp), (std::vector<std::string>{"first", "c"}));
  lp.erase_range(5, 1);  // out of range: nothing
  lp.erase_range(0, 0);
  EXPECT_EQ(lp.size(), 2u);
  lp.erase_range(-2, 2);
  EXPECT_TRUE(lp.empty());
  EXPECT_EQ(hex(lp.bytes()), "070000000000ff");

  // insert_before(kNone) appends; insert_after(kNone) appends too.
  lp.insert_before(Listpack::kNone, "x");
  lp.insert_after(Listpack::kNone, "y");
  EXPECT_EQ(contents(lp), (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(Listpack::validate(lp.bytes()));
}

TEST(Listpack, AppendFromOwnBuffer) {
  Listpack lp = make({std::string(200, 'a'), "b"});
  for (int i = 0; i < 20; ++i) lp.append(lp.get(lp.first()).sval);  // forces reallocations
  EXPECT_EQ(lp.size(), 22u);
  EXPECT_EQ(lp.get(lp.last()).sval, std::string(200, 'a'));
  lp.replace(lp.seek(1), lp.get(lp.first()).sval);
  EXPECT_EQ(lp.get(lp.seek(1)).sval, std::string(200, 'a'));
  EXPECT_TRUE(Listpack::validate(lp.bytes()));
}

TEST(Listpack, FindWithSkipOverPairs) {
  // field/value pairs where values collide with field names.
  Listpack lp = make({"f1", "f2", "f2", "100", "100", "f1", "-5", "x"});
  EXPECT_EQ(lp.find("f1", 1), lp.seek(0));
  EXPECT_EQ(lp.find("f2", 1), lp.seek(2));   // not the value at index 1
  EXPECT_EQ(lp.find("100", 1), lp.seek(4));  // not the value at index 3
  EXPECT_EQ(lp.find("-5", 1), lp.seek(6));
  EXPECT_EQ(lp.find("x", 1), Listpack::kNone);  // only as a value
  EXPECT_EQ(lp.find("x"), lp.seek(7));
  EXPECT_EQ(lp.find("0100", 1), Listpack::kNone);
  EXPECT_EQ(lp.find("f1", 1, lp.seek(2)), Listpack::kNone);
  EXPECT_EQ(lp.find("f1", 0, lp.seek(2)), lp.seek(5));
  EXPECT_EQ(lp.find("nope", 1), Listpack::kNone);
  // Values found by stepping to the next entry.
  EXPECT_EQ(lp.get(lp.next(lp.find("100", 1))).str(), "f1");
}

TEST(Listpack, MoreThan65535Elements) {
  Listpack lp;
  for (int i = 0; i < 65534; ++i) lp.append_int(i);
  EXPECT_EQ(hex(lp.bytes().substr(4, 2)), "feff");
  lp.append("x");
  EXPECT_EQ(hex(lp.bytes().substr(4, 2)), "ffff");  // 65535: unknown, as Redis writes it
  for (int i = 0; i < 5000; ++i) lp.append(std::to_string(i));
  EXPECT_EQ(lp.size(), 70535u);
  EXPECT_EQ(hex(lp.bytes().substr(4, 2)), "ffff");
  ASSERT_TRUE(Listpack::validate(lp.bytes()));
  {
    const Listpack copy = Listpack::from_bytes(lp.bytes());
    EXPECT_EQ(copy.size(), 70535u);
    EXPECT_EQ(copy.get(copy.seek(-1)).str(), "4999");
    EXPECT_EQ(copy.get(copy.seek(65534)).str(), "x");
  }
  EXPECT_EQ(lp.get(lp.seek(40000)).ival, 40000);
  EXPECT_EQ(lp.find("x"), lp.seek(65534));
  lp.erase_range(0, 5002);
  EXPECT_EQ(lp.size(), 65533u);
  EXPECT_EQ(hex(lp.bytes().substr(4, 2)), "fdff");
  EXPECT_TRUE(Listpack::validate(lp.bytes()));

  // A header of 65535 with few elements is valid (Redis counts by walking).
  std::string blob(Listpack(make({"a", "b", "c"})).bytes());
  blob[4] = blob[5] = '\xff';
  ASSERT_TRUE(Listpack::validate(blob));
  const Listpack small = Listpack::from_bytes(blob);
  EXPECT_EQ(small.size(), 3u);
}

TEST(Listpack, MoveAndClone) {
  Listpack a = make({"a", "1"});
  Listpack b = a.clone();
  Listpack c = std::move(a);
  EXPECT_EQ(b.bytes(), c.bytes());
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is a valid empty listpack
  EXPECT_TRUE(Listpack::validate(a.bytes()));
  a.append("z");
  EXPECT_EQ(contents(a), std::vector<std::string>{"z"});
  b = std::move(c);
  EXPECT_EQ(contents(b), (std::vector<std::string>{"a", "1"}));
  EXPECT_EQ(c.size(), 0u);
}

TEST(Listpack, MemoryBytesTracksCapacity) {
  Listpack lp;
  for (int i = 0; i < 1000; ++i) lp.append(std::string(50, 'v'));
  EXPECT_GE(lp.memory_bytes(), lp.bytes_size());
  EXPECT_LE(lp.memory_bytes(), lp.bytes_size() * 2);
  lp.erase_range(0, 990);
  EXPECT_GE(lp.memory_bytes(), lp.bytes_size());
  EXPECT_LT(lp.memory_bytes(), 4 * lp.bytes_size() + 64);
}

TEST(Listpack, RandomOperationsMatchAModel) {
  std::mt19937 rng(1234);
  auto random_element = [&]() -> std::string {
    switch (rng() % 6) {
      case 0:
        return std::to_string(static_cast<int64_t>(rng()) - (1LL << 31));
      case 1:
        return std::to_string(static_cast<int64_t>(uint64_t{rng()} * rng() * rng()));
      case 2:
        return std::to_string(rng() % 300);
      case 3:
        return std::string(rng() % 100, static_cast<char>('a' + rng() % 26));
      case 4:
        return "0" + std::to_string(rng() % 100);
      default:
        return std::string(rng() % 5000, 'q');
    }
  };
  Listpack lp;
  std::vector<std::string> model;
  for (int step = 0; step < 3000; ++step) {
    const auto n = static_cast<int64_t>(model.size());
    const unsigned op = rng() % 7;
    if (op == 0 || n == 0) {
      auto s = random_element();
      lp.append(s);
      model.push_back(s);
    } else if (op == 1) {
      auto s = random_element();
      lp.prepend(s);
      model.insert(model.begin(), s);
    } else if (op == 2) {
      const int64_t i = rng() % n;
      auto s = random_element();
      lp.insert_before(lp.seek(i), s);
      model.insert(model.begin() + i, s);
    } else if (op == 3) {
      const int64_t i = rng() % n;
      auto s = random_element();
      lp.insert_after(lp.seek(i - n), s);
      model.insert(model.begin() + i + 1, s);
    } else if (op == 4) {
      const int64_t i = rng() % n;
      auto s = random_element();
      lp.replace(lp.seek(i), s);
      model[i] = s;
    } else if (op == 5) {
      const int64_t i = rng() % n;
      lp.erase(lp.seek(i));
      model.erase(model.begin() + i);
    } else {
      const int64_t i = rng() % n;
      const size_t cnt = rng() % 4;
      lp.erase_range(i, cnt);
      model.erase(model.begin() + i, model.begin() + std::min<int64_t>(n, i + cnt));
    }
    ASSERT_EQ(lp.size(), model.size());
    if (step % 50 == 0) {
      ASSERT_TRUE(Listpack::validate(lp.bytes()));
      ASSERT_EQ(contents(lp), model);
      ASSERT_EQ(contents_backward(lp), model);
      if (!model.empty()) {
        const auto& want = model[rng() % model.size()];
        const auto p = lp.find(want);
        ASSERT_NE(p, Listpack::kNone);
        EXPECT_EQ(lp.get(p).str(), want);
      }
    }
  }
  EXPECT_EQ(contents(lp), model);
}

// --- validation of untrusted blobs ---

TEST(ListpackValidate, RejectsStructuralDamage) {
  const std::string good(make({"a", "1", "hello", "-4096", std::string(70, 'x')}).bytes());
  ASSERT_TRUE(Listpack::validate(good));

  EXPECT_FALSE(Listpack::validate(""));
  EXPECT_FALSE(Listpack::validate(unhex("0600000000ff")));      // too short for a header
  EXPECT_FALSE(Listpack::validate(unhex("0700000000")));        // shorter than it says
  EXPECT_FALSE(Listpack::validate(unhex("070000000000fe")));    // no terminator
  EXPECT_FALSE(Listpack::validate(unhex("080000000000ffff")));  // terminator inside
  EXPECT_FALSE(Listpack::validate(unhex("070000000100ff")));    // count 1, no entries
  for (size_t n = 0; n < good.size(); ++n) EXPECT_FALSE(Listpack::validate(good.substr(0, n))) << n;

  auto with = [&](size_t at, unsigned char b) {
    std::string s = good;
    s[at] = static_cast<char>(b);
    return s;
  };
  EXPECT_FALSE(Listpack::validate(with(0, good[0] + 1)));  // total bytes
  EXPECT_FALSE(Listpack::validate(with(4, 4)));            // count mismatch
  EXPECT_FALSE(Listpack::validate(with(4, 6)));
  EXPECT_FALSE(Listpack::validate(with(good.size() - 1, 0x00)));  // terminator
  EXPECT_FALSE(Listpack::validate(with(8, 0x05)));                // "a"'s back-length
  EXPECT_FALSE(Listpack::validate(with(6, 0x85)));                // "a" claims 5 bytes
  EXPECT_FALSE(Listpack::validate(with(6, 0xF5)));                // no such encoding
  EXPECT_FALSE(Listpack::validate(with(6, 0xFF)));                // terminator as an entry

  // A 32-bit string length running far past the end.
  EXPECT_FALSE(Listpack::validate(unhex("0d0000000100f0ffffffff01ff")));
  EXPECT_FALSE(Listpack::validate(unhex("0c0000000100f0ffffff00ff")));
  // A 12-bit string header cut by the terminator.
  EXPECT_FALSE(Listpack::validate(unhex("080000000100e0ff")));
  // A back-length that is not Redis's encoding of the size.
  EXPECT_FALSE(Listpack::validate(unhex("0900000001000182ff")));
  EXPECT_TRUE(
      Listpack::validate(unhex("09000000010001"
                               "01ff")));
  // Integers in a wider encoding than needed are still valid data.
  EXPECT_TRUE(Listpack::validate(unhex("0b0000000100f1050003ff")));
  EXPECT_EQ(Listpack::from_bytes(unhex("0b0000000100f1050003ff")).get(6).ival, 5);
}

// Every blob validate() accepts must be safe to walk both ways and read.
void exercise(std::string_view blob) {
  const Listpack lp = Listpack::from_bytes(blob);
  size_t n = 0;
  IntBuf buf;
  size_t text = 0;
  for (auto p = lp.first(); p != Listpack::kNone; p = lp.next(p), ++n)
    text += lp.get(p).view(buf).size();
  size_t m = 0;
  for (auto p = lp.last(); p != Listpack::kNone; p = lp.prev(p)) ++m;
  ASSERT_EQ(n, lp.size());
  ASSERT_EQ(m, n);
  (void)lp.find("zzz", 1);
  (void)text;
}

TEST(ListpackValidate, SeededMutationsNeverCrash) {
  std::vector<std::string> seeds;
  seeds.emplace_back(make({"a", "1", "-1", "hello", "0123", "128", "-4096", "32768", "8388608",
                           "2147483648", "-9223372036854775808"})
                         .bytes());
  seeds.emplace_back(
      make({"f1", "v1", "n", "42", std::string(64, 'x'), std::string(200, 'y')}).bytes());
  seeds.emplace_back(make({std::string(4096, 'z'), "1"}).bytes());
  seeds.emplace_back(make({}).bytes());
  std::mt19937 rng(20240607);
  size_t accepted = 0;
  for (int iter = 0; iter < 40000; ++iter) {
    std::string s = seeds[iter % seeds.size()];
    const unsigned kind = rng() % 4;
    if (kind == 0) {
      s.resize(rng() % (s.size() + 1));
    } else if (kind == 1) {
      const int flips = 1 + rng() % 4;
      for (int i = 0; i < flips && !s.empty(); ++i) s[rng() % s.size()] = static_cast<char>(rng());
    } else if (kind == 2 && s.size() > 8) {
      // Flip a body byte: the header still matches, so the entry checks run.
      s[6 + rng() % (s.size() - 7)] = static_cast<char>(rng());
    } else {
      // Drop or duplicate a byte in the body, keeping the header consistent.
      const size_t at = 6 + rng() % (s.size() - 6);
      if (rng() % 2)
        s.erase(at, 1);
      else
        s.insert(at, 1, s[at]);
      const auto total = static_cast<uint32_t>(s.size());
      for (int i = 0; i < 4; ++i) s[i] = static_cast<char>(total >> (8 * i));
    }
    // Each mutated blob is copied to its own allocation so ASan sees reads past its end.
    const std::unique_ptr<char[]> exact(new char[s.size() ? s.size() : 1]);
    std::copy(s.begin(), s.end(), exact.get());
    const std::string_view blob(exact.get(), s.size());
    if (Listpack::validate(blob)) {
      ++accepted;
      exercise(blob);
    }
  }
  EXPECT_GT(accepted, 0u);  // some mutations (e.g. string bytes) stay valid
}

}  // namespace
}  // namespace ironkv::store
