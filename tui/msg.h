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
	X(M_BAD_DATE, "Ngày không hợp lệ: %s", "Invalid date: %s") /* %s: the error */ \
	X(M_UNDONE, "Đã hoàn tác %zu việc", "Undid %zu tasks") \
	X(M_NOTHING_TO_UNDO, "Không có gì để hoàn tác", "Nothing to undo") \
	X(M_NO_UNDO_NOTE, "Ghi chú không hoàn tác được (lịch sử giữ nguyên)", "A note cannot be undone (history is kept)") \
	X(M_CONFLICT, "Việc %lld vừa được người khác thay đổi: đã tải lại, hãy xem và thử lại", "Task %lld was just changed by someone else: reloaded, check and try again") \
	X(M_CHANGED, "Đã cập nhật %zu việc", "Updated %zu tasks") \
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
	X(M_NOTED, "Đã ghi chú", "Note added") \
	X(M_EXTENDED, "Đã gia hạn", "Deadline extended") \
	X(M_MERGED, "Đã chuyển %d việc sang %s", "Moved %d tasks to %s") \
	X(M_RENAMED, "Đã đổi tên", "Renamed") \
	X(M_ALIAS_ADDED, "Đã thêm tên gọi khác", "Alias added") \
	X(M_NO_AGENCY, "Không có cơ quan: %s", "No such agency: %s") \
	X(M_SEARCH_SHOWN, "Tìm \"%s\": %zu việc", "Search \"%s\": %zu tasks") \
	X(M_D_STATUS, "Trạng thái: ", "Status: ") \
	X(M_D_DUE, "Hạn: ", "Deadline: ") \
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
	X(M_AGENCIES_TITLE, "Cơ quan: r đổi tên · l thêm tên gọi khác · m sáp nhập · Esc quay lại", "Agencies: r rename · l add alias · m merge · Esc back") \
	X(M_MERGED_INTO, "→ %s", "→ %s") \
	X(M_ACT_DOWN, "xuống", "down") \
	X(M_ACT_UP, "lên", "up") \
	X(M_ACT_PGDN, "trang sau", "page down") \
	X(M_ACT_PGUP, "trang trước", "page up") \
	X(M_ACT_TOP, "đầu danh sách", "first") \
	X(M_ACT_BOTTOM, "cuối danh sách", "last") \
	X(M_ACT_PANE, "chuyển ô", "switch pane") \
	X(M_ACT_DETAIL, "chi tiết", "detail") \
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
	X(M_REPORT_WRITTEN, "Đã ghi báo cáo ra %s", "Report written to %s") \
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
	X(M_IMPORTED, "Đã lưu %zu việc (văn bản %lld)", "Saved %zu tasks (document %lld)") \
	X(M_IMPORT_ABANDONED, "Đã bỏ nhập, không lưu gì", "Import abandoned, nothing saved") \
	X(M_ALREADY_IMPORTED, "Thông báo này đã được nhập (văn bản %lld): không nhập lại; cập nhật bằng hanchot import --update", "This notice was imported before (document %lld): not imported again; update with hanchot import --update") \
	X(M_NOTHING_KEPT, "Không còn việc nào được giữ", "No task is kept") \
	X(M_FILE_ERROR, "%s: %s", "%s: %s") \
	X(M_ACT_BACK, "quay lại", "back") \
	X(M_ACT_QUIT, "thoát", "quit")

#define MSG_ENUM(id, vi, en) id,
enum msg_id { MSG_LIST(MSG_ENUM) MSG_COUNT };
#undef MSG_ENUM

/* The text of id in lang; static, never NULL. */
const char *msg(enum msg_id id, enum lang lang);

#endif
