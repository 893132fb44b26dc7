/*
 * paths.h - where lprsim finds its data folders (datasets/, curriculum/,
 * scenarios/): $LPRSIM_ROOT, else the folder of the running binary when it
 * holds datasets/, else the installed share folder.
 */
#ifndef LPRSIM_PATHS_H
#define LPRSIM_PATHS_H

/* The data root (borrowed, computed once). */
const char *paths_root(void);

/* Fixes the data root (a training host's installed share folder:
 * $LPRSIM_ROOT is then ignored).  dir is copied. */
void paths_set_root(const char *dir);

/* root/rel; the caller frees it. */
char *paths_data(const char *rel);

#endif
