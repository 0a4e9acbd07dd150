#pragma once
// Debian's redis-server 7.0 as a test oracle: started in the foreground on a
// free loopback port below the ephemeral range, with no persistence unless the
// caller asks, killed with the object.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <vector>

#include "support/resp_client.h"
#include "support/server_process.h"

namespace ironkv::test {

// A loopback port in 20000..31999 that was free a moment ago (servers in tests
// stay out of the ephemeral range, where client sockets could take their port).
inline int free_low_port() {
  static std::atomic<int> next{20000 + static_cast<int>(::getpid() % 6000) * 2};
  for (int tries = 0; tries < 12000; ++tries) {
    int port = next.fetch_add(1);
    if (port >= 32000) {
      next = 20000;
      port = next.fetch_add(1);
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    if (ok) return port;
  }
  return 0;
}

class RedisServer {
 public:
  // `dir`: its working directory (a private temporary one when empty).
  explicit RedisServer(std::vector<std::string> extra = {}, std::string dir = {})
      : port_(free_low_port()), dir_(dir.empty() ? tmp_.path() : std::move(dir)) {
    binary_ = find_program("redis-server");
    if (binary_.empty()) return;
    std::vector<std::string> argv{binary_,
                                  "--port",
                                  std::to_string(port_),
                                  "--bind",
                                  "127.0.0.1",
                                  "--dir",
                                  dir_,
                                  "--save",
                                  "",
                                  "--appendonly",
                                  "no",
                                  "--daemonize",
                                  "no",
                                  "--protected-mode",
                                  "no"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    ChildProcess::Options o{"", tmp_.file("redis.stdout"), tmp_.file("redis.stderr"), {}};
    error_ = child_.spawn(argv, o);
    if (!error_.empty()) return;
    wait_ready();
  }
  ~RedisServer() { child_.kill_and_reap(); }
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // False when redis-server is not installed (the caller skips).
  bool installed() const { return !binary_.empty(); }
  bool ready() const { return ready_; }
  // Waits (bounded) until it answers PING with PONG (not -LOADING): a dump or
  // AOF in `dir` is loaded by then. The constructor waits 15 s; a caller
  // loading a big dataset may wait longer.
  bool wait_ready(milliseconds timeout = milliseconds(15000)) {
    if (!ready_ && error_.empty() && installed()) {
      ready_ = wait_until(
          [&] {
            Client c = Client::connect(port_, milliseconds(200));
            return c.roundtrip("PING\r\n", "+PONG\r\n", milliseconds(500)) == "+PONG\r\n";
          },
          timeout);
    }
    return ready_;
  }
  // SHUTDOWN NOSAVE|SAVE, then waits (bounded) for the process to exit.
  void shutdown(const std::string& how) {
    RespClient c = RespClient::connect(port_);
    c.send({"SHUTDOWN", how});
    child_.wait_exit(milliseconds(20000));
  }
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  std::string log() const {
    return error_ + read_file(tmp_.file("redis.stdout")) + read_file(tmp_.file("redis.stderr"));
  }

 private:
  TempDir tmp_;
  int port_;
  std::string dir_;
  std::string binary_;
  ChildProcess child_;
  std::string error_;
  bool ready_ = false;
};

}  // namespace ironkv::test
