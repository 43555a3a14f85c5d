package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/edfi-dmsc/dmsc/compiler/fixture"
)

type fixtureCmd struct {
	Run fixtureRunCmd `cmd:"" help:"Run every fixture folder (fixture.json + expected/) under the given directories."`
}

type fixtureRunCmd struct {
	Dirs     []string `arg:"" type:"existingdir" help:"Directories to search for fixture folders."`
	Update   bool     `help:"Bless: copy the produced files over expected/ instead of comparing."`
	RepoRoot string   `type:"existingdir" help:"Directory that \"repo:\" inputs are relative to."`
	Actual   string   `default:"out/fixtures" type:"path" help:"Directory that receives each fixture's produced files, under the fixture's path relative to its search directory."`
}

func (c *fixtureRunCmd) Run(e *env) error {
	failed, total := 0, 0
	for _, root := range c.Dirs {
		dirs, err := fixture.Discover(root)
		if err != nil {
			return err
		}
		for _, dir := range dirs {
			total++
			rel, err := filepath.Rel(root, dir)
			if err != nil {
				return err
			}
			res, err := fixture.Run(dir, fixture.Options{RepoRoot: c.RepoRoot, Strict: fixture.StrictFor(dir), Update: c.Update,
				ActualDir: filepath.Join(c.Actual, filepath.Base(filepath.Clean(root)), rel, "actual")})
			if errors.Is(err, fixture.ErrUnresolvedInput) {
				fmt.Fprintf(e.stdout, "UNRESOLVED %s: %v\n", dir, err)
				continue
			}
			if err != nil {
				failed++
				fmt.Fprintf(e.stdout, "ERROR   %s: %v\n", dir, err)
				continue
			}
			verdict := "ok     "
			if res.Failed() {
				failed++
				verdict = "FAILED "
			}
			fmt.Fprintf(e.stdout, "%s %s (%d match, %d pending)\n", verdict, dir, res.Count(fixture.Match), res.Count(fixture.Pending))
			for _, f := range res.Files {
				if f.Status != fixture.Match && f.Status != fixture.Pending {
					fmt.Fprintf(e.stdout, "    %-8s %s %s\n", f.Status, f.Name, f.Detail)
				}
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d fixtures failed", failed, total)
	}
	return nil
}
