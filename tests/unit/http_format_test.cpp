// The admin endpoint's pure parts: INFO text → JSON (/stats) and →
// Prometheus text (/metrics), and the Authorization check.

#include <gtest/gtest.h>

#include <string>

#include "http/admin_api.h"
#include "http/info_json.h"
#include "http/json.h"
#include "http/metrics.h"

namespace ironkv::test {
namespace {

using namespace ironkv::http;

constexpr std::string_view kInfo =
    "# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\nuptime_in_seconds:12\r\n"
    "executable:/usr/bin/a \"b\"\r\n\r\n"
    "# Clients\r\nconnected_clients:3\r\nblocked_clients:1\r\n\r\n"
    "# "
    "Memory\r\nused_memory:1024\r\nused_memory_peak_perc:12.50%\r\nmem_fragmentation_ratio:1."
    "25\r\n\r\n"
    "# Persistence\r\nloading:0\r\nrdb_last_save_time:1700000000\r\nrdb_last_bgsave_status:ok\r\n"
    "rdb_last_bgsave_time_sec:-1\r\naof_last_write_status:err\r\ncurrent_fork_perc:0.00\r\n"
    "current_cow_size_age:0\r\naof_last_cow_size:0\r\n\r\n"
    "# Stats\r\ntotal_commands_processed:42\r\ninstantaneous_ops_per_sec:7\r\nkeyspace_hits:5\r\n"
    "keyspace_misses:2\r\nexpired_keys:0\r\nevicted_keys:0\r\n\r\n"
    "# "
    "Commandstats\r\ncmdstat_get:calls=5,usec=20,usec_per_call=4.00,rejected_calls=0,failed_calls="
    "0\r\n"
    "cmdstat_config|get:calls=1,usec=1500000,usec_per_call=1500000.00,rejected_calls=2,failed_"
    "calls=0\r\n\r\n"
    "# Latencystats\r\nlatency_percentiles_usec_get:p50=1.003,p99=4.015,p99.9=4.015\r\n\r\n"
    "# Keyspace\r\ndb0:keys=10,expires=2,avg_ttl=100\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n";

TEST(HttpFormat, JsonNumbers) {
  EXPECT_TRUE(is_json_number("0"));
  EXPECT_TRUE(is_json_number("-12"));
  EXPECT_TRUE(is_json_number("1.25"));
  EXPECT_FALSE(is_json_number("00000000"));
  EXPECT_FALSE(is_json_number("12.50%"));
  EXPECT_FALSE(is_json_number("1."));
  EXPECT_FALSE(is_json_number(""));
  EXPECT_FALSE(is_json_number("-"));
  EXPECT_FALSE(is_json_number("+1"));
}

TEST(HttpFormat, InfoToJson) {
  Info info = parse_info(kInfo);
  ASSERT_EQ(info.size(), 8u);
  EXPECT_EQ(info[0].name, "server");
  EXPECT_EQ(*info[1].find("connected_clients"), "3");
  JsonWriter w;
  write_info_json(w, info);
  const std::string& j = w.str();
  const std::string head =
      "{\"server\":{\"redis_version\":\"7.0.15\",\"redis_git_sha1\":\"00000000\","
      "\"uptime_in_seconds\":12,\"executable\":\"/usr/bin/a \\\"b\\\"\"},\"clients\":{\"con";
  EXPECT_EQ(j.substr(0, head.size()), head);
  EXPECT_NE(j.find("\"used_memory_peak_perc\":\"12.50%\",\"mem_fragmentation_ratio\":1.25}"),
            std::string::npos);
  EXPECT_NE(
      j.find("\"commandstats\":{\"cmdstat_get\":{\"calls\":5,\"usec\":20,\"usec_per_call\":4.00,"
             "\"rejected_calls\":0,\"failed_calls\":0},"),
      std::string::npos);
  EXPECT_NE(
      j.find("\"latencystats\":{\"latency_percentiles_usec_get\":{\"p50\":1.003,\"p99\":4.015,"
             "\"p99.9\":4.015}}"),
      std::string::npos);
  EXPECT_NE(
      j.find(
          "\"keyspace\":{\"db0\":{\"keys\":10,\"expires\":2,\"avg_ttl\":100},\"db3\":{\"keys\":1,"
          "\"expires\":0,\"avg_ttl\":0}}}"),
      std::string::npos);
}

TEST(HttpFormat, MetricsUseRedisExporterNames) {
  CommandLatency get{"get", {}, 5, 20'000};
  for (size_t i = 0; i < latency_bucket_bounds_ns().size(); ++i)
    get.cumulative.push_back(i < 1 ? 4 : 5);
  std::string m = render_metrics(parse_info(kInfo), {get});
  for (std::string_view line :
       {"redis_up 1\n",
        "redis_uptime_in_seconds 12\n",
        "redis_connected_clients 3\n",
        "redis_blocked_clients 1\n",
        "redis_memory_used_bytes 1024\n",
        "redis_commands_processed_total 42\n",
        "redis_keyspace_hits_total 5\n",
        "redis_keyspace_misses_total 2\n",
        "redis_expired_keys_total 0\n",
        "redis_evicted_keys_total 0\n",
        "redis_db_keys{db=\"db0\"} 10\n",
        "redis_db_keys{db=\"db3\"} 1\n",
        "redis_db_keys_expiring{db=\"db0\"} 2\n",
        "redis_commands_total{cmd=\"get\"} 5\n",
        "redis_commands_total{cmd=\"config|get\"} 1\n",
        "redis_commands_duration_seconds_total{cmd=\"config|get\"} 1.5\n",
        "redis_commands_rejected_calls_total{cmd=\"config|get\"} 2\n",
        "redis_rdb_last_save_timestamp_seconds 1700000000\n",
        "redis_rdb_last_bgsave_status 1\n",
        "redis_aof_last_write_status 0\n",
        "redis_rdb_last_bgsave_duration_seconds -1\n",
        "redis_current_fork_percent 0.00\n",
        "redis_current_cow_size_age_seconds 0\n",
        "redis_aof_last_cow_size_bytes 0\n",
        "redis_loading_dump_file 0\n",
        "# TYPE ironkv_command_latency_seconds histogram\n",
        "ironkv_command_latency_seconds_bucket{cmd=\"get\",le=\"1e-05\"} 4\n",
        "ironkv_command_latency_seconds_bucket{cmd=\"get\",le=\"1\"} 5\n",
        "ironkv_command_latency_seconds_bucket{cmd=\"get\",le=\"+Inf\"} 5\n",
        "ironkv_command_latency_seconds_sum{cmd=\"get\"} 2e-05\n",
        "ironkv_command_latency_seconds_count{cmd=\"get\"} 5\n"}) {
    EXPECT_NE(m.find(line), std::string::npos) << line << "\n" << m;
  }
  // Each family's HELP/TYPE exactly once.
  size_t types = 0;
  for (size_t at = m.find("# TYPE redis_db_keys "); at != std::string::npos;
       at = m.find("# TYPE redis_db_keys ", at + 1)) {
    ++types;
  }
  EXPECT_EQ(types, 1u);
}

TEST(HttpFormat, Authorization) {
  EXPECT_TRUE(AdminApi::authorized("Bearer s3cret", "s3cret"));
  EXPECT_TRUE(AdminApi::authorized("bearer s3cret", "s3cret"));
  EXPECT_FALSE(AdminApi::authorized("Bearer s3cre", "s3cret"));
  EXPECT_FALSE(AdminApi::authorized("Bearer s3cretx", "s3cret"));
  EXPECT_FALSE(AdminApi::authorized("", "s3cret"));
  EXPECT_FALSE(AdminApi::authorized("Bearer ", ""));
  // Basic: any user, the token as password ("admin:s3cret").
  EXPECT_TRUE(AdminApi::authorized("Basic YWRtaW46czNjcmV0", "s3cret"));
  EXPECT_FALSE(AdminApi::authorized("Basic YWRtaW46eA==", "s3cret"));
  EXPECT_FALSE(AdminApi::authorized("Basic !!!", "s3cret"));
}

}  // namespace
}  // namespace ironkv::test
