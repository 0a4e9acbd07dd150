#pragma once
// The server: listeners, io threads, the keyspace strand and its cron, signal
// handling and graceful shutdown. Wiring only; behaviour lives in core/.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/persistence_gate.h"
#include "core/command/dispatcher.h"
#include "core/command/table.h"
#include "core/net/connection.h"
#include "core/net/keyspace_executor.h"
#include "core/server/journal.h"
#include "core/server/server_context.h"
#include "core/store/clock.h"
#include "core/store/keyspace.h"
#include "core/store/lazy_free.h"
#include "http/admin_server.h"
#include "persistence/persistence.h"

namespace ironkv::app {

class Server {
 public:
  Server(server::Config config, std::string config_file = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listeners; an error message (naming the address) on failure.
  std::optional<std::string> start();
  // Runs the io threads until shutdown completes. Call after start().
  void run();
  // Begins a graceful shutdown; safe from any thread and from signal context via asio.
  void stop();

  int port() const { return bound_port_; }
  // The process exit code once run() returned (1 when loading the data failed).
  int exit_code() const { return exit_code_; }
  int http_port() const { return http_ ? http_->port() : 0; }
  server::ServerContext& context() { return server_; }
  store::Keyspace& keyspace() { return keyspace_; }

 private:
  boost::asio::awaitable<void> accept_loop(boost::asio::ip::tcp::acceptor& acceptor);
  boost::asio::awaitable<void> cron_loop();
  boost::asio::awaitable<void> finish_shutdown();
  void cron_tick();
  void register_cron_duties();
  void register_config_hooks();
  void sample_instantaneous_stats();
  void close_idle_clients();
  // Protected mode: whether an accepted socket's peer counts as local (an
  // address that failed to read is the unspecified address: not local).
  bool peer_is_local(const boost::asio::ip::address& addr) const;
  void update_protected_mode();
  void begin_shutdown(const char* reason);
  void after_load(bool ok, const std::string& error);

  boost::asio::io_context ioc_;
  store::SystemClock clock_;
  store::LazyFree lazy_free_;
  store::Keyspace keyspace_;
  server::ServerContext server_;
  command::CommandTable table_;
  command::Dispatcher dispatcher_;
  net::KeyspaceExecutor executor_;
  server::Journal journal_{server_};  // the write stream: the AOF, later replicas
  std::unique_ptr<persistence::Persistence> persistence_;
  std::unique_ptr<PersistenceGate> write_gate_;
  net::NetContext net_;
  std::vector<std::unique_ptr<boost::asio::ip::tcp::acceptor>> acceptors_;
  std::unique_ptr<http::AdminServer> http_;
  boost::asio::signal_set signals_;
  std::unique_ptr<boost::asio::steady_timer> cron_timer_;
  std::unique_ptr<boost::asio::steady_timer> grace_timer_;
  int bound_port_ = 0;
  std::vector<std::string> listen_addresses_;
  std::thread load_thread_;
  bool load_failed_ = false;
  int exit_code_ = 0;
  // protected-mode yes and no requirepass (mirrored on CONFIG SET; read by accept loops).
  std::atomic<bool> protected_active_{false};
  std::vector<boost::asio::ip::address> treat_as_nonlocal_;  // test-treat-as-nonlocal
  bool shutting_down_ = false;  // io_context-serialised via post
  // ops/sec sampling
  uint64_t last_ops_ = 0;
  uint64_t last_in_ = 0;
  uint64_t last_out_ = 0;
  int64_t last_sample_ms_ = 0;
  server::LatencyHistogram last_latency_;
};

}  // namespace ironkv::app
