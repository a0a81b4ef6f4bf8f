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

#endif
