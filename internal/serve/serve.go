// Package serve previews a site while it is being written. It builds the
// site into a temporary directory, serves that directory over HTTP, and
// rebuilds when a file of the site changes; open pages reload themselves
// through server-sent events. A build that fails is reported in the
// terminal and over every page, while the last good build keeps being
// served.
//
// Serve mode changes nothing in the built files: the few lines of script
// that reload a page, and the error overlay, are added to HTML responses
// as they are sent. The server is made to be safe on a shared machine:
// loopback only unless told otherwise, only files of the build are
// served (through os.Root), only GET and HEAD, and every response says
// X-Content-Type-Options: nosniff.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
)

// DefaultAddr is where tract serve listens unless told otherwise: the
// loopback interface, so only this machine can read the preview.
const DefaultAddr = "127.0.0.1:8080"

// Options say what to serve and where.
type Options struct {
	SiteDir string
	Addr    string    // host:port; DefaultAddr when empty; port 0 picks a free one
	Log     io.Writer // terminal messages; io.Discard when nil
	// Debounce is how long the site must be quiet after a change before
	// a rebuild starts, so that saving ten files builds once. 150 ms when 0.
	Debounce time.Duration
}

// Server is a running preview. Close stops it and removes its builds.
type Server struct {
	opts   Options
	tmp    string // the temporary directory holding the builds
	ln     net.Listener
	srv    *http.Server
	cur    atomic.Pointer[state]
	events *broker
	watch  *watcher
	cancel context.CancelFunc
	done   chan struct{} // closed when the server stops: ends event streams
	wg     sync.WaitGroup
	// Only the build loop touches these after Start.
	gen     int         // builds attempted
	retired *generation // the build served before the current one
	once    sync.Once
	err     error
}

// state is what the server serves at one moment: the last good build and
// the outcome of the latest one.
type state struct {
	good    *generation // nil until a build succeeds
	failure string      // the latest build's errors, "" if it succeeded
	version int         // counts builds, for the reload events
}

// generation is one successful build.
type generation struct {
	dir     string
	root    *os.Root
	catalog *locale.Catalog
}

// Start builds the site once, then listens and watches the site for
// changes. A failed first build does not stop it: the error is served
// until a change fixes it.
func Start(ctx context.Context, opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Debounce == 0 {
		opts.Debounce = 150 * time.Millisecond
	}
	abs, err := filepath.Abs(opts.SiteDir)
	if err != nil {
		return nil, err
	}
	opts.SiteDir = abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a site directory", opts.SiteDir)
	}
	tmp, err := os.MkdirTemp("", "tract-serve-")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Server{opts: opts, tmp: tmp, events: newBroker(), cancel: cancel, done: make(chan struct{})}
	s.cur.Store(&state{})

	// Listen first, so a busy address fails before a build is spent; the
	// first requests wait in the backlog until the first build is done.
	if s.ln, err = net.Listen("tcp", opts.Addr); err != nil {
		cancel()
		os.RemoveAll(tmp)
		return nil, err
	}
	// Watch before the first build, so a change made while it runs is seen.
	if s.watch, err = newWatcher(opts.SiteDir); err != nil {
		s.ln.Close()
		cancel()
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("watching %s: %w", opts.SiteDir, err)
	}
	s.rebuild(ctx, "")
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       60 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		if err := s.srv.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(opts.Log, "tract serve: %v\n", err)
		}
	}()
	go func() {
		defer s.wg.Done()
		s.loop(ctx)
	}()
	if !loopback(s.ln.Addr()) {
		fmt.Fprintf(opts.Log, "tract serve: warning: listening on %s, not on loopback: anyone who can reach this machine can read the preview\n", s.ln.Addr())
	}
	fmt.Fprintf(opts.Log, "tract serve: serving %s (Ctrl-C to stop)\n", s.URL())
	return s, nil
}

// Run serves until ctx is done, then shuts down cleanly.
func Run(ctx context.Context, opts Options) error {
	s, err := Start(ctx, opts)
	if err != nil {
		return err
	}
	<-ctx.Done()
	fmt.Fprintln(s.opts.Log, "tract serve: stopping")
	return s.Close()
}

// URL is the address of the preview's home.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Close stops serving and watching, waits for the rebuild under way, and
// removes the temporary builds.
func (s *Server) Close() error {
	s.once.Do(func() {
		close(s.done) // event streams return, so Shutdown need not wait for them
		s.cancel()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.srv.Shutdown(shutdown); err != nil {
			s.srv.Close()
		}
		s.watch.close()
		s.wg.Wait()
		s.err = s.removeBuilds()
	})
	return s.err
}

func (s *Server) removeBuilds() error {
	for _, g := range []*generation{s.cur.Load().good, s.retired} {
		if g != nil {
			g.root.Close()
		}
	}
	return os.RemoveAll(s.tmp)
}

// loop rebuilds after each burst of changes, one build at a time; changes
// made during a build wait in the watcher and start the next one.
func (s *Server) loop(ctx context.Context) {
	var (
		timer   *time.Timer
		fire    <-chan time.Time
		changed string
	)
	for {
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return
		case name, ok := <-s.watch.changes:
			if !ok {
				return
			}
			changed = name
			if timer == nil {
				timer = time.NewTimer(s.opts.Debounce)
			} else {
				timer.Reset(s.opts.Debounce)
			}
			fire = timer.C
		case err, ok := <-s.watch.errors:
			if ok {
				fmt.Fprintf(s.opts.Log, "tract serve: watching the site: %v\n", err)
			}
		case <-fire:
			fire = nil
			s.rebuild(ctx, changed)
		}
	}
}

// rebuild builds the site into a new directory and, if it succeeds,
// serves it; either way open pages are told to reload.
func (s *Server) rebuild(ctx context.Context, changed string) {
	s.gen++
	dir := filepath.Join(s.tmp, fmt.Sprintf("build-%d", s.gen))
	res, err := build.Build(ctx, build.Options{SiteDir: s.opts.SiteDir, OutDir: dir})
	if ctx.Err() != nil {
		os.RemoveAll(dir)
		return
	}
	old := s.cur.Load()
	next := &state{good: old.good, version: old.version + 1}
	var ds []diag.Diagnostic
	if res != nil {
		ds = res.Diagnostics
	}
	log := s.opts.Log
	for _, d := range ds {
		fmt.Fprintln(log, d.String())
	}
	what := "built"
	if changed != "" {
		what = "rebuilt after a change to " + changed + ":"
	}
	if err == nil {
		root, rerr := os.OpenRoot(dir)
		if rerr != nil {
			err = rerr
		} else {
			next.good = &generation{dir: dir, root: root, catalog: res.Catalog}
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		next.failure = failureText(ds, err)
		if !hasErrors(ds) {
			fmt.Fprintf(log, "tract serve: %v\n", err)
		}
		keep := "nothing to serve until it is fixed"
		if next.good != nil {
			keep = "still serving the last good build"
		}
		fmt.Fprintf(log, "tract serve: the build failed (%s)\n", keep)
	}
	s.cur.Store(next)
	if err == nil {
		// Said once the new build is the one served, so that whoever reads
		// this line and asks for a page gets the new one.
		fmt.Fprintf(log, "tract serve: %s %d pages in %s\n", what, res.Pages, res.Elapsed.Round(time.Millisecond))
	}
	if next.good != old.good {
		// The build just replaced may still be serving a request: it is
		// removed at the next swap, by when that request has long finished.
		if r := s.retired; r != nil {
			r.root.Close()
			os.RemoveAll(r.dir)
		}
		s.retired = old.good
	}
	s.events.publish(next.version)
}

func hasErrors(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

// failureText is what the browser shows of a failed build: its errors,
// or the error itself when it has no diagnostics.
func failureText(ds []diag.Diagnostic, err error) string {
	var b strings.Builder
	for _, d := range ds {
		if d.Severity == diag.Error {
			b.WriteString(d.String() + "\n")
		}
	}
	if b.Len() == 0 {
		b.WriteString(err.Error() + "\n")
	}
	return b.String()
}

// loopback reports whether addr is a loopback address.
func loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
