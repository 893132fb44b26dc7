/*
 * certfix.c - a test fixture for the end-to-end tests of verify, revoke,
 * export and gate: signs a certificate straight through the core
 * (cert_db_issue) with a chosen issue time, WITHOUT the replay that
 * "cert issue" requires.  Never installed; only tests/e2e uses it.
 *   certfix DB KEYFILE USER initial|refresher SCORE ISSUED
 *   certfix mkdb DB      (an empty database with the schema, until the
 *                         generator's "init" is in every build)
 *   certfix term2pgm dark|light < drawing > image.pgm
 *                        (paints the half-block lines of a terminal as
 *                         pixels, on a dark or light background, so that
 *                         zbarimg can read what a phone would see)
 */
#include <stdio.h>
#include <string.h>

#include "core/cert/cert_db.h"
#include "util/lptime.h"

/* Reads the half-block lines (other lines are skipped) from stdin and
 * writes a PGM: ink is light on a dark terminal, dark on a light one. */
static int term2pgm(int light_bg)
{
    enum { MAXW = 200, MAXH = 120, S = 6, PAD = 6 };
    static unsigned char ink[MAXH][MAXW];
    char line[4096];
    int w = 0, h = 0;
    while (fgets(line, sizeof line, stdin) && h + 2 <= MAXH) {
        if (!strstr(line, "\xe2\x96\x88") && !strstr(line, "\xe2\x96\x80") &&
            !strstr(line, "\xe2\x96\x84"))
            continue;
        int x = 0;
        for (const char *p = line; *p && *p != '\n' && x < MAXW; x++) {
            if (*p == ' ') {
                p++;
                continue;
            }
            if (strncmp(p, "\xe2\x96", 2) != 0)
                return 1;
            ink[h][x] = p[2] == '\x88' || p[2] == '\x80';
            ink[h + 1][x] = p[2] == '\x88' || p[2] == '\x84';
            p += 3;
        }
        if (x > w)
            w = x;
        h += 2;
    }
    int W = (w + 2 * PAD) * S, H = (h + 2 * PAD) * S;
    printf("P5 %d %d 255\n", W, H);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int mx = x / S - PAD, my = y / S - PAD;
            int on = mx >= 0 && my >= 0 && mx < w && my < h && ink[my][mx];
            putchar(on != light_bg ? 255 : 0);
        }
    return 0;
}

int main(int argc, char **argv)
{
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert c;
    char tok[CERT_TOKEN_MAX + 1];
    double score;
    memset(&c, 0, sizeof c);
    if (argc == 3 && strcmp(argv[1], "term2pgm") == 0)
        return term2pgm(strcmp(argv[2], "light") == 0);
    if (argc == 3 && strcmp(argv[1], "mkdb") == 0) {
        struct store *st = store_open(argv[2], STORE_CREATE, &err);
        if (!st) {
            fprintf(stderr, "certfix: %s\n", err.msg);
            return 1;
        }
        store_close(st);
        return 0;
    }
    if (argc != 7 || cert_track_parse(argv[4], &c.track) ||
        lp_parse_double(argv[5], 0, 100, &score) ||
        lptime_parse(argv[6], &c.issued_at) ||
        strlen(argv[3]) > CERT_PERSON_MAX) {
        fprintf(stderr, "usage: certfix DB KEYFILE USER TRACK SCORE ISSUED\n");
        return 2;
    }
    memcpy(c.person, argv[3], strlen(argv[3]) + 1);
    memcpy(c.curriculum, "1", 2);
    memcpy(c.profile, "2017", 5);
    c.score_bp = (uint16_t)(score * 100 + 0.5);
    c.expires_at = lptime_add_years(c.issued_at, 1);
    struct store *st = store_open(argv[1], 0, &err);
    if (!st || cert_crypto_init(&err) || cert_seckey_load(argv[2], &k, &err) ||
        cert_db_issue(st, &c, &k, "fixture: no replay", tok, sizeof tok,
                      &err)) {
        fprintf(stderr, "certfix: %s\n", err.msg);
        store_close(st);
        return 1;
    }
    printf("%u %s\n", (unsigned)c.serial, tok);
    store_close(st);
    return 0;
}
