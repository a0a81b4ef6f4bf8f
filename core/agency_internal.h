/* agency_internal: what the files of the agency module share and nothing
 * else includes: core/agency.c (kinds, abbreviations, match keys, the kind
 * guess), core/agency_table.c (the table of known agencies, its files, the
 * successors) and core/agency_list.c (splitting lists of addressees). */
#ifndef HANCHOT_AGENCY_INTERNAL_H
#define HANCHOT_AGENCY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/agency.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Abbreviations a table adds to the built-in ones (normalised). */
struct abbrev_set {
	char **abbr; /* agency_abbrev_norm()'d */
	char **expansion;
	size_t n, cap;
};

/* An abbreviation lowercased, with '&', '-', '.' and the dashes dropped
 * (caller frees). */
char *agency_abbrev_norm(const char *s, size_t len);
/* agency_key() with extra abbreviations besides the built-in ones (may be
 * NULL); caller frees. */
char *agency_key_with(const struct abbrev_set *extra, const char *name);

/* Folded words: whether s starts with the word(s) prefix, or one of list;
 * whether w[0..n) is one of list; whether f names a collective addressee
 * ("các …", "UBND các …"). */
bool agency_starts_word(const char *s, const char *prefix);
bool agency_starts_any(const char *s, const char *const *list, size_t n);
bool agency_word_in(const char *w, size_t n, const char *const *list, size_t count);
bool agency_folded_is_group(const char *f);

/* Whether key (agency_table_key()) is a known agency's, exactly. */
bool agency_table_has_key(const struct agency_table *t, const char *key);

#endif
