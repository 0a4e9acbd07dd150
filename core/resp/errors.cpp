#include "core/resp/errors.h"

namespace ironkv::resp {

std::string status_message(OpStatus st, std::string_view command) {
  std::string_view text;
  switch (st) {
    case OpStatus::kOk:
    case OpStatus::kCustom:
      return {};
    case OpStatus::kKeyNotFound:
      text = err::kNoSuchKey;
      break;
    case OpStatus::kWrongType:
      text = err::kWrongType;
      break;
    case OpStatus::kSyntax:
      text = err::kSyntax;
      break;
    case OpStatus::kNotAnInteger:
      text = err::kNotInteger;
      break;
    case OpStatus::kNotAFloat:
      text = err::kNotFloat;
      break;
    case OpStatus::kOutOfRange:
      text = err::kOutOfRange;
      break;
    case OpStatus::kNotPositive:
      text = err::kPositive;
      break;
    case OpStatus::kCountOutOfRange:
      text = err::kCountOutOfRange;
      break;
    case OpStatus::kIndexOutOfRange:
      text = err::kIndexOutOfRange;
      break;
    case OpStatus::kIntOutOfRange:
      text = err::kIntOutOfRange;
      break;
    case OpStatus::kOffsetOutOfRange:
      text = err::kOffsetOutOfRange;
      break;
    case OpStatus::kOverflow:
      text = err::kOverflow;
      break;
    case OpStatus::kNanOrInf:
      text = err::kNanOrInf;
      break;
    case OpStatus::kStringTooLong:
      text = err::kStringTooLong;
      break;
    case OpStatus::kInvalidExpireTime:
      return "ERR invalid expire time in '" + std::string(command) + "' command";
    case OpStatus::kSameObject:
      text = err::kSameObject;
      break;
    case OpStatus::kNumkeysNotPositive:
      text = err::kNumkeysNotPositive;
      break;
    case OpStatus::kTooManyKeys:
      text = err::kTooManyKeys;
      break;
    case OpStatus::kCountNotPositive:
      text = err::kCountNotPositive;
      break;
    case OpStatus::kTimeoutNotFloat:
      text = err::kTimeoutNotFloat;
      break;
    case OpStatus::kTimeoutNegative:
      text = err::kTimeoutNegative;
      break;
    case OpStatus::kTimeoutOutOfRange:
      text = err::kTimeoutOutOfRange;
      break;
    case OpStatus::kInvalidCursor:
      text = err::kInvalidCursor;
      break;
    case OpStatus::kDbIndexOutOfRange:
      text = err::kDbIndexOutOfRange;
      break;
  }
  return std::string(text);
}

}  // namespace ironkv::resp
