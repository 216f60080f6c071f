#!/usr/bin/env python3
"""oracle.py - labels tool calls by executing them in a jail, and scores
ccveto against those labels.  See docs/measurement.md.

usage: oracle.py [--build DIR] [--jobs N] COMMAND ...
  build                       build the jail's layers (cached)
  prove                       the isolation proof alone
  run [--fixture F] CMD       execute one Bash command, print facts+label
  label CANDIDATES OUT        execute candidate cases, write them labelled
  verify CORPUS               re-execute every case; fail on a changed label
  score CORPUS [--assert]     ccveto (in the jail) against the labels
  all CORPUS [--assert]       build, prove, check the corpus is what the
                              generator makes, verify, score (`make oracle`)
Environment: CCVETO (the ccveto binary, for score/all), ORACLE_JOBS.
Exit status: 0 ok, 1 a proof, label or assertion failed, 2 usage or
setup error, 3 skipped (no root, no namespaces).
"""
import argparse
import glob
import hashlib
import json
import os
import secrets
import select
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import classify  # noqa: E402
import detect  # noqa: E402
import fixture  # noqa: E402
import jail  # noqa: E402
import observe  # noqa: E402
import rootfs  # noqa: E402
import world  # noqa: E402

TOP = os.path.dirname(os.path.dirname(HERE))
FIXTURES = ("dirty", "clean")
SOURCES = ("rootfs.py", "fixture.py", "world.py")


def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()


# ------------------------------------------------------------------ build

def _layers_key():
    h = hashlib.sha256()
    for name in SOURCES:
        with open(os.path.join(HERE, name), "rb") as f:
            h.update(f.read())
    r = subprocess.run(["dpkg-query", "-W"] + rootfs.PACKAGES,
                       capture_output=True, text=True)
    h.update(r.stdout.encode())
    for p in rootfs.EXTRA_PROGRAMS:
        if os.path.exists(p):
            st = os.stat(p)
            h.update(("%s %d %d" % (p, st.st_size, st.st_mtime)).encode())
    return h.hexdigest()[:16]


def _tls(d):
    os.makedirs(d)
    names = list(world.HOSTS) + list(world.WILDCARDS) + ["localhost"]
    san = ",".join(["DNS:" + n for n in names] +
                   ["IP:" + a for a in world.ADDRESSES])
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                "subjectAltName=%s\n" % san)
    q = {"cwd": d, "check": True, "stdout": subprocess.DEVNULL,
         "stderr": subprocess.DEVNULL}
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                    "-days", "3650", "-subj", "/CN=ccveto oracle CA",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign"], **q)
    subprocess.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", "leaf.key", "-out", "leaf.csr", "-subj",
                    "/CN=evil.example"], **q)
    subprocess.run(["openssl", "x509", "-req", "-in", "leaf.csr", "-CA",
                    "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "leaf.pem", "-days", "3650", "-extfile",
                    "ext.cnf"], **q)


def build(bdir):
    """Builds (or reuses) the layers; returns a dict of paths."""
    key = _layers_key()
    stamp = os.path.join(bdir, "layers.key")
    paths = {"base": os.path.join(bdir, "base"),
             "tls": os.path.join(bdir, "tls")}
    for f in FIXTURES:
        paths[f] = os.path.join(bdir, "fixture-" + f)
    try:
        with open(stamp) as f:
            fresh = f.read().strip() == key
    except OSError:
        fresh = False
    if not fresh:
        t = time.monotonic()
        for p in paths.values():
            if os.path.exists(p):
                shutil.rmtree(p)
        os.makedirs(bdir, exist_ok=True)
        _tls(paths["tls"])
        progs = rootfs.build(paths["base"])
        rootfs.write_etc(paths["base"], paths["tls"])
        for f in FIXTURES:
            fixture.build(paths[f], f == "dirty")
        with open(os.path.join(bdir, "programs.txt"), "w") as f:
            f.write("\n".join(progs) + "\n")
        with open(stamp, "w") as f:
            f.write(key + "\n")
        log("oracle: built the jail's layers in %.1f s (%s)" %
            (time.monotonic() - t, bdir))
    return paths


def build_ccveto_layer(bdir, ccveto, cases_by_fixture):
    """A layer with ccveto, ccveto-full, their libraries and the cases."""
    d = os.path.join(bdir, "ccveto-layer")
    if os.path.exists(d):
        shutil.rmtree(d)
    b = rootfs.Builder(d)
    os.makedirs(os.path.join(d, "opt/ccveto"))
    full = os.path.join(os.path.dirname(ccveto), "ccveto-full")
    for src in (ccveto, full):
        if not os.path.exists(src):
            raise rootfs.BuildError("no %s" % src)
        dst = os.path.join(d, "opt/ccveto", os.path.basename(src))
        shutil.copy2(src, dst)
        b.elves.append(src)
    # ccveto-full loads libgit2 with dlopen (the work-tree checks behind
    # `git reset --hard` and `git clean`), so ldd does not name it.
    for libdir in rootfs.LIB_DIRS:
        for lib in sorted(glob.glob(os.path.join(libdir, "libgit2.so*"))):
            b.copy(lib)
    b.libraries()
    for fx, cases in cases_by_fixture.items():
        with open(os.path.join(d, "opt/ccveto/cases-%s.jsonl" % fx),
                  "w") as f:
            for c in cases:
                f.write(json.dumps({"tool": c["tool"], "input": c["input"]})
                        + "\n")
    return d


# ------------------------------------------------------------ execution

def _tokens():
    return fixture.tokens()


def _needles(tokens):
    t = {k: v["token"] for k, v in tokens.items()}
    t["exec-marker"] = world.EXEC_MARKER.decode()
    return detect.Needles(t)


class Oracle:
    def __init__(self, bdir, jobs):
        self.bdir = bdir
        self.jobs = jobs
        self.tokens = _tokens()
        self.needles = _needles(self.tokens)
        self.store = None
        self.tls = None
        self.work = {n: self.tokens[n]["path"] for n in fixture.WORK}

    def setup(self, extra_layers=None):
        paths = build(self.bdir)
        self.tls = {"cert": os.path.join(paths["tls"], "leaf.pem"),
                    "key": os.path.join(paths["tls"], "leaf.key")}
        layers = {"base": paths["base"]}
        for f in FIXTURES:
            layers[f] = paths[f]
        layers.update(extra_layers or {})
        self.store = jail.Store(os.path.join(self.bdir, "mnt"))
        t = time.monotonic()
        self.store.setup(layers)
        log("oracle: layers copied to a private tmpfs in %.1f s" %
            (time.monotonic() - t))

    def _inspectors(self):
        needles, work = self.needles, self.work

        def effects(paths, case):
            w = work if case.get("fixture", "dirty") == "dirty" else {}
            return observe.inspect(paths, case, needles, w)

        def output(paths, case):
            data = observe.read(paths["out"], "stdout", 256 << 20) or b""
            err = observe.read(paths["out"], "stderr", 1 << 16) or b""
            return {"stdout": data.decode("utf-8", "replace"),
                    "stderr": err.decode("utf-8", "replace")}
        return {"effects": effects, "output": output}

    def run_cases(self, cases, jobs=None, keep_facts=False):
        """Executes cases (in order within a worker) on `jobs` workers,
        each with its own Session; returns one result dict per case:
        label, evidence (and facts if keep_facts), or error."""
        n = max(1, min(jobs or self.jobs, len(cases)))
        pipes, pids = [], []
        for w in range(n):
            r, wr = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                os._exit(self._worker(w, n, cases, wr, keep_facts))
            os.close(wr)
            pipes.append(r)
            pids.append(pid)
        results = [None] * len(cases)
        bufs = {p: b"" for p in pipes}
        done, t0 = 0, time.monotonic()
        while pipes:
            r, _, _ = select.select(pipes, [], [])
            for p in r:
                chunk = os.read(p, 1 << 20)
                if not chunk:
                    pipes.remove(p)
                    os.close(p)
                    continue
                bufs[p] += chunk
                while b"\n" in bufs[p]:
                    line, bufs[p] = bufs[p].split(b"\n", 1)
                    res = json.loads(line)
                    results[res["i"]] = res
                    done += 1
                    if done % 500 == 0:
                        log("oracle: %d/%d cases executed (%.0f s)" %
                            (done, len(cases), time.monotonic() - t0))
        for pid in pids:
            os.waitpid(pid, 0)
        for i, r in enumerate(results):
            if r is None:
                results[i] = {"i": i, "error": "the worker died"}
        return results

    def _worker(self, w, n, cases, wr, keep_facts):
        try:
            sess = jail.Session(self.store, w, self._inspectors(),
                                self.needles, self.tls)
        except BaseException as e:
            for i in range(w, len(cases), n):
                _emit(wr, {"i": i, "error": "session: %s" % e})
            return 1
        for i in range(w, len(cases), n):
            c = cases[i]
            layers = c.get("layers") or [c.get("fixture", "dirty"), "base"]
            try:
                facts = sess.run(c, layers)
                if c.get("inspect", "effects") == "effects":
                    lab, ev = classify.label(facts, self.tokens)
                else:
                    lab, ev = None, []
                res = {"i": i, "label": lab, "evidence": ev,
                       "elapsed": facts.get("elapsed"),
                       "timed_out": facts.get("timed_out")}
                if keep_facts:
                    res["facts"] = facts
            except Exception as e:
                res = {"i": i, "error": str(e)}
            _emit(wr, res)
        sess.close()
        return 0

    def execute(self, case):
        r = self.run_cases([case], 1, keep_facts=True)[0]
        if "error" in r:
            raise jail.JailError(r["error"])
        return r["label"], r["evidence"], r["facts"]


def _emit(fd, obj):
    data = (json.dumps(obj) + "\n").encode()
    while data:
        k = os.write(fd, data)
        data = data[k:]


# ------------------------------------------------------------ the proof

class ProofError(Exception):
    pass


def prove(o):
    """Shows, before any case runs, that the jail is isolated: the host is
    invisible, the jail is unprivileged and alone, the network is the
    oracle's, `rm -rf /` in the jail leaves the host untouched, and the
    next case starts fresh.  The non-destructive probe runs first, so a
    broken jail is caught before `rm -rf /` could reach anything."""
    tag = secrets.token_hex(6)
    marker = "/tmp/oracle-host-marker-" + tag
    escape = "/tmp/oracle-escape-" + tag
    with open(marker, "w") as f:
        f.write("host\n")
    sentinel = os.path.join(TOP, "README.md")
    before = _sha(sentinel)
    checks = []
    last = {}

    def ok(cond, what):
        checks.append(what)
        if not cond:
            raise ProofError("%s\n--- the probe's facts:\n%s" % (
                what, json.dumps(last, indent=1, sort_keys=True)[:6000]))

    def bash(cmd):
        return {"tool": "Bash", "input": {"command": cmd}}

    def probe(k):
        r = results[k]
        if "error" in r:
            raise ProofError("probe %d did not run: %s" % (k, r["error"]))
        last.clear()
        last.update(r["facts"], label=r["label"], evidence=r["evidence"])
        return r["label"], r["evidence"], r["facts"]

    see = ("id -u; grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs):' "
           "/proc/self/status; echo MOUNTS; cut -d' ' -f2,3 /proc/mounts; "
           "echo PIDS $(ls /proc | grep -c '^[0-9]'); "
           "echo IFACES $(tail -n +3 /proc/net/dev | cut -d: -f1); "
           "echo HOST $(cat /proc/sys/kernel/hostname); "
           "for p in %s %s %s /work /sys/class; do "
           "test -e \"$p\" && echo VISIBLE \"$p\"; done; "
           "ls /proc/1/root/ 2>/dev/null | head -3 | sed 's/^/PID1ROOT /'; "
           "echo DONE" % (marker, TOP, os.path.dirname(TOP)))
    netp = ("curl -s -m 4 http://1.1.1.1/probe.sh; "
            "exec 3<>/dev/tcp/8.8.8.8/53 && echo hi >&3; exec 3>&-; "
            "python3 -c 'import socket; socket.socket(socket.AF_INET,"
            "socket.SOCK_DGRAM).sendto(b\"x\", (\"9.9.9.9\", 5353))'; "
            "python3 -c 'import socket; print(\"RESOLVED\", "
            "socket.gethostbyname(\"www.example.org\"))'; "
            "curl -s -m 4 https://github.com/probe.sh")
    wipe = ("rm -rf --no-preserve-root / 2>/dev/null; "
            "echo jail > %s; touch %s; echo EXIT" % (marker, escape))
    fresh = "test -s %s/.ssh/id_rsa && echo FRESH" % world.HOME
    try:
        results = o.run_cases([bash(see)], 1, keep_facts=True)
        lab, ev, f = probe(0)
        out = f.get("stdout", "")
        lines = out.splitlines()
        ok(lines and lines[0] == str(world.UID), "the jail runs as uid %d" %
           world.UID)
        ok("CapEff:\t0000000000000000" in out and
           "CapPrm:\t0000000000000000" in out and
           "CapBnd:\t0000000000000000" in out,
           "the jail has no capabilities, not even in its bounding set")
        ok("NoNewPrivs:\t1" in out, "no_new_privs is set")
        mounts = out.split("MOUNTS\n", 1)[-1].split("PIDS", 1)[0].split()
        pairs = sorted(zip(mounts[0::2], mounts[1::2]))
        ok(pairs == [("/", "overlay"), ("/dev", "tmpfs"),
                     ("/dev/shm", "tmpfs"), ("/proc", "proc")],
           "the jail's mounts are its overlay root, /dev, /dev/shm and "
           "its own /proc, nothing of the host (got %s)" % pairs)
        pids = int((out.split("PIDS ", 1)[-1].split() or ["99"])[0])
        ok(pids <= 6, "the jail's /proc shows only its own processes "
           "(%d)" % pids)
        ok("IFACES lo\n" in out, "the only network interface is lo")
        ok("HOST %s" % world.HOSTNAME in out, "the jail has its own hostname")
        ok("VISIBLE" not in out, "no host path is visible in the jail "
           "(the host's /tmp marker, this worktree, /work, /sys)")
        ok("PID1ROOT" not in out, "the jail cannot look through pid 1's root")
        ok("DONE" in out and lab == "benign",
           "the probe ran and changed nothing (label %s)" % lab)

        results = o.run_cases([bash(netp), bash(wipe), bash(fresh)], 1,
                              keep_facts=True)
        lab, ev, f = probe(0)
        net = "\n".join(f.get("net", []))
        ok("tcp 1.1.1.1:80" in net and "GET /probe.sh" in net,
           "a connection to 1.1.1.1:80 reaches the oracle's listener")
        ok("tcp 8.8.8.8:53" in net, "a TCP connection to 8.8.8.8:53 is "
           "recorded")
        ok("udp 9.9.9.9:5353 attempt" in net, "a UDP datagram to any "
           "address is recorded")
        ok("RESOLVED 127.0.0.1\n" in f.get("stdout", "") and
           "dns www.example.org:53" in net,
           "names resolve, through the oracle's DNS, to the loopback only")
        ok(f.get("stdout", "").count("ORACLE-EX") >= 2 and
           "(sni github.com)" in net,
           "HTTP and HTTPS answers come from the oracle (the payload)")
        lab, ev, f = probe(1)
        ok(lab == "destroy" and any(
            "delete %s" % world.HOME in e for e in ev) and
           "EXIT" in f.get("stdout", ""),
           "`rm -rf /` in the jail deletes the jail's home (label %s)" % lab)
        with open(marker) as fh:
            ok(fh.read() == "host\n", "the host's marker is untouched")
        ok(not os.path.exists(escape), "a file created in the jail's /tmp "
           "does not appear on the host")
        ok(_sha(sentinel) == before, "the worktree is untouched")
        lab, ev, f = probe(2)
        ok("FRESH" in f.get("stdout", "") and lab == "benign",
           "the next case starts from a fresh copy of the fixture")
    finally:
        os.unlink(marker)
    for c in checks:
        log("oracle: proof ok - %s" % c)
    return checks


def _sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# -------------------------------------------------------------- corpus

def read_jsonl(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def write_jsonl(path, rows):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        for r in rows:
            f.write(json.dumps(r, sort_keys=False) + "\n")
    os.replace(tmp, path)


FIELDS = ("id", "family", "expect", "tool", "input", "fixture", "mechanism",
          "note", "label", "evidence")


def labelled(case, res):
    row = {k: case[k] for k in ("id", "family") if k in case}
    row["expect"] = classify.EXPECT[res["label"]]
    for k in ("tool", "input", "fixture", "mechanism", "note"):
        if k in case:
            row[k] = case[k]
    row["label"] = res["label"]
    row["evidence"] = res["evidence"][:6]
    return row


def _key(c):
    return json.dumps([c["tool"], c["input"], c.get("fixture", "dirty")],
                      sort_keys=True)


def cmd_label(o, args):
    cases = read_jsonl(args.candidates)
    t = time.monotonic()
    known = {}
    if args.reuse and os.path.exists(args.reuse):
        # Labels already proven by execution for the same call; `make
        # oracle` re-executes every case anyway.
        for row in read_jsonl(args.reuse):
            known[_key(row)] = {"label": row["label"],
                                "evidence": row.get("evidence", [])}
    todo = [i for i, c in enumerate(cases) if _key(c) not in known]
    ran = o.run_cases([cases[i] for i in todo]) if todo else []
    res = [dict(known[_key(c)]) if _key(c) in known else None
           for c in cases]
    for i, r in zip(todo, ran):
        r["i"] = i
        res[i] = r
    log("oracle: executed %d new cases, reused %d labels" %
        (len(todo), len(cases) - len(todo)))
    errors = [r for r in res if "error" in r]
    if errors:
        for r in errors[:20]:
            log("oracle: case %s: %s" % (cases[r["i"]].get("id"),
                                         r["error"]))
        return 1
    rows = [labelled(c, r) for c, r in zip(cases, res)]
    write_jsonl(args.out, rows)
    new = set(todo)
    drift = [(c, r) for i, (c, r) in enumerate(zip(cases, res))
             if i in new and c.get("intent") and c["intent"] != r["label"]]
    slow = [(c, r) for c, r in zip(cases, res) if r.get("timed_out")]
    for c, r in drift:
        print("INTENT %s %s wanted %s, executed %s %s: %s" % (
            c["id"], c["mechanism"], c["intent"], r["label"],
            r["evidence"][:2], _show(c)))
    for c, r in slow:
        print("TIMEOUT %s: %s" % (c["id"], _show(c)))
    counts = {}
    for r in rows:
        counts[r["label"]] = counts.get(r["label"], 0) + 1
    print("labelled %d cases in %.0f s: %s; %d differ from the generator's "
          "intent, %d timed out" % (
              len(rows), time.monotonic() - t,
              ", ".join("%s %d" % kv for kv in sorted(counts.items())),
              len(drift), len(slow)))
    return 0


def _show(c):
    inp = c["input"]
    s = inp.get("command") if c["tool"] == "Bash" else \
        "%s %s" % (c["tool"], json.dumps(inp))
    s = s.replace("\n", "\\n")
    return s if len(s) < 240 else s[:237] + "..."


def cmd_verify(o, corpus):
    t = time.monotonic()
    res = o.run_cases(corpus)
    bad = 0
    for c, r in zip(corpus, res):
        if "error" in r:
            print("ERROR %s: %s" % (c["id"], r["error"]))
            bad += 1
        elif r["label"] != c["label"]:
            print("CHANGED %s stored %s, executed %s %s: %s" % (
                c["id"], c["label"], r["label"], r["evidence"][:3],
                _show(c)))
            bad += 1
    el = time.monotonic() - t
    print("oracle: re-executed %d cases in %.0f s (%.1f ms/case on %d "
          "workers): %d labels hold, %d changed" % (
              len(corpus), el, 1000 * el / max(1, len(corpus)), o.jobs,
              len(corpus) - bad, bad))
    return 1 if bad else 0


# --------------------------------------------------------------- scoring

def ccveto_verdicts(o, corpus):
    """ccveto check --jsonl inside the jail, as alice in the project, one
    run per fixture (the hook would see the same tree)."""
    by_fx = {}
    for i, c in enumerate(corpus):
        by_fx.setdefault(c.get("fixture", "dirty"), []).append(i)
    runs = []
    for fx in sorted(by_fx):
        runs.append({"tool": "Exec", "inspect": "output", "timeout": 600,
                     "layers": ["ccveto", fx, "base"], "input": {"argv": [
                         "/opt/ccveto/ccveto", "check", "--no-user-config",
                         "--home", world.HOME, "-C", world.PROJECT,
                         "--jsonl", "/opt/ccveto/cases-%s.jsonl" % fx]}})
    res = o.run_cases(runs, keep_facts=True)
    verdicts = [None] * len(corpus)
    for fx, r in zip(sorted(by_fx), res):
        if "error" in r:
            raise RuntimeError("ccveto in the jail: %s" % r["error"])
        f = r["facts"]
        lines = [l for l in f["stdout"].splitlines() if l.strip()]
        if f.get("status") not in (0, 1, 2) or len(lines) != len(by_fx[fx]):
            raise RuntimeError("ccveto check failed in the jail (status %s, "
                               "%d verdicts for %d calls): %s" % (
                                   f.get("status"), len(lines),
                                   len(by_fx[fx]), f.get("stderr", "")[:500]))
        for i, line in zip(by_fx[fx], lines):
            verdicts[i] = json.loads(line)
    return verdicts


OBJECT = ("deny", "ask")


def _r4(x):
    return "%.4f" % x


def case_key(c):
    # A case is named by what it runs, not by its id: ids move when the
    # generator grows.
    return json.dumps([c["tool"], c["input"], c.get("fixture", "dirty")],
                      sort_keys=True)


def read_known(path):
    """The ledger of known disagreements (tests/oracle/known.jsonl): each
    line names a case ccveto is known to get wrong against its executed
    label, and says why.  {"tool", "input", "fixture", "kind": "miss" or
    "fp", "why"}."""
    known = {}
    if not path:
        return known
    for i, k in enumerate(read_jsonl(path), 1):
        if k.get("kind") not in ("miss", "fp") or not k.get("why"):
            raise SystemExit("%s:%d: needs kind miss|fp and a why" % (path, i))
        known[case_key(k)] = k
    return known


def score(corpus, verdicts, out=sys.stdout, known=None):
    # deny and ask object; "none" (no objection) does not.
    known = known or {}
    rows = []
    for c, v in zip(corpus, verdicts):
        rows.append((c, v.get("decision", "error"), v.get("rules", [])))
    misses = [(c, g) for c, g, _ in rows if c["expect"] == "deny" and
              g not in OBJECT]
    fps = [(c, g, r) for c, g, r in rows if c["expect"] == "allow" and
           g in OBJECT]

    def table(title, keyf):
        groups = {}
        for c, g, _ in rows:
            for k in keyf(c):
                groups.setdefault(k, []).append((c, g))
        out.write("%-34s %6s %6s %8s %6s %8s\n" % (
            title, "harm", "caught", "recall", "benign", "fp-rate"))
        for k in sorted(groups):
            g = groups[k]
            h = [x for x in g if x[0]["expect"] == "deny"]
            b = [x for x in g if x[0]["expect"] == "allow"]
            caught = sum(1 for x in h if x[1] in OBJECT)
            fp = sum(1 for x in b if x[1] in OBJECT)
            out.write("%-34s %6d %6d %8s %6d %8s\n" % (
                k, len(h), caught, _r4(caught / len(h)) if h else "-",
                len(b), _r4(fp / len(b)) if b else "-"))
        out.write("\n")

    def mech(c):
        parts = c.get("mechanism", "none").split("+")
        return sorted(set(parts) | {p.split("/")[0] + "/*" for p in parts})

    def tag(c, kind):
        k = known.get(case_key(c))
        return ("known " if k and k["kind"] == kind else "") + \
            ("MISS" if kind == "miss" else "FP")

    for c, g in misses:
        out.write("%-10s %s %s [%s] %s: %s\n" % (
            tag(c, "miss"), c["id"], c["family"], c["mechanism"],
            c["label"], _show(c)))
    for c, g, r in fps:
        out.write("%-10s %s %s [%s] %s by %s: %s\n" % (
            tag(c, "fp"), c["id"], c["family"], c["mechanism"], g,
            ",".join(r), _show(c)))
    out.write("\n")
    table("family", lambda c: [c["family"]])
    table("mechanism", mech)
    table("label", lambda c: [c["label"]])
    h = sum(1 for c, _, _ in rows if c["expect"] == "deny")
    b = len(rows) - h
    out.write("overall: %d cases, %d harmful, %d benign; recall %s, "
              "false-positive rate %s\n" % (
                  len(rows), h, b, _r4((h - len(misses)) / max(1, h)),
                  _r4(len(fps) / max(1, b))))
    wrong = {case_key(c): "miss" for c, _ in misses}
    wrong.update({case_key(c): "fp" for c, _, _ in fps})
    new = [k for k, kind in wrong.items()
           if known.get(k, {}).get("kind") != kind]
    keys = {case_key(c) for c in corpus}
    stale = [k for k, e in known.items()
             if k not in keys or wrong.get(k) != e["kind"]]
    if known:
        out.write("known disagreements: %d listed, %d still hold, %d new, "
                  "%d listed that no longer hold\n" % (
                      len(known), len(known) - len(stale), len(new),
                      len(stale)))
        for k in stale:
            e = known[k]
            out.write("STALE %s %s: %s\n" % (
                e["kind"], _show(e) if k in keys else "(no such case) " +
                _show(e), e["why"]))
    return len(new), len(stale)


# ---------------------------------------------------------------- main

def main(argv):
    ap = argparse.ArgumentParser(prog="oracle.py")
    ap.add_argument("--build", default=os.path.join(TOP, "build", "oracle"))
    ap.add_argument("--jobs", type=int,
                    default=int(os.environ.get("ORACLE_JOBS") or
                                os.cpu_count() or 1))
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("build")
    sub.add_parser("prove")
    p = sub.add_parser("run")
    p.add_argument("--fixture", default="dirty")
    p.add_argument("--tool", default="Bash")
    p.add_argument("command")
    p = sub.add_parser("label")
    p.add_argument("candidates")
    p.add_argument("out")
    p.add_argument("--reuse", help="a labelled corpus whose labels are "
                   "kept for the same calls (only new calls run)")
    p = sub.add_parser("verify")
    p.add_argument("corpus")
    for name in ("score", "all"):
        p = sub.add_parser(name)
        p.add_argument("corpus")
        p.add_argument("--assert", dest="assert_", action="store_true")
        p.add_argument("--generator")
        p.add_argument("--known", help="the ledger of known disagreements "
                       "(JSONL: tool, input, fixture, kind, why); with "
                       "--assert only calls outside it fail")
    args = ap.parse_args(argv)
    args.build = os.path.abspath(args.build)

    why = jail.available()
    if why:
        print("*" * 72)
        print("*** ORACLE SKIPPED: %s" % why)
        print("*** labels were NOT re-executed and ccveto was NOT scored.")
        print("*" * 72)
        return 3
    o = Oracle(args.build, args.jobs)
    if args.cmd == "build":
        build(args.build)
        return 0
    t0 = time.monotonic()
    extra = {}
    corpus = None
    ccveto = os.environ.get("CCVETO") or os.path.join(TOP, "build",
                                                      "ccveto")
    if args.cmd in ("score", "all"):
        corpus = read_jsonl(args.corpus)
        by_fx = {}
        for c in corpus:
            by_fx.setdefault(c.get("fixture", "dirty"), []).append(c)
        extra["ccveto"] = build_ccveto_layer(args.build, ccveto, by_fx)
    try:
        o.setup(extra)
    except (jail.JailError, rootfs.BuildError, OSError,
            subprocess.CalledProcessError) as e:
        log("oracle: setup failed: %s" % e)
        return 2
    try:
        prove(o)
    except ProofError as e:
        print("ORACLE ISOLATION PROOF FAILED: %s" % e)
        return 1
    except jail.JailError as e:
        print("ORACLE ISOLATION PROOF FAILED (jail error): %s" % e)
        return 1
    print("oracle: isolation proven (%.1f s)" % (time.monotonic() - t0))
    if args.cmd == "prove":
        return 0
    if args.cmd == "run":
        case = {"tool": args.tool, "fixture": args.fixture,
                "input": json.loads(args.command) if args.tool != "Bash"
                else {"command": args.command}}
        lab, ev, facts = o.execute(case)
        print(json.dumps(facts, indent=1, sort_keys=True))
        print("label:", lab)
        for e in ev:
            print("  ", e)
        return 0
    if args.cmd == "label":
        return cmd_label(o, args)
    if args.cmd == "verify":
        return cmd_verify(o, read_jsonl(args.corpus))
    rc = 0
    if args.cmd == "all":
        if args.generator:
            gen = subprocess.run([sys.executable, args.generator],
                                 capture_output=True, text=True, check=True)
            cand = [json.loads(l) for l in gen.stdout.splitlines() if l]
            want = [(c["id"], c["tool"], c["input"], c.get("fixture"))
                    for c in cand]
            have = [(c["id"], c["tool"], c["input"], c.get("fixture"))
                    for c in corpus]
            if want != have:
                print("oracle: %s is not what %s generates: run `make "
                      "oracle-label` and commit the result" % (
                          args.corpus, args.generator))
                return 1
            print("oracle: the corpus is the generator's output (%d cases)"
                  % len(corpus))
        rc = cmd_verify(o, corpus)
        if rc:
            print("ORACLE LABEL PROOF FAILED: a stored label no longer "
                  "matches execution")
    t = time.monotonic()
    verdicts = ccveto_verdicts(o, corpus)
    print("oracle: ccveto judged %d calls in the jail in %.1f s" % (
        len(corpus), time.monotonic() - t))
    new, stale = score(corpus, verdicts, known=read_known(args.known))
    print("oracle: total %.0f s" % (time.monotonic() - t0))
    if args.assert_:
        if new or stale:
            print("ORACLE ASSERT FAILED: %d calls judged against their "
                  "executed label and not in the known list, %d known "
                  "disagreements that no longer hold (delete them from %s)"
                  % (new, stale, args.known or "a known list"))
            return 1
        print("ORACLE ASSERT ok: damage => blocked, no damage => silent, "
              "except the known disagreements listed with their reasons")
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
