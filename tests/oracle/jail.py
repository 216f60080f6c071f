"""jail.py - runs tool calls in throw-away jails and records what they did.

Layout.  The oracle's main process makes a private mount namespace and
copies the layers (system tree, fixtures) into a tmpfs there (Store); no
host directory is ever mounted into a jail.  Each worker process opens a
Session:

  W   the worker: new net, UTS and IPC namespaces.  Only `lo` exists; a
      `local 0.0.0.0/0` route makes every IPv4 address answer on it, so a
      connection to any host lands on the listeners.
  L   the listener process (net.py), forked by W: records every
      connection, datagram and DNS query, per case.  It lives in W's pid
      namespace, invisible to the jail.
  B1  pid 1 of a new pid namespace, in its own mount namespace, with its
      root pivoted into the store's tmpfs (layers and case scratch only:
      even pid 1 does not see the host).  For each case it mounts a fresh
      tmpfs holding the overlay's upper and work dirs, the overlay (lower:
      fixture + system tree, read-only), /dev (null, zero, full, random,
      urandom, tty), /dev/shm and the pid namespace's own /proc; forks C;
      waits for every process of the namespace, kills what is left at the
      deadline (kill(-1) as pid 1); compares the upper layer with the
      lower (observe.py); unmounts everything.
  C   unshares the mount namespace, pivots into the overlay and detaches
      the old root, drops every capability (bounding set included),
      becomes alice (uid 1000, no groups), sets no_new_privs and resource
      limits, and runs the call: `bash -c COMMAND` for Bash, the effect of
      Read/Write/Edit in-process, or an argv (Exec, used for scoring).

The jail runs unprivileged: it cannot mount, mknod, trace pid 1 or reach
any namespace but its own.  That is checked before any case runs
(oracle.py prove).  Every case starts from a fresh overlay; processes it
leaves behind are killed before the next one starts.
"""
import ctypes
import errno
import fcntl
import gc
import json
import os
import platform
import resource
import select
import signal
import socket
import stat
import struct
import sys
import time

import net
import observe
import world

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 0x4000
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(platform.machine())

CASE_TIMEOUT = 10.0
UPPER_SIZE = "256m"
JAIL_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
LIMITS = ((resource.RLIMIT_CPU, 20), (resource.RLIMIT_CORE, 0),
          (resource.RLIMIT_NOFILE, 1024), (resource.RLIMIT_NPROC, 256),
          (resource.RLIMIT_FSIZE, 128 << 20),
          # Not RLIMIT_AS: node's WebAssembly reserves many GB of address
          # space it never touches.
          (resource.RLIMIT_DATA, 4 << 30))


class JailError(Exception):
    pass


def _check(rc, what):
    if rc != 0:
        e = ctypes.get_errno()
        raise JailError("%s: %s" % (what, os.strerror(e)))


def _b(s):
    return s.encode() if isinstance(s, str) else s


def mount(src, target, fstype, flags=0, data=None):
    _check(libc.mount(_b(src) if src else None, _b(target),
                      _b(fstype) if fstype else None, ctypes.c_ulong(flags),
                      _b(data) if data else None),
           "mount %s on %s" % (fstype or src, target))


def umount(target):
    _check(libc.umount2(_b(target), MNT_DETACH), "umount %s" % target)


def unshare(flags):
    _check(libc.unshare(ctypes.c_int(flags)), "unshare")


def pivot_here(path):
    """Makes path the root of this mount namespace and detaches the old
    root (pivot_root(".", ".") stacks the old root on the new one)."""
    os.chdir(path)
    _check(libc.syscall(SYS_PIVOT_ROOT, b".", b"."), "pivot_root")
    _check(libc.umount2(b".", MNT_DETACH), "umount old root")
    os.chdir("/")


def prctl(option, arg):
    return libc.prctl(ctypes.c_int(option), ctypes.c_ulong(arg),
                      ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))


def available():
    """Why the jail cannot run here, or None."""
    if os.geteuid() != 0:
        return "the oracle needs root (it creates namespaces and mounts)"
    if SYS_PIVOT_ROOT is None:
        return "unsupported architecture %s" % platform.machine()
    pid = os.fork()
    if pid == 0:
        try:
            unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID)
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, st = os.waitpid(pid, 0)
    if st != 0:
        return "unshare(2) of mount, net and pid namespaces is refused"
    with open("/proc/filesystems") as f:
        if "overlay" not in f.read():
            return "the kernel has no overlayfs"
    return None


class Store:
    """The lower layers, copied into a tmpfs of a private mount namespace
    made by setup(); every later fork inherits it."""

    def __init__(self, mnt):
        self.mnt = mnt
        self.layers = []

    def setup(self, layers):
        unshare(CLONE_NEWNS)
        mount(None, "/", None, MS_REC | MS_PRIVATE)
        os.makedirs(self.mnt, exist_ok=True)
        mount("tmpfs", self.mnt, "tmpfs", MS_NOSUID, "mode=0755")
        lay = os.path.join(self.mnt, "layers")
        os.makedirs(lay)
        for name, src in sorted(layers.items()):
            r = os.spawnvp(os.P_WAIT, "cp", ["cp", "-a", src,
                                             os.path.join(lay, name)])
            if r != 0:
                raise JailError("copying layer %s failed" % name)
            self.layers.append(name)
        # Read-only from here on: nothing can alter a lower layer.
        mount(lay, lay, None, MS_BIND | MS_REC)
        mount(None, lay, None, MS_BIND | MS_REMOUNT | MS_RDONLY)
        for d in ("case", "view"):
            os.makedirs(os.path.join(self.mnt, d))


# ---------------------------------------------------------------- network

SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
RTM_NEWROUTE = 24


def _setup_net():
    """lo up, and a local route for every address (v4 and v6), through
    ioctl and rtnetlink (no `ip` process per worker)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    ifr = struct.pack("16sH", b"lo", 0)
    flags = struct.unpack("16sH", fcntl.ioctl(s, SIOCGIFFLAGS, ifr))[1]
    fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH", b"lo", flags | 1))
    s.close()
    idx = socket.if_nametoindex("lo")
    nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    nl.bind((0, 0))
    for seq, fam in ((1, socket.AF_INET), (2, socket.AF_INET6)):
        # rtmsg: family, dst_len 0, src_len, tos, table local (255),
        # protocol boot (3), scope host (254), type local (2), flags.
        rtm = struct.pack("BBBBBBBBI", fam, 0, 0, 0, 255, 3, 254, 2, 0)
        attrs = struct.pack("HHI", 8, 4, idx) + struct.pack("HHI", 8, 15,
                                                             255)
        body = rtm + attrs
        hdr = struct.pack("IHHII", 16 + len(body), RTM_NEWROUTE,
                          0x1 | 0x4 | 0x400 | 0x200, seq, 0)
        nl.send(hdr + body)
        reply = nl.recv(4096)
        err = struct.unpack_from("i", reply, 16)[0]
        if err != 0 and fam == socket.AF_INET:
            raise JailError("local route: %s" % os.strerror(-err))
    nl.close()


# ---------------------------------------------------------------- the call

def _drop_privileges():
    for cap in range(64):
        if prctl(PR_CAPBSET_DROP, cap) != 0 and \
                ctypes.get_errno() == errno.EINVAL:
            break
    os.setgroups([])
    os.setresgid(world.GID, world.GID, world.GID)
    os.setresuid(world.UID, world.UID, world.UID)
    if prctl(PR_SET_NO_NEW_PRIVS, 1) != 0:
        raise JailError("no_new_privs refused")
    for res, val in LIMITS:
        resource.setrlimit(res, (val, val))


def jail_env():
    return {"HOME": world.HOME, "USER": world.USER, "LOGNAME": world.USER,
            "SHELL": "/bin/bash", "PATH": JAIL_PATH, "LANG": "C.UTF-8",
            "TERM": "dumb", "PWD": world.PROJECT, "TZ": "UTC",
            "HOSTNAME": world.HOSTNAME,
            # Instrumentation, not behaviour: node trusts only its own CA
            # list unless told about the jail's.
            "NODE_EXTRA_CA_CERTS": "/etc/ssl/certs/ca-certificates.crt"}


def _file_tool(tool, inp):
    """The effect of Claude Code's file tools, done as the user."""
    path = inp.get("file_path") or inp.get("notebook_path") or ""
    if not isinstance(path, str) or not path:
        sys.stderr.write("no file_path\n")
        return 1
    path = os.path.join(world.PROJECT, path)
    try:
        if tool == "Read":
            with open(path, "rb") as f:
                data = f.read(observe.OUT_CAP)
            lines = data.split(b"\n")
            off = max(int(inp.get("offset") or 1) - 1, 0)
            lim = int(inp.get("limit") or 2000)
            os.write(1, b"\n".join(lines[off:off + lim]))
            return 0
        if tool == "Write":
            os.makedirs(os.path.dirname(path) or "/", exist_ok=True)
            with open(path, "w") as f:
                f.write(inp.get("content", ""))
            return 0
        if tool == "Edit":
            with open(path) as f:
                text = f.read()
            old, new = inp.get("old_string", ""), inp.get("new_string", "")
            n = text.count(old) if old else 0
            if n == 0 or (n > 1 and not inp.get("replace_all")):
                sys.stderr.write("old_string matched %d times\n" % n)
                return 1
            text = text.replace(old, new) if inp.get("replace_all") else \
                text.replace(old, new, 1)
            with open(path, "w") as f:
                f.write(text)
            return 0
    except (OSError, ValueError) as e:
        sys.stderr.write("%s: %s\n" % (tool, e))
        return 1
    sys.stderr.write("unsupported tool %s\n" % tool)
    return 1


def _child_c(case, merged, out_fd, err_fd):
    """Runs in C: enter the overlay, become alice, run the call."""
    try:
        gc.disable()
        unshare(CLONE_NEWNS)
        pivot_here(merged)
        null = os.open("/dev/null", os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        os.closerange(3, 65536)
        os.setsid()
        _drop_privileges()
        os.chdir(case.get("cwd") or world.PROJECT)
        env = jail_env()
        tool, inp = case["tool"], case["input"]
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        if tool in ("Bash", "Monitor"):
            os.execve("/bin/bash", ["bash", "-c", inp.get("command", "")],
                      env)
        if tool == "Exec":
            os.execve(inp["argv"][0], inp["argv"], env)
        os.environ.clear()
        os.environ.update(env)
        rc = _file_tool(tool, inp)
        sys.stderr.flush()
        os._exit(rc)
    except BaseException as e:   # never return into the harness
        try:
            os.write(2, ("jail: %s\n" % e).encode())
        finally:
            os._exit(126)


class _Deadline(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Deadline()


def _reap_all(main_pid, deadline):
    """As pid 1: waits for every process of the namespace until none is
    left or the deadline passes, then kills the rest.  Returns C's wait
    status and whether the deadline was hit."""
    status, timed_out = None, False
    while True:
        left = deadline - time.monotonic()
        try:
            if left <= 0:
                raise _Deadline()
            signal.setitimer(signal.ITIMER_REAL, left)
            pid, st = os.waitpid(-1, 0)
            signal.setitimer(signal.ITIMER_REAL, 0)
            if pid == main_pid:
                status = st
        except _Deadline:
            timed_out = True
            break
        except ChildProcessError:
            signal.setitimer(signal.ITIMER_REAL, 0)
            return status, False
    signal.setitimer(signal.ITIMER_REAL, 0)
    os.kill(-1, signal.SIGKILL)
    while True:
        try:
            pid, st = os.waitpid(-1, 0)
            if pid == main_pid:
                status = st
        except ChildProcessError:
            break
    return status, timed_out


def _send(fd, obj):
    data = (json.dumps(obj) + "\n").encode()
    while data:
        n = os.write(fd, data)
        data = data[n:]


class _Lines:
    def __init__(self, fd):
        self.fd = fd
        self.buf = b""

    def get(self, timeout=None):
        while b"\n" not in self.buf:
            if timeout is not None:
                r, _, _ = select.select([self.fd], [], [], timeout)
                if not r:
                    raise JailError("no answer within %.0f s" % timeout)
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                raise EOFError()
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)


class _Init:
    """B1: pid 1 of the jail's pid namespace, one per session."""

    def __init__(self, store, slot, inspectors):
        self.store = store
        self.slot = slot
        self.inspectors = inspectors
        self.views = {}

    def main(self, rfd, wfd):
        unshare(CLONE_NEWNS)
        pivot_here(self.store.mnt)
        signal.signal(signal.SIGALRM, _on_alarm)
        # Objects made so far are never collected: the forks for each case
        # then do not copy pages because the collector touched them.
        gc.freeze()
        lines = _Lines(rfd)
        while True:
            try:
                req = lines.get()
            except EOFError:
                return
            try:
                facts = self.case(req)
            except BaseException as e:
                facts = {"error": "jail: %s" % e}
            _send(wfd, facts)

    def view(self, layers):
        """A read-only overlay of the lower layers, to compare against."""
        key = "+".join(layers)
        if key not in self.views:
            d = "/view/%d-%s" % (self.slot, key)
            os.makedirs(d, exist_ok=True)
            if len(layers) >= 2:
                mount("overlay", d, "overlay", MS_RDONLY, "lowerdir=" +
                      ":".join("/layers/" + l for l in layers))
            else:
                mount("/layers/" + layers[0], d, None, MS_BIND)
            self.views[key] = d
        return self.views[key]

    def case(self, req):
        case, layers = req["case"], req["layers"]
        root = "/case/%d" % self.slot
        os.makedirs(root, exist_ok=True)
        mount("tmpfs", root, "tmpfs", MS_NOSUID,
              "size=%s,mode=0755" % UPPER_SIZE)
        try:
            return self._run(case, layers, root)
        finally:
            umount(root)

    def _run(self, case, layers, root):
        for d in ("upper", "work", "merged", "out"):
            os.mkdir(root + "/" + d)
        low = ":".join("/layers/" + l for l in layers)
        m = root + "/merged"
        mount("overlay", m, "overlay", 0,
              "lowerdir=%s,upperdir=%s/upper,workdir=%s/work,"
              "redirect_dir=on,metacopy=off,index=off" % (low, root, root))
        mount("tmpfs", m + "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC,
              "size=1m,mode=0755")
        for name, major, minor in (("null", 1, 3), ("zero", 1, 5),
                                   ("full", 1, 7), ("random", 1, 8),
                                   ("urandom", 1, 9), ("tty", 5, 0)):
            os.mknod(m + "/dev/" + name, 0o666 | stat.S_IFCHR,
                     os.makedev(major, minor))
            os.chmod(m + "/dev/" + name, 0o666)
        for name, target in (("fd", "/proc/self/fd"),
                             ("stdin", "/proc/self/fd/0"),
                             ("stdout", "/proc/self/fd/1"),
                             ("stderr", "/proc/self/fd/2")):
            os.symlink(target, m + "/dev/" + name)
        os.mkdir(m + "/dev/shm")
        mount("tmpfs", m + "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
              "size=16m,mode=1777")
        mount("proc", m + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        mount("tmpfs", root + "/out", "tmpfs", MS_NOSUID | MS_NODEV,
              "size=300m,mode=0755")
        out_fd = os.open(root + "/out/stdout", os.O_WRONLY | os.O_CREAT,
                         0o600)
        err_fd = os.open(root + "/out/stderr", os.O_WRONLY | os.O_CREAT,
                         0o600)
        os.fchown(out_fd, world.UID, world.GID)
        os.fchown(err_fd, world.UID, world.GID)
        started = time.monotonic()
        c = os.fork()
        if c == 0:
            _child_c(case, m, out_fd, err_fd)
        os.close(out_fd)
        os.close(err_fd)
        status, timed_out = _reap_all(
            c, started + case.get("timeout", CASE_TIMEOUT))
        facts = {"elapsed": round(time.monotonic() - started, 3),
                 "timed_out": timed_out,
                 "status": os.waitstatus_to_exitcode(status)
                 if status is not None else None}
        paths = {"upper": root + "/upper", "lower": self.view(layers),
                 "merged": m, "out": root + "/out"}
        facts.update(self.inspectors[case.get("inspect", "effects")](
            paths, case))
        return facts


class Session:
    """One worker's jail machinery: its network namespace, listener and
    pid-1 process.  Create it in a process that will not fork anything
    else afterwards (its pid namespace is set for every later child)."""

    def __init__(self, store, slot, inspectors, needles, tls):
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        unshare(CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC)
        libc.sethostname(_b(world.HOSTNAME), len(world.HOSTNAME))
        _setup_net()
        self.listener = net.Process(tls, needles)
        unshare(CLONE_NEWPID)
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
                self.listener.close_in_child()
                os.close(to_w)
                os.close(from_r)
                _Init(store, slot, inspectors).main(to_r, from_w)
                os._exit(0)
            except BaseException as e:
                os.write(2, ("oracle: jail init: %s\n" % e).encode())
                os._exit(1)
        os.close(to_r)
        os.close(from_w)
        self.init_pid = pid
        self.to = to_w
        self.back = _Lines(from_r)

    def close(self):
        """Ends pid 1 and the listener, and reaps them."""
        os.close(self.to)
        self.listener.close()
        for pid in (self.init_pid, self.listener.pid):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass

    def run(self, case, layers):
        """The facts of one case (a dict); raises JailError."""
        self.listener.begin()
        _send(self.to, {"case": case, "layers": layers})
        try:
            facts = self.back.get(case.get("timeout", CASE_TIMEOUT) + 60)
        except EOFError:
            raise JailError("the jail's pid 1 died")
        facts.update(self.listener.end())
        if "error" in facts:
            raise JailError(facts["error"])
        return facts
