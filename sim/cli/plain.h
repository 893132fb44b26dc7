/*
 * plain.h - the plain line mode's shared state: plain.c (sign-in,
 * dashboard, lessons) and plain_scn.c (the scenario console as prompts).
 */
#ifndef LPRSIM_PLAIN_H
#define LPRSIM_PLAIN_H

#include <stddef.h>

#include "cli/cli.h"
#include "core/learn/appstate.h"

struct plain {
    struct cli *cli;
    struct app app;
    size_t track;
    int eof;            /* stdin ended: unwind and quit */
    void *scn;          /* plain_scn.c's state */
};

/* Prints "prompt: ", reads one line into buf (trimmed; echoed when stdin
 * is not a terminal).  Returns 0, or -1 at end of input (sets p->eof). */
int plain_ask(struct plain *p, const char *prompt, char *buf, size_t n);
/* Asks a yes/no question until the answer is y or n (other input gets a
 * line saying so).  Returns 1 yes, 0 no, -1 at end of input. */
int plain_yes_no(struct plain *p, const char *prompt);
/* Prints text wrapped to 78 columns, each line after indent. */
void plain_print_wrapped(const char *text, const char *indent);

/* Runs scenario k of module mi of track ti (resuming an active session),
 * then its results. */
void plain_scenario(struct plain *p, size_t ti, size_t mi, size_t k);
void plain_scn_free(struct plain *p);
/* The certificate screen of track ti (plain_cert.c). */
void plain_cert(struct plain *p, size_t ti);

/* The records (plain_records.c): the trainee's certificate expiry line on
 * the dashboard (nothing when there is no certificate). */
void plain_expiry_line(struct plain *p);
/* 1 when the signed-in person is an instructor. */
int plain_is_instructor(struct plain *p);
/* The instructor's screen: class overview, a person's record, a session
 * stepped through action by action.  Returns at q or end of input. */
void plain_records(struct plain *p);

#endif
