/* cli_exact (cli/util.c) writes every double exactly as the plain method
 * does: the first of %.15g, %.16g, %.17g that reads back.  Its fast path
 * derives the shorter candidates from one 17-digit print and checks them
 * without strtod where it can; this compares the two on special values and
 * a few hundred thousand generated ones (bit patterns, ratios, integers,
 * values around ties), deterministic. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *plain(char buf[CLI_NUM_MAX], double x)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, CLI_NUM_MAX, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return buf;
}

static long failures;

static void compare(double x)
{
    char a[CLI_NUM_MAX], b[CLI_NUM_MAX];
    if (!isfinite(x))
        return;
    cli_exact(a, x);
    plain(b, x);
    if (strcmp(a, b) != 0 && failures++ < 10)
        fprintf(stderr, "cli_exact(%.17g) = %s, want %s\n", x, a, b);
}

int main(void)
{
    static const double special[] = {
        5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 1e-300,
        1e-5, 0.1, 0.30000000000000004, 1e15 + 0.5, 123456789012345.6,
        999999999999999.9, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23,
        9007199254740994.0, 1.5, 2.675, 4.35, 1.0000000000000002,
        0.9999999999999999, 0.0001, 0.00001234, 201.6, 0.0};
    uint64_t s = 88172645463325252u;
    long n = 0;
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
        compare(special[i]);
        compare(-special[i]);
    }
    for (long i = 0; i < 300000; i++, n++) {
        double x;
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        switch (i % 5) {
        case 0:
            memcpy(&x, &s, sizeof x);
            break;
        case 1: /* ratios of small integers, scaled */
            x = (double)(s % 100000) / (double)((s >> 20) % 9999 + 1)
                * pow(10.0, (double)((int)((s >> 40) % 40) - 20));
            break;
        case 2: /* label's quotients: FLOPs / bytes / peak */
            x = (double)((s % 97) + 1) * 1e9 / ((double)((s >> 8) % 89 + 1) * 1e7)
                / 154828800000000.0;
            break;
        case 3: /* integers around 1e15 */
            x = (double)(int64_t)(s % 1999999999999999u) - 999999999999999.0
                + 0.5 * (double)((s >> 62) & 1);
            break;
        default: /* 17-digit integers times powers of ten */
            x = (double)(s % 100000000000000000u)
                * pow(10.0, (double)((int)((s >> 50) % 60) - 40));
            break;
        }
        compare(x);
    }
    if (failures > 0) {
        fprintf(stderr, "%ld of %ld differ\n", failures, n);
        return 1;
    }
    printf("cli_exact: %ld values, all as %%.15g/%%.16g/%%.17g write them\n", n);
    return 0;
}
