// Pub/Sub over real sockets: delivery to many subscribers and patterns across
// connections, order of replies and messages (threaded and io-threads 1),
// subscribed-mode rules, unsubscribe on disconnect/RESET, keyspace events
// including active expiry, and a slow subscriber cut off by
// client-output-buffer-limit while the server stays responsive and small.

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/shared_server_fixture.h"

namespace ironkv::test {
namespace {

using std::chrono::milliseconds;

// Splits `buf` into complete RESP2 frames (a trailing partial frame is left out).
std::vector<std::string> frames(std::string_view buf) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < buf.size()) {
    auto n = reply_length(buf, at);
    if (!n) break;
    out.emplace_back(buf.substr(at, *n));
    at += *n;
  }
  return out;
}

// Reads until `n` complete frames arrived (or the deadline passed).
std::vector<std::string> read_frames(Client& c, size_t n, milliseconds timeout = kDefaultTimeout) {
  std::string got = c.read_until(
      [n](std::string_view b) {
        size_t count = 0, at = 0;
        while (count < n) {
          auto len = reply_length(b, at);
          if (!len) return false;
          at += *len;
          ++count;
        }
        return true;
      },
      timeout);
  return frames(got);
}

std::string message(std::string_view ch, std::string_view msg) {
  return "*3\r\n" + resp_bulk("message") + resp_bulk(ch) + resp_bulk(msg);
}
std::string pmessage(std::string_view pat, std::string_view ch, std::string_view msg) {
  return "*4\r\n" + resp_bulk("pmessage") + resp_bulk(pat) + resp_bulk(ch) + resp_bulk(msg);
}
std::string confirm(std::string_view kind, std::string_view name, int count) {
  return "*3\r\n" + resp_bulk(kind) + resp_bulk(name) + ":" + std::to_string(count) + "\r\n";
}

std::string call(Client& c, const std::vector<std::string>& args) {
  if (!c.send(resp_command(args))) return "<send failed>";
  auto f = read_frames(c, 1);
  return f.empty() ? "<timeout>" : f[0];
}

// Polls (bounded) until `cmd` answers `want`.
bool eventually(Client& c, const std::vector<std::string>& cmd, const std::string& want) {
  for (int i = 0; i < 400; ++i) {
    if (call(c, cmd) == want) return true;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return false;
}

uint64_t rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6));
  }
  return 0;
}

class PubSubOverSockets : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--io-threads", GetParam()});
    ASSERT_TRUE(server_->ready()) << server_->describe();
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(PubSubOverSockets, ManySubscribersAndPatternsGetEveryMessageInOrder) {
  constexpr int kSubscribers = 40;
  constexpr int kPatternSubscribers = 10;
  constexpr int kMessages = 200;
  std::vector<Client> subs;
  for (int i = 0; i < kSubscribers; ++i) {
    subs.push_back(server_->connect());
    ASSERT_EQ(call(subs.back(), {"SUBSCRIBE", "feed"}), confirm("subscribe", "feed", 1));
  }
  std::vector<Client> psubs;
  for (int i = 0; i < kPatternSubscribers; ++i) {
    psubs.push_back(server_->connect());
    ASSERT_EQ(call(psubs.back(), {"PSUBSCRIBE", "fe*"}), confirm("psubscribe", "fe*", 1));
  }
  Client pub = server_->connect();
  std::string pipeline;
  for (int i = 0; i < kMessages; ++i)
    pipeline += resp_command({"PUBLISH", "feed", std::to_string(i)});
  ASSERT_TRUE(pub.send(pipeline));
  auto counts = read_frames(pub, kMessages);
  ASSERT_EQ(counts.size(), static_cast<size_t>(kMessages));
  for (const auto& c : counts)
    EXPECT_EQ(c, ":" + std::to_string(kSubscribers + kPatternSubscribers) + "\r\n");

  for (auto& s : subs) {
    auto got = read_frames(s, kMessages);
    ASSERT_EQ(got.size(), static_cast<size_t>(kMessages));
    for (int i = 0; i < kMessages; ++i) ASSERT_EQ(got[i], message("feed", std::to_string(i)));
  }
  for (auto& s : psubs) {
    auto got = read_frames(s, kMessages);
    ASSERT_EQ(got.size(), static_cast<size_t>(kMessages));
    for (int i = 0; i < kMessages; ++i)
      ASSERT_EQ(got[i], pmessage("fe*", "feed", std::to_string(i)));
  }
  EXPECT_EQ(call(pub, {"PUBSUB", "NUMSUB", "feed"}), "*2\r\n$4\r\nfeed\r\n:40\r\n");
  EXPECT_EQ(call(pub, {"PUBSUB", "NUMPAT"}), ":1\r\n");
}

// While a publisher sends 1, 2, 3 ... without pause, a subscriber subscribes
// and later unsubscribes. Its stream must be: the subscribe reply, then a
// contiguous run of messages, then the unsubscribe reply, then nothing: the
// keyspace order, whatever the thread timing.
TEST_P(PubSubOverSockets, RepliesAndMessagesKeepKeyspaceOrder) {
  Client sub = server_->connect();
  Client pub = server_->connect();
  std::atomic<bool> stop{false};
  std::atomic<int> published{0};
  std::thread publisher([&] {
    for (int i = 1; i <= 200000 && !stop.load(); ++i) {
      if (call(pub, {"PUBLISH", "ord", std::to_string(i)})[0] != ':') break;
      published = i;
    }
    stop = true;
  });
  // Joins the publisher on every way out of the test.
  struct Joiner {
    std::atomic<bool>& stop;
    std::thread& t;
    ~Joiner() {
      stop = true;
      t.join();
    }
  } joiner{stop, publisher};
  for (int i = 0; i < 5000 && published.load() < 50 && !stop.load(); ++i) {
    std::this_thread::sleep_for(milliseconds(1));
  }
  ASSERT_GE(published.load(), 50);
  ASSERT_TRUE(sub.send(resp_command({"SUBSCRIBE", "ord"})));
  std::this_thread::sleep_for(milliseconds(50));
  ASSERT_TRUE(sub.send(resp_command({"UNSUBSCRIBE", "ord"})));
  std::string want_begin = confirm("subscribe", "ord", 1);
  std::string want_end = confirm("unsubscribe", "ord", 0);
  std::string stream = sub.read_until(want_end, milliseconds(5000));
  ASSERT_EQ(stream.compare(0, want_begin.size(), want_begin), 0) << printable(stream);
  stream.erase(0, want_begin.size());
  ASSERT_TRUE(stream.size() >= want_end.size() &&
              stream.compare(stream.size() - want_end.size(), want_end.size(), want_end) == 0)
      << printable(stream);
  auto msgs = frames(std::string_view(stream).substr(0, stream.size() - want_end.size()));
  ASSERT_GT(msgs.size(), 0u);
  // Contiguous numbers: nothing lost, duplicated or reordered.
  auto number = [](const std::string& frame) {
    size_t last = frame.rfind("$");
    size_t eol = frame.find("\r\n", last);
    return std::stoi(frame.substr(eol + 2, frame.size() - eol - 4));
  };
  int start = number(msgs[0]);
  for (size_t i = 0; i < msgs.size(); ++i) {
    ASSERT_EQ(msgs[i], message("ord", std::to_string(start + static_cast<int>(i)))) << i;
  }
  // Nothing after the unsubscribe reply.
  EXPECT_TRUE(sub.read_until("*", milliseconds(100)).empty());
}

TEST_P(PubSubOverSockets, SubscribedModeRulesAndPing) {
  Client sub = server_->connect();
  std::string req = resp_command({"SUBSCRIBE", "a", "b"}) + resp_command({"GET", "k"}) +
                    resp_command({"PING"}) + resp_command({"PING", "hi"}) +
                    resp_command({"PSUBSCRIBE", "x*"});
  std::string want =
      confirm("subscribe", "a", 1) + confirm("subscribe", "b", 2) +
      "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
      "are allowed in this context\r\n" +
      "*2\r\n$4\r\npong\r\n$0\r\n\r\n*2\r\n$4\r\npong\r\n$2\r\nhi\r\n" +
      confirm("psubscribe", "x*", 3);
  EXPECT_EQ(sub.roundtrip(req, want), want);
  EXPECT_EQ(sub.roundtrip(resp_command({"QUIT"}), "+OK\r\n"), "+OK\r\n");
  EXPECT_TRUE(sub.is_closed());
  // The QUIT (a disconnect) removed its subscriptions.
  Client admin = server_->connect();
  EXPECT_TRUE(eventually(admin, {"PUBSUB", "NUMPAT"}, ":0\r\n"));
  EXPECT_EQ(call(admin, {"PUBLISH", "a", "x"}), ":0\r\n");
}

TEST_P(PubSubOverSockets, DisconnectAndResetUnsubscribe) {
  Client admin = server_->connect();
  {
    Client gone = server_->connect();
    ASSERT_EQ(call(gone, {"SUBSCRIBE", "c"}), confirm("subscribe", "c", 1));
    EXPECT_EQ(call(admin, {"PUBLISH", "c", "1"}), ":1\r\n");
  }  // closed without UNSUBSCRIBE
  EXPECT_TRUE(eventually(admin, {"PUBSUB", "NUMSUB", "c"}, "*2\r\n$1\r\nc\r\n:0\r\n"));
  Client r = server_->connect();
  ASSERT_EQ(call(r, {"SUBSCRIBE", "c"}), confirm("subscribe", "c", 1));
  EXPECT_EQ(call(r, {"RESET"}), "+RESET\r\n");
  EXPECT_EQ(call(admin, {"PUBLISH", "c", "2"}), ":0\r\n");
  EXPECT_EQ(call(r, {"SET", "k", "v"}), "+OK\r\n");  // normal mode again
  // CLIENT LIST shows a subscriber with flag P and its counts.
  ASSERT_EQ(call(r, {"PSUBSCRIBE", "p*"}), confirm("psubscribe", "p*", 1));
  std::string list = call(admin, {"CLIENT", "LIST", "TYPE", "pubsub"});
  EXPECT_NE(list.find("flags=P db=0 sub=0 psub=1 ssub=0"), std::string::npos) << list;
}

TEST_P(PubSubOverSockets, KeyspaceEventsForSetDelExpireAndActiveExpiry) {
  Client admin = server_->connect();
  Client sub = server_->connect();
  ASSERT_EQ(call(admin, {"CONFIG", "SET", "notify-keyspace-events", "KEA"}), "+OK\r\n");
  ASSERT_EQ(call(sub, {"PSUBSCRIBE", "__key*@0__:*"}), confirm("psubscribe", "__key*@0__:*", 1));
  EXPECT_EQ(call(admin, {"SET", "k", "v"}), "+OK\r\n");
  EXPECT_EQ(call(admin, {"EXPIRE", "k", "100"}), ":1\r\n");
  EXPECT_EQ(call(admin, {"DEL", "k"}), ":1\r\n");
  EXPECT_EQ(call(admin, {"SET", "t", "v", "PX", "30"}), "+OK\r\n");
  const std::string p = "__key*@0__:*";
  std::vector<std::string> want = {
      pmessage(p, "__keyspace@0__:k", "set"),
      pmessage(p, "__keyevent@0__:set", "k"),
      pmessage(p, "__keyspace@0__:k", "expire"),
      pmessage(p, "__keyevent@0__:expire", "k"),
      pmessage(p, "__keyspace@0__:k", "del"),
      pmessage(p, "__keyevent@0__:del", "k"),
      pmessage(p, "__keyspace@0__:t", "set"),
      pmessage(p, "__keyevent@0__:set", "t"),
      pmessage(p, "__keyspace@0__:t", "expire"),
      pmessage(p, "__keyevent@0__:expire", "t"),
      // Nobody touches t again: only the active expiry cycle can find it.
      pmessage(p, "__keyspace@0__:t", "expired"),
      pmessage(p, "__keyevent@0__:expired", "t"),
  };
  auto got = read_frames(sub, want.size(), milliseconds(5000));
  EXPECT_EQ(got, want);
}

// A subscriber that never reads, with a small pubsub limit: it is cut off once
// its pending output passes the hard limit, counted in INFO, logged once; other
// clients are served meanwhile and the server's memory stays small although far
// more was published than the limit.
TEST_P(PubSubOverSockets, SlowSubscriberDisconnectedPastTheLimit) {
  Client admin = server_->connect();
  ASSERT_EQ(call(admin, {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 512kb 60"}),
            "+OK\r\n");
  Client slow = server_->connect();
  ASSERT_EQ(call(slow, {"SUBSCRIBE", "big"}), confirm("subscribe", "big", 1));
  uint64_t rss_before = rss_kb(server_->pid());

  Client pub = server_->connect();
  const std::string payload(64 * 1024, 'x');
  constexpr int kBatches = 64, kPerBatch = 16;  // 64 MB published in all
  std::string batch;
  for (int i = 0; i < kPerBatch; ++i) batch += resp_command({"PUBLISH", "big", payload});
  int delivered_to = 0;
  for (int b = 0; b < kBatches; ++b) {
    ASSERT_TRUE(pub.send(batch)) << "batch " << b;
    auto counts = read_frames(pub, kPerBatch);
    ASSERT_EQ(counts.size(), static_cast<size_t>(kPerBatch));
    for (const auto& c : counts) delivered_to += c == ":1\r\n" ? 1 : 0;
    // The server answers other clients throughout.
    ASSERT_EQ(call(admin, {"PING"}), "+PONG\r\n");
  }
  // Delivered while the subscriber existed, then 0 once it was dropped.
  EXPECT_GT(delivered_to, 0);
  EXPECT_LT(delivered_to, kBatches * kPerBatch);
  EXPECT_TRUE(slow.is_closed(milliseconds(5000)));
  std::string stats = call(admin, {"INFO", "stats"});
  EXPECT_NE(stats.find("client_output_buffer_limit_disconnections:1\r\n"), std::string::npos);
  EXPECT_TRUE(
      server_->wait_for_log("scheduled to be closed ASAP for overcoming of output buffer limits."));
  uint64_t rss_after = rss_kb(server_->pid());
  // 64 MB went through; a server that kept it for the subscriber would be far bigger.
  EXPECT_LT(rss_after, rss_before + 24 * 1024)
      << "before " << rss_before << " kB, after " << rss_after << " kB";
  EXPECT_EQ(call(pub, {"PUBLISH", "big", "x"}), ":0\r\n");
}

// With only a soft limit, a subscriber that stays above it for longer than
// the soft seconds is cut off (not one that merely touches it).
TEST_P(PubSubOverSockets, SoftLimitHeldForItsSecondsDisconnects) {
  Client admin = server_->connect();
  ASSERT_EQ(call(admin, {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 0 256kb 1"}),
            "+OK\r\n");
  Client slow = server_->connect();
  ASSERT_EQ(call(slow, {"SUBSCRIBE", "soft"}), confirm("subscribe", "soft", 1));
  Client pub = server_->connect();
  const std::string payload(1024 * 1024, 's');
  auto start = Clock::now();
  std::string reply;
  // At most 40 MB over at most ~4 s: the kernel's socket buffers fill first,
  // then the output stays above 256 kB until the soft second has passed.
  for (int i = 0; i < 40; ++i) {
    reply = call(pub, {"PUBLISH", "soft", payload});
    if (reply == ":0\r\n") break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  auto elapsed = Clock::now() - start;
  EXPECT_EQ(reply, ":0\r\n") << "never disconnected";
  EXPECT_GE(elapsed, milliseconds(1000));  // not before the soft seconds passed
  EXPECT_TRUE(slow.is_closed(milliseconds(5000)));
  EXPECT_NE(call(admin, {"INFO", "stats"}).find("client_output_buffer_limit_disconnections:1\r\n"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(IoThreads, PubSubOverSockets, ::testing::Values("2", "1"),
                         [](const auto& info) { return std::string("io_threads_") + info.param; });

}  // namespace
}  // namespace ironkv::test
