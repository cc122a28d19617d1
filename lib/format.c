/* Weight formats: their bits, bytes and the precision their math runs in.
 * docs/formats.md derives each row of the table. */
#include "hardware_table-priv.h"

/* One format: its element and the scales that come with it. */
typedef struct format_info {
    const char *name;
    double element_bits;
    double group_scale_bits;  /* one scale (and zero point) per group */
    uint32_t group_rows;      /* rows x cols one group scale covers; */
    uint32_t group_cols;      /* 0 = no group scales */
    double channel_scale_bits; /* per output row; 0 = none */
    double tensor_scale_bits;  /* per tensor; 0 = none */
    uint32_t native;          /* roof_precision of its math */
    uint32_t weight_only;     /* 1: always widened before the math */
} format_info;

static const format_info formats[] = {
    [ROOF_FORMAT_FP32] = {"fp32", 32, 0, 0, 0, 0, 0, ROOF_FP32, 0},
    [ROOF_FORMAT_BF16] = {"bf16", 16, 0, 0, 0, 0, 0, ROOF_BF16, 0},
    [ROOF_FORMAT_FP16] = {"fp16", 16, 0, 0, 0, 0, 0, ROOF_FP16, 0},
    [ROOF_FORMAT_FP8] = {"fp8", 8, 0, 0, 0, 0, 32, ROOF_FP8, 0},
    [ROOF_FORMAT_FP8_CHANNEL] = {"fp8-channel", 8, 0, 0, 0, 32, 0, ROOF_FP8,
                                 0},
    [ROOF_FORMAT_FP8_BLOCK128] = {"fp8-block128", 8, 32, 128, 128, 0, 0,
                                  ROOF_FP8, 0},
    [ROOF_FORMAT_MXFP8] = {"mxfp8", 8, 8, 1, 32, 0, 0, ROOF_FP8, 0},
    [ROOF_FORMAT_MXFP6] = {"mxfp6", 6, 8, 1, 32, 0, 0, ROOF_FP6, 0},
    [ROOF_FORMAT_MXFP4] = {"mxfp4", 4, 8, 1, 32, 0, 0, ROOF_FP4, 0},
    [ROOF_FORMAT_NVFP4] = {"nvfp4", 4, 8, 1, 16, 0, 32, ROOF_FP4, 0},
    [ROOF_FORMAT_INT8_CHANNEL] = {"int8-channel", 8, 0, 0, 0, 32, 0,
                                  ROOF_INT8, 0},
    [ROOF_FORMAT_INT4_G128] = {"int4-g128", 4, 20, 1, 128, 0, 0, ROOF_FP16,
                               1},
    [ROOF_FORMAT_INT4_G32] = {"int4-g32", 4, 20, 1, 32, 0, 0, ROOF_FP16, 1},
};

/* A missing row would be a zeroed entry with a NULL name. */
typedef char format_table_complete[
    ROOF_ARRAY_LEN(formats) == ROOF_FORMAT_COUNT ? 1 : -1];

static const format_info *info(uint32_t format)
{
    return format < ROOF_FORMAT_COUNT ? &formats[format] : NULL;
}

const char *roof_format_name(uint32_t format)
{
    const format_info *f = info(format);
    return f != NULL ? f->name : NULL;
}

int roof_format_from_name(const char *name, uint32_t *format)
{
    if (name == NULL || format == NULL)
        return ROOF_E_NULL;
    for (uint32_t i = 0; i < ROOF_FORMAT_COUNT; i++) {
        if (roof__name_eq(name, formats[i].name)) {
            *format = i;
            return ROOF_OK;
        }
    }
    return ROOF_E_NOT_FOUND;
}

int roof_format_bits_per_weight(uint32_t format, double *bits)
{
    const format_info *f = info(format);
    if (bits == NULL)
        return ROOF_E_NULL;
    if (f == NULL)
        return ROOF_E_INVALID;
    double group = (double)f->group_rows * (double)f->group_cols;
    *bits = f->element_bits + (group > 0.0 ? f->group_scale_bits / group
                                           : 0.0);
    return ROOF_OK;
}

static double ceil_div(uint32_t a, uint32_t b)
{
    return (double)(((uint64_t)a + b - 1) / b);
}

int roof_format_weight_bytes(uint32_t format, uint32_t rows, uint32_t cols,
                             double *bytes)
{
    const format_info *f = info(format);
    if (bytes == NULL)
        return ROOF_E_NULL;
    if (f == NULL)
        return ROOF_E_INVALID;
    if (rows == 0 || cols == 0)
        return ROOF_E_RANGE;
    double bits = (double)rows * (double)cols * f->element_bits
                + (double)rows * f->channel_scale_bits
                + f->tensor_scale_bits;
    if (f->group_cols > 0)
        bits += ceil_div(rows, f->group_rows) * ceil_div(cols, f->group_cols)
              * f->group_scale_bits;
    *bytes = bits / 8.0;
    return ROOF_OK;
}

int roof_format_native_precision(uint32_t format, uint32_t *precision)
{
    const format_info *f = info(format);
    if (precision == NULL)
        return ROOF_E_NULL;
    if (f == NULL)
        return ROOF_E_INVALID;
    *precision = f->native;
    return ROOF_OK;
}

/* The first precision of `order` the device has a rate for, or
 * ROOF_PRECISION_COUNT. */
static uint32_t first_supported(const roof_hardware *hw,
                                const uint32_t *order, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (hw->flops_per_clock_per_unit[order[i]] > 0.0)
            return order[i];
    }
    return ROOF_PRECISION_COUNT;
}

int roof_format_math_precision(const roof_hardware *hw, uint32_t format,
                               uint32_t *precision, uint32_t *dequantized)
{
    /* Wider targets, in the order kernels widen to: 16-bit, then FP32.
     * An FP32 format can only stay FP32. */
    static const uint32_t wider[] = {ROOF_BF16, ROOF_FP16, ROOF_FP32};
    const format_info *f = info(format);
    if (hw == NULL || precision == NULL || dequantized == NULL)
        return ROOF_E_NULL;
    if (f == NULL)
        return ROOF_E_INVALID;
    int rc = roof_hardware_validate(hw);
    if (rc != ROOF_OK)
        return rc;
    uint32_t p = ROOF_PRECISION_COUNT;
    if (hw->flops_per_clock_per_unit[f->native] > 0.0)
        p = f->native;
    else if (f->native != ROOF_FP32)
        p = first_supported(hw, wider, ROOF_ARRAY_LEN(wider));
    if (p == ROOF_PRECISION_COUNT)
        return ROOF_E_UNSUPPORTED;
    *precision = p;
    *dequantized = (uint32_t)(f->weight_only || p != f->native);
    return ROOF_OK;
}
