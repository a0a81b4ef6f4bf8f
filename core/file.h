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

#endif
