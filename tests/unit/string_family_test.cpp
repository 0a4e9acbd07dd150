// String family: every command and error path, asserting the bytes Redis 7.0.15
// sends (checked against redis-server 7.0.15). Expiry runs on the manual clock.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/store/value.h"
#include "harness.h"

namespace ironkv::test {
namespace {

using namespace std::string_literals;

const std::string kWrongType =
    error("WRONGTYPE Operation against a key holding the wrong kind of value");
const std::string kSyntax = error("ERR syntax error");
const std::string kNotInt = error("ERR value is not an integer or out of range");
const std::string kNotFloat = error("ERR value is not a valid float");
const std::string kOverflow = error("ERR increment or decrement would overflow");
const std::string kTooLong =
    error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
std::string invalid_expire(std::string_view cmd) {
  return error("ERR invalid expire time in '" + std::string(cmd) + "' command");
}

// The smallest non-string value: stands in for a list until collections exist.
class FakeList final : public store::Collection {
 public:
  store::ObjType type() const override { return store::ObjType::kList; }
  store::Encoding encoding() const override { return store::Encoding::kQuicklist; }
  std::unique_ptr<store::Collection> clone() const override {
    return std::make_unique<FakeList>();
  }
  size_t memory_bytes() const override { return 0; }
  size_t element_count() const override { return 1; }
};

void put_list(Harness& h, std::string_view key) {
  h.keyspace.db(0).set(key, store::Value::collection(std::make_unique<FakeList>()));
}

bool is_list(Harness& h, std::string_view key) {
  auto* n = h.keyspace.db(0).find_node(key);
  return n != nullptr && n->value.type() == store::ObjType::kList;
}

std::string encoding(Harness& h, std::string_view key) {
  auto* n = h.keyspace.db(0).find_node(key);
  return n == nullptr ? "<none>" : std::string(store::encoding_name(n->value.encoding()));
}

// Remaining TTL in ms, -1 without one, -2 for a missing key (like PTTL).
int64_t pttl(Harness& h, std::string_view key) {
  auto& db = h.keyspace.db(0);
  if (db.find_node(key) == nullptr) return -2;
  int64_t when = db.expire_of(key);
  return when < 0 ? -1 : when - h.clock.now_ms();
}

bool exists(Harness& h, std::string_view key) { return h.keyspace.db(0).find_node(key) != nullptr; }

// ---- GET / SET --------------------------------------------------------------

TEST(StringFamily, SetAndGet) {
  Harness h;
  EXPECT_EQ(h.run({"SET", "k", "v"}), ok());
  EXPECT_EQ(h.run({"GET", "k"}), bulk("v"));
  EXPECT_EQ(h.run({"get", "missing"}), nil());
  EXPECT_EQ(h.run({"SET", "k", ""}), ok());
  EXPECT_EQ(h.run({"GET", "k"}), bulk(""));
  EXPECT_EQ(h.run({"SET", "k"}), error("ERR wrong number of arguments for 'set' command"));
  EXPECT_EQ(h.run({"GET"}), error("ERR wrong number of arguments for 'get' command"));
  EXPECT_EQ(h.run({"GET", "a", "b"}), error("ERR wrong number of arguments for 'get' command"));
}

TEST(StringFamily, BinarySafeValues) {
  Harness h;
  std::string v("a\0b\r\n\0"s);
  std::string key("k\0ey"s);
  EXPECT_EQ(h.run(std::vector<std::string>{"SET", key, v}), ok());
  EXPECT_EQ(h.run(std::vector<std::string>{"GET", key}), bulk(v));
  EXPECT_EQ(h.run({"GET", "k"}), nil());
  EXPECT_EQ(h.run(std::vector<std::string>{"STRLEN", key}), integer(6));
  EXPECT_EQ(h.run(std::vector<std::string>{"APPEND", key, "\0"s}), integer(7));
  EXPECT_EQ(h.run(std::vector<std::string>{"GETRANGE", key, "1", "2"}), bulk("\0b"s));
}

TEST(StringFamily, SetEncodingsLikeRedis) {
  Harness h;
  h.run({"SET", "i", "12345"});
  h.run({"SET", "e", "hello"});
  h.run({"SET", "r", std::string(45, 'x')});
  h.run({"SET", "lz", "0012"});
  EXPECT_EQ(encoding(h, "i"), "int");
  EXPECT_EQ(encoding(h, "e"), "embstr");
  EXPECT_EQ(encoding(h, "r"), "raw");
  EXPECT_EQ(encoding(h, "lz"), "embstr");
  EXPECT_EQ(h.run({"GET", "i"}), bulk("12345"));
  EXPECT_EQ(h.run({"GET", "lz"}), bulk("0012"));
}

TEST(StringFamily, SetNxXx) {
  Harness h;
  EXPECT_EQ(h.run({"SET", "k", "v", "XX"}), nil());
  EXPECT_FALSE(exists(h, "k"));
  EXPECT_EQ(h.run({"SET", "k", "v", "nx"}), ok());
  EXPECT_EQ(h.run({"SET", "k", "w", "NX"}), nil());
  EXPECT_EQ(h.run({"GET", "k"}), bulk("v"));
  EXPECT_EQ(h.run({"SET", "k", "w", "xX"}), ok());
  EXPECT_EQ(h.run({"GET", "k"}), bulk("w"));
  // Repeating an option is accepted.
  EXPECT_EQ(h.run({"SET", "k", "v", "NX", "NX"}), nil());
  EXPECT_EQ(h.run({"SET", "k", "v", "XX", "XX"}), ok());
}

TEST(StringFamily, SetSyntaxErrors) {
  Harness h;
  h.run({"SET", "k", "v"});
  EXPECT_EQ(h.run({"SET", "k", "v", "NX", "XX"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "XX", "NX"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "10", "PX", "100"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "10", "EXAT", "100"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "PXAT", "10", "PX", "100"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "KEEPTTL", "EX", "10"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "10", "KEEPTTL"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "PERSIST"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "EX"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "foo"}), kSyntax);
  EXPECT_EQ(h.run({"SET", "k", "v", "NXX"}), kSyntax);
  // A syntax error comes before the expire value is looked at.
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "abc", "foo"}), kSyntax);
  EXPECT_EQ(h.run({"GET", "k"}), bulk("v"));
}

TEST(StringFamily, SetOptionWordsStopAtNul) {
  // Redis compares option words as C strings.
  Harness h;
  h.run({"SET", "k", "v"});
  EXPECT_EQ(h.run(std::vector<std::string>{"SET", "k", "w", "NX\0junk"s}), nil());
  EXPECT_EQ(h.run(std::vector<std::string>{"SET", "k2", "v", "ex\0"s, "10"}), ok());
  EXPECT_EQ(pttl(h, "k2"), 10000);
  EXPECT_EQ(h.run(std::vector<std::string>{"SET", "k2", "v", "KEEPTTL\0x"s}), ok());
  EXPECT_EQ(pttl(h, "k2"), 10000);
  // Numbers are not truncated.
  EXPECT_EQ(h.run(std::vector<std::string>{"SET", "k", "v", "EX", "10\0"s}), kNotInt);
}

TEST(StringFamily, SetExpireErrors) {
  Harness h;
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "0"}), invalid_expire("set"));
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "-1"}), invalid_expire("set"));
  EXPECT_EQ(h.run({"SET", "k", "v", "PX", "0"}), invalid_expire("set"));
  EXPECT_EQ(h.run({"SET", "k", "v", "EXAT", "0"}), invalid_expire("set"));
  EXPECT_EQ(h.run({"SET", "k", "v", "PXAT", "-5"}), invalid_expire("set"));
  // Seconds that overflow as milliseconds.
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "9223372036854776"}), invalid_expire("set"));
  EXPECT_EQ(h.run({"SET", "k", "v", "EXAT", "9223372036854776"}), invalid_expire("set"));
  // Relative times that overflow when now is added.
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "9223372036854775"}), invalid_expire("set"));
  EXPECT_EQ(h.run({"SET", "k", "v", "PX", "9223372036854775807"}), invalid_expire("set"));
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "abc"}), kNotInt);
  EXPECT_EQ(h.run({"SET", "k", "v", "PX", "1.5"}), kNotInt);
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "99999999999999999999"}), kNotInt);
  EXPECT_FALSE(exists(h, "k"));
  // Absolute times as far as they go.
  EXPECT_EQ(h.run({"SET", "k", "v", "EXAT", "9223372036854775"}), ok());
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), 9223372036854775000);
  EXPECT_EQ(h.run({"SET", "k", "v", "PXAT", "9223372036854775807"}), ok());
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), 9223372036854775807);
}

TEST(StringFamily, SetExpiry) {
  Harness h;
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "10"}), ok());
  EXPECT_EQ(pttl(h, "k"), 10000);
  h.advance_ms(9999);
  EXPECT_EQ(h.run({"GET", "k"}), bulk("v"));
  h.advance_ms(1);
  EXPECT_EQ(h.run({"GET", "k"}), nil());

  EXPECT_EQ(h.run({"SET", "k", "v", "px", "1500"}), ok());
  EXPECT_EQ(pttl(h, "k"), 1500);
  // The last of repeated expiry options wins.
  EXPECT_EQ(h.run({"SET", "k", "v", "EX", "10", "EX", "20"}), ok());
  EXPECT_EQ(pttl(h, "k"), 20000);

  int64_t now = h.clock.now_ms();
  EXPECT_EQ(h.run({"SET", "k", "v", "PXAT", std::to_string(now + 500)}), ok());
  EXPECT_EQ(pttl(h, "k"), 500);
  EXPECT_EQ(h.run({"SET", "k", "v", "EXAT", std::to_string(now / 1000 + 100)}), ok());
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), (now / 1000 + 100) * 1000);
  h.advance_ms(100'000);
  EXPECT_EQ(h.run({"GET", "k"}), nil());

  // An absolute time in the past: accepted, and the key is gone.
  EXPECT_EQ(h.run({"SET", "k", "v", "EXAT", "1"}), ok());
  EXPECT_EQ(h.run({"GET", "k"}), nil());
  EXPECT_EQ(h.run({"SET", "k", "v", "PXAT", "1", "GET"}), nil());
  EXPECT_EQ(h.run({"SET", "k", "v", "PXAT", "1", "GET"}), nil());
  EXPECT_FALSE(exists(h, "k"));
}

TEST(StringFamily, SetKeepTtl) {
  Harness h;
  h.run({"SET", "k", "v", "EX", "100"});
  EXPECT_EQ(h.run({"SET", "k", "w", "KEEPTTL"}), ok());
  EXPECT_EQ(pttl(h, "k"), 100000);
  EXPECT_EQ(h.run({"SET", "k", "x", "keepttl", "KEEPTTL"}), ok());
  EXPECT_EQ(pttl(h, "k"), 100000);
  EXPECT_EQ(h.run({"SET", "k", "y"}), ok());
  EXPECT_EQ(pttl(h, "k"), -1);
  EXPECT_EQ(h.run({"SET", "new", "y", "KEEPTTL"}), ok());
  EXPECT_EQ(pttl(h, "new"), -1);
  // An expired key's TTL is not kept by a later SET KEEPTTL.
  h.run({"SET", "k", "v", "PX", "10"});
  h.advance_ms(10);
  EXPECT_EQ(h.run({"SET", "k", "v", "KEEPTTL"}), ok());
  EXPECT_EQ(h.run({"GET", "k"}), bulk("v"));
  EXPECT_EQ(pttl(h, "k"), -1);
}

TEST(StringFamily, SetGet) {
  Harness h;
  EXPECT_EQ(h.run({"SET", "k", "v", "GET"}), nil());
  EXPECT_EQ(h.run({"GET", "k"}), bulk("v"));
  EXPECT_EQ(h.run({"SET", "k", "w", "get", "GET"}), bulk("v"));
  EXPECT_EQ(h.run({"GET", "k"}), bulk("w"));
  // NX/XX not met: the old value (or nil) is still the reply; nothing is set.
  EXPECT_EQ(h.run({"SET", "k", "x", "NX", "GET"}), bulk("w"));
  EXPECT_EQ(h.run({"GET", "k"}), bulk("w"));
  EXPECT_EQ(h.run({"SET", "m", "x", "XX", "GET"}), nil());
  EXPECT_FALSE(exists(h, "m"));
  EXPECT_EQ(h.run({"SET", "k", "x", "XX", "GET", "PX", "500"}), bulk("w"));
  EXPECT_EQ(pttl(h, "k"), 500);
  EXPECT_EQ(h.run({"SET", "k", "y", "GET", "KEEPTTL"}), bulk("x"));
  EXPECT_EQ(pttl(h, "k"), 500);
  h.run({"SET", "n", "42"});
  EXPECT_EQ(h.run({"SET", "n", "1", "GET"}), bulk("42"));
}

TEST(StringFamily, SetOverWrongType) {
  Harness h;
  put_list(h, "l");
  EXPECT_EQ(h.run({"SET", "l", "v", "GET"}), kWrongType);
  EXPECT_EQ(h.run({"SET", "l", "v", "GET", "NX"}), kWrongType);
  EXPECT_TRUE(is_list(h, "l"));
  // The expiry is checked before GET looks at the type.
  EXPECT_EQ(h.run({"SET", "l", "v", "GET", "EX", "0"}), invalid_expire("set"));
  // Without GET, SET replaces whatever is there.
  EXPECT_EQ(h.run({"SET", "l", "v", "NX"}), nil());
  EXPECT_EQ(h.run({"SET", "l", "v", "XX"}), ok());
  EXPECT_EQ(h.run({"GET", "l"}), bulk("v"));
  put_list(h, "l2");
  EXPECT_EQ(h.run({"SET", "l2", "v"}), ok());
  EXPECT_EQ(h.run({"GET", "l2"}), bulk("v"));
}

TEST(StringFamily, SetNxCommand) {
  Harness h;
  EXPECT_EQ(h.run({"SETNX", "k", "v"}), integer(1));
  EXPECT_EQ(h.run({"SETNX", "k", "w"}), integer(0));
  EXPECT_EQ(h.run({"GET", "k"}), bulk("v"));
  put_list(h, "l");
  EXPECT_EQ(h.run({"SETNX", "l", "w"}), integer(0));
  h.run({"SET", "t", "v", "PX", "5"});
  h.advance_ms(5);
  EXPECT_EQ(h.run({"SETNX", "t", "w"}), integer(1));
  EXPECT_EQ(h.run({"SETNX", "k"}), error("ERR wrong number of arguments for 'setnx' command"));
}

TEST(StringFamily, SetExAndPSetEx) {
  Harness h;
  EXPECT_EQ(h.run({"SETEX", "k", "10", "v"}), ok());
  EXPECT_EQ(pttl(h, "k"), 10000);
  EXPECT_EQ(h.run({"PSETEX", "k", "100", "w"}), ok());
  EXPECT_EQ(pttl(h, "k"), 100);
  EXPECT_EQ(h.run({"GET", "k"}), bulk("w"));
  h.advance_ms(100);
  EXPECT_EQ(h.run({"GET", "k"}), nil());

  EXPECT_EQ(h.run({"SETEX", "k", "0", "v"}), invalid_expire("setex"));
  EXPECT_EQ(h.run({"SETEX", "k", "-1", "v"}), invalid_expire("setex"));
  EXPECT_EQ(h.run({"SETEX", "k", "9223372036854775", "v"}), invalid_expire("setex"));
  EXPECT_EQ(h.run({"SETEX", "k", "9223372036854776", "v"}), invalid_expire("setex"));
  EXPECT_EQ(h.run({"PSETEX", "k", "-5", "v"}), invalid_expire("psetex"));
  EXPECT_EQ(h.run({"PSETEX", "k", "9223372036854775807", "v"}), invalid_expire("psetex"));
  EXPECT_EQ(h.run({"SETEX", "k", "x", "v"}), kNotInt);
  EXPECT_EQ(h.run({"SETEX", "k", "-0", "v"}), kNotInt);
  EXPECT_EQ(h.run({"SETEX", "k", "10"}), error("ERR wrong number of arguments for 'setex' command"));
  EXPECT_FALSE(exists(h, "k"));
  put_list(h, "l");
  EXPECT_EQ(h.run({"SETEX", "l", "10", "v"}), ok());
  EXPECT_EQ(h.run({"GET", "l"}), bulk("v"));
}

// ---- GETSET / GETDEL / GETEX ----------------------------------------------------

TEST(StringFamily, GetSet) {
  Harness h;
  EXPECT_EQ(h.run({"GETSET", "k", "v"}), nil());
  EXPECT_EQ(h.run({"GET", "k"}), bulk("v"));
  h.keyspace.db(0).set_expire("k", h.clock.now_ms() + 1000);
  EXPECT_EQ(h.run({"GETSET", "k", "12"}), bulk("v"));
  EXPECT_EQ(pttl(h, "k"), -1);  // GETSET discards the TTL
  EXPECT_EQ(encoding(h, "k"), "int");
  put_list(h, "l");
  EXPECT_EQ(h.run({"GETSET", "l", "v"}), kWrongType);
  EXPECT_TRUE(is_list(h, "l"));
}

TEST(StringFamily, GetDel) {
  Harness h;
  h.run({"SET", "k", "v", "EX", "100"});
  EXPECT_EQ(h.run({"GETDEL", "k"}), bulk("v"));
  EXPECT_FALSE(exists(h, "k"));
  EXPECT_EQ(h.keyspace.db(0).expires_size(), 0u);
  EXPECT_EQ(h.run({"GETDEL", "k"}), nil());
  put_list(h, "l");
  EXPECT_EQ(h.run({"GETDEL", "l"}), kWrongType);
  EXPECT_TRUE(is_list(h, "l"));
}

TEST(StringFamily, GetExOptions) {
  Harness h;
  h.run({"SET", "k", "v"});
  EXPECT_EQ(h.run({"GETEX", "k"}), bulk("v"));
  EXPECT_EQ(pttl(h, "k"), -1);
  EXPECT_EQ(h.run({"GETEX", "k", "EX", "10"}), bulk("v"));
  EXPECT_EQ(pttl(h, "k"), 10000);
  EXPECT_EQ(h.run({"GETEX", "k", "px", "500"}), bulk("v"));
  EXPECT_EQ(pttl(h, "k"), 500);
  EXPECT_EQ(h.run({"GETEX", "k", "EX", "10", "EX", "20"}), bulk("v"));
  EXPECT_EQ(pttl(h, "k"), 20000);
  int64_t now = h.clock.now_ms();
  EXPECT_EQ(h.run({"GETEX", "k", "PXAT", std::to_string(now + 42)}), bulk("v"));
  EXPECT_EQ(pttl(h, "k"), 42);
  EXPECT_EQ(h.run({"GETEX", "k", "EXAT", std::to_string(now / 1000 + 7)}), bulk("v"));
  EXPECT_EQ(h.keyspace.db(0).expire_of("k"), (now / 1000 + 7) * 1000);
  EXPECT_EQ(h.run({"GETEX", "k", "PERSIST"}), bulk("v"));
  EXPECT_EQ(pttl(h, "k"), -1);
  EXPECT_EQ(h.run({"GETEX", "k", "persist", "PERSIST"}), bulk("v"));
  // Expiry by the clock after GETEX EX.
  EXPECT_EQ(h.run({"GETEX", "k", "EX", "1"}), bulk("v"));
  h.advance_ms(1000);
  EXPECT_EQ(h.run({"GETEX", "k"}), nil());
}

TEST(StringFamily, GetExAbsoluteInThePastDeletes) {
  Harness h;
  h.run({"SET", "k", "v"});
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"GETEX", "k", "EXAT", "1"}), bulk("v"));
  EXPECT_FALSE(exists(h, "k"));
  EXPECT_EQ(h.keyspace.dirty(), dirty + 1);
  h.run({"SET", "k", "v"});
  EXPECT_EQ(h.run({"GETEX", "k", "PXAT", std::to_string(h.clock.now_ms())}), bulk("v"));
  EXPECT_EQ(h.run({"GET", "k"}), nil());
}

TEST(StringFamily, GetExErrors) {
  Harness h;
  // Syntax first, even for a missing key; then a missing key is nil before the
  // expiry is checked.
  EXPECT_EQ(h.run({"GETEX", "nokey", "foo"}), kSyntax);
  EXPECT_EQ(h.run({"GETEX", "nokey", "NX"}), kSyntax);
  EXPECT_EQ(h.run({"GETEX", "nokey", "EX", "-1"}), nil());
  h.run({"SET", "k", "v"});
  EXPECT_EQ(h.run({"GETEX", "k", "EX", "0"}), invalid_expire("getex"));
  EXPECT_EQ(h.run({"GETEX", "k", "PX", "-1"}), invalid_expire("getex"));
  EXPECT_EQ(h.run({"GETEX", "k", "PX", "9223372036854775807"}), invalid_expire("getex"));
  EXPECT_EQ(h.run({"GETEX", "k", "EXAT", "9223372036854776"}), invalid_expire("getex"));
  EXPECT_EQ(h.run({"GETEX", "k", "EX", "abc"}), kNotInt);
  EXPECT_EQ(h.run({"GETEX", "k", "PERSIST", "EX", "10"}), kSyntax);
  EXPECT_EQ(h.run({"GETEX", "k", "EX", "10", "PERSIST"}), kSyntax);
  EXPECT_EQ(h.run({"GETEX", "k", "EX", "10", "PX", "10"}), kSyntax);
  EXPECT_EQ(h.run({"GETEX", "k", "KEEPTTL"}), kSyntax);
  EXPECT_EQ(h.run({"GETEX", "k", "GET"}), kSyntax);
  EXPECT_EQ(h.run({"GETEX", "k", "XX"}), kSyntax);
  EXPECT_EQ(h.run({"GETEX", "k", "EX"}), kSyntax);
  EXPECT_EQ(pttl(h, "k"), -1);
  EXPECT_EQ(h.run({"GETEX"}), error("ERR wrong number of arguments for 'getex' command"));
  put_list(h, "l");
  EXPECT_EQ(h.run({"GETEX", "l"}), kWrongType);
  EXPECT_EQ(h.run({"GETEX", "l", "EX", "-1"}), kWrongType);
  EXPECT_EQ(h.run({"GETEX", "l", "foo"}), kSyntax);
}

TEST(StringFamily, GetExDirtyOnlyWhenChanged) {
  Harness h;
  h.run({"SET", "k", "v"});
  uint64_t d = h.keyspace.dirty();
  h.run({"GETEX", "k"});
  h.run({"GETEX", "k", "PERSIST"});
  EXPECT_EQ(h.keyspace.dirty(), d);
  h.run({"GETEX", "k", "EX", "5"});
  EXPECT_EQ(h.keyspace.dirty(), d + 1);
  h.run({"GETEX", "k", "PERSIST"});
  EXPECT_EQ(h.keyspace.dirty(), d + 2);
}

// ---- MGET / MSET / MSETNX -------------------------------------------------------

TEST(StringFamily, MGet) {
  Harness h;
  h.run({"SET", "a", "1"});
  h.run({"SET", "b", "two"});
  put_list(h, "l");
  EXPECT_EQ(h.run({"MGET", "a", "l", "nokey", "b"}),
            "*4\r\n$1\r\n1\r\n$-1\r\n$-1\r\n$3\r\ntwo\r\n");
  EXPECT_EQ(h.run({"MGET", "nokey"}), "*1\r\n$-1\r\n");
  EXPECT_EQ(h.run({"MGET", "a", "a"}), bulks({"1", "1"}));
  EXPECT_EQ(h.run({"MGET"}), error("ERR wrong number of arguments for 'mget' command"));
}

TEST(StringFamily, MSet) {
  Harness h;
  h.run({"SET", "a", "old", "EX", "100"});
  put_list(h, "l");
  EXPECT_EQ(h.run({"MSET", "a", "1", "b", "2", "l", "3"}), ok());
  EXPECT_EQ(h.run({"MGET", "a", "b", "l"}), bulks({"1", "2", "3"}));
  EXPECT_EQ(pttl(h, "a"), -1);
  EXPECT_EQ(h.run({"MSET", "x", "1", "x", "2"}), ok());
  EXPECT_EQ(h.run({"GET", "x"}), bulk("2"));
  EXPECT_EQ(h.run({"MSET", "a"}), error("ERR wrong number of arguments for 'mset' command"));
  EXPECT_EQ(h.run({"MSET", "a", "9", "b"}),
            error("ERR wrong number of arguments for 'mset' command"));
  EXPECT_EQ(h.run({"GET", "a"}), bulk("1"));
}

TEST(StringFamily, MSetNxIsAllOrNothing) {
  Harness h;
  h.run({"SET", "a", "1"});
  EXPECT_EQ(h.run({"MSETNX", "x", "1", "a", "2", "y", "3"}), integer(0));
  EXPECT_FALSE(exists(h, "x"));
  EXPECT_FALSE(exists(h, "y"));
  EXPECT_EQ(h.run({"GET", "a"}), bulk("1"));
  put_list(h, "l");
  EXPECT_EQ(h.run({"MSETNX", "x", "1", "l", "2"}), integer(0));
  EXPECT_EQ(h.run({"MSETNX", "x", "1", "y", "2"}), integer(1));
  EXPECT_EQ(h.run({"MGET", "x", "y"}), bulks({"1", "2"}));
  EXPECT_EQ(h.run({"MSETNX", "z", "1", "z", "2"}), integer(1));
  EXPECT_EQ(h.run({"GET", "z"}), bulk("2"));
  // An expired key counts as absent.
  h.run({"SET", "t", "v", "PX", "5"});
  h.advance_ms(5);
  EXPECT_EQ(h.run({"MSETNX", "t", "new"}), integer(1));
  EXPECT_EQ(h.run({"MSETNX", "a", "1", "b"}),
            error("ERR wrong number of arguments for 'msetnx' command"));
}

// ---- APPEND / STRLEN ----------------------------------------------------------------

TEST(StringFamily, Append) {
  Harness h;
  EXPECT_EQ(h.run({"APPEND", "k", "12"}), integer(2));
  EXPECT_EQ(encoding(h, "k"), "int");  // a new key is encoded like SET
  EXPECT_EQ(h.run({"APPEND", "k", ""}), integer(2));
  EXPECT_EQ(encoding(h, "k"), "raw");
  EXPECT_EQ(h.run({"APPEND", "k", "34"}), integer(4));
  EXPECT_EQ(h.run({"GET", "k"}), bulk("1234"));
  EXPECT_EQ(h.run({"APPEND", "e", "hello"}), integer(5));
  EXPECT_EQ(encoding(h, "e"), "embstr");
  EXPECT_EQ(h.run({"APPEND", "e", std::string(100, 'x')}), integer(105));
  EXPECT_EQ(h.run({"STRLEN", "e"}), integer(105));
  // APPEND keeps the TTL.
  h.run({"SET", "t", "a", "EX", "100"});
  EXPECT_EQ(h.run({"APPEND", "t", "b"}), integer(2));
  EXPECT_EQ(pttl(h, "t"), 100000);
  put_list(h, "l");
  EXPECT_EQ(h.run({"APPEND", "l", "x"}), kWrongType);
}

TEST(StringFamily, AppendRespectsProtoMaxBulkLen) {
  Harness h;
  h.server.config.proto_max_bulk_len = 10;
  EXPECT_EQ(h.run({"APPEND", "k", "12345"}), integer(5));
  EXPECT_EQ(h.run({"APPEND", "k", "67890"}), integer(10));
  EXPECT_EQ(h.run({"APPEND", "k", "x"}), kTooLong);
  EXPECT_EQ(h.run({"GET", "k"}), bulk("1234567890"));
  // A new key takes the argument as it is (it already passed the protocol limit).
  EXPECT_EQ(h.run({"APPEND", "n", std::string(11, 'x')}), integer(11));
}

TEST(StringFamily, Strlen) {
  Harness h;
  EXPECT_EQ(h.run({"STRLEN", "nokey"}), integer(0));
  h.run({"SET", "n", "-12345"});
  EXPECT_EQ(h.run({"STRLEN", "n"}), integer(6));
  h.run({"SET", "s", "hello world"});
  EXPECT_EQ(h.run({"STRLEN", "s"}), integer(11));
  put_list(h, "l");
  EXPECT_EQ(h.run({"STRLEN", "l"}), kWrongType);
}

// ---- GETRANGE / SUBSTR / SETRANGE -------------------------------------------------

TEST(StringFamily, GetRange) {
  Harness h;
  h.run({"SET", "s", "Hello World"});
  EXPECT_EQ(h.run({"GETRANGE", "s", "0", "3"}), bulk("Hell"));
  EXPECT_EQ(h.run({"GETRANGE", "s", "-3", "-1"}), bulk("rld"));
  EXPECT_EQ(h.run({"GETRANGE", "s", "0", "-1"}), bulk("Hello World"));
  EXPECT_EQ(h.run({"GETRANGE", "s", "10", "100"}), bulk("d"));
  EXPECT_EQ(h.run({"GETRANGE", "s", "-1", "-5"}), bulk(""));
  EXPECT_EQ(h.run({"GETRANGE", "s", "5", "3"}), bulk(""));
  EXPECT_EQ(h.run({"GETRANGE", "s", "-100", "2"}), bulk("Hel"));
  // Redis 7.0: a range wholly before the start clamps to the first byte.
  EXPECT_EQ(h.run({"GETRANGE", "s", "-100", "-90"}), bulk("H"));
  EXPECT_EQ(h.run({"GETRANGE", "s", "100", "200"}), bulk(""));
  EXPECT_EQ(h.run({"GETRANGE", "s", "-9223372036854775808", "9223372036854775807"}),
            bulk("Hello World"));
  EXPECT_EQ(h.run({"GETRANGE", "s", "x", "1"}), kNotInt);
  EXPECT_EQ(h.run({"GETRANGE", "s", "0", "9223372036854775808"}), kNotInt);
  EXPECT_EQ(h.run({"GETRANGE", "nokey", "0", "1"}), bulk(""));
  h.run({"SET", "e", ""});
  EXPECT_EQ(h.run({"GETRANGE", "e", "0", "-1"}), bulk(""));
  EXPECT_EQ(h.run({"GETRANGE", "e", "0", "0"}), bulk(""));
  h.run({"SET", "n", "12345"});
  EXPECT_EQ(h.run({"GETRANGE", "n", "1", "2"}), bulk("23"));
  EXPECT_EQ(h.run({"SUBSTR", "n", "1", "-2"}), bulk("234"));
  EXPECT_EQ(h.run({"SUBSTR", "n", "1"}), error("ERR wrong number of arguments for 'substr' command"));
  put_list(h, "l");
  EXPECT_EQ(h.run({"GETRANGE", "l", "0", "1"}), kWrongType);
  EXPECT_EQ(h.run({"GETRANGE", "l", "x", "1"}), kNotInt);  // arguments are parsed first
}

TEST(StringFamily, SetRange) {
  Harness h;
  EXPECT_EQ(h.run({"SETRANGE", "k", "3", "ab"}), integer(5));
  EXPECT_EQ(h.run({"GET", "k"}), bulk("\0\0\0ab"s));
  EXPECT_EQ(encoding(h, "k"), "raw");
  EXPECT_EQ(h.run({"SETRANGE", "k", "1", "X"}), integer(5));
  EXPECT_EQ(h.run({"GET", "k"}), bulk("\0X\0ab"s));
  EXPECT_EQ(h.run({"SETRANGE", "k", "7", "Z"}), integer(8));
  EXPECT_EQ(h.run({"GET", "k"}), bulk("\0X\0ab\0\0Z"s));
  EXPECT_EQ(h.run({"SETRANGE", "k", "0", ""}), integer(8));
  EXPECT_EQ(h.run({"SETRANGE", "k", "100", ""}), integer(8));  // empty: nothing changes

  // Empty value on a missing key: 0, and no key is created.
  EXPECT_EQ(h.run({"SETRANGE", "nk", "5", ""}), integer(0));
  EXPECT_FALSE(exists(h, "nk"));

  h.run({"SET", "n", "12345"});
  EXPECT_EQ(h.run({"SETRANGE", "n", "0", "9"}), integer(5));
  EXPECT_EQ(encoding(h, "n"), "raw");
  EXPECT_EQ(h.run({"GET", "n"}), bulk("92345"));

  h.run({"SET", "t", "hello", "EX", "100"});
  EXPECT_EQ(h.run({"SETRANGE", "t", "0", "J"}), integer(5));
  EXPECT_EQ(h.run({"GET", "t"}), bulk("Jello"));
  EXPECT_EQ(pttl(h, "t"), 100000);
}

TEST(StringFamily, SetRangeErrors) {
  Harness h;
  EXPECT_EQ(h.run({"SETRANGE", "k", "-1", "x"}), error("ERR offset is out of range"));
  EXPECT_EQ(h.run({"SETRANGE", "k", "x", "x"}), kNotInt);
  EXPECT_EQ(h.run({"SETRANGE", "k", "1.0", "x"}), kNotInt);
  put_list(h, "l");
  EXPECT_EQ(h.run({"SETRANGE", "l", "0", "x"}), kWrongType);
  EXPECT_EQ(h.run({"SETRANGE", "l", "0", ""}), kWrongType);
  EXPECT_EQ(h.run({"SETRANGE", "l", "-1", "x"}), error("ERR offset is out of range"));
  EXPECT_FALSE(exists(h, "k"));
}

TEST(StringFamily, SetRangeRespectsProtoMaxBulkLen) {
  Harness h;
  h.server.config.proto_max_bulk_len = 16;
  EXPECT_EQ(h.run({"SETRANGE", "k", "16", "x"}), kTooLong);
  EXPECT_EQ(h.run({"SETRANGE", "k", "15", "xy"}), kTooLong);
  EXPECT_FALSE(exists(h, "k"));
  EXPECT_EQ(h.run({"SETRANGE", "k", "15", "x"}), integer(16));
  EXPECT_EQ(h.run({"SETRANGE", "k", "16", "x"}), kTooLong);
  EXPECT_EQ(h.run({"SETRANGE", "k", "9223372036854775807", "xy"}), kTooLong);
  EXPECT_EQ(h.run({"SETRANGE", "k", "0", "abc"}), integer(16));
  EXPECT_EQ(h.run({"GETRANGE", "k", "0", "3"}), bulk("abc\0"s));
}

// ---- INCR / DECR / INCRBY / DECRBY -------------------------------------------------

TEST(StringFamily, IncrDecr) {
  Harness h;
  EXPECT_EQ(h.run({"INCR", "c"}), integer(1));
  EXPECT_EQ(encoding(h, "c"), "int");
  EXPECT_EQ(h.run({"INCR", "c"}), integer(2));
  EXPECT_EQ(h.run({"DECR", "c"}), integer(1));
  EXPECT_EQ(h.run({"DECR", "d"}), integer(-1));
  EXPECT_EQ(h.run({"INCRBY", "c", "10"}), integer(11));
  EXPECT_EQ(h.run({"INCRBY", "c", "-20"}), integer(-9));
  EXPECT_EQ(h.run({"DECRBY", "c", "-9"}), integer(0));
  EXPECT_EQ(h.run({"DECRBY", "c", "5"}), integer(-5));
  EXPECT_EQ(h.run({"GET", "c"}), bulk("-5"));
  EXPECT_EQ(h.run({"INCRBY", "new", "7"}), integer(7));
  EXPECT_EQ(h.run({"DECRBY", "new2", "7"}), integer(-7));
}

TEST(StringFamily, IncrOnTextAndRawValues) {
  Harness h;
  // A number stored as raw text (after APPEND) still counts, and becomes int.
  h.run({"SET", "k", "10"});
  h.run({"APPEND", "k", "1"});
  EXPECT_EQ(encoding(h, "k"), "raw");
  EXPECT_EQ(h.run({"INCR", "k"}), integer(102));
  EXPECT_EQ(encoding(h, "k"), "int");
  for (const char* bad : {"abc", " 1", "1 ", "-0", "0010", "1.5", "+1", "", "99999999999999999999"}) {
    h.run({"SET", "b", bad});
    EXPECT_EQ(h.run({"INCR", "b"}), kNotInt) << bad;
    EXPECT_EQ(h.run({"GET", "b"}), bulk(bad)) << bad;
  }
}

TEST(StringFamily, IncrKeepsTtl) {
  Harness h;
  h.run({"SET", "k", "5", "EX", "100"});
  EXPECT_EQ(h.run({"INCR", "k"}), integer(6));
  EXPECT_EQ(h.run({"INCRBY", "k", "4"}), integer(10));
  EXPECT_EQ(pttl(h, "k"), 100000);
  h.advance_ms(100000);
  EXPECT_EQ(h.run({"INCR", "k"}), integer(1));
  EXPECT_EQ(pttl(h, "k"), -1);
}

TEST(StringFamily, IncrOverflowAndArgumentErrors) {
  Harness h;
  h.run({"SET", "max", "9223372036854775807"});
  EXPECT_EQ(h.run({"INCR", "max"}), kOverflow);
  EXPECT_EQ(h.run({"INCRBY", "max", "1"}), kOverflow);
  EXPECT_EQ(h.run({"DECRBY", "max", "-1"}), kOverflow);
  EXPECT_EQ(h.run({"GET", "max"}), bulk("9223372036854775807"));
  h.run({"SET", "min", "-9223372036854775808"});
  EXPECT_EQ(h.run({"DECR", "min"}), kOverflow);
  EXPECT_EQ(h.run({"DECRBY", "min", "1"}), kOverflow);
  EXPECT_EQ(h.run({"INCRBY", "min", "9223372036854775807"}), integer(-1));
  h.run({"SET", "min", "-9223372036854775808"});
  EXPECT_EQ(h.run({"DECRBY", "min", "-9223372036854775807"}), integer(-1));
  EXPECT_EQ(h.run({"INCRBY", "z", "-9223372036854775808"}), integer(INT64_MIN));
  // DECRBY of LLONG_MIN cannot be negated: checked before the key is looked at.
  EXPECT_EQ(h.run({"DECRBY", "x", "-9223372036854775808"}), error("ERR decrement would overflow"));
  EXPECT_FALSE(exists(h, "x"));

  EXPECT_EQ(h.run({"INCRBY", "x", "abc"}), kNotInt);
  EXPECT_EQ(h.run({"INCRBY", "x", "+1"}), kNotInt);
  EXPECT_EQ(h.run({"INCRBY", "x", "1.0"}), kNotInt);
  EXPECT_EQ(h.run({"INCRBY", "x", "-9223372036854775809"}), kNotInt);
  EXPECT_EQ(h.run({"DECRBY", "x", "9223372036854775808"}), kNotInt);
  EXPECT_FALSE(exists(h, "x"));
}

TEST(StringFamily, IncrWrongType) {
  Harness h;
  put_list(h, "l");
  EXPECT_EQ(h.run({"INCR", "l"}), kWrongType);
  EXPECT_EQ(h.run({"DECR", "l"}), kWrongType);
  EXPECT_EQ(h.run({"INCRBY", "l", "1"}), kWrongType);
  EXPECT_EQ(h.run({"DECRBY", "l", "1"}), kWrongType);
  // Argument errors come first.
  EXPECT_EQ(h.run({"INCRBY", "l", "x"}), kNotInt);
  EXPECT_EQ(h.run({"DECRBY", "l", "-9223372036854775808"}), error("ERR decrement would overflow"));
  EXPECT_TRUE(is_list(h, "l"));
}

// ---- INCRBYFLOAT --------------------------------------------------------------------

TEST(StringFamily, IncrByFloatFormatting) {
  Harness h;
  h.run({"SET", "k", "10.5"});
  EXPECT_EQ(h.run({"INCRBYFLOAT", "k", "0.1"}), bulk("10.6"));
  h.run({"SET", "k", "5.0e3"});
  EXPECT_EQ(h.run({"INCRBYFLOAT", "k", "2.0e2"}), bulk("5200"));
  EXPECT_EQ(encoding(h, "k"), "embstr");  // never int-encoded, like Redis
  EXPECT_EQ(h.run({"GET", "k"}), bulk("5200"));
  h.run({"SET", "k", "3"});
  EXPECT_EQ(h.run({"INCRBYFLOAT", "k", "1.5"}), bulk("4.5"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "k", "1e20"}), bulk("100000000000000000008"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "a", "1.1"}), bulk("1.1"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "a", "-1.1"}), bulk("0"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "z", "-0.0"}), bulk("0"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "tiny", "1e-20"}), bulk("0"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "p", "+1"}), bulk("1"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "p", "1."}), bulk("2"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "p", ".5"}), bulk("2.5"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "h", "0x10"}), bulk("16"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "h", "-0.0000000000000000001"}), bulk("16"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "big", "1e308"}),
            bulk("99999999999999999996685879655845645660560099847415567207797047994921734868838"
                 "061872100126921888539320446747225054013223152134749593960583597420814430196418"
                 "767959100019603190778663109604507106667939153395788938914560543563061268364901"
                 "618630217086589253444881623791300855757318142424510452728255046343928578048"));
  EXPECT_EQ(encoding(h, "big"), "raw");
  h.run({"SET", "long", "123456789012345678901234567890123456789012345678901"});
  EXPECT_EQ(h.run({"INCRBYFLOAT", "long", "1"}),
            bulk("123456789012345678905264835765595787881565613195264"));
}

TEST(StringFamily, IncrByFloatErrors) {
  Harness h;
  for (const char* bad : {"abc", " 1", "1 ", "", "nan", "1e5000", "1.5x"}) {
    EXPECT_EQ(h.run({"INCRBYFLOAT", "k", bad}), kNotFloat) << bad;
  }
  EXPECT_EQ(h.run(std::vector<std::string>{"INCRBYFLOAT", "k", "1\0"s}), kNotFloat);
  EXPECT_FALSE(exists(h, "k"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "k", "inf"}), error("ERR increment would produce NaN or Infinity"));
  EXPECT_EQ(h.run({"INCRBYFLOAT", "k", "-infinity"}),
            error("ERR increment would produce NaN or Infinity"));
  h.run({"SET", "k", "1.5e308"});
  EXPECT_EQ(h.run({"INCRBYFLOAT", "k", "1.5e308"}),
            bulk("2999999999999999999998029529789369360620336819301218899342673708423602121333"
                 "820920735133294564320440638058567410440499286817091650132904189757216131557923"
                 "503504552873551222257555206065134777930336882498428568703920344302826630234735"
                 "78541488576654642706081008486842868180099693230377808905266593729023699845120"));
  h.run({"SET", "s", "abc"});
  EXPECT_EQ(h.run({"INCRBYFLOAT", "s", "1"}), kNotFloat);
  put_list(h, "l");
  // WRONGTYPE comes before the increment is parsed.
  EXPECT_EQ(h.run({"INCRBYFLOAT", "l", "x"}), kWrongType);
  EXPECT_EQ(h.run({"INCRBYFLOAT", "l", "1"}), kWrongType);
}

TEST(StringFamily, IncrByFloatKeepsTtl) {
  Harness h;
  h.run({"SET", "k", "5", "EX", "100"});
  EXPECT_EQ(h.run({"INCRBYFLOAT", "k", "1"}), bulk("6"));
  EXPECT_EQ(pttl(h, "k"), 100000);
  EXPECT_EQ(h.run({"INCR", "k"}), integer(7));
}

// ---- LCS ------------------------------------------------------------------------------

TEST(StringFamily, Lcs) {
  Harness h;
  h.run({"MSET", "key1", "ohmytext", "key2", "mynewtext"});
  EXPECT_EQ(h.run({"LCS", "key1", "key2"}), bulk("mytext"));
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "LEN"}), integer(6));
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "len", "LEN", "withmatchlen"}), integer(6));
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "WITHMATCHLEN"}), bulk("mytext"));
  const std::string idx =
      "*4\r\n$7\r\nmatches\r\n*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n*2\r\n*2\r\n:2\r\n:"
      "3\r\n*2\r\n:0\r\n:1\r\n$3\r\nlen\r\n:6\r\n";
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "IDX"}), idx);
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "MINMATCHLEN", "-5", "idx"}), idx);
  EXPECT_EQ(h.run(std::vector<std::string>{"LCS", "key1", "key2", "idx\0x"s}), idx);
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4"}),
            "*4\r\n$7\r\nmatches\r\n*1\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n$3\r\nlen\r\n:"
            "6\r\n");
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"}),
            "*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n$3\r\nlen"
            "\r\n:6\r\n");
  // Int-encoded values compare as their text.
  h.run({"SET", "n1", "12345"});
  h.run({"SET", "n2", "2345"});
  EXPECT_EQ(h.run({"LCS", "n1", "n2", "IDX", "WITHMATCHLEN"}),
            "*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:1\r\n:4\r\n*2\r\n:0\r\n:3\r\n:4\r\n$3\r\nlen"
            "\r\n:4\r\n");
  // Missing keys are empty strings.
  EXPECT_EQ(h.run({"LCS", "key1", "nokey"}), bulk(""));
  EXPECT_EQ(h.run({"LCS", "key1", "nokey", "IDX"}),
            "*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n");
  EXPECT_EQ(h.run({"LCS", "nokey", "nokey2", "LEN"}), integer(0));
}

TEST(StringFamily, LcsErrors) {
  Harness h;
  h.run({"MSET", "key1", "ohmytext", "key2", "mynewtext"});
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "IDX", "LEN"}),
            error("ERR If you want both the length and indexes, please just use IDX."));
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "foo"}), kSyntax);
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "MINMATCHLEN"}), kSyntax);
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "MINMATCHLEN", "x"}), kNotInt);
  EXPECT_EQ(h.run({"LCS", "key1", "key2", "LEN", "MINMATCHLEN", "x"}), kNotInt);
  EXPECT_EQ(h.run({"LCS", "key1"}), error("ERR wrong number of arguments for 'lcs' command"));
  put_list(h, "l");
  const std::string not_strings = error("ERR The specified keys must contain string values");
  EXPECT_EQ(h.run({"LCS", "key1", "l"}), not_strings);
  EXPECT_EQ(h.run({"LCS", "l", "key1", "foo"}), not_strings);
}

// ---- Cross-cutting ----------------------------------------------------------------------

TEST(StringFamily, WrongTypeEverywhere) {
  Harness h;
  put_list(h, "l");
  EXPECT_EQ(h.run({"GET", "l"}), kWrongType);
  EXPECT_EQ(h.run({"GETSET", "l", "v"}), kWrongType);
  EXPECT_EQ(h.run({"GETDEL", "l"}), kWrongType);
  EXPECT_EQ(h.run({"GETEX", "l", "PERSIST"}), kWrongType);
  EXPECT_EQ(h.run({"SET", "l", "v", "GET"}), kWrongType);
  EXPECT_EQ(h.run({"APPEND", "l", "v"}), kWrongType);
  EXPECT_EQ(h.run({"STRLEN", "l"}), kWrongType);
  EXPECT_EQ(h.run({"GETRANGE", "l", "0", "-1"}), kWrongType);
  EXPECT_EQ(h.run({"SUBSTR", "l", "0", "-1"}), kWrongType);
  EXPECT_EQ(h.run({"SETRANGE", "l", "0", "v"}), kWrongType);
  EXPECT_EQ(h.run({"INCR", "l"}), kWrongType);
  EXPECT_EQ(h.run({"DECR", "l"}), kWrongType);
  EXPECT_EQ(h.run({"INCRBY", "l", "2"}), kWrongType);
  EXPECT_EQ(h.run({"DECRBY", "l", "2"}), kWrongType);
  EXPECT_EQ(h.run({"INCRBYFLOAT", "l", "2"}), kWrongType);
  EXPECT_EQ(h.run({"MGET", "l"}), "*1\r\n$-1\r\n");
  EXPECT_TRUE(is_list(h, "l"));
}

TEST(StringFamily, ReadsCountHitsAndMisses) {
  Harness h;
  h.run({"SET", "k", "v"});  // a plain SET is not a read
  auto& st = h.keyspace.stats();
  EXPECT_EQ(st.keyspace_hits, 0u);
  EXPECT_EQ(st.keyspace_misses, 0u);
  h.run({"GET", "k"});
  h.run({"GET", "nokey"});
  h.run({"MGET", "k", "nokey", "k"});
  EXPECT_EQ(st.keyspace_hits, 3u);
  EXPECT_EQ(st.keyspace_misses, 2u);
  h.run({"INCR", "c"});  // read-modify-write: no hit/miss
  EXPECT_EQ(st.keyspace_misses, 2u);
}

TEST(StringFamily, DirtyCounts) {
  Harness h;
  uint64_t d = h.keyspace.dirty();
  h.run({"SET", "k", "v"});
  EXPECT_EQ(h.keyspace.dirty(), d + 1);
  h.run({"SET", "k", "v", "NX"});  // not written
  h.run({"GET", "k"});
  h.run({"SETRANGE", "k", "0", ""});
  h.run({"INCR", "k"});  // error
  EXPECT_EQ(h.keyspace.dirty(), d + 1);
  h.run({"MSET", "a", "1", "b", "2", "c", "3"});
  EXPECT_EQ(h.keyspace.dirty(), d + 4);
  h.run({"INCR", "a"});
  h.run({"APPEND", "a", ""});
  h.run({"GETDEL", "b"});
  h.run({"GETDEL", "b"});
  EXPECT_EQ(h.keyspace.dirty(), d + 7);
}

TEST(StringFamily, SelectedDatabase) {
  Harness h;
  h.run({"SET", "k", "db0"});
  h.run({"SELECT", "3"});
  EXPECT_EQ(h.run({"GET", "k"}), nil());
  EXPECT_EQ(h.run({"SET", "k", "db3"}), ok());
  h.run({"SELECT", "0"});
  EXPECT_EQ(h.run({"GET", "k"}), bulk("db0"));
}

TEST(StringFamily, CommandTableEntries) {
  Harness h;
  const auto* get = h.table.find("GET");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->arity, 2);
  EXPECT_EQ(command::group_name(get->group), "string");
  const auto* mset = h.table.find("mset");
  ASSERT_NE(mset, nullptr);
  EXPECT_EQ(mset->arity, -3);
  EXPECT_EQ(mset->first_key, 1);
  EXPECT_EQ(mset->last_key, -1);
  EXPECT_EQ(mset->key_step, 2);
  const auto* lcs = h.table.find("lcs");
  ASSERT_NE(lcs, nullptr);
  EXPECT_EQ(lcs->last_key, 2);
  for (const char* name : {"get", "set", "setnx", "setex", "psetex", "append", "strlen",
                           "setrange", "getrange", "substr", "incr", "decr", "incrby", "decrby",
                           "incrbyfloat", "mget", "mset", "msetnx", "getset", "getdel", "getex",
                           "lcs"}) {
    EXPECT_NE(h.table.find(name), nullptr) << name;
  }
}

}  // namespace
}  // namespace ironkv::test
