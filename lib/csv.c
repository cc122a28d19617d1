/* RFC 4180 CSV, read field by field from the caller's buffer. */
#include "csv.h"

#include <string.h>

#include "json.h"
#include "util.h"

void roof__csv_init(roof__csv *c, const char *text, size_t len)
{
    c->text = text;
    c->len = len;
    c->pos = 0;
    c->pending = 0;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        c->pos = 3;
}

int roof__csv_done(const roof__csv *c)
{
    return c->pos >= c->len && !c->pending;
}

static int csv_fail(const roof__csv *c, size_t at, const char *msg,
                    roof_parse_error *err)
{
    roof__parse_error_at(err, c->text, at, msg, NULL);
    return ROOF_E_PARSE;
}

/* After a field's content at p: a separator, a line end or the end. */
static int end_field(roof__csv *c, size_t p, roof__csv_field *f,
                     roof_parse_error *err)
{
    const char *s = c->text;
    c->pending = 0;
    f->last = 1;
    if (p >= c->len) {
        c->pos = c->len;
    } else if (s[p] == ',') {
        c->pos = p + 1;
        c->pending = 1;
        f->last = 0;
    } else if (s[p] == '\n') {
        c->pos = p + 1;
    } else if (s[p] == '\r' && p + 1 < c->len && s[p + 1] == '\n') {
        c->pos = p + 2;
    } else if (s[p] == '\r') {
        return csv_fail(c, p, "carriage return not followed by line feed", err);
    } else {
        return csv_fail(c, p, "text after a closing quote", err);
    }
    ROOF__ASSERT(c->pos <= c->len);
    return ROOF_OK;
}

static int quoted_field(roof__csv *c, roof__csv_field *f,
                        roof_parse_error *err)
{
    const char *s = c->text;
    size_t p = c->pos + 1;
    f->quoted = 1;
    f->start = p;
    for (;;) {
        if (p >= c->len)
            return csv_fail(c, c->pos, "unterminated quoted field", err);
        if (s[p] == '"') {
            if (p + 1 < c->len && s[p + 1] == '"') {
                p += 2;
                continue;
            }
            f->end = p;
            return end_field(c, p + 1, f, err);
        }
        p++;
    }
}

int roof__csv_next(roof__csv *c, roof__csv_field *f, roof_parse_error *err)
{
    const char *s = c->text;
    size_t p = c->pos;
    f->at = p;
    if (p < c->len && s[p] == '"')
        return quoted_field(c, f, err);
    f->quoted = 0;
    f->start = p;
    while (p < c->len && s[p] != ',' && s[p] != '\n' && s[p] != '\r') {
        if (s[p] == '"')
            return csv_fail(c, p, "quote inside an unquoted field", err);
        p++;
    }
    f->end = p;
    return end_field(c, p, f, err);
}

void roof__csv_skip_line(roof__csv *c)
{
    const char *nl = memchr(c->text + c->pos, '\n', c->len - c->pos);
    c->pos = nl != NULL ? (size_t)(nl - c->text) + 1 : c->len;
    c->pending = 0;
}

size_t roof__csv_value(const roof__csv *c, const roof__csv_field *f,
                       char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t p = f->start; p < f->end; p++, n++) {
        if (n < cap)
            buf[n] = c->text[p];
        if (f->quoted && c->text[p] == '"')
            p++; /* the second of a doubled quote */
    }
    return n;
}

int roof__csv_check_text(const char *text, size_t len, roof_parse_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t p = 0; p < len;) {
        if (s[p] == 0) {
            roof__parse_error_at(err, text, p, "NUL byte in input", NULL);
            return ROOF_E_PARSE;
        }
        size_t n = roof__utf8_seq(s + p, len - p);
        if (n == 0) {
            roof__parse_error_at(err, text, p, "invalid UTF-8", NULL);
            return ROOF_E_PARSE;
        }
        p += n;
    }
    return ROOF_OK;
}
