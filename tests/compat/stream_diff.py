"""Streams against redis-server 7.0.15, reply by reply, byte for byte.

Generates a few thousand stream commands (XADD with explicit IDs and trimming
options, XRANGE / XREVRANGE, XDEL, XTRIM, XSETID, XLEN, consumer groups with
XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XREAD, XINFO, plus
TYPE / EXISTS / DEL / OBJECT ENCODING), good and bad arguments, over a handful
of stream keys, one string key (WRONGTYPE) and one missing key, from a fixed
seed. The same stream goes to both servers, one connection each, and the raw
reply bytes are compared.

Nothing depends on the clock: no '*' IDs, no BLOCK, no '$' in XREAD, no
XCLAIM TIME, and min-idle / IDLE values are either 0 or far beyond the run's
length. The few replies that carry wall-clock values (XPENDING's extended
idle times, XINFO CONSUMERS "idle", XINFO STREAM FULL "seen-time" and the
delivery times in its "pending" lists) are parsed and those integers replaced
by a placeholder on both sides; everything else is compared byte for byte.
stream-node-max-entries is set to 5 on both servers so node splitting and
whole-node (~) trimming happen often.

Usage: stream_diff.py IRONKV_PORT REDIS_PORT [COUNT]
Exits 1 and prints the differences (the first 50) when there is one; prints
"stream diff ok N commands" and exits 0 otherwise.
"""

import random
import sys

from resp_conn import Conn

SEED = 20270117
MAX_SHOWN = 50


# ---------------------------------------------------------------------------
# A RESP parser into a tree that serializes back to the same bytes, so only the
# clock-dependent integers change when a reply is normalized.

AGGREGATES = (b"*", b"~", b">", b"%", b"|")
BLOBS = (b"$", b"=", b"!")


def parse(buf, pos=0):
    """(node, next_pos); node is [type, header, payload-or-children]."""
    end = buf.index(b"\r\n", pos)
    t, n, pos = buf[pos:pos + 1], buf[pos + 1:end], end + 2
    if t in BLOBS:
        size = int(n)
        if size < 0:
            return [t, n, None], pos
        return [t, n, buf[pos:pos + size]], pos + size + 2
    if t in AGGREGATES:
        count = int(n)
        if count < 0:
            return [t, n, None], pos
        count = count * 2 if t in (b"%", b"|") else count
        if t == b"|":
            count += 1
        items = []
        for _ in range(count):
            item, pos = parse(buf, pos)
            items.append(item)
        return [t, n, items], pos
    return [t, n, None], pos


def serialize(node):
    t, n, body = node
    if t in BLOBS:
        return t + n + b"\r\n" + (b"" if body is None else body + b"\r\n")
    if t in AGGREGATES:
        return t + n + b"\r\n" + (b"" if body is None else b"".join(serialize(c) for c in body))
    return t + n + b"\r\n"


def children(node):
    if node is None or node[0] not in AGGREGATES or node[2] is None:
        return []
    return node[2]


def is_bulk(node, text):
    return node[0] in (b"$", b"+") and (node[2] if node[0] == b"$" else node[1]) == text


def blank_int(node):
    """A wall-clock integer becomes the same placeholder on both sides."""
    if node[0] == b":":
        node[1] = b"<clock>"


def field(kv, name):
    """The value after `name` in a flat key/value array (RESP2 map), or None."""
    items = children(kv)
    for i in range(0, len(items) - 1, 2):
        if is_bulk(items[i], name):
            return items[i + 1]
    return None


def blank_field(kv, name):
    v = field(kv, name)
    if v is not None:
        blank_int(v)


def blank_column(rows, index):
    for row in children(rows):
        cols = children(row)
        if len(cols) > index:
            blank_int(cols[index])


def normalize(cmd, reply):
    name = cmd[0].upper()
    sub = cmd[1].upper() if len(cmd) > 1 else ""
    clocked = (name == "XPENDING" and len(cmd) > 3) or (name == "XINFO" and sub == "CONSUMERS") or \
              (name == "XINFO" and sub == "STREAM" and any(a.upper() == "FULL" for a in cmd[3:]))
    if not clocked or not reply.startswith((b"*", b"%")):
        return reply
    try:
        tree, end = parse(reply)
    except (ValueError, IndexError):
        return reply
    if end != len(reply):
        return reply
    if name == "XPENDING":
        blank_column(tree, 2)              # [id, consumer, idle ms, deliveries]
    elif sub == "CONSUMERS":
        for consumer in children(tree):
            blank_field(consumer, b"idle")
    else:
        for group in children(field(tree, b"groups")):
            blank_column(field(group, b"pending"), 2)      # [id, consumer, delivery time, count]
            for consumer in children(field(group, b"consumers")):
                blank_field(consumer, b"seen-time")
                blank_column(field(consumer, b"pending"), 1)  # [id, delivery time, count]
    return serialize(tree)


# ---------------------------------------------------------------------------
# The command generator. A rough model of each stream (its top ID, the IDs
# added lately, whether it exists) keeps most generated IDs meaningful; it
# need not be exact: a wrong guess only turns a command into an error case.

STREAMS = ["xs:a", "xs:b", "xs:c", "xs:d"]
STRING_KEY = "xs:str"
MISSING_KEY = "xs:none"   # never created: only commands that cannot create it use it
GROUPS = ["g1", "g2", "g3"]
CONSUMERS = ["c1", "c2", "c3", "alice"]
U64_MAX = 18446744073709551615

FIELDS = ["f", "f", "f", "name", "n", "1", "-5", "temperature", "", "x" * 70]
SHORT_VALUES = ["v", "hello", "", "0", "-1", "1", "42", "123456789", "-123456789", "3.14", "1e5",
                "007", "+1", "-0", "0x10", " 12", "9223372036854775807", "-9223372036854775808",
                "9223372036854775808", "18446744073709551616", "4294967296", "-4294967297",
                "127", "128", "-128", "32767", "-32769", "8388607", "8388608", "a\r\nb", "\x00\xff"]
BAD_IDS = ["abc", "1-", "-1", "1-x", "1--1", "-", "+", "1-2-3", "", " 1", "1 ", "18446744073709551616",
           "1-18446744073709551616", "0x10", "1.5", "-1-1", "(1", "$", ">",
           # strtoull() accepts these in Redis: a sign, blanks, leading zeros.
           "+1", "1-+1", "1- 1", " -1", "01-01", " +2- 0", "\t3"]  # never "*" (clock)


class Model:
    def __init__(self):
        self.top = {k: (0, 0) for k in STREAMS}
        self.ids = {k: [] for k in STREAMS}
        self.exists = {k: False for k in STREAMS}
        self.groups = {k: set() for k in STREAMS}

    def add(self, key, ms, seq):
        self.top[key] = max(self.top[key], (ms, seq))
        self.ids[key].append((ms, seq))
        del self.ids[key][:-200]
        self.exists[key] = True

    def reset(self, key):
        self.top[key] = (0, 0)
        self.ids[key] = []
        self.exists[key] = False
        self.groups[key] = set()


def fmt(i):
    return "%d-%d" % i


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.m = Model()

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return self.rng.choice(seq)

    def long_value(self):
        n = self.rng.randint(65, 300) if not self.chance(0.1) else self.rng.randint(1100, 1600)
        return "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))

    def value(self):
        r = self.rng.random()
        if r < 0.15:
            return self.long_value()
        if r < 0.45:
            return str(self.rng.randint(-100000, 100000))
        if r < 0.55:
            return str(self.rng.randint(-(1 << 62), 1 << 62))
        return self.pick(SHORT_VALUES)

    def key(self, p_string=0.04, p_missing=0.04):
        r = self.rng.random()
        if r < p_string:
            return STRING_KEY
        if r < p_string + p_missing:
            return MISSING_KEY
        return self.pick(STREAMS)

    def some_id(self, key, p_bad=0.05, p_known=0.6):
        """An ID of the key: an added one mostly, else a neighbour, a bare ms, or a bad one."""
        if self.chance(p_bad):
            return self.pick(BAD_IDS)
        ids = self.m.ids.get(key) or []
        top = self.m.top.get(key, (0, 0))
        r = self.rng.random()
        if ids and r < p_known:
            ms, seq = self.pick(ids)
        elif r < 0.75:
            ms, seq = top[0] + self.rng.randint(-3, 3), self.rng.randint(0, 3)
        elif r < 0.85:
            ms, seq = self.rng.randint(0, 3), self.rng.randint(0, 2)
        elif r < 0.92:
            return str(max(0, top[0] + self.rng.randint(-5, 1)))
        else:
            return self.pick(["0-0", "0", "0-1", "1-0", "%d-%d" % (U64_MAX, U64_MAX), str(U64_MAX),
                              "%d-0" % U64_MAX, "1-%d" % U64_MAX])
        return fmt((max(ms, 0), max(seq, 0)))

    def range_bound(self, key, start):
        r = self.rng.random()
        if r < 0.25:
            return "-" if start else "+"
        if r < 0.3:
            return "+" if start else "-"
        if r < 0.5:
            return "(" + self.some_id(key, 0.0)
        if r < 0.55:
            return self.pick(["(-", "(+", "(", "((1", "(%d-%d" % (U64_MAX, U64_MAX), "(0-0", "(0",
                              "(%d" % U64_MAX, "-1", "(abc"])
        return self.some_id(key)

    def count_opt(self, p=0.5):
        if not self.chance(p):
            return []
        r = self.rng.random()
        if r < 0.88:
            return ["COUNT", str(self.rng.randint(1, 12))]
        return ["COUNT", self.pick(["0", "-1", "-100", "1000000", "9223372036854775807",
                                    "9223372036854775808", "abc", "1.5", ""])]

    def group_key(self):
        """Mostly a stream the model believes has consumer groups."""
        with_groups = [k for k in STREAMS if self.m.groups[k]]
        if with_groups and self.chance(0.85):
            return self.pick(with_groups)
        return self.key()

    def group(self, key, p_existing=0.85):
        """Mostly a group the model believes exists on the key."""
        existing = sorted(self.m.groups.get(key, ()))
        if existing and self.chance(p_existing):
            return self.pick(existing)
        return self.pick(GROUPS) if not self.chance(0.04) else "nogroup"

    def dup(self, ids):
        """Sometimes one of the IDs twice."""
        if self.chance(0.1):
            ids.insert(self.rng.randint(0, len(ids)), self.pick(ids))
        return ids

    def consumer(self):
        return self.pick(CONSUMERS)

    # -- writes ---------------------------------------------------------------

    def trim_args(self, key, allow_bad=True):
        """A MAXLEN/MINID clause (possibly invalid), and whether it is valid."""
        strategy = self.pick(["MAXLEN", "MINID", "maxlen", "minid"])
        op = self.pick(["", "", "=", "~", "~", "~"])
        if strategy.upper() == "MAXLEN":
            thr = self.pick([0, 1, 3, 5, 7, 10, 20, 30, 40, 50, 60, 80, 100, 150])
            # xs:a is trimmed less, so it grows long (many nodes, FULL's default COUNT 10).
            thr = str(thr * 4 if key == "xs:a" and self.chance(0.97) else thr)
        else:
            top = self.m.top.get(key, (0, 0))
            ids = self.m.ids.get(key) or [(0, 0)]
            r = self.rng.random()
            if r < 0.5:
                thr = fmt(ids[self.rng.randint(0, len(ids) // (10 if key == "xs:a" else 3))])  # among the oldest
            elif r < 0.65:
                thr = str(ids[self.rng.randint(0, len(ids) // 2)][0])
            elif r < 0.8:
                thr = self.pick(["0", "0-0", "1"])
            else:
                thr = fmt((max(0, top[0] - self.rng.randint(0, 200)), self.rng.randint(0, 2)))
        out = [strategy] + ([op] if op else []) + [thr]
        valid = True
        if self.chance(0.3):
            limit = self.pick(["0", "1", "2", "5", "10", "100", "1000"])
            out += ["LIMIT", limit]
            valid = op == "~"
        if allow_bad and self.chance(0.12):
            valid = False
            bad = self.rng.randint(0, 7)
            if bad == 0:
                out = [strategy, op or "~", "-1"]
            elif bad == 1:
                out = ["MAXLEN", "10", "MINID", "5"]
            elif bad == 2:
                out = [strategy, op or "=", "abc"]
            elif bad == 3:
                out = ["MINID", "~", self.pick(BAD_IDS)]
            elif bad == 4:
                out = [strategy, "~", "10", "LIMIT", self.pick(["-1", "abc", "9223372036854775808"])]
            elif bad == 5:
                out = ["MAXLEN", "=", "5", "LIMIT", "5"]
            elif bad == 6:
                out = [strategy]
            else:
                out = ["MAXLEN", "~", "9223372036854775808"]
        return out, valid

    def xadd(self):
        key = self.key()
        args = ["XADD" if not self.chance(0.1) else "xadd", key]
        nomk = key == MISSING_KEY or self.chance(0.08)
        opts = []
        if nomk:
            opts.append(self.pick(["NOMKSTREAM", "nomkstream"]))
        valid = True
        if self.chance(0.2):
            trim, valid = self.trim_args(key)
            opts = trim + opts if self.chance(0.5) else opts + trim
        args += opts
        id_end = len(args) + 1
        top = self.m.top.get(key, (0, 0))
        r = self.rng.random()
        new = None
        if r < 0.55:
            ms = top[0] + self.pick([0, 0, 1, 1, 1, 2, 3, 10, 1000])
            seq = top[1] + self.rng.randint(1, 3) if ms == top[0] else self.pick([0, 0, 1, 5])
            new = (ms, seq)
            args.append(fmt(new))
        elif r < 0.7:
            ms = top[0] + self.pick([1, 1, 2, 7])
            new = (ms, 0)
            args.append(str(ms))
        elif r < 0.85:
            ms = top[0] + self.pick([0, 0, 1, 4])
            new = (ms, top[1] + 1 if ms == top[0] else 0)
            if top == (0, 0) and ms == 0:
                new = (0, 1)
            args.append("%d-*" % ms)
        elif r < 0.9:
            args.append(self.pick([fmt(top), str(top[0]), "0-0", "0", "0-*",
                                   fmt((max(0, top[0] - 1), top[1])), "%d-*" % max(0, top[0] - 1)]))
        elif r < 0.95:
            args.append(self.pick(BAD_IDS + ["%d-*" % U64_MAX, "1-*-*", "*-1"]))
        elif r < 0.905:
            new = (U64_MAX, self.pick([0, U64_MAX]))
            args.append(fmt(new))
        else:
            # The last sequence number of a millisecond. Only past 2^63: for "ms-*" on such an ID
            # redis-server 7.0.15 picks its error message from a stale errno, which parsing the
            # ms part resets only when it takes the strtoull() path (ms > LLONG_MAX).
            new = (min(max(top[0], 1 << 63) + self.pick([0, 1]), U64_MAX), U64_MAX)
            args.append(fmt(new))
        n = self.rng.choice([1, 1, 1, 2, 2, 3])
        same = self.chance(0.7)
        for i in range(n):
            args.append(("f%d" % i) if same else self.pick(FIELDS))
            args.append(self.value())
        if self.chance(0.03):
            args.append("dangling")
            valid = False
        if self.chance(0.01):
            del args[id_end:]  # an ID and no field at all
            valid = False
        if valid and new is not None and key in STREAMS and (new > top) and \
                (self.m.exists[key] or not nomk):
            self.m.add(key, *new)
        return args

    def xdel(self):
        key = self.key()
        ids = self.dup([self.some_id(key, 0.04) for _ in range(self.pick([1, 1, 2, 3]))])
        return ["XDEL", key] + ids

    def xtrim(self):
        key = self.key()
        trim, _ = self.trim_args(key)
        args = ["XTRIM", key] + trim
        if self.chance(0.03):
            args = ["XTRIM", key] + self.pick([[], ["FOO", "1"], ["MAXLEN"], ["MAXLEN", "~"],
                                               ["MAXLEN", "1", "extra"], ["LIMIT", "1", "MAXLEN", "~", "1"]])
        return args

    def xsetid(self):
        key = self.key(0.05, 0.08)
        top = self.m.top.get(key, (0, 0))
        r = self.rng.random()
        if r < 0.5:
            new = (top[0] + self.rng.randint(0, 3), top[1] + self.rng.randint(0, 3))
        elif r < 0.7:
            new = top
        elif r < 0.85:
            new = (max(0, top[0] - self.rng.randint(1, 5)), 0)
        else:
            new = None
        args = ["XSETID", key, fmt(new) if new else self.pick(BAD_IDS + ["0-0", "0"])]
        opts = []
        if self.chance(0.4):
            opts.append(["ENTRIESADDED", self.pick([str(self.rng.randint(0, 200)), "0", "-1", "abc",
                                                     "9223372036854775807"])])
        if self.chance(0.4):
            md = (max(0, top[0] - self.rng.randint(-2, 10)), self.rng.randint(0, 3))
            opts.append(["MAXDELETEDID", self.pick([fmt(md), "0-0", fmt(top), self.pick(BAD_IDS)])])
        if self.chance(0.05):
            opts.append(self.pick([["BADOPT", "1"], ["ENTRIESADDED"], ["MAXDELETEDID"]]))
        self.rng.shuffle(opts)
        for o in opts:
            args += o
        if new and new > top and key in STREAMS and self.m.exists[key]:
            self.m.top[key] = new
        return args

    def xgroup(self):
        key = self.key(0.04, 0.06)
        r = self.rng.random()
        g = self.group(key, 0.15 if r < 0.4 else 0.85)
        if r < 0.4:
            start = self.pick(["$", "$", "0", "0", "0-0", "-", "+"]) if self.chance(0.6) else self.some_id(key)
            args = ["XGROUP", self.pick(["CREATE", "create"]), key, g, start]
            mk = key != MISSING_KEY and self.chance(0.3)
            if mk:
                args.append("MKSTREAM")
            valid = start not in BAD_IDS
            if self.chance(0.3):
                er = self.pick(["0", "1", "3", "10", "-1", "-2", "abc", "1000"])
                args += ["ENTRIESREAD", er]
                valid = valid and er not in ("-2", "abc")
            if self.chance(0.03):
                args.append(self.pick(["BADOPT", "MKSTREAM"]))
                valid = False
            if valid and key in STREAMS and (mk or self.m.exists[key]):
                self.m.exists[key] = True
                self.m.groups[key].add(g)
            return args
        if r < 0.55:
            start = self.pick(["$", "0", "0-0"]) if self.chance(0.4) else self.some_id(key)
            args = ["XGROUP", "SETID", key, g, start]
            if self.chance(0.3):
                args += ["ENTRIESREAD", self.pick(["0", "2", "5", "-1", "-3", "x"])]
            if self.chance(0.03):
                args.append("MKSTREAM")
            return args
        if r < 0.6:
            self.m.groups.get(key, set()).discard(g)
            return ["XGROUP", "DESTROY", key, g]
        if r < 0.8:
            return ["XGROUP", "CREATECONSUMER", key, g, self.consumer()]
        if r < 0.92:
            return ["XGROUP", "DELCONSUMER", key, g, self.consumer()]
        return self.pick([["XGROUP", "HELP"], ["XGROUP", "help"], ["XGROUP", "NOSUCH", key],
                          ["XGROUP"], ["XGROUP", "CREATE", key], ["XGROUP", "DESTROY", key],
                          ["XGROUP", "CREATECONSUMER", key, g], ["XGROUP", "HELP", "extra"],
                          ["XGROUP", "DELCONSUMER", key, g, "c1", "c2"],
                          ["XGROUP", "SETID", key, g, "0", "ENTRIESREAD"]])

    # -- reads ----------------------------------------------------------------

    def xrange(self):
        key = self.key()
        rev = self.chance(0.35)
        start, end = self.range_bound(key, True), self.range_bound(key, False)
        args = ["XREVRANGE", key, end, start] if rev else ["XRANGE", key, start, end]
        args += self.count_opt(0.4)
        if self.chance(0.02):
            args += self.pick([["COUNT"], ["FOO"], ["COUNT", "1", "COUNT", "2"]])
        return args

    def xread(self):
        keys = self.rng.sample(STREAMS + [MISSING_KEY, STRING_KEY], self.pick([1, 1, 1, 2, 3]))
        if STRING_KEY in keys and self.chance(0.7):
            keys.remove(STRING_KEY)
            keys = keys or [STREAMS[0]]
        ids = []
        for k in keys:
            r = self.rng.random()
            ids.append(self.pick(["0", "0-0", "-", "+"]) if r < 0.3 else
                       self.pick([x for x in BAD_IDS if x != "$"]) if r < 0.35 else self.some_id(k, 0.0))
        args = ["XREAD"] + self.count_opt(0.8)
        if self.chance(0.03):
            args += ["STREAMS"] + keys + ids[:-1]
        else:
            args += ["STREAMS"] + keys + ids
        if self.chance(0.01):
            args = self.pick([["XREAD", "STREAMS"], ["XREAD", "COUNT", "1"], ["XREAD", "FOO", "STREAMS", "xs:a", "0"]])
        return args

    def xreadgroup(self):
        keys = [self.group_key()]
        if keys[0] in STREAMS and self.chance(0.2):
            keys.append(self.pick([k for k in STREAMS if k != keys[0]]))
        if self.chance(0.05):
            keys = [self.pick([STRING_KEY, MISSING_KEY])]
        # A group on the first key (a second key may lack it: NOGROUP then).
        group = self.group(keys[0], 0.92)
        ids = []
        for k in keys:
            r = self.rng.random()
            ids.append(">" if r < 0.65 else self.pick(["0", "0-0", "-"]) if r < 0.85 else
                       self.some_id(k, 0.0) if r < 0.97 else self.pick(["$", "abc", "+"]))
        args = ["XREADGROUP", "GROUP", group, self.consumer()]
        opts = []
        if self.chance(0.7):
            opts.append(self.count_opt(1.0))
        if self.chance(0.15):
            opts.append(["NOACK"])
        self.rng.shuffle(opts)
        for o in opts:
            args += o
        args += ["STREAMS"] + keys + ids
        if self.chance(0.02):
            args = self.pick([["XREADGROUP", "STREAMS", "xs:a", ">"],
                              ["XREADGROUP", "GROUP", "g1", "STREAMS", "xs:a", ">"],
                              ["XREADGROUP", "GROUP", "g1", "c1", "STREAMS", "xs:a", "xs:b", ">"],
                              ["XREADGROUP", "GROUP", "g1", "c1", "BLOCKX", "1", "STREAMS", "xs:a", ">"],
                              ["XREADGROUP", "GROUP", "g1", "c1", "STREAMS"]])
        return args

    def xack(self):
        key = self.group_key()
        ids = self.dup([self.some_id(key, 0.03, 0.85) for _ in range(self.pick([1, 1, 2, 3, 5]))])
        return ["XACK", key, self.group(key)] + ids

    def xpending(self):
        key = self.group_key()
        g = self.group(key)
        if self.chance(0.3):
            return ["XPENDING", key, g]
        args = ["XPENDING", key, g]
        if self.chance(0.3):
            args += ["IDLE", self.pick(["0", "0", "100000000", "-1", "abc"])]
        args += [self.range_bound(key, True), self.range_bound(key, False)]
        args.append(str(self.rng.randint(1, 10)) if self.chance(0.8) else
                    self.pick(["100", "0", "-1", "abc", "9223372036854775807"]))
        if self.chance(0.4):
            args.append(self.consumer() if not self.chance(0.1) else "nobody")
        if self.chance(0.02):
            args = self.pick([["XPENDING", key, g, "-", "+"], ["XPENDING", key, g, "-"],
                              ["XPENDING", key, g, "IDLE", "0"], ["XPENDING", key, g, "-", "+", "1", "c1", "x"],
                              ["XPENDING", key]])
        return args

    def xclaim(self):
        key = self.group_key()
        args = ["XCLAIM", key, self.group(key), self.consumer(),
                self.pick(["0"] * 12 + ["100000000", "-5", "abc"])]
        args += self.dup([self.some_id(key, 0.03, 0.85) for _ in range(self.pick([1, 1, 2, 3, 4]))])
        opts = []
        if self.chance(0.2):
            opts.append(["IDLE", self.pick(["0"] * 6 + ["-1", "abc"])])
        if self.chance(0.2):
            opts.append(["RETRYCOUNT", self.pick(["0", "1", "5", "100"] * 2 + ["-1", "x"])])
        if self.chance(0.25):
            opts.append(["FORCE"])
        if self.chance(0.3):
            opts.append(["JUSTID"])
        if self.chance(0.15):
            opts.append(["LASTID", self.some_id(key, 0.1)])
        if self.chance(0.03):
            opts.append(self.pick([["BADOPT"], ["IDLE"], ["RETRYCOUNT"], ["LASTID"]]))
        self.rng.shuffle(opts)
        for o in opts:
            args += o
        return args

    def xautoclaim(self):
        key = self.group_key()
        start = self.pick(["0", "0-0", "-", "+"]) if self.chance(0.4) else self.range_bound(key, True)
        args = ["XAUTOCLAIM", key, self.group(key), self.consumer(),
                self.pick(["0"] * 12 + ["100000000", "-1", "x"]), start]
        if self.chance(0.5):
            args += ["COUNT", self.pick(["1", "2", "3", "5", "100"] * 3 + ["0", "-1", "x", "9223372036854775807"])]
        if self.chance(0.3):
            args.append("JUSTID")
        if self.chance(0.03):
            args.append(self.pick(["BADOPT", "COUNT"]))
        return args

    def xinfo(self):
        key = self.key()
        r = self.rng.random()
        if r < 0.25:
            return ["XINFO", "STREAM", key]
        if r < 0.5:
            args = ["XINFO", "STREAM", key, self.pick(["FULL", "full"])]
            if self.chance(0.6):
                args += ["COUNT", self.pick(["0", "1", "3", "10", "100", "-1", "x"])]
            return args
        if r < 0.7:
            return ["XINFO", "GROUPS", key]
        if r < 0.93:
            key = self.group_key()
            return ["XINFO", "CONSUMERS", key, self.group(key)]
        return self.pick([["XINFO", "HELP"], ["XINFO", "NOSUCH", key], ["XINFO"], ["XINFO", "STREAM"],
                          ["XINFO", "STREAM", key, "FOO"], ["XINFO", "STREAM", key, "FULL", "COUNT"],
                          ["XINFO", "STREAM", key, "FULL", "X", "1"], ["XINFO", "GROUPS", key, "x"],
                          ["XINFO", "CONSUMERS", key], ["XINFO", "STREAM", key, "COUNT", "1"]])

    def misc(self):
        key = self.key(0.15, 0.15)
        r = self.rng.random()
        if r < 0.35:
            return ["XLEN", key]
        if r < 0.55:
            return ["TYPE", key]
        if r < 0.7:
            return ["EXISTS", key] + ([self.pick(STREAMS)] if self.chance(0.3) else [])
        if r < 0.9:
            return ["OBJECT", "ENCODING", key]
        return self.pick([["XLEN"], ["XLEN", key, key], ["XADD", key], ["XADD", key, "1-1"],
                          ["XRANGE", key, "-"], ["XDEL", key], ["XACK", key, "g1"], ["XTRIM", key],
                          ["XSETID", key], ["XCLAIM", key, "g1", "c1", "0"], ["XAUTOCLAIM", key, "g1", "c1", "0"],
                          ["XREVRANGE", key, "+"]])

    def delete(self, key=None):
        key = key or self.pick(STREAMS[1:])   # xs:a grows long
        self.m.reset(key)
        return ["DEL", key]

    def generate(self, count):
        kinds = [(self.xadd, 30), (self.xrange, 10), (self.xreadgroup, 10), (self.xack, 5),
                 (self.xclaim, 5), (self.xautoclaim, 4), (self.xpending, 6), (self.xinfo, 7),
                 (self.xgroup, 7), (self.xdel, 5), (self.xtrim, 4), (self.xsetid, 3), (self.xread, 4),
                 (self.misc, 4), (self.delete, 0.3)]
        funcs = [k for k, _ in kinds]
        weights = [w for _, w in kinds]
        out = []
        while len(out) < count:
            worn = [k for k in STREAMS if self.m.top[k][0] > U64_MAX - 100000]
            if worn and self.chance(0.1):
                out.append(["XLEN", worn[0]])   # the last possible IDs were used: start over
                out.append(self.delete(worn[0]))
                continue
            bare = [k for k in STREAMS if self.m.exists[k] and len(self.m.groups[k]) < 2]
            if bare and self.chance(0.04):
                key = self.pick(bare)
                g = self.pick(sorted(set(GROUPS) - self.m.groups[key]))
                self.m.groups[key].add(g)
                out.append(["XGROUP", "CREATE", key, g, self.pick(["0", "0", "$", fmt(self.m.top[key])])])
                continue
            out.append(self.rng.choices(funcs, weights)[0]())
        return out[:count]


# Sent to both before the run, replies not compared (a reused server may hold
# the keys from an earlier run).
SETUP = [["DEL"] + STREAMS + [STRING_KEY, MISSING_KEY]]


def prologue():
    cmds = [["CONFIG", "SET", "stream-node-max-entries", "5"],
            ["CONFIG", "GET", "stream-node-max-entries"],
            ["SET", STRING_KEY, "not a stream"]]
    # A few fixed shapes first, on xs:d (deleted again after).
    k = "xs:d"
    cmds += [
        ["XADD", k, "0-0", "f", "v"], ["XADD", k, "0", "f", "v"], ["XADD", k, "0-*", "f", "v"],
        ["XADD", k, "5-5", "f", "v"], ["XADD", k, "5-5", "f", "v"], ["XADD", k, "5-4", "f", "v"],
        ["XADD", k, "5", "f", "v"], ["XADD", k, "5-*", "f", "v"], ["XADD", k, "6", "f"],
        ["XADD", k, "6", "f", "v", "g"], ["XADD", k, "6"], ["XADD", k], ["XADD", k, "NOMKSTREAM"],
        ["XADD", k, "%d-%d" % (U64_MAX - 1, U64_MAX), "f", "v"], ["XADD", k, "%d-*" % (U64_MAX - 1), "f", "v"],
        ["XADD", k, "%d-*" % U64_MAX, "f", "v"], ["XADD", k, "%d-%d" % (U64_MAX, U64_MAX), "f", "v"],
        ["XADD", k, "%d-*" % U64_MAX, "f", "v"], ["XLEN", k], ["XRANGE", k, "-", "+"],
        ["XRANGE", k, "(%d-%d" % (U64_MAX, U64_MAX), "+"], ["XREVRANGE", k, "+", "(0-0"],
        ["XINFO", "STREAM", k], ["XSETID", k, "1-1"], ["DEL", k],
        ["XADD", k, "NOMKSTREAM", "1-1", "f", "v"], ["EXISTS", k],
        ["XADD", k, "MAXLEN", "0", "1-1", "f", "v"], ["XINFO", "STREAM", k], ["XLEN", k],
        ["XSETID", k, "0-0"], ["XSETID", k, "1-1"], ["XSETID", k, "1-0"], ["XADD", k, "1-1", "f", "v"],
        ["XSETID", k, "3-0", "ENTRIESADDED", "0", "MAXDELETEDID", "2-0"], ["XINFO", "STREAM", k],
        ["XSETID", k, "1-5"], ["XSETID", k, "3-0", "MAXDELETEDID", "4-0"], ["XSETID", MISSING_KEY, "1-1"],
        ["XSETID", STRING_KEY, "1-1"], ["XSETID", MISSING_KEY, "1-1", "ENTRIESADDED", "-1"],
        ["XSETID", k, "5-0", "ENTRIESADDED", "x"], ["XADD", k, "4-0", "f", "v"], ["XADD", k, "5-0", "f", "v"],
        ["XADD", k, "5-1", "a", "1", "b", "2"], ["XSETID", k, "5-0"], ["XSETID", k, "5-1", "ENTRIESADDED", "1"],
        ["XGROUP", "CREATE", k, "g1", "$"], ["XGROUP", "CREATE", k, "g1", "$"],
        ["XGROUP", "CREATE", k, "g2", "0", "ENTRIESREAD", "1"], ["XINFO", "GROUPS", k],
        ["XREADGROUP", "GROUP", "g2", "c1", "STREAMS", k, ">"], ["XREADGROUP", "GROUP", "g1", "c1", "STREAMS", k, ">"],
        ["XADD", k, "6-0", "f", "v"], ["XINFO", "GROUPS", k], ["XDEL", k, "5-1"],
        ["XREADGROUP", "GROUP", "g2", "c1", "STREAMS", k, "0"], ["XPENDING", k, "g2"],
        ["XREADGROUP", "GROUP", "g2", "c1", "STREAMS", k, "4-0"],   # history starts after the ID
        ["XREADGROUP", "GROUP", "g2", "c1", "COUNT", "1", "STREAMS", k, "5-0"],
        ["XREADGROUP", "GROUP", "g2", "nobody", "STREAMS", k, ">"],  # nothing new: no consumer made
        ["XINFO", "CONSUMERS", k, "g2"], ["XINFO", "STREAM", k, "Full", "X"], ["XGROUP", "Create", k],
        ["XPENDING", k, "g2", "-", "+", "10"], ["XAUTOCLAIM", k, "g2", "c2", "0", "0"],
        ["XCLAIM", k, "g2", "c3", "0", "4-0", "5-0", "5-1", "6-0"], ["XCLAIM", k, "g2", "c3", "0", "6-0", "FORCE"],
        ["XINFO", "CONSUMERS", k, "g2"], ["XINFO", "STREAM", k, "FULL"],
        ["XGROUP", "DELCONSUMER", k, "g2", "c3"], ["XPENDING", k, "g2"], ["XGROUP", "DESTROY", k, "g2"],
        ["XGROUP", "DESTROY", k, "g2"], ["XTRIM", k, "MAXLEN", "0"], ["XINFO", "STREAM", k], ["XLEN", k],
        ["XREAD", "STREAMS", k, "0"], ["XREADGROUP", "GROUP", "g1", "c1", "STREAMS", k, ">"],
        ["XINFO", "STREAM", k, "FULL"], ["DEL", k],
        # XSETID below max-deleted-entry-id (7.0 checks only the top item and the given MAXDELETEDID).
        ["XADD", k, "1-1", "f", "v"], ["XADD", k, "3-0", "f", "v"], ["XDEL", k, "3-0"], ["XSETID", k, "2-0"],
        ["XSETID", k, "1-5", "MAXDELETEDID", "1-0"], ["XINFO", "STREAM", k], ["XSETID", k, "0-5"],
        ["XDEL", k, "1-1"], ["XSETID", k, "0-1"], ["XINFO", "STREAM", k], ["XADD", k, "0-2", "f", "v"],
        # XGROUP options are checked in order.
        ["XGROUP", "CREATE", k, "g1", "0"], ["XGROUP", "SETID", k, "g1", "0", "ENTRIESREAD", "x", "MKSTREAM"],
        ["XGROUP", "SETID", k, "g1", "0", "MKSTREAM", "ENTRIESREAD", "x"],
        ["XGROUP", "SETID", k, "g1", "0", "ENTRIESREAD", "-5", "MKSTREAM"],
        ["XGROUP", "CREATE", k, "g2", "0", "ENTRIESREAD", "-5", "BADOPT"], ["DEL", k],
        ["XINFO", "HELP"], ["XGROUP", "HELP"], ["XINFO", "STREAM", MISSING_KEY],
        ["XINFO", "STREAM", STRING_KEY], ["XLEN", STRING_KEY], ["XLEN", MISSING_KEY],
        ["XRANGE", MISSING_KEY, "-", "+"], ["XRANGE", STRING_KEY, "-", "+"], ["XRANGE", MISSING_KEY, "x", "+"],
        ["XREAD", "STREAMS", MISSING_KEY, "0"], ["XREAD", "STREAMS", STRING_KEY, "0"],
        ["XADD", STRING_KEY, "1-1", "f", "v"], ["XADD", MISSING_KEY, "NOMKSTREAM", "1-1", "f", "v"],
        ["XGROUP", "CREATE", MISSING_KEY, "g1", "$"], ["XGROUP", "CREATE", STRING_KEY, "g1", "$", "MKSTREAM"],
        ["TYPE", STRING_KEY], ["TYPE", MISSING_KEY], ["OBJECT", "ENCODING", MISSING_KEY],
    ]
    return cmds


def epilogue():
    cmds = []
    for k in STREAMS:
        cmds += [["XINFO", "STREAM", k, "FULL", "COUNT", "0"], ["XINFO", "GROUPS", k], ["XRANGE", k, "-", "+"],
                 ["TYPE", k], ["OBJECT", "ENCODING", k]]
        for g in GROUPS:
            cmds += [["XINFO", "CONSUMERS", k, g], ["XPENDING", k, g], ["XPENDING", k, g, "-", "+", "1000"]]
    return cmds


def clock_free(cmd):
    """No auto IDs, no blocking, no '$' in XREAD: replies must not depend on the clock."""
    upper = [a.upper() for a in cmd]
    return "*" not in cmd and "BLOCK" not in upper and not (upper[0] == "XREAD" and "$" in cmd) and \
        not (upper[0] == "XCLAIM" and "TIME" in upper)


def show(cmd):
    return " ".join(repr(a) if len(a) <= 60 else repr(a[:40]) + "...(%d)" % len(a) for a in cmd)


def excerpt(na, nb, width=600):
    """Both replies, from a little before the first byte where they differ when that is far in."""
    at = next((j for j, (x, y) in enumerate(zip(na, nb)) if x != y), min(len(na), len(nb)))
    start = max(0, at - 150) if at > 300 else 0
    note = " (%d bytes; from byte %d)" % (len(na), start) if start else ""
    note_b = " (%d bytes; from byte %d)" % (len(nb), start) if start else ""
    return "  ironkv%s: %r\n  redis%s:  %r" % (note, na[start:start + width], note_b, nb[start:start + width])


def main():
    iron, redis = int(sys.argv[1]), int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
    cmds = prologue() + Gen(random.Random(SEED)).generate(count) + epilogue()
    assert all(clock_free(c) for c in cmds), [c for c in cmds if not clock_free(c)][:3]
    a, b = Conn(iron), Conn(redis)
    for cmd in SETUP:
        a.call(*cmd)
        b.call(*cmd)
    diffs = 0
    for i, cmd in enumerate(cmds):
        try:
            ra = a.call(*cmd)
        except (OSError, EOFError) as e:
            print("ironkv failed at command %d: %s: %r" % (i, show(cmd), e))
            print("%d of %d commands sent, %d differences before" % (i, len(cmds), diffs))
            sys.exit(1)
        rb = b.call(*cmd)
        na, nb = normalize(cmd, ra), normalize(cmd, rb)
        if na != nb:
            diffs += 1
            if diffs <= MAX_SHOWN:
                print("DIFF #%d %s\n%s" % (i, show(cmd), excerpt(na, nb)))
    if diffs:
        print("%d commands, %d differences%s" %
              (len(cmds), diffs, " (first %d shown)" % MAX_SHOWN if diffs > MAX_SHOWN else ""))
        sys.exit(1)
    print("stream diff ok %d commands" % len(cmds))


if __name__ == "__main__":
    main()
