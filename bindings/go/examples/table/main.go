package main

import (
	"fmt"
	"os"

	"roofmodel"
)

func run() error {
	model, err := roofmodel.FindModel("llama-2-13b")
	if err != nil {
		return err
	}
	hw, err := roofmodel.FindHardware("a6000")
	if err != nil {
		return err
	}
	w, err := roofmodel.Decode(1, 1024)
	if err != nil {
		return err
	}
	step, err := roofmodel.Ops(model, w, hw, nil)
	if err != nil {
		return err
	}
	req, err := roofmodel.NewRequest(1, 1024, 128)
	if err != nil {
		return err
	}
	e, err := roofmodel.RunEstimate(model, hw, req)
	if err != nil {
		return err
	}

	fmt.Printf("%-12s %12s %12s %8s %10s %s\n", "op", "FLOP", "bytes", "FLOP/B", "us", "bound")
	for _, op := range step.Ops {
		r := op.Roofline
		fmt.Printf("%-12s %12.0f %12.0f %8.2f %10.2f %s\n",
			op.ID, op.Flops, op.Bytes, r.FlopsPerByte, r.Seconds*1e6, r.Bound)
	}
	fmt.Printf("decode step (40 layers): %.3f ms\n", step.Totals.Model.Seconds*1e3)
	fmt.Printf("time to first token: %.3f ms, time per output token: %.3f ms\n",
		e.TtftSeconds*1e3, e.TpotSeconds*1e3)
	return nil
}

func main() {
	// Every call returns an error: a *roofmodel.Error carries the status.
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "roofmodel:", err)
		os.Exit(1)
	}
}
