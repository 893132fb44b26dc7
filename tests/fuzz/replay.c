/*
 * replay.c - runs a libFuzzer target (linked in: fuzz_csv.c or
 * fuzz_token.c) without libFuzzer, with the normal compiler: every file of
 * the seed folders, then ROUNDS deterministic mutations of each (byte
 * flips, inserted separators, quotes, NUL and newline bytes, cuts,
 * repeats) from a fixed xorshift seed, so the same inputs run every time.
 * A target that finds a broken promise traps (the test fails).
 * Usage: replay ROUNDS DIR...   Prints "replay: N inputs".
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXIN 65536

static uint64_t rs = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
    rs ^= rs << 13;
    rs ^= rs >> 7;
    rs ^= rs << 17;
    return rs;
}

/* One mutation of in (n bytes) into out; returns the new length. */
static size_t mutate(const uint8_t *in, size_t n, uint8_t *out)
{
    static const char tokens[] = ",\"\n\r\0'=-.:0x9eZ\xff\xc3";
    size_t m = n;
    memcpy(out, in, n);
    int steps = 1 + (int)(next() % 4);
    for (int s = 0; s < steps; s++) {
        size_t at = m ? (size_t)(next() % m) : 0;
        switch (next() % 6) {
        case 0:     /* flip a bit */
            if (m)
                out[at] ^= (uint8_t)(1u << (next() % 8));
            break;
        case 1:     /* insert a token byte */
            if (m + 1 < MAXIN) {
                memmove(out + at + 1, out + at, m - at);
                out[at] = (uint8_t)tokens[next() % (sizeof tokens - 1)];
                m++;
            }
            break;
        case 2:     /* delete a byte */
            if (m) {
                memmove(out + at, out + at + 1, m - at - 1);
                m--;
            }
            break;
        case 3:     /* cut the tail */
            m = at;
            break;
        case 4: {   /* repeat a slice */
            size_t len = m - at < 64 ? m - at : 64;
            if (m + len < MAXIN) {
                memmove(out + at + len, out + at, m - at);
                m += len;
            }
            break;
        }
        default:    /* a random byte */
            if (m)
                out[at] = (uint8_t)next();
            break;
        }
    }
    return m;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: replay ROUNDS DIR...\n");
        return 2;
    }
    long rounds = strtol(argv[1], NULL, 10);
    static uint8_t in[MAXIN], out[MAXIN];
    long inputs = 0;
    for (int d = 2; d < argc; d++) {
        DIR *dir = opendir(argv[d]);
        if (!dir) {
            perror(argv[d]);
            return 1;
        }
        /* sorted names: the same order every run */
        char **names = NULL;
        size_t nn = 0;
        struct dirent *e;
        while ((e = readdir(dir))) {
            if (e->d_name[0] == '.')
                continue;
            names = realloc(names, (nn + 1) * sizeof *names);
            names[nn++] = strdup(e->d_name);
        }
        closedir(dir);
        for (size_t i = 0; i + 1 < nn; i++)
            for (size_t j = i + 1; j < nn; j++)
                if (strcmp(names[i], names[j]) > 0) {
                    char *t = names[i];
                    names[i] = names[j];
                    names[j] = t;
                }
        for (size_t i = 0; i < nn; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[d], names[i]);
            FILE *f = fopen(path, "rb");
            if (!f) {
                perror(path);
                return 1;
            }
            size_t n = fread(in, 1, MAXIN / 2, f);
            fclose(f);
            LLVMFuzzerTestOneInput(in, n);
            inputs++;
            for (long r = 0; r < rounds; r++) {
                size_t m = mutate(in, n, out);
                LLVMFuzzerTestOneInput(out, m);
                inputs++;
            }
            free(names[i]);
        }
        free(names);
    }
    printf("replay: %ld inputs, no broken promise\n", inputs);
    return 0;
}
