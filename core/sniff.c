#define _GNU_SOURCE /* memmem */
#include "core/sniff.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"

const char *sniff_image(const char *data, size_t len)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 8 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "PNG";
	if (len >= 3 && u[0] == 0xff && u[1] == 0xd8 && u[2] == 0xff)
		return "JPEG";
	if (len >= 4 && (memcmp(u, "II*\0", 4) == 0 || memcmp(u, "MM\0*", 4) == 0))
		return "TIFF";
	if (len >= 6 && (memcmp(u, "GIF87a", 6) == 0 || memcmp(u, "GIF89a", 6) == 0))
		return "GIF";
	if (len >= 12 && memcmp(u, "RIFF", 4) == 0 && memcmp(u + 8, "WEBP", 4) == 0)
		return "WebP";
	if (len >= 26 && u[0] == 'B' && u[1] == 'M' && u[14] >= 12 && u[15] == 0 && u[16] == 0 && u[17] == 0)
		return "BMP";
	return NULL;
}

/* Whether the UTF-16LE spelling of ascii occurs in data. */
static bool has_utf16(const char *data, size_t len, const char *ascii)
{
	char pat[64];
	size_t n = strlen(ascii);
	if (2 * n > sizeof pat)
		return false;
	for (size_t i = 0; i < n; i++)
		pat[2 * i] = ascii[i], pat[2 * i + 1] = '\0';
	return memmem(data, len, pat, 2 * n) != NULL;
}

#define CONVERT "convert it with: libreoffice --headless --convert-to docx '%s'"
#define CONVERT_VI "hãy chuyển đổi bằng: libreoffice --headless --convert-to docx '%s'"

/* Microsoft's compound file: Word 97-2003, an encrypted Office file … */
static void compound_file(const char *data, size_t len, const char *name, char *err)
{
	if (has_utf16(data, len, "EncryptedPackage") || has_utf16(data, len, "EncryptionInfo"))
		err_set(err, VI ? "tài liệu Office có mật khẩu: hãy mở bằng Word hoặc LibreOffice với mật khẩu, lưu một "
				  "bản không có mật khẩu (.docx) rồi nhập bản đó"
				: "a password-protected Office document: open it in Word or LibreOffice with its password, "
				  "save a copy without one (.docx), and import that copy");
	else if (has_utf16(data, len, "WordDocument"))
		err_set(err, VI ? "tài liệu Word 97-2003 (.doc), hanchot không đọc được: " CONVERT_VI
				: "a Word 97-2003 document (.doc), which hanchot does not read: " CONVERT, name);
	else if (has_utf16(data, len, "Workbook") || has_utf16(data, len, "Book"))
		err_set(err, VI ? "bảng tính Excel 97-2003 (.xls), không phải thông báo: hãy lưu chính thông báo thành .docx "
				  "hoặc PDF"
				: "an Excel 97-2003 spreadsheet (.xls), not a notice: save the notice itself as .docx or PDF");
	else if (has_utf16(data, len, "PowerPoint Document"))
		err_set(err, VI ? "bản trình chiếu PowerPoint 97-2003 (.ppt), không phải thông báo: hãy lưu chính thông báo "
				  "thành .docx hoặc PDF"
				: "a PowerPoint 97-2003 presentation (.ppt), not a notice: save the notice itself as .docx or PDF");
	else
		err_set(err, VI ? "tệp Microsoft Office cũ mà hanchot không đọc được: " CONVERT_VI
				: "an old Microsoft Office file that hanchot does not read: " CONVERT, name);
}

enum sniff_kind sniff(const char *data, size_t len, const char *name, char *err)
{
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 8 && memcmp(u, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
		compound_file(data, len, name, err);
		return SNIFF_REFUSED;
	}
	if (len >= 5 && memcmp(u, "{\\rtf", 5) == 0) {
		err_set(err, VI ? "tài liệu RTF, hanchot không đọc được: " CONVERT_VI
				: "an RTF document, which hanchot does not read: " CONVERT, name);
		return SNIFF_REFUSED;
	}
	if (len >= 4 && (memcmp(u, "PK\x03\x04", 4) == 0 || memcmp(u, "PK\x05\x06", 4) == 0))
		return SNIFF_ZIP;
	size_t head = len < 1024 ? len : 1024;
	if (head >= 5 && memmem(data, head, "%PDF-", 5))
		return SNIFF_PDF;
	const char *image = sniff_image(data, len);
	if (image && (strcmp(image, "GIF") == 0 || strcmp(image, "BMP") == 0 || strcmp(image, "WebP") == 0)) {
		err_set(err, VI ? "ảnh định dạng %s, hanchot không đọc được: hãy lưu bản quét thành PDF, PNG, JPEG hoặc TIFF"
				: "an image in %s format, which hanchot does not read: save the scan as PDF, PNG, JPEG or TIFF",
			image);
		return SNIFF_REFUSED;
	}
	return image ? SNIFF_IMAGE : SNIFF_TEXT;
}
