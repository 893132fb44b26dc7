/*
 * cert_page.c - the printable one-page certificate (see cert_page.h):
 * cairo draws the same page on a PDF surface or an image surface saved as
 * PNG, Pango lays out every text (wrapping, fitting, tab stops, fallback
 * fonts); the QR code is drawn module by module from qr.h's matrix.
 */
#include "core/cert/cert_page.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cert/qr.h"
#include "core/site/site.h"
#include "util/lptime.h"

#define PAGE_W 842.0   /* A4 landscape, points */
#define PAGE_H 595.0
#define MARGIN 70.0
#define QR_X (PAGE_W - 250)
#define LEFT_W (QR_X - MARGIN - 24)   /* the text column left of the QR */

/* Lays out text (UTF-8, not markup) in a box width points wide at (x, y)
 * with Pango: word wrap (characters when a word is too long), at most
 * max_lines lines (ellipsised after; 0: no limit), fallback fonts for any
 * script fontconfig knows.  tabs may be NULL.  Adds the glyphs no font
 * had to *unknown; returns the height used. */
static double text_box(cairo_t *cr, double x, double y, double width,
                       const char *family, double size, int bold,
                       PangoAlignment align, int max_lines,
                       PangoTabArray *tabs, const char *text, int *unknown)
{
    PangoLayout *lay = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD
                                               : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(lay, fd);
    pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(lay, align);
    if (max_lines > 0) {
        pango_layout_set_height(lay, -max_lines);
        pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
    }
    if (tabs)
        pango_layout_set_tabs(lay, tabs);
    pango_layout_set_text(lay, text, -1);
    int w, h;
    pango_layout_get_size(lay, &w, &h);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, lay);
    if (unknown)
        *unknown += pango_layout_get_unknown_glyphs_count(lay);
    pango_font_description_free(fd);
    g_object_unref(lay);
    return (double)h / PANGO_SCALE;
}

/* The name: the largest size from 28 down to 16 points at which it fits
 * one line; else wrapped at 16 points on at most three lines. */
static double draw_name(cairo_t *cr, double y, const char *name,
                        int *unknown)
{
    double width = PAGE_W - 2 * MARGIN;
    for (double size = 28; size >= 16; size -= 2) {
        PangoLayout *lay = pango_cairo_create_layout(cr);
        PangoFontDescription *fd = pango_font_description_from_string(
            "sans-serif bold");
        pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
        pango_layout_set_font_description(lay, fd);
        pango_layout_set_text(lay, name, -1);
        int w, h;
        pango_layout_get_size(lay, &w, &h);
        pango_font_description_free(fd);
        g_object_unref(lay);
        if ((double)w / PANGO_SCALE <= width)
            return text_box(cr, MARGIN, y, width, "sans-serif", size, 1,
                            PANGO_ALIGN_CENTER, 1, NULL, name, unknown);
    }
    return text_box(cr, MARGIN, y, width, "sans-serif", 16, 1,
                    PANGO_ALIGN_CENTER, 3, NULL, name, unknown);
}

/* The QR with a 4-module quiet zone, side pixels wide, at (x, y). */
static void draw_qr(cairo_t *cr, const struct qr *q, double x, double y,
                    double side)
{
    double m = side / (q->width + 8);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < q->width; r++)
        for (int c = 0; c < q->width; c++)
            if (q->dark[r * q->width + c])
                cairo_rectangle(cr, x + (c + 4) * m, y + (r + 4) * m, m, m);
    cairo_fill(cr);
}

/* The summary's lines ("scenario  92.50%  passed (...)") as a table with
 * tab stops: the scenario, the score aligned on its decimal point, the
 * rest.  The caller frees the text. */
static char *summary_table(const char *summary)
{
    struct sb t;
    sb_init(&t);
    const char *s = summary;
    while (*s) {
        size_t k = strcspn(s, "\n");
        char *line = xasprintf("%.*s", (int)k, s);
        char id[96], score[24];
        int used = 0;
        if (sscanf(line, "%95s %23s %n", id, score, &used) >= 2 &&
            used > 0 && strchr(score, '%'))
            sb_printf(&t, "%s\t%s\t%s\n", id, score, line + used);
        else
            sb_printf(&t, "%s\n", line);
        free(line);
        s += k + (s[k] == '\n');
    }
    return t.buf ? sb_steal(&t) : xstrdup("");
}

static void draw_page(cairo_t *cr, const struct cert_page *p,
                      const struct qr *q, int *unknown)
{
    const struct cert *c = p->c;
    char buf[512], d1[12], d2[12], kid[CERT_KID_HEX];
    double cw = PAGE_W - 2 * MARGIN;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.12, 0.23, 0.42);
    cairo_set_line_width(cr, 6);
    cairo_rectangle(cr, 20, 20, PAGE_W - 40, PAGE_H - 40);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, 30, 30, PAGE_W - 60, PAGE_H - 60);
    cairo_stroke(cr);

    double y = 52;
    y += text_box(cr, MARGIN, y, cw, "sans-serif", 30, 1, PANGO_ALIGN_CENTER,
                  1, NULL, "Certificate of Completion", unknown);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    snprintf(buf, sizeof buf, "License plate reader privacy training - %s "
             "track", cert_track_name(c->track));
    y += 4 + text_box(cr, MARGIN, y + 4, cw, "sans-serif", 16, 0,
                      PANGO_ALIGN_CENTER, 1, NULL, buf, unknown);
    y += 14 + text_box(cr, MARGIN, y + 14, cw, "sans-serif", 13, 0,
                       PANGO_ALIGN_CENTER, 1, NULL, "awarded to", unknown);
    cairo_set_source_rgb(cr, 0, 0, 0);
    y += 6 + draw_name(cr, y + 6, p->name ? p->name : c->person, unknown);
    snprintf(buf, sizeof buf, "personnel id %s", c->person);
    y += 2 + text_box(cr, MARGIN, y + 2, cw, "sans-serif", 11, 0,
                      PANGO_ALIGN_CENTER, 1, NULL, buf, unknown);

    /* the left column, beside the QR code */
    y = y < 250 ? 250 : y + 12;
    lptime_format_date(c->issued_at, d1, sizeof d1);
    lptime_format_date(c->expires_at, d2, sizeof d2);
    snprintf(buf, sizeof buf, "Score: %u.%02u%% (re-scored by replay)",
             c->score_bp / 100u, c->score_bp % 100u);
    y += text_box(cr, MARGIN, y, LEFT_W, "sans-serif", 14, 1,
                  PANGO_ALIGN_LEFT, 1, NULL, buf, unknown);
    snprintf(buf, sizeof buf, "Issued %s, expires %s", d1, d2);
    y += 4 + text_box(cr, MARGIN, y + 4, LEFT_W, "sans-serif", 12, 0,
                      PANGO_ALIGN_LEFT, 1, NULL, buf, unknown);
    for (int i = 0; i < CERT_KID_BYTES; i++)
        snprintf(kid + 2 * i, 3, "%02x", c->kid[i]);
    snprintf(buf, sizeof buf, "Certificate serial %u, curriculum %s, policy "
             "profile %s, issuer key %s", (unsigned)c->serial,
             c->curriculum, c->profile, kid);
    y += 4 + text_box(cr, MARGIN, y + 4, LEFT_W, "sans-serif", 10, 0,
                      PANGO_ALIGN_LEFT, 2, NULL, buf, unknown);
    if (p->ngroups) {
        struct sb g;
        sb_init(&g);
        sb_puts(&g, "Rule groups certified: ");
        for (size_t i = 0; i < p->ngroups; i++)
            sb_printf(&g, "%s%s", i ? "; " : "", p->groups[i]);
        y += 8 + text_box(cr, MARGIN, y + 8, LEFT_W, "sans-serif", 10, 0,
                          PANGO_ALIGN_LEFT, 4, NULL, g.buf, unknown);
        sb_free(&g);
    }
    if (p->summary && *p->summary) {
        /* tab stops: the score's decimal point at 230 pt, the rest at
         * 275 pt: a column that does not wobble */
        PangoTabArray *tabs = pango_tab_array_new(2, TRUE);
        pango_tab_array_set_tab(tabs, 0, PANGO_TAB_DECIMAL, 230);
        pango_tab_array_set_tab(tabs, 1, PANGO_TAB_LEFT, 275);
        pango_tab_array_set_decimal_point(tabs, 0, '.');
        char *table = summary_table(p->summary);
        double room = PAGE_H - 92 - (y + 8);
        int lines = room > 12 ? (int)(room / 12.5) : 1;
        y += 8 + text_box(cr, MARGIN, y + 8, LEFT_W, "sans-serif", 9.5, 0,
                          PANGO_ALIGN_LEFT, lines, tabs, table, unknown);
        free(table);
        pango_tab_array_free(tabs);
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    text_box(cr, MARGIN, PAGE_H - 84, cw, "sans-serif", 8.5, 0,
             PANGO_ALIGN_LEFT, 3, NULL,
             "How to verify: scan the QR code or copy the token, then run "
             "'lprsim cert verify TOKEN --pubkey issuer.pub --revocations "
             "revocations.lrl' with the issuer's public key and its current "
             "signed revocation list; Open Badges 3.0 verifiers check the "
             "credential from 'lprsim cert export SERIAL --format jwt' with "
             "the issuer's JWK set (issuer.jwks.json).  A synthetic "
             "training record: valid only while unexpired and unrevoked.",
             unknown);
    cairo_set_source_rgb(cr, 0, 0, 0);
    if (q) {
        draw_qr(cr, q, QR_X, 250, 190);
        text_box(cr, QR_X, 446, 190, "monospace", 6.5, 0, PANGO_ALIGN_LEFT,
                 0, NULL, p->token, unknown);
    }
}

int cert_page_write(const char *path, int format, const struct cert_page *p,
                    struct lp_err *err)
{
    struct qr q = {0};
    int rc = qr_make(p->token, QR_MAX_VERSION, &q, err);
    if (rc)
        return rc;
    cairo_surface_t *surf;
    double scale = 1;
    if (format == CERT_PAGE_PDF) {
        site_user_begin();   /* cairo opens the user's file itself */
        surf = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
        site_user_end();
    } else {
        scale = 2;
        surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                          (int)(PAGE_W * scale),
                                          (int)(PAGE_H * scale));
    }
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        rc = lp_errf(err, LP_FAIL, "%s: cannot create: %s", path,
                     cairo_status_to_string(cairo_surface_status(surf)));
        goto out;
    }
    cairo_t *cr = cairo_create(surf);
    cairo_scale(cr, scale, scale);
    int unknown = 0;
    draw_page(cr, p, &q, &unknown);
    if (p->unknown_glyphs)
        *p->unknown_glyphs = unknown;
    if (format == CERT_PAGE_PDF)
        cairo_show_page(cr);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (cs != CAIRO_STATUS_SUCCESS) {
        rc = lp_errf(err, LP_FAIL, "%s: cairo: %s", path,
                     cairo_status_to_string(cs));
        goto out;
    }
    site_user_begin();
    if (format == CERT_PAGE_PNG) {
        cs = cairo_surface_write_to_png(surf, path);
    } else {
        cairo_surface_finish(surf);
        cs = cairo_surface_status(surf);
    }
    site_user_end();
    if (cs != CAIRO_STATUS_SUCCESS)
        rc = lp_errf(err, LP_FAIL, "%s: cannot write: %s", path,
                     cairo_status_to_string(cs));
out:
    cairo_surface_destroy(surf);
    qr_free(&q);
    return rc;
}
