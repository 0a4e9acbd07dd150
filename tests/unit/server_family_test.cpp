#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <string>

#include "harness.h"

namespace ironkv::test {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

// The payload of a bulk reply ("$<n>\r\n<payload>\r\n").
std::string bulk_payload(const std::string& reply) {
  auto crlf = reply.find("\r\n");
  EXPECT_EQ(reply[0], '$') << reply;
  size_t n = std::stoul(reply.substr(1, crlf - 1));
  EXPECT_EQ(reply.size(), crlf + 2 + n + 2) << reply;
  return reply.substr(crlf + 2, n);
}

// INFO text → key → value (section headers and blank lines skipped).
std::map<std::string, std::string> info_fields(const std::string& text) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\r\n", pos);
    std::string line = text.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty() || line[0] == '#') continue;
    auto colon = line.find(':');
    out[line.substr(0, colon)] = line.substr(colon + 1);
  }
  return out;
}

class ServerFamily : public ::testing::Test {
 protected:
  std::string info(std::initializer_list<std::string_view> sections = {}) {
    std::vector<std::string> argv{"INFO"};
    for (auto s : sections) argv.emplace_back(s);
    return bulk_payload(h.run(argv));
  }
  Harness h;
};

// ---------------------------------------------------------------- DBSIZE / FLUSH / TIME

TEST_F(ServerFamily, DbsizeCountsSelectedDb) {
  EXPECT_EQ(h.run({"DBSIZE"}), integer(0));
  h.keyspace.db(0).set("a", store::Value::string("1"));
  h.keyspace.db(0).set("b", store::Value::string("2"));
  h.keyspace.db(1).set("c", store::Value::string("3"));
  EXPECT_EQ(h.run({"DBSIZE"}), integer(2));
  EXPECT_EQ(h.run({"SELECT", "1"}), ok());
  EXPECT_EQ(h.run({"dbsize"}), integer(1));
  EXPECT_EQ(h.run({"DBSIZE", "x"}), error("ERR wrong number of arguments for 'dbsize' command"));
}

TEST_F(ServerFamily, FlushdbClearsOnlySelectedDb) {
  h.keyspace.db(0).set("a", store::Value::string("1"));
  h.keyspace.db(1).set("b", store::Value::string("2"));
  uint64_t dirty = h.keyspace.dirty();
  EXPECT_EQ(h.run({"FLUSHDB"}), ok());
  EXPECT_GT(h.keyspace.dirty(), dirty);
  EXPECT_EQ(h.keyspace.db(0).size(), 0u);
  EXPECT_EQ(h.keyspace.db(1).size(), 1u);
  EXPECT_EQ(h.run({"FLUSHDB", "ASYNC"}), ok());
  EXPECT_EQ(h.run({"flushdb", "sync"}), ok());
  EXPECT_EQ(h.run({"FLUSHDB", "LATER"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"FLUSHDB", "ASYNC", "SYNC"}), error("ERR syntax error"));
}

TEST_F(ServerFamily, FlushallClearsEveryDb) {
  h.keyspace.db(0).set("a", store::Value::string("1"));
  h.keyspace.db(5).set("b", store::Value::string("2"));
  EXPECT_EQ(h.run({"FLUSHALL"}), ok());
  EXPECT_EQ(h.keyspace.total_keys(), 0u);
  h.keyspace.db(3).set("c", store::Value::string("3"));
  EXPECT_EQ(h.run({"FLUSHALL", "async"}), ok());
  EXPECT_EQ(h.keyspace.total_keys(), 0u);
  EXPECT_EQ(h.run({"FLUSHALL", "x"}), error("ERR syntax error"));
}

TEST_F(ServerFamily, TimeIsSecondsAndMicroseconds) {
  h.clock.set_ms(1'700'000'123'456);
  EXPECT_EQ(h.run({"TIME"}), bulks({"1700000123", "456000"}));
  EXPECT_EQ(h.run({"TIME", "x"}), error("ERR wrong number of arguments for 'time' command"));
}

// ---------------------------------------------------------------- CONFIG

TEST_F(ServerFamily, ConfigGetSingle) {
  EXPECT_EQ(h.run({"CONFIG", "GET", "port"}), bulks({"port", "6379"}));
  // An exact name is echoed as typed, like Redis.
  EXPECT_EQ(h.run({"CONFIG", "GET", "HZ"}), bulks({"HZ", "10"}));
  EXPECT_EQ(h.run({"CONFIG", "GET", "nosuch"}), "*0\r\n");
}

TEST_F(ServerFamily, ConfigGetGlobAndMultiplePatterns) {
  EXPECT_EQ(h.run({"CONFIG", "GET", "maxclient?"}), bulks({"maxclients", "10000"}));
  EXPECT_EQ(h.run({"CONFIG", "GET", "SLOWLOG-*"}),
            bulks({"slowlog-log-slower-than", "10000", "slowlog-max-len", "128"}));
  // Each option once, however many patterns match it.
  EXPECT_EQ(h.run({"CONFIG", "GET", "hz", "h?", "port", "*ort"}),
            bulks({"hz", "10", "port", "6379", "http-port", "9121"}));
  std::string all = h.run({"CONFIG", "GET", "*"});
  EXPECT_THAT(all, StartsWith("*" + std::to_string(2 * server::config_options().size()) + "\r\n"));
  EXPECT_EQ(h.run({"CONFIG", "GET"}),
            error("ERR wrong number of arguments for 'config|get' command"));
}

TEST_F(ServerFamily, ConfigSetSuccess) {
  std::vector<std::string> applied;
  h.server.on_config_set = [&](std::string_view o) { applied.emplace_back(o); };
  EXPECT_EQ(h.run({"CONFIG", "SET", "hz", "20"}), ok());
  EXPECT_EQ(h.server.config.hz, 20);
  EXPECT_EQ(h.run({"CONFIG", "GET", "hz"}), bulks({"hz", "20"}));
  EXPECT_EQ(h.run({"CONFIG", "SET", "MAXCLIENTS", "50", "timeout", "7"}), ok());
  EXPECT_EQ(h.server.config.maxclients, 50u);
  EXPECT_EQ(h.server.config.timeout, 7);
  EXPECT_EQ(applied, (std::vector<std::string>{"hz", "maxclients", "timeout"}));
}

TEST_F(ServerFamily, ConfigSetErrorsAreRedisTexts) {
  EXPECT_EQ(h.run({"CONFIG", "SET", "foo", "bar"}),
            error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "port", "7000"}),
            error("ERR CONFIG SET failed (possibly related to argument 'port') - can't set "
                  "immutable config"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "hz", "x"}),
            error("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't "
                  "be parsed into an integer"));
  // A value error names the option's own name; an immutable one the name as typed.
  EXPECT_EQ(h.run({"CONFIG", "SET", "HZ", "x"}),
            error("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't "
                  "be parsed into an integer"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "PORT", "1"}),
            error("ERR CONFIG SET failed (possibly related to argument 'PORT') - can't set "
                  "immutable config"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "hz", "5", "HZ", "6"}),
            error("ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate "
                  "parameter"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "hz", "5", "timeout"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "hz"}),
            error("ERR wrong number of arguments for 'config|set' command"));
  // The first problem wins.
  EXPECT_EQ(h.run({"CONFIG", "SET", "port", "1", "foo", "bar"}),
            error("ERR CONFIG SET failed (possibly related to argument 'port') - can't set "
                  "immutable config"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "foo", "bar", "port", "1"}),
            error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"));
  EXPECT_EQ(h.server.config.hz, 10);
}

TEST_F(ServerFamily, ConfigSetIsAllOrNothing) {
  bool called = false;
  h.server.on_config_set = [&](std::string_view) { called = true; };
  EXPECT_EQ(h.run({"CONFIG", "SET", "hz", "20", "maxclients", "x"}),
            error("ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument "
                  "couldn't be parsed into an integer"));
  EXPECT_EQ(h.server.config.hz, 10);
  EXPECT_EQ(h.run({"CONFIG", "SET", "timeout", "3", "foo", "1"}),
            error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"));
  EXPECT_EQ(h.server.config.timeout, 0);
  EXPECT_FALSE(called);
}

TEST_F(ServerFamily, ConfigContainerErrorsAndHelp) {
  EXPECT_EQ(h.run({"CONFIG"}), error("ERR wrong number of arguments for 'config' command"));
  EXPECT_EQ(h.run({"CONFIG", "nosub"}), error("ERR unknown subcommand 'nosub'. Try CONFIG HELP."));
  std::string help = h.run({"CONFIG", "HELP"});
  EXPECT_THAT(help, StartsWith("*9\r\n+CONFIG <subcommand> [<arg> [value] [opt] ...]. "
                               "Subcommands are:\r\n+GET <pattern>\r\n"));
}

TEST_F(ServerFamily, ConfigResetstat) {
  h.keyspace.db(0).set("k", store::Value::string("v"));
  h.keyspace.db(0).lookup_read("k");
  h.keyspace.db(0).lookup_read("missing");
  h.run({"DBSIZE"});
  h.run({"nosuchcommand"});
  ASSERT_GT(h.server.total_commands_processed, 0u);
  EXPECT_EQ(h.run({"CONFIG", "RESETSTAT"}), ok());
  auto f = info_fields(info({"stats"}));
  EXPECT_EQ(f["keyspace_hits"], "0");
  EXPECT_EQ(f["keyspace_misses"], "0");
  EXPECT_EQ(f["total_error_replies"], "0");
  // CONFIG RESETSTAT itself is counted after the reset, as in Redis; INFO is the
  // only other call since.
  EXPECT_EQ(f["total_commands_processed"], "1");
  std::string cs = info({"commandstats"});
  EXPECT_THAT(cs, HasSubstr("cmdstat_config|resetstat:calls=1,"));
  EXPECT_THAT(cs, ::testing::Not(HasSubstr("cmdstat_dbsize")));
}

// ---------------------------------------------------------------- CLIENT

TEST_F(ServerFamily, ClientIdAndNames) {
  EXPECT_EQ(h.run({"CLIENT", "ID"}), integer(static_cast<int64_t>(h.client.id)));
  EXPECT_EQ(h.run({"CLIENT", "GETNAME"}), nil());
  EXPECT_EQ(h.run({"CLIENT", "SETNAME", "worker-1"}), ok());
  EXPECT_EQ(h.run({"CLIENT", "GETNAME"}), bulk("worker-1"));
  EXPECT_EQ(h.run({"CLIENT", "SETNAME", "a b"}),
            error("ERR Client names cannot contain spaces, newlines or special characters."));
  EXPECT_EQ(h.run({"CLIENT", "SETNAME", "a\nb"}),
            error("ERR Client names cannot contain spaces, newlines or special characters."));
  EXPECT_EQ(h.run({"CLIENT", "GETNAME"}), bulk("worker-1"));
  EXPECT_EQ(h.run({"CLIENT", "SETNAME", ""}), ok());
  EXPECT_EQ(h.run({"CLIENT", "GETNAME"}), nil());
  EXPECT_EQ(h.run({"CLIENT", "SETNAME"}),
            error("ERR wrong number of arguments for 'client|setname' command"));
  EXPECT_EQ(h.run({"CLIENT", "GETREDIR"}), integer(-1));
}

TEST_F(ServerFamily, ClientSetinfo) {
  EXPECT_EQ(h.run({"CLIENT", "SETINFO", "LIB-NAME", "redis-py"}), ok());
  EXPECT_EQ(h.run({"CLIENT", "SETINFO", "lib-ver", "5.0.1"}), ok());
  EXPECT_EQ(h.client.lib_name, "redis-py");
  EXPECT_EQ(h.client.lib_ver, "5.0.1");
  EXPECT_EQ(h.run({"CLIENT", "SETINFO", "foo", "x"}), error("ERR Unrecognized option 'foo'"));
  EXPECT_EQ(h.run({"CLIENT", "SETINFO", "lib-name", "a b"}),
            error("ERR lib-name cannot contain spaces, newlines or special characters."));
}

TEST_F(ServerFamily, ClientListLineFormat) {
  h.run({"CLIENT", "SETNAME", "me"});
  std::string list = bulk_payload(h.run({"CLIENT", "LIST"}));
  const std::string line_re =
      "id=" + std::to_string(h.client.id) +
      " addr=127\\.0\\.0\\.1:50000 laddr=127\\.0\\.0\\.1:6379 fd=-1 name=me age=0 idle=0 "
      "flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=10 multi-mem=0 "
      "rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=[0-9]+ events=r cmd=client\\|list user=default "
      "redir=-1 resp=2\n";
  EXPECT_TRUE(std::regex_match(list, std::regex(line_re))) << list;

  std::string info_line = bulk_payload(h.run({"CLIENT", "INFO"}));
  EXPECT_TRUE(std::regex_match(
      info_line, std::regex("id=[0-9]+ addr=\\S+ laddr=\\S+ fd=-1 name=me age=[0-9]+ idle=0 "
                            "flags=N db=0 .* argv-mem=10 .* cmd=client\\|info user=default "
                            "redir=-1 resp=2\n")))
      << info_line;
}

// A registered client as the server would hand it to the command side.
TEST_F(ServerFamily, ClientListFiltersAndOtherClients) {
  FakeHandle other;
  other.st.id = 42;
  other.st.addr = "10.0.0.2:4000";
  other.st.laddr = "127.0.0.1:6379";
  other.st.last_cmd = "get";
  other.st.db = 3;
  other.st.created_ms = h.clock.now_ms();
  other.st.last_interaction_ms = h.clock.now_ms();
  h.server.clients[other.st.id] = &other;
  h.advance_ms(5000);

  std::string list = bulk_payload(h.run({"CLIENT", "LIST"}));
  auto nl = list.find('\n');
  ASSERT_NE(nl, std::string::npos);
  std::string second = list.substr(nl + 1);
  EXPECT_THAT(list, StartsWith("id=" + std::to_string(h.client.id) + " "));
  EXPECT_THAT(second, StartsWith("id=42 addr=10.0.0.2:4000 laddr=127.0.0.1:6379 fd=-1 name= "
                                 "age=5 idle=5 flags=N db=3 "));
  EXPECT_THAT(second, HasSubstr(" argv-mem=0 "));
  EXPECT_THAT(second, HasSubstr(" cmd=get user=default "));

  EXPECT_EQ(bulk_payload(h.run({"CLIENT", "LIST", "ID", "42"})), second);
  EXPECT_EQ(h.run({"CLIENT", "LIST", "ID", "999"}), bulk(""));
  EXPECT_EQ(h.run({"CLIENT", "LIST", "ID", "x"}), error("ERR Invalid client ID"));
  EXPECT_EQ(h.run({"CLIENT", "LIST", "TYPE", "replica"}), bulk(""));
  EXPECT_EQ(h.run({"CLIENT", "LIST", "TYPE", "foo"}), error("ERR Unknown client type 'foo'"));
  EXPECT_EQ(h.run({"CLIENT", "LIST", "TYPE"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"CLIENT", "LIST", "foo"}), error("ERR syntax error"));
  std::string normal = bulk_payload(h.run({"CLIENT", "LIST", "TYPE", "normal"}));
  EXPECT_EQ(std::count(normal.begin(), normal.end(), '\n'), 2);

  auto f = info_fields(info({"clients"}));
  EXPECT_EQ(f["connected_clients"], "2");
}

TEST_F(ServerFamily, ClientKill) {
  FakeHandle other;
  other.st.id = 42;
  other.st.addr = "10.0.0.2:4000";
  h.server.clients[other.st.id] = &other;

  EXPECT_EQ(h.run({"CLIENT", "KILL", "1.2.3.4:5"}), error("ERR No such client"));
  EXPECT_EQ(h.run({"CLIENT", "KILL", "ID", "999"}), integer(0));
  EXPECT_EQ(h.run({"CLIENT", "KILL", "ID", "x"}), error("ERR client-id should be greater than 0"));
  EXPECT_EQ(h.run({"CLIENT", "KILL", "TYPE", "foo"}), error("ERR Unknown client type 'foo'"));
  EXPECT_EQ(h.run({"CLIENT", "KILL", "SKIPME", "x"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"CLIENT", "KILL", "USER", "bob"}), error("ERR No such user 'bob'"));
  EXPECT_FALSE(other.killed);
  EXPECT_EQ(h.run({"CLIENT", "KILL", "10.0.0.2:4000"}), ok());
  EXPECT_TRUE(other.killed);
  other.killed = false;
  // SKIPME defaults to yes: only the other client goes.
  EXPECT_EQ(h.run({"CLIENT", "KILL", "USER", "default"}), integer(1));
  EXPECT_TRUE(other.killed);
  EXPECT_FALSE(h.client.close_after_reply);
  EXPECT_EQ(h.run({"CLIENT", "KILL", "ID", std::to_string(h.client.id), "SKIPME", "no"}),
            integer(1));
  EXPECT_TRUE(h.client.close_after_reply);
}

TEST_F(ServerFamily, ClientHelpAndUnknown) {
  EXPECT_THAT(h.run({"CLIENT", "HELP"}),
              StartsWith("*45\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands "
                         "are:\r\n"));
  EXPECT_EQ(h.run({"CLIENT", "nope"}), error("ERR unknown subcommand 'nope'. Try CLIENT HELP."));
}

// ---------------------------------------------------------------- COMMAND

TEST_F(ServerFamily, CommandCount) {
  EXPECT_EQ(h.run({"COMMAND", "COUNT"}), integer(static_cast<int64_t>(h.table.size())));
  EXPECT_EQ(h.run({"COMMAND", "COUNT", "x"}),
            error("ERR wrong number of arguments for 'command|count' command"));
}

TEST_F(ServerFamily, CommandInfoGetIsRedisEntry) {
  if (h.table.find("get") == nullptr) GTEST_SKIP() << "string family not registered yet";
  EXPECT_EQ(
      h.run({"COMMAND", "INFO", "get"}),
      "*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"
      "*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n"
      // The key spec, byte for byte as redis-server 7.0.15 sends it.
      "*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n"
      "$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n$9\r\nfind_keys\r\n"
      "*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n$7\r\nlastkey\r\n:0\r\n$7\r\n"
      "keystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n");
}

TEST_F(ServerFamily, CommandInfoEntries) {
  EXPECT_EQ(h.run({"COMMAND", "INFO", "nosuch"}), "*1\r\n$-1\r\n");
  EXPECT_EQ(h.run({"COMMAND", "INFO", "dbsize"}),
            "*1\r\n*10\r\n$6\r\ndbsize\r\n:1\r\n*2\r\n+readonly\r\n+fast\r\n:0\r\n:0\r\n:0\r\n"
            "*3\r\n+@keyspace\r\n+@read\r\n+@fast\r\n*0\r\n*0\r\n*0\r\n");
  EXPECT_EQ(h.run({"COMMAND", "INFO", "CONFIG|GET"}),
            "*1\r\n*10\r\n$10\r\nconfig|get\r\n:-3\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n"
            "+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n"
            "*0\r\n");
  EXPECT_EQ(h.run({"COMMAND", "INFO", "config|nosuch"}), "*1\r\n$-1\r\n");
  EXPECT_EQ(h.run({"COMMAND", "INFO", "ping"}),
            "*1\r\n*10\r\n$4\r\nping\r\n:-1\r\n*1\r\n+fast\r\n:0\r\n:0\r\n:0\r\n*2\r\n+@fast\r\n"
            "+@connection\r\n*0\r\n*0\r\n*0\r\n");
  // A container: no flags, @slow, its subcommands nested in the same shape.
  std::string config = h.run({"COMMAND", "INFO", "config"});
  EXPECT_THAT(config, StartsWith("*1\r\n*10\r\n$6\r\nconfig\r\n:-2\r\n*0\r\n:0\r\n:0\r\n:0\r\n"
                                 "*1\r\n+@slow\r\n*0\r\n*0\r\n*4\r\n*10\r\n$10\r\nconfig|get\r\n"));
  // Two names, one unknown.
  EXPECT_THAT(h.run({"COMMAND", "INFO", "nosuch", "time"}),
              StartsWith("*2\r\n$-1\r\n*10\r\n$4\r\ntime\r\n:1\r\n*3\r\n+loading\r\n+stale\r\n"
                         "+fast\r\n:0\r\n:0\r\n:0\r\n*1\r\n+@fast\r\n"));
}

TEST_F(ServerFamily, BareCommandListsEveryCommand) {
  std::string all = h.run({"COMMAND"});
  EXPECT_THAT(all, StartsWith("*" + std::to_string(h.table.all().size()) + "\r\n*10\r\n"));
  EXPECT_EQ(h.run({"COMMAND", "INFO"}), all);
}

TEST_F(ServerFamily, CommandDocsWellFormed) {
  EXPECT_EQ(h.run({"COMMAND", "DOCS", "dbsize"}),
            "*2\r\n$6\r\ndbsize\r\n*8\r\n$7\r\nsummary\r\n$50\r\nReturn the number of keys in "
            "the selected database\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nserver"
            "\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n");
  EXPECT_EQ(h.run({"COMMAND", "DOCS", "nosuch"}), "*0\r\n");
  std::string config = h.run({"COMMAND", "DOCS", "config"});
  EXPECT_THAT(config, StartsWith("*2\r\n$6\r\nconfig\r\n*10\r\n$7\r\nsummary\r\n"));
  EXPECT_THAT(config, HasSubstr("$11\r\nsubcommands\r\n*8\r\n$10\r\nconfig|get\r\n*8\r\n"));
  // The whole table: a flat map of name → docs with one entry per command.
  std::string all = h.run({"COMMAND", "DOCS"});
  EXPECT_THAT(all, StartsWith("*" + std::to_string(2 * h.table.all().size()) + "\r\n"));
}

TEST_F(ServerFamily, CommandList) {
  std::string all = h.run({"COMMAND", "LIST"});
  EXPECT_THAT(all, HasSubstr("$10\r\nconfig|get\r\n"));
  EXPECT_THAT(all, HasSubstr("$6\r\ndbsize\r\n"));
  EXPECT_EQ(h.run({"COMMAND", "LIST", "FILTERBY", "PATTERN", "config*"}),
            bulks({"config", "config|get", "config|set", "config|resetstat", "config|help"}));
  EXPECT_EQ(h.run({"COMMAND", "LIST", "FILTERBY", "MODULE", "x"}), "*0\r\n");
  EXPECT_EQ(h.run({"COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"}), "*0\r\n");
  std::string admin = h.run({"COMMAND", "LIST", "FILTERBY", "aclcat", "admin"});
  EXPECT_THAT(admin, HasSubstr("$8\r\nshutdown\r\n"));
  EXPECT_THAT(admin, ::testing::Not(HasSubstr("$6\r\ndbsize\r\n")));
  EXPECT_EQ(h.run({"COMMAND", "LIST", "FILTERBY"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"COMMAND", "LIST", "FILTERBY", "foo", "x"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"COMMAND", "LIST", "foo"}), error("ERR syntax error"));
}

TEST_F(ServerFamily, CommandGetkeys) {
  EXPECT_EQ(h.run({"COMMAND", "GETKEYS", "MEMORY", "USAGE", "k"}), bulks({"k"}));
  EXPECT_EQ(h.run({"COMMAND", "GETKEYS", "nosuch", "a"}), error("ERR Invalid command specified"));
  EXPECT_EQ(h.run({"COMMAND", "GETKEYS", "ping", "x"}),
            error("ERR The command has no key arguments"));
  EXPECT_EQ(h.run({"COMMAND", "GETKEYS", "memory", "usage"}),
            error("ERR Invalid number of arguments specified for command"));
  EXPECT_EQ(h.run({"COMMAND", "GETKEYS", "get"}),
            error("ERR wrong number of arguments for 'command|getkeys' command"));
}

TEST_F(ServerFamily, CommandHelpAndUnknownSub) {
  EXPECT_THAT(h.run({"COMMAND", "HELP"}),
              StartsWith("*21\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands "
                         "are:\r\n+(no subcommand)\r\n"));
  EXPECT_EQ(h.run({"COMMAND", "nope"}), error("ERR unknown subcommand 'nope'. Try COMMAND HELP."));
}

// ---------------------------------------------------------------- INFO

TEST_F(ServerFamily, InfoDefaultSectionsInRedisOrder) {
  std::string text = info();
  const char* headers[] = {
      "# Server\r\n",      "# Clients\r\n", "# Memory\r\n",  "# Persistence\r\n", "# Stats\r\n",
      "# Replication\r\n", "# CPU\r\n",     "# Modules\r\n", "# Cluster\r\n",     "# Keyspace\r\n"};
  size_t last = 0;
  for (const char* hd : headers) {
    size_t at = text.find(hd);
    ASSERT_NE(at, std::string::npos) << hd;
    EXPECT_GE(at, last) << hd;
    if (at > 0) {
      EXPECT_EQ(text.substr(at - 4, 4), "\r\n\r\n") << hd;
    }
    last = at;
  }
  EXPECT_EQ(text.find("# Commandstats"), std::string::npos);
  EXPECT_THAT(text, StartsWith("# Server\r\nredis_version:7.0.15\r\nironkv_version:0.1.0\r\n"));
  EXPECT_THAT(info({"all"}), HasSubstr("# Commandstats\r\n"));
  EXPECT_THAT(info({"everything"}), HasSubstr("# Commandstats\r\n"));
  EXPECT_THAT(info({"default"}), ::testing::Not(HasSubstr("# Commandstats\r\n")));
}

TEST_F(ServerFamily, InfoRequiredFields) {
  h.server.actual_port = 6399;
  auto f = info_fields(info({"everything"}));
  for (const char* key : {"redis_version",
                          "ironkv_version",
                          "redis_mode",
                          "os",
                          "arch_bits",
                          "multiplexing_api",
                          "process_id",
                          "run_id",
                          "tcp_port",
                          "server_time_usec",
                          "uptime_in_seconds",
                          "uptime_in_days",
                          "hz",
                          "configured_hz",
                          "executable",
                          "config_file",
                          "io_threads_active",
                          "connected_clients",
                          "maxclients",
                          "blocked_clients",
                          "tracking_clients",
                          "used_memory",
                          "used_memory_human",
                          "used_memory_rss",
                          "used_memory_rss_human",
                          "used_memory_peak",
                          "used_memory_peak_human",
                          "maxmemory",
                          "maxmemory_human",
                          "maxmemory_policy",
                          "mem_fragmentation_ratio",
                          "mem_allocator",
                          "lazyfree_pending_objects",
                          "total_connections_received",
                          "total_commands_processed",
                          "instantaneous_ops_per_sec",
                          "total_net_input_bytes",
                          "total_net_output_bytes",
                          "instantaneous_input_kbps",
                          "instantaneous_output_kbps",
                          "rejected_connections",
                          "expired_keys",
                          "expired_stale_perc",
                          "expired_time_cap_reached_count",
                          "expire_cycle_cpu_milliseconds",
                          "evicted_keys",
                          "keyspace_hits",
                          "keyspace_misses",
                          "pubsub_channels",
                          "pubsub_patterns",
                          "total_error_replies",
                          "unexpected_error_replies",
                          "client_query_buffer_limit_disconnections",
                          "acl_access_denied_auth"}) {
    EXPECT_TRUE(f.count(key)) << key;
  }
  EXPECT_EQ(f["redis_version"], "7.0.15");
  EXPECT_EQ(f["redis_mode"], "standalone");
  EXPECT_EQ(f["multiplexing_api"], "epoll");
  EXPECT_EQ(f["run_id"], std::string(40, 'a'));
  EXPECT_EQ(f["tcp_port"], "6399");
  EXPECT_EQ(f["server_time_usec"], std::to_string(h.clock.now_us()));
  EXPECT_EQ(f["arch_bits"], "64");
  EXPECT_EQ(f["maxmemory_human"], "0B");
  EXPECT_EQ(f["maxmemory_policy"], "noeviction");
  EXPECT_EQ(f["mem_allocator"], "libc");
  EXPECT_EQ(f["expired_stale_perc"], "0.00");
  EXPECT_EQ(f["instantaneous_input_kbps"], "0.00");
  EXPECT_EQ(f["connected_clients"], "1");
  // mallinfo2 reads 0 under AddressSanitizer, which replaces malloc.
  EXPECT_THAT(f["used_memory"], MatchesRegex("[0-9]+"));
  EXPECT_GE(std::stoull(f["used_memory_peak"]), std::stoull(f["used_memory"]));
  EXPECT_THAT(f["mem_fragmentation_ratio"], MatchesRegex("[0-9]+\\.[0-9][0-9]"));
}

TEST_F(ServerFamily, InfoUptimeFollowsClock) {
  h.advance_ms(2 * 86400 * 1000 + 1500);
  auto f = info_fields(info({"server"}));
  EXPECT_EQ(f["uptime_in_seconds"], std::to_string(2 * 86400 + 1));
  EXPECT_EQ(f["uptime_in_days"], "2");
}

TEST_F(ServerFamily, InfoSectionSelection) {
  EXPECT_EQ(h.run({"INFO", "nosuch"}), bulk(""));
  EXPECT_EQ(info({"keyspace"}), "# Keyspace\r\n");
  // Order is Redis's, not the request's; names are case-insensitive.
  std::string two = info({"KEYSPACE", "server"});
  EXPECT_THAT(two, StartsWith("# Server\r\n"));
  EXPECT_THAT(two, HasSubstr("\r\n\r\n# Keyspace\r\n"));
  EXPECT_EQ(info({"cluster"}), "# Cluster\r\ncluster_enabled:0\r\n");
}

TEST_F(ServerFamily, InfoKeyspaceLines) {
  h.keyspace.db(0).set("a", store::Value::string("1"));
  h.keyspace.db(0).set("b", store::Value::string("2"));
  h.keyspace.db(0).set_expire("b", h.clock.now_ms() + 100000);
  h.keyspace.db(2).set("c", store::Value::string("3"));
  EXPECT_EQ(h.run({"INFO", "keyspace"}), bulk("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n"
                                              "db2:keys=1,expires=0,avg_ttl=0\r\n"));
}

TEST_F(ServerFamily, InfoStatsMove) {
  auto before = info_fields(info({"stats"}));
  EXPECT_EQ(before["keyspace_hits"], "0");
  h.keyspace.db(0).set("k", store::Value::string("v"));
  ASSERT_NE(h.keyspace.db(0).lookup_read("k"), nullptr);
  EXPECT_EQ(h.keyspace.db(0).lookup_read("nope"), nullptr);
  h.run({"nosuchcommand"});
  h.server.auth_failures = 3;
  auto after = info_fields(info({"stats"}));
  EXPECT_EQ(after["keyspace_hits"], "1");
  EXPECT_EQ(after["keyspace_misses"], "1");
  EXPECT_EQ(after["total_error_replies"], "1");
  EXPECT_EQ(after["acl_access_denied_auth"], "3");
  EXPECT_EQ(std::stoull(after["total_commands_processed"]),
            std::stoull(before["total_commands_processed"]) + 1);
}

TEST_F(ServerFamily, InfoCommandstats) {
  h.run({"DBSIZE"});
  h.run({"DBSIZE"});
  h.run({"CONFIG", "GET", "hz"});
  h.run({"CONFIG", "SET", "hz", "x"});
  h.run({"DBSIZE", "extra"});
  std::string cs = info({"commandstats"});
  EXPECT_THAT(cs, StartsWith("# Commandstats\r\n"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      cs, m,
      std::regex("cmdstat_dbsize:calls=2,usec=([0-9]+),usec_per_call=([0-9]+\\.[0-9]{2}),"
                 "rejected_calls=1,failed_calls=0\r\n")))
      << cs;
  EXPECT_THAT(cs,
              MatchesRegex("(.|\r|\n)*cmdstat_config\\|get:calls=1,usec=[0-9]+,"
                           "usec_per_call=[0-9.]+,rejected_calls=0,failed_calls=0\r\n(.|\r|\n)*"));
  EXPECT_THAT(cs,
              MatchesRegex("(.|\r|\n)*cmdstat_config\\|set:calls=1,usec=[0-9]+,"
                           "usec_per_call=[0-9.]+,rejected_calls=0,failed_calls=1\r\n(.|\r|\n)*"));
  EXPECT_THAT(cs, ::testing::Not(HasSubstr("cmdstat_time")));
}

// ---------------------------------------------------------------- SHUTDOWN / MEMORY

TEST_F(ServerFamily, ShutdownRequestsAndCloses) {
  int requested = 0;
  h.server.request_shutdown = [&] { ++requested; };
  EXPECT_EQ(h.run({"SHUTDOWN", "ABORT"}), error("ERR No shutdown in progress."));
  EXPECT_EQ(h.run({"SHUTDOWN", "NOSAVE", "SAVE"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SHUTDOWN", "ABORT", "NOW"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SHUTDOWN", "LATER"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"SHUTDOWN", "SAVE"}), error("ERR Errors trying to SHUTDOWN. Check logs."));
  EXPECT_EQ(requested, 0);
  EXPECT_FALSE(h.client.close_after_reply);
  EXPECT_EQ(h.run({"SHUTDOWN", "NOSAVE", "NOW", "FORCE"}), "");
  EXPECT_EQ(requested, 1);
  EXPECT_TRUE(h.client.close_after_reply);

  Harness bare;  // no hook installed (in-process): still closes, no crash
  EXPECT_EQ(bare.run({"SHUTDOWN"}), "");
  EXPECT_TRUE(bare.client.close_after_reply);
}

TEST_F(ServerFamily, MemoryUsage) {
  EXPECT_EQ(h.run({"MEMORY", "USAGE", "nosuch"}), nil());
  h.keyspace.db(0).set("k", store::Value::string(std::string(1000, 'x')));
  std::string r = h.run({"MEMORY", "USAGE", "k"});
  ASSERT_EQ(r[0], ':') << r;
  EXPECT_GT(std::stoll(r.substr(1)), 1000);
  EXPECT_EQ(h.run({"MEMORY", "USAGE", "k", "SAMPLES", "0"}), r);
  EXPECT_EQ(h.run({"MEMORY", "USAGE", "k", "SAMPLES", "x"}),
            error("ERR value is not an integer or out of range"));
  EXPECT_EQ(h.run({"MEMORY", "USAGE", "k", "SAMPLES", "-1"}), error("ERR syntax error"));
  EXPECT_EQ(h.run({"MEMORY", "USAGE", "k", "foo"}), error("ERR syntax error"));
  EXPECT_THAT(h.run({"MEMORY", "HELP"}), StartsWith("*6\r\n+MEMORY <subcommand>"));
}

}  // namespace
}  // namespace ironkv::test
