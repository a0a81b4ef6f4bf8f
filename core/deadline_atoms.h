/* deadline_atoms: the date expressions of core/deadline ("14/5/2024",
 * "ngày 14 tháng 5 năm 2024", "tháng 5/2024", "quý III/2024", "6 tháng đầu
 * năm 2024", "năm 2024", "cuối tháng 6") read from the tokens of a phrase,
 * before what precedes them says whether they are deadlines. Internal to
 * core/deadline.c and core/deadline_atoms.c. */
#ifndef HANCHOT_DEADLINE_ATOMS_H
#define HANCHOT_DEADLINE_ATOMS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/deadline.h"
#include "core/tokens.h"

/* A phrase being scanned for deadlines: its tokens and the options. */
struct scan {
	struct tokens tk;
	struct deadline_options opt;
	int fill_year;   /* for a missing year; 0: none */
};

enum atom_type { A_DAY, A_MONTH, A_QUARTER, A_HALF, A_YEAR, A_PART };
enum part { PART_START, PART_MIDDLE, PART_END };

struct atom {
	enum atom_type type;
	int y, m, d;    /* y 0: not written; A_QUARTER: m = quarter; A_HALF: m = 1, 2 */
	enum part part; /* A_PART */
	enum atom_type of; /* A_PART: of a A_MONTH, A_YEAR or A_QUARTER */
	bool year_given;
	size_t ts, te;  /* tokens [ts, te) */
};

/* Each reads the expression of its kind that begins at token k into *a
 * (tokens [a->ts, a->te)); false when there is none. */
bool day_atom(const struct scan *sc, size_t k, struct atom *a);
bool month_atom(const struct scan *sc, size_t k, struct atom *a);
bool quarter_atom(const struct scan *sc, size_t k, struct atom *a);
bool half_atom(const struct scan *sc, size_t k, struct atom *a);
bool year_atom(const struct scan *sc, size_t k, struct atom *a);
bool part_atom(const struct scan *sc, size_t k, struct atom *a);
/* Token k is a year: 1 with *y, 0 when k holds no number, -1 when it holds
 * one that is not a year. */
int year_at(const struct scan *sc, size_t k, int *y);

#endif
