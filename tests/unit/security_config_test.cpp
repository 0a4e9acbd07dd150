// Start-up security settings in process: rename-command (TOML table and flag)
// applied to the real command table, protected mode's local-peer rule, and the
// tcp-keepalive socket options. Texts as redis-server 7.0.15 has them.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <variant>

#include "app/config_loader.h"
#include "core/command/rename.h"
#include "core/net/socket_util.h"
#include "harness.h"

namespace ironkv::test {
namespace {

TEST(RenameCommands, DisableAndRenameLikeRedis) {
  Harness h;
  std::string count_before = h.run({"COMMAND", "COUNT"});
  ASSERT_FALSE(command::apply_renames(h.table, {{"FLUSHALL", ""}, {"config", "CFG-x9"}}));
  // Disabled: unknown, like any unknown command.
  EXPECT_EQ(h.run({"FLUSHALL"}),
            error("ERR unknown command 'FLUSHALL', with args beginning with: "));
  // Renamed: the old name is unknown, the new one works (case-insensitively).
  EXPECT_EQ(h.run({"CONFIG", "GET", "port"}),
            error("ERR unknown command 'CONFIG', with args beginning with: 'GET' 'port' "));
  EXPECT_EQ(h.run({"cfg-X9", "GET", "hz"}), bulks({"hz", "10"}));
  // The command keeps its own name where Redis reports cmd->fullname.
  EXPECT_EQ(h.run({"CFG-x9"}), error("ERR wrong number of arguments for 'config' command"));
  EXPECT_EQ(h.run({"COMMAND", "INFO", "config", "flushall"}), array({nil(), nil()}));
  EXPECT_EQ(h.run({"COMMAND", "INFO", "cfg-x9"}).substr(0, 19), "*1\r\n*10\r\n$6\r\nconfig");
  // One command fewer (the disabled one); the renamed one is still counted.
  int before = std::stoi(count_before.substr(1));
  EXPECT_EQ(h.run({"COMMAND", "COUNT"}), integer(before - 1));
  EXPECT_EQ(h.run({"COMMAND", "LIST"}).find("$8\r\nflushall\r\n"), std::string::npos);
  EXPECT_NE(h.run({"COMMAND", "LIST"}).find("$6\r\nconfig\r\n"), std::string::npos);
}

TEST(RenameCommands, BadEntriesNameTheEntry) {
  Harness h;
  EXPECT_EQ(command::apply_renames(h.table, {{"NOSUCH", "x"}}),
            "rename-command 'NOSUCH' 'x': No such command in rename-command");
  EXPECT_EQ(command::apply_renames(h.table, {{"GET", "SET"}}),
            "rename-command 'GET' 'SET': Target command name already exists");
  // A duplicate target: the second entry finds the name taken.
  EXPECT_EQ(command::apply_renames(h.table, {{"DEL", "zap"}, {"UNLINK", "ZAP"}}),
            "rename-command 'UNLINK' 'ZAP': Target command name already exists");
  // The old name is gone after a rename, so naming it again fails.
  EXPECT_EQ(command::apply_renames(h.table, {{"DEL", "other"}}),
            "rename-command 'DEL' 'other': No such command in rename-command");
  EXPECT_EQ(command::apply_renames(h.table, {{"config|get", ""}}),
            "rename-command 'config|get' '': No such command in rename-command");
}

TEST(RenameCommands, TomlTable) {
  server::Config cfg;
  ASSERT_FALSE(app::apply_toml(cfg, "[security]\nrename_commands = { FLUSHALL = \"\", CONFIG = \"CFG-x9\" }\n",
                               "t.toml"));
  ASSERT_EQ(cfg.rename_commands.size(), 2u);
  // toml++ keeps a table's keys in order of their names.
  EXPECT_EQ(cfg.rename_commands[0], (std::pair<std::string, std::string>{"CONFIG", "CFG-x9"}));
  EXPECT_EQ(cfg.rename_commands[1], (std::pair<std::string, std::string>{"FLUSHALL", ""}));

  server::Config bad;
  EXPECT_EQ(app::apply_toml(bad, "[security]\nrename_commands = { FLUSHALL = 1 }\n", "t.toml"),
            "t.toml: 'security.rename_commands': the value for 'FLUSHALL' must be a string (the "
            "new name, or \"\" to disable it)");
  EXPECT_EQ(app::apply_toml(bad, "[security]\nrename_commands = \"FLUSHALL\"\n", "t.toml"),
            "t.toml: 'security.rename_commands' must be a table of command = \"new name\" (\"\" "
            "disables the command)");
  EXPECT_EQ(app::apply_toml(bad, "[security]\nother = 1\n", "t.toml"),
            "t.toml: unknown key 'security.other'");
}

TEST(RenameCommands, CommandLineFlagTakesTwoValues) {
  auto r = app::load_config({"--rename-command", "FLUSHDB", "", "--rename-command", "KEYS", "k2"});
  ASSERT_TRUE(std::holds_alternative<app::LoadedConfig>(r)) << std::get<std::string>(r);
  const auto& c = std::get<app::LoadedConfig>(r).config;
  ASSERT_EQ(c.rename_commands.size(), 2u);
  EXPECT_EQ(c.rename_commands[0], (std::pair<std::string, std::string>{"FLUSHDB", ""}));
  EXPECT_EQ(c.rename_commands[1], (std::pair<std::string, std::string>{"KEYS", "k2"}));
  auto bad = app::load_config({"--rename-command", "FLUSHDB"});
  ASSERT_TRUE(std::holds_alternative<std::string>(bad));
}

TEST(ProtectedMode, LoopbackClassification) {
  EXPECT_TRUE(net::is_loopback_ip("127.0.0.1"));
  EXPECT_TRUE(net::is_loopback_ip("127.0.0.2"));
  EXPECT_TRUE(net::is_loopback_ip("127.255.255.254"));
  EXPECT_TRUE(net::is_loopback_ip("::1"));
  EXPECT_TRUE(net::is_loopback_ip("0:0:0:0:0:0:0:1"));
  EXPECT_TRUE(net::is_loopback_ip("::ffff:127.0.0.1"));  // IPv4-mapped loopback
  EXPECT_TRUE(net::is_loopback_ip("::ffff:127.1.2.3"));
  EXPECT_FALSE(net::is_loopback_ip("::ffff:10.0.0.1"));
  EXPECT_FALSE(net::is_loopback_ip("128.0.0.1"));
  EXPECT_FALSE(net::is_loopback_ip("10.0.0.1"));
  EXPECT_FALSE(net::is_loopback_ip("192.168.1.10"));
  EXPECT_FALSE(net::is_loopback_ip("0.0.0.0"));
  EXPECT_FALSE(net::is_loopback_ip("::"));
  EXPECT_FALSE(net::is_loopback_ip("::2"));
  EXPECT_FALSE(net::is_loopback_ip("fe80::1"));
  EXPECT_FALSE(net::is_loopback_ip("::127.0.0.1"));  // IPv4-compatible, not mapped
  EXPECT_FALSE(net::is_loopback_ip(""));
  EXPECT_FALSE(net::is_loopback_ip("localhost"));
  EXPECT_FALSE(net::is_loopback_ip("127.0.0.1:6379"));
}

int get_int_opt(int fd, int level, int name) {
  int v = -1;
  socklen_t len = sizeof v;
  if (::getsockopt(fd, level, name, &v, &len) != 0) return -1;
  return v;
}

TEST(TcpKeepalive, SetsRedisStyleOptions) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  EXPECT_TRUE(net::set_tcp_keepalive(fd, 300));
  EXPECT_EQ(get_int_opt(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
  EXPECT_EQ(get_int_opt(fd, IPPROTO_TCP, TCP_KEEPIDLE), 300);
  EXPECT_EQ(get_int_opt(fd, IPPROTO_TCP, TCP_KEEPINTVL), 100);
  EXPECT_EQ(get_int_opt(fd, IPPROTO_TCP, TCP_KEEPCNT), 3);
  EXPECT_TRUE(net::set_tcp_keepalive(fd, 2));
  EXPECT_EQ(get_int_opt(fd, IPPROTO_TCP, TCP_KEEPINTVL), 1);  // at least 1 s
  EXPECT_TRUE(net::set_tcp_keepalive(fd, 1'000'000));         // clamped to Linux's maximum
  EXPECT_EQ(get_int_opt(fd, IPPROTO_TCP, TCP_KEEPIDLE), 32767);
  ::close(fd);

  int off = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(off, 0);
  EXPECT_TRUE(net::set_tcp_keepalive(off, 0));
  EXPECT_EQ(get_int_opt(off, SOL_SOCKET, SO_KEEPALIVE), 0);
  ::close(off);
}

}  // namespace
}  // namespace ironkv::test
