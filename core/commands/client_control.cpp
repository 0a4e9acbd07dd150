// CLIENT PAUSE / UNPAUSE / REPLY / NO-EVICT: the client-control subcommands.
// Registered in server_family.cpp's CLIENT table (declared in server_detail).

#include <limits>
#include <string>

#include "core/command/context.h"
#include "core/command/dispatcher.h"
#include "core/resp/errors.h"
#include "core/server/pause.h"
#include "core/util/numbers.h"
#include "core/util/strings.h"

namespace ironkv::commands::server_detail {

using command::CommandContext;
using server::PauseType;
namespace err = resp::err;

// CLIENT PAUSE timeout [WRITE|ALL] → +OK. Clients' commands covered by the
// pause wait (they are not rejected) until it ends; see core/command/pause.h.
void cmd_client_pause(CommandContext& c) {
  if (c.argc() > 4) {
    c.reply.error("ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP.");
    return;
  }
  PauseType type = PauseType::kAll;
  if (c.argc() == 4) {
    if (util::iequals(c.arg(3), "write")) {
      type = PauseType::kWrite;
    } else if (!util::iequals(c.arg(3), "all")) {
      c.reply.error("ERR CLIENT PAUSE mode must be WRITE or ALL");
      return;
    }
  }
  int64_t ms;
  if (!util::parse_int64(c.arg(2), ms)) {
    c.reply.error("ERR timeout is not an integer or out of range");
    return;
  }
  if (ms < 0) {
    c.reply.error("ERR timeout is negative");
    return;
  }
  int64_t now = c.now_ms();
  if (ms > 0 && ms > std::numeric_limits<int64_t>::max() - now) {
    c.reply.error("ERR timeout is out of range");
    return;
  }
  // Redis: a 0 timeout is an end time of 0, i.e. a pause already over.
  int64_t end = ms > 0 ? now + ms : 0;
  c.server.pause.pause(type, end, now);
  if (c.server.pause.active(now)) c.keyspace.pause_expiry_until(c.server.pause.end_ms());
  c.reply.ok();
}

// CLIENT UNPAUSE → +OK (also with no pause in effect).
void cmd_client_unpause(CommandContext& c) {
  if (c.dispatcher != nullptr) {
    c.dispatcher->end_pause();
  } else {
    c.server.pause.unpause();
    c.keyspace.pause_expiry_until(0);
  }
  c.reply.ok();
}

// CLIENT REPLY ON|OFF|SKIP → +OK for ON; OFF and SKIP reply nothing. OFF drops
// every reply (errors too) until ON; SKIP drops the next command's reply.
void cmd_client_reply(CommandContext& c) {
  std::string_view mode = c.arg(2);
  if (util::iequals(mode, "on")) {
    c.client.replies.off = false;
    c.client.replies.skip = false;
    c.reply.ok();
  } else if (util::iequals(mode, "off")) {
    c.client.replies.off = true;
  } else if (util::iequals(mode, "skip")) {
    if (!c.client.replies.off) c.client.replies.skip_next = true;
  } else {
    c.reply.error(err::kSyntax);
  }
}

// CLIENT NO-EVICT ON|OFF → +OK. Accepted and shown as flag 'e' in CLIENT LIST;
// there is no client eviction (maxmemory-clients) to be exempt from yet.
void cmd_client_no_evict(CommandContext& c) {
  std::string_view mode = c.arg(2);
  if (util::iequals(mode, "on")) {
    c.client.no_evict = true;
  } else if (util::iequals(mode, "off")) {
    c.client.no_evict = false;
  } else {
    c.reply.error(err::kSyntax);
    return;
  }
  c.reply.ok();
}

}  // namespace ironkv::commands::server_detail
