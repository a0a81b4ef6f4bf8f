/* tokens: a phrase cut into words (letters of any script), numbers (ASCII
 * digits) and single punctuation characters, for reading the dates in it
 * (core/deadline). White space only separates tokens; it is remembered as
 * "glued" (whether a token touches the one before it) and as a line break
 * before a token. Words compare without regard to case.
 *
 * struct tokens is caller-owned: tokens_cut() fills it, tokens_release()
 * frees it; the text is not copied and must outlive it. */
#ifndef HANCHOT_TOKENS_H
#define HANCHOT_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum tok_type { T_WORD = 1, T_NUM, T_PUNCT };

struct tok {
	size_t s, e;     /* bytes [s, e) */
	enum tok_type type;
	bool glued;      /* no space between this token and the previous one */
	bool nl;         /* a line break before it */
	uint32_t ch;     /* T_PUNCT: the character, every dash as '-' */
	int num;         /* T_NUM: value, -1 when longer than 9 digits */
	int ndig;        /* T_NUM: number of digits */
};

struct tokens {
	const char *text;
	size_t len;
	struct tok *t;
	size_t n, cap;
};

/* Cuts text[0, len) (UTF-8; a malformed byte is punctuation) into tk. */
void tokens_cut(struct tokens *tk, const char *text, size_t len);
void tokens_release(struct tokens *tk);

/* Whether token k is the word w (written in small letters), in any case. */
bool tokens_word_is(const struct tokens *tk, size_t k, const char *w);
/* How many tokens the space-separated words of phrase match from token k
 * on; 0 when they do not. */
size_t tokens_words_at(const struct tokens *tk, size_t k, const char *phrase);
/* Whether token k is one of words (a NULL-terminated list). */
bool tokens_any_word(const struct tokens *tk, size_t k, const char *const *words);
bool tokens_is_num(const struct tokens *tk, size_t k);
bool tokens_is_punct(const struct tokens *tk, size_t k, uint32_t ch);
/* Whether token k touches the one before it. */
bool tokens_glued(const struct tokens *tk, size_t k);
/* A number of 1..max_digits digits. */
bool tokens_small_num(const struct tokens *tk, size_t k, int max_digits);

#endif
