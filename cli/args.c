/* Option parsing: "--name VALUE", "--name=VALUE", flags, positionals, and
 * strict numbers.  Every error is one line naming the flag. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

cli_opt *cli_add(cli_cmd *cmd, const char *name, int kind, void *dest,
                 const char *metavar, const char *help)
{
    /* The tables are written by this program, not by users: running out
     * of slots is a programming error caught by the tests. */
    if (cmd->nopts >= CLI_MAX_OPTS)
        abort();
    cli_opt *o = &cmd->opts[cmd->nopts++];
    memset(o, 0, sizeof *o);
    o->name = name;
    o->kind = kind;
    o->dest = dest;
    o->metavar = metavar;
    o->help = help;
    return o;
}

void cli_add_formats(cli_cmd *cmd, int *json, int *csv)
{
    if (json)
        cli_add(cmd, "--json", CLI_FLAG, json, NULL,
                "write JSON (exact numbers) instead of the table");
    if (csv)
        cli_add(cmd, "--csv", CLI_FLAG, csv, NULL,
                "write CSV (exact numbers, one header row)");
}

int cli_check_formats(const cli_cmd *cmd, int json, int csv)
{
    if (json && csv)
        return cli_usage_error(cmd->name, "--json and --csv exclude each other");
    return CLI_OK;
}

const cli_opt *cli_find_opt(const cli_cmd *cmd, const char *name)
{
    for (uint32_t i = 0; i < cmd->nopts; i++) {
        if (strcmp(cmd->opts[i].name, name) == 0)
            return &cmd->opts[i];
    }
    return NULL;
}

static cli_opt *match(cli_cmd *cmd, const char *word, size_t len)
{
    for (uint32_t i = 0; i < cmd->nopts; i++) {
        cli_opt *o = &cmd->opts[i];
        if ((strlen(o->name) == len && strncmp(o->name, word, len) == 0)
            || (o->alias && strlen(o->alias) == len
                && strncmp(o->alias, word, len) == 0))
            return o;
    }
    return NULL;
}

static int parse_u32(const cli_cmd *cmd, const cli_opt *o, const char *text)
{
    uint32_t lo = o->min, hi = o->max;
    char *end;
    if (lo == 0 && hi == 0) {
        lo = 1;
        hi = UINT32_MAX;
    }
    errno = 0;
    /* strtoul accepts a sign and leading spaces: reject them first. */
    unsigned long long v = strtoull(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno == ERANGE
        || v < lo || v > hi)
        return cli_usage_error(cmd->name,
                               "%s: expected a whole number from %u to %u, "
                               "got '%s'", o->name, (unsigned)lo,
                               (unsigned)hi, text);
    *(uint32_t *)o->dest = (uint32_t)v;
    return CLI_OK;
}

/* A plain decimal or exponent number; no hex, inf or nan. */
static int parse_double(const cli_cmd *cmd, const cli_opt *o,
                        const char *text)
{
    static const char *const want[] = {
        [CLI_POS] = "a positive number",
        [CLI_NONNEG] = "a number >= 0",
        [CLI_FRACTION] = "a fraction in (0, 1]",
        [CLI_RESERVE] = "a fraction in [0, 1)",
    };
    char *end;
    int ok = strspn(text, "0123456789.eE+-") == strlen(text) && *text != '\0';
    errno = 0;
    double v = ok ? strtod(text, &end) : 0.0;
    ok = ok && *end == '\0' && errno != ERANGE && isfinite(v)
         && fabs(v) <= ROOF_MAX_VALUE;
    if (ok) {
        switch (o->kind) {
        case CLI_POS: ok = v > 0.0; break;
        case CLI_NONNEG: ok = v >= 0.0; break;
        case CLI_FRACTION: ok = v > 0.0 && v <= 1.0; break;
        default: ok = v >= 0.0 && v < 1.0; break;
        }
    }
    if (!ok)
        return cli_usage_error(cmd->name, "%s: expected %s%s, got '%s'",
                               o->name, want[o->kind],
                               o->kind == CLI_POS || o->kind == CLI_NONNEG
                                   ? " (at most 1e30)" : "", text);
    *(double *)o->dest = v;
    return CLI_OK;
}

static int set_value(const cli_cmd *cmd, cli_opt *o, const char *text)
{
    switch (o->kind) {
    case CLI_STR:
        if (*text == '\0')
            return cli_usage_error(cmd->name, "%s: empty value", o->name);
        *(const char **)o->dest = text;
        return CLI_OK;
    case CLI_U32:
        return parse_u32(cmd, o, text);
    default:
        return parse_double(cmd, o, text);
    }
}

int cli_has_opt(cli_cmd *cmd, const char *word)
{
    const char *eq = strchr(word, '=');
    size_t len = eq && word[1] == '-' ? (size_t)(eq - word) : strlen(word);
    return match(cmd, word, len) != NULL;
}

static int option(cli_cmd *cmd, int argc, char **argv, int *i)
{
    const char *word = argv[*i];
    const char *eq = strchr(word, '=');
    size_t len = eq && word[1] == '-' ? (size_t)(eq - word) : strlen(word);
    cli_opt *o = match(cmd, word, len);
    if (o == NULL)
        return cli_usage_error(cmd->name, "unknown option '%.*s' (see "
                               "'roofmodel %s --help')", (int)len, word,
                               cmd->name);
    o->seen = 1;
    if (o->kind == CLI_FLAG) {
        if (eq && word[1] == '-')
            return cli_usage_error(cmd->name, "%s takes no value", o->name);
        *(int *)o->dest = 1;
        return CLI_OK;
    }
    if (eq && word[1] == '-')
        return set_value(cmd, o, eq + 1);
    if (*i + 1 >= argc)
        return cli_usage_error(cmd->name, "%s needs a value (%s %s)", o->name,
                               o->name, o->metavar ? o->metavar : "VALUE");
    *i += 1;
    return set_value(cmd, o, argv[*i]);
}

static int check_done(cli_cmd *cmd)
{
    for (uint32_t i = 0; i < cmd->nopts; i++) {
        const cli_opt *o = &cmd->opts[i];
        if (o->required && !o->seen)
            return cli_usage_error(cmd->name, "missing %s %s (see 'roofmodel "
                                   "%s --help')", o->name, o->metavar,
                                   cmd->name);
    }
    if (cmd->npos < cmd->pos_min)
        return cli_usage_error(cmd->name, "missing argument (usage: %s)",
                               cmd->usage);
    return CLI_OK;
}

int cli_parse(cli_cmd *cmd, int argc, char **argv, cli_buf *out)
{
    int only_pos = 0;
    cmd->npos = 0;
    /* --help anywhere before "--" wins over every other word. */
    for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *w = argv[i];
        if (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0) {
            cli_help(cmd, out);
            return -1;
        }
    }
    for (int i = 0; i < argc; i++) {
        const char *w = argv[i];
        int rc;
        if (!only_pos && strcmp(w, "--") == 0) {
            only_pos = 1;
        } else if (!only_pos && w[0] == '-' && w[1] != '\0') {
            if ((rc = option(cmd, argc, argv, &i)) != CLI_OK)
                return rc;
        } else if (cmd->npos < cmd->pos_max && cmd->npos < CLI_MAX_POS) {
            cmd->pos[cmd->npos++] = w;
        } else {
            return cli_usage_error(cmd->name, "unexpected argument '%s' (see "
                                   "'roofmodel %s --help')", w, cmd->name);
        }
    }
    return check_done(cmd);
}

void cli_help(const cli_cmd *cmd, cli_buf *out)
{
    cli_buf_fmt(out, "usage: %s\n", cmd->usage);
    if (cmd->about)
        cli_buf_fmt(out, "\n%s\n", cmd->about);
    if (cmd->nopts == 0)
        return;
    cli_buf_str(out, "\noptions:\n");
    for (uint32_t i = 0; i < cmd->nopts; i++) {
        const cli_opt *o = &cmd->opts[i];
        cli_buf left = {0};
        cli_buf_fmt(&left, "  %s%s%s%s%s", o->alias ? o->alias : "",
                    o->alias ? ", " : "", o->name, o->metavar ? " " : "",
                    o->metavar ? o->metavar : "");
        if (left.len < 26)
            cli_buf_fmt(out, "%-26s%s\n", left.data, o->help);
        else
            cli_buf_fmt(out, "%s\n%26s%s\n", left.data, "", o->help);
        cli_buf_free(&left);
    }
    cli_buf_fmt(out, "%-26s%s\n", "  -h, --help", "show this help");
}

static int parse_one(const char *cmd, const char *flag, const char *s,
                     size_t n, uint32_t *v)
{
    char tmp[24];
    char *end;
    if (n == 0 || n >= sizeof tmp || s[0] < '0' || s[0] > '9')
        goto bad;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    unsigned long long x = strtoull(tmp, &end, 10);
    if (*end != '\0' || errno == ERANGE || x == 0 || x > UINT32_MAX)
        goto bad;
    *v = (uint32_t)x;
    return CLI_OK;
bad:
    return cli_usage_error(cmd, "%s: expected positive whole numbers as a "
                           "list (1,2,8) or a doubling range (1..64), got "
                           "'%.*s'", flag, (int)n, s);
}

static int doubling_range(const char *cmd, const char *flag, const char *text,
                          const char *dots, uint32_t *out, uint32_t cap,
                          uint32_t *count)
{
    uint32_t lo = 0, hi = 0, n = 0;
    int rc = parse_one(cmd, flag, text, (size_t)(dots - text), &lo);
    if (rc == CLI_OK)
        rc = parse_one(cmd, flag, dots + 2, strlen(dots + 2), &hi);
    if (rc != CLI_OK)
        return rc;
    if (lo > hi)
        return cli_usage_error(cmd, "%s: range '%s' runs backwards", flag,
                               text);
    for (uint64_t v = lo; v <= hi; v *= 2) {
        if (n == cap)
            return cli_usage_error(cmd, "%s: more than %u values", flag,
                                   (unsigned)cap);
        out[n++] = (uint32_t)v;
    }
    *count = n;
    return CLI_OK;
}

int cli_parse_u32_list(const char *cmd, const char *flag, const char *text,
                       uint32_t *out, uint32_t cap, uint32_t *count)
{
    const char *dots = strstr(text, "..");
    uint32_t n = 0;
    if (dots)
        return doubling_range(cmd, flag, text, dots, out, cap, count);
    for (const char *s = text;; s++) {
        size_t len = strcspn(s, ",");
        if (n == cap)
            return cli_usage_error(cmd, "%s: more than %u values", flag,
                                   (unsigned)cap);
        int rc = parse_one(cmd, flag, s, len, &out[n]);
        if (rc != CLI_OK)
            return rc;
        n++;
        s += len;
        if (*s == '\0')
            break;
    }
    *count = n;
    return CLI_OK;
}
