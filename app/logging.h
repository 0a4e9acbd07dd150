#pragma once
// spdlog set-up from the config: Redis log level names, stdout or a log file.

#include <optional>
#include <string>
#include <string_view>

#include "core/server/config.h"

namespace ironkv::app {

// Installs the default logger; an error message if the log file cannot be opened.
std::optional<std::string> setup_logging(const server::Config& cfg);
// Applies a Redis log level name (debug, verbose, notice, warning) at once.
void apply_log_level(std::string_view redis_level);

}  // namespace ironkv::app
