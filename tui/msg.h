/* msg: the message catalogue. Every string the screen shows goes through
 * msg(id, lang): Vietnamese first, English second, one table in msg.c.
 * Strings with % are printf formats; their arguments are noted in msg.c. */
#ifndef HANCHOT_MSG_H
#define HANCHOT_MSG_H

#include "core/i18n.h"

#define MSG_LIST(X) \
	X(M_TASKS, "việc", "tasks") \
	X(M_OPEN, "đang mở", "open") \
	X(M_OVERDUE, "quá hạn", "overdue") \
	X(M_SOON, "sắp đến hạn", "due soon") \
	X(M_ALL_AGENCIES, "Tất cả", "All") \
	X(M_AGENCIES_PANE, "Cơ quan", "Agencies") \
	X(M_AGENCIES_LEGEND, "quá hạn/mở", "late/open") \
	X(M_PICK_TITLE, "Chọn cơ quan (quá hạn/đang mở) · Enter: chọn · Esc: quay lại", "Pick an agency (overdue/open) · Enter: pick · Esc: back") \
	X(M_COL_SECTION, "Mục", "Section") \
	X(M_COL_SUMMARY, "Nội dung", "Summary") \
	X(M_COL_LEAD, "Chủ trì", "Lead") \
	X(M_COL_DUE, "Hạn", "Due") \
	X(M_COL_COUNTDOWN, "Còn lại", "Countdown") \
	X(M_TOO_SMALL, "Cửa sổ quá nhỏ", "Window too small") \
	X(M_SYNCING, "đang đồng bộ", "publishing") \
	X(M_SYNC_FAILED, "lỗi đồng bộ", "publish failed") \
	X(M_EMPTY, "Chưa có việc nào. Nhấn a để thêm, i để nhập một thông báo, E để nhập thông báo mẫu, q để thoát.", "No tasks yet. Press a to add, i to import a notice, E to import the example notice, q to quit.") \
	X(M_EMPTY_FILTER, "Không có việc nào khớp.", "No task matches.") \
	X(M_PROMPT_DONE_DATE, "Ngày hoàn thành (trống: hôm nay): ", "Completion date (empty: today): ") \
	X(M_PROMPT_EXTEND_DATE, "Hạn mới: ", "New deadline: ") \
	X(M_PROMPT_REASON, "Lý do gia hạn: ", "Reason for the extension: ") \
	X(M_PROMPT_NOTE, "Ghi chú: ", "Note: ") \
	X(M_PROMPT_SEARCH, "Tìm: ", "Search: ") \
	X(M_PROMPT_SUMMARY, "Nội dung việc: ", "Task summary: ") \
	X(M_PROMPT_LEAD, "Cơ quan chủ trì (Tab: gợi ý): ", "Lead agency (Tab: complete): ") \
	X(M_PROMPT_DUE, "Hạn (trống: không thời hạn): ", "Deadline (empty: none): ") \
	X(M_PROMPT_RENAME, "Tên mới: ", "New name: ") \
	X(M_PROMPT_ALIAS, "Tên gọi khác: ", "Other name: ") \
	X(M_PROMPT_MERGE, "Sáp nhập vào (Tab: gợi ý): ", "Merge into (Tab: complete): ") \
	X(M_PROMPT_KEYS, "Enter: xong  Esc: huỷ", "Enter: done  Esc: cancel") \
	X(M_REASON_REQUIRED, "Cần ghi lý do gia hạn", "An extension needs a reason") \
	X(M_BAD_DATE, "%s", "Invalid date: %s") /* %s: core/date's error, which says it in Vietnamese */ \
	X(M_DATE_REQUIRED, "Cần nhập ngày", "A date is needed") \
	X(M_UNDONE, "Đã hoàn tác: %s", "Undone: %s") /* %s: what (M_U_*) */ \
	X(M_UNDO_REFUSED, "Không hoàn tác được %s: việc %s vừa được người khác thay đổi", "Cannot undo %s: task %s was changed by someone else since") \
	X(M_UNDO_FAILED, "Không hoàn tác được %s: %s", "Cannot undo %s: %s") \
	X(M_U_STATUS, "%s việc %s", "%s: task %s") /* status, task */ \
	X(M_U_STATUS_N, "%s %zu việc", "%s: %zu tasks") \
	X(M_U_EXTEND, "gia hạn việc %s", "extension of task %s") \
	X(M_U_EXTEND_N, "gia hạn %zu việc", "extension of %zu tasks") \
	X(M_U_NOTE, "ghi chú việc %s", "note on task %s") \
	X(M_U_NOTE_N, "ghi chú %zu việc", "notes on %zu tasks") \
	X(M_U_ADD, "thêm việc %s", "new task %s") \
	X(M_U_RENAME, "đổi tên %s thành %s", "renaming %s to %s") /* old, new */ \
	X(M_U_ALIAS, "tên gọi khác \"%s\" của %s", "alias \"%s\" of %s") \
	X(M_U_MERGE, "sáp nhập %s vào %s", "merging %s into %s") \
	X(M_NOTHING_TO_UNDO, "Không có gì để hoàn tác", "Nothing to undo") \
	X(M_VANISHED, "Việc %lld không còn nữa (người khác đã xoá): không thay đổi gì", "Task %lld no longer exists (someone removed it): nothing changed") \
	X(M_DONE_AFTER_TODAY, "Ngày hoàn thành %s sau hôm nay (%s)", "Completion date %s is after today (%s)") \
	X(M_EXTEND_BEFORE, "Hạn mới %s trước hạn hiện tại của việc %s (%s)", "New deadline %s is before the current deadline of task %s (%s)") /* new, task, current */ \
	X(M_CANCEL_REASON_REQUIRED, "Cần ghi lý do huỷ việc", "A cancellation needs a reason") \
	X(M_PROMPT_CANCEL_REASON, "Lý do huỷ việc: ", "Reason for cancelling: ") \
	X(M_UNCHANGED, "Không có gì thay đổi: %zu việc đã ở trạng thái %s", "Nothing changed: %zu tasks were already %s") \
	X(M_MARKS_CLEARED, "Đã bỏ chọn %zu việc", "Unmarked %zu tasks") \
	X(M_STATUS_SEARCH, " · tìm \"%s\": %zu việc", " · search \"%s\": %zu tasks") \
	X(M_STATUS_SORT, "sắp xếp: ", "sort: ") \
	X(M_MARKS_HEADER, "%zu đã chọn", "%zu marked") \
	X(M_VIEW_RESET, "Hiện tất cả việc (bỏ lọc và tìm)", "Showing every task (filter and search cleared)") \
	X(M_CONFLICT, "Việc %lld vừa được người khác thay đổi: đã tải lại, hãy xem và thử lại", "Task %lld was just changed by someone else: reloaded, check and try again") \
	X(M_CHANGED, "Đã cập nhật %zu việc: %s", "Updated %zu tasks: %s") /* n, status */ \
	X(M_BULK_REFUSED, "Không việc nào được thay đổi: việc %lld bị từ chối (%s)", "No task changed: task %lld was refused (%s)") /* %lld: task, %s: why */ \
	X(M_CHANGED_BY_OTHER, "vừa được người khác thay đổi", "just changed by someone else") \
	X(M_ERROR, "Lỗi: %s", "Error: %s") \
	X(M_FILTER, "Lọc: %s", "Filter: %s") \
	X(M_SORT, "Sắp xếp: %s", "Sort: %s") \
	X(M_FILTER_ALL, "tất cả", "all") \
	X(M_FILTER_OPEN, "đang mở", "open") \
	X(M_SORT_URGENCY, "mức khẩn", "urgency") \
	X(M_SORT_SECTION, "văn bản, mục", "document, section") \
	X(M_SORT_UPDATED, "mới thay đổi", "recently changed") \
	X(M_MARKED, "%zu việc được chọn", "%zu tasks marked") \
	X(M_ADDED, "Đã thêm việc %lld", "Added task %lld") \
	X(M_NOTED, "Đã ghi chú vào %zu việc", "Note added to %zu tasks") \
	X(M_EXTENDED, "Đã gia hạn %zu việc", "Deadline extended for %zu tasks") \
	X(M_MERGED, "Đã chuyển %d việc sang %s", "Moved %d tasks to %s") \
	X(M_MERGE_CONFIRM, "Sáp nhập %s vào %s? (c/k)", "Merge %s into %s? (y/n)") \
	X(M_MERGE_CANCELLED, "Không sáp nhập", "Not merged") \
	X(M_RENAMED, "Đã đổi tên", "Renamed") \
	X(M_ALIAS_ADDED, "Đã thêm tên gọi khác", "Alias added") \
	X(M_NO_AGENCY, "Không có cơ quan: %s", "No such agency: %s") \
	X(M_SEARCH_SHOWN, "Tìm \"%s\": %zu việc", "Search \"%s\": %zu tasks") \
	X(M_D_STATUS, "Trạng thái: ", "Status: ") \
	X(M_D_DUE, "Hạn: ", "Deadline: ") \
	X(M_D_EXTENDED_FROM, " — gia hạn từ %s: %s", " — extended from %s: %s") /* old date, reason */ \
	X(M_D_MORE, "▼ còn nữa (%s)", "▼ more (%s)") /* the scroll key */ \
	X(M_D_LEAD, "Chủ trì: ", "Lead: ") \
	X(M_D_COOP, "Phối hợp: ", "Cooperating: ") \
	X(M_D_DOC, "Văn bản: ", "Document: ") \
	X(M_D_HAND, "nhập tay", "entered by hand") \
	X(M_D_HISTORY, "Lịch sử:", "History:") \
	X(M_EV_CREATED, "tạo việc", "created") \
	X(M_EV_STATUS, "trạng thái", "status") \
	X(M_EV_EXTEND, "gia hạn", "extended") \
	X(M_EV_NOTE, "ghi chú", "note") \
	X(M_EV_ASSIGN, "giao lại", "reassigned") \
	X(M_EV_EDIT, "sửa", "edited") \
	X(M_EV_REASON, "lý do", "reason") \
	X(M_DIGEST_TITLE, "Tin đầu ngày — %s", "Morning digest — %s") /* %s: long date */ \
	X(M_DIGEST_TODAY, "Đến hạn hôm nay: %zu", "Due today: %zu") \
	X(M_DIGEST_OVERDUE, "Mới quá hạn từ hôm qua: %zu", "Overdue since yesterday: %zu") \
	X(M_DIGEST_SOON, "Vào diện sắp đến hạn: %zu", "Now due soon: %zu") \
	X(M_DIGEST_DISMISS, "đóng tin đầu ngày", "close the digest") \
	X(M_HELP_TITLE, "Phím tắt (nhấn phím bất kỳ để đóng)", "Key bindings (press any key to close)") \
	X(M_AGENCIES_TITLE, "Cơ quan: r đổi tên · l thêm tên gọi khác · m sáp nhập · u hoàn tác · Esc quay lại", "Agencies: r rename · l add alias · m merge · u undo · Esc back") \
	X(M_MERGED_INTO, "→ %s", "→ %s") \
	X(M_ACT_DOWN, "xuống", "down") \
	X(M_ACT_UP, "lên", "up") \
	X(M_ACT_PGDN, "trang sau", "page down") \
	X(M_ACT_PGUP, "trang trước", "page up") \
	X(M_ACT_TOP, "đầu danh sách", "first") \
	X(M_ACT_BOTTOM, "cuối danh sách", "last") \
	X(M_ACT_PANE, "chuyển ô", "switch pane") \
	X(M_ACT_DETAIL, "chi tiết", "detail") \
	X(M_ACT_DETAIL_DOWN, "cuộn chi tiết xuống", "scroll the detail down") \
	X(M_ACT_DETAIL_UP, "cuộn chi tiết lên", "scroll the detail up") \
	X(M_ACT_PROGRESS, "đang thực hiện", "in progress") \
	X(M_ACT_REPORTED, "đã báo cáo", "reported") \
	X(M_ACT_DONE, "hoàn thành", "done") \
	X(M_ACT_DONE_ON, "hoàn thành ngày…", "done on…") \
	X(M_ACT_PAUSE, "tạm hoãn", "pause") \
	X(M_ACT_CANCEL, "huỷ việc", "cancel") \
	X(M_ACT_REOPEN, "mở lại", "reopen") \
	X(M_ACT_EXTEND, "gia hạn", "extend") \
	X(M_ACT_NOTE, "ghi chú", "note") \
	X(M_ACT_UNDO, "hoàn tác", "undo") \
	X(M_ACT_SEARCH, "tìm", "search") \
	X(M_ACT_FILTER, "lọc", "filter") \
	X(M_ACT_SHOW_OPEN, "lọc: việc đang mở", "filter: open tasks") \
	X(M_ACT_SHOW_OVERDUE, "lọc: việc quá hạn", "filter: overdue tasks") \
	X(M_ACT_SHOW_SOON, "lọc: việc sắp đến hạn", "filter: tasks due soon") \
	X(M_ACT_SORT, "sắp xếp", "sort") \
	X(M_ACT_ADD, "thêm việc", "add") \
	X(M_ACT_MARK, "chọn nhiều", "mark") \
	X(M_ACT_IMPORT, "nhập văn bản", "import") \
	X(M_ACT_EXPORT, "xuất lịch", "export") \
	X(M_ACT_REPORT, "báo cáo", "report") \
	X(M_ACT_AGENCIES, "cơ quan", "agencies") \
	X(M_ACT_RENAME, "đổi tên", "rename") \
	X(M_ACT_ALIAS, "tên gọi khác", "alias") \
	X(M_ACT_MERGE, "sáp nhập", "merge") \
	X(M_ACT_HELP, "trợ giúp", "help") \
	X(M_ACT_SAVE, "lưu", "save") \
	X(M_ACT_EDIT_LEADS, "sửa chủ trì", "edit leads") \
	X(M_ACT_EDIT_DUE, "sửa hạn", "edit deadline") \
	X(M_ACT_EXAMPLE, "nhập thông báo mẫu", "import the example notice") \
	X(M_PROMPT_IMPORT, "Tệp thông báo: ", "Notice file: ") \
	X(M_PROMPT_EXPORT, "Xuất lịch (.ics) ra tệp: ", "Export the calendar (.ics) to: ") \
	X(M_PROMPT_REPORT_FILE, "Ghi báo cáo ra tệp (.csv, .html, .md, khác: bảng): ", "Write the report to (.csv, .html, .md, else a table): ") \
	X(M_PROMPT_LEADS, "Cơ quan chủ trì (cách nhau bằng ;): ", "Lead agencies (separated by ;): ") \
	X(M_PROMPT_UNIT_DUE, "Hạn (trống: không có hạn): ", "Deadline (empty: none): ") \
	X(M_EXPORTED, "Đã xuất %zu việc ra %s", "Exported %zu tasks to %s") \
	X(M_EXPORTED_UNDATED, "Đã xuất %zu việc ra %s; %zu việc không có hạn không xuất được", "Exported %zu tasks to %s; %zu tasks without a deadline left out") \
	X(M_PROMPT_EXPORT_SHOWN, "Xuất các việc đang hiện (lọc/tìm) ra tệp .ics: ", "Export the tasks shown (filter/search) to .ics: ") \
	X(M_REPORT_WRITTEN, "Đã ghi báo cáo ra %s", "Report written to %s") \
	X(M_REPORT_EXISTS, "Tệp đã có, không ghi đè: %s — đặt tên khác", "A file is there already, not replaced: %s — give another name") \
	X(M_REPORT_TITLE, "Báo cáo tình hình thực hiện đến ngày %s", "Progress report as of %s") \
	X(M_REPORT_AGENCY, "Cơ quan", "Agency") \
	X(M_REPORT_TOTAL, "Tổng cộng", "Total") \
	X(M_REPORT_SHARE, "% đúng hạn", "% on time") \
	X(M_REPORT_OVERDUE_LIST, "Việc quá hạn", "Overdue tasks") \
	X(M_REVIEW_TITLE, "Xem lại trước khi lưu: %s — giữ %zu/%zu việc", "Review before saving: %s — keeping %zu/%zu tasks") \
	X(M_REVIEW_CHECK, " — %zu việc cần xem (?)", " — %zu to check (?)") \
	X(M_REVIEW_CANDIDATES, "Không tìm thấy việc được giao trong %s: phím cách giữ một đoạn làm việc, L nhập cơ quan chủ trì, H nhập hạn", "No assignment found in %s: space keeps a paragraph as a task, L sets its lead agencies, H its deadline") \
	X(M_REVIEW_WHY, "Cần xem: %s", "Check: %s") \
	X(M_REVIEW_SOURCE, "Nguyên văn: %s", "Source: %s") \
	X(M_REVIEW_KEEP, "giữ", "keep") \
	X(M_REVIEW_SCAN, "[từ bản quét, cần kiểm tra] ", "[from a scan, check] ") \
	X(M_OCR_PAGE, "Đang đọc bản quét (OCR): trang %u/%u … Esc: huỷ", "Reading the scan (OCR): page %u of %u … Esc: cancel") /* %u: page, pages */ \
	X(M_REVIEW_DROP, "bỏ", "drop") \
	X(M_REVIEW_SPACE, "giữ/bỏ việc", "keep/drop the task") \
	X(M_REVIEW_ENTER, "xem nguyên văn", "full text") \
	X(M_REVIEW_ASK_ABANDON, "Bỏ bản đọc này, không lưu gì? (c/k)", "Abandon this reading, saving nothing? (y/n)") \
	X(M_REVIEW_ASK_QUIT, "Thoát và bỏ bản đọc này, không lưu gì? (c/k)", "Quit and abandon this reading, saving nothing? (y/n)") \
	X(M_REVIEW_KEPT, "Tiếp tục xem lại", "Still reviewing") \
	X(M_IMPORTED, "Đã lưu %zu việc (văn bản %lld)", "Saved %zu tasks (document %lld)") \
	X(M_IMPORT_ABANDONED, "Đã bỏ nhập, không lưu gì", "Import abandoned, nothing saved") \
	X(M_ALREADY_IMPORTED, "Thông báo này đã được nhập (văn bản %lld): không nhập lại; cập nhật bằng hanchot import --update", "This notice was imported before (document %lld): not imported again; update with hanchot import --update") \
	X(M_NOTHING_KEPT, "Không còn việc nào được giữ", "No task is kept") \
	X(M_FILE_ERROR, "%s: %s", "%s: %s") \
	X(M_CLI_DONE, "Đã hoàn thành việc %lld", "Task %lld done") /* (%s unused) */ \
	X(M_CLI_CANCELLED, "Đã huỷ việc %lld", "Task %lld cancelled") \
	X(M_CLI_IN_PROGRESS, "Việc %lld: đang thực hiện", "Task %lld: in progress") \
	X(M_CLI_STATUS, "Việc %lld: %s", "Task %lld: %s") /* id, status */ \
	X(M_CLI_EXTENDED, "Đã gia hạn việc %lld đến %s", "Task %lld extended to %s") /* id, new date */ \
	X(M_ACT_BACK, "quay lại", "back") \
	X(M_ACT_QUIT, "thoát", "quit")

#define MSG_ENUM(id, vi, en) id,
enum msg_id { MSG_LIST(MSG_ENUM) MSG_COUNT };
#undef MSG_ENUM

/* The text of id in lang; static, never NULL. */
const char *msg(enum msg_id id, enum lang lang);

#endif
