/*
 * certfix.c - a test fixture for the end-to-end tests of verify, revoke,
 * export and gate: signs a certificate straight through the core
 * (cert_db_issue) with a chosen issue time, WITHOUT the replay that
 * "cert issue" requires.  Never installed; only tests/e2e uses it.
 *   certfix DB KEYFILE USER initial|refresher SCORE ISSUED
 *   certfix mkdb DB      (an empty database with the schema, until the
 *                         generator's "init" is in every build)
 */
#include <stdio.h>
#include <string.h>

#include "core/cert_db.h"
#include "util/lptime.h"

int main(int argc, char **argv)
{
    struct lp_err err = {0};
    struct cert_seckey k;
    struct cert c;
    char tok[CERT_TOKEN_MAX + 1];
    double score;
    memset(&c, 0, sizeof c);
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
