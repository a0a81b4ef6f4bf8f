#include "core/status.h"

#include <string.h>

static const struct {
	const char *name, *vi, *en;
} statuses[STATUS_COUNT] = {
	[STATUS_NEW] = { "new", "chưa thực hiện", "not started" },
	[STATUS_IN_PROGRESS] = { "in_progress", "đang thực hiện", "in progress" },
	[STATUS_REPORTED] = { "reported", "chờ xác nhận", "reported" },
	[STATUS_DONE] = { "done", "hoàn thành", "done" },
	[STATUS_PAUSED] = { "paused", "tạm hoãn", "paused" },
	[STATUS_CANCELLED] = { "cancelled", "đã huỷ", "cancelled" },
};

static const struct {
	const char *key, *vi, *en;
} classes[CLASS_COUNT] = {
	[CLASS_OVERDUE] = { "overdue", "quá hạn", "overdue" },
	[CLASS_DUE_TODAY] = { "due_today", "đến hạn hôm nay", "due today" },
	[CLASS_DUE_SOON] = { "due_soon", "sắp đến hạn", "due soon" },
	[CLASS_NOT_DUE] = { "not_due", "trong hạn", "not yet due" },
	[CLASS_NO_DEADLINE] = { "no_deadline", "không thời hạn", "no deadline" },
	[CLASS_DONE_ON_TIME] = { "done_on_time", "hoàn thành đúng hạn", "done on time" },
	[CLASS_DONE_LATE] = { "done_late", "hoàn thành quá hạn", "done late" },
	[CLASS_CANCELLED] = { "cancelled", "đã huỷ", "cancelled" },
};

const char *status_name(enum task_status s)
{
	return (unsigned)s < STATUS_COUNT ? statuses[s].name : "?";
}

int status_parse(const char *name, enum task_status *out)
{
	/* the first byte before strcmp: reports parse one per task and event */
	for (int i = 0; i < STATUS_COUNT; i++)
		if (name && name[0] == statuses[i].name[0] && strcmp(name, statuses[i].name) == 0) {
			*out = (enum task_status)i;
			return 0;
		}
	return -1;
}

const char *status_label(enum task_status s, enum lang lang)
{
	if ((unsigned)s >= STATUS_COUNT)
		return "?";
	return lang == LANG_EN ? statuses[s].en : statuses[s].vi;
}

bool status_is_open(enum task_status s)
{
	return s != STATUS_DONE && s != STATUS_CANCELLED;
}

enum task_class status_classify(enum task_status status, civil_day due, civil_day completed,
				civil_day today, civil_day warn_until)
{
	if (status == STATUS_CANCELLED)
		return CLASS_CANCELLED;
	if (status == STATUS_DONE) {
		/* Done without a deadline, or without a known date, is on time. */
		if (due == DATE_NONE || completed == DATE_NONE || completed <= due)
			return CLASS_DONE_ON_TIME;
		return CLASS_DONE_LATE;
	}
	if (due == DATE_NONE)
		return CLASS_NO_DEADLINE;
	if (due < today)
		return CLASS_OVERDUE;
	if (due == today)
		return CLASS_DUE_TODAY;
	if (due <= warn_until)
		return CLASS_DUE_SOON;
	return CLASS_NOT_DUE;
}

const char *class_label(enum task_class c, enum lang lang)
{
	if ((unsigned)c >= CLASS_COUNT)
		return "?";
	return lang == LANG_EN ? classes[c].en : classes[c].vi;
}

const char *class_key(enum task_class c)
{
	return (unsigned)c < CLASS_COUNT ? classes[c].key : "?";
}

