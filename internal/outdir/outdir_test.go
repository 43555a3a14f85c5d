package outdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReplaceLeavesExactlyTheGivenFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := Replace(dir, map[string][]byte{"old.txt": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	if err := Replace(dir, map[string][]byte{"a.txt": []byte("a"), "sub/b.txt": []byte("b")}); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel)+"="+string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(got, ","); s != "a.txt=a,sub/b.txt=b" {
		t.Errorf("directory holds %s", s)
	}
	siblings, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(siblings) != 1 {
		t.Errorf("temporary directories left beside the output: %v", siblings)
	}
}

func TestReplaceRefusesAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out")
	if err := os.WriteFile(path, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Replace(path, map[string][]byte{"a.txt": nil})
	if err == nil || !strings.Contains(err.Error(), "is not a directory") {
		t.Fatalf("got %v, want a not-a-directory error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep" {
		t.Errorf("the file was changed to %q", b)
	}
}
