/*
 * harness.c - one shared main for the unit tests, and their fixtures.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct store *harness_store(void)
{
    struct lp_err err = {0};
    struct store *st = store_open(":memory:", STORE_CREATE, &err);
    if (!st)
        fail_msg("store_open: %s", err.msg);
    return st;
}

char *harness_path(const char *rel)
{
    const char *root = getenv("LPRSIM_ROOT");
    return xasprintf("%s/%s", root && *root ? root : ".", rel);
}

char *harness_tmpdir(void)
{
    char *t = xstrdup("/tmp/lprsim-test-XXXXXX");
    if (!mkdtemp(t))
        fail_msg("mkdtemp failed");
    return t;
}

void harness_rmdir(const char *dir)
{
    if (!dir || strncmp(dir, "/tmp/lprsim-test-", 17) != 0)
        return;
    char *cmd = xasprintf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "harness: could not remove %s\n", dir);
    free(cmd);
}

void harness_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "p:")) != -1) {
        if (c == 'p')
            cmocka_set_test_filter(optarg);
        else {
            fprintf(stderr, "usage: %s [-p PATTERN]\n", argv[0]);
            return 2;
        }
    }
    return _cmocka_run_group_tests(harness_name, harness_tests,
                                   harness_ntests, NULL, NULL);
}
