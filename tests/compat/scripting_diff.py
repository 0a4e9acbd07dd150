"""Lua scripting against redis-server 7.0.15, reply by reply, byte for byte.

Generates a few hundred EVAL / EVALSHA / SCRIPT / FUNCTION / FCALL commands
(return-value conversions, redis.call and redis.pcall with good and bad
arguments, the sandbox, the libraries Redis loads, shebang flags, read-only
scripts, function libraries and their errors) from a fixed seed, sends the same
stream to both servers (fresh, so state such as math.random's sequence stays in
step) and compares the raw reply bytes.

Usage: scripting_diff.py IRONKV_PORT REDIS_PORT [COUNT]
Exits 1 and prints every difference when there is one.
"""

import random
import sys

from resp_conn import Conn


RETURNS = [
    "return 1", "return -1", "return 0", "return 3.99", "return -3.99", "return 1e20",
    "return -1e20", "return 2^53", "return 0/0", "return 1/0", "return 'hello'", "return ''",
    "return true", "return false", "return nil", "return {}", "return {1,2,3}",
    "return {1,'two',3.5,false,true}", "return {1,nil,3}", "return {1,{2,{3,{4}}}}",
    "return {ok='fine'}", "return {ok='a\\r\\nb'}", "return {err='bad thing'}",
    "return {err='-bad thing'}", "return {err='x'}", "return {err=''}", "return {double=1.5}",
    "return {double=3}", "return {big_number='123456789012345678901234567890'}",
    "return {map={a=1}}", "return {set={x=true}}", "return {verbatim_string={format='txt', string='hi'}}",
    "return redis.error_reply('abc')", "return redis.error_reply('-abc def')",
    "return redis.error_reply('abc def')", "return redis.status_reply('PONG')",
    "return {a=1, 2, 3}", "return {[1]='a', [3]='c'}", "return {{err='inner'}, 2}",
    "return {{ok='inner'}, {double=2.5}}", "return string.rep('x', 100)",
    "return tostring(12.5)", "return tonumber('0x10')", "return #KEYS + #ARGV",
    "return KEYS", "return ARGV", "return {KEYS[1], ARGV[1]}", "return type(KEYS)",
    "return _VERSION", "return type(print)", "return type(loadfile)", "return type(dofile)",
    "return type(os)", "return type(io)", "return type(require)", "return type(gcinfo)",
    "return type(coroutine)", "return type(loadstring)", "return type(newproxy)",
    "return type(module)", "return type(package)",
    "local t = {} for i=1,10 do t[i] = i * i end return t",
    "local s = 0 for i=1,1000 do s = s + i end return s",
    "return string.format('%d-%s-%5.2f', 7, 'x', 3.14159)",
    "return {string.byte('ABC', 1, 3)}", "return string.upper('abc')",
    "return table.concat({'a','b','c'}, ',')", "return math.floor(7.8)", "return math.max(3, 9, 2)",
    "return math.huge", "return -math.huge", "return math.pi",
    "return {math.random(), math.random(10), math.random(5, 8)}",
    "math.randomseed(42) return {math.random(100), math.random(100)}",
    "return math.random(0)", "return math.random(5, 1)", "return math.random(1, 2, 3)",
]

SANDBOX = [
    "return x", "x = 1", "function f() end", "local x = 1 return x", "_G.x = 1", "return _G.x",
    "rawset(_G, 'y', 2)", "setmetatable(_G, nil)", "return getmetatable(_G)",
    "string.foo = 1", "return string.foo", "table.insert = nil", "redis.call = nil",
    "cjson.encode = nil", "math.floor = 1", "KEYS = {}", "ARGV = 1", "redis = nil",
    "return rawget(_G, 'redis') ~= nil", "local t = {} rawset(t, 'a', 1) return t.a",
    "local t = setmetatable({}, {__index=function() return 5 end}) return t.q",
    "return loadstring('return 1 + 1')()", "return loadstring('x = ')",
    "return pcall(function() error('inner') end)", "return {pcall(error, {err='tbl'})}",
    "return select('#', 1, 2, 3)", "return {unpack({1, 2, 3})}",
    "error('boom')", "error({err='MY boom'})", "error({err='plain'})", "error()", "error(nil)",
    "error(42)", "assert(false)", "assert(false, 'asserted')", "assert(1 == 1) return 1",
    "local function r(n) return r(n + 1) + 1 end return r(1)",
    "local t = {} for i=1,1200 do t = {t} end return 1",
    "return string.rep('a', -1)", "return ('x'):rep(3)", "return #'hello'",
    "retur 1", "return +", "return 'unterminated", "local = 1", "return 1 1",
    "return coroutine.wrap(function() coroutine.yield(7) end)()",
    "return debug.traceback ~= nil", "return type(debug.getinfo)",
]

LIBS = [
    "return cjson.encode({1, 2, 3})", "return cjson.encode({a = 'b'})", "return cjson.encode('x\\ny')",
    "return cjson.encode(1.5)", "return cjson.encode(true)", "return cjson.encode(cjson.null)",
    "return cjson.decode('[1,2,3]')", "return cjson.decode('{\"a\":1}').a",
    "return cjson.decode('\"s\"')", "return cjson.decode('[1,') ", "return cjson.decode('nul')",
    "return cjson.encode({[1]=1, [2]=2, [10]=10})", "return cjson.encode(cjson.decode('[true,false,null]'))",
    "return cmsgpack.pack(1, 2, 3)", "return cmsgpack.pack({1, 2, {a=1}})", "return cmsgpack.pack('abc')",
    "return {cmsgpack.unpack(cmsgpack.pack(1, 'x', {2}))}", "return cmsgpack.unpack('\\193')",
    "return cmsgpack.pack(-1, 127, 128, 65536, 1.5, -2^40)",
    "return struct.pack('>I2', 5)", "return struct.pack('<i4', -2)", "return {struct.unpack('>I2', '\\0\\5')}",
    "return struct.size('>I4i2')", "return struct.pack('z', 1)", "return struct.pack('s', 'abc')",
    "return bit.band(7, 3)", "return bit.bor(1, 2, 4)", "return bit.bxor(5, 3)", "return bit.lshift(1, 40)",
    "return bit.tohex(255)", "return bit.bnot(0)", "return bit.arshift(-256, 4)",
    "return redis.sha1hex('')", "return redis.sha1hex('abc')", "return redis.sha1hex()",
    "return redis.sha1hex(1)", "return redis.REDIS_VERSION", "return redis.REDIS_VERSION_NUM",
    "return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}",
    "return {redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL}",
    "redis.log(redis.LOG_DEBUG, 'dbg')", "redis.log(1)", "redis.log('x', 'y')", "redis.log(7, 'y')",
    "return redis.setresp(2)", "return redis.setresp(4)", "return redis.setresp()",
    "return redis.set_repl(redis.REPL_ALL)", "return redis.set_repl(9)", "return redis.set_repl()",
    "return redis.replicate_commands()", "return redis.breakpoint()", "return redis.debug('x')",
    "return redis.error_reply()", "return redis.error_reply(1, 2)", "return redis.status_reply({})",
]

CALLS = [
    "return redis.call('set', KEYS[1], ARGV[1])", "return redis.call('get', KEYS[1])",
    "return redis.call('incr', KEYS[1])", "return redis.pcall('incr', KEYS[1])",
    "return redis.call('get', 'nope:key')", "return type(redis.call('get', 'nope:key'))",
    "return redis.call('del', 'sd:list') + redis.call('rpush', 'sd:list', 'a', 'b', 'c')",
    "return redis.call('lrange', 'sd:list', 0, -1)", "return redis.call('lrange', 'nope:key', 0, -1)",
    "redis.call('del', 'sd:h') redis.call('hset', 'sd:h', 'f', 'v', 'g', 'w') return redis.call('hgetall', 'sd:h')",
    "redis.call('del', 'sd:z') redis.call('zadd', 'sd:z', 1.5, 'a', 2, 'b') return redis.call('zrange', 'sd:z', 0, -1, 'withscores')",
    "return redis.call('zscore', 'sd:z', 'a')", "return redis.call('type', 'sd:z')",
    "return redis.call('ping')", "return redis.call('ping', 'hello')", "return redis.call('echo', 'x')",
    "return redis.call('exists', 'sd:z', 'sd:h', 'nope:key')",
    "return redis.call('set', 'sd:f', 0.1)", "return redis.call('get', 'sd:f')",
    "return redis.call('set', 'sd:f', 3)", "return redis.call('set', 'sd:f', -0.5)",
    "return redis.call('set', 'sd:f', 1e100)", "return redis.call('get', 'sd:f')",
    "return redis.call('lpush', 'sd:h', 'x')", "return redis.pcall('lpush', 'sd:h', 'x')",
    "return redis.call('nosuchcommand')", "return redis.pcall('nosuchcommand')",
    "return redis.call('get')", "return redis.pcall('get')", "return redis.call('get', 'a', 'b')",
    "return redis.call()", "return redis.pcall()", "return redis.call('get', {})",
    "return redis.call('get', true)", "return redis.call('get', nil)", "return redis.call(1)",
    "return redis.call('config')", "return redis.call('config', 'nosuch')",
    "return redis.call('multi')", "return redis.call('exec')", "return redis.call('watch', 'x')",
    "return redis.call('subscribe', 'ch')", "return redis.call('eval', 'return 1', 0)",
    "return redis.call('script', 'load', 'return 1')", "return redis.call('function', 'list')",
    "return redis.call('blpop', 'nope:list', 0)", "return redis.call('brpop', 'nope:list', 1)",
    "return redis.call('SET', 'sd:case', 'v')", "return redis.call('GeT', 'sd:case')",
    "return redis.call('select', 1)", "redis.call('select', 2) return redis.call('set', 'sd:db2', 'x')",
    "return redis.call('get', 'sd:db2')",
    "return redis.call('expire', 'sd:case', 100)", "return redis.call('ttl', 'sd:case')",
    "return redis.call('object', 'help')[1]", "return redis.call('hincrbyfloat', 'sd:hf', 'f', 1.5)",
    "return redis.call('incrbyfloat', 'sd:ifl', '2.5')", "return redis.call('strlen', 'sd:ifl')",
    "local ok, e = pcall(redis.call, 'incr', 'sd:h') return e",
    "local e = redis.pcall('incr', 'sd:h') return e.err",
    "local r = redis.call('hgetall', 'nope:key') return #r",
    "redis.setresp(3) return redis.call('hgetall', 'sd:h')",
    "redis.setresp(3) return redis.call('get', 'nope:key')",
    "redis.setresp(3) return redis.call('zscore', 'sd:z', 'a')",
    "redis.setresp(3) local r = redis.call('zscore', 'sd:z', 'a') return type(r)",
    "redis.setresp(3) local r = redis.call('hgetall', 'sd:h') return r.map.f",
    "redis.setresp(3) return redis.call('ping')", "redis.setresp(3) return redis.call('incr', 'sd:r3')",
    "redis.setresp(3) return redis.call('exists', 'sd:h')",
    "redis.setresp(3) return {redis.call('get', 'nope:key') == nil}",
    "redis.setresp(3) return true", "redis.setresp(3) return false", "redis.setresp(3) return {double=0.5}",
    "redis.set_repl(redis.REPL_NONE) return redis.call('set', 'sd:norepl', 'v')",
    "return redis.call('getex', 'sd:case', 'ex', 100)",
]

FLAGS = [
    "#!lua\nreturn 1", "#!lua flags=no-writes\nreturn redis.call('get', 'sd:case')",
    "#!lua flags=no-writes\nreturn redis.call('set', 'sd:x', 1)", "#!lua flags=no-writes,allow-oom\nreturn 1",
    "#!lua flags=allow-stale,no-cluster,allow-cross-slot-keys\nreturn 2", "#!lua flags=bad\nreturn 1",
    "#!lua flags=\nreturn 3", "#!lua name=x\nreturn 1", "#!luajit\nreturn 1", "#!lua", "#!\nreturn 1",
    "#!lua  flags=no-writes  \nreturn 4", "#!lua\nerror('line two')", "#!lua\nreturn x",
    "#!lua\nreturn redis.call('set', 'sd:sb', 'v')",
]


def gen(rng, count):
    cmds = []
    pools = [RETURNS, SANDBOX, LIBS, CALLS, FLAGS]
    for group in pools:
        for body in group:
            cmds.append(("EVAL", body, "1", "sd:k1", "arg1"))
    for body in RETURNS[:20] + CALLS[:10]:
        cmds.append(("EVAL_RO", body, "1", "sd:k1", "arg1"))
    for body in FLAGS:
        cmds.append(("EVAL_RO", body, "0"))
    # numkeys shapes and EVALSHA
    cmds += [
        ("EVAL", "return 1", "-1"), ("EVAL", "return 1", "x"), ("EVAL", "return 1", "2", "a"),
        ("EVAL", "return {KEYS[1], ARGV[1], ARGV[2]}", "1", "k", "a", "b"), ("EVAL", "return 1"),
        ("EVAL", "return #KEYS", "3", "a", "b", "c"), ("EVAL", "return 1", "01"), ("EVAL", "return 1", " 1", "a"),
        ("SCRIPT", "LOAD", "return 'loaded'"), ("EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"),
        ("EVALSHA", "E0E1F9FABFC9D4800C877A703B823AC0578FF8DB", "0"), ("EVALSHA", "ffff", "0"),
        ("EVALSHA", "ffffffffffffffffffffffffffffffffffffffff", "0"),
        ("EVALSHA_RO", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"),
        ("SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "ffff"),
        ("SCRIPT", "LOAD", "retur 1"), ("SCRIPT", "LOAD", "#!lua flags=bad\nreturn 1"),
        ("SCRIPT", "FLUSH", "BAD"), ("SCRIPT", "KILL"), ("SCRIPT", "HELP"), ("SCRIPT", "NOSUCH"),
        ("SCRIPT", "DEBUG", "NO"), ("SCRIPT", "DEBUG", "maybe"), ("SCRIPT",),
        ("SCRIPT", "FLUSH"), ("SCRIPT", "EXISTS", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"),
        ("SCRIPT", "FLUSH", "ASYNC"), ("SCRIPT", "FLUSH", "sync"),
    ]
    # Functions
    lib = ("#!lua name=difflib\n"
           "redis.register_function('dget', function(keys, args) return redis.call('get', keys[1]) end)\n"
           "redis.register_function{function_name='decho', callback=function(keys, args) return args end, "
           "flags={'no-writes'}, description='echoes'}\n"
           "redis.register_function{function_name='dset', callback=function(keys, args) "
           "return redis.call('set', keys[1], args[1]) end}\n"
           "redis.register_function('derr', function() error('fn boom') end)\n"
           "redis.register_function('dro', function() return redis.call('set', 'x', 'y') end)\n")
    cmds += [
        ("FUNCTION", "FLUSH"), ("FUNCTION", "LOAD", lib), ("FUNCTION", "LOAD", lib),
        ("FUNCTION", "LOAD", "REPLACE", lib), ("FUNCTION", "LIST"), ("FUNCTION", "LIST", "WITHCODE"),
        ("FUNCTION", "LIST", "LIBRARYNAME", "diff*"), ("FUNCTION", "LIST", "LIBRARYNAME", "zzz*"),
        ("FUNCTION", "LIST", "LIBRARYNAME"), ("FUNCTION", "LIST", "foo"), ("FUNCTION", "LIST", "WITHCODE", "WITHCODE"),
        ("FCALL", "dset", "1", "sd:fk", "fv"), ("FCALL", "dget", "1", "sd:fk"), ("FCALL", "decho", "0", "a", "b"),
        ("FCALL_RO", "decho", "0", "x"), ("FCALL_RO", "dget", "1", "sd:fk"), ("FCALL", "derr", "0"),
        ("FCALL", "nosuch", "0"), ("FCALL", "dget", "x"), ("FCALL", "dget", "-1"), ("FCALL", "dget", "5", "a"),
        ("FCALL", "dro", "0"), ("FUNCTION", "STATS"), ("FUNCTION", "KILL"), ("FUNCTION", "HELP"),
        ("FUNCTION", "DELETE", "nosuch"), ("FUNCTION", "FLUSH", "bad"), ("FUNCTION", "RESTORE", "abc"),
        ("FUNCTION", "RESTORE", "abc", "BADPOLICY"), ("FUNCTION", "NOSUCH"),
    ]
    for body in [
        "return 1", "#!lua\nreturn 1", "#!lua name=l1 foo=bar\nreturn 1", "#!lua name=l1\nreturn 1",
        "#!lua name=l1\nredis.call('ping')", "#!lua name=l1\nx = 1", "#!lua name=l1\nreturn pairs",
        "#!lua name=l1\nredis.register_function('dget', function() end)",
        "#!lua name=l1\nredis.register_function('f 1', function() end)",
        "#!lua name=l1\nredis.register_function('', function() end)",
        "#!lua name=l1\nredis.register_function(1, function() return 'one' end)",
        "#!lua name=l1\nredis.register_function{function_name='x', callback=function() end, foo=1}",
        "#!lua name=l1\nredis.register_function{callback=function() end}",
        "#!lua name=l1\nredis.register_function{function_name='x'}",
        "#!lua name=l1\nredis.register_function('x', function() end) redis.register_function('x', function() end)",
        "#!lua name=l1\nredis.register_function()", "#!lua name=l1\nredis.register_function('x')",
        "#!lua name=l1\nredis.register_function('x', function() end, 3)",
        "#!lua name=l1\nredis.register_function({}, 1)", "#!lua name=l1\nredis.register_function('a', 'b')",
        "#!lua name=l1\nredis.register_function{function_name='x', callback=function() end, flags='no-writes'}",
        "#!lua name=l1\nredis.register_function{function_name='x', callback=function() end, flags={'bad'}}",
        "#!lua name=l1\nredis.register_function{function_name='x', callback=function() end, description=1}",
        "#!lua name=l1\nreturn +", "#!lua name=bad-name\nreturn 1", "#!python name=l1\nreturn 1",
        "#!lua name=l1 name=l2\nreturn 1", "#!lua NAME=l9\nredis.register_function('l9f', function() return 9 end)",
        "#!lua name=l1\nredis.log(redis.LOG_NOTICE, 'loading') redis.register_function('lf', function() return redis.REDIS_VERSION end)",
        "#!lua name=l1\nlocal v = redis.setresp redis.register_function('lg', function() return type(v) end)",
    ]:
        cmds.append(("FUNCTION", "LOAD", "REPLACE", body))
        cmds.append(("FUNCTION", "LIST"))
    cmds += [("FCALL", "lf", "0"), ("FCALL", "lg", "0"), ("FCALL", "1", "0"), ("FCALL", "l9f", "0"),
             ("FUNCTION", "DELETE", "l1"), ("FUNCTION", "DELETE", "l1"), ("FUNCTION", "LIST")]
    # Random compositions: a value built from parts, returned through redis.call.
    atoms = ["1", "'s'", "2.5", "-7", "true", "false", "{}", "{1,2}", "{ok='o'}", "{err='e'}",
             "redis.call('get', 'sd:case')", "redis.pcall('incr', 'sd:h')", "KEYS[1]", "ARGV[1]",
             "redis.call('lrange', 'sd:list', 0, 1)", "math.random(1000)", "#ARGV"]
    for i in range(count):
        n = rng.randint(1, 5)
        parts = [rng.choice(atoms) for _ in range(n)]
        body = "return {" + ", ".join(parts) + "}" if rng.random() < 0.7 else "return " + parts[0]
        if rng.random() < 0.2:
            body = "redis.setresp(3) " + body
        key = "sd:r%d" % rng.randint(0, 9)
        arg = rng.choice(["1", "x", "-5", "3.5", ""])
        pre = rng.choice(["", "redis.call('set', KEYS[1], ARGV[1]) ", "redis.call('incr', 'sd:cnt') ",
                          "redis.call('rpush', 'sd:rl', ARGV[1]) "])
        cmds.append(("EVAL", pre + body, "1", key, arg))
    return cmds


def parse(buf, pos=0):
    end = buf.index(b"\r\n", pos)
    t, n, pos = buf[pos:pos + 1], buf[pos + 1:end], end + 2
    if t == b"$":
        size = int(n)
        if size < 0:
            return None, pos
        return buf[pos:pos + size], pos + size + 2
    if t in (b"*", b"~", b"%"):
        count = int(n) * (2 if t == b"%" else 1)
        items = []
        for _ in range(max(count, 0)):
            item, pos = parse(buf, pos)
            items.append(item)
        return items, pos
    return t + n, pos


def canonical_list(reply):
    """A FUNCTION LIST reply with each library's functions sorted by name."""
    if not reply.startswith(b"*"):
        return reply
    libs, _ = parse(reply)
    libs.sort(key=repr)
    for lib in libs:
        for i in range(0, len(lib), 2):
            if lib[i] == b"functions":
                lib[i + 1] = sorted(lib[i + 1], key=repr)
    libs.sort(key=repr)
    return repr(libs).encode()


def main():
    iron, redis = int(sys.argv[1]), int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    a, b = Conn(iron), Conn(redis)
    cmds = gen(random.Random(20261202), count)
    diffs = 0
    for cmd in cmds:
        ra, rb = a.call(*cmd), b.call(*cmd)
        if cmd[:2] == ("FUNCTION", "LIST"):
            # Redis lists a library's functions in its dict's (seeded hash) order.
            ra, rb = canonical_list(ra), canonical_list(rb)
        if ra != rb:
            diffs += 1
            print("DIFF %r\n  ironkv: %r\n  redis:  %r" % (tuple(str(x)[:120] for x in cmd), ra[:300], rb[:300]))
    print("%d commands, %d differences" % (len(cmds), diffs))
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
