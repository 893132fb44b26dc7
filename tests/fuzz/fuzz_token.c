/*
 * fuzz_token.c - libFuzzer target for the parsers the gate runs as root:
 * the certificate token (base-45, record, signature check), the token
 * file reader's grammar and the signed revocation list.
 *   make fuzz   (clang -fsanitize=fuzzer,address,undefined)
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/cert/b45.h"
#include "core/cert/cert.h"
#include "core/cert/revlist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct cert_pubkey pub;
    static struct revlist rl;
    static int ready;
    struct lp_err err;
    struct cert c;
    uint8_t bin[256];
    if (!ready) {
        uint8_t pk[32];
        memset(pk, 0x5a, sizeof pk);
        cert_crypto_init(&err);
        cert_pubkey_from_pk(pk, &pub);
        ready = 1;
    }
    char text[512];
    size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
    memcpy(text, data, n);
    text[n] = '\0';
    cert_parse_token(text, n, &c, &err);
    cert_verify_token(text, n, &pub, &c, &err);
    b45_decode(text, n, bin, sizeof bin);
    if (cert_decode(data, size, &c, &err) == 0) {
        /* a record that decodes encodes back to the same bytes */
        uint8_t again[CERT_RECORD_MAX];
        int m = cert_encode(&c, again, sizeof again);
        if (m != (int)size || memcmp(again, data, size) != 0)
            __builtin_trap();
    }
    revlist_parse("fuzz", (const char *)data, size, &pub, &rl, &err);
    return 0;
}
