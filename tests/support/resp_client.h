#pragma once
// A RESP2 reply reader and a command-level client over test::Client, plus a
// canonical text of a whole dataset read over the socket (every database, every
// key: type, contents, absolute expiry). The dataset text is what restart,
// crash and interop tests compare; it works the same against ironkv-server and
// redis-server.

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "support/server_process.h"

namespace ironkv::test {

struct Resp {
  char type = 0;                 // + - : $ *
  std::string str;               // simple, error, bulk
  long long integer = 0;
  bool null = false;             // $-1 / *-1
  std::vector<Resp> elems;

  bool is_error() const { return type == '-'; }
  std::string text() const { return type == ':' ? std::to_string(integer) : str; }
  // No reply at all (type '!'), with the reason.
  static Resp failure(std::string why) {
    Resp r;
    r.type = '!';
    r.str = std::move(why);
    return r;
  }
};

// Parses one reply at `pos`; nullopt (pos untouched) while incomplete.
inline std::optional<Resp> parse_resp(std::string_view s, size_t& pos) {
  if (pos >= s.size()) return std::nullopt;
  size_t eol = s.find("\r\n", pos);
  if (eol == std::string_view::npos) return std::nullopt;
  Resp r;
  r.type = s[pos];
  std::string line(s.substr(pos + 1, eol - pos - 1));
  size_t p = eol + 2;
  switch (r.type) {
    case '+':
    case '-':
      r.str = line;
      break;
    case ':':
      r.integer = std::atoll(line.c_str());
      break;
    case '$': {
      long long n = std::atoll(line.c_str());
      if (n < 0) {
        r.null = true;
        break;
      }
      if (s.size() < p + static_cast<size_t>(n) + 2) return std::nullopt;
      r.str = std::string(s.substr(p, static_cast<size_t>(n)));
      p += static_cast<size_t>(n) + 2;
      break;
    }
    case '*': {
      long long n = std::atoll(line.c_str());
      if (n < 0) {
        r.null = true;
        break;
      }
      for (long long i = 0; i < n; ++i) {
        auto e = parse_resp(s, p);
        if (!e) return std::nullopt;
        r.elems.push_back(std::move(*e));
      }
      break;
    }
    default:
      r.type = '?';
      r.str = line;
      break;
  }
  pos = p;
  return r;
}

// How many complete replies `s` holds.
inline size_t count_replies(std::string_view s) {
  size_t pos = 0, n = 0;
  while (parse_resp(s, pos)) ++n;
  return n;
}

class RespClient {
 public:
  RespClient() = default;
  explicit RespClient(Client c) : c_(std::move(c)) {}
  static RespClient connect(int port) { return RespClient(Client::connect(port)); }

  bool send(const std::vector<std::string>& argv) { return c_.send(resp_command(argv)); }
  // Sends many commands at once, then reads all their replies.
  std::vector<Resp> pipeline(const std::vector<std::vector<std::string>>& cmds,
                             milliseconds timeout = milliseconds(20000)) {
    std::string req;
    for (const auto& c : cmds) req += resp_command(c);
    std::vector<Resp> out;
    if (!c_.send(req, timeout)) return out;
    return read(cmds.size(), timeout);
  }
  // Reads `n` replies (fewer on timeout or EOF).
  std::vector<Resp> read(size_t n, milliseconds timeout = milliseconds(20000)) {
    std::vector<Resp> out;
    std::string data = c_.read_until([&](std::string_view b) { return count_replies(b) >= n; },
                                     timeout);
    size_t pos = 0;
    while (out.size() < n) {
      auto r = parse_resp(data, pos);
      if (!r) break;
      out.push_back(std::move(*r));
    }
    rest_ = data.substr(pos);  // never expected; kept for diagnostics
    return out;
  }
  // One command; a reply of type '!' with the reason when none arrived.
  Resp call(const std::vector<std::string>& argv, milliseconds timeout = milliseconds(20000)) {
    if (!c_.send(resp_command(argv), timeout)) return Resp::failure("send failed");
    auto r = read(1, timeout);
    if (r.empty()) return Resp::failure("no reply (closed or timed out)");
    return r[0];
  }
  Client& raw() { return c_; }

 private:
  Client c_;
  std::string rest_;
};

// INFO field value ("" if absent).
inline std::string info_field(RespClient& c, const std::string& field, const std::string& section = "persistence") {
  Resp r = c.call({"INFO", section});
  std::string key = field + ":";
  size_t at = r.str.find("\r\n" + key);
  if (at == std::string::npos) {
    if (r.str.rfind(key, 0) != 0) return "";
    at = 0;
  } else {
    at += 2;
  }
  size_t end = r.str.find("\r\n", at);
  return r.str.substr(at + key.size(), end - at - key.size());
}

// Polls `pred` every 10 ms until it holds or `timeout` passes.
template <class Pred>
bool wait_until(Pred pred, milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    if (pred()) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(10));
  }
}

inline std::string escape_text(std::string_view s) {
  std::string out;
  for (unsigned char ch : s) {
    if (ch >= 0x20 && ch < 0x7f && ch != '\\' && ch != ',') {
      out.push_back(static_cast<char>(ch));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", ch);
      out += hex;
    }
  }
  return out;
}

// The whole dataset as sorted text: "db key type contents ttl=<abs ms|-1>".
// `with_ttl` false writes only whether a key has an expiry. Leaves the client
// in database 0.
inline std::string describe_dataset(RespClient& c, int databases = 16, bool with_ttl = true) {
  std::ostringstream os;
  for (int db = 0; db < databases; ++db) {
    c.call({"SELECT", std::to_string(db)});
    std::vector<std::string> keys;
    std::string cursor = "0";
    for (int guard = 0; guard < 1000000; ++guard) {
      Resp r = c.call({"SCAN", cursor, "COUNT", "1000"});
      if (r.elems.size() != 2) return "SCAN failed: " + r.str;
      cursor = r.elems[0].str;
      for (auto& k : r.elems[1].elems) keys.push_back(k.str);
      if (cursor == "0") break;
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    // Pipelined in slices: a round trip per key would dominate big datasets.
    constexpr size_t kSlice = 1000;
    for (size_t off = 0; off < keys.size(); off += kSlice) {
      const size_t n = std::min(kSlice, keys.size() - off);
      std::vector<std::vector<std::string>> cmds;
      for (size_t i = 0; i < n; ++i) cmds.push_back({"TYPE", keys[off + i]});
      auto types = c.pipeline(cmds);
      if (types.size() != n) return "TYPE failed";
      cmds.clear();
      for (size_t i = 0; i < n; ++i) {
        const std::string& k = keys[off + i];
        const std::string& type = types[i].str;
        if (type == "string") cmds.push_back({"GET", k});
        else if (type == "list") cmds.push_back({"LRANGE", k, "0", "-1"});
        else if (type == "set") cmds.push_back({"SMEMBERS", k});
        else if (type == "zset") cmds.push_back({"ZRANGE", k, "0", "-1", "WITHSCORES"});
        else if (type == "hash") cmds.push_back({"HGETALL", k});
        else cmds.push_back({"PING"});
        cmds.push_back({"PEXPIRETIME", k});
      }
      auto replies = c.pipeline(cmds);
      if (replies.size() != 2 * n) return "read failed";
      for (size_t i = 0; i < n; ++i) {
        const std::string& type = types[i].str;
        const Resp& v = replies[2 * i];
        std::vector<std::string> items;
        if (type == "string" || v.elems.empty()) {
          if (type == "string") items.push_back(v.str);
        } else if (type == "zset" || type == "hash") {
          const char* sep = type == "zset" ? "=" : ":";
          for (size_t j = 0; j + 1 < v.elems.size(); j += 2) {
            items.push_back(v.elems[j].str + sep + v.elems[j + 1].str);
          }
        } else {
          for (auto& e : v.elems) items.push_back(e.str);
        }
        if (type == "set" || type == "hash") std::sort(items.begin(), items.end());
        long long when = replies[2 * i + 1].integer;
        os << db << ' ' << escape_text(keys[off + i]) << ' ' << type << " [";
        for (auto& item : items) os << escape_text(item) << ',';
        os << "] ttl=" << (with_ttl ? std::to_string(when) : (when >= 0 ? "yes" : "no")) << '\n';
      }
    }
  }
  c.call({"SELECT", "0"});
  return os.str();
}

// Every type, small and big (compact and full encodings), TTLs, binary data,
// three databases. `tag` varies the contents between calls.
inline void populate_dataset(RespClient& c, const std::string& tag, int plain_keys = 2000) {
  std::vector<std::vector<std::string>> cmds;
  cmds.push_back({"SELECT", "0"});
  cmds.push_back({"SET", tag + ":int", "123456"});
  cmds.push_back({"SET", tag + ":str", "hello " + tag});
  cmds.push_back({"SET", tag + ":long", std::string(300, 'L') + tag});
  cmds.push_back({"SET", tag + ":bin\r\n\x01", std::string("\0\xff\r\n", 4)});
  cmds.push_back({"SET", tag + ":ttl", "v", "EX", "100000"});
  cmds.push_back({"RPUSH", tag + ":list", "a", "b", "1", "-2"});
  std::vector<std::string> big_list = {"RPUSH", tag + ":biglist"};
  std::vector<std::string> big_set = {"SADD", tag + ":bigset"};
  std::vector<std::string> big_zset = {"ZADD", tag + ":bigzset"};
  std::vector<std::string> big_hash = {"HSET", tag + ":bighash"};
  for (int i = 0; i < 300; ++i) {
    std::string n = std::to_string(i);
    big_list.push_back("element-" + n);
    big_set.push_back("member-" + n);
    big_zset.push_back(std::to_string(i * 1.5));
    big_zset.push_back("z-" + n);
    big_hash.push_back("field-" + n);
    big_hash.push_back(std::string(80, 'h') + n);
  }
  cmds.push_back(big_list);
  cmds.push_back(big_set);
  std::vector<std::string> huge_list = {"RPUSH", tag + ":hugelist"};  // several quicklist nodes
  std::vector<std::string> int_set = {"SADD", tag + ":bigintset"};    // past set-max-intset-entries
  for (int i = 0; i < 3000; ++i) huge_list.push_back("quicklist-element-" + std::to_string(i));
  for (int i = 0; i < 600; ++i) int_set.push_back(std::to_string(i * 7919 - 100000));
  cmds.push_back(huge_list);
  cmds.push_back(int_set);
  cmds.push_back(big_zset);
  cmds.push_back(big_hash);
  cmds.push_back({"SADD", tag + ":intset", "1", "2", "3", "-9000000000"});
  cmds.push_back({"SADD", tag + ":set", "x", "y"});
  cmds.push_back({"ZADD", tag + ":zset", "1", "a", "-inf", "b", "2.5", "c"});
  cmds.push_back({"HSET", tag + ":hash", "f", "v", "n", "1"});
  cmds.push_back({"PEXPIRE", tag + ":hash", "500000"});
  cmds.push_back({"INCRBYFLOAT", tag + ":float", "1.5"});
  cmds.push_back({"SELECT", "3"});
  cmds.push_back({"SET", tag + ":db3", "three"});
  cmds.push_back({"LPUSH", tag + ":db3list", "x"});
  cmds.push_back({"SELECT", "15"});
  cmds.push_back({"HSET", tag + ":db15", "a", "b"});
  cmds.push_back({"EXPIRE", tag + ":db15", "7777"});
  cmds.push_back({"SELECT", "0"});
  for (int i = 0; i < plain_keys; ++i) {
    cmds.push_back({"SET", tag + ":key:" + std::to_string(i), "value-" + std::to_string(i)});
  }
  auto replies = c.pipeline(cmds);
  EXPECT_EQ(replies.size(), cmds.size());
  for (size_t i = 0; i < replies.size(); ++i) {
    EXPECT_FALSE(replies[i].is_error()) << i << ": " << replies[i].str;
  }
}

}  // namespace ironkv::test
