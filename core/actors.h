/* actors: who must act, read from the words of one paragraph of a notice.
 *
 * Documents name agencies by their form, not from a list: a head noun (Bộ,
 * Sở, Ban, Cục, Chi cục, Phòng, Văn phòng, UBND / Ủy ban nhân dân, Công an,
 * Bộ Chỉ huy, Kho bạc, Thuế, Ngân hàng, Trường, Bệnh viện, Trung tâm, Đài,
 * Báo, Hội, Tập đoàn, Tổng công ty …), an office ("Bộ trưởng Bộ Y tế",
 * "Chủ tịch UBND các xã, phường", "Giám đốc Sở Y tế") or a group ("các sở,
 * ban, ngành", "UBND các xã, phường"), followed by a name that runs up to
 * the verb or the punctuation that ends it. A comma or "và" inside a name
 * ("Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân phường, xã, đặc
 * khu") does not cut it; one before another head does. Elliptic lists are
 * expanded ("Các Bộ: Tài chính, Y tế" is Bộ Tài chính and Bộ Y tế;
 * "Chủ tịch UBND các tỉnh: Gia Lai, Đắk Lắk" one chairman per province).
 * Names are returned as the document writes them (white space collapsed).
 *
 * Who must act is, in this order: the agency named by "Giao", "Đề nghị",
 * "Yêu cầu" or "Phân công" at the start of a clause, or the subject of the
 * paragraph (after a topic "Về …:" and an opening phrase "Căn cứ …,",
 * "Trong thời gian tới,"). A subject followed by "đã" describes what was
 * done, not what must be; the issuer speaking ("UBND tỉnh yêu cầu …",
 * "Bộ trưởng giao:") is never a lead itself. Cooperating agencies follow
 * "phối hợp (chặt chẽ) (với)", "làm việc với", "trao đổi, thống nhất với".
 *
 * Pure: no I/O, no clock. Every char * returned is owned by the caller
 * (actors_release frees a struct actors). Allocation failure is fatal. */
#ifndef HANCHOT_ACTORS_H
#define HANCHOT_ACTORS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/names.h" /* the lists of names it fills */

enum actors_how {
	ACTORS_NONE,       /* nobody is named as acting */
	ACTORS_SUBJECT,    /* the subject of the paragraph: "Sở Y tế chủ trì …" */
	ACTORS_ASSIGNED,   /* "Giao Sở Y tế …", "Đề nghị …", "Phân công …" */
	ACTORS_REQUESTED,  /* the issuer's general request: "UBND tỉnh yêu cầu các sở …" */
	ACTORS_LABEL,      /* "Sở Y tế: …" or a heading that is only names */
};

struct actors {
	/* in: the notice's issuer as its letterhead names it ("SỞ NÔNG NGHIỆP
	 * VÀ MÔI TRƯỜNG"), or NULL; it never acts on its own notice */
	const char *issuer;
	char **leads;
	size_t n_leads;
	char **coop;
	size_t n_coop;
	enum actors_how how;
	/* byte offsets in the text: where what is said of the names begins
	 * (right after them), and where the work itself begins (after "chủ trì",
	 * "phối hợp với …", "theo chức năng, nhiệm vụ"); 0 when nobody was named */
	size_t predicate, task;
	bool descriptive;  /* the subject is followed by "đã": a report, not a task */
	bool only_names;   /* the text is nothing but the names (a heading) */
	/* "Giao X" later in the paragraph, for a second agency ("…. Giao Văn
	 * phòng Bộ tổng hợp …"); empty when none */
	char **later;
	size_t n_later;
};

/* Zeroes a (issuer NULL). */
void actors_init(struct actors *a);
void actors_release(struct actors *a);

/* Reads who must act in text (one paragraph, NFC, no line breaks needed) and
 * who cooperates, into a (initialised by the caller). */
void actors_read(const char *text, struct actors *a);

/* A heading that is nothing but names ("1. Thủ trưởng các cơ quan tham
 * mưu, quản lý nhà nước thuộc Bộ", "3. Đề nghị Ủy ban Mặt trận Tổ quốc …
 * và các tổ chức thành viên"): reads them all as leads, verbs and all, and
 * returns true; false (a untouched) when the text says more than names. */
bool actors_read_heading(const char *text, struct actors *a);

/* The cooperating agencies of text, added to a->coop (leads are not repeated). */
void actors_cooperating(const char *text, struct actors *a);

/* The agencies of a list that is only names ("Sở A; Sở B và các sở, ngành có
 * liên quan", a field "Cơ quan phối hợp: …" or a table cell), appended to
 * *names (*n of them, no duplicates). Also reads the subjects of the clauses
 * of a field that holds sentences ("Sở A tiến hành …; các sở … rà soát …").
 * Returns how many were appended. */
size_t actors_list(const char *text, char ***names, size_t *n);

/* Names that stand for another, written out: a "Tỉnh"/"Thành phố" subject
 * as the province or city the notice names (locality: "Ủy ban nhân dân tỉnh
 * Điện Biên"), "Quý Ủy ban", "Quý cơ quan" as the letter's addressee. Either
 * may be NULL (the name is then kept). */
void actors_resolve(struct actors *a, const char *locality, const char *addressee);

#endif
