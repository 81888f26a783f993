/* static-array - a 400 MiB zero-initialised array, touched page by page
 * (Judger's and DMOJ's "big static array" case): under a 512 MiB limit it
 * must run and pass, with its memory reported. A separate program because
 * the array counts against RLIMIT_AS from the moment of execve. */
#include <stdio.h>

static char big_static[400L << 20];

int main(void)
{
	volatile char *p = big_static; /* the stores must happen */
	long sum = 0;
	for (long i = 0; i < (long)sizeof(big_static); i += 4096)
		p[i] = 1;
	for (long i = 0; i < (long)sizeof(big_static); i += 4096)
		sum += p[i];
	printf("touched a 400 MiB static array (%ld pages)\n", sum);
	return 0;
}
