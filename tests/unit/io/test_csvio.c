/*
 * test_csvio.c - strict CSV reading (unterminated quote, column counts,
 * invalid UTF-8, NUL bytes, a 10 MB field, header mismatch, CRLF, quoted
 * commas and newlines) and guarded writing (formula injection, quoting,
 * round trip), plus the reads CSV import that builds on it: all or
 * nothing, file:line:col.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/io/csvio.h"
#include "core/store/store_reads.h"
#include "core/store/store_world.h"
#include "core/world/readcsv.h"

/* Collects rows as "a|b|c" lines with their line numbers. */
struct rows {
    struct sb text;
    size_t nrows;
    size_t want_cols;   /* 0: any */
};

static int on_row(void *arg, const struct csvio_row *row, struct lp_err *err)
{
    struct rows *r = arg;
    if (r->want_cols && row->n != r->want_cols)
        return csvio_errf(err, row, row->n + 1, "row has %zu columns, "
                          "expected %zu", row->n, r->want_cols);
    sb_printf(&r->text, "%zu:", row->line);
    for (size_t i = 0; i < row->n; i++)
        sb_printf(&r->text, "%s%s", i ? "|" : "", row->f[i]);
    sb_putc(&r->text, '\n');
    r->nrows++;
    return 0;
}

static char *tmpdir;

static int setup(void **state)
{
    (void)state;
    tmpdir = harness_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    harness_rmdir(tmpdir);
    free(tmpdir);
    return 0;
}

/* Writes n bytes to a file in the temporary folder; returns its path. */
static char *file_with(const char *name, const char *data, size_t n)
{
    char *path = xasprintf("%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return path;
}

/* Reads path and returns rc; err and rows filled. */
static int read_it(const char *path, struct rows *r, struct lp_err *err)
{
    sb_init(&r->text);
    sb_puts(&r->text, "");
    r->nrows = 0;
    return csvio_read_file(path, on_row, r, err);
}

/* Asserts that the error message is "path:LINE:COL: ..." holding text. */
static void assert_err_at(const struct lp_err *err, const char *path,
                          const char *where, const char *text)
{
    char *want = xasprintf("%s:%s: ", path, where);
    if (strncmp(err->msg, want, strlen(want)) != 0 ||
        !strstr(err->msg, text))
        fail_msg("got '%s', want '%s...%s'", err->msg, want, text);
    free(want);
}

static void test_good_crlf_quotes(void **state)
{
    (void)state;
    const char data[] = "a,b,c\r\n1,\"x, y\",\"two\nlines\"\r\n"
                        "\"q\"\"uote\",,end\r\n";
    char *p = file_with("good.csv", data, sizeof data - 1);
    struct rows r = {0};
    struct lp_err err = {0};
    assert_ok(read_it(p, &r, &err), &err);
    assert_int_equal(r.nrows, 3);
    /* CRLF gone, commas and newlines kept inside quotes, line numbers of
     * the row's last physical line. */
    assert_string_equal(r.text.buf, "1:a|b|c\n3:1|x, y|two\nlines\n"
                                    "4:q\"uote||end\n");
    sb_free(&r.text);
    free(p);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    const char data[] = "a,b\n1,\"open\n2,3\n";
    char *p = file_with("unterminated.csv", data, sizeof data - 1);
    struct rows r = {0};
    struct lp_err err = {0};
    assert_int_equal(read_it(p, &r, &err), -LP_FAIL);
    /* The row and field where the quote opens. */
    assert_err_at(&err, p, "2:2", "unterminated quoted field");
    /* No row after the header was delivered. */
    assert_int_equal(r.nrows, 1);
    sb_free(&r.text);
    free(p);
    /* A stray quote in an unquoted field is malformed in strict mode. */
    const char stray[] = "a,b\n1,x\"y\n";
    p = file_with("stray.csv", stray, sizeof stray - 1);
    assert_int_equal(read_it(p, &r, &err), -LP_FAIL);
    assert_err_at(&err, p, "2:2", "malformed");
    sb_free(&r.text);
    free(p);
}

static void test_wrong_column_count(void **state)
{
    (void)state;
    const char data[] = "a,b,c\n1,2,3\n4,5\n";
    char *p = file_with("cols.csv", data, sizeof data - 1);
    struct rows r = {.want_cols = 3};
    struct lp_err err = {0};
    assert_int_equal(read_it(p, &r, &err), -LP_FAIL);
    assert_err_at(&err, p, "3:3", "row has 2 columns, expected 3");
    sb_free(&r.text);
    free(p);
}

static void test_invalid_utf8_and_nul(void **state)
{
    (void)state;
    const char bad[] = "a,b\nok,caf\xc3\n";
    char *p = file_with("utf8.csv", bad, sizeof bad - 1);
    struct rows r = {0};
    struct lp_err err = {0};
    assert_int_equal(read_it(p, &r, &err), -LP_FAIL);
    assert_err_at(&err, p, "2:2", "invalid UTF-8");
    sb_free(&r.text);
    free(p);
    const char nul[] = "a,b\nx\0y,z\n";
    p = file_with("nul.csv", nul, sizeof nul - 1);
    assert_int_equal(read_it(p, &r, &err), -LP_FAIL);
    assert_err_at(&err, p, "2:1", "NUL");
    sb_free(&r.text);
    free(p);
}

static void test_huge_field(void **state)
{
    (void)state;
    size_t n = 10 * 1024 * 1024;
    char *data = xmalloc(n + 16);
    memcpy(data, "a,b\n1,", 6);
    memset(data + 6, 'x', n);
    memcpy(data + 6 + n, "\n", 1);
    char *p = file_with("huge.csv", data, n + 7);
    free(data);
    struct rows r = {0};
    struct lp_err err = {0};
    assert_int_equal(read_it(p, &r, &err), -LP_FAIL);
    assert_err_at(&err, p, "2:2", "too large");
    sb_free(&r.text);
    free(p);
}

static void test_header_mismatch(void **state)
{
    (void)state;
    static const char *const names[] = {"plate", "state", "observed_at"};
    const char *const f1[] = {"plate", "State", "observed_at"};
    struct csvio_row row = {.path = "x.csv", .line = 1, .n = 3, .f = f1};
    struct lp_err err = {0};
    assert_int_equal(csvio_expect_header(&row, names, 3, &err), -LP_FAIL);
    assert_string_equal(err.msg, "x.csv:1:2: header has 'State' where "
                                 "'state' belongs");
    row.n = 2;
    const char *const f2[] = {"plate", "state"};
    row.f = f2;
    assert_int_equal(csvio_expect_header(&row, names, 3, &err), -LP_FAIL);
    assert_non_null(strstr(err.msg, "x.csv:1:3: header lacks column "
                                    "'observed_at'"));
    row.f = names;
    row.n = 3;
    assert_int_equal(csvio_expect_header(&row, names, 3, &err), 0);
}

static void test_formula_guard_and_round_trip(void **state)
{
    (void)state;
    const char *cells[] = {"=1+2", "+SUM(A1)", "-3", "@cmd", "\tx",
                           "plain", "a,b", "say \"hi\"", "=x,\"y\"\nz", ""};
    size_t n = sizeof cells / sizeof cells[0];
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    for (size_t i = 0; i < n; i++) {
        if (i)
            assert_int_equal(csvio_put_sep(m), 0);
        assert_int_equal(csvio_put_text(m, cells[i]), 0);
    }
    assert_int_equal(csvio_put_sep(m), 0);
    assert_int_equal(csvio_put_raw(m, "-97.4"), 0);
    assert_int_equal(csvio_put_eol(m), 0);
    fclose(m);
    /* Text cells are guarded, numbers raw. */
    assert_non_null(strstr(buf, "'=1+2,'+SUM(A1),'-3,'@cmd,'\tx,plain,"
                                "\"a,b\",\"say \"\"hi\"\"\","
                                "\"'=x,\"\"y\"\"\nz\",,-97.4\r\n"));
    char *p = file_with("round.csv", buf, len);
    free(buf);
    struct rows r = {0};
    struct lp_err err = {0};
    assert_ok(read_it(p, &r, &err), &err);
    assert_int_equal(r.nrows, 1);
    /* Unguarding gives back every original cell. */
    assert_string_equal(csvio_unguard("'=1+2"), "=1+2");
    assert_string_equal(csvio_unguard("'plain"), "'plain");
    assert_string_equal(csvio_unguard("'-3"), "-3");
    assert_non_null(strstr(r.text.buf, "|-97.4\n"));
    sb_free(&r.text);
    free(p);
}

/* ---- the reads CSV on top of csvio ---- */

static const char reads_header[] =
    "plate,state,observed_at,camera_id,lat,lon,make,model,confidence,"
    "source,image_ref\n";

#define IMPORT_NOW 1772409600   /* 2026-03-02T00:00:00Z */

/* The world's cameras an import is checked against. */
static void add_cams(struct store *st)
{
    static const char *const ids[] = {"cam-01", "cam-02"};
    for (size_t i = 0; i < 2; i++) {
        struct lp_camera c = {.id = ids[i], .name = ids[i],
                              .owner = "agency", .source = "agency",
                              .type = "fixed", .lat = 38.6, .lon = -97.4};
        assert_ok(store_camera_add(st, &c), store_err(st));
    }
}

static void test_reads_import_all_or_nothing(void **state)
{
    (void)state;
    struct store *st = harness_store();
    add_cams(st);
    struct lp_err err = {0};
    int64_t n = 0;
    struct sb s;
    sb_init(&s);
    sb_puts(&s, reads_header);
    sb_puts(&s, "ABC1234,KS,2026-03-01T10:00:00Z,cam-01,38.6,-97.4,Ford,"
                "F-150,0.91,agency,img/1.jpg\n");
    sb_puts(&s, "XYZ9,TX,2026-03-01T11:00:00Z,cam-02,38.61,-97.41,,,0.5,"
                "toll,\n");
    char *good = file_with("good_reads.csv", s.buf, s.len);
    assert_ok(readcsv_import(st, good, IMPORT_NOW, &n, &err), &err);
    assert_int_equal(n, 2);
    assert_int_equal(store_reads_count(st), 2);
    /* a spreadsheet's UTF-8 byte order mark before the header is no data */
    struct sb bom;
    sb_init(&bom);
    sb_puts(&bom, "\xEF\xBB\xBF");
    sb_puts(&bom, reads_header);
    sb_puts(&bom, "BOM1234,KS,2026-03-01T10:00:00Z,cam-01,38.6,-97.4,F,M,"
                  "0.9,agency,i\r\n");
    char *pb = file_with("bom_reads.csv", bom.buf, bom.len);
    assert_ok(readcsv_import(st, pb, IMPORT_NOW, &n, &err), &err);
    assert_int_equal(n, 1);
    assert_int_equal(store_reads_count(st), 3);
    free(pb);
    sb_free(&bom);
    /* Bad rows: each refused whole, with line and column, nothing added. */
    static const struct {
        const char *row, *where, *text;
    } bad[] = {
        {"ABC1234,KS,2026-03-01T10:00:00Z,cam-01,north,-97.4,F,M,0.9,"
         "agency,i\n", "3:5", "lat 'north' is not a number"},
        {"ABC1234,KS,2026-13-01,cam-01,38.6,-97.4,F,M,0.9,agency,i\n",
         "3:3", "observed_at '2026-13-01' is not a time"},
        {"ABC1234,KS,2026-03-01,cam-01,38.6,-97.4,F,M,1.5,agency,i\n",
         "3:9", "confidence 1.5 is out of range"},
        {"ABC1234,KS,2026-03-01,cam-01,38.6,-97.4,F,M,0.9,police,i\n",
         "3:10", "source 'police'"},
        {"abc-12,KS,2026-03-01,cam-01,38.6,-97.4,F,M,0.9,lea,i\n",
         "3:1", "plate 'abc-12'"},
        {"ABC1234,KS,2026-03-01,cam-01,38.6,-97.4\n", "3:7",
         "row has 6 columns, expected 11"},
        /* invisible characters, named with line:column and position */
        {"ABC\xE2\x80\x8B" "1234,KS,2026-03-01,cam-01,38.6,-97.4,F,M,0.9,"
         "agency,i\n", "3:1", "U+200B ZERO WIDTH SPACE, at character 4"},
        {"ABC1234,KS,2026-03-01,cam-01,38.6,-97.4,Ford\xC2\xA0,M,0.9,"
         "agency,i\n", "3:7", "U+00A0 NO-BREAK SPACE, at character 5"},
        {"ABC1234,KS,2026-03-01,\xEF\xBB\xBF" "cam-01,38.6,-97.4,F,M,0.9,"
         "agency,i\n", "3:4", "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
        /* decided against the world's data (datasets/README.md) */
        {"ABC1234,ZZ,2026-03-01,cam-01,38.6,-97.4,F,M,0.9,lea,i\n",
         "3:2", "state 'ZZ' is not one of the world's 51 plate states"},
        {"ABC1234,KS,2026-03-01,cam-99,38.6,-97.4,F,M,0.9,lea,i\n",
         "3:4", "camera 'cam-99' is not in this world"},
        {"ABC1234,KS,9999-03-01,cam-01,38.6,-97.4,F,M,0.9,lea,i\n",
         "3:3", "observed_at 9999-03-01 is outside the world's time"},
        {"ABC1234,KS,2026-03-03,cam-01,38.6,-97.4,F,M,0.9,lea,i\n",
         "3:3", "sandbox clock 2026-03-02T00:00:00Z"},
        {"ABC1234,KS,1999-12-31,cam-01,38.6,-97.4,F,M,0.9,lea,i\n",
         "3:3", "outside the world's time (2000-01-01"},
        {"ABC1234,KS,2026-03-01,cam-01,38.6,-97.4,F,M,0x1p-1,lea,i\n",
         "3:9", "confidence '0x1p-1' is not a number"},
        {"ABC1234,KS,2026-03-01,cam-01,3.86e1,-97.4,F,M,0.9,lea,i\n",
         "3:5", "lat '3.86e1' is not a number"},
        {"ABC1234,KS,2026-03-01,cam-01,38.6,-97.4,F,M,inf,lea,i\n",
         "3:9", "confidence 'inf' is not a number"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sb_reset(&s);
        sb_puts(&s, reads_header);
        sb_puts(&s, "OK12345,KS,2026-03-01T10:00:00Z,cam-01,38.6,-97.4,F,M,"
                    "0.9,agency,i\n");
        sb_puts(&s, bad[i].row);
        char *p = file_with("bad_reads.csv", s.buf, s.len);
        assert_int_equal(readcsv_import(st, p, IMPORT_NOW, &n, &err), -LP_FAIL);
        assert_err_at(&err, p, bad[i].where, bad[i].text);
        assert_int_equal(store_reads_count(st), 3);
        free(p);
    }
    /* An empty file names the place: line 1, column 1. */
    char *ef = file_with("empty.csv", "", 0);
    assert_int_equal(readcsv_import(st, ef, IMPORT_NOW, &n, &err), -LP_FAIL);
    assert_err_at(&err, ef, "1:1", "empty file: the header row");
    free(ef);
    /* Header mismatch. */
    char *hp = file_with("hdr.csv", "plate,state\n", 12);
    assert_int_equal(readcsv_import(st, hp, IMPORT_NOW, &n, &err), -LP_FAIL);
    assert_err_at(&err, hp, "1:3", "header lacks column 'observed_at'");
    free(hp);
    /* Export guards, import unguards: the same bytes again. */
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_ok(readcsv_export(st, m, "mem", &n, &err), &err);
    fclose(m);
    assert_int_equal(n, 3);
    assert_non_null(strstr(buf, "ABC1234,KS,2026-03-01T10:00:00Z,cam-01,"
                                "38.6,-97.4,Ford,F-150,0.91,agency,"
                                "img/1.jpg\r\n"));
    struct store *st2 = harness_store();
    add_cams(st2);
    char *ep = file_with("export.csv", buf, len);
    assert_ok(readcsv_import(st2, ep, IMPORT_NOW, &n, &err), &err);
    char *buf2 = NULL;
    size_t len2 = 0;
    m = open_memstream(&buf2, &len2);
    assert_ok(readcsv_export(st2, m, "mem", &n, &err), &err);
    fclose(m);
    assert_int_equal(len, len2);
    assert_memory_equal(buf, buf2, len);
    free(buf);
    free(buf2);
    free(ep);
    store_close(st2);
    sb_free(&s);
    free(good);
    store_close(st);
}

static void test_reads_export_guards_text(void **state)
{
    (void)state;
    struct lp_read r = {.plate = "ABC123", .state = "KS",
                        .observed_at = 1772409600, .camera_id = "cam-01",
                        .lat = 38.5, .lon = -97.25, .make = "=HYPERLINK(1)",
                        .model = "-x", .confidence = 0.9, .source = "toll",
                        .image_ref = "@img"};
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_int_equal(readcsv_write(m, &r), 0);
    fclose(m);
    assert_string_equal(buf, "ABC123,KS,2026-03-02T00:00:00Z,cam-01,38.5,"
                             "-97.25,'=HYPERLINK(1),'-x,0.9,toll,'@img\r\n");
    free(buf);
    char num[32];
    assert_string_equal(readcsv_num(-0.0000001, num, sizeof num), "0");
    assert_string_equal(readcsv_num(12, num, sizeof num), "12");
    assert_string_equal(readcsv_num(0.123456789, num, sizeof num),
                        "0.123457");
}

const char harness_name[] = "csvio";
const struct CMUnitTest harness_tests[] = {
    cmocka_unit_test_setup_teardown(test_good_crlf_quotes, setup, teardown),
    cmocka_unit_test_setup_teardown(test_unterminated_quote, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_wrong_column_count, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_invalid_utf8_and_nul, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_huge_field, setup, teardown),
    cmocka_unit_test(test_header_mismatch),
    cmocka_unit_test_setup_teardown(test_formula_guard_and_round_trip,
                                    setup, teardown),
    cmocka_unit_test_setup_teardown(test_reads_import_all_or_nothing, setup,
                                    teardown),
    cmocka_unit_test(test_reads_export_guards_text),
};
const size_t harness_ntests = sizeof harness_tests / sizeof harness_tests[0];
