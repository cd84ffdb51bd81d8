/* attune-fault-shim.c: an LD_PRELOAD library that makes one chosen system call fail.
 *
 * Copyright 2026 The Attune developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite writes through write/pwrite64, syncs with fsync/fdatasync, and sizes files with
 * ftruncate (rename is listed for completeness: SQLite's WAL mode does not rename). The shim
 * wraps each of them; the Nth call of the chosen kind fails with the chosen errno, once, and
 * every later call goes through again (the disk "has space again").
 *
 * Chosen with environment variables, read when the library loads:
 *   ATTUNE_FAULT_CALL   write, pwrite, fsync, fdatasync, rename, ftruncate, or any
 *   ATTUNE_FAULT_NTH    which call of that kind fails, counting from 1
 *   ATTUNE_FAULT_ERRNO  ENOSPC (default) or EIO
 *   ATTUNE_FAULT_PATH   only calls on files whose name contains this (optional)
 *
 * A program with the shim preloaded can also steer it itself: it looks up
 * attune_fault_arm() and attune_fault_count() with dlsym (tests/reliability/test-faults.c).
 * "write" counts write() and writev(); "pwrite" counts pwrite, pwrite64, pwritev. Only
 * calls on regular files are counted, so the program's own output does not shift the
 * numbers. */

#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

typedef enum
{
  CALL_WRITE,
  CALL_PWRITE,
  CALL_FSYNC,
  CALL_FDATASYNC,
  CALL_RENAME,
  CALL_FTRUNCATE,
  N_CALLS,
  CALL_ANY = N_CALLS,
  CALL_NONE,
} Call;

static const char * const call_names[] = {
  "write", "pwrite", "fsync", "fdatasync", "rename", "ftruncate",
};

static Call armed_call = CALL_NONE;
static long armed_nth;
static int  armed_errno = ENOSPC;
static char armed_path[256];
static long counts[N_CALLS];
static long any_count;
static long n_injected;

/* Exported for programs that preload the shim (found with dlsym). */
void attune_fault_arm   (const char *call, long nth, int err, const char *path_part);
long attune_fault_count (const char *call);
long attune_fault_injected (void);

static Call
call_from_name (const char *name)
{
  if (name == NULL)
    return CALL_NONE;
  if (strcmp (name, "any") == 0)
    return CALL_ANY;
  for (int i = 0; i < N_CALLS; i++)
    if (strcmp (name, call_names[i]) == 0)
      return (Call) i;
  return CALL_NONE;
}

void
attune_fault_arm (const char *call,
                  long        nth,
                  int         err,
                  const char *path_part)
{
  armed_call = call_from_name (call);
  armed_nth = nth;
  armed_errno = err;
  snprintf (armed_path, sizeof armed_path, "%s", path_part != NULL ? path_part : "");
  memset (counts, 0, sizeof counts);
  any_count = 0;
}

long
attune_fault_count (const char *call)
{
  Call c = call_from_name (call);

  if (c == CALL_ANY)
    return any_count;
  if (c == CALL_NONE)
    return -1;
  return counts[c];
}

long
attune_fault_injected (void)
{
  return n_injected;
}

__attribute__((constructor)) static void
read_environment (void)
{
  const char *err = getenv ("ATTUNE_FAULT_ERRNO");
  const char *nth = getenv ("ATTUNE_FAULT_NTH");

  attune_fault_arm (getenv ("ATTUNE_FAULT_CALL"),
                    nth != NULL ? strtol (nth, NULL, 10) : 1,
                    err != NULL && strcmp (err, "EIO") == 0 ? EIO : ENOSPC,
                    getenv ("ATTUNE_FAULT_PATH"));
}

static int
fd_matches (int fd)
{
  struct stat st;
  char link[64], target[4096];
  ssize_t len;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    return 0;
  if (armed_path[0] == '\0')
    return 1;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  len = readlink (link, target, sizeof target - 1);
  if (len < 0)
    return 0;
  target[len] = '\0';
  return strstr (target, armed_path) != NULL;
}

/* Counts a call; returns 1 when this one is to fail (errno is then set). */
static int
should_fail (Call call,
             int  counted)
{
  long n;

  if (!counted)
    return 0;

  counts[call]++;
  any_count++;

  if (armed_call == CALL_NONE)
    return 0;
  if (armed_call == CALL_ANY)
    n = any_count;
  else if (armed_call == call)
    n = counts[call];
  else
    return 0;

  if (n != armed_nth)
    return 0;

  n_injected++;
  errno = armed_errno;
  return 1;
}

#define REAL(name) \
  static __typeof__ (name) *real_##name; \
  if (real_##name == NULL) \
    real_##name = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name)

ssize_t
write (int fd, const void *buf, size_t count)
{
  REAL (write);
  if (should_fail (CALL_WRITE, fd_matches (fd)))
    return -1;
  return real_write (fd, buf, count);
}

ssize_t
writev (int fd, const struct iovec *iov, int iovcnt)
{
  REAL (writev);
  if (should_fail (CALL_WRITE, fd_matches (fd)))
    return -1;
  return real_writev (fd, iov, iovcnt);
}

ssize_t
pwrite (int fd, const void *buf, size_t count, off_t offset)
{
  REAL (pwrite);
  if (should_fail (CALL_PWRITE, fd_matches (fd)))
    return -1;
  return real_pwrite (fd, buf, count, offset);
}

ssize_t
pwrite64 (int fd, const void *buf, size_t count, off64_t offset)
{
  REAL (pwrite64);
  if (should_fail (CALL_PWRITE, fd_matches (fd)))
    return -1;
  return real_pwrite64 (fd, buf, count, offset);
}

ssize_t
pwritev (int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
  REAL (pwritev);
  if (should_fail (CALL_PWRITE, fd_matches (fd)))
    return -1;
  return real_pwritev (fd, iov, iovcnt, offset);
}

int
fsync (int fd)
{
  REAL (fsync);
  if (should_fail (CALL_FSYNC, fd_matches (fd)))
    return -1;
  return real_fsync (fd);
}

int
fdatasync (int fd)
{
  REAL (fdatasync);
  if (should_fail (CALL_FDATASYNC, fd_matches (fd)))
    return -1;
  return real_fdatasync (fd);
}

int
ftruncate (int fd, off_t length)
{
  REAL (ftruncate);
  if (should_fail (CALL_FTRUNCATE, fd_matches (fd)))
    return -1;
  return real_ftruncate (fd, length);
}

int
ftruncate64 (int fd, off64_t length)
{
  REAL (ftruncate64);
  if (should_fail (CALL_FTRUNCATE, fd_matches (fd)))
    return -1;
  return real_ftruncate64 (fd, length);
}

int
rename (const char *from, const char *to)
{
  REAL (rename);
  if (should_fail (CALL_RENAME, armed_path[0] == '\0' || strstr (to, armed_path) != NULL))
    return -1;
  return real_rename (from, to);
}
