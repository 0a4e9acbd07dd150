#include "core/resp/command_batch.h"

#include <utility>

namespace ironkv::resp {

std::span<const std::string_view> CommandBatch::command(size_t i) const {
  const size_t begin = starts_[i];
  const size_t end = i + 1 < starts_.size() ? starts_[i + 1] : args_.size();
  return {args_.data() + begin, end - begin};
}

void CommandBatch::clear() {
  args_.clear();
  starts_.clear();
  arena_.clear();
}

void CommandBatch::add_command(std::span<const std::string_view> argv) {
  starts_.push_back(static_cast<uint32_t>(args_.size()));
  args_.insert(args_.end(), argv.begin(), argv.end());
}

std::string_view CommandBatch::store(std::string s) {
  return arena_.emplace_back(std::move(s));
}

}  // namespace ironkv::resp
