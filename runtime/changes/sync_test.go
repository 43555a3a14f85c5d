package changes_test

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/edfi-dmsc/dmsc/runtime/spec"
)

// syncOrder is the dependency order of the resources the sync test writes
// (what /metadata/dependencies lists): references before referrers.
var syncOrder = []string{
	"gradeLevelDescriptors", "educationOrganizationCategoryDescriptors", "termDescriptors",
	"courseIdentificationSystemDescriptors", "schoolYearTypes", "schools", "classPeriods", "sessions",
	"courses", "courseOfferings",
}

// TestSyncReplaysToAMirror runs a seeded random sequence of 1,000 writes,
// deletes and key changes against a source server and, every 100 of them,
// a client that reads the source only through availableChangeVersions,
// /keyChanges, the live change-version window and /deletes, and replays
// what it reads onto a mirror server with the reference's extraction order
// (key changes, upserts in dependency order, deletes in reverse). After
// each round the mirror holds exactly the source's documents.
func TestSyncReplaysToAMirror(t *testing.T) {
	schema, sourcePool := provisioned(t)
	_, mirrorPool := provisioned(t)
	source := newAPI(t, schema, sourcePool, on())
	mirror := newAPI(t, schema, mirrorPool, on())
	w := &writer{a: source, rnd: rand.New(rand.NewSource(13))}
	w.seed()
	c := &syncClient{t: t, source: source, mirror: mirror}
	counts := map[string]int{}
	for round := 0; round < 10; round++ {
		for i := 0; i < 100; i++ {
			counts[w.step()]++
		}
		c.sync()
		for _, endpoint := range syncOrder {
			src, dst := documents(t, source, endpoint), documents(t, mirror, endpoint)
			if !slices.Equal(src, dst) {
				t.Fatalf("round %d: %s differ\nsource: %v\nmirror: %v", round, endpoint, src, dst)
			}
		}
	}
	t.Logf("operations: %v; applied by the client: %v", counts, c.applied)
}

// writer makes random writes to the source, remembering what exists.
type writer struct {
	a   *api
	rnd *rand.Rand
	// next numbers new natural keys: a key, once changed away from, is
	// never taken again (the reference's documented unsupported case is a
	// delete followed by another document taking the deleted key).
	next     int
	schools  []int
	deleted  []int             // school ids deleted, for re-creation
	periods  []string          // class period ids, in creation order
	sessions []string          // session ids, in creation order
	names    map[string]string // session id → name
	grades   []string          // grade level descriptor code values
}

func (w *writer) seed() {
	w.a.seedDescriptors()
	w.a.post("/data/ed-fi/courseIdentificationSystemDescriptors", descriptor("uri://ed-fi.org/CourseIdentificationSystemDescriptor", "State course code"))
	w.a.post("/data/ed-fi/schoolYearTypes", map[string]any{"schoolYear": 2024, "currentSchoolYear": true, "schoolYearDescription": "2023-2024"})
	w.grades = []string{"Tenth Grade"}
	w.names = map[string]string{}
}

func (w *writer) name(prefix string) string { w.next++; return fmt.Sprintf("%s %d", prefix, w.next) }

func (w *writer) pick(n int) int { return w.rnd.Intn(n) }

func (w *writer) school(id int) map[string]any {
	doc := school(id)
	doc["nameOfInstitution"] = w.name("School")
	var levels []any
	// Schools use the first three grade levels only, so that most
	// descriptor deletes find theirs unreferenced.
	for _, g := range w.grades[:min(3, len(w.grades))] {
		if w.pick(2) == 0 || len(levels) == 0 {
			levels = append(levels, map[string]any{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#" + g})
		}
	}
	doc["gradeLevels"] = levels
	return doc
}

// step makes one random operation and returns its kind. Operations the
// API refuses (deleting a referenced document) count as made.
func (w *writer) step() string {
	a := w.a
	switch k := w.pick(12); {
	case k == 0 || len(w.schools) == 0:
		id := 900000 + w.next
		w.next++
		if len(w.deleted) > 0 && w.pick(2) == 0 {
			id, w.deleted = w.deleted[len(w.deleted)-1], w.deleted[:len(w.deleted)-1]
		}
		a.post("/data/ed-fi/schools", w.school(id))
		w.schools = append(w.schools, id)
		return "create school"
	case k == 1:
		a.post("/data/ed-fi/schools", w.school(w.schools[w.pick(len(w.schools))]))
		return "update school"
	case k == 2:
		i := w.pick(len(w.schools))
		id := w.schools[i]
		r := a.get(fmt.Sprintf("/data/ed-fi/schools?schoolId=%d", id))
		doc := r.items(a.t)[0]
		if a.do(http.MethodDelete, "/data/ed-fi/schools/"+doc["id"].(string), nil).status != http.StatusNoContent {
			return "delete school (refused: referenced)"
		}
		w.schools = append(w.schools[:i], w.schools[i+1:]...)
		w.deleted = append(w.deleted, id)
		return "delete school"
	case k == 3:
		code := w.name("Grade")
		a.post("/data/ed-fi/gradeLevelDescriptors", descriptor("uri://ed-fi.org/GradeLevelDescriptor", code))
		w.grades = append(w.grades, code)
		return "create descriptor"
	case k == 4 && len(w.grades) > 1:
		i := 1 + w.pick(len(w.grades)-1)
		r := a.get("/data/ed-fi/gradeLevelDescriptors?codeValue=" + url.QueryEscape(w.grades[i]))
		id := r.items(a.t)[0]["id"].(string)
		if a.do(http.MethodDelete, "/data/ed-fi/gradeLevelDescriptors/"+id, nil).status != http.StatusNoContent {
			return "delete descriptor (refused: referenced)"
		}
		if w.pick(2) == 0 {
			a.post("/data/ed-fi/gradeLevelDescriptors", descriptor("uri://ed-fi.org/GradeLevelDescriptor", w.grades[i]))
			return "delete and re-create descriptor"
		}
		w.grades = append(w.grades[:i], w.grades[i+1:]...)
		return "delete descriptor"
	case k <= 6:
		id := a.post("/data/ed-fi/classPeriods", map[string]any{"classPeriodName": w.name("Period"),
			"schoolReference": map[string]any{"schoolId": w.schools[w.pick(len(w.schools))]}})
		w.periods = append(w.periods, id)
		return "create class period"
	case k == 7 && len(w.periods) > 0:
		id := w.periods[w.pick(len(w.periods))]
		doc := a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/classPeriods/"+id, nil).json(a.t).(map[string]any)
		a.put("/data/ed-fi/classPeriods", id, map[string]any{"classPeriodName": w.name("Period"), "schoolReference": map[string]any{
			"schoolId": doc["schoolReference"].(map[string]any)["schoolId"]}})
		return "rename class period"
	case k == 8 && len(w.periods) > 0:
		i := w.pick(len(w.periods))
		a.del("/data/ed-fi/classPeriods", w.periods[i])
		w.periods = slices.Delete(w.periods, i, i+1)
		return "delete class period"
	case k == 9 || len(w.sessions) == 0:
		name := w.name("Session")
		id := a.post("/data/ed-fi/sessions", w.session(w.schools[0], name))
		w.sessions, w.names[id] = append(w.sessions, id), name
		a.post("/data/ed-fi/courses", map[string]any{"courseCode": name, "courseTitle": name, "numberOfParts": 1,
			"identificationCodes": []any{map[string]any{"identificationCode": name,
				"courseIdentificationSystemDescriptor": "uri://ed-fi.org/CourseIdentificationSystemDescriptor#State course code"}},
			"educationOrganizationReference": map[string]any{"educationOrganizationId": w.schools[0]}})
		a.post("/data/ed-fi/courseOfferings", map[string]any{"localCourseCode": name,
			"schoolReference":  map[string]any{"schoolId": w.schools[0]},
			"sessionReference": map[string]any{"schoolId": w.schools[0], "schoolYear": 2024, "sessionName": name},
			"courseReference":  map[string]any{"courseCode": name, "educationOrganizationId": w.schools[0]}})
		return "create session with an offering"
	case k == 10 && len(w.sessions) > 0:
		id := w.sessions[w.pick(len(w.sessions))]
		doc := a.must(http.StatusOK, http.MethodGet, "/data/ed-fi/sessions/"+id, nil).json(a.t).(map[string]any)
		name := w.name("Session")
		a.put("/data/ed-fi/sessions", id, w.session(int(doc["schoolReference"].(map[string]any)["schoolId"].(float64)), name))
		w.names[id] = name
		return "rename session (cascades)"
	default:
		i := w.pick(len(w.sessions))
		id := w.sessions[i]
		r := a.get("/data/ed-fi/courseOfferings?sessionName=" + url.QueryEscape(w.names[id]))
		for _, o := range r.items(a.t) {
			a.del("/data/ed-fi/courseOfferings", o["id"].(string))
		}
		if w.pick(2) == 0 {
			a.del("/data/ed-fi/sessions", id)
			w.sessions = slices.Delete(w.sessions, i, i+1)
		}
		return "delete offering (and session)"
	}
}

func (w *writer) session(schoolID int, name string) map[string]any {
	return map[string]any{"sessionName": name, "schoolYearTypeReference": map[string]any{"schoolYear": 2024},
		"beginDate": "2023-08-01", "endDate": "2023-12-20", "termDescriptor": "uri://ed-fi.org/TermDescriptor#Fall Semester",
		"totalInstructionalDays": 10 + w.pick(80), "schoolReference": map[string]any{"schoolId": schoolID}}
}

// syncClient replays the source's changes onto the mirror.
type syncClient struct {
	t              testing.TB
	source, mirror *api
	last           int64 // newest change version synchronized
	applied        map[string]int
	// ids maps the source's document ids to the mirror's, as the upserts
	// learn them: a tombstone or key change names the document by the
	// source's id. (Looking the mirror's document up by the tombstone's
	// key instead misses it when a later key change of a document it
	// references cascaded into it on the mirror while the source had
	// deleted it already.)
	ids map[string]string
}

func (c *syncClient) sync() {
	if c.applied == nil {
		c.applied, c.ids = map[string]int{}, map[string]string{}
	}
	min, max := c.last+1, c.source.newest()
	w := window(min, max)
	for _, endpoint := range syncOrder {
		for _, it := range c.pages("/data/ed-fi/" + endpoint + "/keyChanges?" + w) {
			c.keyChange(endpoint, it["id"].(string), it["newKeyValues"].(map[string]any))
		}
		for _, doc := range c.pages("/data/ed-fi/" + endpoint + "?" + w) {
			c.ids[doc["id"].(string)] = c.mirror.post("/data/ed-fi/"+endpoint, strip(doc))
			c.applied["upsert"]++
		}
	}
	for i := len(syncOrder) - 1; i >= 0; i-- {
		endpoint := syncOrder[i]
		for _, it := range c.pages("/data/ed-fi/" + endpoint + "/deletes?" + w) {
			if id, copied := c.ids[it["id"].(string)]; copied {
				c.mirror.del("/data/ed-fi/"+endpoint, id)
				c.applied["delete"]++
			}
		}
	}
	c.last = max
}

// pages reads every page of a GET-many or change route.
func (c *syncClient) pages(path string) []map[string]any {
	var all []map[string]any
	for offset := 0; ; offset += 50 {
		items := c.source.must(http.StatusOK, http.MethodGet, fmt.Sprintf("%s&limit=50&offset=%d", path, offset), nil).items(c.t)
		all = append(all, items...)
		if len(items) < 50 {
			return all
		}
	}
}

// keyChange gives the mirror's copy of a document the new key, writing
// each key member at the path of its query field. A document the mirror
// has no copy of gets its current key with its upsert.
func (c *syncClient) keyChange(endpoint, sourceID string, neu map[string]any) {
	id, copied := c.ids[sourceID]
	if !copied {
		return
	}
	doc := strip(c.mirror.must(http.StatusOK, http.MethodGet, "/data/ed-fi/"+endpoint+"/"+id, nil).json(c.t).(map[string]any))
	res := c.resource(endpoint)
	for name, v := range neu {
		for _, qf := range res.Read.QueryFields {
			if qf.Name == name {
				setPath(doc, strings.Split(strings.TrimPrefix(qf.JSONPath, "$."), "."), v)
			}
		}
	}
	c.mirror.put("/data/ed-fi/"+endpoint, id, doc)
	c.applied["key change"]++
}

func (c *syncClient) resource(endpoint string) *spec.Resource {
	for _, r := range c.source.schema.Resources {
		if r.ProjectEndpoint == "ed-fi" && r.Endpoint == endpoint {
			return r
		}
	}
	c.t.Fatalf("no resource %s", endpoint)
	return nil
}

func setPath(doc map[string]any, steps []string, v any) {
	for _, s := range steps[:len(steps)-1] {
		next, _ := doc[s].(map[string]any)
		if next == nil {
			next = map[string]any{}
			doc[s] = next
		}
		doc = next
	}
	doc[steps[len(steps)-1]] = v
}

// strip removes what the server adds to a document (id, _etag,
// _lastModifiedDate, reference links).
func strip(v map[string]any) map[string]any {
	out := map[string]any{}
	for k, x := range v {
		switch k {
		case "id", "_etag", "_lastModifiedDate", "link":
			continue
		}
		switch x := x.(type) {
		case map[string]any:
			out[k] = strip(x)
		case []any:
			items := make([]any, len(x))
			for i, it := range x {
				if m, ok := it.(map[string]any); ok {
					items[i] = strip(m)
				} else {
					items[i] = it
				}
			}
			out[k] = items
		default:
			out[k] = x
		}
	}
	return out
}

// documents are a server's documents of a resource as sorted canonical
// JSON, server-assigned members left out.
func documents(t testing.TB, a *api, endpoint string) []string {
	t.Helper()
	var out []string
	for offset := 0; ; offset += 500 {
		items := a.must(http.StatusOK, http.MethodGet, fmt.Sprintf("/data/ed-fi/%s?limit=500&offset=%d", endpoint, offset), nil).items(t)
		for _, it := range items {
			b, err := json.Marshal(strip(it))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, string(b))
		}
		if len(items) < 500 {
			break
		}
	}
	slices.Sort(out)
	return out
}
