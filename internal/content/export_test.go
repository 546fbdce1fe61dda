package content

// ParagraphsOf is paragraphsOf, for the benchmark in package content_test,
// which may use the bench corpus (it imports this package).
func ParagraphsOf(body []byte) int { return len(paragraphsOf(body)) }
