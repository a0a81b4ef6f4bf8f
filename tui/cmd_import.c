/* cmd_import: `hanchot import FILE [--dry-run] [--update] [--format table|tsv]`.
 *
 * Reads a notice in any format hanchot knows (tui/noticefile: .docx, .odt,
 * PDF, scans, text; OCR shows "page k of n" on stderr), prints what it found, and saves it in one
 * transaction (db/document). A notice imported before is not saved again:
 * the command says so and lists the tasks that changed; --update applies
 * those changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/agency.h"
#include "core/err.h"
#include "core/notice.h"
#include "core/xalloc.h"
#include "db/agency.h"
#include "db/document.h"
#include "tui/cli.h"
#include "tui/noticefile.h"

/* "notice 'FILE': why", the import's errors. */
#define NOTICE_ERROR (VI ? "thông báo '%s': %s" : "notice '%s': %s")

/* "page k of n" while a scan is read: rewritten in place on a terminal, a
 * line per page otherwise. */
struct progress {
	const char *path;
	bool tty, shown;
};

static int show_progress(void *ctx, unsigned k, unsigned n)
{
	struct progress *p = ctx;
	const char *fmt = VI ? "hanchot: OCR '%s': trang %u/%u" : "hanchot: OCR '%s': page %u of %u";
	fputs(p->tty ? "\r" : "", stderr);
	fprintf(stderr, fmt, p->path, k, n);
	fputs(p->tty ? "\033[K" : "\n", stderr);
	fflush(stderr);
	p->shown = true;
	return 0;
}

static void names_cell(char *const *names, size_t n)
{
	if (n == 0) {
		putchar('-');
		return;
	}
	char *j = task_join(names, n, "; ");
	cli_put(stdout, j);
	free(j);
}

static void print_tsv(const struct notice *n, bool en)
{
	char d[DATE_BUF], why[256];
	cli_printf("# document: kind=%s number=\"%s\" place=%s issued=%s signer=%s%s\n", n->kind, n->number,
		   n->place, date_format_iso(n->issued, d), n->signer, n->from_scan ? " source=scan" : "");
	if (n->candidates)
		printf("# no assignment found: %zu paragraphs offered as candidates\n", n->n_units);
	puts("section\tlead\tcooperating\tdue\tprecision\tphrase\tabout");
	for (size_t i = 0; i < n->n_units; i++) {
		const struct notice_unit *u = &n->units[i];
		if (u->dropped)
			continue;
		cli_put(stdout, u->section);
		putchar('\t');
		names_cell(u->leads, u->n_leads);
		putchar('\t');
		names_cell(u->cooperating, u->n_cooperating);
		printf("\t%s\t%s\t", date_format_iso(u->due, d),
		       precision_name(u->due == DATE_NONE ? PRECISION_NONE : u->precision));
		cli_put(stdout, *u->due_phrase ? u->due_phrase : "-");
		putchar('\t');
		cli_put(stdout, u->summary);
		putchar('\n');
	}
	/* what to check, after the rows as comments: the columns stay those of a hand reading */
	for (size_t i = 0; i < n->n_units; i++) {
		const struct notice_unit *u = &n->units[i];
		if (u->dropped || !u->doubts)
			continue;
		fputs("# check\t", stdout);
		cli_put(stdout, u->section);
		putchar('\t');
		cli_put(stdout, notice_doubts_text(u->doubts, en, why, sizeof why));
		putchar('\n');
	}
}

static void print_table(const struct notice *n, enum lang lang)
{
	bool en = lang == LANG_EN;
	char d[DATE_BUF], why[256];
	char *label = notice_label(n);
	cli_printf("%s%s%s\n", label, *n->title ? ": " : "", n->title);
	free(label);
	if (*n->signer)
		cli_printf("%s: %s\n", en ? "Signed by" : "Người ký", n->signer);
	if (n->candidates) {
		printf(en ? "no assignment found: %zu paragraphs to keep as tasks on the review screen (i):\n"
			  : "không tìm thấy việc được giao: %zu đoạn có thể giữ làm việc trên màn hình duyệt (i):\n",
		       n->n_units);
		for (size_t i = 0; i < n->n_units; i++)
			cli_printf("  %-12s %s\n", n->units[i].section, n->units[i].summary);
		return;
	}
	printf("%zu %s\n", notice_kept(n), en ? "tasks:" : "việc:");
	for (size_t i = 0; i < n->n_units; i++) {
		const struct notice_unit *u = &n->units[i];
		if (u->dropped)
			continue;
		char *lead = task_join(u->leads, u->n_leads, "; ");
		cli_printf("  %-12s %-10s %s\n", u->section, date_format_dmy(u->due, d), u->summary);
		cli_printf("  %-12s %s: %s\n", "", en ? "lead" : "chủ trì", lead);
		if (u->n_cooperating) {
			char *coop = task_join(u->cooperating, u->n_cooperating, "; ");
			cli_printf("  %-12s %s: %s\n", "", en ? "cooperating" : "phối hợp", coop);
			free(coop);
		}
		if (u->doubts)
			cli_printf("  %-12s %s: %s\n", "", en ? "check" : "cần xem", notice_doubts_text(u->doubts, en, why, sizeof why));
		free(lead);
	}
}

static int reimport(struct cli *cli, struct db *db, int64_t doc_id, bool same_text, const struct notice *n,
		    const char *path, bool update)
{
	struct document_changes ch = { 0 };
	char err[ERR_MAX];
	bool en = cli->s->lang == LANG_EN;
	if (db_document_reimport(db, doc_id, n, update, &ch, err)) {
		document_changes_release(&ch);
		return cli_error(EXIT_RUNTIME, NOTICE_ERROR, path, err);
	}
	size_t upd = document_changes_count(&ch, CHANGE_UPDATED), add = document_changes_count(&ch, CHANGE_NEW);
	if (en)
		cli_printf("notice '%s' was imported before (document %lld, %s): nothing duplicated\n", path,
		       (long long)doc_id, same_text ? "same text" : "same number and date");
	else
		cli_printf("thông báo '%s' đã được nhập trước đây (văn bản %lld, %s): không nhập trùng\n", path,
		       (long long)doc_id, same_text ? "cùng nội dung" : "cùng số và ngày");
	for (size_t i = 0; i < ch.n; i++) {
		const struct document_change *c = &ch.items[i];
		if (c->kind == CHANGE_UPDATED)
			cli_printf("  %s %s (task %lld): %s\n", en ? "changed" : "thay đổi", c->section,
				   (long long)c->task_id, c->what);
		else if (c->kind == CHANGE_NEW)
			cli_printf("  %s %s\n", en ? "new" : "mới", c->section);
		else if (c->kind == CHANGE_GONE)
			cli_printf("  %s %s (task %lld)\n", en ? "no longer in the notice, kept:" : "không còn trong thông báo, giữ nguyên:",
				   c->section, (long long)c->task_id);
		if (*c->conflicts)
			cli_printf("  %s %s (task %lld): %s\n",
				   en ? "conflict, the task's value kept:" : "xung đột, giữ giá trị của việc:", c->section,
				   (long long)c->task_id, c->conflicts);
	}
	size_t conflicts = document_changes_conflicts(&ch);
	if (upd + add == 0)
		puts(en ? "no task changed" : "không có việc nào thay đổi");
	else if (update)
		printf(en ? "updated %zu tasks, added %zu\n" : "đã cập nhật %zu việc, thêm %zu việc\n", upd, add);
	else
		printf(en ? "%zu tasks changed, %zu new: run again with --update to apply\n"
			  : "%zu việc thay đổi, %zu việc mới: chạy lại với --update để cập nhật\n", upd, add);
	if (conflicts)
		printf(en ? "%zu tasks changed by both the notice and a person: their values kept, listed above\n"
			  : "%zu việc được cả thông báo và người dùng sửa: giữ giá trị của việc, xem danh sách trên\n",
		       conflicts);
	document_changes_release(&ch);
	return EXIT_OK;
}

/* import --text: what was read from the file, as the notice reader gets it. */
static int print_text(const char *path)
{
	struct progress pr = { path, isatty(STDERR_FILENO) == 1, false };
	struct noticefile_text t;
	char err[ERR_MAX];
	int bad = noticefile_extract(path, show_progress, &pr, &t, err);
	if (pr.shown && pr.tty)
		fputs("\r\033[K", stderr);
	if (!bad)
		fwrite(t.text, 1, t.len, stdout);
	free(t.text);
	return bad ? cli_error(EXIT_RUNTIME, NOTICE_ERROR, path, err) : EXIT_OK;
}

static void print_reading(struct cli *cli, const struct notice *n, bool tsv)
{
	if (tsv)
		print_tsv(n, cli->s->lang == LANG_EN);
	else
		print_table(n, cli->s->lang);
}

/* Saves n read from path, or says what changed since it was saved. */
static int save(struct cli *cli, struct notice *n, const char *path, bool update, bool tsv)
{
	char err[ERR_MAX];
	bool same_text = false;
	struct db *db = cli_db(cli);
	if (!db)
		return EXIT_RUNTIME;
	session_check_agencies(cli->s, n);
	int64_t doc = db_document_find(db, n, &same_text, err);
	if (doc > 0)
		return reimport(cli, db, doc, same_text, n, path, update);
	if (doc < 0 || db_document_save(db, n, &doc, err))
		return cli_error(EXIT_RUNTIME, NOTICE_ERROR, path, err);
	print_reading(cli, n, tsv);
	if (!tsv)
		printf(cli->s->lang == LANG_EN ? "saved as document %lld\n" : "đã lưu thành văn bản %lld\n", (long long)doc);
	return EXIT_OK;
}

static int import_exec(struct cli *cli, const struct args *a)
{
	const char *path = a->operands[0];
	bool tsv = args_choice(a, "format", 0) == 1;
	struct progress pr = { path, isatty(STDERR_FILENO) == 1, false };
	char err[ERR_MAX];
	struct notice n;
	int code = EXIT_OK;

	if (args_has(a, "text"))
		return print_text(path);
	int bad = noticefile_read(path, show_progress, &pr, &n, err);
	if (pr.shown && pr.tty)
		fputs("\r\033[K", stderr);
	if (bad) {
		code = cli_error(EXIT_RUNTIME, NOTICE_ERROR, path, err);
	} else if (args_has(a, "dry-run")) {
		session_check_agencies(cli->s, &n);
		print_reading(cli, &n, tsv);
	} else if (n.candidates) {
		code = cli_error(EXIT_RUNTIME,
				 VI ? "thông báo '%s': không tìm thấy việc được giao: %zu đoạn có thể giữ làm việc trên màn hình "
				      "duyệt (hanchot, rồi i) hoặc xem bằng import --dry-run"
				    : "notice '%s': no assignment found: %zu paragraphs can be kept as tasks on the review screen "
				      "(hanchot, then i) or listed with import --dry-run",
				 path, n.n_units);
	} else {
		code = save(cli, &n, path, args_has(a, "update"), tsv);
	}
	notice_release(&n);
	return code;
}

static const struct opt_spec import_opts[] = {
	{ "dry-run", OPT_FLAG, NULL, 0 },
	{ "update", OPT_FLAG, NULL, 0 },
	{ "format", OPT_CHOICE, "table|tsv", 0 },
	{ "text", OPT_FLAG, NULL, 0 },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "import FILE [--dry-run] [--update] [--format table|tsv] [--text]",
	.args = { import_opts, 1, 1, { "thiếu tệp thông báo", "missing FILE" }, { "chỉ nhận một tệp", "give one FILE" }, false },
	.flags = CMD_BACKUP | CMD_REFRESH | CMD_PUBLISH,
	.exec = import_exec,
};
