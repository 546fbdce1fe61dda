// Command gen writes the synthetic trilingual corpus tract is benchmarked
// on, as a tract site and, with -hugo, as the equivalent Hugo site.
//
// Usage:
//
//	go run ./bench/gen -n 3000 [-seed 1] [-length 1] -out DIR [-hugo DIR]
//
// The same -n, -seed and -length always write the same files. -length
// scales every text's length (2 doubles them), for a corpus heavier in
// words than a real archive. DIR must not exist
// or be empty.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tractpub/tract/bench/corpus"
)

func main() {
	n := flag.Int("n", 300, "number of items")
	seed := flag.Uint64("seed", 1, "random seed: the same -n and -seed give the same corpus")
	length := flag.Float64("length", 1, "scale every text's length by `F` (2 doubles them)")
	out := flag.String("out", "", "write the tract site into `DIR`")
	hugo := flag.String("hugo", "", "write the equivalent Hugo site into `DIR`")
	flag.Parse()
	if (*out == "" && *hugo == "") || *n < 1 || *length <= 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n ITEMS [-seed N] [-length F] -out DIR [-hugo DIR]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	c := corpus.Generate(corpus.Options{Items: *n, Seed: *seed, Length: *length})
	if *out != "" {
		if err := c.Files().Write(*out); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
	if *hugo != "" {
		if err := c.HugoFiles().Write(*hugo); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
	s := c.Stats()
	fmt.Printf("%d items, %d variants (%.2f per item), %d missing, %d outdated, %d chained translations, %d words\n",
		s.Items, s.Variants, float64(s.Variants)/float64(s.Items), s.Missing, s.Outdated, s.Chained, s.Words)
}
