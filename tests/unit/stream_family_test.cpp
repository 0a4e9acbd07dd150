// Stream family: every command and error path in one sequence, with the exact
// bytes redis-server 7.0.15 sent for the same sequence (generated against it;
// the idle times in XPENDING's extended form are 0 here, the harness clock
// standing still). The generated differential test (tests/compat/stream_diff.py)
// covers the same ground at random; this one runs without redis-server.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "harness.h"

namespace ironkv::test {
namespace {

TEST(StreamFamily, EveryCommandAndErrorAsRedisReplies) {
  Harness h;
  const std::vector<std::pair<std::vector<std::string>, std::string>> steps = {
      // XADD: IDs, options and every error
      {{"XADD", "s", "1-1", "a", "1"}, "$3\r\n1-1\r\n"},
      {{"XADD", "s", "1-1", "a", "1"},
       "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n"},
      {{"XADD", "s", "1-0", "a", "1"},
       "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n"},
      {{"XADD", "s", "1", "a", "1"},
       "-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n"},
      {{"XADD", "s", "1-*", "a", "2"}, "$3\r\n1-2\r\n"},
      {{"XADD", "s", "2-*", "a", "3", "b", "4"}, "$3\r\n2-0\r\n"},
      {{"XADD", "s", "0-0", "a", "1"},
       "-ERR The ID specified in XADD must be greater than 0-0\r\n"},
      {{"XADD", "n", "0-0", "a", "1"},
       "-ERR The ID specified in XADD must be greater than 0-0\r\n"},
      {{"XADD", "s", "abc", "a", "1"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XADD", "s", "1-x", "a", "1"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XADD", "s", "18446744073709551616-0", "a", "1"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XADD", "s", "3-0", "a"}, "-ERR wrong number of arguments for 'xadd' command\r\n"},
      {{"XADD", "s", "3-0", "a", "1", "b"},
       "-ERR wrong number of arguments for 'xadd' command\r\n"},
      {{"XADD", "s", "NOMKSTREAM", "3-0", "a", "1"}, "$3\r\n3-0\r\n"},
      {{"XADD", "missing", "NOMKSTREAM", "3-0", "a", "1"}, "$-1\r\n"},
      {{"XADD", "s", "MAXLEN", "-1", "4-0", "a", "1"},
       "-ERR The MAXLEN argument must be >= 0.\r\n"},
      {{"XADD", "s", "MAXLEN", "x", "4-0", "a", "1"},
       "-ERR value is not an integer or out of range\r\n"},
      {{"XADD", "s", "MAXLEN", "5", "MINID", "1", "4-0", "a", "1"},
       "-ERR syntax error, MAXLEN and MINID options at the same time are not compatible\r\n"},
      {{"XADD", "s", "MAXLEN", "5", "LIMIT", "10", "4-0", "a", "1"},
       "-ERR syntax error, LIMIT cannot be used without the special ~ option\r\n"},
      {{"XADD", "s", "MAXLEN", "~", "5", "LIMIT", "-1", "4-0", "a", "1"},
       "-ERR The LIMIT argument must be >= 0.\r\n"},
      {{"XADD", "s", "MAXLEN", "~", "5", "LIMIT", "10", "4-0", "a", "1"}, "$3\r\n4-0\r\n"},
      {{"XADD", "s", "MINID", "=", "2", "5-0", "a", "1"}, "$3\r\n5-0\r\n"},
      {{"XADD", "s", "LIMIT", "1", "6-0", "a", "1"},
       "-ERR syntax error, LIMIT cannot be used without specifying a trimming strategy\r\n"},
      {{"XADD", "s", "MINID", "(", "6-0", "a", "1"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XLEN", "s"}, ":4\r\n"},
      {{"XRANGE", "s", "-", "+"},
       "*4\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\na\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n4\r\n*2\r\n$3\r\n3-"
       "0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$3\r\n4-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$"
       "3\r\n5-0\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n"},
      {{"XADD", "s", "18446744073709551615-18446744073709551615", "a", "1"},
       "$41\r\n18446744073709551615-18446744073709551615\r\n"},
      {{"XADD", "s", "7-0", "a", "1"},
       "-ERR The stream has exhausted the last possible ID, unable to add more items\r\n"},
      {{"XADD", "str", "1-0", "a", "1"}, "$3\r\n1-0\r\n"},
      {{"SET", "str", "x"}, "+OK\r\n"},
      {{"XADD", "str", "1-0", "a", "1"},
       "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"},
      {{"XLEN", "str"}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"},
      {{"XLEN", "missing"}, ":0\r\n"},
      // XRANGE / XREVRANGE
      {{"DEL", "s"}, ":1\r\n"},
      {{"XADD", "s", "1-0", "f", "v"}, "$3\r\n1-0\r\n"},
      {{"XADD", "s", "2-0", "f", "v", "g", "w"}, "$3\r\n2-0\r\n"},
      {{"XADD", "s", "3-0", "f", "v"}, "$3\r\n3-0\r\n"},
      {{"XRANGE", "s", "-", "+", "COUNT", "2"},
       "*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nf\r\n$"
       "1\r\nv\r\n$1\r\ng\r\n$1\r\nw\r\n"},
      {{"XRANGE", "s", "(1-0", "+"},
       "*2\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\ng\r\n$1\r\nw\r\n*2\r\n$3\r\n3-"
       "0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XRANGE", "s", "-", "(3-0"},
       "*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nf\r\n$"
       "1\r\nv\r\n$1\r\ng\r\n$1\r\nw\r\n"},
      {{"XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"},
       "-ERR invalid start ID for the interval\r\n"},
      {{"XRANGE", "s", "-", "(0-0"}, "-ERR invalid end ID for the interval\r\n"},
      {{"XRANGE", "s", "2", "2"},
       "*1\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\ng\r\n$1\r\nw\r\n"},
      {{"XRANGE", "s", "-", "+", "COUNT", "0"}, "*-1\r\n"},
      {{"XRANGE", "s", "-", "+", "COUNT", "-5"}, "*-1\r\n"},
      {{"XRANGE", "s", "-", "+", "COUNT", "x"}, "-ERR value is not an integer or out of range\r\n"},
      {{"XRANGE", "s", "-", "+", "LIMIT", "1"}, "-ERR syntax error\r\n"},
      {{"XRANGE", "s", "x", "+"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XRANGE", "s", "(", "+"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XRANGE", "s", "(-", "+"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XRANGE", "missing", "-", "+"}, "*0\r\n"},
      {{"XRANGE", "missing", "-", "+", "COUNT", "0"}, "*0\r\n"},
      {{"XREVRANGE", "s", "+", "-", "COUNT", "2"},
       "*2\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nf\r\n$"
       "1\r\nv\r\n$1\r\ng\r\n$1\r\nw\r\n"},
      {{"XREVRANGE", "s", "(3-0", "-"},
       "*2\r\n*2\r\n$3\r\n2-0\r\n*4\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\ng\r\n$1\r\nw\r\n*2\r\n$3\r\n1-"
       "0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XRANGE", "str", "-", "+"},
       "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"},
      // XDEL / XTRIM
      {{"XDEL", "s", "2-0", "9-0"}, ":1\r\n"},
      {{"XDEL", "s", "2-0"}, ":0\r\n"},
      {{"XDEL", "s", "x"}, "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XDEL", "s", "1-0", "x"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XLEN", "s"}, ":2\r\n"},
      {{"XDEL", "missing", "1-0"}, ":0\r\n"},
      {{"XTRIM", "s", "MAXLEN", "1"}, ":1\r\n"},
      {{"XTRIM", "s", "MAXLEN", "~", "0"}, ":1\r\n"},
      {{"XTRIM", "s", "MINID", "5"}, ":0\r\n"},
      {{"XTRIM", "s", "LIMIT", "1"},
       "-ERR syntax error, LIMIT cannot be used without specifying a trimming strategy\r\n"},
      {{"XTRIM", "s", "foo", "1"}, "-ERR syntax error\r\n"},
      {{"XTRIM", "s", "MAXLEN"}, "-ERR wrong number of arguments for 'xtrim' command\r\n"},
      {{"XTRIM", "s", "MAXLEN", "=", "0", "LIMIT", "1"},
       "-ERR syntax error, LIMIT cannot be used without the special ~ option\r\n"},
      {{"XTRIM", "missing", "MAXLEN", "0"}, ":0\r\n"},
      {{"XINFO", "STREAM", "s"},
       "*20\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:"
       "1\r\n$17\r\nlast-generated-id\r\n$3\r\n3-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n2-0\r\n$"
       "13\r\nentries-added\r\n:3\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$"
       "6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n$-1\r\n$10\r\nlast-entry\r\n$-1\r\n"},
      // XSETID
      {{"XSETID", "s", "1-0"}, "+OK\r\n"},
      {{"XSETID", "s", "10-0", "ENTRIESADDED", "1"}, "+OK\r\n"},
      {{"XSETID", "s", "10-0", "ENTRIESADDED", "-1"}, "-ERR entries_added must be positive\r\n"},
      {{"XSETID", "s", "10-0", "MAXDELETEDID", "11-0"},
       "-ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id\r\n"},
      {{"XSETID", "s", "10-0", "MAXDELETEDID", "x"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XSETID", "s", "10-0", "ENTRIESADDED", "50", "MAXDELETEDID", "2-0"}, "+OK\r\n"},
      {{"XSETID", "s", "10-0", "FOO", "1"}, "-ERR syntax error\r\n"},
      {{"XSETID", "missing", "1-0"}, "-ERR no such key\r\n"},
      {{"XINFO", "STREAM", "s"},
       "*20\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:"
       "1\r\n$17\r\nlast-generated-id\r\n$4\r\n10-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n2-"
       "0\r\n$13\r\nentries-added\r\n:50\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$"
       "6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n$-1\r\n$10\r\nlast-entry\r\n$-1\r\n"},
      // groups
      {{"XGROUP", "CREATE", "missing", "g", "$"},
       "-ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to "
       "use the MKSTREAM option to create an empty stream automatically.\r\n"},
      {{"XGROUP", "CREATE", "missing", "g", "$", "MKSTREAM"}, "+OK\r\n"},
      {{"XGROUP", "CREATE", "s", "g", "0"}, "+OK\r\n"},
      {{"XGROUP", "CREATE", "s", "g", "0"}, "-BUSYGROUP Consumer Group name already exists\r\n"},
      {{"XGROUP", "CREATE", "s", "g2", "$", "ENTRIESREAD", "1"}, "+OK\r\n"},
      {{"XGROUP", "CREATE", "s", "g3", "+"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XGROUP", "CREATE", "s", "g3", "0", "ENTRIESREAD", "-2"},
       "-ERR value for ENTRIESREAD must be positive or -1\r\n"},
      {{"XGROUP", "CREATE", "s", "g3", "0", "BOGUS"},
       "-ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.\r\n"},
      {{"XGROUP", "SETID", "s", "nogroup", "0"},
       "-NOGROUP No such consumer group 'nogroup' for key name 's'\r\n"},
      {{"XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", "0"}, "+OK\r\n"},
      {{"XGROUP", "CREATECONSUMER", "s", "g", "c1"}, ":1\r\n"},
      {{"XGROUP", "CREATECONSUMER", "s", "g", "c1"}, ":0\r\n"},
      {{"XGROUP", "DELCONSUMER", "s", "g", "nobody"}, ":0\r\n"},
      {{"XGROUP", "DESTROY", "s", "nogroup"}, ":0\r\n"},
      {{"XGROUP", "FOO"}, "-ERR unknown subcommand 'FOO'. Try XGROUP HELP.\r\n"},
      {{"XGROUP", "CREATE", "str", "g", "0"},
       "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"},
      {{"XADD", "s", "11-0", "f", "v"}, "$4\r\n11-0\r\n"},
      {{"XADD", "s", "12-0", "f", "v"}, "$4\r\n12-0\r\n"},
      {{"XREADGROUP", "GROUP", "g", "c1", "COUNT", "1", "STREAMS", "s", ">"},
       "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$4\r\n11-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"},
       "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$4\r\n12-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"}, "*-1\r\n"},
      {{"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "0"},
       "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$4\r\n11-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XREADGROUP", "GROUP", "g", "c1", "NOACK", "STREAMS", "s", "0"},
       "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$4\r\n11-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XREADGROUP", "GROUP", "nog", "c1", "STREAMS", "s", ">"},
       "-NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option\r\n"},
      {{"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s", "$"},
       "-ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of "
       "this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID "
       "would just return an empty result set.\r\n"},
      {{"XREADGROUP", "GROUP", "g", "c1", "STREAMS", "s"},
       "-ERR wrong number of arguments for 'xreadgroup' command\r\n"},
      {{"XREADGROUP", "COUNT", "1", "NOACK", "STREAMS", "s", ">"},
       "-ERR Missing GROUP option for XREADGROUP\r\n"},
      {{"XREAD", "STREAMS", "s", "0"},
       "*1\r\n*2\r\n$1\r\ns\r\n*2\r\n*2\r\n$4\r\n11-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$"
       "4\r\n12-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XREAD", "COUNT", "1", "STREAMS", "s", "missing", "0", "0"},
       "*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$4\r\n11-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XREAD", "STREAMS", "s", ">"},
       "-ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> "
       "<consumer> option.\r\n"},
      {{"XREAD", "STREAMS", "s", "+"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XREAD", "GROUP", "g", "c", "STREAMS", "s", "0"},
       "-ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.\r\n"},
      {{"XREAD", "NOACK", "STREAMS", "s", "0"},
       "-ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.\r\n"},
      {{"XREAD", "BLOCK", "-1", "STREAMS", "s", "0"}, "-ERR timeout is negative\r\n"},
      {{"XREAD", "BLOCK", "x", "STREAMS", "s", "0"},
       "-ERR timeout is not an integer or out of range\r\n"},
      {{"XREAD", "COUNT", "x", "STREAMS", "s", "0"},
       "-ERR value is not an integer or out of range\r\n"},
      {{"XREAD", "FOO", "STREAMS", "s", "0"}, "-ERR syntax error\r\n"},
      {{"XREAD", "STREAMS", "str", "0"},
       "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"},
      // XACK / XPENDING / XCLAIM / XAUTOCLAIM
      {{"XPENDING", "s", "g"},
       "*4\r\n:2\r\n$4\r\n11-0\r\n$4\r\n12-0\r\n*2\r\n*2\r\n$2\r\nc1\r\n$1\r\n1\r\n*2\r\n$"
       "2\r\nc2\r\n$1\r\n1\r\n"},
      {{"XPENDING", "s", "g", "-", "+", "10"},
       "*2\r\n*4\r\n$4\r\n11-0\r\n$2\r\nc1\r\n:0\r\n:3\r\n*4\r\n$4\r\n12-0\r\n$2\r\nc2\r\n:0\r\n:"
       "1\r\n"},
      {{"XPENDING", "s", "g", "-", "+", "10", "c2"},
       "*1\r\n*4\r\n$4\r\n12-0\r\n$2\r\nc2\r\n:0\r\n:1\r\n"},
      {{"XPENDING", "s", "g", "-", "+", "10", "nobody"}, "*0\r\n"},
      {{"XPENDING", "s", "g", "(11-0", "+", "10"},
       "*1\r\n*4\r\n$4\r\n12-0\r\n$2\r\nc2\r\n:0\r\n:1\r\n"},
      {{"XPENDING", "s", "g", "-", "+", "x"}, "-ERR value is not an integer or out of range\r\n"},
      {{"XPENDING", "s", "g", "IDLE", "x", "-", "+", "10"},
       "-ERR value is not an integer or out of range\r\n"},
      {{"XPENDING", "s", "g", "IDLE", "0", "-", "+"}, "-ERR syntax error\r\n"},
      {{"XPENDING", "s", "g", "-", "+"}, "-ERR syntax error\r\n"},
      {{"XPENDING", "s", "nog"}, "-NOGROUP No such key 's' or consumer group 'nog'\r\n"},
      {{"XPENDING", "missing", "g"}, "*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n"},
      {{"XACK", "s", "g", "11-0", "x"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XACK", "s", "g", "11-0", "99-0"}, ":1\r\n"},
      {{"XACK", "s", "nog", "11-0"}, ":0\r\n"},
      {{"XACK", "missing", "g", "1-0"}, ":0\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "12-0"},
       "*1\r\n*2\r\n$4\r\n12-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "12-0", "JUSTID", "RETRYCOUNT", "5"},
       "*1\r\n$4\r\n12-0\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "11-0", "FORCE", "JUSTID"}, "*1\r\n$4\r\n11-0\r\n"},
      {{"XCLAIM", "s", "g", "c3", "x", "12-0"},
       "-ERR Invalid min-idle-time argument for XCLAIM\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "12-0", "IDLE", "x"},
       "-ERR Invalid IDLE option argument for XCLAIM\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "12-0", "TIME", "x"},
       "-ERR Invalid TIME option argument for XCLAIM\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "12-0", "RETRYCOUNT", "x"},
       "-ERR Invalid RETRYCOUNT option argument for XCLAIM\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "12-0", "LASTID", "x"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "12-0", "BOGUS"},
       "-ERR Unrecognized XCLAIM option 'BOGUS'\r\n"},
      {{"XCLAIM", "s", "nog", "c3", "0", "12-0"},
       "-NOGROUP No such key 's' or consumer group 'nog'\r\n"},
      {{"XCLAIM", "s", "g", "c3", "0", "12-0", "LASTID", "99-0", "JUSTID"}, "*1\r\n$4\r\n12-0\r\n"},
      {{"XPENDING", "s", "g", "-", "+", "10"},
       "*2\r\n*4\r\n$4\r\n11-0\r\n$2\r\nc3\r\n:0\r\n:1\r\n*4\r\n$4\r\n12-0\r\n$2\r\nc3\r\n:0\r\n:"
       "5\r\n"},
      {{"XINFO", "GROUPS", "s"},
       "*2\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:3\r\n$7\r\npending\r\n:2\r\n$"
       "17\r\nlast-delivered-id\r\n$4\r\n99-0\r\n$12\r\nentries-read\r\n:2\r\n$3\r\nlag\r\n:50\r\n*"
       "12\r\n$4\r\nname\r\n$2\r\ng2\r\n$9\r\nconsumers\r\n:0\r\n$7\r\npending\r\n:0\r\n$"
       "17\r\nlast-delivered-id\r\n$4\r\n10-0\r\n$12\r\nentries-read\r\n:1\r\n$3\r\nlag\r\n:"
       "51\r\n"},
      {{"XDEL", "s", "12-0"}, ":1\r\n"},
      {{"XAUTOCLAIM", "s", "g", "c4", "0", "0"},
       "*3\r\n$3\r\n0-0\r\n*1\r\n*2\r\n$4\r\n11-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*1\r\n$4\r\n12-"
       "0\r\n"},
      {{"XAUTOCLAIM", "s", "g", "c4", "0", "0", "COUNT", "0"}, "-ERR COUNT must be > 0\r\n"},
      {{"XAUTOCLAIM", "s", "g", "c4", "0", "0", "COUNT", "x"}, "-ERR COUNT must be > 0\r\n"},
      {{"XAUTOCLAIM", "s", "g", "c4", "x", "0"},
       "-ERR Invalid min-idle-time argument for XAUTOCLAIM\r\n"},
      {{"XAUTOCLAIM", "s", "g", "c4", "0", "x"},
       "-ERR Invalid stream ID specified as stream command argument\r\n"},
      {{"XAUTOCLAIM", "s", "g", "c4", "0", "0", "FOO"}, "-ERR syntax error\r\n"},
      {{"XAUTOCLAIM", "s", "nog", "c4", "0", "0"},
       "-NOGROUP No such key 's' or consumer group 'nog'\r\n"},
      {{"XAUTOCLAIM", "s", "g", "c4", "0", "0", "JUSTID"},
       "*3\r\n$3\r\n0-0\r\n*1\r\n$4\r\n11-0\r\n*0\r\n"},
      {{"XGROUP", "DELCONSUMER", "s", "g", "c4"}, ":1\r\n"},
      {{"XGROUP", "DESTROY", "s", "g2"}, ":1\r\n"},
      {{"XINFO", "GROUPS", "s"},
       "*1\r\n*12\r\n$4\r\nname\r\n$1\r\ng\r\n$9\r\nconsumers\r\n:3\r\n$7\r\npending\r\n:0\r\n$"
       "17\r\nlast-delivered-id\r\n$4\r\n99-0\r\n$12\r\nentries-read\r\n:2\r\n$3\r\nlag\r\n:"
       "50\r\n"},
      {{"XINFO", "CONSUMERS", "s", "nog"},
       "-NOGROUP No such consumer group 'nog' for key name 's'\r\n"},
      {{"XINFO", "STREAM", "missing"},
       "*20\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:"
       "1\r\n$17\r\nlast-generated-id\r\n$3\r\n0-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$"
       "13\r\nentries-added\r\n:0\r\n$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$"
       "6\r\ngroups\r\n:1\r\n$11\r\nfirst-entry\r\n$-1\r\n$10\r\nlast-entry\r\n$-1\r\n"},
      {{"XINFO", "STREAM", "s", "FULL", "COUNT", "x"},
       "-ERR value is not an integer or out of range\r\n"},
      {{"XINFO", "STREAM", "s", "BOGUS"},
       "-ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.\r\n"},
      {{"XINFO", "STREAM", "str"},
       "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"},
      {{"XINFO", "HELP"},
       "*9\r\n+XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+CONSUMERS <key> "
       "<groupname>\r\n+    Show consumers of <groupname>.\r\n+GROUPS <key>\r\n+    Show the "
       "stream consumer groups.\r\n+STREAM <key> [FULL [COUNT <count>]\r\n+    Show information "
       "about the stream.\r\n+HELP\r\n+    Prints this help.\r\n"},
      {{"XGROUP", "HELP"},
       "*17\r\n+XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+CREATE <key> "
       "<groupname> <id|$> [option]\r\n+    Create a new consumer group. Options are:\r\n+    * "
       "MKSTREAM\r\n+      Create the empty stream if it does not exist.\r\n+    * ENTRIESREAD "
       "entries_read\r\n+      Set the group's entries_read counter (internal "
       "use).\r\n+CREATECONSUMER <key> <groupname> <consumer>\r\n+    Create a new consumer in the "
       "specified group.\r\n+DELCONSUMER <key> <groupname> <consumer>\r\n+    Remove the specified "
       "consumer.\r\n+DESTROY <key> <groupname>\r\n+    Remove the specified group.\r\n+SETID "
       "<key> <groupname> <id|$> [ENTRIESREAD entries_read]\r\n+    Set the current group ID and "
       "entries_read counter.\r\n+HELP\r\n+    Prints this help.\r\n"},
      {{"TYPE", "s"}, "+stream\r\n"},
      {{"OBJECT", "ENCODING", "s"}, "$6\r\nstream\r\n"},
  };
  for (const auto& [argv, want] : steps) {
    std::string cmd;
    for (const auto& a : argv) cmd += a + " ";
    EXPECT_EQ(h.run(argv), want) << cmd;
  }
}

}  // namespace
}  // namespace ironkv::test
