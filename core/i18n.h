/* i18n: the user-interface language.
 *
 * Vietnamese is the default; English is available. Core functions that produce
 * wording take an enum lang; the message catalogue lives in the TUI. */
#ifndef HANCHOT_I18N_H
#define HANCHOT_I18N_H

enum lang { LANG_VI, LANG_EN };

/* "vi"/"en" (also "vi_VN.UTF-8", "en_US" …) into *out; returns 0 or -1 when the
 * text names no language we have. */
int i18n_lang_parse(const char *text, enum lang *out);

/* The language of the messages the core writes itself (a date's error: "Ngày
 * không hợp lệ: 32/13/2024 — tháng 13 không có"), so that one language is
 * shown at a time: set once by the program from --lang, the configuration or
 * the locale; English until then (what the core's own tests read). */
void i18n_set_messages(enum lang lang);
enum lang i18n_messages(void);

/* Whether those messages are Vietnamese: every message is written in both
 * languages, VI ? "Vietnamese" : "English". */
#define VI (i18n_messages() == LANG_VI)

#endif
