package gogen

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// A resource plan cross-references its parts by index: a table names the
// index of its parent, a stored column list holds column indexes, a row key
// the index of its stored column; the flatten code orders reference values
// by the index of their site. The resource file declares every index as a
// named constant, counted with iota in one block per index space, and the
// plan literal and the flatten code use the names:
//
//	Key: edfiClassPeriodMeetingTimeStoredCollectionItemId,
//
// instead of `Key: 0`. A column added to a table then adds one line to
// its block and to the lists that hold it; the indexes after it change
// value without changing text, so a golden diff stays about the column.

// indexSpace is one block of index constants.
type indexSpace struct {
	doc   string
	names []string // in index order
}

// planIndexes are the index constants of one resource plan and the plan
// fields written with them.
type planIndexes struct {
	spaces []indexSpace
	// fields maps a literal path to the code written for it; lists are
	// those of fields whose code spans several lines.
	fields map[string]jen.Code
	lists  map[string]bool
}

// resourceIndexes names the indexes of r's plan. root is the literal path
// of r and variable the Go name of its plan.
func resourceIndexes(r *spec.Resource, root, variable string) (*planIndexes, error) {
	p := &planIndexes{fields: map[string]jen.Code{}, lists: map[string]bool{}}
	ix := &indexer{r: r, variable: variable}
	if err := ix.name(); err != nil {
		return nil, err
	}
	p.spaces = ix.spaces

	in := func(path string, names []string, i int) (jen.Code, error) {
		if i < 0 || i >= len(names) {
			return nil, fmt.Errorf("%s: index %d is out of range", path, i)
		}
		return jen.Id(names[i]), nil
	}
	set := func(path string, names []string, i int) error {
		if i < 0 {
			return nil // none
		}
		c, err := in(path, names, i)
		if err == nil {
			p.fields[path] = c
		}
		return err
	}
	list := func(path string, names []string, is []int, multi bool) error {
		if is == nil {
			return nil
		}
		items := make([]jen.Code, len(is))
		for k, i := range is {
			c, err := in(fmt.Sprintf("%s[%d]", path, k), names, i)
			if err != nil {
				return err
			}
			items[k] = c
		}
		p.fields[path] = jen.Index().Int().Custom(jen.Options{Open: "{", Close: "}", Separator: ",", Multi: multi}, items...)
		p.lists[path] = multi
		return nil
	}

	// The literal carries, of the plan's indexes, the tables' parents and
	// the write plan's stored columns (see emittedAway).
	for i, t := range r.Tables {
		if err := set(fmt.Sprintf("%s.Tables[%d].Parent", root, i), ix.tables, t.Parent); err != nil {
			return nil, err
		}
	}
	if w := r.Write; w != nil {
		for i, tw := range w.Tables {
			at := fmt.Sprintf("%s.Write.Tables[%d]", root, i)
			stored := ix.storedOf(i)
			err := errorsOf(
				list(at+".Stored", ix.columnsOf(i), tw.Stored, true),
				set(at+".Key", stored, tw.Key),
				set(at+".ParentKey", stored, tw.ParentKey),
				set(at+".Ordinal", stored, tw.Ordinal),
				list(at+".Semantic", stored, tw.Semantic, false),
			)
			if err != nil {
				return nil, err
			}
		}
	}
	return p, nil
}

// errorsOf returns the first non-nil error.
func errorsOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// indexer names the index spaces of one resource plan.
type indexer struct {
	r        *spec.Resource
	variable string
	spaces   []indexSpace
	// tables names the read tables (for a relational resource, the
	// resource's tables); columns and stored the indexes within each
	// table; references the write plan's references (the flatten code
	// names its reference sites with them).
	tables          []string
	columns, stored [][]string
	references      []string
}

func (ix *indexer) columnsOf(t int) []string { return at(ix.columns, t) }
func (ix *indexer) storedOf(t int) []string  { return at(ix.stored, t) }

func at(lists [][]string, i int) []string {
	if i < 0 || i >= len(lists) {
		return nil
	}
	return lists[i]
}

// name picks every constant name and lays out the blocks: the tables,
// then per table its columns and stored columns, then the references. The flatten code (flatten.go) uses the same names.
func (ix *indexer) name() error {
	r := ix.r
	var owners, labels []string
	if len(r.Tables) > 0 {
		for _, t := range r.Tables {
			owners = append(owners, unexported(identifier(t.Schema)+identifier(t.Name)))
			labels = append(labels, t.Schema+"."+t.Name)
		}
	} else if r.Read != nil && len(r.Read.Tables) > 0 {
		// A descriptor reads one table, dms.Descriptor.
		owners, labels = []string{ix.variable}, []string{"dms.Descriptor"}
	}
	for _, owner := range owners {
		ix.tables = append(ix.tables, owner+"Table")
	}
	if len(r.Tables) > 0 {
		ix.add(fmt.Sprintf("Indexes of the tables of %s (Resource.Tables, and ReadPlan.Tables parallel to them).", ix.variable), ix.tables)
	} else {
		ix.add(fmt.Sprintf("Index of the one table the reads of the descriptor %s select from (ReadPlan.Tables).", ix.variable), ix.tables)
	}
	ix.columns = make([][]string, len(owners))
	ix.stored = make([][]string, len(owners))
	for i, owner := range owners {
		if i < len(r.Tables) {
			t := r.Tables[i]
			for _, c := range t.Columns {
				ix.columns[i] = append(ix.columns[i], owner+"Column"+identifier(c.Name))
			}
			ix.add("Indexes of the columns of "+labels[i]+" (Table.Columns).", ix.columns[i])
			if r.Write != nil && i < len(r.Write.Tables) {
				for _, ci := range r.Write.Tables[i].Stored {
					if ci < 0 || ci >= len(t.Columns) {
						return fmt.Errorf("%s: stored column %d is out of range", labels[i], ci)
					}
					ix.stored[i] = append(ix.stored[i], owner+"Stored"+identifier(t.Columns[ci].Name))
				}
				ix.add("Indexes of the stored columns of "+labels[i]+" (TableWrite.Stored): the values of a flattened row and the parameters of its Insert and Update, in order.", ix.stored[i])
			}
		}
	}
	if r.Write != nil {
		for _, ref := range r.Write.References {
			if ref.Table < 0 || ref.Table >= len(owners) {
				return fmt.Errorf("reference %v: table %d is out of range", ref.ObjectSteps, ref.Table)
			}
			ix.references = append(ix.references, owners[ref.Table]+"Ref"+stepsIdent(ref.ObjectSteps))
		}
		ix.add(fmt.Sprintf("Indexes of the document references of %s (WritePlan.References as compiled): the Site of their values in a FlatDoc.", ix.variable), ix.references)
	}
	seen := map[string]bool{}
	for _, sp := range ix.spaces {
		for _, n := range sp.names {
			if !token.IsIdentifier(n) || seen[n] {
				return fmt.Errorf("the index constant name %q is not a unique Go identifier", n)
			}
			seen[n] = true
		}
	}
	return nil
}

func (ix *indexer) add(doc string, names []string) {
	if len(names) > 0 {
		ix.spaces = append(ix.spaces, indexSpace{doc: doc, names: names})
	}
}

// stepsIdent names a reference by the JSON steps of its object,
// "schoolReference" → "SchoolReference".
func stepsIdent(steps []string) string {
	var b strings.Builder
	for _, s := range steps {
		id := identifier(s)
		if id == "" {
			continue
		}
		b.WriteString(strings.ToUpper(id[:1]) + id[1:])
	}
	return b.String()
}

// nameIndexes makes the plan literal write the indexed fields by name.
func (l *literals) nameIndexes(p *planIndexes) {
	if l.override == nil {
		l.override = map[string]jen.Code{}
	}
	if l.lists == nil {
		l.lists = map[string]bool{}
	}
	for path, c := range p.fields {
		l.override[path] = c
		if p.lists[path] {
			l.lists[path] = true
		}
	}
}

// declareIndexes declares the index constants of f, one iota block per
// index space.
func declareIndexes(f *jen.File, p *planIndexes) {
	for _, s := range p.spaces {
		f.Line()
		for _, line := range wrapComment(s.doc, 77) {
			f.Comment(line)
		}
		defs := make([]jen.Code, len(s.names))
		for i, n := range s.names {
			defs[i] = jen.Id(n)
			if i == 0 {
				defs[i] = jen.Id(n).Op("=").Iota()
			}
		}
		f.Const().Defs(defs...)
	}
}

// indexNames lists every constant of p, for the package-wide collision
// check.
func (p *planIndexes) indexNames() []string {
	var out []string
	for _, s := range p.spaces {
		out = append(out, s.names...)
	}
	return out
}
