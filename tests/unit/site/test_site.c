/*
 * test_site.c - the site module: site.conf parsing and its refusals, the
 * roster's login binding, the login in the audit chain, secret key modes,
 * and (as root) a host configuration found, refused when unsafe, and a
 * user's file opened without following a symbolic link.
 */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/audit/audit.h"
#include "core/site/site.h"
#include "core/store/store_people.h"
#include "core/world/roster.h"

static const char good[] =
    "# a host\n"
    "site_id = hq-1\n"
    "group = lprsim\n"
    "instructors = lprsim-instructors\n"
    "  database =  /var/lib/lprsim/lprsim.db  \n"
    "share = /usr/share/lprsim\n"
    "issuer_key = /etc/lprsim/private/issuer.key\n"
    "checkpoint_every = 50\n";

static void test_conf_parse(void **state)
{
    (void)state;
    struct site_conf c;
    struct lp_err err = {0};
    assert_ok(site_conf_parse(good, "site.conf", &c, &err), &err);
    assert_string_equal(c.site_id, "hq-1");
    assert_string_equal(c.group, "lprsim");
    assert_string_equal(c.database, "/var/lib/lprsim/lprsim.db");
    assert_string_equal(c.issuer_key, "/etc/lprsim/private/issuer.key");
    assert_null(c.admins);
    assert_null(c.audit_key);
    assert_int_equal(c.checkpoint_every, 50);
    site_conf_free(&c);
}

/* Each bad configuration is refused with its place and problem. */
static void test_conf_refusals(void **state)
{
    (void)state;
    static const struct {
        const char *text, *msg;
    } bad[] = {
        {"site_id = a\ncolour = red\n", "site.conf:2: unknown key 'colour'"},
        {"site_id = a\nsite_id = b\n", "site.conf:2: 'site_id' given twice"},
        {"site_id = a b\n", "site.conf:1: site_id must be"},
        {"site_id = 12345678901234567\n", "site.conf:1: site_id must be"},
        {"nothing here\n", "site.conf:1: expected 'key = value'"},
        {"site_id = a\ngroup = g\ninstructors = i\ndatabase = x.db\n",
         "site.conf:4: 'database' must be an absolute path"},
        {"database = /a/../etc/shadow\n", "must be an absolute path"},
        {"group = wheel;rm\n", "'group' must be a group name"},
        {"checkpoint_every = -1\n", "checkpoint_every must be"},
        {"site_id = a\ngroup = g\ninstructors = i\nshare = /s\n",
         "site.conf: 'database' is missing"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct site_conf c;
        struct lp_err err = {0};
        int rc = site_conf_parse(bad[i].text, "site.conf", &c, &err);
        if (rc == 0 || !strstr(err.msg, bad[i].msg))
            fail_msg("case %zu: rc %d, message '%s', wanted '%s'", i, rc,
                     err.msg, bad[i].msg);
    }
}

static void test_roster_login(void **state)
{
    (void)state;
    struct store *st = harness_store();
    struct lp_err err = {0};
    struct lp_person p;
    assert_ok(roster_add_login(st, "A100", "Avery Ample", NULL, "avery", 1,
                               &err), &err);
    assert_int_equal(roster_add_login(st, "A101", "Other", NULL, "avery", 1,
                                      &err), -LP_USAGE);
    assert_non_null(strstr(err.msg, "already bound"));
    assert_int_equal(roster_add_login(st, "A102", "Bad", NULL, "-rf", 1,
                                      &err), -LP_USAGE);
    assert_int_equal(store_person_by_login(st, "avery", &p), 1);
    assert_string_equal(p.id, "A100");
    assert_string_equal(p.login, "avery");
    assert_int_equal(store_person_by_login(st, "nobody", &p), 0);
    assert_int_equal(store_person_get(st, "A100", &p), 1);
    assert_string_equal(p.login, "avery");
    store_close(st);
}

/* The login that acted is in the hash: changing it is found. */
static void test_audit_login_chained(void **state)
{
    (void)state;
    char *dir = harness_tmpdir();
    char *path = xasprintf("%s/a.db", dir);
    struct lp_err err = {0};
    struct store *st = store_open(path, STORE_CREATE, &err);
    assert_non_null(st);
    struct audit_entry e = {.at = 100, .user_id = "A100", .login = "avery",
                            .action = "query", .verdict = "allow"};
    int64_t id;
    assert_int_equal(store_begin(st), 0);
    assert_ok(audit_append(st, &e, &id, &err), &err);
    e.login = NULL;   /* an entry without a login (schema 1) still chains */
    assert_ok(audit_append(st, &e, &id, &err), &err);
    assert_int_equal(store_commit(st), 0);
    struct audit_verify_report rep;
    struct audit_verify_opts vo = {.chain_only = 1};
    assert_ok(audit_verify(st, &vo, &rep, &err), &err);
    assert_int_equal(rep.ok, 1);
    audit_verify_report_free(&rep);
    store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE audit SET login='blake' "
                                      "WHERE id=1", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    st = store_open(path, 0, &err);
    assert_non_null(st);
    assert_ok(audit_verify(st, &vo, &rep, &err), &err);
    assert_int_equal(rep.ok, 0);
    assert_int_equal(rep.first_bad, 1);
    audit_verify_report_free(&rep);
    store_close(st);
    harness_rmdir(dir);
    free(path);
    free(dir);
}

static void test_personal_defaults(void **state)
{
    (void)state;
    assert_int_equal(site_mode(), SITE_PERSONAL);
    assert_null(site_conf());
    assert_true(site_role_has(SITE_ROLE_INSTRUCTOR));
    assert_true(site_secret_mode_ok(0100600, 0));
    assert_false(site_secret_mode_ok(0100640, getegid()));
    assert_false(site_secret_mode_ok(0100604, 0));
    assert_non_null(site_login());
}

/* Last: site_init on a host scrubs this process's environment. */
static void test_host_init(void **state)
{
    (void)state;
    if (getuid() != 0) {
        print_message("skipped: site_init's host mode needs root\n");
        return;
    }
    char *dir = harness_tmpdir();
    char *conf = xasprintf("%s/site.conf", dir);
    char *text = xasprintf("site_id = t\ngroup = root\ninstructors = "
                           "nosuchgroup-lprsim\ndatabase = %s/x.db\n"
                           "share = %s\n", dir, dir);
    harness_write(conf, text);
    struct lp_err err = {0};
    setenv("LPRSIM_SITE_CONF", conf, 1);
    /* writable by others: refused, nothing decided */
    assert_int_equal(chmod(conf, 0666), 0);
    assert_true(site_init(&err) < 0);
    assert_non_null(strstr(err.msg, "writable by root only"));
    assert_int_equal(chmod(conf, 0644), 0);
    setenv("LPRSIM_SITE_CONF", conf, 1);
    assert_ok(site_init(&err), &err);
    assert_int_equal(site_mode(), SITE_HOST);
    assert_string_equal(site_conf()->site_id, "t");
    assert_int_equal(site_role(), SITE_ROLE_ADMIN);   /* root */
    assert_null(getenv("LPRSIM_SITE_CONF"));          /* scrubbed */
    /* the group may read a key on a host, nobody else */
    assert_true(site_secret_mode_ok(0100640, 0));
    assert_false(site_secret_mode_ok(0100644, 0));
    /* a user's file: never through a symbolic link */
    char *link = xasprintf("%s/out", dir);
    assert_int_equal(symlink(conf, link), 0);
    assert_int_equal(site_user_open(link, O_WRONLY | O_TRUNC, 0644), -1);
    assert_int_equal(errno, ELOOP);
    harness_rmdir(dir);
    free(link);
    free(text);
    free(conf);
    free(dir);
}

const char harness_name[] = "site";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test(test_conf_parse),
    cmocka_unit_test(test_conf_refusals),
    cmocka_unit_test(test_roster_login),
    cmocka_unit_test(test_audit_login_chained),
    cmocka_unit_test(test_personal_defaults),
    cmocka_unit_test(test_host_init),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
