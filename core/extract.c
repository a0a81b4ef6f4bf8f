#include "core/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/docx.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/layout.h"
#include "core/ocr.h"
#include "core/odt.h"
#include "core/pdf.h"
#include "core/plain.h"
#include "core/sniff.h"
#include "core/xalloc.h"
#include "core/zipxml.h"

const char *extract_format_name(enum extract_format f)
{
	switch (f) {
	case EXTRACT_DOCX: return "Word (.docx)";
	case EXTRACT_ODT: return "OpenDocument (.odt)";
	case EXTRACT_PDF: return "PDF";
	case EXTRACT_IMAGE: return "image";
	default: return "text";
	}
}

void extract_result_release(struct extract_result *r)
{
	free(r->text);
	memset(r, 0, sizeof *r);
}

static int read_zip(const char *data, size_t len, struct plain *out, enum extract_format *fmt, char *err)
{
	struct zipxml *z;
	char why[ERR_MAX];
	if (zipxml_open(&z, data, len, why))
		return err_set(err, VI ? "%s: không đọc được như .docx hay .odt; hãy mở bằng Word hoặc LibreOffice và lưu lại"
				       : "%s: it cannot be read as .docx or .odt; open it in Word or LibreOffice and save it "
					 "again", why);
	int rc = -1;
	char *part = NULL, *mime = NULL;
	enum docx_kind dk = docx_detect(z, &part);
	enum odt_kind ok = dk == DOCX_NONE ? odt_detect(z, &mime) : ODT_NONE;
	if (dk == DOCX_WORD || ok == ODT_TEXT) {
		if (zipxml_encrypted(z)) {
			err_set(err, VI ? "tệp nén zip có mật khẩu: hãy lưu lại tài liệu không có mật khẩu"
					: "a password-protected zip archive: save the document again without a password");
			goto out;
		}
		*fmt = dk == DOCX_WORD ? EXTRACT_DOCX : EXTRACT_ODT;
		rc = dk == DOCX_WORD ? docx_read(z, part, out, why) : odt_read(z, out, why);
		if (rc)
			err_set(err, VI ? "tài liệu %s bị hỏng: %s" : "a damaged %s document: %s", dk == DOCX_WORD ? "Word" : "OpenDocument", why);
	} else if (dk == DOCX_SPREADSHEET || dk == DOCX_PRESENTATION) {
		if (VI)
			err_set(err, "%s, không phải thông báo: hãy lưu chính thông báo thành .docx, .odt hoặc PDF",
				dk == DOCX_SPREADSHEET ? "bảng tính Excel (.xlsx)" : "bản trình chiếu PowerPoint (.pptx)");
		else
			err_set(err, "%s, not a notice: save the notice itself as .docx, .odt or PDF",
				dk == DOCX_SPREADSHEET ? "an Excel spreadsheet (.xlsx)" : "a PowerPoint presentation (.pptx)");
	} else if (ok == ODT_OTHER) {
		err_set(err, VI ? "tệp OpenDocument loại '%s', không phải văn bản: hãy lưu chính thông báo thành .odt, "
				  ".docx hoặc PDF"
				: "an OpenDocument file of type '%s', not a text document: save the notice itself as .odt, "
				  ".docx or PDF", mime);
	} else if (dk == DOCX_OTHER) {
		err_set(err, VI ? "gói Office Open XML không chứa tài liệu Word: hãy lưu thông báo thành .docx hoặc PDF"
				: "an Office Open XML package without a Word document in it: save the notice as .docx or PDF");
	} else {
		err_set(err, VI ? "tệp nén zip, không phải tài liệu Word hay OpenDocument: hãy giải nén và nhập thông báo "
				  "bên trong"
				: "a zip archive, not a Word or OpenDocument document: unpack it and import the notice inside");
	}
out:
	free(part);
	free(mime);
	zipxml_close(z);
	return rc;
}

/* ---- scans ---------------------------------------------------------------- */

struct scanning {
	struct ocr *ocr;
	const struct extract_options *opt;
};

static int open_engine(struct scanning *s, char *err) { return s->ocr ? 0 : ocr_open(&s->ocr, err); }

static int scan_gray(void *ctx, const unsigned char *gray, int w, int h, int stride, int dpi, struct layout *out,
		     int page, char *err)
{
	struct scanning *s = ctx;
	if (open_engine(s, err))
		return -1;
	return ocr_gray(s->ocr, gray, w, h, stride, dpi, out, page, err);
}

static int progress(void *ctx, unsigned k, unsigned n)
{
	struct scanning *s = ctx;
	return s->opt && s->opt->progress ? s->opt->progress(s->opt->ctx, k, n) : 0;
}

static int read_pdf(const char *data, size_t len, const char *name, const struct extract_options *opt,
		    struct plain *out, unsigned *scanned, char *err)
{
	struct scanning s = { NULL, opt };
	struct pdf_scan hook = { scan_gray, progress, &s };
	struct layout l;
	layout_init(&l);
	int rc = pdf_read(data, len, name, &hook, &l, scanned, err);
	if (rc == 0)
		layout_write(&l, out);
	layout_release(&l);
	ocr_close(s.ocr);
	return rc;
}

static int read_image(const char *data, size_t len, const struct extract_options *opt, struct plain *out,
		      unsigned *scanned, char *err)
{
	unsigned pages;
	if (ocr_image_pages(data, len, &pages, err))
		return -1;
	struct scanning s = { NULL, opt };
	struct layout l;
	layout_init(&l);
	int rc = open_engine(&s, err);
	for (unsigned k = 0; rc == 0 && k < pages; k++) {
		if (progress(&s, k + 1, pages)) {
			rc = err_set(err, VI ? "đã huỷ" : "cancelled");
			break;
		}
		rc = ocr_image_page(s.ocr, data, len, k, &l, err);
		if (rc == 0)
			(*scanned)++;
	}
	if (rc == 0)
		layout_write(&l, out);
	layout_release(&l);
	ocr_close(s.ocr);
	return rc;
}

int extract_text(const char *data, size_t len, const char *name, const struct extract_options *opt,
		 struct extract_result *out, char *err)
{
	memset(out, 0, sizeof *out);
	if (len > EXTRACT_MAX_BYTES)
		return err_set(err, VI ? "quá lớn (%zu byte; hanchot chỉ đọc tệp tối đa %u MiB)"
				       : "too large (%zu bytes; hanchot reads files of at most %u MiB)", len,
			       EXTRACT_MAX_BYTES >> 20);
	enum sniff_kind kind = sniff(data, len, name, err);
	if (kind == SNIFF_REFUSED)
		return -1;
	if (kind == SNIFF_TEXT) {
		out->format = EXTRACT_TEXT;
		out->text = xmalloc(len + 1);
		memcpy(out->text, data, len);
		out->text[len] = '\0';
		out->len = len;
		return 0;
	}
	struct plain p;
	plain_init(&p, EXTRACT_MAX_TEXT);
	int rc;
	if (kind == SNIFF_ZIP) {
		rc = read_zip(data, len, &p, &out->format, err);
	} else if (kind == SNIFF_IMAGE) {
		out->format = EXTRACT_IMAGE;
		rc = read_image(data, len, opt, &p, &out->scanned, err);
	} else {
		out->format = EXTRACT_PDF;
		rc = read_pdf(data, len, name, opt, &p, &out->scanned, err);
	}
	out->from_scan = out->scanned > 0;
	if (rc == 0 && plain_full(&p))
		rc = err_set(err, VI ? "tài liệu %s dài hơn một thông báo (trên %u MiB)"
				     : "a %s document with more text than a notice has (over %u MiB)",
			     extract_format_name(out->format), EXTRACT_MAX_TEXT >> 20);
	out->text = plain_take(&p, &out->len);
	plain_release(&p);
	if (rc == 0 && out->len == 0) {
		if ((out->format == EXTRACT_IMAGE || out->from_scan) && VI)
			rc = err_set(err, "không đọc được chữ nào từ bản quét (%u trang): hãy kiểm tra bản quét đúng chiều, "
					  "rõ nét và được quét ở 300 dpi", out->scanned);
		else if (out->format == EXTRACT_IMAGE || out->from_scan)
			rc = err_set(err, "no text could be read from the scan (%u page%s): check that it is the right way "
					  "up, sharp, and scanned at 300 dpi", out->scanned, out->scanned == 1 ? "" : "s");
		else if (out->format == EXTRACT_PDF)
			rc = err_set(err, VI ? "tệp PDF không có chữ: các trang trống hoặc không hiển thị được (nếu là bản quét, "
					       "hãy quét lại ở 300 dpi)"
					     : "a PDF without text: its pages are blank or cannot be drawn (if it is a scan, "
					       "scan it again at 300 dpi)");
		else
			rc = err_set(err, VI ? "tài liệu %s không có chữ" : "a %s document without text",
				     extract_format_name(out->format));
	}
	return rc;
}
