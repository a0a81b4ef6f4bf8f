/* paths: where hanchot keeps its files, and who is using it.
 *
 * The database defaults to $XDG_DATA_HOME/hanchot/hanchot.db
 * (~/.local/share/hanchot/hanchot.db), the configuration to
 * $XDG_CONFIG_HOME/hanchot/config (~/.config/hanchot/config). */
#ifndef HANCHOT_PATHS_H
#define HANCHOT_PATHS_H

/* Newly allocated default paths; NULL when neither XDG_* nor HOME is set. */
char *paths_default_db(void);
char *paths_default_config(void);
/* Creates the folders above path (mode 0700) when missing; 0 or -1 with err. */
int paths_make_parent(const char *path, char *err);
/* The folder this program's file is in (/proc/self/exe), newly allocated;
 * NULL when it cannot be told. */
char *paths_program_dir(void);
/* The path of a shipped data file (holidays.tsv, agencies.tsv,
 * successors.tsv, example-notice.md): under $HANCHOT_DATADIR, else the
 * config/ folder next to the program (a source tree), else the installed
 * share folder. Caller frees. */
char *paths_data_file(const char *leaf);
/* The OS user name (getpwuid, then $USER), newly allocated. */
char *paths_user(void);

#endif
