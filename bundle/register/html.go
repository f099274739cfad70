package register

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/stridegate/stridegate/bundle/exceptions"
	"github.com/stridegate/stridegate/bundle/output"
)

//go:embed register.html.tmpl
var htmlTemplate string

var pageTemplate = template.Must(template.New("register").Funcs(template.FuncMap{
	"lower":    strings.ToLower,
	"upper":    strings.ToUpper,
	"slug":     slug,
	"location": output.Location,
	"dash":     dash,
	"note":     exceptions.Note,
}).Parse(htmlTemplate))

// statusColors are the chart and badge colours of each status.
var statusColors = map[string]string{
	StatusOpen:        "#c62828",
	StatusAccepted:    "#ef6c00",
	StatusMitigated:   "#2e7d32",
	StatusNotAssessed: "#9e9e9e",
}

func slug(s string) string { return strings.ReplaceAll(strings.ToLower(s), " ", "-") }

// chartSegment is one coloured part of a bar of the severity chart.
type chartSegment struct {
	Status string
	Color  string
	Count  int
	X, Y   int
	W      int
}

// chartBar is one risk rating's bar: its threats split by status.
type chartBar struct {
	Rating   string
	Y        int
	TotalX   int
	Total    int
	Segments []chartSegment
}

// chart lays out the inline SVG severity chart: one bar per risk rating, split by status.
type chart struct {
	Width, Height, LabelWidth int
	Bars                      []chartBar
	Legend                    []chartSegment
}

const (
	chartBarWidth  = 420
	chartBarHeight = 26
	chartLabel     = 80
)

func buildChart(r Register) chart {
	counts := map[string]map[string]int{}
	max := 1
	for _, rating := range Ratings {
		counts[rating] = map[string]int{}
	}
	totals := map[string]int{}
	for _, t := range r.Threats {
		if counts[t.Rating] == nil {
			continue
		}
		counts[t.Rating][t.Status]++
		totals[t.Rating]++
		if totals[t.Rating] > max {
			max = totals[t.Rating]
		}
	}
	c := chart{Width: chartLabel + chartBarWidth + 40, LabelWidth: chartLabel}
	for i, rating := range Ratings {
		bar := chartBar{Rating: rating, Y: 10 + i*(chartBarHeight+10), Total: totals[rating]}
		x := chartLabel
		for _, s := range Statuses {
			n := counts[rating][s]
			if n == 0 {
				continue
			}
			w := n * chartBarWidth / max
			bar.Segments = append(bar.Segments, chartSegment{Status: s, Color: statusColors[s], Count: n, X: x, Y: bar.Y, W: w})
			x += w
		}
		bar.TotalX = x + 6
		c.Bars = append(c.Bars, bar)
	}
	legendY := 10 + len(Ratings)*(chartBarHeight+10)
	for i, s := range Statuses {
		c.Legend = append(c.Legend, chartSegment{Status: s, Color: statusColors[s], X: chartLabel + i*110, Y: legendY, W: 12})
	}
	c.Height = legendY + 24
	return c
}

type htmlPage struct {
	Register
	Chart  chart
	Colors map[string]string
}

func writeHTML(w io.Writer, r Register) error {
	if err := pageTemplate.Execute(w, htmlPage{Register: r, Chart: buildChart(r), Colors: statusColors}); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}
