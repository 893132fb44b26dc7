/*
 * xapi_http.c - posting xAPI statements to a learning record store with
 * libcurl (the only file that includes <curl/curl.h>): batches, retries,
 * and the cursor of acknowledged statement ids in the store (see xapi.h).
 */
#include "core/learn/xapi.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/store/store_report.h"

#define AUTH_MAX 1024
#define REPLY_MAX 4096

int xapi_read_auth(const char *path, char *buf, size_t n,
                   struct lp_err *err)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return lp_errf(err, LP_FAIL, "%s: cannot open: %s", path,
                       strerror(errno));
    struct stat sb;
    int rc = 0;
    if (fstat(fd, &sb)) {
        rc = lp_errf(err, LP_FAIL, "%s: %s", path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(sb.st_mode)) {
        rc = lp_errf(err, LP_FAIL, "%s: not a regular file", path);
        goto out;
    }
    if (sb.st_uid != getuid()) {
        rc = lp_errf(err, LP_FAIL, "%s: not owned by you: the credentials "
                     "file must be yours alone", path);
        goto out;
    }
    if (sb.st_mode & 077) {
        rc = lp_errf(err, LP_FAIL, "%s: readable or writable by group or "
                     "others (mode %03o): chmod 600 it", path,
                     (unsigned)(sb.st_mode & 0777));
        goto out;
    }
    char tmp[AUTH_MAX + 2];
    ssize_t got = read(fd, tmp, sizeof tmp - 1);
    if (got < 0) {
        rc = lp_errf(err, LP_FAIL, "%s: %s", path, strerror(errno));
        goto out;
    }
    if (got > AUTH_MAX) {
        rc = lp_errf(err, LP_FAIL, "%s: longer than %d bytes", path,
                     AUTH_MAX);
        goto out;
    }
    tmp[got] = '\0';
    size_t len = strcspn(tmp, "\r\n");
    if (tmp[len] && tmp[len + strspn(tmp + len, "\r\n")]) {
        rc = lp_errf(err, LP_FAIL, "%s: more than one line (expected "
                     "key:secret)", path);
        goto out;
    }
    tmp[len] = '\0';
    if (len == 0 || !strchr(tmp, ':') || len + 1 > n ||
        memchr(tmp, '\0', len)) {
        rc = lp_errf(err, LP_FAIL, "%s: expected one line key:secret",
                     path);
        goto out;
    }
    memcpy(buf, tmp, len + 1);
    memset(tmp, 0, sizeof tmp);
out:
    close(fd);
    return rc;
}

struct reply {
    char buf[REPLY_MAX];
    size_t n;
};

static size_t on_data(char *p, size_t sz, size_t nm, void *arg)
{
    struct reply *r = arg;
    size_t n = sz * nm;
    size_t room = sizeof r->buf - 1 - r->n;
    size_t take = n < room ? n : room;
    memcpy(r->buf + r->n, p, take);
    r->n += take;
    r->buf[r->n] = '\0';
    return n;
}

/* One POST: 0 and *status for an HTTP answer, -1 for a transport error
 * (message in msg). */
static int post_once(CURL *h, const char *url, const char *body,
                     const char *auth, long timeout, long *status,
                     struct reply *rep, char *msg, size_t msgn)
{
    struct curl_slist *hd = NULL;
    hd = curl_slist_append(hd, "Content-Type: application/json");
    hd = curl_slist_append(hd, "X-Experience-API-Version: 1.0.3");
    hd = curl_slist_append(hd, "Expect:");
    curl_easy_reset(h);
    rep->n = 0;
    rep->buf[0] = '\0';
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
    curl_easy_setopt(h, CURLOPT_USERPWD, auth);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, rep);
    CURLcode cc = curl_easy_perform(h);
    curl_slist_free_all(hd);
    if (cc != CURLE_OK) {
        snprintf(msg, msgn, "%s", curl_easy_strerror(cc));
        return -1;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    return 0;
}

/* 1 when the host part of "host[:port]/..." is this machine. */
static int loopback(const char *hostpart)
{
    static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (strncmp(hostpart, names[i], n) == 0 &&
            (hostpart[n] == '\0' || hostpart[n] == ':' || hostpart[n] == '/'))
            return 1;
    }
    return 0;
}

int xapi_post(struct store *st, const json_t *stmts,
              const struct xapi_post_opts *o, struct xapi_post_result *r,
              struct lp_err *err)
{
    char auth[AUTH_MAX + 1];
    CURL *h = NULL;
    char *url = NULL, *body = NULL;
    const char **ids = NULL;
    json_t *batch = NULL;
    int rc = 0;
    memset(r, 0, sizeof *r);
    if (o->batch < 1 || o->batch > 500 || o->retries < 0)
        return lp_errf(err, LP_USAGE, "xapi: batch must be 1-500");
    if (strncmp(o->url, "http://", 7) != 0 &&
        strncmp(o->url, "https://", 8) != 0)
        return lp_errf(err, LP_USAGE, "xapi: the LRS address '%s' must start "
                       "with http:// or https://", o->url);
    if (strncmp(o->url, "http://", 7) == 0 && !loopback(o->url + 7))
        return lp_errf(err, LP_USAGE, "xapi: '%s' is plain http: the "
                       "credentials would cross the network in clear text "
                       "(use https://; http:// only to this machine)",
                       o->url);
    if ((rc = xapi_read_auth(o->auth_file, auth, sizeof auth, err)))
        return rc;
    size_t ul = strlen(o->url);
    url = xasprintf("%s%sstatements", o->url,
                    ul && o->url[ul - 1] == '/' ? "" : "/");
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
        !(h = curl_easy_init())) {
        rc = lp_errf(err, LP_FAIL, "xapi: libcurl failed to start");
        goto out;
    }
    size_t n = json_array_size(stmts), i = 0;
    ids = xmalloc((size_t)o->batch * sizeof *ids);
    while (i < n) {
        batch = json_array();
        size_t k = 0;
        for (; i < n && k < (size_t)o->batch; i++) {
            json_t *s = json_array_get(stmts, i);
            const char *id = json_string_value(json_object_get(s, "id"));
            int sent = store_xapi_sent(st, o->url, id);
            if (sent < 0) {
                *err = *store_err(st);
                rc = -LP_FAIL;
                goto out;
            }
            if (sent) {
                r->skipped++;
                continue;
            }
            json_array_append(batch, s);
            ids[k++] = id;
        }
        if (k == 0)
            break;
        body = json_dumps(batch, JSON_COMPACT | JSON_REAL_PRECISION(12));
        long status = 0;
        struct reply rep;
        char msg[256] = "";
        int tries = 0;
        for (;;) {
            int t = post_once(h, url, body, auth, o->timeout, &status, &rep,
                              msg, sizeof msg);
            int again = t < 0 || status == 429 || status >= 500;
            if (!again || tries >= o->retries)
                break;
            tries++;
            r->retries++;
            struct timespec ts = {.tv_sec = tries, .tv_nsec = 0};
            nanosleep(&ts, NULL);
        }
        if (msg[0]) {
            rc = lp_errf(err, LP_FAIL, "%s: %s (after %d tries)", url, msg,
                         tries + 1);
            goto out;
        }
        if (status < 200 || status > 299) {
            for (char *p = rep.buf; *p; p++)
                if (*p == '\n' || *p == '\r')
                    *p = ' ';
            rc = lp_errf(err, LP_FAIL, "%s: HTTP %ld: %.300s", url, status,
                         rep.buf[0] ? rep.buf : "(no message)");
            goto out;
        }
        if (store_begin(st) ||
            store_xapi_mark(st, o->url, ids, k, o->now) ||
            store_commit(st)) {
            store_rollback(st);
            *err = *store_err(st);
            rc = -LP_FAIL;
            goto out;
        }
        r->sent += (int64_t)k;
        r->batches++;
        free(body);
        body = NULL;
        json_decref(batch);
        batch = NULL;
    }
out:
    memset(auth, 0, sizeof auth);
    json_decref(batch);
    free(body);
    free((void *)ids);
    free(url);
    if (h)
        curl_easy_cleanup(h);
    if (rc && !err->status)
        err->status = LP_FAIL;
    return rc;
}
