/*
 * sandbox_msg.h - the messages on a check's control socket, from the child
 * side (sandbox_child.c, and the check's init, runner/sandbox/init/check-init.c,
 * which is built without libc: this header uses no system header).
 */
#ifndef SANDBOX_MSG_H
#define SANDBOX_MSG_H

/* Messages on the control socket from the child side to the parent. */
enum sandbox_msg_kind {
	SANDBOX_MSG_EXEC_FAILED = 1, /* err = execve's errno */
	SANDBOX_MSG_SETUP_FAILED,    /* err, text: what could not be set up */
	SANDBOX_MSG_LISTENER,        /* carries the seccomp listener fd (SCM_RIGHTS) */
	SANDBOX_MSG_STATUS,          /* from the pid-namespace init: the check's wait status */
};

struct sandbox_msg {
	int kind;
	int err;
	int wstatus;
	long utime_us, stime_us; /* STATUS: CPU of every process the init reaped */
	long maxrss_kb;          /* STATUS: the largest of them */
	char text[224];
};

/* The file descriptor on which the exec'd init (check-init) finds the
 * control socket. */
#define SANDBOX_INIT_CTL_FD 3

#endif
