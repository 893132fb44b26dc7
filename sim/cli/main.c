/*
 * main.c - lprsim's entry point: global options, command dispatch,
 * --help for every command and --version.  With no command it starts the
 * terminal application.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/action/action.h"
#include "core/audit/audit.h"
#include "core/store/store_people.h"
#include "core/world/clock.h"
#include "core/world/roster.h"
#include "util/paths.h"

#if defined(__SANITIZE_ADDRESS__)
/* Under AddressSanitizer (make SAN=1): a setgid run (a training host) is
 * not dumpable, so LeakSanitizer can neither read its options from
 * /proc/self/environ nor stop the world by ptrace, and would abort every
 * run; leak checks stay on for every other run. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return getegid() != getgid() ? "detect_leaks=0" : "";
}
#endif

const struct opt_spec cli_global_opts[] = {
    {"db", OPT_ARG, "PATH", "database (default $LPRSIM_DB, else the XDG "
                            "data dir)"},
    {"user", OPT_ARG, "ID", "who acts (default $LPRSIM_USER)"},
    {"now", OPT_ARG, "TIME", "sandbox clock (default $LPRSIM_NOW, else the "
                             "database's clock)"},
    {"policy", OPT_ARG, "NAME", "policy profile (default: the database's)"},
    {"json", OPT_FLAG, NULL, "one JSON document on stdout"},
    {"plain", OPT_FLAG, NULL, "line mode, no curses"},
    {"quiet", OPT_FLAG, NULL, "no progress lines"},
    {"help", OPT_FLAG, NULL, "this help"},
    {"version", OPT_FLAG, NULL, "print the version"},
    {NULL, 0, NULL, NULL},
};

int cli_fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("lprsim: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return status;
}

int cli_fail_err(const struct lp_err *err)
{
    int status = err->status ? err->status : LP_FAIL;
    return cli_fail(status, "%s", err->msg[0] ? err->msg : "failed");
}

int cli_progress_on(const struct cli *c)
{
    return !c->quiet && isatty(STDERR_FILENO);
}

/* mkdir -p for the directory part of path. */
static int make_parent_dirs(const char *path)
{
    char *d = xstrdup(path);
    for (char *p = d + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(d, 0700) && errno != EEXIST) {
            free(d);
            return -1;
        }
        *p = '/';
    }
    free(d);
    return 0;
}

int cli_require_role(const struct cli *c, enum site_role role,
                     const char *what)
{
    (void)c;
    if (site_role_has(role))
        return 0;
    return cli_fail(LP_REFUSED, "%s needs the %s role (%s is a %s on this "
                    "training host)", what, site_role_name(role),
                    site_login(), site_role_name(site_role()));
}

FILE *cli_user_fopen(const char *path, const char *mode)
{
    int w = mode[0] == 'w';
    int fd = site_user_open(path, w ? O_WRONLY | O_CREAT | O_TRUNC
                                    : O_RDONLY, 0644);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, mode);
    if (!f)
        close(fd);
    return f;
}

/* What a training host requires, by command; sub NULL covers every
 * subcommand of the group.  Anything not here is open to every trainee. */
static const struct {
    const char *name, *sub;
    enum site_role role;
} cmd_roles[] = {
    {"init", NULL, SITE_ROLE_ADMIN},
    {"generate", NULL, SITE_ROLE_ADMIN},
    {"import", NULL, SITE_ROLE_ADMIN},
    {"site", NULL, SITE_ROLE_ADMIN},
    {"export", NULL, SITE_ROLE_INSTRUCTOR},
    {"roster", NULL, SITE_ROLE_INSTRUCTOR},
    {"report", NULL, SITE_ROLE_INSTRUCTOR},
    {"audit", "list", SITE_ROLE_INSTRUCTOR},
    {"audit", "export", SITE_ROLE_INSTRUCTOR},
    {"audit", "keygen", SITE_ROLE_INSTRUCTOR},
    {"audit", "checkpoint", SITE_ROLE_INSTRUCTOR},
    {"cert", "keygen", SITE_ROLE_INSTRUCTOR},
    {"cert", "issue", SITE_ROLE_INSTRUCTOR},
    {"cert", "revoke", SITE_ROLE_INSTRUCTOR},
    {"scenario", "solution", SITE_ROLE_INSTRUCTOR},
};

enum site_role cli_cmd_role(const struct cli_cmd *cmd)
{
    if (!cmd)
        return 0;
    for (size_t i = 0; i < sizeof cmd_roles / sizeof cmd_roles[0]; i++)
        if (strcmp(cmd_roles[i].name, cmd->name) == 0 &&
            (!cmd_roles[i].sub ||
             (cmd->sub && strcmp(cmd_roles[i].sub, cmd->sub) == 0)))
            return cmd_roles[i].role;
    return 0;
}

/* The command's name for messages ("cert issue"). */
static void cmd_name(const struct cli_cmd *cmd, char *out, size_t n)
{
    if (!cmd)
        snprintf(out, n, "this");
    else
        snprintf(out, n, "'lprsim %s%s%s'", cmd->name, cmd->sub ? " " : "",
                 cmd->sub ? cmd->sub : "");
}

int cli_host_guard(struct cli *c)
{
    if (c->guarded || site_mode() != SITE_HOST)
        return 0;
    char name[64];
    cmd_name(c->cmd, name, sizeof name);
    int instructor = site_role_has(SITE_ROLE_INSTRUCTOR);
    if (c->db_src) {
        if (!instructor)
            return cli_fail(LP_REFUSED, "%s: on this training host the "
                            "database is the site's; another database needs "
                            "the instructor role (%s is a trainee)",
                            c->db_src, site_login());
        /* An instructor's own database: personal mode, own rights. */
        if (site_go_personal())
            return cli_fail(LP_FAIL, "cannot give up the site group");
        c->guarded = 1;
        return 0;
    }
    if (c->now_src)
        return cli_fail(LP_REFUSED, "%s: the clock of a training host is "
                        "the system's", c->now_src);
    if (c->policy)
        return cli_fail(LP_REFUSED, "--policy: a training host uses its "
                        "database's policy profile");
    enum site_role need = cli_cmd_role(c->cmd);
    if (need && !site_role_has(need))
        return cli_require_role(c, need, name);
    if (c->user_src && c->cmd != &cmd_gate) {
        if (!instructor)
            return cli_fail(LP_REFUSED, "%s: on this training host you act "
                            "as yourself (login %s); acting for another "
                            "person needs the instructor role",
                            c->user_src, site_login());
        if (need < SITE_ROLE_INSTRUCTOR)
            return cli_fail(LP_REFUSED, "%s: an instructor acts for another "
                            "person only in instructor commands (cert "
                            "issue, roster, reports); %s acts as %s",
                            c->user_src, name, site_login());
        site_set_person(c->user, 1);
    }
    c->guarded = 1;
    return 0;
}

/* An instructor acting for another person (--user in an instructor
 * command) leaves an audit entry saying so: the person acted for, the
 * instructor's login, the command and its exit status. */
static void audit_acting_for(struct cli *c, int status)
{
    if (site_mode() != SITE_HOST || !site_person()->acting_for || !c->st ||
        !c->cmd)
        return;
    char action[64];
    snprintf(action, sizeof action, "%s%s%s", c->cmd->name,
             c->cmd->sub ? " " : "", c->cmd->sub ? c->cmd->sub : "");
    json_t *d = json_pack("{s:s,s:s,s:s,s:i}", "acting_for", c->user, "by",
                          site_login(), "role",
                          site_role_name(site_role()), "status", status);
    char *detail = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(d);
    char results[160];
    snprintf(results, sizeof results, "%s for %s by %s: exit %d", action,
             c->user, site_login(), status);
    struct audit_entry e = {
        .at = (int64_t)time(NULL), .user_id = c->user, .login = site_login(),
        .action = action, .results = results,
        .verdict = status ? "deny" : "allow", .rules = "", .profile = "",
        .detail = detail,
    };
    struct lp_err err = {0};
    int64_t id;
    if (store_begin(c->st) || audit_append(c->st, &e, &id, &err) ||
        store_commit(c->st)) {
        store_rollback(c->st);
        fprintf(stderr, "lprsim: warning: acting for %s was not audited: "
                "%s\n", c->user, err.msg[0] ? err.msg
                                            : store_errmsg(c->st));
    }
    free(detail);
}

/* On a host: the person bound to the login, unless an instructor acts for
 * someone (--user in an instructor command). */
static int host_person(struct cli *c)
{
    if (site_mode() != SITE_HOST || site_person()->acting_for)
        return 0;
    struct lp_person p;
    int rc = store_person_by_login(c->st, site_login(), &p);
    if (rc < 0)
        return cli_fail_err(store_err(c->st));
    c->user = rc ? xstrdup(p.id) : NULL;
    free(c->user_owned);
    c->user_owned = (char *)c->user;
    site_set_person(c->user, 0);
    return 0;
}

int cli_open_store(struct cli *c, int create)
{
    struct lp_err err = {0};
    int rc = cli_host_guard(c);
    if (rc)
        return rc;
    if (site_mode() == SITE_HOST) {
        /* The site's database, made by 'lprsim site init'; the system
         * clock. */
        c->st = store_open(c->db_path, create ? STORE_CREATE : 0, &err);
        if (!c->st)
            return cli_fail_err(&err);
        c->now = (int64_t)time(NULL);
        return host_person(c);
    }
    site_set_person(c->user, 0);
    if (create && make_parent_dirs(c->db_path))
        return cli_fail(LP_FAIL, "%s: cannot create its folder: %s",
                        c->db_path, strerror(errno));
    c->st = store_open(c->db_path, create ? STORE_CREATE : 0, &err);
    if (!c->st)
        return cli_fail_err(&err);
    if (clock_resolve(c->st, c->now_text, &c->now, &err))
        return cli_fail_err(&err);
    return 0;
}

int cli_open_store_ro(struct cli *c)
{
    struct lp_err err = {0};
    int rc = cli_host_guard(c);
    if (rc)
        return rc;
    c->st = store_open(c->db_path, STORE_READONLY | STORE_UPGRADE, &err);
    if (!c->st)
        return cli_fail_err(&err);
    if (site_mode() == SITE_HOST) {
        c->now = (int64_t)time(NULL);
        return host_person(c);
    }
    site_set_person(c->user, 0);
    if (clock_resolve(c->st, c->now_text, &c->now, &err))
        return cli_fail_err(&err);
    return 0;
}

void cli_apply_globals(struct cli *c, const struct opts *o)
{
    if (opts_has(o, "db")) {
        c->db_path = opts_get(o, "db");
        c->db_src = "--db";
    }
    if (opts_has(o, "user")) {
        c->user = opts_get(o, "user");
        c->user_src = "--user";
    }
    if (opts_has(o, "now")) {
        c->now_text = opts_get(o, "now");
        c->now_src = "--now";
    }
    if (opts_has(o, "policy"))
        c->policy = opts_get(o, "policy");
    c->json |= opts_has(o, "json");
    c->plain |= opts_has(o, "plain");
    c->quiet |= opts_has(o, "quiet");
}

static void defaults(struct cli *c)
{
    const char *e;
    c->login = site_login();
    if ((e = getenv("LPRSIM_DB")) && *e) {
        c->db_path = e;
        c->db_src = "LPRSIM_DB";
    } else if (site_mode() == SITE_HOST) {
        c->db_path = site_conf()->database;
    } else {
        const char *x = getenv("XDG_DATA_HOME"), *h = getenv("HOME");
        if (x && *x == '/')
            c->db_default = xasprintf("%s/lprsim/lprsim.db", x);
        else
            c->db_default = xasprintf("%s/.local/share/lprsim/lprsim.db",
                                      h && *h ? h : ".");
        c->db_path = c->db_default;
    }
    if ((e = getenv("LPRSIM_USER")) && *e) {
        c->user = e;
        c->user_src = "LPRSIM_USER";
    }
    if ((e = getenv("LPRSIM_NOW")) && *e) {
        c->now_text = e;
        c->now_src = "LPRSIM_NOW";
    }
}

/* Finds the command named by argv (one or two words); *used is how many
 * words it took.  Returns NULL when unknown. */
static const struct cli_cmd *find_cmd(int argc, char **argv, int *used,
                                      int *group)
{
    *group = 0;
    for (size_t i = 0; i < cli_commands_n; i++) {
        const struct cli_cmd *cmd = cli_commands[i];
        if (strcmp(cmd->name, argv[0]) != 0)
            continue;
        *group = 1;
        if (!cmd->sub) {
            *used = 1;
            return cmd;
        }
        if (argc > 1 && strcmp(cmd->sub, argv[1]) == 0) {
            *used = 2;
            return cmd;
        }
    }
    return NULL;
}

static int is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* "help --man", "help --completion bash", "help --commands": the man
 * page, the bash completion and the command list, all from the command
 * table (the build and the tests use them; not in the overview). */
static int help_output(int argc, char **argv)
{
    char *text = NULL;
    if (argc == 1 && strcmp(argv[0], "--man") == 0) {
        text = cli_man_page();
    } else if (argc == 2 && strcmp(argv[0], "--completion") == 0 &&
               strcmp(argv[1], "bash") == 0) {
        text = cli_bash_completion();
    } else if (argc == 1 && strcmp(argv[0], "--commands") == 0) {
        struct cli_cmd cmd;
        for (size_t k = 0; cli_cmd_at(k, &cmd) == 0; k++)
            printf("%s%s%s\n", cmd.name, cmd.sub ? " " : "",
                   cmd.sub ? cmd.sub : "");
        return 0;
    } else if (argc == 1 && (strcmp(argv[0], "--help") == 0 ||
                             strcmp(argv[0], "-h") == 0)) {
        cli_print_overview();
        return 0;
    } else {
        return cli_fail(LP_USAGE, "help: unknown option '%s' (help [COMMAND],"
                        " help --man, help --completion bash)", argv[0]);
    }
    fputs(text, stdout);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    struct cli c = {0};
    struct opts o;
    struct lp_err err = {0};
    int rc;
    if (site_init(&err))
        return cli_fail_err(&err);
    if (site_mode() == SITE_HOST)
        paths_set_root(site_conf()->share);
    defaults(&c);

    /* Global options before the command. */
    int i = 1;
    if (i < argc && strcmp(argv[i], "-h") == 0) {
        cli_print_overview();
        return 0;
    }
    while (i < argc && argv[i][0] == '-' && argv[i][1] == '-' && argv[i][2]) {
        const struct opt_spec *s = cli_global_opts;
        const char *name = argv[i] + 2;
        size_t len = strcspn(name, "=");
        while (s->name && (strlen(s->name) != len ||
                           strncmp(s->name, name, len) != 0))
            s++;
        if (!s->name)
            return cli_fail(LP_USAGE, "unknown option '%s' (see lprsim "
                            "--help)", argv[i]);
        int take = (s->kind != OPT_FLAG && !strchr(name, '=')) ? 2 : 1;
        if (i + take > argc)
            return cli_fail(LP_USAGE, "option '--%s' needs a value",
                            s->name);
        if (opts_parse(cli_global_opts, NULL, take, argv + i, &o, &err))
            return cli_fail_err(&err);
        if (opts_has(&o, "help")) {
            cli_print_overview();
            return 0;
        }
        if (opts_has(&o, "version")) {
            printf("lprsim %s\n", LPRSIM_VERSION);
            return 0;
        }
        cli_apply_globals(&c, &o);
        i += take;
    }
    if (i >= argc) {
        rc = cli_start_app(&c);
        goto out;
    }
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 < argc && argv[i + 1][0] == '-')
            return help_output(argc - i - 1, argv + i + 1);
        if (i + 1 < argc) {
            int used, group;
            const struct cli_cmd *cmd =
                find_cmd(argc - i - 1, argv + i + 1, &used, &group);
            if (cmd) {
                cli_print_cmd_help(cmd);
                return 0;
            }
            if (cli_action_help(argc - i - 1, argv + i + 1) == 0)
                return 0;
            if (group)
                return cli_print_group(argv[i + 1], 0);
            if (cli_print_group(argv[i + 1], 0) == 0)
                return 0;
            return cli_fail(LP_USAGE, "no command '%s' (see lprsim --help)",
                            argv[i + 1]);
        }
        cli_print_overview();
        return 0;
    }
    if (strcmp(argv[i], "version") == 0) {
        printf("lprsim %s\n", LPRSIM_VERSION);
        return 0;
    }
    int used, group;
    const struct cli_cmd *cmd = find_cmd(argc - i, argv + i, &used, &group);
    if (!cmd && (rc = cli_run_action(&c, argc - i, argv + i)) >= 0)
        goto out;
    if (!cmd && !group && action_group_known(argv[i])) {
        int wants_help = i + 1 >= argc || is_help(argv[i + 1]);
        if (!wants_help)
            return cli_fail(LP_USAGE, "no command '%s %s' (see lprsim %s "
                            "--help)", argv[i], argv[i + 1], argv[i]);
        return cli_print_group(argv[i], i + 1 >= argc ? LP_USAGE : 0);
    }
    if (!cmd) {
        if (group) {
            int wants_help = i + 1 >= argc || is_help(argv[i + 1]);
            if (!wants_help)
                return cli_fail(LP_USAGE, "no command '%s %s' (see lprsim %s "
                                "--help)", argv[i], argv[i + 1], argv[i]);
            return cli_print_group(argv[i], i + 1 >= argc ? LP_USAGE : 0);
        }
        return cli_fail(LP_USAGE, "no command '%s' (see lprsim --help)",
                        argv[i]);
    }
    i += used;
    if (opts_parse(cmd->opts, cli_global_opts, argc - i, argv + i, &o, &err)) {
        char name[64];
        snprintf(name, sizeof name, "%s%s%s", cmd->name, cmd->sub ? " " : "",
                 cmd->sub ? cmd->sub : "");
        return cli_fail(LP_USAGE, "%s: %s (see lprsim %s --help)", name,
                        err.msg, name);
    }
    if (opts_has(&o, "help")) {
        cli_print_cmd_help(cmd);
        return 0;
    }
    cli_apply_globals(&c, &o);
    c.cmd = cmd;
    if ((rc = cli_host_guard(&c)))
        goto out;
    rc = cmd->run(&c, &o);
    audit_acting_for(&c, rc);
out:
    store_close(c.st);
    free(c.db_default);
    free(c.user_owned);
    return rc;
}
