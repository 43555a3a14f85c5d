-- ==========================================================
-- Phase 0: Bounded Provisioning Guards
-- ==========================================================

-- Preflight: validate EffectiveSchema hash compatibility
DO $$
DECLARE
    _stored_hash text;
BEGIN
    IF to_regclass('"dms"."EffectiveSchema"') IS NOT NULL THEN
        SELECT "EffectiveSchemaHash" INTO _stored_hash FROM "dms"."EffectiveSchema"
        WHERE "EffectiveSchemaSingletonId" = 1;
        IF _stored_hash IS NOT NULL AND _stored_hash <> '8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6' THEN
            RAISE EXCEPTION 'EffectiveSchemaHash mismatch: database has ''%'' but expected ''%''', _stored_hash, '8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6';
        END IF;
    END IF;
END $$;

-- ==========================================================
-- Phase 1: Schemas
-- ==========================================================

CREATE SCHEMA IF NOT EXISTS "dms";

-- ==========================================================
-- Phase 2: Extensions
-- ==========================================================

CREATE EXTENSION IF NOT EXISTS "pgcrypto";

-- ==========================================================
-- Phase 3: Sequences
-- ==========================================================

CREATE SEQUENCE IF NOT EXISTS "dms"."ChangeVersionSequence" START WITH 1;

CREATE SEQUENCE IF NOT EXISTS "dms"."CollectionItemIdSequence" START WITH 1;

-- ==========================================================
-- Phase 4: Functions and Types
-- ==========================================================

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

-- ==========================================================
-- Phase 5: Tables (PK/UNIQUE/CHECK only, no cross-table FKs)
-- ==========================================================

CREATE TABLE IF NOT EXISTS "dms"."Descriptor"
(
    "DocumentId" bigint NOT NULL,
    "ResourceKeyId" smallint NOT NULL,
    "Namespace" varchar(255) NOT NULL,
    "CodeValue" varchar(50) NOT NULL,
    "ShortDescription" varchar(75) NOT NULL,
    "Description" varchar(1024) NULL,
    "EffectiveBeginDate" date NULL,
    "EffectiveEndDate" date NULL,
    "Discriminator" varchar(128) NOT NULL,
    "Uri" varchar(306) NOT NULL,
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_Descriptor" PRIMARY KEY ("DocumentId")
);

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'UX_Descriptor_Uri_Discriminator'
        AND conrelid = to_regclass('"dms"."Descriptor"')
    )
    THEN
        ALTER TABLE "dms"."Descriptor"
        ADD CONSTRAINT "UX_Descriptor_Uri_Discriminator" UNIQUE ("Uri", "Discriminator");
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS "dms"."Document"
(
    "DocumentId" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    "DocumentUuid" uuid NOT NULL,
    "ResourceKeyId" smallint NOT NULL,
    "CreatedByOwnershipTokenId" smallint NULL,
    "ContentVersion" bigint NOT NULL DEFAULT nextval('"dms"."ChangeVersionSequence"'),
    "IdentityVersion" bigint NOT NULL DEFAULT nextval('"dms"."ChangeVersionSequence"'),
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "IdentityLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_Document" PRIMARY KEY ("DocumentId")
);

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'UX_Document_DocumentUuid'
        AND conrelid = to_regclass('"dms"."Document"')
    )
    THEN
        ALTER TABLE "dms"."Document"
        ADD CONSTRAINT "UX_Document_DocumentUuid" UNIQUE ("DocumentUuid");
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS "dms"."EffectiveSchema"
(
    "EffectiveSchemaSingletonId" smallint NOT NULL,
    "ApiSchemaFormatVersion" varchar(64) NOT NULL,
    "EffectiveSchemaHash" varchar(64) NOT NULL,
    "ResourceKeyCount" smallint NOT NULL,
    "ResourceKeySeedHash" bytea NOT NULL,
    "AppliedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_EffectiveSchema" PRIMARY KEY ("EffectiveSchemaSingletonId")
);

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'CK_EffectiveSchema_Singleton'
        AND conrelid = to_regclass('"dms"."EffectiveSchema"')
    )
    THEN
        ALTER TABLE "dms"."EffectiveSchema"
        ADD CONSTRAINT "CK_EffectiveSchema_Singleton" CHECK ("EffectiveSchemaSingletonId" = 1);
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'CK_EffectiveSchema_ApiSchemaFormatVersion_NotBlank'
        AND conrelid = to_regclass('"dms"."EffectiveSchema"')
    )
    THEN
        ALTER TABLE "dms"."EffectiveSchema"
        ADD CONSTRAINT "CK_EffectiveSchema_ApiSchemaFormatVersion_NotBlank" CHECK (btrim("ApiSchemaFormatVersion") <> '');
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'CK_EffectiveSchema_ResourceKeySeedHash_Length'
        AND conrelid = to_regclass('"dms"."EffectiveSchema"')
    )
    THEN
        ALTER TABLE "dms"."EffectiveSchema"
        ADD CONSTRAINT "CK_EffectiveSchema_ResourceKeySeedHash_Length" CHECK (octet_length("ResourceKeySeedHash") = 32);
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'UX_EffectiveSchema_EffectiveSchemaHash'
        AND conrelid = to_regclass('"dms"."EffectiveSchema"')
    )
    THEN
        ALTER TABLE "dms"."EffectiveSchema"
        ADD CONSTRAINT "UX_EffectiveSchema_EffectiveSchemaHash" UNIQUE ("EffectiveSchemaHash");
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS "dms"."ReferentialIdentity"
(
    "ReferentialId" uuid NOT NULL,
    "DocumentId" bigint NOT NULL,
    "ResourceKeyId" smallint NOT NULL,
    CONSTRAINT "PK_ReferentialIdentity" PRIMARY KEY ("ReferentialId"),
    CONSTRAINT "UX_ReferentialIdentity_DocumentId_ResourceKeyId" UNIQUE ("DocumentId", "ResourceKeyId")
);

CREATE TABLE IF NOT EXISTS "dms"."ResourceKey"
(
    "ResourceKeyId" smallint NOT NULL,
    "ProjectName" varchar(256) NOT NULL,
    "ResourceName" varchar(256) NOT NULL,
    "ResourceVersion" varchar(32) NOT NULL,
    CONSTRAINT "PK_ResourceKey" PRIMARY KEY ("ResourceKeyId")
);

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'UX_ResourceKey_ProjectName_ResourceName'
        AND conrelid = to_regclass('"dms"."ResourceKey"')
    )
    THEN
        ALTER TABLE "dms"."ResourceKey"
        ADD CONSTRAINT "UX_ResourceKey_ProjectName_ResourceName" UNIQUE ("ProjectName", "ResourceName");
    END IF;
END $$;

CREATE TABLE IF NOT EXISTS "dms"."SchemaComponent"
(
    "EffectiveSchemaHash" varchar(64) NOT NULL,
    "ProjectEndpointName" varchar(128) NOT NULL,
    "ProjectName" varchar(256) NOT NULL,
    "ProjectVersion" varchar(32) NOT NULL,
    "IsExtensionProject" boolean NOT NULL,
    CONSTRAINT "PK_SchemaComponent" PRIMARY KEY ("EffectiveSchemaHash", "ProjectEndpointName")
);

-- ==========================================================
-- Phase 6: Foreign Keys
-- ==========================================================

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Descriptor_Document'
        AND conrelid = to_regclass('"dms"."Descriptor"')
    )
    THEN
        ALTER TABLE "dms"."Descriptor"
        ADD CONSTRAINT "FK_Descriptor_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Descriptor_ResourceKey'
        AND conrelid = to_regclass('"dms"."Descriptor"')
    )
    THEN
        ALTER TABLE "dms"."Descriptor"
        ADD CONSTRAINT "FK_Descriptor_ResourceKey"
        FOREIGN KEY ("ResourceKeyId")
        REFERENCES "dms"."ResourceKey" ("ResourceKeyId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Document_ResourceKey'
        AND conrelid = to_regclass('"dms"."Document"')
    )
    THEN
        ALTER TABLE "dms"."Document"
        ADD CONSTRAINT "FK_Document_ResourceKey"
        FOREIGN KEY ("ResourceKeyId")
        REFERENCES "dms"."ResourceKey" ("ResourceKeyId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_ReferentialIdentity_Document'
        AND conrelid = to_regclass('"dms"."ReferentialIdentity"')
    )
    THEN
        ALTER TABLE "dms"."ReferentialIdentity"
        ADD CONSTRAINT "FK_ReferentialIdentity_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_ReferentialIdentity_ResourceKey'
        AND conrelid = to_regclass('"dms"."ReferentialIdentity"')
    )
    THEN
        ALTER TABLE "dms"."ReferentialIdentity"
        ADD CONSTRAINT "FK_ReferentialIdentity_ResourceKey"
        FOREIGN KEY ("ResourceKeyId")
        REFERENCES "dms"."ResourceKey" ("ResourceKeyId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchemaComponent_EffectiveSchemaHash'
        AND conrelid = to_regclass('"dms"."SchemaComponent"')
    )
    THEN
        ALTER TABLE "dms"."SchemaComponent"
        ADD CONSTRAINT "FK_SchemaComponent_EffectiveSchemaHash"
        FOREIGN KEY ("EffectiveSchemaHash")
        REFERENCES "dms"."EffectiveSchema" ("EffectiveSchemaHash")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

-- ==========================================================
-- Phase 7: Indexes
-- ==========================================================

CREATE INDEX IF NOT EXISTS "IX_Descriptor_ResourceKeyId_DocumentId" ON "dms"."Descriptor" ("ResourceKeyId", "DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Document_CreatedByOwnershipTokenId" ON "dms"."Document" ("CreatedByOwnershipTokenId");

-- ==========================================================
-- Phase 8: Triggers
-- ==========================================================

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
        INSERT INTO "tracked_changes_edfi"."Descriptor" (
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
        IF NOT (OLD."Namespace" IS DISTINCT FROM NEW."Namespace" OR OLD."CodeValue" IS DISTINCT FROM NEW."CodeValue" OR OLD."ShortDescription" IS DISTINCT FROM NEW."ShortDescription" OR OLD."Description" IS DISTINCT FROM NEW."Description" OR OLD."EffectiveBeginDate" IS DISTINCT FROM NEW."EffectiveBeginDate" OR OLD."EffectiveEndDate" IS DISTINCT FROM NEW."EffectiveEndDate" OR OLD."Discriminator" IS DISTINCT FROM NEW."Discriminator" OR OLD."Uri" IS DISTINCT FROM NEW."Uri") THEN
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

CREATE SCHEMA IF NOT EXISTS "edfi";
CREATE SCHEMA IF NOT EXISTS "sample";
CREATE SCHEMA IF NOT EXISTS "auth";
CREATE SCHEMA IF NOT EXISTS "tracked_changes_edfi";
CREATE SCHEMA IF NOT EXISTS "tracked_changes_sample";

CREATE TABLE IF NOT EXISTS "edfi"."ClassPeriod"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "School_DocumentId" bigint NOT NULL,
    "School_SchoolId" integer NOT NULL,
    "ClassPeriodName" varchar(60) NOT NULL,
    "OfficialAttendancePeriod" boolean NULL,
    CONSTRAINT "PK_ClassPeriod" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_ClassPeriod_NK" UNIQUE ("ClassPeriodName", "School_DocumentId"),
    CONSTRAINT "UX_ClassPeriod_RefKey" UNIQUE ("ClassPeriodName", "School_SchoolId", "DocumentId"),
    CONSTRAINT "CK_ClassPeriod_School_AllNone" CHECK (("School_DocumentId" IS NULL AND "School_SchoolId" IS NULL) OR ("School_DocumentId" IS NOT NULL AND "School_SchoolId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."ClassPeriodMeetingTime"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "ClassPeriod_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "EndTime" time NOT NULL,
    "StartTime" time NOT NULL,
    CONSTRAINT "PK_ClassPeriodMeetingTime" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_ClassPeriodMeetingTime_EndTime_StartTime_ClassPer_786d688d6f" UNIQUE ("ClassPeriod_DocumentId", "EndTime", "StartTime"),
    CONSTRAINT "UX_ClassPeriodMeetingTime_Ordinal_ClassPeriod_DocumentId" UNIQUE ("ClassPeriod_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."Course"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "EducationOrganization_DocumentId" bigint NOT NULL,
    "EducationOrganization_EducationOrganizationId" integer NOT NULL,
    "AcademicSubjectDescriptor_DescriptorId" bigint NULL,
    "CourseCode" varchar(60) NOT NULL,
    "CourseDescription" varchar(1024) NULL,
    "CourseTitle" varchar(60) NOT NULL,
    "DateCourseAdopted" date NULL,
    "HighSchoolCourseRequirement" boolean NULL,
    "MaxCompletionsForCredit" integer NULL,
    "MaximumAvailableCreditConversion" numeric(9,2) NULL,
    "MaximumAvailableCredits" numeric(9,3) NULL,
    "MinimumAvailableCreditConversion" numeric(9,2) NULL,
    "MinimumAvailableCredits" numeric(9,3) NULL,
    "NumberOfParts" integer NOT NULL,
    "TimeRequiredForCompletion" integer NULL,
    CONSTRAINT "PK_Course" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_Course_NK" UNIQUE ("CourseCode", "EducationOrganization_DocumentId"),
    CONSTRAINT "UX_Course_RefKey" UNIQUE ("CourseCode", "EducationOrganization_EducationOrganizationId", "DocumentId"),
    CONSTRAINT "CK_Course_EducationOrganization_AllNone" CHECK (("EducationOrganization_DocumentId" IS NULL AND "EducationOrganization_EducationOrganizationId" IS NULL) OR ("EducationOrganization_DocumentId" IS NOT NULL AND "EducationOrganization_EducationOrganizationId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."CourseIdentificationCode"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Course_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "CourseIdentificationSystemDescriptor_DescriptorId" bigint NOT NULL,
    "AssigningOrganizationIdentificationCode" varchar(60) NULL,
    "CourseCatalogURL" varchar(255) NULL,
    "IdentificationCode" varchar(60) NOT NULL,
    CONSTRAINT "PK_CourseIdentificationCode" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_CourseIdentificationCode_Course_DocumentId_Course_e8b2aacd34" UNIQUE ("Course_DocumentId", "CourseIdentificationSystemDescriptor_DescriptorId"),
    CONSTRAINT "UX_CourseIdentificationCode_Ordinal_Course_DocumentId" UNIQUE ("Course_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."CourseOfferedGradeLevel"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Course_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "GradeLevelDescriptor_DescriptorId" bigint NOT NULL,
    CONSTRAINT "PK_CourseOfferedGradeLevel" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_CourseOfferedGradeLevel_Course_DocumentId_GradeLe_be9d4fd05a" UNIQUE ("Course_DocumentId", "GradeLevelDescriptor_DescriptorId"),
    CONSTRAINT "UX_CourseOfferedGradeLevel_Ordinal_Course_DocumentId" UNIQUE ("Course_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."CourseOffering"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "SchoolId_Unified" integer NOT NULL,
    "Course_DocumentId" bigint NOT NULL,
    "Course_CourseCode" varchar(60) NOT NULL,
    "Course_EducationOrganizationId" integer NOT NULL,
    "School_DocumentId" bigint NOT NULL,
    "School_SchoolId" integer GENERATED ALWAYS AS (CASE WHEN "School_DocumentId" IS NULL THEN NULL ELSE "SchoolId_Unified" END) STORED,
    "Session_DocumentId" bigint NOT NULL,
    "Session_SchoolId" integer GENERATED ALWAYS AS (CASE WHEN "Session_DocumentId" IS NULL THEN NULL ELSE "SchoolId_Unified" END) STORED,
    "Session_SchoolYear" integer NOT NULL,
    "Session_SessionName" varchar(60) NOT NULL,
    "InstructionalTimePlanned" integer NULL,
    "LocalCourseCode" varchar(60) NOT NULL,
    "LocalCourseTitle" varchar(60) NULL,
    CONSTRAINT "PK_CourseOffering" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_CourseOffering_NK" UNIQUE ("LocalCourseCode", "School_DocumentId", "Session_DocumentId"),
    CONSTRAINT "UX_CourseOffering_RefKey" UNIQUE ("LocalCourseCode", "SchoolId_Unified", "Session_SchoolYear", "Session_SessionName", "DocumentId"),
    CONSTRAINT "CK_CourseOffering_Course_AllNone" CHECK (("Course_DocumentId" IS NULL AND "Course_CourseCode" IS NULL AND "Course_EducationOrganizationId" IS NULL) OR ("Course_DocumentId" IS NOT NULL AND "Course_CourseCode" IS NOT NULL AND "Course_EducationOrganizationId" IS NOT NULL)),
    CONSTRAINT "CK_CourseOffering_School_AllNone" CHECK (("School_DocumentId" IS NULL AND "School_SchoolId" IS NULL) OR ("School_DocumentId" IS NOT NULL AND "School_SchoolId" IS NOT NULL)),
    CONSTRAINT "CK_CourseOffering_Session_AllNone" CHECK (("Session_DocumentId" IS NULL AND "Session_SchoolId" IS NULL AND "Session_SchoolYear" IS NULL AND "Session_SessionName" IS NULL) OR ("Session_DocumentId" IS NOT NULL AND "Session_SchoolId" IS NOT NULL AND "Session_SchoolYear" IS NOT NULL AND "Session_SessionName" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."CourseOfferingOfferedGradeLevel"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "CourseOffering_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "GradeLevelDescriptor_DescriptorId" bigint NOT NULL,
    CONSTRAINT "PK_CourseOfferingOfferedGradeLevel" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_CourseOfferingOfferedGradeLevel_CourseOffering_Do_538d6e83fb" UNIQUE ("CourseOffering_DocumentId", "GradeLevelDescriptor_DescriptorId"),
    CONSTRAINT "UX_CourseOfferingOfferedGradeLevel_Ordinal_CourseOff_95457d1555" UNIQUE ("CourseOffering_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."LocalEducationAgency"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "ParentLocalEducationAgency_DocumentId" bigint NULL,
    "ParentLocalEducationAgency_LocalEducationAgencyId" integer NULL,
    "LocalEducationAgencyCategoryDescriptor_DescriptorId" bigint NOT NULL,
    "LocalEducationAgencyId" integer NOT NULL,
    "NameOfInstitution" varchar(75) NOT NULL,
    CONSTRAINT "PK_LocalEducationAgency" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_LocalEducationAgency_NK" UNIQUE ("LocalEducationAgencyId"),
    CONSTRAINT "UX_LocalEducationAgency_RefKey" UNIQUE ("LocalEducationAgencyId", "DocumentId"),
    CONSTRAINT "CK_LocalEducationAgency_ParentLocalEducationAgency_AllNone" CHECK (("ParentLocalEducationAgency_DocumentId" IS NULL AND "ParentLocalEducationAgency_LocalEducationAgencyId" IS NULL) OR ("ParentLocalEducationAgency_DocumentId" IS NOT NULL AND "ParentLocalEducationAgency_LocalEducationAgencyId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."LocalEducationAgencyAccountability"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "LocalEducationAgency_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "LocalEducationAgencyAccountabilitySchoolYear_DocumentId" bigint NOT NULL,
    "LocalEducationAgencyAccountabilitySchoolYear_SchoolYear" integer NOT NULL,
    CONSTRAINT "PK_LocalEducationAgencyAccountability" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_LocalEducationAgencyAccountability_LocalEducation_ccf851bf3d" UNIQUE ("LocalEducationAgency_DocumentId", "LocalEducationAgencyAccountabilitySchoolYear_DocumentId"),
    CONSTRAINT "UX_LocalEducationAgencyAccountability_Ordinal_LocalE_196048a6ee" UNIQUE ("LocalEducationAgency_DocumentId", "Ordinal"),
    CONSTRAINT "CK_LocalEducationAgencyAccountability_LocalEducation_62f14354a9" CHECK (("LocalEducationAgencyAccountabilitySchoolYear_DocumentId" IS NULL AND "LocalEducationAgencyAccountabilitySchoolYear_SchoolYear" IS NULL) OR ("LocalEducationAgencyAccountabilitySchoolYear_DocumentId" IS NOT NULL AND "LocalEducationAgencyAccountabilitySchoolYear_SchoolYear" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."LocalEducationAgencyAddress"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "LocalEducationAgency_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "AddressTypeDescriptor_DescriptorId" bigint NOT NULL,
    "StateAbbreviationDescriptor_DescriptorId" bigint NOT NULL,
    "ApartmentRoomSuiteNumber" varchar(50) NULL,
    "BuildingSiteNumber" varchar(20) NULL,
    "City" varchar(30) NOT NULL,
    "CongressionalDistrict" varchar(30) NULL,
    "CountyFIPSCode" varchar(5) NULL,
    "DoNotPublishIndicator" boolean NULL,
    "Latitude" varchar(20) NULL,
    "Longitude" varchar(20) NULL,
    "NameOfCounty" varchar(30) NULL,
    "PostalCode" varchar(17) NOT NULL,
    "StreetNumberName" varchar(150) NOT NULL,
    CONSTRAINT "PK_LocalEducationAgencyAddress" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_LocalEducationAgencyAddress_City_PostalCode_Stree_c2fc329650" UNIQUE ("LocalEducationAgency_DocumentId", "AddressTypeDescriptor_DescriptorId", "City", "PostalCode", "StateAbbreviationDescriptor_DescriptorId", "StreetNumberName"),
    CONSTRAINT "UX_LocalEducationAgencyAddress_CollectionItemId_Loca_7c0f35b337" UNIQUE ("CollectionItemId", "LocalEducationAgency_DocumentId"),
    CONSTRAINT "UX_LocalEducationAgencyAddress_Ordinal_LocalEducatio_a93635d7a4" UNIQUE ("LocalEducationAgency_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."LocalEducationAgencyCategory"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "LocalEducationAgency_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "EducationOrganizationCategoryDescriptor_DescriptorId" bigint NOT NULL,
    CONSTRAINT "PK_LocalEducationAgencyCategory" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_LocalEducationAgencyCategory_EducationOrganizatio_99bd89dd4e" UNIQUE ("LocalEducationAgency_DocumentId", "EducationOrganizationCategoryDescriptor_DescriptorId"),
    CONSTRAINT "UX_LocalEducationAgencyCategory_Ordinal_LocalEducati_91837f8a40" UNIQUE ("LocalEducationAgency_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."LocalEducationAgencyFederalFunds"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "LocalEducationAgency_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "FiscalYear" integer NOT NULL,
    "InnovativeDollarsSpent" numeric(19,4) NULL,
    "InnovativeDollarsSpentStrategicPriorities" numeric(19,4) NULL,
    "InnovativeProgramsFundsReceived" numeric(19,4) NULL,
    "SchoolImprovementAllocation" numeric(19,4) NULL,
    "SchoolImprovementReservedFundsPercentage" numeric(5,4) NULL,
    "StateAssessmentAdministrationFunding" numeric(5,4) NULL,
    "SupplementalEducationalServicesFundsSpent" numeric(19,4) NULL,
    "SupplementalEducationalServicesPerPupilExpenditure" numeric(19,4) NULL,
    CONSTRAINT "PK_LocalEducationAgencyFederalFunds" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_LocalEducationAgencyFederalFunds_FiscalYear_Local_60ebb1ef7e" UNIQUE ("LocalEducationAgency_DocumentId", "FiscalYear"),
    CONSTRAINT "UX_LocalEducationAgencyFederalFunds_Ordinal_LocalEdu_f1bcdb1726" UNIQUE ("LocalEducationAgency_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."LocalEducationAgencyAddressPeriod"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "LocalEducationAgency_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "ParentCollectionItemId" bigint NOT NULL,
    "BeginDate" date NOT NULL,
    "EndDate" date NULL,
    CONSTRAINT "PK_LocalEducationAgencyAddressPeriod" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_LocalEducationAgencyAddressPeriod_BeginDate_Paren_fae61676f7" UNIQUE ("ParentCollectionItemId", "BeginDate"),
    CONSTRAINT "UX_LocalEducationAgencyAddressPeriod_Ordinal_ParentC_5dca431ce8" UNIQUE ("ParentCollectionItemId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."Program"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "EducationOrganization_DocumentId" bigint NOT NULL,
    "EducationOrganization_EducationOrganizationId" integer NOT NULL,
    "ProgramTypeDescriptor_DescriptorId" bigint NOT NULL,
    "ProgramName" varchar(60) NOT NULL,
    CONSTRAINT "PK_Program" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_Program_NK" UNIQUE ("EducationOrganization_DocumentId", "ProgramName", "ProgramTypeDescriptor_DescriptorId"),
    CONSTRAINT "UX_Program_RefKey" UNIQUE ("EducationOrganization_EducationOrganizationId", "ProgramName", "ProgramTypeDescriptor_DescriptorId", "DocumentId"),
    CONSTRAINT "CK_Program_EducationOrganization_AllNone" CHECK (("EducationOrganization_DocumentId" IS NULL AND "EducationOrganization_EducationOrganizationId" IS NULL) OR ("EducationOrganization_DocumentId" IS NOT NULL AND "EducationOrganization_EducationOrganizationId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."School"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "CharterApprovalSchoolYear_DocumentId" bigint NULL,
    "CharterApprovalSchoolYear_CharterApprovalSchoolYear" integer NULL,
    "LocalEducationAgency_DocumentId" bigint NULL,
    "LocalEducationAgency_LocalEducationAgencyId" integer NULL,
    "NameOfInstitution" varchar(75) NOT NULL,
    "SchoolId" integer NOT NULL,
    CONSTRAINT "PK_School" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_School_NK" UNIQUE ("SchoolId"),
    CONSTRAINT "UX_School_RefKey" UNIQUE ("SchoolId", "DocumentId"),
    CONSTRAINT "CK_School_CharterApprovalSchoolYear_AllNone" CHECK (("CharterApprovalSchoolYear_DocumentId" IS NULL AND "CharterApprovalSchoolYear_CharterApprovalSchoolYear" IS NULL) OR ("CharterApprovalSchoolYear_DocumentId" IS NOT NULL AND "CharterApprovalSchoolYear_CharterApprovalSchoolYear" IS NOT NULL)),
    CONSTRAINT "CK_School_LocalEducationAgency_AllNone" CHECK (("LocalEducationAgency_DocumentId" IS NULL AND "LocalEducationAgency_LocalEducationAgencyId" IS NULL) OR ("LocalEducationAgency_DocumentId" IS NOT NULL AND "LocalEducationAgency_LocalEducationAgencyId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "sample"."SchoolExtension"
(
    "DocumentId" bigint NOT NULL,
    "IsExemplary" boolean NULL,
    CONSTRAINT "PK_SchoolExtension" PRIMARY KEY ("DocumentId")
);

CREATE TABLE IF NOT EXISTS "sample"."SchoolExtensionDirectlyOwnedBus"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "School_DocumentId" bigint NOT NULL,
    "DirectlyOwnedBus_DocumentId" bigint NOT NULL,
    "DirectlyOwnedBus_BusId" varchar(60) NOT NULL,
    CONSTRAINT "PK_SchoolExtensionDirectlyOwnedBus" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus__4cb94cc0bf" UNIQUE ("School_DocumentId", "DirectlyOwnedBus_DocumentId"),
    CONSTRAINT "UX_SchoolExtensionDirectlyOwnedBus_Ordinal_School_DocumentId" UNIQUE ("School_DocumentId", "Ordinal"),
    CONSTRAINT "CK_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_AllNone" CHECK (("DirectlyOwnedBus_DocumentId" IS NULL AND "DirectlyOwnedBus_BusId" IS NULL) OR ("DirectlyOwnedBus_DocumentId" IS NOT NULL AND "DirectlyOwnedBus_BusId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."SchoolAddress"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "School_DocumentId" bigint NOT NULL,
    "AddressTypeDescriptor_DescriptorId" bigint NOT NULL,
    "StateAbbreviationDescriptor_DescriptorId" bigint NOT NULL,
    "ApartmentRoomSuiteNumber" varchar(50) NULL,
    "BuildingSiteNumber" varchar(20) NULL,
    "City" varchar(30) NOT NULL,
    "CongressionalDistrict" varchar(30) NULL,
    "CountyFIPSCode" varchar(5) NULL,
    "DoNotPublishIndicator" boolean NULL,
    "Latitude" varchar(20) NULL,
    "Longitude" varchar(20) NULL,
    "NameOfCounty" varchar(30) NULL,
    "PostalCode" varchar(17) NOT NULL,
    "StreetNumberName" varchar(150) NOT NULL,
    CONSTRAINT "PK_SchoolAddress" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_SchoolAddress_City_PostalCode_StreetNumberName_Ad_579dce1ffa" UNIQUE ("School_DocumentId", "AddressTypeDescriptor_DescriptorId", "City", "PostalCode", "StateAbbreviationDescriptor_DescriptorId", "StreetNumberName"),
    CONSTRAINT "UX_SchoolAddress_CollectionItemId_School_DocumentId" UNIQUE ("CollectionItemId", "School_DocumentId"),
    CONSTRAINT "UX_SchoolAddress_Ordinal_School_DocumentId" UNIQUE ("School_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."SchoolEducationOrganizationCategory"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "School_DocumentId" bigint NOT NULL,
    "EducationOrganizationCategoryDescriptor_DescriptorId" bigint NOT NULL,
    CONSTRAINT "PK_SchoolEducationOrganizationCategory" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_SchoolEducationOrganizationCategory_EducationOrga_520165a25c" UNIQUE ("School_DocumentId", "EducationOrganizationCategoryDescriptor_DescriptorId"),
    CONSTRAINT "UX_SchoolEducationOrganizationCategory_Ordinal_Schoo_bdcb9843fd" UNIQUE ("School_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."SchoolGradeLevel"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "School_DocumentId" bigint NOT NULL,
    "GradeLevelDescriptor_DescriptorId" bigint NOT NULL,
    CONSTRAINT "PK_SchoolGradeLevel" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_SchoolGradeLevel_GradeLevelDescriptor_DescriptorI_eda0407c32" UNIQUE ("School_DocumentId", "GradeLevelDescriptor_DescriptorId"),
    CONSTRAINT "UX_SchoolGradeLevel_Ordinal_School_DocumentId" UNIQUE ("School_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."SchoolAddressPeriod"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "ParentCollectionItemId" bigint NOT NULL,
    "School_DocumentId" bigint NOT NULL,
    "BeginDate" date NOT NULL,
    "EndDate" date NULL,
    CONSTRAINT "PK_SchoolAddressPeriod" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_SchoolAddressPeriod_BeginDate_ParentCollectionItemId" UNIQUE ("ParentCollectionItemId", "BeginDate"),
    CONSTRAINT "UX_SchoolAddressPeriod_Ordinal_ParentCollectionItemId" UNIQUE ("ParentCollectionItemId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."SchoolYearType"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "CurrentSchoolYear" boolean NOT NULL,
    "SchoolYear" integer NOT NULL,
    "SchoolYearDescription" varchar(50) NOT NULL,
    CONSTRAINT "PK_SchoolYearType" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_SchoolYearType_NK" UNIQUE ("SchoolYear"),
    CONSTRAINT "UX_SchoolYearType_RefKey" UNIQUE ("SchoolYear", "DocumentId")
);

CREATE TABLE IF NOT EXISTS "edfi"."Section"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "SchoolId_Unified" integer NOT NULL,
    "CourseOffering_DocumentId" bigint NOT NULL,
    "CourseOffering_LocalCourseCode" varchar(60) NOT NULL,
    "CourseOffering_SchoolReferenceSchoolId" integer GENERATED ALWAYS AS (CASE WHEN "CourseOffering_DocumentId" IS NULL THEN NULL ELSE "SchoolId_Unified" END) STORED,
    "CourseOffering_SessionReferenceSchoolId" integer GENERATED ALWAYS AS (CASE WHEN "CourseOffering_DocumentId" IS NULL THEN NULL ELSE "SchoolId_Unified" END) STORED,
    "CourseOffering_SchoolYear" integer NOT NULL,
    "CourseOffering_SessionName" varchar(60) NOT NULL,
    "LocationSchool_DocumentId" bigint NULL,
    "LocationSchool_SchoolId" integer NULL,
    "AvailableCreditConversion" numeric(9,2) NULL,
    "AvailableCredits" numeric(9,3) NULL,
    "OfficialAttendancePeriod" boolean NULL,
    "SectionIdentifier" varchar(255) NOT NULL,
    "SectionName" varchar(100) NULL,
    "SequenceOfCourse" integer NULL,
    CONSTRAINT "PK_Section" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_Section_NK" UNIQUE ("CourseOffering_DocumentId", "SectionIdentifier"),
    CONSTRAINT "UX_Section_RefKey" UNIQUE ("CourseOffering_LocalCourseCode", "SchoolId_Unified", "CourseOffering_SchoolYear", "CourseOffering_SessionName", "SectionIdentifier", "DocumentId"),
    CONSTRAINT "CK_Section_CourseOffering_AllNone" CHECK (("CourseOffering_DocumentId" IS NULL AND "CourseOffering_LocalCourseCode" IS NULL AND "CourseOffering_SchoolReferenceSchoolId" IS NULL AND "CourseOffering_SessionReferenceSchoolId" IS NULL AND "CourseOffering_SchoolYear" IS NULL AND "CourseOffering_SessionName" IS NULL) OR ("CourseOffering_DocumentId" IS NOT NULL AND "CourseOffering_LocalCourseCode" IS NOT NULL AND "CourseOffering_SchoolReferenceSchoolId" IS NOT NULL AND "CourseOffering_SessionReferenceSchoolId" IS NOT NULL AND "CourseOffering_SchoolYear" IS NOT NULL AND "CourseOffering_SessionName" IS NOT NULL)),
    CONSTRAINT "CK_Section_LocationSchool_AllNone" CHECK (("LocationSchool_DocumentId" IS NULL AND "LocationSchool_SchoolId" IS NULL) OR ("LocationSchool_DocumentId" IS NOT NULL AND "LocationSchool_SchoolId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."SectionClassPeriod"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "Section_DocumentId" bigint NOT NULL,
    "ClassPeriod_DocumentId" bigint NOT NULL,
    "ClassPeriod_ClassPeriodName" varchar(60) NOT NULL,
    "ClassPeriod_SchoolId" integer NOT NULL,
    CONSTRAINT "PK_SectionClassPeriod" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_SectionClassPeriod_ClassPeriod_DocumentId_Section_DocumentId" UNIQUE ("Section_DocumentId", "ClassPeriod_DocumentId"),
    CONSTRAINT "UX_SectionClassPeriod_Ordinal_Section_DocumentId" UNIQUE ("Section_DocumentId", "Ordinal"),
    CONSTRAINT "CK_SectionClassPeriod_ClassPeriod_AllNone" CHECK (("ClassPeriod_DocumentId" IS NULL AND "ClassPeriod_ClassPeriodName" IS NULL AND "ClassPeriod_SchoolId" IS NULL) OR ("ClassPeriod_DocumentId" IS NOT NULL AND "ClassPeriod_ClassPeriodName" IS NOT NULL AND "ClassPeriod_SchoolId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."SectionOfferedGradeLevel"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "Section_DocumentId" bigint NOT NULL,
    "GradeLevelDescriptor_DescriptorId" bigint NOT NULL,
    CONSTRAINT "PK_SectionOfferedGradeLevel" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_SectionOfferedGradeLevel_GradeLevelDescriptor_Des_072ebc9985" UNIQUE ("Section_DocumentId", "GradeLevelDescriptor_DescriptorId"),
    CONSTRAINT "UX_SectionOfferedGradeLevel_Ordinal_Section_DocumentId" UNIQUE ("Section_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."SectionProgram"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "Section_DocumentId" bigint NOT NULL,
    "Program_DocumentId" bigint NOT NULL,
    "Program_EducationOrganizationId" integer NOT NULL,
    "Program_ProgramName" varchar(60) NOT NULL,
    "Program_ProgramTypeDescriptor_DescriptorId" bigint NOT NULL,
    CONSTRAINT "PK_SectionProgram" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_SectionProgram_Ordinal_Section_DocumentId" UNIQUE ("Section_DocumentId", "Ordinal"),
    CONSTRAINT "UX_SectionProgram_Program_DocumentId_Section_DocumentId" UNIQUE ("Section_DocumentId", "Program_DocumentId"),
    CONSTRAINT "CK_SectionProgram_Program_AllNone" CHECK (("Program_DocumentId" IS NULL AND "Program_EducationOrganizationId" IS NULL AND "Program_ProgramName" IS NULL AND "Program_ProgramTypeDescriptor_DescriptorId" IS NULL) OR ("Program_DocumentId" IS NOT NULL AND "Program_EducationOrganizationId" IS NOT NULL AND "Program_ProgramName" IS NOT NULL AND "Program_ProgramTypeDescriptor_DescriptorId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."Session"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "SchoolYear_DocumentId" bigint NOT NULL,
    "SchoolYear_SchoolYear" integer NOT NULL,
    "School_DocumentId" bigint NOT NULL,
    "School_SchoolId" integer NOT NULL,
    "TermDescriptor_DescriptorId" bigint NOT NULL,
    "BeginDate" date NOT NULL,
    "EndDate" date NOT NULL,
    "SessionName" varchar(60) NOT NULL,
    "TotalInstructionalDays" integer NOT NULL,
    CONSTRAINT "PK_Session" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_Session_NK" UNIQUE ("School_DocumentId", "SchoolYear_DocumentId", "SessionName"),
    CONSTRAINT "UX_Session_RefKey" UNIQUE ("School_SchoolId", "SchoolYear_SchoolYear", "SessionName", "DocumentId"),
    CONSTRAINT "CK_Session_SchoolYear_AllNone" CHECK (("SchoolYear_DocumentId" IS NULL AND "SchoolYear_SchoolYear" IS NULL) OR ("SchoolYear_DocumentId" IS NOT NULL AND "SchoolYear_SchoolYear" IS NOT NULL)),
    CONSTRAINT "CK_Session_School_AllNone" CHECK (("School_DocumentId" IS NULL AND "School_SchoolId" IS NULL) OR ("School_DocumentId" IS NOT NULL AND "School_SchoolId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."Staff"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "SexDescriptor_DescriptorId" bigint NULL,
    "BirthDate" date NULL,
    "FirstName" varchar(75) NOT NULL,
    "GenerationCodeSuffix" varchar(10) NULL,
    "HighlyQualifiedTeacher" boolean NULL,
    "HispanicLatinoEthnicity" boolean NULL,
    "LastSurname" varchar(75) NOT NULL,
    "LoginId" varchar(60) NULL,
    "MaidenName" varchar(75) NULL,
    "MiddleName" varchar(75) NULL,
    "PersonalTitlePrefix" varchar(30) NULL,
    "StaffUniqueId" varchar(32) NOT NULL,
    "YearsOfPriorProfessionalExperience" numeric(5,2) NULL,
    "YearsOfPriorTeachingExperience" numeric(5,2) NULL,
    CONSTRAINT "PK_Staff" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_Staff_NK" UNIQUE ("StaffUniqueId")
);

CREATE TABLE IF NOT EXISTS "edfi"."StaffAddress"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "Staff_DocumentId" bigint NOT NULL,
    "AddressTypeDescriptor_DescriptorId" bigint NOT NULL,
    "StateAbbreviationDescriptor_DescriptorId" bigint NOT NULL,
    "ApartmentRoomSuiteNumber" varchar(50) NULL,
    "BuildingSiteNumber" varchar(20) NULL,
    "City" varchar(30) NOT NULL,
    "CongressionalDistrict" varchar(30) NULL,
    "CountyFIPSCode" varchar(5) NULL,
    "DoNotPublishIndicator" boolean NULL,
    "Latitude" varchar(20) NULL,
    "Longitude" varchar(20) NULL,
    "NameOfCounty" varchar(30) NULL,
    "PostalCode" varchar(17) NOT NULL,
    "StreetNumberName" varchar(150) NOT NULL,
    CONSTRAINT "PK_StaffAddress" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_StaffAddress_City_PostalCode_StreetNumberName_Add_8b9487503a" UNIQUE ("Staff_DocumentId", "AddressTypeDescriptor_DescriptorId", "City", "PostalCode", "StateAbbreviationDescriptor_DescriptorId", "StreetNumberName"),
    CONSTRAINT "UX_StaffAddress_CollectionItemId_Staff_DocumentId" UNIQUE ("CollectionItemId", "Staff_DocumentId"),
    CONSTRAINT "UX_StaffAddress_Ordinal_Staff_DocumentId" UNIQUE ("Staff_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."StaffTelephone"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "Staff_DocumentId" bigint NOT NULL,
    "TelephoneNumberTypeDescriptor_DescriptorId" bigint NOT NULL,
    "DoNotPublishIndicator" boolean NULL,
    "OrderOfPriority" integer NULL,
    "TelephoneNumber" varchar(24) NOT NULL,
    "TextMessageCapabilityIndicator" boolean NULL,
    CONSTRAINT "PK_StaffTelephone" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_StaffTelephone_Ordinal_Staff_DocumentId" UNIQUE ("Staff_DocumentId", "Ordinal"),
    CONSTRAINT "UX_StaffTelephone_TelephoneNumber_Staff_DocumentId_T_866d971e2c" UNIQUE ("Staff_DocumentId", "TelephoneNumber", "TelephoneNumberTypeDescriptor_DescriptorId")
);

CREATE TABLE IF NOT EXISTS "edfi"."StaffAddressPeriod"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "ParentCollectionItemId" bigint NOT NULL,
    "Staff_DocumentId" bigint NOT NULL,
    "BeginDate" date NOT NULL,
    "EndDate" date NULL,
    CONSTRAINT "PK_StaffAddressPeriod" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_StaffAddressPeriod_BeginDate_ParentCollectionItemId" UNIQUE ("ParentCollectionItemId", "BeginDate"),
    CONSTRAINT "UX_StaffAddressPeriod_Ordinal_ParentCollectionItemId" UNIQUE ("ParentCollectionItemId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "edfi"."Student"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "BirthSexDescriptor_DescriptorId" bigint NULL,
    "BirthStateAbbreviationDescriptor_DescriptorId" bigint NULL,
    "BirthCity" varchar(30) NULL,
    "BirthDate" date NOT NULL,
    "BirthInternationalProvince" varchar(150) NULL,
    "DateEnteredUS" date NULL,
    "FirstName" varchar(75) NOT NULL,
    "GenerationCodeSuffix" varchar(10) NULL,
    "LastSurname" varchar(75) NOT NULL,
    "MaidenName" varchar(75) NULL,
    "MiddleName" varchar(75) NULL,
    "MultipleBirthStatus" boolean NULL,
    "PersonalTitlePrefix" varchar(30) NULL,
    "StudentUniqueId" varchar(32) NOT NULL,
    CONSTRAINT "PK_Student" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_Student_NK" UNIQUE ("StudentUniqueId"),
    CONSTRAINT "UX_Student_RefKey" UNIQUE ("StudentUniqueId", "DocumentId")
);

CREATE TABLE IF NOT EXISTS "sample"."StudentExtension"
(
    "DocumentId" bigint NOT NULL,
    "PetPreferenceMaximumWeight" integer NULL,
    "PetPreferenceMinimumWeight" integer NULL,
    CONSTRAINT "PK_StudentExtension" PRIMARY KEY ("DocumentId")
);

CREATE TABLE IF NOT EXISTS "sample"."StudentExtensionAquaticPet"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "Student_DocumentId" bigint NOT NULL,
    "IsFixed" boolean NULL,
    "MimimumTankVolume" integer NOT NULL,
    "PetName" varchar(20) NOT NULL,
    CONSTRAINT "PK_StudentExtensionAquaticPet" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_StudentExtensionAquaticPet_MimimumTankVolume_PetN_a00b0e391d" UNIQUE ("Student_DocumentId", "MimimumTankVolume", "PetName"),
    CONSTRAINT "UX_StudentExtensionAquaticPet_Ordinal_Student_DocumentId" UNIQUE ("Student_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "sample"."StudentExtensionFavoriteBook"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "Student_DocumentId" bigint NOT NULL,
    "FavoriteBookCategoryDescriptor_DescriptorId" bigint NOT NULL,
    "BookTitle" varchar(200) NULL,
    CONSTRAINT "PK_StudentExtensionFavoriteBook" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_StudentExtensionFavoriteBook_CollectionItemId_Stu_6e75c9f976" UNIQUE ("CollectionItemId", "Student_DocumentId"),
    CONSTRAINT "UX_StudentExtensionFavoriteBook_FavoriteBookCategory_5916773801" UNIQUE ("Student_DocumentId", "FavoriteBookCategoryDescriptor_DescriptorId"),
    CONSTRAINT "UX_StudentExtensionFavoriteBook_Ordinal_Student_DocumentId" UNIQUE ("Student_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "sample"."StudentExtensionPet"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "Student_DocumentId" bigint NOT NULL,
    "IsFixed" boolean NULL,
    "PetName" varchar(20) NOT NULL,
    CONSTRAINT "PK_StudentExtensionPet" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_StudentExtensionPet_Ordinal_Student_DocumentId" UNIQUE ("Student_DocumentId", "Ordinal"),
    CONSTRAINT "UX_StudentExtensionPet_PetName_Student_DocumentId" UNIQUE ("Student_DocumentId", "PetName")
);

CREATE TABLE IF NOT EXISTS "sample"."StudentExtensionFavoriteBookArtMedia"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "Ordinal" integer NOT NULL,
    "ParentCollectionItemId" bigint NOT NULL,
    "Student_DocumentId" bigint NOT NULL,
    "ArtMediumDescriptor_DescriptorId" bigint NOT NULL,
    "ArtPieces" integer NULL,
    CONSTRAINT "PK_StudentExtensionFavoriteBookArtMedia" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_StudentExtensionFavoriteBookArtMedia_Ordinal_Pare_83c33e891c" UNIQUE ("ParentCollectionItemId", "Ordinal"),
    CONSTRAINT "UX_StudentExtensionFavoriteBookArtMedia_ParentCollec_c2ca66df44" UNIQUE ("ParentCollectionItemId", "ArtMediumDescriptor_DescriptorId")
);

CREATE TABLE IF NOT EXISTS "edfi"."StudentSchoolAssociation"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "ClassOfSchoolYear_DocumentId" bigint NULL,
    "ClassOfSchoolYear_ClassOfSchoolYear" integer NULL,
    "SchoolYear_DocumentId" bigint NULL,
    "SchoolYear_SchoolYear" integer NULL,
    "School_DocumentId" bigint NOT NULL,
    "School_SchoolId" integer NOT NULL,
    "Student_DocumentId" bigint NOT NULL,
    "Student_StudentUniqueId" varchar(32) NOT NULL,
    "EntryGradeLevelDescriptor_DescriptorId" bigint NOT NULL,
    "EmployedWhileEnrolled" boolean NULL,
    "EntryDate" date NOT NULL,
    "ExitWithdrawDate" date NULL,
    "FullTimeEquivalency" numeric(3,2) NULL,
    "PrimarySchool" boolean NULL,
    "RepeatGradeIndicator" boolean NULL,
    "SchoolChoiceTransfer" boolean NULL,
    "TermCompletionIndicator" boolean NULL,
    CONSTRAINT "PK_StudentSchoolAssociation" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_StudentSchoolAssociation_NK" UNIQUE ("EntryDate", "School_DocumentId", "Student_DocumentId"),
    CONSTRAINT "CK_StudentSchoolAssociation_ClassOfSchoolYear_AllNone" CHECK (("ClassOfSchoolYear_DocumentId" IS NULL AND "ClassOfSchoolYear_ClassOfSchoolYear" IS NULL) OR ("ClassOfSchoolYear_DocumentId" IS NOT NULL AND "ClassOfSchoolYear_ClassOfSchoolYear" IS NOT NULL)),
    CONSTRAINT "CK_StudentSchoolAssociation_SchoolYear_AllNone" CHECK (("SchoolYear_DocumentId" IS NULL AND "SchoolYear_SchoolYear" IS NULL) OR ("SchoolYear_DocumentId" IS NOT NULL AND "SchoolYear_SchoolYear" IS NOT NULL)),
    CONSTRAINT "CK_StudentSchoolAssociation_School_AllNone" CHECK (("School_DocumentId" IS NULL AND "School_SchoolId" IS NULL) OR ("School_DocumentId" IS NOT NULL AND "School_SchoolId" IS NOT NULL)),
    CONSTRAINT "CK_StudentSchoolAssociation_Student_AllNone" CHECK (("Student_DocumentId" IS NULL AND "Student_StudentUniqueId" IS NULL) OR ("Student_DocumentId" IS NOT NULL AND "Student_StudentUniqueId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "edfi"."StudentSectionAssociation"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "Section_DocumentId" bigint NOT NULL,
    "Section_LocalCourseCode" varchar(60) NOT NULL,
    "Section_SchoolId" integer NOT NULL,
    "Section_SchoolYear" integer NOT NULL,
    "Section_SessionName" varchar(60) NOT NULL,
    "Section_SectionIdentifier" varchar(255) NOT NULL,
    "Student_DocumentId" bigint NOT NULL,
    "Student_StudentUniqueId" varchar(32) NOT NULL,
    "BeginDate" date NOT NULL,
    "EndDate" date NULL,
    "HomeroomIndicator" boolean NULL,
    "TeacherStudentDataLinkExclusion" boolean NULL,
    CONSTRAINT "PK_StudentSectionAssociation" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_StudentSectionAssociation_NK" UNIQUE ("BeginDate", "Section_DocumentId", "Student_DocumentId"),
    CONSTRAINT "CK_StudentSectionAssociation_Section_AllNone" CHECK (("Section_DocumentId" IS NULL AND "Section_LocalCourseCode" IS NULL AND "Section_SchoolId" IS NULL AND "Section_SchoolYear" IS NULL AND "Section_SessionName" IS NULL AND "Section_SectionIdentifier" IS NULL) OR ("Section_DocumentId" IS NOT NULL AND "Section_LocalCourseCode" IS NOT NULL AND "Section_SchoolId" IS NOT NULL AND "Section_SchoolYear" IS NOT NULL AND "Section_SessionName" IS NOT NULL AND "Section_SectionIdentifier" IS NOT NULL)),
    CONSTRAINT "CK_StudentSectionAssociation_Student_AllNone" CHECK (("Student_DocumentId" IS NULL AND "Student_StudentUniqueId" IS NULL) OR ("Student_DocumentId" IS NOT NULL AND "Student_StudentUniqueId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "sample"."Bus"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "BusId" varchar(60) NOT NULL,
    CONSTRAINT "PK_Bus" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_Bus_NK" UNIQUE ("BusId"),
    CONSTRAINT "UX_Bus_RefKey" UNIQUE ("BusId", "DocumentId")
);

CREATE TABLE IF NOT EXISTS "sample"."BusRoute"
(
    "DocumentId" bigint NOT NULL,
    "ContentLastModifiedAt" timestamp with time zone NOT NULL DEFAULT now(),
    "ContentVersion" bigint NOT NULL DEFAULT 0,
    "Bus_DocumentId" bigint NOT NULL,
    "Bus_BusId" varchar(60) NOT NULL,
    "BusRouteDirection" varchar(15) NOT NULL,
    "BusRouteDuration" integer NULL,
    "BusRouteNumber" integer NOT NULL,
    "Daily" boolean NULL,
    "ExpectedTransitTime" varchar(30) NOT NULL,
    "HoursPerWeek" numeric(5,2) NOT NULL,
    "OperatingCost" numeric(19,4) NOT NULL,
    "OptimalCapacity" numeric(5,4) NULL,
    "StartDate" date NULL,
    "WeeklyMileage" numeric(5,2) NULL,
    CONSTRAINT "PK_BusRoute" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_BusRoute_NK" UNIQUE ("Bus_DocumentId", "BusRouteNumber"),
    CONSTRAINT "CK_BusRoute_Bus_AllNone" CHECK (("Bus_DocumentId" IS NULL AND "Bus_BusId" IS NULL) OR ("Bus_DocumentId" IS NOT NULL AND "Bus_BusId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "sample"."BusRouteBusYear"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "BusRoute_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "BusYear" integer NOT NULL,
    CONSTRAINT "PK_BusRouteBusYear" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_BusRouteBusYear_BusYear_BusRoute_DocumentId" UNIQUE ("BusRoute_DocumentId", "BusYear"),
    CONSTRAINT "UX_BusRouteBusYear_Ordinal_BusRoute_DocumentId" UNIQUE ("BusRoute_DocumentId", "Ordinal")
);

CREATE TABLE IF NOT EXISTS "sample"."BusRouteProgram"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "BusRoute_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "Program_DocumentId" bigint NOT NULL,
    "Program_EducationOrganizationId" bigint NOT NULL,
    "Program_ProgramName" varchar(60) NOT NULL,
    "Program_ProgramTypeDescriptor_DescriptorId" bigint NOT NULL,
    CONSTRAINT "PK_BusRouteProgram" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_BusRouteProgram_BusRoute_DocumentId_Program_DocumentId" UNIQUE ("BusRoute_DocumentId", "Program_DocumentId"),
    CONSTRAINT "UX_BusRouteProgram_Ordinal_BusRoute_DocumentId" UNIQUE ("BusRoute_DocumentId", "Ordinal"),
    CONSTRAINT "CK_BusRouteProgram_Program_AllNone" CHECK (("Program_DocumentId" IS NULL AND "Program_EducationOrganizationId" IS NULL AND "Program_ProgramName" IS NULL AND "Program_ProgramTypeDescriptor_DescriptorId" IS NULL) OR ("Program_DocumentId" IS NOT NULL AND "Program_EducationOrganizationId" IS NOT NULL AND "Program_ProgramName" IS NOT NULL AND "Program_ProgramTypeDescriptor_DescriptorId" IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS "sample"."BusRouteServiceAreaPostalCode"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "BusRoute_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "ServiceAreaPostalCode" varchar(17) NOT NULL,
    CONSTRAINT "PK_BusRouteServiceAreaPostalCode" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_BusRouteServiceAreaPostalCode_Ordinal_BusRoute_DocumentId" UNIQUE ("BusRoute_DocumentId", "Ordinal"),
    CONSTRAINT "UX_BusRouteServiceAreaPostalCode_ServiceAreaPostalCo_45c0aaf24d" UNIQUE ("BusRoute_DocumentId", "ServiceAreaPostalCode")
);

CREATE TABLE IF NOT EXISTS "sample"."BusRouteStartTime"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "BusRoute_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "StartTime" time NOT NULL,
    CONSTRAINT "PK_BusRouteStartTime" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_BusRouteStartTime_Ordinal_BusRoute_DocumentId" UNIQUE ("BusRoute_DocumentId", "Ordinal"),
    CONSTRAINT "UX_BusRouteStartTime_StartTime_BusRoute_DocumentId" UNIQUE ("BusRoute_DocumentId", "StartTime")
);

CREATE TABLE IF NOT EXISTS "sample"."BusRouteTelephone"
(
    "CollectionItemId" bigint NOT NULL DEFAULT nextval('"dms"."CollectionItemIdSequence"'),
    "BusRoute_DocumentId" bigint NOT NULL,
    "Ordinal" integer NOT NULL,
    "TelephoneNumberTypeDescriptor_DescriptorId" bigint NOT NULL,
    "DoNotPublishIndicator" boolean NULL,
    "OrderOfPriority" integer NULL,
    "TelephoneNumber" varchar(24) NOT NULL,
    "TextMessageCapabilityIndicator" boolean NULL,
    CONSTRAINT "PK_BusRouteTelephone" PRIMARY KEY ("CollectionItemId"),
    CONSTRAINT "UX_BusRouteTelephone_Ordinal_BusRoute_DocumentId" UNIQUE ("BusRoute_DocumentId", "Ordinal"),
    CONSTRAINT "UX_BusRouteTelephone_TelephoneNumber_BusRoute_Docume_55e1d3bfb9" UNIQUE ("BusRoute_DocumentId", "TelephoneNumber", "TelephoneNumberTypeDescriptor_DescriptorId")
);

CREATE TABLE IF NOT EXISTS "auth"."EducationOrganizationIdToEducationOrganizationId"
(
    "SourceEducationOrganizationId" bigint NOT NULL,
    "TargetEducationOrganizationId" bigint NOT NULL,
    CONSTRAINT "PK_EducationOrganizationIdToEducationOrganizationId" PRIMARY KEY ("SourceEducationOrganizationId", "TargetEducationOrganizationId")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."ClassPeriod"
(
    "OldClassPeriodName" varchar(60) NOT NULL,
    "NewClassPeriodName" varchar(60) NULL,
    "OldSchool_SchoolId" integer NOT NULL,
    "NewSchool_SchoolId" integer NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_ClassPeriod" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."Course"
(
    "OldCourseCode" varchar(60) NOT NULL,
    "NewCourseCode" varchar(60) NULL,
    "OldEducationOrganization_EducationOrganizationId" integer NOT NULL,
    "NewEducationOrganization_EducationOrganizationId" integer NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_Course" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."CourseOffering"
(
    "OldLocalCourseCode" varchar(60) NOT NULL,
    "NewLocalCourseCode" varchar(60) NULL,
    "OldSchoolId_Unified" integer NOT NULL,
    "NewSchoolId_Unified" integer NULL,
    "OldSession_SchoolYear" integer NOT NULL,
    "NewSession_SchoolYear" integer NULL,
    "OldSession_SessionName" varchar(60) NOT NULL,
    "NewSession_SessionName" varchar(60) NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_CourseOffering" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."Descriptor"
(
    "OldNamespace" varchar(255) NOT NULL,
    "NewNamespace" varchar(255) NULL,
    "OldCodeValue" varchar(50) NOT NULL,
    "NewCodeValue" varchar(50) NULL,
    "Discriminator" varchar(128) NOT NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_Descriptor" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."LocalEducationAgency"
(
    "OldLocalEducationAgencyId" integer NOT NULL,
    "NewLocalEducationAgencyId" integer NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_LocalEducationAgency" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."Program"
(
    "OldEducationOrganization_EducationOrganizationId" integer NOT NULL,
    "NewEducationOrganization_EducationOrganizationId" integer NULL,
    "OldProgramName" varchar(60) NOT NULL,
    "NewProgramName" varchar(60) NULL,
    "OldProgramTypeDescriptor_Namespace" varchar(255) NOT NULL,
    "NewProgramTypeDescriptor_Namespace" varchar(255) NULL,
    "OldProgramTypeDescriptor_CodeValue" varchar(50) NOT NULL,
    "NewProgramTypeDescriptor_CodeValue" varchar(50) NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_Program" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."School"
(
    "OldSchoolId" integer NOT NULL,
    "NewSchoolId" integer NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_School" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."SchoolYearType"
(
    "OldSchoolYear" integer NOT NULL,
    "NewSchoolYear" integer NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_SchoolYearType" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."Section"
(
    "OldCourseOffering_LocalCourseCode" varchar(60) NOT NULL,
    "NewCourseOffering_LocalCourseCode" varchar(60) NULL,
    "OldSchoolId_Unified" integer NOT NULL,
    "NewSchoolId_Unified" integer NULL,
    "OldCourseOffering_SchoolYear" integer NOT NULL,
    "NewCourseOffering_SchoolYear" integer NULL,
    "OldCourseOffering_SessionName" varchar(60) NOT NULL,
    "NewCourseOffering_SessionName" varchar(60) NULL,
    "OldSectionIdentifier" varchar(255) NOT NULL,
    "NewSectionIdentifier" varchar(255) NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_Section" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."Session"
(
    "OldSchool_SchoolId" integer NOT NULL,
    "NewSchool_SchoolId" integer NULL,
    "OldSchoolYear_SchoolYear" integer NOT NULL,
    "NewSchoolYear_SchoolYear" integer NULL,
    "OldSessionName" varchar(60) NOT NULL,
    "NewSessionName" varchar(60) NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_Session" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."Staff"
(
    "OldStaffUniqueId" varchar(32) NOT NULL,
    "NewStaffUniqueId" varchar(32) NULL,
    "OldStaff_DocumentId" bigint NOT NULL,
    "NewStaff_DocumentId" bigint NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_Staff" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."Student"
(
    "OldStudentUniqueId" varchar(32) NOT NULL,
    "NewStudentUniqueId" varchar(32) NULL,
    "OldStudent_DocumentId" bigint NOT NULL,
    "NewStudent_DocumentId" bigint NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_Student" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."StudentSchoolAssociation"
(
    "OldEntryDate" date NOT NULL,
    "NewEntryDate" date NULL,
    "OldSchool_SchoolId" integer NOT NULL,
    "NewSchool_SchoolId" integer NULL,
    "OldStudent_StudentUniqueId" varchar(32) NOT NULL,
    "NewStudent_StudentUniqueId" varchar(32) NULL,
    "OldStudent_DocumentId" bigint NOT NULL,
    "NewStudent_DocumentId" bigint NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_StudentSchoolAssociation" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_edfi"."StudentSectionAssociation"
(
    "OldBeginDate" date NOT NULL,
    "NewBeginDate" date NULL,
    "OldSection_LocalCourseCode" varchar(60) NOT NULL,
    "NewSection_LocalCourseCode" varchar(60) NULL,
    "OldSection_SchoolId" integer NOT NULL,
    "NewSection_SchoolId" integer NULL,
    "OldSection_SchoolYear" integer NOT NULL,
    "NewSection_SchoolYear" integer NULL,
    "OldSection_SectionIdentifier" varchar(255) NOT NULL,
    "NewSection_SectionIdentifier" varchar(255) NULL,
    "OldSection_SessionName" varchar(60) NOT NULL,
    "NewSection_SessionName" varchar(60) NULL,
    "OldStudent_StudentUniqueId" varchar(32) NOT NULL,
    "NewStudent_StudentUniqueId" varchar(32) NULL,
    "OldStudent_DocumentId" bigint NOT NULL,
    "NewStudent_DocumentId" bigint NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_edfi_StudentSectionAssociation" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_sample"."Bus"
(
    "OldBusId" varchar(60) NOT NULL,
    "NewBusId" varchar(60) NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_sample_Bus" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "tracked_changes_sample"."BusRoute"
(
    "OldBus_BusId" varchar(60) NOT NULL,
    "NewBus_BusId" varchar(60) NULL,
    "OldBusRouteNumber" integer NOT NULL,
    "NewBusRouteNumber" integer NULL,
    "Id" uuid NOT NULL,
    "ChangeVersion" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT "PK_tracked_changes_sample_BusRoute" PRIMARY KEY ("ChangeVersion")
);

CREATE TABLE IF NOT EXISTS "edfi"."EducationOrganizationIdentity"
(
    "DocumentId" bigint NOT NULL,
    "EducationOrganizationId" integer NOT NULL,
    "Discriminator" varchar(256) NOT NULL,
    CONSTRAINT "PK_EducationOrganizationIdentity" PRIMARY KEY ("DocumentId"),
    CONSTRAINT "UX_EducationOrganizationIdentity_NK" UNIQUE ("EducationOrganizationId"),
    CONSTRAINT "UX_EducationOrganizationIdentity_RefKey" UNIQUE ("EducationOrganizationId", "DocumentId")
);

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_ClassPeriod_Document'
        AND conrelid = to_regclass('"edfi"."ClassPeriod"')
    )
    THEN
        ALTER TABLE "edfi"."ClassPeriod"
        ADD CONSTRAINT "FK_ClassPeriod_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_ClassPeriod_School_RefKey'
        AND conrelid = to_regclass('"edfi"."ClassPeriod"')
    )
    THEN
        ALTER TABLE "edfi"."ClassPeriod"
        ADD CONSTRAINT "FK_ClassPeriod_School_RefKey"
        FOREIGN KEY ("School_SchoolId", "School_DocumentId")
        REFERENCES "edfi"."School" ("SchoolId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_ClassPeriodMeetingTime_ClassPeriod'
        AND conrelid = to_regclass('"edfi"."ClassPeriodMeetingTime"')
    )
    THEN
        ALTER TABLE "edfi"."ClassPeriodMeetingTime"
        ADD CONSTRAINT "FK_ClassPeriodMeetingTime_ClassPeriod"
        FOREIGN KEY ("ClassPeriod_DocumentId")
        REFERENCES "edfi"."ClassPeriod" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Course_AcademicSubjectDescriptor'
        AND conrelid = to_regclass('"edfi"."Course"')
    )
    THEN
        ALTER TABLE "edfi"."Course"
        ADD CONSTRAINT "FK_Course_AcademicSubjectDescriptor"
        FOREIGN KEY ("AcademicSubjectDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Course_Document'
        AND conrelid = to_regclass('"edfi"."Course"')
    )
    THEN
        ALTER TABLE "edfi"."Course"
        ADD CONSTRAINT "FK_Course_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Course_EducationOrganization_RefKey'
        AND conrelid = to_regclass('"edfi"."Course"')
    )
    THEN
        ALTER TABLE "edfi"."Course"
        ADD CONSTRAINT "FK_Course_EducationOrganization_RefKey"
        FOREIGN KEY ("EducationOrganization_EducationOrganizationId", "EducationOrganization_DocumentId")
        REFERENCES "edfi"."EducationOrganizationIdentity" ("EducationOrganizationId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseIdentificationCode_Course'
        AND conrelid = to_regclass('"edfi"."CourseIdentificationCode"')
    )
    THEN
        ALTER TABLE "edfi"."CourseIdentificationCode"
        ADD CONSTRAINT "FK_CourseIdentificationCode_Course"
        FOREIGN KEY ("Course_DocumentId")
        REFERENCES "edfi"."Course" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseIdentificationCode_CourseIdentificationSyst_4180ff606e'
        AND conrelid = to_regclass('"edfi"."CourseIdentificationCode"')
    )
    THEN
        ALTER TABLE "edfi"."CourseIdentificationCode"
        ADD CONSTRAINT "FK_CourseIdentificationCode_CourseIdentificationSyst_4180ff606e"
        FOREIGN KEY ("CourseIdentificationSystemDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseOfferedGradeLevel_Course'
        AND conrelid = to_regclass('"edfi"."CourseOfferedGradeLevel"')
    )
    THEN
        ALTER TABLE "edfi"."CourseOfferedGradeLevel"
        ADD CONSTRAINT "FK_CourseOfferedGradeLevel_Course"
        FOREIGN KEY ("Course_DocumentId")
        REFERENCES "edfi"."Course" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseOfferedGradeLevel_GradeLevelDescriptor'
        AND conrelid = to_regclass('"edfi"."CourseOfferedGradeLevel"')
    )
    THEN
        ALTER TABLE "edfi"."CourseOfferedGradeLevel"
        ADD CONSTRAINT "FK_CourseOfferedGradeLevel_GradeLevelDescriptor"
        FOREIGN KEY ("GradeLevelDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseOffering_Course_RefKey'
        AND conrelid = to_regclass('"edfi"."CourseOffering"')
    )
    THEN
        ALTER TABLE "edfi"."CourseOffering"
        ADD CONSTRAINT "FK_CourseOffering_Course_RefKey"
        FOREIGN KEY ("Course_CourseCode", "Course_EducationOrganizationId", "Course_DocumentId")
        REFERENCES "edfi"."Course" ("CourseCode", "EducationOrganization_EducationOrganizationId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseOffering_Document'
        AND conrelid = to_regclass('"edfi"."CourseOffering"')
    )
    THEN
        ALTER TABLE "edfi"."CourseOffering"
        ADD CONSTRAINT "FK_CourseOffering_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseOffering_School_RefKey'
        AND conrelid = to_regclass('"edfi"."CourseOffering"')
    )
    THEN
        ALTER TABLE "edfi"."CourseOffering"
        ADD CONSTRAINT "FK_CourseOffering_School_RefKey"
        FOREIGN KEY ("SchoolId_Unified", "School_DocumentId")
        REFERENCES "edfi"."School" ("SchoolId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseOffering_Session_RefKey'
        AND conrelid = to_regclass('"edfi"."CourseOffering"')
    )
    THEN
        ALTER TABLE "edfi"."CourseOffering"
        ADD CONSTRAINT "FK_CourseOffering_Session_RefKey"
        FOREIGN KEY ("SchoolId_Unified", "Session_SchoolYear", "Session_SessionName", "Session_DocumentId")
        REFERENCES "edfi"."Session" ("School_SchoolId", "SchoolYear_SchoolYear", "SessionName", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseOfferingOfferedGradeLevel_CourseOffering'
        AND conrelid = to_regclass('"edfi"."CourseOfferingOfferedGradeLevel"')
    )
    THEN
        ALTER TABLE "edfi"."CourseOfferingOfferedGradeLevel"
        ADD CONSTRAINT "FK_CourseOfferingOfferedGradeLevel_CourseOffering"
        FOREIGN KEY ("CourseOffering_DocumentId")
        REFERENCES "edfi"."CourseOffering" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_CourseOfferingOfferedGradeLevel_GradeLevelDescriptor'
        AND conrelid = to_regclass('"edfi"."CourseOfferingOfferedGradeLevel"')
    )
    THEN
        ALTER TABLE "edfi"."CourseOfferingOfferedGradeLevel"
        ADD CONSTRAINT "FK_CourseOfferingOfferedGradeLevel_GradeLevelDescriptor"
        FOREIGN KEY ("GradeLevelDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgency_Document'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgency"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgency"
        ADD CONSTRAINT "FK_LocalEducationAgency_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgency_LocalEducationAgencyCategoryDescriptor'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgency"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgency"
        ADD CONSTRAINT "FK_LocalEducationAgency_LocalEducationAgencyCategoryDescriptor"
        FOREIGN KEY ("LocalEducationAgencyCategoryDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgency_ParentLocalEducationAgency_RefKey'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgency"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgency"
        ADD CONSTRAINT "FK_LocalEducationAgency_ParentLocalEducationAgency_RefKey"
        FOREIGN KEY ("ParentLocalEducationAgency_LocalEducationAgencyId", "ParentLocalEducationAgency_DocumentId")
        REFERENCES "edfi"."LocalEducationAgency" ("LocalEducationAgencyId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyAccountability_LocalEducationAgency'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyAccountability"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyAccountability"
        ADD CONSTRAINT "FK_LocalEducationAgencyAccountability_LocalEducationAgency"
        FOREIGN KEY ("LocalEducationAgency_DocumentId")
        REFERENCES "edfi"."LocalEducationAgency" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyAccountability_LocalEducation_6e06072099'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyAccountability"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyAccountability"
        ADD CONSTRAINT "FK_LocalEducationAgencyAccountability_LocalEducation_6e06072099"
        FOREIGN KEY ("LocalEducationAgencyAccountabilitySchoolYear_SchoolYear", "LocalEducationAgencyAccountabilitySchoolYear_DocumentId")
        REFERENCES "edfi"."SchoolYearType" ("SchoolYear", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyAddress_AddressTypeDescriptor'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyAddress"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyAddress"
        ADD CONSTRAINT "FK_LocalEducationAgencyAddress_AddressTypeDescriptor"
        FOREIGN KEY ("AddressTypeDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyAddress_LocalEducationAgency'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyAddress"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyAddress"
        ADD CONSTRAINT "FK_LocalEducationAgencyAddress_LocalEducationAgency"
        FOREIGN KEY ("LocalEducationAgency_DocumentId")
        REFERENCES "edfi"."LocalEducationAgency" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyAddress_StateAbbreviationDescriptor'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyAddress"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyAddress"
        ADD CONSTRAINT "FK_LocalEducationAgencyAddress_StateAbbreviationDescriptor"
        FOREIGN KEY ("StateAbbreviationDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyCategory_EducationOrganizatio_a425ea48d9'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyCategory"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyCategory"
        ADD CONSTRAINT "FK_LocalEducationAgencyCategory_EducationOrganizatio_a425ea48d9"
        FOREIGN KEY ("EducationOrganizationCategoryDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyCategory_LocalEducationAgency'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyCategory"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyCategory"
        ADD CONSTRAINT "FK_LocalEducationAgencyCategory_LocalEducationAgency"
        FOREIGN KEY ("LocalEducationAgency_DocumentId")
        REFERENCES "edfi"."LocalEducationAgency" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyFederalFunds_LocalEducationAgency'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyFederalFunds"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyFederalFunds"
        ADD CONSTRAINT "FK_LocalEducationAgencyFederalFunds_LocalEducationAgency"
        FOREIGN KEY ("LocalEducationAgency_DocumentId")
        REFERENCES "edfi"."LocalEducationAgency" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_LocalEducationAgencyAddressPeriod_LocalEducationA_5701cbbcf0'
        AND conrelid = to_regclass('"edfi"."LocalEducationAgencyAddressPeriod"')
    )
    THEN
        ALTER TABLE "edfi"."LocalEducationAgencyAddressPeriod"
        ADD CONSTRAINT "FK_LocalEducationAgencyAddressPeriod_LocalEducationA_5701cbbcf0"
        FOREIGN KEY ("ParentCollectionItemId", "LocalEducationAgency_DocumentId")
        REFERENCES "edfi"."LocalEducationAgencyAddress" ("CollectionItemId", "LocalEducationAgency_DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Program_Document'
        AND conrelid = to_regclass('"edfi"."Program"')
    )
    THEN
        ALTER TABLE "edfi"."Program"
        ADD CONSTRAINT "FK_Program_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Program_EducationOrganization_RefKey'
        AND conrelid = to_regclass('"edfi"."Program"')
    )
    THEN
        ALTER TABLE "edfi"."Program"
        ADD CONSTRAINT "FK_Program_EducationOrganization_RefKey"
        FOREIGN KEY ("EducationOrganization_EducationOrganizationId", "EducationOrganization_DocumentId")
        REFERENCES "edfi"."EducationOrganizationIdentity" ("EducationOrganizationId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Program_ProgramTypeDescriptor'
        AND conrelid = to_regclass('"edfi"."Program"')
    )
    THEN
        ALTER TABLE "edfi"."Program"
        ADD CONSTRAINT "FK_Program_ProgramTypeDescriptor"
        FOREIGN KEY ("ProgramTypeDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_School_CharterApprovalSchoolYear_RefKey'
        AND conrelid = to_regclass('"edfi"."School"')
    )
    THEN
        ALTER TABLE "edfi"."School"
        ADD CONSTRAINT "FK_School_CharterApprovalSchoolYear_RefKey"
        FOREIGN KEY ("CharterApprovalSchoolYear_CharterApprovalSchoolYear", "CharterApprovalSchoolYear_DocumentId")
        REFERENCES "edfi"."SchoolYearType" ("SchoolYear", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_School_Document'
        AND conrelid = to_regclass('"edfi"."School"')
    )
    THEN
        ALTER TABLE "edfi"."School"
        ADD CONSTRAINT "FK_School_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_School_LocalEducationAgency_RefKey'
        AND conrelid = to_regclass('"edfi"."School"')
    )
    THEN
        ALTER TABLE "edfi"."School"
        ADD CONSTRAINT "FK_School_LocalEducationAgency_RefKey"
        FOREIGN KEY ("LocalEducationAgency_LocalEducationAgencyId", "LocalEducationAgency_DocumentId")
        REFERENCES "edfi"."LocalEducationAgency" ("LocalEducationAgencyId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolExtension_School'
        AND conrelid = to_regclass('"sample"."SchoolExtension"')
    )
    THEN
        ALTER TABLE "sample"."SchoolExtension"
        ADD CONSTRAINT "FK_SchoolExtension_School"
        FOREIGN KEY ("DocumentId")
        REFERENCES "edfi"."School" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_RefKey'
        AND conrelid = to_regclass('"sample"."SchoolExtensionDirectlyOwnedBus"')
    )
    THEN
        ALTER TABLE "sample"."SchoolExtensionDirectlyOwnedBus"
        ADD CONSTRAINT "FK_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus_RefKey"
        FOREIGN KEY ("DirectlyOwnedBus_BusId", "DirectlyOwnedBus_DocumentId")
        REFERENCES "sample"."Bus" ("BusId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolExtensionDirectlyOwnedBus_SchoolExtension'
        AND conrelid = to_regclass('"sample"."SchoolExtensionDirectlyOwnedBus"')
    )
    THEN
        ALTER TABLE "sample"."SchoolExtensionDirectlyOwnedBus"
        ADD CONSTRAINT "FK_SchoolExtensionDirectlyOwnedBus_SchoolExtension"
        FOREIGN KEY ("School_DocumentId")
        REFERENCES "sample"."SchoolExtension" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolAddress_AddressTypeDescriptor'
        AND conrelid = to_regclass('"edfi"."SchoolAddress"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolAddress"
        ADD CONSTRAINT "FK_SchoolAddress_AddressTypeDescriptor"
        FOREIGN KEY ("AddressTypeDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolAddress_School'
        AND conrelid = to_regclass('"edfi"."SchoolAddress"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolAddress"
        ADD CONSTRAINT "FK_SchoolAddress_School"
        FOREIGN KEY ("School_DocumentId")
        REFERENCES "edfi"."School" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolAddress_StateAbbreviationDescriptor'
        AND conrelid = to_regclass('"edfi"."SchoolAddress"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolAddress"
        ADD CONSTRAINT "FK_SchoolAddress_StateAbbreviationDescriptor"
        FOREIGN KEY ("StateAbbreviationDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolEducationOrganizationCategory_EducationOrga_f1017a41bd'
        AND conrelid = to_regclass('"edfi"."SchoolEducationOrganizationCategory"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolEducationOrganizationCategory"
        ADD CONSTRAINT "FK_SchoolEducationOrganizationCategory_EducationOrga_f1017a41bd"
        FOREIGN KEY ("EducationOrganizationCategoryDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolEducationOrganizationCategory_School'
        AND conrelid = to_regclass('"edfi"."SchoolEducationOrganizationCategory"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolEducationOrganizationCategory"
        ADD CONSTRAINT "FK_SchoolEducationOrganizationCategory_School"
        FOREIGN KEY ("School_DocumentId")
        REFERENCES "edfi"."School" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolGradeLevel_GradeLevelDescriptor'
        AND conrelid = to_regclass('"edfi"."SchoolGradeLevel"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolGradeLevel"
        ADD CONSTRAINT "FK_SchoolGradeLevel_GradeLevelDescriptor"
        FOREIGN KEY ("GradeLevelDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolGradeLevel_School'
        AND conrelid = to_regclass('"edfi"."SchoolGradeLevel"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolGradeLevel"
        ADD CONSTRAINT "FK_SchoolGradeLevel_School"
        FOREIGN KEY ("School_DocumentId")
        REFERENCES "edfi"."School" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolAddressPeriod_SchoolAddress'
        AND conrelid = to_regclass('"edfi"."SchoolAddressPeriod"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolAddressPeriod"
        ADD CONSTRAINT "FK_SchoolAddressPeriod_SchoolAddress"
        FOREIGN KEY ("ParentCollectionItemId", "School_DocumentId")
        REFERENCES "edfi"."SchoolAddress" ("CollectionItemId", "School_DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SchoolYearType_Document'
        AND conrelid = to_regclass('"edfi"."SchoolYearType"')
    )
    THEN
        ALTER TABLE "edfi"."SchoolYearType"
        ADD CONSTRAINT "FK_SchoolYearType_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Section_CourseOffering_RefKey'
        AND conrelid = to_regclass('"edfi"."Section"')
    )
    THEN
        ALTER TABLE "edfi"."Section"
        ADD CONSTRAINT "FK_Section_CourseOffering_RefKey"
        FOREIGN KEY ("CourseOffering_LocalCourseCode", "SchoolId_Unified", "CourseOffering_SchoolYear", "CourseOffering_SessionName", "CourseOffering_DocumentId")
        REFERENCES "edfi"."CourseOffering" ("LocalCourseCode", "SchoolId_Unified", "Session_SchoolYear", "Session_SessionName", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Section_Document'
        AND conrelid = to_regclass('"edfi"."Section"')
    )
    THEN
        ALTER TABLE "edfi"."Section"
        ADD CONSTRAINT "FK_Section_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Section_LocationSchool_RefKey'
        AND conrelid = to_regclass('"edfi"."Section"')
    )
    THEN
        ALTER TABLE "edfi"."Section"
        ADD CONSTRAINT "FK_Section_LocationSchool_RefKey"
        FOREIGN KEY ("LocationSchool_SchoolId", "LocationSchool_DocumentId")
        REFERENCES "edfi"."School" ("SchoolId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SectionClassPeriod_ClassPeriod_RefKey'
        AND conrelid = to_regclass('"edfi"."SectionClassPeriod"')
    )
    THEN
        ALTER TABLE "edfi"."SectionClassPeriod"
        ADD CONSTRAINT "FK_SectionClassPeriod_ClassPeriod_RefKey"
        FOREIGN KEY ("ClassPeriod_ClassPeriodName", "ClassPeriod_SchoolId", "ClassPeriod_DocumentId")
        REFERENCES "edfi"."ClassPeriod" ("ClassPeriodName", "School_SchoolId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SectionClassPeriod_Section'
        AND conrelid = to_regclass('"edfi"."SectionClassPeriod"')
    )
    THEN
        ALTER TABLE "edfi"."SectionClassPeriod"
        ADD CONSTRAINT "FK_SectionClassPeriod_Section"
        FOREIGN KEY ("Section_DocumentId")
        REFERENCES "edfi"."Section" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SectionOfferedGradeLevel_GradeLevelDescriptor'
        AND conrelid = to_regclass('"edfi"."SectionOfferedGradeLevel"')
    )
    THEN
        ALTER TABLE "edfi"."SectionOfferedGradeLevel"
        ADD CONSTRAINT "FK_SectionOfferedGradeLevel_GradeLevelDescriptor"
        FOREIGN KEY ("GradeLevelDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SectionOfferedGradeLevel_Section'
        AND conrelid = to_regclass('"edfi"."SectionOfferedGradeLevel"')
    )
    THEN
        ALTER TABLE "edfi"."SectionOfferedGradeLevel"
        ADD CONSTRAINT "FK_SectionOfferedGradeLevel_Section"
        FOREIGN KEY ("Section_DocumentId")
        REFERENCES "edfi"."Section" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SectionProgram_Program_ProgramTypeDescriptor'
        AND conrelid = to_regclass('"edfi"."SectionProgram"')
    )
    THEN
        ALTER TABLE "edfi"."SectionProgram"
        ADD CONSTRAINT "FK_SectionProgram_Program_ProgramTypeDescriptor"
        FOREIGN KEY ("Program_ProgramTypeDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SectionProgram_Program_RefKey'
        AND conrelid = to_regclass('"edfi"."SectionProgram"')
    )
    THEN
        ALTER TABLE "edfi"."SectionProgram"
        ADD CONSTRAINT "FK_SectionProgram_Program_RefKey"
        FOREIGN KEY ("Program_EducationOrganizationId", "Program_ProgramName", "Program_ProgramTypeDescriptor_DescriptorId", "Program_DocumentId")
        REFERENCES "edfi"."Program" ("EducationOrganization_EducationOrganizationId", "ProgramName", "ProgramTypeDescriptor_DescriptorId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_SectionProgram_Section'
        AND conrelid = to_regclass('"edfi"."SectionProgram"')
    )
    THEN
        ALTER TABLE "edfi"."SectionProgram"
        ADD CONSTRAINT "FK_SectionProgram_Section"
        FOREIGN KEY ("Section_DocumentId")
        REFERENCES "edfi"."Section" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Session_Document'
        AND conrelid = to_regclass('"edfi"."Session"')
    )
    THEN
        ALTER TABLE "edfi"."Session"
        ADD CONSTRAINT "FK_Session_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Session_SchoolYear_RefKey'
        AND conrelid = to_regclass('"edfi"."Session"')
    )
    THEN
        ALTER TABLE "edfi"."Session"
        ADD CONSTRAINT "FK_Session_SchoolYear_RefKey"
        FOREIGN KEY ("SchoolYear_SchoolYear", "SchoolYear_DocumentId")
        REFERENCES "edfi"."SchoolYearType" ("SchoolYear", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Session_School_RefKey'
        AND conrelid = to_regclass('"edfi"."Session"')
    )
    THEN
        ALTER TABLE "edfi"."Session"
        ADD CONSTRAINT "FK_Session_School_RefKey"
        FOREIGN KEY ("School_SchoolId", "School_DocumentId")
        REFERENCES "edfi"."School" ("SchoolId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Session_TermDescriptor'
        AND conrelid = to_regclass('"edfi"."Session"')
    )
    THEN
        ALTER TABLE "edfi"."Session"
        ADD CONSTRAINT "FK_Session_TermDescriptor"
        FOREIGN KEY ("TermDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Staff_Document'
        AND conrelid = to_regclass('"edfi"."Staff"')
    )
    THEN
        ALTER TABLE "edfi"."Staff"
        ADD CONSTRAINT "FK_Staff_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Staff_SexDescriptor'
        AND conrelid = to_regclass('"edfi"."Staff"')
    )
    THEN
        ALTER TABLE "edfi"."Staff"
        ADD CONSTRAINT "FK_Staff_SexDescriptor"
        FOREIGN KEY ("SexDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StaffAddress_AddressTypeDescriptor'
        AND conrelid = to_regclass('"edfi"."StaffAddress"')
    )
    THEN
        ALTER TABLE "edfi"."StaffAddress"
        ADD CONSTRAINT "FK_StaffAddress_AddressTypeDescriptor"
        FOREIGN KEY ("AddressTypeDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StaffAddress_Staff'
        AND conrelid = to_regclass('"edfi"."StaffAddress"')
    )
    THEN
        ALTER TABLE "edfi"."StaffAddress"
        ADD CONSTRAINT "FK_StaffAddress_Staff"
        FOREIGN KEY ("Staff_DocumentId")
        REFERENCES "edfi"."Staff" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StaffAddress_StateAbbreviationDescriptor'
        AND conrelid = to_regclass('"edfi"."StaffAddress"')
    )
    THEN
        ALTER TABLE "edfi"."StaffAddress"
        ADD CONSTRAINT "FK_StaffAddress_StateAbbreviationDescriptor"
        FOREIGN KEY ("StateAbbreviationDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StaffTelephone_Staff'
        AND conrelid = to_regclass('"edfi"."StaffTelephone"')
    )
    THEN
        ALTER TABLE "edfi"."StaffTelephone"
        ADD CONSTRAINT "FK_StaffTelephone_Staff"
        FOREIGN KEY ("Staff_DocumentId")
        REFERENCES "edfi"."Staff" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StaffTelephone_TelephoneNumberTypeDescriptor'
        AND conrelid = to_regclass('"edfi"."StaffTelephone"')
    )
    THEN
        ALTER TABLE "edfi"."StaffTelephone"
        ADD CONSTRAINT "FK_StaffTelephone_TelephoneNumberTypeDescriptor"
        FOREIGN KEY ("TelephoneNumberTypeDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StaffAddressPeriod_StaffAddress'
        AND conrelid = to_regclass('"edfi"."StaffAddressPeriod"')
    )
    THEN
        ALTER TABLE "edfi"."StaffAddressPeriod"
        ADD CONSTRAINT "FK_StaffAddressPeriod_StaffAddress"
        FOREIGN KEY ("ParentCollectionItemId", "Staff_DocumentId")
        REFERENCES "edfi"."StaffAddress" ("CollectionItemId", "Staff_DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Student_BirthSexDescriptor'
        AND conrelid = to_regclass('"edfi"."Student"')
    )
    THEN
        ALTER TABLE "edfi"."Student"
        ADD CONSTRAINT "FK_Student_BirthSexDescriptor"
        FOREIGN KEY ("BirthSexDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Student_BirthStateAbbreviationDescriptor'
        AND conrelid = to_regclass('"edfi"."Student"')
    )
    THEN
        ALTER TABLE "edfi"."Student"
        ADD CONSTRAINT "FK_Student_BirthStateAbbreviationDescriptor"
        FOREIGN KEY ("BirthStateAbbreviationDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Student_Document'
        AND conrelid = to_regclass('"edfi"."Student"')
    )
    THEN
        ALTER TABLE "edfi"."Student"
        ADD CONSTRAINT "FK_Student_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentExtension_Student'
        AND conrelid = to_regclass('"sample"."StudentExtension"')
    )
    THEN
        ALTER TABLE "sample"."StudentExtension"
        ADD CONSTRAINT "FK_StudentExtension_Student"
        FOREIGN KEY ("DocumentId")
        REFERENCES "edfi"."Student" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentExtensionAquaticPet_StudentExtension'
        AND conrelid = to_regclass('"sample"."StudentExtensionAquaticPet"')
    )
    THEN
        ALTER TABLE "sample"."StudentExtensionAquaticPet"
        ADD CONSTRAINT "FK_StudentExtensionAquaticPet_StudentExtension"
        FOREIGN KEY ("Student_DocumentId")
        REFERENCES "sample"."StudentExtension" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentExtensionFavoriteBook_FavoriteBookCategoryDescriptor'
        AND conrelid = to_regclass('"sample"."StudentExtensionFavoriteBook"')
    )
    THEN
        ALTER TABLE "sample"."StudentExtensionFavoriteBook"
        ADD CONSTRAINT "FK_StudentExtensionFavoriteBook_FavoriteBookCategoryDescriptor"
        FOREIGN KEY ("FavoriteBookCategoryDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentExtensionFavoriteBook_StudentExtension'
        AND conrelid = to_regclass('"sample"."StudentExtensionFavoriteBook"')
    )
    THEN
        ALTER TABLE "sample"."StudentExtensionFavoriteBook"
        ADD CONSTRAINT "FK_StudentExtensionFavoriteBook_StudentExtension"
        FOREIGN KEY ("Student_DocumentId")
        REFERENCES "sample"."StudentExtension" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentExtensionPet_StudentExtension'
        AND conrelid = to_regclass('"sample"."StudentExtensionPet"')
    )
    THEN
        ALTER TABLE "sample"."StudentExtensionPet"
        ADD CONSTRAINT "FK_StudentExtensionPet_StudentExtension"
        FOREIGN KEY ("Student_DocumentId")
        REFERENCES "sample"."StudentExtension" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentExtensionFavoriteBookArtMedia_ArtMediumDescriptor'
        AND conrelid = to_regclass('"sample"."StudentExtensionFavoriteBookArtMedia"')
    )
    THEN
        ALTER TABLE "sample"."StudentExtensionFavoriteBookArtMedia"
        ADD CONSTRAINT "FK_StudentExtensionFavoriteBookArtMedia_ArtMediumDescriptor"
        FOREIGN KEY ("ArtMediumDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentExtensionFavoriteBookArtMedia_StudentExten_2711249f95'
        AND conrelid = to_regclass('"sample"."StudentExtensionFavoriteBookArtMedia"')
    )
    THEN
        ALTER TABLE "sample"."StudentExtensionFavoriteBookArtMedia"
        ADD CONSTRAINT "FK_StudentExtensionFavoriteBookArtMedia_StudentExten_2711249f95"
        FOREIGN KEY ("ParentCollectionItemId", "Student_DocumentId")
        REFERENCES "sample"."StudentExtensionFavoriteBook" ("CollectionItemId", "Student_DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSchoolAssociation_ClassOfSchoolYear_RefKey'
        AND conrelid = to_regclass('"edfi"."StudentSchoolAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSchoolAssociation"
        ADD CONSTRAINT "FK_StudentSchoolAssociation_ClassOfSchoolYear_RefKey"
        FOREIGN KEY ("ClassOfSchoolYear_ClassOfSchoolYear", "ClassOfSchoolYear_DocumentId")
        REFERENCES "edfi"."SchoolYearType" ("SchoolYear", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSchoolAssociation_Document'
        AND conrelid = to_regclass('"edfi"."StudentSchoolAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSchoolAssociation"
        ADD CONSTRAINT "FK_StudentSchoolAssociation_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSchoolAssociation_EntryGradeLevelDescriptor'
        AND conrelid = to_regclass('"edfi"."StudentSchoolAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSchoolAssociation"
        ADD CONSTRAINT "FK_StudentSchoolAssociation_EntryGradeLevelDescriptor"
        FOREIGN KEY ("EntryGradeLevelDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSchoolAssociation_SchoolYear_RefKey'
        AND conrelid = to_regclass('"edfi"."StudentSchoolAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSchoolAssociation"
        ADD CONSTRAINT "FK_StudentSchoolAssociation_SchoolYear_RefKey"
        FOREIGN KEY ("SchoolYear_SchoolYear", "SchoolYear_DocumentId")
        REFERENCES "edfi"."SchoolYearType" ("SchoolYear", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSchoolAssociation_School_RefKey'
        AND conrelid = to_regclass('"edfi"."StudentSchoolAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSchoolAssociation"
        ADD CONSTRAINT "FK_StudentSchoolAssociation_School_RefKey"
        FOREIGN KEY ("School_SchoolId", "School_DocumentId")
        REFERENCES "edfi"."School" ("SchoolId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSchoolAssociation_Student_RefKey'
        AND conrelid = to_regclass('"edfi"."StudentSchoolAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSchoolAssociation"
        ADD CONSTRAINT "FK_StudentSchoolAssociation_Student_RefKey"
        FOREIGN KEY ("Student_StudentUniqueId", "Student_DocumentId")
        REFERENCES "edfi"."Student" ("StudentUniqueId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSectionAssociation_Document'
        AND conrelid = to_regclass('"edfi"."StudentSectionAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSectionAssociation"
        ADD CONSTRAINT "FK_StudentSectionAssociation_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSectionAssociation_Section_RefKey'
        AND conrelid = to_regclass('"edfi"."StudentSectionAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSectionAssociation"
        ADD CONSTRAINT "FK_StudentSectionAssociation_Section_RefKey"
        FOREIGN KEY ("Section_LocalCourseCode", "Section_SchoolId", "Section_SchoolYear", "Section_SessionName", "Section_SectionIdentifier", "Section_DocumentId")
        REFERENCES "edfi"."Section" ("CourseOffering_LocalCourseCode", "SchoolId_Unified", "CourseOffering_SchoolYear", "CourseOffering_SessionName", "SectionIdentifier", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_StudentSectionAssociation_Student_RefKey'
        AND conrelid = to_regclass('"edfi"."StudentSectionAssociation"')
    )
    THEN
        ALTER TABLE "edfi"."StudentSectionAssociation"
        ADD CONSTRAINT "FK_StudentSectionAssociation_Student_RefKey"
        FOREIGN KEY ("Student_StudentUniqueId", "Student_DocumentId")
        REFERENCES "edfi"."Student" ("StudentUniqueId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_Bus_Document'
        AND conrelid = to_regclass('"sample"."Bus"')
    )
    THEN
        ALTER TABLE "sample"."Bus"
        ADD CONSTRAINT "FK_Bus_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRoute_Bus_RefKey'
        AND conrelid = to_regclass('"sample"."BusRoute"')
    )
    THEN
        ALTER TABLE "sample"."BusRoute"
        ADD CONSTRAINT "FK_BusRoute_Bus_RefKey"
        FOREIGN KEY ("Bus_BusId", "Bus_DocumentId")
        REFERENCES "sample"."Bus" ("BusId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRoute_Document'
        AND conrelid = to_regclass('"sample"."BusRoute"')
    )
    THEN
        ALTER TABLE "sample"."BusRoute"
        ADD CONSTRAINT "FK_BusRoute_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRouteBusYear_BusRoute'
        AND conrelid = to_regclass('"sample"."BusRouteBusYear"')
    )
    THEN
        ALTER TABLE "sample"."BusRouteBusYear"
        ADD CONSTRAINT "FK_BusRouteBusYear_BusRoute"
        FOREIGN KEY ("BusRoute_DocumentId")
        REFERENCES "sample"."BusRoute" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRouteProgram_BusRoute'
        AND conrelid = to_regclass('"sample"."BusRouteProgram"')
    )
    THEN
        ALTER TABLE "sample"."BusRouteProgram"
        ADD CONSTRAINT "FK_BusRouteProgram_BusRoute"
        FOREIGN KEY ("BusRoute_DocumentId")
        REFERENCES "sample"."BusRoute" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRouteProgram_Program_ProgramTypeDescriptor'
        AND conrelid = to_regclass('"sample"."BusRouteProgram"')
    )
    THEN
        ALTER TABLE "sample"."BusRouteProgram"
        ADD CONSTRAINT "FK_BusRouteProgram_Program_ProgramTypeDescriptor"
        FOREIGN KEY ("Program_ProgramTypeDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRouteProgram_Program_RefKey'
        AND conrelid = to_regclass('"sample"."BusRouteProgram"')
    )
    THEN
        ALTER TABLE "sample"."BusRouteProgram"
        ADD CONSTRAINT "FK_BusRouteProgram_Program_RefKey"
        FOREIGN KEY ("Program_EducationOrganizationId", "Program_ProgramName", "Program_ProgramTypeDescriptor_DescriptorId", "Program_DocumentId")
        REFERENCES "edfi"."Program" ("EducationOrganization_EducationOrganizationId", "ProgramName", "ProgramTypeDescriptor_DescriptorId", "DocumentId")
        ON DELETE NO ACTION
        ON UPDATE CASCADE;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRouteServiceAreaPostalCode_BusRoute'
        AND conrelid = to_regclass('"sample"."BusRouteServiceAreaPostalCode"')
    )
    THEN
        ALTER TABLE "sample"."BusRouteServiceAreaPostalCode"
        ADD CONSTRAINT "FK_BusRouteServiceAreaPostalCode_BusRoute"
        FOREIGN KEY ("BusRoute_DocumentId")
        REFERENCES "sample"."BusRoute" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRouteStartTime_BusRoute'
        AND conrelid = to_regclass('"sample"."BusRouteStartTime"')
    )
    THEN
        ALTER TABLE "sample"."BusRouteStartTime"
        ADD CONSTRAINT "FK_BusRouteStartTime_BusRoute"
        FOREIGN KEY ("BusRoute_DocumentId")
        REFERENCES "sample"."BusRoute" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRouteTelephone_BusRoute'
        AND conrelid = to_regclass('"sample"."BusRouteTelephone"')
    )
    THEN
        ALTER TABLE "sample"."BusRouteTelephone"
        ADD CONSTRAINT "FK_BusRouteTelephone_BusRoute"
        FOREIGN KEY ("BusRoute_DocumentId")
        REFERENCES "sample"."BusRoute" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_BusRouteTelephone_TelephoneNumberTypeDescriptor'
        AND conrelid = to_regclass('"sample"."BusRouteTelephone"')
    )
    THEN
        ALTER TABLE "sample"."BusRouteTelephone"
        ADD CONSTRAINT "FK_BusRouteTelephone_TelephoneNumberTypeDescriptor"
        FOREIGN KEY ("TelephoneNumberTypeDescriptor_DescriptorId")
        REFERENCES "dms"."Descriptor" ("DocumentId")
        ON DELETE NO ACTION
        ON UPDATE NO ACTION;
    END IF;
END $$;

DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'FK_EducationOrganizationIdentity_Document'
        AND conrelid = to_regclass('"edfi"."EducationOrganizationIdentity"')
    )
    THEN
        ALTER TABLE "edfi"."EducationOrganizationIdentity"
        ADD CONSTRAINT "FK_EducationOrganizationIdentity_Document"
        FOREIGN KEY ("DocumentId")
        REFERENCES "dms"."Document" ("DocumentId")
        ON DELETE CASCADE
        ON UPDATE NO ACTION;
    END IF;
END $$;

CREATE INDEX IF NOT EXISTS "IX_EducationOrganizationIdToEducationOrganizationId_Target" ON "auth"."EducationOrganizationIdToEducationOrganizationId" ("TargetEducationOrganizationId") INCLUDE ("SourceEducationOrganizationId");

CREATE INDEX IF NOT EXISTS "IX_Descriptor_Discriminator_ContentVersion" ON "dms"."Descriptor" ("Discriminator", "ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_Descriptor_Namespace_Auth" ON "dms"."Descriptor" ("Namespace" varchar_pattern_ops);

CREATE INDEX IF NOT EXISTS "IX_Descriptor_ResourceKeyId_ContentVersion_DocumentId" ON "dms"."Descriptor" ("ResourceKeyId", "ContentVersion", "DocumentId");

CREATE INDEX IF NOT EXISTS "IX_ClassPeriod_ContentVersion" ON "edfi"."ClassPeriod" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_ClassPeriod_School_SchoolId_Auth" ON "edfi"."ClassPeriod" ("School_SchoolId");

CREATE INDEX IF NOT EXISTS "IX_ClassPeriod_School_SchoolId_School_DocumentId" ON "edfi"."ClassPeriod" ("School_SchoolId", "School_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Course_AcademicSubjectDescriptor_DescriptorId" ON "edfi"."Course" ("AcademicSubjectDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_Course_ContentVersion" ON "edfi"."Course" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_Course_EducationOrganization_EducationOrganizatio_af622fa9ad" ON "edfi"."Course" ("EducationOrganization_EducationOrganizationId", "EducationOrganization_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Course_EducationOrganization_EducationOrganizationId_Auth" ON "edfi"."Course" ("EducationOrganization_EducationOrganizationId");

CREATE INDEX IF NOT EXISTS "IX_CourseIdentificationCode_CourseIdentificationSyst_5600fbeabb" ON "edfi"."CourseIdentificationCode" ("CourseIdentificationSystemDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_CourseOfferedGradeLevel_GradeLevelDescriptor_DescriptorId" ON "edfi"."CourseOfferedGradeLevel" ("GradeLevelDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_CourseOffering_ContentVersion" ON "edfi"."CourseOffering" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_CourseOffering_Course_CourseCode_Course_Education_a873b036cc" ON "edfi"."CourseOffering" ("Course_CourseCode", "Course_EducationOrganizationId", "Course_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_CourseOffering_SchoolId_Unified_Auth" ON "edfi"."CourseOffering" ("SchoolId_Unified");

CREATE INDEX IF NOT EXISTS "IX_CourseOffering_SchoolId_Unified_School_DocumentId" ON "edfi"."CourseOffering" ("SchoolId_Unified", "School_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_CourseOffering_SchoolId_Unified_Session_SchoolYea_974592f228" ON "edfi"."CourseOffering" ("SchoolId_Unified", "Session_SchoolYear", "Session_SessionName", "Session_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_CourseOfferingOfferedGradeLevel_GradeLevelDescrip_ac688c1003" ON "edfi"."CourseOfferingOfferedGradeLevel" ("GradeLevelDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_LocalEducationAgency_ContentVersion" ON "edfi"."LocalEducationAgency" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_LocalEducationAgency_LocalEducationAgencyCategory_e084f218f5" ON "edfi"."LocalEducationAgency" ("LocalEducationAgencyCategoryDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_LocalEducationAgency_ParentLocalEducationAgency_L_6d56afcd7e" ON "edfi"."LocalEducationAgency" ("ParentLocalEducationAgency_LocalEducationAgencyId", "ParentLocalEducationAgency_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_LocalEducationAgencyAccountability_LocalEducation_2b6d6c6eef" ON "edfi"."LocalEducationAgencyAccountability" ("LocalEducationAgencyAccountabilitySchoolYear_SchoolYear", "LocalEducationAgencyAccountabilitySchoolYear_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_LocalEducationAgencyAddress_AddressTypeDescriptor_7b1687ae0c" ON "edfi"."LocalEducationAgencyAddress" ("AddressTypeDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_LocalEducationAgencyAddress_StateAbbreviationDesc_9261cd238d" ON "edfi"."LocalEducationAgencyAddress" ("StateAbbreviationDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_LocalEducationAgencyAddressPeriod_ParentCollectio_9cf4585ef5" ON "edfi"."LocalEducationAgencyAddressPeriod" ("ParentCollectionItemId", "LocalEducationAgency_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_LocalEducationAgencyCategory_EducationOrganizatio_84b5d6f9db" ON "edfi"."LocalEducationAgencyCategory" ("EducationOrganizationCategoryDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_Program_ContentVersion" ON "edfi"."Program" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_Program_EducationOrganization_EducationOrganizati_c73e683cad" ON "edfi"."Program" ("EducationOrganization_EducationOrganizationId", "EducationOrganization_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Program_ProgramTypeDescriptor_DescriptorId" ON "edfi"."Program" ("ProgramTypeDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_School_CharterApprovalSchoolYear_CharterApprovalS_7e773ec295" ON "edfi"."School" ("CharterApprovalSchoolYear_CharterApprovalSchoolYear", "CharterApprovalSchoolYear_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_School_ContentVersion" ON "edfi"."School" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_School_LocalEducationAgency_LocalEducationAgencyI_9af032fa27" ON "edfi"."School" ("LocalEducationAgency_LocalEducationAgencyId", "LocalEducationAgency_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_SchoolAddress_AddressTypeDescriptor_DescriptorId" ON "edfi"."SchoolAddress" ("AddressTypeDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_SchoolAddress_StateAbbreviationDescriptor_DescriptorId" ON "edfi"."SchoolAddress" ("StateAbbreviationDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_SchoolAddressPeriod_ParentCollectionItemId_School_DocumentId" ON "edfi"."SchoolAddressPeriod" ("ParentCollectionItemId", "School_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_SchoolEducationOrganizationCategory_EducationOrga_e6457af06c" ON "edfi"."SchoolEducationOrganizationCategory" ("EducationOrganizationCategoryDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_SchoolGradeLevel_GradeLevelDescriptor_DescriptorId" ON "edfi"."SchoolGradeLevel" ("GradeLevelDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_SchoolYearType_ContentVersion" ON "edfi"."SchoolYearType" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_Section_ContentVersion" ON "edfi"."Section" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_Section_CourseOffering_LocalCourseCode_SchoolId_U_1e931bf166" ON "edfi"."Section" ("CourseOffering_LocalCourseCode", "SchoolId_Unified", "CourseOffering_SchoolYear", "CourseOffering_SessionName", "CourseOffering_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Section_LocationSchool_SchoolId_LocationSchool_DocumentId" ON "edfi"."Section" ("LocationSchool_SchoolId", "LocationSchool_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Section_SchoolId_Unified_Auth" ON "edfi"."Section" ("SchoolId_Unified");

CREATE INDEX IF NOT EXISTS "IX_SectionClassPeriod_ClassPeriod_ClassPeriodName_Cl_efe7115da7" ON "edfi"."SectionClassPeriod" ("ClassPeriod_ClassPeriodName", "ClassPeriod_SchoolId", "ClassPeriod_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_SectionOfferedGradeLevel_GradeLevelDescriptor_DescriptorId" ON "edfi"."SectionOfferedGradeLevel" ("GradeLevelDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_SectionProgram_Program_EducationOrganizationId_Pr_0c0a4fe723" ON "edfi"."SectionProgram" ("Program_EducationOrganizationId", "Program_ProgramName", "Program_ProgramTypeDescriptor_DescriptorId", "Program_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_SectionProgram_Program_ProgramTypeDescriptor_DescriptorId" ON "edfi"."SectionProgram" ("Program_ProgramTypeDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_Session_ContentVersion" ON "edfi"."Session" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_Session_SchoolYear_SchoolYear_SchoolYear_DocumentId" ON "edfi"."Session" ("SchoolYear_SchoolYear", "SchoolYear_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Session_School_SchoolId_School_DocumentId" ON "edfi"."Session" ("School_SchoolId", "School_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Session_TermDescriptor_DescriptorId" ON "edfi"."Session" ("TermDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_Staff_ContentVersion" ON "edfi"."Staff" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_Staff_SexDescriptor_DescriptorId" ON "edfi"."Staff" ("SexDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_StaffAddress_AddressTypeDescriptor_DescriptorId" ON "edfi"."StaffAddress" ("AddressTypeDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_StaffAddress_StateAbbreviationDescriptor_DescriptorId" ON "edfi"."StaffAddress" ("StateAbbreviationDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_StaffAddressPeriod_ParentCollectionItemId_Staff_DocumentId" ON "edfi"."StaffAddressPeriod" ("ParentCollectionItemId", "Staff_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StaffTelephone_TelephoneNumberTypeDescriptor_DescriptorId" ON "edfi"."StaffTelephone" ("TelephoneNumberTypeDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_Student_BirthSexDescriptor_DescriptorId" ON "edfi"."Student" ("BirthSexDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_Student_BirthStateAbbreviationDescriptor_DescriptorId" ON "edfi"."Student" ("BirthStateAbbreviationDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_Student_ContentVersion" ON "edfi"."Student" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_ClassOfSchoolYear_ClassO_bc07040ecd" ON "edfi"."StudentSchoolAssociation" ("ClassOfSchoolYear_ClassOfSchoolYear", "ClassOfSchoolYear_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_ContentVersion" ON "edfi"."StudentSchoolAssociation" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_EntryGradeLevelDescripto_3810677a1b" ON "edfi"."StudentSchoolAssociation" ("EntryGradeLevelDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_SchoolYear_SchoolYear_Sc_00dd758e59" ON "edfi"."StudentSchoolAssociation" ("SchoolYear_SchoolYear", "SchoolYear_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_School_SchoolId_Auth" ON "edfi"."StudentSchoolAssociation" ("School_SchoolId") INCLUDE ("DocumentId", "Student_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_School_SchoolId_School_DocumentId" ON "edfi"."StudentSchoolAssociation" ("School_SchoolId", "School_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_Student_DocumentId_Auth" ON "edfi"."StudentSchoolAssociation" ("Student_DocumentId") INCLUDE ("DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_Student_StudentUniqueId__a72db5c61b" ON "edfi"."StudentSchoolAssociation" ("Student_StudentUniqueId", "Student_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSectionAssociation_ContentVersion" ON "edfi"."StudentSectionAssociation" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_StudentSectionAssociation_Section_LocalCourseCode_836e64d24b" ON "edfi"."StudentSectionAssociation" ("Section_LocalCourseCode", "Section_SchoolId", "Section_SchoolYear", "Section_SessionName", "Section_SectionIdentifier", "Section_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSectionAssociation_Section_SchoolId_Auth" ON "edfi"."StudentSectionAssociation" ("Section_SchoolId");

CREATE INDEX IF NOT EXISTS "IX_StudentSectionAssociation_Student_DocumentId_Auth" ON "edfi"."StudentSectionAssociation" ("Student_DocumentId") INCLUDE ("DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSectionAssociation_Student_StudentUniqueId_2d0a1526f3" ON "edfi"."StudentSectionAssociation" ("Student_StudentUniqueId", "Student_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_Bus_ContentVersion" ON "sample"."Bus" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_BusRoute_Bus_BusId_Bus_DocumentId" ON "sample"."BusRoute" ("Bus_BusId", "Bus_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_BusRoute_ContentVersion" ON "sample"."BusRoute" ("ContentVersion");

CREATE INDEX IF NOT EXISTS "IX_BusRouteProgram_Program_EducationOrganizationId_P_85b96bd7bf" ON "sample"."BusRouteProgram" ("Program_EducationOrganizationId", "Program_ProgramName", "Program_ProgramTypeDescriptor_DescriptorId", "Program_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_BusRouteProgram_Program_ProgramTypeDescriptor_DescriptorId" ON "sample"."BusRouteProgram" ("Program_ProgramTypeDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_BusRouteTelephone_TelephoneNumberTypeDescriptor_DescriptorId" ON "sample"."BusRouteTelephone" ("TelephoneNumberTypeDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_SchoolExtensionDirectlyOwnedBus_DirectlyOwnedBus__284e14b584" ON "sample"."SchoolExtensionDirectlyOwnedBus" ("DirectlyOwnedBus_BusId", "DirectlyOwnedBus_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentExtensionFavoriteBook_FavoriteBookCategory_026716f0bd" ON "sample"."StudentExtensionFavoriteBook" ("FavoriteBookCategoryDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_StudentExtensionFavoriteBookArtMedia_ArtMediumDes_d8b75cf7ae" ON "sample"."StudentExtensionFavoriteBookArtMedia" ("ArtMediumDescriptor_DescriptorId");

CREATE INDEX IF NOT EXISTS "IX_StudentExtensionFavoriteBookArtMedia_ParentCollec_e1b45cd018" ON "sample"."StudentExtensionFavoriteBookArtMedia" ("ParentCollectionItemId", "Student_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_OldSchool_SchoolId_Auth" ON "tracked_changes_edfi"."StudentSchoolAssociation" ("OldSchool_SchoolId") INCLUDE ("OldStudent_DocumentId");

CREATE INDEX IF NOT EXISTS "IX_StudentSchoolAssociation_OldStudent_DocumentId_Auth" ON "tracked_changes_edfi"."StudentSchoolAssociation" ("OldStudent_DocumentId") INCLUDE ("OldSchool_SchoolId");

CREATE OR REPLACE VIEW "edfi"."EducationOrganization_View" AS
SELECT "DocumentId" AS "DocumentId", "LocalEducationAgencyId" AS "EducationOrganizationId", 'Ed-Fi:LocalEducationAgency'::varchar(256) AS "Discriminator"
FROM "edfi"."LocalEducationAgency"
UNION ALL
SELECT "DocumentId" AS "DocumentId", "SchoolId" AS "EducationOrganizationId", 'Ed-Fi:School'::varchar(256) AS "Discriminator"
FROM "edfi"."School"
;

CREATE OR REPLACE VIEW "auth"."EducationOrganizationIdToStudentDocumentId" AS
SELECT
    edOrg."SourceEducationOrganizationId",
    ssa."Student_DocumentId"
FROM "auth"."EducationOrganizationIdToEducationOrganizationId" edOrg
INNER JOIN "edfi"."StudentSchoolAssociation" ssa ON edOrg."TargetEducationOrganizationId" = ssa."School_SchoolId"
;

CREATE OR REPLACE VIEW "auth"."EducationOrganizationIdToStudentDocumentIdIncludingDeletes" AS
SELECT
    edOrgToStudent."SourceEducationOrganizationId",
    edOrgToStudent."Student_DocumentId"
FROM "auth"."EducationOrganizationIdToStudentDocumentId" edOrgToStudent
UNION
SELECT
    edOrg."SourceEducationOrganizationId",
    ssa_tc."OldStudent_DocumentId" AS "Student_DocumentId"
FROM "auth"."EducationOrganizationIdToEducationOrganizationId" edOrg
INNER JOIN "tracked_changes_edfi"."StudentSchoolAssociation" ssa_tc ON edOrg."TargetEducationOrganizationId" = ssa_tc."OldSchool_SchoolId"
;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_ClassPeriod_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."ClassPeriodName" IS DISTINCT FROM NEW."ClassPeriodName" OR OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 3;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiClassPeriod' || '$.classPeriodName=' || NEW."ClassPeriodName"::text || '#' || '$.schoolReference.schoolId=' || NEW."School_SchoolId"::text), NEW."DocumentId", 3);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_ClassPeriod_ReferentialIdentity" ON "edfi"."ClassPeriod";
CREATE TRIGGER "TR_ClassPeriod_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."ClassPeriod"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_ClassPeriod_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_ClassPeriod_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."ClassPeriod" (
            "OldClassPeriodName",
            "OldSchool_SchoolId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."ClassPeriodName",
            OLD."School_SchoolId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."School_DocumentId" IS DISTINCT FROM NEW."School_DocumentId" OR OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId" OR OLD."ClassPeriodName" IS DISTINCT FROM NEW."ClassPeriodName" OR OLD."OfficialAttendancePeriod" IS DISTINCT FROM NEW."OfficialAttendancePeriod") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."ClassPeriodName" IS DISTINCT FROM NEW."ClassPeriodName" OR OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."ClassPeriod" (
            "OldClassPeriodName",
            "OldSchool_SchoolId",
            "NewClassPeriodName",
            "NewSchool_SchoolId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."ClassPeriodName",
            OLD."School_SchoolId",
            NEW."ClassPeriodName",
            NEW."School_SchoolId",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_ClassPeriod_Stamp" ON "edfi"."ClassPeriod";
CREATE TRIGGER "TR_ClassPeriod_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."ClassPeriod"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_ClassPeriod_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_ClassPeriodMeetingTime_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."ClassPeriod_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."ClassPeriod"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_ClassPeriodMeetingTime_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."ClassPeriod_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."ClassPeriod_DocumentId" IS DISTINCT FROM o."ClassPeriod_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."EndTime" IS DISTINCT FROM o."EndTime" OR n."StartTime" IS DISTINCT FROM o."StartTime"
        UNION
        SELECT o."ClassPeriod_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."ClassPeriod_DocumentId" IS DISTINCT FROM o."ClassPeriod_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."EndTime" IS DISTINCT FROM o."EndTime" OR n."StartTime" IS DISTINCT FROM o."StartTime"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."ClassPeriod"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_ClassPeriodMeetingTime_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."ClassPeriod_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."ClassPeriod"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_ClassPeriodMeetingTime_Stamp" ON "edfi"."ClassPeriodMeetingTime";
DROP TRIGGER IF EXISTS "TR_ClassPeriodMeetingTime_Stamp_ins" ON "edfi"."ClassPeriodMeetingTime";
CREATE TRIGGER "TR_ClassPeriodMeetingTime_Stamp_ins"
AFTER INSERT ON "edfi"."ClassPeriodMeetingTime"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_ClassPeriodMeetingTime_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_ClassPeriodMeetingTime_Stamp_upd" ON "edfi"."ClassPeriodMeetingTime";
CREATE TRIGGER "TR_ClassPeriodMeetingTime_Stamp_upd"
AFTER UPDATE ON "edfi"."ClassPeriodMeetingTime"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_ClassPeriodMeetingTime_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_ClassPeriodMeetingTime_Stamp_del" ON "edfi"."ClassPeriodMeetingTime";
CREATE TRIGGER "TR_ClassPeriodMeetingTime_Stamp_del"
AFTER DELETE ON "edfi"."ClassPeriodMeetingTime"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_ClassPeriodMeetingTime_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Course_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."CourseCode" IS DISTINCT FROM NEW."CourseCode" OR OLD."EducationOrganization_EducationOrganizationId" IS DISTINCT FROM NEW."EducationOrganization_EducationOrganizationId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 4;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiCourse' || '$.courseCode=' || NEW."CourseCode"::text || '#' || '$.educationOrganizationReference.educationOrganizationId=' || NEW."EducationOrganization_EducationOrganizationId"::text), NEW."DocumentId", 4);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Course_ReferentialIdentity" ON "edfi"."Course";
CREATE TRIGGER "TR_Course_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."Course"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Course_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Course_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Course" (
            "OldCourseCode",
            "OldEducationOrganization_EducationOrganizationId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."CourseCode",
            OLD."EducationOrganization_EducationOrganizationId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."EducationOrganization_DocumentId" IS DISTINCT FROM NEW."EducationOrganization_DocumentId" OR OLD."EducationOrganization_EducationOrganizationId" IS DISTINCT FROM NEW."EducationOrganization_EducationOrganizationId" OR OLD."AcademicSubjectDescriptor_DescriptorId" IS DISTINCT FROM NEW."AcademicSubjectDescriptor_DescriptorId" OR OLD."CourseCode" IS DISTINCT FROM NEW."CourseCode" OR OLD."CourseDescription" IS DISTINCT FROM NEW."CourseDescription" OR OLD."CourseTitle" IS DISTINCT FROM NEW."CourseTitle" OR OLD."DateCourseAdopted" IS DISTINCT FROM NEW."DateCourseAdopted" OR OLD."HighSchoolCourseRequirement" IS DISTINCT FROM NEW."HighSchoolCourseRequirement" OR OLD."MaxCompletionsForCredit" IS DISTINCT FROM NEW."MaxCompletionsForCredit" OR OLD."MaximumAvailableCreditConversion" IS DISTINCT FROM NEW."MaximumAvailableCreditConversion" OR OLD."MaximumAvailableCredits" IS DISTINCT FROM NEW."MaximumAvailableCredits" OR OLD."MinimumAvailableCreditConversion" IS DISTINCT FROM NEW."MinimumAvailableCreditConversion" OR OLD."MinimumAvailableCredits" IS DISTINCT FROM NEW."MinimumAvailableCredits" OR OLD."NumberOfParts" IS DISTINCT FROM NEW."NumberOfParts" OR OLD."TimeRequiredForCompletion" IS DISTINCT FROM NEW."TimeRequiredForCompletion") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."CourseCode" IS DISTINCT FROM NEW."CourseCode" OR OLD."EducationOrganization_EducationOrganizationId" IS DISTINCT FROM NEW."EducationOrganization_EducationOrganizationId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Course" (
            "OldCourseCode",
            "OldEducationOrganization_EducationOrganizationId",
            "NewCourseCode",
            "NewEducationOrganization_EducationOrganizationId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."CourseCode",
            OLD."EducationOrganization_EducationOrganizationId",
            NEW."CourseCode",
            NEW."EducationOrganization_EducationOrganizationId",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Course_Stamp" ON "edfi"."Course";
CREATE TRIGGER "TR_Course_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."Course"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Course_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseIdentificationCode_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Course_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Course"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseIdentificationCode_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Course_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Course_DocumentId" IS DISTINCT FROM o."Course_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."CourseIdentificationSystemDescriptor_DescriptorId" IS DISTINCT FROM o."CourseIdentificationSystemDescriptor_DescriptorId" OR n."AssigningOrganizationIdentificationCode" IS DISTINCT FROM o."AssigningOrganizationIdentificationCode" OR n."CourseCatalogURL" IS DISTINCT FROM o."CourseCatalogURL" OR n."IdentificationCode" IS DISTINCT FROM o."IdentificationCode"
        UNION
        SELECT o."Course_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Course_DocumentId" IS DISTINCT FROM o."Course_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."CourseIdentificationSystemDescriptor_DescriptorId" IS DISTINCT FROM o."CourseIdentificationSystemDescriptor_DescriptorId" OR n."AssigningOrganizationIdentificationCode" IS DISTINCT FROM o."AssigningOrganizationIdentificationCode" OR n."CourseCatalogURL" IS DISTINCT FROM o."CourseCatalogURL" OR n."IdentificationCode" IS DISTINCT FROM o."IdentificationCode"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Course"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseIdentificationCode_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Course_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Course"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_CourseIdentificationCode_Stamp" ON "edfi"."CourseIdentificationCode";
DROP TRIGGER IF EXISTS "TR_CourseIdentificationCode_Stamp_ins" ON "edfi"."CourseIdentificationCode";
CREATE TRIGGER "TR_CourseIdentificationCode_Stamp_ins"
AFTER INSERT ON "edfi"."CourseIdentificationCode"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseIdentificationCode_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_CourseIdentificationCode_Stamp_upd" ON "edfi"."CourseIdentificationCode";
CREATE TRIGGER "TR_CourseIdentificationCode_Stamp_upd"
AFTER UPDATE ON "edfi"."CourseIdentificationCode"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseIdentificationCode_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_CourseIdentificationCode_Stamp_del" ON "edfi"."CourseIdentificationCode";
CREATE TRIGGER "TR_CourseIdentificationCode_Stamp_del"
AFTER DELETE ON "edfi"."CourseIdentificationCode"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseIdentificationCode_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseOfferedGradeLevel_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Course_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Course"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseOfferedGradeLevel_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Course_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Course_DocumentId" IS DISTINCT FROM o."Course_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."GradeLevelDescriptor_DescriptorId" IS DISTINCT FROM o."GradeLevelDescriptor_DescriptorId"
        UNION
        SELECT o."Course_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Course_DocumentId" IS DISTINCT FROM o."Course_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."GradeLevelDescriptor_DescriptorId" IS DISTINCT FROM o."GradeLevelDescriptor_DescriptorId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Course"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseOfferedGradeLevel_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Course_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Course"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_CourseOfferedGradeLevel_Stamp" ON "edfi"."CourseOfferedGradeLevel";
DROP TRIGGER IF EXISTS "TR_CourseOfferedGradeLevel_Stamp_ins" ON "edfi"."CourseOfferedGradeLevel";
CREATE TRIGGER "TR_CourseOfferedGradeLevel_Stamp_ins"
AFTER INSERT ON "edfi"."CourseOfferedGradeLevel"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseOfferedGradeLevel_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_CourseOfferedGradeLevel_Stamp_upd" ON "edfi"."CourseOfferedGradeLevel";
CREATE TRIGGER "TR_CourseOfferedGradeLevel_Stamp_upd"
AFTER UPDATE ON "edfi"."CourseOfferedGradeLevel"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseOfferedGradeLevel_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_CourseOfferedGradeLevel_Stamp_del" ON "edfi"."CourseOfferedGradeLevel";
CREATE TRIGGER "TR_CourseOfferedGradeLevel_Stamp_del"
AFTER DELETE ON "edfi"."CourseOfferedGradeLevel"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseOfferedGradeLevel_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseOffering_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."LocalCourseCode" IS DISTINCT FROM NEW."LocalCourseCode" OR OLD."SchoolId_Unified" IS DISTINCT FROM NEW."SchoolId_Unified" OR OLD."Session_SchoolYear" IS DISTINCT FROM NEW."Session_SchoolYear" OR OLD."Session_SessionName" IS DISTINCT FROM NEW."Session_SessionName") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 6;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiCourseOffering' || '$.localCourseCode=' || NEW."LocalCourseCode"::text || '#' || '$.schoolReference.schoolId=' || NEW."School_SchoolId"::text || '#' || '$.sessionReference.schoolId=' || NEW."Session_SchoolId"::text || '#' || '$.sessionReference.schoolYear=' || NEW."Session_SchoolYear"::text || '#' || '$.sessionReference.sessionName=' || NEW."Session_SessionName"::text), NEW."DocumentId", 6);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_CourseOffering_ReferentialIdentity" ON "edfi"."CourseOffering";
CREATE TRIGGER "TR_CourseOffering_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."CourseOffering"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_CourseOffering_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseOffering_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."CourseOffering" (
            "OldLocalCourseCode",
            "OldSchoolId_Unified",
            "OldSession_SchoolYear",
            "OldSession_SessionName",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."LocalCourseCode",
            OLD."SchoolId_Unified",
            OLD."Session_SchoolYear",
            OLD."Session_SessionName",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."SchoolId_Unified" IS DISTINCT FROM NEW."SchoolId_Unified" OR OLD."Course_DocumentId" IS DISTINCT FROM NEW."Course_DocumentId" OR OLD."Course_CourseCode" IS DISTINCT FROM NEW."Course_CourseCode" OR OLD."Course_EducationOrganizationId" IS DISTINCT FROM NEW."Course_EducationOrganizationId" OR OLD."School_DocumentId" IS DISTINCT FROM NEW."School_DocumentId" OR OLD."Session_DocumentId" IS DISTINCT FROM NEW."Session_DocumentId" OR OLD."Session_SchoolYear" IS DISTINCT FROM NEW."Session_SchoolYear" OR OLD."Session_SessionName" IS DISTINCT FROM NEW."Session_SessionName" OR OLD."InstructionalTimePlanned" IS DISTINCT FROM NEW."InstructionalTimePlanned" OR OLD."LocalCourseCode" IS DISTINCT FROM NEW."LocalCourseCode" OR OLD."LocalCourseTitle" IS DISTINCT FROM NEW."LocalCourseTitle") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."LocalCourseCode" IS DISTINCT FROM NEW."LocalCourseCode" OR OLD."SchoolId_Unified" IS DISTINCT FROM NEW."SchoolId_Unified" OR OLD."Session_SchoolYear" IS DISTINCT FROM NEW."Session_SchoolYear" OR OLD."Session_SessionName" IS DISTINCT FROM NEW."Session_SessionName") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."CourseOffering" (
            "OldLocalCourseCode",
            "OldSchoolId_Unified",
            "OldSession_SchoolYear",
            "OldSession_SessionName",
            "NewLocalCourseCode",
            "NewSchoolId_Unified",
            "NewSession_SchoolYear",
            "NewSession_SessionName",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."LocalCourseCode",
            OLD."SchoolId_Unified",
            OLD."Session_SchoolYear",
            OLD."Session_SessionName",
            NEW."LocalCourseCode",
            NEW."SchoolId_Unified",
            NEW."Session_SchoolYear",
            NEW."Session_SessionName",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_CourseOffering_Stamp" ON "edfi"."CourseOffering";
CREATE TRIGGER "TR_CourseOffering_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."CourseOffering"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_CourseOffering_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseOfferingOfferedGradeLevel_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."CourseOffering_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."CourseOffering"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseOfferingOfferedGradeLevel_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."CourseOffering_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."CourseOffering_DocumentId" IS DISTINCT FROM o."CourseOffering_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."GradeLevelDescriptor_DescriptorId" IS DISTINCT FROM o."GradeLevelDescriptor_DescriptorId"
        UNION
        SELECT o."CourseOffering_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."CourseOffering_DocumentId" IS DISTINCT FROM o."CourseOffering_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."GradeLevelDescriptor_DescriptorId" IS DISTINCT FROM o."GradeLevelDescriptor_DescriptorId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."CourseOffering"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_CourseOfferingOfferedGradeLevel_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."CourseOffering_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."CourseOffering"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_CourseOfferingOfferedGradeLevel_Stamp" ON "edfi"."CourseOfferingOfferedGradeLevel";
DROP TRIGGER IF EXISTS "TR_CourseOfferingOfferedGradeLevel_Stamp_ins" ON "edfi"."CourseOfferingOfferedGradeLevel";
CREATE TRIGGER "TR_CourseOfferingOfferedGradeLevel_Stamp_ins"
AFTER INSERT ON "edfi"."CourseOfferingOfferedGradeLevel"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseOfferingOfferedGradeLevel_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_CourseOfferingOfferedGradeLevel_Stamp_upd" ON "edfi"."CourseOfferingOfferedGradeLevel";
CREATE TRIGGER "TR_CourseOfferingOfferedGradeLevel_Stamp_upd"
AFTER UPDATE ON "edfi"."CourseOfferingOfferedGradeLevel"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseOfferingOfferedGradeLevel_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_CourseOfferingOfferedGradeLevel_Stamp_del" ON "edfi"."CourseOfferingOfferedGradeLevel";
CREATE TRIGGER "TR_CourseOfferingOfferedGradeLevel_Stamp_del"
AFTER DELETE ON "edfi"."CourseOfferingOfferedGradeLevel"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_CourseOfferingOfferedGradeLevel_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgency_AbstractIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."LocalEducationAgencyId" IS DISTINCT FROM NEW."LocalEducationAgencyId") THEN
        INSERT INTO "edfi"."EducationOrganizationIdentity" ("DocumentId", "EducationOrganizationId", "Discriminator")
        VALUES (NEW."DocumentId", NEW."LocalEducationAgencyId", 'Ed-Fi:LocalEducationAgency')
        ON CONFLICT ("DocumentId")
        DO UPDATE SET "EducationOrganizationId" = EXCLUDED."EducationOrganizationId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgency_AbstractIdentity" ON "edfi"."LocalEducationAgency";
CREATE TRIGGER "TR_LocalEducationAgency_AbstractIdentity"
BEFORE INSERT OR UPDATE ON "edfi"."LocalEducationAgency"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgency_AbstractIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgency_AuthHierarchy_Delete"()
RETURNS TRIGGER AS $$
BEGIN
    DELETE FROM "auth"."EducationOrganizationIdToEducationOrganizationId"
    WHERE ("SourceEducationOrganizationId", "TargetEducationOrganizationId") IN (
        SELECT sources."SourceEducationOrganizationId", targets."TargetEducationOrganizationId"
        FROM (
            SELECT tuples."SourceEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."TargetEducationOrganizationId" = OLD."ParentLocalEducationAgency_LocalEducationAgencyId"
                AND OLD."ParentLocalEducationAgency_LocalEducationAgencyId" IS NOT NULL
        ) AS sources
        CROSS JOIN
        (
            SELECT tuples."TargetEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."SourceEducationOrganizationId" = OLD."LocalEducationAgencyId"
        ) AS targets
    );

    DELETE FROM "auth"."EducationOrganizationIdToEducationOrganizationId"
    WHERE "SourceEducationOrganizationId" = OLD."LocalEducationAgencyId" AND "TargetEducationOrganizationId" = OLD."LocalEducationAgencyId";
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgency_AuthHierarchy_Delete" ON "edfi"."LocalEducationAgency";
CREATE TRIGGER "TR_LocalEducationAgency_AuthHierarchy_Delete"
    AFTER DELETE ON "edfi"."LocalEducationAgency"
    FOR EACH ROW
    EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgency_AuthHierarchy_Delete"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgency_AuthHierarchy_Insert"()
RETURNS TRIGGER AS $$
BEGIN
    INSERT INTO "auth"."EducationOrganizationIdToEducationOrganizationId" ("SourceEducationOrganizationId", "TargetEducationOrganizationId")
    VALUES (NEW."LocalEducationAgencyId", NEW."LocalEducationAgencyId");

    INSERT INTO "auth"."EducationOrganizationIdToEducationOrganizationId" ("SourceEducationOrganizationId", "TargetEducationOrganizationId")
    SELECT sources."SourceEducationOrganizationId", targets."TargetEducationOrganizationId"
    FROM (
        SELECT tuples."SourceEducationOrganizationId"
        FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
        WHERE tuples."TargetEducationOrganizationId" = NEW."ParentLocalEducationAgency_LocalEducationAgencyId"
            AND NEW."ParentLocalEducationAgency_LocalEducationAgencyId" IS NOT NULL
    ) AS sources
    CROSS JOIN
    (
        SELECT tuples."TargetEducationOrganizationId"
        FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
        WHERE tuples."SourceEducationOrganizationId" = NEW."LocalEducationAgencyId"
    ) AS targets;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgency_AuthHierarchy_Insert" ON "edfi"."LocalEducationAgency";
CREATE TRIGGER "TR_LocalEducationAgency_AuthHierarchy_Insert"
    AFTER INSERT ON "edfi"."LocalEducationAgency"
    FOR EACH ROW
    EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgency_AuthHierarchy_Insert"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgency_AuthHierarchy_Update"()
RETURNS TRIGGER AS $$
BEGIN
    DELETE FROM "auth"."EducationOrganizationIdToEducationOrganizationId"
    WHERE ("SourceEducationOrganizationId", "TargetEducationOrganizationId") IN (
        SELECT sources."SourceEducationOrganizationId", targets."TargetEducationOrganizationId"
        FROM (
            SELECT tuples."SourceEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."TargetEducationOrganizationId" = OLD."ParentLocalEducationAgency_LocalEducationAgencyId"
                AND OLD."ParentLocalEducationAgency_LocalEducationAgencyId" IS NOT NULL
                AND (NEW."ParentLocalEducationAgency_LocalEducationAgencyId" IS NULL OR OLD."ParentLocalEducationAgency_LocalEducationAgencyId" <> NEW."ParentLocalEducationAgency_LocalEducationAgencyId")

            EXCEPT

            SELECT tuples."SourceEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."TargetEducationOrganizationId" = NEW."ParentLocalEducationAgency_LocalEducationAgencyId"
        ) AS sources
        CROSS JOIN
        (
            SELECT tuples."TargetEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."SourceEducationOrganizationId" = NEW."LocalEducationAgencyId"
        ) AS targets
    );

    INSERT INTO "auth"."EducationOrganizationIdToEducationOrganizationId" ("SourceEducationOrganizationId", "TargetEducationOrganizationId")
    SELECT sources."SourceEducationOrganizationId", targets."TargetEducationOrganizationId"
    FROM (
        SELECT tuples."SourceEducationOrganizationId"
        FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
        WHERE tuples."TargetEducationOrganizationId" = NEW."ParentLocalEducationAgency_LocalEducationAgencyId"
            AND ((OLD."ParentLocalEducationAgency_LocalEducationAgencyId" IS NULL AND NEW."ParentLocalEducationAgency_LocalEducationAgencyId" IS NOT NULL) OR OLD."ParentLocalEducationAgency_LocalEducationAgencyId" <> NEW."ParentLocalEducationAgency_LocalEducationAgencyId")
    ) AS sources
    CROSS JOIN
    (
        SELECT tuples."TargetEducationOrganizationId"
        FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
        WHERE tuples."SourceEducationOrganizationId" = NEW."LocalEducationAgencyId"
    ) AS targets
    ON CONFLICT ("SourceEducationOrganizationId", "TargetEducationOrganizationId") DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgency_AuthHierarchy_Update" ON "edfi"."LocalEducationAgency";
CREATE TRIGGER "TR_LocalEducationAgency_AuthHierarchy_Update"
    AFTER UPDATE ON "edfi"."LocalEducationAgency"
    FOR EACH ROW
    EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgency_AuthHierarchy_Update"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgency_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."LocalEducationAgencyId" IS DISTINCT FROM NEW."LocalEducationAgencyId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 10;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiLocalEducationAgency' || '$.localEducationAgencyId=' || NEW."LocalEducationAgencyId"::text), NEW."DocumentId", 10);
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 7;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiEducationOrganization' || '$.educationOrganizationId=' || NEW."LocalEducationAgencyId"::text), NEW."DocumentId", 7);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgency_ReferentialIdentity" ON "edfi"."LocalEducationAgency";
CREATE TRIGGER "TR_LocalEducationAgency_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."LocalEducationAgency"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgency_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgency_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."LocalEducationAgency" (
            "OldLocalEducationAgencyId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."LocalEducationAgencyId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."ParentLocalEducationAgency_DocumentId" IS DISTINCT FROM NEW."ParentLocalEducationAgency_DocumentId" OR OLD."ParentLocalEducationAgency_LocalEducationAgencyId" IS DISTINCT FROM NEW."ParentLocalEducationAgency_LocalEducationAgencyId" OR OLD."LocalEducationAgencyCategoryDescriptor_DescriptorId" IS DISTINCT FROM NEW."LocalEducationAgencyCategoryDescriptor_DescriptorId" OR OLD."LocalEducationAgencyId" IS DISTINCT FROM NEW."LocalEducationAgencyId" OR OLD."NameOfInstitution" IS DISTINCT FROM NEW."NameOfInstitution") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."LocalEducationAgencyId" IS DISTINCT FROM NEW."LocalEducationAgencyId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgency_Stamp" ON "edfi"."LocalEducationAgency";
CREATE TRIGGER "TR_LocalEducationAgency_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."LocalEducationAgency"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgency_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAccountability_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAccountability_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."LocalEducationAgencyAccountabilitySchoolYear_DocumentId" IS DISTINCT FROM o."LocalEducationAgencyAccountabilitySchoolYear_DocumentId" OR n."LocalEducationAgencyAccountabilitySchoolYear_SchoolYear" IS DISTINCT FROM o."LocalEducationAgencyAccountabilitySchoolYear_SchoolYear"
        UNION
        SELECT o."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."LocalEducationAgencyAccountabilitySchoolYear_DocumentId" IS DISTINCT FROM o."LocalEducationAgencyAccountabilitySchoolYear_DocumentId" OR n."LocalEducationAgencyAccountabilitySchoolYear_SchoolYear" IS DISTINCT FROM o."LocalEducationAgencyAccountabilitySchoolYear_SchoolYear"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAccountability_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAccountability_Stamp" ON "edfi"."LocalEducationAgencyAccountability";
DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAccountability_Stamp_ins" ON "edfi"."LocalEducationAgencyAccountability";
CREATE TRIGGER "TR_LocalEducationAgencyAccountability_Stamp_ins"
AFTER INSERT ON "edfi"."LocalEducationAgencyAccountability"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAccountability_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAccountability_Stamp_upd" ON "edfi"."LocalEducationAgencyAccountability";
CREATE TRIGGER "TR_LocalEducationAgencyAccountability_Stamp_upd"
AFTER UPDATE ON "edfi"."LocalEducationAgencyAccountability"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAccountability_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAccountability_Stamp_del" ON "edfi"."LocalEducationAgencyAccountability";
CREATE TRIGGER "TR_LocalEducationAgencyAccountability_Stamp_del"
AFTER DELETE ON "edfi"."LocalEducationAgencyAccountability"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAccountability_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddress_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddress_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."AddressTypeDescriptor_DescriptorId" IS DISTINCT FROM o."AddressTypeDescriptor_DescriptorId" OR n."StateAbbreviationDescriptor_DescriptorId" IS DISTINCT FROM o."StateAbbreviationDescriptor_DescriptorId" OR n."ApartmentRoomSuiteNumber" IS DISTINCT FROM o."ApartmentRoomSuiteNumber" OR n."BuildingSiteNumber" IS DISTINCT FROM o."BuildingSiteNumber" OR n."City" IS DISTINCT FROM o."City" OR n."CongressionalDistrict" IS DISTINCT FROM o."CongressionalDistrict" OR n."CountyFIPSCode" IS DISTINCT FROM o."CountyFIPSCode" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."Latitude" IS DISTINCT FROM o."Latitude" OR n."Longitude" IS DISTINCT FROM o."Longitude" OR n."NameOfCounty" IS DISTINCT FROM o."NameOfCounty" OR n."PostalCode" IS DISTINCT FROM o."PostalCode" OR n."StreetNumberName" IS DISTINCT FROM o."StreetNumberName"
        UNION
        SELECT o."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."AddressTypeDescriptor_DescriptorId" IS DISTINCT FROM o."AddressTypeDescriptor_DescriptorId" OR n."StateAbbreviationDescriptor_DescriptorId" IS DISTINCT FROM o."StateAbbreviationDescriptor_DescriptorId" OR n."ApartmentRoomSuiteNumber" IS DISTINCT FROM o."ApartmentRoomSuiteNumber" OR n."BuildingSiteNumber" IS DISTINCT FROM o."BuildingSiteNumber" OR n."City" IS DISTINCT FROM o."City" OR n."CongressionalDistrict" IS DISTINCT FROM o."CongressionalDistrict" OR n."CountyFIPSCode" IS DISTINCT FROM o."CountyFIPSCode" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."Latitude" IS DISTINCT FROM o."Latitude" OR n."Longitude" IS DISTINCT FROM o."Longitude" OR n."NameOfCounty" IS DISTINCT FROM o."NameOfCounty" OR n."PostalCode" IS DISTINCT FROM o."PostalCode" OR n."StreetNumberName" IS DISTINCT FROM o."StreetNumberName"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddress_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAddress_Stamp" ON "edfi"."LocalEducationAgencyAddress";
DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAddress_Stamp_ins" ON "edfi"."LocalEducationAgencyAddress";
CREATE TRIGGER "TR_LocalEducationAgencyAddress_Stamp_ins"
AFTER INSERT ON "edfi"."LocalEducationAgencyAddress"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddress_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAddress_Stamp_upd" ON "edfi"."LocalEducationAgencyAddress";
CREATE TRIGGER "TR_LocalEducationAgencyAddress_Stamp_upd"
AFTER UPDATE ON "edfi"."LocalEducationAgencyAddress"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddress_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAddress_Stamp_del" ON "edfi"."LocalEducationAgencyAddress";
CREATE TRIGGER "TR_LocalEducationAgencyAddress_Stamp_del"
AFTER DELETE ON "edfi"."LocalEducationAgencyAddress"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddress_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddressPeriod_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddressPeriod_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ParentCollectionItemId" IS DISTINCT FROM o."ParentCollectionItemId" OR n."BeginDate" IS DISTINCT FROM o."BeginDate" OR n."EndDate" IS DISTINCT FROM o."EndDate"
        UNION
        SELECT o."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ParentCollectionItemId" IS DISTINCT FROM o."ParentCollectionItemId" OR n."BeginDate" IS DISTINCT FROM o."BeginDate" OR n."EndDate" IS DISTINCT FROM o."EndDate"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddressPeriod_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAddressPeriod_Stamp" ON "edfi"."LocalEducationAgencyAddressPeriod";
DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAddressPeriod_Stamp_ins" ON "edfi"."LocalEducationAgencyAddressPeriod";
CREATE TRIGGER "TR_LocalEducationAgencyAddressPeriod_Stamp_ins"
AFTER INSERT ON "edfi"."LocalEducationAgencyAddressPeriod"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddressPeriod_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAddressPeriod_Stamp_upd" ON "edfi"."LocalEducationAgencyAddressPeriod";
CREATE TRIGGER "TR_LocalEducationAgencyAddressPeriod_Stamp_upd"
AFTER UPDATE ON "edfi"."LocalEducationAgencyAddressPeriod"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddressPeriod_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyAddressPeriod_Stamp_del" ON "edfi"."LocalEducationAgencyAddressPeriod";
CREATE TRIGGER "TR_LocalEducationAgencyAddressPeriod_Stamp_del"
AFTER DELETE ON "edfi"."LocalEducationAgencyAddressPeriod"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyAddressPeriod_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyCategory_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyCategory_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."EducationOrganizationCategoryDescriptor_DescriptorId" IS DISTINCT FROM o."EducationOrganizationCategoryDescriptor_DescriptorId"
        UNION
        SELECT o."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."EducationOrganizationCategoryDescriptor_DescriptorId" IS DISTINCT FROM o."EducationOrganizationCategoryDescriptor_DescriptorId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyCategory_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyCategory_Stamp" ON "edfi"."LocalEducationAgencyCategory";
DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyCategory_Stamp_ins" ON "edfi"."LocalEducationAgencyCategory";
CREATE TRIGGER "TR_LocalEducationAgencyCategory_Stamp_ins"
AFTER INSERT ON "edfi"."LocalEducationAgencyCategory"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyCategory_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyCategory_Stamp_upd" ON "edfi"."LocalEducationAgencyCategory";
CREATE TRIGGER "TR_LocalEducationAgencyCategory_Stamp_upd"
AFTER UPDATE ON "edfi"."LocalEducationAgencyCategory"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyCategory_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyCategory_Stamp_del" ON "edfi"."LocalEducationAgencyCategory";
CREATE TRIGGER "TR_LocalEducationAgencyCategory_Stamp_del"
AFTER DELETE ON "edfi"."LocalEducationAgencyCategory"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyCategory_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyFederalFunds_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyFederalFunds_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."FiscalYear" IS DISTINCT FROM o."FiscalYear" OR n."InnovativeDollarsSpent" IS DISTINCT FROM o."InnovativeDollarsSpent" OR n."InnovativeDollarsSpentStrategicPriorities" IS DISTINCT FROM o."InnovativeDollarsSpentStrategicPriorities" OR n."InnovativeProgramsFundsReceived" IS DISTINCT FROM o."InnovativeProgramsFundsReceived" OR n."SchoolImprovementAllocation" IS DISTINCT FROM o."SchoolImprovementAllocation" OR n."SchoolImprovementReservedFundsPercentage" IS DISTINCT FROM o."SchoolImprovementReservedFundsPercentage" OR n."StateAssessmentAdministrationFunding" IS DISTINCT FROM o."StateAssessmentAdministrationFunding" OR n."SupplementalEducationalServicesFundsSpent" IS DISTINCT FROM o."SupplementalEducationalServicesFundsSpent" OR n."SupplementalEducationalServicesPerPupilExpenditure" IS DISTINCT FROM o."SupplementalEducationalServicesPerPupilExpenditure"
        UNION
        SELECT o."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."LocalEducationAgency_DocumentId" IS DISTINCT FROM o."LocalEducationAgency_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."FiscalYear" IS DISTINCT FROM o."FiscalYear" OR n."InnovativeDollarsSpent" IS DISTINCT FROM o."InnovativeDollarsSpent" OR n."InnovativeDollarsSpentStrategicPriorities" IS DISTINCT FROM o."InnovativeDollarsSpentStrategicPriorities" OR n."InnovativeProgramsFundsReceived" IS DISTINCT FROM o."InnovativeProgramsFundsReceived" OR n."SchoolImprovementAllocation" IS DISTINCT FROM o."SchoolImprovementAllocation" OR n."SchoolImprovementReservedFundsPercentage" IS DISTINCT FROM o."SchoolImprovementReservedFundsPercentage" OR n."StateAssessmentAdministrationFunding" IS DISTINCT FROM o."StateAssessmentAdministrationFunding" OR n."SupplementalEducationalServicesFundsSpent" IS DISTINCT FROM o."SupplementalEducationalServicesFundsSpent" OR n."SupplementalEducationalServicesPerPupilExpenditure" IS DISTINCT FROM o."SupplementalEducationalServicesPerPupilExpenditure"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_LocalEducationAgencyFederalFunds_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."LocalEducationAgency_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."LocalEducationAgency"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyFederalFunds_Stamp" ON "edfi"."LocalEducationAgencyFederalFunds";
DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyFederalFunds_Stamp_ins" ON "edfi"."LocalEducationAgencyFederalFunds";
CREATE TRIGGER "TR_LocalEducationAgencyFederalFunds_Stamp_ins"
AFTER INSERT ON "edfi"."LocalEducationAgencyFederalFunds"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyFederalFunds_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyFederalFunds_Stamp_upd" ON "edfi"."LocalEducationAgencyFederalFunds";
CREATE TRIGGER "TR_LocalEducationAgencyFederalFunds_Stamp_upd"
AFTER UPDATE ON "edfi"."LocalEducationAgencyFederalFunds"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyFederalFunds_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_LocalEducationAgencyFederalFunds_Stamp_del" ON "edfi"."LocalEducationAgencyFederalFunds";
CREATE TRIGGER "TR_LocalEducationAgencyFederalFunds_Stamp_del"
AFTER DELETE ON "edfi"."LocalEducationAgencyFederalFunds"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_LocalEducationAgencyFederalFunds_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Program_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."EducationOrganization_EducationOrganizationId" IS DISTINCT FROM NEW."EducationOrganization_EducationOrganizationId" OR OLD."ProgramName" IS DISTINCT FROM NEW."ProgramName" OR OLD."ProgramTypeDescriptor_DescriptorId" IS DISTINCT FROM NEW."ProgramTypeDescriptor_DescriptorId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 12;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiProgram' || '$.educationOrganizationReference.educationOrganizationId=' || NEW."EducationOrganization_EducationOrganizationId"::text || '#' || '$.programName=' || NEW."ProgramName"::text || '#' || '$.programTypeDescriptor=' || (SELECT d."Uri" FROM "dms"."Descriptor" d WHERE d."DocumentId" = NEW."ProgramTypeDescriptor_DescriptorId")), NEW."DocumentId", 12);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Program_ReferentialIdentity" ON "edfi"."Program";
CREATE TRIGGER "TR_Program_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."Program"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Program_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Program_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Program" (
            "OldEducationOrganization_EducationOrganizationId",
            "OldProgramName",
            "OldProgramTypeDescriptor_Namespace",
            "OldProgramTypeDescriptor_CodeValue",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."EducationOrganization_EducationOrganizationId",
            OLD."ProgramName",
            (SELECT d."Namespace" FROM "dms"."Descriptor" d WHERE d."DocumentId" = OLD."ProgramTypeDescriptor_DescriptorId"),
            (SELECT d."CodeValue" FROM "dms"."Descriptor" d WHERE d."DocumentId" = OLD."ProgramTypeDescriptor_DescriptorId"),
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."EducationOrganization_DocumentId" IS DISTINCT FROM NEW."EducationOrganization_DocumentId" OR OLD."EducationOrganization_EducationOrganizationId" IS DISTINCT FROM NEW."EducationOrganization_EducationOrganizationId" OR OLD."ProgramTypeDescriptor_DescriptorId" IS DISTINCT FROM NEW."ProgramTypeDescriptor_DescriptorId" OR OLD."ProgramName" IS DISTINCT FROM NEW."ProgramName") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."EducationOrganization_EducationOrganizationId" IS DISTINCT FROM NEW."EducationOrganization_EducationOrganizationId" OR OLD."ProgramName" IS DISTINCT FROM NEW."ProgramName" OR OLD."ProgramTypeDescriptor_DescriptorId" IS DISTINCT FROM NEW."ProgramTypeDescriptor_DescriptorId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Program" (
            "OldEducationOrganization_EducationOrganizationId",
            "OldProgramName",
            "OldProgramTypeDescriptor_Namespace",
            "OldProgramTypeDescriptor_CodeValue",
            "NewEducationOrganization_EducationOrganizationId",
            "NewProgramName",
            "NewProgramTypeDescriptor_Namespace",
            "NewProgramTypeDescriptor_CodeValue",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."EducationOrganization_EducationOrganizationId",
            OLD."ProgramName",
            (SELECT d."Namespace" FROM "dms"."Descriptor" d WHERE d."DocumentId" = OLD."ProgramTypeDescriptor_DescriptorId"),
            (SELECT d."CodeValue" FROM "dms"."Descriptor" d WHERE d."DocumentId" = OLD."ProgramTypeDescriptor_DescriptorId"),
            NEW."EducationOrganization_EducationOrganizationId",
            NEW."ProgramName",
            (SELECT d."Namespace" FROM "dms"."Descriptor" d WHERE d."DocumentId" = NEW."ProgramTypeDescriptor_DescriptorId"),
            (SELECT d."CodeValue" FROM "dms"."Descriptor" d WHERE d."DocumentId" = NEW."ProgramTypeDescriptor_DescriptorId"),
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Program_Stamp" ON "edfi"."Program";
CREATE TRIGGER "TR_Program_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."Program"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Program_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_School_AbstractIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."SchoolId" IS DISTINCT FROM NEW."SchoolId") THEN
        INSERT INTO "edfi"."EducationOrganizationIdentity" ("DocumentId", "EducationOrganizationId", "Discriminator")
        VALUES (NEW."DocumentId", NEW."SchoolId", 'Ed-Fi:School')
        ON CONFLICT ("DocumentId")
        DO UPDATE SET "EducationOrganizationId" = EXCLUDED."EducationOrganizationId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_School_AbstractIdentity" ON "edfi"."School";
CREATE TRIGGER "TR_School_AbstractIdentity"
BEFORE INSERT OR UPDATE ON "edfi"."School"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_School_AbstractIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_School_AuthHierarchy_Delete"()
RETURNS TRIGGER AS $$
BEGIN
    DELETE FROM "auth"."EducationOrganizationIdToEducationOrganizationId"
    WHERE ("SourceEducationOrganizationId", "TargetEducationOrganizationId") IN (
        SELECT sources."SourceEducationOrganizationId", targets."TargetEducationOrganizationId"
        FROM (
            SELECT tuples."SourceEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."TargetEducationOrganizationId" = OLD."LocalEducationAgency_LocalEducationAgencyId"
                AND OLD."LocalEducationAgency_LocalEducationAgencyId" IS NOT NULL
        ) AS sources
        CROSS JOIN
        (
            SELECT tuples."TargetEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."SourceEducationOrganizationId" = OLD."SchoolId"
        ) AS targets
    );

    DELETE FROM "auth"."EducationOrganizationIdToEducationOrganizationId"
    WHERE "SourceEducationOrganizationId" = OLD."SchoolId" AND "TargetEducationOrganizationId" = OLD."SchoolId";
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_School_AuthHierarchy_Delete" ON "edfi"."School";
CREATE TRIGGER "TR_School_AuthHierarchy_Delete"
    AFTER DELETE ON "edfi"."School"
    FOR EACH ROW
    EXECUTE FUNCTION "edfi"."TF_TR_School_AuthHierarchy_Delete"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_School_AuthHierarchy_Insert"()
RETURNS TRIGGER AS $$
BEGIN
    INSERT INTO "auth"."EducationOrganizationIdToEducationOrganizationId" ("SourceEducationOrganizationId", "TargetEducationOrganizationId")
    VALUES (NEW."SchoolId", NEW."SchoolId");

    INSERT INTO "auth"."EducationOrganizationIdToEducationOrganizationId" ("SourceEducationOrganizationId", "TargetEducationOrganizationId")
    SELECT sources."SourceEducationOrganizationId", targets."TargetEducationOrganizationId"
    FROM (
        SELECT tuples."SourceEducationOrganizationId"
        FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
        WHERE tuples."TargetEducationOrganizationId" = NEW."LocalEducationAgency_LocalEducationAgencyId"
            AND NEW."LocalEducationAgency_LocalEducationAgencyId" IS NOT NULL
    ) AS sources
    CROSS JOIN
    (
        SELECT tuples."TargetEducationOrganizationId"
        FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
        WHERE tuples."SourceEducationOrganizationId" = NEW."SchoolId"
    ) AS targets;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_School_AuthHierarchy_Insert" ON "edfi"."School";
CREATE TRIGGER "TR_School_AuthHierarchy_Insert"
    AFTER INSERT ON "edfi"."School"
    FOR EACH ROW
    EXECUTE FUNCTION "edfi"."TF_TR_School_AuthHierarchy_Insert"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_School_AuthHierarchy_Update"()
RETURNS TRIGGER AS $$
BEGIN
    DELETE FROM "auth"."EducationOrganizationIdToEducationOrganizationId"
    WHERE ("SourceEducationOrganizationId", "TargetEducationOrganizationId") IN (
        SELECT sources."SourceEducationOrganizationId", targets."TargetEducationOrganizationId"
        FROM (
            SELECT tuples."SourceEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."TargetEducationOrganizationId" = OLD."LocalEducationAgency_LocalEducationAgencyId"
                AND OLD."LocalEducationAgency_LocalEducationAgencyId" IS NOT NULL
                AND (NEW."LocalEducationAgency_LocalEducationAgencyId" IS NULL OR OLD."LocalEducationAgency_LocalEducationAgencyId" <> NEW."LocalEducationAgency_LocalEducationAgencyId")

            EXCEPT

            SELECT tuples."SourceEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."TargetEducationOrganizationId" = NEW."LocalEducationAgency_LocalEducationAgencyId"
        ) AS sources
        CROSS JOIN
        (
            SELECT tuples."TargetEducationOrganizationId"
            FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
            WHERE tuples."SourceEducationOrganizationId" = NEW."SchoolId"
        ) AS targets
    );

    INSERT INTO "auth"."EducationOrganizationIdToEducationOrganizationId" ("SourceEducationOrganizationId", "TargetEducationOrganizationId")
    SELECT sources."SourceEducationOrganizationId", targets."TargetEducationOrganizationId"
    FROM (
        SELECT tuples."SourceEducationOrganizationId"
        FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
        WHERE tuples."TargetEducationOrganizationId" = NEW."LocalEducationAgency_LocalEducationAgencyId"
            AND ((OLD."LocalEducationAgency_LocalEducationAgencyId" IS NULL AND NEW."LocalEducationAgency_LocalEducationAgencyId" IS NOT NULL) OR OLD."LocalEducationAgency_LocalEducationAgencyId" <> NEW."LocalEducationAgency_LocalEducationAgencyId")
    ) AS sources
    CROSS JOIN
    (
        SELECT tuples."TargetEducationOrganizationId"
        FROM "auth"."EducationOrganizationIdToEducationOrganizationId" AS tuples
        WHERE tuples."SourceEducationOrganizationId" = NEW."SchoolId"
    ) AS targets
    ON CONFLICT ("SourceEducationOrganizationId", "TargetEducationOrganizationId") DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_School_AuthHierarchy_Update" ON "edfi"."School";
CREATE TRIGGER "TR_School_AuthHierarchy_Update"
    AFTER UPDATE ON "edfi"."School"
    FOR EACH ROW
    EXECUTE FUNCTION "edfi"."TF_TR_School_AuthHierarchy_Update"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_School_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."SchoolId" IS DISTINCT FROM NEW."SchoolId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 14;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiSchool' || '$.schoolId=' || NEW."SchoolId"::text), NEW."DocumentId", 14);
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 7;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiEducationOrganization' || '$.educationOrganizationId=' || NEW."SchoolId"::text), NEW."DocumentId", 7);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_School_ReferentialIdentity" ON "edfi"."School";
CREATE TRIGGER "TR_School_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."School"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_School_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_School_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."School" (
            "OldSchoolId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."SchoolId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."CharterApprovalSchoolYear_DocumentId" IS DISTINCT FROM NEW."CharterApprovalSchoolYear_DocumentId" OR OLD."CharterApprovalSchoolYear_CharterApprovalSchoolYear" IS DISTINCT FROM NEW."CharterApprovalSchoolYear_CharterApprovalSchoolYear" OR OLD."LocalEducationAgency_DocumentId" IS DISTINCT FROM NEW."LocalEducationAgency_DocumentId" OR OLD."LocalEducationAgency_LocalEducationAgencyId" IS DISTINCT FROM NEW."LocalEducationAgency_LocalEducationAgencyId" OR OLD."NameOfInstitution" IS DISTINCT FROM NEW."NameOfInstitution" OR OLD."SchoolId" IS DISTINCT FROM NEW."SchoolId") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."SchoolId" IS DISTINCT FROM NEW."SchoolId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_School_Stamp" ON "edfi"."School";
CREATE TRIGGER "TR_School_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."School"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_School_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolAddress_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."School_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolAddress_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."School_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."AddressTypeDescriptor_DescriptorId" IS DISTINCT FROM o."AddressTypeDescriptor_DescriptorId" OR n."StateAbbreviationDescriptor_DescriptorId" IS DISTINCT FROM o."StateAbbreviationDescriptor_DescriptorId" OR n."ApartmentRoomSuiteNumber" IS DISTINCT FROM o."ApartmentRoomSuiteNumber" OR n."BuildingSiteNumber" IS DISTINCT FROM o."BuildingSiteNumber" OR n."City" IS DISTINCT FROM o."City" OR n."CongressionalDistrict" IS DISTINCT FROM o."CongressionalDistrict" OR n."CountyFIPSCode" IS DISTINCT FROM o."CountyFIPSCode" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."Latitude" IS DISTINCT FROM o."Latitude" OR n."Longitude" IS DISTINCT FROM o."Longitude" OR n."NameOfCounty" IS DISTINCT FROM o."NameOfCounty" OR n."PostalCode" IS DISTINCT FROM o."PostalCode" OR n."StreetNumberName" IS DISTINCT FROM o."StreetNumberName"
        UNION
        SELECT o."School_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."AddressTypeDescriptor_DescriptorId" IS DISTINCT FROM o."AddressTypeDescriptor_DescriptorId" OR n."StateAbbreviationDescriptor_DescriptorId" IS DISTINCT FROM o."StateAbbreviationDescriptor_DescriptorId" OR n."ApartmentRoomSuiteNumber" IS DISTINCT FROM o."ApartmentRoomSuiteNumber" OR n."BuildingSiteNumber" IS DISTINCT FROM o."BuildingSiteNumber" OR n."City" IS DISTINCT FROM o."City" OR n."CongressionalDistrict" IS DISTINCT FROM o."CongressionalDistrict" OR n."CountyFIPSCode" IS DISTINCT FROM o."CountyFIPSCode" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."Latitude" IS DISTINCT FROM o."Latitude" OR n."Longitude" IS DISTINCT FROM o."Longitude" OR n."NameOfCounty" IS DISTINCT FROM o."NameOfCounty" OR n."PostalCode" IS DISTINCT FROM o."PostalCode" OR n."StreetNumberName" IS DISTINCT FROM o."StreetNumberName"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolAddress_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."School_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SchoolAddress_Stamp" ON "edfi"."SchoolAddress";
DROP TRIGGER IF EXISTS "TR_SchoolAddress_Stamp_ins" ON "edfi"."SchoolAddress";
CREATE TRIGGER "TR_SchoolAddress_Stamp_ins"
AFTER INSERT ON "edfi"."SchoolAddress"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolAddress_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SchoolAddress_Stamp_upd" ON "edfi"."SchoolAddress";
CREATE TRIGGER "TR_SchoolAddress_Stamp_upd"
AFTER UPDATE ON "edfi"."SchoolAddress"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolAddress_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SchoolAddress_Stamp_del" ON "edfi"."SchoolAddress";
CREATE TRIGGER "TR_SchoolAddress_Stamp_del"
AFTER DELETE ON "edfi"."SchoolAddress"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolAddress_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolAddressPeriod_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."School_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolAddressPeriod_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."School_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ParentCollectionItemId" IS DISTINCT FROM o."ParentCollectionItemId" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."BeginDate" IS DISTINCT FROM o."BeginDate" OR n."EndDate" IS DISTINCT FROM o."EndDate"
        UNION
        SELECT o."School_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ParentCollectionItemId" IS DISTINCT FROM o."ParentCollectionItemId" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."BeginDate" IS DISTINCT FROM o."BeginDate" OR n."EndDate" IS DISTINCT FROM o."EndDate"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolAddressPeriod_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."School_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SchoolAddressPeriod_Stamp" ON "edfi"."SchoolAddressPeriod";
DROP TRIGGER IF EXISTS "TR_SchoolAddressPeriod_Stamp_ins" ON "edfi"."SchoolAddressPeriod";
CREATE TRIGGER "TR_SchoolAddressPeriod_Stamp_ins"
AFTER INSERT ON "edfi"."SchoolAddressPeriod"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolAddressPeriod_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SchoolAddressPeriod_Stamp_upd" ON "edfi"."SchoolAddressPeriod";
CREATE TRIGGER "TR_SchoolAddressPeriod_Stamp_upd"
AFTER UPDATE ON "edfi"."SchoolAddressPeriod"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolAddressPeriod_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SchoolAddressPeriod_Stamp_del" ON "edfi"."SchoolAddressPeriod";
CREATE TRIGGER "TR_SchoolAddressPeriod_Stamp_del"
AFTER DELETE ON "edfi"."SchoolAddressPeriod"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolAddressPeriod_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolEducationOrganizationCategory_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."School_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolEducationOrganizationCategory_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."School_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."EducationOrganizationCategoryDescriptor_DescriptorId" IS DISTINCT FROM o."EducationOrganizationCategoryDescriptor_DescriptorId"
        UNION
        SELECT o."School_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."EducationOrganizationCategoryDescriptor_DescriptorId" IS DISTINCT FROM o."EducationOrganizationCategoryDescriptor_DescriptorId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolEducationOrganizationCategory_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."School_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SchoolEducationOrganizationCategory_Stamp" ON "edfi"."SchoolEducationOrganizationCategory";
DROP TRIGGER IF EXISTS "TR_SchoolEducationOrganizationCategory_Stamp_ins" ON "edfi"."SchoolEducationOrganizationCategory";
CREATE TRIGGER "TR_SchoolEducationOrganizationCategory_Stamp_ins"
AFTER INSERT ON "edfi"."SchoolEducationOrganizationCategory"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolEducationOrganizationCategory_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SchoolEducationOrganizationCategory_Stamp_upd" ON "edfi"."SchoolEducationOrganizationCategory";
CREATE TRIGGER "TR_SchoolEducationOrganizationCategory_Stamp_upd"
AFTER UPDATE ON "edfi"."SchoolEducationOrganizationCategory"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolEducationOrganizationCategory_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SchoolEducationOrganizationCategory_Stamp_del" ON "edfi"."SchoolEducationOrganizationCategory";
CREATE TRIGGER "TR_SchoolEducationOrganizationCategory_Stamp_del"
AFTER DELETE ON "edfi"."SchoolEducationOrganizationCategory"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolEducationOrganizationCategory_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolGradeLevel_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."School_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolGradeLevel_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."School_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."GradeLevelDescriptor_DescriptorId" IS DISTINCT FROM o."GradeLevelDescriptor_DescriptorId"
        UNION
        SELECT o."School_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."GradeLevelDescriptor_DescriptorId" IS DISTINCT FROM o."GradeLevelDescriptor_DescriptorId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolGradeLevel_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."School_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SchoolGradeLevel_Stamp" ON "edfi"."SchoolGradeLevel";
DROP TRIGGER IF EXISTS "TR_SchoolGradeLevel_Stamp_ins" ON "edfi"."SchoolGradeLevel";
CREATE TRIGGER "TR_SchoolGradeLevel_Stamp_ins"
AFTER INSERT ON "edfi"."SchoolGradeLevel"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolGradeLevel_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SchoolGradeLevel_Stamp_upd" ON "edfi"."SchoolGradeLevel";
CREATE TRIGGER "TR_SchoolGradeLevel_Stamp_upd"
AFTER UPDATE ON "edfi"."SchoolGradeLevel"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolGradeLevel_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SchoolGradeLevel_Stamp_del" ON "edfi"."SchoolGradeLevel";
CREATE TRIGGER "TR_SchoolGradeLevel_Stamp_del"
AFTER DELETE ON "edfi"."SchoolGradeLevel"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SchoolGradeLevel_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolYearType_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."SchoolYear" IS DISTINCT FROM NEW."SchoolYear") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 15;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiSchoolYearType' || '$.schoolYear=' || NEW."SchoolYear"::text), NEW."DocumentId", 15);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SchoolYearType_ReferentialIdentity" ON "edfi"."SchoolYearType";
CREATE TRIGGER "TR_SchoolYearType_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."SchoolYearType"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_SchoolYearType_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SchoolYearType_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."SchoolYearType" (
            "OldSchoolYear",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."SchoolYear",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."CurrentSchoolYear" IS DISTINCT FROM NEW."CurrentSchoolYear" OR OLD."SchoolYear" IS DISTINCT FROM NEW."SchoolYear" OR OLD."SchoolYearDescription" IS DISTINCT FROM NEW."SchoolYearDescription") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."SchoolYear" IS DISTINCT FROM NEW."SchoolYear") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."SchoolYearType" (
            "OldSchoolYear",
            "NewSchoolYear",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."SchoolYear",
            NEW."SchoolYear",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SchoolYearType_Stamp" ON "edfi"."SchoolYearType";
CREATE TRIGGER "TR_SchoolYearType_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."SchoolYearType"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_SchoolYearType_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Section_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."CourseOffering_LocalCourseCode" IS DISTINCT FROM NEW."CourseOffering_LocalCourseCode" OR OLD."SchoolId_Unified" IS DISTINCT FROM NEW."SchoolId_Unified" OR OLD."CourseOffering_SchoolYear" IS DISTINCT FROM NEW."CourseOffering_SchoolYear" OR OLD."CourseOffering_SessionName" IS DISTINCT FROM NEW."CourseOffering_SessionName" OR OLD."SectionIdentifier" IS DISTINCT FROM NEW."SectionIdentifier") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 16;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiSection' || '$.courseOfferingReference.localCourseCode=' || NEW."CourseOffering_LocalCourseCode"::text || '#' || '$.courseOfferingReference.schoolId=' || NEW."CourseOffering_SchoolReferenceSchoolId"::text || '#' || '$.courseOfferingReference.schoolYear=' || NEW."CourseOffering_SchoolYear"::text || '#' || '$.courseOfferingReference.sessionName=' || NEW."CourseOffering_SessionName"::text || '#' || '$.sectionIdentifier=' || NEW."SectionIdentifier"::text), NEW."DocumentId", 16);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Section_ReferentialIdentity" ON "edfi"."Section";
CREATE TRIGGER "TR_Section_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."Section"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Section_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Section_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Section" (
            "OldCourseOffering_LocalCourseCode",
            "OldSchoolId_Unified",
            "OldCourseOffering_SchoolYear",
            "OldCourseOffering_SessionName",
            "OldSectionIdentifier",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."CourseOffering_LocalCourseCode",
            OLD."SchoolId_Unified",
            OLD."CourseOffering_SchoolYear",
            OLD."CourseOffering_SessionName",
            OLD."SectionIdentifier",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."SchoolId_Unified" IS DISTINCT FROM NEW."SchoolId_Unified" OR OLD."CourseOffering_DocumentId" IS DISTINCT FROM NEW."CourseOffering_DocumentId" OR OLD."CourseOffering_LocalCourseCode" IS DISTINCT FROM NEW."CourseOffering_LocalCourseCode" OR OLD."CourseOffering_SchoolYear" IS DISTINCT FROM NEW."CourseOffering_SchoolYear" OR OLD."CourseOffering_SessionName" IS DISTINCT FROM NEW."CourseOffering_SessionName" OR OLD."LocationSchool_DocumentId" IS DISTINCT FROM NEW."LocationSchool_DocumentId" OR OLD."LocationSchool_SchoolId" IS DISTINCT FROM NEW."LocationSchool_SchoolId" OR OLD."AvailableCreditConversion" IS DISTINCT FROM NEW."AvailableCreditConversion" OR OLD."AvailableCredits" IS DISTINCT FROM NEW."AvailableCredits" OR OLD."OfficialAttendancePeriod" IS DISTINCT FROM NEW."OfficialAttendancePeriod" OR OLD."SectionIdentifier" IS DISTINCT FROM NEW."SectionIdentifier" OR OLD."SectionName" IS DISTINCT FROM NEW."SectionName" OR OLD."SequenceOfCourse" IS DISTINCT FROM NEW."SequenceOfCourse") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."CourseOffering_LocalCourseCode" IS DISTINCT FROM NEW."CourseOffering_LocalCourseCode" OR OLD."SchoolId_Unified" IS DISTINCT FROM NEW."SchoolId_Unified" OR OLD."CourseOffering_SchoolYear" IS DISTINCT FROM NEW."CourseOffering_SchoolYear" OR OLD."CourseOffering_SessionName" IS DISTINCT FROM NEW."CourseOffering_SessionName" OR OLD."SectionIdentifier" IS DISTINCT FROM NEW."SectionIdentifier") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Section" (
            "OldCourseOffering_LocalCourseCode",
            "OldSchoolId_Unified",
            "OldCourseOffering_SchoolYear",
            "OldCourseOffering_SessionName",
            "OldSectionIdentifier",
            "NewCourseOffering_LocalCourseCode",
            "NewSchoolId_Unified",
            "NewCourseOffering_SchoolYear",
            "NewCourseOffering_SessionName",
            "NewSectionIdentifier",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."CourseOffering_LocalCourseCode",
            OLD."SchoolId_Unified",
            OLD."CourseOffering_SchoolYear",
            OLD."CourseOffering_SessionName",
            OLD."SectionIdentifier",
            NEW."CourseOffering_LocalCourseCode",
            NEW."SchoolId_Unified",
            NEW."CourseOffering_SchoolYear",
            NEW."CourseOffering_SessionName",
            NEW."SectionIdentifier",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Section_Stamp" ON "edfi"."Section";
CREATE TRIGGER "TR_Section_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."Section"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Section_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionClassPeriod_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Section_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionClassPeriod_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Section_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Section_DocumentId" IS DISTINCT FROM o."Section_DocumentId" OR n."ClassPeriod_DocumentId" IS DISTINCT FROM o."ClassPeriod_DocumentId" OR n."ClassPeriod_ClassPeriodName" IS DISTINCT FROM o."ClassPeriod_ClassPeriodName" OR n."ClassPeriod_SchoolId" IS DISTINCT FROM o."ClassPeriod_SchoolId"
        UNION
        SELECT o."Section_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Section_DocumentId" IS DISTINCT FROM o."Section_DocumentId" OR n."ClassPeriod_DocumentId" IS DISTINCT FROM o."ClassPeriod_DocumentId" OR n."ClassPeriod_ClassPeriodName" IS DISTINCT FROM o."ClassPeriod_ClassPeriodName" OR n."ClassPeriod_SchoolId" IS DISTINCT FROM o."ClassPeriod_SchoolId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionClassPeriod_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Section_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SectionClassPeriod_Stamp" ON "edfi"."SectionClassPeriod";
DROP TRIGGER IF EXISTS "TR_SectionClassPeriod_Stamp_ins" ON "edfi"."SectionClassPeriod";
CREATE TRIGGER "TR_SectionClassPeriod_Stamp_ins"
AFTER INSERT ON "edfi"."SectionClassPeriod"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionClassPeriod_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SectionClassPeriod_Stamp_upd" ON "edfi"."SectionClassPeriod";
CREATE TRIGGER "TR_SectionClassPeriod_Stamp_upd"
AFTER UPDATE ON "edfi"."SectionClassPeriod"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionClassPeriod_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SectionClassPeriod_Stamp_del" ON "edfi"."SectionClassPeriod";
CREATE TRIGGER "TR_SectionClassPeriod_Stamp_del"
AFTER DELETE ON "edfi"."SectionClassPeriod"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionClassPeriod_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionOfferedGradeLevel_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Section_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionOfferedGradeLevel_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Section_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Section_DocumentId" IS DISTINCT FROM o."Section_DocumentId" OR n."GradeLevelDescriptor_DescriptorId" IS DISTINCT FROM o."GradeLevelDescriptor_DescriptorId"
        UNION
        SELECT o."Section_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Section_DocumentId" IS DISTINCT FROM o."Section_DocumentId" OR n."GradeLevelDescriptor_DescriptorId" IS DISTINCT FROM o."GradeLevelDescriptor_DescriptorId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionOfferedGradeLevel_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Section_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SectionOfferedGradeLevel_Stamp" ON "edfi"."SectionOfferedGradeLevel";
DROP TRIGGER IF EXISTS "TR_SectionOfferedGradeLevel_Stamp_ins" ON "edfi"."SectionOfferedGradeLevel";
CREATE TRIGGER "TR_SectionOfferedGradeLevel_Stamp_ins"
AFTER INSERT ON "edfi"."SectionOfferedGradeLevel"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionOfferedGradeLevel_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SectionOfferedGradeLevel_Stamp_upd" ON "edfi"."SectionOfferedGradeLevel";
CREATE TRIGGER "TR_SectionOfferedGradeLevel_Stamp_upd"
AFTER UPDATE ON "edfi"."SectionOfferedGradeLevel"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionOfferedGradeLevel_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SectionOfferedGradeLevel_Stamp_del" ON "edfi"."SectionOfferedGradeLevel";
CREATE TRIGGER "TR_SectionOfferedGradeLevel_Stamp_del"
AFTER DELETE ON "edfi"."SectionOfferedGradeLevel"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionOfferedGradeLevel_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionProgram_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Section_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionProgram_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Section_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Section_DocumentId" IS DISTINCT FROM o."Section_DocumentId" OR n."Program_DocumentId" IS DISTINCT FROM o."Program_DocumentId" OR n."Program_EducationOrganizationId" IS DISTINCT FROM o."Program_EducationOrganizationId" OR n."Program_ProgramName" IS DISTINCT FROM o."Program_ProgramName" OR n."Program_ProgramTypeDescriptor_DescriptorId" IS DISTINCT FROM o."Program_ProgramTypeDescriptor_DescriptorId"
        UNION
        SELECT o."Section_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Section_DocumentId" IS DISTINCT FROM o."Section_DocumentId" OR n."Program_DocumentId" IS DISTINCT FROM o."Program_DocumentId" OR n."Program_EducationOrganizationId" IS DISTINCT FROM o."Program_EducationOrganizationId" OR n."Program_ProgramName" IS DISTINCT FROM o."Program_ProgramName" OR n."Program_ProgramTypeDescriptor_DescriptorId" IS DISTINCT FROM o."Program_ProgramTypeDescriptor_DescriptorId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_SectionProgram_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Section_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Section"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SectionProgram_Stamp" ON "edfi"."SectionProgram";
DROP TRIGGER IF EXISTS "TR_SectionProgram_Stamp_ins" ON "edfi"."SectionProgram";
CREATE TRIGGER "TR_SectionProgram_Stamp_ins"
AFTER INSERT ON "edfi"."SectionProgram"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionProgram_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SectionProgram_Stamp_upd" ON "edfi"."SectionProgram";
CREATE TRIGGER "TR_SectionProgram_Stamp_upd"
AFTER UPDATE ON "edfi"."SectionProgram"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionProgram_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SectionProgram_Stamp_del" ON "edfi"."SectionProgram";
CREATE TRIGGER "TR_SectionProgram_Stamp_del"
AFTER DELETE ON "edfi"."SectionProgram"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_SectionProgram_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Session_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId" OR OLD."SchoolYear_SchoolYear" IS DISTINCT FROM NEW."SchoolYear_SchoolYear" OR OLD."SessionName" IS DISTINCT FROM NEW."SessionName") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 17;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiSession' || '$.schoolReference.schoolId=' || NEW."School_SchoolId"::text || '#' || '$.schoolYearTypeReference.schoolYear=' || NEW."SchoolYear_SchoolYear"::text || '#' || '$.sessionName=' || NEW."SessionName"::text), NEW."DocumentId", 17);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Session_ReferentialIdentity" ON "edfi"."Session";
CREATE TRIGGER "TR_Session_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."Session"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Session_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Session_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Session" (
            "OldSchool_SchoolId",
            "OldSchoolYear_SchoolYear",
            "OldSessionName",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."School_SchoolId",
            OLD."SchoolYear_SchoolYear",
            OLD."SessionName",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."SchoolYear_DocumentId" IS DISTINCT FROM NEW."SchoolYear_DocumentId" OR OLD."SchoolYear_SchoolYear" IS DISTINCT FROM NEW."SchoolYear_SchoolYear" OR OLD."School_DocumentId" IS DISTINCT FROM NEW."School_DocumentId" OR OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId" OR OLD."TermDescriptor_DescriptorId" IS DISTINCT FROM NEW."TermDescriptor_DescriptorId" OR OLD."BeginDate" IS DISTINCT FROM NEW."BeginDate" OR OLD."EndDate" IS DISTINCT FROM NEW."EndDate" OR OLD."SessionName" IS DISTINCT FROM NEW."SessionName" OR OLD."TotalInstructionalDays" IS DISTINCT FROM NEW."TotalInstructionalDays") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId" OR OLD."SchoolYear_SchoolYear" IS DISTINCT FROM NEW."SchoolYear_SchoolYear" OR OLD."SessionName" IS DISTINCT FROM NEW."SessionName") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Session" (
            "OldSchool_SchoolId",
            "OldSchoolYear_SchoolYear",
            "OldSessionName",
            "NewSchool_SchoolId",
            "NewSchoolYear_SchoolYear",
            "NewSessionName",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."School_SchoolId",
            OLD."SchoolYear_SchoolYear",
            OLD."SessionName",
            NEW."School_SchoolId",
            NEW."SchoolYear_SchoolYear",
            NEW."SessionName",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Session_Stamp" ON "edfi"."Session";
CREATE TRIGGER "TR_Session_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."Session"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Session_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Staff_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."StaffUniqueId" IS DISTINCT FROM NEW."StaffUniqueId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 19;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiStaff' || '$.staffUniqueId=' || NEW."StaffUniqueId"::text), NEW."DocumentId", 19);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Staff_ReferentialIdentity" ON "edfi"."Staff";
CREATE TRIGGER "TR_Staff_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."Staff"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Staff_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Staff_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Staff" (
            "OldStaffUniqueId",
            "OldStaff_DocumentId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."StaffUniqueId",
            OLD."DocumentId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."SexDescriptor_DescriptorId" IS DISTINCT FROM NEW."SexDescriptor_DescriptorId" OR OLD."BirthDate" IS DISTINCT FROM NEW."BirthDate" OR OLD."FirstName" IS DISTINCT FROM NEW."FirstName" OR OLD."GenerationCodeSuffix" IS DISTINCT FROM NEW."GenerationCodeSuffix" OR OLD."HighlyQualifiedTeacher" IS DISTINCT FROM NEW."HighlyQualifiedTeacher" OR OLD."HispanicLatinoEthnicity" IS DISTINCT FROM NEW."HispanicLatinoEthnicity" OR OLD."LastSurname" IS DISTINCT FROM NEW."LastSurname" OR OLD."LoginId" IS DISTINCT FROM NEW."LoginId" OR OLD."MaidenName" IS DISTINCT FROM NEW."MaidenName" OR OLD."MiddleName" IS DISTINCT FROM NEW."MiddleName" OR OLD."PersonalTitlePrefix" IS DISTINCT FROM NEW."PersonalTitlePrefix" OR OLD."StaffUniqueId" IS DISTINCT FROM NEW."StaffUniqueId" OR OLD."YearsOfPriorProfessionalExperience" IS DISTINCT FROM NEW."YearsOfPriorProfessionalExperience" OR OLD."YearsOfPriorTeachingExperience" IS DISTINCT FROM NEW."YearsOfPriorTeachingExperience") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."StaffUniqueId" IS DISTINCT FROM NEW."StaffUniqueId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Staff" (
            "OldStaffUniqueId",
            "OldStaff_DocumentId",
            "NewStaffUniqueId",
            "NewStaff_DocumentId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."StaffUniqueId",
            OLD."DocumentId",
            NEW."StaffUniqueId",
            NEW."DocumentId",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Staff_Stamp" ON "edfi"."Staff";
CREATE TRIGGER "TR_Staff_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."Staff"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Staff_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffAddress_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Staff_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffAddress_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Staff_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Staff_DocumentId" IS DISTINCT FROM o."Staff_DocumentId" OR n."AddressTypeDescriptor_DescriptorId" IS DISTINCT FROM o."AddressTypeDescriptor_DescriptorId" OR n."StateAbbreviationDescriptor_DescriptorId" IS DISTINCT FROM o."StateAbbreviationDescriptor_DescriptorId" OR n."ApartmentRoomSuiteNumber" IS DISTINCT FROM o."ApartmentRoomSuiteNumber" OR n."BuildingSiteNumber" IS DISTINCT FROM o."BuildingSiteNumber" OR n."City" IS DISTINCT FROM o."City" OR n."CongressionalDistrict" IS DISTINCT FROM o."CongressionalDistrict" OR n."CountyFIPSCode" IS DISTINCT FROM o."CountyFIPSCode" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."Latitude" IS DISTINCT FROM o."Latitude" OR n."Longitude" IS DISTINCT FROM o."Longitude" OR n."NameOfCounty" IS DISTINCT FROM o."NameOfCounty" OR n."PostalCode" IS DISTINCT FROM o."PostalCode" OR n."StreetNumberName" IS DISTINCT FROM o."StreetNumberName"
        UNION
        SELECT o."Staff_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Staff_DocumentId" IS DISTINCT FROM o."Staff_DocumentId" OR n."AddressTypeDescriptor_DescriptorId" IS DISTINCT FROM o."AddressTypeDescriptor_DescriptorId" OR n."StateAbbreviationDescriptor_DescriptorId" IS DISTINCT FROM o."StateAbbreviationDescriptor_DescriptorId" OR n."ApartmentRoomSuiteNumber" IS DISTINCT FROM o."ApartmentRoomSuiteNumber" OR n."BuildingSiteNumber" IS DISTINCT FROM o."BuildingSiteNumber" OR n."City" IS DISTINCT FROM o."City" OR n."CongressionalDistrict" IS DISTINCT FROM o."CongressionalDistrict" OR n."CountyFIPSCode" IS DISTINCT FROM o."CountyFIPSCode" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."Latitude" IS DISTINCT FROM o."Latitude" OR n."Longitude" IS DISTINCT FROM o."Longitude" OR n."NameOfCounty" IS DISTINCT FROM o."NameOfCounty" OR n."PostalCode" IS DISTINCT FROM o."PostalCode" OR n."StreetNumberName" IS DISTINCT FROM o."StreetNumberName"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffAddress_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Staff_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StaffAddress_Stamp" ON "edfi"."StaffAddress";
DROP TRIGGER IF EXISTS "TR_StaffAddress_Stamp_ins" ON "edfi"."StaffAddress";
CREATE TRIGGER "TR_StaffAddress_Stamp_ins"
AFTER INSERT ON "edfi"."StaffAddress"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffAddress_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_StaffAddress_Stamp_upd" ON "edfi"."StaffAddress";
CREATE TRIGGER "TR_StaffAddress_Stamp_upd"
AFTER UPDATE ON "edfi"."StaffAddress"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffAddress_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_StaffAddress_Stamp_del" ON "edfi"."StaffAddress";
CREATE TRIGGER "TR_StaffAddress_Stamp_del"
AFTER DELETE ON "edfi"."StaffAddress"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffAddress_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffAddressPeriod_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Staff_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffAddressPeriod_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Staff_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ParentCollectionItemId" IS DISTINCT FROM o."ParentCollectionItemId" OR n."Staff_DocumentId" IS DISTINCT FROM o."Staff_DocumentId" OR n."BeginDate" IS DISTINCT FROM o."BeginDate" OR n."EndDate" IS DISTINCT FROM o."EndDate"
        UNION
        SELECT o."Staff_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ParentCollectionItemId" IS DISTINCT FROM o."ParentCollectionItemId" OR n."Staff_DocumentId" IS DISTINCT FROM o."Staff_DocumentId" OR n."BeginDate" IS DISTINCT FROM o."BeginDate" OR n."EndDate" IS DISTINCT FROM o."EndDate"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffAddressPeriod_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Staff_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StaffAddressPeriod_Stamp" ON "edfi"."StaffAddressPeriod";
DROP TRIGGER IF EXISTS "TR_StaffAddressPeriod_Stamp_ins" ON "edfi"."StaffAddressPeriod";
CREATE TRIGGER "TR_StaffAddressPeriod_Stamp_ins"
AFTER INSERT ON "edfi"."StaffAddressPeriod"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffAddressPeriod_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_StaffAddressPeriod_Stamp_upd" ON "edfi"."StaffAddressPeriod";
CREATE TRIGGER "TR_StaffAddressPeriod_Stamp_upd"
AFTER UPDATE ON "edfi"."StaffAddressPeriod"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffAddressPeriod_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_StaffAddressPeriod_Stamp_del" ON "edfi"."StaffAddressPeriod";
CREATE TRIGGER "TR_StaffAddressPeriod_Stamp_del"
AFTER DELETE ON "edfi"."StaffAddressPeriod"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffAddressPeriod_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffTelephone_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Staff_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffTelephone_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Staff_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Staff_DocumentId" IS DISTINCT FROM o."Staff_DocumentId" OR n."TelephoneNumberTypeDescriptor_DescriptorId" IS DISTINCT FROM o."TelephoneNumberTypeDescriptor_DescriptorId" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."OrderOfPriority" IS DISTINCT FROM o."OrderOfPriority" OR n."TelephoneNumber" IS DISTINCT FROM o."TelephoneNumber" OR n."TextMessageCapabilityIndicator" IS DISTINCT FROM o."TextMessageCapabilityIndicator"
        UNION
        SELECT o."Staff_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Staff_DocumentId" IS DISTINCT FROM o."Staff_DocumentId" OR n."TelephoneNumberTypeDescriptor_DescriptorId" IS DISTINCT FROM o."TelephoneNumberTypeDescriptor_DescriptorId" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."OrderOfPriority" IS DISTINCT FROM o."OrderOfPriority" OR n."TelephoneNumber" IS DISTINCT FROM o."TelephoneNumber" OR n."TextMessageCapabilityIndicator" IS DISTINCT FROM o."TextMessageCapabilityIndicator"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StaffTelephone_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Staff_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Staff"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StaffTelephone_Stamp" ON "edfi"."StaffTelephone";
DROP TRIGGER IF EXISTS "TR_StaffTelephone_Stamp_ins" ON "edfi"."StaffTelephone";
CREATE TRIGGER "TR_StaffTelephone_Stamp_ins"
AFTER INSERT ON "edfi"."StaffTelephone"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffTelephone_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_StaffTelephone_Stamp_upd" ON "edfi"."StaffTelephone";
CREATE TRIGGER "TR_StaffTelephone_Stamp_upd"
AFTER UPDATE ON "edfi"."StaffTelephone"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffTelephone_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_StaffTelephone_Stamp_del" ON "edfi"."StaffTelephone";
CREATE TRIGGER "TR_StaffTelephone_Stamp_del"
AFTER DELETE ON "edfi"."StaffTelephone"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "edfi"."TF_TR_StaffTelephone_Stamp_del"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Student_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."StudentUniqueId" IS DISTINCT FROM NEW."StudentUniqueId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 21;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiStudent' || '$.studentUniqueId=' || NEW."StudentUniqueId"::text), NEW."DocumentId", 21);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Student_ReferentialIdentity" ON "edfi"."Student";
CREATE TRIGGER "TR_Student_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."Student"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Student_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_Student_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Student" (
            "OldStudentUniqueId",
            "OldStudent_DocumentId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."StudentUniqueId",
            OLD."DocumentId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."BirthSexDescriptor_DescriptorId" IS DISTINCT FROM NEW."BirthSexDescriptor_DescriptorId" OR OLD."BirthStateAbbreviationDescriptor_DescriptorId" IS DISTINCT FROM NEW."BirthStateAbbreviationDescriptor_DescriptorId" OR OLD."BirthCity" IS DISTINCT FROM NEW."BirthCity" OR OLD."BirthDate" IS DISTINCT FROM NEW."BirthDate" OR OLD."BirthInternationalProvince" IS DISTINCT FROM NEW."BirthInternationalProvince" OR OLD."DateEnteredUS" IS DISTINCT FROM NEW."DateEnteredUS" OR OLD."FirstName" IS DISTINCT FROM NEW."FirstName" OR OLD."GenerationCodeSuffix" IS DISTINCT FROM NEW."GenerationCodeSuffix" OR OLD."LastSurname" IS DISTINCT FROM NEW."LastSurname" OR OLD."MaidenName" IS DISTINCT FROM NEW."MaidenName" OR OLD."MiddleName" IS DISTINCT FROM NEW."MiddleName" OR OLD."MultipleBirthStatus" IS DISTINCT FROM NEW."MultipleBirthStatus" OR OLD."PersonalTitlePrefix" IS DISTINCT FROM NEW."PersonalTitlePrefix" OR OLD."StudentUniqueId" IS DISTINCT FROM NEW."StudentUniqueId") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."StudentUniqueId" IS DISTINCT FROM NEW."StudentUniqueId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."Student" (
            "OldStudentUniqueId",
            "OldStudent_DocumentId",
            "NewStudentUniqueId",
            "NewStudent_DocumentId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."StudentUniqueId",
            OLD."DocumentId",
            NEW."StudentUniqueId",
            NEW."DocumentId",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Student_Stamp" ON "edfi"."Student";
CREATE TRIGGER "TR_Student_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."Student"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_Student_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StudentSchoolAssociation_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."EntryDate" IS DISTINCT FROM NEW."EntryDate" OR OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId" OR OLD."Student_StudentUniqueId" IS DISTINCT FROM NEW."Student_StudentUniqueId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 22;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiStudentSchoolAssociation' || '$.entryDate=' || NEW."EntryDate"::text || '#' || '$.schoolReference.schoolId=' || NEW."School_SchoolId"::text || '#' || '$.studentReference.studentUniqueId=' || NEW."Student_StudentUniqueId"::text), NEW."DocumentId", 22);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentSchoolAssociation_ReferentialIdentity" ON "edfi"."StudentSchoolAssociation";
CREATE TRIGGER "TR_StudentSchoolAssociation_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."StudentSchoolAssociation"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_StudentSchoolAssociation_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StudentSchoolAssociation_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."StudentSchoolAssociation" (
            "OldEntryDate",
            "OldSchool_SchoolId",
            "OldStudent_StudentUniqueId",
            "OldStudent_DocumentId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."EntryDate",
            OLD."School_SchoolId",
            OLD."Student_StudentUniqueId",
            OLD."Student_DocumentId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."ClassOfSchoolYear_DocumentId" IS DISTINCT FROM NEW."ClassOfSchoolYear_DocumentId" OR OLD."ClassOfSchoolYear_ClassOfSchoolYear" IS DISTINCT FROM NEW."ClassOfSchoolYear_ClassOfSchoolYear" OR OLD."SchoolYear_DocumentId" IS DISTINCT FROM NEW."SchoolYear_DocumentId" OR OLD."SchoolYear_SchoolYear" IS DISTINCT FROM NEW."SchoolYear_SchoolYear" OR OLD."School_DocumentId" IS DISTINCT FROM NEW."School_DocumentId" OR OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId" OR OLD."Student_DocumentId" IS DISTINCT FROM NEW."Student_DocumentId" OR OLD."Student_StudentUniqueId" IS DISTINCT FROM NEW."Student_StudentUniqueId" OR OLD."EntryGradeLevelDescriptor_DescriptorId" IS DISTINCT FROM NEW."EntryGradeLevelDescriptor_DescriptorId" OR OLD."EmployedWhileEnrolled" IS DISTINCT FROM NEW."EmployedWhileEnrolled" OR OLD."EntryDate" IS DISTINCT FROM NEW."EntryDate" OR OLD."ExitWithdrawDate" IS DISTINCT FROM NEW."ExitWithdrawDate" OR OLD."FullTimeEquivalency" IS DISTINCT FROM NEW."FullTimeEquivalency" OR OLD."PrimarySchool" IS DISTINCT FROM NEW."PrimarySchool" OR OLD."RepeatGradeIndicator" IS DISTINCT FROM NEW."RepeatGradeIndicator" OR OLD."SchoolChoiceTransfer" IS DISTINCT FROM NEW."SchoolChoiceTransfer" OR OLD."TermCompletionIndicator" IS DISTINCT FROM NEW."TermCompletionIndicator") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."EntryDate" IS DISTINCT FROM NEW."EntryDate" OR OLD."School_SchoolId" IS DISTINCT FROM NEW."School_SchoolId" OR OLD."Student_StudentUniqueId" IS DISTINCT FROM NEW."Student_StudentUniqueId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."StudentSchoolAssociation" (
            "OldEntryDate",
            "OldSchool_SchoolId",
            "OldStudent_StudentUniqueId",
            "OldStudent_DocumentId",
            "NewEntryDate",
            "NewSchool_SchoolId",
            "NewStudent_StudentUniqueId",
            "NewStudent_DocumentId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."EntryDate",
            OLD."School_SchoolId",
            OLD."Student_StudentUniqueId",
            OLD."Student_DocumentId",
            NEW."EntryDate",
            NEW."School_SchoolId",
            NEW."Student_StudentUniqueId",
            NEW."Student_DocumentId",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentSchoolAssociation_Stamp" ON "edfi"."StudentSchoolAssociation";
CREATE TRIGGER "TR_StudentSchoolAssociation_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."StudentSchoolAssociation"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_StudentSchoolAssociation_Stamp"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StudentSectionAssociation_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."BeginDate" IS DISTINCT FROM NEW."BeginDate" OR OLD."Section_LocalCourseCode" IS DISTINCT FROM NEW."Section_LocalCourseCode" OR OLD."Section_SchoolId" IS DISTINCT FROM NEW."Section_SchoolId" OR OLD."Section_SchoolYear" IS DISTINCT FROM NEW."Section_SchoolYear" OR OLD."Section_SectionIdentifier" IS DISTINCT FROM NEW."Section_SectionIdentifier" OR OLD."Section_SessionName" IS DISTINCT FROM NEW."Section_SessionName" OR OLD."Student_StudentUniqueId" IS DISTINCT FROM NEW."Student_StudentUniqueId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 23;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'Ed-FiStudentSectionAssociation' || '$.beginDate=' || NEW."BeginDate"::text || '#' || '$.sectionReference.localCourseCode=' || NEW."Section_LocalCourseCode"::text || '#' || '$.sectionReference.schoolId=' || NEW."Section_SchoolId"::text || '#' || '$.sectionReference.schoolYear=' || NEW."Section_SchoolYear"::text || '#' || '$.sectionReference.sectionIdentifier=' || NEW."Section_SectionIdentifier"::text || '#' || '$.sectionReference.sessionName=' || NEW."Section_SessionName"::text || '#' || '$.studentReference.studentUniqueId=' || NEW."Student_StudentUniqueId"::text), NEW."DocumentId", 23);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentSectionAssociation_ReferentialIdentity" ON "edfi"."StudentSectionAssociation";
CREATE TRIGGER "TR_StudentSectionAssociation_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "edfi"."StudentSectionAssociation"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_StudentSectionAssociation_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "edfi"."TF_TR_StudentSectionAssociation_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_edfi"."StudentSectionAssociation" (
            "OldBeginDate",
            "OldSection_LocalCourseCode",
            "OldSection_SchoolId",
            "OldSection_SchoolYear",
            "OldSection_SectionIdentifier",
            "OldSection_SessionName",
            "OldStudent_StudentUniqueId",
            "OldStudent_DocumentId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."BeginDate",
            OLD."Section_LocalCourseCode",
            OLD."Section_SchoolId",
            OLD."Section_SchoolYear",
            OLD."Section_SectionIdentifier",
            OLD."Section_SessionName",
            OLD."Student_StudentUniqueId",
            OLD."Student_DocumentId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."Section_DocumentId" IS DISTINCT FROM NEW."Section_DocumentId" OR OLD."Section_LocalCourseCode" IS DISTINCT FROM NEW."Section_LocalCourseCode" OR OLD."Section_SchoolId" IS DISTINCT FROM NEW."Section_SchoolId" OR OLD."Section_SchoolYear" IS DISTINCT FROM NEW."Section_SchoolYear" OR OLD."Section_SessionName" IS DISTINCT FROM NEW."Section_SessionName" OR OLD."Section_SectionIdentifier" IS DISTINCT FROM NEW."Section_SectionIdentifier" OR OLD."Student_DocumentId" IS DISTINCT FROM NEW."Student_DocumentId" OR OLD."Student_StudentUniqueId" IS DISTINCT FROM NEW."Student_StudentUniqueId" OR OLD."BeginDate" IS DISTINCT FROM NEW."BeginDate" OR OLD."EndDate" IS DISTINCT FROM NEW."EndDate" OR OLD."HomeroomIndicator" IS DISTINCT FROM NEW."HomeroomIndicator" OR OLD."TeacherStudentDataLinkExclusion" IS DISTINCT FROM NEW."TeacherStudentDataLinkExclusion") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."BeginDate" IS DISTINCT FROM NEW."BeginDate" OR OLD."Section_LocalCourseCode" IS DISTINCT FROM NEW."Section_LocalCourseCode" OR OLD."Section_SchoolId" IS DISTINCT FROM NEW."Section_SchoolId" OR OLD."Section_SchoolYear" IS DISTINCT FROM NEW."Section_SchoolYear" OR OLD."Section_SectionIdentifier" IS DISTINCT FROM NEW."Section_SectionIdentifier" OR OLD."Section_SessionName" IS DISTINCT FROM NEW."Section_SessionName" OR OLD."Student_StudentUniqueId" IS DISTINCT FROM NEW."Student_StudentUniqueId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_edfi"."StudentSectionAssociation" (
            "OldBeginDate",
            "OldSection_LocalCourseCode",
            "OldSection_SchoolId",
            "OldSection_SchoolYear",
            "OldSection_SectionIdentifier",
            "OldSection_SessionName",
            "OldStudent_StudentUniqueId",
            "OldStudent_DocumentId",
            "NewBeginDate",
            "NewSection_LocalCourseCode",
            "NewSection_SchoolId",
            "NewSection_SchoolYear",
            "NewSection_SectionIdentifier",
            "NewSection_SessionName",
            "NewStudent_StudentUniqueId",
            "NewStudent_DocumentId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."BeginDate",
            OLD."Section_LocalCourseCode",
            OLD."Section_SchoolId",
            OLD."Section_SchoolYear",
            OLD."Section_SectionIdentifier",
            OLD."Section_SessionName",
            OLD."Student_StudentUniqueId",
            OLD."Student_DocumentId",
            NEW."BeginDate",
            NEW."Section_LocalCourseCode",
            NEW."Section_SchoolId",
            NEW."Section_SchoolYear",
            NEW."Section_SectionIdentifier",
            NEW."Section_SessionName",
            NEW."Student_StudentUniqueId",
            NEW."Student_DocumentId",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentSectionAssociation_Stamp" ON "edfi"."StudentSectionAssociation";
CREATE TRIGGER "TR_StudentSectionAssociation_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "edfi"."StudentSectionAssociation"
FOR EACH ROW
EXECUTE FUNCTION "edfi"."TF_TR_StudentSectionAssociation_Stamp"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_Bus_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."BusId" IS DISTINCT FROM NEW."BusId") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 27;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'SampleBus' || '$.busId=' || NEW."BusId"::text), NEW."DocumentId", 27);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Bus_ReferentialIdentity" ON "sample"."Bus";
CREATE TRIGGER "TR_Bus_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "sample"."Bus"
FOR EACH ROW
EXECUTE FUNCTION "sample"."TF_TR_Bus_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_Bus_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_sample"."Bus" (
            "OldBusId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."BusId",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."BusId" IS DISTINCT FROM NEW."BusId") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."BusId" IS DISTINCT FROM NEW."BusId") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_sample"."Bus" (
            "OldBusId",
            "NewBusId",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."BusId",
            NEW."BusId",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_Bus_Stamp" ON "sample"."Bus";
CREATE TRIGGER "TR_Bus_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "sample"."Bus"
FOR EACH ROW
EXECUTE FUNCTION "sample"."TF_TR_Bus_Stamp"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRoute_ReferentialIdentity"()
RETURNS TRIGGER AS $func$
BEGIN
    IF TG_OP = 'INSERT' OR (OLD."Bus_BusId" IS DISTINCT FROM NEW."Bus_BusId" OR OLD."BusRouteNumber" IS DISTINCT FROM NEW."BusRouteNumber") THEN
        DELETE FROM "dms"."ReferentialIdentity"
        WHERE "DocumentId" = NEW."DocumentId" AND "ResourceKeyId" = 28;
        INSERT INTO "dms"."ReferentialIdentity" ("ReferentialId", "DocumentId", "ResourceKeyId")
        VALUES ("dms"."uuidv5"('edf1edf1-3df1-3df1-3df1-3df1edf1edf1'::uuid, 'SampleBusRoute' || '$.busReference.busId=' || NEW."Bus_BusId"::text || '#' || '$.busRouteNumber=' || NEW."BusRouteNumber"::text), NEW."DocumentId", 28);
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_BusRoute_ReferentialIdentity" ON "sample"."BusRoute";
CREATE TRIGGER "TR_BusRoute_ReferentialIdentity"
AFTER INSERT OR UPDATE ON "sample"."BusRoute"
FOR EACH ROW
EXECUTE FUNCTION "sample"."TF_TR_BusRoute_ReferentialIdentity"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRoute_Stamp"()
RETURNS TRIGGER AS $func$
DECLARE
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = OLD."DocumentId";
        INSERT INTO "tracked_changes_sample"."BusRoute" (
            "OldBus_BusId",
            "OldBusRouteNumber",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."Bus_BusId",
            OLD."BusRouteNumber",
            doc."DocumentUuid",
            doc."ContentVersion"
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = OLD."DocumentId";
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT (OLD."DocumentId" IS DISTINCT FROM NEW."DocumentId" OR OLD."Bus_DocumentId" IS DISTINCT FROM NEW."Bus_DocumentId" OR OLD."Bus_BusId" IS DISTINCT FROM NEW."Bus_BusId" OR OLD."BusRouteDirection" IS DISTINCT FROM NEW."BusRouteDirection" OR OLD."BusRouteDuration" IS DISTINCT FROM NEW."BusRouteDuration" OR OLD."BusRouteNumber" IS DISTINCT FROM NEW."BusRouteNumber" OR OLD."Daily" IS DISTINCT FROM NEW."Daily" OR OLD."ExpectedTransitTime" IS DISTINCT FROM NEW."ExpectedTransitTime" OR OLD."HoursPerWeek" IS DISTINCT FROM NEW."HoursPerWeek" OR OLD."OperatingCost" IS DISTINCT FROM NEW."OperatingCost" OR OLD."OptimalCapacity" IS DISTINCT FROM NEW."OptimalCapacity" OR OLD."StartDate" IS DISTINCT FROM NEW."StartDate" OR OLD."WeeklyMileage" IS DISTINCT FROM NEW."WeeklyMileage") THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT "ContentVersion", "ContentLastModifiedAt"
        INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt
        FROM "dms"."Document"
        WHERE "DocumentId" = NEW."DocumentId";
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE "dms"."Document"
        SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId"
        RETURNING "ContentVersion", "ContentLastModifiedAt" INTO STRICT _stampedContentVersion, _stampedContentLastModifiedAt;
        NEW."ContentVersion" := _stampedContentVersion;
        NEW."ContentLastModifiedAt" := _stampedContentLastModifiedAt;
    END IF;
    IF TG_OP = 'UPDATE' AND (OLD."Bus_BusId" IS DISTINCT FROM NEW."Bus_BusId" OR OLD."BusRouteNumber" IS DISTINCT FROM NEW."BusRouteNumber") THEN
        UPDATE "dms"."Document"
        SET "IdentityVersion" = nextval('"dms"."ChangeVersionSequence"'), "IdentityLastModifiedAt" = now()
        WHERE "DocumentId" = NEW."DocumentId";
        INSERT INTO "tracked_changes_sample"."BusRoute" (
            "OldBus_BusId",
            "OldBusRouteNumber",
            "NewBus_BusId",
            "NewBusRouteNumber",
            "Id",
            "ChangeVersion"
        )
        SELECT
            OLD."Bus_BusId",
            OLD."BusRouteNumber",
            NEW."Bus_BusId",
            NEW."BusRouteNumber",
            doc."DocumentUuid",
            _stampedContentVersion
        FROM "dms"."Document" doc
        WHERE doc."DocumentId" = NEW."DocumentId";
    END IF;
    RETURN NEW;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_BusRoute_Stamp" ON "sample"."BusRoute";
CREATE TRIGGER "TR_BusRoute_Stamp"
BEFORE INSERT OR UPDATE OR DELETE ON "sample"."BusRoute"
FOR EACH ROW
EXECUTE FUNCTION "sample"."TF_TR_BusRoute_Stamp"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteBusYear_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteBusYear_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."BusYear" IS DISTINCT FROM o."BusYear"
        UNION
        SELECT o."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."BusYear" IS DISTINCT FROM o."BusYear"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteBusYear_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_BusRouteBusYear_Stamp" ON "sample"."BusRouteBusYear";
DROP TRIGGER IF EXISTS "TR_BusRouteBusYear_Stamp_ins" ON "sample"."BusRouteBusYear";
CREATE TRIGGER "TR_BusRouteBusYear_Stamp_ins"
AFTER INSERT ON "sample"."BusRouteBusYear"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteBusYear_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_BusRouteBusYear_Stamp_upd" ON "sample"."BusRouteBusYear";
CREATE TRIGGER "TR_BusRouteBusYear_Stamp_upd"
AFTER UPDATE ON "sample"."BusRouteBusYear"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteBusYear_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_BusRouteBusYear_Stamp_del" ON "sample"."BusRouteBusYear";
CREATE TRIGGER "TR_BusRouteBusYear_Stamp_del"
AFTER DELETE ON "sample"."BusRouteBusYear"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteBusYear_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteProgram_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteProgram_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Program_DocumentId" IS DISTINCT FROM o."Program_DocumentId" OR n."Program_EducationOrganizationId" IS DISTINCT FROM o."Program_EducationOrganizationId" OR n."Program_ProgramName" IS DISTINCT FROM o."Program_ProgramName" OR n."Program_ProgramTypeDescriptor_DescriptorId" IS DISTINCT FROM o."Program_ProgramTypeDescriptor_DescriptorId"
        UNION
        SELECT o."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Program_DocumentId" IS DISTINCT FROM o."Program_DocumentId" OR n."Program_EducationOrganizationId" IS DISTINCT FROM o."Program_EducationOrganizationId" OR n."Program_ProgramName" IS DISTINCT FROM o."Program_ProgramName" OR n."Program_ProgramTypeDescriptor_DescriptorId" IS DISTINCT FROM o."Program_ProgramTypeDescriptor_DescriptorId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteProgram_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_BusRouteProgram_Stamp" ON "sample"."BusRouteProgram";
DROP TRIGGER IF EXISTS "TR_BusRouteProgram_Stamp_ins" ON "sample"."BusRouteProgram";
CREATE TRIGGER "TR_BusRouteProgram_Stamp_ins"
AFTER INSERT ON "sample"."BusRouteProgram"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteProgram_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_BusRouteProgram_Stamp_upd" ON "sample"."BusRouteProgram";
CREATE TRIGGER "TR_BusRouteProgram_Stamp_upd"
AFTER UPDATE ON "sample"."BusRouteProgram"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteProgram_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_BusRouteProgram_Stamp_del" ON "sample"."BusRouteProgram";
CREATE TRIGGER "TR_BusRouteProgram_Stamp_del"
AFTER DELETE ON "sample"."BusRouteProgram"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteProgram_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteServiceAreaPostalCode_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteServiceAreaPostalCode_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ServiceAreaPostalCode" IS DISTINCT FROM o."ServiceAreaPostalCode"
        UNION
        SELECT o."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ServiceAreaPostalCode" IS DISTINCT FROM o."ServiceAreaPostalCode"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteServiceAreaPostalCode_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_BusRouteServiceAreaPostalCode_Stamp" ON "sample"."BusRouteServiceAreaPostalCode";
DROP TRIGGER IF EXISTS "TR_BusRouteServiceAreaPostalCode_Stamp_ins" ON "sample"."BusRouteServiceAreaPostalCode";
CREATE TRIGGER "TR_BusRouteServiceAreaPostalCode_Stamp_ins"
AFTER INSERT ON "sample"."BusRouteServiceAreaPostalCode"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteServiceAreaPostalCode_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_BusRouteServiceAreaPostalCode_Stamp_upd" ON "sample"."BusRouteServiceAreaPostalCode";
CREATE TRIGGER "TR_BusRouteServiceAreaPostalCode_Stamp_upd"
AFTER UPDATE ON "sample"."BusRouteServiceAreaPostalCode"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteServiceAreaPostalCode_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_BusRouteServiceAreaPostalCode_Stamp_del" ON "sample"."BusRouteServiceAreaPostalCode";
CREATE TRIGGER "TR_BusRouteServiceAreaPostalCode_Stamp_del"
AFTER DELETE ON "sample"."BusRouteServiceAreaPostalCode"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteServiceAreaPostalCode_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteStartTime_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteStartTime_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."StartTime" IS DISTINCT FROM o."StartTime"
        UNION
        SELECT o."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."StartTime" IS DISTINCT FROM o."StartTime"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteStartTime_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_BusRouteStartTime_Stamp" ON "sample"."BusRouteStartTime";
DROP TRIGGER IF EXISTS "TR_BusRouteStartTime_Stamp_ins" ON "sample"."BusRouteStartTime";
CREATE TRIGGER "TR_BusRouteStartTime_Stamp_ins"
AFTER INSERT ON "sample"."BusRouteStartTime"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteStartTime_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_BusRouteStartTime_Stamp_upd" ON "sample"."BusRouteStartTime";
CREATE TRIGGER "TR_BusRouteStartTime_Stamp_upd"
AFTER UPDATE ON "sample"."BusRouteStartTime"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteStartTime_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_BusRouteStartTime_Stamp_del" ON "sample"."BusRouteStartTime";
CREATE TRIGGER "TR_BusRouteStartTime_Stamp_del"
AFTER DELETE ON "sample"."BusRouteStartTime"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteStartTime_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteTelephone_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteTelephone_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."BusRoute_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."TelephoneNumberTypeDescriptor_DescriptorId" IS DISTINCT FROM o."TelephoneNumberTypeDescriptor_DescriptorId" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."OrderOfPriority" IS DISTINCT FROM o."OrderOfPriority" OR n."TelephoneNumber" IS DISTINCT FROM o."TelephoneNumber" OR n."TextMessageCapabilityIndicator" IS DISTINCT FROM o."TextMessageCapabilityIndicator"
        UNION
        SELECT o."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."BusRoute_DocumentId" IS DISTINCT FROM o."BusRoute_DocumentId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."TelephoneNumberTypeDescriptor_DescriptorId" IS DISTINCT FROM o."TelephoneNumberTypeDescriptor_DescriptorId" OR n."DoNotPublishIndicator" IS DISTINCT FROM o."DoNotPublishIndicator" OR n."OrderOfPriority" IS DISTINCT FROM o."OrderOfPriority" OR n."TelephoneNumber" IS DISTINCT FROM o."TelephoneNumber" OR n."TextMessageCapabilityIndicator" IS DISTINCT FROM o."TextMessageCapabilityIndicator"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_BusRouteTelephone_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."BusRoute_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "sample"."BusRoute"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_BusRouteTelephone_Stamp" ON "sample"."BusRouteTelephone";
DROP TRIGGER IF EXISTS "TR_BusRouteTelephone_Stamp_ins" ON "sample"."BusRouteTelephone";
CREATE TRIGGER "TR_BusRouteTelephone_Stamp_ins"
AFTER INSERT ON "sample"."BusRouteTelephone"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteTelephone_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_BusRouteTelephone_Stamp_upd" ON "sample"."BusRouteTelephone";
CREATE TRIGGER "TR_BusRouteTelephone_Stamp_upd"
AFTER UPDATE ON "sample"."BusRouteTelephone"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteTelephone_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_BusRouteTelephone_Stamp_del" ON "sample"."BusRouteTelephone";
CREATE TRIGGER "TR_BusRouteTelephone_Stamp_del"
AFTER DELETE ON "sample"."BusRouteTelephone"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_BusRouteTelephone_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_SchoolExtension_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_SchoolExtension_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."DocumentId" = n."DocumentId"
        WHERE o."DocumentId" IS NULL OR n."DocumentId" IS DISTINCT FROM o."DocumentId" OR n."IsExemplary" IS DISTINCT FROM o."IsExemplary"
        UNION
        SELECT o."DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."DocumentId" = o."DocumentId"
        WHERE n."DocumentId" IS NULL OR n."DocumentId" IS DISTINCT FROM o."DocumentId" OR n."IsExemplary" IS DISTINCT FROM o."IsExemplary"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_SchoolExtension_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SchoolExtension_Stamp" ON "sample"."SchoolExtension";
DROP TRIGGER IF EXISTS "TR_SchoolExtension_Stamp_ins" ON "sample"."SchoolExtension";
CREATE TRIGGER "TR_SchoolExtension_Stamp_ins"
AFTER INSERT ON "sample"."SchoolExtension"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_SchoolExtension_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SchoolExtension_Stamp_upd" ON "sample"."SchoolExtension";
CREATE TRIGGER "TR_SchoolExtension_Stamp_upd"
AFTER UPDATE ON "sample"."SchoolExtension"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_SchoolExtension_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SchoolExtension_Stamp_del" ON "sample"."SchoolExtension";
CREATE TRIGGER "TR_SchoolExtension_Stamp_del"
AFTER DELETE ON "sample"."SchoolExtension"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_SchoolExtension_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_SchoolExtensionDirectlyOwnedBus_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."School_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_SchoolExtensionDirectlyOwnedBus_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."School_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."DirectlyOwnedBus_DocumentId" IS DISTINCT FROM o."DirectlyOwnedBus_DocumentId" OR n."DirectlyOwnedBus_BusId" IS DISTINCT FROM o."DirectlyOwnedBus_BusId"
        UNION
        SELECT o."School_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."School_DocumentId" IS DISTINCT FROM o."School_DocumentId" OR n."DirectlyOwnedBus_DocumentId" IS DISTINCT FROM o."DirectlyOwnedBus_DocumentId" OR n."DirectlyOwnedBus_BusId" IS DISTINCT FROM o."DirectlyOwnedBus_BusId"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_SchoolExtensionDirectlyOwnedBus_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."School_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."School"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_SchoolExtensionDirectlyOwnedBus_Stamp" ON "sample"."SchoolExtensionDirectlyOwnedBus";
DROP TRIGGER IF EXISTS "TR_SchoolExtensionDirectlyOwnedBus_Stamp_ins" ON "sample"."SchoolExtensionDirectlyOwnedBus";
CREATE TRIGGER "TR_SchoolExtensionDirectlyOwnedBus_Stamp_ins"
AFTER INSERT ON "sample"."SchoolExtensionDirectlyOwnedBus"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_SchoolExtensionDirectlyOwnedBus_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_SchoolExtensionDirectlyOwnedBus_Stamp_upd" ON "sample"."SchoolExtensionDirectlyOwnedBus";
CREATE TRIGGER "TR_SchoolExtensionDirectlyOwnedBus_Stamp_upd"
AFTER UPDATE ON "sample"."SchoolExtensionDirectlyOwnedBus"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_SchoolExtensionDirectlyOwnedBus_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_SchoolExtensionDirectlyOwnedBus_Stamp_del" ON "sample"."SchoolExtensionDirectlyOwnedBus";
CREATE TRIGGER "TR_SchoolExtensionDirectlyOwnedBus_Stamp_del"
AFTER DELETE ON "sample"."SchoolExtensionDirectlyOwnedBus"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_SchoolExtensionDirectlyOwnedBus_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtension_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtension_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."DocumentId" = n."DocumentId"
        WHERE o."DocumentId" IS NULL OR n."DocumentId" IS DISTINCT FROM o."DocumentId" OR n."PetPreferenceMaximumWeight" IS DISTINCT FROM o."PetPreferenceMaximumWeight" OR n."PetPreferenceMinimumWeight" IS DISTINCT FROM o."PetPreferenceMinimumWeight"
        UNION
        SELECT o."DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."DocumentId" = o."DocumentId"
        WHERE n."DocumentId" IS NULL OR n."DocumentId" IS DISTINCT FROM o."DocumentId" OR n."PetPreferenceMaximumWeight" IS DISTINCT FROM o."PetPreferenceMaximumWeight" OR n."PetPreferenceMinimumWeight" IS DISTINCT FROM o."PetPreferenceMinimumWeight"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtension_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentExtension_Stamp" ON "sample"."StudentExtension";
DROP TRIGGER IF EXISTS "TR_StudentExtension_Stamp_ins" ON "sample"."StudentExtension";
CREATE TRIGGER "TR_StudentExtension_Stamp_ins"
AFTER INSERT ON "sample"."StudentExtension"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtension_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_StudentExtension_Stamp_upd" ON "sample"."StudentExtension";
CREATE TRIGGER "TR_StudentExtension_Stamp_upd"
AFTER UPDATE ON "sample"."StudentExtension"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtension_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_StudentExtension_Stamp_del" ON "sample"."StudentExtension";
CREATE TRIGGER "TR_StudentExtension_Stamp_del"
AFTER DELETE ON "sample"."StudentExtension"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtension_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionAquaticPet_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Student_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionAquaticPet_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Student_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Student_DocumentId" IS DISTINCT FROM o."Student_DocumentId" OR n."IsFixed" IS DISTINCT FROM o."IsFixed" OR n."MimimumTankVolume" IS DISTINCT FROM o."MimimumTankVolume" OR n."PetName" IS DISTINCT FROM o."PetName"
        UNION
        SELECT o."Student_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Student_DocumentId" IS DISTINCT FROM o."Student_DocumentId" OR n."IsFixed" IS DISTINCT FROM o."IsFixed" OR n."MimimumTankVolume" IS DISTINCT FROM o."MimimumTankVolume" OR n."PetName" IS DISTINCT FROM o."PetName"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionAquaticPet_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Student_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentExtensionAquaticPet_Stamp" ON "sample"."StudentExtensionAquaticPet";
DROP TRIGGER IF EXISTS "TR_StudentExtensionAquaticPet_Stamp_ins" ON "sample"."StudentExtensionAquaticPet";
CREATE TRIGGER "TR_StudentExtensionAquaticPet_Stamp_ins"
AFTER INSERT ON "sample"."StudentExtensionAquaticPet"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionAquaticPet_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_StudentExtensionAquaticPet_Stamp_upd" ON "sample"."StudentExtensionAquaticPet";
CREATE TRIGGER "TR_StudentExtensionAquaticPet_Stamp_upd"
AFTER UPDATE ON "sample"."StudentExtensionAquaticPet"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionAquaticPet_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_StudentExtensionAquaticPet_Stamp_del" ON "sample"."StudentExtensionAquaticPet";
CREATE TRIGGER "TR_StudentExtensionAquaticPet_Stamp_del"
AFTER DELETE ON "sample"."StudentExtensionAquaticPet"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionAquaticPet_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBook_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Student_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBook_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Student_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Student_DocumentId" IS DISTINCT FROM o."Student_DocumentId" OR n."FavoriteBookCategoryDescriptor_DescriptorId" IS DISTINCT FROM o."FavoriteBookCategoryDescriptor_DescriptorId" OR n."BookTitle" IS DISTINCT FROM o."BookTitle"
        UNION
        SELECT o."Student_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Student_DocumentId" IS DISTINCT FROM o."Student_DocumentId" OR n."FavoriteBookCategoryDescriptor_DescriptorId" IS DISTINCT FROM o."FavoriteBookCategoryDescriptor_DescriptorId" OR n."BookTitle" IS DISTINCT FROM o."BookTitle"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBook_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Student_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentExtensionFavoriteBook_Stamp" ON "sample"."StudentExtensionFavoriteBook";
DROP TRIGGER IF EXISTS "TR_StudentExtensionFavoriteBook_Stamp_ins" ON "sample"."StudentExtensionFavoriteBook";
CREATE TRIGGER "TR_StudentExtensionFavoriteBook_Stamp_ins"
AFTER INSERT ON "sample"."StudentExtensionFavoriteBook"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBook_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_StudentExtensionFavoriteBook_Stamp_upd" ON "sample"."StudentExtensionFavoriteBook";
CREATE TRIGGER "TR_StudentExtensionFavoriteBook_Stamp_upd"
AFTER UPDATE ON "sample"."StudentExtensionFavoriteBook"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBook_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_StudentExtensionFavoriteBook_Stamp_del" ON "sample"."StudentExtensionFavoriteBook";
CREATE TRIGGER "TR_StudentExtensionFavoriteBook_Stamp_del"
AFTER DELETE ON "sample"."StudentExtensionFavoriteBook"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBook_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBookArtMedia_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Student_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBookArtMedia_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Student_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ParentCollectionItemId" IS DISTINCT FROM o."ParentCollectionItemId" OR n."Student_DocumentId" IS DISTINCT FROM o."Student_DocumentId" OR n."ArtMediumDescriptor_DescriptorId" IS DISTINCT FROM o."ArtMediumDescriptor_DescriptorId" OR n."ArtPieces" IS DISTINCT FROM o."ArtPieces"
        UNION
        SELECT o."Student_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."ParentCollectionItemId" IS DISTINCT FROM o."ParentCollectionItemId" OR n."Student_DocumentId" IS DISTINCT FROM o."Student_DocumentId" OR n."ArtMediumDescriptor_DescriptorId" IS DISTINCT FROM o."ArtMediumDescriptor_DescriptorId" OR n."ArtPieces" IS DISTINCT FROM o."ArtPieces"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBookArtMedia_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Student_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentExtensionFavoriteBookArtMedia_Stamp" ON "sample"."StudentExtensionFavoriteBookArtMedia";
DROP TRIGGER IF EXISTS "TR_StudentExtensionFavoriteBookArtMedia_Stamp_ins" ON "sample"."StudentExtensionFavoriteBookArtMedia";
CREATE TRIGGER "TR_StudentExtensionFavoriteBookArtMedia_Stamp_ins"
AFTER INSERT ON "sample"."StudentExtensionFavoriteBookArtMedia"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBookArtMedia_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_StudentExtensionFavoriteBookArtMedia_Stamp_upd" ON "sample"."StudentExtensionFavoriteBookArtMedia";
CREATE TRIGGER "TR_StudentExtensionFavoriteBookArtMedia_Stamp_upd"
AFTER UPDATE ON "sample"."StudentExtensionFavoriteBookArtMedia"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBookArtMedia_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_StudentExtensionFavoriteBookArtMedia_Stamp_del" ON "sample"."StudentExtensionFavoriteBookArtMedia";
CREATE TRIGGER "TR_StudentExtensionFavoriteBookArtMedia_Stamp_del"
AFTER DELETE ON "sample"."StudentExtensionFavoriteBookArtMedia"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionFavoriteBookArtMedia_Stamp_del"();

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionPet_Stamp_ins"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT newtab."Student_DocumentId" AS "DocumentId"
        FROM newtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionPet_Stamp_upd"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT n."Student_DocumentId" AS "DocumentId"
        FROM newtab n
        LEFT JOIN oldtab o ON o."CollectionItemId" = n."CollectionItemId"
        WHERE o."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Student_DocumentId" IS DISTINCT FROM o."Student_DocumentId" OR n."IsFixed" IS DISTINCT FROM o."IsFixed" OR n."PetName" IS DISTINCT FROM o."PetName"
        UNION
        SELECT o."Student_DocumentId" AS "DocumentId"
        FROM oldtab o
        LEFT JOIN newtab n ON n."CollectionItemId" = o."CollectionItemId"
        WHERE n."CollectionItemId" IS NULL OR n."CollectionItemId" IS DISTINCT FROM o."CollectionItemId" OR n."Ordinal" IS DISTINCT FROM o."Ordinal" OR n."Student_DocumentId" IS DISTINCT FROM o."Student_DocumentId" OR n."IsFixed" IS DISTINCT FROM o."IsFixed" OR n."PetName" IS DISTINCT FROM o."PetName"
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "sample"."TF_TR_StudentExtensionPet_Stamp_del"()
RETURNS TRIGGER AS $func$
DECLARE
    _documentId bigint;
    _stampedContentVersion bigint;
    _stampedContentLastModifiedAt timestamp with time zone;
BEGIN
    FOR _documentId IN
        SELECT DISTINCT oldtab."Student_DocumentId" AS "DocumentId"
        FROM oldtab
        ORDER BY 1
    LOOP
        PERFORM FROM "dms"."Document" WHERE "DocumentId" = _documentId AND xmin <> pg_current_xact_id()::xid;
        IF FOUND THEN
            UPDATE "dms"."Document"
            SET "ContentVersion" = nextval('"dms"."ChangeVersionSequence"'), "ContentLastModifiedAt" = now()
            WHERE "DocumentId" = _documentId
            RETURNING "ContentVersion", "ContentLastModifiedAt" INTO _stampedContentVersion, _stampedContentLastModifiedAt;
            UPDATE "edfi"."Student"
            SET "ContentVersion" = _stampedContentVersion, "ContentLastModifiedAt" = _stampedContentLastModifiedAt
            WHERE "DocumentId" = _documentId;
        END IF;
    END LOOP;
    RETURN NULL;
END;
$func$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS "TR_StudentExtensionPet_Stamp" ON "sample"."StudentExtensionPet";
DROP TRIGGER IF EXISTS "TR_StudentExtensionPet_Stamp_ins" ON "sample"."StudentExtensionPet";
CREATE TRIGGER "TR_StudentExtensionPet_Stamp_ins"
AFTER INSERT ON "sample"."StudentExtensionPet"
REFERENCING NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionPet_Stamp_ins"();

DROP TRIGGER IF EXISTS "TR_StudentExtensionPet_Stamp_upd" ON "sample"."StudentExtensionPet";
CREATE TRIGGER "TR_StudentExtensionPet_Stamp_upd"
AFTER UPDATE ON "sample"."StudentExtensionPet"
REFERENCING OLD TABLE AS oldtab NEW TABLE AS newtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionPet_Stamp_upd"();

DROP TRIGGER IF EXISTS "TR_StudentExtensionPet_Stamp_del" ON "sample"."StudentExtensionPet";
CREATE TRIGGER "TR_StudentExtensionPet_Stamp_del"
AFTER DELETE ON "sample"."StudentExtensionPet"
REFERENCING OLD TABLE AS oldtab
FOR EACH STATEMENT
EXECUTE FUNCTION "sample"."TF_TR_StudentExtensionPet_Stamp_del"();

-- ==========================================================
-- Phase 10: Seed Data (insert-if-missing + validation)
-- ==========================================================

-- ResourceKey seed inserts (insert-if-missing)
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (1, 'Ed-Fi', 'AcademicSubjectDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (2, 'Ed-Fi', 'AddressTypeDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (3, 'Ed-Fi', 'ClassPeriod', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (4, 'Ed-Fi', 'Course', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (5, 'Ed-Fi', 'CourseIdentificationSystemDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (6, 'Ed-Fi', 'CourseOffering', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (7, 'Ed-Fi', 'EducationOrganization', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (8, 'Ed-Fi', 'EducationOrganizationCategoryDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (9, 'Ed-Fi', 'GradeLevelDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (10, 'Ed-Fi', 'LocalEducationAgency', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (11, 'Ed-Fi', 'LocalEducationAgencyCategoryDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (12, 'Ed-Fi', 'Program', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (13, 'Ed-Fi', 'ProgramTypeDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (14, 'Ed-Fi', 'School', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (15, 'Ed-Fi', 'SchoolYearType', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (16, 'Ed-Fi', 'Section', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (17, 'Ed-Fi', 'Session', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (18, 'Ed-Fi', 'SexDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (19, 'Ed-Fi', 'Staff', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (20, 'Ed-Fi', 'StateAbbreviationDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (21, 'Ed-Fi', 'Student', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (22, 'Ed-Fi', 'StudentSchoolAssociation', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (23, 'Ed-Fi', 'StudentSectionAssociation', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (24, 'Ed-Fi', 'TelephoneNumberTypeDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (25, 'Ed-Fi', 'TermDescriptor', '5.2.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (26, 'Sample', 'ArtMediumDescriptor', '1.0.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (27, 'Sample', 'Bus', '1.0.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (28, 'Sample', 'BusRoute', '1.0.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;
INSERT INTO "dms"."ResourceKey" ("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
VALUES (29, 'Sample', 'FavoriteBookCategoryDescriptor', '1.0.0')
ON CONFLICT ("ResourceKeyId") DO NOTHING;

-- ResourceKey full-table validation (count + content)
DO $$
DECLARE
    _actual_count integer;
    _mismatched_count integer;
    _mismatched_ids text;
BEGIN
    SELECT COUNT(*) INTO _actual_count FROM "dms"."ResourceKey";
    IF _actual_count <> 29 THEN
        RAISE EXCEPTION 'dms.ResourceKey count mismatch: expected 29, found %', _actual_count;
    END IF;

    SELECT COUNT(*) INTO _mismatched_count
    FROM "dms"."ResourceKey" rk
    WHERE NOT EXISTS (
        SELECT 1 FROM (VALUES
            (1::smallint, 'Ed-Fi', 'AcademicSubjectDescriptor', '5.2.0'),
            (2::smallint, 'Ed-Fi', 'AddressTypeDescriptor', '5.2.0'),
            (3::smallint, 'Ed-Fi', 'ClassPeriod', '5.2.0'),
            (4::smallint, 'Ed-Fi', 'Course', '5.2.0'),
            (5::smallint, 'Ed-Fi', 'CourseIdentificationSystemDescriptor', '5.2.0'),
            (6::smallint, 'Ed-Fi', 'CourseOffering', '5.2.0'),
            (7::smallint, 'Ed-Fi', 'EducationOrganization', '5.2.0'),
            (8::smallint, 'Ed-Fi', 'EducationOrganizationCategoryDescriptor', '5.2.0'),
            (9::smallint, 'Ed-Fi', 'GradeLevelDescriptor', '5.2.0'),
            (10::smallint, 'Ed-Fi', 'LocalEducationAgency', '5.2.0'),
            (11::smallint, 'Ed-Fi', 'LocalEducationAgencyCategoryDescriptor', '5.2.0'),
            (12::smallint, 'Ed-Fi', 'Program', '5.2.0'),
            (13::smallint, 'Ed-Fi', 'ProgramTypeDescriptor', '5.2.0'),
            (14::smallint, 'Ed-Fi', 'School', '5.2.0'),
            (15::smallint, 'Ed-Fi', 'SchoolYearType', '5.2.0'),
            (16::smallint, 'Ed-Fi', 'Section', '5.2.0'),
            (17::smallint, 'Ed-Fi', 'Session', '5.2.0'),
            (18::smallint, 'Ed-Fi', 'SexDescriptor', '5.2.0'),
            (19::smallint, 'Ed-Fi', 'Staff', '5.2.0'),
            (20::smallint, 'Ed-Fi', 'StateAbbreviationDescriptor', '5.2.0'),
            (21::smallint, 'Ed-Fi', 'Student', '5.2.0'),
            (22::smallint, 'Ed-Fi', 'StudentSchoolAssociation', '5.2.0'),
            (23::smallint, 'Ed-Fi', 'StudentSectionAssociation', '5.2.0'),
            (24::smallint, 'Ed-Fi', 'TelephoneNumberTypeDescriptor', '5.2.0'),
            (25::smallint, 'Ed-Fi', 'TermDescriptor', '5.2.0'),
            (26::smallint, 'Sample', 'ArtMediumDescriptor', '1.0.0'),
            (27::smallint, 'Sample', 'Bus', '1.0.0'),
            (28::smallint, 'Sample', 'BusRoute', '1.0.0'),
            (29::smallint, 'Sample', 'FavoriteBookCategoryDescriptor', '1.0.0')
        ) AS expected("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
        WHERE expected."ResourceKeyId" = rk."ResourceKeyId"
        AND expected."ProjectName" = rk."ProjectName"
        AND expected."ResourceName" = rk."ResourceName"
        AND expected."ResourceVersion" = rk."ResourceVersion"
    );
    IF _mismatched_count > 0 THEN
        SELECT string_agg(sub.id, ', ' ORDER BY sub.id_num) INTO _mismatched_ids
        FROM (
            SELECT rk."ResourceKeyId"::text AS id, rk."ResourceKeyId" AS id_num
            FROM "dms"."ResourceKey" rk
            WHERE NOT EXISTS (
                SELECT 1 FROM (VALUES
                    (1::smallint, 'Ed-Fi', 'AcademicSubjectDescriptor', '5.2.0'),
                    (2::smallint, 'Ed-Fi', 'AddressTypeDescriptor', '5.2.0'),
                    (3::smallint, 'Ed-Fi', 'ClassPeriod', '5.2.0'),
                    (4::smallint, 'Ed-Fi', 'Course', '5.2.0'),
                    (5::smallint, 'Ed-Fi', 'CourseIdentificationSystemDescriptor', '5.2.0'),
                    (6::smallint, 'Ed-Fi', 'CourseOffering', '5.2.0'),
                    (7::smallint, 'Ed-Fi', 'EducationOrganization', '5.2.0'),
                    (8::smallint, 'Ed-Fi', 'EducationOrganizationCategoryDescriptor', '5.2.0'),
                    (9::smallint, 'Ed-Fi', 'GradeLevelDescriptor', '5.2.0'),
                    (10::smallint, 'Ed-Fi', 'LocalEducationAgency', '5.2.0'),
                    (11::smallint, 'Ed-Fi', 'LocalEducationAgencyCategoryDescriptor', '5.2.0'),
                    (12::smallint, 'Ed-Fi', 'Program', '5.2.0'),
                    (13::smallint, 'Ed-Fi', 'ProgramTypeDescriptor', '5.2.0'),
                    (14::smallint, 'Ed-Fi', 'School', '5.2.0'),
                    (15::smallint, 'Ed-Fi', 'SchoolYearType', '5.2.0'),
                    (16::smallint, 'Ed-Fi', 'Section', '5.2.0'),
                    (17::smallint, 'Ed-Fi', 'Session', '5.2.0'),
                    (18::smallint, 'Ed-Fi', 'SexDescriptor', '5.2.0'),
                    (19::smallint, 'Ed-Fi', 'Staff', '5.2.0'),
                    (20::smallint, 'Ed-Fi', 'StateAbbreviationDescriptor', '5.2.0'),
                    (21::smallint, 'Ed-Fi', 'Student', '5.2.0'),
                    (22::smallint, 'Ed-Fi', 'StudentSchoolAssociation', '5.2.0'),
                    (23::smallint, 'Ed-Fi', 'StudentSectionAssociation', '5.2.0'),
                    (24::smallint, 'Ed-Fi', 'TelephoneNumberTypeDescriptor', '5.2.0'),
                    (25::smallint, 'Ed-Fi', 'TermDescriptor', '5.2.0'),
                    (26::smallint, 'Sample', 'ArtMediumDescriptor', '1.0.0'),
                    (27::smallint, 'Sample', 'Bus', '1.0.0'),
                    (28::smallint, 'Sample', 'BusRoute', '1.0.0'),
                    (29::smallint, 'Sample', 'FavoriteBookCategoryDescriptor', '1.0.0')
                ) AS expected("ResourceKeyId", "ProjectName", "ResourceName", "ResourceVersion")
                WHERE expected."ResourceKeyId" = rk."ResourceKeyId"
                AND expected."ProjectName" = rk."ProjectName"
                AND expected."ResourceName" = rk."ResourceName"
                AND expected."ResourceVersion" = rk."ResourceVersion"
            )
            ORDER BY rk."ResourceKeyId"
            LIMIT 10
        ) sub;
        RAISE EXCEPTION 'dms.ResourceKey contents mismatch: % unexpected or modified rows (ResourceKeyIds: %). Run ddl provision for detailed row-level diff.', _mismatched_count, _mismatched_ids;
    END IF;
END $$;

-- EffectiveSchema singleton insert-if-missing
INSERT INTO "dms"."EffectiveSchema" ("EffectiveSchemaSingletonId", "ApiSchemaFormatVersion", "EffectiveSchemaHash", "ResourceKeyCount", "ResourceKeySeedHash")
VALUES (1, '1.0.0', '8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6', 29, '\x0CCC03FF5C3E370C48ADD2D86DB9FD9456206E3FD681D9FF8888A1D672F8C4FC'::bytea)
ON CONFLICT ("EffectiveSchemaSingletonId") DO NOTHING;

-- EffectiveSchema validation (ApiSchemaFormatVersion + ResourceKeyCount + ResourceKeySeedHash)
DO $$
DECLARE
    _stored_api_schema_format_version text;
    _stored_count smallint;
    _stored_hash bytea;
BEGIN
    SELECT "ApiSchemaFormatVersion", "ResourceKeyCount", "ResourceKeySeedHash" INTO _stored_api_schema_format_version, _stored_count, _stored_hash
    FROM "dms"."EffectiveSchema"
    WHERE "EffectiveSchemaSingletonId" = 1;
    IF _stored_count IS NOT NULL THEN
        IF _stored_api_schema_format_version IS NULL OR btrim(_stored_api_schema_format_version) = '' THEN
            RAISE EXCEPTION 'dms.EffectiveSchema.ApiSchemaFormatVersion must not be empty.';
        END IF;
        IF _stored_count <> 29 THEN
            RAISE EXCEPTION 'dms.EffectiveSchema ResourceKeyCount mismatch: expected 29, found %', _stored_count;
        END IF;
        IF _stored_hash <> '\x0CCC03FF5C3E370C48ADD2D86DB9FD9456206E3FD681D9FF8888A1D672F8C4FC'::bytea THEN
            RAISE EXCEPTION 'dms.EffectiveSchema ResourceKeySeedHash mismatch: stored % but expected %', encode(_stored_hash, 'hex'), encode('\x0CCC03FF5C3E370C48ADD2D86DB9FD9456206E3FD681D9FF8888A1D672F8C4FC'::bytea, 'hex');
        END IF;
    END IF;
END $$;

-- SchemaComponent seed inserts (insert-if-missing)
INSERT INTO "dms"."SchemaComponent" ("EffectiveSchemaHash", "ProjectEndpointName", "ProjectName", "ProjectVersion", "IsExtensionProject")
VALUES ('8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6', 'ed-fi', 'Ed-Fi', '5.2.0', false)
ON CONFLICT ("EffectiveSchemaHash", "ProjectEndpointName") DO NOTHING;
INSERT INTO "dms"."SchemaComponent" ("EffectiveSchemaHash", "ProjectEndpointName", "ProjectName", "ProjectVersion", "IsExtensionProject")
VALUES ('8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6', 'sample', 'Sample', '1.0.0', true)
ON CONFLICT ("EffectiveSchemaHash", "ProjectEndpointName") DO NOTHING;

-- SchemaComponent exact-match validation (count + content)
DO $$
DECLARE
    _actual_count integer;
    _mismatched_count integer;
    _mismatched_names text;
BEGIN
    SELECT COUNT(*) INTO _actual_count FROM "dms"."SchemaComponent" WHERE "EffectiveSchemaHash" = '8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6';
    IF _actual_count <> 2 THEN
        RAISE EXCEPTION 'dms.SchemaComponent count mismatch: expected 2, found %', _actual_count;
    END IF;

    SELECT COUNT(*) INTO _mismatched_count
    FROM "dms"."SchemaComponent" sc
    WHERE sc."EffectiveSchemaHash" = '8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6'
    AND NOT EXISTS (
        SELECT 1 FROM (VALUES
            ('ed-fi', 'Ed-Fi', '5.2.0', false),
            ('sample', 'Sample', '1.0.0', true)
        ) AS expected("ProjectEndpointName", "ProjectName", "ProjectVersion", "IsExtensionProject")
        WHERE expected."ProjectEndpointName" = sc."ProjectEndpointName"
        AND expected."ProjectName" = sc."ProjectName"
        AND expected."ProjectVersion" = sc."ProjectVersion"
        AND expected."IsExtensionProject" = sc."IsExtensionProject"
    );
    IF _mismatched_count > 0 THEN
        SELECT string_agg(sub.name, ', ' ORDER BY sub.name) INTO _mismatched_names
        FROM (
            SELECT sc."ProjectEndpointName" AS name
            FROM "dms"."SchemaComponent" sc
            WHERE sc."EffectiveSchemaHash" = '8fdb936f596e69fc22403fad5ef5dc53e11293ee627689ce7f65262d963dcbc6'
            AND NOT EXISTS (
                SELECT 1 FROM (VALUES
                    ('ed-fi', 'Ed-Fi', '5.2.0', false),
                    ('sample', 'Sample', '1.0.0', true)
                ) AS expected("ProjectEndpointName", "ProjectName", "ProjectVersion", "IsExtensionProject")
                WHERE expected."ProjectEndpointName" = sc."ProjectEndpointName"
                AND expected."ProjectName" = sc."ProjectName"
                AND expected."ProjectVersion" = sc."ProjectVersion"
                AND expected."IsExtensionProject" = sc."IsExtensionProject"
            )
            ORDER BY sc."ProjectEndpointName"
            LIMIT 10
        ) sub;
        RAISE EXCEPTION 'dms.SchemaComponent contents mismatch: % unexpected or modified rows (ProjectEndpointNames: %). Run ddl provision for detailed row-level diff.', _mismatched_count, _mismatched_names;
    END IF;
END $$;
