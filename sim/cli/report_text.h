/*
 * report_text.h - the records as 80-column text (report_text.c), for
 * "lprsim report" and the plain mode's instructor screen.
 */
#ifndef LPRSIM_REPORT_TEXT_H
#define LPRSIM_REPORT_TEXT_H

#include <jansson.h>

#include "core/learn/report.h"

/* The text of a JSON value for a table cell; the caller frees it. */
char *report_cell_text(const json_t *v);
/* The string at key k of object o, or "-" (borrowed). */
const char *report_js(const json_t *o, const char *k);
/* Prints a report table: a heading line, then one line a row, each cell
 * cut or padded to its column's width. */
void report_text_table(const struct report_table *t);
/* Prints the transcript of report_person. */
void report_text_person(const json_t *doc);
/* Prints one step of report_session_steps: the action line, the verdict
 * with its rules, and the reason the trainee was given. */
void report_text_step(const json_t *step);

#endif
