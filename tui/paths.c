#include "tui/paths.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
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
				ret = err_set(err, VI ? "không tạo được thư mục '%s': %s" : "cannot create folder '%s': %s", dir,
					      err_reason(errno));
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

char *paths_program_dir(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	return slash ? xstrndup(exe, (size_t)(slash - exe)) : NULL;
}

/* Where the shipped data files are: $HANCHOT_DATADIR, the source tree the
 * program was built in (make run), or the installed share folder. */
char *paths_data_file(const char *leaf)
{
	const char *env = getenv("HANCHOT_DATADIR");
	if (env && *env)
		return xasprintf("%s/%s", env, leaf);
	char *dir = paths_program_dir();
	char *local = dir ? xasprintf("%s/config/%s", dir, leaf) : NULL;
	free(dir);
	if (local && access(local, R_OK) == 0)
		return local;
	free(local);
	return xasprintf("%s/%s", HANCHOT_DATADIR, leaf);
}
