#!/usr/bin/env python3
"""Drives an interactive redis-cli inside a pseudo-terminal.

Usage: redis_cli_interactive.py REDIS_CLI PORT

redis-cli in a terminal fetches COMMAND DOCS at start (for its hints), then we
type `SET x 1`, `GET x` and `quit`. The transcript (ANSI escapes removed) is
printed; the exit code is 0 when the replies were `OK` and `"1"`, no error
was shown, and redis-cli exited 0 within the time limit; 1 otherwise.
Standard library only; every wait is bounded.
"""

import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

TOTAL_TIMEOUT = 20.0
STEP_TIMEOUT = 5.0

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


def clean(data: bytes) -> str:
    text = ANSI.sub(b"", data).decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Session:
    def __init__(self, argv):
        self.deadline = time.monotonic() + TOTAL_TIMEOUT
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm"
            os.execv(argv[0], argv)
            os._exit(127)
        # A real window size: without one linenoise asks the terminal for the
        # cursor position and waits for an answer.
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 200, 0, 0))
        self.output = b""
        self.eof = False

    def read_some(self, timeout: float) -> bool:
        if self.eof:
            return False
        timeout = max(0.0, min(timeout, self.deadline - time.monotonic()))
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError as e:  # EIO: the child closed the terminal
            if e.errno != errno.EIO:
                raise
            data = b""
        if not data:
            self.eof = True
            return False
        self.output += data
        return True

    def wait_for(self, pattern: bytes, since: int, timeout: float = STEP_TIMEOUT) -> bool:
        end = min(time.monotonic() + timeout, self.deadline)
        while pattern not in self.output[since:]:
            if time.monotonic() >= end or self.eof:
                return False
            self.read_some(end - time.monotonic())
        return True

    def type_line(self, line: str):
        os.write(self.fd, line.encode() + b"\r")

    def finish(self, timeout: float = STEP_TIMEOUT):
        end = min(time.monotonic() + timeout, self.deadline)
        while not self.eof and time.monotonic() < end:
            self.read_some(end - time.monotonic())
        for _ in range(int(timeout / 0.01) + 1):
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                return os.waitstatus_to_exitcode(status)
            if time.monotonic() >= end:
                break
            time.sleep(0.01)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    cli, port = sys.argv[1], sys.argv[2]
    prompt = ("127.0.0.1:%s> " % port).encode()
    s = Session([cli, "-h", "127.0.0.1", "-p", port])
    problems = []

    if not s.wait_for(prompt, 0):
        problems.append("no prompt %r after start" % prompt.decode())
    # linenoise redraws the prompt on every keystroke, so a command is done
    # when its reply line (or an error line) shows up, not at the next prompt.
    replies = {}
    for command, expected in (("SET x 1", "OK"), ("GET x", '"1"')):
        mark = len(s.output)
        s.type_line(command)

        def answered():
            lines = [l.strip() for l in clean(s.output[mark:]).split("\n")]
            return expected in lines or any(l.startswith("(error)") for l in lines)

        end = min(time.monotonic() + STEP_TIMEOUT, s.deadline)
        while not answered() and not s.eof and time.monotonic() < end:
            s.read_some(end - time.monotonic())
        replies[command] = (expected, clean(s.output[mark:]))
        if not answered():
            problems.append("no reply to %r within %.0f s" % (command, STEP_TIMEOUT))
        else:
            at = len(s.output)
            s.wait_for(prompt, at, 1.0)  # the next prompt, if not already drawn
    s.type_line("quit")
    code = s.finish()

    transcript = clean(s.output)
    print(transcript)
    print("--- exit code: %s" % code)
    for command, (expected, part) in replies.items():
        if expected not in [l.strip() for l in part.split("\n")]:
            problems.append("%r did not print %s: %r" % (command, expected, part[-300:]))
    lowered = transcript.lower()
    if "(error)" in lowered or "err " in lowered or "error:" in lowered:
        problems.append("an error was shown")
    if code != 0:
        problems.append("redis-cli exit code %s" % code)
    for p in problems:
        print("PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
