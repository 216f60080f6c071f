#!/usr/bin/env python3
"""Validates a SARIF file against sarif-schema-subset.json and checks
the cross-references a JSON Schema cannot express (ruleIndex points at
the rule with the same id).  Exit 0 valid, 1 invalid, 77 no validator."""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.exit(77)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "sarif-schema-subset.json")) as f:
    schema = json.load(f)
with open(sys.argv[1]) as f:
    doc = json.load(f)
try:
    jsonschema.validate(doc, schema)
except jsonschema.ValidationError as e:
    print("invalid:", e.message, list(e.absolute_path))
    sys.exit(1)
for run in doc["runs"]:
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        print("duplicate rule ids")
        sys.exit(1)
    for res in run["results"]:
        i = res.get("ruleIndex")
        if i is not None and (i >= len(rules) or rules[i]["id"] != res["ruleId"]):
            print("ruleIndex mismatch for", res["ruleId"])
            sys.exit(1)
sys.exit(0)
