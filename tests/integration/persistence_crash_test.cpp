// kill -9 at random moments: with appendfsync always every write a client saw
// acknowledged must be there after the restart; with everysec at most about a
// second of writes may be missing; killing the server in the middle of
// BGREWRITEAOF or BGSAVE loses nothing acknowledged and leaves no file that
// breaks the next start.

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/resp_client.h"
#include "support/server_process.h"

namespace ironkv::test {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<ServerProcess> start_in(const std::string& dir, std::vector<std::string> args) {
  std::vector<std::string> argv = {"--dir", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  auto s = std::make_unique<ServerProcess>(argv);
  EXPECT_TRUE(s->ready()) << s->describe();
  return s;
}

// One writer connection: distinct keys w<id>:<n> = <n> and a counter ctr<id>,
// pipelined (`depth` commands per write) or one at a time. Remembers what was
// acknowledged; stops at the first error or EOF (the kill), or at its bounds.
struct Writer {
  int id = 0;
  int depth = 1;
  int64_t acked_keys = 0;      // keys 0..acked_keys-1 were acknowledged
  int64_t acked_counter = 0;   // highest INCR reply seen
  std::string error;           // an unexpected reply (not EOF)

  void run(int port, const std::atomic<bool>& stop, Clock::time_point deadline) {
    RespClient c = RespClient::connect(port);
    int64_t next = 0;  // next key number
    int64_t ops = 0;   // every 4th command is an INCR
    std::vector<int64_t> key_of;  // per command: its key number, or -1 for INCR
    while (!stop.load() && Clock::now() < deadline && next < 200000) {
      std::vector<std::vector<std::string>> cmds;
      key_of.clear();
      for (int i = 0; i < depth; ++i, ++ops) {
        if (ops % 4 == 3) {
          cmds.push_back({"INCR", "ctr" + std::to_string(id)});
          key_of.push_back(-1);
        } else {
          cmds.push_back({"SET", "w" + std::to_string(id) + ":" + std::to_string(next), std::to_string(next)});
          key_of.push_back(next++);
        }
      }
      auto replies = c.pipeline(cmds, milliseconds(5000));
      // Replies come in order: everything before the first missing one was acknowledged.
      for (size_t i = 0; i < replies.size(); ++i) {
        const Resp& r = replies[i];
        if (key_of[i] < 0) {
          if (r.type != ':') {
            error = "INCR: " + r.str;
            return;
          }
          acked_counter = r.integer;
        } else {
          if (r.str != "OK") {
            error = "SET: " + r.str;
            return;
          }
          acked_keys = key_of[i] + 1;
        }
      }
      if (replies.size() != cmds.size()) return;  // killed
    }
  }
};

struct LoadResult {
  std::vector<Writer> writers;
  double seconds = 0;
  int64_t total_acked() const {
    int64_t n = 0;
    for (const auto& w : writers) n += w.acked_keys + w.acked_counter;
    return n;
  }
};

// Runs the writers against `server` and SIGKILLs it after `kill_after`.
LoadResult load_then_kill(ServerProcess& server, milliseconds kill_after) {
  LoadResult res;
  res.writers.resize(4);
  for (int i = 0; i < 4; ++i) {
    res.writers[static_cast<size_t>(i)].id = i;
    res.writers[static_cast<size_t>(i)].depth = i % 2 == 0 ? 1 : 32;  // plain and pipelined
  }
  std::atomic<bool> stop{false};
  const auto begin = Clock::now();
  const auto deadline = begin + seconds(10);
  std::vector<std::thread> threads;
  for (auto& w : res.writers) {
    threads.emplace_back([&w, &stop, deadline, port = server.port()] { w.run(port, stop, deadline); });
  }
  std::this_thread::sleep_for(kill_after);
  server.stop_with(SIGKILL);
  res.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  stop.store(true);
  for (auto& t : threads) t.join();
  return res;
}

// Acknowledged writes missing after the restart (keys + counter increments).
int64_t count_missing(RespClient& c, const LoadResult& res, std::string& detail) {
  int64_t missing = 0;
  for (const auto& w : res.writers) {
    EXPECT_EQ(w.error, "") << "writer " << w.id;
    for (int64_t off = 0; off < w.acked_keys; off += 5000) {
      std::vector<std::vector<std::string>> cmds;
      for (int64_t k = off; k < std::min(w.acked_keys, off + 5000); ++k) {
        cmds.push_back({"GET", "w" + std::to_string(w.id) + ":" + std::to_string(k)});
      }
      auto r = c.pipeline(cmds);
      EXPECT_EQ(r.size(), cmds.size());
      for (size_t i = 0; i < r.size(); ++i) {
        if (r[i].str != std::to_string(off + static_cast<int64_t>(i))) {
          if (missing < 5) detail += cmds[i][1] + " ";
          ++missing;
        }
      }
    }
    Resp ctr = c.call({"GET", "ctr" + std::to_string(w.id)});
    int64_t value = ctr.null ? 0 : std::stoll(ctr.str);
    if (value < w.acked_counter) {
      missing += w.acked_counter - value;
      detail += "ctr" + std::to_string(w.id) + "=" + std::to_string(value) + "<" +
                std::to_string(w.acked_counter) + " ";
    }
  }
  return missing;
}

TEST(PersistenceCrash, KillDuringWritesWithAlwaysLosesNothingAcknowledged) {
  std::mt19937 rng(std::random_device{}());
  const auto budget = Clock::now() + seconds(25);
  int rounds = 0;
  int64_t total = 0;
  TempDir data;  // one directory: each round appends to what the last left
  for (; rounds < 12 && Clock::now() < budget; ++rounds) {
    SCOPED_TRACE("round " + std::to_string(rounds));
    LoadResult res;
    {
      auto s = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "always"});
      ASSERT_TRUE(s->ready());
      // Keys of earlier rounds are overwritten with the same values: fine.
      res = load_then_kill(*s, milliseconds(30 + rng() % 300));
    }
    total += res.total_acked();
    auto s = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "always"});
    ASSERT_TRUE(s->ready()) << s->log();
    RespClient c = RespClient::connect(s->port());
    std::string detail;
    EXPECT_EQ(count_missing(c, res, detail), 0) << detail;
    // Counters start from what survived; the next round's writers go on from there.
    c.call({"FLUSHALL"});
    s->stop_with(SIGTERM);
  }
  EXPECT_GE(rounds, 5);
  EXPECT_GT(total, 1000) << "the load acknowledged almost nothing";
  std::printf("[ always ] %d rounds, %lld acknowledged writes checked\n", rounds,
              static_cast<long long>(total));
}

TEST(PersistenceCrash, KillDuringWritesWithEverysecLosesAtMostAboutASecond) {
  std::mt19937 rng(std::random_device{}());
  const auto budget = Clock::now() + seconds(15);
  int rounds = 0;
  TempDir data;
  int64_t worst = 0;
  for (; rounds < 8 && Clock::now() < budget; ++rounds) {
    SCOPED_TRACE("round " + std::to_string(rounds));
    LoadResult res;
    {
      auto s = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "everysec"});
      ASSERT_TRUE(s->ready());
      res = load_then_kill(*s, milliseconds(100 + rng() % 600));
    }
    auto s = start_in(data.path(), {"--appendonly", "yes"});
    ASSERT_TRUE(s->ready()) << s->log();
    RespClient c = RespClient::connect(s->port());
    std::string detail;
    const int64_t missing = count_missing(c, res, detail);
    const double per_second = static_cast<double>(res.total_acked()) / res.seconds;
    // About one second of the load; two to stay clear of scheduling noise.
    EXPECT_LE(static_cast<double>(missing), 2 * per_second + 100)
        << missing << " missing of " << res.total_acked() << " acknowledged in " << res.seconds
        << " s: " << detail;
    worst = std::max(worst, missing);
    c.call({"FLUSHALL"});
    s->stop_with(SIGTERM);
  }
  EXPECT_GE(rounds, 3);
  std::printf("[ everysec ] %d rounds, at most %lld acknowledged writes missing\n", rounds,
              static_cast<long long>(worst));
}

// 300k keys so the background job is still running when the kill comes.
void fill(RespClient& c, int keys, const std::string& prefix) {
  for (int off = 0; off < keys; off += 20000) {
    std::vector<std::vector<std::string>> cmds;
    for (int b = off; b < std::min(keys, off + 20000); b += 1000) {
      std::vector<std::string> mset = {"MSET"};
      for (int k = b; k < std::min(keys, b + 1000); ++k) {
        mset.push_back(prefix + std::to_string(k));
        mset.push_back(std::string(20, 'v') + std::to_string(k));
      }
      cmds.push_back(std::move(mset));
    }
    auto r = c.pipeline(cmds, milliseconds(60000));
    ASSERT_EQ(r.size(), cmds.size());
  }
}

TEST(PersistenceCrash, KillDuringBgrewriteaofLosesNothing) {
  TempDir data;
  std::string before;
  {
    auto s = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "always"});
    RespClient c = RespClient::connect(s->port());
    fill(c, 300000, "k");
    // The rewrite starts; writes go on; the kill comes while it is running.
    auto r = c.pipeline({{"BGREWRITEAOF"}, {"SET", "during", "1"}, {"INCR", "n"},
                         {"INFO", "persistence"}});
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0].str, "Background append only file rewriting started");
    EXPECT_NE(r[3].str.find("aof_rewrite_in_progress:1"), std::string::npos) << r[3].str;
    s->stop_with(SIGKILL);
  }
  {
    auto s = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "always"});
    ASSERT_TRUE(s->ready()) << s->log();
    RespClient c = RespClient::connect(s->port());
    EXPECT_EQ(c.call({"DBSIZE"}).integer, 300002);
    EXPECT_EQ(c.call({"GET", "during"}).str, "1");
    EXPECT_EQ(c.call({"GET", "n"}).str, "1");
    EXPECT_EQ(c.call({"GET", "k299999"}).str, std::string(20, 'v') + "299999");
    // A new rewrite completes over whatever the killed one left behind.
    EXPECT_EQ(c.call({"BGREWRITEAOF"}).str, "Background append only file rewriting started");
    ASSERT_TRUE(wait_until([&] { return info_field(c, "aof_rewrite_in_progress") == "0"; },
                           milliseconds(60000)));
    EXPECT_EQ(info_field(c, "aof_last_bgrewrite_status"), "ok");
    c.call({"SET", "after", "2"});
    ASSERT_TRUE(wait_until(
        [&] { return read_file(data.file("appendonlydir/appendonly.aof.manifest")).find("base.rdb") != std::string::npos; },
        milliseconds(10000)));
    s->stop_with(SIGKILL);
  }
  auto s = start_in(data.path(), {"--appendonly", "yes"});
  ASSERT_TRUE(s->ready()) << s->log();
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(c.call({"DBSIZE"}).integer, 300003);
  EXPECT_EQ(c.call({"GET", "after"}).str, "2");
}

// Kills at random moments while rewrites follow each other back to back
// (rotation, base writing, rename, manifest swap, deletion of old files) and
// writers go on: every acknowledged write survives, whatever instant it hits.
TEST(PersistenceCrash, KillAtRandomMomentsOfBackToBackRewrites) {
  std::mt19937 rng(std::random_device{}());
  TempDir data;
  const auto budget = Clock::now() + seconds(25);
  int rounds = 0, rewrites = 0;
  for (; rounds < 8 && Clock::now() < budget; ++rounds) {
    SCOPED_TRACE("round " + std::to_string(rounds));
    {
      auto s = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "always"});
      ASSERT_TRUE(s->ready()) << s->log();
      RespClient c = RespClient::connect(s->port());
      if (rounds == 0) {
        c.call({"SELECT", "1"});
        fill(c, 50000, "base");
        c.call({"SELECT", "0"});
      }
      c.call({"FLUSHDB"});  // the writers' keys start over; base keys live in db 1
    }
    {
      auto s = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "always"});
      ASSERT_TRUE(s->ready()) << s->log();
      std::atomic<bool> stop{false};
      std::thread rewriter([&, port = s->port()] {
        RespClient c = RespClient::connect(port);
        while (!stop.load()) {
          Resp r = c.call({"BGREWRITEAOF"}, milliseconds(2000));
          if (r.type == '!') return;  // killed
          if (r.str == "Background append only file rewriting started") ++rewrites;
        }
      });
      LoadResult res = load_then_kill(*s, milliseconds(50 + rng() % 400));
      stop.store(true);
      rewriter.join();
      auto s2 = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "always"});
      ASSERT_TRUE(s2->ready()) << s2->log();
      RespClient c = RespClient::connect(s2->port());
      std::string detail;
      EXPECT_EQ(count_missing(c, res, detail), 0) << detail;
      c.call({"SELECT", "1"});
      EXPECT_EQ(c.call({"DBSIZE"}).integer, 50000);
      c.call({"SELECT", "0"});
      c.call({"FLUSHDB"});
      s2->stop_with(SIGKILL);
    }
  }
  EXPECT_GE(rounds, 3);
  // Rewrites really ran during the kills (how many depends on the machine's
  // speed: a sanitizer build starts fewer per round).
  EXPECT_GT(rewrites, 0);
  std::printf("[ rewrites ] %d rounds, %d rewrites started\n", rounds, rewrites);
}

TEST(PersistenceCrash, KillDuringBgsaveKeepsThePreviousDumpAndTheAof) {
  TempDir data;
  {
    auto s = start_in(data.path(), {"--appendonly", "yes", "--appendfsync", "always"});
    RespClient c = RespClient::connect(s->port());
    fill(c, 300000, "k");
    EXPECT_EQ(c.call({"SAVE"}).str, "OK");
    const auto dump_size = fs::file_size(data.file("dump.rdb"));
    EXPECT_GT(dump_size, 300000u * 20);
    c.call({"SET", "after-save", "1"});
    auto r = c.pipeline({{"BGSAVE"}, {"SET", "during", "1"}, {"INFO", "persistence"}});
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].str, "Background saving started");
    EXPECT_NE(r[2].str.find("rdb_bgsave_in_progress:1"), std::string::npos) << r[2].str;
    s->stop_with(SIGKILL);
    EXPECT_EQ(fs::file_size(data.file("dump.rdb")), dump_size);  // untouched
  }
  {
    // The AOF has everything acknowledged.
    auto s = start_in(data.path(), {"--appendonly", "yes"});
    ASSERT_TRUE(s->ready()) << s->log();
    RespClient c = RespClient::connect(s->port());
    EXPECT_EQ(c.call({"DBSIZE"}).integer, 300002);
    EXPECT_EQ(c.call({"GET", "during"}).str, "1");
    s->stop_with(SIGKILL);
  }
  // Without the AOF, the dump of the last SAVE loads whole; the killed
  // BGSAVE's temp file is ignored.
  auto s = start_in(data.path(), {"--appendonly", "no"});
  ASSERT_TRUE(s->ready()) << s->log();
  RespClient c = RespClient::connect(s->port());
  EXPECT_EQ(c.call({"DBSIZE"}).integer, 300000);
  EXPECT_TRUE(c.call({"GET", "after-save"}).null);
  // And a BGSAVE now replaces it.
  EXPECT_EQ(c.call({"BGSAVE"}).str, "Background saving started");
  ASSERT_TRUE(wait_until([&] { return info_field(c, "rdb_bgsave_in_progress") == "0"; }, milliseconds(60000)));
  EXPECT_EQ(info_field(c, "rdb_last_bgsave_status"), "ok");
}

}  // namespace
}  // namespace ironkv::test
