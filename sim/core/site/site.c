/*
 * site.c - personal mode or a training host; the real user's login and
 * role; the setgid hygiene of a host (see site.h).
 */
#define _GNU_SOURCE   /* setresgid, getresgid */
#include "core/site/site.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* The compiled-in path of site.conf (site_path.c). */
extern const char site_conf_default[];

#define CONF_MAX 16384   /* bytes of site.conf read at most */

static struct {
    enum site_mode mode;
    enum site_role role;
    struct site_conf conf;
    const char *conf_path;
    char login[64];
    char person_id[64];
    struct site_person person;
    gid_t group_gid;     /* the effective group at start (setgid) */
    gid_t site_gid;      /* the group site.conf names */
    int site_gid_known;
    int user_depth;      /* site_user_begin nesting */
} S = {.role = SITE_ROLE_ADMIN};

enum site_mode site_mode(void)
{
    return S.mode;
}

const struct site_conf *site_conf(void)
{
    return S.mode == SITE_HOST ? &S.conf : NULL;
}

const char *site_conf_path(void)
{
    return S.conf_path ? S.conf_path : site_conf_default;
}

enum site_role site_role(void)
{
    return S.role;
}

int site_role_has(enum site_role r)
{
    return S.role >= r;
}

const char *site_role_name(enum site_role r)
{
    switch (r) {
    case SITE_ROLE_TRAINEE:
        return "trainee";
    case SITE_ROLE_INSTRUCTOR:
        return "instructor";
    case SITE_ROLE_ADMIN:
        return "administrator";
    }
    return "?";
}

const char *site_login(void)
{
    if (!S.login[0]) {
        struct passwd pw, *res = NULL;
        char buf[4096];
        if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &res) == 0 && res &&
            strlen(res->pw_name) < sizeof S.login)
            snprintf(S.login, sizeof S.login, "%s", res->pw_name);
        else
            snprintf(S.login, sizeof S.login, "uid %ld", (long)getuid());
    }
    return S.login;
}

void site_set_person(const char *id, int acting_for)
{
    snprintf(S.person_id, sizeof S.person_id, "%s", id ? id : "");
    S.person.id = id ? S.person_id : NULL;
    S.person.login = site_login();
    S.person.acting_for = id ? acting_for : 0;
}

const struct site_person *site_person(void)
{
    S.person.login = site_login();
    return &S.person;
}

/* ---- site.conf ---- */

void site_conf_free(struct site_conf *c)
{
    if (!c)
        return;
    char **strs[] = {&c->group, &c->trainees, &c->instructors, &c->admins,
                     &c->database, &c->share, &c->issuer_key,
                     &c->issuer_pub, &c->revocations, &c->audit_key,
                     &c->audit_pubkey};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        free(*strs[i]);
        *strs[i] = NULL;
    }
    memset(c, 0, sizeof *c);
}

static int name_ok(const char *v, size_t max)
{
    size_t n = strlen(v);
    if (n == 0 || n > max)
        return 0;
    for (const char *p = v; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
              *p == '-'))
            return 0;
    return 1;
}

/* The keys of site.conf: one table, one parser. */
enum kind { K_NAME, K_PATH, K_COUNT, K_SITE };
static const struct key {
    const char *name;
    enum kind kind;
    size_t off;
    int required;
} keys[] = {
    {"site_id", K_SITE, 0, 1},
    {"group", K_NAME, offsetof(struct site_conf, group), 1},
    {"trainees", K_NAME, offsetof(struct site_conf, trainees), 0},
    {"instructors", K_NAME, offsetof(struct site_conf, instructors), 1},
    {"admins", K_NAME, offsetof(struct site_conf, admins), 0},
    {"database", K_PATH, offsetof(struct site_conf, database), 1},
    {"share", K_PATH, offsetof(struct site_conf, share), 1},
    {"issuer_key", K_PATH, offsetof(struct site_conf, issuer_key), 0},
    {"issuer_pub", K_PATH, offsetof(struct site_conf, issuer_pub), 0},
    {"revocations", K_PATH, offsetof(struct site_conf, revocations), 0},
    {"audit_key", K_PATH, offsetof(struct site_conf, audit_key), 0},
    {"audit_pubkey", K_PATH, offsetof(struct site_conf, audit_pubkey), 0},
    {"checkpoint_every", K_COUNT, 0, 0},
};
#define NKEYS (sizeof keys / sizeof keys[0])

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

int site_conf_parse(const char *text, const char *path,
                    struct site_conf *conf, struct lp_err *err)
{
    int seen[NKEYS] = {0};
    memset(conf, 0, sizeof *conf);
    char *copy = xstrdup(text), *line = copy, *next;
    int rc = 0, lineno = 0;
    for (; line && *line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *l = trim(line);
        if (!*l || *l == '#')
            continue;
        char *eq = strchr(l, '=');
        if (!eq) {
            rc = lp_errf(err, LP_FAIL, "%s:%d: expected 'key = value'",
                         path, lineno);
            goto out;
        }
        *eq = '\0';
        char *k = trim(l), *v = trim(eq + 1);
        size_t i = 0;
        while (i < NKEYS && strcmp(keys[i].name, k) != 0)
            i++;
        if (i == NKEYS) {
            rc = lp_errf(err, LP_FAIL, "%s:%d: unknown key '%s'", path,
                         lineno, k);
            goto out;
        }
        if (seen[i]++) {
            rc = lp_errf(err, LP_FAIL, "%s:%d: '%s' given twice", path,
                         lineno, k);
            goto out;
        }
        switch (keys[i].kind) {
        case K_SITE:
            if (!name_ok(v, SITE_ID_MAX)) {
                rc = lp_errf(err, LP_FAIL, "%s:%d: site_id must be 1 to %d "
                             "of A-Z a-z 0-9 . _ -", path, lineno,
                             SITE_ID_MAX);
                goto out;
            }
            snprintf(conf->site_id, sizeof conf->site_id, "%s", v);
            break;
        case K_NAME:
            if (!name_ok(v, 32)) {
                rc = lp_errf(err, LP_FAIL, "%s:%d: '%s' must be a group "
                             "name (1 to 32 of A-Z a-z 0-9 . _ -)", path,
                             lineno, k);
                goto out;
            }
            *(char **)((char *)conf + keys[i].off) = xstrdup(v);
            break;
        case K_PATH:
            if (v[0] != '/' || strlen(v) >= PATH_MAX ||
                strstr(v, "/../") || strstr(v, "/./")) {
                rc = lp_errf(err, LP_FAIL, "%s:%d: '%s' must be an absolute "
                             "path", path, lineno, k);
                goto out;
            }
            *(char **)((char *)conf + keys[i].off) = xstrdup(v);
            break;
        case K_COUNT:
            if (lp_parse_i64(v, 0, 1000000000, &conf->checkpoint_every)) {
                rc = lp_errf(err, LP_FAIL, "%s:%d: checkpoint_every must be "
                             "a whole number from 0", path, lineno);
                goto out;
            }
            break;
        }
    }
    for (size_t i = 0; i < NKEYS; i++)
        if (keys[i].required && !seen[i]) {
            rc = lp_errf(err, LP_FAIL, "%s: '%s' is missing", path,
                         keys[i].name);
            goto out;
        }
out:
    free(copy);
    if (rc)
        site_conf_free(conf);
    return rc;
}

/* Reads the configuration file; 1 when there is none (personal mode). */
static int conf_read(const char *path, struct site_conf *conf,
                     struct lp_err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 1;
        return lp_errf(err, LP_FAIL, "%s: cannot read the site "
                       "configuration: %s", path, strerror(errno));
    }
    struct stat sb;
    int rc = 0;
    char *buf = NULL;
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
        rc = lp_errf(err, LP_FAIL, "%s: not a regular file", path);
        goto out;
    }
    /* Only root may say what a host is. */
    if (sb.st_uid != 0 || (sb.st_mode & 022)) {
        rc = lp_errf(err, LP_FAIL, "%s: must belong to root and be "
                     "writable by root only (chown root; chmod 644)", path);
        goto out;
    }
    if (sb.st_size > CONF_MAX) {
        rc = lp_errf(err, LP_FAIL, "%s: larger than %d bytes", path,
                     CONF_MAX);
        goto out;
    }
    buf = xmalloc((size_t)sb.st_size + 1);
    size_t got = 0;
    while (got < (size_t)sb.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)sb.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    buf[got] = '\0';
    if (strlen(buf) != got) {
        rc = lp_errf(err, LP_FAIL, "%s: holds a NUL byte", path);
        goto out;
    }
    rc = site_conf_parse(buf, path, conf, err);
out:
    free(buf);
    close(fd);
    return rc;
}

/* 1 when the real user belongs to the group named name. */
static int in_group(const char *name)
{
    if (!name)
        return 0;
    struct group gr, *res = NULL;
    char buf[16384];
    if (getgrnam_r(name, &gr, buf, sizeof buf, &res) != 0 || !res)
        return 0;
    if (getgid() == res->gr_gid)
        return 1;
    gid_t gs[NGROUPS_MAX];
    int n = getgroups(NGROUPS_MAX, gs);
    for (int i = 0; i < n; i++)
        if (gs[i] == res->gr_gid)
            return 1;
    return 0;
}

/* Keeps only the terminal, locale and colour variables. */
static void scrub_env(void)
{
    static const char *const keep[] = {
        "TERM", "LANG", "LANGUAGE", "NO_COLOR", "COLUMNS", "LINES",
        "LPRSIM_MOUSE", "LPRSIM_USER", "LPRSIM_DB", "LPRSIM_NOW",
        "PAM_USER", NULL};
    extern char **environ;
    size_t n = 0;
    for (char **e = environ; e && *e; e++)
        n++;
    char **save = xcalloc(n + 1, sizeof *save);
    size_t k = 0;
    for (char **e = environ; e && *e; e++) {
        size_t len = strcspn(*e, "=");
        int ok = strncmp(*e, "LC_", 3) == 0;
        for (const char *const *p = keep; !ok && *p; p++)
            ok = strlen(*p) == len && strncmp(*p, *e, len) == 0;
        if (ok)
            save[k++] = xstrdup(*e);
    }
    clearenv();
    for (size_t i = 0; i < k; i++) {
        char *eq = strchr(save[i], '=');
        if (eq) {
            *eq = '\0';
            setenv(save[i], eq + 1, 1);
        }
        free(save[i]);
    }
    free(save);
    setenv("PATH", "/usr/bin:/bin", 1);
}

int site_init(struct lp_err *err)
{
    S.group_gid = getegid();
    S.conf_path = site_conf_default;
    const char *e = getenv("LPRSIM_SITE_CONF");
    if (e && *e && getuid() == 0)
        S.conf_path = e;
    site_login();
    site_set_person(NULL, 0);
    int rc = conf_read(S.conf_path, &S.conf, err);
    if (rc < 0)
        return rc;
    if (rc == 1) {
        S.mode = SITE_PERSONAL;
        S.role = SITE_ROLE_ADMIN;
        return 0;
    }
    S.mode = SITE_HOST;
    struct group gr, *res = NULL;
    char gbuf[16384];
    if (getgrnam_r(S.conf.group, &gr, gbuf, sizeof gbuf, &res) == 0 && res) {
        S.site_gid = res->gr_gid;
        S.site_gid_known = 1;
    }
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    umask(007);
    scrub_env();
    if (getuid() == 0 || in_group(S.conf.admins))
        S.role = SITE_ROLE_ADMIN;
    else if (in_group(S.conf.instructors))
        S.role = SITE_ROLE_INSTRUCTOR;
    else if (!S.conf.trainees || in_group(S.conf.trainees))
        S.role = SITE_ROLE_TRAINEE;
    else
        return lp_errf(err, LP_REFUSED, "%s is not a member of group '%s': "
                       "this training host is for its trainees (an "
                       "administrator runs 'gpasswd -a %s %s')", site_login(),
                       S.conf.trainees, site_login(), S.conf.trainees);
    return 0;
}

const char *site_audit_key(void)
{
    if (S.mode == SITE_HOST)
        return S.conf.audit_key;
    const char *e = getenv("LPRSIM_AUDIT_KEY");
    return e && *e ? e : NULL;
}

const char *site_audit_pubkey(void)
{
    return S.mode == SITE_HOST ? S.conf.audit_pubkey : NULL;
}

int64_t site_checkpoint_every(void)
{
    return S.mode == SITE_HOST ? S.conf.checkpoint_every : 0;
}

/* ---- the user's own rights ---- */

void site_user_begin(void)
{
    if (S.user_depth++ == 0 && getegid() != getgid() &&
        setegid(getgid()) != 0)
        abort();   /* never write a user's file with the group's rights */
}

void site_user_end(void)
{
    if (S.user_depth > 0 && --S.user_depth == 0 &&
        getegid() != S.group_gid && setegid(S.group_gid) != 0)
        abort();
}

int site_user_open(const char *path, int flags, mode_t mode)
{
    if (S.mode == SITE_HOST)
        flags |= O_NOFOLLOW;
    site_user_begin();
    int fd = open(path, flags | O_CLOEXEC, mode);
    int saved = errno;
    site_user_end();
    errno = saved;
    return fd;
}

int site_drop_group(void)
{
    gid_t g = getgid();
    if (setresgid(g, g, g) != 0)
        return -1;
    gid_t r, ef, sv;
    if (getresgid(&r, &ef, &sv) != 0 || r != g || ef != g || sv != g)
        return -1;
    S.group_gid = g;
    return 0;
}

int site_secret_mode_ok(mode_t mode, gid_t gid)
{
    if ((mode & 077) == 0)
        return 1;
    return S.mode == SITE_HOST && S.site_gid_known && gid == S.site_gid &&
           (mode & 037) == 0;
}

int site_go_personal(void)
{
    if (S.mode != SITE_HOST)
        return 0;
    if (site_drop_group())
        return -1;
    S.mode = SITE_PERSONAL;
    S.role = SITE_ROLE_ADMIN;
    return 0;
}
