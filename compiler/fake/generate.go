// Package fake generates documents that are valid against an ApiSchema set:
// every document satisfies its resource's jsonSchemaForInsert, decimal
// precision, array uniqueness and equality constraints, and every reference
// points at a document written earlier in the same output, so loading the
// output front to back through the API succeeds. Output is NDJSON, one
// {"project", "resource", "body"} object per line, and depends only on the
// schema set and the options.
package fake

import (
	"bufio"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/edfi-dmsc/dmsc/compiler/jsonx"
	"github.com/edfi-dmsc/dmsc/compiler/load"
)

// Options control generation.
type Options struct {
	// Resources limits the output to these resources plus the resources
	// their mandatory references need and the descriptors they use. A name
	// is an endpoint name ("studentSchoolAssociations") or a resource name
	// ("StudentSchoolAssociation"), optionally qualified by the project
	// endpoint name ("ed-fi/schools") when several projects define it.
	Resources []string
	// Count is the number of documents per resource; 0 means 1.
	Count int
	// Seed selects the pseudo-random stream; equal seeds give equal output.
	Seed uint64
	// OptionalShare is the probability that an optional member is included;
	// 0 means 0.85 (most members, so round trips exercise most columns).
	OptionalShare float64
	// NamespacePrefix starts descriptor namespaces and other "namespace"
	// values; "" means "uri://ed-fi.org".
	NamespacePrefix string
}

// Stats describe one generation run.
type Stats struct {
	Documents   int // lines written
	Descriptors int // of which descriptor documents
	// Resources is the number of resources with at least one document.
	Resources   int
	PerResource []ResourceCount // in output order
	// OmittedReferences are optional references never filled because they
	// would close a reference cycle ("project/resource: key -> project/target").
	OmittedReferences []string
	// Shortfalls name the resources that got fewer than Count documents and
	// why, e.g. a school-year enumeration has only 201 distinct years.
	Shortfalls []string
}

// ResourceCount is the number of documents written for one resource.
type ResourceCount struct {
	Project   string // projectEndpointName
	Resource  string // endpoint name
	Documents int
}

// maxAttempts bounds the retries for one document whose identity collided
// with an earlier one or whose mandatory reference found no consistent
// target.
const maxAttempts = 12

// Generate writes opts.Count documents per resource of set to w.
func Generate(set *load.SchemaSet, opts Options, w io.Writer) (Stats, error) {
	if opts.Count <= 0 {
		opts.Count = 1
	}
	if opts.OptionalShare == 0 {
		opts.OptionalShare = 0.85
	}
	if opts.NamespacePrefix == "" {
		opts.NamespacePrefix = "uri://ed-fi.org"
	}
	m, err := buildModel(set)
	if err != nil {
		return Stats{}, err
	}
	only, err := selectResources(m, opts.Resources)
	if err != nil {
		return Stats{}, err
	}
	p, err := buildPlan(m, only)
	if err != nil {
		return Stats{}, err
	}
	g := &generator{
		opts:       opts,
		docs:       make([][]generated, len(m.resources)),
		seq:        make([]int64, len(m.resources)),
		identities: map[string]bool{},
	}
	stats := Stats{OmittedReferences: p.omitted}
	out := bufio.NewWriter(w)
	var line []byte
	for _, r := range p.order {
		rng := rand.New(rand.NewPCG(opts.Seed, nameHash(r)))
		written := 0
		for i := range opts.Count {
			body, err := g.document(r, i, rng)
			if err != nil {
				var short *shortfall
				if !errors.As(err, &short) {
					return stats, err
				}
				// Stop at the first failure: its usual cause, an exhausted identity
				// space (a school-year enumeration has 201 years), fails every later
				// document too. Resources referencing this one use what it has.
				stats.Shortfalls = append(stats.Shortfalls, err.Error())
				break
			}
			line = appendLine(line[:0], r, body)
			if _, err := out.Write(line); err != nil {
				return stats, err
			}
			written++
			stats.Documents++
			if r.isDescriptor {
				stats.Descriptors++
			}
		}
		if written > 0 {
			stats.Resources++
		}
		stats.PerResource = append(stats.PerResource, ResourceCount{r.project.EndpointName, r.endpoint, written})
	}
	return stats, out.Flush()
}

func nameHash(r *resource) uint64 {
	h := fnv.New64a()
	h.Write([]byte(r.project.EndpointName + "/" + r.endpoint))
	return h.Sum64()
}

func selectResources(m *model, names []string) ([]*resource, error) {
	var out []*resource
	for _, name := range names {
		project, local, qualified := strings.Cut(name, "/")
		if !qualified {
			local, project = project, ""
		}
		var found []*resource
		for _, r := range m.resources {
			if (project == "" || r.project.EndpointName == project) && (r.endpoint == local || r.name == local) {
				found = append(found, r)
			}
		}
		switch len(found) {
		case 0:
			return nil, fmt.Errorf("resource %q: no loaded project defines it (use the endpoint name, e.g. \"studentSchoolAssociations\", or the resource name)", name)
		case 1:
			out = append(out, found[0])
		default:
			var names []string
			for _, r := range found {
				names = append(names, r.project.EndpointName+"/"+r.endpoint)
			}
			return nil, fmt.Errorf("resource %q is ambiguous: qualify it as one of %s", name, strings.Join(names, ", "))
		}
	}
	return out, nil
}

// generated is what later documents need from an earlier one: its identity
// values in the order of its resource's identityJsonPaths, or for a
// descriptor its URI.
type generated struct {
	identity []*jsonx.Value
	uri      *jsonx.Value
}

type generator struct {
	opts       Options
	docs       [][]generated // by resource ordinal, in output order
	seq        []int64       // by resource ordinal: unique values handed out
	identities map[string]bool
}

// document generates document i of r, retrying with other reference choices
// and fresh values when an attempt fails or repeats an identity.
func (g *generator) document(r *resource, i int, rng *rand.Rand) (*jsonx.Value, error) {
	var lastReason string
	for attempt := range maxAttempts {
		d := &docGen{generator: g, r: r, index: i, attempt: attempt, rng: rng,
			bound: map[int]*jsonx.Value{}, used: map[string]map[int64]bool{}, chosen: map[string]*jsonx.Value{}}
		body, ok := d.root()
		if !ok {
			lastReason = d.reason
			continue
		}
		doc, keys, err := d.identity(body)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(keys, func(k string) bool { return g.identities[k] }) {
			lastReason = "its identity repeats an earlier document's"
			continue
		}
		for _, k := range keys {
			g.identities[k] = true
		}
		g.docs[r.ordinal] = append(g.docs[r.ordinal], doc)
		return body, nil
	}
	return nil, &shortfall{fmt.Sprintf("resource %s/%s: generated %d documents; document %d failed %d attempts: %s",
		r.project.EndpointName, r.endpoint, i, i+1, maxAttempts, lastReason)}
}

// shortfall is a document that could not be generated; the run goes on
// with fewer documents of that resource.
type shortfall struct{ reason string }

func (s *shortfall) Error() string { return s.reason }

// docGen generates one document attempt.
type docGen struct {
	*generator
	r       *resource
	index   int
	attempt int
	rng     *rand.Rand
	// bound holds the value of each equality group once a member of it is set.
	bound map[int]*jsonx.Value
	// used holds the targets already taken, so items differ: per reference
	// site in the document, per descriptor path in the current array
	// instance.
	used map[string]map[int64]bool
	// chosen holds the references outside arrays, picked before the walk.
	chosen map[string]*jsonx.Value
	reason string
}

// fail records why the attempt is failing; the latest reason is the one
// closest to the failure that propagates to the root.
func (d *docGen) fail(format string, args ...any) {
	d.reason = fmt.Sprintf(format, args...)
}

// root picks the references outside arrays first, mandatory ones before
// optional ones, so the equality constraints between them are settled by
// the references that cannot be left out; then it walks the schema.
func (d *docGen) root() (*jsonx.Value, bool) {
	for pass := range 2 {
		for _, s := range d.r.siteOrder {
			if s.inArray || s.mandatory != (pass == 0) {
				continue
			}
			if !s.mandatory && !d.include() {
				continue
			}
			v := d.reference(s)
			if v == nil && s.mandatory {
				return nil, false
			}
			if v != nil {
				d.chosen[s.path] = v
			}
		}
	}
	return d.object(d.r.schema, "$")
}

func (d *docGen) include() bool { return d.rng.Float64() < d.opts.OptionalShare }

func (d *docGen) object(schema *jsonx.Value, path string) (*jsonx.Value, bool) {
	out := jsonx.Obj()
	for _, mem := range members(schema.Get("properties")) {
		p := path + "." + mem.Key
		required := hasRequired(schema, mem.Key)
		var v *jsonx.Value
		ok := false
		if s := d.r.sites[p]; s != nil && !s.inArray {
			v = d.chosen[p]
			ok = v != nil
			if !ok && required {
				d.fail("no document for mandatory reference %s", p)
			}
		} else {
			if !required && !d.include() {
				continue
			}
			v, ok = d.value(mem.Value, p, required)
		}
		if !ok {
			if required {
				return nil, false
			}
			continue
		}
		// An optional object whose optional members were all left out (an
		// "_ext" without an extension member) is not stored by a server, so
		// it would not read back: leave it out.
		if !required && v.Kind == jsonx.Object && len(v.Members) == 0 {
			continue
		}
		out.Members = append(out.Members, jsonx.M(mem.Key, v))
	}
	return out, true
}

// value generates the value at path; required tells an array whether an
// empty result is acceptable.
func (d *docGen) value(schema *jsonx.Value, path string, required bool) (*jsonx.Value, bool) {
	if s := d.r.sites[path]; s != nil {
		v := d.reference(s)
		if v == nil {
			d.fail("no consistent document for reference %s", path)
		}
		return v, v != nil
	}
	if ds := d.r.descriptors[path]; ds != nil {
		return d.descriptor(ds)
	}
	switch t := schema.Get("type").StringOr(""); t {
	case "object":
		return d.object(schema, path)
	case "array":
		return d.array(schema, path, required)
	case "string", "integer", "number", "boolean":
		return d.scalar(schema, path, t), true
	default:
		d.fail("%s: unsupported schema type %q", path, t)
		return nil, false
	}
}

func (d *docGen) array(schema *jsonx.Value, path string, required bool) (*jsonx.Value, bool) {
	itemPath := path + "[*]"
	// A new array instance starts with no descriptors taken inside it. The
	// references of a site stay taken for the whole document: the API
	// refuses a reference repeated anywhere in an array of references,
	// nested arrays counted as one list.
	nested := func(k string) bool {
		_, reference := d.r.sites[k]
		return strings.HasPrefix(k, itemPath) && !reference
	}
	saved := map[string]map[int64]bool{}
	for k, v := range d.used {
		if nested(k) {
			saved[k] = v
			delete(d.used, k)
		}
	}
	defer func() {
		for k := range d.used {
			if nested(k) {
				delete(d.used, k)
			}
		}
		for k, v := range saved {
			d.used[k] = v
		}
	}()

	minItems := intOr(schema.Get("minItems"), 0)
	want := max(minItems, 1) + d.rng.IntN(2)
	tuples := d.r.uniqueTuples[path]
	seen := map[string]bool{}
	out := jsonx.Arr()
	for try := 0; len(out.Items) < want && try < want+3; try++ {
		item, ok := d.value(schema.Get("items"), itemPath, true)
		if !ok {
			// Item failures come from exhausted references or descriptors, which
			// another try would meet again.
			break
		}
		keys := make([]string, len(tuples))
		dup := false
		for i, tuple := range tuples {
			keys[i] = tupleKey(i, item, tuple)
			dup = dup || seen[keys[i]]
		}
		if dup {
			continue
		}
		for _, k := range keys {
			seen[k] = true
		}
		out.Items = append(out.Items, item)
	}
	if len(out.Items) < minItems || (len(out.Items) == 0 && !required) {
		d.fail("%s: only %d of %d items could be generated (%s)", path, len(out.Items), max(minItems, 1), d.reason)
		return nil, false
	}
	return out, true
}

// tupleKey renders the values of one uniqueness tuple of an array item.
func tupleKey(n int, item *jsonx.Value, tuple []string) string {
	b := strconv.AppendInt(nil, int64(n), 10)
	for _, rel := range tuple {
		b = append(b, 0)
		if v := lookup(item, rel); v != nil {
			b = appendValue(b, v)
		}
	}
	return string(b)
}

// lookup returns the value at a wildcard-free path such as "$.a.b".
func lookup(v *jsonx.Value, path string) *jsonx.Value {
	if path == "$" {
		return v
	}
	for _, seg := range strings.Split(strings.TrimPrefix(path, "$."), ".") {
		v = v.Get(seg)
	}
	return v
}

// reference picks a target document consistent with the equality groups
// bound so far and not yet taken in this array instance, preferring
// document index i (so document i of every resource tends to point at
// document i of its targets, which keeps chains of equal keys consistent),
// and returns the reference object, or nil when no document fits.
func (d *docGen) reference(s *refSite) *jsonx.Value {
	total := 0
	for _, t := range s.targets {
		total += len(d.docs[t.ordinal])
	}
	if total == 0 {
		return nil
	}
	// An optional reference looks at a bounded number of candidates so that
	// equality filtering over large pools stays linear in the output size;
	// a mandatory one searches the whole pool.
	limit := total
	if !s.mandatory {
		limit = min(total, optionalSearchWindow)
	}
	used := d.used[s.path]
	start := d.index + d.attempt*(s.ordinal+1) + len(used)
	// A reference to an abstract resource starts in a subclass that varies
	// with the resource and the document index, so all subclasses get
	// referenced; every abstract reference of one document starts in the
	// same subclass, which keeps their equality constraints satisfiable.
	for _, t := range s.targets[:(d.index+d.r.ordinal)%len(s.targets)] {
		start += len(d.docs[t.ordinal])
	}
	values := make([]*jsonx.Value, len(s.members))
	for j := range limit {
		k := (start + j) % total
		var t *resource
		for _, t = range s.targets {
			if k < len(d.docs[t.ordinal]) {
				break
			}
			k -= len(d.docs[t.ordinal])
		}
		key := int64(t.ordinal)<<32 | int64(k)
		if used[key] {
			continue
		}
		identity := d.docs[t.ordinal][k].identity
		fits := true
		for i, idx := range s.identityIndex[t.ordinal] {
			values[i] = identity[idx]
			if g := s.memberGroups[i]; g != 0 && d.bound[g] != nil && !sameValue(d.bound[g], values[i]) {
				fits = false
				break
			}
		}
		if !fits {
			continue
		}
		obj := &jsonx.Value{Kind: jsonx.Object, Members: make([]jsonx.Member, len(s.members))}
		for i, name := range s.members {
			if g := s.memberGroups[i]; g != 0 && d.bound[g] == nil {
				d.bound[g] = values[i]
			}
			obj.Members[i] = jsonx.M(name, values[i])
		}
		if used == nil {
			used = map[int64]bool{}
			d.used[s.path] = used
		}
		used[key] = true
		return obj
	}
	return nil
}

// optionalSearchWindow is how many candidate documents an optional
// reference considers.
const optionalSearchWindow = 256

func (d *docGen) descriptor(ds *descriptorSite) (*jsonx.Value, bool) {
	if b := d.boundValue(ds.path); b != nil {
		return b, true
	}
	pool := d.docs[ds.target.ordinal]
	used := d.used[ds.path]
	for j := range len(pool) {
		k := (d.index + d.attempt + len(used) + j) % len(pool)
		if used[int64(k)] {
			continue
		}
		if used == nil {
			used = map[int64]bool{}
			d.used[ds.path] = used
		}
		used[int64(k)] = true
		d.bind(ds.path, pool[k].uri)
		return pool[k].uri, true
	}
	d.fail("no unused %s document for %s", ds.target.name, ds.path)
	return nil, false
}

func (d *docGen) boundValue(path string) *jsonx.Value {
	if g, ok := d.r.equality[path]; ok {
		return d.bound[g]
	}
	return nil
}

func (d *docGen) bind(path string, v *jsonx.Value) {
	if g, ok := d.r.equality[path]; ok && d.bound[g] == nil {
		d.bound[g] = v
	}
}

func sameValue(a, b *jsonx.Value) bool {
	return a.Kind == b.Kind && a.Text == b.Text && a.Bool == b.Bool
}

// scalar generates a leaf value. Identity members get values unique per
// resource (and across resources for open integer ranges, so the
// identifiers of subclasses of one abstract resource never collide); other
// members get seeded random values.
func (d *docGen) scalar(schema *jsonx.Value, path, typ string) *jsonx.Value {
	if b := d.boundValue(path); b != nil {
		return b
	}
	v := d.freshScalar(schema, path, typ)
	d.bind(path, v)
	return v
}

func (d *docGen) freshScalar(schema *jsonx.Value, path, typ string) *jsonx.Value {
	identity := slices.Contains(d.r.identityPaths, path)
	if d.r.isDescriptor {
		// Descriptors have no identityJsonPaths; namespace and codeValue are
		// their identity.
		switch path {
		case "$.namespace":
			return jsonx.Str(d.opts.NamespacePrefix + "/" + d.r.name)
		case "$.codeValue":
			identity = true
		}
	}
	if identity {
		d.seq[d.r.ordinal]++
	}
	unique := int64(d.r.ordinal+1)*1_000_000 + d.seq[d.r.ordinal]
	minLen, maxLen := intOr(schema.Get("minLength"), 0), intOr(schema.Get("maxLength"), 0)
	switch typ {
	case "boolean":
		return jsonx.Boolean(d.rng.IntN(2) == 0)
	case "integer":
		lo, hi := intBounds(schema)
		if d.r.isSchoolYear && identity {
			// School years are referenced as 1900..2100 elsewhere, whatever the
			// enumeration's own schema allows.
			lo, hi = max(lo, 1900), min(hi, 2100)
		}
		if identity {
			if hi-lo >= 1<<30 {
				return jsonx.Int(lo + unique)
			}
			return jsonx.Int(boundedUnique(lo, hi, d.seq[d.r.ordinal]-1))
		}
		return jsonx.Int(lo + d.rng.Int64N(min(hi-lo+1, 1000)))
	case "number":
		info, ok := d.r.decimals[path]
		if !ok {
			info = decimalInfo{totalDigits: 9, decimalPlaces: 2}
		}
		if schema.Has("minimum") || schema.Has("maximum") {
			lo, hi := intBounds(schema)
			return &jsonx.Value{Kind: jsonx.Number, Text: fmt.Sprint(lo + d.rng.Int64N(min(hi-lo+1, 1000)))}
		}
		return &jsonx.Value{Kind: jsonx.Number, Text: decimalText(d.rng, info)}
	}
	switch schema.Get("format").StringOr("") {
	case "date":
		if identity {
			return jsonx.Str(dateAfterEpoch(int((int64(d.r.ordinal)*53 + d.seq[d.r.ordinal]) % 9000)))
		}
		return jsonx.Str(randomDate(d.rng))
	case "time":
		return jsonx.Str(randomTime(d.rng))
	case "date-time":
		return jsonx.Str(randomDateTime(d.rng))
	}
	if strings.HasSuffix(path, ".namespace") {
		ns := d.opts.NamespacePrefix + "/" + uniqueText("", unique, 0, 0)
		if maxLen == 0 || len(ns) <= maxLen {
			return jsonx.Str(ns)
		}
	}
	if identity {
		return jsonx.Str(uniqueText(strings.ToUpper(d.r.name[:1]), unique, minLen, maxLen))
	}
	return jsonx.Str(freeText(d.rng, minLen, maxLen))
}

// identity extracts what later documents need from body and the keys that
// must be unique: per resource, and per abstract superclass for subclasses
// (a School and a LocalEducationAgency may not share an
// educationOrganizationId).
func (d *docGen) identity(body *jsonx.Value) (generated, []string, error) {
	r := d.r
	if r.isDescriptor {
		ns, code := lookup(body, "$.namespace"), lookup(body, "$.codeValue")
		if ns == nil || code == nil {
			return generated{}, nil, fmt.Errorf("descriptor %s/%s: schema does not require namespace and codeValue", r.project.EndpointName, r.endpoint)
		}
		uri := ns.Text + "#" + code.Text
		return generated{uri: jsonx.Str(uri)}, []string{fmt.Sprintf("%d\x00%s", r.ordinal, uri)}, nil
	}
	var doc generated
	var b []byte
	for _, p := range r.identityPaths {
		v := lookup(body, p)
		if v == nil {
			return generated{}, nil, fmt.Errorf("resource %s/%s: identity path %s is not a required member of jsonSchemaForInsert", r.project.EndpointName, r.endpoint, p)
		}
		doc.identity = append(doc.identity, v)
		b = appendValue(append(b, 0), v)
	}
	keys := []string{strconv.Itoa(r.ordinal) + string(b)}
	if r.superclass != nil {
		keys = append(keys, r.superclass.String()+string(b))
	}
	return doc, keys, nil
}

// appendLine renders one NDJSON line with the body members in schema order.
func appendLine(b []byte, r *resource, body *jsonx.Value) []byte {
	b = append(b, `{"project":`...)
	b = appendString(b, r.project.EndpointName)
	b = append(b, `,"resource":`...)
	b = appendString(b, r.endpoint)
	b = append(b, `,"body":`...)
	b = appendValue(b, body)
	return append(b, '}', '\n')
}

func appendValue(b []byte, v *jsonx.Value) []byte {
	switch v.Kind {
	case jsonx.Object:
		b = append(b, '{')
		for i, m := range v.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, m.Key)
			b = append(b, ':')
			b = appendValue(b, m.Value)
		}
		return append(b, '}')
	case jsonx.Array:
		b = append(b, '[')
		for i, it := range v.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, it)
		}
		return append(b, ']')
	case jsonx.String:
		return appendString(b, v.Text)
	case jsonx.Bool:
		if v.Bool {
			return append(b, "true"...)
		}
		return append(b, "false"...)
	case jsonx.Null:
		return append(b, "null"...)
	default:
		return append(b, v.Text...)
	}
}

func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
