#!/usr/bin/env python3
# tests/faults/hookrun.py - runs `$CCVETO hook` under a fault and reports
# how it ended, for the hook_*.sh fault tests (not a test itself).
#
#   hookrun.py [options] PAYLOAD_FILE|-      ("-": no payload, stdin stays
#                                             open: the hook waits on it)
#   --hold              keep stdin open after the payload (no EOF)
#   --block SIG,...     the parent blocks these signals (inherited mask)
#   --ignore SIG,...    the parent ignores these (inherited SIG_IGN)
#   --full-stderr       stderr is a pipe already full and never read
#   --full-stdout       the same for stdout
#   --signal SIG        send SIG once the hook has installed its handlers
#   --guard SECONDS     hang guard (default 10, 90 under valgrind): SIGKILL
#                       after it
#
# Prints one line "rc=N" (N = exit status, or -SIG when killed; "rc=hang"
# when the guard fired), "ms=N" (elapsed, for the closing tables only:
# the tests never assert timings) and "maxrss_kb=N" (the hook's peak RSS),
# then the hook's stderr when it was readable.  $RUN (valgrind) prefixes the command as in tests/run.sh.
import fcntl
import os
import resource
import shlex
import signal
import subprocess
import sys
import time


def sig(name):
    return getattr(signal, "SIG" + name.upper().replace("SIG", "", 1))


def full_pipe():
    r, w = os.pipe()
    fl = fcntl.fcntl(w, fcntl.F_GETFL)
    fcntl.fcntl(w, fcntl.F_SETFL, fl | os.O_NONBLOCK)
    try:
        while True:
            os.write(w, b"x" * 4096)
    except BlockingIOError:
        pass
    try:  # the last bytes that fit
        while True:
            os.write(w, b"x")
    except BlockingIOError:
        pass
    fcntl.fcntl(w, fcntl.F_SETFL, fl)
    return r, w


def caught(pid, signo):
    """Has the process installed a handler for signo (SigCgt)?"""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("SigCgt:"):
                    return int(line.split()[1], 16) >> (signo - 1) & 1
    except OSError:
        pass
    return False


def main(argv):
    # valgrind makes everything ~50x slower: the guard only catches hangs.
    opts = {"guard": 90.0 if os.environ.get("RUN") else 10.0}
    args = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--block", "--ignore", "--signal", "--guard"):
            opts[a[2:]] = argv[i + 1]
            i += 2
        elif a.startswith("--"):
            opts[a[2:]] = True
            i += 1
        else:
            args.append(a)
            i += 1
    payload = b"" if args[0] == "-" else open(args[0], "rb").read()
    hold = opts.get("hold") or args[0] == "-"
    cmd = shlex.split(os.environ.get("RUN", "")) + [
        os.environ["CCVETO"], "hook", "--home", os.environ["HOME"]] + args[1:]

    keep = []  # the full pipes' ends: open, never read, to the end
    stdout = subprocess.DEVNULL
    stderr_r = None
    if opts.get("full-stdout"):
        r, stdout = full_pipe()
        keep += [r, stdout]
    if opts.get("full-stderr"):
        r, stderr = full_pipe()
        keep += [r, stderr]
    else:
        stderr_r, stderr = os.pipe()
    # Python itself ignores SIGPIPE and SIGXFSZ; the hook's parent
    # (Claude Code) does not, unless --ignore says so.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    for name in filter(None, opts.get("ignore", "").split(",")):
        signal.signal(sig(name), signal.SIG_IGN)
    blocked = {sig(n) for n in filter(None, opts.get("block", "").split(","))}
    if blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, blocked)

    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=stdout,
                         stderr=stderr, restore_signals=False)
    if blocked:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)
    if stderr_r is not None:
        os.close(stderr)
    if payload:
        p.stdin.write(payload)
        p.stdin.flush()
    if not hold:
        p.stdin.close()
    if "signal" in opts:
        s = sig(opts["signal"])
        # The handlers exist once SigCgt says so (under valgrind, which
        # catches everything itself, give the program time to start).
        deadline = time.monotonic() + 2
        if os.environ.get("RUN"):
            time.sleep(3)
        while not caught(p.pid, s) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)
        os.kill(p.pid, s)
    try:
        rc = p.wait(timeout=float(opts["guard"]))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        rc = "hang"
    ms = int((time.monotonic() - t0) * 1000)
    err = b""
    if stderr_r is not None:
        fcntl.fcntl(stderr_r, fcntl.F_SETFL, os.O_NONBLOCK)
        try:
            err = os.read(stderr_r, 1 << 16)
        except BlockingIOError:
            pass
    print("rc=%s" % rc)
    print("ms=%d" % ms)
    # Peak RSS of the (only) child, in KiB.
    print("maxrss_kb=%d" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    sys.stdout.write(err.decode("utf-8", "replace"))


main(sys.argv[1:])
