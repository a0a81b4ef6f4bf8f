/* notice_reader: the state of one notice being read, shared by core/notice.c
 * (the outline, who acts, which paragraphs are units) and core/notice_units.c
 * (what each unit says: its text, partners and deadline; tables). Internal
 * to those two files. */
#ifndef HANCHOT_NOTICE_READER_H
#define HANCHOT_NOTICE_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/actors.h"
#include "core/deadline.h"
#include "core/notice.h"
#include "core/outline.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A reading in progress: the outline, the addressee and what each paragraph
 * says of who acts. */
struct node {
	struct actors act;
	char **leads;         /* who acts: its own, the heading's or the addressee */
	size_t n_leads;
	unsigned doubts;
	bool unit, below;     /* a unit; a unit somewhere under it */
	bool absorbed;        /* read as part of its item (a field, a continuation) */
	bool enumerates;      /* "… bao gồm:": the items under it are read with it */
	char **passed;        /* the leads the items under it inherit */
	size_t n_passed;
	size_t unit_index;    /* its unit in the notice when unit */
	bool merged_acts;     /* act was read from its merged paragraph */
	size_t block;         /* the block of fields that closes its run (trailing_field()), or SIZE_MAX */
};

struct reader {
	struct notice *n;
	struct outline o;
	struct node *nodes;   /* per paragraph of the outline */
	size_t from, to;      /* the body */
	size_t closing;       /* the closing paragraph, or SIZE_MAX */
	const char *addressee; /* the one addressee who acts when nobody is named */
	const char *sole_to;  /* the one "Kính gửi" addressee, a group too ("Quý Ủy ban"), or NULL */
	civil_day cited;      /* undated: the latest date its opening cites (cited_date()) */
	const char *issuer;   /* the letterhead's name of the issuer, or NULL */
	char *asked_closing;  /* a closing read as the body's last paragraph (flat), or NULL */
};

/* The options dates are read with: the notice's date, or what bounds an
 * undated letter's deadlines. */
struct deadline_options reader_due_options(const struct reader *r);
void reader_copy_names(char ***dst, size_t *n, char *const *src, size_t count);
/* The one unmarked paragraph of item i that is read with it, or SIZE_MAX. */
size_t reader_merged_child(const struct reader *r, size_t i);
/* The field of item i with the given kind, or SIZE_MAX. */
size_t reader_field_child(const struct reader *r, size_t i, enum outline_field f);
/* The field f of the block of fields that closes item j's run of items, or
 * SIZE_MAX. */
size_t reader_trailing_field(const struct reader *r, size_t j, enum outline_field f);
/* Field f's agencies as text: its value, or, when it has none, the names
 * written one per line under it ("a) Cơ quan chủ trì\n- Ban Chỉ đạo quốc
 * gia.\n- Các Bộ, ngành liên quan."), joined; "" when those lines say more
 * than names (each is then a task of its own). New string. */
char *reader_field_text(const struct reader *r, size_t f);
/* A heading that says who leads and with whom, and nothing to do. */
bool reader_only_roles(const struct reader *r, size_t i);

/* core/notice_units.c: the units decided, written into the notice; a
 * report's date after a list given to its items; the body's paragraphs
 * offered when nothing names anyone; the assignment tables' rows. */
void units_emit(struct reader *r);
void units_list_deadlines(struct reader *r);
void units_offer_candidates(struct reader *r);
void units_read_tables(struct reader *r);

#endif
