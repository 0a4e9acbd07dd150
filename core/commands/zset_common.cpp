#include "core/commands/zset_common.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <memory>

#include "core/commands/collection_args.h"

namespace ironkv::commands::zset {

using command::ArgCursor;
using command::CommandContext;
using store::LexRange;
using store::ScoreRange;
namespace ev = server::events;  // keyspace notification classes

store::ZSetLimits limits(const CommandContext& c) {
  const auto& cfg = c.server.config;
  return {static_cast<size_t>(std::max<int64_t>(0, cfg.zset_max_listpack_entries)),
          static_cast<size_t>(std::max<int64_t>(0, cfg.zset_max_listpack_value))};
}

namespace {

bool parse_score_bound(std::string_view arg, double& v, bool& exclusive) {
  const std::string s(arg);  // strtod reads a C string: it stops at an embedded NUL
  const char* p = s.c_str();
  exclusive = *p == '(';
  if (exclusive) ++p;
  char* end = nullptr;
  v = std::strtod(p, &end);
  return *end == '\0' && !std::isnan(v);
}

bool parse_lex_bound(std::string_view arg, std::string_view& v, LexRange::Bound& kind,
                     bool& exclusive) {
  if (arg.empty()) return false;
  // Redis tests the byte after "+" / "-" as a C string: a NUL there ends it.
  const bool alone = arg.size() == 1 || arg[1] == '\0';
  switch (arg[0]) {
    case '+':
    case '-':
      if (!alone) return false;
      kind = arg[0] == '+' ? LexRange::Bound::kPosInf : LexRange::Bound::kNegInf;
      exclusive = true;
      v = {};
      return true;
    case '(':
    case '[':
      kind = LexRange::Bound::kValue;
      exclusive = arg[0] == '(';
      v = arg.substr(1);
      return true;
    default:
      return false;
  }
}

}  // namespace

bool parse_score_range(std::string_view min, std::string_view max, ScoreRange& r) {
  return parse_score_bound(min, r.min, r.minex) && parse_score_bound(max, r.max, r.maxex);
}

bool parse_lex_range(std::string_view min, std::string_view max, LexRange& r) {
  return parse_lex_bound(min, r.min, r.min_kind, r.minex) &&
         parse_lex_bound(max, r.max, r.max_kind, r.maxex);
}

void reply_elements_header(CommandContext& c, size_t n, bool withscores) {
  c.reply.array(withscores && c.reply.protocol() < 3 ? 2 * n : n);
}

void reply_element(CommandContext& c, std::string_view member, double score, bool withscores) {
  if (withscores && c.reply.protocol() >= 3) c.reply.array(2);
  c.reply.bulk(member);
  if (withscores) c.reply.dbl(score);
}

void DeferredElements::add(std::string_view member, double score) {
  if (withscores_ && body_builder_.protocol() >= 3) body_builder_.array(2);
  body_builder_.bulk(member);
  if (withscores_) body_builder_.dbl(score);
  ++count_;
}

void DeferredElements::finish() {
  reply_elements_header(c_, count_, withscores_);
  c_.reply.raw(body_);
}

void store_result(CommandContext& c, std::string_view dst,
                  const std::vector<ScoredMember>& elements) {
  if (elements.empty()) {
    c.reply.integer(0);
    if (c.db().erase(dst)) {
      c.mark_dirty();
      c.notify(ev::kGeneric, "del", dst);
    }
    return;
  }
  size_t max_len = 0;
  for (const ScoredMember& e : elements) max_len = std::max(max_len, e.member.size());
  const store::ZSetLimits lim = limits(c);
  auto z = store::ZSetValue::create(elements.size(), max_len, lim);
  for (const ScoredMember& e : elements) z->add(e.member, e.score, 0, lim);
  const size_t n = z->size();
  c.db().set(dst, store::Value::collection(std::move(z)));
  c.reply.integer(static_cast<int64_t>(n));
  c.mark_dirty();
  c.notify(ev::kZset, c.spec.name, dst);  // zunionstore / zinterstore / zdiffstore / zrangestore
}

void finish_removal(CommandContext& c, std::string_view key, const store::ZSetValue& z,
                    size_t removed, std::string_view event) {
  const bool emptied = z.empty();
  if (emptied) c.db().erase(key);
  if (removed > 0) {
    c.mark_dirty(removed);
    c.notify(ev::kZset, event, key);
    if (emptied) c.notify(ev::kGeneric, "del", key);
  }
  c.reply.integer(static_cast<int64_t>(removed));
}

size_t pop_and_reply(CommandContext& c, std::string_view key, store::ZSetValue& z, bool max,
                     size_t count, PopReply shape) {
  const size_t n = std::min(count, z.size());
  switch (shape) {
    case PopReply::kFlat:
      c.reply.array(2 * n);
      break;
    case PopReply::kNested:
      c.reply.array(n);
      break;
    case PopReply::kKeyFlat:
      c.reply.array(2 * n + 1);
      c.reply.bulk(key);
      break;
    case PopReply::kKeyNested:
      c.reply.array(2);
      c.reply.bulk(key);
      c.reply.array(n);
      break;
  }
  const bool nested = shape == PopReply::kNested || shape == PopReply::kKeyNested;
  z.pop(max, n, [&](std::string_view member, double score) {
    if (nested) c.reply.array(2);
    c.reply.bulk(member);
    c.reply.dbl(score);
  });
  c.mark_dirty(n);
  if (n > 0) c.notify(ev::kZset, max ? "zpopmax" : "zpopmin", key);
  if (z.empty()) {
    c.db().erase(key);
    c.notify(ev::kGeneric, "del", key);
  }
  return n;
}

bool parse_mpop_args(CommandContext& c, size_t numkeys_at, MpopArgs& out) {
  ArgCursor a = c.args(numkeys_at);
  // MIN|MAX must follow the keys.
  out.numkeys = next_keys(a, {.too_many = OpStatus::kSyntax, .after = 1}).size();
  out.first_key = numkeys_at + 1;
  out.max = a.next_enum<bool>({{"MIN", false}, {"MAX", true}});
  int64_t count = 1;
  if (a.eat("COUNT", 1)) {
    count = a.next_int(1, std::numeric_limits<int64_t>::max(), OpStatus::kCountNotPositive);
  }
  if (!a.finish()) {
    c.error(a);
    return false;
  }
  out.count = static_cast<size_t>(count);
  return true;
}

}  // namespace ironkv::commands::zset
