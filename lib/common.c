/* Status texts, enum names, version: the small shared vocabulary. */
#include "util.h"

#include <string.h>

const char *roof_status_str(int status)
{
    switch (status) {
    case ROOF_OK: return "success";
    case ROOF_E_NULL: return "a required pointer argument is NULL";
    case ROOF_E_RANGE: return "a number is out of range (NaN, infinite, negative, zero or too large)";
    case ROOF_E_INVALID: return "invalid value or combination of fields";
    case ROOF_E_UNSUPPORTED: return "not supported: the device lacks that precision or link, or the input describes what the library cannot model";
    case ROOF_E_NOT_FOUND: return "no such device or model";
    case ROOF_E_BUFFER_TOO_SMALL: return "output buffer too small";
    case ROOF_E_PARSE: return "malformed input";
    case ROOF_E_MISSING: return "a required key or column is missing";
    case ROOF_E_TYPE: return "a value has the wrong type";
    case ROOF_E_WRITE: return "the write callback failed";
    case ROOF_E_OVERFLOW: return "a result is too large to represent";
    case ROOF_E_DOES_NOT_FIT: return "does not fit in device memory";
    case ROOF_E_MISMATCH: return "the calibration profile describes another device";
    case ROOF_E_DEGENERATE: return "the samples cannot determine the coefficients (too few, or all alike)";
    default: return "unknown status";
    }
}

static const char *const precision_names[ROOF_PRECISION_COUNT] = {
    [ROOF_FP64] = "fp64", [ROOF_FP32] = "fp32", [ROOF_TF32] = "tf32",
    [ROOF_FP16] = "fp16", [ROOF_BF16] = "bf16", [ROOF_FP8] = "fp8",
    [ROOF_INT8] = "int8", [ROOF_INT4] = "int4", [ROOF_FP6] = "fp6",
    [ROOF_FP4] = "fp4",
};

const char *roof_precision_name(uint32_t precision)
{
    return precision < ROOF_PRECISION_COUNT ? precision_names[precision] : NULL;
}

int roof_precision_from_name(const char *name, uint32_t *precision)
{
    if (name == NULL || precision == NULL)
        return ROOF_E_NULL;
    for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
        if (roof__name_eq(name, precision_names[p])) {
            *precision = p;
            return ROOF_OK;
        }
    }
    return ROOF_E_NOT_FOUND;
}

/* roof_bound_name: lib/names.c, with the other enum names. */

/* In [1e-30, 1]: a smaller fraction (1e-300, a denormal) would scale a
 * roof below the smallest divisor, and every use would refuse it. */
static int fraction_ok(double f)
{
    return f >= ROOF__MIN_DIVISOR && f <= 1.0;
}

int roof_efficiency_validate(const roof_efficiency *eff)
{
    if (eff == NULL)
        return ROOF_E_NULL;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(eff->reserved); i++) {
        if (eff->reserved[i] != 0.0)
            return ROOF_E_INVALID;
    }
    if (!fraction_ok(eff->compute) || !fraction_ok(eff->memory)
        || !fraction_ok(eff->interconnect))
        return ROOF_E_RANGE;
    return ROOF_OK;
}

uint32_t roof_version_number(void)
{
    return ROOF_VERSION_NUMBER;
}

const char *roof_version_string(void)
{
    return ROOF_VERSION_STRING;
}
