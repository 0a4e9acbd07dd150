#include "core/store/value.h"

#include <algorithm>
#include <cstdlib>
#include <new>

#include "core/util/numbers.h"

namespace ironkv::store {

namespace {
// Heap string block: [uint64 capacity][bytes...]; the handle keeps the block
// pointer and the length.
constexpr size_t kHeapHeader = sizeof(uint64_t);

char* heap_alloc(size_t cap) {
  void* p = std::malloc(kHeapHeader + cap);
  if (p == nullptr) throw std::bad_alloc();
  uint64_t c = cap;
  std::memcpy(p, &c, sizeof c);
  return static_cast<char*>(p);
}
uint64_t heap_cap(const char* block) {
  uint64_t c;
  std::memcpy(&c, block, sizeof c);
  return c;
}
char* heap_data(char* block) { return block + kHeapHeader; }
}  // namespace

std::string_view type_name(ObjType t) {
  switch (t) {
    case ObjType::kString: return "string";
    case ObjType::kList: return "list";
    case ObjType::kSet: return "set";
    case ObjType::kZSet: return "zset";
    case ObjType::kHash: return "hash";
    case ObjType::kStream: return "stream";
  }
  return "unknown";
}

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::kRaw: return "raw";
    case Encoding::kInt: return "int";
    case Encoding::kEmbStr: return "embstr";
    case Encoding::kHashtable: return "hashtable";
    case Encoding::kIntset: return "intset";
    case Encoding::kListpack: return "listpack";
    case Encoding::kQuicklist: return "quicklist";
    case Encoding::kSkiplist: return "skiplist";
    case Encoding::kStream: return "stream";
  }
  return "unknown";
}

Value::Value(Value&& o) noexcept {
  std::memcpy(raw_, o.raw_, sizeof raw_);
  small_len_ = o.small_len_;
  tag_ = o.tag_;
  o.set_inline_empty();
}

Value& Value::operator=(Value&& o) noexcept {
  if (this != &o) {
    release();
    std::memcpy(raw_, o.raw_, sizeof raw_);
    small_len_ = o.small_len_;
    tag_ = o.tag_;
    o.set_inline_empty();
  }
  return *this;
}

void Value::release() {
  switch (kind()) {
    case kHeapKind: std::free(heap_ptr()); break;
    case kCollKind: delete coll(); break;
    default: break;
  }
  set_inline_empty();
}

void Value::assign_bytes(std::string_view s, Encoding enc) {
  release();
  if (s.size() <= kInlineCap) {
    std::memcpy(raw_, s.data(), s.size());
    small_len_ = static_cast<uint8_t>(s.size());
    set_tag(ObjType::kString, kInlineKind, enc);
  } else {
    char* block = heap_alloc(s.size());
    std::memcpy(heap_data(block), s.data(), s.size());
    set_heap(block, static_cast<uint32_t>(s.size()));
    set_tag(ObjType::kString, kHeapKind, enc);
  }
}

Value Value::string(std::string_view s) {
  int64_t iv;
  if (s.size() <= 20 && util::parse_int64(s, iv)) return integer(iv);
  Value v;
  v.assign_bytes(s, s.size() <= kEmbstrLimit ? Encoding::kEmbStr : Encoding::kRaw);
  return v;
}

Value Value::raw_string(std::string_view s) {
  Value v;
  v.assign_bytes(s, Encoding::kRaw);
  return v;
}

Value Value::integer(int64_t iv) {
  Value v;
  std::memcpy(v.raw_, &iv, sizeof iv);
  v.set_tag(ObjType::kString, kIntKind, Encoding::kInt);
  return v;
}

Value Value::collection(std::unique_ptr<Collection> c) {
  Value v;
  ObjType t = c->type();
  Collection* p = c.release();
  std::memcpy(v.raw_, &p, sizeof p);
  v.set_tag(t, kCollKind, Encoding::kRaw);
  return v;
}

Value Value::clone() const {
  switch (kind()) {
    case kCollKind: return collection(coll()->clone());
    case kIntKind: {
      int64_t iv;
      int_value(iv);
      return integer(iv);
    }
    default: {
      IntBuf buf;
      Value v;
      v.assign_bytes(str(buf), encoding());
      return v;
    }
  }
}

Encoding Value::encoding() const {
  if (kind() == kCollKind) return coll()->encoding();
  return static_cast<Encoding>(tag_ >> 5);
}

std::string_view Value::str(IntBuf& buf) const {
  switch (kind()) {
    case kInlineKind: return {raw_, small_len_};
    case kHeapKind: return {heap_data(heap_ptr()), heap_len()};
    case kIntKind: {
      int64_t iv;
      std::memcpy(&iv, raw_, sizeof iv);
      return {buf.data, util::format_int64(iv, buf.data)};
    }
    case kCollKind: break;
  }
  return {};
}

size_t Value::str_len() const {
  IntBuf buf;
  return str(buf).size();
}

bool Value::int_value(int64_t& v) const {
  if (kind() != kIntKind) return false;
  std::memcpy(&v, raw_, sizeof v);
  return true;
}

void Value::append(std::string_view s) {
  if (kind() == kHeapKind) {
    char* block = heap_ptr();
    size_t len = heap_len();
    size_t need = len + s.size();
    if (need > heap_cap(block)) {
      // Grow geometrically so repeated APPEND is amortised O(1), like sds.
      size_t cap = need < 1024 * 1024 ? need * 2 : need + 1024 * 1024;
      char* nb = heap_alloc(cap);
      std::memcpy(heap_data(nb), heap_data(block), len);
      std::free(block);
      block = nb;
    }
    std::memcpy(heap_data(block) + len, s.data(), s.size());
    set_heap(block, static_cast<uint32_t>(need));
    set_tag(ObjType::kString, kHeapKind, Encoding::kRaw);
    return;
  }
  IntBuf buf;
  std::string joined(str(buf));
  joined.append(s);
  assign_bytes(joined, Encoding::kRaw);
}

void Value::set_range(size_t offset, std::string_view s) {
  size_t len = str_len();
  size_t need = std::max(len, offset + s.size());
  if (need > len) append(std::string(need - len, '\0'));
  if (kind() != kHeapKind && kind() != kInlineKind) {
    IntBuf buf;
    std::string copy(str(buf));
    assign_bytes(copy, Encoding::kRaw);
  }
  char* data = kind() == kHeapKind ? heap_data(heap_ptr()) : raw_;
  std::memcpy(data + offset, s.data(), s.size());
  set_tag(ObjType::kString, kind(), Encoding::kRaw);
}

Collection* Value::coll() const {
  if (kind() != kCollKind) return nullptr;
  Collection* p;
  std::memcpy(&p, raw_, sizeof p);
  return p;
}

size_t Value::memory_bytes() const {
  switch (kind()) {
    case kHeapKind: return kHeapHeader + heap_cap(heap_ptr());
    case kCollKind: return coll()->memory_bytes();
    default: return 0;
  }
}

}  // namespace ironkv::store
