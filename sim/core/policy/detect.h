/*
 * detect.h - the one reason detector of the policy engine: free text
 * (a query's reason, a corroboration, a hotlist note) normalised into
 * word stems (case, punctuation, inflections: march / marched / marching)
 * and matched against the word lists of the policy profile.  The engine
 * at action time and the quarterly audit review both call it, so a reason
 * is judged the same way twice.  Internal to core/policy and its callers
 * through policy.h.
 */
#ifndef LPRSIM_DETECT_H
#define LPRSIM_DETECT_H

#include <stddef.h>

struct sb_stemmer;   /* libstemmer (Snowball) */

#define DET_TOK_MAX 512     /* words looked at; texts are capped below this */
#define DET_WORD_MAX 32     /* bytes of one word kept (longer: cut) */
#define DET_PHRASE_MAX 6    /* words in one list entry */

/* How a list entry's word matches a word of the text. */
enum det_mode {
    DET_STEM = 0,    /* same Snowball stem: "march" ~ "marched" */
    DET_PREFIX = 1,  /* "protest*": the written word starts with it */
    DET_EXACT = 2,   /* "=race": exactly this written word */
};

/* One entry of a word list: a word or a phrase of up to 6 words. */
struct det_entry {
    char *text;                              /* as written in the profile */
    unsigned char n;
    unsigned char mode[DET_PHRASE_MAX];
    char word[DET_PHRASE_MAX][DET_WORD_MAX]; /* stem, prefix or word */
};

/* A compiled word list, its entries bucketed by the first byte of their
 * first word (idx[start[c] .. start[c+1]-1] index e) so that a text is
 * matched in time proportional to its words, not to the list. */
struct det_list {
    size_t n;
    struct det_entry *e;
    size_t *idx;
    size_t start[257];
};

/* Word flags set while a text is classified. */
enum {
    DET_PAD = 1,       /* a padding word: "the", "please", "just" */
    DET_VAGUE = 2,     /* says nothing: "check", "investigation" */
    DET_HIT = 4,       /* part of a protected, personal ... match */
    DET_CLEAR = 8,     /* part of an exception: "in march" */
    DET_NUM = 16,      /* all digits */
    DET_PURPOSE = 32,  /* a lawful purpose of the profile: "removal" */
};

/* A text cut into words. */
struct det_text {
    size_t n;
    struct {
        char raw[DET_WORD_MAX];    /* lower case as written */
        char stem[DET_WORD_MAX];
        unsigned flags;
    } w[DET_TOK_MAX];
};

/* Cuts text into words: runs of letters, digits and non-ASCII bytes,
 * lower-cased, each with its stem ("#" for a number).  Words past
 * DET_TOK_MAX are dropped (callers cap text length first). */
void det_split(struct sb_stemmer *stem, const char *text, struct det_text *t);

/* Compiles entry s ("national origin*", "=race", "speak spanish",
 * "march #" where # stands for any number) into e.  Returns 0, or -1 when it holds no word or more than 6. */
int det_entry_compile(struct sb_stemmer *stem, const char *s,
                      struct det_entry *e);
void det_list_free(struct det_list *l);
/* Builds the buckets of l once its entries are compiled. */
void det_list_index(struct det_list *l);

/* Marks with flag every word of t inside a match of list l (words already
 * flagged skip are not matched).  Returns the first entry matched, or
 * NULL; hit (may be NULL, size n) gets the words of the text it matched,
 * as written in lower case. */
const struct det_entry *det_mark(const struct det_list *l, struct det_text *t,
                                 unsigned flag, unsigned skip, char *hit,
                                 size_t n);

#endif
