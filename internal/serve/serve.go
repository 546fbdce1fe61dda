// Package serve previews a site while it is being written. It loads the
// site into memory and serves it as a build would write it, making each
// page, picture and PDF the first time it is asked for; when a file of the
// site changes it loads the site again — or, when an editor saved texts of
// existing items, only those items — and open pages reload themselves
// through server-sent events. An edit thus shows in milliseconds even on
// a site of thousands of items, and no page served after it is stale: it
// is made from the new state. A build that fails is reported in the
// terminal and over every page, while the last good build keeps being
// served.
//
// Serve mode changes nothing in the built files: the few lines of script
// that reload a page, and the error overlay, are added to HTML responses
// as they are sent. The server is made to be safe on a shared machine:
// loopback only unless told otherwise (and then it says that other
// machines can see the preview), only files of the build are served,
// the site is read through os.Root, only GET and HEAD are answered, and
// every response says X-Content-Type-Options: nosniff.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/tractpub/tract/internal/build"
	"github.com/tractpub/tract/internal/content"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
	"github.com/tractpub/tract/internal/pdf"
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
	// it is loaded again, so that saving ten files loads once. 10 ms when
	// 0: an editor's save (write, rename, chmod) takes a millisecond or
	// two, and the reload should not be seen to wait. An edit that takes
	// the fast path is made ahead once the site has been quiet for a tenth
	// of it, and served when it has been quiet for all of it (see
	// Server.loop).
	Debounce time.Duration
	// Hold is how long the site must be quiet before a change that left
	// a file empty, or the site with errors, is believed: 150 ms when 0.
	// Editors (VS Code, nano, a shell's cat >) empty a file, then write
	// it, and on a slow disk or in a synchronised folder the write can
	// land tens of milliseconds later, after the debounce: the file is
	// read again when the write lands, or when Hold has passed, and only
	// then reported (see Server.loop). A change without errors is not
	// held.
	Hold time.Duration

	held   func() // a test's: told when a change is held (see Server.loop)
	loaded func() // a test's: told when a load of the whole site has read it (see Server.rebuild)
}

// Server is a running preview. Close stops it.
type Server struct {
	opts   Options
	root   *os.Root // the site, every read of it goes through this
	ln     net.Listener
	srv    *http.Server
	cur    atomic.Pointer[state]
	events *broker
	watch  *watcher
	cancel context.CancelFunc
	done   chan struct{} // closed when the server stops: ends event streams
	wg     sync.WaitGroup
	logMu  sync.Mutex // PDF warnings are logged from request handlers; guards pdfWarned
	once   sync.Once
	err    error
	// servedAhead counts the edits served that were made ahead (see loop).
	servedAhead atomic.Int64
	// incoming, when set, is closed once the changes the watcher has
	// reported since it was set are taken in (see loop, waitIncoming).
	incoming atomic.Pointer[chan struct{}]
	// warned holds the warnings printed, or counted as printed before,
	// that still hold as far as the loads since know (see rebuild): each
	// as it is printed, with the file it is about.
	warned map[string]string
	// pdfWarned holds, by text, the warnings its PDFs had when they were
	// last made (see logPDF).
	pdfWarned map[string][]string
	// instance tells this server from one started before or after it on
	// the same address (see reloadScript).
	instance string
}

// state is what the server serves at one moment: the last good build and
// the outcome of the latest one.
type state struct {
	good    *generation // nil until a build succeeds
	failure string      // the latest build's errors, "" if it succeeded
	version int         // counts builds, for the reload events
	// since are the files changed since good was built, when the builds
	// after it failed on the fast path (an edit of texts with errors):
	// the next edit is made from good with these too, without a full
	// Load. nil after a full Load that failed.
	since []string
}

// generation is one successful build, held in memory.
type generation struct {
	site    *build.Site
	preview *build.Preview
	catalog *locale.Catalog
	made    time.Time // when it was loaded: the files' modification time
}

// Start loads the site once, then listens and watches the site for
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
		opts.Debounce = 10 * time.Millisecond
	}
	if opts.Hold == 0 {
		opts.Hold = 150 * time.Millisecond
	}
	abs, err := filepath.Abs(opts.SiteDir)
	if err != nil {
		return nil, err
	}
	opts.SiteDir = abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a site directory", opts.SiteDir)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Server{opts: opts, root: root, events: newBroker(), cancel: cancel, done: make(chan struct{}), warned: map[string]string{}, pdfWarned: map[string][]string{},
		instance: strconv.FormatInt(time.Now().UnixNano(), 36)}
	s.cur.Store(&state{})

	// Listen first, so a busy address fails before a build is spent; the
	// first requests wait in the backlog until the first build is done.
	if s.ln, err = net.Listen("tcp", opts.Addr); err != nil {
		cancel()
		root.Close()
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("%w: another program (a tract serve already running?) uses it; stop it, or choose another port with --addr 127.0.0.1:8081", err)
		}
		return nil, err
	}
	// Watch before the first build, so a change made while it runs is seen.
	if s.watch, err = newWatcher(opts.SiteDir); err != nil {
		s.ln.Close()
		cancel()
		root.Close()
		return nil, fmt.Errorf("watching %s: %w", opts.SiteDir, err)
	}
	s.rebuild(ctx, nil, nil, nil)
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
	if tcp, ok := s.ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		// --addr :8080 is how one previews on a phone, and how one shows
		// drafts to the café's wifi without meaning to.
		fmt.Fprintf(opts.Log, "tract serve: warning: other machines on the network can see the preview, drafts included; --addr 127.0.0.1:%d keeps it on this one\n", tcp.Port)
		if urls := networkURLs(tcp, networkIPv4()); len(urls) > 0 {
			fmt.Fprintf(opts.Log, "tract serve: on a phone on the same network, open %s\n", diag.Or(urls))
		}
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

// URL is the address of the preview's home on this machine.
func (s *Server) URL() string {
	addr := s.ln.Addr().String()
	if tcp, ok := s.ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		// Every address of the machine: http://[::]:8080/ is none.
		addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	}
	return "http://" + addr + "/"
}

// Close stops serving and watching, and waits for the load under way and
// for the PDFs being made ahead of their pages (see build.Preview.Stop).
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
		s.wg.Wait() // the loop, and the previews it retired
		if good := s.cur.Load().good; good != nil {
			good.preview.Stop()
			good.preview.Wait()
		}
		s.err = s.root.Close()
	})
	return s.err
}

// loop loads the site again after each burst of changes, one load at a
// time; changes made during a load wait in the watcher and start the next.
//
// A burst ends when the site has been quiet for Debounce, but an edit
// that takes the fast path (see build.Preview.Edit) does not wait for
// that: once the site has been quiet for a tenth of it, the edit is made
// ahead (a full load is not), and served when the burst ends if no
// change came after it started. Otherwise it is dropped and the burst's
// changes are loaded as they are then. What is served has thus been read
// after the last change of the burst, as without reading ahead; only the
// wait is shorter, by up to Debounce.
//
// A burst that ends with a file empty, or whose load has errors, may
// have caught a save half-way: an editor that empties a file before
// writing it, on a slow disk, can write it after the debounce. It is not
// loaded, or its load is not reported, but held until the site has been
// quiet for Hold since the last change: a change that comes meanwhile
// goes on with the burst, as the write that lands does, and when none
// has come the burst's files are read again and what they hold is
// reported, an empty text included. So a half-saved text shows no
// error, and a change without errors shows as fast as before.
//
// A load of the whole site can take longer than Hold (seconds, on an
// archive of thousands of texts), and the changes made while it runs
// wait in the watcher: a save it caught half-way lands before it ends,
// and is not taken until it has reported. So a load with errors is held
// too while a change that came during it waits, however long it took:
// the change goes on with the burst, and the next load reads the save
// whole.
func (s *Server) loop(ctx context.Context) {
	var (
		timer, settle *time.Timer
		fire, start   <-chan time.Time
		changed       []string
		last          time.Time // when the last change came
		seen          int       // changes received
		next          *ahead    // the last edit made ahead, until the burst ends
		running       bool      // next is being made
		again         bool      // the site settled again while next was being made
		lost          bool      // the system dropped changes: load the whole site
		finished      = make(chan *ahead, 1)
	)
	reset := func(t **time.Timer, d time.Duration) <-chan time.Time {
		if *t == nil {
			*t = time.NewTimer(d)
		} else {
			(*t).Reset(d)
		}
		return (*t).C
	}
	// taken tells the requests waiting for the changes (see
	// waitIncoming) that they are taken in, or given up.
	taken := func() {
		if ch := s.incoming.Swap(nil); ch != nil {
			close(*ch)
		}
	}
	defer taken()
	// drop retires the edit made ahead, unless it was served.
	drop := func() {
		if next != nil {
			s.retire(next.preview)
			next = nil
		}
	}
	readAhead := func() {
		old := s.cur.Load()
		if old.good == nil || old.failure != "" || len(changed) == 0 {
			return
		}
		drop() // finished, and made before the last change
		next = &ahead{base: old.good, seen: seen}
		running = true
		go func(a *ahead, changed []string) {
			start := time.Now()
			a.preview, a.fast = a.base.preview.Edit(changed, &a.diags)
			a.took = time.Since(start)
			finished <- a
		}(next, slices.Clone(changed))
	}
	for {
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			if settle != nil {
				settle.Stop()
			}
			if running {
				<-finished // it reads the site, which Close closes
			}
			drop()
			return
		case name, ok := <-s.watch.changes:
			if !ok {
				if running {
					<-finished
				}
				drop()
				return
			}
			seen++
			last = time.Now()
			if s.incoming.Load() == nil {
				ch := make(chan struct{})
				s.incoming.Store(&ch)
			}
			if !slices.Contains(changed, name) {
				changed = append(changed, name)
			}
			fire = reset(&timer, s.opts.Debounce)
			start = reset(&settle, s.opts.Debounce/10)
		case err, ok := <-s.watch.errors:
			if ok {
				fmt.Fprintf(s.opts.Log, "tract serve: watching the site: %v\n", err)
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// The system dropped changes (a git checkout of a large
				// site while a load ran): which is not known, so the
				// whole site is loaded again.
				lost = true
				fire = reset(&timer, s.opts.Debounce)
			}
		case <-start:
			start = nil
			if running {
				again = true // one edit at a time: this one starts when it ends
			} else {
				readAhead()
			}
		case <-finished:
			running = false
			if again && next.seen != seen {
				readAhead()
			}
			again = false
		case <-fire:
			fire, start, again = nil, nil, false
			if settle != nil {
				settle.Stop()
			}
			if running {
				<-finished
				running = false
			}
			if next != nil && next.seen != seen || lost {
				drop() // a change came after it started
			}
			if lost {
				changed = nil // a whole load (see rebuild)
			}
			// Until when a half-saved file is waited for: the second
			// time the timer fires for a burst held, it is not, unless a
			// change came during the load.
			var until time.Time
			if !lost {
				until = last.Add(s.opts.Hold)
			}
			// The load's errors are held before until, and while a
			// change that came during it waits in the watcher.
			hold := func() bool {
				return !until.IsZero() && (time.Now().Before(until) || s.watch.offered.Load() > int64(seen))
			}
			if time.Now().Before(until) && s.emptied(changed) || !s.rebuild(ctx, changed, next, hold) {
				// Read again when the hold ends; a change that came
				// during the load is taken first, and the burst goes on.
				drop()
				fire = reset(&timer, max(time.Until(until), s.opts.Debounce))
				if s.opts.held != nil {
					s.opts.held()
				}
				continue
			}
			changed, next, lost = nil, nil, false
			taken()
		}
	}
}

// ahead is an edit made before its burst of changes ended (see loop).
type ahead struct {
	base    *generation // what it edits: the one served when it started
	seen    int         // changes received when it started
	preview *build.Preview
	fast    bool
	diags   diag.List
	took    time.Duration // how long the edit took
}

// rebuild loads the site again after the files changed were changed —
// only their items when they are texts of existing items and the last
// build succeeded, the whole site otherwise — and, if it succeeds, serves
// it; either way open pages are told to reload. If made is not nil, it is
// the edit of the files changed, made ahead from the build served now.
//
// If the load has errors and hold (if not nil) says, once it is done,
// that they may be those of a save caught half-way, rebuild reports
// nothing, changes nothing and returns false: the caller waits for the
// rest of the save (see loop), and made is still its own. Otherwise it
// returns true.
func (s *Server) rebuild(ctx context.Context, changed []string, made *ahead, hold func() bool) bool {
	start := time.Now()
	old := s.cur.Load()
	next := &state{good: old.good, version: old.version + 1}
	var (
		diags   diag.List
		site    *build.Site
		preview *build.Preview
		fast    bool
		err     error
		// failed is set when the edit, made on the fast path, has
		// errors: they are in diags, and the last good build is kept.
		failed bool
		// madeAhead is set when made is the edit reported.
		madeAhead bool
	)
	// The files changed since the last good build: those of the failed
	// edits since, and these.
	since := changed
	if old.failure != "" && old.since != nil {
		since = append(slices.Clone(old.since), changed...)
		slices.Sort(since)
		since = slices.Compact(since)
	}
	switch {
	case made != nil && made.base == old.good && old.failure == "":
		preview, fast, madeAhead = made.preview, made.fast, true
		start = start.Add(-made.took) // the time the load took includes the edit made ahead
		for _, d := range made.diags.Sorted() {
			diags.Add(d)
		}
		failed = !fast && diags.HasErrors()
	case old.good != nil && (old.failure == "" || old.since != nil) && len(changed) > 0:
		preview, fast = old.good.preview.Edit(since, &diags)
		failed = !fast && diags.HasErrors()
	}
	if failed {
		next.since = since
	}
	if fast {
		site = preview.Site()
	} else if !failed {
		diags = diag.List{}
		var now time.Time
		if now, err = build.Now(); err == nil {
			// What the last tract build into dist/ parsed is taken as it
			// left it, where the files are still those it read.
			last := &build.Options{SiteDir: s.opts.SiteDir}
			site = build.LoadPreview(ctx, content.SiteFS(s.root), now, 0, &diags, last)
		}
		if s.opts.loaded != nil {
			s.opts.loaded()
		}
	}
	if ctx.Err() != nil {
		s.retire(preview)
		if made != nil {
			s.retire(made.preview)
		}
		return true
	}
	var gen *generation
	if err == nil && site != nil && !diags.HasErrors() {
		gen = &generation{site: site, catalog: site.Catalog, made: time.Now()}
		var maker *pdf.Maker
		if fast {
			gen.preview = preview
		} else if maker, err = site.PreviewMaker(); err == nil {
			var more []diag.Diagnostic
			gen.preview, more = build.NewPreview(site, maker, s.logPDF)
			for _, d := range more {
				diags.Add(d)
			}
			// Before it is served, so that the first save after a load
			// shows as quickly as the next ones: the fonts and patterns
			// take 15-20 ms on a 2-core laptop, against seconds of load
			// on a large archive.
			gen.preview.Warm()
		}
	}
	if (err != nil || site == nil || diags.HasErrors()) && hold != nil && hold() {
		if gen != nil && !fast {
			s.retire(gen.preview)
		}
		return false
	}
	if madeAhead {
		s.servedAhead.Add(1)
	}
	ds := diags.Sorted()
	log := s.opts.Log
	// A warning is printed when it is new, or has changed (its line, its
	// words), since it was last printed; the others are counted on one
	// line, so that what is new stands out: a save that leaves a text's
	// warnings as they were prints none of them. Errors are always
	// printed.
	found := map[string]string{} // the warnings of this load
	for _, d := range ds {
		if d.Severity != diag.Error {
			found[d.String()] = d.Path
		}
	}
	printed := func(line string) bool {
		_, ok := s.warned[line]
		return ok
	}
	// Many outdated translations are counted rather than named, as tract
	// build does: on an archive they are hundreds.
	outdated := 0
	for _, d := range ds {
		if content.IsOutdatedWarning(d) && !printed(d.String()) {
			outdated++
		}
	}
	collapse := outdated > content.OutdatedNamed
	repeated := 0
	s.logMu.Lock()
	for _, d := range ds {
		line := d.String()
		if d.Severity != diag.Error && printed(line) {
			repeated++
			continue
		}
		if collapse && content.IsOutdatedWarning(d) {
			continue
		}
		fmt.Fprintln(log, line)
	}
	if collapse {
		fmt.Fprintf(log, "tract serve: %d translations are outdated: tract status --todo lists them, tract check names each file\n", outdated)
	}
	switch {
	case repeated == 1:
		fmt.Fprintln(log, "tract serve: 1 warning as before, not repeated (tract check lists every warning)")
	case repeated > 1:
		fmt.Fprintf(log, "tract serve: %d warnings as before, not repeated (tract check lists every warning)\n", repeated)
	}
	s.logMu.Unlock()
	// A load of the whole site finds every warning: they replace those
	// known. An edit, with errors or not, finds those of the texts it
	// read again, and some of the other texts of their items: a warning
	// of a text it read that it did not find again is gone (printed again
	// if it comes back), while the others are kept, as the edit does not
	// say them all (the warnings of a text's front matter are found only
	// when it is read).
	if !fast && !failed {
		s.warned = found
	} else {
		for line, p := range s.warned {
			if slices.Contains(since, p) {
				delete(s.warned, line)
			}
		}
		maps.Copy(s.warned, found)
	}
	if err == nil && (site == nil || diags.HasErrors()) {
		err = errors.New("the site has errors")
	}
	if err == nil {
		next.good = gen
		// The warnings of the PDFs of a text removed go with it.
		s.logMu.Lock()
		for text := range s.pdfWarned {
			if site.Content.Variant(text) == nil {
				delete(s.pdfWarned, text)
			}
		}
		s.logMu.Unlock()
	} else {
		next.failure = failureText(ds, err)
		if !hasErrors(ds) {
			fmt.Fprintf(log, "tract serve: %v\n", err)
		}
		keep := "nothing to serve until it is fixed"
		if next.good != nil {
			keep = "still serving the last good build"
		}
		if failed {
			fmt.Fprintf(log, "tract serve: the change to %s has errors (%s)\n", s.named(changed), keep)
		} else {
			fmt.Fprintf(log, "tract serve: the build failed (%s)\n", keep)
		}
	}
	s.cur.Store(next)
	if old.good != nil && next.good != old.good {
		s.retire(old.good.preview)
	}
	if made != nil && (next.good == nil || made.preview != next.good.preview) {
		s.retire(made.preview) // made from a build no longer served, or with errors
	}
	if !fast && old.good != nil && next.good != old.good {
		// A whole new load replaced the last one: its memory is garbage
		// now, hundreds of megabytes on a large archive, and Go would
		// hand it back to the system only slowly, while the laptop's
		// browser wants it.
		go debug.FreeOSMemory()
	}
	if err == nil {
		// Said once the new build is the one served, so that whoever reads
		// this line and asks for a page gets the new one.
		what := "built"
		switch {
		case fast:
			what = "updated after a change to " + s.named(changed) + ":"
		case len(changed) > 0:
			what = "rebuilt after a change to " + s.named(changed) + ":"
		}
		taken := ""
		if !fast && site.TextsTaken > 0 {
			taken = fmt.Sprintf(" (%s unchanged since last parsed)", diag.Plural(site.TextsTaken, "text"))
		}
		fmt.Fprintf(log, "tract serve: %s %s in %s%s\n", what, diag.Plural(len(site.Content.Items), "item"), time.Since(start).Round(100*time.Microsecond), taken)
	}
	s.events.publish(next.version)
	if fast && next.good != old.good {
		s.wg.Go(func() { s.collectBetweenEdits(next.good) })
	}
	if !fast && gen != nil && next.good == gen {
		// What the load parsed, kept for the next start: the texts taken
		// from the cache are there already, and only the others are
		// written.
		s.wg.Go(gen.site.KeepTexts)
	}
	return true
}

// collectBetweenEdits runs the collector once the PDFs of gen's edit are
// made (its page waits for them) and the page has had a moment to be
// sent, if gen is still served and the heap has grown past half way to
// the size at which Go would collect it anyway: the collection then
// falls while the editor reads the page, rather than in the middle of
// their next edit. One during an edit of a 10,000-word pamphlet made it
// 45–52 ms where the others took 30–40 ms.
func (s *Server) collectBetweenEdits(gen *generation) {
	gen.preview.Wait()
	time.Sleep(collectAfter)
	if s.cur.Load().good != gen {
		return // a newer edit is served, or being made
	}
	samples := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}, {Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(samples)
	for _, m := range samples {
		if m.Value.Kind() != metrics.KindUint64 {
			return
		}
	}
	goal, live, heap := samples[0].Value.Uint64(), samples[1].Value.Uint64(), samples[2].Value.Uint64()
	if heap > live+(goal-live)/2 {
		runtime.GC()
	}
}

// collectAfter is how long after an edit's PDFs are made
// collectBetweenEdits waits for its page to be sent.
const collectAfter = 50 * time.Millisecond

// retire stops the PDFs p was making ahead of its pages (see
// build.Preview.Stop), if p is not nil: a newer preview is served, or p
// never was. Close waits for them.
func (s *Server) retire(p *build.Preview) {
	if p != nil {
		p.Stop()
		s.wg.Go(p.Wait)
	}
}

// named lists the files of a change for the log: those that are there,
// leaving out the ones an editor wrote and removed while saving (sed's
// "sedt3n4tR", JetBrains' "en.md___jb_tmp___"), unless nothing else is
// left to name (the change removed files).
func (s *Server) named(changed []string) string {
	var there []string
	for _, p := range changed {
		if _, err := s.root.Stat(p); err == nil {
			there = append(there, p)
		}
	}
	if len(there) == 0 {
		there = changed
	}
	if len(changed) > namedAtMost+1 {
		// A git pull or a folder copied in changes hundreds of files: a
		// line naming them all filled the terminal (30 KB for 500). The
		// files counted are all those changed, removed ones too.
		named := there[:min(len(there), namedAtMost)]
		return strings.Join(named, ", ") + " and " + diag.Plural(len(changed)-len(named), "other file")
	}
	return strings.Join(there, ", ")
}

// namedAtMost is how many changed files a line of the log names.
const namedAtMost = 3

// emptied reports whether a file of changed is now empty: perhaps a save
// caught between emptying the file and writing it (see loop).
func (s *Server) emptied(changed []string) bool {
	for _, p := range changed {
		if st, err := s.root.Stat(p); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
			return true
		}
	}
	return false
}

// logPDF prints the problems found making the PDFs of text: the errors,
// and the warnings its PDFs did not have when they were last made. Each
// save of a text makes its PDFs again — often twice, by an edit made
// ahead and then dropped and by the one served — and so does a page that
// asks for them after a load of the whole site: a save that leaves them
// as they were prints nothing. A warning that is gone when they are made
// again is forgotten, so that it is printed again if it comes back, as
// the load's warnings are (see rebuild). Unlike those, the warnings not
// printed again are not counted: the PDFs are made after the load is
// reported, at any moment and several times for one save, and a count
// would come at random.
func (s *Server) logPDF(text string, problems []diag.Diagnostic) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	before := s.pdfWarned[text]
	var now []string
	for _, d := range problems {
		line := d.String()
		if d.Severity != diag.Error {
			if slices.Contains(now, line) {
				continue
			}
			now = append(now, line)
			if slices.Contains(before, line) {
				continue
			}
		}
		fmt.Fprintln(s.opts.Log, line)
	}
	if len(now) == 0 {
		delete(s.pdfWarned, text)
	} else {
		s.pdfWarned[text] = now
	}
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

// networkURLs returns the addresses of the preview's home that another
// machine on the network opens, for a server listening at addr, not on
// loopback: addr itself if it is one address, else one for each address
// of local (this machine's IPv4 addresses, see networkIPv4) that another
// machine can reach, sorted.
func networkURLs(addr *net.TCPAddr, local []net.IP) []string {
	url := func(ip net.IP) string {
		return "http://" + net.JoinHostPort(ip.String(), strconv.Itoa(addr.Port)) + "/"
	}
	if !addr.IP.IsUnspecified() {
		return []string{url(addr.IP)}
	}
	var urls []string
	for _, ip := range local {
		// 169.254.x.x is the address a machine gives itself when no
		// network gave it one: no other machine reaches it there.
		if ip.IsLoopback() || ip.IsUnspecified() || ip.IsLinkLocalUnicast() {
			continue
		}
		urls = append(urls, url(ip))
	}
	slices.Sort(urls)
	return slices.Compact(urls)
}

// networkIPv4 returns the IPv4 addresses of this machine's network
// interfaces that are up and connected, but loopback: where a phone on
// the same network reaches it. None if the system does not say.
func networkIPv4() []net.IP {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, iface := range ifaces {
		// A bridge with nothing on it (docker0) is up but not running.
		if iface.Flags&net.FlagUp == 0 || iface.Flags&net.FlagRunning == 0 || iface.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := iface.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			var ip net.IP
			switch a := a.(type) {
			case *net.IPNet:
				ip = a.IP
			case *net.IPAddr:
				ip = a.IP
			}
			if ip4 := ip.To4(); ip4 != nil {
				ips = append(ips, ip4)
			}
		}
	}
	return ips
}

// loopback reports whether addr is a loopback address.
func loopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
