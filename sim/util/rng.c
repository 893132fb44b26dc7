/*
 * rng.c - splitmix64 and xoshiro256** (Blackman and Vigna, public domain
 * reference algorithms), sub-streams and weighted picks (see rng.h).
 */
#include "util/rng.h"

#include <stdlib.h>

#include "util/util.h"

uint64_t rng_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
    uint64_t st = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = rng_splitmix64(&st);
    /* splitmix64 never gives four zeros in a row, but be safe. */
    if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
        r->s[0] = 1;
}

uint64_t rng_mix(uint64_t a, uint64_t b)
{
    uint64_t st = a ^ 0x6a09e667f3bcc909ULL;
    uint64_t h = rng_splitmix64(&st);
    st = h ^ b;
    return rng_splitmix64(&st);
}

void rng_stream(struct rng *r, uint64_t seed, uint64_t stream)
{
    rng_seed(r, rng_mix(seed, stream));
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t rng_u64(struct rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t rng_below(struct rng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    unsigned __int128 m = (unsigned __int128)rng_u64(r) * n;
    uint64_t lo = (uint64_t)m;
    if (lo < n) {
        uint64_t thresh = -n % n;
        while (lo < thresh) {
            m = (unsigned __int128)rng_u64(r) * n;
            lo = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

double rng_double(struct rng *r)
{
    return (double)(rng_u64(r) >> 11) * 0x1.0p-53;
}

int rng_chance(struct rng *r, double p)
{
    return rng_double(r) < p;
}

int rng_table_init(struct rng_table *t, const double *w, size_t n)
{
    t->cum = NULL;
    t->n = 0;
    t->total = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (w[i] > 0)
            sum += w[i];
    if (!(sum > 0))
        return -1;
    t->cum = xmalloc(n * sizeof *t->cum);
    sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i] > 0)
            sum += w[i];
        t->cum[i] = sum;
    }
    t->n = n;
    t->total = sum;
    return 0;
}

void rng_table_free(struct rng_table *t)
{
    if (!t)
        return;
    free(t->cum);
    t->cum = NULL;
    t->n = 0;
}

size_t rng_pick(struct rng *r, const struct rng_table *t)
{
    double x = rng_double(r) * t->total;
    size_t lo = 0, hi = t->n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    /* lo is the first index with cum > x: never a zero-weight entry. */
    return lo;
}
