#include "core/words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"

bool words_char(const char *s)
{
	unsigned char c = (unsigned char)*s;
	if (c == 0 || c == ' ' || c == '\n' || c == '\t')
		return false;
	if (c < 0x80)
		return strchr(",;:.()[]!?\"'", c) == NULL;
	/* “ ” ‘ ’ … are punctuation */
	return !(c == 0xe2 && (unsigned char)s[1] == 0x80 &&
		 ((unsigned char)s[2] == 0x9c || (unsigned char)s[2] == 0x9d || (unsigned char)s[2] == 0x98 ||
		  (unsigned char)s[2] == 0x99 || (unsigned char)s[2] == 0xa6));
}

size_t words_len(const char *s)
{
	size_t n = 0;
	while (words_char(s + n))
		n++;
	return n;
}

const char *words_skip(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

/* Whether s begins with the words of phrase, followed by the end of a word. */
bool words_at(const char *s, const char *phrase)
{
	size_t n = strlen(phrase);
	return strncmp(s, phrase, n) == 0 && !words_char(s + n);
}

/* Like at_phrase, with the first letter of s in either case. */
bool words_at_ci(const char *s, const char *phrase)
{
	if (words_at(s, phrase))
		return true;
	uint32_t cs, cp;
	size_t a = text_utf8_decode(s, strnlen(s, 4), &cs), b = text_utf8_decode(phrase, strnlen(phrase, 4), &cp);
	if (!a || !b || text_cp_lower(cs) != text_cp_lower(cp))
		return false;
	size_t n = strlen(phrase + b);
	return strncmp(s + a, phrase + b, n) == 0 && !words_char(s + a + n);
}

const char *words_at_any(const char *s, const char *const *list, size_t n, bool any_case)
{
	for (size_t i = 0; i < n; i++)
		if (any_case ? words_at_ci(s, list[i]) : words_at(s, list[i]))
			return list[i];
	return NULL;
}

/* Whether lowercase s begins with phrase, in whatever case phrase is. */
bool words_at_lower(const char *s, const char *phrase)
{
	char *low = text_lower_dup(phrase);
	size_t n = strlen(low);
	bool yes = n == strlen(phrase) && strncmp(s, low, n) == 0 && !words_char(s + n);
	free(low);
	return yes;
}

/* The longest entry of list that lowercase s begins with, or NULL. */
const char *words_at_any_lower(const char *s, const char *const *list, size_t n)
{
	const char *best = NULL;
	for (size_t i = 0; i < n; i++)
		if ((!best || strlen(list[i]) > strlen(best)) && words_at_lower(s, list[i]))
			best = list[i];
	return best;
}

size_t words_at_nocase(const char *s, const char *phrase)
{
	size_t i = 0, j = 0, n = strlen(phrase);
	while (j < n) {
		uint32_t a, b;
		size_t la = text_utf8_decode(s + i, strnlen(s + i, 4), &a), lb = text_utf8_decode(phrase + j, n - j, &b);
		if (!la || text_cp_lower(a) != text_cp_lower(b))
			return 0;
		i += la;
		j += lb;
	}
	return words_char(s + i) ? 0 : i;
}
