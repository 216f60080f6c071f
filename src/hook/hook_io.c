/* hook_io.c - the PreToolUse output protocol, see hook_io.h and
 * shared/spec/claude-code-hooks.md sections 4, 5 and 7. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "hook/hook_io.h"
#include "judge/policy.h"

#define DENY_EXIT 2

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
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
		write_all(2, b.data, b.len);
	else
		write_all(2, "ccveto: blocked\n", 16);
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
	/* One write: a partial object would read as "no decision". */
	if (error || write(1, b.data, b.len) != (ssize_t)b.len) {
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

static void on_fatal_signal(int sig)
{
	static const char timeout_msg[] = "ccveto blocked this call: the "
		"guard ran out of time judging it (fail closed)\n";
	static const char crash_msg[] = "ccveto blocked this call: the guard "
		"failed while judging it (fail closed); please report this "
		"input\n";

	if (sig == SIGALRM)
		(void)!write(2, timeout_msg, sizeof(timeout_msg) - 1);
	else
		(void)!write(2, crash_msg, sizeof(crash_msg) - 1);
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
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	/* Claude Code times hooks out with SIGTERM: still a deny. */
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
#ifndef CV_SANITIZED
	{
		static char altstack[64 * 1024];
		stack_t ss;

		/* A stack overflow needs its own stack to report on. */
		ss.ss_sp = altstack;
		ss.ss_size = sizeof(altstack);
		ss.ss_flags = 0;
		sigaltstack(&ss, NULL);
		sa.sa_flags = SA_ONSTACK;
		sigaction(SIGSEGV, &sa, NULL);
		sigaction(SIGBUS, &sa, NULL);
		sigaction(SIGABRT, &sa, NULL);
		sigaction(SIGFPE, &sa, NULL);
		sigaction(SIGILL, &sa, NULL);
	}
#endif
	alarm(seconds);
}
