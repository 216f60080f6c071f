/* argv_table.c - option grammars, as data, for argv.c (see argv.h).
 *
 * A row: program, subcommand (NULL: the program's own options, before
 * any subcommand), parsing style, row flags, and the options, separated
 * by spaces.  An option is
 *
 *	[ROLE] [LETTER,] [LONG] [ARITY]
 *
 *	ROLE	'^' it only prints help or a version; '!' a dry run
 *		(unless its value is none/false/0/no/off)
 *	LETTER	the short option ("f,force"; "D," has no long name)
 *	ARITY	'=' takes a value (attached or the next word); '?' takes an
 *		optional value, attached only; none: a flag
 *
 * Two rows may give one long name to two letters ("r,recursive
 * R,recursive"): the same option, never ambiguous.
 *
 * git's subcommand rows are `git CMD -h` of git 2.39 (every option the
 * usage lists, which is what abbreviations are resolved against: an
 * option missing here could make a prefix look unique that git refuses
 * as ambiguous, the safe way round).  The others are from each program's
 * --help.  Keep the rows of a program together and in this order: the
 * lookup is linear and stops at the first match. */
#include "shell/argv_int.h"

#include <stddef.h>

/* git's own options (git.c handle_options: exact names only, no
 * abbreviation, -C and -c take a separate word). */
#define GIT_GLOBAL "C,= c,= config-env= exec-path? ^html-path ^man-path " \
	"^info-path p,paginate P,no-pager no-replace-objects git-dir= " \
	"work-tree= namespace= super-prefix= bare literal-pathspecs " \
	"glob-pathspecs noglob-pathspecs icase-pathspecs no-optional-locks " \
	"^list-cmds= attr-source= no-advice no-lazy-fetch ^h,help ^v,version"

const struct argv_grammar argv_grammars[] = {
	{ "git", NULL, ARGV_STYLE_GITMAIN, ARGV_G_SUB, GIT_GLOBAL },
	{ "git", "push", ARGV_STYLE_GIT, 0,
	  "v,verbose q,quiet repo= all branches mirror d,delete tags "
	  "!n,dry-run porcelain f,force force-with-lease? force-if-includes "
	  "recurse-submodules= thin receive-pack= exec= u,set-upstream "
	  "progress prune no-verify follow-tags signed? atomic "
	  "o,push-option= 4,ipv4 6,ipv6" },
	{ "git", "reset", ARGV_STYLE_GIT, 0,
	  "q,quiet no-refresh mixed soft hard merge keep "
	  "recurse-submodules? p,patch N,intent-to-add pathspec-from-file= "
	  "pathspec-file-nul" },
	{ "git", "clean", ARGV_STYLE_GIT, 0,
	  "q,quiet !n,dry-run f,force i,interactive d, e,exclude= x, X," },
	{ "git", "checkout", ARGV_STYLE_GIT, 0,
	  "b,= B,= l, guess overlay q,quiet recurse-submodules? progress "
	  "m,merge conflict= d,detach t,track? f,force orphan= "
	  "overwrite-ignore ignore-other-worktrees 2,ours 3,theirs p,patch "
	  "ignore-skip-worktree-bits pathspec-from-file= pathspec-file-nul" },
	{ "git", "switch", ARGV_STYLE_GIT, 0,
	  "c,create= C,force-create= guess discard-changes q,quiet "
	  "recurse-submodules? progress m,merge conflict= d,detach t,track? "
	  "f,force orphan= overwrite-ignore ignore-other-worktrees" },
	{ "git", "restore", ARGV_STYLE_GIT, 0,
	  "s,source= S,staged W,worktree ignore-unmerged overlay q,quiet "
	  "recurse-submodules? progress m,merge conflict= 2,ours 3,theirs "
	  "p,patch ignore-skip-worktree-bits pathspec-from-file= "
	  "pathspec-file-nul" },
	{ "git", "branch", ARGV_STYLE_GIT, 0,
	  "v,verbose q,quiet t,track? u,set-upstream-to= unset-upstream "
	  "color? r,remotes contains= no-contains= abbrev? a,all d,delete D, "
	  "m,move M, c,copy C, l,list show-current create-reflog "
	  "edit-description f,force merged= no-merged= column? sort= "
	  "points-at= i,ignore-case recurse-submodules format=" },
	{ "git", "stash", ARGV_STYLE_GIT, ARGV_G_SUBSUB,
	  "k,keep-index S,staged p,patch q,quiet u,include-untracked a,all "
	  "m,message= pathspec-from-file= pathspec-file-nul" },
	{ "git", "stash drop", ARGV_STYLE_GIT, 0, "q,quiet" },
	{ "git", "stash clear", ARGV_STYLE_GIT, 0, "" },
	{ "git", "stash pop", ARGV_STYLE_GIT, 0, "q,quiet index" },
	{ "git", "stash apply", ARGV_STYLE_GIT, 0, "q,quiet index" },
	{ "git", "stash push", ARGV_STYLE_GIT, 0,
	  "k,keep-index S,staged p,patch q,quiet u,include-untracked a,all "
	  "m,message= pathspec-from-file= pathspec-file-nul" },
	{ "git", "stash save", ARGV_STYLE_GIT, 0,
	  "k,keep-index S,staged p,patch q,quiet u,include-untracked a,all "
	  "m,message=" },
	{ "git", "stash list", ARGV_STYLE_GIT, 0, "" },
	{ "git", "stash show", ARGV_STYLE_GIT, 0,
	  "u,include-untracked only-untracked" },
	{ "git", "rebase", ARGV_STYLE_GIT, 0,
	  "onto= keep-base no-verify q,quiet v,verbose n,no-stat signoff "
	  "committer-date-is-author-date reset-author-date C,= "
	  "ignore-whitespace whitespace= f,force-rebase no-ff continue skip "
	  "abort quit edit-todo show-current-patch apply m,merge "
	  "i,interactive rerere-autoupdate empty= autosquash update-refs "
	  "S,gpg-sign? autostash x,exec= r,rebase-merges? fork-point "
	  "s,strategy= X,strategy-option= root reschedule-failed-exec "
	  "reapply-cherry-picks" },
	{ "git", "update-ref", ARGV_STYLE_GIT, 0,
	  "m,= d, no-deref z, stdin create-reflog" },
	{ "git", "reflog", ARGV_STYLE_GIT, ARGV_G_SUBSUB, "" },
	{ "git", "reflog expire", ARGV_STYLE_GIT, 0,
	  "!n,dry-run rewrite updateref verbose expire= expire-unreachable= "
	  "stale-fix all single-worktree" },
	{ "git", "reflog delete", ARGV_STYLE_GIT, 0,
	  "!n,dry-run rewrite updateref verbose" },
	{ "git", "gc", ARGV_STYLE_GIT, 0,
	  "q,quiet prune? cruft aggressive auto force keep-largest-pack" },
	{ "git", "prune", ARGV_STYLE_GIT, 0,
	  "!n,dry-run v,verbose progress expire= exclude-promisor-objects" },
	{ "git", "rm", ARGV_STYLE_GIT, 0,
	  "!n,dry-run q,quiet cached f,force r, ignore-unmatch sparse "
	  "pathspec-from-file= pathspec-file-nul" },
	{ "git", "tag", ARGV_STYLE_GIT, 0,
	  "l,list n,? d,delete v,verify a,annotate m,message= F,file= e,edit "
	  "s,sign cleanup= u,local-user= f,force create-reflog column? "
	  "contains= no-contains= merged= no-merged= sort= points-at= "
	  "format= color? i,ignore-case" },
	{ "git", "merge", ARGV_STYLE_GIT, 0,
	  "n, stat summary log? squash commit e,edit cleanup= ff ff-only "
	  "rerere-autoupdate verify-signatures s,strategy= "
	  "X,strategy-option= m,message= F,file= into-name= v,verbose "
	  "q,quiet abort quit continue allow-unrelated-histories progress "
	  "S,gpg-sign? autostash overwrite-ignore signoff no-verify" },
	{ "git", "worktree", ARGV_STYLE_GIT, ARGV_G_SUBSUB, "" },
	{ "git", "worktree remove", ARGV_STYLE_GIT, 0, "f,force" },
	{ "git", "worktree prune", ARGV_STYLE_GIT, 0,
	  "!n,dry-run v,verbose expire=" },
	/* A shell script: getopts of its own, no abbreviation. */
	{ "git", "filter-branch", ARGV_STYLE_EXACT, 0,
	  "setup= subdirectory-filter= env-filter= tree-filter= "
	  "index-filter= parent-filter= msg-filter= commit-filter= "
	  "tag-name-filter= original= d,= f,force state-branch= "
	  "prune-empty ^h,help" },

	/* GNU coreutils rm (getopt_long). */
	{ "rm", NULL, ARGV_STYLE_GNU, 0,
	  "f,force i, I, interactive? one-file-system no-preserve-root "
	  "preserve-root? r,recursive R,recursive d,dir v,verbose ^help "
	  "^version" },

	/* terraform and tofu: Go's flag package (-name or --name, no
	 * clusters, no abbreviation, options end at the first operand). */
	{ "terraform", NULL, ARGV_STYLE_GOFLAG, ARGV_G_SUB,
	  "chdir= ^help ^h, ^version ^v," },
	{ "terraform", "apply", ARGV_STYLE_GOFLAG, 0,
	  "auto-approve backup= compact-warnings destroy lock lock-timeout= "
	  "input no-color parallelism= refresh refresh-only replace= state= "
	  "state-out= target= var= var-file= json ^help ^h," },
	{ "terraform", "destroy", ARGV_STYLE_GOFLAG, 0,
	  "auto-approve backup= compact-warnings lock lock-timeout= input "
	  "no-color parallelism= refresh state= state-out= target= var= "
	  "var-file= json ^help ^h," },
	{ "terraform", "plan", ARGV_STYLE_GOFLAG, 0,
	  "destroy refresh-only refresh replace= target= var= var-file= "
	  "compact-warnings detailed-exitcode input lock lock-timeout= "
	  "no-color out= parallelism= state= json generate-config-out= "
	  "^help ^h," },

	/* kubectl (cobra/pflag: no abbreviation, --name=false negates a
	 * flag, the program's own options are valid after the verb). */
	{ "kubectl", NULL, ARGV_STYLE_PFLAG, ARGV_G_SUB | ARGV_G_INHERIT,
	  "n,namespace= context= cluster= kubeconfig= s,server= user= token= "
	  "as= as-group= as-uid= request-timeout= certificate-authority= "
	  "client-certificate= client-key= cache-dir= "
	  "insecure-skip-tls-verify match-server-version v,v= profile= "
	  "profile-output= tls-server-name= username= password= "
	  "warnings-as-errors log-flush-frequency= disable-compression "
	  "^h,help" },
	{ "kubectl", "delete", ARGV_STYLE_PFLAG, 0,
	  "all A,all-namespaces cascade? !dry-run? field-selector= "
	  "f,filename= force grace-period= ignore-not-found i,interactive "
	  "k,kustomize= now o,output= raw= R,recursive l,selector= timeout= "
	  "wait" },

	/* helm (pflag as kubectl). */
	{ "helm", NULL, ARGV_STYLE_PFLAG, ARGV_G_SUB | ARGV_G_INHERIT,
	  "n,namespace= kube-context= kubeconfig= registry-config= "
	  "repository-cache= repository-config= kube-apiserver= "
	  "kube-as-user= kube-as-group= kube-token= kube-ca-file= "
	  "kube-insecure-skip-tls-verify kube-tls-server-name= burst-limit= "
	  "debug ^h,help" },
	{ "helm", "uninstall", ARGV_STYLE_PFLAG, 0,
	  "cascade= description= !dry-run? ignore-not-found keep-history "
	  "no-hooks timeout= wait" },

	/* docker and podman: the program's options come before the verb. */
	{ "docker", NULL, ARGV_STYLE_PFLAG, ARGV_G_SUB,
	  "config= c,context= D,debug H,host= l,log-level= tls tlscacert= "
	  "tlscert= tlskey= tlsverify ^v,version ^help" },
	{ "docker", "system", ARGV_STYLE_PFLAG, ARGV_G_SUBSUB, "^help" },
	{ "docker", "system prune", ARGV_STYLE_PFLAG, 0,
	  "a,all filter= f,force volumes ^help" },
	{ "docker", "volume", ARGV_STYLE_PFLAG, ARGV_G_SUBSUB, "^help" },
	{ "docker", "volume rm", ARGV_STYLE_PFLAG, 0, "f,force ^help" },
	{ "docker", "volume prune", ARGV_STYLE_PFLAG, 0,
	  "a,all filter= f,force ^help" },

	/* npm, pnpm, yarn (nopt: unique prefixes, --no-NAME). */
	{ "npm", NULL, ARGV_STYLE_NOPT, ARGV_G_SUB | ARGV_G_INHERIT,
	  "w,workspace= workspaces include-workspace-root registry= "
	  "userconfig= prefix= C,prefix= loglevel= ^h,help ^v,version "
	  "^usage" },
	{ "npm", "publish", ARGV_STYLE_NOPT, 0,
	  "tag= access= !dry-run otp= provenance provenance-file= "
	  "ignore-scripts" },
	{ "npm", "unpublish", ARGV_STYLE_NOPT, 0, "!dry-run force otp=" },
	{ "pnpm", NULL, ARGV_STYLE_NOPT, ARGV_G_SUB | ARGV_G_INHERIT,
	  "C,dir= w,workspace-root F,filter= r,recursive ^h,help "
	  "^v,version" },
	{ "pnpm", "publish", ARGV_STYLE_NOPT, 0,
	  "tag= access= !dry-run otp= no-git-checks publish-branch= "
	  "force report-summary" },
	{ "yarn", NULL, ARGV_STYLE_NOPT, ARGV_G_SUB | ARGV_G_INHERIT,
	  "cwd= ^h,help ^v,version" },
	{ "yarn", "publish", ARGV_STYLE_NOPT, 0,
	  "tag= access= new-version= message= no-git-tag-version "
	  "no-commit-hooks otp= major minor patch" },

	/* psql (getopt_long) and the mysql client (my_getopt, which also
	 * takes unique prefixes). */
	{ "psql", NULL, ARGV_STYLE_GNU, 0,
	  "c,command= d,dbname= f,file= h,host= p,port= U,username= "
	  "w,no-password W,password l,list v,set= variable= X,no-psqlrc "
	  "1,single-transaction ^?,help ^V,version e,echo-queries "
	  "E,echo-hidden L,log-file= n,no-readline o,output= q,quiet "
	  "s,single-step S,single-line A,no-align csv H,html P,pset= "
	  "R,record-separator= t,tuples-only T,table-attr= x,expanded "
	  "F,field-separator= z,field-separator-zero 0,record-separator-zero "
	  "a,echo-all b,echo-errors" },
	{ "mysql", NULL, ARGV_STYLE_GNU, 0,
	  "^?,help ^I, e,execute= D,database= h,host= u,user= p,password? "
	  "P,port= S,socket= ^V,version B,batch N,skip-column-names "
	  "s,silent v,verbose f,force t,table protocol= defaults-file= "
	  "defaults-extra-file= no-defaults" },
	{ NULL, NULL, 0, 0, NULL },
};

/* Other names of the same program. */
const char *const argv_aliases[][2] = {
	{ "tofu", "terraform" },
	{ "podman", "docker" },
	{ "oc", "kubectl" },
	{ "mariadb", "mysql" },
	{ NULL, NULL },
};

/* git's commands, which an alias cannot replace (git runs a builtin or
 * a git-NAME on its exec path before it looks for alias.NAME). */
const char argv_git_commands[] =
	" add am annotate apply archive bisect blame branch bugreport bundle"
	" cat-file check-attr check-ignore check-mailmap check-ref-format"
	" checkout checkout-index cherry cherry-pick citool clean clone"
	" column commit commit-graph commit-tree config count-objects"
	" credential describe diagnose diff diff-files diff-index diff-tree"
	" difftool fast-export fast-import fetch fetch-pack filter-branch"
	" fmt-merge-msg for-each-ref for-each-repo format-patch fsck gc"
	" get-tar-commit-id grep gui hash-object help hook index-pack init"
	" init-db instaweb interpret-trailers log ls-files ls-remote ls-tree"
	" mailinfo mailsplit maintenance merge merge-base merge-file"
	" merge-index merge-tree mktag mktree multi-pack-index mv name-rev"
	" notes pack-objects pack-redundant pack-refs patch-id prune"
	" prune-packed pull push range-diff read-tree rebase receive-pack"
	" reflog remote repack replace request-pull rerere reset restore"
	" rev-list rev-parse revert rm send-email send-pack shortlog show"
	" show-branch show-index show-ref sparse-checkout stage stash status"
	" stripspace submodule switch symbolic-ref tag unpack-file"
	" unpack-objects update-index update-ref update-server-info"
	" upload-archive upload-pack var verify-commit verify-pack"
	" verify-tag version whatchanged worktree write-tree ";
