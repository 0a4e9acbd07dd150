"""The command table against redis-server 7.0.15's, reply by reply.

For every command (and subcommand) IronKV registers that Redis 7.0 also has:
  1. COMMAND INFO's name, arity, flags, first/last/step, ACL categories and key specs;
  2. COMMAND GETKEYS and COMMAND GETKEYSANDFLAGS for argument lists generated
     from Redis's own COMMAND DOCS argument tree (required arguments only, every
     optional one, repeated "multiple" arguments, each choice of a oneof), plus
     hand-written edge cases (bad numkeys, SORT ... STORE, SET ... GET);
compared as parsed RESP replies (type and value), so an error text counts.

Usage: command_table_diff.py IRONKV_PORT REDIS_PORT
Exits 1 and prints every difference when there is one.
"""

import itertools
import socket
import sys


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.buf = b""

    def _fill(self):
        d = self.s.recv(1 << 16)
        if not d:
            raise EOFError("connection closed")
        self.buf += d

    def _line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        i = self.buf.index(b"\r\n")
        line, self.buf = self.buf[:i], self.buf[i + 2:]
        return line

    def _exact(self, n):
        while len(self.buf) < n + 2:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def read(self):
        line = self._line()
        t, rest = line[:1], line[1:]
        if t in (b"+", b"-", b":"):
            return (t.decode(), rest.decode("latin1"))
        if t == b"$":
            n = int(rest)
            return ("$", None if n < 0 else self._exact(n).decode("latin1"))
        if t == b"*":
            n = int(rest)
            return ("*", None if n < 0 else tuple(self.read() for _ in range(n)))
        raise ValueError("unexpected reply %r" % line)

    def call(self, *args):
        out = [b"*%d\r\n" % len(args)]
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(a), a))
        self.s.sendall(b"".join(out))
        return self.read()


def plain(reply):
    """A parsed reply as plain Python values (for walking COMMAND output)."""
    t, v = reply
    if t == "*":
        return None if v is None else [plain(x) for x in v]
    if t == ":":
        return int(v)
    return v


def pairs(lst):
    return {lst[i]: lst[i + 1] for i in range(0, len(lst), 2)}


def arg_tree(args):
    """COMMAND DOCS "arguments" (flat key/value lists) as dicts, recursively."""
    out = []
    for a in args or []:
        d = pairs(a)
        if "arguments" in d:
            d["arguments"] = arg_tree(d["arguments"])
        out.append(d)
    return out


# ---- argument generation from COMMAND DOCS --------------------------------------

SAMPLE = {
    "integer": "2",
    "double": "1.5",
    "string": "s",
    "pattern": "p*",
    "unix-time": "1700000000",
}


class Gen:
    """Expands a Redis COMMAND DOCS argument tree into concrete argument lists."""

    def __init__(self, mode, choice):
        self.mode = mode      # "min": required only; "max": every optional
        self.choice = choice  # which branch of each oneof
        self.keyn = 0

    def key(self):
        self.keyn += 1
        return "k%d" % self.keyn

    def one(self, arg):
        """One occurrence of `arg` (without repetition)."""
        out = []
        if arg.get("token"):
            out.append(arg["token"])
        t = arg["type"]
        if t == "pure-token":
            return out
        if t == "key":
            out.append(self.key())
        elif t == "oneof":
            subs = arg["arguments"]
            out += self.arg(subs[self.choice % len(subs)])
        elif t == "block":
            out += self.args(arg["arguments"])
        else:
            out.append(SAMPLE.get(t, "v"))
        return out

    def arg(self, arg):
        flags = arg.get("flags", [])
        if "optional" in flags and self.mode == "min":
            return []
        reps = 2 if ("multiple" in flags and self.mode == "max") else 1
        out = []
        for _ in range(reps):
            occ = self.one(arg)
            if "multiple_token" in flags or not out or not arg.get("token"):
                out += occ
            else:
                out += occ[1:]  # the token once, then the values
        return out

    def args(self, args):
        out = []
        i = 0
        while i < len(args):
            a = args[i]
            # numkeys followed by keys: the count must match the keys given.
            if a["type"] == "integer" and a["name"] == "numkeys" and i + 1 < len(args):
                keys = self.arg(args[i + 1])
                out += [str(len(keys))] + keys
                i += 2
                continue
            out += self.arg(a)
            i += 1
        return out


def generated(name, docs):
    """Distinct argument lists (after the command's name words) for one command."""
    args = docs.get("arguments") or []
    seen, out = set(), []
    width = 1
    for a in args:
        if a["type"] == "oneof":
            width = max(width, len(a["arguments"]))
    for mode, choice in itertools.product(("min", "max"), range(width)):
        lst = tuple(Gen(mode, choice).args(args))
        if lst not in seen:
            seen.add(lst)
            out.append(list(lst))
    return out


# Hand-written cases where the generator cannot reach, in Redis's argument form.
EXTRA = [
    ["lmpop", "0", "a", "LEFT"],
    ["lmpop", "-1", "a", "LEFT"],
    ["lmpop", "2x", "a", "b", "LEFT"],
    ["lmpop", "5", "a", "LEFT"],
    ["lmpop", "1", "a", "b", "LEFT"],
    ["blmpop", "0", "2", "a", "b", "LEFT"],
    ["blmpop", "0", "x", "a", "LEFT"],
    ["zunionstore", "d", "0", "a"],
    ["zunionstore", "d", " 1", "a"],
    ["zunionstore", "d", "3", "a", "b"],
    ["zunion", "1x", "a", "b"],
    ["zinter", "2", "a", "b", "WEIGHTS", "1", "2"],
    ["zdiffstore", "d", "2", "a", "b"],
    ["zintercard", "2", "a", "b", "LIMIT", "1"],
    ["sintercard", "3", "a", "b"],
    ["sintercard", "1", "a", "LIMIT", "5"],
    ["zmpop", "2", "a", "b", "MIN", "COUNT", "3"],
    ["bzmpop", "1.5", "2", "a", "b", "MAX"],
    ["sort", "k"],
    ["sort", "k", "STORE", "d"],
    ["sort", "k", "store", "d", "STORE", "e"],
    ["sort", "k", "BY", "store", "STORE", "d"],
    ["sort", "k", "LIMIT", "0", "store", "STORE", "d"],
    ["sort", "k", "GET", "#", "GET", "x_*", "ALPHA", "DESC", "STORE"],
    ["sort_ro", "k", "BY", "w_*", "GET", "#"],
    ["set", "k", "v"],
    ["set", "k", "v", "GET"],
    ["set", "k", "v", "NX", "get", "EX", "10"],
    ["set", "k", "v", "GETX"],
    ["mset", "a", "1", "b", "2", "c"],
    ["msetnx", "a", "1"],
    ["del", "a", "b", "c"],
    ["blpop", "a", "b", "0"],
    ["brpoplpush", "a", "b", "0"],
    ["lmove", "a", "b", "LEFT", "RIGHT"],
    ["watch", "a", "b"],
    ["memory", "usage", "k", "SAMPLES", "5"],
    ["object", "encoding", "k"],
    ["rename", "a", "b"],
    ["copy", "a", "b", "DB", "1", "REPLACE"],
    ["smove", "a", "b", "m"],
    ["ssubscribe", "a", "b"],
    ["sunsubscribe"],
    ["exists", "a", "a"],
    ["get"],
    ["ping", "x"],
    ["nosuchcommand", "a"],
    ["config", "nosuch", "a"],
    ["lcs", "a", "b", "IDX"],
    ["georadius"],
]


def main():
    ik = Conn(int(sys.argv[1]))
    rd = Conn(int(sys.argv[2]))
    diffs = []
    checked = 0

    def entries(conn):
        out = {}
        for e in plain(conn.call("COMMAND")):
            out[e[0]] = e
            for s in e[9]:
                out[s[0]] = s
        return out

    ours, theirs = entries(ik), entries(rd)
    docs = {}
    for name, d in pairs(plain(rd.call("COMMAND", "DOCS"))).items():
        d = pairs(d)
        d["arguments"] = arg_tree(d.get("arguments"))
        docs[name] = d
        for sname, sd in pairs(d.get("subcommands") or []).items():
            sd = pairs(sd)
            sd["arguments"] = arg_tree(sd.get("arguments"))
            docs[sname] = sd

    # 1. COMMAND INFO fields and key specs (tips come with the introspection issue).
    for name in sorted(ours):
        if name not in theirs:
            continue
        a, b = ours[name], theirs[name]
        for i, field in enumerate(("name", "arity", "flags", "first", "last", "step", "acl")):
            x, y = a[i], b[i]
            if isinstance(x, list):
                x, y = sorted(x), sorted(y)
            if x != y:
                diffs.append("COMMAND INFO %s %s: ironkv %r, redis %r" % (name, field, x, y))
        # Key specs, in Redis's order, flags as sets (tips are not compared yet).
        def specs(entry):
            out = []
            for spec in entry[8]:
                d = pairs(spec)
                d["flags"] = sorted(d["flags"])
                for part in ("begin_search", "find_keys"):
                    p = pairs(d[part])
                    p["spec"] = pairs(p["spec"]) if p["spec"] else {}
                    d[part] = p
                out.append(d)
            return out
        if specs(a) != specs(b):
            diffs.append("COMMAND INFO %s key specs: ironkv %r, redis %r" % (name, specs(a), specs(b)))

    # 2. GETKEYS / GETKEYSANDFLAGS on generated and hand-written argument lists.
    cases = []
    for name in sorted(ours):
        if name not in theirs or name not in docs:
            continue
        words = name.split("|")
        for args in generated(name, docs[name]):
            cases.append(words + args)
    cases += EXTRA
    for argv in cases:
        for sub in ("GETKEYS", "GETKEYSANDFLAGS"):
            x = ik.call("COMMAND", sub, *argv)
            y = rd.call("COMMAND", sub, *argv)
            checked += 1
            if x != y:
                diffs.append("COMMAND %s %s: ironkv %r, redis %r" % (sub, " ".join(argv), x, y))

    print("compared %d commands, %d GETKEYS/GETKEYSANDFLAGS calls" % (len(ours), checked))
    for d in diffs:
        print(d)
    if len(cases) < 300:
        print("too few cases generated: %d" % len(cases))
        return 1
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
