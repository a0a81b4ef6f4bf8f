/* names: the names of agencies in running text, and where they end. A name
 * begins with a head ("Sở", "Ủy ban nhân dân", "Bộ Chỉ huy", "các sở, ban,
 * ngành"), an office ("Giám đốc Sở Y tế", "Chủ tịch Hội đồng thẩm định") or
 * a known department; it goes on over proper names, places and the commas
 * and "và" inside a name ("Bộ Văn hóa, Thể thao và Du lịch"), and ends at
 * the words of what it must do ("chủ trì", "rà soát", "khẩn trương" …).
 * A list of names is split at its commas, "và" and ";"; elliptic lists are
 * expanded ("các Bộ: Tài chính, Y tế" → "Bộ Tài chính", "Bộ Y tế"), places
 * distributed ("UBND các huyện Tân Uyên, Than Uyên"), a shared complement
 * given to each ("HĐND, UBND các tỉnh"), members in parentheses taken for
 * the group ("các sở quản lý chuyên ngành (Sở Y tế, Sở Xây dựng)").
 *
 * The vocabulary (heads, offices, predicates, departments) lives here.
 * core/actors reads which names act in a paragraph. Pure; lists of names
 * are caller-owned arrays of strings (names_push, names_free). */
#ifndef HANCHOT_NAMES_H
#define HANCHOT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* Appends a copy of name to names[0, *n) unless it is there already. */
void names_push(char ***names, size_t *n, const char *name);
void names_free(char **names, size_t n);

/* The length of the head at s, 0 when s does not begin an agency's name;
 * loose also takes a group's noun alone ("đơn vị", "địa phương"). */
size_t names_head_len(const char *s, bool loose);
/* names_head_len(s, true) > 0. */
bool names_is_member_start(const char *s);
/* Whether s begins with the words of what an agency does ("chủ trì", "rà
 * soát"), or such words glued with a capital ("Sở Nội vụ Chủ trì"). */
bool names_is_predicate(const char *s);
bool names_is_cap_predicate(const char *s);
/* Whether name is one that issues notices (UBND tỉnh, Thủ tướng …). */
bool names_is_issuer(const char *name);

/* Reads the list of names at s into names (names_push); returns the bytes
 * read. loose: group nouns alone start a name; names_only: the text is a
 * heading of names, where a group's attributes may read like verbs. */
size_t names_scan_list(const char *s, char ***names, size_t *n, bool loose, bool names_only);

/* Text in capitals ("NHIỆM VỤ CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG") as a
 * sentence writes it, newly allocated. */
char *names_sentence_case(const char *caps);

#endif
