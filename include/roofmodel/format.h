/*
 * roofmodel: number formats of weights, with the scales they carry.
 *
 * A format is how a checkpoint stores a matrix: the element type, and the
 * scales (per tensor, per output channel, per group of the input dimension
 * or per 2-D block) that give the elements their range.  Its cost in
 * memory is its bits per weight including those scales, and its cost in
 * time depends on the precision the matmul runs in on a given device: the
 * format's own where the device has a rate for it, else a wider one after
 * dequantizing.  docs/formats.md derives every figure.
 */
#ifndef ROOFMODEL_FORMAT_H
#define ROOFMODEL_FORMAT_H

#include "common.h"
#include "hardware.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Weight formats.  Explicit values: part of the ABI. */
enum roof_format {
    ROOF_FORMAT_FP32 = 0,
    ROOF_FORMAT_BF16 = 1,
    ROOF_FORMAT_FP16 = 2,
    ROOF_FORMAT_FP8 = 3,          /* E4M3, one FP32 scale per tensor */
    ROOF_FORMAT_FP8_CHANNEL = 4,  /* E4M3, one FP32 scale per output row */
    ROOF_FORMAT_FP8_BLOCK128 = 5, /* E4M3, one FP32 scale per 128 x 128
                                     block (DeepSeek-V3) */
    ROOF_FORMAT_MXFP8 = 6,        /* OCP MX: E4M3, E8M0 scale per 32 */
    ROOF_FORMAT_MXFP6 = 7,        /* OCP MX: E2M3, E8M0 scale per 32 */
    ROOF_FORMAT_MXFP4 = 8,        /* OCP MX: E2M1, E8M0 scale per 32
                                     (gpt-oss experts) */
    ROOF_FORMAT_NVFP4 = 9,        /* E2M1, E4M3 scale per 16, plus one
                                     FP32 scale per tensor */
    ROOF_FORMAT_INT8_CHANNEL = 10, /* INT8, one FP32 scale per output row
                                      (W8A8) */
    ROOF_FORMAT_INT4_G128 = 11,   /* INT4, FP16 scale and 4-bit zero per
                                     128 inputs (AWQ, GPTQ); weight-only */
    ROOF_FORMAT_INT4_G32 = 12     /* the same per 32 inputs */
};
#define ROOF_FORMAT_COUNT 13

/* "mxfp4", "fp8-block128", ...; NULL for an unknown value. */
ROOF_API const char *roof_format_name(uint32_t format);

/* Case-insensitive inverse of roof_format_name ("MXFP4" -> ROOF_FORMAT_MXFP4;
 * '-', '_' and spaces are ignored).  ROOF_E_NULL or ROOF_E_NOT_FOUND. */
ROOF_API int roof_format_from_name(const char *name, uint32_t *format);

/* Bits one weight costs, its share of the group and block scales included:
 * MXFP4 4 + 8/32 = 4.25, NVFP4 4 + 8/16 = 4.5, FP8 with 128 x 128 blocks
 * 8 + 32/16384.  Per-tensor and per-output-row scales cost 32 bits per
 * tensor or row, which no per-weight figure can hold: they are left out
 * here and counted by roof_format_weight_bytes.
 * ROOF_E_NULL, ROOF_E_INVALID for an unknown format. */
ROOF_API int roof_format_bits_per_weight(uint32_t format, double *bits);

/* Exact bytes of a rows x cols weight matrix (rows = output features,
 * cols = input features, the dimension groups run along) in `format`,
 * every scale included; partial groups and blocks at the edges count
 * whole.  rows and cols in 1 .. 2^32-1.
 * ROOF_E_NULL, ROOF_E_INVALID (unknown format), ROOF_E_RANGE (0). */
ROOF_API int roof_format_weight_bytes(uint32_t format, uint32_t rows,
                                      uint32_t cols, double *bytes);

/* The precision the format's math runs in natively: MXFP4 and NVFP4 ->
 * ROOF_FP4, MXFP6 -> ROOF_FP6, the FP8 formats -> ROOF_FP8, INT8 ->
 * ROOF_INT8; the weight-only INT4 formats -> ROOF_FP16 (dequantized in
 * every case).  ROOF_E_NULL, ROOF_E_INVALID. */
ROOF_API int roof_format_native_precision(uint32_t format,
                                          uint32_t *precision);

/* The precision a matmul with weights in `format` runs at on `hw`: the
 * format's native precision when the device has a rate for it, else the
 * first the device has of BF16, FP16, FP32 (wider types; FP8 and FP6 are
 * skipped as targets, since an element times a block scale need not fit
 * them).  *dequantized is 1 when the weights are widened before the math
 * (MXFP4 on an H100 -> ROOF_BF16, dequantized; any weight-only format),
 * else 0.  ROOF_E_NULL, ROOF_E_INVALID (unknown format), the status of
 * roof_hardware_validate, or ROOF_E_UNSUPPORTED when the device has none
 * of these precisions (outputs untouched). */
ROOF_API int roof_format_math_precision(const roof_hardware *hw,
                                        uint32_t format, uint32_t *precision,
                                        uint32_t *dequantized);

#ifdef __cplusplus
}
#endif
#endif
