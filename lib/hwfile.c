/* Hardware description files: one JSON object with the fields of
 * roof_hardware, read and written by one field table so the two can never
 * disagree.  docs/inputs.md documents the format. */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "util.h"

enum field_type { F_STR, F_U32, F_F64, F_RATES };

typedef struct hw_field {
    const char *key;
    size_t offset;   /* into roof_hardware */
    size_t size;     /* array size for F_STR */
    uint8_t type;
    uint8_t required;
} hw_field;

#define FIELD(k, member, t, req) \
    {k, offsetof(roof_hardware, member), \
     sizeof(((roof_hardware *)0)->member), t, req}

/* In file order; to_json writes them in this order. */
static const hw_field fields[] = {
    FIELD("name", name, F_STR, 1),
    FIELD("label", label, F_STR, 0),
    FIELD("vendor", vendor, F_STR, 0),
    FIELD("arch", arch, F_STR, 0),
    FIELD("source", source, F_STR, 0),
    FIELD("units", units, F_U32, 1),
    FIELD("clock_hz", clock_hz, F_F64, 1),
    FIELD("vector_clock_hz", vector_clock_hz, F_F64, 0),
    FIELD("flops_per_clock_per_unit", flops_per_clock_per_unit, F_RATES, 1),
    FIELD("memory_bytes", memory_bytes, F_F64, 1),
    FIELD("dram_bytes_per_s", dram_bytes_per_s, F_F64, 1),
    FIELD("l2_bytes", l2_bytes, F_F64, 0),
    FIELD("interconnect_bytes_per_s", interconnect_bytes_per_s, F_F64, 0),
    FIELD("scaleup_domain", scaleup_domain, F_U32, 0),
    FIELD("scaleout_bytes_per_s", scaleout_bytes_per_s, F_F64, 0),
    FIELD("fp16_acc16_flops_per_clock_per_unit",
          fp16_acc16_flops_per_clock_per_unit, F_F64, 0),
    FIELD("fp8_acc16_flops_per_clock_per_unit",
          fp8_acc16_flops_per_clock_per_unit, F_F64, 0),
};
#define FIELD_COUNT ROOF_ARRAY_LEN(fields)

/* ---- reading ---------------------------------------------------------- */

static int read_nonneg(const roof__json *j, size_t val, const char *key,
                       double *out, roof_parse_error *err)
{
    double x = 0.0;
    int rc = roof__json_get_f64(j, val, key, &x, err);
    if (rc != ROOF_OK)
        return rc;
    if (x < 0.0) {
        roof__parse_error_at(err, j->text, val, "negative value for", key);
        return ROOF_E_RANGE;
    }
    *out = x;
    return ROOF_OK;
}

/* {"fp16": 1024, ...}: precisions absent from the object stay 0. */
static int read_rates(const roof__json *j, size_t obj, double *rates,
                      roof_parse_error *err)
{
    if (roof__json_kind(j, obj) != ROOF__JSON_OBJECT) {
        roof__parse_error_at(err, j->text, obj, "expected an object for",
                             "flops_per_clock_per_unit");
        return ROOF_E_TYPE;
    }
    size_t it = roof__json_enter(j, obj), key, val;
    while (roof__json_member(j, &it, &key, &val)) {
        char name[16];
        size_t n = roof__json_string(j, key, name, sizeof name - 1);
        name[n < sizeof name - 1 ? n : sizeof name - 1] = '\0';
        uint32_t p = 0;
        if (n >= sizeof name - 1 || memchr(name, '\0', n) != NULL
            || roof_precision_from_name(name, &p) != ROOF_OK) {
            roof__parse_error_at(err, j->text, key,
                                 "unknown precision (fp64, fp32, tf32, fp16, "
                                 "bf16, fp8, int8, int4, fp6, fp4)", n < sizeof name - 1
                                 ? name : NULL);
            return ROOF_E_INVALID;
        }
        int rc = read_nonneg(j, val, name, &rates[p], err);
        if (rc != ROOF_OK)
            return rc;
    }
    return ROOF_OK;
}

/* The required numbers (units, clock_hz, memory_bytes, dram_bytes_per_s)
 * must be positive: a 0 is refused here, naming its key, rather than by
 * the validator, which cannot say which field it was. */
static int required_positive(const roof__json *j, const hw_field *f,
                             size_t val, double x, roof_parse_error *err)
{
    if (!f->required || x > 0.0)
        return ROOF_OK;
    roof__parse_error_at(err, j->text, val, "must be positive:", f->key);
    return ROOF_E_RANGE;
}

static int read_field(const roof__json *j, const hw_field *f, size_t val,
                      roof_hardware *hw, roof_parse_error *err)
{
    char *dst = (char *)hw + f->offset;
    int rc;
    switch (f->type) {
    case F_STR:
        return roof__json_get_str(j, val, f->key, dst, f->size, err);
    case F_U32:
        rc = roof__json_get_u32(j, val, f->key, (uint32_t *)(void *)dst, err);
        if (rc == ROOF_OK)
            rc = required_positive(j, f, val, *(uint32_t *)(void *)dst, err);
        return rc;
    case F_F64:
        rc = read_nonneg(j, val, f->key, (double *)(void *)dst, err);
        if (rc == ROOF_OK)
            rc = required_positive(j, f, val, *(double *)(void *)dst, err);
        return rc;
    default:
        return read_rates(j, val, (double *)(void *)dst, err);
    }
}

/* Unknown keys are refused (a misspelt key would silently become 0), but
 * keys starting with '_' are free for comments. */
static int check_unknown(const roof__json *j, size_t key,
                         roof_parse_error *err)
{
    if (key == ROOF__JSON_NONE)
        return ROOF_OK;
    char name[64];
    size_t n = roof__json_string(j, key, name, sizeof name - 1);
    name[n < sizeof name - 1 ? n : sizeof name - 1] = '\0';
    roof__parse_error_at(err, j->text, key, "unknown key", name);
    return ROOF_E_INVALID;
}

static int read_fields(const roof__json *j, roof_hardware *hw,
                       roof_parse_error *err)
{
    const char *names[FIELD_COUNT];
    size_t slots[FIELD_COUNT];
    for (size_t i = 0; i < FIELD_COUNT; i++)
        names[i] = fields[i].key;
    size_t unknown = roof__json_collect(j, j->root, names, FIELD_COUNT,
                                        slots);
    int rc = check_unknown(j, unknown, err);
    for (size_t i = 0; rc == ROOF_OK && i < FIELD_COUNT; i++) {
        if (slots[i] == ROOF__JSON_NONE) {
            if (fields[i].required) {
                roof__parse_error_at(err, j->text, j->root, "missing key",
                                     fields[i].key);
                rc = ROOF_E_MISSING;
            }
            continue;
        }
        rc = read_field(j, &fields[i], slots[i], hw, err);
    }
    /* fields[1] is "label": absent, it defaults to the name. */
    if (slots[1] == ROOF__JSON_NONE)
        memcpy(hw->label, hw->name, sizeof hw->label);
    return rc;
}

int roof_hardware_from_json(const char *text, size_t len, roof_hardware *out,
                            roof_parse_error *err)
{
    roof__json j;
    if (out == NULL) {
        roof__parse_error_at(err, NULL, 0, "output is NULL", NULL);
        return ROOF_E_NULL;
    }
    int rc = roof__json_check(text, len, &j, err);
    if (rc != ROOF_OK)
        return rc;
    if (roof__json_kind(&j, j.root) != ROOF__JSON_OBJECT) {
        roof__parse_error_at(err, text, j.root,
                             "a hardware file must be a JSON object", NULL);
        return ROOF_E_TYPE;
    }
    roof_hardware hw;
    memset(&hw, 0, sizeof hw);
    rc = read_fields(&j, &hw, err);
    if (rc != ROOF_OK)
        return rc;
    rc = roof_hardware_validate(&hw);
    if (rc != ROOF_OK) {
        roof__parse_error_at(err, text, j.root,
                             "not a valid hardware descriptor:",
                             roof_status_str(rc));
        return rc;
    }
    *out = hw;
    return ROOF_OK;
}

/* ---- writing ---------------------------------------------------------- */

static void write_rates(roof__out *o, const double *rates)
{
    roof__out_str(o, "{");
    for (uint32_t p = 0; p < ROOF_PRECISION_COUNT; p++) {
        roof__out_str(o, p == 0 ? "\n    " : ",\n    ");
        roof__out_json_str(o, roof_precision_name(p));
        roof__out_str(o, ": ");
        roof__out_double(o, rates[p]);
    }
    roof__out_str(o, "\n  }");
}

static int render_hw(roof__out *o, const void *arg)
{
    const roof_hardware *hw = arg;
    roof__out_str(o, "{");
    for (size_t i = 0; i < FIELD_COUNT; i++) {
        const hw_field *f = &fields[i];
        const char *src = (const char *)hw + f->offset;
        roof__out_str(o, i == 0 ? "\n  " : ",\n  ");
        roof__out_json_str(o, f->key);
        roof__out_str(o, ": ");
        if (f->type == F_STR)
            roof__out_json_str(o, src);
        else if (f->type == F_U32)
            roof__out_fmt(o, "%lu", (unsigned long)*(const uint32_t *)(const void *)src);
        else if (f->type == F_F64)
            roof__out_double(o, *(const double *)(const void *)src);
        else
            write_rates(o, (const double *)(const void *)src);
    }
    roof__out_str(o, "\n}\n");
    return ROOF_OK;
}

int roof_hardware_to_json(const roof_hardware *hw, char *buf, size_t cap,
                          size_t *len)
{
    if (hw == NULL || (buf == NULL && cap > 0))
        return ROOF_E_NULL;
    int rc = roof_hardware_validate(hw);
    if (rc != ROOF_OK)
        return rc;
    /* Text the reader would reject must not be written. */
    if (!roof__utf8_valid(hw->name) || !roof__utf8_valid(hw->label)
        || !roof__utf8_valid(hw->vendor) || !roof__utf8_valid(hw->arch)
        || !roof__utf8_valid(hw->source))
        return ROOF_E_INVALID;
    return roof__render_to_buf(render_hw, hw, buf, cap, len);
}
