// The admin endpoint's routes in-process (no sockets): a real io_context and
// keyspace strand, the real dispatcher, AdminApi::handle driven to completion.

#include "http/admin_api.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "harness.h"

namespace ironkv::test {
namespace {

namespace asio = boost::asio;
using http::AdminApi;
using http::HttpRequest;
using http::HttpResponse;

asio::awaitable<void> call(AdminApi& api, HttpRequest req, HttpResponse* out) {
  *out = co_await api.handle(std::move(req));
}

class AdminApiTest : public ::testing::Test {
 protected:
  HttpResponse handle(std::string method, std::string target, std::string auth = "",
                      std::string token = "") {
    AdminApi api(strand, h.dispatcher, h.server, std::move(token));
    HttpResponse out;
    out.status = 0;
    asio::co_spawn(
        ioc, call(api, HttpRequest{std::move(method), std::move(target), std::move(auth)}, &out),
        asio::detached);
    ioc.restart();
    ioc.run_for(std::chrono::seconds(5));
    return out;
  }

  Harness h;
  asio::io_context ioc;
  net::KeyspaceStrand strand{asio::make_strand(ioc)};
};

TEST_F(AdminApiTest, HealthSays503WhileLoading) {
  HttpResponse r = handle("GET", "/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{\"status\":\"ok\",\"loading\":false}\n");
  h.server.loading = true;
  r = handle("GET", "/health");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, "{\"status\":\"loading\",\"loading\":true}\n");
}

TEST_F(AdminApiTest, StatsRunsInfoOnTheStrand) {
  h.run({"SET", "a", "1"});
  HttpResponse r = handle("GET", "/stats");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"keyspace\":{\"db0\":{\"keys\":1,\"expires\":0,\"avg_ttl\":0}}"),
            std::string::npos)
      << r.body;
  // The endpoint's own client is not a connected client.
  EXPECT_NE(r.body.find("\"connected_clients\":0,"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"cmdstat_set\":{\"calls\":1,"), std::string::npos) << r.body;
}

TEST_F(AdminApiTest, PersistenceCommandsWithoutPersistenceAre503) {
  HttpResponse r = handle("POST", "/save");
  if (h.table.find("save") != nullptr) GTEST_SKIP() << "SAVE exists in this build";
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body,
            "{\"command\":\"SAVE\",\"ok\":false,\"error\":\"SAVE is not available in this build "
            "(persistence is not implemented yet)\",\"reply\":\"ERR unknown command 'SAVE', with "
            "args beginning with: \"}\n");
}

TEST_F(AdminApiTest, RoutingAndAuth) {
  EXPECT_EQ(handle("GET", "/nowhere").status, 404);
  EXPECT_EQ(handle("GET", "/bgsave").status, 405);
  EXPECT_EQ(handle("HEAD", "/metrics").status, 405);
  EXPECT_EQ(handle("GET", "/metrics?x=1").status, 200);
  EXPECT_EQ(handle("GET", "/stats", "", "tok").status, 401);
  EXPECT_EQ(handle("GET", "/stats", "Bearer tok", "tok").status, 200);
  EXPECT_EQ(handle("GET", "/health", "", "tok").status, 200);
  HttpResponse page = handle("GET", "/", "", "tok");
  EXPECT_EQ(page.status, 401);
  ASSERT_FALSE(page.headers.empty());
  EXPECT_EQ(page.headers[0].first, "WWW-Authenticate");
  EXPECT_EQ(page.headers[0].second.substr(0, 6), "Basic ");
}

}  // namespace
}  // namespace ironkv::test
