#pragma once
// In-process command runner: the real command table and dispatcher over a
// keyspace with a manual clock, so family tests assert exact reply bytes and
// exercise expiry without sleeping.

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/command/dispatcher.h"
#include "core/command/table.h"
#include "core/resp/reply.h"
#include "core/server/client.h"
#include "core/server/server_context.h"
#include "core/store/clock.h"
#include "core/store/keyspace.h"

namespace ironkv::test {

// A stand-in for a connection, for commands that act on one (blocking pops are
// served through it, CLIENT KILL kills it): counts wakes and kills.
class FakeHandle : public server::ClientHandle {
 public:
  FakeHandle() = default;
  explicit FakeHandle(uint64_t id) { st.id = id; }
  server::ClientState& state() override { return st; }
  void kill() override { killed = true; }
  void wake() override { ++wakes; }
  server::ClientState st;
  int wakes = 0;
  bool killed = false;
};

class Harness {
 public:
  explicit Harness(int databases = 16)
      : keyspace(databases, clock), dispatcher(table, keyspace, server) {
    command::register_all_commands(table);
    server.config.databases = databases;
    server.start_time_ms = clock.now_ms();
    server.run_id = std::string(40, 'a');
    client.id = server.next_client_id++;
    client.addr = "127.0.0.1:50000";
    client.laddr = "127.0.0.1:6379";
    client.created_ms = clock.now_ms();
  }

  // Runs one command as `client` and returns the exact reply bytes.
  std::string run(std::vector<std::string> argv) { return run_as(client, std::move(argv)); }
  std::string run(std::initializer_list<std::string_view> argv) {
    return run(std::vector<std::string>(argv.begin(), argv.end()));
  }
  std::string run_as(server::ClientState& c, std::vector<std::string> argv) {
    std::vector<std::string_view> views(argv.begin(), argv.end());
    std::string out;
    resp::ReplyBuilder reply(out, c.resp);
    dispatcher.execute(c, views, reply);
    return out;
  }

  void advance_ms(int64_t ms) { clock.advance_ms(ms); }

  store::ManualClock clock;
  store::Keyspace keyspace;
  server::ServerContext server;
  command::CommandTable table;
  command::Dispatcher dispatcher;
  server::ClientState client;
};

// Expected-reply builders, so tests read like the wire.
inline std::string ok() { return "+OK\r\n"; }
inline std::string simple(std::string_view s) { return "+" + std::string(s) + "\r\n"; }
inline std::string error(std::string_view s) { return "-" + std::string(s) + "\r\n"; }
inline std::string integer(long long n) { return ":" + std::to_string(n) + "\r\n"; }
inline std::string bulk(std::string_view s) {
  return "$" + std::to_string(s.size()) + "\r\n" + std::string(s) + "\r\n";
}
inline std::string nil() { return "$-1\r\n"; }
inline std::string nil_array() { return "*-1\r\n"; }
inline std::string array(std::initializer_list<std::string> items) {
  std::string s = "*" + std::to_string(items.size()) + "\r\n";
  for (const auto& i : items) s += i;
  return s;
}
inline std::string bulks(std::initializer_list<std::string_view> items) {
  std::string s = "*" + std::to_string(items.size()) + "\r\n";
  for (auto i : items) s += bulk(i);
  return s;
}

}  // namespace ironkv::test
