/*
 * cert_page.h - the printable certificate: one page (PDF, A4 landscape,
 * or PNG) with the person's name (fitted or wrapped), track, dates, the
 * rule groups certified, the score table (tab stops), how to verify, the
 * QR code of the token and the token as text.  Drawn with cairo, text
 * laid out with Pango (pangocairo).
 */
#ifndef LPRSIM_CERT_PAGE_H
#define LPRSIM_CERT_PAGE_H

#include "core/cert/cert.h"

struct cert_page {
    const struct cert *c;
    const char *name;      /* the person's full name (roster) */
    const char *token;     /* the signed token (drawn as QR and text) */
    const char *summary;   /* score lines, '\n'-separated; may be NULL */
    const char *const *groups; /* the rule groups the track certified
                                  (its modules' titles); may be NULL */
    size_t ngroups;
    int *unknown_glyphs;   /* when not NULL: set to the characters no font
                              could draw (0 when fallback found them all) */
};

enum cert_page_format { CERT_PAGE_PDF, CERT_PAGE_PNG };

/* Writes the page to path.  Returns 0 or negative with err. */
int cert_page_write(const char *path, int format, const struct cert_page *p,
                    struct lp_err *err);

#endif
