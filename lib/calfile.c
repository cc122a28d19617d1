/* Calibration profiles as JSON files (docs/inputs.md): the strict reader
 * and a writer whose output reads back to the identical profile. */
#include "calibration-priv.h"
#include "json.h"

#include <stddef.h>
#include <string.h>

enum top_key { T_NAME, T_DEVICE, T_SOURCE, T_ENGINE, T_DATE, T_ORIGIN,
               T_OVERHEAD, T_KINDS, T_COUNT };
static const char *const top_keys[T_COUNT] = {
    [T_NAME] = "name",     [T_DEVICE] = "device", [T_SOURCE] = "source",
    [T_ENGINE] = "engine", [T_DATE] = "date",     [T_ORIGIN] = "origin",
    [T_OVERHEAD] = "step_overhead_seconds",       [T_KINDS] = "kinds",
};

#define COEFS ROOF__COEFS
/* In roof__coef_at's order. */
static const char *const coef_keys[COEFS] = {
    "floor_seconds", "compute_fraction", "memory_fraction",
    "row_bytes_per_s", "masked_fraction",
};

static int unknown_key(const roof__json *j, size_t key, roof_parse_error *err)
{
    char name[64];
    size_t n = roof__json_string(j, key, name, sizeof name - 1);
    name[n < sizeof name - 1 ? n : sizeof name - 1] = '\0';
    roof__parse_error_at(err, j->text, key, "unknown key", name);
    return ROOF_E_INVALID;
}

static int missing(const roof__json *j, size_t at, const char *key,
                   roof_parse_error *err)
{
    roof__parse_error_at(err, j->text, at, "missing key", key);
    return ROOF_E_MISSING;
}

static int expect_object(const roof__json *j, size_t at, const char *key,
                         roof_parse_error *err)
{
    if (roof__json_kind(j, at) == ROOF__JSON_OBJECT)
        return ROOF_OK;
    roof__parse_error_at(err, j->text, at, "expected an object for", key);
    return ROOF_E_TYPE;
}

static int read_coef(const roof__json *j, size_t obj, const char *kind,
                     roof_kernel_coef *c, roof_parse_error *err)
{
    size_t slots[COEFS];
    int rc = expect_object(j, obj, kind, err);
    if (rc != ROOF_OK)
        return rc;
    size_t bad = roof__json_collect(j, obj, coef_keys, COEFS, slots);
    if (bad != ROOF__JSON_NONE)
        return unknown_key(j, bad, err);
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < COEFS && rc == ROOF_OK; i++) {
        if (slots[i] == ROOF__JSON_NONE)
            rc = missing(j, obj, coef_keys[i], err);
        else
            rc = roof__json_get_f64(j, slots[i], coef_keys[i],
                                    roof__coef_at(c, (int)i), err);
    }
    return rc;
}

static int read_kinds(const roof__json *j, size_t obj, roof_calibration *cal,
                      roof_parse_error *err)
{
    const char *names[ROOF_KERNEL_KIND_COUNT];
    size_t slots[ROOF_KERNEL_KIND_COUNT];
    int rc = expect_object(j, obj, "kinds", err);
    if (rc != ROOF_OK)
        return rc;
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++)
        names[k] = roof_kernel_kind_name(k);
    size_t bad = roof__json_collect(j, obj, names, ROOF_KERNEL_KIND_COUNT,
                                    slots);
    if (bad != ROOF__JSON_NONE)
        return unknown_key(j, bad, err);
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT && rc == ROOF_OK; k++) {
        rc = slots[k] == ROOF__JSON_NONE
                 ? missing(j, obj, names[k], err)
                 : read_coef(j, slots[k], names[k], &cal->kind[k], err);
    }
    return rc;
}

static int read_origin(const roof__json *j, size_t at, uint32_t *origin,
                       roof_parse_error *err)
{
    char text[16];
    int rc = roof__json_get_str(j, at, "origin", text, sizeof text, err);
    for (uint32_t o = 0; rc == ROOF_OK && roof_calibration_origin_name(o); o++) {
        if (strcmp(text, roof_calibration_origin_name(o)) == 0) {
            *origin = o;
            return ROOF_OK;
        }
    }
    if (rc == ROOF_OK) {
        roof__parse_error_at(err, j->text, at,
                             "origin must be fitted, derived or generic, in",
                             "origin");
        rc = ROOF_E_INVALID;
    }
    return rc;
}

static int read_strings(const roof__json *j, const size_t *slots,
                        roof_calibration *cal, roof_parse_error *err)
{
    struct { size_t key; char *dst; size_t cap; } s[] = {
        {T_NAME, cal->name, sizeof cal->name},
        {T_DEVICE, cal->device, sizeof cal->device},
        {T_SOURCE, cal->source, sizeof cal->source},
        {T_ENGINE, cal->engine, sizeof cal->engine},
        {T_DATE, cal->date, sizeof cal->date},
    };
    int rc = ROOF_OK;
    for (size_t i = 0; i < ROOF_ARRAY_LEN(s) && rc == ROOF_OK; i++) {
        rc = slots[s[i].key] == ROOF__JSON_NONE
                 ? missing(j, j->root, top_keys[s[i].key], err)
                 : roof__json_get_str(j, slots[s[i].key], top_keys[s[i].key],
                                      s[i].dst, s[i].cap, err);
    }
    return rc;
}

static int read_profile(const roof__json *j, roof_calibration *cal,
                        roof_parse_error *err)
{
    size_t slots[T_COUNT];
    int rc = expect_object(j, j->root, "the profile", err);
    if (rc != ROOF_OK)
        return rc;
    size_t bad = roof__json_collect(j, j->root, top_keys, T_COUNT, slots);
    if (bad != ROOF__JSON_NONE)
        return unknown_key(j, bad, err);
    rc = read_strings(j, slots, cal, err);
    if (rc == ROOF_OK)
        rc = slots[T_ORIGIN] == ROOF__JSON_NONE
                 ? missing(j, j->root, "origin", err)
                 : read_origin(j, slots[T_ORIGIN], &cal->origin, err);
    if (rc == ROOF_OK && slots[T_OVERHEAD] != ROOF__JSON_NONE)
        rc = roof__json_get_f64(j, slots[T_OVERHEAD], "step_overhead_seconds",
                                &cal->step_overhead_seconds, err);
    if (rc == ROOF_OK)
        rc = slots[T_KINDS] == ROOF__JSON_NONE
                 ? missing(j, j->root, "kinds", err)
                 : read_kinds(j, slots[T_KINDS], cal, err);
    return rc;
}

int roof_calibration_from_json(const char *text, size_t len,
                               roof_calibration *out, roof_parse_error *err)
{
    if (text == NULL || out == NULL) {
        roof__parse_error_at(err, NULL, 0, "a required argument is NULL", NULL);
        return ROOF_E_NULL;
    }
    roof__json j;
    int rc = roof__json_check(text, len, &j, err);
    if (rc != ROOF_OK)
        return rc;
    roof_calibration cal;
    memset(&cal, 0, sizeof cal);
    rc = read_profile(&j, &cal, err);
    if (rc == ROOF_OK && (rc = roof_calibration_validate(&cal)) != ROOF_OK)
        roof__parse_error_at(err, text, j.root,
                             "a coefficient is out of its range (see "
                             "docs/calibration.md) in", "kinds");
    if (rc == ROOF_OK)
        *out = cal;
    return rc;
}

static void write_coef(roof__out *o, roof_kernel_coef c)
{
    roof__out_str(o, "{");
    for (int i = 0; i < COEFS; i++) {
        roof__out_str(o, i == 0 ? "\n      " : ",\n      ");
        roof__out_json_str(o, coef_keys[i]);
        roof__out_str(o, ": ");
        roof__out_double(o, *roof__coef_at(&c, i));
    }
    roof__out_str(o, "\n    }");
}

static int render_profile(roof__out *o, const void *arg)
{
    const roof_calibration *cal = arg;
    const char *const strs[] = {cal->name, cal->device, cal->source,
                                cal->engine, cal->date};
    roof__out_str(o, "{");
    for (size_t i = 0; i < ROOF_ARRAY_LEN(strs); i++) {
        roof__out_str(o, i == 0 ? "\n  " : ",\n  ");
        roof__out_json_str(o, top_keys[i]);
        roof__out_str(o, ": ");
        roof__out_json_str(o, strs[i]);
    }
    roof__out_str(o, ",\n  \"origin\": ");
    roof__out_json_str(o, roof_calibration_origin_name(cal->origin));
    roof__out_str(o, ",\n  \"step_overhead_seconds\": ");
    roof__out_double(o, cal->step_overhead_seconds);
    roof__out_str(o, ",\n  \"kinds\": {");
    for (uint32_t k = 0; k < ROOF_KERNEL_KIND_COUNT; k++) {
        roof__out_str(o, k == 0 ? "\n    " : ",\n    ");
        roof__out_json_str(o, roof_kernel_kind_name(k));
        roof__out_str(o, ": ");
        write_coef(o, cal->kind[k]);
    }
    roof__out_str(o, "\n  }\n}\n");
    return ROOF_OK;
}

int roof_calibration_to_json(const roof_calibration *cal, char *buf,
                             size_t cap, size_t *len)
{
    if (cal == NULL || (buf == NULL && cap > 0))
        return ROOF_E_NULL;
    int rc = roof_calibration_validate(cal);
    if (rc != ROOF_OK)
        return rc;
    if (!roof__utf8_valid(cal->name) || !roof__utf8_valid(cal->device)
        || !roof__utf8_valid(cal->source) || !roof__utf8_valid(cal->engine)
        || !roof__utf8_valid(cal->date))
        return ROOF_E_INVALID;
    return roof__render_to_buf(render_profile, cal, buf, cap, len);
}
