/*
 * cert_page.c - the printable one-page certificate (see cert_page.h):
 * cairo draws the same page on a PDF surface or an image surface saved as
 * PNG; the QR code is drawn module by module from qr.h's matrix.
 */
#include "core/cert/cert_page.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <string.h>

#include "core/cert/qr.h"
#include "core/site/site.h"
#include "util/lptime.h"

#define PAGE_W 842.0   /* A4 landscape, points */
#define PAGE_H 595.0

static void text_at(cairo_t *cr, double x, double y, double size, int bold,
                    const char *s)
{
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD
                                : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

static void text_center(cairo_t *cr, double cx, double y, double size,
                        int bold, const char *s)
{
    cairo_text_extents_t ex;
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD
                                : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents(cr, s, &ex);
    cairo_move_to(cr, cx - ex.width / 2 - ex.x_bearing, y);
    cairo_show_text(cr, s);
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

/* The token in lines of at most 44 characters under the QR. */
static void draw_token(cairo_t *cr, const char *tok, double x, double y)
{
    char line[48];
    size_t n = strlen(tok);
    cairo_select_font_face(cr, "monospace", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 6.5);
    for (size_t i = 0; i < n; i += 44, y += 8.5) {
        size_t k = n - i < 44 ? n - i : 44;
        memcpy(line, tok + i, k);
        line[k] = '\0';
        cairo_move_to(cr, x, y);
        cairo_show_text(cr, line);
    }
}

static void draw_page(cairo_t *cr, const struct cert_page *p,
                      const struct qr *q)
{
    const struct cert *c = p->c;
    char buf[256], d1[12], d2[12], kid[CERT_KID_HEX];
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.12, 0.23, 0.42);
    cairo_set_line_width(cr, 6);
    cairo_rectangle(cr, 20, 20, PAGE_W - 40, PAGE_H - 40);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, 30, 30, PAGE_W - 60, PAGE_H - 60);
    cairo_stroke(cr);

    text_center(cr, PAGE_W / 2, 90, 30, 1, "Certificate of Completion");
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    snprintf(buf, sizeof buf, "License plate reader privacy training - %s "
             "track", c->track == CERT_TRACK_REFRESHER ? "refresher"
                                                        : "initial");
    text_center(cr, PAGE_W / 2, 122, 16, 0, buf);
    text_center(cr, PAGE_W / 2, 170, 13, 0, "awarded to");
    cairo_set_source_rgb(cr, 0, 0, 0);
    text_center(cr, PAGE_W / 2, 210, 28, 1, p->name ? p->name : c->person);
    snprintf(buf, sizeof buf, "personnel id %s", c->person);
    text_center(cr, PAGE_W / 2, 232, 11, 0, buf);

    lptime_format_date(c->issued_at, d1, sizeof d1);
    lptime_format_date(c->expires_at, d2, sizeof d2);
    double y = 290;
    snprintf(buf, sizeof buf, "Score: %u.%02u%% (re-scored by replay)",
             c->score_bp / 100u, c->score_bp % 100u);
    text_at(cr, 70, y, 14, 1, buf);
    snprintf(buf, sizeof buf, "Issued: %s    Expires: %s", d1, d2);
    text_at(cr, 70, y += 24, 13, 0, buf);
    snprintf(buf, sizeof buf, "Certificate serial %u  -  curriculum %s  -  "
             "policy profile %s", (unsigned)c->serial, c->curriculum,
             c->profile);
    text_at(cr, 70, y += 20, 11, 0, buf);
    for (int i = 0; i < CERT_KID_BYTES; i++)
        snprintf(kid + 2 * i, 3, "%02x", c->kid[i]);
    snprintf(buf, sizeof buf, "Issuer key id %s", kid);
    text_at(cr, 70, y += 18, 11, 0, buf);
    y += 10;
    if (p->summary) {
        const char *s = p->summary;
        int lines = 0;
        while (*s && lines < 10) {
            size_t k = strcspn(s, "\n");
            if (k > sizeof buf - 1)
                k = sizeof buf - 1;
            memcpy(buf, s, k);
            buf[k] = '\0';
            text_at(cr, 80, y += 17, 11, 0, buf);
            s += k + (s[k] == '\n');
            lines++;
        }
    }
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    text_at(cr, 70, PAGE_H - 60, 9, 0,
            "Verify offline: lprsim cert verify TOKEN --pubkey issuer.pub "
            "--revocations FILE");
    text_at(cr, 70, PAGE_H - 47, 9, 0,
            "Synthetic training record: valid only while unexpired and "
            "unrevoked.");
    cairo_set_source_rgb(cr, 0, 0, 0);
    if (q) {
        draw_qr(cr, q, PAGE_W - 250, 262, 190);
        draw_token(cr, p->token, PAGE_W - 250, 466);
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
    draw_page(cr, p, &q);
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
