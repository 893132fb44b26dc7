/*
 * bench_cert.c - certificate speed: verify throughput of whole tokens
 * (base-45 decode, record parse, key id, Ed25519) beside the bare libsodium
 * crypto_sign_verify_detached of the same messages in the same run (goal:
 * at least 0.8 of it), the gate's token check with a 1,000-serial
 * revocation list, and the median time to sign and store one certificate.
 * Usage: bench_cert [N].  Measures; never fails on time.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/cert/b45.h"
#include "core/cert/cert.h"
#include "core/cert/cert_db.h"
#include "core/cert/gate.h"
#include "core/cert/revlist.h"
#include "core/world/roster.h"
#include "util/lptime.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int64_t n = 20000;
    struct lp_err err = {0};
    if (argc > 1 && lp_parse_i64(argv[1], 10, 10000000, &n)) {
        fprintf(stderr, "usage: bench_cert [N]\n");
        return 2;
    }
    char dir[] = "/tmp/lprsim-bench-XXXXXX";
    if (!mkdtemp(dir) || cert_crypto_init(&err)) {
        perror("mkdtemp");
        return 1;
    }
    struct cert_pubkey pub;
    struct cert_seckey k;
    char *kp = xasprintf("%s/issuer.key", dir);
    if (cert_keygen(dir, &pub, &err) || cert_seckey_load(kp, &k, &err)) {
        fprintf(stderr, "bench_cert: %s\n", err.msg);
        return 1;
    }
    char (*tok)[CERT_TOKEN_MAX + 1] = xcalloc((size_t)n, sizeof *tok);
    size_t *len = xcalloc((size_t)n, sizeof *len);
    uint8_t (*msg)[80] = xcalloc((size_t)n, sizeof *msg);
    size_t *mlen = xcalloc((size_t)n, sizeof *mlen);
    uint8_t (*sig)[64] = xcalloc((size_t)n, sizeof *sig);
    for (int64_t i = 0; i < n; i++) {
        struct cert c = {.serial = (uint32_t)(i + 1), .track = 1,
                         .score_bp = (uint16_t)(8000 + i % 2000),
                         .issued_at = 1772409600 + i,
                         .expires_at = 1772409600 + i + 365 * 86400};
        snprintf(c.person, sizeof c.person, "trainee%05lld",
                 (long long)(i % 100000));
        memcpy(c.curriculum, "1", 2);
        memcpy(c.profile, "2017", 5);
        if (cert_sign_token(&c, &k, tok[i], sizeof tok[i], &err)) {
            fprintf(stderr, "bench_cert: %s\n", err.msg);
            return 1;
        }
        len[i] = strlen(tok[i]);
        /* the same signed message, taken apart for the bare check */
        uint8_t bin[CERT_RECORD_MAX + 64];
        long bn = b45_decode(tok[i] + 5, len[i] - 5, bin, sizeof bin);
        size_t rl = (size_t)bn - 64;
        memcpy(msg[i], "lprsim-cert-v1", 14);
        memcpy(msg[i] + 14, bin, rl);
        mlen[i] = 14 + rl;
        memcpy(sig[i], bin + rl, 64);
    }
    int rounds = 5;
    double best_tok = 1e9, best_bare = 1e9, best_gate = 1e9;
    static struct revlist rl;
    rl.number = 1;
    rl.issued_at = 1772409600;
    rl.valid_until = rl.issued_at + 30 * 86400;
    for (uint32_t s = 0; s < 1000; s++)
        rl.serials[rl.n++] = (uint32_t)n + 10 + s * 3;
    for (int r = 0; r < rounds; r++) {
        int bad = 0;
        double t0 = now_s();
        for (int64_t i = 0; i < n; i++) {
            struct cert c;
            bad += cert_verify_token(tok[i], len[i], &pub, &c, NULL) != 0;
        }
        double t1 = now_s();
        for (int64_t i = 0; i < n; i++)
            bad += crypto_sign_verify_detached(sig[i], msg[i], mlen[i],
                                               pub.pk) != 0;
        double t2 = now_s();
        for (int64_t i = 0; i < n; i++) {
            struct cert c;
            char who[24];
            snprintf(who, sizeof who, "trainee%05lld",
                     (long long)(i % 100000));
            bad += gate_check_token(tok[i], len[i], &pub, &rl, who, 0,
                                    1772409600 + n + 10, &c, NULL) != 0;
        }
        double t3 = now_s();
        if (bad) {
            fprintf(stderr, "bench_cert: %d checks failed\n", bad);
            return 1;
        }
        if (t1 - t0 < best_tok)
            best_tok = t1 - t0;
        if (t2 - t1 < best_bare)
            best_bare = t2 - t1;
        if (t3 - t2 < best_gate)
            best_gate = t3 - t2;
    }
    double tok_rate = (double)n / best_tok, bare_rate = (double)n / best_bare;
    printf("cert verify: %.0f certificates/s (token: base-45 + record + "
           "Ed25519), bare crypto_sign_verify_detached %.0f/s: ratio %.2f "
           "(goal >= 0.80), %lld tokens, best of %d\n", tok_rate, bare_rate,
           tok_rate / bare_rate, (long long)n, rounds);
    printf("gate token check: %.0f certificates/s (signature, person, time, "
           "1000-serial revocation list)\n", (double)n / best_gate);

    /* issuing: sign + VC-JWT + one transaction (the replay not included) */
    char *dbp = xasprintf("%s/cert.db", dir);
    struct store *st = store_open(dbp, STORE_CREATE, &err);
    if (!st || roster_add(st, "trainee1", "Bench Trainee", "trainee",
                          1772409600, &err)) {
        fprintf(stderr, "bench_cert: %s\n", err.msg);
        return 1;
    }
    enum { ISSUES = 200 };
    double t[ISSUES];
    for (int i = 0; i < ISSUES; i++) {
        struct cert c = {.track = 1, .score_bp = 9000,
                         .issued_at = 1772409600 + i,
                         .expires_at = 1772409600 + i + 365 * 86400};
        char tk[CERT_TOKEN_MAX + 1];
        memcpy(c.person, "trainee1", 9);
        memcpy(c.curriculum, "1", 2);
        memcpy(c.profile, "2017", 5);
        double a = now_s();
        if (cert_db_issue(st, &c, &k, NULL, tk, sizeof tk, &err)) {
            fprintf(stderr, "bench_cert: %s\n", err.msg);
            return 1;
        }
        t[i] = now_s() - a;
    }
    qsort(t, ISSUES, sizeof t[0], cmp_d);
    printf("cert issue (sign + JWT + store, without replay): median %.2f ms, "
           "p99 %.2f ms over %d\n", t[ISSUES / 2] * 1e3,
           t[ISSUES * 99 / 100] * 1e3, ISSUES);
    store_close(st);
    cert_seckey_wipe(&k);
    char *rm = xasprintf("rm -rf '%s'", dir);
    if (system(rm) != 0)
        fprintf(stderr, "bench_cert: could not remove %s\n", dir);
    free(rm);
    free(dbp);
    free(kp);
    free(tok);
    free(len);
    free(msg);
    free(mlen);
    free(sig);
    return 0;
}
