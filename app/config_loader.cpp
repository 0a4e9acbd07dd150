#include "app/config_loader.h"

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "app/version.h"

namespace ironkv::app {

namespace {

// Turns a TOML value into the option table's text form ("yes"/"no" for
// booleans, space-separated for arrays like Redis's save/bind lines).
std::optional<std::string> toml_to_text(const toml::node& node, std::string& err) {
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto b = node.as_boolean()) return std::string(b->get() ? "yes" : "no");
  if (auto a = node.as_array()) {
    std::string out;
    for (const auto& el : *a) {
      std::optional<std::string> part;
      if (el.is_array()) part = toml_to_text(el, err);
      else if (el.is_string() || el.is_integer()) part = toml_to_text(el, err);
      if (!part) {
        if (err.empty()) err = "array elements must be strings, integers or arrays of them";
        return std::nullopt;
      }
      if (!out.empty() && !part->empty()) out += ' ';
      out += *part;
    }
    return out;
  }
  err = "unsupported value type (use a string, integer, boolean or array)";
  return std::nullopt;
}

// [security] rename_commands = { FLUSHALL = "", CONFIG = "CFG-x9" }: a table of
// command name -> new name ("" disables), checked against the command table at
// start-up (unknown names are reported then, naming the entry).
std::optional<std::string> apply_renames_table(server::Config& cfg, const toml::node& node,
                                               const std::string& where) {
  const toml::table* t = node.as_table();
  if (t == nullptr) {
    return where + " must be a table of command = \"new name\" (\"\" disables the command)";
  }
  for (const auto& [name, value] : *t) {
    auto s = value.as_string();
    if (s == nullptr) {
      return where + ": the value for '" + std::string(name.str()) +
             "' must be a string (the new name, or \"\" to disable it)";
    }
    cfg.rename_commands.emplace_back(std::string(name.str()), s->get());
  }
  return std::nullopt;
}

std::optional<std::string> apply_table(server::Config& cfg, const toml::table& root,
                                       const std::string& source) {
  for (const auto& [section_key, section_node] : root) {
    std::string section(section_key.str());
    const toml::table* table = section_node.as_table();
    if (table == nullptr) {
      return source + ": unknown key '" + section +
             "' at top level (settings belong in a table such as [server])";
    }
    for (const auto& [key, node] : *table) {
      std::string full = section + "." + std::string(key.str());
      if (section == "security" && key.str() == "rename_commands") {
        if (auto e = apply_renames_table(cfg, node, source + ": '" + full + "'")) return e;
        continue;
      }
      const server::OptionDef* opt = nullptr;
      for (const auto& o : server::config_options()) {
        if (!o.alias && o.section == section && o.key == key.str()) {
          opt = &o;
          break;
        }
      }
      if (opt == nullptr) return source + ": unknown key '" + full + "'";
      std::string err;
      auto text = toml_to_text(node, err);
      if (!text) return source + ": invalid value for '" + full + "': " + err;
      if (auto e = server::set_option(cfg, *opt, *text)) {
        return source + ": invalid value for '" + full + "' (" + std::string(opt->name) +
               "): " + *e;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> apply_toml(server::Config& cfg, const std::string& text,
                                      const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return source_name + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": " +
           std::string(e.description());
  }
  return apply_table(cfg, root, source_name);
}

std::string usage_text() {
  std::ostringstream o;
  o << "Usage: ironkv-server [/path/to/config.toml] [--config FILE] [--<option> <value>]...\n"
       "       ironkv-server --help | --version\n\n"
       "Every config key can be given on the command line with its Redis name, e.g.\n"
       "  ironkv-server --port 7777 --bind 127.0.0.1 --loglevel debug\n"
       "Flags override the file. --rename-command OLD NEW renames a command (\"\" disables it),\n"
       "like [security] rename_commands = { OLD = \"NEW\" }. Options:\n";
  for (const auto& opt : server::config_options()) {
    o << "  --" << opt.name << "  ([" << opt.section << "] " << opt.key << ")\n";
  }
  return o.str();
}

std::variant<LoadedConfig, std::string> load_config(const std::vector<std::string>& args) {
  LoadedConfig out;
  std::vector<std::pair<std::string, std::string>> flags;
  std::vector<std::pair<std::string, std::string>> cli_renames;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      out.exit_now = true;
      out.message = usage_text();
      return out;
    }
    if (a == "--version" || a == "-v") {
      out.exit_now = true;
      out.message = std::string("IronKV server v=") + kVersion + " (Redis " +
                    kRedisCompatVersion + " compatible)\n";
      return out;
    }
    if (a.rfind("--", 0) == 0) {
      std::string name = a.substr(2);
      std::string value;
      auto eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else {
        if (i + 1 >= args.size()) return "missing value for --" + name;
        value = args[++i];
      }
      if (name == "config") {
        out.config_file = value;
      } else if (name == "rename-command") {
        // Redis's two-word form: --rename-command OLD NEW ("" disables).
        if (eq != std::string::npos || i + 1 >= args.size()) {
          return "--rename-command needs two values: the command and its new name (\"\" disables it)";
        }
        cli_renames.emplace_back(value, args[++i]);
      } else {
        flags.emplace_back(name, value);
      }
    } else if (i == 0) {
      out.config_file = a;  // redis-server style: the config file first
    } else {
      return "unexpected argument '" + a + "' (options are --name value)";
    }
  }

  if (!out.config_file.empty()) {
    std::ifstream in(out.config_file);
    if (!in) return "cannot open config file '" + out.config_file + "'";
    std::stringstream ss;
    ss << in.rdbuf();
    if (auto e = apply_toml(out.config, ss.str(), out.config_file)) return *e;
  }
  // After the file's, so they apply last.
  out.config.rename_commands.insert(out.config.rename_commands.end(), cli_renames.begin(),
                                    cli_renames.end());
  for (const auto& [name, value] : flags) {
    const server::OptionDef* opt = server::find_option(name);
    if (opt == nullptr) return "unknown option --" + name;
    if (auto e = server::set_option(out.config, *opt, value)) {
      return "invalid value for --" + name + ": " + *e;
    }
  }
  if (auto e = server::validate_config(out.config)) return *e;
  return out;
}

}  // namespace ironkv::app
