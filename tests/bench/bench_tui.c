/*
 * bench_tui.c - speed of the terminal application as a trainee feels it:
 * the real lprsim runs in a pseudo-terminal (80x24); we time from the
 * start of the process to the first drawn dashboard, and (with --query)
 * from Enter on the console's query form to the drawn results.  Prints
 * medians.  usage: bench_tui LPRSIM_BIN DB USER [RUNS [QUERY_ROOT]]
 * With QUERY_ROOT (a data root whose only track holds the bench scenario
 * tests/bench/bench-query.lua) it times the query form instead.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads from fd until needle shows up in the output (escape sequences
 * and all) or timeout_ms passes.  Returns 0 when found. */
static int wait_text(int fd, const char *needle, int timeout_ms)
{
    static char buf[1 << 16];
    static size_t len;
    double end = now_ms() + timeout_ms;
    for (;;) {
        if (len && memmem(buf, len, needle, strlen(needle))) {
            len = 0;
            return 0;
        }
        int left = (int)(end - now_ms());
        if (left <= 0) {
            if (getenv("BENCH_DEBUG"))
                fprintf(stderr, "bench_tui: no '%s' in: %.*s\n", needle,
                        (int)(len > 400 ? 400 : len),
                        buf + (len > 400 ? len - 400 : 0));
            return -1;
        }
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, left) <= 0)
            continue;
        if (len > sizeof buf - 4096) {
            /* keep the tail: the needle may straddle */
            memmove(buf, buf + len - 256, 256);
            len = 256;
        }
        ssize_t n = read(fd, buf + len, sizeof buf - len);
        if (n <= 0)
            return -1;
        len += (size_t)n;
    }
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const char *query_root;

static pid_t start(const char *bin, const char *db, const char *user,
                   int *fd)
{
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    pid_t pid = forkpty(fd, NULL, NULL, &ws);
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        setenv("LPRSIM_DB", db, 1);
        setenv("LPRSIM_USER", user, 1);
        if (query_root)
            setenv("LPRSIM_ROOT", query_root, 1);
        execl(bin, bin, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static void stop(pid_t pid, int fd)
{
    if (write(fd, "q", 1) != 1)
        kill(pid, SIGTERM);
    int st;
    for (int i = 0; i < 200; i++) {
        if (waitpid(pid, &st, WNOHANG) == pid) {
            close(fd);
            return;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        char tmp[4096];
        while (read(fd, tmp, sizeof tmp) > 0)
            ;
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    close(fd);
}

static int put(int fd, const char *s)
{
    size_t n = strlen(s);
    return write(fd, s, n) == (ssize_t)n ? 0 : -1;
}

/* Opens the bench scenario, then times runs queries: Enter (F5) on the
 * form until the results table is drawn. */
static int bench_query(const char *bin, const char *db, const char *user,
                       int runs, double *t)
{
    int fd, ok = 0;
    pid_t pid = start(bin, db, user, &fd);
    if (pid < 0)
        return 0;
    fcntl(fd, F_SETFL, O_NONBLOCK);
    int bad = wait_text(fd, "modules", 10000) || put(fd, "\x1bOB");
    wait_text(fd, "K", 500); /* pacing only: the selection moved */
    if (bad || put(fd, "\r") || wait_text(fd, "Practice", 120000)) {
        fprintf(stderr, "bench_tui: the bench scenario did not open\n");
        stop(pid, fd);
        return 0;
    }
    /* the form: plate, state, from, to, case, reason */
    put(fd, "3");
    wait_text(fd, "(IV.B,", 2000);
    const char *fields[] = {"BNCH001\r", "\r", "2026-01-01\r",
                            "2026-03-02\r", "HSI-2026-00001\r",
                            "bench query of the target vehicle"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        put(fd, fields[i]);
        wait_text(fd, "Reason", 200);
    }
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        put(fd, i == 0 ? "\r" : "\x1b[15~");
        if (wait_text(fd, "sorted", 10000) == 0)
            t[ok++] = now_ms() - t0;
        /* back to the brief, then to the form (kept) for the next run */
        put(fd, "1");
        wait_text(fd, "Practice", 2000);
        put(fd, "3");
        wait_text(fd, "(IV.B,", 2000);
    }
    stop(pid, fd);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_tui LPRSIM_BIN DB USER [RUNS]\n");
        return 2;
    }
    int runs = argc > 4 ? (int)strtol(argv[4], NULL, 10) : 11;
    if (runs < 1 || runs > 1000)
        runs = 11;
    double *t = calloc((size_t)runs, sizeof *t);
    int ok = 0;
    if (argc > 5) {
        query_root = argv[5];
        ok = bench_query(argv[1], argv[2], argv[3], runs, t);
        if (!ok)
            return 1;
        qsort(t, (size_t)ok, sizeof *t, cmp_d);
        printf("tui: Enter on the query form to drawn results: median %.1f "
               "ms (min %.1f, max %.1f, %d runs; goal < 50 ms)\n",
               t[ok / 2], t[0], t[ok - 1], ok);
        free(t);
        return 0;
    }
    for (int i = 0; i < runs; i++) {
        int fd;
        double t0 = now_ms();
        pid_t pid = start(argv[1], argv[2], argv[3], &fd);
        if (pid < 0) {
            perror("forkpty");
            return 1;
        }
        fcntl(fd, F_SETFL, O_NONBLOCK);
        if (wait_text(fd, "modules", 10000) == 0)
            t[ok++] = now_ms() - t0;
        else
            fprintf(stderr, "bench_tui: run %d: no dashboard drawn\n", i);
        stop(pid, fd);
    }
    if (!ok)
        return 1;
    qsort(t, (size_t)ok, sizeof *t, cmp_d);
    printf("tui: start-up to first drawn dashboard: median %.1f ms "
           "(min %.1f, max %.1f, %d runs; goal < 100 ms)\n",
           t[ok / 2], t[0], t[ok - 1], ok);
    free(t);
    return 0;
}
