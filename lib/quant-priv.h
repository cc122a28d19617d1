/* A model's per-module weight formats in JSON: HuggingFace's
 * quantization_config read into them, and roofmodel's own "formats"
 * object read and written (lib/config.c calls these).  docs/inputs.md,
 * "quantization_config", gives the rules. */
#ifndef ROOFMODEL_QUANT_PRIV_H
#define ROOFMODEL_QUANT_PRIV_H

#include "json.h"
#include "util.h"

/* Sets m's formats_set and format_* fields from the quantization_config
 * object at offset obj.  The model's sizes (experts, dense MLP, tied
 * lm_head) are already read; dtype_given says whether the config names a
 * torch_dtype: without one, what the method leaves unconverted is BF16 and
 * native_bits becomes 16.  ROOF_E_TYPE (not an object, a key of the wrong
 * type), ROOF_E_MISSING (no quant_method), ROOF_E_UNSUPPORTED (a method,
 * block size, bit width, group size or excluded module roofmodel cannot
 * describe, named in *err); *m untouched on error. */
int roof__quant_read(const roof__json *j, size_t obj, int dtype_given,
                     roof_model *m, roof_parse_error *err);

/* roofmodel's own {"layers": "bf16", "experts": "mxfp4", ...} at offset
 * obj: replaces the formats of *m.  ROOF_E_TYPE, ROOF_E_INVALID (unknown
 * module or format name). */
int roof__formats_read(const roof__json *j, size_t obj, roof_model *m,
                       roof_parse_error *err);

/* Writes ",\n    \"formats\": {...}" for the set formats of a valid *m;
 * nothing when none is set. */
void roof__formats_write(roof__out *o, const roof_model *m);

#endif
