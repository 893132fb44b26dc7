/*
 * help.c - every text derived from the command table (commands.c plus the
 * core's action table): the overview, one command's --help, a group's
 * list, the man page lprsim(1) and the bash completion.  Help text is
 * word-wrapped at 80 columns; nothing here is written twice by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/action/action.h"

#define HELP_WIDTH 80
#define NBSP '\x01'   /* a space the wrapper never breaks at */

size_t cli_cmd_count(void)
{
    return cli_commands_n + action_count();
}

int cli_cmd_at(size_t i, struct cli_cmd *out)
{
    if (i < cli_commands_n) {
        *out = *cli_commands[i];
        return 0;
    }
    struct action_info in;
    if (action_info_at(i - cli_commands_n, &in))
        return -1;
    cli_action_as_cmd(&in, out);
    return 0;
}

/* Display width of n bytes of UTF-8 (code points; the help is not CJK). */
static size_t width_of(const char *p, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)p[i] & 0xC0) != 0x80;
    return w;
}

/* Appends text word-wrapped at HELP_WIDTH: the first line goes on from
 * column col, later lines start with indent spaces.  NBSP joins words.
 * Ends with a newline. */
static void wrap(struct sb *s, const char *text, size_t col, size_t indent)
{
    const char *p = text;
    int first = 1;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t n = strcspn(p, " ");
        size_t w = width_of(p, n);
        if (!first && col + 1 + w > HELP_WIDTH) {
            sb_putc(s, '\n');
            for (size_t k = 0; k < indent; k++)
                sb_putc(s, ' ');
            col = indent;
        } else if (!first) {
            sb_putc(s, ' ');
            col++;
        }
        for (size_t k = 0; k < n; k++)
            sb_putc(s, p[k] == NBSP ? ' ' : p[k]);
        col += w;
        first = 0;
        p += n;
    }
    sb_putc(s, '\n');
}

/* Appends a multi-line text: each line wrapped on its own, continuation
 * lines indented like the line (and past a leading "- "). */
static void wrap_lines(struct sb *s, const char *text)
{
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        char *line = xasprintf("%.*s", (int)n, p);
        size_t lead = strspn(line, " ");
        if (line[lead] == '-' && line[lead + 1] == ' ')
            lead += 2;
        if (line[strspn(line, " ")] == '\0')
            sb_putc(s, '\n');
        else {
            size_t sp = strspn(line, " ");
            for (size_t k = 0; k < sp; k++)
                sb_putc(s, ' ');
            wrap(s, line + sp, sp, lead);
        }
        free(line);
        p += n;
        if (*p == '\n')
            p++;
    }
}

/* "  left    text" with text wrapped under column 'at'. */
static void item(struct sb *s, const char *left, const char *text, size_t at)
{
    size_t w = width_of(left, strlen(left));
    sb_printf(s, "  %s", left);
    if (2 + w + 1 > at) {
        sb_putc(s, '\n');
        w = at - 2 - 1;
        for (size_t k = 0; k < at - 1; k++)
            sb_putc(s, ' ');
    } else {
        for (size_t k = 2 + w; k < at - 1; k++)
            sb_putc(s, ' ');
    }
    sb_putc(s, ' ');
    wrap(s, text ? text : "", at, at);
}

static void opt_left(char *buf, size_t n, const struct opt_spec *o)
{
    snprintf(buf, n, "--%s%s%s%s", o->name, o->metavar ? " " : "",
             o->metavar ? o->metavar : "", o->kind == OPT_MULTI ? " ..." : "");
}

static void opts_block(struct sb *s, const struct opt_spec *o)
{
    char left[80];
    for (; o && o->name; o++) {
        opt_left(left, sizeof left, o);
        item(s, left, o->help, 29);
    }
}

static void cmd_words(char *buf, size_t n, const struct cli_cmd *cmd)
{
    snprintf(buf, n, "%s%s%s", cmd->name, cmd->sub ? " " : "",
             cmd->sub ? cmd->sub : "");
}

static void usage_text(struct sb *u, const struct cli_cmd *cmd, char sep)
{
    sb_printf(u, "lprsim%c%s%s%s", sep, cmd->name, cmd->sub ? " " : "",
              cmd->sub ? cmd->sub : "");
    for (const struct opt_spec *o = cmd->opts; o && o->name; o++)
        if (o->kind != OPT_FLAG || strcmp(o->name, "help") != 0) {
            if (o->metavar)
                sb_printf(u, " [--%s%c%s]", o->name, sep, o->metavar);
            else
                sb_printf(u, " [--%s]", o->name);
        }
    if (cmd->args)
        sb_printf(u, " %s", cmd->args);
}

void cli_print_cmd_help(const struct cli_cmd *cmd)
{
    struct sb s, u;
    sb_init(&s);
    sb_init(&u);
    usage_text(&u, cmd, NBSP);
    sb_puts(&s, "usage: ");
    wrap(&s, u.buf, 7, 8);
    sb_putc(&s, '\n');
    wrap(&s, cmd->summary, 0, 0);
    if (cmd->details) {
        sb_putc(&s, '\n');
        wrap_lines(&s, cmd->details);
    }
    if (cmd->opts && cmd->opts->name) {
        sb_puts(&s, "\noptions:\n");
        opts_block(&s, cmd->opts);
    }
    sb_puts(&s, "\nglobal options:\n");
    opts_block(&s, cli_global_opts);
    fputs(s.buf, stdout);
    sb_free(&u);
    sb_free(&s);
}

void cli_print_overview(void)
{
    struct sb s;
    sb_init(&s);
    sb_puts(&s,
            "lprsim " LPRSIM_VERSION " - license plate reader privacy "
            "training simulator\n\n"
            "usage: lprsim [global options] [COMMAND [SUBCOMMAND] "
            "[options]]\n\n"
            "With no command, lprsim starts the terminal application.\n\n"
            "commands:\n");
    /* Grouped as in the contract, each command and action naming its
     * section; "other" (group 0) comes last. */
    static const char *const titles[ACT_GROUP__COUNT] = {
        [ACT_GROUP_OTHER] = "other",
        [ACT_GROUP_WORLD] = "the world",
        [ACT_GROUP_CASES] = "cases and queries",
        [ACT_GROUP_HOTLISTS] = "hotlists",
        [ACT_GROUP_AUDIT] = "audit",
        [ACT_GROUP_SCENARIOS] = "scenarios",
        [ACT_GROUP_CERT] = "certificates and the gate",
        [ACT_GROUP_RECORDS] = "records",
    };
    for (int k = 1; k <= ACT_GROUP__COUNT; k++) {
        int g = k % ACT_GROUP__COUNT;   /* 1 .. last, then 0 */
        struct sb part;
        struct cli_cmd cmd;
        sb_init(&part);
        for (size_t i = 0; cli_cmd_at(i, &cmd) == 0; i++) {
            char full[40];
            if ((int)cmd.group != g)
                continue;
            cmd_words(full, sizeof full, &cmd);
            item(&part, full, cmd.summary, 23);
        }
        if (part.len)
            sb_printf(&s, "\n %s:\n%s", titles[g], part.buf);
        sb_free(&part);
    }
    sb_puts(&s, "\nglobal options:\n");
    opts_block(&s, cli_global_opts);
    sb_puts(&s, "\n");
    wrap(&s, "exit status: 0 done, 1 failure, 2 usage error, 3 refused by "
             "policy, 4 verification failed", 0, 13);
    sb_puts(&s, "'lprsim COMMAND --help' tells more about each command.\n");
    fputs(s.buf, stdout);
    sb_free(&s);
}

int cli_print_group(const char *name, int status)
{
    FILE *f = status ? stderr : stdout;
    struct sb s;
    struct cli_cmd cmd;
    int found = 0;
    sb_init(&s);
    if (status)
        sb_printf(&s, "lprsim: '%s' needs a subcommand:\n", name);
    for (size_t i = 0; cli_cmd_at(i, &cmd) == 0; i++) {
        if (strcmp(cmd.name, name) != 0 || !cmd.sub)
            continue;
        char left[48];
        snprintf(left, sizeof left, "lprsim %s %s", name, cmd.sub);
        item(&s, left, cmd.summary, 27);
        found = 1;
    }
    if (found)
        fputs(s.buf, f);
    sb_free(&s);
    return found ? status : -1;
}

/* ---- the man page ---- */

/* Appends text escaped for roff: backslashes, leading dots and quotes,
 * hyphens of options. */
static void roff(struct sb *s, const char *text)
{
    int bol = 1;
    for (const char *p = text; *p; p++) {
        if (bol && (*p == '.' || *p == '\''))
            sb_puts(s, "\\&");
        bol = *p == '\n';
        if (*p == '\\')
            sb_puts(s, "\\e");
        else if (*p == '-')
            sb_puts(s, "\\-");
        else if (*p == NBSP)
            sb_putc(s, ' ');
        else
            sb_putc(s, *p);
    }
}

static void man_opts(struct sb *s, const struct opt_spec *o)
{
    char left[80];
    for (; o && o->name; o++) {
        opt_left(left, sizeof left, o);
        sb_puts(s, ".TP\n.B ");
        roff(s, left);
        sb_putc(s, '\n');
        roff(s, o->help ? o->help : "");
        sb_putc(s, '\n');
    }
}

/* The details text as roff paragraphs (its line breaks are the help's
 * wrapping, not meaning; blank lines and list items start paragraphs). */
static void man_details(struct sb *s, const char *d)
{
    const char *p = d;
    sb_puts(s, ".IP\n");
    while (*p) {
        size_t n = strcspn(p, "\n");
        char *line = xasprintf("%.*s", (int)n, p);
        size_t sp = strspn(line, " ");
        if (!line[sp])
            sb_puts(s, ".IP\n");
        else {
            if (sp > 0 || (line[0] == '-' && line[1] == ' '))
                sb_puts(s, ".br\n");
            roff(s, line + sp);
            sb_putc(s, '\n');
        }
        free(line);
        p += n;
        if (*p == '\n')
            p++;
    }
}

char *cli_man_page(void)
{
    struct sb s;
    struct cli_cmd cmd;
    sb_init(&s);
    sb_puts(&s, ".\\\" lprsim(1), generated by 'lprsim help --man' from the "
                "command table\n"
                ".TH LPRSIM 1 \"\" \"lprsim " LPRSIM_VERSION "\" "
                "\"User Commands\"\n"
                ".SH NAME\nlprsim \\- license plate reader privacy "
                "training simulator\n"
                ".SH SYNOPSIS\n.B lprsim\n[\\fIglobal options\\fR] "
                "[\\fICOMMAND\\fR [\\fISUBCOMMAND\\fR] [\\fIoptions\\fR]]\n"
                ".SH DESCRIPTION\n"
                "lprsim trains people who will query license plate reader "
                "databases under a\nprivacy policy.  It holds a synthetic "
                "LPR database, enforces the policy of\nthe agency guidance "
                "(rules IV.A to IV.M), runs scenarios written by\n"
                "instructors, scores them rule by rule and issues signed "
                "certificates that\nthe \\fBgate\\fR command checks.  With "
                "no command it starts the terminal\napplication (or the "
                "plain line mode when standard output is not a\nterminal).  "
                "All data is synthetic.\n"
                ".SH COMMANDS\n");
    for (size_t i = 0; cli_cmd_at(i, &cmd) == 0; i++) {
        struct sb u;
        sb_init(&u);
        usage_text(&u, &cmd, ' ');
        sb_puts(&s, ".TP\n.B ");
        roff(&s, u.buf + strlen("lprsim "));
        sb_putc(&s, '\n');
        roff(&s, cmd.summary);
        sb_putc(&s, '\n');
        if (cmd.details)
            man_details(&s, cmd.details);
        if (cmd.opts && cmd.opts->name) {
            sb_puts(&s, ".RS\n");
            man_opts(&s, cmd.opts);
            sb_puts(&s, ".RE\n");
        }
        sb_free(&u);
    }
    sb_puts(&s, ".SH GLOBAL OPTIONS\nAccepted before or after the "
                "command.\n");
    man_opts(&s, cli_global_opts);
    sb_puts(&s, ".TP\n.B \\-h\nthe same as \\fB\\-\\-help\\fR\n"
                ".SH EXIT STATUS\n0 done; 1 any other failure; 2 usage "
                "error; 3 refused by policy\n(standard error names the "
                "rule); 4 verification failed (damaged\ndatabase, tampered "
                "log, bad signature, expired or revoked certificate).\n"
                ".SH ENVIRONMENT\n"
                ".TP\n.B LPRSIM_DB\nthe database (else "
                "\\fI$XDG_DATA_HOME/lprsim/lprsim.db\\fR)\n"
                ".TP\n.B LPRSIM_USER\nwho acts\n"
                ".TP\n.B LPRSIM_NOW\nthe sandbox clock\n"
                ".TP\n.B LPRSIM_ROOT\na folder holding \\fIdatasets\\fR, "
                "\\fIscenarios\\fR and \\fIcurriculum\\fR (else found beside "
                "the binary, then in ../share/lprsim)\n"
                ".TP\n.B NO_COLOR\nno colours in the terminal application\n"
                ".SH FILES\n"
                ".TP\n.I PREFIX/share/lprsim/\ndatasets, scenarios, "
                "curriculum (lessons, tracks, policy profiles)\n"
                ".TP\n.I /etc/lprsim/issuer.pub, /etc/lprsim/revocations.lrl,"
                " /etc/lprsim/certs/USER.token\nwhat \\fBgate\\fR checks by "
                "default\n"
                ".TP\n.I /var/lib/lprsim/gate.state\nthe gate's last trusted "
                "time and revocation list number\n"
                ".SH SEE ALSO\n\\fBpam_exec\\fR(8), \\fBzbarimg\\fR(1); "
                "README.md of the source.\n");
    return sb_steal(&s);
}

/* ---- bash completion ---- */

static int seen_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; (p = strstr(p, w)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    return 0;
}

/* Adds "--name" of each option taking a value to the "|" list. */
static void valued_opts(struct sb *list, const struct opt_spec *o)
{
    for (; o && o->name; o++) {
        char w[48];
        snprintf(w, sizeof w, "--%s", o->name);
        char *bar = xasprintf("|%s|", list->buf ? list->buf : "");
        char *key = xasprintf("|%s|", w);
        if (o->kind != OPT_FLAG && !strstr(bar, key))
            sb_printf(list, "%s%s", list->len ? "|" : "", w);
        free(bar);
        free(key);
    }
}

char *cli_bash_completion(void)
{
    struct sb s, top, valued;
    struct cli_cmd cmd;
    sb_init(&s);
    sb_init(&top);
    sb_init(&valued);
    for (size_t i = 0; cli_cmd_at(i, &cmd) == 0; i++)
        if (!seen_word(top.buf ? top.buf : "", cmd.name))
            sb_printf(&top, "%s%s", top.len ? " " : "", cmd.name);
    valued_opts(&valued, cli_global_opts);
    for (size_t i = 0; cli_cmd_at(i, &cmd) == 0; i++)
        valued_opts(&valued, cmd.opts);
    sb_puts(&s, "# bash completion for lprsim, generated by 'lprsim help "
                "--completion bash'\n# from the command table.\n"
                "_lprsim()\n{\n"
                "    local cur=${COMP_WORDS[COMP_CWORD]}\n"
                "    local prev=${COMP_WORDS[COMP_CWORD-1]}\n"
                "    local i w path=\"\" skip=0\n");
    sb_printf(&s, "    case $prev in\n        %s)\n"
                  "            COMPREPLY=($(compgen -f -- \"$cur\")); "
                  "return;;\n    esac\n", valued.buf);
    sb_printf(&s, "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
                  "        w=${COMP_WORDS[i]}\n"
                  "        if [ $skip = 1 ]; then skip=0; continue; fi\n"
                  "        case $w in\n"
                  "            %s) skip=1;;\n"
                  "            -*) ;;\n"
                  "            *) [ \"${path// /}\" = \"$path\" ] && "
                  "path=\"${path:+$path }$w\";;\n"
                  "        esac\n    done\n", valued.buf);
    sb_puts(&s, "    local g=\"");
    for (const struct opt_spec *o = cli_global_opts; o->name; o++)
        sb_printf(&s, "--%s ", o->name);
    sb_puts(&s, "\"\n    case $path in\n");
    sb_printf(&s, "        \"\") COMPREPLY=($(compgen -W \"%s help $g\" "
                  "-- \"$cur\"));;\n", top.buf);
    /* full commands first, then groups (a bare group word lists its
     * subcommands) */
    for (size_t i = 0; cli_cmd_at(i, &cmd) == 0; i++) {
        char words[48];
        cmd_words(words, sizeof words, &cmd);
        sb_printf(&s, "        \"%s\") COMPREPLY=($(compgen -W \"", words);
        for (const struct opt_spec *o = cmd.opts; o && o->name; o++)
            sb_printf(&s, "--%s ", o->name);
        sb_puts(&s, "$g\" -- \"$cur\"));;\n");
    }
    struct sb groupsdone;
    sb_init(&groupsdone);
    for (size_t i = 0; cli_cmd_at(i, &cmd) == 0; i++) {
        if (!cmd.sub || seen_word(groupsdone.buf ? groupsdone.buf : "",
                                  cmd.name))
            continue;
        sb_printf(&groupsdone, "%s ", cmd.name);
        sb_printf(&s, "        \"%s\") COMPREPLY=($(compgen -W \"",
                  cmd.name);
        struct cli_cmd c2;
        for (size_t k = 0; cli_cmd_at(k, &c2) == 0; k++)
            if (c2.sub && strcmp(c2.name, cmd.name) == 0)
                sb_printf(&s, "%s ", c2.sub);
        sb_puts(&s, "\" -- \"$cur\"));;\n");
    }
    sb_free(&groupsdone);
    sb_puts(&s, "        *) COMPREPLY=($(compgen -f -- \"$cur\"));;\n"
                "    esac\n}\ncomplete -o default -F _lprsim lprsim\n");
    sb_free(&top);
    sb_free(&valued);
    return sb_steal(&s);
}
