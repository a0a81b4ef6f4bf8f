/* file: the small file-system steps that atomic writes share: the folder a
 * path is in, and flushing a file or folder to disk (after a rename, the
 * folder must be flushed too, or a crash can lose the new name). */
#ifndef HANCHOT_FILE_H
#define HANCHOT_FILE_H

#include <stdbool.h>

/* The folder part of path ("." when none, "/" for the root). Caller frees. */
char *file_parent_dir(const char *path);

/* fsync()s the file or folder at path. Returns 0, or the errno. */
int file_sync(const char *path, bool is_dir);

/* The last step of an atomic write: renames tmp over path, then flushes the
 * folder so the new name survives a crash. Returns 0, or the rename's errno
 * (tmp is left in place for the caller to remove). */
int file_replace(const char *tmp, const char *path);

#endif
