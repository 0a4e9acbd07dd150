// ironkv-server: flags + config file → effective Config → Server.

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/config_loader.h"
#include "app/logging.h"
#include "app/open_files.h"
#include "app/server.h"
#include "app/version.h"

int main(int argc, char** argv) {
  using namespace ironkv;
  // A write to a pipe without a reader (an AOF on a FIFO, a log piped to a
  // process that died) must fail with EPIPE, not kill the server: Redis
  // ignores SIGPIPE too. (Sockets already use MSG_NOSIGNAL.)
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  auto loaded = app::load_config(args);
  if (auto* err = std::get_if<std::string>(&loaded)) {
    std::fprintf(stderr, "ironkv-server: FATAL CONFIG ERROR: %s\n", err->c_str());
    std::fprintf(stderr, "Run 'ironkv-server --help' for the options.\n");
    return 1;
  }
  auto& lc = std::get<app::LoadedConfig>(loaded);
  if (lc.exit_now) {
    std::fputs(lc.message.c_str(), stdout);
    return lc.exit_code;
  }
  const server::Config& cfg = lc.config;
  if (auto err = app::setup_logging(cfg)) {
    std::fprintf(stderr, "ironkv-server: %s\n", err->c_str());
    return 1;
  }
  // maxclients needs descriptors: raise the limit, or lower maxclients to fit.
  auto files = app::adjust_open_files_limit(lc.config.maxclients);
  if (files.fatal) {
    spdlog::critical("{}", *files.fatal);
    return 1;
  }
  lc.config.maxclients = files.maxclients;
  if (cfg.dir != ".") {
    std::error_code ec;
    std::filesystem::current_path(cfg.dir, ec);
    if (ec) {
      spdlog::critical("Can't chdir to '{}': {}", cfg.dir, ec.message());
      return 1;
    }
  }

  app::Server server(cfg, lc.config_file);
  const auto& ctx = server.context();
  spdlog::info("IronKV {} (Redis {} compatible) starting, pid={}", kVersion, kRedisCompatVersion,
               ::getpid());
  spdlog::info("Configuration: {}", lc.config_file.empty() ? "(none: defaults and flags)"
                                                           : lc.config_file);
  spdlog::info("Effective config: bind={} port={} io-threads={} databases={} maxclients={} "
               "(open files limit {}) timeout={} tcp-keepalive={} hz={} proto-max-bulk-len={} "
               "client-query-buffer-limit={} protected-mode={} requirepass={} loglevel={} dir={}",
               cfg.bind, cfg.port, ctx.io_threads, cfg.databases, cfg.maxclients, files.limit,
               cfg.timeout,
               cfg.tcp_keepalive, cfg.hz, cfg.proto_max_bulk_len, cfg.client_query_buffer_limit,
               cfg.protected_mode ? "yes" : "no", cfg.requirepass.empty() ? "(none)" : "(set)",
               cfg.loglevel, std::filesystem::current_path().string());
  spdlog::info("Persistence: dir={} appendonly={} appendfsync={} appenddirname={} save=\"{}\" "
               "dbfilename={} aof-load-truncated={} rdbcompression={}",
               cfg.dir, cfg.appendonly ? "yes" : "no", cfg.appendfsync, cfg.appenddirname, cfg.save,
               cfg.dbfilename, cfg.aof_load_truncated ? "yes" : "no",
               cfg.rdbcompression ? "yes" : "no");
  if (auto err = server.start()) {
    spdlog::critical("{}", *err);
    return 1;
  }
  if (!cfg.pidfile.empty()) {
    std::ofstream(cfg.pidfile) << ::getpid() << "\n";
  }
  server.run();
  if (!cfg.pidfile.empty()) std::remove(cfg.pidfile.c_str());
  return server.exit_code();
}
