#include "core/odt.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define STYLE_NS "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

#define LEVELS 10
#define MAX_DEFS 4096
#define MAX_NEST 16
#define OUTLINE "\x01outline" /* the outline style's name: no real style has it */

enum odt_kind odt_detect(struct zipxml *z, char **mimetype)
{
	char *m = NULL;
	size_t len;
	if (mimetype)
		*mimetype = NULL;
	if (!zipxml_has(z, "mimetype") || zipxml_read(z, "mimetype", 256, &m, &len, NULL))
		return ODT_NONE;
	m[strcspn(m, "\r\n")] = '\0';
	enum odt_kind k = ODT_NONE;
	if (strcmp(m, "application/vnd.oasis.opendocument.text") == 0 ||
	    strcmp(m, "application/vnd.oasis.opendocument.text-template") == 0)
		k = ODT_TEXT;
	else if (strncmp(m, "application/vnd.oasis.opendocument.", 35) == 0)
		k = ODT_OTHER;
	if (k == ODT_OTHER && mimetype)
		*mimetype = m, m = NULL;
	free(m);
	return k;
}

/* ---- list styles ---------------------------------------------------------- */

struct level {
	bool defined, bullet;
	enum plain_numfmt fmt;
	char *prefix, *suffix, *bullet_char;
	int display, start;
};

struct list_style {
	char *name;
	struct level lv[LEVELS];
	int count[LEVELS];
	bool started[LEVELS];
};

struct para_style {
	char *name, *parent, *list_style;
};

struct styles {
	struct list_style *ls;
	size_t n_ls, cap_ls;
	struct para_style *ps;
	size_t n_ps, cap_ps;
};

static void styles_release(struct styles *s)
{
	for (size_t i = 0; i < s->n_ls; i++) {
		free(s->ls[i].name);
		for (int k = 0; k < LEVELS; k++) {
			free(s->ls[i].lv[k].prefix);
			free(s->ls[i].lv[k].suffix);
			free(s->ls[i].lv[k].bullet_char);
		}
	}
	for (size_t i = 0; i < s->n_ps; i++) {
		free(s->ps[i].name);
		free(s->ps[i].parent);
		free(s->ps[i].list_style);
	}
	free(s->ls);
	free(s->ps);
}

static struct list_style *find_list(struct styles *s, const char *name)
{
	for (size_t i = 0; name && i < s->n_ls; i++)
		if (strcmp(s->ls[i].name, name) == 0)
			return &s->ls[i];
	return NULL;
}

static struct para_style *find_para(struct styles *s, const char *name)
{
	for (size_t i = 0; name && i < s->n_ps; i++)
		if (strcmp(s->ps[i].name, name) == 0)
			return &s->ps[i];
	return NULL;
}

static int to_int(const char *v, int fallback)
{
	if (!v || !*v)
		return fallback;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < -100000 || n > 100000 ? fallback : (int)n;
}

static enum plain_numfmt numfmt(const char *f)
{
	if (!f || !*f)
		return PLAIN_NO_NUMBER;
	if (strcmp(f, "I") == 0)
		return PLAIN_UPPER_ROMAN;
	if (strcmp(f, "i") == 0)
		return PLAIN_LOWER_ROMAN;
	if (strcmp(f, "A") == 0)
		return PLAIN_UPPER_LETTER;
	if (strcmp(f, "a") == 0)
		return PLAIN_LOWER_LETTER;
	return PLAIN_DECIMAL;
}

static bool is(struct zipxml_reader *r, const char *ns, const char *name)
{
	return strcmp(zipxml_reader_name(r), name) == 0 && strcmp(zipxml_reader_ns(r), ns) == 0;
}

/* Reads a list style or paragraph style definition at the reader's
 * position; returns true when the element was one. */
static bool style_element(struct styles *s, struct zipxml_reader *r, struct list_style **cur)
{
	if (is(r, TEXT_NS, "list-style") || is(r, TEXT_NS, "outline-style")) {
		*cur = NULL;
		if (s->n_ls >= MAX_DEFS)
			return true;
		char *name = is(r, TEXT_NS, "outline-style") ? xstrdup(OUTLINE) : zipxml_reader_attr(r, "name");
		if (!name)
			return true;
		xgrow((void **)&s->ls, &s->cap_ls, s->n_ls + 1, sizeof *s->ls);
		*cur = &s->ls[s->n_ls++];
		memset(*cur, 0, sizeof **cur);
		(*cur)->name = name;
		return true;
	}
	if (*cur && (is(r, TEXT_NS, "list-level-style-number") || is(r, TEXT_NS, "list-level-style-bullet") ||
		     is(r, TEXT_NS, "outline-level-style"))) {
		char *lv = zipxml_reader_attr(r, "level");
		int k = to_int(lv, 0) - 1;
		free(lv);
		if (k < 0 || k >= LEVELS)
			return true;
		struct level *l = &(*cur)->lv[k];
		free(l->prefix);
		free(l->suffix);
		free(l->bullet_char);
		memset(l, 0, sizeof *l);
		l->defined = true;
		l->bullet = is(r, TEXT_NS, "list-level-style-bullet");
		char *v = zipxml_reader_attr(r, "num-format");
		l->fmt = numfmt(v);
		free(v);
		l->prefix = zipxml_reader_attr(r, "num-prefix");
		l->suffix = zipxml_reader_attr(r, "num-suffix");
		l->bullet_char = zipxml_reader_attr(r, "bullet-char");
		v = zipxml_reader_attr(r, "display-levels");
		l->display = to_int(v, 1);
		free(v);
		v = zipxml_reader_attr(r, "start-value");
		l->start = to_int(v, 1);
		free(v);
		return true;
	}
	if (is(r, STYLE_NS, "style")) {
		char *list = zipxml_reader_attr(r, "list-style-name"), *parent = zipxml_reader_attr(r, "parent-style-name");
		char *name = zipxml_reader_attr(r, "name");
		if (name && (list || parent) && s->n_ps < MAX_DEFS) {
			xgrow((void **)&s->ps, &s->cap_ps, s->n_ps + 1, sizeof *s->ps);
			s->ps[s->n_ps++] = (struct para_style){ name, parent, list };
		} else {
			free(name);
			free(parent);
			free(list);
		}
		return true;
	}
	return false;
}

static void read_styles_part(struct zipxml *z, struct styles *s)
{
	struct zipxml_reader *r;
	if (!zipxml_has(z, "styles.xml") || zipxml_reader_open(z, "styles.xml", &r, NULL))
		return;
	struct list_style *cur = NULL;
	enum zipxml_event ev;
	while ((ev = zipxml_reader_next(r)) != ZIPXML_EOF && ev != ZIPXML_ERROR)
		if (ev == ZIPXML_START)
			style_element(s, r, &cur);
	zipxml_reader_close(r);
}

/* The list style of a paragraph style or its parents. */
static const char *para_list_style(struct styles *s, const char *name)
{
	struct para_style *p = find_para(s, name);
	for (int hops = 0; p && hops < 16; hops++) {
		if (p->list_style && *p->list_style)
			return p->list_style;
		p = find_para(s, p->parent);
	}
	return NULL;
}

/* Counts item at level k (0-based) of list style ls and writes its label. */
static void label_of(struct list_style *ls, int k, int start_value, struct strbuf *out)
{
	if (!ls || k < 0 || k >= LEVELS)
		return;
	struct level *l = &ls->lv[k];
	ls->count[k] = start_value > 0 ? start_value : ls->started[k] ? ls->count[k] + 1 : (l->defined ? l->start : 1);
	ls->started[k] = true;
	for (int j = k + 1; j < LEVELS; j++)
		ls->started[j] = false;
	if (!l->defined)
		return;
	if (l->bullet) {
		strbuf_add(out, plain_bullet(l->bullet_char, k));
		return;
	}
	if (l->fmt == PLAIN_NO_NUMBER)
		return;
	int display = l->display < 1 ? 1 : l->display > k + 1 ? k + 1 : l->display;
	if (l->prefix)
		strbuf_add(out, l->prefix);
	for (int j = k - display + 1; j <= k; j++) {
		if (j < k)
			plain_format_number(out, ls->started[j] ? ls->count[j] : ls->lv[j].start > 0 ? ls->lv[j].start : 1,
					    ls->lv[j].defined ? ls->lv[j].fmt : PLAIN_DECIMAL);
		else
			plain_format_number(out, ls->count[k], l->fmt);
		if (j < k)
			strbuf_addch(out, '.');
	}
	if (l->suffix)
		strbuf_add(out, l->suffix);
}

/* ---- the body ------------------------------------------------------------- */

struct list_ctx {
	char *style;            /* the list style in force, or NULL */
	bool item_open, item_labelled;
	int start_value;        /* text:start-value of the open item, 0: none */
	bool header;            /* a text:list-header: no number */
};

struct body {
	struct plain *out;
	struct styles *styles;
	struct list_ctx lists[MAX_NEST];
	int n_lists;
	int para_depth;         /* text:p / text:h open */
	struct strbuf para[MAX_NEST];
	bool para_space[MAX_NEST]; /* the paragraph ends in a collapsible space */
	struct list_style *defining;
};

static void list_push(struct body *b, struct zipxml_reader *r)
{
	char *style = zipxml_reader_attr(r, "style-name");
	if (!style && b->n_lists > 0 && b->lists[b->n_lists - 1].style)
		style = xstrdup(b->lists[b->n_lists - 1].style);
	char *cont = zipxml_reader_attr(r, "continue-numbering"), *cont_list = zipxml_reader_attr(r, "continue-list");
	bool continues = (cont && strcmp(cont, "true") == 0) || cont_list;
	free(cont);
	free(cont_list);
	if (b->n_lists == 0 && !continues) {
		struct list_style *ls = find_list(b->styles, style);
		if (ls)
			memset(ls->started, 0, sizeof ls->started);
	}
	if (b->n_lists < MAX_NEST) {
		struct list_ctx *c = &b->lists[b->n_lists];
		memset(c, 0, sizeof *c);
		c->style = style;
	} else {
		free(style);
	}
	b->n_lists++;
}

static void list_pop(struct body *b)
{
	if (b->n_lists <= 0)
		return;
	b->n_lists--;
	if (b->n_lists < MAX_NEST) {
		free(b->lists[b->n_lists].style);
		b->lists[b->n_lists].style = NULL;
	}
}

static struct strbuf *para_buf(struct body *b)
{
	return b->para_depth > 0 && b->para_depth <= MAX_NEST ? &b->para[b->para_depth - 1] : NULL;
}

/* Text as ODF reads it: runs of white space are one space. */
static void add_text(struct body *b, const char *s, bool collapse)
{
	struct strbuf *p = para_buf(b);
	if (!p)
		return;
	bool *space = &b->para_space[b->para_depth - 1];
	for (; *s; s++) {
		bool ws = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
		if (ws && collapse) {
			if (!*space && p->len)
				strbuf_addch(p, ' ');
			*space = true;
		} else {
			strbuf_addch(p, *s);
			*space = false;
		}
	}
}

static void para_start(struct body *b, struct zipxml_reader *r, bool heading)
{
	b->para_depth++;
	struct strbuf *p = para_buf(b);
	if (!p) {
		return;
	}
	strbuf_init(p);
	b->para_space[b->para_depth - 1] = false;
	/* the label: the first paragraph of a list item, or a numbered heading */
	struct strbuf label = STRBUF_INIT;
	char *style = zipxml_reader_attr(r, "style-name");
	struct list_ctx *lc = b->n_lists > 0 && b->n_lists <= MAX_NEST ? &b->lists[b->n_lists - 1] : NULL;
	if (lc && lc->item_open && !lc->item_labelled && !lc->header) {
		lc->item_labelled = true;
		const char *ls_name = lc->style ? lc->style : para_list_style(b->styles, style);
		label_of(find_list(b->styles, ls_name), b->n_lists - 1, lc->start_value, &label);
	} else if (heading && b->n_lists == 0) {
		char *lvl = zipxml_reader_attr(r, "outline-level"), *hdr = zipxml_reader_attr(r, "is-list-header");
		int k = to_int(lvl, 0) - 1;
		if (!(hdr && strcmp(hdr, "true") == 0))
			label_of(find_list(b->styles, OUTLINE), k, 0, &label);
		free(lvl);
		free(hdr);
	}
	free(style);
	if (label.len) {
		strbuf_addn(p, label.p, label.len);
		strbuf_addch(p, ' ');
		b->para_space[b->para_depth - 1] = true;
	}
	strbuf_release(&label);
}

static void para_end(struct body *b)
{
	struct strbuf *p = para_buf(b);
	if (p) {
		const char *s = strbuf_str(p);
		while (*s) {
			size_t n = strcspn(s, "\n");
			plain_text(b->out, s, n);
			if (s[n] == '\n')
				plain_break(b->out);
			s += n + (s[n] == '\n');
		}
		plain_para_end(b->out);
		strbuf_release(p);
	}
	if (b->para_depth > 0)
		b->para_depth--;
}

static bool skipped(struct zipxml_reader *r)
{
	return is(r, TEXT_NS, "note-citation") || is(r, TEXT_NS, "note-body") || is(r, OFFICE_NS, "annotation") ||
	       is(r, TEXT_NS, "tracked-changes") || is(r, TEXT_NS, "sequence-decls") ||
	       is(r, TABLE_NS, "table-columns") || is(r, TABLE_NS, "table-column") ||
	       is(r, TABLE_NS, "covered-table-cell") || is(r, OFFICE_NS, "forms") ||
	       is(r, TEXT_NS, "number"); /* a label written out: computed here instead */
}

static void on_start(struct body *b, struct zipxml_reader *r)
{
	if (style_element(b->styles, r, &b->defining))
		return;
	if (skipped(r)) {
		zipxml_reader_skip(r);
		return;
	}
	const char *ns = zipxml_reader_ns(r), *name = zipxml_reader_name(r);
	if (strcmp(ns, TEXT_NS) == 0) {
		if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
			para_start(b, r, name[0] == 'h');
		} else if (strcmp(name, "list") == 0) {
			list_push(b, r);
		} else if ((strcmp(name, "list-item") == 0 || strcmp(name, "list-header") == 0) && b->n_lists > 0 &&
			   b->n_lists <= MAX_NEST) {
			struct list_ctx *c = &b->lists[b->n_lists - 1];
			c->item_open = true;
			c->item_labelled = false;
			c->header = name[5] == 'h';
			char *v = zipxml_reader_attr(r, "start-value");
			c->start_value = to_int(v, 0);
			free(v);
		} else if (strcmp(name, "s") == 0) {
			char *c = zipxml_reader_attr(r, "c");
			int n = to_int(c, 1);
			free(c);
			for (int i = 0; i < n && i < 64; i++)
				add_text(b, " ", false);
		} else if (strcmp(name, "tab") == 0) {
			add_text(b, " ", false);
		} else if (strcmp(name, "line-break") == 0) {
			add_text(b, "\n", false);
		}
	} else if (strcmp(ns, TABLE_NS) == 0) {
		if (strcmp(name, "table") == 0) {
			plain_table_begin(b->out);
		} else if (strcmp(name, "table-row") == 0) {
			plain_row_begin(b->out);
		} else if (strcmp(name, "table-cell") == 0) {
			char *v = zipxml_reader_attr(r, "number-columns-spanned");
			plain_cell_begin(b->out, (unsigned)to_int(v, 1));
			free(v);
		}
	}
}

static void on_end(struct body *b, struct zipxml_reader *r)
{
	const char *ns = zipxml_reader_ns(r), *name = zipxml_reader_name(r);
	if (strcmp(ns, TEXT_NS) == 0) {
		if (strcmp(name, "p") == 0 || strcmp(name, "h") == 0) {
			para_end(b);
		} else if (strcmp(name, "list") == 0) {
			list_pop(b);
		} else if ((strcmp(name, "list-item") == 0 || strcmp(name, "list-header") == 0) && b->n_lists > 0 &&
			   b->n_lists <= MAX_NEST) {
			b->lists[b->n_lists - 1].item_open = false;
		} else if (strcmp(name, "list-style") == 0 || strcmp(name, "outline-style") == 0) {
			b->defining = NULL;
		}
	} else if (strcmp(ns, TABLE_NS) == 0) {
		if (strcmp(name, "table") == 0)
			plain_table_end(b->out);
		else if (strcmp(name, "table-row") == 0)
			plain_row_end(b->out);
		else if (strcmp(name, "table-cell") == 0)
			plain_cell_end(b->out);
	}
}

int odt_read(struct zipxml *z, struct plain *out, char *err)
{
	struct styles styles = { 0 };
	struct zipxml_reader *r;
	int rc = -1;
	read_styles_part(z, &styles);
	if (zipxml_reader_open(z, "content.xml", &r, err)) {
		styles_release(&styles);
		return -1;
	}
	struct body b = { .out = out, .styles = &styles };
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
		else if (ev == ZIPXML_TEXT && b.para_depth > 0)
			add_text(&b, zipxml_reader_text(r), true);
	}
	while (b.para_depth > 0)
		para_end(&b);
	rc = 0;
out:
	while (b.para_depth > 0) {
		struct strbuf *p = para_buf(&b);
		if (p)
			strbuf_release(p);
		b.para_depth--;
	}
	while (b.n_lists > 0)
		list_pop(&b);
	zipxml_reader_close(r);
	styles_release(&styles);
	return rc;
}
