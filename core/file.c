#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"

char *file_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int file_sync(const char *path, bool is_dir)
{
	int fd = open(path, (is_dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
	if (fd < 0)
		return errno;
	int rc = fsync(fd) ? errno : 0;
	close(fd);
	return rc;
}

int file_replace(const char *tmp, const char *path)
{
	if (rename(tmp, path) != 0)
		return errno;
	char *dir = file_parent_dir(path);
	file_sync(dir, true);
	free(dir);
	return 0;
}
