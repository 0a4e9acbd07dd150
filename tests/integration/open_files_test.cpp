// maxclients and RLIMIT_NOFILE: the server raises its open-files limit to
// maxclients + 32, or lowers maxclients to what the hard limit allows, with
// Redis's log lines; CONFIG GET / INFO show the effective value.
//
// Each test lowers this test process's limits first (the server inherits
// them). As root, raising a hard limit needs CAP_SYS_RESOURCE, so the test
// that needs a hard ceiling drops that capability from its bounding set,
// which the server (executed as root) then lacks. Both are one-way, which is
// fine: ctest runs each test in its own process.

#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <string>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

bool set_nofile(rlim_t soft, rlim_t hard) {
  struct rlimit lim {soft, hard};
  return ::setrlimit(RLIMIT_NOFILE, &lim) == 0;
}

// The "Max open files" soft limit of a process, from /proc.
std::string proc_max_open_files(pid_t pid) {
  std::string limits = read_file("/proc/" + std::to_string(pid) + "/limits");
  auto at = limits.find("Max open files");
  if (at == std::string::npos) return "?";
  std::istringstream line(limits.substr(at + strlen("Max open files")));
  std::string soft;
  line >> soft;
  return soft;
}

// CONFIG GET maxclients, whose reply is four lines.
std::string config_get_maxclients(Client& c) {
  if (!c.send(resp_command({"CONFIG", "GET", "maxclients"}))) return "<send failed>";
  std::string out;
  for (int i = 0; i < 5; ++i) out += c.read_until("\r\n");
  return out;
}

TEST(OpenFiles, RaisesTheSoftLimitForMaxclients) {
  ASSERT_TRUE(set_nofile(1024, 8192));
  ServerProcess server({"--maxclients", "3000"});
  ASSERT_TRUE(server.ready()) << server.describe();
  EXPECT_TRUE(server.wait_for_log(
      "Increased maximum number of open files to 3032 (it was originally set to 1024)."))
      << server.describe();
  EXPECT_EQ(proc_max_open_files(server.pid()), "3032");
  Client c = server.connect();
  EXPECT_EQ(config_get_maxclients(c), "*2\r\n$10\r\nmaxclients\r\n$4\r\n3000\r\n");
  // CONFIG SET raises the limit again when it can.
  ASSERT_TRUE(c.send(resp_command({"CONFIG", "SET", "maxclients", "5000"})));
  EXPECT_EQ(c.read_exact(5), "+OK\r\n");
  EXPECT_EQ(proc_max_open_files(server.pid()), "5032");
}

TEST(OpenFiles, LowersMaxclientsToTheHardLimit) {
  ASSERT_TRUE(set_nofile(1024, 2048));
  if (::geteuid() == 0 && ::prctl(PR_CAPBSET_DROP, CAP_SYS_RESOURCE, 0, 0, 0) != 0) {
    GTEST_SKIP() << "running as root and cannot drop CAP_SYS_RESOURCE";
  }
  ServerProcess server({"--maxclients", "10000"});
  ASSERT_TRUE(server.ready()) << server.describe();
  EXPECT_TRUE(server.wait_for_log(
      "You requested maxclients of 10000 requiring at least 10032 max file descriptors."))
      << server.describe();
  EXPECT_TRUE(server.wait_for_log(
      "Server can't set maximum open files to 10032 because of OS error: Operation not permitted."))
      << server.describe();
  EXPECT_TRUE(server.wait_for_log(
      "Current maximum open files is 2048. maxclients has been reduced to 2016 to compensate for "
      "low ulimit. If you need higher maxclients increase 'ulimit -n'."))
      << server.describe();
  EXPECT_TRUE(server.wait_for_log("maxclients=2016 (open files limit 2048)")) << server.describe();
  EXPECT_EQ(proc_max_open_files(server.pid()), "2048");
  Client c = server.connect();
  EXPECT_EQ(config_get_maxclients(c), "*2\r\n$10\r\nmaxclients\r\n$4\r\n2016\r\n");
  // CONFIG SET beyond the limit is refused and changes nothing (Redis's
  // updateMaxclients; Redis's own figure may be up to 16 lower, see open_files.h).
  std::string refused =
      "-ERR CONFIG SET failed (possibly related to argument 'maxclients') - The operating "
      "system is not able to handle the specified number of clients, try with 2016\r\n";
  ASSERT_TRUE(c.send(resp_command({"CONFIG", "SET", "maxclients", "5000"})));
  EXPECT_EQ(printable(c.read_exact(refused.size())), printable(refused));
  EXPECT_EQ(config_get_maxclients(c), "*2\r\n$10\r\nmaxclients\r\n$4\r\n2016\r\n");
  ASSERT_TRUE(c.send(resp_command({"CONFIG", "SET", "maxclients", "1500"})));
  EXPECT_EQ(c.read_exact(5), "+OK\r\n");
  EXPECT_EQ(config_get_maxclients(c), "*2\r\n$10\r\nmaxclients\r\n$4\r\n1500\r\n");
  ASSERT_TRUE(c.send(resp_command({"INFO", "clients"})));
  std::string info = c.read_until("blocked_clients");
  EXPECT_NE(info.find("\r\nmaxclients:1500\r\n"), std::string::npos) << printable(info);
}

}  // namespace
}  // namespace ironkv::test
