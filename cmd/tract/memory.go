package main

import "github.com/KimMachineGun/automemlimit/memlimit"

// The soft limit on tract's memory (GOMEMLIMIT), which limitMemory sets
// unless GOMEMLIMIT (or AUTOMEMLIMIT=off) is set: nine tenths of the
// container's limit when there is one, else a quarter of the machine's
// memory, and never under memoryFloor.
//
// A build with PDFs lets the heap grow to three times what it holds
// (collectLess) to spend less time collecting. On a large site that is a
// lot of memory: at 10,000 items (29,000 texts, 32,000 PDFs) a peak RSS of
// 1.37 GB. Under a limit the collector runs more often only once the heap
// nears it, so a small site builds as before and a large one stays near
// the limit. With GOMEMLIMIT=800MiB that build peaked at 833 MB, in 58.4 s
// and 110.6 s of user time instead of 59.4 s and 108.8 s. A quarter of the
// memory of an old laptop with 4 GB is 1 GB; the floor keeps a machine
// with little memory from collecting all the time on a site that simply
// needs more.
const (
	containerShare = 0.9
	machineShare   = 0.25
	memoryFloor    = 512 << 20
)

// limitMemory sets the soft memory limit. Without either figure (an
// unknown system) it sets none.
func limitMemory() {
	_, _ = memlimit.Set(
		memlimit.WithProvider(memlimit.ApplyFallback(
			memlimit.ApplyRatio(memlimit.FromCgroup, containerShare),
			memlimit.ApplyRatio(memlimit.FromSystem, machineShare),
		)),
		memlimit.WithRatio(1), // the shares above are the ratios
		memlimit.WithMin(memoryFloor),
	)
}
