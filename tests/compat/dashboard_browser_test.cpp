// The dashboard in a real browser: headless Chromium (Debian's chromium,
// driven by playwright-core from tests/browser) opens GET / while
// redis-benchmark puts a bounded load on the server, checks that every chart
// shows data and that SAVE shows a result, and leaves a screenshot in
// tests/artifacts/ (gitignored).

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

int http_port_of(const ServerProcess& server) {
  static constexpr std::string_view kLine = "HTTP admin endpoint listening on http://";
  if (!server.wait_for_log(kLine)) return 0;
  std::string log = server.log();
  size_t at = log.find(kLine);
  std::string line = log.substr(at + kLine.size(), log.find('\n', at) - at - kLine.size());
  return std::atoi(line.substr(line.rfind(':') + 1).c_str());
}

struct BrowserSetup {
  std::string node, chromium, script, skip;
};

BrowserSetup find_browser_setup() {
  BrowserSetup s;
  s.node = find_program("node");
  s.chromium = find_program("/usr/bin/chromium");
  s.script = source_path("tests/browser/dashboard.test.js");
  std::string module = source_path("tests/browser/node_modules/playwright-core/package.json");
  if (s.node.empty())
    s.skip = "node not found (scripts/install-deps.sh installs nodejs and npm)";
  else if (s.chromium.empty())
    s.skip = "/usr/bin/chromium not found (Debian package chromium)";
  else if (!std::filesystem::exists(module)) {
    s.skip =
        "playwright-core is not installed: run `npm ci` in tests/browser (scripts/install-deps.sh "
        "does)";
  }
  return s;
}

// Starts redis-benchmark against the server: bounded by request count, and
// killed when the returned process goes out of scope.
std::unique_ptr<ChildProcess> start_load(int port, const TempDir& dir) {
  std::string bench = find_program("redis-benchmark");
  if (bench.empty()) return nullptr;
  auto child = std::make_unique<ChildProcess>();
  ChildProcess::Options opts{"", dir.file("bench.out"), dir.file("bench.err"), {}};
  std::string err = child->spawn({bench, "-h", "127.0.0.1", "-p", std::to_string(port), "-t",
                                  "set,get", "-n", "2000000", "-r", "1000", "-c", "4", "-q"},
                                 opts);
  if (!err.empty()) return nullptr;
  return child;
}

void run_dashboard(const std::vector<std::string>& server_args, const std::string& token,
                   const std::string& shot_name) {
  BrowserSetup setup = find_browser_setup();
  if (!setup.skip.empty()) GTEST_SKIP() << setup.skip;
  std::vector<std::string> args{"--http-enabled", "yes", "--http-port", "0"};
  args.insert(args.end(), server_args.begin(), server_args.end());
  ServerProcess server(args);
  ASSERT_TRUE(server.ready()) << server.describe();
  int http_port = http_port_of(server);
  ASSERT_GT(http_port, 0) << server.describe();

  TempDir dir;
  auto load = start_load(server.port(), dir);
  ASSERT_NE(load, nullptr) << "redis-benchmark is needed for the load (package redis-tools)";

  std::string artifacts = source_path("tests/artifacts");
  std::filesystem::create_directories(artifacts);
  std::string shot = artifacts + "/" + shot_name;
  std::vector<std::string> argv{setup.node, setup.script,
                                "http://127.0.0.1:" + std::to_string(http_port) + "/", shot};
  if (!token.empty()) argv.push_back(token);
  CommandResult r = run_command(argv, milliseconds(90000), "", {"CHROMIUM=" + setup.chromium});
  load->kill_and_reap();
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_NE(r.out.find("charts: ops="), std::string::npos) << r.describe();
  EXPECT_NE(r.out.find("save: SAVE"), std::string::npos) << r.describe();
  EXPECT_TRUE(std::filesystem::exists(shot)) << shot;
  std::cout << r.out;
}

TEST(DashboardBrowser, ChartsShowDataUnderLoadAndSaveAnswers) {
  run_dashboard({}, "", "dashboard.png");
}

TEST(DashboardBrowser, WorksBehindTheToken) {
  run_dashboard({"--http-token", "s3cret"}, "s3cret", "dashboard-token.png");
}

}  // namespace
}  // namespace ironkv::test
