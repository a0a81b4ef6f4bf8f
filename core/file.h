/* file: the small file-system steps that atomic writes share: the folder a
 * path is in, where an output named by the user goes, temporary files and
 * what a killed writer left of them, and flushing a file or folder to disk
 * (after a rename, the folder must be flushed too, or a crash can lose the
 * new name). */
#ifndef HANCHOT_FILE_H
#define HANCHOT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Reads the whole file at path into *data (NUL-terminated; the caller
 * frees it) and *len. Fails (-1, err: one line without the path) when it
 * cannot be opened or read, is a folder, or holds more than max bytes
 * (found before reading past max). */
int file_read_all(const char *path, size_t max, char **data, size_t *len, char *err);

/* The folder part of path ("." when none, "/" for the root). Caller frees. */
char *file_parent_dir(const char *path);

/* fsync()s the file or folder at path. Returns 0, or the errno. */
int file_sync(const char *path, bool is_dir);

/* The last step of an atomic write: renames tmp over path, then flushes the
 * folder so the new name survives a crash. Returns 0, or the rename's errno
 * (tmp is left in place for the caller to remove). */
int file_replace(const char *tmp, const char *path);

/* Where an output the user names goes (export --out, report --out, backup
 * FILE, the screen's export and report files). A regular file, or no file
 * yet, is replaced atomically: written to a temporary file next to it and
 * renamed over it; a symbolic link is followed and its target replaced in
 * the target's folder. A character device, FIFO or socket (/dev/null, a
 * pipe) is written into where it is, never renamed over; so is a
 * descriptor of this process named through /dev/stdout, /dev/fd/N or
 * /proc/self/fd/N, whatever it is open on. A folder and a block device are
 * refused. */
struct file_output {
	bool stream;  /* write into it where it is */
	int fd;       /* a stream that is one of our descriptors: that one; else -1 */
	char *path;   /* a file to replace: its name, links followed, in its real
		       * folder; a stream: as given */
	bool exists;  /* a file to replace that exists now */
	mode_t mode;  /* its permissions, then */
};

/* Fills o for path. Returns 0, or -1 with a message that does not name the
 * path ("it is a folder", "folder '/x' does not exist", "it is a block
 * device (a disk): hanchot does not write over one", "too many levels of
 * symbolic links"). Release o either way. */
int file_output_resolve(const char *path, struct file_output *o, char *err);
void file_output_release(struct file_output *o);

/* Opens a stream output for writing (a new descriptor the caller closes):
 * a dup of o->fd, an open() of a device or FIFO (waiting for a FIFO's
 * reader), a connection to a Unix socket. -1 with a message on failure. */
int file_output_stream(const struct file_output *o, char *err);

/* The network file system a path lies on: "NFS", "SMB/CIFS", or NULL for
 * any other (or when statfs fails). SQLite's write-ahead log relies on
 * shared memory and locks these do not give: a database there is refused.
 * file_network_fs_type() answers for a statfs f_type. */
const char *file_network_fs(const char *path);
const char *file_network_fs_type(long f_type);

/* The mode of a file hanchot creates for those who share a database (the
 * database, its log, backups, locks, indexes), given the path it goes to:
 * 0660 when its folder is set-group-ID (chmod g+s: the file takes the
 * folder's group, the colleagues'), else 0600. */
mode_t file_private_mode(const char *path);

/* Temporary files, for atomic writes: ".<name>.hanchot.XXXXXX" next to the
 * file at path, created with mode and locked (flock) for as long as the
 * returned descriptor is open, so that file_temp_clean() can tell the
 * leftovers of a killed process from a live writer's file. Returns the
 * descriptor (close-on-exec) and the name in *tmp (caller frees), or -1
 * with errno. */
int file_temp_create(const char *path, mode_t mode, char **tmp);

/* Removes, in folder dir, the temporary files of dead processes whose name
 * begins with "." followed by prefix (a file name: "cal.ics", or a
 * database's, which also covers its backups and indexes), with the SQLite
 * journals beside them: those no process holds locked and nobody modified
 * for FILE_TEMP_GRACE seconds (the moment between creating a file and
 * locking it). Cannot fail: what cannot be removed stays. */
void file_temp_clean(const char *dir, const char *prefix);
#define FILE_TEMP_GRACE 10
/* Whether the file at path (or the one whose SQLite journal it is) is such
 * a leftover: unlocked and untouched for FILE_TEMP_GRACE seconds. */
bool file_temp_dead(const char *path);

/* Writes all len bytes of p at offset at of fd. Returns 0, or -1 with errno. */
int file_write_at(int fd, const void *p, size_t len, uint64_t at);

/* Starts writing [off, off + len) of fd back to disk without waiting for it.
 * Done every FILE_WRITEBACK_BYTES while a large file is written, it leaves
 * the closing fsync() only the tail to wait for (tests/bench/RESULTS.md). */
void file_writeback(int fd, uint64_t off, uint64_t len);
#define FILE_WRITEBACK_BYTES (8u << 20)

/* A spare: the file an atomic replacement displaced, kept under a second
 * name (on the same file system) so that the next replacement overwrites
 * its pages instead of allocating a new file and freeing the old one. For a
 * 94 MB calendar that is most of the kernel's work. A spare is reused only
 * while no other process has it open, so a reader that opened the old
 * version keeps reading it whole. */
struct file_spare {
	int fd; /* -1: not in use */
	char *path;
};

/* Opens the spare at spare_path (creating it) for writing the next version
 * of target with the given mode. Returns the descriptor, at offset 0, or -1
 * when the spare cannot be used: target not a plain file; the two folders
 * on different mounts, not local, not writable, or giving new files a
 * different group, default ACL or SELinux label; the spare open in another
 * process; leases unsupported. The caller then writes a temporary file in
 * target's folder instead. After writing, the caller truncates the file to
 * what it wrote and flushes it. Callers sharing a spare must take turns
 * (hanchot: the database's write lock). */
int file_spare_open(struct file_spare *s, const char *spare_path, const char *target, mode_t mode);

/* Swaps the spare in for target (which then holds what was written, and
 * the spare its old version; when target did not exist the spare simply
 * becomes it) and flushes the folders. The lease is given up first, so
 * target's readers never wait. Returns 0, or the errno: ESTALE when the
 * spare's name is no longer this file, EISDIR when target is no longer a
 * file; nothing was changed then. Close the spare after, either way. */
int file_spare_swap(struct file_spare *s, const char *target);

/* Closes the spare, letting other processes use it. */
void file_spare_close(struct file_spare *s);

#endif
