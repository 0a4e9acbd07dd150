// Start-up security over real sockets: commands renamed and disabled from a
// TOML file (and a bad entry stopping start-up), and protected mode. Only
// loopback traffic: a "non-local" peer is a client bound to 127.0.0.2 that the
// test-only option test-treat-as-nonlocal tells the server to treat as remote
// (127.0.0.0/8 is loopback to Redis and to us, so nothing else can play a
// remote peer here).

#include <gtest/gtest.h>

#include <string>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

constexpr std::string_view kDenied =
    "-DENIED Redis is running in protected mode because protected mode is enabled and no password "
    "is set for the default user. In this mode connections are only accepted from the loopback "
    "interface. If you want to connect from external computers to Redis you may adopt one of the "
    "following solutions: 1) Just disable protected mode sending the command 'CONFIG SET "
    "protected-mode no' from the loopback interface by connecting to Redis from the same host the "
    "server is running, however MAKE SURE Redis is not publicly accessible from internet if you do "
    "so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable "
    "the protected mode by editing the Redis configuration file, and setting the protected mode "
    "option to 'no', and then restarting the server. 3) If you started the server manually just "
    "for testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication "
    "password for the default user. NOTE: You only need to do one of the above things in order for "
    "the server to start accepting connections from the outside.\r\n";

std::string call(Client& c, const std::vector<std::string>& args, size_t n) {
  if (!c.send(resp_command(args))) return "<send failed>";
  return c.read_exact(n);
}

// A client connected to 127.0.0.1:port from the source address `from`.
Client connect_from(const char* from, int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Client();
  sockaddr_in src{};
  src.sin_family = AF_INET;
  ::inet_pton(AF_INET, from, &src.sin_addr);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(port));
  dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
    ::close(fd);
    return Client();
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return Client(fd);
}

// One INFO field's value, read from a whole INFO reply.
std::string info_field(Client& c, const std::string& field) {
  if (!c.send(resp_command({"INFO"}))) return "<send failed>";
  std::string header = c.read_until("\r\n");
  if (header.size() < 3 || header[0] != '$') return "<bad reply " + printable(header) + ">";
  std::string body = c.read_exact(std::stoul(header.substr(1)) + 2);
  auto at = body.find("\r\n" + field + ":");
  if (at == std::string::npos) return "<no " + field + ">";
  at += field.size() + 3;
  return body.substr(at, body.find("\r\n", at) - at);
}

TEST(RenameCommandsOverTheWire, FromATomlFile) {
  TempDir dir;
  std::string conf = dir.file("ironkv.toml");
  ASSERT_TRUE(write_file(conf, "[security]\nrename_commands = { FLUSHALL = \"\", CONFIG = \"CFG-x9\" }\n"));
  ServerProcess server({"--config", conf});
  ASSERT_TRUE(server.ready()) << server.describe();
  Client c = server.connect();
  EXPECT_EQ(printable(call(c, {"FLUSHALL"}, 61)),
            printable("-ERR unknown command 'FLUSHALL', with args beginning with: \r\n"));
  std::string unknown_config = "-ERR unknown command 'CONFIG', with args beginning with: 'GET' 'hz' \r\n";
  EXPECT_EQ(printable(call(c, {"CONFIG", "GET", "hz"}, unknown_config.size())), printable(unknown_config));
  std::string hz = "*2\r\n$2\r\nhz\r\n$2\r\n10\r\n";
  EXPECT_EQ(printable(call(c, {"CFG-x9", "GET", "hz"}, hz.size())), printable(hz));
  std::string nils = "*2\r\n$-1\r\n$-1\r\n";
  EXPECT_EQ(printable(call(c, {"COMMAND", "INFO", "flushall", "config"}, nils.size())), printable(nils));
  EXPECT_TRUE(server.wait_for_log("Command 'FLUSHALL' disabled (rename-command)"));
  EXPECT_TRUE(server.wait_for_log("Command 'CONFIG' renamed to 'CFG-x9' (rename-command)"));
}

TEST(RenameCommandsOverTheWire, BadEntryStopsStartUp) {
  TempDir dir;
  std::string conf = dir.file("ironkv.toml");
  ASSERT_TRUE(write_file(conf, "[security]\nrename_commands = { NOSUCHCMD = \"x\" }\n"));
  ServerProcess::Options opts;
  opts.wait_ready = false;
  ServerProcess server({"--config", conf}, opts);
  auto st = server.wait_exit(milliseconds(10000));
  ASSERT_TRUE(st.has_value()) << server.describe();
  EXPECT_TRUE(st->exited && st->code == 1) << server.describe();
  EXPECT_NE(server.log().find("rename-command 'NOSUCHCMD' 'x': No such command in rename-command"),
            std::string::npos)
      << server.describe();
}

TEST(ProtectedMode, LoopbackClientIsServedWhenBoundToAllInterfaces) {
  ServerProcess server({"--bind", "0.0.0.0"});
  ASSERT_TRUE(server.ready()) << server.describe();
  Client c = server.connect();
  EXPECT_EQ(call(c, {"PING"}, 7), "+PONG\r\n");
  EXPECT_EQ(call(c, {"CONFIG", "GET", "protected-mode"}, 35),
            "*2\r\n$14\r\nprotected-mode\r\n$3\r\nyes\r\n");
}

TEST(ProtectedMode, NonLocalPeerIsDeniedAndClosed) {
  ServerProcess server({"--bind", "0.0.0.0", "--test-treat-as-nonlocal", "127.0.0.2"});
  ASSERT_TRUE(server.ready()) << server.describe();
  {
    Client far = connect_from("127.0.0.2", server.port());
    if (!far.valid()) GTEST_SKIP() << "cannot bind a client socket to 127.0.0.2 here";
    ReadAll r = far.read_all_until_closed();
    EXPECT_EQ(printable(r.data), printable(kDenied));
    EXPECT_TRUE(r.eof);
  }
  Client local = server.connect();
  EXPECT_EQ(call(local, {"PING"}, 7), "+PONG\r\n");
  EXPECT_EQ(info_field(local, "rejected_connections"), "1");

  // A password lifts it (the client must then authenticate).
  EXPECT_EQ(call(local, {"CONFIG", "SET", "requirepass", "pw"}, 5), "+OK\r\n");
  {
    Client far = connect_from("127.0.0.2", server.port());
    EXPECT_EQ(call(far, {"PING"}, 34), "-NOAUTH Authentication required.\r\n");
  }
  EXPECT_EQ(call(local, {"AUTH", "pw"}, 5), "+OK\r\n");
  EXPECT_EQ(call(local, {"CONFIG", "SET", "requirepass", ""}, 5), "+OK\r\n");
  // So does CONFIG SET protected-mode no, from the loopback interface.
  EXPECT_EQ(call(local, {"CONFIG", "SET", "protected-mode", "no"}, 5), "+OK\r\n");
  {
    Client far = connect_from("127.0.0.2", server.port());
    EXPECT_EQ(call(far, {"PING"}, 7), "+PONG\r\n");
  }
  EXPECT_EQ(call(local, {"CONFIG", "SET", "protected-mode", "yes"}, 5), "+OK\r\n");
  {
    Client far = connect_from("127.0.0.2", server.port());
    ReadAll r = far.read_all_until_closed();
    EXPECT_EQ(printable(r.data), printable(kDenied));
  }
}

}  // namespace
}  // namespace ironkv::test
