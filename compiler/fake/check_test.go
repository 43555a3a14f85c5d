package fake

import (
	"bufio"
	"bytes"
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// checker validates a generated NDJSON file independently of the
// generator's choices: every body against its resource's effective
// jsonSchemaForInsert and the ApiSchema facts (decimal precision, array
// uniqueness, equality constraints), every reference and descriptor value
// against the documents earlier in the file, and identity uniqueness. It
// reads the facts from the raw ApiSchema; only the extension merge (which
// produces the effective schema) is shared with the generator.
type checker struct {
	model *model
	// raw resource schemas of each concrete resource, with the raw
	// resource extension schemas merged into it listed after it.
	raw map[*resource][]*jsonx.Value
	// earlier documents by (projectName, resourceName).
	earlier map[qualifiedName][]*jsonx.Value
	// descriptor URIs by (projectName, resourceName).
	uris        map[qualifiedName]map[string]bool
	identities  map[string]bool
	problems    []string
	perResource map[*resource]int
}

func newChecker(t *testing.T, set *load.SchemaSet) *checker {
	t.Helper()
	m, err := buildModel(set)
	if err != nil {
		t.Fatal(err)
	}
	c := &checker{model: m, raw: map[*resource][]*jsonx.Value{}, earlier: map[qualifiedName][]*jsonx.Value{},
		uris: map[qualifiedName]map[string]bool{}, identities: map[string]bool{}, perResource: map[*resource]int{}}
	for _, p := range set.Projects {
		for _, mem := range p.Schema.Get("resourceSchemas").Members {
			name := qualifiedName{p.ProjectName, mem.Value.Get("resourceName").Text}
			if mem.Value.Get("isResourceExtension").BoolOr(false) {
				name.project = set.Core().ProjectName
			}
			r := m.byName[name]
			c.raw[r] = append(c.raw[r], mem.Value)
		}
	}
	return c
}

func (c *checker) problem(format string, args ...any) {
	if len(c.problems) < 50 {
		c.problems = append(c.problems, fmt.Sprintf(format, args...))
	}
}

func (c *checker) checkFile(data []byte) int {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	n := 0
	for sc.Scan() {
		n++
		line, err := jsonx.Parse(sc.Bytes())
		if err != nil {
			c.problem("line %d: %v", n, err)
			continue
		}
		if keys := memberKeys(line); strings.Join(keys, ",") != "project,resource,body" {
			c.problem("line %d: envelope members %v, want project, resource, body", n, keys)
			continue
		}
		var r *resource
		for _, cand := range c.model.resources {
			if cand.project.EndpointName == line.Get("project").Text && cand.endpoint == line.Get("resource").Text {
				r = cand
			}
		}
		if r == nil {
			c.problem("line %d: unknown resource %s/%s", n, line.Get("project").Text, line.Get("resource").Text)
			continue
		}
		c.checkDocument(fmt.Sprintf("line %d (%s/%s)", n, r.project.EndpointName, r.endpoint), r, line.Get("body"))
	}
	return n
}

func memberKeys(v *jsonx.Value) []string {
	var keys []string
	for _, m := range v.Members {
		keys = append(keys, m.Key)
	}
	return keys
}

func (c *checker) checkDocument(at string, r *resource, body *jsonx.Value) {
	c.validate(at, r.schema, body, "$")
	for _, rs := range c.raw[r] {
		c.checkDecimals(at, rs, body)
		c.checkUniqueness(at, rs, body)
		c.checkEquality(at, rs, body)
		c.checkReferences(at, rs, body)
	}
	name := qualifiedName{r.project.ProjectName, r.name}
	var key string
	if r.isDescriptor {
		uri := body.Get("namespace").Text + "#" + body.Get("codeValue").Text
		if c.uris[name] == nil {
			c.uris[name] = map[string]bool{}
		}
		c.uris[name][uri] = true
		key = uri
	} else {
		for _, p := range items(c.raw[r][0].Get("identityJsonPaths")) {
			vals := eval(body, p.Text)
			if len(vals) != 1 {
				c.problem("%s: identity path %s has %d values", at, p.Text, len(vals))
				return
			}
			key += "\x00" + string(jsonx.Canonical(vals[0]))
		}
	}
	if c.identities[name.String()+key] {
		c.problem("%s: identity %q repeats an earlier document's", at, key)
	}
	c.identities[name.String()+key] = true
	c.earlier[name] = append(c.earlier[name], body)
	c.perResource[r]++
}

// validate checks v against schema: the keywords MetaEd emits in
// jsonSchemaForInsert (type, properties, required, additionalProperties,
// items, minItems, minLength, maxLength, pattern, format, minimum, maximum).
func (c *checker) validate(at string, schema, v *jsonx.Value, path string) {
	want := schema.Get("type").StringOr("")
	got := v.Kind.String()
	if want == "integer" && v.Kind == jsonx.Number {
		got = "integer"
		if strings.ContainsAny(v.Text, ".eE") {
			got = "number"
		}
	}
	if got != want && !(want == "number" && got == "number") {
		c.problem("%s: %s: type %s, want %s", at, path, got, want)
		return
	}
	switch want {
	case "object":
		props := schema.Get("properties")
		for _, m := range v.Members {
			ps := props.Get(m.Key)
			if ps == nil {
				if !schema.Get("additionalProperties").BoolOr(true) {
					c.problem("%s: %s: member %q is not allowed", at, path, m.Key)
				}
				continue
			}
			c.validate(at, ps, m.Value, path+"."+m.Key)
		}
		for _, req := range items(schema.Get("required")) {
			if !v.Has(req.Text) {
				c.problem("%s: %s: required member %q missing", at, path, req.Text)
			}
		}
	case "array":
		if len(v.Items) < intOr(schema.Get("minItems"), 0) {
			c.problem("%s: %s: %d items, minItems %s", at, path, len(v.Items), schema.Get("minItems").Text)
		}
		for _, it := range v.Items {
			c.validate(at, schema.Get("items"), it, path+"[*]")
		}
	case "string":
		n := len([]rune(v.Text))
		if ml := schema.Get("maxLength"); ml != nil && n > intOr(ml, 0) {
			c.problem("%s: %s: length %d > maxLength %s", at, path, n, ml.Text)
		}
		if ml := schema.Get("minLength"); ml != nil && n < intOr(ml, 0) {
			c.problem("%s: %s: length %d < minLength %s", at, path, n, ml.Text)
		}
		if p := schema.Get("pattern"); p != nil {
			match, known := patterns[p.Text]
			switch {
			case !known:
				c.problem("%s: %s: pattern %q unknown to the checker", at, path, p.Text)
			case !match(v.Text):
				c.problem("%s: %s: %q does not match %s", at, path, v.Text, p.Text)
			}
		}
		layouts := map[string]string{"date": time.DateOnly, "time": time.TimeOnly, "date-time": time.RFC3339}
		if f := schema.Get("format").StringOr(""); f != "" {
			layout, known := layouts[f]
			if !known {
				c.problem("%s: %s: format %q unknown to the checker", at, path, f)
			} else if _, err := time.Parse(layout, v.Text); err != nil {
				c.problem("%s: %s: %q is not a %s: %v", at, path, v.Text, f, err)
			}
		}
	case "integer", "number":
		val, ok := new(big.Rat).SetString(v.Text)
		if !ok {
			c.problem("%s: %s: bad number %q", at, path, v.Text)
			return
		}
		bound := func(key string) *big.Rat {
			if b := schema.Get(key); b != nil {
				r, _ := new(big.Rat).SetString(b.Text)
				return r
			}
			switch schema.Get("format").StringOr("") + key {
			case "int32minimum":
				return big.NewRat(-1<<31, 1)
			case "int32maximum":
				return big.NewRat(1<<31-1, 1)
			case "int64minimum":
				return new(big.Rat).SetInt64(-1 << 63)
			case "int64maximum":
				return new(big.Rat).SetInt64(1<<63 - 1)
			}
			return nil
		}
		if lo := bound("minimum"); lo != nil && val.Cmp(lo) < 0 {
			c.problem("%s: %s: %s below minimum %s", at, path, v.Text, lo.RatString())
		}
		if hi := bound("maximum"); hi != nil && val.Cmp(hi) > 0 {
			c.problem("%s: %s: %s above maximum %s", at, path, v.Text, hi.RatString())
		}
	}
}

// patterns implements the three patterns MetaEd emits (Go's regexp has no
// lookaround, so each is spelled out): no leading whitespace and no
// trailing whitespace, or not all whitespace.
var patterns = map[string]func(string) bool{
	`^(?!\s)(.*\S)$`:    func(s string) bool { return noEdgeSpace(s) && !strings.Contains(s, "\n") },
	`^(?!\s).*(?<!\s)$`: func(s string) bool { return s == "" || noEdgeSpace(s) && !strings.Contains(s, "\n") },
	`^(?!\s*$).+`:       func(s string) bool { return strings.TrimSpace(s) != "" },
}

func noEdgeSpace(s string) bool {
	return s != "" && !unicode.IsSpace(rune(s[0])) && !unicode.IsSpace(rune(s[len(s)-1]))
}

var decimalDigits = regexp.MustCompile(`^-?(\d+)(?:\.(\d+))?$`)

func (c *checker) checkDecimals(at string, rs, body *jsonx.Value) {
	for _, d := range items(rs.Get("decimalPropertyValidationInfos")) {
		for _, v := range eval(body, d.Get("path").Text) {
			m := decimalDigits.FindStringSubmatch(v.Text)
			if m == nil {
				c.problem("%s: %s: %q is not a plain decimal", at, d.Get("path").Text, v.Text)
				continue
			}
			whole := strings.TrimLeft(m[1], "0")
			total, places := intOr(d.Get("totalDigits"), 0), intOr(d.Get("decimalPlaces"), 0)
			if len(m[2]) > places || len(whole) > total-places {
				c.problem("%s: %s: %s exceeds decimal(%d,%d)", at, d.Get("path").Text, v.Text, total, places)
			}
		}
	}
}

// checkUniqueness requires, for every array instance a constraint covers,
// distinct value tuples across its items; the paths of a nested constraint
// are each checked on their own, as the API checks them.
func (c *checker) checkUniqueness(at string, rs, body *jsonx.Value) {
	var walk func(base *jsonx.Value, constraint *jsonx.Value, nested bool)
	walk = func(base *jsonx.Value, constraint *jsonx.Value, nested bool) {
		groups := map[string][][]string{}
		var arrays []string
		for _, p := range items(constraint.Get("paths")) {
			i := strings.LastIndex(p.Text, "[*]")
			arr, rel := p.Text[:i], "$"+p.Text[i+3:]
			switch g := groups[arr]; {
			case g == nil:
				arrays = append(arrays, arr)
				groups[arr] = [][]string{{rel}}
			case nested:
				groups[arr] = append(g, []string{rel})
			default:
				g[0] = append(g[0], rel)
			}
		}
		for _, arr := range arrays {
			for _, instance := range eval(base, arr) {
				for _, tuple := range groups[arr] {
					seen := map[string]bool{}
					for _, item := range instance.Items {
						var key string
						for _, rel := range tuple {
							for _, v := range eval(item, rel) {
								key += "\x00" + string(jsonx.Canonical(v))
							}
						}
						if seen[key] {
							c.problem("%s: %s: items repeat %v", at, arr, tuple)
						}
						seen[key] = true
					}
				}
			}
		}
		for _, n := range items(constraint.Get("nestedConstraints")) {
			for _, nb := range eval(base, n.Get("basePath").Text) {
				walk(nb, n, true)
			}
		}
	}
	for _, constraint := range items(rs.Get("arrayUniquenessConstraints")) {
		walk(body, constraint, false)
	}
}

func (c *checker) checkEquality(at string, rs, body *jsonx.Value) {
	for _, e := range items(rs.Get("equalityConstraints")) {
		vals := append(eval(body, e.Get("sourceJsonPath").Text), eval(body, e.Get("targetJsonPath").Text)...)
		for _, v := range vals[min(1, len(vals)):] {
			if !bytes.Equal(jsonx.Canonical(v), jsonx.Canonical(vals[0])) {
				c.problem("%s: equality %s == %s violated", at, e.Get("sourceJsonPath").Text, e.Get("targetJsonPath").Text)
				break
			}
		}
	}
}

// checkReferences resolves every reference object and descriptor value
// against the documents earlier in the file.
func (c *checker) checkReferences(at string, rs, body *jsonx.Value) {
	for _, mem := range rs.Get("documentPathsMapping").Members {
		e := mem.Value
		if !e.Get("isReference").BoolOr(false) {
			continue
		}
		target := qualifiedName{e.Get("projectName").Text, e.Get("resourceName").Text}
		if e.Get("isDescriptor").BoolOr(false) {
			for _, v := range eval(body, e.Get("path").Text) {
				if !c.uris[target][v.Text] {
					c.problem("%s: %s: descriptor %q is not an earlier %s", at, e.Get("path").Text, v.Text, target)
				}
			}
			continue
		}
		refPaths := items(e.Get("referenceJsonPaths"))
		first := refPaths[0].Get("referenceJsonPath").Text
		objPath := first[:strings.LastIndexByte(first, '.')]
		for _, obj := range eval(body, objPath) {
			if !c.resolves(target, refPaths, objPath, obj) {
				c.problem("%s: %s: reference %s resolves to no earlier %s", at, objPath, jsonx.Canonical(obj), target)
			}
		}
	}
}

func (c *checker) resolves(target qualifiedName, refPaths []*jsonx.Value, objPath string, obj *jsonx.Value) bool {
	candidates := []qualifiedName{target}
	if c.model.byName[target] == nil {
		candidates = nil
		for _, sub := range c.model.subclasses[target] {
			candidates = append(candidates, qualifiedName{sub.project.ProjectName, sub.name})
		}
	}
	for _, cand := range candidates {
		sub := c.model.byName[cand]
		rename := map[string]string{}
		for _, rs := range c.raw[sub][:1] {
			if sp, ok := rs.Get("superclassIdentityJsonPath").Str(); ok {
				rename[sp] = items(rs.Get("identityJsonPaths"))[0].Text
			}
		}
	docs:
		for _, doc := range c.earlier[cand] {
			for _, rp := range refPaths {
				idPath := rp.Get("identityJsonPath").Text
				if p, ok := rename[idPath]; ok {
					idPath = p
				}
				member := strings.TrimPrefix(rp.Get("referenceJsonPath").Text, objPath+".")
				want, got := eval(doc, idPath), obj.Get(member)
				if len(want) != 1 || got == nil || !bytes.Equal(jsonx.Canonical(want[0]), jsonx.Canonical(got)) {
					continue docs
				}
			}
			return true
		}
	}
	return false
}

// eval returns the values at a JSON path with "[*]" wildcards.
func eval(v *jsonx.Value, path string) []*jsonx.Value {
	cur := []*jsonx.Value{v}
	if path == "$" {
		return cur
	}
	for _, seg := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		name, isArray := strings.CutSuffix(seg, "[*]")
		var next []*jsonx.Value
		for _, c := range cur {
			m := c.Get(name)
			switch {
			case m == nil:
			case isArray:
				next = append(next, m.Items...)
			default:
				next = append(next, m)
			}
		}
		cur = next
	}
	return cur
}
