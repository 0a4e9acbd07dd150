// The AOF's file formats without a server: the manifest (Redis 7.0's syntax, its
// errors), the bytes one logged command becomes, and the reader (aof_scan_file)
// on valid files, on a file cut at every byte offset (what a crash mid-write
// leaves), on corruption in the middle, and on a MULTI left open at the end.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "persistence/aof_format.h"
#include "persistence/aof_loader.h"

namespace ironkv::persistence {
namespace {

namespace fs = std::filesystem;
using Status = AofScanResult::Status;

std::string cmd(std::vector<std::string_view> argv) {
  std::string out;
  aof_append_command(out, argv);
  return out;
}

// A scratch directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "ironkv-aoffmt-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(std::string_view name, std::string_view content) const {
    std::string p = path_ + "/" + std::string(name);
    std::ofstream(p, std::ios::binary | std::ios::trunc).write(content.data(), static_cast<std::streamsize>(content.size()));
    return p;
  }

 private:
  std::string path_;
};

struct Scan {
  AofScanResult r;
  std::vector<std::vector<std::string>> cmds;
};

Scan scan(const std::string& path, uint64_t offset = 0) {
  Scan s;
  s.r = aof_scan_file(path, offset, [&](std::span<const std::string_view> argv, std::string&) {
    s.cmds.emplace_back(argv.begin(), argv.end());
    return true;
  });
  return s;
}

// ---- aof_append_command --------------------------------------------------------

TEST(AofAppendCommand, WritesRespArraysByteExact) {
  EXPECT_EQ(cmd({"SET", "k", "v"}), "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
  EXPECT_EQ(cmd({"PING"}), "*1\r\n$4\r\nPING\r\n");
  // Empty and binary arguments are length-prefixed, never escaped.
  EXPECT_EQ(cmd({"SET", "", std::string_view("a\r\n\0b", 5)}),
            std::string("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$5\r\na\r\n\0b\r\n", 30));
  std::string big(100000, 'x');
  EXPECT_EQ(cmd({"SET", "k", big}), "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\n" + big + "\r\n");
  // Appends; never replaces what is there.
  std::string out = "prefix";
  const std::string_view argv[] = {"DEL", "a"};
  aof_append_command(out, argv);
  EXPECT_EQ(out, "prefix*2\r\n$3\r\nDEL\r\n$1\r\na\r\n");
}

// ---- AofManifest ---------------------------------------------------------------

TEST(AofManifest, ParsesRedis70ManifestAndSerializesInRedisOrder) {
  // As redis-server 7.0 writes it after a rewrite, plus a history entry.
  const std::string text =
      "file appendonly.aof.3.incr.aof seq 3 type i\n"
      "file appendonly.aof.2.base.rdb seq 2 type b\n"
      "file appendonly.aof.1.base.aof seq 1 type h\n"
      "file appendonly.aof.4.incr.aof seq 4 type i\n";
  AofManifest m;
  std::string err;
  ASSERT_TRUE(AofManifest::parse(text, m, err)) << err;
  ASSERT_EQ(m.files.size(), 4u);
  ASSERT_NE(m.base(), nullptr);
  EXPECT_EQ(m.base()->name, "appendonly.aof.2.base.rdb");
  EXPECT_EQ(m.base_seq(), 2);
  EXPECT_EQ(m.last_incr_seq(), 4);
  auto incrs = m.incrs();
  ASSERT_EQ(incrs.size(), 2u);
  EXPECT_EQ(incrs[0]->name, "appendonly.aof.3.incr.aof");
  EXPECT_EQ(incrs[1]->name, "appendonly.aof.4.incr.aof");
  EXPECT_EQ(m.serialize(),
            "file appendonly.aof.2.base.rdb seq 2 type b\n"
            "file appendonly.aof.1.base.aof seq 1 type h\n"
            "file appendonly.aof.3.incr.aof seq 3 type i\n"
            "file appendonly.aof.4.incr.aof seq 4 type i\n");
  // What it serializes parses back to the same thing.
  AofManifest again;
  ASSERT_TRUE(AofManifest::parse(m.serialize(), again, err)) << err;
  EXPECT_EQ(again.serialize(), m.serialize());
}

TEST(AofManifest, ToleratesCrlfBlankLinesCommentsAndUnknownKeys) {
  AofManifest m;
  std::string err;
  ASSERT_TRUE(AofManifest::parse("# comment\r\n\r\nfile a.1.incr.aof  seq 1\ttype i future x\r\n",
                                 m, err))
      << err;
  ASSERT_EQ(m.files.size(), 1u);
  EXPECT_EQ(m.files[0].name, "a.1.incr.aof");
  EXPECT_EQ(m.files[0].seq, 1);
  EXPECT_EQ(m.base(), nullptr);
  EXPECT_EQ(m.base_seq(), 0);
  // An empty manifest is an empty list.
  ASSERT_TRUE(AofManifest::parse("", m, err));
  EXPECT_TRUE(m.files.empty());
  EXPECT_EQ(m.serialize(), "");
}

TEST(AofManifest, ErrorsNameTheLine) {
  struct Case {
    std::string text;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"file a seq 1 type i\nfile b seq 2\n", "Invalid AOF manifest file format (line 2)"},
      {"file a seq 1 type\n", "Invalid AOF manifest file format (line 1)"},
      {"\nfile a seq x type i\n", "Invalid AOF manifest file format: bad seq (line 2)"},
      {"file a seq -1 type i\n", "Invalid AOF manifest file format: bad seq (line 1)"},
      {"file a seq 1 type z\n", "Unknown AOF file type (line 1)"},
      {"file a seq 1 type ib\n", "Unknown AOF file type (line 1)"},
      {"seq 1 type i\n", "Invalid AOF manifest file format (line 1)"},
      {"file ../etc/passwd seq 1 type i\n", "Invalid AOF manifest file format (line 1)"},
      {"file a seq 1 type b\nfile b seq 2 type b\n", "Found duplicate base file information"},
  };
  for (const auto& c : cases) {
    AofManifest m;
    std::string err;
    EXPECT_FALSE(AofManifest::parse(c.text, m, err)) << c.text;
    EXPECT_EQ(err, c.error) << c.text;
  }
}

TEST(AofManifest, FileNamesAsRedisFormsThem) {
  EXPECT_EQ(aof_base_name("appendonly.aof", 1, true), "appendonly.aof.1.base.rdb");
  EXPECT_EQ(aof_base_name("appendonly.aof", 12, false), "appendonly.aof.12.base.aof");
  EXPECT_EQ(aof_incr_name("appendonly.aof", 3), "appendonly.aof.3.incr.aof");
  EXPECT_EQ(aof_manifest_name("appendonly.aof"), "appendonly.aof.manifest");
  EXPECT_EQ(join_path("dir", "f"), "dir/f");
  EXPECT_EQ(join_path("dir/", "f"), "dir/f");
  EXPECT_EQ(join_path(".", "f"), "f");
}

TEST(AofManifest, WriteFileAtomicallyReplacesAndLeavesNoTemp) {
  TempDir dir;
  std::string d = dir.file("x", "");  // dir path + "/x"
  d.resize(d.size() - 2);
  std::string err;
  ASSERT_TRUE(write_file_atomically(d, "m", "one\n", err)) << err;
  ASSERT_TRUE(write_file_atomically(d, "m", "two\n", err)) << err;
  std::string content;
  ASSERT_TRUE(read_whole_file(d + "/m", content, err)) << err;
  EXPECT_EQ(content, "two\n");
  for (const auto& e : fs::directory_iterator(d)) {
    EXPECT_EQ(e.path().filename().string().rfind("temp-", 0), std::string::npos) << e.path();
  }
  EXPECT_FALSE(write_file_atomically(d + "/missing", "m", "x", err));
  EXPECT_NE(err.find("No such file"), std::string::npos) << err;
}

// ---- aof_scan_file -------------------------------------------------------------

TEST(AofScan, ValidFileGivesEveryCommandInOrder) {
  TempDir dir;
  std::string body = cmd({"SELECT", "0"}) + cmd({"SET", "k", "v"}) + "*0\r\n" +
                     cmd({"MULTI"}) + cmd({"INCR", "n"}) + cmd({"EXEC"}) + cmd({"DEL", "k"});
  auto s = scan(dir.file("a.aof", body));
  EXPECT_EQ(s.r.status, Status::kOk) << s.r.error;
  EXPECT_EQ(s.r.commands, 6u);
  EXPECT_EQ(s.r.valid_up_to, body.size());
  EXPECT_EQ(s.r.file_size, body.size());
  EXPECT_FALSE(s.r.open_multi);
  ASSERT_EQ(s.cmds.size(), 6u);
  EXPECT_EQ(s.cmds[1], (std::vector<std::string>{"SET", "k", "v"}));
  EXPECT_EQ(s.cmds[5], (std::vector<std::string>{"DEL", "k"}));

  // From an offset (after an RDB preamble): only what follows.
  size_t off = cmd({"SELECT", "0"}).size();
  auto t = scan(dir.file("a.aof", body), off);
  EXPECT_EQ(t.r.status, Status::kOk);
  EXPECT_EQ(t.r.commands, 5u);
  EXPECT_EQ(t.r.valid_up_to, body.size());

  // An empty file is a valid, empty AOF.
  auto e = scan(dir.file("empty.aof", ""));
  EXPECT_EQ(e.r.status, Status::kOk);
  EXPECT_EQ(e.r.commands, 0u);
}

TEST(AofScan, ArgumentsLargerThanTheReadChunkAreReadWhole) {
  TempDir dir;
  std::string big(3 << 20, 'b');
  big[12345] = '\n';  // payload bytes are never parsed as lines
  std::string body = cmd({"SET", "big", big}) + cmd({"SET", "after", "1"});
  auto s = scan(dir.file("a.aof", body));
  ASSERT_EQ(s.r.status, Status::kOk) << s.r.error;
  ASSERT_EQ(s.cmds.size(), 2u);
  EXPECT_EQ(s.cmds[0][2], big);
  EXPECT_EQ(s.cmds[1][1], "after");
  // Cut inside the big payload: truncated after nothing.
  auto t = scan(dir.file("b.aof", body.substr(0, (2 << 20) + 7)));
  EXPECT_EQ(t.r.status, Status::kTruncated);
  EXPECT_EQ(t.r.valid_up_to, 0u);
  EXPECT_EQ(t.r.commands, 0u);
}

// A crash can stop a write anywhere: the reader must report exactly the
// complete commands before the cut, for every cut, and never crash. A MULTI
// without its EXEC counts as incomplete (its commands are dropped).
TEST(AofScan, TruncatedAtEveryByteOffset) {
  TempDir dir;
  const std::vector<std::string> parts = {
      cmd({"SELECT", "0"}),     cmd({"SET", "key", "value"}),
      cmd({"MULTI"}),           cmd({"INCR", "counter"}),
      cmd({"RPUSH", "l", "a", "b"}), cmd({"EXEC"}),
      cmd({"SET", "bin", std::string_view("x\r\ny\0", 5)}),
      cmd({"DEL", "key"}),
  };
  // Command boundaries, and whether a cut there is inside MULTI.
  std::string body;
  std::vector<uint64_t> ends;
  std::vector<bool> inside;
  std::vector<uint64_t> line_at;  // 1-based line where each command starts
  uint64_t lines = 1;
  bool in_multi = false;
  for (const auto& p : parts) {
    line_at.push_back(lines);
    body += p;
    for (char c : p) lines += c == '\n';
    if (p == cmd({"MULTI"})) in_multi = true;
    if (p == cmd({"EXEC"})) in_multi = false;
    ends.push_back(body.size());
    inside.push_back(in_multi);
  }
  const uint64_t multi_at = ends[1];
  const std::string path = dir.file("t.aof", "");
  for (size_t cut = 0; cut <= body.size(); ++cut) {
    SCOPED_TRACE("cut at " + std::to_string(cut));
    dir.file("t.aof", std::string_view(body).substr(0, cut));
    auto s = scan(path);
    // Expected: the last complete command before the cut.
    size_t complete = 0;
    while (complete < ends.size() && ends[complete] <= cut) ++complete;
    const bool at_boundary = cut == 0 || (complete > 0 && ends[complete - 1] == cut);
    const bool open_multi = complete > 0 && inside[complete - 1];
    uint64_t valid = 0;
    for (size_t i = 0; i < complete; ++i) {
      if (!inside[i]) valid = ends[i];
    }
    EXPECT_EQ(s.r.valid_up_to, valid);
    EXPECT_EQ(s.r.commands, complete);
    EXPECT_EQ(s.cmds.size(), complete);
    EXPECT_EQ(s.r.file_size, cut);
    if (at_boundary && !open_multi) {
      EXPECT_EQ(s.r.status, Status::kOk) << s.r.error;
      continue;
    }
    ASSERT_EQ(s.r.status, Status::kTruncated) << s.r.error;
    EXPECT_EQ(s.r.open_multi, open_multi);
    if (open_multi) {
      EXPECT_EQ(s.r.error_offset, multi_at);
      EXPECT_EQ(s.r.error_line, line_at[2]);
      EXPECT_NE(s.r.error.find("inside MULTI/EXEC"), std::string::npos) << s.r.error;
    } else {
      EXPECT_EQ(s.r.error_offset, complete == 0 ? 0 : ends[complete - 1]);
      EXPECT_EQ(s.r.error_line, line_at[complete]);
      EXPECT_NE(s.r.error.find("Unexpected end of file"), std::string::npos) << s.r.error;
    }
  }
}

TEST(AofScan, CorruptionInTheMiddleNamesOffsetAndLine) {
  TempDir dir;
  const std::string a = cmd({"SELECT", "0"}), b = cmd({"SET", "k", "v"}), c = cmd({"DEL", "k"});
  // Garbage where a command should start.
  {
    std::string body = a + b + "xyz\r\n" + c;
    auto s = scan(dir.file("c1.aof", body));
    ASSERT_EQ(s.r.status, Status::kCorrupt);
    EXPECT_EQ(s.r.error_offset, a.size() + b.size());
    EXPECT_EQ(s.r.error_line, 13u);  // SELECT: 5 lines, SET: 7 lines
    EXPECT_EQ(s.r.commands, 2u);
    EXPECT_EQ(s.r.valid_up_to, a.size() + b.size());
    EXPECT_NE(s.r.error.find("at offset " + std::to_string(a.size() + b.size())), std::string::npos)
        << s.r.error;
    EXPECT_NE(s.r.error.find("c1.aof"), std::string::npos) << s.r.error;
  }
  // A bad bulk length inside a command: the command's start is reported.
  {
    std::string bad = b;
    bad[bad.find("$1")] = '#';
    std::string body = a + bad + c;
    auto s = scan(dir.file("c2.aof", body));
    ASSERT_EQ(s.r.status, Status::kCorrupt) << s.r.error;
    EXPECT_EQ(s.r.error_offset, a.size());
    EXPECT_EQ(s.r.error_line, 6u);
    EXPECT_EQ(s.r.commands, 1u);
  }
  // A payload not followed by CRLF.
  {
    std::string bad = b;
    bad[bad.size() - 2] = 'Z';
    std::string body = a + bad + c;
    auto s = scan(dir.file("c3.aof", body));
    ASSERT_EQ(s.r.status, Status::kCorrupt) << s.r.error;
    EXPECT_EQ(s.r.error_offset, a.size());
  }
  // A binary byte is shown escaped.
  {
    std::string body = a + "\x01" + c;
    auto s = scan(dir.file("c4.aof", body));
    ASSERT_EQ(s.r.status, Status::kCorrupt);
    EXPECT_NE(s.r.error.find("\\x01"), std::string::npos) << s.r.error;
  }
}

TEST(AofScan, OpenMultiAtTheEndIsTruncationBeforeTheMulti) {
  TempDir dir;
  const std::string head = cmd({"SET", "a", "1"});
  std::string body = head + cmd({"MULTI"}) + cmd({"SET", "b", "2"}) + cmd({"SET", "c", "3"});
  auto s = scan(dir.file("m.aof", body));
  ASSERT_EQ(s.r.status, Status::kTruncated);
  EXPECT_TRUE(s.r.open_multi);
  EXPECT_EQ(s.r.valid_up_to, head.size());
  EXPECT_EQ(s.r.error_offset, head.size());
  EXPECT_EQ(s.r.error_line, 8u);
  EXPECT_EQ(s.r.commands, 4u);  // handed over; the replayer drops the open MULTI's queue
}

TEST(AofScan, CallbackFailureStopsWithItsMessage) {
  TempDir dir;
  std::string body = cmd({"SET", "a", "1"}) + cmd({"NOSUCH", "x"}) + cmd({"SET", "b", "2"});
  int calls = 0;
  auto r = aof_scan_file(dir.file("f.aof", body), 0,
                         [&](std::span<const std::string_view> argv, std::string& err) {
                           ++calls;
                           if (argv[0] == "NOSUCH") {
                             err = "Unknown command 'NOSUCH'";
                             return false;
                           }
                           return true;
                         });
  EXPECT_EQ(r.status, Status::kFailed);
  EXPECT_EQ(r.error, "Unknown command 'NOSUCH'");
  EXPECT_EQ(r.error_offset, cmd({"SET", "a", "1"}).size());
  EXPECT_EQ(calls, 2);
}

TEST(AofScan, MissingFileFailsAndRdbMagicIsRecognised) {
  TempDir dir;
  std::string missing = dir.file("x", "");
  missing += "-gone";
  auto r = aof_scan_file(missing, 0, [](auto, std::string&) { return true; });
  EXPECT_EQ(r.status, Status::kFailed);
  EXPECT_NE(r.error.find("Can't open the append-only file"), std::string::npos) << r.error;
  EXPECT_TRUE(file_starts_with_rdb(dir.file("r", "REDIS0010...")));
  EXPECT_FALSE(file_starts_with_rdb(dir.file("r2", "*1\r\n$4\r\nPING\r\n")));
  EXPECT_FALSE(file_starts_with_rdb(dir.file("r3", "RED")));
  EXPECT_FALSE(file_starts_with_rdb(missing));
}

}  // namespace
}  // namespace ironkv::persistence
