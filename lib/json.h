/* Private: a strict RFC 8259 JSON reader that allocates nothing.
 *
 * roof__json_check() validates a whole document once (grammar, UTF-8,
 * escapes, nesting <= ROOF_JSON_MAX_DEPTH).  After that the document is
 * known to be well formed, so walking it needs no error handling: values
 * are named by their byte offset and read with the functions below.
 * Nothing is copied; nothing past len is ever read. */
#ifndef ROOFMODEL_JSON_H
#define ROOFMODEL_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "roofmodel.h"

#define ROOF__JSON_NONE ((size_t)-1) /* "no such value" offset */

enum roof__json_kind {
    ROOF__JSON_NULL = 0,
    ROOF__JSON_BOOL = 1,
    ROOF__JSON_NUMBER = 2,
    ROOF__JSON_STRING = 3,
    ROOF__JSON_ARRAY = 4,
    ROOF__JSON_OBJECT = 5
};

typedef struct roof__json {
    const char *text;
    size_t len;
    size_t root; /* offset of the top-level value */
} roof__json;

/* Validates text[0..len).  ROOF_OK (and *j set up), ROOF_E_NULL, or
 * ROOF_E_PARSE with *err (when err is not NULL) saying where and why. */
/* As roof__json_check, but Python's NaN, Infinity and -Infinity (which
 * json.dump writes, and some config.json files hold) are numbers: they
 * read as a range error wherever a number is needed. */
int roof__json_check_python(const char *text, size_t len, roof__json *j,
                            roof_parse_error *err);

int roof__json_check(const char *text, size_t len, roof__json *j,
                     roof_parse_error *err);

/* The kind of the value at offset at. */
int roof__json_kind(const roof__json *j, size_t at);

/* Object members and array elements.  *it starts as roof__json_enter() of
 * the container; each call yields the next member (key offset and value
 * offset) or element, returning 0 at the end. */
size_t roof__json_enter(const roof__json *j, size_t container);
int roof__json_member(const roof__json *j, size_t *it, size_t *key,
                      size_t *val);
int roof__json_element(const roof__json *j, size_t *it, size_t *val);

/* Decodes the string at offset at (escapes resolved, UTF-8) into
 * buf[0..cap); returns the full decoded length, which may exceed cap (then
 * only cap bytes were written).  No NUL is appended.  "\u0000" decodes to a
 * NUL byte: callers storing C strings must reject it. */
size_t roof__json_string(const roof__json *j, size_t at, char *buf,
                         size_t cap);

/* 1 when the string at offset at decodes exactly to s. */
int roof__json_string_is(const roof__json *j, size_t at, const char *s);

/* The boolean at offset at (kind must be ROOF__JSON_BOOL). */
int roof__json_bool(const roof__json *j, size_t at);

/* The number at offset at as a double.  ROOF_E_RANGE when it is not finite
 * once converted, its magnitude exceeds ROOF_MAX_VALUE, or its text is too
 * long to convert (more than 100 characters). */
int roof__json_number(const roof__json *j, size_t at, double *x);

/* Converts a number already checked against a decimal grammar (digits, one
 * optional '.', optional exponent, optional sign) to the double strtod
 * would give in the C locale, whatever the locale's decimal point: short
 * decimals in one exact operation, the rest through strtod.  ROOF_E_RANGE
 * as roof__json_number. */
int roof__parse_double(const char *s, size_t n, double *x);

/* Fills *err (when not NULL) for a failure at byte offset off of text:
 * line and column counted from 1 (columns in bytes, lines ended by '\n'),
 * message = msg followed by name in quotes when name is not NULL. */
void roof__parse_error_at(roof_parse_error *err, const char *text,
                          size_t off, const char *msg, const char *name);

/* Length of the valid UTF-8 sequence starting at s[0] (1..4), or 0 when
 * s[0..n) does not start with one (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF). */
size_t roof__utf8_seq(const unsigned char *s, size_t n);

/* 1 when the NUL-terminated s is valid UTF-8: what the writers check, so
 * that their JSON reads back (the reader rejects invalid UTF-8). */
int roof__utf8_valid(const char *s);

/* Copies src[0..n) into dst[cap] NUL-terminated, cutting at a UTF-8
 * character boundary when it does not fit; returns the bytes copied. */
size_t roof__copy_utf8(char *dst, size_t cap, const char *src, size_t n);

/* ---- typed reads with errors that name the key ----------------------
 * Each writes *out only on success and fills *err (when not NULL) on
 * failure, at the value's position.  key is the name for the message. */

/* A number that is an exact integer in 0 .. UINT32_MAX.  ROOF_E_TYPE when
 * not a number, ROOF_E_RANGE when not integral or out of range. */
int roof__json_get_u32(const roof__json *j, size_t val, const char *key,
                       uint32_t *out, roof_parse_error *err);

/* A finite number with magnitude <= ROOF_MAX_VALUE.  ROOF_E_TYPE,
 * ROOF_E_RANGE. */
int roof__json_get_f64(const roof__json *j, size_t val, const char *key,
                       double *out, roof_parse_error *err);

/* true or false.  ROOF_E_TYPE. */
int roof__json_get_bool(const roof__json *j, size_t val, const char *key,
                        uint32_t *out, roof_parse_error *err);

/* A string into out[cap], NUL-terminated and zero-filled to cap.
 * ROOF_E_TYPE when not a string, ROOF_E_INVALID when it holds "\u0000",
 * ROOF_E_RANGE when it needs more than cap - 1 bytes. */
int roof__json_get_str(const roof__json *j, size_t val, const char *key,
                       char *out, size_t cap, roof_parse_error *err);

/* Walks the members of the object obj and stores the offset of the value
 * of each key named in names[0..n) into slots[] (ROOF__JSON_NONE when
 * absent; the last of duplicate keys wins).  Returns the offset of the
 * first key not in names[] (ROOF__JSON_NONE when every key is known);
 * keys starting with '_' never count as unknown: they are free for
 * comments ("_comment", HuggingFace's "_name_or_path"). */
size_t roof__json_collect(const roof__json *j, size_t obj,
                          const char *const *names, size_t n, size_t *slots);

#endif
