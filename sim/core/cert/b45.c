/*
 * b45.c - base-45 codec of RFC 9285 (see b45.h).  Every two bytes become
 * three characters, a final byte two; decoding refuses anything that a
 * canonical encoder would not have written.
 */
#include "core/cert/b45.h"

static const char b45_alpha[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

size_t b45_encoded_len(size_t n)
{
    return n / 2 * 3 + (n % 2) * 2;
}

size_t b45_encode(const uint8_t *in, size_t n, char *out, size_t cap)
{
    size_t need = b45_encoded_len(n), o = 0;
    if (cap == 0)
        return 0;
    if (need + 1 > cap) {
        out[0] = '\0';
        return 0;
    }
    for (size_t i = 0; i + 1 < n; i += 2) {
        unsigned v = (unsigned)in[i] * 256u + in[i + 1];
        out[o++] = b45_alpha[v % 45];
        out[o++] = b45_alpha[v / 45 % 45];
        out[o++] = b45_alpha[v / 2025];
    }
    if (n % 2) {
        unsigned v = in[n - 1];
        out[o++] = b45_alpha[v % 45];
        out[o++] = b45_alpha[v / 45];
    }
    out[o] = '\0';
    return o;
}

/* The value of one base-45 character, or -1. */
static int b45_val(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    switch (c) {
    case ' ': return 36;
    case '$': return 37;
    case '%': return 38;
    case '*': return 39;
    case '+': return 40;
    case '-': return 41;
    case '.': return 42;
    case '/': return 43;
    case ':': return 44;
    default: return -1;
    }
}

long b45_decode(const char *in, size_t n, uint8_t *out, size_t cap)
{
    size_t o = 0;
    if (n % 3 == 1)
        return -1;
    for (size_t i = 0; i < n; i += 3) {
        int c = b45_val(in[i]), d = b45_val(in[i + 1]);
        if (c < 0 || d < 0)
            return -1;
        if (i + 2 < n) {
            int e = b45_val(in[i + 2]);
            if (e < 0)
                return -1;
            unsigned long v = (unsigned long)c + (unsigned long)d * 45 +
                              (unsigned long)e * 2025;
            if (v > 65535 || o + 2 > cap)
                return -1;
            out[o++] = (uint8_t)(v >> 8);
            out[o++] = (uint8_t)(v & 0xff);
        } else {
            unsigned v = (unsigned)c + (unsigned)d * 45;
            if (v > 255 || o + 1 > cap)
                return -1;
            out[o++] = (uint8_t)v;
        }
    }
    return (long)o;
}
