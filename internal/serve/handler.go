package serve

import (
	"bytes"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/tractpub/tract/internal/content"
)

// EventsPath is the server-sent events stream that tells open pages to
// reload. It cannot clash with a built file: a site path never starts
// with an underscore folder tract makes.
const EventsPath = "/_tract/events"

// reloadScript is added to every HTML page served by the server started
// as instance (see Server.instance): when a build ends, the page reloads.
// EventSource reconnects by itself if the server stops, a second after
// it comes back (see serveEvents), and the new server greets it with its
// own instance: a page served by another one reloads. An editor who
// stops tract serve, edits, and starts it again sees the edits in the
// tab left open, without pressing reload.
func reloadScript(instance string) string {
	return `<script>/* added by tract serve, not in the built site */
(function (served) { var es = new EventSource("` + EventsPath + `"); es.addEventListener("reload", function () { location.reload(); }); es.addEventListener("hello", function (e) { if (e.data !== served) location.reload(); }); })("` + instance + `");
</script>
`
}

// contentTypes fixes the types of the files tract makes, whatever the
// machine's MIME table says.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".xml":   "application/xml; charset=utf-8",
	".ics":   "text/calendar; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".pdf":   "application/pdf",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".png":   "image/png",
	".svg":   "image/svg+xml",
	".webp":  "image/webp",
	".woff2": "font/woff2",
}

// ServeHTTP serves the last good build.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store") // a preview changes under the reader
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "tract serve answers GET and HEAD only", http.StatusMethodNotAllowed)
		return
	}
	if loopback(s.ln.Addr()) && !loopbackHost(r.Host) {
		// A page on another site could otherwise reach the preview
		// through a DNS name that points at 127.0.0.1 (DNS rebinding).
		http.Error(w, "tract serve answers requests for localhost only", http.StatusForbidden)
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if r.URL.Path == EventsPath {
		s.serveEvents(w, r)
		return
	}
	s.waitIncoming(r)
	st := s.cur.Load()
	if st.good == nil {
		s.serveFailure(w, st)
		return
	}
	if name == "" {
		// The home: the reader's language, from Accept-Language.
		lang := st.good.catalog.Match(r.Header.Get("Accept-Language"))
		h.Add("Vary", "Accept-Language")
		http.Redirect(w, r, "/"+lang+"/", http.StatusFound)
		return
	}
	s.serveFile(w, r, st, name)
}

// incomingWait is the longest a request waits for changes the watcher
// has reported to be taken in (see waitIncoming).
const incomingWait = 250 * time.Millisecond

// waitIncoming waits, for at most incomingWait, while changes the watcher
// has reported are being taken in: an edit of a text takes 10 to 30 ms
// from its save, and a page asked for meanwhile (a reload pressed as the
// file is saved, a script polling for the edit) is then the new one,
// rather than one made, PDFs and all, from the state about to be
// replaced, on the cores the edit needs. A load of the whole site takes
// seconds: the page asked for during it is the last good one, after that
// short wait.
func (s *Server) waitIncoming(r *http.Request) {
	ch := s.incoming.Load()
	if ch == nil {
		return
	}
	t := time.NewTimer(incomingWait)
	defer t.Stop()
	select {
	case <-*ch:
	case <-t.C:
	case <-r.Context().Done():
	case <-s.done:
	}
}

// sitePath turns a URL path into a slash path inside the build, or
// reports false for a path that tries to leave it. os.Root enforces the
// same again when the file is opened.
func sitePath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\x00\\") {
		return "", false
	}
	rel := strings.TrimLeft(p, "/")
	for _, part := range strings.Split(rel, "/") {
		if part == ".." || part == "." {
			return "", false
		}
	}
	return rel, true
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, st *state, name string) {
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	pv := st.good.preview
	if !pv.Has(name) {
		if pv.IsDir(name) {
			// A folder's page is its index.html; relative links need the
			// slash. The place is made from name, not from the path asked
			// for: "//en/leaflets/" would send the browser to a host "en".
			http.Redirect(w, r, "/"+name+"/", http.StatusFound)
			return
		}
		s.serveNotFound(w, r, st, name)
		return
	}
	data, err := pv.File(name)
	if err != nil {
		// The site's fault (a template, a picture tract cannot decode), not
		// the reader's: said in the terminal and in the browser.
		s.logMu.Lock()
		fmt.Fprintf(s.opts.Log, "tract serve: %s: %v\n", name, err)
		s.logMu.Unlock()
		s.errorPage(w, "Error", name+": "+err.Error()+"\n")
		return
	}
	s.setType(w, name)
	if path.Ext(name) == ".html" {
		data = s.inject(data, st)
	}
	http.ServeContent(w, r, name, st.good.made, bytes.NewReader(data))
}

// serveNotFound answers with the 404 page of the language the path is
// in (/fr/... gets fr/404.html), as a static host configured like
// docs/publishing.md does; /404.html otherwise.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, st *state, name string) {
	pv := st.good.preview
	page := "404.html"
	if lang, _, ok := strings.Cut(name, "/"); ok && pv.Has(lang+"/404.html") {
		page = lang + "/404.html"
	}
	data, err := pv.File(page)
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", contentTypes[".html"])
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		extra := ""
		if why := st.good.notYetPage(name); why != "" {
			extra = note(why)
		}
		w.Write(s.injectWith(data, st, extra))
	}
}

// notYetPage says why the page of an item's text at name
// (lang/section/slug/index.html) is not there though its file is: the
// copy tract translate --to wrote, not translated yet. A translator who
// opens the page they are working on finds out why it is missing, and
// when it will be there; "" for any other path.
func (g *generation) notYetPage(name string) string {
	parts := strings.Split(name, "/")
	if g.site == nil || g.site.Content == nil || len(parts) != 4 || parts[3] != "index.html" {
		return ""
	}
	it := g.site.Content.Item(parts[1], parts[2])
	if it == nil {
		return ""
	}
	v := it.Variants[parts[0]]
	if v == nil || !v.Untranslated || v.TranslatedFrom() == nil {
		return ""
	}
	why := fmt.Sprintf("%s is not translated yet: its text is still that of %s.md, word for word, and such a copy is not published. Its page is here once a paragraph or list item of six words or more of it is translated", v.Path, v.TranslatedFrom().Lang)
	switch l := it.ReaderLang(parts[0]); {
	case g.site.Content.Config.Fallback == content.FallbackHide:
		why += "; until then it is left out of the lists in " + parts[0] + ` (fallback = "hide")`
	case l != "":
		why += "; until then its readers get /" + it.PagePath(l) + ", listed with a notice"
	}
	return why + "."
}

// note shows a remark of tract serve's at the foot of a page, in the
// colours of a notice, not of an error.
func note(text string) string {
	return `<div id="tract-serve-note" role="status" style="position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;z-index:2147483646;margin:0;padding:1em 1.25em;background:#fffbe6;color:#3d3200;border-top:4px solid #b38f00;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap">` +
		"<strong>tract serve:</strong> " + html.EscapeString(text) + "</div>\n"
}

// serveFailure answers every request with the errors of a failed build,
// when no build has succeeded yet.
func (s *Server) serveFailure(w http.ResponseWriter, st *state) {
	s.errorPage(w, "Build failed", st.failure)
}

// errorPage answers with a page of its own that shows text in the error
// overlay and reloads after the next build.
func (s *Server) errorPage(w http.ResponseWriter, title, text string) {
	w.Header().Set("Content-Type", contentTypes[".html"])
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintf(w, "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>%s · tract serve</title></head>\n<body>\n%s%s</body>\n</html>\n", html.EscapeString(title), overlay(text, false), reloadScript(s.instance))
}

func (s *Server) setType(w http.ResponseWriter, name string) {
	ext := strings.ToLower(path.Ext(name))
	t := contentTypes[ext]
	if t == "" {
		t = mime.TypeByExtension(ext)
	}
	if t == "" {
		// With nosniff, a browser must not guess: an unknown file is a download.
		t = "application/octet-stream"
	}
	w.Header().Set("Content-Type", t)
}

// inject adds the error overlay, when the latest build failed, and the
// reload script to an HTML page, before its </body>.
func (s *Server) inject(page []byte, st *state) []byte { return s.injectWith(page, st, "") }

// injectWith is inject with extra HTML added before the rest.
func (s *Server) injectWith(page []byte, st *state, extra string) []byte {
	add := extra + reloadScript(s.instance)
	if st.failure != "" {
		add = overlay(st.failure, true) + add
	}
	i := lastBodyEnd(page)
	out := make([]byte, 0, len(page)+len(add))
	out = append(out, page[:i]...)
	out = append(out, add...)
	return append(out, page[i:]...)
}

// lastBodyEnd is where the last </body> tag of page starts, in any
// case, or len(page) if it has none. It reads the page where it is: a
// lowercased copy would cost a copy of every page served, and its offsets
// are not the page's when a letter before the tag lowercases to another
// length (İ, two bytes, becomes i and a combining dot, three).
func lastBodyEnd(page []byte) int {
	const tag = "</body>"
	for end := len(page); ; {
		i := bytes.LastIndex(page[:end], []byte("</"))
		if i < 0 {
			return len(page)
		}
		if len(page)-i >= len(tag) && bytes.EqualFold(page[i:i+len(tag)], []byte(tag)) {
			return i
		}
		end = i
	}
}

// overlay shows a failed build's errors over the page, escaped.
func overlay(failure string, stale bool) string {
	head := "tract: the build failed."
	if stale {
		head = "tract: the last build failed; this page is from the last good build."
	}
	return `<div id="tract-serve-error" role="alert" style="position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1em 1.25em;background:#fff3f3;color:#5c0000;border-top:4px solid #c00;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap">` +
		"<strong>" + html.EscapeString(head) + "</strong> It reloads when a change fixes it.\n\n" +
		html.EscapeString(failure) + "</div>\n"
}

// serveEvents streams a "reload" event after every build, until the
// client leaves or the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := s.events.subscribe()
	defer s.events.unsubscribe(ch)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	if r.Method == http.MethodHead {
		return
	}
	// Who this server is (see reloadScript), and a second before trying
	// again when it stops, where browsers wait three.
	fmt.Fprintf(w, ": tract serve\nretry: 1000\n\nevent: hello\ndata: %s\n\n", s.instance)
	flusher.Flush()
	keepAlive := time.NewTicker(30 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case v := <-ch:
			if _, err := fmt.Fprintf(w, "event: reload\ndata: %d\n\n", v); err != nil {
				return
			}
			flusher.Flush()
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": still here\n\n"); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}
