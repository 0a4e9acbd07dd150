#pragma once
// A keyspace as text, for tests that compare two of them (persistence round
// trips, point-in-time snapshots): one line per key, sorted, with the TTL, the
// type, the encoding and the full contents (sets and hashes sorted, lists and
// zsets in order). Two keyspaces hold the same data when their texts are equal.

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/hash_value.h"
#include "core/store/keyspace.h"
#include "core/store/list_value.h"
#include "core/store/set_value.h"
#include "core/store/stream_value.h"
#include "core/store/zset_value.h"
#include "core/util/numbers.h"

namespace ironkv::test {

inline std::string escape_bytes(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out;
}

// `with_encoding` false compares contents only (an AOF replay may pick a
// different, equally valid encoding than the original's history left).
inline std::string describe_value(const store::Value& v, bool with_encoding = true) {
  std::ostringstream os;
  os << store::type_name(v.type());
  if (with_encoding) os << '/' << store::encoding_name(v.encoding());
  os << ' ';
  switch (v.type()) {
    case store::ObjType::kString: {
      store::IntBuf buf;
      os << '"' << escape_bytes(v.str(buf)) << '"';
      break;
    }
    case store::ObjType::kList: {
      auto* l = v.as<store::ListValue>();
      os << '[';
      l->for_each([&](std::string_view e) { os << escape_bytes(e) << ','; });
      os << ']';
      break;
    }
    case store::ObjType::kSet: {
      std::vector<std::string> m;
      v.as<store::SetValue>()->for_each(
          [&](const store::SetValue::Member& x) { m.push_back(x.to_string()); });
      std::sort(m.begin(), m.end());
      os << '{';
      for (auto& s : m) os << escape_bytes(s) << ',';
      os << '}';
      break;
    }
    case store::ObjType::kZSet: {
      os << '[';
      v.as<store::ZSetValue>()->for_each([&](std::string_view m, double s) {
        os << escape_bytes(m) << '=' << util::double_to_string(s) << ',';
      });
      os << ']';
      break;
    }
    case store::ObjType::kHash: {
      std::vector<std::string> p;
      v.as<store::HashValue>()->for_each([&](std::string_view f, std::string_view x) {
        p.push_back(escape_bytes(f) + ":" + escape_bytes(x));
      });
      std::sort(p.begin(), p.end());
      os << '{';
      for (auto& s : p) os << s << ',';
      os << '}';
      break;
    }
    case store::ObjType::kStream: {
      // Entries, then the counters and each group with its PEL and consumers.
      auto* st = v.as<store::StreamValue>();
      os << '[';
      for (auto it = st->range(store::StreamID::min(), store::StreamID::max()); it.next();) {
        os << it.id().str() << '{';
        it.for_each_field([&](std::string_view f, std::string_view x) {
          os << escape_bytes(f) << ':' << escape_bytes(x) << ',';
        });
        os << '}';
      }
      os << "] last=" << st->last_id().str() << " first=" << st->first_id().str()
         << " maxdel=" << st->max_deleted_id().str() << " added=" << st->entries_added();
      for (const auto& [name, g] : st->groups()) {
        os << " group " << escape_bytes(name) << " last=" << g->last_id.str()
           << " read=" << g->entries_read << " pel=[";
        for (const auto& [id, n] : g->pel) {
          os << id.str() << ':' << escape_bytes(n.consumer->name) << ':' << n.delivery_time << ':'
             << n.delivery_count << ',';
        }
        os << "] consumers=[";
        for (const auto& [cname, c] : g->consumers) {
          os << escape_bytes(cname) << ':' << c->seen_time << ':' << c->pel.size() << ',';
        }
        os << ']';
      }
      break;
    }
  }
  return os.str();
}

// Every key of every database, logically expired ones included (no lazy expiry).
inline std::string describe_keyspace(store::Keyspace& ks, bool with_encoding = true) {
  std::ostringstream os;
  for (int i = 0; i < ks.db_count(); ++i) {
    store::Database& db = ks.db(i);
    std::vector<std::string> lines;
    db.dict().for_each([&](store::Database::Node& n) {
      lines.push_back(escape_bytes(n.key()) + " ttl=" + std::to_string(db.expire_of(n.key())) +
                      " " + describe_value(n.value, with_encoding));
    });
    std::sort(lines.begin(), lines.end());
    for (auto& l : lines) os << "db" << i << ' ' << l << '\n';
  }
  return os.str();
}

// A deep copy (Value::clone per key, TTLs included) into `to`, which must be empty.
inline void copy_keyspace(store::Keyspace& from, store::Keyspace& to) {
  for (int i = 0; i < from.db_count(); ++i) {
    store::Database& src = from.db(i);
    store::Database& dst = to.db(i);
    src.dict().for_each([&](store::Database::Node& n) {
      dst.set(n.key(), n.value.clone());
      int64_t when = src.expire_of(n.key());
      if (when >= 0) dst.set_expire(n.key(), when);
    });
  }
}

}  // namespace ironkv::test
