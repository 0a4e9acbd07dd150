#include "core/command/spec.h"

#include <iterator>

#include "core/util/strings.h"

namespace ironkv::command {

uint32_t acl::category_by_name(std::string_view name) {
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (util::iequals(kNames[i], name)) return 1u << i;
  }
  return 0;
}

std::string_view group_name(Group g) {
  switch (g) {
    case Group::kGeneric:
      return "generic";
    case Group::kString:
      return "string";
    case Group::kList:
      return "list";
    case Group::kSet:
      return "set";
    case Group::kSortedSet:
      return "sorted-set";
    case Group::kHash:
      return "hash";
    case Group::kPubsub:
      return "pubsub";
    case Group::kTransactions:
      return "transactions";
    case Group::kConnection:
      return "connection";
    case Group::kServer:
      return "server";
    case Group::kScripting:
      return "scripting";
    case Group::kHyperLogLog:
      return "hyperloglog";
    case Group::kCluster:
      return "cluster";
    case Group::kSentinel:
      return "sentinel";
    case Group::kGeo:
      return "geo";
    case Group::kStream:
      return "stream";
    case Group::kBitmap:
      return "bitmap";
  }
  return "generic";
}

uint32_t acl_categories(const CommandSpec& s) {
  uint32_t cats = s.acl;
  if (s.flags & kWrite) cats |= acl::kWrite;
  if ((s.flags & kReadonly) && !(cats & acl::kScripting)) cats |= acl::kRead;
  if (s.flags & kAdmin) cats |= acl::kAdmin | acl::kDangerous;
  if (s.flags & kPubsub) cats |= acl::kPubsub;
  if (s.flags & kFast) cats |= acl::kFast;
  if (s.flags & kBlocking) cats |= acl::kBlocking;
  if (!(cats & acl::kFast)) cats |= acl::kSlow;
  return cats;
}

}  // namespace ironkv::command
