"""rootfs.py - assembles the jail's system tree from the host's programs.

The tree is built once into BUILD/oracle/base and reused: programs from the
host's Debian packages (bash, dash, coreutils, findutils, git, python3,
perl, node, curl, ...) with every shared library ldd names, plus what the
interpreters load at run time (python's stdlib, perl's @INC, git's
exec-path and templates).  Nothing of the host is mounted into the jail:
these are copies, and the jail sees them through an overlay whose lower
layer is a tmpfs copy of this tree (see jail.py).

Only the system's own locations are searched (/usr/bin, /bin, ...), never
the caller's PATH, so a pyenv or nvm shim cannot end up in the jail.
"""
import os
import shutil
import stat
import subprocess

import world

# Debian packages whose programs the jail gets; a package that is not
# installed is an error unless it is listed in OPTIONAL.
PACKAGES = [
    "bash", "dash", "coreutils", "findutils", "grep", "sed", "mawk", "tar",
    "gzip", "bzip2", "xz-utils", "diffutils", "util-linux", "bsdextrautils",
    "debianutils", "procps", "xxd", "curl", "wget", "git", "perl-base",
    "perl", "make", "zip", "unzip", "jq", "openssl", "openssh-client",
]
OPTIONAL = {"bsdextrautils", "openssh-client", "zip", "unzip", "jq",
            "procps", "bzip2", "xz-utils", "wget", "make", "openssl"}
# Programs not in a Debian package here (node from NodeSource or npm).
PY = os.path.basename(os.path.realpath("/usr/bin/python3"))   # python3.11
EXTRA_PROGRAMS = ["/usr/bin/node", "/usr/bin/python3", "/usr/bin/" + PY]
# Trees the interpreters read at run time.  Missing ones are skipped.
TREES = [
    "/usr/lib/git-core", "/usr/share/git-core/templates",
    "/usr/lib/x86_64-linux-gnu/perl-base", "/usr/lib/x86_64-linux-gnu/perl",
    "/usr/lib/x86_64-linux-gnu/perl5", "/usr/share/perl", "/usr/share/perl5",
    "/usr/lib/ssl", "/etc/ssl/openssl.cnf",
    # stdbuf preloads its library from here.
    "/usr/libexec/coreutils",
]
PY_STDLIB = "/usr/lib/" + PY
# Left out of the stdlib copy: tests, the static library, GUI toolkits.
PY_SKIP = {"test", "config-%s-x86_64-linux-gnu" % PY[6:],
           "config-%s-aarch64-linux-gnu" % PY[6:], "idlelib", "tkinter",
           "turtledemo", "ensurepip", "lib2to3", "__phello__"}
# Third-party modules an agent's inline code commonly uses.
PY_DIST = ["requests", "urllib3", "idna", "charset_normalizer", "chardet",
           "certifi", "six.py"]
PY_DIST_DIR = "/usr/lib/python3/dist-packages"
SYSTEM_DIRS = ["/usr/bin", "/usr/sbin", "/bin", "/sbin"]


class BuildError(Exception):
    pass


def _dpkg_files(pkg):
    try:
        out = subprocess.run(["dpkg", "-L", pkg], capture_output=True,
                             text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return [l for l in out.splitlines() if l]


def _is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


LIB_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib"]


def _elf_deps(path):
    """PT_INTERP and the DT_NEEDED names with the RPATH/RUNPATH of an
    ELF64 little-endian file (ldd would run a process per file)."""
    import struct
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads, interp, dyn = [], None, None
    for i in range(phnum):
        p_type, _, off, vaddr, _, filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + i * phentsize)
        if p_type == 1:
            loads.append((vaddr, off, filesz))
        elif p_type == 3:
            interp = data[off:off + filesz].split(b"\0")[0].decode()
        elif p_type == 2:
            dyn = (off, filesz)
    needed, paths, strtab = [], [], None
    if dyn:
        ents = []
        for j in range(dyn[1] // 16):
            tag, val = struct.unpack_from("<qQ", data, dyn[0] + 16 * j)
            if tag == 0:
                break
            ents.append((tag, val))
        for tag, val in ents:
            if tag == 5:
                for vaddr, off, filesz in loads:
                    if vaddr <= val < vaddr + filesz:
                        strtab = val - vaddr + off

        def s(o):
            return data[strtab + o:data.index(b"\0", strtab + o)].decode()
        if strtab is not None:
            for tag, val in ents:
                if tag == 1:
                    needed.append(s(val))
                elif tag in (15, 29):
                    for d in s(val).split(":"):
                        paths.append(d.replace("$ORIGIN",
                                               os.path.dirname(path)))
    return interp, needed, paths


def _ldd(path):
    deps = _elf_deps(path)
    if deps is None:
        r = subprocess.run(["ldd", path], capture_output=True, text=True)
        libs = []
        for line in r.stdout.splitlines():
            line = line.strip()
            target = line.split("=>", 1)[1].strip().split(" ")[0] \
                if "=>" in line else line.split(" ")[0]
            if target.startswith("/"):
                libs.append(target)
        return libs
    interp, needed, paths = deps
    libs = [interp] if interp else []
    for name in needed:
        for d in paths + LIB_DIRS:
            p = os.path.join(d, name)
            if os.path.exists(p):
                libs.append(p)
                break
        else:
            raise BuildError("%s needs %s, which is not found" %
                             (path, name))
    return libs


class Builder:
    def __init__(self, dest):
        self.dest = dest
        self.done = set()
        self.elves = []

    def _dst(self, path):
        return os.path.join(self.dest, path.lstrip("/"))

    def copy(self, path):
        """Copies one host path (file or symlink, following the chain)."""
        if path in self.done:
            return
        self.done.add(path)
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            return
        parent = os.path.dirname(path)
        if parent != "/":
            # The parent's own symlinks (e.g. /lib -> usr/lib) first.
            self._copy_dir_chain(parent)
        dst = self._dst(path)
        if stat.S_ISLNK(st.st_mode):
            target = os.readlink(path)
            if not os.path.lexists(dst):
                os.symlink(target, dst)
            full = target if target.startswith("/") else \
                os.path.normpath(os.path.join(parent, target))
            self.copy(full)
        elif stat.S_ISDIR(st.st_mode):
            os.makedirs(dst, exist_ok=True)
        elif stat.S_ISREG(st.st_mode):
            if not os.path.lexists(dst):
                shutil.copy2(path, dst)
                # No set-id bits in the jail: nothing there may gain rights.
                os.chmod(dst, stat.S_IMODE(st.st_mode) & 0o1777)
            if _is_elf(path):
                self.elves.append(path)

    def _copy_dir_chain(self, d):
        if d in self.done or d == "/":
            return
        self._copy_dir_chain(os.path.dirname(d))
        self.done.add(d)
        dst = self._dst(d)
        if os.path.islink(d):
            target = os.readlink(d)
            if not os.path.lexists(dst):
                os.symlink(target, dst)
            full = target if target.startswith("/") else \
                os.path.normpath(os.path.join(os.path.dirname(d), target))
            self._copy_dir_chain(full)
            os.makedirs(self._dst(full), exist_ok=True)
        elif not os.path.lexists(dst):
            os.makedirs(dst, exist_ok=True)

    def tree(self, top, skip=()):
        if os.path.isfile(top):
            self.copy(top)
            return
        if not os.path.isdir(top):
            return
        self._copy_dir_chain(top)
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs
                             if not (root == top and d in skip))
            for name in sorted(dirs):
                p = os.path.join(root, name)
                if os.path.islink(p):
                    self.copy(p)
                else:
                    self._copy_dir_chain(p)
            for name in sorted(files):
                self.copy(os.path.join(root, name))

    def libraries(self):
        seen = set()
        while self.elves:
            elf = self.elves.pop()
            if elf in seen:
                continue
            seen.add(elf)
            for lib in _ldd(elf):
                self.copy(lib)


def _programs():
    progs, missing = [], []
    for pkg in PACKAGES:
        files = _dpkg_files(pkg)
        if files is None:
            if pkg not in OPTIONAL:
                missing.append(pkg)
            continue
        for f in files:
            if os.path.dirname(f) in SYSTEM_DIRS and os.path.lexists(f) \
                    and not os.path.isdir(f):
                progs.append(f)
    for p in EXTRA_PROGRAMS:
        if os.path.lexists(p):
            progs.append(p)
    if missing:
        raise BuildError("packages missing for the jail: " +
                         " ".join(missing))
    return sorted(set(progs))


def _alternatives(b):
    """Names update-alternatives made (awk -> mawk, which, ...), for the
    programs that were copied: no package lists them."""
    for d in SYSTEM_DIRS:
        if os.path.islink(d) or not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if not os.path.islink(p) or \
                    not os.readlink(p).startswith("/etc/alternatives/"):
                continue
            if os.path.realpath(p) in b.done:
                b.copy(p)


def build(dest):
    """Builds the system tree into dest (which must not exist)."""
    os.makedirs(dest)
    b = Builder(dest)
    for top in ("bin", "sbin", "lib", "lib64"):
        if os.path.islink("/" + top):
            b._copy_dir_chain("/" + top)
    for p in _programs():
        b.copy(p)
    for t in TREES:
        b.tree(t)
    b.tree(PY_STDLIB, skip=PY_SKIP)
    for name in PY_DIST:
        p = os.path.join(PY_DIST_DIR, name)
        if os.path.isdir(p):
            b.tree(p)
        elif os.path.exists(p):
            b.copy(p)
    _alternatives(b)
    b.libraries()
    for d in ("etc", "tmp", "var/tmp", "home", "root", "srv", "proc", "dev",
              "run", "usr/local/bin", "opt"):
        os.makedirs(os.path.join(dest, d), exist_ok=True)
    os.chmod(os.path.join(dest, "tmp"), 0o1777)
    os.chmod(os.path.join(dest, "var/tmp"), 0o1777)
    os.chmod(os.path.join(dest, "root"), 0o700)
    present = sorted(os.path.basename(p) for p in _programs())
    return present


def write_etc(base, tls):
    """The jail's /etc: its users, names, resolver and the oracle's CA."""
    etc = os.path.join(base, "etc")

    def w(rel, text, mode=0o644):
        p = os.path.join(etc, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        if os.path.lexists(p):
            os.unlink(p)
        with open(p, "w") as f:
            f.write(text)
        os.chmod(p, mode)

    w("passwd", "root:x:0:0:root:/root:/bin/bash\n"
      "%s:x:%d:%d:Alice:%s:/bin/bash\n"
      "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n" %
      (world.USER, world.UID, world.GID, world.HOME))
    w("group", "root:x:0:\n%s:x:%d:\nnogroup:x:65534:\n" %
      (world.USER, world.GID))
    w("hostname", world.HOSTNAME + "\n")
    w("hosts", "127.0.0.1\tlocalhost %s\n::1\tlocalhost\n" % world.HOSTNAME +
      "".join("127.0.0.1\t%s\n" % h for h in world.HOSTS))
    w("resolv.conf", "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n")
    w("nsswitch.conf", "passwd: files\ngroup: files\nshadow: files\n"
      "hosts: files dns\n")
    w("shells", "/bin/sh\n/bin/bash\n/usr/bin/bash\n")
    certs = os.path.join(etc, "ssl", "certs")
    if os.path.isdir(certs):
        shutil.rmtree(certs)
    os.makedirs(certs)
    with open(os.path.join(tls, "ca.pem")) as f:
        w("ssl/certs/ca-certificates.crt", f.read())
    if not os.path.lexists(os.path.join(etc, "ssl", "cert.pem")):
        os.symlink("certs/ca-certificates.crt",
                   os.path.join(etc, "ssl", "cert.pem"))
