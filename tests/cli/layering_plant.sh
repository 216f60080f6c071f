#!/bin/sh
# tests/cli/layering_plant.sh - tests/cli/layering.py catches every kind of
# violation: each case plants one in its own scratch copy of src/ (and
# the Makefile the checker reads), then one checker run reads all copies
# (unchanged files are parsed once) and each case wants its check to
# fail.  The unplanted copy must pass every check.  The copies are
# symbolic links to the real folders and files, so a plant only ever adds
# a new file, with noclobber, in a folder of its own copy: it cannot touch
# the real tree.
. "$TOP/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

cases=0
# plant CHECK-TEXT DESCRIPTION SHELL-COMMAND (run in the copy's top).  The
# copy links every stage folder whole, but the one the command writes in
# (the first src/X/ it names), whose files it links one by one.
plant() {
	cases=$((cases + 1))
	d="$T/c$cases"
	w=$(printf '%s\n' "$3" | sed -n 's#.*src/\([a-z]*\)/.*#\1#p')
	mkdir -p "$d/src" && ln -s "$TOP/Makefile" "$d/Makefile" &&
	for f in "$TOP"/src/*; do
		b=${f##*/}
		if [ "$b" = "$w" ]; then
			mkdir "$d/src/$b" && ln -s "$f"/* "$d/src/$b/" || return 1
		else
			ln -s "$f" "$d/src/$b" || return 1
		fi
	done &&
		(cd "$d" && set -C && eval "$3") ||
		echo "plant failed" > "$d/failed"
	printf '%s\t%s\n' "$1" "$2" > "$d/want"
}

plant "" "the copy as it is passes" ":"
plant "no include goes up" "an upward include (util -> rules)" \
	'printf "#include \"rules/ruleset.h\"\n" > src/util/plant.c'
plant "no include goes up" "a sideways include (shell -> git)" \
	'printf "#include \"git/gitfacts.h\"\n" > src/shell/plant.c'
plant "hook/ and audit/ never" "hook includes audit" \
	'printf "#include \"audit/audit.h\"\n" > src/hook/plant.c'
plant "hook/ and audit/ never" "audit includes hook" \
	'printf "#include \"hook/declog.h\"\n" > src/audit/plant.c'
plant "only git/gitrepo.c includes git2.h" "git2.h outside gitrepo.c" \
	'printf "#include <git2.h>\n" > src/git/plant.c'
plant "nothing the hook" "cJSON included in the hook's folders" \
	'printf "#include <cjson/cJSON.h>\n" > src/judge/plant.c'
plant "nothing the hook" "a cJSON call in the hook's objects, no include" \
	'printf "void cJSON_Delete(void *);\nvoid cv_p(void);\nvoid cv_p(void) { cJSON_Delete(0); }\n" > src/judge/plant.c'
plant "nothing the hook" "a libgit2 call in the hook's objects" \
	'printf "int git_libgit2_init(void);\nint cv_p(void);\nint cv_p(void) { return git_libgit2_init(); }\n" > src/hook/plant.c'
plant "nothing the hook" "a call into a file only ccveto-full links" \
	'printf "void cv_p(void);\nvoid cv_p(void) { gitrepo_count_changes(0, 0, 0, 0); }\n" > src/git/plant.c'
plant "every include names its folder" "an include without its folder" \
	'printf "#include \"buf.h\"\n" > src/util/plant.c'
plant "every include names its folder" "an include through .." \
	'printf "#include \"../util/buf.h\"\n" > src/shell/plant.c'
plant "headers live beside their sources" "a header in include/" \
	'mkdir include && : > include/thing.h'
plant "private headers" "a private header from outside its folder" \
	'printf "#include \"shell/shell_int.h\"\n" > src/judge/plant.c'
plant "no call goes up" "a symbol-level upward call (util -> judge)" \
	'printf "int judge_call();\nint cv_p(void);\nint cv_p(void) { return judge_call(0, 0, 0, 0, 0); }\n" > src/util/plant.c'
plant "no call goes up" "a symbol-level sideways call (hook -> audit)" \
	'printf "void audit_result_init();\nvoid cv_p(void);\nvoid cv_p(void) { audit_result_init(0); }\n" > src/hook/plant.c'
plant "every include names" "a file outside the stage folders" \
	': > src/loose.c'
plant "every folder of src/ is a stage" "a folder that is no stage" \
	'mkdir src/misc && : > src/misc/x.c'

i=0; dirs=
while [ $i -lt $cases ]; do i=$((i + 1)); dirs="$dirs $T/c$i/src"; done
# shellcheck disable=SC2086
python3 "$TOP/tests/cli/layering.py" $dirs > "$T/out"
i=0
while [ $i -lt $cases ]; do
	i=$((i + 1))
	want=$(cut -f1 "$T/c$i/want"); desc=$(cut -f2 "$T/c$i/want")
	sed -n "\\#^== $T/c$i/src\$#,/^== /p" "$T/out" > "$T/r$i"
	if [ -f "$T/c$i/failed" ]; then
		not_ok "$desc: planted"
	elif [ -z "$want" ]; then
		is "$desc" "$(grep -c '^not ok' "$T/r$i")" 0
	else
		check "$desc: caught" grep -q "^not ok [0-9]* - $want" "$T/r$i"
	fi
done
done_testing
