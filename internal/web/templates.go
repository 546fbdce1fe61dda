package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/tractpub/tract"
	"github.com/tractpub/tract/internal/diag"
	"github.com/tractpub/tract/internal/locale"
)

// TemplateDir is the folder of HTML templates, in a site and in tract's defaults.
const TemplateDir = "templates"

// PageTemplates are the templates that render a whole page. Every other
// .html file in templates/ holds shared {{define}} blocks (the layout,
// partials) and is parsed with each of them.
var PageTemplates = []string{"home.html", "list.html", "item.html", "tags.html", "404.html", "root.html", "search.html"}

// Templates is the parsed template set, one clone per language with T and
// the date functions bound to that language.
type Templates struct {
	byLang map[string]map[string]*template.Template
	ids    []string
}

// MessageIDs are the message IDs the templates pass to T as literals; every
// locale must define them.
func (t *Templates) MessageIDs() []string { return t.ids }

// LoadTemplates parses templates/*.html from fsys (the site overlaid on
// tract's defaults) for every language of cat.
func LoadTemplates(fsys fs.FS, cat *locale.Catalog, diags *diag.List) *Templates {
	entries, err := fs.ReadDir(fsys, TemplateDir)
	if err != nil {
		diags.Errorf(TemplateDir, 0, "%v", err)
		return nil
	}
	// tract's own files first, then the site's others: a block the site
	// defines again in a file of its own ({{define "footer"}} in
	// templates/ours.html) replaces tract's whatever the file's name. In
	// the order of the folder, templates/aaa.html lost to layout.html.
	entries = append(slices.DeleteFunc(slices.Clone(entries), func(e fs.DirEntry) bool { return !builtinTemplate(e.Name()) }),
		slices.DeleteFunc(entries, func(e fs.DirEntry) bool { return builtinTemplate(e.Name()) })...)
	common := template.New("").Funcs(placeholderFuncs())
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || path.Ext(name) != ".html" || slices.Contains(PageTemplates, name) {
			continue
		}
		if !parseFile(common, fsys, name, diags) {
			return nil
		}
	}
	pages := map[string]*template.Template{}
	for _, name := range PageTemplates {
		t, err := common.Clone()
		if err != nil {
			diags.Errorf(path.Join(TemplateDir, name), 0, "%v", err)
			return nil
		}
		if !parseFile(t, fsys, name, diags) {
			return nil
		}
		pages[name] = t
	}
	out := &Templates{byLang: map[string]map[string]*template.Template{}}
	seen := map[string]bool{}
	for _, t := range pages {
		for _, tt := range t.Templates() {
			if tt.Tree != nil {
				collectIDs(tt.Tree.Root, seen)
			}
		}
	}
	for id := range seen {
		out.ids = append(out.ids, id)
	}
	slices.Sort(out.ids)
	for _, lang := range cat.Languages() {
		out.byLang[lang] = map[string]*template.Template{}
		loc := cat.Localizer(lang)
		for name, t := range pages {
			c, err := t.Clone()
			if err != nil {
				diags.Errorf(path.Join(TemplateDir, name), 0, "%v", err)
				return nil
			}
			out.byLang[lang][name] = c.Funcs(langFuncs(loc))
		}
	}
	return out
}

// builtinTemplate reports whether tract has a template file of that name.
func builtinTemplate(name string) bool {
	_, err := fs.Stat(tract.Defaults, path.Join(TemplateDir, name))
	return err == nil
}

func parseFile(t *template.Template, fsys fs.FS, name string, diags *diag.List) bool {
	p := path.Join(TemplateDir, name)
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		diags.Errorf(p, 0, "%v", err)
		return false
	}
	if _, err := t.New(name).Parse(string(data)); err != nil {
		// text/template errors read "template: name:line: message".
		msg := strings.TrimPrefix(err.Error(), "template: ")
		line := 0
		if rest, ok := strings.CutPrefix(msg, name+":"); ok {
			if n, after, ok := strings.Cut(rest, ":"); ok {
				fmt.Sscan(n, &line)
				msg = strings.TrimSpace(after)
			}
		}
		diags.Errorf(p, line, "%s", msg)
		return false
	}
	return true
}

// collectIDs finds every {{T "literal" ...}} in a template tree.
func collectIDs(n parse.Node, ids map[string]bool) {
	eachCommand(n, func(c *parse.CommandNode, _ bool) {
		if len(c.Args) >= 2 {
			if id, ok := c.Args[0].(*parse.IdentifierNode); ok && id.Ident == "T" {
				if s, ok := c.Args[1].(*parse.StringNode); ok {
					ids[s.Text] = true
				}
			}
		}
	})
}

// eachCommand calls fn for every command of a template tree, in the
// actions, the conditions and the arguments of other commands; first
// says whether the command starts its pipeline, or is given the value
// of the one before it as its last argument.
func eachCommand(n parse.Node, fn func(c *parse.CommandNode, first bool)) {
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return
		}
		for _, c := range x.Nodes {
			eachCommand(c, fn)
		}
	case *parse.ActionNode:
		eachCommand(x.Pipe, fn)
	case *parse.PipeNode:
		if x == nil {
			return
		}
		for i, c := range x.Cmds {
			fn(c, i == 0)
			for _, a := range c.Args {
				eachCommand(a, fn)
			}
		}
	case *parse.IfNode:
		eachBranch(&x.BranchNode, fn)
	case *parse.RangeNode:
		eachBranch(&x.BranchNode, fn)
	case *parse.WithNode:
		eachBranch(&x.BranchNode, fn)
	case *parse.TemplateNode:
		eachCommand(x.Pipe, fn)
	case *parse.ChainNode:
		eachCommand(x.Node, fn)
	}
}

func eachBranch(b *parse.BranchNode, fn func(c *parse.CommandNode, first bool)) {
	eachCommand(b.Pipe, fn)
	eachCommand(b.List, fn)
	eachCommand(b.ElseList, fn)
}

// FoldMessages puts the text of each message the templates ask for by
// its ID alone ({{T "SkipToContent"}}) in place of the call, in each
// language's templates: a call through reflection on every page for
// words that are the same on all of them. What replaces it is a string
// constant, which html/template escapes where it stands as it escaped
// what T returned. A message T cannot give is left as a call, to fail as
// it did. It is called once cat has every message it will have (see
// locale.Catalog.Require, which gives some in English), before a page
// is rendered.
func (t *Templates) FoldMessages(cat *locale.Catalog) {
	for lang, pages := range t.byLang {
		loc := cat.Localizer(lang)
		for _, page := range pages {
			foldMessages(page, loc)
		}
	}
}

// foldMessages folds the messages of t, a language's clone, and of the
// templates it holds: those of the first command of a pipeline only, as
// a later command is given the value piped to it as its last argument
// ({{.X | T "Key"}} is not T "Key").
func foldMessages(t *template.Template, loc *locale.Localizer) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			eachCommand(tt.Tree.Root, func(c *parse.CommandNode, first bool) {
				if first {
					foldCommand(c, loc)
				}
			})
		}
	}
}

// foldCommand makes c, if it is T "literal", the message's text.
func foldCommand(c *parse.CommandNode, loc *locale.Localizer) {
	if len(c.Args) != 2 {
		return
	}
	id, ok := c.Args[0].(*parse.IdentifierNode)
	key, isString := c.Args[1].(*parse.StringNode)
	if !ok || id.Ident != "T" || !isString {
		return
	}
	text, err := loc.T(key.Text)
	if err != nil {
		return
	}
	c.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: key.Pos, Quoted: strconv.Quote(text), Text: text}}
}

// placeholderFuncs lets the shared templates parse; each language's clone
// rebinds them.
func placeholderFuncs() template.FuncMap {
	return langFuncs(nil)
}

func langFuncs(loc *locale.Localizer) template.FuncMap {
	return template.FuncMap{
		// T renders a UI message: {{T "ReadMore"}}, {{T "Signatories" 12}},
		// {{T "NotTranslated" "Language" .LangName}}.
		"T": func(id string, args ...any) (string, error) {
			if loc == nil {
				return "", fmt.Errorf("T called outside a language")
			}
			return loc.T(id, args...)
		},
		// shared renders a part of the layout every page of a language
		// shows alike, once for many pages: {{shared "footer" .}}.
		"shared": shared,
		// dir is the direction of a language, for an element in another
		// language than the page's: <p lang="en" dir="{{dir "en"}}">. A
		// language's lang alone leaves English inside an Arabic page
		// laid out right to left, its full stop at its start.
		"dir": func(lang string) string {
			if loc == nil {
				return "ltr"
			}
			return loc.Catalog().Dir(lang)
		},
	}
}
