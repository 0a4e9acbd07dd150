#include "http/admin_api.h"

#include <algorithm>

#include "http/dashboard.h"
#include "http/info_json.h"
#include "http/json.h"
#include "http/metrics.h"

namespace ironkv::http {

namespace {

constexpr std::string_view kPrometheusType = "text/plain; version=0.0.4; charset=utf-8";

// The text of a RESP bulk reply ("$N\r\n…\r\n"); empty for anything else.
std::string_view bulk_text(std::string_view resp) {
  if (resp.empty() || resp[0] != '$') return {};
  size_t eol = resp.find("\r\n");
  if (eol == std::string_view::npos || resp.size() < eol + 4) return {};
  return resp.substr(eol + 2, resp.size() - eol - 4);
}

// A simple-string or error reply's text without its prefix and CRLF.
std::string_view line_text(std::string_view resp) {
  if (resp.size() < 3) return {};
  size_t eol = resp.find("\r\n");
  return resp.substr(1, (eol == std::string_view::npos ? resp.size() : eol) - 1);
}

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  int bits = 0;
  uint32_t acc = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = value(c);
    if (v < 0) return {};
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

// Compares without an early exit, so response time does not leak the prefix.
bool same_secret(std::string_view given, std::string_view token) {
  if (token.empty()) return false;
  unsigned diff = given.size() == token.size() ? 0 : 1;
  for (size_t i = 0; i < given.size(); ++i) {
    diff |=
        static_cast<unsigned char>(given[i]) ^ static_cast<unsigned char>(token[i % token.size()]);
  }
  return diff == 0;
}

bool iequals_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// Every command's histogram (subcommands too), copied on the strand.
void collect_latencies(const command::CommandSpec& spec, std::vector<CommandLatency>& out) {
  const auto& h = spec.stats.latency;
  if (h && h->total() > 0) {
    out.push_back(CommandLatency{std::string(spec.name), h->cumulative(latency_bucket_bounds_ns()),
                                 h->total(), h->sum_ns()});
  }
  for (const auto& sub : spec.subcommands) collect_latencies(sub, out);
}

}  // namespace

AdminApi::AdminApi(net::KeyspaceStrand& strand, command::Dispatcher& dispatcher,
                   server::ServerContext& server, std::string token)
    : strand_(&strand), dispatcher_(&dispatcher), server_(&server), token_(std::move(token)) {
  client_.internal = true;
  client_.id = 0;  // never a connection's id (those start at 1)
  client_.name = "ironkv-http";
  client_.addr = "http";
  client_.laddr = "http";
}

HttpResponse AdminApi::error(int status, std::string_view message) {
  JsonWriter w;
  w.begin_object().key("error").string(message).end_object();
  return HttpResponse{status, "application/json", w.take() + "\n", {}};
}

bool AdminApi::authorized(std::string_view authorization, std::string_view token) {
  if (iequals_prefix(authorization, "Bearer ")) {
    return same_secret(authorization.substr(7), token);
  }
  if (iequals_prefix(authorization, "Basic ")) {
    std::string creds = base64_decode(authorization.substr(6));
    size_t colon = creds.find(':');
    return colon != std::string::npos &&
           same_secret(std::string_view(creds).substr(colon + 1), token);
  }
  return false;
}

std::string AdminApi::run(std::initializer_list<std::string_view> argv) {
  std::vector<std::string_view> views(argv);
  std::string out;
  resp::ReplyBuilder reply(out, 2);
  client_.last_interaction_ms = dispatcher_->keyspace().clock().now_ms();
  dispatcher_->execute(client_, views, reply);
  return out;
}

HttpResponse AdminApi::health() const {
  bool loading = server_->loading.load();
  JsonWriter w;
  w.begin_object().key("status").string(loading ? "loading" : "ok").key("loading").boolean(loading);
  w.end_object();
  return HttpResponse{loading ? 503 : 200, "application/json", w.take() + "\n", {}};
}

boost::asio::awaitable<HttpResponse> AdminApi::stats() {
  std::string info;
  co_await net::run_on(*strand_, [this, &info] { info = run({"INFO", "everything"}); });
  JsonWriter w;
  write_info_json(w, parse_info(bulk_text(info)));
  co_return HttpResponse{200, "application/json", w.take() + "\n", {}};
}

boost::asio::awaitable<HttpResponse> AdminApi::metrics() {
  std::string info;
  std::vector<CommandLatency> latencies;
  co_await net::run_on(*strand_, [this, &info, &latencies] {
    info = run({"INFO", "everything"});
    for (const command::CommandSpec* spec : dispatcher_->table().all())
      collect_latencies(*spec, latencies);
  });
  co_return HttpResponse{200,
                         std::string(kPrometheusType),
                         render_metrics(parse_info(bulk_text(info)), latencies),
                         {}};
}

boost::asio::awaitable<HttpResponse> AdminApi::config() {
  std::string body;
  co_await net::run_on(*strand_, [this, &body] {
    JsonWriter w;
    w.begin_object();
    for (const auto& o : server::config_options()) {
      if (o.alias) continue;
      std::string v = o.get(server_->config);
      w.key(o.name).string(o.secret && !v.empty() ? "(redacted)" : v);
    }
    w.end_object();
    body = w.take() + "\n";
  });
  co_return HttpResponse{200, "application/json", std::move(body), {}};
}

// SAVE / BGSAVE / BGREWRITEAOF: the command's own reply, as JSON.
boost::asio::awaitable<HttpResponse> AdminApi::persistence_command(std::string_view name) {
  std::string reply;
  co_await net::run_on(*strand_, [this, &reply, name] { reply = run({name}); });
  std::string_view text = line_text(reply);
  JsonWriter w;
  w.begin_object().key("command").string(name);
  int status = 200;
  if (!reply.empty() && reply[0] == '+') {
    w.key("ok").boolean(true).key("reply").string(text);
  } else if (text.starts_with("ERR unknown command")) {
    status = 503;
    w.key("ok")
        .boolean(false)
        .key("error")
        .string(std::string(name) +
                " is not available in this build (persistence is not implemented yet)")
        .key("reply")
        .string(text);
  } else {
    status = 500;
    w.key("ok").boolean(false).key("error").string(text);
  }
  w.end_object();
  co_return HttpResponse{status, "application/json", w.take() + "\n", {}};
}

boost::asio::awaitable<HttpResponse> AdminApi::handle(HttpRequest req) {
  std::string_view path = req.target;
  if (auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
  const bool get = req.method == "GET";
  const bool post = req.method == "POST";

  auto method_not_allowed = [](std::string_view allow) {
    HttpResponse r = error(405, "method not allowed; use " + std::string(allow));
    r.headers.emplace_back("Allow", std::string(allow));
    return r;
  };

  if (path == "/health") co_return get ? health() : method_not_allowed("GET");

  if (!token_.empty() && !authorized(req.authorization, token_)) {
    HttpResponse r = error(401, "unauthorized: send Authorization: Bearer <token>");
    // The dashboard page lets the browser ask for the token (as the password).
    r.headers.emplace_back("WWW-Authenticate", path == "/"
                                                   ? "Basic realm=\"IronKV\", charset=\"UTF-8\""
                                                   : "Bearer realm=\"IronKV\"");
    co_return r;
  }

  // While the data loads the keyspace belongs to the loading thread: nothing
  // may hop to the strand to read it (Redis answers -LOADING then too).
  const bool needs_keyspace = path == "/stats" || path == "/metrics" || path == "/config" ||
                              path == "/save" || path == "/bgsave" || path == "/bgrewriteaof";
  if (needs_keyspace && server_->loading.load()) {
    co_return error(503, "loading: the dataset is being loaded in memory");
  }

  if (path == "/" || path == "/stats" || path == "/metrics" || path == "/config") {
    if (!get) co_return method_not_allowed("GET");
    if (path == "/stats") co_return co_await stats();
    if (path == "/metrics") co_return co_await metrics();
    if (path == "/config") co_return co_await config();
    HttpResponse r{200, "text/html; charset=utf-8", std::string(dashboard_html()), {}};
    r.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "connect-src 'self'; img-src 'self' data:");
    r.headers.emplace_back("Cache-Control", "no-store");
    co_return r;
  }
  if (path == "/save" || path == "/bgsave" || path == "/bgrewriteaof") {
    if (!post) co_return method_not_allowed("POST");
    std::string_view name = path == "/save"     ? "SAVE"
                            : path == "/bgsave" ? "BGSAVE"
                                                : "BGREWRITEAOF";
    co_return co_await persistence_command(name);
  }
  co_return error(404, "not found");
}

}  // namespace ironkv::http
