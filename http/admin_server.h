#pragma once
// The HTTP admin endpoint's listener: accepts on [http] bind/port and runs
// one Beast session coroutine per connection on the server's io threads.
// Beast stays inside admin_server.cpp (it is the slow part to compile).

#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <string>

#include "core/command/dispatcher.h"
#include "core/net/keyspace_executor.h"
#include "core/server/server_context.h"

namespace ironkv::http {

struct AdminLimits {
  std::chrono::milliseconds read_timeout{10000};  // a request must arrive whole within this
  size_t header_limit = 8 * 1024;                 // bytes: 431 above
  size_t body_limit = 64 * 1024;                  // bytes: 413 above
  size_t max_sessions = 256;                      // further connections are closed at once
};

class AdminServer {
 public:
  AdminServer(boost::asio::io_context& ioc, net::KeyspaceStrand& strand,
              command::Dispatcher& dispatcher, server::ServerContext& server);
  ~AdminServer();
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  // Binds and starts accepting; an error message naming the address on failure.
  std::optional<std::string> start(const std::string& bind, int port, const std::string& token,
                                   AdminLimits limits);
  int port() const;
  // Stops accepting; open sessions end at their next read timeout or shutdown.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ironkv::http
