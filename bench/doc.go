// Package bench measures tract. Its Go benchmarks time the hot paths of a
// build on a generated corpus (see package corpus), 300 items unless
// TRACT_BENCH_ITEMS says otherwise:
//
//	go test ./bench -run '^$' -bench . -benchmem
//	TRACT_BENCH_ITEMS=3000 go test ./bench -run '^$' -bench Build -cpuprofile cpu.prof
//
// BenchmarkContentLoad (reading and decoding every variant, on every
// core) and BenchmarkParse (one core) report ns/variant; BenchmarkLoad is
// build.Load on every core; BenchmarkRenderHTML
// renders every file to io.Discard on one core (ns/file); BenchmarkBuild
// is a whole site build to disk, without PDFs, on every core;
// BenchmarkBuildAfterOneEdit is such a build into the last one's output,
// with the cache, after one text was edited (parsed/op counts the texts
// parsed again: one); BenchmarkServeEdit is what tract serve does when one text is saved
// (reload it, update the preview, make its page and PDFs), for one item
// of each section: a pamphlet's page waits for two long PDFs, a
// leaflet's for one short one. BenchmarkServeNewText is a new file saved
// instead: a translation of an existing leaflet, or a new leaflet; the
// preview lists its pages again, and for a translation parses again the
// texts that link to its item.
// BenchmarkGoldmarkAlone converts every variant's Markdown to HTML with
// goldmark configured as Hugo's defaults configure it, and nothing else
// (one core, ns/variant): work any goldmark-based tool does, Hugo and
// tract alike, so no build can be faster than Hugo by more than that and
// the floor allow.
//
// run.sh (make bench) builds generated corpora of 300, 1,000 and 3,000
// items with tract and with Hugo v0.165.0 and prints one table of wall
// time, CPU time, peak RSS, files written and ms per file, tract's as
// ratios of Hugo's; "run.sh profile" profiles a whole build of the largest
// size with tract's own TRACT_CPUPROFILE (TRACT_MEMPROFILE=file writes a
// heap profile taken when the live heap was largest, TRACT_TRACE=file an
// execution trace for go tool trace, which shows how busy each core was
// through the build). It ends by timing
// edits through a running tract serve on the largest corpus, of a
// leaflet, a pamphlet and a bulletin, and two texts added (a new
// translation and a new leaflet), which change the site's lists. The tools
// it uses are commands here: gen writes a corpus, measure times a command
// and prints the table, editlatency times an edit through tract serve,
// floor writes tract's output tree and nothing else, and stack does for
// every text the least any tool on tract's stack does (read it, goldmark
// to HTML, one html/template page, written out): their rows are the
// file system's share and the stack's.
//
// Reading the figures: wall time depends on what else the machine is
// doing; CPU time (user + system) much less so. On a busy machine compare
// CPU times, or run again with BENCH_RUNS=5. What was just deleted counts
// too: on ext4 without a journal, making a file or folder costs more for
// every inode freed in the last 30 seconds, or up to 3 minutes while
// that part of the inode table is waiting to be written (perf shows the
// time in ext4's recently_deleted). So each run writes into a new
// directory, the outputs are removed only after the last run of a size,
// and the next size waits BENCH_SETTLE seconds (31 by default) before its
// first run; a build timed right after removing a large output, as
// measured before run.sh did this, can take twice as long, and its
// system time several times as much. The first round of a size can
// still be the slowest for every tool, and the median leaves it out;
// BENCH_SETTLE=180 made it the fastest of three at 3,000 items in one
// run. Rounds still differ by up to half, for every tool, for reasons
// not found: compare medians, and the ratios of one run.
package bench
