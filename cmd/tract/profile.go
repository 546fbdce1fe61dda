package main

import (
	"bytes"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// peakHeap samples the live heap while a command runs and keeps a heap
// profile taken when it was largest, so TRACT_MEMPROFILE shows what is held
// at the peak of a build rather than what is left at its end.
type peakHeap struct {
	name string
	stop chan struct{}
	done chan struct{}
	peak uint64
	prof bytes.Buffer
}

// startPeakHeap starts sampling; finish writes the profile to name.
func startPeakHeap(name string) *peakHeap {
	h := &peakHeap{name: name, stop: make(chan struct{}), done: make(chan struct{})}
	go h.run()
	return h
}

func (h *peakHeap) run() {
	defer close(h.done)
	// The live heap as of the last garbage collection: the heap profile
	// describes the same moment, so a new maximum is worth a new profile.
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			continue
		}
		if live := sample[0].Value.Uint64(); live > h.peak {
			h.peak = live
			h.prof.Reset()
			_ = pprof.Lookup("heap").WriteTo(&h.prof, 0)
		}
	}
}

// finish stops sampling and writes the profile of the peak.
func (h *peakHeap) finish() {
	close(h.stop)
	<-h.done
	_ = os.WriteFile(h.name, h.prof.Bytes(), 0o644)
}
