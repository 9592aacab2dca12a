"""Runs op scripts against CPython's selectors module and prints one result line per op.

Usage: python3 selectors_driver.py EpollSelector|PollSelector|SelectSelector < scripts
Input: blocks of "seed N pipes=P sockets=S", one op per line, "end". Output: "seed N", one line per op, "end".
The Java side (SelectorsDifferentialTest) runs the same scripts on iowait's backends and compares the lines.
"""
import errno
import os
import selectors
import socket
import sys

CHUNK = 65536


def kind(exc):
    if isinstance(exc, OSError) and exc.errno is not None:
        return "OSError:" + errno.errorcode.get(exc.errno, str(exc.errno))
    return type(exc).__name__


class Run:
    def __init__(self, selector_class, pipes, sockets):
        self.sel = selector_class()
        self.fds = {}
        for i in range(pipes):
            r, w = os.pipe()
            self.fds["p%dr" % i], self.fds["p%dw" % i] = r, w
        for i in range(sockets):
            a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            self.fds["s%da" % i], self.fds["s%db" % i] = a.detach(), b.detach()
        for fd in self.fds.values():
            os.set_blocking(fd, False)
        self.names = {fd: name for name, fd in self.fds.items()}
        self.closed = set()

    def close(self):
        self.sel.close()
        for name, fd in self.fds.items():
            if name not in self.closed:
                os.close(fd)

    def op(self, words):
        name = words[1] if len(words) > 1 else None
        if name in self.closed and words[0] != "unreg":
            return "skip:closed"  # a closed end's number may be reused: only unregister it
        fd = self.fds.get(name)
        cmd = words[0]
        if cmd == "reg":
            self.sel.register(fd, int(words[2]))
            return "ok"
        if cmd == "regneg":
            self.sel.register(-1, int(words[1]))
            return "ok"
        if cmd == "mod":
            return self.modify(fd, int(words[2]))
        if cmd == "unreg":
            self.sel.unregister(fd)
            return "ok"
        if cmd == "unregbig":
            self.sel.unregister(999999)
            return "ok"
        if cmd == "write":
            return "wrote:%d" % self.write(fd, int(words[2]))
        if cmd == "read":
            return self.read(fd, int(words[2]))
        if cmd == "fill":
            while self.write(fd, CHUNK) > 0:
                pass
            return "ok"
        if cmd == "drain":
            while True:
                got = self.read(fd, CHUNK)
                if got in ("empty", "read:0"):
                    return "eof" if got == "read:0" else "empty"
        if cmd == "close":
            # the documented rule: unregister before close
            if fd in self.sel.get_map():
                self.sel.unregister(fd)
            os.close(fd)
            self.closed.add(name)
            return "ok"
        if cmd == "closereg":
            # against the documented rule: close while registered (the key stays until unregister)
            os.close(fd)
            self.closed.add(name)
            return "ok"
        if cmd == "shut":
            how = {"rd": socket.SHUT_RD, "wr": socket.SHUT_WR, "rdwr": socket.SHUT_RDWR}[words[2]]
            s = socket.socket(fileno=fd)
            try:
                s.shutdown(how)
            finally:
                s.detach()
            return "ok"
        if cmd == "select":
            ready = sorted("%s=%d" % (self.names[key.fd], events) for key, events in self.sel.select(0))
            return "ready:" + ",".join(ready)
        raise SystemExit("unknown op: %r" % (words,))

    def modify(self, fd, events):
        """Python's modify; then, where events are invalid, puts the registration back as it was.

        CPython 3.11 does not check events in modify: the poll-like selectors store them (4 silently disarms the fd),
        SelectSelector unregisters the fd and raises ValueError. iowait refuses them with IllegalArgumentException
        and changes nothing (DESIGN.md), so after the call is recorded the state is resynchronised to that contract,
        and the Java side compares this step under the rule "modify validates events".
        """
        before = self.sel.get_map().get(fd)
        try:
            self.sel.modify(fd, events)
            result = "ok"
        except Exception as e:
            result = "error:" + kind(e)
        if before is not None and (not events or events & ~(selectors.EVENT_READ | selectors.EVENT_WRITE)):
            if fd in self.sel.get_map():
                self.sel.unregister(fd)
            self.sel.register(fd, before.events, before.data)
            result += ";resynced"
        return result

    @staticmethod
    def write(fd, n):
        try:
            return os.write(fd, b"x" * n)
        except BlockingIOError:
            return 0

    @staticmethod
    def read(fd, n):
        try:
            return "read:%d" % len(os.read(fd, n))
        except BlockingIOError:
            return "empty"


def main():
    selector_class = getattr(selectors, sys.argv[1])
    out = sys.stdout
    run = None
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "seed":
            params = dict(w.split("=") for w in words[2:])
            run = Run(selector_class, int(params["pipes"]), int(params["sockets"]))
            out.write(line)
        elif words[0] == "end":
            run.close()
            run = None
            out.write("end\n")
            out.flush()
        else:
            try:
                result = run.op(words)
            except Exception as e:  # every kind is compared, none is fatal
                result = "error:" + kind(e)
            out.write(result + "\n")


if __name__ == "__main__":
    main()
