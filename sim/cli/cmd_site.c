/*
 * cmd_site.c - "site init": makes a training host's database, issuer key
 * and audit key, with the owners and modes that let only lprsim (setgid
 * to the site group) read or write them.  'make install SITE=1' runs it
 * after writing site.conf; the README's "Running a training host" tells
 * the rest.
 */
#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/commands.h"
#include "core/audit/audit.h"
#include "core/cert/cert.h"

/* chown root:gid and chmod mode; missing files are skipped. */
static int own(const char *path, gid_t gid, mode_t mode)
{
    if (chown(path, 0, gid) != 0 || chmod(path, mode) != 0) {
        if (errno == ENOENT)
            return 0;
        return cli_fail(LP_FAIL, "%s: cannot set owner and mode: %s", path,
                        strerror(errno));
    }
    return 0;
}

/* The folder of path when its file name is name; NULL otherwise. */
static char *key_dir(const char *path, const char *name)
{
    const char *slash = strrchr(path, '/');
    if (!slash || strcmp(slash + 1, name) != 0)
        return NULL;
    return xasprintf("%.*s", (int)(slash - path), path);
}

static int make_keys(const struct site_conf *conf, gid_t gid)
{
    struct lp_err err = {0};
    struct stat sb;
    int rc;
    if (conf->issuer_key && stat(conf->issuer_key, &sb) != 0) {
        char *dir = key_dir(conf->issuer_key, "issuer.key");
        struct cert_pubkey pub;
        if (!dir)
            return cli_fail(LP_FAIL, "%s: issuer_key must name a file "
                            "called issuer.key", site_conf_path());
        rc = cert_crypto_init(&err) || cert_keygen(dir, &pub, &err);
        free(dir);
        if (rc)
            return cli_fail_err(&err);
        if ((rc = own(conf->issuer_key, gid, 0640)))
            return rc;
        printf("issuer key %s: %s (root:%s 0640)\n", pub.kid_hex,
               conf->issuer_key, conf->group);
    }
    if (conf->audit_key && stat(conf->audit_key, &sb) != 0) {
        char *dir = key_dir(conf->audit_key, "audit.key");
        char *kp = NULL, *pp = NULL, kid[AUDIT_KEY_ID_LEN + 1];
        if (!dir)
            return cli_fail(LP_FAIL, "%s: audit_key must name a file called "
                            "audit.key", site_conf_path());
        rc = audit_keygen(dir, &kp, &pp, kid, &err);
        free(dir);
        free(pp);
        if (rc) {
            free(kp);
            return cli_fail_err(&err);
        }
        rc = own(kp, gid, 0640);
        free(kp);
        if (rc)
            return rc;
        printf("audit key %s: %s (root:%s 0640)\n", kid, conf->audit_key,
               conf->group);
    }
    return 0;
}

static int run_init(struct cli *c, const struct opts *o)
{
    if (site_mode() != SITE_HOST)
        return cli_fail(LP_USAGE, "site init: no site configuration at %s "
                        "('make install SITE=1' writes one)",
                        site_conf_path());
    if (getuid() != 0)
        return cli_fail(LP_REFUSED, "site init: run it as root (it sets "
                        "owners and modes)");
    const struct site_conf *conf = site_conf();
    struct group gr, *res = NULL;
    char buf[16384];
    if (getgrnam_r(conf->group, &gr, buf, sizeof buf, &res) != 0 || !res)
        return cli_fail(LP_FAIL, "site init: no group '%s' (groupadd -r %s)",
                        conf->group, conf->group);
    gid_t gid = res->gr_gid;
    int rc = cmd_init.run(c, o);
    if (rc)
        return rc;
    if (store_meta_set(c->st, "site_id", conf->site_id))
        return cli_fail_err(store_err(c->st));
    const char *db = conf->database;
    char *wal = xasprintf("%s-wal", db), *shm = xasprintf("%s-shm", db);
    rc = own(db, gid, 0660);
    if (!rc)
        rc = own(wal, gid, 0660);
    if (!rc)
        rc = own(shm, gid, 0660);
    free(wal);
    free(shm);
    if (rc)
        return rc;
    /* the session sandboxes: shared by every lprsim process */
    char *sbx = xasprintf("%s.sandbox", db);
    if (mkdir(sbx, 02770) != 0 && errno != EEXIST) {
        rc = cli_fail(LP_FAIL, "%s: cannot create: %s", sbx, strerror(errno));
        free(sbx);
        return rc;
    }
    rc = own(sbx, gid, 02770);
    free(sbx);
    if (rc)
        return rc;
    if ((rc = make_keys(conf, gid)))
        return rc;
    printf("training host %s: database %s (root:%s 0660)\n", conf->site_id,
           db, conf->group);
    return 0;
}

const struct cli_cmd cmd_site_init = {
    "site", "init", NULL, "make a training host's database and keys (root)",
    cli_init_opts, run_init,
    "Reads the site configuration (site.conf), creates the training\n"
    "database with a world (the options of 'lprsim init'), and the issuer\n"
    "and audit keys it names, all root:GROUP so that only lprsim, setgid\n"
    "to the site group, can use them.  'make install SITE=1' runs it.",
    .group = ACT_GROUP_WORLD,
};
