package layout

import (
	"github.com/tractpub/tract/internal/pdf/hyphen"
	"github.com/tractpub/tract/internal/pdf/typeset"
)

// beside analyses a document's paragraphs (typeset.Prepare) on a second
// goroutine while the builder reads the document (Spec.Beside): the
// builder hands each paragraph over, empty, and reads on; when it has
// read the whole document it analyses what is left itself, alongside,
// and waits. The analysis is most of a preparation, and a document's
// paragraphs are analysed apart from one another. The warnings of a
// paragraph handed over (the characters the fonts lack) are put where
// the builder would have put them.
type beside struct {
	jobs chan besideJob
	done chan struct{}
	// panicked is what the goroutine's analysis panicked with: raised
	// again on the builder's, where the caller recovers it.
	panicked any
	late     []lateWarning
}

type besideJob struct {
	p    *typeset.Paragraph // filled by the analysis
	runs []typeset.Run
	hyph *hyphen.Hyphenator
}

// lateWarning is where the warnings of a paragraph handed over go: at
// warnings[at], from the file from, at line.
type lateWarning struct {
	at   int
	from string
	line int
	p    *typeset.Paragraph
}

// besideQueue is how many paragraphs the builder may hand over ahead of
// the analysis; beyond, it analyses the next one itself.
const besideQueue = 256

func newBeside() *beside {
	s := &beside{jobs: make(chan besideJob, besideQueue), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		defer func() { s.panicked = recover() }()
		s.work()
	}()
	return s
}

// work analyses the paragraphs handed over until there are no more.
func (s *beside) work() {
	for j := range s.jobs {
		*j.p = *typeset.Prepare(j.runs, j.hyph)
	}
}

// analyse returns the paragraph of runs, analysed, or to be analysed by
// the time finish returns.
func (s *beside) analyse(runs []typeset.Run, hyph *hyphen.Hyphenator) (p *typeset.Paragraph, later bool) {
	if len(s.jobs) == cap(s.jobs) { // the goroutine is behind: this one here
		return typeset.Prepare(runs, hyph), false
	}
	p = new(typeset.Paragraph)
	s.jobs <- besideJob{p: p, runs: runs, hyph: hyph} // only the builder sends
	return p, true
}

// finish analyses the paragraphs not yet taken, alongside the goroutine,
// waits for it, and puts the late warnings in their place in b.
func (s *beside) finish(b *builder) {
	close(s.jobs)
	s.work()
	<-s.done
	if s.panicked != nil {
		panic(s.panicked)
	}
	if len(s.late) == 0 {
		return
	}
	read, from := b.warnings, b.from
	b.warnings = make([]Warning, 0, len(read)+len(s.late))
	late := s.late
	for i := 0; i <= len(read); i++ {
		for ; len(late) > 0 && late[0].at == i; late = late[1:] {
			b.from = late[0].from
			b.warnReplaced(late[0].line, late[0].p.Replacements())
		}
		if i < len(read) {
			b.warnings = append(b.warnings, read[i])
		}
	}
	b.from = from
}
