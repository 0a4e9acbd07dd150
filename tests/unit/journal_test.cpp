// The journal (core/server/journal.h): the dispatcher's write stream fanned out
// to several sinks. Each sink sees every record in execution order with a
// SELECT before the first record and whenever the database changes (per sink:
// a sink that restarts its stream gets a SELECT of its own), every end of
// batch, and the reply waits for the largest durable target. ServerContext's
// command_log points at the journal only while a sink is attached. Then the
// same through the dispatcher, and a sink added later that starts mid-stream.

#include "core/server/journal.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/harness.h"

namespace ironkv::test {
namespace {

using Lines = std::vector<std::string>;

// Records each record as "ARG ARG …" and each batch end as "--".
class RecordingSink final : public server::JournalSink {
 public:
  void record(std::span<const std::string_view> argv) override {
    std::string s;
    for (auto a : argv) {
      if (!s.empty()) s += ' ';
      s += a;
    }
    lines.push_back(std::move(s));
  }
  void end_batch() override { lines.push_back("--"); }
  uint64_t durable_target() const override { return target; }

  Lines lines;
  uint64_t target = 0;
};

void append(server::Journal& j, int db, std::initializer_list<std::string_view> argv) {
  j.append(db, std::span<const std::string_view>(argv.begin(), argv.size()));
}

TEST(Journal, TwoSinksSeeTheSameRecordsInOrderWithSelectsAndBatchEnds) {
  server::ServerContext srv;
  server::Journal journal(srv);
  RecordingSink a, b;
  journal.add_sink(&a);
  journal.add_sink(&b);
  EXPECT_EQ(journal.sink_count(), 2u);

  append(journal, 0, {"SET", "k", "1"});
  append(journal, 0, {"INCR", "k"});
  journal.end_batch();
  append(journal, 3, {"DEL", "x"});
  append(journal, 0, {"LPUSH", "l", "a", "b"});
  journal.end_batch();
  journal.end_batch();  // an empty batch still ends

  const Lines want = {"SELECT 0", "SET k 1",  "INCR k",      "--", "SELECT 3",
                      "DEL x",    "SELECT 0", "LPUSH l a b", "--", "--"};
  EXPECT_EQ(a.lines, want);
  EXPECT_EQ(b.lines, want);
}

TEST(Journal, SelectIsTrackedPerSink) {
  server::ServerContext srv;
  server::Journal journal(srv);
  RecordingSink a, b;
  journal.add_sink(&a);
  journal.add_sink(&b);
  append(journal, 2, {"SET", "k", "v"});
  EXPECT_EQ(a.selected_db(), 2);
  // One sink starts a new file (an AOF rewrite's incr file): only it gets a
  // SELECT again before its next record.
  a.reset_db();
  append(journal, 2, {"DEL", "k"});
  EXPECT_EQ(a.lines, (Lines{"SELECT 2", "SET k v", "SELECT 2", "DEL k"}));
  EXPECT_EQ(b.lines, (Lines{"SELECT 2", "SET k v", "DEL k"}));
}

TEST(Journal, ASinkAddedLaterStartsWithASelect) {
  server::ServerContext srv;
  server::Journal journal(srv);
  RecordingSink a, late;
  journal.add_sink(&a);
  append(journal, 5, {"SET", "k", "v"});
  journal.add_sink(&late);
  journal.add_sink(&late);  // twice is once
  append(journal, 5, {"INCR", "n"});
  journal.end_batch();
  EXPECT_EQ(a.lines, (Lines{"SELECT 5", "SET k v", "INCR n", "--"}));
  EXPECT_EQ(late.lines, (Lines{"SELECT 5", "INCR n", "--"}));
}

TEST(Journal, CommandLogIsSetOnlyWhileSinksAreAttached) {
  server::ServerContext srv;
  RecordingSink a, b;
  {
    server::Journal journal(srv);
    EXPECT_EQ(srv.command_log, nullptr);
    journal.add_sink(&a);
    EXPECT_EQ(srv.command_log, &journal);
    journal.add_sink(&b);
    journal.remove_sink(&a);
    EXPECT_EQ(srv.command_log, &journal);
    EXPECT_TRUE(journal.has_sinks());
    append(journal, 0, {"SET", "k", "v"});
    journal.remove_sink(&b);
    EXPECT_EQ(srv.command_log, nullptr);
    EXPECT_FALSE(journal.has_sinks());
    append(journal, 0, {"SET", "k", "w"});  // nobody reads it
    journal.add_sink(&a);
  }
  EXPECT_EQ(srv.command_log, nullptr);  // the journal is gone
  EXPECT_EQ(a.lines, Lines{});
  EXPECT_EQ(b.lines, (Lines{"SELECT 0", "SET k v"}));
}

TEST(Journal, DurableTargetIsTheLargestOfTheSinks) {
  server::ServerContext srv;
  server::Journal journal(srv);
  EXPECT_EQ(journal.durable_target(), 0u);
  RecordingSink a, b;
  journal.add_sink(&a);
  journal.add_sink(&b);
  EXPECT_EQ(journal.durable_target(), 0u);
  a.target = 10;
  b.target = 7;
  EXPECT_EQ(journal.durable_target(), 10u);
  b.target = 12;
  EXPECT_EQ(journal.durable_target(), 12u);
}

TEST(Journal, FedByTheDispatcher) {
  Harness h;
  server::Journal journal(h.server);
  RecordingSink a, b;
  journal.add_sink(&a);
  journal.add_sink(&b);
  h.run({"SET", "k", "1"});
  h.run({"GET", "k"});  // reads are not journalled
  h.run({"SELECT", "1"});
  h.run({"RPUSH", "l", "x", "y"});
  h.run({"EXPIRE", "l", "100"});   // relative times become absolute
  h.run({"SET", "k", "2", "NX"});  // in database 1: done
  h.run({"SET", "k", "3", "NX"});  // a no-op: not journalled
  ASSERT_GE(a.lines.size(), 5u);
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.lines[0], "SELECT 0");
  EXPECT_EQ(a.lines[1], "SET k 1");
  EXPECT_EQ(a.lines[2], "SELECT 1");
  EXPECT_EQ(a.lines[3], "RPUSH l x y");
  EXPECT_EQ(a.lines[4].rfind("PEXPIREAT l ", 0), 0u) << a.lines[4];
  EXPECT_EQ(a.lines.back(), "SET k 2 NX");
  EXPECT_EQ(a.lines.size(), 6u);
}

}  // namespace
}  // namespace ironkv::test
