// SORT and SORT_RO over lists, sets and sorted sets (Redis 7.0 sort.c semantics, our
// own code): numeric or ALPHA order, BY pattern (or BY nosort), LIMIT, GET patterns
// with '#' and "key->field" hash lookups, and STORE into a list.
//
// Like Redis: numeric scores are parsed with strtod (leading spaces, hex and "inf"
// accepted; trailing bytes, overflow, underflow and NaN are "can't be converted");
// equal scores are ordered by the elements' bytes; ALPHA compares as strcoll in the C
// locale (up to the first NUL byte) when replying and as bytes when storing. Elements
// with equal sort keys keep their input order (glibc's qsort is a merge sort).

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/command/context.h"
#include "core/command/keys.h"
#include "core/command/table.h"
#include "core/commands/families.h"
#include "core/commands/scan_args.h"
#include "core/resp/errors.h"
#include "core/store/hash_value.h"
#include "core/store/list_value.h"
#include "core/store/set_value.h"
#include "core/store/value.h"
#include "core/store/zset_value.h"

namespace ironkv::commands {

using command::ArgCursor;
using command::CommandContext;
using command::CommandSpec;
using store::IntBuf;
using store::ListValue;
using store::ObjType;
using store::Value;

namespace {

constexpr std::string_view kScoresNotDouble =
    "ERR One or more scores can't be converted into double";

// Redis lookupKeyByPattern: "#" is the element itself; otherwise the first '*' of the
// pattern is replaced by the element and that key's string value is returned, or with
// "->field" after the '*' that field of the hash at the key. nullopt when the key,
// field or '*' is missing or the key has another type. The pattern is searched as a
// C string (up to its first NUL) but its bytes after a NUL still count, as in Redis.
std::optional<std::string> lookup_by_pattern(CommandContext& c, std::string_view pattern,
                                             std::string_view element) {
  const std::string_view cs = c_string(pattern);
  if (cs == "#") return std::string(element);
  const size_t star = cs.find('*');
  if (star == std::string_view::npos) return std::nullopt;
  const size_t arrow = cs.find("->", star + 1);
  const bool has_field = arrow != std::string_view::npos && arrow + 2 < cs.size();
  const size_t field_len = has_field ? pattern.size() - arrow - 2 : 0;
  const size_t postfix_len = pattern.size() - (star + 1) - (has_field ? field_len + 2 : 0);

  std::string key;
  key.reserve(star + element.size() + postfix_len);
  key.append(pattern.substr(0, star));
  key.append(element);
  key.append(pattern.substr(star + 1, postfix_len));

  const Value* v = c.db().lookup_read(key);
  if (v == nullptr) return std::nullopt;
  if (has_field) {
    if (v->type() != ObjType::kHash) return std::nullopt;
    auto e = v->as<store::HashValue>()->get(pattern.substr(arrow + 2));
    if (!e) return std::nullopt;
    return e->str();
  }
  if (!v->is_string()) return std::nullopt;
  IntBuf buf;
  return std::string(v->str(buf));
}

// strtod as Redis's SORT uses it, on the text up to its first NUL: false for trailing
// bytes, ERANGE (overflow or underflow) and NaN. The empty string is 0.
bool sort_score(std::string_view text, double& out) {
  const std::string s(c_string(text));
  char* end = nullptr;
  errno = 0;
  out = std::strtod(s.c_str(), &end);
  return *end == '\0' && errno != ERANGE && !std::isnan(out);
}

struct Item {
  explicit Item(std::string o) : obj(std::move(o)) {}
  std::string obj;
  double score = 0;
  std::optional<std::string> by;  // ALPHA with BY: the value sorted by
};

struct SortOptions {
  bool desc = false;
  bool alpha = false;
  bool dontsort = false;
  int64_t limit_start = 0;
  int64_t limit_count = -1;
  std::optional<std::string_view> by;
  std::optional<std::string_view> store;
  std::vector<std::string_view> gets;
};

// The option loop; the first bad option is recorded in `a`.
SortOptions parse_sort(ArgCursor& a, bool readonly) {
  SortOptions o;
  while (a.has_next()) {
    if (a.eat("ASC")) {
      o.desc = false;
    } else if (a.eat("DESC")) {
      o.desc = true;
    } else if (a.eat("ALPHA")) {
      o.alpha = true;
    } else if (a.eat("LIMIT", 2)) {
      o.limit_start = a.next<int64_t>();
      o.limit_count = a.next<int64_t>();
    } else if (!readonly && a.eat("STORE", 1)) {
      o.store = a.next();
    } else if (a.eat("BY", 1)) {
      o.by = a.next();
      // A pattern without '*' names no keys: the elements keep their order.
      o.dontsort = c_string(*o.by).find('*') == std::string_view::npos;
    } else if (a.eat("GET", 1)) {
      o.gets.push_back(a.next());
    } else {
      a.fail(OpStatus::kSyntax);
    }
  }
  return o;
}

// Redis sortCompare, as a strict "less" for stable_sort.
struct Compare {
  bool alpha, by_pattern, storing, desc;

  static int c_compare(std::string_view a, std::string_view b) {
    return c_string(a).compare(c_string(b));
  }
  int raw(const Item& a, const Item& b) const {
    if (!alpha) {
      if (a.score > b.score) return 1;
      if (a.score < b.score) return -1;
      return a.obj.compare(b.obj);
    }
    if (by_pattern) {
      if (!a.by || !b.by) return a.by == b.by ? 0 : (a.by ? 1 : -1);
      return storing ? a.by->compare(*b.by) : c_compare(*a.by, *b.by);
    }
    return storing ? a.obj.compare(b.obj) : c_compare(a.obj, b.obj);
  }
  bool operator()(const Item& a, const Item& b) const {
    const int r = raw(a, b);
    return desc ? r > 0 : r < 0;
  }
};

// SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]
//      [STORE destination] → array | integer (with STORE: the stored list's length)
void sort_generic(CommandContext& c, bool readonly) {
  ArgCursor a = c.args(2);
  SortOptions o = parse_sort(a, readonly);
  if (!a.ok()) return c.error(a);

  // With STORE the source is looked up for writing (no hit/miss stats), as in
  // Redis, but only the destination changes. Untyped: a list, a set or a sorted
  // set will do.
  Value* src = o.store ? c.db().peek_write(c.arg(1)) : c.db().lookup_read(c.arg(1));
  const ObjType type = src != nullptr ? src->type() : ObjType::kList;
  if (type != ObjType::kList && type != ObjType::kSet && type != ObjType::kZSet) {
    return c.error(OpStatus::kWrongType);
  }
  // A set has no order of its own: storing it unsorted would not be deterministic.
  if (o.dontsort && type == ObjType::kSet && o.store) {
    o.dontsort = false;
    o.alpha = true;
    o.by.reset();
  }

  const auto len = src != nullptr ? static_cast<int64_t>(src->coll()->element_count()) : 0;
  int64_t start = o.limit_start < 0 ? 0 : o.limit_start;
  int64_t end;
  if (o.limit_count < 0)
    end = len - 1;
  else if (o.limit_count > std::numeric_limits<int64_t>::max() - start)
    end = std::numeric_limits<int64_t>::max();
  else
    end = start + o.limit_count - 1;
  if (start >= len) {
    start = len - 1;
    end = len - 2;
  }
  if (end >= len) end = len - 1;

  std::vector<Item> items;
  if (src != nullptr && type == ObjType::kList) {
    const ListValue& l = *src->as<ListValue>();
    if (o.dontsort) {
      // The selected range only, in list order (reversed for DESC).
      if (end >= start) {
        const auto n = static_cast<size_t>(end - start + 1);
        items.reserve(n);
        const auto first = static_cast<size_t>(o.desc ? len - start - 1 : start);
        l.for_range(first, n, o.desc,
                    [&](std::string_view v) { items.emplace_back(std::string(v)); });
      }
      end -= start;
      start = 0;
    } else {
      items.reserve(l.size());
      l.for_each([&](std::string_view v) { items.emplace_back(std::string(v)); });
    }
  } else if (src != nullptr && type == ObjType::kSet) {
    auto* s = src->as<store::SetValue>();
    items.reserve(s->size());
    s->for_each([&](const store::SetValue::Member& m) { items.emplace_back(m.to_string()); });
  } else if (src != nullptr && type == ObjType::kZSet) {
    auto* z = src->as<store::ZSetValue>();
    // Redis 7.0 converts a sorted set to a skiplist for SORT, even SORT_RO.
    z->convert_to_skiplist();
    auto add = [&](std::string_view member, double) { items.emplace_back(std::string(member)); };
    if (o.dontsort) {
      // The selected ranks only, in score order (from the top for DESC).
      if (end >= start) {
        items.reserve(static_cast<size_t>(end - start + 1));
        z->range_by_rank(static_cast<size_t>(start), static_cast<size_t>(end), o.desc, add);
      }
      end -= start;
      start = 0;
    } else {
      items.reserve(z->size());
      z->for_each(add);
    }
  }

  bool conversion_error = false;
  if (!o.dontsort) {
    for (Item& it : items) {
      std::optional<std::string> by_value;
      if (o.by) {
        by_value = lookup_by_pattern(c, *o.by, it.obj);
        if (!by_value) continue;
      }
      if (o.alpha) {
        if (o.by) it.by = std::move(by_value);
      } else if (!sort_score(o.by ? *by_value : it.obj, it.score)) {
        conversion_error = true;
      }
    }
    std::stable_sort(items.begin(), items.end(),
                     Compare{o.alpha, o.by.has_value(), o.store.has_value(), o.desc});
  }

  const auto count = static_cast<size_t>(end - start + 1);  // end >= start - 1
  const size_t outputlen = o.gets.empty() ? count : o.gets.size() * count;
  if (conversion_error) {
    c.reply.error(kScoresNotDouble);
    return;
  }
  const auto first = static_cast<size_t>(start);
  if (!o.store) {
    c.reply.array(outputlen);
    for (size_t j = first; j < first + count; ++j) {
      if (o.gets.empty()) c.reply.bulk(items[j].obj);
      for (std::string_view pattern : o.gets) {
        auto v = lookup_by_pattern(c, pattern, items[j].obj);
        if (v)
          c.reply.bulk(*v);
        else
          c.reply.null_bulk();
      }
    }
    return;
  }

  const std::string_view dst = *o.store;
  if (outputlen > 0) {
    auto list = std::make_unique<ListValue>(c.server.config.list_max_listpack_size);
    for (size_t j = first; j < first + count; ++j) {
      if (o.gets.empty()) list->push(ListValue::End::kTail, items[j].obj);
      for (std::string_view pattern : o.gets) {
        auto v = lookup_by_pattern(c, pattern, items[j].obj);
        list->push(ListValue::End::kTail, v ? std::string_view(*v) : std::string_view());
      }
    }
    list->maybe_to_listpack(false);
    c.db().set(dst, Value::collection(std::move(list)));
    c.mark_dirty(outputlen);
    c.notify(server::events::kList, "sortstore", dst);
    c.signal_key_ready(dst);
  } else if (c.db().erase(dst)) {
    c.mark_dirty();
    c.notify(server::events::kGeneric, "del", dst);
  }
  c.reply.integer(static_cast<int64_t>(outputlen));
}

void cmd_sort(CommandContext& c) { sort_generic(c, false); }
void cmd_sort_ro(CommandContext& c) { sort_generic(c, true); }

using command::KeyRef;

// SORT's keys: the sorted key, and the last STORE's destination; options with
// values are skipped so an option value named "store" is not taken for it
// (Redis sortGetKeys). BY/GET patterns name keys only at run time.
void sort_keys(std::span<const std::string_view> argv, std::vector<KeyRef>& out) {
  namespace ks = command::ks;
  out.push_back({1, ks::kRO | ks::kAccess});
  bool found_store = false;
  const size_t argc = argv.size();
  for (size_t i = 2; i < argc; ++i) {
    if (command::word_equals(argv[i], "LIMIT")) {
      i += 2;
    } else if (command::word_equals(argv[i], "GET") || command::word_equals(argv[i], "BY")) {
      i += 1;
    } else if (command::word_equals(argv[i], "STORE") && i + 1 < argc) {
      if (!found_store) out.push_back({});
      out.back() = {static_cast<int>(i + 1), ks::kOW | ks::kUpdate};
      found_store = true;
    }
  }
}

// SORT_RO: only the sorted key (Redis sortROGetKeys).
void sort_ro_keys(std::span<const std::string_view>, std::vector<KeyRef>& out) {
  out.push_back({1, command::ks::kRO | command::ks::kAccess});
}

using namespace command;

// clang-format off
const CommandSpec kSpecs[] = {
    {"sort", -2, kWrite | kDenyOom, acl::kSet | acl::kSortedSet | acl::kList | acl::kDangerous, {ks::key(1, ks::kRO | ks::kAccess), ks::spec(ks::kRO | ks::kAccess, ks::unknown_begin(), ks::unknown_find(), "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort"), ks::spec(ks::kOW | ks::kUpdate, ks::unknown_begin(), ks::unknown_find(), "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array")}, cmd_sort, Group::kGeneric, "Sort the elements in a list, set or sorted set", "1.0.0", "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).", {}, sort_keys},
    {"sort_ro", -2, kReadonly, acl::kSet | acl::kSortedSet | acl::kList | acl::kDangerous, {ks::key(1, ks::kRO | ks::kAccess), ks::spec(ks::kRO | ks::kAccess, ks::unknown_begin(), ks::unknown_find(), "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort")}, cmd_sort_ro, Group::kGeneric, "Sort the elements in a list, set or sorted set. Read-only variant of SORT.", "7.0.0", "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).", {}, sort_ro_keys},
};
// clang-format on

}  // namespace

void register_sort_family(command::CommandTable& t) { t.add(kSpecs); }

}  // namespace ironkv::commands
