/*
 * roofmodel: readers and writers of real inputs.  HuggingFace config.json,
 * hardware description files (JSON), measured-kernel CSV (plain, or Nsight
 * Compute's raw export).  Strict: RFC 8259 JSON with a nesting limit, RFC
 * 4180 CSV.  Input is a pointer and a length: the parsers never read past
 * it and need no NUL terminator.  docs/inputs.md documents the formats.
 */
#ifndef ROOFMODEL_PARSE_H
#define ROOFMODEL_PARSE_H

#include "common.h"
#include "hardware.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ROOF_JSON_MAX_DEPTH 64

/* Where and why parsing failed.  line and column count from 1 (column in
 * bytes); message is NUL-terminated English text naming the key or column
 * when there is one. */
typedef struct roof_parse_error {
    uint32_t line;
    uint32_t column;
    uint64_t offset;   /* byte offset of the error */
    char message[112];
} roof_parse_error;

/* A HuggingFace config.json into a model descriptor.  err may be NULL; it
 * is written only on failure.  ROOF_E_NULL, ROOF_E_PARSE, ROOF_E_MISSING
 * (a required key is absent: the message names it), ROOF_E_TYPE,
 * ROOF_E_RANGE, ROOF_E_INVALID, ROOF_E_UNSUPPORTED (a model_type or an
 * architecture key the reader does not model: the message names it). */
ROOF_API int roof_model_from_json(const char *text, size_t len,
                                  roof_model *out, roof_parse_error *err);

/* As roof_model_from_json, but a config whose model_type is unknown is
 * read with the keys and defaults of the family of model_type `as`
 * ("llama", "gpt2", "qwen3", ...: any type the reader knows), an explicit
 * opt-in: the descriptor then says so, its name ending in " (as <as>)" and
 * its source starting "read as <as> (unknown model_type)".  A known
 * model_type is read as itself.  ROOF_E_NOT_FOUND when `as` is no known
 * model_type; otherwise as roof_model_from_json. */
ROOF_API int roof_model_from_json_as(const char *text, size_t len,
                                     const char *as, roof_model *out,
                                     roof_parse_error *err);

/* A model as a HuggingFace-style config.json that reads back with
 * roof_model_from_json to the identical descriptor.  Buffer semantics as
 * roof_chart_svg.  ROOF_E_NULL, the statuses of roof_model_validate, and
 * ROOF_E_INVALID when a string is not valid UTF-8 (JSON must be). */
ROOF_API int roof_model_to_json(const roof_model *m, char *buf, size_t cap,
                                size_t *len);

/* A hardware description file (the fields of roof_hardware).
 * Errors as roof_model_from_json. */
ROOF_API int roof_hardware_from_json(const char *text, size_t len,
                                     roof_hardware *out,
                                     roof_parse_error *err);

/* A descriptor as JSON that reads back to the identical descriptor
 * (numbers printed with 17 significant digits).  Buffer semantics as
 * roof_chart_svg.  ROOF_E_NULL, the statuses of roof_hardware_validate,
 * and ROOF_E_INVALID when a string is not valid UTF-8. */
ROOF_API int roof_hardware_to_json(const roof_hardware *hw, char *buf,
                                   size_t cap, size_t *len);

#define ROOF_KERNEL_NAME_MAX 96

/* One measured kernel. */
typedef struct roof_kernel {
    char name[ROOF_KERNEL_NAME_MAX]; /* truncated to fit, NUL-terminated */
    double flops;
    double bytes;
    double seconds;
} roof_kernel;

/* Measured kernels from CSV: either a plain file with a header naming the
 * columns name, flops, bytes and seconds (any order, other columns
 * ignored), or Nsight Compute's `--csv --page raw` export (detected by its
 * counter columns).  out[] receives *count rows; on
 * ROOF_E_BUFFER_TOO_SMALL *count receives the number needed.  out may be
 * NULL when cap is 0, to count.  ROOF_E_NULL, ROOF_E_PARSE, ROOF_E_MISSING,
 * ROOF_E_RANGE, ROOF_E_BUFFER_TOO_SMALL. */
ROOF_API int roof_kernels_from_csv(const char *text, size_t len,
                                   roof_kernel *out, uint32_t cap,
                                   uint32_t *count, roof_parse_error *err);

/* Called by roof_kernels_visit_csv with each kernel in file order; ctx is
 * the caller's.  Return 0 to go on, anything else to stop the visit. */
typedef int (*roof_kernel_fn)(void *ctx, const roof_kernel *k);

/* The kernels of a CSV (the formats of roof_kernels_from_csv), handed to
 * fn one at a time instead of stored: memory stays constant whatever the
 * file's length.  Every row is checked first, so on a malformed file fn is
 * never called and err says where; then fn sees each kernel, and *count
 * receives how many it saw.  ROOF_E_NULL (text, fn or count NULL),
 * ROOF_E_PARSE, ROOF_E_MISSING, ROOF_E_RANGE as roof_kernels_from_csv;
 * ROOF_E_WRITE when fn stopped the visit (*count is then untouched). */
ROOF_API int roof_kernels_visit_csv(const char *text, size_t len,
                                    roof_kernel_fn fn, void *ctx,
                                    uint32_t *count, roof_parse_error *err);

#ifdef __cplusplus
}
#endif
#endif
