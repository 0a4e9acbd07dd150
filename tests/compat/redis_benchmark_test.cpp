// The real redis-benchmark against the server: pipelined SET/GET/INCR/MSET
// from 50 connections must finish without errors and report a rate for each.

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

// redis-benchmark -q redraws progress with '\r'; split on both line ends.
std::vector<std::string> output_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\r' || c == '\n') {
      if (!cur.empty()) lines.push_back(cur);
      cur.clear();
    } else if (c == ' ' && cur.empty()) {
      continue;  // lines are indented after a redraw
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

TEST(RedisBenchmark, SetGetIncrMsetPipelined) {
  std::string bench = find_program("redis-benchmark");
  if (bench.empty()) GTEST_SKIP() << "redis-benchmark not found on PATH (Debian package redis-tools)";
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();

  auto r = run_command({bench, "-h", "127.0.0.1", "-p", std::to_string(server.port()), "-t",
                        "set,get,incr,mset", "-n", "100000", "-P", "16", "-q"},
                       milliseconds(120000));
  ASSERT_FALSE(r.timed_out()) << "redis-benchmark did not finish within 120 s\n" << r.describe();
  EXPECT_TRUE(r.ok()) << r.describe();
  std::string all = r.out + r.err;
  EXPECT_EQ(all.find("ERR"), std::string::npos) << r.describe();
  EXPECT_EQ(all.find("rror"), std::string::npos) << r.describe();  // Error / error

  const std::vector<std::string> tests{"SET", "GET", "INCR", "MSET (10 keys)"};
  auto lines = output_lines(r.out);
  for (const auto& name : tests) {
    std::regex done("^" + std::regex_replace(name, std::regex(R"([()])"), R"(\$&)") +
                    R"(: [0-9]+(\.[0-9]+)? requests per second)");
    bool found = false;
    for (const auto& line : lines) found = found || std::regex_search(line, done);
    EXPECT_TRUE(found) << "no requests-per-second line for " << name << "\n" << r.describe();
  }

  // The benchmark's writes really happened: INCR ran 100,000 times on one key.
  Client c = server.connect();
  EXPECT_EQ(printable(c.roundtrip(resp_command({"GET", "counter:__rand_int__"}), "$6\r\n100000\r\n")),
            "$6\\r\\n100000\\r\\n");
  EXPECT_TRUE(server.running()) << server.describe();
}

}  // namespace
}  // namespace ironkv::test
