#!/usr/bin/env python3
"""Validates a SARIF file for GitHub code scanning.

usage: validate_sarif.py FILE [--schema FULL-SCHEMA]

1. sarif-schema-subset.json: the parts code scanning requires (written
   for ccveto's tests: rule ids, security-severity, locations).
2. With --schema, the full OASIS SARIF 2.1.0 schema (draft-04), as
   tools/sarif-schema.sh installs it.
3. What no JSON schema can say: ruleIndex points at the rule with the
   same id; every artifact URI is a relative reference (no scheme, no
   leading '/', no '..') under a uriBaseId that run.originalUriBaseIds
   defines with an absolute, '/'-terminated file: URI; columnKind is
   set; informationUri and helpUri, when present, are absolute https
   URLs.

Exit 0 valid, 1 invalid, 77 no validator (python3-jsonschema missing)."""
import json
import os
import re
import sys
from urllib.parse import urlsplit

try:
    import jsonschema
except ImportError:
    sys.exit(77)


def fail(msg):
    print("invalid:", msg)
    sys.exit(1)


def check_schema(doc, schema, name):
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        fail("%s: %s at %s (%d errors)" % (name, e.message,
                                            list(e.absolute_path),
                                            len(errors)))


def check_https(where, uri):
    u = urlsplit(uri)
    if u.scheme != "https" or not u.netloc:
        fail("%s is not an absolute https URL: %r" % (where, uri))


def check_location(where, loc, bases):
    art = loc.get("physicalLocation", {}).get("artifactLocation")
    if art is None:
        return
    uri = art.get("uri", "")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri):
        fail("%s: artifact uri %r has a scheme (absolute)" % (where, uri))
    if uri.startswith("/"):
        fail("%s: artifact uri %r starts with '/'" % (where, uri))
    if ".." in uri.split("/"):
        fail("%s: artifact uri %r climbs with '..'" % (where, uri))
    base = art.get("uriBaseId")
    if base is None:
        fail("%s: artifact uri %r has no uriBaseId" % (where, uri))
    if base not in bases:
        fail("%s: uriBaseId %r is not in originalUriBaseIds" % (where, base))


def main():
    args = sys.argv[1:]
    full = None
    if "--schema" in args:
        i = args.index("--schema")
        full = args[i + 1]
        del args[i:i + 2]
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "sarif-schema-subset.json")) as f:
        subset = json.load(f)
    with open(args[0]) as f:
        doc = json.load(f)
    check_schema(doc, subset, "subset")
    if full:
        with open(full) as f:
            check_schema(doc, json.load(f), "SARIF 2.1.0 schema")
    for n, run in enumerate(doc["runs"]):
        driver = run["tool"]["driver"]
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        if len(set(ids)) != len(ids):
            fail("duplicate rule ids")
        if "informationUri" in driver:
            check_https("informationUri", driver["informationUri"])
        for r in rules:
            if "helpUri" in r:
                check_https("helpUri of " + r["id"], r["helpUri"])
        if run.get("columnKind") not in ("unicodeCodePoints",
                                         "utf16CodeUnits"):
            fail("run %d: no columnKind" % n)
        bases = run.get("originalUriBaseIds", {})
        for name, b in bases.items():
            uri = b.get("uri")
            if uri is not None and (not uri.startswith("file:///") or
                                    not uri.endswith("/")):
                fail("originalUriBaseIds %s: %r is not an absolute "
                     "file:/// directory" % (name, uri))
        for res in run["results"]:
            i = res.get("ruleIndex")
            if i is not None and (i >= len(rules) or
                                  rules[i]["id"] != res["ruleId"]):
                fail("ruleIndex mismatch for " + res["ruleId"])
            for loc in res.get("locations", []):
                check_location(res["ruleId"], loc, bases)
        for inv in run.get("invocations", []):
            for note in inv.get("toolExecutionNotifications", []):
                for loc in note.get("locations", []):
                    check_location("notification", loc, bases)
    sys.exit(0)


main()
