/* letterhead: what surrounds the body of a notice, and where the body is.
 *
 * The header, in whatever order Word, a web page or a PDF leaves it: the
 * issuer's lines in capitals ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI", "BỘ NÔNG
 * NGHIỆP VÀ MÔI TRƯỜNG"), the national motto, "Số: 123/TB-UBND", "Lào Cai,
 * ngày 11 tháng 6 năm 2026", the kind ("THÔNG BÁO") and the title after it or
 * a "V/v" line, a header table's cells; the addressees ("Kính gửi:",
 * "THỦ TƯỚNG CHÍNH PHỦ điện:", "Đồng kính gửi:" and the lines under them).
 * The end: "Nơi nhận", the signature (whose title and name are read), or the
 * closing formula (a paragraph ending "./."). From the closing ("… thông
 * báo để UBND tỉnh Phú Thọ … biết, thực hiện") or a single specific
 * addressee comes the one agency that acts when an item names nobody. A plan
 * issued by a decision follows the decision's signature ("KẾ HOẠCH …
 * (Ban hành kèm theo Quyết định số …)"); letterhead_annex() finds its body.
 *
 * Pure; a struct letterhead owns its strings (letterhead_release frees
 * them). */
#ifndef HANCHOT_LETTERHEAD_H
#define HANCHOT_LETTERHEAD_H

#include <stdbool.h>
#include <stddef.h>

struct notice;
struct outline;

struct letterhead {
	size_t body, end;     /* the body: paragraphs [body, end) of the outline */
	size_t closing;       /* the closing formula's paragraph, or SIZE_MAX */
	char *issuer;         /* the issuer's lines in capitals ("SỞ NÔNG NGHIỆP …"), or NULL */
	char **to;            /* the addressees */
	size_t n_to;
	char *addressee;      /* the one agency that acts when an item names nobody, or NULL */
};

/* Reads the header and the end of the document in o (split, not built) into
 * h, and the metadata (kind, number, place, date, title, signer) into n. */
void letterhead_read(struct notice *n, const struct outline *o, struct letterhead *h);

/* When a plan issued by the decision follows its signature, moves h's body
 * (body, end, closing) to the plan's and returns true; else false. */
bool letterhead_annex(const struct outline *o, struct letterhead *h);

void letterhead_release(struct letterhead *h);

/* "Thông báo" for "THÔNG BÁO" (a kind letterhead_read writes); "Văn bản"
 * for any other. */
const char *letterhead_kind_sentence(const char *kind);

#endif
