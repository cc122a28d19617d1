/* Private: an RFC 4180 CSV field reader that allocates nothing.
 *
 * Fields are handed out one at a time as byte ranges of the input; quoted
 * fields are unescaped on demand with roof__csv_value().  Records end with
 * CRLF or LF (a bare CR is an error); quoted fields may hold commas, line
 * breaks and doubled quotes.  Nothing past len is ever read. */
#ifndef ROOFMODEL_CSV_H
#define ROOFMODEL_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "roofmodel.h"

typedef struct roof__csv {
    const char *text;
    size_t len;
    size_t pos;
    int pending; /* the last field ended with ',': one more field follows */
} roof__csv;

typedef struct roof__csv_field {
    size_t at;     /* offset where the field starts (its quote if quoted) */
    size_t start;  /* raw content: inside the quotes when quoted */
    size_t end;
    int quoted;
    int last;      /* the field ends its record */
} roof__csv_field;

/* Starts reading text[0..len), skipping a UTF-8 byte-order mark (spreadsheet
 * programs write one). */
void roof__csv_init(roof__csv *c, const char *text, size_t len);

/* 1 when no field is left. */
int roof__csv_done(const roof__csv *c);

/* The next field.  ROOF_OK, or ROOF_E_PARSE with *err (when not NULL) for
 * an unterminated quote, a quote inside an unquoted field, text after a
 * closing quote, or a bare CR.  Must not be called when done. */
int roof__csv_next(roof__csv *c, roof__csv_field *f, roof_parse_error *err);

/* Skips to the start of the next line (used for tool banners before the
 * header).  Only valid at the start of a record. */
void roof__csv_skip_line(roof__csv *c);

/* The field's text with doubled quotes undone, into buf[0..cap); returns
 * the full length, which may exceed cap (then cap bytes were written).
 * No NUL is appended. */
size_t roof__csv_value(const roof__csv *c, const roof__csv_field *f,
                       char *buf, size_t cap);

/* ROOF_OK when text[0..len) has no NUL byte and is valid UTF-8; else
 * ROOF_E_PARSE with *err at the first bad byte. */
int roof__csv_check_text(const char *text, size_t len, roof_parse_error *err);

#endif
