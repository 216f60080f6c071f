#!/usr/bin/env python3
# tests/cli/layering.py SRC... - the checks of tests/cli/layering.sh over
# one or more trees (several: each after a line "== SRC"; that is how
# tests/cli/layering_plant.sh checks all its planted copies in one run).
# Prints TAP lines, one per check, with the offending lines under it.
import os, re, sys

rank = {'util': 0, 'json': 1, 'shell': 1, 'git': 1, 'rules': 2,
        'judge': 3, 'hook': 4, 'audit': 4, 'cli': 5}
# The folders `ccveto` is built from (Makefile HOOK_DIRS); the files there
# that only ccveto-full links are read from the Makefile's FULL_ONLY.
hook_dirs = ('util', 'json', 'shell', 'git', 'rules', 'judge', 'hook')
cjson_door = ('json/jdoc.c', 'json/jdoc.h')

strip_re = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|'
                      r"'(?:\\.|[^'\\\n])*'", re.S)
inc_line = re.compile(r'^[ \t]*#[ \t]*include\b', re.M)
inc_re = re.compile(r'[ \t]*#[ \t]*include[ \t]*([<"])([^>"\n]+)[>"]')
cpp_re = re.compile(r'^[ \t]*#.*$', re.M)
call_re = re.compile(r'\b([A-Za-z_]\w*)\s*\(')
weak_re = re.compile(r'^[ \t]*#[ \t]*pragma[ \t]+weak[ \t]+(\w+)', re.M)
fn_def = re.compile(r'^(?!static\b|extern\b|typedef\b|#)[A-Za-z_][\w \t*]*?'
                    r'\b([a-z_]\w*)\s*\([^;{}]*\)\s*\{', re.M)
fn_static = re.compile(r'^static\b[^;{}=]*?\b([A-Za-z_]\w*)\s*\(', re.M)


def strip(text):
    """Comments, strings and character constants out; lines kept."""
    return strip_re.sub(lambda m: '""' if m.group(0)[0] in '"\'' else
                        '\n' * m.group(0).count('\n'), text)


parsed = {}


def parse(text):
    """What the checks need of one file; the same text is parsed once."""
    p = parsed.get(text)
    if p:
        return p
    code = strip(text)
    lines = text.split('\n')
    incs = []
    for m in inc_line.finditer(code):
        ln = code.count('\n', 0, m.start()) + 1
        # the name as written (strip() emptied the inside of "...")
        w = inc_re.match(lines[ln - 1])
        if w:
            incs.append((ln, w.group(1), w.group(2), w.group(0).strip()))
    body = cpp_re.sub('', code)
    first = {}
    for m in call_re.finditer(body):
        first.setdefault(m.group(1), m.start())
    calls = [(name, body.count('\n', 0, pos) + 1)
             for name, pos in first.items()]
    p = {'incs': incs, 'calls': calls,
         'defs': [d for d in fn_def.findall(code) if d != 'main'],
         'statics': set(fn_static.findall(code)),
         'weak': set(weak_re.findall(code)),
         'soname': 'CV_GIT2_SONAME' in code}
    parsed[text] = p
    return p


def full_only_of(top):
    try:
        mk = open(os.path.join(top, 'Makefile')).read().replace('\\\n', ' ')
    except OSError:
        mk = ''
    m = re.search(r'^FULL_ONLY\s*:?=(.*)$', mk, re.M)
    if m:
        return {w[len('src/'):] for w in m.group(1).split()}
    return {'json/jdoc.c', 'json/jsonloc.c', 'git/gitrepo.c', 'git/source.c'}


def check(src):
    top = os.path.dirname(os.path.abspath(src))
    full_only = full_only_of(top)
    out = []

    def report(desc, bad):
        k = sum(1 for l in out if not l.startswith('#')) + 1
        if bad:
            out.append('not ok %d - %s' % (k, desc))
            out.extend('#   ' + b for b in bad)
        else:
            out.append('ok %d - %s' % (k, desc))

    files, unknown, naming, upward, hookaudit, private, git2, cjson, \
        incdir, calls = [], [], [], [], [], [], [], [], [], []
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
    inc = os.path.join(top, 'include')
    if os.path.isdir(inc):
        for r, _, fs in os.walk(inc):
            for f in fs:
                incdir.append(os.path.relpath(os.path.join(r, f), top))
    info = {}
    for f in files:
        with open(os.path.join(src, f), errors='replace') as fh:
            info[f] = parse(fh.read())

    def in_hook(f):
        return f.split('/')[0] in hook_dirs and f not in full_only and \
            f[:-2] + '.c' not in full_only

    for f in files:
        d = f.split('/')[0]
        for ln, kind, h, line in info[f]['incs']:
            where = '%s:%d: %s' % (f, ln, line)
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
            if h == 'json/jdoc.h' and f not in cjson_door and \
               d in hook_dirs:
                cjson.append(where + ' (the cJSON door)')

    # Symbols: every function defined with external linkage, by folder;
    # a call from a folder to one defined higher or beside it is an upward
    # edge whatever the includes say (a prototype written by hand).
    # `#pragma weak NAME` is an optional reference (git/stake_exec.c).
    defs = {}
    for f in files:
        if f.endswith('.c'):
            for name in info[f]['defs']:
                defs.setdefault(name, set()).add(f)
    for f in files:
        d, p, hook = f.split('/')[0], info[f], in_hook(f)
        for name, ln in p['calls']:
            if name in p['statics'] or name in p['weak']:
                continue
            where = '%s:%d: %s()' % (f, ln, name)
            if hook and (name.startswith('cJSON_') or
                         name.startswith('git_') and name not in defs):
                cjson.append(where + " (cJSON or libgit2 in the hook's "
                             "objects)")
                continue
            for g in sorted(defs.get(name, ())):
                gd = g.split('/')[0]
                if gd != d and rank[gd] >= rank[d]:
                    calls.append(where + ' defined in %s' % g)
                elif hook and not in_hook(g) and gd in hook_dirs:
                    cjson.append(where + ' defined in %s, which only '
                                 'ccveto-full links' % g)
        if hook and p['soname']:
            cjson.append(f + ': names the libgit2 library (CV_GIT2_SONAME)')

    report('every folder of src/ is a stage (%d files)' % len(files),
           unknown)
    report('every include names its folder: "stage/file.h"', naming)
    report('no include goes up or sideways in the stack', upward)
    report('hook/ and audit/ never include each other', hookaudit)
    report('private headers (*_int.h) stay in their folder', private)
    report('only git/gitrepo.c includes git2.h', git2)
    report("nothing the hook is built from reaches cJSON or libgit2", cjson)
    report('headers live beside their sources (no include/)', incdir)
    report('no call goes up or sideways in the stack (%d functions)'
           % len(defs), calls)
    return out


if __name__ == '__main__':
    for src in sys.argv[1:]:
        if len(sys.argv) > 2:
            print('== ' + src)
        print('\n'.join(check(src)))
