/*
 * paths.c - locating the data root (see paths.h).
 */
#include "util/paths.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

static char *root;

static int has_datasets(const char *dir)
{
    char *p = xasprintf("%s/datasets", dir);
    struct stat sb;
    int ok = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
    free(p);
    return ok;
}

/* The data root is resolved at run time, never compiled in, so that a
 * binary finds its data wherever it was installed (or moved):
 * LPRSIM_ROOT; else the binary's folder when it holds datasets/ (a
 * build in the source tree); else BINDIR/../share/lprsim (make install's
 * layout, whatever PREFIX and DESTDIR were). */
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
    char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
    if (!slash) {
        root = xstrdup("/usr/local/share/lprsim");
        return root;
    }
    *slash = '\0';
    if (has_datasets(exe)) {
        root = xstrdup(exe);
        return root;
    }
    root = xasprintf("%s/../share/lprsim", exe);
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
