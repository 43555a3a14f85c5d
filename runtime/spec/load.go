package spec

// The three loads of a table (TableWrite.LoadByUUID, LoadByReferentialID,
// LoadByDocumentIDs) select the same stored columns and differ only in
// which documents they select. The compiler writes them with
// LoadStatements from the table's Load and LoadOrder; a generated plan
// carries only those two, and the generated package completes its plans
// when it initializes (Schema.CompleteStatements), so a server binary
// holds each table's column list once rather than three times (a DS 3.2a
// server has 722 write tables). The same goes for a read table's ByID and
// Page (ReadTable.Select).

// LoadStatements completes head, a table's load up to the documents it
// selects ("SELECT <the stored columns as text>\nFROM <table> t\nWHERE
// t.<its document column> = "), and order ("" or "\nORDER BY
// t.<its Ordinal column>") into the table's three loads: $1 is the
// document's DocumentUuid, its ReferentialId, or the DocumentIds (a
// bigint[]) of the documents.
func LoadStatements(head, order string) (byUUID, byReferentialID, byDocumentIDs string) {
	return head + `(SELECT "DocumentId" FROM "dms"."Document" WHERE "DocumentUuid" = $1)` + order,
		head + `(SELECT "DocumentId" FROM "dms"."ReferentialIdentity" WHERE "ReferentialId" = $1)` + order,
		head + `ANY($1::bigint[])` + order
}

// CompleteStatements fills in the statements a generated plan carries in
// parts: the loads of every table write that has a Load and no loads yet
// (LoadStatements), and the ByID and Page of every read table that has a
// Select and no ByID yet.
func (s *Schema) CompleteStatements() {
	for _, r := range s.Resources {
		if w := r.Write; w != nil {
			for i := range w.Tables {
				if tw := &w.Tables[i]; tw.Load != "" && tw.LoadByUUID == "" {
					tw.CompleteLoads()
				}
			}
		}
		if rp := r.Read; rp != nil {
			for _, rt := range rp.Tables {
				if rt.Select != "" && rt.ByID == "" {
					rt.CompleteStatements()
				}
			}
		}
	}
}

// CompleteLoads sets the three loads of tw from its Load and LoadOrder.
func (tw *TableWrite) CompleteLoads() {
	tw.LoadByUUID, tw.LoadByReferentialID, tw.LoadByDocumentIDs = LoadStatements(tw.Load, tw.LoadOrder)
}

// CompleteStatements sets the ByID and Page of rt from its Select and
// filters.
func (rt *ReadTable) CompleteStatements() {
	rt.ByID, rt.Page = rt.Select+rt.ByIDFilter, rt.Select+rt.PageFilter
}
