#include "app/server.h"

#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <random>
#include <sstream>
#include <thread>

#include "app/logging.h"
#include "app/open_files.h"
#include "app/version.h"
#include "core/command/rename.h"
#include "core/net/socket_util.h"
#include "core/resp/errors.h"
#include "core/scripting/engine.h"

namespace ironkv::app {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kShutdownGrace = std::chrono::seconds(10);

std::string random_hex(size_t n) {
  std::random_device rd;
  std::mt19937_64 rng(rd());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(n, '0');
  for (auto& c : s) c = kHex[rng() % 16];
  return s;
}

std::string self_executable() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

std::vector<std::string> split_words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

uint64_t allocated_bytes() {
  struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

int effective_io_threads(const server::Config& c) {
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return c.io_threads > 0 ? c.io_threads : cores;
}

// Replies with Redis's error and closes, without blocking the accept loop.
asio::awaitable<void> reject_client(tcp::socket sock, std::string_view msg) {
  std::string line = "-" + std::string(msg) + "\r\n";
  co_await asio::async_write(sock, asio::buffer(line), kUseTuple);
  boost::system::error_code ec;
  sock.close(ec);
}

}  // namespace

Server::Server(server::Config config, std::string config_file)
    : keyspace_(config.databases, clock_, &lazy_free_),
      dispatcher_(table_, keyspace_, server_),
      executor_(ioc_, dispatcher_, effective_io_threads(config) == 1),
      signals_(ioc_, SIGINT, SIGTERM) {
  server_.config = std::move(config);
  server_.config_file = std::move(config_file);
  server_.start_time_ms = clock_.now_ms();
  server_.run_id = random_hex(40);
  server_.executable = self_executable();
  server_.io_threads = effective_io_threads(server_.config);
  // Function libraries are part of the dataset: the engine exists before loading.
  scripting::engine(server_);
  if (server_.io_threads == 1) {
    // One thread: a busy script's hook runs the other connections' handlers
    // (they answer -BUSY, take SCRIPT KILL); the script holds the keyspace
    // strand, so nothing else that needs it runs meanwhile.
    server_.script.poll = [](void* arg) {
      auto* ioc = static_cast<asio::io_context*>(arg);
      for (int i = 0; i < 256 && ioc->poll_one() > 0; ++i) {
      }
    };
    server_.script.poll_arg = &ioc_;
  }
  command::register_all_commands(table_);
  server_.request_shutdown = [this] { stop(); };
  server_.lazyfree_pending_fn = [this] { return lazy_free_.pending(); };
  persistence_ = std::make_unique<persistence::Persistence>(server_, keyspace_, dispatcher_,
                                                            journal_, executor_.strand());
  write_gate_ = std::make_unique<PersistenceGate>(*persistence_);
  server_.persistence = persistence_.get();
  net_.executor = &executor_;
  net_.server = &server_;
  net_.write_gate = write_gate_.get();
  net_.proto_max_bulk_len = server_.config.proto_max_bulk_len;
  net_.client_query_buffer_limit = server_.config.client_query_buffer_limit;
  net_.maxclients = server_.config.maxclients;
  net_.tcp_keepalive = server_.config.tcp_keepalive;
  net_.set_output_limits(server_.config);
  server_.latency_monitor_threshold_ms = server_.config.latency_monitor_threshold;
  last_sample_ms_ = clock_.now_ms();
  register_config_hooks();
  register_cron_duties();
}

Server::~Server() = default;

std::optional<std::string> Server::start() {
  // Before any client can connect: renamed and disabled commands.
  if (auto e = command::apply_renames(table_, server_.config.rename_commands)) return *e;
  for (const auto& [from, to] : server_.config.rename_commands) {
    if (to.empty()) spdlog::info("Command '{}' disabled (rename-command)", from);
    else spdlog::info("Command '{}' renamed to '{}' (rename-command)", from, to);
  }
  for (const auto& a : split_words(server_.config.test_treat_as_nonlocal)) {
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(a, ec);
    if (ec) return "test-treat-as-nonlocal: invalid address '" + a + "'";
    treat_as_nonlocal_.push_back(addr);
    spdlog::warn("Testing only: peers from {} are treated as non-local (protected mode)", a);
  }
  update_protected_mode();
  // Clients that connect while the data loads get -LOADING (connection level:
  // the keyspace belongs to the loading thread until it is done).
  server_.loading.store(true);
  // The admin endpoint first, so its port is in the log before the Ready line.
  if (server_.config.http_enabled) {
    http_ = std::make_unique<http::AdminServer>(ioc_, executor_.strand(), dispatcher_, server_);
    http::AdminLimits limits;
    limits.read_timeout = std::chrono::milliseconds(server_.config.http_read_timeout_ms);
    if (auto err = http_->start(server_.config.http_bind, server_.config.http_port,
                                server_.config.http_token, limits)) {
      return err;
    }
    spdlog::info("HTTP admin endpoint listening on http://{}:{}{}", server_.config.http_bind,
                 http_->port(), server_.config.http_token.empty() ? "" : " (token required)");
  }
  auto addresses = split_words(server_.config.bind);
  int port = server_.config.port;
  for (const auto& a : addresses) {
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(a, ec);
    if (ec) return "bind: invalid address '" + a + "'";
    tcp::endpoint ep(addr, static_cast<unsigned short>(port));
    auto acceptor = std::make_unique<tcp::acceptor>(asio::make_strand(ioc_));
    auto fail = [&](const char* what) {
      return "Could not create server TCP listening socket " + a + ":" + std::to_string(port) +
             ": " + what + ": " + ec.message();
    };
    acceptor->open(ep.protocol(), ec);
    if (ec) return fail("socket");
    acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
    if (addr.is_v6()) acceptor->set_option(asio::ip::v6_only(true), ec);
    acceptor->bind(ep, ec);
    if (ec) return fail("bind");
    acceptor->listen(511, ec);
    if (ec) return fail("listen");
    if (port == 0) port = acceptor->local_endpoint().port();  // the others share it
    acceptors_.push_back(std::move(acceptor));
    listen_addresses_.push_back(a);
  }
  bound_port_ = port;
  server_.actual_port = port;

  for (auto& acc : acceptors_) asio::co_spawn(acc->get_executor(), accept_loop(*acc), asio::detached);
  // The data (AOF if enabled, else the snapshot) loads on its own thread while
  // the io threads already run; the cron and "Ready" follow on the strand.
  load_thread_ = std::thread([this] {
    std::string error;
    bool ok = persistence_->load_and_start(error);
    asio::post(executor_.strand(), [this, ok, error] { after_load(ok, error); });
  });
  signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    begin_shutdown(sig == SIGINT ? "Received SIGINT scheduling shutdown..."
                                 : "Received SIGTERM scheduling shutdown...");
  });
  return std::nullopt;
}

// On the strand, once the loading thread is done.
void Server::after_load(bool ok, const std::string& error) {
  if (load_thread_.joinable()) load_thread_.join();
  if (!ok) {
    spdlog::critical("{}", error);
    exit_code_ = 1;
    load_failed_ = true;
    begin_shutdown("Loading the data failed; exiting");
    return;
  }
  server_.loading.store(false);
  if (net_.stopping.load()) return;
  asio::co_spawn(executor_.strand(), cron_loop(), asio::detached);
  for (const auto& a : listen_addresses_) {
    spdlog::info("Ready to accept connections tcp on {}:{}", a, bound_port_);
  }
}

void Server::run() {
  std::vector<std::thread> threads;
  for (int i = 1; i < server_.io_threads; ++i) threads.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& t : threads) t.join();
  if (load_thread_.joinable()) load_thread_.join();
  lazy_free_.drain();
  spdlog::info("IronKV is now ready to exit, bye bye...");
}

void Server::stop() {
  asio::post(ioc_, [this] { begin_shutdown("User requested shutdown..."); });
}

void Server::begin_shutdown(const char* reason) {
  if (net_.stopping.exchange(true)) return;
  spdlog::info("{}", reason);
  boost::system::error_code ec;
  signals_.cancel(ec);
  if (http_) http_->stop();
  for (auto& acc : acceptors_) {
    asio::post(acc->get_executor(), [a = acc.get()] {
      boost::system::error_code ignored;
      a->close(ignored);
    });
  }
  asio::co_spawn(executor_.strand(), finish_shutdown(), asio::detached);
}

// On the strand: stop the cron, ask every client to finish, then wait (bounded)
// for them to go before stopping the io threads.
asio::awaitable<void> Server::finish_shutdown() {
  if (cron_timer_) cron_timer_->cancel();
  for (auto& [id, client] : server_.clients) {
    static_cast<net::Connection*>(client)->request_stop();
  }
  asio::steady_timer wait(executor_.strand());
  auto deadline = std::chrono::steady_clock::now() + kShutdownGrace;
  while (server_.net.connected_clients.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    wait.expires_after(std::chrono::milliseconds(5));
    co_await wait.async_wait(kUseTuple);
  }
  if (server_.net.connected_clients.load() > 0) {
    spdlog::warn("{} clients still connected after {}s; closing them",
                 server_.net.connected_clients.load(), kShutdownGrace.count());
  }
  // Flush and fsync the AOF, save if configured (SHUTDOWN did it already).
  // Never while (or after failing) loading: that would save a partial dataset.
  if (server_.loading.load() || load_failed_) {
    ioc_.stop();
    co_return;
  }
  if (!server_.shutdown_prepared) {
    std::string error;
    if (!persistence_->prepare_shutdown(false, false, error)) {
      spdlog::warn("{}", error);
    }
  }
  persistence_->stop();
  ioc_.stop();
}

asio::awaitable<void> Server::accept_loop(tcp::acceptor& acceptor) {
  for (;;) {
    auto [ec, sock] = co_await acceptor.async_accept(asio::make_strand(ioc_), kUseTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      spdlog::warn("Accepting client connection: {}", ec.message());
      if (ec == asio::error::no_descriptors) {
        // Out of file descriptors: back off briefly instead of spinning.
        asio::steady_timer t(acceptor.get_executor(), std::chrono::milliseconds(50));
        co_await t.async_wait(kUseTuple);
      }
      continue;
    }
    if (net_.stopping.load()) {
      boost::system::error_code ignored;
      sock.close(ignored);
      continue;
    }
    server_.net.total_connections_received.fetch_add(1);
    boost::system::error_code opt_ec;
    if (server_.net.connected_clients.load() >= net_.maxclients.load()) {
      server_.net.rejected_connections.fetch_add(1);
      auto ex = sock.get_executor();
      asio::co_spawn(ex, reject_client(std::move(sock), resp::err::kMaxClients), asio::detached);
      continue;
    }
    if (protected_active_.load() && !peer_is_local(sock.remote_endpoint(opt_ec).address())) {
      // Redis's protected mode: no password, and the peer is not on loopback.
      server_.net.rejected_connections.fetch_add(1);
      auto ex = sock.get_executor();
      asio::co_spawn(ex, reject_client(std::move(sock), resp::err::kProtectedModeDenied),
                     asio::detached);
      continue;
    }
    sock.set_option(tcp::no_delay(true), opt_ec);
    net::set_tcp_keepalive(sock.native_handle(), net_.tcp_keepalive.load());
    server_.net.connected_clients.fetch_add(1);
    auto conn = std::make_shared<net::Connection>(std::move(sock), net_);
    asio::co_spawn(conn->executor(), conn->run(), asio::detached);
  }
}

bool Server::peer_is_local(const asio::ip::address& addr) const {
  for (const auto& a : treat_as_nonlocal_) {
    if (a == addr) return false;
  }
  return net::is_loopback_ip(addr.to_string());
}

void Server::update_protected_mode() {
  const auto& c = server_.config;
  protected_active_ = c.protected_mode && c.requirepass.empty();
}

asio::awaitable<void> Server::cron_loop() {
  cron_timer_ = std::make_unique<asio::steady_timer>(executor_.strand());
  while (!net_.stopping.load()) {
    int hz = std::max(1, server_.config.hz);
    cron_timer_->expires_after(std::chrono::microseconds(1'000'000 / hz));
    auto [ec] = co_await cron_timer_->async_wait(kUseTuple);
    if (ec || net_.stopping.load()) co_return;
    cron_tick();
  }
}

void Server::cron_tick() { server_.cron_duties.run(); }

// What each cron tick does, in this order (Redis's serverCron order where it
// has the same duty).
void Server::register_cron_duties() {
  auto& duties = server_.cron_duties;
  duties.add("active-expire", [this] {
    int hz = std::max(1, server_.config.hz);
    // Active expiry may use a quarter of each cron period, as Redis's slow cycle.
    keyspace_.cron(std::chrono::microseconds(250'000 / hz));
    // Group readers blocked on a stream that expired are answered now.
    if (server_.blocking.has_ready()) dispatcher_.serve_blocked();
    // "expired" notifications from active expiry go out now.
    if (server_.pubsub.has_pending()) server_.pubsub.flush();
  });
  duties.add("instantaneous-stats", [this] { sample_instantaneous_stats(); });
  duties.add("peak-memory",
             [this] { server_.peak_memory = std::max(server_.peak_memory, allocated_bytes()); });
  duties.add("persistence", [this] { persistence_->cron(); });
  duties.add("client-timeout", [this] { close_idle_clients(); });
}

// INFO stats instantaneous_*: once a second, the rates since the last sample.
void Server::sample_instantaneous_stats() {
  int64_t now = clock_.now_ms();
  int64_t elapsed = now - last_sample_ms_;
  if (elapsed < 1000) return;
  uint64_t ops = server_.total_commands_processed;
  uint64_t in = server_.net.total_net_input_bytes.load();
  uint64_t out = server_.net.total_net_output_bytes.load();
  double secs = static_cast<double>(elapsed) / 1000.0;
  server_.instantaneous_ops_per_sec =
      static_cast<uint64_t>(static_cast<double>(ops - last_ops_) / secs);
  server_.instantaneous_input_kbps = static_cast<double>(in - last_in_) / 1024.0 / secs;
  server_.instantaneous_output_kbps = static_cast<double>(out - last_out_) / 1024.0 / secs;
  // p99 of the commands run since the last sample (the dashboard's latency chart).
  server::LatencyHistogram window = server_.all_commands_latency.minus(last_latency_);
  server_.instantaneous_p99_ns =
      window.total() ? static_cast<uint64_t>(window.value_at_percentile(99.0)) : 0;
  last_latency_ = server_.all_commands_latency;
  last_ops_ = ops;
  last_in_ = in;
  last_out_ = out;
  last_sample_ms_ = now;
}

// Idle client timeout (Redis "timeout"), checked here like clientsCron.
void Server::close_idle_clients() {
  int64_t timeout = server_.config.timeout;
  if (timeout <= 0) return;
  int64_t now = clock_.now_ms();
  for (auto& [id, client] : server_.clients) {
    // Subscribers and blocked clients (BLPOP, CLIENT PAUSE) are exempt, as in
    // Redis: they may legitimately stay silent.
    if (client->state().subscribed() || client->state().block.blocked) continue;
    if (now - client->state().last_interaction_ms > timeout * 1000) {
      spdlog::debug("Closing idle client {}", id);
      client->kill();
    }
  }
}

// CONFIG SET: what each runtime-mutable option changes beyond the Config value,
// grouped by the subsystem that owns it.
void Server::register_config_hooks() {
  auto& hooks = server_.config_hooks;
  const auto& c = server_.config;
  // Network limits the io threads read (mirrored in NetContext's atomics).
  hooks.on_apply("proto-max-bulk-len",
                 [this, &c] { net_.proto_max_bulk_len = c.proto_max_bulk_len; });
  hooks.on_apply("client-query-buffer-limit",
                 [this, &c] { net_.client_query_buffer_limit = c.client_query_buffer_limit; });
  hooks.on_apply("maxclients", [this, &c] { net_.maxclients = c.maxclients; });
  hooks.on_apply("tcp-keepalive", [this, &c] { net_.tcp_keepalive = c.tcp_keepalive; });
  hooks.on_apply("client-output-buffer-limit", [this, &c] { net_.set_output_limits(c); });
  hooks.on_check("maxclients", [](const server::Config& next) -> std::optional<std::string> {
    // Like Redis's updateMaxclients: raise the open-files limit, or refuse.
    auto files = adjust_open_files_limit(next.maxclients);
    if (files.maxclients >= next.maxclients) return std::nullopt;
    return "The operating system is not able to handle the specified number of clients, try with " +
           std::to_string(files.maxclients);
  });
  // Protected mode (accept loops).
  hooks.on_apply({"protected-mode", "requirepass"}, [this] { update_protected_mode(); });
  // Logging.
  hooks.on_apply("loglevel", [&c] { apply_log_level(c.loglevel); });
  // Persistence.
  for (std::string_view option : {"appendonly", "appendfsync", "save"}) {
    hooks.on_apply(option, [this, option] {
      std::string error;
      if (!persistence_->apply_config(option, error))
        spdlog::warn("CONFIG SET {}: {}", option, error);
    });
  }
  // Latency monitor (read off the strand).
  hooks.on_apply("latency-monitor-threshold", [this, &c] {
    server_.latency_monitor_threshold_ms = c.latency_monitor_threshold;
  });
}

}  // namespace ironkv::app
