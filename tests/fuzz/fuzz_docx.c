/* libFuzzer target for the zip/XML path (core/zipxml, core/docx, core/odt,
 * core/plain): bytes that start like a zip are read as a package, Word or
 * OpenDocument; any other bytes are read as a Word document's main part
 * (next to a numbering part) and as an OpenDocument content part, packed
 * here, so that the XML readers see them directly. Whatever comes out must
 * be bounded and valid for the notice reader: no NUL, at most the bound. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "core/docx.h"
#include "core/err.h"
#include "core/odt.h"
#include "core/plain.h"
#include "core/zipxml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BOUND 4096

static void check(struct plain *p)
{
	size_t len;
	char *t = plain_take(p, &len);
	if (strlen(t) != len || len > BOUND)
		abort();
	free(t);
	plain_release(p);
}

static void read_package(const char *data, size_t size)
{
	struct zipxml *z;
	char err[ERR_MAX];
	if (zipxml_open(&z, data, size, err))
		return;
	char *part = NULL;
	struct plain p;
	plain_init(&p, BOUND);
	if (docx_detect(z, &part) == DOCX_WORD)
		docx_read(z, part, &p, err);
	else if (odt_detect(z, NULL) == ODT_TEXT)
		odt_read(z, &p, err);
	check(&p);
	free(part);
	zipxml_close(z);
}

static const char numbering[] =
	"<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl></w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

/* Packs the parts (name, bytes, size) into a stored zip; caller frees. */
static char *pack(const char *const *names, const char *const *parts, const size_t *sizes, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	char *out = NULL;
	zip_source_keep(src);
	for (size_t i = 0; za && i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, parts[i], sizes[i], 0);
		zip_int64_t at = zip_file_add(za, names[i], s, 0);
		if (at >= 0)
			zip_set_file_compression(za, (zip_uint64_t)at, ZIP_CM_STORE, 0);
	}
	zip_stat_t st;
	if (za && zip_close(za) == 0 && zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		out = malloc(st.size + 1);
		zip_int64_t got = zip_source_read(src, out, st.size);
		*len = got > 0 ? (size_t)got : 0;
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	if (size >= 2 && d[0] == 'P' && d[1] == 'K') {
		read_package(d, size);
		return 0;
	}
	static const char ct[] = "<Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
				 "officedocument.wordprocessingml.document.main+xml\"/></Types>";
	static const char rels[] = "<Relationships><Relationship Type=\"http://x/numbering\" Target=\"numbering.xml\"/></Relationships>";
	const char *names[] = { "[Content_Types].xml", "word/_rels/document.xml.rels", "word/numbering.xml", "word/document.xml" };
	const char *parts[] = { ct, rels, numbering, d };
	size_t sizes[] = { sizeof ct - 1, sizeof rels - 1, sizeof numbering - 1, size }, len = 0;
	char *zip = pack(names, parts, sizes, 4, &len);
	if (zip)
		read_package(zip, len);
	free(zip);
	static const char mime[] = "application/vnd.oasis.opendocument.text";
	const char *onames[] = { "mimetype", "content.xml" };
	const char *oparts[] = { mime, d };
	size_t osizes[] = { sizeof mime - 1, size };
	zip = pack(onames, oparts, osizes, 2, &len);
	if (zip)
		read_package(zip, len);
	free(zip);
	return 0;
}
