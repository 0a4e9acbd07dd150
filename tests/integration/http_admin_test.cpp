// The HTTP admin endpoint over real sockets: a Beast client hits every route
// (with and without the token); raw bytes check the limits, malformed
// requests and read timeouts; /metrics goes through `promtool check metrics`.

#include <gtest/gtest.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "http/info_json.h"
#include "http/metrics.h"
#include "support/server_process.h"

namespace ironkv::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string error;                           // empty on success
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

asio::awaitable<void> do_request(int port, bhttp::verb verb, std::string target, Headers headers,
                                 HttpReply* out) {
  constexpr auto tuple = asio::as_tuple(asio::use_awaitable);
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  stream.expires_after(std::chrono::seconds(5));
  asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"),
                             static_cast<unsigned short>(port));
  auto [cec] = co_await stream.async_connect(ep, tuple);
  if (cec) {
    out->error = "connect: " + cec.message();
    co_return;
  }
  bhttp::request<bhttp::string_body> req{verb, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  for (auto& [k, v] : headers) req.set(k, v);
  req.prepare_payload();
  auto [wec, wn] = co_await bhttp::async_write(stream, req, tuple);
  if (wec) {
    out->error = "write: " + wec.message();
    co_return;
  }
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  auto [rec, rn] = co_await bhttp::async_read(stream, buffer, res, tuple);
  if (rec) {
    out->error = "read: " + rec.message();
    co_return;
  }
  out->status = res.result_int();
  out->body = res.body();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out->headers[name] = std::string(f.value());
  }
}

// One request with a Beast client, bounded by 5 s.
HttpReply request(int port, bhttp::verb verb, const std::string& target, Headers headers = {}) {
  asio::io_context ioc;
  HttpReply out;
  asio::co_spawn(ioc, do_request(port, verb, target, std::move(headers), &out), asio::detached);
  ioc.run_for(std::chrono::seconds(6));
  if (!ioc.stopped() && out.status == 0 && out.error.empty()) out.error = "timed out";
  return out;
}

HttpReply get(int port, const std::string& target, Headers headers = {}) {
  return request(port, bhttp::verb::get, target, std::move(headers));
}
HttpReply post(int port, const std::string& target, Headers headers = {}) {
  return request(port, bhttp::verb::post, target, std::move(headers));
}

// The HTTP port from "HTTP admin endpoint listening on http://127.0.0.1:PORT".
int http_port_of(const ServerProcess& server) {
  static constexpr std::string_view kLine = "HTTP admin endpoint listening on http://";
  if (!server.wait_for_log(kLine)) return 0;
  std::string log = server.log();
  size_t at = log.find(kLine);
  size_t eol = log.find('\n', at);
  std::string line = log.substr(at + kLine.size(), eol - at - kLine.size());
  return std::atoi(line.substr(line.rfind(':') + 1).c_str());
}

std::vector<std::string> with_http(std::vector<std::string> extra) {
  std::vector<std::string> args{"--http-enabled", "yes", "--http-port", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// Sends raw bytes and returns everything until the server closes (bounded).
ReadAll raw_exchange(int port, std::string_view bytes, milliseconds timeout = milliseconds(5000)) {
  Client c = Client::connect(port);
  EXPECT_TRUE(c.valid());
  c.send(bytes);
  return c.read_all_until_closed(timeout);
}

class HttpServerTest : public ::testing::Test {
 protected:
  void start(std::vector<std::string> extra) {
    server_ = std::make_unique<ServerProcess>(with_http(std::move(extra)));
    ASSERT_TRUE(server_->ready()) << server_->describe();
    port_ = http_port_of(*server_);
    ASSERT_GT(port_, 0) << server_->describe();
  }
  std::unique_ptr<ServerProcess> server_;
  int port_ = 0;
};

// ---------------------------------------------------------------- no token

class HttpOpen : public HttpServerTest {
 protected:
  void SetUp() override { start({}); }
};

TEST_F(HttpOpen, Health) {
  HttpReply r = get(port_, "/health");
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.body, "{\"status\":\"ok\",\"loading\":false}\n");
}

TEST_F(HttpOpen, StatsIsInfoAsJson) {
  Client c = server_->connect();
  ASSERT_EQ(c.roundtrip(resp_command({"SET", "k", "v"}), "+OK\r\n"), "+OK\r\n");
  ASSERT_EQ(c.roundtrip(resp_command({"SET", "t", "v", "EX", "100"}), "+OK\r\n"), "+OK\r\n");
  HttpReply r = get(port_, "/stats");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.header("content-type"), "application/json");
  for (std::string_view part :
       {"{\"server\":{\"redis_version\":\"7.0.15\",", "\"clients\":{\"connected_clients\":1,",
        "\"memory\":{\"used_memory\":", "\"persistence\":{\"loading\":0,", "\"stats\":{",
        "\"replication\":{\"role\":\"master\"", "\"cpu\":{", "\"cluster\":{\"cluster_enabled\":0}",
        "\"keyspace\":{\"db0\":{\"keys\":2,\"expires\":1,",
        "\"cmdstat_set\":{\"calls\":2,\"usec\":", "\"latency_percentiles_usec_set\":{\"p50\":"}) {
    EXPECT_NE(r.body.find(part), std::string::npos) << part << "\n" << r.body;
  }
}

TEST_F(HttpOpen, MetricsInPrometheusFormat) {
  Client c = server_->connect();
  ASSERT_EQ(c.roundtrip(resp_command({"SET", "k", "v"}), "+OK\r\n"), "+OK\r\n");
  ASSERT_EQ(c.roundtrip(resp_command({"GET", "k"}), "$1\r\nv\r\n"), "$1\r\nv\r\n");
  HttpReply r = get(port_, "/metrics");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  for (std::string_view part :
       {"\nredis_up 1\n", "\nredis_uptime_in_seconds ", "\nredis_connected_clients 1\n",
        "\nredis_blocked_clients 0\n", "\nredis_memory_used_bytes ",
        "\nredis_commands_processed_total ", "\nredis_keyspace_hits_total 1\n",
        "\nredis_keyspace_misses_total 0\n", "\nredis_expired_keys_total 0\n",
        "\nredis_evicted_keys_total 0\n", "\nredis_db_keys{db=\"db0\"} 1\n",
        "\nredis_db_keys_expiring{db=\"db0\"} 0\n", "\nredis_commands_total{cmd=\"get\"} 1\n",
        "\nredis_commands_duration_seconds_total{cmd=\"get\"} ",
        "\nironkv_command_latency_seconds_bucket{cmd=\"get\",le=\"+Inf\"} 1\n",
        "\nironkv_command_latency_seconds_count{cmd=\"set\"} 1\n",
        "\nredis_rdb_changes_since_last_save 1\n", "\nredis_aof_enabled 0\n"}) {
    EXPECT_NE(r.body.find(part), std::string::npos) << part << "\n" << r.body;
  }
}

TEST_F(HttpOpen, ConfigIsTheEffectiveConfig) {
  HttpReply r = get(port_, "/config");
  ASSERT_EQ(r.status, 200) << r.error;
  for (std::string_view part :
       {"\"bind\":\"127.0.0.1\"", "\"databases\":\"16\"", "\"requirepass\":\"\"",
        "\"http-enabled\":\"yes\"", "\"http-token\":\"\"", "\"slowlog-max-len\":\"128\""}) {
    EXPECT_NE(r.body.find(part), std::string::npos) << part << "\n" << r.body;
  }
  // CONFIG SET shows at once.
  Client c = server_->connect();
  ASSERT_EQ(c.roundtrip(resp_command({"CONFIG", "SET", "slowlog-max-len", "7"}), "+OK\r\n"),
            "+OK\r\n");
  EXPECT_NE(get(port_, "/config").body.find("\"slowlog-max-len\":\"7\""), std::string::npos);
}

TEST_F(HttpOpen, PersistenceEndpointsAnswerLikeTheCommands) {
  for (auto [path, name] :
       {std::pair{"/save", "SAVE"}, {"/bgsave", "BGSAVE"}, {"/bgrewriteaof", "BGREWRITEAOF"}}) {
    HttpReply r = post(port_, path);
    ASSERT_EQ(r.error, "") << path;
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_NE(r.body.find("{\"command\":\"" + std::string(name) + "\",\"ok\":"), std::string::npos)
        << r.body;
    if (r.status == 503) {
      // Until persistence lands the command is unknown: a clear message.
      EXPECT_NE(r.body.find("is not available in this build"), std::string::npos) << r.body;
    } else {
      EXPECT_TRUE(r.status == 200 || r.status == 500) << r.status << " " << r.body;
    }
  }
}

TEST_F(HttpOpen, MethodsAndUnknownPaths) {
  HttpReply r = get(port_, "/save");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "POST");
  r = post(port_, "/stats");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET");
  EXPECT_EQ(request(port_, bhttp::verb::delete_, "/health").status, 405);
  EXPECT_EQ(request(port_, bhttp::verb::put, "/bgsave").status, 405);
  r = get(port_, "/nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "{\"error\":\"not found\"}\n");
  EXPECT_EQ(get(port_, "/stats/x").status, 404);
  EXPECT_EQ(get(port_, "/health?verbose=1").status, 200);
}

TEST_F(HttpOpen, DashboardIsServedFromTheBinary) {
  HttpReply r = get(port_, "/");
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(r.header("content-security-policy").find("connect-src 'self'"), std::string::npos);
  EXPECT_NE(r.body.find("<title>IronKV dashboard</title>"), std::string::npos);
  EXPECT_NE(r.body.find("id=\"save-button\""), std::string::npos);
  // Nothing from elsewhere: no external scripts, styles or fonts.
  EXPECT_EQ(r.body.find("src=\"http"), std::string::npos);
  EXPECT_EQ(r.body.find("href=\"http"), std::string::npos);
}

TEST_F(HttpOpen, KeepAliveServesSeveralRequests) {
  Client c = Client::connect(port_);
  ASSERT_TRUE(c.valid());
  const std::string one = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(c.send(one + one + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  ReadAll all = c.read_all_until_closed();
  EXPECT_TRUE(all.eof);
  size_t n = 0;
  for (size_t at = all.data.find("HTTP/1.1 200 OK"); at != std::string::npos;
       at = all.data.find("HTTP/1.1 200 OK", at + 1)) {
    ++n;
  }
  EXPECT_EQ(n, 3u) << printable(all.data);
}

TEST_F(HttpOpen, MalformedRequestsGet400AndTheServerStaysUp) {
  for (std::string_view junk :
       {std::string_view("GARBAGE\r\n\r\n"), std::string_view("GET /health HTTP/1.1 x\r\n\r\n"),
        std::string_view("GET /health HTTP/2.0\r\n\r\n"),
        std::string_view("GET /health HTTP/1.1\r\nContent-Length: abc\r\n\r\n"),
        std::string_view("GET /health HTTP/1.1\r\nno colon here\r\n\r\n"),
        std::string_view("\x01\x02\x03\xff\r\n\r\n", 8),
        std::string_view("POST /save HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n")}) {
    ReadAll r = raw_exchange(port_, junk);
    EXPECT_TRUE(r.eof) << printable(junk);
    EXPECT_EQ(r.data.substr(0, 24), "HTTP/1.1 400 Bad Request") << printable(junk) << "\n"
                                                                << printable(r.data);
  }
  EXPECT_EQ(get(port_, "/health").status, 200);
  Client c = server_->connect();
  EXPECT_EQ(c.roundtrip("PING\r\n", "+PONG\r\n"), "+PONG\r\n");
}

// Bounded fuzz: mutations of valid requests and random bytes. Every reply
// must be a well-formed HTTP status line (or none), and the server must stay up.
TEST_F(HttpOpen, GarbageNeverCrashesTheServer) {
  std::mt19937 rng(12345);
  const std::vector<std::string> seeds{
      "GET /stats HTTP/1.1\r\nHost: x\r\n\r\n",
      "POST /save HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
      "GET /metrics HTTP/1.0\r\nAuthorization: Basic YWRtaW46eA==\r\n\r\n",
      "POST /bgsave HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"};
  auto deadline = Clock::now() + std::chrono::seconds(20);
  int sent = 0, answered = 0;
  for (int i = 0; i < 300 && Clock::now() < deadline; ++i, ++sent) {
    std::string req = seeds[static_cast<size_t>(i) % seeds.size()];
    int mutations = 1 + static_cast<int>(rng() % 8);
    for (int m = 0; m < mutations && !req.empty(); ++m) {
      size_t at = rng() % req.size();
      switch (rng() % 4) {
        case 0:
          req[at] = static_cast<char>(rng() & 0xff);
          break;
        case 1:
          req.erase(at, 1 + rng() % 4);
          break;
        case 2:
          req.insert(at, std::string(1 + rng() % 8, static_cast<char>(rng() & 0xff)));
          break;
        default:
          req.insert(at, req.substr(0, std::min<size_t>(req.size(), 16)));
      }
    }
    if (i % 5 == 4) {  // pure noise
      req.resize(1 + rng() % 200);
      for (auto& c : req) c = static_cast<char>(rng() & 0xff);
    }
    Client c = Client::connect(port_);
    ASSERT_TRUE(c.valid()) << "server stopped accepting after " << i << " requests";
    c.send(req);
    c.send("\r\n\r\n");  // end whatever header block the mutation left open
    // A request left incomplete (e.g. a Content-Length beyond the body) gets
    // no reply until the read timeout; do not wait for it.
    std::string got = c.read_until("\r\n", milliseconds(300));
    if (!got.empty()) {
      ++answered;
      EXPECT_EQ(got.substr(0, 7), "HTTP/1.") << printable(req) << " -> " << printable(got);
    }
  }
  std::cout << sent << " requests sent, " << answered << " answered\n";
  EXPECT_GT(answered, sent / 2);
  EXPECT_EQ(get(port_, "/health").status, 200);
  Client resp = server_->connect();
  EXPECT_EQ(resp.roundtrip("PING\r\n", "+PONG\r\n"), "+PONG\r\n");
}

TEST_F(HttpOpen, SizeLimits) {
  std::string big_header =
      "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(16 * 1024, 'a') + "\r\n\r\n";
  ReadAll r = raw_exchange(port_, big_header);
  EXPECT_EQ(r.data.substr(0, 12), "HTTP/1.1 431") << printable(r.data);
  EXPECT_TRUE(r.eof);
  // Refused on its Content-Length, before the body is sent.
  r = raw_exchange(port_, "POST /save HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
  EXPECT_EQ(r.data.substr(0, 12), "HTTP/1.1 413") << printable(r.data);
  EXPECT_TRUE(r.eof);
  EXPECT_EQ(get(port_, "/health").status, 200);
}

// ---------------------------------------------------------------- token

class HttpToken : public HttpServerTest {
 protected:
  void SetUp() override { start({"--http-token", "t0k", "--requirepass", "pw"}); }
};

TEST_F(HttpToken, HealthNeedsNoToken) { EXPECT_EQ(get(port_, "/health").status, 200); }

TEST_F(HttpToken, EverythingElseNeedsTheToken) {
  for (std::string path : {"/stats", "/metrics", "/config", "/", "/nope"}) {
    HttpReply r = get(port_, path);
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_NE(r.header("www-authenticate"), "") << path;
    EXPECT_EQ(get(port_, path, {{"Authorization", "Bearer wrong"}}).status, 401) << path;
    EXPECT_EQ(get(port_, path, {{"Authorization", "t0k"}}).status, 401) << path;
  }
  EXPECT_EQ(post(port_, "/save").status, 401);
  EXPECT_EQ(get(port_, "/save").status, 401);  // no hint about methods before auth
  EXPECT_EQ(get(port_, "/").header("www-authenticate").substr(0, 5), "Basic");

  const Headers bearer{{"Authorization", "Bearer t0k"}};
  EXPECT_EQ(get(port_, "/stats", bearer).status, 200);
  EXPECT_EQ(get(port_, "/metrics", bearer).status, 200);
  EXPECT_EQ(get(port_, "/", bearer).status, 200);
  EXPECT_EQ(get(port_, "/nope", bearer).status, 404);
  EXPECT_EQ(get(port_, "/save", bearer).status, 405);
  int save = post(port_, "/save", bearer).status;
  EXPECT_TRUE(save == 200 || save == 503) << save;
  // A browser's Basic credentials with the token as password ("admin:t0k").
  EXPECT_EQ(get(port_, "/stats", {{"Authorization", "Basic YWRtaW46dDBr"}}).status, 200);
}

TEST_F(HttpToken, ConfigRedactsSecrets) {
  HttpReply r = get(port_, "/config", {{"Authorization", "Bearer t0k"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"requirepass\":\"(redacted)\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"http-token\":\"(redacted)\""), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("t0k"), std::string::npos);
  EXPECT_EQ(r.body.find("\"pw\""), std::string::npos);
}

// ---------------------------------------------------------------- timeouts

class HttpTimeout : public HttpServerTest {
 protected:
  void SetUp() override { start({"--http-read-timeout-ms", "300"}); }
};

TEST_F(HttpTimeout, SilentClientIsDropped) {
  Client c = Client::connect(port_);
  ASSERT_TRUE(c.valid());
  auto t0 = Clock::now();
  ReadAll r = c.read_all_until_closed(milliseconds(3000));
  auto waited = std::chrono::duration_cast<milliseconds>(Clock::now() - t0).count();
  EXPECT_TRUE(r.eof);
  EXPECT_EQ(r.data, "");
  EXPECT_GE(waited, 250);
  EXPECT_LT(waited, 2500);
}

TEST_F(HttpTimeout, SlowClientIsDroppedMidRequest) {
  Client c = Client::connect(port_);
  ASSERT_TRUE(c.valid());
  ASSERT_TRUE(c.send("GET /health HTTP/1.1\r\n"));
  auto t0 = Clock::now();
  bool closed = false;
  // One header line every 100 ms: each arrives well within the timeout, but
  // the request as a whole does not.
  for (int i = 0; i < 30 && !closed; ++i) {
    c.send("X-Slow: " + std::to_string(i) + "\r\n");
    closed = c.is_closed(milliseconds(100));
  }
  auto waited = std::chrono::duration_cast<milliseconds>(Clock::now() - t0).count();
  EXPECT_TRUE(closed);
  EXPECT_LT(waited, 2000);
  EXPECT_EQ(c.buffered(), "");
}

TEST_F(HttpTimeout, IdleKeepAliveConnectionIsClosed) {
  Client c = Client::connect(port_);
  ASSERT_TRUE(c.valid());
  ASSERT_TRUE(c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  ReadAll r = c.read_all_until_closed(milliseconds(3000));
  EXPECT_TRUE(r.eof);
  EXPECT_EQ(r.data.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_EQ(get(port_, "/health").status, 200);
}

// ---------------------------------------------------------------- promtool

bool run_promtool(const std::string& promtool, const std::string& text, std::string& why) {
  TempDir dir;
  std::string file = dir.file("metrics.txt");
  write_file(file, text);
  CommandResult r = run_command({promtool, "check", "metrics"}, milliseconds(30000), file);
  why = r.describe();
  return r.ok();
}

TEST_F(HttpOpen, MetricsPassPromtool) {
  std::string promtool = find_program("promtool");
  if (promtool.empty()) {
    GTEST_SKIP() << "promtool not found: install Debian's 'prometheus' package "
                    "(scripts/install-deps.sh does) to check /metrics";
  }
  Client c = server_->connect();
  ASSERT_EQ(c.roundtrip(resp_command({"SET", "k", "v"}), "+OK\r\n"), "+OK\r\n");
  ASSERT_EQ(c.roundtrip(resp_command({"CONFIG", "GET", "hz"}), "*2\r\n$2\r\nhz\r\n$2\r\n10\r\n"),
            "*2\r\n$2\r\nhz\r\n$2\r\n10\r\n");
  HttpReply r = get(port_, "/metrics");
  ASSERT_EQ(r.status, 200);
  std::string why;
  EXPECT_TRUE(run_promtool(promtool, r.body, why)) << why << "\n" << r.body;

  // Also with every field Redis 7.0's INFO persistence has, which the
  // persistence work will add: the generic mapping must stay lint-clean.
  std::string redis_persistence =
      "# "
      "Persistence\r\nloading:0\r\nasync_loading:0\r\ncurrent_cow_peak:0\r\ncurrent_cow_size:0\r\n"
      "current_cow_size_age:0\r\ncurrent_fork_perc:0.00\r\ncurrent_save_keys_processed:0\r\n"
      "current_save_keys_total:0\r\nrdb_changes_since_last_save:149\r\nrdb_bgsave_in_progress:0\r\n"
      "rdb_last_save_time:1795302331\r\nrdb_last_bgsave_status:ok\r\nrdb_last_bgsave_time_sec:-"
      "1\r\n"
      "rdb_current_bgsave_time_sec:-1\r\nrdb_saves:0\r\nrdb_last_cow_size:0\r\n"
      "rdb_last_load_keys_expired:0\r\nrdb_last_load_keys_loaded:0\r\naof_enabled:0\r\n"
      "aof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0\r\naof_last_rewrite_time_sec:-1\r\n"
      "aof_current_rewrite_time_sec:-1\r\naof_last_bgrewrite_status:ok\r\naof_rewrites:0\r\n"
      "aof_rewrites_consecutive_failures:0\r\naof_last_write_status:ok\r\naof_last_cow_size:0\r\n"
      "module_fork_in_progress:0\r\nmodule_fork_last_cow_size:0\r\n";
  std::string text = http::render_metrics(http::parse_info(redis_persistence), {});
  EXPECT_TRUE(run_promtool(promtool, text, why)) << why << "\n" << text;
}

}  // namespace
}  // namespace ironkv::test
