// Connection and process lifecycle of the real binary: QUIT, SHUTDOWN and
// signals, maxclients, idle timeout, and start-up errors.

#include <gtest/gtest.h>

#include <csignal>
#include <string>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

constexpr std::string_view kPing = "*1\r\n$4\r\nPING\r\n";
constexpr std::string_view kPong = "+PONG\r\n";
constexpr std::string_view kByeBye = "IronKV is now ready to exit, bye bye...";

TEST(Lifecycle, QuitRepliesOkThenCloses) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client c = server.connect();
  ASSERT_EQ(c.roundtrip(kPing, kPong), kPong);
  c.send("*1\r\n$4\r\nQUIT\r\n");
  ReadAll r = c.read_all_until_closed();
  EXPECT_EQ(printable(r.data), "+OK\\r\\n");
  EXPECT_TRUE(r.eof);

  // Commands pipelined after QUIT are not executed.
  Client d = server.connect();
  d.send("PING\r\nQUIT\r\nSET lc:after-quit 1\r\n");
  r = d.read_all_until_closed();
  EXPECT_EQ(printable(r.data), "+PONG\\r\\n+OK\\r\\n");
  EXPECT_TRUE(r.eof);
  Client e = server.connect();
  EXPECT_EQ(printable(e.roundtrip("GET lc:after-quit\r\n", "$-1\r\n")), "$-1\\r\\n");
}

TEST(Lifecycle, ShutdownCommandExitsZero) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  Client idle = server.connect();
  ASSERT_EQ(idle.roundtrip(kPing, kPong), kPong);
  Client c = server.connect();
  ASSERT_EQ(c.roundtrip(kPing, kPong), kPong);
  ASSERT_TRUE(c.send("*1\r\n$8\r\nSHUTDOWN\r\n"));
  ReadAll r = c.read_all_until_closed(milliseconds(5000));
  EXPECT_TRUE(r.eof) << "connection not closed after SHUTDOWN";
  // Redis sends no reply to a successful SHUTDOWN.
  EXPECT_EQ(printable(r.data), "");
  auto st = server.wait_exit(milliseconds(5000));
  ASSERT_TRUE(st.has_value()) << "server still running 5 s after SHUTDOWN\n" << server.describe();
  EXPECT_TRUE(st->ok()) << *st << "\n" << server.describe();
  EXPECT_NE(server.log().find(kByeBye), std::string::npos) << server.describe();
  EXPECT_TRUE(idle.is_closed(milliseconds(1000)));
}

class SignalShutdownTest : public ::testing::TestWithParam<int> {};

TEST_P(SignalShutdownTest, ExitsZeroPromptlyAndClientsSeeEof) {
  const int sig = GetParam();
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  std::vector<Client> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(server.connect());
    ASSERT_EQ(clients.back().roundtrip(kPing, kPong), kPong);
  }
  // One client with half a command in the server's buffer.
  ASSERT_TRUE(clients[0].send("*2\r\n$4\r\nECHO\r\n$10\r\nabc"));
  // And one that never sent anything.
  Client silent = server.connect();
  ASSERT_TRUE(silent.valid());

  auto started = Clock::now();
  auto st = server.stop_with(sig, milliseconds(5000));
  auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  ASSERT_TRUE(st.has_value()) << "still running 5 s after signal " << sig << "\n" << server.describe();
  EXPECT_TRUE(st->ok()) << *st << "\n" << server.describe();
  EXPECT_LT(took.count(), 2000) << "shutdown with idle clients took " << took.count() << " ms";
  EXPECT_NE(server.log().find(sig == SIGINT ? "Received SIGINT" : "Received SIGTERM"), std::string::npos)
      << server.describe();
  EXPECT_NE(server.log().find(kByeBye), std::string::npos) << server.describe();
  for (auto& c : clients) EXPECT_TRUE(c.is_closed(milliseconds(1000)));
  EXPECT_TRUE(silent.is_closed(milliseconds(1000)));
}

INSTANTIATE_TEST_SUITE_P(Signals, SignalShutdownTest, ::testing::Values(SIGTERM, SIGINT),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::string(info.param == SIGINT ? "SIGINT" : "SIGTERM");
                         });

TEST(Lifecycle, MaxClientsRejectsTheExtraConnection) {
  ServerProcess server({"--maxclients", "2"});
  ASSERT_TRUE(server.ready()) << server.describe();
  Client a = server.connect();
  Client b = server.connect();
  ASSERT_EQ(a.roundtrip(kPing, kPong), kPong);
  ASSERT_EQ(b.roundtrip(kPing, kPong), kPong);

  Client third = server.connect();
  ASSERT_TRUE(third.valid());
  ReadAll r = third.read_all_until_closed();
  EXPECT_EQ(printable(r.data), "-ERR max number of clients reached\\r\\n");
  EXPECT_TRUE(r.eof);

  // The two accepted clients are unaffected.
  EXPECT_EQ(a.roundtrip(kPing, kPong), kPong);
  EXPECT_EQ(b.roundtrip(kPing, kPong), kPong);

  // Once one leaves, a new client gets in (the slot frees asynchronously: retry, bounded).
  a.close();
  bool accepted = false;
  auto deadline = Clock::now() + milliseconds(5000);
  for (int attempt = 0; attempt < 100 && !accepted && Clock::now() < deadline; ++attempt) {
    Client next = server.connect();
    if (next.valid() && next.roundtrip(kPing, kPong, milliseconds(1000)) == kPong) accepted = true;
    else std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_TRUE(accepted) << "no client accepted after one of two left";
  EXPECT_EQ(b.roundtrip(kPing, kPong), kPong);
}

TEST(Lifecycle, IdleTimeoutClosesOnlyIdleClients) {
  ServerProcess server({"--timeout", "1"});
  ASSERT_TRUE(server.ready()) << server.describe();
  Client idle = server.connect();
  Client active = server.connect();
  ASSERT_EQ(idle.roundtrip(kPing, kPong), kPong);
  auto start = Clock::now();
  std::optional<milliseconds> idle_closed_after;
  int pings = 0;
  // Ping the active client every 200 ms for 3.5 s; the idle one must go meanwhile.
  while (Clock::now() - start < milliseconds(3500)) {
    ASSERT_EQ(printable(active.roundtrip(kPing, kPong)), printable(kPong))
        << "active client lost after " << pings << " pings";
    ++pings;
    if (!idle_closed_after && idle.is_closed(milliseconds(200))) {
      idle_closed_after = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    } else if (idle_closed_after) {
      std::this_thread::sleep_for(milliseconds(200));
    }
  }
  ASSERT_TRUE(idle_closed_after.has_value()) << "idle client not closed within 3.5 s with --timeout 1";
  EXPECT_GE(idle_closed_after->count(), 900) << "closed before it was idle for 1 s";
  EXPECT_LE(idle_closed_after->count(), 3000);
  EXPECT_EQ(active.roundtrip(kPing, kPong), kPong);
}

// ---------------------------------------------------------------------------
// Start-up errors: exit code 1 and a message naming the problem.

struct StartupFailure {
  ExitStatus status;
  std::string out;
  std::string err;
};

StartupFailure start_expecting_failure(std::vector<std::string> args, bool defaults = true) {
  ServerProcess::Options opts;
  opts.defaults = defaults;
  opts.wait_ready = false;
  ServerProcess server(std::move(args), opts);
  auto st = server.wait_exit(milliseconds(10000));
  StartupFailure f;
  f.status = st.value_or(ExitStatus{});
  f.out = server.stdout_text();
  f.err = server.stderr_text();
  EXPECT_TRUE(st.has_value()) << "server did not exit\n" << server.describe();
  return f;
}

TEST(StartupErrors, InvalidPortValue) {
  auto f = start_expecting_failure({"--port", "abc"});
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.err;
  EXPECT_NE(f.err.find("FATAL CONFIG ERROR: invalid value for --port"), std::string::npos) << f.err;
}

TEST(StartupErrors, PortOutOfRange) {
  auto f = start_expecting_failure({"--port", "70000"});
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.err;
  EXPECT_NE(f.err.find("FATAL CONFIG ERROR: invalid value for --port"), std::string::npos) << f.err;
}

TEST(StartupErrors, UnknownFlag) {
  auto f = start_expecting_failure({"--no-such-option", "1"});
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.err;
  EXPECT_NE(f.err.find("FATAL CONFIG ERROR"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("no-such-option"), std::string::npos) << f.err;
}

TEST(StartupErrors, FlagWithoutValue) {
  auto f = start_expecting_failure({"--maxclients"});
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.err;
  EXPECT_NE(f.err.find("FATAL CONFIG ERROR"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("maxclients"), std::string::npos) << f.err;
}

TEST(StartupErrors, TomlUnknownKeyIsNamed) {
  TempDir dir;
  std::string path = dir.file("bad.toml");
  ASSERT_TRUE(write_file(path, "[server]\nport = 0\nbind = \"127.0.0.1\"\nmax_clientz = 5\n"));
  auto f = start_expecting_failure({path, "--http-enabled", "no"}, /*defaults=*/false);
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.err;
  EXPECT_NE(f.err.find("FATAL CONFIG ERROR"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("max_clientz"), std::string::npos) << f.err;
}

TEST(StartupErrors, TomlInvalidValueIsNamed) {
  TempDir dir;
  std::string path = dir.file("bad.toml");
  ASSERT_TRUE(write_file(path, "[server]\nport = 0\nmaxclients = \"lots\"\n"));
  auto f = start_expecting_failure({"--config", path});
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.err;
  EXPECT_NE(f.err.find("FATAL CONFIG ERROR"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("maxclients"), std::string::npos) << f.err;
}

TEST(StartupErrors, TomlSyntaxError) {
  TempDir dir;
  std::string path = dir.file("broken.toml");
  ASSERT_TRUE(write_file(path, "[server\nport = 0\n"));
  auto f = start_expecting_failure({"--config", path});
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.err;
  EXPECT_NE(f.err.find("FATAL CONFIG ERROR"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("broken.toml"), std::string::npos) << f.err;
}

TEST(StartupErrors, MissingConfigFile) {
  auto f = start_expecting_failure({"--config", "/nonexistent/ironkv-test.toml"});
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.err;
  EXPECT_NE(f.err.find("/nonexistent/ironkv-test.toml"), std::string::npos) << f.err;
}

TEST(StartupErrors, TomlConfigIsApplied) {
  TempDir dir;
  std::string path = dir.file("good.toml");
  ASSERT_TRUE(write_file(path, "[server]\nport = 0\nbind = \"127.0.0.1\"\nmaxclients = 1\n"
                               "[http]\nenabled = false\n"));
  ServerProcess::Options opts;
  opts.defaults = false;
  ServerProcess server({path, "--dir", dir.path()}, opts);
  ASSERT_TRUE(server.ready()) << server.describe();
  Client a = server.connect();
  ASSERT_EQ(a.roundtrip(kPing, kPong), kPong);
  Client b = server.connect();
  ReadAll r = b.read_all_until_closed();
  EXPECT_EQ(printable(r.data), "-ERR max number of clients reached\\r\\n");
}

TEST(StartupErrors, PortAlreadyInUse) {
  ServerProcess first;
  ASSERT_TRUE(first.ready()) << first.describe();
  std::string port = std::to_string(first.port());
  auto f = start_expecting_failure({"--port", port});
  EXPECT_TRUE(f.status.exited && f.status.code == 1) << f.status << "\n" << f.out << f.err;
  std::string all = f.out + f.err;
  EXPECT_NE(all.find("127.0.0.1:" + port), std::string::npos) << all;
  // The first server is unaffected.
  Client c = first.connect();
  EXPECT_EQ(c.roundtrip(kPing, kPong), kPong);
}

// The README's run command starts the server with the repository's config.toml:
// every key in it must be known and valid (the test overrides only the port,
// bind, dir and the HTTP endpoint).
TEST(Lifecycle, RepositoryConfigTomlStarts) {
  ServerProcess server({"--config", std::string(IRONKV_SOURCE_DIR) + "/config.toml"});
  ASSERT_TRUE(server.ready()) << server.describe();
  Client c = server.connect();
  EXPECT_EQ(c.roundtrip(kPing, kPong), kPong);
  // Redis's default save points come from config.toml.
  const std::string want = "*2\r\n$4\r\nsave\r\n$23\r\n3600 1 300 100 60 10000\r\n";
  EXPECT_EQ(printable(c.roundtrip("CONFIG GET save\r\n", want)), printable(want));
}

}  // namespace
}  // namespace ironkv::test
