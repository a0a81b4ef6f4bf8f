#define _GNU_SOURCE /* renameat2(), F_SETLEASE, F_SETSIG, sync_file_range() */
#include "core/file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "core/err.h"
#include "core/xalloc.h"

int file_read_all(const char *path, size_t max, char **data, size_t *len, char *err)
{
	struct stat sb;
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, "%s", strerror(errno));
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		return err_set(err, "is a folder, not a file");
	}
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > max) {
		close(fd);
		return err_set(err, "too large (%lld bytes; hanchot reads files of at most %zu bytes)",
			       (long long)sb.st_size, max);
	}
	size_t cap = 0, n = 0;
	char *buf = NULL;
	for (;;) {
		xgrow((void **)&buf, &cap, n + 65536 + 1, 1);
		size_t want = cap - n - 1;
		if (want > max + 1 - n)
			want = max + 1 - n;
		ssize_t got = read(fd, buf + n, want);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			close(fd);
			free(buf);
			return err_set(err, "read error (%s)", strerror(e));
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			close(fd);
			free(buf);
			return err_set(err, "too large (more than %zu bytes; hanchot reads files of at most that)", max);
		}
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

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

/* An extended attribute of path, or "" when it has none. Caller frees. */
static char *xattr_of(const char *path, const char *name, ssize_t *len)
{
	char *v = xmalloc(4096);
	*len = getxattr(path, name, v, 4096);
	if (*len < 0)
		*len = errno == ENODATA || errno == ENOTSUP ? 0 : -1;
	return v;
}

static bool same_xattr(const char *a, const char *b, const char *name)
{
	ssize_t la, lb;
	char *va = xattr_of(a, name, &la), *vb = xattr_of(b, name, &lb);
	bool same = la >= 0 && la == lb && memcmp(va, vb, (size_t)la) == 0;
	free(va);
	free(vb);
	return same;
}

/* File systems whose leases see every open of a file: local ones. Over
 * NFS or FUSE a reader elsewhere holds no open the lease would see. */
static bool local_file_system(const char *dir)
{
	static const long local[] = {
		0xEF53,	    /* ext2, ext3, ext4 */
		0x58465342, /* xfs */
		0x9123683E, /* btrfs */
		0x01021994, /* tmpfs */
		0xF2F52010, /* f2fs */
	};
	struct statfs fs;
	if (statfs(dir, &fs) != 0)
		return false;
	for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
		if ((long)fs.f_type == local[i])
			return true;
	return false;
}

/* The group a file made in dir gets. */
static gid_t new_file_group(const struct statx *dir)
{
	return dir->stx_mode & S_ISGID ? dir->stx_gid : getegid();
}

/* Whether a file made in folder a can stand for one made in folder b: one
 * mount (rename works between them), a local file system, both writable,
 * and what a new file inherits from its folder (group, default ACL,
 * SELinux label) the same. */
static bool interchangeable_folders(const char *a, const char *b)
{
	struct statx sa, sb;
	unsigned mask = STATX_MODE | STATX_GID | STATX_MNT_ID;
	if (statx(AT_FDCWD, a, 0, mask, &sa) != 0 || statx(AT_FDCWD, b, 0, mask, &sb) != 0 ||
	    !(sa.stx_mask & STATX_MNT_ID) || !(sb.stx_mask & STATX_MNT_ID))
		return false;
	return sa.stx_mnt_id == sb.stx_mnt_id && local_file_system(a) && access(a, W_OK) == 0 &&
	       access(b, W_OK) == 0 && new_file_group(&sa) == new_file_group(&sb) &&
	       same_xattr(a, b, "system.posix_acl_default") && same_xattr(a, b, "security.selinux");
}

int file_spare_open(struct file_spare *s, const char *spare_path, const char *target, mode_t mode)
{
	struct stat st;
	s->fd = -1;
	s->path = NULL;
	/* a symbolic link (or anything but a file) is replaced, not swapped away */
	if (lstat(target, &st) == 0 && !S_ISREG(st.st_mode))
		return -1;
	char *spare_dir = file_parent_dir(spare_path), *target_dir = file_parent_dir(target);
	bool usable = interchangeable_folders(spare_dir, target_dir);
	free(spare_dir);
	free(target_dir);
	if (!usable)
		return -1;
	/* O_NONBLOCK: when another process holds the lease, fail at once */
	int fd = open(spare_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	/* A write lease is granted only when no other descriptor has the file
	 * open; while it is held, an opener waits until it is released (just
	 * before the swap). The holder is told of such an opener by a signal:
	 * SIGURG, ignored by default, instead of SIGIO, which would end the
	 * program. A second name (a hard link) would see the overwrite: refused
	 * too. */
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
	struct stat mine, named, old;
	/* the spare's name must still be this file, and target a file */
	if (fstat(s->fd, &mine) != 0 || lstat(s->path, &named) != 0)
		return errno;
	if (mine.st_dev != named.st_dev || mine.st_ino != named.st_ino)
		return ESTALE;
	if (lstat(target, &old) == 0 && !S_ISREG(old.st_mode))
		return EISDIR;
	/* no lease on what becomes the calendar: its readers must not wait */
	if (fcntl(s->fd, F_SETLEASE, F_UNLCK) != 0)
		return errno;
	if (renameat2(AT_FDCWD, s->path, AT_FDCWD, target, RENAME_EXCHANGE) != 0) {
		if (errno != ENOENT || rename(s->path, target) != 0) /* ENOENT: no target yet */
			return errno;
	}
	char *dir = file_parent_dir(target), *spare_dir = file_parent_dir(s->path);
	file_sync(dir, true);
	if (strcmp(dir, spare_dir) != 0)
		file_sync(spare_dir, true);
	free(dir);
	free(spare_dir);
	return 0;
}

void file_spare_close(struct file_spare *s)
{
	if (s->fd >= 0)
		close(s->fd); /* releases the lease, if still held */
	s->fd = -1;
	free(s->path);
	s->path = NULL;
}
