/* Strict RFC 8259 JSON: one validating pass, then offset-based reading.
 * No allocation, no recursion (an explicit stack bounded by
 * ROOF_JSON_MAX_DEPTH), never a read past len. */
#include "json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- errors --------------------------------------------------------- */

void roof__parse_error_at(roof_parse_error *err, const char *text,
                          size_t off, const char *msg, const char *name)
{
    if (err == NULL)
        return;
    uint64_t line = 1, column = 1;
    for (size_t i = 0; text != NULL && i < off; i++) {
        if (text[i] == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    err->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    err->column = column > UINT32_MAX ? UINT32_MAX : (uint32_t)column;
    err->offset = off;
    if (name != NULL)
        snprintf(err->message, sizeof err->message, "%s \"%s\"", msg, name);
    else
        snprintf(err->message, sizeof err->message, "%s", msg);
}

/* ---- UTF-8 ---------------------------------------------------------- */

size_t roof__utf8_seq(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;      /* no overlongs */
        else if (c == 0xED)
            hi = 0x9F;      /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;      /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (n < need || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < need; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    }
    return need;
}

int roof__utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n > 0) {
        size_t k = roof__utf8_seq(p, n);
        if (k == 0)
            return 0;
        p += k;
        n -= k;
    }
    return 1;
}

size_t roof__copy_utf8(char *dst, size_t cap, const char *src, size_t n)
{
    if (cap == 0)
        return 0;
    size_t k = n;
    if (k > cap - 1) {
        k = cap - 1;
        /* Back off continuation bytes so a character is never cut in two. */
        while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80)
            k--;
    }
    ROOF__ASSERT(k < cap && k <= n);
    memcpy(dst, src, k);
    dst[k] = '\0';
    return k;
}

/* ---- the validating pass -------------------------------------------- */

typedef struct scan {
    const unsigned char *s;
    size_t len;
    size_t pos;
    const char *msg; /* set on failure */
    int python;      /* take Python's NaN, Infinity, -Infinity as numbers */
} scan;

/* Python's json module writes these for float('nan') and float('inf'). */
static size_t python_number_at(const unsigned char *s, size_t len, size_t p)
{
    if (len - p >= 8 && memcmp(s + p, "Infinity", 8) == 0)
        return 8;
    if (len - p >= 3 && memcmp(s + p, "NaN", 3) == 0)
        return 3;
    return 0;
}

static int fail(scan *sc, size_t at, const char *msg)
{
    sc->pos = at;
    sc->msg = msg;
    return ROOF_E_PARSE;
}

static size_t skip_ws(const unsigned char *s, size_t len, size_t p)
{
    while (p < len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n'
                       || s[p] == '\r'))
        p++;
    return p;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The 4 hex digits at s[p..p+4) as a code unit, or -1. */
static long hex4(const unsigned char *s, size_t len, size_t p)
{
    if (len - p < 4)
        return -1;
    long v = 0;
    for (size_t i = 0; i < 4; i++) {
        int h = hex_value(s[p + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* A \u escape at s[p] == 'u' (after the backslash): returns the offset
 * just past it, surrogate pair included. */
static int scan_unicode_escape(scan *sc, size_t p, size_t *end)
{
    long u = hex4(sc->s, sc->len, p + 1);
    if (u < 0)
        return fail(sc, p - 1, "bad \\u escape (needs 4 hex digits)");
    p += 5;
    if (u >= 0xDC00 && u <= 0xDFFF)
        return fail(sc, p - 6, "lone low surrogate in \\u escape");
    if (u >= 0xD800 && u <= 0xDBFF) {
        long lo = -1;
        if (sc->len - p >= 2 && sc->s[p] == '\\' && sc->s[p + 1] == 'u')
            lo = hex4(sc->s, sc->len, p + 2);
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail(sc, p - 6, "lone high surrogate in \\u escape");
        p += 6;
    }
    *end = p;
    return ROOF_OK;
}

static int scan_string(scan *sc)
{
    size_t p = sc->pos + 1;
    const unsigned char *s = sc->s;
    for (;;) {
        if (p >= sc->len)
            return fail(sc, sc->pos, "unterminated string");
        unsigned char c = s[p];
        if (c == '"') {
            sc->pos = p + 1;
            return ROOF_OK;
        }
        if (c == '\\') {
            if (p + 1 >= sc->len)
                return fail(sc, sc->pos, "unterminated string");
            unsigned char e = s[p + 1];
            if (e == 'u') {
                int rc = scan_unicode_escape(sc, p + 1, &p);
                if (rc != ROOF_OK)
                    return rc;
            } else if (strchr("\"\\/bfnrt", e) != NULL && e != '\0') {
                p += 2;
            } else {
                return fail(sc, p, "invalid escape in string");
            }
        } else if (c == 0) {
            return fail(sc, p, "NUL byte in string");
        } else if (c < 0x20) {
            return fail(sc, p, "unescaped control character in string");
        } else if (c < 0x80) { /* ASCII, nearly every byte: no call */
            p++;
        } else {
            size_t n = roof__utf8_seq(s + p, sc->len - p);
            if (n == 0)
                return fail(sc, p, "invalid UTF-8 in string");
            p += n;
        }
    }
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static size_t scan_digits(const unsigned char *s, size_t len, size_t p)
{
    while (p < len && is_digit(s[p]))
        p++;
    return p;
}

static int scan_number(scan *sc)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len, p = sc->pos;
    if (s[p] == '-')
        p++;
    if (sc->python && p < len && s[p] == 'I'
        && python_number_at(s, len, p) == 8) {
        sc->pos = p + 8;
        return ROOF_OK;
    }
    if (p < len && s[p] == 'I')
        return fail(sc, sc->pos, "Infinity is not a JSON number");
    if (p >= len || !is_digit(s[p]))
        return fail(sc, sc->pos, "invalid number");
    if (s[p] == '0' && p + 1 < len && is_digit(s[p + 1]))
        return fail(sc, sc->pos, "leading zeros are not allowed in numbers");
    p = scan_digits(s, len, p);
    if (p < len && s[p] == '.') {
        if (p + 1 >= len || !is_digit(s[p + 1]))
            return fail(sc, p, "a digit must follow the decimal point");
        p = scan_digits(s, len, p + 1);
    }
    if (p < len && (s[p] == 'e' || s[p] == 'E')) {
        p++;
        if (p < len && (s[p] == '+' || s[p] == '-'))
            p++;
        if (p >= len || !is_digit(s[p]))
            return fail(sc, p, "a digit must follow the exponent");
        p = scan_digits(s, len, p);
    }
    sc->pos = p;
    return ROOF_OK;
}

static int scan_literal(scan *sc)
{
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < ROOF_ARRAY_LEN(words); i++) {
        size_t n = strlen(words[i]);
        if (sc->len - sc->pos >= n && memcmp(sc->s + sc->pos, words[i], n) == 0) {
            sc->pos += n;
            return ROOF_OK;
        }
    }
    return fail(sc, sc->pos, "invalid literal (expected true, false or null)");
}

static int scan_unexpected(scan *sc)
{
    unsigned char c = sc->s[sc->pos];
    if (c == 'N' || c == 'I')
        return fail(sc, sc->pos, "NaN and Infinity are not JSON numbers");
    if (c == 0)
        return fail(sc, sc->pos, "NUL byte in input");
    if (c == ']' || c == '}')
        return fail(sc, sc->pos, "expected a value (trailing comma?)");
    return fail(sc, sc->pos, "unexpected character (expected a value)");
}

/* One scalar value, or the opening of a container pushed on stack. */
static int scan_value(scan *sc, uint8_t *stack, size_t *depth)
{
    if (sc->pos >= sc->len)
        return fail(sc, sc->pos, "unexpected end of input (truncated?)");
    unsigned char c = sc->s[sc->pos];
    if (c == '{' || c == '[') {
        if (*depth >= ROOF_JSON_MAX_DEPTH)
            return fail(sc, sc->pos, "nesting deeper than 64 levels");
        stack[(*depth)++] = c;
        sc->pos++;
        return ROOF_OK;
    }
    if (c == '"')
        return scan_string(sc);
    if (c == '-' || is_digit(c) || (sc->python && c == 'I'))
        return scan_number(sc);
    if (sc->python && c == 'N' && python_number_at(sc->s, sc->len, sc->pos)) {
        sc->pos += 3;
        return ROOF_OK;
    }
    if (c == 't' || c == 'f' || c == 'n')
        return scan_literal(sc);
    return scan_unexpected(sc);
}

/* After '{' or ',' inside an object: a key string and its colon. */
static int scan_key(scan *sc)
{
    sc->pos = skip_ws(sc->s, sc->len, sc->pos);
    if (sc->pos >= sc->len)
        return fail(sc, sc->pos, "unexpected end of input (truncated?)");
    if (sc->s[sc->pos] == '}')
        return fail(sc, sc->pos, "trailing comma before '}'");
    if (sc->s[sc->pos] != '"')
        return fail(sc, sc->pos, "expected a key string");
    int rc = scan_string(sc);
    if (rc != ROOF_OK)
        return rc;
    sc->pos = skip_ws(sc->s, sc->len, sc->pos);
    if (sc->pos >= sc->len)
        return fail(sc, sc->pos, "unexpected end of input (truncated?)");
    if (sc->s[sc->pos] != ':')
        return fail(sc, sc->pos, "expected ':' after key");
    sc->pos++;
    return ROOF_OK;
}

/* What may follow a value (or an opening bracket, when opened is set):
 * separators and closers.  Returns 1 when the next thing is a value. */
static int scan_after(scan *sc, const uint8_t *stack, size_t *depth, int opened,
                      int *rc)
{
    for (;;) {
        sc->pos = skip_ws(sc->s, sc->len, sc->pos);
        if (*depth == 0) {
            if (sc->pos != sc->len)
                *rc = fail(sc, sc->pos, "unexpected text after the JSON value");
            return 0;
        }
        if (sc->pos >= sc->len) {
            *rc = fail(sc, sc->pos, "unexpected end of input (truncated?)");
            return 0;
        }
        unsigned char c = sc->s[sc->pos], top = stack[*depth - 1];
        unsigned char close = top == '{' ? '}' : ']';
        if (c == close) {
            (*depth)--;
            sc->pos++;
            opened = 0;
            continue;
        }
        if (opened) {
            if (top == '{' && (*rc = scan_key(sc)) != ROOF_OK)
                return 0;
            return 1;
        }
        if (c != ',') {
            *rc = fail(sc, sc->pos, top == '{' ? "expected ',' or '}'"
                                               : "expected ',' or ']'");
            return 0;
        }
        sc->pos++;
        if (top == '{') {
            if ((*rc = scan_key(sc)) != ROOF_OK)
                return 0;
        } else {
            sc->pos = skip_ws(sc->s, sc->len, sc->pos);
            if (sc->pos < sc->len && sc->s[sc->pos] == ']') {
                *rc = fail(sc, sc->pos, "trailing comma before ']'");
                return 0;
            }
        }
        return 1;
    }
}

static int scan_document(scan *sc, size_t *root)
{
    if (sc->len == 0)
        return fail(sc, 0, "empty input");
    if (sc->len >= 3 && sc->s[0] == 0xEF && sc->s[1] == 0xBB && sc->s[2] == 0xBF)
        return fail(sc, 0, "byte-order mark is not allowed");
    sc->pos = skip_ws(sc->s, sc->len, 0);
    if (sc->pos >= sc->len)
        return fail(sc, sc->pos, "empty input (only whitespace)");
    *root = sc->pos;
    uint8_t stack[ROOF_JSON_MAX_DEPTH];
    size_t depth = 0;
    int rc;
    for (;;) {
        sc->pos = skip_ws(sc->s, sc->len, sc->pos);
        size_t before = depth;
        if ((rc = scan_value(sc, stack, &depth)) != ROOF_OK)
            return rc;
        if (!scan_after(sc, stack, &depth, depth > before, &rc))
            return rc;
    }
}

static int check(const char *text, size_t len, roof__json *j,
                 roof_parse_error *err, int python)
{
    if (text == NULL || j == NULL) {
        roof__parse_error_at(err, NULL, 0, "input is NULL", NULL);
        return ROOF_E_NULL;
    }
    scan sc = {(const unsigned char *)text, len, 0, NULL, python};
    size_t root = 0;
    int rc = scan_document(&sc, &root);
    if (rc != ROOF_OK) {
        roof__parse_error_at(err, text, sc.pos, sc.msg, NULL);
        return rc;
    }
    j->text = text;
    j->len = len;
    j->root = root;
    return ROOF_OK;
}

int roof__json_check(const char *text, size_t len, roof__json *j,
                     roof_parse_error *err)
{
    return check(text, len, j, err, 0);
}

int roof__json_check_python(const char *text, size_t len, roof__json *j,
                            roof_parse_error *err)
{
    return check(text, len, j, err, 1);
}

/* ---- reading a checked document ------------------------------------- */

static size_t ws_at(const roof__json *j, size_t p)
{
    return skip_ws((const unsigned char *)j->text, j->len, p);
}

int roof__json_kind(const roof__json *j, size_t at)
{
    switch (j->text[at]) {
    case '{': return ROOF__JSON_OBJECT;
    case '[': return ROOF__JSON_ARRAY;
    case '"': return ROOF__JSON_STRING;
    case 't':
    case 'f': return ROOF__JSON_BOOL;
    case 'n': return ROOF__JSON_NULL;
    default: return ROOF__JSON_NUMBER;
    }
}

/* Offset just past the closing quote of the string at at. */
static size_t skip_string(const roof__json *j, size_t at)
{
    size_t p = at + 1;
    while (j->text[p] != '"')
        p += j->text[p] == '\\' ? 2 : 1;
    return p + 1;
}

/* The characters of decimal number text; strchr on a string per character
 * was a measurable part of a config.json parse. */
static int num_char(char c)
{
    return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'
           || c == 'e' || c == 'E';
}

/* Offset just past the value at at (the document is known valid). */
static size_t skip_value(const roof__json *j, size_t at)
{
    const char *s = j->text;
    switch (roof__json_kind(j, at)) {
    case ROOF__JSON_STRING:
        return skip_string(j, at);
    case ROOF__JSON_BOOL:
        return at + (s[at] == 't' ? 4 : 5);
    case ROOF__JSON_NULL:
        return at + 4;
    case ROOF__JSON_NUMBER: {
        const size_t p = s[at] == '-' ? at + 1 : at;
        const size_t word = python_number_at((const unsigned char *)s, j->len, p);
        if (word > 0) /* Python's NaN or Infinity (checked documents only) */
            return p + word;
        while (at < j->len && num_char(s[at]))
            at++;
        return at;
    }
    default:
        break;
    }
    size_t depth = 0, p = at;
    do {
        if (s[p] == '"') {
            p = skip_string(j, p);
            continue;
        }
        if (s[p] == '{' || s[p] == '[')
            depth++;
        else if (s[p] == '}' || s[p] == ']')
            depth--;
        p++;
    } while (depth > 0);
    return p;
}

size_t roof__json_enter(const roof__json *j, size_t container)
{
    return ws_at(j, container + 1);
}

int roof__json_member(const roof__json *j, size_t *it, size_t *key,
                      size_t *val)
{
    size_t p = *it;
    if (j->text[p] == ',')
        p = ws_at(j, p + 1);
    if (j->text[p] == '}')
        return 0;
    *key = p;
    p = ws_at(j, skip_string(j, p)); /* at ':' */
    ROOF__ASSERT(j->text[p] == ':'); /* the document was checked */
    p = ws_at(j, p + 1);
    *val = p;
    *it = ws_at(j, skip_value(j, p));
    return 1;
}

int roof__json_element(const roof__json *j, size_t *it, size_t *val)
{
    size_t p = *it;
    if (j->text[p] == ',')
        p = ws_at(j, p + 1);
    if (j->text[p] == ']')
        return 0;
    *val = p;
    *it = ws_at(j, skip_value(j, p));
    return 1;
}

int roof__json_bool(const roof__json *j, size_t at)
{
    return j->text[at] == 't';
}

/* Encodes code point cp as UTF-8 into out (4 bytes room); returns length. */
static size_t put_utf8(unsigned long cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes the escape at s[p] == '\\'; *adv receives its length. */
static size_t decode_escape(const roof__json *j, size_t p, unsigned char *out,
                            size_t *adv)
{
    const unsigned char *s = (const unsigned char *)j->text;
    static const char from[] = "\"\\/bfnrt";
    static const char to[] = "\"\\/\b\f\n\r\t";
    const char *hit = strchr(from, s[p + 1]);
    if (s[p + 1] != 'u' && hit != NULL) {
        *adv = 2;
        out[0] = (unsigned char)to[hit - from];
        return 1;
    }
    unsigned long cp = (unsigned long)hex4(s, j->len, p + 2);
    *adv = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        unsigned long lo = (unsigned long)hex4(s, j->len, p + 8);
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        *adv = 12;
    }
    return put_utf8(cp, out);
}

size_t roof__json_string(const roof__json *j, size_t at, char *buf,
                         size_t cap)
{
    size_t p = at + 1, n = 0;
    while (j->text[p] != '"') {
        if (j->text[p] != '\\') { /* the common case: one byte as is */
            if (n < cap)
                buf[n] = j->text[p];
            n++;
            p++;
            continue;
        }
        unsigned char tmp[4];
        size_t adv = 1;
        const size_t k = decode_escape(j, p, tmp, &adv);
        for (size_t i = 0; i < k; i++, n++) {
            if (n < cap)
                buf[n] = (char)tmp[i];
        }
        p += adv;
    }
    return n;
}

int roof__json_string_is(const roof__json *j, size_t at, const char *s)
{
    char buf[64];
    size_t want = strlen(s);
    if (want > sizeof buf)
        return 0;
    size_t n = roof__json_string(j, at, buf, sizeof buf);
    return n == want && memcmp(buf, s, n) == 0;
}

/* ---- numbers --------------------------------------------------------- */

#define NUM_TEXT_MAX 100

/* [+-]digits[.digits][(e|E)[+-]digits] with at most 15 significant
 * digits and a power of ten within 1e22 either way: the digits are an
 * integer below 2^53 and 10^|k| is exact, so one multiplication or
 * division is correctly rounded, the value strtod returns (Clinger's
 * fast path).  Nearly every number of a config.json or a kernel CSV is
 * such a text, integers included.  0: not such a text
 * (strtod decides, and refuses what it must). */
static int parse_short_decimal(const char *s, size_t n, double *x)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                   1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                   1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    int neg = 0, digits = 0, sig = 0, frac = 0, e = 0, eneg = 0;
    uint64_t m = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    for (int dot = 0; i < n; i++) {
        if (s[i] == '.' && !dot) {
            dot = 1;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            break;
        digits++;
        frac += dot;
        sig += m > 0 || s[i] != '0';
        if (sig > 15)
            return 0;
        m = m * 10 + (uint64_t)(s[i] - '0');
    }
    if (digits == 0)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e0 = ++i;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            eneg = s[i++] == '-';
            e0++;
        }
        for (; i < n && s[i] >= '0' && s[i] <= '9' && i - e0 < 4; i++)
            e = e * 10 + (s[i] - '0');
        if (i == e0)
            return 0;
    }
    int k = (eneg ? -e : e) - frac;
    if (i != n || k < -22 || k > 22)
        return 0;
    volatile double v = k >= 0 ? (double)m * pow10[k] : (double)m / pow10[-k];
    *x = neg ? -v : v;
    return 1;
}

int roof__parse_double(const char *s, size_t n, double *x)
{
    if (n == 0 || n > NUM_TEXT_MAX)
        return ROOF_E_RANGE;
    double fast = 0.0;
    if (parse_short_decimal(s, n, &fast)) {
        if (!roof__is_num(fast)) /* 1e31: a number, but beyond the range */
            return ROOF_E_RANGE;
        *x = fast;
        return ROOF_OK;
    }
    /* strtod follows LC_NUMERIC: find the locale's decimal point by
     * formatting 0.5 (thread-safe, unlike reading localeconv()), only
     * when the text has a '.'. */
    char dp[16] = ".";
    size_t dplen = 1;
    if (memchr(s, '.', n) != NULL) {
        int dn = snprintf(dp, sizeof dp, "%.1f", 0.5);
        if (dn < 3 || (size_t)dn >= sizeof dp)
            return ROOF_E_RANGE;
        dplen = (size_t)dn - 2;
        memmove(dp, dp + 1, dplen);
    }
    char buf[NUM_TEXT_MAX + 16];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        /* Only decimal text: strtod would also take "inf", "nan", hex. */
        if (!num_char(s[i]) || k + dplen >= sizeof buf)
            return ROOF_E_RANGE;
        if (s[i] == '.') {
            memcpy(buf + k, dp, dplen);
            k += dplen;
        } else {
            buf[k++] = s[i];
        }
    }
    buf[k] = '\0';
    char *end = NULL;
    double v = strtod(buf, &end);
    if (end != buf + k || !roof__is_num(v))
        return ROOF_E_RANGE;
    *x = v;
    return ROOF_OK;
}

int roof__json_number(const roof__json *j, size_t at, double *x)
{
    size_t end = skip_value(j, at);
    return roof__parse_double(j->text + at, end - at, x);
}

/* ---- typed reads ----------------------------------------------------- */

static int type_error(const roof__json *j, size_t val, const char *key,
                      const char *what, roof_parse_error *err)
{
    roof__parse_error_at(err, j->text, val, what, key);
    return ROOF_E_TYPE;
}

int roof__json_get_f64(const roof__json *j, size_t val, const char *key,
                       double *out, roof_parse_error *err)
{
    if (roof__json_kind(j, val) != ROOF__JSON_NUMBER)
        return type_error(j, val, key, "expected a number for", err);
    double x = 0.0;
    if (roof__json_number(j, val, &x) != ROOF_OK) {
        roof__parse_error_at(err, j->text, val,
                             "number out of range (|x| > 1e30) for", key);
        return ROOF_E_RANGE;
    }
    *out = x;
    return ROOF_OK;
}

int roof__json_get_u32(const roof__json *j, size_t val, const char *key,
                       uint32_t *out, roof_parse_error *err)
{
    if (roof__json_kind(j, val) != ROOF__JSON_NUMBER)
        return type_error(j, val, key, "expected an integer for", err);
    double x = 0.0;
    if (roof__json_number(j, val, &x) != ROOF_OK || x < 0.0
        || x > (double)UINT32_MAX || x != floor(x)) {
        roof__parse_error_at(err, j->text, val,
                             "expected an integer in 0..4294967295 for", key);
        return ROOF_E_RANGE;
    }
    *out = (uint32_t)x;
    return ROOF_OK;
}

int roof__json_get_bool(const roof__json *j, size_t val, const char *key,
                        uint32_t *out, roof_parse_error *err)
{
    if (roof__json_kind(j, val) != ROOF__JSON_BOOL)
        return type_error(j, val, key, "expected true or false for", err);
    *out = (uint32_t)roof__json_bool(j, val);
    return ROOF_OK;
}

int roof__json_get_str(const roof__json *j, size_t val, const char *key,
                       char *out, size_t cap, roof_parse_error *err)
{
    if (roof__json_kind(j, val) != ROOF__JSON_STRING)
        return type_error(j, val, key, "expected a string for", err);
    char tmp[256];
    size_t n = roof__json_string(j, val, tmp, sizeof tmp);
    if (n >= cap || n >= sizeof tmp) {
        roof__parse_error_at(err, j->text, val, "string too long for", key);
        return ROOF_E_RANGE;
    }
    if (memchr(tmp, '\0', n) != NULL) {
        roof__parse_error_at(err, j->text, val, "\\u0000 not allowed in", key);
        return ROOF_E_INVALID;
    }
    memset(out, 0, cap);
    memcpy(out, tmp, n);
    return ROOF_OK;
}

size_t roof__json_collect(const roof__json *j, size_t obj,
                          const char *const *names, size_t n, size_t *slots)
{
    size_t unknown = ROOF__JSON_NONE;
    for (size_t i = 0; i < n; i++)
        slots[i] = ROOF__JSON_NONE;
    size_t it = roof__json_enter(j, obj), key, val;
    while (roof__json_member(j, &it, &key, &val)) {
        char buf[64] = ""; /* buf[0] is read even for an empty key */
        size_t len = roof__json_string(j, key, buf, sizeof buf);
        size_t i = 0;
        /* The first byte rules out most names without a strlen. */
        while (i < n && !(buf[0] == names[i][0] && len == strlen(names[i])
                          && memcmp(buf, names[i], len) == 0))
            i++;
        if (i < n)
            slots[i] = val;
        else if (unknown == ROOF__JSON_NONE && j->text[key + 1] != '_')
            unknown = key;
    }
    return unknown;
}
