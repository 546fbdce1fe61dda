#!/usr/bin/env bash
# Builds generated corpora with tract and with Hugo and prints one table:
# wall time, CPU time, peak RSS, files written, ms per file, and tract's
# figures as ratios of Hugo's. Each build runs BENCH_RUNS times into a new
# output directory (and, for Hugo, a new cache), the tools taking turns;
# the median of each figure is reported. The outputs of one size are
# removed together after its last run, and the next size waits for the
# file system to forget them: on ext4 without a journal, each new inode
# steps over every inode freed in the last 30 seconds (up to 3 minutes
# while that part of the inode table waits to be written, as it does
# while a build makes files near it), so a build timed just after the
# last one's output was removed paid for that removal too (up to twice
# the time, for every tool). The wait is BENCH_SETTLE seconds, 31 by
# default: the first round of a size can still be the slowest, and the
# median of three runs leaves it out. With BENCH_SETTLE=180 (nine more
# minutes) it was the fastest of three at 3,000 items in one run; rounds
# still differed by up to half, for every tool, for reasons not found. A "floor" row times
# writing tract's output tree and nothing else (bench/floor): the file
# system's own cost, which every tool pays, and the table's last lines
# compare tract and Hugo above it. A "stack" row times the least any
# tool built on goldmark and html/template does for the same texts
# (bench/stack): how far tract's stack itself would let it go.
#
#   bench/run.sh             the comparison (make bench)
#   bench/run.sh profile     a CPU profile of a whole tract build at the
#                            largest size (TRACT_CPUPROFILE), and its top
#                            functions
#
# Environment:
#   BENCH_SIZES   corpus sizes in items         (default "300 1000 3000")
#   BENCH_RUNS    runs per build                (default 3)
#   BENCH_SEED    corpus seed                   (default 1)
#   BENCH_LENGTH  scale every text's length     (default 1; 3 makes texts three times as long)
#   BENCH_OUT     corpora, outputs and results  (default bench/out)
#   BENCH_CACHE   where Hugo is installed       (default $XDG_CACHE_HOME/tract-bench,
#                                                or bench/.cache without XDG_CACHE_HOME)
#   BENCH_HUGO    a hugo binary to use instead of installing one; "none" skips Hugo
#   BENCH_PDF     1 adds a row for a full tract build with every PDF (slow)
#   BENCH_SERVE   0 skips timing one edit through tract serve on the largest corpus
#   BENCH_SETTLE  seconds to wait, before a size's first run, after removing files (default 31)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

GO=${GO:-go}
sizes=${BENCH_SIZES:-"300 1000 3000"}
runs=${BENCH_RUNS:-3}
seed=${BENCH_SEED:-1}
length=${BENCH_LENGTH:-1}
out=${BENCH_OUT:-bench/out}
if [ -n "${XDG_CACHE_HOME:-}" ]; then
	cache=${BENCH_CACHE:-$XDG_CACHE_HOME/tract-bench}
else
	cache=${BENCH_CACHE:-bench/.cache}
fi
hugo_version=v0.165.0
# Builds are reproducible: "now" (upcoming events, feed dates) is fixed.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1793491200} # 2026-11-01
# Every build makes every PDF: the PDF cache would turn the second run into a warm one.
export TRACT_CACHE=off

mkdir -p "$out" "$cache"
out=$(cd "$out" && pwd)
cache=$(cd "$cache" && pwd)

machine() {
	local cpu
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1 || true)
	echo "machine: $(uname -sm), ${cpu:-unknown CPU}, $(getconf _NPROCESSORS_ONLN) cores, $($GO version | cut -d' ' -f3)"
}

echo "bench: building tract and the benchmark tools" >&2
$GO build -o bin/tract ./cmd/tract
$GO build -o "$out/gen" ./bench/gen
$GO build -o "$out/measure" ./bench/measure
$GO build -o "$out/floor" ./bench/floor
$GO build -o "$out/stack" ./bench/stack

# --no-pdf when tract has it: the comparison with Hugo is of the site alone.
# (tract build -h exits with 2: take its text before looking.)
nopdf=()
help=$(./bin/tract build -h 2>&1 || true)
case $help in
*-no-pdf*) nopdf=(--no-pdf) ;;
*) echo "bench: this tract has no --no-pdf: its builds include PDFs" >&2 ;;
esac

if [ "${1:-}" = profile ]; then
	# The tract binary writes a CPU profile of itself when TRACT_CPUPROFILE
	# names a file; an older one does not, and the Go benchmark of a whole
	# build is profiled instead.
	n=$(echo "$sizes" | tr ' ' '\n' | sort -n | tail -1)
	site="$out/corpus-$n"
	prof="$out/cpu-$n.prof"
	rm -rf "$site" "$prof"
	"$out/gen" -n "$n" -seed "$seed" -length "$length" -out "$site" >&2
	echo "bench: profiling tract build ${nopdf[*]} of $n items" >&2
	TRACT_CPUPROFILE="$prof" ./bin/tract build --site "$site" --out "$site/dist" "${nopdf[@]}" >/dev/null 2>&1 ||
		{ echo "bench: tract build of $site failed" >&2; exit 1; }
	bin=bin/tract
	if [ ! -s "$prof" ]; then
		echo "bench: this tract has no TRACT_CPUPROFILE: profiling BenchmarkBuild instead" >&2
		TRACT_BENCH_ITEMS=$n $GO test ./bench -run '^$' -bench '^BenchmarkBuild$' -benchtime 3x \
			-cpuprofile "$prof" -o "$out/bench.test" >&2
		bin="$out/bench.test"
	fi
	$GO tool pprof -top -nodecount 15 "$bin" "$prof" 2>/dev/null
	echo
	echo "cumulative:"
	$GO tool pprof -top -cum -nodecount 30 "$bin" "$prof" 2>/dev/null | tail -n +6
	echo "profile: $prof (go tool pprof -http=: $bin $prof)"
	exit 0
fi

hugo=${BENCH_HUGO:-$cache/hugo-$hugo_version/hugo}
if [ "$hugo" = none ]; then
	hugo=""
elif [ ! -x "$hugo" ]; then
	echo "bench: installing Hugo $hugo_version into $cache (once; it takes a few minutes)" >&2
	if ! GOBIN="$cache/hugo-$hugo_version" $GO install "github.com/gohugoio/hugo@$hugo_version"; then
		echo "bench: Hugo could not be installed: measuring tract alone" >&2
		hugo=""
	fi
fi

# settle waits until the file system no longer steps over the inodes of
# what was removed (see above), before anything is timed.
settle() {
	sync
	echo "bench: waiting ${BENCH_SETTLE:-31} s for the file system to forget the files just removed" >&2
	sleep "${BENCH_SETTLE:-31}"
}

results="$out/results.jsonl"
: >"$results"
for n in $sizes; do
	site="$out/corpus-$n"
	hsite="$out/corpus-$n-hugo"
	rm -rf "$site" "$hsite"
	summary=$("$out/gen" -n "$n" -seed "$seed" -length "$length" -out "$site" -hugo "$hsite")
	echo "bench: corpus $n: $summary" >&2
	variants=$(echo "$summary" | sed -n 's/^[0-9]* items, \([0-9]*\) variants.*/\1/p')
	settle # the last corpus and outputs were just removed

	# One run of each tool in turn, so that load from elsewhere on the
	# machine falls on both; measure table takes the medians.
	for r in $(seq "$runs"); do
		"$out/measure" run -tool tract -items "$n" -variants "$variants" -runs 1 \
			-clean "$site/dist-$r" -count "$site/dist-$r" -o "$results" -- \
			"$root/bin/tract" build --site "$site" --out "$site/dist-$r" "${nopdf[@]}"
		# The stack's share: every text parsed with goldmark and put in an
		# html/template page, and nothing else (bench/stack).
		"$out/measure" run -tool stack -items "$n" -variants "$variants" -runs 1 \
			-clean "$out/stack-$n-$r" -count "$out/stack-$n-$r" -o "$results" -- \
			"$out/stack" -site "$site" -to "$out/stack-$n-$r"
		# The file system's share: the same tree written by a program that
		# does nothing else (bench/floor).
		"$out/measure" run -tool floor -items "$n" -variants "$variants" -runs 1 \
			-clean "$out/floor-$n-$r" -count "$out/floor-$n-$r" -o "$results" -- \
			"$out/floor" -from "$site/dist-$r" -to "$out/floor-$n-$r"
		if [ -n "$hugo" ]; then
			"$out/measure" run -tool hugo -items "$n" -variants "$variants" -runs 1 -dir "$hsite" \
				-clean "$hsite/public-$r" -clean "$hsite/.hugo-cache-$r" -clean "$hsite/resources" \
				-count "$hsite/public-$r" -o "$results" -- \
				"$hugo" --quiet --destination "$hsite/public-$r" --cacheDir "$hsite/.hugo-cache-$r"
		fi
	done
	# The builds with every PDF come after: each writes about a gigabyte at
	# 3,000 items, and the builds timed after one ran up to twice as slow,
	# tract's first (measured with a sync before each run, which did not
	# help).
	if [ "${BENCH_PDF:-}" = 1 ] && [ ${#nopdf[@]} -gt 0 ]; then
		for r in $(seq "$runs"); do
			"$out/measure" run -tool tract+pdf -items "$n" -variants "$variants" -runs 1 \
				-clean "$site/dist-pdf-$r" -count "$site/dist-pdf-$r" -o "$results" -- \
				"$root/bin/tract" build --site "$site" --out "$site/dist-pdf-$r"
		done
	fi
	rm -rf "$site"/dist-* "$out"/floor-"$n"-* "$out"/stack-"$n"-* "$hsite"/public-* "$hsite"/.hugo-cache-*
done

echo
machine
echo "tract $(git describe --always --dirty 2>/dev/null || echo '?')${hugo:+, Hugo $hugo_version}, median of $runs runs, seed $seed, text length ×$length"
echo
"$out/measure" table "$results"

# One edit through tract serve, on the largest corpus: from saving a text
# to its page showing the change (bench/editlatency), with every other
# page made from the new state when asked for.
n=$(echo "$sizes" | tr ' ' '\n' | sort -n | tail -1)
site="$out/corpus-$n"
if [ "${BENCH_SERVE:-1}" = 1 ] && [ -d "$site/content" ]; then
	$GO build -o "$out/editlatency" ./bench/editlatency
	port=$((20000 + RANDOM % 20000))
	"$root/bin/tract" serve --site "$site" --addr "127.0.0.1:$port" >"$out/serve.log" 2>&1 &
	serve=$!
	trap 'kill $serve 2>/dev/null || true' EXIT
	for _ in $(seq 600); do
		grep -q "serving" "$out/serve.log" && break
		sleep 0.1
	done
	# One text of each section whose page waits for different PDFs: a
	# leaflet's one page, a pamphlet's twelve and its booklet, a
	# bulletin's articles.
	echo
	for section in leaflets pamphlets bulletins; do
		texts=("$site"/content/$section/*/en.md) # not ls | head: pipefail
		file=${texts[0]}
		[ -f "$file" ] || continue
		slug=$(basename "$(dirname "$file")")
		printf 'tract serve, %s items, one edit of %s (%s words): ' "$n" "${file#"$site"/}" "$(wc -w <"$file")"
		"$out/editlatency" -file "$file" -url "http://127.0.0.1:$port/en/$section/$slug/" -n 20 | tail -1
	done
	# Texts added, which change the lists and the languages of the site:
	# a French translation of a leaflet that has none, and a new leaflet,
	# each removed after it shows.
	for dir in "$site"/content/leaflets/*/; do
		[ -f "$dir/en.md" ] && [ ! -f "$dir/fr.md" ] || continue
		slug=$(basename "$dir")
		printf 'tract serve, %s items, a new French translation of content/leaflets/%s: ' "$n" "$slug"
		"$out/editlatency" -new -file "${dir}fr.md" -front 'translated_from: en@000000000000' -url "http://127.0.0.1:$port/fr/leaflets/$slug/" -n 10 | tail -1
		break
	done
	printf 'tract serve, %s items, a new leaflet: ' "$n"
	"$out/editlatency" -new -file "$site/content/leaflets/bench-new-leaflet/en.md" -url "http://127.0.0.1:$port/en/leaflets/bench-new-leaflet/" -n 10 | tail -1
	kill $serve 2>/dev/null
	wait $serve 2>/dev/null || true
fi
