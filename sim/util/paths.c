/*
 * paths.c - locating the data root (see paths.h).
 */
#include "util/paths.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

#ifndef LPRSIM_SHARE
#define LPRSIM_SHARE "/usr/local/share/lprsim"
#endif

static char *root;

static int has_datasets(const char *dir)
{
    char *p = xasprintf("%s/datasets", dir);
    struct stat sb;
    int ok = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
    free(p);
    return ok;
}

const char *paths_root(void)
{
    if (root)
        return root;
    const char *e = getenv("LPRSIM_ROOT");
    if (e && *e) {
        root = xstrdup(e);
        return root;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            if (has_datasets(exe)) {
                root = xstrdup(exe);
                return root;
            }
        }
    }
    root = xstrdup(LPRSIM_SHARE);
    return root;
}

void paths_set_root(const char *dir)
{
    free(root);
    root = xstrdup(dir);
}

char *paths_data(const char *rel)
{
    return xasprintf("%s/%s", paths_root(), rel);
}
