/*
 * b45.h - base-45 (RFC 9285): bytes as text in the 45-character QR
 * alphanumeric alphabet, so a certificate token fits a small QR code.
 * Debian ships no base-45 library; this is a strict, canonical codec.
 */
#ifndef LPRSIM_B45_H
#define LPRSIM_B45_H

#include <stddef.h>
#include <stdint.h>

/* Characters needed to encode n bytes (without the NUL). */
size_t b45_encoded_len(size_t n);

/* Encodes n bytes of in into out (room for b45_encoded_len(n) + 1 bytes,
 * NUL-terminated).  Returns the length written, or 0 when out is too
 * small (out is then an empty string when cap > 0). */
size_t b45_encode(const uint8_t *in, size_t n, char *out, size_t cap);

/* Decodes the n characters at in into out (cap bytes).  Strict: only the
 * RFC 9285 alphabet, no whitespace, length mod 3 != 1, and canonical
 * values (a triplet above 65535 or a final pair above 255 is refused).
 * Returns the number of bytes, or -1 on any error. */
long b45_decode(const char *in, size_t n, uint8_t *out, size_t cap);

#endif
