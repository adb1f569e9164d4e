#!/usr/bin/env python3
"""Runs one command and reports its wall time and peak memory.

    timed.py [--timeout SECONDS] [--out FILE] [--err FILE] [--env NAME=VALUE]... -- COMMAND [ARG...]

Prints `SECONDS MAXRSS_KB EXIT_STATUS` on standard output. The command runs under GNU time
(`/usr/bin/time -f %M`, for the peak resident set size), started with posix_spawn: no shell,
no timeout(1) and no clock process between the two readings of the monotonic nanosecond
clock, which are taken just before the spawn and just after the reap. That leaves about 0.7 ms
of GNU time's own fork and exec in every figure (`timed.py -- true` shows it). A command still
running after the timeout is killed with its process group (exit status 124, as timeout(1)).
"""
import argparse
import os
import signal
import sys
import tempfile
import threading
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--out", default=os.devnull)
    ap.add_argument("--err", default=os.devnull)
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the command")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        ap.error("no command")
    out = os.open(a.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(a.err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    fd, rss_file = tempfile.mkstemp(prefix="timed.", suffix=".txt")
    os.close(fd)
    argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file, *cmd]
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_DUP2, out, 1),
        (os.POSIX_SPAWN_DUP2, err, 2),
    ]
    env = dict(os.environ)
    for kv in a.env:
        k, _, v = kv.partition("=")
        env[k] = v
    timed_out = threading.Event()
    t0 = time.monotonic_ns()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions, setpgroup=0)

    def kill():
        timed_out.set()
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(a.timeout, kill)
    timer.daemon = True
    timer.start()
    _, status = os.waitpid(pid, 0)
    t1 = time.monotonic_ns()
    timer.cancel()
    os.close(out)
    os.close(err)
    rss = 0
    with open(rss_file) as f:
        for line in f:  # "Command exited with non-zero status N" may come first
            if line.strip().isdigit():
                rss = int(line)
    os.unlink(rss_file)
    code = 124 if timed_out.is_set() else os.waitstatus_to_exitcode(status)
    print(f"{(t1 - t0) / 1e9:.4f} {rss} {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
