"""One RESP connection for the differential tests (scripting_diff.py,
stream_diff.py): sends a command, returns its raw reply bytes whole.
"""

import socket


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buf = b""

    def _fill(self):
        d = self.s.recv(1 << 16)
        if not d:
            raise EOFError("connection closed")
        self.buf += d

    def _line_end(self, pos):
        while True:
            i = self.buf.find(b"\r\n", pos)
            if i >= 0:
                return i
            self._fill()

    def _skip(self, pos):
        """Index just past the reply starting at pos."""
        end = self._line_end(pos)
        t = self.buf[pos:pos + 1]
        n = self.buf[pos + 1:end]
        pos = end + 2
        if t in (b"$", b"=", b"!"):
            size = int(n)
            if size < 0:
                return pos
            while len(self.buf) < pos + size + 2:
                self._fill()
            return pos + size + 2
        if t in (b"*", b"~", b">", b"%", b"|"):
            count = int(n)
            if count < 0:
                return pos
            if t in (b"%", b"|"):
                count *= 2
            for _ in range(count):
                pos = self._skip(pos)
            if t == b"|":
                pos = self._skip(pos)
            return pos
        return pos

    def call(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.s.sendall(out)
        end = self._skip(0)
        reply, self.buf = self.buf[:end], self.buf[end:]
        return reply
