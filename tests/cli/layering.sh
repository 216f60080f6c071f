#!/bin/sh
# tests/cli/layering.sh - the tree keeps its shape (docs/architecture.md):
# one folder per pipeline stage, in a strict stack
#	util < json, shell, git < rules < judge < hook, audit < cli
# read from the #include lines of src/: a file includes its own folder's
# headers and lower folders' only (so hook/ and audit/ never include each
# other), every include names its folder, a private header (*_int.h) is
# not included from outside its folder, only git/gitrepo.c includes
# git2.h, and nothing `ccveto` is built from reaches cJSON or libgit2.
# LAYER_SRC=DIR checks another tree (how the test is shown to fail).
. "$TOP/tests/lib.sh"
SRC=${LAYER_SRC:-$TOP/src}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

python3 - "$SRC" > "$T/out" <<'PY'
import os, re, sys
src = sys.argv[1]
rank = {'util': 0, 'json': 1, 'shell': 1, 'git': 1, 'rules': 2,
        'judge': 3, 'hook': 4, 'audit': 4, 'cli': 5}
# The folders `ccveto` is built from (Makefile HOOK_DIRS) and the files
# there that only ccveto-full links (FULL_ONLY): cJSON's door.
hook_dirs = ('util', 'json', 'shell', 'git', 'rules', 'judge', 'hook')
cjson_door = ('json/jdoc.c', 'json/jdoc.h')
n = 0
def report(desc, bad):
    global n
    n += 1
    if bad:
        print('not ok %d - %s' % (n, desc))
        for b in bad:
            print('#   ' + b)
    else:
        print('ok %d - %s' % (n, desc))
files, unknown, naming, upward, hookaudit, private, git2, cjson = \
    [], [], [], [], [], [], [], []
for d in sorted(os.listdir(src)):
    p = os.path.join(src, d)
    if not os.path.isdir(p):
        naming.append('%s: a file outside the stage folders' % d)
        continue
    if d not in rank:
        unknown.append('src/%s/ is not a stage of the stack' % d)
        continue
    for f in sorted(os.listdir(p)):
        if f.endswith(('.c', '.h')):
            files.append(d + '/' + f)
for f in files:
    d = f.split('/')[0]
    for ln, line in enumerate(open(os.path.join(src, f)), 1):
        m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
        if not m:
            continue
        where = '%s:%d: %s' % (f, ln, line.strip())
        kind, h = m.groups()
        if kind == '<':
            if h == 'git2.h' and f != 'git/gitrepo.c':
                git2.append(where)
            if h.startswith('cjson/') and f not in cjson_door and \
               d in hook_dirs:
                cjson.append(where)
            continue
        parts = h.split('/')
        if len(parts) != 2 or parts[0] not in rank or \
           not os.path.isfile(os.path.join(src, h)):
            naming.append(where + ' (want "stage/file.h" under src/)')
            continue
        hd = parts[0]
        if hd != d and rank[hd] >= rank[d]:
            upward.append(where + ' (%s may not include %s)' % (d, hd))
            if {d, hd} == {'hook', 'audit'}:
                hookaudit.append(where)
        if hd != d and parts[1].endswith('_int.h'):
            private.append(where + ' (private to %s/)' % hd)
        if h == 'json/jdoc.h' and f not in cjson_door and d in hook_dirs:
            cjson.append(where + ' (the cJSON door)')
report('every folder of src/ is a stage (%d files)' % len(files), unknown)
report('every include names its folder: "stage/file.h"', naming)
report('no include goes up or sideways in the stack', upward)
report('hook/ and audit/ never include each other', hookaudit)
report('private headers (*_int.h) stay in their folder', private)
report('only git/gitrepo.c includes git2.h', git2)
report("no file of the hook's folders includes cJSON", cjson)
PY
cat "$T/out"
n=$(grep -c '^\(not \)\{0,1\}ok' "$T/out")
[ "$n" -ge 7 ] || not_ok "the include checker ran (python3)"

# The static hook as linked: no cJSON, and not the libgit2 loader.
if [ -z "${LAYER_SRC:-}" ]; then
	is "\`ccveto\` links no cJSON" \
		"$(nm "$CCVETO" 2>/dev/null | grep -c 'cJSON_')" 0
	is "\`ccveto\` holds no libgit2 loader" \
		"$(grep -c 'libgit2' "$CCVETO")" 0
	check "  ... while ccveto-full does (the check can see it)" \
		grep -q 'libgit2' "${CCVETO%/*}/ccveto-full"
fi
done_testing
