/*
 * Thread safety: 8 threads call every public entry point at once, many
 * times, and each result must equal, byte for byte, the one computed first
 * on a single thread.  Half of the calls read descriptors, ceilings and a
 * chart shared by all threads (const, never copied), the other half build
 * their own (tests/quality/exercise.c).  Under -fsanitize=thread (the
 * quality gates build it so) any data race in the library is a report and
 * a failure; without it, a race that corrupts a result still fails here.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exercise.h"

#define THREADS 8
#define ROUNDS 12
#define SVG_CAP (1u << 20)
#define JSON_CAP (1u << 14)

/* Written once before the threads start, only read while they run. */
static q_results ref;
static q_seed ref_seed;
static char ref_svg[SVG_CAP];

typedef struct worker {
    pthread_t tid;
    int index;
    int failed_line; /* first mismatch or bad status: a line of this file
                        or, for q_exercise, of exercise.c (negated) */
    q_results r;
    q_seed seed;
    char svg[SVG_CAP];
    char json[JSON_CAP];
} worker;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond))                                                       \
            return __LINE__;                                               \
    } while (0)

/* The shared-descriptor half: the same questions on ref's descriptors. */
static int ask_shared(worker *w)
{
    roof_op ops[ROOF_MAX_OPS];
    roof_totals totals;
    roof_roofline rl;
    roof_estimate est;
    uint32_t n = 0;
    size_t len = 0;

    CHECK(roof_ops(&ref.llama2_13b, &ref.prefill, &ref.hw, NULL, ops,
                   ROOF_MAX_OPS, &n, &totals) == ROOF_OK);
    CHECK(n == ref.prefill_count);
    CHECK(memcmp(ops, ref.prefill_ops, n * sizeof ops[0]) == 0);
    CHECK(memcmp(&totals, &ref.prefill_totals, sizeof totals) == 0);

    CHECK(roof_roofline_eval(&ref.ceiling, 53687091200.0, 115343360.0, &rl)
          == ROOF_OK);
    CHECK(memcmp(&rl, &ref.roofline, sizeof rl) == 0);

    CHECK(roof_estimate_run(&ref.llama2_13b, &ref.hw, &ref.request, &est)
          == ROOF_OK);
    /* ref.request asks for 4096 tokens: estimate[1]. */
    CHECK(memcmp(&est, &ref.estimate[1], sizeof est) == 0);

    CHECK(roof_chart_svg(&ref_seed.chart, w->svg, SVG_CAP, &len) == ROOF_OK);
    CHECK(len == ref.svg_len && memcmp(w->svg, ref_svg, len) == 0);
    return 0;
}

static int ask_own(worker *w)
{
    const q_buffers b = {&w->seed, w->svg, SVG_CAP, w->json, JSON_CAP};
    memset(&w->r, 0, sizeof w->r);
    int line = q_exercise(&w->r, &b);
    if (line != 0)
        return -line;
    CHECK(memcmp(&w->r, &ref, sizeof ref) == 0);
    CHECK(memcmp(w->svg, ref_svg, ref.svg_len) == 0);
    return 0;
}

static void *run(void *arg)
{
    worker *w = arg;
    for (int round = 0; round < ROUNDS && w->failed_line == 0; round++) {
        /* Alternate the order so threads overlap on different calls. */
        int line = (round + w->index) % 2 ? ask_shared(w) : ask_own(w);
        if (line == 0)
            line = (round + w->index) % 2 ? ask_own(w) : ask_shared(w);
        w->failed_line = line;
    }
    return NULL;
}

int main(void)
{
    static char ref_json[JSON_CAP];
    const q_buffers rb = {&ref_seed, ref_svg, SVG_CAP, ref_json, JSON_CAP};
    memset(&ref, 0, sizeof ref);
    int line = q_exercise(&ref, &rb);
    if (line != 0) {
        printf("FAIL: reference run: exercise.c line %d\n", line);
        return 1;
    }

    worker *ws = calloc(THREADS, sizeof *ws);
    if (ws == NULL) {
        puts("FAIL: out of memory");
        return 1;
    }
    for (int i = 0; i < THREADS; i++) {
        ws[i].index = i;
        if (pthread_create(&ws[i].tid, NULL, run, &ws[i]) != 0) {
            printf("FAIL: pthread_create %d\n", i);
            return 1;
        }
    }
    int failed = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(ws[i].tid, NULL);
        if (ws[i].failed_line > 0) {
            printf("FAIL: thread %d: threads.c line %d\n", i,
                   ws[i].failed_line);
            failed = 1;
        } else if (ws[i].failed_line < 0) {
            printf("FAIL: thread %d: exercise.c line %d\n", i,
                   -ws[i].failed_line);
            failed = 1;
        }
    }
    free(ws);
    if (!failed)
        printf("threads: %d threads x %d rounds, every result identical to "
               "the single-threaded reference\n", THREADS, ROUNDS);
    return failed;
}
