/* test_sha256.c - the FIPS 180-4 implementation against the NIST vectors
 * (FIPS 180-2 appendix B and the CAVP short/long messages) and the padding
 * boundaries, fed whole and in odd-sized pieces. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sha256.h"

static void hash_hex(const void *data, size_t n, size_t piece, char hex[65])
{
	struct sha256 s;
	unsigned char d[32];
	const unsigned char *p = data;

	sha256_init(&s);
	if (piece == 0) {
		sha256_update(&s, data, n);
	} else {
		for (size_t off = 0; off < n; off += piece)
			sha256_update(&s, p + off, n - off < piece ? n - off : piece);
	}
	sha256_final(&s, d);
	sha256_hex(d, hex);
}

static void expect(const char *msg, const char *want)
{
	char hex[65];
	size_t n = strlen(msg);
	static const size_t pieces[] = { 0, 1, 3, 63, 64, 65 };

	for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
		hash_hex(msg, n, pieces[i], hex);
		assert_string_equal(hex, want);
	}
}

static void test_sha256__nist_empty(void **state)
{
	(void)state;
	expect("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256__nist_abc(void **state)
{
	(void)state;
	expect("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256__nist_448_bit_message(void **state)
{
	(void)state;
	expect("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256__nist_896_bit_message(void **state)
{
	(void)state;
	expect("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	       "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_sha256__nist_million_a(void **state)
{
	char hex[65];
	size_t n = 1000000;
	char *a = malloc(n);

	(void)state;
	assert_non_null(a);
	memset(a, 'a', n);
	hash_hex(a, n, 0, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	hash_hex(a, n, 1000, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(a);
}

/* Lengths around the padding boundary: 55 fits the length in one block,
 * 56..63 need a second one (values from Python's hashlib). */
static void test_sha256__padding_boundaries(void **state)
{
	static const struct { size_t n; const char *hex; } v[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
	};
	char buf[128];

	(void)state;
	memset(buf, 'a', sizeof(buf));
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf[v[i].n] = '\0';
		expect(buf, v[i].hex);
		buf[v[i].n] = 'a';
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256__nist_empty),
		cmocka_unit_test(test_sha256__nist_abc),
		cmocka_unit_test(test_sha256__nist_448_bit_message),
		cmocka_unit_test(test_sha256__nist_896_bit_message),
		cmocka_unit_test(test_sha256__nist_million_a),
		cmocka_unit_test(test_sha256__padding_boundaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
