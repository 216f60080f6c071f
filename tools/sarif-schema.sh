#!/bin/sh
# tools/sarif-schema.sh DIR - puts the full OASIS SARIF 2.1.0 JSON schema
# (sarif-2.1.0-rtm.5.json, the final 2.1.0 schema) in DIR, for
# tests/cli/sarif.sh.  It comes from the npm package @microsoft/jest-sarif
# (pinned version; npm checks the tarball against the registry's
# integrity hash) and is checked against the sha256 below, so a test run
# needs no network: .ci/run calls this once, before `make test`.
set -eu
PKG=@microsoft/jest-sarif@1.0.0-beta.0
FILE=package/lib/schemas/sarif-2.1.0-rtm.5.json
SHA256=2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8
dir=${1:?usage: tools/sarif-schema.sh DIR}
out="$dir/sarif-schema-2.1.0.json"
mkdir -p "$dir"
if [ -f "$out" ] && echo "$SHA256  $out" | sha256sum -c - > /dev/null 2>&1
then
	echo "$out"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
(cd "$tmp" && npm pack --silent "$PKG" > /dev/null)
tar -xzf "$tmp"/*.tgz -C "$tmp" "$FILE"
echo "$SHA256  $tmp/$FILE" | sha256sum -c - > /dev/null || {
	echo "tools/sarif-schema.sh: $PKG's schema is not the expected one" >&2
	exit 1
}
mv "$tmp/$FILE" "$out"
echo "$out"
