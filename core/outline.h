/* outline: the text of a notice as paragraphs in a tree, with the section
 * path of each ("II.2.b (1)").
 *
 * outline_split() turns the cleaned text (NFC, LF) into paragraphs. It takes
 * both ways notices are saved: Markdown (paragraphs between blank lines,
 * lines inside one joined) and one paragraph per line as Word, PDF and web
 * pages give it. Lines broken inside a sentence are joined (a line that
 * goes on in lowercase, the lines of a hard-wrapped PDF, a heading broken in
 * two), lines of page numbers are dropped, and a page break inside a
 * sentence does not end the paragraph. Markdown heading marks, emphasis and
 * escapes are removed. A paragraph that begins with an item marker records it:
 * "II." (part), "2." / "2.1." / "2)" / "2/" (number), "a)" / "a." (letter),
 * "(3)" (printed label), "-", "–", "•", "*" (bullet), "+" (sub-bullet).
 * Rows of a Markdown table ("| a | b |") are paragraphs of their own.
 *
 * outline_build() links paragraphs [from, to) into a tree: an item is the
 * child of the nearest open item of a higher rank (part > number > deeper
 * number > letter > label > bullet > sub-bullet); an unmarked paragraph
 * belongs to the nearest open item that is not a bullet; a paragraph that
 * ends with ':' opens a list of what follows it. It then writes each
 * paragraph's section path, as the hand readings do: labels as printed
 * ("II.2.b", "1 (3)"), unlabelled bullets and paragraphs numbered by position
 * under their item ("V.1 (2)"). A paragraph that only introduces a list
 * ("… như sau:") or is a field of its item ("- Cơ quan phối hợp: …") takes no
 * number; an item with a single unmarked paragraph under it shares its path.
 *
 * Both run in time linear in the text. struct outline owns its strings. */
#ifndef HANCHOT_OUTLINE_H
#define HANCHOT_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>

#define OUTLINE_ROOT ((size_t)-1)

enum outline_mark {
	OUTLINE_NONE,   /* an unmarked paragraph */
	OUTLINE_PART,   /* "II." */
	OUTLINE_NUM,    /* "2.", "2.1.", "2)" */
	OUTLINE_LETTER, /* "a)", "đ." */
	OUTLINE_LABEL,  /* "(3)", "(i)" */
	OUTLINE_BULLET, /* "-", "–", "•", "*" */
	OUTLINE_SUB,    /* "+" */
	OUTLINE_ROW,    /* "| cell | cell |" */
};

/* What a paragraph is to its item (set by outline_build). */
enum outline_role {
	OUTLINE_ITEM,     /* an item or a paragraph of its own */
	OUTLINE_LEAD_IN,  /* an unmarked paragraph ending ':' with a list under it */
	OUTLINE_FIELD,    /* "Cơ quan thực hiện: …", "Thời gian: …" under an item */
	OUTLINE_MERGED,   /* the one unmarked paragraph of its item: read with it */
	OUTLINE_NOTE,     /* a note in parentheses ("(Chi tiết tại Phụ lục kèm theo)") */
};

enum outline_field {
	FIELD_NONE,
	FIELD_CONTENT,  /* Nội dung */
	FIELD_LEAD,     /* Cơ quan thực hiện / chủ trì, Đơn vị thực hiện … */
	FIELD_COOP,     /* Cơ quan phối hợp … */
	FIELD_TIME,     /* Thời gian (thực hiện / hoàn thành), Thời hạn, Tiến độ */
	FIELD_OTHER,    /* Sản phẩm, Kinh phí, Hình thức, … */
};

struct outline_para {
	enum outline_mark mark;
	int depth;           /* OUTLINE_NUM: 1 for "2.", 2 for "2.1." */
	char *label;         /* "II", "2.1", "b", "3" for "(3)"; "" otherwise */
	char *text;          /* without its marker; lines joined by '\n' */
	size_t line;         /* its first line in the text, from 1 */
	bool heading;        /* a Markdown heading */
	/* set by outline_build() */
	size_t parent;       /* OUTLINE_ROOT at the top */
	size_t end;          /* one past the last paragraph under it */
	enum outline_role role;
	enum outline_field field;
	char *field_value;   /* FIELD_*: the text after the label's ':' */
	char *section;       /* "II.2.b (1)" */
};

struct outline {
	struct outline_para *v;
	size_t n, cap;
};

void outline_init(struct outline *o);
void outline_release(struct outline *o);

/* Splits text (NFC, LF line ends, NUL-terminated) into o's paragraphs. */
void outline_split(const char *text, struct outline *o);

/* Whether paragraph `para` says something of its own after the item `item`
 * (a complete sentence with its own agency): then, when it comes after the
 * last item of a list, it belongs to the list's level, not to that item. */
typedef bool outline_alone_fn(void *ctx, const char *item, const char *para);

/* Links paragraphs [from, to) into a tree and writes their sections. alone
 * may be NULL (a paragraph after an item always belongs to it). */
void outline_build(struct outline *o, size_t from, size_t to, outline_alone_fn *alone, void *ctx);

/* Whether paragraph i ends with ':' (an introduction to what follows). */
bool outline_ends_colon(const struct outline_para *p);

/* The paragraph's text on one line (line breaks as spaces), newly allocated. */
char *outline_flat(const char *text);

#endif
