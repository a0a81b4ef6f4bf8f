#define _GNU_SOURCE /* memmem */
#include "core/zipxml.h"

#include <string.h>
#include <stdlib.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/xalloc.h"

struct zipxml {
	zip_t *za;
};

struct zipxml_reader {
	zip_file_t *zf;
	xmlTextReaderPtr xr;
	char *part;
	size_t total;          /* bytes unpacked so far */
	char tail[8];          /* the last bytes of the previous chunk */
	size_t n_tail;
	bool pending_end;      /* an empty element was just started */
	int skip_depth;        /* zipxml_reader_skip()'s element, -1: none */
	bool done;
	enum zipxml_event last;
	char error[ERR_MAX];
};

int zipxml_open(struct zipxml **z, const char *data, size_t len, char *err)
{
	zip_error_t ze;
	zip_error_init(&ze);
	*z = NULL;
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		err_set(err, VI ? "tệp nén zip bị hỏng (%s)" : "damaged zip archive (%s)", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!za) {
		err_set(err, VI ? "tệp nén zip bị hỏng (%s)" : "damaged zip archive (%s)", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	zip_int64_t n = zip_get_num_entries(za, 0);
	if (n > ZIPXML_MAX_ENTRIES) {
		zip_discard(za);
		return err_set(err, VI ? "bị hỏng hoặc không phải tài liệu: tệp nén zip có %lld mục (một tài liệu có tối đa %d)"
				: "damaged or not a document: a zip archive of %lld entries (a document has at most %d)",
			       (long long)n, ZIPXML_MAX_ENTRIES);
	}
	static bool xml_ready;
	if (!xml_ready) {
		xmlInitParser();
		xml_ready = true;
	}
	*z = xcalloc(1, sizeof **z);
	(*z)->za = za;
	return 0;
}

void zipxml_close(struct zipxml *z)
{
	if (!z)
		return;
	zip_discard(z->za);
	free(z);
}

bool zipxml_has(struct zipxml *z, const char *name) { return zip_name_locate(z->za, name, ZIP_FL_NOCASE) >= 0; }

bool zipxml_encrypted(struct zipxml *z)
{
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
		    st.encryption_method != ZIP_EM_NONE)
			return true;
	}
	return false;
}

/* Opens entry name for reading, or fails with a message naming it. */
static zip_file_t *open_entry(struct zipxml *z, const char *name, size_t max, char *err)
{
	zip_int64_t i = zip_name_locate(z->za, name, ZIP_FL_NOCASE);
	zip_stat_t st;
	if (i < 0)
		return err_set(err, VI ? "thiếu '%s' trong gói tài liệu"
				: "'%s' is missing from the package", name), NULL;
	if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) != 0)
		return err_set(err, "'%s': %s", name, zip_strerror(z->za)), NULL;
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return err_set(err, VI ? "'%s' đã được mã hoá (tệp zip có mật khẩu)"
				: "'%s' is encrypted (a password-protected zip)", name), NULL;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > max)
		return err_set(err, VI ? "'%s' giải nén ra %llu byte, nhiều hơn mức %zu của một phần tài liệu (có thể là bom zip)"
				: "'%s' unpacks to %llu bytes, more than the %zu a document part may have (a zip bomb?)",
			       name, (unsigned long long)st.size, max), NULL;
	zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
	if (!f)
		err_set(err, VI ? "không giải nén được '%s' (%s)"
				: "'%s' cannot be unpacked (%s)", name, zip_strerror(z->za));
	return f;
}

int zipxml_read(struct zipxml *z, const char *name, size_t max, char **data, size_t *len, char *err)
{
	*data = NULL;
	*len = 0;
	zip_file_t *f = open_entry(z, name, max, err);
	if (!f)
		return -1;
	size_t cap = 0, n = 0;
	char *buf = NULL;
	for (;;) {
		xgrow((void **)&buf, &cap, n + 4096 + 1, 1);
		zip_int64_t got = zip_fread(f, buf + n, cap - n - 1);
		if (got < 0) {
			err_set(err, VI ? "'%s' bị hỏng (%s)" : "'%s' is damaged (%s)", name, zip_file_strerror(f));
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			err_set(err, VI ? "'%s' giải nén ra hơn %zu byte (có thể là bom zip)"
					: "'%s' unpacks to more than %zu bytes (a zip bomb?)", name, max);
			goto fail;
		}
	}
	zip_fclose(f);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
fail:
	zip_fclose(f);
	free(buf);
	return -1;
}

/* ---- the XML stream ------------------------------------------------------- */

static void fail(struct zipxml_reader *r, const char *fmt, const char *what)
{
	if (!r->error[0])
		snprintf(r->error, sizeof r->error, fmt, r->part, what);
}

/* Looks for a declaration in [p, p + n). */
static bool has_declaration(const char *p, size_t n)
{
	return memmem(p, n, "<!DOCTYPE", 9) || memmem(p, n, "<!ENTITY", 8);
}

static int io_read(void *ctx, char *buf, int len)
{
	struct zipxml_reader *r = ctx;
	if (r->error[0] || len <= 0)
		return -1;
	zip_int64_t n = zip_fread(r->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		fail(r, VI ? "'%s' bị hỏng (%s)" : "'%s' is damaged (%s)", zip_file_strerror(r->zf));
		return -1;
	}
	size_t got = (size_t)n;
	if (r->total == 0 && got > 0) {
		const unsigned char *u = (const unsigned char *)buf;
		size_t at = got >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf ? 3 : 0;
		if (u[at] == 0 || u[at] == 0xfe || u[at] == 0xff || (at + 1 < got && u[at + 1] == 0)) {
			fail(r, "'%s' is %s, not UTF-8 XML", "UTF-16 or UTF-32 text");
			return -1;
		}
	}
	r->total += got;
	if (r->total > ZIPXML_MAX_PART) {
		fail(r, "'%s' unpacks to more than %s (a zip bomb?)", "64 MiB");
		return -1;
	}
	/* a declaration split across two chunks is found in the seam */
	char seam[16];
	size_t head = got < 8 ? got : 8;
	memcpy(seam, r->tail, r->n_tail);
	memcpy(seam + r->n_tail, buf, head);
	if (has_declaration(seam, r->n_tail + head) || has_declaration(buf, got)) {
		fail(r, "'%s' holds a %s, which a document part never has (refused: no entity is expanded)",
		     "document type or entity declaration");
		return -1;
	}
	if (got >= 8) {
		memcpy(r->tail, buf + got - 8, 8);
		r->n_tail = 8;
	} else {
		size_t keep = r->n_tail + got > 8 ? 8 - got : r->n_tail;
		memmove(r->tail, r->tail + r->n_tail - keep, keep);
		memcpy(r->tail + keep, buf, got);
		r->n_tail = keep + got;
	}
	return (int)got;
}

static int io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct zipxml_reader *r = ctx;
	if (!e || e->level < XML_ERR_ERROR || r->error[0])
		return;
	char msg[256];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed");
	msg[strcspn(msg, "\r\n")] = '\0';
	snprintf(r->error, sizeof r->error, "'%s' is not well-formed XML (line %d: %s)", r->part, e->line, msg);
}

int zipxml_reader_open(struct zipxml *z, const char *name, struct zipxml_reader **out, char *err)
{
	*out = NULL;
	zip_file_t *f = open_entry(z, name, ZIPXML_MAX_PART, err);
	if (!f)
		return -1;
	struct zipxml_reader *r = xcalloc(1, sizeof *r);
	r->skip_depth = -1;
	r->zf = f;
	r->part = xstrdup(name);
	/* no NOENT (entities are never substituted), no DTDLOAD, no XINCLUDE,
	 * no HUGE: libxml2's own limits stay on */
	r->xr = xmlReaderForIO(io_read, io_close, r, NULL, NULL,
			       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (!r->xr) {
		err_set(err, VI ? "không đọc được '%s' dưới dạng XML" : "'%s' cannot be read as XML", name);
		zipxml_reader_close(r);
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(r->xr, on_xml_error, r);
	*out = r;
	return 0;
}

void zipxml_reader_close(struct zipxml_reader *r)
{
	if (!r)
		return;
	if (r->xr)
		xmlFreeTextReader(r->xr);
	if (r->zf)
		zip_fclose(r->zf);
	free(r->part);
	free(r);
}

static enum zipxml_event next_event(struct zipxml_reader *r)
{
	if (r->done)
		return r->last;
	if (r->pending_end) {
		r->pending_end = false;
		return ZIPXML_END;
	}
	for (;;) {
		int rc = xmlTextReaderRead(r->xr);
		if (rc == 0 && !r->error[0]) {
			r->done = true;
			return r->last = ZIPXML_EOF;
		}
		if (rc != 1 || r->error[0]) {
			if (!r->error[0])
				snprintf(r->error, sizeof r->error, "'%s' is not well-formed XML", r->part);
			r->done = true;
			return r->last = ZIPXML_ERROR;
		}
		switch (xmlTextReaderNodeType(r->xr)) {
		case XML_READER_TYPE_ELEMENT:
			r->pending_end = xmlTextReaderIsEmptyElement(r->xr) == 1;
			return ZIPXML_START;
		case XML_READER_TYPE_END_ELEMENT:
			return ZIPXML_END;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			return ZIPXML_TEXT;
		case XML_READER_TYPE_DOCUMENT_TYPE:
		case XML_READER_TYPE_ENTITY_REFERENCE:
			snprintf(r->error, sizeof r->error, "'%s' holds a document type or entity declaration (refused)",
				 r->part);
			r->done = true;
			return r->last = ZIPXML_ERROR;
		default:
			continue;
		}
	}
}

enum zipxml_event zipxml_reader_next(struct zipxml_reader *r)
{
	for (;;) {
		enum zipxml_event ev = next_event(r);
		if (r->skip_depth < 0 || ev == ZIPXML_EOF || ev == ZIPXML_ERROR)
			return ev;
		if (ev == ZIPXML_END && xmlTextReaderDepth(r->xr) == r->skip_depth)
			r->skip_depth = -1; /* the skipped element's end: passed over too */
	}
}

void zipxml_reader_skip(struct zipxml_reader *r)
{
	if (r->pending_end) /* an empty element: nothing inside, and its end passed over */
		r->pending_end = false;
	else
		r->skip_depth = xmlTextReaderDepth(r->xr);
}

static const char *str(const xmlChar *s) { return s ? (const char *)s : ""; }

const char *zipxml_reader_name(const struct zipxml_reader *r)
{
	return xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_ELEMENT ||
			       xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_END_ELEMENT
		       ? str(xmlTextReaderConstLocalName(r->xr))
		       : "";
}

const char *zipxml_reader_ns(const struct zipxml_reader *r) { return str(xmlTextReaderConstNamespaceUri(r->xr)); }

const char *zipxml_reader_text(const struct zipxml_reader *r) { return str(xmlTextReaderConstValue(r->xr)); }

char *zipxml_reader_attr(struct zipxml_reader *r, const char *local)
{
	char *value = NULL;
	if (xmlTextReaderMoveToFirstAttribute(r->xr) != 1)
		return NULL;
	do {
		if (strcmp(str(xmlTextReaderConstLocalName(r->xr)), local) == 0) {
			value = xstrdup(str(xmlTextReaderConstValue(r->xr)));
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r->xr) == 1);
	xmlTextReaderMoveToElement(r->xr);
	return value;
}

const char *zipxml_reader_error(const struct zipxml_reader *r) { return r->error[0] ? r->error : "no error"; }
