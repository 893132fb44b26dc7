/*
 * jsonout.h - JSON text from jansson documents with every real number as
 * short as round-trips (38.58868, not jansson's %.17g 38.588679999999997).
 * Every JSON document lprsim prints goes through here.
 */
#ifndef LPRSIM_JSONOUT_H
#define LPRSIM_JSONOUT_H

#include <jansson.h>
#include <stddef.h>

/* Writes the shortest decimal text of d that reads back (strtod) as d,
 * with ".0" when it would look like an integer, into buf (cap >= 32).
 * d must be finite. */
void jsonout_real(double d, char *buf, size_t cap);

/* json_dumps(doc, flags) with the reals written by jsonout_real.  The
 * caller frees the text; NULL when jansson cannot dump doc. */
char *jsonout_dumps(const json_t *doc, size_t flags);

#endif
