// RESP2 request parser: byte-exact frames fed whole, split at every offset (with the
// buffer moving between calls), byte by byte, and every protocol error's exact text.

#include <gtest/gtest.h>

#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/resp/command_batch.h"
#include "core/resp/parser.h"

namespace ironkv::resp {
namespace {

using namespace std::string_literals;
using Argv = std::vector<std::string>;

struct Outcome {
  std::vector<Argv> commands;
  std::vector<size_t> consumed;  // per kOk frame, in order
  ParseStatus last = ParseStatus::kNeedMore;
  std::string error;
  size_t leftover = 0;  // bytes of an incomplete trailing frame

  bool operator==(const Outcome&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Outcome& o) {
  os << "{last=" << static_cast<int>(o.last) << " error='" << o.error << "' leftover=" << o.leftover
     << " consumed=[";
  for (size_t c : o.consumed) os << c << ' ';
  os << "] commands=[";
  for (const auto& argv : o.commands) {
    os << '[';
    for (const auto& a : argv) os << '"' << a << "\" ";
    os << ']';
  }
  return os << "]}";
}

// Acts like a connection: appends each chunk and parses every complete frame. With
// `relocate`, each chunk lands in a fresh buffer holding only the unparsed bytes (the
// old one is scribbled over and freed), so a parser keeping pointers would fail.
Outcome drive(const std::vector<std::string_view>& chunks, const ParserLimits& limits = {},
              bool relocate = true) {
  Parser parser(limits);
  CommandBatch batch;
  Outcome out;
  std::string buffer;
  size_t frame_start = 0;
  for (std::string_view chunk : chunks) {
    if (relocate) {
      std::string moved = buffer.substr(frame_start);
      moved.append(chunk);
      std::memset(buffer.data(), 'Z', buffer.size());
      buffer = std::move(moved);
      frame_start = 0;
    } else {
      buffer.append(chunk);
    }
    while (true) {
      size_t consumed = 12345;
      const std::string_view view = std::string_view(buffer).substr(frame_start);
      const ParseStatus st = parser.parse(view, batch, consumed);
      out.last = st;
      if (st == ParseStatus::kError) {
        EXPECT_EQ(consumed, 0u);
        // An error may be found before the rest of the frame arrives, so bytes still
        // buffered are not compared; the error text is.
        out.error = std::string(parser.error());
        return out;
      }
      if (st == ParseStatus::kNeedMore) {
        EXPECT_EQ(consumed, 0u);
        break;
      }
      EXPECT_GT(consumed, 0u);
      EXPECT_LE(consumed, view.size());
      for (size_t i = 0; i < batch.size(); ++i) {
        Argv argv;
        for (std::string_view a : batch.command(i)) argv.emplace_back(a);
        out.commands.push_back(std::move(argv));
      }
      batch.clear();
      out.consumed.push_back(consumed);
      frame_start += consumed;
    }
  }
  out.leftover = buffer.size() - frame_start;
  return out;
}

Outcome parse_whole(std::string_view input, const ParserLimits& limits = {}) {
  return drive({input}, limits);
}

// Checks `input` parses the same whole, split at every offset, and byte by byte.
void expect_split_invariant(std::string_view input, const ParserLimits& limits = {}) {
  const Outcome whole = parse_whole(input, limits);
  for (size_t split = 0; split <= input.size(); ++split) {
    EXPECT_EQ(drive({input.substr(0, split), input.substr(split)}, limits), whole)
        << "split at " << split;
  }
  std::vector<std::string_view> bytes;
  for (size_t i = 0; i < input.size(); ++i) bytes.push_back(input.substr(i, 1));
  EXPECT_EQ(drive(bytes, limits), whole) << "byte by byte";
}

void expect_frames(std::string_view input, const std::vector<Argv>& commands,
                   const std::vector<size_t>& consumed) {
  SCOPED_TRACE(std::string(input));
  const Outcome whole = parse_whole(input);
  EXPECT_EQ(whole.last, ParseStatus::kNeedMore);
  EXPECT_EQ(whole.error, "");
  EXPECT_EQ(whole.leftover, 0u);
  EXPECT_EQ(whole.commands, commands);
  EXPECT_EQ(whole.consumed, consumed);
  expect_split_invariant(input);
}

void expect_error(std::string_view input, std::string_view error, const ParserLimits& limits = {}) {
  SCOPED_TRACE(std::string(input.substr(0, 80)));
  const Outcome whole = parse_whole(input, limits);
  EXPECT_EQ(whole.last, ParseStatus::kError);
  EXPECT_EQ(whole.error, error);
  if (input.size() <= 4096) expect_split_invariant(input, limits);
}

std::string multibulk(const std::vector<std::string>& args) {
  std::string out = "*" + std::to_string(args.size()) + "\r\n";
  for (const auto& a : args) out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
  return out;
}

// ---------------------------------------------------------------------------
// Valid multibulk frames

TEST(RespParser, SimpleMultibulk) {
  expect_frames("*1\r\n$4\r\nPING\r\n", {{"PING"}}, {14});
  expect_frames("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n", {{"SET", "key", "value"}}, {33});
}

TEST(RespParser, BinaryPayloads) {
  const std::string payload = "\r\n\0x\r$*\n"s;
  const std::string input = "*3\r\n$3\r\nSET\r\n$1\r\n\0\r\n$8\r\n"s + payload + "\r\n";
  expect_frames(input, {{"SET", "\0"s, payload}}, {input.size()});
}

TEST(RespParser, EmptyBulk) {
  expect_frames("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n", {{"ECHO", ""}}, {20});
  expect_frames("*1\r\n$0\r\n\r\n", {{""}}, {10});
}

TEST(RespParser, ManyArgs) {
  std::vector<std::string> args;
  for (int i = 0; i < 60; ++i) args.push_back(std::string(static_cast<size_t>(i % 13), static_cast<char>('a' + i % 26)));
  const std::string input = multibulk(args);
  expect_frames(input, {Argv(args.begin(), args.end())}, {input.size()});
}

TEST(RespParser, EmptyAndNullArraysProduceNoCommand) {
  expect_frames("*0\r\n", {}, {4});
  expect_frames("*-1\r\n", {}, {5});
}

TEST(RespParser, PipelinedFrames) {
  const std::string input =
      "*1\r\n$4\r\nPING\r\n"
      "PING\r\n"
      "*0\r\n"
      "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"
      "*-1\r\n"
      "\r\n"
      "set k \"v v\"\n"
      "*1\r\n$4\r\nQUIT\r\n";
  expect_frames(input, {{"PING"}, {"PING"}, {"GET", "k"}, {"set", "k", "v v"}, {"QUIT"}},
                {14, 6, 4, 20, 5, 2, 12, 14});
}

TEST(RespParser, ParsesOnlyTheFirstFrame) {
  Parser parser;
  CommandBatch batch;
  size_t consumed = 0;
  const std::string input = "*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n";
  ASSERT_EQ(parser.parse(input, batch, consumed), ParseStatus::kOk);
  EXPECT_EQ(consumed, 14u);
  EXPECT_EQ(batch.size(), 1u);
}

TEST(RespParser, MultibulkArgsAreViewsIntoTheBuffer) {
  Parser parser;
  CommandBatch batch;
  size_t consumed = 0;
  const std::string input = "*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n";
  ASSERT_EQ(parser.parse(input, batch, consumed), ParseStatus::kOk);
  ASSERT_EQ(batch.size(), 1u);
  const auto argv = batch.command(0);
  ASSERT_EQ(argv.size(), 2u);
  EXPECT_EQ(argv[0].data(), input.data() + 8);
  EXPECT_EQ(argv[1].data(), input.data() + 17);
}

TEST(RespParser, LargestAllowedCountIsNotAnError) {
  Parser parser;
  CommandBatch batch;
  size_t consumed = 0;
  EXPECT_EQ(parser.parse("*1048576\r\n", batch, consumed), ParseStatus::kNeedMore);
  ParserLimits small;
  small.max_multibulk_len = 3;
  Parser limited(small);
  EXPECT_EQ(limited.parse(multibulk({"a", "b", "c"}), batch, consumed), ParseStatus::kOk);
  EXPECT_EQ(consumed, 25u);
}

// ---------------------------------------------------------------------------
// Valid inline frames

TEST(RespParser, InlineSimple) {
  expect_frames("PING\r\n", {{"PING"}}, {6});
  expect_frames("PING\n", {{"PING"}}, {5});
  expect_frames("set k v\n", {{"set", "k", "v"}}, {8});
  expect_frames("  \tGET\t  key   \r\n", {{"GET", "key"}}, {17});
  // Blanks that sdssplitargs skips between arguments but keeps inside one.
  expect_frames("\v\fa\vb\fc\r\n", {{"a\vb\fc"}}, {9});
  // '\r' in mid-line is a separator.
  expect_frames("a\rb\r\n", {{"a", "b"}}, {5});
}

TEST(RespParser, InlineEmptyLinesProduceNoCommand) {
  expect_frames("\r\n", {}, {2});
  expect_frames("\n", {}, {1});
  expect_frames("   \t \r\n", {}, {7});
}

TEST(RespParser, InlineQuotes) {
  expect_frames("SET \"a b\" 'c d'\r\n", {{"SET", "a b", "c d"}}, {17});
  expect_frames("ECHO \"\" ''\r\n", {{"ECHO", "", ""}}, {12});
  // A quote may open mid-argument; the argument continues.
  expect_frames("ECHO a\"b c\" x\r\n", {{"ECHO", "ab c", "x"}}, {15});
  expect_frames("ECHO a'b c'\r\n", {{"ECHO", "ab c"}}, {13});
  // A closing quote may be followed by any blank, including \v and \f.
  expect_frames("ECHO \"a\"\vb\r\n", {{"ECHO", "a", "b"}}, {12});
  // Quote characters inside the other kind of quotes are literal.
  expect_frames("ECHO \"it's\" 'say \"hi\"'\n", {{"ECHO", "it's", "say \"hi\""}}, {23});
}

TEST(RespParser, InlineDoubleQuoteEscapes) {
  expect_frames("ECHO \"\\x41\\x7a\\x4A\\xff\"\r\n", {{"ECHO", "AzJ\xff"}}, {25});
  expect_frames("ECHO \"\\n\\r\\t\\b\\a\"\r\n", {{"ECHO", "\n\r\t\b\a"}}, {19});
  expect_frames("ECHO \"\\\\ \\\" \\q \\'\"\r\n", {{"ECHO", "\\ \" q '"}}, {20});
  // \x without two hex digits is the plain "\<c>" escape: 'x' then the rest.
  expect_frames("ECHO \"\\x4\" \"\\xZZ\"\r\n", {{"ECHO", "x4", "xZZ"}}, {19});
  expect_frames("ECHO \"\\x00\"\r\n", {{"ECHO", "\0"s}}, {13});
}

TEST(RespParser, InlineSingleQuoteEscapes) {
  // Only \' is an escape in single quotes; "\n" stays two bytes.
  expect_frames("ECHO 'it\\'s' 'a\\nb' 'a\\\\b'\r\n", {{"ECHO", "it's", "a\\nb", "a\\\\b"}}, {28});
  // A backslash right before the closing quote escapes it, leaving the quote open.
  expect_error("ECHO 'a\\\\'\r\n", "Protocol error: unbalanced quotes in request");
  expect_frames("ECHO '\\'x'\r\n", {{"ECHO", "'x"}}, {12});
}

TEST(RespParser, InlineNulEndsTheLineLikeRedis) {
  expect_frames("GET k\0ignored\r\n"s, {{"GET", "k"}}, {15});
}

TEST(RespParser, InlineArgsWithoutEscapesAreViewsIntoTheBuffer) {
  Parser parser;
  CommandBatch batch;
  size_t consumed = 0;
  const std::string input = "SET plain \"quoted\" \"esc\\n\" 'sq' a\"b\"\r\n";
  ASSERT_EQ(parser.parse(input, batch, consumed), ParseStatus::kOk);
  const auto argv = batch.command(0);
  ASSERT_EQ(argv.size(), 6u);
  const auto in_input = [&](std::string_view a) {
    return a.data() >= input.data() && a.data() + a.size() <= input.data() + input.size();
  };
  EXPECT_TRUE(in_input(argv[0]));
  EXPECT_EQ(argv[1], "plain");
  EXPECT_TRUE(in_input(argv[1]));
  EXPECT_EQ(argv[2], "quoted");
  EXPECT_TRUE(in_input(argv[2]));
  EXPECT_EQ(argv[3], "esc\n");
  EXPECT_FALSE(in_input(argv[3]));
  EXPECT_EQ(argv[4], "sq");
  EXPECT_TRUE(in_input(argv[4]));
  EXPECT_EQ(argv[5], "ab");
  EXPECT_FALSE(in_input(argv[5]));
}

// ---------------------------------------------------------------------------
// Multibulk errors

constexpr std::string_view kInvalidMultibulk = "Protocol error: invalid multibulk length";
constexpr std::string_view kInvalidBulk = "Protocol error: invalid bulk length";
constexpr std::string_view kExpectedCrlf = "Protocol error: expected CRLF after bulk string";
constexpr std::string_view kUnbalanced = "Protocol error: unbalanced quotes in request";

TEST(RespParserErrors, InvalidMultibulkLength) {
  for (const char* input : {"*abc\r\n", "*\r\n", "*-2\r\n", "*-100\r\n", "*+1\r\n", "*01\r\n",
                            "*-0\r\n", "* 1\r\n", "*1 \r\n", "*1x\r\n", "*-\r\n",
                            "*99999999999999999999\r\n", "*9223372036854775808\r\n",
                            "*1048577\r\n"}) {
    expect_error(input, kInvalidMultibulk);
  }
  ParserLimits small;
  small.max_multibulk_len = 3;
  expect_error("*4\r\n", kInvalidMultibulk, small);
}

TEST(RespParserErrors, UnauthenticatedClientsGetRedisTighterLimits) {
  ParserLimits unauth;
  unauth.unauthenticated = true;
  expect_error("*11\r\n", "Protocol error: unauthenticated multibulk length", unauth);
  expect_error("*2\r\n$4\r\nECHO\r\n$16385\r\n", "Protocol error: unauthenticated bulk length",
               unauth);
  // At the limits themselves nothing is wrong.
  CommandBatch batch;
  size_t consumed = 0;
  Parser p(unauth);
  std::string ten = "*10\r\n";
  for (int i = 0; i < 10; ++i) ten += "$1\r\na\r\n";
  EXPECT_EQ(p.parse(ten, batch, consumed), ParseStatus::kOk);
  std::string big = "*1\r\n$16384\r\n" + std::string(16384, 'x') + "\r\n";
  EXPECT_EQ(p.parse(big, batch, consumed), ParseStatus::kOk);
}

TEST(RespParserErrors, MultibulkHeaderCrWithoutLf) {
  expect_error("*3\rX", kInvalidMultibulk);
  expect_error("*3\r\r\n", kInvalidMultibulk);
}

TEST(RespParserErrors, TooBigMultibulkCountString) {
  constexpr std::string_view kText = "Protocol error: too big mbulk count string";
  ParserLimits small;
  small.max_inline_len = 8;
  Parser parser(small);
  CommandBatch batch;
  size_t consumed = 0;
  EXPECT_EQ(parser.parse("*1111111", batch, consumed), ParseStatus::kNeedMore);  // 8 bytes
  expect_error("*11111111", kText, small);                                          // 9 bytes
  expect_error("*" + std::string(64 * 1024, '1'), kText);
  Parser defaults;
  EXPECT_EQ(defaults.parse("*" + std::string(64 * 1024 - 1, '1'), batch, consumed),
            ParseStatus::kNeedMore);
}

TEST(RespParserErrors, ExpectedDollar) {
  expect_error("*1\r\nX", "Protocol error: expected '$', got 'X'");
  expect_error("*2\r\n$1\r\na\r\n:1\r\n", "Protocol error: expected '$', got ':'");
  expect_error("*1\r\n*1\r\n", "Protocol error: expected '$', got '*'");
  // Newlines in the message become spaces so the error reply stays one line.
  expect_error("*1\r\n\r\n", "Protocol error: expected '$', got ' '");
  expect_error("*1\r\n\n", "Protocol error: expected '$', got ' '");
}

TEST(RespParserErrors, TooBigBulkCountString) {
  constexpr std::string_view kText = "Protocol error: too big bulk count string";
  ParserLimits small;
  small.max_inline_len = 8;
  expect_error("*1\r\n$11111111", kText, small);  // 9 bytes from '$'
  Parser parser(small);
  CommandBatch batch;
  size_t consumed = 0;
  EXPECT_EQ(parser.parse("*1\r\n$1111111", batch, consumed), ParseStatus::kNeedMore);
  expect_error("*1\r\n$" + std::string(64 * 1024, '1'), kText);
}

TEST(RespParserErrors, InvalidBulkLength) {
  for (const char* input : {"*1\r\n$-1\r\n", "*1\r\n$abc\r\n", "*1\r\n$\r\n", "*1\r\n$01\r\n",
                            "*1\r\n$ 3\r\n", "*1\r\n$+3\r\n", "*1\r\n$3 \r\n",
                            "*1\r\n$99999999999999999999999\r\n", "*1\r\n$536870913\r\n",
                            "*1\r\n$3\rX", "*2\r\n$1\r\na\r\n$x\r\n"}) {
    expect_error(input, kInvalidBulk);
  }
  ParserLimits small;
  small.max_bulk_len = 4;
  expect_error("*1\r\n$5\r\n", kInvalidBulk, small);
  Parser parser;
  CommandBatch batch;
  size_t consumed = 0;
  EXPECT_EQ(parser.parse("*1\r\n$536870912\r\n", batch, consumed), ParseStatus::kNeedMore);
  Parser limited(small);
  EXPECT_EQ(limited.parse("*1\r\n$4\r\n", batch, consumed), ParseStatus::kNeedMore);
}

TEST(RespParserErrors, ExpectedCrlfAfterBulk) {
  expect_error("*1\r\n$3\r\nabcd\r\n", kExpectedCrlf);
  expect_error("*1\r\n$3\r\nabc\rX", kExpectedCrlf);
  expect_error("*1\r\n$3\r\nabc\n\r", kExpectedCrlf);
  expect_error("*1\r\n$0\r\nX", kExpectedCrlf);
  expect_error("*2\r\n$1\r\na\r\n$1\r\nbb", kExpectedCrlf);
  Parser parser;
  CommandBatch batch;
  size_t consumed = 0;
  EXPECT_EQ(parser.parse("*1\r\n$3\r\nabc\r", batch, consumed), ParseStatus::kNeedMore);
}

// ---------------------------------------------------------------------------
// Inline errors

TEST(RespParserErrors, TooBigInlineRequest) {
  constexpr std::string_view kText = "Protocol error: too big inline request";
  ParserLimits small;
  small.max_inline_len = 8;
  expect_error("123456789", kText, small);
  Parser parser(small);
  CommandBatch batch;
  size_t consumed = 0;
  EXPECT_EQ(parser.parse("12345678", batch, consumed), ParseStatus::kNeedMore);
  expect_error(std::string(64 * 1024 + 1, 'a'), kText);
  Parser defaults;
  EXPECT_EQ(defaults.parse(std::string(64 * 1024, 'a'), batch, consumed), ParseStatus::kNeedMore);
}

TEST(RespParserErrors, UnbalancedQuotes) {
  for (std::string input :
       {"SET \"abc\r\n"s, "SET 'abc\r\n"s, "SET \"a\"b\r\n"s, "SET 'a'b\r\n"s, "\"a\"\"b\"\n"s,
        "SET \"abc\\\"\r\n"s, "SET 'abc\\'\r\n"s, "SET \"abc\\\r\n"s, "SET \"abc\0\"\r\n"s,
        "\"\n"s}) {
    expect_error(input, kUnbalanced);
  }
}

// ---------------------------------------------------------------------------
// Parser lifecycle

TEST(RespParser, ErrorIsStickyUntilReset) {
  Parser parser;
  CommandBatch batch;
  size_t consumed = 7;
  ASSERT_EQ(parser.parse("*x\r\n", batch, consumed), ParseStatus::kError);
  EXPECT_EQ(consumed, 0u);
  EXPECT_EQ(parser.error(), kInvalidMultibulk);
  EXPECT_EQ(parser.parse("PING\r\n", batch, consumed), ParseStatus::kError);
  parser.reset();
  EXPECT_EQ(parser.error(), "");
  ASSERT_EQ(parser.parse("PING\r\n", batch, consumed), ParseStatus::kOk);
  EXPECT_EQ(consumed, 6u);
  EXPECT_EQ(batch.size(), 1u);
}

TEST(RespParser, ResetDropsPartialFrame) {
  Parser parser;
  CommandBatch batch;
  size_t consumed = 0;
  ASSERT_EQ(parser.parse("*2\r\n$3\r\nGET\r\n", batch, consumed), ParseStatus::kNeedMore);
  parser.reset();
  ASSERT_EQ(parser.parse("PING\r\n", batch, consumed), ParseStatus::kOk);
  EXPECT_EQ(batch.command(0)[0], "PING");
}

TEST(RespParser, LimitsAccessors) {
  Parser parser;
  EXPECT_EQ(parser.limits().max_bulk_len, 512ull * 1024 * 1024);
  EXPECT_EQ(parser.limits().max_multibulk_len, 1024u * 1024);
  EXPECT_EQ(parser.limits().max_inline_len, 64u * 1024);
  ParserLimits small;
  small.max_bulk_len = 2;
  parser.set_limits(small);
  EXPECT_EQ(parser.limits().max_bulk_len, 2u);
  CommandBatch batch;
  size_t consumed = 0;
  ASSERT_EQ(parser.parse("*1\r\n$3\r\n", batch, consumed), ParseStatus::kError);
  EXPECT_EQ(parser.error(), kInvalidBulk);
}

TEST(RespParser, FrameSizeHintForPartialBigBulk) {
  Parser parser;
  CommandBatch batch;
  size_t consumed = 0;
  std::string buffer = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100";
  EXPECT_EQ(parser.parse(buffer, batch, consumed), ParseStatus::kNeedMore);
  EXPECT_EQ(parser.frame_size_hint(), 0u);  // length not known yet
  buffer += "000\r\n";
  const size_t payload_at = buffer.size();
  buffer += std::string(4096, 'v');
  EXPECT_EQ(parser.parse(buffer, batch, consumed), ParseStatus::kNeedMore);
  EXPECT_EQ(parser.frame_size_hint(), payload_at + 100000 + 2);
  buffer.resize(payload_at);
  buffer += std::string(100000, 'v') + "\r\n";
  EXPECT_EQ(parser.parse(buffer, batch, consumed), ParseStatus::kOk);
  EXPECT_EQ(consumed, buffer.size());
  EXPECT_EQ(parser.frame_size_hint(), 0u);
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch.command(0)[2].size(), 100000u);
}

TEST(RespParser, HugeArgumentCountInFourKilobyteChunks) {
  constexpr size_t kArgs = 200'000;
  std::vector<std::string> args;
  args.reserve(kArgs);
  for (size_t i = 0; i < kArgs; ++i) args.push_back("arg" + std::to_string(i));
  const std::string input = multibulk(args);

  std::vector<std::string_view> chunks;
  for (size_t at = 0; at < input.size(); at += 4096) chunks.push_back(std::string_view(input).substr(at, 4096));
  ASSERT_GT(chunks.size(), 500u);

  const Outcome out = drive(chunks, {}, /*relocate=*/false);
  EXPECT_EQ(out.last, ParseStatus::kNeedMore);
  EXPECT_EQ(out.error, "");
  EXPECT_EQ(out.leftover, 0u);
  ASSERT_EQ(out.commands.size(), 1u);
  ASSERT_EQ(out.consumed, std::vector<size_t>{input.size()});
  EXPECT_TRUE(out.commands[0] == Argv(args.begin(), args.end()));
}

// ---------------------------------------------------------------------------
// CommandBatch

TEST(CommandBatch, CommandsAndArenaViews) {
  CommandBatch batch;
  EXPECT_TRUE(batch.empty());
  std::vector<std::string_view> stored;
  // Many short strings: SSO storage must not move as the arena grows.
  for (int i = 0; i < 1000; ++i) stored.push_back(batch.store("s" + std::to_string(i)));
  const std::string_view first[] = {"GET", stored[0]};
  batch.add_command(first);
  const std::string_view second[] = {"MSET", stored[1], stored[999]};
  batch.add_command(second);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_FALSE(batch.empty());
  EXPECT_EQ(batch.command(0).size(), 2u);
  EXPECT_EQ(batch.command(0)[1], "s0");
  ASSERT_EQ(batch.command(1).size(), 3u);
  EXPECT_EQ(batch.command(1)[2], "s999");
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(stored[static_cast<size_t>(i)], "s" + std::to_string(i));

  CommandBatch moved = std::move(batch);
  EXPECT_EQ(moved.command(0)[1], "s0");
  moved.clear();
  EXPECT_TRUE(moved.empty());
  EXPECT_EQ(moved.size(), 0u);
}

TEST(CommandBatch, ParserAppendsToExistingCommands) {
  Parser parser;
  CommandBatch batch;
  const std::string input = "ECHO \"a\\tb\"\r\n*1\r\n$4\r\nPING\r\n";
  size_t consumed = 0;
  ASSERT_EQ(parser.parse(input, batch, consumed), ParseStatus::kOk);
  ASSERT_EQ(parser.parse(std::string_view(input).substr(consumed), batch, consumed),
            ParseStatus::kOk);
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch.command(0)[1], "a\tb");
  EXPECT_EQ(batch.command(1)[0], "PING");
}

}  // namespace
}  // namespace ironkv::resp
