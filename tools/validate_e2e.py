#!/usr/bin/env python3
"""Re-scores the published end-to-end measurements of docs/validation.md with roofmodel.

usage: validate_e2e.py ROOFMODEL [--overhead SECONDS] [--markdown]

For every row it runs `roofmodel estimate --json` with the row's model, device, batch,
prompt, output length, precision and parallelism, and prints the measured value, the
bound, the expected (calibrated) value and both errors; the last line gives the median
|error| of each.  --overhead sets the per-step engine overhead of the device's built-in
profile (a copy written to a temporary file and passed with --calibration), so the rows
can be scored with and without it.  The sources of the measured figures are in
docs/validation.md.
"""
import json, os, statistics, subprocess, sys, tempfile

# The 13B GPT of source 1 (an OPT-13B-like GPT-2 shape: LayerNorm, GELU, learned positions).
GPT13B = {"model_type": "gpt2", "_name_or_path": "ft-13b", "n_embd": 5120, "n_layer": 40,
          "n_head": 40, "n_inner": 20480, "vocab_size": 50272, "n_positions": 2048,
          "torch_dtype": "float16"}
FP8 = ["--precision", "fp8", "--weight-bits", "8", "--kv-bits", "8", "--fused"]
# (source, label, model, hw, batch, prompt, gen, extra flags, field, measured, scale)
ROWS = [
    (1, "FT 13B, A100-40, TP1, prefill 512 (ms)", "gpt13b", "a100-40gb-sxm", 1, 512, 11, [], "ttft", 63.17, 1e3),
    (1, "FT 13B, A100-40, TP1, decode step (ms)", "gpt13b", "a100-40gb-sxm", 1, 512, 11, [], "tpot", 22.0, 1e3),
    (1, "FT 13B, A100-40, TP1, total (ms)", "gpt13b", "a100-40gb-sxm", 1, 512, 11, [], "e2e", 283.6, 1e3),
    (1, "FT 13B, A100-40, TP2, prefill 512 (ms)", "gpt13b", "a100-40gb-sxm", 1, 512, 11, ["--tp", "2"], "ttft", 45.45, 1e3),
    (1, "FT 13B, A100-40, TP2, decode step (ms)", "gpt13b", "a100-40gb-sxm", 1, 512, 11, ["--tp", "2"], "tpot", 13.5, 1e3),
    (1, "FT 13B, A100-40, TP2, total (ms)", "gpt13b", "a100-40gb-sxm", 1, 512, 11, ["--tp", "2"], "e2e", 180.86, 1e3),
    (2, "Llama-2 13B, A100-80, b1, first token, prompt 128 (s)", "llama-2-13b", "a100-80gb-sxm", 1, 128, 128, ["--fused"], "ttft", 0.040, 1),
    (2, "Llama-2 13B, A100-80, b1, per-token p50, 128/128 (s)", "llama-2-13b", "a100-80gb-sxm", 1, 128, 128, ["--fused"], "tpot", 0.017, 1),
    (2, "Llama-2 13B, A100-80, b1, throughput 128/128 (tok/s)", "llama-2-13b", "a100-80gb-sxm", 1, 128, 128, ["--fused"], "tps", 56.58, 1),
    (2, "Llama-2 13B, A100-80, b1, first token, prompt 2048 (s)", "llama-2-13b", "a100-80gb-sxm", 1, 2048, 128, ["--fused"], "ttft", 0.242, 1),
    (2, "Llama-2 13B, A100-80, b1, per-token p50, 2048/128 (s)", "llama-2-13b", "a100-80gb-sxm", 1, 2048, 128, ["--fused"], "tpot", 0.019, 1),
    (2, "Llama-2 13B, A100-80, b16, throughput 1/128 (tok/s)", "llama-2-13b", "a100-80gb-sxm", 16, 1, 128, ["--fused"], "tps", 869.45, 1),
    (2, "Llama-2 13B, A100-80, b64, throughput 1/128 (tok/s)", "llama-2-13b", "a100-80gb-sxm", 64, 1, 128, ["--fused"], "tps", 3049.16, 1),
    (3, "LLaMA 7B, H100 FP8, b1, first token, input 128 (ms)", "llama-2-7b", "h100-sxm", 1, 128, 1, FP8, "ttft", 7, 1e3),
    (3, "LLaMA 7B, H100 FP8, b1, first token, input 2048 (ms)", "llama-2-7b", "h100-sxm", 1, 2048, 1, FP8, "ttft", 36, 1e3),
    (3, "LLaMA 7B, H100 FP8, b64, throughput 128/128 (out tok/s)", "llama-2-7b", "h100-sxm", 64, 128, 128, FP8, "tps", 9193, 1),
    (3, "LLaMA 7B, A100 FP16, b1, first token, input 128 (ms)", "llama-2-7b", "a100-80gb-sxm", 1, 128, 1, ["--fused"], "ttft", 16, 1e3),
    (3, "LLaMA 7B, A100 FP16, b1, first token, input 2048 (ms)", "llama-2-7b", "a100-80gb-sxm", 1, 2048, 1, ["--fused"], "ttft", 133, 1e3),
]
FIELDS = {"ttft": ("ttft_seconds", "expected_ttft_seconds"),
          "tpot": ("tpot_seconds", "expected_tpot_seconds"),
          "e2e": ("e2e_seconds", "expected_e2e_seconds"),
          "tps": ("tokens_per_s", "expected_tokens_per_s")}


def run(exe, args):
    p = subprocess.run([exe] + args, capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def profile(exe, hw, overhead, tmp):
    """The device's built-in profile with the given step overhead, as a file."""
    path = os.path.join(tmp, hw + ".json")
    if not os.path.exists(path):
        subprocess.run([exe, "calibrate", "--hw", hw, "--builtin", "-o", path],
                       check=True, capture_output=True)
        with open(path) as f:
            cal = json.load(f)
        cal["step_overhead_seconds"] = overhead
        with open(path, "w") as f:
            json.dump(cal, f)
    return path


def main():
    exe = sys.argv[1]
    overhead = float(sys.argv[sys.argv.index("--overhead") + 1]) if "--overhead" in sys.argv else 0.0
    md = "--markdown" in sys.argv
    errs_b, errs_e = [], []
    with tempfile.TemporaryDirectory() as tmp:
        cfg = os.path.join(tmp, "ft-13b", "config.json")
        os.makedirs(os.path.dirname(cfg))
        with open(cfg, "w") as f:
            json.dump(GPT13B, f)
        if md:
            print("| # | Measurement | Measured | Bound | Error | Expected | Error |")
            print("|---|-------------|---------:|------:|------:|---------:|------:|")
        for src, label, model, hw, b, p, g, extra, field, meas, scale in ROWS:
            args = ["estimate", "--model", cfg if model == "gpt13b" else model, "--hw", hw,
                    "--batch", str(b), "--prompt", str(p), "--gen", str(g), "--json"] + extra
            if overhead:
                args += ["--calibration", profile(exe, hw, overhead, tmp)]
            e = run(exe, args)
            bound, expected = (e[k] * scale for k in FIELDS[field])
            eb, ee = (bound - meas) / meas, (expected - meas) / meas
            errs_b.append(abs(eb)), errs_e.append(abs(ee))
            if md:
                print("| %d | %s | %g | %.4g | %+.1f%% | %.4g | %+.1f%% |"
                      % (src, label, meas, bound, 100 * eb, expected, 100 * ee))
            else:
                print("%-58s %9g %10.4g %+7.1f%% %10.4g %+7.1f%%"
                      % (label, meas, bound, 100 * eb, expected, 100 * ee))
    print("%smedian |error|: bound %.1f%%, expected %.1f%% (step overhead %g s)"
          % ("\n" if md else "", 100 * statistics.median(errs_b), 100 * statistics.median(errs_e),
             overhead))


if __name__ == "__main__":
    main()
