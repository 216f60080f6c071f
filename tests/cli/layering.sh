#!/bin/sh
# tests/cli/layering.sh - the tree keeps its shape (docs/architecture.md):
# one folder per pipeline stage, in a strict stack
#	util < json, shell, git < rules < judge < hook, audit < cli
# read from the sources of src/: a file includes its own folder's headers
# and lower folders' only (so hook/ and audit/ never include each other),
# and calls only functions defined there (a prototype written by hand
# does not get round the stack); every include names its folder; a
# private header (*_int.h) is not included from outside its folder;
# headers live beside their sources (no include/); only git/gitrepo.c
# includes git2.h; and nothing `ccveto` is built from reaches cJSON or
# libgit2, by include, by name, or as linked.
# The checks are tests/cli/layering.py; LAYER_SRC=DIR checks another tree.
# tests/cli/layering_plant.sh plants each kind of violation and wants it
# caught.
. "$TOP/tests/lib.sh"
SRC=${LAYER_SRC:-$TOP/src}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

python3 "$TOP/tests/cli/layering.py" "$SRC" > "$T/out"
cat "$T/out"
n=$(grep -c '^\(not \)\{0,1\}ok' "$T/out")
[ "$n" -ge 9 ] || not_ok "the layering checker ran (python3)"

# The static hook as linked: no cJSON, no libgit2, not its loader.
# libgit2 functions are global (T, W) or undefined (U); a local (t)
# git_* is one of the hook's own static helpers (shell_sinks.c).
if [ -z "${LAYER_SRC:-}" ]; then
	is "\`ccveto\` links no cJSON" \
		"$(nm "$CCVETO" 2>/dev/null | grep -c 'cJSON_')" 0
	is "\`ccveto\` links no libgit2 function" \
		"$(nm "$CCVETO" 2>/dev/null | grep -c ' [TUW] git_[a-z]')" 0
	is "\`ccveto\` holds no libgit2 loader" \
		"$(grep -c 'libgit2' "$CCVETO")" 0
	check "  ... while ccveto-full does (the check can see it)" \
		grep -q 'libgit2' "${CCVETO%/*}/ccveto-full"
fi
done_testing
