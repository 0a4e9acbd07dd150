// Pub/Sub commands, subscribed mode, delivery batching and keyspace
// notifications, in-process. Expected bytes were taken from redis-server 7.0.15.

#include <gtest/gtest.h>

#include "core/server/keyspace_events.h"
#include "harness.h"

namespace ironkv::test {
namespace {

std::string confirm(std::string_view kind, std::string_view name, long long count) {
  return "*3\r\n" + bulk(kind) + bulk(name) + integer(count);
}
std::string confirm_nil(std::string_view kind, long long count) {
  return "*3\r\n" + bulk(kind) + nil() + integer(count);
}
std::string message(std::string_view ch, std::string_view msg) {
  return "*3\r\n" + bulk("message") + bulk(ch) + bulk(msg);
}
std::string pmessage(std::string_view pat, std::string_view ch, std::string_view msg) {
  return "*4\r\n" + bulk("pmessage") + bulk(pat) + bulk(ch) + bulk(msg);
}
std::string smessage(std::string_view ch, std::string_view msg) {
  return "*3\r\n" + bulk("smessage") + bulk(ch) + bulk(msg);
}

// A second client of the harness; messages stay in its push_pending (no connection).
struct Client {
  explicit Client(Harness& h) : h(h) { st.id = h.server.next_client_id++; }
  std::string run(std::initializer_list<std::string_view> argv) {
    return h.run_as(st, std::vector<std::string>(argv.begin(), argv.end()));
  }
  std::string take() {
    std::string out;
    out.swap(st.pubsub.pending);
    return out;
  }
  Harness& h;
  server::ClientState st;
};

// A connection stand-in that records what the registry hands over.
class PushHandle : public FakeHandle {
 public:
  void push(std::string data) override {
    ++pushes;
    received += data;
  }
  int pushes = 0;
  std::string received;
};

TEST(PubSub, SubscribeUnsubscribeReplies) {
  Harness h;
  EXPECT_EQ(h.run({"UNSUBSCRIBE"}), confirm_nil("unsubscribe", 0));
  EXPECT_EQ(h.run({"PUNSUBSCRIBE"}), confirm_nil("punsubscribe", 0));
  EXPECT_EQ(h.run({"SUNSUBSCRIBE"}), confirm_nil("sunsubscribe", 0));
  EXPECT_EQ(
      h.run({"SUBSCRIBE", "a", "b", "a"}),
      confirm("subscribe", "a", 1) + confirm("subscribe", "b", 2) + confirm("subscribe", "a", 2));
  EXPECT_EQ(h.run({"PSUBSCRIBE", "c*", "x?"}),
            confirm("psubscribe", "c*", 3) + confirm("psubscribe", "x?", 4));
  // Shard channels are counted on their own.
  EXPECT_EQ(h.run({"SSUBSCRIBE", "s1"}), confirm("ssubscribe", "s1", 1));
  EXPECT_EQ(h.run({"UNSUBSCRIBE", "zz"}), confirm("unsubscribe", "zz", 4));
  EXPECT_EQ(h.run({"UNSUBSCRIBE"}),
            confirm("unsubscribe", "a", 3) + confirm("unsubscribe", "b", 2));
  EXPECT_EQ(h.run({"PUNSUBSCRIBE", "x?"}), confirm("punsubscribe", "x?", 1));
  EXPECT_EQ(h.run({"PUNSUBSCRIBE"}), confirm("punsubscribe", "c*", 0));
  EXPECT_EQ(h.run({"SUNSUBSCRIBE"}), confirm("sunsubscribe", "s1", 0));
  EXPECT_EQ(h.run({"UNSUBSCRIBE"}), confirm_nil("unsubscribe", 0));
  EXPECT_FALSE(h.client.subscribed());
}

TEST(PubSub, ArityErrors) {
  Harness h;
  EXPECT_EQ(h.run({"SUBSCRIBE"}), error("ERR wrong number of arguments for 'subscribe' command"));
  EXPECT_EQ(h.run({"PSUBSCRIBE"}), error("ERR wrong number of arguments for 'psubscribe' command"));
  EXPECT_EQ(h.run({"SSUBSCRIBE"}), error("ERR wrong number of arguments for 'ssubscribe' command"));
  EXPECT_EQ(h.run({"PUBLISH", "a"}), error("ERR wrong number of arguments for 'publish' command"));
  EXPECT_EQ(h.run({"SPUBLISH", "a"}),
            error("ERR wrong number of arguments for 'spublish' command"));
  EXPECT_EQ(h.run({"PUBSUB"}), error("ERR wrong number of arguments for 'pubsub' command"));
  EXPECT_EQ(h.run({"PUBSUB", "FOO"}), error("ERR unknown subcommand 'FOO'. Try PUBSUB HELP."));
  EXPECT_EQ(h.run({"PUBSUB", "NUMPAT", "x"}),
            error("ERR wrong number of arguments for 'pubsub|numpat' command"));
  EXPECT_EQ(h.run({"PUBSUB", "CHANNELS", "a", "b"}),
            error("ERR unknown subcommand or wrong number of arguments for 'channels'. Try "
                  "PUBSUB HELP."));
}

TEST(PubSub, PublishDeliversToChannelsAndPatterns) {
  Harness h;
  Client sub(h), psub(h);
  sub.run({"SUBSCRIBE", "news"});
  psub.run({"PSUBSCRIBE", "n*", "[mn]ews", "x"});
  EXPECT_EQ(h.run({"PUBLISH", "news", "hello"}), integer(3));
  EXPECT_EQ(sub.take(), message("news", "hello"));
  std::string got = psub.take();
  // One pmessage per matching pattern (hash order among patterns).
  EXPECT_NE(got.find(pmessage("n*", "news", "hello")), std::string::npos);
  EXPECT_NE(got.find(pmessage("[mn]ews", "news", "hello")), std::string::npos);
  EXPECT_EQ(got.size(),
            pmessage("n*", "news", "hello").size() + pmessage("[mn]ews", "news", "hello").size());
  EXPECT_EQ(h.run({"PUBLISH", "other", "x"}), integer(0));
  EXPECT_EQ(h.run({"PUBLISH", "x", std::string_view("binary\r\n\0", 9)}), integer(1));
  EXPECT_EQ(psub.take(), pmessage("x", "x", std::string_view("binary\r\n\0", 9)));
  // A client subscribed twice to matching things receives twice, counted twice.
  sub.run({"PSUBSCRIBE", "ne?s"});
  EXPECT_EQ(h.run({"PUBLISH", "news", "2"}), integer(4));
  EXPECT_EQ(sub.take(), message("news", "2") + pmessage("ne?s", "news", "2"));
}

TEST(PubSub, ShardChannelsAreSeparate) {
  Harness h;
  Client sub(h);
  sub.run({"SSUBSCRIBE", "orders"});
  sub.run({"PSUBSCRIBE", "*"});
  EXPECT_EQ(h.run({"SPUBLISH", "orders", "1"}), integer(1));
  EXPECT_EQ(sub.take(), smessage("orders", "1"));
  // PUBLISH to the same name reaches the pattern only, not the shard channel.
  EXPECT_EQ(h.run({"PUBLISH", "orders", "2"}), integer(1));
  EXPECT_EQ(sub.take(), pmessage("*", "orders", "2"));
  EXPECT_EQ(h.run({"PUBSUB", "SHARDCHANNELS"}), bulks({"orders"}));
  EXPECT_EQ(h.run({"PUBSUB", "SHARDNUMSUB", "orders", "x"}),
            array({bulk("orders"), integer(1), bulk("x"), integer(0)}));
  EXPECT_EQ(h.run({"PUBSUB", "CHANNELS"}), "*0\r\n");
}

TEST(PubSub, PubsubIntrospection) {
  Harness h;
  Client a(h), b(h);
  a.run({"SUBSCRIBE", "ch1", "ch2", "other"});
  b.run({"SUBSCRIBE", "ch1"});
  b.run({"PSUBSCRIBE", "p*", "q*"});
  a.run({"PSUBSCRIBE", "p*"});
  EXPECT_EQ(h.run({"PUBSUB", "CHANNELS"}), bulks({"ch1", "ch2", "other"}));
  EXPECT_EQ(h.run({"PUBSUB", "CHANNELS", "ch*"}), bulks({"ch1", "ch2"}));
  EXPECT_EQ(h.run({"PUBSUB", "CHANNELS", ""}), "*0\r\n");  // "" matches no channel
  EXPECT_EQ(h.run({"PUBSUB", "NUMSUB", "ch1", "ch2", "nope"}),
            array({bulk("ch1"), integer(2), bulk("ch2"), integer(1), bulk("nope"), integer(0)}));
  EXPECT_EQ(h.run({"PUBSUB", "NUMSUB"}), "*0\r\n");
  EXPECT_EQ(h.run({"PUBSUB", "NUMPAT"}), integer(2));
  std::string help = h.run({"PUBSUB", "HELP"});
  EXPECT_EQ(help.substr(0, 71),
            "*14\r\n+PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n");
  std::string info = h.run({"INFO", "stats"});
  EXPECT_NE(info.find("pubsub_channels:3\r\npubsub_patterns:2\r\npubsubshard_channels:0\r\n"),
            std::string::npos);
  // Disconnect-style removal drops everything.
  h.server.pubsub.disconnect(a.st);
  h.server.pubsub.disconnect(b.st);
  EXPECT_EQ(h.run({"PUBSUB", "CHANNELS"}), "*0\r\n");
  EXPECT_EQ(h.run({"PUBSUB", "NUMPAT"}), integer(0));
}

TEST(PubSub, SubscribedModeAllowsOnlySomeCommands) {
  Harness h;
  h.run({"SUBSCRIBE", "a"});
  EXPECT_EQ(h.run({"GET", "k"}),
            error("ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / "
                  "QUIT / RESET are allowed in this context"));
  EXPECT_EQ(h.run({"CONFIG", "GET", "hz"}),
            error("ERR Can't execute 'config|get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / "
                  "PING / QUIT / RESET are allowed in this context"));
  EXPECT_EQ(h.run({"PING"}), "*2\r\n$4\r\npong\r\n$0\r\n\r\n");
  EXPECT_EQ(h.run({"PING", "x"}), "*2\r\n$4\r\npong\r\n$1\r\nx\r\n");
  EXPECT_EQ(h.run({"SSUBSCRIBE", "s"}), confirm("ssubscribe", "s", 1));
  EXPECT_EQ(h.run({"PSUBSCRIBE", "p"}), confirm("psubscribe", "p", 2));
  // RESET leaves subscribed mode and drops every subscription.
  EXPECT_EQ(h.run({"RESET"}), simple("RESET"));
  EXPECT_FALSE(h.client.subscribed());
  EXPECT_EQ(h.run({"PUBSUB", "NUMPAT"}), integer(0));
  EXPECT_EQ(h.run({"PING"}), simple("PONG"));
  h.run({"SUBSCRIBE", "a"});
  EXPECT_EQ(h.run({"QUIT"}), ok());
}

TEST(PubSub, ClientListShowsSubscriptions) {
  Harness h;
  PushHandle conn;
  Client a(h);
  conn.st.id = a.st.id;
  conn.st.handle = &conn;
  h.server.clients[conn.st.id] = &conn;
  auto run = [&](std::initializer_list<std::string_view> argv) {
    return h.run_as(conn.st, std::vector<std::string>(argv.begin(), argv.end()));
  };
  run({"SUBSCRIBE", "x", "y"});
  run({"PSUBSCRIBE", "p*"});
  run({"SSUBSCRIBE", "s"});
  std::string all = h.run({"CLIENT", "LIST"});
  EXPECT_NE(all.find("flags=P db=0 sub=2 psub=1 ssub=1 "), std::string::npos);
  EXPECT_NE(all.find("flags=N db=0 sub=0 psub=0 ssub=0 "), std::string::npos);
  std::string pub = h.run({"CLIENT", "LIST", "TYPE", "pubsub"});
  EXPECT_NE(pub.find("id=" + std::to_string(a.st.id) + " "), std::string::npos);
  EXPECT_EQ(pub.find("flags=N"), std::string::npos);
  std::string normal = h.run({"CLIENT", "LIST", "TYPE", "normal"});
  EXPECT_EQ(normal.find("flags=P"), std::string::npos);
}

TEST(PubSub, FlushHandsEachClientOneBatch) {
  Harness h;
  PushHandle conn;
  conn.st.id = 77;
  conn.st.handle = &conn;
  h.run_as(conn.st, {"SUBSCRIBE", "c"});
  for (int i = 0; i < 100; ++i) h.run({"PUBLISH", "c", std::to_string(i)});
  EXPECT_EQ(conn.pushes, 0);  // nothing leaves before the end of the hop
  EXPECT_TRUE(h.server.pubsub.has_pending());
  h.server.pubsub.flush();
  EXPECT_EQ(conn.pushes, 1);
  std::string want;
  for (int i = 0; i < 100; ++i) want += message("c", std::to_string(i));
  EXPECT_EQ(conn.received, want);
  EXPECT_TRUE(conn.st.pubsub.pending.empty());
  EXPECT_FALSE(h.server.pubsub.has_pending());
  // The client whose hop ends gets its own messages after its replies.
  std::string out = "+OK\r\n";
  h.run_as(conn.st, {"PSUBSCRIBE", "*"});
  h.run({"PUBLISH", "x", "1"});
  h.server.pubsub.flush(&conn.st, &out);
  EXPECT_EQ(out, "+OK\r\n" + pmessage("*", "x", "1"));
  EXPECT_EQ(conn.pushes, 1);
}

// --------------------------------------------------------------- notifications

// Subscribes a client to every keyspace/keyevent channel and returns events as
// "channel=payload" lines.
struct EventListener {
  explicit EventListener(Harness& h, std::string_view flags = "KEA") : c(h) {
    EXPECT_EQ(h.run({"CONFIG", "SET", "notify-keyspace-events", flags}), ok());
    c.run({"PSUBSCRIBE", "__key*__:*"});
  }
  std::vector<std::string> events() {
    std::vector<std::string> out;
    std::string raw = c.take();
    // Frames are *4 pmessage <pattern> <channel> <payload>; read the bulks.
    size_t pos = 0;
    auto next_bulk = [&]() {
      size_t dollar = raw.find('$', pos);
      size_t crlf = raw.find("\r\n", dollar);
      size_t len = std::stoul(raw.substr(dollar + 1, crlf - dollar - 1));
      std::string s = raw.substr(crlf + 2, len);
      pos = crlf + 2 + len + 2;
      return s;
    };
    while (pos < raw.size()) {
      next_bulk();  // "pmessage"
      next_bulk();  // pattern
      std::string ch = next_bulk();
      std::string payload = next_bulk();
      out.push_back(ch + "=" + payload);
    }
    return out;
  }
  Client c;
};

using Events = std::vector<std::string>;

Events both(std::string_view event, std::string_view key, int db = 0) {
  std::string d = std::to_string(db);
  return {"__keyspace@" + d + "__:" + std::string(key) + "=" + std::string(event),
          "__keyevent@" + d + "__:" + std::string(event) + "=" + std::string(key)};
}
Events cat(std::initializer_list<Events> parts) {
  Events out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

TEST(KeyspaceEvents, OffByDefaultCostsNothing) {
  Harness h;
  Client sub(h);
  sub.run({"PSUBSCRIBE", "*"});
  h.run({"SET", "k", "v"});
  EXPECT_EQ(sub.take(), "");
  EXPECT_EQ(h.run({"CONFIG", "GET", "notify-keyspace-events"}),
            bulks({"notify-keyspace-events", ""}));
}

TEST(KeyspaceEvents, ConfigNormalisedLikeRedis) {
  Harness h;
  auto set_get = [&](std::string_view v) {
    EXPECT_EQ(h.run({"CONFIG", "SET", "notify-keyspace-events", v}), ok());
    std::string r = h.run({"CONFIG", "GET", "notify-keyspace-events"});
    return r.substr(r.find("events\r\n") + 8);
  };
  EXPECT_EQ(set_get("KEA"), bulk("AKE"));
  EXPECT_EQ(set_get("Ex"), bulk("xE"));
  EXPECT_EQ(set_get("gE$lshzxetmdn"), bulk("AEm"));  // A hides n, as Redis 7.0 does
  EXPECT_EQ(set_get("AKEnm"), bulk("AKEm"));
  EXPECT_EQ(set_get("Kx$"), bulk("$xK"));
  EXPECT_EQ(set_get("Kdt"), bulk("tdK"));
  EXPECT_EQ(set_get("Kn"), bulk("nK"));
  EXPECT_EQ(set_get(""), bulk(""));
  EXPECT_EQ(h.run({"CONFIG", "SET", "notify-keyspace-events", "KEA "}),
            error("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') "
                  "- Invalid event class character. Use 'Ag$lshzxeKEtmdn'."));
  EXPECT_EQ(server::events::flags_to_string(0), "");
  EXPECT_FALSE(server::events::parse_flags("Z").has_value());
}

TEST(KeyspaceEvents, OnlySelectedClassesAndKinds) {
  Harness h;
  EventListener l(h, "El");  // key-event channel, list class only
  h.run({"SET", "s", "v"});
  h.run({"LPUSH", "l", "a"});
  EXPECT_EQ(l.events(), Events{"__keyevent@0__:lpush=l"});
  EXPECT_EQ(h.run({"CONFIG", "SET", "notify-keyspace-events", "K$"}), ok());
  h.run({"SET", "s", "v"});
  h.run({"LPUSH", "l", "a"});
  EXPECT_EQ(l.events(), Events{"__keyspace@0__:s=set"});
}

TEST(KeyspaceEvents, StringAndGeneric) {
  Harness h;
  EventListener l(h, "KEAn");
  h.run({"SET", "a", "1", "EX", "100"});
  EXPECT_EQ(l.events(), cat({both("new", "a"), both("set", "a"), both("expire", "a")}));
  h.run({"INCRBY", "a", "2"});
  h.run({"INCRBYFLOAT", "a", "1.5"});
  h.run({"APPEND", "a", "x"});
  h.run({"SETRANGE", "a", "0", "z"});
  EXPECT_EQ(l.events(), cat({both("incrby", "a"), both("incrbyfloat", "a"), both("append", "a"),
                             both("setrange", "a")}));
  h.run({"GETEX", "a", "PERSIST"});
  h.run({"GETDEL", "a"});
  EXPECT_EQ(l.events(), cat({both("persist", "a"), both("del", "a")}));
  h.run({"MSET", "b", "1", "c", "2"});
  EXPECT_EQ(l.events(),
            cat({both("new", "b"), both("set", "b"), both("new", "c"), both("set", "c")}));
  h.run({"EXPIRE", "b", "100"});
  h.run({"EXPIRE", "c", "-1"});  // in the past: deleted, "del" only
  EXPECT_EQ(l.events(), cat({both("expire", "b"), both("del", "c")}));
  h.run({"RENAME", "b", "d"});
  EXPECT_EQ(l.events(), cat({both("new", "d"), both("rename_from", "b"), both("rename_to", "d")}));
  h.run({"COPY", "d", "e", "DB", "1"});
  h.run({"MOVE", "d", "2"});
  EXPECT_EQ(l.events(), cat({both("new", "e", 1), both("copy_to", "e", 1), both("new", "d", 2),
                             both("move_from", "d"), both("move_to", "d", 2)}));
  h.run({"DEL", "nokey"});  // nothing happened, nothing notified
  EXPECT_EQ(l.events(), Events{});
}

TEST(KeyspaceEvents, Collections) {
  Harness h;
  EventListener l(h);
  h.run({"RPUSH", "l", "a", "b"});
  h.run({"LMOVE", "l", "m", "LEFT", "RIGHT"});
  h.run({"LPOP", "l"});
  EXPECT_EQ(l.events(), cat({both("rpush", "l"), both("rpush", "m"), both("lpop", "l"),
                             both("lpop", "l"), both("del", "l")}));
  h.run({"HSET", "h", "f", "1"});
  h.run({"HINCRBY", "h", "f", "1"});
  h.run({"HDEL", "h", "f"});
  EXPECT_EQ(l.events(),
            cat({both("hset", "h"), both("hincrby", "h"), both("hdel", "h"), both("del", "h")}));
  h.run({"SADD", "s", "a"});
  h.run({"SADD", "s", "a"});  // nothing added
  h.run({"SREM", "s", "a"});
  EXPECT_EQ(l.events(), cat({both("sadd", "s"), both("srem", "s"), both("del", "s")}));
  h.run({"ZADD", "z", "1", "a"});
  h.run({"ZINCRBY", "z", "1", "a"});
  h.run({"ZADD", "z2", "1", "b"});
  h.run({"ZUNIONSTORE", "z3", "2", "z", "z2"});
  h.run({"ZPOPMIN", "z"});
  EXPECT_EQ(l.events(), cat({both("zadd", "z"), both("zincr", "z"), both("zadd", "z2"),
                             both("zunionstore", "z3"), both("zpopmin", "z"), both("del", "z")}));
}

TEST(KeyspaceEvents, ExpiredLazyAndActive) {
  Harness h;
  EventListener l(h, "Ex");
  h.run({"SET", "lazy", "v", "PX", "100"});
  h.run({"SET", "active", "v", "PX", "100"});
  h.advance_ms(200);
  EXPECT_EQ(h.run({"GET", "lazy"}), nil());
  EXPECT_EQ(l.events(), Events{"__keyevent@0__:expired=lazy"});
  h.keyspace.cron(std::chrono::microseconds(100000));
  EXPECT_EQ(l.events(), Events{"__keyevent@0__:expired=active"});
}

TEST(KeyspaceEvents, KeyMiss) {
  Harness h;
  EventListener l(h, "Em");
  h.run({"GET", "nope"});
  EXPECT_EQ(l.events(), Events{"__keyevent@0__:keymiss=nope"});
}

// ------------------------------------------------------- client-output-buffer-limit

TEST(OutputBufferLimitConfig, RedisSyntaxAndFormatting) {
  Harness h;
  auto get = [&] {
    std::string r = h.run({"CONFIG", "GET", "client-output-buffer-limit"});
    size_t at = r.find("limit\r\n") + 7;
    return r.substr(at);
  };
  EXPECT_EQ(get(), bulk("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 512kb 10"}), ok());
  EXPECT_EQ(get(), bulk("normal 0 0 0 slave 268435456 67108864 60 pubsub 1048576 524288 10"));
  EXPECT_EQ(
      h.run({"CONFIG", "SET", "client-output-buffer-limit", "normal 1gb 2 3 replica 1k 2k 5"}),
      ok());
  EXPECT_EQ(get(), bulk("normal 1073741824 2 3 slave 1000 2000 5 pubsub 1048576 524288 10"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "client-output-buffer-limit", "NORMAL 4 5 6 normal 7 8 9"}),
            ok());
  EXPECT_EQ(get(), bulk("normal 7 8 9 slave 1000 2000 5 pubsub 1048576 524288 10"));
  EXPECT_EQ(h.run({"CONFIG", "SET", "client-output-buffer-limit", ""}), ok());
  auto fail = [](std::string_view why) {
    return error(
        "ERR CONFIG SET failed (possibly related to argument "
        "'client-output-buffer-limit') - " +
        std::string(why));
  };
  EXPECT_EQ(h.run({"CONFIG", "SET", "client-output-buffer-limit", "normal 1 2"}),
            fail("Wrong number of arguments in buffer limit configuration."));
  EXPECT_EQ(h.run({"CONFIG", "SET", "client-output-buffer-limit", "  "}),
            fail("Wrong number of arguments in buffer limit configuration."));
  EXPECT_EQ(h.run({"CONFIG", "SET", "client-output-buffer-limit", "master 1 2 3"}),
            fail("Invalid client class specified in buffer limit configuration."));
  for (std::string_view bad :
       {"normal x 2 3", "normal 1 2 -3", "normal -1 2 3", "normal 1.5mb 2 3", "normal 1 2 x"}) {
    EXPECT_EQ(h.run({"CONFIG", "SET", "client-output-buffer-limit", bad}),
              fail("Error in hard, soft or soft_seconds setting in buffer limit configuration."))
        << bad;
  }
  // A bad group anywhere changes nothing.
  EXPECT_EQ(h.run({"CONFIG", "SET", "client-output-buffer-limit", "normal 1 1 1 pubsub x 1 1"}),
            fail("Error in hard, soft or soft_seconds setting in buffer limit configuration."));
  EXPECT_EQ(get(), bulk("normal 7 8 9 slave 1000 2000 5 pubsub 1048576 524288 10"));
  const auto& lim = h.server.config.client_output_buffer_limit[server::kClassPubsub];
  EXPECT_EQ(lim.hard, 1048576u);
  EXPECT_EQ(lim.soft, 524288u);
  EXPECT_EQ(lim.soft_seconds, 10);
}

TEST(OutputBufferLimitConfig, TomlNames) {
  const auto* o = server::find_option("limits.client_output_buffer_limit");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->name, "client-output-buffer-limit");
  const auto* n = server::find_option("server.notify_keyspace_events");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->name, "notify-keyspace-events");
  server::Config c;
  EXPECT_EQ(server::set_option(c, *n, "Q"),
            std::optional<std::string>("Invalid event class character. Use 'Ag$lshzxeKEtmdn'."));
  EXPECT_EQ(server::set_option(c, *o, "pubsub 10 5 1"), std::nullopt);
  EXPECT_EQ(c.client_output_buffer_limit[server::kClassPubsub].hard, 10u);
}

}  // namespace
}  // namespace ironkv::test
