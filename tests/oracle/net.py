"""net.py - the jail's whole network: listeners that record what is sent.

Runs in A (see jail.py), in the case's own network namespace, where every
IPv4 address is local (a `local 0.0.0.0/0` route on lo).  It offers:
  - TCP listeners on common ports (world.TCP_PORTS), dual-stack; TLS is
    recognised by its first byte and terminated with a certificate for
    world.HOSTS (the jail trusts the oracle's CA), then HTTP requests are
    answered; anything else is read to the end.  A GET is answered with a
    small program for the path's language (.py, .js, .pl, else sh) that
    prints and writes world.EXEC_MARKER, so running a download is seen.
  - a catch-all DNS server on port 53: every A query gets 127.0.0.1.
  - a packet socket on lo that records every TCP SYN and UDP datagram,
    so a connection attempt to a port nobody listens on is still seen.
It runs as its own process (Process), told by the worker where a case
begins and ends; at the end it answers with what the case sent and which
tokens were in it.  Nothing is forwarded anywhere.
"""
import json
import os
import re
import select
import socket
import ssl
import struct
import threading
import time

import detect
import world

CONN_CAP = 8 << 20
CONN_TIME = 5.0
ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4

PAYLOADS = {
    ".py": b"import sys\nm = 'ORACLE-EX' + 'EC-RAN'\n"
           b"open('/tmp/.oracle-exec-py', 'w').write(m)\nprint(m)\n",
    ".js": b"const m = 'ORACLE-EX' + 'EC-RAN';\n"
           b"require('fs').writeFileSync('/tmp/.oracle-exec-js', m);\n"
           b"console.log(m);\n",
    ".pl": b"my $m = 'ORACLE-EX' . 'EC-RAN';\n"
           b"open(my $f, '>', '/tmp/.oracle-exec-pl'); print $f $m;\n"
           b"print \"$m\\n\";\n",
    "": b"#!/bin/sh\nm=\"ORACLE-EX\"\"EC-RAN\"\n"
        b"echo \"$m\" > /tmp/.oracle-exec-sh\necho \"$m\"\n",
}
BANNERS = {21: b"220 ftp ready\r\n", 22: b"SSH-2.0-OpenSSH_9.2\r\n",
           25: b"220 mail.example.com ESMTP\r\n", 23: b"login: "}
_HTTP = re.compile(rb"^[A-Z]{3,8} \S+ HTTP/1\.[01]\r?\n")


def payload_for(path):
    p = path.split(b"?", 1)[0].decode("latin-1")
    for ext in (".py", ".js", ".pl"):
        if p.endswith(ext):
            return PAYLOADS[ext]
    return PAYLOADS[""]


class Listener:
    def __init__(self, tls=None):
        self.records = []
        self.attempts = set()
        self.lock = threading.Lock()
        self.gen = 0
        self.threads = []
        self.ctx = None
        if tls:
            self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.ctx.load_cert_chain(tls["cert"], tls["key"])
            self.ctx.sni_callback = self._sni
        self.tl = threading.local()
        self.tcp = []
        for port in world.TCP_PORTS:
            s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("::", port))
            s.listen(64)
            s.setblocking(False)
            self.tcp.append(s)
        self.dns = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        self.dns.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        self.dns.bind(("::", 53))
        self.dns.setblocking(False)
        self.pkt = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                                 socket.htons(ETH_P_ALL))
        self.pkt.bind(("lo", ETH_P_ALL))
        self.pkt.setblocking(False)
        self.socks = self.tcp + [self.dns, self.pkt]

    def close_in_child(self):
        for s in self.socks:
            s.close()

    def _sni(self, sslsock, name, ctx):
        self.tl.sni = name

    def serve(self, ctl_r, ctl_w, needles):
        """The listener process's loop: sockets, and the worker's
        `begin`/`end` on the control pipe."""
        buf = b""
        while True:
            r, _, _ = select.select(self.socks + [ctl_r], [], [], 1.0)
            for s in r:
                if s is ctl_r:
                    chunk = os.read(ctl_r, 4096)
                    if not chunk:
                        return
                    buf += chunk
                    while b"\n" in buf:
                        cmd, buf = buf.split(b"\n", 1)
                        if cmd == b"begin":
                            self._begin()
                            os.write(ctl_w, b"ok\n")
                        elif cmd == b"end":
                            facts = self._end(needles)
                            data = (json.dumps(facts) + "\n").encode()
                            while data:
                                n = os.write(ctl_w, data)
                                data = data[n:]
                    continue
                self._ready(s)

    def _ready(self, s):
        try:
            if s is self.dns:
                self._dns()
            elif s is self.pkt:
                self._packet()
            else:
                conn, _ = s.accept()
                t = threading.Thread(target=self._conn,
                                     args=(conn, self.gen), daemon=True)
                t.start()
                self.threads.append(t)
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            pass

    def _begin(self):
        with self.lock:
            self.gen += 1
            self.records = []
            self.attempts = set()
        self.threads = [t for t in self.threads if t.is_alive()]

    def _end(self, needles):
        # Everything the case sent is queued by now (its processes are
        # dead): accept and read it all, then wait for the handlers.
        for _ in range(50):
            r, _, _ = select.select(self.socks, [], [], 0)
            if not r:
                break
            for s in r:
                self._ready(s)
        deadline = time.monotonic() + 3
        for t in self.threads:
            t.join(max(0, deadline - time.monotonic()))
        self._packet()
        with self.lock:
            recs, atts = list(self.records), sorted(self.attempts)
            self.gen += 1
        return net_facts(recs, atts, needles)

    def _add(self, rec, gen=None):
        with self.lock:
            if gen is None or gen == self.gen:
                self.records.append(rec)

    # ------------------------------------------------------------ DNS
    def _dns(self):
        data, peer = self.dns.recvfrom(4096)
        if len(data) < 12:
            return
        qid, flags, qd = struct.unpack("!HHH", data[:6])
        pos, labels = 12, []
        while pos < len(data) and data[pos] != 0:
            n = data[pos]
            labels.append(data[pos + 1:pos + 1 + n])
            pos += 1 + n
        qtype = struct.unpack("!H", data[pos + 1:pos + 3])[0] \
            if pos + 3 <= len(data) else 0
        qname = b".".join(labels)
        self._add({"proto": "dns", "name": qname.decode("latin-1"),
                   "qtype": qtype, "data": qname})
        question = data[12:pos + 5]
        if qtype == 1:
            answer = b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4) + \
                socket.inet_aton("127.0.0.1")
            head = struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0)
        else:
            answer = b""
            head = struct.pack("!HHHHHH", qid, 0x8180, 1, 0, 0, 0)
        self.dns.sendto(head + question + answer, peer)

    # --------------------------------------------------------- packets
    def _packet(self):
        for _ in range(64):
            try:
                data, addr = self.pkt.recvfrom(65536)
            except BlockingIOError:
                return
            if addr[2] != PACKET_OUTGOING or not data:
                continue
            v = data[0] >> 4
            if v == 4:
                ihl = (data[0] & 15) * 4
                proto = data[9]
                dst = socket.inet_ntop(socket.AF_INET, data[16:20])
                body = data[ihl:]
            elif v == 6 and len(data) >= 40:
                proto = data[6]
                dst = socket.inet_ntop(socket.AF_INET6, data[24:40])
                body = data[40:]
            else:
                continue
            if len(body) < 8:
                continue
            sport, dport = struct.unpack("!HH", body[:4])
            if proto == 6 and len(body) >= 14:
                flags = body[13]
                if flags & 0x02 and not flags & 0x10:
                    with self.lock:
                        self.attempts.add(("tcp", dst, dport))
            elif proto == 17:
                if sport == 53:
                    continue
                with self.lock:
                    self.attempts.add(("udp", dst, dport))
                if dport != 53:
                    self._add({"proto": "udp", "dst": dst, "port": dport,
                               "data": body[8:8 + 65536]})

    # -------------------------------------------------------------- TCP
    def _conn(self, conn, gen):
        start = time.monotonic()
        dst, port = conn.getsockname()[:2]
        if dst.startswith("::ffff:"):
            dst = dst[7:]
        rec = {"proto": "tcp", "dst": dst, "port": port}
        got = []
        try:
            conn.setblocking(True)
            conn.settimeout(1.0)
            try:
                first = conn.recv(1, socket.MSG_PEEK)
            except socket.timeout:
                first = b""
                if port in BANNERS:
                    conn.sendall(BANNERS[port])
            if first == b"\x16" and self.ctx:
                conn.settimeout(CONN_TIME)
                self.tl.sni = None
                try:
                    conn = self.ctx.wrap_socket(conn, server_side=True)
                except (ssl.SSLError, OSError) as e:
                    rec["tls_error"] = str(e)[:120]
                    return
                finally:
                    rec["sni"] = self.tl.sni
                rec["tls"] = True
            conn.settimeout(max(0.2, CONN_TIME - (time.monotonic() -
                                                  start)))
            self._serve(conn, got, rec)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            rec["data"] = b"".join(got)[:CONN_CAP]
            self._add(rec, gen)
            try:
                conn.close()
            except OSError:
                pass

    def _recv(self, conn, got, size):
        b = conn.recv(size)
        if b:
            got.append(b)
        return b

    def _serve(self, conn, got, rec):
        buf = b""
        while b"\r\n\r\n" not in buf and len(buf) < 65536:
            b = self._recv(conn, got, 65536)
            if not b:
                return
            buf += b
            if not _HTTP.match(buf) and len(buf) >= 16:
                break
        if not _HTTP.match(buf):
            total = len(buf)
            while total < CONN_CAP:
                b = self._recv(conn, got, 65536)
                if not b:
                    return
                total += len(b)
            return
        head, _, body = buf.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        method, path = lines[0].split(b" ")[:2]
        hdr = {}
        for l in lines[1:]:
            k, _, v = l.partition(b":")
            hdr[k.strip().lower()] = v.strip()
        rec["http"] = "%s %s" % (method.decode("latin-1"),
                                 path.decode("latin-1")[:200])
        rec["host"] = hdr.get(b"host", b"").decode("latin-1")
        if hdr.get(b"expect", b"").lower() == b"100-continue":
            conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        if b"content-length" in hdr:
            want = min(int(hdr[b"content-length"] or 0), CONN_CAP)
            while len(body) < want:
                b = self._recv(conn, got, 65536)
                if not b:
                    break
                body += b
        elif hdr.get(b"transfer-encoding", b"").lower() == b"chunked":
            while not body.endswith(b"0\r\n\r\n") and len(body) < CONN_CAP:
                b = self._recv(conn, got, 65536)
                if not b:
                    break
                body += b
        out = payload_for(path) if method in (b"GET", b"HEAD") else b"ok\n"
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: %d\r\nConnection: close\r\n\r\n" %
                     len(out) + (out if method != b"HEAD" else b""))


def net_facts(records, attempts, needles):
    out, toks = [], {}
    for r in records:
        where = "%s %s:%s" % (r["proto"], r.get("dst", r.get("name", "")),
                              r.get("port", 53))
        if r.get("sni"):
            where += " (sni %s)" % r["sni"]
        if r.get("http"):
            where += " %s" % r["http"][:80]
        out.append(where)
        for name in detect.find(r.get("data") or b"", needles):
            toks.setdefault(name, []).append(where)
    for proto, dst, port in attempts:
        out.append("%s %s:%d attempt" % (proto, dst, port))
    return {"net": sorted(set(out))[:50],
            "net_tokens": {k: sorted(set(v)) for k, v in
                           sorted(toks.items())}}


class Process:
    """The listener, as a child process of the worker."""

    def __init__(self, tls, needles):
        lis = Listener(tls)
        a_r, a_w = os.pipe()
        b_r, b_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                import ctypes
                ctypes.CDLL(None).prctl(1, 9, 0, 0, 0)   # PDEATHSIG KILL
                os.close(a_w)
                os.close(b_r)
                lis.serve(a_r, b_w, needles)
            finally:
                os._exit(0)
        os.close(a_r)
        os.close(b_w)
        lis.close_in_child()
        self.pid = pid
        self.ctl = a_w
        self.back = b_r
        self.buf = b""
        self.fds = (a_w, b_r)

    def close_in_child(self):
        for fd in self.fds:
            os.close(fd)

    def close(self):
        os.close(self.ctl)

    def _line(self, timeout=30):
        while b"\n" not in self.buf:
            r, _, _ = select.select([self.back], [], [], timeout)
            if not r:
                raise OSError("the listener does not answer")
            chunk = os.read(self.back, 1 << 20)
            if not chunk:
                raise OSError("the listener died")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line

    def begin(self):
        os.write(self.ctl, b"begin\n")
        if self._line() != b"ok":
            raise OSError("the listener did not start a case")

    def end(self):
        os.write(self.ctl, b"end\n")
        return json.loads(self._line())
