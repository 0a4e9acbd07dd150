// COMMAND and its subcommands: everything here is read from the one command
// table (core/command/spec.h), in Redis 7.0's reply shapes.

#include <functional>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "core/command/context.h"
#include "core/command/keys.h"
#include "core/command/table.h"
#include "core/commands/families.h"
#include "core/resp/errors.h"
#include "core/util/glob.h"
#include "core/util/strings.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;
using namespace command;

namespace {

// COMMAND INFO flag words, in Redis's reply order. may_replicate, sentinel,
// only_sentinel and protected are hidden by Redis too.
struct FlagName {
  uint32_t flag;
  std::string_view name;
};
constexpr FlagName kFlagNames[] = {
    {kWrite, "write"},
    {kReadonly, "readonly"},
    {kDenyOom, "denyoom"},
    {kAdmin, "admin"},
    {kPubsub, "pubsub"},
    {kNoscript, "noscript"},
    {kBlocking, "blocking"},
    {kLoading, "loading"},
    {kStale, "stale"},
    {kSkipMonitor, "skip_monitor"},
    {kSkipSlowlog, "skip_slowlog"},
    {kFast, "fast"},
    {kNoAuth, "no_auth"},
    {kNoMandatoryKeys, "no_mandatory_keys"},
    {kNoAsyncLoading, "no_async_loading"},
    {kNoMulti, "no_multi"},
    {kMovableKeys, "movablekeys"},
    {kAllowBusy, "allow_busy"},
};

template <class T>
int popcount(T v) {
  int n = 0;
  for (; v; v &= v - 1) ++n;
  return n;
}

// "get" or "config|get"; nullptr if unknown (Redis lookupCommandBySds).
const CommandSpec* lookup_by_full_name(const CommandTable& t, std::string_view name) {
  auto bar = name.find('|');
  if (bar == std::string_view::npos) return t.find(name);
  std::string_view sub = name.substr(bar + 1);
  if (sub.find('|') != std::string_view::npos || sub.empty()) return nullptr;
  const CommandSpec* parent = t.find(name.substr(0, bar));
  if (parent == nullptr) return nullptr;
  return CommandTable::find_sub(*parent, sub);
}

// One key spec as Redis's COMMAND INFO gives it: a map of notes (when there
// are), flags, begin_search {type, spec} and find_keys {type, spec}.
void reply_key_spec(resp::ReplyBuilder& r, const KeySpec& k) {
  r.map(k.notes.empty() ? 3 : 4);
  if (!k.notes.empty()) {
    r.bulk("notes");
    r.bulk(k.notes);
  }
  r.bulk("flags");
  r.set(static_cast<size_t>(popcount(k.flags)));
  for (size_t i = 0; i < std::size(ks::kKeyFlagNames); ++i) {
    if (k.flags & (1u << i)) r.simple(ks::kKeyFlagNames[i]);
  }
  r.bulk("begin_search");
  r.map(2);
  r.bulk("type");
  switch (k.begin) {
    case KeySpec::Begin::kIndex:
      r.bulk("index");
      r.bulk("spec");
      r.map(1);
      r.bulk("index");
      r.integer(k.index);
      break;
    case KeySpec::Begin::kKeyword:
      r.bulk("keyword");
      r.bulk("spec");
      r.map(2);
      r.bulk("keyword");
      r.bulk(k.keyword);
      r.bulk("startfrom");
      r.integer(k.startfrom);
      break;
    case KeySpec::Begin::kUnknown:
      r.bulk("unknown");
      r.bulk("spec");
      r.map(0);
      break;
  }
  r.bulk("find_keys");
  r.map(2);
  r.bulk("type");
  switch (k.find) {
    case KeySpec::Find::kRange:
      r.bulk("range");
      r.bulk("spec");
      r.map(3);
      r.bulk("lastkey");
      r.integer(k.lastkey);
      r.bulk("keystep");
      r.integer(k.keystep);
      r.bulk("limit");
      r.integer(k.limit);
      break;
    case KeySpec::Find::kKeynum:
      r.bulk("keynum");
      r.bulk("spec");
      r.map(3);
      r.bulk("keynumidx");
      r.integer(k.keynumidx);
      r.bulk("firstkey");
      r.integer(k.firstkey);
      r.bulk("keystep");
      r.integer(k.keystep);
      break;
    case KeySpec::Find::kUnknown:
      r.bulk("unknown");
      r.bulk("spec");
      r.map(0);
      break;
  }
}

// One COMMAND INFO entry: [name, arity, flags, first, last, step, categories,
// tips, key specs, subcommands].
void reply_info(resp::ReplyBuilder& r, const CommandSpec& s) {
  r.array(10);
  r.bulk(s.name);
  r.integer(s.arity);
  int nflags = 0;
  for (const auto& f : kFlagNames) nflags += (s.flags & f.flag) ? 1 : 0;
  r.set(static_cast<size_t>(nflags));
  for (const auto& f : kFlagNames) {
    if (s.flags & f.flag) r.simple(f.name);
  }
  r.integer(s.first_key);
  r.integer(s.last_key);
  r.integer(s.key_step);
  uint32_t cats = acl_categories(s);
  r.set(static_cast<size_t>(popcount(cats)));
  for (size_t i = 0; i < std::size(acl::kNames); ++i) {
    if (cats & (1u << i)) r.simple("@" + std::string(acl::kNames[i]));
  }
  r.set(0);  // tips
  r.array(s.keys.size());
  for (const KeySpec& k : s.keys) reply_key_spec(r, k);
  r.array(s.subcommands.size());
  for (const auto& sub : s.subcommands) reply_info(r, sub);
}

// One COMMAND DOCS map: summary, since, group, complexity, subcommands.
void reply_docs(resp::ReplyBuilder& r, const CommandSpec& s) {
  size_t pairs =
      1 + !s.summary.empty() + !s.since.empty() + !s.complexity.empty() + !s.subcommands.empty();
  r.map(pairs);
  if (!s.summary.empty()) {
    r.bulk("summary");
    r.bulk(s.summary);
  }
  if (!s.since.empty()) {
    r.bulk("since");
    r.bulk(s.since);
  }
  r.bulk("group");
  r.bulk(group_name(s.group));
  if (!s.complexity.empty()) {
    r.bulk("complexity");
    r.bulk(s.complexity);
  }
  if (!s.subcommands.empty()) {
    r.bulk("subcommands");
    r.map(s.subcommands.size());
    for (const auto& sub : s.subcommands) {
      r.bulk(sub.name);
      reply_docs(r, sub);
    }
  }
}

void reply_all_info(CommandContext& c) {
  const auto& all = c.table.all();
  c.reply.array(all.size());
  for (const CommandSpec* s : all) reply_info(c.reply, *s);
}

void collect_names(const CommandSpec& s, std::vector<std::string_view>& out,
                   const std::function<bool(const CommandSpec&)>& keep) {
  if (keep(s)) out.push_back(s.name);
  for (const auto& sub : s.subcommands) collect_names(sub, out, keep);
}

// COMMAND → array of every command's info entry
void cmd_command(CommandContext& c) { reply_all_info(c); }

// COMMAND COUNT → integer
void cmd_command_count(CommandContext& c) { c.reply.integer(static_cast<int64_t>(c.table.size())); }

// COMMAND INFO [name ...] → array of entries, nil for an unknown name; all without names
void cmd_command_info(CommandContext& c) {
  if (c.argc() == 2) {
    reply_all_info(c);
    return;
  }
  c.reply.array(c.argc() - 2);
  for (size_t i = 2; i < c.argc(); ++i) {
    const CommandSpec* s = lookup_by_full_name(c.table, c.arg(i));
    if (s == nullptr)
      c.reply.null_bulk();
    else
      reply_info(c.reply, *s);
  }
}

// COMMAND DOCS [name ...] → map name → docs; unknown names are left out
void cmd_command_docs(CommandContext& c) {
  std::vector<const CommandSpec*> specs;
  if (c.argc() == 2) {
    specs = c.table.all();
  } else {
    for (size_t i = 2; i < c.argc(); ++i) {
      if (const CommandSpec* s = lookup_by_full_name(c.table, c.arg(i))) specs.push_back(s);
    }
  }
  c.reply.map(specs.size());
  for (const CommandSpec* s : specs) {
    c.reply.bulk(s->name);
    reply_docs(c.reply, *s);
  }
}

// COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern] → array of names
void cmd_command_list(CommandContext& c) {
  std::function<bool(const CommandSpec&)> keep = [](const CommandSpec&) { return true; };
  ArgCursor a = c.args(2);
  if (c.argc() == 5 && a.eat("filterby")) {
    enum class Filter { kModule, kAclcat, kPattern };
    Filter kind = a.next_enum<Filter>(
        {{"module", Filter::kModule}, {"aclcat", Filter::kAclcat}, {"pattern", Filter::kPattern}});
    std::string arg(a.next());
    if (!a.finish()) return c.error(a);
    switch (kind) {
      case Filter::kModule:
        keep = [](const CommandSpec&) { return false; };  // no modules
        break;
      case Filter::kAclcat: {
        uint32_t cat = acl::category_by_name(arg);
        keep = [cat](const CommandSpec& s) { return cat != 0 && (acl_categories(s) & cat); };
        break;
      }
      case Filter::kPattern:
        keep = [arg](const CommandSpec& s) { return util::glob_match(arg, s.name, true); };
        break;
    }
  } else if (c.argc() != 2) {
    c.reply.error(resp::err::kSyntax);
    return;
  }
  std::vector<std::string_view> names;
  for (const CommandSpec* s : c.table.all()) collect_names(*s, names, keep);
  c.reply.bulk_array(names);
}

// COMMAND GETKEYS / GETKEYSANDFLAGS: the checks of Redis getKeysSubcommandImpl,
// then keys_of. Replies the error and returns false when there are no keys to give.
bool getkeys(CommandContext& c, std::vector<KeyRef>& keys) {
  std::span<const std::string_view> cmd = c.argv.subspan(2);
  const CommandSpec* s = c.table.find(cmd[0]);
  if (s != nullptr && !s->subcommands.empty() && cmd.size() >= 2) {
    s = CommandTable::find_sub(*s, cmd[1]);
  }
  if (s == nullptr) {
    c.reply.error("ERR Invalid command specified");
    return false;
  }
  if (!has_keys(*s)) {
    c.reply.error("ERR The command has no key arguments");
    return false;
  }
  int argc = static_cast<int>(cmd.size());
  if ((s->arity > 0 && s->arity != argc) || argc < -s->arity) {
    c.reply.error("ERR Invalid number of arguments specified for command");
    return false;
  }
  keys_of(*s, cmd, keys);
  if (keys.empty()) {
    if (s->flags & kNoMandatoryKeys) {
      c.reply.empty_array();
    } else {
      c.reply.error("ERR Invalid arguments specified for command");
    }
    return false;
  }
  return true;
}

// COMMAND GETKEYS command [arg ...] → array of key names
void cmd_command_getkeys(CommandContext& c) {
  std::vector<KeyRef> keys;
  if (!getkeys(c, keys)) return;
  c.reply.array(keys.size());
  for (const KeyRef& k : keys) c.reply.bulk(c.argv[2 + static_cast<size_t>(k.pos)]);
}

// COMMAND GETKEYSANDFLAGS command [arg ...] → array of [key, set of flags]
void cmd_command_getkeysandflags(CommandContext& c) {
  std::vector<KeyRef> keys;
  if (!getkeys(c, keys)) return;
  c.reply.array(keys.size());
  for (const KeyRef& k : keys) {
    c.reply.array(2);
    c.reply.bulk(c.argv[2 + static_cast<size_t>(k.pos)]);
    c.reply.set(static_cast<size_t>(popcount(k.flags)));
    for (size_t i = 0; i < std::size(ks::kKeyFlagNames); ++i) {
      if (k.flags & (1u << i)) c.reply.simple(ks::kKeyFlagNames[i]);
    }
  }
}

void cmd_command_help(CommandContext& c) {
  static constexpr std::string_view kLines[] = {
      "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "(no subcommand)",
      "    Return details about all Redis commands.",
      "COUNT",
      "    Return the total number of commands in this Redis server.",
      "LIST",
      "    Return a list of all commands in this Redis server.",
      "INFO [<command-name> ...]",
      "    Return details about multiple Redis commands.",
      "    If no command names are given, documentation details for all",
      "    commands are returned.",
      "DOCS [<command-name> ...]",
      "    Return documentation details about multiple Redis commands.",
      "    If no command names are given, documentation details for all",
      "    commands are returned.",
      "GETKEYS <full-command>",
      "    Return the keys from a full Redis command.",
      "GETKEYSANDFLAGS <full-command>",
      "    Return the keys and the access flags from a full Redis command.",
      "HELP",
      "    Prints this help.",
  };
  c.reply.array(std::size(kLines));
  for (auto l : kLines) c.reply.simple(l);
}

constexpr std::string_view kHelpSummary = "Show helpful text about the different subcommands";

// clang-format off
const CommandSpec kSpecs[] = {
    {"command", -1, kLoading | kStale, acl::kConnection, {}, cmd_command, Group::kServer, "Get array of Redis command details", "2.8.13", "O(N) where N is the total number of Redis commands",
     {
         {"command|count", 2, kLoading | kStale, acl::kConnection, {}, cmd_command_count, Group::kServer, "Get total number of Redis commands", "2.8.13", "O(1)"},
         {"command|info", -2, kLoading | kStale, acl::kConnection, {}, cmd_command_info, Group::kServer, "Get array of specific Redis command details, or all when no argument is given.", "2.8.13", "O(N) where N is the number of commands to look up"},
         {"command|docs", -2, kLoading | kStale, acl::kConnection, {}, cmd_command_docs, Group::kServer, "Get array of specific Redis command documentation", "7.0.0", "O(N) where N is the number of commands to look up"},
         {"command|list", -2, kLoading | kStale, acl::kConnection, {}, cmd_command_list, Group::kServer, "Get an array of Redis command names", "7.0.0", "O(N) where N is the total number of Redis commands"},
         {"command|getkeys", -4, kLoading | kStale, acl::kConnection, {}, cmd_command_getkeys, Group::kServer, "Extract keys given a full Redis command", "2.8.13", "O(N) where N is the number of arguments to the command"},
         {"command|getkeysandflags", -4, kLoading | kStale, acl::kConnection, {}, cmd_command_getkeysandflags, Group::kServer, "Extract keys and access flags given a full Redis command", "7.0.0", "O(N) where N is the number of arguments to the command"},
         {"command|help", 2, kLoading | kStale, acl::kConnection, {}, cmd_command_help, Group::kServer, kHelpSummary, "5.0.0", "O(1)"},
     }},
};
// clang-format on

}  // namespace

void register_command_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
