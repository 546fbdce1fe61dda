package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"

	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/imaging"
	"github.com/tractpub/tract/internal/layered"
)

// ContentDir is the folder of items inside a site.
const ContentDir = "content"

var (
	slugRE     = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_-]*$`)
	langFileRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\.md$`)
)

// Load reads tract.toml and every item under content/ from fsys (rooted at
// the site directory). Every problem goes to diags; the returned site holds
// whatever could be read, so one run reports every mistake. Load returns
// nil only when tract.toml itself is unusable.
func Load(fsys fs.FS, diags *diag.List) *Site { return LoadWith(fsys, diags, nil) }

// LoadWith is Load, taking from memo, if not nil, what decoding a
// variant file gave a build before, and giving it what it decodes.
func LoadWith(fsys fs.FS, diags *diag.List, memo Memo) *Site {
	data, err := readLimited(fsys, ConfigFile, 1<<20)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(ConfigFile, 0, "not found: is this a tract site? (a site needs tract.toml and content/): run tract in the site's folder or one inside it, give the site with --site DIR, or start one with tract init DIR")
		} else {
			diags.Errorf(ConfigFile, 0, "%v", err)
		}
		return nil
	}
	if line, msg := notText(data, ConfigFile); line > 0 {
		diags.Errorf(ConfigFile, line, "%s", msg)
		return nil
	}
	cfg := ParseConfig(NormalizeNewlines(data), diags)
	if cfg == nil || len(cfg.Languages) == 0 {
		return nil
	}
	s := &Site{Config: cfg}
	s.loadItems(fsys, diags, memo)
	s.link(diags)
	if len(s.Items) == 0 && !diags.HasErrors() {
		// Valid, but rarely meant: a build would publish a site without
		// a page of its own over the last one.
		diags.Warnf(ContentDir, 0, "no item: the site has nothing to publish (tract new leaflets SLUG starts one)")
	}
	return s
}

func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if st, err := f.Stat(); err == nil && st.Size() > limit {
		return nil, fmt.Errorf("%s (max_file_size_mb in tract.toml)", tooLarge(st.Size(), limit))
	} else if err == nil {
		size = st.Size() + 1 // the final read finds the end
	}
	// A buffer of the file's size, not io.ReadAll's doubling one: the
	// build keeps every variant's bytes, and the slack would be a third
	// more.
	data := make([]byte, 0, size)
	r := io.LimitReader(f, limit+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file is larger than the limit of %d MB (max_file_size_mb in tract.toml)", limit>>20)
	}
	return data, nil
}

// variantRead is a variant file found by the walk, read while the walk
// goes on.
type variantRead struct {
	it         *Item
	lang, path string
	v          *Variant
}

// loadItems walks content/ and reads every variant and asset. The walk
// finds the files; the variants are read and decoded on every core as
// they are found.
func (s *Site) loadItems(fsys fs.FS, diags *diag.List, memo Memo) {
	var reads []*variantRead
	// The variants are read as the walk finds them (see ReadEach): the
	// walk took a tenth of the load on its own (120 ms of 560 at 3,000
	// items, with the files in the system's cache).
	read, readAll := ReadEach(func(r *variantRead) {
		r.v = s.readVariant(fsys, r.it, r.lang, r.path, diags, memo)
	})
	lower := map[string]string{} // lowercased key -> first key seen, for case-only duplicates
	keys := map[string]*Item{}
	dirs := newPrefetchDirs(fsys)
	err := fs.WalkDir(dirs, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(p, 0, "cannot read: %v", unwrapPath(err))
			return nil
		}
		name := d.Name()
		if p != ContentDir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && systemFile(name) {
			return nil
		}
		parts := strings.Split(p, "/")
		if d.IsDir() {
			switch len(parts) {
			case 2:
				if !slices.Contains(Sections, name) {
					diags.Errorf(p, 0, "%s", UnknownSection(name))
					return fs.SkipDir
				}
			case 3:
				key := parts[1] + "/" + name
				if len(name) > MaxFolderName {
					diags.Errorf(p, 0, "folder name is %d bytes long: a file name may be 255 bytes long, and the names of this item's PDFs add up to %d bytes to it: shorten it (tract new takes 80 at most)", len(name), 255-MaxFolderName)
					return fs.SkipDir
				}
				if !slugRE.MatchString(name) {
					if nfc := norm.NFC.String(name); nfc != name && slugRE.MatchString(nfc) {
						// "grève" written as e and a combining accent, as
						// macOS's older disks store names: the same to the
						// eye, another address to a web server.
						diags.Errorf(p, 0, "folder name %q has its accents written as separate marks (as old Mac disks store names): rename the folder, typing the name again, so that it is %q in composed form", name, nfc)
					} else {
						msg := fmt.Sprintf("folder name %q is not a usable slug: use letters, digits and hyphens", name)
						if strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
							msg += "; rename the folder " + SuggestSlug(name) + ", for instance" // "Rent Strike": rent-strike
						}
						diags.Errorf(p, 0, "%s", msg)
					}
					return fs.SkipDir
				}
				if low := strings.ToLower(name); low != name {
					// Web servers tell capitals from small letters: a
					// reader typing the address printed on a leaflet
					// in small letters would find nothing.
					diags.Warnf(p, 0, "folder name %q has capital letters, and so has its address (%s/%s/): a reader who types the address printed on its PDFs in small letters finds nothing; rename the folder %s", name, parts[1], name, low)
				}
				if first, dup := lower[strings.ToLower(key)]; dup {
					diags.Errorf(p, 0, "%s and %s differ only in case; on many systems and web hosts they are the same address: rename one", ContentDir+"/"+first, p)
					return fs.SkipDir
				}
				lower[strings.ToLower(key)] = key
				it := &Item{Section: parts[1], Slug: name, Dir: p, Variants: map[string]*Variant{}}
				keys[key] = it
				s.Items = append(s.Items, it)
			}
			return nil
		}
		if p == ContentDir {
			diags.Errorf(p, 0, "%s is a file: the items go in a folder named %s", p, ContentDir)
			return nil
		}
		if d.Type()&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0 {
			diags.Errorf(p, 0, "%v: remove it from the site", ErrNotRegular)
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if msg := linkProblem(fsys, p); msg != "" {
				diags.Errorf(p, 0, "%s", msg)
				if it := keys[strings.Join(parts[1:min(3, len(parts))], "/")]; it != nil && len(parts) >= 4 {
					// A text showing it is not also told it does not exist.
					it.refused = append(it.refused, strings.Join(parts[3:], "/"))
				}
				return nil
			}
		}
		if len(parts) < 4 {
			if len(parts) == 3 && strings.HasPrefix(name, "_index.") && strings.HasSuffix(name, ".md") {
				diags.Errorf(p, 0, "tract makes each section's list itself: remove %s (a Hugo section page), or make it an item of pages", name)
			} else if len(parts) == 3 && strings.HasSuffix(name, ".md") {
				diags.Errorf(p, 0, "a variant must be inside an item folder: %s/<slug>/<lang>.md", path.Dir(p))
			} else if len(parts) > 1 {
				diags.Errorf(p, 0, "files belong inside an item folder: %s/<section>/<slug>/", ContentDir)
			}
			return nil
		}
		it := keys[parts[1]+"/"+parts[2]]
		if it == nil {
			return nil // its folder was refused above
		}
		it.entries++
		if leftover(name) {
			diags.Warnf(p, 0, "%s looks like what an editor or a system leaves behind (a backup, a copy of an old version): it is not published; remove it, or rename it if it should be", name)
			return nil
		}
		if lang := copiedVariant(name, s.Config.Languages); lang != "" && len(parts) == 4 {
			diags.Warnf(p, 0, "%s looks like a copy of %s.md, such as a download or a synchronised folder makes: it is not published; remove it, or compare it with %s.md first if it may hold changes of its own", name, lang, lang)
			return nil
		}
		if lang, ext := misnamedVariant(name, s.Config.Languages); lang != "" && len(parts) == 4 {
			diags.Errorf(p, 0, "%s looks like %s.md saved under another name (Windows hides endings such as %s): rename it %s.md; until then tract neither reads it nor counts it as a text of the item", name, lang, ext, lang)
			it.files++ // a text, misnamed: not an item without any
			return nil
		}
		rel := strings.Join(parts[3:], "/")
		if len(parts) == 4 && langFileRE.MatchString(name) {
			it.files++
			lang := strings.TrimSuffix(name, ".md")
			if !slices.Contains(s.Config.Languages, lang) {
				if l := regionalVariant(name, s.Config.Languages); l != "" {
					diags.Errorf(p, 0, "%s", regionalMessage(name, l, s.Config.Languages))
					return nil
				}
				diags.Errorf(p, 0, "language %q is not in tract.toml's languages (%s)", lang, diag.Or(s.Config.Languages))
				return nil
			}
			r := &variantRead{it: it, lang: lang, path: p}
			reads = append(reads, r)
			read(r)
			return nil
		}
		if markdownFile(name) {
			// Not a variant: never published, since notes, drafts and
			// old versions are what editors keep beside a text. EN.md,
			// fr_FR.md, spanish.md are variants misnamed, whose text
			// would be lost: errors.
			if len(parts) == 4 {
				lang := strings.ToLower(name[:len(name)-len(path.Ext(name))])
				if want := lang + ".md"; langFileRE.MatchString(want) && slices.Contains(s.Config.Languages, lang) {
					diags.Errorf(p, 0, "variant files are named in lower case: rename %s to %s", name, want)
					return nil
				}
				if bundle := hugoBundleLang(name, s.Config); bundle != "" {
					diags.Errorf(p, 0, "%s is a Hugo page bundle's text: rename it %s.md", name, bundle)
					return nil
				}
				if l := regionalVariant(name, s.Config.Languages); l != "" {
					it.files++ // a text, misnamed: not an item without any
					diags.Errorf(p, 0, "%s", regionalMessage(name, l, s.Config.Languages))
					return nil
				}
				if l := languageNamed(lang, s.Config.Languages); l != "" {
					// spanish.md, español.md: a translation, whose text
					// would be counted missing.
					diags.Errorf(p, 0, "%s is named after a language: a text in it is named %s.md; rename it", name, l)
					return nil
				}
				diags.Warnf(p, 0, "%s is not published: an item's texts are named after their language (%s), and tract publishes no other Markdown file; if it is the item's text in one of them, rename it so (%s); if it holds notes or a draft, move it out of content/", name, variantNames(s.Config.Languages), renameExample(s.Config))
				return nil
			}
			diags.Warnf(p, 0, "%s is not published: tract reads an item's texts only from the item's own folder, %s, not from a folder inside it, and publishes no other Markdown file; if it is the item's text, move it up into %s; if it holds notes or an old version, move it out of content/", rel, it.Dir, it.Dir)
			return nil
		}
		if msg := unpublishable(rel); msg != "" {
			diags.Errorf(p, 0, "%s", msg)
			it.refused = append(it.refused, rel)
			return nil
		}
		if st, err := fs.Stat(fsys, p); err == nil && st.Size() > s.Config.MaxAssetSize() {
			diags.Errorf(p, 0, "%s for files beside the text (%d × max_file_size_mb in tract.toml)", tooLarge(st.Size(), s.Config.MaxAssetSize()), AssetFactor)
			it.refused = append(it.refused, rel)
			return nil
		}
		it.Assets = append(it.Assets, rel)
		return nil
	})
	if err != nil {
		diags.Errorf(ContentDir, 0, "%v", unwrapPath(err))
	}
	dirs.close()
	s.byKey = layered.Of(keys)
	readAll()
	for _, r := range reads {
		if r.v != nil {
			r.it.Variants[r.lang] = r.v
		} else {
			r.it.unreadable = append(r.it.unreadable, r.lang)
		}
	}
}

// maxLinks is the longest chain of symbolic links tract follows, as
// Linux does: a longer one is most likely a loop.
const maxLinks = 40

// linkProblem says why tract does not read the symbolic link at the
// slash path p in content/ like the file it points to, or "" when it
// does. A link in content/ may lead, directly or through other such
// links, only to a file inside content/, and never to a hidden file or
// through a hidden folder (a name starting with a dot): a link is sent
// as content as easily as a picture, and one to .git/config (which holds
// a CI token after a checkout) or to .env would publish it. os.Root
// refuses links that leave the site; this also refuses those that stay in
// it. The links are resolved here, one by one, without following any: a
// link's text is read, joined to its folder (folders already known to be
// real ones, not links) and checked before the next step. Nor are links
// followed into folders: a folder's files would be published twice, or
// forever through a link to a folder above.
func linkProblem(fsys fs.FS, p string) string {
	const (
		copyIt = "copy the file into the item's folder instead of linking to it"
		then   = ", a link to "
	)
	cur := p
	var texts []string // the links' texts, one after the other
	for range maxLinks {
		text, err := fs.ReadLink(fsys, cur)
		if err != nil {
			return fmt.Sprintf("symbolic link that cannot be read: %v: %s", unwrapPath(err), copyIt)
		}
		target := filepath.ToSlash(text)
		texts = append(texts, target)
		to := strings.Join(texts, then)
		if filepath.IsAbs(text) || path.IsAbs(target) || filepath.VolumeName(text) != "" {
			return fmt.Sprintf("symbolic link to %s, a path from the computer's top folder: tract follows only links to a file in content/, written from the link's folder (../other-item/photo.jpg); %s", to, copyIt)
		}
		next, through, ok := followText(fsys, path.Dir(cur), target)
		if !ok {
			return fmt.Sprintf("symbolic link to %s, outside the site's folder: tract follows only links to a file in content/; %s", to, copyIt)
		}
		if through != "" {
			return fmt.Sprintf("symbolic link to %s, which is %s, through %s, which is not a folder but a link or a file: tract follows only links to a file in content/, and no link to a folder; %s", to, path.Join(path.Dir(cur), target), through, copyIt)
		}
		if next == "." {
			return fmt.Sprintf("symbolic link to %s, the site's folder: tract follows links to files only; %s", to, copyIt)
		}
		if next != ContentDir && !strings.HasPrefix(next, ContentDir+"/") {
			return fmt.Sprintf("symbolic link to %s, which is %s, outside content/: tract follows only links to a file in content/, so that no other file of the site's folder (such as .git/config, or .env) is published; %s", to, next, copyIt)
		}
		// The folders on the way are real ones (followText looked at
		// those the text names; the link's own are): none may be hidden.
		if slices.ContainsFunc(strings.Split(next, "/")[1:], func(part string) bool { return strings.HasPrefix(part, ".") }) {
			return fmt.Sprintf("symbolic link to %s, which is %s, a hidden file or in a hidden folder (a name starting with a dot), which tract never publishes; %s", to, next, copyIt)
		}
		st, err := fs.Lstat(fsys, next)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Sprintf("symbolic link to %s, which is %s, and does not exist: %s, or remove the link", to, next, strings.TrimSuffix(copyIt, " instead of linking to it"))
		case err != nil:
			return fmt.Sprintf("symbolic link to %s, which cannot be read: %v: %s", to, unwrapPath(err), copyIt)
		case st.Mode()&fs.ModeSymlink != 0:
			cur = next
			continue
		case st.IsDir():
			return fmt.Sprintf("symbolic link to %s, a folder: tract follows links to files only; copy the folder, or link each file", to)
		case !st.Mode().IsRegular():
			return fmt.Sprintf("symbolic link to %s, something %v: remove it from the site", to, ErrNotRegular)
		}
		return ""
	}
	// The chain is named up to where it comes back: a loop of two links
	// named each twenty times.
	for i, t := range texts {
		if slices.Contains(texts[:i], t) {
			return fmt.Sprintf("symbolic link to %s, and so on: a loop of links: %s", strings.Join(texts[:i+1], then), copyIt)
		}
	}
	return fmt.Sprintf("symbolic link to %s: more than %d links one after another, most likely a loop: %s", strings.Join(texts, then), maxLinks, copyIt)
}

// followText returns the slash path a link's text leads to from dir, a
// real folder of the site, as the system follows it: a name at a time,
// each folder on the way before the ".." after it. So path.Join, which
// takes "x/.." away unread, cannot be told one thing while the system
// does another: with x a link to a folder outside content/, "x/../f.csv"
// is that folder's parent's f.csv, not dir's. A name followed by more of
// the text must be a real folder; through names the first that is not,
// and ok is false when the text leaves the site's folder.
func followText(fsys fs.FS, dir, text string) (p, through string, ok bool) {
	segs := strings.Split(text, "/")
	last := len(segs) - 1
	for last > 0 && (segs[last] == "" || segs[last] == ".") {
		last-- // "photo.jpg/" or "a/." name their last folder
	}
	for i, seg := range segs[:last+1] {
		switch {
		case seg == "" || seg == ".":
			continue
		case seg == "..":
			if dir == "." {
				return "", "", false
			}
			dir = path.Dir(dir)
			continue
		}
		dir = path.Join(dir, seg)
		if i == last {
			break
		}
		if st, err := fs.Lstat(fsys, dir); err != nil || !st.IsDir() {
			return "", dir, true
		}
	}
	return dir, "", true
}

// MaxFolderName is the longest item folder name tract takes, in bytes: a
// PDF's file name adds "-<lang>-half-letter-2up-letter.pdf" to it, and a
// file name may have 255 bytes on the common file systems.
const MaxFolderName = 200

// publishedTypes are the kinds of file tract publishes from an item's
// folder, by extension, besides the pictures tract reads (see
// imaging.IsImage): what organisations attach to a text. Markdown is not
// here: a Markdown file that is not a variant is most often notes or a
// draft, no one else's to read (see Load). Anything else is refused:
// a file beside a text comes from anyone who may send content, and a
// browser or a web host may run what is not on this list as the site's
// own (an XML file, .xhtm, .xsd, a .php5 program, a kind nobody thought
// of). Nothing whose type ends in +xml (SVG, KML, GPX, RSS, Atom) is here:
// a browser runs the scripts of any XML document.
var publishedTypes = map[string]bool{
	// documents
	".pdf": true, ".odt": true, ".ods": true, ".odp": true, ".doc": true, ".docx": true,
	".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".rtf": true, ".txt": true,
	".csv": true, ".epub": true, ".odg": true, ".pages": true, ".numbers": true,
	// archives (.tar.gz ends in .gz)
	".zip": true, ".7z": true, ".gz": true, ".tgz": true,
	// sound and video
	".mp3": true, ".ogg": true, ".oga": true, ".opus": true, ".m4a": true, ".wav": true,
	".flac": true, ".aac": true, ".amr": true, ".mp4": true, ".webm": true, ".ogv": true,
	".m4v": true, ".mov": true, ".mkv": true, ".avi": true,
	// contact cards and calendars
	".vcf": true, ".ics": true,
}

// otherPictures are kinds of picture tract does not read, which an
// editor means to show: told how to save them as a kind it reads, not to
// zip them.
var otherPictures = map[string]string{
	".heic": "an iPhone's photo (HEIC), which most browsers cannot show",
	".heif": "a HEIF photo, which most browsers cannot show",
	".avif": "an AVIF picture, which older phones' browsers cannot show",
	".tif":  "a TIFF picture, which browsers cannot show",
	".tiff": "a TIFF picture, which browsers cannot show",
	".bmp":  "a BMP picture, many times the size of the same as JPEG or PNG",
	".jfif": "a JPEG picture named .jfif (as Windows names some pictures saved from a browser)",
	".jpe":  "a JPEG picture named .jpe",
}

// pictureAdvice says how to make a picture of kind ext one tract reads.
func pictureAdvice(ext string) string {
	switch ext {
	case ".jfif", ".jpe":
		return "rename it with .jpg at the end"
	case ".heic", ".heif":
		return "open it and export it as JPEG (an iPhone saves photos as JPEG from the start with Settings › Camera › Formats › Most Compatible)"
	}
	return "open it in a picture editor and save it as JPEG (a photograph) or PNG (a drawing)"
}

// publishedKinds says, for an editor, which kinds publishedTypes holds.
const publishedKinds = "pictures (JPEG, PNG, GIF, WebP), documents (PDF, office files, RTF, TXT, CSV, EPUB), archives (ZIP, 7z, gzip), sound, video, contact cards (VCF) and calendars (ICS)"

// activeTypes are kinds of file a browser or a web server runs rather
// than shows, told apart so that the error says what to do instead.
// Programs are refused wherever their extension is in a name
// (x.php.jpg): some web hosts run any file whose name holds .php.
var activeTypes = map[string]string{
	".html": "page", ".htm": "page", ".xhtml": "page", ".xhtm": "page", ".xht": "page",
	".mht": "page", ".mhtml": "page", ".xml": "page", ".xsl": "page", ".xslt": "page",
	".xsd": "page", ".xbl": "page", ".xul": "page", ".rss": "page", ".atom": "page",
	".rdf": "page", ".kml": "page", ".gpx": "page", ".mml": "page",
	".js": "script", ".mjs": "script", ".cjs": "script", ".wasm": "script",
	".svg": "picture", ".svgz": "picture",
	".php": "program", ".php3": "program", ".php4": "program", ".php5": "program",
	".php7": "program", ".php8": "program", ".phps": "program", ".pht": "program",
	".phtm": "program", ".phtml": "program", ".phar": "program", ".shtml": "program",
	".shtm": "program", ".stm": "program", ".cgi": "program", ".fcgi": "program",
	".pl": "program", ".py": "program", ".rb": "program", ".sh": "program",
	".asp": "program", ".aspx": "program", ".ashx": "program", ".asmx": "program",
	".jsp": "program", ".jspx": "program", ".cfm": "program", ".cfml": "program",
}

// activeExt returns the first extension in name, a file's name in small
// letters, that activeTypes lists, and its kind: the last one, or any
// other but the first part of the name ("x.php.jpg"; "x.svg.gz", which
// some web hosts serve as an SVG), each up to a semicolon ("x.asp;.jpg").
// A part starting with php or pht counts as a program too
// ("x.php-old.jpg", "x.pht2.png"): web hosts often match those loosely.
func activeExt(name string) (ext, kind string) {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		// IIS 6 ran "x.asp;.jpg" as ASP.
		parts[i], _, _ = strings.Cut(p, ";")
	}
	for _, p := range parts[1:] {
		if k := activeTypes["."+p]; k != "" {
			return "." + p, k
		}
	}
	for _, p := range parts[1:] {
		for _, prog := range []string{"php", "pht"} {
			if strings.HasPrefix(p, prog) {
				return "." + prog, "program"
			}
		}
	}
	return "", ""
}

// unpublishable says why the file rel (a slash path in an item's folder)
// is not published, or "" when it is: a file not of a kind
// publishedTypes lists, one with the extension of a page, script or
// program anywhere in its name (see activeTypes), or one named like the
// smaller copies tract makes of pictures, which go beside it in the
// item's files folder and could replace it. The item's page, PDFs and
// calendar go in each language's folder, apart from its files (see
// Item.FilesPath): a file may share their names.
func unpublishable(rel string) string {
	name := path.Base(rel)
	if !utf8.ValidString(rel) {
		// From an old zip or an old system, in Latin-1 or another
		// encoding: no address can name it, and Go's fs cannot open it.
		return fmt.Sprintf("%s: its name is not written in UTF-8, as an old program, or a zip file made on an old system, may write the accents of names: a web address cannot name it; rename it, typing its name again", name)
	}
	if trimmed := strings.TrimSpace(name); trimmed != name && trimmed != "" {
		// "es.md ", as a file manager lets a name be typed: the space
		// does not show, and the text is not taken for the item's.
		return fmt.Sprintf("%q: its name begins or ends with a space, which no one sees: rename it %s", name, trimmed)
	}
	lower := strings.ToLower(rel)
	ext := path.Ext(lower)
	switch active, kind := activeExt(strings.ToLower(name)); kind {
	case "picture":
		return fmt.Sprintf("%s: an SVG picture may hold a script, which would run as the site's own when the picture is opened: export it as PNG, or ask whoever looks after the site to put it in static/, which is theirs to check", name)
	case "program":
		if active != ext {
			return fmt.Sprintf("%s: many web hosts run a file with %s anywhere in its name as a program: tract does not publish one from content/; rename it without %s", name, active, active)
		}
		return fmt.Sprintf("%s: many web hosts run %s files as programs: tract does not publish one from content/; put it in a zip file to offer it for download", name, ext)
	case "page", "script":
		if active != ext {
			return fmt.Sprintf("%s: some web hosts serve it as a %s file, whose scripts a browser runs as the site's own: tract does not publish one from content/; rename it without %s", name, active, active)
		}
		return fmt.Sprintf("%s: a browser runs the scripts a %s file may hold as the site's own, so tract does not publish one from content/: write the text as a variant, or ask whoever looks after the site to put the file in static/, which is theirs to check", name, ext)
	}
	switch {
	case ext == "" || ext == ".":
		return fmt.Sprintf("%s has no ending such as .pdf or .jpg, so neither a web host nor a browser can tell what it is: add the ending of its kind, or put it in a zip file to offer it for download; tract publishes from content/ only %s", name, publishedKinds)
	case otherPictures[ext] != "":
		return fmt.Sprintf("%s: %s; tract shows pictures saved as JPEG, PNG, GIF or WebP: %s", name, otherPictures[ext], pictureAdvice(ext))
	case !publishedTypes[ext] && !imaging.IsImage(name):
		return fmt.Sprintf("%s: tract publishes from content/ only %s, not %s files: put it in a zip file to offer it for download", name, publishedKinds, ext)
	}
	if imaging.IsImage(name) && !strings.EqualFold(path.Ext(name), ".gif") { // a GIF has no copies
		// The copies' names add "-1600w" and may change the extension to ".jpg" or ".png".
		longest := fmt.Sprintf("-%dw.jpg", imaging.Widths[len(imaging.Widths)-1]) // or .png
		if n := len(strings.TrimSuffix(name, path.Ext(name))) + len(longest); n > 255 {
			return fmt.Sprintf("%s: a picture's name may be %d bytes long at most, since the smaller copies tract makes of it add to it (%s), and a file name may be 255 bytes long: shorten it", name, 255-len(longest)+len(path.Ext(name)), longest)
		}
	}
	for _, w := range imaging.Widths {
		if strings.Contains(strings.ToLower(name), fmt.Sprintf("-%dw.", w)) {
			return fmt.Sprintf("%s has a name like those of the smaller copies tract makes of pictures (-%dw), and could replace one: rename it", name, w)
		}
	}
	return ""
}

// systemFile reports whether a file's name is that of a file a system or
// an editor makes on its own, which its user does not see, and which tract
// passes over wherever it is, as it passes over names beginning with a
// dot: Windows' thumbnails and folder settings (Thumbs.db, desktop.ini),
// a Mac folder's icon ("Icon" and a carriage return), Word's lock files
// (~$letter.docx) and Emacs's unsaved drafts (#en.md#).
func systemFile(name string) bool {
	switch strings.ToLower(name) {
	case "thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r":
		return true
	}
	return strings.HasPrefix(name, "~$") || len(name) > 2 && name[0] == '#' && name[len(name)-1] == '#'
}

// leftover reports whether a file's name is that of a file editors leave
// behind: a backup (en.md~, en.md.orig, .bak, .swp). Published as they
// were, they put an old draft on the web.
func leftover(name string) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(name, "~") {
		return true
	}
	for _, ext := range []string{".orig", ".bak", ".swp", ".swo", ".tmp", ".rej"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

// copySuffix matches what downloads, file managers and synchronised
// folders add to the name of a copy, in English, French and Spanish:
// "en (1).md", "en copy.md", "fr - Copie.md", "es copia 2.md",
// "en (another copy).md", "en (Jo's conflicted copy 2026-03-01).md",
// "en.sync-conflict-20260301-101010-ABCDEFG.md".
var copySuffix = regexp.MustCompile(`(?i)^(.+?)(?: \(\d+\)|(?: -)? (?:copy|copie|copia)(?: \d+| \(\d+\))?| \([^)]*(?:copy|copie|copia|conflict)[^)]*\)|\.sync-conflict-[0-9a-z-]+)\.md$`)

// siteLang is the language of langs that lang names, whatever its case
// ("pt-br" is "pt-BR"), or "".
func siteLang(lang string, langs []string) string {
	for _, l := range langs {
		if strings.EqualFold(l, lang) {
			return l
		}
	}
	return ""
}

// copiedVariant is the language whose variant file the Markdown file name
// is a copy of ("en (1).md" is en.md's), or "".
func copiedVariant(name string, langs []string) string {
	m := copySuffix.FindStringSubmatch(name)
	if m == nil {
		return ""
	}
	return siteLang(strings.TrimSuffix(strings.ToLower(m[1]), ".md"), langs)
}

// misnamedVariant is the language and the extra ending of a variant file
// saved under another extension: "fr.md.txt" (Notepad adds .txt, and
// Windows hides it), "fr.txt", "es.markdown"; "" when name is none.
func misnamedVariant(name string, langs []string) (lang, ext string) {
	lower := strings.ToLower(name)
	for _, e := range []string{".md.txt", ".txt", ".markdown", ".mdown", ".mkd", ".md.md", ".text"} {
		if l, ok := strings.CutSuffix(lower, e); ok {
			if lang := siteLang(l, langs); lang != "" {
				return lang, name[len(l):]
			}
		}
	}
	return "", ""
}

// hugoBundleLang is the variant name a Hugo page bundle's text should
// have: "en" for index.md (the default language), "fr" for index.fr.md;
// "" for any other name.
func hugoBundleLang(name string, cfg *Config) string {
	switch rest, ok := strings.CutPrefix(strings.ToLower(name), "index."); {
	case !ok:
		return ""
	case rest == "md":
		return cfg.DefaultLanguage
	case strings.HasSuffix(rest, ".md") && slices.Contains(cfg.Languages, strings.TrimSuffix(rest, ".md")):
		return strings.TrimSuffix(rest, ".md")
	}
	return ""
}

// markdownFile reports whether name is that of a Markdown file, which is
// a variant or is not published.
func markdownFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn":
		return true
	}
	return false
}

// regionRE matches a language and a region, as systems name locales:
// fr_FR, fr-FR, pt_br, es-419.
var regionRE = regexp.MustCompile(`^([A-Za-z]{2,3})[-_]([A-Za-z]{2}|[0-9]{3})$`)

// regionalVariant is the language of langs that the Markdown file name
// is the text of, named after the language and a region ("fr_FR.md",
// "fr-FR.md", "pt_BR.md" for pt-BR), or "".
func regionalVariant(name string, langs []string) string {
	base := strings.TrimSuffix(name, path.Ext(name))
	m := regionRE.FindStringSubmatch(base)
	if m == nil {
		return ""
	}
	if l := siteLang(m[1]+"-"+m[2], langs); l != "" {
		return l
	}
	return siteLang(m[1], langs)
}

// regionalMessage is the error about name, lang's text named after a
// region too (see regionalVariant).
func regionalMessage(name, lang string, langs []string) string {
	return fmt.Sprintf("%s is named after a language and a region: an item's texts are named after one of tract.toml's languages (%s): rename it %s.md; until then tract neither reads it nor counts it as a text of the item", name, diag.Or(langs), lang)
}

// renameExample says which name an item's text in another language than
// the default one has: "fr.md for the French text".
func renameExample(cfg *Config) string {
	l := cfg.DefaultLanguage
	for _, o := range cfg.Languages {
		if o != cfg.DefaultLanguage {
			l = o
			break
		}
	}
	if n := display.English.Languages().Name(language.Make(l)); n != "" {
		return l + ".md for the " + n + " text"
	}
	return l + ".md for the text in " + l
}

// variantNames lists the variant files of languages: "en.md, fr.md or es.md".
func variantNames(languages []string) string {
	names := make([]string, len(languages))
	for i, l := range languages {
		names[i] = l + ".md"
	}
	return diag.Or(names)
}

// tooLarge says how far size is over limit, both in bytes: in MB to a
// tenth, or in bytes where a tenth of a MB would hide the difference.
func tooLarge(size, limit int64) string {
	mb := math.Round(float64(size)*10/(1<<20)) / 10
	if mb*(1<<20) <= float64(limit) {
		return fmt.Sprintf("file is %d bytes, more than the limit of %d bytes", size, limit)
	}
	return fmt.Sprintf("file is %s MB, more than the limit of %d MB", strconv.FormatFloat(mb, 'f', 1, 64), limit>>20)
}

// unwrapPath drops the repeated path from an fs.PathError.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (s *Site) readVariant(fsys fs.FS, it *Item, lang, p string, diags *diag.List, memo Memo) *Variant {
	data, err := readLimited(fsys, p, s.Config.MaxFileSize())
	if err != nil {
		diags.Errorf(p, 0, "%v", unwrapPath(err))
		return nil
	}
	var (
		fm     *FrontMatter
		digest string
		keep   func(*FrontMatter, string)
	)
	if memo != nil {
		// Bytes remembered were read without error before: they are
		// valid UTF-8, and only split needs doing again.
		fm, digest, keep = memo.Recall(p, data)
	}
	if fm == nil {
		if line, msg := notText(data, ".md"); line > 0 {
			diags.Errorf(p, line, "%s", msg)
			return nil
		}
	}
	data = NormalizeNewlines(data)
	src, perr := split(data)
	if perr != nil {
		diags.Errorf(p, perr.line, "%s", perr.msg)
		return nil
	}
	if fm == nil {
		var errs []posError
		fm, errs = parseFrontMatter(src)
		for _, e := range errs {
			diags.Errorf(p, e.line, "%s", e.msg)
		}
		syntax := len(errs) == 1 && strings.Contains(errs[0].msg, "not valid YAML") ||
			slices.ContainsFunc(errs, func(e posError) bool { return e.unread })
		titled := fm.Title != "" || fm.Has("title") || syntax ||
			slices.ContainsFunc(errs, func(e posError) bool { return e.meant == "title" })
		if !titled {
			line := 1
			if !src.hasFront {
				if bytes.HasPrefix(src.body, []byte("+++")) {
					diags.Errorf(p, line, "front matter between +++ lines is TOML, as Hugo writes it: tract reads YAML, between --- lines (title = \"Rent\" becomes title: \"Rent\")")
				} else if trimmed := bytes.TrimLeft(src.body, " \t\n"); len(trimmed) < len(src.body) && isFence(bytes.SplitN(trimmed, []byte("\n"), 2)[0]) {
					diags.Errorf(p, line, "no front matter: the file must start with its --- line, and blank lines come before it: remove them")
				} else if bytes.HasPrefix(src.body, []byte("—")) || bytes.HasPrefix(src.body, []byte("–")) {
					diags.Errorf(p, line, "no front matter: the file starts with a dash (— or –) that a keyboard made of ---: the front matter starts and ends with three hyphens, ---; turn off smart punctuation, or type them again")
				} else if len(bytes.TrimSpace(src.body)) == 0 {
					diags.Errorf(p, line, "the file is empty: write its front matter (---, a title: line and ---) and its text, or remove it")
				} else {
					diags.Errorf(p, line, "no front matter: start the file with ---, a title: line and ---")
				}
			} else {
				diags.Errorf(p, line, "title is missing")
			}
		}
		if len(errs) > 0 {
			return nil
		}
		digest = Digest(fm.Title, fm.Summary, src.body)
		if keep != nil && titled {
			keep(fm, digest)
		}
	}
	// After the digest, which is of the text as written: cleaning it
	// outdates no translation.
	fm, src.body = cleanVariant(p, fm, src.body, src.bodyLine, diags)
	if fm.Title != "" && strings.TrimSpace(fm.Title) == "" {
		// Only control characters: nothing to show in any list.
		diags.Errorf(p, fm.Line["title"], "the title holds nothing but control characters: write the title")
	}
	if src.hasFront && len(bytes.TrimSpace(src.body)) == 0 && it.Section != "events" && it.Section != "bulletins" {
		diags.Errorf(p, src.bodyLine-1, "no text after the front matter: write the %s below this line", strings.TrimSuffix(it.Section, "s"))
	}
	if left := placeholdersLeft(fm, src.body); len(left) > 0 {
		line := fm.Line[left[0]]
		if left[0] == "text" {
			line = src.bodyLine
		}
		verb := "hold"
		if len(left) == 1 {
			verb = "holds"
		}
		diags.Warnf(p, line, "the %s still %s the placeholder tract new wrote: write your own before publishing", diag.And(left), verb)
	}
	return &Variant{Item: it, Lang: lang, Path: p, Front: fm, Body: src.body, BodyLine: src.bodyLine, Digest: digest,
		paragraphs: paragraphsOf(src.body)}
}

// languageNamed returns the one of langs that name, a file's name
// without .md, names in English or in the language itself, accents
// aside ("spanish", "espanol", "Français"); "" for none.
func languageNamed(name string, langs []string) string {
	fold := func(s string) string { return foldAccents(strings.ToLower(s)) }
	name = fold(name)
	for _, l := range langs {
		tag, err := language.Parse(l)
		if err != nil {
			continue
		}
		if n := display.English.Languages().Name(tag); n != "" && fold(n) == name {
			return l
		}
		if n := display.Self.Name(tag); n != "" && fold(n) == name {
			return l
		}
	}
	return ""
}
