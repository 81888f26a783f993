/* jsontext.c - see jsontext.h. */
#include "jsontext.h"

void jsontext_scan(const char *text, size_t end, long *depth, bool *in_string)
{
	long d = 0;
	bool s = false;
	for (size_t i = 0; i < end; i++) {
		char c = text[i];
		if (s) {
			if (c == '\\')
				i++;
			else if (c == '"')
				s = false;
		} else if (c == '"') {
			s = true;
		} else if (c == '{' || c == '[') {
			d++;
		} else if (c == '}' || c == ']') {
			d--;
		}
	}
	*depth = d;
	*in_string = s;
}
