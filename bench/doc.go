// Package bench measures tract. Its Go benchmarks time the hot paths of a
// build on a generated corpus (see package corpus):
//
//	go test ./bench -run '^$' -bench . -benchmem
//	TRACT_BENCH_ITEMS=3000 go test ./bench -run '^$' -bench Build -cpuprofile cpu.prof
//
// and run.sh (make bench) builds generated corpora of 300, 1,000 and 3,000
// items with tract and with Hugo and prints the comparison table.
package bench
