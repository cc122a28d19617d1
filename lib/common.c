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
    case ROOF_E_UNSUPPORTED: return "the device does not support that precision";
    case ROOF_E_NOT_FOUND: return "no such device or model";
    case ROOF_E_BUFFER_TOO_SMALL: return "output buffer too small";
    case ROOF_E_PARSE: return "malformed input";
    case ROOF_E_MISSING: return "a required key or column is missing";
    case ROOF_E_TYPE: return "a value has the wrong type";
    case ROOF_E_WRITE: return "the write callback failed";
    case ROOF_E_OVERFLOW: return "a result is too large to represent";
    case ROOF_E_DOES_NOT_FIT: return "does not fit in device memory";
    default: return "unknown status";
    }
}

static const char *const precision_names[ROOF_PRECISION_COUNT] = {
    "fp64", "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4",
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

const char *roof_bound_name(uint32_t bound)
{
    static const char *const names[] = {"none", "memory", "compute",
                                        "interconnect"};
    return bound < ROOF_ARRAY_LEN(names) ? names[bound] : NULL;
}

static int fraction_ok(double f)
{
    return roof__is_num(f) && f > 0.0 && f <= 1.0;
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
