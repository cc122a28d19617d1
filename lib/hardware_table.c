/*
 * The built-in devices.  Every figure is from
 * ../shared/reference/hardware.md (keys such as GA102-WP name its sources;
 * docs/hardware.md lists the addresses), or for the devices that reference
 * lacks (A40, B300, GB200, GB300, RTX 5090, RTX PRO 6000 Blackwell,
 * MI355X, TPU v6e) from the vendor pages their source strings name.  Peaks are not
 * stored: each entry has dense FLOP per clock per unit and the clock the
 * vendor's peak figures use, so units x rate x clock reproduces the
 * vendor's dense peak.
 *
 * Conventions (docs/hardware.md explains them):
 *  - FP16/BF16/FP8/FP6/FP4 are tensor rates with FP32 accumulate; GeForce
 *    parts (RTX 3090, 4090, 5090) run FP16 and FP8 at twice that with FP16
 *    accumulation, carried in the *_acc16 fields and used by the roof.
 *  - Every rate is dense: a sparse figure is halved, never used.
 *  - FP64/FP32 are the best dense matrix rate (FP64 tensor cores count).
 *  - 0 = not supported (or not published).
 *  - memory_bytes is the vendor's GB label x 1e9; l2_bytes is in MiB as
 *    the cache is built; interconnect and scale-out are per direction per
 *    device; scaleup_domain counts the devices the scale-up link joins
 *    (1: the card has none).
 */
#include "hardware_table-priv.h"

#define MHZ 1e6
#define GB 1e9
#define MIB 1048576.0

/* Per-clock rates, by precision. */
#define RATES(fp64, fp32, tf32, fp16, bf16, fp8, int8, int4, fp6, fp4)    \
    {[ROOF_FP64] = fp64, [ROOF_FP32] = fp32, [ROOF_TF32] = tf32,          \
     [ROOF_FP16] = fp16, [ROOF_BF16] = bf16, [ROOF_FP8] = fp8,            \
     [ROOF_INT8] = int8, [ROOF_INT4] = int4, [ROOF_FP6] = fp6,            \
     [ROOF_FP4] = fp4}

/* Per-SM rates of the NVIDIA architectures (reference section 2). */
#define GA102_PRO RATES(4, 256, 512, 1024, 1024, 0, 2048, 4096, 0, 0)
#define GA102_GEFORCE RATES(4, 256, 256, 512, 512, 0, 2048, 4096, 0, 0)
#define GA100 RATES(128, 128, 1024, 2048, 2048, 0, 4096, 8192, 0, 0)
#define GH100 RATES(256, 256, 2048, 4096, 4096, 8192, 8192, 0, 0, 0)
#define AD10X_PRO RATES(4, 256, 512, 1024, 1024, 2048, 2048, 4096, 0, 0)
#define AD10X_GEFORCE RATES(4, 256, 256, 512, 512, 1024, 2048, 4096, 0, 0)
#define CDNA3 RATES(256, 256, 1024, 2048, 2048, 4096, 4096, 0, 0, 0)
/* Blackwell Ultra per SM: FP4 six times FP16 (HGX B300: 108 PF dense FP4
 * against 36/2 PF FP16 for 8 GPUs). */
#define BLACKWELL_ULTRA RATES(0, 256, 4096, 8192, 8192, 16384, 0, 0, 16384, \
                              49152)

#define A6000_SOURCE \
    "GA102-WP Appx C (84 SM, 1024 FP16 FLOP/clk/SM, boost 1800 MHz); " \
    "A6000-DS https://www.nvidia.com/en-us/design-visualization/rtx-a6000/"

const roof__hw_entry roof__hw_table[] = {
    /* Scale-up: an NVLink bridge joins two cards. */
    {{.name = "a6000",
      .label = "NVIDIA RTX A6000",
      .vendor = "NVIDIA", .arch = "GA102",
      .source =
      A6000_SOURCE,
      .units = 84, .clock_hz = 1800 * MHZ,
      .flops_per_clock_per_unit = GA102_PRO,
      .memory_bytes = 48 * GB, .dram_bytes_per_s = 768 * GB,
      .l2_bytes = 6 * MIB, .interconnect_bytes_per_s = 56.25 * GB,
      .scaleup_domain = 2},
     {"rtx-a6000", "rtx a6000", "nvidia-rtx-a6000", NULL}},
    /* Scale-up: an NVLink bridge joins two cards. */
    {{.name = "a6000-2100",
      .label = "NVIDIA RTX A6000 @ 2100 MHz (max SM clock)",
      .vendor = "NVIDIA", .arch = "GA102",
      .source =
      "A6000 at its nvidia-smi max SM clock, never sustained: FORUM-A6000 "
      "https://forums.developer.nvidia.com/t/203772; rates GA102-WP Appx C",
      .units = 84, .clock_hz = 2100 * MHZ,
      .flops_per_clock_per_unit = GA102_PRO,
      .memory_bytes = 48 * GB, .dram_bytes_per_s = 768 * GB,
      .l2_bytes = 6 * MIB, .interconnect_bytes_per_s = 56.25 * GB,
      .scaleup_domain = 2},
     {"a6000-max", "rtx-a6000-2100", NULL, NULL}},
    /* Scale-up: an NVLink bridge joins two cards. */
    {{.name = "a40",
      .label = "NVIDIA A40",
      .vendor = "NVIDIA", .arch = "GA102",
      .source =
      "A40-DS https://images.nvidia.com/content/Solutions/data-center/a40/"
      "nvidia-a40-datasheet.pdf (149.7 TF FP16 dense, 696 GB/s); "
      "GA102-WP Appx C rates per SM (as the A6000)",
      .units = 84, .clock_hz = 1740 * MHZ,
      .flops_per_clock_per_unit = GA102_PRO,
      .memory_bytes = 48 * GB, .dram_bytes_per_s = 696 * GB,
      .l2_bytes = 6 * MIB, .interconnect_bytes_per_s = 56.25 * GB,
      .scaleup_domain = 2},
     {"nvidia-a40", NULL, NULL, NULL}},
    /* Scale-up: HGX A100 8-GPU NVSwitch board; scale-out: DGX A100, one 200
     * Gb/s HDR InfiniBand port per GPU (DGXA100-DS). */
    {{.name = "a100-40gb-sxm",
      .label = "NVIDIA A100 40GB SXM4",
      .vendor = "NVIDIA", .arch = "GA100",
      .source =
      "A100-BLOG https://developer.nvidia.com/blog/"
      "nvidia-ampere-architecture-in-depth/; A100-WP",
      .units = 108, .clock_hz = 1410 * MHZ,
      .flops_per_clock_per_unit = GA100,
      .memory_bytes = 40 * GB, .dram_bytes_per_s = 1555 * GB,
      .l2_bytes = 40 * MIB, .interconnect_bytes_per_s = 300 * GB,
      .scaleup_domain = 8, .scaleout_bytes_per_s = 25 * GB},
     {"a100", "a100-40gb", "a100-sxm4-40gb", NULL}},
    /* Scale-up: HGX A100 8-GPU NVSwitch board; scale-out: DGX A100, one 200
     * Gb/s HDR InfiniBand port per GPU (DGXA100-DS). */
    {{.name = "a100-80gb-sxm",
      .label = "NVIDIA A100 80GB SXM4",
      .vendor = "NVIDIA", .arch = "GA100",
      .source =
      "A100-DS https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/"
      "a100/pdf/nvidia-a100-datasheet-nvidia-us-2188504-web.pdf",
      .units = 108, .clock_hz = 1410 * MHZ,
      .flops_per_clock_per_unit = GA100,
      .memory_bytes = 80 * GB, .dram_bytes_per_s = 2039 * GB,
      .l2_bytes = 40 * MIB, .interconnect_bytes_per_s = 300 * GB,
      .scaleup_domain = 8, .scaleout_bytes_per_s = 25 * GB},
     {"a100-80gb", "a100-sxm4-80gb", NULL, NULL}},
    /* Scale-up: an NVLink bridge joins two cards. */
    {{.name = "a100-80gb-pcie",
      .label = "NVIDIA A100 80GB PCIe",
      .vendor = "NVIDIA", .arch = "GA100",
      .source =
      "A100-DS https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/"
      "a100/pdf/nvidia-a100-datasheet-nvidia-us-2188504-web.pdf",
      .units = 108, .clock_hz = 1410 * MHZ,
      .flops_per_clock_per_unit = GA100,
      .memory_bytes = 80 * GB, .dram_bytes_per_s = 1935 * GB,
      .l2_bytes = 40 * MIB, .interconnect_bytes_per_s = 300 * GB,
      .scaleup_domain = 2},
     {"a100-pcie", NULL, NULL, NULL}},
    /* Scale-up: HGX 8-GPU NVSwitch board; scale-out: DGX H100/H200, eight
     * 400 Gb/s ConnectX-7 ports, one per GPU (BASEPOD). */
    {{.name = "h100-sxm",
      .label = "NVIDIA H100 SXM5 80GB",
      .vendor = "NVIDIA", .arch = "GH100",
      .source =
      "H100-PAGE https://www.nvidia.com/en-us/data-center/h100/; HOPPER-BLOG; "
      "KLOCKWOOD (1830 MHz tensor, 1980 MHz FP64/FP32)",
      .units = 132, .clock_hz = 1830 * MHZ,
      .vector_clock_hz = 1980 * MHZ,
      .flops_per_clock_per_unit = GH100,
      .memory_bytes = 80 * GB, .dram_bytes_per_s = 3350 * GB,
      .l2_bytes = 50 * MIB, .interconnect_bytes_per_s = 450 * GB,
      .scaleup_domain = 8, .scaleout_bytes_per_s = 50 * GB},
     {"h100", "h100-sxm5", "h100-80gb", NULL}},
    /* Scale-up: an NVLink bridge joins two cards. */
    {{.name = "h100-pcie",
      .label = "NVIDIA H100 PCIe 80GB",
      .vendor = "NVIDIA", .arch = "GH100",
      .source =
      "H100-DS https://resources.nvidia.com/en-us-gpu-resources/"
      "h100-datasheet-24306 (PCIe column); clocks 1620/1755 MHz derived",
      .units = 114, .clock_hz = 1620 * MHZ,
      .vector_clock_hz = 1755 * MHZ,
      .flops_per_clock_per_unit = GH100,
      .memory_bytes = 80 * GB, .dram_bytes_per_s = 2000 * GB,
      .l2_bytes = 50 * MIB, .interconnect_bytes_per_s = 300 * GB,
      .scaleup_domain = 2},
     {"h100-pcie-80gb", NULL, NULL, NULL}},
    /* Scale-up: an NVLink bridge joins two cards. */
    {{.name = "h100-nvl",
      .label = "NVIDIA H100 NVL (per GPU)",
      .vendor = "NVIDIA", .arch = "GH100",
      .source =
      "H100-PAGE https://www.nvidia.com/en-us/data-center/h100/ (NVL column);"
      " 132 SM secondary; clocks 1545/1776 MHz derived",
      .units = 132, .clock_hz = 1545 * MHZ,
      .vector_clock_hz = 1776 * MHZ,
      .flops_per_clock_per_unit = GH100,
      .memory_bytes = 94 * GB, .dram_bytes_per_s = 3900 * GB,
      .l2_bytes = 50 * MIB, .interconnect_bytes_per_s = 300 * GB,
      .scaleup_domain = 2},
     {"nvidia-h100-nvl", NULL, NULL, NULL}},
    /* Scale-up: HGX 8-GPU NVSwitch board; scale-out: DGX H100/H200, eight
     * 400 Gb/s ConnectX-7 ports, one per GPU (BASEPOD). */
    {{.name = "h200",
      .label = "NVIDIA H200 SXM 141GB",
      .vendor = "NVIDIA", .arch = "GH100",
      .source =
      "H200-PAGE https://www.nvidia.com/en-us/data-center/h200/; "
      "clocks as H100 SXM (KLOCKWOOD)",
      .units = 132, .clock_hz = 1830 * MHZ,
      .vector_clock_hz = 1980 * MHZ,
      .flops_per_clock_per_unit = GH100,
      .memory_bytes = 141 * GB, .dram_bytes_per_s = 4800 * GB,
      .l2_bytes = 50 * MIB, .interconnect_bytes_per_s = 450 * GB,
      .scaleup_domain = 8, .scaleout_bytes_per_s = 50 * GB},
     {"h200-sxm", "h200-141gb", NULL, NULL}},
    /* No NVLink: the scale-up domain is the card itself. */
    {{.name = "l40s",
      .label = "NVIDIA L40S",
      .vendor = "NVIDIA", .arch = "AD102",
      .source =
      "L40S-DS https://resources.nvidia.com/en-us-l40s/l40s-datasheet-28413 "
      "(2520 MHz from TF32 183/FP8 733; DS FP16 362.05 uses 2490); "
      "L2 secondary",
      .units = 142, .clock_hz = 2520 * MHZ,
      .flops_per_clock_per_unit = AD10X_PRO,
      .memory_bytes = 48 * GB, .dram_bytes_per_s = 864 * GB,
      .l2_bytes = 96 * MIB, .scaleup_domain = 1},
     {"nvidia-l40s", NULL, NULL, NULL}},
    /* No NVLink: the scale-up domain is the card itself. */
    {{.name = "l4",
      .label = "NVIDIA L4",
      .vendor = "NVIDIA", .arch = "AD104",
      .source =
      "L4-DS https://resources.nvidia.com/en-us-data-center-overview/"
      "l4-gpu-datasheet; 58 SM derived from 30.3 TF; L2 secondary",
      .units = 58, .clock_hz = 2040 * MHZ,
      .flops_per_clock_per_unit = AD10X_PRO,
      .memory_bytes = 24 * GB, .dram_bytes_per_s = 300 * GB,
      .l2_bytes = 48 * MIB, .scaleup_domain = 1},
     {"nvidia-l4", NULL, NULL, NULL}},
    /* FP16/FP8 with FP16 accumulation run at twice the FP32-accumulate rate. */
    /* No NVLink: the scale-up domain is the card itself. */
    {{.name = "rtx-4090",
      .label = "NVIDIA GeForce RTX 4090",
      .vendor = "NVIDIA", .arch = "AD102",
      .source =
      "ADA-WP Appx A https://images.nvidia.com/aem-dam/Solutions/geforce/ada/"
      "nvidia-ada-gpu-architecture.pdf (FP32- and FP16-accumulate rates)",
      .units = 128, .clock_hz = 2520 * MHZ,
      .flops_per_clock_per_unit = AD10X_GEFORCE,
      .memory_bytes = 24 * GB, .dram_bytes_per_s = 1008 * GB,
      .l2_bytes = 72 * MIB, .scaleup_domain = 1,
      .fp16_acc16_flops_per_clock_per_unit = 1024,
      .fp8_acc16_flops_per_clock_per_unit = 2048},
     {"4090", "geforce-rtx-4090", NULL, NULL}},
    /* No NVLink: the scale-up domain is the card itself. */
    {{.name = "rtx-6000-ada",
      .label = "NVIDIA RTX 6000 Ada Generation",
      .vendor = "NVIDIA", .arch = "AD102",
      .source =
      "RTX6000ADA-DS https://www.nvidia.com/en-us/design-visualization/"
      "rtx-6000/; ADA-PROVIZ-WP; L2 secondary",
      .units = 142, .clock_hz = 2505 * MHZ,
      .flops_per_clock_per_unit = AD10X_PRO,
      .memory_bytes = 48 * GB, .dram_bytes_per_s = 960 * GB,
      .l2_bytes = 96 * MIB, .scaleup_domain = 1},
     {"rtx-6000-ada-generation", "6000-ada", NULL, NULL}},
    /* FP16/FP8 with FP16 accumulation run at twice the FP32-accumulate rate. */
    /* Scale-up: an NVLink bridge joins two cards. */
    {{.name = "rtx-3090",
      .label = "NVIDIA GeForce RTX 3090",
      .vendor = "NVIDIA", .arch = "GA102",
      .source =
      "GA102-WP Appx A https://www.nvidia.com/content/PDF/"
      "nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf "
      "(FP32- and FP16-accumulate rates)",
      .units = 82, .clock_hz = 1695 * MHZ,
      .flops_per_clock_per_unit = GA102_GEFORCE,
      .memory_bytes = 24 * GB, .dram_bytes_per_s = 936 * GB,
      .l2_bytes = 6 * MIB, .interconnect_bytes_per_s = 56.25 * GB,
      .scaleup_domain = 2, .fp16_acc16_flops_per_clock_per_unit = 1024},
     {"3090", "geforce-rtx-3090", NULL, NULL}},
    {{.name = "v100",
      .label = "NVIDIA V100 SXM2 32GB",
      .vendor = "NVIDIA", .arch = "GV100",
      .source =
      "A100-BLOG (V100 column) https://developer.nvidia.com/blog/"
      "nvidia-ampere-architecture-in-depth/; V100-DS; INT8 is DP4A",
      .units = 80, .clock_hz = 1530 * MHZ,
      .flops_per_clock_per_unit = RATES(64, 128, 0, 1024, 0, 0, 512, 0, 0, 0),
      .memory_bytes = 32 * GB, .dram_bytes_per_s = 900 * GB,
      .l2_bytes = 6 * MIB, .interconnect_bytes_per_s = 150 * GB},
     {"v100-sxm2", "v100-32gb", "tesla-v100", NULL}},
    /* No NVLink: the scale-up domain is the card itself. */
    {{.name = "t4",
      .label = "NVIDIA T4",
      .vendor = "NVIDIA", .arch = "TU104",
      .source =
      "T4-DS https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/"
      "tesla-t4/t4-tensor-core-datasheet-951643.pdf",
      .units = 40, .clock_hz = 1590 * MHZ,
      .flops_per_clock_per_unit =
          RATES(4, 128, 0, 1024, 0, 0, 2048, 4096, 0, 0),
      .memory_bytes = 16 * GB, .dram_bytes_per_s = 320 * GB,
      .l2_bytes = 4 * MIB, .scaleup_domain = 1},
     {"tesla-t4", NULL, NULL, NULL}},
    {{.name = "mi250x",
      .label = "AMD Instinct MI250X (2 GCDs)",
      .vendor = "AMD", .arch = "CDNA2",
      .source =
      "AMD-MI250X https://www.amd.com/en/products/accelerators/instinct/"
      "mi200/mi250x.html; ROCM-MI250; ROCM-SPECS",
      .units = 220, .clock_hz = 1700 * MHZ,
      .flops_per_clock_per_unit =
          RATES(256, 256, 0, 1024, 1024, 0, 1024, 1024, 0, 0),
      .memory_bytes = 128 * GB, .dram_bytes_per_s = 3277 * GB,
      .l2_bytes = 16 * MIB, .interconnect_bytes_per_s = 400 * GB},
     {"instinct-mi250x", "amd-mi250x", NULL, NULL}},
    /* Scale-up: 7 Infinity Fabric links to the 7 other GPUs of an 8-GPU
     * platform (ROCM-MI300, STAS-NET). */
    {{.name = "mi300x",
      .label = "AMD Instinct MI300X",
      .vendor = "AMD", .arch = "CDNA3",
      .source =
      "ROCM-MI300 https://rocm.docs.amd.com/en/latest/conceptual/gpu-arch/"
      "mi300.html; AMD-MI300X; ROCM-SPECS; STAS-NET",
      .units = 304, .clock_hz = 2100 * MHZ,
      .flops_per_clock_per_unit = CDNA3,
      .memory_bytes = 192 * GB, .dram_bytes_per_s = 5300 * GB,
      .l2_bytes = 32 * MIB, .interconnect_bytes_per_s = 448 * GB,
      .scaleup_domain = 8},
     {"instinct-mi300x", "amd-mi300x", NULL, NULL}},
    /* Scale-up: 7 Infinity Fabric links to the 7 other GPUs of an 8-GPU
     * platform (ROCM-MI300, STAS-NET). */
    {{.name = "mi325x",
      .label = "AMD Instinct MI325X",
      .vendor = "AMD", .arch = "CDNA3",
      .source =
      "AMD-MI325X https://www.amd.com/en/products/accelerators/instinct/"
      "mi300/mi325x.html (compute as MI300X, secondary); ROCM-SPECS",
      .units = 304, .clock_hz = 2100 * MHZ,
      .flops_per_clock_per_unit = CDNA3,
      .memory_bytes = 256 * GB, .dram_bytes_per_s = 6000 * GB,
      .l2_bytes = 32 * MIB, .interconnect_bytes_per_s = 448 * GB,
      .scaleup_domain = 8},
     {"instinct-mi325x", "amd-mi325x", NULL, NULL}},
    /* Scale-up: HGX B200 8-GPU NVLink 5 board; scale-out: DGX B200, eight
     * 400 Gb/s ConnectX-7 ports, one per GPU (BASEPOD). */
    {{.name = "b200",
      .label = "NVIDIA B200 (HGX, per GPU)",
      .vendor = "NVIDIA", .arch = "GB100",
      .source =
      "HGX-PAGE https://www.nvidia.com/en-us/data-center/hgx/ (dense = "
      "sparse/2); 148 SM and per-SM rates secondary; clocks derived",
      .units = 148, .clock_hz = 1856 * MHZ,
      .vector_clock_hz = 1980 * MHZ,
      .flops_per_clock_per_unit = 
          RATES(128, 256, 4096, 8192, 8192, 16384, 16384, 0, 16384, 32768),
      .memory_bytes = 180 * GB, .dram_bytes_per_s = 7700 * GB,
      .interconnect_bytes_per_s = 900 * GB, .scaleup_domain = 8,
      .scaleout_bytes_per_s = 50 * GB},
     {"nvidia-b200", "hgx-b200", NULL, NULL}},
    /* HGX B300: FP4 144 PF sparse / 108 dense, FP8 72 and FP16 36 PF
     * sparse, FP32 600 TF, 2.3 TB, for 8 GPUs (dense FP4 = 6x FP16).  FP64
     * (1.25 TF) and INT8 were cut to rates left out here.  Scale-up: the
     * 8-GPU NVLink 5 board; scale-out: one 800 Gb/s ConnectX-8 per GPU. */
    {{.name = "b300",
      .label = "NVIDIA B300 (HGX, per GPU)",
      .vendor = "NVIDIA", .arch = "GB110",
      .source =
      "HGX-PAGE https://www.nvidia.com/en-us/data-center/hgx/ (HGX B300 "
      "column, dense = sparse/2 except FP4); 148 SM as B200 (secondary); "
      "clocks derived",
      .units = 148, .clock_hz = 1856 * MHZ, .vector_clock_hz = 1980 * MHZ,
      .flops_per_clock_per_unit = BLACKWELL_ULTRA,
      .memory_bytes = 288 * GB, .dram_bytes_per_s = 8000 * GB,
      .interconnect_bytes_per_s = 900 * GB, .scaleup_domain = 8,
      .scaleout_bytes_per_s = 100 * GB},
     {"nvidia-b300", "hgx-b300", "blackwell-ultra", NULL}},
    /* GB200 NVL72 rack / 72: FP4 1440, FP8/FP6 720, FP16 360, TF32 180 PF
     * and INT8 720 POPS sparse; 13.4 TB HBM3e at 576 TB/s; NVLink 130 TB/s.
     * Scale-out: one 400 Gb/s ConnectX-7 per GPU (DGX GB200). */
    {{.name = "gb200",
      .label = "NVIDIA GB200 NVL72 (per GPU)",
      .vendor = "NVIDIA", .arch = "GB100",
      .source =
      "GB200-PAGE https://www.nvidia.com/en-us/data-center/gb200-nvl72/ "
      "(rack figures / 72, dense = sparse/2); 148 SM as B200 (secondary); "
      "clock derived",
      .units = 148, .clock_hz = 2062 * MHZ,
      .flops_per_clock_per_unit = RATES(0, 0, 4096, 8192, 8192, 16384,
                                        16384, 0, 16384, 32768),
      .memory_bytes = 186 * GB, .dram_bytes_per_s = 8000 * GB,
      .interconnect_bytes_per_s = 900 * GB, .scaleup_domain = 72,
      .scaleout_bytes_per_s = 50 * GB},
     {"gb200-nvl72", "nvidia-gb200", NULL, NULL}},
    /* GB300 NVL72 rack / 72: FP4 1080 PF dense, FP8/FP6 720 and FP16 360
     * PF sparse; 288 GB HBM3e per GPU at 576 TB/s per rack; 72
     * ConnectX-8 800 Gb/s NICs. */
    {{.name = "gb300",
      .label = "NVIDIA GB300 NVL72 (per GPU)",
      .vendor = "NVIDIA", .arch = "GB110",
      .source =
      "GB300-PAGE https://www.nvidia.com/en-us/data-center/gb300-nvl72/ "
      "(rack figures / 72, dense = sparse/2 except FP4); 148 SM as B200 "
      "(secondary); clock derived",
      .units = 148, .clock_hz = 2062 * MHZ,
      .flops_per_clock_per_unit = RATES(0, 0, 4096, 8192, 8192, 16384, 0,
                                        0, 16384, 49152),
      .memory_bytes = 288 * GB, .dram_bytes_per_s = 8000 * GB,
      .interconnect_bytes_per_s = 900 * GB, .scaleup_domain = 72,
      .scaleout_bytes_per_s = 100 * GB},
     {"gb300-nvl72", "nvidia-gb300", NULL, NULL}},
    /* GeForce: FP16/FP8 with FP16 accumulation at twice the FP32-accumulate
     * rate; 838.4 FP16, 1676.8 FP8 and 3352 FP4 TFLOP/s are sparse.  No
     * NVLink. */
    {{.name = "rtx-5090",
      .label = "NVIDIA GeForce RTX 5090",
      .vendor = "NVIDIA", .arch = "GB202",
      .source =
      "RTXBW-WP https://images.nvidia.com/aem-dam/Solutions/geforce/"
      "blackwell/nvidia-rtx-blackwell-gpu-architecture.pdf (170 SM, 2407 "
      "MHz, dense = sparse/2; FP32-accumulate rates)",
      .units = 170, .clock_hz = 2407 * MHZ,
      .flops_per_clock_per_unit = RATES(4, 256, 0, 512, 512, 1024, 2048, 0,
                                        0, 4096),
      .memory_bytes = 32 * GB, .dram_bytes_per_s = 1792 * GB,
      .l2_bytes = 96 * MIB, .scaleup_domain = 1,
      .fp16_acc16_flops_per_clock_per_unit = 1024,
      .fp8_acc16_flops_per_clock_per_unit = 2048},
     {"5090", "geforce-rtx-5090", NULL, NULL}},
    /* Pro part: FP32 accumulation at full rate.  FP32 125 TF and FP4 4000
     * TOPS sparse (2000 dense) are the datasheet's; FP16 and FP8 follow
     * from FP4 = 2 x FP8 = 4 x FP16 per SM.  No NVLink. */
    {{.name = "rtx-pro-6000",
      .label = "NVIDIA RTX PRO 6000 Blackwell",
      .vendor = "NVIDIA", .arch = "GB202",
      .source =
      "RTXPRO6000-DS https://www.nvidia.com/en-us/products/workstations/"
      "professional-desktop-gpus/rtx-pro-6000/ (188 SM, 96 GB, 1792 GB/s); "
      "clock 2600 MHz derived from 125 TF FP32",
      .units = 188, .clock_hz = 2600 * MHZ,
      .flops_per_clock_per_unit = RATES(4, 256, 512, 1024, 1024, 2048, 2048,
                                        0, 0, 4096),
      .memory_bytes = 96 * GB, .dram_bytes_per_s = 1792 * GB,
      .l2_bytes = 128 * MIB, .scaleup_domain = 1},
     {"rtx-pro-6000-blackwell", "pro-6000", NULL, NULL}},
    /* 256 CU x 2400 MHz: FP16 2.5, FP8 5.0, MXFP6/MXFP4 10.1 PF dense, FP64
     * 78.6 TF.  Scale-up: 7 Infinity Fabric links of 153.6 GB/s (both
     * directions) to the 7 other GPUs of an 8-GPU platform. */
    {{.name = "mi355x",
      .label = "AMD Instinct MI355X",
      .vendor = "AMD", .arch = "CDNA4",
      .source =
      "AMD-MI355X https://www.amd.com/en/products/accelerators/instinct/"
      "mi350/mi355x.html; CDNA4-WP (8 XCD x 32 CU, 8192 FP8 FLOP/clk/CU)",
      .units = 256, .clock_hz = 2400 * MHZ,
      .flops_per_clock_per_unit = RATES(128, 256, 0, 4096, 4096, 8192, 8192,
                                        0, 16384, 16384),
      .memory_bytes = 288 * GB, .dram_bytes_per_s = 8000 * GB,
      .interconnect_bytes_per_s = 537.6 * GB, .scaleup_domain = 8},
     {"instinct-mi355x", "amd-mi355x", NULL, NULL}},
    /* Scale-up: the ICI domain is the pod (GCP page). */
    {{.name = "tpu-v4",
      .label = "Google TPU v4",
      .vendor = "Google", .arch = "TPUv4",
      .source =
      "GCP-V4 https://cloud.google.com/tpu/docs/v4; SCALING-BOOK "
      "https://jax-ml.github.io/scaling-book/tpus/ (8 MXU, clock derived)",
      .units = 8, .clock_hz = 1050 * MHZ,
      .flops_per_clock_per_unit = RATES(0, 0, 0, 0, 32768, 0, 32768, 0, 0, 0),
      .memory_bytes = 32 * GB, .dram_bytes_per_s = 1200 * GB,
      .interconnect_bytes_per_s = 270 * GB, .scaleup_domain = 4096},
     {"v4", NULL, NULL, NULL}},
    /* Scale-up: the ICI domain is the pod (GCP page); scale-out: two 100
     * Gb/s NICs per host of 8 chips, 25 Gb/s per chip (GCP-V5E). */
    {{.name = "tpu-v5e",
      .label = "Google TPU v5e",
      .vendor = "Google", .arch = "TPUv5e",
      .source =
      "GCP-V5E https://cloud.google.com/tpu/docs/v5e; SCALING-BOOK "
      "https://jax-ml.github.io/scaling-book/tpus/ (4 MXU, clock derived)",
      .units = 4, .clock_hz = 1500 * MHZ,
      .flops_per_clock_per_unit = RATES(0, 0, 0, 0, 32768, 0, 65536, 0, 0, 0),
      .memory_bytes = 16 * GB, .dram_bytes_per_s = 819 * GB,
      .interconnect_bytes_per_s = 200 * GB, .scaleup_domain = 256,
      .scaleout_bytes_per_s = 3.125 * GB},
     {"v5e", "tpu-v5-lite", NULL, NULL}},
    /* Scale-up: the ICI domain is the pod (GCP page); scale-out: 50 Gb/s
     * of data-centre network per chip (GCP-V5P). */
    {{.name = "tpu-v5p",
      .label = "Google TPU v5p",
      .vendor = "Google", .arch = "TPUv5p",
      .source =
      "GCP-V5P https://cloud.google.com/tpu/docs/v5p; SCALING-BOOK "
      "https://jax-ml.github.io/scaling-book/tpus/ (8 MXU, clock derived)",
      .units = 8, .clock_hz = 1750 * MHZ,
      .flops_per_clock_per_unit =
          RATES(0, 0, 0, 0, 32768, 32768, 65536, 0, 0, 0),
      .memory_bytes = 95 * GB, .dram_bytes_per_s = 2765 * GB,
      .interconnect_bytes_per_s = 600 * GB, .scaleup_domain = 8960,
      .scaleout_bytes_per_s = 6.25 * GB},
     {"v5p", NULL, NULL, NULL}},
    /* One TensorCore with two 256 x 256 MXUs; 918 TFLOP/s BF16, 1836 TOPS
     * INT8, 32 GB at 1638 GB/s, ICI 800 GB/s both ways, 256-chip pods.
     * Google publishes no clock: 2 MXU x 262144 x 1.75 GHz (the v5p's
     * derived clock) gives 917.5; only the product is sourced. */
    {{.name = "tpu-v6e",
      .label = "Google TPU v6e (Trillium)",
      .vendor = "Google", .arch = "TPUv6e",
      .source =
      "GCP-V6E https://cloud.google.com/tpu/docs/v6e (2 MXU of 256x256; "
      "clock not published, 1750 MHz nominal)",
      .units = 2, .clock_hz = 1750 * MHZ,
      .flops_per_clock_per_unit =
          RATES(0, 0, 0, 0, 262144, 0, 524288, 0, 0, 0),
      .memory_bytes = 32 * GB, .dram_bytes_per_s = 1638 * GB,
      .interconnect_bytes_per_s = 400 * GB, .scaleup_domain = 256},
     {"v6e", "trillium", NULL, NULL}},
    /* Scale-up: 21 of the 24 RoCE ports join the 8 cards of a node; scale-
     * out: the other 3 (HC24-GAUDI). */
    {{.name = "gaudi2",
      .label = "Intel Gaudi2",
      .vendor = "Intel", .arch = "Gaudi2",
      .source =
      "HC24-GAUDI (Hot Chips 2024); GAUDI2-WP https://www.intel.com/content/"
      "www/us/en/content-details/839363/; STAS (2 MME x 1650 MHz)",
      .units = 2, .clock_hz = 1650 * MHZ,
      .flops_per_clock_per_unit = RATES(0, 0, 0, 0, 131072, 262144, 0, 0, 0, 0),
      .memory_bytes = 96 * GB, .dram_bytes_per_s = 2460 * GB,
      .interconnect_bytes_per_s = 300 * GB, .scaleup_domain = 8,
      .scaleout_bytes_per_s = 37.5 * GB},
     {"intel-gaudi2", NULL, NULL, NULL}},
    /* Scale-up: 21 of the 24 RoCE ports join the 8 cards of a node; scale-
     * out: the other 3 (HC24-GAUDI). */
    {{.name = "gaudi3",
      .label = "Intel Gaudi3",
      .vendor = "Intel", .arch = "Gaudi3",
      .source =
      "HC24-GAUDI (Hot Chips 2024); GAUDI3-WP https://www.intel.com/content/"
      "www/us/en/content-details/817486/; STAS (8 MME x 1750 MHz)",
      .units = 8, .clock_hz = 1750 * MHZ,
      .flops_per_clock_per_unit = 
          RATES(0, 16384, 32768, 32768, 131072, 131072, 0, 0, 0, 0),
      .memory_bytes = 128 * GB, .dram_bytes_per_s = 3670 * GB,
      .l2_bytes = 96 * MIB, .interconnect_bytes_per_s = 600 * GB,
      .scaleup_domain = 8, .scaleout_bytes_per_s = 75 * GB},
     {"intel-gaudi3", NULL, NULL, NULL}},
};

const uint32_t roof__hw_table_count = ROOF_ARRAY_LEN(roof__hw_table);
