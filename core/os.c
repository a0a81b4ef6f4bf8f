#ifdef __linux__
#define _GNU_SOURCE /* statx, renameat2, F_SETLEASE, F_SETSIG, sync_file_range */
#endif
#include "core/os.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/statfs.h>
#include <sys/xattr.h>

#include "core/xalloc.h"

long os_fs_type(const char *path)
{
	struct statfs fs;
	return statfs(path, &fs) == 0 ? (long)fs.f_type : -1;
}

/* File systems whose leases see every open of a file: local ones. Over NFS
 * or FUSE a reader elsewhere holds no open the lease would see. */
static bool local_file_system(const char *dir)
{
	static const long local[] = {
		0xEF53,	    /* ext2, ext3, ext4 */
		0x58465342, /* xfs */
		0x9123683E, /* btrfs */
		0x01021994, /* tmpfs */
		0xF2F52010, /* f2fs */
	};
	long type = os_fs_type(dir);
	for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
		if (type == local[i])
			return true;
	return false;
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

/* The group a file made in dir gets. */
static gid_t new_file_group(const struct statx *dir)
{
	return dir->stx_mode & S_ISGID ? dir->stx_gid : getegid();
}

bool os_interchangeable_folders(const char *a, const char *b)
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

int os_lease(int fd)
{
	/* SIGURG, ignored by default, instead of SIGIO, which would end the program */
	return fcntl(fd, F_SETSIG, SIGURG) != 0 || fcntl(fd, F_SETLEASE, F_WRLCK) != 0 ? -1 : 0;
}

int os_lease_release(int fd) { return fcntl(fd, F_SETLEASE, F_UNLCK); }

int os_exchange(const char *a, const char *b) { return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE); }

void os_writeback(int fd, uint64_t off, uint64_t len)
{
	sync_file_range(fd, (off_t)off, (off_t)len, SYNC_FILE_RANGE_WRITE);
}

#else /* the POSIX fallbacks */

long os_fs_type(const char *path)
{
	(void)path;
	return -1;
}

bool os_interchangeable_folders(const char *a, const char *b)
{
	(void)a;
	(void)b;
	return false;
}

static int unsupported(void)
{
	errno = ENOSYS;
	return -1;
}

int os_lease(int fd)
{
	(void)fd;
	return unsupported();
}

int os_lease_release(int fd)
{
	(void)fd;
	return unsupported();
}

int os_exchange(const char *a, const char *b)
{
	(void)a;
	(void)b;
	return unsupported();
}

void os_writeback(int fd, uint64_t off, uint64_t len)
{
	(void)fd, (void)off, (void)len;
}

#endif
