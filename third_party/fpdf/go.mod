module codeberg.org/go-pdf/fpdf

go 1.25.0

require (
	github.com/klauspost/compress v1.20.4
	golang.org/x/image v0.47.0 // tests only: patches 16 and 18 read subsets back
)
