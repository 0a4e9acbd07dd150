// Lua scripting over a real socket: scripts and functions, busy scripts
// (-BUSY for other clients, SCRIPT KILL / FUNCTION KILL, UNKILLABLE after a
// write, SHUTDOWN NOSAVE), with io-threads 1 and 2; scripts inside MULTI; the
// script cache after a restart (NOSCRIPT); script effects and functions in the
// AOF across a restart (and kill -9 with appendfsync always).

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/resp_client.h"
#include "support/server_process.h"

namespace ironkv::test {
namespace {

constexpr const char* kSpin = "local i = 0 while true do i = i + 1 end";
constexpr const char* kBusyEval =
    "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";

std::string sha_of(RespClient& c, const std::string& body) {
  return c.call({"SCRIPT", "LOAD", body}).str;
}

TEST(Scripting, EvalEvalshaAndErrorsOverTheWire) {
  ServerProcess s;
  ASSERT_TRUE(s.ready()) << s.describe();
  auto c = RespClient::connect(s.port());
  EXPECT_EQ(c.call({"EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v"}).str,
            "OK");
  EXPECT_EQ(c.call({"EVAL", "return redis.call('get', KEYS[1])", "1", "k"}).str, "v");
  std::string sha = sha_of(c, "return {1, 'two', {ok='three'}}");
  EXPECT_EQ(sha.size(), 40u);
  Resp r = c.call({"EVALSHA", sha, "0"});
  ASSERT_EQ(r.type, '*');
  ASSERT_EQ(r.elems.size(), 3u);
  EXPECT_EQ(r.elems[0].integer, 1);
  EXPECT_EQ(r.elems[1].str, "two");
  EXPECT_EQ(r.elems[2].str, "three");
  EXPECT_EQ(c.call({"EVALSHA", std::string(40, 'f'), "0"}).str,
            "NOSCRIPT No matching script. Please use EVAL.");
  Resp e = c.call({"EVAL", "return redis.call('incr', KEYS[1])", "1", "k"});
  EXPECT_EQ(e.str,
            "ERR value is not an integer or out of range script: "
            "2bab3b661081db58bd2341920e0ba7cf5dc77b25, on @user_script:1.")
      << e.str;
  EXPECT_EQ(c.call({"EVAL_RO", "return redis.call('del', 'k')", "0"}).str,
            "ERR Write commands are not allowed from read-only scripts. script: "
            "47b7443a0476c69075e4c3fdb47629aacc40bcfa, on @user_script:1.")
      << "EVAL_RO";
}

TEST(Scripting, ScriptsInsideMultiRunInTheTransaction) {
  ServerProcess s;
  ASSERT_TRUE(s.ready()) << s.describe();
  auto c = RespClient::connect(s.port());
  auto r = c.pipeline({{"MULTI"},
                       {"EVAL", "return redis.call('incrby', KEYS[1], 5)", "1", "n"},
                       {"INCR", "n"},
                       {"EVAL", "return redis.call('get', KEYS[1])", "1", "n"},
                       {"EXEC"}});
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[1].str, "QUEUED");
  ASSERT_EQ(r[4].elems.size(), 3u);
  EXPECT_EQ(r[4].elems[0].integer, 5);
  EXPECT_EQ(r[4].elems[1].integer, 6);
  EXPECT_EQ(r[4].elems[2].str, "6");
}

class BusyScript : public ::testing::TestWithParam<int> {};

TEST_P(BusyScript, OthersGetBusyAndScriptKillStopsIt) {
  ServerProcess s({"--io-threads", std::to_string(GetParam()), "--busy-reply-threshold", "100"});
  ASSERT_TRUE(s.ready()) << s.describe();
  auto runner = RespClient::connect(s.port());
  ASSERT_TRUE(runner.send({"EVAL", kSpin, "0"}));
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  // A client that connects while the script is busy is served too.
  auto other = RespClient::connect(s.port());
  EXPECT_EQ(other.call({"PING"}, milliseconds(5000)).str, kBusyEval);
  EXPECT_EQ(other.call({"GET", "x"}, milliseconds(5000)).str, kBusyEval);
  EXPECT_EQ(other.call({"FUNCTION", "KILL"}, milliseconds(5000)).str, kBusyEval);
  EXPECT_EQ(other.call({"SCRIPT", "KILL"}, milliseconds(5000)).str, "OK");
  auto killed = runner.read(1, milliseconds(5000));
  ASSERT_EQ(killed.size(), 1u);
  EXPECT_EQ(killed[0].str,
            "ERR Script killed by user with SCRIPT KILL... script: "
            "3fcf51a9b854b8f66cb8685600b0d7df968f4398, on @user_script:1.")
      << killed[0].str;
  EXPECT_EQ(other.call({"PING"}).str, "PONG");
  EXPECT_EQ(other.call({"SCRIPT", "KILL"}).str, "NOTBUSY No scripts in execution right now.");
}

TEST_P(BusyScript, AWritingScriptIsUnkillableButShutdownNosaveEndsIt) {
  ServerProcess s({"--io-threads", std::to_string(GetParam()), "--busy-reply-threshold", "100"});
  ASSERT_TRUE(s.ready()) << s.describe();
  auto runner = RespClient::connect(s.port());
  ASSERT_TRUE(runner.send({"EVAL", std::string("redis.call('set', 'w', 1) ") + kSpin, "0"}));
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  auto other = RespClient::connect(s.port());
  Resp r = other.call({"SCRIPT", "KILL"}, milliseconds(5000));
  EXPECT_EQ(r.str.rfind("UNKILLABLE Sorry the script already executed write commands", 0), 0u)
      << r.str;
  EXPECT_EQ(other.call({"SHUTDOWN"}, milliseconds(5000)).str, kBusyEval);
  ASSERT_TRUE(other.send({"SHUTDOWN", "NOSAVE"}));
  auto exit = s.wait_exit(milliseconds(10000));
  ASSERT_TRUE(exit.has_value()) << s.describe();
}

TEST_P(BusyScript, FunctionKillStopsABusyFunction) {
  ServerProcess s({"--io-threads", std::to_string(GetParam()), "--busy-reply-threshold", "100"});
  ASSERT_TRUE(s.ready()) << s.describe();
  auto runner = RespClient::connect(s.port());
  EXPECT_EQ(runner
                .call({"FUNCTION", "LOAD",
                       std::string("#!lua name=spin\nredis.register_function('spin', function() ") +
                           kSpin + " end)"})
                .str,
            "spin");
  ASSERT_TRUE(runner.send({"FCALL", "spin", "0"}));
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  auto other = RespClient::connect(s.port());
  EXPECT_EQ(
      other.call({"GET", "x"}, milliseconds(5000)).str,
      "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.");
  EXPECT_EQ(
      other.call({"SCRIPT", "KILL"}, milliseconds(5000)).str,
      "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.");
  EXPECT_EQ(other.call({"FUNCTION", "KILL"}, milliseconds(5000)).str, "OK");
  auto killed = runner.read(1, milliseconds(5000));
  ASSERT_EQ(killed.size(), 1u);
  EXPECT_EQ(
      killed[0].str.rfind(
          "ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:2.", 0),
      0u)
      << killed[0].str;
  EXPECT_EQ(runner.call({"PING"}).str, "PONG");
}

INSTANTIATE_TEST_SUITE_P(IoThreads, BusyScript, ::testing::Values(1, 2));

TEST(Scripting, HostileScriptsGetErrorsAndTheServerStaysUp) {
  ServerProcess s;
  ASSERT_TRUE(s.ready()) << s.describe();
  auto c = RespClient::connect(s.port());
  // Unbounded allocation: Lua's memory is capped.
  Resp mem = c.call(
      {"EVAL",
       "local t = {} local s = string.rep('x', 1048576) for i = 1, 1e9 do t[i] = s .. i end", "0"},
      milliseconds(120000));
  EXPECT_TRUE(mem.is_error()) << mem.str;
  EXPECT_NE(mem.str.find("not enough memory"), std::string::npos) << mem.str;
  // Deep recursion, a table 1000 levels deep, sandbox escapes.
  EXPECT_NE(c.call({"EVAL", "local function r(n) return r(n + 1) + 1 end return r(1)", "0"})
                .str.find("stack overflow"),
            std::string::npos);
  Resp deep = c.call({"EVAL", "local t = 1 for i = 1, 1000 do t = {t} end return t", "0"});
  EXPECT_EQ(deep.type, '*');
  EXPECT_TRUE(c.call({"EVAL", "redis = nil", "0"}).is_error());
  EXPECT_TRUE(c.call({"EVAL", "rawset(_G, 'x', 1)", "0"}).is_error());
  EXPECT_TRUE(c.call({"EVAL", "return os.execute('true')", "0"}).is_error());
  EXPECT_TRUE(c.call({"EVAL", "return loadfile('/etc/passwd')", "0"}).is_error());
  // The state survived all of it: redis.* still works for the next script.
  EXPECT_EQ(c.call({"EVAL", "return redis.call('ping')", "0"}).str, "PONG");
}

TEST(Scripting, ScriptCacheIsEmptyAfterRestart) {
  TempDir data;
  std::string sha;
  {
    ServerProcess s({"--dir", data.path(), "--appendonly", "yes"});
    ASSERT_TRUE(s.ready()) << s.describe();
    auto c = RespClient::connect(s.port());
    sha = sha_of(c, "return 'cached'");
    EXPECT_EQ(c.call({"EVALSHA", sha, "0"}).str, "cached");
  }
  ServerProcess s({"--dir", data.path(), "--appendonly", "yes"});
  ASSERT_TRUE(s.ready()) << s.describe();
  auto c = RespClient::connect(s.port());
  EXPECT_EQ(c.call({"EVALSHA", sha, "0"}).str, "NOSCRIPT No matching script. Please use EVAL.");
}

TEST(Scripting, EffectsAndFunctionsSurviveKill9WithAppendfsyncAlways) {
  TempDir data;
  std::vector<std::string> args = {"--dir", data.path(),     "--appendonly",
                                   "yes",   "--appendfsync", "always"};
  {
    ServerProcess s(args);
    ASSERT_TRUE(s.ready()) << s.describe();
    auto c = RespClient::connect(s.port());
    EXPECT_EQ(c.call({"FUNCTION", "LOAD",
                      "#!lua name=counter\nredis.register_function('bump', function(keys) "
                      "return redis.call('incr', keys[1]) end)"})
                  .str,
              "counter");
    for (int i = 0; i < 20; ++i) {
      EXPECT_EQ(c.call({"EVAL",
                        "redis.call('rpush', KEYS[1], ARGV[1]) return redis.call('incr', KEYS[2])",
                        "2", "list", "n", std::to_string(i)})
                    .integer,
                i + 1);
      EXPECT_EQ(c.call({"FCALL", "bump", "1", "f"}).integer, i + 1);
    }
    // math.random's result is logged as the value it produced, not re-run.
    c.call({"EVAL", "return redis.call('set', 'rnd', math.random(1000000))", "0"});
    std::string rnd = c.call({"GET", "rnd"}).str;
    ASSERT_FALSE(rnd.empty());
    ASSERT_TRUE(s.stop_with(SIGKILL).has_value());
    ServerProcess again(args);
    ASSERT_TRUE(again.ready()) << again.describe();
    auto d = RespClient::connect(again.port());
    EXPECT_EQ(d.call({"LLEN", "list"}).integer, 20);
    EXPECT_EQ(d.call({"GET", "n"}).str, "20");
    EXPECT_EQ(d.call({"GET", "rnd"}).str, rnd);
    EXPECT_EQ(d.call({"FCALL", "bump", "1", "f"}).integer, 21);
  }
  // The AOF holds the effects: a script's two writes as one MULTI/EXEC.
  std::string aof;
  for (const auto& e : std::filesystem::directory_iterator(data.path() + "/appendonlydir")) {
    if (e.path().string().find(".incr.aof") != std::string::npos)
      aof += read_file(e.path().string());
  }
  EXPECT_NE(aof.find("MULTI"), std::string::npos);
  EXPECT_EQ(aof.find("EVAL"), std::string::npos) << "scripts are logged as their effects";
}

}  // namespace
}  // namespace ironkv::test
