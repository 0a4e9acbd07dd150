#pragma once
// Builds the effective Config: defaults, then the TOML file, then command-line
// flags (--name value, Redis's names). Every value goes through the one option
// table in core/command/config.h, so an unknown or invalid key or value is
// reported the same way, naming it.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/server/config.h"

namespace ironkv::app {

struct LoadedConfig {
  server::Config config;
  std::string config_file;      // empty when none was given
  bool exit_now = false;        // --help / --version: print `message` and exit
  std::string message;
  int exit_code = 0;
};

// Returns the loaded config, or an error message that names the offending key,
// flag or value (and file position for TOML syntax errors).
std::variant<LoadedConfig, std::string> load_config(const std::vector<std::string>& args);

// Applies a TOML document's text (tests use this without a file).
std::optional<std::string> apply_toml(server::Config& cfg, const std::string& text,
                                      const std::string& source_name);

std::string usage_text();

}  // namespace ironkv::app
