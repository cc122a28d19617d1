/*
 * The built-in devices.  Every figure is from
 * ../shared/reference/hardware.md (keys such as GA102-WP name its sources;
 * docs/hardware.md lists the addresses).  Peaks are not stored: each entry
 * has dense FLOP per clock per unit and the clock the vendor's peak figures
 * use, so units x rate x clock reproduces the vendor's dense peak.
 *
 * Conventions (docs/hardware.md explains them):
 *  - FP16/BF16/FP8 are tensor rates with FP32 accumulate, so GeForce parts
 *    (RTX 3090, RTX 4090) get half their FP16-accumulate rate.
 *  - FP64/FP32 are the best dense matrix rate (FP64 tensor cores count).
 *  - 0 = not supported (or not published).
 *  - memory_bytes is the vendor's GB label x 1e9; l2_bytes is in MiB as
 *    the cache is built; interconnect is per direction per device.
 */
#include "hardware_table-priv.h"

#define MHZ 1e6
#define GB 1e9
#define MIB 1048576.0

/* Per-clock rates in roof_precision order. */
#define RATES(fp64, fp32, tf32, fp16, bf16, fp8, int8, int4) \
    { fp64, fp32, tf32, fp16, bf16, fp8, int8, int4 }

/* Per-SM rates of the NVIDIA architectures (reference section 2). */
#define GA102_PRO RATES(4, 256, 512, 1024, 1024, 0, 2048, 4096)
#define GA102_GEFORCE RATES(4, 256, 256, 512, 512, 0, 2048, 4096)
#define GA100 RATES(128, 128, 1024, 2048, 2048, 0, 4096, 8192)
#define GH100 RATES(256, 256, 2048, 4096, 4096, 8192, 8192, 0)
#define AD10X_PRO RATES(4, 256, 512, 1024, 1024, 2048, 2048, 4096)
#define AD10X_GEFORCE RATES(4, 256, 256, 512, 512, 1024, 2048, 4096)
#define CDNA3 RATES(256, 256, 1024, 2048, 2048, 4096, 4096, 0)

#define A6000_SOURCE \
    "GA102-WP Appx C (84 SM, 1024 FP16 FLOP/clk/SM, boost 1800 MHz); " \
    "A6000-DS https://www.nvidia.com/en-us/design-visualization/rtx-a6000/"

const roof__hw_entry roof__hw_table[] = {
    {{"a6000", "NVIDIA RTX A6000", "NVIDIA", "GA102", A6000_SOURCE,
      84, 0, 1800 * MHZ, 0, GA102_PRO,
      48 * GB, 768 * GB, 6 * MIB, 56.25 * GB, {0, 0, 0, 0}},
     {"rtx-a6000", "rtx a6000", "nvidia-rtx-a6000", NULL}},
    {{"a6000-2100", "NVIDIA RTX A6000 @ 2100 MHz (max SM clock)", "NVIDIA",
      "GA102",
      "A6000 at its nvidia-smi max SM clock, never sustained: FORUM-A6000 "
      "https://forums.developer.nvidia.com/t/203772; rates GA102-WP Appx C",
      84, 0, 2100 * MHZ, 0, GA102_PRO,
      48 * GB, 768 * GB, 6 * MIB, 56.25 * GB, {0, 0, 0, 0}},
     {"a6000-max", "rtx-a6000-2100", NULL, NULL}},
    {{"a100-40gb-sxm", "NVIDIA A100 40GB SXM4", "NVIDIA", "GA100",
      "A100-BLOG https://developer.nvidia.com/blog/"
      "nvidia-ampere-architecture-in-depth/; A100-WP",
      108, 0, 1410 * MHZ, 0, GA100,
      40 * GB, 1555 * GB, 40 * MIB, 300 * GB, {0, 0, 0, 0}},
     {"a100", "a100-40gb", "a100-sxm4-40gb", NULL}},
    {{"a100-80gb-sxm", "NVIDIA A100 80GB SXM4", "NVIDIA", "GA100",
      "A100-DS https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/"
      "a100/pdf/nvidia-a100-datasheet-nvidia-us-2188504-web.pdf",
      108, 0, 1410 * MHZ, 0, GA100,
      80 * GB, 2039 * GB, 40 * MIB, 300 * GB, {0, 0, 0, 0}},
     {"a100-80gb", "a100-sxm4-80gb", NULL, NULL}},
    {{"a100-80gb-pcie", "NVIDIA A100 80GB PCIe", "NVIDIA", "GA100",
      "A100-DS https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/"
      "a100/pdf/nvidia-a100-datasheet-nvidia-us-2188504-web.pdf",
      108, 0, 1410 * MHZ, 0, GA100,
      80 * GB, 1935 * GB, 40 * MIB, 300 * GB, {0, 0, 0, 0}},
     {"a100-pcie", NULL, NULL, NULL}},
    {{"h100-sxm", "NVIDIA H100 SXM5 80GB", "NVIDIA", "GH100",
      "H100-PAGE https://www.nvidia.com/en-us/data-center/h100/; HOPPER-BLOG; "
      "KLOCKWOOD (1830 MHz tensor, 1980 MHz FP64/FP32)",
      132, 0, 1830 * MHZ, 1980 * MHZ, GH100,
      80 * GB, 3350 * GB, 50 * MIB, 450 * GB, {0, 0, 0, 0}},
     {"h100", "h100-sxm5", "h100-80gb", NULL}},
    {{"h100-pcie", "NVIDIA H100 PCIe 80GB", "NVIDIA", "GH100",
      "H100-DS https://resources.nvidia.com/en-us-gpu-resources/"
      "h100-datasheet-24306 (PCIe column); clocks 1620/1755 MHz derived",
      114, 0, 1620 * MHZ, 1755 * MHZ, GH100,
      80 * GB, 2000 * GB, 50 * MIB, 300 * GB, {0, 0, 0, 0}},
     {"h100-pcie-80gb", NULL, NULL, NULL}},
    {{"h100-nvl", "NVIDIA H100 NVL (per GPU)", "NVIDIA", "GH100",
      "H100-PAGE https://www.nvidia.com/en-us/data-center/h100/ (NVL column);"
      " 132 SM secondary; clocks 1545/1776 MHz derived",
      132, 0, 1545 * MHZ, 1776 * MHZ, GH100,
      94 * GB, 3900 * GB, 50 * MIB, 300 * GB, {0, 0, 0, 0}},
     {"nvidia-h100-nvl", NULL, NULL, NULL}},
    {{"h200", "NVIDIA H200 SXM 141GB", "NVIDIA", "GH100",
      "H200-PAGE https://www.nvidia.com/en-us/data-center/h200/; "
      "clocks as H100 SXM (KLOCKWOOD)",
      132, 0, 1830 * MHZ, 1980 * MHZ, GH100,
      141 * GB, 4800 * GB, 50 * MIB, 450 * GB, {0, 0, 0, 0}},
     {"h200-sxm", "h200-141gb", NULL, NULL}},
    {{"l40s", "NVIDIA L40S", "NVIDIA", "AD102",
      "L40S-DS https://resources.nvidia.com/en-us-l40s/l40s-datasheet-28413 "
      "(2520 MHz from TF32 183/FP8 733; DS FP16 362.05 uses 2490); "
      "L2 secondary",
      142, 0, 2520 * MHZ, 0, AD10X_PRO,
      48 * GB, 864 * GB, 96 * MIB, 0, {0, 0, 0, 0}},
     {"nvidia-l40s", NULL, NULL, NULL}},
    {{"l4", "NVIDIA L4", "NVIDIA", "AD104",
      "L4-DS https://resources.nvidia.com/en-us-data-center-overview/"
      "l4-gpu-datasheet; 58 SM derived from 30.3 TF; L2 secondary",
      58, 0, 2040 * MHZ, 0, AD10X_PRO,
      24 * GB, 300 * GB, 48 * MIB, 0, {0, 0, 0, 0}},
     {"nvidia-l4", NULL, NULL, NULL}},
    {{"rtx-4090", "NVIDIA GeForce RTX 4090", "NVIDIA", "AD102",
      "ADA-WP Appx A https://images.nvidia.com/aem-dam/Solutions/geforce/ada/"
      "nvidia-ada-gpu-architecture.pdf (FP32-accumulate rates)",
      128, 0, 2520 * MHZ, 0, AD10X_GEFORCE,
      24 * GB, 1008 * GB, 72 * MIB, 0, {0, 0, 0, 0}},
     {"4090", "geforce-rtx-4090", NULL, NULL}},
    {{"rtx-6000-ada", "NVIDIA RTX 6000 Ada Generation", "NVIDIA", "AD102",
      "RTX6000ADA-DS https://www.nvidia.com/en-us/design-visualization/"
      "rtx-6000/; ADA-PROVIZ-WP; L2 secondary",
      142, 0, 2505 * MHZ, 0, AD10X_PRO,
      48 * GB, 960 * GB, 96 * MIB, 0, {0, 0, 0, 0}},
     {"rtx-6000-ada-generation", "6000-ada", NULL, NULL}},
    {{"rtx-3090", "NVIDIA GeForce RTX 3090", "NVIDIA", "GA102",
      "GA102-WP Appx A https://www.nvidia.com/content/PDF/"
      "nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf "
      "(FP32-accumulate rates)",
      82, 0, 1695 * MHZ, 0, GA102_GEFORCE,
      24 * GB, 936 * GB, 6 * MIB, 56.25 * GB, {0, 0, 0, 0}},
     {"3090", "geforce-rtx-3090", NULL, NULL}},
    {{"v100", "NVIDIA V100 SXM2 32GB", "NVIDIA", "GV100",
      "A100-BLOG (V100 column) https://developer.nvidia.com/blog/"
      "nvidia-ampere-architecture-in-depth/; V100-DS; INT8 is DP4A",
      80, 0, 1530 * MHZ, 0, RATES(64, 128, 0, 1024, 0, 0, 512, 0),
      32 * GB, 900 * GB, 6 * MIB, 150 * GB, {0, 0, 0, 0}},
     {"v100-sxm2", "v100-32gb", "tesla-v100", NULL}},
    {{"t4", "NVIDIA T4", "NVIDIA", "TU104",
      "T4-DS https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/"
      "tesla-t4/t4-tensor-core-datasheet-951643.pdf",
      40, 0, 1590 * MHZ, 0, RATES(4, 128, 0, 1024, 0, 0, 2048, 4096),
      16 * GB, 320 * GB, 4 * MIB, 0, {0, 0, 0, 0}},
     {"tesla-t4", NULL, NULL, NULL}},
    {{"mi250x", "AMD Instinct MI250X (2 GCDs)", "AMD", "CDNA2",
      "AMD-MI250X https://www.amd.com/en/products/accelerators/instinct/"
      "mi200/mi250x.html; ROCM-MI250; ROCM-SPECS",
      220, 0, 1700 * MHZ, 0, RATES(256, 256, 0, 1024, 1024, 0, 1024, 1024),
      128 * GB, 3277 * GB, 16 * MIB, 400 * GB, {0, 0, 0, 0}},
     {"instinct-mi250x", "amd-mi250x", NULL, NULL}},
    {{"mi300x", "AMD Instinct MI300X", "AMD", "CDNA3",
      "ROCM-MI300 https://rocm.docs.amd.com/en/latest/conceptual/gpu-arch/"
      "mi300.html; AMD-MI300X; ROCM-SPECS; STAS-NET",
      304, 0, 2100 * MHZ, 0, CDNA3,
      192 * GB, 5300 * GB, 32 * MIB, 448 * GB, {0, 0, 0, 0}},
     {"instinct-mi300x", "amd-mi300x", NULL, NULL}},
    {{"mi325x", "AMD Instinct MI325X", "AMD", "CDNA3",
      "AMD-MI325X https://www.amd.com/en/products/accelerators/instinct/"
      "mi300/mi325x.html (compute as MI300X, secondary); ROCM-SPECS",
      304, 0, 2100 * MHZ, 0, CDNA3,
      256 * GB, 6000 * GB, 32 * MIB, 448 * GB, {0, 0, 0, 0}},
     {"instinct-mi325x", "amd-mi325x", NULL, NULL}},
    {{"b200", "NVIDIA B200 (HGX, per GPU)", "NVIDIA", "GB100",
      "HGX-PAGE https://www.nvidia.com/en-us/data-center/hgx/ (dense = "
      "sparse/2); 148 SM and per-SM rates secondary; clocks derived",
      148, 0, 1856 * MHZ, 1980 * MHZ,
      RATES(128, 256, 4096, 8192, 8192, 16384, 16384, 0),
      180 * GB, 7700 * GB, 0, 900 * GB, {0, 0, 0, 0}},
     {"nvidia-b200", "hgx-b200", NULL, NULL}},
    {{"tpu-v4", "Google TPU v4", "Google", "TPUv4",
      "GCP-V4 https://cloud.google.com/tpu/docs/v4; SCALING-BOOK "
      "https://jax-ml.github.io/scaling-book/tpus/ (8 MXU, clock derived)",
      8, 0, 1050 * MHZ, 0, RATES(0, 0, 0, 0, 32768, 0, 32768, 0),
      32 * GB, 1200 * GB, 0, 270 * GB, {0, 0, 0, 0}},
     {"v4", NULL, NULL, NULL}},
    {{"tpu-v5e", "Google TPU v5e", "Google", "TPUv5e",
      "GCP-V5E https://cloud.google.com/tpu/docs/v5e; SCALING-BOOK "
      "https://jax-ml.github.io/scaling-book/tpus/ (4 MXU, clock derived)",
      4, 0, 1500 * MHZ, 0, RATES(0, 0, 0, 0, 32768, 0, 65536, 0),
      16 * GB, 819 * GB, 0, 200 * GB, {0, 0, 0, 0}},
     {"v5e", "tpu-v5-lite", NULL, NULL}},
    {{"tpu-v5p", "Google TPU v5p", "Google", "TPUv5p",
      "GCP-V5P https://cloud.google.com/tpu/docs/v5p; SCALING-BOOK "
      "https://jax-ml.github.io/scaling-book/tpus/ (8 MXU, clock derived)",
      8, 0, 1750 * MHZ, 0, RATES(0, 0, 0, 0, 32768, 32768, 65536, 0),
      95 * GB, 2765 * GB, 0, 600 * GB, {0, 0, 0, 0}},
     {"v5p", NULL, NULL, NULL}},
    {{"gaudi2", "Intel Gaudi2", "Intel", "Gaudi2",
      "HC24-GAUDI (Hot Chips 2024); GAUDI2-WP https://www.intel.com/content/"
      "www/us/en/content-details/839363/; STAS (2 MME x 1650 MHz)",
      2, 0, 1650 * MHZ, 0, RATES(0, 0, 0, 0, 131072, 262144, 0, 0),
      96 * GB, 2460 * GB, 0, 300 * GB, {0, 0, 0, 0}},
     {"intel-gaudi2", NULL, NULL, NULL}},
    {{"gaudi3", "Intel Gaudi3", "Intel", "Gaudi3",
      "HC24-GAUDI (Hot Chips 2024); GAUDI3-WP https://www.intel.com/content/"
      "www/us/en/content-details/817486/; STAS (8 MME x 1750 MHz)",
      8, 0, 1750 * MHZ, 0,
      RATES(0, 16384, 32768, 32768, 131072, 131072, 0, 0),
      128 * GB, 3670 * GB, 96 * MIB, 600 * GB, {0, 0, 0, 0}},
     {"intel-gaudi3", NULL, NULL, NULL}},
};

const uint32_t roof__hw_table_count = ROOF_ARRAY_LEN(roof__hw_table);
