package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tractpub/tract/internal/testsite"
)

// TestServeReloadsAnEditAndStopsCleanly runs tract serve as an editor
// would: start it, read a page, edit the file, read the page again, press
// Ctrl-C (or stop it with SIGTERM). The process ends with status 0 and
// leaves no temporary folder.
func TestServeReloadsAnEditAndStopsCleanly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT on Windows")
	}
	for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) { serveEditStop(t, sig) })
	}
}

func serveEditStop(t *testing.T, sig os.Signal) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	tmp := t.TempDir()
	cmd := exec.Command(tractBin, "serve", "--addr", "127.0.0.1:0")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := false
	defer func() {
		if !exited {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	waitFor := func(re *regexp.Regexp) []string {
		t.Helper()
		timeout := time.After(20 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("tract serve ended before printing %v", re)
				}
				if m := re.FindStringSubmatch(l); m != nil {
					return m
				}
			case <-timeout:
				t.Fatalf("tract serve did not print %v within 20s", re)
			}
		}
	}
	url := waitFor(regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+/)`))[1]
	page := func() string {
		t.Helper()
		resp, err := http.Get(url + "en/leaflets/rent/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	if body := page(); !strings.Contains(body, "We refuse the rent rise.") {
		t.Fatalf("page:\n%s", body)
	}
	p := filepath.Join(dir, "content/leaflets/rent/en.md")
	writeFile(t, p, strings.Replace(readFile(t, p), "We refuse the rent rise.", "We refuse the rent rise together.", 1))
	waitFor(regexp.MustCompile(`updated after a change to content/leaflets/rent/en\.md`))
	if body := page(); !strings.Contains(body, "We refuse the rent rise together.") {
		t.Errorf("the page does not show the edit:\n%s", body)
	}

	cmd.Process.Signal(sig)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		exited = true
		if err != nil {
			t.Errorf("tract serve exited with %v after %v", err, sig)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("tract serve did not stop within 15s of %v", sig)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left in the temporary folder: %v", entries)
	}
}

// --addr given a port alone is told the address to write; a port in use
// is said in the editor's words, without Go's "listen tcp ...: bind:".
func TestServeAddrMistakesAreToldPlainly(t *testing.T) {
	dir := testsite.Dir(t, "-- content/leaflets/rent/en.md --\n"+rentEN)
	r := tract(t, dir, nil, "serve", "--addr", "8090")
	if want := "tract serve: --addr 8090: write the address, a colon and the port: --addr 127.0.0.1:8090\n"; r.code != 2 || r.stderr != want {
		t.Errorf("--addr 8090: exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	defer l.Close()
	addr := l.Addr().String()
	r = tract(t, dir, nil, "serve", "--addr", addr)
	if want := "tract serve: " + addr + " is in use by another program (a tract serve already running?): stop it, or choose another port with --addr 127.0.0.1:8081\n"; r.code != 1 || r.stderr != want {
		t.Errorf("port in use: exit %d, stderr %q, want %q", r.code, r.stderr, want)
	}
}
