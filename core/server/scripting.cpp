#include "core/server/scripting.h"

#include "core/util/strings.h"

namespace ironkv::server {

namespace {
constexpr std::string_view kBusyEval =
    "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
constexpr std::string_view kBusyFunction =
    "-BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.\r\n";
}  // namespace

std::string busy_reply(ScriptStatus& st, std::string_view name, std::string_view sub,
                       bool shutdown_nosave) {
  const bool is_function = st.is_function.load();
  const std::string_view busy = is_function ? kBusyFunction : kBusyEval;
  const bool script_kill = util::iequals(name, "script") && util::iequals(sub, "kill");
  const bool function_kill = util::iequals(name, "function") && util::iequals(sub, "kill");
  if (script_kill || function_kill) {
    if (!st.running.load()) return "-NOTBUSY No scripts in execution right now.\r\n";
    if (st.wrote.load()) {
      return "-UNKILLABLE Sorry the script already executed write commands against the dataset. "
             "You can either wait the script termination or kill the server in a hard way using "
             "the SHUTDOWN NOSAVE command.\r\n";
    }
    // SCRIPT KILL cannot stop a function, nor FUNCTION KILL a script.
    if (script_kill == is_function) return std::string(busy);
    st.kill.store(true);
    return "+OK\r\n";
  }
  if (util::iequals(name, "shutdown") && shutdown_nosave) {
    st.shutdown.store(true);
    st.kill.store(true);
    return {};  // no reply: the server shuts down once the script is stopped
  }
  return std::string(busy);
}

}  // namespace ironkv::server
