/*
 * roofmodel: common definitions shared by every part of the API.
 *
 * Conventions that hold for every function of the library:
 *  - Every function that can fail returns an int status: ROOF_OK (0) or one
 *    of the ROOF_E_* codes below.  The values are stable across releases.
 *  - Outputs go to caller-owned storage.  On any error nothing is written to
 *    them (with one documented exception: ROOF_E_BUFFER_TOO_SMALL stores the
 *    needed size in the separate `needed`/`count` argument, when given).
 *  - Nothing is allocated, there is no global mutable state, and every
 *    function may be called from many threads at once on shared inputs.
 *  - Units are in the names: flops, bytes, seconds, flops_per_s,
 *    bytes_per_s, flops_per_byte, hz.  FLOPs count a multiply-add as 2.
 *  - Numbers given to the library must be finite and at most ROOF_MAX_VALUE;
 *    no NaN or infinity ever comes out of it.
 */
#ifndef ROOFMODEL_COMMON_H
#define ROOFMODEL_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one export macro: the library is built with hidden visibility. */
#if defined(_WIN32) && defined(ROOF_BUILDING_DLL)
#define ROOF_API __declspec(dllexport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define ROOF_API __attribute__((visibility("default")))
#else
#define ROOF_API
#endif

/* Status codes.  Explicit values: they are part of the ABI, never reused. */
enum roof_status {
    ROOF_OK = 0,
    ROOF_E_NULL = 1,          /* a required pointer argument is NULL */
    ROOF_E_RANGE = 2,         /* a number is NaN, infinite, negative, zero
                                 where it must be positive, or too large */
    ROOF_E_INVALID = 3,       /* an enum value or combination of fields is
                                 not valid (unknown precision, heads not a
                                 multiple of kv_heads, ...) */
    ROOF_E_UNSUPPORTED = 4,   /* the device has no peak for that precision
                                 (or no link), or the input describes what
                                 the library cannot model (an unknown
                                 config.json family, named in the error) */
    ROOF_E_NOT_FOUND = 5,     /* no built-in device or model of that name */
    ROOF_E_BUFFER_TOO_SMALL = 6, /* output capacity too small; the needed
                                 size is reported where the API says so */
    ROOF_E_PARSE = 7,         /* malformed input text (JSON, CSV) */
    ROOF_E_MISSING = 8,       /* a required key or column is absent */
    ROOF_E_TYPE = 9,          /* a key has a value of the wrong type */
    ROOF_E_WRITE = 10,        /* a caller's write callback reported failure */
    ROOF_E_OVERFLOW = 11,     /* a result would not be representable */
    ROOF_E_DOES_NOT_FIT = 12, /* nothing fits in the device memory */
    ROOF_E_MISMATCH = 13,     /* a calibration profile of another device */
    ROOF_E_DEGENERATE = 14    /* the data cannot determine what is asked
                                 (a fit whose samples are all alike) */
};

/* Static English text for a status; never NULL ("unknown status" for a
 * value that is not a roof_status). */
ROOF_API const char *roof_status_str(int status);

/* Every input number must be finite and <= ROOF_MAX_VALUE (1e30): larger
 * values are nonsense for any device or model and risk overflow. */
#define ROOF_MAX_VALUE 1e30

/* Numeric precisions a device may support.  FP16/BF16/FP8/FP6/FP4 are
 * dense tensor-core rates with FP32 accumulation (a device may add a
 * faster FP16-accumulate rate for FP16 and FP8: roof_hardware); FP32 and
 * FP64 are the best non-sparse rate the device has for a matrix multiply
 * (FP64 tensor cores count).  FP6 and FP4 are the E2M3/E3M2 and E2M1
 * element types of the block-scaled formats (MXFP6, MXFP4, NVFP4). */
enum roof_precision {
    ROOF_FP64 = 0,
    ROOF_FP32 = 1,
    ROOF_TF32 = 2,
    ROOF_FP16 = 3,
    ROOF_BF16 = 4,
    ROOF_FP8 = 5,
    ROOF_INT8 = 6,
    ROOF_INT4 = 7,
    ROOF_FP6 = 8,
    ROOF_FP4 = 9
};
#define ROOF_PRECISION_COUNT 10

/* "fp16", "bf16", ... ; NULL for an unknown value. */
ROOF_API const char *roof_precision_name(uint32_t precision);
/* Case-insensitive inverse of roof_precision_name ("FP16" -> ROOF_FP16). */
ROOF_API int roof_precision_from_name(const char *name, uint32_t *precision);

/* What bounds a kernel's time. */
enum roof_bound {
    ROOF_BOUND_NONE = 0,
    ROOF_BOUND_MEMORY = 1,
    ROOF_BOUND_COMPUTE = 2,
    ROOF_BOUND_INTERCONNECT = 3
};
/* "memory", "compute", "interconnect", "none"; NULL for an unknown value. */
ROOF_API const char *roof_bound_name(uint32_t bound);

/* Achieved fractions of the peaks, in [1e-30, 1] (smaller ones would
 * scale a roof below what the library divides by).  {1, 1, 1} is the pure
 * roofline bound; wherever a pointer to this struct may be NULL, NULL means
 * that.  Calibrate them against measured kernels. */
typedef struct roof_efficiency {
    double compute;      /* fraction of peak FLOP/s */
    double memory;       /* fraction of DRAM bandwidth */
    double interconnect; /* fraction of interconnect bandwidth */
    double reserved[5];  /* must be 0 */
} roof_efficiency;

/* Each fraction in (0, 1]: ROOF_E_RANGE otherwise; ROOF_E_INVALID when a
 * reserved field is not 0; ROOF_E_NULL. */
ROOF_API int roof_efficiency_validate(const roof_efficiency *eff);

/* Runtime version: ROOF_VERSION_NUMBER of the library actually loaded,
 * major * 10000 + minor * 100 + patch, and its "MAJOR.MINOR.PATCH" text. */
ROOF_API uint32_t roof_version_number(void);
ROOF_API const char *roof_version_string(void);

#ifdef __cplusplus
}
#endif
#endif
