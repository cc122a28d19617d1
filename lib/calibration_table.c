/* The built-in calibration profiles.
 *
 * Fitted coefficients come from `roofmodel calibrate` (roof_calibration_fit)
 * run on the samples that tools/calibration_samples.py makes of
 * ../shared/measurements/: kernel times measured on A100 80GB, H100 SXM
 * and A40 GPUs by the authors of Vidur (Agrawal et al., MLSys 2024),
 * published in microsoft/vidur, data/profiling/ (MIT License, Copyright
 * (c) Microsoft Corporation), commits 7d475133 (mlp, all-reduce) and
 * acb95f6c (attention).  docs/calibration.md lists every figure, the
 * command that reproduces it and its fit quality.  Fractions are of the
 * device's dense FP16 peak and DRAM (or interconnect) bandwidth as the
 * hardware table gives them. */
#include "calibration-priv.h"

#include <string.h>

/* floor s, compute fraction, memory fraction, row bytes/s, masked. */
#define K(floor, cf, mf, row, masked) {floor, cf, mf, row, masked, {0, 0, 0}}

#define VIDUR_SOURCE \
    "vidur profiling data (microsoft/vidur data/profiling, MIT), " \
    "../shared/measurements; fitted by roofmodel calibrate"
#define VIDUR_ENGINE \
    "sarathi-serve/vLLM fp16 kernels: cuBLAS GEMMs, FlashAttention " \
    "(paged, block 16), NCCL all-reduce; kernel time without launch gaps"
#define FIT_DATE "2026-12-06"

/* Attention is measured on the A100 only: its fractions of peak serve the
 * other devices' profiles (derived, docs/calibration.md). */
#define ATTN_PREFILL K(7.296e-06, 0.3916, 0.1013, 0, 1)
#define ATTN_DECODE K(1.523e-05, 1, 0.8035, 0, 0)

/* NCCL all-reduce inside one node: latency per collective and the
 * fraction of the per-direction link bandwidth: NVSwitch (DGX A100, 2-8
 * GPUs) and NVLink-bridged pairs (A100 PCIe node, 2 GPUs) fitted apart. */
#define COMM_NVSWITCH K(4.739e-05, 0, 0.5634, 0, 0)
#define COMM_BRIDGE K(3.962e-05, 0, 0.6566, 0, 0)

/* No shared measurement times an unfused softmax: it is a row-wise
 * reduction like the norms, whose coefficients it takes. */
#define A100_NORM K(1.142e-06, 0, 0.3601, 6.243e9, 0)
#define H100_NORM K(1.843e-06, 0, 0.3788, 8.696e9, 0)
#define A40_NORM K(1.542e-06, 0, 0.5931, 8.897e9, 0)

#define A100_KINDS(comm)                                           \
    {                                                              \
        [ROOF_KERNEL_GEMM] = K(4.924e-06, 0.7254, 0.828, 0, 0),    \
        [ROOF_KERNEL_ATTN_PREFILL] = ATTN_PREFILL,                 \
        [ROOF_KERNEL_ATTN_DECODE] = ATTN_DECODE,                   \
        [ROOF_KERNEL_NORM] = A100_NORM,                            \
        [ROOF_KERNEL_ROPE] = K(2.315e-06, 0, 0.4531, 1.109e10, 0), \
        [ROOF_KERNEL_ACT] = K(1.255e-06, 0, 0.5042, 9.601e9, 0),   \
        [ROOF_KERNEL_ADD] = K(1.373e-06, 0, 0.9497, 5.897e10, 0),  \
        [ROOF_KERNEL_EMBED] = K(2.432e-06, 0, 0.1568, 1.256e10, 0), \
        [ROOF_KERNEL_SOFTMAX] = A100_NORM,                         \
        [ROOF_KERNEL_COMM] = comm,                                 \
    }

/* The H100's embedding gather shows no per-row term: its fit drove the
 * row bandwidth to the top of its range, so the term is off. */
#define H100_KINDS(comm)                                           \
    {                                                              \
        [ROOF_KERNEL_GEMM] = K(4.518e-06, 0.7362, 0.874, 0, 0),    \
        [ROOF_KERNEL_ATTN_PREFILL] = ATTN_PREFILL,                 \
        [ROOF_KERNEL_ATTN_DECODE] = ATTN_DECODE,                   \
        [ROOF_KERNEL_NORM] = H100_NORM,                            \
        [ROOF_KERNEL_ROPE] = K(1.581e-06, 0, 0.5052, 1.294e10, 0), \
        [ROOF_KERNEL_ACT] = K(7.439e-07, 0, 0.5686, 1.289e10, 0),  \
        [ROOF_KERNEL_ADD] = K(7.393e-07, 0, 1.042, 4.581e10, 0),   \
        [ROOF_KERNEL_EMBED] = K(2.767e-06, 0, 0.1872, 0, 0),       \
        [ROOF_KERNEL_SOFTMAX] = H100_NORM,                         \
        [ROOF_KERNEL_COMM] = comm,                                 \
    }

#define A40_KINDS                                                  \
    {                                                              \
        [ROOF_KERNEL_GEMM] = K(2.729e-06, 0.7635, 0.7646, 0, 0),   \
        [ROOF_KERNEL_ATTN_PREFILL] = ATTN_PREFILL,                 \
        [ROOF_KERNEL_ATTN_DECODE] = ATTN_DECODE,                   \
        [ROOF_KERNEL_NORM] = A40_NORM,                             \
        [ROOF_KERNEL_ROPE] = K(1.401e-06, 0, 0.7842, 1.119e10, 0), \
        [ROOF_KERNEL_ACT] = K(8.119e-07, 0, 0.7792, 1.453e10, 0),  \
        [ROOF_KERNEL_ADD] = K(2.367e-07, 0, 0.8624, 3.349e10, 0),  \
        [ROOF_KERNEL_EMBED] = K(1.64e-06, 0, 0.5077, 1.572e10, 0), \
        [ROOF_KERNEL_SOFTMAX] = A40_NORM,                          \
        [ROOF_KERNEL_COMM] = COMM_BRIDGE,                          \
    }

#define PROFILE(name, device, origin, kinds) \
    {name, device, VIDUR_SOURCE, VIDUR_ENGINE, FIT_DATE, origin, 0, \
     kinds, 0.0, {0, 0, 0, 0, 0, 0, 0}}

enum {
    P_A100_PCIE, P_A100_SXM, P_A100_40, P_H100_SXM, P_H100_NVL, P_H100_PCIE,
    P_A40, P_A6000, P_A6000_2100, P_GENERIC_HBM, P_GENERIC_GDDR, P_COUNT
};

static const roof_calibration profiles[P_COUNT] = {
    [P_A100_PCIE] = PROFILE("a100-80gb-pcie-vidur", "a100-80gb-pcie",
                            ROOF_CAL_FITTED, A100_KINDS(COMM_BRIDGE)),
    [P_A100_SXM] = PROFILE("a100-80gb-sxm-vidur", "a100-80gb-sxm",
                           ROOF_CAL_FITTED, A100_KINDS(COMM_NVSWITCH)),
    [P_A100_40] = PROFILE("a100-40gb-sxm-from-a100-80gb", "a100-40gb-sxm",
                          ROOF_CAL_DERIVED, A100_KINDS(COMM_NVSWITCH)),
    [P_H100_SXM] = PROFILE("h100-sxm-vidur", "h100-sxm", ROOF_CAL_FITTED,
                           H100_KINDS(COMM_NVSWITCH)),
    [P_H100_NVL] = PROFILE("h100-nvl-from-h100-sxm", "h100-nvl",
                           ROOF_CAL_DERIVED, H100_KINDS(COMM_BRIDGE)),
    [P_H100_PCIE] = PROFILE("h100-pcie-from-h100-sxm", "h100-pcie",
                            ROOF_CAL_DERIVED, H100_KINDS(COMM_BRIDGE)),
    [P_A40] = PROFILE("a40-vidur", "a40", ROOF_CAL_FITTED, A40_KINDS),
    [P_A6000] = PROFILE("a6000-from-a40", "a6000", ROOF_CAL_DERIVED,
                        A40_KINDS),
    [P_A6000_2100] = PROFILE("a6000-2100-from-a40", "a6000-2100",
                             ROOF_CAL_DERIVED, A40_KINDS),
    [P_GENERIC_HBM] = PROFILE("generic-hbm", "", ROOF_CAL_GENERIC,
                              H100_KINDS(COMM_NVSWITCH)),
    [P_GENERIC_GDDR] = PROFILE("generic-gddr", "", ROOF_CAL_GENERIC,
                               A40_KINDS),
};

/* Architectures with GDDR memory: their small kernels and GEMMs behave as
 * the A40's (GA102) do. */
static const char *const gddr_archs[] = {"GA102", "GA104", "AD102", "AD103",
                                          "AD104", "TU102", "TU104", "GB202",
                                          "GB203"};

static int is_gddr(const roof_hardware *hw)
{
    for (size_t i = 0; i < ROOF_ARRAY_LEN(gddr_archs); i++) {
        if (strcmp(hw->arch, gddr_archs[i]) == 0)
            return 1;
    }
    return 0;
}

/* The device's name up to an "@MHz" suffix equals s. */
static int named(const roof_hardware *hw, const char *s)
{
    const size_t n = strlen(s);
    return strncmp(hw->name, s, n) == 0
           && (hw->name[n] == '\0' || hw->name[n] == '@');
}

const roof_calibration *roof__calibration_for(const roof_hardware *hw)
{
    for (uint32_t p = 0; p < P_GENERIC_HBM; p++) {
        if (named(hw, profiles[p].device))
            return &profiles[p];
    }
    return &profiles[is_gddr(hw) ? P_GENERIC_GDDR : P_GENERIC_HBM];
}
