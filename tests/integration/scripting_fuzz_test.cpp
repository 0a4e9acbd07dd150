// Bounded fuzzing of the scripting surface: random Lua chunks (token soup, most
// of them syntax or runtime errors) and random redis.call / pcall argument lists
// (numbers, strings, booleans, nil, tables, nested calls) sent as EVAL. Every
// reply must be one well-formed RESP reply, the server must stay up, and a
// plain script must still work after each batch.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "support/resp_client.h"
#include "support/server_process.h"

namespace ironkv::test {
namespace {

const std::vector<std::string> kTokens = {
    "return",
    "local",
    "x",
    "=",
    "1",
    "'s'",
    "(",
    ")",
    "{",
    "}",
    ",",
    "..",
    "+",
    "-",
    "*",
    "/",
    "%",
    "#",
    "==",
    "~=",
    "<",
    "and",
    "or",
    "not",
    "nil",
    "true",
    "false",
    "function",
    "end",
    "if",
    "then",
    "else",
    "KEYS",
    "ARGV",
    "[1]",
    "redis.call",
    "redis.pcall",
    "redis.error_reply",
    "redis.status_reply",
    "redis.sha1hex",
    "redis.setresp",
    "cjson.encode",
    "cjson.decode",
    "cmsgpack.pack",
    "cmsgpack.unpack",
    "struct.pack",
    "bit.band",
    "string.rep",
    "table.concat",
    "math.random",
    "tostring",
    "tonumber",
    "type",
    "pcall",
    "error",
    "select",
    "unpack",
    "rawget",
    "rawset",
    "setmetatable",
    "getmetatable",
    "_G",
    "string",
    "'get'",
    "'set'",
    "'incr'",
    "'del'",
    "'lpush'",
    "'hset'",
    "'zadd'",
    "'k'",
    "-0",
    "0/0",
    "'\\0'",
    ";",
    ":",
    ".",
    "[",
    "]",
    "...",
    "do",
};

std::string random_chunk(std::mt19937& rng) {
  std::uniform_int_distribution<size_t> len(1, 24), tok(0, kTokens.size() - 1);
  std::string out;
  for (size_t i = 0, n = len(rng); i < n; ++i) {
    out += kTokens[tok(rng)];
    out += ' ';
  }
  return out;
}

std::string random_value(std::mt19937& rng, int depth) {
  switch (std::uniform_int_distribution<int>(0, depth > 2 ? 5 : 7)(rng)) {
    case 0:
      return std::to_string(std::uniform_int_distribution<int>(-1000, 1000)(rng));
    case 1:
      return "3.25";
    case 2:
      return "'k" + std::to_string(rng() % 5) + "'";
    case 3:
      return "true";
    case 4:
      return "nil";
    case 5:
      return "''";
    case 6:
      return "{" + random_value(rng, depth + 1) + ", " + random_value(rng, depth + 1) + "}";
    default:
      return "redis.pcall('get', " + random_value(rng, depth + 1) + ")";
  }
}

std::string random_call(std::mt19937& rng) {
  static const std::vector<std::string> cmds = {
      "get",    "set",  "incr",   "lpush", "hset", "zadd", "del",  "expire",
      "lrange", "sadd", "nosuch", "multi", "eval", "ping", "type", "object"};
  std::string out = std::string(rng() % 2 ? "redis.call" : "redis.pcall") + "('" +
                    cmds[rng() % cmds.size()] + "'";
  for (int i = 0, n = static_cast<int>(rng() % 5); i < n; ++i) out += ", " + random_value(rng, 0);
  return "return " + out + ")";
}

TEST(ScriptingFuzz, RandomChunksAndCallsNeverHurtTheServer) {
  ServerProcess s;
  ASSERT_TRUE(s.ready()) << s.describe();
  auto c = RespClient::connect(s.port());
  std::mt19937 rng(20261202);
  for (int batch = 0; batch < 20; ++batch) {
    std::vector<std::vector<std::string>> cmds;
    for (int i = 0; i < 40; ++i) {
      std::string body = (i % 2) ? random_chunk(rng) : random_call(rng);
      cmds.push_back({"EVAL", body, "1", "k0", "arg"});
    }
    auto replies = c.pipeline(cmds, milliseconds(30000));
    ASSERT_EQ(replies.size(), cmds.size()) << "batch " << batch << "\n" << s.describe();
    for (const auto& r : replies) ASSERT_NE(r.type, '!') << r.str;
    ASSERT_EQ(c.call({"EVAL", "return redis.call('ping')", "0"}).str, "PONG") << "batch " << batch;
  }
  EXPECT_TRUE(s.running());
}

}  // namespace
}  // namespace ironkv::test
