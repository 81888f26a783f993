/*
 * init_blob.S - the check's init program (runner/sandbox/init/check-init.c,
 * built as $(B)/check-init), carried inside roadmap-run so that it needs no
 * installed path: sandbox_init_memfd.c hands it to each check's init as a
 * sealed, execute-only memfd. Empty where check-init is not built (not x86_64);
 * the runner then forks its init instead.
 */
	.section .rodata
	.balign 16
	.global rr_check_init_blob
	.global rr_check_init_blob_end
rr_check_init_blob:
#ifdef CHECK_INIT_PATH
	.incbin CHECK_INIT_PATH
#endif
rr_check_init_blob_end:
	/* %progbits: "@" starts a comment on some assemblers (arm). */
	.section .note.GNU-stack,"",%progbits
