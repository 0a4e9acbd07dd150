// Persistence files exchanged with Debian's redis-server 7.0, at the server
// level: real BGSAVE/SAVE dumps and real start-up on both sides, datasets
// compared over the socket (every type, small and big collections, expiries,
// several databases). Also redis-server's multi-part AOF (manifest, base,
// incr; with and without the RDB preamble) loaded by IronKV.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/redis_server.h"
#include "support/resp_client.h"
#include "support/server_process.h"

namespace ironkv::test {
namespace {

namespace fs = std::filesystem;

class PersistenceInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    if (find_program("redis-server").empty()) GTEST_SKIP() << "redis-server not installed";
  }
  std::unique_ptr<ServerProcess> ironkv(const std::string& dir, std::vector<std::string> args = {}) {
    std::vector<std::string> argv = {"--dir", dir};
    argv.insert(argv.end(), args.begin(), args.end());
    auto s = std::make_unique<ServerProcess>(argv);
    EXPECT_TRUE(s->ready()) << s->describe();
    return s;
  }
  static void wait_zero(RespClient& c, const std::string& field) {
    ASSERT_TRUE(wait_until([&] { return info_field(c, field) == "0"; }, milliseconds(60000))) << field;
  }
};

TEST_F(PersistenceInterop, IronkvBgsaveDumpLoadsInRedis) {
  TempDir a, b;
  std::string expected;
  {
    auto s = ironkv(a.path());
    RespClient c = RespClient::connect(s->port());
    populate_dataset(c, "x", 3000);
    populate_dataset(c, "y", 0);
    c.call({"SET", "x:at", "v", "PXAT", "4102444800123"});
    expected = describe_dataset(c);
    ASSERT_GT(expected.size(), 100000u) << expected.substr(0, 200);
    for (bool compress : {true, false}) {
      c.call({"CONFIG", "SET", "rdbcompression", compress ? "yes" : "no"});
      EXPECT_EQ(c.call({"BGSAVE"}).str, "Background saving started");
      wait_zero(c, "rdb_bgsave_in_progress");
      EXPECT_EQ(info_field(c, "rdb_last_bgsave_status"), "ok");
      fs::copy_file(a.file("dump.rdb"), b.file(compress ? "lzf.rdb" : "plain.rdb"));
    }
  }
  for (const char* name : {"lzf.rdb", "plain.rdb"}) {
    SCOPED_TRACE(name);
    RedisServer redis({"--dbfilename", name, "--appendonly", "no"}, b.path());
    ASSERT_TRUE(redis.ready()) << redis.log();
    RespClient c = RespClient::connect(redis.port());
    EXPECT_EQ(describe_dataset(c), expected);
    EXPECT_NE(redis.log().find("DB loaded from disk"), std::string::npos) << redis.log();
  }
}

TEST_F(PersistenceInterop, RedisDumpLoadsInIronkv) {
  TempDir dir;
  std::string expected;
  {
    RedisServer redis({"--appendonly", "no"}, dir.path());
    ASSERT_TRUE(redis.ready()) << redis.log();
    RespClient c = RespClient::connect(redis.port());
    populate_dataset(c, "r", 3000);
    // Redis 7.0's own encodings for big values: a multi-node quicklist with
    // compression, an LZF-compressed long string.
    c.call({"CONFIG", "SET", "list-compress-depth", "1"});
    std::vector<std::string> lst = {"RPUSH", "r:compressed"};
    for (int i = 0; i < 2000; ++i) lst.push_back("compressible-compressible-" + std::to_string(i % 10));
    c.call(lst);
    c.call({"SET", "r:lzf", std::string(5000, 'z')});
    expected = describe_dataset(c);
    ASSERT_GT(expected.size(), 100000u) << expected.substr(0, 200);
    EXPECT_EQ(c.call({"BGSAVE"}).str, "Background saving started");
    wait_zero(c, "rdb_bgsave_in_progress");
    EXPECT_EQ(info_field(c, "rdb_last_bgsave_status"), "ok");
    redis.shutdown("NOSAVE");
  }
  auto s = ironkv(dir.path());
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(describe_dataset(c), expected);
  EXPECT_NE(s->log().find("Loading RDB produced by version 7.0.15"), std::string::npos) << s->log();
  // And a dump of redis-server's blocking SAVE too, into a second IronKV.
  TempDir dir2;
  {
    RedisServer redis({"--appendonly", "no"}, dir2.path());
    ASSERT_TRUE(redis.ready()) << redis.log();
    RespClient rc = RespClient::connect(redis.port());
    populate_dataset(rc, "s", 10);
    expected = describe_dataset(rc);
    EXPECT_EQ(rc.call({"SAVE"}).str, "OK");
  }
  auto s2 = ironkv(dir2.path());
  RespClient c2 = RespClient::connect(s2->port());
  EXPECT_EQ(describe_dataset(c2), expected);
}

class RedisAofInterop : public PersistenceInterop, public ::testing::WithParamInterface<bool> {};

TEST_P(RedisAofInterop, RedisMultiPartAofLoadsInIronkv) {
  const bool preamble = GetParam();
  TempDir dir;
  std::string expected;
  {
    RedisServer redis({"--appendonly", "yes", "--appendfsync", "always", "--aof-use-rdb-preamble",
                       preamble ? "yes" : "no"},
                      dir.path());
    ASSERT_TRUE(redis.ready()) << redis.log();
    RespClient c = RespClient::connect(redis.port());
    populate_dataset(c, "base", 500);
    EXPECT_EQ(c.call({"BGREWRITEAOF"}).str, "Background append only file rewriting started");
    wait_zero(c, "aof_rewrite_in_progress");
    // These go to the incr file, as Redis propagates them.
    populate_dataset(c, "incr", 100);
    c.call({"MULTI"});
    c.call({"INCR", "tx"});
    c.call({"LPUSH", "base:list", "tx"});
    c.call({"EXEC"});
    c.call({"SPOP", "base:set"});
    c.call({"DEL", "base:key:1"});
    c.call({"EXPIRE", "base:str", "500"});
    c.call({"SET", "gone", "x", "PX", "1"});
    std::this_thread::sleep_for(milliseconds(20));
    c.call({"GET", "gone"});  // expired: Redis writes a DEL
    expected = describe_dataset(c);
    ASSERT_GT(expected.size(), 50000u) << expected.substr(0, 200);
    ASSERT_NE(expected.find("incr:bighash"), std::string::npos);
    redis.shutdown("NOSAVE");
  }
  const std::string aofdir = dir.file("appendonlydir");
  const std::string manifest = read_file(aofdir + "/appendonly.aof.manifest");
  EXPECT_NE(manifest.find(preamble ? "base.rdb" : "base.aof"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("type i"), std::string::npos) << manifest;
  auto s = ironkv(dir.path(), {"--appendonly", "yes", "--aof-load-truncated", "no"});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(describe_dataset(c), expected);
  // IronKV goes on appending to redis-server's last incr file.
  c.call({"SET", "from-ironkv", "1"});
  expected = describe_dataset(c);
  s->stop_with(SIGTERM);
  auto s2 = ironkv(dir.path(), {"--appendonly", "yes"});
  RespClient c2 = RespClient::connect(s2->port());
  EXPECT_EQ(describe_dataset(c2), expected);
}

INSTANTIATE_TEST_SUITE_P(Preamble, RedisAofInterop, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "RdbBase" : "AofBase"; });

}  // namespace
}  // namespace ironkv::test
