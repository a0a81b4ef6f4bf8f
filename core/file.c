#include "core/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/os.h"
#include "core/xalloc.h"

int file_read_all(const char *path, size_t max, char **data, size_t *len, char *err)
{
	struct stat sb;
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, "%s", err_reason(errno));
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		return err_set(err, VI ? "là thư mục, không phải tệp" : "is a folder, not a file");
	}
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > max) {
		close(fd);
		return err_set(err, VI ? "quá lớn (%lld byte; hanchot chỉ đọc tệp tối đa %zu byte)"
				       : "too large (%lld bytes; hanchot reads files of at most %zu bytes)",
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
			return err_set(err, VI ? "lỗi khi đọc (%s)" : "read error (%s)", err_reason(e));
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			close(fd);
			free(buf);
			return err_set(err, VI ? "quá lớn (hơn %zu byte, mức tối đa hanchot đọc)"
					       : "too large (more than %zu bytes; hanchot reads files of at most that)", max);
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

/* ---- outputs ---------------------------------------------------------------- */

/* The descriptor a name such as /dev/fd/1 or /proc/self/fd/1 stands for in
 * this process, or -1. */
static int own_descriptor(const char *name)
{
	static const char *const dirs[] = { "/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/" };
	char mine[64];
	snprintf(mine, sizeof mine, "/proc/%ld/fd/", (long)getpid());
	for (size_t i = 0; i <= sizeof dirs / sizeof dirs[0]; i++) {
		const char *d = i < sizeof dirs / sizeof dirs[0] ? dirs[i] : mine;
		size_t n = strlen(d);
		if (strncmp(name, d, n) != 0 || !name[n] || strspn(name + n, "0123456789") != strlen(name + n))
			continue;
		long fd = strtol(name + n, NULL, 10);
		return fd < INT_MAX ? (int)fd : -1;
	}
	return -1;
}

int file_output_resolve(const char *path, struct file_output *o, char *err)
{
	struct stat st;
	memset(o, 0, sizeof *o);
	o->fd = -1;
	if (!path || !*path)
		return err_set(err, VI ? "chưa có tên tệp" : "no file name given");
	/* follow the links by hand: a dangling one names the file to create,
	 * and /dev/stdout leads to one of our descriptors */
	char *name = xstrdup(path);
	for (int hops = 0;; hops++) {
		int fd = own_descriptor(name);
		if (fd >= 0) {
			free(name);
			if (fcntl(fd, F_GETFD) < 0)
				return err_set(err, VI ? "bộ mô tả tệp %d chưa mở" : "descriptor %d is not open", fd);
			o->stream = true;
			o->fd = fd;
			o->path = xstrdup(path);
			return 0;
		}
		char target[PATH_MAX];
		ssize_t n;
		if (lstat(name, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		if (hops == 40 || (n = readlink(name, target, sizeof target - 1)) < 0) {
			free(name);
			return err_set(err, "%s", hops == 40 ? (VI ? "quá nhiều tầng liên kết tượng trưng" : "too many levels of symbolic links")
						  : err_reason(errno));
		}
		target[n] = '\0';
		char *dir = file_parent_dir(name), *next;
		next = target[0] == '/' ? xstrdup(target) : xasprintf("%s/%s", dir, target);
		free(dir);
		free(name);
		name = next;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		free(name);
		if (S_ISDIR(st.st_mode))
			return err_set(err, VI ? "đây là một thư mục" : "it is a folder");
		if (S_ISBLK(st.st_mode))
			return err_set(err, VI ? "đây là thiết bị khối (một ổ đĩa): hanchot không ghi đè lên đó"
					: "it is a block device (a disk): hanchot does not write over one");
		o->stream = true;
		o->path = xstrdup(path);
		return 0;
	}
	o->exists = stat(name, &st) == 0;
	o->mode = o->exists ? st.st_mode & 07777 : 0;
	char *dir = file_parent_dir(name), *real = realpath(dir, NULL);
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	int rc = 0;
	if (!real)
		rc = errno == ENOENT || errno == ENOTDIR ? err_set(err, VI ? "không có thư mục '%s'" : "folder '%s' does not exist", dir)
							 : err_set(err, VI ? "thư mục '%s': %s" : "folder '%s': %s", dir, err_reason(errno));
	else if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		rc = err_set(err, VI ? "đây là một thư mục" : "it is a folder");
	else
		o->path = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
	free(real);
	free(dir);
	free(name);
	return rc;
}

void file_output_release(struct file_output *o)
{
	free(o->path);
	o->path = NULL;
}

int file_output_stream(const struct file_output *o, char *err)
{
	int fd = o->fd >= 0 ? fcntl(o->fd, F_DUPFD_CLOEXEC, 0) : open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == ENXIO) { /* a Unix socket: connect to it */
		struct sockaddr_un a = { .sun_family = AF_UNIX };
		if (strlen(o->path) >= sizeof a.sun_path)
			return err_set(err, VI ? "tên socket quá dài" : "socket name too long");
		strcpy(a.sun_path, o->path);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
			int e = errno;
			close(fd);
			fd = -1;
			errno = e;
		}
	}
	if (fd < 0)
		return err_set(err, "%s", err_reason(errno));
	return fd;
}

const char *file_network_fs_type(long f_type)
{
	switch ((unsigned long)f_type & 0xFFFFFFFFul) {
	case 0x6969: /* NFS_SUPER_MAGIC, NFS 2 to 4 */
		return "NFS";
	case 0x517B:     /* SMB_SUPER_MAGIC */
	case 0xFF534D42: /* CIFS_MAGIC_NUMBER */
	case 0xFE534D42: /* SMB2_MAGIC_NUMBER */
		return "SMB/CIFS";
	default:
		return NULL;
	}
}

const char *file_network_fs(const char *path)
{
	long type = os_fs_type(path);
	return type == -1 ? NULL : file_network_fs_type(type);
}

mode_t file_private_mode(const char *path)
{
	struct stat st;
	char *dir = file_parent_dir(path);
	bool shared = stat(dir, &st) == 0 && (st.st_mode & S_ISGID);
	free(dir);
	return shared ? 0660 : 0600;
}

/* ---- temporary files ---------------------------------------------------- */

int file_temp_create(const char *path, mode_t mode, char **tmp)
{
	char *dir = file_parent_dir(path);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	*tmp = xasprintf("%s/.%s.hanchot.XXXXXX", dir, base);
	free(dir);
	int fd = mkstemp(*tmp);
	if (fd < 0 || fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || flock(fd, LOCK_EX | LOCK_NB) != 0 ||
	    fchmod(fd, mode) != 0) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		errno = e;
		return -1;
	}
	return fd;
}

/* The length of name without a SQLite journal suffix. */
static size_t without_journal(const char *name, size_t n)
{
	static const char *const suffixes[] = { "-journal", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k && strcmp(name + n - k, suffixes[i]) == 0)
			return n - k;
	}
	return n;
}

/* Whether name (length n, journal suffix removed) is a temporary file of
 * ours for prefix: ".<prefix>….hanchot.XXXXXX". */
static bool temp_name(const char *name, size_t n, const char *prefix)
{
	size_t p = strlen(prefix);
	if (n < 1 + p + 15 || name[0] != '.' || strncmp(name + 1, prefix, p) != 0 ||
	    strncmp(name + n - 15, ".hanchot.", 9) != 0)
		return false;
	for (size_t i = n - 6; i < n; i++)
		if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z')))
			return false;
	return true;
}

/* Whether the file at path is held locked by a live process. */
static bool locked(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT;
	bool held = flock(fd, LOCK_SH | LOCK_NB) != 0;
	close(fd);
	return held;
}

bool file_temp_dead(const char *path)
{
	struct stat st;
	size_t n = strlen(path), k = without_journal(path, n);
	char *main_file = xstrndup(path, k);
	/* a journal goes with its file: while that is held, so is it */
	bool dead = lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    time(NULL) - st.st_mtime >= FILE_TEMP_GRACE && !locked(main_file);
	free(main_file);
	return dead;
}

void file_temp_clean(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (!temp_name(e->d_name, without_journal(e->d_name, n), prefix))
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		if (file_temp_dead(path))
			unlink(path);
		free(path);
	}
	closedir(d);
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

void file_writeback(int fd, uint64_t off, uint64_t len) { os_writeback(fd, off, len); }

int file_spare_open(struct file_spare *s, const char *spare_path, const char *target, mode_t mode)
{
	struct stat st;
	s->fd = -1;
	s->path = NULL;
	/* a symbolic link (or anything but a file) is replaced, not swapped away */
	if (lstat(target, &st) == 0 && !S_ISREG(st.st_mode))
		return -1;
	char *spare_dir = file_parent_dir(spare_path), *target_dir = file_parent_dir(target);
	bool usable = os_interchangeable_folders(spare_dir, target_dir);
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
	 * before the swap). A second name (a hard link) would see the
	 * overwrite: refused too. */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 || os_lease(fd) != 0 ||
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
	if (os_lease_release(s->fd) != 0)
		return errno;
	if (os_exchange(s->path, target) != 0) {
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
