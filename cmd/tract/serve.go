package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"syscall"

	"github.com/tractpub/tract/internal/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tract serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: tract serve [--site DIR] [--addr HOST:PORT]")
		fmt.Fprintln(fs.Output(), "Builds the site in memory and serves it; when a file changes, remakes what the change affects and reloads open pages.")
		fs.PrintDefaults()
	}
	site := fs.String("site", ".", "the site directory")
	addr := fs.String("addr", serve.DefaultAddr, "the address to listen on; keep it on loopback (127.0.0.1) unless the preview must be seen from another machine, such as a phone (--addr :8080)")
	if err := parseFlags(fs, args, stdout); err != nil {
		return flagExit(err)
	}
	*site = findSite(fs, *site)
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	if _, port, err := net.SplitHostPort(*addr); err != nil || port == "" {
		if _, err := strconv.Atoi(*addr); err == nil {
			fmt.Fprintf(stderr, "tract serve: --addr %s: write the address, a colon and the port: --addr 127.0.0.1:%s\n", *addr, *addr)
		} else {
			fmt.Fprintf(stderr, "tract serve: --addr %s: write the address, a colon and the port, such as --addr 127.0.0.1:8080\n", *addr)
		}
		return 2
	}
	if err := serve.Run(ctx, serve.Options{SiteDir: *site, Addr: *addr, Log: stderr}); err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			// The advice without Go's "listen tcp ...: bind:".
			fmt.Fprintf(stderr, "tract serve: %s is in use by another program (a tract serve already running?): stop it, or choose another port with --addr 127.0.0.1:8081\n", *addr)
			return 1
		}
		fmt.Fprintf(stderr, "tract serve: %v\n", err)
		return 1
	}
	return 0
}
