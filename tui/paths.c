#include "tui/paths.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/xalloc.h"

static char *xdg_path(const char *var, const char *fallback, const char *leaf)
{
	const char *base = getenv(var);
	if (base && *base == '/')
		return xasprintf("%s/hanchot/%s", base, leaf);
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return xasprintf("%s/%s/hanchot/%s", home, fallback, leaf);
}

char *paths_default_db(void) { return xdg_path("XDG_DATA_HOME", ".local/share", "hanchot.db"); }

char *paths_default_config(void) { return xdg_path("XDG_CONFIG_HOME", ".config", "config"); }

int paths_make_parent(const char *path, char *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int ret = 0;
	if (!slash || slash == dir)
		goto out;
	*slash = '\0';
	for (char *p = dir + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char saved = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				ret = err_set(err, "cannot create folder '%s': %s", dir, strerror(errno));
				goto out;
			}
			*p = saved;
			if (saved == '\0')
				break;
		}
	}
out:
	free(dir);
	return ret;
}

char *paths_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	const char *user = getenv("USER");
	return xstrdup(user && *user ? user : "?");
}
