package gogen

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// ImportPathFor derives the import path of the package in dir from the
// go.mod of the module containing it (dir need not exist yet).
func ImportPathFor(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			mod, err := modulePath(b)
			if err != nil {
				return "", fmt.Errorf("%s: %w", filepath.Join(d, "go.mod"), err)
			}
			rel, err := filepath.Rel(d, abs)
			if err != nil {
				return "", err
			}
			return path.Join(mod, filepath.ToSlash(rel)), nil
		}
		if !os.IsNotExist(err) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%s is not inside a Go module (no go.mod above it); pass --import-path", abs)
		}
	}
}

// modulePath reads the module directive of a go.mod file.
func modulePath(gomod []byte) (string, error) {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		rest, _, _ = strings.Cut(rest, "//")
		rest = strings.TrimSpace(rest)
		if unq, err := strconv.Unquote(rest); err == nil {
			rest = unq
		}
		if rest != "" {
			return rest, nil
		}
	}
	return "", fmt.Errorf("no module directive")
}

// ModuleFiles returns the go.mod and go.sum of a module at modulePath that
// holds a generated server and links with the dmsc checkout in dmscDir
// through a replace directive (the module is not published). They make the
// module build as written, with the default checksum settings and without
// the network when the module cache holds what the checkout's own build
// downloaded:
//   - go.mod requires, besides dmsc, every module the dmsc go.mod requires
//     at the same version, so the go tool has no requirement to add (a
//     build runs with -mod=readonly by default);
//   - go.sum is the checkout's go.sum, which holds the checksums of that
//     whole module graph, so nothing has to be looked up in the checksum
//     database (sum.golang.org).
//
// go.mod carries the generated-code header, so WriteDir may replace a
// directory holding these files.
func ModuleFiles(modulePath, dmscDir string) (Files, error) {
	if modulePath == "" || strings.ContainsAny(modulePath, " \t\"'`") {
		return nil, fmt.Errorf("module path %q is not usable", modulePath)
	}
	dir, err := filepath.Abs(dmscDir)
	if err != nil {
		return nil, err
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("the dmsc module directory: %w", err)
	}
	dep, err := parseGoMod(gomod)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "go.mod"), err)
	}
	if dep.module != dmscModule {
		return nil, fmt.Errorf("%s is module %q, not %s: point at a dmsc checkout", filepath.Join(dir, "go.mod"), dep.module, dmscModule)
	}
	gosum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	if err != nil {
		return nil, fmt.Errorf("the dmsc module directory: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// %s\n\nmodule %s\n\n", Header, modulePath)
	if dep.goVersion != "" {
		fmt.Fprintf(&b, "go %s\n\n", dep.goVersion)
	}
	fmt.Fprintf(&b, "require %s v0.0.0\n\n", dmscModule)
	if len(dep.requires) > 0 {
		b.WriteString("// The requirements of the dmsc module: the build finds every module it\n// needs listed, and go.sum (dmsc's own) holds their checksums.\nrequire (\n")
		for _, r := range dep.requires {
			fmt.Fprintf(&b, "\t%s // indirect\n", r)
		}
		b.WriteString(")\n\n")
	}
	fmt.Fprintf(&b, "replace %s => %s\n", dmscModule, goModString(dir))
	return Files{"go.mod": []byte(b.String()), "go.sum": gosum}, nil
}

// goModFile is what ModuleFiles needs from a go.mod.
type goModFile struct {
	module, goVersion string
	requires          []string // "path version"
}

// parseGoMod reads the module, go and require directives. A replace
// directive is refused: replacements apply only in the main module, so a
// module depending on this one would silently build something else.
func parseGoMod(src []byte) (*goModFile, error) {
	f := &goModFile{}
	var err error
	if f.module, err = modulePath(src); err != nil {
		return nil, err
	}
	inRequire := false
	for n, line := range strings.Split(string(src), "\n") {
		line, _, _ = strings.Cut(line, "//")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
		case inRequire && fields[0] == ")":
			inRequire = false
		case inRequire && len(fields) == 2:
			f.requires = append(f.requires, fields[0]+" "+fields[1])
		case fields[0] == "require" && len(fields) == 2 && fields[1] == "(":
			inRequire = true
		case fields[0] == "require" && len(fields) == 3:
			f.requires = append(f.requires, fields[1]+" "+fields[2])
		case fields[0] == "go" && len(fields) == 2:
			f.goVersion = fields[1]
		case fields[0] == "replace":
			return nil, fmt.Errorf("line %d: replace directives are not carried into a generated module; remove it or replace the dependency there", n+1)
		case inRequire || fields[0] == "require":
			return nil, fmt.Errorf("line %d: cannot read the requirement %q", n+1, strings.TrimSpace(line))
		}
	}
	if inRequire {
		return nil, fmt.Errorf("unterminated require block")
	}
	return f, nil
}

// goModString quotes s for a go.mod when the go.mod syntax needs it
// (spaces, quotes, brackets, comment markers, unprintable runes).
func goModString(s string) string {
	quote := s == "" || strings.Contains(s, "//") || strings.Contains(s, "/*")
	for _, r := range s {
		quote = quote || strings.ContainsRune(" \"'`()[]{},", r) || !unicode.IsPrint(r)
	}
	if quote {
		return strconv.Quote(s)
	}
	return s
}
