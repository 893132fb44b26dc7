/*
 * harness.h - the shared main of every cmocka unit test binary and its
 * fixtures.  A test file defines harness_name, harness_tests and
 * harness_ntests; the harness runs them (filtered by -p PATTERN).
 */
#ifndef LPRSIM_HARNESS_H
#define LPRSIM_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/store/store.h"

extern const char harness_name[];
extern const struct CMUnitTest harness_tests[];
extern const size_t harness_ntests;

/* A fresh in-memory store with the schema; fails the test on error. */
struct store *harness_store(void);
/* Path of a file under the repository root (LPRSIM_ROOT or "."); the
 * returned string is the caller's to free. */
char *harness_path(const char *rel);
/* A new empty temporary directory (removed by harness_rmdir); caller
 * frees the string. */
char *harness_tmpdir(void);
void harness_rmdir(const char *dir);
/* Writes text to path (fails the test on error). */
void harness_write(const char *path, const char *text);

/* Asserts a call returned 0, printing the error message when not. */
#define assert_ok(expr, errp)                                               \
    do {                                                                    \
        int rc_ = (expr);                                                   \
        if (rc_ != 0)                                                       \
            fail_msg("%s returned %d: %s", #expr, rc_, (errp)->msg);        \
    } while (0)

#endif
