/* cmd_holidays: `hanchot holidays YEAR` lists a year's days off and make-up
 * working days, one per line: date, weekday, name, lunar date, and whether
 * the day comes from an announcement or from the computed rules. */
#include <stdio.h>
#include <stdlib.h>

#include "core/holiday.h"
#include "core/xalloc.h"
#include "tui/cli.h"

static int holidays_exec(struct cli *cli, const struct args *a)
{
	char *end;
	const char *text = a->operands[0];
	long year = strtol(text, &end, 10);
	if (*text == '\0' || *end || year < 1800 || year > 2199)
		return cli_usage_error(cli, VI ? "'%s' không phải năm từ 1800 đến 2199"
							       : "year '%s' is not a year from 1800 to 2199", text);
	const struct holiday_calendar *cal = cli->s->holidays;
	size_t n = holiday_list_year(cal, (int)year, NULL, 0);
	struct holiday_day *days = xcalloc(n ? n : 1, sizeof *days);
	holiday_list_year(cal, (int)year, days, n);
	bool en = cli->s->lang == LANG_EN;
	for (size_t i = 0; i < n; i++) {
		char date[DATE_BUF];
		const struct holiday_day *d = &days[i];
		const char *kind = d->kind == HOLIDAY_WORK ? (en ? "make-up working day" : "làm bù")
				   : d->substitute		? (en ? "substitute day off" : "nghỉ bù")
							: (en ? "day off" : "nghỉ");
		cli_printf("%s\t%s\t%s\t%s\t%s\t%s\n", date_format_dmy(d->day, date),
		       date_weekday_name(date_weekday(d->day), cli->s->lang), kind, d->name ? d->name : "",
		       d->lunar, d->source == HOLIDAY_ANNOUNCED ? (en ? "announced" : "đã công bố")
							 : (en ? "computed" : "tính theo luật"));
	}
	free(days);
	return EXIT_OK;
}

const struct cmd_entry cmd_holidays_entry = {
	.name = "holidays",
	.usage = "holidays YEAR",
	.args = { NULL, 1, 1, { "cần đúng một năm", "expected one YEAR" }, { "cần đúng một năm", "expected one YEAR" }, false },
	.flags = CMD_BACKUP | CMD_REFRESH,
	.exec = holidays_exec,
};
