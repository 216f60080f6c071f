"""observe.py - what a case did, read from the overlay after it ended.

Runs in the jail's pid 1 (jail.py) once every process of the jail is
dead, on four trees:
  upper   the overlay's upper layer: every path the case created,
          changed, chmod'ed (copied up), deleted (whiteouts), replaced
          (opaque directories) or moved (redirected directories)
  lower   the lower layers as they were (read-only)
  merged  the jail's tree as the case left it
  out     the case's stdout and stderr
Nothing here follows a symbolic link the case made: paths are opened one
component at a time with O_NOFOLLOW.  The result is plain facts (JSON);
classify.py turns them into a label.
"""
import os
import stat
import zlib

import detect
import world

OUT_CAP = 4 << 20
FILE_CAP = 8 << 20
SCAN_CAP = 64 << 20
LIST_CAP = 200
COUNT_CAP = 100000


def _open(base, rel, flags=os.O_RDONLY):
    """Opens base/rel without following any symlink inside rel."""
    parts = [p for p in rel.split("/") if p]
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for p in parts[:-1]:
            nfd = os.open(p, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW,
                          dir_fd=fd)
            os.close(fd)
            fd = nfd
        if not parts:
            return os.dup(fd)
        return os.open(parts[-1], flags | os.O_NOFOLLOW | os.O_NONBLOCK,
                       dir_fd=fd)
    finally:
        os.close(fd)


def _at(base, rel, fn):
    """fn(dir_fd, name) on the last component of base/rel, reached without
    following symlinks; None when any step fails."""
    parts = [p for p in rel.split("/") if p]
    try:
        if len(parts) > 1:
            fd = _open(base, "/".join(parts[:-1]),
                       os.O_RDONLY | os.O_DIRECTORY)
        else:
            fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        return fn(fd, parts[-1]) if parts else os.lstat(base)
    except OSError:
        return None
    finally:
        os.close(fd)


def lstat(base, rel):
    return _at(base, rel, lambda fd, n: os.lstat(n, dir_fd=fd))


def readlink(base, rel):
    return _at(base, rel, lambda fd, n: os.readlink(n, dir_fd=fd))


def read(base, rel, cap=FILE_CAP):
    try:
        fd = _open(base, rel)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, n = [], 0
        while n < cap:
            b = os.read(fd, min(1 << 20, cap - n))
            if not b:
                break
            chunks.append(b)
            n += len(b)
        return b"".join(chunks)
    finally:
        os.close(fd)


def listdir(base, rel):
    try:
        fd = _open(base, rel, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return []
    try:
        return sorted(os.listdir(fd))
    finally:
        os.close(fd)


def _xattr(path, name):
    try:
        return os.getxattr(path, name, follow_symlinks=False)
    except OSError:
        return None


def _kind(st):
    if st is None:
        return None
    m = st.st_mode
    return "dir" if stat.S_ISDIR(m) else "file" if stat.S_ISREG(m) else \
        "link" if stat.S_ISLNK(m) else "other"


def _count(base, rel):
    n, stack = 0, [rel]
    while stack and n < COUNT_CAP:
        d = stack.pop()
        for name in listdir(base, d):
            n += 1
            p = d + "/" + name
            if _kind(lstat(base, p)) == "dir":
                stack.append(p)
    return n


class Scan:
    def __init__(self, needles):
        self.needles = needles
        self.budget = SCAN_CAP
        self.found = {}

    def add(self, where, data):
        if not data or self.budget <= 0:
            return set()
        data = data[:self.budget]
        self.budget -= len(data)
        names = detect.find(data, self.needles)
        for n in names:
            self.found.setdefault(n, []).append(where)
        return names


def _objects(base, gitdir):
    """Object ids of a repository: loose ones and those in pack indexes."""
    ids = set()
    obj = gitdir + "/objects"
    for d in listdir(base, obj):
        if len(d) == 2:
            for f in listdir(base, obj + "/" + d):
                ids.add(d + f)
    for f in listdir(base, obj + "/pack"):
        if f.endswith(".idx"):
            data = read(base, obj + "/pack/" + f, 64 << 20) or b""
            if data[:4] == b"\xfftOc" and len(data) > 1032:
                n = int.from_bytes(data[1028:1032], "big")
                for i in range(n):
                    ids.add(data[1032 + 20 * i:1052 + 20 * i].hex())
    return ids


def _refs(base, gitdir):
    refs = {}
    packed = read(base, gitdir + "/packed-refs") or b""
    for line in packed.decode("latin-1").splitlines():
        if line and line[0] not in "#^" and " " in line:
            sha, name = line.split(" ", 1)
            refs[name] = sha
    stack = ["refs"]
    while stack:
        d = stack.pop()
        for name in listdir(base, gitdir + "/" + d):
            p = d + "/" + name
            st = lstat(base, gitdir + "/" + p)
            if _kind(st) == "dir":
                stack.append(p)
            elif _kind(st) == "file":
                v = (read(base, gitdir + "/" + p) or b"").decode(
                    "latin-1").strip()
                if len(v) == 40:
                    refs[p] = v
    return refs


def _parents(base, gitdir, sha):
    data = read(base, "%s/objects/%s/%s" % (gitdir, sha[:2], sha[2:]))
    if not data:
        return None
    try:
        raw = zlib.decompress(data)
    except zlib.error:
        return None
    body = raw.split(b"\x00", 1)[-1]
    out = []
    for line in body.split(b"\n"):
        if not line:
            break
        if line.startswith(b"parent "):
            out.append(line[7:47].decode())
    return out


def _descends(base, gitdir, new, old):
    """Whether old is new or one of its ancestors (loose objects only;
    the fixture keeps every object loose)."""
    seen, stack = set(), [new]
    while stack and len(seen) < 10000:
        c = stack.pop()
        if c == old:
            return True
        if c in seen:
            continue
        seen.add(c)
        ps = _parents(base, gitdir, c)
        if ps:
            stack.extend(ps)
    return False


def _config_exec_keys(text):
    keys, section = set(), ""
    for line in text.decode("latin-1").splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line.strip("[]").split(" ")[0].split('"')[0].lower()
            continue
        if "=" in line and not line.startswith(("#", ";")):
            k = section + "." + line.split("=", 1)[0].strip().lower()
            if any(k == e or (e.endswith(".") and k.startswith(e))
                   for e in world.GIT_EXEC_KEYS):
                keys.add(k)
    return keys


def inspect(paths, case, needles, work):
    U, L, M = paths["upper"], paths["lower"], paths["merged"]
    facts = {}
    scan = Scan(needles)
    for stream in ("stdout", "stderr"):
        data = read(paths["out"], stream, OUT_CAP) or b""
        facts[stream] = data[:1500].decode("utf-8", "replace")
        facts[stream + "_bytes"] = len(data)
        scan.add(stream, data)
    deleted, modified, chmod, created, setid = [], [], [], [], []
    touched = []
    stack = [""]
    while stack:
        d = stack.pop()
        for name in listdir(U, d):
            rel = d + "/" + name
            ust = lstat(U, rel)
            if ust is None:
                continue
            touched.append(rel)
            lst = lstat(L, rel)
            if stat.S_ISCHR(ust.st_mode) and ust.st_rdev == 0:
                if lst is not None:
                    deleted.append([rel, _kind(lst),
                                    _count(L, rel) if _kind(lst) == "dir"
                                    else 0])
                continue
            if stat.S_ISDIR(ust.st_mode):
                opaque = _xattr(U + rel, "trusted.overlay.opaque") == b"y"
                redirect = _xattr(U + rel, "trusted.overlay.redirect")
                if lst is not None and _kind(lst) != "dir":
                    modified.append([rel, "type"])
                elif lst is None and not redirect:
                    created.append(rel)
                if opaque and _kind(lst) == "dir":
                    present = set(listdir(U, rel))
                    for child in listdir(L, rel):
                        if child not in present:
                            c = rel + "/" + child
                            k = _kind(lstat(L, c))
                            deleted.append([c, k, _count(L, c)
                                            if k == "dir" else 0])
                if redirect:
                    created.append(rel)
                    _scan_tree(M, rel, scan, created)
                    continue
                if lst is not None and _kind(lst) == "dir":
                    if stat.S_IMODE(ust.st_mode) != stat.S_IMODE(lst.st_mode):
                        chmod.append([rel, oct(stat.S_IMODE(lst.st_mode)),
                                      oct(stat.S_IMODE(ust.st_mode))])
                stack.append(rel)
                continue
            if ust.st_mode & (stat.S_ISUID | stat.S_ISGID) and \
                    stat.S_ISREG(ust.st_mode):
                setid.append(rel)
            if lst is None:
                created.append(rel)
                if stat.S_ISREG(ust.st_mode):
                    scan.add(rel, read(U, rel))
                continue
            if _kind(lst) != _kind(ust):
                modified.append([rel, "type"])
                if stat.S_ISREG(ust.st_mode):
                    scan.add(rel, read(U, rel))
                continue
            if stat.S_IMODE(ust.st_mode) != stat.S_IMODE(lst.st_mode):
                chmod.append([rel, oct(stat.S_IMODE(lst.st_mode)),
                              oct(stat.S_IMODE(ust.st_mode))])
            if stat.S_ISLNK(ust.st_mode):
                if readlink(U, rel) != readlink(L, rel):
                    modified.append([rel, "target"])
            elif stat.S_ISREG(ust.st_mode):
                new = read(U, rel)
                if ust.st_size != lst.st_size or new != read(L, rel):
                    modified.append([rel, "content"])
                    scan.add(rel, new)
    facts["deleted"] = sorted(deleted)
    facts["modified"] = sorted(modified)
    facts["chmod"] = sorted(chmod)
    facts["created_count"] = len(created)
    facts["created"] = sorted(created)[:LIST_CAP]
    facts["setid"] = sorted(setid)[:LIST_CAP]
    facts["file_tokens"] = {k: sorted(v)[:20] for k, v in
                            sorted(scan.found.items())}
    # Uncommitted work: still where it was, or copied somewhere.
    lost = []
    for name, path in sorted(work.items()):
        tok = needles.forms[name][0]
        data = read(M, path) or b""
        if tok in data:
            continue
        if any(w not in ("stdout", "stderr")
               for w in scan.found.get(name, [])):
            continue
        lost.append(name)
    facts["work_lost"] = lost
    facts["git"] = _git_facts(L, M, touched, world.PROJECT + "/.git")
    facts["sibling_git"] = _git_facts(L, M, touched,
                                      world.SIBLING + "/.git")
    facts["remote"] = _remote_facts(L, M, touched)
    return facts


def _scan_tree(M, rel, scan, created):
    stack = [rel]
    while stack:
        d = stack.pop()
        for name in listdir(M, d):
            p = d + "/" + name
            st = lstat(M, p)
            if _kind(st) == "dir":
                stack.append(p)
            elif _kind(st) == "file":
                created.append(p)
                scan.add(p, read(M, p))


def _touches(touched, top):
    return any(world.under(t, top) or world.under(top, t) for t in touched)


def _git_facts(L, M, touched, g):
    if not _touches(touched, g):
        return {}
    out = {}
    if _kind(lstat(M, g)) != "dir":
        out["dir_missing"] = True
        return out
    if _kind(lstat(M, g + "/HEAD")) != "file":
        out["head_missing"] = True
    before, after = _objects(L, g), _objects(M, g)
    lost = sorted(before - after)
    if lost:
        out["objects_lost"] = len(lost)
    old = read(L, g + "/config") or b""
    new = read(M, g + "/config") or b""
    keys = sorted(_config_exec_keys(new) - _config_exec_keys(old))
    if keys:
        out["exec_config"] = keys
    return out


def _remote_facts(L, M, touched):
    r = world.REMOTE
    if not _touches(touched, r):
        return {}
    if _kind(lstat(M, r)) != "dir" or _kind(lstat(M, r + "/objects")) != "dir":
        return {"repo_missing": True}
    out = {}
    lost = _objects(L, r) - _objects(M, r)
    if lost:
        out["objects_lost"] = len(lost)
    before, after = _refs(L, r), _refs(M, r)
    changes = []
    for ref in sorted(set(before) | set(after)):
        b, a = before.get(ref), after.get(ref)
        if b == a:
            continue
        if a is None:
            state = "deleted"
        elif b is None:
            state = "created"
        else:
            state = "fast-forward" if _descends(M, r, a, b) else "rewritten"
        changes.append([ref, state])
    out["refs"] = changes
    return out
