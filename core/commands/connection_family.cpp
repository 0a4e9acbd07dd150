// Connection commands: PING ECHO QUIT SELECT HELLO RESET AUTH.

#include <string>

#include "core/command/args.h"
#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/commands/families.h"
#include "core/resp/errors.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands {

using command::CommandContext;
using command::CommandSpec;
namespace err = resp::err;

namespace {

// PING [message] → +PONG | bulk message; subscribed: [pong, message | ""]
void cmd_ping(CommandContext& c) {
  if (c.argc() > 2) {
    c.reply.error(command::arity_error("ping"));
    return;
  }
  if (c.client.resp == 2 && c.client.subscribed()) {
    // Subscribed mode (RESP2): a push-shaped reply, [pong, message or ""].
    c.reply.array(2);
    c.reply.bulk("pong");
    c.reply.bulk(c.argc() == 2 ? c.arg(1) : std::string_view());
    return;
  }
  if (c.argc() == 2) c.reply.bulk(c.arg(1));
  else c.reply.simple("PONG");
}

// ECHO message → bulk
void cmd_echo(CommandContext& c) { c.reply.bulk(c.arg(1)); }

// QUIT → +OK, then the connection closes after the reply is written.
void cmd_quit(CommandContext& c) {
  c.reply.ok();
  c.client.close_after_reply = true;
}

// SELECT index → +OK | -ERR DB index is out of range
void cmd_select(CommandContext& c) {
  command::ArgCursor a = c.args();
  int64_t idx = a.next<int64_t>();
  if (a.ok() && (idx < 0 || idx >= c.keyspace.db_count())) a.fail(OpStatus::kDbIndexOutOfRange);
  if (!a.ok()) return c.error(a);
  c.client.db = static_cast<int>(idx);
  c.reply.ok();
}

bool check_password(CommandContext& c, std::string_view user, std::string_view pass) {
  const std::string& want = c.server.config.requirepass;
  // Matches a user name (the only user is "default" until ACLs exist), not an
  // option word: stays a plain comparison.
  if (!util::iequals(user, "default")) return false;
  if (want.empty()) return false;
  return pass == want;
}

// AUTH [username] password → +OK | -WRONGPASS … | -ERR AUTH <password> called without any password configured …
void cmd_auth(CommandContext& c) {
  if (c.argc() > 3) {
    c.reply.error(err::kSyntax);
    return;
  }
  if (c.argc() == 2 && c.server.config.requirepass.empty()) {
    c.reply.error(
        "ERR AUTH <password> called without any password configured for the default user. Are "
        "you sure your configuration is correct?");
    return;
  }
  std::string_view user = c.argc() == 3 ? c.arg(1) : std::string_view("default");
  std::string_view pass = c.argc() == 3 ? c.arg(2) : c.arg(1);
  // With no password configured the default user is "nopass": any password works.
  // (A user-name match, as in check_password, not an option word.)
  bool ok = c.server.config.requirepass.empty() ? util::iequals(user, "default")
                                                : check_password(c, user, pass);
  if (!ok) {
    ++c.server.auth_failures;
    c.reply.error(err::kWrongPass);
    return;
  }
  c.client.authenticated = true;
  c.client.user = "default";
  c.reply.ok();
}

void reply_hello_map(CommandContext& c) {
  c.reply.map(7);
  c.reply.bulk("server");
  c.reply.bulk("redis");
  c.reply.bulk("version");
  c.reply.bulk("7.0.15");
  c.reply.bulk("proto");
  c.reply.integer(c.client.resp);
  c.reply.bulk("id");
  c.reply.integer(static_cast<int64_t>(c.client.id));
  c.reply.bulk("mode");
  c.reply.bulk("standalone");
  c.reply.bulk("role");
  c.reply.bulk("master");
  c.reply.bulk("modules");
  c.reply.empty_array();
}

// HELLO [protover [AUTH username password] [SETNAME clientname]] → map
void cmd_hello(CommandContext& c) {
  int64_t ver = c.client.resp;
  command::ArgCursor a = c.args();
  if (a.has_next()) {
    ver = a.next<int64_t>("ERR Protocol version is not an integer or out of range");
    if (!a.ok()) return c.error(a);
    if (ver != 2) {
      // RESP3 arrives later; Redis's answer for an unsupported version.
      c.reply.error("NOPROTO unsupported protocol version");
      return;
    }
  }
  std::string_view setname;
  bool has_setname = false;
  while (a.has_next()) {
    if (a.eat("AUTH", 2)) {
      std::string_view user = a.next();
      std::string_view pass = a.next();
      // A user-name match (see check_password), not an option word.
      if (!c.server.config.requirepass.empty() || !util::iequals(user, "default")) {
        if (!check_password(c, user, pass)) {
          ++c.server.auth_failures;
          c.reply.error(err::kWrongPass);
          return;
        }
      }
      c.client.authenticated = true;
    } else if (a.eat("SETNAME", 1)) {
      setname = a.next();
      has_setname = true;
    } else {
      c.reply.error("ERR Syntax error in HELLO option '" + std::string(a.peek()) + "'");
      return;
    }
  }
  if (!c.client.authenticated) {
    c.reply.error("NOAUTH HELLO must be called with the client already authenticated, otherwise "
                  "the HELLO AUTH <user> <pass> option can be used to authenticate the "
                  "client and select the RESP protocol version at the same time");
    return;
  }
  if (has_setname) {
    for (char ch : setname) {
      if (ch < '!' || ch > '~') {
        c.reply.error("ERR Client names cannot contain spaces, newlines or special characters.");
        return;
      }
    }
    c.client.name = std::string(setname);
  }
  c.client.resp = static_cast<int>(ver);
  c.reply.set_protocol(c.client.resp);
  reply_hello_map(c);
}

// RESET → +RESET: back to a fresh connection's state.
void cmd_reset(CommandContext& c) {
  c.client.tx.in_multi = false;
  c.client.tx.error = false;
  c.client.tx.queue.clear();
  c.server.watches.unwatch_all(c.client);
  c.server.pubsub.remove_client(c.client);
  c.client.db = 0;
  c.client.resp = 2;
  c.client.name.clear();
  c.client.authenticated = c.server.config.requirepass.empty();
  c.reply.set_protocol(2);
  c.reply.simple("RESET");
}

// The SLOWLOG hides AUTH's credentials and HELLO's AUTH username and password.
void redact_auth(std::span<const std::string_view> argv, std::vector<size_t>& out) {
  for (size_t i = 1; i < argv.size(); ++i) out.push_back(i);
}
void redact_hello(std::span<const std::string_view> argv, std::vector<size_t>& out) {
  command::ArgCursor a(argv, 2);
  while (a.has_next()) {
    if (!a.eat("auth")) {
      a.skip();
      continue;
    }
    for (int n = 0; n < 2 && a.has_next(); ++n) {
      out.push_back(a.position());
      a.skip();
    }
  }
}

using namespace command;

// clang-format off
const CommandSpec kSpecs[] = {
    {"ping", -1, kFast | kSentinel | kSubscribedOk, acl::kConnection, {}, cmd_ping, Group::kConnection, "Returns the server's liveliness response.", "1.0.0", "O(1)"},
    {"echo", 2, kLoading | kStale | kFast, acl::kConnection, {}, cmd_echo, Group::kConnection, "Returns the given string.", "1.0.0", "O(1)"},
    {"quit", -1, kMultiControl | kSubscribedOk | kAllowBusy | kNoAuth | kNoscript | kLoading | kStale | kFast, acl::kConnection, {}, cmd_quit, Group::kConnection, "Closes the connection.", "1.0.0", "O(1)"},
    {"select", 2, kLoading | kStale | kFast, acl::kConnection, {}, cmd_select, Group::kConnection, "Changes the selected database.", "1.0.0", "O(1)"},
    {"auth", -2, kNoscript | kLoading | kStale | kFast | kNoAuth | kSentinel | kAllowBusy, acl::kConnection, {}, cmd_auth, Group::kConnection, "Authenticates the connection.", "1.0.0", "O(N) where N is the number of passwords defined for the user", {}, nullptr, redact_auth},
    {"hello", -1, kNoscript | kLoading | kStale | kFast | kNoAuth | kSentinel | kAllowBusy, acl::kConnection, {}, cmd_hello, Group::kConnection, "Handshakes with the Redis server.", "6.0.0", "O(1)", {}, nullptr, redact_hello},
    {"reset", 1, kMultiControl | kSubscribedOk | kNoscript | kLoading | kStale | kFast | kNoAuth | kAllowBusy, acl::kConnection, {}, cmd_reset, Group::kConnection, "Resets the connection.", "6.2.0", "O(1)"},
};
// clang-format on

}  // namespace

void register_connection_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
