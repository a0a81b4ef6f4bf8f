#include "core/tokens.h"

#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "core/xalloc.h"

/* The code point at s[*i] (i < len), advancing *i by at least one byte; a
 * malformed sequence gives U+FFFD for its first byte. */
static uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
	uint32_t cp;
	*i += text_utf8_decode(s + *i, len - *i, &cp);
	return cp == TEXT_BAD_CP ? 0xFFFD : cp;
}

enum cclass { C_SPACE, C_DIGIT, C_LETTER, C_PUNCT };

static enum cclass classify(uint32_t c)
{
	if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF)
		return C_SPACE;
	if (c >= '0' && c <= '9')
		return C_DIGIT;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return C_LETTER;
	if (c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x2BFF) &&
	    !(c >= 0x2E00 && c <= 0x2E7F) && !(c >= 0x3000 && c <= 0x303F) && c != 0xFFFD &&
	    !(c >= 0xFE30 && c <= 0xFE6F) && !(c >= 0xFF00 && c <= 0xFF65))
		return C_LETTER;
	return C_PUNCT;
}

static void push_tok(struct tokens *sc, const struct tok *tk)
{
	xgrow((void **)&sc->t, &sc->cap, sc->n + 1, sizeof *sc->t);
	sc->t[sc->n++] = *tk;
}

void tokens_cut(struct tokens *sc, const char *text, size_t len)
{
	memset(sc, 0, sizeof *sc);
	sc->text = text;
	sc->len = len;
	const char *s = text;
	size_t i = 0;
	bool space = true, nl = false;
	while (i < len) {
		size_t start = i;
		uint32_t c = utf8_next(s, len, &i);
		enum cclass cl = classify(c);
		if (cl == C_SPACE) {
			space = true;
			nl = nl || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
			continue;
		}
		struct tok tk = { .s = start, .e = i, .glued = !space && sc->n > 0, .nl = nl };
		if (cl == C_DIGIT) {
			int v = 0, nd = 0;
			size_t j = start;
			while (j < len && s[j] >= '0' && s[j] <= '9') {
				if (nd < 9)
					v = v * 10 + (s[j] - '0');
				nd++;
				j++;
			}
			tk.type = T_NUM;
			tk.num = nd <= 9 ? v : -1;
			tk.ndig = nd;
			tk.e = i = j;
		} else if (cl == C_LETTER) {
			size_t j = i;
			while (j < len) {
				size_t k = j;
				if (classify(utf8_next(s, len, &k)) != C_LETTER)
					break;
				j = k;
			}
			tk.type = T_WORD;
			tk.e = i = j;
		} else {
			tk.type = T_PUNCT;
			tk.ch = (c >= 0x2010 && c <= 0x2015) || c == 0x2212 ? '-' : c;
		}
		push_tok(sc, &tk);
		space = nl = false;
	}
}

/* ---- token tests --------------------------------------------------------- */

/* Whether token k is the word w (lower case), ignoring case. */
bool tokens_word_is(const struct tokens *sc, size_t k, const char *w)
{
	if (k >= sc->n || sc->t[k].type != T_WORD)
		return false;
	size_t i = sc->t[k].s, e = sc->t[k].e, j = 0, wl = strlen(w);
	if (e - i != wl) /* folding keeps every letter's UTF-8 length */
		return false;
	while (i < e && j < wl)
		if (text_cp_lower(utf8_next(sc->text, e, &i)) != utf8_next(w, wl, &j))
			return false;
	return i == e && j == wl;
}

/* Number of tokens the space-separated words of phrase match from token k on,
 * 0 when they do not. */
size_t tokens_words_at(const struct tokens *sc, size_t k, const char *phrase)
{
	size_t m = 0;
	while (*phrase) {
		char w[32];
		size_t l = strcspn(phrase, " ");
		if (l >= sizeof w)
			return 0;
		memcpy(w, phrase, l);
		w[l] = '\0';
		if (!tokens_word_is(sc, k + m, w))
			return 0;
		m++;
		phrase += l;
		while (*phrase == ' ')
			phrase++;
	}
	return m;
}

bool tokens_any_word(const struct tokens *sc, size_t k, const char *const *words)
{
	for (; *words; words++)
		if (tokens_word_is(sc, k, *words))
			return true;
	return false;
}

bool tokens_is_num(const struct tokens *sc, size_t k)
{
	return k < sc->n && sc->t[k].type == T_NUM;
}

bool tokens_is_punct(const struct tokens *sc, size_t k, uint32_t ch)
{
	return k < sc->n && sc->t[k].type == T_PUNCT && sc->t[k].ch == ch;
}

bool tokens_glued(const struct tokens *sc, size_t k)
{
	return k < sc->n && sc->t[k].glued;
}

/* A small number (1..max digits) that is not glued to what precedes it. */
bool tokens_small_num(const struct tokens *sc, size_t k, int max_digits)
{
	return tokens_is_num(sc, k) && sc->t[k].ndig <= max_digits && sc->t[k].num >= 0;
}

void tokens_release(struct tokens *tk)
{
	free(tk->t);
	memset(tk, 0, sizeof *tk);
}
