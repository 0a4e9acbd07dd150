// Many clients at once across io threads, and garbage input: the server must
// stay correct (atomic INCR) and alive (never crash on any bytes).

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <algorithm>
#include <iostream>
#include <atomic>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/server_process.h"

namespace ironkv::test {
namespace {

constexpr std::string_view kPing = "*1\r\n$4\r\nPING\r\n";
constexpr std::string_view kPong = "+PONG\r\n";

// Reads one ":<n>\r\n" reply; nullopt on anything else.
std::optional<int64_t> read_integer_reply(Client& c) {
  std::string line = c.read_until("\r\n");
  if (line.size() < 4 || line[0] != ':' || line.substr(line.size() - 2) != "\r\n") return std::nullopt;
  try {
    return std::stoll(line.substr(1, line.size() - 3));
  } catch (...) {
    return std::nullopt;
  }
}

TEST(Concurrency, IncrFromManyClientsIsAtomic) {
  ServerProcess server({"--io-threads", "4"});
  ASSERT_TRUE(server.ready()) << server.describe();
  constexpr int kThreads = 50;
  constexpr int kIncrs = 200;

  std::mutex mu;
  std::vector<int64_t> seen;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<int64_t> mine;
      std::string failure;
      Client c = server.connect();
      if (!c.valid()) failure = "thread " + std::to_string(t) + ": cannot connect";
      const std::string incr = resp_command({"INCR", "cc:counter"});
      for (int i = 0; i < kIncrs && failure.empty(); ++i) {
        if (!c.send(incr)) {
          failure = "thread " + std::to_string(t) + ": send failed";
          break;
        }
        auto v = read_integer_reply(c);
        if (!v) failure = "thread " + std::to_string(t) + ": bad reply to INCR #" + std::to_string(i);
        else mine.push_back(*v);
      }
      std::lock_guard lock(mu);
      seen.insert(seen.end(), mine.begin(), mine.end());
      if (!failure.empty()) failures.push_back(failure);
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(failures.empty()) << failures.front() << " (" << failures.size() << " threads failed)";

  // Every INCR saw a distinct value: together exactly 1..10000.
  ASSERT_EQ(seen.size(), static_cast<size_t>(kThreads * kIncrs));
  std::sort(seen.begin(), seen.end());
  for (size_t i = 0; i < seen.size(); ++i) {
    ASSERT_EQ(seen[i], static_cast<int64_t>(i + 1)) << "duplicate or missing INCR result";
  }
  Client c = server.connect();
  EXPECT_EQ(printable(c.roundtrip(resp_command({"GET", "cc:counter"}), "$5\r\n10000\r\n")),
            "$5\\r\\n10000\\r\\n");
}

TEST(Concurrency, PipelinedClientsInParallelGetTheirOwnReplies) {
  ServerProcess server({"--io-threads", "4"});
  ASSERT_TRUE(server.ready()) << server.describe();
  constexpr int kThreads = 16;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Client c = server.connect();
      std::string request;
      std::string expected;
      for (int i = 0; i < 500; ++i) {
        std::string v = "t" + std::to_string(t) + "-" + std::to_string(i);
        request += resp_command({"ECHO", v});
        expected += resp_bulk(v);
      }
      for (int round = 0; round < 4; ++round) {
        if (!c.send(request)) return;
        if (c.read_exact(expected.size(), milliseconds(10000)) != expected) return;
      }
      ok.fetch_add(1);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), kThreads) << "some pipelined clients got wrong or missing replies";
}

// Valid requests to be mutated by the fuzz loop; nothing that stops or wipes the server.
const std::vector<std::string>& fuzz_templates() {
  static const std::vector<std::string> kTemplates = [] {
    std::vector<std::string> t;
    t.push_back(resp_command({"SET", "fz:key", "some value"}));
    t.push_back(resp_command({"GET", "fz:key"}));
    t.push_back(resp_command({"INCR", "fz:n"}));
    t.push_back(resp_command({"MSET", "fz:a", "1", "fz:b", "2"}));
    t.push_back(resp_command({"ECHO", std::string(300, 'e')}));
    t.push_back(resp_command({"PING"}));
    t.push_back("SET \"fz:q\" 'v\\x41' \r\n");
    t.push_back("GET fz:q\n");
    t.push_back("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n");
    return t;
  }();
  return kTemplates;
}

std::string fuzz_payload(std::mt19937& rng, int round) {
  std::string data;
  if (round % 2 == 0) {
    // Pure noise, biased towards protocol bytes now and then.
    static constexpr char kProtocolBytes[] = "*$:+-\r\n0123456789 \"'\\";
    data.resize(4096);
    for (auto& ch : data) {
      ch = (rng() % 4 == 0) ? kProtocolBytes[rng() % (sizeof kProtocolBytes - 1)]
                            : static_cast<char>(rng() & 0xff);
    }
    return data;
  }
  // Valid frames with flipped, dropped or inserted bytes.
  const auto& templates = fuzz_templates();
  while (data.size() < 4096) data += templates[rng() % templates.size()];
  data.resize(4096);
  int mutations = 1 + static_cast<int>(rng() % 16);
  for (int m = 0; m < mutations; ++m) {
    size_t at = rng() % data.size();
    switch (rng() % 3) {
      case 0:
        data[at] = static_cast<char>(rng() & 0xff);
        break;
      case 1:
        data.erase(at, 1);
        break;
      default:
        data.insert(at, 1, "*$-\r\n9"[rng() % 6]);
        break;
    }
  }
  return data;
}

TEST(Robustness, GarbageNeverCrashesTheServer) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  // 1,000 connections x 4 KB, half noise and half mutated valid frames; seeded.
  constexpr int kRounds = 1000;
  std::mt19937 rng(20240601);
  auto deadline = Clock::now() + milliseconds(60000);
  int rounds = 0;
  int answered = 0;  // rounds in which at least one command succeeded
  size_t reply_bytes = 0;
  for (; rounds < kRounds && Clock::now() < deadline; ++rounds) {
    Client c = server.connect();
    ASSERT_TRUE(c.valid()) << "cannot connect at round " << rounds << "\n" << server.describe();
    c.send(fuzz_payload(rng, rounds), milliseconds(2000));
    // Half-close: the server answers what it can, then sees EOF and closes.
    ::shutdown(c.fd(), SHUT_WR);
    ReadAll r = c.read_all_until_closed(milliseconds(2000));
    reply_bytes += r.data.size();
    if (r.data.find("+OK\r\n") != std::string::npos || r.data.find("+PONG\r\n") != std::string::npos) {
      ++answered;
    }
    ASSERT_TRUE(server.running()) << "server died at fuzz round " << rounds << "\n" << server.describe();
  }
  EXPECT_EQ(rounds, kRounds) << "fuzz loop ran out of time";
  // The mutated rounds must reach command execution, or the loop tests little.
  EXPECT_GE(answered, kRounds / 10) << "only " << answered << " rounds got a command through";
  std::cout << "[ fuzz ] " << rounds << " rounds, " << answered << " with successful commands, "
            << reply_bytes << " reply bytes\n";
  Client c = server.connect();
  EXPECT_EQ(printable(c.roundtrip(kPing, kPong)), printable(kPong));
  EXPECT_EQ(server.log().find("internal error"), std::string::npos) << server.log();
}

TEST(Robustness, BytesSplitAtEveryOffsetParseTheSame) {
  ServerProcess server;
  ASSERT_TRUE(server.ready()) << server.describe();
  const std::string request = resp_command({"SET", "sp:key", "a\r\nvalue"}) +
                              resp_command({"GET", "sp:key"}) + "ECHO \"x y\"\r\n";
  const std::string expected = "+OK\r\n$8\r\na\r\nvalue\r\n$3\r\nx y\r\n";
  for (size_t cut = 1; cut < request.size(); ++cut) {
    Client c = server.connect();
    ASSERT_TRUE(c.send(request.substr(0, cut)));
    // Give the server a chance to parse the first part on its own.
    std::this_thread::sleep_for(milliseconds(2));
    ASSERT_TRUE(c.send(request.substr(cut)));
    ASSERT_EQ(printable(c.read_exact(expected.size())), printable(expected)) << "cut at " << cut;
  }
}

}  // namespace
}  // namespace ironkv::test
