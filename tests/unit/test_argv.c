/* test_argv.c - the canonical argv (shell/argv.h): command text -> the
 * canonical line of its last subject, with " [help]", " [dry]",
 * " [alias]", " [fails]" for the flags, or "-" when the program has no
 * grammar (the last command the text runs itself, not one an exec sink
 * found in it).  Each expectation is what the program itself does with the
 * words (git 2.39, GNU rm, terraform, kubectl), checked by running them
 * where that was possible. */
#include <stdio.h>
#include <string.h>

#include "util/arena.h"
#include "shell/argv.h"
#include "shell/shell.h"
#include "tap.h"

static const struct shell_env env = { "/home/alice", "/home/alice/src",
				       "Bash", NULL, NULL };

static void canon(const char *text, const char *want)
{
	struct arena a;
	struct subject_list l;
	struct diag d;
	const struct argv_canon *c = NULL;
	char got[2048];
	size_t i;
	int rc;

	arena_init(&a);
	memset(&l, 0, sizeof(l));
	rc = shell_parse(&l, &a, &env, text, strlen(text), &d);
	if (rc < 0 || !l.n) {
		ok(0, "%s: parse failed", text);
		arena_release(&a);
		return;
	}
	/* The last command of the text itself, not one a sink runs. */
	for (i = l.n - 1; i > 0 && l.v[i]->via.n; i--)
		;
	rc = argv_canonical(&c, &a, l.v[i]);
	if (rc < 0)
		snprintf(got, sizeof(got), "error %d", rc);
	else if (!c)
		snprintf(got, sizeof(got), "-");
	else
		snprintf(got, sizeof(got), "%s%s%s%s%s", c->line,
			 c->flags & ARGV_HELP ? " [help]" : "",
			 c->flags & ARGV_DRYRUN ? " [dry]" : "",
			 c->flags & ARGV_ALIAS ? " [alias]" : "",
			 c->flags & ARGV_FAILS ? " [fails]" : "");
	if (!ok(!strcmp(got, want), "%s", text))
		printf("#   got:  %s\n#   want: %s\n", got, want);
	arena_release(&a);
}

int main(void)
{
	/* git push: abbreviations, clusters, dry runs, negation. */
	canon("git push -f origin main", "git push --force -- origin main");
	canon("git push origin main --force",
	      "git push --force -- origin main");
	canon("git push -fq origin main",
	      "git push --force --quiet -- origin main");
	canon("git push --force-with-l origin main",
	      "git push --force-with-lease -- origin main");
	canon("git push --force-with-l=main:abc origin",
	      "git push --force-with-lease=main:abc -- origin");
	/* force, force-with-lease, force-if-includes: git refuses it. */
	canon("git push --forc origin main",
	      "git push --forc -- origin main [fails]");
	canon("git push --mir origin", "git push --mirror -- origin");
	canon("git push -n -f origin main",
	      "git push --dry-run --force -- origin main [dry]");
	canon("git push --dry-run --no-dry-run -f origin main",
	      "git push --dry-run --no-dry-run --force -- origin main");
	canon("git push -f -- origin --force",
	      "git push --force -- origin --force");
	canon("git push -o ci.skip -f origin main",
	      "git push --push-option=ci.skip --force -- origin main");
	canon("git push --force=true origin main",
	      "git push -- origin main [fails]");
	canon("git push --no-verify origin main",
	      "git push --no-verify -- origin main");
	/* git's own options, exact only. */
	canon("git -C ~/x -c user.name=a --no-pager push -f",
	      "git -C=~/x -c=user.name=a --no-pager push --force");
	canon("git -C/x push -f", "git -C/x push -f [fails]");
	canon("git -cuser.name=a reset --hard", "git -cuser.name=a reset --hard [fails]");
	canon("git -- reset --hard", "git -- reset --hard [fails]");
	canon("git --git-dir=/srv/r.git --work-tree /w reset --hard",
	      "git --git-dir=/srv/r.git --work-tree=/w reset --hard");
	canon("GIT_DIR=/srv/r.git git reset --hard",
	      "git --git-dir=/srv/r.git reset --hard");
	canon("git --version push -f", "git --version push -f [help]");
	canon("git help reset", "git help reset [help]");
	/* reset, clean, checkout, restore, branch. */
	canon("git reset --har HEAD~1", "git reset --hard -- HEAD~1");
	canon("git reset --hard --help", "git reset --hard --help [help]");
	canon("git reset -h --hard", "git reset -h --hard [help]");
	canon("git reset -- --hard", "git reset -- --hard");
	canon("git clean -fdx", "git clean --force -d -x");
	canon("git clean --forc -d", "git clean --force -d");
	canon("git clean -fdn", "git clean --force -d --dry-run [dry]");
	canon("git -c clean.requireForce=false clean -d",
	      "git -c=clean.requireForce=false clean -d --force");
	canon("git checkout -bfeature", "git checkout -b=feature");
	canon("git checkout -qbfeature", "git checkout --quiet -b=feature");
	canon("git checkout -tf main", "git checkout --track=f -- main");
	canon("git switch --discard-ch main",
	      "git switch --discard-changes -- main");
	canon("git restore --source --worktree",
	      "git restore --source=--worktree");
	canon("git restore -W --no-worktree a",
	      "git restore --worktree --no-worktree -- a");
	canon("git restore -sHEAD a", "git restore --source=HEAD -- a");
	canon("git branch --del --forc feature",
	      "git branch --delete --force -- feature");
	canon("git branch -D x", "git branch -D -- x");
	canon("git update-ref -d refs/heads/main",
	      "git update-ref -d -- refs/heads/main");
	/* Subcommands of subcommands. */
	canon("git stash drop stash@{0}", "git stash drop -- stash@{0}");
	canon("git stash -m drop", "git stash --message=drop");
	canon("git reflog expire --dry-run --expire=now --all",
	      "git reflog expire --dry-run --expire=now --all [dry]");
	/* Aliases from the command line and the environment. */
	canon("git -c alias.nuke=reset nuke --hard",
	      "git -c=alias.nuke=reset reset --hard [alias]");
	canon("git -c alias.nuke='reset --hard' nuke",
	      "git -c=alias.nuke=reset\x1f--hard reset --hard [alias]");
	canon("git -c alias.a=b -c alias.b=reset a --hard",
	      "git -c=alias.a=b -c=alias.b=reset reset --hard [alias]");
	canon("GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=alias.nuke "
	      "GIT_CONFIG_VALUE_0=reset git nuke --hard",
	      "git reset --hard [alias]");
	canon("GIT_CONFIG_PARAMETERS=\"'alias.nuke=reset'\" git nuke --hard",
	      "git reset --hard [alias]");
	canon("V=reset git --config-env=alias.nuke=V nuke --hard",
	      "git --config-env=alias.nuke=V reset --hard [alias]");
	canon("git -c alias.push=reset push -f",
	      "git -c=alias.push=reset push --force");
	canon("git -c 'alias.x=!rm -rf ~' x", "git -c alias.x=!rm\x1f-rf\x1f~ x");
	canon("git -c alias.a=a a", "git -c alias.a=a a [alias] [fails]");
	/* rm: getopt_long. */
	canon("rm --rec --forc build", "rm --recursive --force -- build");
	canon("rm -Rfv build", "rm --recursive --force --verbose -- build");
	canon("rm --no-pres -r /x", "rm --no-preserve-root --recursive -- /x");
	canon("rm -- -rf", "rm -- -rf");
	canon("rm build -rf", "rm --recursive --force -- build");
	canon("POSIXLY_CORRECT=1 rm build -rf", "rm -- build -rf");
	canon("rm --help -rf ~", "rm --help --recursive --force -- ~ [help]");
	canon("rm --v x", "rm --v -- x [fails]");
	/* terraform: Go's flag package, TF_CLI_ARGS. */
	canon("terraform apply -destroy",
	      "terraform apply --destroy");
	canon("terraform apply -destroy=false",
	      "terraform apply --no-destroy");
	canon("terraform -chdir=infra apply --auto-approve",
	      "terraform --chdir=infra apply --auto-approve");
	canon("TF_CLI_ARGS_apply='-destroy -auto-approve' terraform apply",
	      "terraform apply --destroy --auto-approve");
	canon("export TF_CLI_ARGS=-destroy; tofu apply plan.out",
	      "tofu apply --destroy -- plan.out");
	canon("terraform apply plan.out -destroy",
	      "terraform apply -- plan.out -destroy");
	canon("terraform destroy -help", "terraform destroy --help [help]");
	canon("terraform apply -var x=-h", "terraform apply --var=x=-h");
	/* kubectl: pflag. */
	canon("kubectl -n prod delete ns x --dry-run=server",
	      "kubectl --namespace=prod delete --dry-run=server -- ns x [dry]");
	canon("kubectl delete ns x --dry-run=none",
	      "kubectl delete --dry-run=none -- ns x");
	canon("kubectl delete ns x --dry-run",
	      "kubectl delete --dry-run -- ns x [dry]");
	canon("kubectl delete pods --all -nfoo",
	      "kubectl delete --all --namespace=foo -- pods");
	canon("kubectl delete --force=false pod x",
	      "kubectl delete --no-force -- pod x");
	/* npm: nopt. */
	canon("npm publish --dry", "npm publish --dry-run [dry]");
	canon("npm publish --dry-run=false", "npm publish --no-dry-run");
	canon("npm publish --access public",
	      "npm publish --access=public");
	/* No grammar: nothing made up. */
	canon("ls -la", "-");
	canon("$X push -f", "-");
	canon("docker run --help img", "docker run --help img [help]");
	canon("docker run img sh --help", "docker run img sh --help");
	return tap_done();
}
