#include "app/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace ironkv::app {

void apply_log_level(std::string_view level) {
  spdlog::level::level_enum l = spdlog::level::info;
  if (level == "debug") l = spdlog::level::debug;
  else if (level == "verbose") l = spdlog::level::debug;
  else if (level == "notice") l = spdlog::level::info;
  else if (level == "warning") l = spdlog::level::warn;
  spdlog::set_level(l);
}

std::optional<std::string> setup_logging(const server::Config& cfg) {
  std::shared_ptr<spdlog::logger> logger;
  try {
    if (cfg.logfile.empty()) {
      logger = spdlog::stdout_logger_mt("ironkv");
    } else {
      logger = spdlog::basic_logger_mt("ironkv", cfg.logfile);
    }
  } catch (const spdlog::spdlog_ex& e) {
    return "cannot open log file '" + cfg.logfile + "': " + e.what();
  }
  logger->set_pattern("%P:M %d %b %Y %H:%M:%S.%e %^%L%$ %v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  apply_log_level(cfg.loglevel);
  return std::nullopt;
}

}  // namespace ironkv::app
