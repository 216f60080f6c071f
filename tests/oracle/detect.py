"""detect.py - finds canary tokens in bytes, whatever the encoding.

A secret counts as exposed when its token appears in what a command
printed, wrote or sent: literally, reversed, rot13, as hex (xxd, od -tx1,
.hex()), base64 (any alignment, wrapped or not, standard or URL-safe),
and inside gzip, bzip2, xz, zlib (git objects and packs) or zip data,
recursively to a small depth.  Whitespace is removed first so that dumps
that space or wrap their output (xxd, od -c, base64 -w76) still match:
fixture.blob() puts a token on every line at a shifting offset so at
least one copy sits inside any 16-byte dump line.
"""
import base64
import binascii
import encodings.cp437  # noqa: F401  zipfile needs it after the pivot
import bz2
import io
import lzma
import re
import zipfile
import zlib

MAX_INFLATE = 16 << 20
MAX_DEPTH = 3
_WS = b" \t\r\n\v\f"
_B64_RUN = re.compile(rb"[A-Za-z0-9+/_-]{16,}={0,2}")
_ROT13 = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    b"NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm")


class Needles:
    """The forms each token is searched in; name -> list of byte strings."""

    def __init__(self, tokens):
        self.forms = {}
        for name, tok in sorted(tokens.items()):
            t = tok.encode() if isinstance(tok, str) else tok
            hx = binascii.hexlify(t)
            self.forms[name] = [t, t[::-1], t.translate(_ROT13), hx,
                                hx.upper()]

    def scan_plain(self, data, found):
        for name, forms in self.forms.items():
            if name not in found and any(f in data for f in forms):
                found.add(name)


def _inflate(data, wbits):
    d = zlib.decompressobj(wbits)
    try:
        return d.decompress(data, MAX_INFLATE)
    except zlib.error:
        return b""


def _members(data):
    """Decompressed streams found in data (each at most MAX_INFLATE)."""
    out = []
    pos = data.find(b"\x1f\x8b\x08")
    n = 0
    while pos >= 0 and n < 8:
        out.append(_inflate(data[pos:], 16 + zlib.MAX_WBITS))
        pos = data.find(b"\x1f\x8b\x08", pos + 3)
        n += 1
    pos = data.find(b"BZh")
    if pos >= 0:
        try:
            out.append(bz2.BZ2Decompressor().decompress(data[pos:],
                                                        MAX_INFLATE))
        except (OSError, ValueError, EOFError):
            pass
    pos = data.find(b"\xfd7zXZ\x00")
    if pos >= 0:
        try:
            out.append(lzma.LZMADecompressor().decompress(data[pos:],
                                                          MAX_INFLATE))
        except (lzma.LZMAError, EOFError):
            pass
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist()[:64]:
                    if info.file_size <= MAX_INFLATE:
                        out.append(z.read(info))
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError,
                NotImplementedError, EOFError, zlib.error):
            pass
    if data[:4] == b"PACK":
        out.extend(pack_objects(data))
    elif data[:1] == b"\x78":
        out.append(_inflate(data, zlib.MAX_WBITS))
    return [m for m in out if m]


def pack_objects(data):
    """The inflated objects of a git pack (deltas stay deltas: their
    inserted literal bytes are still searchable)."""
    out = []
    if len(data) < 12:
        return out
    count = int.from_bytes(data[8:12], "big")
    pos = 12
    for _ in range(min(count, 4096)):
        if pos >= len(data):
            break
        c = data[pos]
        pos += 1
        typ = (c >> 4) & 7
        while c & 0x80 and pos < len(data):
            c = data[pos]
            pos += 1
        if typ == 6:            # ofs-delta: a varint offset
            c = 0x80
            while c & 0x80 and pos < len(data):
                c = data[pos]
                pos += 1
        elif typ == 7:          # ref-delta: a 20-byte id
            pos += 20
        d = zlib.decompressobj()
        try:
            out.append(d.decompress(data[pos:], MAX_INFLATE))
        except zlib.error:
            break
        if not d.eof:
            break
        pos = len(data) - len(d.unused_data)
    return out


def _b64_decodings(stripped):
    out = []
    for m in _B64_RUN.finditer(stripped):
        run = m.group(0).rstrip(b"=").replace(b"-", b"+").replace(b"_", b"/")
        for off in range(4):
            chunk = run[off:]
            chunk = chunk[:len(chunk) - len(chunk) % 4]
            if len(chunk) < 12:
                continue
            try:
                out.append(base64.b64decode(chunk, validate=True))
            except (binascii.Error, ValueError):
                pass
        if len(out) > 4096:
            break
    return out


def find(data, needles, depth=0, found=None):
    """The names of the tokens in data (a set)."""
    if found is None:
        found = set()
    if not data or depth > MAX_DEPTH:
        return found
    needles.scan_plain(data, found)
    stripped = data.translate(None, _WS)
    if len(stripped) != len(data):
        needles.scan_plain(stripped, found)
    if len(found) == len(needles.forms):
        return found
    for m in _members(data):
        find(m, needles, depth + 1, found)
    for dec in _b64_decodings(stripped):
        needles.scan_plain(dec, found)
        if depth < MAX_DEPTH and (dec[:3] == b"\x1f\x8b\x08" or
                                  dec[:3] == b"BZh" or
                                  dec[:4] == b"PK\x03\x04" or
                                  dec[:6] == b"\xfd7zXZ\x00"):
            find(dec, needles, depth + 1, found)
    return found
