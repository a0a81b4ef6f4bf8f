/* agency: names of the agencies a notice assigns work to, and matching them.
 *
 * Documents write the same agency many ways: "Sở KH&ĐT", "Sở Kế hoạch & Đầu
 * tư", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Uỷ ban nhân dân" / "UBND", "Văn hóa – Thể
 * thao" / "Văn hoá - Thể thao", NFD text pasted from Word. agency_key() turns
 * a name into a match key that is equal exactly when a person would say the
 * names are the same; the names themselves are always kept as the document
 * wrote them, the key only compares.
 *
 * struct agency_table holds the known agencies (from config/agencies.tsv, and
 * those db/ adds at run time) and finds the one a piece of text names.
 * agency_split_list() cuts an enumeration of addressees into names without
 * cutting inside a name ("Sở Kế hoạch và Đầu tư") or a collective addressee
 * ("UBND các huyện, thành phố"). The 2025 reorganisation is data
 * (config/successors.tsv) read by agency_successors_load(); db/ applies it.
 *
 * Allocation failures are fatal (xalloc); everything returned as char * is
 * owned by the caller unless said otherwise. */
#ifndef HANCHOT_AGENCY_H
#define HANCHOT_AGENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum agency_kind {
	AGENCY_SO_BAN_NGANH,       /* sở, ban, ngành of the province (and central agencies there) */
	AGENCY_UBND_HUYEN,         /* People's Committee of a district / town / commune */
	AGENCY_LUC_LUONG_VU_TRANG, /* police, military and border guard commands */
	AGENCY_NHOM,               /* collective addressee: "UBND các huyện, thành phố" */
	AGENCY_KHAC,               /* anything else: mass organisations, companies, UBND tỉnh */
	AGENCY_KIND_COUNT
};

/* Stored names: "so_ban_nganh", "ubnd_huyen", "luc_luong_vu_trang", "nhom",
 * "khac". agency_kind_name returns a static string ("?" when out of range);
 * agency_kind_parse returns 0 or -1 for an unknown name. */
const char *agency_kind_name(enum agency_kind kind);
int agency_kind_parse(const char *name, enum agency_kind *out);

/* The match key of a name, newly allocated: NFC, lowercase, old/new tone
 * placement unified (hòa/hoà, thủy/thuỷ, ủy/uỷ, khỏe/khoẻ all key as the
 * second form), dashes, commas and other punctuation as spaces, '&' as "và",
 * white space collapsed, and the built-in abbreviations expanded (UBND, HĐND,
 * MTTQ, KH&ĐT, NN&PTNT, TT&TT, LĐ-TB&XH, GD&ĐT, VH-TT&DL, TN&MT, GTVT, KH&CN,
 * TP …, with or without '&' and '-'). BCH is expanded by the words after it:
 * "Bộ Chỉ huy" before Quân sự tỉnh / Bộ đội Biên phòng, "Ban Chấp hành" before
 * Đoàn, Hội, Đảng bộ, Công đoàn …, "Ban Chỉ huy" before phòng chống …,
 * Quân sự huyện, công trình …; otherwise it stays "bch". Cannot fail; any
 * byte string gives some key (invalid UTF-8 bytes key as '?'). */
char *agency_key(const char *name);

/* A guess of the kind from the name alone (see enum agency_kind); cannot fail. */
enum agency_kind agency_kind_guess(const char *name);

/* ---- the table of known agencies ------------------------------------------ */

struct agency {
	char *name;       /* canonical name as written ("Sở Kế hoạch và Đầu tư") */
	char *short_name; /* "Sở KH&ĐT", or NULL */
	enum agency_kind kind;
	char **aliases;   /* other spellings that match it */
	size_t n_aliases;
	int64_t id;       /* database id; 0 for an agency only known from the config */
};

struct agency_table;

/* An empty table that knows the built-in abbreviations. Free with
 * agency_table_free (NULL is fine). */
struct agency_table *agency_table_new(void);
void agency_table_free(struct agency_table *t);

/* Reads agencies and abbreviations from a file in the format of
 * config/agencies.tsv (documented at its top), adding to the table. Returns 0,
 * or -1 with "PATH:LINE: problem" in err; on error the entries read before the
 * bad line stay in the table. agency_table_load_string does the same for text
 * already in memory, with `origin` standing for the file name in messages. */
int agency_table_load(struct agency_table *t, const char *path, char *err);
int agency_table_load_string(struct agency_table *t, const char *text, const char *origin,
			     char *err);

/* Adds an agency (e.g. one read from the database). When the name's key (or the
 * short name's) already belongs to an entry, nothing is added and that entry is
 * returned, with its id set from `id` if it had none. short_name may be NULL.
 * The returned pointer (like every entry pointer) is valid until the table is freed. */
const struct agency *agency_table_add(struct agency_table *t, const char *name,
				      const char *short_name, enum agency_kind kind, int64_t id);
/* Adds an alias to the entry called `name` (matched by key). Returns 0, or -1
 * with a message when no entry has that name or the alias already names another. */
int agency_table_add_alias(struct agency_table *t, const char *name, const char *alias,
			   char *err);
/* Adds an abbreviation ("KBNN" -> "Kho bạc Nhà nước"): '&', '-', '.' and case in
 * abbr do not matter. Returns 0, or -1 when abbr is empty, contains a space, or is BCH
 * (which is resolved by context and cannot be redefined). */
int agency_table_add_abbrev(struct agency_table *t, const char *abbr, const char *expansion,
			    char *err);

/* The match key of a name with this table's abbreviations (built-in and loaded). */
char *agency_table_key(const struct agency_table *t, const char *name);

/* The known agency that `text` names, or NULL. Compares keys of the canonical
 * name, the short name and the aliases; then, failing that, tries the text
 * without a trailing " tỉnh …" ("Sở Tài chính tỉnh Lai Châu") and with " tỉnh"
 * added ("Cục Thuế" -> "Cục Thuế tỉnh"). Cannot fail. */
const struct agency *agency_table_match(const struct agency_table *t, const char *text);

/* ---- lists of addressees ---------------------------------------------------- */

/* Splits an enumeration of agencies into names, in order, each a trimmed copy of
 * the text as written (runs of white space, e.g. line breaks, become one space;
 * stray ':' '.' and bullets at either end go): "Sở Tài chính, Cục Thuế tỉnh" -> 2 names;
 * "Sở Văn hóa – Thể thao và Du lịch, Sở Thông tin và Truyền thông, các sở, ngành
 * liên quan; UBND các huyện, thành phố" -> 4 names. ';' always separates; ',' and
 * "và" separate only where the next words begin another agency (Sở, UBND, Cục,
 * Ban …, "các …"); a collective addressee keeps its inner commas; with a table
 * (may be NULL), a known name is never cut. A leading "với"/"cùng" is dropped.
 * Returns a NULL-terminated array (free with agency_list_free) and sets *count
 * (when not NULL). Cannot fail: text without names gives an empty array. */
char **agency_split_list(const char *text, const struct agency_table *known, size_t *count);
void agency_list_free(char **names);

/* ---- successors (2025 reorganisation) ---------------------------------------- */

struct agency_successor {
	char *from;          /* the old agency, as named in the file */
	char *to;            /* the agency that takes over */
	civil_day effective; /* from this day on */
	bool partial;        /* takes over only part of the work ("part" in the file) */
	char *note;          /* may be "" */
};

struct agency_successors {
	struct agency_successor *items;
	size_t n, cap;
};

void agency_successors_init(struct agency_successors *s);
void agency_successors_release(struct agency_successors *s);
/* Reads config/successors.tsv's format (documented at its top), appending to s.
 * Returns 0, or -1 with "PATH:LINE: problem" in err. */
int agency_successors_load(struct agency_successors *s, const char *path, char *err);
int agency_successors_load_string(struct agency_successors *s, const char *text,
				  const char *origin, char *err);

#endif
