#include "http/admin_server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/admin_api.h"

namespace ironkv::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

bhttp::response<bhttp::string_body> to_beast(HttpResponse r, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "IronKV");
  res.set(bhttp::field::content_type, r.content_type);
  res.set("X-Content-Type-Options", "nosniff");
  for (auto& [k, v] : r.headers) res.set(k, v);
  res.keep_alive(keep_alive);
  res.body() = std::move(r.body);
  res.prepare_payload();
  return res;
}

}  // namespace

struct AdminServer::Impl {
  Impl(asio::io_context& ioc, net::KeyspaceStrand& strand, command::Dispatcher& dispatcher,
       server::ServerContext& server)
      : ioc(ioc),
        strand(strand),
        dispatcher(dispatcher),
        server(server),
        acceptor(asio::make_strand(ioc)) {}

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(beast::tcp_stream stream);

  asio::io_context& ioc;
  net::KeyspaceStrand& strand;
  command::Dispatcher& dispatcher;
  server::ServerContext& server;
  tcp::acceptor acceptor;
  std::unique_ptr<AdminApi> api;
  AdminLimits limits;
  std::shared_ptr<std::atomic<size_t>> sessions = std::make_shared<std::atomic<size_t>>(0);
  int port = 0;
};

asio::awaitable<void> AdminServer::Impl::accept_loop() {
  for (;;) {
    // Each session on its own strand: tcp_stream's timer and the read may
    // complete on different io threads.
    auto [ec, sock] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      spdlog::warn("HTTP admin: accepting a connection: {}", ec.message());
      continue;
    }
    if (sessions->load() >= limits.max_sessions) {
      spdlog::warn("HTTP admin: {} sessions open, closing a new connection", sessions->load());
      boost::system::error_code ignored;
      sock.close(ignored);
      continue;
    }
    sessions->fetch_add(1);
    auto ex = sock.get_executor();
    asio::co_spawn(ex, session(beast::tcp_stream(std::move(sock))), asio::detached);
  }
}

// One connection: read a request (whole within the read timeout, within the
// header/body limits), answer it, repeat while the client keeps it alive.
// Anything malformed gets 400 and the connection closes; a silent or slow
// client is dropped at the timeout.
asio::awaitable<void> AdminServer::Impl::session(beast::tcp_stream stream) {
  // Shared: a session frame still pending at shutdown is destroyed with the
  // io_context, after this Impl.
  struct Count {
    std::shared_ptr<std::atomic<size_t>> n;
    ~Count() { n->fetch_sub(1); }
  } count{sessions};
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    parser.body_limit(limits.body_limit);
    stream.expires_after(limits.read_timeout);
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
    if (ec) {
      if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
          ec == asio::error::eof || ec == asio::error::connection_reset ||
          ec == asio::error::operation_aborted) {
        break;  // gone, or too slow: drop without a reply
      }
      int status = ec == bhttp::error::header_limit ? 431
                   : ec == bhttp::error::body_limit ? 413
                                                    : 400;
      std::string why = status == 431   ? "request header too large"
                        : status == 413 ? "request body too large"
                                        : "bad request: " + ec.message();
      auto res = to_beast(AdminApi::error(status, why), 11, false);
      stream.expires_after(limits.read_timeout);
      co_await bhttp::async_write(stream, res, kUseTuple);
      break;
    }
    const auto& req = parser.get();
    HttpRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    if (auto it = req.find(bhttp::field::authorization); it != req.end()) {
      r.authorization = std::string(it->value());
    }
    HttpResponse out = co_await api->handle(std::move(r));
    bool keep_alive = req.keep_alive();
    auto res = to_beast(std::move(out), req.version(), keep_alive);
    stream.expires_after(limits.read_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, kUseTuple);
    if (wec || !keep_alive) break;
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
}

AdminServer::AdminServer(asio::io_context& ioc, net::KeyspaceStrand& strand,
                         command::Dispatcher& dispatcher, server::ServerContext& server)
    : impl_(std::make_unique<Impl>(ioc, strand, dispatcher, server)) {}

AdminServer::~AdminServer() = default;

int AdminServer::port() const { return impl_->port; }

std::optional<std::string> AdminServer::start(const std::string& bind, int port,
                                              const std::string& token, AdminLimits limits) {
  Impl& m = *impl_;
  m.limits = limits;
  m.api = std::make_unique<AdminApi>(m.strand, m.dispatcher, m.server, token);
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(bind, ec);
  if (ec) return "http-bind: invalid address '" + bind + "'";
  tcp::endpoint ep(addr, static_cast<unsigned short>(port));
  auto fail = [&](const char* what) {
    return "Could not create HTTP admin listening socket " + bind + ":" + std::to_string(port) +
           ": " + what + ": " + ec.message();
  };
  m.acceptor.open(ep.protocol(), ec);
  if (ec) return fail("socket");
  m.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  m.acceptor.bind(ep, ec);
  if (ec) return fail("bind");
  m.acceptor.listen(128, ec);
  if (ec) return fail("listen");
  m.port = m.acceptor.local_endpoint().port();
  asio::co_spawn(m.acceptor.get_executor(), m.accept_loop(), asio::detached);
  return std::nullopt;
}

void AdminServer::stop() {
  asio::post(impl_->acceptor.get_executor(), [m = impl_.get()] {
    boost::system::error_code ignored;
    m->acceptor.close(ignored);
  });
}

}  // namespace ironkv::http
