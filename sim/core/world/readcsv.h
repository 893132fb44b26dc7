/*
 * readcsv.h - the reads CSV format of DESIGN.md:
 *   plate,state,observed_at,camera_id,lat,lon,make,model,confidence,
 *   source,image_ref
 * Writing (export, generate --csv) guards text cells against formula
 * injection and keeps numbers raw; importing validates every cell and
 * loads all rows in one transaction or none.
 */
#ifndef LPRSIM_READCSV_H
#define LPRSIM_READCSV_H

#include <stdint.h>
#include <stdio.h>

#include "core/store/model.h"
#include "core/store/store.h"
#include "util/util.h"

#define READCSV_COLUMNS 11
extern const char *const readcsv_header[READCSV_COLUMNS];

/* Writes the header row; returns 0 or -1 on a write error. */
int readcsv_write_header(FILE *out);
/* Writes one read as a row; returns 0 or -1 on a write error. */
int readcsv_write(FILE *out, const struct lp_read *r);

/* Writes every read of the store in id order (header first) to out.
 * *count receives the number of rows.  Returns 0 or a negative status
 * with err (a write error names path). */
int readcsv_export(struct store *st, FILE *out, const char *path,
                   int64_t *count, struct lp_err *err);

/* Imports the reads CSV at path ("-" is stdin) into the store in one
 * transaction: on any error nothing is added and err holds
 * "file:line:col: problem".  Checked against the world: the state is one
 * of the plate-format states, the camera is in the cameras table, the
 * time lies between 2000-01-01 and now (the sandbox clock), numbers are
 * plain decimals.  *count receives the rows added. */
int readcsv_import(struct store *st, const char *path, int64_t now,
                   int64_t *count, struct lp_err *err);

/* Formats a number without trailing zeros (at most 6 decimals) into buf
 * (at least 32 bytes); returns buf. */
char *readcsv_num(double v, char *buf, size_t n);

#endif
