/* roofmodel: the command-line face of the library.  No arguments draw the
 * seed figure; subcommands list devices and models, tabulate operators,
 * estimate latency and memory, plot, and label measured kernels. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: roofmodel [COMMAND] [OPTIONS]\n"
    "\n"
    "How fast can this transformer run on this accelerator, and what limits "
    "it?\n"
    "Without a command: draw the seed figure, Llama 13B on the A6000 at "
    "2100 MHz,\n"
    "to roofline.svg (the same as 'roofmodel plot').\n"
    "\n"
    "commands:\n"
    "  hw list | hw show NAME|FILE.json      devices and their roofs\n"
    "  model list | model show NAME|FILE     transformer models\n"
    "  ops       per-operator FLOPs, bytes and bounds of one step\n"
    "  estimate  time to first token, time per token, memory, what fits\n"
    "  step      one serving step of mixed prefill chunks and decodes\n"
    "  capacity  what fits a step budget, a TTFT or a TPOT target\n"
    "  plot      a roofline chart (SVG) of any model, device and sweep\n"
    "  classify  one kernel's roofline verdict\n"
    "  label     label measured kernels (CSV) memory- or compute-bound\n"
    "  calibrate fit the expected-time model to measured kernels\n"
    "  collective  the time of one collective on a device's links\n"
    "  ep        tensor x expert parallel sweep of an MoE model\n"
    "\n"
    "'roofmodel COMMAND --help' describes a command.  A model or device can\n"
    "always be given as a file: a HuggingFace config.json or a hardware "
    ".json.\n"
    "Exit status: 0 success, 1 an I/O failure, 2 bad input.\n";

typedef int (*cmd_fn)(int argc, char **argv, cli_buf *out);

static const struct {
    const char *name;
    cmd_fn fn;
} commands[] = {
    {"hw", cli_cmd_hw},
    {"model", cli_cmd_model},
    {"ops", cli_cmd_ops},
    {"estimate", cli_cmd_estimate},
    {"plot", cli_cmd_plot},
    {"classify", cli_cmd_classify},
    {"label", cli_cmd_label},
    {"calibrate", cli_cmd_calibrate},
    {"step", cli_cmd_step},
    {"capacity", cli_cmd_capacity},
    {"collective", cli_cmd_collective},
    {"ep", cli_cmd_ep},
};

static int dispatch(int argc, char **argv, cli_buf *out)
{
    if (argc < 2)
        return cli_cmd_plot(0, argv + 1, out);
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0
        || strcmp(cmd, "help") == 0) {
        cli_buf_str(out, usage);
        return CLI_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        cli_buf_fmt(out, "roofmodel %s\n", roof_version_string());
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].fn(argc - 2, argv + 2, out);
    }
    /* Options of the default run ("roofmodel -o x.svg") go to plot; any
     * other is the command's own error, not plot's. */
    if (cmd[0] == '-' && cli_plot_has_opt(cmd))
        return cli_cmd_plot(argc - 1, argv + 1, out);
    if (cmd[0] == '-')
        return cli_usage_error(NULL, "unknown option '%s' (see 'roofmodel "
                               "--help')", cmd);
    return cli_usage_error(NULL, "unknown command '%s' (see 'roofmodel "
                           "--help')", cmd);
}

int main(int argc, char **argv)
{
    cli_buf out = {0};
    int rc = dispatch(argc, argv, &out);
    /* stdout gets everything or nothing. */
    if (rc == CLI_OK && out.len > 0) {
        if (fwrite(out.data, 1, out.len, stdout) != out.len
            || fflush(stdout) != 0)
            rc = cli_fail(NULL, "cannot write to standard output");
    }
    cli_buf_free(&out);
    return rc;
}
