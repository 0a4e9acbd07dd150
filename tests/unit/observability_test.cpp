// SLOWLOG, LATENCY and INFO latencystats, byte-exact against Redis 7.0's
// replies. Durations are fed through record_command (the dispatcher's hook)
// with fixed values, so the entries are deterministic.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/command/observe.h"
#include "core/server/latency.h"
#include "harness.h"

namespace ironkv::test {
namespace {

using server::LatencyHistogram;

std::string printable(std::string s) {
  for (char& ch : s) {
    if (ch == '\r') ch = '~';
  }
  return s;
}

class Observability : public ::testing::Test {
 protected:
  void SetUp() override { h.clock.set_ms(1'700'000'000'500); }

  // Records `argv` as if the dispatcher had run it for `us` microseconds.
  void record(std::vector<std::string> argv, uint64_t us) {
    std::vector<std::string_view> views(argv.begin(), argv.end());
    const command::CommandSpec* spec = h.table.find(views[0]);
    ASSERT_NE(spec, nullptr);
    if (!spec->subcommands.empty() && views.size() > 1) {
      spec = command::CommandTable::find_sub(*spec, views[1]);
      ASSERT_NE(spec, nullptr);
    }
    command::record_command(h.server, h.client, views, *spec, us * 1000, h.clock.now_ms());
  }

  static std::string entry(int64_t id, int64_t time, int64_t us,
                           std::initializer_list<std::string_view> argv, std::string_view addr,
                           std::string_view name) {
    return "*6\r\n" + integer(id) + integer(time) + integer(us) + bulks(argv) + bulk(addr) +
           bulk(name);
  }

  Harness h;
};

TEST_F(Observability, SlowlogRecordsOnlySlowCommands) {
  // High enough that the SLOWLOG commands themselves are never logged.
  h.server.config.slowlog_log_slower_than = 100'000;
  record({"SET", "k", "v"}, 99'999);
  record({"GET", "k"}, 100'000);
  record({"DEL", "k"}, 250'000);
  EXPECT_EQ(h.run({"SLOWLOG", "LEN"}), integer(2));
  EXPECT_EQ(h.run({"SLOWLOG", "GET"}),
            "*2\r\n" + entry(1, 1700000000, 250'000, {"DEL", "k"}, "127.0.0.1:50000", "") +
                entry(0, 1700000000, 100'000, {"GET", "k"}, "127.0.0.1:50000", ""));
  EXPECT_EQ(h.run({"SLOWLOG", "GET", "1"}),
            "*1\r\n" + entry(1, 1700000000, 250'000, {"DEL", "k"}, "127.0.0.1:50000", ""));
  EXPECT_EQ(h.run({"SLOWLOG", "GET", "0"}), "*0\r\n");
  EXPECT_EQ(h.run({"SLOWLOG", "GET", "-1"}).substr(0, 4), "*2\r\n");
}

TEST_F(Observability, SlowlogDisabledAndSkipped) {
  h.server.config.slowlog_log_slower_than = -1;
  record({"GET", "k"}, 1'000'000);
  h.server.config.slowlog_log_slower_than = 0;
  h.server.config.slowlog_max_len = 0;
  record({"GET", "k"}, 1'000'000);
  h.server.config.slowlog_max_len = 128;
  record({"EXEC"}, 1'000'000);  // skip_slowlog, as in Redis
  EXPECT_EQ(h.run({"SLOWLOG", "LEN"}), integer(0));
}

TEST_F(Observability, SlowlogTruncatesLikeRedis) {
  h.server.config.slowlog_log_slower_than = 0;
  h.client.name = "bob";
  std::vector<std::string> many{"RPUSH", "l"};
  for (int i = 0; i < 40; ++i) many.push_back(std::to_string(i));
  record(many, 26);
  record({"SET", "k", std::string(200, 'x')}, 10);
  std::string expected_argv = "*32\r\n" + bulk("RPUSH") + bulk("l");
  for (int i = 0; i < 29; ++i) expected_argv += bulk(std::to_string(i));
  expected_argv += bulk("... (11 more arguments)");
  EXPECT_EQ(
      h.run({"SLOWLOG", "GET", "2"}),
      "*2\r\n" +
          entry(1, 1700000000, 10, {"SET", "k", std::string(128, 'x') + "... (72 more bytes)"},
                "127.0.0.1:50000", "bob") +
          "*6\r\n" + integer(0) + integer(1700000000) + integer(26) + expected_argv +
          bulk("127.0.0.1:50000") + bulk("bob"));
}

TEST_F(Observability, SlowlogRedactsSecrets) {
  h.server.config.slowlog_log_slower_than = 0;
  record({"AUTH", "secret"}, 4);
  record({"HELLO", "3", "AUTH", "a", "b"}, 30);
  record({"CONFIG", "SET", "requirepass", "pw", "hz", "11"}, 7);
  EXPECT_EQ(h.run({"SLOWLOG", "GET"}),
            "*3\r\n" +
                entry(2, 1700000000, 7, {"CONFIG", "SET", "requirepass", "(redacted)", "hz", "11"},
                      "127.0.0.1:50000", "") +
                entry(1, 1700000000, 30, {"HELLO", "3", "AUTH", "(redacted)", "(redacted)"},
                      "127.0.0.1:50000", "") +
                entry(0, 1700000000, 4, {"AUTH", "(redacted)"}, "127.0.0.1:50000", ""));
}

TEST_F(Observability, SlowlogMaxLenResetAndIds) {
  h.server.config.slowlog_log_slower_than = 0;
  h.server.config.slowlog_max_len = 2;
  for (int i = 0; i < 5; ++i) record({"PING"}, 1);
  h.server.config.slowlog_log_slower_than = 1'000'000'000;
  EXPECT_EQ(h.run({"SLOWLOG", "LEN"}), integer(2));
  EXPECT_EQ(h.run({"SLOWLOG", "GET"}),
            "*2\r\n" + entry(4, 1700000000, 1, {"PING"}, "127.0.0.1:50000", "") +
                entry(3, 1700000000, 1, {"PING"}, "127.0.0.1:50000", ""));
  EXPECT_EQ(h.run({"SLOWLOG", "RESET"}), ok());
  EXPECT_EQ(h.run({"SLOWLOG", "LEN"}), integer(0));
  record({"PING"}, 2'000'000'000);
  // Ids keep counting across a reset.
  EXPECT_EQ(h.run({"SLOWLOG", "GET"}),
            "*1\r\n" + entry(5, 1700000000, 2'000'000'000, {"PING"}, "127.0.0.1:50000", ""));
}

TEST_F(Observability, SlowlogErrors) {
  EXPECT_EQ(h.run({"SLOWLOG", "GET", "x"}),
            error("ERR count should be greater than or equal to -1"));
  EXPECT_EQ(h.run({"SLOWLOG", "GET", "-2"}),
            error("ERR count should be greater than or equal to -1"));
  EXPECT_EQ(
      h.run({"SLOWLOG", "GET", "1", "2"}),
      error("ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP."));
  EXPECT_EQ(h.run({"SLOWLOG", "LEN", "x"}),
            error("ERR wrong number of arguments for 'slowlog|len' command"));
  EXPECT_EQ(h.run({"SLOWLOG", "RESET", "x"}),
            error("ERR wrong number of arguments for 'slowlog|reset' command"));
  EXPECT_EQ(h.run({"SLOWLOG", "FOO"}), error("ERR unknown subcommand 'FOO'. Try SLOWLOG HELP."));
  std::string help = h.run({"SLOWLOG", "HELP"});
  const std::string head =
      "*12\r\n+SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n";
  EXPECT_EQ(help.substr(0, head.size()), head);
}

TEST_F(Observability, LatencyMonitorEvents) {
  // Off by default (threshold 0).
  record({"DEL", "k"}, 50'000);
  EXPECT_EQ(h.run({"LATENCY", "LATEST"}), "*0\r\n");
  h.server.config.latency_monitor_threshold = 5;
  record({"DEL", "k"}, 4'999);   // 4 ms: below
  record({"DEL", "k"}, 10'000);  // "command"
  record({"GET", "k"}, 7'000);   // GET is fast: "fast-command"
  h.advance_ms(1000);
  record({"DEL", "k"}, 20'000);
  record({"DEL", "k"}, 6'000);  // same second: the highest stays
  h.advance_ms(2000);
  record({"DEL", "k"}, 8'000);
  EXPECT_EQ(h.run({"LATENCY", "LATEST"}),
            "*2\r\n*4\r\n" + bulk("command") + integer(1700000003) + integer(8) + integer(20) +
                "*4\r\n" + bulk("fast-command") + integer(1700000000) + integer(7) + integer(7));
  EXPECT_EQ(h.run({"LATENCY", "HISTORY", "command"}),
            "*3\r\n*2\r\n" + integer(1700000000) + integer(10) + "*2\r\n" + integer(1700000001) +
                integer(20) + "*2\r\n" + integer(1700000003) + integer(8));
  EXPECT_EQ(h.run({"LATENCY", "HISTORY", "nope"}), "*0\r\n");
  EXPECT_EQ(h.run({"LATENCY", "RESET", "command", "nope"}), integer(1));
  EXPECT_EQ(h.run({"LATENCY", "RESET"}), integer(1));
  EXPECT_EQ(h.run({"LATENCY", "RESET"}), integer(0));
  EXPECT_EQ(h.run({"LATENCY", "LATEST", "x"}),
            error("ERR wrong number of arguments for 'latency|latest' command"));
  EXPECT_EQ(h.run({"LATENCY", "HISTORY"}),
            error("ERR wrong number of arguments for 'latency|history' command"));
  EXPECT_EQ(h.run({"LATENCY", "foo"}), error("ERR unknown subcommand 'foo'. Try LATENCY HELP."));
}

TEST_F(Observability, LatencyHistoryKeepsLast160Seconds) {
  h.server.config.latency_monitor_threshold = 1;
  for (int i = 0; i < 200; ++i) {
    record({"DEL", "k"}, static_cast<uint64_t>(1000 + i * 1000));
    h.advance_ms(1000);
  }
  std::string hist = h.run({"LATENCY", "HISTORY", "command"});
  EXPECT_EQ(hist.substr(0, 6), "*160\r\n");
  // Oldest kept: the 41st sample.
  const std::string oldest = "*2\r\n" + integer(1700000040) + integer(41);
  EXPECT_EQ(hist.substr(6, oldest.size()), oldest);
}

TEST_F(Observability, LatencyAddSampleApi) {
  h.server.latency_add_sample("aof-fsync-always", 100);  // threshold 0: ignored
  EXPECT_EQ(h.run({"LATENCY", "LATEST"}), "*0\r\n");
  h.server.latency_monitor_threshold_ms = 10;
  h.server.latency_add_sample("aof-fsync-always", 9);
  h.server.latency_add_sample("aof-fsync-always", 15);
  std::string latest = h.run({"LATENCY", "LATEST"});
  const std::string head = "*1\r\n*4\r\n" + bulk("aof-fsync-always") + ":";
  EXPECT_EQ(latest.substr(0, head.size()), head);
  EXPECT_NE(latest.find(":15\r\n:15\r\n"), std::string::npos) << printable(latest);
}

TEST_F(Observability, InfoLatencystats) {
  record({"GET", "k"}, 1);
  record({"SET", "k", "v"}, 20);
  record({"SET", "k", "v"}, 30);
  record({"CONFIG", "SET", "hz", "10"}, 0);
  EXPECT_EQ(h.run({"INFO", "latencystats"}),
            bulk("# Latencystats\r\n"
                 "latency_percentiles_usec_get:p50=1.003,p99=1.003,p99.9=1.003\r\n"
                 "latency_percentiles_usec_set:p50=20.095,p99=30.079,p99.9=30.079\r\n"
                 "latency_percentiles_usec_config|set:p50=0.001,p99=0.001,p99.9=0.001\r\n"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "latency-tracking-info-percentiles", "50 99.99 0 100"}), ok());
  EXPECT_EQ(h.run({"CONFIG", "GET", "latency-tracking-info-percentiles"}),
            bulks({"latency-tracking-info-percentiles", "50 99.99 0 100"}));
  std::string info = h.run({"INFO", "latencystats"});
  EXPECT_NE(
      info.find("latency_percentiles_usec_set:p50=20.095,p99.99=30.079,p0=19.968,p100=30.079\r\n"),
      std::string::npos)
      << printable(info);
  EXPECT_EQ(h.run({"CONFIG", "SET", "latency-tracking-info-percentiles", ""}), ok());
  info = h.run({"INFO", "latencystats"});
  EXPECT_NE(info.find("latency_percentiles_usec_get:\r\n"), std::string::npos) << printable(info);
  EXPECT_EQ(h.run({"CONFIG", "SET", "latency-tracking", "no"}), ok());
  EXPECT_EQ(h.run({"INFO", "latencystats"}), bulk("# Latencystats\r\n"));
  EXPECT_EQ(h.run({"CONFIG", "RESETSTAT"}), ok());
  EXPECT_EQ(h.run({"CONFIG", "SET", "latency-tracking", "yes", "latency-tracking-info-percentiles",
                   "50"}),
            ok());
  // RESETSTAT dropped the histograms; only the CONFIG SET that ran since is there.
  info = h.run({"INFO", "latencystats"});
  EXPECT_NE(info.find("# Latencystats\r\nlatency_percentiles_usec_config|set:p50="),
            std::string::npos)
      << printable(info);
  EXPECT_EQ(info.find("usec_get"), std::string::npos) << printable(info);
}

TEST_F(Observability, LatencyHistogramCommand) {
  record({"SET", "k", "v"}, 1);
  record({"SET", "k", "v"}, 1);
  record({"SET", "k", "v"}, 1);
  record({"SET", "k", "v"}, 20);
  record({"CONFIG", "GET", "hz"}, 1);        // 1024..2047 ns → reported at 2 us
  h.server.config.latency_tracking = false;  // the LATENCY calls below add no histograms
  const std::string set = bulk("set") + "*4\r\n" + bulk("calls") + integer(4) +
                          bulk("histogram_usec") + "*4\r\n" + integer(1) + integer(3) +
                          integer(33) + integer(4);
  EXPECT_EQ(h.run({"LATENCY", "HISTOGRAM", "set"}), "*2\r\n" + set);
  EXPECT_EQ(h.run({"LATENCY", "HISTOGRAM", "SET", "nosuch", "get"}), "*2\r\n" + set);
  std::string config_get = bulk("config|get") + "*4\r\n" + bulk("calls") + integer(1) +
                           bulk("histogram_usec") + "*2\r\n" + integer(1) + integer(1);
  EXPECT_EQ(h.run({"LATENCY", "HISTOGRAM", "config"}), "*2\r\n" + config_get);
  EXPECT_EQ(h.run({"LATENCY", "HISTOGRAM", "config|get"}), "*2\r\n" + config_get);
  EXPECT_EQ(h.run({"LATENCY", "HISTOGRAM", "nosuch"}), "*0\r\n");
  EXPECT_EQ(h.run({"LATENCY", "HISTOGRAM"}), "*4\r\n" + set + config_get);
}

TEST(LatencyHistogramTest, LogCdfMatchesRedisSteps) {
  LatencyHistogram h;
  h.record(1500);    // reported at the 2048 ns step: 2 us
  h.record(10'000);  // at the 16384 ns step: 16 us
  EXPECT_EQ(h.log_cdf(), (std::vector<std::pair<int64_t, uint64_t>>{{2, 1}, {16, 2}}));
  h.record(40'000'000);
  auto cdf = h.log_cdf();
  ASSERT_EQ(cdf.size(), 3u);
  EXPECT_EQ(cdf[2].second, 3u);
  EXPECT_EQ(cdf[2].first, LatencyHistogram::highest_equivalent(67'108'864) / 1000);
  EXPECT_TRUE(LatencyHistogram().log_cdf().empty());
}

TEST_F(Observability, PercentileConfigErrors) {
  EXPECT_EQ(h.run({"CONFIG", "SET", "latency-tracking-info-percentiles", "50 101"}),
            error("ERR CONFIG SET failed (possibly related to argument "
                  "'latency-tracking-info-percentiles') - latency-tracking-info-percentiles "
                  "parameters should sit between [0.0,100.0]"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "latency-tracking-info-percentiles", "abc"}),
            error("ERR CONFIG SET failed (possibly related to argument "
                  "'latency-tracking-info-percentiles') - Invalid "
                  "latency-tracking-info-percentiles parameters"));
  EXPECT_EQ(
      h.run({"CONFIG", "SET", "latency-monitor-threshold", "-1"}),
      error("ERR CONFIG SET failed (possibly related to argument 'latency-monitor-threshold') "
            "- argument must be between 0 and 9223372036854775807 inclusive"));
  EXPECT_EQ(h.run({"CONFIG", "GET", "latency*"}),
            bulks({"latency-monitor-threshold", "0", "latency-tracking", "yes",
                   "latency-tracking-info-percentiles", "50 99 99.9"}));
}

TEST(LatencyHistogramTest, HdrBucketsAndPercentiles) {
  EXPECT_EQ(LatencyHistogram::highest_equivalent(1000), 1003);
  EXPECT_EQ(LatencyHistogram::lowest_equivalent(8000), 8000);
  EXPECT_EQ(LatencyHistogram::highest_equivalent(8000), 8031);
  EXPECT_EQ(LatencyHistogram::highest_equivalent(255), 255);
  for (int64_t v : {1, 200, 255, 256, 1000, 123456, 999'999'999}) {
    EXPECT_EQ(LatencyHistogram::value_from_index(LatencyHistogram::index_of(v)),
              LatencyHistogram::lowest_equivalent(v));
  }
  EXPECT_LT(LatencyHistogram::index_of(LatencyHistogram::kMaxValue), LatencyHistogram::kCountsLen);
  LatencyHistogram h;
  for (int i = 1; i <= 1000; ++i) h.record(i * 1000);
  EXPECT_EQ(h.total(), 1000u);
  // Within HdrHistogram's 2-significant-digit precision.
  EXPECT_NEAR(static_cast<double>(h.value_at_percentile(50)), 500'000, 500'000 * 0.01);
  EXPECT_NEAR(static_cast<double>(h.value_at_percentile(99)), 990'000, 990'000 * 0.01);
  EXPECT_NEAR(static_cast<double>(h.value_at_percentile(99.9)), 999'000, 999'000 * 0.01);
  std::vector<int64_t> bounds{100'000, 500'000, 2'000'000};
  auto cum = h.cumulative(bounds);
  EXPECT_EQ(cum[2], 1000u);
  EXPECT_NEAR(static_cast<double>(cum[1]), 500, 5);
  LatencyHistogram before = h;
  h.record(5'000'000);
  LatencyHistogram delta = h.minus(before);
  EXPECT_EQ(delta.total(), 1u);
  EXPECT_EQ(LatencyHistogram::lowest_equivalent(delta.value_at_percentile(99)),
            LatencyHistogram::lowest_equivalent(5'000'000));
  h.record(0);              // clamped to 1 ns
  h.record(5'000'000'000);  // clamped to 1 s
  EXPECT_EQ(h.total(), 1003u);
}

}  // namespace
}  // namespace ironkv::test
