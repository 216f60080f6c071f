/* hook_io.c - the PreToolUse output protocol, see hook_io.h and
 * shared/spec/claude-code-hooks.md sections 4, 5 and 7.
 *
 * Security invariant: whatever happens to the process, it ends in a
 * verdict.  Claude Code lets the call through when the hook is killed,
 * hangs past its timeout or exits with anything but 0 or 2, so:
 * - every signal whose default action would end or stop the hook is
 *   caught, on its own stack, and answered with exit 2 (a deny); the
 *   handlers exist before anything else runs and are unblocked even if
 *   the parent blocked them;
 * - nothing written here can block: each write waits for room at most
 *   CV_OUTPUT_WAIT_MS in all, and the exit status alone is the verdict
 *   when the reason cannot be delivered;
 * - a write that fails (EPIPE, EFBIG under a file size limit) is an error
 *   its caller handles, never a signal that kills the hook. */
#include "hook/hook_io.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "judge/judge.h"
#include "util/bounds.h"
#include "util/buf.h"
#include "util/child.h"
#include "util/clock.h"

#define DENY_EXIT 2

/* Writes p[0..n) in pieces of at most PIPE_BUF, each only once poll()
 * reports room: a pipe with room for one piece takes it whole without
 * blocking, and a reader that stopped reading costs CV_OUTPUT_WAIT_MS,
 * not the process.  Async-signal-safe (the handlers below use it). */
static int write_bounded(int fd, const char *p, size_t n)
{
	struct timespec t0;
	struct pollfd pfd;
	long left;
	ssize_t w;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (n) {
		if ((left = CV_OUTPUT_WAIT_MS - clock_ms_since(&t0)) <= 0)
			return -1;
		pfd.fd = fd;
		pfd.events = POLLOUT;
		pfd.revents = 0;
		r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || !(pfd.revents & POLLOUT))
			return -1;	/* no room in time, closed, invalid */
		w = write(fd, p, n < PIPE_BUF ? n : PIPE_BUF);
		if (w < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int emit_deny(const char *reason)
{
	struct buf b = BUF_INIT;

	/* Even if stderr is gone, exit 2 still blocks. */
	if (buf_puts(&b, reason) == 0 && buf_putc(&b, '\n') == 0)
		write_bounded(2, b.data, b.len);
	else
		write_bounded(2, "ccveto: blocked\n", 16);
	buf_release(&b);
	return DENY_EXIT;
}

static int emit_ask(const char *reason, const char *event)
{
	struct buf b = BUF_INIT;
	int error;

	/* A constant, never the payload's text: it goes into JSON as is. */
	error = buf_printf(&b, "{\"hookSpecificOutput\":{\"hookEventName\":"
			   "\"%s\",\"permissionDecision\":\"ask\","
			   "\"permissionDecisionReason\":\"", event);
	if (!error)
		error = buf_put_json_string(&b, reason, strlen(reason));
	if (!error)
		error = buf_puts(&b, "\"}}\n");
	/* Not whole (a full or closed stdout): a partial object would read
	 * as "no decision", so deny instead; exit 2 makes stdout void. */
	if (error || write_bounded(1, b.data, b.len) < 0) {
		buf_release(&b);
		return emit_deny(reason);
	}
	buf_release(&b);
	return 0;
}

int hook_emit_event(const struct verdict *v, const char *event)
{
	const char *name = event && !strcmp(event, "PreSkillShellCommand") ?
			   "PreSkillShellCommand" : "PreToolUse";

	switch (v->decision) {
	case DECISION_DENY:
		return emit_deny(v->reason ? v->reason : "ccveto: blocked");
	case DECISION_ASK:
		return emit_ask(v->reason ? v->reason :
				"ccveto: needs confirmation", name);
	case DECISION_NONE:
		break;
	}
	return 0;
}

int hook_emit(const struct verdict *v)
{
	return hook_emit_event(v, NULL);
}

/* Puts the decimal digits of v at p; returns their count. */
static size_t put_uint(char *p, unsigned v)
{
	char t[12];
	size_t n = 0, i;

	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < sizeof(t));
	for (i = 0; i < n; i++)
		p[i] = t[n - 1 - i];
	return n;
}

static bool is_crash(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGABRT ||
	       sig == SIGFPE || sig == SIGILL || sig == SIGTRAP ||
	       sig == SIGSYS;
}

/* Set by hook_post_mode(): what a signal must answer instead of exit 2,
 * and whether any of stdout is out already (then only exit 2 is left). */
static const char *volatile post_withheld;
static volatile size_t post_withheld_len;
static volatile sig_atomic_t stdout_used;

static const char withheld_tool[] = "{\"hookSpecificOutput\":{"
	"\"hookEventName\":\"PostToolUse\",\"additionalContext\":\"ccveto "
	"withheld this tool output: it could not be checked for secrets "
	"(fail closed).\",\"updatedToolOutput\":\"[ccveto: output withheld: "
	"it could not be checked for secrets]\"}}\n";
static const char withheld_mcp[] = "{\"hookSpecificOutput\":{"
	"\"hookEventName\":\"PostToolUse\",\"additionalContext\":\"ccveto "
	"withheld this tool output: it could not be checked for secrets "
	"(fail closed).\",\"updatedMCPToolOutput\":\"[ccveto: output "
	"withheld: it could not be checked for secrets]\"}}\n";

void hook_post_mode(bool mcp)
{
	post_withheld_len = mcp ? sizeof(withheld_mcp) - 1 :
				  sizeof(withheld_tool) - 1;
	post_withheld = mcp ? withheld_mcp : withheld_tool;
}

int hook_emit_withheld(void)
{
	if (!post_withheld)
		hook_post_mode(false);
	if (stdout_used ||
	    hook_write_stdout(post_withheld, post_withheld_len) < 0)
		return DENY_EXIT;
	return 0;
}

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
	static const char timeout_msg[] = "ccveto blocked this call: the "
		"guard timed out judging it (fail closed)\n";
	static const char crash_msg[] = "ccveto blocked this call: the guard "
		"failed while judging it (fail closed); please report this "
		"input\n";
	static const char signal_msg[] = "ccveto blocked this call: the "
		"guard was stopped by signal ";
	static const char signal_end[] = " while judging it (fail closed)\n";
	char msg[sizeof(signal_msg) + 12 + sizeof(signal_end)];
	size_t n;

	(void)ctx;
	/* A write to a closed pipe or past the file size limit: the kernel
	 * signals the writer itself (SI_USER, our own pid).  The write then
	 * fails with EPIPE or EFBIG, which its caller handles -- the log
	 * keeps no record, an ask falls back to a deny -- so return. */
	if ((sig == SIGPIPE || sig == SIGXFSZ) && si &&
	    si->si_code == SI_USER && si->si_pid == getpid())
		return;
	child_end();
	/* After the call, exit 2 would let the output through: the output
	 * is replaced by a notice instead, if stdout is still ours. */
	if (post_withheld && !stdout_used) {
		stdout_used = 1;
		if (write_bounded(1, post_withheld, post_withheld_len) == 0)
			_exit(0);
	}
	/* Claude Code ends a hook past its timeout with SIGTERM. */
	if (sig == SIGALRM || sig == SIGTERM || sig == SIGXCPU) {
		write_bounded(2, timeout_msg, sizeof(timeout_msg) - 1);
	} else if (is_crash(sig)) {
		write_bounded(2, crash_msg, sizeof(crash_msg) - 1);
	} else {
		memcpy(msg, signal_msg, sizeof(signal_msg) - 1);
		n = sizeof(signal_msg) - 1;
		n += put_uint(msg + n, (unsigned)sig);
		memcpy(msg + n, signal_end, sizeof(signal_end) - 1);
		n += sizeof(signal_end) - 1;
		write_bounded(2, msg, n);
	}
	_exit(DENY_EXIT);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define CV_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define CV_SANITIZED 1
#endif

void hook_guard_install(unsigned seconds)
{
	/* A stack overflow needs another stack to report on; static, so
	 * it exists however little stack the process was given. */
	static char altstack[64 * 1024];
	static bool installed;
	struct sigaction sa;
	sigset_t all;
	stack_t ss;
	int sig;

	if (installed) {
		alarm(seconds);
		return;
	}
	installed = true;
#ifndef CV_SANITIZED
	/* (The sanitizers keep their own alternate stack and crash
	 * handlers, which report more than a deny would.) */
	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0;
	sigaltstack(&ss, NULL);
#else
	(void)ss;
	(void)altstack;
#endif
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	/* One signal at a time: the first one decides, and exits. */
	sigfillset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++) {
		/* Default actions that cannot end or stop the hook stay; so
		 * does SIGCHLD, which the worktree helper sends. */
		if (sig == SIGCHLD || sig == SIGCONT || sig == SIGURG ||
		    sig == SIGWINCH || sig == SIGKILL || sig == SIGSTOP)
			continue;
#ifdef CV_SANITIZED
		if (is_crash(sig) && sig != SIGTRAP && sig != SIGSYS)
			continue;
#endif
		/* Fails (EINVAL) only for the C library's own real-time
		 * signals, which it never lets us handle. */
		sigaction(sig, &sa, NULL);
	}
	/* A parent that blocked SIGALRM or SIGTERM (inherited across exec)
	 * would otherwise switch the watchdog off. */
	sigfillset(&all);
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	alarm(seconds);
}

int hook_write_stdout(const char *p, size_t n)
{
	stdout_used = 1;
	return write_bounded(1, p, n);
}
