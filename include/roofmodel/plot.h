/*
 * roofmodel: roofline charts as SVG 1.1, written into a caller's buffer or
 * through a caller's write callback.  Log-log axes: operational intensity
 * (FLOP/byte) against performance (FLOP/s).
 */
#ifndef ROOFMODEL_PLOT_H
#define ROOFMODEL_PLOT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Receives `len` bytes of output; returns 0 on success, anything else
 * stops the rendering with ROOF_E_WRITE. */
typedef int (*roof_write_fn)(void *ctx, const char *data, size_t len);

#define ROOF_COLOR_AUTO 0xFFFFFFFFu /* take the next colour of the palette */

enum roof_marker {
    ROOF_MARKER_CROSS = 0,  /* "x", as the seed figure */
    ROOF_MARKER_CIRCLE = 1,
    ROOF_MARKER_SQUARE = 2,
    ROOF_MARKER_TRIANGLE = 3,
    ROOF_MARKER_PLUS = 4
};

/* A set of points, one legend entry.  Points with a non-positive or
 * non-finite coordinate are skipped (they have no place on log axes). */
typedef struct roof_series {
    const char *label;            /* UTF-8; escaped on output */
    const double *flops_per_byte; /* x, count entries */
    const double *flops_per_s;    /* y, count entries */
    uint32_t count;
    uint32_t color;               /* 0xRRGGBB or ROOF_COLOR_AUTO */
    uint32_t marker;              /* enum roof_marker */
    uint32_t reserved;            /* must be 0 */
} roof_series;

enum roof_ceiling_kind {
    ROOF_CEILING_COMPUTE = 0, /* horizontal line at value FLOP/s */
    ROOF_CEILING_MEMORY = 1   /* diagonal line of slope value B/s */
};

typedef struct roof_chart_ceiling {
    const char *label; /* NULL = the value with an SI prefix ("768GB/s") */
    double value;      /* FLOP/s or B/s; > 0 */
    uint32_t kind;     /* enum roof_ceiling_kind */
    uint32_t color;    /* 0xRRGGBB or ROOF_COLOR_AUTO */
} roof_chart_ceiling;

typedef struct roof_chart {
    const char *title;                  /* may be NULL */
    const roof_chart_ceiling *ceilings; /* may be NULL when count is 0 */
    uint32_t ceiling_count;
    uint32_t series_count;
    const roof_series *series;          /* may be NULL when count is 0 */
    double x_min, x_max;                /* FLOP/byte; 0, 0 = automatic */
    double y_min, y_max;                /* FLOP/s; 0, 0 = automatic */
    uint32_t width_px, height_px;       /* 0 = 960 x 640 */
    uint32_t ridge_line;  /* 1 = dashed vertical line at the ridge of the
                             first compute and first memory ceiling */
    uint32_t reserved;    /* must be 0 */
} roof_chart;

/* Layout and validation rules (docs/plot.md has the details):
 *  - Each axis limit that is 0 is automatic: from the points, the ceilings
 *    and the ridge (one decade either side), snapped to decades; an
 *    automatic y_max is a decade strictly above the highest peak or point.
 *    Given limits must be finite, positive, <= ROOF_MAX_VALUE, and
 *    x_min < x_max, y_min < y_max when both are given (ROOF_E_RANGE).
 *  - width_px, height_px: 0 or 320..16384 and 240..16384 (ROOF_E_RANGE).
 *  - A series label must not be NULL (ROOF_E_NULL); point arrays may be
 *    NULL only when count is 0 (ROOF_E_NULL).  Colours above 0xFFFFFF
 *    other than ROOF_COLOR_AUTO, unknown markers or ceiling kinds, a
 *    ridge_line other than 0 or 1, and non-zero reserved fields are
 *    ROOF_E_INVALID.  Ceiling values must be positive (ROOF_E_RANGE).
 *  - Automatic colours: series take matplotlib's tab10 colours in turn;
 *    bandwidth ceilings blue, peak ceilings red, the ridge line green.
 *  - Text is cut to 200 code points; invalid UTF-8 bytes become '?'.
 *  - The legend lists ceilings then series, in the corner hiding the
 *    fewest points; when it would cover over a quarter of the axes it moves
 *    right of them; on small canvases it shrinks, cuts labels and ends in
 *    "+N more" rather than leave the canvas. */

/* Renders into buf[0 .. cap).  On success *len is the SVG's length and
 * buf[*len] is a NUL (so cap must exceed the length).  On
 * ROOF_E_BUFFER_TOO_SMALL *len (when len is not NULL) receives the
 * capacity needed, NUL included, and buf is left untouched.
 * ROOF_E_NULL, ROOF_E_RANGE (bad axis limits, sizes or values),
 * ROOF_E_INVALID (unknown marker or kind). */
ROOF_API int roof_chart_svg(const roof_chart *c, char *buf, size_t cap,
                            size_t *len);

/* Streams the SVG through fn.  The chart is validated before the first
 * byte is written.  ROOF_E_WRITE when fn fails. */
ROOF_API int roof_chart_svg_write(const roof_chart *c, roof_write_fn fn,
                                  void *ctx);

/* Formats value with three significant digits and an SI prefix (y, z, a,
 * f, p, n, "\xc2\xb5" (micro, UTF-8), m, k, M, G, T, P, E, Z, Y) followed
 * by unit, with '.' as the decimal point whatever the locale:
 *   768e9, "B/s" -> "768GB/s"     181e12, "FLOP/s" -> "181TFLOP/s"
 *   1e10, NULL   -> "10G"         0.0015, "s"      -> "1.5ms"
 * A unit that starts with a space puts the space before the prefix:
 *   768e9, " B/s" -> "768 GB/s"   53.7e9, " FLOP" -> "53.7 GFLOP"
 * Values beyond the prefixes (|value| >= 1e27, or below 1e-24 and not 0)
 * keep exponent notation ("1e+30B/s").  unit may be NULL (none).
 * Buffer rules as roof_chart_svg: on success *len (when len is not NULL)
 * is the length and buf is NUL-terminated; ROOF_E_BUFFER_TOO_SMALL stores
 * the capacity needed, NUL included, and leaves buf untouched.  32 bytes
 * plus the unit's length always suffice.
 * ROOF_E_NULL (buf), ROOF_E_RANGE (value NaN, infinite or
 * |value| > ROOF_MAX_VALUE). */
ROOF_API int roof_format_si(double value, const char *unit, char *buf,
                            size_t cap, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
