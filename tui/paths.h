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
/* The OS user name (getpwuid, then $USER), newly allocated. */
char *paths_user(void);

#endif
