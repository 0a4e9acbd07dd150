// Database::find: one typed lookup for every family, each status, each mode's
// side effects (hits/misses, write candidates, creation).

#include <gtest/gtest.h>

#include "core/store/clock.h"
#include "core/store/hash_value.h"
#include "core/store/keyspace.h"
#include "core/store/list_value.h"
#include "core/store/set_value.h"
#include "core/store/zset_value.h"

namespace ironkv::store {
namespace {

class Recorder : public KeyspaceObserver {
 public:
  void on_expired(int, std::string_view) override {}
  void on_modified(int, std::string_view key) override { modified.emplace_back(key); }
  std::vector<std::string> modified;
};

class TypedLookup : public ::testing::Test {
 protected:
  TypedLookup() : ks(1, clock) { ks.set_observer(&rec); }
  Database& db() { return ks.db(0); }
  ManualClock clock;
  Keyspace ks;
  Recorder rec;
};

TEST_F(TypedLookup, MissingKey) {
  OpResult<ListValue*> r = db().find<ListValue>("k", Lookup::kRead);
  EXPECT_FALSE(r);
  EXPECT_TRUE(r.missing());
  EXPECT_EQ(r.status(), OpStatus::kKeyNotFound);
  EXPECT_EQ(ks.stats().keyspace_misses, 1u);
  EXPECT_EQ(db().find(std::string_view("k"), ObjType::kString, Lookup::kWrite).status(),
            OpStatus::kKeyNotFound);
}

TEST_F(TypedLookup, FoundOfTheRightType) {
  db().create<SetValue>("s");
  auto r = db().find<SetValue>("s", Lookup::kRead);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 0u);
  EXPECT_EQ(ks.stats().keyspace_hits, 1u);
  db().set("str", Value::string("v"));
  auto s = db().find("str", ObjType::kString, Lookup::kRead);
  ASSERT_TRUE(s.ok());
  IntBuf buf;
  EXPECT_EQ(s.value()->str(buf), "v");
}

TEST_F(TypedLookup, WrongTypeForEveryType) {
  db().set("str", Value::string("v"));
  EXPECT_TRUE(db().find<ListValue>("str", Lookup::kRead).wrong_type());
  EXPECT_TRUE(db().find<HashValue>("str", Lookup::kWrite).wrong_type());
  EXPECT_TRUE(db().find<SetValue>("str", Lookup::kPeek).wrong_type());
  EXPECT_TRUE(db().find<ZSetValue>("str", Lookup::kCreate).wrong_type())
      << "kCreate does not overwrite another type";
  db().create<HashValue>("h");
  EXPECT_EQ(db().find("h", ObjType::kString, Lookup::kRead).status(), OpStatus::kWrongType);
  EXPECT_EQ(db().find<HashValue>("h", Lookup::kRead).status(), OpStatus::kOk);
}

TEST_F(TypedLookup, CreateMakesAnEmptyValueWithItsArguments) {
  auto r = db().find<ListValue>("l", Lookup::kCreate, int64_t{5});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(db().size(), 1u);
  // The second time it is found, not created again.
  r->push_all(ListValue::End::kTail, std::vector<std::string_view>{"a"});
  auto again = db().find<ListValue>("l", Lookup::kCreate);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->size(), 1u);
}

TEST_F(TypedLookup, WriteMakesAWriteCandidatePeekDoesNot) {
  db().create<SetValue>("a");
  db().create<SetValue>("b");
  rec.modified.clear();
  ASSERT_TRUE(db().find<SetValue>("a", Lookup::kWrite).ok());
  ASSERT_TRUE(db().find<SetValue>("b", Lookup::kPeek).ok());
  ks.end_command(/*changed=*/true);
  EXPECT_EQ(rec.modified, std::vector<std::string>{"a"});
}

TEST_F(TypedLookup, ExpiredKeyIsMissing) {
  db().create<ZSetValue>("z");
  db().set_expire("z", clock.now_ms() + 10);
  clock.advance_ms(11);
  EXPECT_TRUE(db().find<ZSetValue>("z", Lookup::kWrite).missing());
  EXPECT_EQ(db().size(), 0u);
}

TEST(OpResultType, ValueAndStatus) {
  OpResult<int> a = 5;
  EXPECT_TRUE(a);
  EXPECT_EQ(*a, 5);
  EXPECT_EQ(a.value_or(7), 5);
  OpResult<int> b = OpStatus::kOverflow;
  EXPECT_FALSE(b);
  EXPECT_EQ(b.status(), OpStatus::kOverflow);
  EXPECT_EQ(b.value_or(7), 7);
  OpResult<std::string> s = std::string("x");
  EXPECT_EQ(s->size(), 1u);
}

}  // namespace
}  // namespace ironkv::store
