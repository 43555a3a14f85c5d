package ddl

// Fixed SQL bodies of the core objects. Their exact text is part of the
// contract with the reference implementation (its fixtures compare scripts
// line by line), so they are kept verbatim rather than assembled.

// pgsqlCoreFunctions: change-version reader, error helper used by generated
// triggers, and the RFC 4122 UUIDv5 used for referential ids.
const pgsqlCoreFunctions = `
CREATE OR REPLACE FUNCTION "dms"."GetMaxChangeVersion"() RETURNS bigint AS
$GetMaxChangeVersion$
DECLARE
    result bigint;
BEGIN
    SELECT last_value FROM "dms"."ChangeVersionSequence" INTO result;
    RETURN result;
END
$GetMaxChangeVersion$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "dms"."throw_error"(code text, msg text)
RETURNS integer
LANGUAGE plpgsql
AS $throw_error$
BEGIN
    RAISE EXCEPTION '%', msg USING ERRCODE = code;
END
$throw_error$;

CREATE OR REPLACE FUNCTION "dms"."uuidv5"(namespace_uuid uuid, name_text text)
RETURNS uuid
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
AS $uuidv5$
DECLARE
    hash bytea;
BEGIN
    hash := digest(
        decode(replace(namespace_uuid::text, '-', ''), 'hex')
        || convert_to(name_text, 'UTF8'),
        'sha1'
    );
    hash := set_byte(hash, 6, (get_byte(hash, 6) & x'0f'::int) | x'50'::int);
    hash := set_byte(hash, 8, (get_byte(hash, 8) & x'3f'::int) | x'80'::int);
    RETURN encode(substring(hash from 1 for 16), 'hex')::uuid;
END
$uuidv5$;
`

// mssqlCoreFunctions: change-version reader, UUIDv5, and the table types
// used to pass id lists as table-valued parameters.
const mssqlCoreFunctions = `
GO
CREATE OR ALTER FUNCTION [dms].[GetMaxChangeVersion]()
RETURNS bigint
AS
BEGIN
    DECLARE @Result bigint;
    SELECT @Result = CONVERT(bigint, seq.current_value) FROM sys.sequences seq
    INNER JOIN sys.schemas sch
    ON seq.schema_id = sch.schema_id
    WHERE seq.name = 'ChangeVersionSequence' AND sch.name = 'dms';
    RETURN @Result;
END;
GO
CREATE OR ALTER FUNCTION [dms].[uuidv5](@namespace_uuid uniqueidentifier, @name_text nvarchar(max))
RETURNS uniqueidentifier
WITH SCHEMABINDING
AS
BEGIN
    DECLARE @ns_bytes varbinary(16) = CAST(@namespace_uuid AS varbinary(16));

    -- Convert SQL Server mixed-endian to RFC 4122 big-endian for hashing
    DECLARE @ns_be varbinary(16) =
        SUBSTRING(@ns_bytes, 4, 1) + SUBSTRING(@ns_bytes, 3, 1)
        + SUBSTRING(@ns_bytes, 2, 1) + SUBSTRING(@ns_bytes, 1, 1)
        + SUBSTRING(@ns_bytes, 6, 1) + SUBSTRING(@ns_bytes, 5, 1)
        + SUBSTRING(@ns_bytes, 8, 1) + SUBSTRING(@ns_bytes, 7, 1)
        + SUBSTRING(@ns_bytes, 9, 8);

    -- Apply UTF-8 collation to the nvarchar source before casting to varchar so the
    -- conversion uses code page 65001 directly, matching Core (Encoding.UTF8) and
    -- PostgreSQL (convert_to ... 'UTF8') for non-ASCII characters.
    DECLARE @name_bytes varbinary(max) = CAST(CAST(@name_text COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS varchar(max)) AS varbinary(max));

    DECLARE @hash varbinary(20) = HASHBYTES('SHA1', @ns_be + @name_bytes);

    -- Take first 16 bytes and set version/variant bits
    DECLARE @result varbinary(16) = SUBSTRING(@hash, 1, 16);

    DECLARE @byte6 int = CAST(SUBSTRING(@result, 7, 1) AS int);
    SET @result = SUBSTRING(@result, 1, 6)
        + CAST((@byte6 & 0x0F) | 0x50 AS binary(1))
        + SUBSTRING(@result, 8, 9);

    DECLARE @byte8 int = CAST(SUBSTRING(@result, 9, 1) AS int);
    SET @result = SUBSTRING(@result, 1, 8)
        + CAST((@byte8 & 0x3F) | 0x80 AS binary(1))
        + SUBSTRING(@result, 10, 7);

    -- Convert big-endian result back to SQL Server mixed-endian
    RETURN CAST(
        SUBSTRING(@result, 4, 1) + SUBSTRING(@result, 3, 1)
        + SUBSTRING(@result, 2, 1) + SUBSTRING(@result, 1, 1)
        + SUBSTRING(@result, 6, 1) + SUBSTRING(@result, 5, 1)
        + SUBSTRING(@result, 8, 1) + SUBSTRING(@result, 7, 1)
        + SUBSTRING(@result, 9, 8)
        AS uniqueidentifier);
END;
GO

IF NOT EXISTS (
    SELECT 1 FROM sys.types t
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'dms'
      AND t.name = N'BigIntTable'
      AND t.is_table_type = 1
)
CREATE TYPE [dms].[BigIntTable] AS TABLE(
    [Id] bigint NOT NULL
);

IF NOT EXISTS (
    SELECT 1 FROM sys.types t
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'dms'
      AND t.name = N'UniqueIdentifierTable'
      AND t.is_table_type = 1
)
CREATE TYPE [dms].[UniqueIdentifierTable] AS TABLE(
    [Id] uniqueidentifier NOT NULL
);
`

// pgsqlDescriptorTriggerTemplate is the PostgreSQL stamping trigger of
// dms.Descriptor. Unlike the rest of this file it deliberately differs from
// the reference's text (docs/ddl-differences.md): the reference stamps the
// row AFTER it is written, with a second UPDATE of the row just inserted;
// this one sets the stamps on the row BEFORE it is written, as the
// reference's own resource root tables do. ddlcompare rewrites the
// reference's form into this one for the comparison.
const pgsqlDescriptorTriggerTemplate = `
CREATE OR REPLACE FUNCTION "dms"."TF_Descriptor_Stamp_Document"()
RETURNS TRIGGER AS $func$
DECLARE
    _resourceKeyId smallint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
{{tombstone}}
        RETURN OLD;
    END IF;
    SELECT "ResourceKeyId", "ContentVersion", "ContentLastModifiedAt"
    INTO _resourceKeyId, _stampedContentVersion, _stampedContentLastModifiedAt
    FROM "dms"."Document"
    WHERE "DocumentId" = NEW."DocumentId";
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    IF _resourceKeyId <> NEW."ResourceKeyId" THEN
        RAISE EXCEPTION 'dms.Descriptor.ResourceKeyId % diverges from the owning dms.Document row for DocumentId %', NEW."ResourceKeyId", NEW."DocumentId";
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NOT ({{changed}}) THEN
            RETURN NEW;
        END IF;
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
    END IF;
    NEW."ContentVersion" := _stampedContentVersion;
    NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Descriptor_Stamp_Document" ON "dms"."Descriptor";
CREATE TRIGGER "TR_Descriptor_Stamp_Document"
    BEFORE INSERT OR UPDATE OR DELETE ON "dms"."Descriptor"
    FOR EACH ROW
    EXECUTE FUNCTION "dms"."TF_Descriptor_Stamp_Document"();
`

const mssqlDescriptorTriggerTemplate = `
GO
CREATE OR ALTER TRIGGER [dms].[TR_Descriptor_Stamp_Document]
ON [dms].[Descriptor]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (
        SELECT 1
        FROM inserted i
        INNER JOIN [dms].[Document] d ON d.[DocumentId] = i.[DocumentId]
        WHERE i.[ResourceKeyId] <> d.[ResourceKeyId]
    )
    BEGIN
        THROW 50000, N'dms.Descriptor.ResourceKeyId diverges from the owning dms.Document row.', 1;
    END
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    INSERT INTO @stamped ([DocumentId], [ContentVersion], [ContentLastModifiedAt])
    SELECT d.[DocumentId], d.[ContentVersion], d.[ContentLastModifiedAt]
    FROM [dms].[Document] d
    INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
    LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
    WHERE del.[DocumentId] IS NULL;
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR {{updated}})
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ({{changed}})
            UNION ALL
            SELECT del.[DocumentId]
            FROM deleted del
            LEFT JOIN inserted i ON i.[DocumentId] = del.[DocumentId]
            WHERE i.[DocumentId] IS NULL
        )
        UPDATE d
        SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
        FROM [dms].[Document] d
        INNER JOIN affectedDocs a ON d.[DocumentId] = a.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [dms].[Descriptor] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
{{tombstone}}
END;
GO
`

// pgsqlDescriptorTombstone records a deleted descriptor in the shared
// descriptor tracked-change table (DELETE branch of the stamping trigger).
const pgsqlDescriptorTombstone = `        INSERT INTO {{table}} (
            "Discriminator",
            "OldNamespace",
            "OldCodeValue",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."Discriminator",
            OLD."Namespace",
            OLD."CodeValue",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
`

// mssqlDescriptorTombstone is the SQL Server form of pgsqlDescriptorTombstone.
const mssqlDescriptorTombstone = `    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO {{table}} (
            [Discriminator],
            [OldNamespace],
            [OldCodeValue],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[Discriminator],
            del.[Namespace],
            del.[CodeValue],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
`
