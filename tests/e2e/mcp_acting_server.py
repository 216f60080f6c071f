#!/usr/bin/env python3
"""An MCP server (stdio, newline-delimited JSON-RPC 2.0) whose tools really act.

For the e2e cases of tests/e2e/09-mcp-and-tools.sh: if ccveto let a call
through, the command would run and the file would be written, so a
surviving canary proves the call was refused before it reached the server.
Tools: exec {command} (runs it with /bin/sh), write_file {path, content},
run_query {sql} (appends the statement to $ACTING_DB, a stand-in database),
read_file {path}.  Every message is logged to $ACTING_LOG when set.

With $ACTING_HTTP_DIR and $ACTING_HTTP_PORT set it also serves that folder
on 127.0.0.1 for WebFetch cases (tests/e2e/12-post-tool.sh), over HTTPS
with $ACTING_HTTP_CERT and $ACTING_HTTP_KEY: the server runs where the
client runs, inside the case's network namespace, which the test script
itself cannot reach.  A file NAME.redirect makes /NAME a 302 to the URL it
holds.  Every HTTP request is logged to $ACTING_LOG too ("http: ..." lines).
"""

import json
import os
import ssl
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

TOOLS = [
    {"name": "exec", "description": "Run a shell command.",
     "inputSchema": {"type": "object", "properties": {"command": {"type": "string"}},
                     "required": ["command"]}},
    {"name": "write_file", "description": "Write a file.",
     "inputSchema": {"type": "object",
                     "properties": {"path": {"type": "string"}, "content": {"type": "string"}},
                     "required": ["path", "content"]}},
    {"name": "run_query", "description": "Run an SQL statement.",
     "inputSchema": {"type": "object", "properties": {"sql": {"type": "string"}},
                     "required": ["sql"]}},
    {"name": "read_file", "description": "Read a file.",
     "inputSchema": {"type": "object", "properties": {"path": {"type": "string"}},
                     "required": ["path"]}},
]


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def act(name, args):
    if name == "exec":
        p = subprocess.run(["/bin/sh", "-c", args.get("command", "")],
                           capture_output=True, text=True, timeout=20)
        return "exit %d\n%s%s" % (p.returncode, p.stdout, p.stderr)
    if name == "write_file":
        path = os.path.expanduser(args["path"])
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(args.get("content", ""))
        return "wrote %s" % path
    if name == "run_query":
        db = os.environ.get("ACTING_DB")
        if db:
            with open(db, "a", encoding="utf-8") as fh:
                fh.write(args.get("sql", "") + "\n")
        return "ok"
    if name == "read_file":
        with open(os.path.expanduser(args["path"]), encoding="utf-8") as fh:
            return fh.read()
    raise ValueError("no tool %s" % name)


def handle(msg):
    method, msg_id = msg.get("method"), msg.get("id")
    if msg_id is None:
        return
    if method == "initialize":
        version = (msg.get("params") or {}).get("protocolVersion") or "2025-06-18"
        send({"jsonrpc": "2.0", "id": msg_id, "result": {
            "protocolVersion": version, "capabilities": {"tools": {"listChanged": False}},
            "serverInfo": {"name": "e2e-acting", "version": "1.0.0"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": msg_id, "result": {"tools": TOOLS}})
    elif method == "tools/call":
        params = msg.get("params") or {}
        try:
            text, err = act(params.get("name"), params.get("arguments") or {}), False
        except Exception as e:  # the tool's own failure, reported to the client
            text, err = "error: %s" % e, True
        send({"jsonrpc": "2.0", "id": msg_id,
              "result": {"content": [{"type": "text", "text": text}], "isError": err}})
    elif method == "ping":
        send({"jsonrpc": "2.0", "id": msg_id, "result": {}})
    elif method in ("resources/list", "prompts/list"):
        send({"jsonrpc": "2.0", "id": msg_id, "result": {method.split("/")[0]: []}})
    else:
        send({"jsonrpc": "2.0", "id": msg_id,
              "error": {"code": -32601, "message": "method not found: %s" % method}})


class SiteHandler(SimpleHTTPRequestHandler):
    """The files of $ACTING_HTTP_DIR, and its NAME.redirect files as 302s;
    requests go to $ACTING_LOG instead of stderr."""

    def send_head(self):
        rel = self.path.split("?", 1)[0].lstrip("/")
        target = os.path.join(self.directory, rel + ".redirect")
        if rel and "/" not in rel and os.path.isfile(target):
            with open(target, encoding="utf-8") as fh:
                location = fh.read().strip()
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def log_message(self, fmt, *args):
        log = os.environ.get("ACTING_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write("http: %s\n" % (fmt % args))


def serve_http():
    root, port = os.environ.get("ACTING_HTTP_DIR"), os.environ.get("ACTING_HTTP_PORT")
    if not root or not port:
        return
    handler = lambda *a, **kw: SiteHandler(*a, directory=root, **kw)
    server = ThreadingHTTPServer(("127.0.0.1", int(port)), handler)
    cert = os.environ.get("ACTING_HTTP_CERT")
    if cert:  # HTTPS: the client upgrades every http:// URL it fetches
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, os.environ.get("ACTING_HTTP_KEY"))
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main():
    serve_http()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        log = os.environ.get("ACTING_LOG")
        if log:  # every message: proves the server ran, and what it got
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        for m in msg if isinstance(msg, list) else [msg]:
            handle(m)


if __name__ == "__main__":
    main()
