#!/usr/bin/env python3
"""Turns measured kernel times into the samples `roofmodel calibrate` fits.

usage: calibration_samples.py kernels|allreduce MEASUREMENTS_DIR ROOFMODEL [options]

For each measured kernel it asks `roofmodel ops --json` for the operator that kernel runs
(its FLOPs, DRAM bytes, GEMM shape) and writes one CSV row: kind, precision, flops, bytes,
rows, masked_extra, launches, seconds (the measured median), plus the columns that say
where it came from (device, model, tp, tokens, op), which calibrate ignores.

kernels:   mlp_kernels.csv (one transformer block's operators, vidur's names) and
           attention.csv (FlashAttention prefill and decode).
allreduce: allreduce.csv, single-node rows: kind comm, bytes = the ring's bus bytes
           2 (t - 1) / t x size that each GPU sends.

The measurements are the vidur profiling data (microsoft/vidur, MIT); see their README.
docs/calibration.md gives the commands that build the shipped profiles from these rows.
"""
import argparse, concurrent.futures, csv, json, os, subprocess, sys, tempfile

# vidur operator -> (which config, roofmodel operators, kind, launches).  "fused" is the
# same model with q/k/v as one projection and gate+up as one: one GEMM each, as measured.
OPS = {
    "emb": ("real", ["embed"], "embed"),
    "input_layernorm": ("real", ["attn_norm"], "norm"),
    "post_attention_layernorm": ("real", ["mlp_norm"], "norm"),
    "attn_pre_proj": ("fused", ["q_proj"], "gemm"),
    "attn_rope": ("real", ["rope"], "rope"),
    "attn_post_proj": ("real", ["o_proj"], "gemm"),
    "mlp_up_proj": ("fused", ["up_proj"], "gemm"),
    "mlp_act": ("real", ["act"], "act"),
    "mlp_down_proj": ("real", ["down_proj"], "gemm"),
    "add": ("real", ["mlp_add"], "add"),
}
DEVICES = {"a100": "a100-80gb-pcie", "h100": "h100-sxm", "a40": "a40"}
NETWORKS = {"a100_dgx": "a100-80gb-sxm", "a100_pairwise_nvlink": "a100-80gb-pcie",
            "h100_dgx": "h100-sxm", "h100_pairwise_nvlink": "h100-nvl"}
FIELDS = ["device", "model", "tp", "tokens", "op", "kind", "precision", "flops", "bytes",
          "rows", "masked_extra", "launches", "seconds"]


def configs(m):
    """A HuggingFace-style config of a measured model, and its fused-projection twin."""
    a, akv, h, f = (int(m[k]) for k in ("n_head", "n_kv_head", "n_embd", "n_expanded_embd"))
    gated = m["gated_mlp"] == "1"
    base = {"hidden_size": h, "head_dim": h // a, "num_hidden_layers": 1,
            "vocab_size": int(m["vocab_size"]), "max_position_embeddings": 131072,
            "torch_dtype": "float16", "tie_word_embeddings": False}
    kind = "llama" if gated and m["norm"] == "rms" else "gpt_neox"
    real = dict(base, model_type=kind, num_attention_heads=a, num_key_value_heads=akv,
                intermediate_size=f)
    fused = dict(base, model_type="gpt_neox", num_attention_heads=a + 2 * akv,
                 num_key_value_heads=a + 2 * akv, intermediate_size=(2 if gated else 1) * f)
    return real, fused


class Ops:
    def __init__(self, exe, tmp, hw_override):
        self.exe, self.tmp, self.hw, self.files, self.cache = exe, tmp, hw_override, {}, {}

    def config(self, key, cfg):
        if key not in self.files:
            path = os.path.join(self.tmp, "%d.json" % len(self.files))
            with open(path, "w") as f:
                json.dump(cfg, f)
            self.files[key] = path
        return self.files[key]

    def run(self, q):
        cfg, hw, phase, batch, seq, new, tp, fused = q
        cmd = [self.exe, "ops", "--model", cfg, "--hw", self.hw.get(hw, hw), "--phase", phase,
               "--batch", str(batch), "--seq", str(seq), "--tp", str(tp), "--json"]
        cmd += ["--new-tokens", str(new)] if new else []
        cmd += ["--fused"] if fused else []
        p = subprocess.run(cmd, capture_output=True, text=True, check=True)
        return {o["name"]: o for o in json.loads(p.stdout)["ops"]}

    def fetch(self, queries):
        todo = sorted(set(queries) - set(self.cache))
        with concurrent.futures.ThreadPoolExecutor(max(2, os.cpu_count() or 2)) as ex:
            self.cache.update(zip(todo, ex.map(self.run, todo)))


def masked_extra(op):
    g = op.get("gemm") or {}
    d, bh = g.get("k", 0), g.get("batch", 0)
    causal = op["flops"] / ((4 * d + 5) * bh) if d and bh else 0
    return max(0.0, g["m"] * g["n"] / causal - 1) if causal else 0.0


def row(dev, model, tp, tokens, op, kind, ops, launches, seconds, rows):
    return {"device": dev, "model": model, "tp": tp, "tokens": tokens, "op": op, "kind": kind,
            "precision": "fp16", "flops": repr(sum(o["flops"] for o in ops)),
            "bytes": repr(sum(o["bytes"] for o in ops)), "rows": rows,
            "masked_extra": repr(masked_extra(ops[0]) if kind == "attn_prefill" else 0.0),
            "launches": launches, "seconds": repr(seconds)}


def read(d, name):
    with open(os.path.join(d, name), newline="") as f:
        return list(csv.DictReader(f))


def kernel_rows(args, ops):
    models = {m["model"]: m for m in read(args.data, "models.csv")}
    plan = []
    for r in read(args.data, "mlp_kernels.csv"):
        if args.device and r["device"] != args.device:
            continue
        if r["model"] in args.exclude_model or (args.only_model and r["model"] not in args.only_model):
            continue
        which, names, kind = OPS[r["op"]]
        real, fused = configs(models[r["model"]])
        launches = 1
        if r["op"] == "add" and models[r["model"]]["post_attn_norm"] == "0":
            names, launches = ["attn_add", "mlp_add"], 2    # phi-2's parallel block
        cfg = ops.config((r["model"], which), real if which == "real" else fused)
        q = (cfg, DEVICES[r["device"]], "prefill", 1, int(r["num_tokens"]), 0, int(r["tp"]), False)
        plan.append((r, q, names, kind, launches, int(r["num_tokens"])))
    for r in read(args.data, "attention.csv"):
        if "attention" in args.exclude_model or (args.device and r["device"] != args.device):
            continue
        h, a, akv = int(r["n_embd"]), int(r["n_q_head"]), int(r["n_kv_head"])
        cfg = ops.config(("attn", h, a, akv), {
            "model_type": "llama", "hidden_size": h, "num_attention_heads": a,
            "num_key_value_heads": akv, "head_dim": h // a, "num_hidden_layers": 1,
            "intermediate_size": 4 * h, "vocab_size": 32768, "max_position_embeddings": 131072,
            "torch_dtype": "float16"})
        b, c, kv = int(r["batch_size"]), int(r["prefill_chunk_size"]), int(r["kv_cache_size"])
        dev = DEVICES[r["device"]]
        if r["op"] == "attn_decode":
            q, kind, tokens = (cfg, dev, "decode", b, kv, 0, int(r["tp"]), True), "attn_decode", b
        elif kv == 0:
            q, kind, tokens = (cfg, dev, "prefill", 1, c, 0, int(r["tp"]), True), "attn_prefill", c
        else:
            q, kind, tokens = (cfg, dev, "decode", 1, kv, c, int(r["tp"]), True), "attn_prefill", c
        plan.append((dict(r, model="attention", num_tokens=str(tokens)), q, ["attention"], kind, 1, tokens))
    ops.fetch([p[1] for p in plan])
    for r, q, names, kind, launches, tokens in plan:
        got = [ops.cache[q][n] for n in names]
        yield row(r["device"], r["model"], r["tp"], r["num_tokens"], r["op"], kind, got, launches,
                  float(r["median_ms"]) * 1e-3, tokens)


def allreduce_rows(args):
    for r in read(args.data, "allreduce.csv"):
        t, size = int(r["num_workers"]), int(r["size_bytes"])
        if t != int(r["devices_per_node"]) or r["network"] in args.exclude_model:
            continue
        if r["network"].endswith("pairwise_nvlink") and t > 2:
            continue        # two NVLink pairs joined by PCIe: not one link figure
        bus = 2.0 * (t - 1) / t * size
        yield {"device": r["network"], "model": "", "tp": t, "tokens": size, "op": "allreduce",
               "kind": "comm", "precision": "fp16", "flops": "0", "bytes": repr(bus), "rows": 1,
               "masked_extra": "0", "launches": 1, "seconds": repr(float(r["median_ms"]) * 1e-3)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("kernels", "allreduce"))
    ap.add_argument("data")
    ap.add_argument("roofmodel")
    ap.add_argument("--device", help="only this vidur device or network (a100, h100, a40, a100_dgx, ...)")
    ap.add_argument("--hw", action="append", default=[], metavar="VIDUR=NAME",
                    help="roofmodel device for a vidur device (default a100=a100-80gb-pcie, "
                         "h100=h100-sxm, a40=a40)")
    ap.add_argument("--exclude-model", action="append", default=[], help="leave this model out")
    ap.add_argument("--only-model", action="append", default=[], help="keep only this model")
    args = ap.parse_args()
    override = dict(kv.split("=", 1) for kv in args.hw)
    with tempfile.TemporaryDirectory() as tmp:
        rows = (kernel_rows(args, Ops(args.roofmodel, tmp, override)) if args.mode == "kernels"
                else allreduce_rows(args))
        w = csv.DictWriter(sys.stdout, FIELDS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            if not args.device or r["device"] == args.device:
                w.writerow(r)


if __name__ == "__main__":
    main()
