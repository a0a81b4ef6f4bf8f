#include "core/docx.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

#define LEVELS 9
#define MAX_DEFS 4096  /* styles, lists, list instances: more are ignored */
#define MAX_PARA_NEST 8

static bool is_w(const char *ns) { return strcmp(ns, W_NS) == 0 || strcmp(ns, W_NS_STRICT) == 0; }

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* ---- the package ---------------------------------------------------------- */

enum docx_kind docx_detect(struct zipxml *z, char **main_part)
{
	static const struct {
		const char *type;
		enum docx_kind kind;
	} types[] = {
		{ "wordprocessingml.document.main+xml", DOCX_WORD },
		{ "wordprocessingml.template.main+xml", DOCX_WORD },
		{ "ms-word.document.macroEnabled.main+xml", DOCX_WORD },
		{ "ms-word.template.macroEnabledTemplate.main+xml", DOCX_WORD },
		{ "spreadsheetml.sheet.main+xml", DOCX_SPREADSHEET },
		{ "ms-excel.sheet.macroEnabled.main+xml", DOCX_SPREADSHEET },
		{ "spreadsheetml.template.main+xml", DOCX_SPREADSHEET },
		{ "presentationml.presentation.main+xml", DOCX_PRESENTATION },
		{ "ms-powerpoint.presentation.macroEnabled.main+xml", DOCX_PRESENTATION },
		{ "presentationml.slideshow.main+xml", DOCX_PRESENTATION },
	};
	if (main_part)
		*main_part = NULL;
	if (!zipxml_has(z, "[Content_Types].xml"))
		return DOCX_NONE;
	struct zipxml_reader *r;
	enum docx_kind kind = DOCX_OTHER;
	if (zipxml_reader_open(z, "[Content_Types].xml", &r, NULL))
		return DOCX_OTHER;
	enum zipxml_event ev;
	while (kind == DOCX_OTHER && (ev = zipxml_reader_next(r)) != ZIPXML_EOF && ev != ZIPXML_ERROR) {
		if (ev != ZIPXML_START || strcmp(zipxml_reader_name(r), "Override") != 0)
			continue;
		char *type = zipxml_reader_attr(r, "ContentType"), *part = zipxml_reader_attr(r, "PartName");
		for (size_t i = 0; type && part && i < sizeof types / sizeof types[0]; i++) {
			if (!ends_with(type, types[i].type))
				continue;
			kind = types[i].kind;
			if (kind == DOCX_WORD && main_part)
				*main_part = xstrdup(part[0] == '/' ? part + 1 : part);
			break;
		}
		free(type);
		free(part);
	}
	zipxml_reader_close(r);
	return kind;
}

/* The entry name a relationship target names, from the part's folder. */
static char *resolve(const char *part, const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	const char *slash = strrchr(part, '/');
	size_t dir = slash ? (size_t)(slash - part) + 1 : 0;
	struct strbuf b = STRBUF_INIT;
	strbuf_addn(&b, part, dir);
	while (strncmp(target, "../", 3) == 0) {
		target += 3;
		if (b.len)
			strbuf_truncate(&b, b.len - 1);
		char *s = strrchr(b.p ? b.p : "", '/');
		strbuf_truncate(&b, s ? (size_t)(s - b.p) + 1 : 0);
	}
	strbuf_add(&b, target);
	return strbuf_take(&b);
}

/* Finds the numbering and styles parts of the main part. */
static void find_related(struct zipxml *z, const char *main_part, char **numbering, char **styles)
{
	*numbering = *styles = NULL;
	const char *slash = strrchr(main_part, '/');
	char *rels = slash ? xasprintf("%.*s/_rels/%s.rels", (int)(slash - main_part), main_part, slash + 1)
			   : xasprintf("_rels/%s.rels", main_part);
	struct zipxml_reader *r;
	if (zipxml_reader_open(z, rels, &r, NULL) == 0) {
		enum zipxml_event ev;
		while ((ev = zipxml_reader_next(r)) != ZIPXML_EOF && ev != ZIPXML_ERROR) {
			if (ev != ZIPXML_START || strcmp(zipxml_reader_name(r), "Relationship") != 0)
				continue;
			char *type = zipxml_reader_attr(r, "Type"), *target = zipxml_reader_attr(r, "Target");
			char *mode = zipxml_reader_attr(r, "TargetMode");
			if (type && target && !(mode && strcmp(mode, "External") == 0)) {
				if (ends_with(type, "/numbering") && !*numbering)
					*numbering = resolve(main_part, target);
				else if (ends_with(type, "/styles") && !*styles)
					*styles = resolve(main_part, target);
			}
			free(type);
			free(target);
			free(mode);
		}
		zipxml_reader_close(r);
	}
	free(rels);
	if (!*numbering && zipxml_has(z, "word/numbering.xml"))
		*numbering = xstrdup("word/numbering.xml");
	if (!*styles && zipxml_has(z, "word/styles.xml"))
		*styles = xstrdup("word/styles.xml");
}

/* ---- numbering and styles ------------------------------------------------- */

struct level {
	bool defined;
	int start;
	enum plain_numfmt fmt;
	bool bullet;
	bool legal;
	int restart;         /* w:lvlRestart: -1 when absent */
	char *text;          /* w:lvlText */
};

struct abstract {
	char *id;
	char *style_link;    /* w:numStyleLink */
	struct level lv[LEVELS];
	int count[LEVELS];
	bool started[LEVELS];
};

struct num {
	char *id;
	char *abstract_id;
	int start_override[LEVELS];
	bool has_override[LEVELS];
	bool used;
};

struct style {
	char *id;
	char *based_on;
	char *num_id;        /* NULL: none here */
	int ilvl;            /* -1: none here */
};

struct lists {
	struct abstract *abs;
	size_t n_abs, cap_abs;
	struct num *nums;
	size_t n_nums, cap_nums;
	struct style *styles;
	size_t n_styles, cap_styles;
};

static void lists_release(struct lists *l)
{
	for (size_t i = 0; i < l->n_abs; i++) {
		free(l->abs[i].id);
		free(l->abs[i].style_link);
		for (int k = 0; k < LEVELS; k++)
			free(l->abs[i].lv[k].text);
	}
	for (size_t i = 0; i < l->n_nums; i++) {
		free(l->nums[i].id);
		free(l->nums[i].abstract_id);
	}
	for (size_t i = 0; i < l->n_styles; i++) {
		free(l->styles[i].id);
		free(l->styles[i].based_on);
		free(l->styles[i].num_id);
	}
	free(l->abs);
	free(l->nums);
	free(l->styles);
}

static int to_int(const char *s, int fallback)
{
	if (!s || !*s)
		return fallback;
	char *end;
	long v = strtol(s, &end, 10);
	return *end || v < -100000 || v > 100000 ? fallback : (int)v;
}

static enum plain_numfmt numfmt(const char *v, bool *bullet)
{
	*bullet = false;
	if (!v || strcmp(v, "decimal") == 0)
		return PLAIN_DECIMAL;
	if (strcmp(v, "decimalZero") == 0)
		return PLAIN_DECIMAL_ZERO;
	if (strcmp(v, "upperRoman") == 0)
		return PLAIN_UPPER_ROMAN;
	if (strcmp(v, "lowerRoman") == 0)
		return PLAIN_LOWER_ROMAN;
	if (strcmp(v, "upperLetter") == 0)
		return PLAIN_UPPER_LETTER;
	if (strcmp(v, "lowerLetter") == 0)
		return PLAIN_LOWER_LETTER;
	if (strcmp(v, "none") == 0)
		return PLAIN_NO_NUMBER;
	if (strcmp(v, "bullet") == 0) {
		*bullet = true;
		return PLAIN_NO_NUMBER;
	}
	return PLAIN_DECIMAL; /* ordinals, east Asian counting …: digits are what a reader can use */
}

/* The value of the w:val attribute, newly allocated or NULL. */
static char *val(struct zipxml_reader *r) { return zipxml_reader_attr(r, "val"); }

/* Where numbering.xml is being read: the definition, instance, level and
 * overridden level the elements now belong to. */
struct numbering_at {
	struct abstract *a;
	struct num *n;
	struct level *lv;
	int override_lvl;
};

static struct abstract *new_abstract(struct zipxml_reader *r, struct lists *l)
{
	xgrow((void **)&l->abs, &l->cap_abs, l->n_abs + 1, sizeof *l->abs);
	struct abstract *a = &l->abs[l->n_abs++];
	memset(a, 0, sizeof *a);
	a->id = zipxml_reader_attr(r, "abstractNumId");
	if (!a->id)
		a->id = xstrdup("");
	for (int k = 0; k < LEVELS; k++)
		a->lv[k].restart = -1;
	return a;
}

static struct num *new_num(struct zipxml_reader *r, struct lists *l)
{
	xgrow((void **)&l->nums, &l->cap_nums, l->n_nums + 1, sizeof *l->nums);
	struct num *n = &l->nums[l->n_nums++];
	memset(n, 0, sizeof *n);
	n->id = zipxml_reader_attr(r, "numId");
	if (!n->id)
		n->id = xstrdup("");
	return n;
}

/* <w:lvl w:ilvl="k">: level k of the definition, (re)started. */
static struct level *new_level(struct zipxml_reader *r, struct abstract *a)
{
	char *s = zipxml_reader_attr(r, "ilvl");
	int k = to_int(s, -1);
	free(s);
	struct level *lv = k >= 0 && k < LEVELS ? &a->lv[k] : NULL;
	if (lv) {
		free(lv->text);
		memset(lv, 0, sizeof *lv);
		lv->defined = true;
		lv->start = 1;
		lv->restart = -1;
	}
	return lv;
}

/* An element inside <w:lvl>. */
static void level_property(struct zipxml_reader *r, const char *name, struct level *lv)
{
	char *s = val(r);
	if (strcmp(name, "start") == 0)
		lv->start = to_int(s, 1);
	else if (strcmp(name, "numFmt") == 0)
		lv->fmt = numfmt(s, &lv->bullet);
	else if (strcmp(name, "lvlText") == 0 && s) {
		free(lv->text);
		lv->text = s, s = NULL;
	} else if (strcmp(name, "lvlRestart") == 0)
		lv->restart = to_int(s, -1);
	else if (strcmp(name, "isLgl") == 0)
		lv->legal = !s || strcmp(s, "0") != 0;
	free(s);
}

/* An instance's element: its definition, or a level's start overridden. */
static void num_property(struct zipxml_reader *r, const char *name, struct numbering_at *at)
{
	struct num *n = at->n;
	if (strcmp(name, "abstractNumId") == 0 && !n->abstract_id) {
		n->abstract_id = val(r);
	} else if (strcmp(name, "lvlOverride") == 0) {
		char *s = zipxml_reader_attr(r, "ilvl");
		at->override_lvl = to_int(s, -1);
		free(s);
	} else if (strcmp(name, "startOverride") == 0 && at->override_lvl >= 0 && at->override_lvl < LEVELS) {
		char *s = val(r);
		n->start_override[at->override_lvl] = to_int(s, 1);
		n->has_override[at->override_lvl] = true;
		free(s);
	}
}

static void numbering_end(const char *name, struct numbering_at *at)
{
	if (strcmp(name, "abstractNum") == 0)
		at->a = NULL, at->lv = NULL;
	else if (strcmp(name, "num") == 0)
		at->n = NULL;
	else if (strcmp(name, "lvl") == 0)
		at->lv = NULL;
	else if (strcmp(name, "lvlOverride") == 0)
		at->override_lvl = -1;
}

static void read_numbering(struct zipxml *z, const char *part, struct lists *l)
{
	struct zipxml_reader *r;
	if (!part || zipxml_reader_open(z, part, &r, NULL))
		return;
	struct numbering_at at = { .override_lvl = -1 };
	enum zipxml_event ev;
	while ((ev = zipxml_reader_next(r)) != ZIPXML_EOF && ev != ZIPXML_ERROR) {
		const char *name = zipxml_reader_name(r);
		if (ev == ZIPXML_END)
			numbering_end(name, &at);
		if (ev != ZIPXML_START || !is_w(zipxml_reader_ns(r)))
			continue;
		if (strcmp(name, "abstractNum") == 0 && l->n_abs < MAX_DEFS)
			at.a = new_abstract(r, l);
		else if (strcmp(name, "num") == 0 && l->n_nums < MAX_DEFS)
			at.n = new_num(r, l);
		else if (at.n && (strcmp(name, "abstractNumId") == 0 || strcmp(name, "lvlOverride") == 0 ||
				  strcmp(name, "startOverride") == 0))
			num_property(r, name, &at);
		else if (strcmp(name, "numStyleLink") == 0 && at.a && !at.a->style_link)
			at.a->style_link = val(r);
		else if (strcmp(name, "lvl") == 0 && at.a)
			at.lv = new_level(r, at.a);
		else if (at.lv)
			level_property(r, name, at.lv);
	}
	zipxml_reader_close(r);
}

static void read_styles(struct zipxml *z, const char *part, struct lists *l)
{
	struct zipxml_reader *r;
	if (!part || zipxml_reader_open(z, part, &r, NULL))
		return;
	struct style *st = NULL;
	enum zipxml_event ev;
	while ((ev = zipxml_reader_next(r)) != ZIPXML_EOF && ev != ZIPXML_ERROR) {
		const char *name = zipxml_reader_name(r);
		if (ev == ZIPXML_END && strcmp(name, "style") == 0)
			st = NULL;
		if (ev != ZIPXML_START || !is_w(zipxml_reader_ns(r)))
			continue;
		if (strcmp(name, "style") == 0 && l->n_styles < MAX_DEFS) {
			xgrow((void **)&l->styles, &l->cap_styles, l->n_styles + 1, sizeof *l->styles);
			st = &l->styles[l->n_styles++];
			memset(st, 0, sizeof *st);
			st->id = zipxml_reader_attr(r, "styleId");
			if (!st->id)
				st->id = xstrdup("");
			st->ilvl = -1;
		} else if (st && strcmp(name, "basedOn") == 0 && !st->based_on) {
			st->based_on = val(r);
		} else if (st && strcmp(name, "numId") == 0 && !st->num_id) {
			st->num_id = val(r);
		} else if (st && strcmp(name, "ilvl") == 0) {
			char *s = val(r);
			st->ilvl = to_int(s, -1);
			free(s);
		}
	}
	zipxml_reader_close(r);
}

static struct style *find_style(struct lists *l, const char *id)
{
	for (size_t i = 0; id && i < l->n_styles; i++)
		if (strcmp(l->styles[i].id, id) == 0)
			return &l->styles[i];
	return NULL;
}

static struct num *find_num(struct lists *l, const char *id)
{
	for (size_t i = 0; id && i < l->n_nums; i++)
		if (strcmp(l->nums[i].id, id) == 0)
			return &l->nums[i];
	return NULL;
}

static struct abstract *find_abstract(struct lists *l, const char *id)
{
	for (size_t i = 0; id && i < l->n_abs; i++)
		if (strcmp(l->abs[i].id, id) == 0)
			return &l->abs[i];
	return NULL;
}

/* The list a paragraph is in, following a numbering style's link. */
static struct abstract *abstract_of(struct lists *l, struct num *n)
{
	struct abstract *a = find_abstract(l, n->abstract_id);
	if (a && a->style_link) {
		struct style *st = find_style(l, a->style_link);
		struct num *linked = st ? find_num(l, st->num_id) : NULL;
		struct abstract *b = linked ? find_abstract(l, linked->abstract_id) : NULL;
		if (b && !b->style_link)
			a = b;
	}
	return a;
}

/* Advances the paragraph's list and writes its label ("" when none). */
static void number_label(struct lists *l, const char *num_id, int ilvl, struct strbuf *label)
{
	struct num *n = find_num(l, num_id);
	struct abstract *a = n ? abstract_of(l, n) : NULL;
	if (!a || ilvl < 0 || ilvl >= LEVELS)
		return;
	if (!n->used) {
		n->used = true;
		for (int k = 0; k < LEVELS; k++)
			if (n->has_override[k]) {
				a->count[k] = n->start_override[k] - 1;
				a->started[k] = true;
			}
	}
	struct level *lv = &a->lv[ilvl];
	if (!lv->defined)
		return;
	a->count[ilvl] = a->started[ilvl] ? a->count[ilvl] + 1 : lv->start;
	a->started[ilvl] = true;
	for (int k = ilvl + 1; k < LEVELS; k++)
		if (a->lv[k].restart != 0 && (a->lv[k].restart < 0 || a->lv[k].restart - 1 >= ilvl))
			a->started[k] = false;
	if (lv->bullet) {
		strbuf_add(label, plain_bullet(lv->text, ilvl));
		return;
	}
	const char *t = lv->text ? lv->text : "";
	for (; *t; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			int k = t[1] - '1';
			int value = a->started[k] ? a->count[k] : a->lv[k].start;
			plain_format_number(label, value, lv->legal && k < ilvl ? PLAIN_DECIMAL : a->lv[k].fmt);
			t++;
		} else {
			strbuf_addch(label, *t);
		}
	}
}

/* ---- the body ------------------------------------------------------------- */

struct para {
	struct strbuf text;      /* '\n' where a line breaks */
	char *style, *num_id;
	int ilvl;
};

struct body {
	struct plain *out;
	struct lists *lists;
	struct para stack[MAX_PARA_NEST];
	int depth;               /* open paragraphs */
	bool in_ppr, in_rpr, hidden, in_t;
};

static void para_emit(struct body *b, struct para *p)
{
	struct strbuf label = STRBUF_INIT;
	const char *num_id = p->num_id;
	int ilvl = p->ilvl;
	if (!num_id || ilvl < 0) {
		/* numbering from the style, and its parents */
		struct style *st = find_style(b->lists, p->style);
		for (int hops = 0; st && hops < 16 && (!num_id || ilvl < 0); hops++) {
			if (!num_id && st->num_id)
				num_id = st->num_id;
			if (ilvl < 0 && st->ilvl >= 0)
				ilvl = st->ilvl;
			st = find_style(b->lists, st->based_on);
		}
	}
	if (num_id && strcmp(num_id, "0") != 0)
		number_label(b->lists, num_id, ilvl < 0 ? 0 : ilvl, &label);
	if (label.len && p->text.len) {
		plain_text(b->out, label.p, label.len);
		plain_text(b->out, " ", 1);
	}
	const char *s = strbuf_str(&p->text);
	while (*s) {
		size_t n = strcspn(s, "\n");
		plain_text(b->out, s, n);
		if (s[n] == '\n')
			plain_break(b->out);
		s += n + (s[n] == '\n');
	}
	plain_para_end(b->out);
	strbuf_release(&label);
}

static void para_reset(struct para *p)
{
	strbuf_release(&p->text);
	free(p->style);
	free(p->num_id);
	p->style = p->num_id = NULL;
	p->ilvl = -1;
}

static struct para *cur(struct body *b) { return b->depth > 0 ? &b->stack[b->depth - 1] : NULL; }

static void add(struct body *b, const char *s)
{
	struct para *p = cur(b);
	if (p)
		strbuf_add(&p->text, s);
}

static bool skipped(const char *name, const char *ns)
{
	static const char *const w[] = { "del", "delText", "instrText", "moveFrom", "footnoteReference",
					 "endnoteReference", "commentReference", "rPrChange", "pPrChange",
					 "sectPr", "tblPr", "tblGrid", "trPr", "sdtPr" };
	if (strcmp(ns, MC_NS) == 0)
		return strcmp(name, "Fallback") == 0;
	if (!is_w(ns))
		return false;
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(name, w[i]) == 0)
			return true;
	return false;
}

static void on_start(struct body *b, struct zipxml_reader *r)
{
	const char *name = zipxml_reader_name(r), *ns = zipxml_reader_ns(r);
	if (skipped(name, ns)) {
		zipxml_reader_skip(r);
		return;
	}
	if (!is_w(ns))
		return;
	struct para *p = cur(b);
	if (strcmp(name, "p") == 0) {
		if (b->depth < MAX_PARA_NEST) {
			struct para *q = &b->stack[b->depth++];
			memset(q, 0, sizeof *q);
			q->ilvl = -1;
		} else {
			add(b, " ");
		}
	} else if (strcmp(name, "pPr") == 0) {
		b->in_ppr = true;
	} else if (strcmp(name, "rPr") == 0) {
		b->in_rpr = true;
	} else if (strcmp(name, "r") == 0) {
		b->hidden = false;
	} else if (b->in_rpr && (strcmp(name, "vanish") == 0 || strcmp(name, "specVanish") == 0)) {
		char *v = val(r);
		b->hidden = !v || (strcmp(v, "0") != 0 && strcmp(v, "false") != 0);
		free(v);
	} else if (b->in_ppr && p && strcmp(name, "pStyle") == 0) {
		free(p->style);
		p->style = val(r);
	} else if (b->in_ppr && p && strcmp(name, "numId") == 0) {
		free(p->num_id);
		p->num_id = val(r);
	} else if (b->in_ppr && p && strcmp(name, "ilvl") == 0) {
		char *v = val(r);
		p->ilvl = to_int(v, 0);
		free(v);
	} else if (b->in_ppr || b->in_rpr) {
		return;
	} else if (strcmp(name, "t") == 0) {
		b->in_t = true;
	} else if (strcmp(name, "tab") == 0 || strcmp(name, "ptab") == 0) {
		if (!b->hidden)
			add(b, " ");
	} else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
		if (!b->hidden)
			add(b, "\n");
	} else if (strcmp(name, "noBreakHyphen") == 0) {
		if (!b->hidden)
			add(b, "-");
	} else if (strcmp(name, "tbl") == 0) {
		plain_table_begin(b->out);
	} else if (strcmp(name, "tr") == 0) {
		plain_row_begin(b->out);
	} else if (strcmp(name, "tc") == 0) {
		plain_cell_begin(b->out, 1);
	} else if (strcmp(name, "gridSpan") == 0) {
		char *v = val(r);
		plain_cell_span(b->out, (unsigned)to_int(v, 1));
		free(v);
	}
}

static void on_end(struct body *b, struct zipxml_reader *r)
{
	const char *name = zipxml_reader_name(r);
	if (!is_w(zipxml_reader_ns(r)))
		return;
	if (strcmp(name, "p") == 0 && b->depth > 0) {
		struct para *p = cur(b);
		para_emit(b, p);
		para_reset(p);
		b->depth--;
	} else if (strcmp(name, "pPr") == 0) {
		b->in_ppr = false;
	} else if (strcmp(name, "rPr") == 0) {
		b->in_rpr = false;
	} else if (strcmp(name, "t") == 0) {
		b->in_t = false;
	} else if (strcmp(name, "tbl") == 0) {
		plain_table_end(b->out);
	} else if (strcmp(name, "tr") == 0) {
		plain_row_end(b->out);
	} else if (strcmp(name, "tc") == 0) {
		plain_cell_end(b->out);
	}
}

int docx_read(struct zipxml *z, const char *main_part, struct plain *out, char *err)
{
	struct lists lists = { 0 };
	char *numbering, *styles;
	find_related(z, main_part, &numbering, &styles);
	read_numbering(z, numbering, &lists);
	read_styles(z, styles, &lists);
	free(numbering);
	free(styles);

	struct zipxml_reader *r;
	int rc = -1;
	if (zipxml_reader_open(z, main_part, &r, err)) {
		lists_release(&lists);
		return -1;
	}
	struct body b = { .out = out, .lists = &lists };
	enum zipxml_event ev;
	while ((ev = zipxml_reader_next(r)) != ZIPXML_EOF) {
		if (ev == ZIPXML_ERROR) {
			err_set(err, "%s", zipxml_reader_error(r));
			goto out;
		}
		if (plain_full(out))
			break;
		if (ev == ZIPXML_START)
			on_start(&b, r);
		else if (ev == ZIPXML_END)
			on_end(&b, r);
		else if (ev == ZIPXML_TEXT && b.in_t && !b.hidden)
			add(&b, zipxml_reader_text(r));
	}
	while (b.depth > 0) {
		para_emit(&b, cur(&b));
		para_reset(cur(&b));
		b.depth--;
	}
	rc = 0;
out:
	for (int i = 0; i < b.depth; i++)
		para_reset(&b.stack[i]);
	zipxml_reader_close(r);
	lists_release(&lists);
	return rc;
}
