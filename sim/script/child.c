/*
 * child.c - runs untrusted scenario code in a forked, time-limited child
 * (see child.h).  Protocol on the pipe: one status byte ('o' ok, 'e'
 * error, then for 'e' a status digit), then the payload.
 */
#include "script/child.h"

#include "core/site/site.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

char *child_where;

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

/* Closes every descriptor but the standard three and keep: scenario code
 * must reach nothing the parent opened (the training database). */
static void close_others(int keep)
{
    if (syscall(SYS_close_range, 3u, (unsigned)keep - 1u, 0u) == 0 &&
        syscall(SYS_close_range, (unsigned)keep + 1u, ~0u, 0u) == 0)
        return;
    struct rlimit nf;
    long max = getrlimit(RLIMIT_NOFILE, &nf) == 0 &&
                       nf.rlim_cur != RLIM_INFINITY && nf.rlim_cur < 65536
                   ? (long)nf.rlim_cur : 65536;
    for (long i = 3; i < max; i++)
        if (i != keep)
            close((int)i);
}

/* Caps the child's address space at what it has mapped now plus
 * CHILD_AS_EXTRA, beside the Lua heap cap: a runaway allocation outside
 * the Lua allocator (a C library call with a huge size) fails instead of
 * eating the machine.  Not under AddressSanitizer, whose shadow memory
 * reserves terabytes of address space. */
#if defined(__SANITIZE_ADDRESS__)
#define CHILD_NO_AS_LIMIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHILD_NO_AS_LIMIT 1
#endif
#endif
static void limit_address_space(void)
{
#ifndef CHILD_NO_AS_LIMIT
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (f) {
        if (fscanf(f, "%lu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    long psz = sysconf(_SC_PAGESIZE);
    if (pages && psz > 0) {
        rlim_t cap = (rlim_t)pages * (rlim_t)psz + CHILD_AS_EXTRA;
        struct rlimit as = {cap, cap};
        setrlimit(RLIMIT_AS, &as);
    }
#endif
}

static void child_main(int fd, child_fn fn, void *arg)
{
    /* Untrusted scenario code runs with the user's own rights: the site
     * group (a training host's setgid) is given up for good first. */
    close_others(fd);
    if (site_drop_group() != 0) {
        static const char msg[] = "e1the scenario evaluator could not "
                                  "give up the site group";
        write_all(fd, msg, sizeof msg - 1);
        _exit(1);
    }
    struct rlimit rl = {1, 2};   /* seconds of CPU: soft, hard */
    setrlimit(RLIMIT_CPU, &rl);
    limit_address_space();
    alarm(2);
    struct sb out;
    struct lp_err err = {0};
    sb_init(&out);
    int rc = fn(arg, &out, &err);
    if (rc == 0) {
        write_all(fd, "o", 1);
        write_all(fd, out.buf ? out.buf : "", out.len);
    } else {
        char hdr[2] = {'e', (char)('0' + (err.status ? err.status : 1))};
        write_all(fd, hdr, 2);
        write_all(fd, err.msg, strlen(err.msg));
    }
    _exit(0);
}

int child_run(child_fn fn, void *arg, const char *what, char **out,
              struct lp_err *err)
{
    int p[2];
    *out = NULL;
    if (pipe(p))
        return lp_errf(err, LP_FAIL, "%s: pipe: %s", what, strerror(errno));
    char *where = mmap(NULL, CHILD_WHERE_MAX, PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (where == MAP_FAILED)
        where = NULL;
    else
        where[0] = '\0';
    child_where = where;
    pid_t pid = fork();
    if (pid < 0) {
        child_where = NULL;
        if (where)
            munmap(where, CHILD_WHERE_MAX);
        close(p[0]);
        close(p[1]);
        return lp_errf(err, LP_FAIL, "%s: fork: %s", what, strerror(errno));
    }
    if (pid == 0) {
        close(p[0]);
        child_main(p[1], fn, arg);
    }
    close(p[1]);
    struct sb buf;
    sb_init(&buf);
    int64_t deadline = mono_ms() + CHILD_DEADLINE_MS;
    int killed = 0, toobig = 0;
    for (;;) {
        int64_t left = deadline - mono_ms();
        if (left <= 0) {
            kill(pid, SIGKILL);
            killed = 1;
            break;
        }
        struct pollfd pf = {p[0], POLLIN, 0};
        int r = poll(&pf, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        char tmp[65536];
        ssize_t n = read(p[0], tmp, sizeof tmp);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (buf.len + (size_t)n > CHILD_OUT_MAX) {
            kill(pid, SIGKILL);
            toobig = 1;
            break;
        }
        sb_add(&buf, tmp, (size_t)n);
    }
    close(p[0]);
    int wst = 0;
    while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
        ;
    int rc = 0;
    char at[CHILD_WHERE_MAX];
    snprintf(at, sizeof at, "%s", where && where[0] ? where : what);
    child_where = NULL;
    if (where)
        munmap(where, CHILD_WHERE_MAX);
    if (killed)
        rc = lp_errf(err, LP_USAGE, "%s: scenario code ran too long (stopped "
                     "after %d ms: endless loop or runaway pattern?)", at,
                     CHILD_DEADLINE_MS);
    else if (toobig)
        rc = lp_errf(err, LP_USAGE, "%s: scenario produced too much data "
                     "(over %u bytes)", what, CHILD_OUT_MAX);
    else if (buf.len == 0 || (buf.buf[0] != 'o' && buf.buf[0] != 'e')) {
        if (WIFSIGNALED(wst) && (WTERMSIG(wst) == SIGXCPU ||
                                 WTERMSIG(wst) == SIGALRM ||
                                 WTERMSIG(wst) == SIGKILL))
            rc = lp_errf(err, LP_USAGE, "%s: scenario code ran too long "
                         "(CPU limit)", at);
        else
            rc = lp_errf(err, LP_FAIL, "%s: scenario evaluation crashed "
                         "(status %d)", what, wst);
    } else if (buf.buf[0] == 'e') {
        int st = buf.len > 1 ? buf.buf[1] - '0' : LP_FAIL;
        if (st < 1 || st > 4)
            st = LP_FAIL;
        rc = lp_errf(err, st, "%.*s", (int)(buf.len > 2 ? buf.len - 2 : 0),
                     buf.len > 2 ? buf.buf + 2 : "");
    } else {
        size_t n = buf.len - 1;
        char *s = xmalloc(n + 1);
        memcpy(s, buf.buf + 1, n);
        s[n] = '\0';
        *out = s;
    }
    sb_free(&buf);
    return rc;
}
