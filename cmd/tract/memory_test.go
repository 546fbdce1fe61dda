package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"

	"github.com/pbnjay/memory"
)

// tract sets itself a soft memory limit: a share of the machine's (or the
// container's) memory, never under the floor, and none past GOMEMLIMIT.
func TestTractLimitsItsMemory(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	total := memory.TotalMemory()
	if total == 0 {
		t.Skip("this system does not say how much memory it has")
	}
	for _, env := range []string{"GOMEMLIMIT", "AUTOMEMLIMIT"} {
		t.Setenv(env, "") // restored after the test
		os.Unsetenv(env)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory()
	got := debug.SetMemoryLimit(-1)
	if got < memoryFloor || uint64(got) > max(total/4, memoryFloor) {
		t.Errorf("limit %d MiB; the machine has %d MiB: want between %d MiB and a quarter of it", got>>20, total>>20, memoryFloor>>20)
	}

	t.Setenv("GOMEMLIMIT", "300MiB")
	debug.SetMemoryLimit(300 << 20)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != 300<<20 {
		t.Errorf("with GOMEMLIMIT=300MiB the limit is %d MiB", got>>20)
	}
}
