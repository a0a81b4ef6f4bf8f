/* os: the system calls only Linux has, in one place, each with a plain
 * POSIX fallback; the rest of core/ is POSIX. They make a large re-export
 * cheaper (tests/bench/RESULTS.md), never correct where it was not: on another
 * system each says it cannot, and the caller takes the plain way (no spare
 * file swapped in, the closing fsync waiting for all of it). */
#ifndef HANCHOT_OS_H
#define HANCHOT_OS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* The file system type (statfs f_type) of path; -1 when it cannot be told. */
long os_fs_type(const char *path);

/* Whether a file made in folder a can stand in for one made in folder b:
 * one mount (a rename works between them), a local file system (whose
 * leases see every open), both writable, and what a new file inherits from
 * its folder (group, default ACL, SELinux label) the same. Linux: statx and
 * extended attributes; elsewhere false. */
bool os_interchangeable_folders(const char *a, const char *b);

/* A write lease on fd (granted only when no other descriptor has the file
 * open; an opener then waits until it is released, and the holder is told
 * by SIGURG, ignored by default). 0, or -1 with errno (ENOSYS elsewhere). */
int os_lease(int fd);
int os_lease_release(int fd);

/* Swaps the names a and b (renameat2 RENAME_EXCHANGE). 0, or -1 with errno
 * (ENOSYS elsewhere). */
int os_exchange(const char *a, const char *b);

/* Starts writing [off, off + len) of fd back to disk without waiting
 * (sync_file_range); nothing elsewhere. */
void os_writeback(int fd, uint64_t off, uint64_t len);

#endif
