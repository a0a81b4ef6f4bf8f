#define _GNU_SOURCE /* renameat2(), F_SETLEASE, F_SETSIG, sync_file_range() */
#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int file_write_at(int fd, const void *p, size_t len, uint64_t at)
{
	const char *c = p;
	while (len) {
		ssize_t n = pwrite(fd, c, len, (off_t)at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		c += n;
		len -= (size_t)n;
		at += (uint64_t)n;
	}
	return 0;
}

void file_writeback(int fd, uint64_t off, uint64_t len)
{
	sync_file_range(fd, (off_t)off, (off_t)len, SYNC_FILE_RANGE_WRITE);
}

static bool same_file_system(const char *a, const char *b)
{
	char *dir_a = file_parent_dir(a), *dir_b = file_parent_dir(b);
	struct stat st_a, st_b;
	bool same = stat(dir_a, &st_a) == 0 && stat(dir_b, &st_b) == 0 && st_a.st_dev == st_b.st_dev;
	free(dir_a);
	free(dir_b);
	return same;
}

int file_spare_open(struct file_spare *s, const char *spare_path, const char *target, mode_t mode)
{
	struct stat st;
	s->fd = -1;
	s->path = NULL;
	if (!same_file_system(spare_path, target))
		return -1;
	/* O_NONBLOCK: when another process holds the lease, fail at once */
	int fd = open(spare_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	/* A write lease is granted only when no other descriptor has the file
	 * open; while it is held, an opener waits until it is released (at the
	 * swap). The holder is told of such an opener by a signal: SIGURG,
	 * ignored by default, instead of SIGIO, which would end the program.
	 * A second name (a hard link) would see the overwrite: refused too. */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
	    fcntl(fd, F_SETSIG, SIGURG) != 0 || fcntl(fd, F_SETLEASE, F_WRLCK) != 0 ||
	    fchmod(fd, mode) != 0) {
		close(fd);
		return -1;
	}
	s->fd = fd;
	s->path = xstrdup(spare_path);
	return fd;
}

int file_spare_swap(struct file_spare *s, const char *target)
{
	if (renameat2(AT_FDCWD, s->path, AT_FDCWD, target, RENAME_EXCHANGE) != 0) {
		/* no file to exchange with, or a file system that cannot exchange */
		if ((errno != ENOENT && errno != EINVAL) || rename(s->path, target) != 0)
			return errno;
	}
	char *dir = file_parent_dir(target), *spare_dir = file_parent_dir(s->path);
	file_sync(dir, true);
	if (strcmp(dir, spare_dir) != 0)
		file_sync(spare_dir, true);
	free(dir);
	free(spare_dir);
	file_spare_close(s);
	return 0;
}

void file_spare_close(struct file_spare *s)
{
	if (s->fd >= 0)
		close(s->fd); /* releases the lease */
	s->fd = -1;
	free(s->path);
	s->path = NULL;
}
