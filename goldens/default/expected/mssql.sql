-- ==========================================================
-- Phase 0: Bounded Provisioning Guards
-- ==========================================================

-- Preflight: validate EffectiveSchema hash compatibility
DECLARE @preflight_stored_hash nvarchar(200);

IF OBJECT_ID(N'dms.EffectiveSchema', N'U') IS NOT NULL
BEGIN
    SELECT @preflight_stored_hash = [EffectiveSchemaHash] FROM [dms].[EffectiveSchema]
    WHERE [EffectiveSchemaSingletonId] = 1;
    IF @preflight_stored_hash IS NOT NULL AND @preflight_stored_hash <> N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6'
    BEGIN
        DECLARE @preflight_msg nvarchar(500) = CONCAT(N'EffectiveSchemaHash mismatch: database has ''', @preflight_stored_hash, N''' but expected ''', N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6', N'''');
        THROW 50000, @preflight_msg, 1;
    END
END

-- ==========================================================
-- Phase 1: Schemas
-- ==========================================================

IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'dms')
    EXEC('CREATE SCHEMA [dms]');

-- ==========================================================
-- Phase 3: Sequences
-- ==========================================================

IF NOT EXISTS (
    SELECT 1 FROM sys.sequences s
    JOIN sys.schemas sch ON s.schema_id = sch.schema_id
    WHERE sch.name = N'dms' AND s.name = N'ChangeVersionSequence'
)
CREATE SEQUENCE [dms].[ChangeVersionSequence] START WITH 1;

IF NOT EXISTS (
    SELECT 1 FROM sys.sequences s
    JOIN sys.schemas sch ON s.schema_id = sch.schema_id
    WHERE sch.name = N'dms' AND s.name = N'CollectionItemIdSequence'
)
CREATE SEQUENCE [dms].[CollectionItemIdSequence] START WITH 1;

-- ==========================================================
-- Phase 4: Functions and Types
-- ==========================================================

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

-- ==========================================================
-- Phase 5: Tables (PK/UNIQUE/CHECK only, no cross-table FKs)
-- ==========================================================

IF OBJECT_ID(N'dms.Descriptor', N'U') IS NULL
CREATE TABLE [dms].[Descriptor]
(
    [DocumentId] bigint NOT NULL,
    [ResourceKeyId] smallint NOT NULL,
    [Namespace] nvarchar(255) NOT NULL,
    [CodeValue] nvarchar(50) NOT NULL,
    [ShortDescription] nvarchar(75) NOT NULL,
    [Description] nvarchar(1024) NULL,
    [EffectiveBeginDate] date NULL,
    [EffectiveEndDate] date NULL,
    [Discriminator] nvarchar(128) NOT NULL,
    [Uri] nvarchar(306) NOT NULL,
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Descriptor_ContentVersion] DEFAULT 0,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Descriptor_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_Descriptor] PRIMARY KEY CLUSTERED ([DocumentId])
);

IF NOT EXISTS (
    SELECT 1 FROM sys.key_constraints
    WHERE name = N'UX_Descriptor_Uri_Discriminator' AND type = 'UQ' AND parent_object_id = OBJECT_ID(N'dms.Descriptor')
)
ALTER TABLE [dms].[Descriptor]
ADD CONSTRAINT [UX_Descriptor_Uri_Discriminator] UNIQUE ([Uri], [Discriminator]);

IF OBJECT_ID(N'dms.Document', N'U') IS NULL
CREATE TABLE [dms].[Document]
(
    [DocumentId] bigint IDENTITY(1,1) NOT NULL,
    [DocumentUuid] uniqueidentifier NOT NULL,
    [ResourceKeyId] smallint NOT NULL,
    [CreatedByOwnershipTokenId] smallint NULL,
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Document_ContentVersion] DEFAULT (NEXT VALUE FOR [dms].[ChangeVersionSequence]),
    [IdentityVersion] bigint NOT NULL CONSTRAINT [DF_Document_IdentityVersion] DEFAULT (NEXT VALUE FOR [dms].[ChangeVersionSequence]),
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Document_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [IdentityLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Document_IdentityLastModifiedAt] DEFAULT (sysutcdatetime()),
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Document_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_Document] PRIMARY KEY CLUSTERED ([DocumentId])
);

IF NOT EXISTS (
    SELECT 1 FROM sys.key_constraints
    WHERE name = N'UX_Document_DocumentUuid' AND type = 'UQ' AND parent_object_id = OBJECT_ID(N'dms.Document')
)
ALTER TABLE [dms].[Document]
ADD CONSTRAINT [UX_Document_DocumentUuid] UNIQUE ([DocumentUuid]);

IF OBJECT_ID(N'dms.EffectiveSchema', N'U') IS NULL
CREATE TABLE [dms].[EffectiveSchema]
(
    [EffectiveSchemaSingletonId] smallint NOT NULL,
    [ApiSchemaFormatVersion] nvarchar(64) NOT NULL,
    [EffectiveSchemaHash] nvarchar(64) NOT NULL,
    [ResourceKeyCount] smallint NOT NULL,
    [ResourceKeySeedHash] binary(32) NOT NULL,
    [AppliedAt] datetime2(7) NOT NULL CONSTRAINT [DF_EffectiveSchema_AppliedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_EffectiveSchema] PRIMARY KEY CLUSTERED ([EffectiveSchemaSingletonId])
);

IF NOT EXISTS (
    SELECT 1 FROM sys.check_constraints
    WHERE name = N'CK_EffectiveSchema_Singleton' AND parent_object_id = OBJECT_ID(N'dms.EffectiveSchema')
)
ALTER TABLE [dms].[EffectiveSchema]
ADD CONSTRAINT [CK_EffectiveSchema_Singleton] CHECK ([EffectiveSchemaSingletonId] = 1);

IF NOT EXISTS (
    SELECT 1 FROM sys.check_constraints
    WHERE name = N'CK_EffectiveSchema_ApiSchemaFormatVersion_NotBlank' AND parent_object_id = OBJECT_ID(N'dms.EffectiveSchema')
)
ALTER TABLE [dms].[EffectiveSchema]
ADD CONSTRAINT [CK_EffectiveSchema_ApiSchemaFormatVersion_NotBlank] CHECK (LEN(LTRIM(RTRIM([ApiSchemaFormatVersion]))) > 0);

IF NOT EXISTS (
    SELECT 1 FROM sys.key_constraints
    WHERE name = N'UX_EffectiveSchema_EffectiveSchemaHash' AND type = 'UQ' AND parent_object_id = OBJECT_ID(N'dms.EffectiveSchema')
)
ALTER TABLE [dms].[EffectiveSchema]
ADD CONSTRAINT [UX_EffectiveSchema_EffectiveSchemaHash] UNIQUE ([EffectiveSchemaHash]);

IF OBJECT_ID(N'dms.ReferentialIdentity', N'U') IS NULL
CREATE TABLE [dms].[ReferentialIdentity]
(
    [ReferentialId] uniqueidentifier NOT NULL,
    [DocumentId] bigint NOT NULL,
    [ResourceKeyId] smallint NOT NULL,
    CONSTRAINT [PK_ReferentialIdentity] PRIMARY KEY NONCLUSTERED ([ReferentialId]),
    CONSTRAINT [UX_ReferentialIdentity_DocumentId_ResourceKeyId] UNIQUE CLUSTERED ([DocumentId], [ResourceKeyId])
);

IF OBJECT_ID(N'dms.ResourceKey', N'U') IS NULL
CREATE TABLE [dms].[ResourceKey]
(
    [ResourceKeyId] smallint NOT NULL,
    [ProjectName] nvarchar(256) NOT NULL,
    [ResourceName] nvarchar(256) NOT NULL,
    [ResourceVersion] nvarchar(32) NOT NULL,
    CONSTRAINT [PK_ResourceKey] PRIMARY KEY CLUSTERED ([ResourceKeyId])
);

IF NOT EXISTS (
    SELECT 1 FROM sys.key_constraints
    WHERE name = N'UX_ResourceKey_ProjectName_ResourceName' AND type = 'UQ' AND parent_object_id = OBJECT_ID(N'dms.ResourceKey')
)
ALTER TABLE [dms].[ResourceKey]
ADD CONSTRAINT [UX_ResourceKey_ProjectName_ResourceName] UNIQUE ([ProjectName], [ResourceName]);

IF OBJECT_ID(N'dms.SchemaComponent', N'U') IS NULL
CREATE TABLE [dms].[SchemaComponent]
(
    [EffectiveSchemaHash] nvarchar(64) NOT NULL,
    [ProjectEndpointName] nvarchar(128) NOT NULL,
    [ProjectName] nvarchar(256) NOT NULL,
    [ProjectVersion] nvarchar(32) NOT NULL,
    [IsExtensionProject] bit NOT NULL,
    CONSTRAINT [PK_SchemaComponent] PRIMARY KEY CLUSTERED ([EffectiveSchemaHash], [ProjectEndpointName])
);

-- ==========================================================
-- Phase 6: Foreign Keys
-- ==========================================================

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Descriptor_Document' AND parent_object_id = OBJECT_ID(N'dms.Descriptor')
)
ALTER TABLE [dms].[Descriptor]
ADD CONSTRAINT [FK_Descriptor_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Descriptor_ResourceKey' AND parent_object_id = OBJECT_ID(N'dms.Descriptor')
)
ALTER TABLE [dms].[Descriptor]
ADD CONSTRAINT [FK_Descriptor_ResourceKey]
FOREIGN KEY ([ResourceKeyId])
REFERENCES [dms].[ResourceKey] ([ResourceKeyId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Document_ResourceKey' AND parent_object_id = OBJECT_ID(N'dms.Document')
)
ALTER TABLE [dms].[Document]
ADD CONSTRAINT [FK_Document_ResourceKey]
FOREIGN KEY ([ResourceKeyId])
REFERENCES [dms].[ResourceKey] ([ResourceKeyId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_ReferentialIdentity_Document' AND parent_object_id = OBJECT_ID(N'dms.ReferentialIdentity')
)
ALTER TABLE [dms].[ReferentialIdentity]
ADD CONSTRAINT [FK_ReferentialIdentity_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_ReferentialIdentity_ResourceKey' AND parent_object_id = OBJECT_ID(N'dms.ReferentialIdentity')
)
ALTER TABLE [dms].[ReferentialIdentity]
ADD CONSTRAINT [FK_ReferentialIdentity_ResourceKey]
FOREIGN KEY ([ResourceKeyId])
REFERENCES [dms].[ResourceKey] ([ResourceKeyId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchemaComponent_EffectiveSchemaHash' AND parent_object_id = OBJECT_ID(N'dms.SchemaComponent')
)
ALTER TABLE [dms].[SchemaComponent]
ADD CONSTRAINT [FK_SchemaComponent_EffectiveSchemaHash]
FOREIGN KEY ([EffectiveSchemaHash])
REFERENCES [dms].[EffectiveSchema] ([EffectiveSchemaHash])
ON DELETE CASCADE
ON UPDATE NO ACTION;

-- ==========================================================
-- Phase 7: Indexes
-- ==========================================================

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'dms' AND t.name = N'Descriptor' AND i.name = N'IX_Descriptor_ResourceKeyId_DocumentId'
)
CREATE INDEX [IX_Descriptor_ResourceKeyId_DocumentId] ON [dms].[Descriptor] ([ResourceKeyId], [DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'dms' AND t.name = N'Document' AND i.name = N'IX_Document_CreatedByOwnershipTokenId'
)
CREATE INDEX [IX_Document_CreatedByOwnershipTokenId] ON [dms].[Document] ([CreatedByOwnershipTokenId]);

-- ==========================================================
-- Phase 8: Triggers
-- ==========================================================

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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([Namespace]) OR UPDATE([CodeValue]) OR UPDATE([ShortDescription]) OR UPDATE([Description]) OR UPDATE([EffectiveBeginDate]) OR UPDATE([EffectiveEndDate]) OR UPDATE([Discriminator]) OR UPDATE([Uri]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((CAST(i.[Namespace] AS varbinary(max)) <> CAST(del.[Namespace] AS varbinary(max)) OR (i.[Namespace] IS NULL AND del.[Namespace] IS NOT NULL) OR (i.[Namespace] IS NOT NULL AND del.[Namespace] IS NULL)) OR (CAST(i.[CodeValue] AS varbinary(max)) <> CAST(del.[CodeValue] AS varbinary(max)) OR (i.[CodeValue] IS NULL AND del.[CodeValue] IS NOT NULL) OR (i.[CodeValue] IS NOT NULL AND del.[CodeValue] IS NULL)) OR (CAST(i.[ShortDescription] AS varbinary(max)) <> CAST(del.[ShortDescription] AS varbinary(max)) OR (i.[ShortDescription] IS NULL AND del.[ShortDescription] IS NOT NULL) OR (i.[ShortDescription] IS NOT NULL AND del.[ShortDescription] IS NULL)) OR (CAST(i.[Description] AS varbinary(max)) <> CAST(del.[Description] AS varbinary(max)) OR (i.[Description] IS NULL AND del.[Description] IS NOT NULL) OR (i.[Description] IS NOT NULL AND del.[Description] IS NULL)) OR (i.[EffectiveBeginDate] <> del.[EffectiveBeginDate] OR (i.[EffectiveBeginDate] IS NULL AND del.[EffectiveBeginDate] IS NOT NULL) OR (i.[EffectiveBeginDate] IS NOT NULL AND del.[EffectiveBeginDate] IS NULL)) OR (i.[EffectiveEndDate] <> del.[EffectiveEndDate] OR (i.[EffectiveEndDate] IS NULL AND del.[EffectiveEndDate] IS NOT NULL) OR (i.[EffectiveEndDate] IS NOT NULL AND del.[EffectiveEndDate] IS NULL)) OR (CAST(i.[Discriminator] AS varbinary(max)) <> CAST(del.[Discriminator] AS varbinary(max)) OR (i.[Discriminator] IS NULL AND del.[Discriminator] IS NOT NULL) OR (i.[Discriminator] IS NOT NULL AND del.[Discriminator] IS NULL)) OR (CAST(i.[Uri] AS varbinary(max)) <> CAST(del.[Uri] AS varbinary(max)) OR (i.[Uri] IS NULL AND del.[Uri] IS NOT NULL) OR (i.[Uri] IS NOT NULL AND del.[Uri] IS NULL)))
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
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[Descriptor] (
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
END;
GO

IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'edfi')
    EXEC('CREATE SCHEMA [edfi]');
IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'sample')
    EXEC('CREATE SCHEMA [sample]');
IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'auth')
    EXEC('CREATE SCHEMA [auth]');
IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'tracked_changes_edfi')
    EXEC('CREATE SCHEMA [tracked_changes_edfi]');
IF NOT EXISTS (SELECT 1 FROM sys.schemas WHERE name = N'tracked_changes_sample')
    EXEC('CREATE SCHEMA [tracked_changes_sample]');

IF OBJECT_ID(N'edfi.ClassPeriod', N'U') IS NULL
CREATE TABLE [edfi].[ClassPeriod]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_ClassPeriod_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_ClassPeriod_ContentVersion] DEFAULT 0,
    [School_DocumentId] bigint NOT NULL,
    [School_SchoolId] int NOT NULL,
    [ClassPeriodName] nvarchar(60) NOT NULL,
    [OfficialAttendancePeriod] bit NULL,
    CONSTRAINT [PK_ClassPeriod] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_ClassPeriod_NK] UNIQUE ([ClassPeriodName], [School_DocumentId]),
    CONSTRAINT [UX_ClassPeriod_RefKey] UNIQUE ([ClassPeriodName], [School_SchoolId], [DocumentId]),
    CONSTRAINT [CK_ClassPeriod_School_AllNone] CHECK (([School_DocumentId] IS NULL AND [School_SchoolId] IS NULL) OR ([School_DocumentId] IS NOT NULL AND [School_SchoolId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.ClassPeriodMeetingTime', N'U') IS NULL
CREATE TABLE [edfi].[ClassPeriodMeetingTime]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [ClassPeriod_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [EndTime] time(7) NOT NULL,
    [StartTime] time(7) NOT NULL,
    CONSTRAINT [PK_ClassPeriodMeetingTime] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_ClassPeriodMeetingTime_EndTime_StartTime_ClassPeriod_DocumentId] UNIQUE ([ClassPeriod_DocumentId], [EndTime], [StartTime]),
    CONSTRAINT [UX_ClassPeriodMeetingTime_Ordinal_ClassPeriod_DocumentId] UNIQUE ([ClassPeriod_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.Course', N'U') IS NULL
CREATE TABLE [edfi].[Course]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Course_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Course_ContentVersion] DEFAULT 0,
    [EducationOrganization_DocumentId] bigint NOT NULL,
    [EducationOrganization_EducationOrganizationId] int NOT NULL,
    [AcademicSubjectDescriptor_DescriptorId] bigint NULL,
    [CourseCode] nvarchar(60) NOT NULL,
    [CourseDescription] nvarchar(1024) NULL,
    [CourseTitle] nvarchar(60) NOT NULL,
    [DateCourseAdopted] date NULL,
    [HighSchoolCourseRequirement] bit NULL,
    [MaxCompletionsForCredit] int NULL,
    [MaximumAvailableCreditConversion] decimal(9,2) NULL,
    [MaximumAvailableCredits] decimal(9,3) NULL,
    [MinimumAvailableCreditConversion] decimal(9,2) NULL,
    [MinimumAvailableCredits] decimal(9,3) NULL,
    [NumberOfParts] int NOT NULL,
    [TimeRequiredForCompletion] int NULL,
    CONSTRAINT [PK_Course] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_Course_NK] UNIQUE ([CourseCode], [EducationOrganization_DocumentId]),
    CONSTRAINT [UX_Course_RefKey] UNIQUE ([CourseCode], [EducationOrganization_EducationOrganizationId], [DocumentId]),
    CONSTRAINT [CK_Course_EducationOrganization_AllNone] CHECK (([EducationOrganization_DocumentId] IS NULL AND [EducationOrganization_EducationOrganizationId] IS NULL) OR ([EducationOrganization_DocumentId] IS NOT NULL AND [EducationOrganization_EducationOrganizationId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.CourseIdentificationCode', N'U') IS NULL
CREATE TABLE [edfi].[CourseIdentificationCode]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Course_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [CourseIdentificationSystemDescriptor_DescriptorId] bigint NOT NULL,
    [AssigningOrganizationIdentificationCode] nvarchar(60) NULL,
    [CourseCatalogURL] nvarchar(255) NULL,
    [IdentificationCode] nvarchar(60) NOT NULL,
    CONSTRAINT [PK_CourseIdentificationCode] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_CourseIdentificationCode_Course_DocumentId_CourseIdentificationSystemDescriptor_DescriptorId] UNIQUE ([Course_DocumentId], [CourseIdentificationSystemDescriptor_DescriptorId]),
    CONSTRAINT [UX_CourseIdentificationCode_Ordinal_Course_DocumentId] UNIQUE ([Course_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.CourseOfferedGradeLevel', N'U') IS NULL
CREATE TABLE [edfi].[CourseOfferedGradeLevel]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Course_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [GradeLevelDescriptor_DescriptorId] bigint NOT NULL,
    CONSTRAINT [PK_CourseOfferedGradeLevel] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_CourseOfferedGradeLevel_Course_DocumentId_GradeLevelDescriptor_DescriptorId] UNIQUE ([Course_DocumentId], [GradeLevelDescriptor_DescriptorId]),
    CONSTRAINT [UX_CourseOfferedGradeLevel_Ordinal_Course_DocumentId] UNIQUE ([Course_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.CourseOffering', N'U') IS NULL
CREATE TABLE [edfi].[CourseOffering]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_CourseOffering_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_CourseOffering_ContentVersion] DEFAULT 0,
    [SchoolId_Unified] int NOT NULL,
    [Course_DocumentId] bigint NOT NULL,
    [Course_CourseCode] nvarchar(60) NOT NULL,
    [Course_EducationOrganizationId] int NOT NULL,
    [School_DocumentId] bigint NOT NULL,
    [School_SchoolId] AS (CASE WHEN [School_DocumentId] IS NULL THEN NULL ELSE [SchoolId_Unified] END) PERSISTED,
    [Session_DocumentId] bigint NOT NULL,
    [Session_SchoolId] AS (CASE WHEN [Session_DocumentId] IS NULL THEN NULL ELSE [SchoolId_Unified] END) PERSISTED,
    [Session_SchoolYear] int NOT NULL,
    [Session_SessionName] nvarchar(60) NOT NULL,
    [InstructionalTimePlanned] int NULL,
    [LocalCourseCode] nvarchar(60) NOT NULL,
    [LocalCourseTitle] nvarchar(60) NULL,
    CONSTRAINT [PK_CourseOffering] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_CourseOffering_NK] UNIQUE ([LocalCourseCode], [School_DocumentId], [Session_DocumentId]),
    CONSTRAINT [UX_CourseOffering_RefKey] UNIQUE ([LocalCourseCode], [SchoolId_Unified], [Session_SchoolYear], [Session_SessionName], [DocumentId]),
    CONSTRAINT [CK_CourseOffering_Course_AllNone] CHECK (([Course_DocumentId] IS NULL AND [Course_CourseCode] IS NULL AND [Course_EducationOrganizationId] IS NULL) OR ([Course_DocumentId] IS NOT NULL AND [Course_CourseCode] IS NOT NULL AND [Course_EducationOrganizationId] IS NOT NULL)),
    CONSTRAINT [CK_CourseOffering_School_AllNone] CHECK (([School_DocumentId] IS NULL AND [School_SchoolId] IS NULL) OR ([School_DocumentId] IS NOT NULL AND [School_SchoolId] IS NOT NULL)),
    CONSTRAINT [CK_CourseOffering_Session_AllNone] CHECK (([Session_DocumentId] IS NULL AND [Session_SchoolId] IS NULL AND [Session_SchoolYear] IS NULL AND [Session_SessionName] IS NULL) OR ([Session_DocumentId] IS NOT NULL AND [Session_SchoolId] IS NOT NULL AND [Session_SchoolYear] IS NOT NULL AND [Session_SessionName] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.CourseOfferingOfferedGradeLevel', N'U') IS NULL
CREATE TABLE [edfi].[CourseOfferingOfferedGradeLevel]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [CourseOffering_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [GradeLevelDescriptor_DescriptorId] bigint NOT NULL,
    CONSTRAINT [PK_CourseOfferingOfferedGradeLevel] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_CourseOfferingOfferedGradeLevel_CourseOffering_DocumentId_GradeLevelDescriptor_DescriptorId] UNIQUE ([CourseOffering_DocumentId], [GradeLevelDescriptor_DescriptorId]),
    CONSTRAINT [UX_CourseOfferingOfferedGradeLevel_Ordinal_CourseOffering_DocumentId] UNIQUE ([CourseOffering_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.LocalEducationAgency', N'U') IS NULL
CREATE TABLE [edfi].[LocalEducationAgency]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_LocalEducationAgency_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_LocalEducationAgency_ContentVersion] DEFAULT 0,
    [ParentLocalEducationAgency_DocumentId] bigint NULL,
    [ParentLocalEducationAgency_LocalEducationAgencyId] int NULL,
    [LocalEducationAgencyCategoryDescriptor_DescriptorId] bigint NOT NULL,
    [LocalEducationAgencyId] int NOT NULL,
    [NameOfInstitution] nvarchar(75) NOT NULL,
    CONSTRAINT [PK_LocalEducationAgency] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_LocalEducationAgency_NK] UNIQUE ([LocalEducationAgencyId]),
    CONSTRAINT [UX_LocalEducationAgency_RefKey] UNIQUE ([LocalEducationAgencyId], [DocumentId]),
    CONSTRAINT [CK_LocalEducationAgency_ParentLocalEducationAgency_AllNone] CHECK (([ParentLocalEducationAgency_DocumentId] IS NULL AND [ParentLocalEducationAgency_LocalEducationAgencyId] IS NULL) OR ([ParentLocalEducationAgency_DocumentId] IS NOT NULL AND [ParentLocalEducationAgency_LocalEducationAgencyId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.LocalEducationAgencyAccountability', N'U') IS NULL
CREATE TABLE [edfi].[LocalEducationAgencyAccountability]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [LocalEducationAgency_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [LocalEducationAgencyAccountabilitySchoolYear_DocumentId] bigint NOT NULL,
    [LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] int NOT NULL,
    CONSTRAINT [PK_LocalEducationAgencyAccountability] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_LocalEducationAgencyAccountability_LocalEducationAgency_DocumentId_LocalEducationAgencyAccountabilitySchoolYear_DocumentId] UNIQUE ([LocalEducationAgency_DocumentId], [LocalEducationAgencyAccountabilitySchoolYear_DocumentId]),
    CONSTRAINT [UX_LocalEducationAgencyAccountability_Ordinal_LocalEducationAgency_DocumentId] UNIQUE ([LocalEducationAgency_DocumentId], [Ordinal]),
    CONSTRAINT [CK_LocalEducationAgencyAccountability_LocalEducationAgencyAccountabilitySchoolYear_AllNone] CHECK (([LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NULL AND [LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NULL) OR ([LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NOT NULL AND [LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.LocalEducationAgencyAddress', N'U') IS NULL
CREATE TABLE [edfi].[LocalEducationAgencyAddress]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [LocalEducationAgency_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [AddressTypeDescriptor_DescriptorId] bigint NOT NULL,
    [StateAbbreviationDescriptor_DescriptorId] bigint NOT NULL,
    [ApartmentRoomSuiteNumber] nvarchar(50) NULL,
    [BuildingSiteNumber] nvarchar(20) NULL,
    [City] nvarchar(30) NOT NULL,
    [CongressionalDistrict] nvarchar(30) NULL,
    [CountyFIPSCode] nvarchar(5) NULL,
    [DoNotPublishIndicator] bit NULL,
    [Latitude] nvarchar(20) NULL,
    [Longitude] nvarchar(20) NULL,
    [NameOfCounty] nvarchar(30) NULL,
    [PostalCode] nvarchar(17) NOT NULL,
    [StreetNumberName] nvarchar(150) NOT NULL,
    CONSTRAINT [PK_LocalEducationAgencyAddress] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_LocalEducationAgencyAddress_City_PostalCode_StreetNumberName_AddressTypeDescriptor_DescriptorId_LocalEducationAgen_c2fc329650] UNIQUE ([LocalEducationAgency_DocumentId], [AddressTypeDescriptor_DescriptorId], [City], [PostalCode], [StateAbbreviationDescriptor_DescriptorId], [StreetNumberName]),
    CONSTRAINT [UX_LocalEducationAgencyAddress_CollectionItemId_LocalEducationAgency_DocumentId] UNIQUE ([CollectionItemId], [LocalEducationAgency_DocumentId]),
    CONSTRAINT [UX_LocalEducationAgencyAddress_Ordinal_LocalEducationAgency_DocumentId] UNIQUE ([LocalEducationAgency_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.LocalEducationAgencyCategory', N'U') IS NULL
CREATE TABLE [edfi].[LocalEducationAgencyCategory]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [LocalEducationAgency_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [EducationOrganizationCategoryDescriptor_DescriptorId] bigint NOT NULL,
    CONSTRAINT [PK_LocalEducationAgencyCategory] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_LocalEducationAgencyCategory_EducationOrganizationCategoryDescriptor_DescriptorId_LocalEducationAgency_DocumentId] UNIQUE ([LocalEducationAgency_DocumentId], [EducationOrganizationCategoryDescriptor_DescriptorId]),
    CONSTRAINT [UX_LocalEducationAgencyCategory_Ordinal_LocalEducationAgency_DocumentId] UNIQUE ([LocalEducationAgency_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.LocalEducationAgencyFederalFunds', N'U') IS NULL
CREATE TABLE [edfi].[LocalEducationAgencyFederalFunds]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [LocalEducationAgency_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [FiscalYear] int NOT NULL,
    [InnovativeDollarsSpent] decimal(19,4) NULL,
    [InnovativeDollarsSpentStrategicPriorities] decimal(19,4) NULL,
    [InnovativeProgramsFundsReceived] decimal(19,4) NULL,
    [SchoolImprovementAllocation] decimal(19,4) NULL,
    [SchoolImprovementReservedFundsPercentage] decimal(5,4) NULL,
    [StateAssessmentAdministrationFunding] decimal(5,4) NULL,
    [SupplementalEducationalServicesFundsSpent] decimal(19,4) NULL,
    [SupplementalEducationalServicesPerPupilExpenditure] decimal(19,4) NULL,
    CONSTRAINT [PK_LocalEducationAgencyFederalFunds] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_LocalEducationAgencyFederalFunds_FiscalYear_LocalEducationAgency_DocumentId] UNIQUE ([LocalEducationAgency_DocumentId], [FiscalYear]),
    CONSTRAINT [UX_LocalEducationAgencyFederalFunds_Ordinal_LocalEducationAgency_DocumentId] UNIQUE ([LocalEducationAgency_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.LocalEducationAgencyAddressPeriod', N'U') IS NULL
CREATE TABLE [edfi].[LocalEducationAgencyAddressPeriod]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [LocalEducationAgency_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [ParentCollectionItemId] bigint NOT NULL,
    [BeginDate] date NOT NULL,
    [EndDate] date NULL,
    CONSTRAINT [PK_LocalEducationAgencyAddressPeriod] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_LocalEducationAgencyAddressPeriod_BeginDate_ParentCollectionItemId] UNIQUE ([ParentCollectionItemId], [BeginDate]),
    CONSTRAINT [UX_LocalEducationAgencyAddressPeriod_Ordinal_ParentCollectionItemId] UNIQUE ([ParentCollectionItemId], [Ordinal])
);

IF OBJECT_ID(N'edfi.Program', N'U') IS NULL
CREATE TABLE [edfi].[Program]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Program_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Program_ContentVersion] DEFAULT 0,
    [EducationOrganization_DocumentId] bigint NOT NULL,
    [EducationOrganization_EducationOrganizationId] int NOT NULL,
    [ProgramTypeDescriptor_DescriptorId] bigint NOT NULL,
    [ProgramName] nvarchar(60) NOT NULL,
    CONSTRAINT [PK_Program] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_Program_NK] UNIQUE ([EducationOrganization_DocumentId], [ProgramName], [ProgramTypeDescriptor_DescriptorId]),
    CONSTRAINT [UX_Program_RefKey] UNIQUE ([EducationOrganization_EducationOrganizationId], [ProgramName], [ProgramTypeDescriptor_DescriptorId], [DocumentId]),
    CONSTRAINT [CK_Program_EducationOrganization_AllNone] CHECK (([EducationOrganization_DocumentId] IS NULL AND [EducationOrganization_EducationOrganizationId] IS NULL) OR ([EducationOrganization_DocumentId] IS NOT NULL AND [EducationOrganization_EducationOrganizationId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.School', N'U') IS NULL
CREATE TABLE [edfi].[School]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_School_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_School_ContentVersion] DEFAULT 0,
    [CharterApprovalSchoolYear_DocumentId] bigint NULL,
    [CharterApprovalSchoolYear_CharterApprovalSchoolYear] int NULL,
    [LocalEducationAgency_DocumentId] bigint NULL,
    [LocalEducationAgency_LocalEducationAgencyId] int NULL,
    [NameOfInstitution] nvarchar(75) NOT NULL,
    [SchoolId] int NOT NULL,
    CONSTRAINT [PK_School] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_School_NK] UNIQUE ([SchoolId]),
    CONSTRAINT [UX_School_RefKey] UNIQUE ([SchoolId], [DocumentId]),
    CONSTRAINT [CK_School_CharterApprovalSchoolYear_AllNone] CHECK (([CharterApprovalSchoolYear_DocumentId] IS NULL AND [CharterApprovalSchoolYear_CharterApprovalSchoolYear] IS NULL) OR ([CharterApprovalSchoolYear_DocumentId] IS NOT NULL AND [CharterApprovalSchoolYear_CharterApprovalSchoolYear] IS NOT NULL)),
    CONSTRAINT [CK_School_LocalEducationAgency_AllNone] CHECK (([LocalEducationAgency_DocumentId] IS NULL AND [LocalEducationAgency_LocalEducationAgencyId] IS NULL) OR ([LocalEducationAgency_DocumentId] IS NOT NULL AND [LocalEducationAgency_LocalEducationAgencyId] IS NOT NULL))
);

IF OBJECT_ID(N'sample.SchoolExtension', N'U') IS NULL
CREATE TABLE [sample].[SchoolExtension]
(
    [DocumentId] bigint NOT NULL,
    [IsExemplary] bit NULL,
    CONSTRAINT [PK_SchoolExtension] PRIMARY KEY ([DocumentId])
);

IF OBJECT_ID(N'sample.SchoolExtensionDirectlyOwnedBus', N'U') IS NULL
CREATE TABLE [sample].[SchoolExtensionDirectlyOwnedBus]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [School_DocumentId] bigint NOT NULL,
    [DirectlyOwnedBus_DocumentId] bigint NOT NULL,
    [DirectlyOwnedBus_BusId] nvarchar(60) NOT NULL,
    CONSTRAINT [PK_SchoolExtensionDirectlyOwnedBus] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_DocumentId_School_DocumentId] UNIQUE ([School_DocumentId], [DirectlyOwnedBus_DocumentId]),
    CONSTRAINT [UX_SchoolExtensionDirectlyOwnedBus_Ordinal_School_DocumentId] UNIQUE ([School_DocumentId], [Ordinal]),
    CONSTRAINT [CK_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_AllNone] CHECK (([DirectlyOwnedBus_DocumentId] IS NULL AND [DirectlyOwnedBus_BusId] IS NULL) OR ([DirectlyOwnedBus_DocumentId] IS NOT NULL AND [DirectlyOwnedBus_BusId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.SchoolAddress', N'U') IS NULL
CREATE TABLE [edfi].[SchoolAddress]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [School_DocumentId] bigint NOT NULL,
    [AddressTypeDescriptor_DescriptorId] bigint NOT NULL,
    [StateAbbreviationDescriptor_DescriptorId] bigint NOT NULL,
    [ApartmentRoomSuiteNumber] nvarchar(50) NULL,
    [BuildingSiteNumber] nvarchar(20) NULL,
    [City] nvarchar(30) NOT NULL,
    [CongressionalDistrict] nvarchar(30) NULL,
    [CountyFIPSCode] nvarchar(5) NULL,
    [DoNotPublishIndicator] bit NULL,
    [Latitude] nvarchar(20) NULL,
    [Longitude] nvarchar(20) NULL,
    [NameOfCounty] nvarchar(30) NULL,
    [PostalCode] nvarchar(17) NOT NULL,
    [StreetNumberName] nvarchar(150) NOT NULL,
    CONSTRAINT [PK_SchoolAddress] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_SchoolAddress_City_PostalCode_StreetNumberName_AddressTypeDescriptor_DescriptorId_School_DocumentId_StateAbbreviat_579dce1ffa] UNIQUE ([School_DocumentId], [AddressTypeDescriptor_DescriptorId], [City], [PostalCode], [StateAbbreviationDescriptor_DescriptorId], [StreetNumberName]),
    CONSTRAINT [UX_SchoolAddress_CollectionItemId_School_DocumentId] UNIQUE ([CollectionItemId], [School_DocumentId]),
    CONSTRAINT [UX_SchoolAddress_Ordinal_School_DocumentId] UNIQUE ([School_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.SchoolEducationOrganizationCategory', N'U') IS NULL
CREATE TABLE [edfi].[SchoolEducationOrganizationCategory]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [School_DocumentId] bigint NOT NULL,
    [EducationOrganizationCategoryDescriptor_DescriptorId] bigint NOT NULL,
    CONSTRAINT [PK_SchoolEducationOrganizationCategory] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_SchoolEducationOrganizationCategory_EducationOrganizationCategoryDescriptor_DescriptorId_School_DocumentId] UNIQUE ([School_DocumentId], [EducationOrganizationCategoryDescriptor_DescriptorId]),
    CONSTRAINT [UX_SchoolEducationOrganizationCategory_Ordinal_School_DocumentId] UNIQUE ([School_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.SchoolGradeLevel', N'U') IS NULL
CREATE TABLE [edfi].[SchoolGradeLevel]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [School_DocumentId] bigint NOT NULL,
    [GradeLevelDescriptor_DescriptorId] bigint NOT NULL,
    CONSTRAINT [PK_SchoolGradeLevel] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_SchoolGradeLevel_GradeLevelDescriptor_DescriptorId_School_DocumentId] UNIQUE ([School_DocumentId], [GradeLevelDescriptor_DescriptorId]),
    CONSTRAINT [UX_SchoolGradeLevel_Ordinal_School_DocumentId] UNIQUE ([School_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.SchoolAddressPeriod', N'U') IS NULL
CREATE TABLE [edfi].[SchoolAddressPeriod]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [ParentCollectionItemId] bigint NOT NULL,
    [School_DocumentId] bigint NOT NULL,
    [BeginDate] date NOT NULL,
    [EndDate] date NULL,
    CONSTRAINT [PK_SchoolAddressPeriod] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_SchoolAddressPeriod_BeginDate_ParentCollectionItemId] UNIQUE ([ParentCollectionItemId], [BeginDate]),
    CONSTRAINT [UX_SchoolAddressPeriod_Ordinal_ParentCollectionItemId] UNIQUE ([ParentCollectionItemId], [Ordinal])
);

IF OBJECT_ID(N'edfi.SchoolYearType', N'U') IS NULL
CREATE TABLE [edfi].[SchoolYearType]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_SchoolYearType_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_SchoolYearType_ContentVersion] DEFAULT 0,
    [CurrentSchoolYear] bit NOT NULL,
    [SchoolYear] int NOT NULL,
    [SchoolYearDescription] nvarchar(50) NOT NULL,
    CONSTRAINT [PK_SchoolYearType] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_SchoolYearType_NK] UNIQUE ([SchoolYear]),
    CONSTRAINT [UX_SchoolYearType_RefKey] UNIQUE ([SchoolYear], [DocumentId])
);

IF OBJECT_ID(N'edfi.Section', N'U') IS NULL
CREATE TABLE [edfi].[Section]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Section_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Section_ContentVersion] DEFAULT 0,
    [SchoolId_Unified] int NOT NULL,
    [CourseOffering_DocumentId] bigint NOT NULL,
    [CourseOffering_LocalCourseCode] nvarchar(60) NOT NULL,
    [CourseOffering_SchoolReferenceSchoolId] AS (CASE WHEN [CourseOffering_DocumentId] IS NULL THEN NULL ELSE [SchoolId_Unified] END) PERSISTED,
    [CourseOffering_SessionReferenceSchoolId] AS (CASE WHEN [CourseOffering_DocumentId] IS NULL THEN NULL ELSE [SchoolId_Unified] END) PERSISTED,
    [CourseOffering_SchoolYear] int NOT NULL,
    [CourseOffering_SessionName] nvarchar(60) NOT NULL,
    [LocationSchool_DocumentId] bigint NULL,
    [LocationSchool_SchoolId] int NULL,
    [AvailableCreditConversion] decimal(9,2) NULL,
    [AvailableCredits] decimal(9,3) NULL,
    [OfficialAttendancePeriod] bit NULL,
    [SectionIdentifier] nvarchar(255) NOT NULL,
    [SectionName] nvarchar(100) NULL,
    [SequenceOfCourse] int NULL,
    CONSTRAINT [PK_Section] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_Section_NK] UNIQUE ([CourseOffering_DocumentId], [SectionIdentifier]),
    CONSTRAINT [UX_Section_RefKey] UNIQUE ([CourseOffering_LocalCourseCode], [SchoolId_Unified], [CourseOffering_SchoolYear], [CourseOffering_SessionName], [SectionIdentifier], [DocumentId]),
    CONSTRAINT [CK_Section_CourseOffering_AllNone] CHECK (([CourseOffering_DocumentId] IS NULL AND [CourseOffering_LocalCourseCode] IS NULL AND [CourseOffering_SchoolReferenceSchoolId] IS NULL AND [CourseOffering_SessionReferenceSchoolId] IS NULL AND [CourseOffering_SchoolYear] IS NULL AND [CourseOffering_SessionName] IS NULL) OR ([CourseOffering_DocumentId] IS NOT NULL AND [CourseOffering_LocalCourseCode] IS NOT NULL AND [CourseOffering_SchoolReferenceSchoolId] IS NOT NULL AND [CourseOffering_SessionReferenceSchoolId] IS NOT NULL AND [CourseOffering_SchoolYear] IS NOT NULL AND [CourseOffering_SessionName] IS NOT NULL)),
    CONSTRAINT [CK_Section_LocationSchool_AllNone] CHECK (([LocationSchool_DocumentId] IS NULL AND [LocationSchool_SchoolId] IS NULL) OR ([LocationSchool_DocumentId] IS NOT NULL AND [LocationSchool_SchoolId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.SectionClassPeriod', N'U') IS NULL
CREATE TABLE [edfi].[SectionClassPeriod]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [Section_DocumentId] bigint NOT NULL,
    [ClassPeriod_DocumentId] bigint NOT NULL,
    [ClassPeriod_ClassPeriodName] nvarchar(60) NOT NULL,
    [ClassPeriod_SchoolId] int NOT NULL,
    CONSTRAINT [PK_SectionClassPeriod] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_SectionClassPeriod_ClassPeriod_DocumentId_Section_DocumentId] UNIQUE ([Section_DocumentId], [ClassPeriod_DocumentId]),
    CONSTRAINT [UX_SectionClassPeriod_Ordinal_Section_DocumentId] UNIQUE ([Section_DocumentId], [Ordinal]),
    CONSTRAINT [CK_SectionClassPeriod_ClassPeriod_AllNone] CHECK (([ClassPeriod_DocumentId] IS NULL AND [ClassPeriod_ClassPeriodName] IS NULL AND [ClassPeriod_SchoolId] IS NULL) OR ([ClassPeriod_DocumentId] IS NOT NULL AND [ClassPeriod_ClassPeriodName] IS NOT NULL AND [ClassPeriod_SchoolId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.SectionOfferedGradeLevel', N'U') IS NULL
CREATE TABLE [edfi].[SectionOfferedGradeLevel]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [Section_DocumentId] bigint NOT NULL,
    [GradeLevelDescriptor_DescriptorId] bigint NOT NULL,
    CONSTRAINT [PK_SectionOfferedGradeLevel] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_SectionOfferedGradeLevel_GradeLevelDescriptor_DescriptorId_Section_DocumentId] UNIQUE ([Section_DocumentId], [GradeLevelDescriptor_DescriptorId]),
    CONSTRAINT [UX_SectionOfferedGradeLevel_Ordinal_Section_DocumentId] UNIQUE ([Section_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.SectionProgram', N'U') IS NULL
CREATE TABLE [edfi].[SectionProgram]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [Section_DocumentId] bigint NOT NULL,
    [Program_DocumentId] bigint NOT NULL,
    [Program_EducationOrganizationId] int NOT NULL,
    [Program_ProgramName] nvarchar(60) NOT NULL,
    [Program_ProgramTypeDescriptor_DescriptorId] bigint NOT NULL,
    CONSTRAINT [PK_SectionProgram] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_SectionProgram_Ordinal_Section_DocumentId] UNIQUE ([Section_DocumentId], [Ordinal]),
    CONSTRAINT [UX_SectionProgram_Program_DocumentId_Section_DocumentId] UNIQUE ([Section_DocumentId], [Program_DocumentId]),
    CONSTRAINT [CK_SectionProgram_Program_AllNone] CHECK (([Program_DocumentId] IS NULL AND [Program_EducationOrganizationId] IS NULL AND [Program_ProgramName] IS NULL AND [Program_ProgramTypeDescriptor_DescriptorId] IS NULL) OR ([Program_DocumentId] IS NOT NULL AND [Program_EducationOrganizationId] IS NOT NULL AND [Program_ProgramName] IS NOT NULL AND [Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.Session', N'U') IS NULL
CREATE TABLE [edfi].[Session]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Session_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Session_ContentVersion] DEFAULT 0,
    [SchoolYear_DocumentId] bigint NOT NULL,
    [SchoolYear_SchoolYear] int NOT NULL,
    [School_DocumentId] bigint NOT NULL,
    [School_SchoolId] int NOT NULL,
    [TermDescriptor_DescriptorId] bigint NOT NULL,
    [BeginDate] date NOT NULL,
    [EndDate] date NOT NULL,
    [SessionName] nvarchar(60) NOT NULL,
    [TotalInstructionalDays] int NOT NULL,
    CONSTRAINT [PK_Session] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_Session_NK] UNIQUE ([School_DocumentId], [SchoolYear_DocumentId], [SessionName]),
    CONSTRAINT [UX_Session_RefKey] UNIQUE ([School_SchoolId], [SchoolYear_SchoolYear], [SessionName], [DocumentId]),
    CONSTRAINT [CK_Session_SchoolYear_AllNone] CHECK (([SchoolYear_DocumentId] IS NULL AND [SchoolYear_SchoolYear] IS NULL) OR ([SchoolYear_DocumentId] IS NOT NULL AND [SchoolYear_SchoolYear] IS NOT NULL)),
    CONSTRAINT [CK_Session_School_AllNone] CHECK (([School_DocumentId] IS NULL AND [School_SchoolId] IS NULL) OR ([School_DocumentId] IS NOT NULL AND [School_SchoolId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.Staff', N'U') IS NULL
CREATE TABLE [edfi].[Staff]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Staff_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Staff_ContentVersion] DEFAULT 0,
    [SexDescriptor_DescriptorId] bigint NULL,
    [BirthDate] date NULL,
    [FirstName] nvarchar(75) NOT NULL,
    [GenerationCodeSuffix] nvarchar(10) NULL,
    [HighlyQualifiedTeacher] bit NULL,
    [HispanicLatinoEthnicity] bit NULL,
    [LastSurname] nvarchar(75) NOT NULL,
    [LoginId] nvarchar(60) NULL,
    [MaidenName] nvarchar(75) NULL,
    [MiddleName] nvarchar(75) NULL,
    [PersonalTitlePrefix] nvarchar(30) NULL,
    [StaffUniqueId] nvarchar(32) NOT NULL,
    [YearsOfPriorProfessionalExperience] decimal(5,2) NULL,
    [YearsOfPriorTeachingExperience] decimal(5,2) NULL,
    CONSTRAINT [PK_Staff] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_Staff_NK] UNIQUE ([StaffUniqueId])
);

IF OBJECT_ID(N'edfi.StaffAddress', N'U') IS NULL
CREATE TABLE [edfi].[StaffAddress]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [Staff_DocumentId] bigint NOT NULL,
    [AddressTypeDescriptor_DescriptorId] bigint NOT NULL,
    [StateAbbreviationDescriptor_DescriptorId] bigint NOT NULL,
    [ApartmentRoomSuiteNumber] nvarchar(50) NULL,
    [BuildingSiteNumber] nvarchar(20) NULL,
    [City] nvarchar(30) NOT NULL,
    [CongressionalDistrict] nvarchar(30) NULL,
    [CountyFIPSCode] nvarchar(5) NULL,
    [DoNotPublishIndicator] bit NULL,
    [Latitude] nvarchar(20) NULL,
    [Longitude] nvarchar(20) NULL,
    [NameOfCounty] nvarchar(30) NULL,
    [PostalCode] nvarchar(17) NOT NULL,
    [StreetNumberName] nvarchar(150) NOT NULL,
    CONSTRAINT [PK_StaffAddress] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_StaffAddress_City_PostalCode_StreetNumberName_AddressTypeDescriptor_DescriptorId_Staff_DocumentId_StateAbbreviatio_8b9487503a] UNIQUE ([Staff_DocumentId], [AddressTypeDescriptor_DescriptorId], [City], [PostalCode], [StateAbbreviationDescriptor_DescriptorId], [StreetNumberName]),
    CONSTRAINT [UX_StaffAddress_CollectionItemId_Staff_DocumentId] UNIQUE ([CollectionItemId], [Staff_DocumentId]),
    CONSTRAINT [UX_StaffAddress_Ordinal_Staff_DocumentId] UNIQUE ([Staff_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'edfi.StaffTelephone', N'U') IS NULL
CREATE TABLE [edfi].[StaffTelephone]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [Staff_DocumentId] bigint NOT NULL,
    [TelephoneNumberTypeDescriptor_DescriptorId] bigint NOT NULL,
    [DoNotPublishIndicator] bit NULL,
    [OrderOfPriority] int NULL,
    [TelephoneNumber] nvarchar(24) NOT NULL,
    [TextMessageCapabilityIndicator] bit NULL,
    CONSTRAINT [PK_StaffTelephone] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_StaffTelephone_Ordinal_Staff_DocumentId] UNIQUE ([Staff_DocumentId], [Ordinal]),
    CONSTRAINT [UX_StaffTelephone_TelephoneNumber_Staff_DocumentId_TelephoneNumberTypeDescriptor_DescriptorId] UNIQUE ([Staff_DocumentId], [TelephoneNumber], [TelephoneNumberTypeDescriptor_DescriptorId])
);

IF OBJECT_ID(N'edfi.StaffAddressPeriod', N'U') IS NULL
CREATE TABLE [edfi].[StaffAddressPeriod]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [ParentCollectionItemId] bigint NOT NULL,
    [Staff_DocumentId] bigint NOT NULL,
    [BeginDate] date NOT NULL,
    [EndDate] date NULL,
    CONSTRAINT [PK_StaffAddressPeriod] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_StaffAddressPeriod_BeginDate_ParentCollectionItemId] UNIQUE ([ParentCollectionItemId], [BeginDate]),
    CONSTRAINT [UX_StaffAddressPeriod_Ordinal_ParentCollectionItemId] UNIQUE ([ParentCollectionItemId], [Ordinal])
);

IF OBJECT_ID(N'edfi.Student', N'U') IS NULL
CREATE TABLE [edfi].[Student]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Student_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Student_ContentVersion] DEFAULT 0,
    [BirthSexDescriptor_DescriptorId] bigint NULL,
    [BirthStateAbbreviationDescriptor_DescriptorId] bigint NULL,
    [BirthCity] nvarchar(30) NULL,
    [BirthDate] date NOT NULL,
    [BirthInternationalProvince] nvarchar(150) NULL,
    [DateEnteredUS] date NULL,
    [FirstName] nvarchar(75) NOT NULL,
    [GenerationCodeSuffix] nvarchar(10) NULL,
    [LastSurname] nvarchar(75) NOT NULL,
    [MaidenName] nvarchar(75) NULL,
    [MiddleName] nvarchar(75) NULL,
    [MultipleBirthStatus] bit NULL,
    [PersonalTitlePrefix] nvarchar(30) NULL,
    [StudentUniqueId] nvarchar(32) NOT NULL,
    CONSTRAINT [PK_Student] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_Student_NK] UNIQUE ([StudentUniqueId]),
    CONSTRAINT [UX_Student_RefKey] UNIQUE ([StudentUniqueId], [DocumentId])
);

IF OBJECT_ID(N'sample.StudentExtension', N'U') IS NULL
CREATE TABLE [sample].[StudentExtension]
(
    [DocumentId] bigint NOT NULL,
    [PetPreferenceMaximumWeight] int NULL,
    [PetPreferenceMinimumWeight] int NULL,
    CONSTRAINT [PK_StudentExtension] PRIMARY KEY ([DocumentId])
);

IF OBJECT_ID(N'sample.StudentExtensionAquaticPet', N'U') IS NULL
CREATE TABLE [sample].[StudentExtensionAquaticPet]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [Student_DocumentId] bigint NOT NULL,
    [IsFixed] bit NULL,
    [MimimumTankVolume] int NOT NULL,
    [PetName] nvarchar(20) NOT NULL,
    CONSTRAINT [PK_StudentExtensionAquaticPet] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_StudentExtensionAquaticPet_MimimumTankVolume_PetName_Student_DocumentId] UNIQUE ([Student_DocumentId], [MimimumTankVolume], [PetName]),
    CONSTRAINT [UX_StudentExtensionAquaticPet_Ordinal_Student_DocumentId] UNIQUE ([Student_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'sample.StudentExtensionFavoriteBook', N'U') IS NULL
CREATE TABLE [sample].[StudentExtensionFavoriteBook]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [Student_DocumentId] bigint NOT NULL,
    [FavoriteBookCategoryDescriptor_DescriptorId] bigint NOT NULL,
    [BookTitle] nvarchar(200) NULL,
    CONSTRAINT [PK_StudentExtensionFavoriteBook] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_StudentExtensionFavoriteBook_CollectionItemId_Student_DocumentId] UNIQUE ([CollectionItemId], [Student_DocumentId]),
    CONSTRAINT [UX_StudentExtensionFavoriteBook_FavoriteBookCategoryDescriptor_DescriptorId_Student_DocumentId] UNIQUE ([Student_DocumentId], [FavoriteBookCategoryDescriptor_DescriptorId]),
    CONSTRAINT [UX_StudentExtensionFavoriteBook_Ordinal_Student_DocumentId] UNIQUE ([Student_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'sample.StudentExtensionPet', N'U') IS NULL
CREATE TABLE [sample].[StudentExtensionPet]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [Student_DocumentId] bigint NOT NULL,
    [IsFixed] bit NULL,
    [PetName] nvarchar(20) NOT NULL,
    CONSTRAINT [PK_StudentExtensionPet] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_StudentExtensionPet_Ordinal_Student_DocumentId] UNIQUE ([Student_DocumentId], [Ordinal]),
    CONSTRAINT [UX_StudentExtensionPet_PetName_Student_DocumentId] UNIQUE ([Student_DocumentId], [PetName])
);

IF OBJECT_ID(N'sample.StudentExtensionFavoriteBookArtMedia', N'U') IS NULL
CREATE TABLE [sample].[StudentExtensionFavoriteBookArtMedia]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [Ordinal] int NOT NULL,
    [ParentCollectionItemId] bigint NOT NULL,
    [Student_DocumentId] bigint NOT NULL,
    [ArtMediumDescriptor_DescriptorId] bigint NOT NULL,
    [ArtPieces] int NULL,
    CONSTRAINT [PK_StudentExtensionFavoriteBookArtMedia] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_StudentExtensionFavoriteBookArtMedia_Ordinal_ParentCollectionItemId] UNIQUE ([ParentCollectionItemId], [Ordinal]),
    CONSTRAINT [UX_StudentExtensionFavoriteBookArtMedia_ParentCollectionItemId_ArtMediumDescriptor_DescriptorId] UNIQUE ([ParentCollectionItemId], [ArtMediumDescriptor_DescriptorId])
);

IF OBJECT_ID(N'edfi.StudentSchoolAssociation', N'U') IS NULL
CREATE TABLE [edfi].[StudentSchoolAssociation]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_StudentSchoolAssociation_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_StudentSchoolAssociation_ContentVersion] DEFAULT 0,
    [ClassOfSchoolYear_DocumentId] bigint NULL,
    [ClassOfSchoolYear_ClassOfSchoolYear] int NULL,
    [SchoolYear_DocumentId] bigint NULL,
    [SchoolYear_SchoolYear] int NULL,
    [School_DocumentId] bigint NOT NULL,
    [School_SchoolId] int NOT NULL,
    [Student_DocumentId] bigint NOT NULL,
    [Student_StudentUniqueId] nvarchar(32) NOT NULL,
    [EntryGradeLevelDescriptor_DescriptorId] bigint NOT NULL,
    [EmployedWhileEnrolled] bit NULL,
    [EntryDate] date NOT NULL,
    [ExitWithdrawDate] date NULL,
    [FullTimeEquivalency] decimal(3,2) NULL,
    [PrimarySchool] bit NULL,
    [RepeatGradeIndicator] bit NULL,
    [SchoolChoiceTransfer] bit NULL,
    [TermCompletionIndicator] bit NULL,
    CONSTRAINT [PK_StudentSchoolAssociation] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_StudentSchoolAssociation_NK] UNIQUE ([EntryDate], [School_DocumentId], [Student_DocumentId]),
    CONSTRAINT [CK_StudentSchoolAssociation_ClassOfSchoolYear_AllNone] CHECK (([ClassOfSchoolYear_DocumentId] IS NULL AND [ClassOfSchoolYear_ClassOfSchoolYear] IS NULL) OR ([ClassOfSchoolYear_DocumentId] IS NOT NULL AND [ClassOfSchoolYear_ClassOfSchoolYear] IS NOT NULL)),
    CONSTRAINT [CK_StudentSchoolAssociation_SchoolYear_AllNone] CHECK (([SchoolYear_DocumentId] IS NULL AND [SchoolYear_SchoolYear] IS NULL) OR ([SchoolYear_DocumentId] IS NOT NULL AND [SchoolYear_SchoolYear] IS NOT NULL)),
    CONSTRAINT [CK_StudentSchoolAssociation_School_AllNone] CHECK (([School_DocumentId] IS NULL AND [School_SchoolId] IS NULL) OR ([School_DocumentId] IS NOT NULL AND [School_SchoolId] IS NOT NULL)),
    CONSTRAINT [CK_StudentSchoolAssociation_Student_AllNone] CHECK (([Student_DocumentId] IS NULL AND [Student_StudentUniqueId] IS NULL) OR ([Student_DocumentId] IS NOT NULL AND [Student_StudentUniqueId] IS NOT NULL))
);

IF OBJECT_ID(N'edfi.StudentSectionAssociation', N'U') IS NULL
CREATE TABLE [edfi].[StudentSectionAssociation]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_StudentSectionAssociation_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_StudentSectionAssociation_ContentVersion] DEFAULT 0,
    [Section_DocumentId] bigint NOT NULL,
    [Section_LocalCourseCode] nvarchar(60) NOT NULL,
    [Section_SchoolId] int NOT NULL,
    [Section_SchoolYear] int NOT NULL,
    [Section_SessionName] nvarchar(60) NOT NULL,
    [Section_SectionIdentifier] nvarchar(255) NOT NULL,
    [Student_DocumentId] bigint NOT NULL,
    [Student_StudentUniqueId] nvarchar(32) NOT NULL,
    [BeginDate] date NOT NULL,
    [EndDate] date NULL,
    [HomeroomIndicator] bit NULL,
    [TeacherStudentDataLinkExclusion] bit NULL,
    CONSTRAINT [PK_StudentSectionAssociation] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_StudentSectionAssociation_NK] UNIQUE ([BeginDate], [Section_DocumentId], [Student_DocumentId]),
    CONSTRAINT [CK_StudentSectionAssociation_Section_AllNone] CHECK (([Section_DocumentId] IS NULL AND [Section_LocalCourseCode] IS NULL AND [Section_SchoolId] IS NULL AND [Section_SchoolYear] IS NULL AND [Section_SessionName] IS NULL AND [Section_SectionIdentifier] IS NULL) OR ([Section_DocumentId] IS NOT NULL AND [Section_LocalCourseCode] IS NOT NULL AND [Section_SchoolId] IS NOT NULL AND [Section_SchoolYear] IS NOT NULL AND [Section_SessionName] IS NOT NULL AND [Section_SectionIdentifier] IS NOT NULL)),
    CONSTRAINT [CK_StudentSectionAssociation_Student_AllNone] CHECK (([Student_DocumentId] IS NULL AND [Student_StudentUniqueId] IS NULL) OR ([Student_DocumentId] IS NOT NULL AND [Student_StudentUniqueId] IS NOT NULL))
);

IF OBJECT_ID(N'sample.Bus', N'U') IS NULL
CREATE TABLE [sample].[Bus]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_Bus_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_Bus_ContentVersion] DEFAULT 0,
    [BusId] nvarchar(60) NOT NULL,
    CONSTRAINT [PK_Bus] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_Bus_NK] UNIQUE ([BusId]),
    CONSTRAINT [UX_Bus_RefKey] UNIQUE ([BusId], [DocumentId])
);

IF OBJECT_ID(N'sample.BusRoute', N'U') IS NULL
CREATE TABLE [sample].[BusRoute]
(
    [DocumentId] bigint NOT NULL,
    [ContentLastModifiedAt] datetime2(7) NOT NULL CONSTRAINT [DF_BusRoute_ContentLastModifiedAt] DEFAULT (sysutcdatetime()),
    [ContentVersion] bigint NOT NULL CONSTRAINT [DF_BusRoute_ContentVersion] DEFAULT 0,
    [Bus_DocumentId] bigint NOT NULL,
    [Bus_BusId] nvarchar(60) NOT NULL,
    [BusRouteDirection] nvarchar(15) NOT NULL,
    [BusRouteDuration] int NULL,
    [BusRouteNumber] int NOT NULL,
    [Daily] bit NULL,
    [ExpectedTransitTime] nvarchar(30) NOT NULL,
    [HoursPerWeek] decimal(5,2) NOT NULL,
    [OperatingCost] decimal(19,4) NOT NULL,
    [OptimalCapacity] decimal(5,4) NULL,
    [StartDate] date NULL,
    [WeeklyMileage] decimal(5,2) NULL,
    CONSTRAINT [PK_BusRoute] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_BusRoute_NK] UNIQUE ([Bus_DocumentId], [BusRouteNumber]),
    CONSTRAINT [CK_BusRoute_Bus_AllNone] CHECK (([Bus_DocumentId] IS NULL AND [Bus_BusId] IS NULL) OR ([Bus_DocumentId] IS NOT NULL AND [Bus_BusId] IS NOT NULL))
);

IF OBJECT_ID(N'sample.BusRouteBusYear', N'U') IS NULL
CREATE TABLE [sample].[BusRouteBusYear]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [BusRoute_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [BusYear] int NOT NULL,
    CONSTRAINT [PK_BusRouteBusYear] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_BusRouteBusYear_BusYear_BusRoute_DocumentId] UNIQUE ([BusRoute_DocumentId], [BusYear]),
    CONSTRAINT [UX_BusRouteBusYear_Ordinal_BusRoute_DocumentId] UNIQUE ([BusRoute_DocumentId], [Ordinal])
);

IF OBJECT_ID(N'sample.BusRouteProgram', N'U') IS NULL
CREATE TABLE [sample].[BusRouteProgram]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [BusRoute_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [Program_DocumentId] bigint NOT NULL,
    [Program_EducationOrganizationId] bigint NOT NULL,
    [Program_ProgramName] nvarchar(60) NOT NULL,
    [Program_ProgramTypeDescriptor_DescriptorId] bigint NOT NULL,
    CONSTRAINT [PK_BusRouteProgram] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_BusRouteProgram_BusRoute_DocumentId_Program_DocumentId] UNIQUE ([BusRoute_DocumentId], [Program_DocumentId]),
    CONSTRAINT [UX_BusRouteProgram_Ordinal_BusRoute_DocumentId] UNIQUE ([BusRoute_DocumentId], [Ordinal]),
    CONSTRAINT [CK_BusRouteProgram_Program_AllNone] CHECK (([Program_DocumentId] IS NULL AND [Program_EducationOrganizationId] IS NULL AND [Program_ProgramName] IS NULL AND [Program_ProgramTypeDescriptor_DescriptorId] IS NULL) OR ([Program_DocumentId] IS NOT NULL AND [Program_EducationOrganizationId] IS NOT NULL AND [Program_ProgramName] IS NOT NULL AND [Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL))
);

IF OBJECT_ID(N'sample.BusRouteServiceAreaPostalCode', N'U') IS NULL
CREATE TABLE [sample].[BusRouteServiceAreaPostalCode]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [BusRoute_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [ServiceAreaPostalCode] nvarchar(17) NOT NULL,
    CONSTRAINT [PK_BusRouteServiceAreaPostalCode] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_BusRouteServiceAreaPostalCode_Ordinal_BusRoute_DocumentId] UNIQUE ([BusRoute_DocumentId], [Ordinal]),
    CONSTRAINT [UX_BusRouteServiceAreaPostalCode_ServiceAreaPostalCode_BusRoute_DocumentId] UNIQUE ([BusRoute_DocumentId], [ServiceAreaPostalCode])
);

IF OBJECT_ID(N'sample.BusRouteStartTime', N'U') IS NULL
CREATE TABLE [sample].[BusRouteStartTime]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [BusRoute_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [StartTime] time(7) NOT NULL,
    CONSTRAINT [PK_BusRouteStartTime] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_BusRouteStartTime_Ordinal_BusRoute_DocumentId] UNIQUE ([BusRoute_DocumentId], [Ordinal]),
    CONSTRAINT [UX_BusRouteStartTime_StartTime_BusRoute_DocumentId] UNIQUE ([BusRoute_DocumentId], [StartTime])
);

IF OBJECT_ID(N'sample.BusRouteTelephone', N'U') IS NULL
CREATE TABLE [sample].[BusRouteTelephone]
(
    [CollectionItemId] bigint NOT NULL DEFAULT (NEXT VALUE FOR [dms].[CollectionItemIdSequence]),
    [BusRoute_DocumentId] bigint NOT NULL,
    [Ordinal] int NOT NULL,
    [TelephoneNumberTypeDescriptor_DescriptorId] bigint NOT NULL,
    [DoNotPublishIndicator] bit NULL,
    [OrderOfPriority] int NULL,
    [TelephoneNumber] nvarchar(24) NOT NULL,
    [TextMessageCapabilityIndicator] bit NULL,
    CONSTRAINT [PK_BusRouteTelephone] PRIMARY KEY ([CollectionItemId]),
    CONSTRAINT [UX_BusRouteTelephone_Ordinal_BusRoute_DocumentId] UNIQUE ([BusRoute_DocumentId], [Ordinal]),
    CONSTRAINT [UX_BusRouteTelephone_TelephoneNumber_BusRoute_DocumentId_TelephoneNumberTypeDescriptor_DescriptorId] UNIQUE ([BusRoute_DocumentId], [TelephoneNumber], [TelephoneNumberTypeDescriptor_DescriptorId])
);

IF OBJECT_ID(N'auth.EducationOrganizationIdToEducationOrganizationId', N'U') IS NULL
CREATE TABLE [auth].[EducationOrganizationIdToEducationOrganizationId]
(
    [SourceEducationOrganizationId] bigint NOT NULL,
    [TargetEducationOrganizationId] bigint NOT NULL,
    CONSTRAINT [PK_EducationOrganizationIdToEducationOrganizationId] PRIMARY KEY CLUSTERED ([SourceEducationOrganizationId], [TargetEducationOrganizationId])
);

IF OBJECT_ID(N'tracked_changes_edfi.ClassPeriod', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[ClassPeriod]
(
    [OldClassPeriodName] nvarchar(60) NOT NULL,
    [NewClassPeriodName] nvarchar(60) NULL,
    [OldSchool_SchoolId] int NOT NULL,
    [NewSchool_SchoolId] int NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_ClassPeriod_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_ClassPeriod] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.Course', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[Course]
(
    [OldCourseCode] nvarchar(60) NOT NULL,
    [NewCourseCode] nvarchar(60) NULL,
    [OldEducationOrganization_EducationOrganizationId] int NOT NULL,
    [NewEducationOrganization_EducationOrganizationId] int NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_Course_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_Course] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.CourseOffering', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[CourseOffering]
(
    [OldLocalCourseCode] nvarchar(60) NOT NULL,
    [NewLocalCourseCode] nvarchar(60) NULL,
    [OldSchoolId_Unified] int NOT NULL,
    [NewSchoolId_Unified] int NULL,
    [OldSession_SchoolYear] int NOT NULL,
    [NewSession_SchoolYear] int NULL,
    [OldSession_SessionName] nvarchar(60) NOT NULL,
    [NewSession_SessionName] nvarchar(60) NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_CourseOffering_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_CourseOffering] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.Descriptor', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[Descriptor]
(
    [OldNamespace] nvarchar(255) NOT NULL,
    [NewNamespace] nvarchar(255) NULL,
    [OldCodeValue] nvarchar(50) NOT NULL,
    [NewCodeValue] nvarchar(50) NULL,
    [Discriminator] nvarchar(128) NOT NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_Descriptor_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_Descriptor] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.LocalEducationAgency', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[LocalEducationAgency]
(
    [OldLocalEducationAgencyId] int NOT NULL,
    [NewLocalEducationAgencyId] int NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_LocalEducationAgency_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_LocalEducationAgency] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.Program', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[Program]
(
    [OldEducationOrganization_EducationOrganizationId] int NOT NULL,
    [NewEducationOrganization_EducationOrganizationId] int NULL,
    [OldProgramName] nvarchar(60) NOT NULL,
    [NewProgramName] nvarchar(60) NULL,
    [OldProgramTypeDescriptor_Namespace] nvarchar(255) NOT NULL,
    [NewProgramTypeDescriptor_Namespace] nvarchar(255) NULL,
    [OldProgramTypeDescriptor_CodeValue] nvarchar(50) NOT NULL,
    [NewProgramTypeDescriptor_CodeValue] nvarchar(50) NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_Program_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_Program] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.School', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[School]
(
    [OldSchoolId] int NOT NULL,
    [NewSchoolId] int NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_School_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_School] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.SchoolYearType', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[SchoolYearType]
(
    [OldSchoolYear] int NOT NULL,
    [NewSchoolYear] int NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_SchoolYearType_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_SchoolYearType] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.Section', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[Section]
(
    [OldCourseOffering_LocalCourseCode] nvarchar(60) NOT NULL,
    [NewCourseOffering_LocalCourseCode] nvarchar(60) NULL,
    [OldSchoolId_Unified] int NOT NULL,
    [NewSchoolId_Unified] int NULL,
    [OldCourseOffering_SchoolYear] int NOT NULL,
    [NewCourseOffering_SchoolYear] int NULL,
    [OldCourseOffering_SessionName] nvarchar(60) NOT NULL,
    [NewCourseOffering_SessionName] nvarchar(60) NULL,
    [OldSectionIdentifier] nvarchar(255) NOT NULL,
    [NewSectionIdentifier] nvarchar(255) NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_Section_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_Section] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.Session', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[Session]
(
    [OldSchool_SchoolId] int NOT NULL,
    [NewSchool_SchoolId] int NULL,
    [OldSchoolYear_SchoolYear] int NOT NULL,
    [NewSchoolYear_SchoolYear] int NULL,
    [OldSessionName] nvarchar(60) NOT NULL,
    [NewSessionName] nvarchar(60) NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_Session_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_Session] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.Staff', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[Staff]
(
    [OldStaffUniqueId] nvarchar(32) NOT NULL,
    [NewStaffUniqueId] nvarchar(32) NULL,
    [OldStaff_DocumentId] bigint NOT NULL,
    [NewStaff_DocumentId] bigint NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_Staff_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_Staff] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.Student', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[Student]
(
    [OldStudentUniqueId] nvarchar(32) NOT NULL,
    [NewStudentUniqueId] nvarchar(32) NULL,
    [OldStudent_DocumentId] bigint NOT NULL,
    [NewStudent_DocumentId] bigint NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_Student_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_Student] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.StudentSchoolAssociation', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[StudentSchoolAssociation]
(
    [OldEntryDate] date NOT NULL,
    [NewEntryDate] date NULL,
    [OldSchool_SchoolId] int NOT NULL,
    [NewSchool_SchoolId] int NULL,
    [OldStudent_StudentUniqueId] nvarchar(32) NOT NULL,
    [NewStudent_StudentUniqueId] nvarchar(32) NULL,
    [OldStudent_DocumentId] bigint NOT NULL,
    [NewStudent_DocumentId] bigint NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_StudentSchoolAssociation_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_StudentSchoolAssociation] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_edfi.StudentSectionAssociation', N'U') IS NULL
CREATE TABLE [tracked_changes_edfi].[StudentSectionAssociation]
(
    [OldBeginDate] date NOT NULL,
    [NewBeginDate] date NULL,
    [OldSection_LocalCourseCode] nvarchar(60) NOT NULL,
    [NewSection_LocalCourseCode] nvarchar(60) NULL,
    [OldSection_SchoolId] int NOT NULL,
    [NewSection_SchoolId] int NULL,
    [OldSection_SchoolYear] int NOT NULL,
    [NewSection_SchoolYear] int NULL,
    [OldSection_SectionIdentifier] nvarchar(255) NOT NULL,
    [NewSection_SectionIdentifier] nvarchar(255) NULL,
    [OldSection_SessionName] nvarchar(60) NOT NULL,
    [NewSection_SessionName] nvarchar(60) NULL,
    [OldStudent_StudentUniqueId] nvarchar(32) NOT NULL,
    [NewStudent_StudentUniqueId] nvarchar(32) NULL,
    [OldStudent_DocumentId] bigint NOT NULL,
    [NewStudent_DocumentId] bigint NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_edfi_StudentSectionAssociation_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_edfi_StudentSectionAssociation] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_sample.Bus', N'U') IS NULL
CREATE TABLE [tracked_changes_sample].[Bus]
(
    [OldBusId] nvarchar(60) NOT NULL,
    [NewBusId] nvarchar(60) NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_sample_Bus_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_sample_Bus] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'tracked_changes_sample.BusRoute', N'U') IS NULL
CREATE TABLE [tracked_changes_sample].[BusRoute]
(
    [OldBus_BusId] nvarchar(60) NOT NULL,
    [NewBus_BusId] nvarchar(60) NULL,
    [OldBusRouteNumber] int NOT NULL,
    [NewBusRouteNumber] int NULL,
    [Id] uniqueidentifier NOT NULL,
    [ChangeVersion] bigint NOT NULL,
    [CreatedAt] datetime2(7) NOT NULL CONSTRAINT [DF_tracked_changes_sample_BusRoute_CreatedAt] DEFAULT (sysutcdatetime()),
    CONSTRAINT [PK_tracked_changes_sample_BusRoute] PRIMARY KEY CLUSTERED ([ChangeVersion])
);

IF OBJECT_ID(N'edfi.EducationOrganizationIdentity', N'U') IS NULL
CREATE TABLE [edfi].[EducationOrganizationIdentity]
(
    [DocumentId] bigint NOT NULL,
    [EducationOrganizationId] int NOT NULL,
    [Discriminator] nvarchar(256) NOT NULL,
    CONSTRAINT [PK_EducationOrganizationIdentity] PRIMARY KEY ([DocumentId]),
    CONSTRAINT [UX_EducationOrganizationIdentity_NK] UNIQUE ([EducationOrganizationId]),
    CONSTRAINT [UX_EducationOrganizationIdentity_RefKey] UNIQUE ([EducationOrganizationId], [DocumentId])
);

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_ClassPeriod_Document' AND parent_object_id = OBJECT_ID(N'edfi.ClassPeriod')
)
ALTER TABLE [edfi].[ClassPeriod]
ADD CONSTRAINT [FK_ClassPeriod_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_ClassPeriod_School_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.ClassPeriod')
)
ALTER TABLE [edfi].[ClassPeriod]
ADD CONSTRAINT [FK_ClassPeriod_School_RefKey]
FOREIGN KEY ([School_SchoolId], [School_DocumentId])
REFERENCES [edfi].[School] ([SchoolId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_ClassPeriodMeetingTime_ClassPeriod' AND parent_object_id = OBJECT_ID(N'edfi.ClassPeriodMeetingTime')
)
ALTER TABLE [edfi].[ClassPeriodMeetingTime]
ADD CONSTRAINT [FK_ClassPeriodMeetingTime_ClassPeriod]
FOREIGN KEY ([ClassPeriod_DocumentId])
REFERENCES [edfi].[ClassPeriod] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Course_AcademicSubjectDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.Course')
)
ALTER TABLE [edfi].[Course]
ADD CONSTRAINT [FK_Course_AcademicSubjectDescriptor]
FOREIGN KEY ([AcademicSubjectDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Course_Document' AND parent_object_id = OBJECT_ID(N'edfi.Course')
)
ALTER TABLE [edfi].[Course]
ADD CONSTRAINT [FK_Course_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Course_EducationOrganization_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.Course')
)
ALTER TABLE [edfi].[Course]
ADD CONSTRAINT [FK_Course_EducationOrganization_RefKey]
FOREIGN KEY ([EducationOrganization_EducationOrganizationId], [EducationOrganization_DocumentId])
REFERENCES [edfi].[EducationOrganizationIdentity] ([EducationOrganizationId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseIdentificationCode_Course' AND parent_object_id = OBJECT_ID(N'edfi.CourseIdentificationCode')
)
ALTER TABLE [edfi].[CourseIdentificationCode]
ADD CONSTRAINT [FK_CourseIdentificationCode_Course]
FOREIGN KEY ([Course_DocumentId])
REFERENCES [edfi].[Course] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseIdentificationCode_CourseIdentificationSystemDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.CourseIdentificationCode')
)
ALTER TABLE [edfi].[CourseIdentificationCode]
ADD CONSTRAINT [FK_CourseIdentificationCode_CourseIdentificationSystemDescriptor]
FOREIGN KEY ([CourseIdentificationSystemDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseOfferedGradeLevel_Course' AND parent_object_id = OBJECT_ID(N'edfi.CourseOfferedGradeLevel')
)
ALTER TABLE [edfi].[CourseOfferedGradeLevel]
ADD CONSTRAINT [FK_CourseOfferedGradeLevel_Course]
FOREIGN KEY ([Course_DocumentId])
REFERENCES [edfi].[Course] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseOfferedGradeLevel_GradeLevelDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.CourseOfferedGradeLevel')
)
ALTER TABLE [edfi].[CourseOfferedGradeLevel]
ADD CONSTRAINT [FK_CourseOfferedGradeLevel_GradeLevelDescriptor]
FOREIGN KEY ([GradeLevelDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseOffering_Course_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.CourseOffering')
)
ALTER TABLE [edfi].[CourseOffering]
ADD CONSTRAINT [FK_CourseOffering_Course_RefKey]
FOREIGN KEY ([Course_CourseCode], [Course_EducationOrganizationId], [Course_DocumentId])
REFERENCES [edfi].[Course] ([CourseCode], [EducationOrganization_EducationOrganizationId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseOffering_Document' AND parent_object_id = OBJECT_ID(N'edfi.CourseOffering')
)
ALTER TABLE [edfi].[CourseOffering]
ADD CONSTRAINT [FK_CourseOffering_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseOffering_School_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.CourseOffering')
)
ALTER TABLE [edfi].[CourseOffering]
ADD CONSTRAINT [FK_CourseOffering_School_RefKey]
FOREIGN KEY ([SchoolId_Unified], [School_DocumentId])
REFERENCES [edfi].[School] ([SchoolId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseOffering_Session_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.CourseOffering')
)
ALTER TABLE [edfi].[CourseOffering]
ADD CONSTRAINT [FK_CourseOffering_Session_RefKey]
FOREIGN KEY ([SchoolId_Unified], [Session_SchoolYear], [Session_SessionName], [Session_DocumentId])
REFERENCES [edfi].[Session] ([School_SchoolId], [SchoolYear_SchoolYear], [SessionName], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseOfferingOfferedGradeLevel_CourseOffering' AND parent_object_id = OBJECT_ID(N'edfi.CourseOfferingOfferedGradeLevel')
)
ALTER TABLE [edfi].[CourseOfferingOfferedGradeLevel]
ADD CONSTRAINT [FK_CourseOfferingOfferedGradeLevel_CourseOffering]
FOREIGN KEY ([CourseOffering_DocumentId])
REFERENCES [edfi].[CourseOffering] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_CourseOfferingOfferedGradeLevel_GradeLevelDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.CourseOfferingOfferedGradeLevel')
)
ALTER TABLE [edfi].[CourseOfferingOfferedGradeLevel]
ADD CONSTRAINT [FK_CourseOfferingOfferedGradeLevel_GradeLevelDescriptor]
FOREIGN KEY ([GradeLevelDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgency_Document' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgency')
)
ALTER TABLE [edfi].[LocalEducationAgency]
ADD CONSTRAINT [FK_LocalEducationAgency_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgency_LocalEducationAgencyCategoryDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgency')
)
ALTER TABLE [edfi].[LocalEducationAgency]
ADD CONSTRAINT [FK_LocalEducationAgency_LocalEducationAgencyCategoryDescriptor]
FOREIGN KEY ([LocalEducationAgencyCategoryDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgency_ParentLocalEducationAgency_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgency')
)
ALTER TABLE [edfi].[LocalEducationAgency]
ADD CONSTRAINT [FK_LocalEducationAgency_ParentLocalEducationAgency_RefKey]
FOREIGN KEY ([ParentLocalEducationAgency_LocalEducationAgencyId], [ParentLocalEducationAgency_DocumentId])
REFERENCES [edfi].[LocalEducationAgency] ([LocalEducationAgencyId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyAccountability_LocalEducationAgency' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyAccountability')
)
ALTER TABLE [edfi].[LocalEducationAgencyAccountability]
ADD CONSTRAINT [FK_LocalEducationAgencyAccountability_LocalEducationAgency]
FOREIGN KEY ([LocalEducationAgency_DocumentId])
REFERENCES [edfi].[LocalEducationAgency] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyAccountability_LocalEducationAgencyAccountabilitySchoolYear_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyAccountability')
)
ALTER TABLE [edfi].[LocalEducationAgencyAccountability]
ADD CONSTRAINT [FK_LocalEducationAgencyAccountability_LocalEducationAgencyAccountabilitySchoolYear_RefKey]
FOREIGN KEY ([LocalEducationAgencyAccountabilitySchoolYear_SchoolYear], [LocalEducationAgencyAccountabilitySchoolYear_DocumentId])
REFERENCES [edfi].[SchoolYearType] ([SchoolYear], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyAddress_AddressTypeDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyAddress')
)
ALTER TABLE [edfi].[LocalEducationAgencyAddress]
ADD CONSTRAINT [FK_LocalEducationAgencyAddress_AddressTypeDescriptor]
FOREIGN KEY ([AddressTypeDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyAddress_LocalEducationAgency' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyAddress')
)
ALTER TABLE [edfi].[LocalEducationAgencyAddress]
ADD CONSTRAINT [FK_LocalEducationAgencyAddress_LocalEducationAgency]
FOREIGN KEY ([LocalEducationAgency_DocumentId])
REFERENCES [edfi].[LocalEducationAgency] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyAddress_StateAbbreviationDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyAddress')
)
ALTER TABLE [edfi].[LocalEducationAgencyAddress]
ADD CONSTRAINT [FK_LocalEducationAgencyAddress_StateAbbreviationDescriptor]
FOREIGN KEY ([StateAbbreviationDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyCategory_EducationOrganizationCategoryDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyCategory')
)
ALTER TABLE [edfi].[LocalEducationAgencyCategory]
ADD CONSTRAINT [FK_LocalEducationAgencyCategory_EducationOrganizationCategoryDescriptor]
FOREIGN KEY ([EducationOrganizationCategoryDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyCategory_LocalEducationAgency' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyCategory')
)
ALTER TABLE [edfi].[LocalEducationAgencyCategory]
ADD CONSTRAINT [FK_LocalEducationAgencyCategory_LocalEducationAgency]
FOREIGN KEY ([LocalEducationAgency_DocumentId])
REFERENCES [edfi].[LocalEducationAgency] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyFederalFunds_LocalEducationAgency' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyFederalFunds')
)
ALTER TABLE [edfi].[LocalEducationAgencyFederalFunds]
ADD CONSTRAINT [FK_LocalEducationAgencyFederalFunds_LocalEducationAgency]
FOREIGN KEY ([LocalEducationAgency_DocumentId])
REFERENCES [edfi].[LocalEducationAgency] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_LocalEducationAgencyAddressPeriod_LocalEducationAgencyAddress' AND parent_object_id = OBJECT_ID(N'edfi.LocalEducationAgencyAddressPeriod')
)
ALTER TABLE [edfi].[LocalEducationAgencyAddressPeriod]
ADD CONSTRAINT [FK_LocalEducationAgencyAddressPeriod_LocalEducationAgencyAddress]
FOREIGN KEY ([ParentCollectionItemId], [LocalEducationAgency_DocumentId])
REFERENCES [edfi].[LocalEducationAgencyAddress] ([CollectionItemId], [LocalEducationAgency_DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Program_Document' AND parent_object_id = OBJECT_ID(N'edfi.Program')
)
ALTER TABLE [edfi].[Program]
ADD CONSTRAINT [FK_Program_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Program_EducationOrganization_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.Program')
)
ALTER TABLE [edfi].[Program]
ADD CONSTRAINT [FK_Program_EducationOrganization_RefKey]
FOREIGN KEY ([EducationOrganization_EducationOrganizationId], [EducationOrganization_DocumentId])
REFERENCES [edfi].[EducationOrganizationIdentity] ([EducationOrganizationId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Program_ProgramTypeDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.Program')
)
ALTER TABLE [edfi].[Program]
ADD CONSTRAINT [FK_Program_ProgramTypeDescriptor]
FOREIGN KEY ([ProgramTypeDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_School_CharterApprovalSchoolYear_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.School')
)
ALTER TABLE [edfi].[School]
ADD CONSTRAINT [FK_School_CharterApprovalSchoolYear_RefKey]
FOREIGN KEY ([CharterApprovalSchoolYear_CharterApprovalSchoolYear], [CharterApprovalSchoolYear_DocumentId])
REFERENCES [edfi].[SchoolYearType] ([SchoolYear], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_School_Document' AND parent_object_id = OBJECT_ID(N'edfi.School')
)
ALTER TABLE [edfi].[School]
ADD CONSTRAINT [FK_School_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_School_LocalEducationAgency_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.School')
)
ALTER TABLE [edfi].[School]
ADD CONSTRAINT [FK_School_LocalEducationAgency_RefKey]
FOREIGN KEY ([LocalEducationAgency_LocalEducationAgencyId], [LocalEducationAgency_DocumentId])
REFERENCES [edfi].[LocalEducationAgency] ([LocalEducationAgencyId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolExtension_School' AND parent_object_id = OBJECT_ID(N'sample.SchoolExtension')
)
ALTER TABLE [sample].[SchoolExtension]
ADD CONSTRAINT [FK_SchoolExtension_School]
FOREIGN KEY ([DocumentId])
REFERENCES [edfi].[School] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_RefKey' AND parent_object_id = OBJECT_ID(N'sample.SchoolExtensionDirectlyOwnedBus')
)
ALTER TABLE [sample].[SchoolExtensionDirectlyOwnedBus]
ADD CONSTRAINT [FK_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_RefKey]
FOREIGN KEY ([DirectlyOwnedBus_BusId], [DirectlyOwnedBus_DocumentId])
REFERENCES [sample].[Bus] ([BusId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolExtensionDirectlyOwnedBus_SchoolExtension' AND parent_object_id = OBJECT_ID(N'sample.SchoolExtensionDirectlyOwnedBus')
)
ALTER TABLE [sample].[SchoolExtensionDirectlyOwnedBus]
ADD CONSTRAINT [FK_SchoolExtensionDirectlyOwnedBus_SchoolExtension]
FOREIGN KEY ([School_DocumentId])
REFERENCES [sample].[SchoolExtension] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolAddress_AddressTypeDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.SchoolAddress')
)
ALTER TABLE [edfi].[SchoolAddress]
ADD CONSTRAINT [FK_SchoolAddress_AddressTypeDescriptor]
FOREIGN KEY ([AddressTypeDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolAddress_School' AND parent_object_id = OBJECT_ID(N'edfi.SchoolAddress')
)
ALTER TABLE [edfi].[SchoolAddress]
ADD CONSTRAINT [FK_SchoolAddress_School]
FOREIGN KEY ([School_DocumentId])
REFERENCES [edfi].[School] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolAddress_StateAbbreviationDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.SchoolAddress')
)
ALTER TABLE [edfi].[SchoolAddress]
ADD CONSTRAINT [FK_SchoolAddress_StateAbbreviationDescriptor]
FOREIGN KEY ([StateAbbreviationDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolEducationOrganizationCategory_EducationOrganizationCategoryDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.SchoolEducationOrganizationCategory')
)
ALTER TABLE [edfi].[SchoolEducationOrganizationCategory]
ADD CONSTRAINT [FK_SchoolEducationOrganizationCategory_EducationOrganizationCategoryDescriptor]
FOREIGN KEY ([EducationOrganizationCategoryDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolEducationOrganizationCategory_School' AND parent_object_id = OBJECT_ID(N'edfi.SchoolEducationOrganizationCategory')
)
ALTER TABLE [edfi].[SchoolEducationOrganizationCategory]
ADD CONSTRAINT [FK_SchoolEducationOrganizationCategory_School]
FOREIGN KEY ([School_DocumentId])
REFERENCES [edfi].[School] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolGradeLevel_GradeLevelDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.SchoolGradeLevel')
)
ALTER TABLE [edfi].[SchoolGradeLevel]
ADD CONSTRAINT [FK_SchoolGradeLevel_GradeLevelDescriptor]
FOREIGN KEY ([GradeLevelDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolGradeLevel_School' AND parent_object_id = OBJECT_ID(N'edfi.SchoolGradeLevel')
)
ALTER TABLE [edfi].[SchoolGradeLevel]
ADD CONSTRAINT [FK_SchoolGradeLevel_School]
FOREIGN KEY ([School_DocumentId])
REFERENCES [edfi].[School] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolAddressPeriod_SchoolAddress' AND parent_object_id = OBJECT_ID(N'edfi.SchoolAddressPeriod')
)
ALTER TABLE [edfi].[SchoolAddressPeriod]
ADD CONSTRAINT [FK_SchoolAddressPeriod_SchoolAddress]
FOREIGN KEY ([ParentCollectionItemId], [School_DocumentId])
REFERENCES [edfi].[SchoolAddress] ([CollectionItemId], [School_DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SchoolYearType_Document' AND parent_object_id = OBJECT_ID(N'edfi.SchoolYearType')
)
ALTER TABLE [edfi].[SchoolYearType]
ADD CONSTRAINT [FK_SchoolYearType_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Section_CourseOffering_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.Section')
)
ALTER TABLE [edfi].[Section]
ADD CONSTRAINT [FK_Section_CourseOffering_RefKey]
FOREIGN KEY ([CourseOffering_LocalCourseCode], [SchoolId_Unified], [CourseOffering_SchoolYear], [CourseOffering_SessionName], [CourseOffering_DocumentId])
REFERENCES [edfi].[CourseOffering] ([LocalCourseCode], [SchoolId_Unified], [Session_SchoolYear], [Session_SessionName], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Section_Document' AND parent_object_id = OBJECT_ID(N'edfi.Section')
)
ALTER TABLE [edfi].[Section]
ADD CONSTRAINT [FK_Section_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Section_LocationSchool_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.Section')
)
ALTER TABLE [edfi].[Section]
ADD CONSTRAINT [FK_Section_LocationSchool_RefKey]
FOREIGN KEY ([LocationSchool_SchoolId], [LocationSchool_DocumentId])
REFERENCES [edfi].[School] ([SchoolId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SectionClassPeriod_ClassPeriod_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.SectionClassPeriod')
)
ALTER TABLE [edfi].[SectionClassPeriod]
ADD CONSTRAINT [FK_SectionClassPeriod_ClassPeriod_RefKey]
FOREIGN KEY ([ClassPeriod_ClassPeriodName], [ClassPeriod_SchoolId], [ClassPeriod_DocumentId])
REFERENCES [edfi].[ClassPeriod] ([ClassPeriodName], [School_SchoolId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SectionClassPeriod_Section' AND parent_object_id = OBJECT_ID(N'edfi.SectionClassPeriod')
)
ALTER TABLE [edfi].[SectionClassPeriod]
ADD CONSTRAINT [FK_SectionClassPeriod_Section]
FOREIGN KEY ([Section_DocumentId])
REFERENCES [edfi].[Section] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SectionOfferedGradeLevel_GradeLevelDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.SectionOfferedGradeLevel')
)
ALTER TABLE [edfi].[SectionOfferedGradeLevel]
ADD CONSTRAINT [FK_SectionOfferedGradeLevel_GradeLevelDescriptor]
FOREIGN KEY ([GradeLevelDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SectionOfferedGradeLevel_Section' AND parent_object_id = OBJECT_ID(N'edfi.SectionOfferedGradeLevel')
)
ALTER TABLE [edfi].[SectionOfferedGradeLevel]
ADD CONSTRAINT [FK_SectionOfferedGradeLevel_Section]
FOREIGN KEY ([Section_DocumentId])
REFERENCES [edfi].[Section] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SectionProgram_Program_ProgramTypeDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.SectionProgram')
)
ALTER TABLE [edfi].[SectionProgram]
ADD CONSTRAINT [FK_SectionProgram_Program_ProgramTypeDescriptor]
FOREIGN KEY ([Program_ProgramTypeDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SectionProgram_Program_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.SectionProgram')
)
ALTER TABLE [edfi].[SectionProgram]
ADD CONSTRAINT [FK_SectionProgram_Program_RefKey]
FOREIGN KEY ([Program_EducationOrganizationId], [Program_ProgramName], [Program_ProgramTypeDescriptor_DescriptorId], [Program_DocumentId])
REFERENCES [edfi].[Program] ([EducationOrganization_EducationOrganizationId], [ProgramName], [ProgramTypeDescriptor_DescriptorId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_SectionProgram_Section' AND parent_object_id = OBJECT_ID(N'edfi.SectionProgram')
)
ALTER TABLE [edfi].[SectionProgram]
ADD CONSTRAINT [FK_SectionProgram_Section]
FOREIGN KEY ([Section_DocumentId])
REFERENCES [edfi].[Section] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Session_Document' AND parent_object_id = OBJECT_ID(N'edfi.Session')
)
ALTER TABLE [edfi].[Session]
ADD CONSTRAINT [FK_Session_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Session_SchoolYear_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.Session')
)
ALTER TABLE [edfi].[Session]
ADD CONSTRAINT [FK_Session_SchoolYear_RefKey]
FOREIGN KEY ([SchoolYear_SchoolYear], [SchoolYear_DocumentId])
REFERENCES [edfi].[SchoolYearType] ([SchoolYear], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Session_School_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.Session')
)
ALTER TABLE [edfi].[Session]
ADD CONSTRAINT [FK_Session_School_RefKey]
FOREIGN KEY ([School_SchoolId], [School_DocumentId])
REFERENCES [edfi].[School] ([SchoolId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Session_TermDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.Session')
)
ALTER TABLE [edfi].[Session]
ADD CONSTRAINT [FK_Session_TermDescriptor]
FOREIGN KEY ([TermDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Staff_Document' AND parent_object_id = OBJECT_ID(N'edfi.Staff')
)
ALTER TABLE [edfi].[Staff]
ADD CONSTRAINT [FK_Staff_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Staff_SexDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.Staff')
)
ALTER TABLE [edfi].[Staff]
ADD CONSTRAINT [FK_Staff_SexDescriptor]
FOREIGN KEY ([SexDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StaffAddress_AddressTypeDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.StaffAddress')
)
ALTER TABLE [edfi].[StaffAddress]
ADD CONSTRAINT [FK_StaffAddress_AddressTypeDescriptor]
FOREIGN KEY ([AddressTypeDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StaffAddress_Staff' AND parent_object_id = OBJECT_ID(N'edfi.StaffAddress')
)
ALTER TABLE [edfi].[StaffAddress]
ADD CONSTRAINT [FK_StaffAddress_Staff]
FOREIGN KEY ([Staff_DocumentId])
REFERENCES [edfi].[Staff] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StaffAddress_StateAbbreviationDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.StaffAddress')
)
ALTER TABLE [edfi].[StaffAddress]
ADD CONSTRAINT [FK_StaffAddress_StateAbbreviationDescriptor]
FOREIGN KEY ([StateAbbreviationDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StaffTelephone_Staff' AND parent_object_id = OBJECT_ID(N'edfi.StaffTelephone')
)
ALTER TABLE [edfi].[StaffTelephone]
ADD CONSTRAINT [FK_StaffTelephone_Staff]
FOREIGN KEY ([Staff_DocumentId])
REFERENCES [edfi].[Staff] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StaffTelephone_TelephoneNumberTypeDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.StaffTelephone')
)
ALTER TABLE [edfi].[StaffTelephone]
ADD CONSTRAINT [FK_StaffTelephone_TelephoneNumberTypeDescriptor]
FOREIGN KEY ([TelephoneNumberTypeDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StaffAddressPeriod_StaffAddress' AND parent_object_id = OBJECT_ID(N'edfi.StaffAddressPeriod')
)
ALTER TABLE [edfi].[StaffAddressPeriod]
ADD CONSTRAINT [FK_StaffAddressPeriod_StaffAddress]
FOREIGN KEY ([ParentCollectionItemId], [Staff_DocumentId])
REFERENCES [edfi].[StaffAddress] ([CollectionItemId], [Staff_DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Student_BirthSexDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.Student')
)
ALTER TABLE [edfi].[Student]
ADD CONSTRAINT [FK_Student_BirthSexDescriptor]
FOREIGN KEY ([BirthSexDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Student_BirthStateAbbreviationDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.Student')
)
ALTER TABLE [edfi].[Student]
ADD CONSTRAINT [FK_Student_BirthStateAbbreviationDescriptor]
FOREIGN KEY ([BirthStateAbbreviationDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Student_Document' AND parent_object_id = OBJECT_ID(N'edfi.Student')
)
ALTER TABLE [edfi].[Student]
ADD CONSTRAINT [FK_Student_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentExtension_Student' AND parent_object_id = OBJECT_ID(N'sample.StudentExtension')
)
ALTER TABLE [sample].[StudentExtension]
ADD CONSTRAINT [FK_StudentExtension_Student]
FOREIGN KEY ([DocumentId])
REFERENCES [edfi].[Student] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentExtensionAquaticPet_StudentExtension' AND parent_object_id = OBJECT_ID(N'sample.StudentExtensionAquaticPet')
)
ALTER TABLE [sample].[StudentExtensionAquaticPet]
ADD CONSTRAINT [FK_StudentExtensionAquaticPet_StudentExtension]
FOREIGN KEY ([Student_DocumentId])
REFERENCES [sample].[StudentExtension] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentExtensionFavoriteBook_FavoriteBookCategoryDescriptor' AND parent_object_id = OBJECT_ID(N'sample.StudentExtensionFavoriteBook')
)
ALTER TABLE [sample].[StudentExtensionFavoriteBook]
ADD CONSTRAINT [FK_StudentExtensionFavoriteBook_FavoriteBookCategoryDescriptor]
FOREIGN KEY ([FavoriteBookCategoryDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentExtensionFavoriteBook_StudentExtension' AND parent_object_id = OBJECT_ID(N'sample.StudentExtensionFavoriteBook')
)
ALTER TABLE [sample].[StudentExtensionFavoriteBook]
ADD CONSTRAINT [FK_StudentExtensionFavoriteBook_StudentExtension]
FOREIGN KEY ([Student_DocumentId])
REFERENCES [sample].[StudentExtension] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentExtensionPet_StudentExtension' AND parent_object_id = OBJECT_ID(N'sample.StudentExtensionPet')
)
ALTER TABLE [sample].[StudentExtensionPet]
ADD CONSTRAINT [FK_StudentExtensionPet_StudentExtension]
FOREIGN KEY ([Student_DocumentId])
REFERENCES [sample].[StudentExtension] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentExtensionFavoriteBookArtMedia_ArtMediumDescriptor' AND parent_object_id = OBJECT_ID(N'sample.StudentExtensionFavoriteBookArtMedia')
)
ALTER TABLE [sample].[StudentExtensionFavoriteBookArtMedia]
ADD CONSTRAINT [FK_StudentExtensionFavoriteBookArtMedia_ArtMediumDescriptor]
FOREIGN KEY ([ArtMediumDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentExtensionFavoriteBookArtMedia_StudentExtensionFavoriteBook' AND parent_object_id = OBJECT_ID(N'sample.StudentExtensionFavoriteBookArtMedia')
)
ALTER TABLE [sample].[StudentExtensionFavoriteBookArtMedia]
ADD CONSTRAINT [FK_StudentExtensionFavoriteBookArtMedia_StudentExtensionFavoriteBook]
FOREIGN KEY ([ParentCollectionItemId], [Student_DocumentId])
REFERENCES [sample].[StudentExtensionFavoriteBook] ([CollectionItemId], [Student_DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSchoolAssociation_ClassOfSchoolYear_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.StudentSchoolAssociation')
)
ALTER TABLE [edfi].[StudentSchoolAssociation]
ADD CONSTRAINT [FK_StudentSchoolAssociation_ClassOfSchoolYear_RefKey]
FOREIGN KEY ([ClassOfSchoolYear_ClassOfSchoolYear], [ClassOfSchoolYear_DocumentId])
REFERENCES [edfi].[SchoolYearType] ([SchoolYear], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSchoolAssociation_Document' AND parent_object_id = OBJECT_ID(N'edfi.StudentSchoolAssociation')
)
ALTER TABLE [edfi].[StudentSchoolAssociation]
ADD CONSTRAINT [FK_StudentSchoolAssociation_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSchoolAssociation_EntryGradeLevelDescriptor' AND parent_object_id = OBJECT_ID(N'edfi.StudentSchoolAssociation')
)
ALTER TABLE [edfi].[StudentSchoolAssociation]
ADD CONSTRAINT [FK_StudentSchoolAssociation_EntryGradeLevelDescriptor]
FOREIGN KEY ([EntryGradeLevelDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSchoolAssociation_SchoolYear_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.StudentSchoolAssociation')
)
ALTER TABLE [edfi].[StudentSchoolAssociation]
ADD CONSTRAINT [FK_StudentSchoolAssociation_SchoolYear_RefKey]
FOREIGN KEY ([SchoolYear_SchoolYear], [SchoolYear_DocumentId])
REFERENCES [edfi].[SchoolYearType] ([SchoolYear], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSchoolAssociation_School_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.StudentSchoolAssociation')
)
ALTER TABLE [edfi].[StudentSchoolAssociation]
ADD CONSTRAINT [FK_StudentSchoolAssociation_School_RefKey]
FOREIGN KEY ([School_SchoolId], [School_DocumentId])
REFERENCES [edfi].[School] ([SchoolId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSchoolAssociation_Student_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.StudentSchoolAssociation')
)
ALTER TABLE [edfi].[StudentSchoolAssociation]
ADD CONSTRAINT [FK_StudentSchoolAssociation_Student_RefKey]
FOREIGN KEY ([Student_StudentUniqueId], [Student_DocumentId])
REFERENCES [edfi].[Student] ([StudentUniqueId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSectionAssociation_Document' AND parent_object_id = OBJECT_ID(N'edfi.StudentSectionAssociation')
)
ALTER TABLE [edfi].[StudentSectionAssociation]
ADD CONSTRAINT [FK_StudentSectionAssociation_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSectionAssociation_Section_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.StudentSectionAssociation')
)
ALTER TABLE [edfi].[StudentSectionAssociation]
ADD CONSTRAINT [FK_StudentSectionAssociation_Section_RefKey]
FOREIGN KEY ([Section_LocalCourseCode], [Section_SchoolId], [Section_SchoolYear], [Section_SessionName], [Section_SectionIdentifier], [Section_DocumentId])
REFERENCES [edfi].[Section] ([CourseOffering_LocalCourseCode], [SchoolId_Unified], [CourseOffering_SchoolYear], [CourseOffering_SessionName], [SectionIdentifier], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_StudentSectionAssociation_Student_RefKey' AND parent_object_id = OBJECT_ID(N'edfi.StudentSectionAssociation')
)
ALTER TABLE [edfi].[StudentSectionAssociation]
ADD CONSTRAINT [FK_StudentSectionAssociation_Student_RefKey]
FOREIGN KEY ([Student_StudentUniqueId], [Student_DocumentId])
REFERENCES [edfi].[Student] ([StudentUniqueId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_Bus_Document' AND parent_object_id = OBJECT_ID(N'sample.Bus')
)
ALTER TABLE [sample].[Bus]
ADD CONSTRAINT [FK_Bus_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRoute_Bus_RefKey' AND parent_object_id = OBJECT_ID(N'sample.BusRoute')
)
ALTER TABLE [sample].[BusRoute]
ADD CONSTRAINT [FK_BusRoute_Bus_RefKey]
FOREIGN KEY ([Bus_BusId], [Bus_DocumentId])
REFERENCES [sample].[Bus] ([BusId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRoute_Document' AND parent_object_id = OBJECT_ID(N'sample.BusRoute')
)
ALTER TABLE [sample].[BusRoute]
ADD CONSTRAINT [FK_BusRoute_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRouteBusYear_BusRoute' AND parent_object_id = OBJECT_ID(N'sample.BusRouteBusYear')
)
ALTER TABLE [sample].[BusRouteBusYear]
ADD CONSTRAINT [FK_BusRouteBusYear_BusRoute]
FOREIGN KEY ([BusRoute_DocumentId])
REFERENCES [sample].[BusRoute] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRouteProgram_BusRoute' AND parent_object_id = OBJECT_ID(N'sample.BusRouteProgram')
)
ALTER TABLE [sample].[BusRouteProgram]
ADD CONSTRAINT [FK_BusRouteProgram_BusRoute]
FOREIGN KEY ([BusRoute_DocumentId])
REFERENCES [sample].[BusRoute] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRouteProgram_Program_ProgramTypeDescriptor' AND parent_object_id = OBJECT_ID(N'sample.BusRouteProgram')
)
ALTER TABLE [sample].[BusRouteProgram]
ADD CONSTRAINT [FK_BusRouteProgram_Program_ProgramTypeDescriptor]
FOREIGN KEY ([Program_ProgramTypeDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRouteProgram_Program_RefKey' AND parent_object_id = OBJECT_ID(N'sample.BusRouteProgram')
)
ALTER TABLE [sample].[BusRouteProgram]
ADD CONSTRAINT [FK_BusRouteProgram_Program_RefKey]
FOREIGN KEY ([Program_EducationOrganizationId], [Program_ProgramName], [Program_ProgramTypeDescriptor_DescriptorId], [Program_DocumentId])
REFERENCES [edfi].[Program] ([EducationOrganization_EducationOrganizationId], [ProgramName], [ProgramTypeDescriptor_DescriptorId], [DocumentId])
ON DELETE NO ACTION
ON UPDATE CASCADE;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRouteServiceAreaPostalCode_BusRoute' AND parent_object_id = OBJECT_ID(N'sample.BusRouteServiceAreaPostalCode')
)
ALTER TABLE [sample].[BusRouteServiceAreaPostalCode]
ADD CONSTRAINT [FK_BusRouteServiceAreaPostalCode_BusRoute]
FOREIGN KEY ([BusRoute_DocumentId])
REFERENCES [sample].[BusRoute] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRouteStartTime_BusRoute' AND parent_object_id = OBJECT_ID(N'sample.BusRouteStartTime')
)
ALTER TABLE [sample].[BusRouteStartTime]
ADD CONSTRAINT [FK_BusRouteStartTime_BusRoute]
FOREIGN KEY ([BusRoute_DocumentId])
REFERENCES [sample].[BusRoute] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRouteTelephone_BusRoute' AND parent_object_id = OBJECT_ID(N'sample.BusRouteTelephone')
)
ALTER TABLE [sample].[BusRouteTelephone]
ADD CONSTRAINT [FK_BusRouteTelephone_BusRoute]
FOREIGN KEY ([BusRoute_DocumentId])
REFERENCES [sample].[BusRoute] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_BusRouteTelephone_TelephoneNumberTypeDescriptor' AND parent_object_id = OBJECT_ID(N'sample.BusRouteTelephone')
)
ALTER TABLE [sample].[BusRouteTelephone]
ADD CONSTRAINT [FK_BusRouteTelephone_TelephoneNumberTypeDescriptor]
FOREIGN KEY ([TelephoneNumberTypeDescriptor_DescriptorId])
REFERENCES [dms].[Descriptor] ([DocumentId])
ON DELETE NO ACTION
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.foreign_keys
    WHERE name = N'FK_EducationOrganizationIdentity_Document' AND parent_object_id = OBJECT_ID(N'edfi.EducationOrganizationIdentity')
)
ALTER TABLE [edfi].[EducationOrganizationIdentity]
ADD CONSTRAINT [FK_EducationOrganizationIdentity_Document]
FOREIGN KEY ([DocumentId])
REFERENCES [dms].[Document] ([DocumentId])
ON DELETE CASCADE
ON UPDATE NO ACTION;

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'auth' AND t.name = N'EducationOrganizationIdToEducationOrganizationId' AND i.name = N'IX_EducationOrganizationIdToEducationOrganizationId_Target'
)
CREATE INDEX [IX_EducationOrganizationIdToEducationOrganizationId_Target] ON [auth].[EducationOrganizationIdToEducationOrganizationId] ([TargetEducationOrganizationId]) INCLUDE ([SourceEducationOrganizationId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'dms' AND t.name = N'Descriptor' AND i.name = N'IX_Descriptor_Discriminator_ContentVersion'
)
CREATE INDEX [IX_Descriptor_Discriminator_ContentVersion] ON [dms].[Descriptor] ([Discriminator], [ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'dms' AND t.name = N'Descriptor' AND i.name = N'IX_Descriptor_Namespace_Auth'
)
CREATE INDEX [IX_Descriptor_Namespace_Auth] ON [dms].[Descriptor] ([Namespace]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'dms' AND t.name = N'Descriptor' AND i.name = N'IX_Descriptor_ResourceKeyId_ContentVersion_DocumentId'
)
CREATE INDEX [IX_Descriptor_ResourceKeyId_ContentVersion_DocumentId] ON [dms].[Descriptor] ([ResourceKeyId], [ContentVersion], [DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'ClassPeriod' AND i.name = N'IX_ClassPeriod_ContentVersion'
)
CREATE INDEX [IX_ClassPeriod_ContentVersion] ON [edfi].[ClassPeriod] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'ClassPeriod' AND i.name = N'IX_ClassPeriod_School_SchoolId_Auth'
)
CREATE INDEX [IX_ClassPeriod_School_SchoolId_Auth] ON [edfi].[ClassPeriod] ([School_SchoolId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'ClassPeriod' AND i.name = N'IX_ClassPeriod_School_SchoolId_School_DocumentId'
)
CREATE INDEX [IX_ClassPeriod_School_SchoolId_School_DocumentId] ON [edfi].[ClassPeriod] ([School_SchoolId], [School_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Course' AND i.name = N'IX_Course_AcademicSubjectDescriptor_DescriptorId'
)
CREATE INDEX [IX_Course_AcademicSubjectDescriptor_DescriptorId] ON [edfi].[Course] ([AcademicSubjectDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Course' AND i.name = N'IX_Course_ContentVersion'
)
CREATE INDEX [IX_Course_ContentVersion] ON [edfi].[Course] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Course' AND i.name = N'IX_Course_EducationOrganization_EducationOrganizationId_Auth'
)
CREATE INDEX [IX_Course_EducationOrganization_EducationOrganizationId_Auth] ON [edfi].[Course] ([EducationOrganization_EducationOrganizationId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Course' AND i.name = N'IX_Course_EducationOrganization_EducationOrganizationId_EducationOrganization_DocumentId'
)
CREATE INDEX [IX_Course_EducationOrganization_EducationOrganizationId_EducationOrganization_DocumentId] ON [edfi].[Course] ([EducationOrganization_EducationOrganizationId], [EducationOrganization_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'CourseIdentificationCode' AND i.name = N'IX_CourseIdentificationCode_CourseIdentificationSystemDescriptor_DescriptorId'
)
CREATE INDEX [IX_CourseIdentificationCode_CourseIdentificationSystemDescriptor_DescriptorId] ON [edfi].[CourseIdentificationCode] ([CourseIdentificationSystemDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'CourseOfferedGradeLevel' AND i.name = N'IX_CourseOfferedGradeLevel_GradeLevelDescriptor_DescriptorId'
)
CREATE INDEX [IX_CourseOfferedGradeLevel_GradeLevelDescriptor_DescriptorId] ON [edfi].[CourseOfferedGradeLevel] ([GradeLevelDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'CourseOffering' AND i.name = N'IX_CourseOffering_ContentVersion'
)
CREATE INDEX [IX_CourseOffering_ContentVersion] ON [edfi].[CourseOffering] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'CourseOffering' AND i.name = N'IX_CourseOffering_Course_CourseCode_Course_EducationOrganizationId_Course_DocumentId'
)
CREATE INDEX [IX_CourseOffering_Course_CourseCode_Course_EducationOrganizationId_Course_DocumentId] ON [edfi].[CourseOffering] ([Course_CourseCode], [Course_EducationOrganizationId], [Course_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'CourseOffering' AND i.name = N'IX_CourseOffering_SchoolId_Unified_Auth'
)
CREATE INDEX [IX_CourseOffering_SchoolId_Unified_Auth] ON [edfi].[CourseOffering] ([SchoolId_Unified]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'CourseOffering' AND i.name = N'IX_CourseOffering_SchoolId_Unified_School_DocumentId'
)
CREATE INDEX [IX_CourseOffering_SchoolId_Unified_School_DocumentId] ON [edfi].[CourseOffering] ([SchoolId_Unified], [School_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'CourseOffering' AND i.name = N'IX_CourseOffering_SchoolId_Unified_Session_SchoolYear_Session_SessionName_Session_DocumentId'
)
CREATE INDEX [IX_CourseOffering_SchoolId_Unified_Session_SchoolYear_Session_SessionName_Session_DocumentId] ON [edfi].[CourseOffering] ([SchoolId_Unified], [Session_SchoolYear], [Session_SessionName], [Session_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'CourseOfferingOfferedGradeLevel' AND i.name = N'IX_CourseOfferingOfferedGradeLevel_GradeLevelDescriptor_DescriptorId'
)
CREATE INDEX [IX_CourseOfferingOfferedGradeLevel_GradeLevelDescriptor_DescriptorId] ON [edfi].[CourseOfferingOfferedGradeLevel] ([GradeLevelDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'LocalEducationAgency' AND i.name = N'IX_LocalEducationAgency_ContentVersion'
)
CREATE INDEX [IX_LocalEducationAgency_ContentVersion] ON [edfi].[LocalEducationAgency] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'LocalEducationAgency' AND i.name = N'IX_LocalEducationAgency_LocalEducationAgencyCategoryDescriptor_DescriptorId'
)
CREATE INDEX [IX_LocalEducationAgency_LocalEducationAgencyCategoryDescriptor_DescriptorId] ON [edfi].[LocalEducationAgency] ([LocalEducationAgencyCategoryDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'LocalEducationAgency' AND i.name = N'IX_LocalEducationAgency_ParentLocalEducationAgency_LocalEducationAgencyId_ParentLocalEducationAgency_DocumentId'
)
CREATE INDEX [IX_LocalEducationAgency_ParentLocalEducationAgency_LocalEducationAgencyId_ParentLocalEducationAgency_DocumentId] ON [edfi].[LocalEducationAgency] ([ParentLocalEducationAgency_LocalEducationAgencyId], [ParentLocalEducationAgency_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'LocalEducationAgencyAccountability' AND i.name = N'IX_LocalEducationAgencyAccountability_LocalEducationAgencyAccountabilitySchoolYear_SchoolYear_LocalEducationAgencyAcc_2b6d6c6eef'
)
CREATE INDEX [IX_LocalEducationAgencyAccountability_LocalEducationAgencyAccountabilitySchoolYear_SchoolYear_LocalEducationAgencyAcc_2b6d6c6eef] ON [edfi].[LocalEducationAgencyAccountability] ([LocalEducationAgencyAccountabilitySchoolYear_SchoolYear], [LocalEducationAgencyAccountabilitySchoolYear_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'LocalEducationAgencyAddress' AND i.name = N'IX_LocalEducationAgencyAddress_AddressTypeDescriptor_DescriptorId'
)
CREATE INDEX [IX_LocalEducationAgencyAddress_AddressTypeDescriptor_DescriptorId] ON [edfi].[LocalEducationAgencyAddress] ([AddressTypeDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'LocalEducationAgencyAddress' AND i.name = N'IX_LocalEducationAgencyAddress_StateAbbreviationDescriptor_DescriptorId'
)
CREATE INDEX [IX_LocalEducationAgencyAddress_StateAbbreviationDescriptor_DescriptorId] ON [edfi].[LocalEducationAgencyAddress] ([StateAbbreviationDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'LocalEducationAgencyAddressPeriod' AND i.name = N'IX_LocalEducationAgencyAddressPeriod_ParentCollectionItemId_LocalEducationAgency_DocumentId'
)
CREATE INDEX [IX_LocalEducationAgencyAddressPeriod_ParentCollectionItemId_LocalEducationAgency_DocumentId] ON [edfi].[LocalEducationAgencyAddressPeriod] ([ParentCollectionItemId], [LocalEducationAgency_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'LocalEducationAgencyCategory' AND i.name = N'IX_LocalEducationAgencyCategory_EducationOrganizationCategoryDescriptor_DescriptorId'
)
CREATE INDEX [IX_LocalEducationAgencyCategory_EducationOrganizationCategoryDescriptor_DescriptorId] ON [edfi].[LocalEducationAgencyCategory] ([EducationOrganizationCategoryDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Program' AND i.name = N'IX_Program_ContentVersion'
)
CREATE INDEX [IX_Program_ContentVersion] ON [edfi].[Program] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Program' AND i.name = N'IX_Program_EducationOrganization_EducationOrganizationId_EducationOrganization_DocumentId'
)
CREATE INDEX [IX_Program_EducationOrganization_EducationOrganizationId_EducationOrganization_DocumentId] ON [edfi].[Program] ([EducationOrganization_EducationOrganizationId], [EducationOrganization_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Program' AND i.name = N'IX_Program_ProgramTypeDescriptor_DescriptorId'
)
CREATE INDEX [IX_Program_ProgramTypeDescriptor_DescriptorId] ON [edfi].[Program] ([ProgramTypeDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'School' AND i.name = N'IX_School_CharterApprovalSchoolYear_CharterApprovalSchoolYear_CharterApprovalSchoolYear_DocumentId'
)
CREATE INDEX [IX_School_CharterApprovalSchoolYear_CharterApprovalSchoolYear_CharterApprovalSchoolYear_DocumentId] ON [edfi].[School] ([CharterApprovalSchoolYear_CharterApprovalSchoolYear], [CharterApprovalSchoolYear_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'School' AND i.name = N'IX_School_ContentVersion'
)
CREATE INDEX [IX_School_ContentVersion] ON [edfi].[School] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'School' AND i.name = N'IX_School_LocalEducationAgency_LocalEducationAgencyId_LocalEducationAgency_DocumentId'
)
CREATE INDEX [IX_School_LocalEducationAgency_LocalEducationAgencyId_LocalEducationAgency_DocumentId] ON [edfi].[School] ([LocalEducationAgency_LocalEducationAgencyId], [LocalEducationAgency_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SchoolAddress' AND i.name = N'IX_SchoolAddress_AddressTypeDescriptor_DescriptorId'
)
CREATE INDEX [IX_SchoolAddress_AddressTypeDescriptor_DescriptorId] ON [edfi].[SchoolAddress] ([AddressTypeDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SchoolAddress' AND i.name = N'IX_SchoolAddress_StateAbbreviationDescriptor_DescriptorId'
)
CREATE INDEX [IX_SchoolAddress_StateAbbreviationDescriptor_DescriptorId] ON [edfi].[SchoolAddress] ([StateAbbreviationDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SchoolAddressPeriod' AND i.name = N'IX_SchoolAddressPeriod_ParentCollectionItemId_School_DocumentId'
)
CREATE INDEX [IX_SchoolAddressPeriod_ParentCollectionItemId_School_DocumentId] ON [edfi].[SchoolAddressPeriod] ([ParentCollectionItemId], [School_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SchoolEducationOrganizationCategory' AND i.name = N'IX_SchoolEducationOrganizationCategory_EducationOrganizationCategoryDescriptor_DescriptorId'
)
CREATE INDEX [IX_SchoolEducationOrganizationCategory_EducationOrganizationCategoryDescriptor_DescriptorId] ON [edfi].[SchoolEducationOrganizationCategory] ([EducationOrganizationCategoryDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SchoolGradeLevel' AND i.name = N'IX_SchoolGradeLevel_GradeLevelDescriptor_DescriptorId'
)
CREATE INDEX [IX_SchoolGradeLevel_GradeLevelDescriptor_DescriptorId] ON [edfi].[SchoolGradeLevel] ([GradeLevelDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SchoolYearType' AND i.name = N'IX_SchoolYearType_ContentVersion'
)
CREATE INDEX [IX_SchoolYearType_ContentVersion] ON [edfi].[SchoolYearType] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Section' AND i.name = N'IX_Section_ContentVersion'
)
CREATE INDEX [IX_Section_ContentVersion] ON [edfi].[Section] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Section' AND i.name = N'IX_Section_CourseOffering_LocalCourseCode_SchoolId_Unified_CourseOffering_SchoolYear_CourseOffering_SessionName_Cours_1e931bf166'
)
CREATE INDEX [IX_Section_CourseOffering_LocalCourseCode_SchoolId_Unified_CourseOffering_SchoolYear_CourseOffering_SessionName_Cours_1e931bf166] ON [edfi].[Section] ([CourseOffering_LocalCourseCode], [SchoolId_Unified], [CourseOffering_SchoolYear], [CourseOffering_SessionName], [CourseOffering_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Section' AND i.name = N'IX_Section_LocationSchool_SchoolId_LocationSchool_DocumentId'
)
CREATE INDEX [IX_Section_LocationSchool_SchoolId_LocationSchool_DocumentId] ON [edfi].[Section] ([LocationSchool_SchoolId], [LocationSchool_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Section' AND i.name = N'IX_Section_SchoolId_Unified_Auth'
)
CREATE INDEX [IX_Section_SchoolId_Unified_Auth] ON [edfi].[Section] ([SchoolId_Unified]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SectionClassPeriod' AND i.name = N'IX_SectionClassPeriod_ClassPeriod_ClassPeriodName_ClassPeriod_SchoolId_ClassPeriod_DocumentId'
)
CREATE INDEX [IX_SectionClassPeriod_ClassPeriod_ClassPeriodName_ClassPeriod_SchoolId_ClassPeriod_DocumentId] ON [edfi].[SectionClassPeriod] ([ClassPeriod_ClassPeriodName], [ClassPeriod_SchoolId], [ClassPeriod_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SectionOfferedGradeLevel' AND i.name = N'IX_SectionOfferedGradeLevel_GradeLevelDescriptor_DescriptorId'
)
CREATE INDEX [IX_SectionOfferedGradeLevel_GradeLevelDescriptor_DescriptorId] ON [edfi].[SectionOfferedGradeLevel] ([GradeLevelDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SectionProgram' AND i.name = N'IX_SectionProgram_Program_EducationOrganizationId_Program_ProgramName_Program_ProgramTypeDescriptor_DescriptorId_Prog_0c0a4fe723'
)
CREATE INDEX [IX_SectionProgram_Program_EducationOrganizationId_Program_ProgramName_Program_ProgramTypeDescriptor_DescriptorId_Prog_0c0a4fe723] ON [edfi].[SectionProgram] ([Program_EducationOrganizationId], [Program_ProgramName], [Program_ProgramTypeDescriptor_DescriptorId], [Program_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'SectionProgram' AND i.name = N'IX_SectionProgram_Program_ProgramTypeDescriptor_DescriptorId'
)
CREATE INDEX [IX_SectionProgram_Program_ProgramTypeDescriptor_DescriptorId] ON [edfi].[SectionProgram] ([Program_ProgramTypeDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Session' AND i.name = N'IX_Session_ContentVersion'
)
CREATE INDEX [IX_Session_ContentVersion] ON [edfi].[Session] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Session' AND i.name = N'IX_Session_SchoolYear_SchoolYear_SchoolYear_DocumentId'
)
CREATE INDEX [IX_Session_SchoolYear_SchoolYear_SchoolYear_DocumentId] ON [edfi].[Session] ([SchoolYear_SchoolYear], [SchoolYear_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Session' AND i.name = N'IX_Session_School_SchoolId_School_DocumentId'
)
CREATE INDEX [IX_Session_School_SchoolId_School_DocumentId] ON [edfi].[Session] ([School_SchoolId], [School_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Session' AND i.name = N'IX_Session_TermDescriptor_DescriptorId'
)
CREATE INDEX [IX_Session_TermDescriptor_DescriptorId] ON [edfi].[Session] ([TermDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Staff' AND i.name = N'IX_Staff_ContentVersion'
)
CREATE INDEX [IX_Staff_ContentVersion] ON [edfi].[Staff] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Staff' AND i.name = N'IX_Staff_SexDescriptor_DescriptorId'
)
CREATE INDEX [IX_Staff_SexDescriptor_DescriptorId] ON [edfi].[Staff] ([SexDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StaffAddress' AND i.name = N'IX_StaffAddress_AddressTypeDescriptor_DescriptorId'
)
CREATE INDEX [IX_StaffAddress_AddressTypeDescriptor_DescriptorId] ON [edfi].[StaffAddress] ([AddressTypeDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StaffAddress' AND i.name = N'IX_StaffAddress_StateAbbreviationDescriptor_DescriptorId'
)
CREATE INDEX [IX_StaffAddress_StateAbbreviationDescriptor_DescriptorId] ON [edfi].[StaffAddress] ([StateAbbreviationDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StaffAddressPeriod' AND i.name = N'IX_StaffAddressPeriod_ParentCollectionItemId_Staff_DocumentId'
)
CREATE INDEX [IX_StaffAddressPeriod_ParentCollectionItemId_Staff_DocumentId] ON [edfi].[StaffAddressPeriod] ([ParentCollectionItemId], [Staff_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StaffTelephone' AND i.name = N'IX_StaffTelephone_TelephoneNumberTypeDescriptor_DescriptorId'
)
CREATE INDEX [IX_StaffTelephone_TelephoneNumberTypeDescriptor_DescriptorId] ON [edfi].[StaffTelephone] ([TelephoneNumberTypeDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Student' AND i.name = N'IX_Student_BirthSexDescriptor_DescriptorId'
)
CREATE INDEX [IX_Student_BirthSexDescriptor_DescriptorId] ON [edfi].[Student] ([BirthSexDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Student' AND i.name = N'IX_Student_BirthStateAbbreviationDescriptor_DescriptorId'
)
CREATE INDEX [IX_Student_BirthStateAbbreviationDescriptor_DescriptorId] ON [edfi].[Student] ([BirthStateAbbreviationDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'Student' AND i.name = N'IX_Student_ContentVersion'
)
CREATE INDEX [IX_Student_ContentVersion] ON [edfi].[Student] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_ClassOfSchoolYear_ClassOfSchoolYear_ClassOfSchoolYear_DocumentId'
)
CREATE INDEX [IX_StudentSchoolAssociation_ClassOfSchoolYear_ClassOfSchoolYear_ClassOfSchoolYear_DocumentId] ON [edfi].[StudentSchoolAssociation] ([ClassOfSchoolYear_ClassOfSchoolYear], [ClassOfSchoolYear_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_ContentVersion'
)
CREATE INDEX [IX_StudentSchoolAssociation_ContentVersion] ON [edfi].[StudentSchoolAssociation] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_EntryGradeLevelDescriptor_DescriptorId'
)
CREATE INDEX [IX_StudentSchoolAssociation_EntryGradeLevelDescriptor_DescriptorId] ON [edfi].[StudentSchoolAssociation] ([EntryGradeLevelDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_SchoolYear_SchoolYear_SchoolYear_DocumentId'
)
CREATE INDEX [IX_StudentSchoolAssociation_SchoolYear_SchoolYear_SchoolYear_DocumentId] ON [edfi].[StudentSchoolAssociation] ([SchoolYear_SchoolYear], [SchoolYear_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_School_SchoolId_Auth'
)
CREATE INDEX [IX_StudentSchoolAssociation_School_SchoolId_Auth] ON [edfi].[StudentSchoolAssociation] ([School_SchoolId]) INCLUDE ([DocumentId], [Student_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_School_SchoolId_School_DocumentId'
)
CREATE INDEX [IX_StudentSchoolAssociation_School_SchoolId_School_DocumentId] ON [edfi].[StudentSchoolAssociation] ([School_SchoolId], [School_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_Student_DocumentId_Auth'
)
CREATE INDEX [IX_StudentSchoolAssociation_Student_DocumentId_Auth] ON [edfi].[StudentSchoolAssociation] ([Student_DocumentId]) INCLUDE ([DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_Student_StudentUniqueId_Student_DocumentId'
)
CREATE INDEX [IX_StudentSchoolAssociation_Student_StudentUniqueId_Student_DocumentId] ON [edfi].[StudentSchoolAssociation] ([Student_StudentUniqueId], [Student_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSectionAssociation' AND i.name = N'IX_StudentSectionAssociation_ContentVersion'
)
CREATE INDEX [IX_StudentSectionAssociation_ContentVersion] ON [edfi].[StudentSectionAssociation] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSectionAssociation' AND i.name = N'IX_StudentSectionAssociation_Section_LocalCourseCode_Section_SchoolId_Section_SchoolYear_Section_SessionName_Section__836e64d24b'
)
CREATE INDEX [IX_StudentSectionAssociation_Section_LocalCourseCode_Section_SchoolId_Section_SchoolYear_Section_SessionName_Section__836e64d24b] ON [edfi].[StudentSectionAssociation] ([Section_LocalCourseCode], [Section_SchoolId], [Section_SchoolYear], [Section_SessionName], [Section_SectionIdentifier], [Section_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSectionAssociation' AND i.name = N'IX_StudentSectionAssociation_Section_SchoolId_Auth'
)
CREATE INDEX [IX_StudentSectionAssociation_Section_SchoolId_Auth] ON [edfi].[StudentSectionAssociation] ([Section_SchoolId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSectionAssociation' AND i.name = N'IX_StudentSectionAssociation_Student_DocumentId_Auth'
)
CREATE INDEX [IX_StudentSectionAssociation_Student_DocumentId_Auth] ON [edfi].[StudentSectionAssociation] ([Student_DocumentId]) INCLUDE ([DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'edfi' AND t.name = N'StudentSectionAssociation' AND i.name = N'IX_StudentSectionAssociation_Student_StudentUniqueId_Student_DocumentId'
)
CREATE INDEX [IX_StudentSectionAssociation_Student_StudentUniqueId_Student_DocumentId] ON [edfi].[StudentSectionAssociation] ([Student_StudentUniqueId], [Student_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'Bus' AND i.name = N'IX_Bus_ContentVersion'
)
CREATE INDEX [IX_Bus_ContentVersion] ON [sample].[Bus] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'BusRoute' AND i.name = N'IX_BusRoute_Bus_BusId_Bus_DocumentId'
)
CREATE INDEX [IX_BusRoute_Bus_BusId_Bus_DocumentId] ON [sample].[BusRoute] ([Bus_BusId], [Bus_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'BusRoute' AND i.name = N'IX_BusRoute_ContentVersion'
)
CREATE INDEX [IX_BusRoute_ContentVersion] ON [sample].[BusRoute] ([ContentVersion]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'BusRouteProgram' AND i.name = N'IX_BusRouteProgram_Program_EducationOrganizationId_Program_ProgramName_Program_ProgramTypeDescriptor_DescriptorId_Pro_85b96bd7bf'
)
CREATE INDEX [IX_BusRouteProgram_Program_EducationOrganizationId_Program_ProgramName_Program_ProgramTypeDescriptor_DescriptorId_Pro_85b96bd7bf] ON [sample].[BusRouteProgram] ([Program_EducationOrganizationId], [Program_ProgramName], [Program_ProgramTypeDescriptor_DescriptorId], [Program_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'BusRouteProgram' AND i.name = N'IX_BusRouteProgram_Program_ProgramTypeDescriptor_DescriptorId'
)
CREATE INDEX [IX_BusRouteProgram_Program_ProgramTypeDescriptor_DescriptorId] ON [sample].[BusRouteProgram] ([Program_ProgramTypeDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'BusRouteTelephone' AND i.name = N'IX_BusRouteTelephone_TelephoneNumberTypeDescriptor_DescriptorId'
)
CREATE INDEX [IX_BusRouteTelephone_TelephoneNumberTypeDescriptor_DescriptorId] ON [sample].[BusRouteTelephone] ([TelephoneNumberTypeDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'SchoolExtensionDirectlyOwnedBus' AND i.name = N'IX_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_BusId_DirectlyOwnedBus_DocumentId'
)
CREATE INDEX [IX_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_BusId_DirectlyOwnedBus_DocumentId] ON [sample].[SchoolExtensionDirectlyOwnedBus] ([DirectlyOwnedBus_BusId], [DirectlyOwnedBus_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'StudentExtensionFavoriteBook' AND i.name = N'IX_StudentExtensionFavoriteBook_FavoriteBookCategoryDescriptor_DescriptorId'
)
CREATE INDEX [IX_StudentExtensionFavoriteBook_FavoriteBookCategoryDescriptor_DescriptorId] ON [sample].[StudentExtensionFavoriteBook] ([FavoriteBookCategoryDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'StudentExtensionFavoriteBookArtMedia' AND i.name = N'IX_StudentExtensionFavoriteBookArtMedia_ArtMediumDescriptor_DescriptorId'
)
CREATE INDEX [IX_StudentExtensionFavoriteBookArtMedia_ArtMediumDescriptor_DescriptorId] ON [sample].[StudentExtensionFavoriteBookArtMedia] ([ArtMediumDescriptor_DescriptorId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'sample' AND t.name = N'StudentExtensionFavoriteBookArtMedia' AND i.name = N'IX_StudentExtensionFavoriteBookArtMedia_ParentCollectionItemId_Student_DocumentId'
)
CREATE INDEX [IX_StudentExtensionFavoriteBookArtMedia_ParentCollectionItemId_Student_DocumentId] ON [sample].[StudentExtensionFavoriteBookArtMedia] ([ParentCollectionItemId], [Student_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'tracked_changes_edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_OldSchool_SchoolId_Auth'
)
CREATE INDEX [IX_StudentSchoolAssociation_OldSchool_SchoolId_Auth] ON [tracked_changes_edfi].[StudentSchoolAssociation] ([OldSchool_SchoolId]) INCLUDE ([OldStudent_DocumentId]);

IF NOT EXISTS (
    SELECT 1 FROM sys.indexes i
    JOIN sys.tables t ON i.object_id = t.object_id
    JOIN sys.schemas s ON t.schema_id = s.schema_id
    WHERE s.name = N'tracked_changes_edfi' AND t.name = N'StudentSchoolAssociation' AND i.name = N'IX_StudentSchoolAssociation_OldStudent_DocumentId_Auth'
)
CREATE INDEX [IX_StudentSchoolAssociation_OldStudent_DocumentId_Auth] ON [tracked_changes_edfi].[StudentSchoolAssociation] ([OldStudent_DocumentId]) INCLUDE ([OldSchool_SchoolId]);

GO
CREATE OR ALTER VIEW [edfi].[EducationOrganization_View] AS
SELECT [DocumentId] AS [DocumentId], [LocalEducationAgencyId] AS [EducationOrganizationId], CAST(N'Ed-Fi:LocalEducationAgency' AS nvarchar(256)) AS [Discriminator]
FROM [edfi].[LocalEducationAgency]
UNION ALL
SELECT [DocumentId] AS [DocumentId], [SchoolId] AS [EducationOrganizationId], CAST(N'Ed-Fi:School' AS nvarchar(256)) AS [Discriminator]
FROM [edfi].[School]
;

GO
CREATE OR ALTER VIEW [auth].[EducationOrganizationIdToStudentDocumentId] AS
SELECT
    edOrg.[SourceEducationOrganizationId],
    ssa.[Student_DocumentId]
FROM [auth].[EducationOrganizationIdToEducationOrganizationId] edOrg
INNER JOIN [edfi].[StudentSchoolAssociation] ssa ON edOrg.[TargetEducationOrganizationId] = ssa.[School_SchoolId]
;

GO
CREATE OR ALTER VIEW [auth].[EducationOrganizationIdToStudentDocumentIdIncludingDeletes] AS
SELECT
    edOrgToStudent.[SourceEducationOrganizationId],
    edOrgToStudent.[Student_DocumentId]
FROM [auth].[EducationOrganizationIdToStudentDocumentId] edOrgToStudent
UNION
SELECT
    edOrg.[SourceEducationOrganizationId],
    ssa_tc.[OldStudent_DocumentId] AS [Student_DocumentId]
FROM [auth].[EducationOrganizationIdToEducationOrganizationId] edOrg
INNER JOIN [tracked_changes_edfi].[StudentSchoolAssociation] ssa_tc ON edOrg.[TargetEducationOrganizationId] = ssa_tc.[OldSchool_SchoolId]
;

GO
CREATE OR ALTER TRIGGER [edfi].[TR_ClassPeriod_ReferentialIdentity]
ON [edfi].[ClassPeriod]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 3;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiClassPeriod' AS nvarchar(max)) + N'$.classPeriodName=' + i.[ClassPeriodName] + N'#' + N'$.schoolReference.schoolId=' + CAST(i.[School_SchoolId] AS nvarchar(max))), i.[DocumentId], 3
        FROM inserted i;
    END
    ELSE IF (UPDATE([ClassPeriodName]) OR UPDATE([School_SchoolId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[ClassPeriodName] AS varbinary(max)) <> CAST(d.[ClassPeriodName] AS varbinary(max)) OR (i.[ClassPeriodName] IS NULL AND d.[ClassPeriodName] IS NOT NULL) OR (i.[ClassPeriodName] IS NOT NULL AND d.[ClassPeriodName] IS NULL)) OR (i.[School_SchoolId] <> d.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND d.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND d.[School_SchoolId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 3;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiClassPeriod' AS nvarchar(max)) + N'$.classPeriodName=' + i.[ClassPeriodName] + N'#' + N'$.schoolReference.schoolId=' + CAST(i.[School_SchoolId] AS nvarchar(max))), i.[DocumentId], 3
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_ClassPeriod_Stamp]
ON [edfi].[ClassPeriod]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([School_DocumentId]) OR UPDATE([School_SchoolId]) OR UPDATE([ClassPeriodName]) OR UPDATE([OfficialAttendancePeriod]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[School_SchoolId] <> del.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND del.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND del.[School_SchoolId] IS NULL)) OR (CAST(i.[ClassPeriodName] AS varbinary(max)) <> CAST(del.[ClassPeriodName] AS varbinary(max)) OR (i.[ClassPeriodName] IS NULL AND del.[ClassPeriodName] IS NOT NULL) OR (i.[ClassPeriodName] IS NOT NULL AND del.[ClassPeriodName] IS NULL)) OR (i.[OfficialAttendancePeriod] <> del.[OfficialAttendancePeriod] OR (i.[OfficialAttendancePeriod] IS NULL AND del.[OfficialAttendancePeriod] IS NOT NULL) OR (i.[OfficialAttendancePeriod] IS NOT NULL AND del.[OfficialAttendancePeriod] IS NULL)))
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
        FROM [edfi].[ClassPeriod] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[ClassPeriod] (
            [OldClassPeriodName],
            [OldSchool_SchoolId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[ClassPeriodName],
            del.[School_SchoolId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[ClassPeriodName] AS varbinary(max)) <> CAST(del.[ClassPeriodName] AS varbinary(max)) OR (i.[ClassPeriodName] IS NULL AND del.[ClassPeriodName] IS NOT NULL) OR (i.[ClassPeriodName] IS NOT NULL AND del.[ClassPeriodName] IS NULL)) OR (i.[School_SchoolId] <> del.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND del.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND del.[School_SchoolId] IS NULL));
        INSERT INTO [tracked_changes_edfi].[ClassPeriod] (
            [OldClassPeriodName],
            [OldSchool_SchoolId],
            [NewClassPeriodName],
            [NewSchool_SchoolId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[ClassPeriodName],
            del.[School_SchoolId],
            i.[ClassPeriodName],
            i.[School_SchoolId],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_ClassPeriodMeetingTime_Stamp]
ON [edfi].[ClassPeriodMeetingTime]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[ClassPeriod_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[ClassPeriod_DocumentId] <> del.[ClassPeriod_DocumentId] OR (i.[ClassPeriod_DocumentId] IS NULL AND del.[ClassPeriod_DocumentId] IS NOT NULL) OR (i.[ClassPeriod_DocumentId] IS NOT NULL AND del.[ClassPeriod_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[EndTime] <> del.[EndTime] OR (i.[EndTime] IS NULL AND del.[EndTime] IS NOT NULL) OR (i.[EndTime] IS NOT NULL AND del.[EndTime] IS NULL)) OR (i.[StartTime] <> del.[StartTime] OR (i.[StartTime] IS NULL AND del.[StartTime] IS NOT NULL) OR (i.[StartTime] IS NOT NULL AND del.[StartTime] IS NULL))
        UNION
        SELECT del.[ClassPeriod_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[ClassPeriod_DocumentId] <> del.[ClassPeriod_DocumentId] OR (i.[ClassPeriod_DocumentId] IS NULL AND del.[ClassPeriod_DocumentId] IS NOT NULL) OR (i.[ClassPeriod_DocumentId] IS NOT NULL AND del.[ClassPeriod_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[EndTime] <> del.[EndTime] OR (i.[EndTime] IS NULL AND del.[EndTime] IS NOT NULL) OR (i.[EndTime] IS NOT NULL AND del.[EndTime] IS NULL)) OR (i.[StartTime] <> del.[StartTime] OR (i.[StartTime] IS NULL AND del.[StartTime] IS NOT NULL) OR (i.[StartTime] IS NOT NULL AND del.[StartTime] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[ClassPeriod_DocumentId]
    INNER JOIN [edfi].[ClassPeriod] stampTarget ON stampTarget.[DocumentId] = a.[ClassPeriod_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[ClassPeriod] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Course_ReferentialIdentity]
ON [edfi].[Course]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 4;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiCourse' AS nvarchar(max)) + N'$.courseCode=' + i.[CourseCode] + N'#' + N'$.educationOrganizationReference.educationOrganizationId=' + CAST(i.[EducationOrganization_EducationOrganizationId] AS nvarchar(max))), i.[DocumentId], 4
        FROM inserted i;
    END
    ELSE IF (UPDATE([CourseCode]) OR UPDATE([EducationOrganization_EducationOrganizationId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[CourseCode] AS varbinary(max)) <> CAST(d.[CourseCode] AS varbinary(max)) OR (i.[CourseCode] IS NULL AND d.[CourseCode] IS NOT NULL) OR (i.[CourseCode] IS NOT NULL AND d.[CourseCode] IS NULL)) OR (i.[EducationOrganization_EducationOrganizationId] <> d.[EducationOrganization_EducationOrganizationId] OR (i.[EducationOrganization_EducationOrganizationId] IS NULL AND d.[EducationOrganization_EducationOrganizationId] IS NOT NULL) OR (i.[EducationOrganization_EducationOrganizationId] IS NOT NULL AND d.[EducationOrganization_EducationOrganizationId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 4;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiCourse' AS nvarchar(max)) + N'$.courseCode=' + i.[CourseCode] + N'#' + N'$.educationOrganizationReference.educationOrganizationId=' + CAST(i.[EducationOrganization_EducationOrganizationId] AS nvarchar(max))), i.[DocumentId], 4
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Course_Stamp]
ON [edfi].[Course]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([EducationOrganization_DocumentId]) OR UPDATE([EducationOrganization_EducationOrganizationId]) OR UPDATE([AcademicSubjectDescriptor_DescriptorId]) OR UPDATE([CourseCode]) OR UPDATE([CourseDescription]) OR UPDATE([CourseTitle]) OR UPDATE([DateCourseAdopted]) OR UPDATE([HighSchoolCourseRequirement]) OR UPDATE([MaxCompletionsForCredit]) OR UPDATE([MaximumAvailableCreditConversion]) OR UPDATE([MaximumAvailableCredits]) OR UPDATE([MinimumAvailableCreditConversion]) OR UPDATE([MinimumAvailableCredits]) OR UPDATE([NumberOfParts]) OR UPDATE([TimeRequiredForCompletion]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[EducationOrganization_DocumentId] <> del.[EducationOrganization_DocumentId] OR (i.[EducationOrganization_DocumentId] IS NULL AND del.[EducationOrganization_DocumentId] IS NOT NULL) OR (i.[EducationOrganization_DocumentId] IS NOT NULL AND del.[EducationOrganization_DocumentId] IS NULL)) OR (i.[EducationOrganization_EducationOrganizationId] <> del.[EducationOrganization_EducationOrganizationId] OR (i.[EducationOrganization_EducationOrganizationId] IS NULL AND del.[EducationOrganization_EducationOrganizationId] IS NOT NULL) OR (i.[EducationOrganization_EducationOrganizationId] IS NOT NULL AND del.[EducationOrganization_EducationOrganizationId] IS NULL)) OR (i.[AcademicSubjectDescriptor_DescriptorId] <> del.[AcademicSubjectDescriptor_DescriptorId] OR (i.[AcademicSubjectDescriptor_DescriptorId] IS NULL AND del.[AcademicSubjectDescriptor_DescriptorId] IS NOT NULL) OR (i.[AcademicSubjectDescriptor_DescriptorId] IS NOT NULL AND del.[AcademicSubjectDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[CourseCode] AS varbinary(max)) <> CAST(del.[CourseCode] AS varbinary(max)) OR (i.[CourseCode] IS NULL AND del.[CourseCode] IS NOT NULL) OR (i.[CourseCode] IS NOT NULL AND del.[CourseCode] IS NULL)) OR (CAST(i.[CourseDescription] AS varbinary(max)) <> CAST(del.[CourseDescription] AS varbinary(max)) OR (i.[CourseDescription] IS NULL AND del.[CourseDescription] IS NOT NULL) OR (i.[CourseDescription] IS NOT NULL AND del.[CourseDescription] IS NULL)) OR (CAST(i.[CourseTitle] AS varbinary(max)) <> CAST(del.[CourseTitle] AS varbinary(max)) OR (i.[CourseTitle] IS NULL AND del.[CourseTitle] IS NOT NULL) OR (i.[CourseTitle] IS NOT NULL AND del.[CourseTitle] IS NULL)) OR (i.[DateCourseAdopted] <> del.[DateCourseAdopted] OR (i.[DateCourseAdopted] IS NULL AND del.[DateCourseAdopted] IS NOT NULL) OR (i.[DateCourseAdopted] IS NOT NULL AND del.[DateCourseAdopted] IS NULL)) OR (i.[HighSchoolCourseRequirement] <> del.[HighSchoolCourseRequirement] OR (i.[HighSchoolCourseRequirement] IS NULL AND del.[HighSchoolCourseRequirement] IS NOT NULL) OR (i.[HighSchoolCourseRequirement] IS NOT NULL AND del.[HighSchoolCourseRequirement] IS NULL)) OR (i.[MaxCompletionsForCredit] <> del.[MaxCompletionsForCredit] OR (i.[MaxCompletionsForCredit] IS NULL AND del.[MaxCompletionsForCredit] IS NOT NULL) OR (i.[MaxCompletionsForCredit] IS NOT NULL AND del.[MaxCompletionsForCredit] IS NULL)) OR (i.[MaximumAvailableCreditConversion] <> del.[MaximumAvailableCreditConversion] OR (i.[MaximumAvailableCreditConversion] IS NULL AND del.[MaximumAvailableCreditConversion] IS NOT NULL) OR (i.[MaximumAvailableCreditConversion] IS NOT NULL AND del.[MaximumAvailableCreditConversion] IS NULL)) OR (i.[MaximumAvailableCredits] <> del.[MaximumAvailableCredits] OR (i.[MaximumAvailableCredits] IS NULL AND del.[MaximumAvailableCredits] IS NOT NULL) OR (i.[MaximumAvailableCredits] IS NOT NULL AND del.[MaximumAvailableCredits] IS NULL)) OR (i.[MinimumAvailableCreditConversion] <> del.[MinimumAvailableCreditConversion] OR (i.[MinimumAvailableCreditConversion] IS NULL AND del.[MinimumAvailableCreditConversion] IS NOT NULL) OR (i.[MinimumAvailableCreditConversion] IS NOT NULL AND del.[MinimumAvailableCreditConversion] IS NULL)) OR (i.[MinimumAvailableCredits] <> del.[MinimumAvailableCredits] OR (i.[MinimumAvailableCredits] IS NULL AND del.[MinimumAvailableCredits] IS NOT NULL) OR (i.[MinimumAvailableCredits] IS NOT NULL AND del.[MinimumAvailableCredits] IS NULL)) OR (i.[NumberOfParts] <> del.[NumberOfParts] OR (i.[NumberOfParts] IS NULL AND del.[NumberOfParts] IS NOT NULL) OR (i.[NumberOfParts] IS NOT NULL AND del.[NumberOfParts] IS NULL)) OR (i.[TimeRequiredForCompletion] <> del.[TimeRequiredForCompletion] OR (i.[TimeRequiredForCompletion] IS NULL AND del.[TimeRequiredForCompletion] IS NOT NULL) OR (i.[TimeRequiredForCompletion] IS NOT NULL AND del.[TimeRequiredForCompletion] IS NULL)))
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
        FROM [edfi].[Course] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[Course] (
            [OldCourseCode],
            [OldEducationOrganization_EducationOrganizationId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[CourseCode],
            del.[EducationOrganization_EducationOrganizationId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[CourseCode] AS varbinary(max)) <> CAST(del.[CourseCode] AS varbinary(max)) OR (i.[CourseCode] IS NULL AND del.[CourseCode] IS NOT NULL) OR (i.[CourseCode] IS NOT NULL AND del.[CourseCode] IS NULL)) OR (i.[EducationOrganization_EducationOrganizationId] <> del.[EducationOrganization_EducationOrganizationId] OR (i.[EducationOrganization_EducationOrganizationId] IS NULL AND del.[EducationOrganization_EducationOrganizationId] IS NOT NULL) OR (i.[EducationOrganization_EducationOrganizationId] IS NOT NULL AND del.[EducationOrganization_EducationOrganizationId] IS NULL));
        INSERT INTO [tracked_changes_edfi].[Course] (
            [OldCourseCode],
            [OldEducationOrganization_EducationOrganizationId],
            [NewCourseCode],
            [NewEducationOrganization_EducationOrganizationId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[CourseCode],
            del.[EducationOrganization_EducationOrganizationId],
            i.[CourseCode],
            i.[EducationOrganization_EducationOrganizationId],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_CourseIdentificationCode_Stamp]
ON [edfi].[CourseIdentificationCode]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Course_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Course_DocumentId] <> del.[Course_DocumentId] OR (i.[Course_DocumentId] IS NULL AND del.[Course_DocumentId] IS NOT NULL) OR (i.[Course_DocumentId] IS NOT NULL AND del.[Course_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[CourseIdentificationSystemDescriptor_DescriptorId] <> del.[CourseIdentificationSystemDescriptor_DescriptorId] OR (i.[CourseIdentificationSystemDescriptor_DescriptorId] IS NULL AND del.[CourseIdentificationSystemDescriptor_DescriptorId] IS NOT NULL) OR (i.[CourseIdentificationSystemDescriptor_DescriptorId] IS NOT NULL AND del.[CourseIdentificationSystemDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[AssigningOrganizationIdentificationCode] AS varbinary(max)) <> CAST(del.[AssigningOrganizationIdentificationCode] AS varbinary(max)) OR (i.[AssigningOrganizationIdentificationCode] IS NULL AND del.[AssigningOrganizationIdentificationCode] IS NOT NULL) OR (i.[AssigningOrganizationIdentificationCode] IS NOT NULL AND del.[AssigningOrganizationIdentificationCode] IS NULL)) OR (CAST(i.[CourseCatalogURL] AS varbinary(max)) <> CAST(del.[CourseCatalogURL] AS varbinary(max)) OR (i.[CourseCatalogURL] IS NULL AND del.[CourseCatalogURL] IS NOT NULL) OR (i.[CourseCatalogURL] IS NOT NULL AND del.[CourseCatalogURL] IS NULL)) OR (CAST(i.[IdentificationCode] AS varbinary(max)) <> CAST(del.[IdentificationCode] AS varbinary(max)) OR (i.[IdentificationCode] IS NULL AND del.[IdentificationCode] IS NOT NULL) OR (i.[IdentificationCode] IS NOT NULL AND del.[IdentificationCode] IS NULL))
        UNION
        SELECT del.[Course_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Course_DocumentId] <> del.[Course_DocumentId] OR (i.[Course_DocumentId] IS NULL AND del.[Course_DocumentId] IS NOT NULL) OR (i.[Course_DocumentId] IS NOT NULL AND del.[Course_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[CourseIdentificationSystemDescriptor_DescriptorId] <> del.[CourseIdentificationSystemDescriptor_DescriptorId] OR (i.[CourseIdentificationSystemDescriptor_DescriptorId] IS NULL AND del.[CourseIdentificationSystemDescriptor_DescriptorId] IS NOT NULL) OR (i.[CourseIdentificationSystemDescriptor_DescriptorId] IS NOT NULL AND del.[CourseIdentificationSystemDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[AssigningOrganizationIdentificationCode] AS varbinary(max)) <> CAST(del.[AssigningOrganizationIdentificationCode] AS varbinary(max)) OR (i.[AssigningOrganizationIdentificationCode] IS NULL AND del.[AssigningOrganizationIdentificationCode] IS NOT NULL) OR (i.[AssigningOrganizationIdentificationCode] IS NOT NULL AND del.[AssigningOrganizationIdentificationCode] IS NULL)) OR (CAST(i.[CourseCatalogURL] AS varbinary(max)) <> CAST(del.[CourseCatalogURL] AS varbinary(max)) OR (i.[CourseCatalogURL] IS NULL AND del.[CourseCatalogURL] IS NOT NULL) OR (i.[CourseCatalogURL] IS NOT NULL AND del.[CourseCatalogURL] IS NULL)) OR (CAST(i.[IdentificationCode] AS varbinary(max)) <> CAST(del.[IdentificationCode] AS varbinary(max)) OR (i.[IdentificationCode] IS NULL AND del.[IdentificationCode] IS NOT NULL) OR (i.[IdentificationCode] IS NOT NULL AND del.[IdentificationCode] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Course_DocumentId]
    INNER JOIN [edfi].[Course] stampTarget ON stampTarget.[DocumentId] = a.[Course_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Course] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_CourseOfferedGradeLevel_Stamp]
ON [edfi].[CourseOfferedGradeLevel]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Course_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Course_DocumentId] <> del.[Course_DocumentId] OR (i.[Course_DocumentId] IS NULL AND del.[Course_DocumentId] IS NOT NULL) OR (i.[Course_DocumentId] IS NOT NULL AND del.[Course_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[GradeLevelDescriptor_DescriptorId] <> del.[GradeLevelDescriptor_DescriptorId] OR (i.[GradeLevelDescriptor_DescriptorId] IS NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[GradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NULL))
        UNION
        SELECT del.[Course_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Course_DocumentId] <> del.[Course_DocumentId] OR (i.[Course_DocumentId] IS NULL AND del.[Course_DocumentId] IS NOT NULL) OR (i.[Course_DocumentId] IS NOT NULL AND del.[Course_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[GradeLevelDescriptor_DescriptorId] <> del.[GradeLevelDescriptor_DescriptorId] OR (i.[GradeLevelDescriptor_DescriptorId] IS NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[GradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Course_DocumentId]
    INNER JOIN [edfi].[Course] stampTarget ON stampTarget.[DocumentId] = a.[Course_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Course] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_CourseOffering_ReferentialIdentity]
ON [edfi].[CourseOffering]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 6;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiCourseOffering' AS nvarchar(max)) + N'$.localCourseCode=' + i.[LocalCourseCode] + N'#' + N'$.schoolReference.schoolId=' + CAST(i.[School_SchoolId] AS nvarchar(max)) + N'#' + N'$.sessionReference.schoolId=' + CAST(i.[Session_SchoolId] AS nvarchar(max)) + N'#' + N'$.sessionReference.schoolYear=' + CAST(i.[Session_SchoolYear] AS nvarchar(max)) + N'#' + N'$.sessionReference.sessionName=' + i.[Session_SessionName]), i.[DocumentId], 6
        FROM inserted i;
    END
    ELSE IF (UPDATE([LocalCourseCode]) OR UPDATE([SchoolId_Unified]) OR UPDATE([Session_SchoolYear]) OR UPDATE([Session_SessionName]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[LocalCourseCode] AS varbinary(max)) <> CAST(d.[LocalCourseCode] AS varbinary(max)) OR (i.[LocalCourseCode] IS NULL AND d.[LocalCourseCode] IS NOT NULL) OR (i.[LocalCourseCode] IS NOT NULL AND d.[LocalCourseCode] IS NULL)) OR (i.[SchoolId_Unified] <> d.[SchoolId_Unified] OR (i.[SchoolId_Unified] IS NULL AND d.[SchoolId_Unified] IS NOT NULL) OR (i.[SchoolId_Unified] IS NOT NULL AND d.[SchoolId_Unified] IS NULL)) OR (i.[Session_SchoolYear] <> d.[Session_SchoolYear] OR (i.[Session_SchoolYear] IS NULL AND d.[Session_SchoolYear] IS NOT NULL) OR (i.[Session_SchoolYear] IS NOT NULL AND d.[Session_SchoolYear] IS NULL)) OR (CAST(i.[Session_SessionName] AS varbinary(max)) <> CAST(d.[Session_SessionName] AS varbinary(max)) OR (i.[Session_SessionName] IS NULL AND d.[Session_SessionName] IS NOT NULL) OR (i.[Session_SessionName] IS NOT NULL AND d.[Session_SessionName] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 6;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiCourseOffering' AS nvarchar(max)) + N'$.localCourseCode=' + i.[LocalCourseCode] + N'#' + N'$.schoolReference.schoolId=' + CAST(i.[School_SchoolId] AS nvarchar(max)) + N'#' + N'$.sessionReference.schoolId=' + CAST(i.[Session_SchoolId] AS nvarchar(max)) + N'#' + N'$.sessionReference.schoolYear=' + CAST(i.[Session_SchoolYear] AS nvarchar(max)) + N'#' + N'$.sessionReference.sessionName=' + i.[Session_SessionName]), i.[DocumentId], 6
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_CourseOffering_Stamp]
ON [edfi].[CourseOffering]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([SchoolId_Unified]) OR UPDATE([Course_DocumentId]) OR UPDATE([Course_CourseCode]) OR UPDATE([Course_EducationOrganizationId]) OR UPDATE([School_DocumentId]) OR UPDATE([Session_DocumentId]) OR UPDATE([Session_SchoolYear]) OR UPDATE([Session_SessionName]) OR UPDATE([InstructionalTimePlanned]) OR UPDATE([LocalCourseCode]) OR UPDATE([LocalCourseTitle]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[SchoolId_Unified] <> del.[SchoolId_Unified] OR (i.[SchoolId_Unified] IS NULL AND del.[SchoolId_Unified] IS NOT NULL) OR (i.[SchoolId_Unified] IS NOT NULL AND del.[SchoolId_Unified] IS NULL)) OR (i.[Course_DocumentId] <> del.[Course_DocumentId] OR (i.[Course_DocumentId] IS NULL AND del.[Course_DocumentId] IS NOT NULL) OR (i.[Course_DocumentId] IS NOT NULL AND del.[Course_DocumentId] IS NULL)) OR (CAST(i.[Course_CourseCode] AS varbinary(max)) <> CAST(del.[Course_CourseCode] AS varbinary(max)) OR (i.[Course_CourseCode] IS NULL AND del.[Course_CourseCode] IS NOT NULL) OR (i.[Course_CourseCode] IS NOT NULL AND del.[Course_CourseCode] IS NULL)) OR (i.[Course_EducationOrganizationId] <> del.[Course_EducationOrganizationId] OR (i.[Course_EducationOrganizationId] IS NULL AND del.[Course_EducationOrganizationId] IS NOT NULL) OR (i.[Course_EducationOrganizationId] IS NOT NULL AND del.[Course_EducationOrganizationId] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[Session_DocumentId] <> del.[Session_DocumentId] OR (i.[Session_DocumentId] IS NULL AND del.[Session_DocumentId] IS NOT NULL) OR (i.[Session_DocumentId] IS NOT NULL AND del.[Session_DocumentId] IS NULL)) OR (i.[Session_SchoolYear] <> del.[Session_SchoolYear] OR (i.[Session_SchoolYear] IS NULL AND del.[Session_SchoolYear] IS NOT NULL) OR (i.[Session_SchoolYear] IS NOT NULL AND del.[Session_SchoolYear] IS NULL)) OR (CAST(i.[Session_SessionName] AS varbinary(max)) <> CAST(del.[Session_SessionName] AS varbinary(max)) OR (i.[Session_SessionName] IS NULL AND del.[Session_SessionName] IS NOT NULL) OR (i.[Session_SessionName] IS NOT NULL AND del.[Session_SessionName] IS NULL)) OR (i.[InstructionalTimePlanned] <> del.[InstructionalTimePlanned] OR (i.[InstructionalTimePlanned] IS NULL AND del.[InstructionalTimePlanned] IS NOT NULL) OR (i.[InstructionalTimePlanned] IS NOT NULL AND del.[InstructionalTimePlanned] IS NULL)) OR (CAST(i.[LocalCourseCode] AS varbinary(max)) <> CAST(del.[LocalCourseCode] AS varbinary(max)) OR (i.[LocalCourseCode] IS NULL AND del.[LocalCourseCode] IS NOT NULL) OR (i.[LocalCourseCode] IS NOT NULL AND del.[LocalCourseCode] IS NULL)) OR (CAST(i.[LocalCourseTitle] AS varbinary(max)) <> CAST(del.[LocalCourseTitle] AS varbinary(max)) OR (i.[LocalCourseTitle] IS NULL AND del.[LocalCourseTitle] IS NOT NULL) OR (i.[LocalCourseTitle] IS NOT NULL AND del.[LocalCourseTitle] IS NULL)))
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
        FROM [edfi].[CourseOffering] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[CourseOffering] (
            [OldLocalCourseCode],
            [OldSchoolId_Unified],
            [OldSession_SchoolYear],
            [OldSession_SessionName],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[LocalCourseCode],
            del.[SchoolId_Unified],
            del.[Session_SchoolYear],
            del.[Session_SessionName],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[LocalCourseCode] AS varbinary(max)) <> CAST(del.[LocalCourseCode] AS varbinary(max)) OR (i.[LocalCourseCode] IS NULL AND del.[LocalCourseCode] IS NOT NULL) OR (i.[LocalCourseCode] IS NOT NULL AND del.[LocalCourseCode] IS NULL)) OR (i.[SchoolId_Unified] <> del.[SchoolId_Unified] OR (i.[SchoolId_Unified] IS NULL AND del.[SchoolId_Unified] IS NOT NULL) OR (i.[SchoolId_Unified] IS NOT NULL AND del.[SchoolId_Unified] IS NULL)) OR (i.[Session_SchoolYear] <> del.[Session_SchoolYear] OR (i.[Session_SchoolYear] IS NULL AND del.[Session_SchoolYear] IS NOT NULL) OR (i.[Session_SchoolYear] IS NOT NULL AND del.[Session_SchoolYear] IS NULL)) OR (CAST(i.[Session_SessionName] AS varbinary(max)) <> CAST(del.[Session_SessionName] AS varbinary(max)) OR (i.[Session_SessionName] IS NULL AND del.[Session_SessionName] IS NOT NULL) OR (i.[Session_SessionName] IS NOT NULL AND del.[Session_SessionName] IS NULL));
        INSERT INTO [tracked_changes_edfi].[CourseOffering] (
            [OldLocalCourseCode],
            [OldSchoolId_Unified],
            [OldSession_SchoolYear],
            [OldSession_SessionName],
            [NewLocalCourseCode],
            [NewSchoolId_Unified],
            [NewSession_SchoolYear],
            [NewSession_SessionName],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[LocalCourseCode],
            del.[SchoolId_Unified],
            del.[Session_SchoolYear],
            del.[Session_SessionName],
            i.[LocalCourseCode],
            i.[SchoolId_Unified],
            i.[Session_SchoolYear],
            i.[Session_SessionName],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_CourseOfferingOfferedGradeLevel_Stamp]
ON [edfi].[CourseOfferingOfferedGradeLevel]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[CourseOffering_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[CourseOffering_DocumentId] <> del.[CourseOffering_DocumentId] OR (i.[CourseOffering_DocumentId] IS NULL AND del.[CourseOffering_DocumentId] IS NOT NULL) OR (i.[CourseOffering_DocumentId] IS NOT NULL AND del.[CourseOffering_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[GradeLevelDescriptor_DescriptorId] <> del.[GradeLevelDescriptor_DescriptorId] OR (i.[GradeLevelDescriptor_DescriptorId] IS NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[GradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NULL))
        UNION
        SELECT del.[CourseOffering_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[CourseOffering_DocumentId] <> del.[CourseOffering_DocumentId] OR (i.[CourseOffering_DocumentId] IS NULL AND del.[CourseOffering_DocumentId] IS NOT NULL) OR (i.[CourseOffering_DocumentId] IS NOT NULL AND del.[CourseOffering_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[GradeLevelDescriptor_DescriptorId] <> del.[GradeLevelDescriptor_DescriptorId] OR (i.[GradeLevelDescriptor_DescriptorId] IS NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[GradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[CourseOffering_DocumentId]
    INNER JOIN [edfi].[CourseOffering] stampTarget ON stampTarget.[DocumentId] = a.[CourseOffering_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[CourseOffering] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgency_AbstractIdentity]
ON [edfi].[LocalEducationAgency]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        UPDATE t
        SET t.[EducationOrganizationId] = s.[LocalEducationAgencyId]
        FROM [edfi].[EducationOrganizationIdentity] t
        INNER JOIN inserted s ON t.[DocumentId] = s.[DocumentId];
        INSERT INTO [edfi].[EducationOrganizationIdentity] ([DocumentId], [EducationOrganizationId], [Discriminator])
        SELECT s.[DocumentId], s.[LocalEducationAgencyId], N'Ed-Fi:LocalEducationAgency'
        FROM inserted s
        LEFT JOIN [edfi].[EducationOrganizationIdentity] existing ON existing.[DocumentId] = s.[DocumentId]
        WHERE existing.[DocumentId] IS NULL;
    END
    ELSE IF (UPDATE([LocalEducationAgencyId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[LocalEducationAgencyId] <> d.[LocalEducationAgencyId] OR (i.[LocalEducationAgencyId] IS NULL AND d.[LocalEducationAgencyId] IS NOT NULL) OR (i.[LocalEducationAgencyId] IS NOT NULL AND d.[LocalEducationAgencyId] IS NULL));
        UPDATE t
        SET t.[EducationOrganizationId] = s.[LocalEducationAgencyId]
        FROM [edfi].[EducationOrganizationIdentity] t
        INNER JOIN (SELECT i.* FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId]) AS s ON t.[DocumentId] = s.[DocumentId];
        INSERT INTO [edfi].[EducationOrganizationIdentity] ([DocumentId], [EducationOrganizationId], [Discriminator])
        SELECT s.[DocumentId], s.[LocalEducationAgencyId], N'Ed-Fi:LocalEducationAgency'
        FROM (SELECT i.* FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId]) AS s
        LEFT JOIN [edfi].[EducationOrganizationIdentity] existing ON existing.[DocumentId] = s.[DocumentId]
        WHERE existing.[DocumentId] IS NULL;
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgency_AuthHierarchy_Delete]
ON [edfi].[LocalEducationAgency]
AFTER DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DELETE tbd
    FROM [auth].[EducationOrganizationIdToEducationOrganizationId] AS tbd
        INNER JOIN (
            SELECT d1.[SourceEducationOrganizationId], d2.[TargetEducationOrganizationId]
            FROM (
                SELECT tuples.[SourceEducationOrganizationId], old.[LocalEducationAgencyId]
                FROM deleted old
                    INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                        ON old.[ParentLocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
                WHERE old.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NOT NULL
            ) AS d1
            CROSS JOIN
            (
                SELECT old.[LocalEducationAgencyId], tuples.[TargetEducationOrganizationId]
                FROM deleted old
                    INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                        ON old.[LocalEducationAgencyId] = tuples.[SourceEducationOrganizationId]
            ) AS d2
            WHERE d1.[LocalEducationAgencyId] = d2.[LocalEducationAgencyId]
        ) AS cj
            ON tbd.[SourceEducationOrganizationId] = cj.[SourceEducationOrganizationId]
            AND tbd.[TargetEducationOrganizationId] = cj.[TargetEducationOrganizationId];

    DELETE tuples
    FROM [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
        INNER JOIN deleted old
            ON tuples.[SourceEducationOrganizationId] = old.[LocalEducationAgencyId]
            AND tuples.[TargetEducationOrganizationId] = old.[LocalEducationAgencyId];
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgency_AuthHierarchy_Insert]
ON [edfi].[LocalEducationAgency]
AFTER INSERT
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO [auth].[EducationOrganizationIdToEducationOrganizationId] ([SourceEducationOrganizationId], [TargetEducationOrganizationId])
    SELECT new.[LocalEducationAgencyId], new.[LocalEducationAgencyId]
    FROM inserted new;

    INSERT INTO [auth].[EducationOrganizationIdToEducationOrganizationId] ([SourceEducationOrganizationId], [TargetEducationOrganizationId])
    SELECT sources.[SourceEducationOrganizationId], targets.[TargetEducationOrganizationId]
    FROM (
        SELECT tuples.[SourceEducationOrganizationId], new.[LocalEducationAgencyId]
        FROM inserted new
            INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                ON new.[ParentLocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
        WHERE new.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NOT NULL
    ) AS sources
    CROSS JOIN
    (
        SELECT new.[LocalEducationAgencyId], tuples.[TargetEducationOrganizationId]
        FROM inserted new
            INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                ON new.[LocalEducationAgencyId] = tuples.[SourceEducationOrganizationId]
    ) AS targets
    WHERE sources.[LocalEducationAgencyId] = targets.[LocalEducationAgencyId];
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgency_AuthHierarchy_Update]
ON [edfi].[LocalEducationAgency]
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF UPDATE([ParentLocalEducationAgency_LocalEducationAgencyId])
    BEGIN
        DELETE tbd
        FROM [auth].[EducationOrganizationIdToEducationOrganizationId] AS tbd
            INNER JOIN (
                SELECT d1.[SourceEducationOrganizationId], d2.[TargetEducationOrganizationId]
                FROM (
                    SELECT tuples.[SourceEducationOrganizationId], new.[LocalEducationAgencyId]
                    FROM inserted new
                        INNER JOIN deleted old
                            ON old.[LocalEducationAgencyId] = new.[LocalEducationAgencyId]
                        INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                            ON old.[ParentLocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
                    WHERE old.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NOT NULL
                        AND (new.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NULL OR old.[ParentLocalEducationAgency_LocalEducationAgencyId] <> new.[ParentLocalEducationAgency_LocalEducationAgencyId])

                    EXCEPT

                    SELECT tuples.[SourceEducationOrganizationId], new.[LocalEducationAgencyId]
                    FROM inserted new
                        INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                            ON new.[ParentLocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
                ) AS d1
                CROSS JOIN
                (
                    SELECT new.[LocalEducationAgencyId], tuples.[TargetEducationOrganizationId]
                    FROM inserted new
                        INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                            ON new.[LocalEducationAgencyId] = tuples.[SourceEducationOrganizationId]
                ) AS d2
                WHERE d1.[LocalEducationAgencyId] = d2.[LocalEducationAgencyId]
            ) AS cj
                ON tbd.[SourceEducationOrganizationId] = cj.[SourceEducationOrganizationId]
                AND tbd.[TargetEducationOrganizationId] = cj.[TargetEducationOrganizationId];

        MERGE INTO [auth].[EducationOrganizationIdToEducationOrganizationId] target
        USING (
            SELECT sources.[SourceEducationOrganizationId], targets.[TargetEducationOrganizationId]
            FROM (
                SELECT tuples.[SourceEducationOrganizationId], new.[LocalEducationAgencyId]
                FROM inserted new
                    INNER JOIN deleted old
                        ON new.[LocalEducationAgencyId] = old.[LocalEducationAgencyId]
                    INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                        ON new.[ParentLocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
                WHERE (old.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NULL AND new.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NOT NULL)
                    OR old.[ParentLocalEducationAgency_LocalEducationAgencyId] <> new.[ParentLocalEducationAgency_LocalEducationAgencyId]
            ) AS sources
            CROSS JOIN
            (
                SELECT new.[LocalEducationAgencyId], tuples.[TargetEducationOrganizationId]
                FROM inserted new
                    INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                        ON new.[LocalEducationAgencyId] = tuples.[SourceEducationOrganizationId]
            ) AS targets
            WHERE sources.[LocalEducationAgencyId] = targets.[LocalEducationAgencyId]
        ) AS source
            ON target.[SourceEducationOrganizationId] = source.[SourceEducationOrganizationId]
            AND target.[TargetEducationOrganizationId] = source.[TargetEducationOrganizationId]
        WHEN NOT MATCHED BY TARGET THEN
            INSERT ([SourceEducationOrganizationId], [TargetEducationOrganizationId])
            VALUES (source.[SourceEducationOrganizationId], source.[TargetEducationOrganizationId]);
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgency_ReferentialIdentity]
ON [edfi].[LocalEducationAgency]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 10;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiLocalEducationAgency' AS nvarchar(max)) + N'$.localEducationAgencyId=' + CAST(i.[LocalEducationAgencyId] AS nvarchar(max))), i.[DocumentId], 10
        FROM inserted i;
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 7;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiEducationOrganization' AS nvarchar(max)) + N'$.educationOrganizationId=' + CAST(i.[LocalEducationAgencyId] AS nvarchar(max))), i.[DocumentId], 7
        FROM inserted i;
    END
    ELSE IF (UPDATE([LocalEducationAgencyId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[LocalEducationAgencyId] <> d.[LocalEducationAgencyId] OR (i.[LocalEducationAgencyId] IS NULL AND d.[LocalEducationAgencyId] IS NOT NULL) OR (i.[LocalEducationAgencyId] IS NOT NULL AND d.[LocalEducationAgencyId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 10;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiLocalEducationAgency' AS nvarchar(max)) + N'$.localEducationAgencyId=' + CAST(i.[LocalEducationAgencyId] AS nvarchar(max))), i.[DocumentId], 10
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 7;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiEducationOrganization' AS nvarchar(max)) + N'$.educationOrganizationId=' + CAST(i.[LocalEducationAgencyId] AS nvarchar(max))), i.[DocumentId], 7
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgency_Stamp]
ON [edfi].[LocalEducationAgency]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([ParentLocalEducationAgency_DocumentId]) OR UPDATE([ParentLocalEducationAgency_LocalEducationAgencyId]) OR UPDATE([LocalEducationAgencyCategoryDescriptor_DescriptorId]) OR UPDATE([LocalEducationAgencyId]) OR UPDATE([NameOfInstitution]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[ParentLocalEducationAgency_DocumentId] <> del.[ParentLocalEducationAgency_DocumentId] OR (i.[ParentLocalEducationAgency_DocumentId] IS NULL AND del.[ParentLocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[ParentLocalEducationAgency_DocumentId] IS NOT NULL AND del.[ParentLocalEducationAgency_DocumentId] IS NULL)) OR (i.[ParentLocalEducationAgency_LocalEducationAgencyId] <> del.[ParentLocalEducationAgency_LocalEducationAgencyId] OR (i.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NULL AND del.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NOT NULL) OR (i.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NOT NULL AND del.[ParentLocalEducationAgency_LocalEducationAgencyId] IS NULL)) OR (i.[LocalEducationAgencyCategoryDescriptor_DescriptorId] <> del.[LocalEducationAgencyCategoryDescriptor_DescriptorId] OR (i.[LocalEducationAgencyCategoryDescriptor_DescriptorId] IS NULL AND del.[LocalEducationAgencyCategoryDescriptor_DescriptorId] IS NOT NULL) OR (i.[LocalEducationAgencyCategoryDescriptor_DescriptorId] IS NOT NULL AND del.[LocalEducationAgencyCategoryDescriptor_DescriptorId] IS NULL)) OR (i.[LocalEducationAgencyId] <> del.[LocalEducationAgencyId] OR (i.[LocalEducationAgencyId] IS NULL AND del.[LocalEducationAgencyId] IS NOT NULL) OR (i.[LocalEducationAgencyId] IS NOT NULL AND del.[LocalEducationAgencyId] IS NULL)) OR (CAST(i.[NameOfInstitution] AS varbinary(max)) <> CAST(del.[NameOfInstitution] AS varbinary(max)) OR (i.[NameOfInstitution] IS NULL AND del.[NameOfInstitution] IS NOT NULL) OR (i.[NameOfInstitution] IS NOT NULL AND del.[NameOfInstitution] IS NULL)))
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
        FROM [edfi].[LocalEducationAgency] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[LocalEducationAgency] (
            [OldLocalEducationAgencyId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[LocalEducationAgencyId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND (UPDATE([LocalEducationAgencyId]))
    BEGIN
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (i.[LocalEducationAgencyId] <> del.[LocalEducationAgencyId] OR (i.[LocalEducationAgencyId] IS NULL AND del.[LocalEducationAgencyId] IS NOT NULL) OR (i.[LocalEducationAgencyId] IS NOT NULL AND del.[LocalEducationAgencyId] IS NULL));
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgencyAccountability_Stamp]
ON [edfi].[LocalEducationAgencyAccountability]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[LocalEducationAgency_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] <> del.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] OR (i.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NULL AND del.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NOT NULL AND del.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NULL)) OR (i.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] <> del.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] OR (i.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NULL AND del.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NOT NULL) OR (i.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NOT NULL AND del.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NULL))
        UNION
        SELECT del.[LocalEducationAgency_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] <> del.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] OR (i.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NULL AND del.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NOT NULL AND del.[LocalEducationAgencyAccountabilitySchoolYear_DocumentId] IS NULL)) OR (i.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] <> del.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] OR (i.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NULL AND del.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NOT NULL) OR (i.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NOT NULL AND del.[LocalEducationAgencyAccountabilitySchoolYear_SchoolYear] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[LocalEducationAgency_DocumentId]
    INNER JOIN [edfi].[LocalEducationAgency] stampTarget ON stampTarget.[DocumentId] = a.[LocalEducationAgency_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[LocalEducationAgency] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgencyAddress_Stamp]
ON [edfi].[LocalEducationAgencyAddress]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[LocalEducationAgency_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[AddressTypeDescriptor_DescriptorId] <> del.[AddressTypeDescriptor_DescriptorId] OR (i.[AddressTypeDescriptor_DescriptorId] IS NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[AddressTypeDescriptor_DescriptorId] IS NOT NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NULL)) OR (i.[StateAbbreviationDescriptor_DescriptorId] <> del.[StateAbbreviationDescriptor_DescriptorId] OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL) OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[ApartmentRoomSuiteNumber] AS varbinary(max)) <> CAST(del.[ApartmentRoomSuiteNumber] AS varbinary(max)) OR (i.[ApartmentRoomSuiteNumber] IS NULL AND del.[ApartmentRoomSuiteNumber] IS NOT NULL) OR (i.[ApartmentRoomSuiteNumber] IS NOT NULL AND del.[ApartmentRoomSuiteNumber] IS NULL)) OR (CAST(i.[BuildingSiteNumber] AS varbinary(max)) <> CAST(del.[BuildingSiteNumber] AS varbinary(max)) OR (i.[BuildingSiteNumber] IS NULL AND del.[BuildingSiteNumber] IS NOT NULL) OR (i.[BuildingSiteNumber] IS NOT NULL AND del.[BuildingSiteNumber] IS NULL)) OR (CAST(i.[City] AS varbinary(max)) <> CAST(del.[City] AS varbinary(max)) OR (i.[City] IS NULL AND del.[City] IS NOT NULL) OR (i.[City] IS NOT NULL AND del.[City] IS NULL)) OR (CAST(i.[CongressionalDistrict] AS varbinary(max)) <> CAST(del.[CongressionalDistrict] AS varbinary(max)) OR (i.[CongressionalDistrict] IS NULL AND del.[CongressionalDistrict] IS NOT NULL) OR (i.[CongressionalDistrict] IS NOT NULL AND del.[CongressionalDistrict] IS NULL)) OR (CAST(i.[CountyFIPSCode] AS varbinary(max)) <> CAST(del.[CountyFIPSCode] AS varbinary(max)) OR (i.[CountyFIPSCode] IS NULL AND del.[CountyFIPSCode] IS NOT NULL) OR (i.[CountyFIPSCode] IS NOT NULL AND del.[CountyFIPSCode] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (CAST(i.[Latitude] AS varbinary(max)) <> CAST(del.[Latitude] AS varbinary(max)) OR (i.[Latitude] IS NULL AND del.[Latitude] IS NOT NULL) OR (i.[Latitude] IS NOT NULL AND del.[Latitude] IS NULL)) OR (CAST(i.[Longitude] AS varbinary(max)) <> CAST(del.[Longitude] AS varbinary(max)) OR (i.[Longitude] IS NULL AND del.[Longitude] IS NOT NULL) OR (i.[Longitude] IS NOT NULL AND del.[Longitude] IS NULL)) OR (CAST(i.[NameOfCounty] AS varbinary(max)) <> CAST(del.[NameOfCounty] AS varbinary(max)) OR (i.[NameOfCounty] IS NULL AND del.[NameOfCounty] IS NOT NULL) OR (i.[NameOfCounty] IS NOT NULL AND del.[NameOfCounty] IS NULL)) OR (CAST(i.[PostalCode] AS varbinary(max)) <> CAST(del.[PostalCode] AS varbinary(max)) OR (i.[PostalCode] IS NULL AND del.[PostalCode] IS NOT NULL) OR (i.[PostalCode] IS NOT NULL AND del.[PostalCode] IS NULL)) OR (CAST(i.[StreetNumberName] AS varbinary(max)) <> CAST(del.[StreetNumberName] AS varbinary(max)) OR (i.[StreetNumberName] IS NULL AND del.[StreetNumberName] IS NOT NULL) OR (i.[StreetNumberName] IS NOT NULL AND del.[StreetNumberName] IS NULL))
        UNION
        SELECT del.[LocalEducationAgency_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[AddressTypeDescriptor_DescriptorId] <> del.[AddressTypeDescriptor_DescriptorId] OR (i.[AddressTypeDescriptor_DescriptorId] IS NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[AddressTypeDescriptor_DescriptorId] IS NOT NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NULL)) OR (i.[StateAbbreviationDescriptor_DescriptorId] <> del.[StateAbbreviationDescriptor_DescriptorId] OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL) OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[ApartmentRoomSuiteNumber] AS varbinary(max)) <> CAST(del.[ApartmentRoomSuiteNumber] AS varbinary(max)) OR (i.[ApartmentRoomSuiteNumber] IS NULL AND del.[ApartmentRoomSuiteNumber] IS NOT NULL) OR (i.[ApartmentRoomSuiteNumber] IS NOT NULL AND del.[ApartmentRoomSuiteNumber] IS NULL)) OR (CAST(i.[BuildingSiteNumber] AS varbinary(max)) <> CAST(del.[BuildingSiteNumber] AS varbinary(max)) OR (i.[BuildingSiteNumber] IS NULL AND del.[BuildingSiteNumber] IS NOT NULL) OR (i.[BuildingSiteNumber] IS NOT NULL AND del.[BuildingSiteNumber] IS NULL)) OR (CAST(i.[City] AS varbinary(max)) <> CAST(del.[City] AS varbinary(max)) OR (i.[City] IS NULL AND del.[City] IS NOT NULL) OR (i.[City] IS NOT NULL AND del.[City] IS NULL)) OR (CAST(i.[CongressionalDistrict] AS varbinary(max)) <> CAST(del.[CongressionalDistrict] AS varbinary(max)) OR (i.[CongressionalDistrict] IS NULL AND del.[CongressionalDistrict] IS NOT NULL) OR (i.[CongressionalDistrict] IS NOT NULL AND del.[CongressionalDistrict] IS NULL)) OR (CAST(i.[CountyFIPSCode] AS varbinary(max)) <> CAST(del.[CountyFIPSCode] AS varbinary(max)) OR (i.[CountyFIPSCode] IS NULL AND del.[CountyFIPSCode] IS NOT NULL) OR (i.[CountyFIPSCode] IS NOT NULL AND del.[CountyFIPSCode] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (CAST(i.[Latitude] AS varbinary(max)) <> CAST(del.[Latitude] AS varbinary(max)) OR (i.[Latitude] IS NULL AND del.[Latitude] IS NOT NULL) OR (i.[Latitude] IS NOT NULL AND del.[Latitude] IS NULL)) OR (CAST(i.[Longitude] AS varbinary(max)) <> CAST(del.[Longitude] AS varbinary(max)) OR (i.[Longitude] IS NULL AND del.[Longitude] IS NOT NULL) OR (i.[Longitude] IS NOT NULL AND del.[Longitude] IS NULL)) OR (CAST(i.[NameOfCounty] AS varbinary(max)) <> CAST(del.[NameOfCounty] AS varbinary(max)) OR (i.[NameOfCounty] IS NULL AND del.[NameOfCounty] IS NOT NULL) OR (i.[NameOfCounty] IS NOT NULL AND del.[NameOfCounty] IS NULL)) OR (CAST(i.[PostalCode] AS varbinary(max)) <> CAST(del.[PostalCode] AS varbinary(max)) OR (i.[PostalCode] IS NULL AND del.[PostalCode] IS NOT NULL) OR (i.[PostalCode] IS NOT NULL AND del.[PostalCode] IS NULL)) OR (CAST(i.[StreetNumberName] AS varbinary(max)) <> CAST(del.[StreetNumberName] AS varbinary(max)) OR (i.[StreetNumberName] IS NULL AND del.[StreetNumberName] IS NOT NULL) OR (i.[StreetNumberName] IS NOT NULL AND del.[StreetNumberName] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[LocalEducationAgency_DocumentId]
    INNER JOIN [edfi].[LocalEducationAgency] stampTarget ON stampTarget.[DocumentId] = a.[LocalEducationAgency_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[LocalEducationAgency] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgencyAddressPeriod_Stamp]
ON [edfi].[LocalEducationAgencyAddressPeriod]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[LocalEducationAgency_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[ParentCollectionItemId] <> del.[ParentCollectionItemId] OR (i.[ParentCollectionItemId] IS NULL AND del.[ParentCollectionItemId] IS NOT NULL) OR (i.[ParentCollectionItemId] IS NOT NULL AND del.[ParentCollectionItemId] IS NULL)) OR (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (i.[EndDate] <> del.[EndDate] OR (i.[EndDate] IS NULL AND del.[EndDate] IS NOT NULL) OR (i.[EndDate] IS NOT NULL AND del.[EndDate] IS NULL))
        UNION
        SELECT del.[LocalEducationAgency_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[ParentCollectionItemId] <> del.[ParentCollectionItemId] OR (i.[ParentCollectionItemId] IS NULL AND del.[ParentCollectionItemId] IS NOT NULL) OR (i.[ParentCollectionItemId] IS NOT NULL AND del.[ParentCollectionItemId] IS NULL)) OR (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (i.[EndDate] <> del.[EndDate] OR (i.[EndDate] IS NULL AND del.[EndDate] IS NOT NULL) OR (i.[EndDate] IS NOT NULL AND del.[EndDate] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[LocalEducationAgency_DocumentId]
    INNER JOIN [edfi].[LocalEducationAgency] stampTarget ON stampTarget.[DocumentId] = a.[LocalEducationAgency_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[LocalEducationAgency] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgencyCategory_Stamp]
ON [edfi].[LocalEducationAgencyCategory]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[LocalEducationAgency_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] <> del.[EducationOrganizationCategoryDescriptor_DescriptorId] OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NULL AND del.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NOT NULL) OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NOT NULL AND del.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NULL))
        UNION
        SELECT del.[LocalEducationAgency_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] <> del.[EducationOrganizationCategoryDescriptor_DescriptorId] OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NULL AND del.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NOT NULL) OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NOT NULL AND del.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[LocalEducationAgency_DocumentId]
    INNER JOIN [edfi].[LocalEducationAgency] stampTarget ON stampTarget.[DocumentId] = a.[LocalEducationAgency_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[LocalEducationAgency] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_LocalEducationAgencyFederalFunds_Stamp]
ON [edfi].[LocalEducationAgencyFederalFunds]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[LocalEducationAgency_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[FiscalYear] <> del.[FiscalYear] OR (i.[FiscalYear] IS NULL AND del.[FiscalYear] IS NOT NULL) OR (i.[FiscalYear] IS NOT NULL AND del.[FiscalYear] IS NULL)) OR (i.[InnovativeDollarsSpent] <> del.[InnovativeDollarsSpent] OR (i.[InnovativeDollarsSpent] IS NULL AND del.[InnovativeDollarsSpent] IS NOT NULL) OR (i.[InnovativeDollarsSpent] IS NOT NULL AND del.[InnovativeDollarsSpent] IS NULL)) OR (i.[InnovativeDollarsSpentStrategicPriorities] <> del.[InnovativeDollarsSpentStrategicPriorities] OR (i.[InnovativeDollarsSpentStrategicPriorities] IS NULL AND del.[InnovativeDollarsSpentStrategicPriorities] IS NOT NULL) OR (i.[InnovativeDollarsSpentStrategicPriorities] IS NOT NULL AND del.[InnovativeDollarsSpentStrategicPriorities] IS NULL)) OR (i.[InnovativeProgramsFundsReceived] <> del.[InnovativeProgramsFundsReceived] OR (i.[InnovativeProgramsFundsReceived] IS NULL AND del.[InnovativeProgramsFundsReceived] IS NOT NULL) OR (i.[InnovativeProgramsFundsReceived] IS NOT NULL AND del.[InnovativeProgramsFundsReceived] IS NULL)) OR (i.[SchoolImprovementAllocation] <> del.[SchoolImprovementAllocation] OR (i.[SchoolImprovementAllocation] IS NULL AND del.[SchoolImprovementAllocation] IS NOT NULL) OR (i.[SchoolImprovementAllocation] IS NOT NULL AND del.[SchoolImprovementAllocation] IS NULL)) OR (i.[SchoolImprovementReservedFundsPercentage] <> del.[SchoolImprovementReservedFundsPercentage] OR (i.[SchoolImprovementReservedFundsPercentage] IS NULL AND del.[SchoolImprovementReservedFundsPercentage] IS NOT NULL) OR (i.[SchoolImprovementReservedFundsPercentage] IS NOT NULL AND del.[SchoolImprovementReservedFundsPercentage] IS NULL)) OR (i.[StateAssessmentAdministrationFunding] <> del.[StateAssessmentAdministrationFunding] OR (i.[StateAssessmentAdministrationFunding] IS NULL AND del.[StateAssessmentAdministrationFunding] IS NOT NULL) OR (i.[StateAssessmentAdministrationFunding] IS NOT NULL AND del.[StateAssessmentAdministrationFunding] IS NULL)) OR (i.[SupplementalEducationalServicesFundsSpent] <> del.[SupplementalEducationalServicesFundsSpent] OR (i.[SupplementalEducationalServicesFundsSpent] IS NULL AND del.[SupplementalEducationalServicesFundsSpent] IS NOT NULL) OR (i.[SupplementalEducationalServicesFundsSpent] IS NOT NULL AND del.[SupplementalEducationalServicesFundsSpent] IS NULL)) OR (i.[SupplementalEducationalServicesPerPupilExpenditure] <> del.[SupplementalEducationalServicesPerPupilExpenditure] OR (i.[SupplementalEducationalServicesPerPupilExpenditure] IS NULL AND del.[SupplementalEducationalServicesPerPupilExpenditure] IS NOT NULL) OR (i.[SupplementalEducationalServicesPerPupilExpenditure] IS NOT NULL AND del.[SupplementalEducationalServicesPerPupilExpenditure] IS NULL))
        UNION
        SELECT del.[LocalEducationAgency_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[FiscalYear] <> del.[FiscalYear] OR (i.[FiscalYear] IS NULL AND del.[FiscalYear] IS NOT NULL) OR (i.[FiscalYear] IS NOT NULL AND del.[FiscalYear] IS NULL)) OR (i.[InnovativeDollarsSpent] <> del.[InnovativeDollarsSpent] OR (i.[InnovativeDollarsSpent] IS NULL AND del.[InnovativeDollarsSpent] IS NOT NULL) OR (i.[InnovativeDollarsSpent] IS NOT NULL AND del.[InnovativeDollarsSpent] IS NULL)) OR (i.[InnovativeDollarsSpentStrategicPriorities] <> del.[InnovativeDollarsSpentStrategicPriorities] OR (i.[InnovativeDollarsSpentStrategicPriorities] IS NULL AND del.[InnovativeDollarsSpentStrategicPriorities] IS NOT NULL) OR (i.[InnovativeDollarsSpentStrategicPriorities] IS NOT NULL AND del.[InnovativeDollarsSpentStrategicPriorities] IS NULL)) OR (i.[InnovativeProgramsFundsReceived] <> del.[InnovativeProgramsFundsReceived] OR (i.[InnovativeProgramsFundsReceived] IS NULL AND del.[InnovativeProgramsFundsReceived] IS NOT NULL) OR (i.[InnovativeProgramsFundsReceived] IS NOT NULL AND del.[InnovativeProgramsFundsReceived] IS NULL)) OR (i.[SchoolImprovementAllocation] <> del.[SchoolImprovementAllocation] OR (i.[SchoolImprovementAllocation] IS NULL AND del.[SchoolImprovementAllocation] IS NOT NULL) OR (i.[SchoolImprovementAllocation] IS NOT NULL AND del.[SchoolImprovementAllocation] IS NULL)) OR (i.[SchoolImprovementReservedFundsPercentage] <> del.[SchoolImprovementReservedFundsPercentage] OR (i.[SchoolImprovementReservedFundsPercentage] IS NULL AND del.[SchoolImprovementReservedFundsPercentage] IS NOT NULL) OR (i.[SchoolImprovementReservedFundsPercentage] IS NOT NULL AND del.[SchoolImprovementReservedFundsPercentage] IS NULL)) OR (i.[StateAssessmentAdministrationFunding] <> del.[StateAssessmentAdministrationFunding] OR (i.[StateAssessmentAdministrationFunding] IS NULL AND del.[StateAssessmentAdministrationFunding] IS NOT NULL) OR (i.[StateAssessmentAdministrationFunding] IS NOT NULL AND del.[StateAssessmentAdministrationFunding] IS NULL)) OR (i.[SupplementalEducationalServicesFundsSpent] <> del.[SupplementalEducationalServicesFundsSpent] OR (i.[SupplementalEducationalServicesFundsSpent] IS NULL AND del.[SupplementalEducationalServicesFundsSpent] IS NOT NULL) OR (i.[SupplementalEducationalServicesFundsSpent] IS NOT NULL AND del.[SupplementalEducationalServicesFundsSpent] IS NULL)) OR (i.[SupplementalEducationalServicesPerPupilExpenditure] <> del.[SupplementalEducationalServicesPerPupilExpenditure] OR (i.[SupplementalEducationalServicesPerPupilExpenditure] IS NULL AND del.[SupplementalEducationalServicesPerPupilExpenditure] IS NOT NULL) OR (i.[SupplementalEducationalServicesPerPupilExpenditure] IS NOT NULL AND del.[SupplementalEducationalServicesPerPupilExpenditure] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[LocalEducationAgency_DocumentId]
    INNER JOIN [edfi].[LocalEducationAgency] stampTarget ON stampTarget.[DocumentId] = a.[LocalEducationAgency_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[LocalEducationAgency] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Program_ReferentialIdentity]
ON [edfi].[Program]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 12;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiProgram' AS nvarchar(max)) + N'$.educationOrganizationReference.educationOrganizationId=' + CAST(i.[EducationOrganization_EducationOrganizationId] AS nvarchar(max)) + N'#' + N'$.programName=' + i.[ProgramName] + N'#' + N'$.programTypeDescriptor=' + (SELECT d.[Uri] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = i.[ProgramTypeDescriptor_DescriptorId])), i.[DocumentId], 12
        FROM inserted i;
    END
    ELSE IF (UPDATE([EducationOrganization_EducationOrganizationId]) OR UPDATE([ProgramName]) OR UPDATE([ProgramTypeDescriptor_DescriptorId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[EducationOrganization_EducationOrganizationId] <> d.[EducationOrganization_EducationOrganizationId] OR (i.[EducationOrganization_EducationOrganizationId] IS NULL AND d.[EducationOrganization_EducationOrganizationId] IS NOT NULL) OR (i.[EducationOrganization_EducationOrganizationId] IS NOT NULL AND d.[EducationOrganization_EducationOrganizationId] IS NULL)) OR (CAST(i.[ProgramName] AS varbinary(max)) <> CAST(d.[ProgramName] AS varbinary(max)) OR (i.[ProgramName] IS NULL AND d.[ProgramName] IS NOT NULL) OR (i.[ProgramName] IS NOT NULL AND d.[ProgramName] IS NULL)) OR (i.[ProgramTypeDescriptor_DescriptorId] <> d.[ProgramTypeDescriptor_DescriptorId] OR (i.[ProgramTypeDescriptor_DescriptorId] IS NULL AND d.[ProgramTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[ProgramTypeDescriptor_DescriptorId] IS NOT NULL AND d.[ProgramTypeDescriptor_DescriptorId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 12;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiProgram' AS nvarchar(max)) + N'$.educationOrganizationReference.educationOrganizationId=' + CAST(i.[EducationOrganization_EducationOrganizationId] AS nvarchar(max)) + N'#' + N'$.programName=' + i.[ProgramName] + N'#' + N'$.programTypeDescriptor=' + (SELECT d.[Uri] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = i.[ProgramTypeDescriptor_DescriptorId])), i.[DocumentId], 12
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Program_Stamp]
ON [edfi].[Program]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([EducationOrganization_DocumentId]) OR UPDATE([EducationOrganization_EducationOrganizationId]) OR UPDATE([ProgramTypeDescriptor_DescriptorId]) OR UPDATE([ProgramName]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[EducationOrganization_DocumentId] <> del.[EducationOrganization_DocumentId] OR (i.[EducationOrganization_DocumentId] IS NULL AND del.[EducationOrganization_DocumentId] IS NOT NULL) OR (i.[EducationOrganization_DocumentId] IS NOT NULL AND del.[EducationOrganization_DocumentId] IS NULL)) OR (i.[EducationOrganization_EducationOrganizationId] <> del.[EducationOrganization_EducationOrganizationId] OR (i.[EducationOrganization_EducationOrganizationId] IS NULL AND del.[EducationOrganization_EducationOrganizationId] IS NOT NULL) OR (i.[EducationOrganization_EducationOrganizationId] IS NOT NULL AND del.[EducationOrganization_EducationOrganizationId] IS NULL)) OR (i.[ProgramTypeDescriptor_DescriptorId] <> del.[ProgramTypeDescriptor_DescriptorId] OR (i.[ProgramTypeDescriptor_DescriptorId] IS NULL AND del.[ProgramTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[ProgramTypeDescriptor_DescriptorId] IS NOT NULL AND del.[ProgramTypeDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[ProgramName] AS varbinary(max)) <> CAST(del.[ProgramName] AS varbinary(max)) OR (i.[ProgramName] IS NULL AND del.[ProgramName] IS NOT NULL) OR (i.[ProgramName] IS NOT NULL AND del.[ProgramName] IS NULL)))
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
        FROM [edfi].[Program] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[Program] (
            [OldEducationOrganization_EducationOrganizationId],
            [OldProgramName],
            [OldProgramTypeDescriptor_Namespace],
            [OldProgramTypeDescriptor_CodeValue],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[EducationOrganization_EducationOrganizationId],
            del.[ProgramName],
            (SELECT d.[Namespace] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = del.[ProgramTypeDescriptor_DescriptorId]),
            (SELECT d.[CodeValue] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = del.[ProgramTypeDescriptor_DescriptorId]),
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (i.[EducationOrganization_EducationOrganizationId] <> del.[EducationOrganization_EducationOrganizationId] OR (i.[EducationOrganization_EducationOrganizationId] IS NULL AND del.[EducationOrganization_EducationOrganizationId] IS NOT NULL) OR (i.[EducationOrganization_EducationOrganizationId] IS NOT NULL AND del.[EducationOrganization_EducationOrganizationId] IS NULL)) OR (CAST(i.[ProgramName] AS varbinary(max)) <> CAST(del.[ProgramName] AS varbinary(max)) OR (i.[ProgramName] IS NULL AND del.[ProgramName] IS NOT NULL) OR (i.[ProgramName] IS NOT NULL AND del.[ProgramName] IS NULL)) OR (i.[ProgramTypeDescriptor_DescriptorId] <> del.[ProgramTypeDescriptor_DescriptorId] OR (i.[ProgramTypeDescriptor_DescriptorId] IS NULL AND del.[ProgramTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[ProgramTypeDescriptor_DescriptorId] IS NOT NULL AND del.[ProgramTypeDescriptor_DescriptorId] IS NULL));
        INSERT INTO [tracked_changes_edfi].[Program] (
            [OldEducationOrganization_EducationOrganizationId],
            [OldProgramName],
            [OldProgramTypeDescriptor_Namespace],
            [OldProgramTypeDescriptor_CodeValue],
            [NewEducationOrganization_EducationOrganizationId],
            [NewProgramName],
            [NewProgramTypeDescriptor_Namespace],
            [NewProgramTypeDescriptor_CodeValue],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[EducationOrganization_EducationOrganizationId],
            del.[ProgramName],
            (SELECT d.[Namespace] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = del.[ProgramTypeDescriptor_DescriptorId]),
            (SELECT d.[CodeValue] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = del.[ProgramTypeDescriptor_DescriptorId]),
            i.[EducationOrganization_EducationOrganizationId],
            i.[ProgramName],
            (SELECT d.[Namespace] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = i.[ProgramTypeDescriptor_DescriptorId]),
            (SELECT d.[CodeValue] FROM [dms].[Descriptor] d WHERE d.[DocumentId] = i.[ProgramTypeDescriptor_DescriptorId]),
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_School_AbstractIdentity]
ON [edfi].[School]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        UPDATE t
        SET t.[EducationOrganizationId] = s.[SchoolId]
        FROM [edfi].[EducationOrganizationIdentity] t
        INNER JOIN inserted s ON t.[DocumentId] = s.[DocumentId];
        INSERT INTO [edfi].[EducationOrganizationIdentity] ([DocumentId], [EducationOrganizationId], [Discriminator])
        SELECT s.[DocumentId], s.[SchoolId], N'Ed-Fi:School'
        FROM inserted s
        LEFT JOIN [edfi].[EducationOrganizationIdentity] existing ON existing.[DocumentId] = s.[DocumentId]
        WHERE existing.[DocumentId] IS NULL;
    END
    ELSE IF (UPDATE([SchoolId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[SchoolId] <> d.[SchoolId] OR (i.[SchoolId] IS NULL AND d.[SchoolId] IS NOT NULL) OR (i.[SchoolId] IS NOT NULL AND d.[SchoolId] IS NULL));
        UPDATE t
        SET t.[EducationOrganizationId] = s.[SchoolId]
        FROM [edfi].[EducationOrganizationIdentity] t
        INNER JOIN (SELECT i.* FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId]) AS s ON t.[DocumentId] = s.[DocumentId];
        INSERT INTO [edfi].[EducationOrganizationIdentity] ([DocumentId], [EducationOrganizationId], [Discriminator])
        SELECT s.[DocumentId], s.[SchoolId], N'Ed-Fi:School'
        FROM (SELECT i.* FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId]) AS s
        LEFT JOIN [edfi].[EducationOrganizationIdentity] existing ON existing.[DocumentId] = s.[DocumentId]
        WHERE existing.[DocumentId] IS NULL;
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_School_AuthHierarchy_Delete]
ON [edfi].[School]
AFTER DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DELETE tbd
    FROM [auth].[EducationOrganizationIdToEducationOrganizationId] AS tbd
        INNER JOIN (
            SELECT d1.[SourceEducationOrganizationId], d2.[TargetEducationOrganizationId]
            FROM (
                SELECT tuples.[SourceEducationOrganizationId], old.[SchoolId]
                FROM deleted old
                    INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                        ON old.[LocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
                WHERE old.[LocalEducationAgency_LocalEducationAgencyId] IS NOT NULL
            ) AS d1
            CROSS JOIN
            (
                SELECT old.[SchoolId], tuples.[TargetEducationOrganizationId]
                FROM deleted old
                    INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                        ON old.[SchoolId] = tuples.[SourceEducationOrganizationId]
            ) AS d2
            WHERE d1.[SchoolId] = d2.[SchoolId]
        ) AS cj
            ON tbd.[SourceEducationOrganizationId] = cj.[SourceEducationOrganizationId]
            AND tbd.[TargetEducationOrganizationId] = cj.[TargetEducationOrganizationId];

    DELETE tuples
    FROM [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
        INNER JOIN deleted old
            ON tuples.[SourceEducationOrganizationId] = old.[SchoolId]
            AND tuples.[TargetEducationOrganizationId] = old.[SchoolId];
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_School_AuthHierarchy_Insert]
ON [edfi].[School]
AFTER INSERT
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO [auth].[EducationOrganizationIdToEducationOrganizationId] ([SourceEducationOrganizationId], [TargetEducationOrganizationId])
    SELECT new.[SchoolId], new.[SchoolId]
    FROM inserted new;

    INSERT INTO [auth].[EducationOrganizationIdToEducationOrganizationId] ([SourceEducationOrganizationId], [TargetEducationOrganizationId])
    SELECT sources.[SourceEducationOrganizationId], targets.[TargetEducationOrganizationId]
    FROM (
        SELECT tuples.[SourceEducationOrganizationId], new.[SchoolId]
        FROM inserted new
            INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                ON new.[LocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
        WHERE new.[LocalEducationAgency_LocalEducationAgencyId] IS NOT NULL
    ) AS sources
    CROSS JOIN
    (
        SELECT new.[SchoolId], tuples.[TargetEducationOrganizationId]
        FROM inserted new
            INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                ON new.[SchoolId] = tuples.[SourceEducationOrganizationId]
    ) AS targets
    WHERE sources.[SchoolId] = targets.[SchoolId];
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_School_AuthHierarchy_Update]
ON [edfi].[School]
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF UPDATE([LocalEducationAgency_LocalEducationAgencyId])
    BEGIN
        DELETE tbd
        FROM [auth].[EducationOrganizationIdToEducationOrganizationId] AS tbd
            INNER JOIN (
                SELECT d1.[SourceEducationOrganizationId], d2.[TargetEducationOrganizationId]
                FROM (
                    SELECT tuples.[SourceEducationOrganizationId], new.[SchoolId]
                    FROM inserted new
                        INNER JOIN deleted old
                            ON old.[SchoolId] = new.[SchoolId]
                        INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                            ON old.[LocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
                    WHERE old.[LocalEducationAgency_LocalEducationAgencyId] IS NOT NULL
                        AND (new.[LocalEducationAgency_LocalEducationAgencyId] IS NULL OR old.[LocalEducationAgency_LocalEducationAgencyId] <> new.[LocalEducationAgency_LocalEducationAgencyId])

                    EXCEPT

                    SELECT tuples.[SourceEducationOrganizationId], new.[SchoolId]
                    FROM inserted new
                        INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                            ON new.[LocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
                ) AS d1
                CROSS JOIN
                (
                    SELECT new.[SchoolId], tuples.[TargetEducationOrganizationId]
                    FROM inserted new
                        INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                            ON new.[SchoolId] = tuples.[SourceEducationOrganizationId]
                ) AS d2
                WHERE d1.[SchoolId] = d2.[SchoolId]
            ) AS cj
                ON tbd.[SourceEducationOrganizationId] = cj.[SourceEducationOrganizationId]
                AND tbd.[TargetEducationOrganizationId] = cj.[TargetEducationOrganizationId];

        MERGE INTO [auth].[EducationOrganizationIdToEducationOrganizationId] target
        USING (
            SELECT sources.[SourceEducationOrganizationId], targets.[TargetEducationOrganizationId]
            FROM (
                SELECT tuples.[SourceEducationOrganizationId], new.[SchoolId]
                FROM inserted new
                    INNER JOIN deleted old
                        ON new.[SchoolId] = old.[SchoolId]
                    INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                        ON new.[LocalEducationAgency_LocalEducationAgencyId] = tuples.[TargetEducationOrganizationId]
                WHERE (old.[LocalEducationAgency_LocalEducationAgencyId] IS NULL AND new.[LocalEducationAgency_LocalEducationAgencyId] IS NOT NULL)
                    OR old.[LocalEducationAgency_LocalEducationAgencyId] <> new.[LocalEducationAgency_LocalEducationAgencyId]
            ) AS sources
            CROSS JOIN
            (
                SELECT new.[SchoolId], tuples.[TargetEducationOrganizationId]
                FROM inserted new
                    INNER JOIN [auth].[EducationOrganizationIdToEducationOrganizationId] AS tuples
                        ON new.[SchoolId] = tuples.[SourceEducationOrganizationId]
            ) AS targets
            WHERE sources.[SchoolId] = targets.[SchoolId]
        ) AS source
            ON target.[SourceEducationOrganizationId] = source.[SourceEducationOrganizationId]
            AND target.[TargetEducationOrganizationId] = source.[TargetEducationOrganizationId]
        WHEN NOT MATCHED BY TARGET THEN
            INSERT ([SourceEducationOrganizationId], [TargetEducationOrganizationId])
            VALUES (source.[SourceEducationOrganizationId], source.[TargetEducationOrganizationId]);
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_School_ReferentialIdentity]
ON [edfi].[School]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 14;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiSchool' AS nvarchar(max)) + N'$.schoolId=' + CAST(i.[SchoolId] AS nvarchar(max))), i.[DocumentId], 14
        FROM inserted i;
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 7;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiEducationOrganization' AS nvarchar(max)) + N'$.educationOrganizationId=' + CAST(i.[SchoolId] AS nvarchar(max))), i.[DocumentId], 7
        FROM inserted i;
    END
    ELSE IF (UPDATE([SchoolId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[SchoolId] <> d.[SchoolId] OR (i.[SchoolId] IS NULL AND d.[SchoolId] IS NOT NULL) OR (i.[SchoolId] IS NOT NULL AND d.[SchoolId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 14;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiSchool' AS nvarchar(max)) + N'$.schoolId=' + CAST(i.[SchoolId] AS nvarchar(max))), i.[DocumentId], 14
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 7;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiEducationOrganization' AS nvarchar(max)) + N'$.educationOrganizationId=' + CAST(i.[SchoolId] AS nvarchar(max))), i.[DocumentId], 7
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_School_Stamp]
ON [edfi].[School]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([CharterApprovalSchoolYear_DocumentId]) OR UPDATE([CharterApprovalSchoolYear_CharterApprovalSchoolYear]) OR UPDATE([LocalEducationAgency_DocumentId]) OR UPDATE([LocalEducationAgency_LocalEducationAgencyId]) OR UPDATE([NameOfInstitution]) OR UPDATE([SchoolId]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[CharterApprovalSchoolYear_DocumentId] <> del.[CharterApprovalSchoolYear_DocumentId] OR (i.[CharterApprovalSchoolYear_DocumentId] IS NULL AND del.[CharterApprovalSchoolYear_DocumentId] IS NOT NULL) OR (i.[CharterApprovalSchoolYear_DocumentId] IS NOT NULL AND del.[CharterApprovalSchoolYear_DocumentId] IS NULL)) OR (i.[CharterApprovalSchoolYear_CharterApprovalSchoolYear] <> del.[CharterApprovalSchoolYear_CharterApprovalSchoolYear] OR (i.[CharterApprovalSchoolYear_CharterApprovalSchoolYear] IS NULL AND del.[CharterApprovalSchoolYear_CharterApprovalSchoolYear] IS NOT NULL) OR (i.[CharterApprovalSchoolYear_CharterApprovalSchoolYear] IS NOT NULL AND del.[CharterApprovalSchoolYear_CharterApprovalSchoolYear] IS NULL)) OR (i.[LocalEducationAgency_DocumentId] <> del.[LocalEducationAgency_DocumentId] OR (i.[LocalEducationAgency_DocumentId] IS NULL AND del.[LocalEducationAgency_DocumentId] IS NOT NULL) OR (i.[LocalEducationAgency_DocumentId] IS NOT NULL AND del.[LocalEducationAgency_DocumentId] IS NULL)) OR (i.[LocalEducationAgency_LocalEducationAgencyId] <> del.[LocalEducationAgency_LocalEducationAgencyId] OR (i.[LocalEducationAgency_LocalEducationAgencyId] IS NULL AND del.[LocalEducationAgency_LocalEducationAgencyId] IS NOT NULL) OR (i.[LocalEducationAgency_LocalEducationAgencyId] IS NOT NULL AND del.[LocalEducationAgency_LocalEducationAgencyId] IS NULL)) OR (CAST(i.[NameOfInstitution] AS varbinary(max)) <> CAST(del.[NameOfInstitution] AS varbinary(max)) OR (i.[NameOfInstitution] IS NULL AND del.[NameOfInstitution] IS NOT NULL) OR (i.[NameOfInstitution] IS NOT NULL AND del.[NameOfInstitution] IS NULL)) OR (i.[SchoolId] <> del.[SchoolId] OR (i.[SchoolId] IS NULL AND del.[SchoolId] IS NOT NULL) OR (i.[SchoolId] IS NOT NULL AND del.[SchoolId] IS NULL)))
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
        FROM [edfi].[School] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[School] (
            [OldSchoolId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[SchoolId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND (UPDATE([SchoolId]))
    BEGIN
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (i.[SchoolId] <> del.[SchoolId] OR (i.[SchoolId] IS NULL AND del.[SchoolId] IS NOT NULL) OR (i.[SchoolId] IS NOT NULL AND del.[SchoolId] IS NULL));
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SchoolAddress_Stamp]
ON [edfi].[SchoolAddress]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[School_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[AddressTypeDescriptor_DescriptorId] <> del.[AddressTypeDescriptor_DescriptorId] OR (i.[AddressTypeDescriptor_DescriptorId] IS NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[AddressTypeDescriptor_DescriptorId] IS NOT NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NULL)) OR (i.[StateAbbreviationDescriptor_DescriptorId] <> del.[StateAbbreviationDescriptor_DescriptorId] OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL) OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[ApartmentRoomSuiteNumber] AS varbinary(max)) <> CAST(del.[ApartmentRoomSuiteNumber] AS varbinary(max)) OR (i.[ApartmentRoomSuiteNumber] IS NULL AND del.[ApartmentRoomSuiteNumber] IS NOT NULL) OR (i.[ApartmentRoomSuiteNumber] IS NOT NULL AND del.[ApartmentRoomSuiteNumber] IS NULL)) OR (CAST(i.[BuildingSiteNumber] AS varbinary(max)) <> CAST(del.[BuildingSiteNumber] AS varbinary(max)) OR (i.[BuildingSiteNumber] IS NULL AND del.[BuildingSiteNumber] IS NOT NULL) OR (i.[BuildingSiteNumber] IS NOT NULL AND del.[BuildingSiteNumber] IS NULL)) OR (CAST(i.[City] AS varbinary(max)) <> CAST(del.[City] AS varbinary(max)) OR (i.[City] IS NULL AND del.[City] IS NOT NULL) OR (i.[City] IS NOT NULL AND del.[City] IS NULL)) OR (CAST(i.[CongressionalDistrict] AS varbinary(max)) <> CAST(del.[CongressionalDistrict] AS varbinary(max)) OR (i.[CongressionalDistrict] IS NULL AND del.[CongressionalDistrict] IS NOT NULL) OR (i.[CongressionalDistrict] IS NOT NULL AND del.[CongressionalDistrict] IS NULL)) OR (CAST(i.[CountyFIPSCode] AS varbinary(max)) <> CAST(del.[CountyFIPSCode] AS varbinary(max)) OR (i.[CountyFIPSCode] IS NULL AND del.[CountyFIPSCode] IS NOT NULL) OR (i.[CountyFIPSCode] IS NOT NULL AND del.[CountyFIPSCode] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (CAST(i.[Latitude] AS varbinary(max)) <> CAST(del.[Latitude] AS varbinary(max)) OR (i.[Latitude] IS NULL AND del.[Latitude] IS NOT NULL) OR (i.[Latitude] IS NOT NULL AND del.[Latitude] IS NULL)) OR (CAST(i.[Longitude] AS varbinary(max)) <> CAST(del.[Longitude] AS varbinary(max)) OR (i.[Longitude] IS NULL AND del.[Longitude] IS NOT NULL) OR (i.[Longitude] IS NOT NULL AND del.[Longitude] IS NULL)) OR (CAST(i.[NameOfCounty] AS varbinary(max)) <> CAST(del.[NameOfCounty] AS varbinary(max)) OR (i.[NameOfCounty] IS NULL AND del.[NameOfCounty] IS NOT NULL) OR (i.[NameOfCounty] IS NOT NULL AND del.[NameOfCounty] IS NULL)) OR (CAST(i.[PostalCode] AS varbinary(max)) <> CAST(del.[PostalCode] AS varbinary(max)) OR (i.[PostalCode] IS NULL AND del.[PostalCode] IS NOT NULL) OR (i.[PostalCode] IS NOT NULL AND del.[PostalCode] IS NULL)) OR (CAST(i.[StreetNumberName] AS varbinary(max)) <> CAST(del.[StreetNumberName] AS varbinary(max)) OR (i.[StreetNumberName] IS NULL AND del.[StreetNumberName] IS NOT NULL) OR (i.[StreetNumberName] IS NOT NULL AND del.[StreetNumberName] IS NULL))
        UNION
        SELECT del.[School_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[AddressTypeDescriptor_DescriptorId] <> del.[AddressTypeDescriptor_DescriptorId] OR (i.[AddressTypeDescriptor_DescriptorId] IS NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[AddressTypeDescriptor_DescriptorId] IS NOT NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NULL)) OR (i.[StateAbbreviationDescriptor_DescriptorId] <> del.[StateAbbreviationDescriptor_DescriptorId] OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL) OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[ApartmentRoomSuiteNumber] AS varbinary(max)) <> CAST(del.[ApartmentRoomSuiteNumber] AS varbinary(max)) OR (i.[ApartmentRoomSuiteNumber] IS NULL AND del.[ApartmentRoomSuiteNumber] IS NOT NULL) OR (i.[ApartmentRoomSuiteNumber] IS NOT NULL AND del.[ApartmentRoomSuiteNumber] IS NULL)) OR (CAST(i.[BuildingSiteNumber] AS varbinary(max)) <> CAST(del.[BuildingSiteNumber] AS varbinary(max)) OR (i.[BuildingSiteNumber] IS NULL AND del.[BuildingSiteNumber] IS NOT NULL) OR (i.[BuildingSiteNumber] IS NOT NULL AND del.[BuildingSiteNumber] IS NULL)) OR (CAST(i.[City] AS varbinary(max)) <> CAST(del.[City] AS varbinary(max)) OR (i.[City] IS NULL AND del.[City] IS NOT NULL) OR (i.[City] IS NOT NULL AND del.[City] IS NULL)) OR (CAST(i.[CongressionalDistrict] AS varbinary(max)) <> CAST(del.[CongressionalDistrict] AS varbinary(max)) OR (i.[CongressionalDistrict] IS NULL AND del.[CongressionalDistrict] IS NOT NULL) OR (i.[CongressionalDistrict] IS NOT NULL AND del.[CongressionalDistrict] IS NULL)) OR (CAST(i.[CountyFIPSCode] AS varbinary(max)) <> CAST(del.[CountyFIPSCode] AS varbinary(max)) OR (i.[CountyFIPSCode] IS NULL AND del.[CountyFIPSCode] IS NOT NULL) OR (i.[CountyFIPSCode] IS NOT NULL AND del.[CountyFIPSCode] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (CAST(i.[Latitude] AS varbinary(max)) <> CAST(del.[Latitude] AS varbinary(max)) OR (i.[Latitude] IS NULL AND del.[Latitude] IS NOT NULL) OR (i.[Latitude] IS NOT NULL AND del.[Latitude] IS NULL)) OR (CAST(i.[Longitude] AS varbinary(max)) <> CAST(del.[Longitude] AS varbinary(max)) OR (i.[Longitude] IS NULL AND del.[Longitude] IS NOT NULL) OR (i.[Longitude] IS NOT NULL AND del.[Longitude] IS NULL)) OR (CAST(i.[NameOfCounty] AS varbinary(max)) <> CAST(del.[NameOfCounty] AS varbinary(max)) OR (i.[NameOfCounty] IS NULL AND del.[NameOfCounty] IS NOT NULL) OR (i.[NameOfCounty] IS NOT NULL AND del.[NameOfCounty] IS NULL)) OR (CAST(i.[PostalCode] AS varbinary(max)) <> CAST(del.[PostalCode] AS varbinary(max)) OR (i.[PostalCode] IS NULL AND del.[PostalCode] IS NOT NULL) OR (i.[PostalCode] IS NOT NULL AND del.[PostalCode] IS NULL)) OR (CAST(i.[StreetNumberName] AS varbinary(max)) <> CAST(del.[StreetNumberName] AS varbinary(max)) OR (i.[StreetNumberName] IS NULL AND del.[StreetNumberName] IS NOT NULL) OR (i.[StreetNumberName] IS NOT NULL AND del.[StreetNumberName] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[School_DocumentId]
    INNER JOIN [edfi].[School] stampTarget ON stampTarget.[DocumentId] = a.[School_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[School] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SchoolAddressPeriod_Stamp]
ON [edfi].[SchoolAddressPeriod]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[School_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[ParentCollectionItemId] <> del.[ParentCollectionItemId] OR (i.[ParentCollectionItemId] IS NULL AND del.[ParentCollectionItemId] IS NOT NULL) OR (i.[ParentCollectionItemId] IS NOT NULL AND del.[ParentCollectionItemId] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (i.[EndDate] <> del.[EndDate] OR (i.[EndDate] IS NULL AND del.[EndDate] IS NOT NULL) OR (i.[EndDate] IS NOT NULL AND del.[EndDate] IS NULL))
        UNION
        SELECT del.[School_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[ParentCollectionItemId] <> del.[ParentCollectionItemId] OR (i.[ParentCollectionItemId] IS NULL AND del.[ParentCollectionItemId] IS NOT NULL) OR (i.[ParentCollectionItemId] IS NOT NULL AND del.[ParentCollectionItemId] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (i.[EndDate] <> del.[EndDate] OR (i.[EndDate] IS NULL AND del.[EndDate] IS NOT NULL) OR (i.[EndDate] IS NOT NULL AND del.[EndDate] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[School_DocumentId]
    INNER JOIN [edfi].[School] stampTarget ON stampTarget.[DocumentId] = a.[School_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[School] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SchoolEducationOrganizationCategory_Stamp]
ON [edfi].[SchoolEducationOrganizationCategory]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[School_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] <> del.[EducationOrganizationCategoryDescriptor_DescriptorId] OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NULL AND del.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NOT NULL) OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NOT NULL AND del.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NULL))
        UNION
        SELECT del.[School_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] <> del.[EducationOrganizationCategoryDescriptor_DescriptorId] OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NULL AND del.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NOT NULL) OR (i.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NOT NULL AND del.[EducationOrganizationCategoryDescriptor_DescriptorId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[School_DocumentId]
    INNER JOIN [edfi].[School] stampTarget ON stampTarget.[DocumentId] = a.[School_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[School] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SchoolGradeLevel_Stamp]
ON [edfi].[SchoolGradeLevel]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[School_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[GradeLevelDescriptor_DescriptorId] <> del.[GradeLevelDescriptor_DescriptorId] OR (i.[GradeLevelDescriptor_DescriptorId] IS NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[GradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NULL))
        UNION
        SELECT del.[School_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[GradeLevelDescriptor_DescriptorId] <> del.[GradeLevelDescriptor_DescriptorId] OR (i.[GradeLevelDescriptor_DescriptorId] IS NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[GradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[School_DocumentId]
    INNER JOIN [edfi].[School] stampTarget ON stampTarget.[DocumentId] = a.[School_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[School] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SchoolYearType_ReferentialIdentity]
ON [edfi].[SchoolYearType]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 15;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiSchoolYearType' AS nvarchar(max)) + N'$.schoolYear=' + CAST(i.[SchoolYear] AS nvarchar(max))), i.[DocumentId], 15
        FROM inserted i;
    END
    ELSE IF (UPDATE([SchoolYear]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[SchoolYear] <> d.[SchoolYear] OR (i.[SchoolYear] IS NULL AND d.[SchoolYear] IS NOT NULL) OR (i.[SchoolYear] IS NOT NULL AND d.[SchoolYear] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 15;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiSchoolYearType' AS nvarchar(max)) + N'$.schoolYear=' + CAST(i.[SchoolYear] AS nvarchar(max))), i.[DocumentId], 15
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SchoolYearType_Stamp]
ON [edfi].[SchoolYearType]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([CurrentSchoolYear]) OR UPDATE([SchoolYear]) OR UPDATE([SchoolYearDescription]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[CurrentSchoolYear] <> del.[CurrentSchoolYear] OR (i.[CurrentSchoolYear] IS NULL AND del.[CurrentSchoolYear] IS NOT NULL) OR (i.[CurrentSchoolYear] IS NOT NULL AND del.[CurrentSchoolYear] IS NULL)) OR (i.[SchoolYear] <> del.[SchoolYear] OR (i.[SchoolYear] IS NULL AND del.[SchoolYear] IS NOT NULL) OR (i.[SchoolYear] IS NOT NULL AND del.[SchoolYear] IS NULL)) OR (CAST(i.[SchoolYearDescription] AS varbinary(max)) <> CAST(del.[SchoolYearDescription] AS varbinary(max)) OR (i.[SchoolYearDescription] IS NULL AND del.[SchoolYearDescription] IS NOT NULL) OR (i.[SchoolYearDescription] IS NOT NULL AND del.[SchoolYearDescription] IS NULL)))
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
        FROM [edfi].[SchoolYearType] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[SchoolYearType] (
            [OldSchoolYear],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[SchoolYear],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (i.[SchoolYear] <> del.[SchoolYear] OR (i.[SchoolYear] IS NULL AND del.[SchoolYear] IS NOT NULL) OR (i.[SchoolYear] IS NOT NULL AND del.[SchoolYear] IS NULL));
        INSERT INTO [tracked_changes_edfi].[SchoolYearType] (
            [OldSchoolYear],
            [NewSchoolYear],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[SchoolYear],
            i.[SchoolYear],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Section_ReferentialIdentity]
ON [edfi].[Section]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 16;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiSection' AS nvarchar(max)) + N'$.courseOfferingReference.localCourseCode=' + i.[CourseOffering_LocalCourseCode] + N'#' + N'$.courseOfferingReference.schoolId=' + CAST(i.[CourseOffering_SchoolReferenceSchoolId] AS nvarchar(max)) + N'#' + N'$.courseOfferingReference.schoolYear=' + CAST(i.[CourseOffering_SchoolYear] AS nvarchar(max)) + N'#' + N'$.courseOfferingReference.sessionName=' + i.[CourseOffering_SessionName] + N'#' + N'$.sectionIdentifier=' + i.[SectionIdentifier]), i.[DocumentId], 16
        FROM inserted i;
    END
    ELSE IF (UPDATE([CourseOffering_LocalCourseCode]) OR UPDATE([SchoolId_Unified]) OR UPDATE([CourseOffering_SchoolYear]) OR UPDATE([CourseOffering_SessionName]) OR UPDATE([SectionIdentifier]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[CourseOffering_LocalCourseCode] AS varbinary(max)) <> CAST(d.[CourseOffering_LocalCourseCode] AS varbinary(max)) OR (i.[CourseOffering_LocalCourseCode] IS NULL AND d.[CourseOffering_LocalCourseCode] IS NOT NULL) OR (i.[CourseOffering_LocalCourseCode] IS NOT NULL AND d.[CourseOffering_LocalCourseCode] IS NULL)) OR (i.[SchoolId_Unified] <> d.[SchoolId_Unified] OR (i.[SchoolId_Unified] IS NULL AND d.[SchoolId_Unified] IS NOT NULL) OR (i.[SchoolId_Unified] IS NOT NULL AND d.[SchoolId_Unified] IS NULL)) OR (i.[CourseOffering_SchoolYear] <> d.[CourseOffering_SchoolYear] OR (i.[CourseOffering_SchoolYear] IS NULL AND d.[CourseOffering_SchoolYear] IS NOT NULL) OR (i.[CourseOffering_SchoolYear] IS NOT NULL AND d.[CourseOffering_SchoolYear] IS NULL)) OR (CAST(i.[CourseOffering_SessionName] AS varbinary(max)) <> CAST(d.[CourseOffering_SessionName] AS varbinary(max)) OR (i.[CourseOffering_SessionName] IS NULL AND d.[CourseOffering_SessionName] IS NOT NULL) OR (i.[CourseOffering_SessionName] IS NOT NULL AND d.[CourseOffering_SessionName] IS NULL)) OR (CAST(i.[SectionIdentifier] AS varbinary(max)) <> CAST(d.[SectionIdentifier] AS varbinary(max)) OR (i.[SectionIdentifier] IS NULL AND d.[SectionIdentifier] IS NOT NULL) OR (i.[SectionIdentifier] IS NOT NULL AND d.[SectionIdentifier] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 16;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiSection' AS nvarchar(max)) + N'$.courseOfferingReference.localCourseCode=' + i.[CourseOffering_LocalCourseCode] + N'#' + N'$.courseOfferingReference.schoolId=' + CAST(i.[CourseOffering_SchoolReferenceSchoolId] AS nvarchar(max)) + N'#' + N'$.courseOfferingReference.schoolYear=' + CAST(i.[CourseOffering_SchoolYear] AS nvarchar(max)) + N'#' + N'$.courseOfferingReference.sessionName=' + i.[CourseOffering_SessionName] + N'#' + N'$.sectionIdentifier=' + i.[SectionIdentifier]), i.[DocumentId], 16
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Section_Stamp]
ON [edfi].[Section]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([SchoolId_Unified]) OR UPDATE([CourseOffering_DocumentId]) OR UPDATE([CourseOffering_LocalCourseCode]) OR UPDATE([CourseOffering_SchoolYear]) OR UPDATE([CourseOffering_SessionName]) OR UPDATE([LocationSchool_DocumentId]) OR UPDATE([LocationSchool_SchoolId]) OR UPDATE([AvailableCreditConversion]) OR UPDATE([AvailableCredits]) OR UPDATE([OfficialAttendancePeriod]) OR UPDATE([SectionIdentifier]) OR UPDATE([SectionName]) OR UPDATE([SequenceOfCourse]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[SchoolId_Unified] <> del.[SchoolId_Unified] OR (i.[SchoolId_Unified] IS NULL AND del.[SchoolId_Unified] IS NOT NULL) OR (i.[SchoolId_Unified] IS NOT NULL AND del.[SchoolId_Unified] IS NULL)) OR (i.[CourseOffering_DocumentId] <> del.[CourseOffering_DocumentId] OR (i.[CourseOffering_DocumentId] IS NULL AND del.[CourseOffering_DocumentId] IS NOT NULL) OR (i.[CourseOffering_DocumentId] IS NOT NULL AND del.[CourseOffering_DocumentId] IS NULL)) OR (CAST(i.[CourseOffering_LocalCourseCode] AS varbinary(max)) <> CAST(del.[CourseOffering_LocalCourseCode] AS varbinary(max)) OR (i.[CourseOffering_LocalCourseCode] IS NULL AND del.[CourseOffering_LocalCourseCode] IS NOT NULL) OR (i.[CourseOffering_LocalCourseCode] IS NOT NULL AND del.[CourseOffering_LocalCourseCode] IS NULL)) OR (i.[CourseOffering_SchoolYear] <> del.[CourseOffering_SchoolYear] OR (i.[CourseOffering_SchoolYear] IS NULL AND del.[CourseOffering_SchoolYear] IS NOT NULL) OR (i.[CourseOffering_SchoolYear] IS NOT NULL AND del.[CourseOffering_SchoolYear] IS NULL)) OR (CAST(i.[CourseOffering_SessionName] AS varbinary(max)) <> CAST(del.[CourseOffering_SessionName] AS varbinary(max)) OR (i.[CourseOffering_SessionName] IS NULL AND del.[CourseOffering_SessionName] IS NOT NULL) OR (i.[CourseOffering_SessionName] IS NOT NULL AND del.[CourseOffering_SessionName] IS NULL)) OR (i.[LocationSchool_DocumentId] <> del.[LocationSchool_DocumentId] OR (i.[LocationSchool_DocumentId] IS NULL AND del.[LocationSchool_DocumentId] IS NOT NULL) OR (i.[LocationSchool_DocumentId] IS NOT NULL AND del.[LocationSchool_DocumentId] IS NULL)) OR (i.[LocationSchool_SchoolId] <> del.[LocationSchool_SchoolId] OR (i.[LocationSchool_SchoolId] IS NULL AND del.[LocationSchool_SchoolId] IS NOT NULL) OR (i.[LocationSchool_SchoolId] IS NOT NULL AND del.[LocationSchool_SchoolId] IS NULL)) OR (i.[AvailableCreditConversion] <> del.[AvailableCreditConversion] OR (i.[AvailableCreditConversion] IS NULL AND del.[AvailableCreditConversion] IS NOT NULL) OR (i.[AvailableCreditConversion] IS NOT NULL AND del.[AvailableCreditConversion] IS NULL)) OR (i.[AvailableCredits] <> del.[AvailableCredits] OR (i.[AvailableCredits] IS NULL AND del.[AvailableCredits] IS NOT NULL) OR (i.[AvailableCredits] IS NOT NULL AND del.[AvailableCredits] IS NULL)) OR (i.[OfficialAttendancePeriod] <> del.[OfficialAttendancePeriod] OR (i.[OfficialAttendancePeriod] IS NULL AND del.[OfficialAttendancePeriod] IS NOT NULL) OR (i.[OfficialAttendancePeriod] IS NOT NULL AND del.[OfficialAttendancePeriod] IS NULL)) OR (CAST(i.[SectionIdentifier] AS varbinary(max)) <> CAST(del.[SectionIdentifier] AS varbinary(max)) OR (i.[SectionIdentifier] IS NULL AND del.[SectionIdentifier] IS NOT NULL) OR (i.[SectionIdentifier] IS NOT NULL AND del.[SectionIdentifier] IS NULL)) OR (CAST(i.[SectionName] AS varbinary(max)) <> CAST(del.[SectionName] AS varbinary(max)) OR (i.[SectionName] IS NULL AND del.[SectionName] IS NOT NULL) OR (i.[SectionName] IS NOT NULL AND del.[SectionName] IS NULL)) OR (i.[SequenceOfCourse] <> del.[SequenceOfCourse] OR (i.[SequenceOfCourse] IS NULL AND del.[SequenceOfCourse] IS NOT NULL) OR (i.[SequenceOfCourse] IS NOT NULL AND del.[SequenceOfCourse] IS NULL)))
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
        FROM [edfi].[Section] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[Section] (
            [OldCourseOffering_LocalCourseCode],
            [OldSchoolId_Unified],
            [OldCourseOffering_SchoolYear],
            [OldCourseOffering_SessionName],
            [OldSectionIdentifier],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[CourseOffering_LocalCourseCode],
            del.[SchoolId_Unified],
            del.[CourseOffering_SchoolYear],
            del.[CourseOffering_SessionName],
            del.[SectionIdentifier],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[CourseOffering_LocalCourseCode] AS varbinary(max)) <> CAST(del.[CourseOffering_LocalCourseCode] AS varbinary(max)) OR (i.[CourseOffering_LocalCourseCode] IS NULL AND del.[CourseOffering_LocalCourseCode] IS NOT NULL) OR (i.[CourseOffering_LocalCourseCode] IS NOT NULL AND del.[CourseOffering_LocalCourseCode] IS NULL)) OR (i.[SchoolId_Unified] <> del.[SchoolId_Unified] OR (i.[SchoolId_Unified] IS NULL AND del.[SchoolId_Unified] IS NOT NULL) OR (i.[SchoolId_Unified] IS NOT NULL AND del.[SchoolId_Unified] IS NULL)) OR (i.[CourseOffering_SchoolYear] <> del.[CourseOffering_SchoolYear] OR (i.[CourseOffering_SchoolYear] IS NULL AND del.[CourseOffering_SchoolYear] IS NOT NULL) OR (i.[CourseOffering_SchoolYear] IS NOT NULL AND del.[CourseOffering_SchoolYear] IS NULL)) OR (CAST(i.[CourseOffering_SessionName] AS varbinary(max)) <> CAST(del.[CourseOffering_SessionName] AS varbinary(max)) OR (i.[CourseOffering_SessionName] IS NULL AND del.[CourseOffering_SessionName] IS NOT NULL) OR (i.[CourseOffering_SessionName] IS NOT NULL AND del.[CourseOffering_SessionName] IS NULL)) OR (CAST(i.[SectionIdentifier] AS varbinary(max)) <> CAST(del.[SectionIdentifier] AS varbinary(max)) OR (i.[SectionIdentifier] IS NULL AND del.[SectionIdentifier] IS NOT NULL) OR (i.[SectionIdentifier] IS NOT NULL AND del.[SectionIdentifier] IS NULL));
        INSERT INTO [tracked_changes_edfi].[Section] (
            [OldCourseOffering_LocalCourseCode],
            [OldSchoolId_Unified],
            [OldCourseOffering_SchoolYear],
            [OldCourseOffering_SessionName],
            [OldSectionIdentifier],
            [NewCourseOffering_LocalCourseCode],
            [NewSchoolId_Unified],
            [NewCourseOffering_SchoolYear],
            [NewCourseOffering_SessionName],
            [NewSectionIdentifier],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[CourseOffering_LocalCourseCode],
            del.[SchoolId_Unified],
            del.[CourseOffering_SchoolYear],
            del.[CourseOffering_SessionName],
            del.[SectionIdentifier],
            i.[CourseOffering_LocalCourseCode],
            i.[SchoolId_Unified],
            i.[CourseOffering_SchoolYear],
            i.[CourseOffering_SessionName],
            i.[SectionIdentifier],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SectionClassPeriod_Stamp]
ON [edfi].[SectionClassPeriod]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Section_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Section_DocumentId] <> del.[Section_DocumentId] OR (i.[Section_DocumentId] IS NULL AND del.[Section_DocumentId] IS NOT NULL) OR (i.[Section_DocumentId] IS NOT NULL AND del.[Section_DocumentId] IS NULL)) OR (i.[ClassPeriod_DocumentId] <> del.[ClassPeriod_DocumentId] OR (i.[ClassPeriod_DocumentId] IS NULL AND del.[ClassPeriod_DocumentId] IS NOT NULL) OR (i.[ClassPeriod_DocumentId] IS NOT NULL AND del.[ClassPeriod_DocumentId] IS NULL)) OR (CAST(i.[ClassPeriod_ClassPeriodName] AS varbinary(max)) <> CAST(del.[ClassPeriod_ClassPeriodName] AS varbinary(max)) OR (i.[ClassPeriod_ClassPeriodName] IS NULL AND del.[ClassPeriod_ClassPeriodName] IS NOT NULL) OR (i.[ClassPeriod_ClassPeriodName] IS NOT NULL AND del.[ClassPeriod_ClassPeriodName] IS NULL)) OR (i.[ClassPeriod_SchoolId] <> del.[ClassPeriod_SchoolId] OR (i.[ClassPeriod_SchoolId] IS NULL AND del.[ClassPeriod_SchoolId] IS NOT NULL) OR (i.[ClassPeriod_SchoolId] IS NOT NULL AND del.[ClassPeriod_SchoolId] IS NULL))
        UNION
        SELECT del.[Section_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Section_DocumentId] <> del.[Section_DocumentId] OR (i.[Section_DocumentId] IS NULL AND del.[Section_DocumentId] IS NOT NULL) OR (i.[Section_DocumentId] IS NOT NULL AND del.[Section_DocumentId] IS NULL)) OR (i.[ClassPeriod_DocumentId] <> del.[ClassPeriod_DocumentId] OR (i.[ClassPeriod_DocumentId] IS NULL AND del.[ClassPeriod_DocumentId] IS NOT NULL) OR (i.[ClassPeriod_DocumentId] IS NOT NULL AND del.[ClassPeriod_DocumentId] IS NULL)) OR (CAST(i.[ClassPeriod_ClassPeriodName] AS varbinary(max)) <> CAST(del.[ClassPeriod_ClassPeriodName] AS varbinary(max)) OR (i.[ClassPeriod_ClassPeriodName] IS NULL AND del.[ClassPeriod_ClassPeriodName] IS NOT NULL) OR (i.[ClassPeriod_ClassPeriodName] IS NOT NULL AND del.[ClassPeriod_ClassPeriodName] IS NULL)) OR (i.[ClassPeriod_SchoolId] <> del.[ClassPeriod_SchoolId] OR (i.[ClassPeriod_SchoolId] IS NULL AND del.[ClassPeriod_SchoolId] IS NOT NULL) OR (i.[ClassPeriod_SchoolId] IS NOT NULL AND del.[ClassPeriod_SchoolId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Section_DocumentId]
    INNER JOIN [edfi].[Section] stampTarget ON stampTarget.[DocumentId] = a.[Section_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Section] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SectionOfferedGradeLevel_Stamp]
ON [edfi].[SectionOfferedGradeLevel]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Section_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Section_DocumentId] <> del.[Section_DocumentId] OR (i.[Section_DocumentId] IS NULL AND del.[Section_DocumentId] IS NOT NULL) OR (i.[Section_DocumentId] IS NOT NULL AND del.[Section_DocumentId] IS NULL)) OR (i.[GradeLevelDescriptor_DescriptorId] <> del.[GradeLevelDescriptor_DescriptorId] OR (i.[GradeLevelDescriptor_DescriptorId] IS NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[GradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NULL))
        UNION
        SELECT del.[Section_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Section_DocumentId] <> del.[Section_DocumentId] OR (i.[Section_DocumentId] IS NULL AND del.[Section_DocumentId] IS NOT NULL) OR (i.[Section_DocumentId] IS NOT NULL AND del.[Section_DocumentId] IS NULL)) OR (i.[GradeLevelDescriptor_DescriptorId] <> del.[GradeLevelDescriptor_DescriptorId] OR (i.[GradeLevelDescriptor_DescriptorId] IS NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[GradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[GradeLevelDescriptor_DescriptorId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Section_DocumentId]
    INNER JOIN [edfi].[Section] stampTarget ON stampTarget.[DocumentId] = a.[Section_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Section] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_SectionProgram_Stamp]
ON [edfi].[SectionProgram]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Section_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Section_DocumentId] <> del.[Section_DocumentId] OR (i.[Section_DocumentId] IS NULL AND del.[Section_DocumentId] IS NOT NULL) OR (i.[Section_DocumentId] IS NOT NULL AND del.[Section_DocumentId] IS NULL)) OR (i.[Program_DocumentId] <> del.[Program_DocumentId] OR (i.[Program_DocumentId] IS NULL AND del.[Program_DocumentId] IS NOT NULL) OR (i.[Program_DocumentId] IS NOT NULL AND del.[Program_DocumentId] IS NULL)) OR (i.[Program_EducationOrganizationId] <> del.[Program_EducationOrganizationId] OR (i.[Program_EducationOrganizationId] IS NULL AND del.[Program_EducationOrganizationId] IS NOT NULL) OR (i.[Program_EducationOrganizationId] IS NOT NULL AND del.[Program_EducationOrganizationId] IS NULL)) OR (CAST(i.[Program_ProgramName] AS varbinary(max)) <> CAST(del.[Program_ProgramName] AS varbinary(max)) OR (i.[Program_ProgramName] IS NULL AND del.[Program_ProgramName] IS NOT NULL) OR (i.[Program_ProgramName] IS NOT NULL AND del.[Program_ProgramName] IS NULL)) OR (i.[Program_ProgramTypeDescriptor_DescriptorId] <> del.[Program_ProgramTypeDescriptor_DescriptorId] OR (i.[Program_ProgramTypeDescriptor_DescriptorId] IS NULL AND del.[Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL AND del.[Program_ProgramTypeDescriptor_DescriptorId] IS NULL))
        UNION
        SELECT del.[Section_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Section_DocumentId] <> del.[Section_DocumentId] OR (i.[Section_DocumentId] IS NULL AND del.[Section_DocumentId] IS NOT NULL) OR (i.[Section_DocumentId] IS NOT NULL AND del.[Section_DocumentId] IS NULL)) OR (i.[Program_DocumentId] <> del.[Program_DocumentId] OR (i.[Program_DocumentId] IS NULL AND del.[Program_DocumentId] IS NOT NULL) OR (i.[Program_DocumentId] IS NOT NULL AND del.[Program_DocumentId] IS NULL)) OR (i.[Program_EducationOrganizationId] <> del.[Program_EducationOrganizationId] OR (i.[Program_EducationOrganizationId] IS NULL AND del.[Program_EducationOrganizationId] IS NOT NULL) OR (i.[Program_EducationOrganizationId] IS NOT NULL AND del.[Program_EducationOrganizationId] IS NULL)) OR (CAST(i.[Program_ProgramName] AS varbinary(max)) <> CAST(del.[Program_ProgramName] AS varbinary(max)) OR (i.[Program_ProgramName] IS NULL AND del.[Program_ProgramName] IS NOT NULL) OR (i.[Program_ProgramName] IS NOT NULL AND del.[Program_ProgramName] IS NULL)) OR (i.[Program_ProgramTypeDescriptor_DescriptorId] <> del.[Program_ProgramTypeDescriptor_DescriptorId] OR (i.[Program_ProgramTypeDescriptor_DescriptorId] IS NULL AND del.[Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL AND del.[Program_ProgramTypeDescriptor_DescriptorId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Section_DocumentId]
    INNER JOIN [edfi].[Section] stampTarget ON stampTarget.[DocumentId] = a.[Section_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Section] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Session_ReferentialIdentity]
ON [edfi].[Session]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 17;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiSession' AS nvarchar(max)) + N'$.schoolReference.schoolId=' + CAST(i.[School_SchoolId] AS nvarchar(max)) + N'#' + N'$.schoolYearTypeReference.schoolYear=' + CAST(i.[SchoolYear_SchoolYear] AS nvarchar(max)) + N'#' + N'$.sessionName=' + i.[SessionName]), i.[DocumentId], 17
        FROM inserted i;
    END
    ELSE IF (UPDATE([School_SchoolId]) OR UPDATE([SchoolYear_SchoolYear]) OR UPDATE([SessionName]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[School_SchoolId] <> d.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND d.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND d.[School_SchoolId] IS NULL)) OR (i.[SchoolYear_SchoolYear] <> d.[SchoolYear_SchoolYear] OR (i.[SchoolYear_SchoolYear] IS NULL AND d.[SchoolYear_SchoolYear] IS NOT NULL) OR (i.[SchoolYear_SchoolYear] IS NOT NULL AND d.[SchoolYear_SchoolYear] IS NULL)) OR (CAST(i.[SessionName] AS varbinary(max)) <> CAST(d.[SessionName] AS varbinary(max)) OR (i.[SessionName] IS NULL AND d.[SessionName] IS NOT NULL) OR (i.[SessionName] IS NOT NULL AND d.[SessionName] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 17;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiSession' AS nvarchar(max)) + N'$.schoolReference.schoolId=' + CAST(i.[School_SchoolId] AS nvarchar(max)) + N'#' + N'$.schoolYearTypeReference.schoolYear=' + CAST(i.[SchoolYear_SchoolYear] AS nvarchar(max)) + N'#' + N'$.sessionName=' + i.[SessionName]), i.[DocumentId], 17
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Session_Stamp]
ON [edfi].[Session]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([SchoolYear_DocumentId]) OR UPDATE([SchoolYear_SchoolYear]) OR UPDATE([School_DocumentId]) OR UPDATE([School_SchoolId]) OR UPDATE([TermDescriptor_DescriptorId]) OR UPDATE([BeginDate]) OR UPDATE([EndDate]) OR UPDATE([SessionName]) OR UPDATE([TotalInstructionalDays]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[SchoolYear_DocumentId] <> del.[SchoolYear_DocumentId] OR (i.[SchoolYear_DocumentId] IS NULL AND del.[SchoolYear_DocumentId] IS NOT NULL) OR (i.[SchoolYear_DocumentId] IS NOT NULL AND del.[SchoolYear_DocumentId] IS NULL)) OR (i.[SchoolYear_SchoolYear] <> del.[SchoolYear_SchoolYear] OR (i.[SchoolYear_SchoolYear] IS NULL AND del.[SchoolYear_SchoolYear] IS NOT NULL) OR (i.[SchoolYear_SchoolYear] IS NOT NULL AND del.[SchoolYear_SchoolYear] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[School_SchoolId] <> del.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND del.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND del.[School_SchoolId] IS NULL)) OR (i.[TermDescriptor_DescriptorId] <> del.[TermDescriptor_DescriptorId] OR (i.[TermDescriptor_DescriptorId] IS NULL AND del.[TermDescriptor_DescriptorId] IS NOT NULL) OR (i.[TermDescriptor_DescriptorId] IS NOT NULL AND del.[TermDescriptor_DescriptorId] IS NULL)) OR (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (i.[EndDate] <> del.[EndDate] OR (i.[EndDate] IS NULL AND del.[EndDate] IS NOT NULL) OR (i.[EndDate] IS NOT NULL AND del.[EndDate] IS NULL)) OR (CAST(i.[SessionName] AS varbinary(max)) <> CAST(del.[SessionName] AS varbinary(max)) OR (i.[SessionName] IS NULL AND del.[SessionName] IS NOT NULL) OR (i.[SessionName] IS NOT NULL AND del.[SessionName] IS NULL)) OR (i.[TotalInstructionalDays] <> del.[TotalInstructionalDays] OR (i.[TotalInstructionalDays] IS NULL AND del.[TotalInstructionalDays] IS NOT NULL) OR (i.[TotalInstructionalDays] IS NOT NULL AND del.[TotalInstructionalDays] IS NULL)))
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
        FROM [edfi].[Session] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[Session] (
            [OldSchool_SchoolId],
            [OldSchoolYear_SchoolYear],
            [OldSessionName],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[School_SchoolId],
            del.[SchoolYear_SchoolYear],
            del.[SessionName],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (i.[School_SchoolId] <> del.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND del.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND del.[School_SchoolId] IS NULL)) OR (i.[SchoolYear_SchoolYear] <> del.[SchoolYear_SchoolYear] OR (i.[SchoolYear_SchoolYear] IS NULL AND del.[SchoolYear_SchoolYear] IS NOT NULL) OR (i.[SchoolYear_SchoolYear] IS NOT NULL AND del.[SchoolYear_SchoolYear] IS NULL)) OR (CAST(i.[SessionName] AS varbinary(max)) <> CAST(del.[SessionName] AS varbinary(max)) OR (i.[SessionName] IS NULL AND del.[SessionName] IS NOT NULL) OR (i.[SessionName] IS NOT NULL AND del.[SessionName] IS NULL));
        INSERT INTO [tracked_changes_edfi].[Session] (
            [OldSchool_SchoolId],
            [OldSchoolYear_SchoolYear],
            [OldSessionName],
            [NewSchool_SchoolId],
            [NewSchoolYear_SchoolYear],
            [NewSessionName],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[School_SchoolId],
            del.[SchoolYear_SchoolYear],
            del.[SessionName],
            i.[School_SchoolId],
            i.[SchoolYear_SchoolYear],
            i.[SessionName],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Staff_ReferentialIdentity]
ON [edfi].[Staff]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 19;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiStaff' AS nvarchar(max)) + N'$.staffUniqueId=' + i.[StaffUniqueId]), i.[DocumentId], 19
        FROM inserted i;
    END
    ELSE IF (UPDATE([StaffUniqueId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[StaffUniqueId] AS varbinary(max)) <> CAST(d.[StaffUniqueId] AS varbinary(max)) OR (i.[StaffUniqueId] IS NULL AND d.[StaffUniqueId] IS NOT NULL) OR (i.[StaffUniqueId] IS NOT NULL AND d.[StaffUniqueId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 19;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiStaff' AS nvarchar(max)) + N'$.staffUniqueId=' + i.[StaffUniqueId]), i.[DocumentId], 19
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Staff_Stamp]
ON [edfi].[Staff]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([SexDescriptor_DescriptorId]) OR UPDATE([BirthDate]) OR UPDATE([FirstName]) OR UPDATE([GenerationCodeSuffix]) OR UPDATE([HighlyQualifiedTeacher]) OR UPDATE([HispanicLatinoEthnicity]) OR UPDATE([LastSurname]) OR UPDATE([LoginId]) OR UPDATE([MaidenName]) OR UPDATE([MiddleName]) OR UPDATE([PersonalTitlePrefix]) OR UPDATE([StaffUniqueId]) OR UPDATE([YearsOfPriorProfessionalExperience]) OR UPDATE([YearsOfPriorTeachingExperience]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[SexDescriptor_DescriptorId] <> del.[SexDescriptor_DescriptorId] OR (i.[SexDescriptor_DescriptorId] IS NULL AND del.[SexDescriptor_DescriptorId] IS NOT NULL) OR (i.[SexDescriptor_DescriptorId] IS NOT NULL AND del.[SexDescriptor_DescriptorId] IS NULL)) OR (i.[BirthDate] <> del.[BirthDate] OR (i.[BirthDate] IS NULL AND del.[BirthDate] IS NOT NULL) OR (i.[BirthDate] IS NOT NULL AND del.[BirthDate] IS NULL)) OR (CAST(i.[FirstName] AS varbinary(max)) <> CAST(del.[FirstName] AS varbinary(max)) OR (i.[FirstName] IS NULL AND del.[FirstName] IS NOT NULL) OR (i.[FirstName] IS NOT NULL AND del.[FirstName] IS NULL)) OR (CAST(i.[GenerationCodeSuffix] AS varbinary(max)) <> CAST(del.[GenerationCodeSuffix] AS varbinary(max)) OR (i.[GenerationCodeSuffix] IS NULL AND del.[GenerationCodeSuffix] IS NOT NULL) OR (i.[GenerationCodeSuffix] IS NOT NULL AND del.[GenerationCodeSuffix] IS NULL)) OR (i.[HighlyQualifiedTeacher] <> del.[HighlyQualifiedTeacher] OR (i.[HighlyQualifiedTeacher] IS NULL AND del.[HighlyQualifiedTeacher] IS NOT NULL) OR (i.[HighlyQualifiedTeacher] IS NOT NULL AND del.[HighlyQualifiedTeacher] IS NULL)) OR (i.[HispanicLatinoEthnicity] <> del.[HispanicLatinoEthnicity] OR (i.[HispanicLatinoEthnicity] IS NULL AND del.[HispanicLatinoEthnicity] IS NOT NULL) OR (i.[HispanicLatinoEthnicity] IS NOT NULL AND del.[HispanicLatinoEthnicity] IS NULL)) OR (CAST(i.[LastSurname] AS varbinary(max)) <> CAST(del.[LastSurname] AS varbinary(max)) OR (i.[LastSurname] IS NULL AND del.[LastSurname] IS NOT NULL) OR (i.[LastSurname] IS NOT NULL AND del.[LastSurname] IS NULL)) OR (CAST(i.[LoginId] AS varbinary(max)) <> CAST(del.[LoginId] AS varbinary(max)) OR (i.[LoginId] IS NULL AND del.[LoginId] IS NOT NULL) OR (i.[LoginId] IS NOT NULL AND del.[LoginId] IS NULL)) OR (CAST(i.[MaidenName] AS varbinary(max)) <> CAST(del.[MaidenName] AS varbinary(max)) OR (i.[MaidenName] IS NULL AND del.[MaidenName] IS NOT NULL) OR (i.[MaidenName] IS NOT NULL AND del.[MaidenName] IS NULL)) OR (CAST(i.[MiddleName] AS varbinary(max)) <> CAST(del.[MiddleName] AS varbinary(max)) OR (i.[MiddleName] IS NULL AND del.[MiddleName] IS NOT NULL) OR (i.[MiddleName] IS NOT NULL AND del.[MiddleName] IS NULL)) OR (CAST(i.[PersonalTitlePrefix] AS varbinary(max)) <> CAST(del.[PersonalTitlePrefix] AS varbinary(max)) OR (i.[PersonalTitlePrefix] IS NULL AND del.[PersonalTitlePrefix] IS NOT NULL) OR (i.[PersonalTitlePrefix] IS NOT NULL AND del.[PersonalTitlePrefix] IS NULL)) OR (CAST(i.[StaffUniqueId] AS varbinary(max)) <> CAST(del.[StaffUniqueId] AS varbinary(max)) OR (i.[StaffUniqueId] IS NULL AND del.[StaffUniqueId] IS NOT NULL) OR (i.[StaffUniqueId] IS NOT NULL AND del.[StaffUniqueId] IS NULL)) OR (i.[YearsOfPriorProfessionalExperience] <> del.[YearsOfPriorProfessionalExperience] OR (i.[YearsOfPriorProfessionalExperience] IS NULL AND del.[YearsOfPriorProfessionalExperience] IS NOT NULL) OR (i.[YearsOfPriorProfessionalExperience] IS NOT NULL AND del.[YearsOfPriorProfessionalExperience] IS NULL)) OR (i.[YearsOfPriorTeachingExperience] <> del.[YearsOfPriorTeachingExperience] OR (i.[YearsOfPriorTeachingExperience] IS NULL AND del.[YearsOfPriorTeachingExperience] IS NOT NULL) OR (i.[YearsOfPriorTeachingExperience] IS NOT NULL AND del.[YearsOfPriorTeachingExperience] IS NULL)))
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
        FROM [edfi].[Staff] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[Staff] (
            [OldStaffUniqueId],
            [OldStaff_DocumentId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[StaffUniqueId],
            del.[DocumentId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[StaffUniqueId] AS varbinary(max)) <> CAST(del.[StaffUniqueId] AS varbinary(max)) OR (i.[StaffUniqueId] IS NULL AND del.[StaffUniqueId] IS NOT NULL) OR (i.[StaffUniqueId] IS NOT NULL AND del.[StaffUniqueId] IS NULL));
        INSERT INTO [tracked_changes_edfi].[Staff] (
            [OldStaffUniqueId],
            [OldStaff_DocumentId],
            [NewStaffUniqueId],
            [NewStaff_DocumentId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[StaffUniqueId],
            del.[DocumentId],
            i.[StaffUniqueId],
            i.[DocumentId],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_StaffAddress_Stamp]
ON [edfi].[StaffAddress]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Staff_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Staff_DocumentId] <> del.[Staff_DocumentId] OR (i.[Staff_DocumentId] IS NULL AND del.[Staff_DocumentId] IS NOT NULL) OR (i.[Staff_DocumentId] IS NOT NULL AND del.[Staff_DocumentId] IS NULL)) OR (i.[AddressTypeDescriptor_DescriptorId] <> del.[AddressTypeDescriptor_DescriptorId] OR (i.[AddressTypeDescriptor_DescriptorId] IS NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[AddressTypeDescriptor_DescriptorId] IS NOT NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NULL)) OR (i.[StateAbbreviationDescriptor_DescriptorId] <> del.[StateAbbreviationDescriptor_DescriptorId] OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL) OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[ApartmentRoomSuiteNumber] AS varbinary(max)) <> CAST(del.[ApartmentRoomSuiteNumber] AS varbinary(max)) OR (i.[ApartmentRoomSuiteNumber] IS NULL AND del.[ApartmentRoomSuiteNumber] IS NOT NULL) OR (i.[ApartmentRoomSuiteNumber] IS NOT NULL AND del.[ApartmentRoomSuiteNumber] IS NULL)) OR (CAST(i.[BuildingSiteNumber] AS varbinary(max)) <> CAST(del.[BuildingSiteNumber] AS varbinary(max)) OR (i.[BuildingSiteNumber] IS NULL AND del.[BuildingSiteNumber] IS NOT NULL) OR (i.[BuildingSiteNumber] IS NOT NULL AND del.[BuildingSiteNumber] IS NULL)) OR (CAST(i.[City] AS varbinary(max)) <> CAST(del.[City] AS varbinary(max)) OR (i.[City] IS NULL AND del.[City] IS NOT NULL) OR (i.[City] IS NOT NULL AND del.[City] IS NULL)) OR (CAST(i.[CongressionalDistrict] AS varbinary(max)) <> CAST(del.[CongressionalDistrict] AS varbinary(max)) OR (i.[CongressionalDistrict] IS NULL AND del.[CongressionalDistrict] IS NOT NULL) OR (i.[CongressionalDistrict] IS NOT NULL AND del.[CongressionalDistrict] IS NULL)) OR (CAST(i.[CountyFIPSCode] AS varbinary(max)) <> CAST(del.[CountyFIPSCode] AS varbinary(max)) OR (i.[CountyFIPSCode] IS NULL AND del.[CountyFIPSCode] IS NOT NULL) OR (i.[CountyFIPSCode] IS NOT NULL AND del.[CountyFIPSCode] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (CAST(i.[Latitude] AS varbinary(max)) <> CAST(del.[Latitude] AS varbinary(max)) OR (i.[Latitude] IS NULL AND del.[Latitude] IS NOT NULL) OR (i.[Latitude] IS NOT NULL AND del.[Latitude] IS NULL)) OR (CAST(i.[Longitude] AS varbinary(max)) <> CAST(del.[Longitude] AS varbinary(max)) OR (i.[Longitude] IS NULL AND del.[Longitude] IS NOT NULL) OR (i.[Longitude] IS NOT NULL AND del.[Longitude] IS NULL)) OR (CAST(i.[NameOfCounty] AS varbinary(max)) <> CAST(del.[NameOfCounty] AS varbinary(max)) OR (i.[NameOfCounty] IS NULL AND del.[NameOfCounty] IS NOT NULL) OR (i.[NameOfCounty] IS NOT NULL AND del.[NameOfCounty] IS NULL)) OR (CAST(i.[PostalCode] AS varbinary(max)) <> CAST(del.[PostalCode] AS varbinary(max)) OR (i.[PostalCode] IS NULL AND del.[PostalCode] IS NOT NULL) OR (i.[PostalCode] IS NOT NULL AND del.[PostalCode] IS NULL)) OR (CAST(i.[StreetNumberName] AS varbinary(max)) <> CAST(del.[StreetNumberName] AS varbinary(max)) OR (i.[StreetNumberName] IS NULL AND del.[StreetNumberName] IS NOT NULL) OR (i.[StreetNumberName] IS NOT NULL AND del.[StreetNumberName] IS NULL))
        UNION
        SELECT del.[Staff_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Staff_DocumentId] <> del.[Staff_DocumentId] OR (i.[Staff_DocumentId] IS NULL AND del.[Staff_DocumentId] IS NOT NULL) OR (i.[Staff_DocumentId] IS NOT NULL AND del.[Staff_DocumentId] IS NULL)) OR (i.[AddressTypeDescriptor_DescriptorId] <> del.[AddressTypeDescriptor_DescriptorId] OR (i.[AddressTypeDescriptor_DescriptorId] IS NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[AddressTypeDescriptor_DescriptorId] IS NOT NULL AND del.[AddressTypeDescriptor_DescriptorId] IS NULL)) OR (i.[StateAbbreviationDescriptor_DescriptorId] <> del.[StateAbbreviationDescriptor_DescriptorId] OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL) OR (i.[StateAbbreviationDescriptor_DescriptorId] IS NOT NULL AND del.[StateAbbreviationDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[ApartmentRoomSuiteNumber] AS varbinary(max)) <> CAST(del.[ApartmentRoomSuiteNumber] AS varbinary(max)) OR (i.[ApartmentRoomSuiteNumber] IS NULL AND del.[ApartmentRoomSuiteNumber] IS NOT NULL) OR (i.[ApartmentRoomSuiteNumber] IS NOT NULL AND del.[ApartmentRoomSuiteNumber] IS NULL)) OR (CAST(i.[BuildingSiteNumber] AS varbinary(max)) <> CAST(del.[BuildingSiteNumber] AS varbinary(max)) OR (i.[BuildingSiteNumber] IS NULL AND del.[BuildingSiteNumber] IS NOT NULL) OR (i.[BuildingSiteNumber] IS NOT NULL AND del.[BuildingSiteNumber] IS NULL)) OR (CAST(i.[City] AS varbinary(max)) <> CAST(del.[City] AS varbinary(max)) OR (i.[City] IS NULL AND del.[City] IS NOT NULL) OR (i.[City] IS NOT NULL AND del.[City] IS NULL)) OR (CAST(i.[CongressionalDistrict] AS varbinary(max)) <> CAST(del.[CongressionalDistrict] AS varbinary(max)) OR (i.[CongressionalDistrict] IS NULL AND del.[CongressionalDistrict] IS NOT NULL) OR (i.[CongressionalDistrict] IS NOT NULL AND del.[CongressionalDistrict] IS NULL)) OR (CAST(i.[CountyFIPSCode] AS varbinary(max)) <> CAST(del.[CountyFIPSCode] AS varbinary(max)) OR (i.[CountyFIPSCode] IS NULL AND del.[CountyFIPSCode] IS NOT NULL) OR (i.[CountyFIPSCode] IS NOT NULL AND del.[CountyFIPSCode] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (CAST(i.[Latitude] AS varbinary(max)) <> CAST(del.[Latitude] AS varbinary(max)) OR (i.[Latitude] IS NULL AND del.[Latitude] IS NOT NULL) OR (i.[Latitude] IS NOT NULL AND del.[Latitude] IS NULL)) OR (CAST(i.[Longitude] AS varbinary(max)) <> CAST(del.[Longitude] AS varbinary(max)) OR (i.[Longitude] IS NULL AND del.[Longitude] IS NOT NULL) OR (i.[Longitude] IS NOT NULL AND del.[Longitude] IS NULL)) OR (CAST(i.[NameOfCounty] AS varbinary(max)) <> CAST(del.[NameOfCounty] AS varbinary(max)) OR (i.[NameOfCounty] IS NULL AND del.[NameOfCounty] IS NOT NULL) OR (i.[NameOfCounty] IS NOT NULL AND del.[NameOfCounty] IS NULL)) OR (CAST(i.[PostalCode] AS varbinary(max)) <> CAST(del.[PostalCode] AS varbinary(max)) OR (i.[PostalCode] IS NULL AND del.[PostalCode] IS NOT NULL) OR (i.[PostalCode] IS NOT NULL AND del.[PostalCode] IS NULL)) OR (CAST(i.[StreetNumberName] AS varbinary(max)) <> CAST(del.[StreetNumberName] AS varbinary(max)) OR (i.[StreetNumberName] IS NULL AND del.[StreetNumberName] IS NOT NULL) OR (i.[StreetNumberName] IS NOT NULL AND del.[StreetNumberName] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Staff_DocumentId]
    INNER JOIN [edfi].[Staff] stampTarget ON stampTarget.[DocumentId] = a.[Staff_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Staff] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_StaffAddressPeriod_Stamp]
ON [edfi].[StaffAddressPeriod]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Staff_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[ParentCollectionItemId] <> del.[ParentCollectionItemId] OR (i.[ParentCollectionItemId] IS NULL AND del.[ParentCollectionItemId] IS NOT NULL) OR (i.[ParentCollectionItemId] IS NOT NULL AND del.[ParentCollectionItemId] IS NULL)) OR (i.[Staff_DocumentId] <> del.[Staff_DocumentId] OR (i.[Staff_DocumentId] IS NULL AND del.[Staff_DocumentId] IS NOT NULL) OR (i.[Staff_DocumentId] IS NOT NULL AND del.[Staff_DocumentId] IS NULL)) OR (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (i.[EndDate] <> del.[EndDate] OR (i.[EndDate] IS NULL AND del.[EndDate] IS NOT NULL) OR (i.[EndDate] IS NOT NULL AND del.[EndDate] IS NULL))
        UNION
        SELECT del.[Staff_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[ParentCollectionItemId] <> del.[ParentCollectionItemId] OR (i.[ParentCollectionItemId] IS NULL AND del.[ParentCollectionItemId] IS NOT NULL) OR (i.[ParentCollectionItemId] IS NOT NULL AND del.[ParentCollectionItemId] IS NULL)) OR (i.[Staff_DocumentId] <> del.[Staff_DocumentId] OR (i.[Staff_DocumentId] IS NULL AND del.[Staff_DocumentId] IS NOT NULL) OR (i.[Staff_DocumentId] IS NOT NULL AND del.[Staff_DocumentId] IS NULL)) OR (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (i.[EndDate] <> del.[EndDate] OR (i.[EndDate] IS NULL AND del.[EndDate] IS NOT NULL) OR (i.[EndDate] IS NOT NULL AND del.[EndDate] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Staff_DocumentId]
    INNER JOIN [edfi].[Staff] stampTarget ON stampTarget.[DocumentId] = a.[Staff_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Staff] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_StaffTelephone_Stamp]
ON [edfi].[StaffTelephone]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Staff_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Staff_DocumentId] <> del.[Staff_DocumentId] OR (i.[Staff_DocumentId] IS NULL AND del.[Staff_DocumentId] IS NOT NULL) OR (i.[Staff_DocumentId] IS NOT NULL AND del.[Staff_DocumentId] IS NULL)) OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] <> del.[TelephoneNumberTypeDescriptor_DescriptorId] OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] IS NULL AND del.[TelephoneNumberTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] IS NOT NULL AND del.[TelephoneNumberTypeDescriptor_DescriptorId] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (i.[OrderOfPriority] <> del.[OrderOfPriority] OR (i.[OrderOfPriority] IS NULL AND del.[OrderOfPriority] IS NOT NULL) OR (i.[OrderOfPriority] IS NOT NULL AND del.[OrderOfPriority] IS NULL)) OR (CAST(i.[TelephoneNumber] AS varbinary(max)) <> CAST(del.[TelephoneNumber] AS varbinary(max)) OR (i.[TelephoneNumber] IS NULL AND del.[TelephoneNumber] IS NOT NULL) OR (i.[TelephoneNumber] IS NOT NULL AND del.[TelephoneNumber] IS NULL)) OR (i.[TextMessageCapabilityIndicator] <> del.[TextMessageCapabilityIndicator] OR (i.[TextMessageCapabilityIndicator] IS NULL AND del.[TextMessageCapabilityIndicator] IS NOT NULL) OR (i.[TextMessageCapabilityIndicator] IS NOT NULL AND del.[TextMessageCapabilityIndicator] IS NULL))
        UNION
        SELECT del.[Staff_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Staff_DocumentId] <> del.[Staff_DocumentId] OR (i.[Staff_DocumentId] IS NULL AND del.[Staff_DocumentId] IS NOT NULL) OR (i.[Staff_DocumentId] IS NOT NULL AND del.[Staff_DocumentId] IS NULL)) OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] <> del.[TelephoneNumberTypeDescriptor_DescriptorId] OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] IS NULL AND del.[TelephoneNumberTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] IS NOT NULL AND del.[TelephoneNumberTypeDescriptor_DescriptorId] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (i.[OrderOfPriority] <> del.[OrderOfPriority] OR (i.[OrderOfPriority] IS NULL AND del.[OrderOfPriority] IS NOT NULL) OR (i.[OrderOfPriority] IS NOT NULL AND del.[OrderOfPriority] IS NULL)) OR (CAST(i.[TelephoneNumber] AS varbinary(max)) <> CAST(del.[TelephoneNumber] AS varbinary(max)) OR (i.[TelephoneNumber] IS NULL AND del.[TelephoneNumber] IS NOT NULL) OR (i.[TelephoneNumber] IS NOT NULL AND del.[TelephoneNumber] IS NULL)) OR (i.[TextMessageCapabilityIndicator] <> del.[TextMessageCapabilityIndicator] OR (i.[TextMessageCapabilityIndicator] IS NULL AND del.[TextMessageCapabilityIndicator] IS NOT NULL) OR (i.[TextMessageCapabilityIndicator] IS NOT NULL AND del.[TextMessageCapabilityIndicator] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Staff_DocumentId]
    INNER JOIN [edfi].[Staff] stampTarget ON stampTarget.[DocumentId] = a.[Staff_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Staff] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Student_ReferentialIdentity]
ON [edfi].[Student]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 21;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiStudent' AS nvarchar(max)) + N'$.studentUniqueId=' + i.[StudentUniqueId]), i.[DocumentId], 21
        FROM inserted i;
    END
    ELSE IF (UPDATE([StudentUniqueId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[StudentUniqueId] AS varbinary(max)) <> CAST(d.[StudentUniqueId] AS varbinary(max)) OR (i.[StudentUniqueId] IS NULL AND d.[StudentUniqueId] IS NOT NULL) OR (i.[StudentUniqueId] IS NOT NULL AND d.[StudentUniqueId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 21;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiStudent' AS nvarchar(max)) + N'$.studentUniqueId=' + i.[StudentUniqueId]), i.[DocumentId], 21
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_Student_Stamp]
ON [edfi].[Student]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([BirthSexDescriptor_DescriptorId]) OR UPDATE([BirthStateAbbreviationDescriptor_DescriptorId]) OR UPDATE([BirthCity]) OR UPDATE([BirthDate]) OR UPDATE([BirthInternationalProvince]) OR UPDATE([DateEnteredUS]) OR UPDATE([FirstName]) OR UPDATE([GenerationCodeSuffix]) OR UPDATE([LastSurname]) OR UPDATE([MaidenName]) OR UPDATE([MiddleName]) OR UPDATE([MultipleBirthStatus]) OR UPDATE([PersonalTitlePrefix]) OR UPDATE([StudentUniqueId]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[BirthSexDescriptor_DescriptorId] <> del.[BirthSexDescriptor_DescriptorId] OR (i.[BirthSexDescriptor_DescriptorId] IS NULL AND del.[BirthSexDescriptor_DescriptorId] IS NOT NULL) OR (i.[BirthSexDescriptor_DescriptorId] IS NOT NULL AND del.[BirthSexDescriptor_DescriptorId] IS NULL)) OR (i.[BirthStateAbbreviationDescriptor_DescriptorId] <> del.[BirthStateAbbreviationDescriptor_DescriptorId] OR (i.[BirthStateAbbreviationDescriptor_DescriptorId] IS NULL AND del.[BirthStateAbbreviationDescriptor_DescriptorId] IS NOT NULL) OR (i.[BirthStateAbbreviationDescriptor_DescriptorId] IS NOT NULL AND del.[BirthStateAbbreviationDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[BirthCity] AS varbinary(max)) <> CAST(del.[BirthCity] AS varbinary(max)) OR (i.[BirthCity] IS NULL AND del.[BirthCity] IS NOT NULL) OR (i.[BirthCity] IS NOT NULL AND del.[BirthCity] IS NULL)) OR (i.[BirthDate] <> del.[BirthDate] OR (i.[BirthDate] IS NULL AND del.[BirthDate] IS NOT NULL) OR (i.[BirthDate] IS NOT NULL AND del.[BirthDate] IS NULL)) OR (CAST(i.[BirthInternationalProvince] AS varbinary(max)) <> CAST(del.[BirthInternationalProvince] AS varbinary(max)) OR (i.[BirthInternationalProvince] IS NULL AND del.[BirthInternationalProvince] IS NOT NULL) OR (i.[BirthInternationalProvince] IS NOT NULL AND del.[BirthInternationalProvince] IS NULL)) OR (i.[DateEnteredUS] <> del.[DateEnteredUS] OR (i.[DateEnteredUS] IS NULL AND del.[DateEnteredUS] IS NOT NULL) OR (i.[DateEnteredUS] IS NOT NULL AND del.[DateEnteredUS] IS NULL)) OR (CAST(i.[FirstName] AS varbinary(max)) <> CAST(del.[FirstName] AS varbinary(max)) OR (i.[FirstName] IS NULL AND del.[FirstName] IS NOT NULL) OR (i.[FirstName] IS NOT NULL AND del.[FirstName] IS NULL)) OR (CAST(i.[GenerationCodeSuffix] AS varbinary(max)) <> CAST(del.[GenerationCodeSuffix] AS varbinary(max)) OR (i.[GenerationCodeSuffix] IS NULL AND del.[GenerationCodeSuffix] IS NOT NULL) OR (i.[GenerationCodeSuffix] IS NOT NULL AND del.[GenerationCodeSuffix] IS NULL)) OR (CAST(i.[LastSurname] AS varbinary(max)) <> CAST(del.[LastSurname] AS varbinary(max)) OR (i.[LastSurname] IS NULL AND del.[LastSurname] IS NOT NULL) OR (i.[LastSurname] IS NOT NULL AND del.[LastSurname] IS NULL)) OR (CAST(i.[MaidenName] AS varbinary(max)) <> CAST(del.[MaidenName] AS varbinary(max)) OR (i.[MaidenName] IS NULL AND del.[MaidenName] IS NOT NULL) OR (i.[MaidenName] IS NOT NULL AND del.[MaidenName] IS NULL)) OR (CAST(i.[MiddleName] AS varbinary(max)) <> CAST(del.[MiddleName] AS varbinary(max)) OR (i.[MiddleName] IS NULL AND del.[MiddleName] IS NOT NULL) OR (i.[MiddleName] IS NOT NULL AND del.[MiddleName] IS NULL)) OR (i.[MultipleBirthStatus] <> del.[MultipleBirthStatus] OR (i.[MultipleBirthStatus] IS NULL AND del.[MultipleBirthStatus] IS NOT NULL) OR (i.[MultipleBirthStatus] IS NOT NULL AND del.[MultipleBirthStatus] IS NULL)) OR (CAST(i.[PersonalTitlePrefix] AS varbinary(max)) <> CAST(del.[PersonalTitlePrefix] AS varbinary(max)) OR (i.[PersonalTitlePrefix] IS NULL AND del.[PersonalTitlePrefix] IS NOT NULL) OR (i.[PersonalTitlePrefix] IS NOT NULL AND del.[PersonalTitlePrefix] IS NULL)) OR (CAST(i.[StudentUniqueId] AS varbinary(max)) <> CAST(del.[StudentUniqueId] AS varbinary(max)) OR (i.[StudentUniqueId] IS NULL AND del.[StudentUniqueId] IS NOT NULL) OR (i.[StudentUniqueId] IS NOT NULL AND del.[StudentUniqueId] IS NULL)))
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
        FROM [edfi].[Student] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[Student] (
            [OldStudentUniqueId],
            [OldStudent_DocumentId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[StudentUniqueId],
            del.[DocumentId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[StudentUniqueId] AS varbinary(max)) <> CAST(del.[StudentUniqueId] AS varbinary(max)) OR (i.[StudentUniqueId] IS NULL AND del.[StudentUniqueId] IS NOT NULL) OR (i.[StudentUniqueId] IS NOT NULL AND del.[StudentUniqueId] IS NULL));
        INSERT INTO [tracked_changes_edfi].[Student] (
            [OldStudentUniqueId],
            [OldStudent_DocumentId],
            [NewStudentUniqueId],
            [NewStudent_DocumentId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[StudentUniqueId],
            del.[DocumentId],
            i.[StudentUniqueId],
            i.[DocumentId],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_StudentSchoolAssociation_ReferentialIdentity]
ON [edfi].[StudentSchoolAssociation]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 22;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiStudentSchoolAssociation' AS nvarchar(max)) + N'$.entryDate=' + CONVERT(nvarchar(10), i.[EntryDate], 23) + N'#' + N'$.schoolReference.schoolId=' + CAST(i.[School_SchoolId] AS nvarchar(max)) + N'#' + N'$.studentReference.studentUniqueId=' + i.[Student_StudentUniqueId]), i.[DocumentId], 22
        FROM inserted i;
    END
    ELSE IF (UPDATE([EntryDate]) OR UPDATE([School_SchoolId]) OR UPDATE([Student_StudentUniqueId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[EntryDate] <> d.[EntryDate] OR (i.[EntryDate] IS NULL AND d.[EntryDate] IS NOT NULL) OR (i.[EntryDate] IS NOT NULL AND d.[EntryDate] IS NULL)) OR (i.[School_SchoolId] <> d.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND d.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND d.[School_SchoolId] IS NULL)) OR (CAST(i.[Student_StudentUniqueId] AS varbinary(max)) <> CAST(d.[Student_StudentUniqueId] AS varbinary(max)) OR (i.[Student_StudentUniqueId] IS NULL AND d.[Student_StudentUniqueId] IS NOT NULL) OR (i.[Student_StudentUniqueId] IS NOT NULL AND d.[Student_StudentUniqueId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 22;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiStudentSchoolAssociation' AS nvarchar(max)) + N'$.entryDate=' + CONVERT(nvarchar(10), i.[EntryDate], 23) + N'#' + N'$.schoolReference.schoolId=' + CAST(i.[School_SchoolId] AS nvarchar(max)) + N'#' + N'$.studentReference.studentUniqueId=' + i.[Student_StudentUniqueId]), i.[DocumentId], 22
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_StudentSchoolAssociation_Stamp]
ON [edfi].[StudentSchoolAssociation]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([ClassOfSchoolYear_DocumentId]) OR UPDATE([ClassOfSchoolYear_ClassOfSchoolYear]) OR UPDATE([SchoolYear_DocumentId]) OR UPDATE([SchoolYear_SchoolYear]) OR UPDATE([School_DocumentId]) OR UPDATE([School_SchoolId]) OR UPDATE([Student_DocumentId]) OR UPDATE([Student_StudentUniqueId]) OR UPDATE([EntryGradeLevelDescriptor_DescriptorId]) OR UPDATE([EmployedWhileEnrolled]) OR UPDATE([EntryDate]) OR UPDATE([ExitWithdrawDate]) OR UPDATE([FullTimeEquivalency]) OR UPDATE([PrimarySchool]) OR UPDATE([RepeatGradeIndicator]) OR UPDATE([SchoolChoiceTransfer]) OR UPDATE([TermCompletionIndicator]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[ClassOfSchoolYear_DocumentId] <> del.[ClassOfSchoolYear_DocumentId] OR (i.[ClassOfSchoolYear_DocumentId] IS NULL AND del.[ClassOfSchoolYear_DocumentId] IS NOT NULL) OR (i.[ClassOfSchoolYear_DocumentId] IS NOT NULL AND del.[ClassOfSchoolYear_DocumentId] IS NULL)) OR (i.[ClassOfSchoolYear_ClassOfSchoolYear] <> del.[ClassOfSchoolYear_ClassOfSchoolYear] OR (i.[ClassOfSchoolYear_ClassOfSchoolYear] IS NULL AND del.[ClassOfSchoolYear_ClassOfSchoolYear] IS NOT NULL) OR (i.[ClassOfSchoolYear_ClassOfSchoolYear] IS NOT NULL AND del.[ClassOfSchoolYear_ClassOfSchoolYear] IS NULL)) OR (i.[SchoolYear_DocumentId] <> del.[SchoolYear_DocumentId] OR (i.[SchoolYear_DocumentId] IS NULL AND del.[SchoolYear_DocumentId] IS NOT NULL) OR (i.[SchoolYear_DocumentId] IS NOT NULL AND del.[SchoolYear_DocumentId] IS NULL)) OR (i.[SchoolYear_SchoolYear] <> del.[SchoolYear_SchoolYear] OR (i.[SchoolYear_SchoolYear] IS NULL AND del.[SchoolYear_SchoolYear] IS NOT NULL) OR (i.[SchoolYear_SchoolYear] IS NOT NULL AND del.[SchoolYear_SchoolYear] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[School_SchoolId] <> del.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND del.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND del.[School_SchoolId] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (CAST(i.[Student_StudentUniqueId] AS varbinary(max)) <> CAST(del.[Student_StudentUniqueId] AS varbinary(max)) OR (i.[Student_StudentUniqueId] IS NULL AND del.[Student_StudentUniqueId] IS NOT NULL) OR (i.[Student_StudentUniqueId] IS NOT NULL AND del.[Student_StudentUniqueId] IS NULL)) OR (i.[EntryGradeLevelDescriptor_DescriptorId] <> del.[EntryGradeLevelDescriptor_DescriptorId] OR (i.[EntryGradeLevelDescriptor_DescriptorId] IS NULL AND del.[EntryGradeLevelDescriptor_DescriptorId] IS NOT NULL) OR (i.[EntryGradeLevelDescriptor_DescriptorId] IS NOT NULL AND del.[EntryGradeLevelDescriptor_DescriptorId] IS NULL)) OR (i.[EmployedWhileEnrolled] <> del.[EmployedWhileEnrolled] OR (i.[EmployedWhileEnrolled] IS NULL AND del.[EmployedWhileEnrolled] IS NOT NULL) OR (i.[EmployedWhileEnrolled] IS NOT NULL AND del.[EmployedWhileEnrolled] IS NULL)) OR (i.[EntryDate] <> del.[EntryDate] OR (i.[EntryDate] IS NULL AND del.[EntryDate] IS NOT NULL) OR (i.[EntryDate] IS NOT NULL AND del.[EntryDate] IS NULL)) OR (i.[ExitWithdrawDate] <> del.[ExitWithdrawDate] OR (i.[ExitWithdrawDate] IS NULL AND del.[ExitWithdrawDate] IS NOT NULL) OR (i.[ExitWithdrawDate] IS NOT NULL AND del.[ExitWithdrawDate] IS NULL)) OR (i.[FullTimeEquivalency] <> del.[FullTimeEquivalency] OR (i.[FullTimeEquivalency] IS NULL AND del.[FullTimeEquivalency] IS NOT NULL) OR (i.[FullTimeEquivalency] IS NOT NULL AND del.[FullTimeEquivalency] IS NULL)) OR (i.[PrimarySchool] <> del.[PrimarySchool] OR (i.[PrimarySchool] IS NULL AND del.[PrimarySchool] IS NOT NULL) OR (i.[PrimarySchool] IS NOT NULL AND del.[PrimarySchool] IS NULL)) OR (i.[RepeatGradeIndicator] <> del.[RepeatGradeIndicator] OR (i.[RepeatGradeIndicator] IS NULL AND del.[RepeatGradeIndicator] IS NOT NULL) OR (i.[RepeatGradeIndicator] IS NOT NULL AND del.[RepeatGradeIndicator] IS NULL)) OR (i.[SchoolChoiceTransfer] <> del.[SchoolChoiceTransfer] OR (i.[SchoolChoiceTransfer] IS NULL AND del.[SchoolChoiceTransfer] IS NOT NULL) OR (i.[SchoolChoiceTransfer] IS NOT NULL AND del.[SchoolChoiceTransfer] IS NULL)) OR (i.[TermCompletionIndicator] <> del.[TermCompletionIndicator] OR (i.[TermCompletionIndicator] IS NULL AND del.[TermCompletionIndicator] IS NOT NULL) OR (i.[TermCompletionIndicator] IS NOT NULL AND del.[TermCompletionIndicator] IS NULL)))
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
        FROM [edfi].[StudentSchoolAssociation] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[StudentSchoolAssociation] (
            [OldEntryDate],
            [OldSchool_SchoolId],
            [OldStudent_StudentUniqueId],
            [OldStudent_DocumentId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[EntryDate],
            del.[School_SchoolId],
            del.[Student_StudentUniqueId],
            del.[Student_DocumentId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (i.[EntryDate] <> del.[EntryDate] OR (i.[EntryDate] IS NULL AND del.[EntryDate] IS NOT NULL) OR (i.[EntryDate] IS NOT NULL AND del.[EntryDate] IS NULL)) OR (i.[School_SchoolId] <> del.[School_SchoolId] OR (i.[School_SchoolId] IS NULL AND del.[School_SchoolId] IS NOT NULL) OR (i.[School_SchoolId] IS NOT NULL AND del.[School_SchoolId] IS NULL)) OR (CAST(i.[Student_StudentUniqueId] AS varbinary(max)) <> CAST(del.[Student_StudentUniqueId] AS varbinary(max)) OR (i.[Student_StudentUniqueId] IS NULL AND del.[Student_StudentUniqueId] IS NOT NULL) OR (i.[Student_StudentUniqueId] IS NOT NULL AND del.[Student_StudentUniqueId] IS NULL));
        INSERT INTO [tracked_changes_edfi].[StudentSchoolAssociation] (
            [OldEntryDate],
            [OldSchool_SchoolId],
            [OldStudent_StudentUniqueId],
            [OldStudent_DocumentId],
            [NewEntryDate],
            [NewSchool_SchoolId],
            [NewStudent_StudentUniqueId],
            [NewStudent_DocumentId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[EntryDate],
            del.[School_SchoolId],
            del.[Student_StudentUniqueId],
            del.[Student_DocumentId],
            i.[EntryDate],
            i.[School_SchoolId],
            i.[Student_StudentUniqueId],
            i.[Student_DocumentId],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_StudentSectionAssociation_ReferentialIdentity]
ON [edfi].[StudentSectionAssociation]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 23;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiStudentSectionAssociation' AS nvarchar(max)) + N'$.beginDate=' + CONVERT(nvarchar(10), i.[BeginDate], 23) + N'#' + N'$.sectionReference.localCourseCode=' + i.[Section_LocalCourseCode] + N'#' + N'$.sectionReference.schoolId=' + CAST(i.[Section_SchoolId] AS nvarchar(max)) + N'#' + N'$.sectionReference.schoolYear=' + CAST(i.[Section_SchoolYear] AS nvarchar(max)) + N'#' + N'$.sectionReference.sectionIdentifier=' + i.[Section_SectionIdentifier] + N'#' + N'$.sectionReference.sessionName=' + i.[Section_SessionName] + N'#' + N'$.studentReference.studentUniqueId=' + i.[Student_StudentUniqueId]), i.[DocumentId], 23
        FROM inserted i;
    END
    ELSE IF (UPDATE([BeginDate]) OR UPDATE([Section_LocalCourseCode]) OR UPDATE([Section_SchoolId]) OR UPDATE([Section_SchoolYear]) OR UPDATE([Section_SectionIdentifier]) OR UPDATE([Section_SessionName]) OR UPDATE([Student_StudentUniqueId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (i.[BeginDate] <> d.[BeginDate] OR (i.[BeginDate] IS NULL AND d.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND d.[BeginDate] IS NULL)) OR (CAST(i.[Section_LocalCourseCode] AS varbinary(max)) <> CAST(d.[Section_LocalCourseCode] AS varbinary(max)) OR (i.[Section_LocalCourseCode] IS NULL AND d.[Section_LocalCourseCode] IS NOT NULL) OR (i.[Section_LocalCourseCode] IS NOT NULL AND d.[Section_LocalCourseCode] IS NULL)) OR (i.[Section_SchoolId] <> d.[Section_SchoolId] OR (i.[Section_SchoolId] IS NULL AND d.[Section_SchoolId] IS NOT NULL) OR (i.[Section_SchoolId] IS NOT NULL AND d.[Section_SchoolId] IS NULL)) OR (i.[Section_SchoolYear] <> d.[Section_SchoolYear] OR (i.[Section_SchoolYear] IS NULL AND d.[Section_SchoolYear] IS NOT NULL) OR (i.[Section_SchoolYear] IS NOT NULL AND d.[Section_SchoolYear] IS NULL)) OR (CAST(i.[Section_SectionIdentifier] AS varbinary(max)) <> CAST(d.[Section_SectionIdentifier] AS varbinary(max)) OR (i.[Section_SectionIdentifier] IS NULL AND d.[Section_SectionIdentifier] IS NOT NULL) OR (i.[Section_SectionIdentifier] IS NOT NULL AND d.[Section_SectionIdentifier] IS NULL)) OR (CAST(i.[Section_SessionName] AS varbinary(max)) <> CAST(d.[Section_SessionName] AS varbinary(max)) OR (i.[Section_SessionName] IS NULL AND d.[Section_SessionName] IS NOT NULL) OR (i.[Section_SessionName] IS NOT NULL AND d.[Section_SessionName] IS NULL)) OR (CAST(i.[Student_StudentUniqueId] AS varbinary(max)) <> CAST(d.[Student_StudentUniqueId] AS varbinary(max)) OR (i.[Student_StudentUniqueId] IS NULL AND d.[Student_StudentUniqueId] IS NOT NULL) OR (i.[Student_StudentUniqueId] IS NOT NULL AND d.[Student_StudentUniqueId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 23;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'Ed-FiStudentSectionAssociation' AS nvarchar(max)) + N'$.beginDate=' + CONVERT(nvarchar(10), i.[BeginDate], 23) + N'#' + N'$.sectionReference.localCourseCode=' + i.[Section_LocalCourseCode] + N'#' + N'$.sectionReference.schoolId=' + CAST(i.[Section_SchoolId] AS nvarchar(max)) + N'#' + N'$.sectionReference.schoolYear=' + CAST(i.[Section_SchoolYear] AS nvarchar(max)) + N'#' + N'$.sectionReference.sectionIdentifier=' + i.[Section_SectionIdentifier] + N'#' + N'$.sectionReference.sessionName=' + i.[Section_SessionName] + N'#' + N'$.studentReference.studentUniqueId=' + i.[Student_StudentUniqueId]), i.[DocumentId], 23
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [edfi].[TR_StudentSectionAssociation_Stamp]
ON [edfi].[StudentSectionAssociation]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([Section_DocumentId]) OR UPDATE([Section_LocalCourseCode]) OR UPDATE([Section_SchoolId]) OR UPDATE([Section_SchoolYear]) OR UPDATE([Section_SessionName]) OR UPDATE([Section_SectionIdentifier]) OR UPDATE([Student_DocumentId]) OR UPDATE([Student_StudentUniqueId]) OR UPDATE([BeginDate]) OR UPDATE([EndDate]) OR UPDATE([HomeroomIndicator]) OR UPDATE([TeacherStudentDataLinkExclusion]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[Section_DocumentId] <> del.[Section_DocumentId] OR (i.[Section_DocumentId] IS NULL AND del.[Section_DocumentId] IS NOT NULL) OR (i.[Section_DocumentId] IS NOT NULL AND del.[Section_DocumentId] IS NULL)) OR (CAST(i.[Section_LocalCourseCode] AS varbinary(max)) <> CAST(del.[Section_LocalCourseCode] AS varbinary(max)) OR (i.[Section_LocalCourseCode] IS NULL AND del.[Section_LocalCourseCode] IS NOT NULL) OR (i.[Section_LocalCourseCode] IS NOT NULL AND del.[Section_LocalCourseCode] IS NULL)) OR (i.[Section_SchoolId] <> del.[Section_SchoolId] OR (i.[Section_SchoolId] IS NULL AND del.[Section_SchoolId] IS NOT NULL) OR (i.[Section_SchoolId] IS NOT NULL AND del.[Section_SchoolId] IS NULL)) OR (i.[Section_SchoolYear] <> del.[Section_SchoolYear] OR (i.[Section_SchoolYear] IS NULL AND del.[Section_SchoolYear] IS NOT NULL) OR (i.[Section_SchoolYear] IS NOT NULL AND del.[Section_SchoolYear] IS NULL)) OR (CAST(i.[Section_SessionName] AS varbinary(max)) <> CAST(del.[Section_SessionName] AS varbinary(max)) OR (i.[Section_SessionName] IS NULL AND del.[Section_SessionName] IS NOT NULL) OR (i.[Section_SessionName] IS NOT NULL AND del.[Section_SessionName] IS NULL)) OR (CAST(i.[Section_SectionIdentifier] AS varbinary(max)) <> CAST(del.[Section_SectionIdentifier] AS varbinary(max)) OR (i.[Section_SectionIdentifier] IS NULL AND del.[Section_SectionIdentifier] IS NOT NULL) OR (i.[Section_SectionIdentifier] IS NOT NULL AND del.[Section_SectionIdentifier] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (CAST(i.[Student_StudentUniqueId] AS varbinary(max)) <> CAST(del.[Student_StudentUniqueId] AS varbinary(max)) OR (i.[Student_StudentUniqueId] IS NULL AND del.[Student_StudentUniqueId] IS NOT NULL) OR (i.[Student_StudentUniqueId] IS NOT NULL AND del.[Student_StudentUniqueId] IS NULL)) OR (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (i.[EndDate] <> del.[EndDate] OR (i.[EndDate] IS NULL AND del.[EndDate] IS NOT NULL) OR (i.[EndDate] IS NOT NULL AND del.[EndDate] IS NULL)) OR (i.[HomeroomIndicator] <> del.[HomeroomIndicator] OR (i.[HomeroomIndicator] IS NULL AND del.[HomeroomIndicator] IS NOT NULL) OR (i.[HomeroomIndicator] IS NOT NULL AND del.[HomeroomIndicator] IS NULL)) OR (i.[TeacherStudentDataLinkExclusion] <> del.[TeacherStudentDataLinkExclusion] OR (i.[TeacherStudentDataLinkExclusion] IS NULL AND del.[TeacherStudentDataLinkExclusion] IS NOT NULL) OR (i.[TeacherStudentDataLinkExclusion] IS NOT NULL AND del.[TeacherStudentDataLinkExclusion] IS NULL)))
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
        FROM [edfi].[StudentSectionAssociation] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_edfi].[StudentSectionAssociation] (
            [OldBeginDate],
            [OldSection_LocalCourseCode],
            [OldSection_SchoolId],
            [OldSection_SchoolYear],
            [OldSection_SectionIdentifier],
            [OldSection_SessionName],
            [OldStudent_StudentUniqueId],
            [OldStudent_DocumentId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[BeginDate],
            del.[Section_LocalCourseCode],
            del.[Section_SchoolId],
            del.[Section_SchoolYear],
            del.[Section_SectionIdentifier],
            del.[Section_SessionName],
            del.[Student_StudentUniqueId],
            del.[Student_DocumentId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (i.[BeginDate] <> del.[BeginDate] OR (i.[BeginDate] IS NULL AND del.[BeginDate] IS NOT NULL) OR (i.[BeginDate] IS NOT NULL AND del.[BeginDate] IS NULL)) OR (CAST(i.[Section_LocalCourseCode] AS varbinary(max)) <> CAST(del.[Section_LocalCourseCode] AS varbinary(max)) OR (i.[Section_LocalCourseCode] IS NULL AND del.[Section_LocalCourseCode] IS NOT NULL) OR (i.[Section_LocalCourseCode] IS NOT NULL AND del.[Section_LocalCourseCode] IS NULL)) OR (i.[Section_SchoolId] <> del.[Section_SchoolId] OR (i.[Section_SchoolId] IS NULL AND del.[Section_SchoolId] IS NOT NULL) OR (i.[Section_SchoolId] IS NOT NULL AND del.[Section_SchoolId] IS NULL)) OR (i.[Section_SchoolYear] <> del.[Section_SchoolYear] OR (i.[Section_SchoolYear] IS NULL AND del.[Section_SchoolYear] IS NOT NULL) OR (i.[Section_SchoolYear] IS NOT NULL AND del.[Section_SchoolYear] IS NULL)) OR (CAST(i.[Section_SectionIdentifier] AS varbinary(max)) <> CAST(del.[Section_SectionIdentifier] AS varbinary(max)) OR (i.[Section_SectionIdentifier] IS NULL AND del.[Section_SectionIdentifier] IS NOT NULL) OR (i.[Section_SectionIdentifier] IS NOT NULL AND del.[Section_SectionIdentifier] IS NULL)) OR (CAST(i.[Section_SessionName] AS varbinary(max)) <> CAST(del.[Section_SessionName] AS varbinary(max)) OR (i.[Section_SessionName] IS NULL AND del.[Section_SessionName] IS NOT NULL) OR (i.[Section_SessionName] IS NOT NULL AND del.[Section_SessionName] IS NULL)) OR (CAST(i.[Student_StudentUniqueId] AS varbinary(max)) <> CAST(del.[Student_StudentUniqueId] AS varbinary(max)) OR (i.[Student_StudentUniqueId] IS NULL AND del.[Student_StudentUniqueId] IS NOT NULL) OR (i.[Student_StudentUniqueId] IS NOT NULL AND del.[Student_StudentUniqueId] IS NULL));
        INSERT INTO [tracked_changes_edfi].[StudentSectionAssociation] (
            [OldBeginDate],
            [OldSection_LocalCourseCode],
            [OldSection_SchoolId],
            [OldSection_SchoolYear],
            [OldSection_SectionIdentifier],
            [OldSection_SessionName],
            [OldStudent_StudentUniqueId],
            [OldStudent_DocumentId],
            [NewBeginDate],
            [NewSection_LocalCourseCode],
            [NewSection_SchoolId],
            [NewSection_SchoolYear],
            [NewSection_SectionIdentifier],
            [NewSection_SessionName],
            [NewStudent_StudentUniqueId],
            [NewStudent_DocumentId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[BeginDate],
            del.[Section_LocalCourseCode],
            del.[Section_SchoolId],
            del.[Section_SchoolYear],
            del.[Section_SectionIdentifier],
            del.[Section_SessionName],
            del.[Student_StudentUniqueId],
            del.[Student_DocumentId],
            i.[BeginDate],
            i.[Section_LocalCourseCode],
            i.[Section_SchoolId],
            i.[Section_SchoolYear],
            i.[Section_SectionIdentifier],
            i.[Section_SessionName],
            i.[Student_StudentUniqueId],
            i.[Student_DocumentId],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_Bus_ReferentialIdentity]
ON [sample].[Bus]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 27;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'SampleBus' AS nvarchar(max)) + N'$.busId=' + i.[BusId]), i.[DocumentId], 27
        FROM inserted i;
    END
    ELSE IF (UPDATE([BusId]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[BusId] AS varbinary(max)) <> CAST(d.[BusId] AS varbinary(max)) OR (i.[BusId] IS NULL AND d.[BusId] IS NOT NULL) OR (i.[BusId] IS NOT NULL AND d.[BusId] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 27;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'SampleBus' AS nvarchar(max)) + N'$.busId=' + i.[BusId]), i.[DocumentId], 27
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_Bus_Stamp]
ON [sample].[Bus]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([BusId]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (CAST(i.[BusId] AS varbinary(max)) <> CAST(del.[BusId] AS varbinary(max)) OR (i.[BusId] IS NULL AND del.[BusId] IS NOT NULL) OR (i.[BusId] IS NOT NULL AND del.[BusId] IS NULL)))
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
        FROM [sample].[Bus] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_sample].[Bus] (
            [OldBusId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[BusId],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[BusId] AS varbinary(max)) <> CAST(del.[BusId] AS varbinary(max)) OR (i.[BusId] IS NULL AND del.[BusId] IS NOT NULL) OR (i.[BusId] IS NOT NULL AND del.[BusId] IS NULL));
        INSERT INTO [tracked_changes_sample].[Bus] (
            [OldBusId],
            [NewBusId],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[BusId],
            i.[BusId],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_BusRoute_ReferentialIdentity]
ON [sample].[BusRoute]
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM deleted)
    BEGIN
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM inserted) AND [ResourceKeyId] = 28;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'SampleBusRoute' AS nvarchar(max)) + N'$.busReference.busId=' + i.[Bus_BusId] + N'#' + N'$.busRouteNumber=' + CAST(i.[BusRouteNumber] AS nvarchar(max))), i.[DocumentId], 28
        FROM inserted i;
    END
    ELSE IF (UPDATE([Bus_BusId]) OR UPDATE([BusRouteNumber]))
    BEGIN
        DECLARE @changedDocs TABLE ([DocumentId] bigint NOT NULL);
        INSERT INTO @changedDocs ([DocumentId])
        SELECT i.[DocumentId]
        FROM inserted i INNER JOIN deleted d ON d.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[Bus_BusId] AS varbinary(max)) <> CAST(d.[Bus_BusId] AS varbinary(max)) OR (i.[Bus_BusId] IS NULL AND d.[Bus_BusId] IS NOT NULL) OR (i.[Bus_BusId] IS NOT NULL AND d.[Bus_BusId] IS NULL)) OR (i.[BusRouteNumber] <> d.[BusRouteNumber] OR (i.[BusRouteNumber] IS NULL AND d.[BusRouteNumber] IS NOT NULL) OR (i.[BusRouteNumber] IS NOT NULL AND d.[BusRouteNumber] IS NULL));
        DELETE FROM [dms].[ReferentialIdentity]
        WHERE [DocumentId] IN (SELECT [DocumentId] FROM @changedDocs) AND [ResourceKeyId] = 28;
        INSERT INTO [dms].[ReferentialIdentity] ([ReferentialId], [DocumentId], [ResourceKeyId])
        SELECT [dms].[uuidv5]('edf1edf1-3df1-3df1-3df1-3df1edf1edf1', CAST(N'SampleBusRoute' AS nvarchar(max)) + N'$.busReference.busId=' + i.[Bus_BusId] + N'#' + N'$.busRouteNumber=' + CAST(i.[BusRouteNumber] AS nvarchar(max))), i.[DocumentId], 28
        FROM inserted i INNER JOIN @changedDocs cd ON cd.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_BusRoute_Stamp]
ON [sample].[BusRoute]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
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
    IF EXISTS (SELECT 1 FROM deleted) AND (NOT EXISTS (SELECT 1 FROM inserted) OR UPDATE([DocumentId]) OR UPDATE([Bus_DocumentId]) OR UPDATE([Bus_BusId]) OR UPDATE([BusRouteDirection]) OR UPDATE([BusRouteDuration]) OR UPDATE([BusRouteNumber]) OR UPDATE([Daily]) OR UPDATE([ExpectedTransitTime]) OR UPDATE([HoursPerWeek]) OR UPDATE([OperatingCost]) OR UPDATE([OptimalCapacity]) OR UPDATE([StartDate]) OR UPDATE([WeeklyMileage]))
    BEGIN
        ;WITH affectedDocs AS (
            SELECT i.[DocumentId]
            FROM inserted i
            LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
            WHERE del.[DocumentId] IS NOT NULL AND ((i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[Bus_DocumentId] <> del.[Bus_DocumentId] OR (i.[Bus_DocumentId] IS NULL AND del.[Bus_DocumentId] IS NOT NULL) OR (i.[Bus_DocumentId] IS NOT NULL AND del.[Bus_DocumentId] IS NULL)) OR (CAST(i.[Bus_BusId] AS varbinary(max)) <> CAST(del.[Bus_BusId] AS varbinary(max)) OR (i.[Bus_BusId] IS NULL AND del.[Bus_BusId] IS NOT NULL) OR (i.[Bus_BusId] IS NOT NULL AND del.[Bus_BusId] IS NULL)) OR (CAST(i.[BusRouteDirection] AS varbinary(max)) <> CAST(del.[BusRouteDirection] AS varbinary(max)) OR (i.[BusRouteDirection] IS NULL AND del.[BusRouteDirection] IS NOT NULL) OR (i.[BusRouteDirection] IS NOT NULL AND del.[BusRouteDirection] IS NULL)) OR (i.[BusRouteDuration] <> del.[BusRouteDuration] OR (i.[BusRouteDuration] IS NULL AND del.[BusRouteDuration] IS NOT NULL) OR (i.[BusRouteDuration] IS NOT NULL AND del.[BusRouteDuration] IS NULL)) OR (i.[BusRouteNumber] <> del.[BusRouteNumber] OR (i.[BusRouteNumber] IS NULL AND del.[BusRouteNumber] IS NOT NULL) OR (i.[BusRouteNumber] IS NOT NULL AND del.[BusRouteNumber] IS NULL)) OR (i.[Daily] <> del.[Daily] OR (i.[Daily] IS NULL AND del.[Daily] IS NOT NULL) OR (i.[Daily] IS NOT NULL AND del.[Daily] IS NULL)) OR (CAST(i.[ExpectedTransitTime] AS varbinary(max)) <> CAST(del.[ExpectedTransitTime] AS varbinary(max)) OR (i.[ExpectedTransitTime] IS NULL AND del.[ExpectedTransitTime] IS NOT NULL) OR (i.[ExpectedTransitTime] IS NOT NULL AND del.[ExpectedTransitTime] IS NULL)) OR (i.[HoursPerWeek] <> del.[HoursPerWeek] OR (i.[HoursPerWeek] IS NULL AND del.[HoursPerWeek] IS NOT NULL) OR (i.[HoursPerWeek] IS NOT NULL AND del.[HoursPerWeek] IS NULL)) OR (i.[OperatingCost] <> del.[OperatingCost] OR (i.[OperatingCost] IS NULL AND del.[OperatingCost] IS NOT NULL) OR (i.[OperatingCost] IS NOT NULL AND del.[OperatingCost] IS NULL)) OR (i.[OptimalCapacity] <> del.[OptimalCapacity] OR (i.[OptimalCapacity] IS NULL AND del.[OptimalCapacity] IS NOT NULL) OR (i.[OptimalCapacity] IS NOT NULL AND del.[OptimalCapacity] IS NULL)) OR (i.[StartDate] <> del.[StartDate] OR (i.[StartDate] IS NULL AND del.[StartDate] IS NOT NULL) OR (i.[StartDate] IS NOT NULL AND del.[StartDate] IS NULL)) OR (i.[WeeklyMileage] <> del.[WeeklyMileage] OR (i.[WeeklyMileage] IS NULL AND del.[WeeklyMileage] IS NOT NULL) OR (i.[WeeklyMileage] IS NOT NULL AND del.[WeeklyMileage] IS NULL)))
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
        FROM [sample].[BusRoute] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
    BEGIN
        INSERT INTO [tracked_changes_sample].[BusRoute] (
            [OldBus_BusId],
            [OldBusRouteNumber],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[Bus_BusId],
            del.[BusRouteNumber],
            doc.[DocumentUuid],
            doc.[ContentVersion]
        FROM deleted del
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = del.[DocumentId];
    END
    IF EXISTS (SELECT 1 FROM deleted) AND EXISTS (SELECT 1 FROM inserted)
    BEGIN
        DECLARE @identityChangedDocs TABLE ([DocumentId] bigint NOT NULL PRIMARY KEY, [ContentVersion] bigint NOT NULL);
        UPDATE d
        SET d.[IdentityVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[IdentityLastModifiedAt] = sysutcdatetime()
        OUTPUT inserted.[DocumentId], inserted.[ContentVersion] INTO @identityChangedDocs
        FROM [dms].[Document] d
        INNER JOIN inserted i ON d.[DocumentId] = i.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE (CAST(i.[Bus_BusId] AS varbinary(max)) <> CAST(del.[Bus_BusId] AS varbinary(max)) OR (i.[Bus_BusId] IS NULL AND del.[Bus_BusId] IS NOT NULL) OR (i.[Bus_BusId] IS NOT NULL AND del.[Bus_BusId] IS NULL)) OR (i.[BusRouteNumber] <> del.[BusRouteNumber] OR (i.[BusRouteNumber] IS NULL AND del.[BusRouteNumber] IS NOT NULL) OR (i.[BusRouteNumber] IS NOT NULL AND del.[BusRouteNumber] IS NULL));
        INSERT INTO [tracked_changes_sample].[BusRoute] (
            [OldBus_BusId],
            [OldBusRouteNumber],
            [NewBus_BusId],
            [NewBusRouteNumber],
            [Id],
            [ChangeVersion]
        )
        SELECT
            del.[Bus_BusId],
            del.[BusRouteNumber],
            i.[Bus_BusId],
            i.[BusRouteNumber],
            doc.[DocumentUuid],
            idc.[ContentVersion]
        FROM @identityChangedDocs idc
        INNER JOIN inserted i ON i.[DocumentId] = idc.[DocumentId]
        INNER JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        INNER JOIN [dms].[Document] doc ON doc.[DocumentId] = i.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_BusRouteBusYear_Stamp]
ON [sample].[BusRouteBusYear]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[BusRoute_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[BusYear] <> del.[BusYear] OR (i.[BusYear] IS NULL AND del.[BusYear] IS NOT NULL) OR (i.[BusYear] IS NOT NULL AND del.[BusYear] IS NULL))
        UNION
        SELECT del.[BusRoute_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[BusYear] <> del.[BusYear] OR (i.[BusYear] IS NULL AND del.[BusYear] IS NOT NULL) OR (i.[BusYear] IS NOT NULL AND del.[BusYear] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[BusRoute_DocumentId]
    INNER JOIN [sample].[BusRoute] stampTarget ON stampTarget.[DocumentId] = a.[BusRoute_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [sample].[BusRoute] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_BusRouteProgram_Stamp]
ON [sample].[BusRouteProgram]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[BusRoute_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Program_DocumentId] <> del.[Program_DocumentId] OR (i.[Program_DocumentId] IS NULL AND del.[Program_DocumentId] IS NOT NULL) OR (i.[Program_DocumentId] IS NOT NULL AND del.[Program_DocumentId] IS NULL)) OR (i.[Program_EducationOrganizationId] <> del.[Program_EducationOrganizationId] OR (i.[Program_EducationOrganizationId] IS NULL AND del.[Program_EducationOrganizationId] IS NOT NULL) OR (i.[Program_EducationOrganizationId] IS NOT NULL AND del.[Program_EducationOrganizationId] IS NULL)) OR (CAST(i.[Program_ProgramName] AS varbinary(max)) <> CAST(del.[Program_ProgramName] AS varbinary(max)) OR (i.[Program_ProgramName] IS NULL AND del.[Program_ProgramName] IS NOT NULL) OR (i.[Program_ProgramName] IS NOT NULL AND del.[Program_ProgramName] IS NULL)) OR (i.[Program_ProgramTypeDescriptor_DescriptorId] <> del.[Program_ProgramTypeDescriptor_DescriptorId] OR (i.[Program_ProgramTypeDescriptor_DescriptorId] IS NULL AND del.[Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL AND del.[Program_ProgramTypeDescriptor_DescriptorId] IS NULL))
        UNION
        SELECT del.[BusRoute_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Program_DocumentId] <> del.[Program_DocumentId] OR (i.[Program_DocumentId] IS NULL AND del.[Program_DocumentId] IS NOT NULL) OR (i.[Program_DocumentId] IS NOT NULL AND del.[Program_DocumentId] IS NULL)) OR (i.[Program_EducationOrganizationId] <> del.[Program_EducationOrganizationId] OR (i.[Program_EducationOrganizationId] IS NULL AND del.[Program_EducationOrganizationId] IS NOT NULL) OR (i.[Program_EducationOrganizationId] IS NOT NULL AND del.[Program_EducationOrganizationId] IS NULL)) OR (CAST(i.[Program_ProgramName] AS varbinary(max)) <> CAST(del.[Program_ProgramName] AS varbinary(max)) OR (i.[Program_ProgramName] IS NULL AND del.[Program_ProgramName] IS NOT NULL) OR (i.[Program_ProgramName] IS NOT NULL AND del.[Program_ProgramName] IS NULL)) OR (i.[Program_ProgramTypeDescriptor_DescriptorId] <> del.[Program_ProgramTypeDescriptor_DescriptorId] OR (i.[Program_ProgramTypeDescriptor_DescriptorId] IS NULL AND del.[Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[Program_ProgramTypeDescriptor_DescriptorId] IS NOT NULL AND del.[Program_ProgramTypeDescriptor_DescriptorId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[BusRoute_DocumentId]
    INNER JOIN [sample].[BusRoute] stampTarget ON stampTarget.[DocumentId] = a.[BusRoute_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [sample].[BusRoute] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_BusRouteServiceAreaPostalCode_Stamp]
ON [sample].[BusRouteServiceAreaPostalCode]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[BusRoute_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (CAST(i.[ServiceAreaPostalCode] AS varbinary(max)) <> CAST(del.[ServiceAreaPostalCode] AS varbinary(max)) OR (i.[ServiceAreaPostalCode] IS NULL AND del.[ServiceAreaPostalCode] IS NOT NULL) OR (i.[ServiceAreaPostalCode] IS NOT NULL AND del.[ServiceAreaPostalCode] IS NULL))
        UNION
        SELECT del.[BusRoute_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (CAST(i.[ServiceAreaPostalCode] AS varbinary(max)) <> CAST(del.[ServiceAreaPostalCode] AS varbinary(max)) OR (i.[ServiceAreaPostalCode] IS NULL AND del.[ServiceAreaPostalCode] IS NOT NULL) OR (i.[ServiceAreaPostalCode] IS NOT NULL AND del.[ServiceAreaPostalCode] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[BusRoute_DocumentId]
    INNER JOIN [sample].[BusRoute] stampTarget ON stampTarget.[DocumentId] = a.[BusRoute_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [sample].[BusRoute] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_BusRouteStartTime_Stamp]
ON [sample].[BusRouteStartTime]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[BusRoute_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[StartTime] <> del.[StartTime] OR (i.[StartTime] IS NULL AND del.[StartTime] IS NOT NULL) OR (i.[StartTime] IS NOT NULL AND del.[StartTime] IS NULL))
        UNION
        SELECT del.[BusRoute_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[StartTime] <> del.[StartTime] OR (i.[StartTime] IS NULL AND del.[StartTime] IS NOT NULL) OR (i.[StartTime] IS NOT NULL AND del.[StartTime] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[BusRoute_DocumentId]
    INNER JOIN [sample].[BusRoute] stampTarget ON stampTarget.[DocumentId] = a.[BusRoute_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [sample].[BusRoute] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_BusRouteTelephone_Stamp]
ON [sample].[BusRouteTelephone]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[BusRoute_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] <> del.[TelephoneNumberTypeDescriptor_DescriptorId] OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] IS NULL AND del.[TelephoneNumberTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] IS NOT NULL AND del.[TelephoneNumberTypeDescriptor_DescriptorId] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (i.[OrderOfPriority] <> del.[OrderOfPriority] OR (i.[OrderOfPriority] IS NULL AND del.[OrderOfPriority] IS NOT NULL) OR (i.[OrderOfPriority] IS NOT NULL AND del.[OrderOfPriority] IS NULL)) OR (CAST(i.[TelephoneNumber] AS varbinary(max)) <> CAST(del.[TelephoneNumber] AS varbinary(max)) OR (i.[TelephoneNumber] IS NULL AND del.[TelephoneNumber] IS NOT NULL) OR (i.[TelephoneNumber] IS NOT NULL AND del.[TelephoneNumber] IS NULL)) OR (i.[TextMessageCapabilityIndicator] <> del.[TextMessageCapabilityIndicator] OR (i.[TextMessageCapabilityIndicator] IS NULL AND del.[TextMessageCapabilityIndicator] IS NOT NULL) OR (i.[TextMessageCapabilityIndicator] IS NOT NULL AND del.[TextMessageCapabilityIndicator] IS NULL))
        UNION
        SELECT del.[BusRoute_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[BusRoute_DocumentId] <> del.[BusRoute_DocumentId] OR (i.[BusRoute_DocumentId] IS NULL AND del.[BusRoute_DocumentId] IS NOT NULL) OR (i.[BusRoute_DocumentId] IS NOT NULL AND del.[BusRoute_DocumentId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] <> del.[TelephoneNumberTypeDescriptor_DescriptorId] OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] IS NULL AND del.[TelephoneNumberTypeDescriptor_DescriptorId] IS NOT NULL) OR (i.[TelephoneNumberTypeDescriptor_DescriptorId] IS NOT NULL AND del.[TelephoneNumberTypeDescriptor_DescriptorId] IS NULL)) OR (i.[DoNotPublishIndicator] <> del.[DoNotPublishIndicator] OR (i.[DoNotPublishIndicator] IS NULL AND del.[DoNotPublishIndicator] IS NOT NULL) OR (i.[DoNotPublishIndicator] IS NOT NULL AND del.[DoNotPublishIndicator] IS NULL)) OR (i.[OrderOfPriority] <> del.[OrderOfPriority] OR (i.[OrderOfPriority] IS NULL AND del.[OrderOfPriority] IS NOT NULL) OR (i.[OrderOfPriority] IS NOT NULL AND del.[OrderOfPriority] IS NULL)) OR (CAST(i.[TelephoneNumber] AS varbinary(max)) <> CAST(del.[TelephoneNumber] AS varbinary(max)) OR (i.[TelephoneNumber] IS NULL AND del.[TelephoneNumber] IS NOT NULL) OR (i.[TelephoneNumber] IS NOT NULL AND del.[TelephoneNumber] IS NULL)) OR (i.[TextMessageCapabilityIndicator] <> del.[TextMessageCapabilityIndicator] OR (i.[TextMessageCapabilityIndicator] IS NULL AND del.[TextMessageCapabilityIndicator] IS NOT NULL) OR (i.[TextMessageCapabilityIndicator] IS NOT NULL AND del.[TextMessageCapabilityIndicator] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[BusRoute_DocumentId]
    INNER JOIN [sample].[BusRoute] stampTarget ON stampTarget.[DocumentId] = a.[BusRoute_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [sample].[BusRoute] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_SchoolExtension_Stamp]
ON [sample].[SchoolExtension]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE del.[DocumentId] IS NULL OR (i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[IsExemplary] <> del.[IsExemplary] OR (i.[IsExemplary] IS NULL AND del.[IsExemplary] IS NOT NULL) OR (i.[IsExemplary] IS NOT NULL AND del.[IsExemplary] IS NULL))
        UNION
        SELECT del.[DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[DocumentId] = del.[DocumentId]
        WHERE i.[DocumentId] IS NULL OR (i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[IsExemplary] <> del.[IsExemplary] OR (i.[IsExemplary] IS NULL AND del.[IsExemplary] IS NOT NULL) OR (i.[IsExemplary] IS NOT NULL AND del.[IsExemplary] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[DocumentId]
    INNER JOIN [edfi].[School] stampTarget ON stampTarget.[DocumentId] = a.[DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[School] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_SchoolExtensionDirectlyOwnedBus_Stamp]
ON [sample].[SchoolExtensionDirectlyOwnedBus]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[School_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[DirectlyOwnedBus_DocumentId] <> del.[DirectlyOwnedBus_DocumentId] OR (i.[DirectlyOwnedBus_DocumentId] IS NULL AND del.[DirectlyOwnedBus_DocumentId] IS NOT NULL) OR (i.[DirectlyOwnedBus_DocumentId] IS NOT NULL AND del.[DirectlyOwnedBus_DocumentId] IS NULL)) OR (CAST(i.[DirectlyOwnedBus_BusId] AS varbinary(max)) <> CAST(del.[DirectlyOwnedBus_BusId] AS varbinary(max)) OR (i.[DirectlyOwnedBus_BusId] IS NULL AND del.[DirectlyOwnedBus_BusId] IS NOT NULL) OR (i.[DirectlyOwnedBus_BusId] IS NOT NULL AND del.[DirectlyOwnedBus_BusId] IS NULL))
        UNION
        SELECT del.[School_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[School_DocumentId] <> del.[School_DocumentId] OR (i.[School_DocumentId] IS NULL AND del.[School_DocumentId] IS NOT NULL) OR (i.[School_DocumentId] IS NOT NULL AND del.[School_DocumentId] IS NULL)) OR (i.[DirectlyOwnedBus_DocumentId] <> del.[DirectlyOwnedBus_DocumentId] OR (i.[DirectlyOwnedBus_DocumentId] IS NULL AND del.[DirectlyOwnedBus_DocumentId] IS NOT NULL) OR (i.[DirectlyOwnedBus_DocumentId] IS NOT NULL AND del.[DirectlyOwnedBus_DocumentId] IS NULL)) OR (CAST(i.[DirectlyOwnedBus_BusId] AS varbinary(max)) <> CAST(del.[DirectlyOwnedBus_BusId] AS varbinary(max)) OR (i.[DirectlyOwnedBus_BusId] IS NULL AND del.[DirectlyOwnedBus_BusId] IS NOT NULL) OR (i.[DirectlyOwnedBus_BusId] IS NOT NULL AND del.[DirectlyOwnedBus_BusId] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[School_DocumentId]
    INNER JOIN [edfi].[School] stampTarget ON stampTarget.[DocumentId] = a.[School_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[School] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_StudentExtension_Stamp]
ON [sample].[StudentExtension]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[DocumentId] = i.[DocumentId]
        WHERE del.[DocumentId] IS NULL OR (i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[PetPreferenceMaximumWeight] <> del.[PetPreferenceMaximumWeight] OR (i.[PetPreferenceMaximumWeight] IS NULL AND del.[PetPreferenceMaximumWeight] IS NOT NULL) OR (i.[PetPreferenceMaximumWeight] IS NOT NULL AND del.[PetPreferenceMaximumWeight] IS NULL)) OR (i.[PetPreferenceMinimumWeight] <> del.[PetPreferenceMinimumWeight] OR (i.[PetPreferenceMinimumWeight] IS NULL AND del.[PetPreferenceMinimumWeight] IS NOT NULL) OR (i.[PetPreferenceMinimumWeight] IS NOT NULL AND del.[PetPreferenceMinimumWeight] IS NULL))
        UNION
        SELECT del.[DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[DocumentId] = del.[DocumentId]
        WHERE i.[DocumentId] IS NULL OR (i.[DocumentId] <> del.[DocumentId] OR (i.[DocumentId] IS NULL AND del.[DocumentId] IS NOT NULL) OR (i.[DocumentId] IS NOT NULL AND del.[DocumentId] IS NULL)) OR (i.[PetPreferenceMaximumWeight] <> del.[PetPreferenceMaximumWeight] OR (i.[PetPreferenceMaximumWeight] IS NULL AND del.[PetPreferenceMaximumWeight] IS NOT NULL) OR (i.[PetPreferenceMaximumWeight] IS NOT NULL AND del.[PetPreferenceMaximumWeight] IS NULL)) OR (i.[PetPreferenceMinimumWeight] <> del.[PetPreferenceMinimumWeight] OR (i.[PetPreferenceMinimumWeight] IS NULL AND del.[PetPreferenceMinimumWeight] IS NOT NULL) OR (i.[PetPreferenceMinimumWeight] IS NOT NULL AND del.[PetPreferenceMinimumWeight] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[DocumentId]
    INNER JOIN [edfi].[Student] stampTarget ON stampTarget.[DocumentId] = a.[DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Student] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_StudentExtensionAquaticPet_Stamp]
ON [sample].[StudentExtensionAquaticPet]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Student_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (i.[IsFixed] <> del.[IsFixed] OR (i.[IsFixed] IS NULL AND del.[IsFixed] IS NOT NULL) OR (i.[IsFixed] IS NOT NULL AND del.[IsFixed] IS NULL)) OR (i.[MimimumTankVolume] <> del.[MimimumTankVolume] OR (i.[MimimumTankVolume] IS NULL AND del.[MimimumTankVolume] IS NOT NULL) OR (i.[MimimumTankVolume] IS NOT NULL AND del.[MimimumTankVolume] IS NULL)) OR (CAST(i.[PetName] AS varbinary(max)) <> CAST(del.[PetName] AS varbinary(max)) OR (i.[PetName] IS NULL AND del.[PetName] IS NOT NULL) OR (i.[PetName] IS NOT NULL AND del.[PetName] IS NULL))
        UNION
        SELECT del.[Student_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (i.[IsFixed] <> del.[IsFixed] OR (i.[IsFixed] IS NULL AND del.[IsFixed] IS NOT NULL) OR (i.[IsFixed] IS NOT NULL AND del.[IsFixed] IS NULL)) OR (i.[MimimumTankVolume] <> del.[MimimumTankVolume] OR (i.[MimimumTankVolume] IS NULL AND del.[MimimumTankVolume] IS NOT NULL) OR (i.[MimimumTankVolume] IS NOT NULL AND del.[MimimumTankVolume] IS NULL)) OR (CAST(i.[PetName] AS varbinary(max)) <> CAST(del.[PetName] AS varbinary(max)) OR (i.[PetName] IS NULL AND del.[PetName] IS NOT NULL) OR (i.[PetName] IS NOT NULL AND del.[PetName] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Student_DocumentId]
    INNER JOIN [edfi].[Student] stampTarget ON stampTarget.[DocumentId] = a.[Student_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Student] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_StudentExtensionFavoriteBook_Stamp]
ON [sample].[StudentExtensionFavoriteBook]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Student_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (i.[FavoriteBookCategoryDescriptor_DescriptorId] <> del.[FavoriteBookCategoryDescriptor_DescriptorId] OR (i.[FavoriteBookCategoryDescriptor_DescriptorId] IS NULL AND del.[FavoriteBookCategoryDescriptor_DescriptorId] IS NOT NULL) OR (i.[FavoriteBookCategoryDescriptor_DescriptorId] IS NOT NULL AND del.[FavoriteBookCategoryDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[BookTitle] AS varbinary(max)) <> CAST(del.[BookTitle] AS varbinary(max)) OR (i.[BookTitle] IS NULL AND del.[BookTitle] IS NOT NULL) OR (i.[BookTitle] IS NOT NULL AND del.[BookTitle] IS NULL))
        UNION
        SELECT del.[Student_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (i.[FavoriteBookCategoryDescriptor_DescriptorId] <> del.[FavoriteBookCategoryDescriptor_DescriptorId] OR (i.[FavoriteBookCategoryDescriptor_DescriptorId] IS NULL AND del.[FavoriteBookCategoryDescriptor_DescriptorId] IS NOT NULL) OR (i.[FavoriteBookCategoryDescriptor_DescriptorId] IS NOT NULL AND del.[FavoriteBookCategoryDescriptor_DescriptorId] IS NULL)) OR (CAST(i.[BookTitle] AS varbinary(max)) <> CAST(del.[BookTitle] AS varbinary(max)) OR (i.[BookTitle] IS NULL AND del.[BookTitle] IS NOT NULL) OR (i.[BookTitle] IS NOT NULL AND del.[BookTitle] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Student_DocumentId]
    INNER JOIN [edfi].[Student] stampTarget ON stampTarget.[DocumentId] = a.[Student_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Student] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_StudentExtensionFavoriteBookArtMedia_Stamp]
ON [sample].[StudentExtensionFavoriteBookArtMedia]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Student_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[ParentCollectionItemId] <> del.[ParentCollectionItemId] OR (i.[ParentCollectionItemId] IS NULL AND del.[ParentCollectionItemId] IS NOT NULL) OR (i.[ParentCollectionItemId] IS NOT NULL AND del.[ParentCollectionItemId] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (i.[ArtMediumDescriptor_DescriptorId] <> del.[ArtMediumDescriptor_DescriptorId] OR (i.[ArtMediumDescriptor_DescriptorId] IS NULL AND del.[ArtMediumDescriptor_DescriptorId] IS NOT NULL) OR (i.[ArtMediumDescriptor_DescriptorId] IS NOT NULL AND del.[ArtMediumDescriptor_DescriptorId] IS NULL)) OR (i.[ArtPieces] <> del.[ArtPieces] OR (i.[ArtPieces] IS NULL AND del.[ArtPieces] IS NOT NULL) OR (i.[ArtPieces] IS NOT NULL AND del.[ArtPieces] IS NULL))
        UNION
        SELECT del.[Student_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[ParentCollectionItemId] <> del.[ParentCollectionItemId] OR (i.[ParentCollectionItemId] IS NULL AND del.[ParentCollectionItemId] IS NOT NULL) OR (i.[ParentCollectionItemId] IS NOT NULL AND del.[ParentCollectionItemId] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (i.[ArtMediumDescriptor_DescriptorId] <> del.[ArtMediumDescriptor_DescriptorId] OR (i.[ArtMediumDescriptor_DescriptorId] IS NULL AND del.[ArtMediumDescriptor_DescriptorId] IS NOT NULL) OR (i.[ArtMediumDescriptor_DescriptorId] IS NOT NULL AND del.[ArtMediumDescriptor_DescriptorId] IS NULL)) OR (i.[ArtPieces] <> del.[ArtPieces] OR (i.[ArtPieces] IS NULL AND del.[ArtPieces] IS NOT NULL) OR (i.[ArtPieces] IS NOT NULL AND del.[ArtPieces] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Student_DocumentId]
    INNER JOIN [edfi].[Student] stampTarget ON stampTarget.[DocumentId] = a.[Student_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Student] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

CREATE OR ALTER TRIGGER [sample].[TR_StudentExtensionPet_Stamp]
ON [sample].[StudentExtensionPet]
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @stamped TABLE (
        [DocumentId] bigint NOT NULL PRIMARY KEY,
        [ContentVersion] bigint NOT NULL,
        [ContentLastModifiedAt] datetime2(7) NOT NULL
    );
    ;WITH affectedDocs AS (
        SELECT i.[Student_DocumentId]
        FROM inserted i
        LEFT JOIN deleted del ON del.[CollectionItemId] = i.[CollectionItemId]
        WHERE del.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (i.[IsFixed] <> del.[IsFixed] OR (i.[IsFixed] IS NULL AND del.[IsFixed] IS NOT NULL) OR (i.[IsFixed] IS NOT NULL AND del.[IsFixed] IS NULL)) OR (CAST(i.[PetName] AS varbinary(max)) <> CAST(del.[PetName] AS varbinary(max)) OR (i.[PetName] IS NULL AND del.[PetName] IS NOT NULL) OR (i.[PetName] IS NOT NULL AND del.[PetName] IS NULL))
        UNION
        SELECT del.[Student_DocumentId]
        FROM deleted del
        LEFT JOIN inserted i ON i.[CollectionItemId] = del.[CollectionItemId]
        WHERE i.[CollectionItemId] IS NULL OR (i.[CollectionItemId] <> del.[CollectionItemId] OR (i.[CollectionItemId] IS NULL AND del.[CollectionItemId] IS NOT NULL) OR (i.[CollectionItemId] IS NOT NULL AND del.[CollectionItemId] IS NULL)) OR (i.[Ordinal] <> del.[Ordinal] OR (i.[Ordinal] IS NULL AND del.[Ordinal] IS NOT NULL) OR (i.[Ordinal] IS NOT NULL AND del.[Ordinal] IS NULL)) OR (i.[Student_DocumentId] <> del.[Student_DocumentId] OR (i.[Student_DocumentId] IS NULL AND del.[Student_DocumentId] IS NOT NULL) OR (i.[Student_DocumentId] IS NOT NULL AND del.[Student_DocumentId] IS NULL)) OR (i.[IsFixed] <> del.[IsFixed] OR (i.[IsFixed] IS NULL AND del.[IsFixed] IS NOT NULL) OR (i.[IsFixed] IS NOT NULL AND del.[IsFixed] IS NULL)) OR (CAST(i.[PetName] AS varbinary(max)) <> CAST(del.[PetName] AS varbinary(max)) OR (i.[PetName] IS NULL AND del.[PetName] IS NOT NULL) OR (i.[PetName] IS NOT NULL AND del.[PetName] IS NULL))
    )
    UPDATE d
    SET d.[ContentVersion] = NEXT VALUE FOR [dms].[ChangeVersionSequence], d.[ContentLastModifiedAt] = sysutcdatetime()
    OUTPUT inserted.[DocumentId], inserted.[ContentVersion], inserted.[ContentLastModifiedAt] INTO @stamped
    FROM [dms].[Document] d
    INNER JOIN affectedDocs a ON d.[DocumentId] = a.[Student_DocumentId]
    INNER JOIN [edfi].[Student] stampTarget ON stampTarget.[DocumentId] = a.[Student_DocumentId];
    IF EXISTS (SELECT 1 FROM @stamped)
    BEGIN
        UPDATE r
        SET r.[ContentVersion] = s.[ContentVersion],
            r.[ContentLastModifiedAt] = s.[ContentLastModifiedAt]
        FROM [edfi].[Student] r WITH (FORCESEEK)
        INNER JOIN @stamped s ON s.[DocumentId] = r.[DocumentId];
    END
END;
GO

-- ==========================================================
-- Phase 10: Seed Data (insert-if-missing + validation)
-- ==========================================================

-- ResourceKey seed inserts (insert-if-missing)
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 1)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (1, N'Ed-Fi', N'AcademicSubjectDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 2)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (2, N'Ed-Fi', N'AddressTypeDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 3)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (3, N'Ed-Fi', N'ClassPeriod', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 4)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (4, N'Ed-Fi', N'Course', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 5)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (5, N'Ed-Fi', N'CourseIdentificationSystemDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 6)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (6, N'Ed-Fi', N'CourseOffering', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 7)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (7, N'Ed-Fi', N'EducationOrganization', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 8)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (8, N'Ed-Fi', N'EducationOrganizationCategoryDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 9)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (9, N'Ed-Fi', N'GradeLevelDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 10)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (10, N'Ed-Fi', N'LocalEducationAgency', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 11)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (11, N'Ed-Fi', N'LocalEducationAgencyCategoryDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 12)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (12, N'Ed-Fi', N'Program', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 13)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (13, N'Ed-Fi', N'ProgramTypeDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 14)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (14, N'Ed-Fi', N'School', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 15)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (15, N'Ed-Fi', N'SchoolYearType', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 16)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (16, N'Ed-Fi', N'Section', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 17)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (17, N'Ed-Fi', N'Session', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 18)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (18, N'Ed-Fi', N'SexDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 19)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (19, N'Ed-Fi', N'Staff', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 20)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (20, N'Ed-Fi', N'StateAbbreviationDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 21)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (21, N'Ed-Fi', N'Student', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 22)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (22, N'Ed-Fi', N'StudentSchoolAssociation', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 23)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (23, N'Ed-Fi', N'StudentSectionAssociation', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 24)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (24, N'Ed-Fi', N'TelephoneNumberTypeDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 25)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (25, N'Ed-Fi', N'TermDescriptor', N'5.2.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 26)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (26, N'Sample', N'ArtMediumDescriptor', N'1.0.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 27)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (27, N'Sample', N'Bus', N'1.0.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 28)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (28, N'Sample', N'BusRoute', N'1.0.0');
IF NOT EXISTS (SELECT 1 FROM [dms].[ResourceKey] WHERE [ResourceKeyId] = 29)
    INSERT INTO [dms].[ResourceKey] ([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    VALUES (29, N'Sample', N'FavoriteBookCategoryDescriptor', N'1.0.0');

-- ResourceKey full-table validation (count + content)
DECLARE @actual_count integer;
DECLARE @mismatched_count integer;
DECLARE @rk_mismatched_ids nvarchar(max);

SELECT @actual_count = COUNT(*) FROM [dms].[ResourceKey];
IF @actual_count <> 29
BEGIN
    DECLARE @rk_count_msg nvarchar(200) = CONCAT(N'dms.ResourceKey count mismatch: expected 29, found ', CAST(@actual_count AS nvarchar(10)));
    THROW 50000, @rk_count_msg, 1;
END

SELECT @mismatched_count = COUNT(*)
FROM [dms].[ResourceKey] rk
WHERE NOT EXISTS (
    SELECT 1 FROM (VALUES
        (1, N'Ed-Fi', N'AcademicSubjectDescriptor', N'5.2.0'),
        (2, N'Ed-Fi', N'AddressTypeDescriptor', N'5.2.0'),
        (3, N'Ed-Fi', N'ClassPeriod', N'5.2.0'),
        (4, N'Ed-Fi', N'Course', N'5.2.0'),
        (5, N'Ed-Fi', N'CourseIdentificationSystemDescriptor', N'5.2.0'),
        (6, N'Ed-Fi', N'CourseOffering', N'5.2.0'),
        (7, N'Ed-Fi', N'EducationOrganization', N'5.2.0'),
        (8, N'Ed-Fi', N'EducationOrganizationCategoryDescriptor', N'5.2.0'),
        (9, N'Ed-Fi', N'GradeLevelDescriptor', N'5.2.0'),
        (10, N'Ed-Fi', N'LocalEducationAgency', N'5.2.0'),
        (11, N'Ed-Fi', N'LocalEducationAgencyCategoryDescriptor', N'5.2.0'),
        (12, N'Ed-Fi', N'Program', N'5.2.0'),
        (13, N'Ed-Fi', N'ProgramTypeDescriptor', N'5.2.0'),
        (14, N'Ed-Fi', N'School', N'5.2.0'),
        (15, N'Ed-Fi', N'SchoolYearType', N'5.2.0'),
        (16, N'Ed-Fi', N'Section', N'5.2.0'),
        (17, N'Ed-Fi', N'Session', N'5.2.0'),
        (18, N'Ed-Fi', N'SexDescriptor', N'5.2.0'),
        (19, N'Ed-Fi', N'Staff', N'5.2.0'),
        (20, N'Ed-Fi', N'StateAbbreviationDescriptor', N'5.2.0'),
        (21, N'Ed-Fi', N'Student', N'5.2.0'),
        (22, N'Ed-Fi', N'StudentSchoolAssociation', N'5.2.0'),
        (23, N'Ed-Fi', N'StudentSectionAssociation', N'5.2.0'),
        (24, N'Ed-Fi', N'TelephoneNumberTypeDescriptor', N'5.2.0'),
        (25, N'Ed-Fi', N'TermDescriptor', N'5.2.0'),
        (26, N'Sample', N'ArtMediumDescriptor', N'1.0.0'),
        (27, N'Sample', N'Bus', N'1.0.0'),
        (28, N'Sample', N'BusRoute', N'1.0.0'),
        (29, N'Sample', N'FavoriteBookCategoryDescriptor', N'1.0.0')
    ) AS expected([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
    WHERE expected.[ResourceKeyId] = rk.[ResourceKeyId]
    AND expected.[ProjectName] = rk.[ProjectName]
    AND expected.[ResourceName] = rk.[ResourceName]
    AND expected.[ResourceVersion] = rk.[ResourceVersion]
);
IF @mismatched_count > 0
BEGIN
    SELECT @rk_mismatched_ids = STRING_AGG(sub.[ResourceKeyId], N', ') WITHIN GROUP (ORDER BY sub.[ResourceKeyIdNum])
    FROM (
        SELECT TOP 10 CAST(rk.[ResourceKeyId] AS nvarchar(10)) AS [ResourceKeyId], rk.[ResourceKeyId] AS [ResourceKeyIdNum]
        FROM [dms].[ResourceKey] rk
        WHERE NOT EXISTS (
            SELECT 1 FROM (VALUES
                (1, N'Ed-Fi', N'AcademicSubjectDescriptor', N'5.2.0'),
                (2, N'Ed-Fi', N'AddressTypeDescriptor', N'5.2.0'),
                (3, N'Ed-Fi', N'ClassPeriod', N'5.2.0'),
                (4, N'Ed-Fi', N'Course', N'5.2.0'),
                (5, N'Ed-Fi', N'CourseIdentificationSystemDescriptor', N'5.2.0'),
                (6, N'Ed-Fi', N'CourseOffering', N'5.2.0'),
                (7, N'Ed-Fi', N'EducationOrganization', N'5.2.0'),
                (8, N'Ed-Fi', N'EducationOrganizationCategoryDescriptor', N'5.2.0'),
                (9, N'Ed-Fi', N'GradeLevelDescriptor', N'5.2.0'),
                (10, N'Ed-Fi', N'LocalEducationAgency', N'5.2.0'),
                (11, N'Ed-Fi', N'LocalEducationAgencyCategoryDescriptor', N'5.2.0'),
                (12, N'Ed-Fi', N'Program', N'5.2.0'),
                (13, N'Ed-Fi', N'ProgramTypeDescriptor', N'5.2.0'),
                (14, N'Ed-Fi', N'School', N'5.2.0'),
                (15, N'Ed-Fi', N'SchoolYearType', N'5.2.0'),
                (16, N'Ed-Fi', N'Section', N'5.2.0'),
                (17, N'Ed-Fi', N'Session', N'5.2.0'),
                (18, N'Ed-Fi', N'SexDescriptor', N'5.2.0'),
                (19, N'Ed-Fi', N'Staff', N'5.2.0'),
                (20, N'Ed-Fi', N'StateAbbreviationDescriptor', N'5.2.0'),
                (21, N'Ed-Fi', N'Student', N'5.2.0'),
                (22, N'Ed-Fi', N'StudentSchoolAssociation', N'5.2.0'),
                (23, N'Ed-Fi', N'StudentSectionAssociation', N'5.2.0'),
                (24, N'Ed-Fi', N'TelephoneNumberTypeDescriptor', N'5.2.0'),
                (25, N'Ed-Fi', N'TermDescriptor', N'5.2.0'),
                (26, N'Sample', N'ArtMediumDescriptor', N'1.0.0'),
                (27, N'Sample', N'Bus', N'1.0.0'),
                (28, N'Sample', N'BusRoute', N'1.0.0'),
                (29, N'Sample', N'FavoriteBookCategoryDescriptor', N'1.0.0')
            ) AS expected([ResourceKeyId], [ProjectName], [ResourceName], [ResourceVersion])
            WHERE expected.[ResourceKeyId] = rk.[ResourceKeyId]
            AND expected.[ProjectName] = rk.[ProjectName]
            AND expected.[ResourceName] = rk.[ResourceName]
            AND expected.[ResourceVersion] = rk.[ResourceVersion]
        )
        ORDER BY rk.[ResourceKeyId]
    ) sub;
    DECLARE @rk_content_msg nvarchar(500) = CONCAT(N'dms.ResourceKey contents mismatch: ', CAST(@mismatched_count AS nvarchar(10)), N' unexpected or modified rows (ResourceKeyIds: ', @rk_mismatched_ids, N'). Run ddl provision for detailed row-level diff.');
    THROW 50000, @rk_content_msg, 1;
END

-- EffectiveSchema singleton insert-if-missing
IF NOT EXISTS (SELECT 1 FROM [dms].[EffectiveSchema] WHERE [EffectiveSchemaSingletonId] = 1)
    INSERT INTO [dms].[EffectiveSchema] ([EffectiveSchemaSingletonId], [ApiSchemaFormatVersion], [EffectiveSchemaHash], [ResourceKeyCount], [ResourceKeySeedHash])
    VALUES (1, N'1.0.0', N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6', 29, 0x0CCC03FF5C3E370C48ADD2D86DB9FD9456206E3FD681D9FF8888A1D672F8C4FC);

-- EffectiveSchema validation (ApiSchemaFormatVersion + ResourceKeyCount + ResourceKeySeedHash)
DECLARE @es_stored_api_schema_format_version nvarchar(255);
DECLARE @es_stored_count smallint;
DECLARE @es_stored_hash varbinary(32);

SELECT @es_stored_api_schema_format_version = [ApiSchemaFormatVersion], @es_stored_count = [ResourceKeyCount], @es_stored_hash = [ResourceKeySeedHash]
FROM [dms].[EffectiveSchema]
WHERE [EffectiveSchemaSingletonId] = 1;
IF @es_stored_count IS NOT NULL
BEGIN
    IF @es_stored_api_schema_format_version IS NULL OR LEN(LTRIM(RTRIM(@es_stored_api_schema_format_version))) = 0
    BEGIN
        THROW 50000, N'dms.EffectiveSchema.ApiSchemaFormatVersion must not be empty.', 1;
    END
    IF @es_stored_count <> 29
    BEGIN
        DECLARE @es_count_msg nvarchar(200) = CONCAT(N'dms.EffectiveSchema ResourceKeyCount mismatch: expected 29, found ', CAST(@es_stored_count AS nvarchar(10)));
        THROW 50000, @es_count_msg, 1;
    END
    IF @es_stored_hash <> 0x0CCC03FF5C3E370C48ADD2D86DB9FD9456206E3FD681D9FF8888A1D672F8C4FC
    BEGIN
        DECLARE @es_hash_msg nvarchar(200) = CONCAT(N'dms.EffectiveSchema ResourceKeySeedHash mismatch: stored ', CONVERT(nvarchar(66), @es_stored_hash, 1), N' but expected ', CONVERT(nvarchar(66), 0x0CCC03FF5C3E370C48ADD2D86DB9FD9456206E3FD681D9FF8888A1D672F8C4FC, 1));
        THROW 50000, @es_hash_msg, 1;
    END
END

-- SchemaComponent seed inserts (insert-if-missing)
IF NOT EXISTS (SELECT 1 FROM [dms].[SchemaComponent] WHERE [EffectiveSchemaHash] = N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6' AND [ProjectEndpointName] = N'ed-fi')
    INSERT INTO [dms].[SchemaComponent] ([EffectiveSchemaHash], [ProjectEndpointName], [ProjectName], [ProjectVersion], [IsExtensionProject])
    VALUES (N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6', N'ed-fi', N'Ed-Fi', N'5.2.0', 0);
IF NOT EXISTS (SELECT 1 FROM [dms].[SchemaComponent] WHERE [EffectiveSchemaHash] = N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6' AND [ProjectEndpointName] = N'sample')
    INSERT INTO [dms].[SchemaComponent] ([EffectiveSchemaHash], [ProjectEndpointName], [ProjectName], [ProjectVersion], [IsExtensionProject])
    VALUES (N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6', N'sample', N'Sample', N'1.0.0', 1);

-- SchemaComponent exact-match validation (count + content)
DECLARE @sc_actual_count integer;
DECLARE @sc_mismatched_count integer;
DECLARE @sc_mismatched_names nvarchar(max);

SELECT @sc_actual_count = COUNT(*) FROM [dms].[SchemaComponent] WHERE [EffectiveSchemaHash] = N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6';
IF @sc_actual_count <> 2
BEGIN
    DECLARE @sc_count_msg nvarchar(200) = CONCAT(N'dms.SchemaComponent count mismatch: expected 2, found ', CAST(@sc_actual_count AS nvarchar(10)));
    THROW 50000, @sc_count_msg, 1;
END

SELECT @sc_mismatched_count = COUNT(*)
FROM [dms].[SchemaComponent] sc
WHERE sc.[EffectiveSchemaHash] = N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6'
AND NOT EXISTS (
    SELECT 1 FROM (VALUES
        (N'ed-fi', N'Ed-Fi', N'5.2.0', 0),
        (N'sample', N'Sample', N'1.0.0', 1)
    ) AS expected([ProjectEndpointName], [ProjectName], [ProjectVersion], [IsExtensionProject])
    WHERE expected.[ProjectEndpointName] = sc.[ProjectEndpointName]
    AND expected.[ProjectName] = sc.[ProjectName]
    AND expected.[ProjectVersion] = sc.[ProjectVersion]
    AND expected.[IsExtensionProject] = sc.[IsExtensionProject]
);
IF @sc_mismatched_count > 0
BEGIN
    SELECT @sc_mismatched_names = STRING_AGG(sub.[ProjectEndpointName], N', ') WITHIN GROUP (ORDER BY sub.[ProjectEndpointName])
    FROM (
        SELECT TOP 10 sc.[ProjectEndpointName]
        FROM [dms].[SchemaComponent] sc
        WHERE sc.[EffectiveSchemaHash] = N'8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6'
        AND NOT EXISTS (
            SELECT 1 FROM (VALUES
                (N'ed-fi', N'Ed-Fi', N'5.2.0', 0),
                (N'sample', N'Sample', N'1.0.0', 1)
            ) AS expected([ProjectEndpointName], [ProjectName], [ProjectVersion], [IsExtensionProject])
            WHERE expected.[ProjectEndpointName] = sc.[ProjectEndpointName]
            AND expected.[ProjectName] = sc.[ProjectName]
            AND expected.[ProjectVersion] = sc.[ProjectVersion]
            AND expected.[IsExtensionProject] = sc.[IsExtensionProject]
        )
        ORDER BY sc.[ProjectEndpointName]
    ) sub;
    DECLARE @sc_content_msg nvarchar(500) = CONCAT(N'dms.SchemaComponent contents mismatch: ', CAST(@sc_mismatched_count AS nvarchar(10)), N' unexpected or modified rows (ProjectEndpointNames: ', @sc_mismatched_names, N'). Run ddl provision for detailed row-level diff.');
    THROW 50000, @sc_content_msg, 1;
END
