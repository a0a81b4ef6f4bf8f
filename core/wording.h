/* wording: what a paragraph's words say about it, before who acts in it is
 * known: a heading under which nobody is asked to act, a condition or a
 * decision's closing article, a person holding an office, how many words
 * of substance it has. The notice reader (core/notice) asks these.
 *
 * Pure; the text is one paragraph, NFC. */
#ifndef HANCHOT_WORDING_H
#define HANCHOT_WORDING_H

#include <stdbool.h>
#include <stddef.h>

/* Assessments, purposes, targets, scope, funding: "Đánh giá kết quả …",
 * "Mục tiêu", "Kinh phí thực hiện". */
bool wording_no_task_heading(const char *text);

/* A plan's preamble ("Mục đích, yêu cầu", "Quan điểm", "Nguyên tắc"):
 * nothing under it asks anything of anyone, even where it names agencies. */
bool wording_preamble_heading(const char *text);
/* An item that states the rule of a topic before a colon: funding ("Kinh
 * phí …: thực hiện theo quy định"), scope, who is covered. */
bool wording_topic_statement(const char *text);

/* The article of a decision that sets up a council or a team and lists its
 * members ("Điều 1. Thành lập Hội đồng …"): label "Điều 1", text after it. */
bool wording_composition(const char *label, const char *text);

/* A condition ("Trong quá trình thực hiện, nếu có khó khăn …") or a
 * decision's closing ("… có hiệu lực kể từ ngày ký"): not a task. */
bool wording_conditional(const char *text);

/* Praise, thanks or condolences ("Ghi nhận, đánh giá cao …", "Biểu dương …",
 * "Gửi lời thăm hỏi …"): what a conclusion says of the work done, no task. */
bool wording_praise(const char *text);

/* An introduction that asks for work ("… cần tập trung thực hiện một số
 * nhiệm vụ sau:", "đề nghị …:"), not one that lists results or problems. */
bool wording_asks_work(const char *text);

/* A paragraph that quotes a regulation: it opens with a quotation mark, or
 * cites one ("Khoản 1 Điều 59 Nghị định số 193/2025/NĐ-CP quy định: …").
 * Neither it nor what is under it asks anything of anyone. */
bool wording_quotes_rule(const char *text);

/* "Ông …", "Bà …", "Đồng chí …" (after ": " or "- "): a person named. */
bool wording_names_person(const char *text);

/* A request without a subject, after an opening phrase or none: "Ngoài
 * ra, cần lưu ý …", "Đề nghị khẩn trương …". Asked of the letter's one
 * addressee. */
bool wording_imperative(const char *text);

/* What a letter's closing asks ("… đề nghị Sở X <task>./."), from where
 * the task begins: whether it is work of its own ("nghiên cứu, hướng dẫn
 * chủ đập thủy điện thực hiện đúng quy định") rather than the formula
 * ("nghiêm túc triển khai thực hiện", "báo cáo kết quả thực hiện"). */
bool wording_closing_asks(const char *task);

/* What a paragraph asks, from where its task begins, only points back at the
 * document ("chịu trách nhiệm tổ chức thực hiện nghiêm túc các nội dung nêu
 * trên; …", "tổ chức thực hiện Kế hoạch này"): the closing formula, even
 * when numbered. Its first clause counts; a condition after it does not. */
bool wording_formula(const char *task);

/* One line of what must be done, from text's predicate (a byte offset; the
 * start when past the end) to its first sentence's end, at most 120
 * characters cut at a word ("…"), capitalised. Newly allocated. */
char *wording_summary(const char *text, size_t predicate);

/* Words separated by spaces and punctuation. */
size_t wording_count_words(const char *text);

/* Words of substance: wording_count_words() with the trailing filler of a
 * lead-in ("… thực hiện các nội dung sau:") left out. */
size_t wording_content_words(const char *text);

#endif
