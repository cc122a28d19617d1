/*
 * roofmodel benchmark: nanoseconds per question (issue 8).
 *
 *   ninja -C build && build/bench/roofmodel-bench [--quick] [CASE...]
 *   meson test -C build --benchmark -v          (the same, through meson)
 *   build/bench/roofmodel-bench --reps N CASE   (no timing: CASE N times,
 *                                for callgrind; see bench/callgrind.sh)
 *
 * Each case is timed in batches of repetitions with
 * clock_gettime(CLOCK_MONOTONIC): a warm-up, a calibration that grows the
 * batch until it lasts BATCH_NS (so the clock's own cost is noise), then
 * SAMPLES batches.  Per call it prints the median, the minimum, the
 * maximum and the spread of the samples (p10..p90 relative to the median:
 * how noisy the machine was), against the target.  It never fails
 * on time: a missed target says MISS and by how much; only a wrong status
 * from the library makes it exit non-zero.  Results reach a volatile sink
 * so the compiler cannot drop the calls.
 */
#define _POSIX_C_SOURCE 200112L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exercise.h"

#define BATCH_NS 200000.0 /* one sample: at least 0.2 ms of calls */
#define WARMUP_NS 20e6    /* 20 ms of calls before calibrating */

static volatile double sink;

/* Inputs prepared once, outside the timed loops. */
static struct {
    roof_hardware a6000, a6000_2100;
    roof_model llama13b, llama2_13b;
    roof_ceiling ceiling;
    roof_workload prefill, decode;
    roof_workload sweep[Q_SEED_SETTINGS * 2];
    roof_request request[3];
    roof_plan plan;                 /* Llama-2 13B on the A6000 */
    roof_hardware h100;
    roof_model oss120b;             /* layer groups: 128-token windows on
                                       half the layers */
    roof_plan plan_oss;             /* gpt-oss-120b on the H100 SXM */
    roof_seq seqs[256];             /* a chunk, then decodes */
    q_seed seed;
    char svg[1 << 20];
} in;

static int failed;

static void check(int rc, const char *what)
{
    if (rc != ROOF_OK) {
        fprintf(stderr, "bench: %s: %s\n", what, roof_status_str(rc));
        failed = 1;
    }
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ---- the cases: each runs its question `reps` times ---- */

static void case_roofline(uint32_t reps)
{
    roof_roofline r;
    for (uint32_t i = 0; i < reps; i++) {
        /* q_proj of Llama 13B, prefill of 1024 tokens. */
        check(roof_roofline_eval(&in.ceiling, 53687091200.0, 115343360.0, &r),
              "roof_roofline_eval");
        sink = r.seconds;
    }
}

static void case_question(uint32_t reps)
{
    roof_op ops[ROOF_MAX_OPS];
    roof_totals t;
    uint32_t n = 0;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_ops(&in.llama2_13b, &in.prefill, &in.a6000, NULL, ops,
                       ROOF_MAX_OPS, &n, &t), "roof_ops prefill");
        sink = t.model.seconds;
        check(roof_ops(&in.llama2_13b, &in.decode, &in.a6000, NULL, ops,
                       ROOF_MAX_OPS, &n, &t), "roof_ops decode");
        sink = t.model.seconds;
    }
}

/* The same question as a scheduler asks it: the totals only. */
static void case_step(uint32_t reps)
{
    roof_totals t;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_step(&in.llama2_13b, &in.prefill, &in.a6000, NULL, &t),
              "roof_step prefill");
        sink = t.model.seconds;
        check(roof_step(&in.llama2_13b, &in.decode, &in.a6000, NULL, &t),
              "roof_step decode");
        sink = t.model.seconds;
    }
}

/* The same question through a prepared plan (issue 14). */
static void case_plan(uint32_t reps)
{
    roof_step_result r;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_step(&in.plan, 1, 1024, 0, &r), "plan prefill");
        sink = r.seconds + r.expected_seconds;
        check(roof_plan_step(&in.plan, 1, 1, 1024, &r), "plan decode");
        sink = r.seconds + r.expected_seconds;
    }
}

static void mixed(uint32_t reps, uint32_t count)
{
    roof_step_result r;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_step_mixed(&in.plan, in.seqs, count, &r),
              "plan mixed");
        sink = r.seconds + r.expected_seconds;
    }
}

static void case_mixed1(uint32_t reps) { mixed(reps, 1); }
static void case_mixed8(uint32_t reps) { mixed(reps, 8); }
static void case_mixed64(uint32_t reps) { mixed(reps, 64); }
static void case_mixed256(uint32_t reps) { mixed(reps, 256); }

/* The same questions on a model of layer groups: each group's attention
 * on its own window. */
static void case_plan_oss(uint32_t reps)
{
    roof_step_result r;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_step(&in.plan_oss, 1, 1024, 0, &r), "oss prefill");
        sink = r.seconds + r.expected_seconds;
        check(roof_plan_step(&in.plan_oss, 1, 1, 1024, &r), "oss decode");
        sink = r.seconds + r.expected_seconds;
    }
}

static void mixed_oss(uint32_t reps, uint32_t count)
{
    roof_step_result r;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_step_mixed(&in.plan_oss, in.seqs, count, &r),
              "oss mixed");
        sink = r.seconds + r.expected_seconds;
    }
}

static void case_mixed8_oss(uint32_t reps) { mixed_oss(reps, 8); }
static void case_mixed256_oss(uint32_t reps) { mixed_oss(reps, 256); }

static void case_plan_init_oss(uint32_t reps)
{
    static roof_plan p; /* bench-local scratch, off the stack */
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_init(&in.oss120b, &in.prefill, &in.h100, NULL, &p),
              "oss plan init");
        sink = p.prepared[0];
    }
}

static void case_plan_init(uint32_t reps)
{
    static roof_plan p; /* bench-local scratch, off the stack */
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_init(&in.llama2_13b, &in.prefill, &in.a6000, NULL,
                             &p), "plan init");
        sink = p.prepared[0];
    }
}

/* The inverse questions (issue 14): each <= 1 us. */
static void case_inv_batch(uint32_t reps)
{
    uint32_t b;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_max_decode_batch(&in.plan, 2048, 0.060,
                                         ROOF_BASIS_EXPECTED, &b, NULL),
              "max decode batch");
        sink = b;
    }
}

static void case_inv_chunk(uint32_t reps)
{
    uint32_t c;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_max_chunk(&in.plan, in.seqs + 1, 31, 0, 0.150,
                                  ROOF_BASIS_EXPECTED, &c, NULL),
              "max chunk");
        sink = c;
    }
}

static void case_inv_tp(uint32_t reps)
{
    uint32_t t;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_min_tensor_parallel(&in.llama2_13b, &in.prefill,
                                       &in.a6000, NULL, 1, 8192, 1.0,
                                       ROOF_BASIS_EXPECTED, 8, &t, NULL),
              "min tensor parallel");
        sink = t;
    }
}

static void case_inv_throughput(uint32_t reps)
{
    roof_throughput t;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_plan_max_decode_throughput(&in.plan, 2048, 0.060,
                                              ROOF_BASIS_EXPECTED, &t),
              "max decode throughput");
        sink = t.tokens_per_s;
    }
}

static void case_sweep(uint32_t reps)
{
    roof_op ops[ROOF_MAX_OPS];
    uint32_t n = 0;
    for (uint32_t i = 0; i < reps; i++) {
        for (uint32_t k = 0; k < Q_SEED_SETTINGS * 2; k++) {
            check(roof_ops(&in.llama13b, &in.sweep[k], &in.a6000_2100, NULL,
                           ops, ROOF_MAX_OPS, &n, NULL), "roof_ops sweep");
            sink = ops[0].roofline.seconds;
        }
    }
}

static void estimate(uint32_t reps, const roof_request *r)
{
    roof_estimate e;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_estimate_run(&in.llama2_13b, &in.a6000, r, &e),
              "roof_estimate_run");
        sink = e.e2e_seconds;
    }
}

static void case_estimate_64(uint32_t reps) { estimate(reps, &in.request[0]); }
static void case_estimate_4096(uint32_t reps) { estimate(reps, &in.request[1]); }
static void case_estimate_65536(uint32_t reps) { estimate(reps, &in.request[2]); }

static void case_chart(uint32_t reps)
{
    size_t len = 0;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_chart_svg(&in.seed.chart, in.svg, sizeof in.svg, &len),
              "roof_chart_svg");
        sink = (double)len;
    }
}

static void case_config(uint32_t reps)
{
    roof_model m;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_model_from_json(q_llama2_13b_config,
                                   q_llama2_13b_config_len, &m, NULL),
              "roof_model_from_json");
        sink = m.hidden;
    }
}

static void case_find(uint32_t reps)
{
    roof_hardware hw;
    for (uint32_t i = 0; i < reps; i++) {
        check(roof_hardware_find("a6000@2100", &hw), "roof_hardware_find");
        sink = hw.clock_hz;
    }
}

typedef struct bench_case {
    const char *id;
    const char *what;
    double target_ns; /* 0 = no target, for information */
    void (*run)(uint32_t reps);
} bench_case;

static const bench_case cases[] = {
    {"roofline", "roofline verdict, one operator", 5, case_roofline},
    {"question", "Llama-2 13B/A6000: prefill 1024 + decode 1024, totals", 70,
     case_question},
    {"step", "Llama-2 13B question, totals only: roof_step prefill + decode",
     70, case_step},
    {"plan", "the same through a roof_plan: prefill + decode, bound+expected",
     70, case_plan},
    {"mixed1", "roof_plan_step_mixed, 1 sequence (a 256-token chunk)", 62,
     case_mixed1},
    {"mixed8", "roof_plan_step_mixed, chunk + 7 decodes", 76, case_mixed8},
    {"mixed64", "roof_plan_step_mixed, chunk + 63 decodes", 188,
     case_mixed64},
    {"mixed256", "roof_plan_step_mixed, chunk + 255 decodes", 572,
     case_mixed256},
    {"plan_init", "roof_plan_init, Llama-2 13B on the A6000", 5000,
     case_plan_init},
    {"plan_oss", "gpt-oss-120b/H100 SXM (layer groups): prefill + decode",
     0, case_plan_oss},
    {"mixed8_oss", "gpt-oss-120b: chunk + 7 decodes", 0, case_mixed8_oss},
    {"mixed256_oss", "gpt-oss-120b: chunk + 255 decodes", 0,
     case_mixed256_oss},
    {"plan_init_oss", "roof_plan_init, gpt-oss-120b on the H100 SXM", 0,
     case_plan_init_oss},
    {"inv_batch", "largest decode batch at 2048 within 60 ms (expected)",
     1000, case_inv_batch},
    {"inv_chunk", "largest chunk beside 31 decodes within 150 ms", 1000,
     case_inv_chunk},
    {"inv_tp", "smallest TP for a TTFT of 1 s at 8192 tokens", 1000,
     case_inv_tp},
    {"inv_tput", "best decode throughput at 2048 under a 60 ms TPOT", 1000,
     case_inv_throughput},
    {"sweep", "seed sweep: 49 settings x 2 phases (98 roof_ops)", 5000,
     case_sweep},
    {"estimate64", "roof_estimate_run, 64 generated tokens", 200,
     case_estimate_64},
    {"estimate4096", "roof_estimate_run, 4096 generated tokens", 200,
     case_estimate_4096},
    {"estimate65536", "roof_estimate_run, 65536 generated tokens", 200,
     case_estimate_65536},
    {"chart", "seed chart to SVG in memory", 200000, case_chart},
    {"config", "parse Llama-2-13b config.json", 5000, case_config},
    {"find", "roof_hardware_find(\"a6000@2100\")", 0, case_find},
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* "12.3 ns", "4.56 us", "1.23 ms" */
static void fmt_time(char *buf, size_t cap, double ns)
{
    if (ns < 1e3)
        snprintf(buf, cap, "%.1f ns", ns);
    else if (ns < 1e6)
        snprintf(buf, cap, "%.2f us", ns / 1e3);
    else
        snprintf(buf, cap, "%.2f ms", ns / 1e6);
}

static double time_batch(const bench_case *c, uint32_t reps)
{
    double t0 = now_ns();
    c->run(reps);
    return now_ns() - t0;
}

static void run_case(const bench_case *c, int samples)
{
    uint32_t reps = 1;
    double t0 = now_ns();
    while (now_ns() - t0 < WARMUP_NS)
        c->run(1);
    while (reps < (1u << 30) && time_batch(c, reps) < BATCH_NS)
        reps *= 2;

    double *ns = malloc((size_t)samples * sizeof *ns);
    if (ns == NULL) {
        fputs("bench: out of memory\n", stderr);
        exit(1);
    }
    for (int i = 0; i < samples; i++)
        ns[i] = time_batch(c, reps) / reps;
    qsort(ns, (size_t)samples, sizeof *ns, cmp_double);
    double med = ns[samples / 2], lo = ns[0], hi = ns[samples - 1];
    double spread = (ns[samples * 9 / 10] - ns[samples / 10]) / med * 100.0;
    free(ns);

    char m[24], mn[24], mx[24], tg[24] = "-", verdict[32] = "";
    fmt_time(m, sizeof m, med);
    fmt_time(mn, sizeof mn, lo);
    fmt_time(mx, sizeof mx, hi);
    if (c->target_ns > 0) {
        fmt_time(tg, sizeof tg, c->target_ns);
        if (med <= c->target_ns)
            snprintf(verdict, sizeof verdict, "ok (%.0f%%)",
                     med / c->target_ns * 100.0);
        else
            snprintf(verdict, sizeof verdict, "MISS x%.2f",
                     med / c->target_ns);
    }
    printf("%-14s %-62s %10s %10s %10s %6.1f%% %10s  %s\n", c->id, c->what, m,
           mn, mx, spread, tg, verdict);
    fflush(stdout);
}

static void prepare(void)
{
    static const uint32_t gens[3] = {64, 4096, 65536};
    check(roof_hardware_find("a6000", &in.a6000), "find a6000");
    check(roof_hardware_find("a6000@2100", &in.a6000_2100), "find a6000@2100");
    check(roof_model_find("llama-13b", &in.llama13b), "find llama-13b");
    check(roof_model_find("llama-2-13b", &in.llama2_13b), "find llama-2-13b");
    check(roof_ceiling_from_hardware(&in.a6000, ROOF_FP16, NULL, &in.ceiling),
          "ceiling");
    check(roof_workload_prefill(1, 1024, &in.prefill), "prefill");
    check(roof_workload_decode(1, 1024, &in.decode), "decode");
    for (uint32_t b = 0; b < Q_SEED_BATCHES; b++) {
        for (uint32_t s = 0; s < Q_SEED_SEQS; s++) {
            uint32_t k = (b * Q_SEED_SEQS + s) * 2;
            check(roof_workload_prefill(q_seed_batches[b], q_seed_seqs[s],
                                        &in.sweep[k]), "sweep prefill");
            check(roof_workload_decode(q_seed_batches[b], q_seed_seqs[s],
                                       &in.sweep[k + 1]), "sweep decode");
        }
    }
    for (int i = 0; i < 3; i++)
        check(roof_request_init(1, 1024, gens[i], &in.request[i]), "request");
    check(q_seed_build(&in.llama13b, &in.a6000_2100, &in.seed), "seed chart");
    check(roof_plan_init(&in.llama2_13b, &in.prefill, &in.a6000, NULL,
                         &in.plan), "plan");
    check(roof_hardware_find("h100-sxm", &in.h100), "find h100-sxm");
    check(roof_model_find("gpt-oss-120b", &in.oss120b), "find gpt-oss");
    check(roof_plan_init(&in.oss120b, &in.prefill, &in.h100, NULL,
                         &in.plan_oss), "oss plan");
    in.seqs[0] = (roof_seq){256, 0};
    for (uint32_t i = 1; i < 256; i++)
        in.seqs[i] = (roof_seq){1, 1024 + 61 * i};
}

static int selected(const bench_case *c, int argc, char **argv)
{
    int any = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-')
            continue;
        any = 1;
        if (strcmp(argv[i], c->id) == 0)
            return 1;
    }
    return !any;
}

/* --reps N CASE: run one case N times untimed, for instruction counts. */
static int run_reps(const char *count, const char *id)
{
    long reps = strtol(count, NULL, 10);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        if (strcmp(cases[k].id, id) == 0 && reps >= 0) {
            prepare();
            cases[k].run((uint32_t)reps);
            return failed;
        }
    }
    fprintf(stderr, "bench: --reps N CASE: unknown case or count\n");
    return 2;
}

int main(int argc, char **argv)
{
    int samples = 201;
    if (argc == 4 && strcmp(argv[1], "--reps") == 0)
        return run_reps(argv[2], argv[3]);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            samples = 31;
        } else if (strcmp(argv[i], "--help") == 0 || argv[i][0] == '-') {
            printf("usage: %s [--quick] [CASE...] | --reps N CASE\ncases:",
                   argv[0]);
            for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
                printf(" %s", cases[k].id);
            printf("\n");
            return strcmp(argv[i], "--help") == 0 ? 0 : 2;
        }
    }
    prepare();
    if (failed)
        return 1;
    printf("roofmodel %s bench: %d samples per case, each >= %.1f ms of "
           "calls; times per call\n",
           roof_version_string(), samples, BATCH_NS / 1e6);
    printf("%-14s %-62s %10s %10s %10s %7s %10s  %s\n", "case", "question",
           "median", "min", "max", "spread", "target", "");
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        if (selected(&cases[k], argc, argv))
            run_case(&cases[k], samples);
    }
    printf("spread = (p90 - p10) / median of the samples\n");
    return failed;
}
