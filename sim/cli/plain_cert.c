/*
 * plain_cert.c - the trainee's certificate screen in the plain line mode:
 * the status of each track's certificate (none, requirements left and
 * which, ready to request, requested, issued, expiring in N days, expired,
 * revoked), "request my certificate", and once issued the QR code alone
 * (sized for an 80x24 terminal) and the token under it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/plain.h"
#include "core/cert/qr.h"
#include "core/store/store_cert.h"

/* The QR code of a certificate alone, then its token. */
static void show_qr(struct plain *p, int64_t serial)
{
    struct store_cert row;
    struct lp_err err = {0};
    int rc = store_cert_get(p->app.st, serial, &row);
    if (rc != 1) {
        printf("Certificate %lld cannot be read.\n", (long long)serial);
        return;
    }
    size_t n = 0;
    char **lines = qr_token_lines(row.token, 0, &n, &err);
    if (lines) {
        for (size_t i = 0; i < n; i++)
            printf("%s\n", lines[i]);
        qr_lines_free(lines);
    } else {
        printf("Problem: %s\n", err.msg);
    }
    printf("token (for screen readers and copying):\n%s\n", row.token);
    store_cert_clear(&row);
}

void plain_cert(struct plain *p, size_t ti)
{
    char buf[64];
    struct lp_err err = {0};
    for (;;) {
        struct app_cert_status st;
        if (app_refresh(&p->app, &err) ||
            app_cert_status(&p->app, ti, &st, &err)) {
            printf("Problem: %s\n", err.msg);
            return;
        }
        const struct app_track *tr = &p->app.tracks[ti];
        printf("\nYour certificate, track %s: %s", tr->id,
               app_cert_state_name(st.state));
        if (st.state == CERT_EXPIRING)
            printf(" in %d day%s", st.days_left, st.days_left == 1 ? "" : "s");
        if (st.serial)
            printf(" (certificate %lld)", (long long)st.serial);
        printf(".\n");
        if (st.left) {
            printf("Requirements left:\n");
            plain_print_wrapped(st.left, "  - ");
        }
        int can_request = !st.left && (st.state == CERT_READY ||
                                       st.state == CERT_EXPIRED ||
                                       st.state == CERT_REVOKED);
        int has_qr = st.state == CERT_ISSUED || st.state == CERT_EXPIRING;
        free(st.left);
        if (can_request)
            printf("  r) request my certificate\n");
        if (has_qr)
            printf("  s) show the QR code and the token\n");
        printf("  b) back to the dashboard\n");
        if (plain_ask(p, "Choice", buf, sizeof buf) || strcmp(buf, "b") == 0
            || strcmp(buf, "q") == 0)
            return;
        if (can_request && strcmp(buf, "r") == 0) {
            if (app_cert_request(&p->app, ti, &err))
                printf("Problem: %s\n", err.msg);
            else
                printf("Requested. Your instructor sees it in the queue "
                       "(lprsim cert requests).\n");
        } else if (has_qr && strcmp(buf, "s") == 0) {
            show_qr(p, st.serial);
        } else {
            printf("Please type one of the letters shown.\n");
        }
    }
}
