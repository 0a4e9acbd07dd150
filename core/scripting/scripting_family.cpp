// EVAL, EVALSHA, EVAL_RO, EVALSHA_RO, SCRIPT …, FCALL, FCALL_RO, FUNCTION …
// (the engine is core/scripting/engine.h).

#include <algorithm>

#include "core/commands/families.h"
#include "core/scripting/engine.h"
#include "core/util/glob.h"
#include "core/util/strings.h"

namespace ironkv::commands {

using namespace command;
using scripting::engine;

namespace {

void cmd_eval(CommandContext& c) { engine(c.server).eval(c, false, false); }
void cmd_eval_ro(CommandContext& c) { engine(c.server).eval(c, false, true); }
void cmd_evalsha(CommandContext& c) { engine(c.server).eval(c, true, false); }
void cmd_evalsha_ro(CommandContext& c) { engine(c.server).eval(c, true, true); }
void cmd_fcall(CommandContext& c) { engine(c.server).fcall(c, false); }
void cmd_fcall_ro(CommandContext& c) { engine(c.server).fcall(c, true); }

void reply_lines(CommandContext& c, std::initializer_list<std::string_view> lines) {
  c.reply.array(lines.size());
  for (std::string_view l : lines) c.reply.simple(l);
}

void cmd_script_help(CommandContext& c) {
  reply_lines(
      c,
      {
          "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
          "DEBUG (YES|SYNC|NO)",
          "    Set the debug mode for subsequent scripts executed.",
          "EXISTS <sha1> [<sha1> ...]",
          "    Return information about the existence of the scripts in the script cache.",
          "FLUSH [ASYNC|SYNC]",
          "    Flush the Lua scripts cache. Very dangerous on replicas.",
          "    When called without the optional mode argument, the behavior is determined by the",
          "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
          "    * ASYNC: Asynchronously flush the scripts cache.",
          "    * SYNC: Synchronously flush the scripts cache.",
          "KILL",
          "    Kill the currently executing Lua script.",
          "LOAD <script>",
          "    Load a script into the scripts cache without executing it.",
          "HELP",
          "    Prints this help.",
      });
}

// FLUSH [ASYNC|SYNC]: false (error replied) on another word.
bool flush_mode_ok(CommandContext& c, std::string_view what) {
  if (c.argc() == 2) return true;
  if (c.argc() == 3 && (util::iequals(c.arg(2), "sync") || util::iequals(c.arg(2), "async"))) {
    return true;
  }
  // (sic: Redis 7.0 words the two differently)
  c.reply.error("ERR " + std::string(what) +
                (what == "SCRIPT FLUSH" ? " only support SYNC|ASYNC option"
                                        : " only supports SYNC|ASYNC option"));
  return false;
}

void cmd_script_flush(CommandContext& c) {
  if (!flush_mode_ok(c, "SCRIPT FLUSH")) return;
  engine(c.server).flush_scripts();
  c.reply.ok();
}

void cmd_script_debug(CommandContext& c) {
  std::string_view mode = c.arg(2);
  if (util::iequals(mode, "no")) {
    c.reply.ok();
  } else if (util::iequals(mode, "yes") || util::iequals(mode, "sync")) {
    // The Lua debugger (LDB) needs a forked/blocking session IronKV does not offer.
    c.reply.error("ERR SCRIPT DEBUG is not supported by this server");
  } else {
    c.reply.error("ERR Use SCRIPT DEBUG YES/SYNC/NO");
  }
}

// SCRIPT KILL / FUNCTION KILL when no script is past busy-reply-threshold
// (while one is, the connection answers them, see core/net/connection.cpp).
void cmd_script_kill(CommandContext& c) {
  c.reply.error("NOTBUSY No scripts in execution right now.");
}

void cmd_script_load(CommandContext& c) {
  std::string error;
  const scripting::Script* s = engine(c.server).load_script(c.arg(2), error);
  if (s == nullptr) {
    c.reply.error(error);
    return;
  }
  c.reply.bulk(s->sha);
}

void cmd_script_exists(CommandContext& c) {
  scripting::Engine& e = engine(c.server);
  c.reply.array(c.argc() - 2);
  for (size_t i = 2; i < c.argc(); ++i) c.reply.integer(e.find_script(c.arg(i)) ? 1 : 0);
}

// ---- FUNCTION ----------------------------------------------------------------

void cmd_function_load(CommandContext& c) {
  bool replace = false;
  size_t i = 2;
  if (c.argc() > 3) {
    if (!util::iequals(c.arg(2), "replace")) {
      c.reply.error("ERR Unknown option given: " + std::string(c.arg(2)));
      return;
    }
    replace = true;
    i = 3;
  }
  if (i + 1 != c.argc()) {
    c.reply.error("ERR Function code was not given");  // Redis: one code argument
    return;
  }
  std::string out;
  if (!engine(c.server).function_load(c.arg(i), replace, out)) {
    c.reply.error(out);
    return;
  }
  c.mark_dirty();
  c.reply.bulk(out);
}

void cmd_function_delete(CommandContext& c) {
  if (!engine(c.server).function_delete(c.arg(2))) {
    c.reply.error("ERR Library not found");
    return;
  }
  c.mark_dirty();
  c.reply.ok();
}

void cmd_function_flush(CommandContext& c) {
  if (!flush_mode_ok(c, "FUNCTION FLUSH")) return;
  engine(c.server).flush_functions();
  c.mark_dirty();
  c.reply.ok();
}

void reply_flags(CommandContext& c, uint32_t flags) {
  static constexpr std::pair<uint32_t, std::string_view> kNames[] = {
      {scripting::kNoWrites, "no-writes"},
      {scripting::kAllowOom, "allow-oom"},
      {scripting::kAllowStale, "allow-stale"},
      {scripting::kNoCluster, "no-cluster"},
      {scripting::kAllowCrossSlot, "allow-cross-slot-keys"},
  };
  size_t n = 0;
  for (const auto& [f, name] : kNames) n += (flags & f) ? 1 : 0;
  c.reply.set(n);
  for (const auto& [f, name] : kNames) {
    if (flags & f) c.reply.simple(name);
  }
}

void cmd_function_list(CommandContext& c) {
  bool with_code = false;
  std::string_view pattern;
  bool have_pattern = false;
  for (size_t i = 2; i < c.argc(); ++i) {
    if (!with_code && util::iequals(c.arg(i), "withcode")) {
      with_code = true;
    } else if (!have_pattern && util::iequals(c.arg(i), "libraryname")) {
      if (i + 1 >= c.argc()) {
        c.reply.error("ERR library name argument was not given");
        return;
      }
      pattern = c.arg(++i);
      have_pattern = true;
    } else {
      c.reply.error("ERR Unknown argument " + std::string(c.arg(i)));
      return;
    }
  }
  scripting::Engine& e = engine(c.server);
  std::vector<const scripting::Library*> libs;
  for (const auto& [name, lib] : e.libraries()) {
    if (have_pattern && !util::glob_match(pattern, name, false)) continue;
    libs.push_back(&lib);
  }
  c.reply.array(libs.size());
  for (const scripting::Library* lib : libs) {
    c.reply.map(with_code ? 4 : 3);
    c.reply.bulk("library_name");
    c.reply.bulk(lib->name);
    c.reply.bulk("engine");
    c.reply.bulk("LUA");
    c.reply.bulk("functions");
    c.reply.array(lib->functions.size());
    std::vector<std::string> names = lib->functions;
    for (const std::string& fname : names) {
      const scripting::Function* f = e.find_function(fname);
      c.reply.map(3);
      c.reply.bulk("name");
      c.reply.bulk(fname);
      c.reply.bulk("description");
      if (f != nullptr && !f->description.empty()) {
        c.reply.bulk(f->description);
      } else {
        c.reply.null_bulk();
      }
      c.reply.bulk("flags");
      reply_flags(c, f != nullptr ? f->flags : 0);
    }
    if (with_code) {
      c.reply.bulk("library_code");
      c.reply.bulk(lib->code);
    }
  }
}

void cmd_function_stats(CommandContext& c) {
  scripting::Engine& e = engine(c.server);
  c.reply.map(2);
  c.reply.bulk("running_script");
  c.reply.null_bulk();  // while one runs, the connection answers BUSY (see SCRIPT KILL)
  c.reply.bulk("engines");
  c.reply.map(1);
  c.reply.bulk("LUA");
  c.reply.map(2);
  c.reply.bulk("libraries_count");
  c.reply.integer(static_cast<int64_t>(e.libraries_count()));
  c.reply.bulk("functions_count");
  c.reply.integer(static_cast<int64_t>(e.functions_count()));
}

void cmd_function_dump(CommandContext& c) { c.reply.bulk(engine(c.server).dump_functions()); }

void cmd_function_restore(CommandContext& c) {
  int policy = 0;
  if (c.argc() == 4) {
    std::string_view p = c.arg(3);
    if (util::iequals(p, "append")) {
      policy = 0;
    } else if (util::iequals(p, "replace")) {
      policy = 1;
    } else if (util::iequals(p, "flush")) {
      policy = 2;
    } else {
      c.reply.error(
          "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
      return;
    }
  } else if (c.argc() > 4) {
    c.reply.error(
        "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
    return;
  }
  std::string error;
  if (!engine(c.server).restore_functions(c.arg(2), policy, error)) {
    c.reply.error(error);
    return;
  }
  c.mark_dirty();
  c.reply.ok();
}

void cmd_function_help(CommandContext& c) {
  reply_lines(
      c,
      {
          "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
          "LOAD [REPLACE] <FUNCTION CODE>",
          "    Create a new library with the given library name and code.",
          "DELETE <LIBRARY NAME>",
          "    Delete the given library.",
          "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
          "    Return general information on all the libraries:",
          "    * Library name",
          "    * The engine used to run the Library",
          "    * Library description",
          "    * Functions list",
          "    * Library code (if WITHCODE is given)",
          "    It also possible to get only function that matches a pattern using LIBRARYNAME "
          "argument.",
          "STATS",
          "    Return information about the current function running:",
          "    * Function name",
          "    * Command used to run the function",
          "    * Duration in MS that the function is running",
          "    If no function is running, return nil",
          "    In addition, returns a list of available engines.",
          "KILL",
          "    Kill the current running function.",
          "FLUSH [ASYNC|SYNC]",
          "    Delete all the libraries.",
          "    When called without the optional mode argument, the behavior is determined by the",
          "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
          "    * ASYNC: Asynchronously flush the libraries.",
          "    * SYNC: Synchronously flush the libraries.",
          "DUMP",
          "    Return a serialized payload representing the current libraries, can be restored "
          "using FUNCTION RESTORE command",
          "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
          "    Restore the libraries represented by the given payload, it is possible to give a "
          "restore policy to",
          "    control how to handle existing libraries (default APPEND):",
          "    * FLUSH: delete all existing libraries.",
          "    * APPEND: appends the restored libraries to the existing libraries. On collision, "
          "abort.",
          "    * REPLACE: appends the restored libraries to the existing libraries, On collision, "
          "replace the old",
          "      libraries with the new libraries (notice that even on this option there is a "
          "chance of failure",
          "      in case of functions name collision with another library).",
          "HELP",
          "    Prints this help.",
      });
}

void cmd_function_kill(CommandContext& c) { cmd_script_kill(c); }

constexpr std::string_view kRw =
    "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE";
constexpr std::string_view kRo =
    "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS";
constexpr uint32_t kEvalFlags = kNoscript | kStale | kSkipMonitor | kNoMandatoryKeys;

// clang-format off
const CommandSpec kSpecs[] = {
    {"eval", -3, kEvalFlags, acl::kScripting, {ks::spec(ks::kRW | ks::kAccess | ks::kUpdate, ks::index(2), ks::keynum(0, 1, 1), kRw)}, cmd_eval, Group::kScripting, "Execute a Lua script server side", "2.6.0", "Depends on the script that is executed."},
    {"eval_ro", -3, kReadonly | kEvalFlags, acl::kScripting, {ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::keynum(0, 1, 1), kRo)}, cmd_eval_ro, Group::kScripting, "Execute a read-only Lua script server side", "7.0.0", "Depends on the script that is executed."},
    {"evalsha", -3, kEvalFlags, acl::kScripting, {ks::spec(ks::kRW | ks::kAccess | ks::kUpdate, ks::index(2), ks::keynum(0, 1, 1))}, cmd_evalsha, Group::kScripting, "Execute a Lua script server side", "2.6.0", "Depends on the script that is executed."},
    {"evalsha_ro", -3, kReadonly | kEvalFlags, acl::kScripting, {ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::keynum(0, 1, 1))}, cmd_evalsha_ro, Group::kScripting, "Execute a read-only Lua script server side", "7.0.0", "Depends on the script that is executed."},
    {"fcall", -3, kEvalFlags, acl::kScripting, {ks::spec(ks::kRW | ks::kAccess | ks::kUpdate, ks::index(2), ks::keynum(0, 1, 1), kRw)}, cmd_fcall, Group::kScripting, "Invoke a function", "7.0.0", "Depends on the function that is executed."},
    {"fcall_ro", -3, kReadonly | kEvalFlags, acl::kScripting, {ks::spec(ks::kRO | ks::kAccess, ks::index(2), ks::keynum(0, 1, 1), kRo)}, cmd_fcall_ro, Group::kScripting, "Invoke a read-only function", "7.0.0", "Depends on the function that is executed."},
    {"script", -2, 0, 0, {}, nullptr, Group::kScripting, "A container for Lua scripts management commands", "2.6.0", "Depends on subcommand.",
     {
         {"script|help", 2, kLoading | kStale, acl::kScripting, {}, cmd_script_help, Group::kScripting, "Show helpful text about the different subcommands", "5.0.0", "O(1)"},
         {"script|flush", -2, kNoscript, acl::kScripting, {}, cmd_script_flush, Group::kScripting, "Remove all the scripts from the script cache.", "2.6.0", "O(N) with N being the number of scripts in cache"},
         {"script|debug", 3, kNoscript, acl::kScripting, {}, cmd_script_debug, Group::kScripting, "Set the debug mode for executed scripts.", "3.2.0", "O(1)"},
         {"script|kill", 2, kNoscript | kAllowBusy, acl::kScripting, {}, cmd_script_kill, Group::kScripting, "Kill the script currently in execution.", "2.6.0", "O(1)"},
         {"script|load", 3, kNoscript | kStale, acl::kScripting, {}, cmd_script_load, Group::kScripting, "Load the specified Lua script into the script cache.", "2.6.0", "O(N) with N being the length in bytes of the script body."},
         {"script|exists", -3, kNoscript, acl::kScripting, {}, cmd_script_exists, Group::kScripting, "Check existence of scripts in the script cache.", "2.6.0", "O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation)."},
     }},
    {"function", -2, 0, 0, {}, nullptr, Group::kScripting, "A container for function commands", "7.0.0", "Depends on subcommand.",
     {
         {"function|restore", -3, kWrite | kDenyOom | kNoscript, acl::kScripting, {}, cmd_function_restore, Group::kScripting, "Restore all the functions on the given payload", "7.0.0", "O(N) where N is the number of functions on the payload"},
         {"function|list", -2, kNoscript, acl::kScripting, {}, cmd_function_list, Group::kScripting, "List information about all the functions", "7.0.0", "O(N) where N is the number of functions"},
         {"function|dump", 2, kNoscript, acl::kScripting, {}, cmd_function_dump, Group::kScripting, "Dump all functions into a serialized binary payload", "7.0.0", "O(N) where N is the number of functions"},
         {"function|kill", 2, kNoscript | kAllowBusy, acl::kScripting, {}, cmd_function_kill, Group::kScripting, "Kill the function currently in execution.", "7.0.0", "O(1)"},
         {"function|load", -3, kWrite | kDenyOom | kNoscript, acl::kScripting, {}, cmd_function_load, Group::kScripting, "Create a function with the given arguments (name, code, description)", "7.0.0", "O(1) (considering compilation time is redundant)"},
         {"function|delete", 3, kWrite | kNoscript, acl::kScripting, {}, cmd_function_delete, Group::kScripting, "Delete a function by name", "7.0.0", "O(1)"},
         {"function|flush", -2, kWrite | kNoscript, acl::kScripting, {}, cmd_function_flush, Group::kScripting, "Deleting all functions", "7.0.0", "O(N) where N is the number of functions deleted"},
         {"function|help", 2, kLoading | kStale, acl::kScripting, {}, cmd_function_help, Group::kScripting, "Show helpful text about the different subcommands", "7.0.0", "O(1)"},
         {"function|stats", 2, kNoscript | kAllowBusy, acl::kScripting, {}, cmd_function_stats, Group::kScripting, "Return information about the function currently running (name, description, duration)", "7.0.0", "O(1)"},
     }},
};
// clang-format on

}  // namespace

void register_scripting_family(CommandTable& t) {
  for (const CommandSpec& s : kSpecs) t.add(s);
}

}  // namespace ironkv::commands
