/*
 * site.h - who is running lprsim and where: personal mode (no site
 * configuration: the user's own database, practice and authoring) or a
 * training host (lprsim installed setgid to the site's group, the
 * configuration in /etc/lprsim/site.conf).  On a host the acting person is
 * the login of the real user id, and the role (trainee, instructor,
 * administrator) comes from the Unix groups the configuration names.
 * The lowest core folder: it depends on util only.
 */
#ifndef LPRSIM_SITE_H
#define LPRSIM_SITE_H

#include <stdint.h>
#include <sys/types.h>

#include "util/util.h"

enum site_mode {
    SITE_PERSONAL = 0,   /* no site.conf: --db / XDG, no certificates */
    SITE_HOST = 1        /* a training host: site.conf, setgid group */
};

/* Roles, each holding the rights of the ones before it. */
enum site_role {
    SITE_ROLE_TRAINEE = 1,
    SITE_ROLE_INSTRUCTOR = 2,
    SITE_ROLE_ADMIN = 3
};

#define SITE_ID_MAX 16   /* site ids: 1-16 of A-Z a-z 0-9 . _ - */

/* The site configuration (every key of site.conf, read in one place). */
struct site_conf {
    char site_id[SITE_ID_MAX + 1];
    char *group;             /* the group lprsim runs setgid to */
    char *trainees;          /* optional: only its members may use lprsim */
    char *instructors;       /* group of the instructor role */
    char *admins;            /* group of the administrator role */
    char *database;          /* the training database */
    char *share;             /* installed datasets/, curriculum/, scenarios/ */
    char *issuer_key;        /* the issuer's secret key (group-readable) */
    char *issuer_pub;        /* its public half */
    char *revocations;       /* the signed revocation list cert revoke writes */
    char *audit_key;         /* audit checkpoint signing key (group only) */
    char *audit_pubkey;      /* the pinned audit public key for verify */
    int64_t checkpoint_every;   /* sign a checkpoint every N entries, 0 off */
};

/* The acting person: the roster id bound to the login (NULL until the
 * front end looked it up), the login of the real user id, and whether an
 * instructor acts for someone else (--user in an instructor command). */
struct site_person {
    const char *id;
    const char *login;
    int acting_for;
};

/* Reads the site configuration (the compiled-in path, or
 * $LPRSIM_SITE_CONF when the real user is root), the login of the real
 * user id and its role.  On a host it also hardens the process: no core
 * dumps, umask 007, an environment reduced to the terminal and locale
 * variables.  Call once at start, before anything else reads the
 * environment.  Returns 0, or negative with err (a broken or unsafe
 * configuration fails closed). */
int site_init(struct lp_err *err);

/* The mode site_init found (personal before it ran). */
enum site_mode site_mode(void);
/* The configuration (NULL in personal mode); borrowed. */
const struct site_conf *site_conf(void);
/* The path site_init read or looked for; borrowed. */
const char *site_conf_path(void);
/* The role of the real user (personal mode: administrator of their own
 * database). */
enum site_role site_role(void);
/* 1 when the real user's role includes r. */
int site_role_has(enum site_role r);
/* "trainee", "instructor", "administrator". */
const char *site_role_name(enum site_role r);
/* The login of the real user id (borrowed; "uid N" when it has none). */
const char *site_login(void);

/* Sets the acting person (id copied; NULL clears). */
void site_set_person(const char *id, int acting_for);
/* The acting person (borrowed). */
const struct site_person *site_person(void);

/* The audit settings, read in one place.  The checkpoint signing key:
 * site.conf audit_key on a host (group-readable, lprsim only), else
 * $LPRSIM_AUDIT_KEY; NULL when none.  The pinned public key audit verify
 * checks with when no --pubkey is given: audit_pubkey on a host, NULL in
 * personal mode.  checkpoint_every: entries between automatic signed
 * checkpoints on a host (0: off; personal mode 0). */
const char *site_audit_key(void);
const char *site_audit_pubkey(void);
int64_t site_checkpoint_every(void);

/* Opens a file the user named (an export, an action file, a key they
 * bring) with the user's own rights, never the site group's: the group
 * is set aside around the open; on a host a symbolic link as the last
 * component is refused (O_NOFOLLOW).  Returns the descriptor (close on
 * exec) or -1 with errno. */
int site_user_open(const char *path, int flags, mode_t mode);
/* Sets the group aside (the user's own rights) until site_user_end; for
 * libraries that open files themselves (cairo).  Nests. */
void site_user_begin(void);
void site_user_end(void);
/* Gives up the site group for good (the Lua evaluator child; personal
 * mode on a host).  Returns 0, or -1 when the kernel refused. */
int site_drop_group(void);

/* Leaves a host for personal mode (an instructor's own --db): gives up
 * the group for good; the role becomes the owner's of that database.
 * Returns 0 or -1. */
int site_go_personal(void);

/* 1 when a secret key file of this mode and group is private enough:
 * no access for group or others, or on a training host readable by the
 * site group alone (root:GROUP 0640, only lprsim can read it). */
int site_secret_mode_ok(mode_t mode, gid_t gid);

/* Parses site.conf text (tests); path names it in errors.  Fills conf;
 * free with site_conf_free.  Returns 0 or negative with err. */
int site_conf_parse(const char *text, const char *path,
                    struct site_conf *conf, struct lp_err *err);
void site_conf_free(struct site_conf *conf);

#endif
