/* sha256.h - FIPS 180-4 SHA-256; the contract lets us link no crypto library. */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t total;
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, unsigned char out[32]);
/* hex is 65 bytes: 64 lower-case hex digits and a NUL. */
void sha256_hex(const unsigned char digest[32], char hex[65]);

#endif
