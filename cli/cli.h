/*
 * The roofmodel command's private helpers.  The command is a thin layer
 * over the library: it parses arguments, calls roof_* functions and
 * formats what they return.  Everything it prints to stdout is gathered in
 * a buffer and written only when the command succeeds, so that an error
 * leaves stdout empty.
 */
#ifndef ROOFMODEL_CLI_H
#define ROOFMODEL_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "roofmodel.h"

/* Exit statuses. */
#define CLI_OK 0
#define CLI_EFAIL 1  /* the environment failed: a write, memory */
#define CLI_EUSAGE 2 /* the user's input is wrong: flags, numbers, names */

/* ---- growable text buffer (util.c) ---- */
typedef struct cli_buf {
    char *data;
    size_t len;
    size_t cap;
} cli_buf;

void cli_buf_mem(cli_buf *b, const char *s, size_t n);
void cli_buf_str(cli_buf *b, const char *s);
void cli_buf_fmt(cli_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void cli_buf_free(cli_buf *b);
/* Streamed output, for commands whose output may be larger than memory
 * should hold (label): writes b to stdout and empties it once it holds
 * 1 MiB or more, or whenever all is 1.  Only after the input has been
 * checked, so that bad input still leaves stdout empty.  CLI_EFAIL when
 * stdout cannot be written. */
int cli_buf_drain(cli_buf *b, int all);
/* A roof_write_fn that appends to the cli_buf given as ctx. */
int cli_buf_write(void *ctx, const char *data, size_t len);

/* malloc/realloc that end the program (exit 1, stdout untouched) when
 * memory runs out. */
void *cli_xrealloc(void *p, size_t n);

/* ---- errors ---- */
/* Prints "roofmodel CMD: MESSAGE" as one line on stderr; returns
 * CLI_EUSAGE so callers can `return cli_usage_error(...)`. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The same, returning CLI_EFAIL. */
int cli_fail(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A library writer with roof_chart_svg's buffer rules (count, then write),
 * on an object of its own type. */
typedef int (*cli_writer)(const void *obj, char *buf, size_t cap, size_t *len);

/* Appends what w writes for obj to out, ending it with a newline; on
 * failure says so on stderr, naming cmd and what, and returns CLI_EFAIL. */
int cli_write_all(const char *cmd, const char *what, cli_writer w,
                  const void *obj, cli_buf *out);

/* ---- number formatting (util.c) ---- */
#define CLI_NUM_MAX 48
/* x with three significant digits and an SI prefix: "53.7 GFLOP",
 * "768 GB/s", "1.23 ms".  unit may be "" (then "1.5 k"). */
const char *cli_si(char buf[CLI_NUM_MAX], double x, const char *unit);
/* Seconds with a unit chosen for reading: "1.23 ms", "4.5 s", "2.1 min". */
const char *cli_time(char buf[CLI_NUM_MAX], double seconds);
/* The shortest text that reads back to x exactly ('.' decimal point). */
const char *cli_exact(char buf[CLI_NUM_MAX], double x);
/* Three significant digits, no prefix: "0.873", "235". */
const char *cli_g3(char buf[CLI_NUM_MAX], double x);

/* ---- JSON and CSV writing ---- */
void cli_json_str(cli_buf *b, const char *s);
void cli_json_num(cli_buf *b, double x);
/* `"key": ` with a leading ", " unless first. */
void cli_json_key(cli_buf *b, const char *key, int *first);
void cli_csv_str(cli_buf *b, const char *s);
void cli_csv_num(cli_buf *b, double x);

/* ---- aligned text tables ---- */
#define CLI_TABLE_COLS 16
typedef struct cli_table {
    uint32_t cols;
    const char *head[CLI_TABLE_COLS];
    int left[CLI_TABLE_COLS]; /* 1 = left-aligned (text), else right */
    char **cells;             /* rows x cols */
    size_t rows;
    size_t filled;            /* cells written so far */
    size_t cap;
} cli_table;

void cli_table_init(cli_table *t, uint32_t cols, const char *const *head,
                    const int *left);
/* Appends the next cell (rows fill left to right, top to bottom). */
void cli_table_cell(cli_table *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void cli_table_print(const cli_table *t, cli_buf *out, const char *indent);
/* A table printed as it goes, for any number of rows: widen w[cols] to
 * fit each row (cli_row_measure, a first pass), then print each row
 * padded to w (cli_row_print, left[c] = 1 for left-aligned). */
void cli_row_measure(uint32_t cols, const char *const *cells, size_t *w);
void cli_row_print(cli_buf *out, const char *indent, uint32_t cols,
                   const int *left, const char *const *cells, const size_t *w);
void cli_table_free(cli_table *t);

/* ---- files ---- */
/* Reads a whole file ("-" = stdin) into *data (NUL-terminated, caller
 * frees).  On failure prints the error naming flag and path and returns
 * CLI_EUSAGE. */
int cli_read_file(const char *cmd, const char *what, const char *path,
                  char **data, size_t *len);
/* Writes data to path at once; on failure removes what was written and
 * returns CLI_EFAIL with a message. */
int cli_write_file(const char *cmd, const char *path, const char *data,
                   size_t len);

/* ---- argument parsing (args.c) ---- */
enum cli_opt_kind {
    CLI_FLAG,     /* int: set to 1 */
    CLI_STR,      /* const char * */
    CLI_U32,      /* uint32_t within [min, max] */
    CLI_POS,      /* double > 0 */
    CLI_NONNEG,   /* double >= 0 */
    CLI_FRACTION, /* double in (0, 1] */
    CLI_RESERVE   /* double in [0, 1) */
};

typedef struct cli_opt {
    const char *name;    /* "--batch" */
    const char *alias;   /* "-o", or NULL */
    int kind;            /* enum cli_opt_kind */
    void *dest;
    const char *metavar; /* "B" in "--batch B" */
    const char *help;
    uint32_t min, max;   /* CLI_U32 bounds (0, 0 = 1 .. UINT32_MAX) */
    int required;
    int seen;            /* set by the parser */
} cli_opt;

#define CLI_MAX_OPTS 48
#define CLI_MAX_POS 8

typedef struct cli_cmd {
    const char *name;     /* "ops", "hw show" */
    const char *usage;    /* "roofmodel ops --model M ..." (may span lines) */
    const char *about;    /* paragraph after the usage */
    cli_opt opts[CLI_MAX_OPTS];
    uint32_t nopts;
    uint32_t pos_min, pos_max;  /* positional arguments accepted */
    const char *pos[CLI_MAX_POS];
    uint32_t npos;
} cli_cmd;

/* Adds an option to cmd (the table is fixed-size: at most CLI_MAX_OPTS). */
cli_opt *cli_add(cli_cmd *cmd, const char *name, int kind, void *dest,
                 const char *metavar, const char *help);
/* The common --json, --csv and their check. */
void cli_add_formats(cli_cmd *cmd, int *json, int *csv);

/* Parses argv[0..argc) (the words after the subcommand).  Returns CLI_OK,
 * CLI_EUSAGE after printing one line, or -1 when --help was asked and the
 * help was written to out (the caller then returns CLI_OK). */
int cli_parse(cli_cmd *cmd, int argc, char **argv, cli_buf *out);
const cli_opt *cli_find_opt(const cli_cmd *cmd, const char *name);
/* 1 when word ("--width", "--width=640", "-o") is one of cmd's options. */
int cli_has_opt(cli_cmd *cmd, const char *word);
void cli_help(const cli_cmd *cmd, cli_buf *out);
int cli_check_formats(const cli_cmd *cmd, int json, int csv);

/* Parses a comma list or a doubling range ("1,2,8" or "1..64") of
 * positive integers into out[cap]; CLI_EUSAGE with a message naming flag. */
int cli_parse_u32_list(const char *cmd, const char *flag, const char *text,
                       uint32_t *out, uint32_t cap, uint32_t *count);

/* ---- models, devices, workloads (load.c) ---- */
int cli_load_model(const char *cmd, const char *flag, const char *arg,
                   roof_model *m);
/* As cli_load_model, with --as FAMILY (as, NULL when not given): a
 * config.json of an unknown model_type is read as that family, and says
 * so (its name ends in " (as FAMILY)", and a note goes to stderr).  --as
 * with a preset name is a usage error. */
int cli_load_model_as(const char *cmd, const char *flag, const char *arg,
                      const char *as, roof_model *m);
int cli_load_hw(const char *cmd, const char *flag, const char *arg,
                roof_hardware *hw);
int cli_precision(const char *cmd, const char *flag, const char *arg,
                  const roof_hardware *hw, uint32_t *precision);
/* "Llama 13B" from "llama-13b"; "A6000" for an RTX A6000. */
void cli_model_display(const roof_model *m, char *buf, size_t cap);
void cli_hw_display(const roof_hardware *hw, char *buf, size_t cap);

/* The workload flags shared by ops, estimate and plot. */
typedef struct cli_wl {
    uint32_t weight_bits, act_bits, kv_bits, group, scale_bits, tp;
    int fused;
    const char *precision;
    double eff_compute, eff_memory, eff_comm; /* roof_efficiency */
    const char *calibration;  /* --calibration FILE; NULL = built-in */
    const char *as;           /* --as FAMILY: read an unknown config.json
                                 model_type as that one; NULL = refuse */
} cli_wl;
void cli_add_workload_opts(cli_cmd *cmd, cli_wl *w);
/* Fills *w from the flags: prefill(batch, seq) or decode(batch, seq) with
 * new_tokens new tokens.  Checks what the library would reject with a
 * message naming the flag. */
int cli_workload(const char *cmd, const cli_wl *o,
                 const roof_model *m, const roof_hardware *hw,
                 uint32_t batch, uint32_t new_tokens, uint32_t cached,
                 roof_workload *w);

/* The library's name of an enum roof_op_class ("attn_proj", ...; see
 * roof_op_class_name); "?" if unknown. */
const char *cli_class_name(uint32_t op_class);
/* Parses "prefill"/"init" (0) or "decode"/"ar" (1). */
int cli_phase(const char *cmd, const char *flag, const char *arg, int *decode);
roof_efficiency cli_efficiency(const cli_wl *o);
/* The profile for hw: --calibration's file, else the device's built-in
 * profile.  A file for another device is an error naming it. */
int cli_load_calibration(const char *cmd, const cli_wl *o,
                         const roof_hardware *hw, roof_calibration *out);
/* The profile's name, device, origin and source as a JSON object. */
void cli_calibration_json(const roof_calibration *cal, cli_buf *out);
/* Asks the library the same question again at other efficiencies. */
typedef int (*cli_try_fn)(void *ctx, const roof_efficiency *eff);
/* After the library refused a question: when setting one -eff flag back
 * to 1 makes try_fn succeed, that flag's value is at fault; says so
 * naming it and returns CLI_EUSAGE.  Otherwise 0, nothing said. */
int cli_blame_eff(const char *cmd, const cli_wl *o, cli_try_fn try_fn,
                  void *ctx);
/* One line on stderr for a library status, exit status 2. */
int cli_lib_error(const char *cmd, const char *what, int status);

/* ---- subcommands ---- */
int cli_cmd_hw(int argc, char **argv, cli_buf *out);
int cli_cmd_model(int argc, char **argv, cli_buf *out);
int cli_cmd_ops(int argc, char **argv, cli_buf *out);
int cli_cmd_estimate(int argc, char **argv, cli_buf *out);
int cli_cmd_plot(int argc, char **argv, cli_buf *out);
/* 1 when word is an option of plot (of the default run). */
int cli_plot_has_opt(const char *word);
int cli_cmd_classify(int argc, char **argv, cli_buf *out);
int cli_cmd_label(int argc, char **argv, cli_buf *out);
int cli_cmd_calibrate(int argc, char **argv, cli_buf *out);
int cli_cmd_step(int argc, char **argv, cli_buf *out);
int cli_cmd_capacity(int argc, char **argv, cli_buf *out);
int cli_cmd_collective(int argc, char **argv, cli_buf *out);
int cli_cmd_ep(int argc, char **argv, cli_buf *out);

#endif
