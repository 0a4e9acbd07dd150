#pragma once
// The admin endpoint's routes, independent of the HTTP library: a request
// (method, target, Authorization, body) becomes a response (status, type,
// body). Data comes from the keyspace strand in one short hop per request by
// running the real commands (INFO everything, SAVE, …) for an internal
// client, so /stats says exactly what INFO says.

#include <boost/asio/awaitable.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/command/dispatcher.h"
#include "core/net/keyspace_executor.h"
#include "core/server/client.h"
#include "core/server/server_context.h"

namespace ironkv::http {

struct HttpRequest {
  std::string method;         // "GET", "POST", …
  std::string target;         // "/stats?x=1"
  std::string authorization;  // the Authorization header, if any
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class AdminApi {
 public:
  AdminApi(net::KeyspaceStrand& strand, command::Dispatcher& dispatcher,
           server::ServerContext& server, std::string token);

  boost::asio::awaitable<HttpResponse> handle(HttpRequest req);

  // True if `authorization` carries the token: "Bearer <token>", or Basic
  // credentials whose password is the token (so a browser can open the
  // dashboard through its own password prompt).
  static bool authorized(std::string_view authorization, std::string_view token);

  static HttpResponse error(int status, std::string_view message);

 private:
  // Runs one command for the internal client; the raw RESP reply. Strand only.
  std::string run(std::initializer_list<std::string_view> argv);

  boost::asio::awaitable<HttpResponse> stats();
  boost::asio::awaitable<HttpResponse> metrics();
  boost::asio::awaitable<HttpResponse> config();
  boost::asio::awaitable<HttpResponse> persistence_command(std::string_view name);
  HttpResponse health() const;

  net::KeyspaceStrand* strand_;
  command::Dispatcher* dispatcher_;
  server::ServerContext* server_;
  std::string token_;
  server::ClientState client_;  // strand only
};

}  // namespace ironkv::http
