// Restart round trips of the real binary: the dataset read back over the socket
// after a restart equals the one before, for the AOF alone, the RDB alone, an
// AOF with a rewritten base plus an incr file, and an AOF switched on at run
// time. Also SHUTDOWN SAVE / NOSAVE, save points, save_on_shutdown, LASTSAVE,
// BGSAVE's point-in-time contents under concurrent writes, and INFO persistence.

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "support/resp_client.h"
#include "support/server_process.h"

namespace ironkv::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> dir_listing(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class PersistenceRestart : public ::testing::Test {
 protected:
  std::unique_ptr<ServerProcess> start(std::vector<std::string> args) {
    std::vector<std::string> argv = {"--dir", data.path()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto s = std::make_unique<ServerProcess>(argv);
    EXPECT_TRUE(s->ready()) << s->describe();
    return s;
  }
  static void shutdown(ServerProcess& s, const std::vector<std::string>& cmd = {"SHUTDOWN"}) {
    RespClient c = RespClient::connect(s.port());
    c.send(cmd);
    auto st = s.wait_exit(milliseconds(20000));
    ASSERT_TRUE(st.has_value()) << s.describe();
    EXPECT_TRUE(st->ok()) << *st << s.describe();
  }
  static void wait_done(RespClient& c, const std::string& field) {
    ASSERT_TRUE(wait_until([&] { return info_field(c, field) == "0"; }, milliseconds(30000)))
        << field << " still 1";
  }
  TempDir data;
};

TEST_F(PersistenceRestart, AofOnly) {
  std::string before;
  {
    auto s = start({"--appendonly", "yes", "--appendfsync", "always"});
    RespClient c = RespClient::connect(s->port());
    populate_dataset(c, "a");
    c.call({"DEL", "a:key:7"});
    c.call({"SPOP", "a:bigset"});
    before = describe_dataset(c);
    ASSERT_GT(before.size(), 50000u) << before.substr(0, 300);
    shutdown(*s);
  }
  EXPECT_EQ(dir_listing(data.path()), (std::vector<std::string>{"appendonlydir"}));
  EXPECT_EQ(dir_listing(data.file("appendonlydir")),
            (std::vector<std::string>{"appendonly.aof.1.incr.aof", "appendonly.aof.manifest"}));
  auto s = start({"--appendonly", "yes"});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(describe_dataset(c), before);
  EXPECT_EQ(info_field(c, "aof_enabled"), "1");
  EXPECT_EQ(info_field(c, "aof_last_write_status"), "ok");
}

// SIGTERM right after a burst of acknowledged everysec writes: the shutdown
// flushes and fsyncs the AOF, so all of them are there after the restart.
TEST_F(PersistenceRestart, SigtermFlushesEverysecWrites) {
  {
    auto s = start({"--appendonly", "yes", "--appendfsync", "everysec"});
    RespClient c = RespClient::connect(s->port());
    std::vector<std::vector<std::string>> cmds;
    for (int i = 0; i < 50000; ++i) cmds.push_back({"SET", "k" + std::to_string(i), std::string(100, 'x')});
    auto r = c.pipeline(cmds);
    ASSERT_EQ(r.size(), cmds.size());
    auto st = s->stop_with(SIGTERM);
    ASSERT_TRUE(st.has_value() && st->ok()) << s->describe();
    EXPECT_NE(s->log().find("AOF flushed and closed"), std::string::npos) << s->log();
  }
  auto s = start({"--appendonly", "yes"});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(c.call({"DBSIZE"}).integer, 50000);
  EXPECT_EQ(c.call({"GET", "k49999"}).str, std::string(100, 'x'));
}

TEST_F(PersistenceRestart, RdbOnlyWithSaveAndLastsave) {
  std::string before;
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    populate_dataset(c, "r");
    Resp last0 = c.call({"LASTSAVE"});
    EXPECT_GT(std::stoll(info_field(c, "rdb_changes_since_last_save")), 2000);
    std::this_thread::sleep_for(milliseconds(1100));  // LASTSAVE has second resolution
    EXPECT_EQ(c.call({"SAVE"}).str, "OK");
    Resp last1 = c.call({"LASTSAVE"});
    EXPECT_GT(last1.integer, last0.integer);
    EXPECT_EQ(info_field(c, "rdb_changes_since_last_save"), "0");
    EXPECT_EQ(info_field(c, "rdb_last_bgsave_status"), "ok");
    EXPECT_EQ(info_field(c, "rdb_saves"), "1");
    EXPECT_EQ(info_field(c, "rdb_last_save_time"), std::to_string(last1.integer));
    EXPECT_EQ(info_field(c, "aof_enabled"), "0");
    before = describe_dataset(c);
    c.call({"SET", "written-after-save", "x"});
    s->stop_with(SIGKILL);
  }
  std::vector<std::string> files = dir_listing(data.path());
  EXPECT_EQ(files, (std::vector<std::string>{"dump.rdb"}));
  auto s = start({});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(describe_dataset(c), before);
  EXPECT_NE(s->log().find("Done loading RDB"), std::string::npos) << s->log();
}

TEST_F(PersistenceRestart, AofWithRewrittenBaseAndIncr) {
  std::string before;
  {
    auto s = start({"--appendonly", "yes", "--appendfsync", "always"});
    RespClient c = RespClient::connect(s->port());
    populate_dataset(c, "p1");
    EXPECT_EQ(c.call({"BGREWRITEAOF"}).str, "Background append only file rewriting started");
    wait_done(c, "aof_rewrite_in_progress");
    EXPECT_EQ(info_field(c, "aof_last_bgrewrite_status"), "ok");
    EXPECT_EQ(info_field(c, "aof_rewrites"), "1");
    populate_dataset(c, "p2", 500);
    c.call({"DEL", "p1:key:1"});
    c.call({"HSET", "p1:bighash", "field-1", "changed"});
    before = describe_dataset(c);
    // The rewrite's swap happens on the writer thread after its reply: wait
    // until the manifest names the new base.
    ASSERT_TRUE(wait_until(
        [&] { return read_file(data.file("appendonlydir/appendonly.aof.manifest")).find("base.rdb") != std::string::npos; },
        milliseconds(10000)));
    s->stop_with(SIGKILL);  // appendfsync always: nothing acknowledged is lost
  }
  EXPECT_EQ(read_file(data.file("appendonlydir/appendonly.aof.manifest")),
            "file appendonly.aof.1.base.rdb seq 1 type b\n"
            "file appendonly.aof.2.incr.aof seq 2 type i\n");
  EXPECT_EQ(dir_listing(data.file("appendonlydir")),
            (std::vector<std::string>{"appendonly.aof.1.base.rdb", "appendonly.aof.2.incr.aof",
                                      "appendonly.aof.manifest"}));
  EXPECT_EQ(read_file(data.file("appendonlydir/appendonly.aof.1.base.rdb")).substr(0, 9), "REDIS0010");
  auto s = start({"--appendonly", "yes"});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(describe_dataset(c), before);
  // A second rewrite replaces base and incr again.
  EXPECT_EQ(c.call({"BGREWRITEAOF"}).str, "Background append only file rewriting started");
  wait_done(c, "aof_rewrite_in_progress");
  ASSERT_TRUE(wait_until([&] { return dir_listing(data.file("appendonlydir")).size() == 3 &&
                                      read_file(data.file("appendonlydir/appendonly.aof.manifest")).find("2.base.rdb") != std::string::npos; },
                         milliseconds(10000)))
      << read_file(data.file("appendonlydir/appendonly.aof.manifest"));
  c.call({"SET", "after-second-rewrite", "1"});
  std::string after = describe_dataset(c);
  shutdown(*s);
  auto s2 = start({"--appendonly", "yes"});
  RespClient c2 = RespClient::connect(s2->port());
  EXPECT_EQ(describe_dataset(c2), after);
}

TEST_F(PersistenceRestart, AppendonlySwitchedOnAtRuntime) {
  std::string before;
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    populate_dataset(c, "rt");
    EXPECT_EQ(c.call({"CONFIG", "SET", "appendonly", "yes"}).str, "OK");
    EXPECT_EQ(info_field(c, "aof_enabled"), "1");
    ASSERT_TRUE(wait_until([&] { return info_field(c, "aof_rewrites") == "1" &&
                                        info_field(c, "aof_rewrite_in_progress") == "0"; },
                           milliseconds(30000)));
    c.call({"SET", "after-aof-on", "1"});
    c.call({"LPUSH", "rt:list", "new"});
    before = describe_dataset(c);
    ASSERT_TRUE(wait_until(
        [&] { return read_file(data.file("appendonlydir/appendonly.aof.manifest")).find("base.rdb") != std::string::npos; },
        milliseconds(10000)));
    shutdown(*s, {"SHUTDOWN", "NOSAVE"});
  }
  EXPECT_FALSE(fs::exists(data.file("dump.rdb")));
  auto s = start({"--appendonly", "yes"});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(describe_dataset(c), before);
}

// Switching the AOF off and on again: the writes made while it was off are in
// the new AOF (a rewrite starts, as in Redis), and nothing deleted meanwhile
// comes back from the old files.
TEST_F(PersistenceRestart, AppendonlyOffThenOnAgainRewrites) {
  std::string before;
  {
    auto s = start({"--appendonly", "yes", "--appendfsync", "always"});
    RespClient c = RespClient::connect(s->port());
    c.call({"SET", "deleted-while-off", "1"});
    c.call({"SET", "changed-while-off", "1"});
    EXPECT_EQ(c.call({"CONFIG", "SET", "appendonly", "no"}).str, "OK");
    c.call({"DEL", "deleted-while-off"});
    c.call({"SET", "changed-while-off", "2"});
    c.call({"SET", "added-while-off", "3"});
    EXPECT_EQ(c.call({"CONFIG", "SET", "appendonly", "yes"}).str, "OK");
    ASSERT_TRUE(wait_until([&] { return info_field(c, "aof_rewrites") == "1" &&
                                        info_field(c, "aof_rewrite_in_progress") == "0"; },
                           milliseconds(30000)));
    c.call({"SET", "after", "4"});
    before = describe_dataset(c);
    shutdown(*s, {"SHUTDOWN", "NOSAVE"});
  }
  auto s = start({"--appendonly", "yes"});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(describe_dataset(c), before);
  EXPECT_TRUE(c.call({"GET", "deleted-while-off"}).null);
}

// A crash while the first base of a runtime-enabled AOF is being written must
// not leave an AOF that loads a partial dataset (Redis keeps the old manifest
// until the base is done). And SHUTDOWN then finishes that base first.
TEST_F(PersistenceRestart, CrashBeforeTheFirstBaseOfARuntimeAofLoadsNoPartialData) {
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    std::vector<std::vector<std::string>> cmds;
    for (int b = 0; b < 300; ++b) {
      std::vector<std::string> mset = {"MSET"};
      for (int k = b * 1000; k < (b + 1) * 1000; ++k) {
        mset.push_back("k" + std::to_string(k));
        mset.push_back(std::string(20, 'v'));
      }
      cmds.push_back(std::move(mset));
    }
    cmds.push_back({"SET", "n", "100"});
    ASSERT_EQ(c.pipeline(cmds, milliseconds(60000)).size(), cmds.size());
    // always: the INCR is in the new incr file once acknowledged.
    auto r = c.pipeline({{"CONFIG", "SET", "appendfsync", "always"},
                         {"CONFIG", "SET", "appendonly", "yes"}, {"INCR", "n"},
                         {"INFO", "persistence"}});
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[2].integer, 101);
    EXPECT_NE(r[3].str.find("aof_rewrite_in_progress:1"), std::string::npos) << r[3].str;
    s->stop_with(SIGKILL);
  }
  {
    auto s = start({"--appendonly", "yes"});
    RespClient c = RespClient::connect(s->port());
    const long long keys = c.call({"DBSIZE"}).integer;
    Resp n = c.call({"GET", "n"});
    // Either nothing (the AOF was not complete yet) or everything; never the
    // INCR replayed without its base (n = 1).
    EXPECT_TRUE(keys == 0 || (keys == 300001 && n.str == "101")) << keys << " keys, n=" << n.str;
    s->stop_with(SIGKILL);
  }
  // SHUTDOWN while that first base is being written: it completes it.
  fs::remove_all(data.file("appendonlydir"));
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    std::vector<std::vector<std::string>> cmds;
    for (int b = 0; b < 300; ++b) {
      std::vector<std::string> mset = {"MSET"};
      for (int k = b * 1000; k < (b + 1) * 1000; ++k) {
        mset.push_back("k" + std::to_string(k));
        mset.push_back(std::string(20, 'v'));
      }
      cmds.push_back(std::move(mset));
    }
    ASSERT_EQ(c.pipeline(cmds, milliseconds(60000)).size(), cmds.size());
    auto r = c.pipeline({{"CONFIG", "SET", "appendonly", "yes"}, {"SET", "last", "1"}});
    ASSERT_EQ(r.size(), 2u);
    shutdown(*s, {"SHUTDOWN", "NOSAVE"});
  }
  {
    auto s = start({"--appendonly", "yes"});
    RespClient c = RespClient::connect(s->port());
    EXPECT_EQ(c.call({"DBSIZE"}).integer, 300001);
    EXPECT_EQ(c.call({"GET", "last"}).str, "1");
    s->stop_with(SIGKILL);
  }
  // The same when that first rewrite is still only scheduled behind a BGSAVE.
  fs::remove_all(data.file("appendonlydir"));
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    std::vector<std::vector<std::string>> cmds;
    for (int b = 0; b < 300; ++b) {
      std::vector<std::string> mset = {"MSET"};
      for (int k = b * 1000; k < (b + 1) * 1000; ++k) {
        mset.push_back("k" + std::to_string(k));
        mset.push_back(std::string(20, 'v'));
      }
      cmds.push_back(std::move(mset));
    }
    ASSERT_EQ(c.pipeline(cmds, milliseconds(60000)).size(), cmds.size());
    auto r = c.pipeline({{"BGSAVE"}, {"CONFIG", "SET", "appendonly", "yes"}, {"SET", "last", "2"},
                         {"INFO", "persistence"}});
    ASSERT_EQ(r.size(), 4u);
    EXPECT_NE(r[3].str.find("aof_rewrite_scheduled:1"), std::string::npos) << r[3].str;
    shutdown(*s, {"SHUTDOWN", "NOSAVE"});
  }
  auto s = start({"--appendonly", "yes"});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(c.call({"DBSIZE"}).integer, 300001);
  EXPECT_EQ(c.call({"GET", "last"}).str, "2");
}

// Automatic rewrites (auto-aof-rewrite-*) while writes go on, several in a
// row, and a rewrite scheduled behind a BGSAVE: the AOF still loads to the
// same dataset.
TEST_F(PersistenceRestart, AutomaticAndScheduledRewrites) {
  std::string before;
  {
    auto s = start({"--appendonly", "yes", "--appendfsync", "everysec",
                    "--auto-aof-rewrite-percentage", "50", "--auto-aof-rewrite-min-size", "256kb"});
    RespClient c = RespClient::connect(s->port());
    for (int round = 0; round < 30; ++round) {
      std::vector<std::vector<std::string>> cmds;
      for (int i = 0; i < 2000; ++i) {
        cmds.push_back({"SET", "k" + std::to_string(i % 3000), std::to_string(round) + std::string(50, 'x')});
        if (i % 10 == 0) cmds.push_back({"INCR", "counter"});
      }
      ASSERT_EQ(c.pipeline(cmds).size(), cmds.size());
      std::this_thread::sleep_for(milliseconds(30));
    }
    ASSERT_TRUE(wait_until([&] { return info_field(c, "aof_rewrite_in_progress") == "0"; }, milliseconds(30000)));
    EXPECT_GE(std::stoi(info_field(c, "aof_rewrites")), 2) << s->log();
    EXPECT_NE(s->log().find("Starting automatic rewriting of AOF"), std::string::npos);
    // Without new writes the AOF does not grow: no more automatic rewrites.
    // (One more may start for the writes that arrived during the last one.)
    std::this_thread::sleep_for(milliseconds(700));
    ASSERT_TRUE(wait_until([&] { return info_field(c, "aof_rewrite_in_progress") == "0"; }, milliseconds(30000)));
    const std::string settled = info_field(c, "aof_rewrites");
    std::this_thread::sleep_for(milliseconds(1000));
    EXPECT_EQ(info_field(c, "aof_rewrites"), settled);
    std::printf("[ auto ] %s automatic rewrites\n", settled.c_str());
    // A rewrite asked for during a BGSAVE waits for it.
    auto r = c.pipeline({{"BGSAVE"}, {"BGREWRITEAOF"}, {"BGREWRITEAOF"}, {"INFO", "persistence"}});
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0].str, "Background saving started");
    EXPECT_EQ(r[1].str, "Background append only file rewriting scheduled");
    EXPECT_NE(r[3].str.find("aof_rewrite_scheduled:1"), std::string::npos) << r[3].str;
    ASSERT_TRUE(wait_until([&] { return info_field(c, "aof_rewrite_scheduled") == "0" &&
                                        info_field(c, "aof_rewrite_in_progress") == "0" &&
                                        info_field(c, "rdb_bgsave_in_progress") == "0"; },
                           milliseconds(30000)));
    c.call({"SET", "last", "1"});
    before = describe_dataset(c);
    shutdown(*s);
  }
  auto s = start({"--appendonly", "yes"});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(describe_dataset(c), before);
  EXPECT_EQ(c.call({"GET", "counter"}).str, "6000");
}

TEST_F(PersistenceRestart, ShutdownSaveNosaveAndSaveOnShutdown) {
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    c.call({"SET", "k", "1"});
    shutdown(*s, {"SHUTDOWN", "NOSAVE"});
  }
  EXPECT_FALSE(fs::exists(data.file("dump.rdb")));
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    EXPECT_EQ(c.call({"DBSIZE"}).integer, 0);
    c.call({"SET", "k", "2"});
    shutdown(*s);  // no save points, no save_on_shutdown: nothing saved
  }
  EXPECT_FALSE(fs::exists(data.file("dump.rdb")));
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    c.call({"SET", "k", "3"});
    shutdown(*s, {"SHUTDOWN", "SAVE"});
  }
  ASSERT_TRUE(fs::exists(data.file("dump.rdb")));
  {
    auto s = start({"--save-on-shutdown", "yes"});
    RespClient c = RespClient::connect(s->port());
    EXPECT_EQ(c.call({"GET", "k"}).str, "3");
    c.call({"SET", "k", "4"});
    s->stop_with(SIGTERM);  // a signal saves too
  }
  {
    auto s = start({"--save", "3600 1"});
    RespClient c = RespClient::connect(s->port());
    EXPECT_EQ(c.call({"GET", "k"}).str, "4");
    c.call({"SET", "k", "5"});
    shutdown(*s);  // save points configured: SHUTDOWN saves
  }
  {
    auto s = start({"--save", "3600 1"});
    RespClient c = RespClient::connect(s->port());
    EXPECT_EQ(c.call({"GET", "k"}).str, "5");
    c.call({"SET", "k", "6"});
    shutdown(*s, {"SHUTDOWN", "NOSAVE"});
  }
  auto s = start({});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(c.call({"GET", "k"}).str, "5");
}

TEST_F(PersistenceRestart, SavePointTriggersBgsave) {
  auto s = start({"--save", "1 1"});
  RespClient c = RespClient::connect(s->port());
  int64_t last0 = c.call({"LASTSAVE"}).integer;
  c.call({"SET", "k", "v"});
  ASSERT_TRUE(wait_until([&] { return c.call({"LASTSAVE"}).integer > last0; }, milliseconds(8000)))
      << s->log();
  EXPECT_TRUE(fs::exists(data.file("dump.rdb")));
  EXPECT_EQ(info_field(c, "rdb_changes_since_last_save"), "0");
  EXPECT_EQ(info_field(c, "rdb_last_bgsave_status"), "ok");
  EXPECT_NE(s->log().find("1 changes in 1 seconds. Saving..."), std::string::npos) << s->log();
  EXPECT_NE(s->log().find("Background saving terminated with success"), std::string::npos);
  s->stop_with(SIGKILL);
  auto s2 = start({});
  RespClient c2 = RespClient::connect(s2->port());
  EXPECT_EQ(c2.call({"GET", "k"}).str, "v");
}

// BGSAVE is point-in-time: writes acknowledged after its reply are not in the
// dump, writes acknowledged before it are, while a writer keeps going.
TEST_F(PersistenceRestart, BgsaveHoldsTheDatasetOfItsStart) {
  std::string expected;
  {
    auto s = start({});
    RespClient c = RespClient::connect(s->port());
    // Enough keys that the snapshot takes many slices.
    std::vector<std::vector<std::string>> cmds;
    for (int i = 0; i < 100000; ++i) cmds.push_back({"SET", "k" + std::to_string(i), "v0"});
    for (size_t off = 0; off < cmds.size(); off += 10000) {
      auto r = c.pipeline({cmds.begin() + static_cast<long>(off), cmds.begin() + static_cast<long>(off + 10000)});
      ASSERT_EQ(r.size(), 10000u);
    }
    populate_dataset(c, "b", 0);
    expected = describe_dataset(c);
    // Writer on a second connection: it overwrites, deletes and adds keys
    // right after BGSAVE's reply, pipelined on the same connection so the
    // order is exact: everything after the reply is after the snapshot.
    RespClient w = RespClient::connect(s->port());
    std::vector<std::vector<std::string>> batch = {{"BGSAVE"}};
    for (int i = 0; i < 20000; ++i) {
      std::string n = std::to_string(i * 5);
      batch.push_back({"SET", "k" + n, "changed"});
      batch.push_back({"DEL", "k" + std::to_string(i * 5 + 1)});
      batch.push_back({"SET", "new" + n, "x"});
    }
    batch.push_back({"FLUSHDB"});
    auto r = w.pipeline(batch);
    ASSERT_EQ(r.size(), batch.size());
    EXPECT_EQ(r[0].str, "Background saving started");
    wait_done(c, "rdb_bgsave_in_progress");
    EXPECT_EQ(info_field(c, "rdb_last_bgsave_status"), "ok");
    s->stop_with(SIGKILL);
  }
  auto s = start({});
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(c.call({"DBSIZE"}).integer, 100000 + 17);
  EXPECT_TRUE(describe_dataset(c) == expected) << "the dump differs from the dataset at BGSAVE";
}

// What SAVE, BGSAVE and BGREWRITEAOF answer while another job runs (one
// pipeline, so the first job is surely still running), word for word as Redis.
TEST_F(PersistenceRestart, ConcurrentJobRepliesAreRedisExact) {
  auto s = start({"--appendonly", "yes"});
  RespClient c = RespClient::connect(s->port());
  std::vector<std::vector<std::string>> fill;
  for (int b = 0; b < 200; ++b) {
    std::vector<std::string> mset = {"MSET"};
    for (int k = b * 1000; k < (b + 1) * 1000; ++k) {
      mset.push_back("k" + std::to_string(k));
      mset.push_back("v");
    }
    fill.push_back(std::move(mset));
  }
  ASSERT_EQ(c.pipeline(fill, milliseconds(60000)).size(), fill.size());
  auto r = c.pipeline({{"BGSAVE"}, {"BGSAVE"}, {"SAVE"}, {"BGREWRITEAOF"}, {"BGREWRITEAOF"}});
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[0].str, "Background saving started");
  EXPECT_EQ(r[1].str, "ERR Background save already in progress");
  EXPECT_EQ(r[2].str, "ERR Background save already in progress");
  EXPECT_EQ(r[3].str, "Background append only file rewriting scheduled");
  EXPECT_EQ(r[4].str, "Background append only file rewriting scheduled");
  // The scheduled rewrite runs once the BGSAVE is done.
  ASSERT_TRUE(wait_until([&] { return info_field(c, "rdb_saves") == "1" &&
                                      info_field(c, "aof_rewrites") == "1" &&
                                      info_field(c, "aof_rewrite_in_progress") == "0"; },
                         milliseconds(30000)));
  r = c.pipeline({{"BGREWRITEAOF"}, {"BGREWRITEAOF"}, {"BGSAVE"}, {"BGSAVE", "SCHEDULE"}});
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].str, "Background append only file rewriting started");
  EXPECT_EQ(r[1].str, "ERR Background append only file rewriting already in progress");
  EXPECT_EQ(r[2].str,
            "ERR Another child process is active (AOF?): can't BGSAVE right now. Use BGSAVE "
            "SCHEDULE in order to schedule a BGSAVE whenever possible.");
  EXPECT_EQ(r[3].str, "Background saving scheduled");
  // The scheduled BGSAVE runs after the rewrite.
  ASSERT_TRUE(wait_until([&] { return info_field(c, "rdb_saves") == "2"; }, milliseconds(30000)));
  EXPECT_EQ(info_field(c, "aof_rewrites"), "2");
}

TEST_F(PersistenceRestart, InfoPersistenceFields) {
  auto s = start({"--appendonly", "yes", "--appendfsync", "everysec"});
  RespClient c = RespClient::connect(s->port());
  Resp info = c.call({"INFO", "persistence"});
  ASSERT_EQ(info.str.rfind("# Persistence\r\n", 0), 0u) << info.str;
  for (const char* f :
       {"loading:0", "async_loading:0", "rdb_changes_since_last_save:0", "rdb_bgsave_in_progress:0",
        "rdb_last_bgsave_status:ok", "rdb_last_bgsave_time_sec:-1", "rdb_current_bgsave_time_sec:-1",
        "aof_enabled:1", "aof_rewrite_in_progress:0", "aof_rewrite_scheduled:0",
        "aof_last_rewrite_time_sec:-1", "aof_current_rewrite_time_sec:-1",
        "aof_last_bgrewrite_status:ok", "aof_rewrites:0", "aof_last_write_status:ok",
        "aof_current_size:0", "aof_base_size:0", "aof_pending_rewrite:0", "aof_buffer_length:0",
        "aof_pending_bio_fsync:0", "aof_delayed_fsync:0", "rdb_last_save_time:", "current_cow_size:",
        "module_fork_in_progress:0"}) {
    EXPECT_NE(info.str.find(std::string("\r\n") + f), std::string::npos) << f << "\n" << info.str;
  }
  c.call({"SET", "k", "v"});
  EXPECT_EQ(info_field(c, "rdb_changes_since_last_save"), "1");
  ASSERT_TRUE(wait_until([&] { return info_field(c, "aof_current_size") != "0"; }, milliseconds(5000)));
  EXPECT_EQ(info_field(c, "aof_current_size"),
            std::to_string(resp_command({"SELECT", "0"}).size() + resp_command({"SET", "k", "v"}).size()));
  // BGSAVE and BGREWRITEAOF replies and the "already in progress" errors.
  EXPECT_EQ(c.call({"BGSAVE"}).str, "Background saving started");
  wait_done(c, "rdb_bgsave_in_progress");
  EXPECT_EQ(info_field(c, "rdb_saves"), "1");
  EXPECT_NE(info_field(c, "rdb_last_bgsave_time_sec"), "-1");
  EXPECT_EQ(c.call({"BGREWRITEAOF"}).str, "Background append only file rewriting started");
  wait_done(c, "aof_rewrite_in_progress");
  EXPECT_EQ(info_field(c, "aof_rewrites"), "1");
  // The new base is swapped in by the writer thread just after.
  EXPECT_TRUE(wait_until([&] { return info_field(c, "aof_base_size") != "0"; }, milliseconds(5000)));
}

}  // namespace
}  // namespace ironkv::test
