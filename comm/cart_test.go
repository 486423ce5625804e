package comm

import (
	"strings"
	"testing"
)

func TestNewCartValidates(t *testing.T) {
	if _, err := NewCart([4]int{2, 2, 1, 1}, 4); err != nil {
		t.Fatalf("NewCart({2,2,1,1}, 4): %v", err)
	}
	_, err := NewCart([4]int{2, 3, 1, 1}, 8)
	if err == nil || !strings.Contains(err.Error(), "6") || !strings.Contains(err.Error(), "8") {
		t.Fatalf("NewCart({2,3,1,1}, 8) error %v: want one naming 6 and 8 ranks", err)
	}
	if _, err := NewCart([4]int{2, 0, 1, 1}, 0); err == nil {
		t.Fatal("NewCart with a zero extent succeeded")
	}
}

func TestCartRankOrder(t *testing.T) {
	g := Cart{Dims: [4]int{3, 2, 4, 5}}
	if g.Size() != 120 {
		t.Fatalf("Size = %d, want 120", g.Size())
	}
	for r := range g.Size() {
		c := g.Coords(r)
		if want := c[0] + 3*(c[1]+2*(c[2]+4*c[3])); want != r {
			t.Fatalf("Coords(%d) = %v, which the formula maps to %d", r, c, want)
		}
		if g.RankOf(c) != r {
			t.Fatalf("RankOf(Coords(%d)) = %d", r, g.RankOf(c))
		}
		// Periodic wrap, negative coordinates included.
		w := [4]int{c[0] - 3, c[1] + 2*5, c[2] - 4*7, c[3] + 5}
		if g.RankOf(w) != r {
			t.Fatalf("RankOf(%v) = %d, want %d (wrapped %v)", w, g.RankOf(w), r, c)
		}
	}
	if got := g.Coords(1 + 3*1 + 6*2 + 24*4); got != [4]int{1, 1, 2, 4} {
		t.Fatalf("Coords = %v, want [1 1 2 4]", got)
	}
}

func TestCartNeighbour(t *testing.T) {
	g := Cart{Dims: [4]int{3, 2, 1, 4}}
	for r := range g.Size() {
		c := g.Coords(r)
		for mu := range 4 {
			for _, dir := range []int{1, -1} {
				want := c
				want[mu] = (c[mu] + dir + g.Dims[mu]) % g.Dims[mu]
				if got := g.Coords(g.Neighbour(r, mu, dir)); got != want {
					t.Fatalf("Neighbour(%d, %d, %+d) at %v has coordinates %v, want %v", r, mu, dir, c, got, want)
				}
			}
		}
		if g.Neighbour(r, 2, 1) != r {
			t.Fatalf("neighbour in a direction of extent 1 is not the rank itself")
		}
	}
}

func TestCartPanicsOnBadArguments(t *testing.T) {
	g := Cart{Dims: [4]int{2, 1, 1, 1}}
	for name, f := range map[string]func(){
		"Coords(2)":         func() { g.Coords(2) },
		"Coords(-1)":        func() { g.Coords(-1) },
		"Neighbour mu=4":    func() { g.Neighbour(0, 4, 1) },
		"Neighbour dir=0":   func() { g.Neighbour(0, 0, 0) },
		"Neighbour dir=2":   func() { g.Neighbour(0, 0, 2) },
		"Neighbour rank=-1": func() { g.Neighbour(-1, 0, 1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}

func TestTestGrids(t *testing.T) {
	for n, want := range map[int][4]int{1: {1, 1, 1, 1}, 2: {2, 1, 1, 1}, 3: {3, 1, 1, 1}, 4: {2, 2, 1, 1}, 8: {2, 2, 2, 1}, 12: {3, 2, 2, 1}} {
		if got := testGrids(n)[0]; got != want {
			t.Errorf("testGrids(%d)[0] = %v, want %v", n, got, want)
		}
	}
}
