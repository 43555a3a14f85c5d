package validate

import "testing"

func TestPathPushPop(t *testing.T) {
	var p Path
	if p.String() != "$" || !p.IsRoot() || p.LastSegment() != "" {
		t.Fatalf("zero Path = %q", p.String())
	}
	m1 := p.PushField("addresses")
	m2 := p.PushIndex(12)
	if got := p.String(); got != "$.addresses[12]" {
		t.Fatalf("got %q", got)
	}
	if got := p.LastSegment(); got != "12" {
		t.Fatalf("LastSegment = %q", got)
	}
	if got := p.Child("city"); got != "$.addresses[12].city" {
		t.Fatalf("Child = %q", got)
	}
	m3 := p.PushField("periods")
	if got := p.ChildIndex(0); got != "$.addresses[12].periods[0]" {
		t.Fatalf("ChildIndex = %q", got)
	}
	if got := p.LastSegment(); got != "periods" {
		t.Fatalf("LastSegment = %q", got)
	}
	p.Pop(m3)
	p.Pop(m2)
	if got := p.String(); got != "$.addresses" || p.IsRoot() {
		t.Fatalf("after pops %q", got)
	}
	p.Pop(m1)
	if got := p.String(); got != "$" || !p.IsRoot() {
		t.Fatalf("after all pops %q", got)
	}
	p.PushField("x")
	p.Reset()
	if p.String() != "$" {
		t.Fatalf("Reset gave %q", p.String())
	}
}

func TestZeroPathHelpers(t *testing.T) {
	var p Path
	if got := p.Child("studentUniqueId"); got != "$.studentUniqueId" {
		t.Errorf("Child on zero Path = %q", got)
	}
	var q Path
	if got := q.ChildIndex(3); got != "$[3]" {
		t.Errorf("ChildIndex on zero Path = %q", got)
	}
}

func TestPathPushPopDoesNotAllocateWhenWarm(t *testing.T) {
	var p Path
	p.PushField("addresses")
	p.PushIndex(100)
	p.PushField("streetNumberName")
	p.Reset()
	allocs := testing.AllocsPerRun(100, func() {
		m := p.PushField("addresses")
		for i := 0; i < 3; i++ {
			mi := p.PushIndex(i)
			mf := p.PushField("streetNumberName")
			p.Pop(mf)
			p.Pop(mi)
		}
		p.Pop(m)
	})
	if allocs > 0 {
		t.Fatalf("warm Path allocates %.1f times per walk", allocs)
	}
}
