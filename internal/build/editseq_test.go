package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tract "github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/content"
)

// TestRandomEditSequencesEndAsBuildsFromNothing edits a generated site at
// random, step after step, as its editors would over months: texts,
// titles, tags and dates; translations and whole items added and removed;
// photographs and other files beside the texts; templates, locales,
// static files and tract.toml; or nothing at all. After each step it
// builds into the same output with the cache, and the output must be, file
// for file, folder for folder and byte for byte, what a build of the same
// site from nothing makes, with the same counts and warnings: whatever
// the stamp, the spare, the render keys, the texts kept from the last
// build and the PDF and image caches skip, the result is the same. Some
// steps also remove dist/ first, build without the cache, make the PDFs,
// or first make a mistake that must fail the build and leave dist/ as it
// was.
//
// The sequences are random but fixed by their seeds. To hunt for bugs at
// length, TRACT_EDIT_SEEDS=100 runs seeds 1 to 100 and
// TRACT_EDIT_SEEDS=101-200 seeds 101 to 200; a failure names its seed,
// which TRACT_EDIT_SEEDS=N-N runs alone. TRACT_EDIT_STEPS=30 makes each
// sequence longer than its 8 steps (4 with -short, which also runs one
// seed). With -v, each step says what it did and how long its two builds
// took.
func TestRandomEditSequencesEndAsBuildsFromNothing(t *testing.T) {
	seeds, steps := editSeeds(t), 8
	if testing.Short() {
		seeds, steps = seeds[:1], 4
	}
	if s := os.Getenv("TRACT_EDIT_STEPS"); s != "" {
		var err error
		if steps, err = strconv.Atoi(s); err != nil || steps < 1 {
			t.Fatalf("TRACT_EDIT_STEPS=%q is not a number of steps", s)
		}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			runEdits(t, seed, steps)
		})
	}
}

// editSeeds are the seeds to run: a few fixed ones, or those
// TRACT_EDIT_SEEDS names ("N" for 1 to N, "A-B" for A to B).
func editSeeds(t *testing.T) []uint64 {
	spec := os.Getenv("TRACT_EDIT_SEEDS")
	if spec == "" {
		return []uint64{1, 2}
	}
	lo, hi, ok := strings.Cut(spec, "-")
	if !ok {
		lo, hi = "1", spec
	}
	from, err1 := strconv.ParseUint(lo, 10, 64)
	to, err2 := strconv.ParseUint(hi, 10, 64)
	if err1 != nil || err2 != nil || from == 0 || from > to {
		t.Fatalf("TRACT_EDIT_SEEDS=%q: want N (seeds 1 to N) or A-B (seeds A to B)", spec)
	}
	var seeds []uint64
	for s := from; s <= to; s++ {
		seeds = append(seeds, s)
	}
	return seeds
}

// editor is one random sequence of edits of one site.
type editor struct {
	t                *testing.T
	seed             uint64
	rng              *rand.Rand
	dir, dist, cache string
	now              time.Time
	step             int
	serial           int      // numbers new names
	history          []string // what each step did, for a failure's message
	did              []string // what this step did so far
	removed          []string // the items removed
}

// runEdits runs the sequence of the seed given, of so many steps.
func runEdits(t *testing.T, seed uint64, steps int) {
	e := &editor{t: t, seed: seed, rng: rand.New(rand.NewPCG(seed, 0x7472616374)), dir: t.TempDir(), cache: t.TempDir(), now: now}
	e.dist = filepath.Join(e.dir, "dist")
	writeGeneratedSite(t, e.dir, 25+e.rng.IntN(8))
	// PDFs are slow: one step in eight makes them.
	withPDF := map[int]bool{}
	for range max(1, steps/8) {
		withPDF[1+e.rng.IntN(steps)] = true
	}
	trusted := false // the last build left a stamp for this one
	lastPDF := false
	// The builds that could start from the last output, and what they
	// took from it: a sequence that never reuses anything tests nothing.
	could, reused, kept, texts := 0, 0, 0, 0
	for e.step = 1; e.step <= steps; e.step++ {
		e.did = nil
		edits := []int{0, 1, 1, 1, 2, 2, 3}[e.rng.IntN(7)] // none: nothing changed since the last build
		for range edits {
			e.did = append(e.did, e.edit())
		}
		e.repair()
		if edits == 0 {
			e.did = append(e.did, "nothing changed")
		}
		pdf := withPDF[e.step]
		mistake, removeDist, noCache := e.rng.IntN(7) == 0, e.rng.IntN(10) == 0, e.rng.IntN(10) == 0
		if mistake {
			e.mistake(pdf)
		}
		tampered := e.rng.IntN(10) == 0
		if tampered {
			e.tamper()
		}
		if removeDist {
			if err := os.RemoveAll(e.dist); err != nil {
				t.Fatal(err)
			}
			e.did = append(e.did, "dist/ removed")
		}
		if noCache {
			e.did = append(e.did, "built with NoCache")
		}
		if pdf {
			e.did = append(e.did, "built with the PDFs")
		}

		start := time.Now()
		res, err := Build(context.Background(), Options{SiteDir: e.dir, OutDir: e.dist, Now: e.now, CacheDir: e.cache, NoPDF: !pdf, NoCache: noCache})
		inc := time.Since(start)
		if err != nil {
			e.fail("the build failed: %v %v", err, res.Diagnostics)
		}
		if edits == 0 && !mistake && !tampered && !removeDist && !noCache && trusted && lastPDF == pdf && !res.UpToDate {
			e.fail("nothing changed since the last build, which left a stamp, and the build did the work again")
		}
		// A build that found nothing changed did no work, so had nothing
		// to reuse: the check above is its test, not the one below.
		if trusted && !noCache && !removeDist && !res.UpToDate {
			could++
		}
		reused, kept, texts = reused+res.Reused, kept+res.Kept, texts+res.TextsCached
		start = time.Now()
		e.compare(res, pdf)
		t.Logf("step %d (built in %v, from nothing in %v): %s", e.step, inc.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), strings.Join(e.did, "; "))
		trusted, lastPDF = !noCache, pdf
		e.history = append(e.history, fmt.Sprintf("step %d: %s", e.step, strings.Join(e.did, "; ")))
	}
	t.Logf("%d builds could start from the last output: %d files reused, %d pages among them not rendered, %d texts not parsed", could, reused, kept, texts)
	if could > 0 && reused == 0 {
		e.fail("%d builds could start from the last output, and none reused a file", could)
	}
	if could > 0 && texts == 0 {
		e.fail("%d builds could start from the last output, and none took a text from it", could)
	}
}

// fail stops the sequence with a message that says how to get there.
func (e *editor) fail(format string, args ...any) {
	e.t.Helper()
	steps := append(slices.Clone(e.history), fmt.Sprintf("step %d: %s", e.step, strings.Join(e.did, "; ")))
	e.t.Fatalf("seed %d, step %d: %s\nthe steps (TRACT_EDIT_SEEDS=%d-%d runs them again):\n  %s",
		e.seed, e.step, fmt.Sprintf(format, args...), e.seed, e.seed, strings.Join(steps, "\n  "))
}

// compare builds the site from nothing and requires dist/ and the
// result res of the build into it to be the same as that build's.
func (e *editor) compare(res *Result, pdf bool) {
	e.t.Helper()
	fresh := filepath.Join(e.t.TempDir(), "dist")
	want, err := Build(context.Background(), Options{SiteDir: e.dir, OutDir: fresh, Now: e.now, NoCache: true, NoPDF: !pdf})
	if err != nil {
		e.fail("the build from nothing failed: %v %v", err, want.Diagnostics)
	}
	if diff := treeDiff(e.t, e.dist, fresh); diff != "" {
		e.fail("dist/ is not what a build from nothing makes:\n%s", diff)
	}
	if res.Files != want.Files || res.Pages != want.Pages || res.PDFs != want.PDFs {
		e.fail("the build counts %d files, %d pages and %d PDFs; a build from nothing %d, %d and %d",
			res.Files, res.Pages, res.PDFs, want.Files, want.Pages, want.PDFs)
	}
	if got, want := fmt.Sprint(res.Diagnostics), fmt.Sprint(want.Diagnostics); got != want {
		e.fail("the build reports\n  %s\na build from nothing\n  %s", got, want)
	}
}

// treeDiff describes how the trees at got and want differ, "" if they do
// not: the paths only one has, files and folders, and the files whose
// bytes or modes differ, with the first line that differs.
func treeDiff(t *testing.T, got, want string) string {
	t.Helper()
	extra, missing, changed := diffEntries(treeEntries(t, got), treeEntries(t, want))
	for i, p := range changed {
		if !strings.HasSuffix(p, ")") { // not a mode
			changed[i] = p + ": " + firstDifference(t, filepath.Join(got, p), filepath.Join(want, p))
		}
	}
	var out strings.Builder
	for _, l := range []struct {
		what  string
		paths []string
	}{{"not made by a build from nothing", extra}, {"missing", missing}, {"different", changed}} {
		if len(l.paths) == 0 {
			continue
		}
		fmt.Fprintf(&out, "  %d %s:\n", len(l.paths), l.what)
		for i, p := range l.paths {
			if i == 8 {
				fmt.Fprintf(&out, "    and %d more\n", len(l.paths)-i)
				break
			}
			fmt.Fprintf(&out, "    %s\n", p)
		}
	}
	return out.String()
}

// diffEntries compares two lists of treeEntries: the paths only got has,
// those only want has, and those in both whose bytes or modes differ
// (with the modes), each sorted.
func diffEntries(got, want map[string]treeEntry) (extra, missing, changed []string) {
	for p, a := range got {
		b, ok := want[p]
		switch {
		case !ok:
			extra = append(extra, p)
		case a.mode != b.mode:
			changed = append(changed, fmt.Sprintf("%s (mode %v, want %v)", p, a.mode, b.mode))
		case a.sum != b.sum:
			changed = append(changed, p)
		}
	}
	for p := range want {
		if _, ok := got[p]; !ok {
			missing = append(missing, p)
		}
	}
	slices.Sort(extra)
	slices.Sort(missing)
	slices.Sort(changed)
	return extra, missing, changed
}

type treeEntry struct {
	mode fs.FileMode
	sum  string // writtenSum: a calendar's DTSTAMP is the time of the build that first wrote it
}

// treeEntries lists the files and folders under dir (folders with a
// trailing slash), with their modes and the sums of the files.
func treeEntries(t *testing.T, dir string) map[string]treeEntry {
	t.Helper()
	out := map[string]treeEntry{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == "." {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel+"/"] = treeEntry{mode: info.Mode()}
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[rel] = treeEntry{mode: info.Mode(), sum: writtenSum(rel, data)}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

// firstDifference shows the first line where the files a and b differ.
func firstDifference(t *testing.T, a, b string) string {
	t.Helper()
	da, err1 := os.ReadFile(a)
	db, err2 := os.ReadFile(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	la, lb := bytes.Split(da, []byte("\n")), bytes.Split(db, []byte("\n"))
	for i := range max(len(la), len(lb)) {
		var x, y []byte
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if !bytes.Equal(x, y) {
			return fmt.Sprintf("%d and %d bytes; line %d is\n        %.200q\n      want\n        %.200q", len(da), len(db), i+1, x, y)
		}
	}
	return fmt.Sprintf("%d and %d bytes", len(da), len(db))
}

// The edits.

// edit makes one random edit that keeps the site valid, and says what it
// did.
func (e *editor) edit() string {
	edits := []struct {
		weight int
		do     func() string // "" when it does not apply to the site as it is
	}{
		// Most edits change what every page shows, and every page is
		// rendered again; those of a text alone keep the pages that do
		// not show it (see renderKeys).
		{20, e.editBody},
		{3, e.editTitle},
		{3, e.editTags},
		{3, e.editDate},
		{2, e.removeTranslation},
		{2, e.addTranslation},
		{2, e.addItem},
		{2, e.removeItem},
		{2, e.editTemplate},
		{2, e.editLocale},
		{2, e.editStatic},
		{2, e.editItemFile},
		{1, e.editConfig},
		{1, e.timePasses},
	}
	total := 0
	for _, ed := range edits {
		total += ed.weight
	}
	for {
		n := e.rng.IntN(total)
		for _, ed := range edits {
			if n -= ed.weight; n < 0 {
				if did := ed.do(); did != "" {
					return did
				}
				break
			}
		}
	}
}

// items lists the item folders, such as content/articles/item-0003.
func (e *editor) items() []string {
	var out []string
	for _, section := range content.Sections {
		entries, _ := os.ReadDir(filepath.Join(e.dir, "content", section))
		for _, en := range entries {
			if en.IsDir() {
				out = append(out, path.Join("content", section, en.Name()))
			}
		}
	}
	return out
}

// langs lists the languages an item has a text in.
func (e *editor) langs(item string) []string {
	var out []string
	for _, l := range []string{"en", "es", "fr"} {
		if e.exists(item + "/" + l + ".md") {
			out = append(out, l)
		}
	}
	return out
}

// original is the language of the item's text that is no translation.
func (e *editor) original(item string) string {
	for _, l := range e.langs(item) {
		front, _ := splitText(e.read(item + "/" + l + ".md"))
		if !strings.Contains(front, "\ntranslated_from:") {
			return l
		}
	}
	e.t.Fatalf("%s has no original", item)
	return ""
}

// texts lists every text, such as content/articles/item-0003/fr.md.
func (e *editor) texts() []string {
	var out []string
	for _, it := range e.items() {
		for _, l := range e.langs(it) {
			out = append(out, it+"/"+l+".md")
		}
	}
	return out
}

func (e *editor) exists(name string) bool {
	_, err := os.Stat(filepath.Join(e.dir, filepath.FromSlash(name)))
	return err == nil
}

func (e *editor) isDir(name string) bool {
	info, err := os.Stat(filepath.Join(e.dir, filepath.FromSlash(name)))
	return err == nil && info.IsDir()
}

func (e *editor) read(name string) string {
	data, err := os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(name)))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(data)
}

func (e *editor) write(name, data string) {
	if err := os.MkdirAll(filepath.Join(e.dir, filepath.Dir(filepath.FromSlash(name))), 0o755); err != nil {
		e.t.Fatal(err)
	}
	writeFile(e.t, e.dir, name, data)
}

func (e *editor) remove(name string) {
	if err := os.RemoveAll(filepath.Join(e.dir, filepath.FromSlash(name))); err != nil {
		e.t.Fatal(err)
	}
}

// filesUnder lists the files under the site's folder dir whose names
// keep accepts, as slash paths in the site.
func (e *editor) filesUnder(dir string, keep func(name string) bool) []string {
	var files []string
	_ = filepath.WalkDir(filepath.Join(e.dir, filepath.FromSlash(dir)), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && keep(d.Name()) {
			rel, _ := filepath.Rel(e.dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files
}

func pick[T any](e *editor, from []T) T { return from[e.rng.IntN(len(from))] }

// name returns a new name with the prefix given.
func (e *editor) name(prefix string) string {
	e.serial++
	return fmt.Sprintf("%s-%d", prefix, e.serial)
}

// splitText splits a text into its front matter, with the opening line,
// and its body, after the closing line.
func splitText(s string) (front, body string) {
	i := strings.Index(s[4:], "\n---\n")
	return s[:4+i+1], s[4+i+5:]
}

func joinText(front, body string) string { return front + "---\n" + body }

// setKey sets a key of front matter, or removes it when value is "".
func setKey(front, key, value string) string {
	re := regexp.MustCompile(`(?m)^` + key + `:.*\n`)
	line := ""
	if value != "" {
		line = key + ": " + value + "\n"
	}
	if re.MatchString(front) {
		return re.ReplaceAllLiteralString(front, line)
	}
	return front + line
}

// words returns n words of filler text.
func (e *editor) words(n int) string {
	pool := strings.Fields("rent wages repairs tenants workers strike picket union meeting landlord council housing solidarity leaflet hall march winter heating damp eviction contract hours")
	var w []string
	for range n {
		w = append(w, pick(e, pool))
	}
	return strings.Join(w, " ")
}

// capital starts s with a capital letter.
func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func (e *editor) editBody() string {
	text := pick(e, e.texts())
	front, body := splitText(e.read(text))
	blocks := strings.Split(strings.Trim(body, "\n"), "\n\n")
	at := e.rng.IntN(len(blocks) + 1)
	var what, block string
	switch e.rng.IntN(6) {
	case 0:
		if len(blocks) < 2 {
			return ""
		}
		at = e.rng.IntN(len(blocks))
		blocks = slices.Delete(blocks, at, at+1)
		what = fmt.Sprintf("removed block %d", at+1)
	case 1:
		what, block = "added a heading", "## "+capital(e.words(1+e.rng.IntN(4)))
	case 2:
		what, block = "added a list", fmt.Sprintf("- %s\n- %s\n- %s", e.words(2), e.words(3), e.words(1))
	case 3:
		target := pick(e, e.items())
		what = "added a link to " + target
		dest := fmt.Sprintf("../../%s/%s.md", strings.TrimPrefix(target, "content/"), e.original(target))
		if e.rng.IntN(2) == 0 {
			// To its first heading, or to one it lacks.
			id := e.words(1)
			if m := headingLine.FindStringSubmatch(e.read(target + "/" + e.original(target) + ".md")); m != nil {
				id = strings.ToLower(strings.ReplaceAll(m[1], " ", "-"))
			}
			dest += "#" + id
			what += "#" + id
		}
		block = fmt.Sprintf("See [%s](%s).", e.words(2), dest)
	default:
		what, block = "added a paragraph", capital(e.words(5+e.rng.IntN(60)))+"."
	}
	if block != "" {
		blocks = slices.Insert(blocks, at, block)
	}
	e.write(text, joinText(front, strings.Join(blocks, "\n\n")+"\n"))
	return text + ": " + what
}

func (e *editor) editTitle() string {
	text := pick(e, e.texts())
	front, body := splitText(e.read(text))
	title := strconv.Quote("Title " + e.words(1+e.rng.IntN(6)))
	e.write(text, joinText(setKey(front, "title", title), body))
	return text + ": title " + title
}

func (e *editor) editTags() string {
	item := pick(e, e.items())
	text := item + "/" + e.original(item) + ".md"
	front, body := splitText(e.read(text))
	pool := []string{"common", "tag-1", "tag-2", "rent", "wages", "new-" + strconv.Itoa(e.rng.IntN(4))}
	var tags []string
	for range e.rng.IntN(4) {
		if tag := pick(e, pool); !slices.Contains(tags, tag) {
			tags = append(tags, tag)
		}
	}
	value := ""
	if len(tags) > 0 {
		value = "[" + strings.Join(tags, ", ") + "]"
	}
	e.write(text, joinText(setKey(front, "tags", value), body))
	return fmt.Sprintf("%s: tags %v", text, tags)
}

// date returns a random date in 2025 or 2026.
func (e *editor) date() string {
	return fmt.Sprintf("%d-%02d-%02d", 2025+e.rng.IntN(2), 1+e.rng.IntN(12), 1+e.rng.IntN(28))
}

func (e *editor) editDate() string {
	item := pick(e, e.items())
	text := item + "/" + e.original(item) + ".md"
	front, body := splitText(e.read(text))
	key, value := "date", e.date()
	switch {
	case strings.HasPrefix(item, "content/events/"):
		key = "starts"
		value += fmt.Sprintf("T%02d:00:00+01:00", 8+e.rng.IntN(12))
		front = setKey(front, "ends", "") // it might end before it starts
	case e.rng.IntN(5) == 0:
		value = "" // an undated item: its PDF has the build's date
	}
	e.write(text, joinText(setKey(front, key, value), body))
	return fmt.Sprintf("%s: %s %q", text, key, value)
}

func (e *editor) removeTranslation() string {
	item := pick(e, e.items())
	var translations []string
	for _, l := range e.langs(item) {
		if l != e.original(item) {
			translations = append(translations, l)
		}
	}
	if len(translations) == 0 {
		return ""
	}
	text := item + "/" + pick(e, translations) + ".md"
	e.remove(text)
	return "removed " + text
}

func (e *editor) addTranslation() string {
	item := pick(e, e.items())
	var missing []string
	for _, l := range []string{"en", "es", "fr"} {
		if !e.exists(item + "/" + l + ".md") {
			missing = append(missing, l)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	orig := e.read(item + "/" + e.original(item) + ".md")
	_, body := splitText(orig)
	digest, state := "000000000000", "outdated"
	if e.rng.IntN(2) == 0 {
		d, err := content.DigestFile([]byte(orig))
		if err != nil {
			e.t.Fatal(err)
		}
		digest, state = d, "up to date"
	}
	lang := pick(e, missing)
	text := item + "/" + lang + ".md"
	e.write(text, fmt.Sprintf("---\ntitle: %q\ntranslated_from: %s@%s\n---\n%s", "Translated "+e.words(2), e.original(item), digest, body))
	return fmt.Sprintf("added %s (%s)", text, state)
}

func (e *editor) addItem() string {
	section := pick(e, content.Sections)
	item := "content/" + section + "/" + e.name("new")
	// An item may come back where one was removed: the last outputs
	// have its pages, made from other texts.
	if len(e.removed) > 0 && e.rng.IntN(3) == 0 {
		if again := pick(e, e.removed); !e.exists(again) {
			item, section = again, path.Base(path.Dir(again))
		}
	}
	lang := "en"
	if e.rng.IntN(4) == 0 {
		lang = pick(e, []string{"fr", "es"})
	}
	front := fmt.Sprintf("---\ntitle: %q\n", "New "+e.words(3))
	if section != "pages" || e.rng.IntN(2) == 0 {
		front += "date: " + e.date() + "\n"
	}
	if e.rng.IntN(2) == 0 {
		front += fmt.Sprintf("summary: %q\n", "About "+e.words(6))
	}
	if e.rng.IntN(2) == 0 {
		front += "tags: [common, " + e.words(1) + "]\n"
	}
	switch section {
	case "events":
		front += fmt.Sprintf("starts: %sT19:00:00+01:00\nvenue: %q\n", e.date(), "Hall "+e.words(1))
	case "bulletins":
		var articles []string
		for _, it := range e.items() {
			if strings.HasPrefix(it, "content/articles/") && e.rng.IntN(4) == 0 {
				articles = append(articles, path.Base(it))
			}
		}
		front += fmt.Sprintf("number: %d\narticles: [%s]\n", 100+e.serial, strings.Join(articles, ", "))
	case "leaflets":
		if e.rng.IntN(3) == 0 {
			front += "signatories: [\"" + e.words(2) + "\", \"" + e.words(1) + "\"]\n"
		}
	}
	var body strings.Builder
	for range 1 + e.rng.IntN(4) {
		fmt.Fprintf(&body, "\n%s.\n", e.words(10+e.rng.IntN(80)))
	}
	if e.rng.IntN(2) == 0 {
		target := pick(e, e.items())
		fmt.Fprintf(&body, "\nSee [%s](../../%s/%s.md).\n", e.words(2), strings.TrimPrefix(target, "content/"), e.original(target))
	}
	e.write(item+"/"+lang+".md", front+"---\n"+body.String())
	return "added " + item + "/" + lang + ".md"
}

func (e *editor) removeItem() string {
	items := e.items()
	if len(items) < 12 {
		return ""
	}
	item := pick(e, items)
	e.remove(item)
	e.removed = append(e.removed, item)
	return "removed " + item
}

// editTemplate edits, or removes, the site's own copy of one of tract's
// templates.
func (e *editor) editTemplate() string {
	spots := []struct {
		file, at string
		after    bool // the text goes after at, not before
	}{
		{"templates/item.html", `{{define "main"}}`, true},
		{"templates/layout.html", `</main>`, false},
		{"templates/layout.html", `<p>{{.Site.Title}}</p>`, false}, // in the shared footer
		{"templates/layout.html", `<article class="card"`, false},  // a card in a list
		{"templates/list.html", `{{define "main"}}`, true},
		{"templates/home.html", `{{define "main"}}`, true},
	}
	spot := pick(e, spots)
	if e.exists(spot.file) && e.rng.IntN(4) == 0 {
		e.remove(spot.file)
		return "removed " + spot.file
	}
	e.ownCopy(spot.file)
	data := e.read(spot.file)
	i := strings.Index(data, spot.at)
	if i < 0 {
		e.t.Fatalf("%s has no %q", spot.file, spot.at)
	}
	if spot.after {
		i += len(spot.at)
	}
	word := e.words(1)
	e.write(spot.file, data[:i]+"<b>"+word+"</b>"+data[i:])
	return fmt.Sprintf("%s: %q at %q", spot.file, word, spot.at)
}

// ownCopy gives the site a copy of tract's file name, unless it has one.
func (e *editor) ownCopy(name string) {
	if e.exists(name) {
		return
	}
	data, err := fs.ReadFile(tract.Defaults, name)
	if err != nil {
		e.t.Fatal(err)
	}
	e.write(name, string(data))
}

// editLocale changes a message of the site's own copy of a locale, or
// removes that copy.
func (e *editor) editLocale() string {
	file := "locales/" + pick(e, []string{"en", "fr", "es"}) + ".toml"
	if e.exists(file) && e.rng.IntN(4) == 0 {
		e.remove(file)
		return "removed " + file
	}
	e.ownCopy(file)
	data := e.read(file)
	// Plain messages only: no placeholders, no plural forms.
	re := regexp.MustCompile(`(?m)^(\w+) = "([^"{\\]*)"$`)
	lines := re.FindAllStringSubmatchIndex(data, -1)
	m := pick(e, lines)
	word := e.words(1)
	e.write(file, data[:m[5]]+" "+word+data[m[5]:])
	return fmt.Sprintf("%s: %s gets %q", file, data[m[2]:m[3]], word)
}

func (e *editor) editStatic() string {
	files := e.filesUnder("static", func(string) bool { return true })
	switch {
	case len(files) > 0 && e.rng.IntN(3) == 0:
		f := pick(e, files)
		e.remove(f)
		return "removed " + f
	case len(files) > 0 && e.rng.IntN(2) == 0:
		f := pick(e, files)
		e.write(f, e.words(5))
		return "changed " + f
	}
	// Some files go where others were: a file where there was a folder,
	// or one in the folder of an item's page.
	var f string
	switch e.rng.IntN(4) {
	case 0:
		f = "static/" + e.name("note") + ".txt"
	case 1:
		f = "static/files/" + e.name("note") + ".txt"
		if e.exists("static/files") && !e.isDir("static/files") {
			f = "static/files"
		}
	case 2:
		f = "static/files"
		if e.isDir("static/files") {
			f = "static/files/" + e.name("note") + ".txt"
		}
	default:
		item := pick(e, e.items())
		f = fmt.Sprintf("static/%s/%s/%s.txt", pick(e, []string{"en", "fr", "es"}), strings.TrimPrefix(item, "content/"), e.name("note"))
	}
	e.write(f, e.words(5))
	return "added " + f
}

// editItemFile adds, changes or removes a file beside an item's texts: a
// photograph the texts show, or a file to download.
func (e *editor) editItemFile() string {
	item := pick(e, e.items())
	files := e.filesUnder(item, func(name string) bool { return !slices.Contains([]string{"en.md", "fr.md", "es.md"}, name) })
	switch {
	case len(files) > 0 && e.rng.IntN(3) == 0:
		f := pick(e, files)
		e.remove(f) // repair removes the links to it
		return "removed " + f
	case len(files) > 0 && e.rng.IntN(2) == 0:
		f := pick(e, files)
		if strings.HasSuffix(f, ".jpg") {
			e.write(f, string(e.photo()))
		} else {
			e.write(f, e.words(4))
		}
		return "changed " + f
	}
	name, data := e.name("notes")+".txt", e.words(4)
	switch e.rng.IntN(5) {
	case 0, 1:
		name, data = e.name("photo")+".jpg", string(e.photo())
	case 2:
		name = "files/" + name
	case 3:
		name = e.name("notes") + ".md" // no language's text: a file like any other
	}
	e.write(item+"/"+name, data)
	if strings.HasSuffix(name, ".md") {
		return "added " + item + "/" + name // a link to it would be one to a text
	}
	text := pick(e, e.langs(item))
	link := fmt.Sprintf("[%s](%s)", e.words(2), name)
	if strings.HasSuffix(name, ".jpg") {
		link = fmt.Sprintf("![%s](%s %q)", e.words(2), name, e.words(3))
	}
	front, body := splitText(e.read(item + "/" + text + ".md"))
	e.write(item+"/"+text+".md", joinText(front, body+"\n"+link+"\n"))
	return fmt.Sprintf("added %s/%s, shown in %s.md", item, name, text)
}

// photo returns a JPEG photograph: some large enough to be resized.
func (e *editor) photo() []byte {
	return photo(e.t, pick(e, []int{200, 300, 520, 700, 1000}), 150+e.rng.IntN(200))
}

func (e *editor) editConfig() string {
	data := e.read("tract.toml")
	switch e.rng.IntN(3) {
	case 0:
		switch {
		case strings.Contains(data, `fallback = "hide"`):
			data = strings.Replace(data, `fallback = "hide"`, `fallback = "original"`, 1)
		case strings.Contains(data, `fallback = "original"`):
			data = strings.Replace(data, `fallback = "original"`, `fallback = "hide"`, 1)
		default:
			data = strings.Replace(data, "[title]", "fallback = \"hide\"\n[title]", 1)
		}
		e.write("tract.toml", data)
		return "tract.toml: fallback switched"
	case 1:
		paper := pick(e, []string{"a4", "letter", "a5"})
		data = regexp.MustCompile(`(?m)^paper = .*\n`).ReplaceAllString(data, "")
		e.write("tract.toml", strings.Replace(data, "[title]", "paper = \""+paper+"\"\n[title]", 1))
		return "tract.toml: paper " + paper
	}
	title := "Bulletin " + e.words(1)
	e.write("tract.toml", regexp.MustCompile(`(?m)^fr = .*$`).ReplaceAllString(data, "fr = "+strconv.Quote(title)))
	return "tract.toml: French title " + title
}

func (e *editor) timePasses() string {
	days := 1 + e.rng.IntN(40)
	e.now = e.now.Add(time.Duration(days) * 24 * time.Hour)
	return fmt.Sprintf("%d days passed", days)
}

// headingLine matches a heading as editBody writes it, and its text.
var headingLine = regexp.MustCompile(`(?m)^## (.+)$`)

// linkPattern matches a Markdown link or image: bang, text, destination,
// title.
var linkPattern = regexp.MustCompile(`(!?)\[([^\]]*)\]\(([^)\s]+)( "[^"]*")?\)`)

// repair keeps the site valid after the edits: a link to a text that is
// gone goes to its item's original instead, and one to an item or file
// that is gone becomes plain text (an image goes altogether); a bulletin
// lists only the articles still there.
func (e *editor) repair() {
	for _, text := range e.texts() {
		data := e.read(text)
		fixed := linkPattern.ReplaceAllStringFunc(data, func(m string) string {
			sub := linkPattern.FindStringSubmatch(m)
			dest, _, _ := strings.Cut(sub[3], "#") // a heading's fragment is tract's to check
			if strings.Contains(dest, ":") {
				return m
			}
			target := path.Join(path.Dir(text), dest)
			if e.exists(target) {
				return m
			}
			item := path.Dir(target)
			if strings.HasSuffix(target, ".md") && len(e.langs(item)) > 0 {
				return strings.Replace(m, dest, path.Join(path.Dir(dest), e.original(item)+".md"), 1)
			}
			if sub[1] == "!" {
				return ""
			}
			return sub[2]
		})
		if strings.HasPrefix(text, "content/bulletins/") {
			fixed = regexp.MustCompile(`(?m)^articles: \[(.*)\]$`).ReplaceAllStringFunc(fixed, func(line string) string {
				list := strings.TrimSuffix(strings.TrimPrefix(line, "articles: ["), "]")
				var kept []string
				for _, slug := range strings.Split(list, ", ") {
					if slug != "" && len(e.langs("content/articles/"+slug)) > 0 {
						kept = append(kept, slug)
					}
				}
				return "articles: [" + strings.Join(kept, ", ") + "]"
			})
		}
		if fixed != data {
			e.write(text, fixed)
		}
	}
}

// tamper changes dist/ by hand, as someone might by mistake. Its
// files share their inodes with the last outputs and the caches, so a
// file written in place is changed there too.
func (e *editor) tamper() {
	var files, dirs []string
	_ = filepath.WalkDir(e.dist, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != e.dist {
			rel, _ := filepath.Rel(e.dist, p)
			if d.IsDir() {
				dirs = append(dirs, rel)
			} else {
				files = append(files, rel)
			}
		}
		return nil
	})
	if len(files) == 0 {
		return
	}
	f := pick(e, files)
	var err error
	switch e.rng.IntN(5) {
	case 0:
		err = os.WriteFile(filepath.Join(e.dist, f), []byte(e.words(2)), 0o644) // in place
		e.did = append(e.did, "dist/: overwrote "+f)
	case 1:
		err = os.Remove(filepath.Join(e.dist, f))
		e.did = append(e.did, "dist/: removed "+f)
	case 2:
		d := pick(e, dirs)
		err = os.RemoveAll(filepath.Join(e.dist, d))
		e.did = append(e.did, "dist/: removed folder "+d)
	case 3: // a chmod keeps the file's size and time (see asWritten)
		err = os.Chmod(filepath.Join(e.dist, f), 0o600)
		e.did = append(e.did, "dist/: made private "+f)
	default:
		f = filepath.Join(pick(e, dirs), "stray.txt")
		err = os.WriteFile(filepath.Join(e.dist, f), []byte(e.words(2)), 0o644)
		e.did = append(e.did, "dist/: added "+f)
	}
	if err != nil {
		e.t.Fatal(err)
	}
}

// The mistakes.

// mistake makes a mistake that must fail the build (with the PDFs or
// not) and leave dist/ as it was, checks that it does, and undoes it.
func (e *editor) mistake(pdf bool) {
	var file, data, what string
	switch e.rng.IntN(3) {
	case 0: // found as the texts are parsed, when PDFs may be written
		file = pick(e, e.texts())
		data = e.read(file) + "\nSee [nothing](../../leaflets/no-such-item/en.md).\n"
		what = "a link to no item in " + file
	case 1: // found as the pages are rendered
		file = "templates/" + pick(e, []string{"home.html", "item.html", "list.html"})
		data = `{{template "base" .}}{{define "main"}}{{.NoSuchField}}{{end}}`
		what = file + " reads a field that does not exist"
	default: // found as static/ is copied, last
		file = "static/" + pick(e, []string{"sitemap.xml", "en/index.html", "assets/tract.css"})
		data = e.words(3)
		what = file + " replaces a file the build makes"
	}
	e.did = append(e.did, "failed on "+what+", undone")
	before, existed := []byte(nil), e.exists(file)
	if existed {
		before = []byte(e.read(file))
	}
	e.write(file, data)
	dist := treeEntries(e.t, e.dist)
	res, err := Build(context.Background(), Options{SiteDir: e.dir, OutDir: e.dist, Now: e.now, CacheDir: e.cache, NoPDF: !pdf})
	if err == nil {
		e.fail("%s: the build succeeded (%d files)", what, res.Files)
	}
	if extra, missing, changed := diffEntries(treeEntries(e.t, e.dist), dist); len(extra)+len(missing)+len(changed) > 0 {
		e.fail("%s: the build failed (%v) and changed dist/: new %v, gone %v, changed %v", what, err, extra, missing, changed)
	}
	if existed {
		e.write(file, string(before))
	} else {
		e.remove(file)
	}
}
