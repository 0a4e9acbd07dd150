// The registries that replaced if-chains: INFO sections (registered by their
// families, printed in Redis's order), cron duties (run in registration order)
// and per-option CONFIG SET hooks (checks before commit, apply hooks after).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/commands/info_sections.h"
#include "core/server/hooks.h"
#include "harness.h"

namespace ironkv::test {
namespace {

std::vector<std::string> section_names() {
  std::vector<std::string> out;
  for (const auto& s : commands::info_sections()) out.emplace_back(s.name);
  return out;
}

TEST(InfoSections, EveryFamilysSectionIsRegisteredOnceInRedisOrder) {
  Harness h;
  Harness again;  // a second table registers the same sections: no duplicates
  EXPECT_EQ(section_names(),
            (std::vector<std::string>{"server", "clients", "memory", "persistence", "stats",
                                      "replication", "cpu", "modules", "commandstats",
                                      "latencystats", "cluster", "keyspace"}));
}

TEST(InfoSections, InfoPrintsTheRegisteredSectionsInRankOrder) {
  Harness h;
  std::string out = h.run({"INFO", "keyspace", "clients", "persistence"});
  size_t clients = out.find("# Clients"), persistence = out.find("# Persistence"),
         keyspace = out.find("# Keyspace");
  ASSERT_NE(clients, std::string::npos) << out;
  ASSERT_NE(persistence, std::string::npos) << out;
  ASSERT_NE(keyspace, std::string::npos) << out;
  EXPECT_LT(clients, persistence);
  EXPECT_LT(persistence, keyspace);
  EXPECT_EQ(out.find("# Server"), std::string::npos);
}

TEST(CronDuties, RunInRegistrationOrder) {
  server::CronDuties duties;
  std::vector<int> ran;
  duties.add("first", [&] { ran.push_back(1); });
  duties.add("second", [&] { ran.push_back(2); });
  duties.run();
  duties.run();
  EXPECT_EQ(ran, (std::vector<int>{1, 2, 1, 2}));
  EXPECT_EQ(duties.names(), (std::vector<std::string_view>{"first", "second"}));
}

TEST(ConfigHooks, ApplyRunsOnlyTheOptionsHooksInOrder) {
  server::ConfigHooks hooks;
  std::vector<std::string> ran;
  hooks.on_apply("maxclients", [&] { ran.push_back("a"); });
  hooks.on_apply({"maxclients", "timeout"}, [&] { ran.push_back("b"); });
  hooks.apply("maxclients");
  hooks.apply("hz");
  hooks.apply("timeout");
  EXPECT_EQ(ran, (std::vector<std::string>{"a", "b", "b"}));
  EXPECT_TRUE(hooks.has_apply("timeout"));
  EXPECT_FALSE(hooks.has_apply("hz"));
}

TEST(ConfigHooks, CheckGivesTheFirstError) {
  server::ConfigHooks hooks;
  server::Config next;
  hooks.on_check("maxclients", [](const server::Config&) { return std::optional<std::string>(); });
  hooks.on_check("maxclients",
                 [](const server::Config&) { return std::optional<std::string>("no"); });
  EXPECT_EQ(hooks.check(next, "maxclients"), std::optional<std::string>("no"));
  EXPECT_EQ(hooks.check(next, "timeout"), std::nullopt);
}

TEST(ConfigHooks, ConfigSetRunsChecksThenApplyHooks) {
  Harness h;
  std::vector<std::string> seen;
  h.server.config_hooks.on_apply(
      "timeout", [&] { seen.push_back("apply " + std::to_string(h.server.config.timeout)); });
  h.server.on_config_set = [&](std::string_view o) { seen.push_back("told " + std::string(o)); };
  h.server.config_hooks.on_check("hz",
                                 [](const server::Config& next) -> std::optional<std::string> {
                                   if (next.hz > 100) return "too fast";
                                   return std::nullopt;
                                 });
  EXPECT_EQ(h.run({"CONFIG", "SET", "timeout", "7"}), "+OK\r\n");
  EXPECT_EQ(seen, (std::vector<std::string>{"apply 7", "told timeout"}));
  std::string refused = h.run({"CONFIG", "SET", "hz", "200", "timeout", "9"});
  EXPECT_EQ(refused, "-ERR CONFIG SET failed (possibly related to argument 'hz') - too fast\r\n");
  EXPECT_EQ(h.server.config.timeout, 7);
  EXPECT_EQ(seen.size(), 2u);
}

}  // namespace
}  // namespace ironkv::test
