package tract

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// module is this module's path, the prefix of its packages' import paths.
const module = "github.com/tractpub/tract"

// forbidden holds STYLE.md's import rules as edges that must not exist.
// A rule on a package holds for its subpackages too (internal/pdf covers
// internal/pdf/layout), and a forbidden package stands for its
// subpackages (goldmark for goldmark/ast). Edges are checked on the
// packages' whole dependency graph, not only their direct imports: web
// reaching pdf through a third package breaks the rule as much.
var forbidden = []struct {
	from string
	to   []string
	why  string
}{
	{
		from: "internal/content",
		to:   []string{"github.com/yuin/goldmark", "third_party/fpdf", "internal/locale", "internal/markdown", "internal/web", "internal/pdf", "internal/build", "internal/serve", "internal/status"},
		why:  "content reads the sources and knows nothing of goldmark, fpdf or what is made from them",
	},
	{
		from: "internal/locale",
		to:   []string{"github.com/yuin/goldmark", "third_party/fpdf", "internal/content", "internal/markdown", "internal/web", "internal/pdf", "internal/build", "internal/serve", "internal/status"},
		why:  "locale reads locales/ beside content, the head of the data flow",
	},
	{
		from: "internal/markdown",
		to:   []string{"third_party/fpdf", "internal/web", "internal/pdf", "internal/build", "internal/serve", "internal/status"},
		why:  "markdown parses once into a Doc that web and pdf both render",
	},
	{
		from: "internal/web",
		to:   []string{"third_party/fpdf", "internal/pdf", "internal/build", "internal/serve", "internal/status"},
		why:  "web and pdf never import each other; build puts them together",
	},
	{
		from: "internal/pdf",
		to:   []string{"html/template", "internal/web", "internal/build", "internal/serve", "internal/status"},
		why:  "web and pdf never import each other; build puts them together",
	},
	{
		from: "internal/build",
		to:   []string{"internal/serve", "internal/status"},
		why:  "build is the last stage of the pipeline; serve and the commands use it",
	},
	// The small packages every stage may use: none builds on a stage.
	{from: "internal/diag", to: stages, why: "diag is below every stage"},
	{from: "internal/imaging", to: stages, why: "imaging is below every stage"},
	{from: "internal/layered", to: stages, why: "layered is below every stage"},
	{from: "internal/record", to: stages, why: "record is below every stage"},
	{from: "internal/search", to: stages, why: "search is below every stage"},
}

// stages are the packages of the pipeline and those built on it.
var stages = []string{"internal/content", "internal/locale", "internal/markdown", "internal/web", "internal/pdf", "internal/build", "internal/serve", "internal/status", "third_party/fpdf", "github.com/yuin/goldmark"}

// commandImports are the packages of this module that cmd/tract may
// import directly, each with the reason: STYLE has it import build and
// the few others a subcommand needs, and a new one is a decision to
// write down here, not a side effect.
var commandImports = map[string]string{
	"":                 "tract init and tract defaults copy the built-in files it embeds",
	"internal/build":   "tract build, check and pdf run the pipeline",
	"internal/content": "tract new and translate edit items; every command finds tract.toml",
	"internal/diag":    "every command prints diagnostics",
	"internal/locale":  "tract init copies the locale file of each language",
	"internal/pdf":     "tract pdf makes the PDFs of some items; build and check say which languages are not printed",
	"internal/serve":   "tract serve",
	"internal/status":  "tract status",
}

// under reports whether the import path p is pkg or one of its
// subpackages, pkg being a path in this module (internal/web) or any
// other (github.com/yuin/goldmark, html/template).
func under(p, pkg string) bool {
	if strings.HasPrefix(pkg, "internal/") || strings.HasPrefix(pkg, "third_party/") || strings.HasPrefix(pkg, "cmd/") {
		pkg = module + "/" + pkg
	}
	return p == pkg || strings.HasPrefix(p, pkg+"/")
}

// listed is what go list says of one package.
type listed struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

// listPackages runs go list on the module's internal/ and cmd/ packages
// and everything they depend on. GOPROXY=off keeps it off the network:
// what it needs is in the module cache once the tests have been built.
func listPackages(t *testing.T) map[string]listed {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Imports,Deps", "./internal/...", "./cmd/...")
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	pkgs := map[string]listed{}
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list's output: %v", err)
		}
		pkgs[p.ImportPath] = p
	}
	return pkgs
}

// TestPackagesImportOnlyThoseAboveThemInTheDataFlow holds the import rules
// of STYLE.md's layout (the table forbidden, and commandImports).
func TestPackagesImportOnlyThoseAboveThemInTheDataFlow(t *testing.T) {
	pkgs := listPackages(t)
	// A rule on a package that is no more would hold nothing.
	for _, r := range forbidden {
		if _, ok := pkgs[module+"/"+r.from]; !ok {
			t.Errorf("forbidden has a rule on %s, which go list does not find: update the table", r.from)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(pkgs)) {
		p := pkgs[path]
		for _, r := range forbidden {
			if !under(path, r.from) {
				continue
			}
			for _, to := range r.to {
				// The first dependency the rule forbids is enough to say:
				// goldmark/ast brings goldmark/text and others with it.
				if i := slices.IndexFunc(p.Deps, func(dep string) bool { return under(dep, to) }); i >= 0 {
					dep := p.Deps[i]
					t.Errorf("%s depends on %s (%s), and %s must not depend on %s: %s", path, dep, via(p, dep, pkgs), r.from, to, r.why)
				}
			}
		}
		if !under(path, "cmd/tract") {
			continue
		}
		for _, imp := range p.Imports {
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
			if _, ok := commandImports[rel]; !ok {
				t.Errorf("%s imports %s: cmd/tract imports build and the few others a subcommand needs (STYLE.md); if this one is needed, add it to commandImports with the reason", path, imp)
			}
		}
	}
}

// via says how p reaches dep, for the message: "imports it", or the
// chain of imports through which it does.
func via(p listed, dep string, pkgs map[string]listed) string {
	if slices.Contains(p.Imports, dep) {
		return "imports it"
	}
	// The shortest chain, breadth first.
	from := map[string]string{}
	queue := []string{p.ImportPath}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, imp := range pkgs[cur].Imports {
			if _, seen := from[imp]; seen || imp == p.ImportPath {
				continue
			}
			from[imp] = cur
			if imp == dep {
				var chain []string
				for q := from[dep]; q != p.ImportPath; q = from[q] {
					chain = append(chain, q)
				}
				slices.Reverse(chain)
				return "through " + strings.Join(chain, " -> ")
			}
			queue = append(queue, imp)
		}
	}
	return "indirectly"
}

// writers are the functions that write, create, rename or remove files.
var writers = map[string][]string{
	"os": {"WriteFile", "Create", "CreateTemp", "OpenFile", "Rename", "Mkdir", "MkdirAll", "MkdirTemp",
		"Remove", "RemoveAll", "Symlink", "Link", "Truncate", "Chmod", "Chtimes", "Chown", "Lchown", "CopyFS"},
	"io/ioutil": {"WriteFile", "TempFile", "TempDir"},
}

// mayWrite are the exceptions to "only build writes files", by folder
// (the whole package) or by file, each with the reason.
var mayWrite = map[string]string{
	"internal/build":         "the one writer of dist/ and of its cache",
	"internal/testsite":      "writes a test's txtar site into the test's temporary folder",
	"cmd/tract/new.go":       "tract new creates an item in content/",
	"cmd/tract/translate.go": "tract translate writes a new translation and records one done",
	"cmd/tract/init.go":      "tract init starts a site",
	"cmd/tract/defaults.go":  "tract defaults copies built-in files into the site",
	"cmd/tract/pdf.go":       "tract pdf writes the PDFs it was asked for where --out says (to move into build: review finding 5)",
	"cmd/tract/main.go":      "TRACT_CPUPROFILE and TRACT_TRACE write a profile where the user said",
	"cmd/tract/profile.go":   "TRACT_MEMPROFILE writes a heap profile where the user said",
}

// TestOnlyBuildWritesFiles finds every call that writes a file in the
// code (not the tests) of internal/ and cmd/, and fails on one outside
// build and the exceptions written down in mayWrite.
func TestOnlyBuildWritesFiles(t *testing.T) {
	fset := token.NewFileSet()
	for _, root := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				return nil
			}
			name = filepath.ToSlash(name)
			if _, ok := mayWrite[name]; ok {
				return nil
			}
			if _, ok := mayWrite[filepath.ToSlash(filepath.Dir(name))]; ok {
				return nil
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			for _, call := range writeCalls(f) {
				t.Errorf("%s: %s writes files, and only internal/build does (STYLE.md); if this is a command that edits the site, add the file to mayWrite with the reason", fset.Position(call.Pos()), call.name)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// writeCall is a use of one of writers in a file.
type writeCall struct {
	ast.Node
	name string // as the file spells it: os.WriteFile
}

// writeCalls returns the uses of writers in f: called or not, as a
// function value passed on writes as well.
func writeCalls(f *ast.File) []writeCall {
	local := map[string]string{} // the name a package has in f -> its path
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if _, ok := writers[path]; !ok {
			continue
		}
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		local[name] = path
	}
	var calls []writeCall
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		if path, ok := local[x.Name]; ok && slices.Contains(writers[path], sel.Sel.Name) {
			calls = append(calls, writeCall{sel, x.Name + "." + sel.Sel.Name})
		}
		return true
	})
	return calls
}
