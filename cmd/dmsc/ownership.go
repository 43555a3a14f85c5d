package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/edfi-dmsc/dmsc/runtime/auth"
	"github.com/jackc/pgx/v5"
)

// The ownership commands maintain what the reference's CMS maintains
// through /v3/apiClients/{id}/ownership and /v3/ownershipTokens
// (ownership-token-maintenance.md): a client's creator token and
// read/modify tokens, and the catalog of tokens.

// ownershipTakesEffect says when a changed configuration reaches running
// servers (runtime/authz caches a client's tokens for a minute).
const ownershipTakesEffect = "Running servers apply the change within a minute, to the access tokens already issued too (they carry no ownership); documents already created keep their token."

type clientOwnershipCmd struct {
	cmsDatabaseFlags
	ClientID string `arg:"" name:"client-id" help:"Client whose ownership tokens are shown."`
	JSON     bool   `name:"json" help:"Print exactly {\"creatorOwnershipTokenId\": ID|null, \"ownershipTokenIds\": [ID,...]} (ids ascending)."`
}

func (c *clientOwnershipCmd) Run(e *env) error {
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		o, err := auth.ClientOwnership(ctx, conn, c.ClientID)
		if err != nil {
			return err
		}
		return printOwnership(ctx, conn, e.stdout, o, c.JSON)
	})
}

type clientSetOwnershipCmd struct {
	cmsDatabaseFlags
	ClientID     string   `arg:"" name:"client-id" help:"Client whose ownership tokens are replaced."`
	CreatorToken string   `name:"creator-token" required:"" placeholder:"ID|none" help:"Token the client's creates are stamped with from now on (documents already created keep theirs), or none: its creates are stamped with no token, which OwnershipBased never grants."`
	Token        []string `name:"token" required:"" placeholder:"ID|none" help:"Token whose documents the client may read, update and delete under OwnershipBased (repeatable, or comma-separated; at most 1999), or none alone. The creator token is not added: list it to let the client keep its own documents."`
	JSON         bool     `name:"json" help:"Print the new configuration as client ownership --json does."`
}

func (c *clientSetOwnershipCmd) Run(e *env) error {
	o, err := c.ownership()
	if err != nil {
		return err
	}
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		stored, changed, err := auth.ReplaceClientOwnership(ctx, conn, c.ClientID, o)
		if err != nil {
			return err
		}
		if !c.JSON {
			verdict := "unchanged."
			if changed {
				verdict = "replaced. " + ownershipTakesEffect
			}
			fmt.Fprintf(e.stdout, "Ownership tokens of client %s %s\n", c.ClientID, verdict)
		}
		return printOwnership(ctx, conn, e.stdout, &stored, c.JSON)
	})
}

// ownership is the configuration the flags give.
func (c *clientSetOwnershipCmd) ownership() (auth.Ownership, error) {
	o := auth.Ownership{Tokens: []int16{}}
	if c.CreatorToken != "none" {
		id, err := parseTokenID("--creator-token", c.CreatorToken, "none")
		if err != nil {
			return o, err
		}
		o.Creator = &id
	}
	if len(c.Token) == 1 && c.Token[0] == "none" {
		return o, nil
	}
	for _, v := range c.Token {
		if v == "none" {
			return o, usageError{"--token none stands alone: it gives the client no tokens"}
		}
		id, err := parseTokenID("--token", v, "none")
		if err != nil {
			return o, err
		}
		o.Tokens = append(o.Tokens, id)
	}
	return o, nil
}

// parseTokenID parses the value of flag as a token id; keyword, when not
// empty, is the word the flag accepts instead, named in the error.
func parseTokenID(flag, value, keyword string) (int16, error) {
	id, err := strconv.ParseInt(value, 10, 16)
	if err != nil || id < 1 {
		want := "a token id (1 to 32767)"
		if keyword != "" {
			want = keyword + " or " + want
		}
		return 0, usageError{fmt.Sprintf("%s %q: want %s", flag, value, want)}
	}
	return int16(id), nil
}

// printOwnership prints a client's configuration: as JSON, the reference
// CMS's representation; as text, with the catalog's descriptions.
func printOwnership(ctx context.Context, db auth.DB, w io.Writer, o *auth.Ownership, asJSON bool) error {
	if asJSON {
		creator, _ := json.Marshal(o.Creator)
		tokens, _ := json.Marshal(o.Tokens)
		_, err := fmt.Fprintf(w, "{\"creatorOwnershipTokenId\": %s, \"ownershipTokenIds\": %s}\n", creator, tokens)
		return err
	}
	ids := o.Tokens
	if o.Creator != nil {
		ids = append([]int16{*o.Creator}, o.Tokens...)
	}
	descriptions, err := auth.OwnershipTokenDescriptions(ctx, db, ids)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if o.Creator == nil {
		fmt.Fprintln(tw, "creator token:\tnone")
	} else {
		fmt.Fprintf(tw, "creator token:\t%d\t%s\n", *o.Creator, descriptions[*o.Creator])
	}
	label := "ownership tokens:"
	if len(o.Tokens) == 0 {
		fmt.Fprintf(tw, "%s\tnone\n", label)
	}
	for _, id := range o.Tokens {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", label, id, descriptions[id])
		label = ""
	}
	return tw.Flush()
}

type ownershipTokenCmd struct {
	Create         ownershipTokenCreateCmd         `cmd:"" help:"Add a token to the catalog and print its id; dmsc client set-ownership gives it to clients."`
	List           ownershipTokenListCmd           `cmd:"" help:"List the catalog, with the clients that hold each token."`
	SetDescription ownershipTokenSetDescriptionCmd `cmd:"" name:"set-description" help:"Change a token's description, and nothing else: what a token authorizes is its id."`
}

// descriptionFlag is a catalog token's description.
type descriptionFlag struct {
	Description string `name:"description" required:"" placeholder:"TEXT" help:"Whose documents the token marks (a vendor, a district): not blank, at most 50 characters."`
}

type ownershipTokenCreateCmd struct {
	cmsDatabaseFlags
	descriptionFlag
	JSON bool `name:"json" help:"Print exactly {\"id\": ID}."`
}

func (c *ownershipTokenCreateCmd) Run(e *env) error {
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		id, err := auth.CreateOwnershipToken(ctx, conn, c.Description)
		if err != nil {
			return err
		}
		if c.JSON {
			fmt.Fprintf(e.stdout, "{\"id\": %d}\n", id)
		} else {
			fmt.Fprintf(e.stdout, "new ownership token %d\n", id)
		}
		return nil
	})
}

type ownershipTokenListCmd struct {
	cmsDatabaseFlags
	JSON bool `name:"json" help:"Print a JSON array."`
}

func (c *ownershipTokenListCmd) Run(e *env) error {
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		tokens, err := auth.ListOwnershipTokens(ctx, conn)
		if err != nil {
			return err
		}
		return printListing(e.stdout, c.JSON, tokens, "ID\tDESCRIPTION\tCREATOR TOKEN OF\tOWNERSHIP TOKEN OF\tCREATED", func(tw io.Writer) {
			for _, t := range tokens {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.Description, strings.Join(t.CreatorClientIDs, ","), strings.Join(t.ReadWriteClientIDs, ","),
					t.CreatedAt.UTC().Format(listingTimeLayout))
			}
		})
	})
}

type ownershipTokenSetDescriptionCmd struct {
	cmsDatabaseFlags
	descriptionFlag
	ID string `arg:"" name:"id" help:"Token whose description changes."`
}

func (c *ownershipTokenSetDescriptionCmd) Run(e *env) error {
	id, err := parseTokenID("ID", c.ID, "")
	if err != nil {
		return err
	}
	return c.withConn(func(ctx context.Context, conn *pgx.Conn) error {
		if err := auth.SetOwnershipTokenDescription(ctx, conn, id, c.Description); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "described ownership token %d\n", id)
		return nil
	})
}
